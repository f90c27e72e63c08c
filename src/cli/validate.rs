//! `ones-m365 validate`: the wizard's validation report for a document file.

use serde_json::json;

use super::{
    Io, Outcome, args::DocumentArgs, errors_count, print_load_warnings, read_config,
    warnings_count, write_json,
};
use crate::i18n::{Text, tr};
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
                    "message": finding.message(),
                })
            })
            .collect();
        let load_warnings: Vec<_> = loaded
            .warnings
            .iter()
            .map(|warning| json!({"field": warning.field, "message": warning.message()}))
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
    let name = super::display_name(doc);
    let _ = writeln!(
        io.stdout,
        "{}",
        tr(
            "cli.validate.heading",
            &[("name", &name), ("operator", doc.operator.ones_label())]
        )
    );
    for finding in &report.findings {
        let tag = match finding.severity {
            Severity::Error => Text::new("cli.tag.error"),
            Severity::Warning => Text::new("cli.tag.warning"),
        };
        let _ = writeln!(
            io.stdout,
            "{}",
            Text::new("cli.validate.finding")
                .arg_text("tag", tag)
                .arg_text("step", finding.field.step().title_text())
                .arg_text("field", finding.field.label_text())
                .arg("path", finding.field.path())
                .arg("message", finding.localized_message())
                .localized()
        );
    }
    let errors = report.errors().count();
    let warnings = report.warnings().count();
    let verdict = if errors == 0 {
        Text::new("cli.validate.valid").arg_text("warnings", warnings_count(warnings))
    } else {
        Text::new("cli.validate.not_valid")
            .arg_text("errors", errors_count(errors))
            .arg_text("warnings", warnings_count(warnings))
    };
    let _ = writeln!(io.stdout, "{}", verdict.localized());
    outcome
}
