//! What the UI asks for: a leaf module (it imports only the domain), so the views, widgets and
//! steps that push a [`Command`] do not import the app that carries it out. Views never mutate
//! shared state beyond the field being edited: they push a command, and
//! [`crate::gui::app::AssistantApp`] carries it out after drawing (`app/commands.rs`), in one
//! place that also reports failures exactly once.

use crate::model::{Field, Step};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Copy `text` to the clipboard; `what` names it in the confirmation ("room redirect URI").
    Copy {
        what: String,
        text: String,
    },
    /// Open `url` in the browser; `what` names the page.
    OpenUrl {
        what: String,
        url: String,
    },
    GoTo(Step),
    /// Show `field`'s screen and put the keyboard focus in it.
    JumpTo(Field),
    /// Start a new, empty integration (asks first when there is unsaved work).
    NewDocument,
    /// Open an integration document from a file (asks first when there is unsaved work).
    OpenFile,
    /// Save the integration document to a file chosen by the user.
    SaveFileAs,
    /// A pending "replace the current integration?" question was answered.
    ConfirmReplace(bool),
    DismissNotice(usize),
    ShowAbout(bool),
    /// Run the live checks against Microsoft on the current document.
    RunChecks,
    CancelChecks,
    /// Connect to ONES and fetch the redirect URIs it expects.
    TestOnesConnection,
    /// Connect and show what an export would change, for confirmation.
    PlanExport,
    ConfirmExport,
    CancelExport,
    PullFromOnes,
    /// Replace a redirect URI with the one the ONES server reported.
    UseOnesRedirectUri {
        field: Field,
        uri: String,
    },
    ChooseCaFile,
    /// Write the secret-renewal reminder (.ics) to a file the user chooses.
    SaveReminder,
    /// Sign in as the service account and check every room calendar.
    StartRoomTest,
    RetryFailedRooms,
    /// Stop the room test and forget its sign-in (the token is wiped).
    CloseRoomTest,
    CopyRoomReport,
    /// Copy the diagnostic report: the live checks and, when it ran, the room test.
    CopyDiagnosticReport,
    SetLanguage(crate::i18n::Language),
    SetTheme(crate::store::ThemeChoice),
    /// The in-app path field was answered: `None` cancels. `overwrite` confirms replacing an
    /// existing file.
    SubmitPath {
        path: Option<String>,
        overwrite: bool,
    },
    /// Apply the setup script's result that was read and shown, then run the live checks.
    ApplySetupResult,
    /// Write a generated setup script to a file the user chooses (`bytes`: what the file holds).
    SaveScript {
        file_name: String,
        bytes: Vec<u8>,
    },
    /// Demo mode: do what the script would do, in the simulated demo tenant.
    RunInDemoTenant(crate::setup::ScriptKind),
    /// Swap two values the live checks found swapped, then test again.
    SwapFields(crate::checks::SuspectedSwap),
}

/// Which result was just added and should be scrolled into view (read by the panels).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reveal {
    Checks,
    Connection,
    Plan,
    Receipt,
    RoomTest,
}

impl Reveal {
    fn id() -> egui::Id {
        egui::Id::unique("reveal-result")
    }

    /// Asks the panels to scroll `self` into view on the next frame.
    pub fn request(self, ctx: &egui::Context) {
        ctx.data_mut(|data| data.insert_temp(Self::id(), self));
        ctx.request_repaint();
    }

    /// True once, for the panel that draws `self`: scroll it into view now.
    pub fn take(self, ctx: &egui::Context) -> bool {
        ctx.data_mut(|data| {
            if data.get_temp::<Reveal>(Self::id()) == Some(self) {
                data.remove::<Reveal>(Self::id());
                true
            } else {
                false
            }
        })
    }
}
