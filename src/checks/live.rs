//! What each live check asks Microsoft and what the answer means: the tenant lookup (both
//! clouds at once), the client-credentials secret probe, the redirect-URI probes through the
//! authorize endpoint, and whether the room test's `http://localhost` is registered. Each turns
//! a probe's answer into a [`CheckResult`] with a summary, a fix and the portal page; the suite
//! (`suite.rs`) decides when each runs and what a failure skips.

use super::advice::explain_refusal;
use super::endpoints::Endpoints;
use super::probe::{self, AuthorizeAnswer, Discovery, LoginAnswer, MicrosoftError, ProbeError};
use super::suite::Checker;
use super::{CheckId, CheckResult, CheckStatus, PortalTarget, RunId};
use crate::cloud::{AppRole, CloudProfile, PortalPage, portal_link};
use crate::i18n::SummaryAndFix as _;
use crate::i18n::Text;
use crate::model::validation::is_guid;
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
            CheckId::Lint(_) => CheckResult::with_text(
                run_id,
                id,
                CheckStatus::Pass,
                Text::new("checks.lint.no_findings"),
            ),
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
                match other_answer {
                    LoginAnswer::Success(discovery) => {
                        self.tenant_found(&context, tenant, &discovery, Some((status, &body)))
                    }
                    _ => context.refused(status, &body),
                }
            }
            LoginAnswer::Refused { status, body } => context.refused(status, &body),
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
        refusal: Option<(u16, &MicrosoftError)>,
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
                    CheckResult::with_text(
                        context.run_id,
                        CheckId::Tenant,
                        CheckStatus::Pass,
                        Text::new("checks.tenant.found")
                            .arg_text("name", name)
                            .arg("cloud", operator.ones_label()),
                    )
                }
                // Our host did not know it, yet the other host says it is ours: report what ours said.
                Some((status, body)) => context.refused(status, body),
            },
            DiscoveredCloud::Operator(cloud) => {
                let mut result = match refusal {
                    Some((status, body)) => context.refused(status, body),
                    None => {
                        CheckResult::new(context.run_id, CheckId::Tenant, CheckStatus::Fail, "")
                    }
                };
                result.set_summary(
                    Text::new("checks.tenant.wrong_cloud")
                        .arg("cloud", cloud.ones_label())
                        .arg("operator", operator.ones_label()),
                );
                result.set_fix(
                    Text::new("checks.tenant.wrong_cloud.fix")
                        .arg("cloud", cloud.ones_label())
                        .arg("portal", CloudProfile::for_operator(cloud).portal_base),
                );
                result.portal = None;
                result
            }
            DiscoveredCloud::Other(name) => {
                let mut result = CheckResult::with_text(
                    context.run_id,
                    CheckId::Tenant,
                    CheckStatus::Fail,
                    Text::new("checks.tenant.other_cloud").arg("name", name),
                );
                result.set_fix(Text::new("checks.tenant.other_cloud.fix"));
                result
            }
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
        let answer = probe::client_credentials(
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
                let mut result = CheckResult::with_text(
                    run_id,
                    id,
                    CheckStatus::Pass,
                    Text::new("checks.secret.accepted"),
                );
                result.portal = context.portal(PortalPage::CertificatesSecrets);
                result
            }
            LoginAnswer::Refused { status, body } => {
                let mut result = context.refused(status, &body);
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
        match (result.status, result.aadsts) {
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
            AuthorizeAnswer::SignInPage => CheckResult::with_text(
                run_id,
                id,
                CheckStatus::Pass,
                Text::new("checks.redirect.sign_in_page").arg_text("caveat", caveat()),
            ),
            AuthorizeAnswer::ErrorPage(page) => match page.code {
                Some(code) => {
                    let body = MicrosoftError {
                        error: String::new(),
                        error_description: page.message.clone().unwrap_or_default(),
                        error_codes: vec![code],
                        timestamp: page.timestamp.clone(),
                        trace_id: page.trace_id.clone(),
                        correlation_id: page.correlation_id.clone(),
                        error_uri: None,
                    };
                    let mut result = context.refused(200, &body);
                    result.error = None;
                    result.http_status = None;
                    let summary = result.summary.clone();
                    result.set_summary(
                        Text::new("checks.redirect.with_caveat")
                            .arg_text("summary", summary)
                            .arg_text("caveat", caveat()),
                    );
                    result
                }
                None => {
                    let mut result = CheckResult::with_text(
                        run_id,
                        id,
                        CheckStatus::Warn,
                        Text::new("checks.redirect.error_page_without_code")
                            .arg("message", page.message.clone().unwrap_or_default())
                            .arg_text("caveat", caveat()),
                    );
                    result.set_fix(Text::new("checks.redirect.confirm"));
                    result.trace_id = page.trace_id;
                    result.correlation_id = page.correlation_id;
                    result
                }
            },
            AuthorizeAnswer::RedirectedBack { error: None, .. } => CheckResult::with_text(
                run_id,
                id,
                CheckStatus::Pass,
                Text::new("checks.redirect.redirected_back").arg_text("caveat", caveat()),
            ),
            AuthorizeAnswer::RedirectedBack {
                error: Some(error),
                error_description,
            } => {
                let mut result = CheckResult::with_text(
                    run_id,
                    id,
                    CheckStatus::Warn,
                    Text::new("checks.redirect.redirected_back_with_error")
                        .arg("error", &error)
                        .arg_text("caveat", caveat()),
                );
                result.set_fix(Text::new("checks.redirect.read_description"));
                result.error = Some(error);
                result.error_description = error_description;
                result
            }
            AuthorizeAnswer::RedirectedElsewhere { host } => {
                let mut result = CheckResult::with_text(
                    run_id,
                    id,
                    CheckStatus::Warn,
                    Text::new("checks.redirect.redirected_elsewhere")
                        .arg("host", host)
                        .arg_text("caveat", caveat()),
                );
                result.set_fix(Text::new("checks.redirect.confirm"));
                result
            }
            AuthorizeAnswer::Unrecognised { status } => {
                let mut result = CheckResult::with_text(
                    run_id,
                    id,
                    CheckStatus::Warn,
                    Text::new("checks.redirect.unrecognised")
                        .arg("status", status)
                        .arg_text("caveat", caveat()),
                );
                result.set_fix(Text::new("checks.redirect.confirm_and_proxy"));
                result.http_status = Some(status);
                result
            }
            AuthorizeAnswer::Failed(error) => context.failed(&error),
        };
        if result.portal.is_none() && result.status != CheckStatus::Fail {
            result.portal = context.portal(PortalPage::Authentication);
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

    fn portal(&self, page: PortalPage) -> Option<PortalTarget> {
        let app_id = is_guid(&self.client_id).then_some(self.client_id.as_str());
        Some(PortalTarget {
            page,
            title: page.title(),
            url: portal_link(self.cloud(), page, app_id),
        })
    }

    /// Microsoft refused with an error body: the advice table decides summary, fix and page.
    fn refused(&self, status: u16, body: &MicrosoftError) -> CheckResult {
        let code = body.code();
        let description = Some(body.error_description.clone()).filter(|text| !text.is_empty());
        let explanation = explain_refusal(code, &body.error, description.as_deref());
        let mut result =
            CheckResult::with_text(self.run_id, self.id, CheckStatus::Fail, explanation.summary);
        result.set_fix(explanation.fix);
        result.portal = explanation.page.and_then(|page| self.portal(page));
        result.aadsts = code;
        result.error = Some(body.error.clone()).filter(|error| !error.is_empty());
        result.error_description = description;
        result.trace_id = body.trace_id.clone();
        result.correlation_id = body.correlation_id.clone();
        result.timestamp = body.timestamp.clone();
        result.error_lookup_url = code.map(|code| self.cloud().error_lookup_url(code));
        result.http_status = Some(status);
        result
    }

    /// No usable answer: the one sentence from [`ProbeError::text`].
    fn failed(&self, error: &ProbeError) -> CheckResult {
        let mut result =
            CheckResult::with_text(self.run_id, self.id, CheckStatus::Fail, error.text());
        if let ProbeError::ServerError { status, .. }
        | ProbeError::Unreadable { status, .. }
        | ProbeError::UnexpectedStatus { status, .. } = error
        {
            result.http_status = Some(*status).filter(|status| *status != 0);
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
            .map(|url| probe::host_with_port(&url));
        if token_host.is_some() && login == token_host {
            return DiscoveredCloud::Operator(operator);
        }
    }
    DiscoveredCloud::Other(token_host.unwrap_or_else(|| "an unknown cloud".to_owned()))
}
