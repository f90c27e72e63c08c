//! The room access test: [`state`] signs in and checks each room in the background; [`view`] is
//! its panel on Room settings.

pub mod state;
pub mod view;

pub use state::*;
pub use view::*;
