//! The "Do it with a script" cards' state: the options of the script offered, the pasted output
//! (a [`Secret`]: it holds client secrets, wiped when read or cleared), the result read from it
//! waiting for "Apply", and demo mode's runs in the simulated tenant. Drawn by [`super::view`].

use crate::model::{IntegrationDocument, Secret};
use crate::setup::result::{Change, SetupResult};
use crate::setup::{ScriptOptions, find_block, merge_into};

/// What the card remembers between frames.
#[derive(Default)]
pub struct SetupScripts {
    /// The service account for the rooms script.
    pub account: String,
    /// Which app the renew script renews.
    pub renew_sso: bool,
    /// What was pasted (it holds secrets).
    pub pasted: Secret,
    /// The result read from the paste and the changes it makes, waiting for "Apply".
    pub pending: Option<(SetupResult, Vec<Change>)>,
    /// Why the paste could not be read (rendered in the language of each frame).
    pub problem: Option<crate::i18n::Text>,
    /// The script waiting for its file name ("Save script…").
    pub to_save: Option<Vec<u8>>,
    /// Demo mode: scripts run in the simulated demo tenant instead of a real one.
    pub demo: bool,
    /// What the last run in the demo tenant printed.
    pub demo_run: Option<crate::sandbox::demo_tenant::DemoRun>,
    /// Demo mode: the integration name the demo tenants' redirect URIs follow.
    pub demo_world: crate::gui::demo_panel::DemoWorld,
}

impl SetupScripts {
    /// The options for `kind`'s script from what the card holds.
    pub fn options(&self) -> ScriptOptions {
        ScriptOptions {
            account: Some(self.account.clone()),
            app: Some(if self.renew_sso {
                crate::setup::AppChoice::Sso
            } else {
                crate::setup::AppChoice::Server
            }),
            loopback_redirect_uris: self.demo,
            ..ScriptOptions::default()
        }
    }

    /// Reads the pasted output against `doc` (which is not changed).
    pub(super) fn read(&mut self, doc: &IntegrationDocument) {
        let pasted = std::mem::take(&mut self.pasted);
        self.pending = None;
        self.problem = None;
        let mut preview = doc.clone();
        match find_block(pasted.expose())
            .and_then(|result| merge_into(&mut preview, &result).map(|changes| (result, changes)))
        {
            Ok((result, changes)) => self.pending = Some((result, changes)),
            Err(error) => {
                self.problem = Some(error.text());
                // Keep the paste so it can be corrected.
                self.pasted = pasted;
            }
        }
    }

    /// Applies the pending result to `doc` and returns the changes made (possibly none: the output
    /// matched). When the result no longer applies, or the wizard changed since "Read" so that the
    /// list shown is not what would happen, `doc` is left alone, the card says why (and shows the
    /// new list), and `None` is returned.
    pub fn apply(&mut self, doc: &mut IntegrationDocument) -> Option<Vec<Change>> {
        let (result, shown) = self.pending.take()?;
        let mut updated = doc.clone();
        match merge_into(&mut updated, &result) {
            Err(error) => {
                self.problem = Some(error.text());
                None
            }
            Ok(changes) if changes != shown => {
                self.problem = Some(crate::i18n::Text::new("gui.setup.changed_since_read"));
                self.pending = Some((result, changes));
                None
            }
            Ok(changes) => {
                *doc = updated;
                Some(changes)
            }
        }
    }
}
