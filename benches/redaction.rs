//! What the output boundary costs: `redact` over a 10 KB text with many registered values (a
//! secret typed key by key registers every prefix of 8 characters and more). Not a test: run it
//! by hand and read the figures.
//!
//! ```text
//! cargo bench --profile dev --bench redaction
//! ```

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::too_many_lines,
    reason = "test, bench and example code: a panic is the failure, and its output is the point"
)]
use std::time::Instant;

use ones_m365_assistant::redact::{redact, register};

fn main() {
    let secret = "Xy_8Q~serverSecretValue0123456789abcdef";
    let text: String = (0..200)
        .map(|index| format!("line {index}: Microsoft answered AADSTS7000215 for the app. "))
        .collect::<String>()
        + secret;
    for registered in [1usize, 100, 1000, 3000] {
        for index in 0..registered {
            // Prefixes of a typed secret, then other secrets.
            let value = if index < secret.len() - 8 {
                secret[..8 + index].to_owned()
            } else {
                format!("Ot{index:04}Q~anotherSecretValue0123456789")
            };
            register(&value);
        }
        let rounds = 200;
        let started = Instant::now();
        for _ in 0..rounds {
            assert!(redact(&text).contains("<redacted>"));
        }
        let per_call = started.elapsed() / rounds;
        println!(
            "{registered:>5} values registered: {:>8.1} µs per redaction of {} bytes",
            per_call.as_secs_f64() * 1e6,
            text.len()
        );
    }
}
