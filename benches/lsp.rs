//! The language server's cost: `cargo bench --bench lsp`.
//!
//! Server time from a `didChange` (its JSON body, as read from the wire) to the
//! `publishDiagnostics` notification (serialized, as written to the wire), measured in process
//! on `samictl::lsp::Server` so the client's and the pipe's time are left out:
//! - a 3 KB bot file (the bundled example with one mistake, so findings are positioned);
//! - a 1 MiB bot file (the same with thousands of notes, one mistake), and for reference the
//!   same with every note alike (thousands of `duplicate-action` findings);
//!
//! and memory (resident set, from /proc) over 10,000 changes of the 3 KB file, sampled every
//! 1,000: flat means the server keeps nothing per change. Prints figures; asserts nothing.

use samictl::lsp::transport::{Frame, parse_body};
use samictl::lsp::{Control, NoConfig, Server};
use serde_json::json;
use std::time::{Duration, Instant};

const URI: &str = "file:///bench/bot.yaml";

fn message(body: &str) -> lsp_server::Message {
    match parse_body(body.as_bytes()) {
        Frame::Message(m) => m,
        other => panic!("bench message did not parse: {other:?}"),
    }
}

fn body(method: &str, params: serde_json::Value, id: Option<i32>) -> String {
    let mut v = json!({"jsonrpc": "2.0", "method": method, "params": params});
    if let Some(id) = id {
        v["id"] = json!(id);
    }
    v.to_string()
}

fn change_body(version: i32, text: &str) -> String {
    body(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": version}, "contentChanges": [{"text": text}]}),
        None,
    )
}

fn server(text: &str) -> Server<NoConfig> {
    let mut s = Server::new(NoConfig);
    let mut out = Vec::new();
    s.handle(
        message(&body("initialize", json!({"capabilities": {}}), Some(1))),
        &mut out,
    );
    s.handle(message(&body("initialized", json!({}), None)), &mut out);
    s.handle(
        message(&body(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": URI, "languageId": "yaml", "version": 1, "text": text}}),
            None,
        )),
        &mut out,
    );
    s
}

/// One change, from its wire body to the serialized diagnostics; the number of findings.
fn one_change(s: &mut Server<NoConfig>, body: &str, out: &mut Vec<lsp_server::Message>) -> usize {
    out.clear();
    let control = s.handle(message(body), out);
    assert_eq!(control, Control::Continue);
    let mut wire = Vec::new();
    let mut findings = 0;
    for m in out.iter() {
        m.write(&mut wire).expect("serialize");
        if let lsp_server::Message::Notification(n) = m {
            findings = n.params["diagnostics"].as_array().map_or(0, Vec::len);
        }
    }
    findings
}

fn percentile(times: &mut [Duration], p: f64) -> Duration {
    times.sort();
    let i = ((times.len() as f64 - 1.0) * p).round() as usize;
    times[i]
}

fn measure(label: &str, text: &str, runs: usize) {
    let mut s = server(text);
    // Two texts alternate so every change is a real change.
    let other = text.replacen("version: 1", "version: 1 ", 1);
    let bodies = [change_body(0, text), change_body(0, &other)];
    let mut out = Vec::new();
    let mut times = Vec::with_capacity(runs);
    let mut findings = 0;
    for i in 0..runs {
        let started = Instant::now();
        findings = one_change(&mut s, &bodies[i % 2], &mut out);
        times.push(started.elapsed());
    }
    let median = percentile(&mut times, 0.5);
    let p95 = percentile(&mut times, 0.95);
    let max = percentile(&mut times, 1.0);
    println!(
        "{label:<10} {:>9} bytes  {runs:>5} changes  median {:>8.3} ms  p95 {:>8.3} ms  max {:>8.3} ms  ({findings} finding(s))",
        text.len(),
        median.as_secs_f64() * 1e3,
        p95.as_secs_f64() * 1e3,
        max.as_secs_f64() * 1e3,
    );
}

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

/// The 3 KB file grown to just under 1 MiB with notes on the unqualified card: each note
/// different (`alike == 0`), or all the same.
fn large_file(small: &str, alike: usize) -> String {
    let marker = "  unqualified:\n";
    let room = samictl::yaml::MAX_FILE_BYTES - small.len() - 200;
    let mut notes = String::with_capacity(room + 200);
    let mut i = 0usize;
    while notes.len() < room - 120 {
        let n = if alike == 0 { i } else { 0 };
        notes.push_str(&format!(
            "      - type: note\n        text: \"Voicemail {n} for {{{{ contact.first_name }}}}; try again tomorrow.\"\n"
        ));
        i += 1;
    }
    let mut large = small.replacen(marker, &format!("{marker}    actions:\n{notes}"), 1);
    // The unqualified card's own `actions:` follows: merge it into the one list.
    large = large.replacen(&format!("{notes}    actions:\n"), &notes, 1);
    large
}

fn main() {
    let example = include_str!("../fixtures/valid/seller-outreach.yaml");
    // One mistake, so the finding's position is computed on every change.
    let small = example.replacen(
        "    notify:\n      owner: true\n",
        "    notfy:\n      owner: true\n",
        1,
    );
    let large = large_file(&small, 0);
    // The same notes, all alike: every one after the first is a duplicate-action finding.
    let repeated = large_file(&small, 1);

    println!("samictl lsp: server time from didChange to publishDiagnostics (in process)");
    measure("3 KB", &small, 2000);
    measure("1 MiB", &large, 20);
    measure("1 MiB dup", &repeated, 10);

    println!("\nmemory over 10,000 changes of the 3 KB file (resident set):");
    let mut s = server(&small);
    let other = small.replacen("version: 1", "version: 1 ", 1);
    let bodies = [change_body(0, &small), change_body(0, &other)];
    let mut out = Vec::new();
    let start = rss_kib();
    let mut samples = Vec::new();
    for i in 0..10_000 {
        one_change(&mut s, &bodies[i % 2], &mut out);
        if (i + 1) % 1000 == 0 {
            samples.push(rss_kib());
        }
    }
    let line: Vec<String> = samples.iter().map(|k| format!("{k}")).collect();
    println!(
        "  before: {start} KiB; every 1,000 changes: {} KiB",
        line.join(", ")
    );
    let first = samples.first().copied().unwrap_or(0);
    let last = samples.last().copied().unwrap_or(0);
    println!(
        "  growth from the first 1,000 to the last: {} KiB",
        last as i64 - first as i64
    );
}
