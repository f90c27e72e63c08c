//! [`ApiToken`]: the ONES API token. It authenticates every request, so it is a secret like a
//! client secret: redacted in `Debug`/`Display`, wiped from memory when dropped, and deliberately
//! not `Serialize` — it never reaches a file, a draft, a receipt or a log line.

use std::fmt;

use crate::model::Secret;

/// The environment variable the `ones-m365` command reads the token from.
pub const API_TOKEN_ENV: &str = "ONES_API_KEY";

/// An API token made in the ONES Management console → Settings → API authentication.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct ApiToken(Secret);

impl ApiToken {
    /// The token as typed or pasted; surrounding whitespace (a pasted line break) is removed.
    pub fn new(value: impl Into<String>) -> Self {
        let mut secret = Secret::new(value);
        secret.trim_in_place();
        Self(secret)
    }

    /// The token from [`API_TOKEN_ENV`], or `None` when it is unset or blank.
    pub fn from_env() -> Option<Self> {
        let token = Self::new(std::env::var(API_TOKEN_ENV).ok()?);
        (!token.is_empty()).then_some(token)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The value, for the `Authorization` header only.
    pub(crate) fn expose(&self) -> &str {
        self.0.expose()
    }
}

impl From<Secret> for ApiToken {
    fn from(mut secret: Secret) -> Self {
        secret.trim_in_place();
        Self(secret)
    }
}

impl fmt::Debug for ApiToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            f.write_str("ApiToken(empty)")
        } else {
            f.write_str("ApiToken(<redacted>)")
        }
    }
}

impl fmt::Display for ApiToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_prints_itself_and_is_trimmed() {
        let token = ApiToken::new("  tok-123-secret\n");
        assert_eq!(token.expose(), "tok-123-secret");
        assert_eq!(format!("{token:?}"), "ApiToken(<redacted>)");
        assert_eq!(format!("{token}"), "<redacted>");
        assert!(ApiToken::new("  ").is_empty());
    }
}
