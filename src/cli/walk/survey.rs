//! The first pass of every walk: each PATH argument found, every problem collected, and the
//! files found kept (or only counted, for `validate`'s streamed walk).

use super::{Input, Kind, Walk, is_hidden};
use crate::cli::dir::{self, Dir, Followed, Id, Type};
use crate::cli::failure::Failure;
use crate::cli::filter::{excluded, named_excluded};
use crate::cli::read::{self, Origin, describe, shown};
use std::collections::{HashSet, VecDeque};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A PATH argument as the first pass found it.
pub(super) enum Root {
    /// `-`: standard input.
    Stdin,
    /// A file named on the command line (followed through symbolic links).
    File(PathBuf),
    /// A directory to walk.
    Dir {
        path: PathBuf,
        /// The folder, held open: nothing outside it is visited.
        root: Arc<dir::Root>,
        /// The folders walked when following links (a link cycle, or a second link to a folder
        /// already walked, is not followed).
        followed: HashSet<PathBuf>,
    },
}

/// Walks every PATH argument for files of `kind`, in the order [`super::collect_walk`] always
/// has, keeping the files found in `keep` when given (otherwise only counting them). Every
/// problem (a missing path, an unreadable folder, a folder without such files, a FIFO named)
/// is collected into one failure.
pub(super) fn survey(
    paths: &[PathBuf],
    kind: Kind,
    walk: Walk,
    mut keep: Option<&mut Vec<Input>>,
) -> Result<Vec<Root>, Failure> {
    let mut roots = Vec::new();
    let mut problems = Vec::new();
    // Whether a path named is not a regular file: the failure then carries the one hint.
    let mut not_regular = false;
    let mut held = 0;
    // How many folders a collected walk keeps open, to read their files through them
    // directly; the files of the others are reached again from the walked folder down.
    let bound = dir::held_bound();
    for p in paths {
        if p.as_os_str() == "-" {
            if let Some(inputs) = keep.as_deref_mut() {
                inputs.push(Input {
                    display: "-".to_owned(),
                    path: None,
                    origin: None,
                });
            }
            roots.push(Root::Stdin);
            continue;
        }
        // A path named on the command line is followed through symbolic links.
        match dir::metadata(p) {
            Ok(m) if m.is_dir() => {
                let root = match dir::Root::open(p, walk.follow) {
                    Ok(root) => Arc::new(root),
                    Err(e) => {
                        problems.push(format!("{}: {}", shown(p), describe(&e)));
                        if !walk.follow {
                            problems.push(nothing_found(p, kind, 0));
                        }
                        continue;
                    }
                };
                let mut walker = Walker {
                    kind,
                    walk,
                    root: root.clone(),
                    visited: HashSet::new(),
                    followed: HashSet::new(),
                    pending: VecDeque::new(),
                    found: 0,
                    excluded: 0,
                    keep: keep.as_deref_mut(),
                    held: &mut held,
                    bound,
                    problems: &mut problems,
                };
                match root.open_dir(&[]) {
                    Ok(dir) => walker.walk(dir, p, &[]),
                    Err(e) => walker
                        .problems
                        .push(format!("{}: {}", shown(p), describe(&e))),
                }
                // Links last, in the order met: a folder reached the ordinary way is listed
                // under its own name, never under a link's.
                while let Some((link, rel)) = walker.pending.pop_front() {
                    walker.follow(&link, rel);
                }
                if walker.found == 0 {
                    let excluded = walker.excluded;
                    walker.problems.push(nothing_found(p, kind, excluded));
                }
                roots.push(Root::Dir {
                    path: p.clone(),
                    root,
                    followed: walker.followed,
                });
            }
            Ok(m) if !m.is_file() => {
                not_regular = true;
                problems.push(read::not_regular_problem(&shown(p)));
            }
            Ok(_) if named_excluded(p) => {}
            Ok(_) => {
                if let Some(inputs) = keep.as_deref_mut() {
                    inputs.push(Input {
                        display: p.display().to_string(),
                        path: Some(p.clone()),
                        origin: None,
                    });
                }
                roots.push(Root::File(p.clone()));
            }
            Err(e) => problems.push(format!("{}: {}", shown(p), describe(&e))),
        }
    }
    if !problems.is_empty() {
        let failure = Failure::new(problems.join("\nerror: "));
        return Err(if not_regular {
            failure.with_hint(read::NOT_REGULAR_HINT)
        } else {
            failure
        });
    }
    Ok(roots)
}

/// "no bot file found under this directory", saying when the exclude globs are why: "nothing
/// found" alone reads as a wrong folder.
fn nothing_found(p: &Path, kind: Kind, excluded: usize) -> String {
    let why = match excluded {
        0 => String::new(),
        1 => " (1 path left out by `[files] exclude` / `--exclude`)".to_owned(),
        n => format!(" ({n} paths left out by `[files] exclude` / `--exclude`)"),
    };
    format!(
        "{}: {} found under this directory{why}",
        shown(p),
        kind.describe()
    )
}

struct Walker<'a> {
    kind: Kind,
    walk: Walk,
    /// The walked folder, held open: every folder and file is reached from it.
    root: Arc<dir::Root>,
    /// Folders already walked, by identity (device and inode), when following links: each is
    /// walked once, however many ways lead to it (a link cycle, a link up to a folder walked
    /// the ordinary way, two links to one folder).
    visited: HashSet<Id>,
    /// The folders walked when following links, as met (links and ordinary folders): the
    /// streaming pass walks exactly these.
    followed: HashSet<PathBuf>,
    /// Links met and not yet followed (`--follow`), with their names below the walked folder:
    /// they are followed once the ordinary walk is done.
    pending: VecDeque<(PathBuf, Vec<OsString>)>,
    /// How many files were found.
    found: usize,
    /// How many paths `[files] exclude` / `--exclude` left out (said when nothing was found).
    excluded: usize,
    /// Where the files found go, when kept.
    keep: Option<&'a mut Vec<Input>>,
    /// How many folders are held open for the files kept (at most `bound`).
    held: &'a mut usize,
    /// How many may be ([`dir::held_bound`]).
    bound: usize,
    problems: &'a mut Vec<String>,
}

impl Walker<'_> {
    /// Every file of the kind below the folder `dir` (shown as `path`, at `rel` below the
    /// walked folder); hidden files and folders are skipped. Without `--follow`, symbolic
    /// links are skipped: a committed `bots/d.yaml -> ~/.git-credentials` is never read. With
    /// it, a link is followed only when its target lies inside the walked folder. Each
    /// sub-folder is opened from the walked folder down, never through a link (one swapped in
    /// since the listing is a link, and taken as one). The folder is closed once listed, so a
    /// deep tree holds no descriptor per level.
    fn walk(&mut self, dir: Dir, path: &Path, rel: &[OsString]) {
        if self.walk.follow {
            if dir.id().is_ok_and(|id| !self.visited.insert(id)) {
                return;
            }
            self.followed.insert(path.to_path_buf());
        }
        let listed = dir.entries();
        // Held open for its files when they are kept (within the bound), closed otherwise.
        let has_files = listed.as_ref().is_ok_and(|entries| {
            entries.iter().any(|(name, kind)| {
                *kind == Type::File && !is_hidden(name) && self.kind.matches(Path::new(name))
            })
        });
        let parent = if self.keep.is_some() && has_files && *self.held < self.bound {
            *self.held += 1;
            Some(Arc::new(dir))
        } else {
            drop(dir);
            None
        };
        let mut entries = match listed {
            Ok(e) => e,
            Err(e) => {
                self.problems
                    .push(format!("{}: {}", shown(path), describe(&e)));
                return;
            }
        };
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        for (name, kind) in entries {
            if is_hidden(&name) {
                continue;
            }
            let child = path.join(&name);
            if excluded(&child) {
                self.excluded += 1;
                continue;
            }
            let mut below = rel.to_vec();
            below.push(name);
            let Some(name) = below.last() else {
                continue;
            };
            match kind {
                Type::Link => {
                    if self.walk.follow {
                        self.pending.push_back((child, below));
                    }
                }
                Type::Dir => match self.root.open_dir(rel).and_then(|at| at.child(name)) {
                    Ok(sub) => self.walk(sub, &child, &below),
                    // A link now: taken as the link it is.
                    Err(e) if dir::is_link_refusal(&e) => {
                        if self.walk.follow {
                            self.pending.push_back((child, below));
                        }
                    }
                    Err(e) => self
                        .problems
                        .push(format!("{}: {}", shown(&child), describe(&e))),
                },
                Type::File if self.kind.matches(&child) => self.push(child, below, parent.as_ref()),
                Type::File | Type::Other => {}
            }
        }
    }

    /// A symbolic link met in a `--follow` walk, taken by the one link policy
    /// ([`dir::Root::link`]): its target, if inside the walked folder.
    fn follow(&mut self, link: &Path, rel: Vec<OsString>) {
        let Some((name, folders)) = rel.split_last() else {
            return;
        };
        let root = self.root.clone();
        let Ok(parent) = root.open_dir(folders) else {
            return;
        };
        match root.link(&parent, name) {
            Some(Followed::Dir(dir)) => self.walk(dir, link, &rel),
            Some(Followed::File(_)) if self.kind.matches(link) => {
                self.push(link.to_path_buf(), rel, None);
            }
            _ => {} // dangling, a loop the system refuses, outside, or not a bot file
        }
    }

    /// A file found, at `rel`, in the folder `parent` when that is held open.
    fn push(&mut self, path: PathBuf, rel: Vec<OsString>, parent: Option<&Arc<Dir>>) {
        self.found += 1;
        if let Some(inputs) = self.keep.as_deref_mut() {
            let root = self.root.clone();
            let origin = match parent {
                Some(dir) => Origin::in_dir(root, rel, dir.clone()),
                None => Origin::new(root, rel),
            };
            inputs.push(Input {
                display: path.display().to_string(),
                path: Some(path),
                origin: Some(origin),
            });
        }
    }
}
