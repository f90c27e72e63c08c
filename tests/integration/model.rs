//! Lenient loading, links per operator, and redaction of secrets in every printed form.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::too_many_lines,
    reason = "test, bench and example code: a panic is the failure, and its output is the point"
)]
use crate::common;

use common::*;
use ones_m365_assistant::cloud::{AppRole, PortalPage, links_for};
use ones_m365_assistant::model::{Operator, load_document};

#[test]
fn a_saved_document_loads_back_identically() {
    let doc = valid_document();
    let loaded = load_document(&doc.to_json_pretty()).expect("loads");
    assert_eq!(loaded.document, doc);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn the_contract_field_names_are_written() {
    let value: serde_json::Value =
        serde_json::from_str(&valid_document().to_json_pretty()).unwrap();
    assert_eq!(value["schema"], "ones-m365/1");
    for path in [
        "/name",
        "/operator",
        "/ones_url",
        "/server_app/tenant_id",
        "/server_app/client_id",
        "/server_app/client_secret",
        "/server_app/client_secret_expires_on",
        "/room/redirect_uri",
        "/room/offision_policy",
        "/room/mailboxes",
        "/sso_app/client_id",
        "/sso_app/client_secret",
        "/sso_app/client_secret_expires_on",
        "/sso_app/redirect_uri",
        "/users/default_user_groups",
        "/users/pager_as_card_number",
        "/users/login_button_name",
    ] {
        assert!(value.pointer(path).is_some(), "missing {path}");
    }
    assert_eq!(
        value["server_app"]["client_secret_expires_on"],
        "2027-11-01"
    );
}

#[test]
fn unknown_and_wrong_typed_fields_become_defaults_with_warnings() {
    let text = r#"{
        "schema": "ones-m365/1",
        "name": 42,
        "operator": "azure-germany",
        "colour": "blue",
        "server_app": { "tenant_id": "contoso.com", "client_secret": 12345, "client_secret_expires_on": "next year" },
        "room": { "offision_policy": "yes", "mailboxes": ["a@contoso.com", 7] },
        "users": "everyone"
    }"#;
    let loaded = load_document(text).expect("lenient");
    let doc = &loaded.document;
    assert_eq!(doc.name, "");
    assert_eq!(doc.operator, Operator::Microsoft);
    assert_eq!(doc.server_app.tenant_id, "contoso.com");
    assert!(doc.server_app.client_secret.is_empty());
    assert_eq!(doc.server_app.client_secret_expires_on, None);
    assert!(!doc.room.offision_policy);
    assert_eq!(doc.room.mailboxes, vec!["a@contoso.com".to_owned()]);
    let fields: Vec<&str> = loaded
        .warnings
        .iter()
        .map(|warning| warning.field.as_str())
        .collect();
    for expected in [
        "name",
        "operator",
        "colour",
        "server_app.client_secret",
        "server_app.client_secret_expires_on",
        "room.offision_policy",
        "room.mailboxes[1]",
        "users",
    ] {
        assert!(
            fields.contains(&expected),
            "no warning for {expected}: {fields:?}"
        );
    }
    // A wrong-typed secret is never echoed.
    assert!(
        loaded
            .warnings
            .iter()
            .all(|warning| !warning.message().contains("12345"))
    );
}

#[test]
fn missing_schema_and_other_versions_are_noted() {
    let loaded = load_document(r#"{"name": "HQ"}"#).unwrap();
    assert!(
        loaded
            .warnings
            .iter()
            .any(|warning| warning.field == "schema")
    );
    let loaded = load_document(r#"{"schema": "ones-m365/2", "name": "HQ"}"#).unwrap();
    assert!(
        loaded
            .warnings
            .iter()
            .any(|warning| warning.message().contains("ones-m365/2"))
    );
    assert_eq!(loaded.document.name, "HQ");
}

#[test]
fn non_objects_and_broken_json_are_refused_with_a_position() {
    assert!(load_document("[1, 2]").is_err());
    let error = load_document("{\n  \"name\": ").unwrap_err().to_string();
    assert!(error.contains("line 2"), "{error}");
}

#[test]
fn a_redacted_secret_from_ones_keeps_its_expiry() {
    let text = r#"{"schema":"ones-m365/1","server_app":{"client_secret":{"set":true,"expires_on":"2027-03-01"}}}"#;
    let loaded = load_document(text).unwrap();
    assert!(loaded.document.server_app.client_secret.is_empty());
    assert_eq!(
        loaded
            .document
            .server_app
            .client_secret_expires_on
            .unwrap()
            .to_string(),
        "2027-03-01"
    );
    // ONES holding the secret is a state the document keeps, not a warning.
    assert!(loaded.document.server_app.client_secret_in_ones);
    assert!(!loaded.document.sso_app.client_secret_in_ones);
    assert!(
        !loaded
            .warnings
            .iter()
            .any(|warning| warning.field.contains("client_secret")),
        "{:?}",
        loaded.warnings
    );
}

#[test]
fn links_follow_the_operator_portal() {
    let mut doc = valid_document();
    for (operator, host) in [
        (Operator::Microsoft, "https://portal.azure.com/"),
        (Operator::Vianet21, "https://portal.azure.cn/"),
    ] {
        doc.operator = operator;
        let links = links_for(&doc);
        assert_eq!(links.len(), 10);
        assert!(
            links.iter().all(|link| link.url.starts_with(host)),
            "{operator:?}"
        );
        let auth = links
            .iter()
            .find(|link| link.app == Some(AppRole::Sso) && link.page == PortalPage::Authentication)
            .unwrap();
        assert!(auth.url.ends_with(&format!(
            "/~/Authentication/appId/{SSO_APP}/isMSAApp~/false"
        )));
        assert!(auth.exact);
    }
}

#[test]
fn links_without_a_client_id_open_the_app_list() {
    let mut doc = valid_document();
    doc.sso_app.client_id = "not yet".into();
    let links = links_for(&doc);
    let sso: Vec<_> = links
        .iter()
        .filter(|link| link.app == Some(AppRole::Sso))
        .collect();
    assert!(
        sso.iter()
            .all(|link| !link.exact && link.url.ends_with("ApplicationsListBlade"))
    );
}

#[test]
fn no_printed_form_of_a_document_reveals_a_secret() {
    let doc = valid_document();
    for text in [
        format!("{doc:?}"),
        format!("{doc:#?}"),
        doc.without_secrets().to_json_pretty(),
    ] {
        assert!(
            !text.contains(SERVER_SECRET) && !text.contains(SSO_SECRET),
            "secret leaked: {text}"
        );
    }
    // The document file itself carries secrets only on purpose: through to_json_pretty.
    assert!(doc.to_json_pretty().contains(SERVER_SECRET));
}
