//! The loopback redirect of the sign-in (RFC 8252 §7.3): a listener on a random port of this
//! computer's loopback addresses that waits for the browser's one return from Microsoft, answers it
//! with a small page ("You can close this tab") and closes.
//!
//! Any program or web page on this computer can send a request to the port. A request that looks
//! like the callback but carries another `state` (or none) is not the sign-in's answer: it gets a
//! 400 page and the listener keeps waiting for the real one until its deadline, so a stray or
//! forged request can neither end the sign-in nor have its code redeemed.
//!
//! The redirect URI is `http://localhost:{port}`; the listener binds `127.0.0.1` and, where this
//! computer has it, `[::1]` on the same port (browsers resolve `localhost` to either). Requests that
//! are not the callback (a favicon, a speculative connection) get a 404 and are ignored. Reads are
//! bounded in size and time; the request text is wiped after reading because it carries the code.
//! Dropping the waiting future closes the port.

use std::io;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::time::Duration;

use futures_util::StreamExt;
use futures_util::stream::FuturesUnordered;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use zeroize::Zeroizing;

use crate::i18n::{Language, Text};
use crate::model::Secret;

/// The path the callback arrives on (the redirect URI has none).
const CALLBACK_PATH: &str = "/";
/// A browser's request line and headers fit easily; anything larger is not our callback.
const MAX_REQUEST_BYTES: usize = 16 * 1024;
/// How long one connection may take to send its request.
const READ_TIMEOUT: Duration = Duration::from_secs(10);
/// How long writing an answer to the browser may take.
const WRITE_TIMEOUT: Duration = Duration::from_secs(5);
/// Connections being read at once; more are closed unread.
const MAX_OPEN_CONNECTIONS: usize = 16;

/// Listens for the browser's return on this computer.
pub struct LoopbackListener {
    v4: TcpListener,
    v6: Option<TcpListener>,
    port: u16,
}

impl std::fmt::Debug for LoopbackListener {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoopbackListener")
            .field("port", &self.port)
            .field("ipv6", &self.v6.is_some())
            .finish()
    }
}

/// Why no callback came.
#[derive(Debug, thiserror::Error)]
pub enum WaitError {
    #[error("no callback within {} s", .0.as_secs())]
    TimedOut(Duration),
}

/// What Microsoft sent back in the redirect's query.
#[derive(Debug, Default)]
pub struct CallbackParams {
    pub code: Option<Secret>,
    pub state: Option<String>,
    pub error: Option<String>,
    pub error_description: Option<String>,
    pub error_uri: Option<String>,
}

/// The one callback, with the browser's connection kept open for the answer page.
pub struct Callback {
    pub params: CallbackParams,
    stream: TcpStream,
}

impl std::fmt::Debug for Callback {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Callback")
            .field("params", &self.params)
            .finish_non_exhaustive()
    }
}

impl LoopbackListener {
    /// Binds `127.0.0.1` on a random port and `[::1]` on the same port when this computer has
    /// IPv6 loopback. A port whose IPv6 twin is taken by another program is never used: the
    /// browser's request could go there.
    pub async fn bind() -> io::Result<Self> {
        for _ in 0..8 {
            let v4 = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await?;
            let port = v4.local_addr()?.port();
            match TcpListener::bind((Ipv6Addr::LOCALHOST, port)).await {
                Ok(v6) => {
                    return Ok(Self {
                        v4,
                        v6: Some(v6),
                        port,
                    });
                }
                Err(error) if error.kind() == io::ErrorKind::AddrInUse => continue,
                // No IPv6 loopback here: browsers use 127.0.0.1.
                Err(_) => return Ok(Self { v4, v6: None, port }),
            }
        }
        Err(io::Error::new(
            io::ErrorKind::AddrInUse,
            "every port tried was taken on ::1",
        ))
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// `http://localhost:{port}` — the registered `http://localhost` with this run's port.
    pub fn redirect_uri(&self) -> String {
        format!("{}:{}", super::LOOPBACK_REDIRECT_URI, self.port)
    }

    /// Waits up to `timeout` for the callback whose parameters `is_ours` accepts (the sign-in's
    /// `state`); a callback it refuses is answered 400 and the wait goes on. Consumes the
    /// listener: once this returns, nothing listens on the port any more (the callback's own
    /// connection stays open for the answer).
    pub async fn wait_for_callback(
        self,
        timeout: Duration,
        is_ours: impl Fn(&CallbackParams) -> bool,
    ) -> Result<Callback, WaitError> {
        let deadline = tokio::time::sleep(timeout);
        tokio::pin!(deadline);
        let mut reads = FuturesUnordered::new();
        loop {
            tokio::select! {
                () = &mut deadline => return Err(WaitError::TimedOut(timeout)),
                accepted = self.v4.accept() => {
                    if let Ok((stream, _)) = accepted && reads.len() < MAX_OPEN_CONNECTIONS {
                        reads.push(read_request(stream));
                    }
                }
                accepted = accept_optional(self.v6.as_ref()) => {
                    if let Ok((stream, _)) = accepted && reads.len() < MAX_OPEN_CONNECTIONS {
                        reads.push(read_request(stream));
                    }
                }
                Some(read) = reads.next(), if !reads.is_empty() => {
                    let Some((stream, request)) = read else { continue };
                    match callback_params(&request) {
                        Some(params) if is_ours(&params) => return Ok(Callback { params, stream }),
                        Some(_) => {
                            let language = crate::i18n::current_language();
                            let page = html_page_in(
                                language,
                                &Text::new("rooms.page.wrong_state.title").render(language),
                                &Text::new("rooms.page.wrong_state.message").render(language),
                            );
                            let _ = respond(stream, "400 Bad Request", &page).await;
                        }
                        None => {
                            let language = crate::i18n::current_language();
                            let page = html_page_in(
                                language,
                                &Text::new("rooms.page.not_found.title").render(language),
                                &Text::new("rooms.page.not_found.message").render(language),
                            );
                            let _ = respond(stream, "404 Not Found", &page).await;
                        }
                    }
                }
            }
        }
    }
}

impl Callback {
    /// Answers the browser with `page` (HTML) and closes the connection.
    pub async fn respond(self, page: &str) {
        let _ = respond(self.stream, "200 OK", page).await;
    }
}

async fn accept_optional(listener: Option<&TcpListener>) -> io::Result<(TcpStream, SocketAddr)> {
    match listener {
        Some(listener) => listener.accept().await,
        None => std::future::pending().await,
    }
}

/// The request line's target of one HTTP request (`/?code=…`), wiped when dropped.
struct RequestTarget {
    method: String,
    target: Zeroizing<String>,
}

/// Reads one request's head; `None` for anything that is not a readable HTTP request in time.
async fn read_request(mut stream: TcpStream) -> Option<(TcpStream, RequestTarget)> {
    let mut buffer = Zeroizing::new(Vec::with_capacity(2048));
    let mut chunk = Zeroizing::new([0u8; 1024]);
    loop {
        let read = tokio::time::timeout(READ_TIMEOUT, stream.read(chunk.as_mut_slice()))
            .await
            .ok()?
            .ok()?;
        if read == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..read]);
        if buffer.windows(4).any(|window| window == b"\r\n\r\n") {
            break;
        }
        if buffer.len() > MAX_REQUEST_BYTES {
            return None;
        }
    }
    let text = std::str::from_utf8(&buffer).ok()?;
    let mut parts = text.lines().next()?.split(' ');
    let method = parts.next()?.to_owned();
    let target = Zeroizing::new(parts.next()?.to_owned());
    Some((stream, RequestTarget { method, target }))
}

/// The callback's parameters, if `request` is the callback (a GET of the callback path carrying
/// `code`, `state` or `error`).
fn callback_params(request: &RequestTarget) -> Option<CallbackParams> {
    if request.method != "GET" {
        return None;
    }
    let (path, query) = request
        .target
        .split_once('?')
        .unwrap_or((request.target.as_str(), ""));
    if path != CALLBACK_PATH {
        return None;
    }
    let mut params = CallbackParams::default();
    for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
        match key.as_ref() {
            "code" => params.code = Some(Secret::new(value.into_owned())),
            "state" => params.state = Some(value.into_owned()),
            "error" => params.error = Some(value.into_owned()),
            "error_description" => params.error_description = Some(value.into_owned()),
            "error_uri" => params.error_uri = Some(value.into_owned()),
            _ => {}
        }
    }
    let is_callback = params.code.is_some() || params.state.is_some() || params.error.is_some();
    is_callback.then_some(params)
}

async fn respond(mut stream: TcpStream, status: &str, page: &str) -> io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n\r\n",
        page.len()
    );
    let write = async {
        stream.write_all(head.as_bytes()).await?;
        stream.write_all(page.as_bytes()).await?;
        stream.flush().await?;
        stream.shutdown().await
    };
    tokio::time::timeout(WRITE_TIMEOUT, write)
        .await
        .map_err(|_| io::Error::from(io::ErrorKind::TimedOut))?
}

/// A small self-contained HTML page in English; `title` and `message` are escaped.
pub fn html_page(title: &str, message: &str) -> String {
    html_page_in(Language::English, title, message)
}

/// A small self-contained HTML page whose own words (the product name, "You can close this tab")
/// are in `language`; `title` and `message` (already in that language) are escaped.
pub fn html_page_in(language: Language, title: &str, message: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title} — {product}\
         </title><style>body{{font-family:system-ui,sans-serif;margin:3em auto;max-width:36em;\
         padding:0 1em;line-height:1.5;color:#222}}h1{{font-size:1.4em}}</style></head><body><h1>{title}</h1>\
         <p>{message}</p><p>{close}</p></body></html>",
        lang = language.code(),
        product = escape_html(&Text::new("rooms.page.product").render(language)),
        close = escape_html(&Text::new("rooms.page.close_tab").render(language)),
        title = escape_html(title),
        message = escape_html(message)
    )
}

fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(method: &str, target: &str) -> RequestTarget {
        RequestTarget {
            method: method.to_owned(),
            target: Zeroizing::new(target.to_owned()),
        }
    }

    #[test]
    fn only_a_get_of_the_callback_path_with_parameters_is_the_callback() {
        let params =
            callback_params(&target("GET", "/?code=abc%2Fdef&state=s1&session_state=x")).unwrap();
        assert_eq!(params.code.unwrap().expose(), "abc/def");
        assert_eq!(params.state.as_deref(), Some("s1"));
        let params = callback_params(&target(
            "GET",
            "/?error=access_denied&error_description=AADSTS65004%3A+declined&state=s1",
        ))
        .unwrap();
        assert_eq!(params.error.as_deref(), Some("access_denied"));
        assert_eq!(
            params.error_description.as_deref(),
            Some("AADSTS65004: declined")
        );
        assert!(callback_params(&target("GET", "/favicon.ico")).is_none());
        assert!(callback_params(&target("GET", "/")).is_none());
        assert!(callback_params(&target("POST", "/?code=a&state=b")).is_none());
    }

    #[test]
    fn pages_escape_what_they_show() {
        let page = html_page(
            "Sign-in did not succeed",
            "<script>alert(1)</script> & more",
        );
        assert!(page.contains("&lt;script&gt;"));
        assert!(!page.contains("<script>"));
        assert!(page.contains("You can close this tab"));
    }
}
