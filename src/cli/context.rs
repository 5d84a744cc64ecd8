//! What every subcommand shares: the configuration, colour, output, and failures.

use super::{Cli, ColorChoice};
use samictl::config::{Config, parse_config};
use samictl::model::Bot;
use samictl::render::tables::Layout;
use samictl::render::{FileReport, human};
use samictl::validate::check_bytes;
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
///
/// A bot file refused by `show`, `simulate` or `edit` is a failure with exit code 1 whose
/// diagnostics were already printed (`message` is empty).
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub message: String,
    pub hint: Option<String>,
}

impl Failure {
    pub fn new(message: impl Into<String>) -> Failure {
        Failure {
            code: EXIT_USAGE,
            message: message.into(),
            hint: None,
        }
    }

    /// The file has errors; they have been printed.
    pub fn findings() -> Failure {
        Failure {
            code: EXIT_FINDINGS,
            message: String::new(),
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
    /// Terminal width, when standard output is a terminal.
    pub width: Option<u16>,
}

/// A bot file loaded for show, simulate or edit.
pub struct LoadedBot {
    pub bot: Bot,
    /// The path as shown to the user.
    pub path: String,
    /// The file's text, for commands that change it.
    pub source: String,
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
        let terminal = std::io::stdout().is_terminal();
        Ok(Context {
            config,
            config_path,
            color: use_color(cli.color, terminal),
            width: table_width(terminal),
        })
    }

    pub fn layout(&self) -> Layout {
        Layout {
            color: self.color,
            width: self.width,
        }
    }

    /// Finds the bot file: the argument; `bot` in samictl.toml (relative to its folder);
    /// `./bot.yaml`. `Ok(None)` when none exists and no argument was given.
    pub fn find_bot_file(&self, arg: Option<&Path>) -> Result<Option<PathBuf>, Failure> {
        if let Some(p) = arg {
            if p.as_os_str() == "-" || p.is_file() {
                return Ok(Some(p.to_path_buf()));
            }
            return Err(Failure::new(format!("`{}`: no such file", p.display())));
        }
        if let (Some(bot), Some(dir)) = (&self.config.bot, self.config_dir()) {
            let p = dir.join(bot);
            if p.is_file() {
                return Ok(Some(p));
            }
        }
        let default = PathBuf::from("bot.yaml");
        Ok(default.is_file().then_some(default))
    }

    /// The hint for when no bot file was found.
    pub fn no_bot_file(&self) -> Failure {
        let mut tried = vec!["a FILE argument".to_owned()];
        match (&self.config.bot, &self.config_path) {
            (Some(bot), Some(path)) => tried.push(format!(
                "`bot = \"{bot}\"` in {} (no such file)",
                path.display()
            )),
            _ => tried.push("`bot` in samictl.toml (none set)".to_owned()),
        }
        tried.push("./bot.yaml (not found)".to_owned());
        Failure::new(format!("no bot file: tried {}", tried.join(", ")))
            .with_hint("name the file (`samictl show bots/seller.yaml`), or set `bot = \"...\"` in samictl.toml")
    }

    /// Reads and checks a bot file; a file with errors is refused with its diagnostics
    /// printed to standard error (exit 1).
    pub fn load_bot(&self, path: &Path) -> Result<LoadedBot, Failure> {
        let input = super::inputs::Input {
            display: path.display().to_string(),
            path: (path.as_os_str() != "-").then(|| path.to_path_buf()),
        };
        let bytes = super::inputs::read(&input)?;
        match self.checked_bot(&input.display, &bytes) {
            Some(bot) => Ok(LoadedBot {
                bot,
                path: input.display,
                source: String::from_utf8_lossy(&bytes).into_owned(),
            }),
            None => {
                eprintln!("error: refusing to continue with a file that has errors");
                Err(Failure::findings())
            }
        }
    }

    /// The checked bot of a file's bytes; a file with errors gives `None`, its diagnostics
    /// printed to standard error.
    pub fn checked_bot(&self, display: &str, bytes: &[u8]) -> Option<Bot> {
        let checked = check_bytes(bytes, &self.config.settings(false));
        if checked.bot.is_none() {
            let source = String::from_utf8_lossy(bytes);
            let report = FileReport::new(display.to_owned(), &source, checked.diagnostics);
            let color = self.color && std::io::stderr().is_terminal();
            eprint!(
                "{}",
                human::validate_report(&[report], &human::Palette::new(color))
            );
        }
        checked.bot
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

/// Width tables are fitted to: the terminal's, else `COLUMNS`, else 100 columns (so piped
/// output stays readable and stable).
fn table_width(terminal: bool) -> Option<u16> {
    let from_terminal = terminal
        .then(terminal_size::terminal_size)
        .flatten()
        .map(|(w, _)| w.0);
    let from_env = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<u16>().ok())
        .filter(|w| *w >= 40);
    Some(from_terminal.or(from_env).unwrap_or(100))
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
