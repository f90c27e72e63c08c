//! The eframe/egui desktop app — the only module that imports egui.
//!
//! - [`app`]: the window's state, per-frame logic, drawing and command handling;
//! - [`steps`]: one file per wizard screen;
//! - [`widgets`]: shared field, button and card widgets;
//! - [`form`]: editing state that is not part of the document;
//! - [`features`]: the live checks, the hand-over to ONES, the room test and the script cards,
//!   each as `state.rs` (background work and results) and `view.rs` (its panel);
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
pub mod command;
pub mod demo_panel;
pub mod features;
pub mod fonts;
pub mod form;
pub mod pictures;
pub mod platform;
pub mod steps;
pub mod timing;
pub mod widgets;

pub use app::{AppOptions, AssistantApp};
