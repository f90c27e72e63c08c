//! The ONES stand-in: the integration settings API of `docs/ones-api.md`, implemented strictly on
//! 127.0.0.1 for tests and the GUI's demo mode.
//!
//! - Token auth as ONES does it: HTTP Basic with the token as user name and an empty password, or
//!   `Authorization: <token>`; unknown → 401; a token without the needed right → 403.
//! - `PUT` validates with the assistant's own [`crate::model::validate`] (errors → 422 with
//!   `[{field, message}]` at [`crate::model::Field::path`]), requires `If-Match` / `If-None-Match`
//!   (stale → 409), keeps stored secrets the body does not replace, and is a no-op (same ETag)
//!   when nothing differs.
//! - Redirect URIs come from [`crate::redirect::derive_redirect_uris`] on its own base URL.
//! - Fault injection ([`Fault`]): latency, hang, 500, malformed JSON, connection closed.
//! - Optional HTTPS with a given certificate ([`TlsIdentity`]) for the TLS tests.
//!
//! [`OnesStandIn::start`] binds `127.0.0.1:0` and returns a [`RunningOnes`] server that shuts down
//! when dropped. In-memory only; no egui. The HTTP API itself (router, auth, handlers) is
//! `ones/routes.rs`.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderValue, Request, Response, StatusCode, header};
use chrono::NaiveDate;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{JoinHandle, JoinSet};
use tokio_rustls::TlsAcceptor;
use tower::ServiceExt as _;

use crate::model::IntegrationDocument;
use crate::ones::Endpoint;

pub use super::Fault;

mod routes;
use routes::{endpoint_of, error_response, router};

/// The API token the demo configuration accepts (it manages integrations).
pub const DEMO_TOKEN: &str = "ones-demo-token";

/// What a token may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenAccess {
    /// Read and write integration settings.
    ManageIntegrations,
    /// Read integration settings; a PUT is 403.
    ReadIntegrations,
    /// Only the system information endpoint; every integration endpoint is 403.
    NoIntegrationRights,
}

#[derive(Clone)]
pub struct TokenGrant {
    pub token: String,
    pub access: TokenAccess,
}

impl fmt::Debug for TokenGrant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenGrant")
            .field("token", &"<redacted>")
            .field("access", &self.access)
            .finish()
    }
}

/// A server certificate chain and its private key, both PEM.
#[derive(Clone)]
pub struct TlsIdentity {
    pub certificate_chain_pem: String,
    pub private_key_pem: String,
}

impl fmt::Debug for TlsIdentity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TlsIdentity")
            .field("private_key_pem", &"<redacted>")
            .finish_non_exhaustive()
    }
}

/// An injected [`Fault`]: on every request, or only on one endpoint of the contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct InjectedFault {
    fault: Fault,
    only: Option<Endpoint>,
}

#[derive(Clone, Debug)]
pub struct OnesConfig {
    pub tokens: Vec<TokenGrant>,
    /// Serve HTTPS with this identity instead of plain HTTP.
    pub tls: Option<TlsIdentity>,
    /// The host name in [`RunningOnes::base_url`]; default `127.0.0.1` (HTTP) or `localhost` (HTTPS).
    /// The server always listens on 127.0.0.1.
    pub host_name: Option<String>,
    /// Reported by the system information endpoint.
    pub version: String,
    /// The date `PUT` validates against (`None`: today).
    pub today: Option<NaiveDate>,
    /// `false` imitates a ONES version without the integration settings API (404 there).
    pub integration_api: bool,
    /// Integrations stored at start (secrets included).
    pub integrations: Vec<IntegrationDocument>,
    /// A fault on every request from the start (see [`RunningOnes::set_fault`]).
    pub fault: Option<Fault>,
}

impl OnesConfig {
    /// A plain-HTTP stand-in that accepts `token` with the right to manage integrations.
    pub fn new(token: impl Into<String>) -> Self {
        Self {
            tokens: vec![TokenGrant {
                token: token.into(),
                access: TokenAccess::ManageIntegrations,
            }],
            tls: None,
            host_name: None,
            version: "stand-in".to_owned(),
            today: None,
            integration_api: true,
            integrations: Vec::new(),
            fault: None,
        }
    }

    /// Demo mode: accepts [`DEMO_TOKEN`], answers after a short delay so progress is visible.
    pub fn demo() -> Self {
        Self {
            version: "stand-in (demo mode)".to_owned(),
            fault: Some(Fault::Latency(Duration::from_millis(300))),
            ..Self::new(DEMO_TOKEN)
        }
    }

    pub fn with_token(mut self, token: impl Into<String>, access: TokenAccess) -> Self {
        self.tokens.push(TokenGrant {
            token: token.into(),
            access,
        });
        self
    }

    pub fn with_tls(mut self, identity: TlsIdentity) -> Self {
        self.tls = Some(identity);
        self
    }

    pub fn with_integration(mut self, document: IntegrationDocument) -> Self {
        self.integrations.push(document);
        self
    }
}

#[derive(Debug, thiserror::Error)]
pub enum OnesStartError {
    #[error("the stand-in can't listen on 127.0.0.1 ({0})")]
    Bind(#[from] std::io::Error),
    #[error("the stand-in's TLS certificate or key is not usable ({0})")]
    Tls(String),
}

/// Starts stand-ins; see [`OnesStandIn::start`].
pub struct OnesStandIn;

impl OnesStandIn {
    /// Binds `127.0.0.1:0` and serves `config` on the current tokio runtime until the returned
    /// [`RunningOnes`] is dropped.
    pub async fn start(config: OnesConfig) -> Result<RunningOnes, OnesStartError> {
        Self::start_on(config, 0).await
    }

    /// [`OnesStandIn::start`] on `port` of 127.0.0.1 (0: any free port).
    pub async fn start_on(config: OnesConfig, port: u16) -> Result<RunningOnes, OnesStartError> {
        let acceptor = config.tls.as_ref().map(tls_acceptor).transpose()?;
        let listener = TcpListener::bind(("127.0.0.1", port)).await?;
        let port = listener.local_addr()?.port();
        let (scheme, default_host) = if acceptor.is_some() {
            ("https", "localhost")
        } else {
            ("http", "127.0.0.1")
        };
        let host = config
            .host_name
            .clone()
            .unwrap_or_else(|| default_host.to_owned());
        let base_url = format!("{scheme}://{host}:{port}");

        let mut store = Store::default();
        for document in &config.integrations {
            store.write(document.key(), document.clone());
        }
        let state = Arc::new(StandIn {
            base_url: base_url.clone(),
            tokens: config.tokens,
            version: config.version,
            today: config.today,
            store: Mutex::new(store),
            fault: Mutex::new(
                config
                    .fault
                    .map(|fault| InjectedFault { fault, only: None }),
            ),
        });
        let router = router(state.clone(), config.integration_api);
        let task = tokio::spawn(accept_loop(listener, acceptor, state.clone(), router));
        Ok(RunningOnes {
            base_url,
            state,
            task,
        })
    }
}

/// A running stand-in. Dropping it stops the server and every open connection.
pub struct RunningOnes {
    base_url: String,
    state: Arc<StandIn>,
    task: JoinHandle<()>,
}

impl RunningOnes {
    /// `http://127.0.0.1:{port}` (or `https://localhost:{port}`), without a trailing `/`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Injects `fault` on every request (replacing any earlier fault).
    pub fn set_fault(&self, fault: Fault) {
        *lock(&self.state.fault) = Some(InjectedFault { fault, only: None });
    }

    /// Injects `fault` on requests to `endpoint` only (replacing any earlier fault).
    pub fn set_fault_on(&self, endpoint: Endpoint, fault: Fault) {
        *lock(&self.state.fault) = Some(InjectedFault {
            fault,
            only: Some(endpoint),
        });
    }

    /// Behave again.
    pub fn clear_fault(&self) {
        *lock(&self.state.fault) = None;
    }

    /// The stored integration, secrets included (for tests' assertions).
    pub fn stored_document(&self, key: &str) -> Option<IntegrationDocument> {
        lock(&self.state.store)
            .integrations
            .get(key)
            .map(|stored| stored.document.clone())
    }

    /// The current ETag of `key`.
    pub fn etag(&self, key: &str) -> Option<String> {
        lock(&self.state.store)
            .integrations
            .get(key)
            .map(StoredIntegration::etag)
    }

    /// PUT requests received (any outcome).
    pub fn put_requests(&self) -> usize {
        lock(&self.state.store).put_requests
    }

    /// Stored changes (creations and updates that changed something).
    pub fn writes(&self) -> usize {
        lock(&self.state.store).writes
    }

    /// Stores `document` under its key as someone editing in ONES itself would: a new ETag.
    pub fn replace_integration(&self, document: IntegrationDocument) {
        lock(&self.state.store).write(document.key(), document);
    }
}

impl Drop for RunningOnes {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl fmt::Debug for RunningOnes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RunningOnes")
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

struct StandIn {
    base_url: String,
    tokens: Vec<TokenGrant>,
    version: String,
    today: Option<NaiveDate>,
    store: Mutex<Store>,
    fault: Mutex<Option<InjectedFault>>,
}

#[derive(Default)]
struct Store {
    integrations: BTreeMap<String, StoredIntegration>,
    last_revision: u64,
    put_requests: usize,
    writes: usize,
}

impl Store {
    fn write(&mut self, key: String, document: IntegrationDocument) {
        self.last_revision += 1;
        self.writes += 1;
        self.integrations.insert(
            key,
            StoredIntegration {
                document,
                revision: self.last_revision,
            },
        );
    }
}

struct StoredIntegration {
    document: IntegrationDocument,
    revision: u64,
}

impl StoredIntegration {
    fn etag(&self) -> String {
        format!("\"rev-{}\"", self.revision)
    }
}

/// A poisoned lock only means a test panicked elsewhere; the data is still usable.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

fn tls_acceptor(identity: &TlsIdentity) -> Result<TlsAcceptor, OnesStartError> {
    use tokio_rustls::rustls::ServerConfig;
    use tokio_rustls::rustls::crypto::aws_lc_rs;
    use tokio_rustls::rustls::pki_types::pem::PemObject;
    use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};

    let tls_error = |error: &dyn fmt::Display| OnesStartError::Tls(error.to_string());
    let certificates = CertificateDer::pem_slice_iter(identity.certificate_chain_pem.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|error| tls_error(&error))?;
    let key = PrivateKeyDer::from_pem_slice(identity.private_key_pem.as_bytes())
        .map_err(|error| tls_error(&error))?;
    let config = ServerConfig::builder_with_provider(Arc::new(aws_lc_rs::default_provider()))
        .with_safe_default_protocol_versions()
        .map_err(|error| tls_error(&error))?
        .with_no_client_auth()
        .with_single_cert(certificates, key)
        .map_err(|error| tls_error(&error))?;
    Ok(TlsAcceptor::from(Arc::new(config)))
}

async fn accept_loop(
    listener: TcpListener,
    acceptor: Option<TlsAcceptor>,
    state: Arc<StandIn>,
    router: Router,
) {
    // Dropping the set (when this task is aborted) aborts every connection, hung ones included.
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    connections.spawn(serve_connection(stream, acceptor.clone(), state.clone(), router.clone()));
                }
                Err(error) => {
                    tracing::debug!(%error, "stand-in accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            },
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
}

async fn serve_connection(
    stream: TcpStream,
    acceptor: Option<TlsAcceptor>,
    state: Arc<StandIn>,
    router: Router,
) {
    match acceptor {
        None => serve_http(TokioIo::new(stream), state, router).await,
        Some(acceptor) => match acceptor.accept(stream).await {
            Ok(tls) => serve_http(TokioIo::new(tls), state, router).await,
            // The client refused our certificate — what the TLS tests expect.
            Err(error) => tracing::debug!(%error, "stand-in TLS handshake failed"),
        },
    }
}

/// Returned by the service to make hyper drop the connection without an answer.
#[derive(Debug)]
struct ConnectionClosedOnPurpose;

impl fmt::Display for ConnectionClosedOnPurpose {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("connection closed by fault injection")
    }
}

impl std::error::Error for ConnectionClosedOnPurpose {}

async fn serve_http<I>(io: I, state: Arc<StandIn>, router: Router)
where
    I: hyper::rt::Read + hyper::rt::Write + Unpin + Send + 'static,
{
    let service = hyper::service::service_fn(move |request: Request<Incoming>| {
        let state = state.clone();
        let router = router.clone();
        async move { answer_with_faults(&state, router, request).await }
    });
    if let Err(error) = hyper::server::conn::http1::Builder::new()
        .serve_connection(io, service)
        .await
    {
        tracing::debug!(%error, "stand-in connection ended");
    }
}

/// Applies the injected fault for this request, then lets the router answer.
async fn answer_with_faults(
    state: &StandIn,
    router: Router,
    request: Request<Incoming>,
) -> Result<Response<Body>, ConnectionClosedOnPurpose> {
    let endpoint = endpoint_of(request.method(), request.uri().path());
    let fault = lock(&state.fault)
        .filter(|injected| injected.only.is_none() || injected.only == endpoint)
        .map(|injected| injected.fault);
    match fault {
        None => {}
        Some(Fault::Latency(delay)) => tokio::time::sleep(delay).await,
        Some(Fault::Hang) => std::future::pending::<()>().await,
        Some(Fault::ServerError) => {
            let mut response = error_response(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal_error",
                "the stand-in failed on purpose (fault injection)",
            );
            response
                .headers_mut()
                .insert("x-request-id", HeaderValue::from_static("stand-in-500"));
            return Ok(response);
        }
        Some(Fault::Malformed) => {
            let mut response =
                Response::new(Body::from("{\"schema\": \"ones-m365/1\", \"name\": "));
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            headers.insert(header::ETAG, HeaderValue::from_static("\"rev-malformed\""));
            return Ok(response);
        }
        Some(Fault::ConnectionClosed) => return Err(ConnectionClosedOnPurpose),
    }
    match router.oneshot(request).await {
        Ok(response) => Ok(response),
        Err(never) => match never {},
    }
}
