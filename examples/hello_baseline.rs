//! The baseline `scripts/measure-gui.sh` compares the assistant with: a hello-world eframe app with
//! the same renderer and features (one heading, one focused text field). It prints
//! `first-frame-ms N` like the assistant does with `ONES_M365_REPORT_FIRST_FRAME=1`.

struct Hello {
    text: String,
    focused: bool,
}

impl eframe::App for Hello {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading("Hello");
            let response = ui.text_edit_singleline(&mut self.text);
            if !self.focused {
                response.request_focus();
                self.focused = true;
            }
        });
        ones_m365_assistant::gui::startup::frame_drawn();
    }
}

fn main() -> eframe::Result {
    ones_m365_assistant::gui::startup::mark_start();
    eframe::run_native(
        "Hello",
        eframe::NativeOptions::default(),
        Box::new(|_| {
            Ok(Box::new(Hello {
                text: String::new(),
                focused: false,
            }))
        }),
    )
}
