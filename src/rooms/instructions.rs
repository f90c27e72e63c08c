//! The data for explaining the one redirect URI the room test needs — `http://localhost` under the
//! server app's Web platform — as text and links the GUI and the CLI show (copy button, portal
//! link). No I/O.

use serde::Serialize;

use super::LOOPBACK_REDIRECT_URI;
use crate::checks::PortalTarget;
use crate::cloud::{CloudProfile, PortalPage, portal_link};
use crate::i18n::Text;
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
    /// Why the test needs it, in one paragraph (English in JSON).
    pub why: Text,
    /// What to do, step by step.
    pub steps: Vec<Text>,
    /// The reminder to remove it after the test where policy requires.
    pub removal_reminder: Text,
}

impl LoopbackSetup {
    /// Why the test needs the redirect URI, in the current language.
    pub fn localized_why(&self) -> String {
        self.why.localized()
    }

    /// The steps in the current language.
    pub fn localized_steps(&self) -> Vec<String> {
        self.steps.iter().map(Text::localized).collect()
    }

    /// The removal reminder in the current language.
    pub fn localized_removal_reminder(&self) -> String {
        self.removal_reminder.localized()
    }
}

/// The instructions for `doc`'s server app and operator.
pub fn loopback_setup(doc: &IntegrationDocument) -> LoopbackSetup {
    let cloud = CloudProfile::for_operator(doc.operator);
    let client_id = doc.check_input().server_client_id;
    let app_id = is_guid(client_id).then_some(client_id);
    let page = PortalPage::Authentication;
    let why = Text::new("rooms.setup.why").arg("redirect_uri", LOOPBACK_REDIRECT_URI);
    let open = match app_id {
        Some(_) => Text::new("rooms.setup.step.open"),
        None => Text::new("rooms.setup.step.open_list"),
    };
    let steps = vec![
        open.arg("portal", cloud.portal_base),
        Text::new("rooms.setup.step.find_web"),
        Text::new("rooms.setup.step.add_uri").arg("redirect_uri", LOOPBACK_REDIRECT_URI),
        Text::new("rooms.setup.step.save"),
    ];
    let removal_reminder =
        Text::new("rooms.setup.removal_reminder").arg("redirect_uri", LOOPBACK_REDIRECT_URI);
    LoopbackSetup {
        redirect_uri: LOOPBACK_REDIRECT_URI,
        platform: "Web",
        authentication_page: PortalTarget {
            page,
            title: page.title(),
            url: portal_link(cloud, page, app_id),
        },
        why,
        steps,
        removal_reminder,
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
        assert!(
            setup
                .steps
                .iter()
                .any(|step| step.english().contains("Web"))
        );
        assert!(setup.removal_reminder.english().contains("remove"));
    }

    #[test]
    fn its_json_holds_the_english_sentences() {
        let setup = loopback_setup(&IntegrationDocument::default());
        let json = serde_json::to_value(&setup).unwrap();
        assert_eq!(json["why"], setup.why.english());
        assert_eq!(json["steps"][2], setup.steps[2].english());
        assert!(
            json["steps"][2]
                .as_str()
                .unwrap()
                .contains("http://localhost")
        );
        assert_eq!(json["removal_reminder"], setup.removal_reminder.english());
    }
}
