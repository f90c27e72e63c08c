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

    /// The demo world follows the learner's integration: the redirect URIs ONES derives for
    /// `name` (on the ONES stand-in's address) are registered under Web in both demo apps of both
    /// clouds, beside the ones already there. Returns whether anything was added.
    pub fn follow_integration_name(&self, name: &str) -> bool {
        let Some(uris) = crate::redirect::derive_redirect_uris(self.ones.base_url(), name) else {
            return false;
        };
        let mut added = false;
        self.microsoft.update_config(|config| {
            for tenant in &mut config.tenants {
                for (client_id, uri) in [
                    (super::demo::DEMO_SERVER_CLIENT_ID, &uris.room),
                    (super::demo::DEMO_SSO_CLIENT_ID, &uris.sso),
                ] {
                    if let Some(app) = tenant.app_mut(client_id)
                        && !app.redirect_uris.iter().any(|known| &known.uri == uri)
                    {
                        app.redirect_uris.push(super::microsoft::RedirectUri {
                            uri: uri.clone(),
                            platform: super::microsoft::Platform::Web,
                        });
                        added = true;
                    }
                }
            }
        });
        added
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_world_follows_the_learners_name() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let demo = runtime.block_on(DemoServices::start()).unwrap();
        assert!(demo.follow_integration_name("Learner office"));
        assert!(
            !demo.follow_integration_name("Learner office"),
            "added once"
        );
        let uris =
            crate::redirect::derive_redirect_uris(demo.ones.base_url(), "Learner office").unwrap();
        demo.microsoft.update_config(|config| {
            for tenant in &mut config.tenants {
                let server = tenant
                    .app_mut(super::super::demo::DEMO_SERVER_CLIENT_ID)
                    .unwrap();
                assert!(server.redirect_uris.iter().any(|uri| uri.uri == uris.room));
                let sso = tenant
                    .app_mut(super::super::demo::DEMO_SSO_CLIENT_ID)
                    .unwrap();
                assert!(sso.redirect_uris.iter().any(|uri| uri.uri == uris.sso));
            }
        });
    }
}
