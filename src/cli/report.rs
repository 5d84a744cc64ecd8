//! `samictl report`: every bot under the PATHs as one self-contained HTML page (docs/spec 19).

use super::context::{Context, Failure, emit, emit_with};
use super::{inputs, parallel, write};
use samictl::render::html::report::{PolicySource, ReportFile, report_to};
use samictl::render::text::escape;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// PATHs, the options, then `--config` / `--no-config`.
pub type Args = super::Reading<Options>;

const EXAMPLES: &str = "\
Examples:
  samictl report bots/ -o report.html        every bot under bots/ as one page
  samictl report bots/a.yaml bots/b.yaml -o report.html
  samictl report bots/ > report.html         the page on standard output
  samictl diff --git origin/main --format html > changes.html    a change as a page

The page is self-contained (no network request; it opens from disk): a summary, the fleet
matrix with its legend, each bot's call and messaging cards (collapsed, with Expand all) and
findings, and the explanation of every rule found. It is written whole through a temporary
file and a rename; a FIFO, device or folder at FILE is refused, and so is a bot file read.
Without -o (or with -o -) the page goes to standard output, which must not be a terminal.

Exit codes: 0 no file has errors; 1 a file has errors (the page is written all the same, with
the file's findings); 2 usage error or unreadable input (nothing written).";

/// The help of the PATHs (`Reading`'s, worded for this command).
const PATHS: &str = "Bot files or directories (default: the current directory), walked as \
                     `validate` walks";

#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES, mut_arg("paths", |a| a.help(PATHS)))]
pub struct Options {
    /// Write the page to FILE (`-`: standard output, the default when it is not a terminal).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Count warnings as errors (the exit code; the page shows each at its severity).
    #[arg(long)]
    pub deny_warnings: bool,

    #[command(flatten)]
    pub walk: super::WalkArgs,
}

/// Refuses to print a page to a terminal (checked before any work): `-o FILE`, or a redirect.
pub fn check_destination(output: Option<&Path>) -> Result<(), Failure> {
    // `-o -` is standard output too.
    let to_stdout = output.is_none_or(|p| p == Path::new("-"));
    if to_stdout && std::io::stdout().is_terminal() {
        return Err(Failure::new("an HTML page is not printed to a terminal")
            .with_hint("give -o page.html, or redirect standard output to a file"));
    }
    Ok(())
}

/// Refuses an output file that is one of the inputs (the same file, by any name or link): the
/// page would replace the bot file it shows.
pub fn not_an_input<'p>(
    output: &Path,
    inputs: impl IntoIterator<Item = &'p Path>,
) -> Result<(), Failure> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let id = |p: &Path| std::fs::metadata(p).ok().map(|m| (m.dev(), m.ino()));
        let Some(out) = id(output) else {
            return Ok(());
        };
        if inputs.into_iter().any(|p| id(p) == Some(out)) {
            return Err(Failure::new(format!(
                "`{}` is one of the bot files read: the page would replace it; nothing was written",
                escape(&output.display().to_string())
            ))
            .with_hint("give -o a new file, such as report.html"));
        }
    }
    #[cfg(not(unix))]
    let _ = (output, inputs);
    Ok(())
}

/// Writes a page to FILE through the safe writer (a temporary file renamed over it; a FIFO,
/// device, folder or dangling link refused), or to standard output for none or `-`. True when
/// written to a file.
pub fn deliver(page: &str, output: Option<&Path>) -> Result<bool, Failure> {
    match output.filter(|p| *p != Path::new("-")) {
        Some(path) => {
            write::write_output(path, page).map_err(|e| e.into_failure(path))?;
            Ok(true)
        }
        None => {
            emit(page)?;
            Ok(false)
        }
    }
}

/// [`deliver`] with the page written by `fill` as it is produced.
fn deliver_with(fill: write::Fill<'_>, output: Option<&Path>) -> Result<bool, Failure> {
    match output.filter(|p| *p != Path::new("-")) {
        Some(path) => {
            write::write_output_with(path, fill).map_err(|e| e.into_failure(path))?;
            Ok(true)
        }
        None => {
            emit_with(fill)?;
            Ok(false)
        }
    }
}

pub fn run(ctx: &Context, args: &Args) -> Result<ExitCode, Failure> {
    inputs::use_exclude(ctx, &args.opts.walk.exclude)?;
    check_destination(args.opts.output.as_deref())?;
    let found = inputs::bot_files(&args.paths, args.opts.walk.follow)?;
    if let Some(output) = args.opts.output.as_deref() {
        not_an_input(output, found.iter().filter_map(|i| i.path.as_deref()))?;
    }
    let files = checked_files(ctx, &found, args.opts.deny_warnings)?;
    let config = ctx.config_path.as_ref().map(|p| p.display().to_string());
    let policy = PolicySource {
        config: config.as_deref(),
        policy: &ctx.config.policy,
    };
    // Written out as it is rendered: the page of a file with half a million findings is
    // 147 MB, never held whole (issue 32).
    let written = deliver_with(
        &mut |w| report_to(w, &files, policy),
        args.opts.output.as_deref(),
    )?;
    if let Some(path) = args.opts.output.as_ref().filter(|_| written) {
        say!(
            "wrote {}: {} bot file{}",
            escape(&path.display().to_string()),
            files.len(),
            if files.len() == 1 { "" } else { "s" }
        );
    }
    let failing = files
        .iter()
        .filter(|f| f.diagnostics.iter().any(|d| d.is_error()))
        .count();
    Ok(inputs::end_of_files(
        failing,
        "; the page lists their findings",
    ))
}

/// Reads and checks every input on all cores, in the order given (sorted by path).
fn checked_files(
    ctx: &Context,
    found: &[inputs::Input],
    deny_warnings: bool,
) -> Result<Vec<ReportFile>, Failure> {
    let settings = ctx.config.settings(deny_warnings);
    let files = parallel::map(found, |input| -> Result<ReportFile, Failure> {
        let (checked, row) = super::show::check_row(input, &settings)?;
        Ok(ReportFile {
            row,
            bot: checked.bot,
            diagnostics: checked.diagnostics,
        })
    });
    files.into_iter().collect()
}
