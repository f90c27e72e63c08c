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
    /// What the request does, for "… to {what}", in any language.
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

/// Its `Display` is [`OnesError::sentence`]: one source for every message, the catalogue.
#[derive(Debug)]
pub enum OnesError {
    BadUrl {
        reason: String,
    },
    InsecureTransport {
        host: String,
    },
    MissingToken,
    ClientSetup(ClientSetupError),
    Network(NetFailure),
    PutOutcomeUnknown {
        failure: NetFailure,
    },
    Certificate {
        host: String,
        problem: CertificateProblem,
        detail: String,
    },
    Unauthorized,
    Forbidden {
        endpoint: Endpoint,
    },
    EndpointMissing {
        endpoint: Endpoint,
        host: String,
    },
    IntegrationNotFound {
        key: String,
    },
    Conflict {
        status: u16,
    },
    Rejected {
        errors: Vec<RemoteFieldError>,
        message: String,
    },
    Blocked {
        problems: Vec<Finding>,
    },
    Server {
        status: u16,
        message: String,
        request_id: Option<String>,
    },
    Redirected {
        status: u16,
        location: Option<String>,
    },
    UnexpectedStatus {
        endpoint: Endpoint,
        status: u16,
        message: String,
    },
    MalformedResponse {
        endpoint: Endpoint,
        reason: String,
    },
}

impl std::fmt::Display for OnesError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.sentence())
    }
}

impl std::error::Error for OnesError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            OnesError::ClientSetup(error) => Some(error),
            OnesError::Network(failure) | OnesError::PutOutcomeUnknown { failure } => Some(failure),
            _ => None,
        }
    }
}

impl From<ClientSetupError> for OnesError {
    fn from(error: ClientSetupError) -> Self {
        OnesError::ClientSetup(error)
    }
}

impl From<NetFailure> for OnesError {
    fn from(failure: NetFailure) -> Self {
        OnesError::Network(failure)
    }
}

impl OnesError {
    /// What happened and what to do, in English (JSON, logs): [`OnesError::sentence_text`]
    /// rendered — the catalogue is the one source of every sentence.
    pub fn sentence(&self) -> String {
        self.sentence_text().english()
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
            OnesError::ClientSetup(error) => error.text(),
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
                    let message = problem.text.clone();
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
                .map(|problem| (problem.field, problem.message()))
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

/// Ends a message with a full stop unless it already ends like a sentence.
fn full_stop(text: &str) -> String {
    let text = text.trim_end();
    if text.is_empty() || text.ends_with(['.', '!', '?', '…']) {
        text.to_owned()
    } else {
        format!("{text}.")
    }
}

/// A server-provided text made safe for one line: registered secrets redacted (before the cut, so
/// that a secret quoted across it leaves no prefix behind), control characters dropped, at most 300
/// characters.
pub(crate) fn one_line(text: &str) -> String {
    const MAX_CHARS: usize = 300;
    let cleaned: String = crate::redact::redact(text)
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
    #[allow(clippy::too_many_lines, reason = "one row per sentence")]
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
        // Sending a secret registers it (`Secret::serialize` → `expose`).
        let _ = crate::model::Secret::new("abc8Q~secret").expose();
        let error = OnesError::Rejected {
            errors: vec![RemoteFieldError {
                path: "server_app.client_secret".to_owned(),
                field: Some(Field::ServerClientSecret),
                message: "abc8Q~secret is not accepted".to_owned(),
            }],
            message: "bad abc8Q~secret".to_owned(),
        };
        assert!(!error.sentence().contains("abc8Q~secret"));
        assert!(error.sentence().contains("<redacted> is not accepted"));
    }

    #[test]
    fn a_secret_quoted_across_the_300_character_cut_leaves_no_prefix() {
        let _ = crate::model::Secret::new("Cut8Q~echoed-across-the-cut-0123456789").expose();
        // The cut at 300 characters falls inside the quoted secret.
        let echoed = format!(
            "{} Cut8Q~echoed-across-the-cut-0123456789 was rejected",
            "x".repeat(280)
        );
        let line = one_line(&echoed);
        assert!(!line.contains("Cut8Q~"), "{line}");
        assert!(line.contains(" <redacted> was reje"), "{line}");
        let error = OnesError::Rejected {
            errors: vec![RemoteFieldError {
                path: "server_app.client_secret".to_owned(),
                field: Some(Field::ServerClientSecret),
                message: one_line(&echoed),
            }],
            message: String::new(),
        };
        assert!(!error.sentence().contains("Cut8Q~"), "{}", error.sentence());
    }

    #[test]
    fn server_text_is_kept_to_one_short_line() {
        let long = "x".repeat(1000);
        assert_eq!(one_line(&long).chars().count(), 301);
        assert_eq!(one_line("a\nb"), "a b");
    }
}
