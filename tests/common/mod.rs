//! Shared fixtures for the integration tests.
#![allow(dead_code)]

pub mod cli;

use chrono::NaiveDate;
use ones_m365_assistant::model::{IntegrationDocument, Operator, Secret};
use ones_m365_assistant::redirect::derive_redirect_uris;

pub const TENANT: &str = "72f988bf-86f1-41af-91ab-2d7cd011db47";
pub const SERVER_APP: &str = "11111111-2222-3333-4444-555555555555";
pub const SSO_APP: &str = "66666666-7777-8888-9999-000000000000";
pub const SERVER_SECRET: &str = "Xy_8Q~serverSecretValue0123456789abcdef";
pub const SSO_SECRET: &str = "Ab.7Q~ssoSecretValue-0123456789abcdefghi";

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).expect("valid date")
}

/// A document that passes validation without a single finding.
pub fn valid_document() -> IntegrationDocument {
    let mut doc = IntegrationDocument {
        name: "Head office".to_owned(),
        operator: Operator::Microsoft,
        ones_url: "https://ones.example.com".to_owned(),
        ..IntegrationDocument::default()
    };
    doc.server_app.tenant_id = TENANT.to_owned();
    doc.server_app.client_id = SERVER_APP.to_owned();
    doc.server_app.client_secret = Secret::new(SERVER_SECRET);
    doc.server_app.client_secret_expires_on = NaiveDate::from_ymd_opt(2027, 11, 1);
    let uris = derive_redirect_uris(&doc.ones_url, &doc.name).expect("derivable");
    doc.room.redirect_uri = uris.room;
    doc.room.mailboxes = vec!["room-101@contoso.com".to_owned()];
    doc.sso_app.client_id = SSO_APP.to_owned();
    doc.sso_app.client_secret = Secret::new(SSO_SECRET);
    doc.sso_app.client_secret_expires_on = NaiveDate::from_ymd_opt(2027, 5, 1);
    doc.sso_app.redirect_uri = uris.sso;
    doc.users.default_user_groups = vec!["Staff".to_owned()];
    doc
}
