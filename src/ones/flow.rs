//! The export as separate async steps, so a GUI can show progress and ask for confirmation
//! between planning and applying:
//!
//! 1. [`connect`] — check the address and token (`…/system/v1/information`);
//! 2. [`Connection::plan`] — fetch the redirect URIs and the stored integration, and compute the
//!    field-by-field [`ExportPlan`] (pure once fetched: [`ExportPlan::new`]);
//! 3. [`Connection::apply`] — PUT with `If-Match` (or `If-None-Match: *` for a new integration);
//!    nothing is sent when the plan changes nothing;
//! 4. [`Connection::verify`] — read back, compare every field, and return the [`Receipt`].
//!
//! No step changes the caller's document, and a failed step leaves ONES as it was (the PUT is one
//! conditional request), so nothing is lost when any step fails. [`Connection::pull`] reads an
//! integration back into a document.

use chrono::{NaiveDate, Utc};

use super::client::{OnesClient, Precondition, RemoteIntegration, ServerInfo};
use super::contract::RedirectUris;
use super::error::OnesError;
use super::plan::{Applied, ExportOutcome, ExportPlan};
use super::receipt::Receipt;
use super::token::ApiToken;
use crate::model::{IntegrationDocument, integration_key};
use crate::net::NetSettings;

/// A checked connection to one ONES server with one API token. Cheap to clone, so a GUI can move
/// a copy into each background task.
#[derive(Clone, Debug)]
pub struct Connection {
    client: OnesClient,
    server: ServerInfo,
}

/// Step 1: checks the address (https, or http to loopback only — refused before anything is sent)
/// and proves the token with the system information endpoint.
pub async fn connect(
    ones_url: &str,
    token: ApiToken,
    net: &NetSettings,
) -> Result<Connection, OnesError> {
    let client = OnesClient::new(ones_url, token, net)?;
    let server = client.information().await?;
    Ok(Connection { client, server })
}

impl Connection {
    pub fn server(&self) -> &ServerInfo {
        &self.server
    }

    pub fn client(&self) -> &OnesClient {
        &self.client
    }

    /// The redirect URIs this ONES server uses for the integration `key` (whether or not it
    /// exists yet) — they replace the derived ones in the wizard.
    pub async fn redirect_uris(&self, key: &str) -> Result<RedirectUris, OnesError> {
        self.client.redirect_uris(key).await
    }

    /// Step 2: fetches what ONES has and plans the export of `doc`. `today` is the date the
    /// document is validated against.
    pub async fn plan(
        &self,
        doc: &IntegrationDocument,
        today: NaiveDate,
    ) -> Result<ExportPlan, OnesError> {
        let key = doc.key();
        let (redirect_uris, remote) = tokio::try_join!(
            self.client.redirect_uris(&key),
            self.client.get_integration(&key)
        )?;
        Ok(ExportPlan::new(
            doc,
            &self.server.base_url,
            redirect_uris,
            remote,
            today,
        ))
    }

    /// Step 3: sends the plan (after the user confirmed it). Refuses a blocked plan; sends nothing
    /// when the plan changes nothing. A 409 means someone changed the integration after `plan`:
    /// nothing was overwritten — plan again.
    pub async fn apply(&self, plan: &ExportPlan) -> Result<Applied, OnesError> {
        if plan.is_blocked() {
            return Err(OnesError::Blocked {
                problems: plan.problems.clone(),
            });
        }
        let precondition = match &plan.remote {
            Some(remote) if !plan.has_changes() => {
                return Ok(Applied {
                    outcome: ExportOutcome::NothingToSend,
                    stored: remote.clone(),
                });
            }
            Some(remote) => Precondition::Replace {
                etag: remote.etag.clone(),
            },
            None => Precondition::Create,
        };
        let answer = self
            .client
            .put_integration(&plan.key, &plan.document, &precondition)
            .await?;
        let outcome = match &plan.remote {
            _ if answer.created => ExportOutcome::Created,
            Some(remote) if remote.etag == answer.stored.etag => ExportOutcome::Unchanged,
            _ => ExportOutcome::Updated,
        };
        Ok(Applied {
            outcome,
            stored: answer.stored,
        })
    }

    /// Step 4: reads the integration back and compares every non-secret field with what was sent;
    /// secrets must be reported as set with the document's expiry. Mismatches are in the receipt
    /// ([`Receipt::is_verified`]); only a failed read is an error.
    pub async fn verify(&self, plan: &ExportPlan, applied: &Applied) -> Result<Receipt, OnesError> {
        let read = self
            .client
            .get_integration(&plan.key)
            .await?
            .ok_or_else(|| OnesError::IntegrationNotFound {
                key: plan.key.clone(),
            })?;
        Ok(Receipt::compare(
            plan,
            applied,
            &read,
            &self.server,
            Utc::now(),
        ))
    }

    /// Reads the integration called `name` (any spelling that gives the same key) back from ONES.
    /// Its document has no secret values; see the stored-secret states.
    pub async fn pull(&self, name: &str) -> Result<RemoteIntegration, OnesError> {
        let key = integration_key(name);
        self.client
            .get_integration(&key)
            .await?
            .ok_or(OnesError::IntegrationNotFound { key })
    }
}
