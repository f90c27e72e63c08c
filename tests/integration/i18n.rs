//! The catalogues (`assets/locales/*.json`) and the translated output: same keys everywhere, no
//! empty value, the same `%{name}` arguments in every language, every key the code uses exists;
//! samples of every area render in Chinese while English stays word for word, and the CLI's
//! `--json` output does not depend on the language.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::too_many_lines,
    reason = "test, bench and example code: a panic is the failure, and its output is the point"
)]
use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::*;
use ones_m365_assistant::checks::CheckId;
use ones_m365_assistant::checks::advice::explain_refusal;
use ones_m365_assistant::cloud::{AppRole, PortalPage};
use ones_m365_assistant::i18n::{Language, Text};
use ones_m365_assistant::model::expiry::expiry_status;
use ones_m365_assistant::model::{Field, Step};
use ones_m365_assistant::ones::OnesError;
use ones_m365_assistant::rooms::RoomOutcome;
use ones_m365_assistant::store::write_document_file;

const LANGUAGES: [&str; 3] = ["en", "zh-CN", "zh-TW"];
const ZH_CN: Language = Language::SimplifiedChinese;
const ZH_TW: Language = Language::TraditionalChinese;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn catalogue(language: &str) -> BTreeMap<String, String> {
    let path = root()
        .join("assets/locales")
        .join(format!("{language}.json"));
    let text = std::fs::read_to_string(&path).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text)
        .unwrap_or_else(|error| panic!("{} is not JSON: {error}", path.display()));
    value
        .as_object()
        .unwrap()
        .iter()
        .filter(|(key, _)| *key != "_version")
        .map(|(key, value)| {
            let value = value
                .as_str()
                .unwrap_or_else(|| panic!("{language}: {key} is not a string"));
            (key.clone(), value.to_owned())
        })
        .collect()
}

/// The `%{name}` arguments of a catalogue value.
fn placeholders(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(start) = rest.find("%{") {
        let after = &rest[start + 2..];
        match after.find('}') {
            Some(end) => {
                found.insert(after[..end].to_owned());
                rest = &after[end + 1..];
            }
            None => break,
        }
    }
    found
}

#[test]
fn every_catalogue_has_exactly_the_same_keys() {
    let english: BTreeSet<String> = catalogue("en").into_keys().collect();
    for language in &LANGUAGES[1..] {
        let other: BTreeSet<String> = catalogue(language).into_keys().collect();
        let missing: Vec<_> = english.difference(&other).collect();
        let extra: Vec<_> = other.difference(&english).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{language}: missing {missing:?}, extra {extra:?}"
        );
    }
}

#[test]
fn every_catalogue_is_sorted_with_its_version_first() {
    for language in LANGUAGES {
        let path = root()
            .join("assets/locales")
            .join(format!("{language}.json"));
        let text = std::fs::read_to_string(&path).unwrap();
        let keys: Vec<&str> = text
            .lines()
            .filter_map(|line| line.trim().strip_prefix('"'))
            .filter_map(|line| line.split_once("\":").map(|(key, _)| key))
            .collect();
        assert_eq!(keys.first(), Some(&"_version"), "{language}");
        let mut sorted = keys[1..].to_vec();
        sorted.sort_unstable();
        assert_eq!(keys[1..], sorted[..], "{language} is not sorted");
    }
}

#[test]
fn no_value_is_empty_and_every_argument_is_kept() {
    let english = catalogue("en");
    for language in LANGUAGES {
        let texts = catalogue(language);
        for (key, value) in &texts {
            assert!(!value.trim().is_empty(), "{language}: {key} is empty");
            let wanted = placeholders(&english[key]);
            assert_eq!(
                placeholders(value),
                wanted,
                "{language}: {key} has other %{{…}} arguments than English"
            );
        }
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

/// Every string literal of `source` (plain `"…"` literals; good enough for keys).
fn string_literals(source: &str) -> Vec<String> {
    let mut literals = Vec::new();
    let mut chars = source.char_indices().peekable();
    while let Some((index, ch)) = chars.next() {
        if ch != '"' {
            continue;
        }
        // Skip char literals like '"' and raw strings' inner quotes roughly: a key never follows
        // a quote character immediately.
        if index > 0 && source[..index].ends_with('\'') {
            continue;
        }
        let mut literal = String::new();
        let mut escaped = false;
        for (_, ch) in chars.by_ref() {
            if escaped {
                escaped = false;
                literal.push(ch);
            } else if ch == '\\' {
                escaped = true;
            } else if ch == '"' {
                break;
            } else {
                literal.push(ch);
            }
        }
        literals.push(literal);
    }
    literals
}

/// Whether a literal has the shape of a catalogue key of one of the project's prefixes.
fn looks_like_key(literal: &str) -> bool {
    const PREFIXES: [&str; 8] = [
        "checks.",
        "rooms.",
        "ones.",
        "model.",
        "cloud.",
        "cli.",
        "gui.",
        "validation.",
    ];
    const NOT_KEYS: [&str; 6] = [".com", ".cn", ".net", ".org", ".rs", ".json"];
    PREFIXES.iter().any(|prefix| literal.starts_with(prefix))
        && literal.split('.').count() >= 2
        && literal
            .chars()
            .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_' || ch == '.')
        && !NOT_KEYS.iter().any(|end| literal.ends_with(end))
}

#[test]
fn every_key_the_code_uses_exists() {
    let english = catalogue("en");
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let mut used = 0;
    let mut missing = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap();
        for literal in string_literals(&source) {
            if looks_like_key(&literal) {
                used += 1;
                if !english.contains_key(&literal) {
                    missing.push(format!("{}: {literal}", file.display()));
                }
            }
        }
    }
    assert!(used > 100, "the scan found only {used} keys");
    assert!(missing.is_empty(), "keys missing in en.json: {missing:#?}");
}

/// `text` renders in both Chinese languages differently from English, and its English is `english`.
fn assert_translated(text: &Text, english: &str) {
    assert_eq!(text.english(), english);
    for language in [ZH_CN, ZH_TW] {
        let rendered = text.render(language);
        assert_ne!(rendered, english, "{:?} is not translated", text.key());
        assert!(!rendered.contains("%{"), "{rendered}");
    }
}

#[test]
fn a_sample_of_every_area_renders_in_chinese_and_english_stays_the_same() {
    // checks
    assert_translated(
        &CheckId::Tenant.title_text(),
        "Tenant exists in the selected cloud",
    );
    let lint = CheckId::Lint(Field::ServerClientSecret);
    assert_translated(
        &lint.title_text(),
        "Pre-flight: Server settings › Client secret",
    );
    let refusal = explain_refusal(Some(65001), "invalid_grant", None);
    assert_translated(
        &refusal.fix,
        "Grant admin consent for Calendars.ReadWrite.Shared (API permissions → Grant admin consent).",
    );
    assert!(
        refusal
            .fix
            .render(ZH_CN)
            .contains("Calendars.ReadWrite.Shared")
    );
    // model
    assert_translated(&Field::TenantId.label_text(), "Tenant ID (Directory ID)");
    assert_translated(&Step::Room.title_text(), "Room settings");
    let status = expiry_status(today() + chrono::Days::new(45), today());
    assert_translated(&status.countdown_text(), "expires in 45 days");
    assert_translated(
        &status.advice_text(),
        "Plan the renewal: add a reminder and create a new secret before it expires.",
    );
    // cloud: the Chinese portals' own page names
    assert_eq!(
        PortalPage::CertificatesSecrets.title_text().render(ZH_CN),
        "证书和密码"
    );
    assert_eq!(
        PortalPage::CertificatesSecrets.title_text().render(ZH_TW),
        "憑證及秘密"
    );
    assert_eq!(PortalPage::Overview.title_text().render(ZH_TW), "概觀");
    assert_eq!(
        PortalPage::NewRegistration.title_text().render(ZH_CN),
        "新注册"
    );
    assert_translated(&AppRole::Sso.title_text(), AppRole::Sso.title());
    // ones
    let error = OnesError::IntegrationNotFound {
        key: "head-office".to_owned(),
    };
    assert_translated(&error.sentence_text(), &error.sentence());
    assert!(error.sentence_text().render(ZH_CN).contains("head-office"));
    // rooms
    let (summary, fix) = RoomOutcome::ReadOnly.sentence_texts(
        "room-1@contoso.com",
        Some("svc@contoso.com"),
        None,
        None,
    );
    assert_translated(
        &summary,
        "The calendar of room-1@contoso.com is delegated to svc@contoso.com read-only (canEdit is \
         false): ONES could show bookings but not make them.",
    );
    let fix = fix.unwrap();
    assert_translated(&fix, &fix.english());
    assert!(fix.render(ZH_TW).contains("room-1@contoso.com:\\Calendar"));
}

fn ones_m365(args: &[&str], dir: &Path, language: &str) -> (i32, String, String) {
    let output = common::cli::clean_command()
        .args(args)
        .current_dir(dir)
        .env("ONES_M365_LANG", language)
        .output()
        .expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn invalid_document_in(dir: &Path) {
    let mut doc = valid_document();
    doc.server_app.tenant_id = "common".into();
    // An old-style secret: a warning (the SSO app reusing the server app is an error now).
    doc.sso_app.client_secret =
        ones_m365_assistant::model::Secret::new("an-older-style-secret-value-0123456789");
    write_document_file(&dir.join("doc.json"), &doc, true).unwrap();
}

/// A check's JSON without the clock readings that differ between two runs.
fn without_clock(mut value: serde_json::Value) -> serde_json::Value {
    if let Some(checks) = value["checks"].as_array_mut() {
        for check in checks {
            let map = check.as_object_mut().unwrap();
            map.remove("checked_at");
            map.remove("elapsed_ms");
        }
    }
    value
}

#[test]
fn json_output_is_the_same_english_in_every_language() {
    let dir = tempfile::tempdir().unwrap();
    invalid_document_in(dir.path());
    for args in [
        &["validate", "--config", "doc.json", "--json"][..],
        &["links", "--config", "doc.json", "--json"][..],
    ] {
        let (code, english, _) = ones_m365(args, dir.path(), "en");
        for language in ["zh-CN", "zh-TW"] {
            let (other_code, other, _) = ones_m365(args, dir.path(), language);
            assert_eq!(other_code, code);
            assert_eq!(other, english, "{args:?} in {language}");
        }
    }
    let args = ["check", "--config", "doc.json", "--only", "lint", "--json"];
    let (code, english, _) = ones_m365(&args, dir.path(), "en");
    assert_eq!(code, 1, "{english}");
    let english: serde_json::Value = serde_json::from_str(&english).unwrap();
    assert!(english.to_string().contains("Pre-flight"));
    for language in ["zh-CN", "zh-TW"] {
        let (_, other, _) = ones_m365(&args, dir.path(), language);
        let other: serde_json::Value = serde_json::from_str(&other).unwrap();
        assert_eq!(
            without_clock(other),
            without_clock(english.clone()),
            "{language}"
        );
    }
}

#[test]
fn human_output_speaks_the_chosen_language() {
    let dir = tempfile::tempdir().unwrap();
    invalid_document_in(dir.path());
    let (code, english, _) = ones_m365(&["validate", "--config", "doc.json"], dir.path(), "en");
    assert_eq!(code, 1);
    assert!(
        english.contains("not valid: 1 error and 1 warning"),
        "{english}"
    );

    let (code, chinese, _) = ones_m365(&["validate", "--config", "doc.json"], dir.path(), "zh-CN");
    assert_eq!(code, 1);
    assert!(chinese.contains("无效：1 个错误"), "{chinese}");
    assert!(chinese.contains("服务器设置 › 租户 ID"), "{chinese}");
    assert!(
        chinese.contains("server_app.tenant_id"),
        "paths stay: {chinese}"
    );

    let (_, traditional, _) = ones_m365(&["links", "--config", "doc.json"], dir.path(), "zh-TW");
    assert!(traditional.contains("憑證及秘密"), "{traditional}");
    assert!(traditional.contains("單一登入應用程式"), "{traditional}");

    let (_, checked, _) = ones_m365(
        &["check", "--config", "doc.json", "--only", "lint"],
        dir.path(),
        "zh-TW",
    );
    assert!(checked.contains("預檢：伺服器設定"), "{checked}");
    assert!(checked.contains("解決方法："), "{checked}");
}
