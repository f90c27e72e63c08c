//! The hello-world baseline for `scripts/measure-startup.sh`: an eframe 0.37 window with the same
//! renderer and features as the assistant (glow, AccessKit), one heading and one focused text
//! field — what any egui app costs before it does anything.
//!
//!     cargo run --release --example hello

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::too_many_lines,
    reason = "test, bench and example code: a panic is the failure, and its output is the point"
)]
fn main() -> eframe::Result {
    ones_m365_assistant::gui::timing::mark_start();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Hello")
            .with_inner_size([1200.0, 780.0]),
        // The same phase mark as the assistant's: the event loop exists, the window comes next.
        window_builder: Some(Box::new(|viewport| {
            ones_m365_assistant::gui::timing::phase("event-loop");
            viewport
        })),
        ..Default::default()
    };
    let mut text = String::new();
    let mut focused = false;
    let mut first = true;
    eframe::run_ui_native("Hello", options, move |ui, _frame| {
        if std::mem::take(&mut first) {
            // The same phase mark as the assistant's creation callback, one call later.
            ones_m365_assistant::gui::timing::phase("window-and-gl");
        }
        ones_m365_assistant::gui::timing::frame();
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading("Hello");
            let response = ui.add(egui::TextEdit::singleline(&mut text).hint_text("Type here"));
            let response = response.accessible_name("Text");
            if !focused {
                response.request_focus();
                focused = true;
            }
        });
    })
}
