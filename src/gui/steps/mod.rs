//! The wizard's screens, one file each, behind one [`Screen`] trait. A screen draws its ONES
//! fields (`form_ui`, in ONES's order and wording), the Azure portal steps that produce those
//! values (`azure_ui`) and the cards of the features it shows (`cards_ui`), and names the field
//! that takes the focus when it opens. Screens edit the document directly and ask for everything
//! else through [`Command`]s. A new screen is a file here, a row in [`screen`], and its step in
//! the model.

pub mod review;
pub mod room;
pub mod server;
pub mod users;

use chrono::{Months, NaiveDate};
use egui::{TextEdit, Ui};

use super::form::{FormState, date_text, parse_date, split_list};
use crate::cloud::{CloudProfile, PortalPage};
use crate::gui::command::Command;
use crate::gui::features::Features;
use crate::gui::widgets::{
    SecretBuffer, add_secret_edit, field_label_ui, findings_ui, info_line_ui,
};
use crate::model::{Field, IntegrationDocument, Secret, Step, ValidationReport};

/// One of the wizard's screens: two columns, ONES's on the left and Azure's on the right.
pub(crate) trait Screen: Sync {
    /// The field that takes the keyboard focus when the screen opens.
    fn first_field(&self) -> Option<Field>;

    /// The setup script the card at the top of the right column offers.
    fn script(&self) -> crate::setup::ScriptKind;

    /// What the two columns are called; by default ONES's fields and the Azure portal steps.
    fn columns(&self, step: Step, portal_host: &str) -> [Column; 2] {
        [
            Column {
                id: egui::IdSalt::new(("form", step)),
                region: tr!("gui.region.ones"),
                title: tr!("gui.screen.ones_title", step = step.localized_title()),
                subtitle: tr!("gui.screen.ones_subtitle"),
                top_space: 4.0,
            },
            Column {
                id: egui::IdSalt::new(("azure", step)),
                region: tr!("gui.region.azure"),
                title: tr!("gui.screen.azure_title"),
                subtitle: tr!("gui.screen.azure_subtitle", host = portal_host),
                top_space: 4.0,
            },
        ]
    }

    /// The left column's body: ONES's fields.
    fn form_ui(&self, ui: &mut Ui, ctx: &mut StepContext<'_>);

    /// The right column's body, below the script card: the portal steps.
    fn azure_ui(&self, _ui: &mut Ui, _ctx: &mut StepContext<'_>) {}

    /// Below the portal steps: the features this screen shows (the room test, the checks…).
    fn cards_ui(&self, _ui: &mut Ui, _ctx: &mut StepContext<'_>, _features: &mut Features<'_>) {}
}

/// A column's region name, heading and the id its scroll position is kept under.
pub(crate) struct Column {
    pub(crate) id: egui::IdSalt,
    pub(crate) region: String,
    pub(crate) title: String,
    pub(crate) subtitle: String,
    /// Space above the body.
    pub(crate) top_space: f32,
}

/// The screen that shows `step`.
pub(crate) fn screen(step: Step) -> &'static dyn Screen {
    match step {
        Step::Server => &server::ServerScreen,
        Step::Room => &room::RoomScreen,
        Step::Users => &users::UsersScreen,
        Step::Review => &review::ReviewScreen,
    }
}

/// Everything a screen may read or change.
pub struct StepContext<'a> {
    pub doc: &'a mut IntegrationDocument,
    pub form: &'a mut FormState,
    pub report: &'a ValidationReport,
    pub commands: &'a mut Vec<Command>,
    /// A field that should take the keyboard focus this frame ("jump to field").
    pub focus_request: &'a mut Option<Field>,
    pub today: NaiveDate,
    /// The editor drawn last, for a note below it to become its description.
    pub last_editor: Option<egui::Id>,
    /// Review's switches for what the file and the draft hold.
    pub file: review::FileOptions<'a>,
}

/// The description suggested for new client secrets (the ONES guide's example).
pub const SECRET_DESCRIPTION: &str = "Offision Integration";

/// The portal's expiry presets for new client secrets.
pub const EXPIRY_PRESET_MONTHS: [u32; 4] = [6, 12, 18, 24];

impl StepContext<'_> {
    pub fn cloud(&self) -> &'static CloudProfile {
        CloudProfile::for_operator(self.doc.operator)
    }

    pub fn portal_url(&self, page: PortalPage, app_id: &str) -> String {
        self.cloud().portal_url(page, Some(app_id))
    }

    /// Marks a field touched when its editor lost focus, or when text was pasted into it.
    fn track_touch(
        &mut self,
        field: Field,
        response: &egui::Response,
        chars_before: usize,
        chars_after: usize,
    ) {
        if field != Field::Mailboxes && field != Field::DefaultUserGroups {
            self.form.single_line_ids.insert(response.id, field);
        }
        if response.lost_focus() || (response.changed() && chars_after > chars_before + 1) {
            self.form.pending_touched.insert(field);
        }
        if self.focus_request.as_ref() == Some(&field) {
            response.request_focus();
            response.scroll_to_me(Some(egui::Align::Center));
            *self.focus_request = None;
        } else if response.gained_focus() {
            // Tab into a field below the fold: bring it (and a line under it) into view.
            response.scroll_to_me(None);
        }
    }

    /// Below an editor: its messages in a slot that keeps its height while a click is under way
    /// in the column (nothing moves under a click), always at least one line (a first message does
    /// not push the next field down either); the messages become the editor's description and
    /// set its invalid state.
    fn after_field(&mut self, ui: &mut Ui, field: Field, editor: egui::Id) {
        let slot = egui::Id::unique(("field-messages", field));
        let remembered: f32 = ui.data(|data| data.get_temp(slot)).unwrap_or(0.0);
        // Held only while a click is under way in this column: a message that goes when the
        // field loses focus (the press) must not move the button being released on. Held any
        // longer, the height of a message that went stays behind as blank space.
        let clicking_here = ui.rect_contains_pointer(ui.clip_rect())
            && ui.input(|input| input.pointer.any_down() || input.pointer.any_released());
        let line = ui.text_style_height(&egui::TextStyle::Body) + 2.0;
        let min_height = if clicking_here {
            remembered.max(line)
        } else {
            line
        };
        let report = self.report;
        let shows = self.form.shows(field);
        let trimmed = self.form.trimmed.contains(&field);
        let shown = ui.scope(|ui| {
            let mut messages = findings_ui(ui, report, field, shows);
            if trimmed {
                let note = tr!("gui.field.trimmed");
                let response = info_line_ui(ui, &note);
                messages.ids.push(response.id);
                messages.text = format!("{} {note}", messages.text).trim().to_owned();
            }
            messages
        });
        let messages = shown.inner;
        let content_height = if messages.ids.is_empty() {
            0.0
        } else {
            shown.response.rect.height()
        };
        if content_height < min_height {
            ui.add_space(min_height - content_height);
        }
        let keep = if clicking_here {
            remembered.max(content_height)
        } else {
            content_height
        };
        ui.data_mut(|data| data.insert_temp(slot, keep));
        messages.describe(ui, editor);
        self.last_editor = Some(editor);
        ui.add_space(4.0);
    }

    /// A note about the field just drawn: shown below it and read as part of its description.
    pub fn field_note_ui(&mut self, ui: &mut Ui, note: &str) {
        let response = info_line_ui(ui, note);
        if let Some(editor) = self.last_editor {
            crate::gui::a11y::describe(ui, editor, Some(response.id), note);
        }
    }

    /// A single-line text field. `trim` removes pasted surrounding whitespace (IDs, URLs).
    pub fn text_field_ui(
        &mut self,
        ui: &mut Ui,
        field: Field,
        hint: &str,
        trim: bool,
        access: impl FnOnce(&mut IntegrationDocument) -> &mut String,
    ) {
        let label = field_label_ui(ui, &field.localized_label(), true);
        let value = access(self.doc);
        let before = value.chars().count();
        let response = ui
            .add(
                TextEdit::singleline(value)
                    .id_salt(field)
                    .hint_text(hint)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if response.changed() && trim {
            let trimmed = value.trim();
            if trimmed.len() != value.len() {
                *value = trimmed.to_owned();
                self.form.trimmed.insert(field);
            } else {
                // A clean paste clears an earlier "spaces were removed" note.
                self.form.trimmed.remove(&field);
            }
        }
        let after = value.chars().count();
        self.track_touch(field, &response, before, after);
        crate::gui::a11y::set_required(ui, response.id);
        self.after_field(ui, field, response.id);
    }

    /// A masked secret field with a show/hide toggle. Pasted whitespace is removed.
    pub fn secret_field_ui(
        &mut self,
        ui: &mut Ui,
        field: Field,
        access: impl FnOnce(&mut IntegrationDocument) -> &mut Secret,
    ) {
        let label = field_label_ui(ui, &field.localized_label(), true);
        let revealed = self.form.revealed.contains(&field);
        let secret = access(self.doc);
        let before = secret.char_count();
        let mut toggle_clicked = false;
        let response = ui
            .horizontal(|ui| {
                let toggle_width = 80.0;
                let response = add_secret_edit(
                    ui,
                    TextEdit::singleline(&mut SecretBuffer(secret))
                        .id_salt(field)
                        .password(!revealed)
                        .hint_text(tr!("gui.secret.hint"))
                        .desired_width(ui.available_width() - toggle_width),
                )
                .labelled_by(label.id);
                let (text, name) = if revealed {
                    (
                        format!("🙈 {}", tr!("gui.secret.hide")),
                        tr!("gui.secret.hide_name"),
                    )
                } else {
                    (
                        format!("👁 {}", tr!("gui.secret.show")),
                        tr!("gui.secret.show_name"),
                    )
                };
                toggle_clicked = ui.button(text).accessible_name(name).clicked();
                response
            })
            .inner;
        if response.changed() {
            // A clean paste clears an earlier "spaces were removed" note.
            if secret.trim_in_place() {
                self.form.trimmed.insert(field);
            } else {
                self.form.trimmed.remove(&field);
            }
        }
        let after = secret.char_count();
        crate::gui::a11y::set_required(ui, response.id);
        if let Some(state @ crate::model::SecretState::StoredInOnes { .. }) =
            self.doc.secret_state(field)
        {
            let note = tr!(
                "gui.secret.in_ones_note",
                state = crate::gui::widgets::secret_state_text(state)
            );
            let shown = info_line_ui(ui, &note);
            crate::gui::a11y::describe(ui, response.id, Some(shown.id), &note);
        }
        // Where the typed value is kept besides this window (closing asks when nowhere).
        if let Some((_, keeping)) = self
            .form
            .secret_keeping
            .iter()
            .find(|(kept, _)| *kept == field)
        {
            let note = keeping.localized_note();
            let shown = info_line_ui(ui, &note);
            crate::gui::a11y::describe(ui, response.id, Some(shown.id), &note);
        }
        if toggle_clicked && !self.form.revealed.remove(&field) {
            self.form.revealed.insert(field);
        }
        self.track_touch(field, &response, before, after);
        self.after_field(ui, field, response.id);
    }

    /// The secret's expiry: a date field plus the portal's presets (6/12/18/24 months from today).
    pub fn expiry_field_ui(&mut self, ui: &mut Ui, field: Field) {
        let Some(date) = self.doc.date_mut(field) else {
            return;
        };
        let text = self.form.date_texts.entry(field).or_default();
        let label = field_label_ui(ui, &field.localized_label(), false);
        let today = self.today;
        let before = text.chars().count();
        let mut preset_chosen = false;
        let response = ui
            .horizontal_wrapped(|ui| {
                let response = ui
                    .add(
                        TextEdit::singleline(text)
                            .id_salt(field)
                            .hint_text("YYYY-MM-DD")
                            .desired_width(110.0),
                    )
                    .labelled_by(label.id);
                ui.label(tr!("gui.expiry.or"));
                for months in EXPIRY_PRESET_MONTHS {
                    let clicked = ui
                        .button(tr!("gui.expiry.months", months = months))
                        .on_hover_text(tr!("gui.expiry.preset_hint"))
                        .accessible_name(tr!("gui.expiry.preset_name", months = months))
                        .clicked();
                    if clicked && let Some(chosen) = today.checked_add_months(Months::new(months)) {
                        *text = date_text(Some(chosen));
                        preset_chosen = true;
                    }
                }
                response
            })
            .inner;
        if response.changed() || preset_chosen {
            *date = parse_date(text);
        }
        if preset_chosen {
            self.form.touched.insert(field);
        }
        let after = text.chars().count();
        self.track_touch(field, &response, before, after);
        self.after_field(ui, field, response.id);
    }

    /// A list typed one item per line; `commas` also splits on `,` and `;` (pasted address lists).
    pub fn list_field_ui(
        &mut self,
        ui: &mut Ui,
        field: Field,
        hint: &str,
        commas: bool,
        text_access: impl FnOnce(&mut FormState) -> &mut String,
        list_access: impl FnOnce(&mut IntegrationDocument) -> &mut Vec<String>,
    ) {
        let label = field_label_ui(ui, &field.localized_label(), false);
        let text = text_access(self.form);
        let before = text.chars().count();
        let response = ui
            .add(
                TextEdit::multiline(text)
                    .id_salt(field)
                    .hint_text(hint)
                    .desired_rows(3)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        let after = text.chars().count();
        if response.changed() {
            *list_access(self.doc) = split_list(text, commas);
        }
        self.track_touch(field, &response, before, after);
        self.after_field(ui, field, response.id);
    }

    /// A checkbox with the ONES wording and a note below.
    pub fn checkbox_ui(
        &mut self,
        ui: &mut Ui,
        field: Field,
        note: &str,
        access: impl FnOnce(&mut IntegrationDocument) -> &mut bool,
    ) {
        let response = ui.checkbox(access(self.doc), field.localized_label());
        if self.focus_request.as_ref() == Some(&field) {
            response.request_focus();
            *self.focus_request = None;
        }
        let shown = info_line_ui(ui, note);
        crate::gui::a11y::describe(ui, response.id, Some(shown.id), note);
        ui.add_space(8.0);
    }
}

impl StepContext<'_> {
    /// A redirect URI field with its copy button and where the value came from.
    pub fn redirect_field_ui(
        &mut self,
        ui: &mut Ui,
        field: Field,
        what: &str,
        derived: Option<String>,
        access: impl Fn(&mut IntegrationDocument) -> &mut String,
    ) {
        self.text_field_ui(ui, field, "https://ones.example.com/…", true, &access);
        let value = access(self.doc).clone();
        let from_ones = self
            .form
            .ones_redirects
            .as_ref()
            .and_then(|uris| uris.for_field(field))
            .map(str::to_owned);
        // Where the value came from: ONES itself (Test connection), derived here, or pasted.
        let source = if value.trim().is_empty() {
            None
        } else if from_ones.as_deref() == Some(value.trim()) {
            Some((tr!("gui.redirect.ones_tag"), tr!("gui.redirect.ones_note")))
        } else if derived.as_deref() == Some(value.as_str()) {
            Some((
                tr!("gui.redirect.derived_tag"),
                tr!("gui.redirect.derived_note"),
            ))
        } else {
            Some((
                tr!("gui.redirect.pasted_tag"),
                tr!("gui.redirect.paste_note"),
            ))
        };
        ui.horizontal_wrapped(|ui| {
            crate::gui::widgets::copy_button_ui(ui, self.commands, what, &value);
            if let Some((tag, _)) = &source {
                ui.label(egui::RichText::new(tag).italics());
            }
            if let Some(derived) = derived.as_ref().filter(|derived| **derived != value) {
                let clicked = ui
                    .button(tr!("gui.redirect.use_derived"))
                    .on_hover_text(derived.as_str())
                    .accessible_name(tr!("gui.redirect.use_derived_name", what = what))
                    .clicked();
                if clicked {
                    *access(self.doc) = derived.clone();
                    self.form.touched.insert(field);
                }
            }
        });
        let note = match (&source, &derived) {
            (Some((_, note)), _) => note.clone(),
            (None, Some(_)) => tr!("gui.redirect.paste_note"),
            (None, None) => tr!("gui.redirect.no_ones_url"),
        };
        let shown = info_line_ui(ui, &note);
        if let Some(editor) = self.last_editor {
            crate::gui::a11y::describe(ui, editor, Some(shown.id), &note);
        }
        ui.add_space(8.0);
    }
}

/// Keeps derived redirect URIs in step with the ONES URL and name: a field that is empty or still
/// holds the previous derivation follows; a pasted value is never overwritten.
pub fn sync_derived_redirects(doc: &mut IntegrationDocument, form: &mut FormState) {
    let derived = crate::redirect::derive_redirect_uris(&doc.ones_url, &doc.name);
    if derived == form.last_derived {
        return;
    }
    let previous = form.last_derived.take();
    let follows = crate::redirect::takes_new_value;
    if let Some(new) = &derived {
        if follows(
            &doc.room.redirect_uri,
            previous.as_ref().map(|uris| uris.room.as_str()),
        ) {
            doc.room.redirect_uri = new.room.clone();
        }
        if follows(
            &doc.sso_app.redirect_uri,
            previous.as_ref().map(|uris| uris.sso.as_str()),
        ) {
            doc.sso_app.redirect_uri = new.sso.clone();
        }
    }
    form.last_derived = derived;
}

impl StepContext<'_> {
    /// "Open … in Azure portal" for one page of the app `app_id`; before a valid client ID exists
    /// it opens the app list instead, and says so.
    pub fn app_page_button_ui(&mut self, ui: &mut Ui, page: PortalPage, app_id: &str) {
        let url = self.portal_url(page, app_id);
        if crate::model::validation::is_guid(app_id.trim()) {
            crate::gui::widgets::portal_button_ui(ui, self.commands, &page.localized_title(), &url);
        } else {
            crate::gui::widgets::portal_button_ui(
                ui,
                self.commands,
                &PortalPage::AppList.localized_title(),
                &url,
            );
            info_line_ui(
                ui,
                &tr!("gui.portal.enter_client_id", page = page.localized_title()),
            );
        }
    }
}
