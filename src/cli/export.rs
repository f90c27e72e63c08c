//! `ones-m365 export`: connect → show the change list → confirm → send → read back → receipt.
//! `--dry-run` stops after the change list; without `--yes` it asks on the terminal, and refuses
//! when there is none. The token comes from `ONES_API_KEY` and is never printed.

use std::io::{BufRead, IsTerminal};

use super::args::ExportArgs;
use super::{Io, OnesSession, Outcome, print_load_warnings, read_config, report_ones_error};
use crate::i18n::{Text, tr};
use crate::model::IntegrationDocument;
use crate::net::NetSettings;
use crate::ones::{self, ApiToken, OnesError};

pub fn run(options: &ExportArgs, io: &mut Io<'_>) -> Outcome {
    let Some(loaded) = read_config(&options.config, io) else {
        return Outcome::UsageError;
    };
    print_load_warnings(&loaded, io);
    let mut document = loaded.document;
    if let Some(ones_url) = &options.ones_url {
        document.ones_url = ones_url.trim().to_owned();
    }
    let session = match OnesSession::start(options.ca_cert.as_deref(), io) {
        Ok(session) => session,
        Err(outcome) => return outcome,
    };
    session
        .runtime
        .block_on(export(document, session.token, session.net, options, io))
}

async fn export(
    document: IntegrationDocument,
    token: ApiToken,
    net: NetSettings,
    options: &ExportArgs,
    io: &mut Io<'_>,
) -> Outcome {
    let connection = match ones::connect(&document.ones_url, token, &net).await {
        Ok(connection) => connection,
        Err(error) => return report_ones_error(&error, io),
    };
    let server = connection.server();
    let connected = match server.version.as_deref() {
        Some(version) => tr(
            "cli.export.connected_version",
            &[("url", server.base_url.as_str()), ("version", version)],
        ),
        None => tr("cli.export.connected", &[("url", server.base_url.as_str())]),
    };
    let _ = writeln!(io.stderr, "{connected}");

    let today = chrono::Local::now().date_naive();
    let plan = match connection.plan(&document, today).await {
        Ok(plan) => plan,
        Err(error) => return report_ones_error(&error, io),
    };
    let _ = write!(io.stdout, "{}", plan.localized_text());
    if plan.is_blocked() {
        return report_ones_error(
            &OnesError::Blocked {
                problems: plan.problems.clone(),
            },
            io,
        );
    }
    if options.dry_run {
        let _ = writeln!(io.stdout, "{}", tr("cli.export.dry_run", &[]));
        return Outcome::Success;
    }
    if plan.has_changes() && !options.yes {
        match confirm(io) {
            Confirmation::Yes => {}
            Confirmation::No => {
                let _ = writeln!(io.stderr, "{}", tr("cli.export.declined", &[]));
                return Outcome::Failure;
            }
            Confirmation::NoTerminal => {
                return super::fail(
                    io,
                    Outcome::Failure,
                    super::ErrorKind::Usage,
                    Text::new("cli.export.no_terminal"),
                    Text::new("cli.export.hint.no_terminal"),
                );
            }
        }
    }

    let applied = match connection.apply(&plan).await {
        Ok(applied) => applied,
        Err(error) => return report_ones_error(&error, io),
    };
    let receipt = match connection.verify(&plan, &applied).await {
        Ok(receipt) => receipt,
        Err(error) => {
            let _ = writeln!(
                io.stderr,
                "{}",
                tr(
                    "cli.export.read_back_failed",
                    &[("outcome", &applied.outcome.localized_describe())]
                )
            );
            return report_ones_error(&error, io);
        }
    };
    let _ = write!(io.stdout, "\n{}", receipt.to_text());
    if receipt.is_verified() {
        Outcome::Success
    } else {
        let fields: Vec<String> = receipt
            .mismatched_fields()
            .map(ones::error::localized_field_title)
            .collect();
        super::fail(
            io,
            Outcome::Failure,
            super::ErrorKind::Ones,
            Text::new("cli.export.mismatch").arg("fields", fields.join(", ")),
            Text::new("cli.export.hint.mismatch"),
        )
    }
}

enum Confirmation {
    Yes,
    No,
    NoTerminal,
}

/// Asks on the terminal; a script without a terminal must pass `--yes`.
fn confirm(io: &mut Io<'_>) -> Confirmation {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Confirmation::NoTerminal;
    }
    let _ = write!(io.stderr, "{} ", tr("cli.export.confirm", &[]));
    let _ = io.stderr.flush();
    let mut answer = String::new();
    if stdin.lock().read_line(&mut answer).is_err() {
        return Confirmation::No;
    }
    if matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes") {
        Confirmation::Yes
    } else {
        Confirmation::No
    }
}
