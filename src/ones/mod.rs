//! The ONES side: export an integration document to a ONES server, read it back, pull it again.
//! No egui — the GUI and the `ones-m365` CLI both call this module.
//!
//! - [`contract`]: the wire format of the integration settings API the assistant defines
//!   (`docs/ones-api.md`), shared with the stand-in in [`crate::sandbox::ones`].
//! - [`client`]: [`OnesClient`], one method per endpoint; https only (plain http to loopback
//!   only), timeouts, proxy and extra CA via [`crate::net`].
//! - [`flow`]: the export as separate async steps — [`connect`], [`Connection::plan`],
//!   [`Connection::apply`], [`Connection::verify`] — plus [`Connection::pull`].
//! - [`diff`]: the field-by-field change list; [`receipt`]: the read-back [`Receipt`].
//! - [`error`]: [`OnesError`] and its one [`OnesError::sentence`] for people.
//! - [`token`]: [`ApiToken`], redacted and zeroized like a client secret.
//!
//! Files: export a document with [`crate::store::write_document_file`] (secrets only on request,
//! then owner-only) and import one with [`crate::store::read_document_file`] (lenient, with
//! warnings); a pulled integration is saved the same way.

pub mod client;
pub mod contract;
pub mod diff;
pub mod error;
pub mod flow;
pub mod plan;
pub mod receipt;
pub mod token;

pub use client::{OnesClient, Precondition, PutAnswer, RemoteIntegration, ServerInfo};
pub use contract::{RedirectUris, StoredSecret};
pub use diff::{FieldChange, FieldDiff, FieldValue, SecretChange};
pub use error::{Endpoint, OnesError, RemoteFieldError};
pub use flow::{Connection, connect};
pub use plan::{Applied, ExportOutcome, ExportPlan, PlanAction};
pub use receipt::{Receipt, ReceiptField, ReceiptSecret};
pub use token::{API_TOKEN_ENV, ApiToken};
