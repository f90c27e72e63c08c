//! The five pictures, one drawing function each: which portal page, what is on it, and which
//! places get a numbered ring. Built from the portal parts and primitives of the canvas; the
//! words come from `text`.

use egui::{Align2, Rect, pos2, vec2};

use super::canvas::{BODY, Badge, Canvas, SMALL, SUBTITLE, rect};
use super::portal::{
    CONTENT_LEFT, CONTENT_RIGHT, ENTRA_MENU, Icon, MENU_TOP, MenuEntry, PANE_FOOTER_TOP, PANE_PAD,
};
use super::{DESIGN_WIDTH, PictureValues, text};
use crate::cloud::{PortalPage, SERVER_APP_PERMISSIONS};

/// Left edges of the context panes.
const NEW_REGISTRATION_PANE: f32 = 240.0;
const API_PANE: f32 = 228.0;
const PLATFORM_PANE: f32 = 214.0;

pub(super) fn draw_new_registration(c: &Canvas, values: &PictureValues) {
    c.portal_frame(values.host());
    c.blade_title(
        &PortalPage::AppList.localized_title(),
        None,
        NEW_REGISTRATION_PANE,
    );
    c.menu(&ENTRA_MENU, MenuEntry::Page(PortalPage::AppList));
    let p = &c.pal;

    let new = c.command(
        CONTENT_LEFT,
        MENU_TOP + 7.0,
        &text::l(text::NEW_REGISTRATION),
    );
    let header_y = MENU_TOP + 26.0;
    c.text(
        pos2(CONTENT_LEFT, header_y),
        Align2::LEFT_CENTER,
        &text::l(text::DISPLAY_NAME),
        SMALL,
        p.weak,
        100.0,
    );
    c.hline(CONTENT_LEFT, CONTENT_RIGHT, header_y + 6.0, p.line);
    for (i, w) in [70.0, 52.0, 62.0, 46.0].into_iter().enumerate() {
        let y = header_y + 15.0 + i as f32 * 13.0;
        c.fill(
            rect(CONTENT_LEFT, y - 3.5, 7.0, 7.0),
            c.radius(1.5),
            p.placeholder,
        );
        c.placeholder(CONTENT_LEFT + 11.0, y, w);
    }

    let pane = c.pane(
        NEW_REGISTRATION_PANE,
        &text::l(text::REGISTER_AN_APPLICATION),
    );
    let left = pane.left() + PANE_PAD;
    let right = pane.right() - 10.0;
    let name_label = c.text(
        pos2(left, 56.0),
        Align2::LEFT_CENTER,
        &text::l(text::NAME),
        BODY,
        p.strong,
        80.0,
    );
    c.text(
        pos2(name_label.right(), 56.0),
        Align2::LEFT_CENTER,
        text::REQUIRED_MARK,
        BODY,
        p.negative,
        10.0,
    );
    let field = rect(left, 65.0, right - left, 14.0);
    c.field(field, values.app_name.trim());
    c.text(
        pos2(left, 92.0),
        Align2::LEFT_CENTER,
        &text::l(text::SUPPORTED_ACCOUNT_TYPES),
        SMALL,
        p.weak,
        right - left,
    );
    c.radio(pos2(left + 3.5, 104.0), true);
    c.text(
        pos2(left + 10.0, 104.0),
        Align2::LEFT_CENTER,
        &text::l(text::THIS_DIRECTORY_ONLY),
        SMALL,
        p.text,
        right - left - 10.0,
    );
    c.radio(pos2(left + 3.5, 115.0), false);
    c.text(
        pos2(left + 10.0, 115.0),
        Align2::LEFT_CENTER,
        &text::l(text::ANY_DIRECTORY),
        SMALL,
        p.weak,
        right - left - 10.0,
    );
    let register = c.primary_button(left, PANE_FOOTER_TOP + 6.5, &text::l(text::REGISTER));
    c.outline_frame();

    c.mark(new, 1, Badge::Left);
    c.mark(field, 2, Badge::Left);
    c.mark(register, 3, Badge::Left);
}

pub(super) fn draw_overview_ids(c: &Canvas, values: &PictureValues) {
    c.app_page(values, PortalPage::Overview, DESIGN_WIDTH);
    let p = &c.pal;
    c.text(
        pos2(CONTENT_LEFT, MENU_TOP + 7.0),
        Align2::LEFT_CENTER,
        &text::l(text::ESSENTIALS),
        BODY,
        p.strong,
        100.0,
    );
    c.hline(CONTENT_LEFT, CONTENT_RIGHT, MENU_TOP + 14.0, p.line);
    let label_w = 92.0;
    let value_x = CONTENT_LEFT + label_w + 6.0;
    let value_w = CONTENT_RIGHT - value_x - 12.0;
    let app_title = values.app_title();
    let rows: [(&str, Option<&str>, Option<u8>); 4] = [
        (&text::l(text::DISPLAY_NAME), Some(&app_title), None),
        (
            &text::l(text::CLIENT_ID),
            Some(values.client_id.trim()),
            Some(1),
        ),
        (&text::l(text::OBJECT_ID), None, None),
        (
            &text::l(text::TENANT_ID),
            Some(values.tenant_id.trim()),
            Some(2),
        ),
    ];
    for (i, (label, value, mark)) in rows.into_iter().enumerate() {
        let y = MENU_TOP + 26.0 + i as f32 * 16.0;
        let highlighted = mark.is_some();
        c.text(
            pos2(CONTENT_LEFT, y),
            Align2::LEFT_CENTER,
            label,
            BODY,
            if highlighted { p.strong } else { p.weak },
            label_w,
        );
        let value_rect = match value {
            Some(value) if !value.is_empty() => {
                let color = if i == 0 { p.accent } else { p.text };
                c.text(
                    pos2(value_x, y),
                    Align2::LEFT_CENTER,
                    value,
                    BODY,
                    color,
                    value_w,
                )
            }
            _ => {
                let w = if highlighted { 110.0 } else { 90.0 };
                c.placeholder(value_x, y, w);
                rect(value_x, y - 4.0, w, 8.0)
            }
        };
        if let Some(number) = mark {
            let icon_x = value_rect.right() + 4.0;
            c.copy_icon(pos2(icon_x, y), p.accent);
            let ring = Rect::from_min_max(pos2(CONTENT_LEFT, y - 5.5), pos2(icon_x + 6.5, y + 5.5));
            c.mark(ring, number, Badge::Left);
        }
    }
    c.outline_frame();
}

pub(super) fn draw_api_permissions(c: &Canvas, values: &PictureValues) {
    c.app_page(values, PortalPage::ApiPermissions, API_PANE);
    let p = &c.pal;
    c.text(
        pos2(CONTENT_LEFT, MENU_TOP + 7.0),
        Align2::LEFT_CENTER,
        &text::l(text::CONFIGURED_PERMISSIONS),
        BODY,
        p.strong,
        110.0,
    );
    let add = c.command(
        CONTENT_LEFT,
        MENU_TOP + 22.0,
        &text::l(text::ADD_A_PERMISSION),
    );
    let header_y = MENU_TOP + 38.0;
    c.text(
        pos2(CONTENT_LEFT, header_y),
        Align2::LEFT_CENTER,
        &text::l(text::API_PERMISSION_NAME),
        SMALL,
        p.weak,
        80.0,
    );
    c.hline(CONTENT_LEFT, 220.0, header_y + 6.0, p.line);
    c.text(
        pos2(CONTENT_LEFT, header_y + 14.0),
        Align2::LEFT_CENTER,
        text::MICROSOFT_GRAPH,
        BODY,
        p.text,
        100.0,
    );
    c.placeholder(CONTENT_LEFT + 6.0, header_y + 26.0, 40.0);

    let pane = c.pane(API_PANE, &text::l(text::REQUEST_API_PERMISSIONS));
    let left = pane.left() + PANE_PAD;
    let right = pane.right() - 10.0;
    let graph_y = 60.0;
    c.circle(pos2(left + 3.5, graph_y), 3.5, p.accent, None);
    let graph_label = c.text(
        pos2(left + 10.0, graph_y),
        Align2::LEFT_CENTER,
        text::MICROSOFT_GRAPH,
        BODY,
        p.strong,
        right - left - 10.0,
    );
    let graph = Rect::from_min_max(pos2(left, graph_label.top()), graph_label.max);
    let tile_w = (right - left - 6.0) / 2.0;
    let delegated = rect(left, 71.0, tile_w, 21.0);
    let application = delegated.translate(vec2(tile_w + 6.0, 0.0));
    c.boxed(delegated, 2.0, p.accent_soft, p.accent);
    c.boxed(application, 2.0, p.page, p.line);
    c.wrapped_text(
        delegated.center(),
        egui::Align::Center,
        &text::l(text::DELEGATED_PERMISSIONS),
        SMALL,
        p.strong,
        tile_w - 6.0,
    );
    c.wrapped_text(
        application.center(),
        egui::Align::Center,
        &text::l(text::APPLICATION_PERMISSIONS),
        SMALL,
        p.weak,
        tile_w - 6.0,
    );
    for (i, permission) in SERVER_APP_PERMISSIONS.into_iter().enumerate() {
        let y = 103.0 + i as f32 * 12.0;
        c.checkbox(pos2(left + 4.0, y));
        c.text(
            pos2(left + 12.0, y),
            Align2::LEFT_CENTER,
            permission,
            BODY,
            p.strong,
            right - left - 12.0,
        );
    }
    let button = c.primary_button(left, PANE_FOOTER_TOP + 6.5, &text::l(text::ADD_PERMISSIONS));
    c.outline_frame();

    c.mark(add, 1, Badge::Left);
    c.mark(graph, 2, Badge::Left);
    c.mark(delegated, 3, Badge::Left);
    c.mark(button, 4, Badge::Left);
}

pub(super) fn draw_client_secret(c: &Canvas, values: &PictureValues) {
    c.app_page(values, PortalPage::CertificatesSecrets, DESIGN_WIDTH);
    let p = &c.pal;
    let tabs_y = MENU_TOP + 7.0;
    let mut x = CONTENT_LEFT;
    let mut secrets_tab = Rect::NOTHING;
    for (label, active) in [
        (&text::l(text::CERTIFICATES_TAB), false),
        (&text::l(text::CLIENT_SECRETS_TAB), true),
        (&text::l(text::FEDERATED_TAB), false),
    ] {
        let color = if active { p.strong } else { p.weak };
        let r = c.text(
            pos2(x, tabs_y),
            Align2::LEFT_CENTER,
            label,
            SMALL,
            color,
            CONTENT_RIGHT - x,
        );
        if active {
            c.fill(rect(r.left(), tabs_y + 5.0, r.width(), 1.6), 0, p.accent);
            secrets_tab = Rect::from_min_max(r.min, pos2(r.right(), tabs_y + 6.6));
        }
        // Room for the badge right of the active tab.
        x = r.right() + if active { 22.0 } else { 10.0 };
    }
    c.hline(CONTENT_LEFT, CONTENT_RIGHT, tabs_y + 6.6, p.line);
    let new = c.command(
        CONTENT_LEFT,
        MENU_TOP + 24.0,
        &text::l(text::NEW_CLIENT_SECRET),
    );

    // The table: Description | Expires | Value | Secret ID.
    let columns = [CONTENT_LEFT, 200.0, 244.0, 340.0];
    let header_y = MENU_TOP + 42.0;
    let row_y = header_y + 15.0;
    let headers = [
        &text::l(text::DESCRIPTION),
        &text::l(text::EXPIRES),
        &text::l(text::VALUE),
        &text::l(text::SECRET_ID),
    ];
    let mut secret_id_header = Rect::NOTHING;
    for (i, header) in headers.into_iter().enumerate() {
        let (color, size) = match i {
            2 => (p.strong, BODY),
            _ => (p.weak, SMALL),
        };
        let right = columns.get(i + 1).copied().unwrap_or(CONTENT_RIGHT - 12.0);
        secret_id_header = c.text(
            pos2(columns[i], header_y),
            Align2::LEFT_CENTER,
            header,
            size,
            color,
            right - columns[i] - 6.0,
        );
    }
    c.hline(CONTENT_LEFT, CONTENT_RIGHT, header_y + 6.5, p.line);
    let description = values.secret_description.trim();
    if description.is_empty() {
        c.placeholder(columns[0], row_y, 60.0);
    } else {
        c.text(
            pos2(columns[0], row_y),
            Align2::LEFT_CENTER,
            description,
            BODY,
            p.text,
            columns[1] - columns[0] - 6.0,
        );
    }
    c.placeholder(columns[1], row_y, 24.0);
    c.placeholder(columns[2], row_y, 66.0);
    c.copy_icon(pos2(columns[2] + 70.0, row_y), p.accent);
    c.placeholder(columns[3], row_y, 50.0);
    c.copy_icon(pos2(columns[3] + 54.0, row_y), p.weak);
    c.hline(CONTENT_LEFT, CONTENT_RIGHT, row_y + 7.5, p.line);
    let secret_id_header = secret_id_header;
    c.not_this(pos2(secret_id_header.right() + 7.0, header_y));
    c.outline_frame();

    let value_column = Rect::from_min_max(
        pos2(columns[2] - 1.0, header_y - 5.5),
        pos2(columns[3] - 6.0, row_y + 5.5),
    );
    c.mark(secrets_tab, 1, Badge::Right);
    c.mark(new, 2, Badge::Left);
    c.mark(value_column, 3, Badge::Left);
}

pub(super) fn draw_authentication_web(c: &Canvas, values: &PictureValues) {
    c.app_page(values, PortalPage::Authentication, PLATFORM_PANE);
    let p = &c.pal;
    c.text(
        pos2(CONTENT_LEFT, MENU_TOP + 7.0),
        Align2::LEFT_CENTER,
        &text::l(text::PLATFORM_CONFIGURATIONS),
        BODY,
        p.strong,
        90.0,
    );
    c.placeholder(CONTENT_LEFT, MENU_TOP + 18.0, 82.0);
    c.placeholder(CONTENT_LEFT, MENU_TOP + 25.0, 60.0);
    let add = c.command(
        CONTENT_LEFT,
        MENU_TOP + 38.0,
        &text::l(text::ADD_A_PLATFORM),
    );

    let pane = c.pane(PLATFORM_PANE, &text::l(text::CONFIGURE_PLATFORMS));
    let left = pane.left() + PANE_PAD;
    let right = pane.right() - 10.0;
    let gap = 5.0;
    let tile_w = (right - left - 2.0 * gap) / 3.0;
    let tiles = [
        (text::WEB, Icon::Globe),
        (&text::l(text::SINGLE_PAGE_APP), Icon::Browser),
        (&text::l(text::MOBILE_DESKTOP), Icon::Devices),
    ];
    let mut web_tile = Rect::NOTHING;
    for (i, (label, icon)) in tiles.into_iter().enumerate() {
        let tile = rect(left + i as f32 * (tile_w + gap), 50.0, tile_w, 32.0);
        let selected = i == 0;
        if selected {
            c.boxed(tile, 2.0, p.accent_soft, p.accent);
            web_tile = tile;
        } else {
            c.boxed(tile, 2.0, p.page, p.line);
        }
        let color = if selected { p.accent } else { p.weak };
        c.icon(icon, pos2(tile.center().x, tile.top() + 8.0), color);
        c.wrapped_text(
            pos2(tile.center().x, tile.top() + 14.0),
            egui::Align::Min,
            label,
            SMALL,
            if selected { p.strong } else { p.weak },
            tile_w - 4.0,
        );
    }
    c.hline(left, right, 86.0, p.line);
    c.text(
        pos2(left, 94.5),
        Align2::LEFT_CENTER,
        &text::l(text::CONFIGURE_WEB),
        SUBTITLE,
        p.strong,
        right - left,
    );
    let label = c.text(
        pos2(left, 108.5),
        Align2::LEFT_CENTER,
        &text::l(text::REDIRECT_URIS),
        BODY,
        p.strong,
        right - left,
    );
    c.text(
        pos2(label.right(), 108.5),
        Align2::LEFT_CENTER,
        text::REQUIRED_MARK,
        BODY,
        p.negative,
        10.0,
    );
    let field = rect(left, 117.0, right - left, 14.0);
    c.field(field, values.redirect_uri.trim());
    let button = c.primary_button(left, PANE_FOOTER_TOP + 6.5, &text::l(text::CONFIGURE));
    c.outline_frame();

    c.mark(add, 1, Badge::Left);
    c.mark(web_tile, 2, Badge::Left);
    c.mark(field, 3, Badge::Left);
    c.mark(button, 4, Badge::Left);
}
