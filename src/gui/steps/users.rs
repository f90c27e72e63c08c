//! User settings: the SECOND app registration (single sign-on) with its own secret and redirect
//! URI, default user groups, Pager as card number, and the login button's name.

use egui::{RichText, Ui};

use super::StepContext;
use crate::cloud::PortalPage;
use crate::gui::widgets::{copyable_value_ui, info_line_ui, step_card_ui};
use crate::model::Field;

pub fn form_ui(ui: &mut Ui, ctx: &mut StepContext<'_>) {
    ui.heading("Single sign on");
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
        "single sign-on redirect URI",
        derived,
        |doc| &mut doc.sso_app.redirect_uri,
    );

    ui.heading("Others");
    ctx.list_field_ui(
        ui,
        Field::DefaultUserGroups,
        "One group per line",
        false,
        |form| &mut form.groups_text,
        |doc| &mut doc.users.default_user_groups,
    );
    info_line_ui(
        ui,
        "Optional. ONES adds newly synchronized users to these groups.",
    );
    ui.add_space(6.0);
    ctx.checkbox_ui(
        ui,
        Field::PagerAsCardNumber,
        "ONES takes each user's card number from the Pager attribute of their Microsoft 365 account.",
        |doc| &mut doc.users.pager_as_card_number,
    );
    ctx.text_field_ui(
        ui,
        Field::LoginButtonName,
        "Sign in with Microsoft",
        false,
        |doc| &mut doc.users.login_button_name,
    );
    info_line_ui(ui, "The text of the sign-in button on the ONES login page.");
}

pub fn azure_ui(ui: &mut Ui, ctx: &mut StepContext<'_>) {
    let app_id = ctx.doc.sso_app.client_id.trim().to_owned();
    let uri = ctx.doc.sso_app.redirect_uri.trim().to_owned();
    let name = ctx.doc.name.trim();
    let registration_name = if name.is_empty() {
        "ONES sign-in".to_owned()
    } else {
        format!("ONES sign-in ({name})")
    };

    step_card_ui(ui, 1, "Create ANOTHER app registration", |ui| {
        ui.label(
            RichText::new(
                "Single sign-on needs its own app — not the server app from Server settings.",
            )
            .strong(),
        );
        ui.label("In App registrations choose New registration, enter a name and Register. On its Overview, copy the \
                  Application (client) ID into Client ID on the left.");
        copyable_value_ui(
            ui,
            ctx.commands,
            "suggested single sign-on app name",
            &registration_name,
        );
        let url = ctx.portal_url(PortalPage::NewRegistration, "");
        crate::gui::widgets::portal_button_ui(ui, ctx.commands, "New registration", &url);
        if crate::model::validation::is_guid(&app_id) {
            ctx.app_page_button_ui(ui, PortalPage::Overview, &app_id);
        }
    });
    step_card_ui(ui, 2, "Create client secret", |ui| {
        ui.label("In this app open Certificates & secrets → Client secrets → New client secret, choose Add, and copy \
                  the Value (not the Secret ID) at once.");
        copyable_value_ui(
            ui,
            ctx.commands,
            "secret description",
            "Offision Integration",
        );
        ctx.app_page_button_ui(ui, PortalPage::CertificatesSecrets, &app_id);
    });
    step_card_ui(ui, 3, "Authentication → Add platform → Web", |ui| {
        ui.label("Open Authentication, choose Add platform, then Web. Paste this into Redirect URIs and choose Configure:");
        if uri.is_empty() {
            info_line_ui(
                ui,
                "The redirect URI appears here once it is entered on the left.",
            );
        } else {
            copyable_value_ui(ui, ctx.commands, "single sign-on redirect URI", &uri);
        }
        ctx.app_page_button_ui(ui, PortalPage::Authentication, &app_id);
    });
}
