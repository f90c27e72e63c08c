//! The integration tests of the domain and the command line, one module per former test file,
//! in one binary: one link of the library and its dependencies instead of sixteen (link time
//! dominates `cargo test` on 2 cores). The window's tests (`gui`, `gui_i18n`, `pictures`) and the
//! setup scripts with their fake `az` (`setup_scripts`, its own `main`) stay binaries of their own.
//!
//! One module: `cargo test --test integration hardening::`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::too_many_lines,
    reason = "test code: a panic is the failure, and its output is the point"
)]

#[path = "../common/mod.rs"]
mod common;
#[path = "../ones_support/mod.rs"]
mod ones_support;

mod checks;
mod cli;
mod cli_check;
mod cli_rooms;
mod cli_sandbox;
mod hardening;
mod i18n;
mod microsoft_stand_in;
mod model;
mod ones_cli;
mod ones_export;
mod properties;
mod reminder;
mod rooms;
mod store;
mod validation;
