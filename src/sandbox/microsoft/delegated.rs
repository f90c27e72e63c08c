//! The stand-in's delegated sign-in: the sign-in page's form for simulated accounts,
//! authorization codes bound to client, redirect URI and PKCE challenge (single use), code and
//! refresh-token redemption, and the tokens it issues (ID tokens signed like Microsoft's). Errors
//! sent back to the redirect URI and from the token endpoint take Microsoft's shapes; the tokens
//! are read by `graph.rs`. Test infrastructure: never used against Microsoft.

use std::collections::HashMap;

use axum::extract::{Form, Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use url::Url;

use super::config::{AccountConfig, AppConfig, Platform, TenantConfig};
use super::routes::{
    MsError, check_authorize_request, check_secret, fault_gate, is_own_graph, login_error_page,
    login_html,
};
use super::{CloudState, Route, lock};
use crate::cloud::CloudProfile;
use crate::model::Operator;
use crate::rooms::pkce::challenge_for;

/// What a sign-in granted: to whom, for which app, which scopes.
#[derive(Clone, Debug)]
pub(super) struct Grant {
    cloud: Operator,
    pub(super) tenant_id: String,
    client_id: String,
    pub(super) username: String,
    /// Granted scopes as requested (`openid`, `offline_access`, `{graph}/Calendars.ReadWrite.Shared`).
    scopes: Vec<String>,
}

impl Grant {
    pub(super) fn has_scope(&self, name: &str) -> bool {
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
    /// The authorize request's `nonce`, echoed in the ID token.
    nonce: Option<String>,
    redeemed: bool,
}

/// Every code and token the stand-in issued.
#[derive(Debug, Default)]
pub(super) struct Issued {
    codes: HashMap<String, IssuedCode>,
    access_tokens: HashMap<String, Grant>,
    refresh_tokens: HashMap<String, Grant>,
    id_tokens: Vec<String>,
    /// App-only access tokens (client credentials) and the cloud that issued them.
    pub(super) app_tokens: HashMap<String, Operator>,
}

impl Issued {
    /// What the delegated access token `token` grants, when this cloud issued it.
    pub(super) fn access_grant(&self, token: &str, cloud: Operator) -> Option<Grant> {
        self.access_tokens
            .get(token)
            .filter(|grant| grant.cloud == cloud)
            .cloned()
    }

    pub(super) fn all_values(&self) -> Vec<String> {
        self.codes
            .keys()
            .chain(self.access_tokens.keys())
            .chain(self.refresh_tokens.keys())
            .chain(self.id_tokens.iter())
            .chain(self.app_tokens.keys())
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
    let requested: Vec<&str> = param("scope").split_whitespace().collect();
    if let Some(error) = refusal_after_sign_in(
        &state,
        param("response_type"),
        account,
        &app,
        &tenant_config.id,
        &requested,
    ) {
        return back.error(error);
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
            nonce: params
                .get("nonce")
                .filter(|nonce| !nonce.is_empty())
                .cloned(),
            redeemed: false,
        },
    );
    back.to(&[
        ("code", code.as_str()),
        ("session_state", &state.shared.new_id()),
    ])
}

/// Why a signed-in account gets an error back at the redirect URI instead of a code: a response
/// type other than `code`, MFA required, consent missing, or a scope of another cloud's Graph.
fn refusal_after_sign_in(
    state: &CloudState,
    response_type: &str,
    account: &AccountConfig,
    app: &AppConfig,
    tenant_id: &str,
    requested: &[&str],
) -> Option<MsError> {
    if response_type != "code" {
        return Some(MsError::new(
            StatusCode::BAD_REQUEST,
            "unsupported_response_type",
            700054,
            format!(
                "response_type '{}' is not enabled for the application.",
                response_type
            ),
        ));
    }
    if account.mfa_required {
        return Some(MsError::new(
            StatusCode::BAD_REQUEST,
            "interaction_required",
            50076,
            "Due to a configuration change made by your administrator, or because you moved to a new location, you \
             must use multi-factor authentication to access '00000003-0000-0000-c000-000000000000'.",
        ));
    }
    if !account.consent_given {
        return Some(MsError::new(
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
    if let Some(foreign) = requested.iter().find_map(|scope| {
        let (resource, _) = scope.rsplit_once('/')?;
        (!is_own_graph(state, resource)).then_some(resource)
    }) {
        return Some(MsError::new(
            StatusCode::BAD_REQUEST,
            "invalid_resource",
            500011,
            format!(
                "The resource principal named {foreign} was not found in the tenant named {}.",
                tenant_id
            ),
        ));
    }
    None
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
    let nonce = entry.nonce.clone();
    issue_tokens(
        state,
        &mut issued,
        &grant,
        nonce.as_deref(),
        wants_client_info(form),
    )
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
    issue_tokens(state, &mut issued, &grant, None, wants_client_info(form))
}

/// `client_info=1`: the client (MSAL) asks for `client_info` in the answer.
fn wants_client_info(form: &HashMap<String, String>) -> bool {
    form.get("client_info").is_some_and(|value| value == "1")
}

/// The account's object ID (`oid`): a GUID derived from tenant and user name, the same on every
/// sign-in.
fn object_id(tenant_id: &str, username: &str) -> String {
    let digest = Sha256::digest(format!("{}/{}", tenant_id, username.to_ascii_lowercase()));
    let hex: String = digest[..16]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    format!(
        "{}-{}-4{}-a{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[13..16],
        &hex[17..20],
        &hex[20..32]
    )
}

/// The pairwise subject (`sub`): unique per account and app, as in Microsoft's ID tokens.
fn pairwise_subject(object_id: &str, client_id: &str) -> String {
    let digest = Sha256::digest(format!("{object_id}/{}", client_id.to_ascii_lowercase()));
    URL_SAFE_NO_PAD.encode(digest)
}

/// The `scope` of a token answer, as Microsoft writes it: the OpenID scopes (`openid` brings
/// `profile` and `email`) in alphabetical order, then the resource's permissions — in the long
/// form when they were asked for with the real Graph host's name, else by their short name.
/// `offline_access` is not echoed.
fn scope_echo(grant: &Grant) -> String {
    let mut oidc: Vec<&str> = Vec::new();
    if grant.has_scope("openid") {
        oidc.extend(["email", "openid", "profile"]);
    }
    let resource = grant.scopes.iter().filter_map(|scope| {
        let name = short_scope(scope);
        if ["openid", "profile", "email", "offline_access"]
            .iter()
            .any(|oidc| oidc.eq_ignore_ascii_case(name))
        {
            return None;
        }
        let real_graph = [Operator::Microsoft, Operator::Vianet21]
            .iter()
            .map(|cloud| CloudProfile::for_operator(*cloud).graph_base)
            .find(|graph| {
                scope
                    .strip_suffix(name)
                    .is_some_and(|prefix| prefix.trim_end_matches('/').eq_ignore_ascii_case(graph))
            });
        Some(match real_graph {
            Some(graph) => format!("{graph}/{name}"),
            None => name.to_owned(),
        })
    });
    oidc.into_iter()
        .map(str::to_owned)
        .chain(resource)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A token answer for `grant`: always an access token; a refresh token with `offline_access`; an
/// ID token (RS256, signed with the stand-in's key) with `openid`, echoing `nonce`; `client_info`
/// (`{"uid": oid, "utid": tid}`, base64url) when the client asked for it. The `scope` is
/// [`scope_echo`].
fn issue_tokens(
    state: &CloudState,
    issued: &mut Issued,
    grant: &Grant,
    nonce: Option<&str>,
    client_info: bool,
) -> Result<Value, MsError> {
    let access_token = format!("stand-in-access.{}", state.shared.new_id());
    issued
        .access_tokens
        .insert(access_token.clone(), grant.clone());
    let oid = object_id(&grant.tenant_id, &grant.username);
    let mut body = json!({
        "token_type": "Bearer",
        "scope": scope_echo(grant),
        "expires_in": 3599,
        "ext_expires_in": 3599,
        "access_token": access_token,
    });
    if client_info {
        let info = json!({ "uid": oid, "utid": grant.tenant_id });
        body["client_info"] = json!(URL_SAFE_NO_PAD.encode(info.to_string()));
    }
    if grant.has_scope("offline_access") {
        let refresh_token = format!("stand-in-refresh.{}", state.shared.new_id());
        issued
            .refresh_tokens
            .insert(refresh_token.clone(), grant.clone());
        body["refresh_token"] = json!(refresh_token);
    }
    if grant.has_scope("openid") {
        let now = chrono::Utc::now().timestamp();
        let mut claims = json!({
            "aud": grant.client_id,
            "iss": super::routes::issuer(state, &grant.tenant_id),
            "iat": now,
            "nbf": now,
            "exp": now + 3600,
            "name": grant.username,
            "oid": oid,
            "preferred_username": grant.username,
            "rh": format!("0.stand-in.{}", state.shared.new_id()),
            "sub": pairwise_subject(&oid, &grant.client_id),
            "tid": grant.tenant_id,
            "uti": state.shared.new_id(),
            "ver": "2.0",
        });
        if let Some(nonce) = nonce {
            claims["nonce"] = json!(nonce);
        }
        let id_token = state.shared.signing.sign(&claims).map_err(|error| {
            MsError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "temporarily_unavailable",
                90033,
                format!("A transient error has occurred ({error}). Please try again."),
            )
        })?;
        issued.id_tokens.push(id_token.clone());
        body["id_token"] = json!(id_token);
    }
    Ok(body)
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
