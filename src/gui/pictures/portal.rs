//! The parts of the Azure portal every picture is built from, drawn on the canvas: the layout of
//! the design space, the browser frame and the portal's top bar, the blade title and menus, the
//! command bar, buttons, fields, ticks and radio buttons, context panes and the tile icons.
//! Schematic, not a copy: what the installer needs to recognise the page and nothing more.

use egui::epaint::Shadow;
use egui::{Align2, Color32, CornerRadius, Pos2, Rect, Stroke, StrokeKind, pos2, vec2};

use super::canvas::{BODY, Canvas, SMALL, TITLE, rect};
use super::{DESIGN_HEIGHT, DESIGN_WIDTH, PictureValues, text};
use crate::cloud::PortalPage;

// Layout of the design space (units, not points).

const CHROME_BOTTOM: f32 = 17.0;
const HEADER_BOTTOM: f32 = 31.0;
const TITLE_Y: f32 = 42.0;
pub(super) const MENU_TOP: f32 = 53.0;
const MENU_WIDTH: f32 = 106.0;
const MENU_STEP: f32 = 12.5;
/// Content starts after a gutter wide enough for a badge left of a ring.
pub(super) const CONTENT_LEFT: f32 = MENU_WIDTH + 18.0;
/// Inner padding of a context pane (also a badge gutter).
pub(super) const PANE_PAD: f32 = 18.0;
pub(super) const CONTENT_RIGHT: f32 = DESIGN_WIDTH - 10.0;
const FRAME_RADIUS: f32 = 6.0;

/// The line above a pane's buttons.
pub(super) const PANE_FOOTER_TOP: f32 = DESIGN_HEIGHT - 27.0;

/// One entry of a blade menu.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum MenuEntry {
    Page(PortalPage),
    Other(&'static str),
    Section(&'static str),
}

pub(super) const ENTRA_MENU: [MenuEntry; 5] = [
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
    /// Browser window, address bar with the portal host, the portal's top bar.
    pub(super) fn portal_frame(&self, host: &str) {
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
    pub(super) fn blade_title(&self, name: &str, page: Option<&str>, right: f32) {
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
    pub(super) fn menu(&self, entries: &[MenuEntry], active: MenuEntry) {
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
    pub(super) fn command(&self, x: f32, y: f32, label: &str) -> Rect {
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
    pub(super) fn primary_button(&self, x: f32, y: f32, label: &str) -> Rect {
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
    pub(super) fn field(&self, r: Rect, value: &str) {
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

    pub(super) fn placeholder(&self, x: f32, y: f32, w: f32) {
        self.fill(
            rect(x, y - 1.8, w, 3.6),
            self.radius(1.8),
            self.pal.placeholder,
        );
    }

    pub(super) fn checkbox(&self, center: Pos2) {
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

    pub(super) fn radio(&self, center: Pos2, selected: bool) {
        if selected {
            self.circle(center, 3.2, self.pal.page, Some(self.pal.accent));
            self.circle(center, 1.7, self.pal.accent, None);
        } else {
            self.circle(center, 3.2, self.pal.page, Some(self.pal.weak));
        }
    }

    pub(super) fn copy_icon(&self, at: Pos2, color: Color32) {
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
    pub(super) fn not_this(&self, center: Pos2) {
        let c = self.pal.negative;
        self.circle(center, 3.8, self.pal.page, Some(c));
        let d = 1.6;
        self.line(&[center + vec2(-d, -d), center + vec2(d, d)], 0.9, c);
        self.line(&[center + vec2(-d, d), center + vec2(d, -d)], 0.9, c);
    }

    /// A context pane from `left` to the right edge with its title; returns its rectangle.
    pub(super) fn pane(&self, left: f32, title: &str) -> Rect {
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
    pub(super) fn app_page(&self, values: &PictureValues, page: PortalPage, title_right: f32) {
        self.portal_frame(values.host());
        let page_title = (page != PortalPage::Overview).then(|| page.localized_title());
        self.blade_title(&values.app_title(), page_title.as_deref(), title_right);
        self.menu(&APP_MENU, MenuEntry::Page(page));
    }

    pub(super) fn outline_frame(&self) {
        self.painter.rect_stroke(
            self.screen(rect(0.0, 0.0, DESIGN_WIDTH, DESIGN_HEIGHT)),
            self.radius(FRAME_RADIUS),
            self.hairline(self.pal.line),
            StrokeKind::Inside,
        );
    }

    pub(super) fn icon(&self, icon: Icon, center: Pos2, color: Color32) {
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

#[derive(Clone, Copy)]
pub(super) enum Icon {
    Globe,
    Browser,
    Devices,
}
