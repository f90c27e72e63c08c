//! A stand-in for Microsoft's login endpoints and Graph calendars of both clouds, on 127.0.0.1
//! (random ports): one listener per cloud, whose base URL is what
//! [`crate::checks::Endpoints::for_sandbox`] points at (Graph under `/graph`).
//!
//! It answers in Microsoft's shapes (docs/domain-facts.md §2.2–§2.6): OpenID discovery documents, token
//! successes and JSON error bodies with `error`, `error_description`, `error_codes`, `timestamp`,
//! `trace_id`, `correlation_id`, `error_uri` and the right HTTP status, and authorize pages — the
//! sign-in page or an error page with a `$Config={…}` blob. Like the real global host, the global
//! stand-in resolves tenants of the China cloud (pointing at the China host), while the China host
//! does not know global tenants.
//!
//! The delegated sign-in of the room test (submodule `delegated`): the sign-in page holds a form
//! for the tenant's simulated [`AccountConfig`]s (password, consent given or not, MFA required);
//! codes are bound to client, redirect URI and PKCE challenge, single use; refresh tokens; and
//! Graph's `users/{room}/calendar` and `calendarView` for [`RoomMailboxConfig`]s with a delegation
//! per account, answering errors in Graph's shape (`{"error": {"code", "message", "innerError"}}`).
//! Like Microsoft, it ignores the port of `http://localhost` redirect URIs.
//!
//! Tenants, apps and faults can be changed while it runs ([`RunningMicrosoft::update_config`],
//! [`RunningMicrosoft::set_fault`]). It stops when [`RunningMicrosoft`] is dropped.
//!
//! Layout: this file starts and stops the listeners and holds the shared state; `config` is the
//! model it answers from; `routes` the login answers (discovery, instance discovery, keys, token,
//! authorize checks, error shapes, faults); `delegated` the sign-in form, codes, refresh tokens
//! and Graph; `signing` the ID-token key. The demo tenant is in `sandbox/demo.rs`.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use axum::http::{HeaderMap, header};
use tokio::sync::watch;

use crate::checks::Endpoints;
use crate::cloud::CloudProfile;
use crate::model::Operator;
use routes::{KNOWN_INSTANCES, router};

mod config;
mod delegated;
mod graph;
mod routes;
mod signing;

pub use super::Fault;
pub use config::{
    AccountConfig, AppConfig, Delegation, MicrosoftConfig, Platform, RedirectUri,
    RoomMailboxConfig, SecretConfig, ServicePrincipal, TenantConfig,
};
pub use signing::KeyError;

/// The routes faults can be injected on (in both clouds).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Route {
    Discovery,
    Token,
    /// The sign-in page and its form.
    Authorize,
    /// Microsoft Graph (calendars).
    Graph,
}

impl Route {
    pub const ALL: [Route; 4] = [
        Route::Discovery,
        Route::Token,
        Route::Authorize,
        Route::Graph,
    ];
}

#[derive(Debug, thiserror::Error)]
pub enum MicrosoftStartError {
    #[error("the Microsoft stand-in can't listen on 127.0.0.1 ({0})")]
    Bind(#[source] std::io::Error),
    #[error(transparent)]
    Key(#[from] KeyError),
}

/// The stand-in; see [`MicrosoftStandIn::start`].
pub struct MicrosoftStandIn;

impl MicrosoftStandIn {
    /// Binds one listener per cloud on 127.0.0.1 (random ports) and serves until the returned
    /// [`RunningMicrosoft`] is dropped. Must be called inside a tokio runtime.
    pub async fn start(config: MicrosoftConfig) -> Result<RunningMicrosoft, MicrosoftStartError> {
        Self::start_on(config, 0, 0).await
    }

    /// [`MicrosoftStandIn::start`] on the given ports of 127.0.0.1 (0: any free port).
    pub async fn start_on(
        config: MicrosoftConfig,
        global_port: u16,
        china_port: u16,
    ) -> Result<RunningMicrosoft, MicrosoftStartError> {
        let global = tokio::net::TcpListener::bind(("127.0.0.1", global_port))
            .await
            .map_err(MicrosoftStartError::Bind)?;
        let china = tokio::net::TcpListener::bind(("127.0.0.1", china_port))
            .await
            .map_err(MicrosoftStartError::Bind)?;
        let base = |listener: &tokio::net::TcpListener| {
            listener
                .local_addr()
                .map(|address| format!("http://{address}"))
                .map_err(MicrosoftStartError::Bind)
        };
        // A 2048-bit RSA key takes a moment: made off the async threads.
        let signing = tokio::task::spawn_blocking(signing::SigningKey::generate)
            .await
            .map_err(|_| KeyError)??;
        let (shutdown, shutdown_signal) = watch::channel(false);
        let shared = Arc::new(Shared {
            signing,
            config: Mutex::new(config),
            delegated: Mutex::new(delegated::Issued::default()),
            faults: Mutex::new(HashMap::new()),
            requests: Mutex::new(HashMap::new()),
            global_base: base(&global)?,
            china_base: base(&china)?,
            next_id: AtomicU64::new(1),
            shutdown: shutdown_signal,
        });
        for (listener, cloud) in [(global, Operator::Microsoft), (china, Operator::Vianet21)] {
            let router = router(CloudState {
                cloud,
                shared: shared.clone(),
                addressed_by_name: false,
            });
            let mut stop = shared.shutdown.clone();
            tokio::spawn(async move {
                let stopped = async move {
                    let _ = stop.wait_for(|stopped| *stopped).await;
                };
                if let Err(error) = axum::serve(listener, router)
                    .with_graceful_shutdown(stopped)
                    .await
                {
                    tracing::warn!("the Microsoft stand-in stopped: {error}");
                }
            });
        }
        Ok(RunningMicrosoft { shared, shutdown })
    }
}

/// A running stand-in. Dropping it stops both listeners (hanging requests end too).
pub struct RunningMicrosoft {
    shared: Arc<Shared>,
    shutdown: watch::Sender<bool>,
}

impl std::fmt::Debug for RunningMicrosoft {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RunningMicrosoft")
            .field("global_base", &self.shared.global_base)
            .field("china_base", &self.shared.china_base)
            .finish()
    }
}

impl RunningMicrosoft {
    /// `http://127.0.0.1:PORT` of the global cloud (login; Graph at `/graph`).
    pub fn global_base(&self) -> &str {
        &self.shared.global_base
    }

    /// `http://127.0.0.1:PORT` of the 21Vianet cloud.
    pub fn china_base(&self) -> &str {
        &self.shared.china_base
    }

    /// Endpoints that point the checks at this stand-in (marked overridden).
    pub fn endpoints(&self) -> Endpoints {
        // Both bases are loopback http URLs built above; they always pass the endpoint rules.
        Endpoints::for_sandbox(self.global_base(), self.china_base())
            .unwrap_or_else(|_| Endpoints::microsoft())
    }

    /// The environment variables that point `ones-m365` at this stand-in.
    pub fn env_vars(&self) -> [(&'static str, String); 4] {
        let endpoints = self.endpoints();
        [
            (
                crate::checks::endpoints::LOGIN_GLOBAL_ENV,
                endpoints.global.login,
            ),
            (
                crate::checks::endpoints::LOGIN_CHINA_ENV,
                endpoints.china.login,
            ),
            (
                crate::checks::endpoints::GRAPH_GLOBAL_ENV,
                endpoints.global.graph,
            ),
            (
                crate::checks::endpoints::GRAPH_CHINA_ENV,
                endpoints.china.graph,
            ),
        ]
    }

    /// Injects `fault` on `route` in both clouds (replacing any earlier fault there).
    pub fn set_fault(&self, route: Route, fault: Fault) {
        lock(&self.shared.faults).insert(route, fault);
    }

    pub fn clear_fault(&self, route: Route) {
        lock(&self.shared.faults).remove(&route);
    }

    pub fn clear_faults(&self) {
        lock(&self.shared.faults).clear();
    }

    /// Changes tenants and apps while running.
    pub fn update_config(&self, change: impl FnOnce(&mut MicrosoftConfig)) {
        change(&mut lock(&self.shared.config));
    }

    /// Every authorization code, access (delegated and app-only), refresh and ID token issued so
    /// far — for tests that prove none of them reached an output, a log or a report.
    pub fn issued_credentials(&self) -> Vec<String> {
        lock(&self.shared.delegated).all_values()
    }

    /// How many requests `route` received (both clouds).
    pub fn requests(&self, route: Route) -> usize {
        lock(&self.shared.requests)
            .get(&route)
            .copied()
            .unwrap_or(0)
    }
}

impl Drop for RunningMicrosoft {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
    }
}

struct Shared {
    /// Signs ID tokens; its public half is served at the discovery document's `jwks_uri`.
    signing: signing::SigningKey,
    config: Mutex<MicrosoftConfig>,
    /// Codes and tokens of the delegated sign-in.
    delegated: Mutex<delegated::Issued>,
    faults: Mutex<HashMap<Route, Fault>>,
    requests: Mutex<HashMap<Route, usize>>,
    global_base: String,
    china_base: String,
    next_id: AtomicU64,
    shutdown: watch::Receiver<bool>,
}

impl Shared {
    fn base(&self, cloud: Operator) -> &str {
        match cloud {
            Operator::Microsoft => &self.global_base,
            Operator::Vianet21 => &self.china_base,
        }
    }

    /// A fresh GUID-shaped id for trace and correlation IDs.
    fn new_id(&self) -> String {
        let n = self.next_id.fetch_add(1, Ordering::Relaxed);
        format!(
            "5a4d0000-{:04x}-4000-8000-{n:012x}",
            std::process::id() & 0xffff
        )
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[derive(Clone)]
struct CloudState {
    cloud: Operator,
    shared: Arc<Shared>,
    /// The request named one of this cloud's real login hosts in `Host` (a client that maps
    /// Microsoft's names to the stand-in, such as MSAL with its own `http_client`): URLs in the
    /// answer use the real names over https, as Microsoft's own answers do.
    addressed_by_name: bool,
}

impl CloudState {
    /// This state for a request with `headers`.
    fn addressed(&self, headers: &HeaderMap) -> Self {
        let host = headers
            .get(header::HOST)
            .and_then(|value| value.to_str().ok())
            .map(|host| host.split(':').next().unwrap_or(host).to_ascii_lowercase())
            .unwrap_or_default();
        let real_login = url::Url::parse(CloudProfile::for_operator(self.cloud).login_base)
            .ok()
            .and_then(|url| url.host_str().map(str::to_owned))
            .unwrap_or_default();
        let addressed_by_name = KNOWN_INSTANCES
            .iter()
            .find(|(_, _, aliases)| aliases.contains(&real_login.as_str()))
            .is_some_and(|(_, _, aliases)| aliases.contains(&host.as_str()));
        Self {
            cloud: self.cloud,
            shared: self.shared.clone(),
            addressed_by_name,
        }
    }

    /// The login base of `cloud` for URLs in an answer: the stand-in's own address, or the real
    /// host when the request was addressed by name.
    fn login_base(&self, cloud: Operator) -> String {
        if self.addressed_by_name {
            CloudProfile::for_operator(cloud).login_base.to_owned()
        } else {
            self.shared.base(cloud).to_owned()
        }
    }
}
