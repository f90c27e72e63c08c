//! Per-document editing state that is not part of the document: which fields were touched, which
//! secrets are revealed, and the text buffers of fields whose typed text is not yet a value (dates,
//! lists). Rebuilt whenever a document is loaded.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::model::{Field, FieldKind, FieldRef, Finding, IntegrationDocument, Severity, Step};

#[derive(Clone, Debug, Default)]
pub struct FormState {
    /// Fields whose validation messages are shown (edited, or loaded with a value).
    pub touched: BTreeSet<Field>,
    /// Fields left this frame; they count as touched from the next frame on, so a message that
    /// appears under a field never moves the widget the pointer is clicking in this frame.
    pub pending_touched: BTreeSet<Field>,
    /// Steps whose Next was pressed: all their messages are shown.
    pub submitted: BTreeSet<Step>,
    /// Secret fields currently shown in clear text.
    pub revealed: BTreeSet<Field>,
    /// Fields from which pasted surrounding whitespace was removed.
    pub trimmed: BTreeSet<Field>,
    /// The typed text of each date field (a date that does not parse yet stays as typed).
    pub date_texts: BTreeMap<Field, String>,
    /// One mailbox per line (commas and semicolons also separate).
    pub mailboxes_text: String,
    /// One group per line.
    pub groups_text: String,
    /// The single-line text fields by widget id: Enter in one of them means Next, and
    /// Ctrl/Cmd+Shift+C copies the focused one's value.
    pub single_line_ids: std::collections::HashMap<egui::Id, Field>,
    /// The document came from a draft that does not keep secrets: these secrets were typed
    /// before and, empty now, only need pasting again.
    pub secrets_not_in_draft: BTreeSet<Field>,
    /// Where each typed client secret is kept besides the window (the line under its field).
    pub secret_keeping: Vec<(Field, SecretKeeping)>,
    /// The redirect URIs the ONES server reported (Test connection, export plan), to show a value
    /// as "from ONES".
    pub ones_redirects: Option<crate::ones::RedirectUris>,
    /// The redirect URIs last derived from the ONES URL, to tell a derived value from a pasted one.
    pub last_derived: Option<crate::redirect::DerivedRedirectUris>,
}

impl FormState {
    /// The state for a freshly loaded document: every field that has a value counts as touched, so
    /// problems in a file show at once.
    pub fn for_document(doc: &IntegrationDocument) -> Self {
        // "Has a value" is "differs from a new document" (the login button's default wording is
        // not a value typed); a choice or a checkbox always has one: loading never touches it.
        let defaults = IntegrationDocument::default();
        let touched = Field::ALL
            .into_iter()
            .filter(|field| !matches!(field.kind(), FieldKind::Operator | FieldKind::Flag))
            .filter(|field| doc.value(*field) != defaults.value(*field))
            .collect();
        let mut form = Self {
            touched,
            ..Self::default()
        };
        form.show_values_of(doc);
        form
    }

    /// The editors' own texts (dates, lists) set from `doc`: after the document changed other than
    /// through those editors.
    pub fn show_values_of(&mut self, doc: &IntegrationDocument) {
        for field in Field::ALL {
            if let FieldRef::Date(date) = doc.value(field) {
                self.date_texts.insert(field, date_text(date));
            }
        }
        self.mailboxes_text = doc.room.mailboxes.join("\n");
        self.groups_text = doc.users.default_user_groups.join("\n");
    }

    /// Whether `field`'s messages are shown.
    pub fn shows(&self, field: Field) -> bool {
        self.touched.contains(&field) || self.submitted.contains(&field.step())
    }

    /// Findings about typed text that is not a value yet (a date that does not parse).
    pub fn text_findings(&self) -> Vec<Finding> {
        self.date_texts
            .iter()
            .filter(|(_, text)| !text.trim().is_empty() && parse_date(text).is_none())
            .map(|(field, text)| {
                Finding::new(
                    *field,
                    Severity::Error,
                    crate::i18n::Text::new("gui.form.bad_date").arg("value", text.trim()),
                )
            })
            .collect()
    }
}

pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%Y/%m/%d"))
        .ok()
}

pub fn date_text(date: Option<NaiveDate>) -> String {
    date.map(|date| date.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// Splits pasted text into list items: one per line, commas and semicolons also separate.
pub fn split_list(text: &str, also_commas: bool) -> Vec<String> {
    text.split(|ch: char| ch == '\n' || ch == '\r' || (also_commas && (ch == ',' || ch == ';')))
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Where a typed client secret is kept besides this window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecretKeeping {
    /// Demo mode's own secret: the built-in stand-in knows it; nothing to lose.
    Demo,
    /// In the file last opened or saved with secrets.
    InFile,
    /// In ONES: the last verified export stored exactly this value.
    InOnes,
    /// In the autosaved draft (the user ticked "Keep client secrets in the autosaved draft").
    InDraft,
    /// Nowhere else: closing the window loses it.
    OnlyHere,
}

impl SecretKeeping {
    /// The line under the secret field, in the current language.
    pub fn localized_note(self) -> String {
        match self {
            SecretKeeping::Demo => tr!("gui.keeping.demo"),
            SecretKeeping::InFile => tr!("gui.keeping.in_file"),
            SecretKeeping::InOnes => tr!("gui.keeping.in_ones"),
            SecretKeeping::InDraft => tr!("gui.keeping.in_draft"),
            SecretKeeping::OnlyHere => tr!("gui.keeping.only_here"),
        }
    }
}
