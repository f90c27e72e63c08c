//! The room access test as the window sees it: sign in as the service account in the system
//! browser, then each room calendar, results arriving one by one; "retry failed rooms only" reuses
//! the signed-in session, which lives in memory until the test is closed (dropping it wipes the
//! token). Background work runs on the injected runtime.

use std::sync::Arc;

use tokio::runtime::Handle;

use crate::checks::RunId;
use crate::gui::features::background_run::{BackgroundRun, RunEvent};
use crate::model::IntegrationDocument;
use crate::rooms::{
    RoomEvent, RoomResult, RoomSession, RoomTestEvent, RoomTestReport, RoomTester, SignInPrompt,
};
use crate::tasks::{BuiltLater, Repaint, Requested};

/// What the finished run leaves behind: the report, and the session for retries.
pub struct Finished {
    pub report: RoomTestReport,
    session: Option<Arc<RoomSession>>,
}

pub struct RoomTest {
    /// Built on a thread of its own (an HTTP client: TLS roots read from disk), so neither the
    /// window's start nor a frame waits for it; read with [`RoomTest::tester`].
    tester: BuiltLater<RoomTester>,
    /// The run ids (a run and its retries count alike) and the current one's events.
    runs: BackgroundRun<RoomTestEvent>,
    run: Requested<Finished>,
    retry: Requested<Vec<RoomResult>>,
    /// The sign-in waiting in the browser, while it waits.
    pub prompt: Option<SignInPrompt>,
    /// Rooms shown while a run or retry goes on (the report's rooms once finished).
    live_rooms: Vec<RoomResult>,
    rooms_in_progress: Vec<String>,
    finished: Option<Finished>,
    /// What the last run was started with (rooms and the app), to mark its results stale.
    tested: Option<Tested>,
}

/// The inputs a room test's results depend on.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Tested {
    mailboxes: Vec<String>,
    tenant_id: String,
    client_id: String,
}

impl Tested {
    fn of(doc: &IntegrationDocument) -> Self {
        let input = doc.check_input();
        Self {
            mailboxes: crate::rooms::unique_mailboxes(&doc.room.mailboxes),
            tenant_id: input.tenant.to_owned(),
            client_id: input.server_client_id.to_owned(),
        }
    }
}

impl RoomTest {
    /// A room test whose tester `build` makes once [`RoomTest::start_building`] is called (after
    /// the window's first frame, so the TLS roots are not read while it is drawn); a test started
    /// sooner builds it then. `repaint` wakes the window for every event of a run.
    pub fn building(
        runtime: Handle,
        repaint: Repaint,
        build: impl FnOnce() -> Result<RoomTester, String> + Send + 'static,
    ) -> Self {
        Self {
            tester: BuiltLater::new("room-test-client", build),
            runs: BackgroundRun::new(runtime, repaint),
            run: Requested::default(),
            retry: Requested::default(),
            prompt: None,
            live_rooms: Vec::new(),
            rooms_in_progress: Vec::new(),
            finished: None,
            tested: None,
        }
    }

    /// Starts building the tester on a thread of its own; later calls do nothing.
    pub fn start_building(&self) {
        self.tester.start();
    }

    /// The tester, once built (at once after the window's first frames; waited for here when a
    /// test is started sooner).
    fn tester(&self) -> &Result<RoomTester, String> {
        self.tester.wait()
    }

    pub fn unavailable_reason(&self) -> Option<&str> {
        // Not known yet is not a reason: the panel asks again next frame.
        self.tester.get()?.as_ref().err().map(String::as_str)
    }

    pub fn is_running(&self) -> bool {
        self.run.is_pending() || self.retry.is_pending()
    }

    /// Signs in and checks every room of `doc`. The browser is opened by the caller when
    /// [`RoomTest::poll`] returns the prompt.
    pub fn start(&mut self, doc: &IntegrationDocument) {
        let Ok(tester) = self.tester().clone() else {
            return;
        };
        self.close();
        self.tested = Some(Tested::of(doc));
        let doc = doc.clone();
        self.runs
            .start(&mut self.run, move |run_id, events| async move {
                let run = tester
                    .run(&doc, run_id, move |event| events.send(event))
                    .await;
                Finished {
                    report: run.report,
                    session: run.session.map(Arc::new),
                }
            });
    }

    /// Checks again only the rooms that did not pass, with the session of the last run.
    pub fn retry_failed(&mut self) {
        let (Ok(tester), Some(finished)) = (self.tester().clone(), &self.finished) else {
            return;
        };
        let Some(session) = finished.session.clone() else {
            return;
        };
        let mailboxes = finished.report.mailboxes_to_retry();
        if mailboxes.is_empty() {
            return;
        }
        self.rooms_in_progress = mailboxes.clone();
        self.runs
            .start(&mut self.retry, move |run_id, events| async move {
                tester
                    .check_rooms(&session, &mailboxes, run_id, move |event| {
                        events.send(RoomTestEvent::Room(event));
                    })
                    .await
            });
    }

    /// Stops any run and forgets the session (wiping the token) and the results.
    pub fn close(&mut self) {
        self.run.clear();
        self.retry.clear();
        self.runs.close();
        self.prompt = None;
        self.live_rooms.clear();
        self.rooms_in_progress.clear();
        self.finished = None;
    }

    /// Takes in progress and tells what happened this frame.
    pub fn poll(&mut self) -> Landed {
        let waiting = self
            .prompt
            .as_ref()
            .map(|prompt| prompt.authorize_url.clone());
        let mut open_browser = None;
        for event in self.runs.drain() {
            match event {
                RoomTestEvent::OpenBrowser(prompt) => {
                    self.prompt = Some(prompt.clone());
                    open_browser = Some(prompt);
                }
                RoomTestEvent::SignedIn(_) => self.prompt = None,
                RoomTestEvent::Room(RoomEvent::Started { mailbox, .. }) => {
                    if !self.rooms_in_progress.contains(&mailbox) {
                        self.rooms_in_progress.push(mailbox);
                    }
                }
                RoomTestEvent::Room(RoomEvent::Finished(result)) => {
                    self.rooms_in_progress
                        .retain(|mailbox| *mailbox != result.mailbox);
                    self.live_rooms
                        .retain(|room| room.mailbox != result.mailbox);
                    self.live_rooms.push(result);
                }
            }
        }
        let ran = self.run.poll();
        if ran {
            self.runs.close();
            self.prompt = None;
            self.rooms_in_progress.clear();
            if let Some(finished) = self.run.ready() {
                self.live_rooms = finished.report.rooms.clone();
                self.finished = Some(Finished {
                    report: finished.report.clone(),
                    session: finished.session.clone(),
                });
            }
        }
        let retried = self.retry.poll();
        if retried {
            self.runs.close();
            self.rooms_in_progress.clear();
            if let (Some(results), Some(finished)) = (self.retry.ready(), &mut self.finished) {
                finished.report.apply_retry(results.clone());
                self.live_rooms = finished.report.rooms.clone();
            }
        }
        Landed {
            open_browser,
            ended: (ran || retried) && !self.is_running(),
            sign_in_over: waiting.filter(|_| self.prompt.is_none()),
        }
    }

    /// The results were made for other rooms or another app than `doc` now has.
    pub fn is_stale(&self, doc: &IntegrationDocument) -> bool {
        (self.finished.is_some() || !self.live_rooms.is_empty())
            && self
                .tested
                .as_ref()
                .is_some_and(|tested| *tested != Tested::of(doc))
    }

    /// The finished report (with retries merged in).
    pub fn report(&self) -> Option<&RoomTestReport> {
        self.finished.as_ref().map(|finished| &finished.report)
    }

    /// Rooms to show: finished ones, in arrival order while running.
    pub fn rooms(&self) -> &[RoomResult] {
        &self.live_rooms
    }

    pub fn rooms_in_progress(&self) -> &[String] {
        &self.rooms_in_progress
    }

    pub fn can_retry(&self) -> bool {
        !self.is_running()
            && self.finished.as_ref().is_some_and(|finished| {
                finished.session.is_some() && !finished.report.mailboxes_to_retry().is_empty()
            })
    }
}

/// What happened in the room test in one frame.
#[derive(Debug, Default)]
pub struct Landed {
    /// A sign-in waits: the browser should be opened, once.
    pub open_browser: Option<SignInPrompt>,
    /// A run or a retry ended (its report, or its failure, is there).
    pub ended: bool,
    /// The sign-in that waited at this address is over (done, failed or given up).
    pub sign_in_over: Option<String>,
}

/// The sign-in's events belong to whichever run is current; a room's carry their run.
impl RunEvent for RoomTestEvent {
    fn of_run(&self) -> Option<RunId> {
        match self {
            RoomTestEvent::OpenBrowser(_) | RoomTestEvent::SignedIn(_) => None,
            RoomTestEvent::Room(event) => Some(event.run_id()),
        }
    }
}
