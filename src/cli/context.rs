//! What every subcommand shares: the configuration, colour, output, and failures.

use anyhow::Context as _;
use samictl::config::{Config, parse_config};
use samictl::diagnostic::Diagnostic;
use samictl::model::Bot;
use samictl::render::tables::Layout;
use samictl::render::text::escape;
use samictl::render::{FileReport, human};
use samictl::validate::check_bytes;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub use super::failure::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Failure};

/// `--color WHEN`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// The configuration in force and where it came from.
pub struct Context {
    pub config: Config,
    /// The samictl.toml used, if any.
    pub config_path: Option<PathBuf>,
    pub color: bool,
    /// Terminal width, when standard output is a terminal.
    pub width: Option<u16>,
    /// The width human output is fitted to: the terminal's or `COLUMNS`; none when neither
    /// gives one (piped output keeps its lines whole, as before).
    pub fit_width: Option<u16>,
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
    /// The context of the global options: `--config PATH`, `--no-config`, `--color WHEN`.
    pub fn new(
        config: Option<&Path>,
        no_config: bool,
        color: ColorChoice,
    ) -> Result<Context, Failure> {
        let config_path = if no_config {
            None
        } else if let Some(p) = config {
            if !p.exists() {
                return Err(Failure::new(format!(
                    "config file {} does not exist",
                    super::read::shown(p)
                )));
            }
            Some(p.to_path_buf())
        } else {
            discover_config()
        };
        let config = match &config_path {
            Some(p) => load_config(p)?,
            None => Config::default(),
        };
        Ok(Context::with_config(color, config, config_path))
    }

    /// The context of a command that never reads `samictl.toml` (`rules`, `explain`,
    /// `schema`, `completions`): a broken one in a parent folder doesn't stop them.
    pub fn without_config(color: ColorChoice) -> Context {
        Context::with_config(color, Config::default(), None)
    }

    fn with_config(color: ColorChoice, config: Config, config_path: Option<PathBuf>) -> Context {
        let terminal = std::io::stdout().is_terminal();
        let width = table_width(terminal);
        let fit_width = given_width(terminal);
        if let Some(w) = fit_width {
            let _ = STDERR_WIDTH.set(w);
        }
        Context {
            config,
            config_path,
            color: use_color(color, terminal),
            width,
            fit_width,
        }
    }

    /// Human output fitted to the width (every line at most that wide; see `render::fit`).
    pub fn fit(&self, text: &str) -> String {
        match self.fit_width {
            Some(w) => samictl::render::fit::fit(text, usize::from(w)),
            None => text.to_owned(),
        }
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
            // Named on the command line: read even through a link; a FIFO or device is
            // refused by the reader ("not a regular file"), never waited on.
            if p.as_os_str() == "-" || p.exists() {
                return Ok(Some(p.to_path_buf()));
            }
            return Err(Failure::new(format!(
                "{}: no such file",
                super::read::shown(p)
            )));
        }
        if let (Some(bot), Some(dir)) = (&self.config.bot, self.config_dir()) {
            let p = dir.join(bot);
            if p.exists() {
                confine(&dir, &p, bot)?;
                return Ok(Some(p));
            }
        }
        let default = PathBuf::from("bot.yaml");
        Ok(default.is_file().then_some(default))
    }

    /// The hint for when no bot file was found.
    pub fn no_bot_file(&self) -> Failure {
        let mut tried = vec!["no FILE argument".to_owned()];
        match (&self.config.bot, &self.config_path) {
            (Some(bot), Some(path)) => tried.push(format!(
                "`bot = \"{}\"` in {} (no such file)",
                escape(bot),
                escape(&path.display().to_string())
            )),
            _ => tried.push("`bot` in samictl.toml (none set)".to_owned()),
        }
        tried.push("./bot.yaml (not found)".to_owned());
        Failure::new(format!("no bot file: {}", tried.join(", ")))
            .with_hint("name the file (`samictl show bots/seller.yaml`), or set `bot = \"...\"` in samictl.toml")
    }

    /// Reads and checks a bot file; a file with errors is refused with its diagnostics
    /// printed to standard error (exit 1).
    pub fn load_bot(&self, path: &Path) -> Result<LoadedBot, Failure> {
        let input = super::read::Input {
            display: path.display().to_string(),
            path: (path.as_os_str() != "-").then(|| path.to_path_buf()),
            origin: None,
        };
        let bytes = match super::read::read_bot(&input)? {
            super::read::BotBytes::Whole(bytes) => bytes,
            super::read::BotBytes::TooLarge(size) => {
                let diagnostics = samictl::validate::oversized(size).diagnostics;
                self.print_findings(&input.display, "", diagnostics);
                say!("error: refusing to continue with a file that has errors");
                return Err(Failure::findings());
            }
        };
        match self.checked_bot(&input.display, &bytes) {
            Some(bot) => Ok(LoadedBot {
                bot,
                path: input.display,
                source: String::from_utf8_lossy(&bytes).into_owned(),
            }),
            None => {
                say!("error: refusing to continue with a file that has errors");
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
            self.print_findings(display, &source, checked.diagnostics);
        }
        checked.bot
    }

    /// Prints a file's findings to standard error, as `validate` would.
    fn print_findings(&self, display: &str, source: &str, diagnostics: Vec<Diagnostic>) {
        let mut report = FileReport::new(display.to_owned(), source, diagnostics);
        if source.is_empty() {
            // Nothing was read (an over-limit file): no source line to show.
            report.lines.clear();
        }
        let color = self.color && std::io::stderr().is_terminal();
        report_to_stderr(&report, color);
    }

    /// `bot =` for a file about to be created (`init`): a relative path without `..`, whose
    /// existing folders resolve inside the folder of samictl.toml.
    pub fn confine_new(&self, dir: &Path, bot: &str) -> Result<(), Failure> {
        use std::path::Component;
        let rel = Path::new(bot);
        let plain = rel
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
        let mut inside = plain;
        if plain {
            // The deepest folder on the way that exists must resolve inside.
            let root = std::fs::canonicalize(if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            });
            let mut at = dir.join(rel);
            while !at.exists() {
                match at.parent() {
                    Some(p) => at = p.to_path_buf(),
                    None => break,
                }
            }
            inside = match (root, std::fs::canonicalize(&at)) {
                (Ok(root), Ok(resolved)) => resolved.starts_with(root),
                _ => false,
            };
        }
        if inside { Ok(()) } else { Err(outside(bot)) }
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
        .find(|p| p.exists())
}

/// Reads `samictl.toml` through the one reader (capped, regular files only).
fn load_config(path: &Path) -> Result<Config, Failure> {
    let bytes = super::read::read_file(Some(path), &path.display().to_string())?;
    let shown = super::read::shown(path);
    let text = std::str::from_utf8(&bytes)
        .map_err(|_| Failure::new(format!("invalid {shown}: not UTF-8 text")))?;
    // Keys and values quoted in the message come from the file: escaped.
    parse_config(text)
        .map_err(|e| Failure::new(format!("invalid {shown}: {}", escape(&e.to_string()))))
}

/// `bot =` in samictl.toml must name a file inside the folder that holds samictl.toml, links
/// resolved: a committed `bot = "/proc/self/environ"` or `bot = "../../.git-credentials"` is
/// exit 2, never read.
fn confine(dir: &Path, path: &Path, bot: &str) -> Result<(), Failure> {
    let dir_abs = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let inside = match (std::fs::canonicalize(dir_abs), std::fs::canonicalize(path)) {
        (Ok(root), Ok(target)) => target.starts_with(&root) && target != root,
        _ => false,
    };
    if inside {
        return Ok(());
    }
    Err(outside(bot))
}

fn outside(bot: &str) -> Failure {
    Failure::new(format!(
        "`bot = \"{}\"` in samictl.toml points outside the folder that holds samictl.toml",
        escape(bot)
    ))
    .with_hint("`bot` names a bot file inside the project, relative to samictl.toml")
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
    Some(given_width(terminal).unwrap_or(100))
}

/// The width of the terminal standard output is, else `COLUMNS`; none when neither says.
fn given_width(terminal: bool) -> Option<u16> {
    let from_terminal = terminal
        .then(terminal_size::terminal_size)
        .flatten()
        .map(|(w, _)| w.0);
    let from_env = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<u16>().ok())
        .filter(|w| *w >= 40);
    from_terminal.or(from_env)
}

/// Writes to standard output; a closed pipe (`samictl ... | head`) is not an error.
/// Writes to standard error, ignoring a closed or full stream (what `say!` expands to).
pub fn to_stderr(text: &str) {
    // Fitted to the width, as human output on standard output is (see `Context::fit`).
    let text = match STDERR_WIDTH.get() {
        Some(w) => samictl::render::fit::fit(text, usize::from(*w)),
        None => text.to_owned(),
    };
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// Writes a file's findings to standard error as `validate` reports them, each written as it
/// is rendered (issue 32: 500,000 findings are 195 MB of text), fitted as `say!` fits.
pub fn report_to_stderr(report: &FileReport, color: bool) {
    use samictl::render::emit::{Fitted, write_all};
    let stderr = std::io::BufWriter::with_capacity(1 << 16, std::io::stderr().lock());
    let mut out = Fitted::new(stderr, STDERR_WIDTH.get().map(|w| usize::from(*w)));
    let human = human::Human(human::Palette::new(color));
    let _ = write_all(&human, &mut out, std::slice::from_ref(report));
    let _ = out.finish();
}

/// The width messages on standard error are fitted to, once a context is made.
static STDERR_WIDTH: std::sync::OnceLock<u16> = std::sync::OnceLock::new();

pub fn emit(text: &str) -> Result<(), Failure> {
    emit_with(|out| out.write_all(text.as_bytes()))
}

/// Standard output, buffered, to `write` into as it goes; a reader that closed the pipe
/// (`| head`) is not an error.
pub fn emit_with(
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<(), Failure> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        written => Ok(written.context("cannot write output")?),
    }
}

pub fn exit(code: u8) -> ExitCode {
    ExitCode::from(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A failure from an I/O error with context reads as the hand-written messages did:
    /// `context: error`, exit code 2.
    #[test]
    fn an_error_with_context_is_the_chain_on_one_line() {
        let io = std::io::Error::new(std::io::ErrorKind::StorageFull, "disk full");
        let failure: Failure = Err::<(), _>(io)
            .context("cannot write output")
            .map_err(Failure::from)
            .unwrap_err();
        assert_eq!(failure.code, EXIT_USAGE);
        assert_eq!(failure.message, "cannot write output: disk full");
        let nested: Failure = anyhow::anyhow!("exit status 128")
            .context("cannot run git")
            .context("`HEAD:a.yaml`")
            .into();
        assert_eq!(
            nested.to_string(),
            "`HEAD:a.yaml`: cannot run git: exit status 128"
        );
    }
}
