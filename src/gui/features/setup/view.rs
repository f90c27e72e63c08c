//! "Do it with a script": the card at the top of each Azure column that offers the generated setup
//! script for that screen (Server and User settings: both app registrations; Room settings: room
//! delegation), where to run it — Azure Cloud Shell where the cloud has one, and the exact commands
//! of a local run (the only way in 21Vianet's cloud) — and a field to paste the script's output
//! into. The output holds client secrets: it is edited in a [`Secret`] and wiped when read or
//! cleared. Reading it shows what would change; only "Apply" changes the wizard, then the live
//! checks start by themselves.

use egui::{RichText, Ui};

use crate::gui::command::Command;
use crate::gui::widgets::{SecretBuffer, add_secret_edit, forget_edit_history, severity_line_ui};
use crate::model::{IntegrationDocument, Secret, Severity, Step};
use crate::setup::result::MAX_PASTE_BYTES;
use crate::setup::{ScriptKind, generate, where_to_run};

use super::SetupScripts;

/// The card offering `kind`'s script on `step` (the screen says which: `Screen::script`).
pub fn script_card_ui(
    ui: &mut Ui,
    step: Step,
    kind: ScriptKind,
    state: &mut SetupScripts,
    doc: &IntegrationDocument,
    commands: &mut Vec<Command>,
) {
    let title = if kind == ScriptKind::Renew {
        tr!("gui.setup.renew_title")
    } else {
        tr!("gui.setup.title")
    };
    egui::CollapsingHeader::new(RichText::new(&title).strong())
        .id_salt(("setup-script", step))
        .default_open(false)
        .show(ui, |ui| {
            ui.label(match kind {
                ScriptKind::Rooms => tr!("gui.setup.rooms_body"),
                ScriptKind::Renew => tr!("gui.setup.renew_body"),
                ScriptKind::Apps => tr!("gui.setup.apps_body"),
            });
            if kind == ScriptKind::Renew {
                ui.horizontal(|ui| {
                    ui.radio_value(&mut state.renew_sso, false, tr!("gui.setup.renew_server"));
                    ui.radio_value(&mut state.renew_sso, true, tr!("gui.setup.renew_sso"));
                });
            }
            let mut account_id = None;
            if kind == ScriptKind::Rooms {
                ui.horizontal(|ui| {
                    let label = ui.label(tr!("gui.setup.account"));
                    let edit = ui
                        .add(
                            egui::TextEdit::singleline(&mut state.account)
                                .hint_text("ones-rooms@contoso.com"),
                        )
                        .labelled_by(label.id);
                    account_id = Some(edit.id);
                });
            }
            let options = state.options();
            match generate(kind, doc, &options) {
                Err(missing) => {
                    let text = tr!("gui.setup.missing", problems = missing.text().localized());
                    let line = severity_line_ui(ui, Severity::Warning, &text);
                    // What is missing is said where the account is typed, for a screen reader too.
                    if let Some(account_id) = account_id {
                        crate::gui::a11y::describe(ui, account_id, Some(line.id), &text);
                    }
                }
                Ok(_) if state.demo => demo_run_ui(ui, kind, state, commands),
                Ok(script) => script_actions_ui(ui, &script, doc, commands),
            }
            ui.add_space(6.0);
            // The rooms script prints no secrets; the apps and renew scripts do.
            let label = ui.label(if kind == ScriptKind::Rooms {
                tr!("gui.setup.paste_rooms")
            } else {
                tr!("gui.setup.paste")
            });
            let paste = add_secret_edit(
                ui,
                egui::TextEdit::multiline(&mut SecretBuffer(&mut state.pasted))
                    .password(true)
                    // One character over the limit, so that a larger paste is refused with its
                    // sentence when read instead of being cut silently.
                    .char_limit(MAX_PASTE_BYTES + 1)
                    .desired_rows(3)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
            ui.horizontal(|ui| {
                let filled = !state.pasted.is_empty();
                if ui
                    .add_enabled(filled, egui::Button::new(tr!("gui.setup.read")))
                    .clicked()
                {
                    state.read(doc);
                    forget_edit_history(ui.ctx(), paste.id);
                }
                if ui
                    .add_enabled(filled, egui::Button::new(tr!("gui.setup.clear")))
                    .clicked()
                {
                    state.pasted = Secret::default();
                    state.problem = None;
                    forget_edit_history(ui.ctx(), paste.id);
                }
            });
            if let Some(problem) = &state.problem {
                let problem = problem.localized();
                let line = severity_line_ui(ui, Severity::Error, &problem);
                // Said where the output was pasted, for a screen reader too.
                crate::gui::a11y::describe(ui, paste.id, Some(line.id), &problem);
            }
            if let Some((_, changes)) = &state.pending {
                if changes.is_empty() {
                    ui.label(tr!("gui.setup.nothing_to_change"));
                } else {
                    ui.label(RichText::new(tr!("gui.setup.will_change")).strong());
                    for change in changes {
                        ui.label(format!(
                            "• {}: {}",
                            crate::ones::error::field_title_text(change.field).localized(),
                            change.text.localized()
                        ));
                    }
                }
                ui.horizontal(|ui| {
                    if ui.button(tr!("gui.setup.apply")).clicked() {
                        commands.push(Command::ApplySetupResult);
                    }
                    if ui.button(tr!("gui.setup.cancel")).clicked() {
                        state.pending = None;
                    }
                });
            }
        });
    ui.add_space(8.0);
}

/// Copy, Save, and where to run the script: Cloud Shell where the cloud offers one, the commands
/// of a local run always.
fn script_actions_ui(
    ui: &mut Ui,
    script: &crate::setup::Script,
    doc: &IntegrationDocument,
    commands: &mut Vec<Command>,
) {
    let powershell = script.kind == ScriptKind::Rooms;
    ui.horizontal_wrapped(|ui| {
        if ui.button(tr!("gui.setup.copy_script")).clicked() {
            commands.push(Command::Copy {
                what: tr!("gui.setup.the_script"),
                text: script.text.clone(),
            });
        }
        if ui.button(tr!("gui.setup.save_script")).clicked() {
            commands.push(Command::SaveScript {
                file_name: script.file_name.clone(),
                bytes: script.file_bytes(),
            });
        }
    });
    let place = where_to_run(script, doc);
    ui.add_space(4.0);
    crate::gui::a11y::heading(ui, RichText::new(tr!("gui.setup.where")).strong(), 4);
    match place.cloud_shell {
        Some(url) => {
            ui.horizontal_wrapped(|ui| {
                ui.label(if powershell {
                    tr!("gui.setup.cloud_shell_powershell")
                } else {
                    tr!("gui.setup.cloud_shell_bash")
                });
                crate::gui::widgets::link_button_ui(
                    ui,
                    commands,
                    &tr!("gui.setup.open_cloud_shell"),
                    &tr!("gui.setup.cloud_shell"),
                    url,
                );
            });
            ui.label(
                RichText::new(if powershell {
                    tr!("gui.setup.how_to_run_powershell", file = script.file_name)
                } else {
                    tr!("gui.setup.how_to_run", file = script.file_name)
                })
                .weak(),
            );
        }
        None => {
            ui.label(tr!("gui.setup.no_cloud_shell"));
        }
    }
    ui.label(if powershell {
        tr!("gui.setup.local_powershell")
    } else {
        tr!("gui.setup.local_bash")
    });
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.add(egui::Label::new(RichText::new(&place.local_commands).monospace()).selectable(true));
    });
    if ui.button(tr!("gui.setup.copy_commands")).clicked() {
        commands.push(Command::Copy {
            what: tr!("gui.setup.the_commands"),
            text: place.local_commands.clone(),
        });
    }
}

/// Demo mode: the script runs in the simulated demo tenant (nothing reaches Microsoft, no demo
/// address is registered anywhere real), and its terminal output is shown to copy and paste back
/// below, as after a real run.
fn demo_run_ui(ui: &mut Ui, kind: ScriptKind, state: &SetupScripts, commands: &mut Vec<Command>) {
    ui.label(RichText::new(tr!("gui.setup.demo_body")).weak());
    if ui.button(tr!("gui.setup.run_in_demo")).clicked() {
        commands.push(Command::RunInDemoTenant(kind));
    }
    let Some(run) = &state.demo_run else {
        return;
    };
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        egui::ScrollArea::vertical()
            .max_height(180.0)
            .id_salt("demo-run-output")
            .show(ui, |ui| {
                ui.add(
                    egui::Label::new(RichText::new(run.masked_output()).monospace())
                        .selectable(false),
                );
            });
    });
    if run.stopped {
        severity_line_ui(ui, Severity::Error, &tr!("gui.setup.demo_stopped"));
    }
    if ui.button(tr!("gui.setup.copy_output")).clicked() {
        commands.push(Command::Copy {
            what: tr!("gui.setup.the_output"),
            text: run.output.expose().to_owned(),
        });
    }
}
