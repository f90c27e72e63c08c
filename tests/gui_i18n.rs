//! Languages and the keyboard: every screen in each language with the accessibility check on,
//! the language choice remembered, every `tr!` key of the GUI present in the catalogue, and the
//! whole wizard walked by keyboard alone. The language is process-wide, so these tests take turns.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::too_many_lines,
    reason = "test, bench and example code: a panic is the failure, and its output is the point"
)]
mod common;

use std::sync::Mutex;

use common::*;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use ones_m365_assistant::gui::platform::Recorder;
use ones_m365_assistant::gui::{AppOptions, AssistantApp};
use ones_m365_assistant::i18n::{Language, tr_in};
use ones_m365_assistant::model::Step;
use ones_m365_assistant::store::DraftStore;

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: std::sync::OnceLock<tokio::runtime::Runtime> = std::sync::OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("runtime")
    })
}

fn app(store: DraftStore, language: Option<Language>) -> AssistantApp {
    AssistantApp::new(AppOptions {
        store,
        platform: Recorder::default().platform(),
        today: Some(today()),
        exit_after_frames: None,
        runtime: runtime().handle().clone(),
        checker: Err("Live checks are off in this test.".to_owned()),
        demo: None,
        language,
    })
}

fn harness(app: AssistantApp) -> Harness<'static, AssistantApp> {
    let mut harness = Harness::builder()
        .with_size([1280.0, 1000.0])
        // No glyph may be missing, whatever fonts the machine has: the window's own Chinese is
        // drawn from the embedded glyphs.
        .with_context_setup(ones_m365_assistant::gui::fonts::install_fonts)
        .build_ui_state(|ui, app: &mut AssistantApp| app.frame_ui(ui), app);
    harness.run();
    harness
}

#[test]
fn every_screen_renders_in_each_language_with_accessible_names() {
    let _turn = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    for language in Language::ALL {
        let mut app = app(DraftStore::disabled(), Some(language));
        *app.document_mut() = valid_document();
        let mut harness = harness(app);
        let next = tr_in(language, "gui.nav.next_name", &[]);
        for step in [Step::Server, Step::Room, Step::Users] {
            assert_eq!(harness.state().step(), step, "{language:?}");
            let next = if step == Step::Users {
                tr_in(language, "gui.nav.review_name", &[])
            } else {
                next.clone()
            };
            // The heading of the screen is in the language.
            harness.get_by_label_contains(&tr_in(language, "gui.screen.azure_title", &[]));
            harness.get_by_label(&next).click();
            harness.run();
        }
        assert_eq!(harness.state().step(), Step::Review, "{language:?}");
        harness.get_by_label(&tr_in(language, "gui.review.title", &[]));
        if language != Language::English {
            assert_ne!(next, "Save and next", "{language:?} is translated");
            assert!(harness.query_by_label("Save and next").is_none());
        }
    }
}

#[test]
fn the_language_choice_is_remembered() {
    let _turn = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let dir = tempfile::tempdir().unwrap();
    {
        let mut harness = harness(app(DraftStore::in_dir(dir.path()), Some(Language::English)));
        harness.get_by_label("Language").click();
        harness.run();
        harness.get_by_label("繁體中文").click();
        harness.run();
        assert_eq!(harness.state().language(), Language::TraditionalChinese);
        harness.get_by_label(&tr_in(
            Language::TraditionalChinese,
            "gui.nav.next_name",
            &[],
        ));
    }
    let harness = harness(app(DraftStore::in_dir(dir.path()), None));
    assert_eq!(
        harness.state().language(),
        Language::TraditionalChinese,
        "restored from the preferences"
    );
    drop(harness);
    let _ = harness_reset();
}

/// Leaves the process in English for whichever test runs next.
fn harness_reset() -> Language {
    ones_m365_assistant::i18n::set_language(Language::English);
    Language::English
}

#[test]
fn every_gui_key_is_in_the_catalogues() {
    let catalogue: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("assets/locales/en.json").unwrap()).unwrap();
    let mut missing = Vec::new();
    let mut stack = vec![std::path::PathBuf::from("src/gui")];
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            stack.extend(
                std::fs::read_dir(&path)
                    .unwrap()
                    .map(|entry| entry.unwrap().path()),
            );
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        // `tr!` renders now, `text!` keeps the message to render when drawn.
        // A macro's name starts there (`include_str!("…")` is not `tr!`).
        let starts_a_name = |index: usize| {
            !text[..index]
                .chars()
                .next_back()
                .is_some_and(|ch| ch.is_alphanumeric() || ch == '_')
        };
        let uses = text
            .match_indices("tr!(\"")
            .filter(|(index, _)| starts_a_name(*index))
            .map(|(index, _)| index + 5)
            .chain(
                text.match_indices("text!(\"")
                    .filter(|(index, _)| starts_a_name(*index))
                    .map(|(index, _)| index + 7),
            );
        for index in uses {
            let rest = &text[index..];
            let key = &rest[..rest.find('"').unwrap()];
            if catalogue.get(key).is_none() {
                missing.push(format!("{}: {key}", path.display()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "keys missing from assets/locales/en.json: {missing:#?}"
    );
}

fn type_text(harness: &mut Harness<'_, AssistantApp>, text: &str) {
    harness.event(egui::Event::Text(text.to_owned()));
    harness.run();
}

fn press(harness: &mut Harness<'_, AssistantApp>, key: egui::Key) {
    harness.key_press(key);
    harness.run();
}

#[test]
fn the_whole_wizard_works_by_keyboard_alone() {
    let _turn = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let mut harness = harness(app(DraftStore::disabled(), Some(Language::English)));
    assert!(
        harness.get_by_label("Name").is_focused(),
        "each screen starts in its first field"
    );
    type_text(&mut harness, "Head office");
    press(&mut harness, egui::Key::Tab);
    assert!(
        harness.get_by_label("Microsoft").is_focused(),
        "then the operator"
    );
    press(&mut harness, egui::Key::Tab);
    press(&mut harness, egui::Key::Tab);
    assert!(harness.get_by_label("ONES server address").is_focused());
    type_text(&mut harness, "https://ones.example.com");
    press(&mut harness, egui::Key::Tab);
    assert!(
        harness
            .get_by_label("Client ID (Application ID)")
            .is_focused()
    );
    type_text(&mut harness, SERVER_APP);
    press(&mut harness, egui::Key::Tab);
    assert!(
        harness
            .get_by_label("Tenant ID (Directory ID)")
            .is_focused()
    );
    type_text(&mut harness, TENANT);
    press(&mut harness, egui::Key::Tab);
    assert!(harness.get_by_label("Client secret").is_focused());
    type_text(&mut harness, SERVER_SECRET);
    press(&mut harness, egui::Key::Tab);
    press(&mut harness, egui::Key::Tab);
    assert!(
        harness
            .get_by_label("Client secret expires on")
            .is_focused()
    );
    type_text(&mut harness, "2027-11-01");
    press(&mut harness, egui::Key::Enter);
    assert_eq!(
        harness.state().step(),
        Step::Room,
        "Enter = Next when the screen is valid"
    );

    assert!(
        harness
            .get_by_role_and_label(egui::accesskit::Role::TextInput, "Redirect URI")
            .is_focused()
    );
    press(&mut harness, egui::Key::Enter);
    assert_eq!(harness.state().step(), Step::Users);

    assert!(
        harness
            .get_by_label("Client ID (Application ID)")
            .is_focused()
    );
    type_text(&mut harness, SSO_APP);
    press(&mut harness, egui::Key::Tab);
    type_text(&mut harness, SSO_SECRET);
    press(&mut harness, egui::Key::Tab);
    press(&mut harness, egui::Key::Tab);
    type_text(&mut harness, "2027-05-01");
    press(&mut harness, egui::Key::Enter);
    assert_eq!(harness.state().step(), Step::Review);
    assert!(harness.state().report().is_valid());
    harness.get_by_label_contains("Ready: no errors");

    // Escape closes dialogs.
    harness.get_by_label("About").click();
    harness.run();
    harness.get_by_label_contains("Sets up, tests and hands over");
    press(&mut harness, egui::Key::Escape);
    assert!(
        harness
            .query_by_label_contains("Sets up, tests and hands over")
            .is_none()
    );
}

#[test]
fn enter_does_not_skip_an_invalid_screen() {
    let _turn = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let mut harness = harness(app(DraftStore::disabled(), Some(Language::English)));
    type_text(&mut harness, "Head office");
    press(&mut harness, egui::Key::Enter);
    assert_eq!(harness.state().step(), Step::Server);
}

/// Literal pieces of a catalogue text (between its `%{…}` arguments) long enough to recognise.
fn fragments(text: &str) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("%{") {
        pieces.push(rest[..start].to_owned());
        rest = rest[start..]
            .find('}')
            .map_or("", |end| &rest[start + end + 1..]);
    }
    pieces.push(rest.to_owned());
    pieces
        .into_iter()
        .map(|piece| piece.trim().to_owned())
        .filter(|piece| piece.split_whitespace().count() >= 2 && piece.len() >= 10)
        .collect()
}

#[test]
fn switching_to_chinese_changes_every_screen_at_once_with_no_english_left() {
    use egui::accesskit::Role;
    use egui_kittest::kittest::NodeT as _;
    let _turn = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let english: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string("assets/locales/en.json").unwrap()).unwrap();
    let chinese: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string("assets/locales/zh-CN.json").unwrap())
            .unwrap();
    // Every English sentence piece that the Chinese catalogue does not keep as it is.
    let mut english_pieces: Vec<(String, String)> = Vec::new();
    for (key, value) in &english {
        let (Some(en), Some(zh)) = (value.as_str(), chinese.get(key).and_then(|v| v.as_str()))
        else {
            continue;
        };
        for piece in fragments(en) {
            if !zh.contains(&piece) {
                english_pieces.push((key.clone(), piece));
            }
        }
    }

    let mut app = app(DraftStore::disabled(), Some(Language::English));
    let mut doc = valid_document();
    doc.room.mailboxes = vec!["not-an-address".to_owned()];
    *app.document_mut() = doc;
    let mut harness = harness(app);
    // A message under a field, in English first.
    harness.get_by_label("Tenant ID (Directory ID)").click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    type_text(&mut harness, "abc");
    press(&mut harness, egui::Key::Tab);
    harness.run();
    harness.get_by_label_contains("Error: Enter a GUID");

    harness.get_by_label("Language").click();
    harness.run();
    harness.get_by_label("简体中文").click();
    harness.run();
    harness.run();
    assert_eq!(harness.state().language(), Language::SimplifiedChinese);

    for (number, key) in [
        (1, "model.step.server"),
        (2, "model.step.room"),
        (3, "model.step.users"),
        (4, "model.step.review"),
    ] {
        let title = tr_in(Language::SimplifiedChinese, key, &[]);
        let item = format!("{number} {title}");
        harness.get_by_label(&item).click();
        harness.run();
        harness.run();
        let mut left = Vec::new();
        for node in harness.root().children_recursive() {
            let node = node.accesskit_node();
            let texts = [
                if node.role() == Role::Label {
                    node.value()
                } else {
                    node.label()
                },
                node.description(),
            ];
            for text in texts.into_iter().flatten() {
                for (key, piece) in &english_pieces {
                    if text.contains(piece.as_str()) {
                        left.push(format!("{key}: {piece:?} in {text:?}"));
                    }
                }
            }
        }
        left.sort();
        left.dedup();
        assert!(left.is_empty(), "{item}: English left on screen: {left:#?}");
    }
    let _ = harness_reset();
}

/// Notices, banners and the "do it by hand" fallback hold catalogue texts, not sentences
/// rendered when they appeared: switching to Chinese re-renders the ones already shown.
#[test]
fn banners_notices_and_fallbacks_already_shown_follow_a_language_switch() {
    use ones_m365_assistant::checks::{Checker, Endpoints};
    use ones_m365_assistant::net::NetSettings;
    let _turn = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("draft.json"), "{ garbage").unwrap();
    let endpoints = Endpoints::from_lookup(|name| {
        (name == "ONES_M365_LOGIN_GLOBAL").then(|| "http://127.0.0.1:9".to_owned())
    })
    .unwrap();
    let recorder = Recorder {
        fail_with: Some("no browser in this test".to_owned()),
        ..Recorder::default()
    };
    let app = AssistantApp::new(AppOptions {
        store: DraftStore::in_dir(dir.path()),
        platform: recorder.platform(),
        today: Some(today()),
        exit_after_frames: None,
        runtime: runtime().handle().clone(),
        checker: Ok(Checker::new(&NetSettings::default(), endpoints.clone()).unwrap()),
        demo: None,
        language: Some(Language::English),
    });
    let mut harness = harness(app);
    let banner = endpoints.banner_text().unwrap();
    let notice = harness.state().notices()[0].text.clone();
    harness.get_by_label_contains(&banner.render(Language::English));
    harness.get_by_label_contains("could not be restored");

    harness.get_by_label("Language").click();
    harness.run();
    harness.get_by_label("简体中文").click();
    harness.run();
    harness.run();
    let chinese = Language::SimplifiedChinese;
    harness.get_by_label_contains(&banner.render(chinese));
    harness.get_by_label_contains(&notice.render(chinese));
    assert!(
        harness
            .query_by_label_contains("Checks are not talking to Microsoft")
            .is_none(),
        "the banner is still English"
    );
    assert!(
        harness
            .query_by_label_contains("could not be restored")
            .is_none(),
        "the notice is still English"
    );

    // A fallback shown in one language is read in the next.
    harness
        .get_by_label(&tr_in(chinese, "gui.toolbar.language", &[]))
        .click();
    harness.run();
    harness.get_by_label("English").click();
    harness.run();
    harness
        .get_by_label("Open New registration in Azure portal")
        .click();
    harness.run();
    harness.get_by_label_contains("Open New registration by hand");
    ones_m365_assistant::i18n::set_language(chinese);
    harness.run();
    let title = tr_in(
        chinese,
        "gui.notice.open_by_hand",
        &[("what", "New registration")],
    );
    harness.get_by_label_contains(&title);
    harness.get_by_label_contains(&tr_in(chinese, "gui.notice.no_browser", &[]));
    assert!(
        harness
            .query_by_label_contains("Open New registration by hand")
            .is_none()
    );
    let _ = harness_reset();
}
