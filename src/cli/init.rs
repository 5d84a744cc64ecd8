//! `samictl init`: a new bot file with all eight cards (SAMI's presets where published, the
//! other four empty).

use super::context::{Context, EXIT_OK, Failure, emit, exit};
use super::simulate::DirectionArg;
use super::write;
use dialoguer::theme::ColorfulTheme;
use dialoguer::{Confirm, Input, Select};
use samictl::init::{name_problem, new_file};
use samictl::outcome::Direction;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

const EXAMPLES: &str = "\
Examples:
  samictl init                                          asks for the name and direction
  samictl init bots/buyer.yaml --name \"Buyer Inbound\" --direction inbound
  samictl init bot.yaml --name Seller --direction outbound --force   overwrite

The template is templates/bot.yaml in samictl's repository: all eight call cards (SAMI's presets
for the four that have one; the other four empty, as they have no published preset), then the
five messaging (SMS) cards, empty, a comment on each. The new file validates with no
errors and no warnings.";

#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Where to write (default: `bot` in samictl.toml, then ./bot.yaml).
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,

    /// The bot's name (asked for when missing, on a terminal).
    #[arg(long)]
    pub name: Option<String>,

    /// The bot's direction (asked for when missing, on a terminal).
    #[arg(long, value_enum)]
    pub direction: Option<DirectionArg>,

    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,

    #[command(flatten)]
    pub config: super::ConfigArgs,
}

fn prompt_failure(e: dialoguer::Error) -> Failure {
    Failure::new(format!("prompt failed: {e}"))
}

pub fn run(ctx: &Context, args: &Args) -> Result<ExitCode, Failure> {
    let path = match &args.file {
        Some(p) => p.clone(),
        None => match (&ctx.config.bot, ctx.config_dir()) {
            (Some(bot), Some(dir)) => {
                ctx.confine_new(&dir, bot)?;
                dir.join(bot)
            }
            _ => PathBuf::from("bot.yaml"),
        },
    };
    let shown = samictl::render::text::escape(&path.display().to_string());
    // Checked early to spare the questions; checked again at write time (create-new).
    if std::fs::symlink_metadata(&path).is_ok() && !args.force {
        return Err(Failure::new(format!("`{shown}` already exists"))
            .with_hint("pass --force to overwrite it, or name another file"));
    }
    if let Some(problem) = args.name.as_deref().and_then(name_problem) {
        return Err(Failure::new(format!("--name: {problem}")));
    }
    let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    let asked = args.name.is_none() || args.direction.is_none();
    if asked && !interactive {
        return Err(Failure::new("no terminal to ask on").with_hint(
            "pass --name and --direction (samictl init FILE --name NAME --direction outbound)",
        ));
    }
    let theme = ColorfulTheme::default();
    let name = match &args.name {
        Some(n) => n.clone(),
        None => Input::<String>::with_theme(&theme)
            .with_prompt("Bot name")
            .validate_with(|s: &String| name_problem(s).map_or(Ok(()), Err))
            .interact_text()
            .map_err(prompt_failure)?,
    };
    let direction = match args.direction {
        Some(d) => Direction::from(d),
        None => {
            // A menu is a list of (label, choice): the answer is the choice, not an index.
            let menu = [
                (
                    "outbound: calls leads (enrollment locks apply)",
                    Direction::Outbound,
                ),
                (
                    "inbound: answers calls (no enrollment to manage)",
                    Direction::Inbound,
                ),
                ("both", Direction::Both),
            ];
            let labels: Vec<&str> = menu.iter().map(|(label, _)| *label).collect();
            let i = Select::with_theme(&theme)
                .with_prompt("Direction")
                .items(&labels)
                .default(0)
                .interact()
                .map_err(prompt_failure)?;
            menu.get(i)
                .map(|(_, d)| *d)
                .ok_or_else(|| Failure::new("prompt failed: no such direction"))?
        }
    };
    let text = new_file(&name, direction);
    if asked {
        say!(
            "\nWill write {shown}: \"{}\", {direction}, all eight cards and the five messaging cards (empty): {}.",
            samictl::render::text::escape(&name),
            samictl::init::cards_written()
        );
        let go = Confirm::with_theme(&theme)
            .with_prompt("Write it?")
            .default(true)
            .interact()
            .map_err(prompt_failure)?;
        if !go {
            say!("Nothing written.");
            return Ok(exit(EXIT_OK));
        }
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| {
            Failure::new(format!(
                "cannot create `{}`: {e}",
                samictl::render::text::escape(&dir.display().to_string())
            ))
        })?;
    }
    let written = if args.force {
        write::overwrite(&path, &text)
    } else {
        write::create_new(&path, &text)
    };
    written.map_err(|e| e.into_failure(&path))?;
    // Quoted as the file quotes it (a `"` inside is escaped), then escaped for the terminal.
    let name = samictl::render::text::escape(&samictl::quote::double_quoted(&name));
    let [presets, empty] = samictl::init::cards_written_lines();
    emit(&ctx.fit(&format!(
        "created {shown}: {name} ({direction}), all eight cards and the five messaging cards\n  {}\n  {}\n\
         next: samictl show {shown} --expand, or samictl edit {shown}\n",
        presets, empty
    )))?;
    Ok(exit(EXIT_OK))
}
