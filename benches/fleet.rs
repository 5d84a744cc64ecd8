//! Many bots at once: `cargo bench --bench fleet [-- N]` (N bots, default 1000).
//!
//! Generates N bot files with the validate benchmark's seeded generator (benches/common), then
//! times, as child processes (the median of three runs):
//! - `samictl show DIR` (the fleet matrix, human and JSON) and `samictl simulate DIR --outcome`;
//! - `samictl diff --git` in a git repository of the N bots where 10 changed between two
//!   commits (`BASE..HEAD`), and the same 10 changed in the working tree (`BASE`).
//!
//! - `samictl report DIR -o FILE` (the HTML page of docs/spec 19), with the page's size.
//!
//! Targets (docs/spec 14, issue 15): `show` on 1,000 bots and `diff --git` with 10 changed
//! of 1,000 each under 1 s; `report` on 1,000 bots under 1 s and 5 MB; the fleet views
//! (`show`, `simulate`, `report`) on 10,000 bots (`-- 10000`) under 2 s on 2 cores (issue 31).
//! Figures are printed, never asserted.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::{Rng, bot};

fn generate(dir: &Path, n: usize) -> u64 {
    let mut rng = Rng(0x5A41_1B07);
    let mut bytes = 0;
    for i in 0..n {
        let sub = dir.join(format!("team-{:03}", i % 100));
        std::fs::create_dir_all(&sub).unwrap();
        let text = bot(&mut rng, i);
        bytes += text.len() as u64;
        std::fs::write(sub.join(format!("bot-{i:05}.yaml")), text).unwrap();
    }
    bytes
}

fn run(cmd: &mut Command) -> Duration {
    let start = Instant::now();
    let status = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.code().is_some_and(|c| c <= 1), "{cmd:?}: {status}");
    start.elapsed()
}

fn median_of_three(make: impl Fn() -> Command) -> Duration {
    let mut runs: Vec<Duration> = (0..3).map(|_| run(&mut make())).collect();
    runs.sort();
    runs[1]
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args([
            "-c",
            "user.email=bench@example.com",
            "-c",
            "user.name=bench",
        ])
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

/// Changes ten bots (one in every N/10): a new recipient on missed-transfer.
fn change_ten(dir: &Path, n: usize) {
    for k in 0..10 {
        let i = k * (n / 10).max(1);
        let file = dir.join(format!("team-{:03}/bot-{i:05}.yaml", i % 100));
        let text = std::fs::read_to_string(&file).unwrap();
        let text = text.replacen(
            "owner: true\n      emails: [",
            "owner: true\n      emails: [audit@acme-realty.com, ",
            1,
        );
        std::fs::write(&file, text).unwrap();
    }
}

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(1000);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("bench-fleet-{n}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    generate(&dir, n);
    let samictl = env!("CARGO_BIN_EXE_samictl");
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    let cmd = |args: &[&str]| {
        let mut c = Command::new(samictl);
        c.arg("--no-config")
            .args(args)
            .current_dir(&dir)
            .env("COLUMNS", "100");
        c
    };
    // Warm the page cache.
    let _ = run(&mut cmd(&["validate", "."]));
    let show = median_of_three(|| cmd(&["show", "."]));
    let show_json = median_of_three(|| cmd(&["show", ".", "--format", "json"]));
    let simulate = median_of_three(|| cmd(&["simulate", ".", "--outcome", "missed-transfer"]));
    // The report page (docs/spec 19), written to a file outside the walked folder.
    let page = dir.with_extension("html");
    let page_arg = page.display().to_string();
    let report = median_of_three(|| cmd(&["report", ".", "-o", &page_arg]));
    let page_bytes = std::fs::metadata(&page).map_or(0, |m| m.len());
    let _ = std::fs::remove_file(&page);

    git(&dir, &["init", "-q", "-b", "main"]);
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-q", "-m", "fleet"]);
    change_ten(&dir, n);
    let worktree = median_of_three(|| cmd(&["diff", "--git", "main", "--format", "json"]));
    git(&dir, &["commit", "-q", "-a", "-m", "ten changed"]);
    let commits = median_of_three(|| cmd(&["diff", "--git", "main~1..main", "--format", "json"]));
    let reported = cmd(&["diff", "--git", "main~1..main", "--format", "json"])
        .output()
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .matches("\"status\": \"modified\"")
                .count()
        })
        .unwrap_or(0);
    let markdown =
        median_of_three(|| cmd(&["diff", "--git", "main~1..main", "--format", "markdown"]));

    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "{n} bot files, {cores} core(s); median of 3 runs (target: each under 1000 ms)\n"
    );
    let rows = [
        ("show DIR (fleet matrix)", show),
        ("show DIR --format json", show_json),
        ("simulate DIR --outcome missed-transfer", simulate),
        ("report DIR -o FILE (HTML page)", report),
        ("diff --git BASE..HEAD, 10 changed", commits),
        ("diff --git ... --format markdown", markdown),
        ("diff --git BASE (working tree), 10 changed", worktree),
    ];
    for (name, t) in rows {
        let _ = writeln!(out, "{name:<46} {:>8.0} ms", ms(t));
    }
    let _ = writeln!(
        out,
        "\nreport page: {:.2} MB ({} bytes per bot; target for 1,000 bots: under 1 s and 5 MB)",
        page_bytes as f64 / 1_000_000.0,
        page_bytes / n.max(1) as u64
    );
    let _ = writeln!(
        out,
        "\ndiff --git reported {reported} modified bot(s) (10 expected)"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
