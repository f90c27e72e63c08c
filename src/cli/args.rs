//! Command-line arguments. Verbs, flags and exit codes are a contract scripts rely on: extend,
//! never rename.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "ones-m365",
    version = crate::build_info::VERSION_LINE,
    about = "Check and hand over the Microsoft 365 (Delegated resource only) integration of ONES",
    long_about = None,
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate an integration document (no network). Exit 0 valid, 1 invalid, 2 unreadable.
    Validate(DocumentArgs),
    /// Print the Azure portal links for the document's apps and operator.
    Links(DocumentArgs),
    /// Live checks against Microsoft: tenant, both apps' IDs and secrets, redirect URIs, wrong
    /// cloud. Exit 0 nothing failed (warnings allowed), 1 a check failed, 2 usage or unreadable
    /// input. Secrets may come from ONES_M365_SERVER_SECRET and ONES_M365_SSO_SECRET.
    Check(CheckArgs),
    /// Export a document to a ONES server (API token from ONES_API_KEY).
    ///
    /// Shows the change list, asks (or --yes), sends with If-Match, reads back and prints a
    /// receipt. Exit 0 exported or already up to date, 1 refused or failed, 2 usage.
    Export(ExportArgs),
    /// Save an integration from a ONES server to a file, without secrets (token from ONES_API_KEY).
    ///
    /// Exit 0 saved, 1 failed (e.g. no such integration), 2 usage.
    Pull(PullArgs),
    /// The room test: sign in as the service account in a browser on this computer (authorization
    /// code + PKCE; register http://localhost under the server app's Authentication → Web first),
    /// then check that every room calendar in the document is delegated read-write to it. No test
    /// event is created. Exit 0 every room passes, 1 otherwise, 2 usage or unreadable input. The
    /// server secret may come from ONES_M365_SERVER_SECRET.
    Rooms(RoomsArgs),
    /// Print (or write) a setup script generated from the document: `apps` (Bash + Azure CLI: both
    /// app registrations), `rooms` (PowerShell + Exchange Online: room calendar delegation),
    /// `renew` (Bash + Azure CLI: a new secret for one app). Exit 0, 1 when the document lacks what
    /// the script needs, 2 usage.
    Script(ScriptArgs),
    /// Read the block a setup script printed (from a file or `-` for standard input), merge it into
    /// the document and save it (secrets included, owner-only). Exit 0 saved or nothing to change,
    /// 1 the block is unusable, 2 usage.
    ImportSetup(ImportSetupArgs),
    /// Serve the demo stand-ins on 127.0.0.1 for scripts, training and conformance runs: Microsoft
    /// (global and 21Vianet clouds: login, sign-in page, Graph calendars) and ONES. Prints their
    /// addresses, the ONES_M365_* lines that point this tool at them, a demo document that passes
    /// every check and the ONES API token; serves until Ctrl-C. Nothing here is real Microsoft.
    Sandbox(SandboxArgs),
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum ScriptName {
    Apps,
    Rooms,
    Renew,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum AppName {
    Server,
    Sso,
}

#[derive(Debug, Args)]
pub struct ScriptArgs {
    /// Which script.
    #[arg(value_enum)]
    pub script: ScriptName,
    /// The integration document (JSON, schema ones-m365/1).
    #[arg(long, value_name = "FILE")]
    pub config: PathBuf,
    /// `renew`: which app gets a new secret.
    #[arg(long, value_enum, default_value = "server")]
    pub app: AppName,
    /// `rooms`: the service account the room calendars are delegated to.
    #[arg(long, value_name = "UPN")]
    pub account: Option<String>,
    /// Write the script to FILE instead of printing it.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ImportSetupArgs {
    /// The integration document to merge the result into.
    #[arg(long, value_name = "FILE")]
    pub config: PathBuf,
    /// The script's output (terminal noise around the block is fine); `-` reads standard input.
    #[arg(long, value_name = "FILE")]
    pub from: PathBuf,
    /// Where to save the merged document (default: the --config file itself).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SandboxArgs {
    /// Listen on fixed ports: ONES on N, Microsoft's global cloud on N+1, 21Vianet on N+2
    /// (default: any free ports).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=65533))]
    pub port: Option<u16>,
    /// Print one JSON object (on one line) on stdout instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct RoomsArgs {
    /// The integration document (JSON, schema ones-m365/1); its room.mailboxes are checked.
    #[arg(long, value_name = "FILE")]
    pub config: PathBuf,
    /// Do not open a browser: print the sign-in address and wait (open it in a browser on this
    /// computer).
    #[arg(long)]
    pub no_browser: bool,
    /// Print one JSON object on stdout instead of text (the sign-in address goes to stderr).
    #[arg(long)]
    pub json: bool,
    /// Total time allowed for each request to Microsoft, in seconds.
    #[arg(long, value_name = "N", default_value_t = crate::net::DEFAULT_TIMEOUT_SECS,
          value_parser = clap::value_parser!(u64).range(1..=120))]
    pub timeout_secs: u64,
    /// How long to wait for the browser to come back after the sign-in started, in seconds.
    #[arg(long, value_name = "N", default_value_t = crate::rooms::DEFAULT_CALLBACK_TIMEOUT_SECS,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub wait_secs: u64,
    /// Also write the Markdown diagnostic report (never contains a secret or token) to FILE.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The integration document (JSON, schema ones-m365/1).
    #[arg(long, value_name = "FILE")]
    pub config: PathBuf,
    /// Print one JSON object on stdout instead of text.
    #[arg(long)]
    pub json: bool,
    /// Run only this check (repeatable); the values come from the check registry.
    #[arg(long = "only", value_name = "ID", help = only_help(),
          value_parser = crate::checks::CheckSelector::parse)]
    pub only: Vec<crate::checks::CheckSelector>,
    /// Total time allowed for each request to Microsoft, in seconds.
    #[arg(long, value_name = "N", default_value_t = crate::net::DEFAULT_TIMEOUT_SECS,
          value_parser = clap::value_parser!(u64).range(1..=120))]
    pub timeout_secs: u64,
    /// Also write the Markdown diagnostic report (never contains a secret) to FILE.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
}

/// `--only`'s help: every value the check registry knows.
fn only_help() -> String {
    format!(
        "Run only this check (repeatable): {}",
        crate::checks::only_values()
    )
}

#[derive(Debug, Args)]
pub struct DocumentArgs {
    /// The integration document (JSON, schema ones-m365/1).
    #[arg(long, value_name = "FILE")]
    pub config: PathBuf,
    /// Print one JSON object on stdout instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The integration document to export (JSON, schema ones-m365/1).
    #[arg(long, value_name = "FILE")]
    pub config: PathBuf,
    /// The ONES server, e.g. https://ones.example.com; overrides the document's ones_url.
    #[arg(long, value_name = "URL")]
    pub ones_url: Option<String>,
    /// A PEM file with the CA certificate that signed the ONES server's certificate.
    #[arg(long, value_name = "PEM")]
    pub ca_cert: Option<PathBuf>,
    /// Print the change list and stop; nothing is sent.
    #[arg(long)]
    pub dry_run: bool,
    /// Export without asking (needed when there is no terminal to ask on).
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct PullArgs {
    /// The ONES server, e.g. https://ones.example.com.
    #[arg(long, value_name = "URL")]
    pub ones_url: String,
    /// The integration's name as shown in ONES (any spelling with the same key).
    #[arg(long)]
    pub name: String,
    /// Where to save the document (replaced if it exists).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: PathBuf,
    /// A PEM file with the CA certificate that signed the ONES server's certificate.
    #[arg(long, value_name = "PEM")]
    pub ca_cert: Option<PathBuf>,
}
