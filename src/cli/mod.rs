//! The command line: one module per subcommand, each wiring library calls together.

/// `eprintln!` that never panics: a closed or full standard error (`2>/dev/full`) is ignored
/// and the command ends with its own exit code (docs/spec 12).
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::cli::context::to_stderr(&format!("{}\n", format_args!($($arg)*)))
    };
}

/// `eprint!` that never panics (see `say!`).
macro_rules! say_part {
    ($($arg:tt)*) => {
        $crate::cli::context::to_stderr(&format!($($arg)*))
    };
}

mod context;
mod diff;
mod diff_git;
mod dir;
mod edit;
mod failure;
mod filter;
mod fix;
mod fmt;
mod generate;
mod git;
mod init;
mod inputs;
mod lsp;
mod parallel;
mod read;
mod report;
mod rules;
mod show;
mod simulate;
mod test;
mod validate;
mod walk;
mod write;

pub use context::{Failure, to_stderr};

use context::ColorChoice;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// The top-level help's examples; the outcome named is the table's (where call opt-outs land).
fn examples() -> String {
    let opt_out = samictl::product::example::opt_out(samictl::product::Channel::Call);
    format!(
        "\
Examples:
  samictl init bots/seller.yaml                   a new bot file from SAMI's presets
  samictl validate bots/                          check every bot file under bots/
  samictl validate --format json bots/            the same, as JSON for CI
  samictl fix bots/                               apply the safe fixes in place
  samictl fmt --check bots/                       are the files in the canonical layout?
  samictl show bots/seller.yaml --expand          every card in full
  samictl simulate bots/seller.yaml --outcome {opt_out}
  samictl edit bots/seller.yaml                   change cards through prompts
  samictl test                                    run every *.test.yaml expectation file
  samictl diff origin/main:bots/seller.yaml bots/seller.yaml   what a change does
  samictl explain notify-not-allowed              what a rule catches and how to fix it

Exit codes: 0 no errors; 1 a file has an error (test: a case fails or an expectation file is
broken; diff: behaviour differs); 2 usage error, unreadable input or invalid samictl.toml."
    )
}

/// Lint, inspect, simulate and edit SAMI bot outcome configurations.
///
/// A bot file is the YAML configuration of one SAMI Bot's eight outcome cards: what the bot
/// does mid-call and which actions run after the call. samictl checks these files against the
/// format contract and SAMI's product rules (locked actions, TCPA do-not-contact, what each
/// outcome allows).
#[derive(Debug, Parser)]
#[command(name = "samictl", version, after_help = examples(), max_term_width = 100)]
pub struct Cli {
    /// Use this samictl.toml instead of searching the working directory and its ancestors
    /// (also after the commands that read it).
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Ignore any samictl.toml (also after the commands that read it).
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,

    /// When to use colour (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`).
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

/// `--config PATH` / `--no-config` after the subcommand, on the commands that read
/// samictl.toml only: `rules`, `explain`, `schema` and `completions` never do, and don't offer
/// them (before the subcommand they are accepted and ignored, as docs/spec 10 has them).
#[derive(Clone, Debug, Default, clap::Args)]
pub struct ConfigArgs {
    /// Use this samictl.toml instead of searching the working directory and its ancestors.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Ignore any samictl.toml.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
}

/// The arguments of a command that reads bot (or expectation) files, in this order: its PATHs,
/// its own options `O`, then `--config` / `--no-config`. `validate`, `fix`, `fmt`, `show`,
/// `simulate`, `test` and `report` are each a `Reading` of their `Options`, which words the
/// PATHs' help (`#[command(mut_arg("paths", ...))]`: what each reads, and from where by
/// default, differs) and carries the command-level attributes.
#[derive(Debug, clap::Args)]
pub struct Reading<O: clap::Args> {
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub opts: O,

    #[command(flatten)]
    pub config: ConfigArgs,
}

/// `--follow` and `--exclude` / `--force-exclude`, in this order: the walk's arguments of
/// `show`, `simulate`, `report` and `fmt` (`validate`, `fix` and `test` word or order theirs
/// otherwise).
#[derive(Clone, Debug, Default, clap::Args)]
pub struct WalkArgs {
    /// In a directory walk, follow symbolic links whose target stays inside the walked folder
    /// (by default they are skipped). A file named on the command line is always read.
    #[arg(long)]
    pub follow: bool,

    #[command(flatten)]
    pub exclude: inputs::ExcludeArgs,
}

impl Command {
    /// The `--config` / `--no-config` of a command that reads samictl.toml; `None` for one
    /// that never does.
    fn config_args(&self) -> Option<&ConfigArgs> {
        match self {
            Command::Validate(a) => Some(&a.config),
            Command::Fix(a) => Some(&a.config),
            Command::Fmt(a) => Some(&a.config),
            Command::Show(a) => Some(&a.config),
            Command::Simulate(a) => Some(&a.config),
            Command::Init(a) => Some(&a.config),
            Command::Edit(a) => Some(&a.config),
            Command::Test(a) => Some(&a.config),
            Command::Diff(a) => Some(&a.config),
            Command::Report(a) => Some(&a.config),
            Command::Lsp(a) => Some(&a.config),
            Command::Rules
            | Command::Explain(_)
            | Command::Schema(_)
            | Command::Completions(_)
            | Command::Manpage(_) => None,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check bot files: every finding of every file, with its rule, place and fix.
    Validate(validate::Args),
    /// Apply the machine-applicable fixes in place (safe ones; unsafe with --unsafe).
    Fix(fix::Args),
    /// Rewrite bot files in the one canonical layout (--check for CI).
    Fmt(fmt::Args),
    /// Show the eight outcome cards as tables, collapsed or expanded.
    Show(show::Args),
    /// Show exactly what fires for an outcome, in order, and why.
    Simulate(simulate::Args),
    /// Write a new bot file: SAMI's preset cards where one is published, the other cards empty.
    Init(init::Args),
    /// Change a bot's cards through prompts; shows the diff and asks before writing.
    Edit(edit::Args),
    /// Run expectation files (*.test.yaml) that pin what each outcome fires.
    Test(test::Args),
    /// Compare the behaviour of two versions of a bot file, outcome by outcome.
    Diff(diff::Args),
    /// Write every bot as one self-contained HTML page: cards, fleet matrix and findings.
    Report(report::Args),
    /// List every rule with its severity.
    #[command(after_help = "Examples:\n  samictl rules\n  samictl explain outcome-missing")]
    Rules,
    /// Explain one rule in full, with a wrong and a right example.
    Explain(rules::ExplainArgs),
    /// Print a JSON Schema of the format, for editors (yaml-language-server).
    Schema(generate::SchemaArgs),
    /// Print a shell completion script.
    Completions(generate::CompletionsArgs),
    /// Run the language server (LSP over standard input and output) for editors.
    Lsp(lsp::Args),
    /// Print the man page (roff), for packagers.
    #[command(hide = true)]
    Manpage(generate::ManpageArgs),
}

/// Runs the parsed command line and gives the process exit code.
pub fn run(mut cli: Cli) -> Result<ExitCode, Failure> {
    // `--config` / `--no-config` after the subcommand win over the ones before it. Before the
    // subcommand they stay accepted (docs/spec 10 lists them as global) and are ignored by
    // the commands that never read samictl.toml.
    if let Some(sub) = cli.command.config_args() {
        if let Some(p) = &sub.config {
            cli.config = Some(p.clone());
            cli.no_config = false;
        } else if sub.no_config {
            cli.config = None;
            cli.no_config = true;
        }
    }
    // The server finds the samictl.toml of each file it is given, not of the working directory.
    if let Command::Lsp(args) = &cli.command {
        return lsp::run(&cli, args);
    }
    let ctx = match &cli.command {
        // These never read samictl.toml: a broken one in a parent folder must not stop them.
        Command::Rules
        | Command::Explain(_)
        | Command::Schema(_)
        | Command::Completions(_)
        | Command::Manpage(_) => context::Context::without_config(cli.color),
        _ => context::Context::new(cli.config.as_deref(), cli.no_config, cli.color)?,
    };
    match &cli.command {
        Command::Validate(args) => validate::run(&ctx, args),
        Command::Fix(args) => fix::run(&ctx, args),
        Command::Fmt(args) => fmt::run(&ctx, args),
        Command::Show(args) => show::run(&ctx, args),
        Command::Simulate(args) => simulate::run(&ctx, args),
        Command::Init(args) => init::run(&ctx, args),
        Command::Edit(args) => edit::run(&ctx, args),
        Command::Test(args) => test::run(&ctx, args),
        Command::Diff(args) => diff::run(&ctx, args),
        Command::Report(args) => report::run(&ctx, args),
        Command::Rules => rules::list(&ctx),
        Command::Explain(args) => rules::explain(&ctx, args),
        Command::Schema(args) => generate::schema(args),
        Command::Completions(args) => generate::completions(args),
        Command::Manpage(args) => generate::manpage(args),
        Command::Lsp(args) => lsp::run(&cli, args),
    }
}

/// An outcome tag that is not one of the eight (exit 2, with the valid tags).
fn unknown_outcome(tag: &str) -> Failure {
    let tags: Vec<&str> = samictl::outcome::Outcome::tags().collect();
    let mut hint = format!("the outcome tags are {}", tags.join(", "));
    if let Some(t) = samictl::values::did_you_mean(tag, tags.iter().copied()) {
        hint = format!("did you mean `{t}`? {hint}");
    }
    Failure::new(format!("unknown outcome `{tag}`")).with_hint(hint)
}
