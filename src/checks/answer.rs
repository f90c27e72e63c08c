//! Microsoft's answer as a result shows it: [`MicrosoftAnswer`] — the AADSTS code, Microsoft's
//! `error` and description, the trace and correlation IDs support asks for, the HTTP status, and
//! where to fix it — held by a check's [`super::CheckResult`] and a room-test sign-in's
//! [`crate::rooms::Verdict`] alike; and [`Refusal`], the one place a refusal by Microsoft (an
//! error body, an error page, an error sent back to a redirect URI) becomes a summary, a fix and
//! that answer, through the AADSTS table of [`super::advice`]. No I/O, no egui.

use serde::Serialize;

use super::advice::{Explanation, aadsts_code_in, explain_refusal};
use super::probe::PageError;
use super::wire::MicrosoftError;
use crate::cloud::{CloudProfile, PortalPage, portal_link};
use crate::i18n::Text;
use crate::model::validation::is_guid;

/// A portal page where the fix is made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PortalTarget {
    pub page: PortalPage,
    /// In English (JSON); [`PortalTarget::localized_title`] for display.
    pub title: &'static str,
    pub url: String,
}

impl PortalTarget {
    /// `page` of the app registration `client_id` in `cloud`; a client ID that is not a GUID
    /// cannot name a registration, so the link goes to the page without one.
    pub fn for_app(cloud: &CloudProfile, page: PortalPage, client_id: &str) -> Self {
        let app_id = is_guid(client_id).then_some(client_id);
        Self {
            page,
            title: page.title(),
            url: portal_link(cloud, page, app_id),
        }
    }

    /// The page's name as the portal shows it in the current language.
    pub fn localized_title(&self) -> String {
        self.page.localized_title()
    }
}

/// What Microsoft answered, as a check result or a sign-in verdict shows it. Flattened into their
/// JSON: the field names are a contract.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct MicrosoftAnswer {
    /// The AADSTS code Microsoft answered with, if any.
    pub aadsts: Option<u64>,
    /// Microsoft's raw `error` (e.g. `invalid_client`, `consent_required`).
    pub error: Option<String>,
    /// Microsoft's own description, shown as is (never parsed beyond its AADSTS tag and IDs).
    pub error_description: Option<String>,
    pub trace_id: Option<String>,
    pub correlation_id: Option<String>,
    /// Microsoft's own timestamp of the answer, as it sent it.
    pub timestamp: Option<String>,
    pub http_status: Option<u16>,
    /// The portal page where the fix is made, for the app the result is about.
    pub portal: Option<PortalTarget>,
    /// Microsoft's page explaining the AADSTS code, in the operator's cloud.
    pub error_lookup_url: Option<String>,
}

/// What Microsoft said when it refused, wherever it said it (see the constructors).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Refusal {
    pub code: Option<u64>,
    pub error: Option<String>,
    pub description: Option<String>,
    pub trace_id: Option<String>,
    pub correlation_id: Option<String>,
    pub timestamp: Option<String>,
    pub http_status: Option<u16>,
}

/// A refusal in words, with the answer to show beside them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExplainedRefusal {
    pub summary: Text,
    pub fix: Text,
    pub answer: MicrosoftAnswer,
}

impl Refusal {
    /// The JSON error body of the token or discovery endpoint, answered with HTTP `status`.
    pub fn from_body(status: u16, body: &MicrosoftError) -> Self {
        let non_empty = |text: &str| Some(text.to_owned()).filter(|text| !text.is_empty());
        Self {
            code: body.code(),
            error: non_empty(&body.error),
            description: non_empty(&body.error_description),
            trace_id: body.trace_id.clone(),
            correlation_id: body.correlation_id.clone(),
            timestamp: body.timestamp.clone(),
            http_status: Some(status),
        }
    }

    /// Microsoft's sign-in page showing an error (no `error`, and its HTTP status says nothing).
    pub fn from_page(page: &PageError) -> Self {
        Self {
            code: page.code,
            error: None,
            description: page.message.clone().filter(|text| !text.is_empty()),
            trace_id: page.trace_id.clone(),
            correlation_id: page.correlation_id.clone(),
            timestamp: page.timestamp.clone(),
            http_status: None,
        }
    }

    /// An error sent back to a redirect URI: no `error_codes`, so the code is the description's
    /// AADSTS tag, and the IDs are the lines Microsoft appends to it (`Trace ID: …`,
    /// `Correlation ID: …`, `Timestamp: …`).
    pub fn sent_back(error: &str, description: Option<&str>) -> Self {
        let text = description.unwrap_or("");
        let after = |label: &str| {
            let start = text.find(label)? + label.len();
            let value = text[start..].lines().next()?.trim().trim_end_matches('\r');
            (!value.is_empty()).then(|| value.to_owned())
        };
        Self {
            code: description.and_then(aadsts_code_in),
            error: Some(error.to_owned()),
            description: description.map(str::to_owned),
            trace_id: after("Trace ID:"),
            correlation_id: after("Correlation ID:"),
            timestamp: after("Timestamp:"),
            http_status: None,
        }
    }

    /// What the refusal means: the table's advice for its code, or Microsoft's own words.
    pub fn explanation(&self) -> Explanation {
        explain_refusal(
            self.code,
            self.error.as_deref().unwrap_or(""),
            self.description.as_deref(),
        )
    }

    /// The one place a refusal becomes a result: the explanation, and the answer with the page of
    /// app `client_id` where the fix is made and Microsoft's page about the code, in `cloud`.
    pub fn explain(self, cloud: &CloudProfile, client_id: &str) -> ExplainedRefusal {
        let Explanation { summary, fix, page } = self.explanation();
        ExplainedRefusal {
            summary,
            fix,
            answer: MicrosoftAnswer {
                aadsts: self.code,
                error: self.error,
                error_description: self.description,
                trace_id: self.trace_id,
                correlation_id: self.correlation_id,
                timestamp: self.timestamp,
                http_status: self.http_status,
                portal: page.map(|page| PortalTarget::for_app(cloud, page, client_id)),
                error_lookup_url: self.code.map(|code| cloud.error_lookup_url(code)),
            },
        }
    }
}

/// The builders of a result that carries a fix and Microsoft's answer (fields `fix:
/// Option<Text>` and `answer: MicrosoftAnswer`): `with_fix`, `with_answer`, `with_portal`, for
/// [`super::CheckResult`] and [`crate::rooms::Verdict`] alike.
#[macro_export]
macro_rules! microsoft_answer_builders {
    ($type:ty) => {
        impl $type {
            /// This result with what to do.
            pub fn with_fix(mut self, fix: $crate::i18n::Text) -> Self {
                self.fix = Some(fix);
                self
            }

            /// This result with what Microsoft answered.
            pub fn with_answer(mut self, answer: $crate::checks::MicrosoftAnswer) -> Self {
                self.answer = answer;
                self
            }

            /// This result with the portal page where the fix is made (or that was checked).
            pub fn with_portal(mut self, portal: $crate::checks::PortalTarget) -> Self {
                self.answer.portal = Some(portal);
                self
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_read_from_a_description_sent_back() {
        let refusal = Refusal::sent_back(
            "consent_required",
            Some(
                "AADSTS65001: The user or administrator has not consented.\r\nTrace ID: t-1\r\nCorrelation ID: c-1\r\n\
                 Timestamp: 2024-05-01 10:00:00Z",
            ),
        );
        assert_eq!(refusal.code, Some(65001));
        assert_eq!(refusal.trace_id.as_deref(), Some("t-1"));
        assert_eq!(refusal.correlation_id.as_deref(), Some("c-1"));
        assert_eq!(refusal.timestamp.as_deref(), Some("2024-05-01 10:00:00Z"));
    }

    #[test]
    fn a_refusal_is_explained_with_its_page_and_lookup_in_the_cloud() {
        let body = MicrosoftError {
            error: "invalid_client".to_owned(),
            error_codes: vec![7000215],
            trace_id: Some("t".to_owned()),
            ..MicrosoftError::default()
        };
        let cloud = CloudProfile::for_operator(crate::model::Operator::Microsoft);
        let client_id = "11111111-2222-3333-4444-555555555555";
        let explained = Refusal::from_body(401, &body).explain(cloud, client_id);
        let answer = explained.answer;
        assert_eq!(answer.aadsts, Some(7000215));
        assert_eq!(answer.error.as_deref(), Some("invalid_client"));
        assert_eq!(
            answer.error_description, None,
            "an empty description is none"
        );
        assert_eq!(answer.http_status, Some(401));
        assert_eq!(answer.trace_id.as_deref(), Some("t"));
        assert_eq!(
            answer.error_lookup_url,
            Some(cloud.error_lookup_url(7000215))
        );
        let portal = answer.portal.expect("the secret's page");
        assert_eq!(portal.page, PortalPage::CertificatesSecrets);
        assert!(portal.url.contains(client_id), "{}", portal.url);
    }
}
