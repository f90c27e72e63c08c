//! The generated setup scripts: golden files per script × operator × document, `bash -n` and
//! `shellcheck` on every Bash script, quoting that never turns a value into code, and the `apps`
//! and `renew` scripts run for real against a fake `az`.
//!
//! The fake `az` is this test program itself: linked as `az` into a temp dir on `PATH`, it keeps
//! app registrations, service principals, consents and credentials in a JSON file and answers the
//! Azure CLI commands the scripts use the way Azure CLI does. (A custom harness: `main` decides
//! which of the two it is.) Set `UPDATE_GOLDEN=1` to rewrite the golden files after a deliberate
//! change, then read the diff.
//!
//! Unix only: the scripts are Bash and the fake `az` is a symlink to this program. Elsewhere (Windows)
//! `main` says so and reports nothing run.
#![cfg_attr(not(unix), allow(dead_code, unused_imports))]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::NaiveDate;
use ones_m365_assistant::model::{IntegrationDocument, Operator, Secret, validate};
use ones_m365_assistant::setup::{
    AppChoice, ScriptKind, ScriptOptions, bash_quote, find_block, generate, merge_into,
    powershell_quote,
};
use serde_json::{Value, json};

const TENANT: &str = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const GRAPH: &str = "00000003-0000-0000-c000-000000000000";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
}

#[cfg(not(unix))]
fn main() {
    println!("setup_scripts: skipped, needs Unix (Bash scripts, a symlinked fake `az`)");
    println!("0 passed, 0 failed");
}

#[cfg(unix)]
fn main() {
    let program = std::env::args().next().unwrap_or_default();
    if Path::new(&program)
        .file_name()
        .and_then(|name| name.to_str())
        == Some("az")
    {
        std::process::exit(fake_az::run(std::env::args().skip(1).collect()));
    }
    let tests: Vec<(&str, fn())> = vec![
        ("golden_files", golden_files),
        (
            "bash_scripts_parse_and_pass_shellcheck",
            bash_scripts_parse_and_pass_shellcheck,
        ),
        ("hostile_values_stay_values", hostile_values_stay_values),
        (
            "apps_first_run_then_nothing_new",
            apps_first_run_then_nothing_new,
        ),
        ("apps_dry_run_changes_nothing", apps_dry_run_changes_nothing),
        (
            "apps_stops_with_a_sentence_when_az_fails",
            apps_stops_with_a_sentence_when_az_fails,
        ),
        ("apps_checks_the_cloud_first", apps_checks_the_cloud_first),
        ("renew_appends_a_secret", renew_appends_a_secret),
    ];
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| !arg.starts_with('-'))
        .collect();
    let (mut passed, mut failed) = (0, 0);
    for (name, test) in tests {
        if !filter.is_empty() && !filter.iter().any(|wanted| name.contains(wanted.as_str())) {
            continue;
        }
        match std::panic::catch_unwind(test) {
            Ok(()) => {
                println!("test {name} ... ok");
                passed += 1;
            }
            Err(_) => {
                println!("test {name} ... FAILED");
                failed += 1;
            }
        }
    }
    println!("{passed} passed, {failed} failed");
    if failed > 0 {
        std::process::exit(101);
    }
}

// ---------------------------------------------------------------------------------------------
// Documents

fn partly_filled(operator: Operator) -> IntegrationDocument {
    let mut doc = IntegrationDocument {
        name: "Head office".to_owned(),
        operator,
        ones_url: "https://ones.example.com".to_owned(),
        ..IntegrationDocument::default()
    };
    doc.server_app.tenant_id = TENANT.to_owned();
    doc.room.mailboxes = vec![
        "room-101@contoso.com".to_owned(),
        "room-102@contoso.com".to_owned(),
    ];
    doc
}

fn with_apps(operator: Operator) -> IntegrationDocument {
    let mut doc = partly_filled(operator);
    doc.server_app.client_id = "11111111-2222-3333-4444-555555555555".to_owned();
    doc.server_app.client_secret_expires_on = NaiveDate::from_ymd_opt(2027, 6, 1);
    doc.sso_app.client_id = "66666666-7777-8888-9999-000000000000".to_owned();
    doc
}

fn options() -> ScriptOptions {
    ScriptOptions {
        app: Some(AppChoice::Server),
        account: Some("ones-rooms@contoso.com".to_owned()),
        today: Some(today()),
    }
}

fn script_text(kind: ScriptKind, doc: &IntegrationDocument) -> String {
    match generate(kind, doc, &options()) {
        Ok(script) => script.text,
        Err(missing) => format!("ERROR: {}\n", missing.text().english()),
    }
}

// ---------------------------------------------------------------------------------------------
// Golden files, syntax, quoting

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/setup")
}

fn golden_files() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    std::fs::create_dir_all(golden_dir()).unwrap();
    let mut mismatches = Vec::new();
    for (kind, kind_name) in [
        (ScriptKind::Apps, "apps"),
        (ScriptKind::Rooms, "rooms"),
        (ScriptKind::Renew, "renew"),
    ] {
        for (operator, operator_name) in [
            (Operator::Microsoft, "microsoft"),
            (Operator::Vianet21, "21vianet"),
        ] {
            let empty = IntegrationDocument {
                operator,
                ..IntegrationDocument::default()
            };
            for (doc, doc_name) in [
                (empty, "empty"),
                (partly_filled(operator), "partly-filled"),
                (with_apps(operator), "with-apps"),
            ] {
                let extension = if kind == ScriptKind::Rooms {
                    "ps1"
                } else {
                    "sh"
                };
                let path = golden_dir().join(format!(
                    "{kind_name}-{operator_name}-{doc_name}.{extension}"
                ));
                let text = script_text(kind, &doc);
                if update {
                    std::fs::write(&path, &text).unwrap();
                } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                    mismatches.push(path.display().to_string());
                }
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "scripts differ from their golden files (UPDATE_GOLDEN=1 rewrites them): {mismatches:?}"
    );
}

fn bash_scripts_parse_and_pass_shellcheck() {
    let dir = tempfile::tempdir().unwrap();
    for operator in [Operator::Microsoft, Operator::Vianet21] {
        for (kind, doc) in [
            (ScriptKind::Apps, partly_filled(operator)),
            (ScriptKind::Apps, with_apps(operator)),
            (ScriptKind::Renew, with_apps(operator)),
        ] {
            let script = generate(kind, &doc, &options()).unwrap();
            let path = dir.path().join(&script.file_name);
            std::fs::write(&path, &script.text).unwrap();
            let output = Command::new("bash").arg("-n").arg(&path).output().unwrap();
            assert!(output.status.success(), "bash -n: {}", text(&output.stderr));
            let output = Command::new("shellcheck")
                .arg("--shell=bash")
                .arg(&path)
                .output()
                .expect("shellcheck is installed (apt-get install shellcheck; .ci/run does)");
            assert!(
                output.status.success(),
                "shellcheck {}:\n{}",
                script.file_name,
                text(&output.stdout)
            );
        }
    }
}

/// Names and mailboxes with quotes, `$`, backticks and command substitutions never become code:
/// the Bash header assigns exactly the value (checked by running the assignments), the PowerShell
/// lines are single-quoted with every quote doubled.
fn hostile_values_stay_values() {
    let hostile = "O'Brien $(touch /tmp/pwned) `id` ${HOME} \"q\" \\ ‘x’";
    let assignment = format!("VALUE={}\nprintf '%s' \"$VALUE\"", bash_quote(hostile));
    let output = Command::new("bash")
        .arg("-c")
        .arg(&assignment)
        .output()
        .unwrap();
    assert_eq!(text(&output.stdout), hostile);

    let mut doc = with_apps(Operator::Microsoft);
    doc.name = hostile.to_owned();
    doc.room.mailboxes = vec!["o'brien$x`y@contoso.com".to_owned()];
    let apps = generate(ScriptKind::Apps, &doc, &options()).unwrap().text;
    // Every line that holds the name is a comment or a single-quoted assignment.
    for line in apps
        .lines()
        .filter(|line| line.contains("O'Brien") || line.contains("O'\\''Brien"))
    {
        assert!(
            line.starts_with('#') || line.contains("='"),
            "unquoted: {line}"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("apps.sh");
    std::fs::write(&path, &apps).unwrap();
    assert!(
        Command::new("bash")
            .arg("-n")
            .arg(&path)
            .status()
            .unwrap()
            .success()
    );

    let rooms = generate(ScriptKind::Rooms, &doc, &options()).unwrap().text;
    assert!(rooms.contains(&powershell_quote("o'brien$x`y@contoso.com")));
    assert!(rooms.contains("'o''brien$x`y@contoso.com'"));
    for line in rooms.lines().filter(|line| line.contains("brien")) {
        assert!(line.trim_start().starts_with('\''), "unquoted: {line}");
    }
}

// ---------------------------------------------------------------------------------------------
// Running the scripts against the fake az

struct Run {
    output: Output,
    state: Value,
}

struct Azure {
    dir: tempfile::TempDir,
}

impl Azure {
    /// A signed-in Azure CLI in `cloud` with `tenant`, and whatever `apps` already exist.
    fn new(cloud: &str, apps: Value) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let bin = dir.path().join("bin");
        std::fs::create_dir_all(&bin).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(std::env::current_exe().unwrap(), bin.join("az")).unwrap();
        let state = json!({
            "cloud": cloud, "tenant": TENANT, "apps": apps, "sps": [], "consents": [],
            "fail_on": null, "calls": 0,
        });
        std::fs::write(dir.path().join("state.json"), state.to_string()).unwrap();
        Self { dir }
    }

    fn state(&self) -> Value {
        serde_json::from_str(&std::fs::read_to_string(self.dir.path().join("state.json")).unwrap())
            .unwrap()
    }

    fn set(&self, key: &str, value: Value) {
        let mut state = self.state();
        state[key] = value;
        std::fs::write(self.dir.path().join("state.json"), state.to_string()).unwrap();
    }

    fn run(&self, script: &str, env: &[(&str, &str)]) -> Run {
        let path = self.dir.path().join("script.sh");
        std::fs::write(&path, script).unwrap();
        let system_path = std::env::var("PATH").unwrap_or_default();
        let mut command = Command::new("bash");
        command
            .arg(&path)
            .env(
                "PATH",
                format!("{}:{system_path}", self.dir.path().join("bin").display()),
            )
            .env("FAKE_AZ_STATE", self.dir.path().join("state.json"));
        for (name, value) in env {
            command.env(name, value);
        }
        let output = command.output().unwrap();
        Run {
            output,
            state: self.state(),
        }
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn app_named<'a>(state: &'a Value, name: &str) -> Vec<&'a Value> {
    state["apps"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|app| app["displayName"] == name)
        .collect()
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|item| item.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn apps_first_run_then_nothing_new() {
    // An unrelated app with the same display name exists already: it must not be touched.
    let unrelated = json!([{
        "appId": "99999999-0000-0000-0000-000000000001", "objectId": "o-unrelated",
        "displayName": "ONES room calendars (Head office)", "tags": [],
        "redirectUris": ["https://other.example.com/cb"], "scopes": [],
        "credentials": [{"keyId": "k-unrelated", "displayName": "theirs", "endDate": "2027-01-01"}],
    }]);
    let azure = Azure::new("AzureCloud", unrelated.clone());
    let doc = partly_filled(Operator::Microsoft);
    let script = generate(ScriptKind::Apps, &doc, &options()).unwrap().text;

    let first = azure.run(&script, &[]);
    let stderr = text(&first.output.stderr);
    assert!(first.output.status.success(), "{stderr}");
    let servers = app_named(&first.state, "ONES room calendars (Head office)");
    assert_eq!(servers.len(), 2, "a new app beside the unrelated one");
    let unrelated_now = servers
        .iter()
        .find(|app| app["objectId"] == "o-unrelated")
        .unwrap();
    assert_eq!(
        *unrelated_now, &unrelated[0],
        "the unrelated app is untouched"
    );
    let server = servers
        .iter()
        .find(|app| app["objectId"] != "o-unrelated")
        .unwrap();
    assert_eq!(strings(&server["tags"]), ["ones-m365:head-office:server"]);
    assert_eq!(
        strings(&server["redirectUris"]),
        [
            "https://ones.example.com/integration/microsoft365/head-office/room/callback",
            "http://localhost"
        ]
    );
    let mut scopes = strings(&server["scopes"]);
    scopes.sort();
    assert_eq!(
        scopes,
        [
            "12466101-c9b8-439a-8589-dd09ee67e8e9",
            "37f7f235-527c-4136-accd-4a02d197296e",
            "7427e0e9-2fba-42fe-b0c0-848c9e6a8182"
        ]
    );
    assert_eq!(server["credentials"].as_array().unwrap().len(), 1);
    assert_eq!(
        server["credentials"][0]["displayName"],
        "Offision Integration"
    );
    assert_eq!(server["credentials"][0]["endDate"], "2027-11-29");
    let sso = app_named(&first.state, "ONES single sign-on (Head office)");
    assert_eq!(sso.len(), 1);
    assert_eq!(
        strings(&sso[0]["redirectUris"]),
        ["https://ones.example.com/integration/microsoft365/head-office/sso/callback"]
    );
    assert_eq!(strings(&sso[0]["scopes"]).len(), 4);
    for app in [server, &sso[0]] {
        assert!(strings(&first.state["sps"]).contains(&app["appId"].as_str().unwrap().to_owned()));
        assert!(
            strings(&first.state["consents"]).contains(&app["appId"].as_str().unwrap().to_owned())
        );
    }

    // The printed block imports (with terminal noise and Windows line endings) and validates.
    let pasted = format!(
        "$ bash apps.sh\r\nsome az noise\r\n{}\r\n$ ",
        text(&first.output.stdout).replace('\n', "\r\n")
    );
    let result = find_block(&pasted).expect("the block is found");
    let mut imported = doc.clone();
    merge_into(&mut imported, &result).unwrap();
    assert_eq!(
        imported.server_app.client_id,
        server["appId"].as_str().unwrap()
    );
    assert_eq!(
        imported.sso_app.client_id,
        sso[0]["appId"].as_str().unwrap()
    );
    assert_eq!(
        imported.server_app.client_secret.expose(),
        server["credentials"][0]["password"].as_str().unwrap()
    );
    let uris =
        ones_m365_assistant::redirect::derive_redirect_uris(&doc.ones_url, &doc.name).unwrap();
    imported.room.redirect_uri = uris.room;
    imported.sso_app.redirect_uri = uris.sso;
    imported.users.login_button_name = "Sign in with Microsoft".to_owned();
    let report = validate(&imported, today());
    assert!(report.is_valid(), "{:#?}", report.findings);

    // A second run of the same script (the document still without client IDs) finds both apps by
    // their tags and changes nothing.
    let second = azure.run(&script, &[]);
    assert!(
        second.output.status.success(),
        "{}",
        text(&second.output.stderr)
    );
    assert_eq!(second.state["apps"], first.state["apps"]);
    assert_eq!(second.state["sps"], first.state["sps"]);
    // A run of the script generated from the imported document finds them by client ID.
    let script = generate(ScriptKind::Apps, &imported, &options())
        .unwrap()
        .text;
    let third = azure.run(&script, &[]);
    assert!(
        third.output.status.success(),
        "{}",
        text(&third.output.stderr)
    );
    assert_eq!(third.state["apps"], first.state["apps"]);
    // NEW_SECRET=1 appends one secret per app; the existing ones survive.
    let fourth = azure.run(&script, &[("NEW_SECRET", "1")]);
    assert!(
        fourth.output.status.success(),
        "{}",
        text(&fourth.output.stderr)
    );
    let server_after = fourth.state["apps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|app| app["appId"] == server["appId"])
        .unwrap();
    assert_eq!(server_after["credentials"].as_array().unwrap().len(), 2);
    assert_eq!(server_after["credentials"][0], server["credentials"][0]);
}

fn apps_dry_run_changes_nothing() {
    let azure = Azure::new("AzureCloud", json!([]));
    let script = generate(
        ScriptKind::Apps,
        &partly_filled(Operator::Microsoft),
        &options(),
    )
    .unwrap()
    .text;
    let run = azure.run(&script, &[("DRY_RUN", "1")]);
    let stderr = text(&run.output.stderr);
    assert!(run.output.status.success(), "{stderr}");
    assert_eq!(run.state["apps"], json!([]));
    assert!(
        stderr.contains("would create the server app registration"),
        "{stderr}"
    );
    assert!(!text(&run.output.stdout).contains("BEGIN ONES-M365 SETUP"));
}

fn apps_stops_with_a_sentence_when_az_fails() {
    let azure = Azure::new("AzureCloud", json!([]));
    azure.set("fail_on", json!("ad sp create"));
    let script = generate(
        ScriptKind::Apps,
        &partly_filled(Operator::Microsoft),
        &options(),
    )
    .unwrap()
    .text;
    let run = azure.run(&script, &[]);
    let stderr = text(&run.output.stderr);
    assert!(!run.output.status.success(), "{stderr}");
    assert!(
        stderr.contains("ones-m365 setup: create the service principal (enterprise application)"),
        "{stderr}"
    );
    assert!(stderr.contains("Insufficient privileges"), "{stderr}");
}

fn apps_checks_the_cloud_first() {
    let azure = Azure::new("AzureCloud", json!([]));
    let script = generate(
        ScriptKind::Apps,
        &partly_filled(Operator::Vianet21),
        &options(),
    )
    .unwrap()
    .text;
    let run = azure.run(&script, &[]);
    let stderr = text(&run.output.stderr);
    assert!(!run.output.status.success());
    assert!(
        stderr.contains("az cloud set --name AzureChinaCloud"),
        "{stderr}"
    );
    assert_eq!(run.state["apps"], json!([]));
}

fn renew_appends_a_secret() {
    let existing = json!([{
        "appId": "11111111-2222-3333-4444-555555555555", "objectId": "o-server",
        "displayName": "ONES room calendars (Head office)", "tags": ["ones-m365:head-office:server"],
        "redirectUris": [], "scopes": [],
        "credentials": [{"keyId": "k-old", "displayName": "Offision Integration", "endDate": "2026-12-15", "password": "old"}],
    }]);
    let azure = Azure::new("AzureCloud", existing);
    let mut doc = with_apps(Operator::Microsoft);
    doc.server_app.client_secret = Secret::new("Old8Q~previousSecretValue0123456789abcde");
    let script = generate(ScriptKind::Renew, &doc, &options()).unwrap().text;
    let run = azure.run(&script, &[]);
    let stderr = text(&run.output.stderr);
    assert!(run.output.status.success(), "{stderr}");
    let credentials = run.state["apps"][0]["credentials"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(credentials.len(), 2, "the old secret survives");
    assert_eq!(credentials[0]["keyId"], "k-old");
    assert!(
        stderr.contains(
            "az ad app credential delete --id 11111111-2222-3333-4444-555555555555 --key-id k-old"
        ),
        "{stderr}"
    );
    let result = find_block(&text(&run.output.stdout)).unwrap();
    merge_into(&mut doc, &result).unwrap();
    assert_eq!(
        doc.server_app.client_secret.expose(),
        credentials[1]["password"].as_str().unwrap()
    );
    assert_eq!(
        doc.server_app.client_secret_expires_on,
        NaiveDate::from_ymd_opt(2027, 6, 1)
    );
    let _ = GRAPH;
}

// ---------------------------------------------------------------------------------------------

mod fake_az {
    //! Azure CLI as far as the scripts use it, over a JSON state file (`FAKE_AZ_STATE`).

    use super::*;

    fn fail(message: &str) -> i32 {
        eprintln!("ERROR: {message}");
        1
    }

    pub fn run(args: Vec<String>) -> i32 {
        let Some(path) = std::env::var_os("FAKE_AZ_STATE") else {
            return fail("FAKE_AZ_STATE is not set");
        };
        let mut state: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let words: Vec<&str> = args
            .iter()
            .take_while(|arg| !arg.starts_with("--"))
            .map(String::as_str)
            .collect();
        let mut options: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut current: Option<String> = None;
        for arg in args.iter().skip(words.len()) {
            if let Some(name) = arg.strip_prefix("--") {
                options.entry(name.to_owned()).or_default();
                current = Some(name.to_owned());
            } else if let Some(name) = &current {
                options.get_mut(name).unwrap().push(arg.clone());
            }
        }
        let option = |name: &str| {
            options
                .get(name)
                .and_then(|values| values.first())
                .cloned()
                .unwrap_or_default()
        };
        let command = words.join(" ");
        if let Some(failing) = state["fail_on"].as_str()
            && command == failing
        {
            return fail("Insufficient privileges to complete the operation.");
        }
        let calls = state["calls"].as_u64().unwrap_or(0) + 1;
        state["calls"] = json!(calls);
        let query = option("query");
        let id = option("id");
        let find = |state: &Value, id: &str| {
            state["apps"]
                .as_array()
                .unwrap()
                .iter()
                .position(|app| app["appId"].as_str() == Some(id))
        };
        let mut out = String::new();
        let code = match command.as_str() {
            "cloud show" if query == "name" => {
                out = state["cloud"].as_str().unwrap().to_owned();
                0
            }
            "cloud show" => {
                out = if state["cloud"] == "AzureChinaCloud" {
                    "https://microsoftgraph.chinacloudapi.cn/".to_owned()
                } else {
                    "https://graph.microsoft.com/".to_owned()
                };
                0
            }
            "account show" => {
                out = state["tenant"].as_str().unwrap().to_owned();
                0
            }
            "ad app show" => match find(&state, &id) {
                None => {
                    return fail(&format!(
                        "Resource '{id}' does not exist or one of its queried reference-property objects are not present."
                    ));
                }
                Some(index) => {
                    let app = &state["apps"][index];
                    out = if query == "appId" {
                        app["appId"].as_str().unwrap().to_owned()
                    } else if query.starts_with("web.redirectUris") {
                        strings(&app["redirectUris"]).join("\n")
                    } else if query.starts_with("requiredResourceAccess") {
                        strings(&app["scopes"]).join("\n")
                    } else {
                        return fail(&format!("fake az: unknown query {query}"));
                    };
                    0
                }
            },
            "ad app list" => {
                let filter = option("filter");
                let tag = filter.split('\'').nth(1).unwrap_or_default().to_owned();
                out = state["apps"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|app| strings(&app["tags"]).contains(&tag))
                    .map(|app| app["appId"].as_str().unwrap().to_owned())
                    .unwrap_or_default();
                0
            }
            "rest" => {
                let body: Value = serde_json::from_str(&option("body")).unwrap();
                let number = state["apps"].as_array().unwrap().len() + 1;
                let app_id = format!("aaaaaaaa-0000-4000-8000-{number:012}");
                state["apps"].as_array_mut().unwrap().push(json!({
                    "appId": app_id, "objectId": format!("o-{number}"),
                    "displayName": body["displayName"], "tags": body["tags"],
                    "redirectUris": [], "scopes": [], "credentials": [],
                }));
                out = app_id;
                0
            }
            "ad app update" => {
                let Some(index) = find(&state, &id) else {
                    return fail("no such app");
                };
                state["apps"][index]["redirectUris"] = json!(
                    options
                        .get("web-redirect-uris")
                        .cloned()
                        .unwrap_or_default()
                );
                0
            }
            "ad app permission add" => {
                let Some(index) = find(&state, &id) else {
                    return fail("no such app");
                };
                assert_eq!(option("api"), GRAPH);
                let scope = option("api-permissions")
                    .trim_end_matches("=Scope")
                    .to_owned();
                state["apps"][index]["scopes"]
                    .as_array_mut()
                    .unwrap()
                    .push(json!(scope));
                0
            }
            "ad sp show" => {
                if strings(&state["sps"]).contains(&id) {
                    out = format!("sp-{id}");
                    0
                } else {
                    return fail("Service principal not found");
                }
            }
            "ad sp create" => {
                state["sps"].as_array_mut().unwrap().push(json!(id));
                0
            }
            "ad app permission admin-consent" => {
                state["consents"].as_array_mut().unwrap().push(json!(id));
                0
            }
            "ad app credential reset" => {
                let Some(index) = find(&state, &id) else {
                    return fail("no such app");
                };
                if !options.contains_key("append") {
                    return fail("fake az: credential reset without --append deletes secrets");
                }
                let credentials = state["apps"][index]["credentials"].as_array_mut().unwrap();
                let password = format!(
                    "Nw{}Q~fakeSecretFromAzureCli{calls:020}",
                    credentials.len() % 10
                );
                credentials.push(json!({
                    "keyId": format!("k-{calls}"), "displayName": option("display-name"),
                    "endDate": option("end-date"), "password": password,
                }));
                out = password;
                0
            }
            "ad app credential list" => {
                let Some(index) = find(&state, &id) else {
                    return fail("no such app");
                };
                out = state["apps"][index]["credentials"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|credential| credential["keyId"].as_str().unwrap().to_owned())
                    .collect::<Vec<_>>()
                    .join("\n");
                0
            }
            other => return fail(&format!("fake az: unknown command {other}")),
        };
        std::fs::write(&path, state.to_string()).unwrap();
        if !out.is_empty() {
            println!("{out}");
        }
        code
    }
}
