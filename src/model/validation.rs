//! Validation: pure functions from an [`IntegrationDocument`] to one [`ValidationReport`] that the
//! GUI (messages under fields, Next disabled) and the CLI (`ones-m365 validate`) share.
//!
//! Every finding is a sentence that says what to do. Errors block the wizard's Next and the export;
//! warnings are shown but never block — Microsoft changes formats, and an unusual value may be right.

use chrono::{Months, NaiveDate};
use serde::Serialize;
use url::{Host, Url};

use super::Secret;
use super::document::{IntegrationDocument, Operator};
use super::field::{Field, Step};
use crate::i18n::Text;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub field: Field,
    pub severity: Severity,
    /// What is wrong and what to do, in one or two sentences (English in JSON). Never contains a
    /// secret.
    pub text: Text,
}

impl Finding {
    /// A finding whose message is a catalogue text.
    pub fn new(field: Field, severity: Severity, text: Text) -> Self {
        Self {
            field,
            severity,
            text,
        }
    }

    /// A finding with a message that has no translation (e.g. what a server said).
    pub fn untranslated(field: Field, severity: Severity, message: impl std::fmt::Display) -> Self {
        Self::new(field, severity, Text::verbatim(message))
    }

    /// The message in English (JSON, logs).
    pub fn message(&self) -> String {
        self.text.english()
    }

    /// The message in the current language.
    pub fn localized_message(&self) -> String {
        self.text.localized()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ValidationReport {
    pub findings: Vec<Finding>,
}

impl ValidationReport {
    /// No errors anywhere (warnings allowed).
    pub fn is_valid(&self) -> bool {
        !self
            .findings
            .iter()
            .any(|finding| finding.severity == Severity::Error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|finding| finding.severity == Severity::Error)
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|finding| finding.severity == Severity::Warning)
    }

    pub fn for_field(&self, field: Field) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(move |finding| finding.field == field)
    }

    pub fn for_step(&self, step: Step) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(move |finding| finding.field.step() == step)
    }

    /// The first error on `step`, which is why its Next button is disabled.
    pub fn first_error_on(&self, step: Step) -> Option<&Finding> {
        self.for_step(step)
            .find(|finding| finding.severity == Severity::Error)
    }

    pub fn step_is_valid(&self, step: Step) -> bool {
        self.first_error_on(step).is_none()
    }

    fn error(&mut self, field: Field, text: Text) {
        self.findings
            .push(Finding::new(field, Severity::Error, text));
    }

    fn warning(&mut self, field: Field, text: Text) {
        self.findings
            .push(Finding::new(field, Severity::Warning, text));
    }
}

/// Entra's limit on a client secret's lifetime.
pub const MAX_SECRET_LIFETIME_MONTHS: u32 = 24;
pub const MAX_NAME_CHARS: usize = 64;
pub const MAX_LOGIN_BUTTON_CHARS: usize = 40;
pub const MAX_REDIRECT_URI_CHARS: usize = 256;
/// More room mailboxes than this are not checked one by one (ONES sites have tens to hundreds of
/// rooms); the list gets one error that says so.
pub const MAX_MAILBOXES: usize = 2000;
/// More default user groups than this are not checked one by one; one error says so.
pub const MAX_USER_GROUPS: usize = 200;

/// Whether `value` holds a character that must not be in any field: a control character or a
/// bidirectional override (it makes an address read differently from what it is).
fn has_unsafe_chars(value: &str) -> bool {
    value
        .trim()
        .chars()
        .any(|ch| ch.is_control() || crate::redact::is_unsafe_char(ch))
}

/// Validates the whole document. `today` is passed in so results are reproducible.
pub fn validate(doc: &IntegrationDocument, today: NaiveDate) -> ValidationReport {
    let mut report = ValidationReport::default();
    // Names are checked by `check_display_name`, secrets say nothing of their value, mailboxes
    // and groups one by one below.
    for (field, value) in [
        (Field::OnesUrl, doc.ones_url.as_str()),
        (Field::TenantId, doc.server_app.tenant_id.as_str()),
        (Field::ServerClientId, doc.server_app.client_id.as_str()),
        (Field::SsoClientId, doc.sso_app.client_id.as_str()),
        (Field::RoomRedirectUri, doc.room.redirect_uri.as_str()),
        (Field::SsoRedirectUri, doc.sso_app.redirect_uri.as_str()),
        (
            Field::ServerClientSecret,
            doc.server_app.client_secret.peek(),
        ),
        (Field::SsoClientSecret, doc.sso_app.client_secret.peek()),
    ] {
        if has_unsafe_chars(value) {
            report.error(field, Text::new("validation.text.control"));
        }
    }
    check_display_name(
        &mut report,
        Field::Name,
        &doc.name,
        MAX_NAME_CHARS,
        "validation.name.empty",
    );
    let ones_host = check_ones_url(&mut report, &doc.ones_url);
    check_tenant_id(&mut report, &doc.server_app.tenant_id, doc.operator);

    // The IDs as sent (trimmed): checked one by one, then compared with each other.
    let input = doc.check_input();
    let tenant = input.tenant;
    let server_client = input.server_client_id;
    let sso_client = input.sso_client_id;
    check_client_id(&mut report, Field::ServerClientId, server_client);
    check_client_id(&mut report, Field::SsoClientId, sso_client);
    // The same GUID in two fields: the error goes under the field that holds the wrong one.
    if is_guid(tenant) && tenant.eq_ignore_ascii_case(server_client) {
        // Both sit on the server app's Overview page; the usual slip is the client ID pasted
        // into Tenant ID.
        report.error(
            Field::TenantId,
            Text::new("validation.tenant.same_as_client_id"),
        );
    } else if is_guid(tenant) && tenant.eq_ignore_ascii_case(sso_client) {
        // The tenant differs from the server app's client ID, so it is the SSO field that is off.
        report.error(
            Field::SsoClientId,
            Text::new("validation.client_id.same_as_tenant"),
        );
    }
    if is_guid(server_client) && server_client.eq_ignore_ascii_case(sso_client) {
        report.error(
            Field::SsoClientId,
            Text::new("validation.sso_client_id.same_as_server"),
        );
    }

    check_secret(
        &mut report,
        Field::ServerClientSecret,
        &doc.server_app.client_secret,
        doc.server_app.client_secret_in_ones,
    );
    check_secret(
        &mut report,
        Field::SsoClientSecret,
        &doc.sso_app.client_secret,
        doc.sso_app.client_secret_in_ones,
    );
    if !doc.sso_app.client_secret.is_empty()
        && doc.sso_app.client_secret.peek().trim() == doc.server_app.client_secret.peek().trim()
    {
        report.warning(
            Field::SsoClientSecret,
            Text::new("validation.sso_secret.same_as_server"),
        );
    }
    check_expiry(
        &mut report,
        Field::ServerSecretExpiry,
        doc.server_app.client_secret_expires_on,
        today,
    );
    check_expiry(
        &mut report,
        Field::SsoSecretExpiry,
        doc.sso_app.client_secret_expires_on,
        today,
    );

    check_redirect_uri(
        &mut report,
        Field::RoomRedirectUri,
        &doc.room.redirect_uri,
        ones_host.as_ref(),
    );
    check_redirect_uri(
        &mut report,
        Field::SsoRedirectUri,
        &doc.sso_app.redirect_uri,
        ones_host.as_ref(),
    );
    let room_uri = input.room_redirect_uri;
    if !room_uri.is_empty() && room_uri == input.sso_redirect_uri {
        report.warning(
            Field::SsoRedirectUri,
            Text::new("validation.redirect.same_as_room"),
        );
    }

    check_mailboxes(&mut report, &doc.room.mailboxes);
    check_user_groups(&mut report, &doc.users.default_user_groups);
    check_display_name(
        &mut report,
        Field::LoginButtonName,
        &doc.users.login_button_name,
        MAX_LOGIN_BUTTON_CHARS,
        "validation.login_button.empty",
    );
    report
}

fn check_display_name(
    report: &mut ValidationReport,
    field: Field,
    value: &str,
    max_chars: usize,
    when_empty: &'static str,
) {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        report.error(field, Text::new(when_empty));
    } else if trimmed.chars().count() > max_chars {
        let text = Text::new("validation.text.too_long")
            .arg("count", trimmed.chars().count())
            .arg("max", max_chars);
        report.error(field, text);
    } else if has_unsafe_chars(trimmed) {
        report.error(field, Text::new("validation.text.control"));
    } else if trimmed.len() != value.len() {
        report.warning(field, Text::new("validation.text.spaces"));
    }
}

/// Returns the ONES host when the URL is usable, for the redirect-URI host comparison.
fn check_ones_url(report: &mut ValidationReport, value: &str) -> Option<Host<String>> {
    let value = value.trim();
    if value.is_empty() {
        report.error(Field::OnesUrl, Text::new("validation.ones_url.empty"));
        return None;
    }
    if !value.contains("://") {
        report.error(
            Field::OnesUrl,
            Text::new("validation.ones_url.no_scheme").arg("value", value),
        );
        return None;
    }
    let url = match Url::parse(value) {
        Ok(url) => url,
        Err(error) => {
            report.error(
                Field::OnesUrl,
                Text::new("validation.ones_url.unparsable").arg("reason", error),
            );
            return None;
        }
    };
    let host = url.host().map(|host| host.to_owned());
    match url.scheme() {
        "https" => {}
        "http" if url_is_loopback(&url) => {}
        "http" => report.error(Field::OnesUrl, Text::new("validation.ones_url.http")),
        other => report.error(
            Field::OnesUrl,
            Text::new("validation.ones_url.scheme").arg("scheme", other),
        ),
    }
    if host.is_none() {
        report.error(Field::OnesUrl, Text::new("validation.ones_url.no_host"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        report.warning(Field::OnesUrl, Text::new("validation.ones_url.query"));
    }
    host
}

fn check_tenant_id(report: &mut ValidationReport, value: &str, operator: Operator) {
    let field = Field::TenantId;
    let value = value.trim();
    let lower = value.to_ascii_lowercase();
    if value.is_empty() {
        report.error(field, Text::new("validation.tenant.empty"));
    } else if matches!(lower.as_str(), "common" | "organizations" | "consumers") {
        let text = Text::new("validation.tenant.keyword")
            .arg("value", value)
            .arg(
                "example",
                format!("contoso{}", operator_domain_suffix(operator)),
            );
        report.error(field, text);
    } else if is_guid(value) {
    } else if looks_like_broken_guid(value) {
        report.error(
            field,
            Text::new("validation.tenant.broken_guid").arg("count", value.chars().count()),
        );
    } else if value.contains("://") || value.contains('/') {
        report.error(field, Text::new("validation.tenant.url"));
    } else if let Some((_, domain)) = value.split_once('@') {
        report.error(
            field,
            Text::new("validation.tenant.mail").arg("domain", domain),
        );
    } else if !is_domain(value) {
        report.error(field, Text::new("validation.tenant.invalid"));
    } else {
        let other = operator.other();
        if lower.ends_with(operator_domain_suffix(other)) {
            let text = Text::new("validation.tenant.other_cloud")
                .arg("cloud", other.ones_label())
                .arg("operator", operator.ones_label());
            report.warning(field, text);
        }
    }
}

fn operator_domain_suffix(operator: Operator) -> &'static str {
    match operator {
        Operator::Microsoft => ".onmicrosoft.com",
        Operator::Vianet21 => ".partner.onmschina.cn",
    }
}

fn check_client_id(report: &mut ValidationReport, field: Field, value: &str) {
    if value.is_empty() {
        report.error(field, Text::new("validation.client_id.empty"));
    } else if !is_guid(value) {
        report.error(
            field,
            Text::new("validation.client_id.not_guid").arg("count", value.chars().count()),
        );
    }
}

/// `in_ones`: ONES stores this secret, so an empty one is kept there, not missing.
fn check_secret(report: &mut ValidationReport, field: Field, secret: &Secret, in_ones: bool) {
    let raw = secret.peek();
    let value = raw.trim();
    if value.is_empty() {
        if !in_ones {
            report.error(field, Text::new("validation.secret.empty"));
        }
        return;
    }
    if value.len() != raw.len() {
        report.warning(field, Text::new("validation.secret.whitespace"));
    }
    if value.chars().any(char::is_whitespace) {
        report.error(field, Text::new("validation.secret.inner_whitespace"));
    } else if is_guid(value) {
        report.error(field, Text::new("validation.secret.secret_id"));
    } else if !looks_like_current_secret(value) {
        report.warning(
            field,
            Text::new("validation.secret.unusual").arg("count", value.chars().count()),
        );
    }
}

fn check_expiry(
    report: &mut ValidationReport,
    field: Field,
    expiry: Option<NaiveDate>,
    today: NaiveDate,
) {
    let Some(date) = expiry else {
        report.warning(field, Text::new("validation.expiry.missing"));
        return;
    };
    let limit = today
        .checked_add_months(Months::new(MAX_SECRET_LIFETIME_MONTHS))
        .unwrap_or(today);
    if date <= today {
        report.error(
            field,
            Text::new("validation.expiry.expired").arg("date", date),
        );
    } else if date > limit {
        let text = Text::new("validation.expiry.too_far")
            .arg("date", date)
            .arg("months", MAX_SECRET_LIFETIME_MONTHS);
        report.error(field, text);
    } else {
        let status = super::expiry::expiry_status(date, today);
        if status.level == super::expiry::ExpiryLevel::Critical {
            let text = Text::new("validation.expiry.soon")
                .arg("days", status.days_left)
                .arg("date", date);
            report.warning(field, text);
        }
    }
}

/// Why `value` is not a usable redirect URI for `field`, if it is not (the first error of the
/// checks [`validate`] runs on it; the ONES host is not compared).
pub fn redirect_uri_error(field: Field, value: &str) -> Option<Text> {
    let mut report = ValidationReport::default();
    check_redirect_uri(&mut report, field, value, None);
    report.errors().next().map(|finding| finding.text.clone())
}

fn check_redirect_uri(
    report: &mut ValidationReport,
    field: Field,
    value: &str,
    ones_host: Option<&Host<String>>,
) {
    let value = value.trim();
    if value.is_empty() {
        report.error(field, Text::new("validation.redirect.empty"));
        return;
    }
    if value.chars().count() > MAX_REDIRECT_URI_CHARS {
        let text = Text::new("validation.redirect.too_long")
            .arg("count", value.chars().count())
            .arg("max", MAX_REDIRECT_URI_CHARS);
        report.error(field, text);
        return;
    }
    if let Some(bad) = value.chars().find(|ch| "!$'(),;".contains(*ch)) {
        report.error(
            field,
            Text::new("validation.redirect.bad_char").arg("char", bad),
        );
        return;
    }
    if value.contains('*') {
        report.error(field, Text::new("validation.redirect.wildcard"));
        return;
    }
    if value.chars().any(char::is_whitespace) {
        report.error(field, Text::new("validation.redirect.whitespace"));
        return;
    }
    let url = match Url::parse(value) {
        Ok(url) => url,
        Err(error) => {
            report.error(
                field,
                Text::new("validation.redirect.unparsable").arg("reason", error),
            );
            return;
        }
    };
    match url.scheme() {
        "https" => {}
        "http" if url_is_loopback(&url) => {}
        "http" => {
            report.error(field, Text::new("validation.redirect.http"));
            return;
        }
        other => {
            report.error(
                field,
                Text::new("validation.redirect.scheme").arg("scheme", other),
            );
            return;
        }
    }
    if url.fragment().is_some() {
        report.error(field, Text::new("validation.redirect.fragment"));
        return;
    }
    if let (Some(ones_host), Some(host)) = (ones_host, url.host())
        && host.to_owned() != *ones_host
    {
        let text = Text::new("validation.redirect.other_host")
            .arg("host", host)
            .arg("ones_host", ones_host);
        report.warning(field, text);
    }
}

fn check_mailboxes(report: &mut ValidationReport, mailboxes: &[String]) {
    if mailboxes.len() > MAX_MAILBOXES {
        report.error(
            Field::Mailboxes,
            Text::new("validation.mailbox.too_many")
                .arg("count", mailboxes.len())
                .arg("max", MAX_MAILBOXES),
        );
    }
    let mut seen = std::collections::HashSet::new();
    for mailbox in mailboxes.iter().take(MAX_MAILBOXES) {
        let mailbox = mailbox.trim();
        if !is_mail_address(mailbox) {
            report.error(
                Field::Mailboxes,
                Text::new("validation.mailbox.invalid").arg("mailbox", mailbox),
            );
        } else if !seen.insert(mailbox.to_ascii_lowercase()) {
            report.warning(
                Field::Mailboxes,
                Text::new("validation.mailbox.duplicate").arg("mailbox", mailbox),
            );
        }
    }
}

fn check_user_groups(report: &mut ValidationReport, groups: &[String]) {
    if groups.len() > MAX_USER_GROUPS {
        report.error(
            Field::DefaultUserGroups,
            Text::new("validation.groups.too_many")
                .arg("count", groups.len())
                .arg("max", MAX_USER_GROUPS),
        );
    }
    let mut seen = std::collections::HashSet::new();
    for group in groups
        .iter()
        .take(MAX_USER_GROUPS)
        .map(|group| group.trim())
    {
        if group.is_empty() {
            report.warning(
                Field::DefaultUserGroups,
                Text::new("validation.groups.empty"),
            );
        } else if has_unsafe_chars(group) {
            report.error(
                Field::DefaultUserGroups,
                Text::new("validation.text.control"),
            );
        } else if !seen.insert(group) {
            report.warning(
                Field::DefaultUserGroups,
                Text::new("validation.groups.duplicate").arg("group", group),
            );
        }
    }
}

/// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` in hex, as the portal shows GUIDs.
pub fn is_guid(value: &str) -> bool {
    value.len() == 36
        && value.char_indices().all(|(index, ch)| match index {
            8 | 13 | 18 | 23 => ch == '-',
            _ => ch.is_ascii_hexdigit(),
        })
}

/// Only hex digits and dashes, and long enough to be a GUID someone cut short or padded.
fn looks_like_broken_guid(value: &str) -> bool {
    let hex = value.chars().filter(char::is_ascii_hexdigit).count();
    let dashes = value.chars().filter(|ch| *ch == '-').count();
    hex >= 16
        && dashes >= 1
        && !value.contains('.')
        && value
            .chars()
            .all(|ch| ch.is_ascii_hexdigit() || ch == '-' || ch == '{' || ch == '}')
}

/// A DNS name with at least two labels.
pub fn is_domain(value: &str) -> bool {
    let labels: Vec<&str> = value.split('.').collect();
    value.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .chars()
                    .all(|ch| ch.is_ascii_alphanumeric() || ch == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.chars().all(|ch| ch.is_ascii_alphabetic()) && tld.len() >= 2)
}

/// A standard mailbox address: a dot-atom local part (RFC 5322: letters, digits and
/// ``!#$%&'*+/=?^_`{|}~-``, in dot-separated runs) `@` a domain ([`is_domain`]). ASCII only:
/// quoted local parts and internationalised addresses are refused, so an address never carries a
/// character a shell or PowerShell could read as a quote or a line break.
pub fn is_mail_address(value: &str) -> bool {
    match value.rsplit_once('@') {
        Some((local, domain)) => {
            local.len() <= 64
                && local.split('.').all(|atom| {
                    !atom.is_empty()
                        && atom.chars().all(|ch| {
                            ch.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~-".contains(ch)
                        })
                })
                && is_domain(domain)
        }
        None => false,
    }
}

/// `[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}` — the shape of secrets Entra issues today.
pub fn looks_like_current_secret(value: &str) -> bool {
    let chars: Vec<char> = value.chars().collect();
    let head_ok = chars.len() >= 6
        && chars[..3]
            .iter()
            .all(|ch| ch.is_ascii_alphanumeric() || "_~.".contains(*ch))
        && chars[3].is_ascii_digit()
        && chars[4] == 'Q'
        && chars[5] == '~';
    let tail = chars.get(6..).unwrap_or(&[]);
    head_ok
        && (31..=34).contains(&tail.len())
        && tail
            .iter()
            .all(|ch| ch.is_ascii_alphanumeric() || "_~.-".contains(*ch))
}

/// Whether a URL's host is a loopback address (`localhost`, 127.0.0.0/8, `::1`). Shared with the
/// network clients, which allow plain http only there.
pub fn url_is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(address)) => address.is_loopback(),
        Some(Host::Ipv6(address)) => address.is_loopback(),
        None => false,
    }
}
