//! The binary's error path (anyhow with context, `Failure` in src/cli/context.rs): the exact
//! message and exit code 2 for an I/O or process failure.

use crate::common::{self, root};

/// `samictl ARGS` in `fixtures/` with `PATH` pointing nowhere (so git can't be run).
fn without_git(args: &[&str]) -> common::Run {
    common::run(
        common::samictl(&root().join("fixtures"), &["--no-config"])
            .args(args)
            .env("PATH", "/nonexistent")
            .env("NO_COLOR", "1"),
    )
}

#[cfg(unix)]
#[test]
fn output_that_cannot_be_written_is_exit_2_naming_what_failed() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let r = common::run_full(
        &mut common::samictl(root(), &["--no-config", "rules"]),
        &[],
        full.into(),
        std::process::Stdio::piped(),
    );
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: cannot write output: No space left on device (os error 28)\n"
    );
}

#[cfg(unix)]
#[test]
fn git_that_cannot_be_run_is_exit_2_naming_the_object() {
    let r = without_git(&[
        "diff",
        "HEAD:valid/seller-outreach.yaml",
        "valid/seller-outreach.yaml",
    ]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: `HEAD:valid/seller-outreach.yaml`: cannot run git: No such file or directory (os error 2)\n"
    );
    let r = without_git(&["diff", "--git", "main"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: cannot run git: No such file or directory (os error 2)\n\
         hint: run samictl diff --git inside a git repository\n"
    );
}

/// `samictl diff OLD NEW` given a folder: exit 2 saying it is a directory and pointing at
/// `diff --git`, not the FIFO/socket hint of a non-regular file.
#[test]
fn diff_of_a_directory_says_so_and_points_at_diff_git() {
    let r = common::run(
        common::samictl(root(), &["--no-config"])
            .args([
                "diff",
                "fixtures/valid/seller-outreach.yaml",
                "fixtures/valid",
            ])
            .env("NO_COLOR", "1"),
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("`fixtures/valid`: is a directory"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("diff --git"), "{}", r.stderr);
    assert!(!r.stderr.contains("FIFO"), "{}", r.stderr);
}
