//! [`OnesError`]: everything that can go wrong between the assistant and a ONES server, and
//! [`OnesError::sentence`] — the one place that turns it into what a person reads, with the fix.
//! Field-level problems keep their [`Field`] so the GUI can mark the wizard's field.

use crate::i18n::Text;
use crate::model::{Field, Finding};
use crate::net::{CertificateProblem, ClientSetupError, NetFailure};

/// Which request of the contract failed (for messages and for telling a missing API apart).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Endpoint {
    Information,
    RedirectUris,
    ReadIntegration,
    WriteIntegration,
}

impl Endpoint {
    /// What the request does, for "… to {what}".
    pub fn what(self) -> &'static str {
        match self {
            Endpoint::Information => "read the system information",
            Endpoint::RedirectUris => "read the redirect URIs",
            Endpoint::ReadIntegration => "read the integration settings",
            Endpoint::WriteIntegration => "save the integration settings",
        }
    }
}

impl Endpoint {
    /// [`Endpoint::what`] as a text that renders in any language.
    pub fn what_text(self) -> Text {
        Text::new(match self {
            Endpoint::Information => "ones.endpoint.information",
            Endpoint::RedirectUris => "ones.endpoint.redirect_uris",
            Endpoint::ReadIntegration => "ones.endpoint.read_integration",
            Endpoint::WriteIntegration => "ones.endpoint.write_integration",
        })
    }
}

impl std::fmt::Display for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Endpoint::Information => "system information",
            Endpoint::RedirectUris => "redirect URIs",
            Endpoint::ReadIntegration => "integration read",
            Endpoint::WriteIntegration => "integration write",
        })
    }
}

/// One field ONES rejected, mapped back onto the wizard where the path is known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemoteFieldError {
    /// The dotted path ONES named (`server_app.tenant_id`, `room.mailboxes[1]`).
    pub path: String,
    /// The wizard field, via [`Field::from_path`]; `None` for a path the assistant does not know.
    pub field: Option<Field>,
    pub message: String,
}

#[derive(Debug, thiserror::Error)]
pub enum OnesError {
    #[error("the ONES address is not usable: {reason}")]
    BadUrl { reason: String },
    #[error("refusing to send the API token over plain http to {host}")]
    InsecureTransport { host: String },
    #[error("no ONES API token was given")]
    MissingToken,
    #[error("the HTTP client could not be set up: {0}")]
    ClientSetup(#[from] ClientSetupError),
    #[error("network failure: {0}")]
    Network(#[from] NetFailure),
    #[error("the connection broke off after the change was sent: {failure}")]
    PutOutcomeUnknown { failure: NetFailure },
    #[error("the certificate of {host} was refused: {}", problem.reason())]
    Certificate {
        host: String,
        problem: CertificateProblem,
        detail: String,
    },
    #[error("the API token was refused (401)")]
    Unauthorized,
    #[error("the API token may not {} (403)", endpoint.what())]
    Forbidden { endpoint: Endpoint },
    #[error("{host} has no {endpoint} endpoint (404)")]
    EndpointMissing { endpoint: Endpoint, host: String },
    #[error("no integration with key {key} exists on ONES")]
    IntegrationNotFound { key: String },
    #[error("the integration changed on ONES since it was read ({status})")]
    Conflict { status: u16 },
    #[error("the settings were rejected by ONES (422, {} field errors)", errors.len())]
    Rejected {
        errors: Vec<RemoteFieldError>,
        message: String,
    },
    #[error("the document has {} problems to fix before export", problems.len())]
    Blocked { problems: Vec<Finding> },
    #[error("the ONES server failed ({status})")]
    Server {
        status: u16,
        message: String,
        request_id: Option<String>,
    },
    #[error("the ONES server answered with a redirect ({status})")]
    Redirected {
        status: u16,
        location: Option<String>,
    },
    #[error("unexpected status {status} from the {endpoint} request")]
    UnexpectedStatus {
        endpoint: Endpoint,
        status: u16,
        message: String,
    },
    #[error("the answer to the {endpoint} request does not follow the contract: {reason}")]
    MalformedResponse { endpoint: Endpoint, reason: String },
}

impl OnesError {
    /// What happened and what to do, for the person at the screen. Never contains the token or
    /// a secret (none of the variants carries one).
    pub fn sentence(&self) -> String {
        match self {
            OnesError::BadUrl { reason } => {
                format!("The ONES address is not usable: {reason}. Enter it like https://ones.example.com.")
            }
            OnesError::InsecureTransport { host } => format!(
                "Refusing to connect to {host} over plain http: the API token and the client secrets would travel \
                 unencrypted. Use https:// (ONES redirects plain http to https anyway); plain http is allowed only \
                 to this computer (localhost)."
            ),
            OnesError::MissingToken => format!(
                "No ONES API token. Create one in the ONES Management console → Settings → API authentication and \
                 enter it (the command line reads it from {}).",
                super::API_TOKEN_ENV
            ),
            OnesError::ClientSetup(error) => format!("{}.", capitalize(&error.to_string())),
            OnesError::Certificate { host, problem, detail } => {
                let advice = match problem {
                    CertificateProblem::UntrustedIssuer => format!(
                        "If {host} uses a certificate from your organisation's own CA, choose that CA's certificate \
                         (PEM file) in the network settings — --ca-cert on the command line. If a company proxy \
                         inspects HTTPS, choose the proxy's CA certificate instead."
                    ),
                    CertificateProblem::OtherHost => format!(
                        "Use the ONES address exactly as its certificate names the server (ask IT), or have the \
                         certificate reissued to include {host}."
                    ),
                    CertificateProblem::Expired => "Ask the ONES administrator to renew the certificate, and check \
                         that this computer's date is right."
                        .to_owned(),
                    CertificateProblem::Other | CertificateProblem::NotTls => "Check that the address points to the ONES server's HTTPS port, and \
                         the proxy settings."
                        .to_owned(),
                };
                format!("The secure connection to {host} failed: {}. {advice} ({detail})", problem.reason())
            }
            OnesError::Network(failure) => failure.sentence.clone(),
            OnesError::PutOutcomeUnknown { .. } => self.sentence_text().english(),
            OnesError::Unauthorized => "ONES rejected the API token (401). Check that it was copied whole and is \
                 still active, or create a new one in the ONES Management console → Settings → API authentication."
                .to_owned(),
            OnesError::Forbidden { endpoint } => format!(
                "The API token is valid but may not {} (403). Use a token of an administrator who may manage \
                 integrations (Management console → Settings → API authentication).",
                endpoint.what()
            ),
            OnesError::EndpointMissing { endpoint: Endpoint::Information, host } => format!(
                "{host} does not answer like a ONES server: its system information endpoint is missing (404). Check \
                 the ONES address — the server only, plus the path ONES is installed under, if any."
            ),
            OnesError::EndpointMissing { host, .. } => format!(
                "{host} does not offer the integration settings API (404): this ONES version predates it. Update \
                 ONES, or enter the settings in the ONES wizard by hand — the assistant's Review screen (or \
                 `ones-m365 validate`) lists them."
            ),
            OnesError::IntegrationNotFound { key } => format!(
                "ONES has no Microsoft 365 integration with the key \"{key}\". Check the name (the key is the name \
                 in lowercase, with dashes for spaces), or export the integration first."
            ),
            OnesError::Conflict { .. } => "Someone changed this integration in ONES after the assistant read it, so \
                 nothing was overwritten. Review the changes again, then export once more."
                .to_owned(),
            OnesError::Rejected { errors, message } => {
                let details = if errors.is_empty() {
                    full_stop(&one_line(message))
                } else {
                    errors.iter().map(describe_remote_field_error).collect::<Vec<_>>().join(" ")
                };
                format!("ONES rejected the settings (422). {details} Fix these fields and export again.")
            }
            OnesError::Blocked { problems } => {
                let details = problems
                    .iter()
                    .map(|problem| format!("{}: {}", field_title(problem.field), full_stop(&problem.message)))
                    .collect::<Vec<_>>()
                    .join(" ");
                format!("Fix these before exporting — {details}")
            }
            OnesError::Server { status, message, request_id } => {
                let message = if message.is_empty() { String::new() } else { format!(": {}", one_line(message)) };
                let request = request_id.as_deref().map(|id| format!(" and the request ID {id}")).unwrap_or_default();
                format!(
                    "The ONES server failed ({status}{message}). Try again in a minute — reviewing the changes again \
                     shows whether anything was stored. If it repeats, give ONES support the time{request}."
                )
            }
            OnesError::Redirected { status, location } => {
                let target = location.as_deref().map(|location| format!(" to {location}")).unwrap_or_default();
                format!(
                    "ONES answered with a redirect ({status}){target} instead of an API answer. Use the address it \
                     points to (starting with https://) as the ONES address."
                )
            }
            OnesError::UnexpectedStatus { endpoint, status, message } => {
                let message = if message.is_empty() { String::new() } else { format!(": {}", one_line(message)) };
                format!(
                    "ONES answered {status} when asked to {}{message}; the integration API does not define that \
                     answer. Check the ONES address; if it is right, this ONES version speaks another version of \
                     the API — update the assistant or ONES.",
                    endpoint.what()
                )
            }
            OnesError::MalformedResponse { endpoint, reason } => format!(
                "The answer when asked to {} is not the JSON the integration API defines ({reason}). A proxy or web \
                 server in front of ONES may have answered instead — check the ONES address and the proxy settings.",
                endpoint.what()
            ),
        }
    }

    /// [`OnesError::sentence`] in the current language.
    pub fn localized_sentence(&self) -> String {
        self.sentence_text().localized()
    }

    /// [`OnesError::sentence`] as a text that renders in any language (its English is the same
    /// sentence). What ONES itself wrote stays as ONES wrote it.
    pub fn sentence_text(&self) -> Text {
        match self {
            OnesError::BadUrl { reason } => Text::new("ones.error.bad_url").arg("reason", reason),
            OnesError::InsecureTransport { host } => {
                Text::new("ones.error.insecure_transport").arg("host", host)
            }
            OnesError::MissingToken => {
                Text::new("ones.error.missing_token").arg("variable", super::API_TOKEN_ENV)
            }
            OnesError::ClientSetup(_) => Text::verbatim(self.sentence()),
            OnesError::Certificate {
                host,
                problem,
                detail,
            } => {
                let advice = match problem {
                    CertificateProblem::UntrustedIssuer => {
                        Text::new("ones.error.certificate.untrusted_issuer").arg("host", host)
                    }
                    CertificateProblem::OtherHost => {
                        Text::new("ones.error.certificate.other_host").arg("host", host)
                    }
                    CertificateProblem::Expired => Text::new("ones.error.certificate.expired"),
                    CertificateProblem::Other | CertificateProblem::NotTls => {
                        Text::new("ones.error.certificate.other")
                    }
                };
                Text::new("ones.error.certificate")
                    .arg("host", host)
                    .arg_text("reason", problem.reason_text())
                    .arg_text("advice", advice)
                    .arg("detail", detail)
            }
            OnesError::Network(failure) => failure.text.clone(),
            OnesError::PutOutcomeUnknown { failure } => Text::new("ones.error.put_outcome_unknown")
                .arg("host", &failure.host)
                .arg_text("reason", failure.text.clone()),
            OnesError::Unauthorized => Text::new("ones.error.unauthorized"),
            OnesError::Forbidden { endpoint } => {
                Text::new("ones.error.forbidden").arg_text("what", endpoint.what_text())
            }
            OnesError::EndpointMissing {
                endpoint: Endpoint::Information,
                host,
            } => Text::new("ones.error.not_ones").arg("host", host),
            OnesError::EndpointMissing { host, .. } => {
                Text::new("ones.error.endpoint_missing").arg("host", host)
            }
            OnesError::IntegrationNotFound { key } => {
                Text::new("ones.error.integration_not_found").arg("key", key)
            }
            OnesError::Conflict { .. } => Text::new("ones.error.conflict"),
            OnesError::Rejected { errors, message } => {
                let details = if errors.is_empty() {
                    Text::verbatim(full_stop(&one_line(message)))
                } else {
                    Text::sentences(errors.iter().map(describe_remote_field_error_text))
                        .unwrap_or_else(|| Text::verbatim(""))
                };
                Text::new("ones.error.rejected").arg_text("details", details)
            }
            OnesError::Blocked { problems } => {
                let details = Text::sentences(problems.iter().map(|problem| {
                    let message = problem
                        .text
                        .clone()
                        .unwrap_or_else(|| Text::verbatim(full_stop(&problem.message)));
                    Text::new("ones.error.field_message")
                        .arg_text("field", field_title_text(problem.field))
                        .arg_text("message", message)
                }))
                .unwrap_or_else(|| Text::verbatim(""));
                Text::new("ones.error.blocked").arg_text("details", details)
            }
            OnesError::Server {
                status,
                message,
                request_id,
            } => {
                let message = if message.is_empty() {
                    String::new()
                } else {
                    format!(": {}", one_line(message))
                };
                let text = match request_id {
                    Some(id) => Text::new("ones.error.server_with_request").arg("request_id", id),
                    None => Text::new("ones.error.server"),
                };
                text.arg("status", status).arg("message", message)
            }
            OnesError::Redirected { status, location } => match location {
                Some(location) => Text::new("ones.error.redirected_to")
                    .arg("status", status)
                    .arg("location", location),
                None => Text::new("ones.error.redirected").arg("status", status),
            },
            OnesError::UnexpectedStatus {
                endpoint,
                status,
                message,
            } => {
                let message = if message.is_empty() {
                    String::new()
                } else {
                    format!(": {}", one_line(message))
                };
                Text::new("ones.error.unexpected_status")
                    .arg("status", status)
                    .arg_text("what", endpoint.what_text())
                    .arg("message", message)
            }
            OnesError::MalformedResponse { endpoint, reason } => {
                Text::new("ones.error.malformed_response")
                    .arg_text("what", endpoint.what_text())
                    .arg("reason", reason)
            }
        }
    }

    /// The wizard fields this error is about, each with its message in the current language.
    pub fn localized_field_messages(&self) -> Vec<(Field, String)> {
        match self {
            OnesError::Blocked { problems } => problems
                .iter()
                .map(|problem| (problem.field, problem.localized_message()))
                .collect(),
            _ => self.field_messages(),
        }
    }

    /// Replaces every occurrence of `values` (the secrets just sent) in texts ONES wrote, in case a
    /// server echoes a rejected value back.
    pub(crate) fn with_values_redacted(self, values: &[&str]) -> Self {
        for value in values {
            crate::redact::register(value);
        }
        let scrub = |text: String| crate::redact::redact(&text).into_owned();
        match self {
            OnesError::Rejected { errors, message } => OnesError::Rejected {
                errors: errors
                    .into_iter()
                    .map(|error| RemoteFieldError {
                        message: scrub(error.message),
                        ..error
                    })
                    .collect(),
                message: scrub(message),
            },
            OnesError::Server {
                status,
                message,
                request_id,
            } => OnesError::Server {
                status,
                message: scrub(message),
                request_id,
            },
            OnesError::UnexpectedStatus {
                endpoint,
                status,
                message,
            } => OnesError::UnexpectedStatus {
                endpoint,
                status,
                message: scrub(message),
            },
            other => other,
        }
    }

    /// The wizard fields this error is about, each with its message: ONES's 422 field errors that
    /// map onto a [`Field`], and the problems that blocked an export.
    pub fn field_messages(&self) -> Vec<(Field, String)> {
        match self {
            OnesError::Rejected { errors, .. } => errors
                .iter()
                .filter_map(|error| error.field.map(|field| (field, error.message.clone())))
                .collect(),
            OnesError::Blocked { problems } => problems
                .iter()
                .map(|problem| (problem.field, problem.message.clone()))
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// "Server settings › Tenant ID (Directory ID)" — unambiguous where two steps share a label.
pub fn field_title(field: Field) -> String {
    format!("{} › {}", field.step().title(), field.label())
}

/// [`field_title`] as a text that renders in any language.
pub fn field_title_text(field: Field) -> Text {
    Text::new("ones.field_title")
        .arg_text("step", field.step().title_text())
        .arg_text("field", field.label_text())
}

/// [`field_title`] in the current language.
pub fn localized_field_title(field: Field) -> String {
    field_title_text(field).localized()
}

fn describe_remote_field_error_text(error: &RemoteFieldError) -> Text {
    let message = Text::verbatim(full_stop(&one_line(&error.message)));
    match error.field {
        Some(field) => Text::new("ones.error.field_message")
            .arg_text("field", field_title_text(field))
            .arg_text("message", message),
        None if error.path.is_empty() => message,
        None => Text::new("ones.error.field_message")
            .arg("field", &error.path)
            .arg_text("message", message),
    }
}

fn describe_remote_field_error(error: &RemoteFieldError) -> String {
    let message = full_stop(&one_line(&error.message));
    match error.field {
        Some(field) => format!("{}: {message}", field_title(field)),
        None if error.path.is_empty() => message,
        None => format!("{}: {message}", error.path),
    }
}

/// Ends a message with a full stop unless it already ends like a sentence.
fn full_stop(text: &str) -> String {
    let text = text.trim_end();
    if text.is_empty() || text.ends_with(['.', '!', '?', '…']) {
        text.to_owned()
    } else {
        format!("{text}.")
    }
}

/// A server-provided text made safe for one line: control characters dropped, at most 300 characters.
pub(crate) fn one_line(text: &str) -> String {
    const MAX_CHARS: usize = 300;
    let cleaned: String = text
        .chars()
        .map(|ch| if ch.is_control() { ' ' } else { ch })
        .collect();
    let cleaned = cleaned.trim();
    if cleaned.chars().count() > MAX_CHARS {
        format!("{}…", cleaned.chars().take(MAX_CHARS).collect::<String>())
    } else {
        cleaned.to_owned()
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejected_fields_name_the_wizard_field() {
        let error = OnesError::Rejected {
            errors: vec![
                RemoteFieldError {
                    path: "server_app.tenant_id".to_owned(),
                    field: Field::from_path("server_app.tenant_id"),
                    message: "Unknown tenant.".to_owned(),
                },
                RemoteFieldError {
                    path: "schema".to_owned(),
                    field: None,
                    message: "Old.".to_owned(),
                },
            ],
            message: String::new(),
        };
        let sentence = error.sentence();
        assert!(
            sentence.contains("Server settings › Tenant ID (Directory ID): Unknown tenant."),
            "{sentence}"
        );
        assert!(sentence.contains("schema: Old. Fix these"), "{sentence}");
        assert_eq!(
            error.field_messages(),
            vec![(Field::TenantId, "Unknown tenant.".to_owned())]
        );
    }

    #[test]
    fn every_sentence_text_is_the_english_sentence_word_for_word() {
        use crate::model::Severity;
        let errors = vec![
            OnesError::BadUrl {
                reason: "empty host".to_owned(),
            },
            OnesError::InsecureTransport {
                host: "ones.example.com".to_owned(),
            },
            OnesError::MissingToken,
            OnesError::Unauthorized,
            OnesError::Forbidden {
                endpoint: Endpoint::WriteIntegration,
            },
            OnesError::EndpointMissing {
                endpoint: Endpoint::Information,
                host: "h".to_owned(),
            },
            OnesError::EndpointMissing {
                endpoint: Endpoint::ReadIntegration,
                host: "h".to_owned(),
            },
            OnesError::IntegrationNotFound {
                key: "head-office".to_owned(),
            },
            OnesError::Conflict { status: 409 },
            OnesError::Rejected {
                errors: Vec::new(),
                message: "Bad".to_owned(),
            },
            OnesError::Rejected {
                errors: vec![
                    RemoteFieldError {
                        path: "server_app.tenant_id".to_owned(),
                        field: Some(Field::TenantId),
                        message: "Unknown tenant".to_owned(),
                    },
                    RemoteFieldError {
                        path: "x".to_owned(),
                        field: None,
                        message: "Odd.".to_owned(),
                    },
                    RemoteFieldError {
                        path: String::new(),
                        field: None,
                        message: "Plain".to_owned(),
                    },
                ],
                message: String::new(),
            },
            OnesError::Blocked {
                problems: vec![
                    Finding::new(
                        Field::Name,
                        Severity::Error,
                        Text::new("validation.name.empty"),
                    ),
                    Finding::untranslated(Field::OnesUrl, Severity::Error, "Server said no"),
                ],
            },
            OnesError::Server {
                status: 500,
                message: String::new(),
                request_id: None,
            },
            OnesError::Server {
                status: 502,
                message: "down".to_owned(),
                request_id: Some("r-1".to_owned()),
            },
            OnesError::Redirected {
                status: 301,
                location: None,
            },
            OnesError::Redirected {
                status: 302,
                location: Some("https://x".to_owned()),
            },
            OnesError::UnexpectedStatus {
                endpoint: Endpoint::RedirectUris,
                status: 418,
                message: String::new(),
            },
            OnesError::UnexpectedStatus {
                endpoint: Endpoint::Information,
                status: 418,
                message: "teapot".to_owned(),
            },
            OnesError::MalformedResponse {
                endpoint: Endpoint::ReadIntegration,
                reason: "eof".to_owned(),
            },
            OnesError::Certificate {
                host: "h".to_owned(),
                problem: CertificateProblem::UntrustedIssuer,
                detail: "d".to_owned(),
            },
            OnesError::Certificate {
                host: "h".to_owned(),
                problem: CertificateProblem::OtherHost,
                detail: "d".to_owned(),
            },
            OnesError::Certificate {
                host: "h".to_owned(),
                problem: CertificateProblem::Expired,
                detail: "d".to_owned(),
            },
            OnesError::Certificate {
                host: "h".to_owned(),
                problem: CertificateProblem::Other,
                detail: "d".to_owned(),
            },
        ];
        for error in errors {
            assert_eq!(
                error.sentence_text().english(),
                error.sentence(),
                "{error:?}"
            );
            assert_ne!(
                error
                    .sentence_text()
                    .render(crate::i18n::Language::TraditionalChinese),
                error.sentence(),
                "{error:?}"
            );
        }
    }

    #[test]
    fn echoed_secrets_are_redacted() {
        let error = OnesError::Rejected {
            errors: vec![RemoteFieldError {
                path: "server_app.client_secret".to_owned(),
                field: Some(Field::ServerClientSecret),
                message: "abc8Q~secret is not accepted".to_owned(),
            }],
            message: "bad abc8Q~secret".to_owned(),
        }
        .with_values_redacted(&["abc8Q~secret", ""]);
        assert!(!error.sentence().contains("abc8Q~secret"));
        assert!(error.sentence().contains("<redacted> is not accepted"));
    }

    #[test]
    fn server_text_is_kept_to_one_short_line() {
        let long = "x".repeat(1000);
        assert_eq!(one_line(&long).chars().count(), 301);
        assert_eq!(one_line("a\nb"), "a b");
    }
}
