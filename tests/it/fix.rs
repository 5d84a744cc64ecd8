//! `samictl fix` (docs/spec 13): every fixable rule from its fixture before to its fixture
//! after, a second run changing nothing, unsafe fixes only with `--unsafe`, CRLF kept, `--diff`
//! exit codes, a yaml-syntax file left alone, and the fixes carried by JSON and SARIF.

use crate::common::{self, root};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;

/// Fixtures whose fixes are unsafe (they change what fires).
const UNSAFE: [&str; 2] = ["duplicate-action", "outcome-missing"];

/// The fixable rules of the spec's table, each with the fixture that shows its fix.
const TABLE: [(&str, &str); 10] = [
    ("unknown-field", "unknown-field"),
    ("unknown-outcome", "unknown-outcome"),
    ("invalid-value", "yaml11-boolean"),
    ("locked-action-disabled", "locked-action-disabled"),
    ("locked-action-mismatch", "locked-action-mismatch"),
    ("notify-not-allowed", "notify-not-allowed"),
    ("notify-empty", "notify-empty"),
    ("duplicate-recipient", "duplicate-recipient"),
    ("duplicate-action", "duplicate-action"),
    ("outcome-missing", "outcome-missing"),
];

fn samictl(args: &[&str], dir: &Path) -> Output {
    common::run(
        common::samictl(dir, &["--no-config"])
            .args(args)
            .env("NO_COLOR", "1"),
    )
    .output
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn fixture(which: &str, name: &str) -> String {
    std::fs::read_to_string(root().join(format!("fixtures/fix/{which}/{name}.yaml"))).unwrap()
}

fn names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root().join("fixtures/fix/before"))
        .unwrap()
        .flatten()
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".yaml"))
                .map(str::to_owned)
        })
        .collect();
    names.sort();
    names
}

/// A fresh folder for one test.
fn scratch(test: &str) -> PathBuf {
    common::scratch(&format!("fix-{test}"))
}

fn json_report(args: &[&str], dir: &Path) -> Value {
    let mut all = vec!["validate", "--format", "json"];
    all.extend_from_slice(args);
    serde_json::from_str(&stdout(&samictl(&all, dir))).unwrap()
}

#[test]
fn every_fixture_is_fixed_as_its_after_copy_and_a_second_run_changes_nothing() {
    let dir = scratch("fixtures");
    let names = names();
    assert!(names.len() >= TABLE.len());
    for name in &names {
        let file = dir.join(format!("{name}.yaml"));
        std::fs::write(&file, fixture("before", name)).unwrap();
        let mut args = vec!["fix"];
        if UNSAFE.contains(&name.as_str()) {
            args.push("--unsafe");
        }
        let path = file.to_str().unwrap();
        args.push(path);
        let first = samictl(&args, &dir);
        let fixed = std::fs::read_to_string(&file).unwrap();
        assert_eq!(fixed, fixture("after", name), "{name}: {}", stdout(&first));
        // The exit code is validate's on the result.
        let validate = samictl(&["validate", path], &dir);
        assert_eq!(first.status.code(), validate.status.code(), "{name}");
        let second = samictl(&args, &dir);
        assert_eq!(std::fs::read_to_string(&file).unwrap(), fixed, "{name}");
        assert!(!stdout(&second).contains("fixed "), "{name}");
        let diff = samictl(&["fix", "--diff", "--unsafe", path], &dir);
        assert!(stdout(&diff).is_empty(), "{name}: {}", stdout(&diff));
    }
}

#[test]
fn every_fixable_rule_of_the_table_is_fixed_and_gone_afterwards() {
    for (rule, name) in TABLE {
        let before = root().join(format!("fixtures/fix/before/{name}.yaml"));
        let after = root().join(format!("fixtures/fix/after/{name}.yaml"));
        let report = json_report(&[before.to_str().unwrap()], root());
        let diags = report["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .clone();
        let with_fix: Vec<&Value> = diags
            .iter()
            .filter(|d| d["rule"] == rule && d["fix"].is_object())
            .collect();
        assert!(!with_fix.is_empty(), "{name}: no fixable {rule}");
        let safe = !UNSAFE.contains(&name);
        for d in &with_fix {
            assert_eq!(d["fix"]["safe"], safe, "{name}: {d}");
        }
        let report = json_report(&[after.to_str().unwrap()], root());
        let left: Vec<&Value> = report["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["fix"].is_object())
            .collect();
        assert!(left.is_empty(), "{name}: still fixable after: {left:?}");
    }
}

#[test]
fn unsafe_fixes_need_the_flag() {
    let dir = scratch("unsafe");
    for name in UNSAFE {
        let file = dir.join(format!("{name}.yaml"));
        std::fs::write(&file, fixture("before", name)).unwrap();
        let out = samictl(&["fix", file.to_str().unwrap()], &dir);
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            fixture("before", name)
        );
        assert!(
            stdout(&out).contains("more with `--unsafe`"),
            "{}",
            stdout(&out)
        );
    }
}

/// Applies JSON/SARIF-style edits (1-based lines and character columns, end exclusive).
fn apply_positions(text: &str, mut edits: Vec<(usize, usize, usize, usize, String)>) -> String {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let offset = |line: usize, col: usize| -> usize {
        let start = starts.get(line - 1).copied().unwrap_or(text.len());
        let rest = &text[start..];
        rest.char_indices()
            .nth(col - 1)
            .map_or(text.len(), |(i, _)| start + i)
    };
    edits.sort();
    edits.dedup();
    let mut out = text.to_owned();
    for (l, c, el, ec, replacement) in edits.into_iter().rev() {
        let (s, e) = (offset(l, c), offset(el, ec));
        out.replace_range(s..e, &replacement);
    }
    out
}

fn n(v: &Value) -> usize {
    v.as_u64().unwrap() as usize
}

#[test]
fn json_and_sarif_edits_rebuild_the_fixed_file() {
    for name in ["unknown-field", "notify-not-allowed", "duplicate-recipient"] {
        let before = format!("fixtures/fix/before/{name}.yaml");
        let text = fixture("before", name);
        let report = json_report(&[&before], root());
        let mut edits = Vec::new();
        for d in report["files"][0]["diagnostics"].as_array().unwrap() {
            assert!(d.get("fix").is_some(), "every diagnostic has `fix`: {d}");
            for e in d["fix"]["edits"].as_array().into_iter().flatten() {
                edits.push((
                    n(&e["line"]),
                    n(&e["column"]),
                    n(&e["end_line"]),
                    n(&e["end_column"]),
                    e["replacement"].as_str().unwrap().to_owned(),
                ));
            }
        }
        assert_eq!(
            apply_positions(&text, edits),
            fixture("after", name),
            "{name}"
        );

        let out = samictl(&["validate", "--format", "sarif", &before], root());
        let log: Value = serde_json::from_str(&stdout(&out)).unwrap();
        let mut edits = Vec::new();
        for r in log["runs"][0]["results"].as_array().unwrap() {
            for f in r["fixes"].as_array().into_iter().flatten() {
                let change = &f["artifactChanges"][0];
                assert_eq!(change["artifactLocation"]["uri"], before.as_str());
                for rep in change["replacements"].as_array().unwrap() {
                    let region = &rep["deletedRegion"];
                    edits.push((
                        n(&region["startLine"]),
                        n(&region["startColumn"]),
                        n(&region["endLine"]),
                        n(&region["endColumn"]),
                        rep["insertedContent"]["text"].as_str().unwrap().to_owned(),
                    ));
                }
            }
        }
        assert_eq!(
            apply_positions(&text, edits),
            fixture("after", name),
            "{name}"
        );
    }
}

#[test]
fn every_json_diagnostic_has_a_fix_field() {
    let report = json_report(&["fixtures/invalid/many-findings.yaml"], root());
    let diags = report["files"][0]["diagnostics"].as_array().unwrap();
    assert!(diags.iter().all(|d| d.get("fix").is_some()));
    assert!(diags.iter().any(|d| d["fix"].is_null()));
    assert!(diags.iter().any(|d| d["fix"].is_object()));
}

#[test]
fn crlf_files_stay_crlf() {
    let dir = scratch("crlf");
    for name in ["notify-not-allowed", "outcome-missing", "unknown-field"] {
        let file = dir.join(format!("{name}.yaml"));
        std::fs::write(&file, fixture("before", name).replace('\n', "\r\n")).unwrap();
        samictl(&["fix", "--unsafe", file.to_str().unwrap()], &dir);
        let fixed = std::fs::read_to_string(&file).unwrap();
        assert_eq!(
            fixed,
            fixture("after", name).replace('\n', "\r\n"),
            "{name}"
        );
    }
}

#[test]
fn diff_writes_nothing_and_exits_1_when_a_fix_is_available() {
    let dir = scratch("diff");
    let file = dir.join("bot.yaml");
    std::fs::write(&file, fixture("before", "notify-empty")).unwrap();
    let out = samictl(&["fix", "--diff", "bot.yaml"], &dir);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).starts_with("--- a/bot.yaml\n+++ b/bot.yaml\n"));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        fixture("before", "notify-empty")
    );
    // Nothing to fix and no error: 0. Nothing to fix but errors left: 1.
    std::fs::write(&file, fixture("after", "notify-empty")).unwrap();
    assert_eq!(samictl(&["fix", "--diff"], &dir).status.code(), Some(0));
    let unfixable = fixture("after", "notify-empty").replace("version: 1", "version: 2");
    std::fs::write(&file, unfixable).unwrap();
    let out = samictl(&["fix", "--diff", "bot.yaml"], &dir);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).is_empty());
}

#[test]
fn a_yaml_syntax_error_is_reported_and_the_file_left_alone() {
    let dir = scratch("syntax");
    let file = dir.join("bot.yaml");
    let text = fixture("before", "yaml-syntax");
    std::fs::write(&file, &text).unwrap();
    let out = samictl(&["fix", "--unsafe", "bot.yaml"], &dir);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("left alone"));
    assert!(stdout(&out).contains("error[yaml-syntax]"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
}

#[test]
fn standard_input_is_refused_and_a_missing_path_is_exit_2() {
    let dir = scratch("usage");
    assert_eq!(samictl(&["fix", "-"], &dir).status.code(), Some(2));
    assert_eq!(samictl(&["fix", "nope.yaml"], &dir).status.code(), Some(2));
    assert_eq!(samictl(&["fix"], &dir).status.code(), Some(2));
}

/// The bundled many-findings fixture, with a comment before every line up to card keys:
/// `fix bots/` fixes what the table covers, keeps every comment, and what is left is
/// unfixable.
#[test]
fn many_findings_is_fixed_keeping_every_comment() {
    let dir = scratch("many");
    std::fs::create_dir_all(dir.join("bots")).unwrap();
    let original =
        std::fs::read_to_string(root().join("fixtures/invalid/many-findings.yaml")).unwrap();
    let mut text = String::new();
    for (i, line) in original.lines().enumerate() {
        let indent = line.len() - line.trim_start().len();
        if indent <= 4 {
            text.push_str(&format!("{}# comment {i}\n", " ".repeat(indent)));
        }
        text.push_str(line);
        text.push('\n');
    }
    std::fs::write(dir.join("bots/many.yaml"), &text).unwrap();
    let before = json_report(&["bots"], &dir);
    let out = samictl(&["fix", "--unsafe", "bots/"], &dir);
    assert_eq!(out.status.code(), Some(1), "errors that have no fix remain");
    let fixed = std::fs::read_to_string(dir.join("bots/many.yaml")).unwrap();
    for line in text.lines().filter(|l| l.trim_start().starts_with('#')) {
        assert!(fixed.contains(line), "lost {line:?}:\n{fixed}");
    }
    let after = json_report(&["bots"], &dir);
    let rules = |r: &Value| -> Vec<String> {
        r["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["rule"].as_str().unwrap().to_owned())
            .collect()
    };
    let (was, left) = (rules(&before), rules(&after));
    for gone in [
        "unknown-outcome",
        "locked-action-disabled",
        "locked-action-mismatch",
        "notify-not-allowed",
        "duplicate-recipient",
        "outcome-missing",
    ] {
        assert!(was.iter().any(|r| r == gone), "{gone} was there");
        assert!(!left.iter().any(|r| r == gone), "{gone} is still there");
    }
    assert!(left.len() < was.len());
    for d in after["files"][0]["diagnostics"].as_array().unwrap() {
        assert!(d["fix"].is_null(), "left with a fix: {d}");
    }
    // A second run changes nothing.
    samictl(&["fix", "--unsafe", "bots/"], &dir);
    assert_eq!(
        std::fs::read_to_string(dir.join("bots/many.yaml")).unwrap(),
        fixed
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_is_written_through_and_the_mode_is_kept() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("symlink");
    let real = dir.join("real.yaml");
    std::fs::write(&real, fixture("before", "notify-empty")).unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    std::os::unix::fs::symlink("real.yaml", dir.join("link.yaml")).unwrap();
    let out = samictl(&["fix", "link.yaml"], &dir);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let link = std::fs::symlink_metadata(dir.join("link.yaml")).unwrap();
    assert!(link.file_type().is_symlink(), "the link stays a link");
    assert_eq!(
        std::fs::read_to_string(&real).unwrap(),
        fixture("after", "notify-empty")
    );
    let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}

#[test]
fn github_and_junit_say_what_is_fixable() {
    let file = "fixtures/fix/before/duplicate-action.yaml";
    let github = stdout(&samictl(&["validate", "--format", "github", file], root()));
    assert!(
        github.contains("%0Afix (unsafe): remove the repeated `task` action"),
        "{github}"
    );
    let junit = stdout(&samictl(&["validate", "--format", "junit", file], root()));
    assert!(junit.contains("samictl fix --unsafe"), "{junit}");
    let file = "fixtures/fix/before/notify-empty.yaml";
    let github = stdout(&samictl(&["validate", "--format", "github", file], root()));
    assert!(
        github.contains("%0Afix: remove the `notify` block"),
        "{github}"
    );
}

#[test]
fn a_report_offers_only_the_renames_that_fix_applies() {
    let dir = scratch("report-offers-what-fix-applies");
    // Renaming `emials` to `emails` would bring an invalid address under the rules: `fix`
    // refuses it, so `validate` must not offer it. Renaming `notfy` on opt-out would uncover a
    // `notify-not-allowed`: the fix removes the block at once (one run, one fix).
    let text = "version: 1\nbot: {name: x, direction: outbound}\noutcomes:\n  missed-transfer:\n    notify:\n      owner: true\n      emials: [not-an-email]\n  opt-out:\n    notfy: {owner: true}\n";
    std::fs::write(dir.join("a.yaml"), text).unwrap();
    let v = json_report(&["a.yaml"], &dir);
    let diags = v["files"][0]["diagnostics"].as_array().unwrap();
    let fix_of = |line: u64| {
        diags
            .iter()
            .find(|d| d["rule"] == "unknown-field" && d["line"] == line)
            .map(|d| d["fix"].clone())
            .unwrap()
    };
    assert!(fix_of(7).is_null(), "{}", fix_of(7));
    assert_eq!(fix_of(9)["edits"][0]["replacement"], "");
    assert_eq!(
        fix_of(9)["description"],
        "remove the `notfy` block: opt-out has no notifications"
    );
    let both = |o: Output| format!("{}{}", stdout(&o), String::from_utf8_lossy(&o.stderr));
    let human = both(samictl(&["validate", "a.yaml"], &dir));
    assert!(human.contains("1 fixable with `samictl fix`"), "{human}");
    // What the report offered is what fix applies; afterwards nothing safe is offered.
    let out = samictl(&["fix", "a.yaml"], &dir);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let fixed = std::fs::read_to_string(dir.join("a.yaml")).unwrap();
    assert!(
        fixed.contains("emials") && !fixed.contains("notfy"),
        "{fixed}"
    );
    let human = both(samictl(&["validate", "a.yaml"], &dir));
    assert!(human.contains("unknown field `emials`"), "{human}");
    assert!(!human.contains("= fix:"), "{human}");
}

/// An expectation file named on the command line (as a pre-commit hook names every changed
/// YAML file) is skipped with a note, as `validate` skips it: never "fixed" into a bot file.
#[test]
fn a_named_expectation_file_is_left_alone() {
    let dir = scratch("expectation");
    let text = "bot: seller.yaml\ncases:\n  - outcome: opt-out\n    fires: [do-not-contact-all-channels]\n";
    std::fs::write(dir.join("seller.test.yaml"), text).unwrap();
    let out = samictl(&["fix", "--unsafe", "seller.test.yaml"], &dir);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("skipped seller.test.yaml"), "{err}");
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.join("seller.test.yaml")).unwrap(),
        text
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// `fix --diff -` reads standard input (it writes nothing); `fix -` stays refused.
#[test]
fn fix_diff_reads_standard_input() {
    let dir = scratch("fix-diff-stdin");
    let text = "version: 1\nbot: {name: x, direction: Outbound}\noutcomes:\n  opt-out: {}\n";
    let r = common::run_with_stdin(
        &mut common::samictl(&dir, &["--no-config", "fix", "--diff", "-"]),
        text.as_bytes(),
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stdout.contains(
            "-bot: {name: x, direction: Outbound}\n+bot: {name: x, direction: outbound}\n"
        ),
        "{}",
        r.stdout
    );
    let r = common::run_with_stdin(
        &mut common::samictl(&dir, &["--no-config", "fix", "-"]),
        text.as_bytes(),
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
}
