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
//! - [`write_output`]`(path, text)` and [`write_output_with`]`(path, fill)`: an output file a
//!   command was pointed at; the second writes what `fill` produces as it comes (`report`).
//! - [`WriteError::into_failure`] turns any error into the exit-2 failure to return.
//!
//! Every write goes through a symbolic link to its target (the link stays a link), keeps the
//! target's permissions and, when it can, its owner; writes a temporary file in the target's
//! folder, flushes it and renames it over the target, so a crash or Ctrl-C at any moment leaves
//! the old file or the new one, whole; and removes the temporary file on any failure.

use super::context::Failure;
use super::dir::Dir;
use rustix::fs::{Access, AtFlags, FileType, Mode, OFlags};
use samictl::render::text::escape;
use std::ffi::{OsStr, OsString};
use std::fs::{self, OpenOptions};
use std::io::{Read, Write};
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
    /// Writing a file in place (it has several hard links) failed after it was emptied.
    PartlyWritten(std::io::Error),
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
            WriteError::PartlyWritten(e) => write!(
                f,
                "{e} while writing it in place (it has several hard links, so it is not \
                 replaced by a rename): it may now be incomplete"
            ),
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
    temporary_with(target, &mut |w| w.write_all(text.as_bytes()), mode)
}

/// [`temporary`] with its content written by `fill`, as it is produced.
fn temporary_with(
    target: &Path,
    fill: Fill<'_>,
    mode: Option<u32>,
) -> std::io::Result<NamedTempFile> {
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
    let folder = folder_of(target);
    let mut tmp = builder
        .tempfile_in(&folder)
        .map_err(|e| in_folder(&e, &folder))?;
    // Removed if the process is interrupted while the content is written (a long page).
    let path = tmp.path().to_path_buf();
    let written = interrupt::while_writing(&path, || -> std::io::Result<()> {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, &mut tmp);
        fill(&mut out)?;
        out.flush()?;
        drop(out);
        tmp.as_file().sync_all()
    });
    written?;
    Ok(tmp)
}

/// A failure to create the temporary file in `folder`, said of the folder (the temporary file's
/// random name means nothing to the user).
fn in_folder(e: &std::io::Error, folder: &Path) -> std::io::Error {
    let name = escape(&folder.display().to_string());
    if !folder.is_dir() {
        return std::io::Error::new(e.kind(), format!("folder `{name}` doesn't exist"));
    }
    let why = std::io::Error::from(e.kind());
    std::io::Error::new(
        e.kind(),
        format!("can't create a file in folder `{name}`: {why}"),
    )
}

/// What writes a file's content, as it is produced (a page of 150 MB is never held whole).
pub type Fill<'a> = &'a mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>;

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
/// the other names with the old text). The space is reserved before the file is emptied, so a
/// full disk refuses the write with the file untouched; a failure after that is
/// [`WriteError::PartlyWritten`].
fn in_place(target: &Path, text: &str) -> Result<(), WriteError> {
    let mut f = OpenOptions::new().write(true).open(target)?;
    reserve(&f, text.len() as u64)?;
    f.set_len(0).map_err(WriteError::PartlyWritten)?;
    f.write_all(text.as_bytes())
        .and_then(|()| f.sync_all())
        .map_err(WriteError::PartlyWritten)
}

/// [`in_place`] with the content written by `fill`: produced whole first, into an anonymous
/// temporary file beside the target, so the target is touched only once the content is
/// complete (an error or a stop while it is produced leaves it as it was).
fn in_place_with(target: &Path, fill: Fill<'_>) -> Result<(), WriteError> {
    use std::io::{Seek, SeekFrom};
    let folder = folder_of(target);
    let mut tmp = tempfile::tempfile_in(&folder).map_err(|e| in_folder(&e, &folder))?;
    {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, &mut tmp);
        fill(&mut out)?;
        out.flush()?;
    }
    let len = tmp.metadata()?.len();
    tmp.seek(SeekFrom::Start(0))?;
    let mut f = OpenOptions::new().write(true).open(target)?;
    reserve(&f, len)?;
    f.set_len(0).map_err(WriteError::PartlyWritten)?;
    std::io::copy(&mut tmp, &mut f)
        .and_then(|_| f.sync_all())
        .map_err(WriteError::PartlyWritten)
}

/// Reserves `len` bytes of disk for `file` without changing its size (`fallocate` with
/// `FALLOC_FL_KEEP_SIZE`), so that writing it in place can't run out of space halfway. Where
/// the file system can't reserve, nothing is reserved.
fn reserve(file: &fs::File, len: u64) -> Result<(), WriteError> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use rustix::io::Errno;
        match rustix::fs::fallocate(file, rustix::fs::FallocateFlags::KEEP_SIZE, 0, len.max(1)) {
            Ok(()) => Ok(()),
            Err(e) if e == Errno::OPNOTSUPP || e == Errno::NOSYS || e == Errno::INVAL => Ok(()),
            Err(e) => Err(WriteError::Io(e.into())),
        }
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    {
        let _ = (file, len);
        Ok(())
    }
}

fn sync_folder(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Writes `text` over a file `fix` or `fmt` read (as `original`): refused when the file
/// changed on disk since it was read. The one place those two commands write.
///
/// A file a walk found is written through the folder it was read through (its
/// [`Origin`](super::read::Origin), never its path resolved again: a folder swapped for a link
/// meanwhile is not followed, and a path past `PATH_MAX` is written as any other). A file named
/// on the command line is written in its folder too, or, when it is a symbolic link, through
/// the link to its target ([`replace`]).
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
    let written = match &input.origin {
        Some(origin) => match origin.place() {
            Ok((dir, name)) => replace_in(&dir, &name, original, text),
            Err(e) => Err(gone_or(e)),
        },
        None => replace_named(path, original, text),
    };
    written.map_err(|e| e.into_failure(path))
}

/// [`write_back`] for a file named on the command line: in its folder (opened as any path
/// named is, a folder at a time past `PATH_MAX`), or through a symbolic link to its target.
fn replace_named(path: &Path, original: &[u8], text: &str) -> Result<(), WriteError> {
    let (Some(name), folder) = (path.file_name(), folder_of(path)) else {
        return replace(path, &Snapshot::of(original.to_vec()), text);
    };
    let dir = super::dir::Dir::open(&folder).map_err(gone_or)?;
    match rustix::fs::statat(&dir, name, AtFlags::SYMLINK_NOFOLLOW) {
        Ok(st) if FileType::from_raw_mode(st.st_mode).is_symlink() => {
            replace(path, &Snapshot::of(original.to_vec()), text)
        }
        _ => replace_in(&dir, name, original, text),
    }
}

/// What an error where the file samictl read should be means: it is gone, or a link (or
/// something not a folder) now stands on its way, so the file changed on disk; any other error
/// is itself (never "changed").
fn gone_or(e: std::io::Error) -> WriteError {
    if e.kind() == std::io::ErrorKind::NotFound || super::dir::is_link_refusal(&e) {
        WriteError::Changed
    } else {
        WriteError::Io(e)
    }
}

/// A file's identity: device and inode.
type Identity = (u64, u64);

/// Opens the file `name` in `dir` (never through a link) and checks it is still the regular
/// file samictl read as `snapshot`; gives its identity and status.
fn unchanged_in(
    dir: &Dir,
    name: &OsStr,
    snapshot: &[u8],
) -> Result<(Identity, rustix::fs::Stat), WriteError> {
    let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    let fd = rustix::fs::openat(dir, name, flags, Mode::empty()).map_err(|e| gone_or(e.into()))?;
    let st = rustix::fs::fstat(&fd).map_err(|e| WriteError::Io(e.into()))?;
    if FileType::from_raw_mode(st.st_mode) != FileType::RegularFile {
        return Err(WriteError::Changed);
    }
    let mut now = Vec::with_capacity(snapshot.len());
    std::fs::File::from(fd)
        .take(super::inputs::CAP + 1)
        .read_to_end(&mut now)?;
    if now != snapshot {
        return Err(WriteError::Changed);
    }
    Ok(((st.st_dev, st.st_ino), st))
}

/// Writes `text` over the file `name` in the folder `dir` (held open), which samictl read as
/// `snapshot`: every step names the file in that folder, never a path resolved again. Checked
/// as [`replace`] checks (unchanged, by content and by identity; writable), then a temporary
/// file created in the same folder with the file's mode is renamed over it (`renameat`); a
/// file with several hard links is written in place.
fn replace_in(dir: &Dir, name: &OsStr, snapshot: &[u8], text: &str) -> Result<(), WriteError> {
    let (identity, st) = unchanged_in(dir, name, snapshot)?;
    let mode = st.st_mode & 0o7777;
    if mode & 0o222 == 0 {
        return Err(WriteError::ReadOnly);
    }
    match rustix::fs::accessat(dir, name, Access::WRITE_OK, AtFlags::SYMLINK_NOFOLLOW) {
        Err(e) if e == rustix::io::Errno::ACCESS => return Err(WriteError::ReadOnly),
        _ => {}
    }
    if st.st_nlink > 1 {
        return in_place_in(dir, name, identity, snapshot, text);
    }
    let tmp = Temporary::create(dir, name, mode)?;
    let mut file = &tmp.file;
    file.write_all(text.as_bytes())?;
    {
        use std::os::unix::fs::PermissionsExt;
        // The mode again, past the umask (created with it, so never wider meanwhile).
        tmp.file.set_permissions(fs::Permissions::from_mode(mode))?;
    }
    // Only root (or the owner, for the group) may do this; otherwise the new file is owned by
    // whoever runs samictl, as with any editor.
    let _ = std::os::unix::fs::fchown(&tmp.file, Some(st.st_uid), Some(st.st_gid));
    tmp.file.sync_all()?;
    // Checked again at the last moment: the prompts may have been open for minutes.
    if unchanged_in(dir, name, snapshot)?.0 != identity {
        return Err(WriteError::Changed);
    }
    tmp.rename_over(name)?;
    let _ = rustix::fs::fsync(dir);
    Ok(())
}

/// Writes `text` into the file `name` in `dir` itself (several hard links: a rename would
/// leave the other names with the old text), after checking, on the descriptor written
/// through, that it is the file checked (`identity`) and still reads as `snapshot`.
fn in_place_in(
    dir: &Dir,
    name: &OsStr,
    identity: Identity,
    snapshot: &[u8],
    text: &str,
) -> Result<(), WriteError> {
    use std::io::{Seek, SeekFrom};
    let flags = OFlags::RDWR | OFlags::NONBLOCK | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    let fd = rustix::fs::openat(dir, name, flags, Mode::empty()).map_err(|e| gone_or(e.into()))?;
    let st = rustix::fs::fstat(&fd).map_err(|e| WriteError::Io(e.into()))?;
    if (st.st_dev, st.st_ino) != identity {
        return Err(WriteError::Changed);
    }
    let mut file = std::fs::File::from(fd);
    let mut now = Vec::with_capacity(snapshot.len());
    (&mut file)
        .take(super::inputs::CAP + 1)
        .read_to_end(&mut now)?;
    if now != snapshot {
        return Err(WriteError::Changed);
    }
    reserve(&file, text.len() as u64)?;
    file.set_len(0).map_err(WriteError::PartlyWritten)?;
    file.seek(SeekFrom::Start(0))
        .and_then(|_| file.write_all(text.as_bytes()))
        .and_then(|()| file.sync_all())
        .map_err(WriteError::PartlyWritten)
}

/// A temporary file created in a folder held open, beside the file it will replace (so the
/// rename is atomic): a random name, created exclusively (`O_EXCL`, never through a link) with
/// the final mode; removed when dropped, on every failure, until renamed.
struct Temporary<'a> {
    dir: &'a Dir,
    name: OsString,
    file: fs::File,
    renamed: bool,
    /// Removed if the process is interrupted before the rename, by a path through the folder's
    /// descriptor (`/proc/self/fd/N/NAME`: short whatever the folder's depth).
    _interrupt: interrupt::Registered,
}

impl<'a> Temporary<'a> {
    fn create(dir: &'a Dir, beside: &OsStr, mode: u32) -> std::io::Result<Temporary<'a>> {
        use std::os::unix::ffi::{OsStrExt, OsStringExt};
        // A name within NAME_MAX however long the file's own is.
        let stem = &beside.as_bytes()[..beside.len().min(200)];
        let flags =
            OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        let mut last = None;
        for attempt in 0..64u64 {
            let mut name = b".".to_vec();
            name.extend_from_slice(stem);
            name.extend_from_slice(format!(".{:016x}.samictl.tmp", random(attempt)).as_bytes());
            let name = OsString::from_vec(name);
            match rustix::fs::openat(dir, &name, flags, Mode::from_raw_mode(mode & 0o777)) {
                Ok(fd) => {
                    use std::os::fd::{AsFd, AsRawFd};
                    let mut through =
                        PathBuf::from(format!("/proc/self/fd/{}", dir.as_fd().as_raw_fd()));
                    through.push(&name);
                    return Ok(Temporary {
                        dir,
                        name,
                        file: fs::File::from(fd),
                        renamed: false,
                        _interrupt: interrupt::Registered::new(&through),
                    });
                }
                Err(e) if e == rustix::io::Errno::EXIST => last = Some(e),
                Err(e) => return Err(e.into()),
            }
        }
        Err(last.map_or_else(
            || std::io::Error::other("no temporary file name left"),
            std::io::Error::from,
        ))
    }

    /// Renames the finished file over `name` in the same folder.
    fn rename_over(mut self, name: &OsStr) -> std::io::Result<()> {
        rustix::fs::renameat(self.dir, &self.name, self.dir, name)?;
        self.renamed = true;
        Ok(())
    }
}

impl Drop for Temporary<'_> {
    fn drop(&mut self) {
        if !self.renamed {
            let _ = rustix::fs::unlinkat(self.dir, &self.name, AtFlags::empty());
        }
    }
}

/// A random number for a temporary file's name: the standard library's random hash keys,
/// mixed with the time, the process and `salt`.
fn random(salt: u64) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    h.write_u128(nanos);
    h.write_u32(std::process::id());
    h.write_u64(salt);
    h.finish()
}

/// Writes `text` over `path`, which samictl read as `snapshot`; refuses when the file on disk
/// is no longer what was read.
pub fn replace(path: &Path, snapshot: &Snapshot, text: &str) -> Result<(), WriteError> {
    let target = target_of(path)?;
    let unchanged = |target: &Path| -> Result<fs::Metadata, WriteError> {
        let meta = fs::metadata(target).map_err(gone_or)?;
        match super::inputs::read_capped(Some(target), super::inputs::CAP) {
            Ok(Ok(super::inputs::Capped::Whole(now))) if now == snapshot.bytes => Ok(meta),
            Err(e) => Err(gone_or(e)),
            _ => Err(WriteError::Changed),
        }
    };
    let meta = unchanged(&target)?;
    writable(&target, &meta)?;
    if links(&meta) > 1 {
        // Every name keeps seeing one file: written in place, after the same checks.
        unchanged(&target)?;
        return in_place(&target, text);
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
    overwrite_with(path, &mut |w| w.write_all(text.as_bytes()), true)
}

/// [`overwrite`] for an output file a command was pointed at (`simulate --record --output`),
/// where the path may come from a checked-out tree: a link that leads nowhere is refused too
/// (it would create a file wherever the link points).
pub fn write_output(path: &Path, text: &str) -> Result<(), WriteError> {
    overwrite_with(path, &mut |w| w.write_all(text.as_bytes()), false)
}

/// [`write_output`] with the content written by `fill` as it is produced (`samictl report`:
/// a page can be far larger than the files it shows).
pub fn write_output_with(path: &Path, fill: Fill<'_>) -> Result<(), WriteError> {
    overwrite_with(path, fill, false)
}

fn overwrite_with(
    path: &Path,
    fill: Fill<'_>,
    create_through_link: bool,
) -> Result<(), WriteError> {
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
            return in_place_with(&target, fill);
        }
    }
    let tmp = temporary_with(&target, fill, meta.as_ref().and_then(mode_of))?;
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

#[cfg(unix)]
mod interrupt;
#[cfg(not(unix))]
mod interrupt {
    pub(super) fn while_writing<T>(_: &std::path::Path, write: impl FnOnce() -> T) -> T {
        write()
    }
    pub(super) struct Registered;
    impl Registered {
        pub(super) fn new(_: &std::path::Path) -> Registered {
            Registered
        }
    }
}

#[cfg(test)]
mod tests;
