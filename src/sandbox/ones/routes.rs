//! The ONES stand-in's HTTP API: the router, token auth (Basic with the token as user name, or
//! `Authorization: <token>`; rights per token), the information, redirect-URI and integration
//! handlers, `PUT`'s validation and `If-Match` / `If-None-Match` preconditions, and ONES's error
//! bodies. The server around it (TLS, faults, lifecycle) is `ones.rs`.

use std::sync::Arc;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, Method, Response, StatusCode, header};
use axum::routing::get;
use base64::Engine as _;
use serde_json::{Value, json};

use super::{StandIn, StoredIntegration, TokenAccess, lock};
use crate::model::load::document_from_value;
use crate::model::{IntegrationDocument, Severity, integration_key, validate};
use crate::ones::Endpoint;
use crate::ones::contract::{
    self, CONFLICT_CODE, ErrorBody, INTEGRATION_NOT_FOUND_CODE, INTEGRATION_PATH, RedirectUris,
    SECRET_OWNERS, VALIDATION_FAILED_CODE, WireFieldError,
};
use crate::redirect::derive_redirect_uris;

/// Which contract endpoint a request is for (faults can target one).
pub(super) fn endpoint_of(method: &Method, path: &str) -> Option<Endpoint> {
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

pub(super) fn router(state: Arc<StandIn>, integration_api: bool) -> Router {
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

pub(super) fn error_response(status: StatusCode, code: &str, message: &str) -> Response<Body> {
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
