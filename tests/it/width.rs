//! Every human output of every command fits the width it is given (issue 27): each command is
//! run at 60, 80, 100 and 160 columns (`COLUMNS`, as a terminal's width would be) and every
//! line of its standard output and error, measured in display columns (unicode-width), must be
//! at most that wide.
//!
//! Left out on purpose: `fix --diff`, whose unified diff carries the file's lines exactly (so
//! `git apply` takes it), and the machine formats (JSON, CSV, SARIF, JUnit, GitHub, Markdown).

use crate::common::{self, git, root, write};
use std::path::Path;
use unicode_width::UnicodeWidthStr;

const WIDTHS: [usize; 4] = [60, 80, 100, 160];

/// The lines of `text` wider than `width`, with their width.
/// A diagnostic's ` --> path:line:col` is never broken: it may be over the width only when
/// `--> path` alone is.
fn too_wide(text: &str, width: usize) -> Vec<(usize, String)> {
    text.lines()
        .map(|l| (UnicodeWidthStr::width(l), l.to_owned()))
        .filter(|(w, l)| {
            *w > width
                && !(l.trim_start().starts_with("--> ")
                    && UnicodeWidthStr::width(l.trim_start()) > width)
        })
        .collect()
}

/// Runs samictl in `dir` at each width and fails on any line over it.
fn fits(dir: &Path, args: &[&str]) {
    for width in WIDTHS {
        let mut cmd = common::samictl(dir, args);
        cmd.env("COLUMNS", width.to_string())
            .env("NO_COLOR", "1")
            .env_remove("CLICOLOR_FORCE");
        let run = common::run(&mut cmd);
        assert!(
            run.code == 0 || run.code == 1,
            "samictl {args:?} at {width}: exit {}\n{}",
            run.code,
            run.stderr
        );
        for (stream, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
            let wide = too_wide(text, width);
            assert!(
                wide.is_empty(),
                "samictl {args:?} at {width} columns: {stream} has lines over the width:\n{}",
                wide.iter()
                    .map(|(w, l)| format!("{w:>4} | {l}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            );
        }
    }
}

fn in_root(args: &[&str]) {
    let mut all = vec!["--no-config"];
    all.extend_from_slice(args);
    fits(root(), &all);
}

/// For the commands that never read samictl.toml (and refuse `--no-config`).
fn plain(args: &[&str]) {
    fits(root(), args);
}

#[test]
fn the_check_can_fail() {
    assert_eq!(too_wide("short\n".repeat(3).as_str(), 60), vec![]);
    assert_eq!(too_wide(&"x".repeat(61), 60).len(), 1);
    // Display columns, not bytes or characters: a wide character counts twice.
    assert_eq!(too_wide(&"名".repeat(31), 60).len(), 1);
}

#[test]
fn rules_and_explain() {
    plain(&["rules"]);
    for rule in [
        "outcome-missing",
        "notify-not-allowed",
        "criteria-catches-opt-out",
        "recipient-not-allowed",
        "yaml-syntax",
    ] {
        plain(&["explain", rule]);
    }
}

#[test]
fn validate_human() {
    in_root(&["validate", "fixtures/invalid/many-findings.yaml"]);
    in_root(&["validate", "fixtures/fleet"]);
    in_root(&["validate", "fixtures/messaging"]);
    in_root(&["validate", "fixtures/valid/seller-outreach.yaml"]);
}

#[test]
fn show_cards_and_fleet() {
    in_root(&["show", "fixtures/valid/seller-outreach.yaml"]);
    in_root(&["show", "fixtures/valid/seller-outreach.yaml", "--expand"]);
    in_root(&["show", "fixtures/messaging/bot.yaml"]);
    in_root(&["show", "fixtures/messaging/bot.yaml", "--expand"]);
    in_root(&["show", "fixtures/fleet"]);
    in_root(&["show", "fixtures/fleet-short"]);
    // A file with errors: its findings, on standard error.
    in_root(&["show", "fixtures/invalid/many-findings.yaml"]);
}

#[test]
fn simulate_one_and_fleet() {
    in_root(&[
        "simulate",
        "fixtures/valid/seller-outreach.yaml",
        "--outcome",
        "needs-follow-up",
    ]);
    in_root(&["simulate", "fixtures/valid/seller-outreach.yaml", "--all"]);
    in_root(&["simulate", "fixtures/messaging/bot.yaml", "--all"]);
    in_root(&["simulate", "fixtures/fleet", "--outcome", "opt-out"]);
}

#[test]
fn diff_files() {
    in_root(&[
        "diff",
        "fixtures/diff/before.yaml",
        "fixtures/diff/after.yaml",
    ]);
    in_root(&[
        "diff",
        "fixtures/diff/before.yaml",
        "fixtures/diff/opt-out-language.yaml",
    ]);
}

#[test]
fn fix_init_and_test() {
    let dir = common::scratch("width_fix_init");
    write(
        &dir,
        "bots/many.yaml",
        &common::fixture("invalid/many-findings.yaml"),
    );
    // `fix` rewrites: each width gets a fresh copy, so each run has something to fix.
    for width in WIDTHS {
        write(
            &dir,
            "bots/many.yaml",
            &common::fixture("invalid/many-findings.yaml"),
        );
        let mut cmd = common::samictl(&dir, &["--no-config", "fix", "bots"]);
        cmd.env("COLUMNS", width.to_string()).env("NO_COLOR", "1");
        let run = common::run(&mut cmd);
        assert!(too_wide(&run.stdout, width).is_empty(), "{}", run.stdout);
        assert!(too_wide(&run.stderr, width).is_empty(), "{}", run.stderr);
    }
    for width in WIDTHS {
        let name = format!("bots/new-{width}.yaml");
        let mut cmd = common::samictl(
            &dir,
            &[
                "--no-config",
                "init",
                &name,
                "--name",
                "A bot with a rather long name for a narrow terminal window",
                "--direction",
                "outbound",
            ],
        );
        cmd.env("COLUMNS", width.to_string()).env("NO_COLOR", "1");
        let run = common::run(&mut cmd);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(too_wide(&run.stdout, width).is_empty(), "{}", run.stdout);
    }
    fits(
        &root().join("fixtures/behaviour/fail"),
        &["--no-config", "test"],
    );
}

#[test]
fn diff_git_human() {
    let dir = common::scratch("width_diff_git");
    git(&dir, &["init", "-q", "-b", "main"]);
    write(
        &dir,
        "bots/modified.yaml",
        &common::fixture("diff/before.yaml"),
    );
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-q", "-m", "one"]);
    write(
        &dir,
        "bots/modified.yaml",
        &common::fixture("diff/after.yaml"),
    );
    write(
        &dir,
        "bots/added.yaml",
        &common::fixture("valid/seller-outreach.yaml"),
    );
    fits(&dir, &["--no-config", "diff", "--git", "main"]);
}

#[test]
fn help_is_fitted_by_clap() {
    // clap wraps help to the terminal, at most 100 columns (`max_term_width`).
    plain(&["--help"]);
    for sub in [
        "validate", "fix", "show", "simulate", "diff", "schema", "rules",
    ] {
        plain(&[sub, "--help"]);
    }
}
