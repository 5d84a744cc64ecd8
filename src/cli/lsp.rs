//! `samictl lsp`: the language server over standard input and output (spec section 16).
//!
//! This module is the I/O around [`samictl::lsp::Server`]: it reads framed messages from
//! standard input, hands each to the server, writes what comes back to standard output, and
//! finds the `samictl.toml` nearest to each file. Logs go to standard error, which editors
//! keep as the server's log.

use super::Cli;
use super::context::Failure;
use samictl::config::{Settings, parse_config};
use samictl::lsp::transport::{self, Frame};
use samictl::lsp::{ConfigSource, Control, Server};
use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const EXAMPLES: &str = "\
The editor starts the server and talks to it over standard input and output; you don't run it \
by hand. Setup for VS Code, Neovim and Helix: docs/editors.md.

Examples:
  samictl lsp                           nearest samictl.toml
  samictl --config ci/samictl.toml lsp  one for every file
  samictl --no-config lsp               none";

#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Accepted for editors that pass it (the default, and the only transport).
    #[arg(long)]
    pub stdio: bool,

    #[command(flatten)]
    pub config: super::ConfigArgs,
}

/// Which `samictl.toml` applies to a file.
struct NearestConfig {
    /// `--config PATH` (Some(Some)) or `--no-config` (Some(None)); `None`: search per file.
    fixed: Option<Option<PathBuf>>,
}

impl ConfigSource for NearestConfig {
    fn settings_for(&mut self, file: Option<&Path>) -> Result<Settings, String> {
        let path = match &self.fixed {
            Some(p) => p.clone(),
            None => {
                let dir = match file.and_then(Path::parent) {
                    Some(d) => Some(d.to_path_buf()),
                    None => std::env::current_dir().ok(),
                };
                dir.and_then(|d| {
                    d.ancestors()
                        .map(|a| a.join("samictl.toml"))
                        .find(|p| p.is_file())
                })
            }
        };
        let Some(path) = path else {
            return Ok(Settings::default());
        };
        let text = read_config(&path)?;
        parse_config(&text)
            .map(|c| c.settings(false))
            .map_err(|e| format!("invalid `{}`: {e}", escape_path(&path)))
    }
}

/// Reads a samictl.toml: a regular file, at most 1 MiB.
fn read_config(path: &Path) -> Result<String, String> {
    let shown = escape_path(path);
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read `{shown}`: {e}"))?;
    if !meta.is_file() {
        return Err(format!("`{shown}` is not a regular file"));
    }
    let limit = samictl::yaml::MAX_FILE_BYTES as u64;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("cannot read `{shown}`: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(format!("`{shown}` is over 1 MiB"));
    }
    String::from_utf8(bytes).map_err(|_| format!("`{shown}` is not UTF-8"))
}

fn escape_path(path: &Path) -> String {
    samictl::render::text::escape(&path.display().to_string())
}

pub fn run(cli: &Cli, _args: &Args) -> Result<ExitCode, Failure> {
    let fixed = if cli.no_config {
        Some(None)
    } else {
        cli.config.clone().map(Some)
    };
    let mut server = Server::new(NearestConfig { fixed });
    let stdin = std::io::stdin();
    let mut input = BufReader::with_capacity(64 * 1024, stdin.lock());
    let stdout = std::io::stdout();
    let mut output = stdout.lock();
    let mut outgoing = Vec::new();
    loop {
        let frame = match transport::read_frame(&mut input) {
            Ok(f) => f,
            Err(e) => {
                say!("samictl lsp: cannot read standard input: {e}");
                return Ok(ExitCode::from(1));
            }
        };
        let control = match frame {
            Frame::Eof => return Ok(ExitCode::from(1)),
            Frame::Malformed { id, error } => {
                say!(
                    "samictl lsp: malformed message: {}",
                    samictl::render::text::escape(&error.message)
                );
                if let Err(e) = transport::write_error(&mut output, id.as_ref(), &error) {
                    return write_failed(&e);
                }
                Control::Continue
            }
            Frame::Message(message) => server.handle(message, &mut outgoing),
        };
        for message in outgoing.drain(..) {
            if let Err(e) = transport::write_message(&mut output, &message) {
                return write_failed(&e);
            }
        }
        if let Err(e) = output.flush() {
            return write_failed(&e);
        }
        if let Control::Exit(code) = control {
            return Ok(ExitCode::from(code));
        }
    }
}

/// The client went away: end quietly, as after `exit` without `shutdown`.
fn write_failed(e: &std::io::Error) -> Result<ExitCode, Failure> {
    if e.kind() != std::io::ErrorKind::BrokenPipe {
        say!("samictl lsp: cannot write standard output: {e}");
    }
    Ok(ExitCode::from(1))
}
