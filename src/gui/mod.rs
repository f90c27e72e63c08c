//! The eframe/egui desktop app — the only module that imports egui.
//!
//! - [`app`]: the window's state, per-frame logic, drawing and command handling;
//! - [`steps`]: one file per wizard screen;
//! - [`widgets`]: shared field, button and card widgets;
//! - [`form`]: editing state that is not part of the document;
//! - [`live_checks`], [`checks_panel`]: the live checks against Microsoft and their panel;
//! - `background_run`: run ids, a channel per run and the stale-event filter that the live
//!   checks and the room test share;
//! - [`pictures`]: schematic pictures of the Azure portal pages, drawn with the painter;
//! - [`platform`]: clipboard, browser and file dialogs behind traits (recorders in tests).

/// The text of a catalogue key in the current language, with `%{name}` arguments:
/// `tr!("gui.nav.next")`, `tr!("gui.copy.name", what = what)`.
macro_rules! tr {
    ($key:expr) => {
        $crate::i18n::tr($key, &[])
    };
    ($key:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::tr($key, &[$((stringify!($name), &$value.to_string())),+])
    };
}

/// A catalogue message kept as [`crate::i18n::Text`] — rendered when it is drawn, so a language
/// switch reaches notices, toasts and fallbacks that are already shown:
/// `text!("gui.toast.copied", what = what)`.
macro_rules! text {
    ($key:expr) => {
        $crate::i18n::Text::new($key)
    };
    ($key:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::Text::new($key)$(.arg(stringify!($name), $value))+
    };
}

pub mod a11y;
pub mod app;
mod background_run;
pub mod checks_panel;
pub mod command;
pub mod demo_panel;
pub mod export_panel;
pub mod fonts;
pub mod form;
pub mod live_checks;
pub mod ones_export;
pub mod pictures;
pub mod platform;
pub mod room_test;
pub mod room_test_panel;
pub mod setup_panel;
pub mod steps;
pub mod timing;
pub mod widgets;

pub use app::{AppOptions, AssistantApp};
