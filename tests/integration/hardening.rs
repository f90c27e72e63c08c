//! The CLI against hostile networks and hostile input (issue: bounded memory and time, no echoed
//! secret, no proxy leak, no overwritten input). Each test is one row of that table: the real
//! binary, fault servers on 127.0.0.1 written here (plain threads, nothing shared with the
//! product's own stand-ins), documents in temp dirs.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::too_many_lines,
    reason = "test, bench and example code: a panic is the failure, and its output is the point"
)]
use crate::common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use base64::Engine;
use common::{SERVER_SECRET, SSO_SECRET, TENANT, valid_document};
use ones_m365_assistant::model::{IntegrationDocument, Secret};
use ones_m365_assistant::store::write_document_file;
use serde_json::Value;

/// Secrets the echoing servers quote back; none may appear in any output.
const ENV_SECRET: &str = "Env8Q~fromTheEnvironmentValue0123456789ab";
const ONES_TOKEN: &str = "ones-api-token-3f9a2c7d1e";

fn bin() -> Command {
    let mut command = common::cli::clean_command();
    command.env("NO_COLOR", "1");
    command
}

/// Runs `command`, killing it after `limit` (a hang is a failure, never a stuck test run).
fn run_bounded(mut command: Command, limit: Duration) -> Output {
    command.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = command.spawn().expect("the CLI starts");
    let started = std::time::Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let output = child.wait_with_output().expect("output");
            panic!(
                "the CLI did not finish within {limit:?}; stderr: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn all_output(output: &Output) -> String {
    format!(
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn write_doc(dir: &Path, doc: &IntegrationDocument) -> PathBuf {
    let path = dir.join("integration.json");
    write_document_file(&path, doc, true).unwrap();
    path
}

// ---------------------------------------------------------------------------------------------
// A tiny HTTP/1.1 server on 127.0.0.1 for faults the product's stand-ins must not learn.

struct Request {
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    fn form(&self, name: &str) -> Option<String> {
        url::form_urlencoded::parse(&self.body)
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.into_owned())
    }
}

fn read_request(stream: &mut TcpStream) -> Option<Request> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_owned();
    let path = parts.next()?.to_owned();
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((key, value)) = header.split_once(':') {
            headers.push((key.trim().to_owned(), value.trim().to_owned()));
        }
    }
    let length = headers
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.parse::<usize>().ok())
        .unwrap_or(0)
        .min(1 << 20);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Request {
        method,
        path,
        headers,
        body,
    })
}

/// Serves each connection on its own thread with `handler`, which writes the whole answer.
fn serve(handler: impl Fn(Request, &mut TcpStream) + Send + Sync + 'static) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    let handler = Arc::new(handler);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let handler = Arc::clone(&handler);
            std::thread::spawn(move || {
                let mut stream = stream;
                let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
                if let Some(request) = read_request(&mut stream) {
                    handler(request, &mut stream);
                }
            });
        }
    });
    address
}

fn respond(stream: &mut TcpStream, status: &str, headers: &[(&str, &str)], body: &str) {
    let mut head = format!(
        "HTTP/1.1 {status}\r\ncontent-length: {}\r\nconnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body.as_bytes());
}

/// A login endpoint that answers every request with a chunked body of up to 2 GiB (it stops when
/// the client hangs up).
fn endless_body_server() -> String {
    serve(|_request, stream| {
        let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n";
        if stream.write_all(head.as_bytes()).is_err() {
            return;
        }
        let chunk = vec![b' '; 64 * 1024];
        let frame = [
            format!("{:x}\r\n", chunk.len()).into_bytes(),
            chunk,
            b"\r\n".to_vec(),
        ]
        .concat();
        for _ in 0..(2u64 << 30) / (64 * 1024) {
            if stream.write_all(&frame).is_err() {
                return;
            }
        }
    })
}

/// A Microsoft login endpoint whose token answers quote the client secret that was sent (in the
/// description, the trace id and the correlation id).
fn echoing_login_server() -> String {
    serve(|request, stream| {
        let base = format!("http://{}", request.header("host").unwrap_or_default());
        if request.method == "GET" && request.path.contains("openid-configuration") {
            let body = serde_json::json!({
                "token_endpoint": format!("{base}/{TENANT}/oauth2/v2.0/token"),
                "authorization_endpoint": format!("{base}/{TENANT}/oauth2/v2.0/authorize"),
                "issuer": format!("{base}/{TENANT}/v2.0"),
                "cloud_instance_name": "microsoftonline.com",
            });
            respond(
                stream,
                "200 OK",
                &[("content-type", "application/json")],
                &body.to_string(),
            );
            return;
        }
        let secret = request.form("client_secret").unwrap_or_default();
        let body = serde_json::json!({
            "error": "invalid_client",
            "error_description": format!("AADSTS9999999: The secret '{secret}' was rejected. Raw form: {}", String::from_utf8_lossy(&request.body)),
            "error_codes": [9999999],
            "timestamp": "2026-11-29 10:00:00Z",
            "trace_id": secret,
            "correlation_id": secret,
        });
        respond(
            stream,
            "401 Unauthorized",
            &[("content-type", "application/json")],
            &body.to_string(),
        );
    })
}

/// A ONES server that fails every request with a 500 whose message and request ID quote the API
/// token it was sent.
fn echoing_ones_server() -> String {
    serve(|request, stream| {
        let token = request
            .header("authorization")
            .and_then(|value| value.strip_prefix("Basic "))
            .and_then(|value| base64::engine::general_purpose::STANDARD.decode(value).ok())
            .map(|bytes| {
                String::from_utf8_lossy(&bytes)
                    .trim_end_matches(':')
                    .to_owned()
            })
            .unwrap_or_default();
        let body = serde_json::json!({ "message": format!("database error for token {token}") });
        respond(
            stream,
            "500 Internal Server Error",
            &[
                ("content-type", "application/json"),
                ("x-request-id", &token),
            ],
            &body.to_string(),
        );
    })
}

/// A "proxy" that counts the connections it gets and closes them.
fn capture_proxy() -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    let count = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&count);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            seen.fetch_add(1, Ordering::SeqCst);
            drop(stream);
        }
    });
    (address, count)
}

fn with_login(command: &mut Command, base: &str) {
    command
        .env("ONES_M365_LOGIN_GLOBAL", base)
        .env("ONES_M365_LOGIN_CHINA", base)
        .env("ONES_M365_GRAPH_GLOBAL", base)
        .env("ONES_M365_GRAPH_CHINA", base);
}

// ---------------------------------------------------------------------------------------------

#[test]
fn an_endless_body_is_cut_at_1_mib_with_its_own_sentence_under_a_memory_limit() {
    let base = endless_body_server();
    let dir = tempfile::tempdir().unwrap();
    let config = write_doc(dir.path(), &valid_document());
    let mut plain = bin();
    with_login(&mut plain, &base);
    plain.args(["check", "--config"]).arg(&config).args([
        "--json",
        "--only",
        "tenant",
        "--timeout-secs",
        "15",
    ]);
    // On Linux the CLI runs with 1 GiB of address space: reading the 2 GiB answer would abort it.
    // (`ulimit -v` is Linux's; elsewhere the cut is still tested, without the memory limit.)
    let command = if cfg!(target_os = "linux") {
        let mut limited = Command::new("bash");
        limited.arg("-c").arg(format!(
            "ulimit -v 1048576 && exec '{}' check --config '{}' --json --only tenant --timeout-secs 15",
            env!("CARGO_BIN_EXE_ones-m365"),
            config.display()
        ));
        for (name, value) in plain.get_envs() {
            match value {
                Some(value) => limited.env(name, value),
                None => limited.env_remove(name),
            };
        }
        limited
    } else {
        plain
    };
    let output = run_bounded(command, Duration::from_secs(60));
    assert_eq!(output.status.code(), Some(1), "{}", all_output(&output));
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let tenant = &json["checks"][0];
    assert_eq!(tenant["id"], "tenant");
    assert_eq!(tenant["status"], "fail");
    let summary = tenant["summary"].as_str().unwrap();
    assert!(summary.contains("more than 1 MiB"), "{summary}");
    assert!(!summary.contains("did not answer within"), "{summary}");
}

// FIFOs and /dev/zero exist on Unix only.
#[cfg(unix)]
#[test]
fn special_files_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.json");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    for (path, what) in [
        (Path::new("/dev/zero"), "a device"),
        (fifo.as_path(), "a named pipe (FIFO)"),
        (dir.path(), "a directory"),
    ] {
        let mut command = bin();
        command.args(["validate", "--config"]).arg(path);
        let output = run_bounded(command, Duration::from_secs(20));
        assert_eq!(output.status.code(), Some(2), "{}", all_output(&output));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(&format!("it is {what}, not a file")),
            "{stderr}"
        );
        assert!(stderr.contains("hint:"), "{stderr}");
    }
    // The CA certificate of `export` too, before anything is sent.
    let config = write_doc(dir.path(), &valid_document());
    let mut command = bin();
    command
        .args(["export", "--dry-run", "--ones-url", "http://127.0.0.1:9"])
        .arg("--config")
        .arg(&config)
        .args(["--ca-cert", "/dev/zero"])
        .env("ONES_API_KEY", ONES_TOKEN);
    let output = run_bounded(command, Duration::from_secs(20));
    assert_eq!(output.status.code(), Some(2), "{}", all_output(&output));
    assert!(
        all_output(&output).contains("it is a device, not a file"),
        "{}",
        all_output(&output)
    );
}

#[test]
fn long_lists_are_capped_and_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = valid_document();
    doc.users.default_user_groups = (0..100_000)
        .map(|index| format!("g{}", index % 500))
        .collect();
    doc.room.mailboxes = (0..5_000)
        .map(|index| format!("r{index}@contoso.com"))
        .collect();
    // Compact JSON: just under the 1 MiB a document may have.
    let config = dir.path().join("long.json");
    std::fs::write(&config, serde_json::to_string(&doc).unwrap()).unwrap();
    assert!(std::fs::metadata(&config).unwrap().len() < 1024 * 1024);
    let mut command = bin();
    command
        .args(["validate", "--json", "--config"])
        .arg(&config);
    let output = run_bounded(command, Duration::from_secs(120));
    assert_eq!(output.status.code(), Some(1), "{}", all_output(&output));
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let findings = json["findings"].as_array().unwrap();
    let messages: Vec<&str> = findings
        .iter()
        .filter_map(|finding| finding["message"].as_str())
        .collect();
    assert!(
        messages
            .iter()
            .any(|message| message.contains("100000 default user groups")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|message| message.contains("5000 room mailboxes")),
        "{messages:?}"
    );
    // Only the first groups within the cap are looked at one by one.
    assert!(findings.len() < 300, "{} findings", findings.len());
}

#[test]
fn loopback_requests_never_go_through_a_proxy() {
    let (proxy, connections) = capture_proxy();
    let base = echoing_login_server();
    let dir = tempfile::tempdir().unwrap();
    let config = write_doc(dir.path(), &valid_document());
    let mut command = bin();
    with_login(&mut command, &base);
    command
        .args(["check", "--json", "--only", "tenant", "--config"])
        .arg(&config);
    for name in [
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
    ] {
        command.env(name, &proxy);
    }
    let output = run_bounded(command, Duration::from_secs(60));
    assert_eq!(output.status.code(), Some(0), "{}", all_output(&output));
    assert_eq!(connections.load(Ordering::SeqCst), 0);

    // The ONES client: an export to a loopback ONES with the Authorization header.
    let ones = echoing_ones_server();
    let mut command = bin();
    command
        .args(["export", "--dry-run", "--ones-url", &ones, "--config"])
        .arg(&config)
        .env("ONES_API_KEY", ONES_TOKEN);
    for name in ["HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"] {
        command.env(name, &proxy);
    }
    let output = run_bounded(command, Duration::from_secs(60));
    assert_eq!(output.status.code(), Some(1), "{}", all_output(&output));
    assert_eq!(connections.load(Ordering::SeqCst), 0);
}

#[test]
fn a_failing_proxy_is_named_with_who_set_it() {
    let dir = tempfile::tempdir().unwrap();
    let config = write_doc(dir.path(), &valid_document());
    // A closed port on this machine: the connection to the proxy fails at once, nothing leaves.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let proxy = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let mut command = bin();
    command
        .args([
            "check",
            "--only",
            "tenant",
            "--timeout-secs",
            "5",
            "--config",
        ])
        .arg(&config)
        .env("HTTPS_PROXY", &proxy);
    let output = run_bounded(command, Duration::from_secs(60));
    let text = all_output(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    let address = proxy.trim_start_matches("http://");
    assert!(
        text.contains(&format!("through the proxy {address} set by HTTPS_PROXY")),
        "{text}"
    );
}

#[test]
fn a_secret_echoed_by_the_token_endpoint_never_reaches_any_output() {
    let base = echoing_login_server();
    let dir = tempfile::tempdir().unwrap();
    let config = write_doc(dir.path(), &valid_document());
    let report = dir.path().join("report.md");
    for json in [false, true] {
        let mut command = bin();
        with_login(&mut command, &base);
        command
            .args([
                "check",
                "--only",
                "tenant",
                "--only",
                "server-secret",
                "--only",
                "sso-secret",
                "--config",
            ])
            .arg(&config)
            .arg("--report")
            .arg(&report)
            .env("ONES_M365_SSO_SECRET", ENV_SECRET);
        if json {
            command.arg("--json");
        }
        let output = run_bounded(command, Duration::from_secs(60));
        let text = all_output(&output);
        assert_eq!(output.status.code(), Some(1), "{text}");
        let report_text = std::fs::read_to_string(&report).unwrap();
        for secret in [SERVER_SECRET, ENV_SECRET] {
            let encoded: String = url::form_urlencoded::byte_serialize(secret.as_bytes()).collect();
            for (what, haystack) in [("output", &text), ("report", &report_text)] {
                assert!(
                    !haystack.contains(secret),
                    "{what} holds the secret: {haystack}"
                );
                assert!(
                    !haystack.contains(&encoded),
                    "{what} holds it encoded: {haystack}"
                );
            }
        }
        assert!(text.contains("<redacted>"), "{text}");
        assert!(report_text.contains("<redacted>"), "{report_text}");
        if json {
            let _: Value = serde_json::from_slice(&output.stdout).unwrap();
        }
    }
    // The document's SSO secret was replaced by the environment's and never sent: not required.
    let _ = SSO_SECRET;
}

#[test]
fn an_api_token_echoed_by_ones_never_reaches_any_output() {
    let ones = echoing_ones_server();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("pulled.json");
    let mut command = bin();
    command
        .args(["pull", "--ones-url", &ones, "--name", "Head office", "-o"])
        .arg(&out)
        .env("ONES_API_KEY", ONES_TOKEN);
    let output = run_bounded(command, Duration::from_secs(60));
    let text = all_output(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(!text.contains(ONES_TOKEN), "{text}");
    assert!(text.contains("<redacted>"), "{text}");
}

#[test]
fn a_secret_typed_into_the_wrong_field_is_not_echoed_by_load_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.json");
    let secret = "Wr0Q~typedIntoTheWrongField0123456789abc";
    let document = serde_json::json!({
        "schema": "ones-m365/1",
        "name": "Head office",
        "server_app": { "client_secret_expires_on": secret },
        "sso_app": { secret: true },
    });
    std::fs::write(&path, document.to_string()).unwrap();
    for json in [false, true] {
        let mut command = bin();
        command.args(["validate", "--config"]).arg(&path);
        if json {
            command.arg("--json");
        }
        let output = run_bounded(command, Duration::from_secs(20));
        let text = all_output(&output);
        assert!(!text.contains(secret), "{text}");
        assert!(text.contains("characters"), "{text}");
    }
}

#[test]
fn a_report_never_replaces_the_document_and_keeps_a_files_permissions() {
    let dir = tempfile::tempdir().unwrap();
    let config = write_doc(dir.path(), &valid_document());
    let before = std::fs::read(&config).unwrap();
    let mut command = bin();
    command
        .args(["check", "--only", "lint", "--config"])
        .arg(&config)
        .arg("--report")
        .arg(dir.path().join(".").join("integration.json"));
    let output = run_bounded(command, Duration::from_secs(20));
    assert_eq!(output.status.code(), Some(2), "{}", all_output(&output));
    assert!(
        all_output(&output).contains("would replace the document given to --config"),
        "{}",
        all_output(&output)
    );
    assert_eq!(std::fs::read(&config).unwrap(), before);
    // With --json, stdout is still one object: the error (not the result and then the error).
    let mut command = bin();
    command
        .args(["check", "--json", "--only", "lint", "--config"])
        .arg(&config)
        .arg("--report")
        .arg(&config);
    let output = run_bounded(command, Duration::from_secs(20));
    assert_eq!(output.status.code(), Some(2), "{}", all_output(&output));
    let json: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|error| panic!("{error}: {}", all_output(&output)));
    assert_eq!(json["ok"], false);
    assert!(json.get("checks").is_none(), "{json}");
    for key in ["kind", "message", "hint"] {
        assert!(json["error"][key].is_string(), "{json}");
    }
    assert_eq!(std::fs::read(&config).unwrap(), before);

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let report = dir.path().join("private-report.md");
        std::fs::write(&report, "old").unwrap();
        std::fs::set_permissions(&report, std::fs::Permissions::from_mode(0o600)).unwrap();
        let mut command = bin();
        command
            .args(["check", "--only", "lint", "--config"])
            .arg(&config)
            .arg("--report")
            .arg(&report);
        let output = run_bounded(command, Duration::from_secs(20));
        assert_eq!(output.status.code(), Some(0), "{}", all_output(&output));
        let mode = std::fs::metadata(&report).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert!(std::fs::read_to_string(&report).unwrap().starts_with('#'));
    }
}

#[test]
fn control_sequences_from_a_document_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = valid_document();
    doc.name = "Head\u{1b}]0;pwned\u{7} office\u{1b}[2J".to_owned();
    doc.room.mailboxes = vec!["room-\u{202E}101@contoso.com".to_owned()];
    doc.server_app.client_secret = Secret::new(SERVER_SECRET);
    let config = write_doc(dir.path(), &doc);
    let mut command = bin();
    command.args(["validate", "--config"]).arg(&config);
    let output = run_bounded(command, Duration::from_secs(20));
    assert_eq!(output.status.code(), Some(1), "{}", all_output(&output));
    let text = all_output(&output);
    assert!(!text.contains('\u{1b}'), "{text:?}");
    assert!(!text.contains('\u{7}'), "{text:?}");
    assert!(!text.contains('\u{202E}'), "{text:?}");
    assert!(text.contains("\\u202E"), "{text}");

    // Validation flags the mailbox and the name (not only the terminal's view of them).
    let report = ones_m365_assistant::model::validate(&doc, common::today());
    use ones_m365_assistant::model::Field;
    assert!(report.for_field(Field::Mailboxes).next().is_some());
    assert!(report.for_field(Field::Name).next().is_some());
}

#[test]
fn json_mode_prints_one_object_also_for_usage_errors() {
    for args in [
        vec!["validate", "--config", "/missing/doc.json", "--json"],
        vec!["validate", "--json", "--no-such-flag"],
        vec!["check", "--json", "--config", "/missing/doc.json"],
    ] {
        let mut command = bin();
        command.args(&args);
        let output = run_bounded(command, Duration::from_secs(20));
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let json: Value = serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|error| panic!("{args:?}: {error}: {}", all_output(&output)));
        assert_eq!(json["ok"], false);
        for key in ["kind", "message", "hint"] {
            assert!(json["error"][key].is_string(), "{args:?}: {json}");
        }
    }
}

#[test]
fn no_colour_codes_when_piped_and_usage_errors_are_one_line_with_a_hint() {
    let mut command = bin();
    command.env_remove("NO_COLOR").arg("--help");
    let output = run_bounded(command, Duration::from_secs(20));
    assert_eq!(output.status.code(), Some(0));
    assert!(!output.stdout.contains(&0x1b));
    assert!(String::from_utf8_lossy(&output.stdout).contains("Usage"));

    let mut command = bin();
    command.env_remove("NO_COLOR").args(["check", "--bogus"]);
    let output = run_bounded(command, Duration::from_secs(20));
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(lines[0].starts_with("error: "), "{stderr}");
    assert!(lines[1].trim_start().starts_with("hint: "), "{stderr}");
    assert!(lines[1].contains("ones-m365 check --help"), "{stderr}");
}

#[test]
fn plain_http_on_an_https_address_is_named_without_talking_about_port_443() {
    // Answers in plain HTTP at once, before reading anything (as a plain-http server on the port
    // does when TLS bytes arrive).
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let _ = stream.write_all(
                b"HTTP/1.1 400 Bad Request\r\ncontent-length: 7\r\nconnection: close\r\n\r\nnot tls",
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let mut command = bin();
    command
        .args([
            "pull",
            "--ones-url",
            &format!("https://127.0.0.1:{port}"),
            "--name",
            "Head office",
            "-o",
        ])
        .arg(dir.path().join("pulled.json"))
        .env("ONES_API_KEY", ONES_TOKEN);
    let output = run_bounded(command, Duration::from_secs(60));
    let text = all_output(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(text.contains("does not speak HTTPS"), "{text}");
    assert!(!text.contains("443"), "{text}");
}

#[test]
fn ones_errors_are_one_line_and_a_hint() {
    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("https://127.0.0.1:{}", closed.local_addr().unwrap().port());
    drop(closed);
    let dir = tempfile::tempdir().unwrap();
    let config = write_doc(dir.path(), &valid_document());
    let mut export = bin();
    export
        .args(["export", "--dry-run", "--ones-url", &address, "--config"])
        .arg(&config)
        .env("ONES_API_KEY", ONES_TOKEN);
    let mut pull = bin();
    pull.args([
        "pull",
        "--ones-url",
        &address,
        "--name",
        "Head office",
        "-o",
    ])
    .arg(dir.path().join("pulled.json"))
    .env("ONES_API_KEY", ONES_TOKEN);
    for command in [export, pull] {
        let output = run_bounded(command, Duration::from_secs(60));
        assert_eq!(output.status.code(), Some(1), "{}", all_output(&output));
        let stderr = String::from_utf8_lossy(&output.stderr);
        let lines: Vec<&str> = stderr.lines().collect();
        assert_eq!(lines.len(), 2, "{stderr}");
        assert!(lines[0].starts_with("error: "), "{stderr}");
        assert!(
            lines[1].contains("hint: the address comes from --ones-url"),
            "{stderr}"
        );
    }
}
