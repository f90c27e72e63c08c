//! The window's features that work beside the form, each as `state.rs` (what runs in the
//! background and what it found; no drawing) and `view.rs` (its panel):
//!
//! - [`checks`]: the live checks against Microsoft;
//! - [`export`]: the hand-over to ONES (connection, plan, export, receipt, pull);
//! - [`room_test`]: the room access test (sign-in, then each room calendar);
//! - [`setup`]: the "Do it with a script" cards;
//! - `background_run`: run ids, a channel per run and the stale-event filter that the live
//!   checks and the room test share.

mod background_run;
pub mod checks;
pub mod export;
pub mod room_test;
pub mod setup;

/// What the screens' cards show of the features (borrowed from the app for one frame).
pub(crate) struct Features<'a> {
    pub(crate) setup: &'a mut setup::SetupScripts,
    pub(crate) checks: &'a checks::LiveChecks,
    pub(crate) export: &'a mut export::OnesExport,
    pub(crate) room_test: &'a room_test::RoomTest,
}
