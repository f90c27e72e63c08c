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
//! Tenants, apps and faults can be changed while it runs ([`Running::update_config`],
//! [`Running::set_fault`]). It stops when [`Running`] is dropped.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use base64::Engine as _;
use serde_json::{Value, json};
use tokio::sync::watch;

use super::demo::{
    DEMO_CHINA_TENANT_DOMAIN, DEMO_CHINA_TENANT_ID, DEMO_EXPIRED_SERVER_SECRET, DEMO_MFA_ACCOUNT,
    DEMO_NAME, DEMO_NO_CONSENT_ACCOUNT, DEMO_ONES_URL, DEMO_ROOM_ACCOUNT, DEMO_ROOM_PASSWORD,
    DEMO_SERVER_CLIENT_ID, DEMO_SERVER_SECRET, DEMO_SSO_CLIENT_ID, DEMO_SSO_SECRET,
    DEMO_TENANT_DOMAIN, DEMO_TENANT_ID,
};
use crate::checks::Endpoints;
use crate::cloud::CloudProfile;
use crate::model::Operator;
use crate::model::validation::{is_domain, is_guid};
use crate::redirect::derive_redirect_uris;

mod delegated;
mod signing;

pub use signing::KeyError;

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

    pub fn account_mut(&mut self, username: &str) -> Option<&mut AccountConfig> {
        self.accounts
            .iter_mut()
            .find(|account| account.username.eq_ignore_ascii_case(username))
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
    fn find_tenant(&self, key: &str) -> Option<&TenantConfig> {
        self.tenants.iter().find(|tenant| {
            tenant.id.eq_ignore_ascii_case(key)
                || tenant
                    .domains
                    .iter()
                    .any(|domain| domain.eq_ignore_ascii_case(key))
        })
    }
}

/// The demo configuration for [`super::DEMO_ONES_URL`]; see [`demo_config_for`].
pub fn demo_config() -> MicrosoftConfig {
    demo_config_for(DEMO_ONES_URL)
}

/// The tenants and apps [`super::demo_document`]`(ones_url)` passes every check against: the demo
/// tenant (global) with both apps, their secrets and the redirect URIs derived from `ones_url`
/// under Web, and a 21Vianet tenant with the same apps for trying the wrong-operator check.
///
/// For the room test, the server app also has `http://localhost` under Web, and each tenant has
/// the demo accounts (password [`super::DEMO_ROOM_PASSWORD`]): [`super::DEMO_ROOM_ACCOUNT`]
/// (consent given, no MFA), [`super::DEMO_MFA_ACCOUNT`] (MFA required) and
/// [`super::DEMO_NO_CONSENT_ACCOUNT`] (consent missing); and the rooms `room-101` and `room-102`
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

/// A misbehaviour of one route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Answer normally after this delay.
    Latency(Duration),
    /// Never answer (until the stand-in stops).
    Hang,
    /// HTTP 500 with an HTML body.
    ServerError,
    /// HTTP 200 with truncated JSON (or HTML without a `$Config` on the authorize route).
    Malformed,
    /// Start a 200 answer, then close the connection mid-body.
    ConnectionClosed,
}

#[derive(Debug, thiserror::Error)]
pub enum StandInError {
    #[error("the Microsoft stand-in can't listen on 127.0.0.1 ({0})")]
    Bind(#[source] std::io::Error),
    #[error(transparent)]
    Key(#[from] KeyError),
}

/// The stand-in; see [`MicrosoftStandIn::start`].
pub struct MicrosoftStandIn;

impl MicrosoftStandIn {
    /// Binds one listener per cloud on 127.0.0.1 (random ports) and serves until the returned
    /// [`Running`] is dropped. Must be called inside a tokio runtime.
    pub async fn start(config: MicrosoftConfig) -> Result<Running, StandInError> {
        Self::start_on(config, 0, 0).await
    }

    /// [`MicrosoftStandIn::start`] on the given ports of 127.0.0.1 (0: any free port).
    pub async fn start_on(
        config: MicrosoftConfig,
        global_port: u16,
        china_port: u16,
    ) -> Result<Running, StandInError> {
        let global = tokio::net::TcpListener::bind(("127.0.0.1", global_port))
            .await
            .map_err(StandInError::Bind)?;
        let china = tokio::net::TcpListener::bind(("127.0.0.1", china_port))
            .await
            .map_err(StandInError::Bind)?;
        let base = |listener: &tokio::net::TcpListener| {
            listener
                .local_addr()
                .map(|address| format!("http://{address}"))
                .map_err(StandInError::Bind)
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
        Ok(Running { shared, shutdown })
    }
}

/// A running stand-in. Dropping it stops both listeners (hanging requests end too).
pub struct Running {
    shared: Arc<Shared>,
    shutdown: watch::Sender<bool>,
}

impl std::fmt::Debug for Running {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Running")
            .field("global_base", &self.shared.global_base)
            .field("china_base", &self.shared.china_base)
            .finish()
    }
}

impl Running {
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

    /// Every authorization code, access, refresh and ID token issued so far — for tests that
    /// prove none of them reached an output, a log or a report.
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

impl Drop for Running {
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

fn router(state: CloudState) -> Router {
    Router::new()
        .route(
            "/{tenant}/v2.0/.well-known/openid-configuration",
            get(discovery),
        )
        .route("/{tenant}/discovery/v2.0/keys", get(keys))
        .route("/common/discovery/instance", get(instance_discovery))
        .route("/{tenant}/oauth2/v2.0/token", post(token))
        .route(
            "/{tenant}/oauth2/v2.0/authorize",
            get(authorize).post(delegated::sign_in_form),
        )
        .route(
            "/graph/v1.0/users/{user}/calendar",
            get(delegated::graph_calendar),
        )
        .route(
            "/graph/v1.0/users/{user}/calendarView",
            get(delegated::graph_calendar_view),
        )
        .with_state(state)
}

/// Counts the request and applies the route's fault; `Some` replaces the normal answer.
async fn fault_gate(state: &CloudState, route: Route) -> Option<Response> {
    *lock(&state.shared.requests).entry(route).or_default() += 1;
    let fault = lock(&state.shared.faults).get(&route).copied();
    match fault? {
        Fault::Latency(delay) => {
            tokio::time::sleep(delay).await;
            None
        }
        Fault::Hang => {
            let mut stop = state.shared.shutdown.clone();
            let _ =
                tokio::time::timeout(Duration::from_secs(600), stop.wait_for(|stopped| *stopped))
                    .await;
            Some(StatusCode::SERVICE_UNAVAILABLE.into_response())
        }
        Fault::ServerError => Some(
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                [(header::CONTENT_TYPE, "text/html")],
                "<html><body>Internal Server Error</body></html>",
            )
                .into_response(),
        ),
        Fault::Malformed if route == Route::Authorize => Some(
            (
                [(header::CONTENT_TYPE, "text/html")],
                "<html><body>Something else entirely</body></html>",
            )
                .into_response(),
        ),
        Fault::Malformed => Some(
            (
                [(header::CONTENT_TYPE, "application/json")],
                "{\"token_type\": \"Bearer\", \"expires_in\": 35",
            )
                .into_response(),
        ),
        Fault::ConnectionClosed => {
            let chunks: Vec<Result<Bytes, std::io::Error>> = vec![
                Ok(Bytes::from_static(
                    b"{\"token_type\":\"Bearer\",\"expires_in\":3599,",
                )),
                Err(std::io::Error::new(
                    std::io::ErrorKind::ConnectionReset,
                    "injected connection close",
                )),
            ];
            let mut response = Response::new(Body::from_stream(futures_util::stream::iter(chunks)));
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            Some(response)
        }
    }
}

/// One Microsoft JSON error answer.
struct MsError {
    status: StatusCode,
    error: &'static str,
    code: u64,
    description: String,
}

impl MsError {
    fn new(
        status: StatusCode,
        error: &'static str,
        code: u64,
        description: impl Into<String>,
    ) -> Self {
        Self {
            status,
            error,
            code,
            description: description.into(),
        }
    }

    fn into_response(self, state: &CloudState) -> Response {
        let trace_id = state.shared.new_id();
        let correlation_id = state.shared.new_id();
        let timestamp = chrono::Utc::now().format("%Y-%m-%d %H:%M:%SZ").to_string();
        let login = CloudProfile::for_operator(state.cloud).login_base;
        let body = json!({
            "error": self.error,
            "error_description": format!(
                "AADSTS{}: {}\r\nTrace ID: {trace_id}\r\nCorrelation ID: {correlation_id}\r\nTimestamp: {timestamp}",
                self.code, self.description
            ),
            "error_codes": [self.code],
            "timestamp": timestamp,
            "trace_id": trace_id,
            "correlation_id": correlation_id,
            "error_uri": format!("{login}/error?code={}", self.code),
        });
        let mut response = login_json(self.status, &body, NO_STORE);
        if let Ok(value) = HeaderValue::from_str(&trace_id) {
            response.headers_mut().insert("x-ms-request-id", value);
        }
        response
    }
}

/// `Cache-Control` of token answers and errors (with `Pragma: no-cache`), as Microsoft sends it.
const NO_STORE: &str = "no-store, no-cache";
/// `Cache-Control` of discovery documents and keys.
const CACHEABLE: &str = "max-age=86400, private";

/// A JSON answer of the login endpoints: `application/json; charset=utf-8` and `cache_control`.
fn login_json(status: StatusCode, body: &Value, cache_control: &'static str) -> Response {
    let mut response = (status, body.to_string()).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control),
    );
    if cache_control == NO_STORE {
        headers.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
        headers.insert(header::EXPIRES, HeaderValue::from_static("-1"));
    }
    response
}

fn tenant_not_found(tenant: &str) -> MsError {
    MsError::new(
        StatusCode::BAD_REQUEST,
        "invalid_tenant",
        90002,
        format!(
            "Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into \
             the correct cloud. Check with your subscription administrator, this may happen if there are no active \
             subscriptions for the tenant."
        ),
    )
}

fn tenant_malformed(tenant: &str) -> MsError {
    MsError::new(
        StatusCode::BAD_REQUEST,
        "invalid_request",
        900023,
        format!(
            "Specified tenant identifier '{tenant}' is neither a valid DNS name, nor a valid external domain."
        ),
    )
}

/// The tenant `key` names, as this cloud's host sees it.
fn lookup_tenant(
    config: &MicrosoftConfig,
    key: &str,
    cloud: Operator,
) -> Result<TenantConfig, MsError> {
    let key = key.trim();
    match config.find_tenant(key) {
        Some(tenant) if tenant.cloud == cloud => Ok(tenant.clone()),
        _ if is_guid(key) || is_domain(key) => Err(tenant_not_found(key)),
        _ => Err(tenant_malformed(key)),
    }
}

async fn discovery(
    State(state): State<CloudState>,
    Path(tenant): Path<String>,
    headers: HeaderMap,
) -> Response {
    if let Some(response) = fault_gate(&state, Route::Discovery).await {
        return response;
    }
    let state = state.addressed(&headers);
    let config = lock(&state.shared.config).clone();
    let found = match config.find_tenant(tenant.trim()) {
        // The global host also resolves tenants of the China cloud (pointing at the China host).
        Some(found) if found.cloud == state.cloud || state.cloud == Operator::Microsoft => {
            found.clone()
        }
        _ => {
            return lookup_tenant(&config, &tenant, state.cloud)
                .err()
                .unwrap_or_else(|| tenant_not_found(&tenant))
                .into_response(&state);
        }
    };
    let login = state.login_base(found.cloud);
    let profile = CloudProfile::for_operator(found.cloud);
    let legacy = LegacyHosts::of(found.cloud);
    let id = &found.id;
    let body = json!({
        "token_endpoint": format!("{login}/{id}/oauth2/v2.0/token"),
        "token_endpoint_auth_methods_supported": ["client_secret_post", "private_key_jwt", "client_secret_basic"],
        "jwks_uri": format!("{login}/{id}/discovery/v2.0/keys"),
        "response_modes_supported": ["query", "fragment", "form_post"],
        "subject_types_supported": ["pairwise"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "response_types_supported": ["code", "id_token", "code id_token", "id_token token"],
        "scopes_supported": ["openid", "profile", "email", "offline_access"],
        "issuer": format!("{login}/{id}/v2.0"),
        "request_uri_parameter_supported": false,
        "userinfo_endpoint": format!("{}/oidc/userinfo", profile.graph_base),
        "authorization_endpoint": format!("{login}/{id}/oauth2/v2.0/authorize"),
        "device_authorization_endpoint": format!("{login}/{id}/oauth2/v2.0/devicecode"),
        "http_logout_supported": true,
        "frontchannel_logout_supported": true,
        "end_session_endpoint": format!("{login}/{id}/oauth2/v2.0/logout"),
        "claims_supported": [
            "sub", "iss", "cloud_instance_name", "cloud_instance_host_name", "cloud_graph_host_name",
            "msgraph_host", "aud", "exp", "iat", "auth_time", "acr", "nonce", "preferred_username",
            "name", "tid", "ver", "at_hash", "c_hash", "email"
        ],
        "kerberos_endpoint": format!("{login}/{id}/kerberos"),
        "tenant_region_scope": if found.cloud == Operator::Vianet21 { "AS" } else { "EU" },
        "cloud_instance_name": profile.cloud_instance_name,
        "cloud_graph_host_name": legacy.graph_host,
        "msgraph_host": profile.graph_base.trim_start_matches("https://"),
        "rbac_url": legacy.rbac_url,
    });
    login_json(StatusCode::OK, &body, CACHEABLE)
}

/// The hosts a cloud's discovery document names besides login and Microsoft Graph.
struct LegacyHosts {
    /// `cloud_graph_host_name`: Azure AD Graph.
    graph_host: &'static str,
    rbac_url: &'static str,
}

impl LegacyHosts {
    fn of(cloud: Operator) -> Self {
        match cloud {
            Operator::Microsoft => Self {
                graph_host: "graph.windows.net",
                rbac_url: "https://pas.windows.net",
            },
            Operator::Vianet21 => Self {
                graph_host: "graph.chinacloudapi.cn",
                rbac_url: "https://pas.chinacloudapi.cn",
            },
        }
    }
}

/// `GET {tenant}/discovery/v2.0/keys`: the public key ID tokens are signed with.
async fn keys(
    State(state): State<CloudState>,
    Path(tenant): Path<String>,
    headers: HeaderMap,
) -> Response {
    if let Some(response) = fault_gate(&state, Route::Discovery).await {
        return response;
    }
    let state = state.addressed(&headers);
    let config = lock(&state.shared.config).clone();
    let issuer = match lookup_tenant(&config, &tenant, state.cloud) {
        Ok(found) => issuer(&state, &found.id),
        // Microsoft serves the keys for `common` and any tenant alike.
        Err(_) => format!("{}/{{tenantid}}/v2.0", state.login_base(state.cloud)),
    };
    login_json(
        StatusCode::OK,
        &state.shared.signing.jwks(&issuer),
        CACHEABLE,
    )
}

/// The `iss` of this cloud's tokens for tenant `id` (the discovery document's `issuer`).
fn issuer(state: &CloudState, id: &str) -> String {
    format!("{}/{id}/v2.0", state.login_base(state.cloud))
}

/// The login hosts of each cloud as instance discovery lists them: `(preferred_network,
/// preferred_cache, aliases)`.
const KNOWN_INSTANCES: &[(&str, &str, &[&str])] = &[
    (
        "login.microsoftonline.com",
        "login.windows.net",
        &[
            "login.microsoftonline.com",
            "login.windows.net",
            "login.microsoft.com",
            "sts.windows.net",
        ],
    ),
    (
        "login.partner.microsoftonline.cn",
        "login.partner.microsoftonline.cn",
        &["login.partner.microsoftonline.cn", "login.chinacloudapi.cn"],
    ),
    (
        "login.microsoftonline.us",
        "login.microsoftonline.us",
        &["login.microsoftonline.us", "login.usgovcloudapi.net"],
    ),
];

/// `GET /common/discovery/instance?api-version=…&authorization_endpoint=…`: where the tenant
/// discovery document of an authority is, and each cloud's host aliases — or `invalid_instance`
/// (AADSTS50049) for a host Microsoft does not know. The stand-in also knows itself.
async fn instance_discovery(
    State(state): State<CloudState>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    if let Some(response) = fault_gate(&state, Route::Discovery).await {
        return response;
    }
    let Some(endpoint) = query.get("authorization_endpoint") else {
        return MsError::new(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            900144,
            "The request body must contain the following parameter: 'authorization_endpoint'.",
        )
        .into_response(&state);
    };
    let unknown = || {
        MsError::new(
            StatusCode::BAD_REQUEST,
            "invalid_instance",
            50049,
            "Unknown or invalid instance.",
        )
    };
    let Ok(url) = url::Url::parse(endpoint) else {
        return unknown().into_response(&state);
    };
    let host = url.host_str().unwrap_or("").to_ascii_lowercase();
    let authority = match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.clone(),
    };
    let own = [
        state.shared.global_base.as_str(),
        state.shared.china_base.as_str(),
    ]
    .iter()
    .any(|base| base.trim_start_matches("http://") == authority);
    let known = own
        || KNOWN_INSTANCES
            .iter()
            .any(|(_, _, aliases)| aliases.contains(&host.as_str()));
    let tenant = url
        .path_segments()
        .and_then(|mut segments| segments.next())
        .filter(|tenant| !tenant.is_empty());
    let (true, Some(tenant)) = (known, tenant) else {
        return unknown().into_response(&state);
    };
    let mut metadata: Vec<Value> = KNOWN_INSTANCES
        .iter()
        .map(|(network, cache, aliases)| {
            json!({ "preferred_network": network, "preferred_cache": cache, "aliases": aliases })
        })
        .collect();
    if own {
        metadata.push(json!({
            "preferred_network": authority,
            "preferred_cache": authority,
            "aliases": [authority],
        }));
    }
    let body = json!({
        "tenant_discovery_endpoint": format!(
            "{}://{authority}/{tenant}/v2.0/.well-known/openid-configuration",
            url.scheme()
        ),
        "api-version": query.get("api-version").map_or("1.1", String::as_str),
        "metadata": metadata,
    });
    login_json(StatusCode::OK, &body, CACHEABLE)
}

async fn token(
    State(state): State<CloudState>,
    Path(tenant): Path<String>,
    headers: HeaderMap,
    Form(mut form): Form<HashMap<String, String>>,
) -> Response {
    if let Some(response) = fault_gate(&state, Route::Token).await {
        return response;
    }
    let state = state.addressed(&headers);
    if let Err(error) = take_basic_auth(&headers, &mut form) {
        return error.into_response(&state);
    }
    let config = lock(&state.shared.config).clone();
    match token_answer(&state, &config, &tenant, &form) {
        Ok(body) => login_json(StatusCode::OK, &body, NO_STORE),
        Err(error) => error.into_response(&state),
    }
}

/// `client_secret_basic`: `Authorization: Basic base64(urlencode(id):urlencode(secret))` (RFC
/// 6749 §2.3.1) becomes the form's `client_id` and `client_secret`, as if sent with
/// `client_secret_post`. A client ID in the form that differs from the header's is refused.
fn take_basic_auth(headers: &HeaderMap, form: &mut HashMap<String, String>) -> Result<(), MsError> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Ok(());
    };
    let invalid = || {
        MsError::new(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            7000216,
            "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type.",
        )
    };
    let encoded = value
        .to_str()
        .ok()
        .and_then(|value| value.strip_prefix("Basic "))
        .ok_or_else(invalid)?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .ok_or_else(invalid)?;
    let (id, secret) = decoded.split_once(':').ok_or_else(invalid)?;
    let unescape = |text: &str| {
        url::form_urlencoded::parse(format!("x={text}").as_bytes())
            .next()
            .map(|(_, value)| value.into_owned())
            .unwrap_or_default()
    };
    let (id, secret) = (unescape(id), unescape(secret));
    if let Some(sent) = form.get("client_id").filter(|sent| !sent.is_empty())
        && !sent.eq_ignore_ascii_case(&id)
    {
        return Err(MsError::new(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            700021,
            "The client_id in the request body does not match the client_id in the Authorization header.",
        ));
    }
    form.insert("client_id".to_owned(), id);
    form.insert("client_secret".to_owned(), secret);
    Ok(())
}

/// Whether the request carries a client credential (a confidential client).
fn is_confidential(form: &HashMap<String, String>) -> bool {
    ["client_secret", "client_assertion"]
        .iter()
        .any(|name| form.get(*name).is_some_and(|value| !value.is_empty()))
}

fn token_answer(
    state: &CloudState,
    config: &MicrosoftConfig,
    tenant: &str,
    form: &HashMap<String, String>,
) -> Result<Value, MsError> {
    let field = |name: &str| {
        form.get(name)
            .map(|value| value.as_str())
            .filter(|value| !value.is_empty())
    };
    // The global host resolves a sovereign cloud's tenant, but will not serve it to a
    // confidential client (AADSTS900382), as Microsoft answers.
    if let Some(foreign) = config.find_tenant(tenant.trim())
        && foreign.cloud != state.cloud
        && state.cloud == Operator::Microsoft
        && is_confidential(form)
    {
        return Err(MsError::new(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            900382,
            "Confidential Client is not supported in Cross Cloud request.",
        ));
    }
    let tenant = lookup_tenant(config, tenant, state.cloud)?;
    let missing = |name: &str| {
        MsError::new(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            900144,
            format!("The request body must contain the following parameter: '{name}'."),
        )
    };
    let grant_type = field("grant_type").ok_or_else(|| missing("grant_type"))?;
    let client_id = field("client_id").ok_or_else(|| missing("client_id"))?;
    let app = tenant.apps.iter().find(|app| app.client_id.eq_ignore_ascii_case(client_id)).ok_or_else(|| {
        MsError::new(
            StatusCode::BAD_REQUEST,
            "unauthorized_client",
            700016,
            format!(
                "Application with identifier '{client_id}' was not found in the directory '{}'. This can happen if \
                 the application has not been installed by the administrator of the tenant or consented to by any \
                 user in the tenant. You may have sent your authentication request to the wrong tenant.",
                tenant.domains.first().unwrap_or(&tenant.id)
            ),
        )
    })?;
    match app.service_principal {
        ServicePrincipal::Missing => {
            return Err(MsError::new(
                StatusCode::BAD_REQUEST,
                "invalid_client",
                7000229,
                format!(
                    "The client application {client_id} is missing service principal in the tenant {}. See \
                     instructions here: https://go.microsoft.com/fwlink/?linkid=2225119",
                    tenant.id
                ),
            ));
        }
        ServicePrincipal::Disabled => {
            return Err(MsError::new(
                StatusCode::BAD_REQUEST,
                "unauthorized_client",
                7000112,
                format!(
                    "Application '{client_id}'({}) is disabled.",
                    app.display_name
                ),
            ));
        }
        ServicePrincipal::Enabled => {}
    }
    match grant_type {
        "authorization_code" => return delegated::redeem_code(state, &tenant, app, form),
        "refresh_token" => return delegated::redeem_refresh_token(state, &tenant, app, form),
        _ => {}
    }
    if grant_type != "client_credentials" {
        return Err(MsError::new(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            70003,
            format!("The app requested an unsupported grant type '{grant_type}'."),
        ));
    }
    check_secret(app, field("client_secret"))?;
    let scope = field("scope").ok_or_else(|| missing("scope"))?;
    let Some(resource) = scope.strip_suffix("/.default") else {
        return Err(MsError::new(
            StatusCode::BAD_REQUEST,
            "invalid_scope",
            1002012,
            format!(
                "The provided value for scope {scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI)."
            ),
        ));
    };
    if !is_own_graph(state, resource) {
        return Err(MsError::new(
            StatusCode::BAD_REQUEST,
            "invalid_resource",
            500011,
            format!(
                "The resource principal named {resource} was not found in the tenant named {}. This can happen if \
                 the application has not been installed by the administrator of the tenant or consented to by any \
                 user in the tenant. You might have sent your authentication request to the wrong tenant.",
                tenant.id
            ),
        ));
    }
    if let Some(code) = app.forced_token_error {
        return Err(MsError::new(
            StatusCode::BAD_REQUEST,
            "invalid_grant",
            code,
            "Simulated error from the Microsoft stand-in.",
        ));
    }
    let access_token = format!("stand-in-token.{}", state.shared.new_id());
    lock(&state.shared.delegated)
        .app_tokens
        .insert(access_token.clone(), state.cloud);
    Ok(json!({
        "token_type": "Bearer",
        "expires_in": 3599,
        "ext_expires_in": 3599,
        "access_token": access_token,
    }))
}

/// Whether `resource` is this cloud's Graph (the stand-in's `/graph`, or the real host's name).
fn is_own_graph(state: &CloudState, resource: &str) -> bool {
    let resource = resource.trim_end_matches('/');
    [
        format!("{}/graph", state.shared.base(state.cloud)),
        CloudProfile::for_operator(state.cloud)
            .graph_base
            .to_owned(),
    ]
    .iter()
    .any(|graph| graph.eq_ignore_ascii_case(resource))
}

fn check_secret(app: &AppConfig, secret: Option<&str>) -> Result<(), MsError> {
    let Some(secret) = secret else {
        return Err(MsError::new(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            7000218,
            "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
        ));
    };
    match app.secrets.iter().find(|known| known.value == secret) {
        Some(known) if !known.expired => Ok(()),
        Some(_) => Err(MsError::new(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            7000222,
            format!(
                "The provided client secret keys for app '{}' are expired. Visit the Azure portal to create new keys \
                 for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added \
                 security: https://aka.ms/certCreds.",
                app.client_id
            ),
        )),
        None => Err(MsError::new(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            7000215,
            format!(
                "Invalid client secret provided. Ensure the secret being sent in the request is the client secret \
                 value, not the client secret ID, for a secret added to app '{}'.",
                app.client_id
            ),
        )),
    }
}

async fn authorize(
    State(state): State<CloudState>,
    Path(tenant): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    if let Some(response) = fault_gate(&state, Route::Authorize).await {
        return response;
    }
    let config = lock(&state.shared.config).clone();
    match check_authorize_request(&config, state.cloud, &tenant, &query) {
        Ok(_) => delegated::sign_in_page(&state, &tenant, &query, None),
        Err(error) => login_error_page(&state, &error),
    }
}

/// The tenant and app of an authorize request whose tenant, client and redirect URI Microsoft
/// accepts — or the error its sign-in page shows instead.
fn check_authorize_request(
    config: &MicrosoftConfig,
    cloud: Operator,
    tenant: &str,
    params: &HashMap<String, String>,
) -> Result<(TenantConfig, AppConfig), MsError> {
    let client_id = params.get("client_id").map(String::as_str).unwrap_or("");
    let redirect_uri = params.get("redirect_uri").map(String::as_str).unwrap_or("");
    let tenant = lookup_tenant(config, tenant, cloud)?;
    let app = tenant
        .apps
        .iter()
        .find(|app| app.client_id.eq_ignore_ascii_case(client_id))
        .cloned()
        .ok_or_else(|| {
            MsError::new(
                StatusCode::BAD_REQUEST,
                "unauthorized_client",
                700016,
                format!(
                    "Application with identifier '{client_id}' was not found in the directory '{}'.",
                    tenant.id
                ),
            )
        })?;
    if app.service_principal == ServicePrincipal::Disabled {
        return Err(MsError::new(
            StatusCode::BAD_REQUEST,
            "unauthorized_client",
            7000112,
            format!(
                "Application '{client_id}'({}) is disabled.",
                app.display_name
            ),
        ));
    }
    if app.redirect_uris.is_empty() {
        return Err(MsError::new(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            500113,
            "No reply address is registered for the application.",
        ));
    }
    // Registered under any platform: the sign-in page (the platform matters only at redemption).
    if !app
        .redirect_uris
        .iter()
        .any(|known| delegated::redirect_matches(&known.uri, redirect_uri))
    {
        return Err(MsError::new(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            50011,
            format!(
                "The redirect URI '{redirect_uri}' specified in the request does not match the redirect URIs \
                 configured for the application '{client_id}'. Make sure the redirect URI sent in the request \
                 matches one added to your application in the Azure portal. Navigate to \
                 https://aka.ms/redirectUriMismatchError to learn more about how to fix this."
            ),
        ));
    }
    Ok((tenant, app))
}

/// Microsoft's error page in place of the sign-in page, with the `$Config` blob the checks read.
fn login_error_page(state: &CloudState, error: &MsError) -> Response {
    let config_blob = json!({
        "pgid": "ConvergedError",
        "iErrorCode": error.code,
        "sErrorCode": error.code.to_string(),
        "strMainMessage": "Sorry, but we’re having trouble signing you in.",
        "strServiceExceptionMessage": format!("AADSTS{}: {}", error.code, error.description),
        "correlationId": state.shared.new_id(),
        "sessionId": state.shared.new_id(),
        "strTimestamp": chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string(),
    });
    login_html(&config_blob, "")
}

/// A login page: the `$Config` blob and `body`.
fn login_html(config_blob: &Value, body: &str) -> Response {
    let html = format!(
        "<!DOCTYPE html><html><head><title>Sign in to your account</title><script type=\"text/javascript\">//<![CDATA[\n\
         $Config={config_blob};\n//]]></script></head><body>{body}</body></html>"
    );
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response()
}
