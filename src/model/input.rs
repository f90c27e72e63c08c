//! [`CheckInput`]: what the live checks, the room test, the portal links and the export send to
//! Microsoft or ONES, read from the document once with surrounding whitespace removed. The
//! document keeps what was typed (validation warns about the whitespace); everything that acts
//! on a value reads it from here, so no caller trims — or forgets to trim — on its own.

use super::{IntegrationDocument, Operator, Secret};

/// The document's values as they are sent: IDs, addresses and the name trimmed; secrets as typed
/// (a secret's whitespace is removed where it is typed, and by the request that sends it).
/// `Debug` redacts the secrets.
#[derive(Clone, Copy, Debug)]
pub struct CheckInput<'a> {
    pub operator: Operator,
    pub name: &'a str,
    pub ones_url: &'a str,
    pub tenant: &'a str,
    pub server_client_id: &'a str,
    pub server_secret: &'a Secret,
    pub room_redirect_uri: &'a str,
    pub sso_client_id: &'a str,
    pub sso_secret: &'a Secret,
    pub sso_redirect_uri: &'a str,
}

impl<'a> CheckInput<'a> {
    pub fn of(doc: &'a IntegrationDocument) -> Self {
        Self {
            operator: doc.operator,
            name: doc.name.trim(),
            ones_url: doc.ones_url.trim(),
            tenant: doc.server_app.tenant_id.trim(),
            server_client_id: doc.server_app.client_id.trim(),
            server_secret: &doc.server_app.client_secret,
            room_redirect_uri: doc.room.redirect_uri.trim(),
            sso_client_id: doc.sso_app.client_id.trim(),
            sso_secret: &doc.sso_app.client_secret,
            sso_redirect_uri: doc.sso_app.redirect_uri.trim(),
        }
    }
}

impl IntegrationDocument {
    /// [`CheckInput::of`] this document.
    pub fn check_input(&self) -> CheckInput<'_> {
        CheckInput::of(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_trimmed_once_and_secrets_stay_redacted() {
        let mut doc = IntegrationDocument::default();
        doc.server_app.tenant_id = " contoso.onmicrosoft.com\n".to_owned();
        doc.sso_app.client_id = "\t11111111-2222-3333-4444-555555555555 ".to_owned();
        doc.room.redirect_uri = " https://ones.example.com/room ".to_owned();
        doc.server_app.client_secret = Secret::new("abc8Q~checkinputsecret");
        let input = doc.check_input();
        assert_eq!(input.tenant, "contoso.onmicrosoft.com");
        assert_eq!(input.sso_client_id, "11111111-2222-3333-4444-555555555555");
        assert_eq!(input.room_redirect_uri, "https://ones.example.com/room");
        assert_eq!(input.name, "");
        assert!(!format!("{input:?}").contains("checkinputsecret"));
    }
}
