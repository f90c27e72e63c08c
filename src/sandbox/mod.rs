//! Stand-in servers on 127.0.0.1 for tests and demo mode: they implement the contracts the
//! assistant speaks, strictly, with fault injection, and never touch the internet. No egui.

pub mod ones;
