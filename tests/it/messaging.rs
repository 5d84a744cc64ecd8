//! The messaging section (docs/spec 17): every rule it reuses, in the messaging context.
//! `fixtures/messaging/RULE/wrong.yaml` triggers RULE at the position its `# expect:` line
//! gives, with the messaging context in the message or its help; `right.yaml` is the same bot
//! without the finding and without errors.

use crate::common;
use samictl::config::Settings;
use samictl::product::Channel;
use samictl::rules::Rule;
use samictl::validate::check;

fn fixtures() -> Vec<(String, String, String)> {
    let root = common::root().join("fixtures/messaging");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(root).unwrap() {
        let dir = entry.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        let rule = dir.file_name().unwrap().to_string_lossy().into_owned();
        let wrong = std::fs::read_to_string(dir.join("wrong.yaml")).unwrap();
        let right = std::fs::read_to_string(dir.join("right.yaml")).unwrap();
        out.push((rule, wrong, right));
    }
    out.sort();
    out
}

#[test]
fn every_messaging_fixture_triggers_its_rule_where_it_says_in_context() {
    let fixtures = fixtures();
    assert!(fixtures.len() >= 10);
    for (id, wrong, right) in fixtures {
        let rule = Rule::from_id(&id).unwrap_or_else(|| panic!("{id} names no rule"));
        let expect = wrong
            .lines()
            .find_map(|l| l.strip_prefix("# expect: "))
            .unwrap_or_else(|| panic!("{id}: no `# expect: LINE:COL`"));
        let checked = check(&wrong, &Settings::default());
        let first = checked
            .diagnostics
            .iter()
            .find(|d| d.rule == rule)
            .unwrap_or_else(|| panic!("{id}: not triggered: {:?}", checked.diagnostics));
        assert_eq!(
            format!("{}:{}", first.pos.line, first.pos.column),
            expect,
            "{id}"
        );
        // Every finding in the messaging section says so.
        let section = wrong
            .lines()
            .position(|l| l == "messaging:")
            .map_or(0, |i| i as u32 + 1);
        for d in checked.diagnostics.iter().filter(|d| d.pos.line >= section) {
            let text = format!("{} {}", d.message, d.help.clone().unwrap_or_default());
            assert!(
                text.contains("messaging") || text.contains("SMS"),
                "{id}: no messaging context in {text:?}"
            );
        }
        let checked = check(&right, &Settings::default());
        assert!(!checked.has_errors(), "{id}: {:?}", checked.diagnostics);
        assert!(
            !checked.diagnostics.iter().any(|d| d.rule == rule),
            "{id}: right.yaml triggers it"
        );
        let bot = checked.bot.unwrap();
        assert!(bot.cards_on(Channel::Sms).is_some(), "{id}");
    }
}

#[test]
fn the_example_bot_with_both_sections_is_clean() {
    let text = std::fs::read_to_string(common::root().join("fixtures/messaging/bot.yaml")).unwrap();
    let checked = check(&text, &Settings::default());
    assert_eq!(checked.diagnostics, vec![]);
    let bot = checked.bot.unwrap();
    assert_eq!(bot.cards.len(), 8);
    assert_eq!(bot.messaging.map(|m| m.len()), Some(5));
}

#[test]
fn an_sms_opt_out_key_points_at_not_interested() {
    let wrong = std::fs::read_to_string(
        common::root().join("fixtures/messaging/unknown-outcome/wrong.yaml"),
    )
    .unwrap();
    let checked = check(&wrong, &Settings::default());
    let d = checked
        .diagnostics
        .iter()
        .find(|d| d.rule == Rule::UnknownOutcome)
        .unwrap();
    assert!(d.message.contains("opt-out"), "{}", d.message);
    assert!(
        d.help
            .as_deref()
            .unwrap_or_default()
            .contains("an SMS opt-out lands on not-interested"),
        "{:?}",
        d.help
    );
}

#[test]
fn a_file_without_a_messaging_section_has_no_messaging_findings() {
    let text = "version: 1\nbot: {name: x, direction: inbound}\noutcomes:\n  successful-transfer: {notify: {owner: true}}\n  missed-transfer: {notify: {owner: true}}\n  needs-follow-up: {notify: {owner: true}}\n  contact-later: {}\n  opt-out: {}\n  not-interested: {}\n  unqualified: {}\n  bad-number: {}\n";
    let checked = check(text, &Settings::default());
    assert_eq!(checked.diagnostics, vec![]);
    assert!(checked.bot.unwrap().messaging.is_none());
    // An empty section is present: its five cards are missing (warnings, not errors).
    let checked = check(&format!("{text}messaging: {{}}\n"), &Settings::default());
    assert!(!checked.has_errors());
    assert_eq!(
        checked
            .diagnostics
            .iter()
            .filter(|d| d.rule == Rule::OutcomeMissing)
            .count(),
        5
    );
}

#[test]
fn policy_messaging_checks_the_messaging_cards() {
    let config = samictl::config::parse_config(
        "[policy.messaging.not-interested]\nrequire_tags = [\"sms-opt-out\"]\n\n[policy.messaging.needs-follow-up]\nrequire_owner = true\n",
    )
    .unwrap();
    let settings = config.settings(false);
    let text = std::fs::read_to_string(common::root().join("fixtures/messaging/bot.yaml")).unwrap();
    let checked = check(&text, &settings);
    let violations: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| d.rule == Rule::PolicyViolation)
        .collect();
    // needs-follow-up alerts the owner; not-interested lacks the tag.
    assert_eq!(violations.len(), 1, "{violations:?}");
    assert!(violations[0].message.contains("SMS not-interested"));
    assert_eq!(violations[0].pos.line, 38);
    // A file without a messaging section breaks both `require_*` keys, at line 1.
    let call_only = text.split("\nmessaging:").next().unwrap().to_owned() + "\n";
    let checked = check(&call_only, &settings);
    let at: Vec<u32> = checked
        .diagnostics
        .iter()
        .filter(|d| d.rule == Rule::PolicyViolation)
        .map(|d| d.pos.line)
        .collect();
    assert_eq!(at, [1, 1]);
    // What a messaging card can't do is an invalid samictl.toml.
    for bad in [
        "[policy.messaging.opt-out]\nrequire_owner = true\n",
        "[policy.messaging.needs-follow-up]\nrequire_recipients = [\"a@b.com\"]\n",
        "[policy.messaging.unqualified]\ncriteria = \"default\"\n",
        "[policy.messaging.unqualified]\nrequire_actions = [\"note\"]\n",
        "[policy.messaging.bad-number]\nforbid_actions = [\"cancel-enrollment\"]\n",
    ] {
        assert!(samictl::config::parse_config(bad).is_err(), "{bad}");
    }
}

#[test]
fn the_fleet_json_carries_the_messaging_cards() {
    let out = common::run(&mut common::samictl(
        common::root(),
        &[
            "--no-config",
            "show",
            "fixtures/messaging/bot.yaml",
            "fixtures/valid/seller-outreach.yaml",
            "--format",
            "json",
        ],
    ))
    .output;
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let bots = v["bots"].as_array().unwrap();
    let with = bots
        .iter()
        .find(|b| b["path"].as_str().unwrap().ends_with("bot.yaml"))
        .unwrap();
    let tags: Vec<&String> = with["messaging"].as_object().unwrap().keys().collect();
    assert_eq!(
        tags,
        [
            "not-interested",
            "unqualified",
            "bad-number",
            "needs-follow-up",
            "contact-later"
        ]
    );
    assert_eq!(
        with["messaging"]["needs-follow-up"]["fires"],
        serde_json::json!([
            "pause-outreach",
            "apply-outcome-tag",
            "system-note",
            "task",
            "tag",
            "notify-owner"
        ])
    );
    let without = bots
        .iter()
        .find(|b| {
            b["path"]
                .as_str()
                .unwrap()
                .ends_with("seller-outreach.yaml")
        })
        .unwrap();
    assert_eq!(without["messaging"], serde_json::Value::Null);
}

#[test]
fn diff_git_compares_the_messaging_cards_too() {
    let dir = common::scratch("messaging-git");
    let git = |args: &[&str]| common::git(&dir, args);
    let bot = std::fs::read_to_string(common::root().join("fixtures/messaging/bot.yaml")).unwrap();
    std::fs::write(dir.join("bot.yaml"), &bot).unwrap();
    git(&["init", "-q"]);
    git(&["add", "bot.yaml"]);
    git(&["commit", "-qm", "bot"]);
    // The SMS not-interested card loses its tag: a compliance change.
    let changed = bot.replace(
        "  not-interested:\n    actions:\n      - type: tag\n        name: sms-not-interested\n",
        "  not-interested: {}\n",
    );
    assert_ne!(changed, bot);
    std::fs::write(dir.join("bot.yaml"), &changed).unwrap();
    // A new bot with both sections: its eight call outcomes and five messaging outcomes.
    std::fs::write(dir.join("new.yaml"), &bot).unwrap();
    let out = common::run(&mut common::samictl(
        &dir,
        &["--no-config", "diff", "--git", "HEAD", "--format", "json"],
    ))
    .output;
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let added = v["bots"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["status"] == "added")
        .unwrap();
    let channels: Vec<&str> = added["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["channel"].as_str().unwrap())
        .collect();
    assert_eq!(channels.len(), 13, "{added}");
    assert_eq!(channels.iter().filter(|c| **c == "sms").count(), 5);
    let bot = v["bots"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["path"] == "bot.yaml")
        .unwrap();
    assert_eq!(bot["compliance"], true, "{v}");
    let change = &bot["changes"][0];
    assert_eq!(change["channel"], "sms");
    assert_eq!(change["outcome"], "not-interested");
    assert_eq!(change["after"]["channel"], "sms");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn fix_renames_a_misspelt_messaging_tag_to_a_messaging_tag() {
    let dir = common::scratch("messaging-fix");
    let text = "version: 1\nbot: {name: x, direction: outbound}\noutcomes: {}\nmessaging:\n  opt-out: {}\n  not-intrested: {}\n";
    std::fs::write(dir.join("bot.yaml"), text).unwrap();
    let out = common::run(&mut common::samictl(
        &dir,
        &["--no-config", "fix", "bot.yaml"],
    ))
    .output;
    // opt-out has no close messaging tag: it stays, an error.
    assert_eq!(out.status.code(), Some(1));
    let after = std::fs::read_to_string(dir.join("bot.yaml")).unwrap();
    assert!(after.contains("\n  not-interested: {}\n"), "{after}");
    assert!(after.contains("\n  opt-out: {}\n"), "{after}");
    let checked = check(&after, &Settings::default());
    assert!(
        !checked
            .diagnostics
            .iter()
            .any(|d| d.rule == Rule::UnknownOutcome && d.message.contains("not-intrested"))
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// `messaging: ~` is an absent section, as `outcomes: ~` is a section without cards: no
/// `outcome-missing` for the messaging cards (issue 32).
#[test]
fn a_null_messaging_section_is_absent() {
    let base = std::fs::read_to_string(common::root().join("fixtures/valid/seller-outreach.yaml"))
        .unwrap();
    let without = check(&base, &Settings::default()).diagnostics;
    let with_null = format!("{base}messaging: ~\n");
    let diagnostics = check(&with_null, &Settings::default()).diagnostics;
    assert_eq!(
        diagnostics.iter().map(|d| d.rule).collect::<Vec<_>>(),
        without.iter().map(|d| d.rule).collect::<Vec<_>>(),
        "{diagnostics:?}"
    );
    let empty = format!("{base}messaging: {{}}\n");
    let diagnostics = check(&empty, &Settings::default()).diagnostics;
    assert!(diagnostics.iter().any(|d| d.rule == Rule::OutcomeMissing));
}
