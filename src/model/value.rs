//! A document's fields by name: [`IntegrationDocument::value`] reads one as a [`FieldRef`],
//! [`IntegrationDocument::value_mut`] lends the place that holds it as a [`FieldMut`]. These two
//! `match`es are the one place that knows which struct member holds which [`Field`]: a new field
//! is a compile error here (and in [`Field::kind`]), not a hunt through the diff, the form and the
//! window's commands, which all go through these.

use std::hash::{Hash, Hasher};

use chrono::NaiveDate;

use super::{Field, FieldKind, IntegrationDocument, Operator, Secret};

/// One field's value, borrowed from the document. `Debug` shows a secret as `Secret(<redacted>)`;
/// comparing two secrets compares their values in memory only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldRef<'a> {
    Text(&'a str),
    Operator(Operator),
    Secret(&'a Secret),
    Date(Option<NaiveDate>),
    Flag(bool),
    List(&'a [String]),
}

impl<'a> FieldRef<'a> {
    pub fn kind(self) -> FieldKind {
        match self {
            FieldRef::Text(_) => FieldKind::Text,
            FieldRef::Operator(_) => FieldKind::Operator,
            FieldRef::Secret(_) => FieldKind::Secret,
            FieldRef::Date(_) => FieldKind::Date,
            FieldRef::Flag(_) => FieldKind::Flag,
            FieldRef::List(_) => FieldKind::List,
        }
    }

    /// The text of a text field, as typed (untrimmed); `None` for any other kind.
    pub fn text(self) -> Option<&'a str> {
        match self {
            FieldRef::Text(text) => Some(text),
            _ => None,
        }
    }

    /// The secret of a secret field; `None` for any other kind.
    pub fn secret(self) -> Option<&'a Secret> {
        match self {
            FieldRef::Secret(secret) => Some(secret),
            _ => None,
        }
    }
}

/// Hashes the value itself, a secret's too: for fingerprints kept in memory (the window's "these
/// results are older than the document"), never for one stored or shown.
impl Hash for FieldRef<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        std::mem::discriminant(self).hash(state);
        match self {
            FieldRef::Text(text) => text.hash(state),
            FieldRef::Operator(operator) => operator.hash(state),
            FieldRef::Secret(secret) => secret.peek().hash(state),
            FieldRef::Date(date) => date.hash(state),
            FieldRef::Flag(flag) => flag.hash(state),
            FieldRef::List(items) => items.hash(state),
        }
    }
}

/// The place that holds one field, borrowed mutably from the document. `Debug` redacts secrets.
#[derive(Debug)]
pub enum FieldMut<'a> {
    Text(&'a mut String),
    Operator(&'a mut Operator),
    /// Edited in place (the window's secret editor wipes what it reallocates).
    Secret(&'a mut Secret),
    Date(&'a mut Option<NaiveDate>),
    Flag(&'a mut bool),
    List(&'a mut Vec<String>),
}

impl IntegrationDocument {
    /// The value of `field`.
    pub fn value(&self, field: Field) -> FieldRef<'_> {
        match field {
            Field::Name => FieldRef::Text(&self.name),
            Field::Operator => FieldRef::Operator(self.operator),
            Field::OnesUrl => FieldRef::Text(&self.ones_url),
            Field::TenantId => FieldRef::Text(&self.server_app.tenant_id),
            Field::ServerClientId => FieldRef::Text(&self.server_app.client_id),
            Field::ServerClientSecret => FieldRef::Secret(&self.server_app.client_secret),
            Field::ServerSecretExpiry => FieldRef::Date(self.server_app.client_secret_expires_on),
            Field::RoomRedirectUri => FieldRef::Text(&self.room.redirect_uri),
            Field::OffisionPolicy => FieldRef::Flag(self.room.offision_policy),
            Field::Mailboxes => FieldRef::List(&self.room.mailboxes),
            Field::SsoClientId => FieldRef::Text(&self.sso_app.client_id),
            Field::SsoClientSecret => FieldRef::Secret(&self.sso_app.client_secret),
            Field::SsoSecretExpiry => FieldRef::Date(self.sso_app.client_secret_expires_on),
            Field::SsoRedirectUri => FieldRef::Text(&self.sso_app.redirect_uri),
            Field::DefaultUserGroups => FieldRef::List(&self.users.default_user_groups),
            Field::PagerAsCardNumber => FieldRef::Flag(self.users.pager_as_card_number),
            Field::LoginButtonName => FieldRef::Text(&self.users.login_button_name),
        }
    }

    /// The place that holds `field`, to edit it.
    pub fn value_mut(&mut self, field: Field) -> FieldMut<'_> {
        match field {
            Field::Name => FieldMut::Text(&mut self.name),
            Field::Operator => FieldMut::Operator(&mut self.operator),
            Field::OnesUrl => FieldMut::Text(&mut self.ones_url),
            Field::TenantId => FieldMut::Text(&mut self.server_app.tenant_id),
            Field::ServerClientId => FieldMut::Text(&mut self.server_app.client_id),
            Field::ServerClientSecret => FieldMut::Secret(&mut self.server_app.client_secret),
            Field::ServerSecretExpiry => {
                FieldMut::Date(&mut self.server_app.client_secret_expires_on)
            }
            Field::RoomRedirectUri => FieldMut::Text(&mut self.room.redirect_uri),
            Field::OffisionPolicy => FieldMut::Flag(&mut self.room.offision_policy),
            Field::Mailboxes => FieldMut::List(&mut self.room.mailboxes),
            Field::SsoClientId => FieldMut::Text(&mut self.sso_app.client_id),
            Field::SsoClientSecret => FieldMut::Secret(&mut self.sso_app.client_secret),
            Field::SsoSecretExpiry => FieldMut::Date(&mut self.sso_app.client_secret_expires_on),
            Field::SsoRedirectUri => FieldMut::Text(&mut self.sso_app.redirect_uri),
            Field::DefaultUserGroups => FieldMut::List(&mut self.users.default_user_groups),
            Field::PagerAsCardNumber => FieldMut::Flag(&mut self.users.pager_as_card_number),
            Field::LoginButtonName => FieldMut::Text(&mut self.users.login_button_name),
        }
    }

    /// The text of a text field, to edit it; `None` for any other kind (a secret is edited
    /// through [`IntegrationDocument::value_mut`], never as a plain `String`).
    pub fn text_mut(&mut self, field: Field) -> Option<&mut String> {
        match self.value_mut(field) {
            FieldMut::Text(text) => Some(text),
            _ => None,
        }
    }

    /// The date of a date field, to edit it; `None` for any other kind.
    pub fn date_mut(&mut self, field: Field) -> Option<&mut Option<NaiveDate>> {
        match self.value_mut(field) {
            FieldMut::Date(date) => Some(date),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_reads_and_lends_the_kind_it_declares() {
        let mut doc = IntegrationDocument::default();
        for field in Field::ALL {
            assert_eq!(doc.value(field).kind(), field.kind(), "{field:?}");
            let lent = match doc.value_mut(field) {
                FieldMut::Text(_) => FieldKind::Text,
                FieldMut::Operator(_) => FieldKind::Operator,
                FieldMut::Secret(_) => FieldKind::Secret,
                FieldMut::Date(_) => FieldKind::Date,
                FieldMut::Flag(_) => FieldKind::Flag,
                FieldMut::List(_) => FieldKind::List,
            };
            assert_eq!(lent, field.kind(), "{field:?}");
        }
    }

    #[test]
    fn each_field_is_its_own_place() {
        let mut doc = IntegrationDocument::default();
        let texts: Vec<Field> = Field::ALL
            .into_iter()
            .filter(|field| field.kind() == FieldKind::Text)
            .collect();
        for field in &texts {
            if let Some(text) = doc.text_mut(*field) {
                *text = field.path().to_owned();
            }
        }
        for field in &texts {
            assert_eq!(doc.value(*field).text(), Some(field.path()));
        }
        assert_eq!(doc.server_app.tenant_id, "server_app.tenant_id");
        assert_eq!(doc.sso_app.redirect_uri, "sso_app.redirect_uri");
        assert!(doc.text_mut(Field::ServerClientSecret).is_none());
        assert!(doc.date_mut(Field::Name).is_none());
        if let Some(date) = doc.date_mut(Field::SsoSecretExpiry) {
            *date = NaiveDate::from_ymd_opt(2027, 1, 31);
        }
        assert_eq!(
            doc.sso_app.client_secret_expires_on,
            NaiveDate::from_ymd_opt(2027, 1, 31)
        );
        assert_eq!(doc.server_app.client_secret_expires_on, None);
    }

    #[test]
    fn debug_of_a_secret_value_redacts_it() {
        let mut doc = IntegrationDocument::default();
        doc.sso_app.client_secret = Secret::new("xyz8Q~fieldrefsecretvalue");
        let read = format!("{:?}", doc.value(Field::SsoClientSecret));
        let lent = format!("{:?}", doc.value_mut(Field::SsoClientSecret));
        assert!(!read.contains("fieldrefsecret"), "{read}");
        assert!(!lent.contains("fieldrefsecret"), "{lent}");
    }
}
