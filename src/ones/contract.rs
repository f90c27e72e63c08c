//! The wire format of the integration settings API (`docs/ones-api.md`), shared by the client and
//! the ONES stand-in so both speak exactly one contract: endpoint paths, the redacted secret
//! form, the conditional-request headers' meaning and the error body. Pure data — no I/O.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use url::Url;

use crate::model::IntegrationDocument;

/// `GET` — public ONES endpoint; proves the address and the token.
pub const INFORMATION_PATH: &[&str] = &["API", "external", "system", "v1", "information"];
/// Prefix of the integration endpoints; `{key}` and optionally `redirect-uris` follow.
pub const INTEGRATION_PATH: &[&str] = &["API", "external", "integration", "v1", "microsoft365"];
pub const REDIRECT_URIS_SEGMENT: &str = "redirect-uris";

/// `code` of the 404 body for an integration that does not exist (as opposed to a ONES version
/// without this API, whose 404 carries any other body).
pub const INTEGRATION_NOT_FOUND_CODE: &str = "integration_not_found";
/// `code` of the 422 body.
pub const VALIDATION_FAILED_CODE: &str = "validation_failed";
/// `code` of the 409 body.
pub const CONFLICT_CODE: &str = "conflict";

/// The two secret fields, by the object that holds them.
pub const SECRET_OWNERS: [&str; 2] = ["server_app", "sso_app"];

/// `{ones}/API/external/system/v1/information`.
pub fn information_url(base: &Url) -> Url {
    endpoint_url(base, INFORMATION_PATH.iter().copied())
}

/// `{ones}/API/external/integration/v1/microsoft365/{key}` (the key is percent-encoded).
pub fn integration_url(base: &Url, key: &str) -> Url {
    endpoint_url(base, INTEGRATION_PATH.iter().copied().chain([key]))
}

/// `{ones}/API/external/integration/v1/microsoft365/{key}/redirect-uris`.
pub fn redirect_uris_url(base: &Url, key: &str) -> Url {
    endpoint_url(
        base,
        INTEGRATION_PATH
            .iter()
            .copied()
            .chain([key, REDIRECT_URIS_SEGMENT]),
    )
}

/// Appends `segments` to the base URL's path, keeping a path prefix (`https://host/ones`).
fn endpoint_url<'a>(base: &Url, segments: impl IntoIterator<Item = &'a str>) -> Url {
    let mut url = base.clone();
    url.set_query(None);
    url.set_fragment(None);
    if let Ok(mut path) = url.path_segments_mut() {
        path.pop_if_empty().extend(segments);
    }
    url
}

/// The redirect URIs a ONES server expects for an integration (`…/{key}/redirect-uris`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RedirectUris {
    pub room: String,
    pub sso: String,
}

impl RedirectUris {
    /// The URI ONES expects in the redirect URI field `field`; `None` for any other field.
    pub fn for_field(&self, field: crate::model::Field) -> Option<&str> {
        match field {
            crate::model::Field::RoomRedirectUri => Some(&self.room),
            crate::model::Field::SsoRedirectUri => Some(&self.sso),
            _ => None,
        }
    }
}

/// What ONES says about a stored client secret instead of its value:
/// `{"set": true, "expires_on": "2026-05-31"}`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredSecret {
    pub set: bool,
    #[serde(default)]
    pub expires_on: Option<NaiveDate>,
}

/// One field-level error of a 422 answer. `field` is a dotted document path
/// (`server_app.tenant_id`, `room.mailboxes[2]`), see [`crate::model::Field::path`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireFieldError {
    pub field: String,
    pub message: String,
}

/// The body of every error answer: `{"code": "...", "message": "...", "errors": [...]}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub message: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<WireFieldError>,
}

/// The document as ONES returns it: every client secret replaced by a [`StoredSecret`].
pub fn redacted_document(doc: &IntegrationDocument) -> Value {
    let mut value = document_value(doc);
    let apps = [
        (
            SECRET_OWNERS[0],
            !doc.server_app.client_secret.is_empty(),
            doc.server_app.client_secret_expires_on,
        ),
        (
            SECRET_OWNERS[1],
            !doc.sso_app.client_secret.is_empty(),
            doc.sso_app.client_secret_expires_on,
        ),
    ];
    for (owner, set, expires_on) in apps {
        if let Some(app) = value.get_mut(owner).and_then(Value::as_object_mut) {
            app.insert(
                "client_secret".to_owned(),
                json!(StoredSecret { set, expires_on }),
            );
        }
    }
    value
}

/// The body the client PUTs: the document as it is, except that an empty secret is sent as
/// `{"set": true}` — "keep the secret you have" (see the contract's "Keeping stored secrets").
pub fn document_for_put(doc: &IntegrationDocument) -> Value {
    let mut value = document_value(doc);
    let apps = [
        (SECRET_OWNERS[0], doc.server_app.client_secret.is_empty()),
        (SECRET_OWNERS[1], doc.sso_app.client_secret.is_empty()),
    ];
    for (owner, keep) in apps {
        if keep && let Some(app) = value.get_mut(owner).and_then(Value::as_object_mut) {
            app.insert("client_secret".to_owned(), json!({ "set": true }));
        }
    }
    value
}

/// Whether a PUT body's secret under `owner` means "keep the stored one": absent, `null`, `""`
/// or an object (`{"set": true}`, as GET returned it).
pub fn secret_is_kept(body: &Value, owner: &str) -> bool {
    match body.get(owner).and_then(|app| app.get("client_secret")) {
        None | Some(Value::Null) | Some(Value::Object(_)) => true,
        Some(Value::String(text)) => text.trim().is_empty(),
        Some(_) => false,
    }
}

/// The stored-secret object under `owner` in a GET/PUT answer, if it has that form.
pub fn stored_secret(body: &Value, owner: &str) -> Option<StoredSecret> {
    let secret = body.get(owner)?.get("client_secret")?;
    secret.as_object()?;
    serde_json::from_value(secret.clone()).ok()
}

fn document_value(doc: &IntegrationDocument) -> Value {
    // Serializing plain data with string keys cannot fail.
    serde_json::to_value(doc).unwrap_or(Value::Null)
}

/// `"rev-7"`-style strong ETags are compared as opaque strings; `*` matches anything.
pub fn etag_matches(if_match: &str, current: &str) -> bool {
    if_match
        .split(',')
        .map(str::trim)
        .any(|candidate| candidate == "*" || candidate == current)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Secret;

    #[test]
    fn urls_keep_a_path_prefix_and_encode_the_key() {
        let base = Url::parse("https://ones.example.com/ones/").unwrap();
        assert_eq!(
            integration_url(&base, "head-office").as_str(),
            "https://ones.example.com/ones/API/external/integration/v1/microsoft365/head-office"
        );
        assert_eq!(
            redirect_uris_url(&base, "总部").as_str(),
            "https://ones.example.com/ones/API/external/integration/v1/microsoft365/%E6%80%BB%E9%83%A8/redirect-uris"
        );
        let bare = Url::parse("https://ones.example.com").unwrap();
        assert_eq!(
            information_url(&bare).as_str(),
            "https://ones.example.com/API/external/system/v1/information"
        );
    }

    #[test]
    fn redaction_hides_values_and_keeps_expiry() {
        let mut doc = IntegrationDocument::default();
        doc.server_app.client_secret = Secret::new("abc8Q~topsecret");
        doc.server_app.client_secret_expires_on = NaiveDate::from_ymd_opt(2026, 5, 31);
        let value = redacted_document(&doc);
        assert!(!value.to_string().contains("topsecret"));
        assert_eq!(
            stored_secret(&value, "server_app"),
            Some(StoredSecret {
                set: true,
                expires_on: NaiveDate::from_ymd_opt(2026, 5, 31)
            })
        );
        assert_eq!(
            stored_secret(&value, "sso_app"),
            Some(StoredSecret {
                set: false,
                expires_on: None
            })
        );
    }

    #[test]
    fn empty_secrets_are_sent_as_keep() {
        let mut doc = IntegrationDocument::default();
        doc.sso_app.client_secret = Secret::new("xyz8Q~typed");
        let body = document_for_put(&doc);
        assert!(secret_is_kept(&body, "server_app"));
        assert!(!secret_is_kept(&body, "sso_app"));
        assert!(secret_is_kept(
            &json!({"server_app": {"client_secret": ""}}),
            "server_app"
        ));
        assert!(secret_is_kept(&json!({}), "server_app"));
    }

    #[test]
    fn etags_compare_as_opaque_strings() {
        assert!(etag_matches("\"rev-2\"", "\"rev-2\""));
        assert!(etag_matches("*", "\"rev-2\""));
        assert!(etag_matches("\"a\", \"rev-2\"", "\"rev-2\""));
        assert!(!etag_matches("\"rev-1\"", "\"rev-2\""));
    }
}
