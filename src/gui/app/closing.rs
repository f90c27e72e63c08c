//! Where each typed client secret is kept, and closing the window without losing one.
//!
//! Azure shows a client secret's value once; the autosaved draft leaves secrets out unless the
//! user opts in. So a secret typed into the window may exist nowhere else: not in a file, not in
//! ONES, not in the draft. Closing the window then asks first (export / save with secrets /
//! close without them / cancel) through `ViewportCommand::CancelClose`, and under each secret
//! field one line says where the secret is kept.

use egui::Modal;

use super::{AssistantApp, Command};
use crate::gui::a11y;
use crate::gui::form::SecretKeeping;
use crate::model::{Field, Step};

/// The two secret fields.
const SECRET_FIELDS: [Field; 2] = [Field::ServerClientSecret, Field::SsoClientSecret];

/// Where the close question stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum ClosePrompt {
    #[default]
    Hidden,
    /// The question is shown.
    Asking,
    /// "Save with secrets…" was chosen: close once the save left nothing behind.
    CloseAfterSave,
    /// The user agreed to close (or nothing was at risk): let the next close request through.
    Confirmed,
}

impl AssistantApp {
    /// Where the secret typed in `field` is kept; `None` when nothing is typed there.
    pub(crate) fn secret_keeping(&self, field: Field) -> Option<SecretKeeping> {
        let typed = self
            .session
            .doc
            .value(field)
            .secret()
            .filter(|typed| !typed.is_empty())?;
        let as_loaded = self.session.pristine.value(field).secret() == Some(typed);
        Some(if as_loaded && self.background.demo.is_some() {
            SecretKeeping::Demo
        } else if as_loaded && self.session.file_path.is_some() {
            SecretKeeping::InFile
        } else if self
            .background
            .export
            .stores_secret(&self.session.doc, field)
        {
            SecretKeeping::InOnes
        } else if self.session.keep_secrets_in_draft {
            SecretKeeping::InDraft
        } else {
            SecretKeeping::OnlyHere
        })
    }

    /// The secret fields whose typed value exists only in this window.
    pub fn secrets_only_here(&self) -> Vec<Field> {
        SECRET_FIELDS
            .into_iter()
            .filter(|field| self.secret_keeping(*field) == Some(SecretKeeping::OnlyHere))
            .collect()
    }

    /// The close question is shown.
    pub fn is_asking_before_close(&self) -> bool {
        self.overlays.close_prompt == ClosePrompt::Asking
    }

    /// Each frame, before drawing: a close request while a secret exists only here is cancelled
    /// and the question shown instead.
    pub(crate) fn guard_close(&mut self, ctx: &egui::Context) {
        if self.overlays.close_prompt == ClosePrompt::CloseAfterSave
            && self.overlays.path_prompt.is_none()
            && !self.background.files.is_busy()
        {
            // The save landed (or failed, or was cancelled) and was taken in.
            if self.secrets_only_here().is_empty() {
                self.overlays.close_prompt = ClosePrompt::Confirmed;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            } else {
                self.overlays.close_prompt = ClosePrompt::Hidden;
            }
        }
        if !ctx.input(|input| input.viewport().close_requested()) {
            return;
        }
        if self.overlays.close_prompt == ClosePrompt::Confirmed
            || self.secrets_only_here().is_empty()
        {
            return;
        }
        ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
        self.overlays.close_prompt = ClosePrompt::Asking;
    }

    pub(super) fn close_prompt_ui(&mut self, ctx: &egui::Context) {
        if self.overlays.close_prompt != ClosePrompt::Asking {
            return;
        }
        let fields = self.secrets_only_here();
        if fields.is_empty() {
            // Kept somewhere meanwhile (an export finished): nothing to ask.
            self.overlays.close_prompt = ClosePrompt::Hidden;
            return;
        }
        let names: Vec<String> = fields
            .into_iter()
            .map(crate::gui::widgets::localized_secret_name)
            .collect();
        let mut choice = None;
        let modal = Modal::new(egui::Id::unique("close-prompt")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            a11y::dialog_heading(ui, tr!("gui.closing.title"));
            ui.label(tr!(
                "gui.closing.body",
                secrets = names.join(tr!("gui.closing.and").as_str())
            ));
            ui.add_space(6.0);
            ui.horizontal_wrapped(|ui| {
                if ui.button(tr!("gui.closing.export")).clicked() {
                    choice = Some(CloseChoice::Export);
                }
                if ui.button(tr!("gui.closing.save")).clicked() {
                    choice = Some(CloseChoice::Save);
                }
                if ui.button(tr!("gui.closing.discard")).clicked() {
                    choice = Some(CloseChoice::Discard);
                }
                if ui.button(tr!("gui.common.cancel")).clicked() {
                    choice = Some(CloseChoice::Cancel);
                }
            });
        });
        if modal.should_close() && choice.is_none() {
            choice = Some(CloseChoice::Cancel);
        }
        match choice {
            Some(CloseChoice::Export) => {
                self.overlays.close_prompt = ClosePrompt::Hidden;
                self.commands.push(Command::GoTo(Step::Review));
            }
            Some(CloseChoice::Save) => {
                self.session.include_secrets_in_file = true;
                self.overlays.close_prompt = ClosePrompt::CloseAfterSave;
                self.commands.push(Command::SaveFileAs);
            }
            Some(CloseChoice::Discard) => {
                self.overlays.close_prompt = ClosePrompt::Confirmed;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Some(CloseChoice::Cancel) => self.overlays.close_prompt = ClosePrompt::Hidden,
            None => {}
        }
    }
}

#[derive(Clone, Copy)]
enum CloseChoice {
    Export,
    Save,
    Discard,
    Cancel,
}
