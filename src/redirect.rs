//! The redirect URIs ONES expects for the two app registrations.
//!
//! ONES generates them and shows them in its wizard; their format is not published. Until the
//! assistant can ask a ONES server (`…/redirect-uris`), it derives them from the ONES URL by the
//! template below and marks them "derived — confirm against the ONES wizard". The installer can
//! always paste the exact text ONES shows instead.
//!
//! Template (documented in the README):
//! - room: `{ones_url}/integration/microsoft365/{key}/room/callback`
//! - SSO:  `{ones_url}/integration/microsoft365/{key}/sso/callback`
//!
//! where `{ones_url}` is the ONES server address without a trailing `/`, and `{key}` is
//! [`crate::model::integration_key`] of the integration name.

use url::Url;

use crate::model::integration_key;
use crate::model::validation::url_is_loopback;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DerivedRedirectUris {
    pub room: String,
    pub sso: String,
}

/// The one rule for a redirect-URI field when a new value arrives (a new derivation, or what ONES
/// reported): the field takes it when it is empty or still holds the value derived before; a value
/// the installer pasted is never overwritten.
pub fn takes_new_value(current: &str, derived_before: Option<&str>) -> bool {
    current.trim().is_empty() || Some(current) == derived_before
}

/// Derives both redirect URIs, or `None` while the ONES URL is not a usable https (or loopback
/// http) address.
pub fn derive_redirect_uris(ones_url: &str, integration_name: &str) -> Option<DerivedRedirectUris> {
    let url = Url::parse(ones_url.trim()).ok()?;
    let usable = url.scheme() == "https" || (url.scheme() == "http" && url_is_loopback(&url));
    if !usable || url.host().is_none() || url.query().is_some() || url.fragment().is_some() {
        return None;
    }
    let base = url.as_str().trim_end_matches('/');
    let key = integration_key(integration_name);
    // The key may hold non-ASCII letters; percent-encode it as a path segment.
    let mut room = Url::parse(&format!("{base}/")).ok()?;
    room.path_segments_mut().ok()?.pop_if_empty().extend([
        "integration",
        "microsoft365",
        &key,
        "room",
        "callback",
    ]);
    let mut sso = Url::parse(&format!("{base}/")).ok()?;
    sso.path_segments_mut().ok()?.pop_if_empty().extend([
        "integration",
        "microsoft365",
        &key,
        "sso",
        "callback",
    ]);
    Some(DerivedRedirectUris {
        room: room.into(),
        sso: sso.into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_empty_or_still_derived_fields_take_a_new_value() {
        let derived = "https://a/integration/microsoft365/hq/room/callback";
        assert!(takes_new_value("", Some(derived)));
        assert!(takes_new_value("  ", None));
        assert!(takes_new_value(derived, Some(derived)));
        assert!(!takes_new_value("https://pasted/cb", Some(derived)));
        assert!(!takes_new_value(derived, None));
    }

    #[test]
    fn derives_from_the_ones_url_and_name() {
        let uris = derive_redirect_uris("https://ones.example.com/", "Head office").unwrap();
        assert_eq!(
            uris.room,
            "https://ones.example.com/integration/microsoft365/head-office/room/callback"
        );
        assert_eq!(
            uris.sso,
            "https://ones.example.com/integration/microsoft365/head-office/sso/callback"
        );
    }

    #[test]
    fn keeps_a_path_prefix_and_port() {
        let uris = derive_redirect_uris("https://host:8443/ones", "HQ").unwrap();
        assert_eq!(
            uris.room,
            "https://host:8443/ones/integration/microsoft365/hq/room/callback"
        );
    }

    #[test]
    fn refuses_unusable_addresses() {
        assert_eq!(derive_redirect_uris("http://ones.example.com", "HQ"), None);
        assert_eq!(derive_redirect_uris("ones.example.com", "HQ"), None);
        assert_eq!(derive_redirect_uris("", "HQ"), None);
        assert!(derive_redirect_uris("http://127.0.0.1:8080", "HQ").is_some());
    }
}
