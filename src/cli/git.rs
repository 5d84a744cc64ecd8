//! The safe way to ask git for a file (spec section 12, "Git").
//!
//! - [`check_revision`]: a revision starting with `-` is exit 2; every revision is passed after
//!   `--end-of-options`, so git never reads it as an option (`--output=FILE` would make git
//!   write a file).
//! - [`show_blob`]: `REV:PATH`'s bytes, capped like every input: the blob's size is asked
//!   first (`git cat-file -s`), and a blob over 1 MiB is never read.
//!
//! Git's own messages are returned as they are; the caller's message is escaped when printed.

use super::context::Failure;
use super::inputs::CAP;
use samictl::render::text::escape;
use std::io::Read;
use std::process::{Command, Stdio};

/// Refuses a revision git could read as an option.
pub fn check_revision(rev: &str) -> Result<(), Failure> {
    if rev.starts_with('-') {
        return Err(Failure::new(format!(
            "`{}`: a revision can't start with `-`",
            escape(rev)
        ))
        .with_hint("name a branch, tag or commit, like `origin/main:bots/a.yaml`"));
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
    let mut child = Command::new("git")
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Failure::new(format!("`{shown}`: cannot run git: {e}")))?;
    let mut out = Vec::new();
    let read = child
        .stdout
        .take()
        .map(|s| s.take(CAP + 1).read_to_end(&mut out));
    if out.len() as u64 > CAP {
        let _ = child.kill();
    }
    let mut err = Vec::new();
    if let Some(s) = child.stderr.take() {
        let _ = s.take(4096).read_to_end(&mut err);
    }
    let status = child
        .wait()
        .map_err(|e| Failure::new(format!("`{shown}`: git failed: {e}")))?;
    if let Some(Err(e)) = read {
        return Err(Failure::new(format!(
            "`{shown}`: cannot read git's output: {e}"
        )));
    }
    if !status.success() && out.len() as u64 <= CAP {
        let why = String::from_utf8_lossy(&err);
        return Err(Failure::new(format!(
            "`{shown}`: no such file, and git cannot show it: {}",
            why.trim()
        )));
    }
    Ok(out)
}
