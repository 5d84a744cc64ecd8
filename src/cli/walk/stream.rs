//! The second pass of `validate`'s walk: the files in order, found as they are asked for.

use super::survey::Root;
use super::{Input, Kind, Walk, is_expectation, is_hidden, same_file, strip_dot_one};
use crate::cli::dir::{self, Followed, Type};
use crate::cli::failure::Failure;
use crate::cli::filter::excluded;
use crate::cli::read::{Origin, describe, shown};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashSet};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The bot files of one `validate` run, yielded in [`collect_walk`]'s order (sorted by the
/// name shown, then by path; duplicates left out) as the walk goes.
///
/// A heap holds the files and folders met but not yet yielded or listed, each under the name
/// it is shown by (a folder's with a `/` after it, a prefix of every name below it). The
/// smallest comes out first: a file is yielded, a folder is listed into the heap. Everything
/// below a folder sorts after its own name, so no name still unseen can come before the one
/// yielded, and the names come out sorted, across every PATH argument at once (a file named
/// and also found in a walked folder comes out twice in a row and is yielded once). The heap
/// holds the entries of the folders on the way down to the current one (depth times the
/// largest listing), never the whole tree.
pub struct BotStream {
    heap: BinaryHeap<Reverse<Entry>>,
    /// Each directory argument's walked folder and followed links (from the first pass).
    dirs: Vec<DirRoot>,
    kind: Kind,
    walk: Walk,
    /// The last input yielded before renaming, to leave out the same input met again.
    last: Option<Input>,
    /// Whether files under `.` lose their `./` ([`super::strip_dot`]).
    strip: bool,
    paths: Vec<PathBuf>,
    /// A folder could not be listed: the stream has ended with that failure.
    failed: bool,
    /// How deep a folder may be and still be held open for its files ([`dir::held_bound`]):
    /// the stream holds one folder per level on the way down, so a deeper tree reaches the
    /// files below this depth again from the walked folder instead of running out of
    /// descriptors.
    bound: usize,
}

/// A directory argument: the walked folder, held open, and the folders the first pass walked.
struct DirRoot {
    root: Arc<dir::Root>,
    /// The folders walked when following links, as met (links and ordinary folders).
    followed: HashSet<PathBuf>,
}

/// A file to yield or a folder to list, ordered by the name shown (then folders after files,
/// then by path, then by PATH argument).
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Entry {
    /// A file's name as shown; a folder's with a `/` after it.
    key: String,
    dir: bool,
    path: Option<PathBuf>,
    /// Which directory argument it was found under (0 for a file named).
    root: usize,
    /// A folder's names below that directory argument.
    rel: Vec<OsString>,
    /// Where a file found by the walk is (read through its folder, held open).
    origin: Option<Origin>,
}

impl Entry {
    fn file(display: String, path: Option<PathBuf>, origin: Option<Origin>) -> Entry {
        Entry {
            key: display,
            dir: false,
            path,
            root: 0,
            rel: Vec::new(),
            origin,
        }
    }

    /// A folder under its key ([`BotStream::dir_key`]).
    fn dir(key: String, path: PathBuf, root: usize, rel: Vec<OsString>) -> Entry {
        Entry {
            key,
            dir: true,
            path: Some(path),
            root,
            rel,
            origin: None,
        }
    }
}

impl BotStream {
    /// The stream over what the first pass found, and the files named on the command line that
    /// are expectation files (left out, with a note, by the caller).
    pub(super) fn new(
        roots: Vec<Root>,
        kind: Kind,
        walk: Walk,
        strip: bool,
        paths: Vec<PathBuf>,
    ) -> (BotStream, Vec<Input>) {
        let mut stream = BotStream {
            heap: BinaryHeap::new(),
            dirs: Vec::new(),
            kind,
            walk,
            last: None,
            strip,
            paths,
            failed: false,
            bound: dir::held_bound(),
        };
        // Only a file named on the command line can be an expectation file (a walk skips them).
        let mut named = Vec::new();
        for root in roots {
            match root {
                Root::Stdin => {
                    let entry = Entry::file("-".to_owned(), None, None);
                    stream.heap.push(Reverse(entry));
                }
                Root::File(path) => {
                    let display = stream.shown(path.display().to_string());
                    if is_expectation(&display) {
                        named.push(Input {
                            display,
                            path: Some(path),
                            origin: None,
                        });
                    } else {
                        let entry = Entry::file(display, Some(path), None);
                        stream.heap.push(Reverse(entry));
                    }
                }
                Root::Dir {
                    path,
                    root,
                    followed,
                } => {
                    let key = stream.dir_key(&path);
                    let entry = Entry::dir(key, path, stream.dirs.len(), Vec::new());
                    stream.heap.push(Reverse(entry));
                    stream.dirs.push(DirRoot { root, followed });
                }
            }
        }
        (stream, named)
    }

    /// How many files and folders the walk holds, met but not yet yielded or listed.
    #[cfg(test)]
    pub(super) fn held(&self) -> usize {
        self.heap.len()
    }

    /// How many folders the entries waiting in the walk hold open.
    #[cfg(test)]
    pub(super) fn folders_held(&self) -> usize {
        let mut held: Vec<*const dir::Dir> = self
            .heap
            .iter()
            .filter_map(|Reverse(e)| e.origin.as_ref()?.folder())
            .collect();
        held.sort();
        held.dedup();
        held.len()
    }

    /// The PATH arguments.
    pub(super) fn paths(&self) -> &[PathBuf] {
        &self.paths
    }

    /// A file's name as shown: without `./` where [`super::strip_dot`] takes it off. Keys are
    /// the names shown, so the walk yields them in the order the report lists them.
    fn shown(&self, display: String) -> String {
        if !self.strip {
            return display;
        }
        let mut input = Input {
            display,
            path: None,
            origin: None,
        };
        strip_dot_one(&mut input, &self.paths);
        input.display
    }

    /// A folder's key: its name as shown with a `/` after it (a prefix of every name below
    /// it; `.` itself, shown as nothing, is the empty key).
    fn dir_key(&self, path: &Path) -> String {
        // `path.join(name)` adds a `/` unless the path already ends with one.
        let mut key = path.display().to_string();
        if !key.ends_with('/') {
            key.push('/');
        }
        if self.strip && key == "./" {
            return String::new();
        }
        self.shown(key)
    }

    /// Puts the entries of the folder `rel` below directory argument `root` (shown as `path`)
    /// into the heap, as the first pass picks them. The folder is opened from the walked
    /// folder down, one folder at a time by the one link policy: one replaced by a link since
    /// the first pass is not listed (unless `--follow` and the link leads inside).
    fn list(&mut self, path: &Path, root: usize, rel: &[OsString]) -> Result<(), Failure> {
        let Some(walked) = self.dirs.get(root).map(|d| d.root.clone()) else {
            return Ok(());
        };
        let listed = walked
            .open_dir(rel)
            .and_then(|dir| Ok((dir.entries()?, dir)));
        let (entries, dir) = match listed {
            Ok(listed) => listed,
            // A link now, where the first pass found a folder: not walked.
            Err(e) if dir::is_link_refusal(&e) => return Ok(()),
            Err(e) => return Err(Failure::new(format!("{}: {}", shown(path), describe(&e)))),
        };
        // Its files are read through it: held while any of them waits (the folders on the way
        // down, and the files being checked), down to the depth the bound allows.
        let held = rel.len() < self.bound;
        let dir = Arc::new(dir);
        for (name, kind) in entries {
            if is_hidden(&name) {
                continue;
            }
            let child = path.join(&name);
            if excluded(&child) {
                continue;
            }
            let is_dir = match kind {
                Type::Link => {
                    if !self.walk.follow {
                        continue;
                    }
                    match self.link(&walked, &dir, &name, &child, root) {
                        Some(is_dir) => is_dir,
                        None => continue,
                    }
                }
                // With `--follow`, the folders the first pass walked (each once).
                Type::Dir if self.walk.follow && !self.walked(&child, root) => continue,
                Type::Dir => true,
                Type::File if self.kind.matches(&child) => false,
                Type::File | Type::Other => continue,
            };
            let mut rel = rel.to_vec();
            rel.push(name);
            self.heap.push(Reverse(if is_dir {
                Entry::dir(self.dir_key(&child), child, root, rel)
            } else {
                let origin = if held {
                    Origin::in_dir(walked.clone(), rel, dir.clone())
                } else {
                    Origin::new(walked.clone(), rel)
                };
                Entry::file(
                    self.shown(child.display().to_string()),
                    Some(child),
                    Some(origin),
                )
            }));
        }
        Ok(())
    }

    /// Whether the first pass walked the folder `dir` (`--follow` only).
    fn walked(&self, dir: &Path, root: usize) -> bool {
        self.dirs
            .get(root)
            .is_some_and(|root| root.followed.contains(dir))
    }

    /// A symbolic link met in a `--follow` walk, taken by the one link policy
    /// ([`dir::Root::link`]): `Some(true)` for a folder the first pass walked through it,
    /// `Some(false)` for a bot file, inside the walked folder both (checked again: it may have
    /// changed since).
    fn link(
        &self,
        walked: &dir::Root,
        dir: &dir::Dir,
        name: &std::ffi::OsStr,
        link: &Path,
        root: usize,
    ) -> Option<bool> {
        match walked.link(dir, name)? {
            Followed::Dir(_) => self.walked(link, root).then_some(true),
            Followed::File(_) if self.kind.matches(link) => Some(false),
            Followed::File(_) => None,
        }
    }
}

impl Iterator for BotStream {
    type Item = Result<Input, Failure>;

    fn next(&mut self) -> Option<Result<Input, Failure>> {
        if self.failed {
            return None;
        }
        while let Some(Reverse(entry)) = self.heap.pop() {
            if entry.dir {
                let Some(path) = entry.path else {
                    continue;
                };
                if let Err(failure) = self.list(&path, entry.root, &entry.rel) {
                    self.failed = true;
                    self.heap.clear();
                    return Some(Err(failure));
                }
                continue;
            }
            let shown = Input {
                display: entry.key,
                path: entry.path,
                origin: entry.origin,
            };
            if self
                .last
                .as_ref()
                .is_some_and(|last| same_file(last, &shown))
            {
                continue;
            }
            self.last = Some(shown.clone());
            if is_expectation(&shown.display) {
                continue; // noted by the first pass
            }
            return Some(Ok(shown));
        }
        None
    }
}
