//! Carrying out what the UI asked for ([`Command`], defined in the leaf module
//! `gui/command.rs`): [`super::AssistantApp::handle_commands`] runs after drawing, in one place
//! that also reports failures exactly once.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::gui::command::Command;
use crate::model::{Field, Step};

use super::files::{FileJob, Target};
use super::{AssistantApp, Fallback, NoticeLevel, PathPrompt, PathPurpose, ReplaceAction, Toast};
use crate::gui::platform::DialogAnswer;
use crate::i18n::Text;
use crate::model::IntegrationDocument;

const TOAST_DURATION: Duration = Duration::from_millis(2500);

impl AssistantApp {
    /// Carries out the commands the views pushed this frame.
    pub(crate) fn handle_commands(&mut self, ctx: &egui::Context) {
        let commands = std::mem::take(&mut self.commands);
        if !commands.is_empty() {
            ctx.request_repaint();
        }
        for command in commands {
            self.handle_command(command, ctx);
        }
        self.enter_means_next(ctx);
        self.copy_focused_value(ctx);
    }

    /// Ctrl/Cmd+Shift+C copies the whole value of the focused field (never a secret).
    fn copy_focused_value(&mut self, ctx: &egui::Context) {
        let shortcut = egui::KeyboardShortcut::new(
            egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
            egui::Key::C,
        );
        if !ctx.input_mut(|input| input.consume_shortcut(&shortcut)) {
            return;
        }
        let Some(field) = ctx
            .memory(|memory| memory.focused())
            .and_then(|id| self.session.form.single_line_ids.get(&id).copied())
        else {
            return;
        };
        // Text fields only: secrets are never copied by a shortcut; dates and lists have their own
        // text.
        let Some(value) = self.session.doc.value(field).text().map(str::to_owned) else {
            return;
        };
        self.handle_command(
            Command::Copy {
                what: field.localized_label(),
                text: value,
            },
            ctx,
        );
    }

    /// Enter goes to the next screen when the screen is valid and the key was not meant for
    /// something else: nothing focused, or a single-line field (whose Enter only leaves it).
    /// Ctrl/Cmd+Enter always means Next. Dialogs keep their own keys.
    fn enter_means_next(&mut self, ctx: &egui::Context) {
        let (enter, command_held) =
            ctx.input(|input| (input.key_pressed(egui::Key::Enter), input.modifiers.command));
        let dialog_open = self.overlays.fallback.is_some()
            || self.overlays.pending_replace.is_some()
            || self.overlays.path_prompt.is_some()
            || self.overlays.show_about
            || self.is_asking_before_close();
        if !enter || dialog_open || self.blocking_error_on(self.session.step).is_some() {
            return;
        }
        let from_text_field = self
            .chrome
            .focused_at_start
            .is_none_or(|id| self.session.form.single_line_ids.contains_key(&id));
        if let Some(next) = self.session.step.next()
            && (command_held || from_text_field)
        {
            self.session.form.submitted.insert(self.session.step);
            self.go_to(next);
            ctx.request_repaint();
        }
    }

    fn handle_command(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::ApplySetupResult => self.apply_setup_result(ctx),
            Command::RunChecks => {
                self.background
                    .checks
                    .start(&self.session.doc, self.session.today);
            }
            Command::CancelChecks => self.background.checks.cancel(),
            Command::TestOnesConnection => {
                self.background.export.test_connection(&self.session.doc);
            }
            Command::PlanExport => {
                self.background
                    .export
                    .plan_export(&self.session.doc, self.session.today);
            }
            Command::ConfirmExport => self.background.export.confirm_export(),
            Command::CancelExport => self.background.export.cancel_plan(),
            Command::PullFromOnes => self.background.export.pull(&self.session.doc),
            Command::UseOnesRedirectUri { field, uri } => self.use_redirect_uri(field, uri),
            Command::ChooseCaFile => {
                let answer = self.platform.dialogs.pick_certificate();
                if let Some(path) = self.dialog_path(answer, PathPurpose::Certificate, "") {
                    self.background.export.ca_path = path.display().to_string();
                }
            }
            Command::SubmitPath { path, overwrite } => self.submit_path(path, overwrite),
            Command::Copy { what, text } => match self.platform.clipboard.set_text(&text) {
                Ok(()) => self.show_toast(text!("gui.toast.copied", what = what)),
                Err(reason) => {
                    self.overlays.fallback = Some(Fallback {
                        title: text!("gui.notice.copy_by_hand", what = what),
                        reason: text!("gui.notice.no_clipboard"),
                        text,
                        detail: reason,
                        offer_copy: false,
                    })
                }
            },
            Command::OpenUrl { what, url } => match self.platform.opener.open(&url) {
                Ok(()) => self.show_toast(text!("gui.toast.opened_in_browser", what = what)),
                Err(reason) => {
                    tracing::warn!("could not open a browser: {reason}");
                    self.overlays.fallback = Some(Fallback {
                        title: text!("gui.notice.open_by_hand", what = what),
                        reason: text!("gui.notice.no_browser"),
                        text: url,
                        detail: reason,
                        offer_copy: true,
                    })
                }
            },
            Command::GoTo(step) => self.go_to(step),
            Command::JumpTo(field) => {
                self.session.step = field.step();
                self.session.form.touched.insert(field);
                self.session.focus_request = Some(field);
            }
            Command::NewDocument => self.replace_document(ReplaceAction::New),
            Command::OpenFile => self.replace_document(ReplaceAction::Open),
            Command::ConfirmReplace(confirmed) => {
                if let Some(action) = self.overlays.pending_replace.take()
                    && confirmed
                {
                    self.do_replace(action);
                }
            }
            Command::SaveFileAs => self.save_file_as(),
            Command::SaveReminder => self.save_reminder(),
            Command::SaveScript { file_name, bytes } => self.save_script(&file_name, bytes),
            Command::SwapFields(swap) => self.swap_fields(swap, ctx),
            Command::RunInDemoTenant(kind) => self.run_in_demo_tenant(kind),
            Command::StartRoomTest => self.background.room_test.start(&self.session.doc),
            Command::RetryFailedRooms => self.background.room_test.retry_failed(),
            Command::CloseRoomTest => self.background.room_test.close(),
            Command::CopyDiagnosticReport => self.copy_diagnostic_report(),
            Command::SetLanguage(language) => self.set_language(language),
            Command::SetTheme(theme) => self.set_theme(theme),
            Command::CopyRoomReport => self.copy_room_report(),
            Command::DismissNotice(index) => {
                if index < self.overlays.notices.len() {
                    self.overlays.notices.remove(index);
                }
            }
            Command::ShowAbout(open) => self.overlays.show_about = open,
        }
    }

    /// Applies the setup result the card read and showed, then tests it with Microsoft.
    fn apply_setup_result(&mut self, ctx: &egui::Context) {
        // When it cannot apply, the card says why: nothing else to do here.
        if let Some(changes) = self.background.setup.apply(&mut self.session.doc) {
            // The editors of dates and lists show their own text: it follows the document,
            // or the next keystroke would write the old value back.
            self.session.form.show_values_of(&self.session.doc);
            self.session
                .form
                .touched
                .extend(changes.iter().map(|change| change.field));
            self.show_toast(if changes.is_empty() {
                text!("gui.setup.applied_unchanged")
            } else {
                text!("gui.setup.applied")
            });
            self.handle_command(Command::RunChecks, ctx);
            self.handle_command(Command::GoTo(crate::model::Step::Review), ctx);
        }
    }

    /// Swaps two values the checks found swapped, then tests again.
    fn swap_fields(&mut self, swap: crate::checks::SuspectedSwap, ctx: &egui::Context) {
        swap.apply(&mut self.session.doc);
        self.session.form.show_values_of(&self.session.doc);
        let [first, second] = swap.fields();
        self.session.form.touched.extend([first, second]);
        self.show_toast(
            text!("gui.checks.swapped")
                .arg_text("first", crate::ones::error::field_title_text(first))
                .arg_text("second", crate::ones::error::field_title_text(second)),
        );
        self.handle_command(Command::RunChecks, ctx);
    }

    /// Demo mode: what the script would do, done in the demo tenant; its output goes to the card.
    fn run_in_demo_tenant(&mut self, kind: crate::setup::ScriptKind) {
        if let Some(demo) = &self.background.demo {
            let options = self.background.setup.options();
            match crate::sandbox::demo_tenant::run_in_demo_tenant(
                &demo.microsoft,
                kind,
                &self.session.doc,
                &options,
            ) {
                Ok(run) => self.background.setup.demo_run = Some(run),
                Err(missing) => self.notify(
                    NoticeLevel::Error,
                    text!("gui.setup.missing").arg_text("problems", missing.text()),
                ),
            }
        }
    }

    /// The live checks' report, with the room test's when it ran, to the clipboard.
    fn copy_diagnostic_report(&mut self) {
        if let Some(mut text) = self.background.checks.report_markdown(&self.session.doc) {
            if let Some(rooms) = self.background.room_test.report() {
                text.push('\n');
                text.push_str(&crate::checks::report::markdown_room_section(rooms));
            }
            self.commands.push(Command::Copy {
                what: tr!("gui.checks.report_what"),
                text,
            });
        }
    }

    /// The room test's report to the clipboard.
    fn copy_room_report(&mut self) {
        if let (Some(report), Some(endpoints)) = (
            self.background.room_test.report(),
            self.background.checks.endpoints(),
        ) {
            let text =
                crate::checks::report::markdown_room_report(&self.session.doc, endpoints, report);
            self.commands.push(Command::Copy {
                what: tr!("gui.rooms.report_what"),
                text,
            });
        }
    }

    pub(crate) fn show_toast(&mut self, text: Text) {
        self.announce(text, false);
    }

    /// Says what finished in the background, in the toast (a polite live region).
    pub(crate) fn announce(&mut self, text: Text, failed: bool) {
        self.overlays.toast = Some(Toast {
            text,
            until: Instant::now() + TOAST_DURATION,
            failed,
        });
    }

    /// Shows `step` with the keyboard focus in its first field.
    pub(crate) fn go_to(&mut self, step: Step) {
        if step != self.session.step {
            self.session.focus_request = crate::gui::steps::screen(step).first_field();
        }
        self.session.step = step;
    }

    /// Puts a redirect URI reported by ONES into the document (`field`: one of the two redirect
    /// URI fields).
    pub(crate) fn use_redirect_uri(&mut self, field: Field, uri: String) {
        let Some(text) = self.session.doc.text_mut(field) else {
            return;
        };
        *text = uri;
        self.session.form.touched.insert(field);
    }

    pub(crate) fn replace_document(&mut self, action: ReplaceAction) {
        if self.has_unsaved_work() {
            self.overlays.pending_replace = Some(action);
        } else {
            self.do_replace(action);
        }
    }

    fn do_replace(&mut self, action: ReplaceAction) {
        match action {
            ReplaceAction::New => {
                self.forget_results();
                self.load_document(IntegrationDocument::default(), &[]);
                // A new integration starts with its name.
                self.session.focus_request = crate::gui::steps::screen(Step::Server).first_field();
                self.session.file_path = None;
                self.show_toast(text!("gui.toast.new_started"));
            }
            ReplaceAction::Pulled(document, warnings) => {
                // The user stays where they pulled from (Review), not on the first screen.
                let step = self.session.step;
                self.overlays.notices.clear();
                // The checks and the room test judged the values being replaced; the connection
                // and the receipt stay (same server; the receipt shows as stale).
                self.background.checks.forget();
                self.background.room_test.close();
                self.load_document(*document, &warnings);
                self.session.step = step;
                self.session.file_path = None;
                self.show_toast(text!("gui.toast.pulled"));
            }
            ReplaceAction::Open => {
                let answer = self.platform.dialogs.pick_document_to_open();
                if let Some(path) = self.dialog_path(answer, PathPurpose::OpenDocument, "") {
                    self.submit_file_job(FileJob::Open {
                        target: Target {
                            path,
                            overwrite: false,
                        },
                    });
                }
            }
        }
    }

    /// The live checks', the room test's and ONES's results describe the document being
    /// replaced: they go with it rather than stay beside another document.
    pub(crate) fn forget_results(&mut self) {
        self.background.checks.forget();
        self.background.room_test.close();
        self.background.export.forget_results();
    }

    /// The path a file dialog gave; when no dialog could open, the in-app path field is shown
    /// instead (pre-filled with the config directory and `file_name`) and `None` returned.
    fn dialog_path(
        &mut self,
        answer: DialogAnswer,
        purpose: PathPurpose,
        file_name: &str,
    ) -> Option<PathBuf> {
        match answer {
            DialogAnswer::Picked(path) => Some(path),
            DialogAnswer::Cancelled => None,
            DialogAnswer::Unavailable(detail) => {
                // The config directory, even where drafts are off (demo mode).
                let dir = self
                    .store
                    .draft_path()
                    .or_else(|| crate::store::DraftStore::default_location().draft_path())
                    .and_then(|path| path.parent().map(Path::to_owned))
                    .or_else(|| std::env::current_dir().ok())
                    .unwrap_or_default();
                let start = match &self.session.file_path {
                    // Next to the file already in use, if there is one.
                    Some(path) if purpose != PathPurpose::Certificate => path
                        .parent()
                        .map(Path::to_owned)
                        .unwrap_or(dir)
                        .join(file_name),
                    _ => dir.join(file_name),
                };
                let mut text = start.display().to_string();
                if file_name.is_empty() && !text.ends_with(std::path::MAIN_SEPARATOR) {
                    text.push(std::path::MAIN_SEPARATOR);
                }
                self.overlays.path_prompt = Some(PathPrompt {
                    purpose,
                    text,
                    detail,
                    confirm_overwrite: None,
                    problem: None,
                    waiting: false,
                });
                None
            }
        }
    }

    /// The in-app path field's answer: what the text alone shows is said at once; the file
    /// system is asked by the file job, and the field stays open until it answers.
    fn submit_path(&mut self, path: Option<String>, overwrite: bool) {
        let Some(prompt) = self.overlays.path_prompt.as_mut() else {
            return;
        };
        let Some(text) = path else {
            self.overlays.path_prompt = None;
            return;
        };
        // The path already handed over answers soon; a second press must not write twice.
        if prompt.waiting {
            return;
        }
        let text = text.trim();
        if text.is_empty() || text.ends_with(['/', '\\']) {
            prompt.problem = Some(tr!("gui.path.need_file"));
            return;
        }
        prompt.waiting = true;
        let target = Target {
            path: PathBuf::from(text),
            overwrite,
        };
        match prompt.purpose {
            PathPurpose::OpenDocument => self.submit_file_job(FileJob::Open { target }),
            PathPurpose::SaveDocument => self.save_document_to(target),
            PathPurpose::SaveReminder => self.save_reminder_to(target),
            PathPurpose::SaveScript => self.save_script_to(target),
            PathPurpose::Certificate => self.submit_file_job(FileJob::Certificate { target }),
        }
    }

    /// Queues file work; if it cannot even be queued, says so.
    pub(crate) fn submit_file_job(&mut self, job: FileJob) {
        if let Err(text) = self.background.files.submit(job) {
            self.notify(NoticeLevel::Error, text);
        }
    }

    fn save_reminder(&mut self) {
        if crate::reminder::renewal_calendar(&self.session.doc, chrono::Utc::now()).is_none() {
            return;
        }
        let suggested = crate::reminder::reminder_file_name(&self.session.doc);
        let answer = self.platform.dialogs.pick_calendar_to_save(&suggested);
        if let Some(path) = self.dialog_path(answer, PathPurpose::SaveReminder, &suggested) {
            self.save_reminder_to(Target {
                path,
                overwrite: true,
            });
        }
    }

    fn save_reminder_to(&mut self, target: Target) {
        let Some(calendar) =
            crate::reminder::renewal_calendar(&self.session.doc, chrono::Utc::now())
        else {
            return;
        };
        self.submit_file_job(FileJob::SaveReminder { target, calendar });
    }

    fn save_script(&mut self, file_name: &str, bytes: Vec<u8>) {
        self.background.setup.to_save = Some(bytes);
        let answer = self.platform.dialogs.pick_script_to_save(file_name);
        if let Some(path) = self.dialog_path(answer, PathPurpose::SaveScript, file_name) {
            self.save_script_to(Target {
                path,
                overwrite: true,
            });
        }
    }

    /// Writes the script kept by [`Self::save_script`] (it holds no secrets).
    fn save_script_to(&mut self, target: Target) {
        let Some(bytes) = self.background.setup.to_save.take() else {
            return;
        };
        self.submit_file_job(FileJob::SaveScript { target, bytes });
    }

    fn save_file_as(&mut self) {
        let suggested = format!("{}.json", self.session.doc.key());
        let answer = self.platform.dialogs.pick_document_to_save(&suggested);
        if let Some(path) = self.dialog_path(answer, PathPurpose::SaveDocument, &suggested) {
            self.save_document_to(Target {
                path,
                overwrite: true,
            });
        }
    }

    fn save_document_to(&mut self, target: Target) {
        self.submit_file_job(FileJob::SaveDocument {
            target,
            doc: Box::new(self.session.doc.clone()),
            include_secrets: self.session.include_secrets_in_file,
        });
    }
}
