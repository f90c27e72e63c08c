//! Property tests: loading, validation and every parser of what a server answers never panic and
//! stay bounded, whatever bytes or structures they get.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::too_many_lines,
    reason = "test, bench and example code: a panic is the failure, and its output is the point"
)]
use crate::common;

use ones_m365_assistant::checks::probe::config_blob;
use ones_m365_assistant::checks::wire::MicrosoftError;
use ones_m365_assistant::model::{load_document, parse_mailbox_list, validate};
use ones_m365_assistant::redact::{for_terminal, redact, register};
use proptest::prelude::*;
use serde_json::Value;

/// Arbitrary JSON values, a few levels deep.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |value| value.is_finite())
            .prop_map(Value::from),
        ".{0,40}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("schema".to_owned()),
                    Just("name".to_owned()),
                    Just("operator".to_owned()),
                    Just("ones_url".to_owned()),
                    Just("server_app".to_owned()),
                    Just("sso_app".to_owned()),
                    Just("room".to_owned()),
                    Just("users".to_owned()),
                    Just("client_secret".to_owned()),
                    Just("client_secret_expires_on".to_owned()),
                    Just("tenant_id".to_owned()),
                    Just("mailboxes".to_owned()),
                    Just("default_user_groups".to_owned()),
                    ".{0,12}",
                ],
                inner,
                0..8
            )
            .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn loading_arbitrary_text_never_panics(text in ".{0,400}") {
        let _ = load_document(&text);
    }

    #[test]
    fn loading_and_validating_arbitrary_structures_never_panics(value in json_value()) {
        if let Ok(loaded) = load_document(&value.to_string()) {
            let report = validate(&loaded.document, common::today());
            // Every finding names a field and says something.
            for finding in &report.findings {
                prop_assert!(!finding.message().is_empty());
            }
        }
    }

    #[test]
    fn microsoft_error_bodies_parse_or_fail_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let _ = serde_json::from_slice::<MicrosoftError>(&bytes);
    }

    #[test]
    fn the_login_page_reader_never_panics(prefix in ".{0,60}", body in ".{0,200}") {
        let _ = config_blob(&format!("{prefix}$Config={body}"));
        let _ = config_blob(&format!("{prefix}$Config={{{body}"));
    }

    #[test]
    fn pasted_mailbox_lists_never_panic(text in ".{0,300}") {
        let list = parse_mailbox_list(&text, &[]);
        prop_assert!(list.mailboxes.len() + list.rejected.len() + list.duplicates.len() <= text.len());
    }

    #[test]
    fn a_registered_secret_never_survives_redaction(
        secret in "[A-Za-z0-9~._-]{8,40}",
        before in ".{0,40}",
        after in ".{0,40}",
    ) {
        register(&secret);
        let text = format!("{before}{secret}{after}");
        let redacted = redact(&text);
        prop_assert!(!redacted.contains(secret.as_str()));
        let terminal = for_terminal(&text);
        prop_assert!(!terminal.chars().any(ones_m365_assistant::redact::is_unsafe_char));
    }
}
