//! All portal pictures stacked in a scroll area, with a dark/light toggle — for looking at them and
//! taking screenshots.
//!
//! ```text
//! cargo run --example pictures
//! PIXELS_PER_POINT=2 PICTURES_THEME=light PICTURES_WIDTH=340 cargo run --example pictures
//! ```
//! `PIXELS_PER_POINT` zooms (like a 200 % display), `PICTURES_THEME=light` starts in light mode,
//! `PICTURES_WIDTH` limits the column (the app's portal-step cards are about 340–560 points wide),
//! `PICTURES_COLUMNS=2` shows two columns, `PICTURES_EMPTY=1` leaves the values blank,
//! `PICTURES_CHINA=1` uses the 21Vianet portal, `PICTURES_FIRST=3` starts at the third picture.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::too_many_lines,
    reason = "test, bench and example code: a panic is the failure, and its output is the point"
)]
use ones_m365_assistant::cloud::{CHINA, GLOBAL};
use ones_m365_assistant::gui::pictures::{Picture, PictureValues, picture_ui};

struct PicturesApp {
    dark: bool,
    empty: bool,
    china: bool,
    column_width: f32,
    columns: usize,
    first: usize,
}

impl PicturesApp {
    fn values(&self) -> PictureValues {
        let cloud = if self.china { &CHINA } else { &GLOBAL };
        let values = PictureValues::for_cloud(cloud);
        if self.empty {
            return values;
        }
        values
            .with_app_name("ONES room calendars (Head office)")
            .with_ids(
                "3f2a9c1e-7b4d-4e8a-9f10-2c6b8d4e5a71",
                "72f988bf-86f1-41af-91ab-2d7cd011db47",
            )
            .with_redirect_uri(
                "https://ones.example.com/project/api/project/office365/room/callback",
            )
            .with_secret_description("Offision Integration")
    }

    fn card_ui(ui: &mut egui::Ui, number: usize, picture: Picture, values: &PictureValues) {
        egui::Frame::group(ui.style())
            .inner_margin(egui::Margin::same(10))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(egui::RichText::new(format!("{number}. {}", picture.title())).strong());
                ui.add_space(4.0);
                picture_ui(ui, picture, values);
            });
        ui.add_space(8.0);
    }
}

impl eframe::App for PicturesApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        ui.ctx().set_theme(if self.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
        egui::Panel::top("toolbar").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.checkbox(&mut self.dark, "Dark mode");
                ui.checkbox(&mut self.empty, "Values blank");
                ui.checkbox(&mut self.china, "21Vianet portal");
            });
        });
        let values = self.values();
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                let pictures: Vec<_> = Picture::ALL
                    .into_iter()
                    .enumerate()
                    .skip(self.first)
                    .collect();
                for row in pictures.chunks(self.columns) {
                    ui.horizontal_top(|ui| {
                        for &(index, picture) in row {
                            let size = egui::vec2(self.column_width, 0.0);
                            let layout = egui::Layout::top_down(egui::Align::Min);
                            ui.allocate_ui_with_layout(size, layout, |ui| {
                                ui.set_width(self.column_width);
                                Self::card_ui(ui, index + 1, picture, &values);
                            });
                        }
                    });
                }
            });
        });
    }
}

fn env_flag(name: &str) -> bool {
    std::env::var(name).is_ok_and(|value| !value.is_empty() && value != "0")
}

fn env_number(name: &str) -> Option<f32> {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
}

fn main() -> eframe::Result {
    let zoom = env_number("PIXELS_PER_POINT");
    let app = PicturesApp {
        dark: std::env::var("PICTURES_THEME").map_or(true, |theme| theme != "light"),
        empty: env_flag("PICTURES_EMPTY"),
        china: env_flag("PICTURES_CHINA"),
        column_width: env_number("PICTURES_WIDTH").unwrap_or(560.0),
        columns: env_number("PICTURES_COLUMNS").map_or(1, |n| n.max(1.0) as usize),
        first: env_number("PICTURES_FIRST").map_or(0, |n| (n.max(1.0) as usize) - 1),
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Portal pictures")
            .with_inner_size([1200.0, 900.0]),
        ..Default::default()
    };
    eframe::run_native(
        "Portal pictures",
        options,
        Box::new(move |creation| {
            ones_m365_assistant::gui::fonts::install_fonts(&creation.egui_ctx);
            if let Some(zoom) = zoom {
                creation.egui_ctx.set_zoom_factor(zoom);
            }
            Ok(Box::new(app))
        }),
    )
}
