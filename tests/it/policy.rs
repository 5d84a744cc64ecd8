//! Org policy (docs/spec 15): `[policy.outcomes.TAG]` in samictl.toml and rule
//! `policy-violation`. The worked policy of docs/policy.md is checked against the bundled
//! fixtures in every output format, exactly as documented.

use crate::common;
use samictl::config::{Settings, parse_config};
use samictl::rules::Rule;
use samictl::validate::check;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    common::root().to_path_buf()
}

fn read(relative: &str) -> String {
    std::fs::read_to_string(root().join(relative)).unwrap()
}

/// Runs samictl in the repository root: (stdout, stderr, exit code).
fn samictl(args: &[&str]) -> (String, String, i32) {
    let r = common::run(
        common::samictl(&root(), args)
            .env_remove("NO_COLOR")
            .env("COLUMNS", "100"),
    );
    (r.stdout, r.stderr, r.code)
}

fn settings(toml: &str) -> Settings {
    parse_config(toml).expect("policy parses").settings(false)
}

fn policy_findings(yaml: &str, toml: &str) -> Vec<samictl::diagnostic::Diagnostic> {
    check(yaml, &settings(toml))
        .diagnostics
        .into_iter()
        .filter(|d| d.rule == Rule::PolicyViolation)
        .collect()
}

// ---- the worked policy of docs/policy.md ----

const WORKED: [&str; 6] = [
    "--config",
    "fixtures/policy/samictl.toml",
    "validate",
    "--format",
    "FORMAT",
    "fixtures/policy/bots",
];

/// The documented output blocks: `<!-- output: FORMAT -->` and the fenced block after it.
fn documented_outputs() -> Vec<(String, String)> {
    let doc = read("docs/policy.md");
    let mut out = Vec::new();
    let mut lines = doc.lines();
    while let Some(line) = lines.next() {
        let Some(format) = line
            .trim()
            .strip_prefix("<!-- output: ")
            .and_then(|s| s.strip_suffix(" -->"))
        else {
            continue;
        };
        let fence = lines.next().unwrap_or_default();
        assert!(fence.starts_with("```"), "{format}: a fenced block follows");
        let mut body = String::new();
        for l in lines.by_ref() {
            if l == "```" {
                break;
            }
            body.push_str(l);
            body.push('\n');
        }
        out.push((format.to_owned(), body));
    }
    out
}

fn worked_output(format: &str) -> (String, i32) {
    let mut args = WORKED;
    args[4] = format;
    let (stdout, _, code) = samictl(&args);
    (stdout, code)
}

#[test]
fn the_worked_policy_gives_exactly_the_documented_output_in_every_format() {
    let documented = documented_outputs();
    let formats: Vec<&str> = documented.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(
        formats,
        ["human", "json", "sarif-results", "github", "junit"],
        "docs/policy.md documents every output format"
    );
    for (format, expected) in &documented {
        let (stdout, code) = match format.as_str() {
            "sarif-results" => {
                let (sarif, code) = worked_output("sarif");
                let log: Value = serde_json::from_str(&sarif).unwrap();
                let mut results = log["runs"][0]["results"].clone();
                // The index into the rule list moves when rules are added; the id is the contract.
                for r in results.as_array_mut().unwrap() {
                    r.as_object_mut().unwrap().shift_remove("ruleIndex");
                }
                (serde_json::to_string_pretty(&results).unwrap() + "\n", code)
            }
            f => worked_output(f),
        };
        assert_eq!(code, 1, "{format}: policy violations fail the check");
        assert_eq!(&stdout, expected, "{format}: docs/policy.md is out of date");
    }
}

#[test]
fn every_format_carries_the_same_five_findings() {
    let (json, _) = worked_output("json");
    let v: Value = serde_json::from_str(&json).unwrap();
    let mut expected = Vec::new();
    for file in v["files"].as_array().unwrap() {
        for d in file["diagnostics"].as_array().unwrap() {
            assert_eq!(d["rule"], "policy-violation");
            assert_eq!(d["severity"], "error");
            expected.push((
                file["path"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_owned(),
            ));
        }
    }
    let keys: Vec<(u64, &str)> = expected
        .iter()
        .map(|(_, line, _, m)| {
            let key = m.split('`').nth(1).unwrap();
            (*line, key)
        })
        .collect();
    assert_eq!(
        keys,
        [
            (12, "require_recipients"),
            (20, "require_wrap_up"),
            (33, "require_tags"),
            (33, "criteria"),
            (39, "forbid_actions"),
        ]
    );
    assert_eq!(v["errors"], 5);

    let (sarif, _) = worked_output("sarif");
    let log: Value = serde_json::from_str(&sarif).unwrap();
    let from_sarif: Vec<_> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let loc = &r["locations"][0]["physicalLocation"];
            (
                loc["artifactLocation"]["uri"].as_str().unwrap().to_owned(),
                loc["region"]["startLine"].as_u64().unwrap(),
                loc["region"]["startColumn"].as_u64().unwrap(),
                r["message"]["text"]
                    .as_str()
                    .unwrap()
                    .lines()
                    .next()
                    .unwrap()
                    .to_owned(),
            )
        })
        .collect();
    assert_eq!(from_sarif, expected);

    let (github, _) = worked_output("github");
    let errors: Vec<&str> = github
        .lines()
        .filter(|l| l.starts_with("::error "))
        .collect();
    assert_eq!(errors.len(), expected.len());
    for (line, (path, l, c, m)) in errors.iter().zip(&expected) {
        assert!(
            line.starts_with(&format!(
                "::error file={path},line={l},col={c},title=policy-violation::{m}"
            )),
            "{line}"
        );
    }

    let (junit, _) = worked_output("junit");
    let doc = roxmltree::Document::parse(&junit).unwrap();
    let failures: Vec<(String, String)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .map(|n| {
            (
                n.attribute("type").unwrap().to_owned(),
                n.attribute("message").unwrap().to_owned(),
            )
        })
        .collect();
    let from_json: Vec<(String, String)> = expected
        .iter()
        .map(|(_, l, _, m)| ("policy-violation".to_owned(), format!("line {l}: {m}")))
        .collect();
    assert_eq!(failures, from_json);

    let (human, _) = worked_output("human");
    // A header longer than the width (COLUMNS=100) goes on under its label: joined back.
    let label = "error[policy-violation]: ";
    let mut headers: Vec<String> = Vec::new();
    let mut in_header = false;
    for l in human.lines() {
        if let Some(h) = l.strip_prefix(label) {
            headers.push(h.to_owned());
            in_header = true;
        } else if in_header && l.starts_with(&" ".repeat(label.len())) {
            if let Some(last) = headers.last_mut() {
                last.push(' ');
                last.push_str(l.trim());
            }
        } else {
            in_header = false;
        }
    }
    let messages: Vec<&str> = expected.iter().map(|e| e.3.as_str()).collect();
    assert_eq!(headers, messages);
}

#[test]
fn the_worked_policy_itself_is_the_one_in_the_docs() {
    let doc = read("docs/policy.md");
    let policy = read("fixtures/policy/samictl.toml");
    assert!(
        doc.contains(&format!("```toml\n{policy}```")),
        "docs/policy.md quotes fixtures/policy/samictl.toml in full"
    );
}

// ---- each key: a violating and a complying fixture ----

#[test]
fn every_key_has_a_violating_and_a_complying_fixture() {
    let dir = root().join("fixtures/policy/keys");
    for key in samictl::policy::KEYS {
        let at = |f: &str| {
            std::fs::read_to_string(dir.join(key).join(f))
                .unwrap_or_else(|e| panic!("fixtures/policy/keys/{key}/{f}: {e}"))
        };
        let toml = at("samictl.toml");
        let wrong = policy_findings(&at("wrong.yaml"), &toml);
        assert_eq!(wrong.len(), 1, "{key}: one finding per violated key");
        assert!(
            wrong[0]
                .message
                .starts_with(&format!("policy `{key}` (samictl.toml:2)")),
            "{key}: {}",
            wrong[0].message
        );
        assert_eq!(wrong[0].severity, samictl::diagnostic::Severity::Error);
        assert!(wrong[0].help.is_some(), "{key}");
        // The finding points at the card's key (line 6, column 3 in every fixture).
        assert_eq!((wrong[0].pos.line, wrong[0].pos.column), (6, 3), "{key}");
        let right = check(&at("right.yaml"), &settings(&toml));
        assert!(!right.has_errors(), "{key}: {:?}", right.diagnostics);
        // Without the policy the violating file is clean of errors: the policy alone fails it.
        assert!(
            !check(&at("wrong.yaml"), &Settings::default()).has_errors(),
            "{key}"
        );
    }
}

#[test]
fn several_breaches_of_one_key_are_one_finding_naming_them_all() {
    let toml = "[policy.outcomes.missed-transfer]\nrequire_recipients = [\"a@acme.com\", \"+15125550142\"]\nrequire_actions = [\"task\", \"note\"]\n";
    let yaml = "version: 1\nbot: {name: x, direction: outbound}\noutcomes:\n  missed-transfer:\n    notify:\n      owner: true\n";
    let found = policy_findings(yaml, toml);
    let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "policy `require_actions` (samictl.toml:3) requires a `task` and a `note` on missed-transfer",
            "policy `require_recipients` (samictl.toml:2) requires missed-transfer to notify `a@acme.com` and `+15125550142`",
        ]
    );
}

// ---- where findings point ----

#[test]
fn a_missing_card_is_reported_at_outcomes_or_line_one() {
    let toml = "bot = \"x.yaml\"\n\n[policy.outcomes.opt-out]\nrequire_tags = [\"opted-out\"]\ncriteria = \"default\"\n";
    // `criteria = "default"` is kept by a missing card (SAMI's wording applies).
    let with_outcomes =
        "version: 1\nbot: {name: x, direction: outbound}\n# cards\noutcomes:\n  bad-number: {}\n";
    let found = policy_findings(with_outcomes, toml);
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].pos.line, found[0].pos.column), (4, 1));
    assert_eq!(
        found[0].message,
        "policy `require_tags` (samictl.toml:4) requires the tag `opted-out` on opt-out"
    );
    assert!(
        found[0]
            .help
            .as_deref()
            .unwrap()
            .contains("the bot has none")
    );

    let without = "version: 1\nbot: {name: x, direction: outbound}\n";
    let found = policy_findings(without, toml);
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].pos.line, found[0].pos.column), (1, 1));
}

#[test]
fn the_card_key_is_pointed_at_wherever_it_is() {
    let toml = "[policy.outcomes.unqualified]\nforbid_actions = [\"tag\"]\n";
    let yaml = "version: 1\nbot: {name: x, direction: inbound}\noutcomes:\n    bad-number: {}\n    unqualified:\n        actions: [{type: tag, name: x}]\n";
    let found = policy_findings(yaml, toml);
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].pos.line, found[0].pos.column), (5, 5));
    assert_eq!(found[0].pos.len, "unqualified".len() as u32);
}

#[test]
fn a_card_with_errors_of_its_own_is_not_checked_against_policy() {
    let toml = "[policy.outcomes.missed-transfer]\nrequire_actions = [\"task\"]\n";
    // The task has no title: invalid-value, and no second finding claiming there is no task.
    let yaml = "version: 1\nbot: {name: x, direction: outbound}\noutcomes:\n  missed-transfer:\n    actions:\n      - type: task\n";
    let checked = check(yaml, &settings(toml));
    assert!(
        checked
            .diagnostics
            .iter()
            .any(|d| d.rule == Rule::InvalidValue)
    );
    assert!(
        !checked
            .diagnostics
            .iter()
            .any(|d| d.rule == Rule::PolicyViolation)
    );
}

#[test]
fn the_fast_path_reports_policy_violations_too() {
    let toml = read("fixtures/policy/samictl.toml");
    let bytes = std::fs::read(root().join("fixtures/policy/bots/buyer-inbound.yaml")).unwrap();
    let s = settings(&toml);
    let fast = samictl::validate::findings(&bytes, &s);
    assert_eq!(fast.len(), 5);
    assert_eq!(fast, samictl::validate::check_bytes(&bytes, &s).diagnostics);
}

// ---- samictl.toml refused: exit 2, with the reason ----

#[test]
fn contradictions_and_unknown_keys_are_refused_with_the_reason() {
    let dir = root().join("fixtures/policy/contradictions");
    let mut seen = 0;
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let text = std::fs::read_to_string(&path).unwrap();
        let expect = text
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# expect: "))
            .unwrap_or_else(|| panic!("{}: first line `# expect: ...`", path.display()));
        let rel = path.strip_prefix(root()).unwrap().to_str().unwrap();
        let (stdout, stderr, code) = samictl(&[
            "--config",
            rel,
            "validate",
            "fixtures/valid/seller-outreach.yaml",
        ]);
        assert_eq!(code, 2, "{rel}: {stderr}");
        assert!(stdout.is_empty(), "{rel}");
        assert!(stderr.contains(expect), "{rel}: {stderr}");
        // One sentence, not a source line's indentation carried into the message.
        assert!(!stderr.contains("   "), "{rel}: a run of spaces: {stderr}");
        assert!(
            stderr.contains("samictl.toml line ") || !text.contains("[policy.outcomes"),
            "{rel}: the line is named: {stderr}"
        );
        // And the library refuses it too.
        assert!(parse_config(&text).is_err(), "{rel}");
        seen += 1;
    }
    assert!(seen >= 15);
}

#[test]
fn the_product_table_decides_what_is_a_contradiction() {
    use samictl::outcome::Outcome;
    use samictl::product::{NotifyAccess, UserAction, rules_for};
    for outcome in Outcome::ALL {
        let rules = rules_for(outcome);
        for t in UserAction::ALL {
            let toml = format!(
                "[policy.outcomes.{outcome}]\nrequire_actions = [\"{}\"]\n",
                t.as_str()
            );
            assert_eq!(
                parse_config(&toml).is_ok(),
                rules.user_actions.contains(&t),
                "{outcome} {}",
                t.as_str()
            );
            // Forbidding is always possible: a card can always leave an action out.
            let toml = format!(
                "[policy.outcomes.{outcome}]\nforbid_actions = [\"{}\"]\n",
                t.as_str()
            );
            assert!(parse_config(&toml).is_ok(), "{toml}");
        }
        let owner = format!("[policy.outcomes.{outcome}]\nrequire_owner = true\n");
        let result = parse_config(&owner);
        assert_eq!(
            result.is_ok(),
            rules.notify == NotifyAccess::Allowed,
            "{outcome}"
        );
        if let (Err(e), Some(reason)) = (result, rules.notify.reason()) {
            assert!(e.message.contains(reason), "{e}");
        }
        let criteria = format!("[policy.outcomes.{outcome}]\ncriteria = \"default\"\n");
        assert_eq!(
            parse_config(&criteria).is_ok(),
            rules.takes_criteria,
            "{outcome}"
        );
    }
}

// ---- show and diff ----

#[test]
fn show_marks_what_policy_requires() {
    let (stdout, stderr, code) = samictl(&[
        "--config",
        "fixtures/policy/samictl.toml",
        "show",
        "fixtures/policy/bots/seller-outreach.yaml",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let block = stdout
        .split("Org policy (samictl.toml), kept by this bot:\n")
        .nth(1)
        .expect("a policy block");
    assert!(
        block.contains("  missed-transfer\n    ✓ requires a `task` (samictl.toml:9)\n"),
        "{block}"
    );
    assert!(
        block.contains("✓ requires notifying `team-lead@acme-realty.com` (samictl.toml:11)"),
        "{block}"
    );
    assert!(
        block.contains("  not-interested\n    ✓ forbids a `task` and a `note` (samictl.toml:26)"),
        "{block}"
    );
    // `--expand TAG` lists that outcome's policy only.
    let (stdout, _, _) = samictl(&[
        "--config",
        "fixtures/policy/samictl.toml",
        "show",
        "fixtures/policy/bots/seller-outreach.yaml",
        "--expand",
        "opt-out",
    ]);
    assert!(
        stdout.contains("  opt-out\n    ✓ requires the tag `opted-out` (samictl.toml:20)"),
        "{stdout}"
    );
    assert!(!stdout.contains("  missed-transfer\n    ✓"), "{stdout}");
    // And a bot that breaks the policy is refused, as a file with errors is.
    let (_, stderr, code) = samictl(&[
        "--config",
        "fixtures/policy/samictl.toml",
        "show",
        "fixtures/policy/bots/buyer-inbound.yaml",
    ]);
    assert_eq!(code, 1);
    assert!(stderr.contains("error[policy-violation]"), "{stderr}");
}

#[test]
fn diff_flags_a_change_that_breaks_policy() {
    let tmp = common::scratch("policy-diff");
    let before = read("fixtures/policy/bots/seller-outreach.yaml");
    let after = before.replace(
        "        name: opted-out\n",
        "        name: opted-out-2026\n",
    );
    assert_ne!(before, after);
    let (b, a) = (tmp.join("before.yaml"), tmp.join("after.yaml"));
    std::fs::write(&b, &before).unwrap();
    std::fs::write(&a, &after).unwrap();
    let config = root().join("fixtures/policy/samictl.toml");
    let run = |policy: bool| {
        let mut args = vec!["diff", "--format", "json"];
        let (c, bs, as_) = (
            config.to_str().unwrap().to_owned(),
            b.to_str().unwrap().to_owned(),
            a.to_str().unwrap().to_owned(),
        );
        let mut full: Vec<String> = Vec::new();
        if policy {
            full.extend(["--config".to_owned(), c]);
        } else {
            full.push("--no-config".to_owned());
        }
        full.extend(args.drain(..).map(str::to_owned));
        full.extend([bs, as_]);
        let refs: Vec<&str> = full.iter().map(String::as_str).collect();
        samictl(&refs)
    };
    let (stdout, stderr, code) = run(true);
    assert_eq!(code, 1, "{stderr}");
    let v: Value = serde_json::from_str(&stdout).unwrap();
    let change = &v["changes"][0];
    assert_eq!(change["outcome"], "opt-out");
    let reasons: Vec<&str> = change["compliance_reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    assert!(
        reasons.contains(
            &"breaks policy `require_tags` (samictl.toml:20) requires the tag `opted-out` on opt-out"
        ),
        "{reasons:?}"
    );
    // Without the policy the same change is flagged for opt-out, but breaks nothing.
    let (stdout, _, _) = run(false);
    assert!(!stdout.contains("breaks policy"), "{stdout}");
    // The reverse change repairs the policy: nothing is flagged as broken.
    let (stdout, _, _) = samictl(&[
        "--config",
        config.to_str().unwrap(),
        "diff",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
    ]);
    assert!(!stdout.contains("breaks policy"), "{stdout}");
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn explain_documents_the_rule() {
    let (stdout, _, code) = samictl(&["explain", "policy-violation"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("policy-violation (error: always fails)"));
    assert!(stdout.contains("With this samictl.toml:"));
    assert!(stdout.contains("error[policy-violation]: policy `require_actions` (samictl.toml:2)"));
    assert!(Path::new(&root().join("docs/policy.md")).is_file());
}

// ---- the samictl.toml schema for editors ----

#[test]
fn the_config_schema_agrees_with_samictl_on_every_policy_fixture() {
    let schema = samictl::config_schema::config_schema();
    let validator = jsonschema::draft7::new(&schema).unwrap();
    let as_json = |text: &str| -> Value {
        let table: toml::Table = toml::from_str(text).unwrap();
        serde_json::to_value(table).unwrap()
    };
    let mut files = vec![root().join("fixtures/policy/samictl.toml")];
    for dir in ["fixtures/policy/keys", "fixtures/policy/contradictions"] {
        for entry in std::fs::read_dir(root().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            files.push(if path.is_dir() {
                path.join("samictl.toml")
            } else {
                path
            });
        }
    }
    files.sort();
    // Checks across keys that a schema can't express; samictl refuses them.
    let samictl_only = [
        "required-and-forbidden.toml",
        "recipient-outside-domains.toml",
        // More emails (or phones) than a card can list: a count of one kind in a mixed list.
        "too-many-emails.toml",
        "too-many-phones.toml",
    ];
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let name = path.file_name().unwrap().to_str().unwrap();
        let by_samictl = parse_config(&text).is_ok();
        let by_schema = validator.is_valid(&as_json(&text));
        if samictl_only.contains(&name) {
            assert!(by_schema && !by_samictl, "{}", path.display());
        } else {
            assert_eq!(by_schema, by_samictl, "{}", path.display());
        }
    }
    assert!(files.len() > 20);
}

/// The fleet matrix says what the policy requires of every bot: a legend group in the human
/// and Markdown matrix, a top-level `policy` object in its JSON (docs/spec 14 and 15).
#[test]
fn the_fleet_matrix_marks_what_policy_requires() {
    let (human, _, code) = samictl(&[
        "--config",
        "fixtures/policy/samictl.toml",
        "show",
        "fixtures/policy/bots",
    ]);
    assert_eq!(code, 1, "a bot breaking the policy is an error row");
    assert!(human.contains("Org policy"), "{human}");
    assert!(
        human.contains("OO requires the tag `opted-out` (samictl.toml:20)"),
        "{human}"
    );
    let (json, _, _) = samictl(&[
        "--config",
        "fixtures/policy/samictl.toml",
        "show",
        "--format",
        "json",
        "fixtures/policy/bots",
    ]);
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["policy"]["opt-out"][0]["key"], "require_tags");
    assert_eq!(v["policy"]["opt-out"][0]["line"], 20);
    assert_eq!(v["bots"][1]["errors"], 0);
    let (md, _, _) = samictl(&[
        "--config",
        "fixtures/policy/samictl.toml",
        "show",
        "--format",
        "markdown",
        "fixtures/policy/bots",
    ]);
    assert!(md.contains("Org policy"), "{md}");
    // Without a policy, no `policy` key.
    let (plain, _, _) = samictl(&[
        "--no-config",
        "show",
        "--format",
        "json",
        "fixtures/policy/bots",
    ]);
    let v: Value = serde_json::from_str(&plain).unwrap();
    assert!(v.get("policy").is_none());
}
