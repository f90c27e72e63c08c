//! Shared fixtures for the ONES tests: a valid document for a stand-in, known secrets to look for
//! in outputs, and a test CA (rcgen) for the TLS tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use chrono::{Days, Local};
use ones_m365_assistant::model::{
    IntegrationDocument, Operator, RoomSettings, SCHEMA, Secret, ServerApp, SsoApp, UserSettings,
};
use ones_m365_assistant::redirect::derive_redirect_uris;
use ones_m365_assistant::sandbox::ones::TlsIdentity;
use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair, KeyUsagePurpose,
};

pub const TOKEN: &str = "test-ones-token-9f8e7d6c";
pub const SERVER_SECRET: &str = "Srv8Q~AbCdEfGhIjKlMnOpQrStUvWxYz0123456";
pub const SSO_SECRET: &str = "Sso8Q~ZyXwVuTsRqPoNmLkJiHgFeDcBa9876543";
pub const NAME: &str = "Head office";
pub const KEY: &str = "head-office";

/// A document that passes validation, with both secrets, for the ONES server at `base_url`.
pub fn document_for(base_url: &str) -> IntegrationDocument {
    let uris = derive_redirect_uris(base_url, NAME).expect("stand-in URL is usable");
    let expiry = Local::now().date_naive().checked_add_days(Days::new(180));
    IntegrationDocument {
        schema: SCHEMA.to_owned(),
        name: NAME.to_owned(),
        operator: Operator::Microsoft,
        ones_url: base_url.to_owned(),
        server_app: ServerApp {
            tenant_id: "72f988bf-86f1-41af-91ab-2d7cd011db47".to_owned(),
            client_id: "11111111-2222-3333-4444-555555555555".to_owned(),
            client_secret: Secret::new(SERVER_SECRET),
            client_secret_expires_on: expiry,
            ..ServerApp::default()
        },
        room: RoomSettings {
            redirect_uri: uris.room,
            offision_policy: true,
            mailboxes: vec![
                "room-101@contoso.com".to_owned(),
                "room-102@contoso.com".to_owned(),
            ],
        },
        sso_app: SsoApp {
            client_id: "66666666-7777-8888-9999-000000000000".to_owned(),
            client_secret: Secret::new(SSO_SECRET),
            client_secret_expires_on: expiry,
            redirect_uri: uris.sso,
            ..SsoApp::default()
        },
        users: UserSettings {
            default_user_groups: vec!["Staff".to_owned()],
            pager_as_card_number: false,
            login_button_name: "Sign in with Microsoft".to_owned(),
        },
    }
}

/// Fails the test when `text` contains the API token or a client secret.
pub fn assert_no_secrets(text: &str) {
    for secret in [TOKEN, SERVER_SECRET, SSO_SECRET, "wrong-token-1234"] {
        assert!(!text.contains(secret), "a secret leaked into: {text}");
    }
}

/// A certificate authority made for one test.
pub struct TestCa {
    issuer: CertifiedIssuer<'static, KeyPair>,
}

impl TestCa {
    pub fn new() -> Self {
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params
            .distinguished_name
            .push(DnType::CommonName, "Assistant Test CA");
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let issuer = CertifiedIssuer::self_signed(params, KeyPair::generate().unwrap()).unwrap();
        Self { issuer }
    }

    /// A server certificate for `host`, signed by this CA; `expired` makes one whose validity ended.
    pub fn server_identity(&self, host: &str, expired: bool) -> TlsIdentity {
        let mut params = CertificateParams::new(vec![host.to_owned()]).unwrap();
        params.distinguished_name.push(DnType::CommonName, host);
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        if expired {
            params.not_before = rcgen::date_time_ymd(2020, 1, 1);
            params.not_after = rcgen::date_time_ymd(2021, 1, 1);
        }
        let key = KeyPair::generate().unwrap();
        let certificate = params.signed_by(&key, &self.issuer).unwrap();
        TlsIdentity {
            certificate_chain_pem: certificate.pem(),
            private_key_pem: key.serialize_pem(),
        }
    }

    /// Writes the CA certificate as a PEM file in `dir`.
    pub fn write_pem(&self, dir: &Path) -> PathBuf {
        let path = dir.join("test-ca.pem");
        std::fs::write(&path, self.issuer.pem()).unwrap();
        path
    }
}
