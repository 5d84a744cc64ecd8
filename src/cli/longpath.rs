//! Paths longer than the system allows in one call (`PATH_MAX`, 4,096 bytes on Linux; issue 32).
//!
//! A walk can meet a folder or a bot file whose path is longer than the kernel takes in one
//! `open`: every call on it fails with `ENAMETOOLONG`, and that failure used to end the whole
//! run (exit 2). Such a path is opened here one component at a time with `openat`, each step
//! short, so the walk lists the folder and the reader reads the file as any other; what it
//! still can't open is that file's own problem, not the run's.

use std::ffi::CString;
use std::fs::File;
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path};

/// Whether `e` is "file name too long".
pub fn too_long(e: &io::Error) -> bool {
    e.raw_os_error() == Some(libc::ENAMETOOLONG)
}

/// Opens `path` with `flags` (and `O_CLOEXEC`), walking its folders one `openat` at a time,
/// so that a path of any length opens as long as each of its names does. Links on the way are
/// followed as `open` follows them.
pub fn open(path: &Path, flags: libc::c_int) -> io::Result<File> {
    let parts: Vec<Component<'_>> = path.components().collect();
    let mut at: Option<OwnedFd> = None;
    for (i, part) in parts.iter().enumerate() {
        let name: &std::ffi::OsStr = match part {
            Component::RootDir => std::ffi::OsStr::new("/"),
            Component::CurDir => std::ffi::OsStr::new("."),
            Component::ParentDir => std::ffi::OsStr::new(".."),
            Component::Normal(name) => name,
            Component::Prefix(_) => return Err(io::Error::from(io::ErrorKind::InvalidInput)),
        };
        let name = CString::new(name.as_bytes())?;
        let mode = if i + 1 == parts.len() {
            flags | libc::O_CLOEXEC
        } else {
            libc::O_RDONLY | libc::O_DIRECTORY | libc::O_CLOEXEC
        };
        let dir = at.as_ref().map_or(libc::AT_FDCWD, AsRawFd::as_raw_fd);
        // SAFETY: `name` is a NUL-terminated string that outlives the call; `dir` is a
        // descriptor this function owns (still open) or AT_FDCWD.
        let fd = unsafe { libc::openat(dir, name.as_ptr(), mode) };
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: `fd` was just returned by openat, is valid and owned by nothing else.
        at = Some(unsafe { OwnedFd::from_raw_fd(fd) });
    }
    at.map(File::from)
        .ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))
}

/// Lists the folder `dir` as [`std::fs::read_dir`] does, through a descriptor when its path is
/// too long for one call (the entries' own paths are then under `/proc/self/fd`: use their
/// names, joined to `dir`, not [`std::fs::DirEntry::path`]).
pub fn read_dir(dir: &Path) -> io::Result<std::fs::ReadDir> {
    match std::fs::read_dir(dir) {
        Err(e) if too_long(&e) => {
            let fd = open(dir, libc::O_RDONLY | libc::O_DIRECTORY)?;
            // The listing opens its own descriptor on the folder; ours closes after.
            std::fs::read_dir(format!("/proc/self/fd/{}", fd.as_raw_fd()))
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder chain deeper than PATH_MAX, built with relative steps (no long path is ever
    /// passed to the system in one call).
    fn deep(root: &Path) -> std::path::PathBuf {
        let name = "d".repeat(200);
        let mut path = root.to_path_buf();
        let mut fd = open(root, libc::O_RDONLY | libc::O_DIRECTORY).expect("root");
        for _ in 0..25 {
            let c = CString::new(name.as_bytes()).expect("name");
            // SAFETY: valid descriptor and C string.
            let made = unsafe { libc::mkdirat(fd.as_raw_fd(), c.as_ptr(), 0o755) };
            assert_eq!(made, 0, "mkdirat");
            path.push(&name);
            fd = open(&path, libc::O_RDONLY | libc::O_DIRECTORY).expect("step");
        }
        path
    }

    #[test]
    fn a_path_past_path_max_opens_and_lists() {
        let root = std::env::temp_dir().join(format!("samictl-longpath-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).expect("root");
        let dir = deep(&root);
        assert!(dir.as_os_str().len() > 4096);
        let plain = std::fs::read_dir(&dir).expect_err("too long for one call");
        assert!(too_long(&plain));
        let listed: Vec<_> = read_dir(&dir).expect("listed").collect();
        assert!(listed.is_empty());
        let parent = dir.parent().expect("parent");
        let names: Vec<_> = read_dir(parent)
            .expect("listed")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names.len(), 1);
        let missing = open(&dir.join("x.yaml"), libc::O_RDONLY).expect_err("no such file");
        assert_eq!(missing.kind(), io::ErrorKind::NotFound);
        // remove_dir_all takes the long path too; relative steps are not needed to clean up.
        let _ = std::fs::remove_dir_all(&root);
    }
}
