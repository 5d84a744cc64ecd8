//! Every input samictl reads, found and read one way (spec section 12).
//!
//! - [`collect_walk`] expands PATH arguments. A directory walk
//!   visits regular files only and does not follow symbolic links; with `--follow`
//!   ([`Walk::follow`]) it follows them, but never to anything outside the walked folder.
//!   A file named on the command line is read even through a symbolic link.
//! - [`bot_files_streamed`] gives `validate` the same files in the same order without holding
//!   their names: a counting pass finds every problem first, then [`BotStream`] walks again,
//!   yielding each file when asked (memory: the folders on the way down, not the tree).
//! - [`read_capped`] is the one reader: regular files only (a FIFO, socket or device is exit 2,
//!   "not a regular file", and is never opened in a way that blocks), capped at
//!   [`samictl::yaml::MAX_FILE_BYTES`] before anything is read. [`read_bot`] turns an
//!   over-limit bot file into the `yaml-syntax` finding; [`read`] and [`read_file`] make any
//!   other over-limit input exit 2.
//!
//! Every path that reaches a message is escaped.

use super::context::Failure;
use samictl::render::text::escape;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The size limit of every file samictl reads (1 MiB).
pub const CAP: u64 = samictl::yaml::MAX_FILE_BYTES as u64;

/// A bot file to check.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Input {
    /// The path as given, or as found under a given directory; `-` for standard input.
    pub display: String,
    pub path: Option<PathBuf>,
}

/// Names files found under `.` (the default folder, or `.` given) `x.yaml`, not `./x.yaml`; a
/// path typed with `./` is kept as given. Every command that walks folders names files alike.
/// Leaves out the expectation files (`*.test.yaml`) named on the command line, with a note on
/// standard error: a pre-commit hook hands over every changed YAML file, and a directory walk
/// skips them too (`samictl test` runs them). Used by every command that checks or writes bot
/// files (`validate`, `fix`).
/// The bot files that `validate` and `fix` check (spec section 10's PATH rules): the PATHs
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
    // Sorted by the name shown (spec section 9), one entry per file: `.` and `a` both walk
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
    let mut stream = BotStream {
        heap: BinaryHeap::new(),
        dirs: Vec::new(),
        kind: Kind::Bots,
        walk,
        last: None,
        strip,
        paths,
        failed: false,
    };
    // Only a file named on the command line can be an expectation file (a walk skips them).
    let mut named = Vec::new();
    for root in roots {
        match root {
            Root::Stdin => stream
                .heap
                .push(Reverse(Entry::file("-".to_owned(), None, 0))),
            Root::File(path) => {
                let display = stream.shown(path.display().to_string());
                if is_expectation(&display) {
                    named.push(Input {
                        display,
                        path: Some(path),
                    });
                } else {
                    stream
                        .heap
                        .push(Reverse(Entry::file(display, Some(path), 0)));
                }
            }
            Root::Dir {
                path,
                resolved,
                followed,
            } => {
                let key = stream.dir_key(&path);
                stream
                    .heap
                    .push(Reverse(Entry::dir(key, path, stream.dirs.len())));
                stream.dirs.push(DirRoot { resolved, followed });
            }
        }
    }
    named.sort();
    named.dedup();
    if strip {
        for input in &mut named {
            strip_dot_one(input, &stream.paths);
        }
    }
    skip_expectations(named);
    Ok(stream)
}

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
    /// Each directory argument's resolved path and followed links (from the first pass).
    dirs: Vec<DirRoot>,
    kind: Kind,
    walk: Walk,
    /// The last input yielded before renaming, to leave out the same input met again.
    last: Option<Input>,
    /// Whether files under `.` lose their `./` ([`strip_dot`]).
    strip: bool,
    paths: Vec<PathBuf>,
    /// A folder could not be listed: the stream has ended with that failure.
    failed: bool,
}

struct DirRoot {
    resolved: Option<PathBuf>,
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
}

impl Entry {
    fn file(display: String, path: Option<PathBuf>, root: usize) -> Entry {
        Entry {
            key: display,
            dir: false,
            path,
            root,
        }
    }

    /// A folder under its key ([`BotStream::dir_key`]).
    fn dir(key: String, path: PathBuf, root: usize) -> Entry {
        Entry {
            key,
            dir: true,
            path: Some(path),
            root,
        }
    }
}

impl BotStream {
    /// Puts the entries of `dir` (found under directory argument `root`) into the heap, as
    /// [`Walker::walk`] picks them.
    /// A file's name as shown: without `./` where [`strip_dot`] takes it off. Keys are the
    /// names shown, so the walk yields them in the order the report lists them.
    fn shown(&self, display: String) -> String {
        if !self.strip {
            return display;
        }
        let mut input = Input {
            display,
            path: None,
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

    fn list(&mut self, dir: &Path, root: usize) -> Result<(), Failure> {
        let entries = super::longpath::read_dir(dir)
            .map_err(|e| Failure::new(format!("{}: {}", shown(dir), describe(&e))))?;
        for entry in entries.flatten() {
            let name = entry.file_name();
            if is_hidden(&name) {
                continue;
            }
            let path = dir.join(name);
            if excluded(&path) {
                continue;
            }
            let Ok(file_type) = entry.file_type() else {
                continue;
            };
            let dir = if file_type.is_symlink() {
                if !self.walk.follow {
                    continue;
                }
                match self.link(&path, root) {
                    Some(dir) => dir,
                    None => continue,
                }
            } else if file_type.is_dir() {
                // With `--follow`, the folders the first pass walked (each once).
                if self.walk.follow && !self.walked(&path, root) {
                    continue;
                }
                true
            } else if file_type.is_file() && self.kind.matches(&path) {
                false
            } else {
                continue;
            };
            self.heap.push(Reverse(if dir {
                Entry::dir(self.dir_key(&path), path, root)
            } else {
                Entry::file(self.shown(path.display().to_string()), Some(path), root)
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

    /// A symbolic link met in a `--follow` walk, as [`Walker::follow`] takes it: `Some(true)`
    /// for a folder the first pass walked through it, `Some(false)` for a bot file, inside the
    /// walked folder both (checked again: it may have changed since).
    fn link(&self, link: &Path, root: usize) -> Option<bool> {
        let root = self.dirs.get(root)?;
        let resolved = root.resolved.as_ref()?;
        let target = std::fs::canonicalize(link).ok()?;
        if !target.starts_with(resolved) {
            return None;
        }
        let meta = std::fs::metadata(&target).ok()?;
        if meta.is_dir() {
            root.followed.contains(link).then_some(true)
        } else if meta.is_file() && self.kind.matches(link) {
            Some(false)
        } else {
            None
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
                if let Err(failure) = self.list(&path, entry.root) {
                    self.failed = true;
                    self.heap.clear();
                    return Some(Err(failure));
                }
                continue;
            }
            let shown = Input {
                display: entry.key,
                path: entry.path,
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

/// "1 file has errors", "3 files have errors".
pub fn files_have_errors(n: usize) -> String {
    if n == 1 {
        "1 file has errors".to_owned()
    } else {
        format!("{n} files have errors")
    }
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

/// `--exclude GLOB` and `--force-exclude`, on every command that walks folders.
#[derive(Clone, Debug, Default, clap::Args)]
pub struct ExcludeArgs {
    /// Leave paths matching GLOB out of folder walks (repeatable), as `[files] exclude` in
    /// samictl.toml does; relative to the working directory; `**` crosses folders.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// Leave excluded files out even when named on the command line (for pre-commit hooks,
    /// which name every changed file); without it they are checked, with a note.
    #[arg(long)]
    pub force_exclude: bool,
}

/// What folder walks leave out: set once, by the command, before it walks. Every walk of
/// this module (and of `diff --git`) asks [`excluded`]; commands added later inherit it.
struct Filter {
    exclude: samictl::exclude::Exclude,
    force: bool,
}

static FILTER: std::sync::OnceLock<Filter> = std::sync::OnceLock::new();

/// Sets the exclusion of `[files] exclude` (relative to the folder of samictl.toml) and of
/// `--exclude` (relative to the working directory). A bad `--exclude` glob is exit 2.
pub fn use_exclude(ctx: &super::context::Context, args: &ExcludeArgs) -> Result<(), Failure> {
    let mut exclude = match ctx.config_dir() {
        Some(dir) => ctx.config.exclude(&dir),
        None => samictl::exclude::Exclude::none(),
    };
    exclude
        .add(Path::new("."), &args.exclude)
        .map_err(|e| Failure::new(format!("--exclude: {}", escape(&e.to_string()))))?;
    let _ = FILTER.set(Filter {
        exclude,
        force: args.force_exclude,
    });
    Ok(())
}

/// Whether a folder walk leaves `path` out.
pub fn excluded(path: &Path) -> bool {
    FILTER.get().is_some_and(|f| f.exclude.is_excluded(path))
}

/// A file named on the command line that is excluded: `true` to leave it out
/// (`--force-exclude`); otherwise it is checked, with a note.
fn named_excluded(path: &Path) -> bool {
    let Some(filter) = FILTER.get() else {
        return false;
    };
    let Some(glob) = filter.exclude.matching(path) else {
        return false;
    };
    if filter.force {
        return true;
    }
    say!(
        "note: {} is excluded (`{}`); checked because it is named on the command line",
        shown(path),
        escape(glob)
    );
    false
}

/// A path for a message: escaped, in backquotes.
pub fn shown(path: &Path) -> String {
    format!("`{}`", escape(&path.display().to_string()))
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

/// A PATH argument as the first pass found it.
enum Root {
    /// `-`: standard input.
    Stdin,
    /// A file named on the command line (followed through symbolic links).
    File(PathBuf),
    /// A directory to walk.
    Dir {
        path: PathBuf,
        /// The folder resolved, when following links: nothing outside it is visited.
        resolved: Option<PathBuf>,
        /// The links to folders the walk followed (a link cycle, or a second link to a folder
        /// already walked, is not followed).
        followed: HashSet<PathBuf>,
    },
}

/// Walks every PATH argument for files of `kind`, in the order [`collect_walk`] always has,
/// keeping the files found in `keep` when given (otherwise only counting them). Every problem
/// (a missing path, an unreadable folder, a folder without such files, a FIFO named) is
/// collected into one failure.
fn survey(
    paths: &[PathBuf],
    kind: Kind,
    walk: Walk,
    mut keep: Option<&mut Vec<Input>>,
) -> Result<Vec<Root>, Failure> {
    let mut roots = Vec::new();
    let mut problems = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            if let Some(inputs) = keep.as_deref_mut() {
                inputs.push(Input {
                    display: "-".to_owned(),
                    path: None,
                });
            }
            roots.push(Root::Stdin);
            continue;
        }
        // A path named on the command line is followed through symbolic links.
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => {
                let mut walker = Walker {
                    kind,
                    walk,
                    root: None,
                    visited: HashSet::new(),
                    followed: HashSet::new(),
                    pending: std::collections::VecDeque::new(),
                    found: 0,
                    excluded: 0,
                    keep: keep.as_deref_mut(),
                    problems: &mut problems,
                };
                if walk.follow {
                    match std::fs::canonicalize(p) {
                        Ok(root) => {
                            walker.root = Some(root);
                        }
                        Err(e) => {
                            walker
                                .problems
                                .push(format!("{}: {}", shown(p), describe(&e)));
                            continue;
                        }
                    }
                }
                walker.walk(p);
                // Links last, in the order met: a folder reached the ordinary way is listed
                // under its own name, never under a link's.
                while let Some(link) = walker.pending.pop_front() {
                    walker.follow(&link);
                }
                if walker.found == 0 {
                    // Say when the exclude globs are why: "nothing found" alone reads as a
                    // wrong folder.
                    let why = match walker.excluded {
                        0 => String::new(),
                        1 => " (1 path left out by `[files] exclude` / `--exclude`)".to_owned(),
                        n => format!(" ({n} paths left out by `[files] exclude` / `--exclude`)"),
                    };
                    walker.problems.push(format!(
                        "{}: {} found under this directory{why}",
                        shown(p),
                        kind.describe()
                    ));
                }
                roots.push(Root::Dir {
                    path: p.clone(),
                    resolved: walker.root,
                    followed: walker.followed,
                });
            }
            Ok(m) if !m.is_file() => problems.push(format!("{}: not a regular file", shown(p))),
            Ok(_) if named_excluded(p) => {}
            Ok(_) => {
                if let Some(inputs) = keep.as_deref_mut() {
                    inputs.push(Input {
                        display: p.display().to_string(),
                        path: Some(p.clone()),
                    });
                }
                roots.push(Root::File(p.clone()));
            }
            Err(e) => problems.push(format!("{}: {}", shown(p), describe(&e))),
        }
    }
    if !problems.is_empty() {
        return Err(Failure::new(problems.join("\nerror: ")));
    }
    Ok(roots)
}

pub fn describe(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => escape(&e.to_string()),
    }
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

/// A folder's identity: device and inode (the canonical path where there are none).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum DirId {
    #[cfg_attr(not(unix), allow(dead_code))]
    Inode(u64, u64),
    #[cfg_attr(unix, allow(dead_code))]
    Path(PathBuf),
}

#[cfg(unix)]
fn dir_id(dir: &Path) -> Option<DirId> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(dir).ok()?;
    Some(DirId::Inode(meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn dir_id(dir: &Path) -> Option<DirId> {
    std::fs::canonicalize(dir).ok().map(DirId::Path)
}

struct Walker<'a> {
    kind: Kind,
    walk: Walk,
    /// The walked folder, resolved, when following links: nothing outside it is visited.
    root: Option<PathBuf>,
    /// Folders already walked, by identity (device and inode), when following links: each is
    /// walked once, however many ways lead to it (a link cycle, a link up to a folder walked
    /// the ordinary way, two links to one folder).
    visited: HashSet<DirId>,
    /// The folders walked when following links, as met (links and ordinary folders): the
    /// streaming pass walks exactly these.
    followed: HashSet<PathBuf>,
    /// Links met and not yet followed (`--follow`): they are followed once the ordinary walk
    /// is done.
    pending: std::collections::VecDeque<PathBuf>,
    /// How many files were found.
    found: usize,
    /// How many paths `[files] exclude` / `--exclude` left out (said when nothing was found).
    excluded: usize,
    /// Where the files found go, when kept.
    keep: Option<&'a mut Vec<Input>>,
    problems: &'a mut Vec<String>,
}

impl Walker<'_> {
    /// Every file of the kind below `dir`; hidden files and folders are skipped. Without
    /// `--follow`, symbolic links are skipped: a committed `bots/d.yaml -> ~/.git-credentials`
    /// is never read. With it, a link is followed only when its target lies inside the
    /// walked folder.
    fn walk(&mut self, dir: &Path) {
        if self.walk.follow {
            if dir_id(dir).is_some_and(|id| !self.visited.insert(id)) {
                return;
            }
            self.followed.insert(dir.to_path_buf());
        }
        let entries = match super::longpath::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                self.problems
                    .push(format!("{}: {}", shown(dir), describe(&e)));
                return;
            }
        };
        let mut entries: Vec<_> = entries.flatten().collect();
        entries.sort_by_key(std::fs::DirEntry::file_name);
        for entry in entries {
            if is_hidden(&entry.file_name()) {
                continue;
            }
            let path = dir.join(entry.file_name());
            if excluded(&path) {
                self.excluded += 1;
                continue;
            }
            let Ok(file_type) = entry.file_type() else {
                continue;
            };
            if file_type.is_symlink() {
                if self.walk.follow {
                    self.pending.push_back(path);
                }
            } else if file_type.is_dir() {
                self.walk(&path);
            } else if file_type.is_file() && self.kind.matches(&path) {
                self.push(path);
            }
        }
    }

    /// A symbolic link met in a `--follow` walk: its target, if inside the walked folder.
    fn follow(&mut self, link: &Path) {
        let (Some(root), Ok(target)) = (&self.root, std::fs::canonicalize(link)) else {
            return; // dangling, or a loop the system refuses to resolve
        };
        if !target.starts_with(root) {
            return;
        }
        let Ok(meta) = std::fs::metadata(&target) else {
            return;
        };
        if meta.is_dir() {
            self.walk(link);
        } else if meta.is_file() && self.kind.matches(link) {
            self.push(link.to_path_buf());
        }
    }

    fn push(&mut self, path: PathBuf) {
        self.found += 1;
        if let Some(inputs) = self.keep.as_deref_mut() {
            inputs.push(Input {
                display: path.display().to_string(),
                path: Some(path),
            });
        }
    }
}

/// What the capped reader read.
#[derive(Debug)]
pub enum Capped {
    /// The whole file, at most [`CAP`] bytes.
    Whole(Vec<u8>),
    /// Over the cap: its size when known (nothing past the cap was read).
    TooLarge(Option<u64>),
}

/// The one reader (spec section 12): regular files only, capped at `cap` bytes before the
/// file is read whole; `None` reads standard input, also capped. The size of a file is
/// asked before reading, so an over-limit file costs nothing.
pub fn read_capped(path: Option<&Path>, cap: u64) -> std::io::Result<Result<Capped, NotRegular>> {
    let Some(path) = path else {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(cap + 1)
            .read_to_end(&mut bytes)?;
        if bytes.len() as u64 > cap {
            return Ok(Ok(Capped::TooLarge(None)));
        }
        return Ok(Ok(Capped::Whole(bytes)));
    };
    let file = open_nonblocking(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Ok(Err(NotRegular));
    }
    if meta.len() > cap {
        return Ok(Ok(Capped::TooLarge(Some(meta.len()))));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(cap + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        // It grew while being read.
        return Ok(Ok(Capped::TooLarge(None)));
    }
    Ok(Ok(Capped::Whole(bytes)))
}

/// A FIFO, socket or device: samictl reads regular files only.
#[derive(Debug)]
pub struct NotRegular;

/// Opens for reading without blocking on a FIFO with no writer; the caller checks the type
/// before reading.
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    match options.open(path) {
        // A path past PATH_MAX (issue 32): opened a folder at a time.
        Err(e) if super::longpath::too_long(&e) => {
            super::longpath::open(path, libc::O_RDONLY | libc::O_NONBLOCK)
        }
        other => other,
    }
}

/// Reads any input but a bot file (expectation files, `samictl.toml`): over the cap, or not
/// a regular file, is exit 2. `display` names it in messages.
pub fn read_file(path: Option<&Path>, display: &str) -> Result<Vec<u8>, Failure> {
    let name = display_name(path, display);
    match read_capped(path, CAP) {
        Ok(Ok(Capped::Whole(bytes))) => Ok(bytes),
        Ok(Ok(Capped::TooLarge(size))) => Err(Failure::new(format!(
            "{name}: {}; the limit is {CAP} bytes (1 MiB)",
            size.map_or_else(
                || format!("more than {CAP} bytes"),
                |n| format!("{n} bytes")
            )
        ))),
        Ok(Err(NotRegular)) => Err(not_regular(&name)),
        Err(e) => Err(Failure::new(format!(
            "{name}: cannot read: {}",
            describe(&e)
        ))),
    }
}

fn display_name(path: Option<&Path>, display: &str) -> String {
    if path.is_none() {
        "standard input".to_owned()
    } else {
        format!("`{}`", escape(display))
    }
}

fn not_regular(name: &str) -> Failure {
    Failure::new(format!("{name}: not a regular file")).with_hint(
        "samictl reads regular files only (not a FIFO, socket or device); use `-` for standard input",
    )
}

/// Reads an input that is not a bot file, as [`read_file`].
pub fn read(input: &Input) -> Result<Vec<u8>, Failure> {
    read_file(input.path.as_deref(), &input.display)
}

/// A bot file's bytes, or its real size when it is over the 1 MiB limit (a `yaml-syntax`
/// finding, [`samictl::validate::oversized`], rather than a failure).
pub enum BotBytes {
    Whole(Vec<u8>),
    TooLarge(Option<u64>),
}

/// Reads a bot file through the one reader.
pub fn read_bot(input: &Input) -> Result<BotBytes, Failure> {
    let name = display_name(input.path.as_deref(), &input.display);
    match read_capped(input.path.as_deref(), CAP) {
        Ok(Ok(Capped::Whole(bytes))) => Ok(BotBytes::Whole(bytes)),
        Ok(Ok(Capped::TooLarge(size))) => Ok(BotBytes::TooLarge(size)),
        Ok(Err(NotRegular)) => Err(not_regular(&name)),
        Err(e) => Err(Failure::new(format!(
            "{name}: cannot read: {}",
            describe(&e)
        ))),
    }
}

#[cfg(test)]
mod tests {
    //! The streamed walk against the collected, sorted one ([`bot_files`]) on trees made to
    //! trip a walk that sorts folder by folder: names around `/` in byte order (`-`, `.`, `_`,
    //! space, digits, uppercase, non-ASCII), folders named like file prefixes, names that are
    //! not UTF-8 (two of which show alike), overlapping PATH arguments, links.
    use super::{Input, bot_files, bot_files_streamed};
    use std::path::{Path, PathBuf};

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("samictl-inputs-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn touch(dir: &Path, rel: impl AsRef<Path>) {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, "version: 1\n").unwrap();
    }

    fn collected(paths: &[PathBuf], follow: bool) -> Result<Vec<Input>, String> {
        bot_files(paths, follow).map_err(|f| f.message)
    }

    fn streamed(paths: &[PathBuf], follow: bool) -> Result<Vec<Input>, String> {
        bot_files_streamed(paths, follow)
            .map_err(|f| f.message)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|f| f.message)
    }

    fn same(paths: &[PathBuf], follow: bool) -> usize {
        let want = collected(paths, follow);
        let got = streamed(paths, follow);
        assert_eq!(got, want, "{paths:?} follow={follow}");
        want.map_or(0, |w| w.len())
    }

    /// Names that sort differently alone and with a `/` after them, and folders named like
    /// the start of a file name.
    fn tricky(dir: &Path) {
        for name in [
            "a.yaml",
            "a-b.yaml",
            "a_b.yaml",
            "a b.yaml",
            "a0.yaml",
            "A.yaml",
            "ab.yaml",
            "a.yml",
            "-.yaml",
            "~.yaml",
            "é.yaml",
            "z.yaml",
            "x.test.yaml",
            ".hidden.yaml",
            "notes.txt",
            "a/a.yaml",
            "a/b/c.yaml",
            "a-b/x.yaml",
            "a.b/x.yaml",
            "a.yaml.d/x.yaml",
            "a_/x.yaml",
            "a0/x.yaml",
            "A/x.yaml",
            "-/x.yaml",
            "é/x.yaml",
            "deep/e/f/g/h.yaml",
            "deep/e-f/g.yaml",
            "deep/e.f.yaml",
            ".git/x.yaml",
        ] {
            touch(dir, name);
        }
        std::fs::create_dir_all(dir.join("empty/inner")).unwrap();
    }

    #[test]
    fn the_stream_is_the_sorted_list_on_tricky_names() {
        let dir = scratch("tricky");
        tricky(&dir);
        let n = same(std::slice::from_ref(&dir), false);
        assert_eq!(n, 25);
        let mut slash = dir.clone().into_os_string();
        slash.push("/");
        same(&[PathBuf::from(slash)], false);
        same(&[dir.join("a"), dir.join("deep")], false);
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn overlapping_paths_are_merged_and_each_file_comes_once() {
        let dir = scratch("overlap");
        tricky(&dir);
        let paths = [
            dir.join("a"),
            dir.clone(),
            dir.join("a.yaml"),
            dir.join("a-b.yaml"),
            dir.join("a/b/c.yaml"),
            dir.join("deep/e"),
            dir.join("a"),
            PathBuf::from("-"),
            PathBuf::from("-"),
            dir.join("x.test.yaml"),
        ];
        let n = same(&paths, false);
        assert_eq!(n, 26, "every file once, and `-`");
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn problems_are_the_same_and_come_before_any_file() {
        let dir = scratch("problems");
        tricky(&dir);
        let paths = [
            dir.clone(),
            dir.join("missing.yaml"),
            dir.join("empty"),
            dir.join("missing/"),
        ];
        let want = collected(&paths, false);
        assert!(want.is_err());
        assert_eq!(
            bot_files_streamed(&paths, false).err().map(|f| f.message),
            want.err()
        );
        std::fs::remove_dir_all(&dir).ok();
    }

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_sort_as_shown() {
        use std::ffi::OsStr;
        use std::os::unix::ffi::OsStrExt;
        let dir = scratch("bytes");
        // `\xff` and `\xfe` both show as U+FFFD: files and folders of the same shown name.
        for name in [
            &b"\xff.yaml"[..],
            b"\xfe.yaml",
            b"a\xff.yaml",
            b"\xef\xbf\xbd.yaml",
        ] {
            touch(&dir, OsStr::from_bytes(name));
        }
        for (folder, file) in [
            (&b"\xff"[..], &b"b.yaml"[..]),
            (b"\xfe", b"a.yaml"),
            (b"\xfe", b"c.yaml"),
            (b"\xef\xbf\xbd", b"b.yaml"),
            (b"\xe2\x82", b"x.yaml"),
        ] {
            touch(
                &dir,
                Path::new(OsStr::from_bytes(folder)).join(OsStr::from_bytes(file)),
            );
        }
        let n = same(std::slice::from_ref(&dir), false);
        assert_eq!(n, 9);
        same(&[dir.clone(), dir.join(OsStr::from_bytes(b"\xfe"))], false);
        std::fs::remove_dir_all(&dir).ok();
    }

    #[cfg(unix)]
    #[test]
    fn followed_links_are_the_ones_the_sorted_walk_follows() {
        use std::os::unix::fs::symlink;
        let dir = scratch("links");
        let outside = scratch("links-outside");
        touch(&outside, "secret.yaml");
        tricky(&dir);
        touch(&dir, "z/in-z.yaml");
        touch(&dir, "z/sub/deeper.yaml");
        // Two links to one folder: the walk follows the first it meets in its own order
        // (`b` before `b-c`), while `b-c/` sorts before `b/`.
        symlink(dir.join("z"), dir.join("b")).unwrap();
        symlink(dir.join("z"), dir.join("b-c")).unwrap();
        symlink("z", dir.join("b.c")).unwrap();
        symlink("a.yaml", dir.join("link.yaml")).unwrap();
        symlink("a.yaml", dir.join("link-to-file")).unwrap();
        symlink(".", dir.join("z/loop")).unwrap();
        symlink("..", dir.join("z/up")).unwrap();
        symlink(&outside, dir.join("out")).unwrap();
        symlink(outside.join("secret.yaml"), dir.join("out.yaml")).unwrap();
        symlink("nowhere", dir.join("dangling.yaml")).unwrap();
        let with = same(std::slice::from_ref(&dir), true);
        let without = same(std::slice::from_ref(&dir), false);
        assert!(with > without, "{with} {without}");
        same(&[dir.join("z"), dir.clone(), dir.join("b")], true);
        let files = streamed(std::slice::from_ref(&dir), true).unwrap();
        assert!(files.iter().all(|f| !f.display.contains("secret")));
        std::fs::remove_dir_all(&dir).ok();
        std::fs::remove_dir_all(&outside).ok();
    }

    /// A small deterministic generator for random trees.
    struct Lcg(u64);

    impl Lcg {
        fn below(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((self.0 >> 33) % n as u64) as usize
        }
    }

    #[test]
    fn random_trees_stream_in_sorted_order() {
        let pieces = [
            "a", "A", "-", ".", "_", "0", "9", " ", "é", "~", "b", "ab", "a-",
        ];
        for seed in 0..8 {
            let dir = scratch(&format!("random-{seed}"));
            let mut rng = Lcg(seed);
            let mut folders = vec![PathBuf::new()];
            for _ in 0..120 {
                let mut name = String::new();
                for _ in 0..1 + rng.below(3) {
                    name.push_str(pieces[rng.below(pieces.len())]);
                }
                let parent = folders[rng.below(folders.len())].clone();
                if rng.below(3) == 0 {
                    let folder = parent.join(&name);
                    if !dir.join(&folder).exists() {
                        std::fs::create_dir_all(dir.join(&folder)).unwrap();
                        folders.push(folder);
                    }
                } else {
                    let file = parent.join(format!("{name}.yaml"));
                    if !dir.join(&file).exists() {
                        touch(&dir, file);
                    }
                }
            }
            touch(&dir, "anchor.yaml");
            same(std::slice::from_ref(&dir), false);
            let named = [dir.join(&folders[rng.below(folders.len())]), dir.clone()];
            same(&named, false);
            std::fs::remove_dir_all(&dir).ok();
        }
    }

    #[test]
    fn the_walk_lists_a_folder_only_when_it_gets_there() {
        let dir = scratch("lazy");
        for d in 0..40 {
            for f in 0..30 {
                touch(&dir, format!("d{d:02}/f{f:02}.yaml"));
            }
        }
        let mut stream = bot_files_streamed(std::slice::from_ref(&dir), false).unwrap();
        let mut most = 0;
        let mut count = 0;
        while let Some(input) = stream.next() {
            input.unwrap();
            count += 1;
            most = most.max(stream.heap.len());
        }
        assert_eq!(count, 1200);
        // The 40 folders and one folder's 30 files, never the 1,200 files.
        assert!(most <= 40 + 30, "{most} entries held");
        std::fs::remove_dir_all(&dir).ok();
    }

    /// `--follow` lists each folder once, however many ways lead to it: a link up to a
    /// folder walked the ordinary way (`a/b/up -> ..`) is not walked again (issue 32).
    #[cfg(unix)]
    #[test]
    fn a_followed_walk_lists_each_file_once() {
        use std::os::unix::fs::symlink;
        let dir = scratch("follow-once");
        touch(&dir, "a/b/x.yaml");
        symlink("..", dir.join("a/b/up")).unwrap();
        symlink("b", dir.join("a/0-first")).unwrap();
        for paths in [
            vec![dir.clone()],
            vec![dir.join("a")],
            vec![dir.join("a/b")],
        ] {
            let files = streamed(&paths, true).unwrap();
            assert_eq!(files.len(), 1, "{files:?}");
            assert!(files[0].display.ends_with("a/b/x.yaml"), "{files:?}");
            same(&paths, true);
        }
        std::fs::remove_dir_all(&dir).ok();
    }
}
