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
//! This file is the public side: which pictures there are, the values they show, their size and
//! the widget. The drawing is split by what each part knows: `canvas` (the design space, colours
//! and primitives), `portal` (the portal's parts), `pages` (the five pictures) and `text` (every
//! word shown to people, in one place for the translation catalogues).

use egui::{Response, Sense, Ui, Vec2, WidgetInfo, vec2};

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
mod portal;
mod text;

use canvas::Canvas;

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
