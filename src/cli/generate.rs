//! `samictl schema`, `samictl completions SHELL` and the hidden `samictl manpage`: files
//! generated from the format tables and from the command line itself.

use super::Cli;
use super::context::{EXIT_OK, Failure, emit, exit};
use clap::CommandFactory;
use clap_complete::Shell;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  samictl schema > schema/samictl-bot-v1.schema.json
  # then, first line of a bot file, for VS Code and other yaml-language-server editors:
  # yaml-language-server: $schema=../schema/samictl-bot-v1.schema.json
  samictl schema --config > samictl-toml.schema.json
  # then, first line of samictl.toml, for Taplo / Even Better TOML:
  #:schema ./samictl-toml.schema.json")]
pub struct SchemaArgs {
    /// Print the JSON Schema of samictl.toml instead (for TOML editors: Taplo, Even Better
    /// TOML).
    #[arg(long)]
    pub config: bool,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  samictl completions bash > ~/.local/share/bash-completion/completions/samictl
  samictl completions zsh > ~/.zfunc/_samictl
  samictl completions fish > ~/.config/fish/completions/samictl.fish")]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(Debug, clap::Args)]
pub struct ManpageArgs {
    /// A subcommand's page (`samictl-validate.1`) instead of the main one.
    #[arg(value_name = "SUBCOMMAND")]
    pub subcommand: Option<String>,

    /// List the subcommands that get a page (every visible one, from the command tree), one
    /// per line: what `tests/it/generated.rs` walks, so no page can be forgotten.
    #[arg(long, conflicts_with = "subcommand")]
    pub list: bool,
}

pub fn schema(args: &SchemaArgs) -> Result<ExitCode, Failure> {
    if args.config {
        emit(&samictl::config_schema::config_schema_text())?;
    } else {
        emit(&samictl::schema::schema_text())?;
    }
    Ok(exit(EXIT_OK))
}

/// The completion script for `shell`. Hidden subcommands (`manpage`, for packagers) are left
/// out: clap's generators would offer them.
pub fn completion_script(shell: Shell) -> String {
    let full = Cli::command();
    let visible = full
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .cloned()
        .collect::<Vec<_>>();
    let mut command = clap::Command::new("samictl")
        .version(env!("CARGO_PKG_VERSION"))
        .about(full.get_about().cloned().unwrap_or_default())
        .long_about(full.get_long_about().cloned().unwrap_or_default())
        .args(full.get_arguments().cloned())
        .subcommands(visible);
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut command, "samictl", &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

pub fn completions(args: &CompletionsArgs) -> Result<ExitCode, Failure> {
    emit(&completion_script(args.shell))?;
    Ok(exit(EXIT_OK))
}

pub fn manpage(args: &ManpageArgs) -> Result<ExitCode, Failure> {
    let mut command = Cli::command();
    command.build();
    if args.list {
        let names: Vec<&str> = command
            .get_subcommands()
            .filter(|c| !c.is_hide_set())
            .map(|c| c.get_name())
            .filter(|n| *n != "help")
            .collect();
        emit(&format!("{}\n", names.join("\n")))?;
        return Ok(exit(EXIT_OK));
    }
    let page = match &args.subcommand {
        None => command,
        Some(name) => command
            .find_subcommand(name)
            .filter(|c| !c.is_hide_set())
            .cloned()
            .map(|c| {
                let full = format!("samictl-{name}");
                c.name(full.clone())
                    .bin_name(full.replace('-', " "))
                    .version(env!("CARGO_PKG_VERSION"))
            })
            .ok_or_else(|| Failure::new(format!("no subcommand `{name}`")))?,
    };
    let mut buf = Vec::new();
    clap_mangen::Man::new(page)
        .render(&mut buf)
        .map_err(|e| Failure::new(format!("cannot render the man page: {e}")))?;
    emit(&String::from_utf8_lossy(&buf))?;
    Ok(exit(EXIT_OK))
}
