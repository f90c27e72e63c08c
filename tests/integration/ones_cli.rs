//! `ones-m365 export` and `ones-m365 pull`: the real binary against the ONES stand-in, in temp
//! dirs, with stdin not a terminal. Every captured output is checked for the token and secrets.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::too_many_lines,
    reason = "test, bench and example code: a panic is the failure, and its output is the point"
)]
use crate::common::cli as cli_harness;
use crate::ones_support as common;

use std::path::{Path, PathBuf};

use common::{KEY, NAME, TOKEN, TestCa, assert_no_secrets, document_for};
use ones_m365_assistant::model::IntegrationDocument;
use ones_m365_assistant::sandbox::ones::{OnesConfig, OnesStandIn, RunningOnes};
use ones_m365_assistant::store::{read_document_file, write_document_file};

/// A stand-in on its own runtime (the binary runs synchronously beside it) and a temp dir.
struct Setup {
    running: RunningOnes,
    dir: tempfile::TempDir,
    _runtime: tokio::runtime::Runtime,
}

impl Setup {
    fn new(config: OnesConfig) -> Self {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let running = runtime.block_on(OnesStandIn::start(config)).unwrap();
        Self {
            running,
            dir: tempfile::tempdir().unwrap(),
            _runtime: runtime,
        }
    }

    fn url(&self) -> &str {
        self.running.base_url()
    }

    /// Writes `doc` (with its secrets, owner-only) and returns the path.
    fn write(&self, name: &str, doc: &IntegrationDocument) -> PathBuf {
        let path = self.dir.path().join(name);
        write_document_file(&path, doc, true).unwrap();
        path
    }

    fn config_file(&self) -> PathBuf {
        self.write("integration.json", &document_for(self.url()))
    }
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn ones_m365(args: &[&str], token: Option<&str>) -> Run {
    let mut command = cli_harness::clean_command();
    command.args(args).env("NO_PROXY", "127.0.0.1,localhost");
    if let Some(token) = token {
        command.env("ONES_API_KEY", token);
    }
    let output = command.output().unwrap();
    let run = Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    assert_no_secrets(&run.stdout);
    assert_no_secrets(&run.stderr);
    run
}

fn text(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn dry_run_lists_the_changes_and_sends_nothing() {
    let setup = Setup::new(OnesConfig::new(TOKEN));
    let config = setup.config_file();
    let run = ones_m365(
        &["export", "--config", text(&config), "--dry-run"],
        Some(TOKEN),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("will be created"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("Server settings › Client secret: will be set"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("Dry run: nothing was sent."),
        "{}",
        run.stdout
    );
    assert_eq!(setup.running.put_requests(), 0);
}

#[test]
fn without_yes_and_without_a_terminal_it_refuses() {
    let setup = Setup::new(OnesConfig::new(TOKEN));
    let config = setup.config_file();
    let run = ones_m365(&["export", "--config", text(&config)], Some(TOKEN));
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("no terminal to ask on") && run.stderr.contains("--yes"),
        "{}",
        run.stderr
    );
    assert_eq!(setup.running.put_requests(), 0);
}

#[test]
fn export_with_yes_then_again_changes_nothing() {
    let setup = Setup::new(OnesConfig::new(TOKEN));
    let config = setup.config_file();
    let run = ones_m365(&["export", "--config", text(&config), "--yes"], Some(TOKEN));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("Result:       created"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("all 17 fields read back as sent"),
        "{}",
        run.stdout
    );
    let writes = setup.running.writes();

    // The same file with secrets: sent, and ONES reports no change.
    let run = ones_m365(&["export", "--config", text(&config), "--yes"], Some(TOKEN));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("sent; ONES reported no change"),
        "{}",
        run.stdout
    );
    assert_eq!(setup.running.writes(), writes);

    // A pulled file (no secrets): nothing to send, no confirmation needed.
    let pulled = setup.dir.path().join("pulled.json");
    let run = ones_m365(
        &[
            "pull",
            "--ones-url",
            setup.url(),
            "--name",
            NAME,
            "-o",
            text(&pulled),
        ],
        Some(TOKEN),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let puts = setup.running.put_requests();
    let run = ones_m365(&["export", "--config", text(&pulled)], Some(TOKEN));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("already up to date"), "{}", run.stdout);
    assert_eq!(setup.running.put_requests(), puts);
}

#[test]
fn ones_url_overrides_the_document() {
    let setup = Setup::new(OnesConfig::new(TOKEN));
    let mut doc = document_for(setup.url());
    doc.ones_url = "https://ones.example.com".to_owned();
    doc.room.redirect_uri.clear();
    doc.sso_app.redirect_uri.clear();
    let config = setup.write("elsewhere.json", &doc);
    let run = ones_m365(
        &[
            "export",
            "--config",
            text(&config),
            "--ones-url",
            setup.url(),
            "--yes",
        ],
        Some(TOKEN),
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let stored = setup.running.stored_document(KEY).unwrap();
    assert_eq!(stored.ones_url, setup.url());
    assert!(
        stored.room.redirect_uri.starts_with(setup.url()),
        "ONES's redirect URI was filled in"
    );
}

#[test]
fn a_blocked_plan_names_the_field_and_sends_nothing() {
    let setup = Setup::new(OnesConfig::new(TOKEN));
    let mut doc = document_for(setup.url());
    doc.server_app.tenant_id = "common".to_owned();
    let config = setup.write("invalid.json", &doc);
    let run = ones_m365(&["export", "--config", text(&config), "--yes"], Some(TOKEN));
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("Server settings › Tenant ID (Directory ID)"),
        "{}",
        run.stderr
    );
    assert_eq!(setup.running.put_requests(), 0);
}

#[test]
fn a_wrong_token_fails_with_the_fix_and_is_never_printed() {
    let setup = Setup::new(OnesConfig::new(TOKEN));
    let config = setup.config_file();
    let run = ones_m365(
        &["export", "--config", text(&config), "--yes"],
        Some("wrong-token-1234"),
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("401") && run.stderr.contains("API authentication"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_missing_token_is_a_usage_error() {
    let setup = Setup::new(OnesConfig::new(TOKEN));
    let config = setup.config_file();
    let run = ones_m365(&["export", "--config", text(&config), "--dry-run"], None);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("ONES_API_KEY"), "{}", run.stderr);
}

#[test]
fn plain_http_to_another_host_is_refused() {
    let setup = Setup::new(OnesConfig::new(TOKEN));
    let config = setup.config_file();
    let run = ones_m365(
        &[
            "export",
            "--config",
            text(&config),
            "--ones-url",
            "http://ones.example.com",
            "--yes",
        ],
        Some(TOKEN),
    );
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("unencrypted"), "{}", run.stderr);
}

#[test]
fn missing_arguments_are_usage_errors() {
    assert_eq!(ones_m365(&["export", "--dry-run"], Some(TOKEN)).code, 2);
    assert_eq!(
        ones_m365(
            &["pull", "--ones-url", "https://ones.example.com"],
            Some(TOKEN)
        )
        .code,
        2
    );
    let missing = ones_m365(
        &["export", "--config", "/nonexistent/integration.json"],
        Some(TOKEN),
    );
    assert_eq!(missing.code, 2);
}

#[test]
fn pull_saves_a_file_without_secrets() {
    let setup = Setup::new(
        OnesConfig::new(TOKEN).with_integration(document_for("https://ones.example.com")),
    );
    let output = setup.dir.path().join("out").join("pulled.json");
    let run = ones_m365(
        &[
            "pull",
            "--ones-url",
            setup.url(),
            "--name",
            NAME,
            "-o",
            text(&output),
        ],
        Some(TOKEN),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("stored, expires on"), "{}", run.stdout);
    let file = std::fs::read_to_string(&output).unwrap();
    assert_no_secrets(&file);
    let loaded = read_document_file(&output).unwrap();
    assert_eq!(loaded.document.name, NAME);
    assert!(!loaded.document.has_secrets());

    let run = ones_m365(
        &[
            "pull",
            "--ones-url",
            setup.url(),
            "--name",
            "Branch",
            "-o",
            text(&output),
        ],
        Some(TOKEN),
    );
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("\"branch\""), "{}", run.stderr);
}

#[test]
fn a_custom_ca_certificate_is_used_for_https() {
    let ca = TestCa::new();
    let setup = Setup::new(OnesConfig::new(TOKEN).with_tls(ca.server_identity("localhost", false)));
    let config = setup.config_file();

    let run = ones_m365(
        &["export", "--config", text(&config), "--dry-run"],
        Some(TOKEN),
    );
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("--ca-cert"), "{}", run.stderr);

    let ca_pem = ca.write_pem(setup.dir.path());
    let run = ones_m365(
        &[
            "export",
            "--config",
            text(&config),
            "--ca-cert",
            text(&ca_pem),
            "--yes",
        ],
        Some(TOKEN),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(setup.running.stored_document(KEY).is_some());
}
