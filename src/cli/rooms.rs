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
use super::{EnvSecret, Io, MicrosoftSession, Outcome, RunEnd, args::RoomsArgs};
use crate::checks::report::markdown_room_report;
use crate::checks::{CheckStatus, RunId};
use crate::cloud::AppRole;
use crate::i18n::SummaryAndFix as _;
use crate::i18n::{Text, tr};
use crate::model::IntegrationDocument;
use crate::rooms::{
    RoomEvent, RoomResult, RoomTestEvent, RoomTestOptions, RoomTestReport, RoomTestRun, RoomTester,
    SignInReport, Verdict, loopback_setup, unique_mailboxes,
};

pub fn run(options: &RoomsArgs, io: &mut Io<'_>) -> Outcome {
    let env_secrets = [EnvSecret {
        variable: SERVER_SECRET_ENV,
        role: AppRole::Server,
    }];
    let session = match MicrosoftSession::start(
        &options.config,
        options.timeout_secs,
        &env_secrets,
        "cli.rooms.hint.variable",
        io,
    ) {
        Ok(session) => session,
        Err(outcome) => return outcome,
    };
    let tester = match RoomTester::new(&session.net, session.endpoints.clone()) {
        Ok(tester) => tester.with_options(RoomTestOptions {
            callback_timeout_secs: options.wait_secs,
            ..RoomTestOptions::default()
        }),
        Err(error) => {
            return super::usage_error(
                io,
                super::ErrorKind::Setup,
                error.text(),
                Text::new("cli.check.hint.proxy"),
            );
        }
    };
    session.print_notes(io);
    let doc = &session.doc;
    let mailboxes = unique_mailboxes(&doc.room.mailboxes);
    if mailboxes.is_empty() {
        return super::fail(
            io,
            Outcome::Failure,
            super::ErrorKind::Config,
            Text::new("cli.rooms.no_mailboxes"),
            Text::new("cli.rooms.hint.no_mailboxes"),
        );
    }
    let json_mode = options.json;
    if !json_mode {
        let name = super::display_name(doc);
        let _ = writeln!(
            io.stdout,
            "{}",
            Text::new("cli.rooms.heading")
                .arg("name", name)
                .arg("operator", doc.operator.ones_label())
                .arg("login", tester.endpoints().login(doc.operator))
                .arg_text("rooms", rooms_count(mailboxes.len()))
                .localized()
        );
    }

    let no_browser = options.no_browser;
    let RoomTestRun { report, session } =
        session
            .runtime
            .block_on(tester.run(doc, RunId(1), |event| match event {
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
                        "{}\n  {}\n{}",
                        tr("cli.rooms.sign_in_at", &[]),
                        prompt.authorize_url,
                        prompt.localized_instructions()
                    );
                    if !no_browser
                        && let Err(error) = crate::opener::open_in_browser(&prompt.authorize_url)
                    {
                        let _ = writeln!(
                            out,
                            "{}",
                            tr("cli.rooms.no_browser", &[("error", &error.to_string())])
                        );
                    }
                    let _ = out.flush();
                }
                RoomTestEvent::SignedIn(sign_in) if !json_mode => {
                    print_sign_in(&sign_in, doc, &mut *io.stdout)
                }
                RoomTestEvent::Room(RoomEvent::Finished(result)) if !json_mode => {
                    print_room(&result, &mut *io.stdout)
                }
                _ => {}
            }));
    // The test is over: the token is wiped here, before anything else is written.
    drop(session);

    RunEnd {
        ok: report.ok(),
        json_mode,
        report: options.report.as_deref(),
        config: &options.config,
    }
    .finish(
        io,
        || report_json(&report),
        || {
            Text::new(if report.ok() {
                "cli.rooms.totals"
            } else {
                "cli.rooms.totals_failed"
            })
            .arg("passed", report.count(CheckStatus::Pass))
            .arg_text("rooms", rooms_count(report.rooms.len()))
        },
        || markdown_room_report(doc, tester.endpoints(), &report),
    )
}

/// "1 room", "3 rooms" in the current language.
fn rooms_count(count: usize) -> Text {
    Text::counted(count, "cli.count.rooms.one", "cli.count.rooms.other")
}

/// The JSON contract: `ok`, `sign_in` (a verdict: `status`, `aadsts`, `summary`, `fix`, …),
/// `refresh_token`, `scopes`, `rooms` (`mailbox`, `status`, `can_edit`, `summary`, `fix`,
/// `fix_command`, …), plus the other two sign-in verdicts and the signed-in account.
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

fn print_sign_in(sign_in: &SignInReport, doc: &IntegrationDocument, out: &mut dyn Write) {
    for (index, (title, verdict)) in sign_in.localized_verdicts().into_iter().enumerate() {
        print_verdict(&title, verdict, out);
        let about_the_redirect_uri = verdict.answer.aadsts.is_some_and(|code| {
            matches!(code, 50011 | 70004 | 500113 | 700025 | 9002326 | 9002327)
        });
        if index == 0 && about_the_redirect_uri {
            let setup = loopback_setup(doc);
            let _ = writeln!(
                out,
                "       {}",
                tr("cli.rooms.why", &[("why", &setup.localized_why())])
            );
            for (number, step) in setup.localized_steps().iter().enumerate() {
                let _ = writeln!(out, "       {}. {step}", number + 1);
            }
            let _ = writeln!(
                out,
                "       {}",
                tr(
                    "cli.rooms.afterwards",
                    &[("reminder", &setup.localized_removal_reminder())]
                )
            );
        }
    }
}

fn print_verdict(title: &str, verdict: &Verdict, out: &mut dyn Write) {
    let _ = writeln!(out, "[{}] {title}", super::status_tag(verdict.status));
    super::print_answer(
        out,
        &super::PrintedAnswer {
            summary: verdict.localized_summary(),
            fix: verdict.localized_fix(),
            answer: &verdict.answer,
            show_description: false,
        },
    );
}

fn print_room(result: &RoomResult, out: &mut dyn Write) {
    let _ = writeln!(
        out,
        "[{}] {}",
        super::status_tag(result.status),
        result.mailbox
    );
    let _ = writeln!(out, "       {}", result.localized_summary());
    if let Some(fix) = result.localized_fix() {
        let _ = writeln!(out, "       {}", tr("cli.fix", &[("fix", &fix)]));
    }
    if let Some(request_id) = &result.request_id {
        let _ = writeln!(out, "       request {request_id}");
    }
    let _ = out.flush();
}
