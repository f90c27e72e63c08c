//! Live checks against Microsoft, shared by the GUI and the `ones-m365 check` CLI. No egui.
//!
//! - [`endpoints`]: the four base URLs the checks call, with their environment overrides.
//! - [`advice`]: the one table from AADSTS codes to summary, fix and portal page.
//! - [`answer`]: Microsoft's answer as a result shows it ([`MicrosoftAnswer`]), and the one builder
//!   from a refusal to a summary, a fix and that answer ([`answer::Refusal`]).
//! - [`wire`]: what every request shares — the HTTP client, Microsoft's error body, the outcome of a
//!   request.
//! - [`oauth`]: the OAuth 2.0 flows through the `oauth2` crate over the project's HTTP client (the
//!   token endpoint: client credentials, code redemption).
//! - [`probe`]: the plain HTTP requests (discovery, authorize) and reading Microsoft's answers.
//! - [`suite`]: [`Checker::run`] — pre-flight lint, then every probe concurrently, results
//!   reported one by one as they arrive (skips when a prerequisite failed).
//! - [`report`]: the Markdown diagnostic report (never a secret).
//!
//! A run is an async fn the caller may drop or abort at any time (editing a field, Cancel); every
//! event and result carries the caller's [`RunId`], so late results of a stale run can be told
//! apart and dropped.

pub mod advice;
pub mod answer;
pub mod endpoints;
mod live;
pub mod oauth;
pub mod probe;
pub mod report;
pub mod suite;
pub mod swaps;
pub mod wire;

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::i18n::Text;

use answer::ExplainedRefusal;
pub use answer::{MicrosoftAnswer, PortalTarget};
pub use endpoints::{EndpointError, Endpoints};
pub use live::{CheckId, CheckSpec, only_values};
pub use report::markdown_report;
pub use suite::Checker;
pub use swaps::SuspectedSwap;

/// Identifies one run of the suite, chosen by the caller (e.g. a counter bumped on every edit).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct RunId(pub u64);

/// `--only` selection: exact ids, or `lint` for every pre-flight finding.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheckFilter {
    /// Empty: everything.
    ids: Vec<CheckId>,
    all_lint: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown check \"{0}\"; use one of {values} (e.g. lint:server_app.client_secret)",
    values = only_values()
)]
pub struct UnknownCheck(pub String);

/// One `--only` value: every lint finding (`lint`), or one check (a registry key or
/// `lint:<field path>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckSelector {
    AllLint,
    Check(CheckId),
}

impl CheckSelector {
    pub fn parse(text: &str) -> Result<Self, UnknownCheck> {
        let text = text.trim();
        if text == "lint" {
            return Ok(CheckSelector::AllLint);
        }
        CheckId::parse(text)
            .map(CheckSelector::Check)
            .ok_or_else(|| UnknownCheck(text.to_owned()))
    }
}

/// Every check the selectors name (none: everything).
impl FromIterator<CheckSelector> for CheckFilter {
    fn from_iter<I: IntoIterator<Item = CheckSelector>>(selectors: I) -> Self {
        let mut filter = Self::default();
        for selector in selectors {
            match selector {
                CheckSelector::AllLint => filter.all_lint = true,
                CheckSelector::Check(id) => filter.ids.push(id),
            }
        }
        filter
    }
}

impl CheckFilter {
    pub fn everything() -> Self {
        Self::default()
    }

    pub fn parse<S: AsRef<str>>(items: &[S]) -> Result<Self, UnknownCheck> {
        items
            .iter()
            .map(|item| CheckSelector::parse(item.as_ref()))
            .collect()
    }

    pub fn only(ids: impl IntoIterator<Item = CheckId>) -> Self {
        Self {
            ids: ids.into_iter().collect(),
            all_lint: false,
        }
    }

    pub fn is_everything(&self) -> bool {
        self.ids.is_empty() && !self.all_lint
    }

    pub fn selects(&self, id: CheckId) -> bool {
        self.is_everything()
            || self.ids.contains(&id)
            || (self.all_lint && matches!(id, CheckId::Lint(_)))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CheckStatus {
    Pass,
    Warn,
    Fail,
    /// Not run because a prerequisite failed ([`CheckResult::skipped_because`] says which).
    Skip,
}

impl CheckStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CheckStatus::Pass => "pass",
            CheckStatus::Warn => "warn",
            CheckStatus::Fail => "fail",
            CheckStatus::Skip => "skip",
        }
    }

    /// The status as a word a person reads (`pass` → "Passed", 通过, 通過).
    pub fn label_text(self) -> Text {
        Text::new(match self {
            CheckStatus::Pass => "checks.status.pass",
            CheckStatus::Warn => "checks.status.warn",
            CheckStatus::Fail => "checks.status.fail",
            CheckStatus::Skip => "checks.status.skip",
        })
    }

    /// [`CheckStatus::label_text`] in the current language.
    pub fn localized_label(self) -> String {
        self.label_text().localized()
    }
}

/// The outcome of one check. Never holds a secret or a token. Made by its named constructors:
/// [`CheckResult::pass`], [`CheckResult::warn`], [`CheckResult::fail`], [`CheckResult::skipped`]
/// and, for a refusal, [`CheckResult::refused`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CheckResult {
    pub id: CheckId,
    pub status: CheckStatus,
    /// Plain-language summary of what was found (English in JSON and the report).
    pub summary: Text,
    /// What to do, when something is to be done.
    pub fix: Option<Text>,
    /// What Microsoft answered (its fields are at the top level of the JSON).
    #[serde(flatten)]
    pub answer: MicrosoftAnswer,
    /// For [`CheckStatus::Skip`]: the check that failed first.
    pub skipped_because: Option<CheckId>,
    pub best_effort: bool,
    /// For the tenant check: the tenant GUID Microsoft resolved (also from a domain).
    pub tenant_id: Option<String>,
    pub run_id: RunId,
    /// When this assistant got the answer.
    pub checked_at: DateTime<Utc>,
    pub elapsed_ms: u64,
}

crate::summary_and_fix_fields!(CheckResult);
crate::microsoft_answer_builders!(CheckResult);

impl CheckResult {
    /// The check passed.
    pub fn pass(run_id: RunId, id: CheckId, summary: Text) -> Self {
        Self::with_status(run_id, id, CheckStatus::Pass, summary)
    }

    /// Something to look at, not a failure.
    pub fn warn(run_id: RunId, id: CheckId, summary: Text) -> Self {
        Self::with_status(run_id, id, CheckStatus::Warn, summary)
    }

    /// The check failed.
    pub fn fail(run_id: RunId, id: CheckId, summary: Text) -> Self {
        Self::with_status(run_id, id, CheckStatus::Fail, summary)
    }

    /// Not run because `because` failed (or was skipped) first.
    pub fn skipped(run_id: RunId, id: CheckId, because: CheckId, summary: Text) -> Self {
        Self {
            skipped_because: Some(because),
            ..Self::with_status(run_id, id, CheckStatus::Skip, summary)
        }
    }

    /// Microsoft refused: failed, with the refusal's summary, fix and answer.
    pub fn refused(run_id: RunId, id: CheckId, refusal: ExplainedRefusal) -> Self {
        Self::fail(run_id, id, refusal.summary)
            .with_fix(refusal.fix)
            .with_answer(refusal.answer)
    }

    /// The one initializer of every field: for the constructors above and the checks whose status
    /// is computed (lint).
    fn with_status(run_id: RunId, id: CheckId, status: CheckStatus, summary: Text) -> Self {
        Self {
            id,
            status,
            summary,
            fix: None,
            answer: MicrosoftAnswer::default(),
            skipped_because: None,
            best_effort: id.is_best_effort(),
            tenant_id: None,
            run_id,
            checked_at: Utc::now(),
            elapsed_ms: 0,
        }
    }
}

/// Progress of a run, in the order things happen. `Started` for every check that goes to the
/// network (show a spinner), `Finished` for every selected check (lint results first).
// A handful of events per run: boxing the result would only add noise at every match.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CheckEvent {
    Started { run_id: RunId, id: CheckId },
    Finished(CheckResult),
}

impl CheckEvent {
    pub fn run_id(&self) -> RunId {
        match self {
            CheckEvent::Started { run_id, .. } => *run_id,
            CheckEvent::Finished(result) => result.run_id,
        }
    }
}

/// The one display order of a run's results — [`CheckId`]'s (the README table's: every
/// `lint:<field>`, then `tenant`, `server-secret`, `sso-secret`, `room-redirect`, `sso-redirect`,
/// `room-test-redirect`) — for every place that shows them: the CLI streams through
/// [`InOrder::push`], the window places each result in its row as it arrives with
/// [`InOrder::place`], and the report's `results` are placed the same way. [`InOrder::shown_before`]
/// is the only definition of the order; everything here is built on it.
///
/// While results arrive in whatever order Microsoft answers, [`InOrder::push`] releases a result
/// as soon as no check before it is still running. [`Checker::run`] sends every `Started` and every
/// immediate skip in that order before any probe answers, so waiting for the running ones is
/// enough.
#[derive(Debug, Default)]
pub struct InOrder {
    running: BTreeSet<CheckId>,
    /// Arrived, not released yet; in display order (kept by [`InOrder::place`]).
    held: Vec<CheckResult>,
}

impl InOrder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether `a` is shown before `b`: the variants' order (lint first, then the registry's
    /// order, [`CheckId::LIVE`]). The one definition of the display order.
    pub fn shown_before(a: CheckId, b: CheckId) -> bool {
        a < b
    }

    /// Puts `result` into `results` (kept in display order) at its place, replacing an earlier
    /// result of the same check: how the window shows a result in its row the moment it arrives.
    pub fn place(results: &mut Vec<CheckResult>, result: CheckResult) {
        results.retain(|shown| shown.id != result.id);
        let at = results.partition_point(|shown| Self::shown_before(shown.id, result.id));
        results.insert(at, result);
    }

    /// Takes one event; returns the results that can be shown now, in display order.
    pub fn push(&mut self, event: CheckEvent) -> Vec<CheckResult> {
        match event {
            CheckEvent::Started { id, .. } => {
                self.running.insert(id);
            }
            CheckEvent::Finished(result) => {
                self.running.remove(&result.id);
                Self::place(&mut self.held, result);
            }
        }
        let still_running_before = |id: CheckId| {
            self.running
                .iter()
                .any(|&running| Self::shown_before(running, id))
        };
        let released = self
            .held
            .iter()
            .take_while(|result| !still_running_before(result.id))
            .count();
        self.held.drain(..released).collect()
    }

    /// The end of the run: whatever is still held, in display order.
    pub fn finish(self) -> Vec<CheckResult> {
        self.held
    }
}

/// Every result of one run, in display order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SuiteReport {
    pub run_id: RunId,
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
    pub results: Vec<CheckResult>,
    /// Fields whose values look like each other's (the affected results say so in their fix).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suspected_swaps: Vec<SuspectedSwap>,
}

impl SuiteReport {
    /// Nothing failed (warnings and skips caused by warnings allowed; a skip always follows a failure).
    pub fn ok(&self) -> bool {
        !self
            .results
            .iter()
            .any(|result| matches!(result.status, CheckStatus::Fail | CheckStatus::Skip))
    }

    pub fn get(&self, id: CheckId) -> Option<&CheckResult> {
        self.results.iter().find(|result| result.id == id)
    }

    pub fn count(&self, status: CheckStatus) -> usize {
        self.results
            .iter()
            .filter(|result| result.status == status)
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Field;

    /// The suite and the display order rely on both: `LIVE` lists the checks in the enum's order,
    /// each has a row, keys are unique, and a check comes after every check it depends on.
    #[test]
    fn the_registry_is_in_display_order_and_dependencies_come_first() {
        for pair in CheckId::LIVE.windows(2) {
            assert!(pair[0] < pair[1], "{:?} before {:?}", pair[0], pair[1]);
        }
        let keys: std::collections::HashSet<_> = CheckId::LIVE
            .iter()
            .map(|id| id.spec().expect("a live check has a row").key)
            .collect();
        assert_eq!(keys.len(), CheckId::LIVE.len(), "keys are unique");
        for (index, id) in CheckId::LIVE.iter().enumerate() {
            for dependency in id.depends_on() {
                let position = CheckId::LIVE.iter().position(|other| other == dependency);
                assert!(
                    position.is_some_and(|position| position < index),
                    "{id:?} depends on {dependency:?}, which is not listed before it"
                );
            }
        }
    }

    #[test]
    fn ids_round_trip_through_text() {
        for &id in CheckId::LIVE {
            assert_eq!(CheckId::parse(&id.key()), Some(id));
        }
        let lint = CheckId::Lint(Field::ServerClientSecret);
        assert_eq!(lint.key(), "lint:server_app.client_secret");
        assert_eq!(CheckId::parse("lint:server_app.client_secret"), Some(lint));
        assert_eq!(CheckId::parse("lint:room.mailboxes[1]"), None);
        assert_eq!(CheckId::parse("nope"), None);
        assert_eq!(
            serde_json::to_string(&CheckId::SsoRedirect).unwrap(),
            "\"sso-redirect\""
        );
    }

    /// The JSON of a result is a contract (`--json`, reports): Microsoft's answer is flattened into
    /// it, every field named as before. Pinned through `serde_json::Value`, as every output writes it.
    #[test]
    fn a_result_serializes_every_field_at_the_top_level() {
        use crate::cloud::PortalPage;
        let mut result = CheckResult::skipped(
            RunId(7),
            CheckId::ServerSecret,
            CheckId::Tenant,
            Text::verbatim("summary"),
        )
        .with_fix(Text::verbatim("fix"))
        .with_answer(MicrosoftAnswer {
            aadsts: Some(7000215),
            error: Some("invalid_client".to_owned()),
            error_description: Some("description".to_owned()),
            trace_id: Some("trace".to_owned()),
            correlation_id: Some("correlation".to_owned()),
            timestamp: Some("timestamp".to_owned()),
            http_status: Some(401),
            portal: Some(PortalTarget {
                page: PortalPage::Overview,
                title: PortalPage::Overview.title(),
                url: "https://portal".to_owned(),
            }),
            error_lookup_url: Some("https://lookup".to_owned()),
        });
        result.tenant_id = Some("guid".to_owned());
        result.checked_at = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        result.elapsed_ms = 5;
        assert_eq!(
            serde_json::to_value(&result).unwrap(),
            serde_json::json!({
                "id": "server-secret", "status": "skip", "aadsts": 7000215, "summary": "summary",
                "fix": "fix", "trace_id": "trace", "correlation_id": "correlation",
                "timestamp": "timestamp", "error": "invalid_client",
                "error_description": "description",
                "portal": {"page": "overview", "title": "Overview", "url": "https://portal"},
                "error_lookup_url": "https://lookup", "skipped_because": "tenant",
                "best_effort": false, "tenant_id": "guid", "http_status": 401, "run_id": 7,
                "checked_at": "2023-11-14T22:13:20Z", "elapsed_ms": 5
            })
        );
        let mut empty = CheckResult::pass(RunId(1), CheckId::Tenant, Text::verbatim("ok"));
        empty.checked_at = result.checked_at;
        assert_eq!(
            serde_json::to_value(&empty).unwrap(),
            serde_json::json!({
                "id": "tenant", "status": "pass", "aadsts": null, "summary": "ok", "fix": null,
                "trace_id": null, "correlation_id": null, "timestamp": null, "error": null,
                "error_description": null, "portal": null, "error_lookup_url": null,
                "skipped_because": null, "best_effort": false, "tenant_id": null,
                "http_status": null, "run_id": 1, "checked_at": "2023-11-14T22:13:20Z",
                "elapsed_ms": 0
            })
        );
    }

    #[test]
    fn filters_select_ids_and_all_lint() {
        let filter = CheckFilter::parse(&["tenant", "lint"]).unwrap();
        assert!(filter.selects(CheckId::Tenant));
        assert!(filter.selects(CheckId::Lint(Field::Name)));
        assert!(!filter.selects(CheckId::ServerSecret));
        assert!(CheckFilter::everything().selects(CheckId::SsoSecret));
        assert_eq!(
            CheckFilter::parse(&["bogus"]).unwrap_err(),
            UnknownCheck("bogus".to_owned())
        );
    }
}
