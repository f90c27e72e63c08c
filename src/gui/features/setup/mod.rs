//! "Do it with a script": [`state`] is what the cards remember (the pasted output holds
//! secrets); [`view`] draws the card at the top of each Azure column.

pub mod state;
pub mod view;

pub use state::*;
pub use view::*;
