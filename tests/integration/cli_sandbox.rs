//! `ones-m365 sandbox` as scripts use it: the real binary serves the stand-ins, prints the facts
//! (one JSON line with `--json`, shell lines without), `ones-m365 check` passes against them with
//! the printed environment and document, and SIGINT stops it and removes the document.

#![cfg(unix)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::too_many_lines,
    reason = "test, bench and example code: a panic is the failure, and its output is the point"
)]

use crate::common;

use std::io::{BufRead, BufReader, Read as _};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::cli::clean_command;
use serde_json::Value;

/// The CLI with none of the variables a developer's shell may carry and no standard input, in
fn command(args: &[&str]) -> Command {
    let mut command = clean_command();
    command.args(args).env("NO_PROXY", "127.0.0.1,localhost");
    command
}

/// The sandbox child; killed if the test fails before stopping it.
struct Sandbox {
    child: Child,
    lines: mpsc::Receiver<String>,
}

impl Sandbox {
    fn start(args: &[&str]) -> Self {
        let mut child = command(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the binary starts");
        let stdout: ChildStdout = child.stdout.take().unwrap();
        let (sender, lines) = mpsc::channel();
        std::thread::spawn(move || {
            // Lines are short; the reader ends when the child closes stdout.
            for line in BufReader::new(stdout.take(1 << 20)).lines() {
                let Ok(line) = line else { break };
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        Self { child, lines }
    }

    fn next_line(&self) -> String {
        self.lines
            .recv_timeout(Duration::from_secs(60))
            .expect("the sandbox printed a line within a minute")
    }

    /// SIGINT (Ctrl-C), then the exit status within 30 seconds.
    fn interrupt(&mut self) -> std::process::ExitStatus {
        let pid = libc::pid_t::try_from(self.child.id()).unwrap();
        // SAFETY: signalling our own child process by its id.
        assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0);
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "the sandbox did not stop");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

#[test]
fn check_passes_against_the_printed_facts_and_ctrl_c_cleans_up() {
    let mut sandbox = Sandbox::start(&["sandbox", "--json"]);
    let line = sandbox.next_line();
    let facts: Value =
        serde_json::from_str(&line).unwrap_or_else(|error| panic!("{error}: {line}"));
    for pointer in [
        "/microsoft/global/login",
        "/microsoft/china/login",
        "/ones/url",
    ] {
        let url = facts.pointer(pointer).and_then(Value::as_str).unwrap();
        assert!(url.starts_with("http://127.0.0.1:"), "{pointer}: {url}");
    }
    assert_eq!(facts["ones_token"], "ones-demo-token");
    let document = facts["document"].as_str().unwrap().to_owned();
    assert!(std::path::Path::new(&document).is_file());

    let mut check = command(&["check", "--config", &document, "--json"]);
    for (name, value) in facts["env"].as_object().unwrap() {
        check.env(name, value.as_str().unwrap());
    }
    let output = check.output().unwrap();
    let report: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|error| panic!("{error}: {}", String::from_utf8_lossy(&output.stdout)));
    assert_eq!(output.status.code(), Some(0), "{report:#}");
    assert_eq!(report["ok"], true);
    assert!(
        !report["checks"].as_array().unwrap().is_empty(),
        "{report:#}"
    );

    // Without the printed environment the same document is checked against Microsoft's real
    // hosts; not done here (no test uses the internet).
    let status = sandbox.interrupt();
    assert!(status.success(), "{status:?}");
    assert!(
        !std::path::Path::new(&document).exists(),
        "the demo document was removed"
    );
}

#[test]
fn the_text_form_prints_shell_lines_for_the_stand_ins() {
    let mut sandbox = Sandbox::start(&["sandbox"]);
    let mut exports = Vec::new();
    let mut document = None;
    loop {
        let line = sandbox.next_line();
        if let Some(export) = line.strip_prefix("export ") {
            exports.push(export.to_owned());
        }
        if let Some(path) = line.strip_prefix("Demo document (passes every check): ") {
            document = Some(path.to_owned());
        }
        if line.starts_with("Serving until Ctrl-C") {
            break;
        }
    }
    for name in [
        "ONES_M365_LOGIN_GLOBAL=http://127.0.0.1:",
        "ONES_M365_LOGIN_CHINA=http://127.0.0.1:",
        "ONES_M365_GRAPH_GLOBAL=http://127.0.0.1:",
        "ONES_M365_GRAPH_CHINA=http://127.0.0.1:",
        "ONES_API_KEY=ones-demo-token",
    ] {
        assert!(
            exports.iter().any(|line| line.starts_with(name)),
            "{name} in {exports:?}"
        );
    }
    assert!(std::path::Path::new(&document.expect("the document line")).is_file());
    assert!(sandbox.interrupt().success());
}

#[test]
fn a_port_in_use_is_one_line_with_a_hint_and_exit_2() {
    // Held for the whole test, so the sandbox cannot bind it (and low enough for --port).
    let taken = std::iter::repeat_with(|| std::net::TcpListener::bind("127.0.0.1:0").unwrap())
        .take(100)
        .find(|listener| listener.local_addr().unwrap().port() <= 65533)
        .expect("a free port below 65534");
    let port = taken.local_addr().unwrap().port().to_string();
    let output = command(&["sandbox", "--port", &port]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("the stand-ins could not start"), "{stderr}");
    assert!(stderr.contains("hint: choose another --port"), "{stderr}");
    assert!(output.stdout.is_empty());
    drop(taken);
}
