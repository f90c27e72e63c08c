//! Reading files the user names (documents, CA certificates, pasted or pulled files, fonts) so that
//! no file can stall or flood the program: only regular files are opened — a FIFO, a device such as
//! `/dev/zero`, a directory or a socket is refused with a sentence, before anything blocks — and at
//! most `limit` bytes are read, whatever the file system says its size is. No egui.

use std::fs::{self, File, OpenOptions};
use std::io::Read;
use std::path::Path;

use crate::i18n::Text;

/// Integration documents and drafts.
pub const MAX_DOCUMENT_BYTES: u64 = 1024 * 1024;
/// A PEM bundle of CA certificates (a full system bundle is ~220 KB).
pub const MAX_CERTIFICATE_BYTES: u64 = 1024 * 1024;

/// Why a file could not be read.
#[derive(Debug)]
pub enum InputFileError {
    Io(std::io::Error),
    /// Not a regular file; `what` says what it is ("a directory", "a named pipe (FIFO)", …).
    NotAFile {
        what: Text,
    },
    TooLarge {
        limit_mib: u64,
    },
}

impl std::fmt::Display for InputFileError {
    /// The English of [`InputFileError`]'s text: the catalogue is the one source of the sentence.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.reason_text().english())
    }
}

impl std::error::Error for InputFileError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            InputFileError::Io(error) => Some(error),
            _ => None,
        }
    }
}

impl From<std::io::Error> for InputFileError {
    fn from(error: std::io::Error) -> Self {
        InputFileError::Io(error)
    }
}

impl InputFileError {
    /// The reason as a text for the user's language, to follow "can't read the file (…)".
    pub fn reason_text(&self) -> Text {
        match self {
            InputFileError::Io(error) => Text::verbatim(error),
            InputFileError::NotAFile { what } => {
                Text::new("files.not_a_file").arg_text("what", what.clone())
            }
            InputFileError::TooLarge { limit_mib } => {
                Text::new("files.too_large").arg("limit", format!("{limit_mib} MiB"))
            }
        }
    }

    pub fn is_not_found(&self) -> bool {
        matches!(self, InputFileError::Io(error) if error.kind() == std::io::ErrorKind::NotFound)
    }
}

/// What a non-regular file is, for the sentence.
fn kind_of(file_type: fs::FileType) -> Text {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Text::new("files.kind.fifo");
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return Text::new("files.kind.device");
        }
        if file_type.is_socket() {
            return Text::new("files.kind.socket");
        }
    }
    if file_type.is_dir() {
        Text::new("files.kind.directory")
    } else {
        Text::new("files.kind.other")
    }
}

/// Opens `path` for reading only when it is a regular file, without ever blocking on it.
pub fn open_regular(path: &Path) -> Result<File, InputFileError> {
    // `metadata` follows symlinks and never blocks, even on a FIFO.
    let file_type = fs::metadata(path)?.file_type();
    if !file_type.is_file() {
        return Err(InputFileError::NotAFile {
            what: kind_of(file_type),
        });
    }
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Should the path be swapped for a FIFO between the check and the open, the open returns
        // at once instead of waiting for a writer.
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let file_type = file.metadata()?.file_type();
    if !file_type.is_file() {
        return Err(InputFileError::NotAFile {
            what: kind_of(file_type),
        });
    }
    Ok(file)
}

/// The bytes of the regular file `path`, at most `limit` of them (one more byte read means the
/// file is too large, whatever its metadata says).
pub fn read_input_file(path: &Path, limit: u64) -> Result<Vec<u8>, InputFileError> {
    read_bounded(open_regular(path)?, limit)
}

/// At most `limit` bytes of `reader` (a file, standard input); one more byte means it is too
/// large, with the same error as [`read_input_file`].
pub fn read_bounded(reader: impl Read, limit: u64) -> Result<Vec<u8>, InputFileError> {
    let mut bytes = Vec::new();
    reader.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(InputFileError::TooLarge {
            limit_mib: limit.div_ceil(1024 * 1024),
        });
    }
    Ok(bytes)
}

/// Whether `a` and `b` name the same existing file (same device and inode, or the same file on
/// Windows), so an output never replaces an input.
pub fn same_file(a: &Path, b: &Path) -> bool {
    same_file::is_same_file(a, b).unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_is_read_up_to_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("doc.json");
        fs::write(&path, b"0123456789").unwrap();
        assert_eq!(read_input_file(&path, 10).unwrap(), b"0123456789");
        assert!(matches!(
            read_input_file(&path, 9),
            Err(InputFileError::TooLarge { .. })
        ));
    }

    #[test]
    fn a_directory_is_refused_with_what_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let error = read_input_file(dir.path(), 10).unwrap_err();
        assert_eq!(error.to_string(), "it is a directory, not a file");
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_fifos_are_refused_without_blocking() {
        let error = read_input_file(Path::new("/dev/zero"), 10).unwrap_err();
        assert_eq!(error.to_string(), "it is a device, not a file");
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(status.success());
        let error = read_input_file(&fifo, 10).unwrap_err();
        assert_eq!(error.to_string(), "it is a named pipe (FIFO), not a file");
    }

    #[test]
    fn the_same_file_under_two_names_is_recognised() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("doc.json");
        fs::write(&path, b"{}").unwrap();
        let other = dir.path().join(".").join("doc.json");
        assert!(same_file(&path, &other));
        assert!(!same_file(&path, &dir.path().join("missing.json")));
    }
}
