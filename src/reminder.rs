//! "Add renewal reminder": an iCalendar (.ics) file with one all-day event per client secret on
//! its expiry date, an alarm 30 days before, the portal link to the app's Certificates & secrets
//! page and the steps to update ONES. Never the secret itself. No egui, no I/O.

use chrono::{DateTime, Duration, Utc};
use icalendar::{Alarm, Calendar, Component, Event, EventLike, Trigger};

use crate::cloud::{AppRole, CloudProfile, PortalPage};
use crate::model::IntegrationDocument;
use crate::model::expiry::CRITICAL_DAYS;

/// The reminder calendar for every secret of `doc` that has an expiry date; `None` when neither
/// has one. `now` stamps the events (DTSTAMP).
pub fn renewal_calendar(doc: &IntegrationDocument, now: DateTime<Utc>) -> Option<String> {
    let cloud = CloudProfile::for_operator(doc.operator);
    let name = if doc.name.trim().is_empty() {
        "ONES integration"
    } else {
        doc.name.trim()
    };
    let mut calendar = Calendar::new();
    calendar.name(&format!("ONES Microsoft 365 secrets — {name}"));
    let mut events = 0;
    for role in [AppRole::Server, AppRole::Sso] {
        let (client_id, expires_on) = match role {
            AppRole::Server => (
                doc.server_app.client_id.trim(),
                doc.server_app.client_secret_expires_on,
            ),
            AppRole::Sso => (
                doc.sso_app.client_id.trim(),
                doc.sso_app.client_secret_expires_on,
            ),
        };
        let Some(expires_on) = expires_on else {
            continue;
        };
        let portal = cloud.portal_url(PortalPage::CertificatesSecrets, Some(client_id));
        let app = match role {
            AppRole::Server => "server app (room calendars)",
            AppRole::Sso => "single sign-on app",
        };
        let summary = format!("Renew the ONES Microsoft 365 client secret — {name}, {app}");
        let description = format!(
            "The client secret of the {app} (Application ID {client_id}) of the ONES integration \"{name}\" expires on \
             {expires_on}. When it expires, ONES stops syncing rooms.\n\n\
             1. Open Certificates & secrets: {portal}\n\
             2. Client secrets → New client secret; pick an expiry (at most 24 months); choose Add.\n\
             3. Copy the Value (not the Secret ID) right away.\n\
             4. In ONES, open the integration \"{name}\" and paste the new secret; update its expiry date.\n\
             5. Test with the ONES Microsoft 365 Assistant (or `ones-m365 check`), then delete the old secret."
        );
        let alarm = Alarm::display(
            &format!(
                "In {CRITICAL_DAYS} days the ONES client secret of the {app} expires — renew it"
            ),
            Trigger::before_start(Duration::days(CRITICAL_DAYS)),
        );
        calendar.push(
            Event::new()
                .uid(&format!(
                    "ones-m365-{}-{}-{expires_on}@ones-m365-assistant",
                    doc.key(),
                    role_key(role)
                ))
                .timestamp(now)
                .summary(&summary)
                .description(&description)
                .url(&portal)
                .all_day(expires_on)
                .alarm(alarm)
                .done(),
        );
        events += 1;
    }
    (events > 0).then(|| calendar.done().to_string())
}

fn role_key(role: AppRole) -> &'static str {
    match role {
        AppRole::Server => "server",
        AppRole::Sso => "sso",
    }
}

/// A file name for the reminder: `head-office-secret-renewal.ics`.
pub fn reminder_file_name(doc: &IntegrationDocument) -> String {
    format!("{}-secret-renewal.ics", doc.key())
}
