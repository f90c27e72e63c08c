//! "Hand over to ONES" on the Review screen: the ONES address and API token, an optional CA
//! certificate, Test connection / Export to ONES / Pull from ONES, the change list to confirm,
//! progress, and the receipt. Every failure is ONES's error turned into a sentence with its fix.

use egui::{Grid, RichText, TextEdit, Ui};

use crate::gui::command::Command;
use crate::gui::features::export::OnesExport;
use crate::gui::widgets::{
    ERROR_COLOR, PASS_COLOR, SecretBuffer, WARNING_COLOR, add_secret_edit, field_label_ui,
    info_line_ui, severity_line_ui,
};
use crate::i18n::Text;
use crate::model::{Field, IntegrationDocument, Severity};
use crate::ones::{OnesError, PlanAction, error::localized_field_title};

/// `caveats`: what the live checks say against exporting now (failed, skipped or not run); the
/// plan lists them and asks for a deliberate confirmation.
pub fn export_ui(
    ui: &mut Ui,
    export: &mut OnesExport,
    doc: &IntegrationDocument,
    caveats: &[Text],
    commands: &mut Vec<Command>,
) {
    crate::gui::a11y::section_heading(ui, tr!("gui.export.title"));
    ui.label(tr!("gui.export.intro"));
    ui.add_space(4.0);

    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(tr!("gui.export.server")).strong());
        let url = if doc.ones_url.trim().is_empty() {
            tr!("gui.review.not_entered")
        } else {
            doc.ones_url.trim().to_owned()
        };
        ui.label(RichText::new(url).monospace());
        if ui
            .small_button(tr!("gui.export.change"))
            .accessible_name(tr!("gui.export.change_name"))
            .clicked()
        {
            commands.push(Command::JumpTo(Field::OnesUrl));
        }
    });

    let label = field_label_ui(ui, &tr!("gui.export.token"), true);
    let token_field = ui
        .horizontal(|ui| {
            add_secret_edit(
                ui,
                TextEdit::singleline(&mut SecretBuffer(&mut export.token))
                    .password(true)
                    .hint_text(tr!("gui.export.token_hint"))
                    .desired_width(ui.available_width()),
            )
            .labelled_by(label.id)
        })
        .inner;
    // Every line under a field is part of its description.
    let note = tr!("gui.export.token_note");
    let shown = info_line_ui(ui, &note);
    crate::gui::a11y::describe(ui, token_field.id, Some(shown.id), &note);

    let label = field_label_ui(ui, &tr!("gui.export.ca"), false);
    ui.horizontal(|ui| {
        ui.add(
            TextEdit::singleline(&mut export.ca_path)
                .hint_text(tr!("gui.export.ca_hint"))
                .desired_width(ui.available_width() - 90.0),
        )
        .labelled_by(label.id);
        if ui
            .button(tr!("gui.export.choose"))
            .accessible_name(tr!("gui.export.choose_name"))
            .clicked()
        {
            commands.push(Command::ChooseCaFile);
        }
    });
    ui.add_space(6.0);

    let busy = export.is_busy();
    let ready_to_send = !doc.ones_url.trim().is_empty() && !export.token.peek().trim().is_empty();
    ui.horizontal_wrapped(|ui| {
        let test = ui.add_enabled(
            !busy && ready_to_send,
            egui::Button::new(format!("🔌 {}", tr!("gui.export.test"))),
        );
        if test.accessible_name(tr!("gui.export.test")).clicked() {
            commands.push(Command::TestOnesConnection);
        }
        let plan = ui.add_enabled(
            !busy && ready_to_send,
            egui::Button::new(RichText::new(format!("⬆ {}", tr!("gui.export.export"))).strong()),
        );
        if plan
            .accessible_name(tr!("gui.export.export_name"))
            .clicked()
        {
            commands.push(Command::PlanExport);
        }
        let has_name = !doc.name.trim().is_empty();
        let pull = ui
            .add_enabled(
                !busy && ready_to_send && has_name,
                egui::Button::new(format!("⬇ {}", tr!("gui.export.pull"))),
            )
            .on_hover_text(tr!("gui.export.pull_hint"))
            .on_disabled_hover_text(if !ready_to_send {
                tr!("gui.export.need_token")
            } else if !has_name {
                tr!("gui.export.pull_needs_name")
            } else {
                // Busy: the panel says what is under way.
                tr!("gui.export.pull_hint")
            });
        if pull.accessible_name(tr!("gui.export.pull")).clicked() {
            commands.push(Command::PullFromOnes);
        }
    });
    if !ready_to_send {
        let note = tr!("gui.export.need_token");
        let shown = info_line_ui(ui, &note);
        crate::gui::a11y::describe(ui, token_field.id, Some(shown.id), &note);
    }

    connection_ui(ui, export, doc, commands);
    plan_ui(ui, export, doc, caveats, commands);
    receipt_ui(ui, export, doc, commands);
    if export.pull.is_pending() {
        spinner_line(ui, &tr!("gui.export.pulling"));
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
    severity_line_ui(ui, Severity::Error, &error.localized_sentence());
    for (field, message) in error.localized_field_messages() {
        ui.horizontal_wrapped(|ui| {
            let jump = ui
                .button(tr!("gui.review.go_to", field = field.localized_label()))
                .accessible_name(tr!(
                    "gui.review.go_to_on",
                    field = field.localized_label(),
                    step = field.step().localized_title()
                ));
            if jump.clicked() {
                commands.push(Command::JumpTo(field));
            }
            ui.label(format!("{}: {message}", localized_field_title(field)));
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
        spinner_line(ui, &tr!("gui.export.connecting"));
        return;
    }
    let shown = ui.scope(|ui| connection_result_ui(ui, export, doc, commands));
    // A result that just arrived is scrolled into view (it may land below the fold).
    if crate::gui::command::Reveal::Connection.take(ui.ctx()) {
        shown.response.scroll_to_me(None);
    }
}

fn connection_result_ui(
    ui: &mut Ui,
    export: &OnesExport,
    doc: &IntegrationDocument,
    commands: &mut Vec<Command>,
) {
    match export.connection.ready() {
        Some(Ok(report)) => {
            let version = report
                .version
                .as_deref()
                .map(|version| format!(" {version}"))
                .unwrap_or_default();
            let connected = crate::gui::a11y::glyph_line(
                ui,
                "✔",
                RichText::new(tr!(
                    "gui.export.connected",
                    version = version,
                    url = report.ones_url
                )),
                PASS_COLOR,
            );
            crate::gui::a11y::live(&connected);
            for (what, field, expected, current) in [
                (
                    tr!("gui.what.room_redirect"),
                    Field::RoomRedirectUri,
                    &report.redirect_uris.room,
                    &doc.room.redirect_uri,
                ),
                (
                    tr!("gui.what.sso_redirect"),
                    Field::SsoRedirectUri,
                    &report.redirect_uris.sso,
                    &doc.sso_app.redirect_uri,
                ),
            ] {
                if current.trim() == expected.trim() {
                    crate::gui::a11y::glyph_line(
                        ui,
                        "✔",
                        RichText::new(tr!("gui.export.uri_matches", what = what)),
                        PASS_COLOR,
                    );
                } else {
                    ui.horizontal_wrapped(|ui| {
                        crate::gui::a11y::glyph(ui, RichText::new("⚠").color(WARNING_COLOR));
                        ui.label(
                            RichText::new(tr!(
                                "gui.export.uri_expected",
                                what = what,
                                uri = expected
                            ))
                            .color(WARNING_COLOR),
                        );
                        let clicked = ui
                            .button(tr!("gui.export.use_it"))
                            .accessible_name(tr!("gui.export.use_it_name", what = what))
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

fn plan_ui(
    ui: &mut Ui,
    export: &mut OnesExport,
    doc: &IntegrationDocument,
    caveats: &[Text],
    commands: &mut Vec<Command>,
) {
    if export.plan.is_pending() {
        spinner_line(ui, &tr!("gui.export.planning"));
        return;
    }
    let mut confirmed_despite = export.confirm_despite_checks;
    match export.plan.ready() {
        Some(Ok((_, plan))) => {
            let stale = export.plan_is_stale(doc);
            let frame = egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                let headline = match plan.action() {
                    PlanAction::Create => tr!("gui.export.plan_create", key = plan.key),
                    PlanAction::Update => tr!("gui.export.plan_update"),
                    PlanAction::NothingToChange => tr!("gui.export.plan_nothing"),
                };
                let headline = ui.label(RichText::new(headline).strong());
                crate::gui::a11y::live(&headline);
                if stale {
                    crate::gui::widgets::severity_line_ui(
                        ui,
                        Severity::Warning,
                        &tr!("gui.export.plan_stale"),
                    );
                }
                Grid::new("export-changes")
                    .num_columns(2)
                    .striped(true)
                    .spacing([12.0, 4.0])
                    .show(ui, |ui| {
                        for diff in plan.changed_fields() {
                            ui.label(localized_field_title(diff.field));
                            ui.add(
                                egui::Label::new(
                                    RichText::new(diff.change.localized_describe()).monospace(),
                                )
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
                            &format!(
                                "{}: {}",
                                localized_field_title(problem.field),
                                problem.localized_message()
                            ),
                        );
                        if ui
                            .small_button(tr!("gui.export.go_to_field"))
                            .accessible_name(tr!(
                                "gui.review.go_to",
                                field = localized_field_title(problem.field)
                            ))
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
                        &format!(
                            "{}: {}",
                            localized_field_title(warning.field),
                            warning.localized_message()
                        ),
                    );
                }
                // Sending something while the checks did not pass is a deliberate choice.
                let caveats = if plan.has_changes() { caveats } else { &[] };
                if !caveats.is_empty() && !plan.is_blocked() {
                    severity_line_ui(ui, Severity::Warning, &tr!("gui.live.caveat.heading"));
                    for caveat in caveats {
                        ui.indent(("caveat", caveat.key()), |ui| {
                            severity_line_ui(ui, Severity::Warning, &caveat.localized());
                        });
                    }
                    ui.checkbox(&mut confirmed_despite, tr!("gui.live.caveat.confirm"));
                }
                let checks_allow = caveats.is_empty() || confirmed_despite;
                ui.horizontal(|ui| {
                    let label = if plan.has_changes() {
                        format!("✔ {}", tr!("gui.export.confirm"))
                    } else {
                        format!("✔ {}", tr!("gui.export.confirm_nothing"))
                    };
                    let confirm = ui.add_enabled(
                        !plan.is_blocked() && !stale && checks_allow,
                        egui::Button::new(RichText::new(label).strong()),
                    );
                    if confirm.accessible_name(tr!("gui.export.confirm")).clicked() {
                        commands.push(Command::ConfirmExport);
                    }
                    if ui
                        .button(tr!("gui.common.cancel"))
                        .accessible_name(tr!("gui.export.cancel_name"))
                        .clicked()
                    {
                        commands.push(Command::CancelExport);
                    }
                });
                if plan.is_blocked() {
                    info_line_ui(ui, &tr!("gui.export.blocked"));
                }
            });
            if crate::gui::command::Reveal::Plan.take(ui.ctx()) {
                frame.response.scroll_to_me(Some(egui::Align::Min));
            }
        }
        Some(Err(error)) => error_ui(ui, error, commands),
        None => {}
    }
    export.confirm_despite_checks = confirmed_despite;
}

fn receipt_ui(
    ui: &mut Ui,
    export: &OnesExport,
    doc: &IntegrationDocument,
    commands: &mut Vec<Command>,
) {
    if export.receipt.is_pending() {
        spinner_line(ui, &tr!("gui.export.exporting"));
        return;
    }
    match export.receipt.ready() {
        Some(Ok(receipt)) => {
            let stale = export.receipt_is_stale(doc);
            if stale {
                info_line_ui(ui, &tr!("gui.export_receipt.stale"));
            }
            let frame = egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                if stale {
                    ui.multiply_opacity(0.55);
                }
                let (icon, text, color) = if receipt.is_verified() {
                    (
                        "✔",
                        tr!(
                            "gui.export.verified",
                            outcome = receipt.outcome.localized_describe()
                        ),
                        PASS_COLOR,
                    )
                } else {
                    (
                        "✖",
                        tr!(
                            "gui.export.differs",
                            outcome = receipt.outcome.localized_describe()
                        ),
                        ERROR_COLOR,
                    )
                };
                let headline =
                    crate::gui::a11y::glyph_line(ui, icon, RichText::new(text).strong(), color);
                crate::gui::a11y::live(&headline);
                for field in receipt.mismatched_fields() {
                    severity_line_ui(
                        ui,
                        Severity::Error,
                        &tr!(
                            "gui.export.field_differs",
                            field = localized_field_title(field)
                        ),
                    );
                }
                for secret in &receipt.secrets {
                    let expiry = secret
                        .expires_on
                        .map(|date| tr!("gui.export.secret_expires", date = date))
                        .unwrap_or_default();
                    let key = if secret.stored {
                        "gui.export.secret_stored"
                    } else {
                        "gui.export.secret_not_stored"
                    };
                    let icon = if secret.verified { "✔" } else { "⚠" };
                    let color = ui.visuals().text_color();
                    crate::gui::a11y::glyph_line(
                        ui,
                        icon,
                        RichText::new(tr!(
                            key,
                            title = localized_field_title(secret.field),
                            expiry = expiry,
                            change = secret.done_text(receipt.outcome).localized()
                        )),
                        color,
                    );
                }
                for note in &receipt.notes {
                    info_line_ui(ui, note);
                }
                if ui
                    .button(format!("📋 {}", tr!("gui.export.copy_receipt")))
                    .accessible_name(tr!("gui.export.copy_receipt"))
                    .clicked()
                {
                    commands.push(Command::Copy {
                        what: tr!("gui.export.receipt_what"),
                        text: receipt.to_markdown(),
                    });
                }
            });
            if crate::gui::command::Reveal::Receipt.take(ui.ctx()) {
                frame.response.scroll_to_me(Some(egui::Align::Min));
            }
        }
        Some(Err(error)) => {
            error_ui(ui, error, commands);
            info_line_ui(ui, &tr!("gui.export.nothing_lost"));
        }
        None => {}
    }
}
