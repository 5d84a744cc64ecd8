//! The one reader (docs/spec 12): every input samictl reads goes through [`read_capped`]
//! or, for a file a walk found, through the walked folder's descriptor ([`read_bot`], [`read`]):
//! regular files only (a FIFO, socket or device is exit 2, "not a regular file", and is never
//! opened in a way that blocks), capped at [`samictl::yaml::MAX_FILE_BYTES`] before anything
//! is read. [`read_bot`] turns an over-limit bot file into the `yaml-syntax` finding; [`read`]
//! and [`read_file`] make any other over-limit input exit 2.
//!
//! Every path that reaches a message is escaped.

use super::dir::{self, Dir, Root};
use super::failure::Failure;
use samictl::render::text::escape;
use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The size limit of every file samictl reads (1 MiB).
pub const CAP: u64 = samictl::yaml::MAX_FILE_BYTES as u64;

/// A bot file to check.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Input {
    /// The path as given, or as found under a given directory; `-` for standard input.
    pub display: String,
    pub path: Option<PathBuf>,
    /// Where a walk found it: read through the walked folder, never by `path` again. `None`
    /// for a file named on the command line (read even through a link) and standard input.
    pub origin: Option<Origin>,
}

/// Where a walked file is: the walked folder, held open, the names below it, and its own
/// folder when the walk kept that open too (read through it directly). It takes no part in
/// comparing inputs (they are told apart by name and path).
#[derive(Clone, Debug)]
pub struct Origin {
    root: Arc<Root>,
    rel: Vec<OsString>,
    parent: Option<Arc<Dir>>,
}

impl Origin {
    /// A file reached again from the walked folder down, one folder at a time.
    pub fn new(root: Arc<Root>, rel: Vec<OsString>) -> Origin {
        Origin {
            root,
            rel,
            parent: None,
        }
    }

    /// A file read through its folder, held open since the walk listed it.
    pub fn in_dir(root: Arc<Root>, rel: Vec<OsString>, parent: Arc<Dir>) -> Origin {
        Origin {
            root,
            rel,
            parent: Some(parent),
        }
    }

    /// The folder held open for it, if any (to count them).
    #[cfg(test)]
    pub fn folder(&self) -> Option<*const Dir> {
        self.parent.as_ref().map(Arc::as_ptr)
    }

    /// Where a write to the file lands: its folder, as the walk went through it (held open,
    /// or reached again from the walked folder down, never through a link there), and its
    /// name in it. A link followed (`--follow`) is written through, to the file it leads to
    /// inside the walked folder ([`Root::link_place`]).
    pub fn place(&self) -> std::io::Result<(Arc<Dir>, OsString)> {
        let Some((name, folders)) = self.rel.split_last() else {
            return Err(std::io::Error::from(std::io::ErrorKind::NotFound));
        };
        let dir = match &self.parent {
            Some(dir) => dir.clone(),
            None => Arc::new(self.root.open_dir(folders)?),
        };
        if self.root.follows() {
            let link = rustix::fs::statat(
                &*dir,
                name.as_os_str(),
                rustix::fs::AtFlags::SYMLINK_NOFOLLOW,
            )
            .is_ok_and(|st| rustix::fs::FileType::from_raw_mode(st.st_mode).is_symlink());
            if link {
                return match self.root.link_place(&dir, name) {
                    Some((dir, name)) => Ok((Arc::new(dir), name)),
                    None => Err(std::io::Error::from_raw_os_error(libc::ELOOP)),
                };
            }
        }
        Ok((dir, name.clone()))
    }

    /// The file, opened for reading through the walked folders.
    fn open(&self) -> std::io::Result<std::fs::File> {
        match (&self.parent, self.rel.last()) {
            (Some(dir), Some(name)) => self.root.open_file_in(dir, name),
            _ => self.root.open_file(&self.rel),
        }
    }
}

impl PartialEq for Origin {
    fn eq(&self, _: &Origin) -> bool {
        true
    }
}

impl Eq for Origin {}

impl PartialOrd for Origin {
    fn partial_cmp(&self, other: &Origin) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Origin {
    fn cmp(&self, _: &Origin) -> std::cmp::Ordering {
        std::cmp::Ordering::Equal
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

/// The one reader (docs/spec 12): regular files only, capped at `cap` bytes before the
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
    read_opened(open_nonblocking(path)?, cap)
}

/// [`read_capped`] for an input: a walked file through its walked folder.
fn read_input(input: &Input, cap: u64) -> std::io::Result<Result<Capped, NotRegular>> {
    match &input.origin {
        Some(origin) => read_opened(origin.open()?, cap),
        None => read_capped(input.path.as_deref(), cap),
    }
}

/// Reads a file opened for reading (not yet read), capped.
fn read_opened(file: std::fs::File, cap: u64) -> std::io::Result<Result<Capped, NotRegular>> {
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

/// Opens a path named for reading (through links), without blocking on a FIFO with no
/// writer; the caller checks the type before reading. A path past PATH_MAX (issue 32) is
/// opened a folder at a time.
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    let flags = rustix::fs::OFlags::RDONLY | rustix::fs::OFlags::NONBLOCK;
    dir::open_path(path, flags).map(std::fs::File::from)
}

/// Reads any input but a bot file (expectation files, `samictl.toml`): over the cap, or not
/// a regular file, is exit 2. `display` names it in messages.
pub fn read_file(path: Option<&Path>, display: &str) -> Result<Vec<u8>, Failure> {
    other_input(read_capped(path, CAP), path, display)
}

/// Reads an input that is not a bot file, as [`read_file`].
pub fn read(input: &Input) -> Result<Vec<u8>, Failure> {
    other_input(
        read_input(input, CAP),
        input.path.as_deref(),
        &input.display,
    )
}

fn other_input(
    read: std::io::Result<Result<Capped, NotRegular>>,
    path: Option<&Path>,
    display: &str,
) -> Result<Vec<u8>, Failure> {
    let name = display_name(path, display);
    match read {
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

/// What every command says of a path that is not a regular file (a FIFO, socket or device),
/// named on the command line or found: the one wording, with [`NOT_REGULAR_HINT`].
pub fn not_regular_problem(name: &str) -> String {
    format!("{name}: not a regular file")
}

/// The hint that goes with [`not_regular_problem`], whichever command met it.
pub const NOT_REGULAR_HINT: &str =
    "samictl reads regular files only (not a FIFO, socket or device); use `-` for standard input";

fn not_regular(name: &str) -> Failure {
    Failure::new(not_regular_problem(name)).with_hint(NOT_REGULAR_HINT)
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
    match read_input(input, CAP) {
        Ok(Ok(Capped::Whole(bytes))) => Ok(BotBytes::Whole(bytes)),
        Ok(Ok(Capped::TooLarge(size))) => Ok(BotBytes::TooLarge(size)),
        Ok(Err(NotRegular)) => Err(not_regular(&name)),
        Err(e) => Err(Failure::new(format!(
            "{name}: cannot read: {}",
            describe(&e)
        ))),
    }
}

pub fn describe(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => escape(&e.to_string()),
    }
}

/// A path for a message: escaped, in backquotes.
pub fn shown(path: &Path) -> String {
    format!("`{}`", escape(&path.display().to_string()))
}
