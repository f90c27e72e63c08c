//! What each live check asks Microsoft and what the answer means: the tenant lookup (both
//! clouds at once), the client-credentials secret probe, the redirect-URI probes through the
//! authorize endpoint, and whether the room test's `http://localhost` is registered. Each turns
//! a probe's answer into a [`CheckResult`] with a summary, a fix and the portal page; the suite
//! (`suite.rs`) decides when each runs and what a failure skips.

use super::answer::{ExplainedRefusal, Refusal};
use super::endpoints::Endpoints;
use super::probe::{self, AuthorizeAnswer, Discovery};
use super::suite::Checker;
use super::wire::{LoginAnswer, ProbeError, host_with_port};
use super::{CheckId, CheckResult, CheckStatus, MicrosoftAnswer, PortalTarget, RunId, oauth};
use crate::cloud::{AppRole, CloudProfile, PortalPage};
use crate::i18n::SummaryAndFix as _;
use crate::i18n::Text;
use crate::model::{CheckInput, Operator};

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
