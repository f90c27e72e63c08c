//! The sign-in's verdicts: the one place a [`SignInError`] or a redeemed token answer becomes the
//! sentences a person reads (signed in, refresh token issued, `Calendars.ReadWrite.Shared`
//! granted); a refusal by Microsoft goes through the checks' one builder, [`Refusal`]. The
//! protocol is in the parent module.

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
        let sign_in = Verdict::pass(
            Text::new("rooms.signin.signed_in")
                .arg_text("who", who)
                .arg("redirect_uri", &redirect_uri),
        );
        let offline_access = if refresh_token_issued {
            Verdict::pass(Text::new("rooms.signin.refresh_token"))
        } else {
            Verdict::fail(Text::new("rooms.signin.no_refresh_token"))
                .with_fix(Text::new("rooms.signin.no_refresh_token.fix"))
                .with_portal(self.portal(PortalPage::ApiPermissions))
        };
        let calendars_scope = if scopes.is_empty() {
            Verdict::warn(Text::new("rooms.signin.no_scopes"))
        } else if scopes.iter().any(|scope| is_calendars_scope(scope)) {
            Verdict::pass(
                Text::new("rooms.signin.calendars_granted").arg("scopes", scopes.join(" ")),
            )
        } else {
            Verdict::fail(
                Text::new("rooms.signin.calendars_missing").arg("scopes", scopes.join(" ")),
            )
            .with_fix(Text::new("rooms.signin.calendars_missing.fix"))
            .with_portal(self.portal(PortalPage::ApiPermissions))
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
        let skipped = || Verdict::skipped(Text::new("rooms.signin.not_checked"));
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
                .arg_text("summary", Refusal::from_page(page).explanation().summary),
            SignInError::Network(error) => error.text(),
            SignInError::NoCallback(waited) => Text::new("rooms.signin.no_callback")
                .arg_text("duration", human_duration_text(*waited)),
            SignInError::StateMismatch => Text::new("rooms.signin.state_mismatch"),
            SignInError::NoCode => Text::new("rooms.signin.no_code"),
            SignInError::ReturnedError { error, description } => {
                Refusal::sent_back(error, description.as_deref())
                    .explanation()
                    .summary
            }
            SignInError::RedemptionRefused { status, body } => {
                Refusal::from_body(*status, body).explanation().summary
            }
        }
    }

    /// What Microsoft said, when this is its refusal (on its sign-in page, sent back to the
    /// redirect URI, or at the token endpoint).
    fn refusal(&self) -> Option<Refusal> {
        match self {
            SignInError::SignInPageRefused(page) => Some(Refusal::from_page(page)),
            SignInError::ReturnedError { error, description } => {
                Some(Refusal::sent_back(error, description.as_deref()))
            }
            SignInError::RedemptionRefused { status, body } => {
                Some(Refusal::from_body(*status, body))
            }
            _ => None,
        }
    }

    /// The verdict of a failed sign-in: [`SignInError::text`] with the fix, and for a refusal
    /// Microsoft's codes and IDs and the portal page to fix it on.
    fn verdict(&self, context: &SignInContext) -> Verdict {
        let summary = self.text();
        let failed = |fix: Text| Verdict::fail(summary.clone()).with_fix(fix);
        let mut verdict = match self {
            SignInError::NotReady { .. } => failed(Text::new("rooms.signin.not_ready.fix")),
            SignInError::Listen(_) => failed(Text::new("rooms.signin.listen.fix")),
            SignInError::Network(_) => Verdict::fail(summary.clone()),
            SignInError::NoCallback(_) => failed(
                Text::new("rooms.signin.no_callback.fix")
                    .arg("redirect_uri", LOOPBACK_REDIRECT_URI),
            ),
            SignInError::StateMismatch => failed(Text::new("rooms.signin.state_mismatch.fix")),
            SignInError::NoCode => failed(Text::new("rooms.signin.no_code.fix")),
            SignInError::SignInPageRefused(_)
            | SignInError::ReturnedError { .. }
            | SignInError::RedemptionRefused { .. } => match self.refusal() {
                Some(refusal) => context.refused(refusal),
                None => Verdict::fail(summary.clone()),
            },
        };
        // A refusal's verdict is explained by the same table; its summary is the error's text.
        verdict.set_summary(summary);
        verdict
    }
}

impl SignInContext {
    /// A refusal by Microsoft, explained by the checks' one builder; the fixes about the redirect
    /// URI and its platform speak of `http://localhost`, the URI this test uses.
    fn refused(&self, mut refusal: Refusal) -> Verdict {
        // The room test shows Microsoft's description trimmed (the checks show it as sent).
        refusal.description = refusal
            .description
            .map(|text| text.trim().to_owned())
            .filter(|text| !text.is_empty());
        let code = refusal.code;
        let mut verdict = Verdict::refused(refusal.explain(self.cloud(), &self.client_id));
        match code {
            Some(50011 | 70004 | 500113) => {
                verdict.set_fix(
                    Text::new("rooms.signin.add_loopback")
                        .arg("redirect_uri", LOOPBACK_REDIRECT_URI),
                );
                verdict.answer.portal = Some(self.portal(PortalPage::Authentication));
            }
            Some(700025 | 9002326 | 9002327) => {
                verdict.set_fix(
                    Text::new("rooms.signin.loopback_platform")
                        .arg("redirect_uri", LOOPBACK_REDIRECT_URI),
                );
                verdict.answer.portal = Some(self.portal(PortalPage::Authentication));
            }
            Some(54005 | 50148 | 70008) => {
                verdict.set_fix(Text::new("rooms.signin.start_again"));
            }
            _ => {}
        }
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
    fn durations_read_naturally() {
        assert_eq!(human_duration(Duration::from_secs(300)), "5 minutes");
        assert_eq!(human_duration(Duration::from_secs(60)), "1 minute");
        assert_eq!(human_duration(Duration::from_secs(90)), "90 s");
    }
}
