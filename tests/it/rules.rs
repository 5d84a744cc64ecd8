//! Invariants over the rule table and its examples: every rule has a wrong example that
//! triggers it and a right example that has no error and does not trigger it.

use samictl::config::{Settings, parse_config};
use samictl::rules::{RULES, Rule, RuleInfo};
use samictl::validate::check;

fn settings_for(info: &RuleInfo) -> Settings {
    let config = info
        .config
        .map(|text| parse_config(text).expect("example config parses"))
        .unwrap_or_default();
    config.settings(false)
}

#[test]
fn every_wrong_example_triggers_its_rule() {
    for info in &RULES {
        let checked = check(info.wrong, &settings_for(info));
        assert!(
            checked.diagnostics.iter().any(|d| d.rule == info.rule),
            "{}: the wrong example does not trigger the rule; it gives {:?}",
            info.id,
            checked.diagnostics
        );
    }
}

#[test]
fn every_right_example_is_clean_of_its_rule_and_of_errors() {
    for info in &RULES {
        let checked = check(info.right, &settings_for(info));
        assert!(
            !checked.diagnostics.iter().any(|d| d.rule == info.rule),
            "{}: the right example triggers the rule",
            info.id
        );
        assert!(
            !checked.has_errors(),
            "{}: the right example has errors: {:?}",
            info.id,
            checked.diagnostics
        );
        assert!(checked.bot.is_some(), "{}", info.id);
    }
}

#[test]
fn every_rule_has_a_fixture_directory() {
    let root = crate::common::root().join("fixtures/rules");
    for rule in Rule::all() {
        let dir = root.join(rule.id());
        assert!(dir.join("wrong.yaml").is_file(), "{}", rule.id());
        assert!(dir.join("right.yaml").is_file(), "{}", rule.id());
    }
    // And no fixture directory is left over from a rule that no longer exists.
    for entry in std::fs::read_dir(&root).unwrap() {
        let name = entry.unwrap().file_name();
        let name = name.to_string_lossy();
        assert!(
            Rule::from_id(&name).is_some(),
            "fixtures/rules/{name} names no rule"
        );
    }
}

#[test]
fn valid_fixtures_have_no_findings_at_all() {
    let dir = crate::common::root().join("fixtures/valid");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let checked = check(&text, &Settings::default());
        assert_eq!(checked.diagnostics, vec![], "{}", path.display());
        let bot = checked.bot.expect("a valid file gives a bot");
        assert_eq!(bot.cards.len(), 8, "{}: all eight cards", path.display());
        seen += 1;
    }
    assert!(seen >= 1);
}

#[test]
fn the_fast_path_reports_what_the_full_check_does_on_every_fixture() {
    let root = crate::common::root().join("fixtures");
    let mut files = Vec::new();
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "yaml" || x == "yml") {
                files.push(p);
            }
        }
    }
    assert!(files.len() > 40);
    for f in files {
        let bytes = std::fs::read(&f).unwrap();
        for info in &RULES {
            let settings = settings_for(info);
            let full = samictl::validate::check_bytes(&bytes, &settings).diagnostics;
            assert_eq!(
                samictl::validate::findings(&bytes, &settings),
                full,
                "{}",
                f.display()
            );
        }
    }
}
