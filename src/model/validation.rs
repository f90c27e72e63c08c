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
    /// What is wrong and what to do, in one or two sentences. Never contains a secret.
    pub message: String,
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

    fn error(&mut self, field: Field, message: impl Into<String>) {
        self.findings.push(Finding {
            field,
            severity: Severity::Error,
            message: message.into(),
        });
    }

    fn warning(&mut self, field: Field, message: impl Into<String>) {
        self.findings.push(Finding {
            field,
            severity: Severity::Warning,
            message: message.into(),
        });
    }
}

/// Entra's limit on a client secret's lifetime.
pub const MAX_SECRET_LIFETIME_MONTHS: u32 = 24;
pub const MAX_NAME_CHARS: usize = 64;
pub const MAX_LOGIN_BUTTON_CHARS: usize = 40;
pub const MAX_REDIRECT_URI_CHARS: usize = 256;

/// Validates the whole document. `today` is passed in so results are reproducible.
pub fn validate(doc: &IntegrationDocument, today: NaiveDate) -> ValidationReport {
    let mut report = ValidationReport::default();
    check_display_name(
        &mut report,
        Field::Name,
        &doc.name,
        MAX_NAME_CHARS,
        "Enter a name that identifies this integration in ONES, e.g. \"Head office\".",
    );
    let ones_host = check_ones_url(&mut report, &doc.ones_url);
    check_tenant_id(&mut report, &doc.server_app.tenant_id, doc.operator);

    let tenant = doc.server_app.tenant_id.trim();
    let server_client = doc.server_app.client_id.trim();
    let sso_client = doc.sso_app.client_id.trim();
    check_client_id(&mut report, Field::ServerClientId, server_client, tenant);
    check_client_id(&mut report, Field::SsoClientId, sso_client, tenant);
    if is_guid(server_client) && server_client.eq_ignore_ascii_case(sso_client) {
        report.warning(Field::SsoClientId,
            "This is the same app as in Server settings. Single sign-on needs ANOTHER app registration: \
             create a second one and paste its Application (client) ID.");
    }

    check_secret(
        &mut report,
        Field::ServerClientSecret,
        &doc.server_app.client_secret,
    );
    check_secret(
        &mut report,
        Field::SsoClientSecret,
        &doc.sso_app.client_secret,
    );
    if !doc.sso_app.client_secret.is_empty()
        && doc.sso_app.client_secret.expose().trim() == doc.server_app.client_secret.expose().trim()
    {
        report.warning(Field::SsoClientSecret,
            "This is the same secret as the server app's. Each app registration has its own secret: \
             create one under the single sign-on app's Certificates & secrets.");
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
    let room_uri = doc.room.redirect_uri.trim();
    if !room_uri.is_empty() && room_uri == doc.sso_app.redirect_uri.trim() {
        report.warning(Field::SsoRedirectUri,
            "This is the same redirect URI as on Room settings; ONES shows a different one for single \
             sign-on — copy it from the User settings screen.");
    }

    check_mailboxes(&mut report, &doc.room.mailboxes);
    check_user_groups(&mut report, &doc.users.default_user_groups);
    check_display_name(
        &mut report,
        Field::LoginButtonName,
        &doc.users.login_button_name,
        MAX_LOGIN_BUTTON_CHARS,
        "Enter the text of the login button on the ONES sign-in page, e.g. \"Sign in with Microsoft\".",
    );
    report
}

fn check_display_name(
    report: &mut ValidationReport,
    field: Field,
    value: &str,
    max_chars: usize,
    when_empty: &str,
) {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        report.error(field, when_empty);
    } else if trimmed.chars().count() > max_chars {
        report.error(
            field,
            format!(
                "Too long: {} characters, at most {max_chars} fit. Shorten it.",
                trimmed.chars().count()
            ),
        );
    } else if trimmed.chars().any(char::is_control) {
        report.error(
            field,
            "Contains a line break or control character; keep it on one line.",
        );
    } else if trimmed.len() != value.len() {
        report.warning(field, "Has spaces at the start or end; they are removed.");
    }
}

/// Returns the ONES host when the URL is usable, for the redirect-URI host comparison.
fn check_ones_url(report: &mut ValidationReport, value: &str) -> Option<Host<String>> {
    let value = value.trim();
    if value.is_empty() {
        report.error(
            Field::OnesUrl,
            "Enter the address of your ONES server, e.g. https://ones.example.com.",
        );
        return None;
    }
    if !value.contains("://") {
        report.error(
            Field::OnesUrl,
            format!("Start the address with https://, e.g. https://{value}."),
        );
        return None;
    }
    let url = match Url::parse(value) {
        Ok(url) => url,
        Err(error) => {
            report.error(
                Field::OnesUrl,
                format!("Not a web address ({error}); e.g. https://ones.example.com."),
            );
            return None;
        }
    };
    let host = url.host().map(|host| host.to_owned());
    match url.scheme() {
        "https" => {}
        "http" if url_is_loopback(&url) => {}
        "http" => report.error(Field::OnesUrl,
            "Use https:// — secrets must not travel unencrypted, and ONES redirects plain http anyway."),
        other => report.error(Field::OnesUrl, format!("\"{other}://\" is not a web address; use https://.")),
    }
    if host.is_none() {
        report.error(
            Field::OnesUrl,
            "The address has no server name; e.g. https://ones.example.com.",
        );
    }
    if url.query().is_some() || url.fragment().is_some() {
        report.warning(
            Field::OnesUrl,
            "Remove the part after ? or # — only the server address is needed.",
        );
    }
    host
}

fn check_tenant_id(report: &mut ValidationReport, value: &str, operator: Operator) {
    let field = Field::TenantId;
    let value = value.trim();
    let lower = value.to_ascii_lowercase();
    if value.is_empty() {
        report.error(
            field,
            "Paste the Directory (tenant) ID from the app registration's Overview page.",
        );
    } else if matches!(lower.as_str(), "common" | "organizations" | "consumers") {
        report.error(field, format!(
            "\"{value}\" is not a tenant. Enter your own Directory (tenant) ID (a GUID) or your tenant's domain, \
             e.g. contoso{}.", operator_domain_suffix(operator)));
    } else if is_guid(value) {
    } else if looks_like_broken_guid(value) {
        report.error(field, format!(
            "This looks like a truncated or mistyped GUID ({} characters; a tenant ID has 36 like \
             00000000-0000-0000-0000-000000000000). Copy Directory (tenant) ID again from Overview.",
            value.chars().count()));
    } else if value.contains("://") || value.contains('/') {
        report.error(
            field,
            "Enter only the tenant ID or domain, not a web address.",
        );
    } else if let Some((_, domain)) = value.split_once('@') {
        report.error(
            field,
            format!(
                "That is an e-mail address; enter only the domain \"{domain}\" or the tenant GUID."
            ),
        );
    } else if !is_domain(value) {
        report.error(field, "Enter a GUID (Directory (tenant) ID) or a verified domain such as contoso.onmicrosoft.com.");
    } else {
        let other = operator.other();
        if lower.ends_with(operator_domain_suffix(other)) {
            report.warning(field, format!(
                "This domain belongs to the {} cloud but the service operator is {}. Switch the operator \
                 or check the domain.", other.ones_label(), operator.ones_label()));
        }
    }
}

fn operator_domain_suffix(operator: Operator) -> &'static str {
    match operator {
        Operator::Microsoft => ".onmicrosoft.com",
        Operator::Vianet21 => ".partner.onmschina.cn",
    }
}

fn check_client_id(report: &mut ValidationReport, field: Field, value: &str, tenant: &str) {
    if value.is_empty() {
        report.error(
            field,
            "Paste the Application (client) ID from the app registration's Overview page.",
        );
    } else if !is_guid(value) {
        report.error(field, format!(
            "An Application (client) ID is a GUID of 36 characters like 00000000-0000-0000-0000-000000000000 \
             (this has {}). Copy it again from Overview.", value.chars().count()));
    } else if value.eq_ignore_ascii_case(tenant) {
        report.warning(field,
            "Same value as the Tenant ID — probably pasted twice. The Application (client) ID is the other \
             GUID on the Overview page.");
    }
}

fn check_secret(report: &mut ValidationReport, field: Field, secret: &Secret) {
    let raw = secret.expose();
    let value = raw.trim();
    if value.is_empty() {
        report.error(field,
            "Paste the client secret's Value (Certificates & secrets → Client secrets). It is shown only once, \
             right after you create it.");
        return;
    }
    if value.len() != raw.len() {
        report.warning(
            field,
            "Spaces or line breaks were pasted around the secret; they are removed before use.",
        );
    }
    if value.chars().any(char::is_whitespace) {
        report.error(field, "The secret contains a space or line break inside; a secret Value has none. Copy it again.");
    } else if is_guid(value) {
        report.error(field,
            "This is a GUID — almost surely the Secret ID, not the secret. Copy the Value column instead; if it \
             is hidden now, create a new client secret and copy its Value right away.");
    } else if !looks_like_current_secret(value) {
        report.warning(field, format!(
            "This does not look like a current Entra secret Value (about 40 characters with \"Q~\" at positions \
             4–5; this has {} characters). Older secrets look different — check you copied the whole Value.",
            value.chars().count()));
    }
}

fn check_expiry(
    report: &mut ValidationReport,
    field: Field,
    expiry: Option<NaiveDate>,
    today: NaiveDate,
) {
    let Some(date) = expiry else {
        report.warning(field,
            "Enter when this secret expires (Certificates & secrets → Expires) so you are reminded before ONES \
             stops syncing.");
        return;
    };
    let limit = today
        .checked_add_months(Months::new(MAX_SECRET_LIFETIME_MONTHS))
        .unwrap_or(today);
    if date <= today {
        report.error(field, format!(
            "This secret expired on {date} (or expires today). Create a new client secret, paste its Value and \
             its new expiry date."));
    } else if date > limit {
        report.error(field, format!(
            "{date} is more than {MAX_SECRET_LIFETIME_MONTHS} months ahead; Entra secrets last at most \
             {MAX_SECRET_LIFETIME_MONTHS} months. Copy the Expires date from Certificates & secrets."));
    }
}

fn check_redirect_uri(
    report: &mut ValidationReport,
    field: Field,
    value: &str,
    ones_host: Option<&Host<String>>,
) {
    let value = value.trim();
    if value.is_empty() {
        report.error(field, "Paste the Redirect URI shown on this screen of the ONES wizard (or use the derived one).");
        return;
    }
    if value.chars().count() > MAX_REDIRECT_URI_CHARS {
        report.error(
            field,
            format!(
                "Too long: {} characters; Microsoft accepts at most {MAX_REDIRECT_URI_CHARS}.",
                value.chars().count()
            ),
        );
        return;
    }
    if let Some(bad) = value.chars().find(|ch| "!$'(),;".contains(*ch)) {
        report.error(
            field,
            format!("Contains \"{bad}\", which Microsoft does not allow in redirect URIs."),
        );
        return;
    }
    if value.contains('*') {
        report.error(
            field,
            "Contains a wildcard (*); Microsoft needs the exact redirect URI.",
        );
        return;
    }
    if value.chars().any(char::is_whitespace) {
        report.error(
            field,
            "Contains a space or line break; copy the redirect URI again.",
        );
        return;
    }
    let url = match Url::parse(value) {
        Ok(url) => url,
        Err(error) => {
            report.error(
                field,
                format!("Not a web address ({error}). Copy the redirect URI again from ONES."),
            );
            return;
        }
    };
    match url.scheme() {
        "https" => {}
        "http" if url_is_loopback(&url) => {}
        "http" => {
            report.error(
                field,
                "Must start with https:// (Microsoft allows http only for localhost).",
            );
            return;
        }
        other => {
            report.error(
                field,
                format!("\"{other}://\" is not allowed; a Web redirect URI starts with https://."),
            );
            return;
        }
    }
    if url.fragment().is_some() {
        report.error(
            field,
            "Must not contain a # part; copy the redirect URI exactly as ONES shows it.",
        );
        return;
    }
    if let (Some(ones_host), Some(host)) = (ones_host, url.host())
        && host.to_owned() != *ones_host
    {
        report.warning(field, format!(
            "This is on {host}, but the ONES server is {ones_host}; ONES generates redirect URIs on its own host. \
             Check you copied the right one."));
    }
}

fn check_mailboxes(report: &mut ValidationReport, mailboxes: &[String]) {
    let mut seen = Vec::new();
    for mailbox in mailboxes {
        let mailbox = mailbox.trim();
        if !is_mail_address(mailbox) {
            report.error(Field::Mailboxes, format!(
                "\"{mailbox}\" is not a mailbox address; enter room mailboxes like room-101@contoso.com."));
        } else if seen.contains(&mailbox.to_ascii_lowercase()) {
            report.warning(Field::Mailboxes, format!("{mailbox} is listed twice."));
        } else {
            seen.push(mailbox.to_ascii_lowercase());
        }
    }
}

fn check_user_groups(report: &mut ValidationReport, groups: &[String]) {
    let mut seen: Vec<&str> = Vec::new();
    for group in groups.iter().map(|group| group.trim()) {
        if group.is_empty() {
            report.warning(Field::DefaultUserGroups, "An empty group name is ignored.");
        } else if seen.contains(&group) {
            report.warning(
                Field::DefaultUserGroups,
                format!("\"{group}\" is listed twice."),
            );
        } else {
            seen.push(group);
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

pub fn is_mail_address(value: &str) -> bool {
    match value.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && local.len() <= 64
                && !local
                    .chars()
                    .any(|ch| ch.is_whitespace() || ch == '@' || ch.is_control())
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
