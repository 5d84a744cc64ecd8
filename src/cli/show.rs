//! `samictl show`: the eight outcome cards as tables.

use super::context::{Context, EXIT_OK, Failure, emit, emit_with, exit};
use super::{inputs, parallel};
use clap::ValueEnum;
use samictl::fleet::{FleetBot, FleetRow};
use samictl::outcome::Outcome;
use samictl::product::{Channel, example};
use samictl::render::{fleet, show};
use std::path::PathBuf;
use std::process::ExitCode;

/// PATHs, the options, then `--config` / `--no-config`.
pub type Args = super::Reading<Options>;

/// The help's examples; the outcomes named are the table's (where call opt-outs land, where SAMI
/// reaches out again).
fn examples() -> String {
    let opt_out = example::opt_out(Channel::Call);
    let callback = example::callback();
    format!(
        "\
Examples:
  samictl show bots/seller.yaml                       one row per outcome
  samictl show bots/seller.yaml --expand              every card in full (\"Expand all\")
  samictl show bots/seller.yaml --expand {opt_out} --expand {callback}
                                 two cards (a TAG expands its messaging card too)
  samictl show                                        the `bot` of samictl.toml, or ./bot.yaml
  samictl show bots/                                  the fleet matrix: one row per bot
  samictl show bots/ --format csv > fleet.csv         the same for a spreadsheet
  samictl show bots/ --format json                    for scripts: what fires, per bot and outcome

With a directory or several files, `show` prints the fleet matrix: one row per bot (sorted by
path), one column per outcome; each cell says what fires besides the locked actions (a legend
follows the table). A file with errors is a row saying so, and the exit code is then 1."
    )
}

/// The help of the PATHs (`Reading`'s, worded for this command).
const PATHS: &str = "The bot file (default: `bot` in samictl.toml, then ./bot.yaml); a directory \
                     or several files give the fleet matrix";

#[derive(Debug, clap::Args)]
#[command(after_help = examples(), mut_arg("paths", |a| a.help(PATHS)))]
pub struct Options {
    /// Show cards in full: every card without a value, or the card of TAG (repeatable).
    #[arg(
        long,
        value_name = "TAG",
        num_args = 0..=1,
        default_missing_value = "all",
        action = clap::ArgAction::Append
    )]
    pub expand: Vec<String>,

    /// Output format; anything but `human` gives the fleet matrix, even for one file.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    #[command(flatten)]
    pub walk: super::WalkArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// the cards of one bot, or the fleet matrix with a legend
    Human,
    /// {"format_version": 1, "bots": [...]}
    Json,
    /// one line per bot, two columns per outcome
    Csv,
    /// the fleet matrix as a Markdown table
    Markdown,
}

pub fn run(ctx: &Context, args: &Args) -> Result<ExitCode, Failure> {
    inputs::use_exclude(ctx, &args.opts.walk.exclude)?;
    let fleet_view = args.opts.format != Format::Human
        || args.paths.len() > 1
        || args.paths.first().is_some_and(|p| p.is_dir());
    if fleet_view {
        if !args.opts.expand.is_empty() {
            return Err(
                Failure::new("--expand shows one bot's cards; it takes one file")
                    .with_hint("drop --expand for the fleet matrix, or name one file"),
            );
        }
        return run_fleet(ctx, args);
    }
    let mut file = args.paths.first().cloned();
    let mut expand: Vec<Outcome> = Vec::new();
    let mut expand_all = false;
    for value in &args.opts.expand {
        if value == "all" {
            expand_all = true;
        } else if let Some(o) = Outcome::parse(value) {
            expand.push(o);
        } else if file.is_none() && (value.ends_with(".yaml") || value.ends_with(".yml")) {
            // `show --expand bots/a.yaml`: the flag took the file as its value.
            expand_all = true;
            file = Some(PathBuf::from(value));
        } else {
            return Err(super::unknown_outcome(value));
        }
    }
    let path = match ctx.find_bot_file(file.as_deref())? {
        Some(p) => p,
        None => return Err(ctx.no_bot_file()),
    };
    let loaded = ctx.load_bot(&path)?;
    let layout = ctx.layout();
    let shown: &[Outcome] = if expand_all || expand.is_empty() {
        &Outcome::ALL
    } else {
        &expand
    };
    let policy = samictl::render::policy::show_block(
        &ctx.config.policy.outcomes,
        shown,
        &samictl::render::human::Palette::new(ctx.color),
        layout.width,
    );
    // `[policy.messaging.TAG]` under it, for the messaging cards shown.
    let policy = policy
        + &samictl::render::policy::show_block_on(
            &ctx.config.policy.messaging,
            shown,
            &samictl::render::human::Palette::new(ctx.color),
            layout.width,
            samictl::product::Channel::Sms,
        );
    // The messaging cards (docs/spec 17) follow the call cards, the same way.
    let text = if expand_all {
        show::expanded_all(&loaded.bot, &Outcome::ALL, &layout)
    } else if !expand.is_empty() {
        expand.sort();
        expand.dedup();
        show::expanded_all(&loaded.bot, &expand, &layout)
    } else {
        show::collapsed_all(&loaded.bot, &layout)
    };
    emit(&ctx.fit(&text))?;
    emit(&ctx.fit(&policy))?;
    let relaxed = samictl::tcpa::relaxed(&ctx.config.settings(false));
    emit(&ctx.fit(&samictl::render::tcpa::note(
        &relaxed,
        "this file",
        &samictl::render::human::Palette::new(ctx.color),
        layout.width,
    )))?;
    Ok(exit(EXIT_OK))
}

/// The fleet matrix: every bot under the PATHs, one row each, sorted by path.
fn run_fleet(ctx: &Context, args: &Args) -> Result<ExitCode, Failure> {
    let paths = if args.paths.is_empty() {
        // `show --format json` alone: the default bot, as the card view would show.
        vec![
            ctx.find_bot_file(None)?
                .unwrap_or_else(|| PathBuf::from(".")),
        ]
    } else {
        args.paths.clone()
    };
    let walk = inputs::Walk {
        follow: args.opts.walk.follow,
    };
    let mut found = inputs::collect_walk(&paths, inputs::Kind::Bots, walk)?;
    // As `validate` names files under `.`: `bots/a.yaml`, not `./bots/a.yaml`.
    inputs::strip_dot(&mut found, &paths, args.paths.is_empty());
    let rows = fleet_rows(ctx, &found)?;
    // A relaxed TCPA guard applies to every bot of the run (one samictl.toml): said under the
    // matrix, and on each bot of the JSON.
    let relaxed = samictl::tcpa::relaxed(&ctx.config.settings(false));
    let text = match args.opts.format {
        Format::Human => ctx.fit(
            &(fleet::matrix(&rows, &ctx.config.policy.outcomes, &ctx.layout())
                + &samictl::render::tcpa::note(
                    &relaxed,
                    "every bot above",
                    &samictl::render::human::Palette::new(ctx.color),
                    ctx.layout().width,
                )),
        ),
        // Written bot by bot (issue 32: a fleet of 50,000 bots).
        Format::Json => {
            emit_with(|out| {
                fleet::write_matrix_json(out, &rows, &ctx.config.policy.outcomes, &relaxed)
            })?;
            String::new()
        }
        Format::Markdown => {
            fleet::matrix_markdown(&rows, &ctx.config.policy.outcomes)
                + &samictl::render::tcpa::markdown_note(&relaxed)
        }
        Format::Csv => fleet::matrix_csv(&rows),
    };
    emit(&text)?;
    let broken = rows
        .iter()
        .filter(|r| matches!(r.bot, FleetBot::Broken { .. }))
        .count();
    Ok(inputs::end_of_files(
        broken,
        "; `samictl validate` says what to fix",
    ))
}

/// Reads and checks every input on all cores; a row per input, sorted by path.
pub fn fleet_rows(ctx: &Context, found: &[inputs::Input]) -> Result<Vec<FleetRow>, Failure> {
    let settings = ctx.config.settings(false);
    let rows = parallel::map(found, |input| -> Result<FleetRow, Failure> {
        check_row(input, &settings).map(|(_, row)| row)
    });
    let mut rows = rows.into_iter().collect::<Result<Vec<_>, _>>()?;
    samictl::fleet::sort_rows(&mut rows);
    Ok(rows)
}

/// Reads and checks one input: what validate finds, and its row of the fleet matrix (the
/// fleet views and `report` alike). Over the limit: a bot with a yaml-syntax error, as
/// `validate` says.
pub fn check_row(
    input: &inputs::Input,
    settings: &samictl::config::Settings,
) -> Result<(samictl::validate::Checked, FleetRow), Failure> {
    let checked = match inputs::read_bot(input)? {
        inputs::BotBytes::Whole(bytes) => samictl::validate::check_bytes(&bytes, settings),
        inputs::BotBytes::TooLarge(size) => samictl::validate::oversized(size),
    };
    let bot = match &checked.bot {
        Some(bot) => samictl::fleet::summarize(bot),
        None => FleetBot::Broken {
            errors: checked.tally().errors,
        },
    };
    let row = FleetRow {
        path: input.display.clone(),
        bot,
    };
    Ok((checked, row))
}
