//! `ones-m365 pull`: save an integration stored on ONES to a file. ONES never returns secret
//! values, so the file has none; exporting it again keeps the secrets ONES stores.

use super::args::PullArgs;
use super::{Io, OnesSession, Outcome, report_ones_error};
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
        let _ = writeln!(io.stderr, "note: ONES's answer: {warning}");
    }
    if let Err(error) = write_document_file(&options.output, &remote.document, false) {
        let _ = writeln!(io.stderr, "error: {error}");
        return Outcome::Failure;
    }
    let _ = writeln!(
        io.stdout,
        "Saved \"{}\" (key {}) to {}.\nClient secrets stay on ONES — server app: {}; single sign-on app: {}. The file \
         has none; exporting it again keeps them.",
        remote.document.name,
        remote.document.key(),
        options.output.display(),
        describe_stored(remote.server_secret),
        describe_stored(remote.sso_secret),
    );
    Outcome::Success
}

fn describe_stored(secret: StoredSecret) -> String {
    match (secret.set, secret.expires_on) {
        (false, _) => "none stored".to_owned(),
        (true, Some(date)) => format!("stored, expires on {date}"),
        (true, None) => "stored, no expiry date".to_owned(),
    }
}
