//! [`Checker::run`]: the whole suite — pre-flight lint from [`crate::model::validate`], then
//! every live probe started at once, results reported one by one.
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

use chrono::{NaiveDate, Utc};
use futures_util::StreamExt;
use futures_util::stream::FuturesUnordered;

use super::endpoints::Endpoints;
use super::wire::Wire;
use super::{CheckEvent, CheckFilter, CheckId, CheckResult, CheckStatus, RunId, SuiteReport};
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

        let (lint, failed_fields) = preflight(doc, today, filter, run_id);
        // What the probes send, trimmed once for the whole run.
        let input = doc.check_input();
        for result in lint {
            emit(CheckEvent::Finished(result), &mut results);
        }
        let selected: Vec<CheckId> = Self::planned(filter);
        let needed = with_dependencies(&selected);
        let mut deps = Dependencies {
            run_id,
            selected: &selected,
            outcomes: BTreeMap::new(),
            emitted: BTreeSet::new(),
        };
        let mut probes: FuturesUnordered<ProbeFuture<'_>> = FuturesUnordered::new();
        let mut waiting: BTreeSet<CheckId> = BTreeSet::new();
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
            if let Some(field) = failed_field {
                let result = CheckResult::skipped(
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
                    let result = CheckResult::skipped(
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
            probes.push(self.probe(input, id, run_id));
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

        let suspected_swaps = self.settle_swaps(input, &mut results).await;
        SuiteReport {
            run_id,
            started_at,
            finished_at: Utc::now(),
            results: results.into_values().collect(),
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
        Some(CheckResult::skipped(
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
