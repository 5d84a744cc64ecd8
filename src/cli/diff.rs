//! `samictl diff OLD NEW`: what a change does to each outcome's behaviour.

use super::context::{Context, EXIT_FINDINGS, EXIT_OK, Failure, exit};
use super::{git, inputs};
use clap::ValueEnum;
use samictl::fleet::Side;
use samictl::model::Bot;
use samictl::render::behaviour_diff::{human, json, markdown};
use samictl::render::changed_bots;
use samictl::render::human::Palette;
use samictl::render::text::escape;
use std::path::Path;
use std::process::ExitCode;

const EXAMPLES: &str = "\
Examples:
  samictl diff old.yaml bots/seller.yaml
  samictl diff origin/main:bots/seller.yaml bots/seller.yaml      OLD read from git
  samictl diff --format markdown origin/main:bots/a.yaml bots/a.yaml > comment.md
  samictl diff --git origin/main                  every changed bot, against the working tree
  samictl diff --git origin/main...HEAD bots/     a pull request's bots, from the merge base
  samictl diff --git origin/main --format markdown > comment.md    one PR comment

Exit codes: 0 same behaviour (comments and formatting are no change), 1 behaviour differs or
a file has errors (they are printed; with --git: a changed bot has errors), 2 trouble
(unreadable file, git failed, a bad revision).";

#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// OLD NEW: the bot before and after the change, each a file or REV:PATH read from git.
    /// With --git: the PATHs to look under (default: the whole repository).
    #[arg(value_name = "OLD NEW | PATH")]
    pub args: Vec<String>,

    /// Compare every bot file that differs between git revisions: BASE (against the working
    /// tree), BASE..HEAD, or BASE...HEAD (from their merge base), renames detected.
    #[arg(long, value_name = "BASE[..HEAD]")]
    pub git: Option<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    #[command(flatten)]
    pub exclude: inputs::ExcludeArgs,

    #[command(flatten)]
    pub config: super::ConfigArgs,

    /// Write the output to FILE through the safe writer (temporary file, then rename) instead
    /// of standard output; `-` is standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// before and after of each changed outcome
    Human,
    /// a table ready to paste as a pull-request comment (with --git: one whole comment)
    Markdown,
    /// {"changes": [...]}; with --git: {"format_version": 1, "bots": [...]}
    Json,
    /// one self-contained HTML page (not to a terminal: -o FILE or a redirect)
    Html,
}

/// What was read: a file's or a blob's bytes, or an over-limit size.
enum Read {
    Whole(Vec<u8>),
    TooLarge(Option<u64>),
}

/// Reads a file, or `REV:PATH` from git when no such file exists; both capped.
fn read(spec: &str) -> Result<Read, Failure> {
    let path = Path::new(spec);
    if path.is_dir() {
        return Err(
            Failure::new(format!("`{}`: is a directory", escape(spec))).with_hint(
                "`samictl diff OLD NEW` compares two bot files; for every bot under a folder, \
                 use `samictl diff --git BASE[..HEAD] [PATH...]`",
            ),
        );
    }
    if path.exists() {
        let input = inputs::Input {
            display: spec.to_owned(),
            path: Some(path.to_path_buf()),
            origin: None,
        };
        return Ok(match inputs::read_bot(&input)? {
            inputs::BotBytes::Whole(b) => Read::Whole(b),
            inputs::BotBytes::TooLarge(n) => Read::TooLarge(n),
        });
    }
    let Some((rev, path)) = spec
        .split_once(':')
        .filter(|(r, p)| !r.is_empty() && !p.is_empty())
    else {
        return Err(
            Failure::new(format!("`{}`: no such file", escape(spec))).with_hint(
                "give a file, or REV:PATH to read it from git (`origin/main:bots/a.yaml`)",
            ),
        );
    };
    Ok(match git::show_blob(rev, path)? {
        Ok(bytes) => Read::Whole(bytes),
        Err(git::BlobTooLarge(n)) => Read::TooLarge(Some(n)),
    })
}

fn load(ctx: &Context, spec: &str) -> Result<Bot, Failure> {
    // A version that breaks the org policy is still compared: `diff` flags the break.
    let mut config = ctx.config.clone();
    config.policy.outcomes.clear();
    config.policy.messaging.clear();
    let lenient = Context {
        config,
        config_path: ctx.config_path.clone(),
        color: ctx.color,
        width: ctx.width,
        fit_width: ctx.fit_width,
    };
    let bot = match read(spec)? {
        Read::Whole(bytes) => lenient.checked_bot(spec, &bytes),
        Read::TooLarge(size) => {
            let n = size.map_or_else(|| "more than 1 MiB".to_owned(), |n| format!("{n} bytes"));
            return Err(Failure::new(format!(
                "`{}` is {n}; bot files are limited to 1 MiB",
                escape(spec)
            )));
        }
    };
    // A file with errors is exit 1, as for every command (docs/spec 9); its findings
    // have been printed.
    bot.ok_or_else(|| Failure {
        code: EXIT_FINDINGS,
        message: format!(
            "`{}` has errors: its behaviour can't be compared",
            escape(spec)
        ),
        hint: None,
    })
}

pub fn run(ctx: &Context, args: &Args) -> Result<ExitCode, Failure> {
    inputs::use_exclude(ctx, &args.exclude)?;
    if args.format == Format::Html {
        super::report::check_destination(args.output.as_deref())?;
    }
    if let Some(spec) = &args.git {
        return run_git(ctx, args, spec);
    }
    let [old, new] = &args.args[..] else {
        return Err(Failure::new(format!(
            "samictl diff compares two versions of a bot: OLD and NEW (got {} argument(s))",
            args.args.len()
        ))
        .with_hint("`samictl diff old.yaml new.yaml`, or `samictl diff --git origin/main` for every changed bot"));
    };
    // Both versions are read and checked before either's errors end the command, so every
    // finding of both is reported at once.
    let (before, after) = match (load(ctx, old), load(ctx, new)) {
        (Ok(before), Ok(after)) => (before, after),
        // Trouble reading either (exit 2) wins over findings (exit 1).
        (Err(a), Err(b)) if b.code > a.code => return Err(b),
        (Err(e), _) | (_, Err(e)) => return Err(e),
    };
    let mut d = samictl::behaviour_diff::diff(&before, &after);
    samictl::policy::flag_diff(&mut d, &ctx.config.policy.outcomes, &before, &after);
    samictl::policy::flag_diff_messaging(&mut d, &ctx.config.policy.messaging, &before, &after);
    let text = match args.format {
        // Which two versions, first: the report below names only outcomes.
        Format::Human => format!(
            "{} → {}\n{}",
            escape(old),
            escape(new),
            human(&d, &Palette::new(ctx.color))
        ),
        Format::Markdown => markdown(&d),
        Format::Json => json(&d),
        Format::Html => {
            let one = samictl::fleet::RepoDiff {
                bots: vec![samictl::fleet::BotChange {
                    path: new.clone(),
                    old_path: Some(old.clone()),
                    status: samictl::fleet::Status::Modified,
                    diff: d.clone(),
                    problems: Vec::new(),
                }],
            };
            samictl::render::html::diff::page_of(&one, &format!("{old} → {new}"))
        }
    };
    let text = if matches!(args.format, Format::Human) {
        ctx.fit(&text)
    } else {
        text
    };
    if let Some(output) = args.output.as_deref() {
        super::report::not_an_input(output, [old, new].map(|p| Path::new(p.as_str())))?;
    }
    super::report::deliver(&text, args.output.as_deref())?;
    Ok(exit(if d.is_empty() { EXIT_OK } else { EXIT_FINDINGS }))
}

/// `diff --git`: every changed bot file between two revisions.
fn run_git(ctx: &Context, args: &Args, spec: &str) -> Result<ExitCode, Failure> {
    let revisions = super::diff_git::Revisions::parse(spec)?;
    let paths: Vec<std::path::PathBuf> = args.args.iter().map(std::path::PathBuf::from).collect();
    let settings = ctx.config.settings(false);
    let check = |_path: &str, bytes: &[u8]| -> Side {
        let checked = samictl::validate::check_bytes(bytes, &settings);
        let errors = checked.tally().errors;
        match checked.bot {
            Some(bot) => Side::Bot(bot),
            None => Side::Problem(format!(
                "{errors} error{}",
                if errors == 1 { "" } else { "s" }
            )),
        }
    };
    let changes = super::diff_git::changes(&revisions, &paths, &check)?;
    let report = samictl::fleet::repo_diff(changes);
    let label = match &revisions.head {
        Some(h) if revisions.merge_base => format!("{}...{h}", revisions.base),
        Some(h) => format!("{}..{h}", revisions.base),
        None => format!("{} (against the working tree)", revisions.base),
    };
    let text = match args.format {
        Format::Human => changed_bots::human(
            &report,
            &label,
            &Palette::new(ctx.color),
            usize::from(ctx.width.unwrap_or(100)),
        ),
        Format::Markdown => changed_bots::markdown(&report, spec),
        Format::Json => changed_bots::json(&report),
        Format::Html => samictl::render::html::diff::page_of(&report, &label),
    };
    let text = if matches!(args.format, Format::Human) {
        ctx.fit(&text)
    } else {
        text
    };
    super::report::deliver(&text, args.output.as_deref())?;
    Ok(exit(if report.fails() {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }))
}
