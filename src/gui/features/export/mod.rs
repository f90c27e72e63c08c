//! Handing the integration over to ONES: [`state`] tests the connection, plans, exports, reads
//! back and pulls in the background; [`view`] is the "Hand over to ONES" panel.

pub mod state;
pub mod view;

pub use state::*;
pub use view::*;
