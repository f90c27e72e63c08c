//! `ones-m365 rooms`: the room test — the service account's sign-in in a browser on this
//! computer, then every room calendar of the document — streamed as text or printed as one JSON
//! object, optionally with the Markdown diagnostic report. Builds its own tokio runtime.
//!
//! The server secret may come from `ONES_M365_SERVER_SECRET` (it replaces the document's). No
//! output of this command ever contains a secret or a token; the token is dropped (wiped) before
//! the summary is printed.

use std::io::Write;

use serde_json::{Value, json};

use super::check::SERVER_SECRET_ENV;
use super::{Io, Outcome, args::RoomsArgs, print_load_warnings, read_config, write_json};
use crate::checks::report::markdown_room_report;
use crate::checks::{CheckStatus, Endpoints, RunId};
use crate::model::{IntegrationDocument, Secret};
use crate::net::{DEFAULT_CONNECT_TIMEOUT_SECS, NetSettings};
use crate::rooms::{
    RoomEvent, RoomResult, RoomTestEvent, RoomTestOptions, RoomTestReport, RoomTestRun, RoomTester,
    SignInReport, Verdict, loopback_setup, unique_mailboxes,
};
use crate::store::write_atomically;

pub fn run(options: &RoomsArgs, io: &mut Io<'_>) -> Outcome {
    let Some(loaded) = read_config(&options.config, io) else {
        return Outcome::UsageError;
    };
    let mut doc = loaded.document.clone();
    if let Some(secret) = std::env::var(SERVER_SECRET_ENV)
        .ok()
        .filter(|value| !value.is_empty())
    {
        doc.server_app.client_secret = Secret::new(secret);
    }
    let endpoints = match Endpoints::from_env() {
        Ok(endpoints) => endpoints,
        Err(error) => {
            return usage(
                io,
                &error.to_string(),
                "fix or unset the variable, then run the test again.",
            );
        }
    };
    let net = NetSettings {
        timeout_secs: options.timeout_secs,
        connect_timeout_secs: DEFAULT_CONNECT_TIMEOUT_SECS.min(options.timeout_secs),
        ..NetSettings::default()
    };
    let tester = match RoomTester::new(&net, endpoints) {
        Ok(tester) => tester.with_options(RoomTestOptions {
            callback_timeout_secs: options.wait_secs,
            ..RoomTestOptions::default()
        }),
        Err(error) => {
            return usage(
                io,
                &error.to_string(),
                "check the proxy settings (HTTPS_PROXY, NO_PROXY).",
            );
        }
    };
    print_load_warnings(&loaded, io);
    let mailboxes = unique_mailboxes(&doc.room.mailboxes);
    if mailboxes.is_empty() {
        let _ = writeln!(
            io.stderr,
            "error: the document lists no room mailboxes (room.mailboxes)\n  hint: add the rooms' addresses on the \
             Room settings screen, then run the test again."
        );
        return Outcome::Failure;
    }
    let Some(runtime) = super::network_runtime(io) else {
        return Outcome::UsageError;
    };
    if let Some(banner) = tester.endpoints().banner() {
        let _ = writeln!(io.stderr, "note: {banner}");
    }
    let json_mode = options.json;
    if !json_mode {
        let name = if doc.name.trim().is_empty() {
            "(unnamed integration)"
        } else {
            doc.name.trim()
        };
        let _ = writeln!(
            io.stdout,
            "Room test for {name} — operator {}, login {}, {} room{}",
            doc.operator.ones_label(),
            tester.endpoints().login(doc.operator),
            mailboxes.len(),
            if mailboxes.len() == 1 { "" } else { "s" }
        );
    }

    let no_browser = options.no_browser;
    let RoomTestRun { report, session } = runtime.block_on(tester.run(
        &doc,
        RunId(1),
        |event| match event {
            RoomTestEvent::OpenBrowser(prompt) => {
                // The address goes where a person (or a script playing the browser) reads it:
                // stdout in text mode, stderr when stdout carries the JSON.
                let out: &mut dyn Write = if json_mode {
                    &mut *io.stderr
                } else {
                    &mut *io.stdout
                };
                let _ = writeln!(
                    out,
                    "Sign in as the service account at this address, in a browser on this computer:\n  {}\n{}",
                    prompt.authorize_url, prompt.instructions
                );
                if !no_browser && let Err(error) = open_in_browser(&prompt.authorize_url) {
                    let _ = writeln!(
                        out,
                        "note: no browser could be opened ({error}); open the address above yourself."
                    );
                }
                let _ = out.flush();
            }
            RoomTestEvent::SignedIn(sign_in) if !json_mode => {
                print_sign_in(&sign_in, &doc, &mut *io.stdout)
            }
            RoomTestEvent::Room(RoomEvent::Finished(result)) if !json_mode => {
                print_room(&result, &mut *io.stdout)
            }
            _ => {}
        },
    ));
    // The test is over: the token is wiped here, before anything else is written.
    drop(session);
    drop(runtime);

    let mut outcome = if report.ok() {
        Outcome::Success
    } else {
        Outcome::Failure
    };
    if json_mode {
        write_json(&report_json(&report), io);
    } else {
        let _ = writeln!(
            io.stdout,
            "{} of {} room{} passed{}",
            report.count(CheckStatus::Pass),
            report.rooms.len(),
            if report.rooms.len() == 1 { "" } else { "s" },
            if report.ok() {
                ""
            } else {
                " — fix the problems above, then run the test again"
            }
        );
    }
    if let Some(path) = &options.report {
        let text = markdown_room_report(&doc, tester.endpoints(), &report);
        if let Err(error) = write_atomically(path, text.as_bytes(), false) {
            let _ = writeln!(
                io.stderr,
                "error: can't write the report ({error}): {}",
                path.display()
            );
            outcome = Outcome::UsageError;
        } else if !json_mode {
            let _ = writeln!(io.stdout, "Diagnostic report written to {}", path.display());
        }
    }
    outcome
}

fn usage(io: &mut Io<'_>, error: &str, hint: &str) -> Outcome {
    let _ = writeln!(io.stderr, "error: {error}\n  hint: {hint}");
    Outcome::UsageError
}

/// The JSON contract: `ok`, `sign_in` (a verdict: `status`, `aadsts`, `summary`, `fix`, …),
/// `refresh_token`, `scopes`, `rooms` (`mailbox`, `status`, `can_edit`, `summary`, `fix`, …), plus
/// the other two sign-in verdicts and the signed-in account.
fn report_json(report: &RoomTestReport) -> Value {
    let verdict = |verdict: &Verdict| serde_json::to_value(verdict).unwrap_or_else(|_| json!({}));
    let rooms: Vec<Value> = report
        .rooms
        .iter()
        .map(|room| serde_json::to_value(room).unwrap_or_else(|_| json!({})))
        .collect();
    json!({
        "ok": report.ok(),
        "sign_in": verdict(&report.sign_in.sign_in),
        "refresh_token": report.sign_in.refresh_token_issued,
        "scopes": report.sign_in.scopes,
        "offline_access": verdict(&report.sign_in.offline_access),
        "calendars_scope": verdict(&report.sign_in.calendars_scope),
        "account": report.sign_in.account,
        "redirect_uri": report.sign_in.redirect_uri,
        "rooms": rooms,
    })
}

fn tag(status: CheckStatus) -> &'static str {
    match status {
        CheckStatus::Pass => "pass",
        CheckStatus::Warn => "WARN",
        CheckStatus::Fail => "FAIL",
        CheckStatus::Skip => "skip",
    }
}

fn print_sign_in(sign_in: &SignInReport, doc: &IntegrationDocument, out: &mut dyn Write) {
    for (index, (title, verdict)) in sign_in.verdicts().into_iter().enumerate() {
        print_verdict(title, verdict, out);
        let about_the_redirect_uri = verdict.aadsts.is_some_and(|code| {
            matches!(code, 50011 | 70004 | 500113 | 700025 | 9002326 | 9002327)
        });
        if index == 0 && about_the_redirect_uri {
            let setup = loopback_setup(doc);
            let _ = writeln!(out, "       why: {}", setup.why);
            for (number, step) in setup.steps.iter().enumerate() {
                let _ = writeln!(out, "       {}. {step}", number + 1);
            }
            let _ = writeln!(out, "       afterwards: {}", setup.removal_reminder);
        }
    }
}

fn print_verdict(title: &str, verdict: &Verdict, out: &mut dyn Write) {
    let _ = writeln!(out, "[{}] {title}", tag(verdict.status));
    let _ = writeln!(out, "       {}", verdict.summary);
    if let Some(fix) = &verdict.fix {
        let _ = writeln!(out, "       fix: {fix}");
    }
    if let Some(portal) = &verdict.portal {
        let _ = writeln!(out, "       on: {} — {}", portal.title, portal.url);
    }
    let mut ids = Vec::new();
    if let Some(code) = verdict.aadsts {
        ids.push(format!("AADSTS{code}"));
    }
    if let Some(error) = &verdict.error {
        ids.push(format!("error {error}"));
    }
    if let Some(trace) = &verdict.trace_id {
        ids.push(format!("trace {trace}"));
    }
    if let Some(correlation) = &verdict.correlation_id {
        ids.push(format!("correlation {correlation}"));
    }
    if let Some(timestamp) = &verdict.timestamp {
        ids.push(timestamp.clone());
    }
    if !ids.is_empty() {
        let _ = writeln!(out, "       {}", ids.join(" · "));
    }
    if let Some(url) = &verdict.error_lookup_url {
        let _ = writeln!(out, "       explanation: {url}");
    }
    let _ = out.flush();
}

fn print_room(result: &RoomResult, out: &mut dyn Write) {
    let _ = writeln!(out, "[{}] {}", tag(result.status), result.mailbox);
    let _ = writeln!(out, "       {}", result.summary);
    if let Some(fix) = &result.fix {
        let _ = writeln!(out, "       fix: {fix}");
    }
    if let Some(request_id) = &result.request_id {
        let _ = writeln!(out, "       request {request_id}");
    }
    let _ = out.flush();
}

/// Opens `url` in the system browser (the CLI has no GUI toolkit to do it).
fn open_in_browser(url: &str) -> std::io::Result<()> {
    use std::process::{Command, Stdio};
    let mut command = if cfg!(target_os = "windows") {
        let mut command = Command::new("rundll32");
        command.args(["url.dll,FileProtocolHandler", url]);
        command
    } else if cfg!(target_os = "macos") {
        let mut command = Command::new("open");
        command.arg(url);
        command
    } else {
        let mut command = Command::new("xdg-open");
        command.arg(url);
        command
    };
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    // Reap the opener when it exits; the browser itself lives on.
    std::thread::spawn(move || {
        let _ = child.wait();
    });
    Ok(())
}
