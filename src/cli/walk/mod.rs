//! The one folder walk of every command that walks folders (docs/spec 12): `validate`,
//! `fix`, `fmt`, `show`/`simulate` of a folder, `report` and `test`.
//!
//! - [`collect_walk`] expands PATH arguments. A directory walk visits regular files only and
//!   does not follow symbolic links; with `--follow` ([`Walk::follow`]) it follows them, but
//!   never to anything outside the walked folder. A file named on the command line is read
//!   even through a symbolic link.
//! - [`bot_files_streamed`] gives `validate` the same files in the same order without holding
//!   their names: a counting pass ([`survey`]) finds every problem first, then
//!   [`stream::BotStream`] walks again, yielding each file when asked (memory: the folders on
//!   the way down, not the tree).
//!
//! Both passes walk through folder descriptors and take links by the one policy of
//! [`super::dir`]: a folder swapped for a link while the walk runs is never a way out of the
//! tree, and each file found is read through the walked folder ([`super::read::Origin`]), not by
//! its path resolved again.

mod stream;
mod survey;
#[cfg(test)]
mod tests;

pub use stream::BotStream;

use super::failure::Failure;
use super::read::Input;
use samictl::render::text::escape;
use std::path::{Path, PathBuf};
use survey::survey;

/// Names files found under `.` (the default folder, or `.` given) `x.yaml`, not `./x.yaml`; a
/// path typed with `./` is kept as given. Every command that walks folders names files alike.
/// Leaves out the expectation files (`*.test.yaml`) named on the command line, with a note on
/// standard error: a pre-commit hook hands over every changed YAML file, and a directory walk
/// skips them too (`samictl test` runs them). Used by every command that checks or writes bot
/// files (`validate`, `fix`).
/// The bot files that `validate` and `fix` check (docs/spec 10's PATH rules): the PATHs
/// given, or the current directory; walked (following links only with `follow`, inside the
/// folder); files found under `.` named without `./`; expectation files named on the command
/// line skipped with a note.
pub fn bot_files(paths: &[PathBuf], follow: bool) -> Result<Vec<Input>, Failure> {
    let default_dir = paths.is_empty();
    let paths = if default_dir {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    let mut inputs = collect_walk(&paths, Kind::Bots, Walk { follow })?;
    strip_dot(&mut inputs, &paths, default_dir);
    // Sorted by the name shown (docs/spec 9), one entry per file: `.` and `a` both walk
    // `a/x.yaml`, found as `./a/x.yaml` and `a/x.yaml`.
    inputs.sort();
    inputs.dedup_by(|a, b| same_file(a, b));
    Ok(skip_expectations(inputs))
}

/// Whether two inputs are the same file shown the same way (`./a/x.yaml` found under `.`
/// and `a/x.yaml` under `a`); names that only show alike (not UTF-8) stay apart.
fn same_file(a: &Input, b: &Input) -> bool {
    let plain = |p: &Option<PathBuf>| {
        p.as_ref().map(|p| {
            p.components()
                .filter(|c| !matches!(c, std::path::Component::CurDir))
                .collect::<PathBuf>()
        })
    };
    a.display == b.display && plain(&a.path) == plain(&b.path)
}

/// The bot files of [`bot_files`], in the same order, found as they are asked for rather than
/// all at once, so memory holds the folders being walked (each one's listing, down the current
/// depth), not every file name: what `validate` streams its report from.
///
/// A first pass walks every PATH argument as [`collect_walk`] does but only counts the files:
/// every problem (a missing path, an unreadable folder, a folder without bot files, a FIFO
/// named) is reported then, all at once, before anything is written, and the notes for
/// expectation files named on the command line are written then too. The second pass yields
/// the files in [`collect_walk`]'s order, the byte order of the names shown (see [`BotStream`]).
/// A folder that can no longer be listed on the second pass (changed in between) is a
/// [`Failure`] in the stream, in its place.
pub fn bot_files_streamed(paths: &[PathBuf], follow: bool) -> Result<BotStream, Failure> {
    let default_dir = paths.is_empty();
    let paths = if default_dir {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    let walk = Walk { follow };
    let roots = survey(&paths, Kind::Bots, walk, None)?;
    let strip = strips_dot(&paths, default_dir);
    let (stream, mut named) = BotStream::new(roots, Kind::Bots, walk, strip, paths);
    named.sort();
    named.dedup();
    if strip {
        for input in &mut named {
            strip_dot_one(input, stream.paths());
        }
    }
    skip_expectations(named);
    Ok(stream)
}

fn skip_expectations(inputs: Vec<Input>) -> Vec<Input> {
    let (expectations, bots): (Vec<_>, Vec<_>) =
        inputs.into_iter().partition(|i| is_expectation(&i.display));
    for skipped in &expectations {
        say!(
            "note: skipped {}: an expectation file, not a bot file (`samictl test` runs it)",
            escape(&skipped.display)
        );
    }
    bots
}

pub fn strip_dot(inputs: &mut [Input], paths: &[PathBuf], default_dir: bool) {
    if !strips_dot(paths, default_dir) {
        return;
    }
    for input in inputs {
        strip_dot_one(input, paths);
    }
}

/// Whether [`strip_dot`] renames anything: `.` walked, by default or named.
fn strips_dot(paths: &[PathBuf], default_dir: bool) -> bool {
    default_dir || paths.iter().any(|p| p.as_os_str() == ".")
}

/// [`strip_dot`] for one input, once [`strips_dot`] said yes.
fn strip_dot_one(input: &mut Input, paths: &[PathBuf]) {
    let typed = paths
        .iter()
        .any(|p| p.as_os_str() == input.display.as_str());
    if let Some(rest) = input.display.strip_prefix("./").filter(|_| !typed) {
        input.display = rest.to_owned();
    }
}

fn is_expectation(display: &str) -> bool {
    display.ends_with(".test.yaml") || display.ends_with(".test.yml")
}

/// Which files a directory walk picks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `*.yaml` / `*.yml`, except expectation files.
    Bots,
    /// `*.test.yaml` / `*.test.yml`.
    Expectations,
}

impl Kind {
    fn matches(self, path: &Path) -> bool {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        let expectation = name.ends_with(".test.yaml") || name.ends_with(".test.yml");
        match self {
            Kind::Bots => is_bot_file(path) && !expectation,
            Kind::Expectations => expectation,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Kind::Bots => "no bot file (*.yaml or *.yml)",
            Kind::Expectations => "no expectation file (*.test.yaml)",
        }
    }
}

/// How directories are walked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Walk {
    /// Follow symbolic links (`--follow`), never outside the walked folder.
    pub follow: bool,
}

/// Expands PATH arguments into sorted, de-duplicated inputs, walking directories for files
/// of `kind` as `walk` says. Every problem is collected so the user can fix them all at once.
pub fn collect_walk(paths: &[PathBuf], kind: Kind, walk: Walk) -> Result<Vec<Input>, Failure> {
    let mut inputs = Vec::new();
    survey(paths, kind, walk, Some(&mut inputs))?;
    inputs.sort();
    inputs.dedup();
    Ok(inputs)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

fn is_bot_file(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}
