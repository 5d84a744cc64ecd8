//! The TCPA guard (issue 24, docs/spec 7.1): `criteria-catches-opt-out` measured on the labelled
//! corpus of realistic criteria texts under `tests/data/criteria/`. `tune.tsv` is the part the
//! grammar was tuned on; `holdout.tsv` was written at the same time and never tuned on. Both
//! must reach recall 95% and precision 90%; both figures are printed (`--nocapture`) and
//! recorded in `docs/tcpa-guard.md`.

use samictl::opt_out::opt_out_phrases;

struct Score {
    true_pos: usize,
    false_pos: usize,
    false_neg: usize,
    true_neg: usize,
    misses: Vec<String>,
}

impl Score {
    fn recall(&self) -> f64 {
        self.true_pos as f64 / (self.true_pos + self.false_neg).max(1) as f64
    }
    fn precision(&self) -> f64 {
        self.true_pos as f64 / (self.true_pos + self.false_pos).max(1) as f64
    }
}

fn score(name: &str) -> Score {
    let path = format!("{}/tests/data/criteria/{name}", env!("CARGO_MANIFEST_DIR"));
    let data = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut s = Score {
        true_pos: 0,
        false_pos: 0,
        false_neg: 0,
        true_neg: 0,
        misses: Vec::new(),
    };
    for (n, line) in data.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (label, text) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("{name}:{}: no tab", n + 1));
        let text = text.replace("\\n", "\n");
        let caught = !opt_out_phrases(&text).is_empty();
        match (label, caught) {
            ("1", true) => s.true_pos += 1,
            ("1", false) => {
                s.false_neg += 1;
                s.misses.push(format!("missed: {text}"));
            }
            ("0", true) => {
                s.false_pos += 1;
                s.misses.push(format!("false alarm: {text}"));
            }
            ("0", false) => s.true_neg += 1,
            _ => panic!("{name}:{}: label must be 0 or 1", n + 1),
        }
    }
    s
}

fn report(name: &str, s: &Score) {
    println!(
        "{name}: {} texts ({} stop requests), recall {:.1}%, precision {:.1}% (tp {}, fp {}, fn {}, tn {})",
        s.true_pos + s.false_pos + s.false_neg + s.true_neg,
        s.true_pos + s.false_neg,
        100.0 * s.recall(),
        100.0 * s.precision(),
        s.true_pos,
        s.false_pos,
        s.false_neg,
        s.true_neg
    );
    for m in &s.misses {
        println!("  {m}");
    }
}

#[test]
fn corpus_recall_and_precision() {
    let tune = score("tune.tsv");
    let holdout = score("holdout.tsv");
    let holdout2 = score("holdout2.tsv");
    let holdout3 = score("holdout3.tsv");
    report("tune", &tune);
    report("holdout", &holdout);
    report("holdout2", &holdout2);
    report("holdout3", &holdout3);
    // The corpus is big enough to mean something, and has both labels.
    assert!(tune.true_pos + tune.false_neg >= 140 && tune.true_neg + tune.false_pos >= 140);
    assert!(
        holdout.true_pos + holdout.false_neg >= 50 && holdout.true_neg + holdout.false_pos >= 50
    );
    assert!(
        holdout2.true_pos + holdout2.false_neg >= 60
            && holdout2.true_neg + holdout2.false_pos >= 60
    );
    assert!(
        holdout3.true_pos + holdout3.false_neg >= 20
            && holdout3.true_neg + holdout3.false_pos >= 20
    );
    for (name, s) in [
        ("tune", &tune),
        ("holdout", &holdout),
        ("holdout2", &holdout2),
        ("holdout3", &holdout3),
    ] {
        assert!(s.recall() >= 0.95, "{name}: recall {:.3}", s.recall());
        assert!(
            s.precision() >= 0.90,
            "{name}: precision {:.3}",
            s.precision()
        );
    }
}

#[test]
fn a_phrase_is_quoted_as_written_and_points_inside_the_text() {
    let text = "Not interested in selling.\nAlso use this when the lead says to LOSE MY NUMBER.";
    let found = opt_out_phrases(text);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].text, "LOSE MY NUMBER");
    let at: String = text
        .chars()
        .skip(found[0].offset)
        .take(found[0].len)
        .collect();
    assert_eq!(at, "LOSE MY NUMBER");
}

fn rule_file(rule: &str, which: &str) -> String {
    crate::common::fixture(&format!("rules/{rule}/{which}.yaml"))
}

#[test]
fn contact_after_opt_out_points_at_the_task_item_and_the_owner_key() {
    use samictl::config::Settings;
    use samictl::rules::{Level, Rule};
    use samictl::validate::check;
    let wrong = rule_file("contact-after-opt-out", "wrong");
    let found = |settings: &Settings| -> Vec<(&'static str, u32, u32, String)> {
        check(&wrong, settings)
            .diagnostics
            .iter()
            .map(|d| {
                (
                    d.rule.id(),
                    d.pos.line,
                    d.pos.column,
                    format!("{:?}", d.severity),
                )
            })
            .collect()
    };
    // `- type: task` on line 23 (the item, as duplicate-action points at its item) and
    // `owner: true` on line 27.
    assert_eq!(
        found(&Settings::default()),
        [
            ("contact-after-opt-out", 23, 9, "Warning".to_owned()),
            ("contact-after-opt-out", 27, 7, "Warning".to_owned())
        ]
    );
    let d = &check(&wrong, &Settings::default()).diagnostics[0];
    assert!(d.message.contains("task") && d.message.contains("not-interested"));
    let help = d.help.as_deref().unwrap_or_default();
    assert!(help.contains("tag") && help.contains("without contacting the lead"));
    assert!(help.contains("samictl.toml"));
    // Configurable like every warning.
    let mut s = Settings::default();
    s.levels.insert(Rule::ContactAfterOptOut, Level::Allow);
    assert!(found(&s).is_empty());
    s.levels.insert(Rule::ContactAfterOptOut, Level::Deny);
    assert!(check(&wrong, &s).has_errors());
    // The right example, a tag only, and the other SMS cards are fine; so is a task on the
    // call card of the same outcome (not where SMS opt-outs land).
    assert!(
        check(
            &rule_file("contact-after-opt-out", "right"),
            &Settings::default()
        )
        .diagnostics
        .is_empty()
    );
    // A task or an owner alert on another SMS card, or on a call card, is not this rule.
    let sms_follow_up = wrong.replace("  needs-follow-up:\n    notify:\n      owner: true\n  unqualified: {}", "  needs-follow-up:\n    actions:\n      - type: task\n        title: Review\n        due_in: 1d\n    notify:\n      owner: true\n  unqualified: {}");
    assert_ne!(sms_follow_up, wrong);
    assert_eq!(found(&Settings::default()).len(), 2);
    let ids: Vec<_> = check(&sms_follow_up, &Settings::default())
        .diagnostics
        .iter()
        .map(|d| d.rule.id())
        .collect();
    assert_eq!(ids, ["contact-after-opt-out", "contact-after-opt-out"]);
}

/// A bot whose bad-number card has these criteria.
fn with_criteria(criteria: &str) -> String {
    rule_file("criteria-catches-opt-out", "right").replace(
        "  bad-number: {}\n",
        &format!("  bad-number:\n    analysis_criteria: \"{criteria}\"\n"),
    )
}

#[test]
fn diff_flags_criteria_that_start_or_stop_catching_a_stop_request() {
    let dir = crate::common::scratch("tcpa-diff");
    let plain = with_criteria("Wrong person answered.");
    let catching = with_criteria("Wrong person answered, or they say to lose their number.");
    crate::common::write(&dir, "plain.yaml", &plain);
    crate::common::write(&dir, "catching.yaml", &catching);
    crate::common::write(
        &dir,
        "reworded.yaml",
        &with_criteria("The wrong person answered."),
    );
    let run = |args: &[&str]| {
        crate::common::run(
            crate::common::samictl(&dir, &["--no-config", "diff"])
                .args(args)
                .env("NO_COLOR", "1"),
        )
    };
    for (old, new, word) in [
        ("plain.yaml", "catching.yaml", "now catch"),
        ("catching.yaml", "plain.yaml", "no longer catch"),
    ] {
        let json = run(&[old, new, "--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&json.stdout).expect("diff JSON");
        let change = &v["changes"][0];
        assert_eq!(change["compliance"], true, "{}", json.stdout);
        assert!(json.stdout.contains(word), "{}", json.stdout);
        let human = run(&[old, new]);
        assert!(human.stdout.contains(word), "{}", human.stdout);
        assert!(
            human.stdout.contains("lose their number"),
            "{}",
            human.stdout
        );
        let md = run(&[old, new, "--format", "markdown"]);
        assert!(md.stdout.contains(word), "{}", md.stdout);
    }
    // A rewording that doesn't change what the rule says is not a compliance change here.
    let json = run(&["plain.yaml", "reworded.yaml", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).expect("diff JSON");
    assert_eq!(v["changes"][0]["compliance"], false, "{}", json.stdout);
}

#[test]
fn diff_git_flags_criteria_that_start_catching_a_stop_request() {
    use crate::common::{git, write};
    let dir = crate::common::scratch("tcpa-diff-git");
    git(&dir, &["init", "-q", "-b", "main"]);
    write(
        &dir,
        "bots/a.yaml",
        &with_criteria("Wrong person answered."),
    );
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-q", "-m", "one"]);
    write(
        &dir,
        "bots/a.yaml",
        &with_criteria("Wrong person answered, or asks us to stop texting."),
    );
    git(&dir, &["commit", "-q", "-am", "two"]);
    let out = crate::common::run(&mut crate::common::samictl(
        &dir,
        &[
            "--no-config",
            "diff",
            "--git",
            "main~1..main",
            "--format",
            "json",
        ],
    ));
    assert!(
        out.stdout.contains("\"compliance\": true"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("stop texting"), "{}", out.stdout);
}

#[test]
fn a_relaxed_guard_is_said_by_show_the_fleet_matrix_and_validate() {
    let dir = crate::common::scratch("tcpa-relaxed");
    crate::common::write(
        &dir,
        "bots/a.yaml",
        &rule_file("contact-after-opt-out", "wrong"),
    );
    crate::common::write(
        &dir,
        "bots/b.yaml",
        &rule_file("criteria-catches-opt-out", "wrong"),
    );
    let run = |args: &[&str]| {
        crate::common::run(
            crate::common::samictl(&dir, args)
                .env("NO_COLOR", "1")
                .env("COLUMNS", "200"),
        )
    };
    // Not relaxed: no note, no JSON field.
    let plain = run(&["show", "bots/a.yaml"]);
    assert!(!plain.stdout.contains("TCPA guard"), "{}", plain.stdout);
    assert!(
        !run(&["show", "bots", "--format", "json"])
            .stdout
            .contains("tcpa_guard_relaxed")
    );
    crate::common::write(
        &dir,
        "samictl.toml",
        "[rules]\ncontact-after-opt-out = \"allow\"\n",
    );
    let note = "the TCPA guard is relaxed for";
    let show = run(&["show", "bots/a.yaml"]);
    assert!(
        show.stdout.contains(&format!("{note} this file")),
        "{}",
        show.stdout
    );
    assert!(
        show.stdout.contains("contact-after-opt-out = \"allow\""),
        "{}",
        show.stdout
    );
    let fleet = run(&["show", "bots"]);
    assert!(
        fleet.stdout.contains(&format!("{note} every bot above")),
        "{}",
        fleet.stdout
    );
    let md = run(&["show", "bots", "--format", "markdown"]);
    assert!(md.stdout.contains("TCPA guard relaxed"), "{}", md.stdout);
    let json = run(&["show", "bots", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).expect("fleet JSON");
    for bot in v["bots"].as_array().expect("bots") {
        assert_eq!(
            bot["tcpa_guard_relaxed"],
            serde_json::json!(["contact-after-opt-out"])
        );
    }
    let validate = run(&["validate", "bots/a.yaml"]);
    assert!(
        validate.stdout.contains(&format!("{note} this file")),
        "{}",
        validate.stdout
    );
    assert!(!validate.stdout.contains("warning[contact-after-opt-out]"));
    crate::common::write(
        &dir,
        "samictl.toml",
        "[rules]\ncriteria-catches-opt-out = \"allow\"\n",
    );
    let validate = run(&["validate", "bots"]);
    assert!(
        validate.stdout.contains(&format!("{note} these files")),
        "{}",
        validate.stdout
    );
    assert!(
        validate
            .stdout
            .contains("criteria-catches-opt-out = \"allow\"")
    );
    // The machine formats of validate are unchanged.
    let json = run(&["validate", "bots", "--format", "json"]);
    assert!(!json.stdout.contains("TCPA guard"), "{}", json.stdout);
}
