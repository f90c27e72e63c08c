//! Proof Key for Code Exchange (RFC 7636, method S256) and the CSRF `state`: random values from
//! the operating system, base64url without padding. No I/O besides the OS random source.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::model::Secret;

/// The code verifier (kept, sent only to the token endpoint) and its S256 challenge (sent in the
/// authorize URL).
pub struct Pkce {
    pub verifier: Secret,
    pub challenge: String,
}

impl std::fmt::Debug for Pkce {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pkce")
            .field("verifier", &self.verifier)
            .field("challenge", &self.challenge)
            .finish()
    }
}

#[derive(Debug, thiserror::Error)]
#[error("the operating system gave no random numbers ({0})")]
pub struct RandomError(String);

impl Pkce {
    /// A fresh verifier of 43 characters (32 random bytes) and its challenge.
    pub fn generate() -> Result<Self, RandomError> {
        let verifier = random_text(32)?;
        let challenge = challenge_for(verifier.expose());
        Ok(Self {
            verifier,
            challenge,
        })
    }
}

/// `BASE64URL(SHA256(verifier))` without padding.
pub fn challenge_for(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// `bytes` random bytes as base64url text: the verifier, a secret.
pub fn random_text(bytes: usize) -> Result<Secret, RandomError> {
    random_state(bytes).map(Secret::new)
}

/// `bytes` random bytes as base64url text that is not a secret: the CSRF `state` travels in the
/// sign-in address the user sees, so it is not registered for redaction (that would hide it from
/// the address printed for `--no-browser`).
pub fn random_state(bytes: usize) -> Result<String, RandomError> {
    let mut buffer = Zeroizing::new(vec![0u8; bytes]);
    getrandom::fill(&mut buffer).map_err(|error| RandomError(error.to_string()))?;
    Ok(URL_SAFE_NO_PAD.encode(buffer.as_slice()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_challenge_of_rfc_7636_appendix_b() {
        assert_eq!(
            challenge_for("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn verifiers_are_43_unreserved_characters_and_differ() {
        let first = Pkce::generate().unwrap();
        let second = Pkce::generate().unwrap();
        assert_eq!(first.verifier.char_count(), 43);
        assert!(
            first
                .verifier
                .expose()
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() || "-._~".contains(ch))
        );
        assert_ne!(first.verifier, second.verifier);
        assert_eq!(first.challenge, challenge_for(first.verifier.expose()));
        assert!(!format!("{first:?}").contains(first.verifier.expose()));
    }
}
