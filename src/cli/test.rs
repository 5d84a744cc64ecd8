//! `samictl test`: run expectation files (`*.test.yaml`) against their bots.

use super::context::{Context, EXIT_FINDINGS, EXIT_OK, Failure, emit, exit};
use super::inputs::{self, Kind};
use clap::ValueEnum;
use samictl::behaviour::{self, Problem};
use samictl::render::behaviour::{FileResults, counts, human, json, junit};
use samictl::render::human::Palette;
use samictl::validate::check_bytes;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const EXAMPLES: &str = "\
Examples:
  samictl simulate bots/seller.yaml --record > seller.test.yaml   pin today's behaviour
  samictl test                              every *.test.yaml under the current directory
  samictl test tests/bots/ --format junit > behaviour-junit.xml

An expectation file:
  bot: ../bots/seller.yaml          # relative to this file
  cases:
    - outcome: opt-out
      fires: [do-not-contact-all-channels, cancel-enrollment, tag]
    - outcome: missed-transfer
      direction: inbound            # optional: overrides the bot's direction
      fires: [task, notify-owner, notify-phone]";

#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Expectation files, or directories searched for *.test.yaml (default: the current
    /// directory).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// a line per case; failures side by side
    Human,
    /// {"cases": [...], "passed": N, "failed": M, "errors": [...]}
    Json,
    /// JUnit XML: a testcase per case
    Junit,
}

pub fn run(ctx: &Context, args: &Args) -> Result<ExitCode, Failure> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let mut files = Vec::new();
    for input in inputs::collect_kind(&paths, Kind::Expectations)? {
        let bytes = inputs::read(&input)?;
        let display = input
            .display
            .strip_prefix("./")
            .unwrap_or(&input.display)
            .to_owned();
        let text = String::from_utf8_lossy(&bytes);
        let dir = input
            .path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .unwrap_or_default();
        files.push(FileResults {
            path: display,
            results: run_file(ctx, &text, &dir),
        });
    }
    let text = match args.format {
        Format::Human => human(&files, &Palette::new(ctx.color)),
        Format::Json => json(&files),
        Format::Junit => junit(&files),
    };
    emit(&text)?;
    let (_, failed, broken) = counts(&files);
    Ok(exit(if failed + broken > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }))
}

fn run_file(
    ctx: &Context,
    text: &str,
    dir: &Path,
) -> Result<Vec<behaviour::CaseResult>, Vec<Problem>> {
    let expectations = behaviour::parse(text)?;
    let bot_path = dir.join(&expectations.bot);
    let at = |message: String| {
        vec![Problem {
            pos: expectations.bot_pos,
            message,
        }]
    };
    let bytes = std::fs::read(&bot_path).map_err(|e| {
        at(format!(
            "cannot read bot file `{}`: {e}",
            bot_path.display()
        ))
    })?;
    let checked = check_bytes(&bytes, &ctx.config.settings(false));
    let Some(bot) = checked.bot else {
        let errors = checked.tally().errors;
        return Err(at(format!(
            "bot file `{}` has {errors} error(s): run `samictl validate {}`",
            bot_path.display(),
            bot_path.display()
        )));
    };
    Ok(expectations
        .cases
        .iter()
        .map(|c| behaviour::run_case(&bot, c))
        .collect())
}
