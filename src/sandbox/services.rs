//! Demo mode's simulated world: the stand-ins started in-process and the sample integration that
//! works against them, so an installer can practise the whole flow offline. No egui.

use super::demo::demo_document;
use super::microsoft::{MicrosoftStandIn, Running, StandInError, demo_config_for};
use crate::checks::Endpoints;
use crate::model::IntegrationDocument;

/// The running stand-ins of demo mode; dropping this stops them.
pub struct DemoServices {
    pub microsoft: Running,
    /// The ONES address the demo document uses.
    pub ones_url: String,
}

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("the simulated Microsoft could not start: {0}")]
    Microsoft(#[from] StandInError),
}

impl DemoServices {
    /// Starts the stand-ins on 127.0.0.1 (random ports). Must run inside a tokio runtime.
    pub async fn start() -> Result<Self, DemoError> {
        let ones_url = super::DEMO_ONES_URL.to_owned();
        let microsoft = MicrosoftStandIn::start(demo_config_for(&ones_url)).await?;
        Ok(Self {
            microsoft,
            ones_url,
        })
    }

    /// The sample integration, pre-filled so every check passes.
    pub fn document(&self) -> IntegrationDocument {
        demo_document(&self.ones_url)
    }

    /// Where the checks go in demo mode.
    pub fn endpoints(&self) -> Endpoints {
        self.microsoft.endpoints()
    }
}
