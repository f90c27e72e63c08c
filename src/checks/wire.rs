//! What every request to Microsoft shares, whichever module makes it: the HTTP client ([`Wire`]),
//! Microsoft's JSON error body ([`MicrosoftError`]), what a request came back with
//! ([`LoginAnswer`], [`ProbeError`]) and building endpoint addresses. The plain requests
//! ([`super::probe`]), the OAuth flows ([`super::oauth`]) and the room test's Graph reads build on
//! these, so none of them imports another. No egui.

use serde::Deserialize;
use url::Url;

use crate::i18n::Text;
use crate::net::{NetFailure, describe_failure};

/// The HTTP client and the bound in force (for the timeout sentence).
#[derive(Clone, Debug)]
pub struct Wire {
    pub client: reqwest::Client,
    pub timeout_secs: u64,
}

/// Microsoft's JSON error body of the token and discovery endpoints (also `oauth2`'s error response
/// type, see [`super::oauth`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(default)]
pub struct MicrosoftError {
    pub error: String,
    pub error_description: String,
    pub error_codes: Vec<u64>,
    pub timestamp: Option<String>,
    pub trace_id: Option<String>,
    pub correlation_id: Option<String>,
    pub error_uri: Option<String>,
}

impl std::fmt::Display for MicrosoftError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.code() {
            Some(code) => write!(f, "AADSTS{code} ({})", self.error),
            None => write!(f, "{}", self.error),
        }
    }
}

impl MicrosoftError {
    /// The first AADSTS code: the one to react on.
    pub fn code(&self) -> Option<u64> {
        self.error_codes.first().copied()
    }
}

/// Why a request produced no usable answer. Its `Display` is the English of [`ProbeError::text`]:
/// the catalogue is the one source of the sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProbeError {
    Network(NetFailure),
    ServerError {
        status: u16,
        host: String,
    },
    Unreadable {
        status: u16,
        host: String,
        reason: String,
    },
    /// An answer without an error code.
    UnexpectedStatus {
        status: u16,
        host: String,
    },
    /// The endpoint address is not usable.
    BadEndpoint {
        address: String,
        reason: String,
    },
}

impl std::fmt::Display for ProbeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text().english())
    }
}

impl std::error::Error for ProbeError {}

impl ProbeError {
    /// The sentence a person reads, with what to do, in any language. The one place probe
    /// failures become text.
    pub fn text(&self) -> Text {
        match self {
            ProbeError::Network(failure) => failure.text.clone(),
            ProbeError::ServerError { status, host } => Text::new("checks.probe.server_error")
                .arg("host", host)
                .arg("status", status),
            ProbeError::Unreadable {
                status,
                host,
                reason,
            } => Text::new("checks.probe.unreadable")
                .arg("host", host)
                .arg("status", status)
                .arg("reason", reason),
            ProbeError::UnexpectedStatus { status, host } => {
                Text::new("checks.probe.unexpected_status")
                    .arg("host", host)
                    .arg("status", status)
            }
            ProbeError::BadEndpoint { address, reason } => Text::new("checks.probe.bad_endpoint")
                .arg("address", address)
                .arg("reason", reason),
        }
    }
}

/// What Microsoft answered to a JSON request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoginAnswer<T> {
    Success(T),
    /// Microsoft refused, with its error body.
    Refused {
        status: u16,
        body: MicrosoftError,
    },
    Failed(ProbeError),
}

/// Why a request failed before Microsoft answered, as a [`ProbeError`].
pub(crate) fn network(error: &reqwest::Error, url: &Url, wire: &Wire) -> ProbeError {
    ProbeError::Network(describe_failure(error, url, wire.timeout_secs))
}

/// `{base}/{segments…}`, each segment percent-encoded (a tenant typed with `/` or `?` stays one
/// segment).
pub(crate) fn endpoint(base: &str, segments: &[&str]) -> Result<Url, ProbeError> {
    let bad = |reason: String| ProbeError::BadEndpoint {
        address: base.to_owned(),
        reason,
    };
    let mut url = Url::parse(base).map_err(|error| bad(error.to_string()))?;
    url.path_segments_mut()
        .map_err(|()| bad("it cannot take a path".to_owned()))?
        .pop_if_empty()
        .extend(segments);
    Ok(url)
}

/// `host` or `host:port` when the port is not the scheme's default.
pub fn host_with_port(url: &Url) -> String {
    let host = url.host_str().unwrap_or("the server");
    match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_probe_error_displays_the_english_of_its_text() {
        let error = ProbeError::ServerError {
            status: 503,
            host: "login.microsoftonline.com".to_owned(),
        };
        assert_eq!(error.to_string(), error.text().english());
        assert!(
            error
                .to_string()
                .starts_with("login.microsoftonline.com had a server error (HTTP 503)."),
            "{error}"
        );
    }

    #[test]
    fn tenant_text_stays_one_path_segment() {
        let url = endpoint("http://127.0.0.1:1", &["a/b?c", "v2.0"]).unwrap();
        assert_eq!(url.as_str(), "http://127.0.0.1:1/a%2Fb%3Fc/v2.0");
    }
}
