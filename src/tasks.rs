//! One "requested value" type for every asynchronous result the UI shows: not requested →
//! pending → ready (success or failure). The work runs on an injected tokio runtime handle; when it
//! finishes, a repaint callback wakes the UI, which picks the result up in its `logic` step. While a
//! request is pending, the previous result stays available (greyed in the UI), and requesting again
//! or cancelling aborts the stale work so its result can never land. No egui: the repaint callback
//! is a plain closure. Beside it, [`BuiltLater`]: a value built once on a thread of its own (the
//! runtime and HTTP clients at start-up), waited for only where it is needed.

use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

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

/// A value built once, on a thread of its own once [`BuiltLater::start`]ed, so the thread that
/// needs it (the window's, at start-up) does other work meanwhile. [`BuiltLater::get`] never
/// waits; [`BuiltLater::wait`] waits for that thread, or builds on the asking thread when no thread
/// was started or none could be. A build that panics (only where panics unwind: the tests) leaves
/// a sentence, never a wait without end.
pub struct BuiltLater<T> {
    /// The thread's name, and the background work's name in the sentence when the build is lost.
    name: &'static str,
    value: Arc<OnceLock<Result<T, String>>>,
    /// Taken by whoever builds: the thread, or `wait` when nobody has taken it.
    build: Arc<Mutex<Option<Build<T>>>>,
    started: AtomicBool,
}

type Build<T> = Box<dyn FnOnce() -> Result<T, String> + Send>;

impl<T: Send + Sync + 'static> BuiltLater<T> {
    /// Nothing is built yet: [`BuiltLater::start`] or [`BuiltLater::wait`] runs `build`.
    pub fn new(
        name: &'static str,
        build: impl FnOnce() -> Result<T, String> + Send + 'static,
    ) -> Self {
        Self {
            name,
            value: Arc::new(OnceLock::new()),
            build: Arc::new(Mutex::new(Some(Box::new(build)))),
            started: AtomicBool::new(false),
        }
    }

    /// Starts the build on a thread of its own; only the first call does anything. When no thread
    /// can be started, the build stays here and [`BuiltLater::wait`] runs it.
    pub fn start(&self) {
        if self.started.swap(true, Ordering::AcqRel) {
            return;
        }
        let value = Arc::clone(&self.value);
        let build = Arc::clone(&self.build);
        let name = self.name;
        let _ = std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || {
                if let Some(build) = take(&build) {
                    let _ = value.set(run(build, name));
                }
            });
    }

    /// The value, if built.
    pub fn get(&self) -> Option<&Result<T, String>> {
        self.value.get()
    }

    /// The value: waits for the thread building it, or builds it here when nobody has begun to
    /// (not started, no thread to be had, or the thread not yet running).
    pub fn wait(&self) -> &Result<T, String> {
        if let Some(build) = take(&self.build) {
            let _ = self.value.set(run(build, self.name));
        }
        // Whoever took the build sets the value, even when the build panics (see `run`).
        self.value.wait()
    }
}

fn take<T>(build: &Mutex<Option<Build<T>>>) -> Option<Build<T>> {
    build
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .take()
}

fn run<T>(build: Build<T>, name: &str) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(build))
        .unwrap_or_else(|_| Err(crate::i18n::tr("tasks.build_stopped", &[("what", name)])))
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
    fn built_later_builds_once_on_its_thread_or_here_when_never_started() {
        let builds = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&builds);
        let started = BuiltLater::new("test-build", move || {
            counter.fetch_add(1, Ordering::SeqCst);
            Ok(std::thread::current().name().map(str::to_owned))
        });
        started.start();
        started.start();
        // (`wait` now could take the build before the new thread does, and build it here.)
        for _ in 0..1000 {
            if started.get().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(
            started.wait(),
            &Ok(Some("test-build".to_owned())),
            "built on its own thread"
        );
        assert_eq!(started.get(), Some(&Ok(Some("test-build".to_owned()))));
        assert_eq!(
            builds.load(Ordering::SeqCst),
            1,
            "a second start builds nothing"
        );

        let never_started = BuiltLater::new("test-build", || Ok(std::thread::current().id()));
        assert_eq!(
            never_started.get(),
            None,
            "nothing is built before it is asked for"
        );
        assert_eq!(never_started.wait(), &Ok(std::thread::current().id()));
    }

    #[test]
    fn a_build_that_panics_ends_the_wait_with_a_sentence() {
        let lost: BuiltLater<u8> = BuiltLater::new("test-build", || panic!("the build dies"));
        lost.start();
        let Err(sentence) = lost.wait() else {
            panic!("a lost build has no value");
        };
        assert!(sentence.contains("test-build"), "{sentence}");
        let here: BuiltLater<u8> = BuiltLater::new("test-build", || panic!("the build dies"));
        assert!(
            here.wait().is_err(),
            "the same when built on the asking thread"
        );
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
