//! The Microsoft stand-in answers as Microsoft does (issue 11): discovery and instance discovery,
//! token answers' headers, both client authentication methods, the cross-cloud refusal
//! (AADSTS900382), RS256-signed ID tokens verifiable with the published keys and carrying the
//! standard claims, `client_info`, the scope echo, and Graph's request IDs, `$select`, time format
//! and refusals. Everything on 127.0.0.1.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::too_many_lines,
    reason = "test, bench and example code: a panic is the failure, and its output is the point"
)]
use aws_lc_rs::signature::{RSA_PKCS1_2048_8192_SHA256, RsaPublicKeyComponents};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ones_m365_assistant::checks::advice::advice_for;
use ones_m365_assistant::rooms::pkce::challenge_for;
use ones_m365_assistant::sandbox::browser::{SignInStep, SimulatedBrowser};
use ones_m365_assistant::sandbox::demo::demo_config;
use ones_m365_assistant::sandbox::microsoft::{MicrosoftStandIn, RunningMicrosoft};
use ones_m365_assistant::sandbox::{
    DEMO_CHINA_TENANT_ID, DEMO_ROOM_ACCOUNT, DEMO_ROOM_PASSWORD, DEMO_SERVER_CLIENT_ID,
    DEMO_TENANT_DOMAIN, DEMO_TENANT_ID, DEMO_UNDELEGATED_ROOM, demo_document,
};
use reqwest::header::HeaderMap;
use serde_json::Value;

const VERIFIER: &str = "a-verifier-long-enough-for-pkce-0123456789-abcdefghijklmnop";
const NONCE: &str = "nonce-from-the-client-42";

async fn stand_in() -> RunningMicrosoft {
    MicrosoftStandIn::start(demo_config())
        .await
        .expect("the stand-in starts")
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(20))
        .build()
        .unwrap()
}

fn server_secret() -> String {
    demo_document("https://ones.demo.example")
        .server_app
        .client_secret
        .expose()
        .to_owned()
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("")
}

async fn get(url: &str, extra: &[(&str, &str)]) -> (u16, HeaderMap, Value) {
    let mut request = client().get(url);
    for (name, value) in extra {
        request = request.header(*name, *value);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.json().await.unwrap_or(Value::Null);
    (status, headers, body)
}

async fn post_token(
    base: &str,
    tenant: &str,
    form: &[(&str, &str)],
    basic: Option<(&str, &str)>,
) -> (u16, HeaderMap, Value) {
    let mut request = client()
        .post(format!("{base}/{tenant}/oauth2/v2.0/token"))
        .form(form);
    if let Some((id, secret)) = basic {
        request = request.basic_auth(id, Some(secret));
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (status, headers, response.json().await.unwrap())
}

#[tokio::test]
async fn discovery_is_cacheable_and_each_cloud_names_its_own_hosts() {
    let running = stand_in().await;
    let (status, headers, global) = get(
        &format!(
            "{}/{DEMO_TENANT_ID}/v2.0/.well-known/openid-configuration",
            running.global_base()
        ),
        &[],
    )
    .await;
    assert_eq!(status, 200);
    assert!(header(&headers, "cache-control").contains("max-age="));
    assert!(header(&headers, "content-type").contains("charset=utf-8"));
    assert_eq!(global["cloud_graph_host_name"], "graph.windows.net");
    assert_eq!(global["rbac_url"], "https://pas.windows.net");
    let (status, _, china) = get(
        &format!(
            "{}/{DEMO_CHINA_TENANT_ID}/v2.0/.well-known/openid-configuration",
            running.china_base()
        ),
        &[],
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(china["cloud_graph_host_name"], "graph.chinacloudapi.cn");
    assert_eq!(china["rbac_url"], "https://pas.chinacloudapi.cn");
    assert_eq!(china["msgraph_host"], "microsoftgraph.chinacloudapi.cn");
    assert!(
        global["token_endpoint"]
            .as_str()
            .unwrap()
            .starts_with(running.global_base())
    );

    // Addressed by Microsoft's own host name (a client mapping the names to 127.0.0.1, as the
    // MSAL conformance run does), it answers with Microsoft's https URLs.
    let (_, _, named) = get(
        &format!(
            "{}/{DEMO_TENANT_ID}/v2.0/.well-known/openid-configuration",
            running.global_base()
        ),
        &[("host", "login.microsoftonline.com")],
    )
    .await;
    assert_eq!(
        named["token_endpoint"],
        format!("https://login.microsoftonline.com/{DEMO_TENANT_ID}/oauth2/v2.0/token")
    );
    assert_eq!(
        named["issuer"],
        format!("https://login.microsoftonline.com/{DEMO_TENANT_ID}/v2.0")
    );
}

#[tokio::test]
async fn instance_discovery_points_at_the_tenant_document_and_refuses_unknown_hosts() {
    let running = stand_in().await;
    let url = |endpoint: &str| {
        format!(
            "{}/common/discovery/instance?api-version=1.1&authorization_endpoint={endpoint}",
            running.global_base()
        )
    };
    let (status, _, body) = get(
        &url(&format!(
            "https://login.microsoftonline.com/{DEMO_TENANT_ID}/oauth2/v2.0/authorize"
        )),
        &[],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["tenant_discovery_endpoint"],
        format!(
            "https://login.microsoftonline.com/{DEMO_TENANT_ID}/v2.0/.well-known/openid-configuration"
        )
    );
    let aliases: Vec<&str> = body["metadata"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|entry| entry["aliases"].as_array().unwrap())
        .filter_map(Value::as_str)
        .collect();
    assert!(aliases.contains(&"login.partner.microsoftonline.cn"));
    assert!(aliases.contains(&"login.windows.net"));

    let (status, headers, body) = get(
        &url("https://login.not-microsoft.example/common/oauth2/v2.0/authorize"),
        &[],
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(body["error"], "invalid_instance");
    assert_eq!(body["error_codes"][0], 50049);
    assert!(header(&headers, "cache-control").contains("no-store"));
}

#[tokio::test]
async fn token_answers_are_not_stored_and_both_client_auth_methods_work() {
    let running = stand_in().await;
    let secret = server_secret();
    let scope = format!("{}/graph/.default", running.global_base());
    let post_form = [
        ("grant_type", "client_credentials"),
        ("client_id", DEMO_SERVER_CLIENT_ID),
        ("client_secret", secret.as_str()),
        ("scope", scope.as_str()),
    ];
    let (status, headers, body) =
        post_token(running.global_base(), DEMO_TENANT_ID, &post_form, None).await;
    assert_eq!(status, 200, "{body}");
    assert!(header(&headers, "cache-control").contains("no-store"));
    assert_eq!(header(&headers, "pragma"), "no-cache");
    assert_eq!(
        header(&headers, "content-type"),
        "application/json; charset=utf-8"
    );
    assert_eq!(body["token_type"], "Bearer");

    // client_secret_basic: the credentials only in the Authorization header.
    let basic_form = [
        ("grant_type", "client_credentials"),
        ("scope", scope.as_str()),
    ];
    let basic = |secret| Some((DEMO_SERVER_CLIENT_ID, secret));
    let (status, _, body) = post_token(
        running.global_base(),
        DEMO_TENANT_ID,
        &basic_form,
        basic(secret.as_str()),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(body["access_token"].is_string());
    let (status, headers, body) = post_token(
        running.global_base(),
        DEMO_TENANT_ID,
        &basic_form,
        basic("wRo8Q~ThisIsNotTheRightSecretValue.12345"),
    )
    .await;
    assert_eq!(
        (status, body["error_codes"][0].as_u64()),
        (401, Some(7000215))
    );
    assert!(header(&headers, "cache-control").contains("no-store"));
    // A form client ID that contradicts the header's is refused.
    let (status, _, body) = post_token(
        running.global_base(),
        DEMO_TENANT_ID,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", "00000000-0000-0000-0000-000000000001"),
            ("scope", scope.as_str()),
        ],
        basic(secret.as_str()),
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (401, Some("invalid_client"))
    );
}

#[tokio::test]
async fn a_confidential_client_asking_the_global_host_for_a_china_tenant_is_900382() {
    let running = stand_in().await;
    let secret = server_secret();
    let token = |base: &str| {
        let scope = format!("{base}/graph/.default");
        let secret = secret.clone();
        let url = format!("{base}/{DEMO_CHINA_TENANT_ID}/oauth2/v2.0/token");
        async move {
            client()
                .post(url)
                .form(&[
                    ("grant_type", "client_credentials"),
                    ("client_id", DEMO_SERVER_CLIENT_ID),
                    ("client_secret", secret.as_str()),
                    ("scope", scope.as_str()),
                ])
                .send()
                .await
                .unwrap()
        }
    };
    let response = token(running.global_base()).await;
    assert_eq!(response.status().as_u16(), 400);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error_codes"][0], 900382);
    assert!(
        body["error_description"].as_str().unwrap().starts_with(
            "AADSTS900382: Confidential Client is not supported in Cross Cloud request"
        )
    );
    let advice = advice_for(900382).expect("900382 is in the advice table");
    let fix = advice.fix_text().english();
    assert!(fix.contains("service operator"), "{fix}");

    // The China host serves its own tenant.
    let response = token(running.china_base()).await;
    assert_eq!(response.status().as_u16(), 200);
}

/// Signs in the demo account through the sign-in form and redeems the code: the token answer.
async fn delegated_tokens(running: &RunningMicrosoft, scope: &str) -> Value {
    let redirect_uri = "http://localhost:49321";
    let mut authorize = url::Url::parse(&format!(
        "{}/{DEMO_TENANT_ID}/oauth2/v2.0/authorize",
        running.global_base()
    ))
    .unwrap();
    authorize
        .query_pairs_mut()
        .append_pair("client_id", DEMO_SERVER_CLIENT_ID)
        .append_pair("response_type", "code")
        .append_pair("redirect_uri", redirect_uri)
        .append_pair("scope", scope)
        .append_pair("state", "state-1")
        .append_pair("nonce", NONCE)
        .append_pair("code_challenge", &challenge_for(VERIFIER))
        .append_pair("code_challenge_method", "S256");
    let browser = SimulatedBrowser::new().unwrap();
    let step = browser
        .submit_sign_in(authorize.as_str(), DEMO_ROOM_ACCOUNT, DEMO_ROOM_PASSWORD)
        .await
        .unwrap();
    let SignInStep::Redirected(back) = step else {
        panic!("no redirect: {step:?}");
    };
    let code = back
        .query_pairs()
        .find(|(key, _)| key == "code")
        .map(|(_, value)| value.into_owned())
        .expect("a code");
    let secret = server_secret();
    let (status, headers, body) = post_token(
        running.global_base(),
        DEMO_TENANT_ID,
        &[
            ("grant_type", "authorization_code"),
            ("client_id", DEMO_SERVER_CLIENT_ID),
            ("client_secret", secret.as_str()),
            ("code", code.as_str()),
            ("redirect_uri", redirect_uri),
            ("code_verifier", VERIFIER),
            ("client_info", "1"),
            ("scope", scope),
        ],
        None,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(header(&headers, "cache-control").contains("no-store"));
    body
}

fn decode_json(part: &str) -> Value {
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).unwrap()).unwrap()
}

#[tokio::test]
async fn the_id_token_is_rs256_signed_with_the_published_key_and_carries_the_standard_claims() {
    let running = stand_in().await;
    let body = delegated_tokens(
        &running,
        "openid profile offline_access https://graph.microsoft.com/Calendars.ReadWrite.Shared",
    )
    .await;
    // Microsoft's echo: the OpenID scopes, and Graph's permission as it was asked for.
    assert_eq!(
        body["scope"],
        "email openid profile https://graph.microsoft.com/Calendars.ReadWrite.Shared"
    );
    let client_info = decode_json(body["client_info"].as_str().expect("client_info"));
    assert_eq!(client_info["utid"], DEMO_TENANT_ID);

    let id_token = body["id_token"].as_str().unwrap();
    let parts: Vec<&str> = id_token.split('.').collect();
    assert_eq!(parts.len(), 3);
    let (header, claims) = (decode_json(parts[0]), decode_json(parts[1]));
    assert_eq!(header["alg"], "RS256");

    let (_, _, discovery) = get(
        &format!(
            "{}/{DEMO_TENANT_ID}/v2.0/.well-known/openid-configuration",
            running.global_base()
        ),
        &[],
    )
    .await;
    let (status, _, jwks) = get(discovery["jwks_uri"].as_str().unwrap(), &[]).await;
    assert_eq!(status, 200);
    let key = jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|key| key["kid"] == header["kid"])
        .expect("the token's key is published");
    let component = |name: &str| URL_SAFE_NO_PAD.decode(key[name].as_str().unwrap()).unwrap();
    let (n, e) = (component("n"), component("e"));
    let public = RsaPublicKeyComponents { n: &n, e: &e };
    let signed = format!("{}.{}", parts[0], parts[1]);
    let signature = URL_SAFE_NO_PAD.decode(parts[2]).unwrap();
    public
        .verify(&RSA_PKCS1_2048_8192_SHA256, signed.as_bytes(), &signature)
        .expect("the signature verifies with the published key");
    let mut forged = signed.clone().into_bytes();
    forged[signed.len() - 2] ^= 1;
    assert!(
        public
            .verify(&RSA_PKCS1_2048_8192_SHA256, &forged, &signature)
            .is_err()
    );

    for claim in ["sub", "oid", "iat", "nbf", "exp", "preferred_username"] {
        assert!(!claims[claim].is_null(), "{claim} missing: {claims}");
    }
    assert_eq!(claims["aud"], DEMO_SERVER_CLIENT_ID);
    assert_eq!(claims["tid"], DEMO_TENANT_ID);
    assert_eq!(claims["iss"], discovery["issuer"]);
    assert_eq!(claims["ver"], "2.0");
    assert_eq!(claims["nonce"], NONCE);
    assert_eq!(claims["preferred_username"], DEMO_ROOM_ACCOUNT);
    assert_eq!(claims["oid"], client_info["uid"]);
    let (iat, exp) = (
        claims["iat"].as_i64().unwrap(),
        claims["exp"].as_i64().unwrap(),
    );
    assert!(exp > iat && (iat - chrono::Utc::now().timestamp()).abs() < 300);

    // A refresh keeps the subject, and has no nonce to echo.
    let secret = server_secret();
    let (status, _, refreshed) = post_token(
        running.global_base(),
        DEMO_TENANT_ID,
        &[
            ("grant_type", "refresh_token"),
            ("client_id", DEMO_SERVER_CLIENT_ID),
            ("client_secret", secret.as_str()),
            ("refresh_token", body["refresh_token"].as_str().unwrap()),
            ("client_info", "1"),
        ],
        None,
    )
    .await;
    assert_eq!(status, 200, "{refreshed}");
    let again = decode_json(
        refreshed["id_token"]
            .as_str()
            .unwrap()
            .split('.')
            .nth(1)
            .unwrap(),
    );
    assert_eq!(again["sub"], claims["sub"]);
    assert!(again["nonce"].is_null());
    assert_eq!(refreshed["client_info"], body["client_info"]);
}

#[tokio::test]
async fn graph_sends_request_ids_honours_select_and_writes_its_own_time_format() {
    let running = stand_in().await;
    let body = delegated_tokens(
        &running,
        &format!(
            "openid offline_access {}/graph/Calendars.ReadWrite.Shared",
            running.global_base()
        ),
    )
    .await;
    // Asked for with the stand-in's own Graph address: the short form.
    assert_eq!(
        body["scope"],
        "email openid profile Calendars.ReadWrite.Shared"
    );
    let token = format!("Bearer {}", body["access_token"].as_str().unwrap());
    let graph = format!("{}/graph/v1.0/users", running.global_base());
    let room = format!("room-101@{DEMO_TENANT_DOMAIN}");

    let (status, headers, calendar) = get(
        &format!("{graph}/{room}/calendar?$select=canEdit,owner"),
        &[
            ("authorization", token.as_str()),
            ("client-request-id", "my-request-1"),
        ],
    )
    .await;
    assert_eq!(status, 200, "{calendar}");
    assert_eq!(header(&headers, "client-request-id"), "my-request-1");
    assert!(!header(&headers, "request-id").is_empty());
    assert!(header(&headers, "content-type").contains("charset=utf-8"));
    let mut keys: Vec<&str> = calendar
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(keys, ["@odata.context", "canEdit", "id", "owner"]);

    let (status, _, view) = get(
        &format!(
            "{graph}/{room}/calendarView?startDateTime=2025-01-06T09:00:00Z&endDateTime=2025-01-13T09:00:00Z&$top=1&$select=start,end"
        ),
        &[("authorization", token.as_str())],
    )
    .await;
    assert_eq!(status, 200, "{view}");
    let event = &view["value"][0];
    assert_eq!(event["start"]["dateTime"], "2025-01-06T09:00:00.0000000");
    assert_eq!(event["end"]["dateTime"], "2025-01-06T09:30:00.0000000");
    assert!(event.get("subject").is_none(), "not selected: {event}");

    // Refusals: the calendar of a room not delegated, its items, and an app-only token.
    let (status, headers, refused) = get(
        &format!("{graph}/{DEMO_UNDELEGATED_ROOM}/calendar"),
        &[
            ("authorization", token.as_str()),
            ("client-request-id", "my-request-2"),
        ],
    )
    .await;
    assert_eq!(
        (status, refused["error"]["code"].as_str()),
        (403, Some("ErrorAccessDenied"))
    );
    assert_eq!(
        refused["error"]["innerError"]["client-request-id"],
        "my-request-2"
    );
    assert_eq!(
        refused["error"]["innerError"]["request-id"].as_str(),
        Some(header(&headers, "request-id"))
    );
    let (status, _, refused) = get(
        &format!(
            "{graph}/{DEMO_UNDELEGATED_ROOM}/calendarView?startDateTime=2025-01-06T09:00:00Z&endDateTime=2025-01-13T09:00:00Z"
        ),
        &[("authorization", token.as_str())],
    )
    .await;
    assert_eq!(
        (status, refused["error"]["code"].as_str()),
        (403, Some("DelegatedCalendarAccessDenied"))
    );

    let secret = server_secret();
    let scope = format!("{}/graph/.default", running.global_base());
    let (_, _, app) = post_token(
        running.global_base(),
        DEMO_TENANT_ID,
        &[
            ("grant_type", "client_credentials"),
            ("scope", scope.as_str()),
        ],
        Some((DEMO_SERVER_CLIENT_ID, secret.as_str())),
    )
    .await;
    let app_token = format!("Bearer {}", app["access_token"].as_str().unwrap());
    let (status, _, refused) = get(
        &format!("{graph}/{room}/calendar"),
        &[("authorization", app_token.as_str())],
    )
    .await;
    assert_eq!(
        (status, refused["error"]["code"].as_str()),
        (403, Some("ErrorAccessDenied"))
    );
    let (status, _, _) = get(
        &format!("{graph}/{room}/calendar"),
        &[("authorization", "Bearer not-a-token")],
    )
    .await;
    assert_eq!(status, 401);
}
