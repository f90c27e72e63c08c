//! `ones-m365 check` as scripts use it: the real binary, pointed at a Microsoft stand-in started
//! inside the test through the ONES_M365_* endpoint variables; documents in temp dirs.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::too_many_lines,
    reason = "test, bench and example code: a panic is the failure, and its output is the point"
)]
use crate::common;

use std::process::Output;

use common::cli::{Harness, path_arg, text};

use ones_m365_assistant::checks::CheckId;
use ones_m365_assistant::model::Secret;
use ones_m365_assistant::sandbox::microsoft::{Fault, Route};
use ones_m365_assistant::sandbox::{DEMO_ONES_URL, demo_document};
use serde_json::Value;

const WRONG_SECRET: &str = "wRo8Q~ThisIsNotTheRightSecretValue.12345";

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|error| panic!("{error}: {}", text(&output.stdout)))
}

fn check<'a>(value: &'a Value, id: &str) -> &'a Value {
    value["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|check| check["id"] == id)
        .unwrap_or_else(|| panic!("{id}"))
}

#[test]
fn the_demo_document_passes_with_exit_0_and_the_json_contract() {
    let harness = Harness::new();
    let config = harness.write_doc(&demo_document(DEMO_ONES_URL));
    let output = harness.run(&["check", "--config", path_arg(&config), "--json"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}{}",
        text(&output.stdout),
        text(&output.stderr)
    );
    let value = json(&output);
    assert_eq!(value["ok"], true);
    let checks = value["checks"].as_array().unwrap();
    assert_eq!(checks.len(), CheckId::LIVE.len());
    for check in checks {
        for key in ["id", "status", "aadsts", "summary", "fix", "trace_id"] {
            assert!(check.get(key).is_some(), "{key} missing in {check}");
        }
        assert_eq!(check["status"], "pass");
    }
    assert!(
        text(&output.stderr).contains("Checks are not talking to Microsoft"),
        "the override banner"
    );
}

#[test]
fn a_wrong_secret_from_the_environment_fails_with_exit_1_and_never_prints_a_secret() {
    let harness = Harness::new();
    let doc = demo_document(DEMO_ONES_URL);
    let config = harness.write_doc(&doc);
    let report = harness.dir.path().join("report.md");
    let output = harness
        .command(&[
            "check",
            "--config",
            path_arg(&config),
            "--json",
            "--report",
            path_arg(&report),
        ])
        .env("ONES_M365_SERVER_SECRET", WRONG_SECRET)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let value = json(&output);
    assert_eq!(value["ok"], false);
    let server = check(&value, "server-secret");
    assert_eq!(server["status"], "fail");
    assert_eq!(server["aadsts"], 7000215);
    assert!(server["fix"].as_str().unwrap().contains("Secret ID"));
    assert!(server["trace_id"].is_string());
    assert_eq!(check(&value, "sso-secret")["status"], "pass");

    let report = std::fs::read_to_string(&report).unwrap();
    assert!(report.contains("7000215"));
    let everything = format!("{}{}{report}", text(&output.stdout), text(&output.stderr));
    for secret in [
        WRONG_SECRET,
        doc.server_app.client_secret.expose(),
        doc.sso_app.client_secret.expose(),
    ] {
        assert!(!everything.contains(secret), "a secret was printed");
    }
}

#[test]
fn text_output_streams_each_check_with_its_fix_and_codes() {
    let harness = Harness::new();
    let mut doc = demo_document(DEMO_ONES_URL);
    doc.sso_app.client_secret = Secret::new(WRONG_SECRET);
    let config = harness.write_doc(&doc);
    let output = harness.run(&["check", "--config", path_arg(&config)]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = text(&output.stdout);
    assert!(stdout.contains("[FAIL] sso-secret"), "{stdout}");
    assert!(stdout.contains("AADSTS7000215"));
    assert!(stdout.contains("fix: Paste the secret's Value"));
    assert!(stdout.contains("[pass] tenant"));
    assert!(stdout.contains("1 failed"));
    assert!(!stdout.contains(WRONG_SECRET) && !text(&output.stderr).contains(WRONG_SECRET));
}

/// The README table's order: pre-flight findings, then the live checks as `CheckId` lists them.
const DISPLAY_ORDER: [&str; 7] = [
    "lint:server_app.client_secret_expires_on",
    "tenant",
    "server-secret",
    "sso-secret",
    "room-redirect",
    "sso-redirect",
    "room-test-redirect",
];

#[test]
fn text_json_and_report_list_the_checks_in_one_order_whatever_order_microsoft_answers_in() {
    let harness = Harness::new();
    // The secrets answer last, so their results arrive after both redirect checks.
    harness.running.set_fault(
        Route::Token,
        Fault::Latency(std::time::Duration::from_millis(600)),
    );
    let mut doc = demo_document(DEMO_ONES_URL);
    // A warning (expires within 30 days) gives a pre-flight result that must come first.
    doc.server_app.client_secret_expires_on =
        Some(chrono::Local::now().date_naive() + chrono::Days::new(10));
    let config = harness.write_doc(&doc);

    let output = harness.run(&["check", "--config", path_arg(&config)]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    let printed: Vec<&str> = stdout
        .lines()
        .filter_map(|line| {
            line.strip_prefix('[')?
                .split_once("] ")?
                .1
                .split(' ')
                .next()
        })
        .collect();
    assert_eq!(printed, DISPLAY_ORDER, "{stdout}");

    let report = harness.dir.path().join("report.md");
    let output = harness.run(&[
        "check",
        "--config",
        path_arg(&config),
        "--json",
        "--report",
        path_arg(&report),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let ids: Vec<String> = json(&output)["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|check| check["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids, DISPLAY_ORDER);
    let report = std::fs::read_to_string(&report).unwrap();
    let checks_table = report.split_once("## Checks").unwrap().1;
    let positions: Vec<usize> = DISPLAY_ORDER
        .iter()
        .map(|id| {
            checks_table
                .find(&format!("| `{id}` |"))
                .unwrap_or_else(|| panic!("{id} missing in the report:\n{report}"))
        })
        .collect();
    assert!(
        positions.is_sorted(),
        "report order {positions:?}:\n{report}"
    );
}

#[test]
fn only_selects_checks() {
    let harness = Harness::new();
    let config = harness.write_doc(&demo_document(DEMO_ONES_URL));
    let output = harness.run(&[
        "check",
        "--config",
        path_arg(&config),
        "--json",
        "--only",
        "tenant",
        "--only",
        "room-redirect",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let ids: Vec<String> = json(&output)["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|check| check["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids, ["tenant", "room-redirect"]);
    assert_eq!(harness.running.requests(Route::Token), 0);
}

#[test]
fn a_hanging_microsoft_times_out_within_the_bound() {
    let harness = Harness::new();
    harness.running.set_fault(Route::Token, Fault::Hang);
    let config = harness.write_doc(&demo_document(DEMO_ONES_URL));
    let output = harness.run(&[
        "check",
        "--config",
        path_arg(&config),
        "--json",
        "--timeout-secs",
        "1",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let value = json(&output);
    assert!(
        check(&value, "server-secret")["summary"]
            .as_str()
            .unwrap()
            .contains("did not answer within 1 s")
    );
}

#[test]
fn usage_errors_exit_2() {
    let harness = Harness::new();
    let config = harness.write_doc(&demo_document(DEMO_ONES_URL));
    let output = harness.run(&["check", "--config", path_arg(&config), "--only", "bogus"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("unknown check \"bogus\""));

    let missing = harness.dir.path().join("missing.json");
    assert_eq!(
        harness
            .run(&["check", "--config", path_arg(&missing)])
            .status
            .code(),
        Some(2)
    );

    let output = harness
        .command(&["check", "--config", path_arg(&config)])
        .env("ONES_M365_LOGIN_GLOBAL", "http://login.example.com")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("ONES_M365_LOGIN_GLOBAL must use https"),
        "{}",
        text(&output.stderr)
    );

    let output = harness.run(&[
        "check",
        "--config",
        path_arg(&config),
        "--timeout-secs",
        "0",
    ]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn loopback_destinations_never_go_through_the_proxy_from_the_environment() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let harness = Harness::new();
    // A stand-in proxy that answers every request with 502 and counts connections. The stand-in
    // Microsoft is on 127.0.0.1: the request (with a client secret in it) must never reach a
    // proxy, whatever NO_PROXY says (the proxy rules of `net`; the https case is unit-tested there
    // and in hardening.rs).
    let connections = Arc::new(AtomicUsize::new(0));
    let listener = harness
        .runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let proxy_url = format!("http://{}", listener.local_addr().unwrap());
    let counter = connections.clone();
    harness.runtime.spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                let mut buffer = [0u8; 4096];
                let _ = socket.read(&mut buffer).await;
                let _ = socket.write_all(b"HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\nconnection: close\r\n\r\n").await;
            });
        }
    });
    let config = harness.write_doc(&demo_document(DEMO_ONES_URL));
    let output = harness
        .command(&[
            "check",
            "--config",
            path_arg(&config),
            "--json",
            "--only",
            "tenant",
            "--only",
            "server-secret",
        ])
        .env("HTTP_PROXY", &proxy_url)
        .env("HTTPS_PROXY", &proxy_url)
        .env("ALL_PROXY", &proxy_url)
        .env_remove("NO_PROXY")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stdout));
    assert_eq!(check(&json(&output), "server-secret")["status"], "pass");
    assert_eq!(
        connections.load(Ordering::SeqCst),
        0,
        "a loopback request went through the proxy"
    );
}

/// Issue 21 item 3 from the command line: swapped client IDs are named at the end of the text
/// output and listed in `--json` (`suspected_swaps`, an added key).
#[test]
fn swapped_client_ids_are_named_in_text_and_json() {
    let harness = Harness::new();
    let mut doc = demo_document(DEMO_ONES_URL);
    std::mem::swap(&mut doc.server_app.client_id, &mut doc.sso_app.client_id);
    let config = harness.write_doc(&doc);
    let output = harness.run(&["check", "--config", path_arg(&config)]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = text(&output.stdout);
    assert!(
        stdout
            .lines()
            .any(|line| line.contains("look swapped: each app's secret is accepted")),
        "{stdout}"
    );
    let output = harness.run(&["check", "--config", path_arg(&config), "--json"]);
    let value = json(&output);
    assert_eq!(
        value["suspected_swaps"],
        serde_json::json!(["server_and_sso_client_ids"])
    );
}
