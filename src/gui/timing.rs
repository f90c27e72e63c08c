//! Start-up timing for `scripts/measure-startup.sh`: with `ONES_M365_TIMING=1` the window prints
//! `timing: first-frame-ms N` once the first frame was drawn (measured from [`mark_start`], the
//! first line of `main`). The hello-world baseline (`examples/hello.rs`) uses the same two calls.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

static START: OnceLock<Instant> = OnceLock::new();
static FRAMES: AtomicU64 = AtomicU64::new(0);

/// Call first thing in `main`.
pub fn mark_start() {
    START.get_or_init(Instant::now);
}

/// With `ONES_M365_TIMING=1`: `timing: phase NAME N` — ms since [`mark_start`] at the end of the
/// start-up phase `name`, so the time to the first frame can be split into its parts.
#[allow(
    clippy::print_stderr,
    reason = "the measurement script reads these lines from standard error"
)]
pub fn phase(name: &str) {
    if std::env::var_os("ONES_M365_TIMING").is_some()
        && let Some(start) = START.get()
    {
        eprintln!(
            "timing: phase {name} {:.1}",
            start.elapsed().as_secs_f64() * 1000.0
        );
    }
}

/// Call at the end of every frame's UI: in the first frame, marks the phase `first-ui` (the
/// widgets laid out; what follows until the first frame is drawn is tessellation and painting).
pub fn ui_built() {
    if FRAMES.load(Ordering::Relaxed) == 1 {
        phase("first-ui");
    }
}

/// Call at the start of every frame: at the second one, the first has been drawn.
#[allow(
    clippy::print_stderr,
    reason = "the measurement script reads this line from standard error"
)]
pub fn frame() {
    if FRAMES.fetch_add(1, Ordering::Relaxed) == 1
        && std::env::var_os("ONES_M365_TIMING").is_some()
        && let Some(start) = START.get()
    {
        eprintln!("timing: first-frame-ms {}", start.elapsed().as_millis());
    }
}

/// With `ONES_M365_TIMING=1`, on Linux: `timing: threads NAME N`, the number of threads this
/// process runs at the point `name` (from `/proc/self/status`), so the start-up smoke test can
/// tell that nothing started a thread before the window's event loop existed.
#[allow(
    clippy::print_stderr,
    reason = "the measurement script and the smoke test read this line from standard error"
)]
pub fn threads(name: &str) {
    if std::env::var_os("ONES_M365_TIMING").is_none() {
        return;
    }
    let Some(count) = thread_count() else {
        return;
    };
    eprintln!("timing: threads {name} {count}");
}

#[cfg(target_os = "linux")]
fn thread_count() -> Option<u64> {
    use std::io::Read as _;
    let mut status = String::new();
    // A few hundred bytes; read at most 64 KiB.
    std::fs::File::open("/proc/self/status")
        .ok()?
        .take(64 * 1024)
        .read_to_string(&mut status)
        .ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("Threads:"))
        .and_then(|count| count.trim().parse().ok())
}

#[cfg(not(target_os = "linux"))]
fn thread_count() -> Option<u64> {
    None
}
