//! The window's features that work beside the form, each as `state.rs` (what runs in the
//! background and what it found; no drawing) and `view.rs` (its panel):
//!
//! - [`checks`]: the live checks against Microsoft;
//! - [`export`]: the hand-over to ONES (connection, plan, export, receipt, pull);
//! - [`room_test`]: the room access test (sign-in, then each room calendar);
//! - [`setup`]: the "Do it with a script" cards;
//! - `background_run`: run ids, a channel per run and the stale-event filter that the live
//!   checks and the room test share.

use std::sync::{Arc, OnceLock};

use crate::tasks::Repaint;

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

/// The one repaint callback the features' background work wakes the window with, made once when
/// the app is built and handed to each feature there. It reaches the egui context from the first
/// frame on ([`Waker::attach`]); work that ends before then is picked up by that first frame.
#[derive(Clone, Default)]
pub(crate) struct Waker(Arc<OnceLock<egui::Context>>);

impl Waker {
    /// Gives the callback its context (the first call wins; later ones change nothing).
    pub(crate) fn attach(&self, ctx: &egui::Context) {
        if self.0.get().is_none() {
            let _ = self.0.set(ctx.clone());
        }
    }

    /// The callback: asks the window for a frame.
    pub(crate) fn repaint(&self) -> Repaint {
        let context = Arc::clone(&self.0);
        Arc::new(move || {
            if let Some(ctx) = context.get() {
                ctx.request_repaint();
            }
        })
    }
}
