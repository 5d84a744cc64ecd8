//! `samictl lsp`: the language server over standard input and output (docs/spec 16).
//!
//! This module is the I/O around [`samictl::lsp::Server`]: it reads framed messages from
//! standard input, hands each to the server, writes what comes back to standard output, and
//! finds the `samictl.toml` nearest to each file. Logs go to standard error, which editors
//! keep as the server's log.

use super::Cli;
use super::context::Failure;
use lsp_server::Message;
use samictl::config::{Settings, parse_config};
use samictl::lsp::transport::{self, Frame, FrameReader};
use samictl::lsp::{ConfigSource, Control, FileConfig, Server};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;

const EXAMPLES: &str = "\
The editor starts the server and talks to it over standard input and output; you don't run it \
by hand. Setup for VS Code, Neovim, Emacs, Vim, Helix and Kakoune: docs/editors.md.

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
        self.config_for(file).map(|c| c.settings)
    }

    /// The settings, and whether `[files] exclude` leaves the file out (globs relative to the
    /// folder of the samictl.toml that applies). Read afresh on every call: a changed
    /// samictl.toml changes the answer at the next reload.
    fn config_for(&mut self, file: Option<&Path>) -> Result<FileConfig, String> {
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
            return Ok(FileConfig::default());
        };
        let text = read_config(&path)?;
        let config =
            parse_config(&text).map_err(|e| format!("invalid `{}`: {e}", escape_path(&path)))?;
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let excluded = file.is_some_and(|f| config.exclude(&dir).is_excluded(f));
        Ok(FileConfig {
            settings: config.settings(false),
            excluded,
        })
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
    // A thread reads frames as they come, so the loop below sees every message already sent
    // before it works: the changes of a document queued behind a slow validation are then
    // validated once, for the newest text (`Server::handle_batch`).
    let (frames, incoming) = mpsc::sync_channel::<std::io::Result<Frame>>(QUEUE);
    std::thread::spawn(move || {
        let mut reader = FrameReader::new(std::io::stdin().lock());
        loop {
            let frame = reader.read_frame();
            let last = !matches!(frame, Ok(Frame::Message(_) | Frame::Malformed { .. }));
            if frames.send(frame).is_err() || last {
                return;
            }
        }
    });
    let stdout = std::io::stdout();
    let mut output = stdout.lock();
    let mut outgoing = Vec::new();
    let mut batch = Vec::new();
    loop {
        let Ok(first) = incoming.recv() else {
            return Ok(ExitCode::from(1));
        };
        let mut next = Some(first);
        let mut ended = false;
        let mut control = Control::Continue;
        while let Some(frame) = next.take() {
            match frame {
                Err(e) => {
                    say!("samictl lsp: cannot read standard input: {e}");
                    ended = true;
                    break;
                }
                Ok(Frame::Eof) => {
                    ended = true;
                    break;
                }
                Ok(Frame::Message(message)) => batch.push(message),
                Ok(Frame::Malformed { id, error }) => {
                    // What came before is answered first, in order.
                    control = server.handle_batch(batch.drain(..), &mut outgoing);
                    if let Err(e) = write_all(&mut output, &mut outgoing) {
                        return write_failed(&e);
                    }
                    if control != Control::Continue {
                        break;
                    }
                    say!(
                        "samictl lsp: malformed message: {}",
                        samictl::render::text::escape(&error.message)
                    );
                    if let Err(e) = transport::write_error(&mut output, id.as_ref(), &error) {
                        return write_failed(&e);
                    }
                }
            }
            next = incoming.try_recv().ok();
        }
        if control == Control::Continue {
            control = server.handle_batch(batch.drain(..), &mut outgoing);
        }
        if let Err(e) = write_all(&mut output, &mut outgoing) {
            return write_failed(&e);
        }
        if let Control::Exit(code) = control {
            return Ok(ExitCode::from(code));
        }
        if ended {
            return Ok(ExitCode::from(1));
        }
    }
}

/// Frames read ahead at most: a client that sends faster than the server answers waits.
const QUEUE: usize = 64;

fn write_all(output: &mut impl Write, outgoing: &mut Vec<Message>) -> std::io::Result<()> {
    for message in outgoing.drain(..) {
        transport::write_message(output, &message)?;
    }
    output.flush()
}

/// The client went away: end quietly, as after `exit` without `shutdown`.
fn write_failed(e: &std::io::Error) -> Result<ExitCode, Failure> {
    if e.kind() != std::io::ErrorKind::BrokenPipe {
        say!("samictl lsp: cannot write standard output: {e}");
    }
    Ok(ExitCode::from(1))
}
