//! The real `ones-m365` binary, run in temp dirs.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::too_many_lines,
    reason = "test, bench and example code: a panic is the failure, and its output is the point"
)]
use crate::common;

use std::path::Path;

use common::*;
use ones_m365_assistant::store::write_document_file;

fn ones_m365(args: &[&str], dir: &Path) -> (i32, String, String) {
    let output = common::cli::clean_command()
        .args(args)
        .current_dir(dir)
        .output()
        .expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn write(dir: &Path, name: &str, doc: &ones_m365_assistant::model::IntegrationDocument) {
    write_document_file(&dir.join(name), doc, true).unwrap();
}

#[test]
fn validate_exits_0_for_a_valid_document_and_never_prints_secrets() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "hq.json", &valid_document());
    let (code, stdout, stderr) = ones_m365(&["validate", "--config", "hq.json"], dir.path());
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("valid"));
    for text in [&stdout, &stderr] {
        assert!(!text.contains(SERVER_SECRET) && !text.contains(SSO_SECRET));
    }
}

#[test]
fn validate_exits_1_with_the_reason_for_an_invalid_document() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = valid_document();
    doc.server_app.tenant_id = "common".into();
    doc.sso_app.client_secret =
        ones_m365_assistant::model::Secret::new("0b3c41f2-1234-4cde-9f00-aa11bb22cc33");
    write(dir.path(), "bad.json", &doc);
    let (code, stdout, _) = ones_m365(&["validate", "--config", "bad.json"], dir.path());
    assert_eq!(code, 1);
    assert!(stdout.contains("server_app.tenant_id"), "{stdout}");
    assert!(stdout.contains("Secret ID"), "{stdout}");
    assert!(stdout.contains("not valid: 2 errors"), "{stdout}");
}

#[test]
fn validate_json_is_one_object_with_findings() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = valid_document();
    // An old-style secret is unusual, not wrong: a warning.
    doc.sso_app.client_secret =
        ones_m365_assistant::model::Secret::new("an-older-style-secret-value-0123456789");
    write(dir.path(), "warn.json", &doc);
    let (code, stdout, _) = ones_m365(&["validate", "--config", "warn.json", "--json"], dir.path());
    assert_eq!(code, 0, "warnings are allowed");
    let value: serde_json::Value = serde_json::from_str(&stdout).expect("one JSON object");
    assert_eq!(value["valid"], true);
    assert_eq!(value["errors"], 0);
    assert_eq!(value["findings"][0]["field"], "sso_app.client_secret");
    assert_eq!(value["findings"][0]["severity"], "warning");

    // The single sign-on app reusing the server app is an error: exit 1.
    let mut doc = valid_document();
    doc.sso_app.client_id = SERVER_APP.into();
    write(dir.path(), "same-app.json", &doc);
    let (code, stdout, _) = ones_m365(
        &["validate", "--config", "same-app.json", "--json"],
        dir.path(),
    );
    assert_eq!(code, 1, "{stdout}");
    let value: serde_json::Value = serde_json::from_str(&stdout).expect("one JSON object");
    assert_eq!(value["valid"], false);
    assert_eq!(value["findings"][0]["field"], "sso_app.client_id");
    assert_eq!(value["findings"][0]["severity"], "error");
}

#[test]
fn unreadable_input_exits_2_with_one_line_and_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = ones_m365(&["validate", "--config", "nope.json"], dir.path());
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(stderr.starts_with("error: can't read the file"), "{stderr}");
    assert!(stderr.contains("hint:"));
    assert!(!stderr.contains("panicked") && !stderr.contains("backtrace"));

    std::fs::write(dir.path().join("junk.json"), "<html>").unwrap();
    let (code, _, stderr) = ones_m365(&["links", "--config", "junk.json"], dir.path());
    assert_eq!(code, 2);
    assert!(stderr.contains("not an integration document"), "{stderr}");
}

#[test]
fn bad_usage_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, stderr) = ones_m365(&["validate"], dir.path());
    assert_eq!(code, 2);
    assert!(stderr.contains("--config"), "{stderr}");
    let (code, _, _) = ones_m365(&["frobnicate"], dir.path());
    assert_eq!(code, 2);
    let (code, stdout, _) = ones_m365(&["--help"], dir.path());
    assert_eq!(code, 0);
    assert!(stdout.contains("validate") && stdout.contains("links"));
}

#[test]
fn links_json_lists_the_operator_portal_pages() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = valid_document();
    doc.operator = ones_m365_assistant::model::Operator::Vianet21;
    write(dir.path(), "cn.json", &doc);
    let (code, stdout, _) = ones_m365(&["links", "--config", "cn.json", "--json"], dir.path());
    assert_eq!(code, 0);
    let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(value["operator"], "21vianet");
    assert_eq!(value["portal"], "https://portal.azure.cn");
    let links = value["links"].as_array().unwrap();
    assert_eq!(links.len(), 10);
    let credentials = links
        .iter()
        .find(|link| link["app"] == "server" && link["page"] == "certificates-secrets")
        .expect("server app credentials link");
    assert_eq!(
        credentials["url"],
        format!(
            "https://portal.azure.cn/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Credentials/appId/{SERVER_APP}/isMSAApp~/false"
        )
    );

    let (code, stdout, _) = ones_m365(&["links", "--config", "cn.json"], dir.path());
    assert_eq!(code, 0);
    assert!(stdout.contains("https://portal.azure.cn"));
}

#[test]
fn script_says_what_the_document_lacks_and_writes_a_script() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "doc.json", &valid_document());
    let (code, _, stderr) = ones_m365(&["script", "rooms", "--config", "doc.json"], dir.path());
    assert_eq!(code, 1);
    assert!(stderr.contains("--account"), "{stderr}");
    let (code, stdout, _) = ones_m365(
        &["script", "apps", "--config", "doc.json", "-o", "apps.sh"],
        dir.path(),
    );
    assert_eq!(code, 0);
    assert!(stdout.contains("apps.sh"), "{stdout}");
    let script = std::fs::read_to_string(dir.path().join("apps.sh")).unwrap();
    assert!(script.starts_with("#!/usr/bin/env bash"));
    assert!(
        !script.contains(SERVER_SECRET),
        "a script never holds a secret"
    );
    let (code, _, _) = ones_m365(
        &["script", "apps", "--config", "doc.json", "-o", "doc.json"],
        dir.path(),
    );
    assert_eq!(code, 2, "the script never replaces the document");
}

#[test]
fn import_setup_merges_the_pasted_block_and_saves_it_owner_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = valid_document();
    doc.server_app.client_secret = ones_m365_assistant::model::Secret::default();
    write(dir.path(), "doc.json", &doc);
    let secret = "Nw1Q~fromTheCloudShellScript0123456789ab";
    let pasted = format!(
        "$ bash apps.sh\r\n-----BEGIN ONES-M365 SETUP-----\r\n{{\"schema\":\"ones-m365-setup/1\",\"operator\":\"microsoft\",\"tenant_id\":\"{TENANT}\",\"server_app\":{{\"client_id\":\"{SERVER_APP}\",\"client_secret\":\"{secret}\",\"client_secret_expires_on\":\"2027-10-01\"}},\"rooms\":[\"room-102@contoso.com\"]}}\r\n-----END ONES-M365 SETUP-----\r\n"
    );
    std::fs::write(dir.path().join("output.txt"), pasted).unwrap();
    let (code, stdout, stderr) = ones_m365(
        &[
            "import-setup",
            "--config",
            "doc.json",
            "--from",
            "output.txt",
        ],
        dir.path(),
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(!stdout.contains(secret) && !stderr.contains(secret));
    assert!(stdout.contains("room-102@contoso.com"), "{stdout}");
    let saved =
        ones_m365_assistant::store::read_document_file(&dir.path().join("doc.json")).unwrap();
    assert_eq!(saved.document.server_app.client_secret.expose(), secret);
    assert_eq!(saved.document.room.mailboxes.len(), 2);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("doc.json"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let (code, _, stderr) = ones_m365(
        &["import-setup", "--config", "doc.json", "--from", "doc.json"],
        dir.path(),
    );
    assert_eq!(code, 1);
    assert!(stderr.contains("No setup result was found"), "{stderr}");
}

#[test]
fn import_setup_reads_standard_input_like_a_file_and_names_from_in_its_hints() {
    use std::io::Write as _;
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "doc.json", &valid_document());

    // A missing --from file: the hint is about --from, not --config.
    let (code, _, stderr) = ones_m365(
        &["import-setup", "--config", "doc.json", "--from", "nope.txt"],
        dir.path(),
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("hint: check the file given to --from"),
        "{stderr}"
    );
    assert!(!stderr.contains("--config"), "{stderr}");

    // More than 1 MiB, cut by the limit in the middle of a character: the same too-large sentence
    // for standard input as for a file.
    let oversized = "é".repeat(600 * 1024);
    std::fs::write(dir.path().join("big.txt"), &oversized).unwrap();
    let (file_code, _, file_stderr) = ones_m365(
        &["import-setup", "--config", "doc.json", "--from", "big.txt"],
        dir.path(),
    );
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_ones-m365"))
        .args(["import-setup", "--config", "doc.json", "--from", "-"])
        .current_dir(dir.path())
        .env("ONES_M365_LANG", "en")
        .env_remove("RUST_BACKTRACE")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(oversized.as_bytes());
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let stdin_stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(file_code, 2, "{file_stderr}");
    assert_eq!(output.status.code(), Some(file_code), "{stdin_stderr}");
    assert!(file_stderr.contains("larger than 1 MiB"), "{file_stderr}");
    assert!(stdin_stderr.contains("larger than 1 MiB"), "{stdin_stderr}");
    assert!(!stdin_stderr.contains("UTF-8"), "{stdin_stderr}");
}

#[test]
fn a_script_that_cannot_be_written_says_so_in_the_users_language_with_the_output_hint() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "doc.json", &valid_document());
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_ones-m365"))
        .args([
            "script",
            "apps",
            "--config",
            "doc.json",
            "-o",
            "doc.json/apps.sh",
        ])
        .current_dir(dir.path())
        .env("ONES_M365_LANG", "zh-CN")
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(lines[0].starts_with("错误：无法写入文件"), "{stderr}");
    assert!(lines[0].contains("doc.json/apps.sh"), "{stderr}");
    assert!(
        lines[1].trim_start().starts_with("提示：请为 -o 指定"),
        "{stderr}"
    );
}
