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
