//! The stand-in's token signing key: an RSA key pair made when the stand-in starts, ID tokens
//! signed with it (RS256, JWS compact form) and its public half as a JWKS, as Microsoft publishes
//! at the discovery document's `jwks_uri`. Test infrastructure: the key never leaves the process.

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::rsa::{KeyPair, KeySize};
use aws_lc_rs::signature::{KeyPair as _, RSA_PKCS1_SHA256};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// The key pair and its key ID (`kid`, also the `x5t`-like thumbprint of the public key).
pub(super) struct SigningKey {
    key_pair: KeyPair,
    kid: String,
    /// `n` and `e`, big-endian without leading zeros.
    modulus: Vec<u8>,
    exponent: Vec<u8>,
}

#[derive(Debug, thiserror::Error)]
#[error("the Microsoft stand-in could not make its signing key")]
pub struct KeyError;

impl SigningKey {
    /// A fresh 2048-bit key (what Microsoft's signing keys are).
    pub(super) fn generate() -> Result<Self, KeyError> {
        let key_pair = KeyPair::generate(KeySize::Rsa2048).map_err(|_| KeyError)?;
        let public = key_pair.public_key().as_ref().to_vec();
        let (modulus, exponent) = rsa_public_key_parts(&public).ok_or(KeyError)?;
        let kid = URL_SAFE_NO_PAD.encode(&Sha256::digest(&public)[..20]);
        Ok(Self {
            key_pair,
            kid,
            modulus,
            exponent,
        })
    }

    /// `{"keys": [{kty, use, kid, x5t, n, e, issuer}]}` as at Microsoft's `discovery/v2.0/keys`
    /// (without `x5c`: the stand-in has no certificate).
    pub(super) fn jwks(&self, issuer: &str) -> Value {
        json!({
            "keys": [{
                "kty": "RSA",
                "use": "sig",
                "kid": self.kid,
                "x5t": self.kid,
                "n": URL_SAFE_NO_PAD.encode(&self.modulus),
                "e": URL_SAFE_NO_PAD.encode(&self.exponent),
                "issuer": issuer,
            }]
        })
    }

    /// `claims` as a JWT signed with RS256: `header.payload.signature`, base64url without padding.
    pub(super) fn sign(&self, claims: &Value) -> Result<String, KeyError> {
        let header = json!({ "typ": "JWT", "alg": "RS256", "kid": self.kid });
        let signing_input = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header.to_string()),
            URL_SAFE_NO_PAD.encode(claims.to_string())
        );
        let mut signature = vec![0; self.key_pair.public_modulus_len()];
        self.key_pair
            .sign(
                &RSA_PKCS1_SHA256,
                &SystemRandom::new(),
                signing_input.as_bytes(),
                &mut signature,
            )
            .map_err(|_| KeyError)?;
        Ok(format!(
            "{signing_input}.{}",
            URL_SAFE_NO_PAD.encode(signature)
        ))
    }
}

/// `n` and `e` of a DER `RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }`
/// (RFC 8017), without the sign byte.
fn rsa_public_key_parts(der: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    let (tag, body, _) = der_element(der)?;
    if tag != 0x30 {
        return None;
    }
    let (n_tag, n, rest) = der_element(body)?;
    let (e_tag, e, _) = der_element(rest)?;
    if n_tag != 0x02 || e_tag != 0x02 {
        return None;
    }
    let strip = |bytes: &[u8]| {
        let start = bytes
            .iter()
            .position(|byte| *byte != 0)
            .unwrap_or(bytes.len());
        bytes[start..].to_vec()
    };
    Some((strip(n), strip(e)))
}

/// One DER element: `(tag, contents, rest)`.
fn der_element(input: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, input) = input.split_first()?;
    let (&first, mut input) = input.split_first()?;
    let length = if first < 0x80 {
        usize::from(first)
    } else {
        let count = usize::from(first & 0x7f);
        if count == 0 || count > 4 || input.len() < count {
            return None;
        }
        let (bytes, rest) = input.split_at(count);
        input = rest;
        bytes
            .iter()
            .fold(0usize, |length, byte| (length << 8) | usize::from(*byte))
    };
    (input.len() >= length).then(|| (tag, &input[..length], &input[length..]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_lc_rs::signature::{RSA_PKCS1_2048_8192_SHA256, RsaPublicKeyComponents};

    #[test]
    fn a_signed_token_verifies_with_the_published_key() {
        let key = SigningKey::generate().unwrap();
        let token = key.sign(&json!({ "sub": "someone" })).unwrap();
        let jwks = key.jwks("https://issuer.example/v2.0");
        let jwk = &jwks["keys"][0];
        let decode = |name: &str| URL_SAFE_NO_PAD.decode(jwk[name].as_str().unwrap()).unwrap();
        let (n, e) = (decode("n"), decode("e"));
        assert_eq!(n.len(), 256, "a 2048-bit modulus");
        assert_eq!(e, vec![1, 0, 1]);
        let (input, signature) = token.rsplit_once('.').unwrap();
        let header: Value = serde_json::from_slice(
            &URL_SAFE_NO_PAD
                .decode(input.split('.').next().unwrap())
                .unwrap(),
        )
        .unwrap();
        assert_eq!(header["alg"], "RS256");
        assert_eq!(header["kid"], jwk["kid"]);
        let public = RsaPublicKeyComponents { n: &n, e: &e };
        let signature = URL_SAFE_NO_PAD.decode(signature).unwrap();
        public
            .verify(&RSA_PKCS1_2048_8192_SHA256, input.as_bytes(), &signature)
            .expect("the signature verifies");
        let mut tampered = input.as_bytes().to_vec();
        tampered[3] ^= 1;
        assert!(
            public
                .verify(&RSA_PKCS1_2048_8192_SHA256, &tampered, &signature)
                .is_err()
        );
    }
}
