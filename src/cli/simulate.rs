//! `samictl simulate`: exactly what fires for an outcome, in order.

use super::context::{Context, EXIT_OK, Failure, emit, exit};
use super::{inputs, parallel};
use clap::ValueEnum;
use samictl::model::Bot;
use samictl::outcome::{Direction, Outcome};
use samictl::product::{self, Channel, example};
use samictl::render::FileReport;
use samictl::render::fleet::{self, SimRow};
use samictl::render::simulation;
use samictl::render::text::escape;
use samictl::simulate::{simulate, simulate_all_on, simulate_on};
use std::fs;
use std::io::IsTerminal;
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
    // A command, then what it does from column 59.
    let row = |cmd: String, what: &str| format!("  {cmd:<55}  {what}");
    [
        "Examples:".to_owned(),
        format!("  samictl simulate bots/seller.yaml --outcome {opt_out}"),
        format!("  samictl simulate bots/seller.yaml --outcome {wanted} --format json"),
        row(
            "samictl simulate bots/seller.yaml --all".to_owned(),
            "every outcome as a matrix",
        ),
        format!("  samictl simulate bots/seller.yaml --outcome {opt_out} --direction inbound"),
        row(
            format!("samictl simulate --direction outbound --outcome {opt_out}"),
            "no file: locked actions only",
        ),
        "  samictl simulate bots/seller.yaml --record -o seller.test.yaml  pin today's behaviour"
            .to_owned(),
        format!("  samictl simulate bots/seller.yaml --channel sms --outcome {sms_opt_out}"),
        "                                 a text conversation: system steps first".to_owned(),
        row(
            "samictl simulate bots/seller.yaml --channel sms --all".to_owned(),
            "the five messaging outcomes",
        ),
        row(
            format!("samictl simulate bots/ --outcome {wanted}"),
            "one row per bot, what fires in order",
        ),
        row(
            format!("samictl simulate bots/ --outcome {opt_out} --format json"),
            "an array, each object with its path",
        ),
    ]
    .join("\n")
}

/// The help of the PATHs (`Reading`'s, worded for this command).
const PATHS: &str = "The bot file (default: `bot` in samictl.toml, then ./bot.yaml); a directory \
                     or several files simulate every bot (one row each)";

#[derive(Debug, clap::Args)]
#[command(
    after_help = examples(),
    override_usage = "samictl simulate [PATH]...\n       (--outcome <TAG> | --all | --record) [OPTIONS]",
    mut_arg("paths", |a| a.help(PATHS))
)]
pub struct Options {
    /// The outcome to simulate.
    #[arg(
        long,
        value_name = "TAG",
        conflicts_with_all = ["all", "record"],
        value_parser = clap::builder::PossibleValuesParser::new(Outcome::tags())
    )]
    pub outcome: Option<String>,

    /// Simulate every outcome (a matrix in human form, a JSON array).
    #[arg(long, conflicts_with = "record")]
    pub all: bool,

    /// Print an expectation file (for `samictl test`) pinning today's behaviour of all eight
    /// outcomes.
    #[arg(long)]
    pub record: bool,

    /// With --record: write the expectation file to FILE instead of standard output (through
    /// the shared writer: atomic, through a link to its target, keeping the file's mode; never
    /// the bot file itself).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Simulate as if the bot's direction were this one (which enrollment locks apply); the
    /// file is checked under it, and a finding it causes is reported (exit 1).
    #[arg(long, value_enum)]
    pub direction: Option<DirectionArg>,

    /// Where the conversation happens: a call (the `outcomes` cards) or a text thread (the
    /// `messaging` cards: SAMI's system steps, then the card's actions and owner alert).
    #[arg(long, value_enum, default_value_t = ChannelArg::Call)]
    pub channel: ChannelArg,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    #[command(flatten)]
    pub walk: super::WalkArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ChannelArg {
    /// a call: the `outcomes` cards
    Call,
    /// a text conversation: the `messaging` cards
    Sms,
}

impl From<ChannelArg> for Channel {
    fn from(c: ChannelArg) -> Channel {
        match c {
            ChannelArg::Call => Channel::Call,
            ChannelArg::Sms => Channel::Sms,
        }
    }
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
    inputs::use_exclude(ctx, &args.opts.walk.exclude)?;
    if args.opts.outcome.is_none() && !args.opts.all && !args.opts.record {
        return Err(Failure::new(
            "say what to simulate: `--outcome TAG`, `--all` (every outcome) or `--record` (an expectation file)",
        )
        .with_hint(format!(
            "the outcome tags are {}",
            Outcome::tags().collect::<Vec<_>>().join(", ")
        )));
    }
    if args.opts.output.is_some() && !args.opts.record {
        return Err(
            Failure::new("`--output` writes an expectation file: it goes with `--record`")
                .with_hint("`samictl simulate bots/seller.yaml --record -o bots/seller.test.yaml`"),
        );
    }
    let direction = args.opts.direction.map(Direction::from);
    let channel = Channel::from(args.opts.channel);
    // An outcome the channel has no card for is a usage error, before any file is read.
    let outcome = match args.opts.outcome.as_deref() {
        Some(tag) => {
            let outcome = Outcome::parse(tag).ok_or_else(|| super::unknown_outcome(tag))?;
            if !channel.has(outcome) {
                return Err(Failure::new(format!(
                    "`{outcome}` is not a messaging outcome: `--channel sms` has no `{outcome}` card"
                ))
                .with_hint(format!(
                    "{}; the messaging outcomes are {}",
                    product::no_card_reason(channel, outcome),
                    channel
                        .outcomes()
                        .iter()
                        .map(|o| o.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            }
            Some(outcome)
        }
        None => None,
    };
    if args.paths.len() > 1 || args.paths.first().is_some_and(|p| p.is_dir()) {
        return run_fleet(ctx, args, direction);
    }
    let file = args.paths.first();
    let (bot, path): (Bot, Option<String>) = match ctx.find_bot_file(file.map(PathBuf::as_path))? {
        Some(p) => match direction {
            Some(d) => {
                let (bot, path) = load_as(ctx, &p, d)?;
                (bot, Some(path))
            }
            None => {
                let loaded = ctx.load_bot(&p)?;
                (loaded.bot, Some(loaded.path))
            }
        },
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
    let text = if args.opts.record {
        // The FILE as given, else the file found (`bot =` in samictl.toml, ./bot.yaml) as
        // seen from here.
        let file = file
            .map(|p| p.display().to_string())
            .or_else(|| {
                let found = path.as_deref()?;
                relative_to_folder_of(Path::new("here"), Path::new(found))
                    .or_else(|| Some(found.to_owned()))
            })
            .unwrap_or_default();
        if let Some(out) = &args.opts.output {
            // `bot:` is read relative to the expectation file: say where the bot is from there.
            let from_out = path
                .as_deref()
                .and_then(|b| relative_to_folder_of(out, Path::new(b)))
                .unwrap_or(file);
            let text = samictl::behaviour::record(&bot, &from_out, direction);
            return record_to(out, path.as_deref(), &text);
        }
        samictl::behaviour::record(&bot, &file, direction)
    } else if args.opts.all {
        let sims = simulate_all_on(&bot, channel, direction);
        match args.opts.format {
            Format::Human => simulation::matrix(&sims, &layout),
            Format::Json => {
                let array: Vec<_> = sims.iter().map(|s| s.to_json()).collect();
                pretty(&serde_json::Value::Array(array))
            }
        }
    } else {
        let outcome = outcome.ok_or_else(|| Failure::new("say which outcome: `--outcome TAG`"))?;
        let sim = simulate_on(&bot, channel, outcome, direction)
            .ok_or_else(|| Failure::new(format!("`{outcome}` has no {channel} card")))?;
        match args.opts.format {
            Format::Human => simulation::single(&sim, path.as_deref(), &layout),
            Format::Json => pretty(&sim.to_json()),
        }
    };
    // An expectation file (`--record`) is YAML to paste or redirect: never fitted to the width.
    let text = if matches!(args.opts.format, Format::Human) && !args.opts.record {
        ctx.fit(&text)
    } else {
        text
    };
    emit(&text)?;
    Ok(exit(EXIT_OK))
}

/// The path of `target` as seen from the folder that holds `file` (both resolved; `None` when
/// either can't be, or the path isn't UTF-8).
fn relative_to_folder_of(file: &Path, target: &Path) -> Option<String> {
    let folder = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let from = fs::canonicalize(folder).ok()?;
    let to = fs::canonicalize(target).ok()?;
    let common = from
        .components()
        .zip(to.components())
        .take_while(|(a, b)| a == b)
        .count();
    let mut rel = PathBuf::new();
    for _ in from.components().skip(common) {
        rel.push("..");
    }
    for c in to.components().skip(common) {
        rel.push(c);
    }
    rel.to_str().map(str::to_owned)
}

/// `--record --output FILE`: the expectation file written through the shared writer (spec
/// section 12), replacing FILE when it exists; never over the bot file it was recorded from.
fn record_to(out: &Path, bot: Option<&str>, text: &str) -> Result<ExitCode, Failure> {
    let same = |a: &Path, b: &Path| match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if bot.is_some_and(|b| same(out, Path::new(b))) {
        return Err(Failure::new(format!(
            "`{}` is the bot file: the expectation file needs a name of its own",
            escape(&out.display().to_string())
        ))
        .with_hint("name it after the bot, e.g. `seller.test.yaml` beside `seller.yaml`"));
    }
    super::write::write_output(out, text).map_err(|e| e.into_failure(out))?;
    say!(
        "recorded {}: run `samictl test` to check the bot against it",
        escape(&out.display().to_string())
    );
    Ok(exit(EXIT_OK))
}

/// Loads the file checked as if its direction were `direction` (docs/spec 4): a file valid
/// under that direction is simulated (an inbound file's written enrollment lock is valid as
/// outbound); a finding that only the direction causes is printed, as `validate` would print
/// it, and refuses (exit 1); a file with errors of its own is refused as every command refuses it.
fn load_as(ctx: &Context, path: &Path, direction: Direction) -> Result<(Bot, String), Failure> {
    let input = inputs::Input {
        display: path.display().to_string(),
        path: (path.as_os_str() != "-").then(|| path.to_path_buf()),
        origin: None,
    };
    let bytes = match inputs::read_bot(&input)? {
        inputs::BotBytes::Whole(bytes) => bytes,
        inputs::BotBytes::TooLarge(size) => {
            let report = FileReport::new(
                input.display,
                "",
                samictl::validate::oversized(size).diagnostics,
            );
            let color = ctx.color && std::io::stderr().is_terminal();
            super::context::report_to_stderr(&report, color);
            say!("error: refusing to continue with a file that has errors");
            return Err(Failure::findings());
        }
    };
    let settings = ctx.config.settings(false);
    let under = samictl::validate::check_bytes_as(&bytes, &settings, Some(direction));
    if let Some(mut bot) = under.bot {
        // The model keeps the file's own direction, so the simulation can say it overrides it.
        if let Some(written) =
            samictl::simulate::written_direction(&String::from_utf8_lossy(&bytes))
        {
            bot.direction = written;
        }
        return Ok((bot, input.display));
    }
    if samictl::validate::check_bytes(&bytes, &settings).has_errors() {
        // Errors of its own, whatever the direction: printed and refused as `show` refuses.
        if ctx.checked_bot(&input.display, &bytes).is_none() {
            say!("error: refusing to continue with a file that has errors");
            return Err(Failure::findings());
        }
    }
    let source = String::from_utf8_lossy(&bytes);
    let errors: Vec<_> = under
        .diagnostics
        .into_iter()
        .filter(samictl::diagnostic::Diagnostic::is_error)
        .collect();
    let mut report = FileReport::new(input.display.clone(), &source, errors);
    // The file is valid as written, so `samictl fix` has nothing to do with it: offering its
    // fixes here would send the user to a command that changes nothing.
    report.fixes.iter_mut().for_each(|f| *f = None);
    let color = ctx.color && std::io::stderr().is_terminal();
    say!(
        "error: with `--direction {direction}`, {} is not valid: {}",
        escape(&input.display),
        if direction.is_outbound_capable() {
            "its locked actions don't apply to that direction"
        } else {
            "an inbound-only bot has no enrollment to manage"
        }
    );
    super::context::report_to_stderr(&report, color);
    Err(Failure::findings())
}

/// Every bot under the PATHs, one row each (sorted by path), for one outcome.
fn run_fleet(
    ctx: &Context,
    args: &Args,
    direction: Option<Direction>,
) -> Result<ExitCode, Failure> {
    if args.opts.all || args.opts.record {
        return Err(Failure::new(
            "--all and --record take one bot file; a directory or several files take --outcome",
        ));
    }
    let tag = args.opts.outcome.as_deref().unwrap_or_default();
    let outcome = Outcome::parse(tag).ok_or_else(|| super::unknown_outcome(tag))?;
    // `--channel sms` was checked against the outcome before the fleet was read.
    let channel = Channel::from(args.opts.channel);
    let mut found = inputs::collect_walk(
        &args.paths,
        inputs::Kind::Bots,
        inputs::Walk {
            follow: args.opts.walk.follow,
        },
    )?;
    inputs::strip_dot(&mut found, &args.paths, false);
    let settings = ctx.config.settings(false);
    let results = parallel::map(&found, |input| -> Result<_, Failure> {
        // With `--direction`, each file is checked as if its direction were that one (spec
        // section 4): a finding that direction causes makes the row an error row, exit 1.
        let checked = match inputs::read_bot(input)? {
            inputs::BotBytes::Whole(bytes) => {
                samictl::validate::check_bytes_as(&bytes, &settings, direction)
            }
            // Over the limit: a bot with a yaml-syntax error, like `validate` says.
            inputs::BotBytes::TooLarge(size) => samictl::validate::oversized(size),
        };
        Ok(match &checked.bot {
            Some(bot) => Ok(simulate_on(bot, channel, outcome, direction)
                .unwrap_or_else(|| simulate(bot, outcome, direction))),
            None => Err(checked.tally().errors),
        })
    });
    let results = results.into_iter().collect::<Result<Vec<_>, _>>()?;
    // `collect` sorted the inputs by path.
    let rows: Vec<SimRow<'_>> = found
        .iter()
        .zip(&results)
        .map(|(input, r)| match r {
            Ok(sim) => SimRow::Simulated {
                path: &input.display,
                sim,
            },
            Err(errors) => SimRow::Broken {
                path: &input.display,
                errors: *errors,
                as_direction: direction,
            },
        })
        .collect();
    let text = match args.opts.format {
        Format::Human => fleet::simulation(outcome, &rows, &ctx.layout()),
        Format::Json => fleet::simulation_json(&rows),
    };
    let text = if matches!(args.opts.format, Format::Human) {
        ctx.fit(&text)
    } else {
        text
    };
    emit(&text)?;
    let broken = results.iter().filter(|r| r.is_err()).count();
    let then = match direction {
        Some(d) => format!(
            " with `--direction {d}`; `samictl simulate FILE --outcome {tag} --direction {d}` on one says what"
        ),
        None => "; `samictl validate` says what to fix".to_owned(),
    };
    Ok(inputs::end_of_files(broken, &then))
}

fn pretty(value: &serde_json::Value) -> String {
    let mut s =
        samictl::render::text::json_safe(serde_json::to_string_pretty(value).unwrap_or_default());
    s.push('\n');
    s
}
