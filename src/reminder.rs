//! "Add renewal reminder": an iCalendar (.ics) file with one all-day event per client secret on
//! its expiry date, an alarm 30 days before, the portal link to the app's Certificates & secrets
//! page and the steps to update ONES, in the current language. Never the secret itself; document
//! values (the name, the client IDs) only as one line without control characters. No egui, no I/O.

use chrono::{DateTime, Duration, Utc};
use icalendar::{Alarm, Calendar, Component, Event, EventLike, Trigger};

use crate::cloud::{AppRole, CloudProfile, PortalPage};
use crate::i18n::tr;
use crate::model::IntegrationDocument;
use crate::model::expiry::CRITICAL_DAYS;

/// The reminder calendar for every secret of `doc` that has an expiry date; `None` when neither
/// has one. `now` stamps the events (DTSTAMP).
pub fn renewal_calendar(doc: &IntegrationDocument, now: DateTime<Utc>) -> Option<String> {
    let cloud = CloudProfile::for_operator(doc.operator);
    let unnamed = tr("reminder.unnamed", &[]);
    // Document values go into property values: no control character may add a line (or a
    // property) of its own.
    let one_line_name = one_line(&doc.name);
    let name = if one_line_name.is_empty() {
        unnamed.as_str()
    } else {
        one_line_name.as_str()
    };
    let mut calendar = Calendar::new();
    calendar.name(&tr("reminder.calendar", &[("name", name)]));
    let mut events = 0;
    for role in [AppRole::Server, AppRole::Sso] {
        let (client_id, expires_on) = match role {
            AppRole::Server => (
                one_line(&doc.server_app.client_id),
                doc.server_app.client_secret_expires_on,
            ),
            AppRole::Sso => (
                one_line(&doc.sso_app.client_id),
                doc.sso_app.client_secret_expires_on,
            ),
        };
        let client_id = client_id.as_str();
        let Some(expires_on) = expires_on else {
            continue;
        };
        let portal = cloud.portal_url(PortalPage::CertificatesSecrets, Some(client_id));
        let app = match role {
            AppRole::Server => tr("reminder.app.server", &[]),
            AppRole::Sso => tr("reminder.app.sso", &[]),
        };
        let expires = expires_on.to_string();
        let summary = tr("reminder.summary", &[("name", name), ("app", &app)]);
        let description = tr(
            "reminder.description",
            &[
                ("app", &app),
                ("client_id", client_id),
                ("name", name),
                ("expires_on", &expires),
                ("portal", &portal),
            ],
        );
        let alarm = Alarm::display(
            &tr(
                "reminder.alarm",
                &[("days", &CRITICAL_DAYS.to_string()), ("app", &app)],
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

/// `text` as one line: every control character (CR, LF, tab, escape, C1 controls …) and the
/// Unicode line and paragraph separators become a space, runs of whitespace one space, the ends
/// trimmed.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|ch| {
            if ch.is_control() || matches!(ch, '\u{2028}' | '\u{2029}') {
                ' '
            } else {
                ch
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
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
