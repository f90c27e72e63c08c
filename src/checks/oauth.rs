//! The OAuth 2.0 flows — client credentials, the authorization URL with PKCE and `state`, and the
//! code redemption — through the `oauth2` crate, over the project's one HTTP client
//! ([`Wire`]: its timeouts, proxy rules, CA and body limit). `oauth2`'s own reqwest integration pins
//! another reqwest; it is off, and [`exchange`] is the `AsyncHttpClient` it is given. Secrets leave
//! the program only in [`client_credentials`] and [`redeem_code`].
//!
//! Microsoft's error body is [`MicrosoftError`] (it implements `oauth2::ErrorResponse`, so every
//! field the AADSTS table and the report need survives), and its token answer is
//! [`MicrosoftTokenResponse`], whose tokens are wiped when it is dropped; what the room test keeps is
//! copied into the project's zeroizing [`Secret`] at once. What is not wiped: the answer's raw
//! body, which `oauth2` must be given as a plain `Vec` — it is moved there without a copy
//! ([`exchange`]) and `oauth2` drops it after parsing — and the form `oauth2` builds for the
//! request (client secret, code, verifier). No egui.

use std::sync::atomic::{AtomicU16, Ordering};

use oauth2::basic::{
    BasicRevocationErrorResponse, BasicTokenIntrospectionResponse, BasicTokenType,
};
use oauth2::{
    AccessToken, AuthType, AuthUrl, AuthorizationCode, ClientId, CsrfToken, EndpointNotSet,
    PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, RefreshToken, RequestTokenError, Scope,
    StandardRevocableToken, TokenResponse, TokenUrl,
};
use serde::{Deserialize, Serialize};
use url::Url;

use super::wire::{LoginAnswer, MicrosoftError, ProbeError, Wire, endpoint, host_with_port};
use crate::model::Secret;
use crate::net::{NetFailure, describe_failure, read_body};

impl oauth2::ErrorResponse for MicrosoftError {}

/// Microsoft's token answer. `access_token` and `refresh_token` are `oauth2`'s types (its
/// `TokenResponse` trait hands them out by reference); they are wiped when this is dropped.
#[derive(Debug, Deserialize, Serialize)]
pub struct MicrosoftTokenResponse {
    access_token: AccessToken,
    token_type: BasicTokenType,
    #[serde(default)]
    expires_in: Option<u64>,
    #[serde(default)]
    refresh_token: Option<RefreshToken>,
    /// Read for the signed-in account's name; a `Secret` like every token.
    #[serde(default)]
    id_token: Option<Secret>,
    #[serde(
        default,
        deserialize_with = "oauth2::helpers::deserialize_space_delimited_vec",
        serialize_with = "oauth2::helpers::serialize_space_delimited_vec"
    )]
    scope: Option<Vec<Scope>>,
}

impl TokenResponse for MicrosoftTokenResponse {
    type TokenType = BasicTokenType;

    fn access_token(&self) -> &AccessToken {
        &self.access_token
    }

    fn token_type(&self) -> &BasicTokenType {
        &self.token_type
    }

    fn expires_in(&self) -> Option<std::time::Duration> {
        self.expires_in.map(std::time::Duration::from_secs)
    }

    fn refresh_token(&self) -> Option<&RefreshToken> {
        self.refresh_token.as_ref()
    }

    fn scopes(&self) -> Option<&Vec<Scope>> {
        self.scope.as_ref()
    }
}

impl Drop for MicrosoftTokenResponse {
    fn drop(&mut self) {
        let access = std::mem::replace(&mut self.access_token, AccessToken::new(String::new()));
        drop(zeroize::Zeroizing::new(access.into_secret()));
        if let Some(refresh) = self.refresh_token.take() {
            drop(zeroize::Zeroizing::new(refresh.into_secret()));
        }
    }
}

/// The `oauth2` client for Microsoft's endpoints: its error and token types, the rest basic.
type MicrosoftClient<HasAuthUrl, HasTokenUrl> = oauth2::Client<
    MicrosoftError,
    MicrosoftTokenResponse,
    BasicTokenIntrospectionResponse,
    StandardRevocableToken,
    BasicRevocationErrorResponse,
    HasAuthUrl,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    HasTokenUrl,
>;

/// A client that sends its client ID in the form (Microsoft accepts both methods; the secret, when
/// there is one, is added by the caller from its `Secret` without a copy into `oauth2`'s types).
fn client(client_id: &str) -> MicrosoftClient<EndpointNotSet, EndpointNotSet> {
    oauth2::Client::new(ClientId::new(client_id.to_owned())).set_auth_type(AuthType::RequestBody)
}

/// What the tokens the room test keeps, as zeroizing `Secret`s.
#[derive(Debug, Default)]
pub struct IssuedTokens {
    pub access_token: Option<Secret>,
    pub refresh_token: Option<Secret>,
    pub id_token: Option<Secret>,
    /// The granted scopes, space-separated.
    pub scope: Option<String>,
    pub expires_in: Option<u64>,
}

impl From<&MicrosoftTokenResponse> for IssuedTokens {
    fn from(answer: &MicrosoftTokenResponse) -> Self {
        IssuedTokens {
            access_token: Some(Secret::new(answer.access_token.secret().as_str())),
            refresh_token: answer
                .refresh_token
                .as_ref()
                .map(|token| Secret::new(token.secret().as_str())),
            id_token: answer.id_token.clone(),
            scope: answer.scope.as_ref().map(|scopes| {
                scopes
                    .iter()
                    .map(|scope| scope.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            }),
            expires_in: answer.expires_in,
        }
    }
}

/// The PKCE pair (S256) and the CSRF `state` of one sign-in, made by `oauth2`.
pub struct SignInSecrets {
    /// Sent only to the token endpoint; wiped when dropped.
    pub verifier: Secret,
    pub state: CsrfToken,
}

impl std::fmt::Debug for SignInSecrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignInSecrets")
            .field("verifier", &self.verifier)
            .finish_non_exhaustive()
    }
}

impl SignInSecrets {
    /// Whether `received` is this sign-in's `state` (compared in constant time by `oauth2`).
    pub fn state_matches(&self, received: Option<&str>) -> bool {
        received.is_some_and(|received| CsrfToken::new(received.to_owned()) == self.state)
    }
}

/// What the authorization request asks for.
pub struct AuthorizationRequest<'a> {
    pub authorize_url: Url,
    pub client_id: &'a str,
    pub redirect_uri: &'a str,
    /// Space-separated scopes.
    pub scope: &'a str,
    /// Extra parameters (e.g. `prompt=select_account`).
    pub extra: &'a [(&'a str, &'a str)],
}

/// The authorization URL (auth code + PKCE S256, `response_mode=query`), with a fresh PKCE pair and
/// `state`.
pub fn authorization_url(
    request: &AuthorizationRequest<'_>,
) -> Result<(Url, SignInSecrets), String> {
    let redirect =
        RedirectUrl::new(request.redirect_uri.to_owned()).map_err(|error| error.to_string())?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let client = client(request.client_id)
        .set_auth_uri(AuthUrl::from_url(request.authorize_url.clone()))
        .set_redirect_uri(redirect);
    let mut builder = client
        .authorize_url(CsrfToken::new_random)
        .add_scopes(
            request
                .scope
                .split_whitespace()
                .map(|scope| Scope::new(scope.to_owned())),
        )
        .set_pkce_challenge(challenge)
        .add_extra_param("response_mode", "query");
    for (name, value) in request.extra {
        builder = builder.add_extra_param(*name, *value);
    }
    let (url, state) = builder.url();
    Ok((
        url,
        SignInSecrets {
            verifier: Secret::new(verifier.into_secret()),
            state,
        },
    ))
}

/// The `AsyncHttpClient` `oauth2` is given: the project's client, and where the last answer's
/// status is kept (an error body does not carry it).
struct ProjectHttp {
    /// Cheap to clone: the HTTP client is shared.
    wire: Wire,
    status: AtomicU16,
}

impl<'c> oauth2::AsyncHttpClient<'c> for ProjectHttp {
    type Error = NetFailure;
    type Future = std::pin::Pin<
        Box<dyn std::future::Future<Output = Result<oauth2::HttpResponse, NetFailure>> + Send + 'c>,
    >;

    fn call(&'c self, request: oauth2::HttpRequest) -> Self::Future {
        Box::pin(exchange(&self.wire, request, &self.status))
    }
}

/// One request of `oauth2` on the project's client; the answer is read bounded.
async fn exchange(
    wire: &Wire,
    request: oauth2::HttpRequest,
    status: &AtomicU16,
) -> Result<oauth2::HttpResponse, NetFailure> {
    let (parts, body) = request.into_parts();
    let url =
        Url::parse(&parts.uri.to_string()).map_err(|error| NetFailure::bad_address(&error))?;
    let response = wire
        .client
        .request(parts.method, url.clone())
        .headers(parts.headers)
        .body(body)
        .send()
        .await
        .map_err(|error| describe_failure(&error, &url, wire.timeout_secs))?;
    let code = response.status();
    status.store(code.as_u16(), Ordering::Relaxed);
    let headers = response.headers().clone();
    let mut body = read_body(response, &url, wire.timeout_secs).await?;
    // `oauth2` takes a `Vec`: the buffer is moved, not copied; `oauth2` drops it unwiped.
    let mut answer = oauth2::http::Response::new(std::mem::take(&mut *body));
    *answer.status_mut() = code;
    *answer.headers_mut() = headers;
    Ok(answer)
}

/// An `oauth2` outcome as the checks' [`LoginAnswer`]: Microsoft's refusal with its body, or why there
/// was no usable answer.
fn answer_of<T>(
    result: Result<T, RequestTokenError<NetFailure, MicrosoftError>>,
    status: u16,
    url: &Url,
) -> LoginAnswer<T> {
    let host = host_with_port(url);
    match result {
        Ok(value) => LoginAnswer::Success(value),
        Err(RequestTokenError::ServerResponse(body))
            if body.code().is_some() || !body.error.is_empty() =>
        {
            LoginAnswer::Refused { status, body }
        }
        Err(RequestTokenError::Request(failure)) => {
            LoginAnswer::Failed(ProbeError::Network(failure))
        }
        Err(_) if status >= 500 => LoginAnswer::Failed(ProbeError::ServerError { status, host }),
        Err(RequestTokenError::ServerResponse(_)) => {
            LoginAnswer::Failed(ProbeError::UnexpectedStatus { status, host })
        }
        Err(RequestTokenError::Parse(error, _)) => LoginAnswer::Failed(ProbeError::Unreadable {
            status,
            host,
            reason: format!("not the JSON Microsoft sends: {}", error.inner()),
        }),
        Err(RequestTokenError::Other(reason)) => LoginAnswer::Failed(ProbeError::Unreadable {
            status,
            host,
            reason,
        }),
    }
}

/// `{login}/{tenant}/oauth2/v2.0/token`.
fn token_endpoint(login_base: &str, tenant: &str) -> Result<Url, ProbeError> {
    endpoint(login_base, &[tenant, "oauth2", "v2.0", "token"])
}

/// `POST {login}/{tenant}/oauth2/v2.0/token` with `grant_type=client_credentials` (`scope` = the
/// cloud's Graph `/.default`; docs/domain-facts.md §2.3). Success means Microsoft issued a token;
/// it is wiped unread.
pub async fn client_credentials(
    wire: &Wire,
    login_base: &str,
    tenant: &str,
    client_id: &str,
    secret: &Secret,
    scope: &str,
) -> LoginAnswer<()> {
    let token_url = match token_endpoint(login_base, tenant) {
        Ok(url) => url,
        Err(error) => return LoginAnswer::Failed(error),
    };
    let http = ProjectHttp {
        wire: wire.clone(),
        status: AtomicU16::new(0),
    };
    let client = client(client_id).set_token_uri(TokenUrl::from_url(token_url.clone()));
    let result = client
        .exchange_client_credentials()
        .add_scope(Scope::new(scope.to_owned()))
        // Borrowed from the zeroizing Secret rather than copied into `oauth2::ClientSecret`.
        .add_extra_param("client_secret", secret.expose().trim())
        .request_async(&http)
        .await
        .map(drop);
    answer_of(result, http.status.load(Ordering::Relaxed), &token_url)
}

/// What the assistant sends to redeem an authorization code (auth code + PKCE, confidential client).
pub struct CodeRedemption<'a> {
    pub client_id: &'a str,
    pub client_secret: &'a Secret,
    pub code: &'a Secret,
    pub code_verifier: &'a Secret,
    /// Identical to the one in the authorize request.
    pub redirect_uri: &'a str,
    pub scope: &'a str,
}

/// `POST {login}/{tenant}/oauth2/v2.0/token` with `grant_type=authorization_code`: redeems an
/// authorization code with the PKCE verifier and the client secret (docs/domain-facts.md §2.6).
pub async fn redeem_code(
    wire: &Wire,
    login_base: &str,
    tenant: &str,
    redemption: &CodeRedemption<'_>,
) -> LoginAnswer<IssuedTokens> {
    let token_url = match token_endpoint(login_base, tenant) {
        Ok(url) => url,
        Err(error) => return LoginAnswer::Failed(error),
    };
    let redirect = match RedirectUrl::new(redemption.redirect_uri.to_owned()) {
        Ok(redirect) => redirect,
        Err(error) => {
            return LoginAnswer::Failed(ProbeError::BadEndpoint {
                address: redemption.redirect_uri.to_owned(),
                reason: error.to_string(),
            });
        }
    };
    let http = ProjectHttp {
        wire: wire.clone(),
        status: AtomicU16::new(0),
    };
    let client = client(redemption.client_id)
        .set_token_uri(TokenUrl::from_url(token_url.clone()))
        .set_redirect_uri(redirect);
    let result = client
        .exchange_code(AuthorizationCode::new(redemption.code.expose().to_owned()))
        .set_pkce_verifier(PkceCodeVerifier::new(
            redemption.code_verifier.expose().to_owned(),
        ))
        .add_extra_param("scope", redemption.scope)
        .add_extra_param("client_secret", redemption.client_secret.expose().trim())
        .request_async(&http)
        .await
        .map(|answer| IssuedTokens::from(&answer));
    answer_of(result, http.status.load(Ordering::Relaxed), &token_url)
}
