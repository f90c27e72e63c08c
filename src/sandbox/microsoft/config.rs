//! What the Microsoft stand-in knows (the model): tenants of either cloud with their verified
//! domains, app registrations (secrets, service principal, redirect URIs by platform, delegated
//! permissions, a forced error), accounts that can sign in, and room mailboxes with their
//! delegations. Plain data with builders; the answers are in `routes` and `delegated`.

use crate::model::Operator;

/// Where a redirect URI is registered in the app's Authentication page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Platform {
    Web,
    Spa,
    PublicClient,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RedirectUri {
    pub uri: String,
    pub platform: Platform,
}

/// The app's service principal (enterprise application) in its tenant.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ServicePrincipal {
    #[default]
    Enabled,
    Disabled,
    Missing,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecretConfig {
    pub value: String,
    pub expired: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppConfig {
    pub client_id: String,
    pub display_name: String,
    pub secrets: Vec<SecretConfig>,
    pub service_principal: ServicePrincipal,
    pub redirect_uris: Vec<RedirectUri>,
    /// Answer every otherwise successful token request with this AADSTS code (e.g. 53003, or a
    /// code the assistant does not know).
    pub forced_token_error: Option<u64>,
    /// The delegated permissions configured (and consented) under API permissions, by name
    /// (`Calendars.ReadWrite.Shared`, `openid`, `offline_access`). A sign-in is granted only these.
    pub delegated_permissions: Vec<String>,
}

impl AppConfig {
    pub fn new(client_id: &str) -> Self {
        Self {
            client_id: client_id.to_owned(),
            display_name: "ONES app".to_owned(),
            secrets: Vec::new(),
            service_principal: ServicePrincipal::Enabled,
            redirect_uris: Vec::new(),
            forced_token_error: None,
            delegated_permissions: crate::cloud::SERVER_APP_PERMISSIONS
                .iter()
                .map(|permission| (*permission).to_owned())
                .collect(),
        }
    }

    pub fn secret(mut self, value: &str) -> Self {
        self.secrets.push(SecretConfig {
            value: value.to_owned(),
            expired: false,
        });
        self
    }

    pub fn expired_secret(mut self, value: &str) -> Self {
        self.secrets.push(SecretConfig {
            value: value.to_owned(),
            expired: true,
        });
        self
    }

    pub fn redirect(mut self, uri: &str, platform: Platform) -> Self {
        self.redirect_uris.push(RedirectUri {
            uri: uri.to_owned(),
            platform,
        });
        self
    }

    pub fn service_principal(mut self, state: ServicePrincipal) -> Self {
        self.service_principal = state;
        self
    }
}

/// A simulated user who can sign in on the stand-in's sign-in page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountConfig {
    /// The user principal name typed on the sign-in page (compared without regard to case).
    pub username: String,
    pub password: String,
    /// Consent to the app's delegated permissions was given (else the sign-in comes back with
    /// AADSTS65001).
    pub consent_given: bool,
    /// A sign-in policy requires MFA, which the stand-in cannot do (AADSTS50076).
    pub mfa_required: bool,
}

impl AccountConfig {
    pub fn new(username: &str, password: &str) -> Self {
        Self {
            username: username.to_owned(),
            password: password.to_owned(),
            consent_given: true,
            mfa_required: false,
        }
    }

    pub fn without_consent(mut self) -> Self {
        self.consent_given = false;
        self
    }

    pub fn requiring_mfa(mut self) -> Self {
        self.mfa_required = true;
        self
    }
}

/// What an account may do with a room's calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delegation {
    ReadWrite,
    ReadOnly,
}

/// A room mailbox and whom its calendar is delegated to. A room without a delegation for an
/// account answers 403 `ErrorAccessDenied`; an address that is no room answers 404.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoomMailboxConfig {
    pub address: String,
    pub display_name: String,
    /// `(account username, delegation)`.
    pub delegations: Vec<(String, Delegation)>,
}

impl RoomMailboxConfig {
    pub fn new(address: &str, display_name: &str) -> Self {
        Self {
            address: address.to_owned(),
            display_name: display_name.to_owned(),
            delegations: Vec::new(),
        }
    }

    pub fn delegate(mut self, account: &str, delegation: Delegation) -> Self {
        self.delegations.push((account.to_owned(), delegation));
        self
    }

    /// The delegation for `account`, if any.
    pub fn delegation_for(&self, account: &str) -> Option<Delegation> {
        self.delegations
            .iter()
            .find(|(known, _)| known.eq_ignore_ascii_case(account))
            .map(|(_, delegation)| *delegation)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TenantConfig {
    pub id: String,
    pub domains: Vec<String>,
    pub cloud: Operator,
    pub apps: Vec<AppConfig>,
    /// Users who can sign in on the sign-in page.
    pub accounts: Vec<AccountConfig>,
    /// Room mailboxes Graph knows.
    pub rooms: Vec<RoomMailboxConfig>,
}

impl TenantConfig {
    pub fn new(id: &str, cloud: Operator) -> Self {
        Self {
            id: id.to_owned(),
            domains: Vec::new(),
            cloud,
            apps: Vec::new(),
            accounts: Vec::new(),
            rooms: Vec::new(),
        }
    }

    pub fn account(mut self, account: AccountConfig) -> Self {
        self.accounts.push(account);
        self
    }

    pub fn room(mut self, room: RoomMailboxConfig) -> Self {
        self.rooms.push(room);
        self
    }

    pub fn room_mut(&mut self, address: &str) -> Option<&mut RoomMailboxConfig> {
        self.rooms
            .iter_mut()
            .find(|room| room.address.eq_ignore_ascii_case(address))
    }

    pub fn domain(mut self, domain: &str) -> Self {
        self.domains.push(domain.to_owned());
        self
    }

    pub fn app(mut self, app: AppConfig) -> Self {
        self.apps.push(app);
        self
    }

    pub fn app_mut(&mut self, client_id: &str) -> Option<&mut AppConfig> {
        self.apps
            .iter_mut()
            .find(|app| app.client_id.eq_ignore_ascii_case(client_id))
    }
}

/// Everything the stand-in knows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MicrosoftConfig {
    pub tenants: Vec<TenantConfig>,
}

impl MicrosoftConfig {
    pub fn tenant(mut self, tenant: TenantConfig) -> Self {
        self.tenants.push(tenant);
        self
    }

    pub fn tenant_mut(&mut self, id: &str) -> Option<&mut TenantConfig> {
        self.tenants
            .iter_mut()
            .find(|tenant| tenant.id.eq_ignore_ascii_case(id))
    }

    /// The tenant with this GUID or verified domain, in any cloud.
    pub(super) fn find_tenant(&self, key: &str) -> Option<&TenantConfig> {
        self.tenants.iter().find(|tenant| {
            tenant.id.eq_ignore_ascii_case(key)
                || tenant
                    .domains
                    .iter()
                    .any(|domain| domain.eq_ignore_ascii_case(key))
        })
    }
}
