//! The room calendars: for each room mailbox, `GET {graph}/v1.0/users/{room}/calendar` (is
//! `canEdit` true?) and a one-event `calendarView` read — read-only requests, no test event is
//! ever created. Rooms are checked concurrently (bounded), each result reported as it arrives.
//!
//! [`RoomOutcome::sentence_texts`] is the one place a room's outcome becomes what a person reads.

use std::time::Instant;

use chrono::{DateTime, SecondsFormat, Utc};
use futures_util::StreamExt;
use futures_util::stream::FuturesUnordered;
use serde::{Deserialize, Serialize};
use url::Url;

use super::{RoomSession, RoomTester, SignInReport};
use crate::checks::wire::{ProbeError, Wire, endpoint, host_with_port, network};
use crate::checks::{CheckStatus, RunId};
use crate::i18n::Text;
use crate::model::Secret;
use crate::model::validation::is_mail_address;

/// What was found for one room.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RoomOutcome {
    /// `canEdit` is true and reading an event worked: what ONES needs.
    ReadWrite,
    /// The calendar is delegated read-only (`canEdit` false).
    ReadOnly,
    /// 403 (`ErrorAccessDenied`): no delegation, or not yet in effect.
    NoDelegation,
    /// 404: no such mailbox.
    NoSuchMailbox,
    /// Not a mailbox address; nothing was sent.
    NotAMailboxAddress,
    /// 401: the token is no longer accepted.
    SignInExpired,
    /// 429: Graph asked to slow down.
    Throttled,
    /// 5xx from Graph.
    GraphUnavailable,
    /// Any other answer.
    Unexpected,
    /// No usable answer (timeout, connection, TLS, proxy).
    NetworkFailure,
    /// Not checked because the sign-in did not allow it.
    Skipped,
}

impl RoomOutcome {
    pub fn status(self) -> CheckStatus {
        match self {
            RoomOutcome::ReadWrite => CheckStatus::Pass,
            RoomOutcome::Skipped => CheckStatus::Skip,
            _ => CheckStatus::Fail,
        }
    }

    /// The summary and the fix for `mailbox`, as delegated to `account` (or the signed-in
    /// account), as texts that render in any language. `detail` is what the outcome carries:
    /// Graph's code and message (verbatim), the network sentence, the skip reason.
    pub fn sentence_texts(
        self,
        mailbox: &str,
        account: Option<&str>,
        http_status: Option<u16>,
        detail: Option<Text>,
    ) -> (Text, Option<Text>) {
        let grant = || match account {
            Some(account) => Text::new("rooms.room.grant")
                .arg("account", account)
                .arg("command", grant_command(mailbox, Some(account))),
            None => Text::new("rooms.room.grant.unknown_account")
                .arg("placeholder", ACCOUNT_PLACEHOLDER)
                .arg("command", grant_command(mailbox, None)),
        };
        let account =
            account.map_or_else(|| Text::new("rooms.room.signed_in_account"), Text::verbatim);
        let status = http_status.map_or_else(String::new, |status| format!("HTTP {status}"));
        match self {
            RoomOutcome::ReadWrite => (
                Text::new("rooms.room.read_write")
                    .arg_text("account", account.clone())
                    .arg("mailbox", mailbox),
                None,
            ),
            RoomOutcome::ReadOnly => (
                Text::new("rooms.room.read_only")
                    .arg_text("account", account.clone())
                    .arg("mailbox", mailbox),
                Some(Text::new("rooms.room.read_only.fix").arg_text("grant", grant())),
            ),
            RoomOutcome::NoDelegation => (
                Text::new("rooms.room.no_delegation")
                    .arg_text("account", account.clone())
                    .arg("mailbox", mailbox)
                    .arg("status", status)
                    .arg_text(
                        "detail",
                        detail.unwrap_or_else(|| Text::verbatim("ErrorAccessDenied")),
                    ),
                Some(Text::new("rooms.room.no_delegation.fix").arg_text("grant", grant())),
            ),
            RoomOutcome::NoSuchMailbox => (
                Text::new("rooms.room.no_such_mailbox")
                    .arg("mailbox", mailbox)
                    .arg("status", status),
                Some(Text::new("rooms.room.no_such_mailbox.fix")),
            ),
            RoomOutcome::NotAMailboxAddress => (
                Text::new("rooms.room.not_a_mailbox").arg("mailbox", mailbox),
                Some(Text::new("rooms.room.not_a_mailbox.fix")),
            ),
            RoomOutcome::SignInExpired => (
                Text::new("rooms.room.sign_in_expired").arg("status", status),
                Some(Text::new("rooms.room.sign_in_expired.fix")),
            ),
            RoomOutcome::Throttled => (
                Text::new("rooms.room.throttled"),
                Some(Text::new("rooms.room.throttled.fix")),
            ),
            RoomOutcome::GraphUnavailable => (
                Text::new("rooms.room.graph_unavailable").arg("status", status),
                Some(Text::new("rooms.room.graph_unavailable.fix")),
            ),
            RoomOutcome::Unexpected => (
                Text::new("rooms.room.unexpected")
                    .arg("status", status)
                    .arg("mailbox", mailbox)
                    .arg_text(
                        "detail",
                        detail.unwrap_or_else(|| Text::new("rooms.room.no_error_code")),
                    ),
                Some(Text::new("rooms.room.unexpected.fix")),
            ),
            RoomOutcome::NetworkFailure => (
                detail.unwrap_or_else(|| Text::new("rooms.room.network_failure")),
                None,
            ),
            RoomOutcome::Skipped => (
                Text::new("rooms.room.skipped").arg_text(
                    "reason",
                    detail.unwrap_or_else(|| Text::new("rooms.room.sign_in_failed")),
                ),
                None,
            ),
        }
    }
}

crate::summary_and_fix_fields!(RoomResult);

impl RoomOutcome {
    /// The command the fix names for this outcome (only those that are about the delegation),
    /// built by [`grant_command`].
    pub fn fix_command(self, mailbox: &str, account: Option<&str>) -> Option<String> {
        matches!(self, RoomOutcome::ReadOnly | RoomOutcome::NoDelegation)
            .then(|| grant_command(mailbox, account))
    }
}

/// What stands for the account in [`grant_command`] when the sign-in did not say which account it
/// was. PowerShell refuses to parse `<` there ("reserved for future use"), so a command copied
/// without replacing it runs nothing.
pub const ACCOUNT_PLACEHOLDER: &str = "<service account>";

/// The PowerShell command that gives `account` Editor access to `mailbox`'s calendar, to copy and
/// run as it is. Every value is quoted by [`crate::setup::powershell_quote`], so a mailbox from the
/// document stays a value whatever it contains; an unknown account is [`ACCOUNT_PLACEHOLDER`].
pub fn grant_command(mailbox: &str, account: Option<&str>) -> String {
    use crate::setup::powershell_quote;
    let identity = powershell_quote(&format!("{mailbox}:\\Calendar"));
    let user = account.map_or_else(|| ACCOUNT_PLACEHOLDER.to_owned(), powershell_quote);
    format!("Add-MailboxFolderPermission -Identity {identity} -User {user} -AccessRights Editor")
}

/// The verdict of one room. Never holds a token.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RoomResult {
    pub mailbox: String,
    pub status: CheckStatus,
    pub outcome: RoomOutcome,
    /// Graph's `canEdit`, when the calendar was read.
    pub can_edit: Option<bool>,
    /// English in JSON and the report; [`RoomResult::localized_summary`] for display.
    pub summary: Text,
    pub fix: Option<Text>,
    /// The PowerShell command the fix names ([`grant_command`]), on its own, to copy and run as
    /// it is; `None` when the fix is not a delegation.
    pub fix_command: Option<String>,
    pub http_status: Option<u16>,
    /// Graph's error code (e.g. `ErrorAccessDenied`).
    pub graph_error: Option<String>,
    /// Graph's error message, as it sent it.
    pub graph_message: Option<String>,
    /// Graph's `request-id`, for Microsoft support.
    pub request_id: Option<String>,
    pub run_id: RunId,
    pub checked_at: DateTime<Utc>,
    pub elapsed_ms: u64,
}

impl RoomResult {
    /// [`RoomResult::fix_command`] as it may leave the process (through the redaction step, like
    /// every rendering of the fix around it).
    pub fn fix_command(&self) -> Option<String> {
        self.fix_command
            .as_deref()
            .map(|command| crate::redact::redact(command).into_owned())
    }

    fn new(
        mailbox: &str,
        outcome: RoomOutcome,
        account: Option<&str>,
        run_id: RunId,
        found: Found,
    ) -> Self {
        let detail = found
            .detail
            .or_else(|| found.graph_error.as_deref().map(Text::verbatim));
        let (summary_text, fix_text) =
            outcome.sentence_texts(mailbox, account, found.http_status, detail);
        Self {
            mailbox: mailbox.to_owned(),
            status: outcome.status(),
            outcome,
            can_edit: found.can_edit,
            summary: summary_text,
            fix: fix_text,
            fix_command: outcome.fix_command(mailbox, account),
            http_status: found.http_status,
            graph_error: found.graph_error,
            graph_message: found.graph_message,
            request_id: found.request_id,
            run_id,
            checked_at: Utc::now(),
            elapsed_ms: 0,
        }
    }
}

/// What the requests for one room found, before it becomes sentences.
#[derive(Default)]
struct Found {
    can_edit: Option<bool>,
    http_status: Option<u16>,
    graph_error: Option<String>,
    graph_message: Option<String>,
    request_id: Option<String>,
    /// The network sentence, the skip reason, or Graph's own code and message (verbatim).
    detail: Option<Text>,
}

/// Progress of a room run. `Started` when a room's requests go out (show a spinner), `Finished`
/// for every room.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RoomEvent {
    Started { run_id: RunId, mailbox: String },
    Finished(RoomResult),
}

impl RoomEvent {
    pub fn run_id(&self) -> RunId {
        match self {
            RoomEvent::Started { run_id, .. } => *run_id,
            RoomEvent::Finished(result) => result.run_id,
        }
    }
}

/// The whole room test: the sign-in's verdicts and one result per room.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RoomTestReport {
    pub sign_in: SignInReport,
    pub rooms: Vec<RoomResult>,
}

impl RoomTestReport {
    /// Everything ONES needs works: the sign-in's verdicts and every room (at least one) pass.
    pub fn ok(&self) -> bool {
        self.sign_in.ok()
            && !self.rooms.is_empty()
            && self
                .rooms
                .iter()
                .all(|room| room.status == CheckStatus::Pass)
    }

    pub fn count(&self, status: CheckStatus) -> usize {
        self.rooms
            .iter()
            .filter(|room| room.status == status)
            .count()
    }

    /// The rooms that did not pass — what "Retry failed rooms only" checks again.
    pub fn mailboxes_to_retry(&self) -> Vec<String> {
        self.rooms
            .iter()
            .filter(|room| room.status != CheckStatus::Pass)
            .map(|room| room.mailbox.clone())
            .collect()
    }

    /// Replaces the results of the rooms in `results` (same mailbox, any case), keeping the order.
    pub fn apply_retry(&mut self, results: Vec<RoomResult>) {
        for result in results {
            match self
                .rooms
                .iter_mut()
                .find(|room| room.mailbox.eq_ignore_ascii_case(&result.mailbox))
            {
                Some(room) => *room = result,
                None => self.rooms.push(result),
            }
        }
    }
}

/// `skip` results for rooms that could not be checked (the sign-in failed), so every listed room
/// appears in the report.
pub fn skipped_rooms_because(mailboxes: &[String], reason: Text, run_id: RunId) -> Vec<RoomResult> {
    unique_mailboxes(mailboxes)
        .iter()
        .map(|mailbox| {
            RoomResult::new(
                mailbox,
                RoomOutcome::Skipped,
                None,
                run_id,
                Found {
                    detail: Some(reason.clone()),
                    ..Found::default()
                },
            )
        })
        .collect()
}

/// The mailboxes trimmed, without empty entries, each once (compared without regard to case).
pub fn unique_mailboxes(mailboxes: &[String]) -> Vec<String> {
    let mut unique: Vec<String> = Vec::new();
    for mailbox in mailboxes.iter().map(|mailbox| mailbox.trim()) {
        if !mailbox.is_empty()
            && !unique
                .iter()
                .any(|known| known.eq_ignore_ascii_case(mailbox))
        {
            unique.push(mailbox.to_owned());
        }
    }
    unique
}

impl RoomTester {
    /// Checks every room in `mailboxes` with `session`, at most
    /// [`super::RoomTestOptions::concurrent_rooms`] at once. `progress` gets each event as it
    /// happens; the returned results are in the order of `mailboxes` (duplicates once). Dropping
    /// the future abandons the run. The future is `Send` when `progress` is.
    pub async fn check_rooms(
        &self,
        session: &RoomSession,
        mailboxes: &[String],
        run_id: RunId,
        mut progress: impl FnMut(RoomEvent),
    ) -> Vec<RoomResult> {
        let mailboxes = unique_mailboxes(mailboxes);
        let limit = self.options.concurrent_rooms.max(1);
        let mut results: Vec<Option<RoomResult>> = vec![None; mailboxes.len()];
        let mut queue = mailboxes.iter().enumerate();
        let mut in_flight = FuturesUnordered::new();
        loop {
            while in_flight.len() < limit {
                let Some((index, mailbox)) = queue.next() else {
                    break;
                };
                if !is_mail_address(mailbox) {
                    let result = RoomResult::new(
                        mailbox,
                        RoomOutcome::NotAMailboxAddress,
                        session.account(),
                        run_id,
                        Found::default(),
                    );
                    progress(RoomEvent::Finished(result.clone()));
                    results[index] = Some(result);
                    continue;
                }
                progress(RoomEvent::Started {
                    run_id,
                    mailbox: mailbox.clone(),
                });
                in_flight
                    .push(async move { (index, self.check_room(session, mailbox, run_id).await) });
            }
            let Some((index, result)) = in_flight.next().await else {
                break;
            };
            progress(RoomEvent::Finished(result.clone()));
            results[index] = Some(result);
        }
        results.into_iter().flatten().collect()
    }

    async fn check_room(&self, session: &RoomSession, mailbox: &str, run_id: RunId) -> RoomResult {
        let started = Instant::now();
        let graph = self.endpoints.graph(session.operator());
        let token = session.access_token();
        let (outcome, found) = match calendar(&self.wire, graph, mailbox, token).await {
            GraphAnswer::Success(calendar) => match calendar.can_edit {
                Some(true) => match first_event(&self.wire, graph, mailbox, token).await {
                    GraphAnswer::Success(_) => (
                        RoomOutcome::ReadWrite,
                        Found {
                            can_edit: Some(true),
                            http_status: Some(200),
                            ..Found::default()
                        },
                    ),
                    other => {
                        let (outcome, mut found) = classify(other);
                        found.can_edit = Some(true);
                        (outcome, found)
                    }
                },
                Some(false) => (
                    RoomOutcome::ReadOnly,
                    Found {
                        can_edit: Some(false),
                        http_status: Some(200),
                        ..Found::default()
                    },
                ),
                None => (
                    RoomOutcome::Unexpected,
                    Found {
                        http_status: Some(200),
                        detail: Some(Text::new("rooms.room.no_can_edit")),
                        ..Found::default()
                    },
                ),
            },
            other => classify(other),
        };
        let mut result = RoomResult::new(mailbox, outcome, session.account(), run_id, found);
        tracing::debug!(
            mailbox,
            outcome = ?result.outcome,
            http_status = ?result.http_status,
            "room test: room checked"
        );
        result.elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
        result
    }
}

/// A failed Graph answer as an outcome.
fn classify<T>(answer: GraphAnswer<T>) -> (RoomOutcome, Found) {
    match answer {
        GraphAnswer::Success(_) => (RoomOutcome::ReadWrite, Found::default()),
        GraphAnswer::Refused { status, error } => {
            let outcome = match status {
                401 => RoomOutcome::SignInExpired,
                403 => RoomOutcome::NoDelegation,
                404 => RoomOutcome::NoSuchMailbox,
                429 => RoomOutcome::Throttled,
                500..=599 => RoomOutcome::GraphUnavailable,
                _ => RoomOutcome::Unexpected,
            };
            let detail = (outcome == RoomOutcome::Unexpected).then(|| {
                [error.code.as_str(), error.message.as_str()]
                    .into_iter()
                    .filter(|text| !text.is_empty())
                    .collect::<Vec<_>>()
                    .join(": ")
            });
            (
                outcome,
                Found {
                    http_status: Some(status),
                    graph_error: Some(error.code).filter(|code| !code.is_empty()),
                    graph_message: Some(error.message).filter(|message| !message.is_empty()),
                    request_id: error.inner_error.request_id,
                    detail: detail
                        .filter(|detail| !detail.is_empty())
                        .map(Text::verbatim),
                    ..Found::default()
                },
            )
        }
        GraphAnswer::Failed(error) => (
            RoomOutcome::NetworkFailure,
            Found {
                detail: Some(error.text()),
                ..Found::default()
            },
        ),
    }
}

/// What Graph answered.
enum GraphAnswer<T> {
    Success(T),
    Refused { status: u16, error: GraphError },
    Failed(ProbeError),
}

/// Graph's error body: `{"error": {"code": …, "message": …, "innerError": {…}}}`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct GraphError {
    code: String,
    message: String,
    #[serde(rename = "innerError", alias = "innererror")]
    inner_error: GraphInnerError,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct GraphInnerError {
    #[serde(rename = "request-id")]
    request_id: Option<String>,
}

#[derive(Deserialize)]
struct GraphErrorBody {
    error: GraphError,
}

#[derive(Deserialize)]
struct Calendar {
    #[serde(rename = "canEdit")]
    can_edit: Option<bool>,
}

#[derive(Deserialize)]
struct EventPage {
    #[allow(dead_code)]
    value: Vec<serde::de::IgnoredAny>,
}

/// `GET {graph}/v1.0/users/{mailbox}/calendar`.
async fn calendar(
    wire: &Wire,
    graph: &str,
    mailbox: &str,
    token: &Secret,
) -> GraphAnswer<Calendar> {
    match endpoint(graph, &["v1.0", "users", mailbox, "calendar"]) {
        Ok(url) => get_json(wire, url, token).await,
        Err(error) => GraphAnswer::Failed(error),
    }
}

/// `GET {graph}/v1.0/users/{mailbox}/calendarView?startDateTime=…&endDateTime=…&$top=1` over
/// the next week, only start and end selected (no subjects are read).
async fn first_event(
    wire: &Wire,
    graph: &str,
    mailbox: &str,
    token: &Secret,
) -> GraphAnswer<EventPage> {
    let mut url = match endpoint(graph, &["v1.0", "users", mailbox, "calendarView"]) {
        Ok(url) => url,
        Err(error) => return GraphAnswer::Failed(error),
    };
    let start = Utc::now();
    let end = start + chrono::Duration::days(7);
    url.query_pairs_mut()
        .append_pair(
            "startDateTime",
            &start.to_rfc3339_opts(SecondsFormat::Secs, true),
        )
        .append_pair(
            "endDateTime",
            &end.to_rfc3339_opts(SecondsFormat::Secs, true),
        )
        .append_pair("$top", "1")
        .append_pair("$select", "start,end");
    get_json(wire, url, token).await
}

async fn get_json<T: serde::de::DeserializeOwned>(
    wire: &Wire,
    url: Url,
    token: &Secret,
) -> GraphAnswer<T> {
    let request = wire
        .client
        .get(url.clone())
        .header("accept", "application/json")
        .bearer_auth(token.expose());
    let response = match request.send().await {
        Ok(response) => response,
        Err(error) => return GraphAnswer::Failed(network(&error, &url, wire)),
    };
    let status = response.status();
    let body = match crate::net::read_body(response, &url, wire.timeout_secs).await {
        Ok(body) => body,
        Err(failure) => return GraphAnswer::Failed(ProbeError::Network(failure)),
    };
    let host = host_with_port(&url);
    if status.is_success() {
        return match serde_json::from_slice::<T>(&body) {
            Ok(value) => GraphAnswer::Success(value),
            Err(error) => GraphAnswer::Failed(ProbeError::Unreadable {
                status: status.as_u16(),
                host,
                reason: format!("not the JSON Microsoft Graph sends: {error}"),
            }),
        };
    }
    // Graph's error body when there is one; a proxy's page or an empty body still has a status.
    let error = serde_json::from_slice::<GraphErrorBody>(&body)
        .map(|body| body.error)
        .unwrap_or_default();
    GraphAnswer::Refused {
        status: status.as_u16(),
        error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(mailbox: &str, status: CheckStatus) -> RoomResult {
        let outcome = match status {
            CheckStatus::Pass => RoomOutcome::ReadWrite,
            _ => RoomOutcome::NoDelegation,
        };
        RoomResult::new(mailbox, outcome, None, RunId(1), Found::default())
    }

    #[test]
    fn mailboxes_are_trimmed_and_kept_once() {
        let list = [
            " room-1@contoso.com ".to_owned(),
            "ROOM-1@contoso.com".to_owned(),
            String::new(),
            "room-2@contoso.com".to_owned(),
        ];
        assert_eq!(
            unique_mailboxes(&list),
            ["room-1@contoso.com", "room-2@contoso.com"]
        );
    }

    #[test]
    fn sentences_name_the_room_the_account_and_the_fix() {
        let english = |(summary, fix): (Text, Option<Text>)| {
            (summary.english(), fix.map(|fix| fix.english()))
        };
        let (summary, fix) = english(RoomOutcome::ReadOnly.sentence_texts(
            "room-1@contoso.com",
            Some("rooms@contoso.com"),
            Some(200),
            None,
        ));
        assert!(summary.contains("read-only"));
        let fix = fix.unwrap();
        assert!(fix.contains("Add-MailboxFolderPermission"));
        assert!(fix.contains("room-1@contoso.com:\\Calendar"));
        let (summary, fix) = english(RoomOutcome::NoDelegation.sentence_texts(
            "room-1@contoso.com",
            None,
            Some(403),
            Some(Text::verbatim("ErrorAccessDenied")),
        ));
        assert!(summary.contains("HTTP 403 ErrorAccessDenied"));
        assert!(fix.unwrap().contains("24–48 hours"));
    }

    /// The value of the PowerShell single-quoted string at the start of `text` (`''` is one
    /// quote) and what follows it.
    fn single_quoted(text: &str) -> (String, &str) {
        let mut value = String::new();
        let mut chars = text
            .strip_prefix('\'')
            .expect("a quoted value")
            .char_indices();
        while let Some((index, ch)) = chars.next() {
            if ch == '\'' {
                match chars.clone().next() {
                    Some((_, '\'')) => {
                        chars.next();
                    }
                    _ => return (value, &text[index + 2..]),
                }
            }
            value.push(ch);
        }
        panic!("the quoted value is not closed: {text}");
    }

    #[test]
    fn a_hostile_mailbox_stays_a_value_in_the_command_to_copy() {
        use crate::i18n::{Language, SummaryAndFix as _};
        // The worst a standard (dot-atom) address can hold: quotes, `$`, backticks, `+`, braces.
        let mailbox = "x'+$x+'`{calc}|x@contoso.com";
        assert!(is_mail_address(mailbox));
        for outcome in [RoomOutcome::NoDelegation, RoomOutcome::ReadOnly] {
            let result = RoomResult::new(
                mailbox,
                outcome,
                Some("svc@contoso.com"),
                RunId(1),
                Found::default(),
            );
            let command = result.fix_command().expect("a command");
            let rest = command
                .strip_prefix("Add-MailboxFolderPermission -Identity ")
                .expect("the cmdlet first");
            let (identity, rest) = single_quoted(rest);
            assert_eq!(identity, format!("{mailbox}:\\Calendar"));
            let rest = rest.strip_prefix(" -User ").expect("then the account");
            let (account, rest) = single_quoted(rest);
            assert_eq!(account, "svc@contoso.com");
            assert_eq!(rest, " -AccessRights Editor");
            // The sentence names the very same command, in every language.
            let fix = result.fix_text().expect("a fix");
            for language in [
                Language::English,
                Language::SimplifiedChinese,
                Language::TraditionalChinese,
            ] {
                assert!(fix.render(language).contains(&command), "{language:?}");
            }
            let json = serde_json::to_value(&result).unwrap();
            assert_eq!(json["fix_command"], command.as_str());
        }
        let passed = RoomResult::new(
            mailbox,
            RoomOutcome::ReadWrite,
            None,
            RunId(1),
            Found::default(),
        );
        assert_eq!(passed.fix_command(), None);
    }

    #[test]
    fn an_unknown_account_is_a_placeholder_that_does_not_run() {
        let result = RoomResult::new(
            "room-1@contoso.com",
            RoomOutcome::NoDelegation,
            None,
            RunId(1),
            Found::default(),
        );
        let command = result.fix_command().expect("a command");
        assert_eq!(
            command,
            "Add-MailboxFolderPermission -Identity 'room-1@contoso.com:\\Calendar' \
             -User <service account> -AccessRights Editor"
        );
        assert!(!command.contains("signed-in"));
        let fix = result.fix.as_ref().unwrap().english();
        assert!(fix.contains(&command));
        assert!(fix.contains("with <service account> replaced by that account's address"));
    }

    #[test]
    fn a_retry_replaces_only_the_rooms_it_checked() {
        let sign_in = SignInReport {
            sign_in: super::super::Verdict::pass(Text::verbatim("ok")),
            offline_access: super::super::Verdict::pass(Text::verbatim("ok")),
            calendars_scope: super::super::Verdict::pass(Text::verbatim("ok")),
            refresh_token_issued: true,
            scopes: Vec::new(),
            account: None,
            redirect_uri: None,
            started_at: Utc::now(),
            finished_at: Utc::now(),
        };
        let mut report = RoomTestReport {
            sign_in,
            rooms: vec![
                result("a@contoso.com", CheckStatus::Pass),
                result("b@contoso.com", CheckStatus::Fail),
            ],
        };
        assert!(!report.ok());
        assert_eq!(report.mailboxes_to_retry(), ["b@contoso.com"]);
        report.apply_retry(vec![result("B@contoso.com", CheckStatus::Pass)]);
        assert!(report.ok());
        assert_eq!(report.rooms[1].mailbox, "B@contoso.com");
        assert_eq!(report.rooms.len(), 2);
    }
}
