//! Stand-in servers on 127.0.0.1 for the tests, the benchmark and demo mode. No egui.
//!
//! - [`microsoft`]: a stand-in for Microsoft's login endpoints of both clouds (discovery, token,
//!   authorize with a sign-in form) and Graph's room calendars, with configurable tenants, apps,
//!   accounts and rooms, and fault injection per route.
//! - [`browser`]: plays the browser on the stand-in's sign-in page (tests, scripted demos).
//! - [`demo_document`]: a sample integration document whose IDs and secrets pass every check
//!   against [`demo::demo_config_for`] of the same ONES URL.
//!
//! - [`ones`]: a stand-in ONES server implementing the integration settings API strictly.
//! - [`DemoServices`]: demo mode's stand-ins started together, with the document that fits them.
//! - [`Fault`]: the misbehaviours both stand-ins can be told to show.
//!
//! Nothing here is used when talking to the real Microsoft.

pub mod browser;
pub mod demo;
pub mod demo_tenant;
mod fault;
pub mod microsoft;
pub mod ones;
mod services;

pub use demo::{
    DEMO_CHINA_TENANT_ID, DEMO_EXPIRED_SERVER_SECRET, DEMO_MFA_ACCOUNT, DEMO_NAME,
    DEMO_NO_CONSENT_ACCOUNT, DEMO_ONES_URL, DEMO_READ_ONLY_ROOM, DEMO_ROOM_ACCOUNT,
    DEMO_ROOM_PASSWORD, DEMO_SERVER_CLIENT_ID, DEMO_SSO_CLIENT_ID, DEMO_TENANT_DOMAIN,
    DEMO_TENANT_ID, DEMO_UNDELEGATED_ROOM, demo_document,
};
pub use fault::Fault;
pub use services::{DemoError, DemoServices};
