//! A JSON Schema of the format for editors (yaml-language-server), generated from the same
//! tables the validator reads: the product table, the placeholder-free value rules and the
//! length limits. It is strict on structure (unknown keys and tags, enums, required fields,
//! what each outcome allows); cross-field rules that need the bot's direction (enrollment
//! locks on inbound-only bots) and placeholders are left to `samictl validate`.

use crate::format;
use crate::product::{
    Channel, LockedAction, OptionValue, OutcomeRules, UserAction, requested_time_outcomes,
    rules_for, rules_on, tag_list,
};
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
    let properties = card_properties(rules);
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

/// A messaging card (docs/spec 17): `tag` and `task` actions and an owner alert.
fn sms_card(rules: &OutcomeRules) -> Value {
    let steps: Vec<&str> = rules.system_steps.iter().map(|s| s.label()).collect();
    let properties = card_properties(rules);
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

/// The properties of a card: the keys of the model's card place that this product row takes
/// ([`format::keys_on`]), in canonical order.
fn card_properties(rules: &OutcomeRules) -> Map<String, Value> {
    let card = format::Place::Card(rules.channel);
    let mut properties = Map::new();
    for key in format::keys_on(card, rules.outcome) {
        let value = match key.kind {
            format::Kind::Text { max } => text(max, key.doc),
            format::Kind::Map(place) => json!({
                "type": ["object", "null"],
                "description": key.doc,
                "properties": mapping(place, rules),
                "additionalProperties": false,
            }),
            format::Kind::Actions(_) => json!({
                "type": ["array", "null"],
                "description": key.doc,
                "items": {"oneOf": action_items(rules)},
            }),
            _ => continue,
        };
        properties.insert(key.name.into(), value);
    }
    properties
}

/// The properties of `mid_call` or `notify` on a card: the model's keys this row takes.
fn mapping(place: format::Place, rules: &OutcomeRules) -> Map<String, Value> {
    let mut properties = Map::new();
    for key in format::keys_on(place, rules.outcome) {
        let value = match (key.kind, key.column) {
            (format::Kind::Text { max }, _) => text(max, key.doc),
            (format::Kind::Int { min, max }, format::Column::MidCall(option)) => {
                let preset = match option.value() {
                    OptionValue::Count { preset, .. } => preset,
                    _ => 0,
                };
                json!({
                    "type": "integer", "minimum": min, "maximum": max,
                    "description": format!("{} (SAMI's preset: {preset}).", key.doc),
                })
            }
            (format::Kind::Bool, _) => json!({"type": "boolean", "description": key.doc}),
            (format::Kind::List { max }, _) => {
                let pattern = if key.name == "phones" {
                    PHONE_PATTERN
                } else {
                    EMAIL_PATTERN
                };
                json!({
                    "type": "array", "maxItems": max,
                    "items": {"type": "string", "pattern": pattern},
                    "description": key.doc,
                })
            }
            _ => continue,
        };
        properties.insert(key.name.into(), value);
    }
    properties
}

/// The items an `actions` list takes on a card: its user actions, then its locks.
fn action_items(rules: &OutcomeRules) -> Vec<Value> {
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
    items
}

/// The properties of `bot`, from the model's keys.
fn bot() -> Map<String, Value> {
    let mut properties = Map::new();
    for key in format::BOT {
        let value = match key.kind {
            format::Kind::Text { max } => text(max, key.doc),
            format::Kind::Enum(words) => json!({"enum": words, "description": key.doc}),
            _ => continue,
        };
        properties.insert(key.name.into(), value);
    }
    properties
}

/// The schema, as a JSON value.
pub fn schema() -> Value {
    let mut outcomes = Map::new();
    for outcome in format::card_tags(Channel::Call) {
        outcomes.insert(outcome.as_str().into(), card(rules_for(outcome)));
    }
    let mut messaging = Map::new();
    for outcome in format::card_tags(Channel::Sms) {
        let Some(rules) = rules_on(Channel::Sms, outcome) else {
            continue;
        };
        messaging.insert(outcome.as_str().into(), card(rules));
    }
    let mut root = Map::new();
    for key in format::ROOT {
        let value = match key.name {
            "version" => json!({"const": 1, "description": key.doc}),
            "bot" => json!({
                "type": "object",
                "properties": bot(),
                "required": format::BOT_KEYS,
                "additionalProperties": false,
            }),
            "outcomes" => json!({
                "type": ["object", "null"],
                "description": key.doc,
                "properties": outcomes,
                "additionalProperties": false,
            }),
            _ => json!({
                "type": ["object", "null"],
                "description": format!("The SMS messaging outcomes: outcome tag -> card, for the five outcomes a text conversation lands on ({}).", crate::product::opt_out_landing(Channel::Sms)),
                "properties": messaging,
                "additionalProperties": false,
            }),
        };
        root.insert(key.name.into(), value);
    }
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://raw.githubusercontent.com/sami-bots/samictl/main/schema/samictl-bot-v1.schema.json",
        "title": "SAMI bot outcome configuration, format v1",
        "description": "One SAMI Bot's outcome cards. Generated by `samictl schema`; `samictl validate` checks everything this schema does and more.",
        "type": "object",
        "properties": root,
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
