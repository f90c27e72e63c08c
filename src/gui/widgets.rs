//! Small widgets the wizard screens share: labelled fields with their validation messages, secret
//! fields, copy and "open in portal" buttons, numbered portal-step cards. Every interactive widget
//! gets a stable accessible name — that is how screen readers and the UI tests find it.

use std::ops::Range;

use egui::text::CharIndex;
use egui::{Color32, RichText, TextBuffer, Ui};

use super::app::Command;
use crate::model::{Field, Secret, Severity, ValidationReport};

pub const ERROR_COLOR: Color32 = Color32::from_rgb(0xd1, 0x34, 0x38);
pub const WARNING_COLOR: Color32 = Color32::from_rgb(0xc1, 0x7c, 0x00);
pub const PASS_COLOR: Color32 = Color32::from_rgb(0x10, 0x7c, 0x10);
pub const ACCENT_COLOR: Color32 = Color32::from_rgb(0x00, 0x78, 0xd4);

/// The field's label above its editor; returns the label's response for `labelled_by`. The label
/// text is exactly the ONES label (screen readers read it as the field's name); a required field
/// gets a separate star.
pub fn field_label_ui(ui: &mut Ui, text: &str, required: bool) -> egui::Response {
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 2.0;
        let label = ui.label(RichText::new(text).strong());
        if required {
            ui.label(RichText::new("*").color(ERROR_COLOR))
                .on_hover_text(tr!("gui.field.required"));
        }
        label
    })
    .inner
}

/// The validation messages of `field`, shown once it was touched (or a step was submitted).
pub fn findings_ui(ui: &mut Ui, report: &ValidationReport, field: Field, visible: bool) {
    if !visible {
        return;
    }
    for finding in report.for_field(field) {
        severity_line_ui(ui, finding.severity, &finding.localized_message());
    }
}

/// One message with an icon and a word, never colour alone.
pub fn severity_line_ui(ui: &mut Ui, severity: Severity, message: &str) {
    let (icon, word, color) = match severity {
        Severity::Error => ("✖", tr!("gui.severity.error"), ERROR_COLOR),
        Severity::Warning => ("⚠", tr!("gui.severity.warning"), WARNING_COLOR),
    };
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        ui.label(
            RichText::new(format!("{icon} {word}:"))
                .color(color)
                .strong(),
        );
        ui.label(RichText::new(message).color(color));
    });
}

/// A note in the accent colour with an info icon.
pub fn info_line_ui(ui: &mut Ui, message: &str) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("ℹ").color(ACCENT_COLOR));
        ui.label(RichText::new(message).weak());
    });
}

/// "Copy" button with the accessible name `Copy {what}`.
pub fn copy_button_ui(
    ui: &mut Ui,
    commands: &mut Vec<Command>,
    what: &str,
    text: &str,
) -> egui::Response {
    let enabled = !text.trim().is_empty();
    let response = ui
        .add_enabled(
            enabled,
            egui::Button::new(format!("📋 {}", tr!("gui.copy.button"))),
        )
        .on_hover_text(tr!("gui.copy.hint", what = what))
        .on_disabled_hover_text(tr!("gui.copy.nothing"))
        .accessible_name(tr!("gui.copy.name", what = what));
    if response.clicked() {
        commands.push(Command::Copy {
            what: what.to_owned(),
            text: text.trim().to_owned(),
        });
    }
    response
}

/// A value to type into the portal, shown in monospace with a copy button.
pub fn copyable_value_ui(ui: &mut Ui, commands: &mut Vec<Command>, what: &str, text: &str) {
    ui.horizontal_wrapped(|ui| {
        copy_button_ui(ui, commands, what, text);
        ui.add(egui::Label::new(RichText::new(text).monospace()).selectable(true));
    });
}

/// "Open in Azure portal" button for one portal page; the accessible name says which page.
pub fn portal_button_ui(
    ui: &mut Ui,
    commands: &mut Vec<Command>,
    page_name: &str,
    url: &str,
) -> egui::Response {
    let response = ui
        .button(format!("↗ {}", tr!("gui.portal.open", page = page_name)))
        .on_hover_text(url);
    let response = response.accessible_name(tr!("gui.portal.open", page = page_name));
    if response.clicked() {
        commands.push(Command::OpenUrl {
            what: page_name.to_owned(),
            url: url.to_owned(),
        });
    }
    response
}

/// A numbered card for one portal step.
pub fn step_card_ui(ui: &mut Ui, number: usize, title: &str, body: impl FnOnce(&mut Ui)) {
    egui::Frame::group(ui.style())
        .inner_margin(egui::Margin::same(10))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(format!("{number}"))
                        .strong()
                        .size(18.0)
                        .color(ACCENT_COLOR),
                );
                ui.heading(title);
            });
            ui.add_space(4.0);
            body(ui);
        });
    ui.add_space(8.0);
}

/// A text buffer over a [`Secret`] that never leaves a copy of the secret behind: when the
/// editor needs more room, the old allocation is wiped before it is freed.
pub struct SecretBuffer<'a>(pub &'a mut Secret);

impl TextBuffer for SecretBuffer<'_> {
    fn is_mutable(&self) -> bool {
        true
    }

    fn as_str(&self) -> &str {
        self.0.expose()
    }

    fn insert_text(&mut self, text: &str, char_index: CharIndex) -> usize {
        let byte_index = self.byte_index_from_char_index(char_index).0;
        let needed = self.0.expose().len() + text.len();
        if self.0.expose_mut().capacity() < needed {
            let mut grown = String::with_capacity(needed.max(64).next_power_of_two());
            grown.push_str(self.0.expose());
            // Replacing the Secret drops — and so zeroizes — the old allocation.
            *self.0 = Secret::new(grown);
        }
        self.0.expose_mut().insert_str(byte_index, text);
        text.chars().count()
    }

    fn delete_char_range(&mut self, char_range: Range<CharIndex>) {
        let start = self.byte_index_from_char_index(char_range.start).0;
        let end = self.byte_index_from_char_index(char_range.end).0;
        // Removing in place never reallocates; the tail moved left overwrites the removed part.
        self.0.expose_mut().replace_range(start..end, "");
    }

    fn type_id(&self) -> std::any::TypeId {
        std::any::TypeId::of::<SecretBuffer<'static>>()
    }
}

/// Where a client secret is, in a few words: "entered", "stored in ONES, expires 2027-03-01 —
/// ONES never shows it", "not entered". Never the value.
pub fn secret_state_text(state: crate::model::SecretState) -> String {
    use crate::model::SecretState;
    match state {
        SecretState::Typed => tr!("gui.secret.state_typed"),
        SecretState::StoredInOnes {
            expires_on: Some(date),
        } => tr!("gui.secret.state_in_ones_expires", date = date),
        SecretState::StoredInOnes { expires_on: None } => tr!("gui.secret.state_in_ones"),
        SecretState::Missing => tr!("gui.review.not_entered"),
    }
}
