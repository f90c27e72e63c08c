//! `ones-m365 check`: the live checks against Microsoft, streamed as text or printed as one JSON
//! object, optionally with the Markdown diagnostic report. Builds its own tokio runtime.
//!
//! Secrets may come from `ONES_M365_SERVER_SECRET` / `ONES_M365_SSO_SECRET` (they replace the
//! document's). No output of this command ever contains a secret.

use std::io::Write;

use serde_json::{Value, json};

use super::{EnvSecret, Io, MicrosoftSession, Outcome, RunEnd, args::CheckArgs, warnings_count};
use crate::checks::{
    CheckFilter, CheckResult, CheckStatus, Checker, InOrder, RunId, markdown_report,
};
use crate::cloud::AppRole;
use crate::i18n::SummaryAndFix as _;
use crate::i18n::{Text, tr};

pub const SERVER_SECRET_ENV: &str = "ONES_M365_SERVER_SECRET";
pub const SSO_SECRET_ENV: &str = "ONES_M365_SSO_SECRET";

pub fn run(options: &CheckArgs, io: &mut Io<'_>) -> Outcome {
    let env_secrets = [
        EnvSecret {
            variable: SERVER_SECRET_ENV,
            role: AppRole::Server,
        },
        EnvSecret {
            variable: SSO_SECRET_ENV,
            role: AppRole::Sso,
        },
    ];
    let session = match MicrosoftSession::start(
        &options.config,
        options.timeout_secs,
        &env_secrets,
        "cli.check.hint.variable",
        io,
    ) {
        Ok(session) => session,
        Err(outcome) => return outcome,
    };
    let filter: CheckFilter = options.only.iter().copied().collect();
    let checker = match Checker::new(&session.net, session.endpoints.clone()) {
        Ok(checker) => checker,
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
    let today = chrono::Local::now().date_naive();
    let json_mode = options.json;
    if !json_mode {
        let name = super::display_name(doc);
        let _ = writeln!(
            io.stdout,
            "{}",
            tr(
                "cli.check.heading",
                &[
                    ("name", &name),
                    ("operator", doc.operator.ones_label()),
                    ("login", checker.endpoints().login(doc.operator)),
                ]
            )
        );
    }
    let stdout = &mut *io.stdout;
    // Streamed as they come, yet always in the one display order (the JSON and report's too).
    let mut in_order = InOrder::new();
    let report = session
        .runtime
        .block_on(checker.run(doc, today, &filter, RunId(1), |event| {
            if !json_mode {
                for result in in_order.push(event) {
                    print_result(&result, stdout);
                }
            }
        }));
    for result in in_order.finish() {
        print_result(&result, stdout);
    }
    // Settled after the results streamed out: said once more, at the end, where it is read.
    if !json_mode {
        for swap in &report.suspected_swaps {
            let _ = writeln!(stdout, "{}", swap.text().localized());
        }
    }

    RunEnd {
        ok: report.ok(),
        json_mode,
        report: options.report.as_deref(),
        config: &options.config,
    }
    .finish(
        io,
        || {
            let checks: Vec<Value> = report.results.iter().map(result_json).collect();
            let mut value = json!({ "ok": report.ok(), "checks": checks });
            if !report.suspected_swaps.is_empty() {
                value["suspected_swaps"] = json!(report.suspected_swaps);
            }
            value
        },
        || {
            Text::new(if report.ok() {
                "cli.check.totals"
            } else {
                "cli.check.totals_failed"
            })
            .arg("passed", report.count(CheckStatus::Pass))
            .arg_text("warnings", warnings_count(report.count(CheckStatus::Warn)))
            .arg("failed", report.count(CheckStatus::Fail))
            .arg("skipped", report.count(CheckStatus::Skip))
        },
        || markdown_report(doc, checker.endpoints(), &report),
    )
}

/// One check in the JSON output: the contract keys (`id`, `status`, `aadsts`, `summary`, `fix`,
/// `trace_id`) and every other field of [`CheckResult`], plus its title.
fn result_json(result: &CheckResult) -> Value {
    let mut value = serde_json::to_value(result).unwrap_or_else(|_| json!({}));
    if let Value::Object(map) = &mut value {
        map.insert("title".to_owned(), Value::String(result.id.title()));
    }
    value
}

fn print_result(result: &CheckResult, out: &mut dyn Write) {
    let _ = writeln!(
        out,
        "[{}] {} — {}",
        super::status_tag(result.status),
        result.id,
        result.id.localized_title()
    );
    super::print_answer(
        out,
        &super::PrintedAnswer {
            summary: result.localized_summary(),
            fix: result.localized_fix(),
            answer: &result.answer,
            // Microsoft's own words only where the advice table has none for the code.
            show_description: result
                .answer
                .aadsts
                .and_then(crate::checks::advice::advice_for)
                .is_none(),
        },
    );
}
