//! Room settings: the redirect URI ONES generates for the server app, the Offision room policy,
//! and the room mailboxes (for the room access test) — beside the portal's Authentication steps.

use egui::{RichText, Ui};

use super::StepContext;
use crate::cloud::PortalPage;
use crate::gui::features::Features;
use crate::gui::pictures::{Picture, PictureValues, picture_ui};
use crate::gui::widgets::{copyable_value_ui, info_line_ui, step_card_ui};
use crate::model::Field;

pub(crate) struct RoomScreen;

impl super::Screen for RoomScreen {
    fn first_field(&self) -> Option<Field> {
        Some(Field::RoomRedirectUri)
    }

    fn script(&self) -> crate::setup::ScriptKind {
        crate::setup::ScriptKind::Rooms
    }

    fn cards_ui(&self, ui: &mut Ui, ctx: &mut StepContext<'_>, features: &mut Features<'_>) {
        crate::gui::widgets::step_card_ui(ui, 4, &tr!("gui.rooms.title"), |ui| {
            crate::gui::features::room_test::room_test_ui(
                ui,
                features.room_test,
                ctx.doc,
                ctx.commands,
            );
        });
    }

    fn form_ui(&self, ui: &mut Ui, ctx: &mut StepContext<'_>) {
        crate::gui::a11y::section_heading(ui, tr!("gui.room.redirect_heading"));
        let derived = ctx.derived_room_uri();
        ctx.redirect_field_ui(
            ui,
            Field::RoomRedirectUri,
            &tr!("gui.what.room_redirect"),
            derived,
            |doc| &mut doc.room.redirect_uri,
        );

        crate::gui::a11y::section_heading(ui, tr!("gui.room.policy_heading"));
        ctx.checkbox_ui(
            ui,
            Field::OffisionPolicy,
            &tr!("gui.room.policy_note"),
            |doc| &mut doc.room.offision_policy,
        );

        crate::gui::a11y::section_heading(ui, tr!("gui.room.rooms_heading"));
        ctx.list_field_ui(
            ui,
            Field::Mailboxes,
            "room-101@contoso.com\nroom-102@contoso.com",
            true,
            |form| &mut form.mailboxes_text,
            |doc| &mut doc.room.mailboxes,
        );
        ctx.field_note_ui(ui, &tr!("gui.room.mailboxes_note"));
    }

    fn azure_ui(&self, ui: &mut Ui, ctx: &mut StepContext<'_>) {
        let app_id = ctx.doc.server_app.client_id.trim().to_owned();
        let uri = ctx.doc.room.redirect_uri.trim().to_owned();
        let values = PictureValues::for_cloud(ctx.cloud())
            .with_ids(&ctx.doc.server_app.client_id, &ctx.doc.server_app.tenant_id)
            .with_redirect_uri(&uri);
        step_card_ui(ui, 1, &tr!("gui.azure.add_web_platform"), |ui| {
            picture_ui(ui, Picture::AuthenticationWeb, &values);
            ui.label(tr!("gui.azure.room_auth_body"));
            ui.label(tr!("gui.azure.paste_configure"));
            if uri.is_empty() {
                info_line_ui(ui, &tr!("gui.azure.uri_appears"));
            } else {
                copyable_value_ui(ui, ctx.commands, &tr!("gui.what.room_redirect"), &uri);
            }
            ui.label(RichText::new(tr!("gui.azure.choose_web")).strong());
            ctx.app_page_button_ui(ui, PortalPage::Authentication, &app_id);
        });
        step_card_ui(ui, 2, &tr!("gui.azure.policy_card"), |ui| {
            ui.label(tr!("gui.azure.policy_body"));
        });
        step_card_ui(ui, 3, &tr!("gui.azure.delegate_card"), |ui| {
            ui.label(tr!("gui.azure.delegate_body"));
        });
    }
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
