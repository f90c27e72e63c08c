//! Documents and drafts on disk.

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
use ones_m365_assistant::model::Step;
use ones_m365_assistant::store::{
    DraftLoad, DraftStore, FileError, read_document_file, write_document_file,
};

#[test]
fn document_files_hold_secrets_only_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hq.json");
    write_document_file(&path, &valid_document(), false).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains(SERVER_SECRET) && !text.contains(SSO_SECRET));
    let loaded = read_document_file(&path).unwrap();
    assert_eq!(loaded.document, valid_document().without_secrets());

    write_document_file(&path, &valid_document(), true).unwrap();
    assert_eq!(
        read_document_file(&path).unwrap().document,
        valid_document()
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            mode, 0o600,
            "a file with secrets is readable only by its owner"
        );
    }
}

#[test]
fn unreadable_files_say_what_and_where() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.json");
    let error = read_document_file(&missing).unwrap_err();
    assert!(matches!(error, FileError::Read { .. }));
    assert!(error.to_string().contains("missing.json"));

    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{ not json").unwrap();
    assert!(matches!(
        read_document_file(&broken).unwrap_err(),
        FileError::Parse { .. }
    ));
}

#[test]
fn a_bom_from_notepad_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bom.json");
    std::fs::write(
        &path,
        format!("\u{feff}{}", valid_document().to_json_pretty()),
    )
    .unwrap();
    assert_eq!(
        read_document_file(&path).unwrap().document,
        valid_document()
    );
}

#[test]
fn drafts_round_trip_without_secrets_unless_opted_in() {
    let dir = tempfile::tempdir().unwrap();
    let store = DraftStore::in_dir(dir.path());
    store
        .save(&valid_document(), Step::Room, None, false)
        .unwrap();
    let text = std::fs::read_to_string(store.draft_path().unwrap()).unwrap();
    assert!(!text.contains(SERVER_SECRET) && !text.contains(SSO_SECRET));
    match store.load() {
        DraftLoad::Restored {
            draft,
            document,
            warnings,
        } => {
            assert_eq!(draft.step, Step::Room);
            assert_eq!(*document, valid_document().without_secrets());
            assert!(warnings.is_empty());
        }
        other => panic!("expected a restored draft, got {other:?}"),
    }

    store
        .save(&valid_document(), Step::Users, None, true)
        .unwrap();
    match store.load() {
        DraftLoad::Restored { document, .. } => assert_eq!(*document, valid_document()),
        other => panic!("expected a restored draft, got {other:?}"),
    }
}

#[test]
fn a_corrupt_draft_is_backed_up_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let store = DraftStore::in_dir(dir.path());
    std::fs::write(store.draft_path().unwrap(), "{\"document\": [truncated").unwrap();
    match store.load() {
        DraftLoad::Corrupt { reason, backup } => {
            // A text: the window shows it in the user's language.
            let chinese = reason.render(ones_m365_assistant::i18n::Language::SimplifiedChinese);
            assert!(chinese.starts_with("草稿已损坏"), "{chinese}");
            let reason = reason.english();
            assert!(reason.contains("damaged"), "{reason}");
            let backup = backup.expect("backup kept");
            assert_eq!(
                std::fs::read_to_string(backup).unwrap(),
                "{\"document\": [truncated"
            );
        }
        other => panic!("expected a corrupt draft, got {other:?}"),
    }
    assert!(
        matches!(store.load(), DraftLoad::Missing),
        "the corrupt file was moved away"
    );
}

#[test]
fn a_disabled_store_never_touches_disk() {
    let store = DraftStore::disabled();
    assert!(store.draft_path().is_none());
    store
        .save(&valid_document(), Step::Server, None, true)
        .unwrap();
    assert!(matches!(store.load(), DraftLoad::Missing));
}
