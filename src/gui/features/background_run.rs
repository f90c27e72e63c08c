//! The plumbing of a background run that reports as it goes (the live checks, the room test): a
//! new run id and a new channel per run, the work spawned on the injected runtime through
//! [`Requested`] (which holds its final result), and only the current run's events let through, so
//! a stale run's late events never land. Every event wakes the UI through the repaint callback
//! given once, at construction. No egui: the callback is a plain closure.

use std::future::Future;

use tokio::runtime::Handle;
use tokio::sync::mpsc;

use crate::checks::RunId;
use crate::tasks::{Repaint, Requested};

/// An event of a background run.
pub(super) trait RunEvent {
    /// The run the event belongs to; `None` for an event that belongs to whichever run is
    /// current (it is never dropped as stale).
    fn of_run(&self) -> Option<RunId>;
}

/// Where a run's work sends its events.
pub(super) struct RunEvents<E> {
    sender: mpsc::UnboundedSender<E>,
    repaint: Repaint,
}

impl<E> RunEvents<E> {
    /// Sends `event` (lost when the run is no longer listened to) and wakes the UI.
    pub(super) fn send(&self, event: E) {
        let _ = self.sender.send(event);
        (self.repaint)();
    }
}

/// Run ids, one run's channel at a time, and the filter for stale events.
pub(super) struct BackgroundRun<E> {
    runtime: Handle,
    /// Wakes the UI for every event and when a run ends.
    repaint: Repaint,
    next_run: u64,
    current_run: Option<RunId>,
    events: Option<mpsc::UnboundedReceiver<E>>,
}

impl<E: RunEvent + Send + 'static> BackgroundRun<E> {
    pub(super) fn new(runtime: Handle, repaint: Repaint) -> Self {
        Self {
            runtime,
            repaint,
            next_run: 1,
            current_run: None,
            events: None,
        }
    }

    /// Starts a run: `work` gets the new run's id and where to send its events, and its result
    /// lands in `result` (whatever `result` was waiting for is aborted). From now on only this
    /// run's events come through [`BackgroundRun::drain`].
    pub(super) fn start<T, F>(
        &mut self,
        result: &mut Requested<T>,
        work: impl FnOnce(RunId, RunEvents<E>) -> F,
    ) -> RunId
    where
        T: Send + 'static,
        F: Future<Output = T> + Send + 'static,
    {
        let run_id = RunId(self.next_run);
        self.next_run += 1;
        let (sender, receiver) = mpsc::unbounded_channel();
        let events = RunEvents {
            sender,
            repaint: self.repaint.clone(),
        };
        result.request(&self.runtime, self.repaint.clone(), work(run_id, events));
        self.events = Some(receiver);
        self.current_run = Some(run_id);
        run_id
    }

    /// What arrived since the last call, in arrival order; events of other runs are dropped.
    pub(super) fn drain(&mut self) -> impl Iterator<Item = E> + '_ {
        let current = self.current_run;
        let mut receiver = self.events.as_mut();
        std::iter::from_fn(move || receiver.as_mut()?.try_recv().ok())
            .filter(move |event| event.of_run().is_none_or(|run| Some(run) == current))
    }

    /// Stops listening (the run finished or was cancelled): what it still sends is never seen.
    pub(super) fn close(&mut self) {
        self.events = None;
        self.current_run = None;
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::tasks::{no_repaint, test_runtime as runtime};

    /// Work that never ends, so that only the events wake the UI.
    async fn never_ends() {
        std::future::pending::<()>().await;
    }

    struct Event(Option<RunId>, &'static str);

    impl RunEvent for Event {
        fn of_run(&self) -> Option<RunId> {
            self.0
        }
    }

    #[test]
    fn only_the_current_runs_events_come_through_and_each_one_repaints() {
        let runtime = runtime();
        let repaints = Arc::new(AtomicUsize::new(0));
        let counter = repaints.clone();
        let repaint: Repaint = Arc::new(move || {
            counter.fetch_add(1, Ordering::SeqCst);
        });
        let mut runs = BackgroundRun::new(runtime.handle().clone(), repaint);
        let mut result = Requested::default();
        let mut first_events = None;
        let first = runs.start(&mut result, |run_id, events| {
            events.send(Event(Some(run_id), "first"));
            first_events = Some(events);
            never_ends()
        });
        assert_eq!(first, RunId(1));
        assert_eq!(
            runs.drain().map(|event| event.1).collect::<Vec<_>>(),
            ["first"]
        );
        let second = runs.start(&mut result, |run_id, events| {
            events.send(Event(Some(run_id), "current"));
            events.send(Event(Some(first), "stale"));
            events.send(Event(None, "any run"));
            never_ends()
        });
        assert_eq!(second, RunId(2));
        assert_eq!(repaints.load(Ordering::SeqCst), 4, "one per event sent");
        // The first run's channel is gone: what it sends now is lost.
        first_events.unwrap().send(Event(Some(first), "late"));
        assert_eq!(
            runs.drain().map(|event| event.1).collect::<Vec<_>>(),
            ["current", "any run"]
        );
    }

    #[test]
    fn nothing_comes_through_after_close() {
        let runtime = runtime();
        let mut runs = BackgroundRun::new(runtime.handle().clone(), no_repaint());
        let mut result = Requested::default();
        runs.start(&mut result, |run_id, events| {
            events.send(Event(Some(run_id), "sent before close"));
            async {}
        });
        runs.close();
        assert_eq!(runs.drain().count(), 0);
    }
}
