//! The writer's tests: links, permissions, hard links, races and failures.
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

/// A streamed output (a report page) over a hard-linked file is produced whole before the file
/// is touched: a failure while it is produced leaves every name with the old text, and the
/// temporary content is gone; a success reaches every name.
#[cfg(unix)]
#[test]
fn a_hard_linked_output_is_untouched_when_producing_it_fails() {
    let dir = scratch("hardlink-stream");
    let path = dir.join("page.html");
    let other = dir.join("other.html");
    fs::write(&path, "old").unwrap();
    fs::hard_link(&path, &other).unwrap();
    let err = write_output_with(&path, &mut |w| {
        w.write_all(b"<!DOCTYPE html> half a page")?;
        Err(std::io::Error::other("stopped"))
    })
    .unwrap_err();
    assert!(err.to_string().contains("nothing was written"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), "old");
    assert_eq!(fs::read_to_string(&other).unwrap(), "old");
    let names = fs::read_dir(&dir).unwrap().count();
    assert_eq!(names, 2, "a temporary file was left");
    write_output_with(&path, &mut |w| w.write_all(b"new page")).unwrap();
    assert_eq!(fs::read_to_string(&other).unwrap(), "new page");
    fs::remove_dir_all(&dir).ok();
}

/// A tree `t/a/x.yaml` and a folder outside holding an identical `x.yaml` (same bytes, so
/// only where the write lands tells them apart).
#[cfg(unix)]
fn swappable(name: &str) -> (PathBuf, PathBuf) {
    let dir = scratch(name);
    let outside = scratch(&format!("{name}-out"));
    fs::create_dir_all(dir.join("a")).unwrap();
    fs::write(dir.join("a/x.yaml"), "version: 1\n").unwrap();
    fs::write(outside.join("x.yaml"), "version: 1\n").unwrap();
    (dir, outside)
}

/// `a` becomes a link to the folder outside, its folder moved aside.
#[cfg(unix)]
fn swap(dir: &Path, outside: &Path) {
    fs::rename(dir.join("a"), dir.join("a_real")).unwrap();
    std::os::unix::fs::symlink(outside, dir.join("a")).unwrap();
}

/// QA N1: a folder swapped for a link between the read and the write: `fix`/`fmt` write
/// the file the walk read (in the folder held open, now `a_real`) or nothing, never the
/// file outside, whether the walk held the folder open or the file is reached again from
/// the walked folder down.
#[cfg(unix)]
#[test]
fn a_walked_file_is_never_written_outside_after_a_swap() {
    use crate::cli::dir::Root;
    use crate::cli::read::{BotBytes, Input, Origin, read_bot};
    use std::sync::Arc;
    for follow in [false, true] {
        for held in [true, false] {
            let name = format!("swapw-{follow}-{held}");
            let (dir, outside) = swappable(&name);
            let input = if held {
                let found =
                    crate::cli::inputs::bot_files(std::slice::from_ref(&dir), follow).unwrap();
                assert_eq!(found.len(), 1, "{found:?}");
                found.into_iter().next().unwrap()
            } else {
                let root = Arc::new(Root::open(&dir, follow).unwrap());
                let rel = vec![OsString::from("a"), OsString::from("x.yaml")];
                Input {
                    display: "a/x.yaml".to_owned(),
                    path: Some(dir.join("a/x.yaml")),
                    origin: Some(Origin::new(root, rel)),
                }
            };
            let Ok(BotBytes::Whole(bytes)) = read_bot(&input) else {
                panic!("{name}: not read");
            };
            swap(&dir, &outside);
            let written = write_back(&input, &bytes, "version: 2\n");
            assert_eq!(
                fs::read_to_string(outside.join("x.yaml")).unwrap(),
                "version: 1\n",
                "{name}: written outside the walked tree"
            );
            let inside = fs::read_to_string(dir.join("a_real/x.yaml")).unwrap();
            match written {
                Ok(()) => assert_eq!(inside, "version: 2\n", "{name}"),
                Err(e) => {
                    assert_eq!(inside, "version: 1\n", "{name}");
                    assert!(e.message.contains("changed on disk"), "{name}: {e}");
                }
            }
            assert_eq!(fs::read_dir(&outside).unwrap().count(), 1, "{name}");
            assert_eq!(
                fs::read_dir(dir.join("a_real")).unwrap().count(),
                1,
                "{name}"
            );
            fs::remove_dir_all(&dir).ok();
            fs::remove_dir_all(&outside).ok();
        }
    }
}

/// A chain of 25 folders of 200 `d`s (deeper than PATH_MAX), made a folder at a time, with
/// `x.yaml` at the bottom; gives the folder and the file's path.
#[cfg(unix)]
fn deep(root: &Path) -> PathBuf {
    let name = "d".repeat(200);
    let mut path = root.to_path_buf();
    let mut dir = Dir::open(root).unwrap();
    for _ in 0..25 {
        rustix::fs::mkdirat(&dir, name.as_str(), Mode::from_raw_mode(0o755)).unwrap();
        path.push(&name);
        dir = dir.child(OsStr::new(&name)).unwrap();
    }
    let flags = OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL;
    let fd = rustix::fs::openat(&dir, "x.yaml", flags, Mode::from_raw_mode(0o644)).unwrap();
    fs::File::from(fd).write_all(b"version: 1\n").unwrap();
    path.join("x.yaml")
}

#[cfg(unix)]
fn read_deep(path: &Path) -> Vec<u8> {
    let fd = super::super::dir::open_path(path, OFlags::RDONLY).unwrap();
    let mut bytes = Vec::new();
    fs::File::from(fd).read_to_end(&mut bytes).unwrap();
    bytes
}

/// QA N2: a file deeper than PATH_MAX, walked or named, is written (not "changed on disk");
/// the path writer reports the system's error for it, never "changed".
#[cfg(unix)]
#[test]
fn a_file_past_path_max_is_written() {
    use crate::cli::read::{BotBytes, read_bot};
    let root = scratch("deep");
    let file = deep(&root);
    assert!(file.as_os_str().len() > 4096);
    let found = crate::cli::inputs::bot_files(std::slice::from_ref(&root), false).unwrap();
    assert_eq!(found.len(), 1);
    let Ok(BotBytes::Whole(bytes)) = read_bot(&found[0]) else {
        panic!("not read");
    };
    write_back(&found[0], &bytes, "version: 2\n").unwrap();
    assert_eq!(read_deep(&file), b"version: 2\n");
    // Named on the command line.
    let named = crate::cli::inputs::bot_files(std::slice::from_ref(&file), false).unwrap();
    write_back(&named[0], b"version: 2\n", "version: 3\n").unwrap();
    assert_eq!(read_deep(&file), b"version: 3\n");
    // The path writer (`edit`): the system's error, not "changed".
    let err = replace(&file, &Snapshot::of(b"version: 3\n".to_vec()), "x").unwrap_err();
    assert!(matches!(err, WriteError::Io(_)), "{err:?}");
    assert_eq!(read_deep(&file), b"version: 3\n");
    fs::remove_dir_all(&root).ok();
}

/// A refused write through a held folder leaves no temporary file, and a file changed
/// since it was read is refused.
#[cfg(unix)]
#[test]
fn writing_in_a_held_folder_checks_and_cleans_up() {
    let dir = scratch("held");
    fs::write(dir.join("x.yaml"), "theirs").unwrap();
    let held = Dir::open(&dir).unwrap();
    let err = replace_in(&held, OsStr::new("x.yaml"), b"ours", "new").unwrap_err();
    assert!(matches!(err, WriteError::Changed));
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir.join("x.yaml"), fs::Permissions::from_mode(0o444)).unwrap();
    }
    let err = replace_in(&held, OsStr::new("x.yaml"), b"theirs", "new").unwrap_err();
    assert!(matches!(err, WriteError::ReadOnly));
    assert_eq!(fs::read_to_string(dir.join("x.yaml")).unwrap(), "theirs");
    assert_eq!(
        fs::read_dir(&dir).unwrap().count(),
        1,
        "no temporary file left"
    );
    let tmp = Temporary::create(&held, OsStr::new("x.yaml"), 0o600).unwrap();
    assert_eq!(fs::read_dir(&dir).unwrap().count(), 2);
    // The path an interrupt removes it by (through the folder's descriptor) is this file.
    {
        use std::os::fd::{AsFd, AsRawFd};
        use std::os::unix::fs::MetadataExt;
        let through =
            PathBuf::from(format!("/proc/self/fd/{}", held.as_fd().as_raw_fd())).join(&tmp.name);
        let by_name = fs::metadata(dir.join(&tmp.name)).unwrap();
        assert_eq!(fs::metadata(&through).unwrap().ino(), by_name.ino());
    }
    drop(tmp);
    assert_eq!(
        fs::read_dir(&dir).unwrap().count(),
        1,
        "removed when dropped"
    );
    // Written: the mode kept (0640); a hard-linked file written in place, every name
    // seeing the new text.
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        fs::set_permissions(dir.join("x.yaml"), fs::Permissions::from_mode(0o640)).unwrap();
        replace_in(&held, OsStr::new("x.yaml"), b"theirs", "new").unwrap();
        let meta = fs::metadata(dir.join("x.yaml")).unwrap();
        assert_eq!(meta.permissions().mode() & 0o777, 0o640);
        fs::hard_link(dir.join("x.yaml"), dir.join("y.yaml")).unwrap();
        replace_in(&held, OsStr::new("x.yaml"), b"new", "newer").unwrap();
        assert_eq!(fs::read_to_string(dir.join("y.yaml")).unwrap(), "newer");
        assert_eq!(fs::metadata(dir.join("x.yaml")).unwrap().nlink(), 2);
        let err = replace_in(&held, OsStr::new("y.yaml"), b"new", "x").unwrap_err();
        assert!(matches!(err, WriteError::Changed));
    }
    assert_eq!(
        fs::read_dir(&dir).unwrap().count(),
        2,
        "no temporary file left"
    );
    fs::remove_dir_all(&dir).ok();
}

/// A missing folder is named as such, not by the temporary file's random name.
#[test]
fn a_missing_folder_is_said_of_the_folder() {
    let dir = scratch("nofolder");
    let err = write_output(&dir.join("nowhere/page.html"), "x").unwrap_err();
    let said = err.to_string();
    assert!(said.contains("nowhere` doesn't exist"), "{said}");
    assert!(!said.contains(".samictl.tmp"), "{said}");
    fs::remove_dir_all(&dir).ok();
}
