//! "Set it up for me": scripts generated from the integration document that do the portal steps in
//! Microsoft's own shells — Bash with Azure CLI (both app registrations, their secrets, renewal) and
//! PowerShell with Exchange Online (room calendar delegation) — and reading their result back.
//!
//! - [`scripts`]: the three scripts (`apps`, `rooms`, `renew`); every value from the document is
//!   quoted by [`bash_quote`] / [`powershell_quote`], so a name or a mailbox never becomes code.
//! - [`result`]: the block the scripts print (`ones-m365-setup/1`), found in pasted terminal text,
//!   validated and merged into the document with a list of what changed.
//!
//! No egui; the CLI (`ones-m365 script`, `ones-m365 import-setup`) and the window use it alike.

pub mod result;
pub mod scripts;

pub use result::{ImportError, SetupResult, find_block, merge_into};
pub use scripts::{
    AppChoice, MissingInput, Script, ScriptKind, ScriptOptions, WhereToRun, generate, where_to_run,
};

/// `value` as one Bash word: single quotes, each `'` written as `'\''`. Nothing inside single
/// quotes is special to Bash (no `$`, backtick, `\` or glob), so any text stays text.
pub fn bash_quote(value: &str) -> String {
    format!("'{}'", value.replace('\'', r"'\''"))
}

/// `value` as one PowerShell string: single quotes (no `$` or backtick expansion), each quote
/// character doubled — PowerShell also treats the typographic quotes ‘ ’ ‚ ‛ as single quotes.
pub fn powershell_quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('\'');
    for ch in value.chars() {
        if matches!(ch, '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}') {
            out.push(ch);
        }
        out.push(ch);
    }
    out.push('\'');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bash_quoting_keeps_every_character_literal() {
        assert_eq!(bash_quote("Head office"), "'Head office'");
        assert_eq!(
            bash_quote("it's $(rm -rf /) `x`"),
            r"'it'\''s $(rm -rf /) `x`'"
        );
    }

    #[test]
    fn powershell_quoting_doubles_every_kind_of_single_quote() {
        assert_eq!(powershell_quote("o'neil$x`y"), "'o''neil$x`y'");
        assert_eq!(powershell_quote("a\u{2019}b"), "'a\u{2019}\u{2019}b'");
    }
}
