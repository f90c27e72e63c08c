//! The "Copy diagnostic report": Markdown a helpdesk can read — app version, OS, operator, tenant,
//! client IDs, redirect URIs and every check's status, code, trace and correlation IDs and
//! timestamps; and the room test's section (sign-in verdicts, one row per room). Built only from
//! non-secret fields: it never reads a client secret or a token. No I/O.
//!
//! The report stays in English whatever the user's language: it goes to a helpdesk, and its
//! sentences are the English fields (`summary`, `fix`, …), never the localized renderings.

use std::fmt::Write as _;

use super::{CheckStatus, Endpoints, MicrosoftAnswer, SuiteReport};
use crate::i18n::SummaryAndFix;
use crate::model::IntegrationDocument;
use crate::rooms::RoomTestReport;

/// The diagnostic report of `report`, run on `doc` against `endpoints`.
pub fn markdown_report(
    doc: &IntegrationDocument,
    endpoints: &Endpoints,
    report: &SuiteReport,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# ONES Microsoft 365 — diagnostic report\n");
    let _ = writeln!(out, "| | |\n|---|---|");
    let mut rows = integration_rows(doc, endpoints);
    rows.extend([
        ("Run started", report.started_at.to_rfc3339()),
        ("Run finished", report.finished_at.to_rfc3339()),
        (
            "Result",
            format!(
                "{} — {} pass, {} warn, {} fail, {} skip",
                if report.ok() { "OK" } else { "PROBLEMS FOUND" },
                report.count(CheckStatus::Pass),
                report.count(CheckStatus::Warn),
                report.count(CheckStatus::Fail),
                report.count(CheckStatus::Skip)
            ),
        ),
    ]);
    for (key, value) in rows {
        let _ = writeln!(out, "| {key} | {} |", cell(&value));
    }
    if let Some(banner) = endpoints.banner() {
        let _ = writeln!(out, "\n> **Note:** {banner}");
    }

    let _ = writeln!(out, "\n## Checks\n");
    let _ = writeln!(
        out,
        "| check | status | AADSTS | trace ID | correlation ID | Microsoft timestamp | checked at |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|");
    for result in &report.results {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} |",
            result.id,
            result.status.as_str(),
            answer_cells(&result.answer),
            result.checked_at.to_rfc3339(),
        );
    }

    let _ = writeln!(out, "\n## Details");
    for result in &report.results {
        let _ = writeln!(
            out,
            "\n### `{}` — {} ({})\n",
            result.id,
            result.id.title(),
            result.status.as_str()
        );
        summary_lines(result, &mut out);
        if let Some(because) = result.skipped_because {
            let _ = writeln!(out, "- Skipped because: `{because}`");
        }
        answer_lines(&result.answer, &mut out);
        if let Some(tenant) = &result.tenant_id {
            let _ = writeln!(out, "- Tenant GUID: {tenant}");
        }
        if result.best_effort {
            let _ = writeln!(
                out,
                "- Best effort: reads Microsoft's sign-in page without signing in."
            );
        }
    }
    // The output boundary: no secret or token, no control character reaches the file.
    crate::redact::for_output(&out)
}

/// The rows every report starts with: assistant, OS, integration, IDs, redirect URIs, hosts.
fn integration_rows(
    doc: &IntegrationDocument,
    endpoints: &Endpoints,
) -> Vec<(&'static str, String)> {
    let input = doc.check_input();
    let name = if input.name.is_empty() {
        "(unnamed integration)"
    } else {
        input.name
    };
    vec![
        ("Assistant version", crate::build_info::version_line()),
        (
            "OS",
            format!("{} ({})", std::env::consts::OS, std::env::consts::ARCH),
        ),
        ("Integration", name.to_owned()),
        ("Service operator", doc.operator.ones_label().to_owned()),
        ("Tenant", or_dash(input.tenant)),
        ("Server app client ID", or_dash(input.server_client_id)),
        ("SSO app client ID", or_dash(input.sso_client_id)),
        ("Room redirect URI", or_dash(input.room_redirect_uri)),
        ("SSO redirect URI", or_dash(input.sso_redirect_uri)),
        (
            "Server app secret expires",
            expiry_cell(doc.server_app.client_secret_expires_on),
        ),
        (
            "SSO app secret expires",
            expiry_cell(doc.sso_app.client_secret_expires_on),
        ),
        (
            "Login hosts",
            format!("{} / {}", endpoints.global.login, endpoints.china.login),
        ),
    ]
}

/// A diagnostic report of the room test alone: the integration rows, then
/// [`markdown_room_section`].
pub fn markdown_room_report(
    doc: &IntegrationDocument,
    endpoints: &Endpoints,
    report: &RoomTestReport,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# ONES Microsoft 365 — diagnostic report\n");
    let _ = writeln!(out, "| | |\n|---|---|");
    for (key, value) in integration_rows(doc, endpoints) {
        let _ = writeln!(out, "| {key} | {} |", cell(&value));
    }
    if let Some(banner) = endpoints.banner() {
        let _ = writeln!(out, "\n> **Note:** {banner}");
    }
    out.push('\n');
    out.push_str(&markdown_room_section(report));
    // The output boundary: no secret or token, no control character reaches the file.
    crate::redact::for_output(&out)
}

/// The room test's section of the diagnostic report (append it to [`markdown_report`]): the
/// sign-in's verdicts with their codes and IDs, one row per room, then the details. Never a token.
pub fn markdown_room_section(report: &RoomTestReport) -> String {
    let mut out = String::new();
    let sign_in = &report.sign_in;
    let _ = writeln!(out, "## Room test\n");
    let _ = writeln!(out, "| | |\n|---|---|");
    let rows = [
        (
            "Signed-in account",
            sign_in.account.clone().unwrap_or_else(|| "—".to_owned()),
        ),
        (
            "Redirect URI",
            sign_in
                .redirect_uri
                .clone()
                .unwrap_or_else(|| "—".to_owned()),
        ),
        (
            "Scopes granted",
            if sign_in.scopes.is_empty() {
                "—".to_owned()
            } else {
                sign_in.scopes.join(" ")
            },
        ),
        (
            "Refresh token issued",
            if sign_in.refresh_token_issued {
                "yes"
            } else {
                "no"
            }
            .to_owned(),
        ),
        ("Sign-in started", sign_in.started_at.to_rfc3339()),
        (
            "Result",
            format!(
                "{} — {} of {} rooms pass, {} fail, {} skip",
                if report.ok() { "OK" } else { "PROBLEMS FOUND" },
                report.count(CheckStatus::Pass),
                report.rooms.len(),
                report.count(CheckStatus::Fail),
                report.count(CheckStatus::Skip)
            ),
        ),
    ];
    for (key, value) in rows {
        let _ = writeln!(out, "| {key} | {} |", cell(&value));
    }

    let _ = writeln!(
        out,
        "\n| sign-in step | status | AADSTS | trace ID | correlation ID | Microsoft timestamp |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|");
    for (title, verdict) in sign_in.verdicts() {
        let _ = writeln!(
            out,
            "| {title} | {} | {} |",
            verdict.status.as_str(),
            answer_cells(&verdict.answer),
        );
    }

    let _ = writeln!(
        out,
        "\n| room | status | canEdit | HTTP | Graph error | request ID | checked at |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|");
    for room in &report.rooms {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            cell(&room.mailbox),
            room.status.as_str(),
            room.can_edit
                .map_or_else(|| "—".to_owned(), |can_edit| can_edit.to_string()),
            room.http_status
                .map_or_else(|| "—".to_owned(), |status| status.to_string()),
            cell(room.graph_error.as_deref().unwrap_or("—")),
            cell(room.request_id.as_deref().unwrap_or("—")),
            room.checked_at.to_rfc3339(),
        );
    }

    let _ = writeln!(out, "\n### Room test details");
    for (title, verdict) in sign_in.verdicts() {
        let _ = writeln!(out, "\n#### {title} ({})\n", verdict.status.as_str());
        summary_lines(verdict, &mut out);
        answer_lines(&verdict.answer, &mut out);
    }
    for room in &report.rooms {
        let _ = writeln!(out, "\n#### {} ({})\n", room.mailbox, room.status.as_str());
        summary_lines(room, &mut out);
        if let Some(message) = &room.graph_message {
            let _ = writeln!(
                out,
                "- Microsoft Graph's message: {}",
                message.replace(['\r', '\n'], " ")
            );
        }
    }
    // The output boundary: no secret or token, no control character reaches the file.
    crate::redact::for_output(&out)
}

/// A result's summary and fix, the first lines of its details.
fn summary_lines(result: &impl SummaryAndFix, out: &mut String) {
    let _ = writeln!(out, "- Summary: {}", result.summary());
    if let Some(fix) = result.fix() {
        let _ = writeln!(out, "- Fix: {fix}");
    }
}

/// Microsoft's answer in a table row — AADSTS, trace ID, correlation ID, Microsoft's timestamp —
/// the cells support asks for, for checks and sign-in verdicts alike.
fn answer_cells(answer: &MicrosoftAnswer) -> String {
    format!(
        "{} | {} | {} | {}",
        answer
            .aadsts
            .map_or_else(|| "—".to_owned(), |code| code.to_string()),
        cell(answer.trace_id.as_deref().unwrap_or("—")),
        cell(answer.correlation_id.as_deref().unwrap_or("—")),
        cell(answer.timestamp.as_deref().unwrap_or("—")),
    )
}

/// Microsoft's answer in a result's details: its `error` and description, the portal page of the
/// fix and Microsoft's page about the code. The one renderer for checks and sign-in verdicts.
fn answer_lines(answer: &MicrosoftAnswer, out: &mut String) {
    if let Some(error) = &answer.error {
        let _ = writeln!(out, "- Microsoft error: `{error}`");
    }
    if let Some(description) = &answer.error_description {
        let _ = writeln!(
            out,
            "- Microsoft's description: {}",
            description.replace(['\r', '\n'], " ")
        );
    }
    if let Some(portal) = &answer.portal {
        let _ = writeln!(out, "- Fix it on: [{}]({})", portal.title, portal.url);
    }
    if let Some(url) = &answer.error_lookup_url {
        let _ = writeln!(out, "- Microsoft's explanation: {url}");
    }
}

/// A trimmed value, or a dash for none.
fn or_dash(value: &str) -> String {
    if value.is_empty() {
        "—".to_owned()
    } else {
        value.to_owned()
    }
}

/// Text safe inside a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\r', '\n'], " ")
}

/// "2027-11-01 (expires in 338 days)", or "not entered".
fn expiry_cell(expires_on: Option<chrono::NaiveDate>) -> String {
    match expires_on {
        Some(date) => {
            let status =
                crate::model::expiry::expiry_status(date, chrono::Local::now().date_naive());
            format!("{date} ({})", status.countdown())
        }
        None => "not entered".to_owned(),
    }
}
