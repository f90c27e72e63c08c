//! Small widgets the wizard screens share: labelled fields with their validation messages, secret
//! fields, copy and "open in portal" buttons, numbered portal-step cards. Every interactive widget
//! gets a stable accessible name — that is how screen readers and the UI tests find it.

use std::ops::Range;

use egui::text::CharIndex;
use egui::{Color32, RichText, TextBuffer, Ui};

use crate::gui::command::Command;
use crate::model::{Field, Secret, Severity, ValidationReport};

pub const ERROR_COLOR: Color32 = Color32::from_rgb(0xd1, 0x34, 0x38);
pub const WARNING_COLOR: Color32 = Color32::from_rgb(0xc1, 0x7c, 0x00);
pub const PASS_COLOR: Color32 = Color32::from_rgb(0x10, 0x7c, 0x10);
pub const ACCENT_COLOR: Color32 = Color32::from_rgb(0x00, 0x78, 0xd4);

/// The field's label above its editor; returns the label's response for `labelled_by`. The label
/// text is exactly the ONES label (screen readers read it as the field's name); a required field
/// gets a star beside it, which the tree leaves out (the editor itself is marked required).
pub fn field_label_ui(ui: &mut Ui, text: &str, required: bool) -> egui::Response {
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 2.0;
        let label = ui.label(RichText::new(text).strong());
        if required {
            super::a11y::glyph(ui, RichText::new("*").color(ERROR_COLOR))
                .on_hover_text(tr!("gui.field.required"));
        }
        label
    })
    .inner
}

/// What a field's messages say, for its accessible description.
#[derive(Default)]
pub struct FieldMessages {
    /// The message labels drawn (for `described_by`).
    pub ids: Vec<egui::Id>,
    /// The messages as one text, in the order shown.
    pub text: String,
    /// One of them is an error: the field's value is invalid.
    pub invalid: bool,
}

impl FieldMessages {
    /// Makes these messages the description of the editor `target` and sets its invalid state.
    pub fn describe(&self, ui: &Ui, target: egui::Id) {
        for (index, id) in self.ids.iter().enumerate() {
            let by = Some(*id);
            // The text is set once; each label is still named as a source.
            let text = if index == 0 { self.text.as_str() } else { "" };
            super::a11y::describe(ui, target, by, text);
            if index > 0 {
                ui.ctx().accesskit_node_builder(target, |node| {
                    node.push_described_by(id.accesskit_id());
                });
            }
        }
        if self.invalid {
            super::a11y::set_invalid(ui, target);
        }
    }
}

/// The validation messages of `field`, shown once it was touched (or a step was submitted).
pub fn findings_ui(
    ui: &mut Ui,
    report: &ValidationReport,
    field: Field,
    visible: bool,
) -> FieldMessages {
    let mut messages = FieldMessages::default();
    if !visible {
        return messages;
    }
    let mut texts = Vec::new();
    for finding in report.for_field(field) {
        let message = finding.localized_message();
        let response = severity_line_ui(ui, finding.severity, &message);
        messages.ids.push(response.id);
        texts.push(severity_sentence(finding.severity, &message));
        messages.invalid |= finding.severity == Severity::Error;
    }
    messages.text = texts.join(" ");
    messages
}

/// "Error: message" — the words a severity line shows (its icon apart).
pub fn severity_sentence(severity: Severity, message: &str) -> String {
    let word = match severity {
        Severity::Error => tr!("gui.severity.error"),
        Severity::Warning => tr!("gui.severity.warning"),
    };
    format!("{word}: {message}")
}

/// One message with an icon and a word, never colour alone; the icon is left out of the tree,
/// the word and the message are one label (returned).
pub fn severity_line_ui(ui: &mut Ui, severity: Severity, message: &str) -> egui::Response {
    let (icon, color) = match severity {
        Severity::Error => ("✖", ERROR_COLOR),
        Severity::Warning => ("⚠", WARNING_COLOR),
    };
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        super::a11y::glyph(ui, RichText::new(icon).color(color).strong());
        let sentence = severity_sentence(severity, message);
        let word_len = sentence.len() - message.len();
        let mut job = egui::text::LayoutJob::default();
        let font = egui::TextStyle::Body.resolve(ui.style());
        job.append(
            &sentence[..word_len],
            0.0,
            egui::TextFormat {
                font_id: font.clone(),
                color,
                ..Default::default()
            },
        );
        job.append(
            message,
            0.0,
            egui::TextFormat {
                font_id: font,
                color,
                ..Default::default()
            },
        );
        ui.label(job)
    })
    .inner
}

/// A note in the accent colour with an info icon (left out of the tree); returns the note.
pub fn info_line_ui(ui: &mut Ui, message: &str) -> egui::Response {
    ui.horizontal_wrapped(|ui| {
        super::a11y::glyph(ui, RichText::new("ℹ").color(ACCENT_COLOR));
        ui.label(RichText::new(message).weak())
    })
    .inner
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
        // Its Copy button copies it; the text itself is not a control.
        token_label_ui(ui, RichText::new(text).monospace(), false);
    });
}

/// A GUID, an address or a command: kept whole on one line when it fits the width (moving to
/// the next line rather than breaking after a few characters); only a value longer than a whole
/// line wraps, at its punctuation.
pub fn token_label_ui(ui: &mut Ui, text: RichText, selectable: bool) -> egui::Response {
    let width = egui::WidgetText::from(text.clone())
        .into_galley(
            ui,
            Some(egui::TextWrapMode::Extend),
            f32::INFINITY,
            egui::TextStyle::Monospace,
        )
        .size()
        .x;
    let line_width = ui.max_rect().width();
    if width > ui.available_width() && width <= line_width && ui.layout().main_wrap {
        ui.end_row();
    }
    let label = egui::Label::new(text).selectable(selectable);
    if width <= ui.available_width().max(line_width) {
        ui.add(label.extend())
    } else {
        ui.add(label.wrap())
    }
}

/// "Open in Azure portal" button for one portal page: a link whose name is its visible text and
/// whose description says where it goes in a few words (the address itself is in the tooltip).
pub fn portal_button_ui(
    ui: &mut Ui,
    commands: &mut Vec<Command>,
    page_name: &str,
    url: &str,
) -> egui::Response {
    let name = tr!("gui.portal.open", page = page_name);
    link_button_ui(ui, commands, &name, page_name, url)
}

/// A button that opens `url` in the browser: a link named `name`, described by where it goes.
/// `what` names the page in the confirmation.
pub fn link_button_ui(
    ui: &mut Ui,
    commands: &mut Vec<Command>,
    name: &str,
    what: &str,
    url: &str,
) -> egui::Response {
    let response = ui
        .button(format!("↗ {name}"))
        .on_hover_text(url)
        .accessible_name(name);
    super::a11y::as_link(&response, url, &link_description(url));
    if response.clicked() {
        commands.push(Command::OpenUrl {
            what: what.to_owned(),
            url: url.to_owned(),
        });
    }
    response
}

/// "Opens portal.azure.com in your browser": where a link goes, without the whole address.
pub fn link_description(url: &str) -> String {
    let host = url::Url::parse(url)
        .ok()
        .and_then(|url| url.host_str().map(str::to_owned))
        .unwrap_or_default();
    tr!("gui.link.description", host = host)
}

/// A numbered card for one portal step; its title is a heading named "number title".
pub fn step_card_ui(ui: &mut Ui, number: usize, title: &str, body: impl FnOnce(&mut Ui)) {
    egui::Frame::group(ui.style())
        .inner_margin(egui::Margin::same(10))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                super::a11y::glyph(
                    ui,
                    RichText::new(format!("{number}"))
                        .strong()
                        .size(18.0)
                        .color(ACCENT_COLOR),
                );
                let response = ui.add(egui::Label::new(RichText::new(title).heading()).wrap());
                super::a11y::as_heading(&response, &format!("{number} {title}"), 2);
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
        self.0.peek()
    }

    fn insert_text(&mut self, text: &str, char_index: CharIndex) -> usize {
        let byte_index = self.byte_index_from_char_index(char_index).0;
        let needed = self.0.peek().len() + text.len();
        if self.0.expose_mut().capacity() < needed {
            let mut grown = String::with_capacity(needed.max(64).next_power_of_two());
            grown.push_str(self.0.peek());
            // Replacing the Secret drops — and so zeroizes — the old allocation.
            *self.0 = Secret::typed(grown);
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

/// Adds an editor over a [`SecretBuffer`]. egui keeps an undo history (plain copies of the text)
/// while an editor has focus; for a secret it is dropped when the field loses focus, so the copies
/// do not outlive the editing and Ctrl+Z cannot bring back a secret that was wiped.
pub fn add_secret_edit(ui: &mut Ui, edit: egui::TextEdit<'_>) -> egui::Response {
    let response = ui.add(edit);
    if response.lost_focus() {
        forget_edit_history(ui.ctx(), response.id);
    }
    response
}

/// Drops the undo history of the text editor `id` (see [`add_secret_edit`]).
pub fn forget_edit_history(ctx: &egui::Context, id: egui::Id) {
    if let Some(mut state) = egui::text_edit::TextEditState::load(ctx, id) {
        state.clear_undoer();
        state.store(ctx, id);
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

/// "the server app's client secret" / "the SSO app's client secret" (both fields are labelled
/// "Client secret" on their own screens).
pub fn localized_secret_name(field: crate::model::Field) -> String {
    match field {
        crate::model::Field::SsoClientSecret => tr!("gui.keeping.secret.sso"),
        _ => tr!("gui.keeping.secret.server"),
    }
}
