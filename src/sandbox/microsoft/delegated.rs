//! The stand-in's delegated sign-in and Graph calendars: the sign-in page's form for simulated
//! accounts, authorization codes bound to client, redirect URI and PKCE challenge (single use),
//! code and refresh-token redemption, and `users/{room}/calendar` / `calendarView` with the
//! rooms' delegation matrix. Errors sent back to the redirect URI, from the token endpoint and
//! from Graph take Microsoft's shapes. Test infrastructure: never used against Microsoft.

use std::collections::HashMap;

use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};
use url::Url;

use super::{
    AppConfig, CloudState, Delegation, MsError, Platform, Route, TenantConfig,
    check_authorize_request, check_secret, fault_gate, is_own_graph, lock, login_error_page,
    login_html,
};
use crate::cloud::CloudProfile;
use crate::model::Operator;
use crate::rooms::pkce::challenge_for;

/// What a sign-in granted: to whom, for which app, which scopes.
#[derive(Clone, Debug)]
struct Grant {
    cloud: Operator,
    tenant_id: String,
    client_id: String,
    username: String,
    /// Granted scopes as requested (`openid`, `offline_access`, `{graph}/Calendars.ReadWrite.Shared`).
    scopes: Vec<String>,
}

impl Grant {
    fn has_scope(&self, name: &str) -> bool {
        self.scopes
            .iter()
            .any(|scope| short_scope(scope).eq_ignore_ascii_case(name))
    }
}

#[derive(Debug)]
struct IssuedCode {
    grant: Grant,
    redirect_uri: String,
    /// `(challenge, method)` from the authorize request.
    challenge: Option<(String, String)>,
    redeemed: bool,
}

/// Every code and token the stand-in issued.
#[derive(Debug, Default)]
pub(super) struct Issued {
    codes: HashMap<String, IssuedCode>,
    access_tokens: HashMap<String, Grant>,
    refresh_tokens: HashMap<String, Grant>,
    id_tokens: Vec<String>,
}

impl Issued {
    pub(super) fn all_values(&self) -> Vec<String> {
        self.codes
            .keys()
            .chain(self.access_tokens.keys())
            .chain(self.refresh_tokens.keys())
            .chain(self.id_tokens.iter())
            .cloned()
            .collect()
    }
}

/// `Calendars.ReadWrite.Shared` of `https://graph…/Calendars.ReadWrite.Shared`.
fn short_scope(scope: &str) -> &str {
    scope.rsplit('/').next().unwrap_or(scope)
}

/// Whether a redirect URI sent in a request matches a registered one: exactly, or — as Microsoft
/// does for `http://localhost` and `http://127.0.0.1` — with any port and the same path.
pub(super) fn redirect_matches(registered: &str, sent: &str) -> bool {
    if registered == sent {
        return true;
    }
    let (Ok(registered), Ok(sent)) = (Url::parse(registered), Url::parse(sent)) else {
        return false;
    };
    let loopback = matches!(registered.host_str(), Some("localhost" | "127.0.0.1"));
    loopback
        && registered.scheme() == "http"
        && sent.scheme() == "http"
        && registered.host_str() == sent.host_str()
        && registered.path() == sent.path()
        && registered.query() == sent.query()
}

/// The sign-in page: the `$Config` blob of Microsoft's page and a form for the simulated
/// accounts, carrying the authorize request's parameters. `error` is a failed attempt
/// (wrong password, unknown user) shown on the page.
pub(super) fn sign_in_page(
    state: &CloudState,
    tenant: &str,
    params: &HashMap<String, String>,
    error: Option<MsError>,
) -> Response {
    let action = format!("/{tenant}/oauth2/v2.0/authorize");
    let (code, message) = match &error {
        Some(error) => (
            json!(error.code.to_string()),
            json!(format!("AADSTS{}: {}", error.code, error.description)),
        ),
        None => (json!(""), Value::Null),
    };
    let mut config_blob = json!({
        "pgid": "ConvergedSignIn",
        "urlPost": action,
        "sErrorCode": code,
        "iErrorCode": error.as_ref().map_or(0, |error| error.code),
        "correlationId": state.shared.new_id(),
        "sessionId": state.shared.new_id(),
    });
    if !message.is_null() {
        config_blob["strServiceExceptionMessage"] = message;
    }
    let mut keys: Vec<&String> = params
        .keys()
        .filter(|key| !matches!(key.as_str(), "login" | "passwd"))
        .collect();
    keys.sort();
    let hidden: String = keys
        .into_iter()
        .map(|key| {
            format!(
                "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
                escape(key),
                escape(&params[key])
            )
        })
        .collect();
    let notice = error.map_or_else(String::new, |error| {
        format!(
            "<p role=\"alert\">AADSTS{}: {}</p>",
            error.code,
            escape(&error.description)
        )
    });
    let body = format!(
        "<h1>Sign in</h1>{notice}<form method=\"post\" action=\"{}\">{hidden}\
         <label>Email, phone, or Skype <input type=\"email\" name=\"login\" autocomplete=\"username\"></label>\
         <label>Password <input type=\"password\" name=\"passwd\" autocomplete=\"current-password\"></label>\
         <button type=\"submit\">Sign in</button></form>\
         <p>Microsoft stand-in of the ONES Microsoft 365 setup assistant: sign in with a demo account.</p>",
        escape(&action)
    );
    login_html(&config_blob, &body)
}

/// `POST {tenant}/oauth2/v2.0/authorize`: the sign-in form. Wrong credentials show the page
/// again with the error; MFA and missing consent come back to the redirect URI as errors; a
/// successful sign-in comes back with a code.
pub(super) async fn sign_in_form(
    State(state): State<CloudState>,
    Path(tenant): Path<String>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    if let Some(response) = fault_gate(&state, Route::Authorize).await {
        return response;
    }
    let config = lock(&state.shared.config).clone();
    let (tenant_config, app) = match check_authorize_request(&config, state.cloud, &tenant, &form) {
        Ok(found) => found,
        Err(error) => return login_error_page(&state, &error),
    };
    let mut params = form;
    let login = params.remove("login").unwrap_or_default();
    let password = params.remove("passwd").unwrap_or_default();
    let param = |name: &str| params.get(name).map(String::as_str).unwrap_or("");
    let back = Back {
        state: &state,
        redirect_uri: param("redirect_uri"),
        oauth_state: params.get("state").map(String::as_str),
    };
    let Some(account) = tenant_config
        .accounts
        .iter()
        .find(|account| account.username.eq_ignore_ascii_case(login.trim()))
    else {
        let error = MsError::new(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            50034,
            format!(
                "The user account {} does not exist in the {} directory. To sign into this application, the \
                 account must be added to the directory.",
                login.trim(),
                tenant_config.id
            ),
        );
        return sign_in_page(&state, &tenant, &params, Some(error));
    };
    if account.password != password {
        let error = MsError::new(
            StatusCode::BAD_REQUEST,
            "invalid_grant",
            50126,
            "Error validating credentials due to invalid username or password.",
        );
        return sign_in_page(&state, &tenant, &params, Some(error));
    }
    if param("response_type") != "code" {
        return back.error(MsError::new(
            StatusCode::BAD_REQUEST,
            "unsupported_response_type",
            700054,
            format!(
                "response_type '{}' is not enabled for the application.",
                param("response_type")
            ),
        ));
    }
    if account.mfa_required {
        return back.error(MsError::new(
            StatusCode::BAD_REQUEST,
            "interaction_required",
            50076,
            "Due to a configuration change made by your administrator, or because you moved to a new location, you \
             must use multi-factor authentication to access '00000003-0000-0000-c000-000000000000'.",
        ));
    }
    if !account.consent_given {
        return back.error(MsError::new(
            StatusCode::BAD_REQUEST,
            "consent_required",
            65001,
            format!(
                "The user or administrator has not consented to use the application with ID '{}' named '{}'. Send \
                 an interactive authorization request for this user and resource.",
                app.client_id, app.display_name
            ),
        ));
    }
    let requested: Vec<&str> = param("scope").split_whitespace().collect();
    if let Some(foreign) = requested.iter().find_map(|scope| {
        let (resource, _) = scope.rsplit_once('/')?;
        (!is_own_graph(&state, resource)).then_some(resource)
    }) {
        return back.error(MsError::new(
            StatusCode::BAD_REQUEST,
            "invalid_resource",
            500011,
            format!(
                "The resource principal named {foreign} was not found in the tenant named {}.",
                tenant_config.id
            ),
        ));
    }
    let challenge = match (params.get("code_challenge"), param("code_challenge_method")) {
        (None, _) => None,
        (Some(challenge), "S256" | "") => Some((challenge.clone(), "S256".to_owned())),
        (Some(challenge), "plain") => Some((challenge.clone(), "plain".to_owned())),
        (Some(_), method) => {
            return back.error(MsError::new(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                9002313,
                format!("Invalid request. The code_challenge_method '{method}' is not supported."),
            ));
        }
    };
    let grant = Grant {
        cloud: state.cloud,
        tenant_id: tenant_config.id.clone(),
        client_id: app.client_id.clone(),
        username: account.username.clone(),
        scopes: requested
            .iter()
            .filter(|scope| {
                app.delegated_permissions
                    .iter()
                    .any(|permission| permission.eq_ignore_ascii_case(short_scope(scope)))
            })
            .map(|scope| (*scope).to_owned())
            .collect(),
    };
    let code = format!("0.stand-in-code.{}", state.shared.new_id());
    lock(&state.shared.delegated).codes.insert(
        code.clone(),
        IssuedCode {
            grant,
            redirect_uri: back.redirect_uri.to_owned(),
            challenge,
            redeemed: false,
        },
    );
    back.to(&[
        ("code", code.as_str()),
        ("session_state", &state.shared.new_id()),
    ])
}

/// The way back to the redirect URI of one authorize request.
struct Back<'a> {
    state: &'a CloudState,
    redirect_uri: &'a str,
    oauth_state: Option<&'a str>,
}

impl Back<'_> {
    /// A 302 to the redirect URI with `params` and the request's `state`.
    fn to(&self, params: &[(&str, &str)]) -> Response {
        let Ok(mut url) = Url::parse(self.redirect_uri) else {
            let error = MsError::new(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                50011,
                format!(
                    "The redirect URI '{}' specified in the request is not a valid address.",
                    self.redirect_uri
                ),
            );
            return login_error_page(self.state, &error);
        };
        {
            let mut query = url.query_pairs_mut();
            for (key, value) in params {
                query.append_pair(key, value);
            }
            if let Some(oauth_state) = self.oauth_state {
                query.append_pair("state", oauth_state);
            }
        }
        (StatusCode::FOUND, [(header::LOCATION, url.to_string())]).into_response()
    }

    /// An error sent back to the redirect URI, as Microsoft words it (`error`, `error_description`
    /// with the AADSTS code and the trace and correlation IDs, `error_uri`).
    fn error(&self, error: MsError) -> Response {
        let description = format!(
            "AADSTS{}: {}\r\nTrace ID: {}\r\nCorrelation ID: {}\r\nTimestamp: {}",
            error.code,
            error.description,
            self.state.shared.new_id(),
            self.state.shared.new_id(),
            chrono::Utc::now().format("%Y-%m-%d %H:%M:%SZ")
        );
        let error_uri = format!(
            "{}/error?code={}",
            CloudProfile::for_operator(self.state.cloud).login_base,
            error.code
        );
        self.to(&[
            ("error", error.error),
            ("error_description", &description),
            ("error_uri", &error_uri),
        ])
    }
}

fn invalid_grant(code: u64, description: impl Into<String>) -> MsError {
    MsError::new(StatusCode::BAD_REQUEST, "invalid_grant", code, description)
}

/// `grant_type=authorization_code`: the platform of the redirect URI (public client or SPA
/// refuse a secret), the secret, then the code — known, unused, same client and redirect URI,
/// and the PKCE verifier matching the challenge. Any redemption attempt uses the code up.
pub(super) fn redeem_code(
    state: &CloudState,
    tenant: &TenantConfig,
    app: &AppConfig,
    form: &HashMap<String, String>,
) -> Result<Value, MsError> {
    let field = |name: &str| {
        form.get(name)
            .map(String::as_str)
            .filter(|value| !value.is_empty())
    };
    let redirect_uri = field("redirect_uri");
    let secret = field("client_secret");
    let platform = redirect_uri.and_then(|uri| {
        app.redirect_uris
            .iter()
            .find(|known| redirect_matches(&known.uri, uri))
    });
    match platform.map(|known| known.platform) {
        Some(Platform::PublicClient) if secret.is_some() => {
            return Err(MsError::new(
                StatusCode::UNAUTHORIZED,
                "invalid_client",
                700025,
                "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.",
            ));
        }
        Some(Platform::Spa) => {
            return Err(MsError::new(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                9002327,
                "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin \
                 requests.",
            ));
        }
        _ => {}
    }
    check_secret(app, secret)?;
    let expired = || {
        invalid_grant(
            70008,
            "The provided authorization code or refresh token has expired due to inactivity. Send a new \
             interactive authorization request for this user and resource.",
        )
    };
    let code = field("code").ok_or_else(expired)?;
    let mut issued = lock(&state.shared.delegated);
    let entry = issued.codes.get_mut(code).ok_or_else(expired)?;
    if entry.redeemed {
        return Err(invalid_grant(
            54005,
            "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing \
             refresh token.",
        ));
    }
    entry.redeemed = true;
    let grant = entry.grant.clone();
    if grant.cloud != state.cloud
        || !grant.tenant_id.eq_ignore_ascii_case(&tenant.id)
        || !grant.client_id.eq_ignore_ascii_case(&app.client_id)
    {
        return Err(invalid_grant(
            70000,
            "The provided value for the 'code' parameter is not valid: it was issued to another client.",
        ));
    }
    if redirect_uri != Some(entry.redirect_uri.as_str()) {
        return Err(invalid_grant(
            50011,
            format!(
                "The reply address '{}' does not match the reply address '{}' provided when requesting \
                 Authorization code.",
                redirect_uri.unwrap_or(""),
                entry.redirect_uri
            ),
        ));
    }
    if let Some((challenge, method)) = &entry.challenge {
        let verifier = field("code_verifier").unwrap_or("");
        let expected = if method == "S256" {
            challenge_for(verifier)
        } else {
            verifier.to_owned()
        };
        if verifier.is_empty() || expected != *challenge {
            return Err(invalid_grant(
                50148,
                "The code_verifier does not match the code_challenge supplied in the authorization request for \
                 PKCE.",
            ));
        }
    }
    if let Some(code) = app.forced_token_error {
        return Err(invalid_grant(
            code,
            "Simulated error from the Microsoft stand-in.",
        ));
    }
    Ok(issue_tokens(state, &mut issued, &grant))
}

/// `grant_type=refresh_token`: a new access token (and refresh token) for the same grant.
pub(super) fn redeem_refresh_token(
    state: &CloudState,
    tenant: &TenantConfig,
    app: &AppConfig,
    form: &HashMap<String, String>,
) -> Result<Value, MsError> {
    check_secret(
        app,
        form.get("client_secret")
            .map(String::as_str)
            .filter(|value| !value.is_empty()),
    )?;
    let token = form.get("refresh_token").map(String::as_str).unwrap_or("");
    let mut issued = lock(&state.shared.delegated);
    let grant = issued
        .refresh_tokens
        .get(token)
        .filter(|grant| {
            grant.cloud == state.cloud
                && grant.tenant_id.eq_ignore_ascii_case(&tenant.id)
                && grant.client_id.eq_ignore_ascii_case(&app.client_id)
        })
        .cloned()
        .ok_or_else(|| {
            invalid_grant(
                70008,
                "The provided authorization code or refresh token has expired due to inactivity. Send a new \
                 interactive authorization request for this user and resource.",
            )
        })?;
    if let Some(code) = app.forced_token_error {
        return Err(invalid_grant(
            code,
            "Simulated error from the Microsoft stand-in.",
        ));
    }
    issued.refresh_tokens.remove(token);
    Ok(issue_tokens(state, &mut issued, &grant))
}

/// A token answer for `grant`: always an access token; a refresh token with `offline_access`; an
/// ID token with `openid`. The `scope` lists the granted permissions by name, as Microsoft does.
fn issue_tokens(state: &CloudState, issued: &mut Issued, grant: &Grant) -> Value {
    let access_token = format!("stand-in-access.{}", state.shared.new_id());
    issued
        .access_tokens
        .insert(access_token.clone(), grant.clone());
    let scope: Vec<&str> = grant
        .scopes
        .iter()
        .map(|scope| short_scope(scope))
        .filter(|scope| !scope.eq_ignore_ascii_case("offline_access"))
        .collect();
    let mut body = json!({
        "token_type": "Bearer",
        "scope": scope.join(" "),
        "expires_in": 3599,
        "ext_expires_in": 3599,
        "access_token": access_token,
    });
    if grant.has_scope("offline_access") {
        let refresh_token = format!("stand-in-refresh.{}", state.shared.new_id());
        issued
            .refresh_tokens
            .insert(refresh_token.clone(), grant.clone());
        body["refresh_token"] = json!(refresh_token);
    }
    if grant.has_scope("openid") {
        let claims = json!({
            "aud": grant.client_id,
            "iss": format!("{}/{}/v2.0", state.shared.base(state.cloud), grant.tenant_id),
            "tid": grant.tenant_id,
            "preferred_username": grant.username,
            "name": grant.username,
            "ver": "2.0",
            "nonce": state.shared.new_id(),
        });
        let id_token = format!(
            "{}.{}.stand-in-signature",
            URL_SAFE_NO_PAD.encode(br#"{"typ":"JWT","alg":"none"}"#),
            URL_SAFE_NO_PAD.encode(claims.to_string())
        );
        issued.id_tokens.push(id_token.clone());
        body["id_token"] = json!(id_token);
    }
    body
}

/// A Graph error answer: `{"error": {"code", "message", "innerError": {…}}}`.
struct GraphError {
    status: StatusCode,
    code: &'static str,
    message: String,
}

impl GraphError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
        }
    }

    fn into_response(self, state: &CloudState) -> Response {
        let body = json!({
            "error": {
                "code": self.code,
                "message": self.message,
                "innerError": {
                    "date": chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S").to_string(),
                    "request-id": state.shared.new_id(),
                    "client-request-id": state.shared.new_id(),
                }
            }
        });
        (self.status, axum::Json(body)).into_response()
    }
}

/// The calendar `user` names, as the bearer of the request's token may see it.
struct CalendarAccess {
    address: String,
    display_name: String,
    delegation: Delegation,
}

fn calendar_access(
    state: &CloudState,
    user: &str,
    headers: &HeaderMap,
) -> Result<CalendarAccess, GraphError> {
    let unauthorized = |message: &str| {
        GraphError::new(
            StatusCode::UNAUTHORIZED,
            "InvalidAuthenticationToken",
            message,
        )
    };
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|token| !token.is_empty())
        .ok_or_else(|| unauthorized("Access token is empty."))?;
    let grant = lock(&state.shared.delegated)
        .access_tokens
        .get(token)
        .cloned()
        .filter(|grant| grant.cloud == state.cloud)
        .ok_or_else(|| unauthorized("Access token validation failure."))?;
    let access_denied = || {
        GraphError::new(
            StatusCode::FORBIDDEN,
            "ErrorAccessDenied",
            "Access is denied. Check credentials and try again.",
        )
    };
    if !grant.has_scope("Calendars.ReadWrite.Shared") {
        return Err(access_denied());
    }
    let config = lock(&state.shared.config);
    let tenant = config
        .tenants
        .iter()
        .find(|tenant| tenant.id.eq_ignore_ascii_case(&grant.tenant_id))
        .ok_or_else(|| unauthorized("Access token validation failure."))?;
    let user = user.trim();
    if user.eq_ignore_ascii_case(&grant.username) {
        return Ok(CalendarAccess {
            address: grant.username.clone(),
            display_name: grant.username.clone(),
            delegation: Delegation::ReadWrite,
        });
    }
    let room = tenant
        .rooms
        .iter()
        .find(|room| room.address.eq_ignore_ascii_case(user))
        .ok_or_else(|| {
            GraphError::new(
                StatusCode::NOT_FOUND,
                "ErrorInvalidUser",
                format!("The requested user '{user}' is invalid."),
            )
        })?;
    let delegation = room
        .delegation_for(&grant.username)
        .ok_or_else(access_denied)?;
    Ok(CalendarAccess {
        address: room.address.clone(),
        display_name: room.display_name.clone(),
        delegation,
    })
}

/// `GET /graph/v1.0/users/{user}/calendar`.
pub(super) async fn graph_calendar(
    State(state): State<CloudState>,
    Path(user): Path<String>,
    headers: HeaderMap,
) -> Response {
    if let Some(response) = fault_gate(&state, Route::Graph).await {
        return response;
    }
    match calendar_access(&state, &user, &headers) {
        Ok(access) => axum::Json(json!({
            "@odata.context": format!("{}/v1.0/$metadata#users('{}')/calendar/$entity", graph_root(&state), access.address),
            "id": format!("AAMkAD{}", state.shared.new_id()),
            "name": "Calendar",
            "color": "auto",
            "hexColor": "",
            "isDefaultCalendar": true,
            "changeKey": state.shared.new_id(),
            "canShare": false,
            "canViewPrivateItems": false,
            "canEdit": access.delegation == Delegation::ReadWrite,
            "allowedOnlineMeetingProviders": ["teamsForBusiness"],
            "defaultOnlineMeetingProvider": "teamsForBusiness",
            "isTallyingResponses": true,
            "isRemovable": false,
            "owner": { "name": access.display_name, "address": access.address },
        }))
        .into_response(),
        Err(error) => error.into_response(&state),
    }
}

/// `GET /graph/v1.0/users/{user}/calendarView?startDateTime=…&endDateTime=…`: one sample event
/// in the window (at most `$top`).
pub(super) async fn graph_calendar_view(
    State(state): State<CloudState>,
    Path(user): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    if let Some(response) = fault_gate(&state, Route::Graph).await {
        return response;
    }
    let access = match calendar_access(&state, &user, &headers) {
        Ok(access) => access,
        Err(error) => return error.into_response(&state),
    };
    let window = |name: &str| {
        query
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .and_then(|(_, value)| chrono::DateTime::parse_from_rfc3339(value).ok())
    };
    let (Some(start), Some(end)) = (window("startDateTime"), window("endDateTime")) else {
        return GraphError::new(
            StatusCode::BAD_REQUEST,
            "ErrorInvalidParameter",
            "This request requires a time window specified by the query string parameters StartDateTime and \
             EndDateTime.",
        )
        .into_response(&state);
    };
    let top: usize = query
        .get("$top")
        .and_then(|top| top.parse().ok())
        .unwrap_or(10);
    let event = json!({
        "id": format!("AAMkAGI{}", state.shared.new_id()),
        "start": { "dateTime": start.naive_utc().to_string(), "timeZone": "UTC" },
        "end": { "dateTime": (start.naive_utc() + chrono::Duration::minutes(30)).min(end.naive_utc()).to_string(), "timeZone": "UTC" },
    });
    let value: Vec<Value> = std::iter::once(event).take(top).collect();
    axum::Json(json!({
        "@odata.context": format!("{}/v1.0/$metadata#users('{}')/calendarView(start,end)", graph_root(&state), access.address),
        "value": value,
    }))
    .into_response()
}

fn graph_root(state: &CloudState) -> String {
    format!("{}/graph", state.shared.base(state.cloud))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn localhost_redirects_match_on_any_port_with_the_same_path() {
        assert!(redirect_matches(
            "http://localhost",
            "http://localhost:49152"
        ));
        assert!(redirect_matches(
            "http://localhost",
            "http://localhost:49152/"
        ));
        assert!(redirect_matches(
            "http://127.0.0.1/cb",
            "http://127.0.0.1:8400/cb"
        ));
        assert!(!redirect_matches(
            "http://localhost/cb",
            "http://localhost:8400/other"
        ));
        assert!(!redirect_matches(
            "http://localhost",
            "http://127.0.0.1:8400"
        ));
        assert!(!redirect_matches(
            "https://ones.example.com/cb",
            "https://ones.example.com:8443/cb"
        ));
        assert!(redirect_matches(
            "https://ones.example.com/cb",
            "https://ones.example.com/cb"
        ));
    }
}
