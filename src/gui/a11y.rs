//! What the window tells assistive technology beyond egui's defaults: a field's messages and help
//! as its description (with `described_by` and the invalid state), required fields, headings,
//! named regions, links, decorative glyphs hidden, polite live regions and the window's name.
//!
//! Everything goes through [`egui::Context::accesskit_node_builder`], which does nothing while no
//! assistive technology (or test harness) asks for the tree.

use egui::accesskit::{Invalid, Live, Role};
use egui::{Id, Response, RichText, Ui, UiBuilder};

/// Adds `text` to the description of the widget `target` (after what it already has) and, when
/// the text is drawn on screen by `by`, points `described_by` at it.
pub fn describe(ui: &Ui, target: Id, by: Option<Id>, text: &str) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    ui.ctx().accesskit_node_builder(target, |node| {
        let description = match node.description() {
            Some(existing) if existing.ends_with(['.', '。', ':', '：', '!', '?', '！', '？']) =>
            {
                format!("{existing} {text}")
            }
            Some(existing) if !existing.is_empty() => format!("{existing}. {text}"),
            _ => text.to_owned(),
        };
        node.set_description(description);
        if let Some(by) = by {
            node.push_described_by(by.accesskit_id());
        }
    });
}

/// Sets the description of the widget `target` (replacing a tooltip's text).
pub fn set_description(ui: &Ui, target: Id, text: &str) {
    let text = text.to_owned();
    ui.ctx()
        .accesskit_node_builder(target, |node| node.set_description(text));
}

/// Marks the widget `target` as holding a value that is not accepted.
pub fn set_invalid(ui: &Ui, target: Id) {
    ui.ctx()
        .accesskit_node_builder(target, |node| node.set_invalid(Invalid::True));
}

/// Marks the widget `target` as one that must be filled in.
pub fn set_required(ui: &Ui, target: Id) {
    ui.ctx()
        .accesskit_node_builder(target, |node| node.set_required());
}

/// A glyph that only decorates (its meaning is also said in words): left out of the tree.
pub fn hide(response: &Response) {
    response
        .ctx
        .accesskit_node_builder(response.id, |node| node.set_hidden());
}

/// A decorative glyph label, left out of the tree.
pub fn glyph(ui: &mut Ui, text: impl Into<RichText>) -> Response {
    let response = ui.add(egui::Label::new(text.into()).selectable(false));
    hide(&response);
    response
}

/// A section title: a label with the heading role and its level (1 = screen title).
pub fn heading(ui: &mut Ui, text: impl Into<RichText>, level: usize) -> Response {
    let text: RichText = text.into();
    let plain = text.text().to_owned();
    let response = ui.add(egui::Label::new(text));
    as_heading(&response, &plain, level);
    response
}

/// Gives an already drawn label the heading role.
pub fn as_heading(response: &Response, text: &str, level: usize) {
    let text = text.to_owned();
    response.ctx.accesskit_node_builder(response.id, |node| {
        node.set_role(Role::Heading);
        node.clear_value();
        node.set_label(text);
        node.set_level(level);
    });
}

/// Turns a button into a link to `url`: link role, and a short description in place of the raw
/// address (which a screen reader would spell out).
pub fn as_link(response: &Response, url: &str, description: &str) {
    let url = url.to_owned();
    let description = description.to_owned();
    response.ctx.accesskit_node_builder(response.id, |node| {
        node.set_role(Role::Link);
        node.set_url(url);
        node.set_description(description);
    });
}

/// A label whose text a screen reader announces politely when it appears or changes.
pub fn live(response: &Response) {
    response
        .ctx
        .accesskit_node_builder(response.id, |node| node.set_live(Live::Polite));
}

/// Names the `Ui` being drawn into (a panel, a column): screen readers list it as a region. A
/// plain container (left out of the tree) becomes a region; a panel keeps its role.
pub fn name_region(ui: &Ui, name: &str) {
    let name = name.to_owned();
    // Inside a panel's frame: name the panel itself.
    let target = ui
        .stack()
        .iter()
        .take(3)
        .find(|frame| frame.kind().is_some_and(|kind| kind.is_panel()))
        .map_or(ui.unique_id(), |panel| panel.unique_id);
    ui.ctx().accesskit_node_builder(target, |node| {
        if node.role() == Role::GenericContainer {
            node.set_role(Role::Region);
        }
        node.set_label(name);
    });
}

/// Gives the `Ui` being drawn into the role `role` (a table cell, a row).
pub fn set_role(ui: &Ui, role: Role) {
    ui.ctx()
        .accesskit_node_builder(ui.unique_id(), |node| node.set_role(role));
}

/// Sets what a label says to assistive technology (a status glyph read as its word).
pub fn say(response: &Response, words: &str) {
    let words = words.to_owned();
    response
        .ctx
        .accesskit_node_builder(response.id, |node| node.set_value(words));
}

/// Draws `add_contents` in a child `Ui` with `role` and the name `name` (a radio group, a table,
/// a row).
pub fn group<R>(
    ui: &mut Ui,
    role: Role,
    name: Option<&str>,
    add_contents: impl FnOnce(&mut Ui) -> R,
) -> R {
    let mut builder = UiBuilder::new().accessibility_role(role);
    if let Some(name) = name {
        builder = builder.accessibility_label(name);
    }
    ui.scope_builder(builder, add_contents).inner
}

/// The window's root node takes the window title as its name (screen readers read it first).
pub fn name_window(ctx: &egui::Context, title: &str) {
    let title = title.to_owned();
    ctx.accesskit_node_builder(egui::accesskit_root_id(), |node| node.set_label(title));
}

/// The accessible name a label gives: its text without leading and trailing decoration.
pub fn plain_name(text: &str) -> String {
    text.trim_matches(|ch: char| !ch.is_alphanumeric() && ch != '…' && ch != '.')
        .trim()
        .to_owned()
}

/// A section title inside a screen (heading level 2), in egui's heading style.
pub fn section_heading(ui: &mut Ui, text: impl Into<String>) -> Response {
    heading(ui, RichText::new(text.into()).heading(), 2)
}

/// A dialog's title: a heading that also names the dialog (the modal's own dialog node, so a
/// screen reader announces "About …, dialog"; outside a modal, the enclosing region).
pub fn dialog_heading(ui: &mut Ui, text: impl Into<String>) -> Response {
    let text = text.into();
    let response = heading(ui, RichText::new(text.clone()).heading(), 1);
    let heading_id = response.id;
    let modal = ui
        .stack()
        .iter()
        .find(|frame| frame.kind() == Some(egui::UiKind::Modal))
        .map(|frame| frame.unique_id);
    match modal {
        Some(dialog) => ui.ctx().accesskit_node_builder(dialog, |node| {
            node.set_label(text);
            node.push_labelled_by(heading_id.accesskit_id());
        }),
        None => ui.ctx().accesskit_node_builder(ui.unique_id(), |node| {
            if node.role() == Role::GenericContainer {
                node.set_role(Role::Region);
            }
            node.push_labelled_by(heading_id.accesskit_id());
        }),
    };
    response
}

/// A line that starts with a status glyph: the glyph is drawn but left out of the tree, the text
/// is one label (returned).
pub fn glyph_line(ui: &mut Ui, icon: &str, text: RichText, color: egui::Color32) -> Response {
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        glyph(ui, RichText::new(icon).color(color).strong());
        ui.label(text.color(color))
    })
    .inner
}

/// Marks the scroll area whose content `ui` is as a scroll view that clips its children: what is
/// scrolled out of the viewport is not reported as showing (AccessKit leaves it out, keeping one
/// neighbour on each side so a reader can scroll on).
pub fn scroll_viewport(ui: &Ui) {
    let clip = ui.clip_rect();
    ui.ctx().accesskit_node_builder(ui.unique_id(), |node| {
        node.set_role(Role::ScrollView);
        node.set_clips_children();
        node.set_bounds(egui::accesskit::Rect {
            x0: clip.min.x.into(),
            y0: clip.min.y.into(),
            x1: clip.max.x.into(),
            y1: clip.max.y.into(),
        });
    });
}
