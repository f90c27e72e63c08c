//! The desktop assistant. All logic lives in the library; this only starts the window.
#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]

use ones_m365_assistant::gui::platform::Platform;
use ones_m365_assistant::gui::{AppOptions, AssistantApp};
use ones_m365_assistant::store::DraftStore;

/// Renders this many frames, then closes (smoke tests in CI).
const EXIT_AFTER_FRAMES_ENV: &str = "ONES_M365_EXIT_AFTER_FRAMES";

fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_writer(std::io::stderr)
        .init();

    let exit_after_frames = std::env::var(EXIT_AFTER_FRAMES_ENV)
        .ok()
        .and_then(|value| value.parse().ok());
    let icon = eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon.png")).ok();
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("ONES Microsoft 365 Assistant")
        .with_app_id("ones-m365-assistant")
        .with_inner_size([1200.0, 780.0])
        .with_min_inner_size([760.0, 520.0]);
    if let Some(icon) = icon {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    let result = eframe::run_native(
        "ONES Microsoft 365 Assistant",
        options,
        Box::new(move |creation| {
            ones_m365_assistant::gui::fonts::install_fonts(&creation.egui_ctx);
            Ok(Box::new(AssistantApp::new(AppOptions {
                store: DraftStore::default_location(),
                platform: Platform::system(),
                today: None,
                exit_after_frames,
            })))
        }),
    );
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!(
                "error: the window could not be opened ({error}).\n  hint: on Linux this needs a desktop session \
                 (DISPLAY or WAYLAND_DISPLAY) and OpenGL; the `ones-m365` command line works without one."
            );
            std::process::ExitCode::from(2)
        }
    }
}
