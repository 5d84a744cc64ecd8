//! `[files] exclude` in samictl.toml and `--exclude GLOB` (docs/spec 8, issue 27): a
//! repository's other YAML (a docker-compose.yml, CI files) stays out of every folder walk:
//! validate, fix, the fleet views and diff --git. A file named on the command line is still
//! checked, with a note; `--force-exclude` (the pre-commit hooks) leaves it out too.

use crate::common::{self, fixture, git, write};
use std::path::{Path, PathBuf};

const COMPOSE: &str = "services:\n  web:\n    image: nginx\n";

/// A repository with two bots, a docker-compose.yml and a CI file that are not bots.
fn repo(name: &str, toml: Option<&str>) -> PathBuf {
    let dir = common::scratch(name);
    write(
        &dir,
        "bots/seller.yaml",
        &fixture("valid/seller-outreach.yaml"),
    );
    write(
        &dir,
        "bots/buyer.yaml",
        &fixture("fleet/inbound/buyer-line.yaml"),
    );
    write(&dir, "docker-compose.yml", COMPOSE);
    write(&dir, "deploy/ci/pipeline.yaml", "stages: [test]\n");
    if let Some(t) = toml {
        write(&dir, "samictl.toml", t);
    }
    dir
}

const TOML: &str = "[files]\nexclude = [\"**/docker-compose.yml\", \"deploy/**\"]\n";

fn run(dir: &Path, args: &[&str]) -> common::Run {
    common::run(common::samictl(dir, args).env("NO_COLOR", "1"))
}

#[test]
fn without_exclude_the_other_yaml_fails_validate() {
    // The test can fail: the same tree without the setting reports the other YAML.
    let dir = repo("exclude_none", None);
    let r = run(&dir, &["validate"]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("docker-compose.yml"), "{}", r.stdout);
}

#[test]
fn validate_leaves_excluded_paths_out_of_the_walk() {
    let dir = repo("exclude_validate", Some(TOML));
    let r = run(&dir, &["validate"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("checked 2 files"), "{}", r.stdout);
    // JSON lists the files checked: the bots only.
    let r = run(&dir, &["validate", "--format", "json", "."]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["bots/buyer.yaml", "bots/seller.yaml"]);
}

#[test]
fn the_command_line_exclude_works_without_a_config() {
    let dir = repo("exclude_flag", None);
    let r = run(
        &dir,
        &[
            "validate",
            "--exclude",
            "docker-compose.yml",
            "--exclude",
            "deploy/**",
        ],
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    // A bad glob is a usage error.
    let r = run(&dir, &["validate", "--exclude", "a/[b"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("not a valid glob"), "{}", r.stderr);
}

#[test]
fn a_file_named_is_checked_with_a_note_unless_forced() {
    let dir = repo("exclude_named", Some(TOML));
    let r = run(&dir, &["validate", "docker-compose.yml"]);
    assert_eq!(r.code, 1, "named: still checked");
    assert!(
        r.stderr.contains("`docker-compose.yml` is excluded"),
        "{}",
        r.stderr
    );
    let r = run(
        &dir,
        &[
            "validate",
            "--force-exclude",
            "docker-compose.yml",
            "bots/seller.yaml",
        ],
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("checked 1 file"), "{}", r.stdout);
}

#[test]
fn a_bad_glob_in_the_config_is_a_usage_error() {
    let dir = repo("exclude_bad_toml", Some("[files]\nexclude = [\"[\"]\n"));
    let r = run(&dir, &["validate"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("files.exclude"), "{}", r.stderr);
}

#[test]
fn fix_leaves_excluded_files_untouched() {
    let dir = repo(
        "exclude_fix",
        Some(
            "[files]\nexclude = [\"bots/broken.yaml\", \"**/docker-compose.yml\", \"deploy/**\"]\n",
        ),
    );
    let broken = fixture("invalid/many-findings.yaml");
    write(&dir, "bots/broken.yaml", &broken);
    let r = run(&dir, &["fix"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.join("bots/broken.yaml")).unwrap(),
        broken
    );
    // Without the setting, fix would have changed it.
    let r = run(&dir, &["--no-config", "fix", "--diff", "bots"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
}

#[test]
fn the_fleet_views_leave_excluded_bots_out() {
    let dir = repo(
        "exclude_fleet",
        Some(
            "[files]\nexclude = [\"bots/buyer.yaml\", \"**/docker-compose.yml\", \"deploy/**\"]\n",
        ),
    );
    write(&dir, "bots/other.yaml", &fixture("fleet/reactivation.yaml"));
    let r = run(&dir, &["show", "--format", "json", "."]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stdout.contains("buyer.yaml"), "{}", r.stdout);
    assert!(r.stdout.contains("other.yaml"), "{}", r.stdout);
    let r = run(
        &dir,
        &["simulate", ".", "--outcome", "opt-out", "--format", "json"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stdout.contains("buyer.yaml"), "{}", r.stdout);
    assert!(r.stdout.contains("seller.yaml"), "{}", r.stdout);
    // --exclude on the command line, too.
    let r = run(
        &dir,
        &[
            "show",
            "--format",
            "json",
            "--exclude",
            "bots/other.yaml",
            ".",
        ],
    );
    assert!(!r.stdout.contains("other.yaml"), "{}", r.stdout);
}

/// `report` and `fmt` walk as `validate` does (docs/spec 8): an excluded bot is not on the page and
/// not formatted, and `--exclude` works on both.
#[test]
fn report_and_fmt_leave_excluded_bots_out() {
    let dir = repo(
        "exclude_report_fmt",
        Some(
            "[files]\nexclude = [\"bots/buyer.yaml\", \"**/docker-compose.yml\", \"deploy/**\"]\n",
        ),
    );
    write(&dir, "bots/other.yaml", &fixture("fleet/reactivation.yaml"));
    let r = run(&dir, &["report", ".", "-o", "-"]);
    assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
    assert!(!r.stdout.contains("buyer.yaml"), "excluded bot on the page");
    assert!(
        r.stdout.contains("other.yaml"),
        "a walked bot is missing from the page"
    );
    let r = run(
        &dir,
        &["report", "--exclude", "bots/other.yaml", ".", "-o", "-"],
    );
    assert!(
        !r.stdout.contains("other.yaml"),
        "--exclude ignored by report"
    );
    let r = run(&dir, &["fmt", "--check", "."]);
    assert_ne!(r.code, 2, "{}", r.stderr);
    assert!(!r.stdout.contains("buyer.yaml"), "{}", r.stdout);
    assert!(!r.stdout.contains("docker-compose"), "{}", r.stdout);
    let r = run(&dir, &["fmt", "--check", "--exclude", "bots/**", "."]);
    assert!(
        !r.stdout.contains("other.yaml"),
        "--exclude ignored by fmt: {}",
        r.stdout
    );
}

#[test]
fn diff_git_leaves_excluded_files_out() {
    let dir = repo("exclude_diff_git", Some(TOML));
    git(&dir, &["init", "-q", "-b", "main"]);
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-q", "-m", "one"]);
    write(&dir, "docker-compose.yml", "services: {}\n");
    write(&dir, "deploy/ci/pipeline.yaml", "stages: [build]\n");
    let r = run(&dir, &["diff", "--git", "main", "--format", "json"]);
    assert_eq!(r.code, 0, "no bot changed: {}{}", r.stdout, r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["bots"], serde_json::json!([]));
    // The same change without the setting lists them as invalid bots.
    let r = run(
        &dir,
        &["--no-config", "diff", "--git", "main", "--format", "json"],
    );
    assert_eq!(r.code, 1, "{}", r.stdout);
}

#[test]
fn the_language_server_helper_answers_for_a_document() {
    // The language server asks `Config::exclude(dir).is_excluded(path)` of each document.
    let dir = repo("exclude_lsp_helper", Some(TOML));
    let config = samictl::config::parse_config(TOML).unwrap();
    let exclude = config.exclude(&dir);
    assert!(exclude.is_excluded(&dir.join("docker-compose.yml")));
    assert!(exclude.is_excluded(&dir.join("deploy/ci/pipeline.yaml")));
    assert!(!exclude.is_excluded(&dir.join("bots/seller.yaml")));
}

/// The README's "A bot file" example passes the recommended `--deny-warnings` hook as pasted.
#[test]
fn the_readme_bot_file_passes_deny_warnings() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let section = readme
        .split("## A bot file\n")
        .nth(1)
        .expect("README has a section `A bot file`");
    let yaml = section
        .split("```yaml\n")
        .nth(1)
        .and_then(|s| s.split("\n```").next())
        .expect("a yaml block");
    let dir = common::scratch("exclude_readme_bot");
    write(&dir, "bot.yaml", &format!("{yaml}\n"));
    let r = run(
        &dir,
        &["--no-config", "validate", "--deny-warnings", "bot.yaml"],
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
}

/// The entry of a hook of `.pre-commit-hooks.yaml`, split into arguments (after `samictl`).
fn hook_entry(id: &str) -> Vec<String> {
    let hooks = std::fs::read_to_string(common::root().join(".pre-commit-hooks.yaml")).unwrap();
    let block = hooks
        .split("\n- id: ")
        .find(|b| b.starts_with(&format!("{id}\n")))
        .unwrap_or_else(|| panic!("hook {id}"));
    let entry = block
        .lines()
        .find_map(|l| l.trim().strip_prefix("entry: "))
        .unwrap();
    entry
        .split_whitespace()
        .skip(1)
        .map(str::to_owned)
        .collect()
}

/// The samictl-fix and samictl-validate hooks as pre-commit runs them, one after the other on
/// the same files: each error is printed once (fix lists only what it changed), and excluded
/// files named by pre-commit are left out. (`.ci/hooks-test` does this through pre-commit.)
#[test]
fn the_fix_and_validate_hooks_print_each_error_once() {
    let dir = repo("exclude_hooks", Some(TOML));
    write(
        &dir,
        "bots/broken.yaml",
        &fixture("invalid/many-findings.yaml"),
    );
    let files = ["bots/broken.yaml", "bots/seller.yaml", "docker-compose.yml"];
    let mut all = String::new();
    let mut codes = Vec::new();
    for id in ["samictl-fix", "samictl-validate"] {
        let mut args = hook_entry(id);
        args.extend(files.iter().map(|f| (*f).to_owned()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let r = run(&dir, &args);
        codes.push(r.code);
        all.push_str(&r.stdout);
        all.push_str(&r.stderr);
    }
    // fix: nothing left to say but its changes (the file changed: pre-commit fails the hook).
    assert_eq!(codes, [0, 1], "{all}");
    assert!(all.contains("fixed bots/broken.yaml"), "{all}");
    let headers: Vec<&str> = all
        .lines()
        .filter(|l| l.starts_with("error[") || l.starts_with("warning["))
        .collect();
    assert!(!headers.is_empty(), "{all}");
    let mut unique = headers.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(
        unique.len(),
        headers.len(),
        "an error printed twice:\n{all}"
    );
    assert!(!all.contains("docker-compose.yml"), "{all}");
}

/// `fmt` walks folders as `validate` does (docs/spec 8 and 18): an excluded bot that isn't
/// formatted stays out of `fmt --check`, and the README's `[files]` comment names `fmt` among
/// the walks that honour it.
#[test]
fn fmt_leaves_excluded_files_out_and_the_readme_says_so() {
    let dir = repo("exclude_fmt", Some(TOML));
    let ugly = "bot: {name: X, direction: both}\nversion: 1\n";
    write(&dir, "deploy/bots/ugly.yaml", ugly);
    let with = run(&dir, &["fmt", "--check", "."]);
    assert!(!with.stdout.contains("ugly.yaml"), "{}", with.stdout);
    let without = run(&dir, &["--no-config", "fmt", "--check", "."]);
    assert!(without.stdout.contains("ugly.yaml"), "{}", without.stdout);

    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let files = readme
        .split("[files] ")
        .nth(1)
        .and_then(|s| s.split("\n```").next())
        .expect("README's samictl.toml example has a [files] table");
    assert!(files.contains("fmt"), "{files}");
}

/// A folder whose every file is excluded is still "no bot file" (exit 2, docs/spec 9), and the
/// message says the exclude globs left the files out, so it doesn't read as a wrong folder.
#[test]
fn a_folder_left_empty_by_exclude_says_why() {
    let dir = repo("exclude_all", Some(TOML));
    let r = run(&dir, &["validate", "deploy"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("no bot file"), "{}", r.stderr);
    assert!(
        r.stderr.contains("left out by `[files] exclude`"),
        "{}",
        r.stderr
    );
    // Without the setting the same folder has a file: nothing is said of exclusion.
    let r = run(&dir, &["--no-config", "validate", "deploy"]);
    assert!(!r.stderr.contains("left out"), "{}", r.stderr);
}
