//! The canvas a picture is drawn on: the fixed design space mapped onto the allocated rectangle,
//! the colours taken from the current visuals, the text sizes, and the drawing primitives in design
//! units (fills, hairlines, truncated and wrapped text) plus the numbered rings drawn last. Knows
//! nothing of the portal: its parts are in `portal`.

use egui::emath::{GuiRounding as _, RectTransform};
use egui::text::{LayoutJob, TextFormat, TextWrapping};
use egui::{
    Align2, Color32, CornerRadius, FontId, Painter, Pos2, Rect, Stroke, StrokeKind, Ui, pos2, vec2,
};

use super::{DESIGN_HEIGHT, DESIGN_WIDTH};
use crate::gui::widgets::{ACCENT_COLOR, ERROR_COLOR};

/// Below this width (points) text grows relative to the drawing, up to [`MAX_TEXT_BOOST`].
const TEXT_BOOST_BELOW_WIDTH: f32 = 480.0;
const MAX_TEXT_BOOST: f32 = 1.2;

pub(super) const SMALL: f32 = 6.5;
pub(super) const BODY: f32 = 7.5;
pub(super) const SUBTITLE: f32 = 8.5;
pub(super) const TITLE: f32 = 9.5;

/// Where a highlight's numbered badge sits.
#[derive(Clone, Copy)]
pub(super) enum Badge {
    /// Outside the ring, left of it.
    Left,
    /// Outside the ring, right of it.
    Right,
}

struct Mark {
    rect: Rect,
    number: u8,
    badge: Badge,
}

/// Colours of a picture, from the current visuals.
pub(super) struct Palette {
    pub(super) page: Color32,
    pub(super) chrome: Color32,
    pub(super) menu: Color32,
    pub(super) header: Color32,
    pub(super) header_text: Color32,
    pub(super) line: Color32,
    pub(super) text: Color32,
    pub(super) strong: Color32,
    pub(super) weak: Color32,
    pub(super) placeholder: Color32,
    pub(super) accent: Color32,
    pub(super) accent_soft: Color32,
    pub(super) on_accent: Color32,
    pub(super) negative: Color32,
    pub(super) shadow: Color32,
}

impl Palette {
    fn from_visuals(visuals: &egui::Visuals) -> Self {
        let page = visuals.extreme_bg_color;
        let text = visuals.text_color();
        let strong = visuals.strong_text_color();
        let accent = if visuals.dark_mode {
            ACCENT_COLOR.lerp_to_gamma(Color32::WHITE, 0.3)
        } else {
            ACCENT_COLOR
        };
        let (header, header_text) = if visuals.dark_mode {
            (visuals.widgets.inactive.weak_bg_fill, strong)
        } else {
            (text, page)
        };
        Self {
            page,
            chrome: visuals.panel_fill.lerp_to_gamma(text, 0.08),
            menu: page.lerp_to_gamma(text, 0.04),
            header,
            header_text,
            line: visuals.widgets.noninteractive.bg_stroke.color,
            text,
            strong,
            weak: visuals.weak_text_color(),
            placeholder: page.lerp_to_gamma(text, 0.18),
            accent,
            accent_soft: page.lerp_to_gamma(accent, 0.16),
            on_accent: Color32::WHITE,
            negative: ERROR_COLOR,
            shadow: visuals.popup_shadow.color,
        }
    }
}

/// The design space mapped onto the allocated rectangle, plus the highlights to draw last.
pub(super) struct Canvas {
    pub(super) painter: Painter,
    to_screen: RectTransform,
    scale: f32,
    pixels_per_point: f32,
    pub(super) pal: Palette,
    marks: std::cell::RefCell<Vec<Mark>>,
}

pub(super) fn rect(x: f32, y: f32, w: f32, h: f32) -> Rect {
    Rect::from_min_size(pos2(x, y), vec2(w, h))
}

impl Canvas {
    pub(super) fn new(ui: &Ui, screen: Rect) -> Self {
        let design = Rect::from_min_size(Pos2::ZERO, vec2(DESIGN_WIDTH, DESIGN_HEIGHT));
        Self {
            painter: ui.painter_at(screen),
            to_screen: RectTransform::from_to(design, screen),
            scale: screen.width() / DESIGN_WIDTH,
            pixels_per_point: ui.ctx().pixels_per_point(),
            pal: Palette::from_visuals(ui.visuals()),
            marks: std::cell::RefCell::default(),
        }
    }

    pub(super) fn len(&self, units: f32) -> f32 {
        units * self.scale
    }

    pub(super) fn pos(&self, p: Pos2) -> Pos2 {
        self.to_screen.transform_pos(p)
    }

    pub(super) fn screen(&self, r: Rect) -> Rect {
        self.to_screen
            .transform_rect(r)
            .round_to_pixels(self.pixels_per_point)
    }

    pub(super) fn radius(&self, units: f32) -> CornerRadius {
        CornerRadius::same(self.len(units).round().clamp(0.0, 255.0) as u8)
    }

    /// Hairlines stay one physical pixel-ish at any scale.
    pub(super) fn hairline(&self, color: Color32) -> Stroke {
        Stroke::new(self.len(0.8).max(1.0 / self.pixels_per_point), color)
    }

    pub(super) fn fill(&self, r: Rect, radius: impl Into<CornerRadius>, color: Color32) {
        self.painter.rect_filled(self.screen(r), radius, color);
    }

    pub(super) fn boxed(&self, r: Rect, radius_units: f32, fill: Color32, stroke: Color32) {
        self.painter.rect(
            self.screen(r),
            self.radius(radius_units),
            fill,
            self.hairline(stroke),
            StrokeKind::Inside,
        );
    }

    pub(super) fn hline(&self, x0: f32, x1: f32, y: f32, color: Color32) {
        let a = self.pos(pos2(x0, y));
        let b = self.pos(pos2(x1, y));
        self.painter.hline(a.x..=b.x, a.y, self.hairline(color));
    }

    pub(super) fn vline(&self, x: f32, y0: f32, y1: f32, color: Color32) {
        let a = self.pos(pos2(x, y0));
        let b = self.pos(pos2(x, y1));
        self.painter.vline(a.x, a.y..=b.y, self.hairline(color));
    }

    pub(super) fn line(&self, points: &[Pos2], width_units: f32, color: Color32) {
        let points = points.iter().map(|p| self.pos(*p)).collect();
        self.painter
            .line(points, Stroke::new(self.len(width_units), color));
    }

    pub(super) fn circle(&self, center: Pos2, radius: f32, fill: Color32, stroke: Option<Color32>) {
        let stroke = stroke.map_or(Stroke::NONE, |color| self.hairline(color));
        self.painter
            .circle(self.pos(center), self.len(radius), fill, stroke);
    }

    fn font(&self, size_units: f32) -> FontId {
        // Narrow pictures get relatively larger text (the layout leaves room for it; long texts
        // are truncated anyway), so a card at the smallest window size stays readable.
        let width = self.scale * DESIGN_WIDTH;
        let boost = (TEXT_BOOST_BELOW_WIDTH / width)
            .sqrt()
            .clamp(1.0, MAX_TEXT_BOOST);
        // Half-point steps keep the font atlas small while a window is resized.
        let points = size_units * self.scale * boost;
        FontId::proportional((points * 2.0).round().max(8.0) / 2.0)
    }

    /// Text at `at` (design units), truncated with "…" beyond `max_width` units; returns its
    /// rectangle in design units.
    pub(super) fn text(
        &self,
        at: Pos2,
        anchor: Align2,
        s: &str,
        size_units: f32,
        color: Color32,
        max_width: f32,
    ) -> Rect {
        let mut job = LayoutJob::single_section(
            s.to_owned(),
            TextFormat::simple(self.font(size_units), color),
        );
        job.wrap = TextWrapping::truncate_at_width(self.len(max_width.max(1.0)));
        let galley = self.painter.layout_job(job);
        let screen = anchor.anchor_size(self.pos(at), galley.size());
        self.painter.galley(screen.min, galley, color);
        self.to_screen.inverse().transform_rect(screen)
    }

    /// Horizontally centred text wrapped onto at most two lines of `max_width` units: below
    /// `anchor` (`valign` = Min) or centred on it (`valign` = Center).
    pub(super) fn wrapped_text(
        &self,
        anchor: Pos2,
        valign: egui::Align,
        s: &str,
        size_units: f32,
        color: Color32,
        max_width: f32,
    ) {
        let mut job = LayoutJob::single_section(
            s.to_owned(),
            TextFormat::simple(self.font(size_units), color),
        );
        job.wrap = TextWrapping {
            max_width: self.len(max_width.max(1.0)),
            max_rows: 2,
            ..TextWrapping::default()
        };
        job.halign = egui::Align::Center;
        let galley = self.painter.layout_job(job);
        // A centred galley's rows are laid out around x = 0.
        let mut pos = self.pos(anchor);
        if valign == egui::Align::Center {
            pos.y -= galley.size().y / 2.0;
        }
        self.painter.galley(pos, galley, color);
    }

    /// Rings `r` (design units) in the accent colour with badge `number`, drawn on top at the end.
    pub(super) fn mark(&self, r: Rect, number: u8, badge: Badge) {
        self.marks.borrow_mut().push(Mark {
            rect: r,
            number,
            badge,
        });
    }

    pub(super) fn finish(self) {
        let marks = self.marks.take();
        for mark in &marks {
            let ring = self.screen(mark.rect.expand(2.5));
            self.painter.rect(
                ring,
                self.radius(3.0),
                self.pal.accent.gamma_multiply(0.08),
                Stroke::new(self.len(1.6).max(1.5), self.pal.accent),
                StrokeKind::Outside,
            );
        }
        for mark in &marks {
            let ring = mark.rect.expand(2.5);
            let radius = 6.0;
            let center = match mark.badge {
                Badge::Left => pos2(ring.left() - radius - 1.5, ring.center().y),
                Badge::Right => pos2(ring.right() + radius + 1.5, ring.center().y),
            };
            self.circle(center, radius, self.pal.accent, None);
            self.painter.circle_stroke(
                self.pos(center),
                self.len(radius),
                Stroke::new(self.len(1.0), self.pal.page),
            );
            self.text(
                center,
                Align2::CENTER_CENTER,
                &mark.number.to_string(),
                BODY,
                self.pal.on_accent,
                20.0,
            );
        }
    }

    pub(super) fn text_width(&self, s: &str, size_units: f32) -> f32 {
        let galley =
            self.painter
                .layout_no_wrap(s.to_owned(), self.font(size_units), self.pal.text);
        galley.size().x / self.scale
    }
}
