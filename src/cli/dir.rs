//! Folders held open by their descriptors: what every folder walk lists, and what every walked
//! file is read through (docs/spec 12, issue 32).
//!
//! A walk never resolves a path from the top again. It holds the folder it lists, opens the
//! next one relative to it with `openat(O_NOFOLLOW | O_DIRECTORY)` and asks an entry's type
//! without following it (the listing's type, else `fstatat(AT_SYMLINK_NOFOLLOW)`). A folder
//! swapped for a symbolic link after it was listed is then refused by the system (`ELOOP`,
//! `ENOTDIR`), never followed somewhere else; a walked file is opened the same way, one folder
//! at a time from the walked folder ([`Root::open_file`]), so no concurrent rename can make a
//! read leave the tree either. Because every call names one component, a path longer than
//! `PATH_MAX` walks and reads as any other.
//!
//! The one link policy ([`Root::link`]): without `--follow` a link is never followed; with it,
//! the link is opened (`O_PATH`: no side effect on a device) and kept only when the descriptor
//! opened lies inside the walked folder, as the system names it (`/proc/self/fd/N`), checked on
//! that descriptor rather than on a path resolved again later.
//!
//! rustix does the system calls (`openat`, `fstat`, `fstatat`, `getdents`): already in the tree
//! (through tempfile), safe wrappers over owned descriptors, so this module has no `unsafe`.
//! Not walkdir or ignore (issue 25 named them): both open each folder by its path, resolved
//! again from the top, which is exactly what a concurrent rename can turn into a way out.

use rustix::fs::{AtFlags, FileType, Mode, OFlags};
use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::io;
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path, PathBuf};

/// Whether `e` is the refusal of a link (or of something not a folder) where a folder was
/// asked for without following links: `ELOOP`, `ENOTDIR`.
pub fn is_link_refusal(e: &io::Error) -> bool {
    matches!(e.raw_os_error(), Some(libc::ELOOP | libc::ENOTDIR))
}

/// How many folders a walk may hold open at once, beyond the few it always holds (the walked
/// folder, the one being listed): a quarter of the descriptors the process may open, at most
/// 256. A walk holds a folder open to read its files through it; past this bound, a file is
/// reached again from the walked folder down instead, so no tree (however deep or wide) and no
/// low `ulimit -n` makes a walk run out of descriptors.
pub fn held_bound() -> usize {
    bound_for(rustix::process::getrlimit(rustix::process::Resource::Nofile).current)
}

/// [`held_bound`] for a soft descriptor limit (`None`: unlimited).
fn bound_for(limit: Option<u64>) -> usize {
    limit.map_or(256, |n| usize::try_from(n / 4).unwrap_or(256).min(256))
}

/// A folder's identity: device and inode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Id {
    dev: u64,
    ino: u64,
}

/// What an entry of a folder is, links not followed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    File,
    Dir,
    Link,
    /// A FIFO, socket or device: never walked.
    Other,
}

impl Type {
    fn of(t: FileType) -> Type {
        match t {
            FileType::RegularFile => Type::File,
            FileType::Directory => Type::Dir,
            FileType::Symlink => Type::Link,
            _ => Type::Other,
        }
    }
}

/// A folder, open.
#[derive(Debug)]
pub struct Dir {
    fd: OwnedFd,
}

const DIR: OFlags = OFlags::RDONLY
    .union(OFlags::DIRECTORY)
    .union(OFlags::CLOEXEC);

impl Dir {
    /// A folder named on the command line, followed through links as any path named is; a path
    /// past `PATH_MAX` is opened one folder at a time.
    pub fn open(path: &Path) -> io::Result<Dir> {
        open_path(path, DIR).map(|fd| Dir { fd })
    }

    /// Its device and inode.
    pub fn id(&self) -> io::Result<Id> {
        let st = rustix::fs::fstat(&self.fd)?;
        Ok(Id {
            dev: st.st_dev,
            ino: st.st_ino,
        })
    }

    /// Its entries in the system's order (not `.` and `..`), each with its type; an entry
    /// whose type cannot be told is left out, as an unreadable entry is.
    pub fn entries(&self) -> io::Result<Vec<(OsString, Type)>> {
        let mut out = Vec::new();
        for entry in rustix::fs::Dir::read_from(&self.fd)? {
            let Ok(entry) = entry else {
                continue;
            };
            let name = OsStr::from_bytes(entry.file_name().to_bytes());
            if name == "." || name == ".." {
                continue;
            }
            let kind = match entry.file_type() {
                FileType::Unknown => {
                    match rustix::fs::statat(&self.fd, name, AtFlags::SYMLINK_NOFOLLOW) {
                        Ok(st) => FileType::from_raw_mode(st.st_mode),
                        Err(_) => continue,
                    }
                }
                t => t,
            };
            out.push((name.to_owned(), Type::of(kind)));
        }
        Ok(out)
    }

    /// The folder `name` in this one, never through a link: a link there (one put in place of
    /// the folder since it was listed, say) is `ELOOP` or `ENOTDIR`.
    pub fn child(&self, name: &OsStr) -> io::Result<Dir> {
        let fd = rustix::fs::openat(&self.fd, name, DIR | OFlags::NOFOLLOW, Mode::empty())?;
        Ok(Dir { fd })
    }

    /// The file `name` in this one opened for reading, never through a link, without blocking
    /// on a FIFO (the reader checks the type before it reads).
    pub fn file(&self, name: &OsStr) -> io::Result<File> {
        let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        let fd = rustix::fs::openat(&self.fd, name, flags, Mode::empty())?;
        Ok(File::from(fd))
    }

    /// Another descriptor on the same folder.
    fn again(&self) -> io::Result<Dir> {
        let fd = rustix::fs::openat(&self.fd, ".", DIR, Mode::empty())?;
        Ok(Dir { fd })
    }
}

impl AsFd for Dir {
    fn as_fd(&self) -> std::os::fd::BorrowedFd<'_> {
        self.fd.as_fd()
    }
}

/// Where the file a descriptor holds is now, as the system names it (`/proc/self/fd/N`).
fn location(fd: impl AsFd) -> Option<PathBuf> {
    std::fs::read_link(format!("/proc/self/fd/{}", fd.as_fd().as_raw_fd())).ok()
}

/// What a link followed leads to (see [`Root::link`]).
#[derive(Debug)]
pub enum Followed {
    Dir(Dir),
    /// A regular file, held without access (`O_PATH`); [`Root::open_file`] opens it for
    /// reading through this very descriptor.
    File(OwnedFd),
}

/// A walked folder (a directory argument): the folder a walk never leaves.
#[derive(Debug)]
pub struct Root {
    dir: Dir,
    /// Where the folder is, as the system names its descriptor: set when following links
    /// (`--follow`), and only then is a link followed.
    resolved: Option<PathBuf>,
}

impl Root {
    /// Opens the folder `path` (named on the command line, so followed through links) to walk
    /// it, following links inside it when `follow`.
    pub fn open(path: &Path, follow: bool) -> io::Result<Root> {
        let dir = Dir::open(path)?;
        let resolved = if follow {
            Some(location(&dir.fd).ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))?)
        } else {
            None
        };
        Ok(Root { dir, resolved })
    }

    /// Whether links are followed.
    pub fn follows(&self) -> bool {
        self.resolved.is_some()
    }

    /// The one link policy: the link `name` in `dir`, followed, when links are followed and
    /// what it leads to is a folder or a regular file inside the walked folder (checked on the
    /// descriptor opened through the link); nothing otherwise (not following, dangling, a loop
    /// the system refuses, outside, a FIFO or device).
    pub fn link(&self, dir: &Dir, name: &OsStr) -> Option<Followed> {
        let root = self.resolved.as_ref()?;
        let fd = rustix::fs::openat(&dir.fd, name, OFlags::PATH | OFlags::CLOEXEC, Mode::empty())
            .ok()?;
        if !location(&fd).is_some_and(|at| at.starts_with(root)) {
            return None;
        }
        match FileType::from_raw_mode(rustix::fs::fstat(&fd).ok()?.st_mode) {
            FileType::Directory => {
                let fd = rustix::fs::openat(&fd, ".", DIR, Mode::empty()).ok()?;
                Some(Followed::Dir(Dir { fd }))
            }
            FileType::RegularFile => Some(Followed::File(fd)),
            _ => None,
        }
    }

    /// Where a write to the followed link `name` in `dir` lands (`--follow`): the folder
    /// holding the regular file it leads to, opened and checked to lie inside the walked
    /// folder, and the file's name there, checked to be the very file the link led to (device
    /// and inode). `None` when the link is not followed ([`Root::link`]) or the file moved.
    pub fn link_place(&self, dir: &Dir, name: &OsStr) -> Option<(Dir, OsString)> {
        let root = self.resolved.as_ref()?;
        let Followed::File(fd) = self.link(dir, name)? else {
            return None;
        };
        let at = location(&fd)?;
        let (folder, file) = (at.parent()?, at.file_name()?);
        let parent = Dir::open(folder).ok()?;
        if !location(&parent.fd).is_some_and(|p| p.starts_with(root)) {
            return None;
        }
        let led = rustix::fs::fstat(&fd).ok()?;
        let there = rustix::fs::statat(&parent.fd, file, AtFlags::SYMLINK_NOFOLLOW).ok()?;
        (led.st_dev == there.st_dev && led.st_ino == there.st_ino)
            .then(|| (parent, file.to_owned()))
    }

    /// The folder `name` in `dir` as a walk enters it: never through a link, unless links are
    /// followed and this one leads inside ([`Root::link`]).
    pub fn enter(&self, dir: &Dir, name: &OsStr) -> io::Result<Dir> {
        match dir.child(name) {
            Err(e) if self.follows() => match self.link(dir, name) {
                Some(Followed::Dir(dir)) => Ok(dir),
                _ => Err(e),
            },
            other => other,
        }
    }

    /// The folder at `rel` (names below the walked folder), opened one folder at a time as the
    /// walk went ([`Root::enter`]).
    pub fn open_dir(&self, rel: &[OsString]) -> io::Result<Dir> {
        let mut at = self.dir.again()?;
        for name in rel {
            at = self.enter(&at, name)?;
        }
        Ok(at)
    }

    /// The walked file at `rel` opened for reading through the folders the walk went through
    /// (never through a link there, unless followed as [`Root::link`] allows), without
    /// blocking on a FIFO.
    pub fn open_file(&self, rel: &[OsString]) -> io::Result<File> {
        let Some((name, folders)) = rel.split_last() else {
            return Err(io::Error::from(io::ErrorKind::NotFound));
        };
        self.open_file_in(&self.open_dir(folders)?, name)
    }

    /// The walked file `name` in `dir` (a folder of this walk, held open) opened for reading:
    /// never through a link, unless followed as [`Root::link`] allows; without blocking on a
    /// FIFO.
    pub fn open_file_in(&self, dir: &Dir, name: &OsStr) -> io::Result<File> {
        match dir.file(name) {
            Err(e) if self.follows() => match self.link(dir, name) {
                Some(Followed::File(fd)) => reopen(&fd),
                _ => Err(e),
            },
            other => other,
        }
    }
}

/// The file an `O_PATH` descriptor holds, opened for reading (the same file, not a path
/// resolved again: `/proc/self/fd/N` is the descriptor's own link).
fn reopen(fd: &OwnedFd) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(format!("/proc/self/fd/{}", fd.as_raw_fd()))
}

/// Opens `path` with `flags` (and `O_CLOEXEC`); a path too long for one call is opened one
/// component at a time with `openat`, so that it opens as long as each of its names does.
/// Links on the way are followed as `open` follows them (a path named on the command line).
pub fn open_path(path: &Path, flags: OFlags) -> io::Result<OwnedFd> {
    match rustix::fs::open(path, flags | OFlags::CLOEXEC, Mode::empty()) {
        Err(e) if e == rustix::io::Errno::NAMETOOLONG => open_long(path, flags),
        other => other.map_err(io::Error::from),
    }
}

/// The status of `path` (through links, as any path named), also past `PATH_MAX` (opened a
/// folder at a time, `O_PATH`: no side effect on a FIFO or device).
pub fn metadata(path: &Path) -> io::Result<std::fs::Metadata> {
    match std::fs::metadata(path) {
        Err(e) if e.raw_os_error() == Some(libc::ENAMETOOLONG) => {
            File::from(open_long(path, OFlags::PATH)?).metadata()
        }
        other => other,
    }
}

fn open_long(path: &Path, flags: OFlags) -> io::Result<OwnedFd> {
    let parts: Vec<Component<'_>> = path.components().collect();
    let mut at: Option<OwnedFd> = None;
    for (i, part) in parts.iter().enumerate() {
        let name: &OsStr = match part {
            Component::RootDir => OsStr::new("/"),
            Component::CurDir => OsStr::new("."),
            Component::ParentDir => OsStr::new(".."),
            Component::Normal(name) => name,
            Component::Prefix(_) => return Err(io::Error::from(io::ErrorKind::InvalidInput)),
        };
        let mode = if i + 1 == parts.len() {
            flags | OFlags::CLOEXEC
        } else {
            DIR
        };
        let fd = match &at {
            Some(dir) => rustix::fs::openat(dir, name, mode, Mode::empty())?,
            None => rustix::fs::openat(rustix::fs::CWD, name, mode, Mode::empty())?,
        };
        at = Some(fd);
    }
    at.ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `e` is "file name too long".
    fn too_long(e: &io::Error) -> bool {
        e.raw_os_error() == Some(libc::ENAMETOOLONG)
    }

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("samictl-dir-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch");
        dir
    }

    /// A folder chain deeper than PATH_MAX, built with relative steps (no long path is ever
    /// passed to the system in one call).
    fn deep(root: &Path) -> PathBuf {
        let name = "d".repeat(200);
        let mut path = root.to_path_buf();
        let mut dir = Dir::open(root).expect("root");
        for _ in 0..25 {
            rustix::fs::mkdirat(&dir.fd, name.as_str(), Mode::from_raw_mode(0o755))
                .expect("mkdirat");
            path.push(&name);
            dir = dir.child(OsStr::new(&name)).expect("step");
        }
        path
    }

    #[test]
    fn the_folders_held_open_are_bounded_by_the_descriptor_limit() {
        assert_eq!(bound_for(None), 256);
        assert_eq!(bound_for(Some(1_048_576)), 256);
        assert_eq!(bound_for(Some(1024)), 256);
        assert_eq!(bound_for(Some(64)), 16);
        assert_eq!(bound_for(Some(0)), 0);
        assert!(held_bound() <= 256);
    }

    #[test]
    fn a_path_past_path_max_opens_and_lists() {
        let root = scratch("long");
        let dir = deep(&root);
        assert!(dir.as_os_str().len() > 4096);
        let plain = std::fs::read_dir(&dir).expect_err("too long for one call");
        assert!(too_long(&plain));
        assert!(
            Dir::open(&dir)
                .expect("opened")
                .entries()
                .expect("listed")
                .is_empty()
        );
        let parent = dir.parent().expect("parent");
        let names = Dir::open(parent)
            .expect("opened")
            .entries()
            .expect("listed");
        assert_eq!(names.len(), 1);
        assert_eq!(names[0].1, Type::Dir);
        let missing = open_path(&dir.join("x.yaml"), OFlags::RDONLY).expect_err("no such file");
        assert_eq!(missing.kind(), io::ErrorKind::NotFound);
        let _ = std::fs::remove_dir_all(&root);
    }

    /// A folder replaced by a link after it was listed is refused, never followed; with
    /// `--follow`, a link is followed only to something inside the walked folder.
    #[test]
    fn a_link_in_place_of_a_folder_is_never_a_way_out() {
        use std::os::unix::fs::symlink;
        let root = scratch("swap");
        let outside = scratch("swap-outside");
        std::fs::write(outside.join("secret.yaml"), "version: 1\n").expect("secret");
        std::fs::create_dir_all(root.join("a")).expect("a");
        std::fs::create_dir_all(root.join("in")).expect("in");
        std::fs::write(root.join("in/x.yaml"), "version: 1\n").expect("x");
        let walked = Root::open(&root, false).expect("root");
        assert_eq!(
            walked
                .open_dir(&[])
                .expect("dir")
                .entries()
                .expect("listed")
                .len(),
            2
        );
        std::fs::remove_dir(root.join("a")).expect("rm");
        symlink(&outside, root.join("a")).expect("link");
        let a = [OsString::from("a")];
        assert!(walked.open_dir(&a).is_err());
        let secret = [OsString::from("a"), OsString::from("secret.yaml")];
        assert!(walked.open_file(&secret).is_err());
        let following = Root::open(&root, true).expect("root");
        assert!(following.open_dir(&a).is_err(), "outside: not followed");
        assert!(following.open_file(&secret).is_err());
        symlink("in", root.join("b")).expect("link");
        let inside = [OsString::from("b"), OsString::from("x.yaml")];
        assert!(walked.open_file(&inside).is_err(), "not following");
        assert!(following.open_file(&inside).is_ok(), "inside: followed");
        let _ = std::fs::remove_dir_all(&root);
        let _ = std::fs::remove_dir_all(&outside);
    }
}
