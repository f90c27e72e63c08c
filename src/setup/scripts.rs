//! The three setup scripts, generated from the integration document. A script is a header of
//! values from the document — each one quoted ([`super::bash_quote`], [`super::powershell_quote`])
//! — and a fixed body the admin can read before running it; the body never interpolates document
//! text into code.

use chrono::{Days, Months, NaiveDate};

use super::result::{BEGIN, END, SCHEMA};
use super::{bash_quote, powershell_quote};
use crate::cloud::CloudProfile;
use crate::i18n::Text;
use crate::model::validation::{is_guid, is_mail_address};
use crate::model::{Field, IntegrationDocument, Operator};
use crate::ones::error::one_line;
use crate::redirect::derive_redirect_uris;

/// Which script.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScriptKind {
    /// Bash + Azure CLI: both app registrations.
    Apps,
    /// PowerShell + Exchange Online: room calendar delegation.
    Rooms,
    /// Bash + Azure CLI: a new secret for one app.
    Renew,
}

/// Which app `renew` renews.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AppChoice {
    Server,
    Sso,
}

/// What the command line or the window adds to the document.
#[derive(Clone, Debug, Default)]
pub struct ScriptOptions {
    /// `renew`: which app (default: the server app).
    pub app: Option<AppChoice>,
    /// `rooms`: the service account the room calendars are delegated to.
    pub account: Option<String>,
    /// Today, for the default secret expiry (12 months) and the header.
    pub today: Option<NaiveDate>,
    /// Accept the `http://127.0.0.1…` redirect URIs of demo mode's ONES stand-in. Only for a run in
    /// the demo tenant ([`crate::sandbox::demo_tenant`]): a script for a real tenant never
    /// registers them.
    pub loopback_redirect_uris: bool,
}

/// A generated script.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Script {
    pub kind: ScriptKind,
    /// A file name that says what it is (`ones-m365-apps-head-office.sh`).
    pub file_name: String,
    pub text: String,
}

impl Script {
    /// The bytes to write to a file. PowerShell scripts start with a UTF-8 byte order mark:
    /// without one, Windows PowerShell 5.1 reads a file in the ANSI code page, where UTF-8 bytes
    /// can become the typographic quotes it treats as string delimiters.
    pub fn file_bytes(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(self.text.len() + 3);
        if self.kind == ScriptKind::Rooms {
            bytes.extend_from_slice(UTF8_BOM);
        }
        bytes.extend_from_slice(self.text.as_bytes());
        bytes
    }
}

/// The UTF-8 byte order mark.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// What the document lacks for a script, as sentences.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingInput {
    pub problems: Vec<Text>,
}

impl MissingInput {
    pub fn text(&self) -> Text {
        Text::sentences(self.problems.iter().cloned()).unwrap_or_else(|| Text::verbatim(""))
    }
}

/// Generates `kind` for `doc`.
pub fn generate(
    kind: ScriptKind,
    doc: &IntegrationDocument,
    options: &ScriptOptions,
) -> Result<Script, MissingInput> {
    let today = options
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let key = doc.key();
    let (text, file_name) = match kind {
        ScriptKind::Apps => (
            apps(doc, today, options.loopback_redirect_uris)?,
            format!("ones-m365-apps-{key}.sh"),
        ),
        ScriptKind::Rooms => (
            rooms(doc, options.account.as_deref())?,
            format!("ones-m365-rooms-{key}.ps1"),
        ),
        ScriptKind::Renew => {
            let app = options.app.unwrap_or(AppChoice::Server);
            (renew(doc, app, today)?, format!("ones-m365-renew-{key}.sh"))
        }
    };
    Ok(Script {
        kind,
        file_name,
        text,
    })
}

/// Where a script can run: Azure Cloud Shell where the cloud offers one, and always on the user's
/// own computer (the only way in Azure operated by 21Vianet, and the way without an Azure
/// subscription, which Cloud Shell needs).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WhereToRun {
    /// Azure Cloud Shell's address, where the document's cloud has one.
    pub cloud_shell: Option<&'static str>,
    /// The commands of a local run, one a line, ready to paste into the script's shell.
    pub local_commands: String,
}

/// Where `script`, generated for `doc`, can run.
pub fn where_to_run(script: &Script, doc: &IntegrationDocument) -> WhereToRun {
    let cloud_shell = match doc.operator {
        Operator::Microsoft => Some("https://shell.azure.com"),
        Operator::Vianet21 => None,
    };
    let file = &script.file_name;
    let local_commands = match script.kind {
        ScriptKind::Apps | ScriptKind::Renew => {
            let tenant = expected_tenant(doc).unwrap_or_default();
            let tenant = if tenant.is_empty() {
                String::new()
            } else {
                format!(" --tenant {tenant}")
            };
            format!(
                "az cloud set --name {}\naz login --allow-no-subscriptions{tenant}\nDRY_RUN=1 bash {file}\nbash {file}",
                az_cloud(doc.operator)
            )
        }
        ScriptKind::Rooms => format!(
            "Install-Module ExchangeOnlineManagement -Scope CurrentUser\npowershell -ExecutionPolicy Bypass -File .\\{file}"
        ),
    };
    WhereToRun {
        cloud_shell,
        local_commands,
    }
}

/// The Azure CLI cloud of an operator.
fn az_cloud(operator: Operator) -> &'static str {
    match operator {
        Operator::Microsoft => "AzureCloud",
        Operator::Vianet21 => "AzureChinaCloud",
    }
}

/// The secret's end date: the document's expiry when it is in the future and at most 24 months
/// ahead, else 12 months from today.
pub(crate) fn secret_end_date(expires_on: Option<NaiveDate>, today: NaiveDate) -> NaiveDate {
    let latest = today + Months::new(24);
    expires_on
        .filter(|date| *date > today && *date <= latest)
        .unwrap_or(today + Months::new(12))
}

/// The end dates the script tries for a new secret, longest first: [`secret_end_date`], then 365,
/// 180, 90, 60, 30, 14 and 7 days from today. A tenant's app management policy may cap secret
/// lifetimes (often in days: P365D, P180D, P90D); the script takes the first date it accepts.
fn secret_end_dates(expires_on: Option<NaiveDate>, today: NaiveDate) -> String {
    let mut dates = vec![secret_end_date(expires_on, today)];
    for days in [365, 180, 90, 60, 30, 14, 7] {
        let date = today + Days::new(days);
        if dates.last().is_some_and(|last| date < *last) {
            dates.push(date);
        }
    }
    dates
        .iter()
        .map(NaiveDate::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The tenant the script must run in, as a lower-case GUID, or empty when the document names none
/// (the script then reports the tenant it ran in). A tenant given any other way — a domain such as
/// contoso.onmicrosoft.com — cannot be compared with the ID Azure CLI reports, so the guard would
/// be empty: the script is not generated.
pub(crate) fn expected_tenant(doc: &IntegrationDocument) -> Result<String, Text> {
    let value = doc.check_input().tenant;
    if value.is_empty() {
        Ok(String::new())
    } else if is_guid(value) {
        Ok(value.to_lowercase())
    } else {
        Err(Text::new("setup.missing.tenant_not_guid").arg("value", one_line(value)))
    }
}

/// An app's client ID as the script looks it up (lower case), or empty for "find it by its tag or
/// create it". Anything else is refused: a mistyped ID must not become a new app registration.
fn existing_client_id(value: &str, app: &str) -> Result<String, Text> {
    let value = value.trim();
    if value.is_empty() {
        Ok(String::new())
    } else if is_guid(value) {
        Ok(value.to_lowercase())
    } else {
        Err(Text::new("setup.missing.client_id_not_guid")
            .arg("app", app)
            .arg("value", one_line(value)))
    }
}

/// Why the script must not register `uri` as a Web redirect URI, if it must not: the checks of
/// the wizard's own validation, and the script's rule — `https://…` or `http://localhost…` only
/// (so nothing reaches `az` that it could read as an option, and no loopback IP of demo mode ends
/// up in a real tenant).
fn redirect_uri_problem(field: Field, uri: &str, allow_loopback: bool) -> Option<Text> {
    let field_title = crate::ones::error::field_title_text(field);
    if let Some(problem) = crate::model::validation::redirect_uri_error(field, uri) {
        return Some(
            Text::new("setup.missing.redirect_uri_invalid")
                .arg_text("field", field_title)
                .arg("value", one_line(uri))
                .arg_text("problem", problem),
        );
    }
    let localhost = uri == "http://localhost"
        || uri.starts_with("http://localhost:")
        || uri.starts_with("http://localhost/");
    let loopback = allow_loopback
        && url::Url::parse(uri).is_ok_and(|url| crate::model::validation::url_is_loopback(&url));
    if !(uri.starts_with("https://") || localhost || loopback) {
        return Some(
            Text::new("setup.missing.redirect_uri_scheme")
                .arg_text("field", field_title)
                .arg("value", one_line(uri)),
        );
    }
    None
}

/// `KEY=value` lines, each value quoted.
fn bash_assignments(values: &[(&str, &str)]) -> String {
    values
        .iter()
        .map(|(name, value)| format!("{name}={}\n", bash_quote(value)))
        .collect()
}

/// The script's fixed text with its own placeholders filled in. Done before any document value
/// is added, so a name such as `@END@` stays text.
fn fixed(text: &str) -> String {
    text.replace("@BEGIN@", BEGIN)
        .replace("@END@", END)
        .replace("@SCHEMA@", SCHEMA)
}

fn header(title: &str, doc: &IntegrationDocument) -> String {
    format!(
        "#!/usr/bin/env bash\n# {title} — generated by ones-m365 {} for {} ({}).\n",
        env!("CARGO_PKG_VERSION"),
        one_line(&doc.name),
        doc.operator.ones_label()
    )
}

/// Whether the app's secret is known: in the document, or already in ONES.
fn has_secret(secret: &crate::model::Secret, in_ones: bool) -> &'static str {
    if secret.is_empty() && !in_ones {
        "0"
    } else {
        "1"
    }
}

fn apps(
    doc: &IntegrationDocument,
    today: NaiveDate,
    allow_loopback: bool,
) -> Result<String, MissingInput> {
    let mut problems = Vec::new();
    let input = doc.check_input();
    let name = input.name;
    if name.is_empty() {
        problems.push(Text::new("setup.missing.name"));
    }
    let tenant = expected_tenant(doc).unwrap_or_else(|problem| {
        problems.push(problem);
        String::new()
    });
    let server_id =
        existing_client_id(&doc.server_app.client_id, "server_app").unwrap_or_else(|problem| {
            problems.push(problem);
            String::new()
        });
    let sso_id = existing_client_id(&doc.sso_app.client_id, "sso_app").unwrap_or_else(|problem| {
        problems.push(problem);
        String::new()
    });
    let derived = derive_redirect_uris(&doc.ones_url, name);
    let room_uri = Some(input.room_redirect_uri)
        .filter(|uri| !uri.is_empty())
        .map(str::to_owned)
        .or_else(|| derived.as_ref().map(|uris| uris.room.clone()));
    let sso_uri = Some(input.sso_redirect_uri)
        .filter(|uri| !uri.is_empty())
        .map(str::to_owned)
        .or_else(|| derived.as_ref().map(|uris| uris.sso.clone()));
    match (&room_uri, &sso_uri) {
        (Some(room), Some(sso)) => problems.extend(
            [
                redirect_uri_problem(Field::RoomRedirectUri, room, allow_loopback),
                redirect_uri_problem(Field::SsoRedirectUri, sso, allow_loopback),
            ]
            .into_iter()
            .flatten(),
        ),
        _ => problems.push(Text::new("setup.missing.redirect_uris")),
    }
    if !problems.is_empty() {
        return Err(MissingInput { problems });
    }
    let key = doc.key();
    let server_name = format!("ONES room calendars ({name})");
    let sso_name = format!("ONES single sign-on ({name})");
    let server_tag = format!("ones-m365:{key}:server");
    let sso_tag = format!("ones-m365:{key}:sso");
    let create_body = |display: &str, tag: &str| {
        serde_json::json!({
            "displayName": display,
            "signInAudience": "AzureADMyOrg",
            "tags": [tag],
        })
        .to_string()
    };
    let cloud = CloudProfile::for_operator(doc.operator);
    let values = bash_assignments(&[
        ("OPERATOR", doc.operator.as_str()),
        ("EXPECTED_CLOUD", az_cloud(doc.operator)),
        ("LOGIN_BASE", cloud.login_base),
        ("EXPECTED_TENANT", &tenant),
        ("SERVER_CLIENT_ID", &server_id),
        ("SERVER_TAG", &server_tag),
        (
            "SERVER_CREATE_BODY",
            &create_body(&server_name, &server_tag),
        ),
        (
            "SERVER_HAS_SECRET",
            has_secret(
                &doc.server_app.client_secret,
                doc.server_app.client_secret_in_ones,
            ),
        ),
        ("ROOM_REDIRECT_URI", room_uri.as_deref().unwrap_or_default()),
        (
            "SERVER_SECRET_END_DATES",
            &secret_end_dates(doc.server_app.client_secret_expires_on, today),
        ),
        ("SSO_CLIENT_ID", &sso_id),
        ("SSO_TAG", &sso_tag),
        ("SSO_CREATE_BODY", &create_body(&sso_name, &sso_tag)),
        (
            "SSO_HAS_SECRET",
            has_secret(
                &doc.sso_app.client_secret,
                doc.sso_app.client_secret_in_ones,
            ),
        ),
        ("SSO_REDIRECT_URI", sso_uri.as_deref().unwrap_or_default()),
        (
            "SSO_SECRET_END_DATES",
            &secret_end_dates(doc.sso_app.client_secret_expires_on, today),
        ),
    ]);
    Ok(format!(
        "{}{}\n# ---- values from the integration document\n{values}# ----\n\n{}\n{}",
        header("App registrations for ONES (Delegated resource only)", doc),
        fixed(APPS_INTRO),
        fixed(COMMON),
        fixed(APPS_BODY),
    ))
}

/// The app `renew` renews: its client ID (trimmed), its secret's expiry, and its key in the block
/// (`server_app` / `sso_app`).
pub(crate) fn renewal_target(
    doc: &IntegrationDocument,
    app: AppChoice,
) -> (&str, Option<NaiveDate>, &'static str) {
    let input = doc.check_input();
    match app {
        AppChoice::Server => (
            input.server_client_id,
            doc.server_app.client_secret_expires_on,
            "server_app",
        ),
        AppChoice::Sso => (
            input.sso_client_id,
            doc.sso_app.client_secret_expires_on,
            "sso_app",
        ),
    }
}

fn renew(
    doc: &IntegrationDocument,
    app: AppChoice,
    today: NaiveDate,
) -> Result<String, MissingInput> {
    let (id, expires, role) = renewal_target(doc, app);
    let mut problems = Vec::new();
    let tenant = expected_tenant(doc).unwrap_or_else(|problem| {
        problems.push(problem);
        String::new()
    });
    if id.is_empty() {
        problems.push(Text::new("setup.missing.client_id").arg("app", role));
    } else if let Err(problem) = existing_client_id(id, role) {
        problems.push(problem);
    }
    if !problems.is_empty() {
        return Err(MissingInput { problems });
    }
    // A renewal starts a new lifetime: 12 months unless the document already names a later date.
    let expires = expires.filter(|date| *date > today + Months::new(1));
    let values = bash_assignments(&[
        ("OPERATOR", doc.operator.as_str()),
        ("EXPECTED_CLOUD", az_cloud(doc.operator)),
        ("EXPECTED_TENANT", &tenant),
        ("APP_ROLE", role),
        ("APP_CLIENT_ID", &id.to_lowercase()),
        ("SECRET_END_DATES", &secret_end_dates(expires, today)),
    ]);
    Ok(format!(
        "{}{}\n# ---- values from the integration document\n{values}# ----\n\n{}\n{}",
        header("A new client secret for ONES", doc),
        fixed(RENEW_INTRO),
        fixed(COMMON),
        fixed(RENEW_BODY),
    ))
}

/// `text` for a PowerShell comment: one line, ASCII only (anything else becomes `?`). The rooms
/// script's own text stays ASCII, so however Windows PowerShell decodes the file, no byte of a
/// document value turns into a quote or a line break.
fn ascii_comment(text: &str) -> String {
    one_line(text)
        .chars()
        .map(|ch| if ch.is_ascii() { ch } else { '?' })
        .collect()
}

fn rooms(doc: &IntegrationDocument, account: Option<&str>) -> Result<String, MissingInput> {
    let mut problems = Vec::new();
    let account = account.map(str::trim).unwrap_or_default();
    if account.is_empty() {
        problems.push(Text::new("setup.missing.account"));
    } else if !is_mail_address(account) {
        problems.push(Text::new("setup.missing.account_invalid").arg("value", one_line(account)));
    }
    let mut rooms = Vec::new();
    for room in doc.room.mailboxes.iter().map(|room| room.trim()) {
        if room.is_empty() {
            continue;
        }
        if is_mail_address(room) {
            rooms.push(room);
        } else {
            problems.push(Text::new("setup.missing.room_invalid").arg("value", one_line(room)));
        }
    }
    if rooms.is_empty() && problems.is_empty() {
        problems.push(Text::new("setup.missing.rooms"));
    }
    if !problems.is_empty() {
        return Err(MissingInput { problems });
    }
    let room_list = rooms
        .iter()
        .map(|room| format!("    {}", powershell_quote(room)))
        .collect::<Vec<_>>()
        .join(",\n");
    let environment = match doc.operator {
        Operator::Microsoft => "",
        Operator::Vianet21 => "$ConnectParameters['ExchangeEnvironmentName'] = 'O365China'\n",
    };
    Ok(format!(
        "# Room calendar delegation for ONES - generated by ones-m365 {} for {} ({}).\n{}\n# ---- values from the integration document\n$Operator = {}\n$Account = {}\n$Rooms = @(\n{room_list}\n)\n# ----\n\n$ConnectParameters = @{{ ShowBanner = $false }}\n{environment}{}",
        env!("CARGO_PKG_VERSION"),
        ascii_comment(&doc.name),
        doc.operator.ones_label(),
        fixed(ROOMS_INTRO),
        powershell_quote(doc.operator.as_str()),
        powershell_quote(account),
        fixed(ROOMS_BODY),
    ))
}

const APPS_INTRO: &str = r#"#
# Read it before you run it. In the tenant Azure CLI is signed in to it creates or updates the two
# app registrations of the ONES wizard:
#   1. the server app (room calendars): Web redirect URI(s); delegated Microsoft Graph permissions
#      Calendars.ReadWrite.Shared, openid, offline_access; service principal; admin consent;
#      a client secret named "Offision Integration";
#   2. the single sign-on app: its Web redirect URI; openid, profile, email, User.Read; service
#      principal; admin consent; a client secret.
# Where to run it:
#   - Azure Cloud Shell (Bash; the >_ button in the Azure portal) — needs an Azure subscription,
#     and is not offered in Azure operated by 21Vianet;
#   - any Bash with Azure CLI (Linux, macOS, WSL or Git Bash on Windows):
#       az cloud set --name AzureCloud          (21Vianet: az cloud set --name AzureChinaCloud)
#       az login --allow-no-subscriptions --tenant <tenant ID>
#       bash <this file>
# Safe to run again: an app is found by the client ID in the document, else by the tag this script
# sets — never by its display name; redirect URIs and permissions are added, never replaced;
# secrets are appended, never reset. A second run adds a secret only when the document has none
# for an app, or NEW_SECRET=1 asks for one. DRY_RUN=1 prints what it would change and changes
# nothing. Admin consent is granted through Microsoft Graph (oauth2PermissionGrants); a role that
# may not grant it gets the browser link for an administrator.
# The room access test signs in through http://localhost, so the server app gets it too (ONES does
# not need it: remove it once the test passed). ADD_LOCALHOST=0 leaves it out.
# Secrets are printed only in the result block at the end, never written to a file.
# Exit status: 0 done; 1 stopped (the last line says why; a secret already made is still printed);
# 3 done except admin consent, which an administrator must grant (the block is printed)."#;

const RENEW_INTRO: &str = r#"#
# Read it before you run it. It appends a new client secret to one app registration (the old one
# keeps working), prints the result block for the assistant, and tells how to delete the old
# secret — only after ONES runs on the new one. DRY_RUN=1 changes nothing.
# Run it in Azure Cloud Shell (Bash), or in any Bash with Azure CLI after
#   az cloud set --name AzureCloud  (21Vianet: AzureChinaCloud); az login --allow-no-subscriptions"#;

const ROOMS_INTRO: &str = r#"# PowerShell with Exchange Online (Azure Cloud Shell, or a local PowerShell with the
# ExchangeOnlineManagement module, version 3 or later). Read it before you run it. It gives the
# service account Editor on the calendar of each room listed below: added when absent, raised when
# lower, left alone when equal or higher; custom rights are reported, not changed (set
# $ReplaceCustomRights = $true to make them Editor). The calendar folder is found by its type, so
# localized folder names work. It also reports every room mailbox of the tenant, so the assistant
# can add the ones the document lacks.
# Delegation can take 24-48 hours to take effect; the assistant's room access test proves it."#;

/// The Bash helpers both Azure CLI scripts share.
const COMMON: &str = r#"set -euo pipefail
# Bash 4.4 and later: a failure inside $(...) stops the script too. The script does not rely on
# it: az runs in run_az, whose result every caller checks (the Bash 3.2 of macOS lacks it).
shopt -s inherit_errexit 2>/dev/null || true

DRY_RUN="${DRY_RUN:-0}"
SECRET_NAME="Offision Integration"
# An app created a moment ago can be "not found" for a while (directory replication): such answers
# are tried again, RETRY_TIMES times, RETRY_SECONDS apart.
RETRY_SECONDS="${RETRY_SECONDS:-5}"
RETRY_TIMES="${RETRY_TIMES:-24}"

say() { printf '%s\n' "$*" >&2; }
fail() { say "ones-m365 setup: $*"; exit 1; }

# Called by the EXIT trap; the apps script replaces it.
# shellcheck disable=SC2317
at_exit() { :; }
AZ_ERROR_FILE=$(mktemp "${TMPDIR:-/tmp}/ones-m365-az.XXXXXX") \
  || { say "ones-m365 setup: could not create a temporary file (TMPDIR=${TMPDIR:-/tmp})."; exit 1; }
trap 'rm -f "$AZ_ERROR_FILE"; at_exit' EXIT

AZ_OUT="" AZ_ERROR=""
# Runs az. What it prints on standard output (the value asked for) lands in AZ_OUT, what it prints
# on standard error (warnings, errors) in AZ_ERROR: a warning is never taken for a value.
run_az() {
  local status=0
  AZ_OUT=$(az "$@" --only-show-errors 2>"$AZ_ERROR_FILE") || status=$?
  AZ_OUT=${AZ_OUT//$'\r'/}
  AZ_ERROR=$(cat "$AZ_ERROR_FILE") || AZ_ERROR="(its error output could not be read)"
  return "$status"
}

az_error_says() {
  case $AZ_ERROR in
    *"$1"*) return 0 ;;
  esac
  return 1
}

# The directory's answer for an object it does not show (yet).
az_not_found() {
  az_error_says "does not exist or one of its queried reference-property objects are not present" \
    || az_error_says "does not reference a valid application object"
}

# run_az for an app that exists but may not have replicated yet: "not found" is tried again.
run_az_replicated() {
  local attempt=1
  while ! run_az "$@"; do
    if ! az_not_found || [ "$attempt" -ge "$RETRY_TIMES" ]; then
      return 1
    fi
    if [ "$attempt" = 1 ]; then
      say "  not visible yet (directory replication can take a minute); trying again every ${RETRY_SECONDS}s, at most $RETRY_TIMES times"
    fi
    sleep "$RETRY_SECONDS"
    attempt=$((attempt + 1))
  done
}

# An az command that only reads; a failure stops the script with az's own error.
read_az() {
  local what=$1
  shift
  run_az_replicated "$@" || fail "$what failed: $AZ_ERROR"
}

# An az command that changes something; with DRY_RUN=1 it only says what it would do.
change_az() {
  local what=$1
  shift
  AZ_OUT=""
  if [ "$DRY_RUN" = 1 ]; then
    say "would $what"
    return 0
  fi
  run_az_replicated "$@" || fail "$what failed: $AZ_ERROR"
  say "done: $what"
}

# A JSON string: quotes, backslashes and control characters escaped.
json_string() {
  local value=$1 out="" ch code i
  local LC_ALL=C
  for ((i = 0; i < ${#value}; i++)); do
    ch=${value:i:1}
    case $ch in
      '"') out+='\"' ;;
      \\) out+="\\\\" ;;
      *)
        printf -v code '%d' "'$ch"
        if { [ "$code" -ge 0 ] && [ "$code" -lt 32 ]; } || [ "$code" -eq 127 ]; then
          printf -v ch '\\u%04x' "$code"
        fi
        out+=$ch
        ;;
    esac
  done
  printf '"%s"' "$out"
}

# Adds a client secret named $SECRET_NAME to app $1, ending on the first of the dates $2... the
# tenant accepts (an app management policy may cap secret lifetimes); sets NEW_SECRET_VALUE and
# NEW_SECRET_END_DATE. Stops with a sentence when the tenant allows no client secrets at all.
NEW_SECRET_VALUE="" NEW_SECRET_END_DATE=""
add_secret() {
  local app=$1 end_date
  shift
  NEW_SECRET_VALUE="" NEW_SECRET_END_DATE=""
  if [ "$DRY_RUN" = 1 ]; then
    say "would add the client secret \"$SECRET_NAME\" (until $1) to $app"
    return 0
  fi
  for end_date in "$@"; do
    if run_az_replicated ad app credential reset --id "$app" --append --display-name "$SECRET_NAME" --end-date "$end_date" --query password -o tsv; then
      NEW_SECRET_VALUE=$AZ_OUT
      NEW_SECRET_END_DATE=$end_date
      [ -n "$NEW_SECRET_VALUE" ] || fail "Azure CLI added a secret to $app but printed no value; delete the secret named \"$SECRET_NAME\" ending $end_date in the portal (Certificates & secrets) and run the script again."
      say "done: add the client secret \"$SECRET_NAME\" (until $end_date) to $app"
      return 0
    fi
    if az_error_says "Credential lifetime exceeds the max value allowed as per assigned policy"; then
      say "The tenant's app management policy caps the lifetime of secrets: a secret until $end_date was refused; trying a shorter one."
    elif az_error_says "not allowed as per assigned policy"; then
      fail "the tenant's app management policy allows no client secrets for $app ($AZ_ERROR). ONES signs in to Microsoft with a client secret and cannot use a certificate or a federated credential: ask your Microsoft Entra administrators for an app management policy exemption for this app (a policy assigned to it that allows password credentials, i.e. lifts passwordAddition), then run this script again."
    else
      fail "adding a client secret to $app failed: $AZ_ERROR"
    fi
  done
  fail "the tenant's app management policy refused every secret lifetime this script tries (the shortest ends $end_date). Ask your Microsoft Entra administrators how long a client secret may live, add one in the portal (Certificates & secrets), and enter it in the assistant."
}

command -v az >/dev/null 2>&1 \
  || fail "Azure CLI (az) is not installed. Use Azure Cloud Shell (the >_ button in the Azure portal) or install Azure CLI: https://aka.ms/installazurecli"
read_az "reading the Azure CLI cloud" cloud show --query name -o tsv
cloud=$AZ_OUT
if [ "$cloud" != "$EXPECTED_CLOUD" ]; then
  fail "Azure CLI is set to the cloud $cloud; this integration ($OPERATOR) needs $EXPECTED_CLOUD. Run: az cloud set --name $EXPECTED_CLOUD && az login --allow-no-subscriptions${EXPECTED_TENANT:+ --tenant $EXPECTED_TENANT}"
fi
if ! run_az account show --query tenantId -o tsv || [ -z "$AZ_OUT" ]; then
  fail "Azure CLI could not say which tenant it is signed in to (${AZ_ERROR:-no answer}). Sign in, then run the script again: az login --allow-no-subscriptions${EXPECTED_TENANT:+ --tenant $EXPECTED_TENANT}"
fi
tenant=$AZ_OUT
tenant_lower=$(printf '%s' "$tenant" | tr '[:upper:]' '[:lower:]')
if [ -n "$EXPECTED_TENANT" ] && [ "$tenant_lower" != "$EXPECTED_TENANT" ]; then
  fail "Azure CLI is signed in to the tenant $tenant, the document names $EXPECTED_TENANT. Run: az login --allow-no-subscriptions --tenant $EXPECTED_TENANT"
fi
say "Azure CLI: cloud $cloud, tenant $tenant"
if [ "$DRY_RUN" = 1 ]; then say "DRY_RUN=1: showing what would change; nothing is changed."; fi
"#;

const APPS_BODY: &str = r#"NEW_SECRET="${NEW_SECRET:-0}"
ADD_LOCALHOST="${ADD_LOCALHOST:-1}"
GRAPH_APP_ID=00000003-0000-0000-c000-000000000000

# Only https:// addresses and http://localhost are registered: nothing az could take for an option.
check_redirect_uri() {
  case $1 in
    *[[:space:]]* | *[[:cntrl:]]*)
      fail "a redirect URI holds a space or a control character; correct it in the assistant and generate the script again." ;;
    https://?* | http://localhost | http://localhost[:/]*) ;;
    *) fail "the redirect URI \"$1\" is not an https:// address or http://localhost; correct it in the assistant and generate the script again." ;;
  esac
}
server_uris=("$ROOM_REDIRECT_URI")
if [ "$ADD_LOCALHOST" = 1 ]; then server_uris+=("http://localhost"); fi
for uri in "${server_uris[@]}" "$SSO_REDIRECT_URI"; do check_redirect_uri "$uri"; done

read_az "reading the Microsoft Graph address" cloud show --query endpoints.microsoftGraphResourceId -o tsv
graph=${AZ_OUT%/}
case $graph in
  https://?*) ;;
  *) fail "Azure CLI reports \"$graph\" as the Microsoft Graph address of $cloud; check: az cloud show" ;;
esac
read_az "looking up Microsoft Graph's service principal" ad sp show --id "$GRAPH_APP_ID" --query id -o tsv
graph_sp=$AZ_OUT

# FOUND_APP: the appId of the app with client ID $1 (it must exist), else of the app tagged $2,
# else empty. Never found by its name; a lookup that fails stops the script, never means "absent".
FOUND_APP=""
find_app() {
  local id=$1 tag=$2 status
  FOUND_APP=""
  if [ -n "$id" ]; then
    if run_az ad app show --id "$id" --query appId -o tsv; then
      FOUND_APP=$AZ_OUT
      [ -n "$FOUND_APP" ] || fail "Azure CLI answered nothing for the app registration $id."
      return 0
    else
      status=$?
    fi
    if [ "$status" = 3 ] || az_not_found; then
      fail "there is no app registration with the client ID $id in the tenant $tenant. Check the tenant, or clear the client ID in the assistant to have a new app created."
    fi
    fail "reading the app registration $id failed: $AZ_ERROR"
  fi
  read_az "looking up the app tagged $tag" ad app list --filter "tags/any(t:t eq '$tag')" --query "[].appId" -o tsv
  case $AZ_OUT in
    *$'\n'*) fail "more than one app registration carries the tag $tag ($(printf '%s' "$AZ_OUT" | tr '\n' ' ')); delete the extra ones in the portal, or put the client ID of the one to keep into the assistant." ;;
  esac
  FOUND_APP=$AZ_OUT
}

# Adds the Web redirect URIs $2... to app $1 that it does not have yet (the others stay).
add_redirect_uris() {
  local app=$1 uri current missing=0
  shift
  read_az "reading the redirect URIs of $app" ad app show --id "$app" --query "web.redirectUris[]" -o tsv
  current=$AZ_OUT
  local all=()
  while IFS= read -r uri; do
    if [ -n "$uri" ]; then all+=("$uri"); fi
  done <<< "$current"
  for uri in "$@"; do
    if ! grep -qxF -- "$uri" <<< "$current"; then
      all+=("$uri")
      missing=1
    fi
  done
  if [ "$missing" = 1 ]; then
    change_az "set the Web redirect URIs of $app to: ${all[*]}" ad app update --id "$app" --web-redirect-uris "${all[@]}"
  else
    say "redirect URIs of $app: already registered"
  fi
}

# Adds the delegated Microsoft Graph permissions $2... to app $1 that it does not have yet.
add_scopes() {
  local app=$1 scope current
  shift
  read_az "reading the API permissions of $app" ad app show --id "$app" --query "requiredResourceAccess[?resourceAppId=='$GRAPH_APP_ID'].resourceAccess[].id" -o tsv
  current=$AZ_OUT
  for scope in "$@"; do
    if ! grep -qxiF -- "$scope" <<< "$current"; then
      change_az "add the delegated permission $scope to $app" ad app permission add --id "$app" --api "$GRAPH_APP_ID" --api-permissions "$scope=Scope"
    fi
  done
}

ensure_service_principal() {
  local app=$1 status
  if run_az ad sp show --id "$app" --query id -o tsv; then
    return 0
  else
    status=$?
  fi
  if [ "$status" != 3 ] && ! az_not_found; then
    fail "reading the service principal of $app failed: $AZ_ERROR"
  fi
  change_az "create the service principal (enterprise application) of $app" ad sp create --id "$app"
}

# Grants admin consent (every user, AllPrincipals) for the delegated scopes $2 (names, space
# separated) of app $1 through Microsoft Graph's oauth2PermissionGrants: one grant per app, its
# scope widened when it lacks some. Only Graph's 403 counts as "your role may not".
CONSENT_MISSING=""
grant_consent() {
  local app=$1 wanted=$2 sp grant_id="" grant_scope="" scope new_scope row
  local id consent_type resource row_scope
  if [ "$DRY_RUN" = 1 ]; then
    say "would grant admin consent ($wanted) for $app"
    return 0
  fi
  read_az "reading the service principal of $app" ad sp show --id "$app" --query id -o tsv
  sp=$AZ_OUT
  if run_az_replicated rest --method GET --uri "$graph/v1.0/oauth2PermissionGrants?\$filter=clientId%20eq%20'$sp'" --query "value[].[id, consentType, resourceId, scope]" -o tsv; then
    while IFS=$'\t' read -r id consent_type resource row_scope; do
      if [ "$consent_type" = AllPrincipals ] && [ "$resource" = "$graph_sp" ]; then
        grant_id=$id
        grant_scope=$row_scope
      fi
    done <<< "$AZ_OUT"
    new_scope=$grant_scope
    for scope in $wanted; do
      case " $new_scope " in
        *" $scope "*) ;;
        *) new_scope="${new_scope:+$new_scope }$scope" ;;
      esac
    done
    if [ -n "$grant_id" ] && [ "$new_scope" = "$grant_scope" ]; then
      say "admin consent for $app: already granted ($grant_scope)"
      return 0
    fi
    if [ -z "$grant_id" ]; then
      row=$(printf '{"clientId":%s,"consentType":"AllPrincipals","resourceId":%s,"scope":%s}' \
        "$(json_string "$sp")" "$(json_string "$graph_sp")" "$(json_string "$new_scope")")
      if run_az_replicated rest --method POST --uri "$graph/v1.0/oauth2PermissionGrants" --headers "Content-Type=application/json" --body "$row"; then
        say "done: admin consent for $app ($new_scope)"
        return 0
      fi
    else
      row=$(printf '{"scope":%s}' "$(json_string "$new_scope")")
      if run_az rest --method PATCH --uri "$graph/v1.0/oauth2PermissionGrants/$grant_id" --headers "Content-Type=application/json" --body "$row"; then
        say "done: admin consent for $app widened to: $new_scope"
        return 0
      fi
    fi
  fi
  if az_error_says "Forbidden("; then
    CONSENT_MISSING="$CONSENT_MISSING $app"
    say "Admin consent for $app was not granted: your role may not grant it ($AZ_ERROR)."
    say "  Ask a Global Administrator, Privileged Role Administrator or Cloud Application Administrator to open, signed in to this tenant:"
    say "  $LOGIN_BASE/$tenant/adminconsent?client_id=$app"
    say "  (or: the app's API permissions in the portal -> Grant admin consent). Continuing with the rest."
    return 0
  fi
  fail "granting admin consent for $app through Microsoft Graph failed: $AZ_ERROR"
}

server_app="" server_secret="" server_secret_end="" sso_app="" sso_secret="" sso_secret_end=""

# Sets up one app. $1: server or sso; $2: its label; $3: the client ID in the document (or empty);
# $4: its tag; $5: the body that creates it; $6: 1 when the document (or ONES) holds its secret;
# $7: the scopes to consent to; $8: the permission IDs; $9: the secret end dates to try; then its
# redirect URIs. Fills ${1}_app, ${1}_secret and ${1}_secret_end as it goes, so a secret made
# before a later step fails is still printed.
setup_app() {
  local role=$1 label=$2 id=$3 tag=$4 body=$5 has_secret=$6 consent_scopes=$7 permission_ids=$8 end_dates=$9
  shift 9
  local app created=0
  find_app "$id" "$tag"
  app=$FOUND_APP
  if [ -z "$app" ]; then
    change_az "create the $label app registration" rest --method POST --uri "$graph/v1.0/applications" --headers "Content-Type=application/json" --body "$body" --query appId -o tsv
    if [ "$DRY_RUN" = 1 ]; then
      say "would then add its redirect URIs, permissions, service principal, consent and a secret"
      return 0
    fi
    app=$AZ_OUT
    case $app in
      ????????-????-????-????-????????????) ;;
      *) fail "creating the $label app registration answered \"$app\", not a client ID; look for an app named after this integration in the portal before running the script again." ;;
    esac
    created=1
  else
    say "$label app: $app (found)"
  fi
  printf -v "${role}_app" '%s' "$app"
  add_redirect_uris "$app" "$@"
  # Word splitting of the ID list is wanted here.
  # shellcheck disable=SC2086
  add_scopes "$app" $permission_ids
  ensure_service_principal "$app"
  grant_consent "$app" "$consent_scopes"
  if [ "$created" = 1 ] || [ "$NEW_SECRET" = 1 ] || [ "$has_secret" != 1 ]; then
    if [ "$created" != 1 ] && [ "$NEW_SECRET" != 1 ]; then
      say "The document holds no client secret for the $label app: adding one."
    fi
    # shellcheck disable=SC2086
    add_secret "$app" $end_dates
    printf -v "${role}_secret" '%s' "$NEW_SECRET_VALUE"
    printf -v "${role}_secret_end" '%s' "$NEW_SECRET_END_DATE"
  fi
}

app_json() { # appId secret end_date
  if [ -z "$1" ]; then
    printf 'null'
  elif [ -n "$2" ]; then
    printf '{"client_id":%s,"client_secret":%s,"client_secret_expires_on":%s}' "$(json_string "$1")" "$(json_string "$2")" "$(json_string "$3")"
  else
    printf '{"client_id":%s}' "$(json_string "$1")"
  fi
}

print_block() {
  local server sso
  server=$(app_json "$server_app" "$server_secret" "$server_secret_end")
  sso=$(app_json "$sso_app" "$sso_secret" "$sso_secret_end")
  say ""
  say "Paste everything from BEGIN to END into the assistant (Import setup result):"
  printf '%s\n' "@BEGIN@"
  printf '{"schema":"@SCHEMA@","operator":%s,"tenant_id":%s,"server_app":%s,"sso_app":%s}\n' \
    "$(json_string "$OPERATOR")" "$(json_string "$tenant")" "$server" "$sso"
  printf '%s\n' "@END@"
  if [ -n "$server_secret$sso_secret" ]; then
    say "The block holds client secrets: clear this terminal (clear, or close Cloud Shell) once it is pasted."
  fi
}

# A stop after a secret was made still prints it: it exists nowhere else.
finished=0
# shellcheck disable=SC2317
at_exit() {
  if [ "$finished" != 1 ] && [ "$DRY_RUN" != 1 ] && [ -n "$server_secret$sso_secret" ]; then
    say "The script stopped before the end, after it had made a client secret; the block holds what it did:"
    print_block
  fi
}

setup_app server server "$SERVER_CLIENT_ID" "$SERVER_TAG" "$SERVER_CREATE_BODY" "$SERVER_HAS_SECRET" \
  "Calendars.ReadWrite.Shared openid offline_access" \
  "12466101-c9b8-439a-8589-dd09ee67e8e9 37f7f235-527c-4136-accd-4a02d197296e 7427e0e9-2fba-42fe-b0c0-848c9e6a8182" \
  "$SERVER_SECRET_END_DATES" "${server_uris[@]}"
setup_app sso "single sign-on" "$SSO_CLIENT_ID" "$SSO_TAG" "$SSO_CREATE_BODY" "$SSO_HAS_SECRET" \
  "openid profile email User.Read" \
  "37f7f235-527c-4136-accd-4a02d197296e 14dad69e-099b-42c9-810b-d002981feec1 64a6cdd6-aab1-4aaf-94b8-3cc8405e90d0 e1fe6dd8-ba31-4d61-89e7-88639da4683d" \
  "$SSO_SECRET_END_DATES" "$SSO_REDIRECT_URI"

if [ "$DRY_RUN" = 1 ]; then
  say "DRY_RUN=1: nothing was changed."
  exit 0
fi
finished=1
print_block
if [ -n "$CONSENT_MISSING" ]; then
  say "Still to do: admin consent for$CONSENT_MISSING (the links above). Until an administrator grants it, the live checks report it and users are asked to consent."
  exit 3
fi
"#;

const RENEW_BODY: &str = r#"if run_az ad app show --id "$APP_CLIENT_ID" --query appId -o tsv; then
  app=$AZ_OUT
elif az_not_found; then
  fail "there is no app registration with the client ID $APP_CLIENT_ID in the tenant $tenant."
else
  fail "reading the app registration $APP_CLIENT_ID failed: $AZ_ERROR"
fi
[ -n "$app" ] || fail "Azure CLI answered nothing for the app registration $APP_CLIENT_ID."
read_az "listing the secrets of $app" ad app credential list --id "$app" --query "[].keyId" -o tsv
old=$AZ_OUT
# shellcheck disable=SC2086
add_secret "$app" $SECRET_END_DATES
if [ "$DRY_RUN" = 1 ]; then
  say "DRY_RUN=1: nothing was changed."
  exit 0
fi

say ""
say "Paste everything from BEGIN to END into the assistant (Renew secret):"
printf '%s\n' "@BEGIN@"
printf '{"schema":"@SCHEMA@","operator":%s,"tenant_id":%s,%s:{"client_id":%s,"client_secret":%s,"client_secret_expires_on":%s}}\n' \
  "$(json_string "$OPERATOR")" "$(json_string "$tenant")" "$(json_string "$APP_ROLE")" \
  "$(json_string "$app")" "$(json_string "$NEW_SECRET_VALUE")" "$(json_string "$NEW_SECRET_END_DATE")"
printf '%s\n' "@END@"
say "The block holds the new secret: clear this terminal once it is pasted."
say "The old secret still works. Once ONES runs on the new one (export it, then the live check), delete the old one:"
while IFS= read -r key; do
  if [ -n "$key" ]; then say "  az ad app credential delete --id $app --key-id $key"; fi
done <<< "$old"
"#;

const ROOMS_BODY: &str = r#"$ErrorActionPreference = 'Stop'
# Rights below Editor are raised to Editor. Custom rights (single rights instead of a role) are
# reported and left alone unless this is $true.
$ReplaceCustomRights = $false
$ListAllRooms = $true

$Module = Get-Module -ListAvailable -Name ExchangeOnlineManagement |
    Sort-Object Version -Descending | Select-Object -First 1
if (-not $Module) {
    throw 'Exchange Online PowerShell is missing: run Install-Module ExchangeOnlineManagement -Scope CurrentUser, or use Azure Cloud Shell (PowerShell).'
}
if ($Module.Version.Major -lt 3) {
    throw ('ExchangeOnlineManagement {0} is older than version 3, which this script needs: run Update-Module ExchangeOnlineManagement (or Install-Module ExchangeOnlineManagement -Scope CurrentUser -Force), then start a new PowerShell.' -f $Module.Version)
}
Import-Module $Module
if (-not (Get-ConnectionInformation)) {
    Connect-ExchangeOnline @ConnectParameters
}

try {
    $AccountRecipient = Get-EXORecipient -Identity $Account
} catch {
    throw ('The service account {0} was not found in Exchange Online ({1}). Check the address in the assistant.' -f $Account, $_.Exception.Message)
}
$AccountSmtp = [string]$AccountRecipient.PrimarySmtpAddress
$AccountName = [string]$AccountRecipient.DisplayName

# The account's entry among the folder's permissions, or $null. Every entry is read and compared:
# asking for one user fails when it has none, and that failure must not be mistaken for others.
function Find-AccountPermission([string]$Identity) {
    foreach ($Entry in @(Get-MailboxFolderPermission -Identity $Identity)) {
        $User = $Entry.User
        $Smtp = $null
        if ($User.RecipientPrincipal) { $Smtp = [string]$User.RecipientPrincipal.PrimarySmtpAddress }
        elseif ($User.ADRecipient) { $Smtp = [string]$User.ADRecipient.PrimarySmtpAddress }
        if ($Smtp) {
            if ($Smtp -eq $AccountSmtp) { return $Entry }
        } elseif ([string]$User.DisplayName -eq $AccountName) {
            return $Entry
        }
    }
    return $null
}

# AccessRights roles by strength; Editor is what ONES needs.
$Rank = @{ None = 0; AvailabilityOnly = 1; LimitedDetails = 2; Reviewer = 3; Contributor = 4;
           NonEditingAuthor = 5; Author = 6; PublishingAuthor = 7; Editor = 8; PublishingEditor = 9; Owner = 10 }

$Results = foreach ($Room in $Rooms) {
    try {
        # The calendar's name follows the mailbox language: find it by its type.
        $Folder = Get-MailboxFolderStatistics -Identity $Room -FolderScope Calendar |
            Where-Object { $_.FolderType -eq 'Calendar' } | Select-Object -First 1
        if (-not $Folder) { throw 'no calendar folder found' }
        $Identity = '{0}:\{1}' -f $Room, $Folder.Name
        $Current = Find-AccountPermission $Identity
        $Detail = $null
        if (-not $Current) {
            Add-MailboxFolderPermission -Identity $Identity -User $Account -AccessRights Editor | Out-Null
            $Action = 'added'
        } else {
            $Rights = @($Current.AccessRights | ForEach-Object { [string]$_ })
            if ($Rights.Count -eq 1 -and $Rank.ContainsKey($Rights[0])) {
                if ($Rank[$Rights[0]] -lt $Rank['Editor']) {
                    Set-MailboxFolderPermission -Identity $Identity -User $Account -AccessRights Editor | Out-Null
                    $Action = 'raised'
                    $Detail = 'was {0}' -f $Rights[0]
                } else {
                    $Action = 'unchanged'
                    $Detail = $Rights[0]
                }
            } elseif ($ReplaceCustomRights) {
                Set-MailboxFolderPermission -Identity $Identity -User $Account -AccessRights Editor | Out-Null
                $Action = 'replaced'
                $Detail = 'custom rights {0} are now Editor' -f ($Rights -join ', ')
            } else {
                $Action = 'custom'
                $Detail = 'custom rights {0}: set to Editor? Set $ReplaceCustomRights = $true and run again.' -f ($Rights -join ', ')
            }
        }
        [pscustomobject]@{ room = $Room; result = $Action; detail = $Detail; error = $null }
    } catch {
        [pscustomobject]@{ room = $Room; result = 'failed'; detail = $null; error = $_.Exception.Message }
    }
}
$Results | Format-Table -AutoSize -Wrap | Out-Host

$AllRooms = @()
if ($ListAllRooms) {
    $AllRooms = @(Get-EXOMailbox -RecipientTypeDetails RoomMailbox -ResultSize Unlimited |
        ForEach-Object { $_.PrimarySmtpAddress.ToString() })
}
$Block = [ordered]@{ schema = '@SCHEMA@'; operator = $Operator; rooms = $AllRooms; delegation = @($Results) }
Write-Host 'Paste everything from BEGIN to END into the assistant (Import setup result):'
Write-Output '@BEGIN@'
Write-Output ($Block | ConvertTo-Json -Compress -Depth 4)
Write-Output '@END@'
Write-Host 'Delegation can take 24-48 hours to take effect; the room access test in the assistant proves it.'
"#;
