//! Start-up measurement for `scripts/measure-gui.sh`: with `ONES_M365_REPORT_FIRST_FRAME=1` the
//! window prints, once, how long the process took from `main` to the end of its first frame.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

static START: OnceLock<Instant> = OnceLock::new();
static REPORTED: AtomicBool = AtomicBool::new(false);

/// Call first thing in `main`.
pub fn mark_start() {
    let _ = START.set(Instant::now());
}

/// Call after a frame was drawn; prints `first-frame-ms N` to stderr the first time, when asked.
pub fn frame_drawn() {
    if REPORTED.swap(true, Ordering::Relaxed) {
        return;
    }
    if std::env::var_os("ONES_M365_REPORT_FIRST_FRAME").is_some()
        && let Some(start) = START.get()
    {
        eprintln!("first-frame-ms {}", start.elapsed().as_millis());
    }
}
