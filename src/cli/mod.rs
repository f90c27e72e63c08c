//! The `ones-m365` command line for helpdesk and scripts.
//!
//! Raw arguments become a validated command at one boundary ([`args`]); each verb lives in its own
//! module and returns an [`Outcome`]; errors are printed once, as one readable line with the fix.
//! Exit codes by meaning: 0 success (warnings allowed), 1 the thing checked is not right, 2 usage
//! or unreadable input.

mod args;
mod check;
mod export;
mod links;
mod pull;
mod rooms;
mod sandbox;
mod setup;
mod validate;

use std::ffi::OsString;
use std::io::Write;
use std::path::Path;

use clap::Parser;

pub use args::{Cli, Command};
pub use check::{SERVER_SECRET_ENV, SSO_SECRET_ENV};

use crate::i18n::{self, Language, Text, tr};
use crate::model::Loaded;
use crate::ones::{API_TOKEN_ENV, ApiToken, OnesError};
use crate::redact::OutputWriter;
use crate::store::read_document_file;

/// What a command concluded; maps to the process exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Everything is right (warnings allowed). Exit 0.
    Success,
    /// The input was read, and it is not right (invalid, a check failed, export refused). Exit 1.
    Failure,
    /// Bad usage or unreadable input. Exit 2.
    UsageError,
}

impl Outcome {
    pub fn exit_code(self) -> i32 {
        match self {
            Outcome::Success => 0,
            Outcome::Failure => 1,
            Outcome::UsageError => 2,
        }
    }
}

/// Output streams, injected so tests capture them. Everything written through them passes the
/// output boundary ([`crate::redact::for_output`]): secrets the process holds become `<redacted>`,
/// control characters and bidirectional overrides from documents and servers become visible.
pub struct Io<'a> {
    pub stdout: &'a mut dyn Write,
    pub stderr: &'a mut dyn Write,
    /// `--json` was given: errors are one JSON object on stdout too.
    json: bool,
}

impl<'a> Io<'a> {
    pub fn new(stdout: &'a mut dyn Write, stderr: &'a mut dyn Write) -> Self {
        Self {
            stdout,
            stderr,
            json: false,
        }
    }
}

/// Runs the CLI with `args` (including the program name) and returns the exit code.
pub fn run(args: impl IntoIterator<Item = impl Into<OsString> + Clone>, io: &mut Io<'_>) -> i32 {
    // Human output speaks the OS language (`ONES_M365_LANG` overrides); `--json` stays English.
    i18n::set_language(Language::from_environment());
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let json = args
        .iter()
        .skip(1)
        .take_while(|arg| *arg != "--")
        .any(|arg| arg == "--json");
    let parsed = Cli::try_parse_from(&args);
    if let Err(error) = &parsed
        && !error.use_stderr()
    {
        // --help and --version: our own text, in colour only on a terminal.
        let styled = error.render();
        let text = if colour_wanted() {
            styled.ansi().to_string()
        } else {
            styled.to_string()
        };
        let _ = write!(io.stdout, "{text}");
        let _ = io.stdout.flush();
        return Outcome::Success.exit_code();
    }
    let mut stdout = OutputWriter::new(&mut *io.stdout);
    let mut stderr = OutputWriter::new(&mut *io.stderr);
    let mut safe = Io {
        stdout: &mut stdout,
        stderr: &mut stderr,
        json,
    };
    let io = &mut safe;
    let outcome = match parsed {
        Err(error) => {
            let (message, hint) = clap_error_line(&error, &args);
            usage_error(io, ErrorKind::Usage, message, hint)
        }
        Ok(cli) => match &cli.command {
            Command::Validate(options) => validate::run(options, io),
            Command::Links(options) => links::run(options, io),
            Command::Check(options) => check::run(options, io),
            Command::Export(options) => export::run(options, io),
            Command::Pull(options) => pull::run(options, io),
            Command::Rooms(options) => rooms::run(options, io),
            Command::Script(options) => setup::script(options, io),
            Command::ImportSetup(options) => setup::import(options, io),
            Command::Sandbox(options) => sandbox::run(options, io),
        },
    };
    let _ = io.stdout.flush();
    let _ = io.stderr.flush();
    outcome.exit_code()
}

/// Colour for clap's help on a terminal, unless `NO_COLOR` is set (https://no-color.org).
fn colour_wanted() -> bool {
    use std::io::IsTerminal;
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// A clap error as one line and a hint: clap's first line (without "error: ") and its tip, or
/// where to read the usage.
fn clap_error_line(error: &clap::Error, args: &[OsString]) -> (Text, Text) {
    let rendered = error.render().to_string();
    // clap's message is its first lines up to a blank line ("required arguments were not
    // provided:" is followed by the list); its usage and "For more information" are left out.
    let message = rendered
        .lines()
        .map(str::trim)
        .take_while(|line| !line.is_empty() && !line.starts_with("Usage:"))
        .filter(|line| !line.starts_with("tip:"))
        .collect::<Vec<_>>()
        .join(" ");
    let message = message
        .strip_prefix("error: ")
        .unwrap_or(&message)
        .to_owned();
    let tip = rendered
        .lines()
        .map(str::trim)
        .find_map(|line| line.strip_prefix("tip: "))
        .map(str::to_owned);
    let verb = args.get(1).and_then(|arg| arg.to_str()).filter(|arg| {
        use clap::CommandFactory;
        Cli::command()
            .get_subcommands()
            .any(|command| command.get_name() == *arg)
    });
    let help = match verb {
        Some(verb) => format!("ones-m365 {verb} --help"),
        None => "ones-m365 --help".to_owned(),
    };
    let hint = match tip {
        Some(tip) => Text::new("cli.hint.tip_and_help")
            .arg("tip", tip)
            .arg("help", help),
        None => Text::new("cli.hint.help").arg("help", help),
    };
    (Text::verbatim(message), hint)
}

/// Reads `--config FILE`, printing the one-line error with its fix when it can't.
fn read_config(path: &Path, io: &mut Io<'_>) -> Option<Loaded> {
    match read_document_file(path) {
        Ok(loaded) => Some(loaded),
        Err(error) => {
            let hint = match error {
                crate::store::FileError::Parse { .. } => Text::new("cli.hint.config_parse"),
                _ => Text::new("cli.hint.config_path"),
            };
            usage_error(io, ErrorKind::Config, error.text(), hint);
            None
        }
    }
}

/// The tokio runtime a network command runs on, printing the one-line error when it can't start.
fn network_runtime(io: &mut Io<'_>) -> Option<tokio::runtime::Runtime> {
    let mut builder = tokio::runtime::Builder::new_multi_thread();
    builder.worker_threads(2);
    start_runtime(builder, io)
}

/// Builds the runtime `builder` describes (with I/O and timers), printing the one-line error
/// when it can't start.
fn start_runtime(
    mut builder: tokio::runtime::Builder,
    io: &mut Io<'_>,
) -> Option<tokio::runtime::Runtime> {
    match builder.enable_all().build() {
        Ok(runtime) => Some(runtime),
        Err(error) => {
            usage_error(
                io,
                ErrorKind::Runtime,
                Text::new("cli.error.runtime_only").arg("error", error),
                Text::new("cli.hint.try_again"),
            );
            None
        }
    }
}

fn print_load_warnings(loaded: &Loaded, io: &mut Io<'_>) {
    for warning in &loaded.warnings {
        let _ = writeln!(
            io.stderr,
            "{}",
            tr("cli.note", &[("message", &warning.localized())])
        );
    }
}

/// "1 error", "3 errors" in the current language.
fn errors_count(count: usize) -> Text {
    Text::counted(count, "cli.count.errors.one", "cli.count.errors.other")
}

/// "1 warning", "3 warnings" in the current language.
fn warnings_count(count: usize) -> Text {
    Text::counted(count, "cli.count.warnings.one", "cli.count.warnings.other")
}

/// One JSON object on stdout; it passes the same redaction as every other line (a secret quoted
/// in a server's message is `<redacted>` inside the JSON string too).
fn write_json(value: &serde_json::Value, io: &mut Io<'_>) {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    let _ = writeln!(io.stdout, "{text}");
}

/// What every ONES command needs: the API token from the environment, the network settings with
/// the `--ca-cert` file, and a runtime for the requests. `Err` carries the exit code after the
/// reason was printed.
struct OnesSession {
    token: ApiToken,
    net: crate::net::NetSettings,
    runtime: tokio::runtime::Runtime,
}

impl OnesSession {
    fn start(ca_cert: Option<&Path>, io: &mut Io<'_>) -> Result<Self, Outcome> {
        let Some(token) = ApiToken::from_env() else {
            return Err(usage_error(
                io,
                ErrorKind::Environment,
                Text::new("cli.error.no_token").arg("variable", API_TOKEN_ENV),
                Text::new("cli.hint.no_token").arg("variable", API_TOKEN_ENV),
            ));
        };
        let net = crate::net::NetSettings {
            extra_ca_pem: ca_cert.map(Path::to_owned),
            ..Default::default()
        };
        // The CLI is otherwise synchronous; one small runtime per command is enough.
        let runtime = start_runtime(tokio::runtime::Builder::new_current_thread(), io)
            .ok_or(Outcome::UsageError)?;
        Ok(Self {
            token,
            net,
            runtime,
        })
    }
}

/// What `check` and `rooms` need before they talk to Microsoft: the document (secrets from the
/// environment replace the document's), the endpoints (with their overrides), the network settings
/// for `--timeout-secs` and a runtime. `Err` carries the exit code after the reason was printed.
struct MicrosoftSession {
    loaded: Loaded,
    doc: crate::model::IntegrationDocument,
    endpoints: crate::checks::Endpoints,
    net: crate::net::NetSettings,
    runtime: tokio::runtime::Runtime,
}

/// A secret that may come from the environment instead of the document.
struct EnvSecret {
    variable: &'static str,
    role: crate::cloud::AppRole,
}

impl MicrosoftSession {
    /// `verb_hint` is the catalogue key of the hint for a bad endpoint variable ("… run the check
    /// again" / "… run the test again").
    fn start(
        config: &Path,
        timeout_secs: u64,
        env_secrets: &[EnvSecret],
        verb_hint: &'static str,
        io: &mut Io<'_>,
    ) -> Result<Self, Outcome> {
        let loaded = read_config(config, io).ok_or(Outcome::UsageError)?;
        let mut doc = loaded.document.clone();
        for secret in env_secrets {
            if let Some(value) = std::env::var(secret.variable)
                .ok()
                .filter(|value| !value.is_empty())
            {
                let app = match secret.role {
                    crate::cloud::AppRole::Server => &mut doc.server_app.client_secret,
                    crate::cloud::AppRole::Sso => &mut doc.sso_app.client_secret,
                };
                *app = crate::model::Secret::new(value);
            }
        }
        let endpoints = crate::checks::Endpoints::from_env().map_err(|error| {
            usage_error(
                io,
                ErrorKind::Environment,
                error.text(),
                Text::new(verb_hint),
            )
        })?;
        let net = crate::net::NetSettings {
            timeout_secs,
            connect_timeout_secs: crate::net::DEFAULT_CONNECT_TIMEOUT_SECS.min(timeout_secs),
            ..crate::net::NetSettings::default()
        };
        let runtime = network_runtime(io).ok_or(Outcome::UsageError)?;
        Ok(Self {
            loaded,
            doc,
            endpoints,
            net,
            runtime,
        })
    }

    /// The load warnings and, with endpoint overrides, the banner that says so.
    fn print_notes(&self, io: &mut Io<'_>) {
        print_load_warnings(&self.loaded, io);
        if let Some(banner) = self.endpoints.localized_banner() {
            let _ = writeln!(io.stderr, "{}", tr("cli.note", &[("message", &banner)]));
        }
    }
}

/// The document's name for a heading ("(unnamed)" when empty).
fn display_name(doc: &crate::model::IntegrationDocument) -> String {
    let name = doc.check_input().name;
    if name.is_empty() {
        tr("cli.validate.unnamed", &[])
    } else {
        name.to_owned()
    }
}

/// Prints a ONES error once — its sentence on one line, then a `hint:` with where the input came
/// from — and says what it means for the exit code: bad input (address, token, CA file) is a usage
/// error, everything else a failure.
fn report_ones_error(error: &OnesError, io: &mut Io<'_>) -> Outcome {
    let hint = match error {
        OnesError::BadUrl { .. }
        | OnesError::InsecureTransport { .. }
        | OnesError::Network(_)
        | OnesError::Certificate { .. }
        | OnesError::EndpointMissing { .. }
        | OnesError::Redirected { .. } => "cli.hint.ones_address",
        OnesError::MissingToken | OnesError::Unauthorized | OnesError::Forbidden { .. } => {
            "cli.hint.ones_token"
        }
        OnesError::ClientSetup(_) => "cli.hint.ones_ca",
        OnesError::PutOutcomeUnknown { .. } | OnesError::Conflict { .. } => "cli.hint.ones_pull",
        OnesError::IntegrationNotFound { .. } => "cli.hint.ones_name",
        OnesError::Rejected { .. } | OnesError::Blocked { .. } => "cli.hint.ones_validate",
        OnesError::Server { .. }
        | OnesError::UnexpectedStatus { .. }
        | OnesError::MalformedResponse { .. } => "cli.hint.ones_server",
    };
    let outcome = match error {
        OnesError::BadUrl { .. } | OnesError::MissingToken | OnesError::ClientSetup(_) => {
            Outcome::UsageError
        }
        _ => Outcome::Failure,
    };
    fail(
        io,
        outcome,
        ErrorKind::Ones,
        error.sentence_text(),
        Text::new(hint),
    )
}

/// How `check` and `rooms` end: the JSON document (`--json`) or the totals line, then the Markdown
/// report when `--report` asked for one. The exit code is the verdict's; a report that cannot be
/// written makes it a usage error.
struct RunEnd<'a> {
    ok: bool,
    json_mode: bool,
    report: Option<&'a Path>,
    config: &'a Path,
}

impl RunEnd<'_> {
    fn finish(
        self,
        io: &mut Io<'_>,
        json: impl FnOnce() -> serde_json::Value,
        totals: impl FnOnce() -> Text,
        markdown: impl FnOnce() -> String,
    ) -> Outcome {
        // The report is written first, so that with `--json` stdout holds one object either way:
        // the result, or the error that says the report could not be written.
        let report = self
            .report
            .map(|path| write_report_file(path, self.config, &markdown()).map(|()| path));
        if let Some(Err((error, hint))) = report {
            if !self.json_mode {
                let _ = writeln!(io.stdout, "{}", totals().localized());
            }
            return usage_error(io, ErrorKind::Output, error, hint);
        }
        if self.json_mode {
            write_json(&json(), io);
        } else {
            let _ = writeln!(io.stdout, "{}", totals().localized());
            if let Some(Ok(path)) = report {
                let message = Text::new("cli.check.report_written").arg("path", path.display());
                let _ = writeln!(io.stdout, "{}", message.localized());
            }
        }
        if self.ok {
            Outcome::Success
        } else {
            Outcome::Failure
        }
    }
}

/// Writes the `--report FILE` of `check` and `rooms`, or says why it could not (the error and its
/// hint). Never replaces the `--config` document (the same file under any name).
fn write_report_file(path: &Path, config: &Path, text: &str) -> Result<(), (Text, Text)> {
    if crate::files::same_file(path, config) {
        return Err((
            Text::new("cli.check.report_is_config").arg("path", path.display()),
            Text::new("cli.check.hint.report_is_config"),
        ));
    }
    let text = crate::redact::redact(text);
    crate::store::write_atomically(path, text.as_bytes(), false).map_err(|error| {
        (
            Text::new("cli.check.report_failed")
                .arg("error", error)
                .arg("path", path.display()),
            Text::new("cli.check.hint.report_failed"),
        )
    })
}

/// A document that could not be written to `-o`/`--config`: the reason and where to write instead.
fn output_failed(error: &crate::store::FileError, io: &mut Io<'_>) -> Outcome {
    fail(
        io,
        Outcome::Failure,
        ErrorKind::Output,
        error.text(),
        Text::new("cli.hint.output_path"),
    )
}

/// Every failure, printed one way: one `error:` line and one `hint:` line on stderr (with
/// `--json`, one JSON object `{"ok": false, "error": {"kind", "message", "hint"}}` on stdout, in
/// English). Returns `outcome`, the exit code the command keeps.
/// What a failure was about: `--json`'s `error.kind` (a contract; the README lists the words).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The command line itself.
    Usage,
    /// The integration document given with `--config`.
    Config,
    /// Other input: a file given with `--from`, the pasted block.
    Input,
    /// Where the output goes (`-o`, `--report`).
    Output,
    /// An environment variable.
    Environment,
    /// Client setup: the HTTP client, a certificate.
    Setup,
    /// The async runtime.
    Runtime,
    /// The stand-ins of `ones-m365 sandbox`.
    Sandbox,
    /// The ONES server.
    Ones,
}

impl ErrorKind {
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Usage => "usage",
            ErrorKind::Config => "config",
            ErrorKind::Input => "input",
            ErrorKind::Output => "output",
            ErrorKind::Environment => "environment",
            ErrorKind::Setup => "setup",
            ErrorKind::Runtime => "runtime",
            ErrorKind::Sandbox => "sandbox",
            ErrorKind::Ones => "ones",
        }
    }
}

fn fail(io: &mut Io<'_>, outcome: Outcome, kind: ErrorKind, error: Text, hint: Text) -> Outcome {
    if io.json {
        let value = serde_json::json!({
            "ok": false,
            "error": { "kind": kind.as_str(), "message": error.english(), "hint": hint.english() },
        });
        write_json(&value, io);
    } else {
        let message = crate::i18n::tr(
            "cli.error.with_hint",
            &[("error", &error.localized()), ("hint", &hint.localized())],
        );
        let _ = writeln!(io.stderr, "{message}");
    }
    outcome
}

/// A usage error ([`fail`] with exit 2).
fn usage_error(io: &mut Io<'_>, kind: ErrorKind, error: Text, hint: Text) -> Outcome {
    fail(io, Outcome::UsageError, kind, error, hint)
}

/// `[pass]`, `[WARN]`, `[FAIL]`, `[skip]`: the status tags scripts match on (never translated).
fn status_tag(status: crate::checks::CheckStatus) -> &'static str {
    use crate::checks::CheckStatus;
    match status {
        CheckStatus::Pass => "pass",
        CheckStatus::Warn => "WARN",
        CheckStatus::Fail => "FAIL",
        CheckStatus::Skip => "skip",
    }
}

/// What one check or sign-in verdict found, as printed under its headline.
struct PrintedAnswer<'a> {
    summary: String,
    fix: Option<String>,
    answer: &'a crate::checks::MicrosoftAnswer,
    /// Print Microsoft's description (when nothing else explains the code).
    show_description: bool,
}

fn print_answer(out: &mut dyn Write, answer: &PrintedAnswer<'_>) {
    let _ = writeln!(out, "       {}", answer.summary);
    if let Some(fix) = &answer.fix {
        let _ = writeln!(
            out,
            "       {}",
            crate::i18n::tr("cli.fix", &[("fix", fix)])
        );
    }
    let microsoft = answer.answer;
    if let Some(portal) = &microsoft.portal {
        let page = portal.localized_title();
        let line = crate::i18n::tr("cli.on_page", &[("page", &page), ("url", &portal.url)]);
        let _ = writeln!(out, "       {line}");
    }
    if let Some(line) = microsoft_ids_line(microsoft) {
        let _ = writeln!(out, "       {line}");
    }
    if answer.show_description
        && let Some(description) = &microsoft.error_description
    {
        let _ = writeln!(
            out,
            "       Microsoft: {}",
            description.replace(['\r', '\n'], " ")
        );
    }
    if let Some(url) = &microsoft.error_lookup_url {
        let _ = writeln!(
            out,
            "       {}",
            crate::i18n::tr("cli.explanation", &[("url", url)])
        );
    }
    let _ = out.flush();
}

/// "AADSTS7000215 · error invalid_client · trace … · correlation … · timestamp": what Microsoft
/// support asks for, in words scripts can match (never translated). `None` when there is nothing.
fn microsoft_ids_line(answer: &crate::checks::MicrosoftAnswer) -> Option<String> {
    let mut ids = Vec::new();
    ids.extend(answer.aadsts.map(|code| format!("AADSTS{code}")));
    ids.extend(answer.error.as_ref().map(|error| format!("error {error}")));
    ids.extend(
        answer
            .trace_id
            .as_ref()
            .map(|trace| format!("trace {trace}")),
    );
    ids.extend(
        answer
            .correlation_id
            .as_ref()
            .map(|correlation| format!("correlation {correlation}")),
    );
    ids.extend(answer.timestamp.clone());
    (!ids.is_empty()).then(|| ids.join(" · "))
}
