//! Demo mode's values where a learner needs them: the simulated ONES server's address and API
//! token, the room test's service account and its password, each with a copy button; and the
//! demo world kept in step with the integration name the learner types (its redirect URIs are
//! registered in the demo tenants, as an admin would register them).

use egui::{RichText, Ui};

use crate::gui::command::Command;
use crate::sandbox::DemoServices;

/// What the demo world was last brought in step with.
#[derive(Default)]
pub struct DemoWorld {
    followed_name: String,
}

impl DemoWorld {
    /// Registers the redirect URIs of `name` in the demo tenants when the name changed.
    pub fn follow(&mut self, demo: &DemoServices, name: &str) {
        let name = name.trim();
        if name.is_empty() || name == self.followed_name {
            return;
        }
        self.followed_name = name.to_owned();
        demo.follow_integration_name(name);
    }
}

/// The demo values on one wrapped line, each with a copy button (compact: it sits above every
/// screen).
pub fn demo_values_ui(ui: &mut Ui, demo: &DemoServices, commands: &mut Vec<Command>) {
    let values = [
        (
            tr!("gui.demo.ones_address"),
            demo.ones.base_url().to_owned(),
        ),
        (tr!("gui.demo.ones_token"), demo.ones_token().to_owned()),
        (
            tr!("gui.demo.room_account"),
            crate::sandbox::DEMO_ROOM_ACCOUNT.to_owned(),
        ),
        (
            tr!("gui.demo.room_password"),
            crate::sandbox::DEMO_ROOM_PASSWORD.to_owned(),
        ),
    ];
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(tr!("gui.demo.values")).strong());
        for (what, value) in values {
            ui.label(format!("{what}:"));
            ui.label(RichText::new(&value).monospace());
            crate::gui::widgets::copy_button_ui(ui, commands, &what, &value);
            ui.add_space(8.0);
        }
    });
    ui.add_space(4.0);
}
