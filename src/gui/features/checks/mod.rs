//! The live checks against Microsoft: [`state`] runs them in the background and keeps their
//! results; [`view`] is their panel on Review.

pub mod state;
pub mod view;

pub use state::*;
pub use view::*;
