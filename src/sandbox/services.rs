//! Demo mode's simulated world: the stand-ins started in-process — a ONES server and Microsoft of
//! both clouds, wired to each other's addresses — and the sample integration that works against
//! them, so an installer can practise the whole flow offline. No egui.

use super::demo::demo_config_for;
use super::demo::{DEMO_SERVER_CLIENT_ID, DEMO_SSO_CLIENT_ID, demo_document};
use super::microsoft::{MicrosoftStandIn, MicrosoftStartError, RunningMicrosoft};
use super::ones::{DEMO_TOKEN, OnesConfig, OnesStandIn, OnesStartError, RunningOnes};
use crate::checks::Endpoints;
use crate::model::IntegrationDocument;

/// The running stand-ins of demo mode; dropping this stops them.
pub struct DemoServices {
    pub microsoft: RunningMicrosoft,
    pub ones: RunningOnes,
}

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("the simulated Microsoft could not start: {0}")]
    Microsoft(#[from] MicrosoftStartError),
    #[error("the simulated ONES server could not start: {0}")]
    Ones(#[from] OnesStartError),
}

impl DemoServices {
    /// Starts the stand-ins on 127.0.0.1 (random ports). Must run inside a tokio runtime.
    pub async fn start() -> Result<Self, DemoError> {
        Self::start_on(None).await
    }

    /// [`DemoServices::start`] on fixed ports: ONES on `first_port`, Microsoft's global cloud on
    /// the next port and the 21Vianet cloud on the one after (`None`: any free ports).
    pub async fn start_on(first_port: Option<u16>) -> Result<Self, DemoError> {
        // The demo token opens only the stand-in in this process; the banner shows it.
        crate::redact::declare_public(DEMO_TOKEN);
        let port = |offset: u16| first_port.map_or(0, |first| first.saturating_add(offset));
        let ones = OnesStandIn::start_on(OnesConfig::demo(), port(0)).await?;
        // Microsoft registers the redirect URIs of the ONES stand-in's own address.
        let microsoft =
            MicrosoftStandIn::start_on(demo_config_for(ones.base_url()), port(1), port(2)).await?;
        Ok(Self { microsoft, ones })
    }

    /// The sample integration, pre-filled so every check passes and the export goes through.
    pub fn document(&self) -> IntegrationDocument {
        demo_document(self.ones.base_url())
    }

    /// Where the checks go in demo mode.
    pub fn endpoints(&self) -> Endpoints {
        self.microsoft.endpoints()
    }

    /// The demo world follows the name the learner types: the demo apps get the redirect URIs the
    /// simulated ONES shows for `name` registered (as an installer registers them in the portal),
    /// besides the sample's. A name that gives no URIs changes nothing.
    pub fn follow_name(&self, name: &str) {
        let Some(uris) = crate::redirect::derive_redirect_uris(self.ones.base_url(), name) else {
            return;
        };
        self.microsoft.update_config(|config| {
            for app in config
                .tenants
                .iter_mut()
                .flat_map(|tenant| tenant.apps.iter_mut())
            {
                let uri = match app.client_id.as_str() {
                    DEMO_SERVER_CLIENT_ID => &uris.room,
                    DEMO_SSO_CLIENT_ID => &uris.sso,
                    _ => continue,
                };
                if !app.redirect_uris.iter().any(|known| known.uri == *uri) {
                    app.redirect_uris.push(super::microsoft::RedirectUri {
                        uri: uri.clone(),
                        platform: super::microsoft::Platform::Web,
                    });
                }
            }
        });
    }

    /// The API token the simulated ONES accepts.
    pub fn ones_token(&self) -> &'static str {
        DEMO_TOKEN
    }
}
