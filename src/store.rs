//! Integration documents and drafts on disk: atomic writes (a crash never leaves half a file),
//! lenient reads, owner-only permissions for files that hold secrets, and a backup of a corrupt
//! draft instead of a crash. No egui.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::i18n::Text;
use crate::model::{IntegrationDocument, LoadError, LoadWarning, Loaded, Step, load_document};

use crate::files::{InputFileError, MAX_DOCUMENT_BYTES, read_input_file};

/// Environment variable that moves the config directory (tests, portable installs).
pub const CONFIG_DIR_ENV: &str = "ONES_M365_CONFIG_DIR";

#[derive(Debug)]
pub enum FileError {
    Read {
        path: PathBuf,
        source: InputFileError,
    },
    TooLarge {
        path: PathBuf,
    },
    Parse {
        path: PathBuf,
        source: LoadError,
    },
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Not written: the file would be larger than the assistant reads back.
    WouldNotReopen {
        path: PathBuf,
        bytes: usize,
    },
}

impl std::fmt::Display for FileError {
    /// The English of [`FileError`]'s text: the catalogue is the one source of the sentence.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text().english())
    }
}

impl std::error::Error for FileError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            FileError::Read { source, .. } => Some(source),
            FileError::Parse { source, .. } => Some(source),
            FileError::Write { source, .. } => Some(source),
            FileError::TooLarge { .. } | FileError::WouldNotReopen { .. } => None,
        }
    }
}

impl FileError {
    /// The same sentence as `Display`, as a catalogue text for the user's language.
    pub fn text(&self) -> Text {
        match self {
            FileError::Read { path, source } => Text::new("store.file.read")
                .arg_text("reason", source.reason_text())
                .arg("path", path.display()),
            FileError::TooLarge { path } => {
                Text::new("store.file.too_large").arg("path", path.display())
            }
            FileError::Parse { path, source } => Text::new("store.file.parse")
                .arg("reason", source)
                .arg("path", path.display()),
            FileError::Write { path, source } => Text::new("store.file.write")
                .arg("reason", source)
                .arg("path", path.display()),
            FileError::WouldNotReopen { path, bytes } => Text::new("store.file.would_not_reopen")
                .arg(
                    "size",
                    format!("{:.1} MiB", *bytes as f64 / (1024.0 * 1024.0)),
                )
                .arg("path", path.display()),
        }
    }

    pub fn localized(&self) -> String {
        self.text().localized()
    }
}

/// Reads an integration document leniently.
pub fn read_document_file(path: &Path) -> Result<Loaded, FileError> {
    let bytes = read_input_file(path, MAX_DOCUMENT_BYTES).map_err(|source| match source {
        InputFileError::TooLarge { .. } => FileError::TooLarge {
            path: path.to_owned(),
        },
        source => FileError::Read {
            path: path.to_owned(),
            source,
        },
    })?;
    let text = String::from_utf8_lossy(&bytes);
    // A UTF-8 byte-order mark (Windows Notepad) is not JSON; skip it.
    let text = text.trim_start_matches('\u{feff}');
    load_document(text).map_err(|source| FileError::Parse {
        path: path.to_owned(),
        source,
    })
}

/// Writes a document. Secrets are written only when `include_secrets` is set, and then the file is
/// readable by its owner only (on Unix).
pub fn write_document_file(
    path: &Path,
    doc: &IntegrationDocument,
    include_secrets: bool,
) -> Result<(), FileError> {
    let doc = if include_secrets {
        doc.clone()
    } else {
        doc.without_secrets()
    };
    let mut text = doc.to_json_pretty();
    text.push('\n');
    // Never save a document this program would refuse to open again.
    if text.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(FileError::WouldNotReopen {
            path: path.to_owned(),
            bytes: text.len(),
        });
    }
    write_atomically(path, text.as_bytes(), include_secrets && doc.has_secrets()).map_err(
        |source| FileError::Write {
            path: path.to_owned(),
            source,
        },
    )
}

/// Writes to a temporary file in the same directory, flushes it to disk, then renames it over
/// `path`, so readers see either the old or the new file, never a part. A file that is replaced
/// keeps its permissions — never widened: `owner_only` narrows them to the owner, and a new file
/// gets 0644 (0600 when `owner_only`) on Unix.
pub fn write_atomically(path: &Path, bytes: &[u8], owner_only: bool) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&dir)?;
    let mut file = tempfile::Builder::new()
        .prefix(".ones-m365-")
        .tempfile_in(&dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let existing = fs::metadata(path)
            .ok()
            .filter(fs::Metadata::is_file)
            .map(|metadata| metadata.permissions().mode() & 0o777);
        let mode = match (existing, owner_only) {
            (Some(mode), true) => mode & 0o700,
            (Some(mode), false) => mode,
            (None, true) => 0o600,
            (None, false) => 0o644,
        };
        file.as_file()
            .set_permissions(fs::Permissions::from_mode(mode))?;
    }
    #[cfg(not(unix))]
    let _ = owner_only;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|error| error.error)?;
    Ok(())
}

/// The wizard's work in progress, autosaved so nothing typed is lost.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// The user's explicit choice to keep secrets in the draft file.
    #[serde(default)]
    pub include_secrets: bool,
    #[serde(default)]
    pub step: Step,
    /// Where this document was last opened from or saved to.
    #[serde(default)]
    pub file_path: Option<PathBuf>,
    /// The document; stored without secrets unless `include_secrets`.
    pub document: serde_json::Value,
    /// Which typed secrets this draft left out (never their values), so the window names only
    /// those after a restart. `None` in drafts written before this was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secrets_left_out: Option<SecretsLeftOut>,
}

/// The client secrets that were typed when a draft was written without secrets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SecretsLeftOut {
    pub server: bool,
    pub sso: bool,
}

/// What the assistant remembers between runs besides the draft. Plain data; unknown or broken
/// values fall back to defaults.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// The language chosen in the app; `None` follows the OS.
    pub language: Option<crate::i18n::Language>,
    /// System / Light / Dark, chosen in the toolbar.
    pub theme: ThemeChoice,
}

/// The outcome of reading the draft at start-up.
#[derive(Debug)]
pub enum DraftLoad {
    /// No draft yet (first start).
    Missing,
    Restored {
        draft: Draft,
        document: Box<IntegrationDocument>,
        warnings: Vec<LoadWarning>,
    },
    /// The draft could not be read; it was moved to `backup` (when possible) and the app starts clean.
    Corrupt {
        /// Why, for the window's notice.
        reason: Text,
        backup: Option<PathBuf>,
    },
}

/// Where drafts live: the per-OS config directory, or a given directory (tests), or nowhere.
#[derive(Clone, Debug)]
pub struct DraftStore {
    dir: Option<PathBuf>,
}

impl DraftStore {
    /// `$ONES_M365_CONFIG_DIR`, else the OS config directory (e.g. `~/.config/ones-m365-assistant`,
    /// `%APPDATA%\Offision\ONES M365 Assistant\config`, `~/Library/Application Support/…`).
    pub fn default_location() -> Self {
        let dir = std::env::var_os(CONFIG_DIR_ENV)
            .map(PathBuf::from)
            .or_else(|| {
                directories::ProjectDirs::from("com", "Offision", "ONES M365 Assistant")
                    .map(|dirs| dirs.config_dir().to_owned())
            });
        Self { dir }
    }

    pub fn in_dir(dir: impl Into<PathBuf>) -> Self {
        Self {
            dir: Some(dir.into()),
        }
    }

    /// A store that neither reads nor writes (tests that must not touch the developer's files).
    pub fn disabled() -> Self {
        Self { dir: None }
    }

    pub fn preferences_path(&self) -> Option<PathBuf> {
        self.dir.as_ref().map(|dir| dir.join("preferences.json"))
    }

    /// The user's preferences; defaults when missing or unreadable (never an error).
    pub fn load_preferences(&self) -> Preferences {
        self.preferences_path()
            .and_then(|path| read_input_file(&path, MAX_DOCUMENT_BYTES).ok())
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    pub fn save_preferences(&self, preferences: &Preferences) -> std::io::Result<()> {
        let Some(path) = self.preferences_path() else {
            return Ok(());
        };
        let text = serde_json::to_vec_pretty(preferences).map_err(std::io::Error::other)?;
        write_atomically(&path, &text, false)
    }

    pub fn draft_path(&self) -> Option<PathBuf> {
        self.dir.as_ref().map(|dir| dir.join("draft.json"))
    }

    pub fn load(&self) -> DraftLoad {
        let Some(path) = self.draft_path() else {
            return DraftLoad::Missing;
        };
        // A draft holds one document (at most 1 MiB) and a few small fields.
        let bytes = match read_input_file(&path, 2 * MAX_DOCUMENT_BYTES) {
            Ok(bytes) => bytes,
            Err(error) if error.is_not_found() => {
                return DraftLoad::Missing;
            }
            Err(error) => {
                return DraftLoad::Corrupt {
                    reason: Text::new("store.draft.unreadable")
                        .arg_text("reason", error.reason_text()),
                    backup: None,
                };
            }
        };
        let parsed = serde_json::from_slice::<Draft>(&bytes)
            .map_err(|error| Text::new("store.draft.damaged").arg("reason", error))
            .and_then(|draft| {
                crate::model::load::document_from_value(&draft.document)
                    .map(|loaded| (draft, loaded))
                    .map_err(|error| Text::new("store.draft.document_damaged").arg("reason", error))
            });
        match parsed {
            Ok((mut draft, loaded)) => {
                let mut document = loaded.document;
                if !draft.include_secrets {
                    document = document.without_secrets();
                }
                draft.document = serde_json::Value::Null;
                DraftLoad::Restored {
                    draft,
                    document: Box::new(document),
                    warnings: loaded.warnings,
                }
            }
            Err(reason) => {
                let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
                let backup = path.with_file_name(format!("draft.corrupt-{stamp}.json"));
                let backup = fs::rename(&path, &backup).ok().map(|()| backup);
                DraftLoad::Corrupt { reason, backup }
            }
        }
    }

    /// Saves the draft; the document's secrets are dropped unless `include_secrets`.
    pub fn save(
        &self,
        doc: &IntegrationDocument,
        step: Step,
        file_path: Option<&Path>,
        include_secrets: bool,
    ) -> std::io::Result<()> {
        let Some(path) = self.draft_path() else {
            return Ok(());
        };
        let secrets_left_out = (!include_secrets).then(|| SecretsLeftOut {
            server: !doc.server_app.client_secret.is_empty(),
            sso: !doc.sso_app.client_secret.is_empty(),
        });
        let doc = if include_secrets {
            doc.clone()
        } else {
            doc.without_secrets()
        };
        let draft = Draft {
            include_secrets,
            step,
            file_path: file_path.map(Path::to_owned),
            document: serde_json::to_value(&doc).map_err(std::io::Error::other)?,
            secrets_left_out,
        };
        let text = serde_json::to_vec_pretty(&draft).map_err(std::io::Error::other)?;
        write_atomically(&path, &text, include_secrets && doc.has_secrets())
    }
}

// ---------------------------------------------------------------------------------------------
// The colour theme preference (GUI toolbar). Plain data: the GUI maps it to egui's theme.

/// The window's colours: follow the OS (where it can be read; X11 cannot tell), or fixed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

impl ThemeChoice {
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark];
}
