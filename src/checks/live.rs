//! The live checks, each in one place: its [`CheckId`] variant (the position is the display
//! order), its [`CheckSpec`] row in [`CheckId::spec`] (the `--only`/JSON key, title, dependencies,
//! the fields and the secret it needs), its arm in `Checker::check`, and the method that asks
//! Microsoft and says what the answer means: the tenant lookup (both clouds at once), the
//! client-credentials secret probe, the redirect-URI probes through the authorize endpoint, and
//! whether the room test's `http://localhost` is registered. Each turns a probe's answer into a
//! [`CheckResult`] with a summary, a fix and the portal page; the suite (`suite.rs`) decides when
//! each runs and what a failure skips. A new check is this file and its catalogue sentences.

use std::fmt;

use serde::{Serialize, Serializer};

use super::answer::{ExplainedRefusal, Refusal};
use super::endpoints::Endpoints;
use super::probe::{self, AuthorizeAnswer, Discovery};
use super::suite::Checker;
use super::wire::{LoginAnswer, ProbeError, host_with_port};
use super::{CheckResult, CheckStatus, MicrosoftAnswer, PortalTarget, RunId, oauth};
use crate::cloud::{AppRole, CloudProfile, PortalPage};
use crate::i18n::SummaryAndFix as _;
use crate::i18n::Text;
use crate::model::{CheckInput, Field, Operator};

/// One check of the suite. Its text form (`tenant`, `lint:server_app.client_secret`, …) is a
/// contract (`--only`, JSON output). Each live check has a row, [`CheckId::spec`]; the variant
/// order is the display order (lint first), and [`CheckId::LIVE`] lists them in the same order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CheckId {
    /// The validation findings of one field (no network).
    Lint(Field),
    Tenant,
    ServerSecret,
    SsoSecret,
    RoomRedirect,
    SsoRedirect,
    RoomTestRedirect,
}

/// What the suite knows about one live check. Everything else — the key in `--only` and JSON, the
/// title, the best-effort mark, which pre-flight errors skip it, which check's failure skips it,
/// `--only`'s help and the unknown-check sentence — is derived from its row, [`CheckId::spec`].
/// How to add a check: ARCHITECTURE.md.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CheckSpec {
    /// The contract name (`--only`, JSON `id`).
    pub key: &'static str,
    /// Catalogue key of the title shown next to the result.
    pub title_key: &'static str,
    /// Reads undocumented page internals and never claims more than it saw.
    pub best_effort: bool,
    /// A pre-flight error on one of these fields skips the check without a request.
    pub prerequisite_fields: &'static [Field],
    /// Checks whose failure (or skip) makes this one `skip`; its result is held until they are
    /// known. They run whenever this one does.
    pub depends_on: &'static [CheckId],
    /// Catalogue key of the sentence a dependent check gets when this one did not pass.
    pub dependents_skip_key: &'static str,
    /// The secret this check sends: when only ONES holds it (never shown), the check cannot run
    /// and asks for the value instead.
    pub secret_field: Option<Field>,
}

impl CheckId {
    /// The checks that talk to Microsoft, in display order (the variants' order).
    pub const LIVE: &'static [CheckId] = &[
        CheckId::Tenant,
        CheckId::ServerSecret,
        CheckId::SsoSecret,
        CheckId::RoomRedirect,
        CheckId::SsoRedirect,
        CheckId::RoomTestRedirect,
    ];

    /// The registry row of a live check (`None` for lint). A `match`: a variant without a row
    /// does not compile.
    pub const fn spec(self) -> Option<&'static CheckSpec> {
        const DEPENDS_ON_TENANT: &[CheckId] = &[CheckId::Tenant];
        match self {
            CheckId::Lint(_) => None,
            CheckId::Tenant => Some(&CheckSpec {
                key: "tenant",
                title_key: "checks.title.tenant",
                best_effort: false,
                prerequisite_fields: &[Field::TenantId],
                depends_on: &[],
                dependents_skip_key: "checks.skip.tenant_failed",
                secret_field: None,
            }),
            CheckId::ServerSecret => Some(&CheckSpec {
                key: "server-secret",
                title_key: "checks.title.server_secret",
                best_effort: false,
                prerequisite_fields: &[
                    Field::TenantId,
                    Field::ServerClientId,
                    Field::ServerClientSecret,
                ],
                depends_on: DEPENDS_ON_TENANT,
                dependents_skip_key: "checks.skip.dependency_failed",
                secret_field: Some(Field::ServerClientSecret),
            }),
            CheckId::SsoSecret => Some(&CheckSpec {
                key: "sso-secret",
                title_key: "checks.title.sso_secret",
                best_effort: false,
                prerequisite_fields: &[Field::TenantId, Field::SsoClientId, Field::SsoClientSecret],
                depends_on: DEPENDS_ON_TENANT,
                dependents_skip_key: "checks.skip.dependency_failed",
                secret_field: Some(Field::SsoClientSecret),
            }),
            CheckId::RoomRedirect => Some(&CheckSpec {
                key: "room-redirect",
                title_key: "checks.title.room_redirect",
                best_effort: true,
                prerequisite_fields: &[
                    Field::TenantId,
                    Field::ServerClientId,
                    Field::RoomRedirectUri,
                ],
                depends_on: DEPENDS_ON_TENANT,
                dependents_skip_key: "checks.skip.dependency_failed",
                secret_field: None,
            }),
            CheckId::SsoRedirect => Some(&CheckSpec {
                key: "sso-redirect",
                title_key: "checks.title.sso_redirect",
                best_effort: true,
                prerequisite_fields: &[Field::TenantId, Field::SsoClientId, Field::SsoRedirectUri],
                depends_on: DEPENDS_ON_TENANT,
                dependents_skip_key: "checks.skip.dependency_failed",
                secret_field: None,
            }),
            CheckId::RoomTestRedirect => Some(&CheckSpec {
                key: "room-test-redirect",
                title_key: "checks.title.room_test_redirect",
                best_effort: true,
                prerequisite_fields: &[Field::TenantId, Field::ServerClientId],
                depends_on: DEPENDS_ON_TENANT,
                dependents_skip_key: "checks.skip.dependency_failed",
                secret_field: None,
            }),
        }
    }

    pub fn key(self) -> String {
        match (self, self.spec()) {
            (CheckId::Lint(field), _) => format!("lint:{}", field.path()),
            (_, Some(spec)) => spec.key.to_owned(),
            (_, None) => String::new(),
        }
    }

    pub fn parse(text: &str) -> Option<CheckId> {
        let text = text.trim();
        if let Some(path) = text.strip_prefix("lint:") {
            return Field::from_path(path)
                .filter(|field| field.path() == path)
                .map(CheckId::Lint);
        }
        CheckId::LIVE
            .iter()
            .copied()
            .find(|id| id.spec().is_some_and(|spec| spec.key == text))
    }

    /// The title in English (JSON, the diagnostic report).
    pub fn title(self) -> String {
        self.title_text().english()
    }

    /// The title as a text that renders in any language.
    pub fn title_text(self) -> Text {
        match (self, self.spec()) {
            (CheckId::Lint(field), _) => Text::new("checks.title.lint")
                .arg_text("step", field.step().title_text())
                .arg_text("field", field.label_text()),
            (_, Some(spec)) => Text::new(spec.title_key),
            (_, None) => Text::verbatim(self.key()),
        }
    }

    /// [`CheckId::title`] in the current language.
    pub fn localized_title(self) -> String {
        self.title_text().localized()
    }

    /// Checks that read undocumented page internals and never claim more than they saw.
    pub fn is_best_effort(self) -> bool {
        self.spec().is_some_and(|spec| spec.best_effort)
    }

    pub fn is_live(self) -> bool {
        !matches!(self, CheckId::Lint(_))
    }

    /// Fields whose pre-flight errors skip this check without a request.
    pub fn prerequisite_fields(self) -> &'static [Field] {
        self.spec().map_or(&[], |spec| spec.prerequisite_fields)
    }

    /// Checks whose failure skips this one.
    pub fn depends_on(self) -> &'static [CheckId] {
        self.spec().map_or(&[], |spec| spec.depends_on)
    }

    /// Every field some live check sends, in [`Field::ALL`] order (the operator, which picks the
    /// cloud, comes on top): what a result depends on, from the registry's rows.
    pub fn live_fields() -> impl Iterator<Item = Field> {
        Field::ALL.into_iter().filter(|field| {
            CheckId::LIVE
                .iter()
                .any(|id| id.prerequisite_fields().contains(field))
        })
    }
}

/// Every `--only` value, for the help text and the unknown-check sentence: the registry's keys,
/// `lint` and `lint:<field path>`.
pub fn only_values() -> String {
    let mut values: Vec<&str> = CheckId::LIVE
        .iter()
        .filter_map(|id| id.spec().map(|spec| spec.key))
        .collect();
    values.push("lint");
    values.push("lint:<field path>");
    values.join(", ")
}

impl fmt::Display for CheckId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.key())
    }
}

impl Serialize for CheckId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.key())
    }
}

impl Checker {
    /// Runs the check `id` (one arm per check: the compiler insists on it).
    pub(super) async fn check(
        &self,
        input: CheckInput<'_>,
        id: CheckId,
        run_id: RunId,
    ) -> CheckResult {
        match id {
            CheckId::Tenant => self.tenant(input, run_id).await,
            CheckId::ServerSecret => self.secret(input, AppRole::Server, run_id).await,
            CheckId::SsoSecret => self.secret(input, AppRole::Sso, run_id).await,
            CheckId::RoomRedirect => {
                let uri = input.room_redirect_uri;
                self.redirect(input, AppRole::Server, id, uri, run_id).await
            }
            CheckId::SsoRedirect => {
                let uri = input.sso_redirect_uri;
                self.redirect(input, AppRole::Sso, id, uri, run_id).await
            }
            CheckId::RoomTestRedirect => self.room_test_redirect(input, run_id).await,
            CheckId::Lint(_) => CheckResult::pass(run_id, id, Text::new("checks.lint.no_findings")),
        }
    }

    async fn tenant(&self, input: CheckInput<'_>, run_id: RunId) -> CheckResult {
        let operator = input.operator;
        let tenant = input.tenant;
        let context = Context::new(input, AppRole::Server, run_id, CheckId::Tenant);
        let own = probe::discover(&self.wire, self.endpoints.login(operator), tenant);
        let other = probe::discover(&self.wire, self.endpoints.login(operator.other()), tenant);
        tokio::pin!(own, other);
        // Ask both clouds at once; the other cloud's answer matters only when ours does not know
        // the tenant.
        let mut other_answer = None;
        let own_answer = loop {
            tokio::select! {
                answer = &mut own => break answer,
                answer = &mut other, if other_answer.is_none() => other_answer = Some(answer),
            }
        };
        match own_answer {
            LoginAnswer::Success(discovery) => {
                self.tenant_found(&context, tenant, &discovery, None)
            }
            LoginAnswer::Refused { status, body } if body.code() == Some(90002) => {
                let other_answer = match other_answer {
                    Some(answer) => answer,
                    None => other.await,
                };
                let refusal = Refusal::from_body(status, &body);
                match other_answer {
                    LoginAnswer::Success(discovery) => {
                        self.tenant_found(&context, tenant, &discovery, Some(refusal))
                    }
                    _ => context.refused(refusal),
                }
            }
            LoginAnswer::Refused { status, body } => {
                context.refused(Refusal::from_body(status, &body))
            }
            LoginAnswer::Failed(error) => context.failed(&error),
        }
    }

    /// A discovery document was found (on our cloud's host, or — after our host said 90002 — on the
    /// other's). Decides by the cloud the tenant's own endpoints live in.
    fn tenant_found(
        &self,
        context: &Context,
        tenant: &str,
        discovery: &Discovery,
        refusal: Option<Refusal>,
    ) -> CheckResult {
        let operator = context.operator;
        let resolved = discovery.tenant_id();
        let mut result = match discovered_cloud(discovery, &self.endpoints) {
            DiscoveredCloud::Operator(cloud) if cloud == operator => match refusal {
                None => {
                    let name = match &resolved {
                        Some(guid) if !guid.eq_ignore_ascii_case(tenant) => {
                            Text::new("checks.tenant.name_resolved")
                                .arg("tenant", tenant)
                                .arg("guid", guid)
                        }
                        Some(guid) => Text::new("checks.tenant.name").arg("tenant", guid),
                        None => Text::new("checks.tenant.name").arg("tenant", tenant),
                    };
                    CheckResult::pass(
                        context.run_id,
                        CheckId::Tenant,
                        Text::new("checks.tenant.found")
                            .arg_text("name", name)
                            .arg("cloud", operator.ones_label()),
                    )
                }
                // Our host did not know it, yet the other host says it is ours: report what ours said.
                Some(refusal) => context.refused(refusal),
            },
            DiscoveredCloud::Operator(cloud) => {
                // What our host said stays for support; the fix is in the other cloud's portal.
                let answer =
                    refusal.map_or_else(MicrosoftAnswer::default, |refusal| MicrosoftAnswer {
                        portal: None,
                        ..context.explain(refusal).answer
                    });
                CheckResult::fail(
                    context.run_id,
                    CheckId::Tenant,
                    Text::new("checks.tenant.wrong_cloud")
                        .arg("cloud", cloud.ones_label())
                        .arg("operator", operator.ones_label()),
                )
                .with_fix(
                    Text::new("checks.tenant.wrong_cloud.fix")
                        .arg("cloud", cloud.ones_label())
                        .arg("portal", CloudProfile::for_operator(cloud).portal_base),
                )
                .with_answer(answer)
            }
            DiscoveredCloud::Other(name) => CheckResult::fail(
                context.run_id,
                CheckId::Tenant,
                Text::new("checks.tenant.other_cloud").arg("name", name),
            )
            .with_fix(Text::new("checks.tenant.other_cloud.fix")),
        };
        result.tenant_id = resolved;
        result
    }

    async fn secret(&self, input: CheckInput<'_>, role: AppRole, run_id: RunId) -> CheckResult {
        let id = if role == AppRole::Server {
            CheckId::ServerSecret
        } else {
            CheckId::SsoSecret
        };
        let context = Context::new(input, role, run_id, id);
        let secret = match role {
            AppRole::Server => input.server_secret,
            AppRole::Sso => input.sso_secret,
        };
        let answer = oauth::client_credentials(
            &self.wire,
            self.endpoints.login(input.operator),
            input.tenant,
            &context.client_id,
            secret,
            &self.endpoints.graph_default_scope(input.operator),
        )
        .await;
        match answer {
            LoginAnswer::Success(()) => {
                CheckResult::pass(run_id, id, Text::new("checks.secret.accepted"))
                    .with_portal(context.portal(PortalPage::CertificatesSecrets))
            }
            LoginAnswer::Refused { status, body } => {
                let mut result = context.refused(Refusal::from_body(status, &body));
                if body.code() == Some(700016)
                    && context.client_id.eq_ignore_ascii_case(&context.tenant)
                {
                    let advice = result.fix.clone().unwrap_or_else(|| Text::verbatim(""));
                    result.set_fix(
                        Text::new("checks.secret.client_id_is_tenant").arg_text("advice", advice),
                    );
                }
                result
            }
            LoginAnswer::Failed(error) => context.failed(&error),
        }
    }

    /// Whether the server app has `http://localhost` under Web, which the room access test signs in
    /// through (Microsoft ignores the port of a localhost redirect URI). It is needed only for
    /// that test and should be removed afterwards, so either answer is a sentence, never a failure.
    async fn room_test_redirect(&self, input: CheckInput<'_>, run_id: RunId) -> CheckResult {
        let id = CheckId::RoomTestRedirect;
        let uri = crate::rooms::LOOPBACK_REDIRECT_URI;
        let mut result = self.redirect(input, AppRole::Server, id, uri, run_id).await;
        match (result.status, result.answer.aadsts) {
            (CheckStatus::Pass, _) => {
                result.set_summary(Text::new("checks.room_test_redirect.registered"));
                result.set_fix(Text::new("checks.room_test_redirect.remove_afterwards"));
            }
            (CheckStatus::Fail, Some(50011)) => {
                result.status = CheckStatus::Warn;
                result.set_summary(Text::new("checks.room_test_redirect.missing"));
                result.set_fix(Text::new("checks.room_test_redirect.add"));
            }
            _ => {}
        }
        result
    }

    async fn redirect(
        &self,
        input: CheckInput<'_>,
        role: AppRole,
        id: CheckId,
        uri: &str,
        run_id: RunId,
    ) -> CheckResult {
        let context = Context::new(input, role, run_id, id);
        let answer = probe::authorize(
            &self.wire,
            self.endpoints.login(input.operator),
            input.tenant,
            &context.client_id,
            uri,
        )
        .await;
        let caveat = || Text::new("checks.redirect.caveat");
        let mut result = match answer {
            AuthorizeAnswer::SignInPage => CheckResult::pass(
                run_id,
                id,
                Text::new("checks.redirect.sign_in_page").arg_text("caveat", caveat()),
            ),
            AuthorizeAnswer::ErrorPage(page) if page.code.is_some() => {
                let mut explained = context.explain(Refusal::from_page(&page));
                explained.summary = Text::new("checks.redirect.with_caveat")
                    .arg_text("summary", explained.summary)
                    .arg_text("caveat", caveat());
                CheckResult::refused(run_id, id, explained)
            }
            AuthorizeAnswer::ErrorPage(page) => CheckResult::warn(
                run_id,
                id,
                Text::new("checks.redirect.error_page_without_code")
                    .arg("message", page.message.clone().unwrap_or_default())
                    .arg_text("caveat", caveat()),
            )
            .with_fix(Text::new("checks.redirect.confirm"))
            .with_answer(MicrosoftAnswer {
                trace_id: page.trace_id,
                correlation_id: page.correlation_id,
                ..MicrosoftAnswer::default()
            }),
            AuthorizeAnswer::RedirectedBack { error: None, .. } => CheckResult::pass(
                run_id,
                id,
                Text::new("checks.redirect.redirected_back").arg_text("caveat", caveat()),
            ),
            AuthorizeAnswer::RedirectedBack {
                error: Some(error),
                error_description,
            } => CheckResult::warn(
                run_id,
                id,
                Text::new("checks.redirect.redirected_back_with_error")
                    .arg("error", &error)
                    .arg_text("caveat", caveat()),
            )
            .with_fix(Text::new("checks.redirect.read_description"))
            .with_answer(MicrosoftAnswer {
                error: Some(error),
                error_description,
                ..MicrosoftAnswer::default()
            }),
            AuthorizeAnswer::RedirectedElsewhere { host } => CheckResult::warn(
                run_id,
                id,
                Text::new("checks.redirect.redirected_elsewhere")
                    .arg("host", host)
                    .arg_text("caveat", caveat()),
            )
            .with_fix(Text::new("checks.redirect.confirm")),
            AuthorizeAnswer::Unrecognised { status } => CheckResult::warn(
                run_id,
                id,
                Text::new("checks.redirect.unrecognised")
                    .arg("status", status)
                    .arg_text("caveat", caveat()),
            )
            .with_fix(Text::new("checks.redirect.confirm_and_proxy"))
            .with_answer(MicrosoftAnswer {
                http_status: Some(status),
                ..MicrosoftAnswer::default()
            }),
            AuthorizeAnswer::Failed(error) => context.failed(&error),
        };
        if result.answer.portal.is_none() && result.status != CheckStatus::Fail {
            result.answer.portal = Some(context.portal(PortalPage::Authentication));
        }
        result
    }
}

/// What a check needs to turn Microsoft's answer into a result.
struct Context {
    run_id: RunId,
    id: CheckId,
    operator: Operator,
    tenant: String,
    client_id: String,
}

impl Context {
    fn new(input: CheckInput<'_>, role: AppRole, run_id: RunId, id: CheckId) -> Self {
        Self {
            run_id,
            id,
            operator: input.operator,
            tenant: input.tenant.to_owned(),
            client_id: role.client_id(&input).to_owned(),
        }
    }

    fn cloud(&self) -> &'static CloudProfile {
        CloudProfile::for_operator(self.operator)
    }

    fn portal(&self, page: PortalPage) -> PortalTarget {
        PortalTarget::for_app(self.cloud(), page, &self.client_id)
    }

    /// A refusal in words, with the page of this check's app.
    fn explain(&self, refusal: Refusal) -> ExplainedRefusal {
        refusal.explain(self.cloud(), &self.client_id)
    }

    /// Microsoft refused: the advice table decides summary, fix and page.
    fn refused(&self, refusal: Refusal) -> CheckResult {
        CheckResult::refused(self.run_id, self.id, self.explain(refusal))
    }

    /// No usable answer: the one sentence from [`ProbeError::text`].
    fn failed(&self, error: &ProbeError) -> CheckResult {
        let mut result = CheckResult::fail(self.run_id, self.id, error.text());
        if let ProbeError::ServerError { status, .. }
        | ProbeError::Unreadable { status, .. }
        | ProbeError::UnexpectedStatus { status, .. } = error
        {
            result.answer.http_status = Some(*status).filter(|status| *status != 0);
        }
        result
    }
}

enum DiscoveredCloud {
    Operator(Operator),
    Other(String),
}

/// The cloud a discovery document's tenant lives in: by `cloud_instance_name`, else by the host of
/// its token endpoint.
fn discovered_cloud(discovery: &Discovery, endpoints: &Endpoints) -> DiscoveredCloud {
    if let Some(name) = discovery
        .cloud_instance_name
        .as_deref()
        .map(str::trim)
        .filter(|name| !name.is_empty())
    {
        for operator in Operator::ALL {
            if CloudProfile::for_operator(operator)
                .cloud_instance_name
                .eq_ignore_ascii_case(name)
            {
                return DiscoveredCloud::Operator(operator);
            }
        }
        return DiscoveredCloud::Other(name.to_owned());
    }
    let token_host = discovery.token_host();
    for operator in Operator::ALL {
        let login = url::Url::parse(endpoints.login(operator))
            .ok()
            .map(|url| host_with_port(&url));
        if token_host.is_some() && login == token_host {
            return DiscoveredCloud::Operator(operator);
        }
    }
    DiscoveredCloud::Other(token_host.unwrap_or_else(|| "an unknown cloud".to_owned()))
}
