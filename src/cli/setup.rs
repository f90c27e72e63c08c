//! `ones-m365 script` and `ones-m365 import-setup`: the setup scripts generated from the document,
//! and their result block merged back into it.

use super::args::{AppName, ImportSetupArgs, ScriptArgs, ScriptName};
use super::{Io, Outcome, print_load_warnings, read_config};
use crate::i18n::{Text, tr};
use crate::setup::{AppChoice, ScriptKind, ScriptOptions, find_block, generate, merge_into};
use crate::store::FileError;

pub fn script(options: &ScriptArgs, io: &mut Io<'_>) -> Outcome {
    let Some(loaded) = read_config(&options.config, io) else {
        return Outcome::UsageError;
    };
    print_load_warnings(&loaded, io);
    let kind = match options.script {
        ScriptName::Apps => ScriptKind::Apps,
        ScriptName::Rooms => ScriptKind::Rooms,
        ScriptName::Renew => ScriptKind::Renew,
    };
    let script_options = ScriptOptions {
        app: Some(match options.app {
            AppName::Server => AppChoice::Server,
            AppName::Sso => AppChoice::Sso,
        }),
        account: options.account.clone(),
        today: None,
        loopback_redirect_uris: false,
    };
    let script = match generate(kind, &loaded.document, &script_options) {
        Ok(script) => script,
        Err(missing) => {
            return super::fail(
                io,
                Outcome::Failure,
                super::ErrorKind::Config,
                Text::new("cli.script.missing").arg_text("problems", missing.text()),
                Text::new(if kind == ScriptKind::Rooms {
                    "cli.script.hint.rooms"
                } else {
                    "cli.script.hint.missing"
                }),
            );
        }
    };
    match &options.output {
        None => {
            // The same bytes as a file gets (a PowerShell script's byte order mark included), so
            // `ones-m365 script rooms > rooms.ps1` is as safe as `-o rooms.ps1`.
            let _ = io.stdout.write_all(&script.file_bytes());
            Outcome::Success
        }
        Some(path) => {
            if crate::files::same_file(path, &options.config) {
                return super::usage_error(
                    io,
                    super::ErrorKind::Usage,
                    Text::new("cli.error.output_is_config"),
                    Text::new("cli.hint.output_path"),
                );
            }
            match crate::store::write_atomically(path, &script.file_bytes(), false) {
                Ok(()) => {
                    let path = path.display().to_string();
                    let _ = writeln!(
                        io.stdout,
                        "{}",
                        tr("cli.script.written", &[("path", &path)])
                    );
                    Outcome::Success
                }
                Err(source) => super::output_failed(
                    &FileError::Write {
                        path: path.clone(),
                        source,
                    },
                    io,
                ),
            }
        }
    }
}

pub fn import(options: &ImportSetupArgs, io: &mut Io<'_>) -> Outcome {
    let Some(loaded) = read_config(&options.config, io) else {
        return Outcome::UsageError;
    };
    print_load_warnings(&loaded, io);
    // Standard input and a file are read the same way: bounded, then decoded leniently (a cut
    // in the middle of a character is not an error of its own).
    let limit = crate::setup::result::MAX_PASTE_BYTES as u64;
    let read = if options.from.as_os_str() == "-" {
        crate::files::read_bounded(std::io::stdin(), limit)
    } else {
        crate::files::read_input_file(&options.from, limit)
    };
    let pasted = match read {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(error) => {
            return super::usage_error(
                io,
                super::ErrorKind::Input,
                Text::new("store.file.read")
                    .arg_text("reason", error.reason_text())
                    .arg("path", options.from.display()),
                Text::new("cli.import.hint.from"),
            );
        }
    };
    let mut doc = loaded.document.clone();
    let changes = match find_block(&pasted).and_then(|result| merge_into(&mut doc, &result)) {
        Ok(changes) => changes,
        Err(error) => {
            return super::fail(
                io,
                Outcome::Failure,
                super::ErrorKind::Input,
                error.text(),
                Text::new("cli.import.hint.block"),
            );
        }
    };
    if changes.is_empty() {
        let _ = writeln!(io.stdout, "{}", tr("cli.import.nothing", &[]));
        return Outcome::Success;
    }
    for change in &changes {
        let field = crate::ones::error::field_title_text(change.field).localized();
        let _ = writeln!(
            io.stdout,
            "{}",
            tr(
                "cli.import.change",
                &[("field", &field), ("change", &change.text.localized())]
            )
        );
    }
    let target = options.output.as_deref().unwrap_or(&options.config);
    if let Err(error) = crate::store::write_document_file(target, &doc, true) {
        return super::output_failed(&error, io);
    }
    let path = target.display().to_string();
    let count = changes.len().to_string();
    let _ = writeln!(
        io.stdout,
        "{}",
        tr("cli.import.saved", &[("path", &path), ("count", &count)])
    );
    Outcome::Success
}
