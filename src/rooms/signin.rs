//! The room test's sign-in: authorization code + PKCE (S256) in the system browser with a loopback
//! redirect, redeemed with the server app's secret (docs/domain-facts.md §2.6), and its three verdicts —
//! signed in, refresh token issued (`offline_access`), `Calendars.ReadWrite.Shared` granted.
//!
//! Every failure is a [`SignInError`]; [`SignInError::text`] is the one place it becomes the
//! sentence a person reads (its verdict adds the fix), through the AADSTS table of
//! [`crate::checks::advice`] — for errors from the token endpoint, from Microsoft's sign-in page and
//! those sent back to the redirect.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use serde::Serialize;
use url::Url;

use super::loopback::{CallbackParams, LoopbackListener, WaitError, html_page_in};
use super::{LOOPBACK_REDIRECT_URI, RoomTester, Verdict};
use crate::checks::CheckStatus;
use crate::checks::PortalTarget;
use crate::checks::answer::Refusal;
use crate::checks::oauth::{
    self, AuthorizationRequest, CodeRedemption, IssuedTokens, SignInSecrets, authorization_url,
};
use crate::checks::probe::{self, AuthorizeAnswer, PageError};
use crate::checks::wire::{LoginAnswer, MicrosoftError, ProbeError, Wire, endpoint};
use crate::cloud::{CloudProfile, PortalPage};
use crate::i18n::Text;
use crate::model::{CheckInput, Field, IntegrationDocument, Operator, Secret, Severity, validate};

mod verdicts;

use verdicts::human_duration_text;

/// The delegated permission ONES needs, as Microsoft lists it in granted scopes.
const CALENDARS_PERMISSION: &str = "Calendars.ReadWrite.Shared";

/// Why the sign-in did not produce a usable session. Its `Display` is the English of
/// [`SignInError::text`]: the catalogue is the one source of the sentence.
#[derive(Debug)]
pub enum SignInError {
    /// The server settings are not ready for a sign-in: one text per problem.
    NotReady {
        problems: Vec<Text>,
    },
    /// Can't listen on this computer for the browser's return.
    Listen(std::io::Error),
    /// Microsoft's sign-in page refused the request before the browser was opened.
    SignInPageRefused(PageError),
    Network(ProbeError),
    /// The browser did not come back within the time.
    NoCallback(Duration),
    /// The answer that reached the loopback address does not belong to this sign-in.
    StateMismatch,
    /// Microsoft sent the sign-in back with an error.
    ReturnedError {
        error: String,
        description: Option<String>,
    },
    /// The browser came back without an authorization code.
    NoCode,
    /// Microsoft refused to redeem the authorization code.
    RedemptionRefused {
        status: u16,
        body: Box<MicrosoftError>,
    },
}

impl std::fmt::Display for SignInError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text().english())
    }
}

impl std::error::Error for SignInError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SignInError::Listen(error) => Some(error),
            _ => None,
        }
    }
}

/// The three verdicts of the sign-in. Never holds a token.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SignInReport {
    /// The service account signed in and Microsoft redeemed the code.
    pub sign_in: Verdict,
    /// A refresh token was issued, so `offline_access` was granted. `skip` when the sign-in failed.
    pub offline_access: Verdict,
    /// The granted scopes include `Calendars.ReadWrite.Shared`. `skip` when the sign-in failed.
    pub calendars_scope: Verdict,
    pub refresh_token_issued: bool,
    /// The scopes Microsoft says it granted, as it wrote them.
    pub scopes: Vec<String>,
    /// The account that signed in (from the ID token's `preferred_username`), for display only.
    pub account: Option<String>,
    /// The redirect URI of this run (`http://localhost:{port}`), when the listener was opened.
    pub redirect_uri: Option<String>,
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
}

impl SignInReport {
    /// Signed in, refresh token issued, calendar scope not refused (a missing scope list is a
    /// warning: the rooms then tell).
    pub fn ok(&self) -> bool {
        self.sign_in.passed()
            && self.offline_access.passed()
            && self.calendars_scope.status != CheckStatus::Fail
    }

    /// Whether the rooms can be checked with this sign-in (else they are reported as skipped).
    pub fn rooms_can_run(&self) -> bool {
        self.sign_in.passed() && self.calendars_scope.status != CheckStatus::Fail
    }

    /// Why the rooms were not checked, for their `skip` results, in any language.
    pub fn rooms_skip_reason_text(&self) -> Text {
        if !self.sign_in.passed() {
            Text::new("rooms.skip.sign_in_failed")
        } else {
            Text::new("rooms.skip.no_calendars_scope")
        }
    }

    /// The three verdicts with their titles as texts that render in any language.
    pub fn verdict_texts(&self) -> [(Text, &Verdict); 3] {
        [
            (Text::new("rooms.verdict.sign_in"), &self.sign_in),
            (
                Text::new("rooms.verdict.offline_access"),
                &self.offline_access,
            ),
            (
                Text::new("rooms.verdict.calendars_scope"),
                &self.calendars_scope,
            ),
        ]
    }

    /// The three verdicts with their titles in the current language, in display order.
    pub fn localized_verdicts(&self) -> [(String, &Verdict); 3] {
        self.verdict_texts()
            .map(|(title, verdict)| (title.localized(), verdict))
    }

    /// The three verdicts with their titles in English (the diagnostic report), in display
    /// order.
    pub fn verdicts(&self) -> [(String, &Verdict); 3] {
        self.verdict_texts()
            .map(|(title, verdict)| (title.english(), verdict))
    }
}

/// The end of a sign-in: its report and, when the rooms can be checked, the session to check them
/// with. Drop the session when the test is over: that wipes the token.
#[derive(Debug)]
pub struct SignInOutcome {
    pub report: SignInReport,
    pub session: Option<RoomSession>,
}

/// A signed-in service account: the delegated access token, in memory only.
pub struct RoomSession {
    access_token: Secret,
    account: Option<String>,
    operator: Operator,
    expires_at: Option<Instant>,
}

impl std::fmt::Debug for RoomSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RoomSession")
            .field("access_token", &self.access_token)
            .field("account", &self.account)
            .field("operator", &self.operator)
            .finish_non_exhaustive()
    }
}

impl RoomSession {
    pub fn account(&self) -> Option<&str> {
        self.account.as_deref()
    }

    pub fn operator(&self) -> Operator {
        self.operator
    }

    /// Whether Microsoft's stated lifetime of the token has passed (then sign in again before
    /// retrying rooms).
    pub fn is_expired(&self) -> bool {
        self.expires_at
            .is_some_and(|expires_at| Instant::now() >= expires_at)
    }

    pub(super) fn access_token(&self) -> &Secret {
        &self.access_token
    }
}

/// A sign-in waiting for the browser. Open [`PendingSignIn::authorize_url`], then await
/// [`PendingSignIn::finish`]. Dropping it closes the loopback port.
pub struct PendingSignIn {
    listener: LoopbackListener,
    authorize_url: Url,
    redirect_uri: String,
    /// The PKCE verifier and the `state`, made by `oauth2`.
    secrets: SignInSecrets,
    context: SignInContext,
    started_at: DateTime<Utc>,
}

impl std::fmt::Debug for PendingSignIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PendingSignIn")
            .field("redirect_uri", &self.redirect_uri)
            .field("listener", &self.listener)
            .finish_non_exhaustive()
    }
}

impl PendingSignIn {
    /// The address to open in the system browser (Microsoft's sign-in for this run).
    pub fn authorize_url(&self) -> &str {
        self.authorize_url.as_str()
    }

    /// `http://localhost:{port}`: where the browser comes back.
    pub fn redirect_uri(&self) -> &str {
        &self.redirect_uri
    }

    pub fn callback_timeout(&self) -> Duration {
        self.context.callback_timeout
    }

    /// Everything a front end shows while waiting, as one value.
    pub fn prompt(&self) -> super::SignInPrompt {
        super::SignInPrompt {
            authorize_url: self.authorize_url.to_string(),
            redirect_uri: self.redirect_uri.clone(),
            instructions_text: self.instructions_text(),
            timeout: self.context.callback_timeout,
        }
    }

    /// What to tell the person while waiting, in any language.
    pub fn instructions_text(&self) -> Text {
        Text::new("rooms.prompt.instructions")
            .arg_text(
                "duration",
                human_duration_text(self.context.callback_timeout),
            )
            .arg("redirect_uri", &self.redirect_uri)
    }

    /// Waits for the browser's one return, checks it and redeems the code. The browser gets a
    /// small page saying how it went. Never panics; every failure is in the report.
    pub async fn finish(self) -> SignInOutcome {
        let PendingSignIn {
            listener,
            redirect_uri,
            secrets,
            context,
            started_at,
            ..
        } = self;
        tracing::debug!(redirect_uri, "room test: waiting for the browser");
        // Only the answer carrying this sign-in's `state` ends the wait; others get a 400.
        let is_ours = |params: &CallbackParams| secrets.state_matches(params.state.as_deref());
        let callback = match listener
            .wait_for_callback(context.callback_timeout, is_ours)
            .await
        {
            Ok(callback) => callback,
            Err(WaitError::TimedOut(waited)) => {
                return context.failed(
                    &SignInError::NoCallback(waited),
                    started_at,
                    Some(redirect_uri),
                );
            }
        };
        let redeemed = context
            .redeem(&callback.params, &secrets, &redirect_uri)
            .await;
        drop(secrets);
        let outcome = match redeemed {
            Ok(tokens) => {
                tracing::debug!(?tokens, "room test: code redeemed");
                context.signed_in(tokens, started_at, redirect_uri)
            }
            Err(error) => {
                tracing::debug!(%error, "room test: sign-in failed");
                context.failed(&error, started_at, Some(redirect_uri))
            }
        };
        // The browser's page speaks the language the assistant speaks now.
        let language = crate::i18n::current_language();
        let page = if outcome.report.sign_in.passed() {
            html_page_in(
                language,
                &Text::new("rooms.page.signed_in.title").render(language),
                &Text::new("rooms.page.signed_in.message").render(language),
            )
        } else {
            let summary = outcome.report.sign_in.summary.clone();
            html_page_in(
                language,
                &Text::new("rooms.page.failed.title").render(language),
                &Text::new("rooms.page.failed.message")
                    .arg_text("summary", summary)
                    .render(language),
            )
        };
        callback.respond(&page).await;
        outcome
    }
}

impl RoomTester {
    /// Starts a sign-in for `doc`'s server app: checks the server settings, opens the loopback
    /// listener, makes the PKCE pair and `state`, and asks Microsoft's sign-in page (best effort,
    /// without signing in) whether it accepts the request — so an unregistered `http://localhost`
    /// or a wrong tenant or client ID is reported here, before any browser opens.
    pub async fn start_sign_in(
        &self,
        doc: &IntegrationDocument,
    ) -> Result<PendingSignIn, SignInOutcome> {
        let started_at = Utc::now();
        let context = SignInContext::new(self, doc.check_input());
        let fail = |error: SignInError, redirect_uri: Option<String>| {
            context.failed(&error, started_at, redirect_uri)
        };
        if let Err(error) = ready_for_sign_in(doc) {
            return Err(fail(error, None));
        }
        let listener = match LoopbackListener::bind().await {
            Ok(listener) => listener,
            Err(error) => return Err(fail(SignInError::Listen(error), None)),
        };
        let redirect_uri = listener.redirect_uri();
        let authorize_base = match endpoint(
            &context.login_base,
            &[&context.tenant, "oauth2", "v2.0", "authorize"],
        ) {
            Ok(url) => url,
            Err(error) => return Err(fail(SignInError::Network(error), Some(redirect_uri))),
        };
        let request = AuthorizationRequest {
            authorize_url: authorize_base,
            client_id: &context.client_id,
            redirect_uri: &redirect_uri,
            scope: &context.scope,
            // The admin is usually signed in as themselves: let them pick the service account.
            extra: &[("prompt", "select_account")],
        };
        let (authorize_url, secrets) = match authorization_url(&request) {
            Ok(built) => built,
            Err(reason) => {
                let error = ProbeError::BadEndpoint {
                    address: redirect_uri.clone(),
                    reason,
                };
                return Err(fail(SignInError::Network(error), Some(redirect_uri)));
            }
        };

        match probe::authorize(
            &self.wire,
            &context.login_base,
            &context.tenant,
            &context.client_id,
            &redirect_uri,
        )
        .await
        {
            AuthorizeAnswer::ErrorPage(page) if page.code.is_some() => {
                return Err(fail(
                    SignInError::SignInPageRefused(page),
                    Some(redirect_uri),
                ));
            }
            AuthorizeAnswer::Failed(error) => {
                return Err(fail(SignInError::Network(error), Some(redirect_uri)));
            }
            // The sign-in page, a federated sign-in elsewhere, or a page this probe does not know:
            // the real sign-in in the browser decides.
            _ => {}
        }
        Ok(PendingSignIn {
            listener,
            authorize_url,
            redirect_uri,
            secrets,
            context,
            started_at,
        })
    }
}

/// The server settings a sign-in sends, checked with the document's own validation rules.
fn ready_for_sign_in(doc: &IntegrationDocument) -> Result<(), SignInError> {
    let needed = [
        Field::TenantId,
        Field::ServerClientId,
        Field::ServerClientSecret,
    ];
    let today = chrono::Local::now().date_naive();
    let findings: Vec<_> = validate(doc, today)
        .findings
        .into_iter()
        .filter(|finding| finding.severity == Severity::Error && needed.contains(&finding.field))
        .collect();
    let problems: Vec<Text> = findings
        .iter()
        .map(|finding| {
            Text::new("rooms.signin.problem")
                .arg_text("field", finding.field.label_text())
                .arg_text("message", finding.text.clone())
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(SignInError::NotReady { problems })
    }
}

/// What a sign-in needs after it started (the tester's client, the server app's settings).
struct SignInContext {
    wire: Wire,
    operator: Operator,
    login_base: String,
    tenant: String,
    client_id: String,
    client_secret: Secret,
    scope: String,
    callback_timeout: Duration,
}

impl SignInContext {
    fn new(tester: &RoomTester, input: CheckInput<'_>) -> Self {
        let operator = input.operator;
        Self {
            wire: tester.wire.clone(),
            operator,
            login_base: tester.endpoints.login(operator).to_owned(),
            tenant: input.tenant.to_owned(),
            client_id: input.server_client_id.to_owned(),
            client_secret: input.server_secret.clone(),
            scope: format!(
                "openid offline_access {}",
                tester.endpoints.calendars_scope(operator)
            ),
            callback_timeout: tester.options.callback_timeout(),
        }
    }

    fn cloud(&self) -> &'static CloudProfile {
        CloudProfile::for_operator(self.operator)
    }

    fn portal(&self, page: PortalPage) -> PortalTarget {
        PortalTarget::for_app(self.cloud(), page, &self.client_id)
    }

    /// Checks the callback and redeems its code.
    async fn redeem(
        &self,
        params: &CallbackParams,
        secrets: &SignInSecrets,
        redirect_uri: &str,
    ) -> Result<IssuedTokens, SignInError> {
        // The listener already waits for this `state`; checked again so no code is ever
        // redeemed for an answer that is not this sign-in's.
        if !secrets.state_matches(params.state.as_deref()) {
            return Err(SignInError::StateMismatch);
        }
        if let Some(error) = &params.error {
            return Err(SignInError::ReturnedError {
                error: error.clone(),
                description: params.error_description.clone(),
            });
        }
        let Some(code) = &params.code else {
            return Err(SignInError::NoCode);
        };
        let redemption = CodeRedemption {
            client_id: &self.client_id,
            client_secret: &self.client_secret,
            code,
            code_verifier: &secrets.verifier,
            redirect_uri,
            scope: &self.scope,
        };
        match oauth::redeem_code(&self.wire, &self.login_base, &self.tenant, &redemption).await {
            LoginAnswer::Success(tokens) => Ok(tokens),
            LoginAnswer::Refused { status, body } => Err(SignInError::RedemptionRefused {
                status,
                body: Box::new(body),
            }),
            LoginAnswer::Failed(error) => Err(SignInError::Network(error)),
        }
    }
}
