//! "Hand over to ONES" on the Review screen: the ONES address and API token, an optional CA
//! certificate, Test connection / Export to ONES / Pull from ONES, the change list to confirm,
//! progress, and the receipt. Every failure is ONES's error turned into a sentence with its fix.

use egui::{Grid, RichText, TextEdit, Ui};

use super::app::Command;
use super::ones_export::OnesExport;
use super::widgets::{
    ERROR_COLOR, PASS_COLOR, SecretBuffer, WARNING_COLOR, field_label_ui, info_line_ui,
    severity_line_ui,
};
use crate::model::{Field, IntegrationDocument, Severity};
use crate::ones::{OnesError, PlanAction, error::field_title};

pub fn export_ui(
    ui: &mut Ui,
    export: &mut OnesExport,
    doc: &IntegrationDocument,
    commands: &mut Vec<Command>,
) {
    ui.heading("Hand over to ONES");
    ui.label("Sends this integration to the ONES server, reads it back and compares every field.");
    ui.add_space(4.0);

    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("ONES server:").strong());
        let url = if doc.ones_url.trim().is_empty() {
            "not entered"
        } else {
            doc.ones_url.trim()
        };
        ui.label(RichText::new(url).monospace());
        if ui
            .small_button("Change")
            .accessible_name("Change the ONES server address")
            .clicked()
        {
            commands.push(Command::JumpTo(Field::OnesUrl));
        }
    });

    let label = field_label_ui(ui, "ONES API token", true);
    ui.horizontal(|ui| {
        ui.add(
            TextEdit::singleline(&mut SecretBuffer(&mut export.token))
                .password(true)
                .hint_text("Management console → Settings → API authentication")
                .desired_width(ui.available_width()),
        )
        .labelled_by(label.id);
    });
    info_line_ui(ui, "Kept in memory only — never saved in drafts or files.");

    let label = field_label_ui(ui, "CA certificate (PEM, optional)", false);
    ui.horizontal(|ui| {
        ui.add(
            TextEdit::singleline(&mut export.ca_path)
                .hint_text("Only for a ONES server with a certificate from an internal CA")
                .desired_width(ui.available_width() - 90.0),
        )
        .labelled_by(label.id);
        if ui
            .button("Choose…")
            .accessible_name("Choose CA certificate file")
            .clicked()
        {
            commands.push(Command::ChooseCaFile);
        }
    });
    ui.add_space(6.0);

    let busy = export.is_busy();
    let ready_to_send = !doc.ones_url.trim().is_empty() && !export.token.expose().trim().is_empty();
    ui.horizontal_wrapped(|ui| {
        let test = ui.add_enabled(
            !busy && ready_to_send,
            egui::Button::new("🔌 Test connection"),
        );
        if test.accessible_name("Test connection").clicked() {
            commands.push(Command::TestOnesConnection);
        }
        let plan = ui.add_enabled(
            !busy && ready_to_send,
            egui::Button::new(RichText::new("⬆ Export to ONES…").strong()),
        );
        if plan.accessible_name("Export to ONES").clicked() {
            commands.push(Command::PlanExport);
        }
        let pull = ui
            .add_enabled(
                !busy && ready_to_send && !doc.name.trim().is_empty(),
                egui::Button::new("⬇ Pull from ONES"),
            )
            .on_hover_text(
                "Load the integration with this name from ONES into the wizard (without secrets)",
            );
        if pull.accessible_name("Pull from ONES").clicked() {
            commands.push(Command::PullFromOnes);
        }
    });
    if !ready_to_send {
        info_line_ui(
            ui,
            "Enter the ONES server address and an API token to connect.",
        );
    }

    connection_ui(ui, export, doc, commands);
    plan_ui(ui, export, commands);
    receipt_ui(ui, export, commands);
    if export.pull.is_pending() {
        spinner_line(ui, "Reading the integration from ONES…");
    } else if let Some(Err(error)) = export.pull.ready() {
        error_ui(ui, error, commands);
    }
}

fn spinner_line(ui: &mut Ui, text: &str) {
    ui.horizontal(|ui| {
        ui.spinner();
        ui.label(text);
    });
}

fn error_ui(ui: &mut Ui, error: &OnesError, commands: &mut Vec<Command>) {
    severity_line_ui(ui, Severity::Error, &error.sentence());
    for (field, message) in error.field_messages() {
        ui.horizontal_wrapped(|ui| {
            let jump = ui
                .button(format!("Go to {}", field.label()))
                .accessible_name(format!(
                    "Go to {} on {}",
                    field.label(),
                    field.step().title()
                ));
            if jump.clicked() {
                commands.push(Command::JumpTo(field));
            }
            ui.label(format!("{}: {message}", field_title(field)));
        });
    }
}

fn connection_ui(
    ui: &mut Ui,
    export: &OnesExport,
    doc: &IntegrationDocument,
    commands: &mut Vec<Command>,
) {
    if export.connection.is_pending() {
        spinner_line(ui, "Connecting to ONES…");
        return;
    }
    match export.connection.ready() {
        Some(Ok(report)) => {
            let version = report
                .version
                .as_deref()
                .map(|version| format!(" {version}"))
                .unwrap_or_default();
            ui.label(
                RichText::new(format!(
                    "✔ Connected to ONES{version} at {}; the token is accepted.",
                    report.ones_url
                ))
                .color(PASS_COLOR),
            );
            for (what, field, expected, current) in [
                (
                    "room redirect URI",
                    Field::RoomRedirectUri,
                    &report.redirect_uris.room,
                    &doc.room.redirect_uri,
                ),
                (
                    "single sign-on redirect URI",
                    Field::SsoRedirectUri,
                    &report.redirect_uris.sso,
                    &doc.sso_app.redirect_uri,
                ),
            ] {
                if current.trim() == expected.trim() {
                    ui.label(
                        RichText::new(format!("✔ The {what} matches what ONES expects."))
                            .color(PASS_COLOR),
                    );
                } else {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(
                            RichText::new(format!("⚠ ONES expects this {what}: {expected}"))
                                .color(WARNING_COLOR),
                        );
                        let clicked = ui
                            .button("Use it")
                            .accessible_name(format!("Use ONES's {what}"))
                            .clicked();
                        if clicked {
                            commands.push(Command::UseOnesRedirectUri {
                                field,
                                uri: expected.clone(),
                            });
                        }
                    });
                }
            }
        }
        Some(Err(error)) => error_ui(ui, error, commands),
        None => {}
    }
}

fn plan_ui(ui: &mut Ui, export: &OnesExport, commands: &mut Vec<Command>) {
    if export.plan.is_pending() {
        spinner_line(ui, "Reading what ONES has now…");
        return;
    }
    match export.plan.ready() {
        Some(Ok((_, plan))) => {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                let headline = match plan.action() {
                    PlanAction::Create => format!(
                        "ONES has no integration \"{}\" yet: it will be created.",
                        plan.key
                    ),
                    PlanAction::Update => {
                        "ONES has this integration: these fields will change.".to_owned()
                    }
                    PlanAction::NothingToChange => {
                        "ONES already has exactly this integration: nothing to send.".to_owned()
                    }
                };
                ui.label(RichText::new(headline).strong());
                Grid::new("export-changes")
                    .num_columns(2)
                    .striped(true)
                    .spacing([12.0, 4.0])
                    .show(ui, |ui| {
                        for diff in plan.changed_fields() {
                            ui.label(field_title(diff.field));
                            ui.add(
                                egui::Label::new(RichText::new(diff.change.describe()).monospace())
                                    .wrap(),
                            );
                            ui.end_row();
                        }
                    });
                for problem in &plan.problems {
                    ui.horizontal_wrapped(|ui| {
                        severity_line_ui(
                            ui,
                            Severity::Error,
                            &format!("{}: {}", field_title(problem.field), problem.message),
                        );
                        if ui
                            .small_button("Go to field")
                            .accessible_name(format!("Go to {}", field_title(problem.field)))
                            .clicked()
                        {
                            commands.push(Command::JumpTo(problem.field));
                        }
                    });
                }
                for warning in &plan.warnings {
                    severity_line_ui(
                        ui,
                        Severity::Warning,
                        &format!("{}: {}", field_title(warning.field), warning.message),
                    );
                }
                ui.horizontal(|ui| {
                    let label = if plan.has_changes() {
                        "✔ Confirm export"
                    } else {
                        "✔ Confirm (nothing to send)"
                    };
                    let confirm = ui.add_enabled(
                        !plan.is_blocked(),
                        egui::Button::new(RichText::new(label).strong()),
                    );
                    if confirm.accessible_name("Confirm export").clicked() {
                        commands.push(Command::ConfirmExport);
                    }
                    if ui
                        .button("Cancel")
                        .accessible_name("Cancel export")
                        .clicked()
                    {
                        commands.push(Command::CancelExport);
                    }
                });
                if plan.is_blocked() {
                    info_line_ui(ui, "Fix the problems above first; nothing was sent.");
                }
            });
        }
        Some(Err(error)) => error_ui(ui, error, commands),
        None => {}
    }
}

fn receipt_ui(ui: &mut Ui, export: &OnesExport, commands: &mut Vec<Command>) {
    if export.receipt.is_pending() {
        spinner_line(ui, "Exporting and reading back…");
        return;
    }
    match export.receipt.ready() {
        Some(Ok(receipt)) => {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                let (text, color) = if receipt.is_verified() {
                    (
                        format!(
                            "✔ Exported — {}. ONES stores exactly what was sent.",
                            receipt.outcome.describe()
                        ),
                        PASS_COLOR,
                    )
                } else {
                    (
                        format!(
                            "✖ Exported — {}, but the read-back differs.",
                            receipt.outcome.describe()
                        ),
                        ERROR_COLOR,
                    )
                };
                ui.label(RichText::new(text).color(color).strong());
                for field in receipt.mismatched_fields() {
                    severity_line_ui(
                        ui,
                        Severity::Error,
                        &format!("{} differs on ONES.", field_title(field)),
                    );
                }
                for secret in &receipt.secrets {
                    let expiry = secret
                        .expires_on
                        .map(|date| format!(", expires {date}"))
                        .unwrap_or_default();
                    let state = if secret.stored {
                        "stored"
                    } else {
                        "not stored"
                    };
                    let icon = if secret.verified { "✔" } else { "⚠" };
                    ui.label(format!(
                        "{icon} {}: {state}{expiry} ({})",
                        secret.title,
                        secret.change.describe()
                    ));
                }
                for note in &receipt.notes {
                    info_line_ui(ui, note);
                }
                if ui
                    .button("📋 Copy receipt")
                    .accessible_name("Copy receipt")
                    .clicked()
                {
                    commands.push(Command::Copy {
                        what: "export receipt".to_owned(),
                        text: receipt.to_markdown(),
                    });
                }
            });
        }
        Some(Err(error)) => {
            error_ui(ui, error, commands);
            info_line_ui(
                ui,
                "Nothing was lost: the integration is still here and in the draft. Fix the cause, then export again.",
            );
        }
        None => {}
    }
}
