//! File work off the UI thread: saving the document, the renewal reminder, a setup script and the
//! preferences, opening a document, and checking a path typed into the window. Jobs run one after
//! another (two saves to one file land in the order asked) on the runtime's blocking threads;
//! what they found comes back through [`FileWork::drain`] and is taken in by the app's `logic`.
//! A frame never waits for a disk, a network share or a slow antivirus scan.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use tokio::runtime::Handle;
use tokio::sync::mpsc;

use super::{AssistantApp, NoticeLevel, PathPurpose};
use crate::i18n::Text;
use crate::model::IntegrationDocument;
use crate::model::Loaded;
use crate::store::{DraftStore, Preferences};
use crate::tasks::Repaint;

/// How often the window looks for finished file jobs while some are under way.
const FILE_POLL: Duration = Duration::from_millis(50);

/// Something to do with a file.
pub(crate) enum FileJob {
    /// Writes the document, with its secrets only when `include_secrets`.
    SaveDocument {
        target: Target,
        doc: Box<IntegrationDocument>,
        include_secrets: bool,
    },
    /// Writes the renewal reminder (an iCalendar text).
    SaveReminder { target: Target, calendar: String },
    /// Writes a generated setup script (it holds no secrets).
    SaveScript { target: Target, bytes: Vec<u8> },
    /// Reads a document (bounded by the store).
    Open { target: Target },
    /// Checks that a CA certificate file is there.
    Certificate { target: Target },
    /// Remembers the language and the theme.
    SavePreferences {
        store: DraftStore,
        preferences: Preferences,
    },
}

/// Where a job reads or writes, and whether the user already agreed to replace what is there.
pub(crate) struct Target {
    pub(crate) path: PathBuf,
    /// A native dialog asked about replacing already, or the user answered "Replace".
    pub(crate) overwrite: bool,
}

/// What a job found.
pub(crate) enum FileDone {
    /// The path cannot be used as it is: said under the path field, which stays open. The job
    /// comes back (a script's bytes are kept for the next try).
    PathProblem(PathProblem, Box<FileJob>),
    /// The document was written; `saved` is what the file now holds.
    DocumentSaved {
        path: PathBuf,
        saved: Box<IntegrationDocument>,
        with_secrets: bool,
    },
    /// The reminder or a script was written.
    Written { purpose: PathPurpose, path: PathBuf },
    /// Nothing was written (or read): a notice says why.
    Failed(Text),
    /// A document was read.
    Opened { path: PathBuf, loaded: Box<Loaded> },
    /// The certificate file is there.
    Certificate(PathBuf),
    /// The preferences could not be written (logged; the choice still holds for this session).
    PreferencesNotSaved(String),
    /// The preferences were written.
    PreferencesSaved,
}

/// Why a typed path cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum PathProblem {
    /// A folder, not a file.
    NeedFile,
    /// Nothing to open there.
    NotFound(PathBuf),
    /// A file is there: "Replace" must be answered first.
    Exists(PathBuf),
}

impl FileJob {
    /// What a typed path is for, to check it against (the preferences have no path).
    fn target(&self) -> Option<(&Target, PathPurpose)> {
        match self {
            FileJob::SaveDocument { target, .. } => Some((target, PathPurpose::SaveDocument)),
            FileJob::SaveReminder { target, .. } => Some((target, PathPurpose::SaveReminder)),
            FileJob::SaveScript { target, .. } => Some((target, PathPurpose::SaveScript)),
            FileJob::Open { target } => Some((target, PathPurpose::OpenDocument)),
            FileJob::Certificate { target } => Some((target, PathPurpose::Certificate)),
            FileJob::SavePreferences { .. } => None,
        }
    }

    /// The path's problem, if it has one (the file system is asked here, off the UI thread).
    fn path_problem(&self) -> Option<PathProblem> {
        let (target, purpose) = self.target()?;
        let path = &target.path;
        if path.is_dir() {
            Some(PathProblem::NeedFile)
        } else if !purpose.saves() && !path.is_file() {
            Some(PathProblem::NotFound(path.clone()))
        } else if purpose.saves() && !target.overwrite && path.exists() {
            Some(PathProblem::Exists(path.clone()))
        } else {
            None
        }
    }

    /// Does the work (on a blocking thread).
    fn run(self) -> FileDone {
        if let Some(problem) = self.path_problem() {
            return FileDone::PathProblem(problem, Box::new(self));
        }
        match self {
            FileJob::SaveDocument {
                target,
                doc,
                include_secrets,
            } => match crate::store::write_document_file(&target.path, &doc, include_secrets) {
                Ok(()) => FileDone::DocumentSaved {
                    path: target.path,
                    with_secrets: include_secrets && doc.has_secrets(),
                    saved: if include_secrets {
                        doc
                    } else {
                        Box::new(doc.without_secrets())
                    },
                },
                Err(error) => FileDone::Failed(
                    text!("gui.notice.save_failed").arg_text("error", error.text()),
                ),
            },
            FileJob::SaveReminder { target, calendar } => write(
                target.path,
                calendar.as_bytes(),
                PathPurpose::SaveReminder,
                "gui.notice.reminder_failed",
            ),
            FileJob::SaveScript { target, bytes } => write(
                target.path,
                &bytes,
                PathPurpose::SaveScript,
                "gui.notice.script_save_failed",
            ),
            FileJob::Open { target } => match crate::store::read_document_file(&target.path) {
                Ok(loaded) => FileDone::Opened {
                    path: target.path,
                    loaded: Box::new(loaded),
                },
                Err(error) => FileDone::Failed(
                    text!("gui.notice.open_failed").arg_text("error", error.text()),
                ),
            },
            FileJob::Certificate { target } => FileDone::Certificate(target.path),
            FileJob::SavePreferences { store, preferences } => {
                match store.save_preferences(&preferences) {
                    Ok(()) => FileDone::PreferencesSaved,
                    Err(error) => FileDone::PreferencesNotSaved(error.to_string()),
                }
            }
        }
    }
}

/// Writes `bytes` to `path` in one piece (a crash leaves the old file or the new one).
fn write(path: PathBuf, bytes: &[u8], purpose: PathPurpose, failed_key: &'static str) -> FileDone {
    match crate::store::write_atomically(&path, bytes, false) {
        Ok(()) => FileDone::Written { purpose, path },
        Err(error) => FileDone::Failed(text!(failed_key, error = error, path = path.display())),
    }
}

/// The queue of file jobs and what came back.
pub(crate) struct FileWork {
    jobs: mpsc::UnboundedSender<FileJob>,
    done: mpsc::UnboundedReceiver<FileDone>,
    /// Jobs asked for whose answer has not been drained yet.
    in_flight: usize,
}

impl FileWork {
    /// Starts the worker on `runtime`; `repaint` is called when a job is done. The window passes
    /// none and polls on a timer while jobs are under way (see [`AssistantApp::take_in_files`]).
    pub(crate) fn new(runtime: &Handle, repaint: Repaint) -> Self {
        let (jobs, mut queue) = mpsc::unbounded_channel::<FileJob>();
        let (finished, done) = mpsc::unbounded_channel();
        runtime.spawn(async move {
            while let Some(job) = queue.recv().await {
                let outcome = tokio::task::spawn_blocking(move || job.run())
                    .await
                    .unwrap_or_else(|error| {
                        FileDone::Failed(text!("gui.notice.file_work_died", error = error))
                    });
                if finished.send(outcome).is_err() {
                    break;
                }
                repaint();
            }
        });
        Self {
            jobs,
            done,
            in_flight: 0,
        }
    }

    /// Queues `job`. When the worker is gone (the runtime shut down), says so.
    pub(crate) fn submit(&mut self, job: FileJob) -> Result<(), Text> {
        match self.jobs.send(job) {
            Ok(()) => {
                self.in_flight += 1;
                Ok(())
            }
            Err(_) => Err(text!("gui.notice.file_work_died", error = "stopped")),
        }
    }

    /// What finished since the last call, in the order the jobs were asked for.
    pub(crate) fn drain(&mut self) -> Vec<FileDone> {
        let mut finished = Vec::new();
        while let Ok(done) = self.done.try_recv() {
            finished.push(done);
        }
        self.in_flight = self.in_flight.saturating_sub(finished.len());
        finished
    }

    /// Jobs are still under way.
    pub(crate) fn is_busy(&self) -> bool {
        self.in_flight > 0
    }

    /// Waits (at most `limit`) for the jobs under way, so a save asked for just before the window
    /// closed is not lost with the runtime. What they found is returned, to be logged.
    pub(crate) fn finish(&mut self, limit: Duration) -> Vec<FileDone> {
        let deadline = Instant::now() + limit;
        let mut finished = self.drain();
        while self.is_busy() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
            finished.extend(self.drain());
        }
        finished
    }
}

impl AssistantApp {
    /// Takes in what the file jobs found: toasts and notices, the document opened, the file the
    /// document now belongs to, and the path field's answer.
    ///
    /// Polled on a short timer while jobs are under way rather than woken by the worker: a repaint
    /// asked for from another thread lands at a random frame, which egui_kittest's `Harness::run`
    /// counts (the autosave does the same). 50 ms is below what a person notices after a click.
    pub(crate) fn take_in_files(&mut self, ctx: &egui::Context) {
        for done in self.background.files.drain() {
            self.take_in_file(done);
        }
        if self.background.files.is_busy() {
            ctx.request_repaint_after(FILE_POLL);
        }
    }

    fn take_in_file(&mut self, done: FileDone) {
        let closes_prompt = !matches!(
            done,
            FileDone::PathProblem(..)
                | FileDone::PreferencesSaved
                | FileDone::PreferencesNotSaved(_)
        );
        if closes_prompt
            && self
                .overlays
                .path_prompt
                .as_ref()
                .is_some_and(|prompt| prompt.waiting)
        {
            self.overlays.path_prompt = None;
        }
        match done {
            FileDone::PathProblem(problem, job) => self.path_problem(problem, *job),
            FileDone::DocumentSaved {
                path,
                saved,
                with_secrets,
            } => {
                let key = if with_secrets {
                    "gui.toast.saved_with_secrets"
                } else {
                    "gui.toast.saved_without_secrets"
                };
                self.show_toast(text!(key, path = path.display()));
                // What the file holds: secrets left out of it are still unsaved work, so New and
                // Open ask before dropping them (Azure shows a secret's value only once).
                self.session.pristine = *saved;
                self.session.file_path = Some(path);
            }
            FileDone::Written { purpose, path } => {
                let key = if purpose == PathPurpose::SaveReminder {
                    "gui.toast.reminder_saved"
                } else {
                    "gui.toast.script_saved"
                };
                self.show_toast(text!(key, path = path.display()));
            }
            FileDone::Failed(text) => self.notify(NoticeLevel::Error, text),
            FileDone::Opened { path, loaded } => {
                self.overlays.notices.clear();
                self.forget_results();
                self.load_document(loaded.document, &loaded.warnings);
                self.show_toast(text!("gui.toast.opened_file", path = path.display()));
                self.session.file_path = Some(path);
            }
            FileDone::Certificate(path) => {
                self.background.export.ca_path = path.display().to_string();
            }
            FileDone::PreferencesSaved => {}
            FileDone::PreferencesNotSaved(error) => {
                tracing::warn!("could not save the preferences: {error}");
            }
        }
    }

    /// The typed path cannot be used: the field says why (or asks "Replace?") and stays open.
    fn path_problem(&mut self, problem: PathProblem, job: FileJob) {
        if let FileJob::SaveScript { bytes, .. } = job {
            self.background.setup.to_save = Some(bytes);
        }
        let Some(prompt) = self.overlays.path_prompt.as_mut() else {
            return;
        };
        prompt.waiting = false;
        match problem {
            PathProblem::NeedFile => prompt.problem = Some(tr!("gui.path.need_file")),
            PathProblem::NotFound(path) => {
                prompt.problem = Some(tr!("gui.path.not_found", path = path.display()));
            }
            PathProblem::Exists(path) => prompt.confirm_overwrite = Some(path),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tasks::{no_repaint, test_runtime as runtime};

    /// Waits (bounded) for `count` answers.
    fn answers(work: &mut FileWork, count: usize) -> Vec<FileDone> {
        let mut done = Vec::new();
        for _ in 0..500 {
            done.extend(work.drain());
            if done.len() >= count {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        assert_eq!(done.len(), count, "every job answers");
        assert!(!work.is_busy());
        done
    }

    fn script(path: &std::path::Path, bytes: &[u8], overwrite: bool) -> FileJob {
        FileJob::SaveScript {
            target: Target {
                path: path.to_owned(),
                overwrite,
            },
            bytes: bytes.to_vec(),
        }
    }

    #[test]
    fn jobs_land_in_the_order_they_were_asked_for() {
        let runtime = runtime();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("setup.sh");
        let mut work = FileWork::new(runtime.handle(), no_repaint());
        for bytes in [&b"first"[..], b"second", b"third"] {
            work.submit(script(&path, bytes, true)).unwrap();
        }
        assert!(work.is_busy(), "answered through drain, not by submit");
        let done = answers(&mut work, 3);
        assert!(
            done.iter()
                .all(|done| matches!(done, FileDone::Written { .. }))
        );
        assert_eq!(
            std::fs::read(&path).unwrap(),
            b"third",
            "the last one asked wins"
        );
    }

    #[test]
    fn an_existing_file_is_kept_until_the_user_says_replace_and_the_script_comes_back() {
        let runtime = runtime();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("setup.sh");
        std::fs::write(&path, b"mine").unwrap();
        let mut work = FileWork::new(runtime.handle(), no_repaint());
        work.submit(script(&path, b"generated", false)).unwrap();
        let Some(FileDone::PathProblem(PathProblem::Exists(existing), job)) =
            answers(&mut work, 1).pop()
        else {
            panic!("an existing file asks first");
        };
        assert_eq!(existing, path);
        assert!(
            matches!(*job, FileJob::SaveScript { ref bytes, .. } if bytes == b"generated"),
            "the script's bytes come back for the next try"
        );
        assert_eq!(std::fs::read(&path).unwrap(), b"mine", "nothing replaced");
    }

    #[test]
    fn a_folder_or_a_missing_file_is_said_and_nothing_is_read() {
        let runtime = runtime();
        let dir = tempfile::tempdir().unwrap();
        let mut work = FileWork::new(runtime.handle(), no_repaint());
        for path in [dir.path().to_owned(), dir.path().join("missing.json")] {
            work.submit(FileJob::Open {
                target: Target {
                    path,
                    overwrite: false,
                },
            })
            .unwrap();
        }
        let problems: Vec<PathProblem> = answers(&mut work, 2)
            .into_iter()
            .map(|done| match done {
                FileDone::PathProblem(problem, _) => problem,
                _ => panic!("a problem is expected"),
            })
            .collect();
        assert_eq!(
            problems,
            [
                PathProblem::NeedFile,
                PathProblem::NotFound(dir.path().join("missing.json"))
            ]
        );
    }

    #[test]
    fn a_document_saved_without_secrets_reports_what_the_file_holds() {
        let runtime = runtime();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("office.json");
        let mut doc = IntegrationDocument {
            name: "Office".to_owned(),
            ..IntegrationDocument::default()
        };
        doc.server_app.client_secret = crate::model::Secret::new("typed-secret".to_owned());
        let mut work = FileWork::new(runtime.handle(), no_repaint());
        work.submit(FileJob::SaveDocument {
            target: Target {
                path: path.clone(),
                overwrite: true,
            },
            doc: Box::new(doc.clone()),
            include_secrets: false,
        })
        .unwrap();
        let Some(FileDone::DocumentSaved {
            saved,
            with_secrets,
            ..
        }) = answers(&mut work, 1).pop()
        else {
            panic!("the document is saved");
        };
        assert!(!with_secrets);
        assert_eq!(*saved, doc.without_secrets());
        let file = std::fs::read_to_string(&path).unwrap();
        assert!(!file.contains("typed-secret"));
    }
}
