//! The generated setup scripts: golden files per script × operator × document, `bash -n` and
//! `shellcheck` on every Bash script, quoting that never turns a value into code, and the `apps`
//! and `renew` scripts run for real against a fake `az` as strict as Azure CLI (see [`fake_az`]):
//! warnings on standard error, argparse's refusals, exit codes, signed-out answers, directory
//! replication, app management policies, Microsoft Graph's 403 — in both clouds.
//!
//! The fake `az` is this test program itself: linked as `az` into a temp dir on `PATH`, it keeps
//! app registrations, service principals, permission grants and credentials in a JSON file. (A
//! custom harness: `main` decides which of the two it is.) Set `UPDATE_GOLDEN=1` to rewrite the
//! golden files after a deliberate change, then read the diff.
//!
//! Not run here: the rooms script (PowerShell with Exchange Online); its text is pinned by golden
//! files and checked for what it must and must not do.
//!
//! Unix only: the scripts are Bash and the fake `az` is a symlink to this program. Elsewhere (Windows)
//! `main` says so and reports nothing run.
#![cfg_attr(not(unix), allow(dead_code, unused_imports))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::too_many_lines,
    reason = "test, bench and example code: a panic is the failure, and its output is the point"
)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::{Days, NaiveDate};
use ones_m365_assistant::model::{IntegrationDocument, Operator, Secret, validate};
use ones_m365_assistant::setup::result::ImportError;
use ones_m365_assistant::setup::{
    AppChoice, ScriptKind, ScriptOptions, bash_quote, find_block, generate, merge_into,
    powershell_quote,
};
use serde_json::{Value, json};

const TENANT: &str = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const GRAPH: &str = "00000003-0000-0000-c000-000000000000";
const GRAPH_SP: &str = "9b1a4f2e-0c1d-4e5f-8a9b-0c1d2e3f4a5b";
const SERVER_SCOPES: [&str; 3] = ["Calendars.ReadWrite.Shared", "openid", "offline_access"];
const SSO_SCOPES: [&str; 4] = ["openid", "profile", "email", "User.Read"];
/// Azure CLI's cloud and the document's operator, for every case that runs in both clouds.
const CLOUDS: [(&str, Operator); 2] = [
    ("AzureCloud", Operator::Microsoft),
    ("AzureChinaCloud", Operator::Vianet21),
];

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
            "fake_az_is_as_strict_as_azure_cli",
            fake_az_is_as_strict_as_azure_cli,
        ),
        (
            "apps_first_run_then_reruns_change_nothing_more",
            apps_first_run_then_reruns_change_nothing_more,
        ),
        ("apps_dry_run_changes_nothing", apps_dry_run_changes_nothing),
        (
            "apps_stops_with_a_sentence_when_az_fails",
            apps_stops_with_a_sentence_when_az_fails,
        ),
        ("apps_checks_the_cloud_first", apps_checks_the_cloud_first),
        ("apps_says_how_to_sign_in", apps_says_how_to_sign_in),
        ("renew_appends_a_secret", renew_appends_a_secret),
        (
            "item1_stderr_warnings_never_become_the_secret",
            item1_stderr_warnings_never_become_the_secret,
        ),
        (
            "item2_admin_consent_through_graph_in_both_clouds",
            item2_admin_consent_through_graph_in_both_clouds,
        ),
        (
            "item2_only_graphs_403_asks_for_an_administrator",
            item2_only_graphs_403_asks_for_an_administrator,
        ),
        (
            "item3_failures_inside_substitutions_stop_the_script",
            item3_failures_inside_substitutions_stop_the_script,
        ),
        (
            "item4_replication_delay_is_waited_out",
            item4_replication_delay_is_waited_out,
        ),
        (
            "item4_rerun_after_an_interrupted_run_makes_the_missing_secret",
            item4_rerun_after_an_interrupted_run_makes_the_missing_secret,
        ),
        ("item5_secret_lifetime_cap", item5_secret_lifetime_cap),
        ("item5_secrets_blocked", item5_secrets_blocked),
        (
            "item7a_redirect_uris_never_reach_az_as_options",
            item7a_redirect_uris_never_reach_az_as_options,
        ),
        (
            "item7b_rooms_script_is_safe_in_windows_powershell",
            item7b_rooms_script_is_safe_in_windows_powershell,
        ),
        (
            "item7c_tenant_as_a_domain_is_refused",
            item7c_tenant_as_a_domain_is_refused,
        ),
        (
            "item7d_import_is_capped_and_linear",
            item7d_import_is_capped_and_linear,
        ),
        (
            "item7e_document_values_never_become_placeholders",
            item7e_document_values_never_become_placeholders,
        ),
        (
            "item8_rooms_script_reads_and_filters",
            item8_rooms_script_reads_and_filters,
        ),
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
        loopback_redirect_uris: false,
    }
}

fn script_bytes(kind: ScriptKind, doc: &IntegrationDocument) -> Vec<u8> {
    match generate(kind, doc, &options()) {
        Ok(script) => script.file_bytes(),
        Err(missing) => format!("ERROR: {}\n", missing.text().english()).into_bytes(),
    }
}

fn apps_script(doc: &IntegrationDocument) -> String {
    generate(ScriptKind::Apps, doc, &options()).unwrap().text
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
                // The file's bytes, a PowerShell script's byte order mark included.
                let bytes = script_bytes(kind, &doc);
                if update {
                    std::fs::write(&path, &bytes).unwrap();
                } else if std::fs::read(&path).ok().as_deref() != Some(bytes.as_slice()) {
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
    let apps = apps_script(&doc);
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
        assert!(
            line.trim_start().starts_with('\'') || line.starts_with("# "),
            "unquoted: {line}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Running the scripts against the fake az

struct Run {
    output: Output,
    state: Value,
}

impl Run {
    fn stderr(&self) -> String {
        text(&self.output.stderr)
    }

    fn stdout(&self) -> String {
        text(&self.output.stdout)
    }

    fn code(&self) -> Option<i32> {
        self.output.status.code()
    }

    /// Every az command line the run called, joined with spaces.
    fn commands(&self) -> Vec<String> {
        self.state["log"]
            .as_array()
            .unwrap()
            .iter()
            .map(|args| strings(args).join(" "))
            .collect()
    }
}

struct Azure {
    dir: tempfile::TempDir,
}

impl Azure {
    /// A signed-in Azure CLI in `cloud` with `TENANT`, and whatever `apps` already exist.
    fn new(cloud: &str, apps: Value) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let bin = dir.path().join("bin");
        std::fs::create_dir_all(&bin).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(std::env::current_exe().unwrap(), bin.join("az")).unwrap();
        let state = json!({
            "cloud": cloud, "tenant": TENANT, "logged_in": true, "today": today().to_string(),
            "apps": apps, "sps": [], "grants": [], "graph_sp": GRAPH_SP, "pending": {},
            "failures": [], "log": [], "calls": 0,
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

    /// Runs the fake az itself with `args`.
    fn az(&self, args: &[&str]) -> Output {
        Command::new(self.dir.path().join("bin/az"))
            .args(args)
            .env("FAKE_AZ_STATE", self.dir.path().join("state.json"))
            .output()
            .unwrap()
    }

    /// Runs `script` with Bash, the fake az first on `PATH` and no waiting between retries.
    fn run(&self, script: &str, env: &[(&str, &str)]) -> Run {
        let path = self.dir.path().join("script.sh");
        std::fs::write(&path, script).unwrap();
        self.set("log", json!([]));
        let system_path = std::env::var("PATH").unwrap_or_default();
        let mut command = Command::new("bash");
        command
            .arg(&path)
            .env(
                "PATH",
                format!("{}:{system_path}", self.dir.path().join("bin").display()),
            )
            .env("FAKE_AZ_STATE", self.dir.path().join("state.json"))
            .env("TMPDIR", self.dir.path())
            .env("RETRY_SECONDS", "0");
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

fn app_by_id<'a>(state: &'a Value, app_id: &str) -> &'a Value {
    state["apps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|app| app["appId"] == app_id)
        .unwrap_or_else(|| panic!("no app {app_id}"))
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

/// The admin-consent grants of app `app_id` for Microsoft Graph (AllPrincipals), as scope sets.
fn consent_scopes(state: &Value, app_id: &str) -> Vec<Vec<String>> {
    let sp = format!("sp-{app_id}");
    state["grants"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|grant| {
            grant["clientId"] == sp.as_str()
                && grant["resourceId"] == GRAPH_SP
                && grant["consentType"] == "AllPrincipals"
        })
        .map(|grant| {
            let mut scopes: Vec<String> = grant["scope"]
                .as_str()
                .unwrap()
                .split(' ')
                .map(str::to_owned)
                .collect();
            scopes.sort();
            scopes
        })
        .collect()
}

fn sorted(scopes: &[&str]) -> Vec<String> {
    let mut scopes: Vec<String> = scopes.iter().map(|scope| (*scope).to_owned()).collect();
    scopes.sort();
    scopes
}

/// The block in `run`'s output, imported into `doc`.
fn import(run: &Run, doc: &IntegrationDocument) -> IntegrationDocument {
    let result = find_block(&run.stdout()).unwrap_or_else(|error| {
        panic!(
            "{error}\nstdout:\n{}\nstderr:\n{}",
            run.stdout(),
            run.stderr()
        )
    });
    let mut imported = doc.clone();
    merge_into(&mut imported, &result).unwrap();
    imported
}

fn fake_az_is_as_strict_as_azure_cli() {
    let azure = Azure::new("AzureCloud", json!([]));
    // argparse: an unknown option, or a value that starts with `-`, is refused with exit code 2.
    let output = azure.az(&[
        "ad",
        "app",
        "update",
        "--id",
        "x",
        "--web-redirect-uris",
        "-evil",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).starts_with("ERROR: unrecognized arguments: -evil"));
    // show of something that does not exist: exit code 3.
    let output = azure.az(&[
        "ad", "app", "show", "--id", TENANT, "--query", "appId", "-o", "tsv",
    ]);
    assert_eq!(output.status.code(), Some(3));
    assert!(text(&output.stderr).contains(
        "does not exist or one of its queried reference-property objects are not present"
    ));
    // admin-consent: not in sovereign clouds, not in Cloud Shell.
    azure.set("cloud", json!("AzureChinaCloud"));
    let output = azure.az(&["ad", "app", "permission", "admin-consent", "--id", TENANT]);
    assert!(text(&output.stderr).contains("not yet supported on sovereign clouds"));
    azure.set("cloud", json!("AzureCloud"));
    azure.set("cloud_shell", json!(true));
    let output = azure.az(&["ad", "app", "permission", "admin-consent", "--id", TENANT]);
    assert!(text(&output.stderr).contains("Failed to connect to MSI"));
    // Warnings go to standard error unless --only-show-errors.
    azure.set(
        "apps",
        json!([{"appId": TENANT, "objectId": "o-1", "displayName": "x", "tags": [], "redirectUris": [], "scopes": [], "credentials": []}]),
    );
    let reset = [
        "ad",
        "app",
        "credential",
        "reset",
        "--id",
        TENANT,
        "--append",
        "--end-date",
        "2027-01-01",
        "--query",
        "password",
        "-o",
        "tsv",
    ];
    let output = azure.az(&reset);
    assert!(output.status.success());
    assert!(text(&output.stderr).contains(fake_az::CREDENTIAL_WARNING));
    assert!(text(&output.stdout).contains("Q~fakeSecret"));
    let mut quiet = reset.to_vec();
    quiet.push("--only-show-errors");
    assert_eq!(text(&azure.az(&quiet).stderr), "");
    let output = azure.az(&[
        "ad",
        "app",
        "permission",
        "add",
        "--id",
        TENANT,
        "--api",
        GRAPH,
        "--api-permissions",
        "37f7f235-527c-4136-accd-4a02d197296e=Scope",
    ]);
    assert!(text(&output.stderr).contains("is needed to make the change effective"));
    // Signed out.
    azure.set("logged_in", json!(false));
    let output = azure.az(&["account", "show", "--query", "tenantId", "-o", "tsv"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stderr).trim(),
        "ERROR: Please run 'az login' to setup account."
    );
}

fn apps_first_run_then_reruns_change_nothing_more() {
    for cloud in ["AzureCloud", "AzureChinaCloud"] {
        let operator = if cloud == "AzureCloud" {
            Operator::Microsoft
        } else {
            Operator::Vianet21
        };
        // An unrelated app with the same display name exists already: it must not be touched.
        let unrelated = json!([{
            "appId": "99999999-0000-0000-0000-000000000001", "objectId": "o-unrelated",
            "displayName": "ONES room calendars (Head office)", "tags": [],
            "redirectUris": ["https://other.example.com/cb"], "scopes": [],
            "credentials": [{"keyId": "k-unrelated", "displayName": "theirs", "endDate": "2027-01-01"}],
        }]);
        let azure = Azure::new(cloud, unrelated.clone());
        let doc = partly_filled(operator);
        let script = apps_script(&doc);

        let first = azure.run(&script, &[]);
        assert_eq!(first.code(), Some(0), "{}", first.stderr());
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
        let server_id = server["appId"].as_str().unwrap();
        let sso_id = sso[0]["appId"].as_str().unwrap();
        assert_eq!(
            consent_scopes(&first.state, server_id),
            [sorted(&SERVER_SCOPES)]
        );
        assert_eq!(consent_scopes(&first.state, sso_id), [sorted(&SSO_SCOPES)]);

        // The printed block imports (with terminal noise and Windows line endings) and validates.
        let pasted = format!(
            "$ bash apps.sh\r\nsome az noise\r\n{}\r\n$ ",
            first.stdout().replace('\n', "\r\n")
        );
        let result = find_block(&pasted).expect("the block is found");
        let mut imported = doc.clone();
        merge_into(&mut imported, &result).unwrap();
        assert_eq!(imported.server_app.client_id, server_id);
        assert_eq!(imported.sso_app.client_id, sso_id);
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

        // The script generated from the imported document (client IDs and secrets known) finds
        // both apps by client ID and changes nothing.
        let script = apps_script(&imported);
        let again = azure.run(&script, &[]);
        assert_eq!(again.code(), Some(0), "{}", again.stderr());
        assert_eq!(again.state["apps"], first.state["apps"]);
        assert_eq!(again.state["sps"], first.state["sps"]);
        assert_eq!(again.state["grants"], first.state["grants"]);
        assert!(
            again.stderr().contains("already granted"),
            "{}",
            again.stderr()
        );
        // NEW_SECRET=1 appends one secret per app; the existing ones survive.
        let renewed = azure.run(&script, &[("NEW_SECRET", "1")]);
        assert_eq!(renewed.code(), Some(0), "{}", renewed.stderr());
        let server_after = app_by_id(&renewed.state, server_id);
        assert_eq!(server_after["credentials"].as_array().unwrap().len(), 2);
        assert_eq!(server_after["credentials"][0], server["credentials"][0]);
        assert!(
            renewed
                .commands()
                .iter()
                .all(|command| !command.contains("admin-consent")),
            "the deprecated admin-consent command is never called"
        );
    }
}

fn apps_dry_run_changes_nothing() {
    let azure = Azure::new("AzureCloud", json!([]));
    let script = apps_script(&partly_filled(Operator::Microsoft));
    let run = azure.run(&script, &[("DRY_RUN", "1")]);
    let stderr = run.stderr();
    assert_eq!(run.code(), Some(0), "{stderr}");
    assert_eq!(run.state["apps"], json!([]));
    assert_eq!(run.state["grants"], json!([]));
    assert!(
        stderr.contains("would create the server app registration"),
        "{stderr}"
    );
    assert!(!run.stdout().contains("BEGIN ONES-M365 SETUP"));
}

fn apps_stops_with_a_sentence_when_az_fails() {
    let azure = Azure::new("AzureCloud", json!([]));
    azure.set(
        "failures",
        json!([{"command": "ad sp create", "message": "Insufficient privileges to complete the operation."}]),
    );
    let script = apps_script(&partly_filled(Operator::Microsoft));
    let run = azure.run(&script, &[]);
    let stderr = run.stderr();
    assert_eq!(run.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("ones-m365 setup: create the service principal (enterprise application)"),
        "{stderr}"
    );
    assert!(stderr.contains("Insufficient privileges"), "{stderr}");
    // Nothing after it ran: no second app, no secret.
    assert_eq!(run.state["apps"].as_array().unwrap().len(), 1);
    assert!(!run.stdout().contains("BEGIN ONES-M365 SETUP"));
}

fn apps_checks_the_cloud_first() {
    let azure = Azure::new("AzureCloud", json!([]));
    let script = apps_script(&partly_filled(Operator::Vianet21));
    let run = azure.run(&script, &[]);
    let stderr = run.stderr();
    assert_eq!(run.code(), Some(1));
    assert!(
        stderr.contains("az cloud set --name AzureChinaCloud"),
        "{stderr}"
    );
    assert_eq!(run.state["apps"], json!([]));
}

fn apps_says_how_to_sign_in() {
    let azure = Azure::new("AzureChinaCloud", json!([]));
    azure.set("logged_in", json!(false));
    let run = azure.run(&apps_script(&partly_filled(Operator::Vianet21)), &[]);
    let stderr = run.stderr();
    assert_eq!(run.code(), Some(1), "{stderr}");
    assert!(stderr.contains("Please run 'az login'"), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "az login --allow-no-subscriptions --tenant {TENANT}"
        )),
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
    let stderr = run.stderr();
    assert_eq!(run.code(), Some(0), "{stderr}");
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
    let result = find_block(&run.stdout()).unwrap();
    merge_into(&mut doc, &result).unwrap();
    assert_eq!(
        doc.server_app.client_secret.expose(),
        credentials[1]["password"].as_str().unwrap()
    );
    assert_eq!(
        doc.server_app.client_secret_expires_on,
        NaiveDate::from_ymd_opt(2027, 6, 1)
    );
}

// ---------------------------------------------------------------------------------------------
// Issue 20, item by item

/// 1. `credential reset` always warns on standard error: the warning never becomes the secret
///    (apps) or breaks the block's JSON (renew), even from an az that ignores --only-show-errors;
///    every value in the block is JSON-escaped.
fn item1_stderr_warnings_never_become_the_secret() {
    for (cloud, operator) in CLOUDS {
        item1_stderr_warnings_never_become_the_secret_in(cloud, operator);
    }
}

fn item1_stderr_warnings_never_become_the_secret_in(cloud: &str, operator: Operator) {
    for noisy in [false, true] {
        let azure = Azure::new(cloud, json!([]));
        azure.set("noisy", json!(noisy));
        // A secret with a quote, a backslash and a tab still round-trips through the block.
        azure.set("password_extra", json!("\"\\\t"));
        let doc = partly_filled(operator);
        let run = azure.run(&apps_script(&doc), &[]);
        assert_eq!(run.code(), Some(0), "{}", run.stderr());
        assert!(!run.stdout().contains("WARNING"), "{}", run.stdout());
        let imported = import(&run, &doc);
        let server = app_by_id(&run.state, &imported.server_app.client_id);
        assert_eq!(
            imported.server_app.client_secret.expose(),
            server["credentials"][0]["password"].as_str().unwrap()
        );
        assert!(
            imported
                .server_app
                .client_secret
                .expose()
                .ends_with("\"\\\t")
        );

        let mut with_ids = imported.clone();
        with_ids.server_app.client_secret_expires_on = NaiveDate::from_ymd_opt(2027, 6, 1);
        let renew = generate(ScriptKind::Renew, &with_ids, &options())
            .unwrap()
            .text;
        let run = azure.run(&renew, &[]);
        assert_eq!(run.code(), Some(0), "{}", run.stderr());
        let renewed = import(&run, &with_ids);
        let server = app_by_id(&run.state, &with_ids.server_app.client_id);
        assert_eq!(
            renewed.server_app.client_secret.expose(),
            server["credentials"][1]["password"].as_str().unwrap()
        );
    }
}

/// 2. Admin consent is an oauth2PermissionGrant made through Microsoft Graph of the cloud —
///    in Cloud Shell (where `admin-consent` cannot reach its endpoint) and in 21Vianet (where it
///    refuses to run); an existing grant is widened, never doubled.
fn item2_admin_consent_through_graph_in_both_clouds() {
    for (cloud, operator, cloud_shell) in [
        ("AzureCloud", Operator::Microsoft, true),
        ("AzureChinaCloud", Operator::Vianet21, false),
    ] {
        let existing = json!([{
            "appId": "11111111-2222-3333-4444-555555555555", "objectId": "o-server",
            "displayName": "ONES room calendars (Head office)", "tags": [],
            "redirectUris": [], "scopes": [], "credentials": [],
        }]);
        let azure = Azure::new(cloud, existing);
        azure.set("cloud_shell", json!(cloud_shell));
        azure.set(
            "sps",
            json!([{"id": "sp-11111111-2222-3333-4444-555555555555", "appId": "11111111-2222-3333-4444-555555555555"}]),
        );
        // A grant someone made by hand, with one scope only.
        azure.set(
            "grants",
            json!([{"id": "grant-0", "clientId": "sp-11111111-2222-3333-4444-555555555555", "consentType": "AllPrincipals", "resourceId": GRAPH_SP, "scope": "openid"}]),
        );
        let mut doc = with_apps(operator);
        doc.sso_app.client_id.clear();
        let run = azure.run(&apps_script(&doc), &[]);
        assert_eq!(run.code(), Some(0), "{cloud}: {}", run.stderr());
        assert_eq!(
            consent_scopes(&run.state, "11111111-2222-3333-4444-555555555555"),
            [sorted(&SERVER_SCOPES)],
            "{cloud}: one grant, widened"
        );
        let imported = import(&run, &doc);
        assert_eq!(
            consent_scopes(&run.state, &imported.sso_app.client_id),
            [sorted(&SSO_SCOPES)]
        );
        assert!(
            run.commands()
                .iter()
                .all(|command| !command.contains("admin-consent"))
        );
        let graph = if operator == Operator::Microsoft {
            "https://graph.microsoft.com/v1.0/oauth2PermissionGrants"
        } else {
            "https://microsoftgraph.chinacloudapi.cn/v1.0/oauth2PermissionGrants"
        };
        assert!(
            run.commands().iter().any(|command| command.contains(graph)),
            "{cloud}: consent through the cloud's own Graph"
        );
    }
}

/// 2. Graph's 403 is the one answer that means "ask an administrator": the script finishes the
///    rest, prints the block, the admin-consent link of the cloud, and exits 3. Any other failure
///    stops the script with Graph's error.
fn item2_only_graphs_403_asks_for_an_administrator() {
    for (cloud, operator, login) in [
        (
            "AzureCloud",
            Operator::Microsoft,
            "https://login.microsoftonline.com",
        ),
        (
            "AzureChinaCloud",
            Operator::Vianet21,
            "https://login.partner.microsoftonline.cn",
        ),
    ] {
        let azure = Azure::new(cloud, json!([]));
        azure.set("consent_forbidden", json!(true));
        let doc = partly_filled(operator);
        let run = azure.run(&apps_script(&doc), &[]);
        let stderr = run.stderr();
        assert_eq!(run.code(), Some(3), "{stderr}");
        let imported = import(&run, &doc);
        assert!(!imported.server_app.client_secret.is_empty());
        assert!(!imported.sso_app.client_secret.is_empty());
        for app in [&imported.server_app.client_id, &imported.sso_app.client_id] {
            assert!(
                stderr.contains(&format!("{login}/{TENANT}/adminconsent?client_id={app}")),
                "{stderr}"
            );
        }
        assert!(stderr.contains("Still to do: admin consent"), "{stderr}");
    }
    let azure = Azure::new("AzureCloud", json!([]));
    azure.set(
        "failures",
        json!([{"command": "rest", "args_contain": "oauth2PermissionGrants", "message": "Internal Server Error({\"error\":{\"code\":\"UnknownError\"}})"}]),
    );
    let run = azure.run(&apps_script(&partly_filled(Operator::Microsoft)), &[]);
    let stderr = run.stderr();
    assert_eq!(run.code(), Some(1), "{stderr}");
    assert!(stderr.contains("Internal Server Error"), "{stderr}");
    assert!(!stderr.contains("may not grant"), "{stderr}");
    assert!(!stderr.contains("Administrator"), "{stderr}");
}

/// 3. A failure inside a command substitution stops the script: an unknown client ID creates no
///    app, a failed tag lookup no duplicate, a failed read of redirect URIs replaces nothing.
fn item3_failures_inside_substitutions_stop_the_script() {
    for (cloud, operator) in CLOUDS {
        item3_failures_inside_substitutions_stop_the_script_in(cloud, operator);
    }
}

fn item3_failures_inside_substitutions_stop_the_script_in(cloud: &str, operator: Operator) {
    // Unknown client ID.
    let azure = Azure::new(cloud, json!([]));
    let run = azure.run(&apps_script(&with_apps(operator)), &[]);
    assert_eq!(run.code(), Some(1), "{}", run.stderr());
    assert!(
        run.stderr().contains(
            "there is no app registration with the client ID 11111111-2222-3333-4444-555555555555"
        ),
        "{}",
        run.stderr()
    );
    assert_eq!(run.state["apps"], json!([]), "no app was created");

    // The tag lookup fails once.
    let azure = Azure::new(cloud, json!([]));
    azure.set(
        "failures",
        json!([{"command": "ad app list", "times": 1, "message": "The service is temporarily unavailable."}]),
    );
    let run = azure.run(&apps_script(&partly_filled(operator)), &[]);
    assert_eq!(run.code(), Some(1), "{}", run.stderr());
    assert!(run.stderr().contains("temporarily unavailable"));
    assert_eq!(run.state["apps"], json!([]), "no duplicate was created");

    // Reading the redirect URIs of an app found by its tag fails once.
    let existing = json!([{
        "appId": "aaaaaaaa-0000-4000-8000-000000000001", "objectId": "o-1",
        "displayName": "ONES room calendars (Head office)", "tags": ["ones-m365:head-office:server"],
        "redirectUris": ["https://keep.example.com/callback"], "scopes": [], "credentials": [],
    }]);
    let azure = Azure::new(cloud, existing.clone());
    azure.set(
        "failures",
        json!([{"command": "ad app show", "args_contain": "web.redirectUris", "times": 1, "message": "The service is temporarily unavailable."}]),
    );
    let run = azure.run(&apps_script(&partly_filled(operator)), &[]);
    assert_eq!(run.code(), Some(1), "{}", run.stderr());
    assert_eq!(
        run.state["apps"][0]["redirectUris"],
        json!(["https://keep.example.com/callback"]),
        "the app's redirect URIs were not replaced"
    );
}

/// 4. Right after a create the directory answers "not found" for a while: the script waits it
///    out (bounded, with a sentence).
fn item4_replication_delay_is_waited_out() {
    for cloud in ["AzureCloud", "AzureChinaCloud"] {
        let operator = if cloud == "AzureCloud" {
            Operator::Microsoft
        } else {
            Operator::Vianet21
        };
        let azure = Azure::new(cloud, json!([]));
        azure.set("replication_delay", json!(3));
        let doc = partly_filled(operator);
        let run = azure.run(&apps_script(&doc), &[]);
        assert_eq!(run.code(), Some(0), "{}", run.stderr());
        assert!(
            run.stderr().contains("directory replication"),
            "{}",
            run.stderr()
        );
        let imported = import(&run, &doc);
        assert!(!imported.server_app.client_secret.is_empty());
        assert_eq!(
            consent_scopes(&run.state, &imported.sso_app.client_id),
            [sorted(&SSO_SCOPES)]
        );
    }
    // Bounded: an app that never shows up stops the script after RETRY_TIMES tries.
    let azure = Azure::new("AzureCloud", json!([]));
    azure.set("replication_delay", json!(1000));
    let run = azure.run(
        &apps_script(&partly_filled(Operator::Microsoft)),
        &[("RETRY_TIMES", "4")],
    );
    assert_eq!(run.code(), Some(1), "{}", run.stderr());
    assert!(run.stderr().contains("at most 4 times"), "{}", run.stderr());
}

/// 4. A first run that stopped after creating the apps (here: the secret could not be added)
///    leaves a document without secrets; the rerun makes them and says so.
fn item4_rerun_after_an_interrupted_run_makes_the_missing_secret() {
    for (cloud, operator) in CLOUDS {
        item4_rerun_after_an_interrupted_run_makes_the_missing_secret_in(cloud, operator);
    }
}

fn item4_rerun_after_an_interrupted_run_makes_the_missing_secret_in(
    cloud: &str,
    operator: Operator,
) {
    let azure = Azure::new(cloud, json!([]));
    azure.set(
        "failures",
        json!([{"command": "ad app credential reset", "times": 1, "message": "The connection was reset."}]),
    );
    let doc = partly_filled(operator);
    let script = apps_script(&doc);
    let first = azure.run(&script, &[]);
    assert_eq!(first.code(), Some(1), "{}", first.stderr());
    assert!(first.stderr().contains("The connection was reset"));
    let second = azure.run(&script, &[]);
    assert_eq!(second.code(), Some(0), "{}", second.stderr());
    assert!(
        second
            .stderr()
            .contains("The document holds no client secret for the server app"),
        "{}",
        second.stderr()
    );
    assert_eq!(
        second.state["apps"].as_array().unwrap().len(),
        2,
        "no app was created twice"
    );
    let imported = import(&second, &doc);
    let server = app_by_id(&second.state, &imported.server_app.client_id);
    assert_eq!(
        imported.server_app.client_secret.expose(),
        server["credentials"][0]["password"].as_str().unwrap()
    );
    assert!(!imported.sso_app.client_secret.is_empty());
}

/// 5. A lifetime cap: the script retries with shorter lifetimes and reports the date accepted.
fn item5_secret_lifetime_cap() {
    for (cloud, operator) in CLOUDS {
        item5_secret_lifetime_cap_in(cloud, operator);
    }
}

fn item5_secret_lifetime_cap_in(cloud: &str, operator: Operator) {
    let azure = Azure::new(cloud, json!([]));
    azure.set("secret_policy", json!({"max_days": 90}));
    let doc = partly_filled(operator);
    let run = azure.run(&apps_script(&doc), &[]);
    assert_eq!(run.code(), Some(0), "{}", run.stderr());
    assert!(
        run.stderr().contains("caps the lifetime of secrets"),
        "{}",
        run.stderr()
    );
    let imported = import(&run, &doc);
    let accepted = today() + Days::new(90);
    assert_eq!(imported.server_app.client_secret_expires_on, Some(accepted));
    let server = app_by_id(&run.state, &imported.server_app.client_id);
    assert_eq!(server["credentials"][0]["endDate"], accepted.to_string());
    assert_eq!(server["credentials"].as_array().unwrap().len(), 1);
}

/// 5. Secrets blocked outright: the script stops with a sentence that says what to ask for.
fn item5_secrets_blocked() {
    for (cloud, operator) in CLOUDS {
        item5_secrets_blocked_in(cloud, operator);
    }
}

fn item5_secrets_blocked_in(cloud: &str, operator: Operator) {
    let azure = Azure::new(cloud, json!([]));
    azure.set("secret_policy", json!({"blocked": true}));
    let run = azure.run(&apps_script(&partly_filled(operator)), &[]);
    let stderr = run.stderr();
    assert_eq!(run.code(), Some(1), "{stderr}");
    assert!(stderr.contains("allows no client secrets"), "{stderr}");
    assert!(
        stderr.contains("ONES signs in to Microsoft with a client secret"),
        "{stderr}"
    );
    assert!(stderr.contains("exemption"), "{stderr}");
    assert!(!run.stdout().contains("BEGIN ONES-M365 SETUP"));
}

/// 7a. A redirect URI that fails validation, or starts with `-`, stops `script apps` with the
///     field; the script itself re-checks each URI before calling az.
fn item7a_redirect_uris_never_reach_az_as_options() {
    for (cloud, operator) in CLOUDS {
        item7a_redirect_uris_never_reach_az_as_options_in(cloud, operator);
    }
}

fn item7a_redirect_uris_never_reach_az_as_options_in(cloud: &str, operator: Operator) {
    for bad in [
        "-evil",
        "--web-redirect-uris=x",
        "http://ones.example.com/cb",
        "https://ones example.com/cb",
    ] {
        let mut doc = partly_filled(operator);
        doc.room.redirect_uri = bad.to_owned();
        let Err(missing) = generate(ScriptKind::Apps, &doc, &options()) else {
            panic!("{bad} was accepted");
        };
        let sentence = missing.text().english();
        assert!(sentence.contains("Redirect URI"), "{sentence}");
        assert!(sentence.contains(bad), "{sentence}");
    }
    // Through the CLI: exit 1, the field named.
    let dir = tempfile::tempdir().unwrap();
    let mut doc = partly_filled(operator);
    doc.room.redirect_uri = "-evil".to_owned();
    let config = dir.path().join("doc.json");
    std::fs::write(&config, doc.to_json_pretty()).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_ones-m365"))
        .args(["script", "apps", "--config"])
        .arg(&config)
        .env("ONES_M365_LANG", "en")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    assert!(
        text(&output.stderr).contains("-evil"),
        "{}",
        text(&output.stderr)
    );

    // The script's own check, should a value be edited by hand.
    let script = apps_script(&partly_filled(operator)).replace(
        "ROOM_REDIRECT_URI='https://ones.example.com/integration/microsoft365/head-office/room/callback'",
        "ROOM_REDIRECT_URI='-evil'",
    );
    assert!(script.contains("ROOM_REDIRECT_URI='-evil'"));
    let azure = Azure::new(cloud, json!([]));
    let run = azure.run(&script, &[]);
    assert_eq!(run.code(), Some(1), "{}", run.stderr());
    assert!(
        run.stderr().contains("\"-evil\" is not an https://"),
        "{}",
        run.stderr()
    );
    assert!(
        run.commands()
            .iter()
            .all(|command| !command.starts_with("ad app") && !command.starts_with("rest")),
        "{:?}",
        run.commands()
    );
}

/// 7b. The rooms script: a UTF-8 byte order mark, ASCII text of its own, and only standard
///     mailbox addresses (in validation too).
fn item7b_rooms_script_is_safe_in_windows_powershell() {
    let mut doc = with_apps(Operator::Microsoft);
    doc.name = "总部 Head office".to_owned();
    let script = generate(ScriptKind::Rooms, &doc, &options()).unwrap();
    let bytes = script.file_bytes();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a byte order mark");
    assert!(script.text.is_ascii(), "the rooms script's text is ASCII");
    // Typographic quotes, non-ASCII, quoted or dotted-wrong local parts are not mailboxes.
    for bad in [
        "room\u{2019};calc;\u{2018}@contoso.com",
        "r\u{f6}\u{f6}m@contoso.com",
        "\"quoted\"@contoso.com",
        "a..b@contoso.com",
        ".a@contoso.com",
        "a b@contoso.com",
    ] {
        assert!(
            !ones_m365_assistant::model::validation::is_mail_address(bad),
            "{bad}"
        );
        let mut doc = with_apps(Operator::Microsoft);
        doc.room.mailboxes = vec![bad.to_owned()];
        let Err(missing) = generate(ScriptKind::Rooms, &doc, &options()) else {
            panic!("{bad} was accepted")
        };
        assert!(
            missing
                .text()
                .english()
                .contains("not a standard mailbox address")
        );
        let report = validate(&doc, today());
        assert!(
            report
                .for_field(ones_m365_assistant::model::Field::Mailboxes)
                .next()
                .is_some(),
            "validation refuses {bad}"
        );
    }
    assert!(ones_m365_assistant::model::validation::is_mail_address(
        "o'brien+rooms.floor-2@contoso.com"
    ));
    // The CLI writes the mark, to a file and to standard output.
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("doc.json");
    std::fs::write(&config, with_apps(Operator::Microsoft).to_json_pretty()).unwrap();
    let out = dir.path().join("rooms.ps1");
    let cli = || {
        let mut command = Command::new(env!("CARGO_BIN_EXE_ones-m365"));
        command
            .args([
                "script",
                "rooms",
                "--account",
                "ones-rooms@contoso.com",
                "--config",
            ])
            .arg(&config)
            .env("ONES_M365_LANG", "en");
        command
    };
    let output = cli().arg("-o").arg(&out).output().unwrap();
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(std::fs::read(&out).unwrap().starts_with(b"\xEF\xBB\xBF"));
    let output = cli().output().unwrap();
    assert!(output.stdout.starts_with(b"\xEF\xBB\xBF"));
}

/// 7c. A tenant given as a domain would leave the script's tenant guard empty: refused.
fn item7c_tenant_as_a_domain_is_refused() {
    for kind in [ScriptKind::Apps, ScriptKind::Renew] {
        let mut doc = with_apps(Operator::Microsoft);
        doc.server_app.tenant_id = "contoso.onmicrosoft.com".to_owned();
        let Err(missing) = generate(kind, &doc, &options()) else {
            panic!("a domain tenant was accepted")
        };
        let sentence = missing.text().english();
        assert!(sentence.contains("contoso.onmicrosoft.com"), "{sentence}");
        assert!(sentence.contains("tenant ID"), "{sentence}");
    }
    // A client ID that is not a GUID is refused too, instead of creating a new app.
    let mut doc = with_apps(Operator::Microsoft);
    doc.server_app.client_id = "11111111-2222-3333-4444-55555555555".to_owned();
    assert!(generate(ScriptKind::Apps, &doc, &options()).is_err());
}

/// 7d. Importing a huge room list is bounded: refused at the document's limit, in linear time,
///     nothing changed; and no document the assistant cannot open again is ever saved.
fn item7d_import_is_capped_and_linear() {
    // Short addresses, so the block stays under the 1 MiB a paste may be.
    let rooms: Vec<String> = (0..60_000).map(|n| format!("r{n}@x.io")).collect();
    let block = format!(
        "{}\n{}\n{}",
        ones_m365_assistant::setup::result::BEGIN,
        json!({"schema": "ones-m365-setup/1", "operator": "microsoft", "rooms": rooms}),
        ones_m365_assistant::setup::result::END
    );
    assert!(matches!(
        find_block(&block),
        Err(ImportError::TooManyRooms { count: 60_000 })
    ));
    // Within the block's limit, but too many together with the document's own rooms.
    let rooms: Vec<String> = (0..1_500)
        .map(|n| format!("room-{n}@contoso.com"))
        .collect();
    let block = format!(
        "{}\n{}\n{}",
        ones_m365_assistant::setup::result::BEGIN,
        json!({"schema": "ones-m365-setup/1", "operator": "microsoft", "tenant_id": TENANT, "rooms": rooms}),
        ones_m365_assistant::setup::result::END
    );
    let result = find_block(&block).unwrap();
    let mut doc = partly_filled(Operator::Microsoft);
    doc.server_app.tenant_id.clear();
    doc.room.mailboxes = (0..1_000)
        .map(|n| format!("other-{n}@contoso.com"))
        .collect();
    let before = doc.clone();
    let Err(error) = merge_into(&mut doc, &result) else {
        panic!("2,500 rooms were accepted")
    };
    assert!(error.text().english().contains("2500"), "{error}");
    assert_eq!(doc, before, "nothing was changed");
    // Duplicates (any case) are merged once.
    let mut doc = partly_filled(Operator::Microsoft);
    doc.room.mailboxes = vec!["ROOM-1@contoso.com".to_owned()];
    merge_into(&mut doc, &result).unwrap();
    assert_eq!(doc.room.mailboxes.len(), 1_500);

    // A document larger than the assistant reads back is not written.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.json");
    let mut big = partly_filled(Operator::Microsoft);
    big.users.default_user_groups = (0..40_000)
        .map(|n| format!("a rather long group name {n}"))
        .collect();
    let error = ones_m365_assistant::store::write_document_file(&path, &big, false).unwrap_err();
    assert!(error.to_string().contains("1 MiB"), "{error}");
    assert!(!path.exists());
}

/// 7e. A document value that looks like the script's own placeholders stays text.
fn item7e_document_values_never_become_placeholders() {
    let mut doc = with_apps(Operator::Microsoft);
    doc.name = "@END@ @BEGIN@ @SCHEMA@".to_owned();
    for kind in [ScriptKind::Apps, ScriptKind::Renew, ScriptKind::Rooms] {
        let script = generate(kind, &doc, &options()).unwrap().text;
        assert!(script.contains("@END@ @BEGIN@ @SCHEMA@"), "{script}");
        assert_eq!(
            script
                .matches(ones_m365_assistant::setup::result::END)
                .count(),
            1,
            "only the script's own END marker"
        );
    }
}

/// 8. The rooms script reads the folder's permissions and filters them for the account, says
///    when the module is older than V3, and leaves custom rights alone unless asked.
fn item8_rooms_script_reads_and_filters() {
    let script = generate(
        ScriptKind::Rooms,
        &with_apps(Operator::Vianet21),
        &options(),
    )
    .unwrap()
    .text;
    assert!(
        !script.contains("-ErrorAction SilentlyContinue"),
        "{script}"
    );
    assert!(!script.contains("Get-MailboxFolderPermission -Identity $Identity -User"));
    assert!(script.contains("@(Get-MailboxFolderPermission -Identity $Identity)"));
    assert!(script.contains("$Module.Version.Major -lt 3"));
    assert!(script.contains("is older than version 3"));
    assert!(script.contains("$ReplaceCustomRights = $false"));
    assert!(script.contains("set to Editor?"));
    assert!(script.contains("'O365China'"));
    assert!(script.contains("Get-EXORecipient -Identity $Account"));
}

// ---------------------------------------------------------------------------------------------

mod fake_az {
    //! Azure CLI as far as the scripts use it, over a JSON state file (`FAKE_AZ_STATE`), as strict as
    //! the real one where the scripts could go wrong (checked against Azure CLI's source, role
    //! module and `az rest`):
    //! - warnings on standard error: `ad app credential reset` ("The output includes credentials…")
    //!   and `ad app permission add` ("Invoking `az ad app permission grant …` is needed…"), unless
    //!   `--only-show-errors`; with `"noisy": true` a warning on every command whatever the flags;
    //! - `ERROR: …` lines and exit codes: 1 for errors, 2 for arguments argparse refuses (unknown
    //!   options, a value starting with `-`), 3 for `show` of an object that does not exist;
    //! - signed out: "Please run 'az login' to setup account.";
    //! - `ad app permission admin-consent`: refused in sovereign clouds and unable to reach its
    //!   endpoint in Cloud Shell (`"cloud_shell": true`), as the real command is;
    //! - directory replication: `"replication_delay": N` makes an app created through `rest` (and
    //!   a service principal) "not found" for the next N commands that name it;
    //! - `"failures"`: injected failures (a command, an optional argument substring, how often);
    //! - `"secret_policy"`: `{"max_days": N}` (lifetime cap) or `{"blocked": true}`, with Microsoft
    //!   Graph's policy sentences; `"consent_forbidden": true`: Graph's 403 for grants;
    //! - `az rest` answers only Microsoft Graph of the signed-in cloud, and says so otherwise.
    //!
    //! Every command is appended to `"log"`, so a test can prove what was never called.

    use super::*;

    const NOT_FOUND: &str =
        "does not exist or one of its queried reference-property objects are not present.";
    pub const CREDENTIAL_WARNING: &str = "WARNING: The output includes credentials that you must protect. Be sure that you do not include these credentials in your code or check the credentials into your source control. For more information, see https://aka.ms/azadsp-cli";

    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Arity {
        Flag,
        One,
        Many,
    }

    /// The options each command takes (besides the global ones).
    fn options_of(command: &str) -> Option<&'static [(&'static str, Arity)]> {
        use Arity::*;
        Some(match command {
            "cloud show" | "account show" => &[],
            "ad app show"
            | "ad sp show"
            | "ad sp create"
            | "ad app credential list"
            | "ad app permission admin-consent" => &[("id", One)],
            "ad app list" => &[("filter", One), ("display-name", One), ("all", Flag)],
            "ad app update" => &[("id", One), ("web-redirect-uris", Many)],
            "ad app permission add" => &[("id", One), ("api", One), ("api-permissions", Many)],
            "ad app credential reset" => &[
                ("id", One),
                ("append", Flag),
                ("display-name", One),
                ("end-date", One),
                ("years", One),
            ],
            "rest" => &[
                ("method", One),
                ("uri", One),
                ("url", One),
                ("headers", Many),
                ("body", One),
                ("resource", One),
                ("url-parameters", Many),
            ],
            _ => return None,
        })
    }

    const GLOBAL_OPTIONS: [(&str, Arity); 5] = [
        ("query", Arity::One),
        ("output", Arity::One),
        ("only-show-errors", Arity::Flag),
        ("debug", Arity::Flag),
        ("verbose", Arity::Flag),
    ];

    struct Call {
        command: String,
        options: BTreeMap<String, Vec<String>>,
    }

    impl Call {
        fn one(&self, name: &str) -> String {
            self.options
                .get(name)
                .and_then(|values| values.first())
                .cloned()
                .unwrap_or_default()
        }

        fn has(&self, name: &str) -> bool {
            self.options.contains_key(name)
        }
    }

    /// argparse as Azure CLI configures it: an argument starting with `-` is an option, and an
    /// option it does not know is refused (exit 2).
    fn parse(args: &[String]) -> Result<Call, String> {
        let words: Vec<&str> = args
            .iter()
            .take_while(|arg| !arg.starts_with('-'))
            .map(String::as_str)
            .collect();
        let command = words.join(" ");
        let Some(known) = options_of(&command) else {
            return Err(format!(
                "'{command}' is misspelled or not recognized by the system."
            ));
        };
        let arity = |name: &str| {
            known
                .iter()
                .chain(GLOBAL_OPTIONS.iter())
                .find(|(known, _)| *known == name)
                .map(|(_, arity)| *arity)
        };
        let mut options: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut current: Option<(String, Arity)> = None;
        let mut unrecognized = Vec::new();
        for arg in args.iter().skip(words.len()) {
            if arg.starts_with('-') {
                let name = match arg.as_str() {
                    "-o" => "output".to_owned(),
                    other => other.trim_start_matches('-').to_owned(),
                };
                match arity(&name).filter(|_| arg.starts_with("--") || arg == "-o") {
                    Some(arity) => {
                        options.entry(name.clone()).or_default();
                        current = Some((name, arity));
                    }
                    None => {
                        unrecognized.push(arg.clone());
                        current = None;
                    }
                }
                continue;
            }
            match &current {
                Some((name, arity)) => {
                    let values = options.entry(name.clone()).or_default();
                    if *arity == Arity::Flag || (*arity == Arity::One && !values.is_empty()) {
                        unrecognized.push(arg.clone());
                    } else {
                        values.push(arg.clone());
                    }
                }
                None => unrecognized.push(arg.clone()),
            }
        }
        if let Some((name, arity)) = &current
            && *arity != Arity::Flag
            && options[name].is_empty()
        {
            return Err(format!("argument --{name}: expected one argument"));
        }
        if !unrecognized.is_empty() {
            return Err(format!(
                "unrecognized arguments: {}",
                unrecognized.join(" ")
            ));
        }
        Ok(Call { command, options })
    }

    fn error(message: &str, code: i32) -> i32 {
        eprintln!("ERROR: {message}");
        code
    }

    fn graph_host(state: &Value) -> &'static str {
        if state["cloud"] == "AzureChinaCloud" {
            "https://microsoftgraph.chinacloudapi.cn"
        } else {
            "https://graph.microsoft.com"
        }
    }

    /// `value` as `-o tsv` prints it: a scalar as is, a list one item a line, a list of lists
    /// tab-separated, null as nothing.
    fn tsv(value: &Value) -> String {
        fn scalar(value: &Value) -> String {
            match value {
                Value::Null => String::new(),
                Value::String(text) => text.clone(),
                other => other.to_string(),
            }
        }
        match value {
            Value::Array(items) => items
                .iter()
                .map(|item| match item {
                    Value::Array(cells) => cells.iter().map(scalar).collect::<Vec<_>>().join("\t"),
                    other => scalar(other),
                })
                .collect::<Vec<_>>()
                .join("\n"),
            other => scalar(other),
        }
    }

    fn apps(state: &mut Value) -> &mut Vec<Value> {
        state["apps"].as_array_mut().unwrap()
    }

    fn find_app(state: &Value, id: &str) -> Option<usize> {
        state["apps"].as_array().unwrap().iter().position(|app| {
            app["appId"].as_str() == Some(id) || app["objectId"].as_str() == Some(id)
        })
    }

    fn find_sp(state: &Value, id: &str) -> Option<Value> {
        state["sps"]
            .as_array()
            .unwrap()
            .iter()
            .find(|sp| sp["appId"].as_str() == Some(id) || sp["id"].as_str() == Some(id))
            .cloned()
    }

    /// The app `id` names as the directory shows it now: "does not exist" (exit 3) while it
    /// replicates or when there is none.
    fn visible_app(state: &mut Value, id: &str) -> Result<usize, (String, i32)> {
        if replicating(state, id) {
            return Err((format!("Resource '{id}' {NOT_FOUND}"), 3));
        }
        find_app(state, id).ok_or_else(|| (format!("Resource '{id}' {NOT_FOUND}"), 3))
    }

    /// True while `id` is still replicating (and counts this call).
    fn replicating(state: &mut Value, id: &str) -> bool {
        let Some(left) = state["pending"][id].as_u64() else {
            return false;
        };
        if left == 0 {
            return false;
        }
        state["pending"][id] = json!(left - 1);
        true
    }

    /// An injected failure for this call, if one is due.
    fn injected(state: &mut Value, call: &Call, args: &[String]) -> Option<(String, i32)> {
        let failures = state["failures"].as_array_mut()?;
        let joined = args.join(" ");
        let index = failures.iter().position(|failure| {
            failure["command"] == call.command.as_str()
                && failure["args_contain"]
                    .as_str()
                    .is_none_or(|part| joined.contains(part))
                && failure["times"].as_u64() != Some(0)
        })?;
        let failure = &mut failures[index];
        if let Some(times) = failure["times"].as_u64() {
            failure["times"] = json!(times - 1);
        }
        Some((
            failure["message"]
                .as_str()
                .unwrap_or("Insufficient privileges to complete the operation.")
                .to_owned(),
            failure["code"].as_i64().unwrap_or(1) as i32,
        ))
    }

    pub fn run(args: Vec<String>) -> i32 {
        let Some(path) = std::env::var_os("FAKE_AZ_STATE") else {
            return error("FAKE_AZ_STATE is not set", 1);
        };
        let mut state: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        state["log"]
            .as_array_mut()
            .unwrap()
            .push(json!(args.clone()));
        let code = answer(&mut state, &args);
        std::fs::write(&path, state.to_string()).unwrap();
        code
    }

    fn answer(state: &mut Value, args: &[String]) -> i32 {
        let call = match parse(args) {
            Ok(call) => call,
            Err(message) => return error(&message, 2),
        };
        let quiet = call.has("only-show-errors") && state["noisy"] != true;
        if state["noisy"] == true {
            eprintln!(
                "WARNING: this Azure CLI is noisy on standard error: {}",
                call.command
            );
        }
        if state["logged_in"] == false && call.command != "cloud show" {
            return error("Please run 'az login' to setup account.", 1);
        }
        if let Some((message, code)) = injected(state, &call, args) {
            return error(&message, code);
        }
        let calls = state["calls"].as_u64().unwrap_or(0) + 1;
        state["calls"] = json!(calls);
        let query = call.one("query");
        let output = if call.has("output") {
            call.one("output")
        } else {
            "json".to_owned()
        };
        let id = call.one("id");
        let result: Result<Value, (String, i32)> = match call.command.as_str() {
            "cloud show" => match query.as_str() {
                "name" => Ok(state["cloud"].clone()),
                "endpoints.microsoftGraphResourceId" => {
                    Ok(json!(format!("{}/", graph_host(state))))
                }
                other => Err((
                    format!("fake az: query {other} of cloud show is not modelled"),
                    1,
                )),
            },
            "account show" => match query.as_str() {
                "tenantId" => Ok(state["tenant"].clone()),
                other => Err((
                    format!("fake az: query {other} of account show is not modelled"),
                    1,
                )),
            },
            "ad app show" => {
                visible_app(state, &id).and_then(|index| {
                            let app = &state["apps"][index];
                            match query.as_str() {
                                "appId" => Ok(app["appId"].clone()),
                                "web.redirectUris[]" => Ok(app["redirectUris"].clone()),
                                "requiredResourceAccess[?resourceAppId=='00000003-0000-0000-c000-000000000000'].resourceAccess[].id" => {
                                    Ok(app["scopes"].clone())
                                }
                                other => Err((
                                    format!(
                                        "fake az: query {other} of ad app show is not modelled"
                                    ),
                                    1,
                                )),
                            }
                        })
            }
            "ad app list" => {
                let filter = call.one("filter");
                let tag = filter.split('\'').nth(1).unwrap_or_default().to_owned();
                let found: Vec<Value> = state["apps"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|app| strings(&app["tags"]).contains(&tag))
                    .map(|app| app["appId"].clone())
                    .collect();
                match query.as_str() {
                    "[].appId" => Ok(json!(found)),
                    other => Err((
                        format!("fake az: query {other} of ad app list is not modelled"),
                        1,
                    )),
                }
            }
            "ad app update" => {
                visible_app(state, &id).map(|index| {
                            if let Some(uris) = call.options.get("web-redirect-uris") {
                                state["apps"][index]["redirectUris"] = json!(uris);
                            }
                            Value::Null
                        })
            }
            "ad app permission add" => {
                if replicating(state, &id) {
                    Err((format!("Resource '{id}' {NOT_FOUND}"), 3))
                } else if call.one("api") != GRAPH {
                    Err((
                        "fake az: only Microsoft Graph's permissions are modelled".to_owned(),
                        1,
                    ))
                } else {
                    match find_app(state, &id) {
                        None => Err((format!("Resource '{id}' {NOT_FOUND}"), 3)),
                        Some(index) => {
                            for permission in &call.options["api-permissions"] {
                                let Some(scope) = permission.strip_suffix("=Scope") else {
                                    return error(
                                        &format!(
                                            "fake az: {permission} is not a delegated permission"
                                        ),
                                        1,
                                    );
                                };
                                state["apps"][index]["scopes"]
                                    .as_array_mut()
                                    .unwrap()
                                    .push(json!(scope));
                            }
                            if !quiet {
                                eprintln!(
                                    "WARNING: Invoking `az ad app permission grant --id {id} --api {GRAPH}` is needed to make the change effective"
                                );
                            }
                            Ok(Value::Null)
                        }
                    }
                }
            }
            "ad app permission admin-consent" => {
                if state["cloud"] != "AzureCloud" {
                    Err((
                        "This command is not yet supported on sovereign clouds".to_owned(),
                        1,
                    ))
                } else if state["cloud_shell"] == true {
                    Err(("Failed to connect to MSI. Please make sure MSI is configured correctly and check the network connection.".to_owned(), 1))
                } else {
                    Err(("fake az: admin-consent uses an internal, deprecated endpoint; the scripts must not call it".to_owned(), 1))
                }
            }
            "ad sp show" => {
                if replicating(state, &format!("sp:{id}")) {
                    Err((format!("Resource '{id}' {NOT_FOUND}"), 3))
                } else if id == GRAPH {
                    match query.as_str() {
                        "id" => Ok(state["graph_sp"].clone()),
                        other => Err((
                            format!("fake az: query {other} of ad sp show is not modelled"),
                            1,
                        )),
                    }
                } else {
                    match find_sp(state, &id) {
                        None => Err((format!("Resource '{id}' {NOT_FOUND}"), 3)),
                        Some(sp) => match query.as_str() {
                            "id" => Ok(sp["id"].clone()),
                            other => Err((
                                format!("fake az: query {other} of ad sp show is not modelled"),
                                1,
                            )),
                        },
                    }
                }
            }
            "ad sp create" => {
                if replicating(state, &id) || find_app(state, &id).is_none() {
                    Err((
                        format!(
                            "The appId '{id}' of the service principal does not reference a valid application object."
                        ),
                        1,
                    ))
                } else if find_sp(state, &id).is_some() {
                    Err((
                        format!(
                            "The service principal cannot be created, updated, or restored because the service principal name {id} is already in use."
                        ),
                        1,
                    ))
                } else {
                    let sp = json!({"id": format!("sp-{id}"), "appId": id});
                    state["sps"].as_array_mut().unwrap().push(sp.clone());
                    let delay = state["replication_delay"].as_u64().unwrap_or(0);
                    state["pending"][format!("sp:{id}")] = json!(delay);
                    Ok(sp)
                }
            }
            "ad app credential reset" => {
                if replicating(state, &id) {
                    Err((format!("Resource '{id}' {NOT_FOUND}"), 3))
                } else if !call.has("append") {
                    Err((
                        "fake az: credential reset without --append deletes every secret"
                            .to_owned(),
                        1,
                    ))
                } else {
                    match find_app(state, &id) {
                        None => Err((format!("Resource '{id}' {NOT_FOUND}"), 3)),
                        Some(index) => reset_credential(state, index, &call, calls, quiet),
                    }
                }
            }
            "ad app credential list" => {
                visible_app(state, &id).and_then(|index| match query.as_str() {
                            "[].keyId" => Ok(json!(
                                state["apps"][index]["credentials"]
                                    .as_array()
                                    .unwrap()
                                    .iter()
                                    .map(|credential| credential["keyId"].clone())
                                    .collect::<Vec<_>>()
                            )),
                            other => Err((
                                format!(
                                    "fake az: query {other} of credential list is not modelled"
                                ),
                                1,
                            )),
                        })
            }
            "rest" => rest(state, &call, &query),
            other => Err((format!("fake az: {other} is not modelled"), 1)),
        };
        match result {
            Err((message, code)) => error(&message, code),
            Ok(value) => {
                if output == "tsv" {
                    let text = tsv(&value);
                    if !text.is_empty() {
                        println!("{text}");
                    }
                } else if !value.is_null() {
                    println!("{}", serde_json::to_string_pretty(&value).unwrap());
                }
                0
            }
        }
    }

    fn reset_credential(
        state: &mut Value,
        index: usize,
        call: &Call,
        calls: u64,
        quiet: bool,
    ) -> Result<Value, (String, i32)> {
        let end_date = call.one("end-date");
        let Ok(end) = NaiveDate::parse_from_str(&end_date, "%Y-%m-%d") else {
            return Err((format!("fake az: --end-date {end_date} is not a date"), 1));
        };
        let today = state["today"]
            .as_str()
            .and_then(|today| NaiveDate::parse_from_str(today, "%Y-%m-%d").ok())
            .unwrap_or_else(super::today);
        let policy = "as per assigned policy '2a8a1d53-1b4e-4b9c-9a3c-0b1d3b7c9e11'.";
        if state["secret_policy"]["blocked"] == true {
            return Err((format!("Credential type not allowed {policy}"), 1));
        }
        if let Some(max_days) = state["secret_policy"]["max_days"].as_i64()
            && (end - today).num_days() > max_days
        {
            return Err((
                format!("Credential lifetime exceeds the max value allowed {policy}"),
                1,
            ));
        }
        let extra = state["password_extra"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let credentials = state["apps"][index]["credentials"].as_array_mut().unwrap();
        let password = format!(
            "Nw{}Q~fakeSecretFromAzureCli{calls:020}{extra}",
            credentials.len() % 10
        );
        credentials.push(json!({
            "keyId": format!("k-{calls}"), "displayName": call.one("display-name"),
            "endDate": end_date, "password": password,
        }));
        if !quiet {
            eprintln!("{CREDENTIAL_WARNING}");
        }
        match call.one("query").as_str() {
            "password" => Ok(json!(password)),
            other => Err((
                format!("fake az: query {other} of credential reset is not modelled"),
                1,
            )),
        }
    }

    /// `az rest` against Microsoft Graph: creating applications and oauth2PermissionGrants.
    fn rest(state: &mut Value, call: &Call, query: &str) -> Result<Value, (String, i32)> {
        let uri = call.one("uri");
        let method = call.one("method").to_uppercase();
        let graph = graph_host(state);
        let Some(path) = uri.strip_prefix(graph) else {
            return Err((
                format!(
                    "AADSTS500011: The resource principal named {uri} was not found in the tenant named {}.",
                    state["tenant"].as_str().unwrap()
                ),
                1,
            ));
        };
        let body = || -> Result<Value, (String, i32)> {
            serde_json::from_str(&call.one("body")).map_err(|error| {
                (format!("Bad Request({{\"error\":{{\"code\":\"BadRequest\",\"message\":\"Unable to read JSON request payload: {error}\"}}}})"), 1)
            })
        };
        let forbidden = || {
            (
                r#"Forbidden({"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation.","innerError":{"date":"2026-12-05T08:00:00","request-id":"4b1c9a1e-0000-4000-8000-000000000001"}}})"#.to_owned(),
                1,
            )
        };
        match (method.as_str(), path) {
            ("POST", "/v1.0/applications") => {
                let body = body()?;
                let number = state["apps"].as_array().unwrap().len() + 1;
                let app_id = format!("aaaaaaaa-0000-4000-8000-{number:012}");
                apps(state).push(json!({
                    "appId": app_id, "objectId": format!("o-{number}"),
                    "displayName": body["displayName"], "tags": body["tags"],
                    "redirectUris": [], "scopes": [], "credentials": [],
                }));
                let delay = state["replication_delay"].as_u64().unwrap_or(0);
                state["pending"][&app_id] = json!(delay);
                match query {
                    "appId" => Ok(json!(app_id)),
                    other => Err((
                        format!("fake az: query {other} of POST applications is not modelled"),
                        1,
                    )),
                }
            }
            ("GET", path) if path.starts_with("/v1.0/oauth2PermissionGrants?$filter=") => {
                let client = path.split('\'').nth(1).unwrap_or_default();
                if replicating(state, &format!("sp:{client}")) {
                    return Ok(json!([]));
                }
                let rows: Vec<Value> = state["grants"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|grant| grant["clientId"] == client)
                    .map(|grant| {
                        json!([
                            grant["id"],
                            grant["consentType"],
                            grant["resourceId"],
                            grant["scope"]
                        ])
                    })
                    .collect();
                match query {
                    "value[].[id, consentType, resourceId, scope]" => Ok(json!(rows)),
                    other => Err((
                        format!("fake az: query {other} of GET grants is not modelled"),
                        1,
                    )),
                }
            }
            ("POST", "/v1.0/oauth2PermissionGrants") => {
                if state["consent_forbidden"] == true {
                    return Err(forbidden());
                }
                let body = body()?;
                let client = body["clientId"].as_str().unwrap_or_default();
                if find_sp(state, client).is_none() {
                    return Err((
                        "Bad Request({\"error\":{\"code\":\"Request_BadRequest\",\"message\":\"Invalid value specified for property 'clientId' of resource 'OAuth2PermissionGrant'.\"}})".to_owned(),
                        1,
                    ));
                }
                if body["resourceId"] != state["graph_sp"] || body["consentType"] != "AllPrincipals"
                {
                    return Err((
                        "fake az: the grant must be AllPrincipals for Microsoft Graph".to_owned(),
                        1,
                    ));
                }
                let duplicate = state["grants"].as_array().unwrap().iter().any(|grant| {
                    grant["clientId"] == body["clientId"]
                        && grant["resourceId"] == body["resourceId"]
                        && grant["consentType"] == "AllPrincipals"
                });
                if duplicate {
                    return Err((r#"Conflict({"error":{"code":"Request_MultipleObjectsWithSameKeyValue","message":"Permission entry already exists."}})"#.to_owned(), 1));
                }
                let id = format!("grant-{}", state["grants"].as_array().unwrap().len() + 1);
                let grant = json!({"id": id, "clientId": body["clientId"], "consentType": "AllPrincipals", "resourceId": body["resourceId"], "scope": body["scope"]});
                state["grants"].as_array_mut().unwrap().push(grant.clone());
                Ok(grant)
            }
            ("PATCH", path) if path.starts_with("/v1.0/oauth2PermissionGrants/") => {
                if state["consent_forbidden"] == true {
                    return Err(forbidden());
                }
                let id = path
                    .trim_start_matches("/v1.0/oauth2PermissionGrants/")
                    .to_owned();
                let body = body()?;
                let Some(grant) = state["grants"]
                    .as_array_mut()
                    .unwrap()
                    .iter_mut()
                    .find(|grant| grant["id"] == id.as_str())
                else {
                    return Err((
                        format!(
                            "Not Found({{\"error\":{{\"code\":\"Request_ResourceNotFound\",\"message\":\"Resource '{id}' {NOT_FOUND}\"}}}})"
                        ),
                        1,
                    ));
                };
                grant["scope"] = body["scope"].clone();
                Ok(Value::Null)
            }
            (method, path) => Err((format!("fake az: {method} {path} is not modelled"), 1)),
        }
    }
}
