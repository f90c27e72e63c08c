//! Work between frames: the smoke-test frame counter, fading toasts, and the debounced autosave
//! of the draft (written on the runtime's blocking threads so the UI never waits for the disk).

use crate::gui::command::Reveal;
use std::time::{Duration, Instant};

use tokio::runtime::Handle;
use tokio::task::JoinError;

use super::{AssistantApp, NoticeLevel};
use crate::model::{IntegrationDocument, Step};
use crate::tasks::{Requested, no_repaint};

/// How long the document must stay unchanged before the draft is written.
const AUTOSAVE_DELAY: Duration = Duration::from_millis(800);

pub(crate) struct Autosave {
    runtime: Handle,
    saved: Option<(IntegrationDocument, Step, bool)>,
    changed_at: Option<Instant>,
    /// The write under way: the save's result, or the join error of a save that died.
    in_flight: Requested<Result<Result<(), String>, JoinError>>,
    /// The last failure was reported; do not repeat it every second.
    failure_reported: bool,
}

impl Autosave {
    pub(crate) fn new(runtime: Handle) -> Self {
        Self {
            runtime,
            saved: None,
            changed_at: None,
            in_flight: Requested::default(),
            failure_reported: false,
        }
    }

    /// Waits (at most `limit`) for a draft write still under way, so that a later write — the one
    /// on exit — cannot be overtaken by it and lose (or, after "keep secrets" was unticked, bring
    /// back secrets in) the newer draft.
    pub(crate) fn wait_for_write(&mut self, limit: Duration) {
        let deadline = Instant::now() + limit;
        while !self.in_flight.poll() && self.in_flight.is_pending() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    pub(crate) fn mark_saved(&mut self, doc: &IntegrationDocument, step: Step, keep_secrets: bool) {
        self.saved = Some((doc.clone(), step, keep_secrets));
        self.changed_at = None;
    }

    fn is_current(&self, doc: &IntegrationDocument, step: Step, keep_secrets: bool) -> bool {
        self.saved
            .as_ref()
            .is_some_and(|(saved_doc, saved_step, saved_keep)| {
                saved_doc == doc && *saved_step == step && *saved_keep == keep_secrets
            })
    }
}

/// How long the text cursor keeps blinking after the last input.
pub(crate) const CURSOR_BLINK_FOR: Duration = Duration::from_secs(5);

/// The text cursor's blink: on while the user is active, off (solid cursor) once idle.
#[derive(Debug, Default)]
pub(crate) struct CursorBlink {
    last_input: Option<Instant>,
    blinking: Option<bool>,
}

impl CursorBlink {
    /// Called every frame: switches the blink on at input and off once `CURSOR_BLINK_FOR` has
    /// passed without any; when on, asks for the frame that switches it off.
    fn update(&mut self, ctx: &egui::Context, now: Instant) {
        let active = ctx.input(|input| {
            !input.events.is_empty() || input.pointer.is_moving() || input.pointer.any_down()
        });
        if active || self.last_input.is_none() {
            self.last_input = Some(now);
        }
        let idle_for = now.saturating_duration_since(self.last_input.unwrap_or(now));
        let blink = idle_for < CURSOR_BLINK_FOR;
        if self.blinking != Some(blink) {
            self.blinking = Some(blink);
            ctx.all_styles_mut(|style| style.visuals.text_cursor.blink = blink);
        }
        if blink {
            ctx.request_repaint_after(CURSOR_BLINK_FOR - idle_for);
        }
    }
}

/// The longest a smoke test (`ONES_M365_EXIT_AFTER_FRAMES`) keeps the window open, however few
/// frames were drawn by then.
pub(crate) const SMOKE_EXIT_MAX_WAIT: Duration = Duration::from_secs(10);

/// `ONES_M365_EXIT_AFTER_FRAMES=N`: the window closes after N frames or after
/// [`SMOKE_EXIT_MAX_WAIT`], whichever comes first. While counting, every frame asks for the next
/// one (an idle egui window would otherwise stop repainting and never reach N), and a watchdog
/// thread closes the window at the deadline even if frames stop coming altogether.
#[derive(Debug)]
pub(crate) struct SmokeExit {
    limit: u64,
    frames: u64,
    deadline: Instant,
    watchdog_started: bool,
}

impl SmokeExit {
    pub(crate) fn new(limit: u64, now: Instant) -> Self {
        Self {
            limit,
            frames: 0,
            deadline: now + SMOKE_EXIT_MAX_WAIT,
            watchdog_started: false,
        }
    }

    /// Counts one frame; true when the window should close: `limit` frames were drawn before this
    /// one, or the deadline has passed.
    pub(crate) fn frame(&mut self, now: Instant) -> bool {
        self.frames = self.frames.saturating_add(1);
        self.frames > self.limit || now >= self.deadline
    }

    /// Once: a thread that closes the window at the deadline, whether or not frames come.
    fn start_watchdog(&mut self, ctx: &egui::Context) {
        if std::mem::replace(&mut self.watchdog_started, true) {
            return;
        }
        let ctx = ctx.clone();
        let deadline = self.deadline;
        let spawned = std::thread::Builder::new()
            .name("smoke-exit".to_owned())
            .spawn(move || {
                std::thread::sleep(deadline.saturating_duration_since(Instant::now()));
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                ctx.request_repaint();
            });
        if let Err(error) = spawned {
            tracing::warn!("smoke-test watchdog not started: {error}");
        }
    }
}

impl AssistantApp {
    /// The texts the user typed or loaded that may hold Chinese (the catalogue's own Chinese is in
    /// the embedded glyphs).
    pub(super) fn user_texts(&self) -> [&str; 4] {
        let doc = &self.session.doc;
        [
            doc.name.as_str(),
            doc.users.login_button_name.as_str(),
            self.session.form.groups_text.as_str(),
            self.session.form.mailboxes_text.as_str(),
        ]
    }

    /// The fonts this frame needs: the embedded Chinese glyphs in the language's forms; the
    /// system's CJK font only for typed or loaded characters they lack.
    fn wanted_fonts(&self) -> crate::gui::fonts::WantedFonts {
        use crate::gui::fonts::{ChineseForms, WantedFonts, needs_system_cjk};
        WantedFonts {
            forms: ChineseForms::for_language(self.chrome.language),
            system_cjk: self.user_texts().iter().any(|text| needs_system_cjk(text)),
        }
    }

    pub(crate) fn logic_tick(&mut self, ctx: &egui::Context) {
        if std::mem::take(&mut self.chrome.theme_pending) {
            // Plain text is not a control: labels do not offer a click action to assistive
            // technology (values meant to be copied are selectable one by one).
            ctx.all_styles_mut(|style| style.interaction.selectable_labels = false);
            ctx.set_theme(match self.chrome.theme {
                crate::store::ThemeChoice::System => egui::ThemePreference::System,
                crate::store::ThemeChoice::Light => egui::ThemePreference::Light,
                crate::store::ThemeChoice::Dark => egui::ThemePreference::Dark,
            });
        }
        crate::gui::timing::frame();
        if self.chrome.titled_in != Some(self.chrome.language) {
            // The window's title (and so its name for screen readers) in the UI language.
            self.chrome.titled_in = Some(self.chrome.language);
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(tr!("gui.app.title")));
        }
        crate::gui::fonts::sync_fonts(ctx, self.wanted_fonts());
        self.guard_close(ctx);
        self.chrome.cursor_blink.update(ctx, Instant::now());
        self.chrome.focused_at_start = ctx.memory(|memory| memory.focused());
        let left_last_frame = std::mem::take(&mut self.session.form.pending_touched);
        if !left_last_frame.is_empty() {
            self.session.form.touched.extend(left_last_frame);
            ctx.request_repaint();
        }
        if let Some(smoke) = &mut self.chrome.smoke_exit {
            smoke.start_watchdog(ctx);
            if smoke.frame(Instant::now()) {
                self.overlays.close_prompt = super::closing::ClosePrompt::Confirmed;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            } else {
                // An idle window stops repainting; keep frames coming while counting.
                ctx.request_repaint();
            }
        }
        if self
            .overlays
            .toast
            .as_ref()
            .is_some_and(|toast| Instant::now() >= toast.until)
        {
            self.overlays.toast = None;
        }
        if let Some(toast) = &self.overlays.toast {
            ctx.request_repaint_after(toast.until.saturating_duration_since(Instant::now()));
        }
        crate::gui::steps::sync_derived_redirects(&mut self.session.doc, &mut self.session.form);
        if let Some(demo) = &self.background.demo {
            self.background
                .setup
                .demo_world
                .follow(demo, &self.session.doc.name);
        }
        self.revalidate();
        self.poll_background(ctx);
        self.take_in_files(ctx);
        self.poll_autosave(ctx);
    }

    /// Takes in what the background work reported; what ended is announced politely (the toast is
    /// a live region) and scrolled into view, and the "sign in by hand" dialog closes once the
    /// sign-in it was for is over.
    fn poll_background(&mut self, ctx: &egui::Context) {
        self.background.waker.attach(ctx);
        if self.background.checks.poll(&self.session.doc) {
            self.checks_ended(ctx);
        }
        let ones = self.background.export.poll();
        self.export_ended(ctx, &ones);
        self.take_in_ones(ones);
        // The room test's HTTP client (TLS roots read from disk) is built once the first frame is
        // on screen, not while it is drawn.
        if ctx.cumulative_frame_nr() > 0 {
            self.background.room_test.start_building();
        }
        let rooms = self.background.room_test.poll();
        if rooms.ended {
            if let Some(report) = self.background.room_test.report() {
                let (text, failed) = if report.ok() {
                    (text!("gui.rooms.all_ready"), false)
                } else {
                    (text!("gui.rooms.not_all_ready"), true)
                };
                self.announce(text, failed);
            }
            Reveal::RoomTest.request(ctx);
        }
        if let Some(url) = rooms.sign_in_over
            && self
                .overlays
                .fallback
                .as_ref()
                .is_some_and(|fallback| fallback.text == url)
        {
            self.overlays.fallback = None;
        }
        if let Some(prompt) = rooms.open_browser {
            // The sign-in waits in the system browser; if it cannot be opened the address is shown.
            self.commands.push(super::Command::OpenUrl {
                what: tr!("gui.rooms.microsoft_sign_in_what"),
                url: prompt.authorize_url,
            });
        }
    }

    fn poll_autosave(&mut self, ctx: &egui::Context) {
        if self.background.autosave.in_flight.poll() {
            match self.background.autosave.in_flight.ready() {
                Some(Ok(Ok(()))) => self.background.autosave.failure_reported = false,
                Some(Ok(Err(reason))) => {
                    let reason = reason.clone();
                    if !self.background.autosave.failure_reported {
                        self.background.autosave.failure_reported = true;
                        self.notify(
                            NoticeLevel::Error,
                            text!("gui.notice.autosave_failed", reason = reason),
                        );
                    }
                }
                // The save died without an answer: nothing to report.
                Some(Err(_)) | None => {}
            }
        } else if self.background.autosave.in_flight.is_pending() {
            // Polled on a timer, not woken when the write ends: an immediate repaint from another
            // thread would land at a random frame (egui_kittest's `Harness::run` counts those).
            ctx.request_repaint_after(Duration::from_millis(100));
            return;
        }
        let keep = self.session.keep_secrets_in_draft;
        if self
            .background
            .autosave
            .is_current(&self.session.doc, self.session.step, keep)
        {
            return;
        }
        let changed_at = *self
            .background
            .autosave
            .changed_at
            .get_or_insert_with(Instant::now);
        let waited = changed_at.elapsed();
        if waited < AUTOSAVE_DELAY {
            ctx.request_repaint_after(AUTOSAVE_DELAY - waited);
            return;
        }
        let store = self.store.clone();
        // The store drops the secrets unless `keep`: the one place that decides.
        let doc = self.session.doc.clone();
        let step = self.session.step;
        let file_path = self.session.file_path.clone();
        self.background.autosave.in_flight.request(
            &self.background.autosave.runtime,
            no_repaint(),
            async move {
                tokio::task::spawn_blocking(move || {
                    store
                        .save(&doc, step, file_path.as_deref(), keep)
                        .map_err(|error| error.to_string())
                })
                .await
            },
        );
        self.background
            .autosave
            .mark_saved(&self.session.doc, self.session.step, keep);
        ctx.request_repaint_after(Duration::from_millis(100));
    }
}

impl AssistantApp {
    /// The live checks' run ended: how it went, said once.
    fn checks_ended(&mut self, ctx: &egui::Context) {
        use crate::checks::CheckStatus;
        let results = self.background.checks.results();
        let count = |status: CheckStatus| {
            results
                .iter()
                .filter(|result| result.status == status)
                .count()
        };
        let text = text!(
            "gui.announce.checks",
            passed = count(CheckStatus::Pass),
            warned = count(CheckStatus::Warn),
            failed = count(CheckStatus::Fail),
            skipped = count(CheckStatus::Skip)
        );
        let failed = count(CheckStatus::Fail) > 0;
        self.announce(text, failed);
        Reveal::Checks.request(ctx);
    }

    /// A step of the hand-over to ONES ended: its panel is scrolled into view, and a plan or an
    /// export says how it went.
    fn export_ended(&mut self, ctx: &egui::Context, landed: &crate::gui::features::export::Landed) {
        let export = &self.background.export;
        if landed.connection {
            Reveal::Connection.request(ctx);
        }
        if landed.plan {
            let (text, failed) = match export.plan.ready() {
                Some(Ok(_)) => (text!("gui.announce.plan_ready"), false),
                _ => (text!("gui.announce.export_failed"), true),
            };
            self.announce(text, failed);
            Reveal::Plan.request(ctx);
        }
        if landed.receipt {
            let (text, failed) = match self.background.export.receipt.ready() {
                Some(Ok(receipt)) if receipt.is_verified() => {
                    (text!("gui.announce.exported"), false)
                }
                Some(Ok(_)) => (text!("gui.announce.export_differs"), true),
                _ => (text!("gui.announce.export_failed"), true),
            };
            self.announce(text, failed);
            Reveal::Receipt.request(ctx);
        }
    }
}

impl AssistantApp {
    /// Takes in what ONES answered: its redirect URIs replace derived or empty ones (a pasted
    /// value is kept and the panel offers ONES's), and a pulled integration replaces the document
    /// only after the user saw what changes and agreed.
    fn take_in_ones(&mut self, landed: crate::gui::features::export::Landed) {
        if let Some(uris) = landed.redirect_uris {
            self.session.form.ones_redirects = Some(uris.clone());
            let derived = self.session.form.last_derived.clone();
            let follows = crate::redirect::takes_new_value;
            if follows(
                &self.session.doc.room.redirect_uri,
                derived.as_ref().map(|uris| uris.room.as_str()),
            ) {
                self.use_redirect_uri(crate::model::Field::RoomRedirectUri, uris.room);
            }
            if follows(
                &self.session.doc.sso_app.redirect_uri,
                derived.as_ref().map(|uris| uris.sso.as_str()),
            ) {
                self.use_redirect_uri(crate::model::Field::SsoRedirectUri, uris.sso);
            }
        }
        if let Some(fields) = landed.stored_secrets {
            // ONES now stores these secrets: an empty one is "stored in ONES", not missing.
            for field in fields {
                self.session.doc.mark_secret_stored_in_ones(field);
            }
        }
        if let Some(remote) = landed.pulled {
            self.offer_pulled(remote);
        }
    }
}

impl AssistantApp {
    /// A pulled integration, as it would replace the working document: ONES's fields, and each
    /// client secret the user typed kept (ONES never returns values; an empty one is "stored in
    /// ONES" when ONES said so). Asks first whenever a field would change.
    fn offer_pulled(&mut self, remote: crate::ones::RemoteIntegration) {
        let mut pulled = remote.document;
        if !self.session.doc.server_app.client_secret.is_empty() {
            pulled.server_app.client_secret = self.session.doc.server_app.client_secret.clone();
        }
        if !self.session.doc.sso_app.client_secret.is_empty() {
            pulled.sso_app.client_secret = self.session.doc.sso_app.client_secret.clone();
        }
        let action = super::ReplaceAction::Pulled(Box::new(pulled), remote.warnings);
        if self.pull_changes(&action).is_empty() {
            // Nothing the user sees changes: only the secrets' "stored in ONES" state is taken
            // in; the form, the notices and the file the document came from stay.
            if let super::ReplaceAction::Pulled(pulled, _) = &action {
                self.session.doc.server_app.client_secret_in_ones =
                    pulled.server_app.client_secret_in_ones;
                self.session.doc.sso_app.client_secret_in_ones =
                    pulled.sso_app.client_secret_in_ones;
            }
            self.show_toast(text!("gui.toast.pull_same"));
        } else {
            self.overlays.pending_replace = Some(action);
        }
    }

    /// What a pending pull changes in the working document, field by field (secrets apart).
    pub(crate) fn pull_changes(
        &self,
        action: &super::ReplaceAction,
    ) -> Vec<crate::ones::FieldDiff> {
        match action {
            super::ReplaceAction::Pulled(pulled, _) => {
                crate::ones::diff::document_changes(&self.session.doc, pulled)
            }
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_smoke_exit_closes_after_the_frame_limit() {
        let start = Instant::now();
        let mut smoke = SmokeExit::new(3, start);
        for frame in 1..=3 {
            assert!(!smoke.frame(start), "closed early, at frame {frame}");
        }
        assert!(smoke.frame(start), "frame 4 closes a limit of 3");
    }

    #[test]
    fn the_smoke_exit_closes_at_the_deadline_however_few_frames_came() {
        let start = Instant::now();
        let mut smoke = SmokeExit::new(1_000_000, start);
        assert!(!smoke.frame(start + SMOKE_EXIT_MAX_WAIT - Duration::from_millis(1)));
        assert!(smoke.frame(start + SMOKE_EXIT_MAX_WAIT));
        assert!(
            SMOKE_EXIT_MAX_WAIT <= Duration::from_secs(30),
            "a smoke test ends quickly"
        );
    }

    #[test]
    fn the_cursor_stops_blinking_once_idle_so_no_frames_are_asked_for() {
        let ctx = egui::Context::default();
        let start = Instant::now();
        let mut blink = CursorBlink::default();
        blink.update(&ctx, start);
        assert!(
            ctx.global_style().visuals.text_cursor.blink,
            "blinks at first"
        );
        blink.update(&ctx, start + CURSOR_BLINK_FOR / 2);
        assert!(ctx.global_style().visuals.text_cursor.blink);
        blink.update(&ctx, start + CURSOR_BLINK_FOR + Duration::from_millis(1));
        assert!(
            !ctx.global_style().visuals.text_cursor.blink,
            "a solid cursor once idle: nothing asks for frames"
        );
    }

    #[test]
    fn the_smoke_exit_with_zero_frames_closes_on_the_first_frame() {
        let start = Instant::now();
        assert!(SmokeExit::new(0, start).frame(start));
    }
}
