//! [`OnesClient`]: one request per contract endpoint, each turned into plain data or an
//! [`OnesError`]. Transport rules live here: https only (plain http to loopback only, because the
//! API token goes with every request), the shared [`crate::net::build_client`] with its timeouts,
//! proxy and extra CA, answers capped at 1 MiB, no redirects followed.

use reqwest::header::{self, HeaderMap};
use reqwest::{Method, StatusCode};
use serde_json::Value;
use url::Url;

use super::contract::{
    self, ErrorBody, INTEGRATION_NOT_FOUND_CODE, RedirectUris, SECRET_OWNERS, StoredSecret,
    WireFieldError,
};
use super::error::{Endpoint, OnesError, RemoteFieldError, one_line};
use super::token::ApiToken;
use crate::model::load::document_from_value;
use crate::model::{Field, IntegrationDocument, LoadWarning};
use crate::net::{
    NetFailure, NetFailureKind, NetSettings, build_client, certificate_problem, describe_failure,
    error_chain, read_body, transport_allowed,
};

/// What `GET …/system/v1/information` told about the server. ONES does not publish the body's
/// shape, so only a `version` string is looked for (top level or under `data`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerInfo {
    /// The ONES address the client talks to (normalized, no trailing `/`).
    pub base_url: String,
    pub version: Option<String>,
}

/// An integration as ONES stores it: the document without secret values, what ONES says about
/// each secret, and the ETag to send back with `If-Match`.
#[derive(Clone, Debug, PartialEq)]
pub struct RemoteIntegration {
    /// Client secrets are empty here; see `server_secret` / `sso_secret`.
    pub document: IntegrationDocument,
    pub server_secret: StoredSecret,
    pub sso_secret: StoredSecret,
    pub etag: String,
    /// What the lenient reader ignored or defaulted in ONES's answer.
    pub warnings: Vec<LoadWarning>,
}

impl RemoteIntegration {
    /// The stored secret state for a secret field (`None` for any other field).
    pub fn secret_state(&self, field: Field) -> Option<StoredSecret> {
        match field {
            Field::ServerClientSecret => Some(self.server_secret),
            Field::SsoClientSecret => Some(self.sso_secret),
            _ => None,
        }
    }
}

/// How a PUT is guarded against overwriting someone else's change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Precondition {
    /// `If-None-Match: *` — only when no integration with this key exists yet.
    Create,
    /// `If-Match: {etag}` — only when the integration is still as it was read.
    Replace { etag: String },
}

/// ONES's answer to a successful PUT.
#[derive(Clone, Debug, PartialEq)]
pub struct PutAnswer {
    /// 201: the integration did not exist before.
    pub created: bool,
    pub stored: RemoteIntegration,
}

/// A client for one ONES server and one API token. Cheap to clone (the HTTP client is shared).
#[derive(Clone, Debug)]
pub struct OnesClient {
    http: reqwest::Client,
    base_url: Url,
    token: ApiToken,
    timeout_secs: u64,
}

/// One answer, read completely.
struct OnesResponse {
    status: StatusCode,
    headers: HeaderMap,
    /// As `net::read_body` read it: wiped when dropped (a GET answer may echo a secret).
    body: zeroize::Zeroizing<Vec<u8>>,
}

impl OnesClient {
    /// Checks the address (https, or http to loopback only) and the token, and builds the HTTP
    /// client with `net`'s timeouts, proxy and extra CA certificate. Sends nothing.
    pub fn new(ones_url: &str, token: ApiToken, net: &NetSettings) -> Result<Self, OnesError> {
        let base_url = parse_ones_url(ones_url)?;
        if token.is_empty() {
            return Err(OnesError::MissingToken);
        }
        let http = build_client(net)?;
        Ok(Self {
            http,
            base_url,
            token,
            timeout_secs: net.timeout_secs.max(1),
        })
    }

    pub fn base_url(&self) -> &Url {
        &self.base_url
    }

    /// The address as people write it: no trailing `/`.
    pub fn base_url_text(&self) -> String {
        self.base_url.as_str().trim_end_matches('/').to_owned()
    }

    /// `GET {ones}/API/external/system/v1/information`: proves the address and the token.
    pub async fn information(&self) -> Result<ServerInfo, OnesError> {
        let endpoint = Endpoint::Information;
        let answer = self
            .send(
                endpoint,
                Method::GET,
                contract::information_url(&self.base_url),
                None,
            )
            .await?;
        if !answer.status.is_success() {
            return Err(self.failure(endpoint, &answer));
        }
        let value = parse_json(endpoint, &answer.body)?;
        let version = [
            value.get("version"),
            value.get("data").and_then(|data| data.get("version")),
        ]
        .into_iter()
        .flatten()
        .find_map(Value::as_str)
        .map(one_line);
        Ok(ServerInfo {
            base_url: self.base_url_text(),
            version,
        })
    }

    /// `GET …/microsoft365/{key}/redirect-uris`: the redirect URIs this ONES server uses.
    pub async fn redirect_uris(&self, key: &str) -> Result<RedirectUris, OnesError> {
        let endpoint = Endpoint::RedirectUris;
        let answer = self
            .send(
                endpoint,
                Method::GET,
                contract::redirect_uris_url(&self.base_url, key),
                None,
            )
            .await?;
        if !answer.status.is_success() {
            return Err(self.failure(endpoint, &answer));
        }
        serde_json::from_slice(&answer.body).map_err(|error| OnesError::MalformedResponse {
            endpoint,
            reason: error.to_string(),
        })
    }

    /// `GET …/microsoft365/{key}`: the stored integration, or `None` when ONES has none by this key.
    pub async fn get_integration(&self, key: &str) -> Result<Option<RemoteIntegration>, OnesError> {
        let endpoint = Endpoint::ReadIntegration;
        let answer = self
            .send(
                endpoint,
                Method::GET,
                contract::integration_url(&self.base_url, key),
                None,
            )
            .await?;
        if answer.status == StatusCode::NOT_FOUND
            && error_body(&answer).code == INTEGRATION_NOT_FOUND_CODE
        {
            return Ok(None);
        }
        if !answer.status.is_success() {
            return Err(self.failure(endpoint, &answer));
        }
        remote_integration(endpoint, &answer).map(Some)
    }

    /// `PUT …/microsoft365/{key}` with `precondition`. Empty secrets are sent as "keep the stored
    /// one"; the secrets sent are redacted from any error text ONES returns.
    pub async fn put_integration(
        &self,
        key: &str,
        doc: &IntegrationDocument,
        precondition: &Precondition,
    ) -> Result<PutAnswer, OnesError> {
        let endpoint = Endpoint::WriteIntegration;
        let body = contract::document_for_put(doc);
        let answer = self
            .send(
                endpoint,
                Method::PUT,
                contract::integration_url(&self.base_url, key),
                Some((precondition, &body)),
            )
            .await?;
        if !answer.status.is_success() {
            // A server might echo a rejected value back: serialising the body registered the
            // secrets (`Secret::serialize` → `expose`), so no rendering of the error shows them.
            return Err(self.failure(endpoint, &answer));
        }
        let stored = remote_integration(endpoint, &answer)?;
        Ok(PutAnswer {
            created: answer.status == StatusCode::CREATED,
            stored,
        })
    }

    async fn send(
        &self,
        endpoint: Endpoint,
        method: Method,
        url: Url,
        body: Option<(&Precondition, &Value)>,
    ) -> Result<OnesResponse, OnesError> {
        let put = method == Method::PUT;
        let mut request = self
            .http
            .request(method, url.clone())
            .basic_auth(self.token.expose(), None::<&str>)
            .header(header::ACCEPT, "application/json");
        if let Some((precondition, body)) = body {
            request = match precondition {
                Precondition::Create => request.header(header::IF_NONE_MATCH, "*"),
                Precondition::Replace { etag } => request.header(header::IF_MATCH, etag.as_str()),
            };
            request = request.json(body);
        }
        tracing::debug!(%endpoint, host = url.host_str().unwrap_or_default(), "ONES request");
        let response = request
            .send()
            .await
            .map_err(|error| self.network_after_send(&error, &url, put))?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = read_body(response, &url, self.timeout_secs)
            .await
            .map_err(|failure| self.unknown_if_sent(failure, put))?;
        tracing::debug!(%endpoint, status = status.as_u16(), "ONES answer");
        Ok(OnesResponse {
            status,
            headers,
            body,
        })
    }

    /// A failure of a request that may have reached ONES: a PUT whose connection broke off or
    /// timed out after it was sent may already be stored, and the sentence says so.
    fn network_after_send(&self, error: &reqwest::Error, url: &Url, put: bool) -> OnesError {
        match self.network(error, url) {
            OnesError::Network(failure) => self.unknown_if_sent(failure, put),
            other => other,
        }
    }

    fn unknown_if_sent(&self, failure: NetFailure, put: bool) -> OnesError {
        let sent = matches!(
            failure.kind,
            NetFailureKind::Interrupted | NetFailureKind::Timeout | NetFailureKind::Other
        );
        if put && sent {
            OnesError::PutOutcomeUnknown { failure }
        } else {
            OnesError::Network(failure)
        }
    }

    /// A transport failure; certificate problems get their own variant, because the advice for an
    /// on-site ONES server differs from the general one.
    fn network(&self, error: &reqwest::Error, url: &Url) -> OnesError {
        let failure = describe_failure(error, url, self.timeout_secs);
        match certificate_problem(error) {
            Some(problem) if failure.kind == NetFailureKind::Tls => OnesError::Certificate {
                host: failure.host,
                problem,
                detail: error_chain(error),
            },
            _ => OnesError::Network(failure),
        }
    }

    /// Maps a non-success answer onto the contract's meaning.
    fn failure(&self, endpoint: Endpoint, answer: &OnesResponse) -> OnesError {
        let status = answer.status;
        let body = error_body(answer);
        match status.as_u16() {
            401 => OnesError::Unauthorized,
            403 => OnesError::Forbidden { endpoint },
            404 => OnesError::EndpointMissing {
                endpoint,
                host: self.base_url.host_str().unwrap_or("the server").to_owned(),
            },
            409 | 412 => OnesError::Conflict {
                status: status.as_u16(),
            },
            422 => OnesError::Rejected {
                errors: body.errors.iter().map(remote_field_error).collect(),
                message: body.message,
            },
            300..=399 => OnesError::Redirected {
                status: status.as_u16(),
                location: header_text(&answer.headers, header::LOCATION),
            },
            500..=599 => OnesError::Server {
                status: status.as_u16(),
                message: body.message,
                request_id: header_text(
                    &answer.headers,
                    header::HeaderName::from_static("x-request-id"),
                ),
            },
            other => OnesError::UnexpectedStatus {
                endpoint,
                status: other,
                message: body.message,
            },
        }
    }
}

/// Parses and checks a ONES address: https anywhere, http to loopback only, no user name,
/// password, query or fragment.
pub fn parse_ones_url(text: &str) -> Result<Url, OnesError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(OnesError::BadUrl {
            reason: "it is empty".to_owned(),
        });
    }
    if !text.contains("://") {
        return Err(OnesError::BadUrl {
            reason: format!("it does not start with https:// (try https://{text})"),
        });
    }
    let url = Url::parse(text).map_err(|error| OnesError::BadUrl {
        reason: error.to_string(),
    })?;
    let Some(host) = url.host_str().map(str::to_owned) else {
        return Err(OnesError::BadUrl {
            reason: "it has no server name".to_owned(),
        });
    };
    if !matches!(url.scheme(), "https" | "http") {
        return Err(OnesError::BadUrl {
            reason: format!("\"{}://\" is not a web address", url.scheme()),
        });
    }
    if !transport_allowed(&url) {
        return Err(OnesError::InsecureTransport { host });
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(OnesError::BadUrl {
            reason: "it contains a user name or password; the API token is sent separately"
                .to_owned(),
        });
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(OnesError::BadUrl {
            reason: "remove the part after ? or #".to_owned(),
        });
    }
    Ok(url)
}

fn parse_json(endpoint: Endpoint, body: &[u8]) -> Result<Value, OnesError> {
    serde_json::from_slice(body).map_err(|error| OnesError::MalformedResponse {
        endpoint,
        reason: error.to_string(),
    })
}

/// Reads a GET/PUT answer that carries the (redacted) document and its ETag.
fn remote_integration(
    endpoint: Endpoint,
    answer: &OnesResponse,
) -> Result<RemoteIntegration, OnesError> {
    let value = parse_json(endpoint, &answer.body)?;
    let loaded = document_from_value(&value).map_err(|error| OnesError::MalformedResponse {
        endpoint,
        reason: error.to_string(),
    })?;
    let etag =
        header_text(&answer.headers, header::ETAG).ok_or_else(|| OnesError::MalformedResponse {
            endpoint,
            reason: "the ETag header is missing, so a later change could overwrite someone else's"
                .to_owned(),
        })?;
    let [server_secret, sso_secret] =
        SECRET_OWNERS.map(|owner| contract::stored_secret(&value, owner));
    // The redacted secret form is expected here: the reader's note about it is not news.
    let expected_notes: Vec<String> = SECRET_OWNERS
        .iter()
        .zip([server_secret, sso_secret])
        .filter(|(_, stored)| stored.is_some())
        .map(|(owner, _)| format!("{owner}.client_secret"))
        .collect();
    let warnings = loaded
        .warnings
        .into_iter()
        .filter(|warning| !expected_notes.contains(&warning.field))
        .collect();
    // The reader already took each secret's expiry from `expires_on` when `client_secret_expires_on`
    // was absent; the document keeps no secret values.
    let document = loaded.document.without_secrets();
    Ok(RemoteIntegration {
        document,
        server_secret: server_secret.unwrap_or_default(),
        sso_secret: sso_secret.unwrap_or_default(),
        etag,
        warnings,
    })
}

fn error_body(answer: &OnesResponse) -> ErrorBody {
    serde_json::from_slice(&answer.body).unwrap_or_default()
}

fn remote_field_error(error: &WireFieldError) -> RemoteFieldError {
    RemoteFieldError {
        path: error.field.clone(),
        field: Field::from_path(&error.field),
        message: one_line(&error.message),
    }
}

fn header_text(headers: &HeaderMap, name: header::HeaderName) -> Option<String> {
    headers
        .get(name)
        .and_then(|value| value.to_str().ok())
        .map(one_line)
        .filter(|text| !text.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_checked_before_anything_is_sent() {
        assert!(matches!(
            parse_ones_url("http://ones.example.com"),
            Err(OnesError::InsecureTransport { .. })
        ));
        assert!(parse_ones_url("http://127.0.0.1:8080").is_ok());
        assert!(parse_ones_url("http://localhost:8080/ones").is_ok());
        assert!(parse_ones_url("https://ones.example.com").is_ok());
        assert!(matches!(
            parse_ones_url("ones.example.com"),
            Err(OnesError::BadUrl { .. })
        ));
        assert!(matches!(
            parse_ones_url("https://admin:pw@ones.example.com"),
            Err(OnesError::BadUrl { .. })
        ));
        assert!(matches!(
            parse_ones_url("ftp://ones.example.com"),
            Err(OnesError::BadUrl { .. })
        ));
    }

    #[test]
    fn an_empty_token_is_refused() {
        let error = OnesClient::new(
            "https://ones.example.com",
            ApiToken::new(" "),
            &NetSettings::default(),
        )
        .unwrap_err();
        assert!(matches!(error, OnesError::MissingToken));
    }
}
