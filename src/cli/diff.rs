//! `samictl diff OLD NEW`: what a change does to each outcome's behaviour.

use super::context::{Context, EXIT_FINDINGS, EXIT_OK, Failure, emit, exit};
use clap::ValueEnum;
use samictl::model::Bot;
use samictl::render::diff::{human, json, markdown};
use samictl::render::human::Palette;
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

/// Reads a file, or `REV:PATH` from git when no such file exists.
fn read(spec: &str) -> Result<Vec<u8>, Failure> {
    if Path::new(spec).is_file() {
        return std::fs::read(spec)
            .map_err(|e| Failure::new(format!("`{spec}`: cannot read: {e}")));
    }
    let Some((rev, path)) = spec
        .split_once(':')
        .filter(|(r, p)| !r.is_empty() && !p.is_empty())
    else {
        return Err(Failure::new(format!("`{spec}`: no such file")).with_hint(
            "give a file, or REV:PATH to read it from git (`origin/main:bots/a.yaml`)",
        ));
    };
    let out = std::process::Command::new("git")
        .args(["show", &format!("{rev}:{path}")])
        .output()
        .map_err(|e| Failure::new(format!("`{spec}`: cannot run git: {e}")))?;
    if !out.status.success() {
        let why = String::from_utf8_lossy(&out.stderr);
        return Err(Failure::new(format!(
            "`{spec}`: no such file, and git cannot show it: {}",
            why.trim()
        )));
    }
    Ok(out.stdout)
}

fn load(ctx: &Context, spec: &str) -> Result<Bot, Failure> {
    let bytes = read(spec)?;
    // A version that breaks the org policy is still compared: `diff` flags the break.
    let mut config = ctx.config.clone();
    config.policy.outcomes.clear();
    let lenient = Context {
        config,
        config_path: ctx.config_path.clone(),
        color: ctx.color,
        width: ctx.width,
    };
    lenient.checked_bot(spec, &bytes).ok_or_else(|| {
        Failure::new(format!(
            "`{spec}` has errors: its behaviour can't be compared"
        ))
    })
}

pub fn run(ctx: &Context, args: &Args) -> Result<ExitCode, Failure> {
    let before = load(ctx, &args.old)?;
    let after = load(ctx, &args.new)?;
    let mut d = samictl::diff::diff(&before, &after);
    samictl::policy::flag_diff(&mut d, &ctx.config.policy.outcomes, &before, &after);
    let text = match args.format {
        Format::Human => human(&d, &Palette::new(ctx.color)),
        Format::Markdown => markdown(&d),
        Format::Json => json(&d),
    };
    emit(&text)?;
    Ok(exit(if d.is_empty() { EXIT_OK } else { EXIT_FINDINGS }))
}
