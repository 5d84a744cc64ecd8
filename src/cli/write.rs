//! The one writer (docs/spec 12, "Writing"): `edit`, `init`, `simulate --record` and `fix`
//! write files only through it.
//!
//! Public API (additive; callers in other commands depend on it):
//! - [`Snapshot::of`] remembers the bytes a command read (through `inputs`, the capped reader)
//!   of a file it is about to change.
//! - [`replace`]`(path, &snapshot, text)`: writes `text` over a file samictl read earlier,
//!   refusing with [`WriteError::Changed`] (exit 2, nothing written) when the file on disk is no
//!   longer what was read.
//! - [`create_new`]`(path, text)`: writes a file that must not exist yet, with create-new
//!   semantics at write time ([`WriteError::Exists`] when something, even a dangling symbolic
//!   link, appeared at `path` meanwhile).
//! - [`overwrite`]`(path, text)`: writes whatever is there (`init --force`).
//! - [`WriteError::into_failure`] turns any error into the exit-2 failure to return.
//!
//! Every write goes through a symbolic link to its target (the link stays a link), keeps the
//! target's permissions and, when it can, its owner; writes a temporary file in the target's
//! folder, flushes it and renames it over the target, so a crash or Ctrl-C at any moment leaves
//! the old file or the new one, whole; and removes the temporary file on any failure.

use super::context::Failure;
use samictl::render::text::escape;
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

/// What samictl read of a file it is about to change.
#[derive(Clone, Debug)]
pub struct Snapshot {
    /// The bytes read.
    pub bytes: Vec<u8>,
}

impl Snapshot {
    /// A snapshot of bytes already read through the reader.
    pub fn of(bytes: Vec<u8>) -> Snapshot {
        Snapshot { bytes }
    }
}

/// Why nothing was written.
#[derive(Debug)]
pub enum WriteError {
    /// The file changed on disk after samictl read it.
    Changed,
    /// A file that must be new exists (or a link, even dangling, stands at its path).
    Exists,
    /// What stands at the path (or at the end of its links) is not a regular file.
    NotRegular,
    /// The path is a symbolic link whose target doesn't exist.
    DanglingLink,
    /// The file is read-only: no write permission for anyone, or none for this user.
    ReadOnly,
    Io(std::io::Error),
}

impl From<std::io::Error> for WriteError {
    fn from(e: std::io::Error) -> WriteError {
        WriteError::Io(e)
    }
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Changed => f.write_str(
                "it changed on disk after samictl read it; nothing was written (run the command again)",
            ),
            WriteError::Exists => f.write_str("it already exists; nothing was written"),
            WriteError::NotRegular => {
                f.write_str("it is not a regular file (a folder, FIFO or device); nothing was written")
            }
            WriteError::DanglingLink => f.write_str(
                "it is a symbolic link to a file that doesn't exist; nothing was written",
            ),
            WriteError::ReadOnly => f.write_str(
                "it is read-only (make it writable first, for example `chmod u+w`); nothing was written",
            ),
            WriteError::Io(e) => write!(f, "{e}; nothing was written"),
        }
    }
}

impl WriteError {
    /// The exit-2 failure for this error on `path`.
    pub fn into_failure(self, path: &Path) -> Failure {
        let f = Failure::new(format!(
            "cannot write `{}`: {self}",
            escape(&path.display().to_string())
        ));
        match self {
            WriteError::Exists => f.with_hint("pass --force to overwrite it, or name another file"),
            _ => f,
        }
    }
}

/// Where a write to `path` lands: through symbolic links to their final target.
fn target_of(path: &Path) -> std::io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    // A bounded number of hops, as the system allows.
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => {
                let link = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(dir) if link.is_relative() => dir.join(link),
                    _ => link,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Writes `text` to a new temporary file next to `target` (a random name beside it, so the
/// rename is atomic), flushed to disk. The file is created with `mode` (the final file's, when
/// it replaces one; `0o666` less the umask, as any new file, otherwise), never wider for a
/// moment. It is removed when dropped: on every failure, until it is persisted.
fn temporary(target: &Path, text: &str, mode: Option<u32>) -> std::io::Result<NamedTempFile> {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "bot.yaml".to_owned());
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".samictl.tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = mode.map_or(0o666, |m| m & 0o7777);
        builder.permissions(fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = mode;
    let mut tmp = builder.tempfile_in(folder_of(target))?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

/// Gives `tmp` the mode and, when allowed, the owner of `meta`, through its open handle.
fn keep_metadata(tmp: &NamedTempFile, meta: &fs::Metadata) -> std::io::Result<()> {
    tmp.as_file().set_permissions(meta.permissions())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Only root (or the owner, for the group) may do this; otherwise the new file is
        // owned by whoever runs samictl, as with any editor.
        let _ = std::os::unix::fs::fchown(tmp.as_file(), Some(meta.uid()), Some(meta.gid()));
    }
    Ok(())
}

/// The mode a file's replacement is created with.
fn mode_of(meta: &fs::Metadata) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        Some(meta.permissions().mode())
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        None
    }
}

/// Refuses a file the user may not write, as an editor does: one without any write
/// permission bit (read-only by intent, so refused even for root, who could write anything),
/// or one `access(2)` says this user cannot write.
fn writable(target: &Path, meta: &fs::Metadata) -> Result<(), WriteError> {
    if meta.permissions().readonly() {
        return Err(WriteError::ReadOnly);
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let Ok(c) = std::ffi::CString::new(target.as_os_str().as_bytes()) else {
            return Ok(());
        };
        // SAFETY: `c` is a valid NUL-terminated path that outlives the call.
        let allowed = unsafe { libc::access(c.as_ptr(), libc::W_OK) } == 0;
        let denied =
            !allowed && std::io::Error::last_os_error().raw_os_error() == Some(libc::EACCES);
        if denied {
            return Err(WriteError::ReadOnly);
        }
    }
    Ok(())
}

/// How many names (hard links) the file has.
fn links(meta: &fs::Metadata) -> u64 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        meta.nlink()
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        1
    }
}

/// Writes `text` into the file itself (a file with several hard links: a rename would leave
/// the other names with the old text).
fn in_place(target: &Path, text: &str) -> std::io::Result<()> {
    let mut f = OpenOptions::new().write(true).truncate(true).open(target)?;
    f.write_all(text.as_bytes())?;
    f.sync_all()
}

fn sync_folder(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Writes `text` over a file `fix` or `fmt` read (as `original`), through [`replace`]: refused
/// when the file changed on disk since it was read. The one place those two commands write.
pub fn write_back(
    input: &super::inputs::Input,
    original: &[u8],
    text: &str,
) -> Result<(), Failure> {
    let Some(path) = &input.path else {
        return Err(Failure::new(format!(
            "`{}`: not a file",
            escape(&input.display)
        )));
    };
    replace(path, &Snapshot::of(original.to_vec()), text).map_err(|e| e.into_failure(path))
}

/// Writes `text` over `path`, which samictl read as `snapshot`; refuses when the file on disk
/// is no longer what was read.
pub fn replace(path: &Path, snapshot: &Snapshot, text: &str) -> Result<(), WriteError> {
    let target = target_of(path)?;
    let unchanged = |target: &Path| -> Result<fs::Metadata, WriteError> {
        let meta = fs::metadata(target).map_err(|_| WriteError::Changed)?;
        match super::inputs::read_capped(Some(target), super::inputs::CAP) {
            Ok(Ok(super::inputs::Capped::Whole(now))) if now == snapshot.bytes => Ok(meta),
            _ => Err(WriteError::Changed),
        }
    };
    let meta = unchanged(&target)?;
    writable(&target, &meta)?;
    if links(&meta) > 1 {
        // Every name keeps seeing one file: written in place, after the same checks.
        unchanged(&target)?;
        return in_place(&target, text).map_err(WriteError::Io);
    }
    let tmp = temporary(&target, text, mode_of(&meta))?;
    keep_metadata(&tmp, &meta)?;
    // Checked again at the last moment: the prompts may have been open for minutes.
    unchanged(&target)?;
    tmp.persist(&target).map_err(|e| WriteError::Io(e.error))?;
    sync_folder(&folder_of(&target));
    Ok(())
}

/// Writes `text` over the file at `path` (`init --force`), or creates it, through a link to
/// its target (a link that leads nowhere yet creates its target: the user named it and asked
/// for `--force`). Anything but a regular file is refused: a FIFO or a device is never
/// replaced by a file.
pub fn overwrite(path: &Path, text: &str) -> Result<(), WriteError> {
    overwrite_with(path, text, true)
}

/// [`overwrite`] for an output file a command was pointed at (`simulate --record --output`),
/// where the path may come from a checked-out tree: a link that leads nowhere is refused too
/// (it would create a file wherever the link points).
pub fn write_output(path: &Path, text: &str) -> Result<(), WriteError> {
    overwrite_with(path, text, false)
}

fn overwrite_with(path: &Path, text: &str, create_through_link: bool) -> Result<(), WriteError> {
    let target = target_of(path)?;
    let meta = match fs::symlink_metadata(&target) {
        Ok(m) if m.is_file() => Some(m),
        Ok(_) => return Err(WriteError::NotRegular),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if target.as_path() != path && !create_through_link {
                return Err(WriteError::DanglingLink);
            }
            None
        }
        Err(e) => return Err(e.into()),
    };
    if let Some(meta) = &meta {
        writable(&target, meta)?;
        if links(meta) > 1 {
            return in_place(&target, text).map_err(WriteError::Io);
        }
    }
    let tmp = temporary(&target, text, meta.as_ref().and_then(mode_of))?;
    if let Some(meta) = &meta {
        keep_metadata(&tmp, meta)?;
    }
    tmp.persist(&target).map_err(|e| WriteError::Io(e.error))?;
    sync_folder(&folder_of(&target));
    Ok(())
}

/// Writes a file that must not exist: the check happens at write time (the finished temporary
/// file is moved into place without replacing anything, `renameat2(RENAME_NOREPLACE)` or a hard
/// link, which fails if anything stands at `path`, a dangling link included), so a file created
/// while samictl was asking questions is never overwritten.
pub fn create_new(path: &Path, text: &str) -> Result<(), WriteError> {
    if fs::symlink_metadata(path).is_ok() {
        return Err(WriteError::Exists);
    }
    let tmp = temporary(path, text, None)?;
    match tmp.persist_noclobber(path) {
        Ok(_) => {}
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(WriteError::Exists);
        }
        Err(e) => {
            // A file system with neither: create-new on the path itself.
            drop(e.file);
            match OpenOptions::new().write(true).create_new(true).open(path) {
                Ok(mut f) => f
                    .write_all(text.as_bytes())
                    .and_then(|()| f.sync_all())
                    .map_err(WriteError::Io)?,
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    return Err(WriteError::Exists);
                }
                Err(e) => return Err(WriteError::Io(e)),
            }
        }
    }
    sync_folder(&folder_of(path));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("samictl-write-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn replaces_the_file_and_keeps_its_permissions() {
        let dir = scratch("perm");
        let path = dir.join("bot.yaml");
        fs::write(&path, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        }
        replace(&path, &Snapshot::of(b"old".to_vec()), "new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o640);
        }
        let leftovers: Vec<_> = fs::read_dir(&dir).unwrap().flatten().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
        fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn refuses_a_file_changed_since_it_was_read() {
        let dir = scratch("changed");
        let path = dir.join("bot.yaml");
        fs::write(&path, "theirs").unwrap();
        let err = replace(&path, &Snapshot::of(b"ours".to_vec()), "new").unwrap_err();
        assert!(matches!(err, WriteError::Changed));
        assert_eq!(fs::read_to_string(&path).unwrap(), "theirs");
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1);
        fs::remove_dir_all(&dir).ok();
    }

    #[cfg(unix)]
    #[test]
    fn writes_through_a_link_and_creates_only_new_files() {
        let dir = scratch("link");
        let target = dir.join("real.yaml");
        let link = dir.join("bot.yaml");
        fs::write(&target, "old").unwrap();
        std::os::unix::fs::symlink("real.yaml", &link).unwrap();
        replace(&link, &Snapshot::of(b"old".to_vec()), "new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        // create-new: an existing file, and a dangling link, are refused.
        assert!(matches!(create_new(&target, "x"), Err(WriteError::Exists)));
        let dangling = dir.join("dangling.yaml");
        std::os::unix::fs::symlink("nowhere.yaml", &dangling).unwrap();
        assert!(matches!(
            create_new(&dangling, "x"),
            Err(WriteError::Exists)
        ));
        assert!(!dir.join("nowhere.yaml").exists());
        create_new(&dir.join("fresh.yaml"), "fresh").unwrap();
        assert_eq!(fs::read_to_string(dir.join("fresh.yaml")).unwrap(), "fresh");
        assert_eq!(
            fs::read_dir(&dir).unwrap().count(),
            4,
            "no temporary file left"
        );
        fs::remove_dir_all(&dir).ok();
    }

    /// The temporary file is created with the final mode: never readable by others, not even
    /// for a moment, when the file it replaces is private (issue 32).
    #[cfg(unix)]
    #[test]
    fn the_temporary_file_is_created_with_the_final_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch("tmpmode");
        let target = dir.join("bot.yaml");
        let tmp = temporary(&target, "secret", Some(0o600)).unwrap();
        let mode = fs::metadata(tmp.path()).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode & !0o600, 0, "created {mode:o}");
        fs::remove_dir_all(&dir).ok();
    }

    /// A new file gets the mode any new file gets (0o666 less the umask), not the temporary
    /// file's private default; a refused one leaves nothing behind.
    #[cfg(unix)]
    #[test]
    fn a_new_file_gets_the_usual_mode_and_a_refusal_leaves_nothing() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch("newmode");
        let plain = dir.join("plain.yaml");
        fs::write(&plain, "x").unwrap();
        let made = dir.join("bot.yaml");
        create_new(&made, "x").unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&made), mode(&plain));
        assert!(matches!(create_new(&made, "y"), Err(WriteError::Exists)));
        // A folder where the file should be is refused.
        let folder = dir.join("folder.yaml");
        fs::create_dir(&folder).unwrap();
        fs::write(folder.join("inside"), "x").unwrap();
        assert!(overwrite(&folder, "x").is_err());
        assert_eq!(fs::read_to_string(&made).unwrap(), "x");
        let names: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names.len(), 3, "no temporary file left: {names:?}");
        fs::remove_dir_all(&dir).ok();
    }

    /// A read-only file is refused (even for root, who could write it), nothing written.
    #[cfg(unix)]
    #[test]
    fn a_read_only_file_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch("readonly");
        let path = dir.join("bot.yaml");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
        let err = replace(&path, &Snapshot::of(b"old".to_vec()), "new").unwrap_err();
        assert!(matches!(err, WriteError::ReadOnly), "{err:?}");
        assert!(err.to_string().contains("read-only"));
        assert!(matches!(overwrite(&path, "new"), Err(WriteError::ReadOnly)));
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(
            fs::read_dir(&dir).unwrap().count(),
            1,
            "no temporary file left"
        );
        fs::remove_dir_all(&dir).ok();
    }

    /// A file with several hard links is written in place: every name sees the new text.
    #[cfg(unix)]
    #[test]
    fn a_hard_linked_file_keeps_its_links() {
        use std::os::unix::fs::MetadataExt;
        let dir = scratch("hardlink");
        let path = dir.join("bot.yaml");
        let other = dir.join("other.yaml");
        fs::write(&path, "old").unwrap();
        fs::hard_link(&path, &other).unwrap();
        replace(&path, &Snapshot::of(b"old".to_vec()), "new").unwrap();
        assert_eq!(fs::read_to_string(&other).unwrap(), "new");
        assert_eq!(fs::metadata(&path).unwrap().nlink(), 2);
        // Changed on disk meanwhile: refused as for any file.
        let err = replace(&path, &Snapshot::of(b"old".to_vec()), "newer").unwrap_err();
        assert!(matches!(err, WriteError::Changed));
        fs::remove_dir_all(&dir).ok();
    }
}
