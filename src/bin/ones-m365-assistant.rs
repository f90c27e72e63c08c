//! The desktop assistant. All logic lives in the library; this parses two flags, starts the window,
//! and builds the tokio runtime that background work runs on while the window opens.
#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]

use std::sync::Arc;

use clap::Parser;
use ones_m365_assistant::checks::{Checker, Endpoints};
use ones_m365_assistant::gui::platform::Platform;
use ones_m365_assistant::gui::timing;
use ones_m365_assistant::gui::{AppOptions, AssistantApp};
use ones_m365_assistant::i18n::{Language, set_language, tr};
use ones_m365_assistant::net::NetSettings;
use ones_m365_assistant::sandbox::DemoServices;
use ones_m365_assistant::store::DraftStore;
use ones_m365_assistant::tasks::BuiltLater;

/// Renders this many frames, then closes; after 10 s at the latest (smoke tests in CI).
const EXIT_AFTER_FRAMES_ENV: &str = "ONES_M365_EXIT_AFTER_FRAMES";

#[derive(Parser)]
#[command(name = "ones-m365-assistant", version = ones_m365_assistant::build_info::VERSION_LINE,
          about = "Set up, test and hand over the Microsoft 365 integration of ONES")]
struct Args {
    /// Practise offline: start a simulated Microsoft in-process and pre-fill a sample integration.
    #[arg(long)]
    demo: bool,
}

fn main() -> std::process::ExitCode {
    timing::mark_start();
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_writer(ones_m365_assistant::redact::LogWriter)
        .init();
    let args = Args::parse();
    timing::phase("logging-and-arguments");
    // The language the window will speak, already for the sentences made before it opens.
    let store = DraftStore::default_location();
    let language = store
        .load_preferences()
        .language
        .unwrap_or_else(Language::from_environment);
    // The window's own Chinese glyphs are embedded: no language reads a font file at start-up.
    set_language(language);
    timing::phase("preferences");

    // No thread before the event loop exists: while a second thread runs, glibc locks every
    // `getc`, and libX11 reads its 0.5 MB compose table with `getc` while the event loop opens
    // its input method (7 ms instead of 0.6). The runtime and the HTTP client are built while the
    // window and its GL context are created, and waited for in the creation callback.
    // Demo mode alone builds its runtime first: the stand-in servers it starts run on it.
    let demo_runtime = if args.demo {
        match build_runtime() {
            Ok(runtime) => Some(runtime),
            Err(error) => return fail_no_threads(&error),
        }
    } else {
        None
    };
    let demo = match &demo_runtime {
        Some(runtime) => match runtime.block_on(DemoServices::start()) {
            Ok(demo) => Some(demo),
            Err(error) => {
                return fail(
                    tr("gui.start.demo_failed", &[("reason", &error.to_string())]),
                    tr("gui.start.demo_failed_hint", &[]),
                );
            }
        },
        None => None,
    };
    let endpoints = match &demo {
        Some(demo) => Ok(demo.endpoints()),
        None => Endpoints::from_env().map_err(|error| checks_off(&error.localized_message())),
    };
    let background = Arc::new(BuiltLater::new("runtime", move || {
        start_background(demo_runtime, endpoints)
    }));
    let exit_after_frames = std::env::var(EXIT_AFTER_FRAMES_ENV)
        .ok()
        .and_then(|value| value.parse().ok());
    let icon = eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon.png")).ok();
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("ONES Microsoft 365 Assistant")
        .with_app_id("ones-m365-assistant")
        .with_inner_size([1200.0, 780.0])
        .with_min_inner_size([760.0, 520.0]);
    if let Some(icon) = icon {
        viewport = viewport.with_icon(icon);
    }
    let starter = Arc::clone(&background);
    let options = eframe::NativeOptions {
        viewport,
        // Called once the event loop (and with it the X11 input method) exists, just before the
        // window is created: the first moment threads cost nothing.
        window_builder: Some(Box::new(move |viewport| {
            timing::phase("event-loop");
            timing::threads("event-loop");
            starter.start();
            viewport
        })),
        ..Default::default()
    };
    let in_window = Arc::clone(&background);
    let result = eframe::run_native(
        "ONES Microsoft 365 Assistant",
        options,
        Box::new(move |creation| {
            timing::phase("window-and-gl");
            let background = in_window.wait().as_ref().map_err(Clone::clone)?;
            let checker = background.checker.wait().clone();
            timing::phase("background");
            ones_m365_assistant::gui::fonts::install_fonts_for(&creation.egui_ctx, language);
            timing::phase("fonts");
            let app = AssistantApp::new(AppOptions {
                store,
                platform: Platform::system(),
                today: None,
                exit_after_frames,
                runtime: background.runtime.handle().clone(),
                checker,
                demo,
                language: None,
            });
            timing::phase("app-state");
            Ok(Box::new(app))
        }),
    );
    // The window could not start because its background work could not.
    if result.is_err()
        && let Some(Err(reason)) = background.get()
    {
        return fail_no_threads(reason);
    }
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => fail(
            tr("gui.start.no_window", &[("reason", &error.to_string())]),
            tr("gui.start.no_window_hint", &[]),
        ),
    }
}

/// Says why the window cannot start, in the user's language and through the redacting writer,
/// and exits 2.
fn fail(error: String, hint: String) -> std::process::ExitCode {
    use std::io::Write as _;
    let mut stderr = ones_m365_assistant::redact::OutputWriter::new(std::io::stderr());
    let _ = writeln!(
        stderr,
        "{}",
        tr("cli.error.with_hint", &[("error", &error), ("hint", &hint)])
    );
    std::process::ExitCode::from(2)
}

/// Why background threads could not be had, and what to do.
fn fail_no_threads(reason: &str) -> std::process::ExitCode {
    fail(
        tr("gui.start.no_threads", &[("reason", reason)]),
        tr("gui.start.no_threads_hint", &[]),
    )
}

/// What the window's background work runs on.
struct Background {
    runtime: tokio::runtime::Runtime,
    /// Built on a thread of its own (TLS roots, proxy settings) while the window opens.
    checker: BuiltLater<Checker>,
}

fn build_runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|error| error.to_string())
}

/// Builds the runtime (unless demo mode already has one) and starts building the HTTP client.
fn start_background(
    runtime: Option<tokio::runtime::Runtime>,
    endpoints: Result<Endpoints, String>,
) -> Result<Background, String> {
    let runtime = match runtime {
        Some(runtime) => runtime,
        None => build_runtime()?,
    };
    let checker = BuiltLater::new("http-client", move || build_checker(endpoints));
    checker.start();
    Ok(Background { runtime, checker })
}

fn build_checker(endpoints: Result<Endpoints, String>) -> Result<Checker, String> {
    endpoints.and_then(|endpoints| {
        Checker::new(&NetSettings::default(), endpoints)
            .map_err(|error| checks_off(&error.localized()))
    })
}

/// Why the live checks cannot run, in the user's language.
fn checks_off(reason: &str) -> String {
    tr("gui.notice.checks_off", &[("reason", reason)])
}
