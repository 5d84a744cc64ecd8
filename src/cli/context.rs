//! What every subcommand shares: the configuration, colour, output, and failures.

use super::{Cli, ColorChoice};
use samictl::config::{Config, parse_config};
use std::fmt;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exit codes (spec section 9).
pub const EXIT_OK: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

/// A failure that ends the command with exit code 2: a usage error, an unreadable path or
/// an invalid samictl.toml. Findings in bot files are not failures; they are output.
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    pub hint: Option<String>,
}

impl Failure {
    pub fn new(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Failure {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(h) = &self.hint {
            write!(f, "\nhint: {h}")?;
        }
        Ok(())
    }
}

/// The configuration in force and where it came from.
pub struct Context {
    pub config: Config,
    /// The samictl.toml used, if any.
    pub config_path: Option<PathBuf>,
    pub color: bool,
}

impl Context {
    pub fn new(cli: &Cli) -> Result<Context, Failure> {
        let config_path = if cli.no_config {
            None
        } else if let Some(p) = &cli.config {
            if !p.is_file() {
                return Err(Failure::new(format!(
                    "config file `{}` does not exist",
                    p.display()
                )));
            }
            Some(p.clone())
        } else {
            discover_config()
        };
        let config = match &config_path {
            Some(p) => load_config(p)?,
            None => Config::default(),
        };
        Ok(Context {
            config,
            config_path,
            color: use_color(cli.color, std::io::stdout().is_terminal()),
        })
    }

    /// The folder `bot` in samictl.toml is relative to.
    pub fn config_dir(&self) -> Option<PathBuf> {
        self.config_path
            .as_ref()
            .map(|p| p.parent().map(Path::to_path_buf).unwrap_or_default())
    }
}

fn discover_config() -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    cwd.ancestors()
        .map(|dir| dir.join("samictl.toml"))
        .find(|p| p.is_file())
}

fn load_config(path: &Path) -> Result<Config, Failure> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::new(format!("cannot read `{}`: {e}", path.display())))?;
    parse_config(&text).map_err(|e| Failure::new(format!("invalid `{}`: {e}", path.display())))
}

/// Colour decision: `--color` wins; with `auto`, `NO_COLOR` turns colour off, `CLICOLOR_FORCE`
/// turns it on, and otherwise colour follows whether standard output is a terminal.
pub fn use_color(choice: ColorChoice, is_terminal: bool) -> bool {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0");
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) => false,
        ColorChoice::Auto if set("CLICOLOR_FORCE") => true,
        ColorChoice::Auto => is_terminal,
    }
}

/// Writes to standard output; a closed pipe (`samictl ... | head`) is not an error.
pub fn emit(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::new(format!("cannot write output: {e}"))),
    }
}

pub fn exit(code: u8) -> ExitCode {
    ExitCode::from(code)
}
