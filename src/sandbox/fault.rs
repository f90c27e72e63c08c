//! The one kind of misbehaviour both stand-ins can be told to show: Microsoft per route
//! ([`super::microsoft::RunningMicrosoft::set_fault`]), ONES on every request or one endpoint
//! ([`super::ones::RunningOnes::set_fault`], [`super::ones::RunningOnes::set_fault_on`]).

use std::time::Duration;

/// A misbehaviour injected into a stand-in's answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Answer normally after this delay.
    Latency(Duration),
    /// Never answer (until the stand-in stops).
    Hang,
    /// HTTP 500 (Microsoft: an HTML page; ONES: its JSON error body).
    ServerError,
    /// HTTP 200 with a body that cannot be read: truncated JSON (on Microsoft's sign-in page, HTML
    /// without a `$Config`).
    Malformed,
    /// The connection closes before the answer is complete: ONES closes it without answering,
    /// Microsoft after the first bytes of a 200 answer.
    ConnectionClosed,
}
