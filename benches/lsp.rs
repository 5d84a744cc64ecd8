//! The language server's cost as an editor sees it: `cargo bench --bench lsp`.
//!
//! Drives the real binary (`samictl --no-config lsp`, built with the bench profile) through
//! its standard input and output, as a client does, and measures from the moment a
//! `didChange` is written to the pipe to the moment its `publishDiagnostics` is read back
//! (parsed): 200 changes one after another (each waits for its diagnostics) of
//! - a 3 KB bot file (the bundled example with one mistake, so findings are positioned);
//! - a 1 MiB bot file (the same with thousands of notes, one mistake), and for reference the
//!   same with every note alike (thousands of `duplicate-action` findings, fewer changes);
//!
//! then, on the 1 MiB file: 30 changes written back to back (how many are published, and how
//! long after the last one its diagnostics arrive), `documentSymbol` and `codeAction` without
//! `only`; and the server's resident memory (from /proc) over 10,000 changes of the 3 KB
//! file. Prints figures; asserts nothing.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

const URI: &str = "file:///bench/bot.yaml";

struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<(Value, usize)>,
    next_id: i64,
}

fn read_message(r: &mut impl BufRead) -> Option<(Value, usize)> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            length = v.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    r.read_exact(&mut body).ok()?;
    Some((serde_json::from_slice(&body).ok()?, body.len()))
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_samictl"))
            .args(["--no-config", "lsp"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start samictl lsp");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::with_capacity(1 << 16, stdout);
            while let Some(m) = read_message(&mut r) {
                if tx.send(m).is_err() {
                    break;
                }
            }
        });
        let stdin = child.stdin.take().expect("stdin");
        let mut c = Client {
            child,
            stdin,
            incoming: rx,
            next_id: 1,
        };
        let caps =
            json!({"textDocument": {"codeAction": {"resolveSupport": {"properties": ["edit"]}}}});
        c.request(
            "initialize",
            json!({"processId": null, "capabilities": caps}),
        );
        c.notify("initialized", json!({}));
        c
    }

    fn send(&mut self, body: &str) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: Value) {
        let body = json!({"jsonrpc": "2.0", "method": method, "params": params}).to_string();
        self.send(&body);
    }

    /// Sends a request; its response and the response's size.
    fn request(&mut self, method: &str, params: Value) -> (Value, usize) {
        let id = self.next_id;
        self.next_id += 1;
        let body =
            json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}).to_string();
        self.send(&body);
        self.wait(|m| m["id"] == id)
    }

    fn wait(&mut self, want: impl Fn(&Value) -> bool) -> (Value, usize) {
        loop {
            let m = self
                .incoming
                .recv_timeout(Duration::from_secs(60))
                .expect("an answer within 60 s");
            if want(&m.0) {
                return m;
            }
        }
    }

    fn wait_published(&mut self, version: i64) -> Value {
        self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == version
        })
        .0
    }

    fn rss_kib(&self) -> u64 {
        std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("VmRSS:"))
                    .and_then(|l| l.split_whitespace().nth(1))
                    .and_then(|n| n.parse().ok())
            })
            .unwrap_or(0)
    }

    fn stop(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let _ = self.child.wait();
    }
}

fn open(text: &str) -> Client {
    let mut c = Client::start();
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": URI, "languageId": "yaml", "version": 1, "text": text}}),
    );
    c.wait_published(1);
    c
}

fn change_body(version: i64, text: &str) -> String {
    json!({"jsonrpc": "2.0", "method": "textDocument/didChange",
           "params": {"textDocument": {"uri": URI, "version": version},
                      "contentChanges": [{"text": text}]}})
    .to_string()
}

fn percentile(times: &mut [Duration], p: f64) -> Duration {
    times.sort();
    let i = ((times.len() as f64 - 1.0) * p).round() as usize;
    times[i]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn report(label: &str, bytes: usize, times: &mut [Duration], extra: &str) {
    let runs = times.len();
    let median = percentile(times, 0.5);
    let p95 = percentile(times, 0.95);
    let max = percentile(times, 1.0);
    println!(
        "{label:<16} {bytes:>9} bytes  {runs:>4} runs  median {:>8.3} ms  p95 {:>8.3} ms  max {:>8.3} ms  {extra}",
        ms(median),
        ms(p95),
        ms(max),
    );
}

/// didChange written to publishDiagnostics read, `runs` times, one after another.
fn changes(label: &str, text: &str, runs: usize) {
    let mut c = open(text);
    // Two texts alternate so every change is a real change.
    let other = text.replacen("version: 1", "version: 1 ", 1);
    let mut times = Vec::with_capacity(runs);
    let mut findings = 0;
    for i in 0..runs {
        let version = i as i64 + 2;
        let body = change_body(version, if i % 2 == 0 { &other } else { text });
        let started = Instant::now();
        c.send(&body);
        let m = c.wait_published(version);
        times.push(started.elapsed());
        findings = m["params"]["diagnostics"].as_array().map_or(0, Vec::len);
    }
    report(
        label,
        text.len(),
        &mut times,
        &format!("({findings} finding(s))"),
    );
    c.stop();
}

/// 30 changes written back to back, as fast typing does.
fn burst(text: &str) {
    let mut c = open(text);
    let bodies: Vec<String> = (0..30)
        .map(|i| {
            let t = text.replacen("version: 1", &format!("version: 1{}", " ".repeat(i + 1)), 1);
            change_body(i as i64 + 2, &t)
        })
        .collect();
    let mut stream = String::new();
    for b in &bodies {
        stream.push_str(&format!("Content-Length: {}\r\n\r\n{b}", b.len()));
    }
    c.stdin.write_all(stream.as_bytes()).expect("write");
    c.stdin.flush().expect("flush");
    let written = Instant::now();
    let mut published = 0;
    loop {
        let (m, _) = c.wait(|m| m["method"] == "textDocument/publishDiagnostics");
        published += 1;
        if m["params"]["version"] == 31 {
            break;
        }
    }
    println!(
        "1 MiB burst: 30 changes written back to back, {published} published; the newest's diagnostics {:.1} ms after the last was written",
        ms(written.elapsed())
    );
    c.stop();
}

/// A request, `runs` times.
fn requests(label: &str, text: &str, method: &str, params: Value, runs: usize) {
    let mut c = open(text);
    let mut times = Vec::with_capacity(runs);
    let mut size = 0;
    for _ in 0..runs {
        let started = Instant::now();
        let (_, n) = c.request(method, params.clone());
        times.push(started.elapsed());
        size = n;
    }
    report(
        label,
        text.len(),
        &mut times,
        &format!("(answer {size} bytes)"),
    );
    c.stop();
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

/// Where the time of one 1 MiB change goes, in process: the median of `runs` of each step.
fn profile(text: &str, runs: usize) {
    use samictl::lsp::transport::{Frame, parse_body};
    let settings = samictl::config::Settings::default();
    let other = text.replacen("version: 1", "version: 1 ", 1);
    let bodies = [change_body(2, &other), change_body(3, text)];
    let median = |f: &mut dyn FnMut(usize)| {
        let mut times: Vec<Duration> = (0..runs)
            .map(|i| {
                let started = Instant::now();
                f(i);
                started.elapsed()
            })
            .collect();
        ms(percentile(&mut times, 0.5))
    };
    let parse = median(&mut |i| {
        std::hint::black_box(parse_body(bodies[i % 2].as_bytes()));
    });
    let index = median(&mut |_| {
        std::hint::black_box(samictl::lsp::position::LineIndex::new(text));
    });
    let is_bot = median(&mut |_| {
        std::hint::black_box(samictl::lsp::is_bot_file(text));
    });
    let findings = median(&mut |_| {
        std::hint::black_box(samictl::validate::findings(text.as_bytes(), &settings));
    });
    let with_fixes = median(&mut |_| {
        std::hint::black_box(samictl::validate::findings_and_fixes(
            text.as_bytes(),
            &settings,
        ));
    });
    let mut server = samictl::lsp::Server::new(samictl::lsp::NoConfig);
    let mut out = Vec::new();
    let message = |body: &str| match parse_body(body.as_bytes()) {
        Frame::Message(m) => m,
        other => panic!("{other:?}"),
    };
    let init =
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}});
    server.handle(message(&init.to_string()), &mut out);
    let open = json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": {"textDocument": {"uri": URI, "languageId": "yaml", "version": 1, "text": text}}});
    server.handle(message(&open.to_string()), &mut out);
    let handle = median(&mut |i| {
        out.clear();
        server.handle(message(&bodies[i % 2]), &mut out);
        let mut wire = Vec::new();
        for m in &out {
            m.write(&mut wire).expect("write");
        }
    });
    println!(
        "1 MiB change, in process (medians of {runs}): parse the message {parse:.1} ms, line index {index:.1} ms, \
         bot-file test {is_bot:.2} ms, validate::findings {findings:.1} ms, findings and fixes {with_fixes:.1} ms; \
         the whole change with its publish serialized {handle:.1} ms"
    );
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
    let runs = std::env::var("SAMICTL_BENCH_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(200);

    println!("samictl lsp through its pipes: didChange written -> publishDiagnostics read");
    changes("3 KB", &small, runs);
    changes("1 MiB", &large, runs);
    changes("1 MiB dup", &repeated, (runs / 10).max(5));
    burst(&large);
    profile(&large, 20);
    let doc = json!({"textDocument": {"uri": URI}});
    requests(
        "documentSymbol",
        &large,
        "textDocument/documentSymbol",
        doc,
        50,
    );
    let actions = json!({"textDocument": {"uri": URI},
        "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
        "context": {"diagnostics": []}});
    requests("codeAction", &large, "textDocument/codeAction", actions, 50);

    println!("\nserver memory over 10,000 changes of the 3 KB file (resident set):");
    let mut c = open(&small);
    let other = small.replacen("version: 1", "version: 1 ", 1);
    let start = c.rss_kib();
    let mut samples = Vec::new();
    for i in 0..10_000usize {
        let version = i as i64 + 2;
        let body = change_body(version, if i % 2 == 0 { &other } else { &small });
        c.send(&body);
        c.wait_published(version);
        if (i + 1) % 1000 == 0 {
            samples.push(c.rss_kib());
        }
    }
    let line: Vec<String> = samples.iter().map(|k| format!("{k}")).collect();
    println!(
        "  after open: {start} KiB; every 1,000 changes: {} KiB",
        line.join(", ")
    );
    let first = samples.first().copied().unwrap_or(0);
    let last = samples.last().copied().unwrap_or(0);
    println!(
        "  growth from the first 1,000 to the last: {} KiB",
        last as i64 - first as i64
    );
    c.stop();
}
