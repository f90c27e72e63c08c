//! Wall time of the whole live-check suite ÷ the slowest single probe, against the Microsoft
//! stand-in with the same latency injected on every request. Target: ≤ 1.25 (the suite costs about
//! one round trip, not the sum of its probes). A measurement, not a test: it prints and exits 0.
//!
//! Run (a debug build is fine; no release build needed):
//!
//! ```text
//! cargo bench --no-default-features --profile dev --bench suite_wall_time
//! ```
//!
//! Optional arguments after `--`: latency in ms (default 200) and rounds (default 7).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::too_many_lines,
    reason = "test, bench and example code: a panic is the failure, and its output is the point"
)]
use std::time::{Duration, Instant};

use chrono::Local;
use ones_m365_assistant::checks::oauth;
use ones_m365_assistant::checks::probe;
use ones_m365_assistant::checks::wire::Wire;
use ones_m365_assistant::checks::{CheckFilter, CheckStatus, Checker, RunId};
use ones_m365_assistant::model::Operator;
use ones_m365_assistant::net::{NetSettings, build_client};
use ones_m365_assistant::sandbox::demo::demo_config;
use ones_m365_assistant::sandbox::microsoft::{Fault, MicrosoftStandIn, Route};
use ones_m365_assistant::sandbox::{
    DEMO_ONES_URL, DEMO_SERVER_CLIENT_ID, DEMO_TENANT_ID, demo_document,
};

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| !arg.starts_with("--"))
        .collect();
    let latency_ms: u64 = args.first().and_then(|arg| arg.parse().ok()).unwrap_or(200);
    let rounds: usize = args
        .get(1)
        .and_then(|arg| arg.parse().ok())
        .unwrap_or(7)
        .max(1);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(measure(latency_ms, rounds));
}

async fn measure(latency_ms: u64, rounds: usize) {
    let running = MicrosoftStandIn::start(demo_config())
        .await
        .expect("stand-in starts");
    for route in Route::ALL {
        running.set_fault(route, Fault::Latency(Duration::from_millis(latency_ms)));
    }
    let endpoints = running.endpoints();
    let net = NetSettings::default();
    let checker = Checker::new(&net, endpoints.clone()).expect("client");
    let wire = Wire {
        client: build_client(&net).expect("client"),
        timeout_secs: net.timeout_secs,
    };
    let doc = demo_document(DEMO_ONES_URL);
    let today = Local::now().date_naive();
    let login = endpoints.login(Operator::Microsoft).to_owned();
    let scope = endpoints.graph_default_scope(Operator::Microsoft);

    // Warm-up: connections, allocator, lazy statics.
    let warm = checker
        .run(&doc, today, &CheckFilter::everything(), RunId(0), |_| {})
        .await;
    assert!(warm.ok(), "the demo document must pass: {warm:#?}");
    assert!(
        warm.results
            .iter()
            .all(|result| result.status == CheckStatus::Pass)
    );

    let mut suite = Vec::new();
    let mut slowest_single = Vec::new();
    for round in 0..rounds {
        let started = Instant::now();
        let report = checker
            .run(
                &doc,
                today,
                &CheckFilter::everything(),
                RunId(round as u64 + 1),
                |_| {},
            )
            .await;
        suite.push(started.elapsed());
        assert!(report.ok());

        // Each probe alone, one after the other; the slowest is the floor for the whole suite.
        let mut singles = Vec::new();
        let started = Instant::now();
        let _ = probe::discover(&wire, &login, DEMO_TENANT_ID).await;
        singles.push(started.elapsed());
        let started = Instant::now();
        let _ = oauth::client_credentials(
            &wire,
            &login,
            DEMO_TENANT_ID,
            DEMO_SERVER_CLIENT_ID,
            &doc.server_app.client_secret,
            &scope,
        )
        .await;
        singles.push(started.elapsed());
        let started = Instant::now();
        let _ = probe::authorize(
            &wire,
            &login,
            DEMO_TENANT_ID,
            DEMO_SERVER_CLIENT_ID,
            &doc.room.redirect_uri,
        )
        .await;
        singles.push(started.elapsed());
        slowest_single.push(singles.into_iter().max().unwrap_or_default());
    }
    let suite_median = median(&mut suite);
    let single_median = median(&mut slowest_single);
    let ratio = suite_median.as_secs_f64() / single_median.as_secs_f64();
    println!("latency injected per request: {latency_ms} ms, rounds: {rounds}");
    println!(
        "full suite (5 live checks, 6 requests) median wall time: {:.1} ms",
        ms(suite_median)
    );
    println!("slowest single probe median: {:.1} ms", ms(single_median));
    println!("ratio suite / slowest single probe: {ratio:.3} (target <= 1.25)");
}

fn median(values: &mut [Duration]) -> Duration {
    values.sort();
    values[values.len() / 2]
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
