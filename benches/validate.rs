//! Validation at scale: `cargo bench --bench validate [-- N]` (N files, default 10000).
//!
//! Generates N realistic bot files (about 3 KB each) with a seeded generator, then runs, as
//! child processes, each three times (the median is reported):
//! - samictl: `samictl --no-config validate DIR --format json`, on every core;
//! - the floor: this program in `--floor DIR` mode, which only reads and parses the same files
//!   with the same YAML library (serde-saphyr) and options, single-threaded, doing nothing else;
//!
//! and prints their wall time and peak memory side by side with the ratio. Then, for
//! reference: samictl again with one file in ten broken (those are parsed twice), and the cost
//! of only pulling granit-parser's events (`--events DIR`: the parser under serde-saphyr, which
//! `validate`'s fast path reads directly). Last, the start-up time of validating one file and
//! the cost of hostile inputs. Peak memory is the child's maximum resident set (wait4).
//! `-- --generate DIR N` only writes the files, for profiling.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A small seeded generator (xorshift64*), so every run validates the same files.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const FIRST: [&str; 6] = ["Seller", "Buyer", "Expired", "FSBO", "Probate", "Investor"];
const SECOND: [&str; 5] = [
    "Outreach",
    "Inbound",
    "Nurture",
    "Reactivation",
    "Follow-up",
];
const TAGS: [&str; 6] = [
    "hot-lead",
    "opted-out",
    "wrong-person",
    "not now",
    "agent:listed",
    "renting/only",
];
const DUE: [&str; 5] = ["15m", "1h", "4h", "2d", "7d"];

/// One bot file of about 3 KB, valid, with every card and a realistic mix of actions.
fn bot(rng: &mut Rng, i: usize) -> String {
    let direction = rng.pick(&["outbound", "inbound", "both", "outbound"]);
    let mut s = format!(
        "# {0} {1} #{i}: generated for the samictl benchmark.\n# Owner: RevOps. Review changes with `samictl diff`.\nversion: 1\nbot:\n  name: \"{0} {1} {i}\"\n  direction: {direction}\n\noutcomes:\n",
        rng.pick(&FIRST),
        rng.pick(&SECOND)
    );
    let team = rng.below(40);
    s.push_str(&format!(
        "  # Warm-transferred to an agent who answered.\n  successful-transfer:\n    mid_call:\n      wrap_up: \"Great, connecting you with {{{{ contact.owner }}}} now.\"\n    actions:\n      - type: note\n        text: \"Transferred. Summary: {{{{ call.summary }}}}\"\n      - type: tag\n        name: {}\n    notify:\n      owner: true\n\n",
        rng.pick(&TAGS)
    ));
    s.push_str(&format!(
        "  # A transfer was tried and nobody picked up.\n  missed-transfer:\n    mid_call:\n      wrap_up: \"Looks like they stepped away. Someone will call you back shortly.\"\n    actions:\n      - type: task\n        title: \"Call back {{{{ contact.first_name }}}}: missed transfer\"\n        due_in: {}\n    notify:\n      owner: true\n      emails: [team{team}@acme-realty.com, lead{team}@acme-realty.com]\n      phones: [\"+1512555{:04}\"]\n\n",
        rng.pick(&DUE),
        rng.below(10_000)
    ));
    s.push_str("  # Qualified, but wants a specific time first.\n  needs-follow-up:\n    analysis_criteria: \"The lead is qualified and names a specific day or time to talk again.\"\n    mid_call:\n      wrap_up: \"Perfect, we'll call you at {{ requested_time }}.\"\n      confirm_time: true\n    actions:\n      - type: note\n        text: \"Follow-up requested for {{ requested_time }}.\"\n      - type: task\n        title: \"Follow up with {{ contact.first_name }} {{ contact.last_name }}\"\n        due_in: requested-time\n    notify:\n      owner: true\n\n");
    s.push_str("  # Asked to be called back later; SAMI calls back by itself.\n  contact-later:\n    analysis_criteria: \"The lead asks to be called back at another time without naming a specific one.\"\n    mid_call:\n      wrap_up: \"No problem, we'll reach out again then. Thanks for your time!\"\n      confirm_time: true\n    actions:\n      - type: note\n        text: \"Asked to be contacted again at {{ requested_time }}.\"\n\n");
    s.push_str("  # Asked not to be contacted again (TCPA).\n  opt-out:\n    mid_call:\n      wrap_up: \"Understood. You won't hear from us again.\"\n    actions:\n      - type: do-not-contact-all-channels\n      - type: tag\n        name: opted-out\n\n");
    s.push_str(&format!(
        "  # Pushed back several times without a clear opt-out.\n  not-interested:\n    analysis_criteria: \"Four or more objections and no explicit request to stop.\"\n    mid_call:\n      max_objections: {}\n\n",
        1 + rng.below(10)
    ));
    s.push_str(&format!(
        "  # Confirmed a dealbreaker: already sold, committed agent, renting only.\n  unqualified:\n    actions:\n      - type: tag\n        name: \"{}\"\n      - type: task\n        title: \"Review {{{{ contact.first_name }}}}'s record\"\n        due_in: {}\n        assignee: ops{team}@acme-realty.com\n    notify:\n      emails: [ops{team}@acme-realty.com]\n\n",
        rng.pick(&TAGS),
        rng.pick(&DUE)
    ));
    s.push_str("  # Reached the wrong person.\n  bad-number:\n    analysis_criteria: \"The person who answered says they are not the contact, or the number belongs to a business.\"\n    actions:\n      - type: tag\n        name: bad-number\n      - type: note\n        text: \"Wrong number reached on {{ call.started_at }}.\"\n");
    s
}

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

/// Every `.yaml` file under `dir`.
fn yaml_files(dir: &Path, files: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            yaml_files(&p, files);
        } else if p.extension().is_some_and(|x| x == "yaml") {
            files.push(p);
        }
    }
}

/// The floor: read and parse every file with serde-saphyr, single-threaded, nothing else.
fn floor(dir: &Path) {
    let mut files = Vec::new();
    yaml_files(dir, &mut files);
    files.sort();
    let mut parsed = 0;
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let v: Result<serde::de::IgnoredAny, _> =
            serde_saphyr::from_str_with_options(&text, samictl::yaml::options());
        parsed += usize::from(v.is_ok());
    }
    println!("{parsed}");
}

/// For reference, not the floor: read every file and only pull granit-parser's events (the
/// parser under serde-saphyr, which `validate`'s fast path reads directly), single-threaded.
fn events(dir: &Path) {
    let mut files = Vec::new();
    yaml_files(dir, &mut files);
    files.sort();
    let mut count = 0usize;
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        count += granit_parser::Parser::new_from_str(&text)
            .take_while(Result::is_ok)
            .count();
    }
    println!("{count}");
}

/// The median wall time and the largest peak memory of three runs of a command.
fn median_of_three(command: impl Fn() -> Command) -> (Duration, i64) {
    median((0..3).map(|_| measure(&mut command())).collect())
}

/// Runs a command to completion; its wall time and peak resident memory (KiB).
// The child is reaped by wait4 (which also gives its resource usage), not by `Child::wait`.
#[allow(clippy::zombie_processes)]
fn measure(cmd: &mut Command) -> (Duration, i64) {
    let start = Instant::now();
    let child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: rusage is plain data; wait4 fills it for the child we just spawned.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our child; status and usage are valid for writes.
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(r, pid, "wait4 failed");
    (start.elapsed(), usage.ru_maxrss)
}

fn median(mut runs: Vec<(Duration, i64)>) -> (Duration, i64) {
    runs.sort_by_key(|r| r.0);
    let t = runs[runs.len() / 2].0;
    let mem = runs.iter().map(|r| r.1).max().unwrap_or(0);
    (t, mem)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--floor") {
        floor(Path::new(&args[i + 1]));
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--events") {
        events(Path::new(&args[i + 1]));
        return;
    }
    // `--generate DIR N`: only write the files, for profiling by hand.
    if let Some(i) = args.iter().position(|a| a == "--generate") {
        let n = args
            .get(i + 2)
            .and_then(|n| n.parse().ok())
            .unwrap_or(10_000);
        generate(Path::new(&args[i + 1]), n);
        return;
    }
    let n: usize = args
        .iter()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(10_000);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("bench-bots-{n}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let bytes = generate(&dir, n);
    let samictl = env!("CARGO_BIN_EXE_samictl");
    let me = std::env::current_exe().unwrap();
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());

    // Warm the page cache so both read the same way.
    let _ = measure(Command::new(&me).arg("--floor").arg(&dir));
    let floor = median_of_three(|| {
        let mut c = Command::new(&me);
        c.arg("--floor").arg(&dir);
        c
    });
    let parser_only = median_of_three(|| {
        let mut c = Command::new(&me);
        c.arg("--events").arg(&dir);
        c
    });
    let validate_all = || {
        let mut c = Command::new(samictl);
        c.args(["--no-config", "validate", "--format", "json"])
            .arg(&dir);
        c
    };
    let ours = median_of_three(validate_all);
    // The same files with one in ten broken (an unknown top-level key): those are parsed a
    // second time, with positions, to point at the finding.
    for i in (0..n).step_by(10) {
        let file = dir.join(format!("team-{:03}/bot-{i:05}.yaml", i % 100));
        let mut text = std::fs::read_to_string(&file).unwrap();
        text.push_str("owner: revops\n");
        std::fs::write(&file, text).unwrap();
    }
    let broken = median_of_three(validate_all);
    let one = dir.join("team-000/bot-00001.yaml");
    let mut single: Vec<Duration> = (0..21)
        .map(|_| {
            measure(
                Command::new(samictl)
                    .args(["--no-config", "validate"])
                    .arg(&one),
            )
            .0
        })
        .collect();
    single.sort();

    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let mib = |kib: i64| kib as f64 / 1024.0;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "validate {n} bot files ({:.1} KB on average), {cores} core(s)\n",
        bytes as f64 / n as f64 / 1000.0
    );
    let _ = writeln!(out, "{:<34} {:>12} {:>14}", "", "wall (ms)", "peak (MiB)");
    let _ = writeln!(
        out,
        "{:<34} {:>12.0} {:>14.1}",
        "samictl validate (all cores)",
        ms(ours.0),
        mib(ours.1)
    );
    let _ = writeln!(
        out,
        "{:<34} {:>12.0} {:>14.1}",
        "floor: read + parse, 1 thread",
        ms(floor.0),
        mib(floor.1)
    );
    let _ = writeln!(
        out,
        "{:<34} {:>12.2}   (target: at most 0.60)",
        "ratio samictl / floor",
        ours.0.as_secs_f64() / floor.0.as_secs_f64()
    );
    let _ = writeln!(out, "\nfor reference");
    let _ = writeln!(
        out,
        "{:<34} {:>12.0} {:>14.1}",
        "samictl, 1 file in 10 with a finding",
        ms(broken.0),
        mib(broken.1)
    );
    let _ = writeln!(
        out,
        "{:<34} {:>12.0} {:>14.1}",
        "granit-parser events only, 1 thread",
        ms(parser_only.0),
        mib(parser_only.1)
    );
    let _ = writeln!(
        out,
        "single-file validate start-up: median {:.1} ms, max {:.1} ms over {} runs",
        ms(single[single.len() / 2]),
        ms(single[single.len() - 1]),
        single.len()
    );
    // Hostile input: each must be a yaml-syntax finding within a second and under 100 MB.
    let _ = writeln!(
        out,
        "\nhostile input (target: each within 1 s and under 100 MB)"
    );
    let hostile = dir.join("hostile");
    std::fs::create_dir_all(&hostile).unwrap();
    let mut bomb = vec!["a0: &a0 [x, x, x, x, x, x, x, x, x, x]".to_owned()];
    for i in 1..12 {
        bomb.push(format!(
            "a{i}: &a{i} [{}]",
            vec![format!("*a{}", i - 1); 10].join(", ")
        ));
    }
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("file over 1 MiB", vec![b'#'; 2 * 1024 * 1024]),
        (
            "nesting 100,000 deep",
            format!("a: {}", "[".repeat(100_000)).into_bytes(),
        ),
        ("alias bomb (10^12 nodes)", bomb.join("\n").into_bytes()),
        ("invalid UTF-8", b"version: 1\nbot: \xff\xfe\n".to_vec()),
        (
            "binary garbage",
            (0..65_536u32)
                .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
                .collect(),
        ),
        (
            "500 KB key",
            format!("{}: 1\n", "k".repeat(500_000)).into_bytes(),
        ),
    ];
    for (name, bytes) in cases {
        let file = hostile.join("bot.yaml");
        std::fs::write(&file, bytes).unwrap();
        let (t, mem) = measure(
            Command::new(samictl)
                .args(["--no-config", "validate"])
                .arg(&file),
        );
        let _ = writeln!(out, "  {name:<28} {:>8.1} ms {:>8.1} MiB", ms(t), mib(mem));
    }
    let _ = std::fs::remove_dir_all(&dir);
}
