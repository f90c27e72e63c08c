//! [`Secret`]: a client secret that never prints itself and is wiped from memory when dropped.
//!
//! `Debug` and `Display` are redacted, so a secret cannot reach a log line, a panic message or a
//! formatted error by accident. Serialization writes the real value — it is how a document file
//! carries the secret — so callers that must not persist secrets (drafts, reports) strip them first
//! with [`crate::model::IntegrationDocument::without_secrets`].

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use zeroize::Zeroizing;

/// A client secret value. Compare with `==` (not constant-time: it is only ever compared with
/// other values the same user typed).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    /// Wraps `value` and registers it with [`crate::redact`], so no output ever shows it.
    pub fn new(value: impl Into<String>) -> Self {
        let value = Zeroizing::new(value.into());
        crate::redact::register(&value);
        Self(value)
    }

    /// A value being typed into the window: *not* registered with [`crate::redact`] yet. It is
    /// registered when it is used ([`Secret::expose`]); registering every keystroke would make
    /// each prefix of the value redact ordinary text that happens to start the same way.
    pub fn typed(value: impl Into<String>) -> Self {
        Self(Zeroizing::new(value.into()))
    }

    /// The value itself. Call only where the secret must leave the program on purpose: a token
    /// request, an export the user asked for, a file the user saves.
    ///
    /// The value is registered with [`crate::redact`] here: a value typed into the window's
    /// secret field reaches the network or a file only through this call, so from its first use
    /// on no output shows it.
    pub fn expose(&self) -> &str {
        crate::redact::register(&self.0);
        &self.0
    }

    /// The value for a read that stays inside this process — the editor showing what is typed,
    /// validation, comparing two secrets, a fingerprint of the form — without registering it.
    /// Never for a value that leaves the program or is shown: use [`Secret::expose`].
    pub fn peek(&self) -> &str {
        &self.0
    }

    /// Mutable access for a text editor widget. The old buffer is zeroized on drop by
    /// `Zeroizing`; reallocations by the editor are handled in the GUI's secret field. Nothing is
    /// registered while editing (see [`Secret::typed`]).
    pub fn expose_mut(&mut self) -> &mut String {
        &mut self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Number of characters, for messages such as "40 characters" (never the value).
    pub fn char_count(&self) -> usize {
        self.0.chars().count()
    }

    /// Removes surrounding whitespace in place; returns whether anything was removed.
    pub fn trim_in_place(&mut self) -> bool {
        let trimmed = self.0.trim();
        if trimmed.len() == self.0.len() {
            return false;
        }
        // Registered when used, like a typed value (a value made with `new` had its trimmed form
        // registered then).
        self.0 = Zeroizing::new(trimmed.to_owned());
        true
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            f.write_str("Secret(empty)")
        } else {
            f.write_str("Secret(<redacted>)")
        }
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.expose())
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Secret::new)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret::new(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_never_show_the_value() {
        let secret = Secret::new("abc8Q~very-secret-value");
        assert_eq!(format!("{secret:?}"), "Secret(<redacted>)");
        assert_eq!(format!("{secret}"), "<redacted>");
        assert!(!format!("{secret:#?}").contains("very-secret"));
    }

    #[test]
    fn a_typed_secret_is_registered_when_it_is_used_not_before() {
        let value = "typ8Q~registered-on-first-use-0123456789";
        let typed = Secret::typed(value);
        let _ = typed.peek();
        let shown = format!("quoted: {value}");
        assert_eq!(crate::redact::redact(&shown), shown);
        let _ = typed.expose();
        assert_eq!(crate::redact::redact(&shown), "quoted: <redacted>");
    }

    #[test]
    fn trim_reports_whether_whitespace_was_removed() {
        let mut secret = Secret::new("  value\n");
        assert!(secret.trim_in_place());
        assert_eq!(secret.expose(), "value");
        assert!(!secret.trim_in_place());
    }
}
