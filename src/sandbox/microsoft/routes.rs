//! The Microsoft stand-in's login answers: the router of one cloud, fault injection, Microsoft's
//! JSON error shape, OpenID and instance discovery, the signing keys, the token endpoint (client
//! credentials here; codes and refresh tokens in `delegated`) and the authorize page's checks and
//! error page.

use std::collections::HashMap;
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use base64::Engine as _;
use serde_json::{Value, json};

use super::config::{AppConfig, MicrosoftConfig, ServicePrincipal, TenantConfig};
use super::{CloudState, Fault, Route, delegated, graph, lock};
use crate::cloud::CloudProfile;
use crate::model::Operator;
use crate::model::validation::{is_domain, is_guid};

pub(super) fn router(state: CloudState) -> Router {
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
            get(graph::graph_calendar),
        )
        .route(
            "/graph/v1.0/users/{user}/calendarView",
            get(graph::graph_calendar_view),
        )
        .with_state(state)
}

/// Counts the request and applies the route's fault; `Some` replaces the normal answer.
pub(super) async fn fault_gate(state: &CloudState, route: Route) -> Option<Response> {
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
pub(super) struct MsError {
    pub(super) status: StatusCode,
    pub(super) error: &'static str,
    pub(super) code: u64,
    pub(super) description: String,
}

impl MsError {
    pub(super) fn new(
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

    pub(super) fn into_response(self, state: &CloudState) -> Response {
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
pub(super) fn issuer(state: &CloudState, id: &str) -> String {
    format!("{}/{id}/v2.0", state.login_base(state.cloud))
}

/// The login hosts of each cloud as instance discovery lists them: `(preferred_network,
/// preferred_cache, aliases)`.
pub(super) const KNOWN_INSTANCES: &[(&str, &str, &[&str])] = &[
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
    check_service_principal(app, client_id, &tenant.id)?;
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

/// An app whose service principal is missing or disabled gets no token.
fn check_service_principal(
    app: &AppConfig,
    client_id: &str,
    tenant_id: &str,
) -> Result<(), MsError> {
    match app.service_principal {
        ServicePrincipal::Missing => Err(MsError::new(
            StatusCode::BAD_REQUEST,
            "invalid_client",
            7000229,
            format!(
                "The client application {client_id} is missing service principal in the tenant {}. See \
                     instructions here: https://go.microsoft.com/fwlink/?linkid=2225119",
                tenant_id
            ),
        )),
        ServicePrincipal::Disabled => Err(MsError::new(
            StatusCode::BAD_REQUEST,
            "unauthorized_client",
            7000112,
            format!(
                "Application '{client_id}'({}) is disabled.",
                app.display_name
            ),
        )),
        ServicePrincipal::Enabled => Ok(()),
    }
}

/// Whether `resource` is this cloud's Graph (the stand-in's `/graph`, or the real host's name).
pub(super) fn is_own_graph(state: &CloudState, resource: &str) -> bool {
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

pub(super) fn check_secret(app: &AppConfig, secret: Option<&str>) -> Result<(), MsError> {
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
pub(super) fn check_authorize_request(
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
pub(super) fn login_error_page(state: &CloudState, error: &MsError) -> Response {
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
pub(super) fn login_html(config_blob: &Value, body: &str) -> Response {
    let html = format!(
        "<!DOCTYPE html><html><head><title>Sign in to your account</title><script type=\"text/javascript\">//<![CDATA[\n\
         $Config={config_blob};\n//]]></script></head><body>{body}</body></html>"
    );
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response()
}
