//! [`RoomTester::run`]: the whole room test in one call — sign-in, then every room — with every
//! step reported as it happens ([`RoomTestEvent`]), for front ends that drive it as one task (the
//! GUI on its runtime, `ones-m365 rooms`). The steps stay available one by one
//! ([`RoomTester::start_sign_in`], [`super::PendingSignIn::finish`], [`RoomTester::check_rooms`]).

use std::time::Duration;

use super::{
    RoomEvent, RoomSession, RoomTestReport, RoomTester, SignInOutcome, SignInReport,
    skipped_rooms_because, unique_mailboxes,
};
use crate::checks::RunId;
use crate::model::IntegrationDocument;

/// What to show while the assistant waits for the browser.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignInPrompt {
    /// Open this in the system browser (it holds no secret: the PKCE challenge and `state` only).
    pub authorize_url: String,
    /// `http://localhost:{port}`, where the browser comes back.
    pub redirect_uri: String,
    /// What the person should do, in one paragraph, in any language.
    pub instructions_text: crate::i18n::Text,
    /// How long the assistant waits.
    pub timeout: Duration,
}

impl SignInPrompt {
    /// The instructions in the current language.
    pub fn localized_instructions(&self) -> String {
        self.instructions_text.localized()
    }
}

/// Progress of a room test, in the order things happen.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RoomTestEvent {
    /// The sign-in is ready: open the address (or show it to be opened by hand).
    OpenBrowser(SignInPrompt),
    /// The sign-in's verdicts are known (also when it failed before a browser was needed).
    SignedIn(SignInReport),
    /// A room started or finished.
    Room(RoomEvent),
}

/// The end of a room test: its report and — when the sign-in succeeded — the session, kept for
/// "retry failed rooms only" ([`RoomTester::check_rooms`] with
/// [`RoomTestReport::mailboxes_to_retry`]). Drop the session when the test is closed: that wipes
/// the token.
#[derive(Debug)]
pub struct RoomTestRun {
    pub report: RoomTestReport,
    pub session: Option<RoomSession>,
}

impl RoomTester {
    /// Signs in for `doc` and checks every room in `doc.room.mailboxes`. `progress` gets each
    /// event as it happens; opening the browser is the caller's job (on
    /// [`RoomTestEvent::OpenBrowser`]). Rooms are reported as skipped when the sign-in did not
    /// allow checking them. Dropping the future abandons the test and closes the loopback port;
    /// the future is `Send` when `progress` is.
    pub async fn run(
        &self,
        doc: &IntegrationDocument,
        run_id: RunId,
        mut progress: impl FnMut(RoomTestEvent),
    ) -> RoomTestRun {
        let SignInOutcome { report, session } = match self.start_sign_in(doc).await {
            Ok(pending) => {
                progress(RoomTestEvent::OpenBrowser(pending.prompt()));
                pending.finish().await
            }
            Err(failed) => failed,
        };
        progress(RoomTestEvent::SignedIn(report.clone()));
        let mailboxes = unique_mailboxes(&doc.room.mailboxes);
        let rooms = match &session {
            Some(session) => {
                self.check_rooms(session, &mailboxes, run_id, |event| {
                    progress(RoomTestEvent::Room(event))
                })
                .await
            }
            None => {
                let skipped =
                    skipped_rooms_because(&mailboxes, report.rooms_skip_reason_text(), run_id);
                for result in &skipped {
                    progress(RoomTestEvent::Room(RoomEvent::Finished(result.clone())));
                }
                skipped
            }
        };
        RoomTestRun {
            report: RoomTestReport {
                sign_in: report,
                rooms,
            },
            session,
        }
    }
}
