//! What SAMI does, said exactly (issue 26): contact later's callback on every direction, the
//! SMS contact-later system steps, a system step written in a messaging card or a messaging
//! policy key, and the wording that said less or more than the product.

use crate::common::{root, run, samictl};
use serde_json::Value;

fn json(args: &[&str]) -> Value {
    let r = run(&mut samictl(root(), args));
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}\n{}", r.stdout))
}

fn human(args: &[&str]) -> (String, i32) {
    let mut cmd = samictl(root(), args);
    cmd.env("NO_COLOR", "1").env("COLUMNS", "100");
    let r = run(&mut cmd);
    (format!("{}{}", r.stdout, r.stderr), r.code)
}

const SELLER: &str = "fixtures/valid/seller-outreach.yaml";
const CALLBACK: &str = "then SAMI reaches out again at the requested time";

#[test]
fn contact_later_reaches_out_again_on_every_direction() {
    for d in ["inbound", "outbound", "both"] {
        let sim = json(&[
            "simulate",
            SELLER,
            "--outcome",
            "contact-later",
            "--direction",
            d,
            "--format",
            "json",
        ]);
        assert_eq!(sim["callback"], "requested-time", "{d}");
        let (text, code) = human(&[
            "simulate",
            SELLER,
            "--outcome",
            "contact-later",
            "--direction",
            d,
        ]);
        assert_eq!(code, 0, "{text}");
        assert!(text.contains(CALLBACK), "{d}: {text}");
        assert!(!text.contains("calls back"), "{d}: {text}");
        // Every other outcome: null.
        let all = json(&[
            "simulate",
            SELLER,
            "--all",
            "--direction",
            d,
            "--format",
            "json",
        ]);
        for sim in all.as_array().unwrap() {
            let expected = if sim["outcome"] == "contact-later" {
                Value::from("requested-time")
            } else {
                Value::Null
            };
            assert_eq!(sim["callback"], expected, "{d} {}", sim["outcome"]);
        }
    }
    // `show` and the schema say it the same way; the article names no channel.
    // The expanded card: the collapsed table may wrap the line inside its cell.
    let (show, _) = human(&["show", SELLER, "--expand", "contact-later"]);
    assert!(show.contains(CALLBACK), "{show}");
    let (schema, _) = human(&["schema"]);
    assert!(schema.contains("SAMI reaches out again automatically"));
    assert!(!schema.contains("SAMI calls back"));
}

#[test]
fn sms_contact_later_runs_the_agents_follow_up_task() {
    let sim = json(&[
        "simulate",
        SELLER,
        "--channel",
        "sms",
        "--outcome",
        "contact-later",
        "--format",
        "json",
    ]);
    let types: Vec<&str> = sim["fires"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["type"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        [
            "pause-outreach-until-requested-time",
            "create-follow-up-task",
            "apply-outcome-tag",
            "system-note"
        ]
    );
    assert!(sim["fires"][1]["locked"].as_bool().unwrap());
    let (text, _) = human(&[
        "simulate",
        SELLER,
        "--channel",
        "sms",
        "--outcome",
        "contact-later",
    ]);
    assert!(text.contains("do-not-contact-until date"), "{text}");
    assert!(
        text.contains("follow-up task for the contact's assigned"),
        "{text}"
    );
    assert!(!text.contains("texts nothing"), "{text}");
    let (show, _) = human(&[
        "show",
        "fixtures/messaging/bot.yaml",
        "--expand",
        "contact-later",
    ]);
    assert!(show.contains("create-follow-up-task"), "{show}");
}

#[test]
fn a_system_step_written_in_a_messaging_card_is_action_not_allowed() {
    let report = json(&[
        "validate",
        "fixtures/wording/system-steps.yaml",
        "--format",
        "json",
    ]);
    let found: Vec<(String, u64, u64, String, String)> = report["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_owned(),
                d["help"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    assert_eq!(found.len(), 4, "{found:#?}");
    // At the item's `type` value, with or without `locked: false`.
    for (i, (line, step)) in [(17, "stop-outreach"), (18, "do-not-contact-on-opt-out")]
        .into_iter()
        .enumerate()
    {
        let (rule, l, c, message, help) = &found[i];
        assert_eq!((rule.as_str(), *l, *c), ("action-not-allowed", line, 15));
        assert_eq!(
            message,
            &format!(
                "`{step}` is SAMI's system step on SMS not-interested: it always runs and can't be written"
            )
        );
        assert_eq!(
            help,
            "remove this line; the actions on SMS not-interested are `task`, `tag`"
        );
    }
    // A call card's locked action type in a messaging card: action-not-allowed too (docs/spec 17).
    assert_eq!(found[2].0, "action-not-allowed");
    assert_eq!((found[2].1, found[2].2), (20, 15));
    assert!(found[2].3.contains("cancel-enrollment"), "{}", found[2].3);
    assert!(!found[2].4.contains("pause-enrollment"), "{}", found[2].4);
    // Another card's system step says whose it is.
    assert_eq!(found[3].0, "action-not-allowed");
    assert!(found[3].3.contains("SMS needs-follow-up"), "{}", found[3].3);
    // `note` on a messaging card stays action-not-allowed (docs/spec 17).
    let (text, code) = human(&["explain", "action-not-allowed"]);
    assert_eq!(code, 0, "{text}");
}

#[test]
fn a_messaging_policy_key_naming_a_system_step_is_refused() {
    let (text, code) = human(&[
        "--config",
        "fixtures/policy/contradictions/messaging-system-step.toml",
        "validate",
        SELLER,
    ]);
    assert_eq!(code, 2, "{text}");
    assert!(
        text.contains("`stop-outreach` is SAMI's system step on SMS not-interested: it always runs and can't be written"),
        "{text}"
    );
    assert!(!text.contains("unknown action type"), "{text}");
}

#[test]
fn wording_says_what_the_product_does() {
    // SMS do-not-contact covers every channel.
    let (text, _) = human(&[
        "simulate",
        SELLER,
        "--channel",
        "sms",
        "--outcome",
        "not-interested",
    ]);
    assert!(text.contains("do-not-contact on every"), "{text}");
    // Unqualified includes renting only.
    let (text, _) = human(&["simulate", SELLER, "--outcome", "unqualified"]);
    assert!(text.contains("renting only"), "{text}");
    // outcome-missing names which cards are presets and which start empty.
    let report = json(&[
        "validate",
        "fixtures/rules/outcome-missing/wrong.yaml",
        "--format",
        "json",
    ]);
    let helps: Vec<&str> = report["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "outcome-missing")
        .filter_map(|d| d["help"].as_str())
        .collect();
    assert!(!helps.is_empty());
    for help in helps {
        assert!(
            !help.contains("SAMI's preset opt-out")
                && !help.contains("SAMI's preset not-interested")
                && !help.contains("SAMI's preset unqualified")
                && !help.contains("SAMI's preset bad-number"),
            "{help}"
        );
    }
    // explain's right example writes contact-later with its preset note.
    let (text, _) = human(&["explain", "outcome-missing"]);
    // The call example's right file: between its "Right:" and the next "Wrong:".
    let right = text
        .split("Right:")
        .nth(1)
        .and_then(|r| r.split("Wrong:").next())
        .unwrap_or_default();
    assert!(!right.contains("contact-later: {}"), "{right}");
    let text = right;
    assert!(
        text.contains("Asked to be contacted again at {{ requested_time }}."),
        "{text}"
    );
    // ring_timeout's help on missed-transfer lists only what missed-transfer takes.
    let report = json(&[
        "validate",
        "fixtures/wording/ring-timeout.yaml",
        "--format",
        "json",
    ]);
    let d = &report["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "unknown-field")
        .cloned()
        .unwrap();
    let help = d["help"].as_str().unwrap();
    assert!(help.contains("wrap_up"), "{help}");
    assert!(
        !help.contains("max_objections") && !help.contains("confirm_time"),
        "{help}"
    );
}

#[test]
fn init_says_which_cards_are_presets_and_which_start_empty() {
    let dir = crate::common::scratch("wording-init");
    let mut cmd = samictl(
        &dir,
        &["init", "bot.yaml", "--name", "X", "--direction", "inbound"],
    );
    let r = run(&mut cmd);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let said = format!("{}{}", r.stdout, r.stderr);
    assert!(
        said.contains(
            "empty (no published preset): opt-out, not-interested, unqualified, bad-number"
        ),
        "{said}"
    );
    assert!(
        !said.contains("all eight cards from SAMI's presets"),
        "{said}"
    );
    let (help, _) = human(&["init", "--help"]);
    assert!(
        !help.contains("all eight cards from SAMI's presets"),
        "{help}"
    );
}

#[test]
fn an_overridden_direction_is_said() {
    let (text, code) = human(&[
        "simulate",
        SELLER,
        "--outcome",
        "opt-out",
        "--direction",
        "inbound",
    ]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.lines()
            .next()
            .unwrap()
            .contains("inbound (--direction overrides the file's outbound)"),
        "{text}"
    );
    let sim = json(&[
        "simulate",
        SELLER,
        "--outcome",
        "opt-out",
        "--direction",
        "inbound",
        "--format",
        "json",
    ]);
    assert_eq!(sim["file_direction"], "outbound");
    let same = json(&[
        "simulate",
        SELLER,
        "--outcome",
        "opt-out",
        "--direction",
        "outbound",
        "--format",
        "json",
    ]);
    assert!(same.get("file_direction").is_none());
}

/// An unknown action type in a messaging card is helped with what that card allows (and a
/// near miss of a system step says it can't be written), never with the call card's locks.
#[test]
fn an_unknown_action_type_in_a_messaging_card_lists_what_the_card_allows() {
    let dir = crate::common::scratch("wording-unknown-sms-type");
    let bot = std::fs::read_to_string(root().join(SELLER)).unwrap();
    let bot = format!(
        "{}messaging:\n  unqualified:\n    actions:\n      - type: stop-outreech\n  bad-number:\n    actions:\n      - type: frobnicate\n",
        bot.split("messaging:").next().unwrap()
    );
    crate::common::write(&dir, "bot.yaml", &bot);
    let r = run(&mut samictl(
        &dir,
        &["validate", "bot.yaml", "--format", "json"],
    ));
    let report: Value = serde_json::from_str(&r.stdout).unwrap();
    let helps: Vec<&str> = report["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "invalid-value")
        .filter_map(|d| d["help"].as_str())
        .collect();
    assert_eq!(
        helps,
        [
            "`stop-outreach` is a system step SAMI runs itself and can't be written; the actions on SMS unqualified are `task`, `tag`",
            "the actions on SMS bad-number are `task`, `tag`",
        ],
        "{}",
        r.stdout
    );
}
