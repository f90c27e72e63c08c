//! The renewal reminder: a real iCalendar file, parsed back and checked field by field.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::too_many_lines,
    reason = "test, bench and example code: a panic is the failure, and its output is the point"
)]
use crate::common;

use chrono::{TimeZone, Utc};
use common::*;
use icalendar::parser::{read_calendar, unfold};
use ones_m365_assistant::reminder::{reminder_file_name, renewal_calendar};

#[test]
fn one_event_per_secret_on_its_expiry_date_with_an_alarm_30_days_before() {
    let doc = valid_document();
    let now = Utc.with_ymd_and_hms(2026, 11, 28, 9, 0, 0).unwrap();
    let text = renewal_calendar(&doc, now).expect("both secrets have an expiry");
    let unfolded = unfold(&text);
    let calendar = read_calendar(&unfolded).expect("valid iCalendar");
    let events: Vec<_> = calendar
        .components
        .iter()
        .filter(|component| component.name == "VEVENT")
        .collect();
    assert_eq!(events.len(), 2);

    let property = |component: &icalendar::parser::Component<'_>, name: &str| {
        component
            .properties
            .iter()
            .find(|property| property.name == name)
            .map(|property| property.val.to_string())
    };
    let starts: Vec<String> = events
        .iter()
        .filter_map(|event| property(event, "DTSTART"))
        .collect();
    assert_eq!(
        starts,
        vec!["20271101".to_owned(), "20270501".to_owned()],
        "all-day on each expiry date"
    );
    for event in &events {
        let url = property(event, "URL").expect("portal link");
        assert!(
            url.starts_with("https://portal.azure.com/") && url.contains("/~/Credentials/appId/"),
            "{url}"
        );
        let summary = property(event, "SUMMARY").unwrap();
        assert!(summary.contains("Head office"), "{summary}");
        let alarm = event
            .components
            .iter()
            .find(|component| component.name == "VALARM")
            .expect("an alarm");
        let trigger = property(alarm, "TRIGGER").expect("a trigger");
        assert_eq!(trigger_days_before(&trigger), Some(30), "{trigger}");
        assert_eq!(property(alarm, "ACTION").as_deref(), Some("DISPLAY"));
        let description = property(event, "DESCRIPTION").unwrap();
        assert!(
            description.contains("Certificates & secrets")
                || description.contains("Certificates &amp; secrets")
        );
    }
    assert!(
        !text.contains(SERVER_SECRET) && !text.contains(SSO_SECRET),
        "never the secret"
    );
    assert_eq!(reminder_file_name(&doc), "head-office-secret-renewal.ics");
}

#[test]
fn no_expiry_means_no_reminder() {
    let mut doc = valid_document();
    doc.server_app.client_secret_expires_on = None;
    doc.sso_app.client_secret_expires_on = None;
    assert!(renewal_calendar(&doc, Utc::now()).is_none());
}

/// Days before the start for an iCalendar duration such as `-P30D` or `-PT2592000S`.
fn trigger_days_before(trigger: &str) -> Option<i64> {
    let duration = trigger.strip_prefix("-P")?;
    if let Some(days) = duration.strip_suffix('D') {
        return days.parse().ok();
    }
    let seconds: i64 = duration
        .strip_prefix('T')?
        .strip_suffix('S')?
        .parse()
        .ok()?;
    (seconds % 86_400 == 0).then_some(seconds / 86_400)
}

/// A document name (or client ID) with line breaks or other control characters must not add
/// lines or properties of its own to the calendar.
#[test]
fn control_characters_in_document_values_cannot_add_lines_to_the_calendar() {
    let mut doc = valid_document();
    doc.name =
        "Evil\r\nBEGIN:VEVENT\r\nSUMMARY:injected\nX-INJECTED:1\u{7}\u{1b}[31m\u{85}end".to_owned();
    doc.sso_app.client_id = format!("{}\r\nX-CLIENT-INJECTED:1", doc.sso_app.client_id);
    let now = Utc.with_ymd_and_hms(2026, 11, 28, 9, 0, 0).unwrap();
    let text = renewal_calendar(&doc, now).expect("both secrets have an expiry");

    // Every line ends in CRLF and holds no other control character.
    let body = text.strip_suffix("\r\n").unwrap_or(&text);
    for line in body.split("\r\n") {
        assert!(
            !line.chars().any(char::is_control),
            "a control character in {line:?}"
        );
    }
    let unfolded = unfold(&text);
    for line in unfolded.lines() {
        assert!(
            !line.starts_with("SUMMARY:injected")
                && !line.starts_with("X-INJECTED")
                && !line.starts_with("X-CLIENT-INJECTED"),
            "an injected line: {line:?}"
        );
    }
    let calendar = read_calendar(&unfolded).expect("valid iCalendar");
    let events = calendar
        .components
        .iter()
        .filter(|component| component.name == "VEVENT")
        .count();
    assert_eq!(events, 2, "no event of the name's own");
    let names: Vec<String> = calendar
        .properties
        .iter()
        .filter(|property| property.name == "NAME" || property.name == "X-WR-CALNAME")
        .map(|property| property.val.to_string())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    for name in names {
        assert!(
            name.contains("Evil BEGIN:VEVENT SUMMARY:injected X-INJECTED:1"),
            "{name}"
        );
    }
}
