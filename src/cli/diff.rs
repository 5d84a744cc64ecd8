//! `samictl diff OLD NEW`: what a change does to each outcome's behaviour.

use super::context::{Context, EXIT_FINDINGS, EXIT_OK, Failure, emit, exit};
use super::{git, inputs};
use clap::ValueEnum;
use samictl::model::Bot;
use samictl::render::diff::{human, json, markdown};
use samictl::render::human::Palette;
use samictl::render::text::escape;
use std::path::Path;
use std::process::ExitCode;

const EXAMPLES: &str = "\
Examples:
  samictl diff old.yaml bots/seller.yaml
  samictl diff origin/main:bots/seller.yaml bots/seller.yaml      OLD read from git
  samictl diff --format markdown origin/main:bots/a.yaml bots/a.yaml > comment.md

Exit codes: 0 same behaviour (comments and formatting are no change), 1 behaviour differs,
2 trouble (unreadable file, a file with errors, git failed).";

#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The bot before the change: a file, or REV:PATH read from git.
    #[arg(value_name = "OLD")]
    pub old: String,

    /// The bot after the change: a file, or REV:PATH read from git.
    #[arg(value_name = "NEW")]
    pub new: String,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// before and after of each changed outcome
    Human,
    /// a table ready to paste as a pull-request comment
    Markdown,
    /// {"changes": [{"outcome", "before", "after", ...}]}
    Json,
}

/// What was read: a file's or a blob's bytes, or an over-limit size.
enum Read {
    Whole(Vec<u8>),
    TooLarge(Option<u64>),
}

/// Reads a file, or `REV:PATH` from git when no such file exists; both capped.
fn read(spec: &str) -> Result<Read, Failure> {
    let path = Path::new(spec);
    if path.exists() {
        let input = inputs::Input {
            display: spec.to_owned(),
            path: Some(path.to_path_buf()),
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
    let bot = match read(spec)? {
        Read::Whole(bytes) => ctx.checked_bot(spec, &bytes),
        Read::TooLarge(size) => {
            let n = size.map_or_else(|| "more than 1 MiB".to_owned(), |n| format!("{n} bytes"));
            return Err(Failure::new(format!(
                "`{}` is {n}; bot files are limited to 1 MiB",
                escape(spec)
            )));
        }
    };
    bot.ok_or_else(|| {
        Failure::new(format!(
            "`{}` has errors: its behaviour can't be compared",
            escape(spec)
        ))
    })
}

pub fn run(ctx: &Context, args: &Args) -> Result<ExitCode, Failure> {
    let before = load(ctx, &args.old)?;
    let after = load(ctx, &args.new)?;
    let d = samictl::diff::diff(&before, &after);
    let text = match args.format {
        Format::Human => human(&d, &Palette::new(ctx.color)),
        Format::Markdown => markdown(&d),
        Format::Json => json(&d),
    };
    emit(&text)?;
    Ok(exit(if d.is_empty() { EXIT_OK } else { EXIT_FINDINGS }))
}
