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
//! [`OnesStandIn::start`] binds `127.0.0.1:0` and returns a [`RunningOnes`] server that shuts down when
//! dropped. In-memory only; no egui.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, Method, Request, Response, StatusCode, header};
use axum::routing::get;
use base64::Engine as _;
use chrono::NaiveDate;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{JoinHandle, JoinSet};
use tokio_rustls::TlsAcceptor;
use tower::ServiceExt as _;

use crate::model::load::document_from_value;
use crate::model::{IntegrationDocument, Severity, integration_key, validate};
use crate::ones::Endpoint;
use crate::ones::contract::{
    self, CONFLICT_CODE, ErrorBody, INTEGRATION_NOT_FOUND_CODE, INTEGRATION_PATH, RedirectUris,
    SECRET_OWNERS, VALIDATION_FAILED_CODE, WireFieldError,
};
use crate::redirect::derive_redirect_uris;

pub use super::Fault;

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

/// Which contract endpoint a request is for (faults can target one).
fn endpoint_of(method: &Method, path: &str) -> Option<Endpoint> {
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    if segments.as_slice() == contract::INFORMATION_PATH {
        return Some(Endpoint::Information);
    }
    let rest = segments.strip_prefix(INTEGRATION_PATH)?;
    match (rest, method) {
        ([_, contract::REDIRECT_URIS_SEGMENT], _) => Some(Endpoint::RedirectUris),
        ([_], &Method::PUT) => Some(Endpoint::WriteIntegration),
        ([_], _) => Some(Endpoint::ReadIntegration),
        _ => None,
    }
}

fn router(state: Arc<StandIn>, integration_api: bool) -> Router {
    let information = format!("/{}", contract::INFORMATION_PATH.join("/"));
    let integration = format!("/{}/{{key}}", INTEGRATION_PATH.join("/"));
    let redirect_uris = format!("{integration}/{}", contract::REDIRECT_URIS_SEGMENT);
    let mut router = Router::new().route(&information, get(information_handler));
    if integration_api {
        router = router
            .route(
                &integration,
                get(get_integration_handler).put(put_integration_handler),
            )
            .route(&redirect_uris, get(redirect_uris_handler));
    }
    router
        .fallback(|| async {
            error_response(StatusCode::NOT_FOUND, "not_found", "no such endpoint")
        })
        .with_state(state)
}

async fn information_handler(
    State(state): State<Arc<StandIn>>,
    headers: HeaderMap,
) -> Response<Body> {
    if let Err(refusal) = state.authorize(&headers, Need::AnyToken) {
        return refusal.into_response();
    }
    json_response(
        StatusCode::OK,
        &json!({ "product": "ONES (assistant stand-in)", "version": state.version }),
        None,
    )
}

async fn redirect_uris_handler(
    State(state): State<Arc<StandIn>>,
    Path(key): Path<String>,
    headers: HeaderMap,
) -> Response<Body> {
    if let Err(refusal) = state.authorize(&headers, Need::Read) {
        return refusal.into_response();
    }
    match state.redirect_uris(&key) {
        Some(uris) => json_response(StatusCode::OK, &json!(uris), None),
        None => not_found(&key),
    }
}

async fn get_integration_handler(
    State(state): State<Arc<StandIn>>,
    Path(key): Path<String>,
    headers: HeaderMap,
) -> Response<Body> {
    if let Err(refusal) = state.authorize(&headers, Need::Read) {
        return refusal.into_response();
    }
    let store = lock(&state.store);
    match store.integrations.get(&key) {
        Some(stored) => json_response(
            StatusCode::OK,
            &contract::redacted_document(&stored.document),
            Some(stored.etag()),
        ),
        None => not_found(&key),
    }
}

async fn put_integration_handler(
    State(state): State<Arc<StandIn>>,
    Path(key): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response<Body> {
    lock(&state.store).put_requests += 1;
    if let Err(refusal) = state.authorize(&headers, Need::Write) {
        return refusal.into_response();
    }
    let body: Value = match serde_json::from_slice(&body) {
        Ok(value @ Value::Object(_)) => value,
        Ok(_) => {
            return error_response(
                StatusCode::BAD_REQUEST,
                "invalid_json",
                "the body must be a JSON object",
            );
        }
        Err(error) => {
            return error_response(StatusCode::BAD_REQUEST, "invalid_json", &error.to_string());
        }
    };
    let Some(expected_uris) = state.redirect_uris(&key) else {
        return not_found(&key);
    };

    // One lock from the precondition check to the write, so two PUTs can't both pass If-Match.
    let mut store = lock(&state.store);
    let current = store.integrations.get(&key);
    if let Err(refusal) = check_precondition(&headers, current) {
        return refusal.into_response();
    }
    let document = match state.accept_document(&key, &body, current, &expected_uris) {
        Ok(document) => document,
        Err(errors) => {
            let body = ErrorBody {
                code: VALIDATION_FAILED_CODE.to_owned(),
                message: format!("{} fields are not valid", errors.len()),
                errors,
            };
            return json_response(StatusCode::UNPROCESSABLE_ENTITY, &json!(body), None);
        }
    };
    let created = current.is_none();
    let unchanged = current.is_some_and(|stored| stored.document == document);
    if !unchanged {
        store.write(key.clone(), document);
    }
    let Some(stored) = store.integrations.get(&key) else {
        return error_response(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            "the write was lost",
        );
    };
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    json_response(
        status,
        &contract::redacted_document(&stored.document),
        Some(stored.etag()),
    )
}

/// Why a request is answered with an error before its body is looked at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Refusal {
    Unauthorized,
    Forbidden,
    ChangedSinceRead,
    Gone,
    AlreadyExists,
    PreconditionRequired,
}

impl Refusal {
    fn into_response(self) -> Response<Body> {
        let (status, code, message) = match self {
            Refusal::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "missing or unknown API token",
            ),
            Refusal::Forbidden => (
                StatusCode::FORBIDDEN,
                "forbidden",
                "this API token may not do this",
            ),
            Refusal::ChangedSinceRead => (
                StatusCode::CONFLICT,
                CONFLICT_CODE,
                "the integration changed since it was read (ETag differs)",
            ),
            Refusal::Gone => (
                StatusCode::CONFLICT,
                CONFLICT_CODE,
                "the integration no longer exists",
            ),
            Refusal::AlreadyExists => (
                StatusCode::CONFLICT,
                CONFLICT_CODE,
                "an integration with this key already exists",
            ),
            Refusal::PreconditionRequired => (
                StatusCode::PRECONDITION_REQUIRED,
                "precondition_required",
                "send If-Match with the ETag you read, or If-None-Match: * to create",
            ),
        };
        let mut response = error_response(status, code, message);
        if self == Refusal::Unauthorized {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"ONES\""),
            );
        }
        response
    }
}

/// `If-None-Match: *` creates only; `If-Match` replaces only what was read; neither → 428.
fn check_precondition(
    headers: &HeaderMap,
    current: Option<&StoredIntegration>,
) -> Result<(), Refusal> {
    let header_text = |name| {
        headers
            .get(name)
            .and_then(|value: &HeaderValue| value.to_str().ok())
    };
    match (
        header_text(header::IF_MATCH),
        header_text(header::IF_NONE_MATCH),
        current,
    ) {
        (Some(if_match), _, Some(stored)) if contract::etag_matches(if_match, &stored.etag()) => {
            Ok(())
        }
        (Some(_), _, Some(_)) => Err(Refusal::ChangedSinceRead),
        (Some(_), _, None) => Err(Refusal::Gone),
        (None, Some(if_none_match), Some(stored))
            if contract::etag_matches(if_none_match, &stored.etag()) =>
        {
            Err(Refusal::AlreadyExists)
        }
        (None, Some(_), _) => Ok(()),
        (None, None, _) => Err(Refusal::PreconditionRequired),
    }
}

/// Which right a request needs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Need {
    AnyToken,
    Read,
    Write,
}

impl StandIn {
    fn authorize(&self, headers: &HeaderMap, need: Need) -> Result<(), Refusal> {
        let access = presented_token(headers)
            .and_then(|token| self.tokens.iter().find(|grant| grant.token == token))
            .map(|grant| grant.access)
            .ok_or(Refusal::Unauthorized)?;
        let allowed = match need {
            Need::AnyToken => true,
            Need::Read => access != TokenAccess::NoIntegrationRights,
            Need::Write => access == TokenAccess::ManageIntegrations,
        };
        if allowed {
            Ok(())
        } else {
            Err(Refusal::Forbidden)
        }
    }

    /// The URIs for `key`, or `None` for a text that is not a key.
    fn redirect_uris(&self, key: &str) -> Option<RedirectUris> {
        if key.is_empty() || integration_key(key) != key {
            return None;
        }
        derive_redirect_uris(&self.base_url, key).map(|uris| RedirectUris {
            room: uris.room,
            sso: uris.sso,
        })
    }

    /// The document a PUT body describes, with kept secrets and ONES's redirect URIs filled in,
    /// or every field error.
    fn accept_document(
        &self,
        key: &str,
        body: &Value,
        current: Option<&StoredIntegration>,
        expected_uris: &RedirectUris,
    ) -> Result<IntegrationDocument, Vec<WireFieldError>> {
        let field_error = |field: &str, message: String| WireFieldError {
            field: field.to_owned(),
            message,
        };
        let loaded =
            document_from_value(body).map_err(|error| vec![field_error("", format!("{error}"))])?;
        let kept: Vec<String> = SECRET_OWNERS
            .iter()
            .filter(|owner| contract::secret_is_kept(body, owner))
            .map(|owner| format!("{owner}.client_secret"))
            .collect();
        // Strict: anything the lenient reader had to ignore or default is an error here.
        let mut errors: Vec<WireFieldError> = loaded
            .warnings
            .iter()
            .filter(|warning| !kept.contains(&warning.field))
            .map(|warning| field_error(&warning.field, format!("{}.", warning.message())))
            .collect();

        let mut document = loaded.document;
        // ONES holds values; "stored in ONES" is what a client knows, not part of what is stored.
        document.server_app.client_secret_in_ones = false;
        document.sso_app.client_secret_in_ones = false;
        if let Some(stored) = current {
            if contract::secret_is_kept(body, SECRET_OWNERS[0]) {
                document.server_app.client_secret =
                    stored.document.server_app.client_secret.clone();
            }
            if contract::secret_is_kept(body, SECRET_OWNERS[1]) {
                document.sso_app.client_secret = stored.document.sso_app.client_secret.clone();
            }
        }
        if integration_key(&document.name) != key {
            errors.push(field_error(
                "name",
                format!(
                    "The name gives the key \"{}\", but this request is for \"{key}\"; a renamed integration is a new \
                     one — send it to its own key.",
                    integration_key(&document.name)
                ),
            ));
        }
        for (path, value, expected) in [
            (
                "room.redirect_uri",
                &mut document.room.redirect_uri,
                &expected_uris.room,
            ),
            (
                "sso_app.redirect_uri",
                &mut document.sso_app.redirect_uri,
                &expected_uris.sso,
            ),
        ] {
            if value.trim().is_empty() {
                value.clone_from(expected);
            } else if value.trim() != expected {
                errors.push(field_error(
                    path,
                    format!("This ONES server uses {expected}."),
                ));
            }
        }
        let today = self
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive());
        errors.extend(
            validate(&document, today)
                .findings
                .into_iter()
                .filter(|finding| finding.severity == Severity::Error)
                .map(|finding| field_error(finding.field.path(), finding.message())),
        );
        if errors.is_empty() {
            Ok(document)
        } else {
            Err(errors)
        }
    }
}

/// The token from `Authorization: Basic base64(token:)` or `Authorization: <token>`.
fn presented_token(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?.trim();
    match value.strip_prefix("Basic ") {
        Some(encoded) => {
            let decoded = base64::engine::general_purpose::STANDARD
                .decode(encoded.trim())
                .ok()?;
            let decoded = String::from_utf8(decoded).ok()?;
            let (user, password) = decoded.split_once(':')?;
            password.is_empty().then(|| user.to_owned())
        }
        None => Some(value.to_owned()),
    }
}

fn not_found(key: &str) -> Response<Body> {
    error_response(
        StatusCode::NOT_FOUND,
        INTEGRATION_NOT_FOUND_CODE,
        &format!("no Microsoft 365 integration with the key {key}"),
    )
}

fn error_response(status: StatusCode, code: &str, message: &str) -> Response<Body> {
    let body = ErrorBody {
        code: code.to_owned(),
        message: message.to_owned(),
        errors: Vec::new(),
    };
    json_response(status, &json!(body), None)
}

fn json_response(status: StatusCode, value: &Value, etag: Option<String>) -> Response<Body> {
    let mut response = Response::new(Body::from(value.to_string()));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    if let Some(etag) = etag.and_then(|etag| HeaderValue::from_str(&etag).ok()) {
        headers.insert(header::ETAG, etag);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_map_to_contract_endpoints() {
        let base = "/API/external/integration/v1/microsoft365";
        assert_eq!(
            endpoint_of(&Method::GET, "/API/external/system/v1/information"),
            Some(Endpoint::Information)
        );
        assert_eq!(
            endpoint_of(&Method::GET, &format!("{base}/hq")),
            Some(Endpoint::ReadIntegration)
        );
        assert_eq!(
            endpoint_of(&Method::PUT, &format!("{base}/hq")),
            Some(Endpoint::WriteIntegration)
        );
        assert_eq!(
            endpoint_of(&Method::GET, &format!("{base}/hq/redirect-uris")),
            Some(Endpoint::RedirectUris)
        );
        assert_eq!(endpoint_of(&Method::GET, "/elsewhere"), None);
    }

    #[test]
    fn both_token_forms_are_read() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Basic dG9rOg=="),
        );
        assert_eq!(presented_token(&headers).as_deref(), Some("tok"));
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Basic dG9rOnB3"),
        );
        assert_eq!(
            presented_token(&headers),
            None,
            "a password is not accepted"
        );
        headers.insert(header::AUTHORIZATION, HeaderValue::from_static("tok"));
        assert_eq!(presented_token(&headers).as_deref(), Some("tok"));
    }
}
