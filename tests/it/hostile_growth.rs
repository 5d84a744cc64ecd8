//! Cost grows linearly with the input (docs/spec 12, issue 32), checked without a clock:
//! each hostile shape is run at a size and at twice that size, and the bytes the work
//! allocates, counted per thread by the test binary's allocator, must not grow by much more
//! than twice. A quadratic path (a re-parse per item, a copy of a growing list per item, a
//! clone of the bot per edit) allocates four times as much at twice the size; a linear one
//! twice (the ratio allowed is 2.6, for fixed costs that shrink in proportion). What this
//! cannot see is a quadratic loop that allocates nothing (a `contains` over a list): those are
//! looked for with the benchmark (`cargo bench --bench hostile`) and a profiler.

use samictl::config::{Settings, parse_config};
use samictl::render::FileReport;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// The system allocator, counting the bytes each thread allocates.
struct Counting;

thread_local! {
    static ALLOCATED: Cell<u64> = const { Cell::new(0) };
    /// Bytes allocated and not freed on this thread (may go below zero: a thread can free
    /// what another allocated), and the most since [`peak_live`] last reset it.
    static LIVE: Cell<i64> = const { Cell::new(0) };
    static PEAK: Cell<i64> = const { Cell::new(0) };
}

fn grew(by: i64) {
    let _ = LIVE.try_with(|l| {
        l.set(l.get() + by);
        let _ = PEAK.try_with(|p| p.set(p.get().max(l.get())));
    });
}

// SAFETY: every call is passed on to the system allocator unchanged.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATED.try_with(|a| a.set(a.get() + layout.size() as u64));
        grew(layout.size() as i64);
        // SAFETY: the caller's contract is System's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        grew(-(layout.size() as i64));
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = ALLOCATED.try_with(|a| a.set(a.get() + new_size as u64));
        grew(new_size as i64 - layout.size() as i64);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// Bytes allocated on this thread while `work` runs.
fn allocated(work: impl FnOnce()) -> u64 {
    let before = ALLOCATED.with(Cell::get);
    work();
    ALLOCATED.with(Cell::get) - before
}

/// The most bytes `work` held at once on this thread (allocated and not yet freed).
fn peak_live(work: impl FnOnce()) -> u64 {
    let start = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(start));
    work();
    u64::try_from(PEAK.with(Cell::get) - start).unwrap_or(0)
}

/// Runs `work` on inputs of size `n` and `2n` and checks the growth.
fn grows_linearly(what: &str, n: usize, work: impl Fn(usize)) {
    let small = allocated(|| work(n));
    let big = allocated(|| work(2 * n));
    let ratio = big as f64 / small.max(1) as f64;
    assert!(
        ratio < 2.6,
        "{what}: {small} bytes at {n}, {big} at {} (x{ratio:.2}): not linear",
        2 * n
    );
}

const HEAD: &str = "version: 1\nbot: {name: x, direction: outbound}\n";

#[test]
fn one_long_flow_list_of_emails() {
    grows_linearly("emails: [a,a,...]", 4_000, |n| {
        let text = format!(
            "{HEAD}outcomes:\n  missed-transfer:\n    notify:\n      emails: [{}]\n",
            vec!["a"; n].join(",")
        );
        let checked = samictl::validate::check(&text, &Settings::default());
        let report = FileReport::new("b.yaml".into(), &text, checked.diagnostics);
        let _ = samictl::render::sarif::validate_report(std::slice::from_ref(&report));
        let _ = samictl::render::json::validate_report(std::slice::from_ref(&report));
    });
}

#[test]
fn many_flow_tag_actions_in_sarif() {
    grows_linearly("tag actions", 2_000, |n| {
        let mut text = format!("{HEAD}outcomes:\n  opt-out:\n    actions:\n");
        for _ in 0..n {
            text.push_str("      - {type: tag, name: t}\n");
        }
        let checked = samictl::validate::check(&text, &Settings::default());
        let report = FileReport::new("b.yaml".into(), &text, checked.diagnostics);
        let _ = samictl::render::sarif::validate_report(std::slice::from_ref(&report));
    });
}

#[test]
fn many_misspelt_keys_in_fix() {
    grows_linearly("misspelt keys", 500, |n| {
        let mut text = format!("{HEAD}outcomes:\n  missed-transfer:\n");
        for i in 0..n {
            text.push_str(&format!("    notfy{i}: 1\n"));
        }
        let _ = samictl::fix::fix_text(&text, &Settings::default(), false);
    });
}

#[test]
fn a_policy_requiring_many_tags() {
    grows_linearly("require_tags", 200, |n| {
        let tags: Vec<String> = (0..n).map(|i| format!("\"t{i}\"")).collect();
        let toml = format!(
            "[policy.outcomes.opt-out]\nrequire_tags = [{}]\n",
            tags.join(", ")
        );
        let settings = parse_config(&toml).expect("policy parses").settings(false);
        let text = format!("{HEAD}outcomes:\n  opt-out: {{}}\n");
        let checked = samictl::validate::check(&text, &settings);
        let _ = samictl::fix::fixes(&text, &checked.diagnostics);
    });
}

/// The same email list as `validate` writes it: a file's part of the streamed report in every
/// format (a part used to be built as values, then a string, then copied twice more), and
/// through `fix` (what `fix --diff` runs).
#[test]
fn one_long_flow_list_of_emails_in_every_streamed_format() {
    use samictl::render::human::Palette;
    use samictl::render::stream::{Format, Stream};
    for format in [
        Format::Human(Palette::new(false)),
        Format::Json,
        Format::Sarif,
        Format::Github,
        Format::Junit,
    ] {
        let stream = Stream::new(format);
        grows_linearly("emails: [a,a,...], streamed", 4_000, |n| {
            let text = format!(
                "{HEAD}outcomes:\n  missed-transfer:\n    notify:\n      emails: [{}]\n",
                vec!["a"; n].join(",")
            );
            let (diagnostics, fixes) =
                samictl::validate::findings_and_fixes(text.as_bytes(), &Settings::default());
            let report = FileReport::with_fixes("b.yaml".into(), &text, diagnostics, fixes);
            let _ = stream.piece(&report);
        });
    }
    grows_linearly("emails: [a,a,...], fix", 4_000, |n| {
        let text = format!(
            "{HEAD}outcomes:\n  missed-transfer:\n    notify:\n      emails: [{}]\n",
            vec!["a@x.com"; n].join(",")
        );
        let _ = samictl::fix::fix_text(&text, &Settings::default(), true);
    });
}

/// A writer that counts what it is given and keeps nothing.
#[derive(Default)]
struct Counted(u64);

impl std::io::Write for Counted {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0 += bytes.len() as u64;
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Written by the emitters straight to the output (as `validate`, `show`, `simulate` and
/// `diff` write a file with many findings): at twice the findings, twice the output and
/// twice the allocation at most, and the writing itself allocates a small part of what it
/// writes (no whole report is ever built: issue 32).
#[test]
fn one_long_flow_list_of_emails_written_finding_by_finding() {
    use samictl::render::emit::{Emit, write_all};
    use samictl::render::{github::Github, human, json::Json, junit::Junit, sarif::Sarif};
    let emitters: [(&str, &dyn Emit); 5] = [
        ("human", &human::Human(human::Palette::new(false))),
        ("json", &Json),
        ("sarif", &Sarif),
        ("github", &Github),
        ("junit", &Junit),
    ];
    let report = |n: usize| {
        let text = format!(
            "{HEAD}outcomes:\n  missed-transfer:\n    notify:\n      emails: [{}]\n",
            vec!["a"; n].join(",")
        );
        let (diagnostics, fixes) =
            samictl::validate::findings_and_fixes(text.as_bytes(), &Settings::default());
        FileReport::with_fixes("b.yaml".into(), &text, diagnostics, fixes)
    };
    let (small, big) = (report(8_000), report(16_000));
    for (name, emit) in emitters {
        let mut sizes = [0u64; 2];
        let mut spent = [0u64; 2];
        let mut held = 0;
        for (i, r) in [&small, &big].into_iter().enumerate() {
            let mut out = Counted::default();
            spent[i] = allocated(|| {
                held = peak_live(|| write_all(emit, &mut out, std::slice::from_ref(r)).unwrap());
            });
            sizes[i] = out.0;
        }
        let ratio = sizes[1] as f64 / sizes[0] as f64;
        assert!(
            ratio < 2.1,
            "{name}: output {sizes:?} (x{ratio:.2}): not linear"
        );
        let ratio = spent[1] as f64 / spent[0].max(1) as f64;
        assert!(
            ratio < 2.6,
            "{name}: allocated {spent:?} (x{ratio:.2}): not linear"
        );
        // Streamed: the writing holds scratch space per finding, never the report.
        assert!(
            held < sizes[1] / 8,
            "{name}: {held} bytes held at once to write {} bytes: the report was built whole",
            sizes[1]
        );
    }
}

/// Flow tag actions (each a `duplicate-action` with its fix) in the streamed SARIF part.
#[test]
fn many_flow_tag_actions_in_streamed_sarif() {
    let stream = samictl::render::stream::Stream::new(samictl::render::stream::Format::Sarif);
    grows_linearly("tag actions, streamed SARIF", 2_000, |n| {
        let mut text = format!("{HEAD}outcomes:\n  opt-out:\n    actions:\n");
        for _ in 0..n {
            text.push_str("      - {type: tag, name: t}\n");
        }
        let (diagnostics, fixes) =
            samictl::validate::findings_and_fixes(text.as_bytes(), &Settings::default());
        let report = FileReport::with_fixes("b.yaml".into(), &text, diagnostics, fixes);
        let piece = stream.piece(&report);
        assert!(piece.text.contains("duplicate-action"));
    });
}

/// Read and checked alone, across the size where the fast path used to give up on a long flow
/// list (200,000 nodes) and leave it to serde-saphyr, read twice (without positions, then with
/// them): issue 32's 1 MiB `emails: [a,a,...]` and `phones: [...]` hold 524,000 items.
#[test]
fn one_long_flow_list_read_and_checked_past_the_fast_paths_old_limit() {
    for key in ["emails", "phones"] {
        grows_linearly(&format!("{key}: [a,a,...], findings"), 150_000, |n| {
            let text = format!(
                "{HEAD}outcomes:\n  missed-transfer:\n    notify:\n      {key}: [{}]\n",
                vec!["a"; n].join(",")
            );
            let findings = samictl::validate::findings(text.as_bytes(), &Settings::default());
            assert!(findings.len() > n);
        });
    }
}
