//! User settings: the SECOND app registration (single sign-on) with its own secret and redirect
//! URI, default user groups, Pager as card number, and the login button's name.

use egui::{RichText, Ui};

use super::{SECRET_DESCRIPTION, StepContext};
use crate::cloud::PortalPage;
use crate::gui::pictures::{Picture, PictureValues, picture_ui};
use crate::gui::widgets::{copyable_value_ui, info_line_ui, step_card_ui};
use crate::model::Field;

pub(crate) struct UsersScreen;

impl super::Screen for UsersScreen {
    fn first_field(&self) -> Option<Field> {
        Some(Field::SsoClientId)
    }

    fn script(&self) -> crate::setup::ScriptKind {
        crate::setup::ScriptKind::Apps
    }

    fn form_ui(&self, ui: &mut Ui, ctx: &mut StepContext<'_>) {
        crate::gui::a11y::section_heading(ui, tr!("gui.users.sso_heading"));
        ctx.text_field_ui(
            ui,
            Field::SsoClientId,
            "00000000-0000-0000-0000-000000000000",
            true,
            |doc| &mut doc.sso_app.client_id,
        );
        ctx.secret_field_ui(ui, Field::SsoClientSecret, |doc| {
            &mut doc.sso_app.client_secret
        });
        ctx.expiry_field_ui(ui, Field::SsoSecretExpiry);
        let derived = ctx.derived_sso_uri();
        ctx.redirect_field_ui(
            ui,
            Field::SsoRedirectUri,
            &tr!("gui.what.sso_redirect"),
            derived,
            |doc| &mut doc.sso_app.redirect_uri,
        );

        crate::gui::a11y::section_heading(ui, tr!("gui.users.others_heading"));
        ctx.list_field_ui(
            ui,
            Field::DefaultUserGroups,
            &tr!("gui.users.groups_hint"),
            false,
            |form| &mut form.groups_text,
            |doc| &mut doc.users.default_user_groups,
        );
        ctx.field_note_ui(ui, &tr!("gui.users.groups_note"));
        ui.add_space(6.0);
        ctx.checkbox_ui(
            ui,
            Field::PagerAsCardNumber,
            &tr!("gui.users.pager_note"),
            |doc| &mut doc.users.pager_as_card_number,
        );
        ctx.text_field_ui(
            ui,
            Field::LoginButtonName,
            "Sign in with Microsoft",
            false,
            |doc| &mut doc.users.login_button_name,
        );
        ctx.field_note_ui(ui, &tr!("gui.users.login_note"));
    }

    fn azure_ui(&self, ui: &mut Ui, ctx: &mut StepContext<'_>) {
        let app_id = ctx.doc.sso_app.client_id.trim().to_owned();
        let uri = ctx.doc.sso_app.redirect_uri.trim().to_owned();
        let name = ctx.doc.name.trim();
        let registration_name = if name.is_empty() {
            tr!("gui.names.sso_app")
        } else {
            tr!("gui.names.sso_app_for", name = name)
        };

        let values = PictureValues::for_cloud(ctx.cloud())
            .with_app_name(&registration_name)
            .with_ids(&ctx.doc.sso_app.client_id, &ctx.doc.server_app.tenant_id)
            .with_redirect_uri(&uri)
            .with_secret_description(SECRET_DESCRIPTION);
        step_card_ui(ui, 1, &tr!("gui.azure.another_registration"), |ui| {
            picture_ui(ui, Picture::NewRegistration, &values);
            ui.label(RichText::new(tr!("gui.azure.own_app")).strong());
            ui.label(tr!("gui.azure.sso_registration_body"));
            copyable_value_ui(
                ui,
                ctx.commands,
                &tr!("gui.what.suggested_sso_app_name"),
                &registration_name,
            );
            let url = ctx.portal_url(PortalPage::NewRegistration, "");
            crate::gui::widgets::portal_button_ui(
                ui,
                ctx.commands,
                &PortalPage::NewRegistration.localized_title(),
                &url,
            );
            if crate::model::validation::is_guid(&app_id) {
                ctx.app_page_button_ui(ui, PortalPage::Overview, &app_id);
            }
        });
        step_card_ui(ui, 2, &tr!("gui.azure.create_secret"), |ui| {
            picture_ui(ui, Picture::ClientSecret, &values);
            ui.label(tr!("gui.azure.sso_secret_body"));
            copyable_value_ui(
                ui,
                ctx.commands,
                &tr!("gui.what.secret_description"),
                SECRET_DESCRIPTION,
            );
            ctx.app_page_button_ui(ui, PortalPage::CertificatesSecrets, &app_id);
        });
        step_card_ui(ui, 3, &tr!("gui.azure.add_web_platform"), |ui| {
            picture_ui(ui, Picture::AuthenticationWeb, &values);
            ui.label(tr!("gui.azure.sso_auth_body"));
            if uri.is_empty() {
                info_line_ui(ui, &tr!("gui.azure.uri_appears"));
            } else {
                copyable_value_ui(ui, ctx.commands, &tr!("gui.what.sso_redirect"), &uri);
            }
            ctx.app_page_button_ui(ui, PortalPage::Authentication, &app_id);
        });
    }
}
