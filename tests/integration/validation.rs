//! Every validation rule, with the outcome that passes and the one that does not.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::too_many_lines,
    reason = "test, bench and example code: a panic is the failure, and its output is the point"
)]
use crate::common;

use chrono::NaiveDate;
use common::*;
use ones_m365_assistant::model::{
    Field, IntegrationDocument, Operator, Secret, Severity, Step, validate,
};

fn findings(doc: &IntegrationDocument, field: Field) -> Vec<(Severity, String)> {
    validate(doc, today())
        .for_field(field)
        .map(|finding| (finding.severity, finding.message().clone()))
        .collect()
}

#[track_caller]
fn assert_error(doc: &IntegrationDocument, field: Field, needle: &str) {
    let found = findings(doc, field);
    assert!(
        found
            .iter()
            .any(|(severity, message)| *severity == Severity::Error && message.contains(needle)),
        "expected an error on {field:?} containing {needle:?}, got {found:?}"
    );
}

#[track_caller]
fn assert_warning(doc: &IntegrationDocument, field: Field, needle: &str) {
    let found = findings(doc, field);
    assert!(
        found
            .iter()
            .any(|(severity, message)| *severity == Severity::Warning && message.contains(needle)),
        "expected a warning on {field:?} containing {needle:?}, got {found:?}"
    );
}

#[track_caller]
fn assert_clean(doc: &IntegrationDocument, field: Field) {
    let found = findings(doc, field);
    assert!(
        found.is_empty(),
        "expected no finding on {field:?}, got {found:?}"
    );
}

fn with(change: impl FnOnce(&mut IntegrationDocument)) -> IntegrationDocument {
    let mut doc = valid_document();
    change(&mut doc);
    doc
}

#[test]
fn the_fixture_is_valid_without_findings() {
    let report = validate(&valid_document(), today());
    assert!(report.is_valid());
    assert_eq!(report.findings, vec![], "fixture should be spotless");
    for step in Step::ALL {
        assert!(report.step_is_valid(step));
    }
}

#[test]
fn tenant_accepts_a_guid_or_a_domain() {
    assert_clean(&valid_document(), Field::TenantId);
    assert_clean(
        &with(|doc| doc.server_app.tenant_id = "contoso.onmicrosoft.com".into()),
        Field::TenantId,
    );
    assert_clean(
        &with(|doc| doc.server_app.tenant_id = "contoso.com".into()),
        Field::TenantId,
    );
}

#[test]
fn tenant_refuses_multi_tenant_keywords() {
    for keyword in ["common", "organizations", "Consumers"] {
        assert_error(
            &with(|doc| doc.server_app.tenant_id = keyword.into()),
            Field::TenantId,
            "is not a tenant",
        );
    }
}

#[test]
fn tenant_explains_a_truncated_guid_empty_value_url_and_mail_address() {
    assert_error(
        &with(|doc| doc.server_app.tenant_id = "72f988bf-86f1-41af-91ab-2d7cd011db4".into()),
        Field::TenantId,
        "truncated",
    );
    assert_error(
        &with(|doc| doc.server_app.tenant_id = String::new()),
        Field::TenantId,
        "Directory (tenant) ID",
    );
    assert_error(
        &with(|doc| {
            doc.server_app.tenant_id = "https://login.microsoftonline.com/contoso.com".into()
        }),
        Field::TenantId,
        "not a web address",
    );
    assert_error(
        &with(|doc| doc.server_app.tenant_id = "admin@contoso.com".into()),
        Field::TenantId,
        "e-mail address",
    );
    assert_error(
        &with(|doc| doc.server_app.tenant_id = "contoso".into()),
        Field::TenantId,
        "GUID",
    );
}

#[test]
fn tenant_domain_of_the_other_cloud_is_a_warning() {
    let doc = with(|doc| doc.server_app.tenant_id = "contoso.partner.onmschina.cn".into());
    assert_warning(&doc, Field::TenantId, "21Vianet");
    let doc = with(|doc| {
        doc.operator = Operator::Vianet21;
        doc.server_app.tenant_id = "contoso.onmicrosoft.com".into();
    });
    assert_warning(&doc, Field::TenantId, "Microsoft cloud");
}

#[test]
fn client_ids_must_be_guids() {
    assert_clean(&valid_document(), Field::ServerClientId);
    assert_error(
        &with(|doc| doc.server_app.client_id = "my-app".into()),
        Field::ServerClientId,
        "GUID",
    );
    assert_error(
        &with(|doc| doc.sso_app.client_id = String::new()),
        Field::SsoClientId,
        "Application (client) ID",
    );
}

#[test]
fn a_client_id_in_the_tenant_field_is_an_error_under_the_tenant_id() {
    // The server app's client ID pasted into Tenant ID: the error is under Tenant ID.
    let doc = with(|doc| doc.server_app.tenant_id = SERVER_APP.to_uppercase());
    assert_error(&doc, Field::TenantId, "pasted twice");
    assert_clean(&doc, Field::ServerClientId);
    assert!(
        !validate(&doc, today()).is_valid(),
        "it blocks Next and the export"
    );
    // The tenant right and the SSO app's client ID set to it: the error is under the SSO field.
    let doc = with(|doc| doc.sso_app.client_id = TENANT.to_uppercase());
    assert_error(&doc, Field::SsoClientId, "pasted twice");
    assert_clean(&doc, Field::TenantId);
}

#[test]
fn sso_app_equal_to_server_app_is_an_error() {
    let doc = with(|doc| doc.sso_app.client_id = SERVER_APP.into());
    assert_error(&doc, Field::SsoClientId, "ANOTHER app registration");
    assert_clean(&doc, Field::ServerClientId);
    assert!(
        !validate(&doc, today()).is_valid(),
        "single sign-on needs its own app"
    );
}

#[test]
fn secret_rules() {
    assert_clean(&valid_document(), Field::ServerClientSecret);
    assert_error(
        &with(|doc| doc.server_app.client_secret = Secret::default()),
        Field::ServerClientSecret,
        "Value",
    );
    assert_error(
        &with(|doc| {
            doc.server_app.client_secret = Secret::new("0b3c41f2-1234-4cde-9f00-aa11bb22cc33")
        }),
        Field::ServerClientSecret,
        "Secret ID",
    );
    assert_warning(
        &with(|doc| doc.server_app.client_secret = Secret::new(format!("  {SERVER_SECRET}\n"))),
        Field::ServerClientSecret,
        "removed before use",
    );
    assert_error(
        &with(|doc| doc.sso_app.client_secret = Secret::new("abc8Q~half of secret")),
        Field::SsoClientSecret,
        "space or line break inside",
    );
}

#[test]
fn an_old_style_secret_is_warned_about_never_refused() {
    let doc =
        with(|doc| doc.server_app.client_secret = Secret::new("oldStyleBase64Secret+abc/def=="));
    assert_warning(
        &doc,
        Field::ServerClientSecret,
        "does not look like a current Entra secret",
    );
    assert!(validate(&doc, today()).is_valid());
}

#[test]
fn the_same_secret_twice_is_a_warning() {
    assert_warning(
        &with(|doc| doc.sso_app.client_secret = Secret::new(SERVER_SECRET)),
        Field::SsoClientSecret,
        "same secret",
    );
}

#[test]
fn messages_never_contain_the_secret() {
    let secrets = [
        "abc8Q~half of secret",
        "0b3c41f2-1234-4cde-9f00-aa11bb22cc33",
        "oldStyleBase64Secret+abc/def==",
    ];
    for secret in secrets {
        let doc = with(|doc| doc.server_app.client_secret = Secret::new(secret));
        for finding in validate(&doc, today()).findings {
            assert!(
                !finding.message().contains(secret),
                "{} leaked the secret",
                finding.message()
            );
        }
    }
}

#[test]
fn expiry_must_be_in_the_future_and_within_24_months() {
    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
    assert_clean(&valid_document(), Field::ServerSecretExpiry);
    assert_error(
        &with(|doc| doc.server_app.client_secret_expires_on = date(2026, 1, 1)),
        Field::ServerSecretExpiry,
        "expired",
    );
    assert_error(
        &with(|doc| doc.server_app.client_secret_expires_on = Some(today())),
        Field::ServerSecretExpiry,
        "expired",
    );
    assert_error(
        &with(|doc| doc.sso_app.client_secret_expires_on = date(2028, 11, 29)),
        Field::SsoSecretExpiry,
        "24 months",
    );
    assert_clean(
        &with(|doc| doc.sso_app.client_secret_expires_on = date(2028, 11, 28)),
        Field::SsoSecretExpiry,
    );
    assert_warning(
        &with(|doc| doc.sso_app.client_secret_expires_on = None),
        Field::SsoSecretExpiry,
        "expires",
    );
}

#[test]
fn a_secret_expiring_within_30_days_is_a_warning() {
    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
    let doc = with(|doc| doc.server_app.client_secret_expires_on = date(2026, 12, 20));
    assert_warning(&doc, Field::ServerSecretExpiry, "expires in 22 days");
    assert!(
        validate(&doc, today()).is_valid(),
        "a warning, not an error"
    );
    assert_clean(
        &with(|doc| doc.server_app.client_secret_expires_on = date(2026, 12, 28)),
        Field::ServerSecretExpiry,
    );
}

#[test]
fn redirect_uri_rules() {
    assert_clean(&valid_document(), Field::RoomRedirectUri);
    let set = |uri: &str| with(|doc| doc.room.redirect_uri = uri.to_owned());
    assert_error(
        &set("http://ones.example.com/callback"),
        Field::RoomRedirectUri,
        "https://",
    );
    assert_clean(
        &with(|doc| {
            doc.ones_url = "http://localhost:8080".into();
            doc.room.redirect_uri = "http://localhost:8080/callback".into();
        }),
        Field::RoomRedirectUri,
    );
    assert_error(
        &set(&format!("https://ones.example.com/{}", "a".repeat(240))),
        Field::RoomRedirectUri,
        "256",
    );
    for bad in ['!', '$', '\'', '(', ')', ',', ';'] {
        assert_error(
            &set(&format!("https://ones.example.com/cb{bad}x")),
            Field::RoomRedirectUri,
            "does not allow",
        );
    }
    assert_error(
        &set("https://*.example.com/callback"),
        Field::RoomRedirectUri,
        "wildcard",
    );
    assert_error(
        &set("ftp://ones.example.com/callback"),
        Field::RoomRedirectUri,
        "not allowed",
    );
    assert_error(
        &set("https://ones.example.com/cb#part"),
        Field::RoomRedirectUri,
        "#",
    );
    assert_error(&set(""), Field::RoomRedirectUri, "Paste the Redirect URI");
}

#[test]
fn redirect_uri_on_another_host_than_ones_is_a_warning() {
    let doc = with(|doc| doc.sso_app.redirect_uri = "https://elsewhere.example.org/sso".into());
    assert_warning(&doc, Field::SsoRedirectUri, "ones.example.com");
    assert!(validate(&doc, today()).is_valid());
}

#[test]
fn ones_url_must_be_https_except_loopback() {
    let set = |url: &str| with(|doc| doc.ones_url = url.to_owned());
    assert_clean(&set("https://ones.example.com:8443"), Field::OnesUrl);
    assert_clean(&set("http://127.0.0.1:9000"), Field::OnesUrl);
    assert_error(&set("http://ones.example.com"), Field::OnesUrl, "https://");
    assert_error(
        &set("ones.example.com"),
        Field::OnesUrl,
        "Start the address with https://",
    );
    assert_error(&set(""), Field::OnesUrl, "Enter the address");
    assert_warning(
        &set("https://ones.example.com/?x=1"),
        Field::OnesUrl,
        "Remove the part after",
    );
}

#[test]
fn names_must_be_present_and_of_sane_length() {
    assert_error(
        &with(|doc| doc.name = "   ".into()),
        Field::Name,
        "Enter a name",
    );
    assert_error(
        &with(|doc| doc.name = "x".repeat(65)),
        Field::Name,
        "Too long",
    );
    assert_clean(&with(|doc| doc.name = "x".repeat(64)), Field::Name);
    assert_error(
        &with(|doc| doc.users.login_button_name = String::new()),
        Field::LoginButtonName,
        "login button",
    );
    assert_error(
        &with(|doc| doc.users.login_button_name = "y".repeat(41)),
        Field::LoginButtonName,
        "Too long",
    );
    assert_error(
        &with(|doc| doc.name = "Head\noffice".into()),
        Field::Name,
        "line break",
    );
}

#[test]
fn mailboxes_are_addresses() {
    assert_clean(&valid_document(), Field::Mailboxes);
    assert_error(
        &with(|doc| doc.room.mailboxes = vec!["room 101".into()]),
        Field::Mailboxes,
        "not a mailbox address",
    );
    assert_error(
        &with(|doc| doc.room.mailboxes = vec!["room@localhost".into()]),
        Field::Mailboxes,
        "not a mailbox address",
    );
    assert_warning(
        &with(|doc| doc.room.mailboxes = vec!["a@contoso.com".into(), "A@contoso.com".into()]),
        Field::Mailboxes,
        "listed twice",
    );
}

#[test]
fn duplicate_user_groups_are_warned_about() {
    assert_warning(
        &with(|doc| doc.users.default_user_groups = vec!["Staff".into(), "Staff".into()]),
        Field::DefaultUserGroups,
        "listed twice",
    );
}

#[test]
fn next_is_blocked_only_by_errors_on_that_step() {
    let doc = with(|doc| doc.sso_app.client_id = "nope".into());
    let report = validate(&doc, today());
    assert!(report.step_is_valid(Step::Server));
    assert!(report.step_is_valid(Step::Room));
    assert!(!report.step_is_valid(Step::Users));
    assert_eq!(
        report
            .first_error_on(Step::Users)
            .map(|finding| finding.field),
        Some(Field::SsoClientId)
    );
}
