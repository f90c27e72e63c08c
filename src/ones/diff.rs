//! The field-by-field difference between the document to export and what ONES stores. Pure
//! functions over [`IntegrationDocument`]s; secrets are never compared by value (ONES never returns
//! them) — they are only "will be set", "will be replaced" or "unchanged".

use std::fmt;

use chrono::NaiveDate;
use serde::Serialize;

use super::client::RemoteIntegration;
use super::contract::StoredSecret;
use crate::i18n::Text;
use crate::model::{Field, FieldRef, IntegrationDocument};

/// A non-secret field's value, typed so lists and flags compare exactly.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum FieldValue {
    Text(String),
    Flag(bool),
    List(Vec<String>),
    Date(Option<NaiveDate>),
}

impl FieldValue {
    /// The value of `field` in `doc`; `None` for the two client secrets.
    pub fn of(doc: &IntegrationDocument, field: Field) -> Option<FieldValue> {
        Some(match doc.value(field) {
            FieldRef::Text(text) => FieldValue::Text(text.to_owned()),
            // ONES's own words for the choice.
            FieldRef::Operator(operator) => FieldValue::Text(operator.ones_label().to_owned()),
            FieldRef::Secret(_) => return None,
            FieldRef::Date(date) => FieldValue::Date(date),
            FieldRef::Flag(flag) => FieldValue::Flag(flag),
            FieldRef::List(items) => FieldValue::List(items.to_vec()),
        })
    }

    /// Empty text, an empty list or no date. A flag always has a value.
    pub fn is_empty(&self) -> bool {
        match self {
            FieldValue::Text(text) => text.is_empty(),
            FieldValue::Flag(_) => false,
            FieldValue::List(items) => items.is_empty(),
            FieldValue::Date(date) => date.is_none(),
        }
    }
}

impl fmt::Display for FieldValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldValue::Text(text) if text.is_empty() => f.write_str("(empty)"),
            FieldValue::Text(text) => write!(f, "\"{text}\""),
            FieldValue::Flag(flag) => f.write_str(if *flag { "yes" } else { "no" }),
            FieldValue::List(items) if items.is_empty() => f.write_str("(none)"),
            FieldValue::List(items) => f.write_str(&items.join(", ")),
            FieldValue::Date(Some(date)) => write!(f, "{date}"),
            FieldValue::Date(None) => f.write_str("(none)"),
        }
    }
}

impl FieldValue {
    /// The value as a text: words like "(empty)" and "yes" are translated, values stay as they are.
    pub fn text(&self) -> Text {
        match self {
            FieldValue::Text(text) if text.is_empty() => Text::new("ones.value.empty"),
            FieldValue::Flag(true) => Text::new("ones.value.yes"),
            FieldValue::Flag(false) => Text::new("ones.value.no"),
            FieldValue::List(items) if items.is_empty() => Text::new("ones.value.none"),
            FieldValue::Date(None) => Text::new("ones.value.none"),
            other => Text::verbatim(other),
        }
    }
}

/// What an export does to a client secret.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SecretChange {
    /// ONES has none; the typed secret will be stored.
    WillBeSet,
    /// ONES has one; the typed secret replaces it (ONES cannot show whether it is the same).
    WillBeReplaced,
    /// Nothing typed; ONES keeps the one it stores.
    Unchanged,
    /// Nothing typed and ONES has none: the export is blocked until one is typed.
    Missing,
}

impl SecretChange {
    pub fn between(typed: bool, stored: StoredSecret) -> Self {
        match (typed, stored.set) {
            (true, true) => SecretChange::WillBeReplaced,
            (true, false) => SecretChange::WillBeSet,
            (false, true) => SecretChange::Unchanged,
            (false, false) => SecretChange::Missing,
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            SecretChange::WillBeSet => "will be set",
            SecretChange::WillBeReplaced => "will be replaced",
            SecretChange::Unchanged => "unchanged",
            SecretChange::Missing => "missing — type the secret",
        }
    }

    /// [`SecretChange::describe`] as a text that renders in any language.
    pub fn describe_text(self) -> Text {
        Text::new(match self {
            SecretChange::WillBeSet => "ones.secret.will_be_set",
            SecretChange::WillBeReplaced => "ones.secret.will_be_replaced",
            SecretChange::Unchanged => "ones.secret.unchanged",
            SecretChange::Missing => "ones.secret.missing",
        })
    }

    /// [`SecretChange::describe`] in the current language.
    pub fn localized_describe(self) -> String {
        self.describe_text().localized()
    }
}

/// What an export does to one field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum FieldChange {
    Unchanged {
        value: FieldValue,
    },
    /// ONES has nothing (or the integration is new).
    Set {
        to: FieldValue,
    },
    Changed {
        from: FieldValue,
        to: FieldValue,
    },
    /// The document empties a field ONES has a value for.
    Cleared {
        from: FieldValue,
    },
    Secret {
        secret: SecretChange,
    },
}

impl FieldChange {
    /// Whether the export alters this field on ONES.
    pub fn is_change(&self) -> bool {
        match self {
            FieldChange::Unchanged { .. } => false,
            FieldChange::Secret { secret } => matches!(
                secret,
                SecretChange::WillBeSet | SecretChange::WillBeReplaced
            ),
            FieldChange::Set { .. } | FieldChange::Changed { .. } | FieldChange::Cleared { .. } => {
                true
            }
        }
    }

    /// "will be set to \"x\"", "\"a\" → \"b\"", "unchanged", "will be replaced" …
    pub fn describe(&self) -> String {
        match self {
            FieldChange::Unchanged { value } => format!("unchanged ({value})"),
            FieldChange::Set { to } => format!("will be set to {to}"),
            FieldChange::Changed { from, to } => format!("{from} → {to}"),
            FieldChange::Cleared { from } => format!("will be cleared (was {from})"),
            FieldChange::Secret { secret } => secret.describe().to_owned(),
        }
    }

    /// [`FieldChange::describe`] as a text that renders in any language.
    pub fn describe_text(&self) -> Text {
        match self {
            FieldChange::Unchanged { value } => {
                Text::new("ones.change.unchanged").arg_text("value", value.text())
            }
            FieldChange::Set { to } => Text::new("ones.change.set").arg_text("to", to.text()),
            FieldChange::Changed { from, to } => Text::new("ones.change.changed")
                .arg_text("from", from.text())
                .arg_text("to", to.text()),
            FieldChange::Cleared { from } => {
                Text::new("ones.change.cleared").arg_text("from", from.text())
            }
            FieldChange::Secret { secret } => secret.describe_text(),
        }
    }

    /// [`FieldChange::describe`] in the current language.
    pub fn localized_describe(&self) -> String {
        self.describe_text().localized()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldDiff {
    pub field: Field,
    #[serde(flatten)]
    pub change: FieldChange,
}

/// The change of every field in [`Field::ALL`] order. `remote` is `None` when ONES has no
/// integration under this key yet (everything with a value "will be set").
pub fn diff_fields(
    document: &IntegrationDocument,
    remote: Option<&RemoteIntegration>,
) -> Vec<FieldDiff> {
    Field::ALL
        .into_iter()
        .map(|field| {
            let change = match (FieldValue::of(document, field), remote) {
                (None, remote) => {
                    let stored = remote
                        .and_then(|remote| remote.secret_state(field))
                        .unwrap_or_default();
                    FieldChange::Secret {
                        secret: SecretChange::between(secret_is_typed(document, field), stored),
                    }
                }
                (Some(to), None) if to.is_empty() => FieldChange::Unchanged { value: to },
                (Some(to), None) => FieldChange::Set { to },
                (Some(to), Some(remote)) => value_change(
                    FieldValue::of(&remote.document, field)
                        .unwrap_or(FieldValue::Text(String::new())),
                    to,
                ),
            };
            FieldDiff { field, change }
        })
        .collect()
}

fn value_change(from: FieldValue, to: FieldValue) -> FieldChange {
    if from == to {
        FieldChange::Unchanged { value: to }
    } else if from.is_empty() {
        FieldChange::Set { to }
    } else if to.is_empty() {
        FieldChange::Cleared { from }
    } else {
        FieldChange::Changed { from, to }
    }
}

/// What replacing the document `from` with `to` changes, only the fields that differ, in
/// [`Field::ALL`] order — e.g. what pulling an integration from ONES does to the working
/// document. The two client secrets are left out: their values are never compared.
pub fn document_changes(from: &IntegrationDocument, to: &IntegrationDocument) -> Vec<FieldDiff> {
    Field::ALL
        .into_iter()
        .filter_map(|field| {
            let change = value_change(FieldValue::of(from, field)?, FieldValue::of(to, field)?);
            change.is_change().then_some(FieldDiff { field, change })
        })
        .collect()
}

/// Whether `doc` carries a value for the secret `field` (any other field: `false`).
pub fn secret_is_typed(doc: &IntegrationDocument, field: Field) -> bool {
    doc.value(field)
        .secret()
        .is_some_and(|secret| !secret.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Secret;

    fn sample() -> IntegrationDocument {
        let mut doc = IntegrationDocument {
            name: "Head office".to_owned(),
            ..IntegrationDocument::default()
        };
        doc.server_app.tenant_id = "contoso.onmicrosoft.com".to_owned();
        doc.room.mailboxes = vec!["room-1@contoso.com".to_owned()];
        doc
    }

    fn change_of(diffs: &[FieldDiff], field: Field) -> &FieldChange {
        &diffs
            .iter()
            .find(|diff| diff.field == field)
            .unwrap()
            .change
    }

    #[test]
    fn a_new_integration_sets_every_field_with_a_value() {
        let mut doc = sample();
        doc.server_app.client_secret = Secret::new("abc8Q~typed");
        let diffs = diff_fields(&doc, None);
        assert_eq!(diffs.len(), Field::ALL.len());
        assert!(matches!(
            change_of(&diffs, Field::Name),
            FieldChange::Set { .. }
        ));
        assert!(matches!(
            change_of(&diffs, Field::ServerClientId),
            FieldChange::Unchanged { .. }
        ));
        assert_eq!(
            change_of(&diffs, Field::ServerClientSecret),
            &FieldChange::Secret {
                secret: SecretChange::WillBeSet
            }
        );
        assert_eq!(
            change_of(&diffs, Field::SsoClientSecret),
            &FieldChange::Secret {
                secret: SecretChange::Missing
            }
        );
    }

    #[test]
    fn an_update_lists_changed_cleared_and_kept_fields() {
        let stored = sample();
        let mut doc = sample();
        doc.server_app.tenant_id = "fabrikam.onmicrosoft.com".to_owned();
        doc.room.mailboxes.clear();
        doc.server_app.client_secret = Secret::new("abc8Q~typed");
        let set = StoredSecret {
            set: true,
            expires_on: None,
        };
        let remote = RemoteIntegration {
            document: stored,
            server_secret: set,
            sso_secret: set,
            etag: "\"rev-1\"".to_owned(),
            warnings: Vec::new(),
        };
        let diffs = diff_fields(&doc, Some(&remote));
        assert!(matches!(
            change_of(&diffs, Field::TenantId),
            FieldChange::Changed { .. }
        ));
        assert!(matches!(
            change_of(&diffs, Field::Mailboxes),
            FieldChange::Cleared { .. }
        ));
        assert_eq!(
            change_of(&diffs, Field::ServerClientSecret),
            &FieldChange::Secret {
                secret: SecretChange::WillBeReplaced
            }
        );
        assert_eq!(
            change_of(&diffs, Field::SsoClientSecret),
            &FieldChange::Secret {
                secret: SecretChange::Unchanged
            }
        );
        assert!(!change_of(&diffs, Field::Name).is_change());
    }

    #[test]
    fn document_changes_lists_only_what_differs_and_never_secrets() {
        let from = sample();
        let mut to = sample();
        to.name = "Branch office".to_owned();
        to.room.mailboxes.clear();
        to.server_app.client_secret = Secret::new("abc8Q~typed");
        let changes = document_changes(&from, &to);
        let fields: Vec<Field> = changes.iter().map(|diff| diff.field).collect();
        assert_eq!(fields, vec![Field::Name, Field::Mailboxes]);
        assert!(matches!(changes[1].change, FieldChange::Cleared { .. }));
        assert!(document_changes(&from, &from).is_empty());
    }

    #[test]
    fn values_read_like_the_wizard() {
        assert_eq!(FieldValue::Flag(true).to_string(), "yes");
        assert_eq!(
            FieldValue::List(vec!["a".into(), "b".into()]).to_string(),
            "a, b"
        );
        assert_eq!(FieldValue::Text(String::new()).to_string(), "(empty)");
    }
}
