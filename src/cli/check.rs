//! `ones-m365 check`: the live checks against Microsoft, streamed as text or printed as one JSON
//! object, optionally with the Markdown diagnostic report. Builds its own tokio runtime.
//!
//! Secrets may come from `ONES_M365_SERVER_SECRET` / `ONES_M365_SSO_SECRET` (they replace the
//! document's). No output of this command ever contains a secret.

use std::io::Write;

use serde_json::{Value, json};

use super::{
    Io, Outcome, args::CheckArgs, print_load_warnings, read_config, warnings_count, write_json,
};
use crate::checks::{
    CheckFilter, CheckResult, CheckStatus, Checker, Endpoints, InOrder, RunId, markdown_report,
};
use crate::i18n::{Text, tr};
use crate::model::Secret;
use crate::net::{DEFAULT_CONNECT_TIMEOUT_SECS, NetSettings};

pub const SERVER_SECRET_ENV: &str = "ONES_M365_SERVER_SECRET";
pub const SSO_SECRET_ENV: &str = "ONES_M365_SSO_SECRET";

pub fn run(options: &CheckArgs, io: &mut Io<'_>) -> Outcome {
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
    if let Some(secret) = std::env::var(SSO_SECRET_ENV)
        .ok()
        .filter(|value| !value.is_empty())
    {
        doc.sso_app.client_secret = Secret::new(secret);
    }
    let filter = match CheckFilter::parse(&options.only) {
        Ok(filter) => filter,
        Err(error) => {
            return usage(
                io,
                "usage",
                Text::verbatim(error),
                Text::new("cli.check.hint.help"),
            );
        }
    };
    let endpoints = match Endpoints::from_env() {
        Ok(endpoints) => endpoints,
        Err(error) => {
            return usage(
                io,
                "environment",
                error.text(),
                Text::new("cli.check.hint.variable"),
            );
        }
    };
    let net = NetSettings {
        timeout_secs: options.timeout_secs,
        connect_timeout_secs: DEFAULT_CONNECT_TIMEOUT_SECS.min(options.timeout_secs),
        ..NetSettings::default()
    };
    let checker = match Checker::new(&net, endpoints) {
        Ok(checker) => checker,
        Err(error) => {
            return usage(io, "setup", error.text(), Text::new("cli.check.hint.proxy"));
        }
    };
    let Some(runtime) = super::network_runtime(io) else {
        return Outcome::UsageError;
    };

    print_load_warnings(&loaded, io);
    if let Some(banner) = checker.endpoints().localized_banner() {
        let _ = writeln!(io.stderr, "{}", tr("cli.note", &[("message", &banner)]));
    }
    let today = chrono::Local::now().date_naive();
    let json_mode = options.json;
    if !json_mode {
        let name = if doc.name.trim().is_empty() {
            tr("cli.validate.unnamed", &[])
        } else {
            doc.name.trim().to_owned()
        };
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
    let report = runtime.block_on(checker.run(&doc, today, &filter, RunId(1), |event| {
        if !json_mode {
            for result in in_order.push(event) {
                print_result(&result, stdout);
            }
        }
    }));
    for result in in_order.finish() {
        print_result(&result, stdout);
    }
    drop(runtime);

    let mut outcome = if report.ok() {
        Outcome::Success
    } else {
        Outcome::Failure
    };
    if json_mode {
        let checks: Vec<Value> = report.results.iter().map(result_json).collect();
        write_json(&json!({ "ok": report.ok(), "checks": checks }), io);
    } else {
        let totals = Text::new(if report.ok() {
            "cli.check.totals"
        } else {
            "cli.check.totals_failed"
        })
        .arg("passed", report.count(CheckStatus::Pass))
        .arg_text("warnings", warnings_count(report.count(CheckStatus::Warn)))
        .arg("failed", report.count(CheckStatus::Fail))
        .arg("skipped", report.count(CheckStatus::Skip));
        let _ = writeln!(io.stdout, "{}", totals.localized());
    }
    if let Some(path) = &options.report {
        let text = markdown_report(&doc, checker.endpoints(), &report);
        if !super::write_report_file(path, &options.config, &text, json_mode, io) {
            outcome = Outcome::UsageError;
        }
    }
    outcome
}

fn usage(io: &mut Io<'_>, kind: &'static str, error: Text, hint: Text) -> Outcome {
    super::usage_error(io, kind, error, hint)
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
    // Microsoft's own words only where the advice table has none for the code.
    let unexplained = match result.aadsts.and_then(crate::checks::advice::advice_for) {
        None => result.error_description.as_deref(),
        Some(_) => None,
    };
    super::print_answer(
        out,
        &super::Answer {
            summary: result.localized_summary(),
            fix: result.localized_fix(),
            portal: result.portal.as_ref(),
            aadsts: result.aadsts,
            ids: [
                &result.error,
                &result.trace_id,
                &result.correlation_id,
                &result.timestamp,
            ],
            unexplained_description: unexplained,
            error_lookup_url: result.error_lookup_url.as_deref(),
        },
    );
}
