//! Version and git revision of this build, stamped by `build.rs`; shown in the about box and in
//! diagnostic reports so a helpdesk knows exactly which build a report came from.

/// The package version from `Cargo.toml`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Short git revision of the source tree, or `unknown` when built outside a git checkout.
pub const GIT_REVISION: &str = env!("ONES_M365_GIT_REVISION");

/// `0.1.0 (abc1234)`: what `--version` of both programs prints and the about box shows.
pub const VERSION_LINE: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (",
    env!("ONES_M365_GIT_REVISION"),
    ")"
);

/// `0.1.0 (abc1234)`.
pub fn version_line() -> String {
    VERSION_LINE.to_owned()
}
