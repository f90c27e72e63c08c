//! One "requested value" type for every asynchronous result the UI shows: not requested →
//! pending → ready (success or failure). The work runs on an injected tokio runtime handle; when it
//! finishes, a repaint callback wakes the UI, which picks the result up in its `logic` step. While a
//! request is pending, the previous result stays available (greyed in the UI), and requesting again
//! or cancelling aborts the stale work so its result can never land. No egui: the repaint callback
//! is a plain closure.

use std::future::Future;
use std::sync::Arc;

use tokio::runtime::Handle;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// Wakes the UI (in the app: `egui::Context::request_repaint`).
pub type Repaint = Arc<dyn Fn() + Send + Sync>;

/// A repaint callback that does nothing (CLI, tests without a UI).
pub fn no_repaint() -> Repaint {
    Arc::new(|| {})
}

enum State<T> {
    NotRequested,
    Pending {
        receiver: oneshot::Receiver<T>,
        task: JoinHandle<()>,
    },
    Ready(T),
}

/// A value that is fetched in the background. `T` is usually a `Result`.
pub struct Requested<T> {
    state: State<T>,
    /// The last ready value, kept while a new request is pending.
    previous: Option<T>,
}

impl<T> Default for Requested<T> {
    fn default() -> Self {
        Self {
            state: State::NotRequested,
            previous: None,
        }
    }
}

impl<T: Send + 'static> Requested<T> {
    /// Starts `work`; any pending request is aborted first and its result will never be seen.
    pub fn request(
        &mut self,
        runtime: &Handle,
        repaint: Repaint,
        work: impl Future<Output = T> + Send + 'static,
    ) {
        self.cancel();
        let (sender, receiver) = oneshot::channel();
        let task = runtime.spawn(async move {
            let value = work.await;
            if sender.send(value).is_ok() {
                repaint();
            }
        });
        self.state = State::Pending { receiver, task };
    }

    /// Aborts pending work. The previous value stays.
    pub fn cancel(&mut self) {
        match std::mem::replace(&mut self.state, State::NotRequested) {
            State::Pending { task, .. } => task.abort(),
            State::Ready(value) => self.previous = Some(value),
            State::NotRequested => {}
        }
    }

    /// Moves a finished result into place; call once per frame. Returns true when the request
    /// ended this call: its value landed, or its task died without one (then nothing is ready and
    /// the previous value stays). What ended is told once, so the caller needs no before/after
    /// snapshot to notice it.
    pub fn poll(&mut self) -> bool {
        let State::Pending { receiver, .. } = &mut self.state else {
            return false;
        };
        match receiver.try_recv() {
            Ok(value) => {
                self.state = State::Ready(value);
                self.previous = None;
                true
            }
            Err(oneshot::error::TryRecvError::Empty) => false,
            // The task died (panicked or was aborted) without a value.
            Err(oneshot::error::TryRecvError::Closed) => {
                self.state = State::NotRequested;
                true
            }
        }
    }

    pub fn is_pending(&self) -> bool {
        matches!(self.state, State::Pending { .. })
    }

    /// The current value, if ready.
    pub fn ready(&self) -> Option<&T> {
        match &self.state {
            State::Ready(value) => Some(value),
            _ => None,
        }
    }

    /// The current value, or while pending (or after a cancel) the previous one, with a flag telling
    /// whether it is stale.
    pub fn latest(&self) -> Option<(&T, bool)> {
        match &self.state {
            State::Ready(value) => Some((value, false)),
            _ => self.previous.as_ref().map(|value| (value, true)),
        }
    }

    /// Forgets everything (e.g. the inputs changed so much the old value is meaningless).
    pub fn clear(&mut self) {
        self.cancel();
        self.previous = None;
    }
}

impl<T> Drop for Requested<T> {
    fn drop(&mut self) {
        if let State::Pending { task, .. } = &self.state {
            task.abort();
        }
    }
}

/// A one-worker runtime for unit tests of background work.
#[cfg(test)]
#[allow(clippy::expect_used, reason = "a test cannot run without its runtime")]
pub(crate) fn test_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("a test runtime")
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use super::*;

    fn wait_until_ready<T: Send + 'static>(requested: &mut Requested<T>) {
        for _ in 0..200 {
            if requested.poll() {
                return;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        panic!("the value never arrived");
    }

    #[test]
    fn a_value_arrives_and_repaints() {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let repaints = Arc::new(AtomicUsize::new(0));
        let counter = repaints.clone();
        let mut requested = Requested::default();
        requested.request(
            runtime.handle(),
            Arc::new(move || {
                counter.fetch_add(1, Ordering::SeqCst);
            }),
            async { 42 },
        );
        assert!(requested.is_pending());
        wait_until_ready(&mut requested);
        assert_eq!(requested.ready(), Some(&42));
        assert_eq!(repaints.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn a_task_that_dies_ends_the_request_once_with_nothing_ready() {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let mut requested: Requested<u8> = Requested::default();
        requested.request(runtime.handle(), no_repaint(), async {
            panic!("the work dies");
        });
        let mut ended = 0;
        for _ in 0..200 {
            if requested.poll() {
                ended += 1;
            }
            if !requested.is_pending() {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(ended, 1, "the end is told exactly once");
        assert!(!requested.is_pending());
        assert_eq!(requested.ready(), None);
        assert!(!requested.poll(), "nothing more to tell");
    }

    #[test]
    fn a_new_request_aborts_the_stale_one_and_keeps_the_previous_value_visible() {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let mut requested = Requested::default();
        requested.request(runtime.handle(), no_repaint(), async { "first" });
        wait_until_ready(&mut requested);

        requested.request(runtime.handle(), no_repaint(), async {
            tokio::time::sleep(Duration::from_secs(60)).await;
            "stale"
        });
        assert_eq!(requested.latest(), Some((&"first", true)));
        requested.request(runtime.handle(), no_repaint(), async { "fresh" });
        wait_until_ready(&mut requested);
        assert_eq!(requested.ready(), Some(&"fresh"));
    }
}
