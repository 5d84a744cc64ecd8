//! Everything the generated docs read from the product: the one place that calls into
//! `product.rs` (and the few constants and rules around it). The rest of `docs/` only sees the
//! plain rows below, so a change to the shape of the product table is a change here.

use samictl::outcome::{Direction, Outcome};
use samictl::product::{
    self, Channel, LockedAction, MidCallOption, OptionValue, PLACEHOLDERS, SystemStep, TextField,
    UserAction,
};
use samictl::rules::Rule;

/// The channels, in the order the docs list them (calls first).
pub fn channels() -> [Channel; 2] {
    Channel::ALL
}

/// The top-level key holding a channel's cards (`outcomes`, `messaging`).
pub fn section(channel: Channel) -> &'static str {
    channel.section()
}

/// One card of one channel, as the docs describe it.
#[derive(Debug)]
pub struct CardDoc {
    pub tag: &'static str,
    /// The card's title in the web editor ("Not interested (covers SMS opt-outs)").
    pub title: &'static str,
    /// The card's name in a sentence: the title without its parenthesis.
    pub name: &'static str,
    /// What landing here means, in one line.
    pub meaning: &'static str,
    /// Every user action type, and whether the card allows it.
    pub actions: Vec<(&'static str, bool)>,
    /// The keys its `notify` block takes (empty: no notification controls).
    pub notify_keys: &'static [&'static str],
    /// Why the card has no notification controls.
    pub notify_reason: Option<&'static str>,
    pub takes_criteria: bool,
    /// `due_in: requested-time` and the `requested_time` placeholder exist here.
    pub requested_time: bool,
    /// The steps SAMI runs by itself, in order (messaging cards).
    pub system_steps: Vec<&'static str>,
    /// The locks that apply on every bot, whatever its direction, as sentence names.
    pub every_bot_locks: Vec<&'static str>,
}

/// The cards of a channel, in its listing order.
pub fn cards(channel: Channel) -> Vec<CardDoc> {
    channel
        .rules()
        .iter()
        .map(|row| {
            let sms = channel == Channel::Sms;
            CardDoc {
                tag: row.outcome.as_str(),
                title: row.title,
                name: row.title.split(" (").next().unwrap_or(row.title),
                meaning: if sms {
                    product::messaging_meaning(row.outcome).unwrap_or("")
                } else {
                    row.outcome.meaning()
                },
                actions: UserAction::ALL
                    .into_iter()
                    .map(|a| (a.as_str(), row.user_actions.contains(&a)))
                    .collect(),
                notify_keys: row.notify.keys(),
                notify_reason: row.notify.reason(),
                takes_criteria: row.takes_criteria,
                requested_time: row.requested_time,
                system_steps: row.system_steps.iter().map(|s| s.as_str()).collect(),
                every_bot_locks: if sms {
                    Vec::new()
                } else {
                    every_bot_locks(row.outcome)
                },
            }
        })
        .collect()
}

fn every_bot_locks(outcome: Outcome) -> Vec<&'static str> {
    LockedAction::ALL
        .into_iter()
        .filter(|l| {
            Direction::ALL
                .into_iter()
                .all(|d| product::locked_actions(outcome, d).contains(l))
        })
        .map(LockedAction::sentence_name)
        .collect()
}

/// Which bots a lock applies on.
#[derive(Debug, PartialEq, Eq)]
pub enum Bots {
    Every,
    OutboundCapable,
    /// Some other set of directions (none today).
    Directions(Vec<&'static str>),
}

/// A locked action, where it applies and why.
#[derive(Debug)]
pub struct LockDoc {
    pub name: &'static str,
    pub reason: &'static str,
    pub bots: Bots,
    /// The outcomes it fires on (on a bot where it applies), in canonical order.
    pub outcomes: Vec<&'static str>,
}

pub fn locks() -> Vec<LockDoc> {
    LockedAction::ALL
        .into_iter()
        .map(|lock| {
            let fires = |o: Outcome, d: Direction| product::locked_actions(o, d).contains(&lock);
            let directions: Vec<Direction> = Direction::ALL
                .into_iter()
                .filter(|d| Outcome::ALL.into_iter().any(|o| fires(o, *d)))
                .collect();
            let outbound: Vec<Direction> = Direction::ALL
                .into_iter()
                .filter(|d| d.is_outbound_capable())
                .collect();
            let bots = if directions.len() == Direction::ALL.len() {
                Bots::Every
            } else if directions == outbound {
                Bots::OutboundCapable
            } else {
                Bots::Directions(directions.iter().map(|d| d.as_str()).collect())
            };
            LockDoc {
                name: lock.as_str(),
                reason: lock.reason(),
                bots,
                outcomes: Outcome::ALL
                    .into_iter()
                    .filter(|o| Direction::ALL.into_iter().any(|d| fires(*o, d)))
                    .map(Outcome::as_str)
                    .collect(),
            }
        })
        .collect()
}

/// A step SAMI runs by itself on a messaging card.
#[derive(Debug)]
pub struct StepDoc {
    pub name: &'static str,
    pub label: &'static str,
    pub reason: &'static str,
}

pub fn system_steps() -> Vec<StepDoc> {
    SystemStep::ALL
        .into_iter()
        .map(|s| StepDoc {
            name: s.as_str(),
            label: s.label(),
            reason: s.reason(),
        })
        .collect()
}

/// A `mid_call` option.
#[derive(Debug)]
pub struct OptionDoc {
    pub key: &'static str,
    /// Its value, in words ("integer 1-10").
    pub value: String,
    /// The call outcomes it is allowed on.
    pub outcomes: Vec<&'static str>,
    pub meaning: &'static str,
    /// SAMI's preset when a card doesn't set it.
    pub preset: Option<String>,
}

pub fn mid_call_options() -> Vec<OptionDoc> {
    MidCallOption::ALL
        .into_iter()
        .map(|o| OptionDoc {
            key: o.key(),
            value: match o.value() {
                OptionValue::Text { max_chars } => format!("string, 1-{max_chars} characters"),
                OptionValue::Count { range, .. } => {
                    format!("integer {}-{}", range.start(), range.end())
                }
                OptionValue::Flag => "`true` / `false`".to_owned(),
            },
            outcomes: o.outcomes().into_iter().map(Outcome::as_str).collect(),
            meaning: o.describe(),
            preset: match o.value() {
                OptionValue::Count { preset, .. } => Some(preset.to_string()),
                OptionValue::Text { .. } | OptionValue::Flag => None,
            },
        })
        .collect()
}

/// Every call outcome's tag, in canonical order.
pub fn call_tags() -> Vec<&'static str> {
    Outcome::tags().collect()
}

/// The call outcomes with their display names and meanings, in canonical order.
pub fn call_outcomes() -> Vec<(&'static str, &'static str, &'static str)> {
    Outcome::ALL
        .into_iter()
        .map(|o| (o.as_str(), o.display_name(), o.meaning()))
        .collect()
}

/// What SAMI's preset card (the init template's) does per call outcome, in canonical order:
/// the display name and the summary, `None` when the preset adds no user action.
pub fn presets() -> Vec<(&'static str, Option<&'static str>)> {
    Outcome::ALL
        .into_iter()
        .map(|o| (o.display_name(), samictl::init::preset_summary(o)))
        .collect()
}

/// A user action type, its fields (described) and what it does.
#[derive(Debug)]
pub struct ActionDoc {
    pub name: &'static str,
    pub fields: Vec<String>,
    pub does: &'static str,
}

pub fn user_actions() -> Vec<ActionDoc> {
    UserAction::ALL
        .into_iter()
        .map(|a| ActionDoc {
            name: a.as_str(),
            fields: a.fields().iter().map(|f| field_text(a, f)).collect(),
            does: a.describe(),
        })
        .collect()
}

/// One field of a user action in words: whether it is required, its length limit and
/// whether it takes placeholders come from the table ([`UserAction::field_specs`]); what a
/// value looks like is wording kept here.
fn field_text(action: UserAction, field: &str) -> String {
    let Some(spec) = action.field(field) else {
        return format!("`{field}`");
    };
    let mut parts: Vec<String> = Vec::new();
    match (spec.required, spec.max_chars) {
        (true, Some(max)) => parts.push(format!("required, 1-{max} characters")),
        (true, None) => parts.push("required".to_owned()),
        (false, Some(max)) => parts.push(format!("optional, at most {max} characters")),
        (false, None) => {}
    }
    match (action, field) {
        (UserAction::Task, "due_in") => {
            parts.push("optional: a duration, or `requested-time`".to_owned());
        }
        (UserAction::Task, "assignee") => {
            parts.push("optional: `owner` or an email address; default `owner`".to_owned());
        }
        (UserAction::Tag, "name") => {
            if let Some(last) = parts.last_mut() {
                last.push_str(": letters, digits, space, `-`, `_`, `:`, `/`");
            }
        }
        _ => {}
    }
    if spec.placeholders.is_some() {
        parts.push("placeholders allowed".to_owned());
    }
    if parts.is_empty() {
        format!("`{field}`")
    } else {
        format!("`{field}` ({})", parts.join(", "))
    }
}

/// A key of a full `notify` block: its value and meaning in words (limits from the
/// validator's constants); a key this match doesn't know gets empty cells.
pub fn notify_keys() -> Vec<(&'static str, String, &'static str)> {
    let max = samictl::validate::RECIPIENTS_MAX;
    all_notify_keys()
        .iter()
        .map(|&key| match key {
            "owner" => (
                key,
                "`true` / `false`, default `false`".to_owned(),
                "alert the contact's assigned user",
            ),
            "emails" => (
                key,
                format!("list of email addresses, at most {max}"),
                "extra people to notify by email",
            ),
            "phones" => (
                key,
                format!(
                    "list of E.164 numbers (`+`, then 8-15 digits, the first not 0), at most {max}"
                ),
                "extra people to notify by text",
            ),
            _ => (key, String::new(), ""),
        })
        .collect()
}

/// Why the transfer outcomes take no `analysis_criteria`.
pub fn no_criteria_reason() -> &'static str {
    product::NO_CRITERIA_REASON
}

/// The text fields placeholders are filled in, in the order the format lists them.
const PLACEHOLDER_FIELDS: [TextField; 3] =
    [TextField::NoteText, TextField::TaskTitle, TextField::WrapUp];

/// A placeholder and where it may be used.
#[derive(Debug)]
pub struct PlaceholderDoc {
    pub name: &'static str,
    pub what: &'static str,
    /// The fields it is filled in (on a call card where it exists), described.
    pub fields: Vec<&'static str>,
    /// The call outcomes it exists on.
    pub call_outcomes: Vec<&'static str>,
    /// The messaging cards whose task titles take it.
    pub sms_outcomes: Vec<&'static str>,
    /// True when "fields x outcomes" is exact: allowed in every listed field on every listed
    /// outcome. The table says so when it isn't; a test checks it is.
    pub separable: bool,
}

pub fn placeholders() -> Vec<PlaceholderDoc> {
    PLACEHOLDERS
        .iter()
        .map(|&(name, what)| {
            let ok = |rules, field| product::check_placeholder_in(rules, name, field).is_ok();
            let calls = Channel::Call.rules();
            let fields: Vec<TextField> = PLACEHOLDER_FIELDS
                .into_iter()
                .filter(|f| calls.iter().any(|r| ok(r, *f)))
                .collect();
            let outcomes: Vec<_> = calls
                .iter()
                .filter(|r| PLACEHOLDER_FIELDS.into_iter().any(|f| ok(r, f)))
                .collect();
            let separable = calls.iter().all(|r| {
                PLACEHOLDER_FIELDS.into_iter().all(|f| {
                    ok(r, f)
                        == (fields.contains(&f) && outcomes.iter().any(|o| o.outcome == r.outcome))
                })
            });
            PlaceholderDoc {
                name,
                what,
                fields: fields.into_iter().map(TextField::describe).collect(),
                call_outcomes: outcomes.iter().map(|r| r.outcome.as_str()).collect(),
                sms_outcomes: Channel::Sms
                    .rules()
                    .iter()
                    .filter(|r| ok(r, TextField::TaskTitle))
                    .map(|r| r.outcome.as_str())
                    .collect(),
                separable,
            }
        })
        .collect()
}

/// A warning that an existing call card with no task and no notification gets.
#[derive(Debug)]
pub struct WarningDoc {
    pub tag: &'static str,
    pub rule: &'static str,
    pub summary: &'static str,
}

/// The follow-up warnings, from the table's `follow_up` column (call cards).
pub fn follow_up_warnings() -> Vec<WarningDoc> {
    Outcome::ALL
        .into_iter()
        .filter_map(|o| {
            let warning = samictl::product::rules_for(o).follow_up?;
            Some(WarningDoc {
                tag: o.as_str(),
                rule: warning.rule.id(),
                summary: warning.rule.info().summary,
            })
        })
        .collect()
}

/// The rule ids the generated sentences name.
pub fn rule_ids() -> RuleIds {
    RuleIds {
        notify_not_allowed: Rule::NotifyNotAllowed.id(),
        option_not_allowed: Rule::OptionNotAllowed.id(),
        unknown_placeholder: Rule::UnknownPlaceholder.id(),
    }
}

pub struct RuleIds {
    pub notify_not_allowed: &'static str,
    pub option_not_allowed: &'static str,
    pub unknown_placeholder: &'static str,
}

/// Every key a full `notify` block takes (`owner`, `emails`, `phones`).
pub fn all_notify_keys() -> &'static [&'static str] {
    product::NotifyAccess::Allowed.keys()
}
