//! `ones-m365 pull`: save an integration stored on ONES to a file. ONES never returns secret
//! values, so the file has none; exporting it again keeps the secrets ONES stores.

use super::args::PullArgs;
use super::{Io, OnesSession, Outcome, report_ones_error};
use crate::i18n::{Text, tr};
use crate::ones::{self, StoredSecret};
use crate::store::write_document_file;

pub fn run(options: &PullArgs, io: &mut Io<'_>) -> Outcome {
    let session = match OnesSession::start(options.ca_cert.as_deref(), io) {
        Ok(session) => session,
        Err(outcome) => return outcome,
    };
    let (token, net) = (session.token, session.net);
    let pulled = session.runtime.block_on(async {
        let connection = ones::connect(&options.ones_url, token, &net).await?;
        connection.pull(&options.name).await
    });
    let remote = match pulled {
        Ok(remote) => remote,
        Err(error) => return report_ones_error(&error, io),
    };
    for warning in &remote.warnings {
        let _ = writeln!(
            io.stderr,
            "{}",
            tr("cli.pull.note", &[("message", &warning.localized())])
        );
    }
    if let Err(error) = write_document_file(&options.output, &remote.document, false) {
        return super::output_failed(&error, io);
    }
    let _ = writeln!(
        io.stdout,
        "{}",
        Text::new("cli.pull.saved")
            .arg("name", &remote.document.name)
            .arg("key", remote.document.key())
            .arg("path", options.output.display())
            .arg_text("server", describe_stored(remote.server_secret))
            .arg_text("sso", describe_stored(remote.sso_secret))
            .localized()
    );
    Outcome::Success
}

fn describe_stored(secret: StoredSecret) -> Text {
    match (secret.set, secret.expires_on) {
        (false, _) => Text::new("cli.pull.secret.none"),
        (true, Some(date)) => Text::new("cli.pull.secret.expires").arg("date", date),
        (true, None) => Text::new("cli.pull.secret.no_expiry"),
    }
}
