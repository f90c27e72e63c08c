//! The room test: proves what ONES needs in "Delegated resource only" — the service account signs
//! in through the server app with `Calendars.ReadWrite.Shared` and `offline_access`, and can read
//! and write every room calendar delegated to it (docs/domain-facts.md §2.6). No egui.
//!
//! How a front end drives it (the GUI, `ones-m365 rooms`): in one call, [`RoomTester::run`],
//! which reports every step as a [`RoomTestEvent`] (open the browser, the sign-in's verdicts, each
//! room) and returns the report and the session for retries — or step by step:
//!
//! 1. [`RoomTester::start_sign_in`] — checks the server settings, opens the loopback listener,
//!    asks Microsoft's sign-in page whether it accepts `http://localhost` for the app (so a missing
//!    redirect URI is reported before a browser opens), and returns a [`PendingSignIn`] whose
//!    [`PendingSignIn::authorize_url`] is opened in the system browser (or printed).
//! 2. [`PendingSignIn::finish`] — waits for the browser's one return (with a timeout), checks the
//!    `state`, redeems the code with the PKCE verifier and the server app's secret, and returns a
//!    [`SignInOutcome`]: the three sign-in verdicts ([`SignInReport`]) and, when they allow it, a
//!    [`RoomSession`] that holds the access token in memory.
//! 3. [`RoomTester::check_rooms`] — every room concurrently (bounded), each result reported as it
//!    arrives ([`RoomEvent`]). "Retry failed rooms only" is the same call with
//!    [`RoomTestReport::mailboxes_to_retry`], merged back with [`RoomTestReport::apply_retry`].
//!
//! [`loopback_setup`] is the data for explaining the one redirect URI the test needs. No test
//! event is ever created. Tokens live only in [`RoomSession`] (and briefly in the sign-in): they
//! are [`crate::model::Secret`]s — redacted in `Debug`, wiped when dropped — and never reach a
//! result, a report, a log line or a file.
//!
//! - [`pkce`]: the PKCE verifier/challenge and the random `state`.
//! - [`loopback`]: the listener the browser comes back to.
//! - `signin`: the sign-in and its verdicts; `calendars`: the Graph requests and room verdicts;
//!   `run`: both in one call; `instructions`: the redirect URI's setup text.

mod calendars;
mod instructions;
pub mod loopback;
pub mod pkce;
mod run;
mod signin;

use std::time::Duration;

use serde::Serialize;

pub use calendars::{
    ACCOUNT_PLACEHOLDER, RoomEvent, RoomOutcome, RoomResult, RoomTestReport, grant_command,
    skipped_rooms_because, unique_mailboxes,
};
pub use instructions::{LoopbackSetup, loopback_setup};
pub use run::{RoomTestEvent, RoomTestRun, SignInPrompt};
pub use signin::{PendingSignIn, RoomSession, SignInError, SignInOutcome, SignInReport};

use crate::checks::answer::ExplainedRefusal;
use crate::checks::wire::Wire;
use crate::checks::{CheckStatus, Endpoints, MicrosoftAnswer};
use crate::i18n::Text;
use crate::net::{ClientSetupError, NetSettings, build_client};

/// The redirect URI registered once for the room test (Web platform). Microsoft ignores the port
/// of `http://localhost` redirect URIs, so each run's `http://localhost:{port}` matches it.
pub const LOOPBACK_REDIRECT_URI: &str = "http://localhost";

/// How long the assistant waits for the browser to come back, by default.
pub const DEFAULT_CALLBACK_TIMEOUT_SECS: u64 = 300;

/// How many rooms are checked at once, by default.
pub const DEFAULT_CONCURRENT_ROOMS: usize = 4;

/// Settings of the room test. Plain data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoomTestOptions {
    /// How long to wait for the browser's return after the sign-in started.
    pub callback_timeout_secs: u64,
    /// How many rooms are checked at once (at least 1).
    pub concurrent_rooms: usize,
}

impl Default for RoomTestOptions {
    fn default() -> Self {
        Self {
            callback_timeout_secs: DEFAULT_CALLBACK_TIMEOUT_SECS,
            concurrent_rooms: DEFAULT_CONCURRENT_ROOMS,
        }
    }
}

impl RoomTestOptions {
    pub fn callback_timeout(&self) -> Duration {
        Duration::from_secs(self.callback_timeout_secs.max(1))
    }
}

/// Runs the room test. Cheap to clone (the HTTP client is shared); keep one and rebuild it when
/// the network settings or endpoints change.
#[derive(Clone, Debug)]
pub struct RoomTester {
    wire: Wire,
    endpoints: Endpoints,
    options: RoomTestOptions,
}

impl RoomTester {
    /// A tester with the client of [`crate::net::build_client`] (timeouts, proxy, extra CA) — the
    /// same one every request of the test uses, Graph included.
    pub fn new(net: &NetSettings, endpoints: Endpoints) -> Result<Self, ClientSetupError> {
        Ok(Self {
            wire: Wire {
                client: build_client(net)?,
                timeout_secs: net.timeout_secs.max(1),
            },
            endpoints,
            options: RoomTestOptions::default(),
        })
    }

    pub fn with_options(mut self, options: RoomTestOptions) -> Self {
        self.options = options;
        self
    }

    pub fn endpoints(&self) -> &Endpoints {
        &self.endpoints
    }

    pub fn options(&self) -> &RoomTestOptions {
        &self.options
    }
}

/// One verdict of the room test's sign-in, in the shape of a check result: never a token. Made by
/// its named constructors ([`Verdict::pass`], …, [`Verdict::refused`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Verdict {
    pub status: CheckStatus,
    /// Plain-language summary of what was found (English in JSON and the report).
    pub summary: Text,
    /// What to do, when something is to be done.
    pub fix: Option<Text>,
    /// What Microsoft answered (its fields are at the top level of the JSON); the portal page is
    /// the server app's.
    #[serde(flatten)]
    pub answer: MicrosoftAnswer,
}

crate::summary_and_fix_fields!(Verdict);
crate::microsoft_answer_builders!(Verdict);

impl Verdict {
    pub fn pass(summary: Text) -> Self {
        Self::with_status(CheckStatus::Pass, summary)
    }

    pub fn warn(summary: Text) -> Self {
        Self::with_status(CheckStatus::Warn, summary)
    }

    pub fn fail(summary: Text) -> Self {
        Self::with_status(CheckStatus::Fail, summary)
    }

    /// Not checked (an earlier step failed).
    pub fn skipped(summary: Text) -> Self {
        Self::with_status(CheckStatus::Skip, summary)
    }

    /// Microsoft refused: failed, with the refusal's summary, fix and answer.
    pub fn refused(refusal: ExplainedRefusal) -> Self {
        Self::fail(refusal.summary)
            .with_fix(refusal.fix)
            .with_answer(refusal.answer)
    }

    pub fn passed(&self) -> bool {
        self.status == CheckStatus::Pass
    }

    fn with_status(status: CheckStatus, summary: Text) -> Self {
        Self {
            status,
            summary,
            fix: None,
            answer: MicrosoftAnswer::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A verdict's JSON is a contract (`ones-m365 rooms --json`): Microsoft's answer is flattened
    /// into it, every field named as before.
    #[test]
    fn a_verdict_serializes_every_field_at_the_top_level() {
        let verdict = Verdict::fail(Text::verbatim("summary"))
            .with_fix(Text::verbatim("fix"))
            .with_answer(MicrosoftAnswer {
                aadsts: Some(50011),
                error: Some("invalid_grant".to_owned()),
                error_description: Some("description".to_owned()),
                trace_id: Some("trace".to_owned()),
                correlation_id: Some("correlation".to_owned()),
                timestamp: Some("timestamp".to_owned()),
                http_status: Some(400),
                portal: None,
                error_lookup_url: Some("https://lookup".to_owned()),
            });
        assert_eq!(
            serde_json::to_value(&verdict).unwrap(),
            serde_json::json!({
                "status": "fail", "aadsts": 50011, "summary": "summary", "fix": "fix",
                "error": "invalid_grant", "error_description": "description", "trace_id": "trace",
                "correlation_id": "correlation", "timestamp": "timestamp", "http_status": 400,
                "portal": null, "error_lookup_url": "https://lookup"
            })
        );
    }
}
