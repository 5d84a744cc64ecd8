//! `samictl show`: the eight outcome cards as tables.

use super::context::{Context, EXIT_OK, Failure, emit, exit};
use samictl::outcome::Outcome;
use samictl::render::show;
use std::path::PathBuf;
use std::process::ExitCode;

const EXAMPLES: &str = "\
Examples:
  samictl show bots/seller.yaml                       one row per outcome
  samictl show bots/seller.yaml --expand              every card in full (\"Expand all\")
  samictl show bots/seller.yaml --expand opt-out --expand contact-later
                                                      (a TAG expands its messaging card too)
  samictl show                                        the `bot` of samictl.toml, or ./bot.yaml";

#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The bot file (default: `bot` in samictl.toml, then ./bot.yaml).
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,

    /// Show cards in full: every card without a value, or the card of TAG (repeatable).
    #[arg(
        long,
        value_name = "TAG",
        num_args = 0..=1,
        default_missing_value = "all",
        action = clap::ArgAction::Append
    )]
    pub expand: Vec<String>,
}

pub fn run(ctx: &Context, args: &Args) -> Result<ExitCode, Failure> {
    let mut file = args.file.clone();
    let mut expand: Vec<Outcome> = Vec::new();
    let mut expand_all = false;
    for value in &args.expand {
        if value == "all" {
            expand_all = true;
        } else if let Some(o) = Outcome::from_tag(value) {
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
    // The messaging cards (spec section 17) follow the call cards, the same way.
    let text = if expand_all {
        show::expanded(&loaded.bot, &Outcome::ALL, &layout)
            + &show::messaging_expanded(&loaded.bot, &Outcome::ALL, &layout)
    } else if !expand.is_empty() {
        expand.sort();
        expand.dedup();
        show::expanded(&loaded.bot, &expand, &layout)
            + &show::messaging_expanded(&loaded.bot, &expand, &layout)
    } else {
        show::collapsed(&loaded.bot, &layout) + &show::messaging_collapsed(&loaded.bot, &layout)
    };
    emit(&text)?;
    emit(&policy)?;
    Ok(exit(EXIT_OK))
}
