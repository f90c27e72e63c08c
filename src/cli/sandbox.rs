//! `ones-m365 sandbox`: serve demo mode's stand-ins (Microsoft of both clouds, ONES) on 127.0.0.1
//! for scripts, training and conformance runs, print what points a client at them, and serve
//! until Ctrl-C (or SIGTERM). The demo document is written to a private temporary directory that
//! is removed on the way out.

use std::path::Path;

use serde_json::{Value, json};

use super::args::SandboxArgs;
use super::{Io, Outcome, network_runtime, usage_error};
use crate::i18n::Text;
use crate::ones::API_TOKEN_ENV;
use crate::sandbox::{
    DEMO_CHINA_TENANT_ID, DEMO_EXPIRED_SERVER_SECRET, DEMO_ROOM_ACCOUNT, DEMO_ROOM_PASSWORD,
    DEMO_SERVER_CLIENT_ID, DEMO_SSO_CLIENT_ID, DEMO_TENANT_ID, DemoServices,
};
use crate::store::write_document_file;

pub fn run(options: &SandboxArgs, io: &mut Io<'_>) -> Outcome {
    let Some(runtime) = network_runtime(io) else {
        return Outcome::UsageError;
    };
    let services = match runtime.block_on(DemoServices::start_on(options.port)) {
        Ok(services) => services,
        Err(error) => {
            return usage_error(
                io,
                super::ErrorKind::Sandbox,
                Text::new("cli.sandbox.start_failed").arg("error", error),
                Text::new("cli.sandbox.start_hint"),
            );
        }
    };
    // The document holds the (made-up) demo secrets: a private directory, removed on exit.
    let written = tempfile::Builder::new()
        .prefix("ones-m365-sandbox-")
        .tempdir()
        .map_err(|error| error.to_string())
        .and_then(|dir| {
            let path = dir.path().join("demo-integration.json");
            write_document_file(&path, &services.document(), true)
                .map(|()| (dir, path))
                .map_err(|error| error.to_string())
        });
    let (directory, document) = match written {
        Ok(written) => written,
        Err(error) => {
            return usage_error(
                io,
                super::ErrorKind::Sandbox,
                Text::new("cli.sandbox.document_failed").arg("error", error),
                Text::new("cli.hint.try_again"),
            );
        }
    };
    // Listen for Ctrl-C before saying "serving": a script may send it as soon as it reads that.
    let stop = runtime.block_on(async { StopSignal::install() });
    let facts = facts(&services, &document);
    if options.json {
        // One line, so a script can read it while the stand-ins keep serving.
        let _ = writeln!(io.stdout, "{facts}");
    } else {
        print_text(&facts, io);
    }
    let _ = io.stdout.flush();
    runtime.block_on(stop.wait());
    drop(services);
    drop(directory);
    if !options.json {
        let _ = writeln!(
            io.stderr,
            "{}",
            Text::new("cli.sandbox.stopped").localized()
        );
    }
    Outcome::Success
}

/// Everything a client needs, as `--json` prints it.
fn facts(services: &DemoServices, document: &Path) -> Value {
    let microsoft = &services.microsoft;
    let mut env: serde_json::Map<String, Value> = microsoft
        .env_vars()
        .into_iter()
        .map(|(name, value)| (name.to_owned(), Value::String(value)))
        .collect();
    env.insert(API_TOKEN_ENV.to_owned(), json!(services.ones_token()));
    let endpoints = services.endpoints();
    json!({
        "microsoft": {
            "global": { "login": endpoints.global.login, "graph": endpoints.global.graph },
            "china": { "login": endpoints.china.login, "graph": endpoints.china.graph },
        },
        "ones": { "url": services.ones.base_url() },
        "env": env,
        "document": document.display().to_string(),
        "ones_token": services.ones_token(),
        "demo": {
            "tenant_id": DEMO_TENANT_ID,
            "china_tenant_id": DEMO_CHINA_TENANT_ID,
            "server_client_id": DEMO_SERVER_CLIENT_ID,
            "sso_client_id": DEMO_SSO_CLIENT_ID,
            "expired_server_secret": DEMO_EXPIRED_SERVER_SECRET,
            "account": DEMO_ROOM_ACCOUNT,
            "password": DEMO_ROOM_PASSWORD,
        },
    })
}

fn print_text(facts: &Value, io: &mut Io<'_>) {
    let text = |pointer: &str| {
        facts
            .pointer(pointer)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let lines = [
        Text::new("cli.sandbox.microsoft_global")
            .arg("url", text("/microsoft/global/login"))
            .arg("graph", text("/microsoft/global/graph")),
        Text::new("cli.sandbox.microsoft_china")
            .arg("url", text("/microsoft/china/login"))
            .arg("graph", text("/microsoft/china/graph")),
        Text::new("cli.sandbox.ones").arg("url", text("/ones/url")),
        Text::new("cli.sandbox.env"),
    ];
    for line in lines {
        let _ = writeln!(io.stdout, "{}", line.localized());
    }
    if let Some(env) = facts["env"].as_object() {
        for (name, value) in env {
            let _ = writeln!(
                io.stdout,
                "export {name}={}",
                value.as_str().unwrap_or_default()
            );
        }
    }
    let lines = [
        Text::new("cli.sandbox.document").arg("path", text("/document")),
        Text::new("cli.sandbox.token").arg("token", text("/ones_token")),
        Text::new("cli.sandbox.account")
            .arg("account", text("/demo/account"))
            .arg("password", text("/demo/password")),
        Text::new("cli.sandbox.serving"),
    ];
    for line in lines {
        let _ = writeln!(io.stdout, "{}", line.localized());
    }
}

/// Ctrl-C (SIGINT), or SIGTERM on Unix, with the handlers installed at once.
struct StopSignal {
    #[cfg(unix)]
    signals: Option<(tokio::signal::unix::Signal, tokio::signal::unix::Signal)>,
}

impl StopSignal {
    /// Must run inside the runtime.
    fn install() -> Self {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            let signals = signal(SignalKind::interrupt())
                .and_then(|interrupt| Ok((interrupt, signal(SignalKind::terminate())?)))
                .ok();
            Self { signals }
        }
        #[cfg(not(unix))]
        {
            Self {}
        }
    }

    async fn wait(self) {
        #[cfg(unix)]
        if let Some((mut interrupt, mut terminate)) = self.signals {
            tokio::select! {
                _ = interrupt.recv() => {}
                _ = terminate.recv() => {}
            }
            return;
        }
        let _ = tokio::signal::ctrl_c().await;
    }
}
