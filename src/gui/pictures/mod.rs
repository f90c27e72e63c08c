//! Schematic pictures of the Azure portal pages the portal steps happen on: a simplified portal
//! frame (address bar, top bar, blade menu, content, context pane) drawn with egui's painter, the
//! places to click ringed in the accent colour with numbered badges, and the values to paste
//! shown where they go. Vector shapes only — no screenshots of Microsoft's portal, no textures.
//!
//! Everything is drawn in a fixed design space ([`DESIGN_WIDTH`] × [`DESIGN_HEIGHT`] units) that
//! is mapped onto the allocated rectangle, so a picture is the same drawing at every width and
//! crisp at every `pixels_per_point` (egui rasterises points). Colours come from `ui.visuals()`,
//! so dark and light mode both work. Every picture is an accessible image with alt text
//! ([`Picture::alt_text`]) and the same text as hover tooltip.
//!
//! All words shown to people live in `text` (one place, for the translation catalogues).
//! Depends on egui and `crate::cloud` only.

use egui::epaint::Shadow;
use egui::{
    Align2, Color32, CornerRadius, Pos2, Rect, Response, Sense, Stroke, StrokeKind, Ui, Vec2,
    WidgetInfo, pos2, vec2,
};

use crate::cloud::{CloudProfile, PortalPage, SERVER_APP_PERMISSIONS};

/// Width of the design space every picture is drawn in, in design units.
pub const DESIGN_WIDTH: f32 = 420.0;
/// Height of the design space: 16:7.
pub const DESIGN_HEIGHT: f32 = DESIGN_WIDTH * 7.0 / 16.0;
/// Narrowest a picture gets, in points (below this it overflows rather than becoming unreadable).
pub const MIN_WIDTH: f32 = 280.0;
/// Widest a picture gets, in points (beyond this it would only be bigger, not clearer).
pub const MAX_WIDTH: f32 = 720.0;

mod canvas;
mod pages;
mod text;

use canvas::{BODY, Badge, Canvas, SMALL, SUBTITLE, TITLE, rect};

/// One picture per Azure portal step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Picture {
    /// App registrations → "+ New registration" → the Register form with the name field.
    NewRegistration,
    /// The app's Overview with "Application (client) ID" and "Directory (tenant) ID".
    OverviewIds,
    /// API permissions → "+ Add a permission" → Microsoft Graph → Delegated permissions, ticked.
    ApiPermissions,
    /// Certificates & secrets → Client secrets → "+ New client secret"; copy Value, not Secret ID.
    ClientSecret,
    /// Authentication → "+ Add a platform" → Web → Redirect URIs.
    AuthenticationWeb,
}

impl Picture {
    pub const ALL: [Picture; 5] = [
        Picture::NewRegistration,
        Picture::OverviewIds,
        Picture::ApiPermissions,
        Picture::ClientSecret,
        Picture::AuthenticationWeb,
    ];

    /// A short caption.
    pub fn title(self) -> String {
        match self {
            Picture::NewRegistration => text::l(text::TITLE_NEW_REGISTRATION),
            Picture::OverviewIds => text::l(text::TITLE_OVERVIEW_IDS),
            Picture::ApiPermissions => text::l(text::TITLE_API_PERMISSIONS),
            Picture::ClientSecret => text::l(text::TITLE_CLIENT_SECRET),
            Picture::AuthenticationWeb => text::l(text::TITLE_AUTHENTICATION_WEB),
        }
    }

    /// The portal page the picture shows.
    pub fn portal_page(self) -> PortalPage {
        match self {
            Picture::NewRegistration => PortalPage::NewRegistration,
            Picture::OverviewIds => PortalPage::Overview,
            Picture::ApiPermissions => PortalPage::ApiPermissions,
            Picture::ClientSecret => PortalPage::CertificatesSecrets,
            Picture::AuthenticationWeb => PortalPage::Authentication,
        }
    }

    /// What the picture shows, for screen readers and the tooltip: where to click and where the
    /// value goes.
    pub fn alt_text(self, values: &PictureValues) -> String {
        let host = values.host();
        match self {
            Picture::NewRegistration => text::alt_new_registration(host, values.app_name.trim()),
            Picture::OverviewIds => {
                text::alt_overview_ids(host, values.client_id.trim(), values.tenant_id.trim())
            }
            Picture::ApiPermissions => text::alt_api_permissions(host, &SERVER_APP_PERMISSIONS),
            Picture::ClientSecret => {
                text::alt_client_secret(host, values.secret_description.trim())
            }
            Picture::AuthenticationWeb => {
                text::alt_authentication_web(host, values.redirect_uri.trim())
            }
        }
    }

    fn draw(self, canvas: &Canvas, values: &PictureValues) {
        match self {
            Picture::NewRegistration => pages::draw_new_registration(canvas, values),
            Picture::OverviewIds => pages::draw_overview_ids(canvas, values),
            Picture::ApiPermissions => pages::draw_api_permissions(canvas, values),
            Picture::ClientSecret => pages::draw_client_secret(canvas, values),
            Picture::AuthenticationWeb => pages::draw_authentication_web(canvas, values),
        }
    }
}

/// The texts a picture shows where they go. Empty fields are drawn as blanks or placeholders.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PictureValues {
    /// The portal's host as shown in the address bar, e.g. `portal.azure.com`.
    pub portal_host: String,
    /// The suggested name of the app registration (also the app's title on its pages).
    pub app_name: String,
    /// Application (client) ID, once known.
    pub client_id: String,
    /// Directory (tenant) ID, once known.
    pub tenant_id: String,
    /// The redirect URI to paste on the Authentication page.
    pub redirect_uri: String,
    /// The client secret's description.
    pub secret_description: String,
}

impl PictureValues {
    /// Values for the portal of `cloud`, everything else empty.
    pub fn for_cloud(cloud: &CloudProfile) -> Self {
        let host = cloud.portal_base;
        let host = host.split_once("://").map_or(host, |(_, rest)| rest);
        Self {
            portal_host: host.to_owned(),
            ..Self::default()
        }
    }

    pub fn with_app_name(mut self, name: impl Into<String>) -> Self {
        self.app_name = name.into();
        self
    }

    /// The app's IDs. A tenant given as a domain (`contoso.onmicrosoft.com`) works for the
    /// checks, but the portal's "Directory (tenant) ID" is always a GUID: only a GUID is drawn.
    pub fn with_ids(mut self, client_id: impl Into<String>, tenant_id: impl Into<String>) -> Self {
        self.client_id = client_id.into();
        let tenant_id = tenant_id.into();
        self.tenant_id = if crate::model::validation::is_guid(tenant_id.trim()) {
            tenant_id
        } else {
            String::new()
        };
        self
    }

    pub fn with_redirect_uri(mut self, uri: impl Into<String>) -> Self {
        self.redirect_uri = uri.into();
        self
    }

    pub fn with_secret_description(mut self, description: impl Into<String>) -> Self {
        self.secret_description = description.into();
        self
    }

    fn host(&self) -> &str {
        let host = self.portal_host.trim();
        if host.is_empty() {
            let global = &crate::cloud::GLOBAL;
            global
                .portal_base
                .split_once("://")
                .map_or(global.portal_base, |(_, rest)| rest)
        } else {
            host
        }
    }

    fn app_title(&self) -> String {
        let name = self.app_name.trim();
        if name.is_empty() {
            text::l(text::APP_FALLBACK)
        } else {
            name.to_owned()
        }
    }
}

/// The size of a picture for `available_width` points: as wide as the space (within
/// [`MIN_WIDTH`]..=[`MAX_WIDTH`]), 16:7.
pub fn picture_size(available_width: f32) -> Vec2 {
    let width = if available_width.is_finite() {
        available_width.clamp(MIN_WIDTH, MAX_WIDTH)
    } else {
        MAX_WIDTH
    };
    vec2(width, width * DESIGN_HEIGHT / DESIGN_WIDTH)
}

/// Draws `picture` as wide as the available space; an accessible image with alt text and the same
/// text as tooltip.
pub fn picture_ui(ui: &mut Ui, picture: Picture, values: &PictureValues) -> Response {
    let (rect, response) =
        ui.allocate_exact_size(picture_size(ui.available_width()), Sense::hover());
    if ui.is_rect_visible(rect) {
        let canvas = Canvas::new(ui, rect);
        picture.draw(&canvas, values);
        canvas.finish();
    }
    let alt = picture.alt_text(values);
    response.widget_info(|| WidgetInfo::labeled(egui::accesskit::Role::Image, true, &alt));
    response.on_hover_text(alt)
}

// ---------------------------------------------------------------------------------------------
// Layout of the design space (units, not points).

const CHROME_BOTTOM: f32 = 17.0;
const HEADER_BOTTOM: f32 = 31.0;
const TITLE_Y: f32 = 42.0;
const MENU_TOP: f32 = 53.0;
const MENU_WIDTH: f32 = 106.0;
const MENU_STEP: f32 = 12.5;
/// Content starts after a gutter wide enough for a badge left of a ring.
const CONTENT_LEFT: f32 = MENU_WIDTH + 18.0;
/// Inner padding of a context pane (also a badge gutter).
const PANE_PAD: f32 = 18.0;
const CONTENT_RIGHT: f32 = DESIGN_WIDTH - 10.0;
const FRAME_RADIUS: f32 = 6.0;

/// The line above a pane's buttons.
const PANE_FOOTER_TOP: f32 = DESIGN_HEIGHT - 27.0;

/// One entry of a blade menu.
#[derive(Clone, Copy, PartialEq, Eq)]
enum MenuEntry {
    Page(PortalPage),
    Other(&'static str),
    Section(&'static str),
}

const ENTRA_MENU: [MenuEntry; 5] = [
    MenuEntry::Page(PortalPage::Overview),
    MenuEntry::Other(text::ENTRA_USERS),
    MenuEntry::Other(text::ENTRA_GROUPS),
    MenuEntry::Other(text::ENTRA_ENTERPRISE_APPS),
    MenuEntry::Page(PortalPage::AppList),
];

const APP_MENU: [MenuEntry; 9] = [
    MenuEntry::Page(PortalPage::Overview),
    MenuEntry::Other(text::QUICKSTART),
    MenuEntry::Section(text::MANAGE),
    MenuEntry::Other(text::BRANDING),
    MenuEntry::Page(PortalPage::Authentication),
    MenuEntry::Page(PortalPage::CertificatesSecrets),
    MenuEntry::Other(text::TOKEN_CONFIGURATION),
    MenuEntry::Page(PortalPage::ApiPermissions),
    MenuEntry::Other(text::EXPOSE_AN_API),
];

impl Canvas {
    // --- Portal parts ---------------------------------------------------------------------------

    /// Browser window, address bar with the portal host, the portal's top bar.
    fn portal_frame(&self, host: &str) {
        let p = &self.pal;
        let whole = rect(0.0, 0.0, DESIGN_WIDTH, DESIGN_HEIGHT);
        self.fill(whole, self.radius(FRAME_RADIUS), p.page);
        let top = self.radius(FRAME_RADIUS);
        self.fill(
            rect(0.0, 0.0, DESIGN_WIDTH, CHROME_BOTTOM),
            CornerRadius {
                nw: top.nw,
                ne: top.ne,
                sw: 0,
                se: 0,
            },
            p.chrome,
        );
        for (i, x) in [9.0, 16.0, 23.0].into_iter().enumerate() {
            let color = if i == 0 { p.placeholder } else { p.line };
            self.circle(pos2(x, CHROME_BOTTOM / 2.0), 2.2, color, None);
        }
        let bar = rect(36.0, 3.5, 230.0, CHROME_BOTTOM - 7.0);
        self.boxed(bar, 5.0, p.page, p.line);
        self.lock_icon(pos2(bar.left() + 8.0, bar.center().y));
        self.text(
            pos2(bar.left() + 14.0, bar.center().y),
            Align2::LEFT_CENTER,
            host,
            SMALL,
            p.text,
            bar.width() - 18.0,
        );
        let header = rect(
            0.0,
            CHROME_BOTTOM,
            DESIGN_WIDTH,
            HEADER_BOTTOM - CHROME_BOTTOM,
        );
        self.fill(header, 0, p.header);
        self.text(
            pos2(8.0, header.center().y),
            Align2::LEFT_CENTER,
            text::BRAND,
            SMALL,
            p.header_text,
            90.0,
        );
        let search = rect(150.0, header.top() + 3.0, 130.0, header.height() - 6.0);
        self.fill(search, self.radius(2.0), p.header_text.gamma_multiply(0.18));
        self.circle(
            pos2(DESIGN_WIDTH - 12.0, header.center().y),
            3.5,
            p.header_text.gamma_multiply(0.5),
            None,
        );
    }

    fn lock_icon(&self, center: Pos2) {
        let body = Rect::from_center_size(center + vec2(0.0, 1.0), vec2(4.0, 3.2));
        self.fill(body, self.radius(0.6), self.pal.weak);
        let arch = [
            pos2(center.x - 1.3, center.y),
            pos2(center.x - 1.3, center.y - 1.6),
            pos2(center.x - 0.6, center.y - 2.4),
            pos2(center.x + 0.6, center.y - 2.4),
            pos2(center.x + 1.3, center.y - 1.6),
            pos2(center.x + 1.3, center.y),
        ];
        self.line(&arch, 0.8, self.pal.weak);
    }

    /// The blade title over menu and content, with a small app icon.
    /// `"{name} | {page}"`; when it is too long only the name is shortened, so the page stays
    /// readable.
    fn blade_title(&self, name: &str, page: Option<&str>, right: f32) {
        let p = &self.pal;
        for (dx, dy) in [(0.0, 0.0), (4.5, 0.0), (0.0, 4.5), (4.5, 4.5)] {
            self.fill(
                rect(9.0 + dx, TITLE_Y - 4.5 + dy, 3.6, 3.6),
                self.radius(0.6),
                p.accent,
            );
        }
        let left = 22.0;
        let max_width = right - left - 10.0;
        let suffix = page.map(|page| format!("{}{page}", text::TITLE_SEPARATOR));
        let suffix_width = suffix
            .as_deref()
            .map_or(0.0, |suffix| self.text_width(suffix, TITLE));
        let name_rect = self.text(
            pos2(left, TITLE_Y),
            Align2::LEFT_CENTER,
            name,
            TITLE,
            p.strong,
            (max_width - suffix_width).max(max_width * 0.3),
        );
        if let Some(suffix) = suffix {
            self.text(
                pos2(name_rect.right(), TITLE_Y),
                Align2::LEFT_CENTER,
                &suffix,
                TITLE,
                p.strong,
                right - 10.0 - name_rect.right(),
            );
        }
    }

    /// The blade menu on the left with `active` highlighted.
    fn menu(&self, entries: &[MenuEntry], active: MenuEntry) {
        let p = &self.pal;
        let r = self.radius(FRAME_RADIUS);
        self.fill(
            rect(0.0, MENU_TOP, MENU_WIDTH, DESIGN_HEIGHT - MENU_TOP),
            CornerRadius {
                sw: r.sw,
                ..CornerRadius::ZERO
            },
            p.menu,
        );
        self.vline(MENU_WIDTH, MENU_TOP, DESIGN_HEIGHT, p.line);
        let mut y = MENU_TOP + 7.0;
        for entry in entries {
            let (label, color, size) = match *entry {
                MenuEntry::Page(page) => (page.localized_title(), p.text, BODY),
                MenuEntry::Other(label) => (text::l(label), p.text, BODY),
                MenuEntry::Section(label) => (text::l(label), p.weak, SMALL),
            };
            if *entry == active {
                let row = rect(3.0, y - 5.5, MENU_WIDTH - 6.0, 11.0);
                self.fill(row, self.radius(2.0), p.accent_soft);
                self.fill(rect(3.0, y - 4.0, 1.8, 8.0), self.radius(1.0), p.accent);
            }
            let (x, color) = match entry {
                MenuEntry::Section(_) => (8.0, color),
                _ if *entry == active => (11.0, p.strong),
                _ => (11.0, color),
            };
            self.text(
                pos2(x, y),
                Align2::LEFT_CENTER,
                &label,
                size,
                color,
                MENU_WIDTH - x - 4.0,
            );
            y += MENU_STEP;
        }
    }

    /// A flat command-bar button "+ label"; returns its rectangle.
    fn command(&self, x: f32, y: f32, label: &str) -> Rect {
        self.plus_icon(pos2(x + 3.0, y), self.pal.accent);
        let label = self.text(
            pos2(x + 8.5, y),
            Align2::LEFT_CENTER,
            label,
            BODY,
            self.pal.text,
            CONTENT_RIGHT - x,
        );
        Rect::from_min_max(pos2(x, label.top()), label.max)
    }

    fn plus_icon(&self, center: Pos2, color: Color32) {
        let arm = 2.8;
        self.line(
            &[center - vec2(arm, 0.0), center + vec2(arm, 0.0)],
            0.9,
            color,
        );
        self.line(
            &[center - vec2(0.0, arm), center + vec2(0.0, arm)],
            0.9,
            color,
        );
    }

    /// A primary (filled) button; returns its rectangle.
    fn primary_button(&self, x: f32, y: f32, label: &str) -> Rect {
        let font_width = self.text_width(label, BODY);
        let r = rect(x, y, font_width + 14.0, 13.0);
        self.fill(r, self.radius(2.0), self.pal.accent);
        self.text(
            r.center(),
            Align2::CENTER_CENTER,
            label,
            BODY,
            self.pal.on_accent,
            r.width(),
        );
        r
    }

    /// A text box with `value` (or empty).
    fn field(&self, r: Rect, value: &str) {
        self.boxed(r, 2.0, self.pal.page, self.pal.weak);
        self.text(
            pos2(r.left() + 4.0, r.center().y),
            Align2::LEFT_CENTER,
            value,
            BODY,
            self.pal.strong,
            r.width() - 8.0,
        );
    }

    fn placeholder(&self, x: f32, y: f32, w: f32) {
        self.fill(
            rect(x, y - 1.8, w, 3.6),
            self.radius(1.8),
            self.pal.placeholder,
        );
    }

    fn checkbox(&self, center: Pos2) {
        let r = Rect::from_center_size(center, vec2(7.0, 7.0));
        self.fill(r, self.radius(1.2), self.pal.accent);
        self.line(
            &[
                center + vec2(-2.0, 0.1),
                center + vec2(-0.6, 1.6),
                center + vec2(2.2, -1.6),
            ],
            1.0,
            self.pal.on_accent,
        );
    }

    fn radio(&self, center: Pos2, selected: bool) {
        if selected {
            self.circle(center, 3.2, self.pal.page, Some(self.pal.accent));
            self.circle(center, 1.7, self.pal.accent, None);
        } else {
            self.circle(center, 3.2, self.pal.page, Some(self.pal.weak));
        }
    }

    fn copy_icon(&self, at: Pos2, color: Color32) {
        let back = rect(at.x, at.y - 3.5, 4.2, 5.2);
        let front = back.translate(vec2(1.6, 1.6));
        self.painter.rect_stroke(
            self.screen(back),
            self.radius(0.6),
            self.hairline(color),
            StrokeKind::Inside,
        );
        self.boxed(front, 0.6, self.pal.page, color);
    }

    /// A small "not this one" sign: a circled cross in the error colour.
    fn not_this(&self, center: Pos2) {
        let c = self.pal.negative;
        self.circle(center, 3.8, self.pal.page, Some(c));
        let d = 1.6;
        self.line(&[center + vec2(-d, -d), center + vec2(d, d)], 0.9, c);
        self.line(&[center + vec2(-d, d), center + vec2(d, -d)], 0.9, c);
    }

    /// A context pane from `left` to the right edge with its title; returns its rectangle.
    fn pane(&self, left: f32, title: &str) -> Rect {
        let p = &self.pal;
        let r = Rect::from_min_max(pos2(left, HEADER_BOTTOM), pos2(DESIGN_WIDTH, DESIGN_HEIGHT));
        let corner = self.radius(FRAME_RADIUS);
        let corners = CornerRadius {
            se: corner.se,
            ..CornerRadius::ZERO
        };
        let shadow = Shadow {
            offset: [-2, 0],
            blur: self.len(10.0).round().clamp(0.0, 255.0) as u8,
            spread: 0,
            color: p.shadow,
        };
        self.painter.add(shadow.as_shape(self.screen(r), corners));
        self.fill(r, corners, p.page);
        self.vline(left, HEADER_BOTTOM, DESIGN_HEIGHT, p.line);
        self.text(
            pos2(left + PANE_PAD, TITLE_Y - 1.0),
            Align2::LEFT_CENTER,
            title,
            TITLE,
            p.strong,
            r.width() - PANE_PAD - 20.0,
        );
        let close = pos2(DESIGN_WIDTH - 11.0, TITLE_Y - 1.0);
        let d = 2.2;
        self.line(&[close + vec2(-d, -d), close + vec2(d, d)], 0.8, p.weak);
        self.line(&[close + vec2(-d, d), close + vec2(d, -d)], 0.8, p.weak);
        self.hline(left, DESIGN_WIDTH, PANE_FOOTER_TOP, p.line);
        r
    }

    /// A portal page of one app: frame, "{app} | {page}" title, app menu with `page` active.
    fn app_page(&self, values: &PictureValues, page: PortalPage, title_right: f32) {
        self.portal_frame(values.host());
        let page_title = (page != PortalPage::Overview).then(|| page.localized_title());
        self.blade_title(&values.app_title(), page_title.as_deref(), title_right);
        self.menu(&APP_MENU, MenuEntry::Page(page));
    }

    fn outline_frame(&self) {
        self.painter.rect_stroke(
            self.screen(rect(0.0, 0.0, DESIGN_WIDTH, DESIGN_HEIGHT)),
            self.radius(FRAME_RADIUS),
            self.hairline(self.pal.line),
            StrokeKind::Inside,
        );
    }
}

#[derive(Clone, Copy)]
enum Icon {
    Globe,
    Browser,
    Devices,
}

impl Canvas {
    fn icon(&self, icon: Icon, center: Pos2, color: Color32) {
        let stroke = Stroke::new(self.len(0.8), color);
        match icon {
            Icon::Globe => {
                let r = 4.5;
                self.painter
                    .circle_stroke(self.pos(center), self.len(r), stroke);
                let ellipse = egui::epaint::EllipseShape::stroke(
                    self.pos(center),
                    vec2(self.len(r * 0.45), self.len(r)),
                    stroke,
                );
                self.painter.add(ellipse);
                self.line(&[center - vec2(r, 0.0), center + vec2(r, 0.0)], 0.8, color);
            }
            Icon::Browser => {
                let r = Rect::from_center_size(center, vec2(11.0, 8.5));
                self.painter.rect_stroke(
                    self.screen(r),
                    self.radius(1.0),
                    stroke,
                    StrokeKind::Inside,
                );
                self.hline(r.left(), r.right(), r.top() + 2.5, color);
            }
            Icon::Devices => {
                let screen = Rect::from_center_size(center - vec2(1.5, 0.8), vec2(9.0, 6.5));
                self.painter.rect_stroke(
                    self.screen(screen),
                    self.radius(0.8),
                    stroke,
                    StrokeKind::Inside,
                );
                self.hline(
                    screen.center().x - 2.0,
                    screen.center().x + 2.0,
                    screen.bottom() + 1.6,
                    color,
                );
                let phone =
                    Rect::from_min_size(pos2(screen.right() - 1.5, center.y - 2.0), vec2(4.0, 6.5));
                self.fill(phone, self.radius(0.8), self.pal.page);
                self.painter.rect_stroke(
                    self.screen(phone),
                    self.radius(0.8),
                    stroke,
                    StrokeKind::Inside,
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_is_sixteen_by_seven_within_bounds() {
        let size = picture_size(480.0);
        assert_eq!(size.x, 480.0);
        assert!((size.y - 210.0).abs() < 0.01);
        assert_eq!(picture_size(10.0).x, MIN_WIDTH);
        assert_eq!(picture_size(5000.0).x, MAX_WIDTH);
        assert_eq!(picture_size(f32::INFINITY).x, MAX_WIDTH);
    }

    #[test]
    fn host_comes_from_the_cloud() {
        let china = PictureValues::for_cloud(&crate::cloud::CHINA);
        assert_eq!(china.portal_host, "portal.azure.cn");
        assert!(
            Picture::OverviewIds
                .alt_text(&china)
                .contains("portal.azure.cn")
        );
        assert!(
            Picture::OverviewIds
                .alt_text(&PictureValues::default())
                .contains("portal.azure.com")
        );
    }

    #[test]
    fn alt_texts_name_the_values_to_paste() {
        let values = PictureValues::for_cloud(&crate::cloud::GLOBAL)
            .with_app_name("ONES room calendars")
            .with_redirect_uri("https://ones.example.com/callback")
            .with_secret_description("Offision Integration");
        assert!(
            Picture::NewRegistration
                .alt_text(&values)
                .contains("“ONES room calendars”")
        );
        assert!(
            Picture::AuthenticationWeb
                .alt_text(&values)
                .contains("paste https://ones.example.com/callback into Redirect URIs")
        );
        assert!(
            Picture::ApiPermissions
                .alt_text(&values)
                .contains("Calendars.ReadWrite.Shared, openid and offline_access")
        );
        assert!(
            Picture::ClientSecret
                .alt_text(&values)
                .contains("not the Secret ID")
        );
    }
}
