//! The "Room access test" panel on Room settings: the one-time http://localhost setup, the
//! sign-in waiting in the browser, the sign-in's three verdicts and a per-room table, retry of the
//! failed rooms only, and the report to copy.

use egui::{Grid, RichText, Ui};

use super::app::Command;
use super::room_test::RoomTest;
use super::widgets::{
    ERROR_COLOR, PASS_COLOR, WARNING_COLOR, copyable_value_ui, info_line_ui, portal_button_ui,
};
use crate::checks::CheckStatus;
use crate::model::IntegrationDocument;
use crate::rooms::loopback_setup;

fn status_text(status: CheckStatus) -> RichText {
    let (text, color) = match status {
        CheckStatus::Pass => ("✔ Pass", PASS_COLOR),
        CheckStatus::Warn => ("⚠ Warning", WARNING_COLOR),
        CheckStatus::Fail => ("✖ Fail", ERROR_COLOR),
        CheckStatus::Skip => ("⏭ Skipped", egui::Color32::GRAY),
    };
    RichText::new(text).color(color).strong()
}

pub fn room_test_ui(
    ui: &mut Ui,
    test: &RoomTest,
    doc: &IntegrationDocument,
    commands: &mut Vec<Command>,
) {
    ui.label(
        "Proves what ONES needs: the service account signs in through the server app with Calendars.ReadWrite.Shared \
         and offline_access, and can read and write every room calendar delegated to it. Nothing is created or \
         changed in any calendar.",
    );
    if let Some(reason) = test.unavailable_reason() {
        super::widgets::severity_line_ui(ui, crate::model::Severity::Error, reason);
        return;
    }
    let setup = loopback_setup(doc);
    ui.add_space(4.0);
    ui.label(RichText::new("Once: allow the sign-in to come back to this computer").strong());
    ui.label(format!(
        "In the server app, open Authentication → Add a platform → {} and add this redirect URI:",
        setup.platform
    ));
    copyable_value_ui(ui, commands, "room test redirect URI", setup.redirect_uri);
    portal_button_ui(
        ui,
        commands,
        setup.authentication_page.title,
        &setup.authentication_page.url,
    );
    info_line_ui(ui, &setup.removal_reminder);
    ui.add_space(6.0);

    let rooms = crate::rooms::unique_mailboxes(&doc.room.mailboxes);
    ui.horizontal_wrapped(|ui| {
        let start = ui
            .add_enabled(
                !test.is_running() && !rooms.is_empty(),
                egui::Button::new(RichText::new("🔑 Sign in as service account and test").strong()),
            )
            .on_disabled_hover_text("List the room mailboxes on the left first")
            .accessible_name("Sign in as service account and test");
        if start.clicked() {
            commands.push(Command::StartRoomTest);
        }
        let retry = ui.add_enabled(
            test.can_retry(),
            egui::Button::new("⟳ Retry failed rooms only"),
        );
        if retry.accessible_name("Retry failed rooms only").clicked() {
            commands.push(Command::RetryFailedRooms);
        }
        if test.is_running() || test.report().is_some() {
            let close = ui
                .button("Close test")
                .on_hover_text("Stops the test and forgets the sign-in (the token is wiped)");
            if close.clicked() {
                commands.push(Command::CloseRoomTest);
            }
        }
    });
    if rooms.is_empty() {
        info_line_ui(ui, "List the room mailboxes on the left to test them.");
    } else {
        info_line_ui(
            ui,
            &format!(
                "{} room{} will be checked.",
                rooms.len(),
                if rooms.len() == 1 { "" } else { "s" }
            ),
        );
    }

    if let Some(prompt) = &test.prompt {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(
                    RichText::new(format!(
                        "Waiting for the sign-in in your browser (up to {} minutes)…",
                        prompt.timeout.as_secs().div_ceil(60)
                    ))
                    .strong(),
                );
            });
            ui.label(&prompt.instructions);
            ui.horizontal_wrapped(|ui| {
                if ui.button("↗ Open the sign-in page again").clicked() {
                    commands.push(Command::OpenUrl {
                        what: "the sign-in page".to_owned(),
                        url: prompt.authorize_url.clone(),
                    });
                }
                if ui
                    .button("📋 Copy the sign-in address")
                    .accessible_name("Copy the sign-in address")
                    .clicked()
                {
                    commands.push(Command::Copy {
                        what: "sign-in address".to_owned(),
                        text: prompt.authorize_url.clone(),
                    });
                }
            });
        });
    } else if test.is_running() && test.rooms().is_empty() && test.rooms_in_progress().is_empty() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Preparing the sign-in…");
        });
    }

    if let Some(report) = test.report() {
        Grid::new("sign-in-verdicts")
            .num_columns(2)
            .spacing([10.0, 4.0])
            .show(ui, |ui| {
                for (title, verdict) in report.sign_in.verdicts() {
                    ui.label(status_text(verdict.status));
                    ui.vertical(|ui| {
                        ui.label(RichText::new(title).strong());
                        ui.label(&verdict.summary);
                        if let Some(fix) = &verdict.fix {
                            ui.label(format!("What to do: {fix}"));
                        }
                        if let Some(code) = verdict.aadsts {
                            ui.label(RichText::new(format!("AADSTS{code}")).monospace().weak());
                        }
                    });
                    ui.end_row();
                }
            });
    }

    if !test.rooms().is_empty() || !test.rooms_in_progress().is_empty() {
        ui.add_space(6.0);
        Grid::new("room-results")
            .num_columns(3)
            .striped(true)
            .spacing([10.0, 4.0])
            .show(ui, |ui| {
                ui.label(RichText::new("Result").strong());
                ui.label(RichText::new("Room mailbox").strong());
                ui.label(RichText::new("What it means").strong());
                ui.end_row();
                for mailbox in test.rooms_in_progress() {
                    ui.spinner();
                    ui.label(RichText::new(mailbox).monospace());
                    ui.label(RichText::new("checking…").weak());
                    ui.end_row();
                }
                for room in test.rooms() {
                    ui.label(status_text(room.status));
                    ui.label(RichText::new(&room.mailbox).monospace());
                    ui.vertical(|ui| {
                        ui.label(&room.summary);
                        if let Some(fix) = &room.fix {
                            ui.label(RichText::new(format!("What to do: {fix}")).weak());
                        }
                    });
                    ui.end_row();
                }
            });
    }
    if let Some(report) = test.report() {
        let verdict = if report.ok() {
            RichText::new("✔ Every room is ready for ONES.")
                .color(PASS_COLOR)
                .strong()
        } else {
            RichText::new("✖ Not every room is ready — see the table.")
                .color(ERROR_COLOR)
                .strong()
        };
        ui.label(verdict);
        if ui
            .button("📋 Copy room test report")
            .accessible_name("Copy room test report")
            .clicked()
        {
            commands.push(Command::CopyRoomReport);
        }
    }
}
