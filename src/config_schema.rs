//! A JSON Schema of `samictl.toml` for TOML editors (Taplo / Even Better TOML), generated from
//! the rule table and the product table, like the bot-file schema of [`crate::schema`]. It
//! knows what each outcome's policy may ask (the action types it allows, whether it offers
//! notifications and takes criteria), so an editor flags most contradictions as they are typed;
//! `samictl` itself checks everything this schema does and more (recipients against
//! `email_domains`, a type both required and forbidden).

use crate::outcome::Outcome;
use crate::product::{MidCallOption, UserAction, rules_for};
use crate::rules::{Level, Rule};
use serde_json::{Map, Value, json};

/// Where the committed schema lives, relative to the repository root.
pub const CONFIG_SCHEMA_PATH: &str = "schema/samictl-toml.schema.json";

const EMAIL_OR_PHONE: &str = r"^([^@\s]+@[^@\s.]+(\.[^@\s.]+)+|\+[1-9][0-9]{7,14})$";

fn type_list(types: &[UserAction], description: &str) -> Value {
    json!({
        "type": "array",
        "minItems": 1,
        "items": {"enum": types.iter().map(|t| t.as_str()).collect::<Vec<_>>()},
        "description": description,
    })
}

fn outcome_policy(outcome: Outcome) -> Value {
    policy_of(rules_for(outcome))
}

/// The policy table of one card of the product table (a call card or a messaging card).
fn policy_of(rules: &crate::product::OutcomeRules) -> Value {
    let outcome = rules.outcome;
    let sms = rules.channel == crate::product::Channel::Sms;
    let mut p = Map::new();
    p.insert(
        "require_actions".into(),
        type_list(
            rules.user_actions,
            "User action types the card must have (those this outcome allows).",
        ),
    );
    p.insert(
        "forbid_actions".into(),
        type_list(
            &UserAction::ALL,
            "User action types the card must not have.",
        ),
    );
    if rules.notify.is_allowed() {
        p.insert(
            "require_owner".into(),
            json!({"const": true, "description": "notify.owner must be true."}),
        );
    }
    if rules.notify == crate::product::NotifyAccess::Allowed {
        p.insert(
            "require_recipients".into(),
            json!({
                "type": "array",
                "minItems": 1,
                "items": {"type": "string", "pattern": EMAIL_OR_PHONE},
                "description": "Emails (case-insensitive) or E.164 phones the card's notify must list.",
            }),
        );
    }
    if rules.user_actions.contains(&UserAction::Tag) {
        p.insert(
            "require_tags".into(),
            json!({
                "type": "array",
                "minItems": 1,
                "items": {"type": "string", "minLength": 1, "maxLength": crate::validate::TAG_MAX},
                "description": "Tag actions the card must have (case-insensitive).",
            }),
        );
    }
    if rules.takes_criteria {
        p.insert(
            "criteria".into(),
            json!({"const": "default", "description": "No custom analysis_criteria: SAMI's wording."}),
        );
    }
    if rules.mid_call.contains(&MidCallOption::WrapUp) {
        p.insert(
            "require_wrap_up".into(),
            json!({"const": true, "description": "mid_call.wrap_up must be set."}),
        );
    }
    let on = if sms { "the messaging card " } else { "" };
    json!({
        "type": "object",
        "description": format!("Org policy for {on}{outcome} (rule policy-violation)."),
        "properties": p,
        "additionalProperties": false,
    })
}

/// The schema as a JSON value.
pub fn config_schema() -> Value {
    let mut levels = Map::new();
    for rule in Rule::all().filter(|r| r.is_warning_rule()) {
        levels.insert(
            rule.id().into(),
            json!({"enum": Level::NAMES, "description": rule.info().summary}),
        );
    }
    let mut outcomes = Map::new();
    for outcome in Outcome::ALL {
        outcomes.insert(outcome.as_str().into(), outcome_policy(outcome));
    }
    let mut messaging = Map::new();
    for rules in crate::product::Channel::Sms.rules() {
        messaging.insert(rules.outcome.as_str().into(), policy_of(rules));
    }
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://raw.githubusercontent.com/sami-bots/samictl/main/schema/samictl-toml.schema.json",
        "title": "samictl.toml",
        "description": "samictl's configuration: the default bot file, warning levels and org policy. Generated from samictl's rule and product tables.",
        "type": "object",
        "properties": {
            "bot": {"type": "string", "minLength": 1, "description": "Default bot file for show, simulate and edit, relative to this file."},
            "files": {
                "type": "object",
                "description": "Which files folder walks leave out.",
                "properties": {
                    "exclude": {"type": "array", "items": {"type": "string", "minLength": 1}, "description": "Globs, relative to this file's folder, of paths left out of folder walks (validate, fix, fleet show/simulate, diff --git, the language server); `*` stays within a folder, `**` crosses folders."},
                },
                "additionalProperties": false,
            },
            "rules": {
                "type": "object",
                "description": "Levels of warning rules (errors can't be relaxed).",
                "properties": levels,
                "additionalProperties": false,
            },
            "policy": {
                "type": "object",
                "properties": {
                    "email_domains": {"type": "array", "items": {"type": "string", "pattern": r"^[^@\s]+$"}, "description": "Notify emails and task assignees must be in these domains."},
                    "phone_prefixes": {"type": "array", "items": {"type": "string", "pattern": r"^\+[0-9]+$"}, "description": "Notify phones must start with one of these."},
                    "outcomes": {
                        "type": "object",
                        "description": "What each outcome's card must and must not do (docs/policy.md).",
                        "properties": outcomes,
                        "additionalProperties": false,
                    },
                    "messaging": {
                        "type": "object",
                        "description": "What each messaging (SMS) card must and must not do (docs/policy.md).",
                        "properties": messaging,
                        "additionalProperties": false,
                    },
                },
                "additionalProperties": false,
            },
        },
        "additionalProperties": false,
    })
}

/// The schema as committed: pretty JSON with a final newline.
pub fn config_schema_text() -> String {
    let mut s = serde_json::to_string_pretty(&config_schema()).unwrap_or_default();
    s.push('\n');
    s
}
