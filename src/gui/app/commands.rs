//! Carrying out what the UI asked for ([`Command`], defined in the leaf module
//! `gui/command.rs`): [`super::AssistantApp::handle_commands`] runs after drawing, in one place
//! that also reports failures exactly once.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::gui::command::Command;
use crate::model::{Field, Step};

use super::{AssistantApp, Fallback, NoticeLevel, PathPrompt, PathPurpose, ReplaceAction, Toast};
use crate::gui::platform::DialogAnswer;
use crate::i18n::Text;
use crate::model::IntegrationDocument;
use crate::store::{read_document_file, write_document_file};

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
            .and_then(|id| self.form.single_line_ids.get(&id).copied())
        else {
            return;
        };
        // Text fields only: secrets are never copied by a shortcut; dates and lists have their own
        // text.
        let Some(value) = self.doc.value(field).text().map(str::to_owned) else {
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
        let dialog_open = self.fallback.is_some()
            || self.pending_replace.is_some()
            || self.path_prompt.is_some()
            || self.show_about
            || self.is_asking_before_close();
        if !enter || dialog_open || self.blocking_error_on(self.step).is_some() {
            return;
        }
        let from_text_field = self
            .focused_at_start
            .is_none_or(|id| self.form.single_line_ids.contains_key(&id));
        if let Some(next) = self.step.next()
            && (command_held || from_text_field)
        {
            self.form.submitted.insert(self.step);
            self.go_to(next);
            ctx.request_repaint();
        }
    }

    fn handle_command(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::ApplySetupResult => self.apply_setup_result(ctx),
            Command::RunChecks => {
                self.live_checks.start(
                    &self.doc,
                    self.today,
                    crate::gui::live_checks::repaint_for(ctx),
                );
            }
            Command::CancelChecks => self.live_checks.cancel(),
            Command::TestOnesConnection => {
                self.ones_export
                    .test_connection(&self.doc, crate::gui::live_checks::repaint_for(ctx));
            }
            Command::PlanExport => {
                self.ones_export.plan_export(
                    &self.doc,
                    self.today,
                    crate::gui::live_checks::repaint_for(ctx),
                );
            }
            Command::ConfirmExport => self
                .ones_export
                .confirm_export(crate::gui::live_checks::repaint_for(ctx)),
            Command::CancelExport => self.ones_export.cancel_plan(),
            Command::PullFromOnes => self
                .ones_export
                .pull(&self.doc, crate::gui::live_checks::repaint_for(ctx)),
            Command::UseOnesRedirectUri { field, uri } => self.use_redirect_uri(field, uri),
            Command::ChooseCaFile => {
                let answer = self.platform.dialogs.pick_certificate();
                if let Some(path) = self.dialog_path(answer, PathPurpose::Certificate, "") {
                    self.ones_export.ca_path = path.display().to_string();
                }
            }
            Command::SubmitPath { path, overwrite } => self.submit_path(path, overwrite),
            Command::Copy { what, text } => match self.platform.clipboard.set_text(&text) {
                Ok(()) => self.show_toast(text!("gui.toast.copied", what = what)),
                Err(reason) => {
                    self.fallback = Some(Fallback {
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
                    self.fallback = Some(Fallback {
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
                self.step = field.step();
                self.form.touched.insert(field);
                self.focus_request = Some(field);
            }
            Command::NewDocument => self.replace_document(ReplaceAction::New),
            Command::OpenFile => self.replace_document(ReplaceAction::Open),
            Command::ConfirmReplace(confirmed) => {
                if let Some(action) = self.pending_replace.take()
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
            Command::StartRoomTest => self
                .room_test
                .start(&self.doc, crate::gui::live_checks::repaint_for(ctx)),
            Command::RetryFailedRooms => self
                .room_test
                .retry_failed(crate::gui::live_checks::repaint_for(ctx)),
            Command::CloseRoomTest => self.room_test.close(),
            Command::CopyDiagnosticReport => self.copy_diagnostic_report(),
            Command::SetLanguage(language) => self.set_language(language),
            Command::SetTheme(theme) => self.set_theme(theme),
            Command::CopyRoomReport => self.copy_room_report(),
            Command::DismissNotice(index) => {
                if index < self.notices.len() {
                    self.notices.remove(index);
                }
            }
            Command::ShowAbout(open) => self.show_about = open,
        }
    }

    /// Applies the setup result the card read and showed, then tests it with Microsoft.
    fn apply_setup_result(&mut self, ctx: &egui::Context) {
        // When it cannot apply, the card says why: nothing else to do here.
        if let Some(changes) = self.setup_scripts.apply(&mut self.doc) {
            // The editors of dates and lists show their own text: it follows the document,
            // or the next keystroke would write the old value back.
            self.form.show_values_of(&self.doc);
            self.form
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
        swap.apply(&mut self.doc);
        self.form.show_values_of(&self.doc);
        let [first, second] = swap.fields();
        self.form.touched.extend([first, second]);
        self.show_toast(
            text!("gui.checks.swapped")
                .arg_text("first", crate::ones::error::field_title_text(first))
                .arg_text("second", crate::ones::error::field_title_text(second)),
        );
        self.handle_command(Command::RunChecks, ctx);
    }

    /// Demo mode: what the script would do, done in the demo tenant; its output goes to the card.
    fn run_in_demo_tenant(&mut self, kind: crate::setup::ScriptKind) {
        if let Some(demo) = &self._demo {
            let options = self.setup_scripts.options();
            match crate::sandbox::demo_tenant::run_in_demo_tenant(
                &demo.microsoft,
                kind,
                &self.doc,
                &options,
            ) {
                Ok(run) => self.setup_scripts.demo_run = Some(run),
                Err(missing) => self.notify(
                    NoticeLevel::Error,
                    text!("gui.setup.missing").arg_text("problems", missing.text()),
                ),
            }
        }
    }

    /// The live checks' report, with the room test's when it ran, to the clipboard.
    fn copy_diagnostic_report(&mut self) {
        if let Some(mut text) = self.live_checks.report_markdown(&self.doc) {
            if let Some(rooms) = self.room_test.report() {
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
        if let (Some(report), Some(endpoints)) =
            (self.room_test.report(), self.live_checks.endpoints())
        {
            let text = crate::checks::report::markdown_room_report(&self.doc, endpoints, report);
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
        self.toast = Some(Toast {
            text,
            until: Instant::now() + TOAST_DURATION,
            failed,
        });
    }

    /// Shows `step` with the keyboard focus in its first field.
    pub(crate) fn go_to(&mut self, step: Step) {
        if step != self.step {
            self.focus_request = first_field(step);
        }
        self.step = step;
    }

    /// Puts a redirect URI reported by ONES into the document (`field`: one of the two redirect
    /// URI fields).
    pub(crate) fn use_redirect_uri(&mut self, field: Field, uri: String) {
        let Some(text) = self.doc.text_mut(field) else {
            return;
        };
        *text = uri;
        self.form.touched.insert(field);
    }

    pub(crate) fn replace_document(&mut self, action: ReplaceAction) {
        if self.has_unsaved_work() {
            self.pending_replace = Some(action);
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
                self.focus_request = first_field(Step::Server);
                self.file_path = None;
                self.show_toast(text!("gui.toast.new_started"));
            }
            ReplaceAction::Pulled(document, warnings) => {
                // The user stays where they pulled from (Review), not on the first screen.
                let step = self.step;
                self.notices.clear();
                // The checks and the room test judged the values being replaced; the connection
                // and the receipt stay (same server; the receipt shows as stale).
                self.live_checks.forget();
                self.room_test.close();
                self.load_document(*document, &warnings);
                self.step = step;
                self.file_path = None;
                self.show_toast(text!("gui.toast.pulled"));
            }
            ReplaceAction::Open => {
                let answer = self.platform.dialogs.pick_document_to_open();
                if let Some(path) = self.dialog_path(answer, PathPurpose::OpenDocument, "") {
                    self.open_document_at(path);
                }
            }
        }
    }

    /// The live checks', the room test's and ONES's results describe the document being
    /// replaced: they go with it rather than stay beside another document.
    fn forget_results(&mut self) {
        self.live_checks.forget();
        self.room_test.close();
        self.ones_export.forget_results();
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
                let start = match &self.file_path {
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
                self.path_prompt = Some(PathPrompt {
                    purpose,
                    text,
                    detail,
                    confirm_overwrite: None,
                    problem: None,
                });
                None
            }
        }
    }

    /// The in-app path field's answer.
    fn submit_path(&mut self, path: Option<String>, overwrite: bool) {
        let Some(prompt) = self.path_prompt.as_mut() else {
            return;
        };
        let Some(text) = path else {
            self.path_prompt = None;
            return;
        };
        let path = PathBuf::from(text.trim());
        let purpose = prompt.purpose;
        if text.trim().is_empty() || path.is_dir() || text.trim().ends_with(['/', '\\']) {
            prompt.problem = Some(tr!("gui.path.need_file"));
            return;
        }
        if !purpose.saves() && !path.is_file() {
            prompt.problem = Some(tr!("gui.path.not_found", path = path.display()));
            return;
        }
        if purpose.saves() && path.exists() && !overwrite {
            prompt.confirm_overwrite = Some(path);
            return;
        }
        self.path_prompt = None;
        match purpose {
            PathPurpose::OpenDocument => self.open_document_at(path),
            PathPurpose::SaveDocument => self.save_document_to(path),
            PathPurpose::SaveReminder => self.save_reminder_to(path),
            PathPurpose::SaveScript => self.save_script_to(path),
            PathPurpose::Certificate => self.ones_export.ca_path = path.display().to_string(),
        }
    }

    fn open_document_at(&mut self, path: PathBuf) {
        match read_document_file(&path) {
            Ok(loaded) => {
                self.notices.clear();
                self.forget_results();
                self.load_document(loaded.document, &loaded.warnings);
                self.show_toast(text!("gui.toast.opened_file", path = path.display()));
                self.file_path = Some(path);
            }
            Err(error) => self.notify(
                NoticeLevel::Error,
                text!("gui.notice.open_failed").arg_text("error", error.text()),
            ),
        }
    }

    fn save_reminder(&mut self) {
        if crate::reminder::renewal_calendar(&self.doc, chrono::Utc::now()).is_none() {
            return;
        }
        let suggested = crate::reminder::reminder_file_name(&self.doc);
        let answer = self.platform.dialogs.pick_calendar_to_save(&suggested);
        if let Some(path) = self.dialog_path(answer, PathPurpose::SaveReminder, &suggested) {
            self.save_reminder_to(path);
        }
    }

    fn save_reminder_to(&mut self, path: PathBuf) {
        let Some(calendar) = crate::reminder::renewal_calendar(&self.doc, chrono::Utc::now())
        else {
            return;
        };
        match crate::store::write_atomically(&path, calendar.as_bytes(), false) {
            Ok(()) => self.show_toast(text!("gui.toast.reminder_saved", path = path.display())),
            Err(error) => self.notify(
                NoticeLevel::Error,
                text!(
                    "gui.notice.reminder_failed",
                    error = error,
                    path = path.display()
                ),
            ),
        }
    }

    fn save_script(&mut self, file_name: &str, bytes: Vec<u8>) {
        self.setup_scripts.to_save = Some(bytes);
        let answer = self.platform.dialogs.pick_script_to_save(file_name);
        if let Some(path) = self.dialog_path(answer, PathPurpose::SaveScript, file_name) {
            self.save_script_to(path);
        }
    }

    /// Writes the script kept by [`Self::save_script`] (it holds no secrets).
    fn save_script_to(&mut self, path: PathBuf) {
        let Some(bytes) = self.setup_scripts.to_save.take() else {
            return;
        };
        match crate::store::write_atomically(&path, &bytes, false) {
            Ok(()) => self.show_toast(text!("gui.toast.script_saved", path = path.display())),
            Err(error) => self.notify(
                NoticeLevel::Error,
                text!(
                    "gui.notice.script_save_failed",
                    error = error,
                    path = path.display()
                ),
            ),
        }
    }

    fn save_file_as(&mut self) {
        let suggested = format!("{}.json", self.doc.key());
        let answer = self.platform.dialogs.pick_document_to_save(&suggested);
        if let Some(path) = self.dialog_path(answer, PathPurpose::SaveDocument, &suggested) {
            self.save_document_to(path);
        }
    }

    fn save_document_to(&mut self, path: PathBuf) {
        match write_document_file(&path, &self.doc, self.include_secrets_in_file) {
            Ok(()) => {
                let key = if self.include_secrets_in_file && self.doc.has_secrets() {
                    "gui.toast.saved_with_secrets"
                } else {
                    "gui.toast.saved_without_secrets"
                };
                self.show_toast(text!(key, path = path.display()));
                // What the file holds: secrets left out of it are still unsaved work, so New and
                // Open ask before dropping them (Azure shows a secret's value only once).
                self.pristine = if self.include_secrets_in_file {
                    self.doc.clone()
                } else {
                    self.doc.without_secrets()
                };
                self.file_path = Some(path);
            }
            Err(error) => self.notify(
                NoticeLevel::Error,
                text!("gui.notice.save_failed").arg_text("error", error.text()),
            ),
        }
    }
}

/// The field that takes the focus when a screen opens.
pub(crate) fn first_field(step: Step) -> Option<Field> {
    match step {
        Step::Server => Some(Field::Name),
        Step::Room => Some(Field::RoomRedirectUri),
        Step::Users => Some(Field::SsoClientId),
        Step::Review => None,
    }
}
