//! Every input samictl reads, found and read one way (spec section 12).
//!
//! - [`collect_walk`] expands PATH arguments. A directory walk
//!   visits regular files only and does not follow symbolic links; with `--follow`
//!   ([`Walk::follow`]) it follows them, but never to anything outside the walked folder.
//!   A file named on the command line is read even through a symbolic link.
//! - [`read_capped`] is the one reader: regular files only (a FIFO, socket or device is exit 2,
//!   "not a regular file", and is never opened in a way that blocks), capped at
//!   [`samictl::yaml::MAX_FILE_BYTES`] before anything is read. [`read_bot`] turns an
//!   over-limit bot file into the `yaml-syntax` finding; [`read`] and [`read_file`] make any
//!   other over-limit input exit 2.
//!
//! Every path that reaches a message is escaped.

use super::context::Failure;
use samictl::render::text::escape;
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
    Ok(skip_expectations(inputs))
}

fn skip_expectations(inputs: Vec<Input>) -> Vec<Input> {
    let (expectations, bots): (Vec<_>, Vec<_>) = inputs
        .into_iter()
        .partition(|i| i.display.ends_with(".test.yaml") || i.display.ends_with(".test.yml"));
    for skipped in &expectations {
        say!(
            "note: skipped {}: an expectation file, not a bot file (`samictl test` runs it)",
            escape(&skipped.display)
        );
    }
    bots
}

pub fn strip_dot(inputs: &mut [Input], paths: &[PathBuf], default_dir: bool) {
    if !default_dir && !paths.iter().any(|p| p.as_os_str() == ".") {
        return;
    }
    for input in inputs {
        let typed = paths
            .iter()
            .any(|p| p.as_os_str() == input.display.as_str());
        if let Some(rest) = input.display.strip_prefix("./").filter(|_| !typed) {
            input.display = rest.to_owned();
        }
    }
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

/// A path for a message: escaped, in backquotes.
pub fn shown(path: &Path) -> String {
    format!("`{}`", escape(&path.display().to_string()))
}

/// Expands PATH arguments into sorted, de-duplicated inputs, walking directories for files
/// of `kind` as `walk` says. Every problem is collected so the user can fix them all at once.
pub fn collect_walk(paths: &[PathBuf], kind: Kind, walk: Walk) -> Result<Vec<Input>, Failure> {
    let mut inputs = Vec::new();
    let mut problems = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            inputs.push(Input {
                display: "-".to_owned(),
                path: None,
            });
            continue;
        }
        // A path named on the command line is followed through symbolic links.
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => {
                let before = inputs.len();
                let mut walker = Walker {
                    kind,
                    walk,
                    root: None,
                    visited: Vec::new(),
                    inputs: &mut inputs,
                    problems: &mut problems,
                };
                if walk.follow {
                    match std::fs::canonicalize(p) {
                        Ok(root) => {
                            walker.visited.push(root.clone());
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
                if inputs.len() == before {
                    problems.push(format!(
                        "{}: {} found under this directory",
                        shown(p),
                        kind.describe()
                    ));
                }
            }
            Ok(m) if !m.is_file() => problems.push(format!("{}: not a regular file", shown(p))),
            Ok(_) => inputs.push(Input {
                display: p.display().to_string(),
                path: Some(p.clone()),
            }),
            Err(e) => problems.push(format!("{}: {}", shown(p), describe(&e))),
        }
    }
    if !problems.is_empty() {
        return Err(Failure::new(problems.join("\nerror: ")));
    }
    inputs.sort();
    inputs.dedup();
    Ok(inputs)
}

fn describe(e: &std::io::Error) -> String {
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

struct Walker<'a> {
    kind: Kind,
    walk: Walk,
    /// The walked folder, resolved, when following links: nothing outside it is visited.
    root: Option<PathBuf>,
    /// Resolved folders already walked (a link cycle is walked once).
    visited: Vec<PathBuf>,
    inputs: &'a mut Vec<Input>,
    problems: &'a mut Vec<String>,
}

impl Walker<'_> {
    /// Every file of the kind below `dir`; hidden files and folders are skipped. Without
    /// `--follow`, symbolic links are skipped: a committed `bots/d.yaml -> ~/.git-credentials`
    /// is never read. With it, a link is followed only when its target lies inside the
    /// walked folder.
    fn walk(&mut self, dir: &Path) {
        let entries = match std::fs::read_dir(dir) {
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
            let Ok(file_type) = entry.file_type() else {
                continue;
            };
            if file_type.is_symlink() {
                if self.walk.follow {
                    self.follow(&path);
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
            if self.visited.contains(&target) {
                return;
            }
            self.visited.push(target);
            self.walk(link);
        } else if meta.is_file() && self.kind.matches(link) {
            self.push(link.to_path_buf());
        }
    }

    fn push(&mut self, path: PathBuf) {
        self.inputs.push(Input {
            display: path.display().to_string(),
            path: Some(path),
        });
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
    options.open(path)
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
