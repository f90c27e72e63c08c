//! Plays the browser on the Microsoft stand-in's sign-in page, as a person would in a real one:
//! open the authorize URL, fill in the sign-in form with an account, submit it, and follow
//! Microsoft's redirect back to the loopback address. Tests use it to drive the room test end to
//! end; each step is separate so a test can stop before the redirect (to take the code) or change
//! what is sent. Only for the stand-in: it understands its form, not Microsoft's real pages.

use url::Url;

use crate::net::{ClientSetupError, NetSettings, build_client};

/// Where submitting the sign-in form led.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignInStep {
    /// Microsoft sends the browser to this address (the redirect URI with `code` or `error`).
    Redirected(Url),
    /// Microsoft showed a page instead (an error page, or the form again with an error).
    Page { status: u16, html: String },
}

/// A page the browser ended on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Visit {
    pub url: String,
    pub status: u16,
    pub html: String,
}

#[derive(Debug, thiserror::Error)]
pub enum BrowserError {
    #[error(transparent)]
    Client(#[from] ClientSetupError),
    #[error("the request to {url} failed ({reason})")]
    Request { url: String, reason: String },
    #[error("not a web address ({reason}): {url}")]
    BadUrl { url: String, reason: String },
    #[error("the page at {url} has no sign-in form")]
    NoForm { url: String },
}

/// A browser without cookies or scripts, good for the stand-in's sign-in form.
pub struct SimulatedBrowser {
    client: reqwest::Client,
}

impl SimulatedBrowser {
    /// Uses the assistant's own client settings (redirects are followed step by step here).
    pub fn new() -> Result<Self, BrowserError> {
        Ok(Self {
            client: build_client(&NetSettings::default())?,
        })
    }

    /// Opens `authorize_url`, fills its sign-in form with `username` and `password` and submits it.
    pub async fn submit_sign_in(
        &self,
        authorize_url: &str,
        username: &str,
        password: &str,
    ) -> Result<SignInStep, BrowserError> {
        let page = self.visit(authorize_url).await?;
        let base = parse(authorize_url)?;
        let Some(form) = SignInForm::read(&page.html) else {
            return Ok(SignInStep::Page {
                status: page.status,
                html: page.html,
            });
        };
        let action = base
            .join(&form.action)
            .map_err(|error| BrowserError::BadUrl {
                url: form.action.clone(),
                reason: error.to_string(),
            })?;
        let mut fields = form.hidden;
        fields.push(("login".to_owned(), username.to_owned()));
        fields.push(("passwd".to_owned(), password.to_owned()));
        let response = self
            .client
            .post(action.clone())
            .form(&fields)
            .send()
            .await
            .map_err(|error| request_failed(&action, &error))?;
        let status = response.status();
        if status.is_redirection() {
            let location = crate::net::location_header(&response);
            let target = action
                .join(location)
                .map_err(|error| BrowserError::BadUrl {
                    url: location.to_owned(),
                    reason: error.to_string(),
                })?;
            return Ok(SignInStep::Redirected(target));
        }
        let html = response
            .text()
            .await
            .map_err(|error| request_failed(&action, &error))?;
        Ok(SignInStep::Page {
            status: status.as_u16(),
            html,
        })
    }

    /// Signs in and follows the redirect: the page the loopback listener answered with.
    pub async fn sign_in(
        &self,
        authorize_url: &str,
        username: &str,
        password: &str,
    ) -> Result<Visit, BrowserError> {
        match self
            .submit_sign_in(authorize_url, username, password)
            .await?
        {
            SignInStep::Redirected(target) => self.visit(target.as_str()).await,
            SignInStep::Page { status, html } => Ok(Visit {
                url: authorize_url.to_owned(),
                status,
                html,
            }),
        }
    }

    /// `GET url` (no redirects followed).
    pub async fn visit(&self, url: &str) -> Result<Visit, BrowserError> {
        let target = parse(url)?;
        let response = self
            .client
            .get(target.clone())
            .header("accept", "text/html")
            .send()
            .await
            .map_err(|error| request_failed(&target, &error))?;
        let status = response.status().as_u16();
        let html = response
            .text()
            .await
            .map_err(|error| request_failed(&target, &error))?;
        Ok(Visit {
            url: url.to_owned(),
            status,
            html,
        })
    }
}

fn parse(url: &str) -> Result<Url, BrowserError> {
    Url::parse(url).map_err(|error| BrowserError::BadUrl {
        url: url.to_owned(),
        reason: error.to_string(),
    })
}

fn request_failed(url: &Url, error: &reqwest::Error) -> BrowserError {
    BrowserError::Request {
        url: format!(
            "{}://{}{}",
            url.scheme(),
            url.host_str().unwrap_or(""),
            url.path()
        ),
        reason: crate::net::error_chain(error),
    }
}

/// The stand-in's sign-in form: its action and hidden fields.
struct SignInForm {
    action: String,
    hidden: Vec<(String, String)>,
}

impl SignInForm {
    fn read(html: &str) -> Option<Self> {
        let form_start = html.find("<form")?;
        let form_tag = &html[form_start..form_start + html[form_start..].find('>')?];
        let action = attribute(form_tag, "action")?;
        let hidden = html[form_start..]
            .split("<input")
            .skip(1)
            .filter_map(|rest| {
                let tag = &rest[..rest.find('>')?];
                (attribute(tag, "type")? == "hidden")
                    .then(|| Some((attribute(tag, "name")?, attribute(tag, "value")?)))
                    .flatten()
            })
            .collect();
        Some(Self { action, hidden })
    }
}

/// The unescaped value of `name="…"` in one tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let marker = format!(" {name}=\"");
    let start = tag.find(&marker)? + marker.len();
    let end = start + tag[start..].find('"')?;
    Some(
        tag[start..end]
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_action_and_hidden_fields() {
        let html = "<h1>Sign in</h1><form method=\"post\" action=\"/t/oauth2/v2.0/authorize\">\
                    <input type=\"hidden\" name=\"scope\" value=\"openid a&amp;b\">\
                    <input type=\"email\" name=\"login\"></form>";
        let form = SignInForm::read(html).unwrap();
        assert_eq!(form.action, "/t/oauth2/v2.0/authorize");
        assert_eq!(form.hidden, [("scope".to_owned(), "openid a&b".to_owned())]);
        assert!(SignInForm::read("<html>no form</html>").is_none());
    }
}
