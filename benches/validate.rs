//! Validation at scale: `cargo bench --bench validate [-- N]` (N files, default 10000).
//!
//! Generates two workloads of N realistic bot files (about 3 KB each) with a seeded generator:
//! all clean, and three in four with a warning (a duplicate recipient, the file the same size).
//! Then runs, as child processes, each three times (the median is reported), side by side:
//! - samictl: `samictl --no-config validate DIR --format json`, on every core, on each workload;
//!   with `SAMICTL_BEFORE=/path/to/older/samictl`, that binary too, for a before/after table;
//! - the floors: this program in `--floor DIR` mode (read and parse the same files with
//!   serde-saphyr and samictl's options) and `--floor-serde-yaml DIR` (the same with serde_yaml),
//!   single-threaded, doing nothing else;
//!
//! and prints wall time, peak memory and the ratios to the floors. Then a file with findings
//! against a clean file of the same size (in this process, one thread), for reference the cost
//! of only pulling granit-parser's events (`--events DIR`), the start-up time of validating one
//! file, a peer comparison with check-jsonschema against `samictl schema` (skipped with a message
//! where check-jsonschema is not installed), and the cost of hostile inputs. Peak memory is the
//! child's maximum resident set (wait4). `-- --generate DIR N` only writes the clean files, for
//! profiling. `-- --memory N` runs `validate` once per format on N files (three in four with
//! warnings; default 50000; SAMICTL_BEFORE too when set) and prints wall time and peak memory.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::{Rng, bot};

/// The same file with a warning and the same size: the second email of `missed-transfer`
/// repeats the first (`duplicate-recipient`).
fn with_warning(text: &str) -> String {
    let Some(at) = text.find(", lead") else {
        return text.to_owned();
    };
    format!("{}, team{}", &text[..at], &text[at + ", lead".len()..])
}

/// Writes N bot files under `dir`; `warns(i)` tells which carry a warning. Returns their size.
fn generate(dir: &Path, n: usize, warns: impl Fn(usize) -> bool) -> u64 {
    let mut rng = Rng(0x5A41_1B07);
    let mut bytes = 0;
    for i in 0..n {
        let sub = dir.join(format!("team-{:03}", i % 100));
        std::fs::create_dir_all(&sub).unwrap();
        let mut text = bot(&mut rng, i);
        if warns(i) {
            text = with_warning(&text);
        }
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

/// The second floor: the same with serde_yaml (libyaml's parser), single-threaded.
fn floor_serde_yaml(dir: &Path) {
    let mut files = Vec::new();
    yaml_files(dir, &mut files);
    files.sort();
    let mut parsed = 0;
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let v: Result<serde::de::IgnoredAny, _> = serde_yaml::from_str(&text);
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

/// One run of a command: wall time, CPU time (user + system, all threads) and peak resident
/// memory (KiB).
#[derive(Clone, Copy)]
struct Run {
    wall: Duration,
    cpu: Duration,
    peak: i64,
}

/// The median wall time (and that run's CPU time) and the largest peak memory of three runs.
fn median_of_three(command: impl Fn() -> Command) -> Run {
    let mut runs: Vec<Run> = (0..3).map(|_| measure(&mut command())).collect();
    runs.sort_by_key(|r| r.wall);
    Run {
        peak: runs.iter().map(|r| r.peak).max().unwrap_or(0),
        ..runs[runs.len() / 2]
    }
}

/// Runs a command to completion and measures it.
// The child is reaped by wait4 (which also gives its resource usage), not by `Child::wait`.
#[allow(clippy::zombie_processes)]
fn measure(cmd: &mut Command) -> Run {
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
    let time = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    Run {
        wall: start.elapsed(),
        cpu: time(usage.ru_utime) + time(usage.ru_stime),
        peak: usage.ru_maxrss,
    }
}

/// Median time of `findings` on one file's bytes, over batches of runs in this process.
fn findings_time(bytes: &[u8]) -> Duration {
    let settings = samictl::config::Settings::default();
    let mut batches: Vec<Duration> = (0..7)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..500 {
                std::hint::black_box(samictl::validate::findings(
                    std::hint::black_box(bytes),
                    &settings,
                ));
            }
            start.elapsed() / 500
        })
        .collect();
    batches.sort();
    batches[batches.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--floor") {
        floor(Path::new(&args[i + 1]));
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--floor-serde-yaml") {
        floor_serde_yaml(Path::new(&args[i + 1]));
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
        generate(Path::new(&args[i + 1]), n, |_| false);
        return;
    }
    // `--memory N`: peak memory of `validate` on N files (three in four with warnings), one run
    // per format (SAMICTL_BEFORE too when set): the figure that must not grow with N.
    if let Some(i) = args.iter().position(|a| a == "--memory") {
        let n = args
            .get(i + 1)
            .and_then(|n| n.parse().ok())
            .unwrap_or(50_000);
        memory(n);
        return;
    }
    let n: usize = args
        .iter()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(10_000);
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("bench-bots-{n}"));
    let _ = std::fs::remove_dir_all(&root);
    let clean = root.join("clean");
    let warned = root.join("warnings");
    let bytes = generate(&clean, n, |_| false);
    let warned_bytes = generate(&warned, n, |i| i % 4 != 0);
    assert_eq!(bytes, warned_bytes, "the workloads differ in size");
    let samictl = PathBuf::from(env!("CARGO_BIN_EXE_samictl"));
    let before = std::env::var_os("SAMICTL_BEFORE").map(PathBuf::from);
    let me = std::env::current_exe().unwrap();
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());

    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let mib = |kib: i64| kib as f64 / 1024.0;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "validate {n} bot files ({:.1} KB on average), {cores} core(s), median of 3 runs\n",
        bytes as f64 / n as f64 / 1000.0
    );
    let run_me = |mode: &'static str, dir: PathBuf| {
        let me = me.clone();
        move || {
            let mut c = Command::new(&me);
            c.arg(mode).arg(&dir);
            c
        }
    };
    let validate = |bin: PathBuf, dir: PathBuf| {
        move || {
            let mut c = Command::new(&bin);
            c.args(["--no-config", "validate", "--format", "json"])
                .arg(&dir);
            c
        }
    };
    // Warm the page cache so every command reads the same way.
    let _ = measure(&mut run_me("--floor", clean.clone())());
    let _ = measure(&mut run_me("--floor", warned.clone())());

    // (label, clean, three in four with warnings)
    let mut rows: Vec<(String, Run, Run)> = Vec::new();
    if let Some(before) = &before {
        rows.push((
            "samictl before (all cores)".into(),
            median_of_three(validate(before.clone(), clean.clone())),
            median_of_three(validate(before.clone(), warned.clone())),
        ));
    }
    let ours = (
        median_of_three(validate(samictl.clone(), clean.clone())),
        median_of_three(validate(samictl.clone(), warned.clone())),
    );
    rows.push(("samictl validate (all cores)".into(), ours.0, ours.1));
    let saphyr = (
        median_of_three(run_me("--floor", clean.clone())),
        median_of_three(run_me("--floor", warned.clone())),
    );
    let serde_yaml = (
        median_of_three(run_me("--floor-serde-yaml", clean.clone())),
        median_of_three(run_me("--floor-serde-yaml", warned.clone())),
    );
    rows.push(("floor: serde-saphyr, 1 thread".into(), saphyr.0, saphyr.1));
    rows.push((
        "floor: serde_yaml, 1 thread".into(),
        serde_yaml.0,
        serde_yaml.1,
    ));

    let _ = writeln!(
        out,
        "{:<30} {:>26} {:>26}",
        "", "all clean", "3 in 4 with warnings"
    );
    let _ = writeln!(
        out,
        "{:<30} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}",
        "", "wall ms", "cpu ms", "peak MiB", "wall ms", "cpu ms", "peak MiB"
    );
    for (label, c, w) in &rows {
        let _ = writeln!(
            out,
            "{label:<30} {:>8.0} {:>8.0} {:>8.1} {:>8.0} {:>8.0} {:>8.1}",
            ms(c.wall),
            ms(c.cpu),
            mib(c.peak),
            ms(w.wall),
            ms(w.cpu),
            mib(w.peak)
        );
    }
    let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64();
    // On a busy machine other processes take cores from samictl but hardly from a 1-thread
    // floor; samictl's CPU time spread over the cores is what its wall time would be on an idle
    // machine with perfect scaling (a lower bound), printed beside the measured ratio.
    let spread = |r: Run| r.cpu / u32::try_from(cores).unwrap_or(1);
    let _ = writeln!(
        out,
        "\n{:<30} {:>8} {:>8} {:>8} {:>8}",
        "ratios (samictl / floor)", "wall", "cpu/cores", "wall", "cpu/cores"
    );
    for (label, floor, target) in [
        ("vs serde-saphyr", saphyr, 0.35),
        ("vs serde_yaml", serde_yaml, 1.0),
    ] {
        let _ = writeln!(
            out,
            "{label:<30} {:>8.2} {:>8.2} {:>8.2} {:>8.2}   (target, with warnings: at most {target:.2})",
            ratio(ours.0.wall, floor.0.wall),
            ratio(spread(ours.0), floor.0.cpu),
            ratio(ours.1.wall, floor.1.wall),
            ratio(spread(ours.1), floor.1.cpu),
        );
    }
    if let Some((_, c, w)) = rows.iter().find(|r| r.0.starts_with("samictl before")) {
        let _ = writeln!(
            out,
            "{:<30} {:>8.2} {:>8.2} {:>8.2} {:>8.2}",
            "after / before",
            ratio(ours.0.wall, c.wall),
            ratio(ours.0.cpu, c.cpu),
            ratio(ours.1.wall, w.wall),
            ratio(ours.1.cpu, w.cpu)
        );
    }
    let _ = writeln!(
        out,
        "{:<30} {:>8.2} {:>8.2}   (whole run, 3 in 4 with warnings / all clean)",
        "warnings / clean",
        ratio(ours.1.wall, ours.0.wall),
        ratio(ours.1.cpu, ours.0.cpu)
    );

    // One file with a finding against the same file clean, same size, in this process.
    let one_clean = std::fs::read(clean.join("team-001/bot-00001.yaml")).unwrap();
    let one_warned = std::fs::read(warned.join("team-001/bot-00001.yaml")).unwrap();
    assert_eq!(one_clean.len(), one_warned.len());
    let settings = samictl::config::Settings::default();
    assert!(samictl::validate::findings(&one_clean, &settings).is_empty());
    assert!(!samictl::validate::findings(&one_warned, &settings).is_empty());
    let t_clean = findings_time(&one_clean);
    let t_warned = findings_time(&one_warned);
    let _ = writeln!(
        out,
        "{:<32} {:>10.1} us clean, {:.1} us with a finding: {:.2}x   (target: at most 1.30x)",
        "one file, 1 thread",
        t_clean.as_secs_f64() * 1e6,
        t_warned.as_secs_f64() * 1e6,
        ratio(t_warned, t_clean)
    );

    let _ = writeln!(out, "\nfor reference");
    let parser_only = median_of_three(run_me("--events", clean.clone()));
    let _ = writeln!(
        out,
        "{:<32} {:>10.0} {:>10.1}",
        "granit-parser events, 1 thread",
        ms(parser_only.wall),
        mib(parser_only.peak)
    );
    let one = clean.join("team-000/bot-00001.yaml");
    let mut single: Vec<Duration> = (0..51)
        .map(|_| {
            measure(
                Command::new(&samictl)
                    .args(["--no-config", "validate"])
                    .arg(&one),
            )
            .wall
        })
        .collect();
    single.sort();
    let _ = writeln!(
        out,
        "single-file validate start-up: median {:.1} ms, max {:.1} ms over {} runs   (target: under 2 ms)",
        ms(single[single.len() / 2]),
        ms(single[single.len() - 1]),
        single.len()
    );
    let peak = rows
        .iter()
        .filter(|r| r.0.starts_with("samictl validate"))
        .map(|r| r.1.peak.max(r.2.peak))
        .max()
        .unwrap_or(0);
    let _ = writeln!(
        out,
        "peak memory of samictl validate: {:.1} MiB   (target: under 64 MiB at any number of files)",
        mib(peak)
    );

    peer(&mut out, &samictl, &clean, n, ours.0.wall);
    hostile(&mut out, &samictl, &root);
    let _ = std::fs::remove_dir_all(&root);
}

/// A peer: check-jsonschema validating the same (clean) files against `samictl schema`, one run
/// (it is slow), against samictl's median on them. Skipped where it is not installed.
fn peer(out: &mut impl Write, samictl: &Path, dir: &Path, n: usize, ours: Duration) {
    let installed = Command::new("check-jsonschema")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !installed {
        let _ = writeln!(
            out,
            "\npeer: check-jsonschema is not installed (`pip install check-jsonschema`); skipped"
        );
        return;
    }
    let schema = dir.with_file_name("bot-config.schema.json");
    let text = Command::new(samictl).arg("schema").output().unwrap().stdout;
    std::fs::write(&schema, text).unwrap();
    let mut files = Vec::new();
    yaml_files(dir, &mut files);
    files.sort();
    // Make sure it really validates (and passes) these files before timing it.
    let ok = Command::new("check-jsonschema")
        .arg("--schemafile")
        .arg(&schema)
        .args(&files[..files.len().min(20)])
        .output()
        .is_ok_and(|o| o.status.success());
    let mut cmd = Command::new("check-jsonschema");
    cmd.arg("--schemafile").arg(&schema).args(&files);
    let Run {
        wall: t, peak: mem, ..
    } = measure(&mut cmd);
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let _ = writeln!(
        out,
        "\npeer: check-jsonschema --schemafile <samictl schema>, {n} clean files, 1 run{}",
        if ok {
            ""
        } else {
            " (it did NOT pass the first 20 files)"
        }
    );
    let _ = writeln!(
        out,
        "  check-jsonschema {:>10.0} ms {:>8.1} MiB; samictl {:.0} ms: samictl {:.0}x faster   (target: at least 100x)",
        ms(t),
        mem as f64 / 1024.0,
        ms(ours),
        t.as_secs_f64() / ours.as_secs_f64()
    );
}

/// Hostile input: each must be a yaml-syntax finding within a second and under 100 MB.
fn hostile(out: &mut impl Write, samictl: &Path, root: &Path) {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let mib = |kib: i64| kib as f64 / 1024.0;
    let _ = writeln!(
        out,
        "\nhostile input (target: each within 1 s and under 100 MB)"
    );
    let hostile = root.join("hostile");
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
        let Run {
            wall: t, peak: mem, ..
        } = measure(
            Command::new(samictl)
                .args(["--no-config", "validate"])
                .arg(&file),
        );
        let _ = writeln!(out, "  {name:<28} {:>8.1} ms {:>8.1} MiB", ms(t), mib(mem));
    }
}

/// `--memory N`: one run of `validate` per format on N files, wall time and peak memory.
fn memory(n: usize) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("bench-memory-{n}"));
    let _ = std::fs::remove_dir_all(&dir);
    let bytes = generate(&dir, n, |i| i % 4 != 0);
    let mut bins = Vec::new();
    if let Some(before) = std::env::var_os("SAMICTL_BEFORE") {
        bins.push(("before", PathBuf::from(before)));
    }
    bins.push(("after", PathBuf::from(env!("CARGO_BIN_EXE_samictl"))));
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "validate {n} bot files ({:.0} MB, three in four with warnings), one run per format\n",
        bytes as f64 / 1e6
    );
    let _ = writeln!(
        out,
        "{:<8} {:<8} {:>9} {:>9}",
        "", "format", "wall ms", "peak MiB"
    );
    for (label, bin) in &bins {
        for format in ["json", "human", "sarif", "junit"] {
            let run = measure(
                Command::new(bin)
                    .args(["--no-config", "validate", "--format", format])
                    .arg(&dir),
            );
            let _ = writeln!(
                out,
                "{label:<8} {format:<8} {:>9.0} {:>9.1}",
                run.wall.as_secs_f64() * 1000.0,
                run.peak as f64 / 1024.0
            );
        }
    }
    let _ = writeln!(out, "\n(target: under 64 MiB at any number of files)");
    let _ = std::fs::remove_dir_all(&dir);
}
