//! [`Checker::run`]: the whole suite — pre-flight lint from [`crate::model::validate`], then
//! every live probe started at once, results reported one by one.
//!
//! Dependencies are resolved after the fact, not by waiting: the secret and redirect probes run
//! concurrently with the tenant lookup and their results are held until the tenant is known; if the
//! tenant check failed they become `skip` and the probes still in flight are dropped. So the suite
//! costs about one round trip (the slowest probe), not the sum. A failed pre-flight finding on a
//! field a probe sends (e.g. an empty secret) skips that probe without any request.

use crate::i18n::SummaryAndFix as _;
use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::pin::Pin;
use std::time::Instant;

use chrono::{NaiveDate, Utc};
use futures_util::StreamExt;
use futures_util::stream::FuturesUnordered;

use super::advice::explain_refusal;
use super::endpoints::Endpoints;
use super::probe::{
    self, AuthorizeAnswer, Discovery, LoginAnswer, MicrosoftError, ProbeError, Wire,
};
use super::{
    CheckEvent, CheckFilter, CheckId, CheckResult, CheckStatus, PortalTarget, RunId, SuiteReport,
};
use crate::cloud::{AppRole, CloudProfile, PortalPage, portal_link};
use crate::i18n::Text;
use crate::model::validation::is_guid;
use crate::model::{Field, IntegrationDocument, Operator, Severity, validate};
use crate::net::{ClientSetupError, NetSettings, build_client};

/// Runs checks. Cheap to clone (the HTTP client is shared); keep one and rebuild it when the
/// network settings or endpoints change.
#[derive(Clone, Debug)]
pub struct Checker {
    wire: Wire,
    endpoints: Endpoints,
}

type ProbeFuture<'a> = Pin<Box<dyn Future<Output = CheckResult> + Send + 'a>>;

impl Checker {
    /// A checker with the client of [`crate::net::build_client`] (timeouts, proxy, extra CA).
    pub fn new(net: &NetSettings, endpoints: Endpoints) -> Result<Self, ClientSetupError> {
        let client = build_client(net)?;
        Ok(Self {
            wire: Wire {
                client,
                timeout_secs: net.timeout_secs.max(1),
            },
            endpoints,
        })
    }

    pub fn endpoints(&self) -> &Endpoints {
        &self.endpoints
    }

    /// The live checks a run with `filter` will report, in display order (lint results depend on
    /// the findings and come first). For the GUI's rows and spinners.
    pub fn planned(filter: &CheckFilter) -> Vec<CheckId> {
        CheckId::LIVE
            .into_iter()
            .filter(|id| filter.selects(*id))
            .collect()
    }

    /// Runs the suite on `doc`. `progress` gets every event as it happens; the returned report holds
    /// every selected result in display order. Dropping the future abandons the run. The future is
    /// `Send` (spawnable) when `progress` is.
    pub async fn run(
        &self,
        doc: &IntegrationDocument,
        today: NaiveDate,
        filter: &CheckFilter,
        run_id: RunId,
        mut progress: impl FnMut(CheckEvent),
    ) -> SuiteReport {
        let started_at = Utc::now();
        let mut results: BTreeMap<CheckId, CheckResult> = BTreeMap::new();
        let mut emit = |event: CheckEvent, results: &mut BTreeMap<CheckId, CheckResult>| {
            if let CheckEvent::Finished(result) = &event {
                results.insert(result.id, result.clone());
            }
            progress(event);
        };

        // Pre-flight: one result per field with findings.
        let validation = validate(doc, today);
        let mut failed_fields = Vec::new();
        let mut lint: BTreeMap<Field, Vec<&crate::model::Finding>> = BTreeMap::new();
        for finding in &validation.findings {
            lint.entry(finding.field).or_default().push(finding);
            if finding.severity == Severity::Error {
                failed_fields.push(finding.field);
            }
        }
        for (field, findings) in &lint {
            let id = CheckId::Lint(*field);
            if filter.selects(id) {
                emit(
                    CheckEvent::Finished(lint_result(run_id, *field, findings)),
                    &mut results,
                );
            }
        }

        // Which live checks run: the selected ones plus everything they depend on.
        let selected: Vec<CheckId> = Self::planned(filter);
        let mut needed: BTreeSet<CheckId> = selected.iter().copied().collect();
        loop {
            let missing: Vec<CheckId> = needed
                .iter()
                .flat_map(|id| id.depends_on())
                .filter(|dependency| !needed.contains(dependency))
                .copied()
                .collect();
            if missing.is_empty() {
                break;
            }
            needed.extend(missing);
        }
        let mut deps = Dependencies {
            run_id,
            selected: &selected,
            outcomes: BTreeMap::new(),
            emitted: BTreeSet::new(),
        };
        let mut probes: FuturesUnordered<ProbeFuture<'_>> = FuturesUnordered::new();
        let mut waiting: BTreeSet<CheckId> = BTreeSet::new();
        // The registry lists a check after the checks it depends on.
        for id in CheckId::LIVE.into_iter().filter(|id| needed.contains(id)) {
            let failed_field = id
                .prerequisite_fields()
                .iter()
                .find(|field| failed_fields.contains(field));
            if let Some(field) = failed_field {
                let result = skipped(
                    run_id,
                    id,
                    CheckId::Lint(*field),
                    Text::new("checks.skip.field_error")
                        .arg_text("field", field.label_text())
                        .arg("check", CheckId::Lint(*field)),
                );
                deps.settle(result, &mut |event| emit(event, &mut results));
                continue;
            }
            if let Some(result) = deps.skip_if_a_dependency_failed(id) {
                deps.settle(result, &mut |event| emit(event, &mut results));
                continue;
            }
            // A secret only ONES holds (it never shows it) cannot be tested: ask for the value.
            if let Some(field) = secret_held_only_by_ones(doc, id) {
                if selected.contains(&id) {
                    let result = skipped(
                        run_id,
                        id,
                        CheckId::Lint(field),
                        Text::new("checks.skip.secret_in_ones")
                            .arg_text("field", field.label_text()),
                    );
                    emit(CheckEvent::Finished(result), &mut results);
                }
                continue;
            }
            if selected.contains(&id) {
                emit(CheckEvent::Started { run_id, id }, &mut results);
                waiting.insert(id);
            }
            probes.push(self.probe(doc, id, run_id));
        }

        // Results are held until what they depend on is known; a check whose dependency did not
        // pass is answered at once and its request dropped.
        let mut held: Vec<CheckResult> = Vec::new();
        loop {
            loop {
                let mut progressed = false;
                for id in waiting.clone() {
                    if let Some(result) = deps.skip_if_a_dependency_failed(id) {
                        waiting.remove(&id);
                        held.retain(|held| held.id != id);
                        deps.settle(result, &mut |event| emit(event, &mut results));
                        progressed = true;
                    }
                }
                if let Some(index) = held
                    .iter()
                    .position(|result| deps.all_known(result.id.depends_on()))
                {
                    let result = held.remove(index);
                    waiting.remove(&result.id);
                    deps.settle(result, &mut |event| emit(event, &mut results));
                    progressed = true;
                }
                if !progressed {
                    break;
                }
            }
            if waiting.is_empty() {
                break;
            }
            let Some(result) = probes.next().await else {
                break;
            };
            if needed.contains(&result.id) && !deps.outcomes.contains_key(&result.id) {
                held.push(result);
            }
        }
        drop(probes);
        // Defensive: a result held for a dependency that never came is reported as it is.
        for result in held {
            if waiting.contains(&result.id) {
                emit(CheckEvent::Finished(result), &mut results);
            }
        }

        SuiteReport {
            run_id,
            started_at,
            finished_at: Utc::now(),
            results: results.into_values().collect(),
        }
    }

    fn probe<'a>(
        &'a self,
        doc: &'a IntegrationDocument,
        id: CheckId,
        run_id: RunId,
    ) -> ProbeFuture<'a> {
        Box::pin(async move {
            let started = Instant::now();
            let mut result = match id {
                CheckId::Tenant => self.tenant(doc, run_id).await,
                CheckId::ServerSecret => self.secret(doc, AppRole::Server, run_id).await,
                CheckId::SsoSecret => self.secret(doc, AppRole::Sso, run_id).await,
                CheckId::RoomRedirect => {
                    let uri = doc.room.redirect_uri.trim();
                    self.redirect(doc, AppRole::Server, id, uri, run_id).await
                }
                CheckId::SsoRedirect => {
                    let uri = doc.sso_app.redirect_uri.trim();
                    self.redirect(doc, AppRole::Sso, id, uri, run_id).await
                }
                CheckId::RoomTestRedirect => self.room_test_redirect(doc, run_id).await,
                CheckId::Lint(_) => CheckResult::with_text(
                    run_id,
                    id,
                    CheckStatus::Pass,
                    Text::new("checks.lint.no_findings"),
                ),
            };
            result.elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
            result.checked_at = Utc::now();
            result
        })
    }

    async fn tenant(&self, doc: &IntegrationDocument, run_id: RunId) -> CheckResult {
        let operator = doc.operator;
        let tenant = doc.server_app.tenant_id.trim();
        let context = Context::new(doc, AppRole::Server, run_id, CheckId::Tenant);
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

    async fn secret(&self, doc: &IntegrationDocument, role: AppRole, run_id: RunId) -> CheckResult {
        let id = if role == AppRole::Server {
            CheckId::ServerSecret
        } else {
            CheckId::SsoSecret
        };
        let context = Context::new(doc, role, run_id, id);
        let secret = match role {
            AppRole::Server => &doc.server_app.client_secret,
            AppRole::Sso => &doc.sso_app.client_secret,
        };
        let answer = probe::client_credentials(
            &self.wire,
            self.endpoints.login(doc.operator),
            doc.server_app.tenant_id.trim(),
            &context.client_id,
            secret,
            &self.endpoints.graph_default_scope(doc.operator),
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
    async fn room_test_redirect(&self, doc: &IntegrationDocument, run_id: RunId) -> CheckResult {
        let id = CheckId::RoomTestRedirect;
        let uri = crate::rooms::LOOPBACK_REDIRECT_URI;
        let mut result = self.redirect(doc, AppRole::Server, id, uri, run_id).await;
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
        doc: &IntegrationDocument,
        role: AppRole,
        id: CheckId,
        uri: &str,
        run_id: RunId,
    ) -> CheckResult {
        let context = Context::new(doc, role, run_id, id);
        let answer = probe::authorize(
            &self.wire,
            self.endpoints.login(doc.operator),
            doc.server_app.tenant_id.trim(),
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
        result.best_effort = true;
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
    fn new(doc: &IntegrationDocument, role: AppRole, run_id: RunId, id: CheckId) -> Self {
        Self {
            run_id,
            id,
            operator: doc.operator,
            tenant: doc.server_app.tenant_id.trim().to_owned(),
            client_id: role.client_id(doc).to_owned(),
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

    /// No usable answer: the one sentence from [`ProbeError::sentence`].
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

/// The document fields a probe sends; an error on any of them skips the probe.
/// What the run knows of the checks others depend on: their final results, and which results
/// were shown.
struct Dependencies<'a> {
    run_id: RunId,
    selected: &'a [CheckId],
    outcomes: BTreeMap<CheckId, CheckResult>,
    emitted: BTreeSet<CheckId>,
}

impl Dependencies<'_> {
    fn all_known(&self, ids: &[CheckId]) -> bool {
        ids.iter().all(|id| self.outcomes.contains_key(id))
    }

    /// `id` as `skip` when a check it depends on failed or was skipped.
    fn skip_if_a_dependency_failed(&self, id: CheckId) -> Option<CheckResult> {
        let failed = id.depends_on().iter().find(|dependency| {
            self.outcomes.get(dependency).is_some_and(|outcome| {
                matches!(outcome.status, CheckStatus::Fail | CheckStatus::Skip)
            })
        })?;
        let key = failed
            .spec()
            .map_or("checks.skip.dependency_failed", |spec| {
                spec.dependents_skip_key
            });
        Some(skipped(
            self.run_id,
            id,
            *failed,
            Text::new(key).arg("check", failed),
        ))
    }

    /// Records `result` as final and shows it when it was asked for. A skip caused by a check that
    /// was not asked for shows that check's result too, so the reason is in view (`--only`).
    fn settle(&mut self, result: CheckResult, emit: &mut impl FnMut(CheckEvent)) {
        let id = result.id;
        let because = result.skipped_because;
        self.outcomes.insert(id, result.clone());
        if self.selected.contains(&id) && self.emitted.insert(id) {
            emit(CheckEvent::Finished(result));
            if let Some(because) = because.filter(|because| because.is_live())
                && let Some(cause) = self.outcomes.get(&because)
                && self.emitted.insert(because)
            {
                emit(CheckEvent::Finished(cause.clone()));
            }
        }
    }
}

/// The secret field `id` would send when the document has no value for it but ONES stores one.
fn secret_held_only_by_ones(doc: &IntegrationDocument, id: CheckId) -> Option<Field> {
    let field = match id {
        CheckId::ServerSecret => Field::ServerClientSecret,
        CheckId::SsoSecret => Field::SsoClientSecret,
        _ => return None,
    };
    matches!(
        doc.secret_state(field),
        Some(crate::model::SecretState::StoredInOnes { .. })
    )
    .then_some(field)
}

fn skipped(run_id: RunId, id: CheckId, because: CheckId, summary: Text) -> CheckResult {
    let mut result = CheckResult::with_text(run_id, id, CheckStatus::Skip, summary);
    result.skipped_because = Some(because);
    result
}

fn lint_result(run_id: RunId, field: Field, findings: &[&crate::model::Finding]) -> CheckResult {
    let failed = findings
        .iter()
        .any(|finding| finding.severity == Severity::Error);
    let status = if failed {
        CheckStatus::Fail
    } else {
        CheckStatus::Warn
    };
    // A finding without a catalogue text (a server's own words) stays as it was written.
    let summary = Text::sentences(findings.iter().map(|finding| finding.text.clone()))
        .unwrap_or_else(|| Text::verbatim(""));
    let mut result = CheckResult::with_text(run_id, CheckId::Lint(field), status, summary);
    result.set_fix(
        Text::new("checks.lint.fix")
            .arg_text("field", field.label_text())
            .arg_text("step", field.step().title_text()),
    );
    result
}
