//! PKCE (RFC 7636, method S256) as the server side computes it: the stand-in checks a verifier
//! against the challenge it was sent. The client side — the random verifier, its challenge and the
//! CSRF `state` — is made by the `oauth2` crate ([`crate::checks::oauth`]). No I/O.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

/// `BASE64URL(SHA256(verifier))` without padding.
pub fn challenge_for(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
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
    fn oauth2_makes_verifiers_of_43_unreserved_characters_with_the_s256_challenge() {
        let request = crate::checks::oauth::AuthorizationRequest {
            authorize_url: url::Url::parse("https://login.example/t/oauth2/v2.0/authorize")
                .unwrap(),
            client_id: "client",
            redirect_uri: "http://localhost:1234",
            scope: "openid offline_access",
            extra: &[],
        };
        let (url, first) = crate::checks::oauth::authorization_url(&request).unwrap();
        let (_, second) = crate::checks::oauth::authorization_url(&request).unwrap();
        assert_eq!(first.verifier.char_count(), 43);
        assert!(
            first
                .verifier
                .expose()
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() || "-._~".contains(ch))
        );
        assert_ne!(first.verifier, second.verifier);
        let param = |name: &str| {
            url.query_pairs()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.into_owned())
        };
        assert_eq!(
            param("code_challenge"),
            Some(challenge_for(first.verifier.expose()))
        );
        assert_eq!(param("code_challenge_method").as_deref(), Some("S256"));
        assert!(first.state_matches(param("state").as_deref()));
        assert!(!first.state_matches(Some("forged")));
        assert!(!first.state_matches(None));
    }
}
