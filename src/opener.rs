//! Opening an address in the system browser — for `ones-m365 rooms` and the window alike —
//! without the secrets of this process's environment.
//!
//! The browser a URL opener starts lives on long after the assistant: whatever environment the
//! opener inherits, the browser and everything it starts inherit for their lifetime. So every
//! opener is started without the variables that carry secrets ([`SECRET_ENV_VARS`]): the client
//! secrets the CLI reads and the ONES API token. Proxy variables stay (the browser may need
//! them to reach Microsoft's sign-in). No egui.

use std::io;
use std::process::{Command, Stdio};

/// Every environment variable the assistant reads a secret from.
pub const SECRET_ENV_VARS: [&str; 3] = [
    crate::cli::SERVER_SECRET_ENV,
    crate::cli::SSO_SECRET_ENV,
    crate::ones::API_TOKEN_ENV,
];

/// Removes [`SECRET_ENV_VARS`] from what `command`'s child will inherit.
pub fn without_secrets(command: &mut Command) -> &mut Command {
    for name in SECRET_ENV_VARS {
        command.env_remove(name);
    }
    command
}

/// The system's own URL opener for `url`: `xdg-open` on Linux and the BSDs, `open` on macOS,
/// the URL handler on Windows.
pub fn system_openers(url: &str) -> Vec<Command> {
    let command = if cfg!(target_os = "windows") {
        let mut command = Command::new("rundll32");
        command.args(["url.dll,FileProtocolHandler", url]);
        command
    } else if cfg!(target_os = "macos") {
        let mut command = Command::new("open");
        command.arg(url);
        command
    } else {
        let mut command = Command::new("xdg-open");
        command.arg(url);
        command
    };
    vec![command]
}

/// Starts the first of `candidates` that exists on this computer, without the secret variables
/// and with no standard streams, and reaps it on a thread when it exits (the browser it starts
/// lives on). The error of the last candidate tried when none could be started.
pub fn spawn_first(candidates: Vec<Command>) -> io::Result<()> {
    let mut last_error = io::Error::new(io::ErrorKind::NotFound, "no URL opener to start");
    for mut command in candidates {
        let started = without_secrets(&mut command)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        match started {
            Ok(mut child) => {
                std::thread::spawn(move || {
                    let _ = child.wait();
                });
                return Ok(());
            }
            // Not installed here: try the next one.
            Err(error) if error.kind() == io::ErrorKind::NotFound => last_error = error,
            Err(error) => return Err(error),
        }
    }
    Err(last_error)
}

/// Opens `url` with the system's opener (see [`system_openers`]), without secrets.
pub fn open_in_browser(url: &str) -> io::Result<()> {
    spawn_first(system_openers(url))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_secret_variables_are_the_ones_the_assistant_reads() {
        assert!(SECRET_ENV_VARS.contains(&"ONES_M365_SERVER_SECRET"));
        assert!(SECRET_ENV_VARS.contains(&"ONES_M365_SSO_SECRET"));
        assert!(SECRET_ENV_VARS.contains(&"ONES_API_KEY"));
    }

    #[cfg(unix)]
    #[test]
    fn a_child_started_without_secrets_does_not_see_them() {
        let mut command = Command::new("sh");
        command
            .args(["-c", "env"])
            .env("ONES_API_KEY", "token-that-must-not-leave")
            .env("KEPT_VARIABLE", "kept");
        let output = without_secrets(&mut command).output().unwrap();
        let env = String::from_utf8_lossy(&output.stdout);
        assert!(env.contains("KEPT_VARIABLE=kept"), "{env}");
        assert!(!env.contains("token-that-must-not-leave"), "{env}");
    }

    #[test]
    fn nothing_to_start_is_an_error() {
        let missing = Command::new("/nonexistent/ones-m365-no-such-opener");
        assert!(spawn_first(vec![missing]).is_err());
        assert!(spawn_first(Vec::new()).is_err());
    }
}
