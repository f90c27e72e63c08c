//! The integration document and everything that reasons about it without I/O: the [`Secret`]
//! type, field names and their values ([`IntegrationDocument::value`]), the trimmed values the
//! checks send ([`CheckInput`]), lenient loading and validation. Must not depend on egui, the
//! network or the file system.

mod document;
pub mod expiry;
mod field;
mod input;
pub mod load;
pub mod mailboxes;
mod secret;
pub mod validation;
mod value;

pub use document::{
    IntegrationDocument, Operator, RoomSettings, SCHEMA, SecretState, ServerApp, SsoApp,
    UserSettings, integration_key,
};
pub use field::{Field, FieldKind, Step};
pub use input::CheckInput;
pub use load::{LoadError, LoadWarning, Loaded, load_document};
pub use mailboxes::{MailboxList, parse_mailbox_list};
pub use secret::Secret;
pub use validation::{Finding, Severity, ValidationReport, validate};
pub use value::{FieldMut, FieldRef};
