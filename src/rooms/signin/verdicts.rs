//! The sign-in's verdicts: the one place a [`SignInError`] or a redeemed token answer becomes the
//! sentences a person reads (signed in, refresh token issued, `Calendars.ReadWrite.Shared`
//! granted), through the AADSTS table of [`crate::checks::advice`]. The protocol is in the parent
//! module.

use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use zeroize::Zeroizing;

use super::*;

use crate::i18n::SummaryAndFix as _;

impl SignInContext {
    /// The report of a sign-in that got tokens, and the session when the rooms can be checked.
    pub(super) fn signed_in(
        &self,
        mut tokens: IssuedTokens,
        started_at: DateTime<Utc>,
        redirect_uri: String,
    ) -> SignInOutcome {
        let account = tokens.id_token.take().and_then(|token| account_in(&token));
        // Only its presence matters; the refresh token is wiped right here.
        let refresh_token_issued = tokens.refresh_token.take().is_some();
        let scopes: Vec<String> = tokens
            .scope
            .as_deref()
            .unwrap_or("")
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        let who = account.as_deref().map_or_else(
            || Text::new("rooms.signin.the_service_account"),
            Text::verbatim,
        );
        let sign_in = Verdict::with_text(
            CheckStatus::Pass,
            Text::new("rooms.signin.signed_in")
                .arg_text("who", who)
                .arg("redirect_uri", &redirect_uri),
        );
        let offline_access = if refresh_token_issued {
            Verdict::with_text(CheckStatus::Pass, Text::new("rooms.signin.refresh_token"))
        } else {
            let mut verdict = Verdict::with_text(
                CheckStatus::Fail,
                Text::new("rooms.signin.no_refresh_token"),
            )
            .with_fix(Text::new("rooms.signin.no_refresh_token.fix"));
            verdict.portal = Some(self.portal(PortalPage::ApiPermissions));
            verdict
        };
        let calendars_scope = if scopes.is_empty() {
            Verdict::with_text(CheckStatus::Warn, Text::new("rooms.signin.no_scopes"))
        } else if scopes.iter().any(|scope| is_calendars_scope(scope)) {
            Verdict::with_text(
                CheckStatus::Pass,
                Text::new("rooms.signin.calendars_granted").arg("scopes", scopes.join(" ")),
            )
        } else {
            let mut verdict = Verdict::with_text(
                CheckStatus::Fail,
                Text::new("rooms.signin.calendars_missing").arg("scopes", scopes.join(" ")),
            )
            .with_fix(Text::new("rooms.signin.calendars_missing.fix"));
            verdict.portal = Some(self.portal(PortalPage::ApiPermissions));
            verdict
        };
        let report = SignInReport {
            sign_in,
            offline_access,
            calendars_scope,
            refresh_token_issued,
            scopes,
            account: account.clone(),
            redirect_uri: Some(redirect_uri),
            started_at,
            finished_at: Utc::now(),
        };
        let session = match (report.rooms_can_run(), tokens.access_token.take()) {
            (true, Some(access_token)) => Some(RoomSession {
                access_token,
                account,
                operator: self.operator,
                expires_at: tokens
                    .expires_in
                    .map(|seconds| Instant::now() + Duration::from_secs(seconds)),
            }),
            _ => None,
        };
        SignInOutcome { report, session }
    }

    pub(super) fn failed(
        &self,
        error: &SignInError,
        started_at: DateTime<Utc>,
        redirect_uri: Option<String>,
    ) -> SignInOutcome {
        let skipped =
            || Verdict::with_text(CheckStatus::Skip, Text::new("rooms.signin.not_checked"));
        SignInOutcome {
            report: SignInReport {
                sign_in: error.verdict(self),
                offline_access: skipped(),
                calendars_scope: skipped(),
                refresh_token_issued: false,
                scopes: Vec::new(),
                account: None,
                redirect_uri,
                started_at,
                finished_at: Utc::now(),
            },
            session: None,
        }
    }
}

impl SignInError {
    /// What went wrong, in any language: the summary of its verdict (`Display` is its English).
    /// The one place a sign-in failure becomes the sentence a person reads.
    pub fn text(&self) -> Text {
        match self {
            SignInError::NotReady { problems } => Text::new("rooms.signin.not_ready").arg_text(
                "problems",
                Text::sentences(problems.iter().cloned()).unwrap_or_else(|| Text::verbatim("")),
            ),
            SignInError::Listen(error) => Text::new("rooms.signin.listen").arg("error", error),
            SignInError::SignInPageRefused(page) => Text::new("rooms.signin.page_refused")
                .arg_text(
                    "summary",
                    explain_refusal(page.code, "", page.message.as_deref()).summary,
                ),
            SignInError::Network(error) => error.text(),
            SignInError::NoCallback(waited) => Text::new("rooms.signin.no_callback")
                .arg_text("duration", human_duration_text(*waited)),
            SignInError::StateMismatch => Text::new("rooms.signin.state_mismatch"),
            SignInError::ReturnedError { error, description } => {
                let description = description.as_deref();
                explain_refusal(description.and_then(aadsts_code_in), error, description).summary
            }
            SignInError::NoCode => Text::new("rooms.signin.no_code"),
            SignInError::RedemptionRefused { body, .. } => {
                explain_refusal(body.code(), &body.error, Some(&body.error_description)).summary
            }
        }
    }

    /// The verdict of a failed sign-in: [`SignInError::text`] with the fix, and for a refusal
    /// Microsoft's codes and IDs and the portal page to fix it on.
    fn verdict(&self, context: &SignInContext) -> Verdict {
        let summary = self.text();
        let failed =
            |fix: Text| Verdict::with_text(CheckStatus::Fail, summary.clone()).with_fix(fix);
        let mut verdict = match self {
            SignInError::NotReady { .. } => failed(Text::new("rooms.signin.not_ready.fix")),
            SignInError::Listen(_) => failed(Text::new("rooms.signin.listen.fix")),
            SignInError::SignInPageRefused(page) => context.refusal(
                page.code,
                "",
                page.message.as_deref(),
                MicrosoftIds {
                    trace_id: page.trace_id.clone(),
                    correlation_id: page.correlation_id.clone(),
                    timestamp: page.timestamp.clone(),
                },
            ),
            SignInError::Network(_) => Verdict::with_text(CheckStatus::Fail, summary.clone()),
            SignInError::NoCallback(_) => failed(
                Text::new("rooms.signin.no_callback.fix")
                    .arg("redirect_uri", LOOPBACK_REDIRECT_URI),
            ),
            SignInError::StateMismatch => failed(Text::new("rooms.signin.state_mismatch.fix")),
            SignInError::ReturnedError { error, description } => {
                let description = description.as_deref();
                let mut verdict = context.refusal(
                    description.and_then(aadsts_code_in),
                    error,
                    description,
                    MicrosoftIds::in_description(description.unwrap_or("")),
                );
                verdict.error = Some(error.clone());
                verdict
            }
            SignInError::NoCode => failed(Text::new("rooms.signin.no_code.fix")),
            SignInError::RedemptionRefused { status, body } => {
                let mut verdict = context.refusal(
                    body.code(),
                    &body.error,
                    Some(body.error_description.as_str()),
                    MicrosoftIds {
                        trace_id: body.trace_id.clone(),
                        correlation_id: body.correlation_id.clone(),
                        timestamp: body.timestamp.clone(),
                    },
                );
                verdict.error = Some(body.error.clone()).filter(|error| !error.is_empty());
                verdict.http_status = Some(*status);
                verdict
            }
        };
        // A refusal's verdict is explained by the same table; its summary is the error's text.
        verdict.set_summary(summary);
        verdict
    }
}

/// Trace ID, correlation ID and timestamp of one Microsoft answer.
#[derive(Default)]
struct MicrosoftIds {
    trace_id: Option<String>,
    correlation_id: Option<String>,
    timestamp: Option<String>,
}

impl MicrosoftIds {
    /// The IDs Microsoft appends to an error description sent back to a redirect URI
    /// (`Trace ID: …`, `Correlation ID: …`, `Timestamp: …`).
    fn in_description(description: &str) -> Self {
        let after = |label: &str| {
            let start = description.find(label)? + label.len();
            let value = description[start..]
                .lines()
                .next()?
                .trim()
                .trim_end_matches('\r');
            (!value.is_empty()).then(|| value.to_owned())
        };
        Self {
            trace_id: after("Trace ID:"),
            correlation_id: after("Correlation ID:"),
            timestamp: after("Timestamp:"),
        }
    }
}

impl SignInContext {
    /// A refusal by Microsoft, explained by the AADSTS table; the fixes about the redirect URI and
    /// its platform speak of `http://localhost`, the URI this test uses.
    fn refusal(
        &self,
        code: Option<u64>,
        error: &str,
        description: Option<&str>,
        ids: MicrosoftIds,
    ) -> Verdict {
        let description = description
            .map(str::trim)
            .filter(|text| !text.is_empty())
            .map(str::to_owned);
        let explanation = explain_refusal(code, error, description.as_deref());
        let mut verdict =
            Verdict::with_text(CheckStatus::Fail, explanation.summary).with_fix(explanation.fix);
        verdict.portal = explanation.page.map(|page| self.portal(page));
        match code {
            Some(50011 | 70004 | 500113) => {
                verdict.set_fix(
                    Text::new("rooms.signin.add_loopback")
                        .arg("redirect_uri", LOOPBACK_REDIRECT_URI),
                );
                verdict.portal = Some(self.portal(PortalPage::Authentication));
            }
            Some(700025 | 9002326 | 9002327) => {
                verdict.set_fix(
                    Text::new("rooms.signin.loopback_platform")
                        .arg("redirect_uri", LOOPBACK_REDIRECT_URI),
                );
                verdict.portal = Some(self.portal(PortalPage::Authentication));
            }
            Some(54005 | 50148 | 70008) => {
                verdict.set_fix(Text::new("rooms.signin.start_again"));
            }
            _ => {}
        }
        verdict.aadsts = code;
        verdict.error_description = description;
        verdict.trace_id = ids.trace_id;
        verdict.correlation_id = ids.correlation_id;
        verdict.timestamp = ids.timestamp;
        verdict.error_lookup_url = code.map(|code| self.cloud().error_lookup_url(code));
        verdict
    }
}

/// Whether a granted scope is `Calendars.ReadWrite.Shared` (bare, or with a Graph resource prefix).
fn is_calendars_scope(scope: &str) -> bool {
    let name = scope.rsplit('/').next().unwrap_or(scope);
    name.eq_ignore_ascii_case(CALENDARS_PERMISSION)
}

/// The signed-in account's name from an ID token's payload — read for display only, not
/// validated (the token comes straight from Microsoft's token endpoint over TLS).
fn account_in(id_token: &Secret) -> Option<String> {
    let payload = id_token.expose().split('.').nth(1)?;
    let bytes = Zeroizing::new(URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?);
    let claims: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    ["preferred_username", "upn", "email", "unique_name"]
        .into_iter()
        .find_map(|claim| claims.get(claim)?.as_str().map(str::to_owned))
        .filter(|name| !name.trim().is_empty())
}

/// [`human_duration`] as a text that renders in any language.
pub(super) fn human_duration_text(duration: Duration) -> Text {
    let seconds = duration.as_secs();
    match seconds {
        60 => Text::new("rooms.duration.one_minute"),
        _ if seconds >= 120 && seconds.is_multiple_of(60) => {
            Text::new("rooms.duration.minutes").arg("minutes", seconds / 60)
        }
        _ => Text::new("rooms.duration.seconds").arg("seconds", seconds),
    }
}

/// "5 minutes", "90 s".
#[cfg(test)]
fn human_duration(duration: Duration) -> String {
    human_duration_text(duration).english()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sign_in_error_displays_the_english_of_its_text() {
        let not_ready = ready_for_sign_in(&IntegrationDocument::default())
            .expect_err("an empty document is not ready");
        let shown = not_ready.to_string();
        assert_eq!(shown, not_ready.text().english());
        assert!(
            shown.starts_with("The server settings are not ready for a sign-in: "),
            "{shown}"
        );
        assert_eq!(
            SignInError::NoCode.to_string(),
            "Microsoft sent the browser back without an authorization code."
        );
    }

    #[test]
    fn the_calendar_scope_is_found_bare_or_with_its_resource() {
        assert!(is_calendars_scope("Calendars.ReadWrite.Shared"));
        assert!(is_calendars_scope(
            "https://microsoftgraph.chinacloudapi.cn/Calendars.ReadWrite.Shared"
        ));
        assert!(!is_calendars_scope("Calendars.Read.Shared"));
        assert!(!is_calendars_scope("openid"));
    }

    #[test]
    fn the_account_is_read_from_the_id_token_payload() {
        let payload = URL_SAFE_NO_PAD.encode(br#"{"preferred_username":"rooms@contoso.com"}"#);
        let token = Secret::new(format!("e30.{payload}.sig"));
        assert_eq!(account_in(&token).as_deref(), Some("rooms@contoso.com"));
        assert_eq!(account_in(&Secret::new("not-a-jwt")), None);
    }

    #[test]
    fn ids_are_read_from_a_returned_description() {
        let ids = MicrosoftIds::in_description(
            "AADSTS65001: The user or administrator has not consented.\r\nTrace ID: t-1\r\nCorrelation ID: c-1\r\n\
             Timestamp: 2024-05-01 10:00:00Z",
        );
        assert_eq!(ids.trace_id.as_deref(), Some("t-1"));
        assert_eq!(ids.correlation_id.as_deref(), Some("c-1"));
        assert_eq!(ids.timestamp.as_deref(), Some("2024-05-01 10:00:00Z"));
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(human_duration(Duration::from_secs(300)), "5 minutes");
        assert_eq!(human_duration(Duration::from_secs(60)), "1 minute");
        assert_eq!(human_duration(Duration::from_secs(90)), "90 s");
    }
}
