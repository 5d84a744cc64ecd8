//! The JSON Schema (generated from the product table) against the fixtures, with an
//! independent validator: valid bots pass, structurally invalid ones fail.

use samictl::yaml::parse;
use serde_json::Value;

fn validator() -> jsonschema::Validator {
    jsonschema::draft7::new(&samictl::schema::schema()).unwrap()
}

fn as_json(path: &str) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    parse(&text).unwrap().to_json()
}

#[test]
fn valid_fixtures_and_right_examples_pass() {
    let v = validator();
    let mut files = vec!["fixtures/valid/seller-outreach.yaml".to_owned()];
    for rule in samictl::rules::RULES.iter() {
        files.push(format!("fixtures/rules/{}/right.yaml", rule.id));
    }
    for f in files {
        let errors: Vec<String> = v.iter_errors(&as_json(&f)).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{f}: {errors:#?}");
    }
}

#[test]
fn structurally_invalid_examples_fail() {
    let v = validator();
    for rule in [
        "unknown-field",
        "unknown-outcome",
        "invalid-value",
        "action-not-allowed",
        "notify-not-allowed",
        "option-not-allowed",
        "locked-action-disabled",
        "invalid-recipient",
    ] {
        let f = format!("fixtures/rules/{rule}/wrong.yaml");
        assert!(!v.is_valid(&as_json(&f)), "{f} passes the schema");
    }
    for src in [
        "bot: {name: x, direction: both}\n", // missing version
        "version: 1\n",                      // missing bot
        "version: 2\nbot: {name: x, direction: both}\n", // bad version
        "version: 1\nbot: {name: x}\n",      // missing direction
        "version: 1\nbot: {name: x, direction: both}\noutcomes:\n  opt-out:\n    actions:\n      - type: tag\n",
        "version: 1\nbot: {name: x, direction: both}\noutcomes:\n  unqualified:\n    notify:\n      phones: [\"5125550142\"]\n",
        "version: 1\nbot: {name: x, direction: both}\noutcomes:\n  unqualified:\n    actions:\n      - type: tag\n        name: \"bad.tag\"\n",
    ] {
        let json = parse(src).unwrap().to_json();
        assert!(!v.is_valid(&json), "passes the schema: {src}");
    }
}

#[test]
fn schema_agrees_with_the_validator_on_every_rule_example() {
    // Whatever the schema rejects, samictl validate rejects too (the schema is never stricter).
    let v = validator();
    let settings = samictl::config::Settings::default();
    for rule in samictl::rules::RULES.iter() {
        for which in ["wrong", "right"] {
            let f = format!("fixtures/rules/{}/{which}.yaml", rule.id);
            let text = std::fs::read_to_string(&f).unwrap();
            let Ok(node) = parse(&text) else { continue };
            if !v.is_valid(&node.to_json()) {
                let checked = samictl::validate::check(&text, &settings);
                assert!(
                    checked.has_errors(),
                    "{f}: the schema rejects what validate accepts"
                );
            }
        }
    }
}

#[test]
fn the_messaging_section_in_the_schema() {
    // Valid bots with a messaging section pass; the messaging wrong examples the schema can see
    // fail; whatever it rejects, validate rejects too.
    let v = validator();
    let mut valid = vec!["fixtures/messaging/bot.yaml".to_owned()];
    let mut dirs: Vec<_> = std::fs::read_dir("fixtures/messaging")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for d in &dirs {
        valid.push(format!("{}/right.yaml", d.display()));
    }
    for f in valid {
        let errors: Vec<String> = v.iter_errors(&as_json(&f)).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{f}: {errors:#?}");
    }
    for rule in [
        "unknown-outcome",
        "unknown-field",
        "action-not-allowed",
        "invalid-value",
    ] {
        let f = format!("fixtures/messaging/{rule}/wrong.yaml");
        assert!(!v.is_valid(&as_json(&f)), "{f} passes the schema");
    }
    let settings = samictl::config::Settings::default();
    for d in &dirs {
        let f = format!("{}/wrong.yaml", d.display());
        let text = std::fs::read_to_string(&f).unwrap();
        let Ok(node) = parse(&text) else { continue };
        if !v.is_valid(&node.to_json()) {
            assert!(
                samictl::validate::check(&text, &settings).has_errors(),
                "{f}"
            );
        }
    }
    let init = samictl::init::render("x", samictl::outcome::Direction::Both);
    assert!(v.is_valid(&parse(&init).unwrap().to_json()));
}
