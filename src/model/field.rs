//! [`Field`] names every field of the integration document once: its JSON path, its ONES label,
//! the wizard step it is entered on and its [`FieldKind`]. Validation findings, ONES's field-level
//! errors and the GUI's "jump to field" all speak in `Field`s.

use serde::{Deserialize, Serialize};

use crate::i18n::Text;

/// The wizard's screens, in ONES's order, plus the assistant's own review.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum Step {
    #[default]
    Server,
    Room,
    Users,
    Review,
}

impl Step {
    pub const ALL: [Step; 4] = [Step::Server, Step::Room, Step::Users, Step::Review];

    /// The title in English (JSON, reports): the catalogue's.
    pub fn title(self) -> String {
        self.title_text().english()
    }

    /// The title, in any language.
    pub fn title_text(self) -> Text {
        Text::new(match self {
            Step::Server => "model.step.server",
            Step::Room => "model.step.room",
            Step::Users => "model.step.users",
            Step::Review => "model.step.review",
        })
    }

    /// [`Step::title`] in the current language.
    pub fn localized_title(self) -> String {
        self.title_text().localized()
    }

    pub fn index(self) -> usize {
        Step::ALL.iter().position(|step| *step == self).unwrap_or(0)
    }

    pub fn next(self) -> Option<Step> {
        Step::ALL.get(self.index() + 1).copied()
    }

    pub fn previous(self) -> Option<Step> {
        self.index().checked_sub(1).map(|index| Step::ALL[index])
    }
}

/// What kind of value a field holds: how it is edited, shown and compared. The value itself is read
/// with [`crate::model::IntegrationDocument::value`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FieldKind {
    /// One line of text (names, IDs, addresses).
    Text,
    /// The Microsoft 365 service operator, a choice of two.
    Operator,
    /// A client secret: never shown, compared or exported by value without intent.
    Secret,
    /// A date that may be missing (a secret's expiry).
    Date,
    /// A checkbox.
    Flag,
    /// A list of texts (rooms, groups).
    List,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Field {
    Name,
    Operator,
    OnesUrl,
    TenantId,
    ServerClientId,
    ServerClientSecret,
    ServerSecretExpiry,
    RoomRedirectUri,
    OffisionPolicy,
    Mailboxes,
    SsoClientId,
    SsoClientSecret,
    SsoSecretExpiry,
    SsoRedirectUri,
    DefaultUserGroups,
    PagerAsCardNumber,
    LoginButtonName,
}

impl Field {
    pub const ALL: [Field; 17] = [
        Field::Name,
        Field::Operator,
        Field::OnesUrl,
        Field::TenantId,
        Field::ServerClientId,
        Field::ServerClientSecret,
        Field::ServerSecretExpiry,
        Field::RoomRedirectUri,
        Field::OffisionPolicy,
        Field::Mailboxes,
        Field::SsoClientId,
        Field::SsoClientSecret,
        Field::SsoSecretExpiry,
        Field::SsoRedirectUri,
        Field::DefaultUserGroups,
        Field::PagerAsCardNumber,
        Field::LoginButtonName,
    ];

    /// The field's dotted path in the integration document.
    pub fn path(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Operator => "operator",
            Field::OnesUrl => "ones_url",
            Field::TenantId => "server_app.tenant_id",
            Field::ServerClientId => "server_app.client_id",
            Field::ServerClientSecret => "server_app.client_secret",
            Field::ServerSecretExpiry => "server_app.client_secret_expires_on",
            Field::RoomRedirectUri => "room.redirect_uri",
            Field::OffisionPolicy => "room.offision_policy",
            Field::Mailboxes => "room.mailboxes",
            Field::SsoClientId => "sso_app.client_id",
            Field::SsoClientSecret => "sso_app.client_secret",
            Field::SsoSecretExpiry => "sso_app.client_secret_expires_on",
            Field::SsoRedirectUri => "sso_app.redirect_uri",
            Field::DefaultUserGroups => "users.default_user_groups",
            Field::PagerAsCardNumber => "users.pager_as_card_number",
            Field::LoginButtonName => "users.login_button_name",
        }
    }

    /// The field for a dotted path; list indices (`room.mailboxes[2]`) map to the list.
    pub fn from_path(path: &str) -> Option<Field> {
        let path = path.split('[').next().unwrap_or(path);
        Field::ALL.into_iter().find(|field| field.path() == path)
    }

    /// The label in English (JSON, reports): the catalogue's.
    pub fn label(self) -> String {
        self.label_text().english()
    }

    /// The label, as the ONES wizard words it where ONES has the field, in any language.
    pub fn label_text(self) -> Text {
        Text::new(match self {
            Field::Name => "model.field.name",
            Field::Operator => "model.field.operator",
            Field::OnesUrl => "model.field.ones_url",
            Field::TenantId => "model.field.tenant_id",
            Field::ServerClientId | Field::SsoClientId => "model.field.client_id",
            Field::ServerClientSecret | Field::SsoClientSecret => "model.field.client_secret",
            Field::ServerSecretExpiry | Field::SsoSecretExpiry => "model.field.secret_expiry",
            Field::RoomRedirectUri | Field::SsoRedirectUri => "model.field.redirect_uri",
            Field::OffisionPolicy => "model.field.offision_policy",
            Field::Mailboxes => "model.field.mailboxes",
            Field::DefaultUserGroups => "model.field.default_user_groups",
            Field::PagerAsCardNumber => "model.field.pager_as_card_number",
            Field::LoginButtonName => "model.field.login_button_name",
        })
    }

    /// [`Field::label`] in the current language.
    pub fn localized_label(self) -> String {
        self.label_text().localized()
    }

    /// The kind of value the field holds (the document's [`crate::model::FieldRef`] agrees; a
    /// test holds them together).
    pub fn kind(self) -> FieldKind {
        match self {
            Field::Name
            | Field::OnesUrl
            | Field::TenantId
            | Field::ServerClientId
            | Field::RoomRedirectUri
            | Field::SsoClientId
            | Field::SsoRedirectUri
            | Field::LoginButtonName => FieldKind::Text,
            Field::Operator => FieldKind::Operator,
            Field::ServerClientSecret | Field::SsoClientSecret => FieldKind::Secret,
            Field::ServerSecretExpiry | Field::SsoSecretExpiry => FieldKind::Date,
            Field::OffisionPolicy | Field::PagerAsCardNumber => FieldKind::Flag,
            Field::Mailboxes | Field::DefaultUserGroups => FieldKind::List,
        }
    }

    pub fn step(self) -> Step {
        match self {
            Field::Name
            | Field::Operator
            | Field::OnesUrl
            | Field::TenantId
            | Field::ServerClientId
            | Field::ServerClientSecret
            | Field::ServerSecretExpiry => Step::Server,
            Field::RoomRedirectUri | Field::OffisionPolicy | Field::Mailboxes => Step::Room,
            Field::SsoClientId
            | Field::SsoClientSecret
            | Field::SsoSecretExpiry
            | Field::SsoRedirectUri
            | Field::DefaultUserGroups
            | Field::PagerAsCardNumber
            | Field::LoginButtonName => Step::Users,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_path_round_trips() {
        for field in Field::ALL {
            assert_eq!(Field::from_path(field.path()), Some(field));
        }
        assert_eq!(
            Field::from_path("room.mailboxes[3]"),
            Some(Field::Mailboxes)
        );
        assert_eq!(Field::from_path("nope"), None);
    }

    #[test]
    fn the_catalogue_holds_the_english_labels_word_for_word() {
        for field in Field::ALL {
            assert_eq!(field.label_text().english(), field.label());
        }
        for step in Step::ALL {
            assert_eq!(step.title_text().english(), step.title());
        }
    }

    #[test]
    fn steps_walk_in_order() {
        assert_eq!(Step::Server.next(), Some(Step::Room));
        assert_eq!(Step::Review.next(), None);
        assert_eq!(Step::Server.previous(), None);
        assert_eq!(Step::Users.previous(), Some(Step::Room));
    }
}
