//! `samictl fix`: applies the machine-applicable fixes of docs/spec 13 in place.

use super::context::{Context, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Failure, emit, exit};
use super::inputs;
use super::write;
use samictl::fix::{Fixed, fix_text};
use samictl::render::{self, FileReport, human::Palette, text::escape, unified::unified};
use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

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

#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Bot files or directories (every *.yaml / *.yml below, hidden ones skipped). Not `-`:
    /// fix writes files in place. Default: the current directory.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

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

    #[command(flatten)]
    pub config: super::ConfigArgs,
}

pub fn run(ctx: &Context, args: &Args) -> Result<ExitCode, Failure> {
    inputs::use_exclude(ctx, &args.exclude)?;
    if args.paths.iter().any(|p| p.as_os_str() == "-") {
        return Err(Failure::new(
            "`-`: `samictl fix` writes files in place, so it can't read standard input",
        )
        .with_hint("name the file, or use `samictl fix --diff FILE` to see the fixes"));
    }
    // A named expectation file is not a bot file: never "fixed" into one.
    let inputs = inputs::bot_files(&args.paths, args.follow)?;
    let settings = ctx.config.settings(false);
    let palette = Palette::new(ctx.color);
    let err_palette = Palette::new(ctx.color && std::io::stderr().is_terminal());
    let mut reports = Vec::with_capacity(inputs.len());
    let mut diffs = String::new();
    let mut notes = String::new();
    let mut would_change = 0usize;
    let mut fixed_count = 0usize;
    let mut unsafe_left = 0usize;
    let mut io_trouble = false;
    for input in &inputs {
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
                reports.push(report);
                continue;
            }
        };
        let source = match std::str::from_utf8(&bytes) {
            Ok(s) if bytes.len() <= samictl::yaml::MAX_FILE_BYTES => s,
            // Over the limit or not UTF-8: the findings say so; the file is left alone.
            _ => {
                let diagnostics = samictl::validate::findings(&bytes, &settings);
                let text = String::from_utf8_lossy(&bytes);
                let _ = writeln!(
                    notes,
                    "left alone: {} can't be read as a bot file",
                    escape(&input.display)
                );
                reports.push(FileReport::new(input.display.clone(), &text, diagnostics));
                continue;
            }
        };
        let fixed = fix_text(source, &settings, args.unsafe_fixes);
        describe(&mut notes, &input.display, &fixed, args.diff);
        unsafe_left += fixed.unsafe_left;
        if fixed.changed(source) {
            would_change += 1;
            fixed_count += fixed.applied.len();
            if args.diff {
                diffs.push_str(&unified(source, &fixed.text, &input.display, &palette));
            } else if let Err(e) = write::write_back(input, &bytes, &fixed.text) {
                say!("error: {e}");
                io_trouble = true;
                reports.push(FileReport::new(
                    input.display.clone(),
                    source,
                    fixed.before.clone(),
                ));
                continue;
            }
        }
        reports.push(FileReport::checked(
            input.display.clone(),
            &fixed.text,
            fixed.after,
            &settings,
        ));
    }
    let tally = render::total(&reports);
    if args.diff {
        emit(&diffs)?;
        let mut verdict = if would_change == 0 {
            "nothing to fix".to_owned()
        } else {
            format!(
                "{} would be fixed in {} (run without --diff to write)",
                plural(fixed_count, "finding"),
                plural(would_change, "file")
            )
        };
        if unsafe_left > 0 {
            // Unsafe fixes are left out without `--unsafe`: say they exist, as validate does.
            verdict.push_str(&format!(
                "; {unsafe_left} more with `--unsafe` (they change what fires: review them)"
            ));
        }
        say_part!("{}", ctx.fit(&notes));
        say!("{} {verdict}", Palette::paint(err_palette.help, "fix:"));
    } else if args.changes_only {
        emit(&ctx.fit(&notes))?;
    } else {
        let mut out = notes;
        out.push_str(&render::human::validate_report(&reports, &palette));
        emit(&ctx.fit(&out))?;
    }
    let code = if io_trouble {
        EXIT_USAGE
    } else if (tally.errors > 0 && !args.changes_only) || (args.diff && would_change > 0) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    };
    Ok(exit(code))
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
