//! `ones-m365 rooms` as a helpdesk or a script runs it: the real binary with `--no-browser`,
//! pointed at a Microsoft stand-in started inside the test through the ONES_M365_* endpoint
//! variables; the test reads the printed sign-in address and plays the browser with it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::too_many_lines,
    reason = "test, bench and example code: a panic is the failure, and its output is the point"
)]
use crate::common;
use std::io::{BufRead, BufReader, Read};

use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

use common::cli::{Harness, path_arg};
use ones_m365_assistant::sandbox::browser::SimulatedBrowser;
use ones_m365_assistant::sandbox::{
    DEMO_ONES_URL, DEMO_READ_ONLY_ROOM, DEMO_ROOM_ACCOUNT, DEMO_ROOM_PASSWORD,
    DEMO_UNDELEGATED_ROOM, demo_document,
};
use serde_json::Value;

/// The child process, killed if the test ends early.
struct ChildGuard {
    child: Child,
}

impl Drop for ChildGuard {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What the child printed, read on threads while it runs; the sign-in address arrives first.
struct Session {
    child: ChildGuard,
    address: mpsc::Receiver<String>,
    stdout: JoinHandle<String>,
    stderr: JoinHandle<String>,
}

impl Session {
    /// Waits (bounded) for the printed sign-in address.
    fn sign_in_address(&self) -> String {
        self.address
            .recv_timeout(Duration::from_secs(60))
            .expect("the sign-in address is printed")
    }

    fn finish(mut self) -> (Option<i32>, String, String) {
        let status = self.child.child.wait().expect("the child ends");
        let stdout = std::mem::replace(&mut self.stdout, std::thread::spawn(String::new));
        let stderr = std::mem::replace(&mut self.stderr, std::thread::spawn(String::new));
        (
            status.code(),
            stdout.join().unwrap(),
            stderr.join().unwrap(),
        )
    }
}

/// Reads `stream` to the end on a thread, sending the first line that holds an authorize URL.
fn watch(stream: impl Read + Send + 'static, address: mpsc::Sender<String>) -> JoinHandle<String> {
    std::thread::spawn(move || {
        let mut all = String::new();
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            if line.contains("/oauth2/v2.0/authorize?") {
                let _ = address.send(line.trim().to_owned());
            }
            all.push_str(&line);
            all.push('\n');
        }
        all
    })
}

/// What the room test adds to the shared harness: a running child whose output is watched, and
/// a browser that signs in.
trait RoomsHarness {
    fn start(&self, args: &[&str]) -> Session;
    fn sign_in(&self, address: &str);
}

impl RoomsHarness for Harness {
    fn start(&self, args: &[&str]) -> Session {
        let mut child = self
            .command(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts");
        let (sender, address) = mpsc::channel();
        let stdout = watch(child.stdout.take().unwrap(), sender.clone());
        let stderr = watch(child.stderr.take().unwrap(), sender);
        Session {
            child: ChildGuard { child },
            address,
            stdout,
            stderr,
        }
    }

    /// Plays the browser: opens the address and signs in as the demo room account.
    fn sign_in(&self, address: &str) {
        let visit = self
            .runtime
            .block_on(async {
                SimulatedBrowser::new()
                    .unwrap()
                    .sign_in(address, DEMO_ROOM_ACCOUNT, DEMO_ROOM_PASSWORD)
                    .await
            })
            .expect("the browser gets an answer");
        assert!(
            visit.html.contains("You can close this tab"),
            "{}",
            visit.html
        );
    }
}

#[test]
fn no_browser_json_prints_the_address_and_reports_every_room_with_exit_0() {
    let harness = Harness::new();
    let doc = demo_document(DEMO_ONES_URL);
    let config = harness.write_doc(&doc);
    let session = harness.start(&[
        "rooms",
        "--config",
        path_arg(&config),
        "--no-browser",
        "--json",
    ]);
    let address = session.sign_in_address();
    assert!(
        address.starts_with(harness.running.global_base()),
        "{address}"
    );
    harness.sign_in(&address);
    let (code, stdout, stderr) = session.finish();
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(
        stderr.contains("Sign in as the service account"),
        "{stderr}"
    );

    let value: Value =
        serde_json::from_str(&stdout).unwrap_or_else(|error| panic!("{error}: {stdout}"));
    assert_eq!(value["ok"], true);
    for key in ["status", "aadsts", "summary", "fix"] {
        assert!(value["sign_in"].get(key).is_some(), "sign_in.{key} missing");
    }
    assert_eq!(value["sign_in"]["status"], "pass");
    assert_eq!(value["refresh_token"], true);
    assert!(
        value["scopes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|scope| scope == "Calendars.ReadWrite.Shared")
    );
    let rooms = value["rooms"].as_array().unwrap();
    assert_eq!(rooms.len(), doc.room.mailboxes.len());
    for room in rooms {
        for key in ["mailbox", "status", "can_edit", "summary", "fix"] {
            assert!(room.get(key).is_some(), "rooms[].{key} missing in {room}");
        }
        assert_eq!(room["status"], "pass");
        assert_eq!(room["can_edit"], true);
    }
    let everything = format!("{stdout}{stderr}");
    for credential in harness.running.issued_credentials() {
        assert!(!everything.contains(&credential), "a token was printed");
    }
    assert!(!everything.contains(doc.server_app.client_secret.expose()));
}

#[test]
fn text_output_names_each_failing_room_with_exit_1_and_writes_the_report() {
    let harness = Harness::new();
    let mut doc = demo_document(DEMO_ONES_URL);
    doc.room.mailboxes.push(DEMO_READ_ONLY_ROOM.to_owned());
    doc.room.mailboxes.push(DEMO_UNDELEGATED_ROOM.to_owned());
    let config = harness.write_doc(&doc);
    let report = harness.dir.path().join("report.md");
    let session = harness.start(&[
        "rooms",
        "--config",
        path_arg(&config),
        "--no-browser",
        "--report",
        path_arg(&report),
    ]);
    harness.sign_in(&session.sign_in_address());
    let (code, stdout, stderr) = session.finish();
    assert_eq!(code, Some(1), "{stdout}{stderr}");
    assert!(
        stdout.contains("[pass] Sign-in as the service account"),
        "{stdout}"
    );
    assert!(stdout.contains(&format!("[FAIL] {DEMO_READ_ONLY_ROOM}")));
    assert!(stdout.contains(&format!("[FAIL] {DEMO_UNDELEGATED_ROOM}")));
    assert!(stdout.contains("fix: Give"), "{stdout}");
    assert!(stdout.contains("2 of 4 rooms passed"));
    let report = std::fs::read_to_string(&report).unwrap();
    assert!(report.contains("## Room test"));
    assert!(report.contains("ErrorAccessDenied"));
    for credential in harness.running.issued_credentials() {
        assert!(!report.contains(&credential) && !stdout.contains(&credential));
    }
}

#[test]
fn an_unfinished_sign_in_times_out_with_exit_1() {
    let harness = Harness::new();
    let config = harness.write_doc(&demo_document(DEMO_ONES_URL));
    let session = harness.start(&[
        "rooms",
        "--config",
        path_arg(&config),
        "--no-browser",
        "--json",
        "--wait-secs",
        "1",
    ]);
    let _ = session.sign_in_address();
    let (code, stdout, _) = session.finish();
    assert_eq!(code, Some(1));
    let value: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(value["ok"], false);
    assert_eq!(value["sign_in"]["status"], "fail");
    assert!(
        value["sign_in"]["summary"]
            .as_str()
            .unwrap()
            .contains("did not come back")
    );
    assert!(
        value["rooms"]
            .as_array()
            .unwrap()
            .iter()
            .all(|room| room["status"] == "skip")
    );
}

#[test]
fn usage_errors_exit_2_and_a_document_without_rooms_exits_1() {
    let harness = Harness::new();
    let output = harness.command(&["rooms"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let output = harness
        .command(&["rooms", "--config", "/nonexistent/integration.json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));

    let mut doc = demo_document(DEMO_ONES_URL);
    doc.room.mailboxes.clear();
    let config = harness.write_doc(&doc);
    let output = harness
        .command(&["rooms", "--config", path_arg(&config), "--no-browser"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no room mailboxes"));
    // One error line and its hint, like every failure; with --json, one object on stdout.
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|line| !line.starts_with("note:"))
        .collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(lines[0].starts_with("error: "), "{stderr}");
    assert!(lines[1].trim_start().starts_with("hint: "), "{stderr}");

    let output = harness
        .command(&[
            "rooms",
            "--config",
            path_arg(&config),
            "--no-browser",
            "--json",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let json: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|error| panic!("{error}: {}", String::from_utf8_lossy(&output.stdout)));
    assert_eq!(json["ok"], false);
    assert_eq!(json["error"]["kind"], "config");
    assert!(
        json["error"]["message"]
            .as_str()
            .unwrap()
            .contains("no room mailboxes"),
        "{json}"
    );
    assert!(json["error"]["hint"].is_string(), "{json}");
}

/// The browser the CLI starts must not inherit the secrets of the CLI's environment: a fake
/// `xdg-open` first on `PATH` writes the environment it was given (and the address) to a file.
#[cfg(all(unix, not(target_os = "macos")))]
#[test]
fn the_browser_is_started_without_the_secret_variables() {
    use std::os::unix::fs::PermissionsExt as _;

    let harness = Harness::new();
    let doc = demo_document(DEMO_ONES_URL);
    let config = harness.write_doc(&doc);
    let bin = harness.dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let opener = bin.join("xdg-open");
    std::fs::write(
        &opener,
        "#!/bin/sh\n{ echo \"ARGUMENT=$1\"; env; } > \"$OPENER_DUMP.part\"\n\
         mv \"$OPENER_DUMP.part\" \"$OPENER_DUMP\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).unwrap();
    let dump = harness.dir.path().join("opener-env.txt");
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let server_secret = doc.server_app.client_secret.expose().to_owned();
    let sso_secret = "sso8Q~SsoSecretFromTheEnvironment.0123456";
    let api_key = "ones-api-key-from-the-environment";

    let mut child = harness
        .command(&["rooms", "--config", path_arg(&config), "--json"])
        .env("PATH", &path)
        .env("OPENER_DUMP", &dump)
        .env("ONES_M365_SERVER_SECRET", &server_secret)
        .env("ONES_M365_SSO_SECRET", sso_secret)
        .env("ONES_API_KEY", api_key)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (sender, address) = mpsc::channel();
    let stdout = watch(child.stdout.take().unwrap(), sender.clone());
    let stderr = watch(child.stderr.take().unwrap(), sender);
    let session = Session {
        child: ChildGuard { child },
        address,
        stdout,
        stderr,
    };
    harness.sign_in(&session.sign_in_address());
    let (code, stdout, stderr) = session.finish();
    // The secret from the environment was used: the sign-in passed.
    assert_eq!(code, Some(0), "{stdout}{stderr}");

    // The opener ran (bounded wait: it is a detached child of the finished CLI).
    let mut env = None;
    for _ in 0..600 {
        if let Ok(text) = std::fs::read_to_string(&dump) {
            env = Some(text);
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let env = env.expect("the fake xdg-open was started");
    assert!(
        env.contains("ARGUMENT=http") && env.contains("/oauth2/v2.0/authorize?"),
        "{env}"
    );
    assert!(
        env.contains("OPENER_DUMP="),
        "the rest of the environment is kept"
    );
    for name in [
        "ONES_M365_SERVER_SECRET",
        "ONES_M365_SSO_SECRET",
        "ONES_API_KEY",
    ] {
        assert!(
            !env.contains(&format!("{name}=")),
            "{name} reached the browser"
        );
    }
    for value in [server_secret.as_str(), sso_secret, api_key] {
        assert!(!env.contains(value), "a secret reached the browser");
    }
}
