//! Server settings: the integration's name, the service operator, and the first app registration
//! (tenant, client ID, client secret) — beside the portal steps that create it.

use egui::{RichText, Ui};

use super::StepContext;
use crate::cloud::{PortalPage, SERVER_APP_PERMISSIONS};
use crate::gui::widgets::{
    copyable_value_ui, field_label_ui, info_line_ui, portal_button_ui, step_card_ui,
};
use crate::model::{Field, Operator};

pub fn form_ui(ui: &mut Ui, ctx: &mut StepContext<'_>) {
    ui.heading("Getting started");
    ctx.text_field_ui(ui, Field::Name, "e.g. Head office", false, |doc| {
        &mut doc.name
    });
    info_line_ui(ui, "Identifies this integration in ONES.");
    ui.add_space(6.0);

    field_label_ui(ui, Field::Operator.label(), true);
    ui.horizontal(|ui| {
        for operator in Operator::ALL {
            let response = ui.radio_value(&mut ctx.doc.operator, operator, operator.ones_label());
            if ctx.focus_request.as_ref() == Some(&Field::Operator) && operator == ctx.doc.operator
            {
                response.request_focus();
                *ctx.focus_request = None;
            }
        }
    });
    let operator_note = match ctx.doc.operator {
        Operator::Microsoft => {
            "Microsoft is the global cloud: register both apps on portal.azure.com."
        }
        Operator::Vianet21 => {
            "21Vianet is the Mainland China cloud: register both apps on portal.azure.cn — apps from the \
                               global portal do not exist there."
        }
    };
    info_line_ui(ui, operator_note);
    ui.add_space(8.0);

    ctx.text_field_ui(
        ui,
        Field::OnesUrl,
        "https://ones.example.com",
        true,
        |doc| &mut doc.ones_url,
    );

    ui.add_space(4.0);
    ui.heading("Create App registrations");
    ctx.text_field_ui(
        ui,
        Field::ServerClientId,
        "00000000-0000-0000-0000-000000000000",
        true,
        |doc| &mut doc.server_app.client_id,
    );
    ctx.text_field_ui(
        ui,
        Field::TenantId,
        "GUID or contoso.onmicrosoft.com",
        true,
        |doc| &mut doc.server_app.tenant_id,
    );

    ui.heading("Create client secret");
    ctx.secret_field_ui(ui, Field::ServerClientSecret, |doc| {
        &mut doc.server_app.client_secret
    });
    ctx.expiry_field_ui(ui, Field::ServerSecretExpiry);
}

pub fn azure_ui(ui: &mut Ui, ctx: &mut StepContext<'_>) {
    let app_id = ctx.doc.server_app.client_id.trim().to_owned();
    let has_app = crate::model::validation::is_guid(&app_id);
    let name = ctx.doc.name.trim();
    let registration_name = if name.is_empty() {
        "ONES room calendars".to_owned()
    } else {
        format!("ONES room calendars ({name})")
    };

    step_card_ui(ui, 1, "Create app registration", |ui| {
        ui.label("In the Azure portal, open App registrations and choose New registration. Enter a name (it is only for \
                  you), keep \"Accounts in this organizational directory only\", and choose Register.");
        copyable_value_ui(ui, ctx.commands, "suggested app name", &registration_name);
        let url = ctx.portal_url(PortalPage::NewRegistration, "");
        portal_button_ui(ui, ctx.commands, "New registration", &url);
        ui.add_space(4.0);
        ui.label("On the app's Overview, copy Application (client) ID and Directory (tenant) ID into the fields on the left.");
        if has_app {
            ctx.app_page_button_ui(ui, PortalPage::Overview, &app_id);
        }
    });

    step_card_ui(ui, 2, "Grant API permission", |ui| {
        ui.label("Open API permissions → Add a permission → Microsoft Graph → Delegated permissions, select these three, \
                  then choose Add permissions:");
        for permission in SERVER_APP_PERMISSIONS {
            copyable_value_ui(
                ui,
                ctx.commands,
                &format!("permission {permission}"),
                permission,
            );
        }
        ui.label(RichText::new("Delegated — not Application permissions.").strong());
        ctx.app_page_button_ui(ui, PortalPage::ApiPermissions, &app_id);
    });

    step_card_ui(ui, 3, "Create client secret", |ui| {
        ui.label("Open Certificates & secrets → Client secrets → New client secret. Enter a description, pick an expiry \
                  (at most 24 months) and choose Add.");
        copyable_value_ui(
            ui,
            ctx.commands,
            "secret description",
            "Offision Integration",
        );
        ui.label(RichText::new("Copy the Value column right away — not the Secret ID. The Value is shown only once.").strong());
        ctx.app_page_button_ui(ui, PortalPage::CertificatesSecrets, &app_id);
    });
}
