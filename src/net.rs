//! The one place HTTP clients are built and network failures become sentences.
//!
//! Every client has a connect timeout and a total timeout, honours `HTTPS_PROXY`/`NO_PROXY` (or an
//! explicit proxy from the app's settings), never follows redirects (OAuth endpoints and the ONES
//! API must answer themselves), and may trust an extra CA certificate (on-site ONES servers with an
//! internal CA). Plain http is allowed only to loopback addresses. No egui.

use std::error::Error as _;
use std::path::PathBuf;
use std::time::Duration;

use url::Url;

use crate::i18n::Text;
use crate::model::validation::url_is_loopback;

/// Default total time for one request; the bound is ≤ 10 s.
pub const DEFAULT_TIMEOUT_SECS: u64 = 10;
/// Default time to establish a TCP + TLS connection.
pub const DEFAULT_CONNECT_TIMEOUT_SECS: u64 = 5;

/// How the assistant reaches the network. Plain data, persisted with the app's settings.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct NetSettings {
    pub timeout_secs: u64,
    pub connect_timeout_secs: u64,
    /// An explicit proxy (`http://proxy:8080`); `None` uses `HTTPS_PROXY`/`NO_PROXY` from the
    /// environment (and the OS proxy where reqwest supports it).
    pub proxy: Option<String>,
    /// A PEM file with extra CA certificates to trust besides the system's.
    pub extra_ca_pem: Option<PathBuf>,
}

impl Default for NetSettings {
    fn default() -> Self {
        Self {
            timeout_secs: DEFAULT_TIMEOUT_SECS,
            connect_timeout_secs: DEFAULT_CONNECT_TIMEOUT_SECS,
            proxy: None,
            extra_ca_pem: None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ClientSetupError {
    #[error(
        "the proxy address is not usable ({reason}); enter it like http://proxy.example.com:8080"
    )]
    BadProxy { reason: String },
    #[error("can't read the CA certificate file ({source}); choose the PEM file again: {path}")]
    CaFileUnreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "the CA certificate file holds no PEM certificate (it should contain -----BEGIN CERTIFICATE-----): {path}"
    )]
    CaFileNotPem { path: PathBuf },
    #[error(
        "the HTTP client could not start ({reason}); on Linux install the ca-certificates package"
    )]
    Build { reason: String },
}

impl ClientSetupError {
    /// The same sentence as `Display`, as a catalogue text for the user's language.
    pub fn text(&self) -> crate::i18n::Text {
        use crate::i18n::Text;
        match self {
            ClientSetupError::BadProxy { reason } => {
                Text::new("net.setup.bad_proxy").arg("reason", reason)
            }
            ClientSetupError::CaFileUnreadable { path, source } => {
                Text::new("net.setup.ca_unreadable")
                    .arg("reason", source)
                    .arg("path", path.display())
            }
            ClientSetupError::CaFileNotPem { path } => {
                Text::new("net.setup.ca_not_pem").arg("path", path.display())
            }
            ClientSetupError::Build { reason } => {
                Text::new("net.setup.build").arg("reason", reason)
            }
        }
    }

    pub fn localized(&self) -> String {
        self.text().localized()
    }
}

/// Builds a client for `settings`. One client per concern is kept and reused.
pub fn build_client(settings: &NetSettings) -> Result<reqwest::Client, ClientSetupError> {
    let mut builder = reqwest::Client::builder()
        .timeout(Duration::from_secs(settings.timeout_secs.max(1)))
        .connect_timeout(Duration::from_secs(settings.connect_timeout_secs.max(1)))
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("ones-m365-assistant/", env!("CARGO_PKG_VERSION")));
    if let Some(proxy) = settings
        .proxy
        .as_deref()
        .map(str::trim)
        .filter(|proxy| !proxy.is_empty())
    {
        let proxy = reqwest::Proxy::all(proxy).map_err(|error| ClientSetupError::BadProxy {
            reason: error.to_string(),
        })?;
        // Loopback (the built-in stand-ins, a local ONES) never goes through an explicit proxy: the
        // proxy could not reach this machine's loopback anyway. `NO_PROXY` adds to that.
        let env_no_proxy = std::env::var("NO_PROXY")
            .or_else(|_| std::env::var("no_proxy"))
            .unwrap_or_default();
        let no_proxy =
            reqwest::NoProxy::from_string(&format!("localhost,127.0.0.1,::1,{env_no_proxy}"));
        builder = builder.proxy(proxy.no_proxy(no_proxy));
    }
    if let Some(path) = &settings.extra_ca_pem {
        let bytes = std::fs::read(path).map_err(|source| ClientSetupError::CaFileUnreadable {
            path: path.clone(),
            source,
        })?;
        let certificates = reqwest::Certificate::from_pem_bundle(&bytes)
            .ok()
            .filter(|certificates| !certificates.is_empty())
            .ok_or_else(|| ClientSetupError::CaFileNotPem { path: path.clone() })?;
        for certificate in certificates {
            builder = builder.add_root_certificate(certificate);
        }
    }
    builder.build().map_err(|error| ClientSetupError::Build {
        reason: error_chain(&error),
    })
}

/// Whether the assistant may talk to `url` at all: https anywhere, http only on loopback.
pub fn transport_allowed(url: &Url) -> bool {
    url.scheme() == "https" || (url.scheme() == "http" && url_is_loopback(url))
}

/// What went wrong on the wire, classified so callers can pick the right sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NetFailureKind {
    Timeout,
    Connect,
    Dns,
    Tls,
    /// The connection closed or the body was cut off mid-response.
    Interrupted,
    Other,
}

/// A network failure turned into a sentence that names the host and says what to do.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{sentence}")]
pub struct NetFailure {
    pub kind: NetFailureKind,
    pub host: String,
    /// In English (JSON, logs).
    pub sentence: String,
    /// [`NetFailure::sentence`] for rendering in any language.
    pub text: Text,
}

impl NetFailure {
    /// The sentence in the current language.
    pub fn localized_sentence(&self) -> String {
        self.text.localized()
    }
}

/// Why a secure connection failed, for callers whose advice depends on it (an on-site server with
/// an internal CA needs other advice than a proxy that re-signs certificates).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CertificateProblem {
    Expired,
    OtherHost,
    UntrustedIssuer,
    /// A TLS failure of another kind (protocol, handshake).
    Other,
}

impl CertificateProblem {
    /// "its certificate has expired" …, to follow "The secure connection to {host} failed: ".
    pub fn reason(self) -> &'static str {
        match self {
            CertificateProblem::Expired => "its certificate has expired",
            CertificateProblem::OtherHost => "its certificate is for another host name",
            CertificateProblem::UntrustedIssuer => {
                "its certificate is signed by an authority this computer does not trust"
            }
            CertificateProblem::Other => "the secure connection could not be established",
        }
    }

    /// [`CertificateProblem::reason`] as a text that renders in any language.
    pub fn reason_text(self) -> Text {
        Text::new(match self {
            CertificateProblem::Expired => "checks.net.certificate.expired",
            CertificateProblem::OtherHost => "checks.net.certificate.other_host",
            CertificateProblem::UntrustedIssuer => "checks.net.certificate.untrusted_issuer",
            CertificateProblem::Other => "checks.net.certificate.other",
        })
    }
}

/// The certificate problem behind `error`, or `None` when it is not a TLS failure.
pub fn certificate_problem(error: &reqwest::Error) -> Option<CertificateProblem> {
    certificate_problem_in(&error_chain(error).to_ascii_lowercase())
}

/// See [`certificate_problem`]; `lower` is the lowercase error chain.
fn certificate_problem_in(lower: &str) -> Option<CertificateProblem> {
    if !(lower.contains("certificate") || lower.contains("tls") || lower.contains("handshake")) {
        return None;
    }
    Some(if lower.contains("expired") {
        CertificateProblem::Expired
    } else if lower.contains("notvalidforname")
        || lower.contains("not valid for")
        || lower.contains("name")
    {
        CertificateProblem::OtherHost
    } else if lower.contains("unknownissuer")
        || lower.contains("unknown issuer")
        || lower.contains("issuer")
    {
        CertificateProblem::UntrustedIssuer
    } else {
        CertificateProblem::Other
    })
}

/// Classifies a reqwest error for `url` into a [`NetFailure`]. `timeout_secs` is the bound that
/// was in force (for the sentence).
pub fn describe_failure(error: &reqwest::Error, url: &Url, timeout_secs: u64) -> NetFailure {
    let host = url.host_str().unwrap_or("the server").to_owned();
    let chain = error_chain(error);
    let lower = chain.to_ascii_lowercase();
    let (kind, text) = if error.is_timeout() || lower.contains("timed out") {
        (
            NetFailureKind::Timeout,
            Text::new("checks.net.timeout")
                .arg("host", &host)
                .arg("seconds", timeout_secs),
        )
    } else if let Some(problem) = certificate_problem_in(&lower) {
        (
            NetFailureKind::Tls,
            Text::new("checks.net.tls")
                .arg("host", &host)
                .arg_text("reason", problem.reason_text())
                .arg("detail", &chain),
        )
    } else if lower.contains("dns")
        || lower.contains("failed to lookup")
        || lower.contains("name or service not known")
    {
        (
            NetFailureKind::Dns,
            Text::new("checks.net.dns").arg("host", &host),
        )
    } else if error.is_connect() {
        (
            NetFailureKind::Connect,
            Text::new("checks.net.connect")
                .arg("host", &host)
                .arg("detail", &chain),
        )
    } else if error.is_body()
        || error.is_decode()
        || lower.contains("connection closed")
        || lower.contains("reset")
        || lower.contains("incomplete")
    {
        (
            NetFailureKind::Interrupted,
            Text::new("checks.net.interrupted")
                .arg("host", &host)
                .arg("detail", &chain),
        )
    } else {
        (
            NetFailureKind::Other,
            Text::new("checks.net.other")
                .arg("host", &host)
                .arg("detail", &chain),
        )
    };
    NetFailure {
        kind,
        host,
        sentence: text.english(),
        text,
    }
}

/// An error and its causes, joined with `: ` (reqwest puts the useful part in the sources). URLs are
/// stripped from reqwest's own text because they can carry query strings.
pub fn error_chain(error: &reqwest::Error) -> String {
    let mut parts = vec![match error.url() {
        Some(url) => error
            .to_string()
            .replace(&format!(" ({url})"), "")
            .replace(url.as_str(), "the server"),
        None => error.to_string(),
    }];
    let mut source = error.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if parts.last() != Some(&text) {
            parts.push(text);
        }
        source = cause.source();
    }
    parts.join(": ")
}
