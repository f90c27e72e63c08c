//! The room test against the Microsoft stand-in on 127.0.0.1, with the test playing the browser
//! (GET the authorize URL, POST the sign-in form, follow the redirect to the loopback listener):
//! success, every sign-in failure the issue names, every room outcome, retrying failed rooms, and
//! that no token reaches a log, a `Debug` text, a JSON output or the report. Behaviour only — no
//! timing assertions.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::too_many_lines,
    reason = "test, bench and example code: a panic is the failure, and its output is the point"
)]
use std::sync::{Arc, Mutex};

use ones_m365_assistant::checks::report::{markdown_room_report, markdown_room_section};
use ones_m365_assistant::checks::{CheckStatus, RunId};
use ones_m365_assistant::cloud::PortalPage;
use ones_m365_assistant::i18n::SummaryAndFix as _;
use ones_m365_assistant::model::{IntegrationDocument, parse_mailbox_list};
use ones_m365_assistant::net::NetSettings;
use ones_m365_assistant::rooms::{
    PendingSignIn, RoomEvent, RoomOutcome, RoomTestOptions, RoomTestReport, RoomTester,
    SignInOutcome, loopback_setup, skipped_rooms_because,
};
use ones_m365_assistant::sandbox::browser::{SignInStep, SimulatedBrowser, Visit};
use ones_m365_assistant::sandbox::demo::demo_config;
use ones_m365_assistant::sandbox::microsoft::{
    Delegation, MicrosoftStandIn, Platform, Route, RunningMicrosoft,
};
use ones_m365_assistant::sandbox::{
    DEMO_MFA_ACCOUNT, DEMO_NO_CONSENT_ACCOUNT, DEMO_ONES_URL, DEMO_READ_ONLY_ROOM,
    DEMO_ROOM_ACCOUNT, DEMO_ROOM_PASSWORD, DEMO_SERVER_CLIENT_ID, DEMO_TENANT_DOMAIN,
    DEMO_TENANT_ID, DEMO_UNDELEGATED_ROOM, demo_document,
};

async fn stand_in() -> RunningMicrosoft {
    MicrosoftStandIn::start(demo_config())
        .await
        .expect("stand-in starts")
}

fn tester(running: &RunningMicrosoft, callback_timeout_secs: u64) -> RoomTester {
    let net = NetSettings {
        timeout_secs: 5,
        connect_timeout_secs: 1,
        ..NetSettings::default()
    };
    RoomTester::new(&net, running.endpoints())
        .expect("client builds")
        .with_options(RoomTestOptions {
            callback_timeout_secs,
            concurrent_rooms: 2,
        })
}

fn doc() -> IntegrationDocument {
    demo_document(DEMO_ONES_URL)
}

fn browser() -> SimulatedBrowser {
    SimulatedBrowser::new().expect("browser client builds")
}

async fn start(tester: &RoomTester, doc: &IntegrationDocument) -> PendingSignIn {
    match tester.start_sign_in(doc).await {
        Ok(pending) => pending,
        Err(failed) => panic!("the sign-in did not start: {:#?}", failed.report),
    }
}

/// Starts a sign-in and plays the browser as `username` to the end.
async fn sign_in_as(tester: &RoomTester, username: &str) -> (SignInOutcome, Visit) {
    let pending = start(tester, &doc()).await;
    let url = pending.authorize_url().to_owned();
    let browser = browser();
    let (outcome, visit) = tokio::join!(
        pending.finish(),
        browser.sign_in(&url, username, DEMO_ROOM_PASSWORD)
    );
    (outcome, visit.expect("the browser gets an answer"))
}

/// The redirect Microsoft sends the browser to after the form, not yet followed.
async fn redirect_after_sign_in(url: &str, username: &str) -> url::Url {
    match browser()
        .submit_sign_in(url, username, DEMO_ROOM_PASSWORD)
        .await
        .expect("the form is submitted")
    {
        SignInStep::Redirected(target) => target,
        SignInStep::Page { html, .. } => panic!("no redirect, a page: {html}"),
    }
}

fn query_param(url: &url::Url, name: &str) -> Option<String> {
    url.query_pairs()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}

/// Nothing can connect to `port` on 127.0.0.1 any more.
async fn assert_closed(port: u16) {
    assert!(
        tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_err(),
        "the loopback listener on port {port} is still open"
    );
}

fn port_of(redirect_uri: &str) -> u16 {
    url::Url::parse(redirect_uri)
        .unwrap()
        .port()
        .expect("the redirect URI has a port")
}

#[tokio::test]
async fn the_demo_account_signs_in_and_every_demo_room_passes() {
    let running = stand_in().await;
    let tester = tester(&running, 30);
    let pending = start(&tester, &doc()).await;
    let redirect_uri = pending.redirect_uri().to_owned();
    assert!(
        redirect_uri.starts_with("http://localhost:"),
        "{redirect_uri}"
    );
    let url = url::Url::parse(pending.authorize_url()).unwrap();
    assert_eq!(
        query_param(&url, "scope").as_deref(),
        Some(
            format!(
                "openid offline_access {}/graph/Calendars.ReadWrite.Shared",
                running.global_base()
            )
            .as_str()
        )
    );
    assert_eq!(
        query_param(&url, "code_challenge_method").as_deref(),
        Some("S256")
    );
    assert_eq!(
        query_param(&url, "redirect_uri").as_deref(),
        Some(redirect_uri.as_str())
    );
    let instructions = pending.instructions_text().english();
    assert!(instructions.contains("5 minutes") || instructions.contains("30 s"));

    let authorize_url = pending.authorize_url().to_owned();
    let browser = browser();
    let (outcome, visit) = tokio::join!(
        pending.finish(),
        browser.sign_in(&authorize_url, DEMO_ROOM_ACCOUNT, DEMO_ROOM_PASSWORD)
    );
    let visit = visit.unwrap();
    assert_eq!(visit.status, 200);
    assert!(visit.html.contains("Signed in"), "{}", visit.html);
    assert!(visit.html.contains("You can close this tab"));
    assert_closed(port_of(&redirect_uri)).await;

    let report = &outcome.report;
    assert!(report.ok(), "{report:#?}");
    assert_eq!(report.sign_in.status, CheckStatus::Pass);
    assert!(report.sign_in.summary().contains(DEMO_ROOM_ACCOUNT));
    assert!(report.refresh_token_issued);
    assert_eq!(report.offline_access.status, CheckStatus::Pass);
    assert_eq!(report.calendars_scope.status, CheckStatus::Pass);
    assert!(
        report
            .scopes
            .iter()
            .any(|scope| scope == "Calendars.ReadWrite.Shared")
    );
    assert_eq!(report.account.as_deref(), Some(DEMO_ROOM_ACCOUNT));
    let session = outcome.session.expect("a session for the rooms");
    assert!(!session.is_expired());

    let mut events = Vec::new();
    let rooms = tester
        .check_rooms(&session, &doc().room.mailboxes, RunId(3), |event| {
            events.push(event)
        })
        .await;
    assert_eq!(rooms.len(), 2);
    for room in &rooms {
        assert_eq!(room.status, CheckStatus::Pass, "{room:#?}");
        assert_eq!(room.outcome, RoomOutcome::ReadWrite);
        assert_eq!(room.can_edit, Some(true));
        assert!(room.summary().contains("No event was created"));
        assert_eq!(room.run_id, RunId(3));
    }
    assert_eq!(
        events
            .iter()
            .filter(|event| matches!(event, RoomEvent::Started { .. }))
            .count(),
        2
    );
    assert_eq!(
        events
            .iter()
            .filter(|event| matches!(event, RoomEvent::Finished(_)))
            .count(),
        2
    );
    // Read-only requests only: two per room (calendar, calendarView).
    assert_eq!(running.requests(Route::Graph), 4);
}

#[tokio::test]
async fn each_room_outcome_has_its_reason_and_failed_rooms_can_be_retried_alone() {
    let running = stand_in().await;
    let tester = tester(&running, 30);
    let (outcome, _) = sign_in_as(&tester, DEMO_ROOM_ACCOUNT).await;
    let session = outcome.session.expect("signed in");
    let unknown = format!("room-999@{DEMO_TENANT_DOMAIN}");
    let pasted = format!(
        "room-101@{DEMO_TENANT_DOMAIN}\n{DEMO_READ_ONLY_ROOM}, {DEMO_UNDELEGATED_ROOM}; Unknown <{unknown}>"
    );
    let mut mailboxes = parse_mailbox_list(&pasted, &[]).mailboxes;
    mailboxes.push("not an address".to_owned());
    let rooms = tester
        .check_rooms(&session, &mailboxes, RunId(1), |_| {})
        .await;
    let outcomes: Vec<(RoomOutcome, CheckStatus)> = rooms
        .iter()
        .map(|room| (room.outcome, room.status))
        .collect();
    assert_eq!(
        outcomes,
        [
            (RoomOutcome::ReadWrite, CheckStatus::Pass),
            (RoomOutcome::ReadOnly, CheckStatus::Fail),
            (RoomOutcome::NoDelegation, CheckStatus::Fail),
            (RoomOutcome::NoSuchMailbox, CheckStatus::Fail),
            (RoomOutcome::NotAMailboxAddress, CheckStatus::Fail),
        ],
        "{rooms:#?}"
    );
    let read_only = &rooms[1];
    assert_eq!(read_only.can_edit, Some(false));
    assert!(read_only.summary().contains("read-only"));
    assert!(read_only.fix().as_deref().unwrap().contains("Editor"));
    let undelegated = &rooms[2];
    assert_eq!(undelegated.http_status, Some(403));
    assert_eq!(
        undelegated.graph_error.as_deref(),
        Some("ErrorAccessDenied")
    );
    assert!(
        undelegated.request_id.is_some(),
        "Graph's request-id is kept"
    );
    assert!(
        undelegated
            .fix()
            .as_deref()
            .unwrap()
            .contains("24–48 hours")
    );
    assert!(undelegated.summary().contains(DEMO_ROOM_ACCOUNT));
    let missing = &rooms[3];
    assert_eq!(missing.http_status, Some(404));
    assert!(missing.summary().contains(&unknown));

    // The delegation arrives: retry only what failed.
    let mut report = RoomTestReport {
        sign_in: outcome.report,
        rooms,
    };
    let retry = report.mailboxes_to_retry();
    assert_eq!(retry.len(), 4);
    running.update_config(|config| {
        let tenant = config.tenant_mut(DEMO_TENANT_ID).unwrap();
        for room in [DEMO_READ_ONLY_ROOM, DEMO_UNDELEGATED_ROOM] {
            tenant.room_mut(room).unwrap().delegations =
                vec![(DEMO_ROOM_ACCOUNT.to_owned(), Delegation::ReadWrite)];
        }
    });
    let graph_requests = running.requests(Route::Graph);
    let again = tester
        .check_rooms(&session, &retry[..2], RunId(2), |_| {})
        .await;
    assert_eq!(running.requests(Route::Graph) - graph_requests, 4);
    report.apply_retry(again);
    assert_eq!(report.count(CheckStatus::Pass), 3);
    assert_eq!(
        report.mailboxes_to_retry(),
        [unknown, "not an address".to_owned()]
    );
}

#[tokio::test]
async fn a_pkce_verifier_that_does_not_match_is_refused_with_its_code() {
    let running = stand_in().await;
    let tester = tester(&running, 30);
    let pending = start(&tester, &doc()).await;
    // Someone swapped the challenge on the way to Microsoft: the code is bound to another one.
    let mut url = url::Url::parse(pending.authorize_url()).unwrap();
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(key, value)| {
            let value = if key == "code_challenge" {
                "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM".to_owned()
            } else {
                value.into_owned()
            };
            (key.into_owned(), value)
        })
        .collect();
    url.query_pairs_mut().clear().extend_pairs(pairs);
    let browser = browser();
    let (outcome, visit) = tokio::join!(
        pending.finish(),
        browser.sign_in(url.as_str(), DEMO_ROOM_ACCOUNT, DEMO_ROOM_PASSWORD)
    );
    assert!(visit.unwrap().html.contains("did not succeed"));
    let verdict = &outcome.report.sign_in;
    assert_eq!(verdict.status, CheckStatus::Fail);
    assert_eq!(verdict.answer.aadsts, Some(50148));
    assert_eq!(verdict.answer.error.as_deref(), Some("invalid_grant"));
    assert_eq!(verdict.answer.http_status, Some(400));
    assert!(verdict.answer.trace_id.is_some());
    assert!(verdict.fix().as_deref().unwrap().contains("again"));
    assert!(outcome.session.is_none());
    assert_eq!(outcome.report.offline_access.status, CheckStatus::Skip);
}

#[tokio::test]
async fn a_code_that_was_already_redeemed_is_refused_with_54005() {
    let running = stand_in().await;
    let tester = tester(&running, 30);
    let doc = doc();
    let pending = start(&tester, &doc).await;
    let target = redirect_after_sign_in(pending.authorize_url(), DEMO_ROOM_ACCOUNT).await;
    let code = query_param(&target, "code").expect("a code came back");
    // Someone else redeems the code first.
    let token_url = format!(
        "{}/{DEMO_TENANT_ID}/oauth2/v2.0/token",
        running.global_base()
    );
    let first = reqwest::Client::builder()
        .build()
        .unwrap()
        .post(&token_url)
        .form(&[
            ("grant_type", "authorization_code"),
            ("client_id", DEMO_SERVER_CLIENT_ID),
            ("client_secret", doc.server_app.client_secret.expose()),
            ("redirect_uri", pending.redirect_uri()),
            ("code", code.as_str()),
            (
                "code_verifier",
                "a-verifier-of-someone-else-entirely-0123456789",
            ),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(first.status(), 400, "the wrong verifier is refused");
    let browser = browser();
    let (outcome, visit) = tokio::join!(pending.finish(), browser.visit(target.as_str()));
    assert!(visit.unwrap().html.contains("did not succeed"));
    let verdict = &outcome.report.sign_in;
    assert_eq!(verdict.answer.aadsts, Some(54005), "{verdict:#?}");
    assert!(verdict.summary().contains("already redeemed"));
    assert!(outcome.session.is_none());
}

#[tokio::test]
async fn missing_consent_comes_back_to_the_loopback_and_is_explained() {
    let running = stand_in().await;
    let tester = tester(&running, 30);
    let (outcome, visit) = sign_in_as(&tester, DEMO_NO_CONSENT_ACCOUNT).await;
    assert!(visit.html.contains("did not succeed"));
    assert!(visit.html.contains("Consent is missing"));
    let verdict = &outcome.report.sign_in;
    assert_eq!(verdict.status, CheckStatus::Fail);
    assert_eq!(verdict.answer.aadsts, Some(65001));
    assert_eq!(verdict.answer.error.as_deref(), Some("consent_required"));
    assert!(
        verdict
            .fix()
            .as_deref()
            .unwrap()
            .contains("Calendars.ReadWrite.Shared")
    );
    assert_eq!(
        verdict.answer.portal.as_ref().map(|portal| portal.page),
        Some(PortalPage::ApiPermissions)
    );
    assert!(
        verdict.answer.trace_id.is_some(),
        "IDs read from the description"
    );
    assert!(verdict.answer.correlation_id.is_some());
    assert!(
        verdict
            .answer
            .error_lookup_url
            .as_deref()
            .unwrap()
            .ends_with("error?code=65001")
    );
    assert!(outcome.session.is_none());
    assert!(!outcome.report.rooms_can_run());
    assert_eq!(running.requests(Route::Token), 0, "nothing was redeemed");
}

#[tokio::test]
async fn mfa_and_conditional_access_are_explained() {
    let running = stand_in().await;
    let tester = tester(&running, 30);
    let (outcome, _) = sign_in_as(&tester, DEMO_MFA_ACCOUNT).await;
    let verdict = &outcome.report.sign_in;
    assert_eq!(verdict.answer.aadsts, Some(50076));
    assert_eq!(
        verdict.answer.error.as_deref(),
        Some("interaction_required")
    );
    assert!(verdict.summary().contains("MFA"));
    assert!(
        verdict
            .fix()
            .as_deref()
            .unwrap()
            .contains("service account")
    );

    // Conditional Access refusing the token at redemption: the same row of the table.
    running.update_config(|config| {
        config
            .tenant_mut(DEMO_TENANT_ID)
            .unwrap()
            .app_mut(DEMO_SERVER_CLIENT_ID)
            .unwrap()
            .forced_token_error = Some(53003);
    });
    let (outcome, _) = sign_in_as(&tester, DEMO_ROOM_ACCOUNT).await;
    let verdict = &outcome.report.sign_in;
    assert_eq!(verdict.answer.aadsts, Some(53003));
    assert!(verdict.summary().contains("Conditional Access"));
    assert!(outcome.session.is_none());
}

#[tokio::test]
async fn an_answer_with_another_state_gets_400_and_the_real_answer_still_signs_in() {
    let running = stand_in().await;
    let tester = tester(&running, 30);
    let pending = start(&tester, &doc()).await;
    let port = port_of(pending.redirect_uri());
    let target = redirect_after_sign_in(pending.authorize_url(), DEMO_ROOM_ACCOUNT).await;
    let with_state = |state: Option<&str>| {
        let mut forged = target.clone();
        let pairs: Vec<(String, String)> = target
            .query_pairs()
            .filter(|(key, _)| key != "state")
            .map(|(key, value)| (key.into_owned(), value.into_owned()))
            .chain(state.map(|state| ("state".to_owned(), state.to_owned())))
            .collect();
        forged.query_pairs_mut().clear().extend_pairs(pairs);
        forged
    };
    let forged = with_state(Some("forged-state"));
    let without_state = with_state(None);
    let browser = browser();
    // Any local page can send these before the real answer comes: each is refused, the wait goes
    // on and nothing is redeemed.
    let visits = async {
        let forged = browser.visit(forged.as_str()).await.unwrap();
        let without_state = browser.visit(without_state.as_str()).await.unwrap();
        let tokens_before_the_real_answer = running.requests(Route::Token);
        let genuine = browser.visit(target.as_str()).await.unwrap();
        (
            forged,
            without_state,
            tokens_before_the_real_answer,
            genuine,
        )
    };
    let (outcome, (forged, without_state, tokens_before, genuine)) =
        tokio::join!(pending.finish(), visits);
    for refused in [&forged, &without_state] {
        assert_eq!(refused.status, 400, "{}", refused.html);
        assert!(
            refused.html.contains("does not belong to the sign-in"),
            "{}",
            refused.html
        );
    }
    assert_eq!(tokens_before, 0, "no code was redeemed for a forged answer");
    assert!(genuine.html.contains("Signed in"), "{}", genuine.html);
    let verdict = &outcome.report.sign_in;
    assert_eq!(verdict.status, CheckStatus::Pass, "{}", verdict.summary());
    assert_eq!(running.requests(Route::Token), 1);
    assert!(outcome.session.is_some());
    // The real answer ended the wait: the listener is gone.
    assert_closed(port).await;
}

#[tokio::test]
async fn only_forged_answers_until_the_deadline_end_in_the_timeout_sentence() {
    let running = stand_in().await;
    let tester = tester(&running, 1);
    let pending = start(&tester, &doc()).await;
    let port = port_of(pending.redirect_uri());
    let forged = format!("http://127.0.0.1:{port}/?code=stolen-code-value&state=forged-state");
    let browser = browser();
    let (outcome, visit) = tokio::join!(pending.finish(), browser.visit(&forged));
    assert_eq!(visit.unwrap().status, 400);
    let verdict = &outcome.report.sign_in;
    assert_eq!(verdict.status, CheckStatus::Fail);
    assert!(
        verdict.summary().contains("did not come back"),
        "{}",
        verdict.summary()
    );
    assert_eq!(running.requests(Route::Token), 0);
    assert_closed(port).await;
}

#[tokio::test]
async fn the_listener_gives_up_after_its_timeout_with_a_sentence_and_closes() {
    let running = stand_in().await;
    let tester = tester(&running, 1);
    let pending = start(&tester, &doc()).await;
    let port = port_of(pending.redirect_uri());
    // Something that is not the callback (a favicon) does not end the wait.
    let favicon = format!("http://127.0.0.1:{port}/favicon.ico");
    let browser = browser();
    let (outcome, favicon) = tokio::join!(pending.finish(), browser.visit(&favicon));
    assert_eq!(favicon.unwrap().status, 404);
    let verdict = &outcome.report.sign_in;
    assert_eq!(verdict.status, CheckStatus::Fail);
    assert!(
        verdict
            .summary()
            .contains("did not come back to the assistant within 1 s"),
        "{}",
        verdict.summary()
    );
    assert!(
        verdict
            .fix()
            .as_deref()
            .unwrap()
            .contains("http://localhost")
    );
    assert!(outcome.report.redirect_uri.is_some());
    assert_closed(port).await;
}

#[tokio::test]
async fn an_unregistered_localhost_is_reported_before_any_browser_opens() {
    let running = stand_in().await;
    running.update_config(|config| {
        let server = config
            .tenant_mut(DEMO_TENANT_ID)
            .unwrap()
            .app_mut(DEMO_SERVER_CLIENT_ID)
            .unwrap();
        server
            .redirect_uris
            .retain(|uri| uri.uri != "http://localhost");
    });
    let failed = tester(&running, 30)
        .start_sign_in(&doc())
        .await
        .expect_err("Microsoft's sign-in page refuses the redirect URI");
    let verdict = &failed.report.sign_in;
    assert_eq!(verdict.answer.aadsts, Some(50011));
    assert!(verdict.summary().contains("before a browser was opened"));
    let fix = verdict.fix().unwrap();
    assert!(
        fix.contains("http://localhost") && fix.contains("Web"),
        "{fix}"
    );
    assert_eq!(
        verdict.answer.portal.as_ref().map(|portal| portal.page),
        Some(PortalPage::Authentication)
    );
    // The instructions the GUI shows for it.
    let setup = loopback_setup(&doc());
    assert_eq!(setup.redirect_uri, "http://localhost");
    assert_eq!(
        setup.authentication_page.url,
        verdict.answer.portal.as_ref().unwrap().url
    );
}

#[tokio::test]
async fn localhost_under_the_wrong_platform_is_refused_at_redemption() {
    for (platform, code) in [(Platform::PublicClient, 700025), (Platform::Spa, 9002327)] {
        let running = stand_in().await;
        running.update_config(|config| {
            let server = config
                .tenant_mut(DEMO_TENANT_ID)
                .unwrap()
                .app_mut(DEMO_SERVER_CLIENT_ID)
                .unwrap();
            for uri in &mut server.redirect_uris {
                if uri.uri == "http://localhost" {
                    uri.platform = platform;
                }
            }
        });
        let (outcome, _) = sign_in_as(&tester(&running, 30), DEMO_ROOM_ACCOUNT).await;
        let verdict = &outcome.report.sign_in;
        assert_eq!(verdict.answer.aadsts, Some(code), "{platform:?}");
        assert!(verdict.fix().as_deref().unwrap().contains("Web"));
    }
}

#[tokio::test]
async fn missing_permissions_fail_their_verdicts_and_skip_the_rooms() {
    let running = stand_in().await;
    let without = |permission: &'static str| {
        move |config: &mut ones_m365_assistant::sandbox::microsoft::MicrosoftConfig| {
            config
                .tenant_mut(DEMO_TENANT_ID)
                .unwrap()
                .app_mut(DEMO_SERVER_CLIENT_ID)
                .unwrap()
                .delegated_permissions
                .retain(|known| known != permission);
        }
    };
    running.update_config(without("offline_access"));
    let (outcome, _) = sign_in_as(&tester(&running, 30), DEMO_ROOM_ACCOUNT).await;
    assert_eq!(outcome.report.sign_in.status, CheckStatus::Pass);
    assert!(!outcome.report.refresh_token_issued);
    assert_eq!(outcome.report.offline_access.status, CheckStatus::Fail);
    assert!(
        outcome
            .report
            .offline_access
            .fix()
            .as_deref()
            .unwrap()
            .contains("offline_access")
    );
    assert!(!outcome.report.ok());
    assert!(outcome.session.is_some(), "the rooms can still be checked");

    running.update_config(without("Calendars.ReadWrite.Shared"));
    let (outcome, _) = sign_in_as(&tester(&running, 30), DEMO_ROOM_ACCOUNT).await;
    assert_eq!(outcome.report.calendars_scope.status, CheckStatus::Fail);
    assert!(outcome.session.is_none());
    let skipped = skipped_rooms_because(
        &doc().room.mailboxes,
        outcome.report.rooms_skip_reason_text(),
        RunId(1),
    );
    assert!(skipped.iter().all(|room| room.status == CheckStatus::Skip));
    assert!(skipped[0].summary().contains("Calendars.ReadWrite.Shared"));
}

#[tokio::test]
async fn graph_failures_become_sentences() {
    let running = stand_in().await;
    let tester = tester(&running, 30);
    let (outcome, _) = sign_in_as(&tester, DEMO_ROOM_ACCOUNT).await;
    let session = outcome.session.unwrap();
    let mailboxes = [format!("room-101@{DEMO_TENANT_DOMAIN}")];
    running.set_fault(
        Route::Graph,
        ones_m365_assistant::sandbox::microsoft::Fault::ServerError,
    );
    let rooms = tester
        .check_rooms(&session, &mailboxes, RunId(1), |_| {})
        .await;
    assert_eq!(rooms[0].outcome, RoomOutcome::GraphUnavailable);
    assert!(rooms[0].summary().contains("HTTP 500"));

    let net = NetSettings {
        timeout_secs: 1,
        connect_timeout_secs: 1,
        ..NetSettings::default()
    };
    let impatient = RoomTester::new(&net, running.endpoints()).unwrap();
    running.set_fault(
        Route::Graph,
        ones_m365_assistant::sandbox::microsoft::Fault::Hang,
    );
    let rooms = impatient
        .check_rooms(&session, &mailboxes, RunId(2), |_| {})
        .await;
    assert_eq!(rooms[0].outcome, RoomOutcome::NetworkFailure);
    assert!(
        rooms[0].summary().contains("did not answer within 1 s"),
        "{}",
        rooms[0].summary()
    );
}

/// Collects everything `tracing` writes while a test runs on this thread.
#[derive(Clone, Default)]
struct CapturedLog(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for CapturedLog {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl CapturedLog {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

#[tokio::test]
async fn tokens_never_reach_logs_debug_output_json_or_the_report() {
    let log = CapturedLog::default();
    let writer = log.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let running = stand_in().await;
    let tester = tester(&running, 30);
    let doc = doc();
    let pending = start(&tester, &doc).await;
    let pending_debug = format!("{pending:?}");
    let url = pending.authorize_url().to_owned();
    let browser = browser();
    let (outcome, visit) = tokio::join!(
        pending.finish(),
        browser.sign_in(&url, DEMO_ROOM_ACCOUNT, DEMO_ROOM_PASSWORD)
    );
    let outcome_debug = format!("{outcome:?} {outcome:#?}");
    let session = outcome.session.expect("signed in");
    let mut mailboxes = doc.room.mailboxes.clone();
    mailboxes.push(DEMO_UNDELEGATED_ROOM.to_owned());
    let mut events = Vec::new();
    let rooms = tester
        .check_rooms(&session, &mailboxes, RunId(1), |event| {
            events.push(format!("{event:?}"))
        })
        .await;
    let session_debug = format!("{session:?}");
    drop(session);
    let report = RoomTestReport {
        sign_in: outcome.report,
        rooms,
    };
    let outputs = [
        pending_debug,
        outcome_debug,
        session_debug,
        events.join("\n"),
        format!("{report:#?}"),
        serde_json::to_string(&report).unwrap(),
        markdown_room_report(&doc, tester.endpoints(), &report),
        markdown_room_section(&report),
        visit.unwrap().html,
        log.text(),
    ];
    let issued = running.issued_credentials();
    assert!(
        issued.len() >= 4,
        "a code, an access, a refresh and an ID token were issued: {}",
        issued.len()
    );
    assert!(
        log.text().contains("room test"),
        "the log captured the test's own lines"
    );
    for output in &outputs {
        for credential in &issued {
            assert!(
                !output.contains(credential.as_str()),
                "a token or code leaked into: {output}"
            );
        }
        assert!(!output.contains(doc.server_app.client_secret.expose()));
    }
    assert!(outputs[5].contains("\"rooms\""));
    assert!(outputs[6].contains("## Room test"));
    assert!(outputs[6].contains(DEMO_UNDELEGATED_ROOM));
}

#[tokio::test]
async fn the_21vianet_operator_signs_in_and_reads_rooms_in_its_own_cloud() {
    let running = stand_in().await;
    let tester = tester(&running, 30);
    let mut doc = doc();
    doc.operator = ones_m365_assistant::model::Operator::Vianet21;
    doc.server_app.tenant_id = ones_m365_assistant::sandbox::DEMO_CHINA_TENANT_ID.to_owned();
    doc.room.mailboxes = vec!["room-101@ones-demo.partner.onmschina.cn".to_owned()];
    let pending = start(&tester, &doc).await;
    let url = pending.authorize_url().to_owned();
    assert!(url.starts_with(running.china_base()), "{url}");
    let scope = query_param(&url::Url::parse(&url).unwrap(), "scope").unwrap();
    assert!(
        scope.ends_with(&format!(
            "{}/graph/Calendars.ReadWrite.Shared",
            running.china_base()
        )),
        "{scope}"
    );
    let browser = browser();
    let (outcome, _) = tokio::join!(
        pending.finish(),
        browser.sign_in(
            &url,
            "ones-rooms@ones-demo.partner.onmschina.cn",
            DEMO_ROOM_PASSWORD
        )
    );
    assert!(outcome.report.ok(), "{:#?}", outcome.report);
    let session = outcome.session.unwrap();
    let rooms = tester
        .check_rooms(&session, &doc.room.mailboxes, RunId(1), |_| {})
        .await;
    assert_eq!(rooms[0].status, CheckStatus::Pass, "{rooms:#?}");
}

/// The stand-in on its own, as a client library would use it: a PKCE-bound code, its single
/// redemption, a refresh token that is rotated, and Graph refusing a request without a token.
#[tokio::test]
async fn the_stand_in_binds_codes_to_pkce_and_rotates_refresh_tokens() {
    use ones_m365_assistant::rooms::pkce::challenge_for;
    let running = stand_in().await;
    let doc = doc();
    let verifier = "a-verifier-of-forty-three-characters-0123456";
    let redirect_uri = "http://localhost:50505";
    let mut authorize = url::Url::parse(&format!(
        "{}/{DEMO_TENANT_ID}/oauth2/v2.0/authorize",
        running.global_base()
    ))
    .unwrap();
    authorize
        .query_pairs_mut()
        .append_pair("client_id", DEMO_SERVER_CLIENT_ID)
        .append_pair("response_type", "code")
        .append_pair("redirect_uri", redirect_uri)
        .append_pair(
            "scope",
            &format!(
                "openid offline_access {}/graph/Calendars.ReadWrite.Shared",
                running.global_base()
            ),
        )
        .append_pair("state", "s-1")
        .append_pair("code_challenge", &challenge_for(verifier))
        .append_pair("code_challenge_method", "S256");
    let target = redirect_after_sign_in(authorize.as_str(), DEMO_ROOM_ACCOUNT).await;
    assert_eq!(query_param(&target, "state").as_deref(), Some("s-1"));
    assert_eq!(target.port(), Some(50505));
    let code = query_param(&target, "code").unwrap();

    let client = reqwest::Client::builder().build().unwrap();
    let token_url = format!(
        "{}/{DEMO_TENANT_ID}/oauth2/v2.0/token",
        running.global_base()
    );
    let secret = doc.server_app.client_secret.expose();
    let post = |form: Vec<(&'static str, String)>| {
        let request = client.post(&token_url).form(&form);
        async move {
            let response = request.send().await.unwrap();
            let status = response.status().as_u16();
            (status, response.json::<serde_json::Value>().await.unwrap())
        }
    };
    let redeem = |code: &str| {
        vec![
            ("grant_type", "authorization_code".to_owned()),
            ("client_id", DEMO_SERVER_CLIENT_ID.to_owned()),
            ("client_secret", secret.to_owned()),
            ("redirect_uri", redirect_uri.to_owned()),
            ("code", code.to_owned()),
            ("code_verifier", verifier.to_owned()),
        ]
    };
    let (status, tokens) = post(redeem(&code)).await;
    assert_eq!(status, 200, "{tokens}");
    let refresh = tokens["refresh_token"].as_str().unwrap().to_owned();
    assert!(tokens["id_token"].is_string());
    let (status, again) = post(redeem(&code)).await;
    assert_eq!(status, 400);
    assert_eq!(again["error_codes"][0], 54005);

    let refresh_form = |token: &str| {
        vec![
            ("grant_type", "refresh_token".to_owned()),
            ("client_id", DEMO_SERVER_CLIENT_ID.to_owned()),
            ("client_secret", secret.to_owned()),
            ("refresh_token", token.to_owned()),
        ]
    };
    let (status, renewed) = post(refresh_form(&refresh)).await;
    assert_eq!(status, 200, "{renewed}");
    assert_ne!(renewed["access_token"], tokens["access_token"]);
    let (status, stale) = post(refresh_form(&refresh)).await;
    assert_eq!(status, 400, "a used refresh token is rotated out");
    assert_eq!(stale["error_codes"][0], 70008);

    let graph = client
        .get(format!(
            "{}/graph/v1.0/users/room-101@{DEMO_TENANT_DOMAIN}/calendar",
            running.global_base()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(graph.status(), 401);
    let body: serde_json::Value = graph.json().await.unwrap();
    assert_eq!(body["error"]["code"], "InvalidAuthenticationToken");
    assert!(body["error"]["innerError"]["request-id"].is_string());
}

#[tokio::test]
async fn a_wrong_password_shows_the_form_again_and_the_browser_never_comes_back() {
    let running = stand_in().await;
    let tester = tester(&running, 1);
    let pending = start(&tester, &doc()).await;
    let url = pending.authorize_url().to_owned();
    let browser = browser();
    let (outcome, step) = tokio::join!(
        pending.finish(),
        browser.submit_sign_in(&url, DEMO_ROOM_ACCOUNT, "not-the-password")
    );
    match step.unwrap() {
        SignInStep::Page { html, .. } => {
            assert!(html.contains("AADSTS50126"), "{html}");
            assert!(html.contains("<form"), "the form is shown again");
        }
        SignInStep::Redirected(target) => panic!("redirected to {target}"),
    }
    assert!(
        outcome
            .report
            .sign_in
            .summary()
            .contains("did not come back")
    );
}

/// The GUI's way: the whole test as one spawned task (so its future must be `Send`), events down
/// a channel, the browser opened on the first event; then "retry failed rooms only" with the
/// session the run returned.
#[tokio::test]
async fn run_reports_each_step_in_order_from_a_spawned_task_and_keeps_the_session_for_retries() {
    use ones_m365_assistant::rooms::RoomTestEvent;
    let running = stand_in().await;
    let tester = tester(&running, 30);
    let mut doc = doc();
    doc.room.mailboxes.push(DEMO_UNDELEGATED_ROOM.to_owned());
    let (sender, mut events) = tokio::sync::mpsc::unbounded_channel();
    let task = tokio::spawn({
        let tester = tester.clone();
        let doc = doc.clone();
        async move {
            tester
                .run(&doc, RunId(9), move |event| {
                    let _ = sender.send(event);
                })
                .await
        }
    });
    let Some(RoomTestEvent::OpenBrowser(prompt)) = events.recv().await else {
        panic!("the first event opens the browser");
    };
    assert!(prompt.redirect_uri.starts_with("http://localhost:"));
    let visit = browser()
        .sign_in(&prompt.authorize_url, DEMO_ROOM_ACCOUNT, DEMO_ROOM_PASSWORD)
        .await
        .unwrap();
    assert!(visit.html.contains("Signed in"));
    let run = task.await.expect("the task ends");
    let mut rest = Vec::new();
    while let Ok(event) = events.try_recv() {
        rest.push(event);
    }
    assert!(matches!(rest.first(), Some(RoomTestEvent::SignedIn(report)) if report.ok()));
    let finished: Vec<&str> = rest
        .iter()
        .filter_map(|event| match event {
            RoomTestEvent::Room(RoomEvent::Finished(result)) => Some(result.mailbox.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(finished.len(), 3);
    assert!(!run.report.ok());
    assert_eq!(run.report.mailboxes_to_retry(), [DEMO_UNDELEGATED_ROOM]);

    running.update_config(|config| {
        let tenant = config.tenant_mut(DEMO_TENANT_ID).unwrap();
        *tenant.room_mut(DEMO_UNDELEGATED_ROOM).unwrap() = tenant
            .room_mut(DEMO_UNDELEGATED_ROOM)
            .unwrap()
            .clone()
            .delegate(DEMO_ROOM_ACCOUNT, Delegation::ReadWrite);
    });
    let session = run.session.expect("kept for retries");
    let mut report = run.report;
    let retried = tester
        .check_rooms(&session, &report.mailboxes_to_retry(), RunId(10), |_| {})
        .await;
    report.apply_retry(retried);
    assert!(report.ok(), "{report:#?}");
}
