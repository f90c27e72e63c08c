//! The integration document — the one model the wizard, the checks, the export and the CLI share.
//!
//! Its JSON field names are a contract (`schema: "ones-m365/1"`) that other tools rely on; extend,
//! never rename. Loading from untrusted text goes through [`crate::model::load`], which is lenient.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Secret;

/// The schema tag written into every document.
pub const SCHEMA: &str = "ones-m365/1";

/// Microsoft 365 service operator, as the ONES wizard names it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Operator {
    /// Microsoft — the global cloud.
    #[default]
    #[serde(rename = "microsoft")]
    Microsoft,
    /// 21Vianet — the Mainland China cloud.
    #[serde(rename = "21vianet")]
    Vianet21,
}

impl Operator {
    pub const ALL: [Operator; 2] = [Operator::Microsoft, Operator::Vianet21];

    /// The value used in the document (`microsoft` / `21vianet`).
    pub fn as_str(self) -> &'static str {
        match self {
            Operator::Microsoft => "microsoft",
            Operator::Vianet21 => "21vianet",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "microsoft" => Some(Operator::Microsoft),
            "21vianet" => Some(Operator::Vianet21),
            _ => None,
        }
    }

    /// The label ONES shows in its "Microsoft 365 service operator" choice.
    pub fn ones_label(self) -> &'static str {
        match self {
            Operator::Microsoft => "Microsoft",
            Operator::Vianet21 => "21Vianet",
        }
    }

    /// The other cloud (used to detect a tenant registered in the wrong one).
    pub fn other(self) -> Self {
        match self {
            Operator::Microsoft => Operator::Vianet21,
            Operator::Vianet21 => Operator::Microsoft,
        }
    }
}

/// Server settings: the app registration ONES uses to reach room calendars.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ServerApp {
    pub tenant_id: String,
    pub client_id: String,
    pub client_secret: Secret,
    pub client_secret_expires_on: Option<NaiveDate>,
    /// ONES stores a client secret for this app (a pull or a verified export said so). An empty
    /// `client_secret` then means "keep the one ONES has": not missing, and exported as such.
    /// Written as `"client_secret": {"set": true, "expires_on": …}` — the form ONES answers with.
    pub client_secret_in_ones: bool,
}

/// Room settings.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct RoomSettings {
    /// The redirect URI ONES generates for the server app (registered in Azure under Web).
    pub redirect_uri: String,
    /// Apply the Offision room policy to Microsoft 365 rooms.
    pub offision_policy: bool,
    /// Room mailbox addresses (used by the room access test).
    pub mailboxes: Vec<String>,
}

/// User settings, part one: the second app registration, used for single sign-on.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SsoApp {
    pub client_id: String,
    pub client_secret: Secret,
    pub client_secret_expires_on: Option<NaiveDate>,
    pub redirect_uri: String,
    /// See [`ServerApp::client_secret_in_ones`].
    pub client_secret_in_ones: bool,
}

/// Where a client secret's value is, as far as this document knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecretState {
    /// Typed (or read from a file) — the value is here.
    Typed,
    /// Not here, but ONES stores one (with its expiry, when known): the export keeps it; only
    /// checks that need the value ask for it.
    StoredInOnes { expires_on: Option<NaiveDate> },
    /// Neither here nor known to be stored anywhere.
    Missing,
}

impl SecretState {
    fn of(secret: &Secret, in_ones: bool, expires_on: Option<NaiveDate>) -> Self {
        if !secret.is_empty() {
            SecretState::Typed
        } else if in_ones {
            SecretState::StoredInOnes { expires_on }
        } else {
            SecretState::Missing
        }
    }
}

/// A client secret as JSON: its value, or ONES's `{"set": true, "expires_on": …}` when only ONES
/// holds it.
#[derive(Serialize)]
#[serde(untagged)]
enum SecretOnWire<'a> {
    Value(&'a Secret),
    Stored {
        set: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        expires_on: Option<NaiveDate>,
    },
}

impl<'a> SecretOnWire<'a> {
    fn of(secret: &'a Secret, in_ones: bool, expires_on: Option<NaiveDate>) -> Self {
        if secret.is_empty() && in_ones {
            SecretOnWire::Stored {
                set: true,
                expires_on,
            }
        } else {
            SecretOnWire::Value(secret)
        }
    }
}

impl Serialize for ServerApp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut state = serializer.serialize_struct("ServerApp", 4)?;
        state.serialize_field("tenant_id", &self.tenant_id)?;
        state.serialize_field("client_id", &self.client_id)?;
        state.serialize_field(
            "client_secret",
            &SecretOnWire::of(
                &self.client_secret,
                self.client_secret_in_ones,
                self.client_secret_expires_on,
            ),
        )?;
        state.serialize_field("client_secret_expires_on", &self.client_secret_expires_on)?;
        state.end()
    }
}

impl Serialize for SsoApp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut state = serializer.serialize_struct("SsoApp", 4)?;
        state.serialize_field("client_id", &self.client_id)?;
        state.serialize_field(
            "client_secret",
            &SecretOnWire::of(
                &self.client_secret,
                self.client_secret_in_ones,
                self.client_secret_expires_on,
            ),
        )?;
        state.serialize_field("client_secret_expires_on", &self.client_secret_expires_on)?;
        state.serialize_field("redirect_uri", &self.redirect_uri)?;
        state.end()
    }
}

impl ServerApp {
    pub fn secret_state(&self) -> SecretState {
        SecretState::of(
            &self.client_secret,
            self.client_secret_in_ones,
            self.client_secret_expires_on,
        )
    }
}

impl SsoApp {
    pub fn secret_state(&self) -> SecretState {
        SecretState::of(
            &self.client_secret,
            self.client_secret_in_ones,
            self.client_secret_expires_on,
        )
    }
}

/// User settings, part two.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct UserSettings {
    pub default_user_groups: Vec<String>,
    pub pager_as_card_number: bool,
    pub login_button_name: String,
}

/// A whole "Delegated resource only" integration.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IntegrationDocument {
    pub schema: String,
    pub name: String,
    pub operator: Operator,
    pub ones_url: String,
    pub server_app: ServerApp,
    pub room: RoomSettings,
    pub sso_app: SsoApp,
    pub users: UserSettings,
}

impl Default for IntegrationDocument {
    fn default() -> Self {
        Self {
            schema: SCHEMA.to_owned(),
            name: String::new(),
            operator: Operator::default(),
            ones_url: String::new(),
            server_app: ServerApp::default(),
            room: RoomSettings::default(),
            sso_app: SsoApp::default(),
            users: UserSettings {
                login_button_name: "Sign in with Microsoft".to_owned(),
                ..UserSettings::default()
            },
        }
    }
}

impl IntegrationDocument {
    /// A copy with both client secrets emptied (expiry dates and "stored in ONES" kept): what
    /// drafts and reports store.
    pub fn without_secrets(&self) -> Self {
        let mut copy = self.clone();
        copy.server_app.client_secret = Secret::default();
        copy.sso_app.client_secret = Secret::default();
        copy
    }

    /// The state of the secret of the app `field` belongs to (`ServerClientSecret` or
    /// `SsoClientSecret`; any other field: `None`).
    pub fn secret_state(&self, field: super::Field) -> Option<SecretState> {
        match field {
            super::Field::ServerClientSecret => Some(self.server_app.secret_state()),
            super::Field::SsoClientSecret => Some(self.sso_app.secret_state()),
            _ => None,
        }
    }

    /// Records that ONES stores the secret of the app `field` belongs to (`ServerClientSecret` or
    /// `SsoClientSecret`; any other field: nothing): an empty one is then kept, not missing.
    pub fn mark_secret_stored_in_ones(&mut self, field: super::Field) {
        match field {
            super::Field::ServerClientSecret => self.server_app.client_secret_in_ones = true,
            super::Field::SsoClientSecret => self.sso_app.client_secret_in_ones = true,
            _ => {}
        }
    }

    pub fn has_secrets(&self) -> bool {
        !self.server_app.client_secret.is_empty() || !self.sso_app.client_secret.is_empty()
    }

    /// Pretty JSON of the document as it is (secrets included when present).
    pub fn to_json_pretty(&self) -> String {
        // Serializing plain data with string keys cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The key ONES addresses this integration by in its API: the name in lowercase, letters and
    /// digits kept, every other run of characters turned into one `-`, trimmed of `-`, at most 64
    /// characters; `integration` when nothing is left (e.g. a name of only Chinese characters is
    /// kept as is — letters of any script count as letters).
    pub fn key(&self) -> String {
        integration_key(&self.name)
    }
}

/// See [`IntegrationDocument::key`].
pub fn integration_key(name: &str) -> String {
    let mut key = String::new();
    let mut pending_dash = false;
    for ch in name.chars().flat_map(char::to_lowercase) {
        if ch.is_alphanumeric() {
            if pending_dash && !key.is_empty() {
                key.push('-');
            }
            pending_dash = false;
            key.push(ch);
        } else {
            pending_dash = true;
        }
        if key.chars().count() >= 64 {
            break;
        }
    }
    if key.is_empty() {
        "integration".to_owned()
    } else {
        key
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_is_a_slug_of_the_name() {
        assert_eq!(integration_key("Head office"), "head-office");
        assert_eq!(
            integration_key("  Head   Office / Floor 3 "),
            "head-office-floor-3"
        );
        assert_eq!(integration_key("总部 会议室"), "总部-会议室");
        assert_eq!(integration_key("!!!"), "integration");
    }

    #[test]
    fn operator_serializes_as_the_contract_says() {
        assert_eq!(
            serde_json::to_string(&Operator::Vianet21).unwrap(),
            "\"21vianet\""
        );
        assert_eq!(
            serde_json::to_string(&Operator::Microsoft).unwrap(),
            "\"microsoft\""
        );
    }

    #[test]
    fn a_secret_only_ones_holds_is_written_in_the_form_ones_answers_with() {
        let mut doc = IntegrationDocument::default();
        doc.server_app.client_secret_in_ones = true;
        doc.server_app.client_secret_expires_on = NaiveDate::from_ymd_opt(2027, 3, 1);
        let value = serde_json::to_value(&doc).unwrap();
        assert_eq!(
            value["server_app"]["client_secret"],
            serde_json::json!({"set": true, "expires_on": "2027-03-01"})
        );
        assert_eq!(value["sso_app"]["client_secret"], "");
        let loaded = crate::model::load::document_from_value(&value).unwrap();
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        assert_eq!(loaded.document, doc);
        // A typed value wins over the stored state in a file.
        doc.server_app.client_secret = Secret::new("abc8Q~typed");
        let value = serde_json::to_value(&doc).unwrap();
        assert_eq!(value["server_app"]["client_secret"], "abc8Q~typed");
        assert_eq!(doc.server_app.secret_state(), SecretState::Typed);
        assert_eq!(
            doc.without_secrets().server_app.secret_state(),
            SecretState::StoredInOnes {
                expires_on: NaiveDate::from_ymd_opt(2027, 3, 1)
            }
        );
    }

    #[test]
    fn debug_of_a_document_redacts_secrets() {
        let mut doc = IntegrationDocument::default();
        doc.server_app.client_secret = Secret::new("abc8Q~topsecretvalue");
        doc.sso_app.client_secret = Secret::new("xyz8Q~othersecretvalue");
        let text = format!("{doc:?}");
        assert!(!text.contains("topsecret"));
        assert!(!text.contains("othersecret"));
    }
}
