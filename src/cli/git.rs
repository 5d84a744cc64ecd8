//! The safe way to ask git for a file (docs/spec 12, "Git").
//!
//! - [`check_revision`]: a revision starting with `-` is exit 2; every revision is passed after
//!   `--end-of-options`, so git never reads it as an option (`--output=FILE` would make git
//!   write a file).
//! - [`show_blob`]: `REV:PATH`'s bytes, capped like every input: the blob's size is asked
//!   first (`git cat-file -s`), and a blob over 1 MiB is never read.
//!
//! - [`run`]: the one place git is started, for `diff REV:PATH` here and `diff --git`
//!   (`diff_git`).
//!
//! Git's own messages are returned as they are; the caller's message is escaped when printed.

use super::context::Failure;
use super::inputs::CAP;
use anyhow::Context as _;
use samictl::render::text::escape;
use std::io::{Read, Write};
use std::process::{Command, Stdio};

/// Refuses a revision git could read as an option.
pub fn check_revision(rev: &str) -> Result<(), Failure> {
    if rev.starts_with('-') {
        return Err(Failure::new(format!(
            "`{}`: a revision can't start with `-`",
            escape(rev)
        ))
        .with_hint("name a branch, tag or commit, like `origin/main`"));
    }
    Ok(())
}

/// A blob over the cap: its size.
#[derive(Debug)]
pub struct BlobTooLarge(pub u64);

/// The bytes of `rev:path` from git, or the blob's size when it is over 1 MiB.
pub fn show_blob(rev: &str, path: &str) -> Result<Result<Vec<u8>, BlobTooLarge>, Failure> {
    check_revision(rev)?;
    let object = format!("{rev}:{path}");
    let shown = escape(&object);
    let size = git(&["cat-file", "-s", "--end-of-options", &object], &shown)?;
    let size: u64 = String::from_utf8_lossy(&size)
        .trim()
        .parse()
        .map_err(|_| Failure::new(format!("`{shown}`: git gave no size for it")))?;
    if size > CAP {
        return Ok(Err(BlobTooLarge(size)));
    }
    let bytes = git(&["cat-file", "blob", "--end-of-options", &object], &shown)?;
    if bytes.len() as u64 > CAP {
        return Ok(Err(BlobTooLarge(bytes.len() as u64)));
    }
    Ok(Ok(bytes))
}

/// Runs git, reading at most one byte past the cap of its output.
fn git(args: &[&str], shown: &str) -> Result<Vec<u8>, Failure> {
    let ran = run(args, None, Some(CAP)).with_context(|| format!("`{shown}`: cannot run git"))?;
    if !ran.success && ran.stdout.len() as u64 <= CAP {
        return Err(Failure::new(format!(
            "`{shown}`: no such file, and git cannot show it: {}",
            ran.stderr.trim()
        )));
    }
    Ok(ran.stdout)
}

/// What git did.
pub struct Ran {
    pub stdout: Vec<u8>,
    /// The start of its standard error (at most 4 KiB), as git wrote it: escape it to print.
    pub stderr: String,
    pub success: bool,
}

/// Runs git: the one place samictl starts it (`diff REV:PATH` and `diff --git`). Pathspecs are
/// literal (`--literal-pathspecs`: no `:(glob)` or `:(exclude)` magic from a path), git never
/// prompts for credentials and never pages; `stdin`, when given, is written on a thread and
/// standard error is drained on another, so no pipe can fill and stall git. With a `cap`,
/// standard output is read up to one byte past it and git is then stopped. The caller passes
/// revisions after `--end-of-options`, checked with [`check_revision`].
pub fn run(args: &[&str], stdin: Option<Vec<u8>>, cap: Option<u64>) -> std::io::Result<Ran> {
    let mut child = Command::new("git")
        .arg("--no-pager")
        .arg("--literal-pathspecs")
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let writer = match (stdin, child.stdin.take()) {
        (Some(bytes), Some(mut pipe)) => Some(std::thread::spawn(move || {
            let _ = pipe.write_all(&bytes);
        })),
        _ => None,
    };
    let errors = child.stderr.take().map(|mut pipe| {
        std::thread::spawn(move || {
            let mut kept = Vec::new();
            let mut buf = [0u8; 4096];
            while let Ok(n) = pipe.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let room = 4096usize.saturating_sub(kept.len());
                kept.extend_from_slice(&buf[..n.min(room)]);
            }
            kept
        })
    });
    let mut stdout = Vec::new();
    let read = match child.stdout.take() {
        Some(pipe) => match cap {
            Some(cap) => pipe.take(cap + 1).read_to_end(&mut stdout),
            None => {
                let mut pipe = pipe;
                pipe.read_to_end(&mut stdout)
            }
        },
        None => Ok(0),
    };
    if cap.is_some_and(|cap| stdout.len() as u64 > cap) {
        let _ = child.kill();
    }
    let status = child.wait()?;
    if let Some(w) = writer {
        let _ = w.join();
    }
    let stderr = errors
        .and_then(|t| t.join().ok())
        .map(|e| String::from_utf8_lossy(&e).into_owned())
        .unwrap_or_default();
    read?;
    Ok(Ran {
        stdout,
        stderr,
        success: status.success(),
    })
}
