//! `samictl simulate`: exactly what fires for an outcome, in order.

use super::context::{Context, EXIT_OK, Failure, emit, exit};
use clap::ValueEnum;
use samictl::model::Bot;
use samictl::outcome::{Direction, Outcome};
use samictl::render::simulation;
use samictl::simulate::{simulate, simulate_all};
use std::path::PathBuf;
use std::process::ExitCode;

const EXAMPLES: &str = "\
Examples:
  samictl simulate bots/seller.yaml --outcome opt-out
  samictl simulate bots/seller.yaml --outcome missed-transfer --format json
  samictl simulate bots/seller.yaml --all                  every outcome as a matrix
  samictl simulate bots/seller.yaml --outcome opt-out --direction inbound
  samictl simulate --direction outbound --outcome opt-out  no file: locked actions only
  samictl simulate bots/seller.yaml --record > seller.test.yaml   pin today's behaviour";

#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The bot file (default: `bot` in samictl.toml, then ./bot.yaml).
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,

    /// The outcome to simulate.
    #[arg(
        long,
        value_name = "TAG",
        required_unless_present_any = ["all", "record"],
        conflicts_with_all = ["all", "record"],
        value_parser = clap::builder::PossibleValuesParser::new(Outcome::tags())
    )]
    pub outcome: Option<String>,

    /// Simulate every outcome (a matrix in human form, a JSON array).
    #[arg(long, conflicts_with = "record")]
    pub all: bool,

    /// Print an expectation file (for `samictl test`) pinning today's behaviour of all eight
    /// outcomes.
    #[arg(long, requires = "file")]
    pub record: bool,

    /// Override the bot's direction (which enrollment locks apply).
    #[arg(long, value_enum)]
    pub direction: Option<DirectionArg>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DirectionArg {
    Inbound,
    Outbound,
    Both,
}

impl From<DirectionArg> for Direction {
    fn from(d: DirectionArg) -> Direction {
        match d {
            DirectionArg::Inbound => Direction::Inbound,
            DirectionArg::Outbound => Direction::Outbound,
            DirectionArg::Both => Direction::Both,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// numbered steps, each with the reason it fires
    Human,
    /// the simulate JSON object (an array with --all)
    Json,
}

pub fn run(ctx: &Context, args: &Args) -> Result<ExitCode, Failure> {
    let direction = args.direction.map(Direction::from);
    let (bot, path): (Bot, Option<String>) = match ctx.find_bot_file(args.file.as_deref())? {
        Some(p) => {
            let loaded = ctx.load_bot(&p)?;
            (loaded.bot, Some(loaded.path))
        }
        None => match direction {
            Some(d) => (Bot::without_cards("(no bot file)", d), None),
            None => {
                return Err(ctx.no_bot_file().with_hint(
                    "name the file, or give `--direction` to simulate a bot with no cards",
                ));
            }
        },
    };
    let layout = ctx.layout();
    let text = if args.record {
        let file = args
            .file
            .as_deref()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        samictl::behaviour::record(&bot, &file, direction)
    } else if args.all {
        let sims = simulate_all(&bot, direction);
        match args.format {
            Format::Human => simulation::matrix(&sims, &layout),
            Format::Json => {
                let array: Vec<_> = sims.iter().map(|s| s.to_json()).collect();
                pretty(&serde_json::Value::Array(array))
            }
        }
    } else {
        let tag = args.outcome.as_deref().unwrap_or_default();
        let outcome = Outcome::from_tag(tag).ok_or_else(|| super::unknown_outcome(tag))?;
        let sim = simulate(&bot, outcome, direction);
        match args.format {
            Format::Human => simulation::single(&sim, path.as_deref(), &layout),
            Format::Json => pretty(&sim.to_json()),
        }
    };
    emit(&text)?;
    Ok(exit(EXIT_OK))
}

fn pretty(value: &serde_json::Value) -> String {
    let mut s =
        samictl::render::text::json_safe(serde_json::to_string_pretty(value).unwrap_or_default());
    s.push('\n');
    s
}
