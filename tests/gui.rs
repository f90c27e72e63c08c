//! The real app driven headlessly through its accessible labels (egui_kittest), with a recorder
//! for the clipboard, the browser and the file dialogs. The accessibility check is on: every run
//! fails if an interactive widget has no accessible name.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::too_many_lines,
    reason = "test, bench and example code: a panic is the failure, and its output is the point"
)]
mod common;

use common::*;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use ones_m365_assistant::checks::{CheckId, CheckStatus, Checker};
use ones_m365_assistant::cloud::{CloudProfile, PortalPage};
use ones_m365_assistant::gui::platform::Recorder;
use ones_m365_assistant::gui::{AppOptions, AssistantApp};
use ones_m365_assistant::i18n::Language;
use ones_m365_assistant::i18n::SummaryAndFix as _;
use ones_m365_assistant::model::{Field, Operator, Secret, Step};
use ones_m365_assistant::net::NetSettings;
use ones_m365_assistant::sandbox::DemoServices;
use ones_m365_assistant::store::DraftStore;

/// One runtime for all tests of this binary (the app only holds a handle).
fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: std::sync::OnceLock<tokio::runtime::Runtime> = std::sync::OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime")
    })
}

/// The tick a plan needs when the live checks did not all pass (or did not run).
const EXPORT_DESPITE_CHECKS: &str = "Export anyway: I know these checks did not pass";

fn app_with(recorder: &Recorder, store: DraftStore) -> AssistantApp {
    AssistantApp::new(AppOptions {
        store,
        platform: recorder.platform(),
        today: Some(today()),
        exit_after_frames: None,
        runtime: runtime().handle().clone(),
        checker: Err("Live checks are off in this test.".to_owned()),
        demo: None,
        language: Some(Language::English),
    })
}

fn demo_app(recorder: &Recorder) -> AssistantApp {
    let demo = runtime()
        .block_on(DemoServices::start())
        .expect("stand-in starts");
    let checker = Checker::new(&NetSettings::default(), demo.endpoints()).expect("client");
    AssistantApp::new(AppOptions {
        store: DraftStore::disabled(),
        platform: recorder.platform(),
        today: None,
        exit_after_frames: None,
        runtime: runtime().handle().clone(),
        checker: Ok(checker),
        demo: Some(demo),
        language: Some(Language::English),
    })
}

/// Steps the UI until `done` holds, for results that arrive from background work. Bounded: gives
/// up after a generous number of frames rather than asserting on time.
fn step_until(
    harness: &mut Harness<'_, AssistantApp>,
    what: &str,
    done: impl Fn(&AssistantApp) -> bool,
) {
    for _ in 0..1000 {
        harness.step();
        if done(harness.state()) {
            // A few frames so what arrived is drawn; `run` would wait for spinners to stop.
            harness.run_steps(3);
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("gave up waiting for {what}");
}

fn start(app: AssistantApp) -> Harness<'static, AssistantApp> {
    let mut harness = Harness::builder()
        .with_size([1280.0, 1000.0])
        .with_context_setup(ones_m365_assistant::gui::fonts::install_fonts)
        .build_ui_state(|ui, app: &mut AssistantApp| app.frame_ui(ui), app);
    harness.run();
    harness
}

fn type_into(harness: &mut Harness<'_, AssistantApp>, label: &str, text: &str) {
    harness.get_by_label(label).click();
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run();
    // Leave the field, as a person does, so its messages show.
    harness.key_press(egui::Key::Tab);
    harness.run();
}

fn click(harness: &mut Harness<'_, AssistantApp>, label: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).click();
    run_through_file_work(harness);
}

/// After an input that may start file work: that work lands at whatever frame its thread
/// finishes, and the screen it brings draws new widgets for a few frames. So: step through the
/// input, wait for the work to be taken in, and only then require the window to settle.
fn run_through_file_work(harness: &mut Harness<'_, AssistantApp>) {
    harness.run_steps(3);
    settle_files(harness);
    harness.run();
}

/// Files are saved, opened and checked off the UI thread: waits (bounded) until what a click
/// asked for is done and taken in.
fn settle_files(harness: &mut Harness<'_, AssistantApp>) {
    if harness.state().is_busy_with_files() {
        step_until(harness, "the file work", |app| !app.is_busy_with_files());
    }
}

/// Clicks a button that starts background work: the UI keeps repainting (spinners) until the work
/// is done, so only one frame is run here; wait with [`step_until`].
fn click_and_start(harness: &mut Harness<'_, AssistantApp>, label: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).click();
    harness.step();
}

/// The button that saves and moves on: "Save and next", or "Save and review" on the last screen
/// before Review (its name is its visible text without the arrow).
fn next_label(harness: &Harness<'_, AssistantApp>) -> &'static str {
    if harness.query_by_label("Save and review").is_some() {
        "Save and review"
    } else {
        "Save and next"
    }
}

fn next_is_enabled(harness: &Harness<'_, AssistantApp>) -> bool {
    !harness
        .get_by_label(next_label(harness))
        .accesskit_node()
        .is_disabled()
}

/// A message shown on screen (a label), even where a button's name repeats it.
fn message<'h>(harness: &'h Harness<'_, AssistantApp>, text: &'h str) -> egui_kittest::Node<'h> {
    harness.get(
        egui_kittest::kittest::by()
            .role(egui::accesskit::Role::Label)
            .label_contains(text),
    )
}

fn click_next(harness: &mut Harness<'_, AssistantApp>) {
    let label = next_label(harness);
    click(harness, label);
}

fn fill_server_settings(harness: &mut Harness<'_, AssistantApp>) {
    type_into(harness, "Name", "Head office");
    type_into(harness, "ONES server address", "https://ones.example.com");
    type_into(harness, "Client ID (Application ID)", SERVER_APP);
    type_into(harness, "Tenant ID (Directory ID)", TENANT);
    type_into(harness, "Client secret", SERVER_SECRET);
    click(harness, "Expires in 12 months");
}

#[test]
fn walks_all_four_screens_copying_and_opening_exact_values() {
    let recorder = Recorder::default();
    let mut harness = start(app_with(&recorder, DraftStore::disabled()));
    assert_eq!(harness.state().step(), Step::Server);
    assert!(!next_is_enabled(&harness), "an empty screen cannot go on");

    fill_server_settings(&mut harness);
    assert!(
        next_is_enabled(&harness),
        "{:?}",
        harness.state().report().first_error_on(Step::Server)
    );
    let doc = harness.state().document();
    assert_eq!(doc.server_app.client_secret.expose(), SERVER_SECRET);
    assert_eq!(
        doc.server_app.client_secret_expires_on.unwrap().to_string(),
        "2027-11-28"
    );

    click(&mut harness, "Open API permissions in Azure portal");
    let expected = CloudProfile::for_operator(Operator::Microsoft)
        .portal_url(PortalPage::ApiPermissions, Some(SERVER_APP));
    assert_eq!(recorder.recorded().opened.last(), Some(&expected));
    click(&mut harness, "Copy permission Calendars.ReadWrite.Shared");
    assert_eq!(
        recorder.recorded().copied.last().map(String::as_str),
        Some("Calendars.ReadWrite.Shared")
    );
    assert_eq!(
        harness.state().toast_text().as_deref(),
        Some("Copied permission Calendars.ReadWrite.Shared")
    );

    click_next(&mut harness);
    assert_eq!(harness.state().step(), Step::Room);
    let room_uri = "https://ones.example.com/integration/microsoft365/head-office/room/callback";
    assert_eq!(
        harness.state().document().room.redirect_uri,
        room_uri,
        "derived from the ONES URL"
    );
    harness.get_by_label_contains("Derived — confirm");
    harness
        .get_all_by_label("Copy room redirect URI")
        .next()
        .expect("copy button")
        .click();
    harness.run();
    assert_eq!(
        recorder.recorded().copied.last().map(String::as_str),
        Some(room_uri)
    );
    click(&mut harness, "Open Authentication in Azure portal");
    let expected = CloudProfile::for_operator(Operator::Microsoft)
        .portal_url(PortalPage::Authentication, Some(SERVER_APP));
    assert_eq!(recorder.recorded().opened.last(), Some(&expected));
    assert!(next_is_enabled(&harness));

    click_next(&mut harness);
    assert_eq!(harness.state().step(), Step::Users);
    assert!(!next_is_enabled(&harness));
    type_into(&mut harness, "Client ID (Application ID)", SSO_APP);
    type_into(&mut harness, "Client secret", SSO_SECRET);
    click(&mut harness, "Expires in 6 months");
    assert!(
        next_is_enabled(&harness),
        "{:?}",
        harness.state().report().first_error_on(Step::Users)
    );
    harness
        .get_all_by_label("Copy single sign-on redirect URI")
        .next()
        .expect("copy button")
        .click();
    harness.run();
    assert_eq!(
        recorder.recorded().copied.last().map(String::as_str),
        Some("https://ones.example.com/integration/microsoft365/head-office/sso/callback")
    );

    click_next(&mut harness);
    assert_eq!(harness.state().step(), Step::Review);
    harness.get_by_label_contains("Ready: no errors");
    assert!(harness.state().report().is_valid());

    click(&mut harness, "Back");
    assert_eq!(harness.state().step(), Step::Users, "Back always works");
}

#[test]
fn a_validation_message_appears_under_a_touched_field_and_blocks_next() {
    let recorder = Recorder::default();
    let mut harness = start(app_with(&recorder, DraftStore::disabled()));
    fill_server_settings(&mut harness);
    assert!(
        harness.query_by_label_contains("is not a tenant").is_none(),
        "nothing shown before it is wrong"
    );

    harness.get_by_label("Tenant ID (Directory ID)").click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_label("Tenant ID (Directory ID)")
        .type_text("common");
    harness.run();
    harness.key_press(egui::Key::Tab);
    harness.run();

    assert_eq!(harness.state().document().server_app.tenant_id, "common");
    let under_field = harness
        .get_all_by_label_contains("\"common\" is not a tenant")
        .any(|node| {
            node.value()
                .is_some_and(|text| text.starts_with("Error: \"common\" is not a tenant"))
        });
    assert!(under_field, "the message shows under the field");

    assert!(!next_is_enabled(&harness));
    let why = harness
        .get_by_label_contains("To continue, fix Tenant ID (Directory ID)")
        .accesskit_node()
        .label()
        .unwrap_or_default();
    click(&mut harness, &why);
    assert!(
        harness
            .get_by_label("Tenant ID (Directory ID)")
            .is_focused()
    );
}

#[test]
fn a_secret_id_pasted_as_the_secret_is_named_as_such() {
    let recorder = Recorder::default();
    let mut harness = start(app_with(&recorder, DraftStore::disabled()));
    type_into(
        &mut harness,
        "Client secret",
        "  0b3c41f2-1234-4cde-9f00-aa11bb22cc33\n",
    );
    assert_eq!(
        harness.state().document().server_app.client_secret.expose(),
        "0b3c41f2-1234-4cde-9f00-aa11bb22cc33"
    );
    harness.get_by_label_contains("almost surely the Secret ID");
    harness.get_by_label_contains("pasted around the value were removed");
}

#[test]
fn the_secret_is_masked_until_shown() {
    let recorder = Recorder::default();
    let mut harness = start(app_with(&recorder, DraftStore::disabled()));
    type_into(&mut harness, "Client secret", SERVER_SECRET);
    assert_ne!(
        harness.get_by_label("Client secret").value().as_deref(),
        Some(SERVER_SECRET)
    );
    click(&mut harness, "Show client secret");
    assert_eq!(
        harness.get_by_label("Client secret").value().as_deref(),
        Some(SERVER_SECRET)
    );
    click(&mut harness, "Hide client secret");
    assert_ne!(
        harness.get_by_label("Client secret").value().as_deref(),
        Some(SERVER_SECRET)
    );
}

#[test]
fn the_21vianet_operator_sends_links_to_the_china_portal() {
    let recorder = Recorder::default();
    let mut harness = start(app_with(&recorder, DraftStore::disabled()));
    click(&mut harness, "21Vianet");
    assert_eq!(harness.state().document().operator, Operator::Vianet21);
    click(&mut harness, "Open New registration in Azure portal");
    assert_eq!(
        recorder.recorded().opened.last().map(String::as_str),
        Some(
            "https://portal.azure.cn/#view/Microsoft_AAD_RegisteredApps/CreateApplicationBlade/quickStartType~/null/isMSAApp~/false"
        )
    );
}

#[test]
fn without_a_clipboard_the_text_is_shown_to_copy_by_hand() {
    let recorder = Recorder {
        fail_with: Some("no display".to_owned()),
        ..Recorder::default()
    };
    let mut harness = start(app_with(&recorder, DraftStore::disabled()));
    click(&mut harness, "Copy permission offline_access");
    let fallback = harness.state().fallback().expect("fallback shown");
    assert!(fallback.detail.contains("no display"));
    assert!(
        !fallback.offer_copy,
        "no Copy button when the clipboard is what failed"
    );
    assert_eq!(fallback.text, "offline_access");
    assert_eq!(
        harness.get_by_label("Text to copy").value().as_deref(),
        Some("offline_access")
    );
    click(&mut harness, "Close");
    assert!(harness.state().fallback().is_none());
}

#[test]
fn review_lists_problems_with_a_jump_to_the_field() {
    let recorder = Recorder::default();
    let mut harness = start(app_with(&recorder, DraftStore::disabled()));
    click(&mut harness, "4 Review");
    assert_eq!(harness.state().step(), Step::Review);
    harness.get_by_label_contains("problems to fix");
    click(
        &mut harness,
        "Go to Client ID (Application ID) on User settings",
    );
    assert_eq!(harness.state().step(), Step::Users);
    assert!(
        harness
            .get_by_label("Client ID (Application ID)")
            .is_focused(),
        "the jump puts the cursor in the field"
    );
    let _ = Field::SsoClientId;
}

#[test]
fn drafts_are_restored_without_secrets_and_a_corrupt_draft_starts_clean() {
    let dir = tempfile::tempdir().unwrap();
    let recorder = Recorder::default();
    {
        let mut harness = start(app_with(&recorder, DraftStore::in_dir(dir.path())));
        fill_server_settings(&mut harness);
        harness.state_mut().save_draft_now();
    }
    let draft = std::fs::read_to_string(dir.path().join("draft.json")).unwrap();
    assert!(draft.contains("Head office"));
    assert!(
        !draft.contains(SERVER_SECRET),
        "the draft never holds secrets without opt-in"
    );

    let mut harness = start(app_with(&recorder, DraftStore::in_dir(dir.path())));
    let doc = harness.state().document();
    assert_eq!(doc.name, "Head office");
    assert_eq!(doc.server_app.client_id, SERVER_APP);
    assert!(doc.server_app.client_secret.is_empty());
    // The empty secret is explained as "not kept in the draft", not as a secret never created.
    message(&harness, "was not kept in the autosaved draft");
    assert!(
        harness
            .query_by_label_contains("shown only once, right after")
            .is_none()
    );
    type_into(&mut harness, "Client secret", SERVER_SECRET);
    assert!(
        harness
            .query_by_label_contains("was not kept in the autosaved draft")
            .is_none(),
        "pasting it again clears the note"
    );
    drop(harness);

    std::fs::write(dir.path().join("draft.json"), "{ garbage").unwrap();
    let harness = start(app_with(&recorder, DraftStore::in_dir(dir.path())));
    assert_eq!(harness.state().document().name, "");
    let notice = harness.state().notices()[0].text.localized();
    assert!(notice.contains("could not be restored"), "{notice}");
    assert!(std::fs::read_dir(dir.path()).unwrap().any(|entry| {
        entry
            .unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with("draft.corrupt-")
    }));
}

#[test]
fn open_and_save_go_through_the_file_dialogs() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("in.json");
    ones_m365_assistant::store::write_document_file(&source, &valid_document(), true).unwrap();
    let target = dir.path().join("out.json");
    let recorder = Recorder {
        open_path: Some(source),
        save_path: Some(target.clone()),
        ..Recorder::default()
    };
    let mut harness = start(app_with(&recorder, DraftStore::disabled()));
    click(&mut harness, "Open file…");
    assert_eq!(harness.state().document(), &valid_document());
    click(&mut harness, "4 Review");
    harness.get_by_label_contains("Ready: no errors");
    click(&mut harness, "Save integration as file…");
    let saved = std::fs::read_to_string(&target).unwrap();
    assert!(saved.contains("\"schema\": \"ones-m365/1\""));
    assert!(!saved.contains(SERVER_SECRET), "secrets only when ticked");

    // The secrets are in neither the file nor a draft: New asks before dropping them.
    click(&mut harness, "New");
    harness.get_by_label_contains("Start a new integration?");
    assert_eq!(harness.state().document(), &valid_document());
}

#[test]
fn live_checks_run_against_the_stand_in_in_demo_mode_and_show_their_results() {
    let recorder = Recorder::default();
    let mut harness = start(demo_app(&recorder));
    assert!(harness.state().banners()[0].starts_with("Demo"));
    harness.get_by_label_contains("Demo — simulated Microsoft");
    assert!(
        harness.state().report().is_valid(),
        "the demo document is complete"
    );

    click_and_start(&mut harness, "Test with Microsoft");
    assert_eq!(harness.state().step(), Step::Review);
    step_until(&mut harness, "the checks to finish", |app| {
        !app.live_checks().is_running() && !app.live_checks().results().is_empty()
    });
    let results = harness.state().live_checks().results();
    for &id in CheckId::LIVE {
        let result = results
            .iter()
            .find(|result| result.id == id)
            .expect("every live check reports");
        assert_eq!(
            result.status,
            CheckStatus::Pass,
            "{id}: {}",
            result.summary()
        );
    }
    harness.get_by_label("Tenant exists in the selected cloud");
    assert!(harness.get_all_by_label("Pass").count() >= 5);

    click(&mut harness, "Copy diagnostic report");
    let report = recorder
        .recorded()
        .copied
        .last()
        .cloned()
        .expect("report copied");
    assert!(report.contains("diagnostic report"));
    assert!(
        !report.contains("dEm8Q~"),
        "the report never holds a secret"
    );
}

#[test]
fn a_wrong_secret_fails_its_check_with_the_fix_and_the_portal_page() {
    let recorder = Recorder::default();
    let mut harness = start(demo_app(&recorder));
    harness.state_mut().document_mut().server_app.client_secret =
        ones_m365_assistant::model::Secret::new("Wr0Q~wrongSecretValueButRightShape.01234");
    harness.run();
    click_and_start(&mut harness, "Test with Microsoft");
    step_until(&mut harness, "the checks to finish", |app| {
        !app.live_checks().is_running() && !app.live_checks().results().is_empty()
    });
    let result = harness
        .state()
        .live_checks()
        .results()
        .iter()
        .find(|result| result.id == CheckId::ServerSecret)
        .cloned()
        .expect("server secret checked");
    assert_eq!(result.status, CheckStatus::Fail);
    assert_eq!(result.answer.aadsts, Some(7000215));
    harness.get_by_label_contains("Secret ID");
    click(&mut harness, "Look up AADSTS7000215 at Microsoft");
    assert!(
        recorder
            .recorded()
            .opened
            .last()
            .unwrap()
            .ends_with("/error?code=7000215")
    );
}

#[test]
fn review_exports_to_the_ones_stand_in_and_shows_the_receipt() {
    let recorder = Recorder::default();
    let mut harness = start(demo_app(&recorder));
    click(&mut harness, "4 Review");

    click_and_start(&mut harness, "Test connection");
    step_until(&mut harness, "the connection", |app| {
        !app.ones_export().is_busy()
    });
    harness.get_by_label_contains("Connected to ONES");
    harness.get_by_label_contains("The room redirect URI matches what ONES expects");

    click_and_start(&mut harness, "Export to ONES");
    step_until(&mut harness, "the plan", |app| !app.ones_export().is_busy());
    harness.get_by_label_contains("it will be created");
    // No live check ran: the plan says so and the export needs a deliberate tick.
    harness.get_by_label_contains("The live checks have not run");
    click(&mut harness, EXPORT_DESPITE_CHECKS);
    click_and_start(&mut harness, "Confirm export");
    step_until(&mut harness, "the export", |app| {
        !app.ones_export().is_busy()
    });
    let receipt =
        harness.get_by_label_contains("Exported — created. ONES stores exactly what was sent.");
    // Scrolled into view and announced.
    let bounds = receipt.rect();
    assert!(
        bounds.min.y >= 0.0 && bounds.max.y <= 1000.0,
        "the receipt is on screen: {bounds:?}"
    );
    assert!(
        harness
            .state()
            .toast_text()
            .is_some_and(|text| text.starts_with("Export finished")),
        "{:?}",
        harness.state().toast_text()
    );
    // The receipt tells what was done, in the past tense.
    assert!(harness.get_all_by_label_contains("(set)").count() >= 2);
    assert!(harness.query_by_label_contains("will be").is_none());
    click(&mut harness, "Copy receipt");
    let receipt = recorder
        .recorded()
        .copied
        .last()
        .cloned()
        .expect("receipt copied");
    assert!(
        !receipt.contains("dEm8Q~") && !receipt.contains("ones-demo-token"),
        "no secret, no token"
    );

    // Running it again changes nothing the second time.
    click_and_start(&mut harness, "Export to ONES");
    step_until(&mut harness, "the second plan", |app| {
        !app.ones_export().is_busy()
    });
    // The same secrets typed: the plan shows no change instead of "will be replaced".
    harness.get_by_label_contains("ONES already has exactly this integration: nothing to send.");
    assert!(
        harness
            .query_by_label_contains("will be replaced")
            .is_none()
    );
    click_and_start(&mut harness, "Confirm export");
    step_until(&mut harness, "the second export", |app| {
        !app.ones_export().is_busy()
    });
    harness.get_by_label_contains("already up to date; nothing was sent");
    assert!(harness.get_all_by_label_contains("(kept)").count() >= 2);
    assert!(harness.query_by_label_contains("will be").is_none());

    // A new secret typed is a change again.
    harness.state_mut().document_mut().sso_app.client_secret =
        ones_m365_assistant::model::Secret::new("Zz9Q~anotherSecretValue0123456789abcdef");
    harness.run();
    click_and_start(&mut harness, "Export to ONES");
    step_until(&mut harness, "the third plan", |app| {
        !app.ones_export().is_busy()
    });
    harness.get_by_label_contains("will be replaced");
    assert!(
        harness
            .get_by_label("Confirm export")
            .accesskit_node()
            .is_disabled(),
        "a new plan is confirmed again despite the checks"
    );
    click(&mut harness, EXPORT_DESPITE_CHECKS);
    assert!(
        !harness
            .get_by_label("Confirm export")
            .accesskit_node()
            .is_disabled()
    );

    // Editing after planning: the plan no longer sends what is on screen — said, and not sent.
    harness.state_mut().document_mut().users.login_button_name = "Edited after the plan".into();
    harness.run();
    message(&harness, "changed since this plan was made");
    assert!(
        harness
            .get_by_label("Confirm export")
            .accesskit_node()
            .is_disabled()
    );
}

#[test]
fn a_rejected_token_is_explained_and_nothing_is_lost() {
    let recorder = Recorder::default();
    let mut harness = start(demo_app(&recorder));
    let before = harness.state().document().clone();
    click(&mut harness, "4 Review");
    harness.get_by_label("ONES API token").click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_label("ONES API token")
        .type_text("wrong-token");
    harness.run();
    click_and_start(&mut harness, "Export to ONES");
    step_until(&mut harness, "the refusal", |app| {
        !app.ones_export().is_busy()
    });
    harness.get_by_label_contains("ONES rejected the API token (401)");
    assert_eq!(
        harness.state().document(),
        &before,
        "the document is untouched"
    );
}

#[test]
fn review_counts_down_to_expiry_and_writes_a_renewal_reminder() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("renewal.ics");
    let recorder = Recorder {
        save_path: Some(target.clone()),
        ..Recorder::default()
    };
    let mut app = app_with(&recorder, DraftStore::disabled());
    *app.document_mut() = valid_document();
    app.document_mut().sso_app.client_secret_expires_on =
        chrono::NaiveDate::from_ymd_opt(2026, 12, 10);
    let mut harness = start(app);
    click(&mut harness, "4 Review");
    harness.get_by_label_contains("Server app: the secret expires in 338 days (2027-11-01).");
    harness
        .get_by_label_contains("Single sign-on app: the secret expires in 12 days (2026-12-10).");
    assert!(
        harness.query_all_by_label("Renew now").count() == 1,
        "12 days left is flagged with a word, not colour alone"
    );
    click(&mut harness, "Add renewal reminder…");
    let calendar = std::fs::read_to_string(&target).expect("reminder written");
    assert!(calendar.starts_with("BEGIN:VCALENDAR"));
    assert!(
        calendar.contains("DTSTART;VALUE=DATE:20261210") || calendar.contains("DTSTART:20261210"),
        "{calendar}"
    );
    assert!(!calendar.contains(SSO_SECRET));
}

#[test]
fn the_room_test_signs_in_through_the_browser_and_fills_the_table() {
    use ones_m365_assistant::sandbox::browser::SimulatedBrowser;
    use ones_m365_assistant::sandbox::{
        DEMO_READ_ONLY_ROOM, DEMO_ROOM_ACCOUNT, DEMO_ROOM_PASSWORD,
    };

    let recorder = Recorder::default();
    let mut app = demo_app(&recorder);
    app.document_mut()
        .room
        .mailboxes
        .push(DEMO_READ_ONLY_ROOM.to_owned());
    let mut harness = start(app);
    click(&mut harness, "2 Room settings");
    harness.get_by_label("Copy room test redirect URI");

    click_and_start(&mut harness, "Sign in as service account and test");
    let recorded = recorder.clone();
    step_until(&mut harness, "the browser to be opened", move |_| {
        recorded
            .recorded()
            .opened
            .iter()
            .any(|url| url.contains("/oauth2/v2.0/authorize"))
    });
    harness.get_by_label_contains("Waiting for the sign-in in your browser");
    let authorize_url = recorder.recorded().opened.last().cloned().unwrap();
    // Play the person at the browser: sign in on the stand-in's page.
    let visit = runtime()
        .block_on(async {
            SimulatedBrowser::new()?
                .sign_in(&authorize_url, DEMO_ROOM_ACCOUNT, DEMO_ROOM_PASSWORD)
                .await
        })
        .expect("the browser signs in");
    assert_eq!(visit.status, 200, "{}", visit.html);

    step_until(&mut harness, "the room results", |app| {
        app.room_test().report().is_some()
    });
    let report = harness.state().room_test().report().unwrap().clone();
    assert!(report.sign_in.ok(), "{:?}", report.sign_in);
    assert_eq!(report.rooms.len(), 3);
    let read_only = report
        .rooms
        .iter()
        .find(|room| room.mailbox == DEMO_READ_ONLY_ROOM)
        .unwrap();
    assert_eq!(read_only.status, CheckStatus::Fail);
    assert_eq!(read_only.can_edit, Some(false));
    harness.get_by_label("room-101@ones-demo.onmicrosoft.com");
    harness.get_by_label(DEMO_READ_ONLY_ROOM);
    harness
        .get_all_by_label_contains("Not every room is ready")
        .next()
        .expect("the verdict");
    // Announced politely, and the fix's command has its own block with a Copy button.
    assert!(
        harness
            .state()
            .toast_text()
            .is_some_and(|text| text.contains("Not every room is ready")),
        "{:?}",
        harness.state().toast_text()
    );
    click(
        &mut harness,
        &format!("Copy the command for {DEMO_READ_ONLY_ROOM}"),
    );
    let command = recorder.recorded().copied.last().cloned().unwrap();
    assert!(
        command.starts_with(&format!(
            "Add-MailboxFolderPermission -Identity '{DEMO_READ_ONLY_ROOM}:\\Calendar'"
        )),
        "{command}"
    );
    assert!(command.ends_with("-AccessRights Editor"), "{command}");

    click_and_start(&mut harness, "Retry failed rooms only");
    step_until(&mut harness, "the retry", |app| {
        !app.room_test().is_running()
    });
    let after = harness.state().room_test().report().unwrap();
    assert_eq!(after.rooms.len(), 3, "the retry merges into the same table");
    assert_eq!(
        after
            .rooms
            .iter()
            .filter(|room| room.status == CheckStatus::Pass)
            .count(),
        2
    );

    click(&mut harness, "Copy room test report");
    let text = recorder.recorded().copied.last().cloned().unwrap();
    assert!(text.contains("Room test") && text.contains(DEMO_READ_ONLY_ROOM));
    assert!(
        !text.to_lowercase().contains("bearer") && !text.contains("dEm8Q~"),
        "no token, no secret"
    );

    // Editing the room list makes the results stale: said, not left as if current.
    assert!(
        harness
            .query_by_label_contains("changed since this test")
            .is_none()
    );
    harness
        .state_mut()
        .document_mut()
        .room
        .mailboxes
        .push("room-999@ones-demo.onmicrosoft.com".to_owned());
    harness.run();
    message(&harness, "changed since this test");
}

#[test]
fn the_sign_in_by_hand_dialog_closes_when_the_sign_in_completed() {
    use ones_m365_assistant::sandbox::browser::SimulatedBrowser;
    use ones_m365_assistant::sandbox::{DEMO_ROOM_ACCOUNT, DEMO_ROOM_PASSWORD};

    let recorder = Recorder {
        fail_with: Some("no browser on this machine".to_owned()),
        ..Recorder::default()
    };
    let mut harness = start(demo_app(&recorder));
    click(&mut harness, "2 Room settings");
    click_and_start(&mut harness, "Sign in as service account and test");
    step_until(&mut harness, "the sign-in address shown by hand", |app| {
        app.fallback()
            .is_some_and(|fallback| fallback.text.contains("/oauth2/v2.0/authorize"))
    });
    let authorize_url = harness.state().fallback().unwrap().text.clone();
    runtime()
        .block_on(async {
            SimulatedBrowser::new()?
                .sign_in(&authorize_url, DEMO_ROOM_ACCOUNT, DEMO_ROOM_PASSWORD)
                .await
        })
        .expect("the browser signs in");
    step_until(&mut harness, "the room results", |app| {
        app.room_test().report().is_some()
    });
    assert!(
        harness.state().fallback().is_none(),
        "the dialog for a sign-in that completed is closed"
    );
}

#[test]
fn pull_from_ones_shows_what_changes_asks_first_and_keeps_the_stored_secrets() {
    let recorder = Recorder::default();
    let mut harness = start(demo_app(&recorder));
    click(&mut harness, "4 Review");
    click_and_start(&mut harness, "Export to ONES");
    step_until(&mut harness, "the plan", |app| !app.ones_export().is_busy());
    click(&mut harness, EXPORT_DESPITE_CHECKS);
    click_and_start(&mut harness, "Confirm export");
    step_until(&mut harness, "the export", |app| {
        !app.ones_export().is_busy()
    });

    // Pulling what is already here asks nothing and changes nothing.
    let exported = harness.state().document().clone();
    click_and_start(&mut harness, "Pull from ONES");
    step_until(&mut harness, "the first pull", |app| {
        !app.ones_export().is_busy()
    });
    assert!(
        harness
            .query_by_label("Load the integration from ONES?")
            .is_none()
    );
    assert_eq!(
        harness.state().toast_text().as_deref(),
        Some("Your document already matches the integration on ONES")
    );
    assert_eq!(harness.state().document().name, exported.name);

    // Later, on another computer: the draft kept no secrets and one field was edited.
    {
        let doc = harness.state_mut().document_mut();
        doc.server_app.client_secret = Default::default();
        doc.sso_app.client_secret = Default::default();
        doc.users.login_button_name = "Edited here".to_owned();
    }
    harness.run();
    let before = harness.state().document().clone();
    click_and_start(&mut harness, "Pull from ONES");
    step_until(&mut harness, "the pull", |app| !app.ones_export().is_busy());
    harness.get_by_label("Load the integration from ONES?");
    harness.get_by_label_contains("changes this field of your working document");
    harness.get_by_label_contains("\"Edited here\" → \"Sign in with Microsoft\"");
    harness.get_by_label_contains(
        "Server settings › Client secret after loading: stored in ONES, expires",
    );
    assert_eq!(
        harness.state().document(),
        &before,
        "nothing replaced before the yes"
    );

    click(&mut harness, "Cancel");
    assert_eq!(
        harness.state().document(),
        &before,
        "Cancel keeps the working document"
    );

    click_and_start(&mut harness, "Pull from ONES");
    step_until(&mut harness, "the second pull", |app| {
        !app.ones_export().is_busy()
    });
    click(&mut harness, "Replace");
    let app = harness.state();
    assert_eq!(
        app.document().users.login_button_name,
        "Sign in with Microsoft"
    );
    assert_eq!(app.step(), Step::Review, "stays where the user was");
    assert!(app.document().server_app.client_secret_in_ones);
    assert!(app.document().sso_app.client_secret_in_ones);
    assert!(
        app.report().is_valid(),
        "a secret ONES stores is not a problem: {:?}",
        app.report().errors().collect::<Vec<_>>()
    );
    assert!(
        harness
            .query_by_label_contains("Client secret not entered")
            .is_none()
    );
    assert!(
        harness
            .get_all_by_label_contains("stored in ONES, expires")
            .count()
            >= 2
    );

    // The room test needs the value and says so instead of failing.
    click(&mut harness, "2 Room settings");
    harness.get_by_label_contains("ONES stores it but never shows it");
    assert!(
        harness
            .get_by_label("Sign in as service account and test")
            .accesskit_node()
            .is_disabled()
    );
    click(&mut harness, "4 Review");

    // The export keeps what ONES stores; only the checks that need the value ask for it.
    click_and_start(&mut harness, "Export to ONES");
    step_until(&mut harness, "the plan after the pull", |app| {
        !app.ones_export().is_busy()
    });
    let plan = harness.state().ones_export().ready_plan().expect("a plan");
    assert!(!plan.is_blocked(), "{:?}", plan.problems);
    assert!(!plan.has_changes(), "{}", plan.to_text());
    click(&mut harness, "Cancel export");
    click_and_start(&mut harness, "Test with Microsoft");
    step_until(&mut harness, "the checks", |app| {
        !app.live_checks().is_running() && !app.live_checks().results().is_empty()
    });
    let secret_check = harness
        .state()
        .live_checks()
        .results()
        .iter()
        .find(|result| result.id == CheckId::ServerSecret)
        .expect("server secret check reported");
    assert_eq!(secret_check.status, CheckStatus::Skip);
    assert!(
        secret_check.summary().contains("stored in ONES"),
        "{}",
        secret_check.summary()
    );
}

#[test]
fn without_a_file_dialog_the_path_is_asked_in_the_window_and_overwrites_ask_first() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("in.json");
    ones_m365_assistant::store::write_document_file(&source, &valid_document(), false).unwrap();
    let recorder = Recorder {
        no_file_dialogs: true,
        ..Recorder::default()
    };
    let mut harness = start(app_with(&recorder, DraftStore::in_dir(dir.path())));

    click(&mut harness, "Open file…");
    let prompt = harness
        .state()
        .path_prompt()
        .expect("the path field is shown");
    assert!(
        prompt.text.starts_with(&dir.path().display().to_string()),
        "starts in the config directory: {}",
        prompt.text
    );
    harness.get_by_label_contains("file dialog cannot open");
    set_path(&mut harness, &dir.path().join("missing.json"));
    click_button(&mut harness, "Open");
    harness.get_by_label_contains("There is no file at");
    set_path(&mut harness, &source);
    click_button(&mut harness, "Open");
    assert!(harness.state().path_prompt().is_none());
    assert_eq!(harness.state().document().name, valid_document().name);

    click(&mut harness, "4 Review");
    click(&mut harness, "Save integration as file…");
    let prompt = harness
        .state()
        .path_prompt()
        .expect("the path field is shown");
    assert!(prompt.text.ends_with(".json"), "{}", prompt.text);
    set_path(&mut harness, &source);
    click_button(&mut harness, "Save");
    harness.get_by_label_contains("already exists. Replace it?");
    let before = std::fs::read_to_string(&source).unwrap();
    harness.state_mut().document_mut().name = "Renamed office".to_owned();
    harness.run();
    click(&mut harness, "Replace the file");
    assert!(harness.state().path_prompt().is_none());
    let after = std::fs::read_to_string(&source).unwrap();
    assert_ne!(before, after);
    assert!(after.contains("Renamed office"));

    click(&mut harness, "Add renewal reminder…");
    let target = dir.path().join("renewal.ics");
    set_path(&mut harness, &target);
    click_button(&mut harness, "Save");
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .starts_with("BEGIN:VCALENDAR")
    );
}

fn click_button(harness: &mut Harness<'_, AssistantApp>, label: &str) {
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, label)
        .click();
    run_through_file_work(harness);
}

fn set_path(harness: &mut Harness<'_, AssistantApp>, path: &std::path::Path) {
    harness.get_by_label("File path").click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_label("File path")
        .type_text(&path.display().to_string());
    harness.run();
}

#[test]
fn without_a_browser_one_sentence_the_address_once_a_copy_button_and_the_detail_folded() {
    let recorder = Recorder {
        fail_with: Some(
            "Launcher \"gio\" \"open\" \"https://portal.azure.com/…\" failed with ExitStatus(unix_wait_status(512))"
                .to_owned(),
        ),
        ..Recorder::default()
    };
    let mut harness = start(app_with(&recorder, DraftStore::disabled()));
    click(&mut harness, "Open New registration in Azure portal");
    let fallback = harness.state().fallback().expect("fallback shown").clone();
    assert!(fallback.text.starts_with("https://portal.azure.com/"));
    let reason = fallback.reason.localized();
    assert!(!reason.contains("gio"), "{reason}");
    assert!(!reason.contains("https://"), "the address is shown once");
    assert!(fallback.offer_copy);
    harness.get_by_label("Copy address");
    assert!(
        harness.query_by_label_contains("ExitStatus").is_none(),
        "the launcher's error is folded away"
    );
    click(&mut harness, "Technical detail");
    harness.get_by_label_contains("ExitStatus(unix_wait_status(512))");
}

#[test]
fn a_redirect_uri_shows_where_it_came_from() {
    let recorder = Recorder::default();
    let mut harness = start(demo_app(&recorder));
    click(&mut harness, "2 Room settings");
    harness.get_by_label("Derived — confirm against the ONES wizard");

    click(&mut harness, "4 Review");
    click_and_start(&mut harness, "Test connection");
    step_until(&mut harness, "the connection", |app| {
        !app.ones_export().is_busy()
    });
    click(&mut harness, "2 Room settings");
    harness.get_by_label("From ONES — what this ONES server expects");
    assert!(
        harness
            .query_by_label("Derived — confirm against the ONES wizard")
            .is_none(),
        "a value ONES confirmed is not 'derived' any more"
    );

    let field = || (egui::accesskit::Role::TextInput, "Redirect URI");
    harness.get_by_role_and_label(field().0, field().1).click();
    harness.run();
    harness
        .get_by_role_and_label(field().0, field().1)
        .type_text("x");
    harness.run();
    harness.get_by_label("Pasted");
}

#[test]
fn a_client_id_in_the_tenant_field_blocks_next_with_the_error_under_tenant_id() {
    let recorder = Recorder::default();
    let mut harness = start(app_with(&recorder, DraftStore::disabled()));
    fill_server_settings(&mut harness);
    assert!(next_is_enabled(&harness));
    harness.get_by_label("Tenant ID (Directory ID)").click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_label("Tenant ID (Directory ID)")
        .type_text(SERVER_APP);
    harness.run();
    harness.key_press(egui::Key::Tab);
    harness.run();
    harness.run();
    let report = harness.state().report();
    let tenant_errors: Vec<_> = report
        .for_field(Field::TenantId)
        .filter(|finding| finding.severity == ones_m365_assistant::model::Severity::Error)
        .collect();
    assert_eq!(tenant_errors.len(), 1, "{tenant_errors:?}");
    assert!(report.for_field(Field::ServerClientId).next().is_none());
    message(&harness, "Same GUID as the Application (client) ID");
    assert!(!next_is_enabled(&harness), "an error blocks Next");
}

#[test]
fn the_secret_shape_message_counts_like_a_person_and_stale_trim_notes_go() {
    let recorder = Recorder::default();
    let mut harness = start(app_with(&recorder, DraftStore::disabled()));
    type_into(&mut harness, "Client secret", "short-secret");
    harness.get_by_label_contains("the 5th and 6th being \"Q~\"");
    assert!(harness.query_by_label_contains("positions 4–5").is_none());

    // Spaces pasted around an ID are removed and said so; a clean paste afterwards clears it.
    harness.get_by_label("Client ID (Application ID)").click();
    harness.run();
    harness
        .get_by_label("Client ID (Application ID)")
        .type_text(&format!("  {SERVER_APP}  "));
    harness.run();
    harness.get_by_label_contains("pasted around the value were removed");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_label("Client ID (Application ID)")
        .type_text(SERVER_APP);
    harness.run();
    assert_eq!(harness.state().document().server_app.client_id, SERVER_APP);
    assert!(
        harness
            .query_by_label_contains("pasted around the value were removed")
            .is_none(),
        "a clean paste clears the stale note"
    );
}

#[test]
fn room_settings_and_the_export_plan_agree_that_mailboxes_go_to_ones() {
    let recorder = Recorder::default();
    let mut harness = start(demo_app(&recorder));
    click(&mut harness, "2 Room settings");
    harness.get_by_label_contains("The export sends them to ONES with the integration");
    assert!(
        harness
            .query_by_label_contains("Not sent to ONES")
            .is_none()
    );
    click(&mut harness, "4 Review");
    click_and_start(&mut harness, "Export to ONES");
    step_until(&mut harness, "the plan", |app| !app.ones_export().is_busy());
    let plan = harness.state().ones_export().ready_plan().expect("a plan");
    assert!(
        plan.changed_fields()
            .any(|diff| diff.field == Field::Mailboxes),
        "the plan lists the mailboxes it sends"
    );
    harness.get_by_label("Room settings › Room mailboxes");
}

#[test]
fn the_theme_is_chosen_in_the_toolbar_and_remembered() {
    use ones_m365_assistant::store::ThemeChoice;
    let dir = tempfile::tempdir().unwrap();
    let recorder = Recorder::default();
    let mut harness = start(app_with(&recorder, DraftStore::in_dir(dir.path())));
    assert_eq!(harness.state().theme(), ThemeChoice::System);
    click(&mut harness, "Colour theme");
    click(&mut harness, "○ Light");
    assert_eq!(harness.state().theme(), ThemeChoice::Light);
    harness.run();
    assert_eq!(harness.ctx.theme(), egui::Theme::Light);
    let saved = std::fs::read_to_string(dir.path().join("preferences.json")).unwrap();
    assert!(saved.contains("\"light\""), "{saved}");
    drop(harness);

    let harness = start(app_with(&recorder, DraftStore::in_dir(dir.path())));
    assert_eq!(harness.state().theme(), ThemeChoice::Light);
    assert_eq!(harness.ctx.theme(), egui::Theme::Light);
    assert_eq!(
        harness.state().language(),
        Language::English,
        "the language is kept beside it"
    );
}

/// Pastes `output` into the script card's field (`paste` is its name) and reads it.
fn paste_and_read(harness: &mut Harness<'_, AssistantApp>, paste: &str, output: &str) {
    harness.get_by_label(paste).scroll_to_me();
    harness.run();
    harness.get_by_label(paste).click();
    harness.run();
    harness.get_by_label(paste).type_text(output);
    harness.run();
    click(harness, "Read the output");
}

#[test]
fn a_setup_scripts_output_fills_the_wizard_and_starts_the_checks() {
    use ones_m365_assistant::sandbox::{DEMO_SERVER_CLIENT_ID, DEMO_TENANT_ID};
    let recorder = Recorder::default();
    let mut harness = start(demo_app(&recorder));
    click(&mut harness, "Do it with a script");
    // Demo mode offers no script for a real tenant (its redirect URIs point at 127.0.0.1) and no
    // Cloud Shell: the run happens in the demo tenant (issue 21 item 9).
    assert!(harness.query_by_label("Copy script").is_none());
    assert!(harness.query_by_label("Open Azure Cloud Shell").is_none());
    harness.get_by_label("Run in the demo tenant");

    let secret = "Nw1Q~fromTheCloudShellScript0123456789ab";
    let output = format!(
        "user@Azure:~$ bash apps.sh\n-----BEGIN ONES-M365 SETUP-----\n{{\"schema\":\"ones-m365-setup/1\",\"operator\":\"microsoft\",\"tenant_id\":\"{DEMO_TENANT_ID}\",\"server_app\":{{\"client_id\":\"{DEMO_SERVER_CLIENT_ID}\",\"client_secret\":\"{secret}\",\"client_secret_expires_on\":\"2027-10-01\"}}}}\n-----END ONES-M365 SETUP-----\n"
    );
    let paste =
        "Paste the script's output (it holds client secrets: hidden here, wiped after reading)";
    paste_and_read(&mut harness, paste, &output);
    harness.get_by_label_contains("Applying the output changes");
    harness.get_by_label_contains("replaced (new secret from the script)");
    // The wizard is unchanged until Apply, and the secret is nowhere on screen.
    assert_ne!(
        harness.state().document().server_app.client_secret.expose(),
        secret
    );
    assert!(
        harness
            .query_all_by_label_contains("fromTheCloudShellScript")
            .next()
            .is_none()
    );
    click_and_start(&mut harness, "Apply and test with Microsoft");
    assert_eq!(
        harness.state().document().server_app.client_secret.expose(),
        secret
    );
    assert_eq!(harness.state().step(), Step::Review);
    step_until(&mut harness, "the checks to finish", |app| {
        !app.live_checks().is_running() && !app.live_checks().results().is_empty()
    });
    let results = harness.state().live_checks().results();
    let server = results
        .iter()
        .find(|result| result.id == CheckId::ServerSecret)
        .expect("the secret from the script was checked");
    // The stand-in does not know the made-up secret: Microsoft's refusal, as it would be.
    assert_eq!(server.status, CheckStatus::Fail);

    // The date editor shows the script's date, so editing there starts from it, not from the old
    // one (which the next keystroke would otherwise write back).
    click(&mut harness, "1 Server settings");
    assert_eq!(
        harness
            .get_by_label("Client secret expires on")
            .value()
            .as_deref(),
        Some("2027-10-01")
    );

    // The same output again: nothing to change is said, and Apply still tests with Microsoft
    // instead of closing the card without a word.
    paste_and_read(&mut harness, paste, &output);
    harness.get_by_label_contains("nothing to change");
    click_and_start(&mut harness, "Apply and test with Microsoft");
    assert_eq!(harness.state().step(), Step::Review);
    assert!(
        harness
            .state()
            .toast_text()
            .is_some_and(|text| text.contains("nothing changed")),
        "{:?}",
        harness.state().toast_text()
    );
    step_until(&mut harness, "the checks to finish again", |app| {
        !app.live_checks().is_running() && !app.live_checks().results().is_empty()
    });
}

/// Issue 21 item 9: in demo mode the whole script route is practised offline — run in the demo
/// tenant, copy the output, paste it back, apply — and the secrets it made pass the live checks.
#[test]
fn demo_mode_practises_the_script_route_in_the_demo_tenant() {
    let recorder = Recorder::default();
    let mut harness = start(demo_app(&recorder));
    // A learner's own integration: another name, no apps, no secrets.
    {
        let doc = harness.state_mut().document_mut();
        doc.name = "Learner office".to_owned();
        doc.room.redirect_uri.clear();
        doc.sso_app.redirect_uri.clear();
        doc.server_app.client_id.clear();
        doc.server_app.client_secret = Secret::default();
        doc.sso_app.client_id.clear();
        doc.sso_app.client_secret = Secret::default();
    }
    harness.run();
    click(&mut harness, "Do it with a script");
    click(&mut harness, "Run in the demo tenant");
    harness.get_by_label_contains("done: create the server app registration");
    click(&mut harness, "Copy output");
    let output = recorder.recorded().copied.last().cloned().unwrap();
    assert!(
        output.contains("-----BEGIN ONES-M365 SETUP-----"),
        "{output}"
    );
    // The secrets are in the copied output, never on screen.
    let block = ones_m365_assistant::setup::find_block(&output).unwrap();
    let secret = block
        .server_app
        .as_ref()
        .unwrap()
        .client_secret
        .clone()
        .unwrap();
    assert!(
        harness
            .query_all_by_label_contains(secret.expose())
            .next()
            .is_none()
    );
    paste_and_read(
        &mut harness,
        "Paste the script's output (it holds client secrets: hidden here, wiped after reading)",
        &output,
    );
    click_and_start(&mut harness, "Apply and test with Microsoft");
    assert_eq!(
        harness.state().document().server_app.client_secret.expose(),
        secret.expose()
    );
    step_until(&mut harness, "the checks to finish", |app| {
        !app.live_checks().is_running() && !app.live_checks().results().is_empty()
    });
    let results = harness.state().live_checks().results();
    for id in [CheckId::ServerSecret, CheckId::SsoSecret] {
        let result = results.iter().find(|result| result.id == id).unwrap();
        assert_eq!(result.status, CheckStatus::Pass, "{id:?}: {result:?}");
    }
}

/// Issue 21 item 3: client IDs put into each other's fields are named as a swap, and one click
/// swaps them back and tests again.
#[test]
fn swapped_client_ids_are_named_and_swapped_back_in_one_click() {
    let recorder = Recorder::default();
    let mut harness = start(demo_app(&recorder));
    {
        let doc = harness.state_mut().document_mut();
        let doc_clone = doc.clone();
        doc.server_app.client_id = doc_clone.sso_app.client_id.clone();
        doc.sso_app.client_id = doc_clone.server_app.client_id;
    }
    harness.run();
    click_and_start(&mut harness, "Test with Microsoft");
    step_until(&mut harness, "the checks to finish", |app| {
        !app.live_checks().is_running() && !app.live_checks().results().is_empty()
    });
    // Said above the results, and as the fix of both secret checks.
    assert_eq!(
        harness
            .query_all_by_label_contains("look swapped: each app's secret is accepted")
            .count(),
        3
    );
    click_and_start(&mut harness, "Swap them and test again");
    step_until(&mut harness, "the checks to finish again", |app| {
        !app.live_checks().is_running() && !app.live_checks().results().is_empty()
    });
    let results = harness.state().live_checks().results();
    for id in [CheckId::ServerSecret, CheckId::SsoSecret] {
        let result = results.iter().find(|result| result.id == id).unwrap();
        assert_eq!(result.status, CheckStatus::Pass, "{id:?}: {result:?}");
    }
    assert!(harness.state().live_checks().suspected_swaps().is_empty());
}

/// Issue 21 item 8: the demo's values are on screen with copy buttons, and the demo world follows
/// the name the learner types (its redirect URIs are registered in the demo tenant), so the
/// redirect checks pass for any name.
#[test]
fn demo_mode_shows_its_values_and_follows_the_learners_name() {
    let recorder = Recorder::default();
    let mut harness = start(demo_app(&recorder));
    let ones_url = harness.state().document().ones_url.clone();
    harness.get_by_label_contains(&ones_url);
    harness.get_by_label_contains("ones-rooms@ones-demo.onmicrosoft.com");
    click(&mut harness, "Copy ONES server address");
    assert_eq!(recorder.recorded().copied.last(), Some(&ones_url));
    click(&mut harness, "Copy its password");
    assert_eq!(
        recorder.recorded().copied.last().map(String::as_str),
        Some("Demo-Rooms-2024")
    );

    harness.get_by_label("Name").click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label("Name").type_text("Learner office");
    harness.run();
    assert_eq!(harness.state().document().name, "Learner office");
    assert!(
        harness
            .state()
            .document()
            .room
            .redirect_uri
            .contains("learner-office"),
        "{}",
        harness.state().document().room.redirect_uri
    );
    click_and_start(&mut harness, "Test with Microsoft");
    step_until(&mut harness, "the checks to finish", |app| {
        !app.live_checks().is_running() && !app.live_checks().results().is_empty()
    });
    let results = harness.state().live_checks().results();
    for id in [CheckId::RoomRedirect, CheckId::SsoRedirect] {
        let result = results.iter().find(|result| result.id == id).unwrap();
        assert_eq!(result.status, CheckStatus::Pass, "{id:?}: {result:?}");
    }
}

/// Issue 21 item 13: why a paste could not be read is in the paste field's description.
#[test]
fn the_paste_fields_problem_is_its_description() {
    let recorder = Recorder::default();
    let mut harness = start(app_with(&recorder, DraftStore::disabled()));
    click(&mut harness, "Do it with a script");
    let paste =
        "Paste the script's output (it holds client secrets: hidden here, wiped after reading)";
    paste_and_read(&mut harness, paste, "nothing useful");
    let description = harness
        .get_by_label(paste)
        .accesskit_node()
        .description()
        .unwrap_or_default();
    assert!(
        description.contains("No setup result was found"),
        "{description}"
    );
}

/// Issue 21 item 7: the rooms card asks for the rooms first, names no CLI flag, and does not claim
/// the rooms script's output holds secrets.
#[test]
fn the_rooms_card_says_what_it_needs_without_cli_flags_or_secrets() {
    let recorder = Recorder::default();
    let mut harness = start(app_with(&recorder, DraftStore::disabled()));
    click(&mut harness, "2 Room settings");
    click(&mut harness, "Do it with a script");
    harness.get_by_label_contains("list the rooms first");
    let missing = harness
        .query_all_by_label_contains("Name the service account")
        .next()
        .expect("the missing account is named")
        .accesskit_node()
        .label()
        .unwrap_or_default();
    assert!(!missing.contains("--account"), "{missing}");
    harness.get_by_label("Paste the script's output (hidden here, wiped after reading)");
    assert!(
        harness
            .query_all_by_label_contains("holds client secrets")
            .next()
            .is_none()
    );
}

/// Issue 20 item 6: the card offers a local run as a first-class path with the exact commands, and
/// never sends a 21Vianet user to Cloud Shell (which that cloud does not offer); the script can be
/// saved to a file for that run.
#[test]
fn the_script_card_offers_a_local_run_and_no_cloud_shell_for_21vianet() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("apps.sh");
    let recorder = Recorder {
        save_path: Some(target.clone()),
        ..Recorder::default()
    };
    let mut harness = start(app_with(&recorder, DraftStore::disabled()));
    {
        let doc = harness.state_mut().document_mut();
        doc.name = "Head office".to_owned();
        doc.ones_url = "https://ones.example.com".to_owned();
        doc.server_app.tenant_id = "72f988bf-86f1-41af-91ab-2d7cd011db47".to_owned();
    }
    harness.run();
    click(&mut harness, "Do it with a script");
    // Global cloud: Cloud Shell is a link that says where it goes, and the local run is there too.
    let link = harness.get_by_label("Open Azure Cloud Shell");
    assert_eq!(link.accesskit_node().role(), Role::Link);
    assert_eq!(
        link.accesskit_node().description().as_deref(),
        Some("Opens shell.azure.com in your browser")
    );
    harness.get_by_label_contains(
        "az login --allow-no-subscriptions --tenant 72f988bf-86f1-41af-91ab-2d7cd011db47",
    );
    click(&mut harness, "Copy commands");
    let commands = recorder.recorded().copied.last().cloned().unwrap();
    assert!(
        commands.starts_with("az cloud set --name AzureCloud\n"),
        "{commands}"
    );
    assert!(
        commands.contains("bash ones-m365-apps-head-office.sh"),
        "{commands}"
    );

    // 21Vianet: no Cloud Shell anywhere on the card, and the China cloud in the commands.
    click(&mut harness, "21Vianet");
    harness.run();
    assert!(
        harness
            .query_all_by_label_contains("Open Azure Cloud Shell")
            .next()
            .is_none()
    );
    harness.get_by_label_contains("offers no Cloud Shell");
    harness.get_by_label_contains("az cloud set --name AzureChinaCloud");
    click(&mut harness, "Save script…");
    let saved = std::fs::read_to_string(&target).unwrap();
    assert!(saved.starts_with("#!/usr/bin/env bash"), "{saved}");
    assert!(saved.contains("EXPECTED_CLOUD='AzureChinaCloud'"));
    assert!(
        harness
            .state()
            .toast_text()
            .is_some_and(|text| text.contains("Saved the script")),
        "{:?}",
        harness.state().toast_text()
    );
    assert!(recorder.recorded().opened.is_empty(), "nothing was opened");
}

// ---------------------------------------------------------------------------------------------
// What a screen reader gets (issue 16): the AccessKit tree on every screen.

use egui::accesskit::{Action, Invalid, Live, Role};
use egui_kittest::kittest::{AccessKitNode, by};

/// Every node of the tree with whether it (or an ancestor) is hidden.
fn all_nodes<'a>(harness: &'a Harness<'_, AssistantApp>) -> Vec<(AccessKitNode<'a>, bool)> {
    harness
        .root()
        .children_recursive()
        .map(|node| {
            let node = node.accesskit_node();
            let mut hidden = false;
            let mut current = Some(node);
            while let Some(ancestor) = current {
                hidden |= ancestor.is_hidden();
                current = ancestor.parent();
            }
            (node, hidden)
        })
        .collect()
}

/// The children a screen reader sees: plain containers are see-through.
fn semantic_children<'a>(node: &AccessKitNode<'a>) -> Vec<AccessKitNode<'a>> {
    let mut found = Vec::new();
    for child in node.children() {
        if child.role() == Role::GenericContainer {
            found.extend(semantic_children(&child));
        } else {
            found.push(child);
        }
    }
    found
}

fn text_of(node: &AccessKitNode<'_>) -> String {
    if node.role() == Role::Label {
        node.value().unwrap_or_default()
    } else {
        node.label().unwrap_or_default()
    }
}

/// The checks every screen must pass: the window is named, no shown node is only a glyph (or
/// starts with one), plain labels offer no click, every input has a name, there is a level-1
/// heading, and the toolbar, navigation and screen panels are named.
fn assert_screen_is_readable(harness: &Harness<'_, AssistantApp>, screen: &str) {
    let root = harness.root();
    assert_eq!(
        root.accesskit_node().label().as_deref(),
        Some("ONES Microsoft 365 Assistant"),
        "{screen}: the window is named by its title"
    );
    let mut problems = Vec::new();
    let mut headings = 0;
    for (node, hidden) in all_nodes(harness) {
        if hidden {
            continue;
        }
        let text = text_of(&node);
        let trimmed = text.trim();
        let starts_with_glyph = trimmed
            .chars()
            .next()
            .is_some_and(|first| !first.is_alphanumeric() && !"\"'(“「《<%*+-.…/[".contains(first));
        if matches!(
            node.role(),
            Role::Label | Role::Button | Role::Link | Role::Heading
        ) && !trimmed.is_empty()
            && starts_with_glyph
        {
            problems.push(format!("{:?} starts with a glyph: {text:?}", node.role()));
        }
        // Values in Review's tables stay selectable (to copy a part); nothing else is clickable.
        let in_cell = std::iter::successors(node.parent(), |parent| parent.parent())
            .any(|ancestor| ancestor.role() == Role::Cell);
        if node.role() == Role::Label
            && node.data().supports_action(Action::Click)
            && !node.data().supports_action(Action::Focus)
            && !in_cell
        {
            problems.push(format!("plain label offers a click: {text:?}"));
        }
        if egui::accessibility::is_input(node.role()) && trimmed.is_empty() {
            problems.push(format!("unnamed {:?}", node.role()));
        }
        if node.role() == Role::Heading && node.level() == Some(1) {
            headings += 1;
        }
    }
    assert!(problems.is_empty(), "{screen}: {problems:#?}");
    assert!(headings >= 1, "{screen}: a level-1 heading");
    for panel in ["Toolbar", "Navigation", "Wizard screen"] {
        harness.get_by_role_and_label(Role::Pane, panel);
    }
    // Scroll areas clip: what is scrolled out is not reported as showing.
    let views: Vec<_> = harness.get_all_by_role(Role::ScrollView).collect();
    assert_eq!(views.len(), 2, "{screen}: one per column");
    assert!(
        views
            .iter()
            .all(|view| view.accesskit_node().clips_children()
                && view.accesskit_node().bounding_box().is_some()),
        "{screen}"
    );
}

#[test]
fn every_screen_has_a_named_window_headings_named_panels_and_no_decorative_nodes() {
    let recorder = Recorder::default();
    let mut app = app_with(&recorder, DraftStore::disabled());
    *app.document_mut() = valid_document();
    let mut harness = start(app);
    for (number, step, title) in [
        (1, Step::Server, "Server settings"),
        (2, Step::Room, "Room settings"),
        (3, Step::Users, "User settings"),
        (4, Step::Review, "Review"),
    ] {
        click(&mut harness, &format!("{number} {title}"));
        assert_eq!(harness.state().step(), step);
        assert_screen_is_readable(&harness, title);
        // The stepper item is named by what it shows (number and title); its state is said.
        let item_label = format!("{number} {title}");
        let item = harness.get_by_label(&item_label);
        let description = item.accesskit_node().description().unwrap_or_default();
        assert!(description.contains("Current screen"), "{description}");
        if step != Step::Review {
            assert!(description.contains("Complete"), "{description}");
            harness.get_by_role_and_label(Role::Region, "ONES fields");
            harness.get_by_role_and_label(Role::Region, "Azure portal steps");
            harness.get_by_role_and_label(Role::Heading, &format!("ONES — {title}"));
        }
    }
    // Review: each section is a table of name/value rows, the names row headers.
    let table = harness.get_by_role_and_label(Role::Table, "Server settings: values");
    let rows: Vec<_> = semantic_children(&table.accesskit_node())
        .into_iter()
        .filter(|node| node.role() == Role::Row)
        .collect();
    assert_eq!(rows.len(), 7, "one row per Server settings field");
    let first: Vec<_> = semantic_children(&rows[0])
        .into_iter()
        .map(|cell| {
            let text: String = semantic_children(&cell)
                .iter()
                .map(|label| text_of(label))
                .collect();
            (cell.role(), text)
        })
        .collect();
    assert_eq!(
        first,
        vec![
            (Role::Cell, "Pass".to_owned()),
            (Role::RowHeader, "Name".to_owned()),
            (Role::Cell, valid_document().name),
        ]
    );
    harness.get_by_role_and_label(Role::Table, "Room settings: values");
    harness.get_by_role_and_label(Role::Table, "User settings: values");
}

#[test]
fn field_messages_and_help_are_the_fields_description_with_invalid_and_required_states() {
    let recorder = Recorder::default();
    let mut harness = start(app_with(&recorder, DraftStore::disabled()));
    // Help text is the description even before anything is typed; every field is required.
    let name = harness.get_by_role_and_label(Role::TextInput, "Name");
    let name = name.accesskit_node();
    assert!(name.is_required());
    assert_eq!(
        name.description().as_deref(),
        Some("Identifies this integration in ONES.")
    );
    assert_eq!(name.data().invalid(), None);

    type_into(&mut harness, "Tenant ID (Directory ID)", "abc");
    type_into(&mut harness, "ONES server address", "notaurl");
    // A field left empty after a visit says so too.
    harness.get_by_label("Name").click();
    harness.run();
    harness.key_press(egui::Key::Tab);
    harness.run();
    harness.run();
    for field in ["Name", "Tenant ID (Directory ID)", "ONES server address"] {
        let node = harness.get_by_role_and_label(Role::TextInput, field);
        let node = node.accesskit_node();
        let description = node.description().unwrap_or_default();
        assert!(
            description.starts_with("Error: "),
            "{field}: {description:?}"
        );
        assert_eq!(node.data().invalid(), Some(Invalid::True), "{field}");
        assert!(node.is_required(), "{field}");
        // described_by points at the message drawn under the field.
        // (FullNodeId keeps its local id private: compare by how ids print.)
        let wanted: Vec<String> = node
            .data()
            .described_by()
            .iter()
            .map(|id| format!("{id:?})"))
            .collect();
        let by: Vec<String> = all_nodes(&harness)
            .into_iter()
            .filter(|(label, _)| {
                let full = format!("{:?}", label.id());
                wanted.iter().any(|id| full.ends_with(id.as_str()))
            })
            .map(|(label, _)| text_of(&label))
            .collect();
        assert!(
            by.iter().any(|text| description.starts_with(text.as_str())),
            "{field}: {by:?} vs {description:?}"
        );
    }
    // The button that says why Next is disabled is named by its whole visible text and
    // describes every problem of the screen, not only the first.
    let why = harness.get_by_label_contains("To continue, fix");
    let why = why.accesskit_node();
    assert_eq!(why.role(), Role::Button);
    let all = why.description().unwrap_or_default();
    for field in ["Name", "Tenant ID (Directory ID)", "ONES server address"] {
        assert!(all.contains(field), "{field} in {all:?}");
    }
    assert!(why.label().unwrap_or_default().contains(" more"));

    // The operator radio buttons are one group named by their label.
    let group = harness.get_by_role_and_label(Role::RadioGroup, "Microsoft 365 service operator");
    let radios: Vec<String> = semantic_children(&group.accesskit_node())
        .into_iter()
        .filter(|node| node.role() == Role::RadioButton)
        .map(|node| node.label().unwrap_or_default())
        .collect();
    assert_eq!(radios, ["Microsoft", "21Vianet"]);
    assert!(
        group
            .accesskit_node()
            .description()
            .is_some_and(|text| text.contains("global cloud"))
    );
    // Names match what is on screen (label in name).
    for name in ["Save and next", "New", "Save as…", "Open file…", "Back"] {
        harness.get_by_role_and_label(Role::Button, name);
    }
}

#[test]
fn portal_links_are_links_with_a_short_description_and_confirmations_are_announced() {
    let recorder = Recorder::default();
    let mut app = app_with(&recorder, DraftStore::disabled());
    *app.document_mut() = valid_document();
    let mut harness = start(app);
    let link = harness.get_by_label("Open New registration in Azure portal");
    let link = link.accesskit_node();
    assert_eq!(link.role(), Role::Link);
    assert_eq!(
        link.description().as_deref(),
        Some("Opens portal.azure.com in your browser")
    );
    assert!(
        link.url()
            .is_some_and(|url| url.starts_with("https://portal.azure.com"))
    );
    for (node, _) in all_nodes(&harness) {
        assert!(
            !node.description().unwrap_or_default().contains("https://"),
            "a raw address is never read out as a description: {:?}",
            node.description()
        );
    }
    click(&mut harness, "Copy permission Calendars.ReadWrite.Shared");
    let toast = harness.get(
        by().role(Role::Label)
            .label("Copied permission Calendars.ReadWrite.Shared"),
    );
    assert_eq!(toast.accesskit_node().live(), Live::Polite);
}

#[test]
fn finished_checks_are_announced_politely() {
    let recorder = Recorder::default();
    let mut harness = start(demo_app(&recorder));
    click(&mut harness, "4 Review");
    click_and_start(&mut harness, "Run checks");
    step_until(&mut harness, "the checks", |app| {
        !app.live_checks().is_running() && app.live_checks().has_finished_run()
    });
    let text = harness.state().toast_text().unwrap_or_default().to_owned();
    assert!(text.starts_with("Checks finished:"), "{text}");
    let toast = harness.get(by().role(Role::Label).label(&text));
    assert_eq!(toast.accesskit_node().live(), Live::Polite);
}

#[test]
fn a_message_going_away_moves_nothing_during_a_click_and_leaves_no_blank_after_it() {
    let recorder = Recorder::default();
    let mut harness = start(app_with(&recorder, DraftStore::disabled()));
    fill_server_settings(&mut harness);
    let tenant = "Tenant ID (Directory ID)";
    harness.get_by_label(tenant).click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label(tenant).type_text("abc");
    harness.run();
    harness.key_press(egui::Key::Tab);
    harness.run();
    harness.run();
    message(&harness, "Enter a GUID");
    let secret_field = || egui::accesskit::Role::PasswordInput;
    let secret_top = |harness: &Harness<'_, AssistantApp>| {
        harness
            .get_by_role_and_label(secret_field(), "Client secret")
            .rect()
            .min
            .y
    };
    let before = secret_top(&harness);

    // A click is under way on the field below the message (kittest clicks through AccessKit,
    // so the pointer is moved and pressed explicitly) when the message goes: its room is held
    // until the button is released, so the release lands where the press did.
    let on_secret = harness
        .get_by_role_and_label(secret_field(), "Client secret")
        .rect()
        .center();
    harness.event(egui::Event::PointerMoved(on_secret));
    harness.run();
    harness.event(egui::Event::PointerButton {
        pos: on_secret,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    harness.state_mut().document_mut().server_app.tenant_id = TENANT.to_owned();
    harness.run();
    assert!(harness.query_by_label_contains("Enter a GUID").is_none());
    assert_eq!(
        secret_top(&harness),
        before,
        "nothing moved during the click"
    );

    // Released: the room is given back at once, though the pointer is still over the form.
    harness.event(egui::Event::PointerButton {
        pos: on_secret,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    harness.run();
    harness.run();
    assert!(
        secret_top(&harness) < before,
        "no blank space is left where the message was"
    );
}

/// The window's real opener ([`SystemOpener`]) starts the system's URL opener without the secret
/// variables of the assistant's environment. The test runs itself again as a child process whose
/// environment holds the secrets and whose `PATH` starts with a fake `xdg-open` that writes the
/// environment it was given to a file.
#[cfg(all(unix, not(target_os = "macos")))]
#[test]
fn the_windows_browser_opener_does_not_pass_on_secret_variables() {
    use ones_m365_assistant::gui::platform::{SystemOpener, UrlOpener as _};
    use std::os::unix::fs::PermissionsExt as _;

    const CHILD: &str = "ONES_M365_TEST_OPENER_CHILD";
    const URL: &str = "https://portal.azure.com/#home";
    if std::env::var_os(CHILD).is_some() {
        SystemOpener.open(URL).expect("the fake opener starts");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let opener = dir.path().join("xdg-open");
    std::fs::write(
        &opener,
        "#!/bin/sh\n{ echo \"ARGUMENT=$1\"; env; } > \"$OPENER_DUMP.part\"\n\
         mv \"$OPENER_DUMP.part\" \"$OPENER_DUMP\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).unwrap();
    let dump = dir.path().join("opener-env.txt");
    let path = format!(
        "{}:{}",
        dir.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let secrets = [
        (
            "ONES_M365_SERVER_SECRET",
            "srv8Q~ServerSecretInTheEnvironment.012345",
        ),
        (
            "ONES_M365_SSO_SECRET",
            "sso8Q~SsoSecretInTheEnvironment.012345678",
        ),
        ("ONES_API_KEY", "ones-api-key-in-the-environment"),
    ];
    let mut child = std::process::Command::new(std::env::current_exe().unwrap());
    child
        .args([
            "--exact",
            "the_windows_browser_opener_does_not_pass_on_secret_variables",
            "--test-threads=1",
        ])
        .env(CHILD, "1")
        .env("PATH", &path)
        .env("OPENER_DUMP", &dump);
    for (name, value) in secrets {
        child.env(name, value);
    }
    let output = child.output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let mut env = None;
    for _ in 0..600 {
        if let Ok(text) = std::fs::read_to_string(&dump) {
            env = Some(text);
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let env = env.expect("the fake xdg-open was started");
    assert!(env.contains(&format!("ARGUMENT={URL}")), "{env}");
    assert!(
        env.contains("OPENER_DUMP="),
        "the rest of the environment is kept"
    );
    for (name, value) in secrets {
        assert!(
            !env.contains(&format!("{name}=")),
            "{name} reached the browser"
        );
        assert!(!env.contains(value), "{name}'s value reached the browser");
    }
}

/// Types `text` into the focused field `label` one character per frame, as a person does.
fn type_key_by_key(harness: &mut Harness<'_, AssistantApp>, label: &str, text: &str) {
    harness.get_by_label(label).click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    for ch in text.chars() {
        harness.get_by_label(label).type_text(&ch.to_string());
        harness.run();
    }
}

/// Every text the screen shows (names and values of the accessibility tree).
fn screen_text(harness: &Harness<'_, AssistantApp>) -> String {
    all_nodes(harness)
        .into_iter()
        .map(|(node, _)| text_of(&node))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn typing_a_token_key_by_key_does_not_redact_its_prefixes_until_it_is_sent() {
    use ones_m365_assistant::redact::redact;
    let recorder = Recorder::default();
    let mut harness = start(demo_app(&recorder));
    click(&mut harness, "4 Review");
    // The demo's own token, typed by hand: its prefixes are everywhere in the demo world.
    type_key_by_key(&mut harness, "ONES API token", "ones-demo-token");
    let mailbox = "room-101@ones-demo.onmicrosoft.com";
    assert_eq!(redact(mailbox), mailbox);
    assert_eq!(redact("ones-demo-token"), "ones-demo-token");
    let screen = screen_text(&harness);
    assert!(
        screen.contains("ones-demo-token"),
        "the demo banner names the token"
    );
    assert!(!screen.contains("<redacted>"), "{screen}");

    // A token of the user's own: nothing of it is registered while typing …
    let token = "typed-api-token-4711-abcdef";
    type_key_by_key(&mut harness, "ONES API token", token);
    for prefix in ["typed-api", "typed-api-token", "typed-api-token-4711-abcde"] {
        let text = format!("see {prefix}, please");
        assert_eq!(redact(&text), text);
    }
    // … and all of it from the moment it is sent.
    click_and_start(&mut harness, "Test connection");
    step_until(&mut harness, "the refusal", |app| {
        !app.ones_export().is_busy()
    });
    assert_eq!(redact(&format!("echo {token}")), "echo <redacted>");
    assert!(!screen_text(&harness).contains(token));
}

#[test]
fn a_receipt_is_marked_stale_after_edits_and_new_forgets_the_previous_results() {
    let recorder = Recorder::default();
    let mut harness = start(demo_app(&recorder));
    click_and_start(&mut harness, "Test with Microsoft");
    step_until(&mut harness, "the checks to finish", |app| {
        !app.live_checks().is_running() && !app.live_checks().results().is_empty()
    });
    click_and_start(&mut harness, "Test connection");
    step_until(&mut harness, "the connection", |app| {
        !app.ones_export().is_busy()
    });
    click_and_start(&mut harness, "Export to ONES");
    step_until(&mut harness, "the plan", |app| !app.ones_export().is_busy());
    click_and_start(&mut harness, "Confirm export");
    step_until(&mut harness, "the export", |app| {
        !app.ones_export().is_busy()
    });
    harness.get_by_label_contains("Exported — created.");
    assert!(
        harness
            .query_by_label_contains("changed since this export")
            .is_none()
    );

    // An edit after the export: the receipt says it no longer describes the screen.
    harness.state_mut().document_mut().users.login_button_name = "Edited after the export".into();
    harness.run();
    message(&harness, "changed since this export");
    harness.get_by_label_contains("Exported — created.");

    // New: nothing of the previous document's results stays beside the empty one.
    click(&mut harness, "New");
    click(&mut harness, "Replace");
    assert!(harness.state().document().name.is_empty());
    assert!(harness.state().live_checks().results().is_empty());
    assert!(!harness.state().live_checks().has_finished_run());
    assert!(harness.state().ones_export().receipt.ready().is_none());
    assert!(harness.state().ones_export().connection.ready().is_none());
    click(&mut harness, "4 Review");
    for gone in [
        "Exported — created.",
        "Connected to ONES",
        "changed since these results",
        "Tenant exists in the selected cloud",
    ] {
        assert!(
            harness.query_by_label_contains(gone).is_none(),
            "{gone:?} is still shown after New"
        );
    }
}

/// Asks the window to close (the title bar's ✖) and runs one frame; the viewport commands the
/// app answered with.
fn request_close(harness: &mut Harness<'_, AssistantApp>) -> Vec<egui::ViewportCommand> {
    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    harness.step();
    let commands = viewport_commands(harness);
    harness.run();
    commands
}

fn viewport_commands(harness: &Harness<'_, AssistantApp>) -> Vec<egui::ViewportCommand> {
    harness
        .output()
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .map(|output| output.commands.clone())
        .unwrap_or_default()
}

#[test]
fn closing_with_a_secret_that_exists_nowhere_else_asks_first() {
    use egui::ViewportCommand::{CancelClose, Close};
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("head-office.json");
    let recorder = Recorder {
        save_path: Some(saved.clone()),
        ..Recorder::default()
    };
    let mut harness = start(app_with(&recorder, DraftStore::in_dir(dir.path())));
    // Nothing typed: the window closes without a question.
    assert!(!request_close(&mut harness).contains(&CancelClose));

    fill_server_settings(&mut harness);
    // Under the field: where the secret is kept — nowhere but here — also in its description.
    message(&harness, "Only in this window");
    let description = harness
        .get_by_label("Client secret")
        .accesskit_node()
        .description()
        .unwrap_or_default()
        .to_owned();
    assert!(description.contains("Only in this window"), "{description}");

    assert!(request_close(&mut harness).contains(&CancelClose));
    harness.get_by_label("Close without keeping the client secret?");
    let body = text_of(&message(&harness, "Only this window holds").accesskit_node());
    assert!(body.contains("the server app's client secret"), "{body}");
    assert!(
        !body.contains("SSO"),
        "only the typed secret is named: {body}"
    );
    click(&mut harness, "Cancel");
    assert!(!harness.state().is_asking_before_close());
    assert!(
        harness
            .query_by_label("Close without keeping the client secret?")
            .is_none()
    );

    // The Review line names the typed secret only.
    click(&mut harness, "4 Review");
    message(
        &harness,
        "Not kept in the autosaved draft: the server app's client secret.",
    );

    // "Save with secrets…": the file holds it, and the window closes.
    assert!(request_close(&mut harness).contains(&CancelClose));
    harness.get_by_label("Save with secrets…").click();
    // The click saves (off the UI thread); once the save landed, nothing is at risk any more
    // and the window closes by itself.
    let mut commands = Vec::new();
    for _ in 0..500 {
        harness.step();
        commands.extend(viewport_commands(&harness));
        if commands.contains(&Close) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(commands.contains(&Close), "{commands:?}");
    harness.run();
    let file = std::fs::read_to_string(&saved).unwrap();
    assert!(file.contains(SERVER_SECRET), "saved with the secret");
    assert!(harness.state().secrets_only_here().is_empty());
    assert!(!request_close(&mut harness).contains(&CancelClose));
    click(&mut harness, "1 Server settings");
    message(&harness, "Also kept in the file");
}

#[test]
fn closing_without_the_secret_is_a_deliberate_choice() {
    use egui::ViewportCommand::{CancelClose, Close};
    let recorder = Recorder::default();
    let mut harness = start(app_with(&recorder, DraftStore::disabled()));
    fill_server_settings(&mut harness);
    assert!(request_close(&mut harness).contains(&CancelClose));
    harness.get_by_label("Close without them").click();
    harness.step();
    assert!(viewport_commands(&harness).contains(&Close));
    harness.run();
    // The close that follows goes through.
    assert!(!request_close(&mut harness).contains(&CancelClose));
}

#[test]
fn a_restored_draft_says_not_kept_only_for_the_secrets_that_were_typed() {
    let dir = tempfile::tempdir().unwrap();
    let recorder = Recorder::default();
    let mut harness = start(app_with(&recorder, DraftStore::in_dir(dir.path())));
    fill_server_settings(&mut harness);
    // The SSO app's ID without its secret.
    harness.state_mut().document_mut().sso_app.client_id = SSO_APP.to_owned();
    harness.run();
    harness.state_mut().save_draft_now();
    drop(harness);

    let harness = start(app_with(&recorder, DraftStore::in_dir(dir.path())));
    let not_kept: Vec<Field> = harness
        .state()
        .report()
        .findings
        .iter()
        .filter(|finding| finding.text.key() == "gui.secret.not_in_draft")
        .map(|finding| finding.field)
        .collect();
    assert_eq!(not_kept, vec![Field::ServerClientSecret]);
}

#[test]
fn a_failed_live_check_marks_its_field_step_and_review_and_export_asks_for_a_deliberate_yes() {
    let recorder = Recorder::default();
    let mut harness = start(demo_app(&recorder));
    harness.state_mut().document_mut().server_app.client_secret =
        ones_m365_assistant::model::Secret::new("Wr0Q~wrongSecretValueButRightShape.01234");
    harness.run();
    click_and_start(&mut harness, "Test with Microsoft");
    step_until(&mut harness, "the checks to finish", |app| {
        !app.live_checks().is_running() && !app.live_checks().results().is_empty()
    });

    // Microsoft's page about the code opens a browser: a link described by its host.
    let lookup = harness.get_by_label("Look up AADSTS7000215 at Microsoft");
    let lookup = lookup.accesskit_node();
    assert_eq!(lookup.role(), egui::accesskit::Role::Link);
    let description = lookup.description().unwrap_or_default();
    assert!(
        description.starts_with("Opens ")
            && description.ends_with(" in your browser")
            && !description.contains("://"),
        "{description}"
    );
    // Review: not "Ready", and the failure is listed with a jump to the field.
    assert!(
        harness
            .query_by_label_contains("Ready: no errors")
            .is_none()
    );
    message(&harness, "1 problem to fix");
    // The step's mark.
    let step = harness.get_by_label("1 Server settings");
    assert!(
        step.accesskit_node()
            .description()
            .is_some_and(|state| state.contains("Has fields to fix")),
        "{:?}",
        step.accesskit_node().description()
    );
    // The field: the message under it, which is also its description; Next is not blocked.
    click(&mut harness, "1 Server settings");
    message(
        &harness,
        "Microsoft's live check “Server app: client ID and secret” failed",
    );
    let description = harness
        .get_by_label("Client secret")
        .accesskit_node()
        .description()
        .unwrap_or_default()
        .to_owned();
    assert!(description.contains("live check"), "{description}");
    assert!(next_is_enabled(&harness));

    // Export: the plan lists the failed check and needs the tick.
    click(&mut harness, "4 Review");
    click_and_start(&mut harness, "Export to ONES");
    step_until(&mut harness, "the plan", |app| !app.ones_export().is_busy());
    message(&harness, "did not all pass");
    message(&harness, "Failed — Server app: client ID and secret");
    assert!(
        harness
            .get_by_label("Confirm export")
            .accesskit_node()
            .is_disabled()
    );
    click(&mut harness, EXPORT_DESPITE_CHECKS);
    assert!(
        !harness
            .get_by_label("Confirm export")
            .accesskit_node()
            .is_disabled()
    );
    click(&mut harness, "Cancel export");

    // Until the field changes: a new value clears the mark on the field and on Review.
    click(&mut harness, "1 Server settings");
    harness.get_by_label("Client secret").click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_label("Client secret")
        .type_text("Ne9Q~anotherSecretValueRightShape.012345");
    harness.run();
    harness.key_press(egui::Key::Tab);
    harness.run();
    assert!(
        harness
            .query_by_label_contains("Microsoft's live check")
            .is_none()
    );
    click(&mut harness, "4 Review");
    message(&harness, "Ready: no errors");
}

#[test]
fn dialogs_are_named_by_their_headings_and_headings_have_levels() {
    use egui::accesskit::Role;
    let recorder = Recorder {
        fail_with: Some("no browser here".to_owned()),
        ..Recorder::default()
    };
    let mut harness = start(app_with(&recorder, DraftStore::disabled()));
    let dialogs = |harness: &Harness<'_, AssistantApp>| -> Vec<String> {
        all_nodes(harness)
            .into_iter()
            .filter(|(node, _)| node.role() == Role::Dialog)
            .map(|(node, _)| node.label().unwrap_or_default())
            .collect()
    };
    for (node, _) in all_nodes(&harness) {
        if node.role() == Role::Heading {
            assert!(
                node.data().level().is_some(),
                "heading {:?} has no level",
                node.label()
            );
        }
    }
    click(&mut harness, "About");
    assert_eq!(
        dialogs(&harness),
        vec!["About ONES Microsoft 365 Assistant".to_owned()]
    );
    let heading = harness.get(
        egui_kittest::kittest::by()
            .role(Role::Heading)
            .label("About ONES Microsoft 365 Assistant"),
    );
    assert_eq!(heading.accesskit_node().data().level(), Some(1));
    click(&mut harness, "Close");
    click(&mut harness, "Open New registration in Azure portal");
    assert_eq!(
        dialogs(&harness),
        vec!["Open New registration by hand".to_owned()]
    );
}

#[test]
fn lines_under_review_fields_are_their_descriptions() {
    let recorder = Recorder::default();
    let mut app = app_with(&recorder, DraftStore::disabled());
    *app.document_mut() = valid_document();
    let mut harness = start(app);
    click(&mut harness, "4 Review");
    let description = |harness: &Harness<'_, AssistantApp>, label: &str| {
        harness
            .get_by_label(label)
            .accesskit_node()
            .description()
            .unwrap_or_default()
            .to_owned()
    };
    let token = description(&harness, "ONES API token");
    assert!(token.contains("Kept in memory only"), "{token}");
    assert!(token.contains("an API token to connect"), "{token}");
    let keep = description(
        &harness,
        "Keep client secrets in the autosaved draft on this computer",
    );
    assert!(
        keep.contains("Not kept in the autosaved draft: the server app's client secret and the SSO app's client secret"),
        "{keep}"
    );
    let include = description(&harness, "Include client secrets when saving to a file");
    assert!(include.contains("readable only by you"), "{include}");
}

#[test]
fn the_demos_own_secrets_never_hold_the_window_open() {
    use egui::ViewportCommand::CancelClose;
    let recorder = Recorder::default();
    let mut harness = start(demo_app(&recorder));
    assert!(harness.state().secrets_only_here().is_empty());
    message(&harness, "The demo's own secret");
    assert!(!request_close(&mut harness).contains(&CancelClose));
}

#[test]
fn enter_submits_the_path_field_and_new_puts_the_cursor_in_name() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("in.json");
    ones_m365_assistant::store::write_document_file(&source, &valid_document(), false).unwrap();
    let recorder = Recorder {
        no_file_dialogs: true,
        ..Recorder::default()
    };
    let mut harness = start(app_with(&recorder, DraftStore::disabled()));
    click(&mut harness, "Open file…");
    set_path(&mut harness, &source);
    harness.key_press(egui::Key::Enter);
    run_through_file_work(&mut harness);
    assert!(harness.state().path_prompt().is_none(), "Enter opened it");
    assert_eq!(harness.state().document().name, valid_document().name);

    // Somewhere else, then New: the cursor waits in Name.
    click(&mut harness, "4 Review");
    click(&mut harness, "New");
    harness.run();
    assert_eq!(harness.state().step(), Step::Server);
    assert!(harness.get_by_label("Name").is_focused());
}

#[test]
fn tab_to_a_field_below_the_fold_scrolls_it_into_view() {
    let recorder = Recorder::default();
    let mut harness = Harness::builder()
        .with_size([1024.0, 520.0])
        .with_context_setup(ones_m365_assistant::gui::fonts::install_fonts)
        .build_ui_state(
            |ui, app: &mut AssistantApp| app.frame_ui(ui),
            app_with(&recorder, DraftStore::disabled()),
        );
    harness.run();
    let mut focused = false;
    for _ in 0..12 {
        harness.key_press(egui::Key::Tab);
        harness.run();
        if harness.get_by_label("Client secret").is_focused() {
            focused = true;
            break;
        }
    }
    assert!(focused, "Tab reaches the client secret");
    let field = harness.get_by_label("Client secret").rect();
    let screen = harness.ctx.content_rect();
    assert!(
        field.min.y >= 0.0 && field.max.y <= screen.max.y - 40.0,
        "the focused field is on screen: {field:?} in {screen:?}"
    );
}

#[test]
fn the_connection_result_is_scrolled_into_view_at_1024_by_700() {
    let recorder = Recorder::default();
    let mut harness = Harness::builder()
        .with_size([1024.0, 700.0])
        .with_context_setup(ones_m365_assistant::gui::fonts::install_fonts)
        .build_ui_state(
            |ui, app: &mut AssistantApp| app.frame_ui(ui),
            demo_app(&recorder),
        );
    harness.run();
    // The checks' results fill the column above the export panel.
    click_and_start(&mut harness, "Test with Microsoft");
    step_until(&mut harness, "the checks to finish", |app| {
        !app.live_checks().is_running() && !app.live_checks().results().is_empty()
    });
    click_and_start(&mut harness, "Test connection");
    step_until(&mut harness, "the connection", |app| {
        !app.ones_export().is_busy()
    });
    harness.run();
    let connected = harness.get_by_label_contains("Connected to ONES").rect();
    let screen = harness.ctx.content_rect();
    assert!(
        connected.min.y >= 0.0 && connected.max.y <= screen.max.y - 40.0,
        "the result is on screen: {connected:?} in {screen:?}"
    );
}

#[test]
fn the_toast_never_covers_the_receipt() {
    let recorder = Recorder::default();
    let mut harness = Harness::builder()
        .with_size([1024.0, 700.0])
        .with_context_setup(ones_m365_assistant::gui::fonts::install_fonts)
        .build_ui_state(
            |ui, app: &mut AssistantApp| app.frame_ui(ui),
            demo_app(&recorder),
        );
    harness.run();
    click(&mut harness, "4 Review");
    click_and_start(&mut harness, "Export to ONES");
    step_until(&mut harness, "the plan", |app| !app.ones_export().is_busy());
    click(&mut harness, EXPORT_DESPITE_CHECKS);
    click_and_start(&mut harness, "Confirm export");
    step_until(&mut harness, "the export", |app| {
        !app.ones_export().is_busy()
    });
    let toast_text = harness
        .state()
        .toast_text()
        .expect("the export is announced");
    let toast = harness
        .get(
            egui_kittest::kittest::by()
                .role(egui::accesskit::Role::Label)
                .label(&toast_text),
        )
        .rect();
    let screen = harness.ctx.content_rect();
    // The receipt is still there to read, above the toast and the navigation bar.
    let copy = harness.get_by_label("Copy receipt").rect();
    assert!(
        copy.min.y >= 0.0 && copy.max.y <= toast.min.y,
        "the receipt's last row {copy:?} is visible above the toast {toast:?}"
    );
    let next = harness.get_by_label("Back").rect();
    assert!(
        next.height() < 40.0,
        "the navigation bar keeps its size: {next:?}"
    );
    for (node, _) in all_nodes(&harness) {
        let Some(label) = node.label() else { continue };
        if label == toast_text {
            continue;
        }
        let Some(bounds) = node.data().bounds() else {
            continue;
        };
        let rect = egui::Rect::from_min_max(
            egui::pos2(bounds.x0 as f32, bounds.y0 as f32),
            egui::pos2(bounds.x1 as f32, bounds.y1 as f32),
        );
        if rect.max.y <= screen.max.y
            && rect.intersects(toast)
            && node.role() != egui::accesskit::Role::Pane
        {
            panic!(
                "the toast {toast:?} covers {:?} {label:?} at {rect:?}",
                node.role()
            );
        }
    }
}

#[test]
fn editing_a_filled_field_leaves_no_blank_space_under_it() {
    // Issue 21 item 10: a message that came and went while typing left its height behind as
    // blank space for as long as the pointer stayed over the column.
    let recorder = Recorder::default();
    let mut harness = start(app_with(&recorder, DraftStore::disabled()));
    fill_server_settings(&mut harness);
    let below = |harness: &Harness<'_, AssistantApp>| {
        harness
            .get_by_label("Tenant ID (Directory ID)")
            .rect()
            .min
            .y
    };
    let filled = below(&harness);
    harness.get_by_label("Client ID (Application ID)").click();
    harness.run();
    assert_eq!(
        below(&harness),
        filled,
        "focusing a filled field moves nothing"
    );
    harness
        .get_by_label("Client ID (Application ID)")
        .type_text("x");
    harness.run();
    assert!(
        below(&harness) > filled,
        "the error under the field takes its room"
    );
    harness.key_press(egui::Key::Backspace);
    harness.run();
    assert_eq!(
        below(&harness),
        filled,
        "once the message is gone, so is its room (the pointer is still over the column)"
    );
}
