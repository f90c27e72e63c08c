//! [`Checker::run`]: the whole suite — pre-flight lint from [`crate::model::validate`], then
//! every live probe started at once, results reported one by one. Three phases: plan (what runs
//! and what is answered without a request: plain data, no I/O), run (the probes, each result
//! settled as what it depends on becomes known), settle (suspected swaps, the report).
//!
//! Dependencies are resolved after the fact, not by waiting: the secret and redirect probes run
//! concurrently with the tenant lookup and their results are held until the tenant is known; if the
//! tenant check failed they become `skip` and the probes still in flight are dropped. So the suite
//! costs about one round trip (the slowest probe), not the sum. A failed pre-flight finding on a
//! field a probe sends (e.g. an empty secret) skips that probe without any request.

use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::pin::Pin;
use std::time::Instant;

use chrono::{DateTime, NaiveDate, Utc};
use futures_util::StreamExt;
use futures_util::stream::FuturesUnordered;

use super::endpoints::Endpoints;
use super::wire::Wire;
use super::{
    CheckEvent, CheckFilter, CheckId, CheckResult, CheckStatus, InOrder, RunId, SuiteReport,
};
use crate::i18n::Text;
use crate::model::{CheckInput, Field, IntegrationDocument, Severity, validate};
use crate::net::{ClientSetupError, NetSettings, build_client};

/// Runs checks. Cheap to clone (the HTTP client is shared); keep one and rebuild it when the
/// network settings or endpoints change.
#[derive(Clone, Debug)]
pub struct Checker {
    pub(super) wire: Wire,
    pub(super) endpoints: Endpoints,
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
            .iter()
            .copied()
            .filter(|id| filter.selects(*id))
            .collect()
    }

    /// Runs the suite on `doc`. `progress` gets every event as it happens; the returned report holds
    /// every selected result in display order. Dropping the future abandons the run. The future is
    /// `Send` (spawnable) when `progress` is.
    ///
    /// Three phases: [`plan`] decides without a request what runs and what is answered at once,
    /// [`Checker::run_plan`] shows that and settles the probes' results as what they depend on
    /// becomes known, [`Checker::settle_report`] confirms suspected swaps and makes the report.
    pub async fn run(
        &self,
        doc: &IntegrationDocument,
        today: NaiveDate,
        filter: &CheckFilter,
        run_id: RunId,
        mut progress: impl FnMut(CheckEvent),
    ) -> SuiteReport {
        let started_at = Utc::now();
        let plan = plan(doc, today, filter, run_id);
        // What the probes send, trimmed once for the whole run.
        let input = doc.check_input();
        let mut results: Vec<CheckResult> = Vec::new();
        self.run_plan(input, plan, run_id, |event| {
            if let CheckEvent::Finished(result) = &event {
                InOrder::place(&mut results, result.clone());
            }
            progress(event);
        })
        .await;
        self.settle_report(input, run_id, started_at, results).await
    }

    /// Phase 2, run: shows the plan's lint results and its answers without a request, starts every
    /// probe at once, and settles each probe's result as soon as the checks it depends on are
    /// known — a check whose dependency did not pass is answered (skipped) at once and its request
    /// dropped. `emit` gets every event, in the order the run makes them.
    async fn run_plan(
        &self,
        input: CheckInput<'_>,
        plan: Plan,
        run_id: RunId,
        mut emit: impl FnMut(CheckEvent),
    ) {
        let Plan {
            lint,
            selected,
            steps,
        } = plan;
        for result in lint {
            emit(CheckEvent::Finished(result));
        }
        let mut deps = Dependencies {
            run_id,
            selected: &selected,
            outcomes: BTreeMap::new(),
            emitted: BTreeSet::new(),
        };
        let mut probes: FuturesUnordered<ProbeFuture<'_>> = FuturesUnordered::new();
        // Shown checks whose result is not shown yet.
        let mut waiting: BTreeSet<CheckId> = BTreeSet::new();
        for step in steps {
            match step {
                Step::Skip(result) => deps.settle(result, &mut emit),
                Step::AskForSecret(result) => emit(CheckEvent::Finished(result)),
                Step::Probe { id, shown } => {
                    if shown {
                        emit(CheckEvent::Started { run_id, id });
                        waiting.insert(id);
                    }
                    probes.push(self.probe(input, id, run_id));
                }
            }
        }

        // Probe results whose dependencies are not known yet.
        let mut held: Vec<CheckResult> = Vec::new();
        loop {
            deps.settle_what_is_known(&mut waiting, &mut held, &mut emit);
            if waiting.is_empty() {
                break;
            }
            let Some(result) = probes.next().await else {
                break;
            };
            if !deps.outcomes.contains_key(&result.id) {
                held.push(result);
            }
        }
        drop(probes);
        // Defensive: a result held for a dependency that never came is reported as it is.
        for result in held {
            if waiting.contains(&result.id) {
                emit(CheckEvent::Finished(result));
            }
        }
    }

    /// Phase 3, settle: the swaps the results point to, confirmed with Microsoft (the affected
    /// results' fixes say so), and the report of the run.
    async fn settle_report(
        &self,
        input: CheckInput<'_>,
        run_id: RunId,
        started_at: DateTime<Utc>,
        mut results: Vec<CheckResult>,
    ) -> SuiteReport {
        let suspected_swaps = self.settle_swaps(input, &mut results).await;
        SuiteReport {
            run_id,
            started_at,
            finished_at: Utc::now(),
            results,
            suspected_swaps,
        }
    }

    fn probe<'a>(&'a self, input: CheckInput<'a>, id: CheckId, run_id: RunId) -> ProbeFuture<'a> {
        Box::pin(async move {
            let started = Instant::now();
            let mut result = self.check(input, id, run_id).await;
            result.elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
            result.checked_at = Utc::now();
            result
        })
    }
}

/// What a run will do, decided from the document, the date and the filter before any request:
/// plain data.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Plan {
    /// Pre-flight results (one per field with findings, those the filter selects), shown first.
    lint: Vec<CheckResult>,
    /// The live checks asked for, in display order.
    selected: Vec<CheckId>,
    /// What happens to each live check that runs (those asked for and those they depend on), in
    /// the registry's order, which lists a check after the checks it depends on.
    steps: Vec<Step>,
}

/// What the plan does with one live check.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Step {
    /// Answered without a request — a field it sends has an error, or a check it depends on was
    /// answered so: final, and what the checks depending on it go by.
    Skip(CheckResult),
    /// Asked for, but its secret only ONES holds: shown, asking for the value; no request.
    AskForSecret(CheckResult),
    /// Sent to Microsoft. `shown`: asked for (a spinner, then its result); otherwise it runs only
    /// because a check asked for depends on it.
    Probe { id: CheckId, shown: bool },
}

/// Phase 1, plan: the pre-flight lint, the live checks answered without a request (a field with
/// an error, a dependency answered so, a secret only ONES holds) and the probes to start. No I/O.
fn plan(doc: &IntegrationDocument, today: NaiveDate, filter: &CheckFilter, run_id: RunId) -> Plan {
    let (lint, failed_fields) = preflight(doc, today, filter, run_id);
    let selected = Checker::planned(filter);
    let needed = with_dependencies(&selected);
    // The checks skipped so far: the checks after them that depend on them are skipped too.
    let mut skipped: BTreeMap<CheckId, CheckResult> = BTreeMap::new();
    let mut steps = Vec::new();
    // The registry lists a check after the checks it depends on.
    for id in CheckId::LIVE
        .iter()
        .copied()
        .filter(|id| needed.contains(id))
    {
        let failed_field = id
            .prerequisite_fields()
            .iter()
            .find(|field| failed_fields.contains(field));
        let skip = failed_field
            .map(|field| {
                CheckResult::skipped(
                    run_id,
                    id,
                    CheckId::Lint(*field),
                    Text::new("checks.skip.field_error")
                        .arg_text("field", field.label_text())
                        .arg("check", CheckId::Lint(*field)),
                )
            })
            .or_else(|| dependency_skip(run_id, id, &skipped));
        if let Some(result) = skip {
            skipped.insert(id, result.clone());
            steps.push(Step::Skip(result));
        } else if let Some(field) = secret_held_only_by_ones(doc, id) {
            // A secret only ONES holds (it never shows it) cannot be tested: ask for the value.
            if selected.contains(&id) {
                steps.push(Step::AskForSecret(CheckResult::skipped(
                    run_id,
                    id,
                    CheckId::Lint(field),
                    Text::new("checks.skip.secret_in_ones").arg_text("field", field.label_text()),
                )));
            }
        } else {
            steps.push(Step::Probe {
                id,
                shown: selected.contains(&id),
            });
        }
    }
    Plan {
        lint,
        selected,
        steps,
    }
}

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

    /// Settles every waiting check that can be settled now, until none can: skipped when a
    /// dependency did not pass (its held result, if any, is dropped), else its held result once
    /// every dependency is known.
    fn settle_what_is_known(
        &mut self,
        waiting: &mut BTreeSet<CheckId>,
        held: &mut Vec<CheckResult>,
        emit: &mut impl FnMut(CheckEvent),
    ) {
        loop {
            let mut progressed = false;
            for id in waiting.clone() {
                if let Some(result) = dependency_skip(self.run_id, id, &self.outcomes) {
                    waiting.remove(&id);
                    held.retain(|held| held.id != id);
                    self.settle(result, emit);
                    progressed = true;
                }
            }
            if let Some(index) = held
                .iter()
                .position(|result| self.all_known(result.id.depends_on()))
            {
                let result = held.remove(index);
                waiting.remove(&result.id);
                self.settle(result, emit);
                progressed = true;
            }
            if !progressed {
                return;
            }
        }
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

/// `id` as `skip` when a check it depends on failed or was skipped, as far as `outcomes` (the
/// final results so far) know.
fn dependency_skip(
    run_id: RunId,
    id: CheckId,
    outcomes: &BTreeMap<CheckId, CheckResult>,
) -> Option<CheckResult> {
    let failed = id.depends_on().iter().find(|dependency| {
        outcomes
            .get(dependency)
            .is_some_and(|outcome| matches!(outcome.status, CheckStatus::Fail | CheckStatus::Skip))
    })?;
    let key = failed
        .spec()
        .map_or("checks.skip.dependency_failed", |spec| {
            spec.dependents_skip_key
        });
    Some(CheckResult::skipped(
        run_id,
        id,
        *failed,
        Text::new(key).arg("check", failed),
    ))
}

/// Pre-flight: one lint result per field with findings (those `filter` selects), and the fields
/// with errors (their checks are skipped without a request).
fn preflight(
    doc: &IntegrationDocument,
    today: NaiveDate,
    filter: &CheckFilter,
    run_id: RunId,
) -> (Vec<CheckResult>, Vec<Field>) {
    let validation = validate(doc, today);
    let mut failed_fields = Vec::new();
    let mut lint: BTreeMap<Field, Vec<&crate::model::Finding>> = BTreeMap::new();
    for finding in &validation.findings {
        lint.entry(finding.field).or_default().push(finding);
        if finding.severity == Severity::Error {
            failed_fields.push(finding.field);
        }
    }
    let results = lint
        .iter()
        .filter(|(field, _)| filter.selects(CheckId::Lint(**field)))
        .map(|(field, findings)| lint_result(run_id, *field, findings))
        .collect();
    (results, failed_fields)
}

/// The live checks that run: `selected` and everything they depend on.
fn with_dependencies(selected: &[CheckId]) -> BTreeSet<CheckId> {
    let mut needed: BTreeSet<CheckId> = selected.iter().copied().collect();
    loop {
        let missing: Vec<CheckId> = needed
            .iter()
            .flat_map(|id| id.depends_on())
            .filter(|dependency| !needed.contains(dependency))
            .copied()
            .collect();
        if missing.is_empty() {
            return needed;
        }
        needed.extend(missing);
    }
}

/// The secret field `id` would send when the document has no value for it but ONES stores one.
fn secret_held_only_by_ones(doc: &IntegrationDocument, id: CheckId) -> Option<Field> {
    let field = id.spec()?.secret_field?;
    matches!(
        doc.secret_state(field),
        Some(crate::model::SecretState::StoredInOnes { .. })
    )
    .then_some(field)
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
    CheckResult::with_status(run_id, CheckId::Lint(field), status, summary).with_fix(
        Text::new("checks.lint.fix")
            .arg_text("field", field.label_text())
            .arg_text("step", field.step().title_text()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> IntegrationDocument {
        crate::sandbox::demo::demo_document("https://ones.example.com")
    }

    fn today() -> NaiveDate {
        Utc::now().date_naive()
    }

    fn shape(plan: &Plan) -> Vec<(CheckId, &'static str, Option<CheckId>)> {
        plan.steps
            .iter()
            .map(|step| match step {
                Step::Skip(result) => (result.id, "skip", result.skipped_because),
                Step::AskForSecret(result) => (result.id, "ask", result.skipped_because),
                Step::Probe { id, shown: true } => (*id, "probe", None),
                Step::Probe { id, shown: false } => (*id, "probe unshown", None),
            })
            .collect()
    }

    #[test]
    fn a_complete_document_probes_every_check_and_a_secret_only_ones_holds_asks_for_it() {
        let mut doc = demo();
        doc.server_app.client_secret = crate::model::Secret::default();
        doc.server_app.client_secret_in_ones = true;
        let plan = plan(&doc, today(), &CheckFilter::everything(), RunId(1));
        assert!(plan.lint.is_empty(), "{:?}", plan.lint);
        assert_eq!(plan.selected, CheckId::LIVE);
        let ask = Some(CheckId::Lint(Field::ServerClientSecret));
        assert_eq!(
            shape(&plan),
            [
                (CheckId::Tenant, "probe", None),
                (CheckId::ServerSecret, "ask", ask),
                (CheckId::SsoSecret, "probe", None),
                (CheckId::RoomRedirect, "probe", None),
                (CheckId::SsoRedirect, "probe", None),
                (CheckId::RoomTestRedirect, "probe", None),
            ]
        );
    }

    /// `--only server-secret` still runs the tenant check it depends on, unshown; a field with an
    /// error skips its check without a request, its lint result not asked for.
    #[test]
    fn a_field_error_skips_its_check_and_dependencies_run_unshown() {
        let mut doc = demo();
        doc.server_app.client_id = "not a client id".to_owned();
        let only = CheckFilter::only([CheckId::ServerSecret]);
        let plan = plan(&doc, today(), &only, RunId(1));
        assert!(plan.lint.is_empty(), "{:?}", plan.lint);
        assert_eq!(
            shape(&plan),
            [
                (CheckId::Tenant, "probe unshown", None),
                (
                    CheckId::ServerSecret,
                    "skip",
                    Some(CheckId::Lint(Field::ServerClientId))
                ),
            ]
        );
    }
}
