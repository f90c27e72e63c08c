//! The block the setup scripts print, read back: found in whatever the admin pasted (terminal noise,
//! Windows line endings and colour codes around it are fine), checked, and merged into the document
//! with a list of what changed. Secrets are `Secret`s from the moment they are parsed.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::i18n::Text;
use crate::model::validation::{MAX_MAILBOXES, is_domain, is_guid, is_mail_address};
use crate::model::{Field, IntegrationDocument, Operator, Secret};

pub const BEGIN: &str = "-----BEGIN ONES-M365 SETUP-----";
pub const END: &str = "-----END ONES-M365 SETUP-----";
pub const SCHEMA: &str = "ones-m365-setup/1";
/// Pasted text longer than this is not a script's output.
pub const MAX_PASTE_BYTES: usize = 1024 * 1024;

/// What a setup script reported.
#[derive(Debug, Deserialize)]
pub struct SetupResult {
    pub schema: String,
    pub operator: Operator,
    #[serde(default)]
    pub tenant_id: String,
    #[serde(default)]
    pub server_app: Option<AppResult>,
    #[serde(default)]
    pub sso_app: Option<AppResult>,
    /// Room mailboxes (the rooms script's list, or every room mailbox it found).
    #[serde(default)]
    pub rooms: Option<Vec<String>>,
}

/// One app registration as the script left it.
#[derive(Debug, Deserialize)]
pub struct AppResult {
    pub client_id: String,
    /// Only when the script created a secret in this run.
    #[serde(default)]
    pub client_secret: Option<Secret>,
    #[serde(default)]
    pub client_secret_expires_on: Option<NaiveDate>,
}

/// Why pasted text could not be imported; every variant is a sentence with what to do.
#[derive(Debug)]
pub enum ImportError {
    NoBlock,
    Unreadable {
        reason: String,
    },
    WrongSchema {
        found: String,
    },
    Invalid {
        problems: Vec<Text>,
    },
    OtherOperator {
        block: Operator,
        document: Operator,
    },
    OtherTenant {
        block: String,
        document: String,
    },
    /// The document would hold more rooms than a document may.
    TooManyRooms {
        count: usize,
    },
}

impl ImportError {
    pub fn text(&self) -> Text {
        match self {
            ImportError::NoBlock => Text::new("setup.import.no_block")
                .arg("begin", BEGIN)
                .arg("end", END),
            ImportError::Unreadable { reason } => {
                Text::new("setup.import.unreadable").arg("reason", reason)
            }
            ImportError::WrongSchema { found } => Text::new("setup.import.wrong_schema")
                .arg("found", found)
                .arg("schema", SCHEMA),
            ImportError::Invalid { problems } => Text::new("setup.import.invalid").arg_text(
                "problems",
                Text::sentences(problems.iter().cloned()).unwrap_or_else(|| Text::verbatim("")),
            ),
            ImportError::OtherOperator { block, document } => {
                Text::new("setup.import.other_operator")
                    .arg("block", block.ones_label())
                    .arg("document", document.ones_label())
            }
            ImportError::OtherTenant { block, document } => Text::new("setup.import.other_tenant")
                .arg("block", block)
                .arg("document", document),
            ImportError::TooManyRooms { count } => Text::new("setup.import.too_many_rooms")
                .arg("count", count)
                .arg("max", MAX_MAILBOXES),
        }
    }
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text().english())
    }
}

impl std::error::Error for ImportError {}

/// The block's JSON in `pasted`: the last complete `BEGIN … END` pair (a second run's block wins),
/// with carriage returns and terminal colour codes removed.
pub fn find_block(pasted: &str) -> Result<SetupResult, ImportError> {
    if pasted.len() > MAX_PASTE_BYTES {
        return Err(ImportError::Unreadable {
            reason: "the pasted text is larger than 1 MiB".to_owned(),
        });
    }
    let cleaned = strip_terminal_noise(pasted);
    let end = cleaned.rfind(END).ok_or(ImportError::NoBlock)?;
    let begin = cleaned[..end].rfind(BEGIN).ok_or(ImportError::NoBlock)?;
    let json = &cleaned[begin + BEGIN.len()..end];
    let value: serde_json::Value =
        serde_json::from_str(json.trim()).map_err(|error| ImportError::Unreadable {
            reason: error.to_string(),
        })?;
    let schema = value
        .get("schema")
        .and_then(|schema| schema.as_str())
        .unwrap_or_default()
        .to_owned();
    if schema != SCHEMA {
        return Err(ImportError::WrongSchema { found: schema });
    }
    let result: SetupResult =
        serde_json::from_value(value).map_err(|error| ImportError::Unreadable {
            reason: error.to_string(),
        })?;
    check(&result)?;
    Ok(result)
}

/// `\r` and ANSI escape sequences (`ESC [ … letter`) out; everything else as it was.
fn strip_terminal_noise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\r' => {}
            '\u{1b}' => {
                if chars.peek() == Some(&'[') {
                    chars.next();
                    for next in chars.by_ref() {
                        if next.is_ascii_alphabetic() {
                            break;
                        }
                    }
                }
            }
            _ => out.push(ch),
        }
    }
    out
}

fn check(result: &SetupResult) -> Result<(), ImportError> {
    let mut problems = Vec::new();
    let tenant = result.tenant_id.trim();
    if !tenant.is_empty() && !is_guid(tenant) && !is_domain(tenant) {
        problems.push(Text::new("setup.import.bad_tenant").arg("value", tenant));
    }
    for (app, name) in [
        (&result.server_app, "server_app"),
        (&result.sso_app, "sso_app"),
    ] {
        if let Some(app) = app
            && !is_guid(app.client_id.trim())
        {
            problems.push(
                Text::new("setup.import.bad_client_id")
                    .arg("app", name)
                    .arg("value", app.client_id.trim()),
            );
        }
    }
    let rooms = result.rooms.as_deref().unwrap_or_default();
    if rooms.len() > MAX_MAILBOXES {
        return Err(ImportError::TooManyRooms { count: rooms.len() });
    }
    for room in rooms {
        if !is_mail_address(room.trim()) {
            problems.push(Text::new("setup.import.bad_room").arg("value", room.trim()));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ImportError::Invalid { problems })
    }
}

/// One change the import made, for the list shown before saving (secrets only as set/replaced).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub field: Field,
    pub text: Text,
}

/// Merges `result` into `doc`: tenant, client IDs, secrets and their expiry, rooms (added to the
/// list, never removed). A block of another cloud or another tenant is refused, nothing changed.
pub fn merge_into(
    doc: &mut IntegrationDocument,
    result: &SetupResult,
) -> Result<Vec<Change>, ImportError> {
    if result.operator != doc.operator {
        return Err(ImportError::OtherOperator {
            block: result.operator,
            document: doc.operator,
        });
    }
    let tenant = result.tenant_id.trim();
    let current_tenant = doc.server_app.tenant_id.trim().to_owned();
    if !tenant.is_empty()
        && !current_tenant.is_empty()
        && is_guid(&current_tenant)
        && !current_tenant.eq_ignore_ascii_case(tenant)
    {
        return Err(ImportError::OtherTenant {
            block: tenant.to_owned(),
            document: current_tenant,
        });
    }
    let added = rooms_to_add(doc, result)?;
    let mut changes = Vec::new();
    let mut set_text = |field: Field, target: &mut String, value: &str| {
        if !value.is_empty() && target.trim() != value {
            changes.push(Change {
                field,
                text: Text::new("setup.import.change.value")
                    .arg(
                        "old",
                        if target.trim().is_empty() {
                            "—"
                        } else {
                            target.trim()
                        },
                    )
                    .arg("new", value),
            });
            *target = value.to_owned();
        }
    };
    set_text(Field::TenantId, &mut doc.server_app.tenant_id, tenant);
    if let Some(app) = &result.server_app {
        set_text(
            Field::ServerClientId,
            &mut doc.server_app.client_id,
            app.client_id.trim(),
        );
    }
    if let Some(app) = &result.sso_app {
        set_text(
            Field::SsoClientId,
            &mut doc.sso_app.client_id,
            app.client_id.trim(),
        );
    }
    merge_secrets(doc, result, &mut changes);
    doc.room.mailboxes.extend(added.iter().cloned());
    if !added.is_empty() {
        changes.push(Change {
            field: Field::Mailboxes,
            text: Text::new("setup.import.change.rooms_added")
                .arg("count", added.len())
                .arg("rooms", added.join(", ")),
        });
    }
    Ok(changes)
}

/// The rooms of `result` the document lacks (compared without regard to case), through a set so
/// a long list merges in linear time. More than a document may hold in all is refused.
fn rooms_to_add(
    doc: &IntegrationDocument,
    result: &SetupResult,
) -> Result<Vec<String>, ImportError> {
    let mut known: std::collections::HashSet<String> = doc
        .room
        .mailboxes
        .iter()
        .map(|existing| existing.trim().to_ascii_lowercase())
        .collect();
    let mut added = Vec::new();
    for room in result.rooms.iter().flatten().map(|room| room.trim()) {
        if known.insert(room.to_ascii_lowercase()) {
            added.push(room.to_owned());
        }
    }
    let total = doc.room.mailboxes.len() + added.len();
    if total > MAX_MAILBOXES {
        return Err(ImportError::TooManyRooms { count: total });
    }
    Ok(added)
}

/// The secrets and expiry dates of both apps; a new secret is not in ONES yet.
fn merge_secrets(doc: &mut IntegrationDocument, result: &SetupResult, changes: &mut Vec<Change>) {
    let apps = [
        (
            &result.server_app,
            &mut doc.server_app.client_secret,
            &mut doc.server_app.client_secret_expires_on,
            &mut doc.server_app.client_secret_in_ones,
            Field::ServerClientSecret,
            Field::ServerSecretExpiry,
        ),
        (
            &result.sso_app,
            &mut doc.sso_app.client_secret,
            &mut doc.sso_app.client_secret_expires_on,
            &mut doc.sso_app.client_secret_in_ones,
            Field::SsoClientSecret,
            Field::SsoSecretExpiry,
        ),
    ];
    for (app, secret, expiry, in_ones, secret_field, expiry_field) in apps {
        let Some(app) = app else { continue };
        // The secret already in the wizard is not a change (the same output read twice).
        if let Some(new_secret) = app
            .client_secret
            .as_ref()
            .filter(|new| !new.is_empty() && *new != &*secret)
        {
            let key = if secret.is_empty() {
                "setup.import.change.secret_set"
            } else {
                "setup.import.change.secret_replaced"
            };
            changes.push(Change {
                field: secret_field,
                text: Text::new(key),
            });
            *secret = new_secret.clone();
            // The new secret is not in ONES yet: the next export sends it.
            *in_ones = false;
        }
        if let Some(date) = app.client_secret_expires_on
            && *expiry != Some(date)
        {
            changes.push(Change {
                field: expiry_field,
                text: Text::new("setup.import.change.value")
                    .arg(
                        "old",
                        expiry.map_or_else(|| "—".to_owned(), |old| old.to_string()),
                    )
                    .arg("new", date),
            });
            *expiry = Some(date);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SERVER: &str = "11111111-2222-3333-4444-555555555555";

    fn block(json: &str) -> String {
        format!("noise\r\n\u{1b}[32m{BEGIN}\u{1b}[0m\r\n{json}\r\n{END}\r\nmore noise")
    }

    #[test]
    fn a_block_is_found_in_terminal_noise_with_windows_line_endings() {
        let json = format!(
            r#"{{"schema":"{SCHEMA}","operator":"microsoft","tenant_id":"contoso.onmicrosoft.com","server_app":{{"client_id":"{SERVER}","client_secret":"Ab8Q~fromTheScript0123456789abcdefghijk","client_secret_expires_on":"2027-11-01"}},"rooms":["room-1@contoso.com"]}}"#
        );
        let result = find_block(&block(&json)).unwrap();
        let mut doc = IntegrationDocument::default();
        let changes = merge_into(&mut doc, &result).unwrap();
        assert_eq!(doc.server_app.client_id, SERVER);
        assert_eq!(
            doc.server_app.client_secret.expose(),
            "Ab8Q~fromTheScript0123456789abcdefghijk"
        );
        assert_eq!(doc.room.mailboxes, ["room-1@contoso.com"]);
        let fields: Vec<Field> = changes.iter().map(|change| change.field).collect();
        assert_eq!(
            fields,
            [
                Field::TenantId,
                Field::ServerClientId,
                Field::ServerClientSecret,
                Field::ServerSecretExpiry,
                Field::Mailboxes
            ]
        );
        // The secret never appears in the list of changes.
        for change in &changes {
            assert!(!change.text.english().contains("fromTheScript"));
        }
    }

    #[test]
    fn bad_blocks_say_what_is_wrong() {
        assert!(matches!(find_block("nothing"), Err(ImportError::NoBlock)));
        assert!(matches!(
            find_block(&block(r#"{"schema":"other/1","operator":"microsoft"}"#)),
            Err(ImportError::WrongSchema { .. })
        ));
        let invalid = block(&format!(
            r#"{{"schema":"{SCHEMA}","operator":"microsoft","server_app":{{"client_id":"x"}},"rooms":["$(evil)"]}}"#
        ));
        let Err(ImportError::Invalid { problems }) = find_block(&invalid) else {
            panic!("invalid block accepted")
        };
        assert_eq!(problems.len(), 2);
    }

    #[test]
    fn another_cloud_or_tenant_changes_nothing() {
        let result = find_block(&block(&format!(
            r#"{{"schema":"{SCHEMA}","operator":"21vianet","tenant_id":"{SERVER}"}}"#
        )))
        .unwrap();
        let mut doc = IntegrationDocument::default();
        assert!(matches!(
            merge_into(&mut doc, &result),
            Err(ImportError::OtherOperator { .. })
        ));
        doc.operator = Operator::Vianet21;
        doc.server_app.tenant_id = "99999999-2222-3333-4444-555555555555".to_owned();
        assert!(matches!(
            merge_into(&mut doc, &result),
            Err(ImportError::OtherTenant { .. })
        ));
        assert_eq!(
            doc.server_app.tenant_id,
            "99999999-2222-3333-4444-555555555555"
        );
    }
}
