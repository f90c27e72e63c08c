//! The "Room access test" panel on Room settings: the one-time http://localhost setup, the
//! sign-in waiting in the browser, the sign-in's three verdicts and a per-room table, retry of the
//! failed rooms only, and the report to copy.

use egui::{Grid, RichText, Ui};

use crate::gui::command::Command;
use crate::gui::features::room_test::RoomTest;
use crate::gui::widgets::{
    ERROR_COLOR, PASS_COLOR, copyable_value_ui, info_line_ui, portal_button_ui,
};
use crate::i18n::SummaryAndFix as _;
use crate::model::IntegrationDocument;
use crate::rooms::loopback_setup;

pub fn room_test_ui(
    ui: &mut Ui,
    test: &RoomTest,
    doc: &IntegrationDocument,
    commands: &mut Vec<Command>,
) {
    ui.label(tr!("gui.rooms.intro"));
    if let Some(reason) = test.unavailable_reason() {
        crate::gui::widgets::severity_line_ui(ui, crate::model::Severity::Error, reason);
        return;
    }
    loopback_setup_ui(ui, doc, commands);
    let rooms = crate::rooms::unique_mailboxes(&doc.room.mailboxes);
    // The sign-in is redeemed with the server app's secret: one only ONES holds cannot be used.
    let secret_only_in_ones = matches!(
        doc.server_app.secret_state(),
        crate::model::SecretState::StoredInOnes { .. }
    );
    // Why Start is disabled, when it is: the first thing that stops it.
    let blocked_by = if test.is_running() {
        Some(tr!("gui.rooms.running"))
    } else if rooms.is_empty() {
        Some(tr!("gui.rooms.list_first"))
    } else if secret_only_in_ones {
        Some(tr!("gui.rooms.secret_in_ones"))
    } else {
        None
    };
    ui.horizontal_wrapped(|ui| {
        let start = ui
            .add_enabled(
                blocked_by.is_none(),
                egui::Button::new(RichText::new(format!("🔑 {}", tr!("gui.rooms.start"))).strong()),
            )
            .on_disabled_hover_text(blocked_by.unwrap_or_default())
            .accessible_name(tr!("gui.rooms.start"));
        if start.clicked() {
            commands.push(Command::StartRoomTest);
        }
        let retry = ui.add_enabled(
            test.can_retry(),
            egui::Button::new(format!("⟳ {}", tr!("gui.rooms.retry"))),
        );
        if retry.accessible_name(tr!("gui.rooms.retry")).clicked() {
            commands.push(Command::RetryFailedRooms);
        }
        if test.is_running() || test.report().is_some() {
            let close = ui
                .button(tr!("gui.rooms.close"))
                .on_hover_text(tr!("gui.rooms.close_hint"));
            if close.clicked() {
                commands.push(Command::CloseRoomTest);
            }
        }
    });
    if secret_only_in_ones {
        info_line_ui(ui, &tr!("gui.rooms.secret_in_ones"));
    }
    if rooms.is_empty() {
        info_line_ui(ui, &tr!("gui.rooms.none_listed"));
    } else if rooms.len() == 1 {
        info_line_ui(ui, &tr!("gui.rooms.count_one", count = rooms.len()));
    } else {
        info_line_ui(ui, &tr!("gui.rooms.count_other", count = rooms.len()));
    }

    if let Some(prompt) = &test.prompt {
        sign_in_prompt_ui(ui, prompt, commands);
    } else if test.is_running() && test.rooms().is_empty() && test.rooms_in_progress().is_empty() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(tr!("gui.rooms.preparing"));
        });
    }

    if let Some(report) = test.report() {
        sign_in_verdicts_ui(ui, report);
    }

    let stale = test.is_stale(doc);
    if stale {
        info_line_ui(ui, &tr!("gui.rooms.stale"));
    }
    let results = ui.scope(|ui| {
        if stale {
            ui.multiply_opacity(0.55);
        }
        rooms_ui(ui, test, commands);
    });
    if crate::gui::command::Reveal::RoomTest.take(ui.ctx()) {
        results.response.scroll_to_me(Some(egui::Align::Min));
    }
    if let Some(report) = test.report() {
        let (icon, text, color) = if report.ok() {
            ("✔", tr!("gui.rooms.all_ready"), PASS_COLOR)
        } else {
            ("✖", tr!("gui.rooms.not_all_ready"), ERROR_COLOR)
        };
        let verdict = crate::gui::a11y::glyph_line(ui, icon, RichText::new(text).strong(), color);
        crate::gui::a11y::live(&verdict);
        let fixes: Vec<String> = test
            .rooms()
            .iter()
            .filter_map(|room| room.fix_command())
            .collect();
        if fixes.len() > 1 {
            let copy_all = ui
                .button(format!("📋 {}", tr!("gui.rooms.copy_all_fixes")))
                .accessible_name(tr!("gui.rooms.copy_all_fixes"));
            if copy_all.clicked() {
                commands.push(Command::Copy {
                    what: tr!("gui.rooms.all_fixes_what"),
                    text: fixes.join("\n"),
                });
            }
        }
        if ui
            .button(format!("📋 {}", tr!("gui.rooms.copy_report")))
            .accessible_name(tr!("gui.rooms.copy_report"))
            .clicked()
        {
            commands.push(Command::CopyRoomReport);
        }
    }
}

/// The one-time setup: `http://localhost` under Web on the server app, and the reminder to
/// remove it afterwards.
fn loopback_setup_ui(ui: &mut Ui, doc: &IntegrationDocument, commands: &mut Vec<Command>) {
    let setup = loopback_setup(doc);
    ui.add_space(4.0);
    ui.label(RichText::new(tr!("gui.rooms.once_heading")).strong());
    ui.label(tr!("gui.rooms.once_body", platform = setup.platform));
    copyable_value_ui(
        ui,
        commands,
        &tr!("gui.rooms.redirect_what"),
        setup.redirect_uri,
    );
    portal_button_ui(
        ui,
        commands,
        &setup.authentication_page.localized_title(),
        &setup.authentication_page.url,
    );
    info_line_ui(ui, &setup.localized_removal_reminder());
    ui.add_space(6.0);
}

/// The sign-in waiting in the browser: how long it waits, what to do, the page again or its
/// address to copy.
fn sign_in_prompt_ui(
    ui: &mut Ui,
    prompt: &crate::rooms::SignInPrompt,
    commands: &mut Vec<Command>,
) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(
                RichText::new(tr!(
                    "gui.rooms.waiting",
                    minutes = prompt.timeout.as_secs().div_ceil(60)
                ))
                .strong(),
            );
        });
        ui.label(prompt.localized_instructions());
        ui.horizontal_wrapped(|ui| {
            if ui
                .button(format!("↗ {}", tr!("gui.rooms.open_again")))
                .clicked()
            {
                commands.push(Command::OpenUrl {
                    what: tr!("gui.rooms.sign_in_page_what"),
                    url: prompt.authorize_url.clone(),
                });
            }
            if ui
                .button(format!("📋 {}", tr!("gui.rooms.copy_address")))
                .accessible_name(tr!("gui.rooms.copy_address"))
                .clicked()
            {
                commands.push(Command::Copy {
                    what: tr!("gui.rooms.address_what"),
                    text: prompt.authorize_url.clone(),
                });
            }
        });
    });
}

/// The sign-in's verdicts, one row each: status, title, summary, what to do, the AADSTS code.
fn sign_in_verdicts_ui(ui: &mut Ui, report: &crate::rooms::RoomTestReport) {
    Grid::new("sign-in-verdicts")
        .num_columns(2)
        .spacing([10.0, 4.0])
        .show(ui, |ui| {
            for (title, verdict) in report.sign_in.localized_verdicts() {
                crate::gui::features::checks::status_label_ui(ui, verdict.status);
                ui.vertical(|ui| {
                    ui.label(RichText::new(title).strong());
                    ui.label(verdict.localized_summary());
                    if let Some(fix) = verdict.localized_fix() {
                        ui.label(tr!("gui.rooms.what_to_do", fix = fix));
                    }
                    if let Some(code) = verdict.answer.aadsts {
                        ui.label(RichText::new(format!("AADSTS{code}")).monospace().weak());
                    }
                });
                ui.end_row();
            }
        });
}

/// One block per room (status and mailbox, what it means, the fix's command in its own copyable
/// block), full width so a command never wraps into a narrow column.
fn rooms_ui(ui: &mut Ui, test: &RoomTest, commands: &mut Vec<Command>) {
    if test.rooms().is_empty() && test.rooms_in_progress().is_empty() {
        return;
    }
    ui.add_space(6.0);
    for mailbox in test.rooms_in_progress() {
        ui.horizontal_wrapped(|ui| {
            ui.spinner();
            ui.label(RichText::new(mailbox).monospace());
            ui.label(RichText::new(tr!("gui.checks.checking_row")).weak());
        });
    }
    for room in test.rooms() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                crate::gui::features::checks::status_label_ui(ui, room.status);
                ui.label(RichText::new(&room.mailbox).monospace().strong());
            });
            ui.label(room.localized_summary());
            let command = room.fix_command();
            if let Some(fix) = room.localized_fix() {
                let fix = match &command {
                    Some(command) => fix.replace(command.as_str(), "…"),
                    None => fix,
                };
                ui.label(RichText::new(tr!("gui.rooms.what_to_do", fix = fix)).weak());
            }
            if let Some(command) = command {
                command_block_ui(ui, commands, &room.mailbox, &command);
            }
        });
    }
}

/// A command to run as it is: monospace, never wrapped mid-token (it scrolls sideways), with
/// its own Copy button.
fn command_block_ui(ui: &mut Ui, commands: &mut Vec<Command>, mailbox: &str, command: &str) {
    egui::Frame::new()
        .fill(ui.visuals().extreme_bg_color)
        .inner_margin(egui::Margin::same(6))
        .corner_radius(4)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let copy = ui
                .button(format!("📋 {}", tr!("gui.rooms.copy_fix")))
                .accessible_name(tr!("gui.rooms.copy_fix_name", mailbox = mailbox));
            if copy.clicked() {
                commands.push(Command::Copy {
                    what: tr!("gui.rooms.fix_what", mailbox = mailbox),
                    text: command.to_owned(),
                });
            }
            egui::ScrollArea::horizontal()
                .id_salt(("command", mailbox))
                .show(ui, |ui| {
                    ui.add(
                        egui::Label::new(RichText::new(command).monospace())
                            .selectable(true)
                            .extend(),
                    );
                });
        });
}
