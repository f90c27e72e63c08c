//! Command-line arguments. Verbs, flags and exit codes are a contract scripts rely on: extend,
//! never rename.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "ones-m365",
    version = crate::build_info::VERSION,
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
    /// The room test: sign in as the service account in a browser on this computer (authorization
    /// code + PKCE; register http://localhost under the server app's Authentication → Web first),
    /// then check that every room calendar in the document is delegated read-write to it. No test
    /// event is created. Exit 0 every room passes, 1 otherwise, 2 usage or unreadable input. The
    /// server secret may come from ONES_M365_SERVER_SECRET.
    Rooms(RoomsArgs),
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
    /// Run only this check (repeatable): tenant, server-secret, sso-secret, room-redirect,
    /// sso-redirect, lint, or lint:<field path>.
    #[arg(long = "only", value_name = "ID")]
    pub only: Vec<String>,
    /// Total time allowed for each request to Microsoft, in seconds.
    #[arg(long, value_name = "N", default_value_t = crate::net::DEFAULT_TIMEOUT_SECS,
          value_parser = clap::value_parser!(u64).range(1..=120))]
    pub timeout_secs: u64,
    /// Also write the Markdown diagnostic report (never contains a secret) to FILE.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
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
