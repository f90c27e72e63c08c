//! The assistant's window: state and construction here; [`logic`] polls background work and
//! autosaves, [`ui`] draws, [`commands`] carries out what the views asked for.

mod closing;
mod commands;
mod dialogs;
mod files;
mod logic;
mod ui;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::NaiveDate;

pub use crate::gui::command::Command;
pub use crate::gui::form::SecretKeeping;

use super::form::FormState;
use super::platform::Platform;
use crate::gui::features::checks::LiveChecks;
use crate::gui::features::export::OnesExport;
use crate::gui::features::room_test::RoomTest;
use crate::i18n::Text;
use crate::model::{Field, IntegrationDocument, LoadWarning, Step, ValidationReport};
use crate::store::{DraftLoad, DraftStore};

/// How the app is started: real doors and the user's draft, or recorders and a temp dir in tests.
pub struct AppOptions {
    pub store: DraftStore,
    pub platform: Platform,
    /// "Today" for expiry checks; `None` = the system date.
    pub today: Option<NaiveDate>,
    /// Close the window after this many frames or 10 seconds, whichever comes first (smoke tests;
    /// frames are requested continuously while counting, so an idle window still ends).
    pub exit_after_frames: Option<u64>,
    /// The runtime background work (checks, export) runs on.
    pub runtime: tokio::runtime::Handle,
    /// The live checks' client and endpoints, or why checks cannot run.
    pub checker: Result<crate::checks::Checker, String>,
    /// Demo mode: the simulated services (kept alive as long as the app) and the sample document.
    pub demo: Option<crate::sandbox::DemoServices>,
    /// The language to start in; `None`: the remembered choice, else the OS language.
    pub language: Option<crate::i18n::Language>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeLevel {
    Info,
    Warning,
    Error,
}

/// A message shown as a dismissible banner below the toolbar; rendered in the current language
/// each frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub level: NoticeLevel,
    pub text: Text,
}

/// A permanent banner above the screens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Banner {
    /// Demo mode: everything is simulated.
    Demo,
    /// Endpoint overrides are in force (the sentence comes from the checks module).
    Overridden(Text),
}

impl Banner {
    /// In the current language.
    pub(crate) fn text(&self) -> String {
        match self {
            Banner::Demo => tr!("gui.banner.demo", token = crate::sandbox::ones::DEMO_TOKEN),
            Banner::Overridden(text) => text.localized(),
        }
    }
}

/// A short confirmation that fades ("Copied room redirect URI").
#[derive(Clone, Debug)]
pub(crate) struct Toast {
    pub text: Text,
    pub until: Instant,
    /// What it says did not go well (shown with a cross, not a tick).
    pub failed: bool,
}

/// Shown when the clipboard or the browser could not be used: the text to copy by hand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fallback {
    pub title: Text,
    /// One plain sentence: what did not work and what to do.
    pub reason: Text,
    /// The address or text, shown once.
    pub text: String,
    /// The system's own error, folded away under "Technical detail".
    pub detail: String,
    /// Offer a Copy button (when the clipboard is not what failed).
    pub offer_copy: bool,
}

/// What an in-app path field is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPurpose {
    OpenDocument,
    SaveDocument,
    SaveReminder,
    SaveScript,
    Certificate,
}

impl PathPurpose {
    fn saves(self) -> bool {
        matches!(
            self,
            PathPurpose::SaveDocument | PathPurpose::SaveReminder | PathPurpose::SaveScript
        )
    }
}

/// Where no native file dialog can open, the window asks for the path itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathPrompt {
    pub purpose: PathPurpose,
    /// The path being typed (starts as the config directory, plus a file name when saving).
    pub text: String,
    /// Why the system dialog could not be used (technical detail).
    pub detail: String,
    /// The chosen file exists: waiting for "Replace" before writing over it.
    pub confirm_overwrite: Option<PathBuf>,
    /// What went wrong with the last path tried (not found, not a file …).
    pub problem: Option<String>,
    /// The path was handed to the file work, which has not answered yet.
    pub waiting: bool,
}

/// An action that replaces the current document, waiting for the user's yes.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum ReplaceAction {
    New,
    Open,
    /// An integration pulled from ONES, with what the lenient reader noted.
    Pulled(Box<IntegrationDocument>, Vec<LoadWarning>),
}

/// The user's work: the document being edited and everything that says where they are in it.
pub(crate) struct Session {
    pub(crate) doc: IntegrationDocument,
    pub(crate) step: Step,
    pub(crate) form: FormState,
    pub(crate) report: ValidationReport,
    /// The document as last opened from or saved to a file (or as created), to know whether
    /// replacing it would lose work.
    pub(crate) pristine: IntegrationDocument,
    pub(crate) file_path: Option<PathBuf>,
    /// The user's explicit opt-in to keep secrets in the autosaved draft.
    pub(crate) keep_secrets_in_draft: bool,
    /// Whether "Save as…" writes the secrets into the file.
    pub(crate) include_secrets_in_file: bool,
    /// "Today" for expiry checks.
    pub(crate) today: NaiveDate,
    /// The field that takes the keyboard focus on the next frame.
    pub(crate) focus_request: Option<Field>,
}

/// What is shown over or above the screens for a while: banners the user dismisses, the toast,
/// and the dialogs waiting for an answer.
#[derive(Default)]
pub(crate) struct Overlays {
    pub(crate) notices: Vec<Notice>,
    pub(crate) toast: Option<Toast>,
    pub(crate) fallback: Option<Fallback>,
    pub(crate) path_prompt: Option<PathPrompt>,
    pub(crate) pending_replace: Option<ReplaceAction>,
    pub(crate) show_about: bool,
    /// Closing the window while a typed secret exists only here asks first.
    pub(crate) close_prompt: closing::ClosePrompt,
}

/// The window around the work: language, theme, title, fonts, the cursor's blink.
pub(crate) struct Chrome {
    pub(crate) language: crate::i18n::Language,
    pub(crate) theme: crate::store::ThemeChoice,
    /// The theme must be (re)applied to the egui context on the next frame.
    pub(crate) theme_pending: bool,
    /// The language the window title was last set in.
    pub(crate) titled_in: Option<crate::i18n::Language>,
    /// The text cursor blinks for a few seconds after the last input, then stays solid so an
    /// idle window with a focused field asks for no frames at all.
    pub(crate) cursor_blink: logic::CursorBlink,
    /// Permanent banners (demo mode, endpoint overrides).
    pub(crate) banners: Vec<Banner>,
    /// The focused widget when the frame began (Enter = Next decides with it).
    pub(crate) focused_at_start: Option<egui::Id>,
    /// `ONES_M365_EXIT_AFTER_FRAMES`: closes the window after N frames or a few seconds.
    pub(crate) smoke_exit: Option<logic::SmokeExit>,
}

/// Work that runs beside the UI and the state of the panels that show it.
pub(crate) struct Background {
    pub(crate) checks: LiveChecks,
    pub(crate) export: OnesExport,
    pub(crate) room_test: RoomTest,
    /// The "Do it with a script" cards' state (the pasted output holds secrets).
    pub(crate) setup: crate::gui::features::setup::SetupScripts,
    pub(crate) autosave: logic::Autosave,
    /// Keeps demo mode's stand-ins running.
    pub(crate) demo: Option<crate::sandbox::DemoServices>,
    /// Saving, opening and checking files, off the UI thread.
    pub(crate) files: files::FileWork,
    /// Wakes the window when background work reports; given its context by the first frame.
    pub(crate) waker: crate::gui::features::Waker,
}

impl Background {
    fn new(
        runtime: tokio::runtime::Handle,
        checker: Result<crate::checks::Checker, String>,
        demo: Option<crate::sandbox::DemoServices>,
    ) -> Self {
        let endpoints = checker
            .as_ref()
            .map(|checker| checker.endpoints().clone())
            .map_err(Clone::clone);
        let waker = crate::gui::features::Waker::default();
        Self {
            export: OnesExport::new(
                runtime.clone(),
                demo.as_ref().map(|demo| demo.ones_token().to_owned()),
                waker.repaint(),
            ),
            room_test: RoomTest::building(runtime.clone(), waker.repaint(), move || {
                crate::rooms::RoomTester::new(&crate::net::NetSettings::default(), endpoints?)
                    .map_err(|error| tr!("gui.notice.room_test_off", reason = error.localized()))
            }),
            setup: crate::gui::features::setup::SetupScripts {
                demo: demo.is_some(),
                ..Default::default()
            },
            autosave: logic::Autosave::new(runtime.clone()),
            files: files::FileWork::new(&runtime, crate::tasks::no_repaint()),
            checks: LiveChecks::new(runtime, checker, waker.repaint()),
            demo,
            waker,
        }
    }
}

pub struct AssistantApp {
    pub(crate) session: Session,
    pub(crate) overlays: Overlays,
    pub(crate) chrome: Chrome,
    pub(crate) background: Background,
    pub(crate) platform: Platform,
    pub(crate) store: DraftStore,
    /// What the views asked for this frame, carried out after drawing.
    pub(crate) commands: Vec<Command>,
}

impl AssistantApp {
    pub fn new(options: AppOptions) -> Self {
        let today = options
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive());
        let preferences = options.store.load_preferences();
        let language = options
            .language
            .or(preferences.language)
            .unwrap_or_else(crate::i18n::Language::from_environment);
        crate::i18n::set_language(language);
        let mut banners = Vec::new();
        if options.demo.is_some() {
            banners.push(Banner::Demo);
        } else if let Some(banner) = options
            .checker
            .as_ref()
            .ok()
            .and_then(|checker| checker.endpoints().banner_text())
        {
            banners.push(Banner::Overridden(banner));
        }
        let demo_document = options
            .demo
            .as_ref()
            .map(crate::sandbox::DemoServices::document);
        let mut app = Self {
            session: Session {
                doc: IntegrationDocument::default(),
                step: Step::Server,
                form: FormState::default(),
                report: ValidationReport::default(),
                pristine: IntegrationDocument::default(),
                file_path: None,
                keep_secrets_in_draft: false,
                include_secrets_in_file: false,
                today,
                focus_request: Some(Field::Name),
            },
            overlays: Overlays::default(),
            chrome: Chrome {
                language,
                theme: preferences.theme,
                theme_pending: true,
                titled_in: None,
                cursor_blink: logic::CursorBlink::default(),
                banners,
                focused_at_start: None,
                smoke_exit: options
                    .exit_after_frames
                    .map(|limit| logic::SmokeExit::new(limit, Instant::now())),
            },
            background: Background::new(options.runtime, options.checker, options.demo),
            platform: options.platform,
            store: options.store,
            commands: Vec::new(),
        };
        match demo_document {
            // Demo mode never reads or writes the user's draft.
            Some(document) => {
                app.store = DraftStore::disabled();
                app.load_document(document, &[]);
            }
            None => app.restore_draft(),
        }
        app.session.focus_request = crate::gui::steps::screen(app.session.step).first_field();
        app.note_missing_cjk_font();
        app.revalidate();
        app.background.autosave.mark_saved(
            &app.session.doc,
            app.session.step,
            app.session.keep_secrets_in_draft,
        );
        app
    }

    fn restore_draft(&mut self) {
        match self.store.load() {
            DraftLoad::Missing => {}
            DraftLoad::Restored {
                draft,
                document,
                warnings,
            } => {
                self.session.keep_secrets_in_draft = draft.include_secrets;
                self.session.file_path = draft.file_path;
                self.load_document(*document, &warnings);
                self.session.step = draft.step;
                // A restored draft is the user's work in progress, not a saved file.
                self.session.pristine = IntegrationDocument::default();
                // The store restored the draft without secrets unless they were kept.
                if !self.session.keep_secrets_in_draft {
                    // An empty secret that was typed before now means "not kept in the draft",
                    // not "never created". Drafts written before the draft recorded which
                    // secrets it left out: both, as before.
                    let left_out = draft
                        .secrets_left_out
                        .unwrap_or(crate::store::SecretsLeftOut {
                            server: true,
                            sso: true,
                        });
                    for (field, typed) in [
                        (Field::ServerClientSecret, left_out.server),
                        (Field::SsoClientSecret, left_out.sso),
                    ] {
                        if typed {
                            self.session.form.secrets_not_in_draft.insert(field);
                        }
                    }
                    // Say so at once where the app was being filled in.
                    if left_out.server && !self.session.doc.server_app.client_id.is_empty() {
                        self.session.form.touched.insert(Field::ServerClientSecret);
                    }
                    if left_out.sso && !self.session.doc.sso_app.client_id.is_empty() {
                        self.session.form.touched.insert(Field::SsoClientSecret);
                    }
                }
            }
            DraftLoad::Corrupt { reason, backup } => {
                let kept = match backup {
                    Some(path) => text!("gui.notice.draft_kept", path = path.display()),
                    None => Text::verbatim(""),
                };
                self.notify(
                    NoticeLevel::Warning,
                    text!("gui.notice.draft_corrupt")
                        .arg_text("reason", reason)
                        .arg_text("kept", kept),
                );
            }
        }
    }

    /// Replaces the document being edited, resetting the form state; warnings from a lenient load
    /// become notices.
    pub(crate) fn load_document(&mut self, doc: IntegrationDocument, warnings: &[LoadWarning]) {
        self.session.form = FormState::for_document(&doc);
        self.session.pristine = doc.clone();
        self.session.doc = doc;
        self.session.step = Step::Server;
        for warning in warnings {
            self.notify(
                NoticeLevel::Warning,
                text!("gui.notice.file_warning").arg_text(
                    "warning",
                    text!("gui.notice.field_and_message", field = &warning.field)
                        .arg_text("message", warning.text.clone()),
                ),
            );
        }
        self.revalidate();
    }

    pub(crate) fn revalidate(&mut self) {
        let mut report = crate::model::validate(&self.session.doc, self.session.today);
        if !self.session.form.secrets_not_in_draft.is_empty() {
            for finding in &mut report.findings {
                if finding.text.key() == "validation.secret.empty"
                    && self
                        .session
                        .form
                        .secrets_not_in_draft
                        .contains(&finding.field)
                {
                    *finding = crate::model::Finding::new(
                        finding.field,
                        finding.severity,
                        crate::i18n::Text::new("gui.secret.not_in_draft"),
                    );
                }
            }
        }
        report.findings.extend(self.session.form.text_findings());
        // What ONES rejected in the last export shows under the field, without blocking Next.
        report
            .findings
            .extend(
                self.background
                    .export
                    .field_messages()
                    .into_iter()
                    .map(|(field, message)| {
                        crate::model::Finding::new(
                            field,
                            crate::model::Severity::Warning,
                            crate::i18n::Text::new("gui.export.ones_rejected")
                                .arg("message", message),
                        )
                    }),
            );
        // What a live check found wrong shows on the field it judges, until that field changes.
        report
            .findings
            .extend(self.background.checks.field_findings(&self.session.doc));
        self.session.report = report;
    }

    pub(crate) fn notify(&mut self, level: NoticeLevel, text: Text) {
        self.overlays.notices.push(Notice { level, text });
    }

    /// The first error on `step` that keeps Next (button and Enter) from moving on. A live
    /// check's failure marks its field and the step but leaves moving on to the user.
    pub(crate) fn blocking_error_on(&self, step: Step) -> Option<&crate::model::Finding> {
        self.session.report.for_step(step).find(|finding| {
            finding.severity == crate::model::Severity::Error
                && !crate::gui::features::checks::is_live_finding(finding)
        })
    }

    pub(crate) fn has_unsaved_work(&self) -> bool {
        self.session.doc != self.session.pristine
    }

    // Read access for tests and for a host that embeds the app.

    pub fn document(&self) -> &IntegrationDocument {
        &self.session.doc
    }

    /// Direct access for tests and embedding hosts; the UI edits through its fields.
    pub fn document_mut(&mut self) -> &mut IntegrationDocument {
        &mut self.session.doc
    }

    pub fn step(&self) -> Step {
        self.session.step
    }

    pub fn report(&self) -> &ValidationReport {
        &self.session.report
    }

    pub fn notices(&self) -> &[Notice] {
        &self.overlays.notices
    }

    pub fn fallback(&self) -> Option<&Fallback> {
        self.overlays.fallback.as_ref()
    }

    /// The in-app path field, when no file dialog could open.
    pub fn path_prompt(&self) -> Option<&PathPrompt> {
        self.overlays.path_prompt.as_ref()
    }

    /// The toast in the current language.
    pub fn toast_text(&self) -> Option<String> {
        self.overlays
            .toast
            .as_ref()
            .map(|toast| toast.text.localized())
    }

    pub fn ones_export(&self) -> &OnesExport {
        &self.background.export
    }

    /// Files are being saved, opened or checked in the background.
    pub fn is_busy_with_files(&self) -> bool {
        self.background.files.is_busy()
    }

    pub fn room_test(&self) -> &RoomTest {
        &self.background.room_test
    }

    /// One line when the document holds Chinese characters the window's own glyphs lack and no
    /// system font can draw them (the window's own Chinese is always drawn: its glyphs are
    /// embedded).
    fn note_missing_cjk_font(&mut self) {
        let text = text!("gui.about.fonts_missing");
        if self
            .user_texts()
            .iter()
            .any(|text| crate::gui::fonts::needs_system_cjk(text))
            && !crate::gui::fonts::cjk_font_available()
            && !self
                .overlays
                .notices
                .iter()
                .any(|notice| notice.text == text)
        {
            self.notify(NoticeLevel::Warning, text);
        }
    }

    pub fn language(&self) -> crate::i18n::Language {
        self.chrome.language
    }

    /// Switches the language now and remembers it.
    pub(crate) fn set_language(&mut self, language: crate::i18n::Language) {
        self.chrome.language = language;
        crate::i18n::set_language(language);
        self.note_missing_cjk_font();
        self.save_preferences();
    }

    pub fn theme(&self) -> crate::store::ThemeChoice {
        self.chrome.theme
    }

    /// Switches the colour theme now and remembers it.
    pub(crate) fn set_theme(&mut self, theme: crate::store::ThemeChoice) {
        self.chrome.theme = theme;
        self.chrome.theme_pending = true;
        self.save_preferences();
    }

    fn save_preferences(&mut self) {
        let preferences = crate::store::Preferences {
            language: Some(self.chrome.language),
            theme: self.chrome.theme,
        };
        self.submit_file_job(files::FileJob::SavePreferences {
            store: self.store.clone(),
            preferences,
        });
    }

    pub fn live_checks(&self) -> &LiveChecks {
        &self.background.checks
    }

    /// The permanent banners, in the current language.
    pub fn banners(&self) -> Vec<String> {
        self.chrome.banners.iter().map(Banner::text).collect()
    }

    pub fn file_path(&self) -> Option<&std::path::Path> {
        self.session.file_path.as_deref()
    }

    /// Runs one whole frame (logic, then UI): what eframe does, callable from a test harness.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        self.logic_tick(ui.ctx());
        self.draw(ui);
        self.handle_commands(ui.ctx());
        crate::gui::timing::ui_built();
    }

    /// Writes the draft now (on exit).
    pub fn save_draft_now(&mut self) {
        if let Err(error) = self.store.save(
            &self.session.doc,
            self.session.step,
            self.session.file_path.as_deref(),
            self.session.keep_secrets_in_draft,
        ) {
            tracing::warn!("could not save the draft: {error}");
        }
    }
}

impl eframe::App for AssistantApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.logic_tick(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.draw(ui);
        self.handle_commands(ui.ctx());
        crate::gui::timing::ui_built();
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // A save asked for just before closing still lands (the runtime stops after this).
        for done in self.background.files.finish(Duration::from_secs(2)) {
            if let files::FileDone::Failed(text) = done {
                tracing::warn!("{}", text.localized());
            }
        }
        if self.background.files.is_busy() {
            tracing::warn!("a file was still being written when the window closed");
        }
        self.background
            .autosave
            .wait_for_write(Duration::from_secs(2));
        self.save_draft_now();
    }
}
