//! `samictl validate`: check bot files and report every finding.

use super::context::{Context, EXIT_FINDINGS, EXIT_OK, Failure, emit, exit};
use super::{inputs, parallel};
use clap::ValueEnum;
use samictl::render::{self, FileReport, human::Palette};
use samictl::validate::findings_and_fixes;
use std::path::PathBuf;
use std::process::ExitCode;

const EXAMPLES: &str = "\
Examples:
  samictl validate                          every bot file under the current directory
  samictl validate bots/seller.yaml         one file
  samictl validate bots/ --deny-warnings    fail on warnings too (CI)
  samictl validate --format json bots/      machine-readable report
  samictl validate --format github bots/    annotations in a GitHub Actions job
  samictl validate --format sarif bots/ > samictl.sarif
  samictl validate --format junit bots/ > samictl-junit.xml
  cat bot.yaml | samictl validate -         standard input
  samictl validate --follow bots/           also follow links that stay inside bots/";

#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Bot files, directories (every *.yaml / *.yml below, hidden ones skipped), or `-` for
    /// standard input. Default: the current directory.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Treat warnings as errors (exit 1 when any warning is reported).
    #[arg(long)]
    pub deny_warnings: bool,

    /// Follow symbolic links met in a directory walk, but never to anything outside the
    /// walked folder (by default they are skipped). A file named on the command line is always
    /// read, link or not.
    #[arg(long)]
    pub follow: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// rustc-style diagnostics with source excerpts
    Human,
    /// one JSON object (format_version 1)
    Json,
    /// SARIF 2.1.0, for code scanning
    Sarif,
    /// GitHub Actions annotations
    Github,
    /// JUnit XML, for GitLab and Jenkins
    Junit,
}

pub fn run(ctx: &Context, args: &Args) -> Result<ExitCode, Failure> {
    let inputs = inputs::bot_files(&args.paths, args.follow)?;
    let settings = ctx.config.settings(args.deny_warnings);
    // Every file is read, checked and dropped on a worker; only its findings (and the source
    // lines they point at) are kept, so memory does not grow with the number of files.
    let results = parallel::map(&inputs, |input| -> Result<FileReport, Failure> {
        let bytes = match inputs::read_bot(input)? {
            inputs::BotBytes::Whole(bytes) => bytes,
            inputs::BotBytes::TooLarge(size) => {
                // Nothing was read: no source line to show.
                let diagnostics = samictl::validate::oversized(size).diagnostics;
                let mut report = FileReport::new(input.display.clone(), "", diagnostics);
                report.lines.clear();
                return Ok(report);
            }
        };
        let (diagnostics, fixes) = findings_and_fixes(&bytes, &settings);
        // Source lines are kept only for findings to point at. A file with findings is nearly
        // always UTF-8 (it was read); checking that is cheaper than a lossy decode.
        let source = if diagnostics.is_empty() {
            std::borrow::Cow::Borrowed("")
        } else {
            std::str::from_utf8(&bytes).map_or_else(
                |_| String::from_utf8_lossy(&bytes),
                std::borrow::Cow::Borrowed,
            )
        };
        Ok(FileReport::with_fixes(
            input.display.clone(),
            &source,
            diagnostics,
            fixes,
        ))
    });
    let reports = results.into_iter().collect::<Result<Vec<_>, _>>()?;
    let text = match args.format {
        Format::Human => render::human::validate_report(&reports, &Palette::new(ctx.color)),
        Format::Json => render::json::validate_report(&reports),
        Format::Sarif => render::sarif::validate_report(&reports),
        Format::Github => render::github::validate_report(&reports),
        Format::Junit => render::junit::validate_report(&reports),
    };
    emit(&text)?;
    let failed = render::total(&reports).errors > 0;
    Ok(exit(if failed { EXIT_FINDINGS } else { EXIT_OK }))
}
