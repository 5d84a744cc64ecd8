//! `samictl fix`: applies the machine-applicable fixes of docs/spec 13 in place.

use super::context::{Context, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Failure, emit, emit_with, exit};
use super::inputs;
use super::write;
use samictl::fix::{Fixed, fix_text_count, fix_text_lean};
use samictl::render::emit::Fitted;
use samictl::render::{self, FileReport, human::Palette, text::escape, unified::unified};
use std::fmt::Write as _;
use std::io::{IsTerminal, Write as _};
use std::process::ExitCode;

/// PATHs, the options, then `--config` / `--no-config`.
pub type Args = super::Reading<Options>;

const EXAMPLES: &str = "\
Safe fixes make the file do what its author evidently meant and change nothing else (a
misspelt key renamed, `owner: yes` written `true`, `locked: false` or a repeated recipient
removed). Unsafe fixes change what fires and need review (a repeated action removed, a missing
card added from SAMI's presets). Comments, blank lines, key order and quoting outside the
changed nodes are kept. A fix never leaves a finding the file didn't have; a second run
changes nothing. A file with a yaml-syntax error is reported and left alone.

Examples:
  samictl fix                         fix every bot file under the current directory
  samictl fix bots/seller.yaml        one file
  samictl fix --diff bots/            show what would change, write nothing (CI: exit 1)
  samictl fix --unsafe bots/          also apply unsafe fixes (review the result)

Exit codes: 0 no errors left, 1 errors remain (listed as `validate` lists them) or, with
--diff, a fix is available, 2 usage error or unreadable/unwritable file.";

/// The help of the PATHs (`Reading`'s, worded for this command).
const PATHS: &str = "Bot files or directories (every *.yaml / *.yml below, hidden ones skipped). \
                     Not `-`: fix writes files in place. Default: the current directory";

#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES, mut_arg("paths", |a| a.help(PATHS)))]
pub struct Options {
    /// Also apply unsafe fixes (they change what fires: review the result).
    #[arg(long = "unsafe")]
    pub unsafe_fixes: bool,

    /// Print the changes as a unified diff and write nothing; exit 1 when a fix is available.
    #[arg(long)]
    pub diff: bool,

    /// In a directory walk, follow symbolic links whose target stays inside the walked folder
    /// (by default they are skipped). A file named on the command line is always read.
    #[arg(long)]
    pub follow: bool,

    /// Print only what was changed; the findings left, and the exit code they give, are left
    /// to `samictl validate` (the pre-commit hook `samictl-fix` runs so, so the errors that
    /// `samictl-validate` lists are not listed twice).
    #[arg(long, conflicts_with = "diff")]
    pub changes_only: bool,

    #[command(flatten)]
    pub exclude: inputs::ExcludeArgs,
}

pub fn run(ctx: &Context, args: &Args) -> Result<ExitCode, Failure> {
    inputs::use_exclude(ctx, &args.opts.exclude)?;
    // `--diff` writes nothing: standard input is read as any file (the diff names it `-`).
    if !args.opts.diff && args.paths.iter().any(|p| p.as_os_str() == "-") {
        return Err(Failure::new(
            "`-`: `samictl fix` writes files in place, so it can't read standard input",
        )
        .with_hint("name the file, or use `samictl fix --diff -` to see the fixes"));
    }
    // A named expectation file is not a bot file: never "fixed" into one.
    let inputs = inputs::bot_files(&args.paths, args.opts.follow)?;
    let settings = ctx.config.settings(false);
    let palette = Palette::new(ctx.color);
    let err_palette = Palette::new(ctx.color && std::io::stderr().is_terminal());
    let mut to_stdout = |text: &str| emit(text);
    let mut to_stderr = |text: &str| say_part!("{}", ctx.fit(text));
    let done = fix_all(
        &inputs,
        args,
        &settings,
        &palette,
        &mut Sinks {
            out: &mut to_stdout,
            err: &mut to_stderr,
        },
    )?;
    if args.opts.diff {
        let mut verdict = if done.would_change == 0 {
            "nothing to fix".to_owned()
        } else {
            format!(
                "{} would be fixed in {} (run without --diff to write)",
                plural(done.fixed_count, "finding"),
                plural(done.would_change, "file")
            )
        };
        if done.unsafe_left > 0 {
            // Unsafe fixes are left out without `--unsafe`: say they exist, as validate does.
            verdict.push_str(&format!(
                "; {} more with `--unsafe` (they change what fires: review them)",
                done.unsafe_left
            ));
        }
        say!("{} {verdict}", Palette::paint(err_palette.help, "fix:"));
    } else if args.opts.changes_only {
        emit(&ctx.fit(&done.notes))?;
    } else {
        // Written as it is rendered, fitted line by line (as `validate` writes it): the report
        // of a file with half a million findings is never held whole (issue 32).
        emit_with(|out| {
            let mut out = Fitted::new(out, ctx.fit_width.map(usize::from));
            out.write_all(done.notes.as_bytes())?;
            render::emit::write_all(&render::human::Human(palette), &mut out, &done.reports)?;
            out.finish().map(drop)
        })?;
    }
    let code = if done.io_trouble {
        EXIT_USAGE
    } else if (done.tally.errors > 0 && !args.opts.changes_only)
        || (args.opts.diff && done.would_change > 0)
    {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    };
    Ok(exit(code))
}

/// Where [`fix_all`] writes as it goes (`--diff`): each file's diff to `out`, its notes to
/// `err` (the command's standard output and error).
struct Sinks<'a> {
    out: &'a mut dyn FnMut(&str) -> Result<(), Failure>,
    err: &'a mut dyn FnMut(&str),
}

/// What [`fix_all`] found over every file.
#[derive(Default)]
struct Done {
    would_change: usize,
    fixed_count: usize,
    unsafe_left: usize,
    io_trouble: bool,
    /// The findings left, over every file.
    tally: samictl::diagnostic::Tally,
    /// Without `--diff`: what was fixed, and each file's report, printed once every file is
    /// done. With `--diff`, empty: each file's diff and notes are written out as they are
    /// produced, in order, so memory does not grow with the number of files (QA N4).
    notes: String,
    reports: Vec<FileReport>,
}

/// Fixes (or, with `--diff`, diffs) every input in order.
fn fix_all(
    inputs: &[inputs::Input],
    args: &Args,
    settings: &samictl::config::Settings,
    palette: &Palette,
    sinks: &mut Sinks<'_>,
) -> Result<Done, Failure> {
    let mut done = Done::default();
    if !args.opts.diff {
        done.reports.reserve(inputs.len());
    }
    for input in inputs {
        let mut notes = String::new();
        let mut diff = String::new();
        let kept = fix_one(
            input, args, settings, palette, &mut done, &mut notes, &mut diff,
        )?;
        let (tally, report) = match kept {
            Kept::Report(report) => (report.tally(), Some(report)),
            Kept::Count(tally) => (tally, None),
        };
        done.tally.add(tally);
        if args.opts.diff {
            (sinks.out)(&diff)?;
            if !notes.is_empty() {
                (sinks.err)(&notes);
            }
        } else {
            done.notes.push_str(&notes);
            done.reports.extend(report);
        }
    }
    Ok(done)
}

/// What is kept of one file: its report, or with `--diff` the count of its findings.
enum Kept {
    Report(FileReport),
    Count(samictl::diagnostic::Tally),
}

/// Fixes one file: its notes go to `notes`, its diff (`--diff`) to `diff`; gives its report
/// (with `--diff`, only the count of the findings left).
fn fix_one(
    input: &inputs::Input,
    args: &Args,
    settings: &samictl::config::Settings,
    palette: &Palette,
    done: &mut Done,
    notes: &mut String,
    diff: &mut String,
) -> Result<Kept, Failure> {
    let bytes = match inputs::read_bot(input)? {
        inputs::BotBytes::Whole(bytes) => bytes,
        // Over the limit: a yaml-syntax finding stating its size, and nothing read.
        inputs::BotBytes::TooLarge(size) => {
            let diagnostics = samictl::validate::oversized(size).diagnostics;
            let _ = writeln!(
                notes,
                "left alone: {} is over the 1 MiB limit",
                escape(&input.display)
            );
            let mut report = FileReport::new(input.display.clone(), "", diagnostics);
            report.lines.clear();
            return Ok(Kept::Report(report));
        }
    };
    let source = match std::str::from_utf8(&bytes) {
        Ok(s) if bytes.len() <= samictl::yaml::MAX_FILE_BYTES => s,
        // Over the limit or not UTF-8: the findings say so; the file is left alone.
        _ => {
            let diagnostics = samictl::validate::findings(&bytes, settings);
            let text = String::from_utf8_lossy(&bytes);
            let _ = writeln!(
                notes,
                "left alone: {} can't be read as a bot file",
                escape(&input.display)
            );
            return Ok(Kept::Report(FileReport::new(
                input.display.clone(),
                &text,
                diagnostics,
            )));
        }
    };
    // The source's findings are not kept beside the result's, nor, with `--diff`, the
    // result's (only their count; issue 32).
    let fixed = if args.opts.diff {
        fix_text_count(source, settings, args.opts.unsafe_fixes)
    } else {
        fix_text_lean(source, settings, args.opts.unsafe_fixes)
    };
    describe(notes, &input.display, &fixed, args.opts.diff);
    done.unsafe_left += fixed.unsafe_left;
    if fixed.changed(source) {
        done.would_change += 1;
        done.fixed_count += fixed.applied.len();
        if args.opts.diff {
            diff.push_str(&unified(source, &fixed.text, &input.display, palette));
        } else if let Err(e) = write::write_back(input, &bytes, &fixed.text) {
            say!("error: {e}");
            done.io_trouble = true;
            return Ok(Kept::Report(FileReport::new(
                input.display.clone(),
                source,
                samictl::validate::check(source, settings).diagnostics,
            )));
        }
    }
    if args.opts.diff {
        // Only the findings' count is kept: no report (its lines and fixes) to build.
        return Ok(Kept::Count(fixed.tally));
    }
    // The policy fixes are carried by the findings, as every other fix.
    Ok(Kept::Report(FileReport::new(
        input.display.clone(),
        &fixed.text,
        fixed.after,
    )))
}

/// What was (or, with `--diff`, would be) fixed in one file, and what was refused.
fn describe(out: &mut String, path: &str, fixed: &Fixed, diff: bool) {
    let path = escape(path);
    if fixed.syntax_error {
        let _ = writeln!(out, "left alone: {path} is not valid YAML");
        return;
    }
    if !fixed.applied.is_empty() {
        let verb = if diff { "would fix" } else { "fixed" };
        let _ = writeln!(
            out,
            "{verb} {path}: {}",
            plural(fixed.applied.len(), "finding")
        );
        // The same fix for several findings (every missing card written at once) is listed once.
        let mut listed: Vec<(&str, usize)> = Vec::new();
        for description in &fixed.applied {
            match listed.iter_mut().find(|(d, _)| *d == description.as_str()) {
                Some((_, n)) => *n += 1,
                None => listed.push((description, 1)),
            }
        }
        for (description, n) in listed {
            let times = if n > 1 {
                format!(" ({n} findings)")
            } else {
                String::new()
            };
            let _ = writeln!(out, "  - {}{times}", escape(description));
        }
        // Fixes of findings the fixes above uncovered: not counted, they weren't in the file.
        for description in &fixed.uncovered {
            let _ = writeln!(out, "  - then: {}", escape(description));
        }
    }
    for d in &fixed.refused {
        let _ = writeln!(
            out,
            "not fixed: {path}:{}:{} [{}]: the fix would leave a finding the file doesn't have",
            d.pos.line,
            d.pos.column,
            d.rule.id()
        );
    }
    if !fixed.applied.is_empty() || !fixed.refused.is_empty() {
        out.push('\n');
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::cell::Cell;
    use std::ffi::OsStr;
    use std::path::Path;

    /// The system allocator, counting the bytes each thread holds (as `tests/it/hostile_growth`
    /// does for the library): this test binary's allocator.
    struct Counting;

    thread_local! {
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
            grew(new_size as i64 - layout.size() as i64);
            // SAFETY: as above.
            unsafe { System.realloc(ptr, layout, new_size) }
        }
    }

    #[global_allocator]
    static COUNTING: Counting = Counting;

    /// The most bytes `work` held at once on this thread.
    fn peak_live(work: impl FnOnce()) -> i64 {
        let start = LIVE.with(Cell::get);
        PEAK.with(|p| p.set(start));
        work();
        PEAK.with(Cell::get) - start
    }

    #[derive(clap::Parser)]
    struct Cli {
        #[command(flatten)]
        args: Args,
    }

    /// `fix --diff` over `n` files, each with a fix: the most bytes held at once, and the
    /// diffs and notes written, in order.
    fn diff_run(n: usize) -> (i64, usize, usize) {
        use clap::Parser;
        let dir =
            std::env::temp_dir().join(format!("samictl-fix-growth-{n}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let text = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/valid/seller-outreach.yaml"),
        )
        .unwrap()
        .replacen("owner: true", "owner: yes", 1);
        for i in 0..n {
            std::fs::write(dir.join(format!("b{i:05}.yaml")), &text).unwrap();
        }
        let cli = Cli::try_parse_from([OsStr::new("fix"), OsStr::new("--diff"), dir.as_os_str()])
            .unwrap();
        let inputs = inputs::bot_files(&cli.args.paths, false).unwrap();
        let settings = samictl::config::Settings::default();
        let palette = Palette::new(false);
        let (mut diffs, mut notes, mut last) = (0, 0, String::new());
        let mut out = |t: &str| {
            // In order: each diff names the next file.
            if let Some(name) = t.lines().next() {
                assert!(name > last.as_str(), "{name} after {last}");
                name.clone_into(&mut last);
                diffs += 1;
            }
            Ok(())
        };
        let mut err = |t: &str| notes += t.lines().filter(|l| l.starts_with("would fix")).count();
        let mut done = None;
        let peak = peak_live(|| {
            let mut sinks = Sinks {
                out: &mut out,
                err: &mut err,
            };
            done = Some(fix_all(&inputs, &cli.args, &settings, &palette, &mut sinks).unwrap());
        });
        let done = done.unwrap();
        assert_eq!(done.would_change, n);
        assert!(done.notes.is_empty() && done.reports.is_empty());
        let _ = std::fs::remove_dir_all(&dir);
        (peak, diffs, notes)
    }

    /// QA N4: `fix --diff` writes each file's diff out as it is produced: the bytes it holds
    /// at once do not grow with the number of files (it held about 11.5 KB a file).
    #[test]
    fn fix_diff_holds_no_more_for_more_files() {
        // Once first: what is set up once (lazy tables) is not counted below.
        let _ = diff_run(2);
        let (small, diffs, notes) = diff_run(60);
        assert_eq!((diffs, notes), (60, 60));
        let (big, diffs, notes) = diff_run(120);
        assert_eq!((diffs, notes), (120, 120));
        assert!(
            big - small < 60 * 64,
            "held {small} bytes at most for 60 files, {big} for 120: grows with the files"
        );
    }
}
