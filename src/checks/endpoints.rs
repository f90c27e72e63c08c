//! [`Endpoints`]: the four base URLs the live checks talk to — login and Graph of each operator —
//! and whether any of them was replaced (environment variables, the built-in stand-in).
//!
//! The variable names are a contract: `ONES_M365_LOGIN_GLOBAL`, `ONES_M365_LOGIN_CHINA`,
//! `ONES_M365_GRAPH_GLOBAL`, `ONES_M365_GRAPH_CHINA`. Plain http is accepted only for loopback
//! addresses. Portal links and Microsoft's error-lookup pages always stay on the real hosts of
//! [`crate::cloud`]: they are for people, not for the checks.

use url::Url;

use crate::cloud::CloudProfile;
use crate::i18n::Text;
use crate::model::Operator;
use crate::net::transport_allowed;

pub const LOGIN_GLOBAL_ENV: &str = "ONES_M365_LOGIN_GLOBAL";
pub const LOGIN_CHINA_ENV: &str = "ONES_M365_LOGIN_CHINA";
pub const GRAPH_GLOBAL_ENV: &str = "ONES_M365_GRAPH_GLOBAL";
pub const GRAPH_CHINA_ENV: &str = "ONES_M365_GRAPH_CHINA";

/// The four override variables, in the order the banner lists them.
pub const OVERRIDE_VARIABLES: [&str; 4] = [
    LOGIN_GLOBAL_ENV,
    LOGIN_CHINA_ENV,
    GRAPH_GLOBAL_ENV,
    GRAPH_CHINA_ENV,
];

/// Login and Graph base URLs of one operator, without a trailing `/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CloudEndpoints {
    pub login: String,
    pub graph: String,
}

/// Where the checks send their requests.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoints {
    pub global: CloudEndpoints,
    pub china: CloudEndpoints,
    /// What replaced the real hosts: the variables that were set, or `stand-in`. Empty for the real
    /// Microsoft hosts.
    pub overrides: Vec<String>,
}

/// An override variable that cannot be used. Its sentence is the catalogue's (`text`); `Display`
/// is that sentence in English.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EndpointError {
    NotAUrl {
        variable: String,
        reason: String,
        value: String,
    },
    InsecureTransport {
        variable: String,
        value: String,
    },
    NotABase {
        variable: String,
        value: String,
    },
}

impl std::fmt::Display for EndpointError {
    /// The English of [`EndpointError::text`]: the catalogue is the one source of the sentence.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text().english())
    }
}

impl std::error::Error for EndpointError {}

impl EndpointError {
    /// The error as a text that renders in any language (its `Display` is the English).
    pub fn text(&self) -> Text {
        match self {
            EndpointError::NotAUrl {
                variable,
                reason,
                value,
            } => Text::new("checks.endpoint.not_a_url")
                .arg("variable", variable)
                .arg("reason", reason)
                .arg("value", value),
            EndpointError::InsecureTransport { variable, value } => {
                Text::new("checks.endpoint.insecure")
                    .arg("variable", variable)
                    .arg("value", value)
            }
            EndpointError::NotABase { variable, value } => Text::new("checks.endpoint.not_a_base")
                .arg("variable", variable)
                .arg("value", value),
        }
    }

    /// The error in the current language.
    pub fn localized_message(&self) -> String {
        self.text().localized()
    }
}

impl Default for Endpoints {
    fn default() -> Self {
        Self::microsoft()
    }
}

impl Endpoints {
    /// The real Microsoft hosts from [`crate::cloud`].
    pub fn microsoft() -> Self {
        let real = |cloud: &CloudProfile| CloudEndpoints {
            login: cloud.login_base.to_owned(),
            graph: cloud.graph_base.to_owned(),
        };
        Self {
            global: real(&crate::cloud::GLOBAL),
            china: real(&crate::cloud::CHINA),
            overrides: Vec::new(),
        }
    }

    /// The real hosts, each replaced by its environment variable when that is set and not empty.
    pub fn from_env() -> Result<Self, EndpointError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Like [`Endpoints::from_env`], reading variables through `lookup` (tests, config layers).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, EndpointError> {
        let mut endpoints = Self::microsoft();
        let slots: [(&str, &mut String); 4] = [
            (LOGIN_GLOBAL_ENV, &mut endpoints.global.login),
            (LOGIN_CHINA_ENV, &mut endpoints.china.login),
            (GRAPH_GLOBAL_ENV, &mut endpoints.global.graph),
            (GRAPH_CHINA_ENV, &mut endpoints.china.graph),
        ];
        let mut overrides = Vec::new();
        for (variable, slot) in slots {
            let Some(value) = lookup(variable)
                .map(|value| value.trim().to_owned())
                .filter(|value| !value.is_empty())
            else {
                continue;
            };
            *slot = checked_base(variable, &value)?;
            overrides.push(variable.to_owned());
        }
        endpoints.overrides = overrides;
        Ok(endpoints)
    }

    /// Both clouds served by a stand-in: login at each base, Graph at `{base}/graph`.
    pub fn for_sandbox(global_base: &str, china_base: &str) -> Result<Self, EndpointError> {
        let global = checked_base("the global stand-in address", global_base)?;
        let china = checked_base("the China stand-in address", china_base)?;
        Ok(Self {
            global: CloudEndpoints {
                graph: format!("{global}/graph"),
                login: global,
            },
            china: CloudEndpoints {
                graph: format!("{china}/graph"),
                login: china,
            },
            overrides: vec!["stand-in".to_owned()],
        })
    }

    pub fn for_operator(&self, operator: Operator) -> &CloudEndpoints {
        match operator {
            Operator::Microsoft => &self.global,
            Operator::Vianet21 => &self.china,
        }
    }

    pub fn login(&self, operator: Operator) -> &str {
        &self.for_operator(operator).login
    }

    pub fn graph(&self, operator: Operator) -> &str {
        &self.for_operator(operator).graph
    }

    /// `{graph}/.default` of `operator`'s Graph, as the client-credentials probe requests it.
    pub fn graph_default_scope(&self, operator: Operator) -> String {
        format!("{}/.default", self.graph(operator))
    }

    /// `{graph}/Calendars.ReadWrite.Shared` of `operator`'s Graph: the delegated scope ONES uses, as
    /// the room test's sign-in requests it (see [`CloudProfile::calendars_scope`]).
    pub fn calendars_scope(&self, operator: Operator) -> String {
        format!("{}/Calendars.ReadWrite.Shared", self.graph(operator))
    }

    pub fn is_overridden(&self) -> bool {
        !self.overrides.is_empty()
    }

    /// The sentence a GUI banner and the diagnostic report show while any host is replaced.
    pub fn banner(&self) -> Option<String> {
        if !self.is_overridden() {
            return None;
        }
        self.banner_text().map(|text| text.english())
    }

    /// [`Endpoints::banner`] as a text that renders in any language.
    pub fn banner_text(&self) -> Option<Text> {
        if !self.is_overridden() {
            return None;
        }
        Some(
            Text::new("checks.endpoint.banner")
                .arg("overrides", self.overrides.join(", "))
                .arg("global", &self.global.login)
                .arg("china", &self.china.login),
        )
    }

    /// [`Endpoints::banner`] in the current language.
    pub fn localized_banner(&self) -> Option<String> {
        self.banner_text().map(|text| text.localized())
    }
}

fn checked_base(variable: &str, value: &str) -> Result<String, EndpointError> {
    let url = Url::parse(value.trim()).map_err(|error| EndpointError::NotAUrl {
        variable: variable.to_owned(),
        reason: error.to_string(),
        value: value.to_owned(),
    })?;
    if url.host().is_none() || !matches!(url.scheme(), "http" | "https") {
        return Err(EndpointError::NotAUrl {
            variable: variable.to_owned(),
            reason: "it needs http(s):// and a host".to_owned(),
            value: value.to_owned(),
        });
    }
    if !transport_allowed(&url) {
        return Err(EndpointError::InsecureTransport {
            variable: variable.to_owned(),
            value: value.to_owned(),
        });
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(EndpointError::NotABase {
            variable: variable.to_owned(),
            value: value.to_owned(),
        });
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| {
            pairs
                .iter()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.clone())
        }
    }

    #[test]
    fn no_variables_means_microsoft() {
        let endpoints = Endpoints::from_lookup(lookup(&[])).unwrap();
        assert_eq!(endpoints, Endpoints::microsoft());
        assert!(!endpoints.is_overridden());
        assert_eq!(endpoints.banner(), None);
        assert_eq!(
            endpoints.graph_default_scope(Operator::Vianet21),
            "https://microsoftgraph.chinacloudapi.cn/.default"
        );
    }

    #[test]
    fn variables_replace_each_base_and_raise_the_banner() {
        let endpoints = Endpoints::from_lookup(lookup(&[
            (LOGIN_CHINA_ENV, "http://127.0.0.1:9000/"),
            (GRAPH_GLOBAL_ENV, "https://graph.test.example"),
        ]))
        .unwrap();
        assert_eq!(endpoints.login(Operator::Vianet21), "http://127.0.0.1:9000");
        assert_eq!(
            endpoints.login(Operator::Microsoft),
            "https://login.microsoftonline.com"
        );
        assert_eq!(
            endpoints.graph(Operator::Microsoft),
            "https://graph.test.example"
        );
        assert_eq!(
            endpoints.overrides,
            vec![LOGIN_CHINA_ENV.to_owned(), GRAPH_GLOBAL_ENV.to_owned()]
        );
        assert!(endpoints.banner().unwrap().contains(LOGIN_CHINA_ENV));
    }

    #[test]
    fn plain_http_only_on_loopback() {
        let error =
            Endpoints::from_lookup(lookup(&[(LOGIN_GLOBAL_ENV, "http://login.example.com")]))
                .unwrap_err();
        assert!(matches!(error, EndpointError::InsecureTransport { .. }));
        assert!(error.to_string().contains(LOGIN_GLOBAL_ENV));
        assert!(
            Endpoints::from_lookup(lookup(&[(LOGIN_GLOBAL_ENV, "http://localhost:1")])).is_ok()
        );
        assert!(Endpoints::from_lookup(lookup(&[(LOGIN_GLOBAL_ENV, "http://[::1]:1")])).is_ok());
        assert!(matches!(
            Endpoints::from_lookup(lookup(&[(GRAPH_CHINA_ENV, "graph")])).unwrap_err(),
            EndpointError::NotAUrl { .. }
        ));
    }

    /// `Display` is the catalogue's sentence in English, word for word as before it was one
    /// source, whatever the current language.
    #[test]
    fn display_is_the_catalogue_sentence_in_english() {
        let error = |pairs: &[(&str, &str)]| Endpoints::from_lookup(lookup(pairs)).unwrap_err();
        let insecure = error(&[(LOGIN_GLOBAL_ENV, "http://login.example.com")]);
        assert_eq!(
            insecure.to_string(),
            "ONES_M365_LOGIN_GLOBAL must use https (plain http is allowed only for 127.0.0.1, ::1 \
             and localhost); unset it or fix the address: http://login.example.com"
        );
        let not_a_base = error(&[(GRAPH_GLOBAL_ENV, "https://graph.example.com/?x=1")]);
        assert_eq!(
            not_a_base.to_string(),
            "ONES_M365_GRAPH_GLOBAL must be a base address without ?query or #fragment: \
             https://graph.example.com/?x=1"
        );
        let not_a_url = error(&[(GRAPH_CHINA_ENV, "graph")]);
        assert!(
            not_a_url
                .to_string()
                .starts_with("ONES_M365_GRAPH_CHINA is not a web address (")
                && not_a_url
                    .to_string()
                    .ends_with("); use e.g. https://login.example.com: graph"),
            "{not_a_url}"
        );
        for error in [insecure, not_a_base, not_a_url] {
            assert_eq!(error.to_string(), error.text().english());
        }
    }

    #[test]
    fn sandbox_serves_graph_under_each_base() {
        let endpoints =
            Endpoints::for_sandbox("http://127.0.0.1:1", "http://127.0.0.1:2/").unwrap();
        assert_eq!(
            endpoints.graph(Operator::Vianet21),
            "http://127.0.0.1:2/graph"
        );
        assert!(endpoints.is_overridden());
    }
}
