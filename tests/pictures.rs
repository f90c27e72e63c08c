//! The schematic portal pictures, drawn headlessly (egui_kittest): each one renders in dark and
//! light mode and at 200 %, is an accessible image whose alt text names the value to paste, and
//! scales with the available width within its bounds. The accessibility check stays on.
//!
//! Their pixels are pinned by image snapshots (`tests/snapshots/picture_*.png`), rendered on the
//! CPU by `snapshot_support/software_renderer.rs` so that no GPU driver is needed. After an
//! intended change to a picture, look at the `.new.png` and `.diff.png` files the failing test
//! leaves beside the snapshot, then accept with `UPDATE_SNAPSHOTS=1 cargo test --test pictures`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::too_many_lines,
    reason = "test, bench and example code: a panic is the failure, and its output is the point"
)]
use std::cell::Cell;
use std::rc::Rc;

use egui_kittest::kittest::{NodeT as _, Queryable as _};
use egui_kittest::{Harness, SnapshotResults};
use ones_m365_assistant::cloud::{CHINA, GLOBAL};
use ones_m365_assistant::gui::fonts::install_fonts;
use ones_m365_assistant::gui::pictures::{
    DESIGN_HEIGHT, DESIGN_WIDTH, MAX_WIDTH, MIN_WIDTH, Picture, PictureValues, picture_ui,
};

#[path = "snapshot_support/software_renderer.rs"]
mod software_renderer;

use software_renderer::SoftwareRenderer;

const APP_NAME: &str = "ONES room calendars (Head office)";
const CLIENT_ID: &str = "3f2a9c1e-7b4d-4e8a-9f10-2c6b8d4e5a71";
const TENANT_ID: &str = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const REDIRECT_URI: &str = "https://ones.example.com/project/api/project/office365/room/callback";
const DESCRIPTION: &str = "Offision Integration";

fn values() -> PictureValues {
    PictureValues::for_cloud(&GLOBAL)
        .with_app_name(APP_NAME)
        .with_ids(CLIENT_ID, TENANT_ID)
        .with_redirect_uri(REDIRECT_URI)
        .with_secret_description(DESCRIPTION)
}

/// What each picture tells the installer to paste (or tick, or copy).
fn values_to_paste(picture: Picture) -> Vec<&'static str> {
    match picture {
        Picture::NewRegistration => vec![APP_NAME],
        Picture::OverviewIds => vec![CLIENT_ID, TENANT_ID],
        Picture::ApiPermissions => vec!["Calendars.ReadWrite.Shared", "openid", "offline_access"],
        Picture::ClientSecret => vec![DESCRIPTION, "Value", "not the Secret ID"],
        Picture::AuthenticationWeb => vec![REDIRECT_URI, "Web"],
    }
}

fn harness_for(
    picture: Picture,
    values: PictureValues,
    theme: egui::Theme,
    pixels_per_point: f32,
) -> Harness<'static> {
    Harness::builder()
        .with_size([600.0, 400.0])
        .with_theme(theme)
        .with_pixels_per_point(pixels_per_point)
        .with_context_setup(install_fonts)
        .renderer(SoftwareRenderer::default())
        .build_ui(move |ui| {
            picture_ui(ui, picture, &values);
        })
}

fn snapshot_name(picture: Picture, theme: egui::Theme) -> String {
    let picture = match picture {
        Picture::NewRegistration => "new_registration",
        Picture::OverviewIds => "overview_ids",
        Picture::ApiPermissions => "api_permissions",
        Picture::ClientSecret => "client_secret",
        Picture::AuthenticationWeb => "authentication_web",
    };
    let theme = match theme {
        egui::Theme::Dark => "dark",
        egui::Theme::Light => "light",
    };
    format!("picture_{picture}_{theme}")
}

/// Each picture in both themes, pixel for pixel. The pictures are the product's only drawing
/// code; alt text cannot tell a misplaced box, a wrong colour or a value drawn off its field.
#[test]
fn every_picture_matches_its_snapshot_in_light_and_dark() {
    let mut results = SnapshotResults::new();
    for picture in Picture::ALL {
        for theme in [egui::Theme::Light, egui::Theme::Dark] {
            let mut harness = harness_for(picture, values(), theme, 1.0);
            harness.fit_contents();
            harness.snapshot(snapshot_name(picture, theme));
            results.extend_harness(&mut harness);
        }
    }
    results.unwrap();
}

/// The renderer behind the snapshots draws what it is given: the themes differ, a changed value
/// changes pixels, and the picture is not blank (a renderer that drew nothing would make every
/// snapshot pass against an empty reference).
#[test]
fn the_snapshot_renderer_sees_the_differences_a_snapshot_must_catch() {
    let render = |values: PictureValues, theme| {
        let mut harness = harness_for(Picture::OverviewIds, values, theme, 1.0);
        harness.fit_contents();
        harness.render().expect("the software renderer renders")
    };
    let light = render(values(), egui::Theme::Light);
    let dark = render(values(), egui::Theme::Dark);
    let other_client = render(
        values().with_ids("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee", TENANT_ID),
        egui::Theme::Light,
    );
    let differing = |a: &image::RgbaImage, b: &image::RgbaImage| {
        a.pixels().zip(b.pixels()).filter(|(p, q)| p != q).count()
    };
    assert_eq!(light.dimensions(), dark.dimensions());
    assert!(differing(&light, &dark) > 10_000, "themes render alike");
    let changed = differing(&light, &other_client);
    assert!(
        (20..5_000).contains(&changed),
        "a different client ID changed {changed} pixels"
    );
    let distinct_colours: std::collections::HashSet<_> = light.pixels().collect();
    assert!(
        distinct_colours.len() > 50,
        "only {} colours: the picture is nearly blank",
        distinct_colours.len()
    );
    let (width, height) = light.dimensions();
    // The harness's margins are transparent; the picture between them is not.
    let transparent = (20..width - 20)
        .filter(|&x| light.get_pixel(x, height / 2)[3] != 255)
        .count();
    assert_eq!(transparent, 0, "the picture is opaque across its middle");
}

#[test]
fn every_picture_is_an_image_whose_alt_text_names_the_value_to_paste() {
    for picture in Picture::ALL {
        let values = values();
        let alt_text = picture.alt_text(&values);
        for (theme, pixels_per_point) in [
            (egui::Theme::Dark, 1.0),
            (egui::Theme::Light, 1.0),
            (egui::Theme::Light, 2.0),
        ] {
            let mut harness = harness_for(picture, values.clone(), theme, pixels_per_point);
            harness.run();
            let node = harness.get_by_role_and_label(egui::accesskit::Role::Image, &alt_text);
            assert!(node.accesskit_node().bounding_box().is_some());
            for value in values_to_paste(picture) {
                harness.get_by_label_contains(value);
            }
            assert!(
                alt_text.contains("portal.azure.com"),
                "{picture:?}: {alt_text}"
            );
        }
    }
}

#[test]
fn alt_text_without_values_still_says_where_to_click() {
    let values = PictureValues::for_cloud(&CHINA);
    for picture in Picture::ALL {
        let alt_text = picture.alt_text(&values);
        assert!(alt_text.contains("portal.azure.cn"), "{alt_text}");
        let mut harness = harness_for(picture, values.clone(), egui::Theme::Dark, 1.0);
        harness.run();
        harness.get_by_role_and_label(egui::accesskit::Role::Image, &alt_text);
    }
    assert!(
        Picture::AuthenticationWeb
            .alt_text(&values)
            .contains("Add a platform, then Web")
    );
}

#[test]
fn height_follows_the_available_width_within_bounds() {
    let aspect = DESIGN_HEIGHT / DESIGN_WIDTH;
    for window_width in [200.0, 360.0, 560.0, 900.0, 2000.0] {
        let measured = Rc::new(Cell::new((0.0_f32, egui::Rect::NOTHING)));
        let sink = Rc::clone(&measured);
        let mut harness = Harness::builder()
            .with_size([window_width, 800.0])
            .with_context_setup(install_fonts)
            .build_ui(move |ui| {
                let available = ui.available_width();
                let response = picture_ui(ui, Picture::ApiPermissions, &values());
                sink.set((available, response.rect));
            });
        harness.run();
        let (available, rect) = measured.get();
        let expected_width = available.clamp(MIN_WIDTH, MAX_WIDTH);
        assert!(
            (rect.width() - expected_width).abs() < 0.5,
            "window {window_width}: width {} for {available} available",
            rect.width()
        );
        assert!(
            (rect.height() - rect.width() * aspect).abs() < 0.5,
            "window {window_width}: {rect:?} is not 16:7"
        );
        assert!(rect.height() >= MIN_WIDTH * aspect - 0.5);
        assert!(rect.height() <= MAX_WIDTH * aspect + 0.5);
    }
}

#[test]
fn a_tenant_given_as_a_domain_is_never_drawn_as_the_directory_tenant_id() {
    let domain = "contoso.onmicrosoft.com";
    let values = PictureValues::for_cloud(&GLOBAL).with_ids(CLIENT_ID, domain);
    let alt_text = Picture::OverviewIds.alt_text(&values);
    assert!(!alt_text.contains(domain), "{alt_text}");
    let mut harness = harness_for(Picture::OverviewIds, values, egui::Theme::Dark, 1.0);
    harness.run();
    assert!(harness.query_by_label_contains(domain).is_none());
    harness.get_by_label_contains(CLIENT_ID);
}
