//! The demo integration: IDs and (made-up) secrets that the demo configuration of the Microsoft
//! stand-in accepts, so demo mode and the tests start from a document that passes every check.

use chrono::{Local, Months};

use super::microsoft::{
    AccountConfig, AppConfig, Delegation, MicrosoftConfig, Platform, RoomMailboxConfig,
    TenantConfig,
};
use crate::model::{
    IntegrationDocument, Operator, RoomSettings, Secret, ServerApp, SsoApp, UserSettings,
};
use crate::redirect::derive_redirect_uris;

pub const DEMO_NAME: &str = "Demo head office";
/// The ONES URL [`demo_config`] registers redirect URIs for.
pub const DEMO_ONES_URL: &str = "https://ones.demo.example";
pub const DEMO_TENANT_ID: &str = "4d1e5c3a-7b2f-4e8a-9c61-2f0d8b7a6e15";
pub const DEMO_TENANT_DOMAIN: &str = "ones-demo.onmicrosoft.com";
/// A tenant of the 21Vianet cloud, for trying the wrong-operator check.
pub const DEMO_CHINA_TENANT_ID: &str = "5e2f6d4b-8c3a-4f9b-a072-3a1e9c8b7f26";
pub const DEMO_CHINA_TENANT_DOMAIN: &str = "ones-demo.partner.onmschina.cn";
pub const DEMO_SERVER_CLIENT_ID: &str = "0a7f3e2d-5c4b-4a19-8e76-d1c2b3a4f5e6";
pub const DEMO_SSO_CLIENT_ID: &str = "9b8c7d6e-1f2a-4b3c-8d4e-5f6a7b8c9d0e";
/// The demo service account of the room test: the calendars of `room-101` and `room-102` (the
/// demo document's rooms) are delegated to it read-write, `room-201` read-only, `room-202` not at
/// all. Sign in with it on the stand-in's sign-in page, password [`DEMO_ROOM_PASSWORD`].
pub const DEMO_ROOM_ACCOUNT: &str = "ones-rooms@ones-demo.onmicrosoft.com";
/// A demo account whose sign-in needs MFA (the room test reports AADSTS50076).
pub const DEMO_MFA_ACCOUNT: &str = "ones-rooms-mfa@ones-demo.onmicrosoft.com";
/// A demo account that has not consented to the server app (AADSTS65001).
pub const DEMO_NO_CONSENT_ACCOUNT: &str = "ones-rooms-new@ones-demo.onmicrosoft.com";
/// The password of every demo account (made up; it opens nothing but the stand-in).
pub const DEMO_ROOM_PASSWORD: &str = "Demo-Rooms-2024";
/// A room of the demo tenant delegated read-only to [`DEMO_ROOM_ACCOUNT`].
pub const DEMO_READ_ONLY_ROOM: &str = "room-201@ones-demo.onmicrosoft.com";
/// A room of the demo tenant not delegated to [`DEMO_ROOM_ACCOUNT`].
pub const DEMO_UNDELEGATED_ROOM: &str = "room-202@ones-demo.onmicrosoft.com";

/// Made-up secrets in today's Entra shape; they open nothing but the stand-in.
pub(crate) const DEMO_SERVER_SECRET: &str = "dEm8Q~ServerDemoSecretNotReal.0123456789";
pub(crate) const DEMO_SSO_SECRET: &str = "dEm8Q~SsoDemoSecretNotRealAtAll.0123456";
/// A secret of the demo server app that has expired (AADSTS7000222), for trying that answer.
pub const DEMO_EXPIRED_SERVER_SECRET: &str = "dEm8Q~ExpiredDemoSecretNotReal.01234567";

/// A complete document for `ones_url` (e.g. the ONES stand-in's address) that passes validation and
/// every live check against [`demo_config_for`]`(ones_url)`.
pub fn demo_document(ones_url: &str) -> IntegrationDocument {
    let uris = derive_redirect_uris(ones_url, DEMO_NAME);
    let expiry = Local::now()
        .date_naive()
        .checked_add_months(Months::new(12));
    IntegrationDocument {
        name: DEMO_NAME.to_owned(),
        operator: Operator::Microsoft,
        ones_url: ones_url.trim().trim_end_matches('/').to_owned(),
        server_app: ServerApp {
            tenant_id: DEMO_TENANT_ID.to_owned(),
            client_id: DEMO_SERVER_CLIENT_ID.to_owned(),
            client_secret: Secret::new(DEMO_SERVER_SECRET),
            client_secret_expires_on: expiry,
            ..ServerApp::default()
        },
        room: RoomSettings {
            redirect_uri: uris
                .as_ref()
                .map(|uris| uris.room.clone())
                .unwrap_or_default(),
            offision_policy: true,
            mailboxes: vec![
                format!("room-101@{DEMO_TENANT_DOMAIN}"),
                format!("room-102@{DEMO_TENANT_DOMAIN}"),
            ],
        },
        sso_app: SsoApp {
            client_id: DEMO_SSO_CLIENT_ID.to_owned(),
            client_secret: Secret::new(DEMO_SSO_SECRET),
            client_secret_expires_on: expiry,
            redirect_uri: uris.map(|uris| uris.sso).unwrap_or_default(),
            ..SsoApp::default()
        },
        users: UserSettings {
            default_user_groups: vec!["All staff".to_owned()],
            pager_as_card_number: false,
            login_button_name: "Sign in with Microsoft".to_owned(),
        },
        ..IntegrationDocument::default()
    }
}

/// The demo configuration for [`DEMO_ONES_URL`]; see [`demo_config_for`].
pub fn demo_config() -> MicrosoftConfig {
    demo_config_for(DEMO_ONES_URL)
}

/// The tenants and apps [`demo_document`]`(ones_url)` passes every check against: the demo
/// tenant (global) with both apps, their secrets and the redirect URIs derived from `ones_url`
/// under Web, and a 21Vianet tenant with the same apps for trying the wrong-operator check.
///
/// For the room test, the server app also has `http://localhost` under Web, and each tenant has
/// the demo accounts (password [`DEMO_ROOM_PASSWORD`]): [`DEMO_ROOM_ACCOUNT`]
/// (consent given, no MFA), [`DEMO_MFA_ACCOUNT`] (MFA required) and
/// [`DEMO_NO_CONSENT_ACCOUNT`] (consent missing); and the rooms `room-101` and `room-102`
/// (read-write for the room account — the two in the demo document), `room-201` (read-only) and
/// `room-202` (no delegation) at the tenant's domain.
pub fn demo_config_for(ones_url: &str) -> MicrosoftConfig {
    let uris = derive_redirect_uris(ones_url, DEMO_NAME);
    let apps = |server_name: &str, sso_name: &str| {
        let mut server = AppConfig::new(DEMO_SERVER_CLIENT_ID)
            .secret(DEMO_SERVER_SECRET)
            .expired_secret(DEMO_EXPIRED_SERVER_SECRET)
            .redirect(crate::rooms::LOOPBACK_REDIRECT_URI, Platform::Web);
        server.display_name = server_name.to_owned();
        let mut sso = AppConfig::new(DEMO_SSO_CLIENT_ID).secret(DEMO_SSO_SECRET);
        sso.display_name = sso_name.to_owned();
        if let Some(uris) = &uris {
            server = server.redirect(&uris.room, Platform::Web);
            sso = sso.redirect(&uris.sso, Platform::Web);
        }
        [server, sso]
    };
    let [server, sso] = apps("ONES rooms", "ONES sign-in");
    let [china_server, china_sso] = apps("ONES rooms (21Vianet)", "ONES sign-in (21Vianet)");
    MicrosoftConfig::default()
        .tenant(with_demo_rooms(
            TenantConfig::new(DEMO_TENANT_ID, Operator::Microsoft)
                .domain(DEMO_TENANT_DOMAIN)
                .app(server)
                .app(sso),
            DEMO_TENANT_DOMAIN,
        ))
        .tenant(with_demo_rooms(
            TenantConfig::new(DEMO_CHINA_TENANT_ID, Operator::Vianet21)
                .domain(DEMO_CHINA_TENANT_DOMAIN)
                .app(china_server)
                .app(china_sso),
            DEMO_CHINA_TENANT_DOMAIN,
        ))
}

/// The demo accounts and rooms of [`demo_config_for`], at `domain`.
fn with_demo_rooms(tenant: TenantConfig, domain: &str) -> TenantConfig {
    let at = |local: &str| format!("{local}@{domain}");
    let (rooms_account, mfa_account, no_consent_account) = (
        at(local_part(DEMO_ROOM_ACCOUNT)),
        at(local_part(DEMO_MFA_ACCOUNT)),
        at(local_part(DEMO_NO_CONSENT_ACCOUNT)),
    );
    let room = |number: &str| {
        RoomMailboxConfig::new(&at(&format!("room-{number}")), &format!("Room {number}"))
    };
    tenant
        .account(AccountConfig::new(&rooms_account, DEMO_ROOM_PASSWORD))
        .account(AccountConfig::new(&mfa_account, DEMO_ROOM_PASSWORD).requiring_mfa())
        .account(AccountConfig::new(&no_consent_account, DEMO_ROOM_PASSWORD).without_consent())
        .room(room("101").delegate(&rooms_account, Delegation::ReadWrite))
        .room(room("102").delegate(&rooms_account, Delegation::ReadWrite))
        .room(room("201").delegate(&rooms_account, Delegation::ReadOnly))
        .room(room("202"))
}

fn local_part(address: &str) -> &str {
    address.split('@').next().unwrap_or(address)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::validate;

    #[test]
    fn the_demo_document_is_valid_without_warnings() {
        for url in [DEMO_ONES_URL, "http://127.0.0.1:8080"] {
            let doc = demo_document(url);
            let report = validate(&doc, Local::now().date_naive());
            assert!(report.findings.is_empty(), "{url}: {:?}", report.findings);
        }
    }
}
