//! `ones-m365 validate`: the wizard's validation report for a document file.

use serde_json::json;

use super::{Io, Outcome, args::DocumentArgs, print_load_warnings, read_config, write_json};
use crate::model::{Severity, validate};

pub fn run(options: &DocumentArgs, io: &mut Io<'_>) -> Outcome {
    let Some(loaded) = read_config(&options.config, io) else {
        return Outcome::UsageError;
    };
    let today = chrono::Local::now().date_naive();
    let report = validate(&loaded.document, today);
    let outcome = if report.is_valid() {
        Outcome::Success
    } else {
        Outcome::Failure
    };

    if options.json {
        let findings: Vec<_> = report
            .findings
            .iter()
            .map(|finding| {
                json!({
                    "field": finding.field.path(),
                    "step": finding.field.step().title(),
                    "severity": finding.severity,
                    "message": finding.message,
                })
            })
            .collect();
        let load_warnings: Vec<_> = loaded
            .warnings
            .iter()
            .map(|warning| json!({"field": warning.field, "message": warning.message}))
            .collect();
        write_json(
            &json!({
                "valid": report.is_valid(),
                "errors": report.errors().count(),
                "warnings": report.warnings().count(),
                "findings": findings,
                "load_warnings": load_warnings,
            }),
            io,
        );
        return outcome;
    }

    print_load_warnings(&loaded, io);
    let doc = &loaded.document;
    let name = if doc.name.trim().is_empty() {
        "(unnamed integration)"
    } else {
        doc.name.trim()
    };
    let _ = writeln!(io.stdout, "{name} — operator {}", doc.operator.ones_label());
    for finding in &report.findings {
        let tag = match finding.severity {
            Severity::Error => "error  ",
            Severity::Warning => "warning",
        };
        let _ = writeln!(
            io.stdout,
            "{tag} {} › {} ({}): {}",
            finding.field.step().title(),
            finding.field.label(),
            finding.field.path(),
            finding.message
        );
    }
    let errors = report.errors().count();
    let warnings = report.warnings().count();
    if errors == 0 {
        let _ = writeln!(io.stdout, "valid ({warnings} warning{})", plural(warnings));
    } else {
        let _ = writeln!(
            io.stdout,
            "not valid: {errors} error{} and {warnings} warning{} — fix the errors above, then validate again",
            plural(errors),
            plural(warnings)
        );
    }
    outcome
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}
