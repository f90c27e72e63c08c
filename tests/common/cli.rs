//! The CLI test harness: the real `ones-m365` binary with a clean environment, pointed at a
//! Microsoft stand-in started inside the test (through the ONES_M365_* endpoint variables), and a
//! temp dir for documents and reports.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use ones_m365_assistant::model::IntegrationDocument;
use ones_m365_assistant::sandbox::demo::demo_config;
use ones_m365_assistant::sandbox::microsoft::{MicrosoftStandIn, RunningMicrosoft};
use ones_m365_assistant::store::write_document_file;

/// Every variable of the environment that changes what the CLI does; a test sets what it needs.
const INHERITED: [&str; 15] = [
    "HTTPS_PROXY",
    "https_proxy",
    "HTTP_PROXY",
    "http_proxy",
    "ALL_PROXY",
    "all_proxy",
    "NO_PROXY",
    "no_proxy",
    "ONES_M365_SERVER_SECRET",
    "ONES_M365_SSO_SECRET",
    "ONES_API_KEY",
    "ONES_M365_LOGIN_GLOBAL",
    "ONES_M365_LOGIN_CHINA",
    "ONES_M365_GRAPH_GLOBAL",
    "ONES_M365_GRAPH_CHINA",
];

/// `ones-m365` with none of [`INHERITED`], in English whatever the machine's locale (the tests
/// read its sentences; a test of another language sets `ONES_M365_LANG` again), without
/// backtraces and with no standard input.
pub fn clean_command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ones-m365"));
    for name in INHERITED {
        command.env_remove(name);
    }
    command
        .env("ONES_M365_LANG", "en")
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null());
    command
}

pub fn path_arg(path: &Path) -> &str {
    path.to_str().expect("temp paths are UTF-8")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

pub struct Harness {
    pub running: RunningMicrosoft,
    /// Serves the stand-in (and plays the browser) while the child runs; dropped last.
    pub runtime: tokio::runtime::Runtime,
    pub dir: tempfile::TempDir,
}

impl Harness {
    /// The demo Microsoft of both clouds.
    pub fn new() -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("a runtime");
        let running = runtime
            .block_on(MicrosoftStandIn::start(demo_config()))
            .expect("the stand-in starts");
        Self {
            running,
            runtime,
            dir: tempfile::tempdir().expect("a temp dir"),
        }
    }

    /// Writes `doc` with its secrets (owner-only) as `integration.json`.
    pub fn write_doc(&self, doc: &IntegrationDocument) -> PathBuf {
        let path = self.dir.path().join("integration.json");
        write_document_file(&path, doc, true).expect("the document is written");
        path
    }

    /// The CLI with `args`, pointed at the stand-in; loopback needs no proxy exemption (it never
    /// goes through one), `NO_PROXY` is set anyway as scripts do.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = clean_command();
        command.args(args).env("NO_PROXY", "127.0.0.1,localhost");
        for (name, value) in self.running.env_vars() {
            command.env(name, value);
        }
        command
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("the binary runs")
    }
}
