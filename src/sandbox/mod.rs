//! Stand-in servers on 127.0.0.1 for the tests, the benchmark and demo mode. No egui.
//!
//! - [`microsoft`]: a stand-in for Microsoft's login endpoints of both clouds (discovery, token,
//!   authorize) with configurable tenants and apps, and fault injection per route.
//! - [`demo_document`]: a sample integration document whose IDs and secrets pass every check
//!   against [`microsoft::demo_config_for`] of the same ONES URL.
//!
//! - [`ones`]: a stand-in ONES server implementing the integration settings API strictly.
//! - [`DemoServices`]: demo mode's stand-ins started together, with the document that fits them.
//!
//! Nothing here is used when talking to the real Microsoft.

mod demo;
pub mod microsoft;
pub mod ones;
mod services;

pub use demo::{
    DEMO_CHINA_TENANT_ID, DEMO_NAME, DEMO_ONES_URL, DEMO_SERVER_CLIENT_ID, DEMO_SSO_CLIENT_ID,
    DEMO_TENANT_DOMAIN, DEMO_TENANT_ID, demo_document,
};
pub use services::{DemoError, DemoServices};
