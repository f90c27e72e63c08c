//! The stand-in's Graph calendars: `users/{room}/calendar` and `calendarView` for the access
//! tokens the delegated sign-in issued, with the rooms' delegation matrix deciding what each
//! account may see and edit, and errors in Graph's shape (`error.code`, `innerError` with
//! `request-id`). Test infrastructure: never used against Microsoft.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::config::Delegation;
use super::routes::fault_gate;
use super::{CloudState, Route, lock};

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

    fn into_response(self, state: &CloudState, headers: &HeaderMap) -> Response {
        let ids = RequestIds::new(state, headers);
        let body = json!({
            "error": {
                "code": self.code,
                "message": self.message,
                "innerError": {
                    "date": chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S").to_string(),
                    "request-id": ids.request_id,
                    "client-request-id": ids.client_request_id,
                }
            }
        });
        graph_json(self.status, &body, &ids)
    }
}

/// Graph's `request-id` (new for each request) and `client-request-id` (the one the client sent,
/// else the same as `request-id`).
struct RequestIds {
    request_id: String,
    client_request_id: String,
}

impl RequestIds {
    fn new(state: &CloudState, headers: &HeaderMap) -> Self {
        let request_id = state.shared.new_id();
        let client_request_id = headers
            .get("client-request-id")
            .and_then(|value| value.to_str().ok())
            .map(str::trim)
            .filter(|value| !value.is_empty() && value.len() <= 128)
            .map_or_else(|| request_id.clone(), str::to_owned);
        Self {
            request_id,
            client_request_id,
        }
    }
}

/// A Graph JSON answer: OData's content type and the `request-id` / `client-request-id` headers.
fn graph_json(status: StatusCode, body: &Value, ids: &RequestIds) -> Response {
    let mut response = (status, body.to_string()).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(
            "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8",
        ),
    );
    for (name, value) in [
        ("request-id", &ids.request_id),
        ("client-request-id", &ids.client_request_id),
    ] {
        if let Ok(value) = HeaderValue::from_str(value) {
            headers.insert(name, value);
        }
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private"));
    response
}

/// `$select=a,b`: the named properties (and `id`, which Graph always returns) of `object`.
fn select(object: Value, query: &HashMap<String, String>) -> Value {
    let Some(selected) = query
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case("$select"))
        .map(|(_, value)| value)
    else {
        return object;
    };
    let Value::Object(fields) = object else {
        return object;
    };
    let wanted: Vec<&str> = selected.split(',').map(str::trim).collect();
    Value::Object(
        fields
            .into_iter()
            .filter(|(key, _)| {
                key == "id"
                    || key.starts_with("@odata.")
                    || wanted.iter().any(|wanted| wanted.eq_ignore_ascii_case(key))
            })
            .collect(),
    )
}

/// A time as Graph writes an event's `dateTime`: `2025-01-06T09:00:00.0000000`.
fn graph_time(time: chrono::NaiveDateTime) -> String {
    use chrono::Timelike as _;
    format!(
        "{}.{:07}",
        time.format("%Y-%m-%dT%H:%M:%S"),
        time.nanosecond() % 1_000_000_000 / 100
    )
}

/// The calendar `user` names, as the bearer of the request's token may see it.
struct CalendarAccess {
    address: String,
    display_name: String,
    delegation: Delegation,
}

/// `items`: the request reads the calendar's events, not the calendar itself.
fn calendar_access(
    state: &CloudState,
    user: &str,
    headers: &HeaderMap,
    items: bool,
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
    let access_denied = || {
        GraphError::new(
            StatusCode::FORBIDDEN,
            "ErrorAccessDenied",
            "Access is denied. Check credentials and try again.",
        )
    };
    let issued = lock(&state.shared.delegated);
    // An app-only token is a valid token without calendar rights: 403, as Graph answers it.
    if issued.app_tokens.get(token) == Some(&state.cloud) {
        return Err(access_denied());
    }
    let grant = issued
        .access_grant(token, state.cloud)
        .ok_or_else(|| unauthorized("Access token validation failure."))?;
    drop(issued);
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
    let delegation = room.delegation_for(&grant.username).ok_or_else(|| {
        // The room's items (calendarView) are refused with Exchange's delegate code.
        if items {
            GraphError::new(
                StatusCode::FORBIDDEN,
                "DelegatedCalendarAccessDenied",
                "Access is denied. Check credentials and try again.",
            )
        } else {
            access_denied()
        }
    })?;
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
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    if let Some(response) = fault_gate(&state, Route::Graph).await {
        return response;
    }
    match calendar_access(&state, &user, &headers, false) {
        Ok(access) => graph_json(
            StatusCode::OK,
            &select(
                json!({
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
                }),
                &query,
            ),
            &RequestIds::new(&state, &headers),
        ),
        Err(error) => error.into_response(&state, &headers),
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
    let access = match calendar_access(&state, &user, &headers, true) {
        Ok(access) => access,
        Err(error) => return error.into_response(&state, &headers),
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
        .into_response(&state, &headers);
    };
    let top: usize = query
        .get("$top")
        .and_then(|top| top.parse().ok())
        .unwrap_or(10);
    let event_end = (start.naive_utc() + chrono::Duration::minutes(30)).min(end.naive_utc());
    let event = json!({
        "@odata.etag": format!("W/\"{}\"", state.shared.new_id()),
        "id": format!("AAMkAGI{}", state.shared.new_id()),
        "subject": "Weekly planning",
        "isAllDay": false,
        "showAs": "busy",
        "start": { "dateTime": graph_time(start.naive_utc()), "timeZone": "UTC" },
        "end": { "dateTime": graph_time(event_end), "timeZone": "UTC" },
        "organizer": { "emailAddress": { "name": access.display_name, "address": access.address } },
    });
    let value: Vec<Value> = std::iter::once(select(event, &query)).take(top).collect();
    let context = match query
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case("$select"))
    {
        Some((_, selected)) => format!("calendarView({selected})"),
        None => "calendarView".to_owned(),
    };
    graph_json(
        StatusCode::OK,
        &json!({
            "@odata.context": format!("{}/v1.0/$metadata#users('{}')/{context}", graph_root(&state), access.address),
            "value": value,
        }),
        &RequestIds::new(&state, &headers),
    )
}

fn graph_root(state: &CloudState) -> String {
    format!("{}/graph", state.shared.base(state.cloud))
}
