//! `validate --format sarif|github|junit`, each checked against what its consumer expects.

use crate::common::{self, root};
use serde_json::Value;

fn validate(format: &str, paths: &[&str]) -> (String, i32) {
    let r = common::run(
        common::samictl(root(), &["--no-config", "validate", "--format", format]).args(paths),
    );
    (r.stdout, r.code)
}

const MANY: &str = "fixtures/invalid/many-findings.yaml";
const VALID: &str = "fixtures/valid/seller-outreach.yaml";

fn expected_findings() -> Vec<(String, String, u32, u32)> {
    let (json, _) = validate("json", &[MANY, VALID]);
    let v: Value = serde_json::from_str(&json).unwrap();
    let mut out = Vec::new();
    for file in v["files"].as_array().unwrap() {
        for d in file["diagnostics"].as_array().unwrap() {
            out.push((
                file["path"].as_str().unwrap().to_owned(),
                d["rule"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap() as u32,
                d["column"].as_u64().unwrap() as u32,
            ));
        }
    }
    out
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let schema: Value =
        serde_json::from_str(include_str!("../schemas/sarif-schema-2.1.0.json")).unwrap();
    let validator = jsonschema::draft7::new(&schema).unwrap();
    for paths in [vec![MANY, VALID], vec![VALID], vec!["fixtures/tree/bots"]] {
        let (sarif, _) = validate("sarif", &paths);
        let log: Value = serde_json::from_str(&sarif).unwrap();
        let errors: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{paths:?}: {errors:#?}");
    }
    // The check can fail: a log without its version, or with a bad level, is refused.
    let (sarif, _) = validate("sarif", &[MANY]);
    let mut log: Value = serde_json::from_str(&sarif).unwrap();
    log["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator.is_valid(&log));
    log.as_object_mut().unwrap().remove("version");
    assert!(!validator.is_valid(&log));
}

#[test]
fn sarif_has_every_rule_and_one_result_per_finding() {
    let (sarif, code) = validate("sarif", &[MANY, VALID]);
    assert_eq!(code, 1);
    let log: Value = serde_json::from_str(&sarif).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "samictl");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), samictl::rules::RULES.len());
    for (rule, info) in rules.iter().zip(samictl::rules::RULES.iter()) {
        assert_eq!(rule["id"], info.id);
        assert!(rule["shortDescription"]["text"].is_string());
        assert!(rule["fullDescription"]["text"].is_string());
        let uri = rule["helpUri"].as_str().unwrap();
        assert!(uri.starts_with("https://") && uri.ends_with(&format!("rules.md#{}", info.id)));
    }
    let results = runs[0]["results"].as_array().unwrap();
    let expected = expected_findings();
    assert_eq!(results.len(), expected.len());
    for (r, (path, rule, line, col)) in results.iter().zip(&expected) {
        assert_eq!(&r["ruleId"], rule.as_str());
        assert_eq!(
            rules[r["ruleIndex"].as_u64().unwrap() as usize]["id"],
            rule.as_str()
        );
        assert!(["error", "warning"].contains(&r["level"].as_str().unwrap()));
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(&loc["artifactLocation"]["uri"], path.as_str());
        assert_eq!(loc["region"]["startLine"], *line);
        assert_eq!(loc["region"]["startColumn"], *col);
    }
}

/// Parses `::command key=value,key=value::message`.
fn parse_command(line: &str) -> (String, Vec<(String, String)>, String) {
    let rest = line.strip_prefix("::").unwrap();
    let (head, message) = rest.split_once("::").unwrap();
    let (command, props) = head.split_once(' ').unwrap_or((head, ""));
    let props = props
        .split(',')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap();
            (k.to_owned(), v.to_owned())
        })
        .collect();
    (command.to_owned(), props, message.to_owned())
}

#[test]
fn github_annotations_one_per_finding() {
    let (out, code) = validate("github", &[MANY, VALID]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    let expected = expected_findings();
    assert_eq!(
        lines.len(),
        expected.len() + 1,
        "one line per finding and a summary"
    );
    for (line, (path, rule, l, c)) in lines.iter().zip(&expected) {
        let (command, props, message) = parse_command(line);
        assert!(command == "error" || command == "warning", "{line}");
        let get = |k: &str| {
            props
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(get("file"), Some(path.as_str()));
        assert_eq!(get("line"), Some(l.to_string().as_str()));
        assert_eq!(get("col"), Some(c.to_string().as_str()));
        assert_eq!(get("title"), Some(rule.as_str()));
        assert!(!message.contains('\n') && !message.contains('\r'));
    }
    assert!(lines.last().unwrap().starts_with("::notice "));
}

#[test]
fn github_escapes_messages() {
    let dir = common::scratch("ci-formats-github");
    let path = dir.join("a,b:c.yaml");
    std::fs::write(
        &path,
        "version: 1\nbot: {name: x, direction: both}\nx100%: 1\n",
    )
    .unwrap();
    let (out, _) = validate("github", &[path.to_str().unwrap()]);
    let first = out
        .lines()
        .find(|l| l.contains("title=unknown-field"))
        .unwrap();
    assert!(first.contains("a%2Cb%3Ac.yaml"), "{first}");
    assert!(first.contains("x100%25"), "{first}");
    assert!(first.contains("%0Ahelp: "), "{first}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn junit_has_a_testcase_per_file_and_a_failure_per_error() {
    let (xml, code) = validate("junit", &[MANY, VALID, "fixtures/tree/bots"]);
    assert_eq!(code, 1);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let suite = root
        .children()
        .find(|n| n.has_tag_name("testsuite"))
        .unwrap();
    let cases: Vec<_> = suite
        .children()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 4);
    assert_eq!(suite.attribute("tests"), Some("4"));
    let (json, _) = validate("json", &[MANY, VALID, "fixtures/tree/bots"]);
    let v: Value = serde_json::from_str(&json).unwrap();
    let errors = v["errors"].as_u64().unwrap();
    assert_eq!(
        suite.attribute("failures"),
        Some(errors.to_string().as_str())
    );
    for (case, file) in cases.iter().zip(v["files"].as_array().unwrap()) {
        assert_eq!(case.attribute("name"), file["path"].as_str());
        let file_errors = file["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] == "error")
            .count();
        let failures = case
            .children()
            .filter(|n| n.has_tag_name("failure"))
            .count();
        assert_eq!(failures, file_errors, "{:?}", case.attribute("name"));
    }
}

/// The pre-commit hook runs its `entry` with the staged files appended.
#[test]
fn pre_commit_hook_entry_runs_as_pre_commit_would() {
    let text = std::fs::read_to_string(".pre-commit-hooks.yaml").unwrap();
    let hooks = samictl::yaml::parse(&text).unwrap().to_json();
    let hook = &hooks[0];
    assert_eq!(hook["id"], "samictl-validate");
    assert_eq!(hook["language"], "rust");
    let entry: Vec<&str> = hook["entry"].as_str().unwrap().split_whitespace().collect();
    assert_eq!(entry[0], "samictl");
    let run = |files: &[&str]| {
        common::run(
            common::samictl(root(), &["--no-config"])
                .args(&entry[1..])
                .args(files),
        )
        .code
    };
    assert_eq!(run(&[VALID]), 0);
    assert_eq!(
        run(&[VALID, "fixtures/rules/notify-not-allowed/wrong.yaml"]),
        1
    );
    // --deny-warnings: a file with only warnings fails the commit.
    assert_eq!(run(&["fixtures/rules/notify-empty/wrong.yaml"]), 1);
}
