//! "Run in the demo tenant": what a generated setup script would do, done to demo mode's
//! Microsoft stand-in, with the terminal output the script would print — its result block
//! included. The learner practises the whole script route (run, copy the block, paste it back,
//! apply, test) offline, and nothing of demo mode (its `http://127.0.0.1` redirect URIs above all)
//! is ever registered in a real tenant. No egui.
//!
//! The rules are the scripts' own: an app is found by the client ID in the document (and one that
//! is not there stops the run), else created; redirect URIs are added, never replaced; a secret is
//! added when the app was created or the document holds none for it; the rooms script gives the
//! service account Editor on the rooms the document lists and reports every room of the tenant.

use chrono::NaiveDate;
use serde_json::json;

use super::demo::{DEMO_CHINA_TENANT_ID, DEMO_TENANT_ID};
use super::microsoft::{AppConfig, Delegation, MicrosoftConfig, Platform, RunningMicrosoft};
use crate::model::{IntegrationDocument, Operator, Secret};
use crate::setup::result::{BEGIN, END, SCHEMA};
use crate::setup::scripts::{expected_tenant, renewal_target, secret_end_date};
use crate::setup::{AppChoice, MissingInput, ScriptKind, ScriptOptions, generate};

/// What a run in the demo tenant printed.
pub struct DemoRun {
    /// The terminal text: the script's progress lines, then the block (when it got that far).
    pub output: Secret,
    /// The secrets the run made (also inside `output`), to hide on screen.
    pub secrets: Vec<String>,
    /// The run stopped early, as the script would with exit status 1.
    pub stopped: bool,
}

/// The secrets never show: `Debug` says how many there are.
impl std::fmt::Debug for DemoRun {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DemoRun")
            .field("output", &self.output)
            .field("secrets", &self.secrets.len())
            .field("stopped", &self.stopped)
            .finish()
    }
}

impl DemoRun {
    /// `output` with every secret the run made shown as dots.
    pub fn masked_output(&self) -> String {
        self.secrets
            .iter()
            .fold(self.output.expose().to_owned(), |text, secret| {
                text.replace(secret.as_str(), "••••••••")
            })
    }
}

/// The demo tenant of `operator`'s cloud: where "Azure CLI" is signed in for a demo run.
fn demo_tenant(operator: Operator) -> &'static str {
    match operator {
        Operator::Microsoft => DEMO_TENANT_ID,
        Operator::Vianet21 => DEMO_CHINA_TENANT_ID,
    }
}

/// A made-up secret in today's Entra shape (`xxx8Q~` and 34 more), random, so each run's secret
/// is new; it opens nothing but the stand-in.
fn new_secret() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut random = [0_u8; 37];
    if getrandom::fill(&mut random).is_err() {
        // No system randomness (never seen): a fresh UUID's bytes are as good for a demo.
        let uuid = uuid::Uuid::new_v4();
        for (index, byte) in random.iter_mut().enumerate() {
            *byte = uuid.as_bytes()[index % 16].wrapping_add(index as u8);
        }
    }
    let pick = |byte: u8| char::from(ALPHABET[usize::from(byte) % ALPHABET.len()]);
    let mut secret: String = random[..3].iter().map(|byte| pick(*byte)).collect();
    secret.push(char::from(b'0' + random[3] % 10));
    secret.push_str("Q~");
    secret.extend(random[4..].iter().take(34).map(|byte| pick(*byte)));
    crate::redact::register(&secret);
    secret
}

/// Runs what `kind`'s script would do for `doc` against `microsoft`. The same checks as the
/// generator come first (what is missing, what cannot be passed safely).
pub fn run_in_demo_tenant(
    microsoft: &RunningMicrosoft,
    kind: ScriptKind,
    doc: &IntegrationDocument,
    options: &ScriptOptions,
) -> Result<DemoRun, MissingInput> {
    let options = ScriptOptions {
        loopback_redirect_uris: true,
        ..options.clone()
    };
    let script = generate(kind, doc, &options)?;
    let today = options
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let mut run = Run {
        lines: vec![format!(
            "demo$ {} {}",
            if kind == ScriptKind::Rooms {
                "./"
            } else {
                "bash"
            },
            script.file_name
        )],
        secrets: Vec::new(),
        stopped: false,
    };
    let tenant = demo_tenant(doc.operator);
    let expected = expected_tenant(doc).unwrap_or_default();
    if !expected.is_empty() && !expected.eq_ignore_ascii_case(tenant) {
        run.stop(format!(
            "ones-m365 setup: Azure CLI is signed in to the tenant {tenant}, the document names {expected}. (Demo mode: the demo tenant is {tenant}.)"
        ));
    } else {
        microsoft.update_config(|config| match kind {
            ScriptKind::Apps => apps(&mut run, config, doc, tenant, today),
            ScriptKind::Renew => renew(&mut run, config, doc, tenant, &options, today),
            ScriptKind::Rooms => rooms(&mut run, config, doc, tenant, &options),
        });
    }
    Ok(DemoRun {
        output: Secret::new(run.lines.join("\n") + "\n"),
        secrets: run.secrets,
        stopped: run.stopped,
    })
}

struct Run {
    lines: Vec<String>,
    secrets: Vec<String>,
    stopped: bool,
}

impl Run {
    fn say(&mut self, line: impl Into<String>) {
        self.lines.push(line.into());
    }

    fn stop(&mut self, line: String) {
        self.lines.push(line);
        self.stopped = true;
    }

    fn block(&mut self, value: &serde_json::Value, import_hint: &str) {
        self.say("");
        self.say(format!(
            "Paste everything from BEGIN to END into the assistant ({import_hint}):"
        ));
        self.say(BEGIN);
        self.say(value.to_string());
        self.say(END);
    }
}

/// One app of the apps script: its client ID and the secret made (if any).
struct AppDone {
    client_id: String,
    secret: Option<(String, NaiveDate)>,
}

#[allow(clippy::too_many_arguments)]
fn set_up_app(
    run: &mut Run,
    config: &mut MicrosoftConfig,
    tenant: &str,
    label: &str,
    display_name: String,
    client_id: &str,
    document_has_secret: bool,
    redirect_uris: &[String],
    end_date: NaiveDate,
) -> Option<AppDone> {
    let tenant_config = config.tenant_mut(tenant)?;
    let (app, created) = if client_id.is_empty() {
        let id = uuid::Uuid::new_v4().to_string();
        let mut app = AppConfig::new(&id);
        app.display_name = display_name;
        tenant_config.apps.push(app);
        run.say(format!("done: create the {label} app registration"));
        (id, true)
    } else if tenant_config.app_mut(client_id).is_some() {
        run.say(format!("{label} app: {client_id} (found)"));
        (client_id.to_lowercase(), false)
    } else {
        run.stop(format!(
            "ones-m365 setup: there is no app registration with the client ID {client_id} in the tenant {tenant}. Check the tenant, or clear the client ID in the assistant to have a new app created."
        ));
        return None;
    };
    let entry = tenant_config.app_mut(&app)?;
    let missing: Vec<&String> = redirect_uris
        .iter()
        .filter(|uri| !entry.redirect_uris.iter().any(|known| &known.uri == *uri))
        .collect();
    if missing.is_empty() {
        run.say(format!("redirect URIs of {app}: already registered"));
    } else {
        for uri in &missing {
            entry.redirect_uris.push(super::microsoft::RedirectUri {
                uri: (*uri).clone(),
                platform: Platform::Web,
            });
        }
        let all: Vec<&str> = entry
            .redirect_uris
            .iter()
            .filter(|uri| uri.platform == Platform::Web)
            .map(|uri| uri.uri.as_str())
            .collect();
        run.say(format!(
            "done: set the Web redirect URIs of {app} to: {}",
            all.join(" ")
        ));
    }
    run.say(format!(
        "done: admin consent for {app} ({})",
        entry.delegated_permissions.join(" ")
    ));
    let secret = if created || !document_has_secret {
        if !created {
            run.say(format!(
                "The document holds no client secret for the {label} app: adding one."
            ));
        }
        let value = new_secret();
        entry.secrets.push(super::microsoft::SecretConfig {
            value: value.clone(),
            expired: false,
        });
        run.secrets.push(value.clone());
        run.say(format!(
            "done: add the client secret \"Offision Integration\" (until {end_date}) to {app}"
        ));
        Some((value, end_date))
    } else {
        None
    };
    Some(AppDone {
        client_id: app,
        secret,
    })
}

fn app_json(app: &AppDone) -> serde_json::Value {
    match &app.secret {
        Some((secret, end)) => json!({
            "client_id": app.client_id, "client_secret": secret,
            "client_secret_expires_on": end.to_string(),
        }),
        None => json!({ "client_id": app.client_id }),
    }
}

fn apps(
    run: &mut Run,
    config: &mut MicrosoftConfig,
    doc: &IntegrationDocument,
    tenant: &str,
    today: NaiveDate,
) {
    let cloud = match doc.operator {
        Operator::Microsoft => "AzureCloud",
        Operator::Vianet21 => "AzureChinaCloud",
    };
    run.say(format!("Azure CLI: cloud {cloud}, tenant {tenant}"));
    let name = doc.name.trim();
    let derived = crate::redirect::derive_redirect_uris(&doc.ones_url, name);
    let pick = |value: &str, derived: Option<String>| {
        Some(value.trim().to_owned())
            .filter(|value| !value.is_empty())
            .or(derived)
            .unwrap_or_default()
    };
    let room_uri = pick(
        &doc.room.redirect_uri,
        derived.as_ref().map(|uris| uris.room.clone()),
    );
    let sso_uri = pick(&doc.sso_app.redirect_uri, derived.map(|uris| uris.sso));
    let Some(server) = set_up_app(
        run,
        config,
        tenant,
        "server",
        format!("ONES room calendars ({name})"),
        doc.server_app.client_id.trim(),
        !doc.server_app.client_secret.is_empty() || doc.server_app.client_secret_in_ones,
        &[room_uri, crate::rooms::LOOPBACK_REDIRECT_URI.to_owned()],
        secret_end_date(doc.server_app.client_secret_expires_on, today),
    ) else {
        return;
    };
    let sso = set_up_app(
        run,
        config,
        tenant,
        "single sign-on",
        format!("ONES single sign-on ({name})"),
        doc.sso_app.client_id.trim(),
        !doc.sso_app.client_secret.is_empty() || doc.sso_app.client_secret_in_ones,
        &[sso_uri],
        secret_end_date(doc.sso_app.client_secret_expires_on, today),
    );
    let block = json!({
        "schema": SCHEMA, "operator": doc.operator.as_str(), "tenant_id": tenant,
        "server_app": app_json(&server),
        "sso_app": sso.as_ref().map(app_json),
    });
    run.block(&block, "Import setup result");
    if server.secret.is_some() || sso.as_ref().is_some_and(|sso| sso.secret.is_some()) {
        run.say("The block holds client secrets: clear this terminal once it is pasted.");
    }
}

fn renew(
    run: &mut Run,
    config: &mut MicrosoftConfig,
    doc: &IntegrationDocument,
    tenant: &str,
    options: &ScriptOptions,
    today: NaiveDate,
) {
    let (client_id, expires, role) = renewal_target(doc, options.app.unwrap_or(AppChoice::Server));
    let Some(app) = config
        .tenant_mut(tenant)
        .and_then(|tenant| tenant.app_mut(client_id))
    else {
        run.stop(format!(
            "ones-m365 setup: there is no app registration with the client ID {client_id} in the tenant {tenant}."
        ));
        return;
    };
    let end = secret_end_date(
        expires.filter(|date| *date > today + chrono::Months::new(1)),
        today,
    );
    let value = new_secret();
    app.secrets.push(super::microsoft::SecretConfig {
        value: value.clone(),
        expired: false,
    });
    run.secrets.push(value.clone());
    run.say(format!(
        "done: add the client secret \"Offision Integration\" (until {end}) to {client_id}"
    ));
    let block = json!({
        "schema": SCHEMA, "operator": doc.operator.as_str(), "tenant_id": tenant,
        role: { "client_id": client_id, "client_secret": value, "client_secret_expires_on": end.to_string() },
    });
    run.block(&block, "Renew secret");
    run.say("The block holds the new secret: clear this terminal once it is pasted.");
    run.say("The old secret still works: delete it once ONES runs on the new one.");
}

fn rooms(
    run: &mut Run,
    config: &mut MicrosoftConfig,
    doc: &IntegrationDocument,
    tenant: &str,
    options: &ScriptOptions,
) {
    let account = options.account.as_deref().unwrap_or_default().trim();
    let Some(tenant_config) = config.tenant_mut(tenant) else {
        return;
    };
    if !tenant_config
        .accounts
        .iter()
        .any(|known| known.username.eq_ignore_ascii_case(account))
    {
        run.stop(format!(
            "The service account {account} was not found in Exchange Online. Check the address in the assistant. (Demo mode: the demo tenant's accounts are on the demo card.)"
        ));
        return;
    }
    let mut delegation = Vec::new();
    run.say("room                                   result");
    for mailbox in doc
        .room
        .mailboxes
        .iter()
        .map(|room| room.trim())
        .filter(|room| !room.is_empty())
    {
        let result = match tenant_config.room_mut(mailbox) {
            None => (
                "failed",
                Some(format!(
                    "The operation couldn't be performed because '{mailbox}' couldn't be found."
                )),
            ),
            Some(room) => match room.delegation_for(account) {
                Some(Delegation::ReadWrite) => ("unchanged", None),
                Some(Delegation::ReadOnly) => {
                    for (known, delegation) in &mut room.delegations {
                        if known.eq_ignore_ascii_case(account) {
                            *delegation = Delegation::ReadWrite;
                        }
                    }
                    ("raised", None)
                }
                None => {
                    room.delegations
                        .push((account.to_owned(), Delegation::ReadWrite));
                    ("added", None)
                }
            },
        };
        run.say(format!("{mailbox:<38} {}", result.0));
        delegation.push(json!({"room": mailbox, "result": result.0, "error": result.1}));
    }
    let all: Vec<&str> = tenant_config
        .rooms
        .iter()
        .map(|room| room.address.as_str())
        .collect();
    let block = json!({
        "schema": SCHEMA, "operator": doc.operator.as_str(), "rooms": all, "delegation": delegation,
    });
    run.block(&block, "Import setup result");
    run.say("Delegation can take 24-48 hours to take effect; the room access test in the assistant proves it.");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::DemoServices;
    use crate::setup::{find_block, merge_into};

    /// The demo's stand-ins, and the runtime that serves them (kept alive beside them).
    fn demo() -> (tokio::runtime::Runtime, DemoServices) {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let demo = runtime.block_on(DemoServices::start()).unwrap();
        (runtime, demo)
    }

    #[test]
    fn a_new_integration_set_up_in_the_demo_tenant_imports_and_its_secrets_are_accepted() {
        let (_runtime, demo) = demo();
        // A learner's own integration: another name, no apps yet.
        let mut doc = IntegrationDocument {
            name: "Learner office".to_owned(),
            ones_url: demo.document().ones_url,
            ..IntegrationDocument::default()
        };
        let run = run_in_demo_tenant(
            &demo.microsoft,
            ScriptKind::Apps,
            &doc,
            &ScriptOptions::default(),
        )
        .unwrap();
        assert!(!run.stopped, "{}", run.masked_output());
        let result = find_block(run.output.expose()).unwrap();
        merge_into(&mut doc, &result).unwrap();
        assert_eq!(doc.server_app.tenant_id, DEMO_TENANT_ID);
        assert!(!doc.server_app.client_secret.is_empty());
        assert!(!doc.sso_app.client_secret.is_empty());
        // The secrets are on no screen, and the stand-in accepts them.
        let masked = run.masked_output();
        assert!(!masked.contains(doc.server_app.client_secret.expose()));
        assert!(masked.contains("••••••••"));
        assert!(!format!("{run:?}").contains(doc.server_app.client_secret.expose()));
        let uris = crate::redirect::derive_redirect_uris(&doc.ones_url, "Learner office").unwrap();
        demo.microsoft.update_config(|config| {
            let tenant = config.tenant_mut(DEMO_TENANT_ID).unwrap();
            let server = tenant.app_mut(&doc.server_app.client_id).unwrap();
            assert!(
                server
                    .secrets
                    .iter()
                    .any(|secret| secret.value == doc.server_app.client_secret.expose())
            );
            assert!(server.redirect_uris.iter().any(|uri| uri.uri == uris.room));
        });
        // A second run finds both apps by client ID and makes no new secret.
        let again = run_in_demo_tenant(
            &demo.microsoft,
            ScriptKind::Apps,
            &doc,
            &ScriptOptions::default(),
        )
        .unwrap();
        assert!(again.secrets.is_empty(), "{}", again.masked_output());
        assert!(again.output.expose().contains("(found)"));
    }

    #[test]
    fn a_wrong_client_id_or_tenant_stops_the_demo_run_as_the_script_would() {
        let (_runtime, demo) = demo();
        let mut doc = demo.document();
        doc.server_app.client_id = "11111111-2222-3333-4444-555555555555".to_owned();
        let run = run_in_demo_tenant(
            &demo.microsoft,
            ScriptKind::Apps,
            &doc,
            &ScriptOptions::default(),
        )
        .unwrap();
        assert!(run.stopped);
        assert!(
            run.output
                .expose()
                .contains("no app registration with the client ID")
        );
        assert!(!run.output.expose().contains(BEGIN));
        let mut doc = demo.document();
        doc.server_app.tenant_id = "11111111-2222-3333-4444-555555555555".to_owned();
        let run = run_in_demo_tenant(
            &demo.microsoft,
            ScriptKind::Apps,
            &doc,
            &ScriptOptions::default(),
        )
        .unwrap();
        assert!(run.stopped);
    }

    #[test]
    fn the_rooms_run_delegates_and_lists_every_room() {
        let (_runtime, demo) = demo();
        let mut doc = demo.document();
        doc.room.mailboxes = vec![crate::sandbox::DEMO_UNDELEGATED_ROOM.to_owned()];
        let options = ScriptOptions {
            account: Some(crate::sandbox::DEMO_ROOM_ACCOUNT.to_owned()),
            ..ScriptOptions::default()
        };
        let run = run_in_demo_tenant(&demo.microsoft, ScriptKind::Rooms, &doc, &options).unwrap();
        assert!(!run.stopped, "{}", run.masked_output());
        let result = find_block(run.output.expose()).unwrap();
        assert_eq!(result.rooms.as_ref().map(Vec::len), Some(4));
        assert!(run.output.expose().contains("added"));
        demo.microsoft.update_config(|config| {
            let tenant = config.tenant_mut(DEMO_TENANT_ID).unwrap();
            let room = tenant
                .room_mut(crate::sandbox::DEMO_UNDELEGATED_ROOM)
                .unwrap();
            assert_eq!(
                room.delegation_for(crate::sandbox::DEMO_ROOM_ACCOUNT),
                Some(Delegation::ReadWrite)
            );
        });
    }
}
