//! The live checks as the window sees them: one run at a time on the injected runtime, results
//! arriving one by one (a spinner per check until then), the previous results kept — greyed — while
//! a new run is pending or after the document changed, and stale runs aborted so their results
//! never land.

use std::collections::BTreeSet;
use std::hash::{DefaultHasher, Hash, Hasher};

use chrono::NaiveDate;
use tokio::runtime::Handle;

use crate::checks::{
    CheckEvent, CheckFilter, CheckId, CheckResult, CheckStatus, Checker, Endpoints, InOrder, RunId,
    SuiteReport, markdown_report,
};
use crate::gui::features::background_run::{BackgroundRun, RunEvent};
use crate::i18n::Text;
use crate::model::{Field, Finding, IntegrationDocument, Severity};
use crate::tasks::{Repaint, Requested};

pub struct LiveChecks {
    checker: Result<Checker, String>,
    suite: Requested<SuiteReport>,
    /// The run ids and the current run's events.
    runs: BackgroundRun<CheckEvent>,
    /// Live checks of the current run that went to the network and have not answered yet.
    in_progress: BTreeSet<CheckId>,
    /// Results shown: the current run's as they arrive, else the last run's.
    results: Vec<CheckResult>,
    /// The document the shown results are about (a hash of the fields the checks read).
    results_fingerprint: Option<u64>,
    /// The document the last run checked, to tell which judged fields changed since (in memory
    /// only, like the document itself).
    run_doc: Option<IntegrationDocument>,
}

impl LiveChecks {
    /// `repaint` wakes the window whenever a result arrives.
    pub fn new(runtime: Handle, checker: Result<Checker, String>, repaint: Repaint) -> Self {
        Self {
            checker,
            suite: Requested::default(),
            runs: BackgroundRun::new(runtime, repaint),
            in_progress: BTreeSet::new(),
            results: Vec::new(),
            results_fingerprint: None,
            run_doc: None,
        }
    }

    pub fn endpoints(&self) -> Option<&Endpoints> {
        self.checker.as_ref().ok().map(Checker::endpoints)
    }

    /// Why checks cannot run at all (an unusable endpoint override, no HTTP client).
    pub fn unavailable_reason(&self) -> Option<&str> {
        self.checker.as_ref().err().map(String::as_str)
    }

    pub fn is_running(&self) -> bool {
        self.suite.is_pending()
    }

    /// Starts a run for `doc`; a run still going is aborted.
    pub fn start(&mut self, doc: &IntegrationDocument, today: NaiveDate) {
        let Ok(checker) = &self.checker else { return };
        let checker = checker.clone();
        let doc_for_run = doc.clone();
        self.runs
            .start(&mut self.suite, move |run_id, events| async move {
                checker
                    .run(
                        &doc_for_run,
                        today,
                        &CheckFilter::everything(),
                        run_id,
                        move |event| events.send(event),
                    )
                    .await
            });
        self.in_progress = Checker::planned(&CheckFilter::everything())
            .into_iter()
            .collect();
        self.results.clear();
        self.results_fingerprint = Some(fingerprint(doc));
        self.run_doc = Some(doc.clone());
    }

    pub fn cancel(&mut self) {
        self.suite.cancel();
        self.runs.close();
        self.in_progress.clear();
    }

    /// Forgets every result (and stops a run): the document they judged was replaced (New,
    /// Open, a pull from ONES), so they describe nothing on screen any more.
    pub fn forget(&mut self) {
        self.suite.clear();
        self.runs.close();
        self.in_progress.clear();
        self.results.clear();
        self.results_fingerprint = None;
        self.run_doc = None;
    }

    /// Live failures as messages on the fields they judge, for the validation report: each
    /// stays until its field (or the operator) changes. Errors, so the field, its step's mark
    /// and the Review headline say so; they do not block Next (see [`is_live_finding`]).
    pub fn field_findings(&self, doc: &IntegrationDocument) -> Vec<Finding> {
        let Some(run_doc) = &self.run_doc else {
            return Vec::new();
        };
        self.results
            .iter()
            .filter(|result| result.status == CheckStatus::Fail && result.id.is_live())
            .filter_map(|result| {
                let field = judged_field(result);
                same_judged_value(run_doc, doc, field).then(|| {
                    Finding::new(
                        field,
                        Severity::Error,
                        Text::new(LIVE_FINDING_KEY)
                            .arg_text("check", result.id.title_text())
                            .arg_text("summary", result.summary.clone()),
                    )
                })
            })
            .collect()
    }

    /// What an export should know about the live checks before it is confirmed: failed or
    /// skipped checks of the latest run for this document, or that none ran for it. Empty when
    /// every live check passed (or warned) for the document as it is.
    pub fn export_caveats(&self, doc: &IntegrationDocument) -> Vec<Text> {
        if let Some(reason) = self.unavailable_reason() {
            return vec![Text::new("gui.live.caveat.unavailable").arg("reason", reason)];
        }
        if self.is_running() {
            return vec![Text::new("gui.live.caveat.running")];
        }
        if !self.has_finished_run() || self.is_stale(doc) {
            return vec![Text::new("gui.live.caveat.not_run")];
        }
        self.results
            .iter()
            .filter(|result| result.id.is_live())
            .filter_map(|result| {
                let key = match result.status {
                    CheckStatus::Fail => "gui.live.caveat.failed",
                    CheckStatus::Skip => "gui.live.caveat.skipped",
                    _ => return None,
                };
                Some(
                    Text::new(key)
                        .arg_text("check", result.id.title_text())
                        .arg_text("summary", result.summary.clone()),
                )
            })
            .collect()
    }

    /// Takes in what arrived since the last frame; cancels a run whose document changed.
    /// Takes in what arrived; true when the run ended this frame (finished, died, or stopped
    /// because `doc` changed under it).
    pub fn poll(&mut self, doc: &IntegrationDocument) -> bool {
        for event in self.runs.drain() {
            take_in(&mut self.in_progress, &mut self.results, event);
        }
        let ended = self.suite.poll();
        if ended {
            self.runs.close();
            self.in_progress.clear();
            if let Some(report) = self.suite.ready() {
                // The final report is complete and ordered; prefer it over the arrival order.
                self.results = report.results.clone();
            }
        }
        if self.is_running() && self.results_fingerprint != Some(fingerprint(doc)) {
            self.cancel();
            return true;
        }
        ended
    }

    pub fn results(&self) -> &[CheckResult] {
        &self.results
    }

    /// Fields the last finished run found swapped.
    pub fn suspected_swaps(&self) -> &[crate::checks::SuspectedSwap] {
        if self.is_running() {
            return &[];
        }
        self.suite
            .ready()
            .map_or(&[], |report| report.suspected_swaps.as_slice())
    }

    pub fn in_progress(&self, id: CheckId) -> bool {
        self.in_progress.contains(&id)
    }

    /// The shown results belong to an older version of the document.
    pub fn is_stale(&self, doc: &IntegrationDocument) -> bool {
        self.results_fingerprint
            .is_some_and(|shown| shown != fingerprint(doc))
    }

    pub fn has_finished_run(&self) -> bool {
        self.suite.ready().is_some()
    }

    /// The Markdown diagnostic report of the last finished run (never a secret).
    pub fn report_markdown(&self, doc: &IntegrationDocument) -> Option<String> {
        let report = self.suite.ready()?;
        Some(markdown_report(doc, self.endpoints()?, report))
    }
}

impl RunEvent for CheckEvent {
    fn of_run(&self) -> Option<RunId> {
        Some(self.run_id())
    }
}

/// One event of the current run: a spinner for a check that went to the network; a result in
/// its row the moment it arrives, in the one display order ([`InOrder::place`], the CLI's too),
/// without waiting for the checks before it.
fn take_in(in_progress: &mut BTreeSet<CheckId>, results: &mut Vec<CheckResult>, event: CheckEvent) {
    match event {
        CheckEvent::Started { id, .. } => {
            in_progress.insert(id);
        }
        CheckEvent::Finished(result) => {
            in_progress.remove(&result.id);
            InOrder::place(results, result);
        }
    }
}

/// The catalogue key of a live failure shown under its field.
pub const LIVE_FINDING_KEY: &str = "gui.live.failed_here";

/// A finding that comes from a live check, not from validation: it marks the field but does not
/// block Next (Microsoft may be right or the check best effort; the user decides).
pub fn is_live_finding(finding: &Finding) -> bool {
    finding.text.key() == LIVE_FINDING_KEY
}

/// The field a failed check judges: the last of its prerequisite fields (the tenant, the app's
/// secret, the redirect URI), except where Microsoft said the application itself is unknown in
/// the tenant (AADSTS700016): then the app's client ID.
fn judged_field(result: &CheckResult) -> Field {
    let field = result
        .id
        .prerequisite_fields()
        .last()
        .copied()
        .unwrap_or(Field::TenantId);
    match (result.answer.aadsts, field) {
        (Some(700016), Field::ServerClientSecret) => Field::ServerClientId,
        (Some(700016), Field::SsoClientSecret) => Field::SsoClientId,
        _ => field,
    }
}

/// Whether `field` (and the operator, which picks the cloud) is the same in both documents.
fn same_judged_value(a: &IntegrationDocument, b: &IntegrationDocument, field: Field) -> bool {
    let same = if CheckId::live_fields().any(|checked| checked == field) {
        a.value(field) == b.value(field)
    } else {
        fingerprint(a) == fingerprint(b)
    };
    same && a.operator == b.operator
}

/// A hash of everything the checks read, to tell when results no longer match the document. The
/// secrets go into the hash in memory only.
fn fingerprint(doc: &IntegrationDocument) -> u64 {
    let mut hasher = DefaultHasher::new();
    doc.operator.hash(&mut hasher);
    for field in CheckId::live_fields() {
        doc.value(field).hash(&mut hasher);
    }
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Field;

    /// Every order of arrival of `ids` (Heap's algorithm), each as the suite sends it: lint
    /// results first, every `Started`, then the answers in that order.
    fn arrival_orders(ids: &[CheckId]) -> Vec<Vec<CheckId>> {
        fn permute(k: usize, ids: &mut Vec<CheckId>, out: &mut Vec<Vec<CheckId>>) {
            if k <= 1 {
                out.push(ids.clone());
                return;
            }
            for i in 0..k - 1 {
                permute(k - 1, ids, out);
                let j = if k.is_multiple_of(2) { i } else { 0 };
                ids.swap(j, k - 1);
            }
            permute(k - 1, ids, out);
        }
        let mut ids = ids.to_vec();
        let mut out = Vec::new();
        permute(ids.len(), &mut ids, &mut out);
        out
    }

    /// The window's rows and the CLI's stream ([`InOrder::push`], then [`InOrder::finish`]) show
    /// a run's results in the same order, whatever order they arrive in; and the window's rows are
    /// in that order after every single arrival, not only at the end.
    #[test]
    fn the_window_and_the_cli_show_results_in_the_same_order() {
        let run_id = RunId(3);
        // Pre-flight results come first, in display order (the suite sends them so).
        let lint = [
            CheckId::Lint(Field::TenantId),
            CheckId::Lint(Field::ServerClientSecret),
        ];
        for arrival in arrival_orders(CheckId::LIVE) {
            let mut events: Vec<CheckEvent> = lint
                .iter()
                .map(|&id| {
                    CheckEvent::Finished(CheckResult::warn(run_id, id, Text::verbatim("lint")))
                })
                .collect();
            events.extend(
                CheckId::LIVE
                    .iter()
                    .map(|&id| CheckEvent::Started { run_id, id }),
            );
            events.extend(arrival.iter().map(|&id| {
                CheckEvent::Finished(CheckResult::pass(run_id, id, Text::verbatim("passed")))
            }));

            let mut cli = InOrder::new();
            let mut streamed: Vec<CheckId> = Vec::new();
            let mut in_progress = BTreeSet::new();
            let mut rows: Vec<CheckResult> = Vec::new();
            for event in events {
                streamed.extend(cli.push(event.clone()).iter().map(|result| result.id));
                take_in(&mut in_progress, &mut rows, event);
                let shown: Vec<CheckId> = rows.iter().map(|result| result.id).collect();
                assert!(
                    streamed.iter().eq(shown.iter().take(streamed.len())),
                    "the CLI streamed {streamed:?} while the window shows {shown:?} ({arrival:?})"
                );
            }
            streamed.extend(cli.finish().iter().map(|result| result.id));
            let shown: Vec<CheckId> = rows.iter().map(|result| result.id).collect();
            assert_eq!(streamed, shown, "arrival order {arrival:?}");
            assert!(in_progress.is_empty());
        }
    }
}
