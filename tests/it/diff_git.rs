//! `samictl diff --git` on a real repository built in a temporary folder: two commits in which
//! one bot is modified with a compliance change, one renamed with a change, one added, one
//! removed, one only reformatted and one broken; plus the working tree, revisions that look
//! like options, and the Markdown comment.

use crate::common::{self, fixture, git, write};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;

/// A fresh repository with two commits (`main~1` and `main`).
fn repo(name: &str) -> PathBuf {
    let dir = common::scratch(name);
    git(&dir, &["init", "-q", "-b", "main"]);
    write(&dir, "bots/modified.yaml", &fixture("diff/before.yaml"));
    write(
        &dir,
        "bots/old-name.yaml",
        &fixture("fleet/reactivation.yaml"),
    );
    write(
        &dir,
        "bots/removed.yaml",
        &fixture("fleet/inbound/buyer-line.yaml"),
    );
    write(&dir, "bots/reformatted.yaml", &fixture("diff/before.yaml"));
    write(
        &dir,
        "bots/broken.yaml",
        &fixture("fleet/reactivation.yaml"),
    );
    // Not bot files by the discovery rules of validate: never listed.
    write(&dir, ".github/workflows/ci.yaml", "on: push\n");
    write(&dir, "bots/seller.test.yaml", "bot: x\n");
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-q", "-m", "one"]);

    // A compliance change (a new recipient, opt-out behaviour).
    write(&dir, "bots/modified.yaml", &fixture("diff/after.yaml"));
    // Renamed with a small change (a wrap-up), still similar enough for rename detection.
    git(&dir, &["mv", "bots/old-name.yaml", "bots/new-name.yaml"]);
    let renamed = fixture("fleet/reactivation.yaml").replace("Connecting you now.", "One moment.");
    write(&dir, "bots/new-name.yaml", &renamed);
    git(&dir, &["rm", "-q", "bots/removed.yaml"]);
    write(
        &dir,
        "bots/added.yaml",
        &fixture("valid/seller-outreach.yaml"),
    );
    write(
        &dir,
        "bots/reformatted.yaml",
        &fixture("diff/reformatted.yaml"),
    );
    let broken = fixture("fleet/reactivation.yaml").replace("direction: both", "direction: x");
    write(&dir, "bots/broken.yaml", &broken);
    write(&dir, ".github/workflows/ci.yaml", "on: pull_request\n");
    write(&dir, "bots/seller.test.yaml", "bot: y\n");
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-q", "-m", "two"]);
    dir
}

fn samictl(dir: &Path, args: &[&str]) -> Output {
    common::run(
        common::samictl(dir, &["--no-config"])
            .args(args)
            .env("NO_COLOR", "1"),
    )
    .output
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn statuses_ordering_exit_codes_and_json() {
    let dir = repo("diff-git-statuses");
    let out = samictl(&dir, &["diff", "--git", "main~1..main", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let v = json(&out);
    assert_eq!(v["format_version"], 1);
    let bots = v["bots"].as_array().unwrap();
    let rows: Vec<(&str, &str, bool)> = bots
        .iter()
        .map(|b| {
            (
                b["path"].as_str().unwrap(),
                b["status"].as_str().unwrap(),
                b["compliance"].as_bool().unwrap(),
            )
        })
        .collect();
    // Compliance changes first, then the other changes, then the reformatted file; by path.
    assert_eq!(
        rows,
        [
            ("bots/added.yaml", "added", true),
            ("bots/modified.yaml", "modified", true),
            ("bots/removed.yaml", "removed", true),
            ("bots/broken.yaml", "invalid", false),
            ("bots/new-name.yaml", "renamed", false),
            ("bots/reformatted.yaml", "modified", false),
        ]
    );
    let by_path = |p: &str| bots.iter().find(|b| b["path"] == p).unwrap();
    // Every entry has exactly the contract's keys.
    for b in bots {
        let mut keys: Vec<&str> = b.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            ["changes", "compliance", "old_path", "path", "status"]
        );
    }
    assert_eq!(
        by_path("bots/new-name.yaml")["old_path"],
        "bots/old-name.yaml"
    );
    assert_eq!(by_path("bots/added.yaml")["old_path"], Value::Null);
    assert_eq!(
        by_path("bots/modified.yaml")["old_path"],
        "bots/modified.yaml"
    );
    assert_eq!(
        by_path("bots/reformatted.yaml")["changes"],
        serde_json::json!([])
    );
    assert_eq!(
        by_path("bots/broken.yaml")["changes"],
        serde_json::json!([])
    );
    // The renamed bot's change: successful-transfer's wrap-up.
    let renamed = by_path("bots/new-name.yaml")["changes"].as_array().unwrap();
    assert_eq!(renamed.len(), 1);
    assert_eq!(renamed[0]["outcome"], "successful-transfer");
    assert_eq!(renamed[0]["after"]["mid_call"]["wrap_up"], "One moment.");
    // The modified bot: its changed outcomes in canonical order, compliance flagged.
    let modified = by_path("bots/modified.yaml")["changes"].as_array().unwrap();
    let outcomes: Vec<&str> = modified
        .iter()
        .map(|c| c["outcome"].as_str().unwrap())
        .collect();
    assert_eq!(
        outcomes,
        [
            "missed-transfer",
            "opt-out",
            "not-interested",
            "unqualified"
        ]
    );
    let unqualified = &modified[3];
    assert_eq!(unqualified["compliance"], true);
    assert_eq!(
        unqualified["compliance_reasons"],
        serde_json::json!(["new recipient: compliance@acme-realty.com"])
    );
    // Added: every outcome, with nothing before; removed: nothing after.
    let added = by_path("bots/added.yaml")["changes"].as_array().unwrap();
    assert_eq!(added.len(), 8);
    assert!(
        added
            .iter()
            .all(|c| c["before"].is_null() && c["after"].is_object())
    );
    let removed = by_path("bots/removed.yaml")["changes"].as_array().unwrap();
    assert!(
        removed
            .iter()
            .all(|c| c["after"].is_null() && c["before"].is_object())
    );
}

#[test]
fn only_reformatted_is_no_change_and_paths_narrow_the_search() {
    let dir = repo("diff-git-paths");
    let out = samictl(
        &dir,
        &[
            "diff",
            "--git",
            "main~1..main",
            "--format",
            "json",
            "bots/reformatted.yaml",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let v = json(&out);
    assert_eq!(v["bots"].as_array().unwrap().len(), 1);
    assert_eq!(v["bots"][0]["status"], "modified");
    // No change at all between a commit and itself.
    let out = samictl(&dir, &["diff", "--git", "main..main"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("no bot file changed"));
}

#[test]
fn working_tree_and_untracked_files() {
    let dir = repo("diff-git-worktree");
    // Clean working tree: nothing changed against main.
    let out = samictl(&dir, &["diff", "--git", "main"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    // An edit in the working tree and a new, untracked bot file.
    let edited = fixture("diff/after.yaml").replace("due_in: 30m", "due_in: 45m");
    write(&dir, "bots/modified.yaml", &edited);
    write(
        &dir,
        "bots/new/untracked.yaml",
        &fixture("fleet/reactivation.yaml"),
    );
    // From a folder outside the changes, without PATH: still the whole repository.
    std::fs::create_dir_all(dir.join("elsewhere")).unwrap();
    let out = samictl(
        &dir.join("elsewhere"),
        &["diff", "--git", "main", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let v = json(&out);
    let rows: Vec<(&str, &str)> = v["bots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| (b["path"].as_str().unwrap(), b["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        rows,
        [
            ("bots/modified.yaml", "modified"),
            ("bots/new/untracked.yaml", "added")
        ]
    );
}

#[test]
fn revisions_that_look_like_options_and_git_trouble_are_exit_2() {
    let dir = repo("diff-git-trouble");
    for spec in [
        "--output=/tmp/x",
        "-p",
        "main..--output=x",
        "no-such-branch",
        "..",
    ] {
        let out = samictl(&dir, &["diff", &format!("--git={spec}")]);
        assert_eq!(out.status.code(), Some(2), "{spec}: {out:?}");
    }
    // Outside a repository.
    let outside = Path::new(env!("CARGO_TARGET_TMPDIR")).join("diff-git-outside");
    std::fs::create_dir_all(&outside).unwrap();
    let out = common::run(
        common::samictl(&outside, &["--no-config", "diff", "--git", "main"])
            .env("GIT_CEILING_DIRECTORIES", env!("CARGO_TARGET_TMPDIR")),
    )
    .output;
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    // Plain `diff` still wants OLD and NEW.
    let out = samictl(&dir, &["diff", "bots/added.yaml"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn markdown_is_one_comment_with_details_per_changed_bot() {
    let dir = repo("diff-git-markdown");
    let out = samictl(
        &dir,
        &["diff", "--git", "main~1..main", "--format", "markdown"],
    );
    assert_eq!(out.status.code(), Some(1));
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.starts_with("<!-- samictl-diff -->"));
    assert!(md.contains("4 bots change behaviour, 3 with compliance changes"));
    // One <details> per bot whose behaviour changed or that is invalid; none for the
    // reformatted one.
    assert_eq!(md.matches("<details>").count(), 5);
    assert!(!md.contains("<summary><code>bots/reformatted.yaml"));
    // Compliance changes come first.
    let first = md.find("<details>").unwrap();
    assert!(md[first..].starts_with("<details><summary>⚠ <code>bots/added.yaml</code>"));
    assert!(md.chars().count() < 65_536);
}

#[test]
fn markdown_past_the_comment_limit_keeps_the_summary() {
    let dir = repo("diff-git-limit");
    // 150 new bots with long notes: the details can't fit in one comment.
    let long = "x".repeat(1500);
    for i in 0..150 {
        let text = format!(
            "version: 1\nbot: {{name: b{i}, direction: outbound}}\noutcomes:\n  bad-number:\n    actions:\n      - type: note\n        text: \"{long}\"\n"
        );
        write(&dir, &format!("bots/many/b{i:03}.yaml"), &text);
    }
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-q", "-m", "many"]);
    let out = samictl(
        &dir,
        &["diff", "--git", "main~1..main", "--format", "markdown"],
    );
    assert_eq!(out.status.code(), Some(1));
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.chars().count() < 65_536, "{} chars", md.chars().count());
    assert!(md.contains("150 bots change behaviour"));
    assert!(md.contains("the rest is in the JSON"));
    assert!(!md.contains("<details>"));
}

#[test]
fn a_blob_over_the_limit_is_invalid_and_not_read() {
    let dir = repo("diff-git-large");
    let mut big = fixture("valid/seller-outreach.yaml");
    big.push_str(&format!("# {}\n", "x".repeat(2 * 1024 * 1024)));
    write(&dir, "bots/big.yaml", &big);
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-q", "-m", "big"]);
    let out = samictl(&dir, &["diff", "--git", "main~1..main"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("invalid  bots/big.yaml"), "{text}");
    assert!(text.contains("over the 1 MiB limit"), "{text}");
}

#[test]
fn a_path_that_is_nowhere_is_exit_2_but_a_removed_one_is_compared() {
    let dir = repo("diff-git-missing-path");
    // A typo must not read as "no bot file changed" (exit 0) in CI.
    let out = samictl(&dir, &["diff", "--git", "main~1..main", "bots/nope.yaml"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("`bots/nope.yaml`: no such file"));
    let out = samictl(&dir, &["diff", "--git", "main", "nowhere/"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    // Gone from the working tree and from HEAD, but at BASE: compared, listed as removed.
    let out = samictl(
        &dir,
        &[
            "diff",
            "--git",
            "main~1..main",
            "--format",
            "json",
            "bots/removed.yaml",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(json(&out)["bots"][0]["status"], "removed");
    // The summary of one bot reads in the singular.
    let out = samictl(
        &dir,
        &["diff", "--git", "main~1..main", "bots/removed.yaml"],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("1 bot changes behaviour,"), "{text}");
}

#[test]
fn a_path_keeps_rename_detection_on_either_side() {
    let dir = repo("diff-git-rename-path");
    // Naming only the new path (or only the old one) still finds the rename.
    for path in ["bots/new-name.yaml", "bots/old-name.yaml"] {
        let out = samictl(
            &dir,
            &["diff", "--git", "main~1..main", "--format", "json", path],
        );
        assert_eq!(out.status.code(), Some(1), "{path}: {out:?}");
        let v = json(&out);
        assert_eq!(v["bots"].as_array().unwrap().len(), 1, "{path}: {v}");
        assert_eq!(v["bots"][0]["status"], "renamed", "{path}: {v}");
        assert_eq!(v["bots"][0]["old_path"], "bots/old-name.yaml", "{path}");
        assert_eq!(v["bots"][0]["path"], "bots/new-name.yaml", "{path}");
    }
    // From a subfolder, a PATH is read from there, as git reads it.
    let out = samictl(
        &dir.join("bots"),
        &[
            "diff",
            "--git",
            "main~1..main",
            "--format",
            "json",
            "new-name.yaml",
        ],
    );
    assert_eq!(json(&out)["bots"][0]["status"], "renamed", "{out:?}");
}
