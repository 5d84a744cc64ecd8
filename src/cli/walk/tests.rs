//! The streamed walk against the collected, sorted one ([`bot_files`]) on trees made to
//! trip a walk that sorts folder by folder: names around `/` in byte order (`-`, `.`, `_`,
//! space, digits, uppercase, non-ASCII), folders named like file prefixes, names that are
//! not UTF-8 (two of which show alike), overlapping PATH arguments, links.
use super::{Input, bot_files, bot_files_streamed};
use std::path::{Path, PathBuf};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("samictl-inputs-{name}-{}", std::process::id()));
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
        most = most.max(stream.held());
    }
    assert_eq!(count, 1200);
    // The 40 folders and one folder's 30 files, never the 1,200 files.
    assert!(most <= 40 + 30, "{most} entries held");
    std::fs::remove_dir_all(&dir).ok();
}

/// A tree deeper than the descriptor bound, a bot file at every level: the stream holds one
/// folder open per level on the way down only to the bound, and reaches the files below it
/// again from the walked folder; every file still reads. Holding one per level ran a tree
/// 1,000 deep out of descriptors under the usual `ulimit -n 1024` (exit 2 for the whole run).
#[test]
fn a_deep_tree_holds_no_more_folders_open_than_the_bound() {
    let dir = scratch("deep-held");
    let depth = crate::cli::dir::held_bound() + 40;
    let mut rel = PathBuf::new();
    for _ in 0..depth {
        touch(&dir, rel.join("z.yaml"));
        rel.push("a");
    }
    let mut stream = bot_files_streamed(std::slice::from_ref(&dir), false).unwrap();
    let mut most = 0;
    let mut count = 0;
    while let Some(input) = stream.next() {
        let input = input.unwrap();
        assert!(matches!(
            crate::cli::read::read_bot(&input),
            Ok(crate::cli::read::BotBytes::Whole(_))
        ));
        count += 1;
        most = most.max(stream.folders_held());
    }
    assert_eq!(count, depth);
    assert!(
        most <= crate::cli::dir::held_bound(),
        "{most} folders held open"
    );
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

/// A tree with `a/x.yaml` and `b/y.yaml`, and a folder outside it holding `y.yaml` and
/// `secret.yaml` that must never be listed or read.
#[cfg(unix)]
fn swappable(name: &str) -> (PathBuf, PathBuf) {
    let dir = scratch(name);
    let outside = scratch(&format!("{name}-outside"));
    touch(&dir, "a/x.yaml");
    touch(&dir, "b/y.yaml");
    std::fs::write(outside.join("y.yaml"), "outside: true\n").unwrap();
    std::fs::write(outside.join("secret.yaml"), "outside: true\n").unwrap();
    (dir, outside)
}

/// `b` becomes a link to the folder outside (its folder moved out of the way).
#[cfg(unix)]
fn swap(dir: &Path, outside: &Path) {
    std::fs::rename(dir.join("b"), dir.join(".b-was-here")).unwrap();
    std::os::unix::fs::symlink(outside, dir.join("b")).unwrap();
}

/// Issue 32: a folder swapped for a symbolic link to somewhere else between two steps of the
/// walk (listed as a folder, entered after the swap) is not followed out of the tree, with or
/// without `--follow`: nothing outside is yielded.
#[cfg(unix)]
#[test]
fn a_folder_swapped_for_a_link_mid_walk_is_not_walked() {
    for follow in [false, true] {
        let (dir, outside) = swappable(&format!("swap-walk-{follow}"));
        let mut stream = bot_files_streamed(std::slice::from_ref(&dir), follow).unwrap();
        // The first step lists the walked folder (`a/` and `b/`, both folders) and yields
        // `a/x.yaml`; `b/` is listed only when the walk gets there.
        let first = stream.next().unwrap().unwrap();
        assert!(first.display.ends_with("a/x.yaml"), "{first:?}");
        swap(&dir, &outside);
        let rest: Vec<Input> = stream.map(Result::unwrap).collect();
        assert!(rest.is_empty(), "follow={follow}: {rest:?}");
        std::fs::remove_dir_all(&dir).ok();
        std::fs::remove_dir_all(&outside).ok();
    }
}

/// Issue 32: a walked file is read through the folders the walk went through (its own folder,
/// held open, or again from the walked folder down), not by its path again: once its folder is
/// swapped for a link to somewhere else, the read gives the file the walk found (through the
/// folder held open) or fails, and never reads the file outside (collected and streamed walks,
/// with and without `--follow`).
#[cfg(unix)]
#[test]
fn a_walked_file_is_never_read_from_outside_after_a_swap() {
    use crate::cli::read::{BotBytes, read, read_bot};
    for follow in [false, true] {
        for streamed_walk in [false, true] {
            let name = format!("swap-read-{follow}-{streamed_walk}");
            let (dir, outside) = swappable(&name);
            let paths = [dir.clone()];
            let found = if streamed_walk {
                streamed(&paths, follow).unwrap()
            } else {
                collected(&paths, follow).unwrap()
            };
            assert_eq!(found.len(), 2, "{found:?}");
            let y = &found[1];
            assert!(y.display.ends_with("b/y.yaml"), "{y:?}");
            assert!(matches!(read_bot(y), Ok(BotBytes::Whole(b)) if b == b"version: 1\n"));
            swap(&dir, &outside);
            match read_bot(y) {
                Ok(BotBytes::Whole(bytes)) => assert_eq!(
                    String::from_utf8_lossy(&bytes),
                    "version: 1\n",
                    "{name}: read through the swapped folder"
                ),
                Ok(BotBytes::TooLarge(_)) => panic!("{name}: read through the swapped folder"),
                Err(failure) => assert!(failure.message.contains("cannot read"), "{failure}"),
            }
            if let Ok(bytes) = read(y) {
                assert_eq!(bytes, b"version: 1\n", "{name}");
            }
            // The file not touched still reads.
            assert!(matches!(read_bot(&found[0]), Ok(BotBytes::Whole(_))));
            std::fs::remove_dir_all(&dir).ok();
            std::fs::remove_dir_all(&outside).ok();
        }
    }
}

/// A file found in a folder the walk did not keep open is reached again from the walked folder
/// down: a folder on the way swapped for a link to outside makes the read fail.
#[cfg(unix)]
#[test]
fn a_file_reached_again_from_the_walked_folder_is_not_read_through_a_swap() {
    use crate::cli::dir::Root;
    use crate::cli::read::{Origin, read_bot};
    use std::ffi::OsString;
    use std::sync::Arc;
    for follow in [false, true] {
        let (dir, outside) = swappable(&format!("swap-again-{follow}"));
        let root = Arc::new(Root::open(&dir, follow).unwrap());
        let rel = vec![OsString::from("b"), OsString::from("y.yaml")];
        let y = Input {
            display: "b/y.yaml".to_owned(),
            path: Some(dir.join("b/y.yaml")),
            origin: Some(Origin::new(root, rel)),
        };
        assert!(read_bot(&y).is_ok());
        swap(&dir, &outside);
        assert!(read_bot(&y).is_err(), "follow={follow}");
        std::fs::remove_dir_all(&dir).ok();
        std::fs::remove_dir_all(&outside).ok();
    }
}

/// `--follow`: a link that led inside on the first pass and leads outside by the time the walk
/// gets to it is not followed (checked on the folder opened through it, when it is opened).
#[cfg(unix)]
#[test]
fn a_link_turned_outward_between_the_passes_is_not_followed() {
    use std::os::unix::fs::symlink;
    let (dir, outside) = swappable("swap-link");
    symlink("b", dir.join("c")).unwrap();
    let mut stream = bot_files_streamed(std::slice::from_ref(&dir), true).unwrap();
    std::fs::remove_file(dir.join("c")).unwrap();
    symlink(&outside, dir.join("c")).unwrap();
    let mut all = Vec::new();
    for input in stream.by_ref() {
        all.push(input.unwrap().display);
    }
    assert_eq!(all.len(), 2, "{all:?}");
    assert!(all.iter().all(|d| !d.contains("/c/")), "{all:?}");
    std::fs::remove_dir_all(&dir).ok();
    std::fs::remove_dir_all(&outside).ok();
}
