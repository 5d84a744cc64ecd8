//! A JSON Schema of the format for editors (yaml-language-server), generated from the same
//! tables the validator reads: the product table, the placeholder-free value rules and the
//! length limits. It is strict on structure (unknown keys and tags, enums, required fields,
//! what each outcome allows); cross-field rules that need the bot's direction (enrollment
//! locks on inbound-only bots) and placeholders are left to `samictl validate`.

use crate::outcome::{Direction, Outcome};
use crate::product::{
    Channel, LockedAction, NotifyAccess, OptionValue, OutcomeRules, UserAction,
    requested_time_outcomes, rules_for, tag_list,
};
use crate::validate::{CRITERIA_MAX, NAME_MAX, RECIPIENTS_MAX};
use serde_json::{Map, Value, json};

/// Where the committed schema lives, relative to the repository root.
pub const SCHEMA_PATH: &str = "schema/samictl-bot-v1.schema.json";

/// An email address, as `values::is_valid_email` accepts it.
const EMAIL_PATTERN: &str = r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$";
/// An E.164 phone number.
const PHONE_PATTERN: &str = r"^\+[1-9][0-9]{7,14}$";
/// A duration's shape; its range (1m to 90d) is checked by `samictl validate`.
const DURATION_PATTERN: &str = r"^[1-9][0-9]*[mhd]$";
/// Letters, digits, space, `-`, `_`, `:`, `/`: no control character and no other ASCII
/// punctuation (a class both ECMA-262 and Rust regex engines read the same way).
const TAG_PATTERN: &str = r"^[^\x00-\x1F\x7F!-,.;-@\[-\^`{-~]+$";

fn text(max: usize, description: &str) -> Value {
    json!({
        "type": "string",
        "minLength": 1,
        "maxLength": max,
        "pattern": r"\S",
        "description": description,
    })
}

fn user_action(action: UserAction, rules: &OutcomeRules) -> Value {
    let mut properties = Map::new();
    properties.insert("type".into(), json!({"const": action.as_str()}));
    match action {
        UserAction::Note => {
            properties.insert(
                "text".into(),
                text(
                    action.max_chars("text"),
                    "The note's text; placeholders allowed.",
                ),
            );
        }
        UserAction::Task => {
            properties.insert(
                "title".into(),
                text(
                    action.max_chars("title"),
                    "The task's title; placeholders allowed.",
                ),
            );
            let mut due = vec![json!({"type": "string", "pattern": DURATION_PATTERN})];
            if rules.requested_time {
                due.push(json!({"const": "requested-time"}));
            }
            properties.insert(
                "due_in".into(),
                json!({
                    "description": format!(
                        "When the task is due: a duration from 1m to 90d (`15m`, `4h`, `2d`), or `requested-time` on {}.",
                        tag_list(&requested_time_outcomes(Channel::Call), " and ")
                    ),
                    "anyOf": due,
                }),
            );
            let assignee = if rules.channel == Channel::Sms {
                json!({
                    "description": "`owner` (the contact's assigned user, the default): a messaging task has no other assignee.",
                    "const": "owner",
                })
            } else {
                json!({
                    "description": "`owner` (the contact's assigned user, the default) or an email address.",
                    "anyOf": [{"const": "owner"}, {"type": "string", "pattern": EMAIL_PATTERN}],
                })
            };
            properties.insert("assignee".into(), assignee);
        }
        UserAction::Tag => {
            properties.insert(
                "name".into(),
                json!({
                    "type": "string",
                    "minLength": 1,
                    "maxLength": action.max_chars("name"),
                    "pattern": TAG_PATTERN,
                    "description": "The tag: letters, digits, space, `-`, `_`, `:`, `/`.",
                }),
            );
        }
    }
    let mut required = vec!["type"];
    required.extend(
        action
            .field_specs()
            .iter()
            .filter(|f| f.required)
            .map(|f| f.name),
    );
    json!({
        "type": "object",
        "description": action.describe(),
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

fn locked_action(lock: LockedAction) -> Value {
    json!({
        "type": "object",
        "description": format!("Locked ({}); applies to {}.", lock.reason(), lock.applies_to()),
        "properties": {
            "type": {"const": lock.as_str()},
            "locked": {"const": true, "description": "Locked actions can't be disabled."},
        },
        "required": ["type"],
        "additionalProperties": false,
    })
}

fn card(rules: &OutcomeRules) -> Value {
    let outcome = rules.outcome;
    if rules.channel == Channel::Sms {
        return sms_card(rules);
    }
    let mut properties = Map::new();
    if rules.takes_criteria {
        properties.insert(
            "analysis_criteria".into(),
            text(
                CRITERIA_MAX,
                "Plain-English instructions SAMI follows to decide whether a call lands on this outcome; omitted, SAMI's default wording applies.",
            ),
        );
    }
    let mut mid_call = Map::new();
    for option in rules.mid_call {
        let schema = match option.value() {
            OptionValue::Text { max_chars } => text(max_chars, option.describe()),
            OptionValue::Count { range, preset } => json!({
                "type": "integer", "minimum": range.start(), "maximum": range.end(),
                "description": format!("{} (SAMI's preset: {preset}).", option.describe()),
            }),
            OptionValue::Flag => {
                json!({"type": "boolean", "description": option.describe()})
            }
        };
        mid_call.insert(option.key().into(), schema);
    }
    properties.insert(
        "mid_call".into(),
        json!({
            "type": ["object", "null"],
            "description": "What SAMI does as the outcome surfaces.",
            "properties": mid_call,
            "additionalProperties": false,
        }),
    );
    let mut items: Vec<Value> = rules
        .user_actions
        .iter()
        .map(|a| user_action(*a, rules))
        .collect();
    for lock in rules.locks {
        items.push(locked_action(*lock));
    }
    if let Some(lock) = rules.enrollment_lock {
        items.push(locked_action(lock));
    }
    properties.insert(
        "actions".into(),
        json!({
            "type": ["array", "null"],
            "description": "Actions, in the order they run. Locked actions run whether written or not.",
            "items": {"oneOf": items},
        }),
    );
    if rules.notify.is_allowed() {
        properties.insert(
            "notify".into(),
            json!({
                "type": ["object", "null"],
                "description": "Who hears about the call.",
                "properties": {
                    "owner": {"type": "boolean", "description": "Alert the contact's assigned user."},
                    "emails": {
                        "type": "array", "maxItems": RECIPIENTS_MAX,
                        "items": {"type": "string", "pattern": EMAIL_PATTERN},
                        "description": "Extra people to notify by email.",
                    },
                    "phones": {
                        "type": "array", "maxItems": RECIPIENTS_MAX,
                        "items": {"type": "string", "pattern": PHONE_PATTERN},
                        "description": "Extra people to notify by text, in E.164 (quote them).",
                    },
                },
                "additionalProperties": false,
            }),
        );
    }
    let notify_note = rules
        .notify
        .reason()
        .map(|r| format!(" Notifications: {r}."))
        .unwrap_or_default();
    json!({
        "type": ["object", "null"],
        "title": outcome.display_name(),
        "description": format!("{}: {}.{notify_note}", outcome.display_name(), outcome.meaning()),
        "properties": properties,
        "additionalProperties": false,
    })
}

/// A messaging card (spec section 17): `tag` and `task` actions and an owner alert.
fn sms_card(rules: &OutcomeRules) -> Value {
    let items: Vec<Value> = rules
        .user_actions
        .iter()
        .map(|a| user_action(*a, rules))
        .collect();
    let steps: Vec<&str> = rules.system_steps.iter().map(|s| s.label()).collect();
    let mut properties = Map::new();
    properties.insert(
        "actions".into(),
        json!({
            "type": ["array", "null"],
            "description": "Tags and tasks added on top of SAMI's system steps, in the order they run.",
            "items": {"oneOf": items},
        }),
    );
    if rules.notify == NotifyAccess::OwnerOnly {
        properties.insert(
            "notify".into(),
            json!({
                "type": ["object", "null"],
                "description": "The owner alert: a messaging card has no other recipients.",
                "properties": {
                    "owner": {"type": "boolean", "description": "Alert the contact's assigned user."},
                },
                "additionalProperties": false,
            }),
        );
    }
    json!({
        "type": ["object", "null"],
        "title": rules.title,
        "description": format!(
            "{}: when a text conversation lands here SAMI runs its system steps ({}), then this card's actions and owner alert.",
            rules.title,
            steps.join("; ")
        ),
        "properties": properties,
        "additionalProperties": false,
    })
}

/// The schema, as a JSON value.
pub fn schema() -> Value {
    let mut outcomes = Map::new();
    for outcome in Outcome::ALL {
        outcomes.insert(outcome.tag().into(), card(rules_for(outcome)));
    }
    let mut messaging = Map::new();
    for rules in Channel::Sms.rules() {
        messaging.insert(rules.outcome.tag().into(), card(rules));
    }
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://raw.githubusercontent.com/sami-bots/samictl/main/schema/samictl-bot-v1.schema.json",
        "title": "SAMI bot outcome configuration, format v1",
        "description": "One SAMI Bot's outcome cards. Generated by `samictl schema`; `samictl validate` checks everything this schema does and more.",
        "type": "object",
        "properties": {
            "version": {"const": 1, "description": "The format version; only 1 exists."},
            "bot": {
                "type": "object",
                "properties": {
                    "name": text(NAME_MAX, "The bot's name."),
                    "direction": {
                        "enum": Direction::ALL.map(Direction::as_str),
                        "description": "inbound | outbound | both. Outbound-capable bots get enrollment locks.",
                    },
                },
                "required": ["name", "direction"],
                "additionalProperties": false,
            },
            "outcomes": {
                "type": ["object", "null"],
                "description": "Outcome tag -> card, each tag at most once.",
                "properties": outcomes,
                "additionalProperties": false,
            },
            "messaging": {
                "type": ["object", "null"],
                "description": format!("The SMS messaging outcomes: outcome tag -> card, for the five outcomes a text conversation lands on ({}).", crate::product::opt_out_landing(Channel::Sms)),
                "properties": messaging,
                "additionalProperties": false,
            },
        },
        "required": ["version", "bot"],
        "additionalProperties": false,
    })
}

/// The schema as committed: pretty JSON with a final newline.
pub fn schema_text() -> String {
    let mut s = serde_json::to_string_pretty(&schema()).unwrap_or_default();
    s.push('\n');
    s
}
