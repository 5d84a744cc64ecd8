//! `samictl test`, `simulate --record` and `samictl diff`: exit codes and machine formats.

use crate::common::{self, root, scratch};
use serde_json::Value;
use std::path::Path;

fn samictl_in(dir: &Path, args: &[&str]) -> (String, i32) {
    let r = common::run(common::samictl(dir, &["--no-config"]).args(args));
    (r.stdout, r.code)
}

fn samictl(args: &[&str]) -> (String, i32) {
    samictl_in(root(), args)
}

#[test]
fn test_json_contract() {
    let (out, code) = samictl(&["test", "fixtures/behaviour", "--format", "json"]);
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    let cases = v["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 11);
    for c in cases {
        let keys: Vec<&str> = c.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "file",
                "outcome",
                "direction",
                "channel",
                "passed",
                "expected",
                "actual"
            ]
        );
        assert_eq!(c["passed"], c["expected"] == c["actual"]);
    }
    assert_eq!(v["passed"], 10);
    assert_eq!(v["failed"], 1);
    // Broken expectation files are reported with a location, never passed.
    let errors = v["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 4);
    assert!(errors.iter().all(|e| e["line"].as_u64().unwrap() >= 1));
}

#[test]
fn test_junit_has_a_testcase_per_case() {
    let (xml, code) = samictl(&[
        "test",
        "fixtures/behaviour/fail",
        "fixtures/behaviour/pass",
        "--format",
        "junit",
    ]);
    assert_eq!(code, 1);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let cases: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 11);
    let failures = doc
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .count();
    assert_eq!(failures, 1);
    assert_eq!(doc.root_element().attribute("failures"), Some("1"));
}

#[test]
fn record_then_test_passes_and_a_change_fails() {
    let dir = scratch("behaviour-record");
    let bot = dir.join("bot.yaml");
    std::fs::copy(root().join("fixtures/valid/seller-outreach.yaml"), &bot).unwrap();
    let (recorded, code) = samictl_in(&dir, &["simulate", "bot.yaml", "--record"]);
    assert_eq!(code, 0);
    std::fs::write(dir.join("bot.test.yaml"), &recorded).unwrap();
    assert_eq!(samictl_in(&dir, &["test"]).1, 0);
    // Drop the opt-out tag: the recording catches it.
    let text = std::fs::read_to_string(&bot).unwrap();
    std::fs::write(
        &bot,
        text.replace("      - type: tag\n        name: opted-out\n", ""),
    )
    .unwrap();
    let (out, code) = samictl_in(&dir, &["test", "--format", "json"]);
    assert_eq!(code, 1, "{out}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let failed: Vec<&Value> = v["cases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["passed"] == false)
        .collect();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0]["outcome"], "opt-out");
    // A bot with errors makes the expectation file wrong, not passed.
    std::fs::write(&bot, "version: 1\nbot: {name: x, direction: sideways}\n").unwrap();
    let (out, code) = samictl_in(&dir, &["test", "--format", "json"]);
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["cases"].as_array().unwrap().len(), 0);
    assert!(
        v["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("error")
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn diff_json_lists_only_changed_outcomes_with_simulations() {
    let (out, code) = samictl(&[
        "diff",
        "fixtures/diff/before.yaml",
        "fixtures/diff/after.yaml",
        "--format",
        "json",
    ]);
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    let changes = v["changes"].as_array().unwrap();
    let outcomes: Vec<&str> = changes
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
    for c in changes {
        for side in ["before", "after"] {
            let keys: Vec<&str> = c[side]
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            assert_eq!(
                keys,
                [
                    "bot",
                    "direction",
                    "outcome",
                    "channel",
                    "mid_call",
                    "fires",
                    "callback"
                ]
            );
            assert_eq!(c[side]["outcome"], c["outcome"]);
        }
    }
    let flagged: Vec<&str> = changes
        .iter()
        .filter(|c| c["compliance"] == true)
        .map(|c| c["outcome"].as_str().unwrap())
        .collect();
    // A criteria change on not-interested decides which calls land on opt-out: compliance.
    assert_eq!(flagged, ["opt-out", "not-interested", "unqualified"]);
    assert_eq!(v["compliance"], true);
    assert!(
        changes[2]["analysis_criteria"]["after"]
            .as_str()
            .unwrap()
            .starts_with("Three")
    );

    let (out, code) = samictl(&[
        "diff",
        "fixtures/diff/before.yaml",
        "fixtures/diff/reformatted.yaml",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["changes"], serde_json::json!([]));
}

#[test]
fn diff_reads_rev_path_from_git() {
    let dir = scratch("behaviour-git");
    let git = |args: &[&str]| common::git(&dir, args);
    let before = std::fs::read_to_string(root().join("fixtures/diff/before.yaml")).unwrap();
    let after = std::fs::read_to_string(root().join("fixtures/diff/after.yaml")).unwrap();
    std::fs::create_dir_all(dir.join("bots")).unwrap();
    std::fs::write(dir.join("bots/a.yaml"), &before).unwrap();
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "first"]);
    std::fs::write(dir.join("bots/a.yaml"), &after).unwrap();
    let (out, code) = samictl_in(
        &dir,
        &[
            "diff",
            "HEAD:bots/a.yaml",
            "bots/a.yaml",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 1, "{out}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["changes"].as_array().unwrap().len(), 4);
    assert_eq!(
        samictl_in(&dir, &["diff", "HEAD:bots/a.yaml", "HEAD:bots/a.yaml"]).1,
        0
    );
    assert_eq!(
        samictl_in(&dir, &["diff", "HEAD:bots/missing.yaml", "bots/a.yaml"]).1,
        2
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn record_output_writes_through_the_shared_writer_with_bot_relative_to_it() {
    let dir = scratch("behaviour-record-output");
    let bot = common::fixture("valid/seller-outreach.yaml");
    common::write(&dir, "seller.yaml", &bot);
    std::fs::create_dir_all(dir.join("tests")).unwrap();
    let (out, code) = samictl_in(
        &dir,
        &[
            "simulate",
            "seller.yaml",
            "--record",
            "-o",
            "tests/seller.test.yaml",
        ],
    );
    assert_eq!(code, 0);
    assert_eq!(
        out, "",
        "the expectation file goes to FILE, not to standard output"
    );
    let written = std::fs::read_to_string(dir.join("tests/seller.test.yaml")).unwrap();
    assert!(written.contains("\nbot: \"../seller.yaml\"\n"), "{written}");
    // The file it wrote passes against the bot it was recorded from.
    let (_, code) = samictl_in(&dir, &["test", "tests/seller.test.yaml"]);
    assert_eq!(code, 0);
    // Re-recording replaces the file and keeps its mode.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let path = dir.join("tests/seller.test.yaml");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        let (_, code) = samictl_in(
            &dir,
            &[
                "simulate",
                "seller.yaml",
                "--record",
                "-o",
                "tests/seller.test.yaml",
            ],
        );
        assert_eq!(code, 0);
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
}

#[test]
fn record_output_never_overwrites_the_bot_and_needs_record() {
    let dir = scratch("behaviour-record-refusals");
    let bot = common::fixture("valid/seller-outreach.yaml");
    common::write(&dir, "seller.yaml", &bot);
    for target in ["seller.yaml", "./seller.yaml"] {
        let r = common::run(&mut common::samictl(
            &dir,
            &[
                "--no-config",
                "simulate",
                "seller.yaml",
                "--record",
                "-o",
                target,
            ],
        ));
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert!(r.stderr.contains("is the bot file"), "{}", r.stderr);
    }
    assert_eq!(
        std::fs::read_to_string(dir.join("seller.yaml")).unwrap(),
        bot
    );
    let r = common::run(&mut common::samictl(
        &dir,
        &[
            "--no-config",
            "simulate",
            "seller.yaml",
            "--outcome",
            "opt-out",
            "-o",
            "x.yaml",
        ],
    ));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("goes with `--record`"), "{}", r.stderr);
    assert!(!dir.join("x.yaml").exists());
}

#[cfg(unix)]
#[test]
fn record_output_never_replaces_a_fifo_nor_follows_a_dangling_link() {
    let dir = scratch("behaviour-record-special");
    common::write(
        &dir,
        "seller.yaml",
        &common::fixture("valid/seller-outreach.yaml"),
    );
    let fifo = dir.join("f.test.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let r = common::run(&mut common::samictl(
            &dir,
            &[
                "--no-config",
                "simulate",
                "seller.yaml",
                "--record",
                "-o",
                "f.test.yaml",
            ],
        ));
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert!(r.stderr.contains("not a regular file"), "{}", r.stderr);
        use std::os::unix::fs::FileTypeExt;
        assert!(
            std::fs::symlink_metadata(&fifo)
                .unwrap()
                .file_type()
                .is_fifo()
        );
    }
    std::os::unix::fs::symlink("nowhere/x.yaml", dir.join("d.test.yaml")).unwrap();
    let r = common::run(&mut common::samictl(
        &dir,
        &[
            "--no-config",
            "simulate",
            "seller.yaml",
            "--record",
            "-o",
            "d.test.yaml",
        ],
    ));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("doesn't exist"), "{}", r.stderr);
    assert!(!dir.join("nowhere").exists());
}

#[test]
fn record_takes_the_bot_from_samictl_toml_without_a_file_argument() {
    let dir = scratch("behaviour-record-config");
    common::write(
        &dir,
        "bots/seller.yaml",
        &common::fixture("valid/seller-outreach.yaml"),
    );
    common::write(&dir, "samictl.toml", "bot = \"bots/seller.yaml\"\n");
    let r = common::run(&mut common::samictl(&dir, &["simulate", "--record"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("\nbot: \"bots/seller.yaml\"\n"),
        "{}",
        r.stdout
    );
    std::fs::create_dir_all(dir.join("tests")).unwrap();
    let r = common::run(&mut common::samictl(
        &dir,
        &["simulate", "--record", "-o", "tests/seller.test.yaml"],
    ));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let written = std::fs::read_to_string(dir.join("tests/seller.test.yaml")).unwrap();
    assert!(
        written.contains("\nbot: \"../bots/seller.yaml\"\n"),
        "{written}"
    );
    let r = common::run(&mut common::samictl(
        &dir,
        &["test", "tests/seller.test.yaml"],
    ));
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
}
