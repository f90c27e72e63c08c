//! Handing the integration to ONES from the window: test the connection (and take ONES's own
//! redirect URIs), plan the export and show the change list, export after the user confirmed,
//! read back and show the receipt; or pull an integration from ONES. Every step runs on the
//! injected runtime through [`Requested`]; nothing here blocks the UI, and a failed step leaves
//! the document untouched.

use std::path::PathBuf;

use chrono::NaiveDate;
use tokio::runtime::Handle;

use crate::model::{IntegrationDocument, Secret};
use crate::net::NetSettings;
use crate::ones::{
    ApiToken, Connection, ExportPlan, OnesError, Receipt, RedirectUris, RemoteIntegration, connect,
};
use crate::tasks::{Repaint, Requested};

/// What "Test connection" learned.
pub struct ConnectionReport {
    pub ones_url: String,
    pub version: Option<String>,
    /// The redirect URIs this ONES server expects for the integration's key.
    pub redirect_uris: RedirectUris,
}

pub struct OnesExport {
    runtime: Handle,
    /// Wakes the window when a step's answer arrives.
    repaint: Repaint,
    /// The ONES API token: masked in the UI, never written to drafts or files.
    pub token: Secret,
    /// An optional PEM file with the CA that signed the ONES server's certificate.
    pub ca_path: String,
    pub connection: Requested<Result<ConnectionReport, OnesError>>,
    /// The plan waiting for confirmation, with the connection it was made on.
    pub plan: Requested<Result<(Connection, ExportPlan), OnesError>>,
    pub receipt: Requested<Result<Receipt, OnesError>>,
    pub pull: Requested<Result<RemoteIntegration, OnesError>>,
    /// The user ticked "export although the live checks did not all pass" for the current plan.
    pub confirm_despite_checks: bool,
    /// The secrets the export being sent carries (fingerprints), until its receipt lands.
    sending: Option<SentSecrets>,
    /// The document the current plan was made from, to tell when it no longer matches.
    planned_for: Option<IntegrationDocument>,
    /// The document the export shown in the receipt was planned from, to tell when the receipt
    /// no longer describes what is on screen.
    exported_from: Option<IntegrationDocument>,
    /// The secrets ONES stored with the last verified export (fingerprints, in memory only): the
    /// same secret typed again is not sent again, so the plan shows it unchanged.
    exported: Option<SentSecrets>,
}

/// SHA-256 fingerprints of the secrets sent to one integration on one ONES server. Never the
/// values, never written anywhere.
#[derive(Clone, Debug, PartialEq, Eq)]
struct SentSecrets {
    ones_url: String,
    key: String,
    server: Option<[u8; 32]>,
    sso: Option<[u8; 32]>,
}

fn fingerprint(secret: &Secret) -> Option<[u8; 32]> {
    use sha2::Digest as _;
    (!secret.is_empty()).then(|| sha2::Sha256::digest(secret.peek().as_bytes()).into())
}

fn same_server(a: &str, b: &str) -> bool {
    a.trim().trim_end_matches('/') == b.trim().trim_end_matches('/')
}

impl SentSecrets {
    fn of(ones_url: &str, doc: &IntegrationDocument) -> Self {
        Self {
            ones_url: ones_url.to_owned(),
            key: doc.key(),
            server: fingerprint(&doc.server_app.client_secret),
            sso: fingerprint(&doc.sso_app.client_secret),
        }
    }
}

impl OnesExport {
    pub fn new(runtime: Handle, token: Option<String>, repaint: Repaint) -> Self {
        Self {
            runtime,
            repaint,
            token: Secret::new(token.unwrap_or_default()),
            ca_path: String::new(),
            connection: Requested::default(),
            plan: Requested::default(),
            receipt: Requested::default(),
            pull: Requested::default(),
            sending: None,
            exported: None,
            planned_for: None,
            exported_from: None,
            confirm_despite_checks: false,
        }
    }

    fn net_settings(&self) -> NetSettings {
        let ca = self.ca_path.trim();
        NetSettings {
            extra_ca_pem: (!ca.is_empty()).then(|| PathBuf::from(ca)),
            ..NetSettings::default()
        }
    }

    fn token(&self) -> ApiToken {
        ApiToken::new(self.token.expose().trim())
    }

    pub fn is_busy(&self) -> bool {
        self.connection.is_pending()
            || self.plan.is_pending()
            || self.receipt.is_pending()
            || self.pull.is_pending()
    }

    /// Connects and fetches the redirect URIs ONES expects for `doc`'s key.
    pub fn test_connection(&mut self, doc: &IntegrationDocument) {
        let (url, token, net, key) = (
            doc.ones_url.clone(),
            self.token(),
            self.net_settings(),
            doc.key(),
        );
        self.connection
            .request(&self.runtime, self.repaint.clone(), async move {
                let connection = connect(&url, token, &net).await?;
                let redirect_uris = connection.redirect_uris(&key).await?;
                let server = connection.server();
                Ok(ConnectionReport {
                    ones_url: server.base_url.clone(),
                    version: server.version.clone(),
                    redirect_uris,
                })
            });
    }

    /// Connects and plans the export of `doc`; the plan waits for confirmation.
    pub fn plan_export(&mut self, doc: &IntegrationDocument, today: NaiveDate) {
        self.receipt.clear();
        self.planned_for = Some(doc.clone());
        // Each plan is confirmed on its own, knowing what the checks say now.
        self.confirm_despite_checks = false;
        let doc = self.without_secrets_already_stored(doc);
        let (url, token, net) = (doc.ones_url.clone(), self.token(), self.net_settings());
        self.plan
            .request(&self.runtime, self.repaint.clone(), async move {
                let connection = connect(&url, token, &net).await?;
                let plan = connection.plan(&doc, today).await?;
                Ok((connection, plan))
            });
    }

    /// `doc` as the export should send it: a typed secret that is exactly the one the last
    /// verified export stored on this ONES server is left out ("keep the stored one"), so the
    /// plan shows no change when nothing changes.
    fn without_secrets_already_stored(&self, doc: &IntegrationDocument) -> IntegrationDocument {
        let mut doc = doc.clone();
        let Some(exported) = &self.exported else {
            return doc;
        };
        if !same_server(&exported.ones_url, &doc.ones_url) || exported.key != doc.key() {
            return doc;
        }
        let now = SentSecrets::of(&exported.ones_url, &doc);
        if now.server.is_some() && now.server == exported.server {
            doc.server_app.client_secret = Secret::default();
            doc.server_app.client_secret_in_ones = true;
        }
        if now.sso.is_some() && now.sso == exported.sso {
            doc.sso_app.client_secret = Secret::default();
            doc.sso_app.client_secret_in_ones = true;
        }
        doc
    }

    /// The document changed since the plan was made: the plan would not send what is on screen.
    pub fn plan_is_stale(&self, doc: &IntegrationDocument) -> bool {
        self.planned_for
            .as_ref()
            .is_some_and(|planned| planned != doc)
    }

    /// The last verified export stored exactly the value typed in the secret `field` of `doc`
    /// (same ONES server, same integration).
    pub fn stores_secret(&self, doc: &IntegrationDocument, field: crate::model::Field) -> bool {
        let Some(exported) = &self.exported else {
            return false;
        };
        if !same_server(&exported.ones_url, &doc.ones_url) || exported.key != doc.key() {
            return false;
        }
        let now = SentSecrets::of(&exported.ones_url, doc);
        match field {
            crate::model::Field::ServerClientSecret => {
                now.server.is_some() && now.server == exported.server
            }
            crate::model::Field::SsoClientSecret => now.sso.is_some() && now.sso == exported.sso,
            _ => false,
        }
    }

    /// The document changed since the export the receipt shows: ONES holds what the receipt
    /// lists, not what is on screen.
    pub fn receipt_is_stale(&self, doc: &IntegrationDocument) -> bool {
        // Whether ONES stores a secret is what the export itself changes in the document.
        let sent = |doc: &IntegrationDocument| {
            let mut doc = doc.clone();
            doc.server_app.client_secret_in_ones = false;
            doc.sso_app.client_secret_in_ones = false;
            doc
        };
        self.receipt.ready().is_some()
            && self
                .exported_from
                .as_ref()
                .is_some_and(|exported| sent(exported) != sent(doc))
    }

    /// Forgets the connection test, the plan, the receipt and the pull: they were about the
    /// document that was replaced (New, Open). The token, the CA file and what ONES is known to
    /// store (fingerprints per server and key) stay.
    pub fn forget_results(&mut self) {
        self.connection.clear();
        self.plan.clear();
        self.receipt.clear();
        self.pull.clear();
        self.sending = None;
        self.planned_for = None;
        self.exported_from = None;
    }

    /// The plan shown for confirmation, if one is ready and exportable.
    pub fn ready_plan(&self) -> Option<&ExportPlan> {
        match self.plan.ready() {
            Some(Ok((_, plan))) => Some(plan),
            _ => None,
        }
    }

    /// Sends the confirmed plan, then reads back and builds the receipt.
    pub fn confirm_export(&mut self) {
        let Some(Ok((connection, plan))) = self.plan.ready() else {
            return;
        };
        let (connection, plan) = (connection.clone(), plan.clone());
        let mut sending = SentSecrets::of(&plan.document.ones_url, &plan.document);
        // Secrets the plan keeps are the ones already stored: remember those too.
        if let Some(exported) = self.exported.as_ref().filter(|exported| {
            same_server(&exported.ones_url, &sending.ones_url) && exported.key == sending.key
        }) {
            sending.server = sending.server.or(exported.server);
            sending.sso = sending.sso.or(exported.sso);
        }
        self.sending = Some(sending);
        self.exported_from = self.planned_for.clone();
        self.receipt
            .request(&self.runtime, self.repaint.clone(), async move {
                let applied = connection.apply(&plan).await?;
                connection.verify(&plan, &applied).await
            });
        // The plan is spent: an export is planned again from scratch next time.
        self.plan.clear();
    }

    pub fn cancel_plan(&mut self) {
        self.plan.clear();
    }

    pub fn pull(&mut self, doc: &IntegrationDocument) {
        let (url, token, net, name) = (
            doc.ones_url.clone(),
            self.token(),
            self.net_settings(),
            doc.name.clone(),
        );
        self.pull
            .request(&self.runtime, self.repaint.clone(), async move {
                let connection = connect(&url, token, &net).await?;
                connection.pull(&name).await
            });
    }

    /// Polls every step and tells what landed this frame.
    pub fn poll(&mut self) -> Landed {
        let connected = self.connection.poll();
        let planned = self.plan.poll();
        let exported = self.receipt.poll();
        let mut stored_secrets = None;
        if exported {
            let sending = self.sending.take();
            if let Some(Ok(receipt)) = self.receipt.ready() {
                if receipt.is_verified() {
                    self.exported = sending;
                }
                stored_secrets = Some(
                    receipt
                        .secrets
                        .iter()
                        .filter(|secret| secret.stored)
                        .map(|secret| secret.field)
                        .collect(),
                );
            }
        }
        let pulled = self.pull.poll();
        Landed {
            connection: connected,
            plan: planned,
            receipt: exported,
            redirect_uris: match (connected, self.connection.ready()) {
                (true, Some(Ok(report))) => Some(report.redirect_uris.clone()),
                _ => None,
            },
            pulled: match (pulled, self.pull.ready()) {
                (true, Some(Ok(remote))) => Some(remote.clone()),
                _ => None,
            },
            stored_secrets,
        }
    }

    /// ONES's field-level complaints about the last plan or export, for the wizard's fields.
    pub fn field_messages(&self) -> Vec<(crate::model::Field, String)> {
        let plan_error = match self.plan.ready() {
            Some(Err(error)) => Some(error),
            _ => None,
        };
        let export_error = match self.receipt.ready() {
            Some(Err(error)) => Some(error),
            _ => None,
        };
        plan_error
            .into_iter()
            .chain(export_error)
            .flat_map(OnesError::field_messages)
            .collect()
    }
}

/// What arrived from ONES in one frame.
#[derive(Default)]
pub struct Landed {
    /// "Test connection" ended (answered or failed).
    pub connection: bool,
    /// Planning an export ended.
    pub plan: bool,
    /// An export ended: its receipt (or its failure) is there.
    pub receipt: bool,
    /// "Test connection" finished and ONES reported its redirect URIs.
    pub redirect_uris: Option<RedirectUris>,
    /// "Pull from ONES" finished with an integration.
    pub pulled: Option<RemoteIntegration>,
    /// An export finished: the secret fields ONES now reports as stored.
    pub stored_secrets: Option<Vec<crate::model::Field>>,
}
