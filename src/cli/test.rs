//! `samictl test`: run expectation files (`*.test.yaml`) against their bots.

use super::context::{Context, EXIT_FINDINGS, EXIT_OK, Failure, emit, exit};
use super::inputs::{self, Kind};
use clap::ValueEnum;
use samictl::behaviour::{self, Problem};
use samictl::product::{Channel, example};
use samictl::render::behaviour::{FileResults, counts, human, json, junit};
use samictl::render::human::Palette;
use samictl::validate::check_bytes;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// PATHs, the options, then `--config` / `--no-config`.
pub type Args = super::Reading<Options>;

/// The help's examples; the outcomes named are the table's (where opt-outs land on each channel,
/// a card a team wants to hear about).
fn examples() -> String {
    let opt_out = example::opt_out(Channel::Call);
    let sms_opt_out = example::opt_out(Channel::Sms);
    let wanted = example::follow_up();
    format!(
        "\
Examples:
  samictl simulate bots/seller.yaml --record > seller.test.yaml   pin today's behaviour
  samictl test                              every *.test.yaml under the current directory
  samictl test tests/bots/ --format junit > behaviour-junit.xml

An expectation file:
  bot: ../bots/seller.yaml          # relative to this file
  cases:
    - outcome: {opt_out}
      fires: [do-not-contact-all-channels, cancel-enrollment, tag]
    - outcome: {wanted}
      direction: inbound            # optional: overrides the bot's direction
      fires: [task, notify-owner, notify-phone]
    - outcome: {sms_opt_out}
      channel: sms                  # optional: the messaging (SMS) card
      fires: [stop-outreach, do-not-contact-on-opt-out, apply-outcome-tag, system-note]"
    )
}

/// The help of the PATHs (`Reading`'s, worded for this command).
const PATHS: &str = "Expectation files, or directories searched for *.test.yaml (default: the \
                     current directory)";

#[derive(Debug, clap::Args)]
#[command(after_help = examples(), mut_arg("paths", |a| a.help(PATHS)))]
pub struct Options {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Follow symbolic links met in a directory walk, never outside the walked folder (by
    /// default they are skipped).
    #[arg(long)]
    pub follow: bool,
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
    let walk = inputs::Walk {
        follow: args.opts.follow,
    };
    for input in inputs::collect_walk(&paths, Kind::Expectations, walk)? {
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
    let text = match args.opts.format {
        Format::Human => human(&files, &Palette::new(ctx.color)),
        Format::Json => json(&files),
        Format::Junit => junit(&files),
    };
    let text = if matches!(args.opts.format, Format::Human) {
        ctx.fit(&text)
    } else {
        text
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
    // The bot named by an expectation file goes through the one reader: capped, regular
    // files only (`bot: /dev/zero` or a FIFO is a problem of this file, never a hang).
    // Messages carry raw text: every renderer escapes it for its own format.
    let shown = bot_path.display().to_string();
    let bytes = match inputs::read_capped(Some(&bot_path), inputs::CAP) {
        Ok(Ok(inputs::Capped::Whole(bytes))) => bytes,
        Ok(Ok(inputs::Capped::TooLarge(size))) => {
            let size = size.map_or_else(|| "more than 1 MiB".to_owned(), |n| format!("{n} bytes"));
            return Err(at(format!(
                "bot file `{shown}` is {size}; bot files are limited to 1 MiB"
            )));
        }
        Ok(Err(inputs::NotRegular)) => {
            return Err(at(format!("bot file `{shown}` is not a regular file")));
        }
        Err(e) => {
            return Err(at(format!(
                "cannot read bot file `{shown}`: {}",
                inputs::describe(&e)
            )));
        }
    };
    let checked = check_bytes(&bytes, &ctx.config.settings(false));
    let Some(bot) = checked.bot else {
        let errors = checked.tally().errors;
        return Err(at(format!(
            "bot file `{shown}` has {errors} error(s): run `samictl validate {shown}`"
        )));
    };
    Ok(expectations
        .cases
        .iter()
        .map(|c| behaviour::run_case(&bot, c))
        .collect())
}
