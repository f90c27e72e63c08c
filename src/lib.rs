//! ONES Microsoft 365 setup assistant — library.
//!
//! What lives where (the dependency rule: nothing outside `gui` imports egui or eframe, so the CLI
//! and the tests use every domain module directly; `cargo check --no-default-features` keeps that
//! honest):
//!
//! - [`model`]: the integration document (`ones-m365/1`), the [`model::Secret`] type, lenient
//!   loading and the validation report. Pure data and pure functions — no I/O.
//! - [`cloud`]: the per-operator table (login, Graph and portal hosts, scopes) and Azure portal deep
//!   links.
//! - [`redirect`]: the redirect URIs ONES expects, derived from the ONES URL until ONES tells us.
//! - [`files`]: reading user-named files bounded, regular files only, never blocking.
//! - [`net`]: building HTTP clients (timeouts, proxy, extra CA) and turning network failures
//!   into sentences with a fix.
//! - [`redact`]: the one redaction step every output passes through (secrets and tokens the process
//!   holds become `<redacted>`), and terminal-safe text.
//! - [`reminder`]: the secret-renewal reminder as an iCalendar file.
//! - [`checks`]: live checks against Microsoft (tenant, both apps' secrets, redirect URIs, wrong
//!   cloud), the AADSTS advice table, endpoint overrides and the diagnostic report.
//! - [`rooms`]: the room test — the service account's delegated sign-in (auth code + PKCE with a
//!   loopback redirect) and a read-only check of every room calendar delegated to it.
//! - [`ones`]: the ONES backend — the integration settings API client, export (connect → plan →
//!   apply → verify → receipt) and pull.
//! - [`opener`]: opening an address in the system browser without the secrets of this process's
//!   environment.
//! - [`sandbox`]: stand-in servers on 127.0.0.1 (Microsoft's login endpoints and Graph calendars
//!   of both clouds, a ONES server) for
//!   tests, benchmarks and demo mode, and the demo document.
//! - [`setup`]: the generated setup scripts (Azure CLI, Exchange Online) and reading their result
//!   block back into the document.
//! - [`store`]: integration documents and drafts on disk — atomic writes, lenient reads, backups of
//!   corrupt files.
//! - [`tasks`]: the one "requested value" type (pending → ready) for async results the UI shows.
//! - [`i18n`]: English, Simplified and Traditional Chinese catalogues; [`i18n::Text`] for
//!   domain messages rendered in any language.
//! - [`cli`]: the `ones-m365` command line (argument parsing → validated config at one boundary,
//!   exit codes by meaning).
//! - [`build_info`]: version and git revision stamped by `build.rs`.
//! - `gui` (feature `gui`): the eframe/egui desktop app.

rust_i18n::i18n!("assets/locales", fallback = "en");

pub mod build_info;
pub mod checks;
pub mod cli;
pub mod cloud;
pub mod files;
pub mod i18n;
pub mod model;
pub mod net;
pub mod ones;
pub mod opener;
pub mod redact;
pub mod redirect;
pub mod reminder;
pub mod rooms;
pub mod sandbox;
pub mod setup;
pub mod store;
pub mod tasks;

#[cfg(feature = "gui")]
pub mod gui;
