//! `validate` finds its files as the report asks for them (issue 18: memory at any number of
//! files), yet must name them in the order it always has: sorted by the name shown (byte
//! order) once files under `.` are named without `./`, then de-duplicated, across every PATH.
//! These tests build trees whose names sort differently folder by folder than as whole paths
//! (`-`, `.`, `_`, space, digits, uppercase, non-ASCII, non-UTF-8, folders named like file
//! prefixes), and compare the order `validate` reports with that order computed here, and
//! with `show`'s (which still collects and sorts every name first).

use crate::common;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Every file `validate --format json ARGS` reports, in order.
fn reported(dir: &Path, args: &[&str], follow: bool) -> Vec<String> {
    let mut cmd = common::samictl(dir, &["--no-config", "validate", "--format", "json"]);
    if follow {
        cmd.arg("--follow");
    }
    cmd.args(args);
    let run = common::run(&mut cmd);
    assert!(run.code == 0 || run.code == 1, "{args:?}: {}", run.stderr);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_owned())
        .collect()
}

/// The bot files under `dir` (hidden ones, links and expectation files left out), each as
/// `(shown name, path)` with `prefix` joined in front.
fn walk(dir: &Path, prefix: &Path, out: &mut Vec<(String, PathBuf)>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let name = entry.file_name();
        let shown = name.to_string_lossy().into_owned();
        let kind = entry.file_type().unwrap();
        let path = prefix.join(&name);
        if shown.starts_with('.') || kind.is_symlink() {
            continue;
        }
        if kind.is_dir() {
            walk(&entry.path(), &path, out);
        } else if (shown.ends_with(".yaml") || shown.ends_with(".yml"))
            && !shown.ends_with(".test.yaml")
            && !shown.ends_with(".test.yml")
        {
            out.push((path.display().to_string(), path));
        }
    }
}

/// What `validate ARGS`, run in `dir`, must report, computed the old way: every file of every
/// PATH, sorted, de-duplicated, then `./` taken off names found under `.`.
fn expected(dir: &Path, args: &[&str]) -> Vec<String> {
    let mut all = Vec::new();
    for arg in args {
        let full = dir.join(arg);
        if full.is_dir() {
            walk(&full, Path::new(arg), &mut all);
        } else {
            all.push(((*arg).to_owned(), PathBuf::from(arg)));
        }
    }
    let dot = args.contains(&".");
    // Files under `.` are named without `./`, then sorted by the name shown (docs/spec 9)
    // and listed once each: `.` and `a` both walk `a/x.yaml` (`./a/x.yaml` and `a/x.yaml`).
    let mut shown: Vec<(String, PathBuf)> = all
        .into_iter()
        .map(|(shown, path)| {
            let plain: PathBuf = path
                .components()
                .filter(|c| !matches!(c, std::path::Component::CurDir))
                .collect();
            match shown.strip_prefix("./") {
                Some(rest) if dot && !args.contains(&shown.as_str()) => (rest.to_owned(), plain),
                _ => (shown, plain),
            }
        })
        .collect();
    shown.sort();
    shown.dedup();
    shown.into_iter().map(|(s, _)| s).collect()
}

fn tree(dir: &Path) {
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
        "x.test.yaml",
        ".hidden.yaml",
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
        common::write(dir, name, "version: 1\n");
    }
}

#[test]
fn the_default_folder_is_reported_in_sorted_order() {
    let dir = common::scratch("validate_walk-default");
    tree(&dir);
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        // Two names shown alike (U+FFFD): a file each, and a folder each.
        for name in [
            &b"\xff.yaml"[..],
            b"\xfe.yaml",
            b"\xff/b.yaml",
            b"\xfe/a.yaml",
        ] {
            let p = dir.join(std::ffi::OsStr::from_bytes(name));
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "version: 1\n").unwrap();
        }
    }
    let got = reported(&dir, &[], false);
    assert_eq!(got, expected(&dir, &["."]));
    assert!(got.len() >= 25, "{got:?}");
    assert_eq!(reported(&dir, &["."], false), got);
}

#[test]
fn overlapping_paths_are_reported_once_each_in_sorted_order() {
    let dir = common::scratch("validate_walk-overlap");
    tree(&dir);
    for args in [
        &["a", ".", "a.yaml", "a/b/c.yaml", "deep/e", "a"][..],
        &["deep", "a-b", "a", "a.b", "a-b/x.yaml"],
        &["./a.yaml", ".", "a.yaml"],
    ] {
        let got = reported(&dir, args, false);
        assert_eq!(got, expected(&dir, args), "{args:?}");
    }
}

#[cfg(unix)]
#[test]
fn followed_links_are_reported_as_show_collects_them() {
    use std::os::unix::fs::symlink;
    let dir = common::scratch("validate_walk-follow");
    tree(&dir);
    common::write(&dir, "z/in-z.yaml", "version: 1\n");
    common::write(&dir, "z/sub/deeper.yaml", "version: 1\n");
    // Two links to a folder walked the ordinary way: each file is listed once, under its own
    // name (issue 32: a folder is recognised by device and inode, whatever leads to it).
    symlink("z", dir.join("b")).unwrap();
    symlink("z", dir.join("b-c")).unwrap();
    symlink("a.yaml", dir.join("link.yaml")).unwrap();
    symlink(".", dir.join("z/loop")).unwrap();
    let got = reported(&dir, &[], true);
    let run = common::run(&mut common::samictl(
        &dir,
        &["--no-config", "show", "--format", "json", "--follow"],
    ));
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    let shown: Vec<String> = json["bots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["path"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(got, shown);
    assert!(got.contains(&"z/in-z.yaml".to_owned()), "{got:?}");
    assert!(
        !got.iter()
            .any(|f| f.starts_with("b/") || f.starts_with("b-c/")),
        "{got:?}"
    );
    assert!(!got.iter().any(|f| f.starts_with("z/loop/")), "{got:?}");
    assert!(got.contains(&"link.yaml".to_owned()), "{got:?}");
    assert_eq!(reported(&dir, &[], false), expected(&dir, &["."]));
}

#[test]
fn problems_still_come_all_at_once_with_nothing_written() {
    let dir = common::scratch("validate_walk-problems");
    tree(&dir);
    std::fs::create_dir_all(dir.join("empty")).unwrap();
    let run = common::run(&mut common::samictl(
        &dir,
        &["--no-config", "validate", ".", "missing.yaml", "empty"],
    ));
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("`missing.yaml`: no such file"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("`empty`: no bot file (*.yaml or *.yml) found under this directory"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_named_expectation_file_is_noted_before_the_report() {
    let dir = common::scratch("validate_walk-expectation");
    tree(&dir);
    let run = common::run(&mut common::samictl(
        &dir,
        &[
            "--no-config",
            "validate",
            "x.test.yaml",
            "a.yaml",
            "x.test.yaml",
        ],
    ));
    assert_eq!(
        run.stderr.matches("note: skipped x.test.yaml").count(),
        1,
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("a.yaml"), "{}", run.stdout);
    assert!(!run.stdout.contains("x.test.yaml"), "{}", run.stdout);
}
