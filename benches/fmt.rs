//! Formatting at scale against validating (docs/spec 18: formatting 10,000 files costs at
//! most 1.5x validating them): `cargo bench --bench fmt [-- N]` (N files, default 10000).
//!
//! Generates N realistic bot files (the generator of `benches/validate.rs`), then prints, each
//! the median of three runs:
//! - in this process, one thread: `validate::findings` on every file against
//!   `fmt::format_text` on every file, both from text already in memory;
//! - the commands, as child processes on every core: `samictl --no-config validate DIR
//!   --format json` against `samictl --no-config fmt --check DIR` on the same folder (N files
//!   not yet formatted) and on the folder formatted (`fmt --check` finds nothing to change);
//!
//! and the ratio fmt / validate of each, which must stay at most 1.5.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::{Rng, bot};

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn time(mut f: impl FnMut()) -> Duration {
    median(
        (0..3)
            .map(|_| {
                let start = Instant::now();
                f();
                start.elapsed()
            })
            .collect(),
    )
}

fn samictl() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    // target/release/deps/fmt-HASH -> target/release/samictl
    exe.parent().unwrap().parent().unwrap().join("samictl")
}

fn run(dir: &Path, args: &[&str]) {
    let status = Command::new(samictl())
        .args(args)
        .arg(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("samictl runs (cargo bench builds it)");
    assert!(status.code().is_some_and(|c| c <= 1), "{args:?}: {status}");
}

fn ratio(label: &str, validate: Duration, fmt: Duration) {
    let r = fmt.as_secs_f64() / validate.as_secs_f64().max(1e-9);
    println!(
        "{label:<34} validate {:>8.1} ms   fmt {:>8.1} ms   fmt/validate {r:.2} {}",
        validate.as_secs_f64() * 1e3,
        fmt.as_secs_f64() * 1e3,
        if r <= 1.5 {
            "(target <= 1.5: ok)"
        } else {
            "(target <= 1.5: OVER)"
        }
    );
}

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(10_000);
    let mut rng = Rng(0x5A41_1B07);
    let texts: Vec<String> = (0..n).map(|i| bot(&mut rng, i)).collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    println!("{n} bot files, {} KiB", bytes / 1024);

    let settings = samictl::config::Settings::default();
    let validate = time(|| {
        for t in &texts {
            std::hint::black_box(samictl::validate::findings(t.as_bytes(), &settings));
        }
    });
    let fmt = time(|| {
        for t in &texts {
            std::hint::black_box(samictl::fmt::format_text(t).ok());
        }
    });
    ratio("library, one thread", validate, fmt);

    let dir = std::env::temp_dir().join(format!("samictl-bench-fmt-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for (i, t) in texts.iter().enumerate() {
        let sub = dir.join(format!("team-{:03}", i % 100));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join(format!("bot-{i:05}.yaml")), t).unwrap();
    }
    let validate = time(|| run(&dir, &["--no-config", "validate", "--format", "json"]));
    let fmt = time(|| run(&dir, &["--no-config", "fmt", "--check"]));
    ratio("samictl fmt --check (unformatted)", validate, fmt);
    run(&dir, &["--no-config", "fmt"]);
    let validate = time(|| run(&dir, &["--no-config", "validate", "--format", "json"]));
    let fmt = time(|| run(&dir, &["--no-config", "fmt", "--check"]));
    ratio("samictl fmt --check (formatted)", validate, fmt);
    let _ = std::fs::remove_dir_all(&dir);
}
