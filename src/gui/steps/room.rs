//! Room settings: the redirect URI ONES generates for the server app, the Offision room policy,
//! and the room mailboxes (for the room access test) — beside the portal's Authentication steps.

use egui::{RichText, Ui};

use super::StepContext;
use crate::cloud::PortalPage;
use crate::gui::widgets::{copyable_value_ui, info_line_ui, step_card_ui};
use crate::model::Field;

pub fn form_ui(ui: &mut Ui, ctx: &mut StepContext<'_>) {
    ui.heading("Redirect URI");
    let derived = ctx.derived_room_uri();
    ctx.redirect_field_ui(
        ui,
        Field::RoomRedirectUri,
        "room redirect URI",
        derived,
        |doc| &mut doc.room.redirect_uri,
    );

    ui.heading("Offision policy");
    ctx.checkbox_ui(
        ui,
        Field::OffisionPolicy,
        "Applies the Offision room policy (booking rules such as check-in and auto-release) to Microsoft 365 rooms.",
        |doc| &mut doc.room.offision_policy,
    );

    ui.heading("Rooms to test");
    ctx.list_field_ui(
        ui,
        Field::Mailboxes,
        "room-101@contoso.com\nroom-102@contoso.com",
        true,
        |form| &mut form.mailboxes_text,
        |doc| &mut doc.room.mailboxes,
    );
    info_line_ui(
        ui,
        "Optional. One per line, or paste a comma-separated list. Not sent to ONES as settings — used to \
                      prove each room calendar is delegated to the service account.",
    );
}

pub fn azure_ui(ui: &mut Ui, ctx: &mut StepContext<'_>) {
    let app_id = ctx.doc.server_app.client_id.trim().to_owned();
    let uri = ctx.doc.room.redirect_uri.trim().to_owned();
    step_card_ui(ui, 1, "Authentication → Add platform → Web", |ui| {
        ui.label("In the server app (the one from Server settings), open Authentication, choose Add platform, then Web.");
        ui.label("Paste this into Redirect URIs and choose Configure:");
        if uri.is_empty() {
            info_line_ui(
                ui,
                "The redirect URI appears here once it is entered on the left.",
            );
        } else {
            copyable_value_ui(ui, ctx.commands, "room redirect URI", &uri);
        }
        ui.label(
            RichText::new("Choose Web — not Single-page application or Mobile and desktop.")
                .strong(),
        );
        ctx.app_page_button_ui(ui, PortalPage::Authentication, &app_id);
    });
    step_card_ui(ui, 2, "Offision room policy (optional)", |ui| {
        ui.label("The Offision policy is set in ONES; nothing changes in Azure for it.");
    });
    step_card_ui(ui, 3, "Delegate the room calendars (Exchange)", |ui| {
        ui.label("ONES reaches only room calendars, through the account that signs in with this app. Each room mailbox \
                  must grant that account editor access to its calendar in Exchange — changes can take 24–48 hours.");
    });
}

impl StepContext<'_> {
    fn derived_room_uri(&self) -> Option<String> {
        self.form
            .last_derived
            .as_ref()
            .map(|uris| uris.room.clone())
    }

    pub(super) fn derived_sso_uri(&self) -> Option<String> {
        self.form.last_derived.as_ref().map(|uris| uris.sso.clone())
    }
}
