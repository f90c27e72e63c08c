//! Server settings: the integration's name, the service operator, and the first app registration
//! (tenant, client ID, client secret) — beside the portal steps that create it.

use egui::{RichText, Ui};

use super::{SECRET_DESCRIPTION, StepContext};
use crate::cloud::{PortalPage, SERVER_APP_PERMISSIONS};
use crate::gui::pictures::{Picture, PictureValues, picture_ui};
use crate::gui::widgets::{
    copyable_value_ui, field_label_ui, info_line_ui, portal_button_ui, step_card_ui,
};
use crate::model::{Field, Operator};

pub(crate) struct ServerScreen;

impl super::Screen for ServerScreen {
    fn first_field(&self) -> Option<Field> {
        Some(Field::Name)
    }

    fn script(&self) -> crate::setup::ScriptKind {
        crate::setup::ScriptKind::Apps
    }

    fn form_ui(&self, ui: &mut Ui, ctx: &mut StepContext<'_>) {
        crate::gui::a11y::section_heading(ui, tr!("gui.server.getting_started"));
        ctx.text_field_ui(
            ui,
            Field::Name,
            &tr!("gui.server.name_hint"),
            false,
            |doc| &mut doc.name,
        );
        ctx.field_note_ui(ui, &tr!("gui.server.name_note"));
        ui.add_space(6.0);

        let operator_label = Field::Operator.localized_label();
        field_label_ui(ui, &operator_label, true);
        let operator_note = match ctx.doc.operator {
            Operator::Microsoft => {
                tr!("gui.server.operator_global")
            }
            Operator::Vianet21 => {
                tr!("gui.server.operator_china")
            }
        };
        // The radio buttons are one group named by the field's label, described by the note.
        let group = crate::gui::a11y::group(
            ui,
            egui::accesskit::Role::RadioGroup,
            Some(&operator_label),
            |ui| {
                crate::gui::a11y::set_required(ui, ui.unique_id());
                ui.horizontal(|ui| {
                    for operator in Operator::ALL {
                        let response =
                            ui.radio_value(&mut ctx.doc.operator, operator, operator.ones_label());
                        if ctx.focus_request.as_ref() == Some(&Field::Operator)
                            && operator == ctx.doc.operator
                        {
                            response.request_focus();
                            *ctx.focus_request = None;
                        }
                    }
                });
                ui.unique_id()
            },
        );
        let shown = info_line_ui(ui, &operator_note);
        crate::gui::a11y::describe(ui, group, Some(shown.id), &operator_note);
        ui.add_space(8.0);

        ctx.text_field_ui(
            ui,
            Field::OnesUrl,
            "https://ones.example.com",
            true,
            |doc| &mut doc.ones_url,
        );

        ui.add_space(4.0);
        crate::gui::a11y::section_heading(ui, tr!("gui.server.create_registrations"));
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
            &tr!("gui.server.tenant_hint"),
            true,
            |doc| &mut doc.server_app.tenant_id,
        );

        crate::gui::a11y::section_heading(ui, tr!("gui.server.create_secret"));
        ctx.secret_field_ui(ui, Field::ServerClientSecret, |doc| {
            &mut doc.server_app.client_secret
        });
        ctx.expiry_field_ui(ui, Field::ServerSecretExpiry);
    }

    fn azure_ui(&self, ui: &mut Ui, ctx: &mut StepContext<'_>) {
        let app_id = ctx.doc.server_app.client_id.trim().to_owned();
        let has_app = crate::model::validation::is_guid(&app_id);
        let name = ctx.doc.name.trim();
        let registration_name = if name.is_empty() {
            tr!("gui.names.server_app")
        } else {
            tr!("gui.names.server_app_for", name = name)
        };

        let values = PictureValues::for_cloud(ctx.cloud())
            .with_app_name(&registration_name)
            .with_ids(&ctx.doc.server_app.client_id, &ctx.doc.server_app.tenant_id)
            .with_secret_description(SECRET_DESCRIPTION);
        step_card_ui(ui, 1, &tr!("gui.azure.create_registration"), |ui| {
            picture_ui(ui, Picture::NewRegistration, &values);
            ui.label(tr!("gui.azure.create_registration_body"));
            copyable_value_ui(
                ui,
                ctx.commands,
                &tr!("gui.what.suggested_app_name"),
                &registration_name,
            );
            let url = ctx.portal_url(PortalPage::NewRegistration, "");
            portal_button_ui(
                ui,
                ctx.commands,
                &PortalPage::NewRegistration.localized_title(),
                &url,
            );
            ui.add_space(4.0);
            ui.label(tr!("gui.azure.copy_ids"));
            picture_ui(ui, Picture::OverviewIds, &values);
            if has_app {
                ctx.app_page_button_ui(ui, PortalPage::Overview, &app_id);
            }
        });

        step_card_ui(ui, 2, &tr!("gui.azure.grant_permission"), |ui| {
            picture_ui(ui, Picture::ApiPermissions, &values);
            ui.label(tr!("gui.azure.grant_permission_body"));
            for permission in SERVER_APP_PERMISSIONS {
                copyable_value_ui(
                    ui,
                    ctx.commands,
                    &tr!("gui.what.permission", permission = permission),
                    permission,
                );
            }
            ui.label(RichText::new(tr!("gui.azure.delegated_not_application")).strong());
            ctx.app_page_button_ui(ui, PortalPage::ApiPermissions, &app_id);
        });

        step_card_ui(ui, 3, &tr!("gui.server.create_secret"), |ui| {
            picture_ui(ui, Picture::ClientSecret, &values);
            ui.label(tr!("gui.azure.secret_body"));
            copyable_value_ui(
                ui,
                ctx.commands,
                &tr!("gui.what.secret_description"),
                SECRET_DESCRIPTION,
            );
            ui.label(RichText::new(tr!("gui.azure.copy_value_now")).strong());
            ctx.app_page_button_ui(ui, PortalPage::CertificatesSecrets, &app_id);
        });
    }
}
