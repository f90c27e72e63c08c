//! The export flow, pull and the contract against the ONES stand-in on 127.0.0.1 — every status
//! the contract defines, the injected faults, and TLS with a test CA. No internet.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::too_many_lines,
    reason = "test, bench and example code: a panic is the failure, and its output is the point"
)]
use crate::ones_support as common;

use chrono::{Local, Months, NaiveDate};
use common::{
    KEY, NAME, SERVER_SECRET, SSO_SECRET, TOKEN, TestCa, assert_no_secrets, document_for,
};
use ones_m365_assistant::model::Field;
use ones_m365_assistant::net::{CertificateProblem, NetFailureKind, NetSettings};
use ones_m365_assistant::ones::{
    self, ApiToken, Endpoint, ExportOutcome, FieldChange, OnesClient, OnesError, PlanAction,
    Precondition, SecretChange,
};
use ones_m365_assistant::sandbox::ones::{
    Fault, OnesConfig, OnesStandIn, RunningOnes, TokenAccess,
};
use ones_m365_assistant::store::{read_document_file, write_document_file};

fn today() -> NaiveDate {
    Local::now().date_naive()
}

async fn stand_in() -> RunningOnes {
    OnesStandIn::start(OnesConfig::new(TOKEN)).await.unwrap()
}

async fn connect(running: &RunningOnes) -> ones::Connection {
    ones::connect(
        running.base_url(),
        ApiToken::new(TOKEN),
        &NetSettings::default(),
    )
    .await
    .unwrap()
}

/// Exports the fixture document once; returns the connection.
async fn export_once(running: &RunningOnes) -> ones::Connection {
    let connection = connect(running).await;
    let plan = connection
        .plan(&document_for(running.base_url()), today())
        .await
        .unwrap();
    let applied = connection.apply(&plan).await.unwrap();
    assert!(
        connection
            .verify(&plan, &applied)
            .await
            .unwrap()
            .is_verified()
    );
    connection
}

fn change_of(plan: &ones::ExportPlan, field: Field) -> &FieldChange {
    &plan
        .changes
        .iter()
        .find(|diff| diff.field == field)
        .unwrap()
        .change
}

#[tokio::test]
async fn full_export_is_read_back_field_by_field() {
    let running = stand_in().await;
    let doc = document_for(running.base_url());
    let connection = connect(&running).await;
    assert_eq!(connection.server().version.as_deref(), Some("stand-in"));

    let plan = connection.plan(&doc, today()).await.unwrap();
    assert_eq!(plan.action(), PlanAction::Create);
    assert!(!plan.is_blocked(), "{:?}", plan.problems);
    assert_eq!(
        change_of(&plan, Field::ServerClientSecret),
        &FieldChange::Secret {
            secret: SecretChange::WillBeSet
        }
    );
    assert!(matches!(
        change_of(&plan, Field::TenantId),
        FieldChange::Set { .. }
    ));
    assert_eq!(running.put_requests(), 0, "planning sends nothing");

    let applied = connection.apply(&plan).await.unwrap();
    assert_eq!(applied.outcome, ExportOutcome::Created);
    let receipt = connection.verify(&plan, &applied).await.unwrap();
    assert!(receipt.is_verified(), "{}", receipt.to_text());
    assert_eq!(receipt.fields.len(), 15);
    assert_eq!(receipt.secrets.len(), 2);
    assert!(
        receipt
            .secrets
            .iter()
            .all(|secret| secret.stored && secret.expires_on.is_some())
    );

    let stored = running.stored_document(KEY).unwrap();
    assert_eq!(
        stored, doc,
        "ONES stores exactly what was sent, secrets included"
    );
    for text in [
        receipt.to_text(),
        receipt.to_markdown(),
        serde_json::to_string(&receipt).unwrap(),
        format!("{plan:?}"),
    ] {
        assert_no_secrets(&text);
    }
    assert!(
        receipt
            .to_markdown()
            .contains("| Server settings › Tenant ID (Directory ID) |")
    );
}

#[tokio::test]
async fn exporting_again_changes_nothing() {
    let running = stand_in().await;
    let connection = export_once(&running).await;
    let etag = running.etag(KEY).unwrap();
    let writes = running.writes();

    // Same document with its secrets: ONES can't compare secrets, so they are sent; ONES finds no change.
    let plan = connection
        .plan(&document_for(running.base_url()), today())
        .await
        .unwrap();
    let changed: Vec<Field> = plan.changed_fields().map(|diff| diff.field).collect();
    assert_eq!(
        changed,
        vec![Field::ServerClientSecret, Field::SsoClientSecret]
    );
    let applied = connection.apply(&plan).await.unwrap();
    assert_eq!(applied.outcome, ExportOutcome::Unchanged);
    assert_eq!(running.etag(KEY).unwrap(), etag);
    assert_eq!(running.writes(), writes);

    // Without secrets (as pulled): the diff is empty and no PUT is sent at all.
    let puts = running.put_requests();
    let plan = connection
        .plan(&document_for(running.base_url()).without_secrets(), today())
        .await
        .unwrap();
    assert_eq!(plan.action(), PlanAction::NothingToChange);
    assert!(
        !plan.is_blocked(),
        "stored secrets are kept, not missing: {:?}",
        plan.problems
    );
    let applied = connection.apply(&plan).await.unwrap();
    assert_eq!(applied.outcome, ExportOutcome::NothingToSend);
    assert_eq!(running.put_requests(), puts);
    let receipt = connection.verify(&plan, &applied).await.unwrap();
    assert!(receipt.is_verified(), "{}", receipt.to_text());
    assert_eq!(
        running
            .stored_document(KEY)
            .unwrap()
            .server_app
            .client_secret
            .expose(),
        SERVER_SECRET
    );
}

#[tokio::test]
async fn a_changed_field_is_planned_and_only_it_changes() {
    let running = stand_in().await;
    let connection = export_once(&running).await;
    let mut doc = document_for(running.base_url()).without_secrets();
    doc.room.mailboxes.push("room-103@contoso.com".to_owned());

    let plan = connection.plan(&doc, today()).await.unwrap();
    assert_eq!(plan.action(), PlanAction::Update);
    let changed: Vec<Field> = plan.changed_fields().map(|diff| diff.field).collect();
    assert_eq!(changed, vec![Field::Mailboxes]);
    assert_eq!(
        change_of(&plan, Field::SsoClientSecret),
        &FieldChange::Secret {
            secret: SecretChange::Unchanged
        }
    );
    assert!(
        plan.to_text().contains(
            "Room settings › Room mailboxes: room-101@contoso.com, room-102@contoso.com →"
        )
    );

    let applied = connection.apply(&plan).await.unwrap();
    assert_eq!(applied.outcome, ExportOutcome::Updated);
    let stored = running.stored_document(KEY).unwrap();
    assert_eq!(stored.room.mailboxes.len(), 3);
    assert_eq!(
        stored.sso_app.client_secret.expose(),
        SSO_SECRET,
        "the untyped secret was kept"
    );
}

#[tokio::test]
async fn a_wrong_token_is_401_with_the_fix() {
    let running = stand_in().await;
    let error = ones::connect(
        running.base_url(),
        ApiToken::new("wrong-token-1234"),
        &NetSettings::default(),
    )
    .await
    .unwrap_err();
    assert!(matches!(error, OnesError::Unauthorized), "{error:?}");
    let sentence = error.sentence();
    assert!(sentence.contains("API authentication"), "{sentence}");
    assert_no_secrets(&format!("{sentence} {error} {error:?}"));
}

#[tokio::test]
async fn a_token_without_rights_is_403() {
    let config = OnesConfig::new(TOKEN)
        .with_token("no-rights-token", TokenAccess::NoIntegrationRights)
        .with_token("read-only-token", TokenAccess::ReadIntegrations);
    let running = OnesStandIn::start(config).await.unwrap();
    let doc = document_for(running.base_url());

    let connection = ones::connect(
        running.base_url(),
        ApiToken::new("no-rights-token"),
        &NetSettings::default(),
    )
    .await
    .unwrap();
    let error = connection.plan(&doc, today()).await.unwrap_err();
    assert!(matches!(error, OnesError::Forbidden { .. }), "{error:?}");
    assert!(error.sentence().contains("403"));

    let connection = ones::connect(
        running.base_url(),
        ApiToken::new("read-only-token"),
        &NetSettings::default(),
    )
    .await
    .unwrap();
    let plan = connection.plan(&doc, today()).await.unwrap();
    let error = connection.apply(&plan).await.unwrap_err();
    assert!(
        matches!(
            error,
            OnesError::Forbidden {
                endpoint: Endpoint::WriteIntegration
            }
        ),
        "{error:?}"
    );
    assert!(
        error
            .sentence()
            .contains("may not save the integration settings"),
        "{}",
        error.sentence()
    );
    assert!(running.stored_document(KEY).is_none());
}

#[tokio::test]
async fn a_ones_without_the_api_is_404_endpoint_missing() {
    let config = OnesConfig {
        integration_api: false,
        ..OnesConfig::new(TOKEN)
    };
    let running = OnesStandIn::start(config).await.unwrap();
    let connection = connect(&running).await;
    let error = connection
        .plan(&document_for(running.base_url()), today())
        .await
        .unwrap_err();
    assert!(
        matches!(error, OnesError::EndpointMissing { .. }),
        "{error:?}"
    );
    assert!(
        error.sentence().contains("predates"),
        "{}",
        error.sentence()
    );
}

#[tokio::test]
async fn pulling_an_unknown_integration_says_so() {
    let running = stand_in().await;
    let error = connect(&running)
        .await
        .pull("Branch office")
        .await
        .unwrap_err();
    assert!(
        matches!(&error, OnesError::IntegrationNotFound { key } if key == "branch-office"),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_change_made_meanwhile_is_409_and_not_overwritten() {
    let running = stand_in().await;
    let connection = export_once(&running).await;
    let mut doc = document_for(running.base_url()).without_secrets();
    doc.users.login_button_name = "Use Microsoft".to_owned();
    let plan = connection.plan(&doc, today()).await.unwrap();

    let mut theirs = running.stored_document(KEY).unwrap();
    theirs.users.pager_as_card_number = true;
    running.replace_integration(theirs.clone());

    let error = connection.apply(&plan).await.unwrap_err();
    assert!(
        matches!(error, OnesError::Conflict { status: 409 }),
        "{error:?}"
    );
    assert!(error.sentence().contains("nothing was overwritten"));
    assert_eq!(running.stored_document(KEY).unwrap(), theirs);

    // Planning again shows their change and exports on top of it.
    let plan = connection.plan(&doc, today()).await.unwrap();
    assert!(matches!(
        change_of(&plan, Field::PagerAsCardNumber),
        FieldChange::Changed { .. }
    ));
    connection.apply(&plan).await.unwrap();
}

#[tokio::test]
async fn a_creation_made_meanwhile_is_409_too() {
    let running = stand_in().await;
    let connection = connect(&running).await;
    let plan = connection
        .plan(&document_for(running.base_url()), today())
        .await
        .unwrap();
    assert_eq!(plan.action(), PlanAction::Create);
    let mut theirs = document_for(running.base_url());
    theirs.room.mailboxes.clear();
    running.replace_integration(theirs.clone());

    let error = connection.apply(&plan).await.unwrap_err();
    assert!(matches!(error, OnesError::Conflict { .. }), "{error:?}");
    assert_eq!(running.stored_document(KEY).unwrap(), theirs);
}

#[tokio::test]
async fn field_errors_from_ones_reach_the_wizard_fields() {
    // ONES's clock is three years ahead: the secrets' expiry dates are in the past there.
    let config = OnesConfig {
        today: today().checked_add_months(Months::new(36)),
        ..OnesConfig::new(TOKEN)
    };
    let running = OnesStandIn::start(config).await.unwrap();
    let connection = connect(&running).await;
    let plan = connection
        .plan(&document_for(running.base_url()), today())
        .await
        .unwrap();
    let error = connection.apply(&plan).await.unwrap_err();
    let OnesError::Rejected { errors, .. } = &error else {
        panic!("{error:?}")
    };
    let fields: Vec<Option<Field>> = errors.iter().map(|error| error.field).collect();
    assert!(
        fields.contains(&Some(Field::ServerSecretExpiry)),
        "{errors:?}"
    );
    assert!(fields.contains(&Some(Field::SsoSecretExpiry)), "{errors:?}");
    assert!(
        error
            .field_messages()
            .iter()
            .any(|(field, message)| *field == Field::ServerSecretExpiry
                && message.contains("expired"))
    );
    assert!(
        error
            .sentence()
            .contains("Server settings › Client secret expires on"),
        "{}",
        error.sentence()
    );
    assert!(
        running.stored_document(KEY).is_none(),
        "a rejected PUT stores nothing"
    );

    // A document the client did not check is rejected field by field too.
    let mut doc = document_for(running.base_url());
    doc.server_app.tenant_id = "common".to_owned();
    let client = OnesClient::new(
        running.base_url(),
        ApiToken::new(TOKEN),
        &NetSettings::default(),
    )
    .unwrap();
    let error = client
        .put_integration(KEY, &doc, &Precondition::Create)
        .await
        .unwrap_err();
    assert!(
        error
            .field_messages()
            .iter()
            .any(|(field, _)| *field == Field::TenantId),
        "{error:?}"
    );
    assert_no_secrets(&error.sentence());
}

#[tokio::test]
async fn a_server_error_is_reported_and_nothing_is_lost() {
    let running = stand_in().await;
    let connection = export_once(&running).await;
    let before = running.stored_document(KEY).unwrap();
    let mut doc = document_for(running.base_url());
    doc.room.offision_policy = false;
    let plan = connection.plan(&doc, today()).await.unwrap();

    running.set_fault_on(Endpoint::WriteIntegration, Fault::ServerError);
    let error = connection.apply(&plan).await.unwrap_err();
    assert!(
        matches!(error, OnesError::Server { status: 500, .. }),
        "{error:?}"
    );
    assert!(
        error.sentence().contains("stand-in-500"),
        "the request id is given: {}",
        error.sentence()
    );
    assert_eq!(running.stored_document(KEY).unwrap(), before);

    running.clear_fault();
    let applied = connection.apply(&plan).await.unwrap();
    assert_eq!(applied.outcome, ExportOutcome::Updated);
}

#[tokio::test]
async fn a_server_that_hangs_times_out() {
    let running = stand_in().await;
    running.set_fault(Fault::Hang);
    let net = NetSettings {
        timeout_secs: 1,
        ..NetSettings::default()
    };
    let error = ones::connect(running.base_url(), ApiToken::new(TOKEN), &net)
        .await
        .unwrap_err();
    let OnesError::Network(failure) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(failure.kind, NetFailureKind::Timeout);
    assert!(
        error.sentence().contains("did not answer within 1 s"),
        "{}",
        error.sentence()
    );
}

#[tokio::test]
async fn latency_below_the_timeout_is_fine() {
    let running = stand_in().await;
    running.set_fault(Fault::Latency(std::time::Duration::from_millis(50)));
    export_once(&running).await;
}

#[tokio::test]
async fn malformed_json_is_a_contract_error() {
    let running = stand_in().await;
    let connection = connect(&running).await;
    running.set_fault_on(Endpoint::ReadIntegration, Fault::Malformed);
    let error = connection
        .plan(&document_for(running.base_url()), today())
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            OnesError::MalformedResponse {
                endpoint: Endpoint::ReadIntegration,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.sentence().contains("proxy"), "{}", error.sentence());
}

#[tokio::test]
async fn a_closed_connection_is_a_network_failure() {
    let running = stand_in().await;
    running.set_fault(Fault::ConnectionClosed);
    let error = ones::connect(
        running.base_url(),
        ApiToken::new(TOKEN),
        &NetSettings::default(),
    )
    .await
    .unwrap_err();
    let OnesError::Network(failure) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(
        failure.kind,
        NetFailureKind::Interrupted,
        "{}",
        failure.sentence()
    );
}

#[tokio::test]
async fn a_connection_closed_after_the_put_says_the_change_may_be_stored() {
    let running = stand_in().await;
    let connection = connect(&running).await;
    let plan = connection
        .plan(&document_for(running.base_url()), today())
        .await
        .unwrap();
    running.set_fault_on(Endpoint::WriteIntegration, Fault::ConnectionClosed);
    let error = connection.apply(&plan).await.unwrap_err();
    assert!(
        matches!(error, OnesError::PutOutcomeUnknown { .. }),
        "{error:?}"
    );
    let sentence = error.sentence();
    assert!(
        sentence.contains("may already have stored it"),
        "{sentence}"
    );
    assert!(sentence.contains("Pull from ONES"), "{sentence}");
}

#[tokio::test]
async fn secrets_never_travel_over_plain_http_to_another_host() {
    let error = ones::connect(
        "http://ones.example.com",
        ApiToken::new(TOKEN),
        &NetSettings::default(),
    )
    .await
    .unwrap_err();
    assert!(matches!(&error, OnesError::InsecureTransport { host } if host == "ones.example.com"));
    assert!(
        error.sentence().contains("unencrypted"),
        "{}",
        error.sentence()
    );
}

#[tokio::test]
async fn redirect_uris_come_from_ones() {
    let running = stand_in().await;
    let connection = connect(&running).await;
    let mut doc = document_for(running.base_url());
    let expected = connection.redirect_uris(KEY).await.unwrap();
    assert_eq!(expected.room, doc.room.redirect_uri);

    // Empty: filled in from ONES.
    doc.room.redirect_uri.clear();
    let plan = connection.plan(&doc, today()).await.unwrap();
    assert_eq!(plan.document.room.redirect_uri, expected.room);
    assert!(!plan.is_blocked(), "{:?}", plan.problems);

    // Different: blocked, with the URI to register.
    doc.room.redirect_uri = format!("{}/somewhere/else", running.base_url());
    let plan = connection.plan(&doc, today()).await.unwrap();
    assert!(
        plan.problems
            .iter()
            .any(|problem| problem.field == Field::RoomRedirectUri
                && problem.message().contains(&expected.room))
    );
    let error = connection.apply(&plan).await.unwrap_err();
    assert_eq!(error.field_messages()[0].0, Field::RoomRedirectUri);
    assert_eq!(running.put_requests(), 0);
}

#[tokio::test]
async fn pull_and_file_import_round_trip() {
    let running = stand_in().await;
    let connection = export_once(&running).await;
    let dir = tempfile::tempdir().unwrap();

    let pulled = connection.pull("HEAD  OFFICE").await.unwrap();
    assert!(pulled.warnings.is_empty(), "{:?}", pulled.warnings);
    assert!(pulled.server_secret.set && pulled.sso_secret.set);
    // No secret values; the document knows ONES stores both.
    let mut expected = document_for(running.base_url()).without_secrets();
    expected.server_app.client_secret_in_ones = true;
    expected.sso_app.client_secret_in_ones = true;
    assert_eq!(pulled.document, expected);

    let path = dir.path().join("pulled.json");
    write_document_file(&path, &pulled.document, false).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert_no_secrets(&text);
    let imported = read_document_file(&path).unwrap();
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    assert_eq!(imported.document, pulled.document);

    // Re-exporting the imported file keeps the stored secrets and sends nothing.
    let plan = connection.plan(&imported.document, today()).await.unwrap();
    assert_eq!(plan.action(), PlanAction::NothingToChange);

    // A file with secrets, on request: owner-only, and it reads back whole.
    let with_secrets = dir.path().join("with-secrets.json");
    write_document_file(&with_secrets, &document_for(running.base_url()), true).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&with_secrets)
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600);
    }
    assert_eq!(
        read_document_file(&with_secrets).unwrap().document,
        document_for(running.base_url())
    );
}

#[tokio::test]
async fn the_wire_format_follows_the_contract() {
    let running = stand_in().await;
    export_once(&running).await;
    let http = reqwest::Client::builder().build().unwrap();
    let url = format!(
        "{}/API/external/integration/v1/microsoft365/{KEY}",
        running.base_url()
    );

    // `Authorization: <token>` works as well as Basic; secrets come back redacted.
    let answer = http
        .get(&url)
        .header("Authorization", TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    let etag = answer.headers()["etag"].to_str().unwrap().to_owned();
    let body: serde_json::Value = answer.json().await.unwrap();
    assert_eq!(body["server_app"]["client_secret"]["set"], true);
    assert!(body["server_app"]["client_secret"]["expires_on"].is_string());
    assert_no_secrets(&body.to_string());

    // A PUT with "" for a secret keeps it; without a precondition it is refused (428).
    let mut put = body.clone();
    put["server_app"]["client_secret"] = serde_json::json!("");
    let answer = http
        .put(&url)
        .basic_auth(TOKEN, None::<&str>)
        .json(&put)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 428);
    let answer = http
        .put(&url)
        .basic_auth(TOKEN, None::<&str>)
        .header("If-Match", &etag)
        .json(&put)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    assert_eq!(
        answer.headers()["etag"].to_str().unwrap(),
        etag,
        "nothing changed, same ETag"
    );
    assert_eq!(
        running
            .stored_document(KEY)
            .unwrap()
            .server_app
            .client_secret
            .expose(),
        SERVER_SECRET
    );

    // A stale ETag is 409; unauthenticated is 401; an unknown key is 404 with its code.
    let answer = http
        .put(&url)
        .basic_auth(TOKEN, None::<&str>)
        .header("If-Match", "\"rev-0\"")
        .json(&put)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 409);
    assert_eq!(http.get(&url).send().await.unwrap().status(), 401);
    let missing = http
        .get(format!("{url}-2"))
        .basic_auth(TOKEN, None::<&str>)
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    assert_eq!(
        missing.json::<serde_json::Value>().await.unwrap()["code"],
        "integration_not_found"
    );
}

#[tokio::test]
async fn the_demo_configuration_accepts_its_token() {
    use ones_m365_assistant::sandbox::ones::DEMO_TOKEN;
    let running = OnesStandIn::start(OnesConfig::demo()).await.unwrap();
    let connection = ones::connect(
        running.base_url(),
        ApiToken::new(DEMO_TOKEN),
        &NetSettings::default(),
    )
    .await
    .unwrap();
    let mut doc = document_for(running.base_url());
    doc.name = NAME.to_owned();
    let plan = connection.plan(&doc, today()).await.unwrap();
    assert_eq!(plan.action(), PlanAction::Create);
}

#[test]
fn the_steps_can_be_spawned_on_a_background_runtime() {
    fn assert_spawnable<T: Send + 'static>(_: T) {}
    let net = NetSettings::default();
    let doc = document_for("http://127.0.0.1:1");
    assert_spawnable(async move {
        let connection = ones::connect("http://127.0.0.1:1", ApiToken::new(TOKEN), &net).await?;
        let plan = connection.plan(&doc, today()).await?;
        let applied = connection.apply(&plan).await?;
        let receipt = connection.verify(&plan, &applied).await?;
        connection.pull(NAME).await.map(|_| receipt)
    });
}

mod tls {
    use super::*;

    /// Connects to `running` trusting `ca` (written to a temp PEM file, as a user would choose it).
    async fn connect_trusting(
        ca: &TestCa,
        running: &RunningOnes,
    ) -> Result<ones::Connection, OnesError> {
        let dir = tempfile::tempdir().unwrap();
        let net = NetSettings {
            extra_ca_pem: Some(ca.write_pem(dir.path())),
            ..NetSettings::default()
        };
        ones::connect(running.base_url(), ApiToken::new(TOKEN), &net).await
    }

    async fn https_stand_in(ca: &TestCa, host: &str, expired: bool) -> RunningOnes {
        let config = OnesConfig::new(TOKEN).with_tls(ca.server_identity(host, expired));
        OnesStandIn::start(config).await.unwrap()
    }

    #[tokio::test]
    async fn an_untrusted_certificate_is_refused_with_the_fix() {
        let ca = TestCa::new();
        let running = https_stand_in(&ca, "localhost", false).await;
        assert!(running.base_url().starts_with("https://localhost:"));
        let error = ones::connect(
            running.base_url(),
            ApiToken::new(TOKEN),
            &NetSettings::default(),
        )
        .await
        .unwrap_err();
        assert!(matches!(
            error,
            OnesError::Certificate {
                problem: CertificateProblem::UntrustedIssuer,
                ..
            }
        ));
        let sentence = error.sentence();
        assert!(sentence.contains("does not trust"), "{sentence}");
        assert!(sentence.contains("--ca-cert"), "{sentence}");
    }

    #[tokio::test]
    async fn a_custom_ca_is_accepted_for_the_whole_export() {
        let ca = TestCa::new();
        let running = https_stand_in(&ca, "localhost", false).await;
        let connection = connect_trusting(&ca, &running).await.unwrap();
        let plan = connection
            .plan(&document_for(running.base_url()), today())
            .await
            .unwrap();
        let applied = connection.apply(&plan).await.unwrap();
        assert!(
            connection
                .verify(&plan, &applied)
                .await
                .unwrap()
                .is_verified()
        );
    }

    #[tokio::test]
    async fn a_certificate_for_another_host_is_refused() {
        let ca = TestCa::new();
        let running = https_stand_in(&ca, "ones.other.example", false).await;
        let error = connect_trusting(&ca, &running).await.unwrap_err();
        assert!(matches!(
            error,
            OnesError::Certificate {
                problem: CertificateProblem::OtherHost,
                ..
            }
        ));
        assert!(
            error.sentence().contains("another host name"),
            "{}",
            error.sentence()
        );
    }

    #[tokio::test]
    async fn an_expired_certificate_is_refused() {
        let ca = TestCa::new();
        let running = https_stand_in(&ca, "localhost", true).await;
        let error = connect_trusting(&ca, &running).await.unwrap_err();
        assert!(matches!(
            error,
            OnesError::Certificate {
                problem: CertificateProblem::Expired,
                ..
            }
        ));
        assert!(error.sentence().contains("renew"), "{}", error.sentence());
    }
}
