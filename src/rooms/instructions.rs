//! The data for explaining the one redirect URI the room test needs — `http://localhost` under the
//! server app's Web platform — as text and links the GUI and the CLI show (copy button, portal
//! link). No I/O.

use serde::Serialize;

use super::LOOPBACK_REDIRECT_URI;
use crate::checks::PortalTarget;
use crate::cloud::{CloudProfile, PortalPage, portal_link};
use crate::model::IntegrationDocument;
use crate::model::validation::is_guid;

/// How to register (and later remove) the room test's redirect URI.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LoopbackSetup {
    /// The value to copy: `http://localhost`.
    pub redirect_uri: &'static str,
    /// The platform to register it under: `Web`.
    pub platform: &'static str,
    /// The server app's Authentication page in the operator's portal (the app list when the
    /// client ID is not a GUID yet).
    pub authentication_page: PortalTarget,
    /// Why the test needs it, in one paragraph.
    pub why: String,
    /// What to do, step by step.
    pub steps: Vec<String>,
    /// The reminder to remove it after the test where policy requires.
    pub removal_reminder: String,
}

/// The instructions for `doc`'s server app and operator.
pub fn loopback_setup(doc: &IntegrationDocument) -> LoopbackSetup {
    let cloud = CloudProfile::for_operator(doc.operator);
    let client_id = doc.server_app.client_id.trim();
    let app_id = is_guid(client_id).then_some(client_id);
    let page = PortalPage::Authentication;
    LoopbackSetup {
        redirect_uri: LOOPBACK_REDIRECT_URI,
        platform: "Web",
        authentication_page: PortalTarget {
            page,
            title: page.title(),
            url: portal_link(cloud, page, app_id),
        },
        why: format!(
            "The room test signs in as the service account in your browser, and Microsoft sends the answer back \
             to the assistant on this computer at {LOOPBACK_REDIRECT_URI}. Microsoft ignores the port of \
             localhost addresses, so this one entry serves every test run. ONES itself does not use it."
        ),
        steps: vec![
            format!(
                "Open the server app's Authentication page in the Azure portal ({}){}.",
                cloud.portal_base,
                if app_id.is_some() {
                    ""
                } else {
                    " (the link opens the app list until the Application (client) ID is filled in: pick the app)"
                }
            ),
            "Under Platform configurations, find Web (if there is none: Add a platform → Web)."
                .to_owned(),
            format!(
                "Click Add URI and paste {LOOPBACK_REDIRECT_URI} — exactly, without a port, a path or a trailing \
                 slash. Keep the redirect URI ONES uses as it is."
            ),
            "Click Save. Microsoft may need a minute before it accepts the new URI.".to_owned(),
        ],
        removal_reminder: format!(
            "When the room test has passed, remove {LOOPBACK_REDIRECT_URI} again (Authentication → Web → the bin \
             icon next to it, then Save) if your organisation's policy does not allow extra redirect URIs; add it \
             again before the next test."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Operator;

    #[test]
    fn the_link_is_the_server_app_authentication_page_of_the_operator() {
        let mut doc = IntegrationDocument {
            operator: Operator::Vianet21,
            ..IntegrationDocument::default()
        };
        doc.server_app.client_id = "11111111-2222-3333-4444-555555555555".to_owned();
        let setup = loopback_setup(&doc);
        assert_eq!(setup.redirect_uri, "http://localhost");
        assert_eq!(setup.platform, "Web");
        assert!(
            setup
                .authentication_page
                .url
                .starts_with("https://portal.azure.cn/")
        );
        assert!(
            setup
                .authentication_page
                .url
                .contains("/Authentication/appId/11111111-2222-3333-4444-555555555555/")
        );
        assert!(setup.steps.iter().any(|step| step.contains("Web")));
        assert!(setup.removal_reminder.contains("remove"));
    }
}
