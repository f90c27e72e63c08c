//! Lenient loading of integration documents from JSON text.
//!
//! A document typed by hand, produced by an older tool or pulled from a ONES server must still
//! open: every unknown or wrong-typed field becomes its default plus a [`LoadWarning`] the user
//! sees. Only text that is not a JSON object at all is refused.

use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::Secret;
use super::document::{IntegrationDocument, Operator, SCHEMA};
use crate::i18n::Text;

/// Something in the input that was ignored or replaced by a default.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadWarning {
    /// Dotted path of the field, e.g. `server_app.tenant_id`.
    pub field: String,
    /// What was wrong (English in JSON).
    pub text: Text,
}

impl LoadWarning {
    /// The message in English (JSON, logs).
    pub fn message(&self) -> String {
        self.text.english()
    }

    /// The message in the current language.
    pub fn localized_message(&self) -> String {
        self.text.localized()
    }

    /// `field: message` in the current language (the `Display` form stays English).
    pub fn localized(&self) -> String {
        format!("{}: {}", self.field, self.localized_message())
    }
}

impl std::fmt::Display for LoadWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message())
    }
}

/// The document that could be read, and what was wrong with the input.
#[derive(Debug)]
pub struct Loaded {
    pub document: IntegrationDocument,
    pub warnings: Vec<LoadWarning>,
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("not valid JSON (line {line}, column {column}): {reason}")]
    NotJson {
        line: usize,
        column: usize,
        reason: String,
    },
    #[error("the JSON is not an object; an integration document starts with `{{`")]
    NotAnObject,
}

/// Parses `text` leniently. Never panics; fails only when `text` is not a JSON object.
pub fn load_document(text: &str) -> Result<Loaded, LoadError> {
    let value: Value = serde_json::from_str(text).map_err(|error| LoadError::NotJson {
        line: error.line(),
        column: error.column(),
        reason: strip_position(&error.to_string()),
    })?;
    document_from_value(&value)
}

/// Like [`load_document`], from an already parsed value (e.g. a ONES API response).
pub fn document_from_value(value: &Value) -> Result<Loaded, LoadError> {
    let root = value.as_object().ok_or(LoadError::NotAnObject)?;
    let mut reader = Reader::default();
    let mut doc = IntegrationDocument::default();

    check_schema(&mut reader, root);
    reader.unknown_keys(
        root,
        "",
        &[
            "schema",
            "name",
            "operator",
            "ones_url",
            "server_app",
            "room",
            "sso_app",
            "users",
        ],
    );

    reader.string(root, "", "name", &mut doc.name);
    match root.get("operator") {
        None | Some(Value::Null) => {
            reader.warn("operator", Text::new("model.load.operator_missing"))
        }
        Some(Value::String(text)) => match Operator::parse(text) {
            Some(operator) => doc.operator = operator,
            None => reader.warn(
                "operator",
                Text::new("model.load.operator_unknown").arg("value", text),
            ),
        },
        Some(other) => reader.wrong_type("operator", "model.load.a_string", other),
    }
    reader.string(root, "", "ones_url", &mut doc.ones_url);

    read_apps_and_settings(&mut reader, root, &mut doc);

    Ok(Loaded {
        document: doc,
        warnings: reader.warnings,
    })
}

/// The `schema` key: missing, newer or foreign is a warning, never a refusal.
fn check_schema(reader: &mut Reader, root: &serde_json::Map<String, Value>) {
    match root.get("schema") {
        None => reader.warn(
            "schema",
            Text::new("model.load.schema_missing").arg("schema", SCHEMA),
        ),
        Some(Value::String(schema)) if schema == SCHEMA => {}
        Some(Value::String(schema)) if schema.starts_with("ones-m365/") => reader.warn(
            "schema",
            Text::new("model.load.schema_newer")
                .arg("found", schema)
                .arg("schema", SCHEMA),
        ),
        Some(other) => reader.warn(
            "schema",
            Text::new("model.load.schema_foreign")
                .arg_text("found", short(other))
                .arg("schema", SCHEMA),
        ),
    }
}

/// The document's sections (`server_app`, `room`, `sso_app`, `users`), each key read leniently.
fn read_apps_and_settings(
    reader: &mut Reader,
    root: &serde_json::Map<String, Value>,
    doc: &mut IntegrationDocument,
) {
    if let Some(server) = reader.object(root, "", "server_app") {
        reader.unknown_keys(
            server,
            "server_app",
            &[
                "tenant_id",
                "client_id",
                "client_secret",
                "client_secret_expires_on",
            ],
        );
        let app = &mut doc.server_app;
        reader.string(server, "server_app", "tenant_id", &mut app.tenant_id);
        reader.string(server, "server_app", "client_id", &mut app.client_id);
        reader.secret(
            server,
            "server_app",
            &mut app.client_secret,
            &mut app.client_secret_expires_on,
            &mut app.client_secret_in_ones,
        );
        reader.date(
            server,
            "server_app",
            "client_secret_expires_on",
            &mut app.client_secret_expires_on,
        );
    }
    if let Some(room) = reader.object(root, "", "room") {
        reader.unknown_keys(
            room,
            "room",
            &["redirect_uri", "offision_policy", "mailboxes"],
        );
        reader.string(room, "room", "redirect_uri", &mut doc.room.redirect_uri);
        reader.bool(
            room,
            "room",
            "offision_policy",
            &mut doc.room.offision_policy,
        );
        reader.string_list(room, "room", "mailboxes", &mut doc.room.mailboxes);
    }
    if let Some(sso) = reader.object(root, "", "sso_app") {
        reader.unknown_keys(
            sso,
            "sso_app",
            &[
                "client_id",
                "client_secret",
                "client_secret_expires_on",
                "redirect_uri",
            ],
        );
        let app = &mut doc.sso_app;
        reader.string(sso, "sso_app", "client_id", &mut app.client_id);
        reader.secret(
            sso,
            "sso_app",
            &mut app.client_secret,
            &mut app.client_secret_expires_on,
            &mut app.client_secret_in_ones,
        );
        reader.date(
            sso,
            "sso_app",
            "client_secret_expires_on",
            &mut app.client_secret_expires_on,
        );
        reader.string(sso, "sso_app", "redirect_uri", &mut app.redirect_uri);
    }
    if let Some(users) = reader.object(root, "", "users") {
        reader.unknown_keys(
            users,
            "users",
            &[
                "default_user_groups",
                "pager_as_card_number",
                "login_button_name",
            ],
        );
        let target = &mut doc.users;
        reader.string_list(
            users,
            "users",
            "default_user_groups",
            &mut target.default_user_groups,
        );
        reader.bool(
            users,
            "users",
            "pager_as_card_number",
            &mut target.pager_as_card_number,
        );
        reader.string(
            users,
            "users",
            "login_button_name",
            &mut target.login_button_name,
        );
    }
}

#[derive(Default)]
struct Reader {
    warnings: Vec<LoadWarning>,
}

impl Reader {
    fn warn(&mut self, field: &str, text: Text) {
        self.warnings.push(LoadWarning {
            field: field.to_owned(),
            text,
        });
    }

    /// `expected` is the catalogue key of what was expected ("a string", …).
    fn wrong_type(&mut self, field: &str, expected: &'static str, found: &Value) {
        self.warn(
            field,
            Text::new("model.load.wrong_type")
                .arg_text("expected", Text::new(expected))
                .arg_text("found", short(found)),
        );
    }

    fn unknown_keys(&mut self, object: &Map<String, Value>, parent: &str, known: &[&str]) {
        for key in object.keys().filter(|key| !known.contains(&key.as_str())) {
            // A key is echoed only when it looks like a field name: a secret pasted as a key
            // must not reach a warning.
            let shown = if printable_key(key) {
                key.clone()
            } else {
                format!("<{} characters>", key.chars().count())
            };
            self.warn(&join(parent, &shown), Text::new("model.load.unknown_field"));
        }
    }

    fn object<'v>(
        &mut self,
        parent: &'v Map<String, Value>,
        parent_path: &str,
        key: &str,
    ) -> Option<&'v Map<String, Value>> {
        match parent.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::Object(object)) => Some(object),
            Some(other) => {
                self.wrong_type(&join(parent_path, key), "model.load.an_object", other);
                None
            }
        }
    }

    fn string(&mut self, object: &Map<String, Value>, parent: &str, key: &str, out: &mut String) {
        match object.get(key) {
            None | Some(Value::Null) => {}
            Some(Value::String(text)) => *out = text.clone(),
            Some(other) => self.wrong_type(&join(parent, key), "model.load.a_string", other),
        }
    }

    fn bool(&mut self, object: &Map<String, Value>, parent: &str, key: &str, out: &mut bool) {
        match object.get(key) {
            None | Some(Value::Null) => {}
            Some(Value::Bool(flag)) => *out = *flag,
            Some(other) => self.wrong_type(&join(parent, key), "model.load.true_or_false", other),
        }
    }

    fn string_list(
        &mut self,
        object: &Map<String, Value>,
        parent: &str,
        key: &str,
        out: &mut Vec<String>,
    ) {
        match object.get(key) {
            None | Some(Value::Null) => {}
            Some(Value::Array(items)) => {
                for (index, item) in items.iter().enumerate() {
                    match item {
                        Value::String(text) => out.push(text.clone()),
                        other => self.warn(
                            &format!("{}[{index}]", join(parent, key)),
                            Text::new("model.load.list_item_skipped")
                                .arg_text("found", short(other)),
                        ),
                    }
                }
            }
            Some(other) => {
                self.wrong_type(&join(parent, key), "model.load.a_list_of_strings", other)
            }
        }
    }

    fn date(
        &mut self,
        object: &Map<String, Value>,
        parent: &str,
        key: &str,
        out: &mut Option<NaiveDate>,
    ) {
        match object.get(key) {
            None | Some(Value::Null) => {}
            Some(Value::String(text)) => match NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
                Ok(date) => *out = Some(date),
                Err(_) => self.warn(
                    &join(parent, key),
                    Text::new("model.load.bad_date").arg("value", printable_date(text)),
                ),
            },
            Some(other) => self.wrong_type(&join(parent, key), "model.load.a_date_string", other),
        }
    }

    /// A secret is a string in a file; a ONES server returns `{"set": true, "expires_on": …}`
    /// instead: the secret stays empty, the document knows ONES holds one (`in_ones`), and the
    /// expiry is taken when present. That is a state, not a problem: no warning.
    fn secret(
        &mut self,
        object: &Map<String, Value>,
        parent: &str,
        out: &mut Secret,
        expiry: &mut Option<NaiveDate>,
        in_ones: &mut bool,
    ) {
        let field = join(parent, "client_secret");
        match object.get("client_secret") {
            None | Some(Value::Null) => {}
            Some(Value::String(text)) => *out = Secret::new(text.as_str()),
            Some(Value::Object(stored)) if stored.contains_key("set") => {
                if let Some(Value::String(date)) = stored.get("expires_on")
                    && let Ok(date) = NaiveDate::parse_from_str(date, "%Y-%m-%d")
                {
                    *expiry = Some(date);
                }
                *in_ones = stored.get("set") == Some(&Value::Bool(true));
            }
            // Never echo the value of a wrong-typed secret: it may be the secret itself.
            Some(_) => self.warn(&field, Text::new("model.load.secret_wrong_type")),
        }
    }
}

/// Whether a document key may be shown as it is: short lowercase snake case, as every field of
/// `ones-m365/1` is.
fn printable_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 40
        && key
            .chars()
            .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_' || ch == '-')
}

/// A value given as a date, shown only when it is short and made of what dates are made of (a
/// secret typed into the expiry field must not reach a warning).
fn printable_date(text: &str) -> String {
    let text = text.trim();
    let date_like = text.chars().count() <= 12
        && text
            .chars()
            .all(|ch| ch.is_ascii_digit() || "-./ ".contains(ch));
    if date_like {
        text.to_owned()
    } else {
        format!("<{} characters>", text.chars().count())
    }
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_owned()
    } else {
        format!("{parent}.{key}")
    }
}

/// A short description of a JSON value for a warning (never more than a few characters of it).
fn short(value: &Value) -> Text {
    match value {
        Value::Null => Text::verbatim("null"),
        Value::Bool(flag) => Text::verbatim(flag),
        Value::Number(number) => Text::new("model.load.the_number").arg("number", number),
        Value::String(_) => Text::new("model.load.a_string"),
        Value::Array(_) => Text::new("model.load.a_list"),
        Value::Object(_) => Text::new("model.load.an_object"),
    }
}

fn strip_position(message: &str) -> String {
    match message.find(" at line ") {
        Some(index) => message[..index].to_owned(),
        None => message.to_owned(),
    }
}
