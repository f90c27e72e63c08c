//! The app's doors to the operating system — clipboard, browser, file dialogs — behind small
//! traits, so tests inject recorders and never touch the real clipboard, a browser or a dialog.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub trait Clipboard {
    /// Puts `text` on the clipboard, or says why it could not.
    fn set_text(&mut self, text: &str) -> Result<(), String>;
}

pub trait UrlOpener {
    /// Opens `url` in the default browser, or says why it could not.
    fn open(&mut self, url: &str) -> Result<(), String>;
}

/// What a file dialog answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DialogAnswer {
    Picked(PathBuf),
    /// The user closed the dialog without choosing.
    Cancelled,
    /// No dialog could be shown (no portal or GTK file chooser service, …): the app asks for the
    /// path itself. The text says why, for the technical detail.
    Unavailable(String),
}

pub trait FileDialogs {
    fn pick_document_to_open(&mut self) -> DialogAnswer;
    fn pick_document_to_save(&mut self, suggested_name: &str) -> DialogAnswer;
    fn pick_certificate(&mut self) -> DialogAnswer;
    /// Where to write a renewal reminder (.ics).
    fn pick_calendar_to_save(&mut self, suggested_name: &str) -> DialogAnswer;
    /// Where to write a setup script (.sh or .ps1). By default the document's save dialog.
    fn pick_script_to_save(&mut self, suggested_name: &str) -> DialogAnswer {
        self.pick_document_to_save(suggested_name)
    }
}

/// The three doors together.
pub struct Platform {
    pub clipboard: Box<dyn Clipboard>,
    pub opener: Box<dyn UrlOpener>,
    pub dialogs: Box<dyn FileDialogs>,
}

impl Platform {
    /// The real clipboard, browser and native file dialogs.
    pub fn system() -> Self {
        Self {
            clipboard: Box::new(SystemClipboard::new()),
            opener: Box::new(SystemOpener),
            dialogs: Box::new(NativeFileDialogs),
        }
    }
}

/// arboard, made at the first copy (not while the window opens: on X11 it is a second display
/// connection and a thread) and then kept alive for the whole session: on X11 the copied text
/// vanishes with the `Clipboard` that owns it.
pub struct SystemClipboard {
    inner: Option<Result<arboard::Clipboard, String>>,
}

impl SystemClipboard {
    pub fn new() -> Self {
        Self { inner: None }
    }
}

impl Default for SystemClipboard {
    fn default() -> Self {
        Self::new()
    }
}

impl Clipboard for SystemClipboard {
    fn set_text(&mut self, text: &str) -> Result<(), String> {
        if !matches!(self.inner, Some(Ok(_))) {
            // First copy, or the display has come up since the last try.
            self.inner = Some(arboard::Clipboard::new().map_err(|error| error.to_string()));
        }
        match &mut self.inner {
            Some(Ok(clipboard)) => clipboard
                .set_text(text.to_owned())
                .map_err(|error| error.to_string()),
            Some(Err(reason)) => Err(reason.clone()),
            None => Err("no clipboard".to_owned()),
        }
    }
}

pub struct SystemOpener;

impl UrlOpener for SystemOpener {
    fn open(&mut self, url: &str) -> Result<(), String> {
        // The system's openers in `open`'s order (xdg-open, gio, …), started without the
        // secrets of this process's environment: the browser would keep them for its lifetime.
        crate::opener::spawn_first(open::commands(url)).map_err(|error| error.to_string())
    }
}

pub struct NativeFileDialogs;

/// A person needs longer than this to close a dialog; rfd answering `None` sooner means no
/// dialog was shown at all (rfd cannot tell "no portal/GTK service" from "cancelled").
const DIALOG_MIN_HUMAN_TIME: Duration = Duration::from_millis(300);

/// Runs a native dialog and tells a real cancel from a dialog that never appeared.
fn native_answer(show: impl FnOnce() -> Option<PathBuf>) -> DialogAnswer {
    let started = Instant::now();
    match show() {
        Some(path) => DialogAnswer::Picked(path),
        None if started.elapsed() < DIALOG_MIN_HUMAN_TIME => {
            let reason = format!(
                "the system file dialog closed after {} ms without being shown (no desktop portal or \
                 GTK file chooser available)",
                started.elapsed().as_millis()
            );
            tracing::warn!("{reason}; asking for the path in the window");
            DialogAnswer::Unavailable(reason)
        }
        None => DialogAnswer::Cancelled,
    }
}

impl FileDialogs for NativeFileDialogs {
    fn pick_document_to_open(&mut self) -> DialogAnswer {
        native_answer(|| {
            rfd::FileDialog::new()
                .set_title("Open integration document")
                .add_filter("Integration document", &["json"])
                .add_filter("All files", &["*"])
                .pick_file()
        })
    }

    fn pick_document_to_save(&mut self, suggested_name: &str) -> DialogAnswer {
        native_answer(|| {
            rfd::FileDialog::new()
                .set_title("Save integration document")
                .add_filter("Integration document", &["json"])
                .set_file_name(suggested_name)
                .save_file()
        })
    }

    fn pick_certificate(&mut self) -> DialogAnswer {
        native_answer(|| {
            rfd::FileDialog::new()
                .set_title("Choose the CA certificate of the ONES server")
                .add_filter("PEM certificate", &["pem", "crt", "cer"])
                .add_filter("All files", &["*"])
                .pick_file()
        })
    }

    fn pick_script_to_save(&mut self, suggested_name: &str) -> DialogAnswer {
        let (filter, extension) = if suggested_name.ends_with(".ps1") {
            ("PowerShell script", "ps1")
        } else {
            ("Bash script", "sh")
        };
        native_answer(|| {
            rfd::FileDialog::new()
                .set_title("Save setup script")
                .add_filter(filter, &[extension])
                .set_file_name(suggested_name)
                .save_file()
        })
    }

    fn pick_calendar_to_save(&mut self, suggested_name: &str) -> DialogAnswer {
        native_answer(|| {
            rfd::FileDialog::new()
                .set_title("Save renewal reminder")
                .add_filter("Calendar", &["ics"])
                .set_file_name(suggested_name)
                .save_file()
        })
    }
}

/// What a [`Recorder`] saw: texts copied, URLs opened.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Recorded {
    pub copied: Vec<String>,
    pub opened: Vec<String>,
}

/// A clipboard and opener for tests: records everything, optionally fails, and answers file
/// dialogs with preset paths.
#[derive(Clone, Default)]
pub struct Recorder {
    pub seen: Arc<Mutex<Recorded>>,
    pub fail_with: Option<String>,
    pub open_path: Option<PathBuf>,
    pub save_path: Option<PathBuf>,
    /// Answer every file dialog with "no dialog could be shown" (a desktop without a portal).
    pub no_file_dialogs: bool,
}

impl Recorder {
    pub fn recorded(&self) -> Recorded {
        self.seen
            .lock()
            .map(|seen| seen.clone())
            .unwrap_or_default()
    }

    /// A [`Platform`] whose three doors all report to this recorder.
    pub fn platform(&self) -> Platform {
        Platform {
            clipboard: Box::new(self.clone()),
            opener: Box::new(self.clone()),
            dialogs: Box::new(self.clone()),
        }
    }
}

impl Clipboard for Recorder {
    fn set_text(&mut self, text: &str) -> Result<(), String> {
        if let Some(reason) = &self.fail_with {
            return Err(reason.clone());
        }
        if let Ok(mut seen) = self.seen.lock() {
            seen.copied.push(text.to_owned());
        }
        Ok(())
    }
}

impl UrlOpener for Recorder {
    fn open(&mut self, url: &str) -> Result<(), String> {
        if let Some(reason) = &self.fail_with {
            return Err(reason.clone());
        }
        if let Ok(mut seen) = self.seen.lock() {
            seen.opened.push(url.to_owned());
        }
        Ok(())
    }
}

impl Recorder {
    fn answer(&self, path: &Option<PathBuf>) -> DialogAnswer {
        if self.no_file_dialogs {
            return DialogAnswer::Unavailable("no file dialog in this test".to_owned());
        }
        path.clone()
            .map_or(DialogAnswer::Cancelled, DialogAnswer::Picked)
    }
}

impl FileDialogs for Recorder {
    fn pick_document_to_open(&mut self) -> DialogAnswer {
        self.answer(&self.open_path)
    }

    fn pick_document_to_save(&mut self, _suggested_name: &str) -> DialogAnswer {
        self.answer(&self.save_path)
    }

    fn pick_certificate(&mut self) -> DialogAnswer {
        self.answer(&self.open_path)
    }

    fn pick_calendar_to_save(&mut self, _suggested_name: &str) -> DialogAnswer {
        self.answer(&self.save_path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dialog_that_returns_at_once_was_never_shown() {
        assert!(matches!(
            native_answer(|| None),
            DialogAnswer::Unavailable(_)
        ));
        let picked = PathBuf::from("/tmp/x.json");
        assert_eq!(
            native_answer(|| Some(picked.clone())),
            DialogAnswer::Picked(picked)
        );
        // A person who looked at the dialog and closed it: a real cancel.
        assert_eq!(
            native_answer(|| {
                std::thread::sleep(DIALOG_MIN_HUMAN_TIME + Duration::from_millis(50));
                None
            }),
            DialogAnswer::Cancelled
        );
    }
}
