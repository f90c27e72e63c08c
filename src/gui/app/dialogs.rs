//! Drawn over the screen: the modal dialogs (browser fallback, replace/pull confirmations, the
//! in-app path prompt where no file dialog opens); the toast is in the navigation bar (`ui.rs`).

use egui::{Modal, RichText, ScrollArea, Ui};

use super::{AssistantApp, Command, ReplaceAction};
use crate::build_info;
use crate::gui::a11y;
use crate::gui::widgets::ERROR_COLOR;

impl AssistantApp {
    pub(super) fn dialogs_ui(&mut self, ctx: &egui::Context) {
        if let Some(fallback) = &self.overlays.fallback {
            let mut close = false;
            let modal = Modal::new(egui::Id::unique("fallback")).show(ctx, |ui| {
                ui.set_max_width(520.0);
                a11y::dialog_heading(ui, fallback.title.localized());
                ui.label(fallback.reason.localized());
                let mut text = fallback.text.as_str();
                ui.add(
                    egui::TextEdit::multiline(&mut text)
                        .desired_rows(2)
                        .desired_width(f32::INFINITY),
                )
                .accessible_name(tr!("gui.fallback.text_name"));
                ui.horizontal(|ui| {
                    if fallback.offer_copy
                        && ui
                            .button(format!("📋 {}", tr!("gui.fallback.copy")))
                            .accessible_name(tr!("gui.fallback.copy"))
                            .clicked()
                    {
                        self.commands.push(Command::Copy {
                            what: tr!("gui.fallback.address_what"),
                            text: fallback.text.clone(),
                        });
                    }
                    close = ui.button(tr!("gui.common.close")).clicked();
                });
                if !fallback.detail.is_empty() {
                    egui::CollapsingHeader::new(tr!("gui.fallback.detail"))
                        .id_salt("fallback-detail")
                        .default_open(false)
                        .show(ui, |ui| {
                            ui.label(RichText::new(&fallback.detail).weak().monospace());
                        });
                }
            });
            if close || modal.should_close() {
                self.overlays.fallback = None;
            }
        }
        self.close_prompt_ui(ctx);
        if let Some(prompt) = self.overlays.path_prompt.clone() {
            self.path_prompt_ui(ctx, prompt);
        }
        if let Some(action) = self.overlays.pending_replace.clone() {
            let mut answer = None;
            let changes = self.pull_changes(&action);
            let unsaved = self.has_unsaved_work();
            let modal = Modal::new(egui::Id::unique("replace")).show(ctx, |ui| {
                ui.set_max_width(560.0);
                let what = match action {
                    ReplaceAction::New => tr!("gui.replace.new"),
                    ReplaceAction::Open => tr!("gui.replace.open"),
                    ReplaceAction::Pulled(..) => tr!("gui.replace.pulled"),
                };
                a11y::dialog_heading(ui, what);
                if let ReplaceAction::Pulled(pulled, _) = &action {
                    pulled_changes_ui(ui, &changes, pulled);
                    if unsaved {
                        ui.label(tr!("gui.replace.pulled_unsaved"));
                    }
                } else {
                    ui.label(tr!("gui.replace.body"));
                }
                ui.horizontal(|ui| {
                    if ui.button(tr!("gui.replace.confirm")).clicked() {
                        answer = Some(true);
                    }
                    if ui.button(tr!("gui.common.cancel")).clicked() {
                        answer = Some(false);
                    }
                });
            });
            if modal.should_close() {
                answer = Some(false);
            }
            if let Some(confirmed) = answer {
                self.commands.push(Command::ConfirmReplace(confirmed));
            }
        }
        if self.overlays.show_about {
            let modal = Modal::new(egui::Id::unique("about")).show(ctx, |ui| {
                ui.set_max_width(460.0);
                a11y::dialog_heading(
                    ui,
                    tr!("gui.about_dialog.title", app = tr!("gui.app.title")),
                );
                ui.label(tr!(
                    "gui.about.version",
                    version = build_info::version_line()
                ));
                ui.label(tr!("gui.about.body"));
                if let Some(path) = self.store.draft_path() {
                    ui.label(RichText::new(tr!("gui.about.draft", path = path.display())).weak());
                }
                ui.button(tr!("gui.common.close")).clicked()
            });
            if modal.inner || modal.should_close() {
                self.commands.push(Command::ShowAbout(false));
            }
        }
    }

    /// The in-app path field where no native file dialog can open.
    fn path_prompt_ui(&mut self, ctx: &egui::Context, prompt: super::PathPrompt) {
        use super::PathPurpose;
        let mut answer: Option<(Option<String>, bool)> = None;
        let modal = Modal::new(egui::Id::unique("path-prompt")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            let (title, action) = match prompt.purpose {
                PathPurpose::OpenDocument => (tr!("gui.path.open_title"), tr!("gui.path.open")),
                PathPurpose::SaveDocument => (tr!("gui.path.save_title"), tr!("gui.path.save")),
                PathPurpose::SaveReminder => (tr!("gui.path.reminder_title"), tr!("gui.path.save")),
                PathPurpose::SaveScript => (tr!("gui.path.script_title"), tr!("gui.path.save")),
                PathPurpose::Certificate => (tr!("gui.path.ca_title"), tr!("gui.path.choose")),
            };
            a11y::dialog_heading(ui, title);
            if let Some(existing) = &prompt.confirm_overwrite {
                ui.label(tr!("gui.path.exists", path = existing.display()));
                ui.horizontal(|ui| {
                    if ui
                        .button(tr!("gui.path.replace"))
                        .accessible_name(tr!("gui.path.replace"))
                        .clicked()
                    {
                        answer = Some((Some(existing.display().to_string()), true));
                    }
                    if ui.button(tr!("gui.common.cancel")).clicked() {
                        // Back to the path field to pick another name.
                        if let Some(prompt) = self.overlays.path_prompt.as_mut() {
                            prompt.confirm_overwrite = None;
                        }
                    }
                });
                return;
            }
            ui.label(tr!("gui.path.body"));
            let label = ui.label(RichText::new(tr!("gui.path.field")).strong());
            let mut text = prompt.text.clone();
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut text)
                        .id_salt("path-prompt-field")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            // Enter in the field submits it: read before the focus is given back below (a field
            // that takes the focus again has not "lost" it).
            let entered =
                response.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter));
            // Ready to type at once.
            if !entered && ui.memory(|memory| memory.focused().is_none()) {
                response.request_focus();
            }
            if response.changed()
                && let Some(prompt) = self.overlays.path_prompt.as_mut()
            {
                prompt.text = text.clone();
                prompt.problem = None;
            }
            if let Some(problem) = &prompt.problem {
                ui.label(RichText::new(format!("✖ {problem}")).color(ERROR_COLOR));
            }
            ui.horizontal(|ui| {
                if ui.button(RichText::new(action).strong()).clicked() || entered {
                    answer = Some((Some(text.clone()), false));
                }
                if ui.button(tr!("gui.common.cancel")).clicked() {
                    answer = Some((None, false));
                }
            });
            egui::CollapsingHeader::new(tr!("gui.fallback.detail"))
                .id_salt("path-detail")
                .default_open(false)
                .show(ui, |ui| {
                    ui.label(RichText::new(&prompt.detail).weak().monospace());
                });
        });
        if modal.should_close() && answer.is_none() {
            answer = Some((None, false));
        }
        if let Some((path, overwrite)) = answer {
            self.commands.push(Command::SubmitPath { path, overwrite });
        }
    }
}

/// The pull confirmation's body: each field that changes ("current → ONES's"), then where each
/// client secret will be.
fn pulled_changes_ui(
    ui: &mut Ui,
    changes: &[crate::ones::FieldDiff],
    pulled: &crate::model::IntegrationDocument,
) {
    ui.label(if changes.len() == 1 {
        tr!("gui.replace.pulled_body_one")
    } else {
        tr!("gui.replace.pulled_body_other", count = changes.len())
    });
    ScrollArea::vertical()
        .id_salt("pull-changes")
        .max_height(280.0)
        .show(ui, |ui| {
            egui::Grid::new("pull-changes-grid")
                .num_columns(2)
                .striped(true)
                .spacing([12.0, 4.0])
                .show(ui, |ui| {
                    for diff in changes {
                        ui.label(crate::ones::error::localized_field_title(diff.field));
                        ui.add(
                            egui::Label::new(
                                RichText::new(diff.change.localized_describe()).monospace(),
                            )
                            .wrap(),
                        );
                        ui.end_row();
                    }
                });
        });
    ui.add_space(4.0);
    for (field, state) in [
        (
            crate::model::Field::ServerClientSecret,
            pulled.server_app.secret_state(),
        ),
        (
            crate::model::Field::SsoClientSecret,
            pulled.sso_app.secret_state(),
        ),
    ] {
        let field = crate::ones::error::localized_field_title(field);
        let line = match state {
            crate::model::SecretState::Typed => {
                tr!("gui.replace.pulled_secret_typed", field = field)
            }
            state => tr!(
                "gui.replace.pulled_secret",
                field = field,
                state = crate::gui::widgets::secret_state_text(state)
            ),
        };
        crate::gui::widgets::info_line_ui(ui, &line);
    }
}
