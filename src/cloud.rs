//! The operator table — which hosts belong to the global (Microsoft) and the Mainland China
//! (21Vianet) cloud — and the Azure portal deep links built from it. No I/O.
//!
//! Apps registered in one cloud do not exist in the other, so every host a check talks to and every
//! link the assistant opens comes from the document's operator through this table.

use serde::Serialize;

use crate::i18n::Text;
use crate::model::validation::is_guid;
use crate::model::{CheckInput, IntegrationDocument, Operator};

/// Hosts and names of one Microsoft cloud.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CloudProfile {
    pub operator: Operator,
    /// Entra ID (login) authority, no trailing slash.
    pub login_base: &'static str,
    /// Microsoft Graph root, no trailing slash.
    pub graph_base: &'static str,
    /// Azure portal, no trailing slash.
    pub portal_base: &'static str,
    /// `cloud_instance_name` in this cloud's OpenID discovery document.
    pub cloud_instance_name: &'static str,
    /// Default domain suffix of tenants in this cloud.
    pub default_domain_suffix: &'static str,
}

pub const GLOBAL: CloudProfile = CloudProfile {
    operator: Operator::Microsoft,
    login_base: "https://login.microsoftonline.com",
    graph_base: "https://graph.microsoft.com",
    portal_base: "https://portal.azure.com",
    cloud_instance_name: "microsoftonline.com",
    default_domain_suffix: ".onmicrosoft.com",
};

pub const CHINA: CloudProfile = CloudProfile {
    operator: Operator::Vianet21,
    login_base: "https://login.partner.microsoftonline.cn",
    graph_base: "https://microsoftgraph.chinacloudapi.cn",
    portal_base: "https://portal.azure.cn",
    cloud_instance_name: "partner.microsoftonline.cn",
    default_domain_suffix: ".partner.onmschina.cn",
};

/// The delegated Microsoft Graph permissions the server app needs, as the portal lists them.
pub const SERVER_APP_PERMISSIONS: [&str; 3] =
    ["Calendars.ReadWrite.Shared", "openid", "offline_access"];

impl CloudProfile {
    pub fn for_operator(operator: Operator) -> &'static CloudProfile {
        match operator {
            Operator::Microsoft => &GLOBAL,
            Operator::Vianet21 => &CHINA,
        }
    }

    /// `{graph}/.default`, the app-only scope of this cloud's Graph.
    pub fn graph_default_scope(&self) -> String {
        format!("{}/.default", self.graph_base)
    }

    /// `{graph}/Calendars.ReadWrite.Shared`, the delegated scope ONES uses.
    pub fn calendars_scope(&self) -> String {
        format!("{}/Calendars.ReadWrite.Shared", self.graph_base)
    }

    /// Microsoft's page that explains an AADSTS code, in this cloud.
    pub fn error_lookup_url(&self, aadsts_code: u64) -> String {
        format!("{}/error?code={aadsts_code}", self.login_base)
    }

    pub fn portal_url(&self, page: PortalPage, app_id: Option<&str>) -> String {
        portal_link(self, page, app_id)
    }
}

/// Pages of the Azure portal an installer is sent to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PortalPage {
    AppList,
    NewRegistration,
    Overview,
    Authentication,
    ApiPermissions,
    CertificatesSecrets,
}

impl PortalPage {
    pub const APP_PAGES: [PortalPage; 4] = [
        PortalPage::Overview,
        PortalPage::Authentication,
        PortalPage::ApiPermissions,
        PortalPage::CertificatesSecrets,
    ];

    pub fn title(self) -> &'static str {
        match self {
            PortalPage::AppList => "App registrations",
            PortalPage::NewRegistration => "New registration",
            PortalPage::Overview => "Overview",
            PortalPage::Authentication => "Authentication",
            PortalPage::ApiPermissions => "API permissions",
            PortalPage::CertificatesSecrets => "Certificates & secrets",
        }
    }

    /// [`PortalPage::title`] as a text: the page's name in the language's portal.
    pub fn title_text(self) -> Text {
        Text::new(match self {
            PortalPage::AppList => "cloud.page.app_list",
            PortalPage::NewRegistration => "cloud.page.new_registration",
            PortalPage::Overview => "cloud.page.overview",
            PortalPage::Authentication => "cloud.page.authentication",
            PortalPage::ApiPermissions => "cloud.page.api_permissions",
            PortalPage::CertificatesSecrets => "cloud.page.certificates_secrets",
        })
    }

    /// The page's name as the portal shows it in the current language.
    pub fn localized_title(self) -> String {
        self.title_text().localized()
    }

    fn blade(self) -> Option<&'static str> {
        match self {
            PortalPage::AppList | PortalPage::NewRegistration => None,
            PortalPage::Overview => Some("Overview"),
            PortalPage::Authentication => Some("Authentication"),
            PortalPage::ApiPermissions => Some("CallAnAPI"),
            PortalPage::CertificatesSecrets => Some("Credentials"),
        }
    }
}

/// The portal URL of `page`. App pages need a valid Application (client) ID; without one they fall
/// back to the app list, where the installer can pick the app.
pub fn portal_link(cloud: &CloudProfile, page: PortalPage, app_id: Option<&str>) -> String {
    let base = cloud.portal_base;
    let app_id = app_id.map(str::trim).filter(|id| is_guid(id));
    match (page.blade(), app_id) {
        (Some(blade), Some(app_id)) => format!(
            "{base}/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/{blade}/appId/{app_id}/isMSAApp~/false"
        ),
        _ if page == PortalPage::NewRegistration => format!(
            "{base}/#view/Microsoft_AAD_RegisteredApps/CreateApplicationBlade/quickStartType~/null/isMSAApp~/false"
        ),
        _ => format!("{base}/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade"),
    }
}

/// Which of the two app registrations a link or check is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AppRole {
    /// The Server settings app (room calendars).
    Server,
    /// The User settings app (single sign-on).
    Sso,
}

impl AppRole {
    pub fn title(self) -> &'static str {
        match self {
            AppRole::Server => "Server app (room calendars)",
            AppRole::Sso => "Single sign-on app",
        }
    }

    /// [`AppRole::title`] as a text that renders in any language.
    pub fn title_text(self) -> Text {
        Text::new(match self {
            AppRole::Server => "cloud.app.server",
            AppRole::Sso => "cloud.app.sso",
        })
    }

    /// [`AppRole::title`] in the current language.
    pub fn localized_title(self) -> String {
        self.title_text().localized()
    }

    /// This app's client ID, as sent.
    pub fn client_id<'a>(self, input: &CheckInput<'a>) -> &'a str {
        match self {
            AppRole::Server => input.server_client_id,
            AppRole::Sso => input.sso_client_id,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PortalLink {
    /// `None` for the links that are not about one app (list, new registration).
    pub app: Option<AppRole>,
    pub page: PortalPage,
    pub url: String,
    /// False when the app's client ID is missing or malformed and the link points to the app list.
    pub exact: bool,
}

/// Every portal link for a document: the app list, "New registration", and each app's four pages.
pub fn links_for(doc: &IntegrationDocument) -> Vec<PortalLink> {
    let cloud = CloudProfile::for_operator(doc.operator);
    let mut links = vec![
        PortalLink {
            app: None,
            page: PortalPage::AppList,
            url: portal_link(cloud, PortalPage::AppList, None),
            exact: true,
        },
        PortalLink {
            app: None,
            page: PortalPage::NewRegistration,
            url: portal_link(cloud, PortalPage::NewRegistration, None),
            exact: true,
        },
    ];
    let input = doc.check_input();
    for role in [AppRole::Server, AppRole::Sso] {
        let app_id = role.client_id(&input);
        for page in PortalPage::APP_PAGES {
            links.push(PortalLink {
                app: Some(role),
                page,
                url: portal_link(cloud, page, Some(app_id)),
                exact: is_guid(app_id),
            });
        }
    }
    links
}

#[cfg(test)]
mod tests {
    use super::*;

    const APP: &str = "11111111-2222-3333-4444-555555555555";

    #[test]
    fn titles_render_in_the_portals_languages() {
        for page in [
            PortalPage::AppList,
            PortalPage::NewRegistration,
            PortalPage::Overview,
            PortalPage::Authentication,
            PortalPage::ApiPermissions,
            PortalPage::CertificatesSecrets,
        ] {
            assert_eq!(page.title_text().english(), page.title());
        }
        for role in [AppRole::Server, AppRole::Sso] {
            assert_eq!(role.title_text().english(), role.title());
        }
        let zh = crate::i18n::Language::SimplifiedChinese;
        assert_eq!(
            PortalPage::CertificatesSecrets.title_text().render(zh),
            "证书和密码"
        );
    }

    #[test]
    fn app_pages_use_the_operator_portal_and_blade() {
        assert_eq!(
            portal_link(&GLOBAL, PortalPage::Authentication, Some(APP)),
            format!(
                "https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Authentication/appId/{APP}/isMSAApp~/false"
            )
        );
        assert_eq!(
            portal_link(&CHINA, PortalPage::CertificatesSecrets, Some(APP)),
            format!(
                "https://portal.azure.cn/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Credentials/appId/{APP}/isMSAApp~/false"
            )
        );
        assert!(
            portal_link(&GLOBAL, PortalPage::ApiPermissions, Some(APP)).contains("/~/CallAnAPI/")
        );
    }

    #[test]
    fn app_pages_without_a_valid_id_fall_back_to_the_list() {
        let list =
            "https://portal.azure.cn/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade";
        assert_eq!(portal_link(&CHINA, PortalPage::Overview, None), list);
        assert_eq!(
            portal_link(&CHINA, PortalPage::Overview, Some("not-a-guid")),
            list
        );
    }

    #[test]
    fn scopes_follow_the_cloud() {
        assert_eq!(
            GLOBAL.graph_default_scope(),
            "https://graph.microsoft.com/.default"
        );
        assert_eq!(
            CHINA.graph_default_scope(),
            "https://microsoftgraph.chinacloudapi.cn/.default"
        );
        assert_eq!(
            CHINA.error_lookup_url(90002),
            "https://login.partner.microsoftonline.cn/error?code=90002"
        );
    }
}
