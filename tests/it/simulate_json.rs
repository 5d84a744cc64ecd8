//! The simulate JSON contract (docs/spec 9), checked field by field on the real binary.

use crate::common::{self, root};
use serde_json::Value;

fn run(args: &[&str]) -> (Value, i32) {
    let r = common::run(common::samictl(root(), &["--no-config"]).args(args));
    let json = serde_json::from_str(&r.stdout).unwrap_or(Value::Null);
    (json, r.code)
}

const BOT: &str = "fixtures/valid/seller-outreach.yaml";
const TAGS: [&str; 8] = [
    "successful-transfer",
    "missed-transfer",
    "needs-follow-up",
    "contact-later",
    "opt-out",
    "not-interested",
    "unqualified",
    "bad-number",
];

fn keys(v: &Value) -> Vec<&str> {
    v.as_object().unwrap().keys().map(String::as_str).collect()
}

fn check_simulation(v: &Value, outcome: &str) {
    assert_eq!(
        keys(v),
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
    assert_eq!(v["outcome"], outcome);
    // SAMI's own callback (docs/spec 4, revised): contact-later on every direction, null
    // on every other outcome and on a messaging (SMS) simulation.
    if outcome == "contact-later" && v["channel"] == "call" {
        assert_eq!(v["callback"], "requested-time");
    } else {
        assert_eq!(v["callback"], Value::Null, "{outcome}");
    }
    assert!(v["mid_call"].is_object());
    for key in keys(&v["mid_call"]) {
        assert!(
            ["wrap_up", "max_objections", "confirm_time"].contains(&key),
            "{key}"
        );
    }
    for fired in v["fires"].as_array().unwrap() {
        let ty = fired["type"].as_str().unwrap();
        let locked = fired["locked"].as_bool().unwrap();
        let expected: &[&str] = match ty {
            "do-not-contact-all-channels"
            | "cancel-enrollment"
            | "pause-enrollment"
            | "pause-contact-until-requested-time" => {
                assert!(locked, "{ty}");
                &["type", "locked"]
            }
            "note" => &["type", "locked", "text"],
            "task" => &["type", "locked", "title", "due_in", "assignee"],
            "tag" => &["type", "locked", "name"],
            "notify-owner" => &["type", "locked"],
            "notify-email" | "notify-phone" => &["type", "locked", "to"],
            other => panic!("unknown fired type {other}"),
        };
        assert_eq!(keys(fired), expected, "{ty}");
        if !expected.contains(&"text") && ty.starts_with("notify") {
            assert!(!locked);
        }
    }
}

#[test]
fn every_outcome_has_the_contract_shape() {
    for tag in TAGS {
        let (v, code) = run(&["simulate", BOT, "--outcome", tag, "--format", "json"]);
        assert_eq!(code, 0);
        check_simulation(&v, tag);
        assert_eq!(v["bot"], "Seller Outreach");
        assert_eq!(v["direction"], "outbound");
    }
}

#[test]
fn all_is_an_array_in_canonical_order() {
    let (v, code) = run(&["simulate", BOT, "--all", "--format", "json"]);
    assert_eq!(code, 0);
    let items = v.as_array().unwrap();
    assert_eq!(items.len(), 8);
    for (item, tag) in items.iter().zip(TAGS) {
        check_simulation(item, tag);
    }
}

#[test]
fn opt_out_always_starts_with_do_not_contact() {
    for direction in ["inbound", "outbound", "both"] {
        let (v, _) = run(&[
            "simulate",
            BOT,
            "--outcome",
            "opt-out",
            "--direction",
            direction,
            "--format",
            "json",
        ]);
        assert_eq!(v["fires"][0]["type"], "do-not-contact-all-channels");
        assert_eq!(v["direction"], direction);
        let locks = v["fires"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["locked"] == true)
            .count();
        assert_eq!(locks, if direction == "inbound" { 1 } else { 2 });
    }
}

#[test]
fn fields_of_user_actions_and_notifications() {
    let (v, _) = run(&[
        "simulate",
        BOT,
        "--outcome",
        "unqualified",
        "--format",
        "json",
    ]);
    let fires = v["fires"].as_array().unwrap();
    assert_eq!(
        fires[1],
        serde_json::json!({"type": "tag", "locked": false, "name": "unqualified: already listed"})
    );
    assert_eq!(fires[2]["due_in"], "2d");
    assert_eq!(fires[2]["assignee"], "ops@acme-realty.com");
    assert_eq!(
        fires[3],
        serde_json::json!({"type": "notify-email", "locked": false, "to": "ops@acme-realty.com"})
    );
    let (v, _) = run(&[
        "simulate",
        BOT,
        "--outcome",
        "needs-follow-up",
        "--format",
        "json",
    ]);
    assert_eq!(v["fires"][2]["due_in"], "requested-time");
    assert_eq!(v["mid_call"]["confirm_time"], true);
    let (v, _) = run(&[
        "simulate",
        BOT,
        "--outcome",
        "not-interested",
        "--format",
        "json",
    ]);
    assert_eq!(v["mid_call"], serde_json::json!({"max_objections": 4}));
}

#[test]
fn notifications_never_fire_where_they_are_hidden() {
    for tag in ["opt-out", "not-interested", "contact-later"] {
        let (v, _) = run(&["simulate", BOT, "--outcome", tag, "--format", "json"]);
        assert!(
            v["fires"]
                .as_array()
                .unwrap()
                .iter()
                .all(|f| !f["type"].as_str().unwrap().starts_with("notify")),
            "{tag}"
        );
    }
}

/// Spec section 4 (revised): `"callback": "requested-time"` on contact-later for every
/// direction, inbound-only included (an earlier version said null there); README and
/// docs/format.md say `null` on an SMS simulation, where the follow-up is a system step.
#[test]
fn the_callback_is_on_contact_later_for_every_direction_and_not_on_sms() {
    for direction in ["inbound", "outbound", "both"] {
        for tag in TAGS {
            let (v, code) = run(&[
                "simulate",
                BOT,
                "--outcome",
                tag,
                "--direction",
                direction,
                "--format",
                "json",
            ]);
            assert!(code == 0 || code == 1, "{direction} {tag}");
            if code == 0 {
                let want = if tag == "contact-later" {
                    Value::from("requested-time")
                } else {
                    Value::Null
                };
                assert_eq!(v["callback"], want, "{direction} {tag}");
            }
        }
        let (v, _) = run(&[
            "simulate",
            "fixtures/messaging/bot.yaml",
            "--channel",
            "sms",
            "--outcome",
            "contact-later",
            "--direction",
            direction,
            "--format",
            "json",
        ]);
        assert_eq!(v["channel"], "sms", "{direction}");
        assert_eq!(v["callback"], Value::Null, "{direction}");
    }
    let (v, code) = run(&[
        "simulate",
        "fixtures/messaging/bot.yaml",
        "--outcome",
        "contact-later",
        "--direction",
        "inbound",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    assert_eq!(v["direction"], "inbound");
    assert_eq!(v["callback"], "requested-time");
}
