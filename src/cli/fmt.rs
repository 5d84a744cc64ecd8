//! `samictl fmt`: rewrites bot files in the canonical layout of docs/spec 18.

use super::context::{Context, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Failure, exit};
use super::inputs::{self, Input};

use super::write;
use anyhow::Context as _;
use samictl::fmt::{FormatError, format_text};
use samictl::render::{self, FileReport, human::Palette, text::escape, unified::unified};
use samictl::rules::Rule;
use std::fmt::Write as _;
use std::io::{IsTerminal, Write as _};
use std::process::ExitCode;

/// PATHs, the options, then `--config` / `--no-config`.
pub type Args = super::Reading<Options>;

const EXAMPLES: &str = "\
One layout for every bot file, so a diff shows behaviour, not style: sections in the order
version, bot, outcomes, messaging; cards in the canonical outcome order; keys in the order of
the format's tables; two-space indentation, block style, one blank line between sections and
between cards; strings plain where that reads back the same, else double-quoted. Comments move
with the key or item they precede; CRLF line ends and a byte-order mark are kept. What the
bot does is unchanged. A file with a yaml-syntax error (or with anchors, aliases or tags) is
reported and left alone; other findings don't stop formatting (`samictl validate` reports
them).

Examples:
  samictl fmt                         format every bot file under the current directory
  samictl fmt bots/seller.yaml        one file, in place
  samictl fmt --check bots/           CI: list the files that would change (exit 1 if any)
  samictl fmt --diff bots/            show the changes as a unified diff, write nothing
  samictl fmt - < bot.yaml            standard input to standard output

Exit codes: 0 every file formatted (or, with --check/--diff, already formatted), 1 a file
would change (--check/--diff) or was refused, 2 usage error or unreadable/unwritable file.";

/// The help of the PATHs (`Reading`'s, worded for this command).
const PATHS: &str = "Bot files or directories (every *.yaml / *.yml below, hidden ones skipped), \
                     or `-` for standard input, written formatted to standard output. Default: \
                     the current directory";

#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES, mut_arg("paths", |a| a.help(PATHS)))]
pub struct Options {
    /// Write nothing; list the files that are not formatted and exit 1 if there is any.
    #[arg(long, conflicts_with = "diff")]
    pub check: bool,

    /// Print the changes as a unified diff and write nothing; exit 1 if a file would change.
    #[arg(long)]
    pub diff: bool,

    #[command(flatten)]
    pub walk: super::WalkArgs,
}

/// What happened to one file.
enum Outcome {
    Unchanged,
    Changed,
    Refused,
}

pub fn run(ctx: &Context, args: &Args) -> Result<ExitCode, Failure> {
    inputs::use_exclude(ctx, &args.opts.walk.exclude)?;
    let stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
    if stdin && args.paths.len() > 1 {
        return Err(Failure::new(
            "`-` reads standard input and writes standard output: give it alone",
        ));
    }
    let inputs = inputs::bot_files(&args.paths, args.opts.walk.follow)?;
    let palette = Palette::new(ctx.color);
    let err_palette = Palette::new(ctx.color && std::io::stderr().is_terminal());
    let settings = ctx.config.settings(false);
    let mut refusals = Vec::new();
    let (mut changed, mut unchanged, mut left_alone) = (0usize, 0usize, 0usize);
    let mut io_trouble = false;
    // Files are formatted (and written) on every core; what is printed keeps their order and
    // is written out as soon as every earlier file's is, so memory holds a window of files'
    // diffs, not every one (issue 32). A closed pipe is not an error; after any other error
    // writing, nothing more is written, every file is still formatted, and the error ends the
    // run as it would have at the end.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut written: std::io::Result<()> = Ok(());
    let _ = super::parallel::for_each_in_order(
        &inputs,
        WINDOW,
        |input| {
            let mut text = String::new();
            let result = one(input, args, stdin, &palette, &mut text, &settings);
            (result, text)
        },
        |(result, text)| -> Result<(), std::convert::Infallible> {
            if written.is_ok() {
                written = out.write_all(text.as_bytes());
            }
            match result {
                Ok(Outcome::Changed) => changed += 1,
                Ok(Outcome::Unchanged) => unchanged += 1,
                Ok(Outcome::Refused) => left_alone += 1,
                Err(Refusal::Io(e)) => {
                    say!("error: {e}");
                    io_trouble = true;
                }
                Err(Refusal::Report(report)) => refusals.push(report),
            }
            Ok(())
        },
    );
    match written.and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        written => written.context("cannot write output")?,
    }
    drop(out);
    let refused = refusals.len() + left_alone;
    if !refusals.is_empty() {
        say_part!(
            "{}",
            render::human::validate_report(&refusals, &err_palette)
        );
    }
    if !stdin {
        say!(
            "{} {}",
            Palette::paint(err_palette.help, "fmt:"),
            summary(
                changed,
                unchanged,
                refused,
                args.opts.check || args.opts.diff
            )
        );
    }
    let code = if io_trouble {
        EXIT_USAGE
    } else if refused > 0 || ((args.opts.check || args.opts.diff) && changed > 0) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    };
    Ok(exit(code))
}

enum Refusal {
    Io(Failure),
    Report(FileReport),
}

/// Formats one file: written in place, listed (`--check`), diffed (`--diff`) or, for standard
/// input, printed.
fn one(
    input: &Input,
    args: &Args,
    stdin: bool,
    palette: &Palette,
    out: &mut String,
    settings: &samictl::config::Settings,
) -> Result<Outcome, Refusal> {
    let bytes = match inputs::read_bot(input).map_err(Refusal::Io)? {
        inputs::BotBytes::Whole(bytes) => bytes,
        inputs::BotBytes::TooLarge(size) => {
            let diagnostics = samictl::validate::oversized(size).diagnostics;
            let mut report = FileReport::new(input.display.clone(), "", diagnostics);
            report.lines.clear();
            return Err(Refusal::Report(report));
        }
    };
    let syntax_report = |bytes: &[u8]| {
        let diagnostics: Vec<_> = samictl::validate::findings(bytes, settings)
            .into_iter()
            .filter(|d| d.rule == Rule::YamlSyntax)
            .collect();
        FileReport::new(
            input.display.clone(),
            &String::from_utf8_lossy(bytes),
            diagnostics,
        )
    };
    let Ok(source) = std::str::from_utf8(&bytes) else {
        return Err(Refusal::Report(syntax_report(&bytes)));
    };
    let formatted = match format_text(source) {
        Ok(text) => text,
        Err(FormatError::Syntax(_)) => return Err(Refusal::Report(syntax_report(&bytes))),
        Err(e @ FormatError::Unsupported { .. }) => {
            let pos = e.pos();
            say!(
                "error: {}:{}:{}: left alone: {}",
                escape(&input.display),
                pos.line,
                pos.column,
                escape(&e.to_string())
            );
            if stdin && !args.opts.check && !args.opts.diff {
                // Standard input is still written out, unchanged, so a pipe loses nothing.
                out.push_str(source);
            }
            return Ok(Outcome::Refused);
        }
    };
    let changed = formatted != source;
    if stdin && !args.opts.check && !args.opts.diff {
        out.push_str(&formatted);
    } else if changed {
        if args.opts.check {
            let _ = writeln!(out, "{}", escape(&input.display));
        } else if args.opts.diff {
            out.push_str(&unified(source, &formatted, &input.display, palette));
        } else {
            write::write_back(input, &bytes, &formatted).map_err(Refusal::Io)?;
        }
    }
    Ok(if changed {
        Outcome::Changed
    } else {
        Outcome::Unchanged
    })
}

/// How many files may be formatted ahead of the one being written out.
const WINDOW: usize = 64;

fn summary(changed: usize, unchanged: usize, refused: usize, dry: bool) -> String {
    let files = |n: usize| {
        if n == 1 {
            "1 file".to_owned()
        } else {
            format!("{n} files")
        }
    };
    let mut parts = Vec::new();
    if changed > 0 || (unchanged == 0 && refused == 0) {
        let verb = if dry {
            "would be reformatted"
        } else {
            "reformatted"
        };
        parts.push(format!("{} {verb}", files(changed)));
    }
    if unchanged > 0 {
        parts.push(format!("{} already formatted", files(unchanged)));
    }
    if refused > 0 {
        parts.push(format!("{} left alone (see above)", files(refused)));
    }
    parts.join(", ")
}
