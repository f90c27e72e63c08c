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

#[derive(Debug)]
pub enum ClientSetupError {
    BadProxy { reason: String },
    CaFileUnreadable { path: PathBuf, reason: Text },
    CaFileNotPem { path: PathBuf },
    Build { reason: String },
}

impl std::fmt::Display for ClientSetupError {
    /// The English of [`ClientSetupError`]'s text: the catalogue is the one source of the sentence.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text().english())
    }
}

impl std::error::Error for ClientSetupError {}

impl ClientSetupError {
    /// The same sentence as `Display`, as a catalogue text for the user's language.
    pub fn text(&self) -> crate::i18n::Text {
        use crate::i18n::Text;
        match self {
            ClientSetupError::BadProxy { reason } => {
                Text::new("net.setup.bad_proxy").arg("reason", reason)
            }
            ClientSetupError::CaFileUnreadable { path, reason } => {
                Text::new("net.setup.ca_unreadable")
                    .arg_text("reason", reason.clone())
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

/// Who set the proxy a request goes through, for sentences such as "the proxy 10.0.0.5:3128 set by
/// HTTPS_PROXY".
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProxySource {
    /// [`NetSettings::proxy`].
    Settings,
    /// An environment variable (`HTTPS_PROXY`, `https_proxy`, `ALL_PROXY`, `all_proxy`).
    Environment(&'static str),
    /// The operating system's proxy settings (Windows, macOS).
    System,
}

impl ProxySource {
    /// "HTTPS_PROXY", "the assistant's network settings", "the system proxy settings".
    pub fn text(&self) -> Text {
        match self {
            ProxySource::Settings => Text::new("net.proxy.source.settings"),
            ProxySource::Environment(name) => Text::verbatim(name),
            ProxySource::System => Text::new("net.proxy.source.system"),
        }
    }
}

/// The proxy a request goes through. Its `Debug` leaves out the address as configured.
#[derive(Clone, PartialEq, Eq)]
pub struct ProxyChoice {
    /// `host:port` of the proxy (never its credentials).
    pub address: String,
    pub source: ProxySource,
    /// The proxy address as configured (may carry `user:password@`), handed to the HTTP stack.
    target: String,
}

impl std::fmt::Debug for ProxyChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProxyChoice")
            .field("address", &self.address)
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

/// Which destinations go through which proxy. The rules, in order:
/// 1. loopback destinations (127.0.0.0/8, ::1, `localhost`) never go through a proxy — the
///    stand-ins and a local ONES are on this machine, and a proxy would see the token or secret;
/// 2. plain-http destinations never do either (they are loopback only, see [`transport_allowed`]):
///    a token or secret is never handed to a proxy unencrypted — https goes through a proxy only
///    as an encrypted CONNECT tunnel;
/// 3. `NO_PROXY`/`no_proxy` (hosts, domains with subdomains, IPs, CIDR, `*`);
/// 4. the explicit proxy of [`NetSettings::proxy`], else `HTTPS_PROXY`, `https_proxy`,
///    `ALL_PROXY`, `all_proxy`, else the OS settings (Windows, macOS).
///
/// Its `Debug` names who configured the proxy and shows the matcher (whose `Debug` shows the proxy
/// without its credentials), never the address as configured, which may carry `user:password@`.
#[derive(Clone)]
pub struct ProxyRules {
    /// The configured proxy and who set it; `None` with the OS settings (or none at all).
    configured: Option<(String, ProxySource)>,
    matcher: std::sync::Arc<hyper_util::client::proxy::matcher::Matcher>,
}

impl std::fmt::Debug for ProxyRules {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProxyRules")
            .field(
                "source",
                &self.configured.as_ref().map(|(_, source)| source),
            )
            .field("matcher", &self.matcher)
            .finish()
    }
}

impl ProxyRules {
    /// The rules for `explicit` (the app's setting) and the process environment.
    pub fn new(explicit: Option<&str>) -> Result<Self, ClientSetupError> {
        Self::with_environment(explicit, |name| std::env::var(name).ok())
    }

    /// See [`ProxyRules::new`]; `env` looks a variable up (tests pass their own).
    pub fn with_environment(
        explicit: Option<&str>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, ClientSetupError> {
        use hyper_util::client::proxy::matcher::Matcher;
        let first = |names: &[&'static str]| {
            names.iter().find_map(|name| {
                env(name)
                    .map(|value| value.trim().to_owned())
                    .filter(|value| !value.is_empty())
                    .map(|value| (value, *name))
            })
        };
        let no_proxy = first(&["NO_PROXY", "no_proxy"])
            .map(|(value, _)| value)
            .unwrap_or_default();
        let configured = match explicit.map(str::trim).filter(|proxy| !proxy.is_empty()) {
            Some(proxy) => Some((proxy.to_owned(), ProxySource::Settings)),
            None => first(&["HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"])
                .map(|(value, name)| (value, ProxySource::Environment(name))),
        };
        let matcher = match &configured {
            Some((proxy, source)) => {
                // `proxy:3128` without a scheme is an http proxy, as curl reads it.
                let with_scheme = if proxy.contains("://") {
                    proxy.clone()
                } else {
                    format!("http://{proxy}")
                };
                let parsed = Url::parse(&with_scheme)
                    .ok()
                    .filter(|url| url.host_str().is_some_and(|host| !host.is_empty()));
                if parsed.is_none() {
                    let reason = match source {
                        ProxySource::Environment(name) => format!("{name} is not an address"),
                        _ => "not an address".to_owned(),
                    };
                    return Err(ClientSetupError::BadProxy { reason });
                }
                Matcher::builder()
                    .https(proxy.as_str())
                    .no(no_proxy.as_str())
                    .build()
            }
            None if cfg!(any(windows, target_os = "macos")) => Matcher::from_system(),
            None => Matcher::builder().build(),
        };
        Ok(Self {
            configured,
            matcher: std::sync::Arc::new(matcher),
        })
    }

    /// The proxy a request to `url` goes through, or `None` for a direct connection.
    pub fn proxy_for(&self, url: &Url) -> Option<ProxyChoice> {
        if url.scheme() != "https" || url_is_loopback(url) {
            return None;
        }
        let uri: hyper::Uri = url.as_str().parse().ok()?;
        let intercept = self.matcher.intercept(&uri)?;
        let proxy = intercept.uri();
        let address = match proxy.port_u16() {
            Some(port) => format!("{}:{port}", proxy.host().unwrap_or_default()),
            None => proxy.host().unwrap_or_default().to_owned(),
        };
        let (target, source) = match &self.configured {
            Some((configured, source)) => (configured.clone(), source.clone()),
            None => (proxy.to_string(), ProxySource::System),
        };
        Some(ProxyChoice {
            address,
            source,
            target,
        })
    }
}

/// The rules of the clients built last, for naming the proxy in failure sentences. The app and
/// the CLI use one [`NetSettings`] for all their clients.
fn current_rules() -> &'static std::sync::RwLock<Option<ProxyRules>> {
    static RULES: std::sync::OnceLock<std::sync::RwLock<Option<ProxyRules>>> =
        std::sync::OnceLock::new();
    RULES.get_or_init(Default::default)
}

/// The proxy a request to `url` goes through under the rules in force.
pub fn proxy_for(url: &Url) -> Option<ProxyChoice> {
    let rules = current_rules().read().ok()?.clone();
    match rules {
        Some(rules) => rules.proxy_for(url),
        None => ProxyRules::new(None).ok()?.proxy_for(url),
    }
}

/// Builds a client for `settings`. One client per concern is kept and reused.
pub fn build_client(settings: &NetSettings) -> Result<reqwest::Client, ClientSetupError> {
    let rules = ProxyRules::new(settings.proxy.as_deref())?;
    let for_client = rules.clone();
    let mut builder = reqwest::Client::builder()
        .timeout(Duration::from_secs(settings.timeout_secs.max(1)))
        .connect_timeout(Duration::from_secs(settings.connect_timeout_secs.max(1)))
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("ones-m365-assistant/", env!("CARGO_PKG_VERSION")))
        // reqwest's own environment proxy would send loopback and plain-http requests (with a
        // token or secret in them) to the proxy: the rules above decide instead.
        .no_proxy()
        .proxy(reqwest::Proxy::custom(move |url| {
            for_client.proxy_for(url).map(|choice| choice.target)
        }));
    if let Ok(mut current) = current_rules().write() {
        *current = Some(rules);
    }
    if let Some(path) = &settings.extra_ca_pem {
        let bytes = crate::files::read_input_file(path, crate::files::MAX_CERTIFICATE_BYTES)
            .map_err(|error| ClientSetupError::CaFileUnreadable {
                path: path.clone(),
                reason: error.reason_text(),
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

/// The largest answer body read from any server (Microsoft's login pages are ~200 KB).
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// Reads `response`'s body, at most [`MAX_BODY_BYTES`]: a longer answer is refused with its own
/// sentence (it is not the service the request was meant for) instead of growing memory. The
/// bytes are wiped from memory when dropped (they may hold tokens), also on the way: the buffer
/// is grown by hand so no copy is left behind by a reallocation.
pub async fn read_body(
    mut response: reqwest::Response,
    url: &Url,
    timeout_secs: u64,
) -> Result<zeroize::Zeroizing<Vec<u8>>, NetFailure> {
    let limit = MAX_BODY_BYTES;
    if response
        .content_length()
        .is_some_and(|length| length > limit as u64)
    {
        return Err(NetFailure::too_large(url, limit));
    }
    let expected = response.content_length().unwrap_or(16 * 1024) as usize;
    let mut body = zeroize::Zeroizing::new(Vec::with_capacity(expected.min(limit)));
    loop {
        let chunk = match response.chunk().await {
            Ok(Some(chunk)) => chunk,
            Ok(None) => return Ok(body),
            Err(error) => return Err(describe_failure(&error, url, timeout_secs)),
        };
        if body.len() + chunk.len() > limit {
            return Err(NetFailure::too_large(url, limit));
        }
        if body.capacity() < body.len() + chunk.len() {
            let capacity = (body.len() + chunk.len())
                .max(body.capacity() * 2)
                .min(limit);
            let mut grown = zeroize::Zeroizing::new(Vec::with_capacity(capacity));
            grown.extend_from_slice(&body);
            body = grown;
        }
        body.extend_from_slice(&chunk);
    }
}

/// A redirect's `Location` header as text; empty when it is missing or not text (the caller's
/// "no usable redirect" path).
pub fn location_header(response: &reqwest::Response) -> &str {
    response
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("")
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
    /// The answer was larger than [`MAX_BODY_BYTES`].
    TooLarge,
    Other,
}

/// A network failure turned into a sentence that names the host and says what to do. Its
/// `Display` is the sentence in English.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", text.english())]
pub struct NetFailure {
    pub kind: NetFailureKind,
    pub host: String,
    /// The sentence, rendered in any language.
    pub text: Text,
}

impl NetFailure {
    /// A request address that is not a URL (a library handed back something unusable).
    pub fn bad_address(error: &dyn std::fmt::Display) -> Self {
        let text = Text::new("checks.net.other")
            .arg("host", "the server")
            .arg("detail", error);
        NetFailure {
            kind: NetFailureKind::Other,
            host: "the server".to_owned(),
            text,
        }
    }

    /// An answer over `limit` bytes from `url`'s host.
    pub fn too_large(url: &Url, limit: usize) -> Self {
        let host = url.host_str().unwrap_or("the server").to_owned();
        let text = Text::new("checks.net.too_large")
            .arg("host", &host)
            .arg("limit", format!("{} MiB", limit / (1024 * 1024)));
        NetFailure {
            kind: NetFailureKind::TooLarge,
            host,
            text,
        }
    }

    /// The sentence in English (JSON, logs).
    pub fn sentence(&self) -> String {
        self.text.english()
    }

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
    /// What answered on the port does not speak TLS (a plain-http server, another service).
    NotTls,
    /// A TLS failure of another kind (protocol, handshake).
    Other,
}

impl CertificateProblem {
    /// "its certificate has expired" …, to follow "The secure connection to {host} failed: ", in any
    /// language.
    pub fn reason_text(self) -> Text {
        Text::new(match self {
            CertificateProblem::Expired => "checks.net.certificate.expired",
            CertificateProblem::OtherHost => "checks.net.certificate.other_host",
            CertificateProblem::UntrustedIssuer => "checks.net.certificate.untrusted_issuer",
            CertificateProblem::NotTls => "checks.net.certificate.not_tls",
            CertificateProblem::Other => "checks.net.certificate.other",
        })
    }
}

/// The certificate problem behind `error`, or `None` when it is not a TLS failure. Read from
/// rustls's own error type among the error's causes, never from message text.
pub fn certificate_problem(error: &reqwest::Error) -> Option<CertificateProblem> {
    tls_error(error).map(classify_tls_error)
}

/// rustls's error among `error`'s causes (directly or inside an `io::Error`).
fn tls_error(error: &reqwest::Error) -> Option<&tokio_rustls::rustls::Error> {
    use tokio_rustls::rustls;
    let mut source: Option<&(dyn std::error::Error + 'static)> = error.source();
    while let Some(cause) = source {
        if let Some(tls) = cause.downcast_ref::<rustls::Error>() {
            return Some(tls);
        }
        // The TLS stack wraps rustls's error in an `io::Error`, and the connector wraps that in
        // another one: unwrap every level (`io::Error::source` skips the wrapped error itself).
        let mut io = cause.downcast_ref::<std::io::Error>();
        while let Some(inner) = io.and_then(std::io::Error::get_ref) {
            if let Some(tls) = inner.downcast_ref::<rustls::Error>() {
                return Some(tls);
            }
            io = inner.downcast_ref::<std::io::Error>();
        }
        source = cause.source();
    }
    None
}

fn classify_tls_error(error: &tokio_rustls::rustls::Error) -> CertificateProblem {
    use tokio_rustls::rustls::{CertificateError, Error};
    match error {
        Error::InvalidCertificate(
            CertificateError::Expired | CertificateError::ExpiredContext { .. },
        ) => CertificateProblem::Expired,
        Error::InvalidCertificate(
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
        ) => CertificateProblem::OtherHost,
        Error::InvalidCertificate(CertificateError::UnknownIssuer) => {
            CertificateProblem::UntrustedIssuer
        }
        // Bytes that are not TLS at all: something else listens on that port.
        Error::InvalidMessage(_) | Error::InappropriateMessage { .. } => CertificateProblem::NotTls,
        _ => CertificateProblem::Other,
    }
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
    } else if let Some(problem) = certificate_problem(error) {
        (
            NetFailureKind::Tls,
            Text::new("checks.net.tls")
                .arg("host", &host)
                .arg_text("reason", problem.reason_text())
                .arg("detail", &chain),
        )
    } else if let Some(proxy) = proxy_for(url).filter(|_| error.is_connect()) {
        // Through a proxy, connecting and name lookup are the proxy's: name it and who set it.
        (
            NetFailureKind::Connect,
            Text::new("checks.net.proxy")
                .arg("host", &host)
                .arg("proxy", &proxy.address)
                .arg_text("source", proxy.source.text())
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
                .arg("port", url.port_or_known_default().unwrap_or(443))
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
    NetFailure { kind, host, text }
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

#[cfg(test)]
mod proxy_tests {
    use super::*;

    fn rules(vars: &[(&str, &str)]) -> ProxyRules {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
            .collect();
        ProxyRules::with_environment(None, move |name| {
            vars.iter()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.clone())
        })
        .unwrap()
    }

    fn url(text: &str) -> Url {
        Url::parse(text).unwrap()
    }

    #[test]
    fn debug_never_shows_the_proxy_password() {
        let rules = rules(&[(
            "HTTPS_PROXY",
            "http://proxy-user:Pr0xy-passw0rd@proxy.contoso.com:3128",
        )]);
        let choice = rules
            .proxy_for(&url("https://login.microsoftonline.com/x"))
            .unwrap();
        for debug in [format!("{rules:?}"), format!("{choice:?}")] {
            assert!(!debug.contains("Pr0xy-passw0rd"), "{debug}");
            assert!(debug.contains("proxy.contoso.com"), "{debug}");
            assert!(debug.contains("HTTPS_PROXY"), "{debug}");
        }
        // The configured address still reaches the HTTP stack whole.
        assert_eq!(
            choice.target,
            "http://proxy-user:Pr0xy-passw0rd@proxy.contoso.com:3128"
        );
    }

    #[test]
    fn https_goes_through_the_environment_proxy_and_names_it() {
        let rules = rules(&[("https_proxy", "http://user:pw@10.0.0.5:3128")]);
        let choice = rules
            .proxy_for(&url("https://login.microsoftonline.com/x"))
            .unwrap();
        assert_eq!(choice.address, "10.0.0.5:3128");
        assert_eq!(choice.source, ProxySource::Environment("https_proxy"));
        assert_eq!(
            Text::new("checks.net.proxy")
                .arg("host", "h")
                .arg("proxy", &choice.address)
                .arg_text("source", choice.source.text())
                .arg("detail", "d")
                .english(),
            "Could not reach h through the proxy 10.0.0.5:3128 set by https_proxy (d). Check the \
             proxy address and that it is running, or add h to NO_PROXY."
        );
    }

    #[test]
    fn loopback_and_plain_http_never_go_through_a_proxy() {
        let rules = rules(&[
            ("HTTP_PROXY", "http://10.0.0.5:3128"),
            ("HTTPS_PROXY", "http://10.0.0.5:3128"),
            ("ALL_PROXY", "http://10.0.0.5:3128"),
        ]);
        for target in [
            "http://127.0.0.1:8080/token",
            "https://127.0.0.1:8443/api",
            "https://127.7.7.7/",
            "https://localhost/",
            "https://[::1]:9/",
            "http://ones.example.com/",
        ] {
            assert_eq!(rules.proxy_for(&url(target)), None, "{target}");
        }
        assert!(rules.proxy_for(&url("https://ones.example.com/")).is_some());
    }

    #[test]
    fn no_proxy_exempts_hosts_domains_and_networks() {
        let rules = rules(&[
            ("ALL_PROXY", "http://10.0.0.5:3128"),
            ("NO_PROXY", "contoso.com, 192.168.0.0/16"),
        ]);
        assert_eq!(rules.proxy_for(&url("https://ones.contoso.com/")), None);
        assert_eq!(rules.proxy_for(&url("https://192.168.4.2/")), None);
        let choice = rules
            .proxy_for(&url("https://graph.microsoft.com/"))
            .unwrap();
        assert_eq!(choice.source, ProxySource::Environment("ALL_PROXY"));
    }

    #[test]
    fn an_unusable_proxy_variable_is_named() {
        let error = ProxyRules::with_environment(None, |name| {
            (name == "HTTPS_PROXY").then(|| "http://".to_owned())
        })
        .unwrap_err();
        assert!(error.to_string().contains("HTTPS_PROXY"), "{error}");
    }
}
