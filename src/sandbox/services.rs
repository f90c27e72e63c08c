//! Demo mode's simulated world: the stand-ins started in-process — a ONES server and Microsoft of
//! both clouds, wired to each other's addresses — and the sample integration that works against
//! them, so an installer can practise the whole flow offline. No egui.

use super::demo::demo_config_for;
use super::demo::demo_document;
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

    /// The API token the simulated ONES accepts.
    pub fn ones_token(&self) -> &'static str {
        DEMO_TOKEN
    }
}
