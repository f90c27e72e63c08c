//! The plain requests the live checks make to Microsoft's login endpoints, and reading Microsoft's
//! answers (docs/domain-facts.md): OpenID discovery (§2.2) and the best-effort authorize probe
//! (§2.5). Each returns what was learned as data; turning it into a verdict and sentences is the
//! caller's job ([`super::suite`], [`crate::rooms`]). The token endpoint's requests, which send
//! secrets, are the OAuth flows of [`super::oauth`]; both build on [`super::wire`]. Answer bodies
//! are wiped from memory after reading. Sends no secret.

use serde::Deserialize;
use url::Url;

use super::wire::{
    LoginAnswer, MicrosoftError, ProbeError, Wire, endpoint, host_with_port, network,
};

/// The fields of an OpenID discovery document the checks use.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Discovery {
    pub issuer: String,
    pub token_endpoint: String,
    pub authorization_endpoint: String,
    pub cloud_instance_name: Option<String>,
}

impl Discovery {
    /// The tenant GUID from the token endpoint (`{login}/{guid}/oauth2/v2.0/token`) or the issuer.
    pub fn tenant_id(&self) -> Option<String> {
        [&self.token_endpoint, &self.issuer]
            .into_iter()
            .find_map(|text| {
                let url = Url::parse(text).ok()?;
                let first = url.path_segments()?.next()?.to_owned();
                crate::model::validation::is_guid(&first).then_some(first)
            })
    }

    /// The host (with port) the token endpoint lives on.
    pub fn token_host(&self) -> Option<String> {
        let url = Url::parse(&self.token_endpoint).ok()?;
        Some(host_with_port(&url))
    }
}

/// `GET {login}/{tenant}/v2.0/.well-known/openid-configuration`.
pub async fn discover(wire: &Wire, login_base: &str, tenant: &str) -> LoginAnswer<Discovery> {
    let url = match endpoint(
        login_base,
        &[tenant, "v2.0", ".well-known", "openid-configuration"],
    ) {
        Ok(url) => url,
        Err(error) => return LoginAnswer::Failed(error),
    };
    let request = wire
        .client
        .get(url.clone())
        .header("accept", "application/json");
    read_json(wire, request, &url).await
}

/// What the authorize endpoint showed, without signing in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AuthorizeAnswer {
    /// Microsoft's sign-in page: the request (tenant, app, redirect URI) was accepted.
    SignInPage,
    /// Microsoft's error page, with what its `$Config` blob says.
    ErrorPage(PageError),
    /// A redirect back to the redirect URI itself (so it is registered), with an error if any.
    RedirectedBack {
        error: Option<String>,
        error_description: Option<String>,
    },
    /// A redirect elsewhere (a federated sign-in, another Microsoft page).
    RedirectedElsewhere {
        host: String,
    },
    /// An answer this probe does not recognise.
    Unrecognised {
        status: u16,
    },
    Failed(ProbeError),
}

/// The error fields of an authorize error page (undocumented page internals: best effort).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageError {
    pub code: Option<u64>,
    pub message: Option<String>,
    pub trace_id: Option<String>,
    pub correlation_id: Option<String>,
    pub timestamp: Option<String>,
}

/// `GET {login}/{tenant}/oauth2/v2.0/authorize?client_id=…&response_type=code&redirect_uri=…&scope=openid`,
/// redirects not followed.
pub async fn authorize(
    wire: &Wire,
    login_base: &str,
    tenant: &str,
    client_id: &str,
    redirect_uri: &str,
) -> AuthorizeAnswer {
    let mut url = match endpoint(login_base, &[tenant, "oauth2", "v2.0", "authorize"]) {
        Ok(url) => url,
        Err(error) => return AuthorizeAnswer::Failed(error),
    };
    url.query_pairs_mut()
        .append_pair("client_id", client_id)
        .append_pair("response_type", "code")
        .append_pair("redirect_uri", redirect_uri)
        .append_pair("scope", "openid")
        .append_pair("response_mode", "query")
        .append_pair("state", "ones-m365-assistant-check");
    let response = match wire
        .client
        .get(url.clone())
        .header("accept", "text/html")
        .send()
        .await
    {
        Ok(response) => response,
        Err(error) => return AuthorizeAnswer::Failed(network(&error, &url, wire)),
    };
    let status = response.status();
    if status.is_redirection() {
        let location = crate::net::location_header(&response);
        return read_redirect(location, redirect_uri, &url);
    }
    if status.is_server_error() {
        return AuthorizeAnswer::Failed(ProbeError::ServerError {
            status: status.as_u16(),
            host: host_with_port(&url),
        });
    }
    let html = match crate::net::read_body(response, &url, wire.timeout_secs).await {
        Ok(body) => String::from_utf8_lossy(&body).into_owned(),
        Err(failure) => return AuthorizeAnswer::Failed(ProbeError::Network(failure)),
    };
    match config_blob(&html) {
        Some(config) => read_config_blob(&config),
        None => AuthorizeAnswer::Unrecognised {
            status: status.as_u16(),
        },
    }
}

fn read_redirect(location: &str, redirect_uri: &str, request_url: &Url) -> AuthorizeAnswer {
    let Ok(target) = request_url.join(location) else {
        return AuthorizeAnswer::Unrecognised { status: 302 };
    };
    let back = Url::parse(redirect_uri).is_ok_and(|registered| {
        registered.scheme() == target.scheme()
            && registered.host() == target.host()
            && registered.port_or_known_default() == target.port_or_known_default()
            && registered.path() == target.path()
    });
    if !back {
        return AuthorizeAnswer::RedirectedElsewhere {
            host: host_with_port(&target),
        };
    }
    let param = |name: &str| {
        target
            .query_pairs()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.into_owned())
    };
    AuthorizeAnswer::RedirectedBack {
        error: param("error"),
        error_description: param("error_description"),
    }
}

fn read_config_blob(config: &serde_json::Value) -> AuthorizeAnswer {
    let text = |key: &str| {
        config.get(key).and_then(|value| match value {
            serde_json::Value::String(text) if !text.trim().is_empty() => {
                Some(text.trim().to_owned())
            }
            serde_json::Value::Number(number) => Some(number.to_string()),
            _ => None,
        })
    };
    let code = ["sErrorCode", "iErrorCode"]
        .into_iter()
        .filter_map(|key| text(key)?.parse::<u64>().ok())
        .find(|code| *code != 0);
    let message = text("strServiceExceptionMessage").or_else(|| text("strMainMessage"));
    if code.is_none() && message.is_none() {
        return AuthorizeAnswer::SignInPage;
    }
    AuthorizeAnswer::ErrorPage(PageError {
        code,
        message,
        trace_id: text("sessionId").or_else(|| text("traceId")),
        correlation_id: text("correlationId"),
        timestamp: text("strTimestamp").or_else(|| text("timestamp")),
    })
}

/// The JSON object after `$Config=` in a Microsoft login page, if any: serde_json reads exactly
/// one value and stops there (the page's script goes on after it).
pub fn config_blob(html: &str) -> Option<serde_json::Value> {
    let start = html.find("$Config=")? + "$Config=".len();
    let rest = html[start..].trim_start();
    if !rest.starts_with('{') {
        return None;
    }
    serde_json::Deserializer::from_str(rest)
        .into_iter::<serde_json::Value>()
        .next()?
        .ok()
}

pub(crate) async fn read_json<T: serde::de::DeserializeOwned>(
    wire: &Wire,
    request: reqwest::RequestBuilder,
    url: &Url,
) -> LoginAnswer<T> {
    let response = match request.send().await {
        Ok(response) => response,
        Err(error) => return LoginAnswer::Failed(network(&error, url, wire)),
    };
    let status = response.status();
    let host = host_with_port(url);
    // The body may hold tokens: our copy is wiped when dropped (the HTTP stack's own buffers are
    // beyond reach); it is never more than `net::MAX_BODY_BYTES`.
    let body = match crate::net::read_body(response, url, wire.timeout_secs).await {
        Ok(body) => body,
        Err(failure) => return LoginAnswer::Failed(ProbeError::Network(failure)),
    };
    if status.is_success() {
        return match serde_json::from_slice::<T>(&body) {
            Ok(value) => LoginAnswer::Success(value),
            Err(error) => LoginAnswer::Failed(ProbeError::Unreadable {
                status: status.as_u16(),
                host,
                reason: format!("not the JSON Microsoft sends: {error}"),
            }),
        };
    }
    match serde_json::from_slice::<MicrosoftError>(&body) {
        Ok(error) if error.code().is_some() || !error.error.is_empty() => LoginAnswer::Refused {
            status: status.as_u16(),
            body: error,
        },
        _ if status.is_server_error() => LoginAnswer::Failed(ProbeError::ServerError {
            status: status.as_u16(),
            host,
        }),
        Ok(_) => LoginAnswer::Failed(ProbeError::UnexpectedStatus {
            status: status.as_u16(),
            host,
        }),
        Err(error) => LoginAnswer::Failed(ProbeError::Unreadable {
            status: status.as_u16(),
            host,
            reason: format!("not the JSON Microsoft sends: {error}"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_config_blob_of_an_error_page() {
        let html = r#"<html><script>//<![CDATA[
$Config={"sErrorCode":"50011","iErrorCode":50011,"strServiceExceptionMessage":"AADSTS50011: The redirect URI {x} does not match","correlationId":"c-1","sessionId":"t-1","arr":[{"a":"}"}]};
//]]></script></html>"#;
        let config = config_blob(html).unwrap();
        match read_config_blob(&config) {
            AuthorizeAnswer::ErrorPage(page) => {
                assert_eq!(page.code, Some(50011));
                assert_eq!(page.trace_id.as_deref(), Some("t-1"));
                assert_eq!(page.correlation_id.as_deref(), Some("c-1"));
                assert!(page.message.unwrap().starts_with("AADSTS50011"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_config_without_an_error_is_the_sign_in_page() {
        let html = r#"$Config={"pgid":"ConvergedSignIn","urlPost":"/common/login","sErrorCode":"","iErrorCode":0};"#;
        assert_eq!(
            read_config_blob(&config_blob(html).unwrap()),
            AuthorizeAnswer::SignInPage
        );
        assert_eq!(config_blob("<html>no blob</html>"), None);
        assert_eq!(config_blob("$Config={\"open\": "), None);
    }

    #[test]
    fn a_redirect_to_the_redirect_uri_is_back_and_others_are_elsewhere() {
        let request = Url::parse("https://login.example/t/oauth2/v2.0/authorize").unwrap();
        let uri = "https://ones.example.com/cb";
        assert_eq!(
            read_redirect(
                "https://ones.example.com/cb?error=access_denied&error_description=no",
                uri,
                &request
            ),
            AuthorizeAnswer::RedirectedBack {
                error: Some("access_denied".to_owned()),
                error_description: Some("no".to_owned())
            }
        );
        assert_eq!(
            read_redirect("https://adfs.contoso.com/adfs/ls", uri, &request),
            AuthorizeAnswer::RedirectedElsewhere {
                host: "adfs.contoso.com".to_owned()
            }
        );
    }

    #[test]
    fn discovery_names_the_tenant_guid() {
        let discovery = Discovery {
            token_endpoint: "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/oauth2/v2.0/token"
                .to_owned(),
            ..Discovery::default()
        };
        assert_eq!(
            discovery.tenant_id().as_deref(),
            Some("11111111-2222-3333-4444-555555555555")
        );
        assert_eq!(
            discovery.token_host().as_deref(),
            Some("login.microsoftonline.com")
        );
    }
}
