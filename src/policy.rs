//! Org policy per outcome (spec section 15): the `[policy.outcomes.TAG]` tables of
//! `samictl.toml`, the check that refuses a policy the product can't satisfy, and the check of a
//! bot's cards against the policy (rule `policy-violation`).
//!
//! Whether a policy is satisfiable is read from the product table ([`crate::product`]): the
//! action types each outcome allows, whether it offers notifications (and why not), whether it
//! takes analysis criteria, which mid-call options it has and which locks apply to it.

use crate::charclass::escape;
use crate::config_error::ConfigError;
use crate::model::Card;
use crate::outcome::{Direction, Outcome};
use crate::product::{
    ActionType, Channel, MidCallOption, OutcomeRules, UserAction, locked_actions, rules_on,
};
use crate::values::{self, did_you_mean};
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// The keys of a `[policy.outcomes.TAG]` table, in the order findings are reported.
pub const KEYS: [&str; 7] = [
    "require_actions",
    "forbid_actions",
    "require_owner",
    "require_recipients",
    "require_tags",
    "criteria",
    "require_wrap_up",
];

/// What one policy key asks of a card.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Requirement {
    /// `require_actions`: user actions of these types must be on the card.
    RequireActions(Vec<UserAction>),
    /// `forbid_actions`: no user action of these types may be on the card.
    ForbidActions(Vec<UserAction>),
    /// `require_owner = true`: `notify.owner` must be true.
    RequireOwner,
    /// `require_recipients`: these emails (compared case-insensitively) or phones must be in
    /// the card's `notify`.
    RequireRecipients(Vec<String>),
    /// `require_tags`: tag actions with these names (case-insensitive) must be on the card.
    RequireTags(Vec<String>),
    /// `criteria = "default"`: no custom `analysis_criteria` (SAMI's wording).
    DefaultCriteria,
    /// `require_wrap_up = true`: the card sets `mid_call.wrap_up`.
    RequireWrapUp,
}

impl Requirement {
    /// The policy key that states it.
    pub fn key(&self) -> &'static str {
        match self {
            Requirement::RequireActions(_) => "require_actions",
            Requirement::ForbidActions(_) => "forbid_actions",
            Requirement::RequireOwner => "require_owner",
            Requirement::RequireRecipients(_) => "require_recipients",
            Requirement::RequireTags(_) => "require_tags",
            Requirement::DefaultCriteria => "criteria",
            Requirement::RequireWrapUp => "require_wrap_up",
        }
    }

    /// What the requirement asks, in a few words (for `show`).
    pub fn describe(&self) -> String {
        match self {
            Requirement::RequireActions(types) => format!("requires {}", types_list(types)),
            Requirement::ForbidActions(types) => format!("forbids {}", types_list(types)),
            Requirement::RequireOwner => "requires an owner alert (`notify.owner: true`)".into(),
            Requirement::RequireRecipients(r) => format!("requires notifying {}", plain_list(r)),
            Requirement::RequireTags(t) => format!("requires the tag {}", plain_list(t)),
            Requirement::DefaultCriteria => "requires SAMI's default analysis criteria".into(),
            Requirement::RequireWrapUp => "requires a `wrap_up`".into(),
        }
    }
}

/// One key of a `[policy.outcomes.TAG]` table and the `samictl.toml` line it is on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyItem {
    pub requirement: Requirement,
    /// 1-based line of the key in `samictl.toml`.
    pub line: u32,
}

/// Every outcome's policy, each in the order of [`KEYS`].
pub type OutcomePolicies = BTreeMap<Outcome, Vec<PolicyItem>>;

/// A card breaking one policy key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    pub outcome: Outcome,
    pub key: &'static str,
    /// The `samictl.toml` line of the key.
    pub line: u32,
    pub message: String,
    pub help: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

fn a(t: UserAction) -> String {
    match t {
        UserAction::Note => "a `note`".into(),
        UserAction::Task => "a `task`".into(),
        UserAction::Tag => "a `tag`".into(),
    }
}

fn types_list(types: &[UserAction]) -> String {
    join(types.iter().map(|t| a(*t)).collect())
}

fn plain_list(items: &[String]) -> String {
    join(items.iter().map(|s| format!("`{s}`")).collect())
}

fn join(items: Vec<String>) -> String {
    match items.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Checks one outcome's card (`None`: the bot has no card for it) against that outcome's
/// policy; one violation per violated key, in the order of [`KEYS`].
pub fn check_card(outcome: Outcome, items: &[PolicyItem], card: Option<&Card>) -> Vec<Violation> {
    check_card_on(Channel::Call, outcome, items, card)
}

/// As [`check_card`], for a card of `channel`: a messaging card against `[policy.messaging.TAG]`.
pub fn check_card_on(
    channel: Channel,
    outcome: Outcome,
    items: &[PolicyItem],
    card: Option<&Card>,
) -> Vec<Violation> {
    let on = match channel {
        Channel::Call => outcome.to_string(),
        Channel::Sms => format!("SMS {outcome}"),
    };
    let empty = Card::default();
    let c = card.unwrap_or(&empty);
    let user_types: Vec<UserAction> = c
        .actions
        .iter()
        .filter_map(|a| match ActionType::parse(a.value.type_name()) {
            Some(ActionType::User(t)) => Some(t),
            _ => None,
        })
        .collect();
    let add_to = if card.is_some() {
        format!("the {on} card")
    } else {
        match channel {
            Channel::Call => format!("a new `{outcome}:` card (the bot has none)"),
            Channel::Sms => {
                format!("a new `{outcome}:` card under `messaging` (the bot has none)")
            }
        }
    };
    let mut out = Vec::new();
    for item in items {
        let key = item.requirement.key();
        let head = format!("policy `{key}` (samictl.toml:{})", item.line);
        let found: Option<(String, String)> = match &item.requirement {
            Requirement::RequireActions(types) => {
                let missing: Vec<UserAction> = types
                    .iter()
                    .copied()
                    .filter(|t| !user_types.contains(t))
                    .collect();
                (!missing.is_empty()).then(|| {
                    (
                        format!("{head} requires {} on {on}", types_list(&missing)),
                        format!("add {} action to {add_to}", types_list(&missing)),
                    )
                })
            }
            Requirement::ForbidActions(types) => {
                let present: Vec<UserAction> = types
                    .iter()
                    .copied()
                    .filter(|t| user_types.contains(t))
                    .collect();
                (!present.is_empty()).then(|| {
                    (
                        format!("{head} forbids {} on {on}", types_list(&present)),
                        format!(
                            "remove the {} action from the {on} card",
                            join(
                                present
                                    .iter()
                                    .map(|t| format!("`{}`", t.as_str()))
                                    .collect()
                            )
                        ),
                    )
                })
            }
            Requirement::RequireOwner => {
                let owner = c.notify.as_ref().is_some_and(|n| n.owner);
                (!owner).then(|| {
                    (
                        format!("{head} requires an owner alert on {on}"),
                        format!("set `owner: true` under `notify` on {add_to}"),
                    )
                })
            }
            Requirement::RequireRecipients(recipients) => {
                let notified = c.recipients();
                let missing: Vec<String> = recipients
                    .iter()
                    .filter(|r| !notified.contains(&r.to_lowercase()))
                    .cloned()
                    .collect();
                (!missing.is_empty()).then(|| {
                    (
                        format!("{head} requires {on} to notify {}", plain_list(&missing)),
                        format!("add {} to `notify` on {add_to}", plain_list(&missing)),
                    )
                })
            }
            Requirement::RequireTags(tags) => {
                let present = c.tag_names();
                let missing: Vec<String> = tags
                    .iter()
                    .filter(|t| !present.contains(&t.to_lowercase()))
                    .cloned()
                    .collect();
                (!missing.is_empty()).then(|| {
                    let s = if missing.len() == 1 { "" } else { "s" };
                    (
                        format!(
                            "{head} requires the tag{s} {} on {on}",
                            plain_list(&missing)
                        ),
                        format!(
                            "add {} to {add_to}",
                            join(
                                missing
                                    .iter()
                                    .map(|t| format!("`{{type: tag, name: {t}}}`"))
                                    .collect()
                            )
                        ),
                    )
                })
            }
            Requirement::DefaultCriteria => c.analysis_criteria.is_some().then(|| {
                (
                    format!("{head} requires SAMI's default analysis criteria on {on}"),
                    format!("remove `analysis_criteria` from the {on} card"),
                )
            }),
            Requirement::RequireWrapUp => c.mid_call.wrap_up.is_none().then(|| {
                (
                    format!("{head} requires a `mid_call.wrap_up` on {on}"),
                    format!("add `mid_call: {{wrap_up: \"...\"}}` to {add_to}"),
                )
            }),
        };
        if let Some((message, help)) = found {
            out.push(Violation {
                outcome,
                key,
                line: item.line,
                message,
                help,
            });
        }
    }
    out
}

/// Every violation of a checked bot, in canonical outcome order.
pub fn check_bot(policies: &OutcomePolicies, cards: &BTreeMap<Outcome, Card>) -> Vec<Violation> {
    policies
        .iter()
        .flat_map(|(outcome, items)| check_card(*outcome, items, cards.get(outcome)))
        .collect()
}

/// What `diff` flags: each policy key the new version breaks that the old one kept, as
/// `(outcome, reason)`.
pub fn broken_by_change(
    policies: &OutcomePolicies,
    before: &BTreeMap<Outcome, Card>,
    after: &BTreeMap<Outcome, Card>,
) -> Vec<(Outcome, String)> {
    let old = check_bot(policies, before);
    check_bot(policies, after)
        .into_iter()
        .filter(|v| !old.iter().any(|o| o.outcome == v.outcome && o.key == v.key))
        .map(|v| (v.outcome, format!("breaks {}", v.message)))
        .collect()
}

// ---- parsing `[policy.outcomes]` ----

/// The 1-based line of every key in a TOML document, by dotted path
/// (`policy.outcomes.opt-out.criteria`).
pub fn key_lines(text: &str) -> HashMap<String, u32> {
    let mut lines = HashMap::new();
    let Ok(doc) = toml::de::DeTable::parse(text) else {
        return lines;
    };
    let line_of = |offset: usize| -> u32 {
        let upto = text.get(..offset).unwrap_or(text);
        u32::try_from(upto.bytes().filter(|b| *b == b'\n').count() + 1).unwrap_or(u32::MAX)
    };
    // An explicit walk with a stack: no recursion on hostile nesting.
    let mut stack: Vec<(String, &toml::de::DeTable<'_>)> = vec![(String::new(), doc.get_ref())];
    while let Some((prefix, table)) = stack.pop() {
        for (k, v) in table.iter() {
            let path = if prefix.is_empty() {
                k.get_ref().to_string()
            } else {
                format!("{prefix}.{}", k.get_ref())
            };
            // A key may appear in several places (a table header, then its keys): keep the first.
            lines.entry(path.clone()).or_insert(line_of(k.span().start));
            if let Some(t) = v.get_ref().as_table() {
                stack.push((path, t));
            }
        }
    }
    lines
}

fn policy_err(key: &str, line: Option<u32>, message: String) -> ConfigError {
    let at = line
        .map(|l| format!(" (samictl.toml line {l})"))
        .unwrap_or_default();
    ConfigError {
        key: Some(escape(key)),
        message: format!("{message}{at}"),
    }
}

/// Parses `[policy.outcomes]`: a table per outcome tag. Refuses unknown tags and keys, wrong
/// values, and any policy the product can't satisfy, saying why.
pub fn parse_outcomes(
    value: &toml::Value,
    lines: &HashMap<String, u32>,
) -> Result<OutcomePolicies, ConfigError> {
    parse_section(Channel::Call, value, lines)
}

/// Parses `[policy.outcomes]` (call cards) or `[policy.messaging]` (the messaging cards of spec
/// section 17), refusing what the product table of that channel can't satisfy.
pub fn parse_section(
    channel: Channel,
    value: &toml::Value,
    lines: &HashMap<String, u32>,
) -> Result<OutcomePolicies, ConfigError> {
    let section = format!("policy.{}", channel.section());
    let table = value.as_table().ok_or_else(|| {
        let example = crate::product::example::policy(channel);
        policy_err(
            &section,
            lines.get(&section).copied(),
            format!("expected tables: `[{section}.{example}]`"),
        )
    })?;
    let mut policies = OutcomePolicies::new();
    for (tag, body) in table {
        let dotted = format!("{section}.{tag}");
        let line = lines.get(&dotted).copied();
        if channel == Channel::Sms {
            let tags: Vec<&str> = channel.outcomes().iter().map(|o| o.tag()).collect();
            if let Some(o) = Outcome::from_tag(tag).filter(|o| !channel.has(*o)) {
                return Err(policy_err(
                    &dotted,
                    line,
                    format!(
                        "no messaging card for {o}: {}; the messaging outcomes are {}",
                        crate::product::no_card_reason(channel, o),
                        tags.join(", ")
                    ),
                ));
            }
            if Outcome::from_tag(tag).is_none() {
                let help = match did_you_mean(tag, tags.iter().copied()) {
                    Some(t) => format!(" (did you mean `{t}`?)"),
                    None => format!("; the messaging outcomes are {}", tags.join(", ")),
                };
                return Err(policy_err(&dotted, line, format!("unknown outcome{help}")));
            }
        }
        let Some(outcome) = Outcome::from_tag(tag) else {
            let help = match did_you_mean(tag, Outcome::tags()) {
                Some(t) => format!(" (did you mean `{t}`?)"),
                None => format!(
                    "; the outcome tags are {}",
                    Outcome::tags().collect::<Vec<_>>().join(", ")
                ),
            };
            return Err(policy_err(&dotted, line, format!("unknown outcome{help}")));
        };
        let body = body
            .as_table()
            .ok_or_else(|| policy_err(&dotted, line, format!("expected a table: `[{dotted}]`")))?;
        let rules = rules_on(channel, outcome)
            .ok_or_else(|| policy_err(&dotted, line, format!("no {channel} card for {outcome}")))?;
        let mut items = Vec::new();
        for (key, v) in body {
            let dotted = format!("{dotted}.{key}");
            let line = lines.get(&dotted).copied();
            let requirement = parse_item(rules, key, v, &dotted, line)?;
            items.push(PolicyItem {
                requirement,
                line: line.unwrap_or(1),
            });
        }
        items.sort_by_key(|i| KEYS.iter().position(|k| *k == i.requirement.key()));
        coherent(outcome, &items, &dotted, lines)?;
        policies.insert(outcome, items);
    }
    Ok(policies)
}

fn strings(v: &toml::Value, dotted: &str, line: Option<u32>) -> Result<Vec<String>, ConfigError> {
    let bad = || policy_err(dotted, line, "expected a non-empty list of strings".into());
    let items = v.as_array().ok_or_else(bad)?;
    let out: Vec<String> = items
        .iter()
        .map(|i| i.as_str().map(|s| s.trim().to_owned()).ok_or_else(bad))
        .collect::<Result<_, _>>()?;
    if out.is_empty() || out.iter().any(String::is_empty) {
        return Err(bad());
    }
    Ok(out)
}

fn flag(v: &toml::Value, key: &str, dotted: &str, line: Option<u32>) -> Result<(), ConfigError> {
    match v.as_bool() {
        Some(true) => Ok(()),
        Some(false) => Err(policy_err(
            dotted,
            line,
            format!(
                "`{key} = false` requires nothing and reads like a ban, which it isn't; \
                 write `{key} = true` or remove the key"
            ),
        )),
        None => Err(policy_err(dotted, line, "expected `true`".into())),
    }
}

/// The user action types of `require_actions` / `forbid_actions`, refusing locked actions and
/// types the outcome doesn't allow (where requiring them could never be satisfied).
fn action_types(
    rules: &OutcomeRules,
    key: &str,
    v: &toml::Value,
    dotted: &str,
    line: Option<u32>,
) -> Result<Vec<UserAction>, ConfigError> {
    let outcome = rules.outcome;
    let allowed = rules
        .user_actions
        .iter()
        .map(|t| t.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let mut out = Vec::new();
    for name in strings(v, dotted, line)? {
        match ActionType::parse(&name) {
            Some(ActionType::User(t)) => {
                if key == "require_actions" && !rules.user_actions.contains(&t) {
                    return Err(policy_err(
                        dotted,
                        line,
                        format!(
                            "contradicts the product: {outcome} doesn't allow {} action \
                             (it allows {allowed}), so no bot could satisfy this policy",
                            a(t)
                        ),
                    ));
                }
                if !out.contains(&t) {
                    out.push(t);
                }
            }
            Some(ActionType::Locked(l)) if rules.channel == Channel::Sms => {
                return Err(policy_err(
                    dotted,
                    line,
                    format!(
                        "contradicts the product: `{}` is a locked action, and a messaging card \
                         takes none (SAMI's system steps always run); policy keys take task or tag",
                        l.as_str()
                    ),
                ));
            }
            Some(ActionType::Locked(l)) => {
                let applies = locked_actions(outcome, Direction::Both).contains(&l);
                let why = if applies {
                    let on = if l.is_enrollment_lock() {
                        format!("on {outcome} for every outbound-capable bot")
                    } else {
                        format!("on {outcome}")
                    };
                    format!(
                        "`{}` is a locked action that SAMI always runs {on} ({}); \
                         a policy can neither require nor forbid it",
                        l.as_str(),
                        l.reason()
                    )
                } else {
                    format!(
                        "`{}` is a locked action (it applies to {}), not a user action; \
                         policy keys take note, task or tag",
                        l.as_str(),
                        l.applies_to()
                    )
                };
                return Err(policy_err(
                    dotted,
                    line,
                    format!("contradicts the product: {why}"),
                ));
            }
            None if rules.channel == Channel::Sms
                && crate::product::SystemStep::parse(&name).is_some() =>
            {
                let step = crate::product::SystemStep::parse(&name);
                let why = step.map(|s| s.refusal(outcome)).unwrap_or_default();
                return Err(policy_err(
                    dotted,
                    line,
                    format!(
                        "contradicts the product: {why}; policy keys take {}",
                        allowed.replace(", ", " or ")
                    ),
                ));
            }
            None => {
                let names: Vec<&str> = UserAction::ALL.iter().map(|t| t.as_str()).collect();
                let help = did_you_mean(&name, names.iter().copied())
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                return Err(policy_err(
                    dotted,
                    line,
                    format!(
                        "unknown action type `{}`{help}; the user action types are note, task and tag",
                        escape(&name)
                    ),
                ));
            }
        }
    }
    Ok(out)
}

/// Refuses a notification requirement on an outcome without notification controls, with the
/// product table's reason.
fn notify_offered(
    rules: &OutcomeRules,
    key: &str,
    dotted: &str,
    line: Option<u32>,
) -> Result<(), ConfigError> {
    let outcome = rules.outcome;
    if key == "require_recipients" && rules.notify == crate::product::NotifyAccess::OwnerOnly {
        return Err(policy_err(
            dotted,
            line,
            "contradicts the product: a messaging card alerts the contact's owner only, so it \
             has no recipients to require (use `require_owner = true`)"
                .into(),
        ));
    }
    match rules.notify.reason() {
        None => Ok(()),
        Some(reason) => Err(policy_err(
            dotted,
            line,
            format!(
                "contradicts the product: `{key}` needs a notification, but notifications on \
                 {outcome} are {reason}"
            ),
        )),
    }
}

fn parse_item(
    rules: &OutcomeRules,
    key: &str,
    v: &toml::Value,
    dotted: &str,
    line: Option<u32>,
) -> Result<Requirement, ConfigError> {
    let outcome = rules.outcome;
    match key {
        "require_actions" => Ok(Requirement::RequireActions(action_types(
            rules, key, v, dotted, line,
        )?)),
        "forbid_actions" => Ok(Requirement::ForbidActions(action_types(
            rules, key, v, dotted, line,
        )?)),
        "require_owner" => {
            flag(v, key, dotted, line)?;
            notify_offered(rules, key, dotted, line)?;
            Ok(Requirement::RequireOwner)
        }
        "require_recipients" => {
            let list = strings(v, dotted, line)?;
            for r in &list {
                if !values::is_valid_email(r) && !values::is_valid_phone(r) {
                    return Err(policy_err(
                        dotted,
                        line,
                        format!(
                            "`{}` is neither an email address nor an E.164 phone (\"+15125550142\")",
                            escape(r)
                        ),
                    ));
                }
            }
            notify_offered(rules, key, dotted, line)?;
            let list = dedup_folded(list);
            // A card lists at most RECIPIENTS_MAX emails and as many phones: more required
            // ones than that can never be met.
            let emails = list.iter().filter(|r| values::is_valid_email(r)).count();
            let phones = list.len() - emails;
            let max = crate::product::RECIPIENTS_MAX;
            if emails > max || phones > max {
                let (count, kind) = if emails > max {
                    (emails, "emails")
                } else {
                    (phones, "phones")
                };
                return Err(policy_err(
                    dotted,
                    line,
                    format!(
                        "cannot be met: it requires {count} {kind}, and a card lists at most \
                         {max} {kind}"
                    ),
                ));
            }
            Ok(Requirement::RequireRecipients(list))
        }
        "require_tags" => {
            let list = strings(v, dotted, line)?;
            for t in &list {
                if t.chars().count() > crate::product::TAG_MAX
                    || !t.chars().all(values::is_tag_char)
                {
                    return Err(policy_err(
                        dotted,
                        line,
                        format!(
                            "`{}` is not a tag name (1-{} letters, digits, spaces, `-`, `_`, `:`, `/`)",
                            escape(t),
                            crate::product::TAG_MAX
                        ),
                    ));
                }
            }
            if !rules.user_actions.contains(&UserAction::Tag) {
                let allowed = rules
                    .user_actions
                    .iter()
                    .map(|t| t.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                return Err(policy_err(
                    dotted,
                    line,
                    format!(
                        "contradicts the product: {outcome} doesn't allow tag actions \
                         (it allows {allowed}), so no bot could satisfy this policy"
                    ),
                ));
            }
            Ok(Requirement::RequireTags(dedup_folded(list)))
        }
        "criteria" => {
            if v.as_str() != Some("default") {
                return Err(policy_err(
                    dotted,
                    line,
                    "the only value is \"default\" (no custom `analysis_criteria`)".into(),
                ));
            }
            if rules.channel == Channel::Sms {
                return Err(policy_err(
                    dotted,
                    line,
                    "contradicts the product: a messaging card takes no analysis criteria (SAMI \
                     reads the text thread itself)"
                        .into(),
                ));
            }
            if !rules.takes_criteria {
                return Err(policy_err(
                    dotted,
                    line,
                    format!(
                        "contradicts the product: {outcome} takes no analysis criteria (it is \
                         detected from the transfer call events), so there is nothing to keep at \
                         the default"
                    ),
                ));
            }
            Ok(Requirement::DefaultCriteria)
        }
        "require_wrap_up" => {
            flag(v, key, dotted, line)?;
            if !rules.mid_call.contains(&MidCallOption::WrapUp) {
                return Err(policy_err(
                    dotted,
                    line,
                    match rules.channel {
                        Channel::Call => {
                            format!("contradicts the product: {outcome} has no `wrap_up`")
                        }
                        Channel::Sms => "contradicts the product: a messaging card has no \
                                         `mid_call` (nothing is spoken in a text thread)"
                            .to_owned(),
                    },
                ));
            }
            Ok(Requirement::RequireWrapUp)
        }
        other => {
            let help = did_you_mean(other, KEYS)
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            Err(policy_err(
                dotted,
                line,
                format!(
                    "unknown key{help}; `[policy.{}.{outcome}]` takes {}",
                    rules.channel.section(),
                    KEYS.map(|k| format!("`{k}`")).join(", ")
                ),
            ))
        }
    }
}

/// Removes entries equal but for case, keeping the first spelling.
fn dedup_folded(list: Vec<String>) -> Vec<String> {
    // A set of the folded forms: linear in the list (issue 32).
    let mut seen = std::collections::HashSet::new();
    list.into_iter()
        .filter(|s| seen.insert(s.to_lowercase()))
        .collect()
}

/// Refuses a policy at odds with itself: a type both required and forbidden, a tag required
/// where tags are forbidden.
fn coherent(
    outcome: Outcome,
    items: &[PolicyItem],
    dotted: &str,
    lines: &HashMap<String, u32>,
) -> Result<(), ConfigError> {
    let find = |key: &str| items.iter().find(|i| i.requirement.key() == key);
    let Some(forbid) = find("forbid_actions") else {
        return Ok(());
    };
    let Requirement::ForbidActions(forbidden) = &forbid.requirement else {
        return Ok(());
    };
    let mut required: Vec<(UserAction, &str)> = Vec::new();
    if let Some(PolicyItem {
        requirement: Requirement::RequireActions(types),
        ..
    }) = find("require_actions")
    {
        required.extend(types.iter().map(|t| (*t, "require_actions")));
    }
    if find("require_tags").is_some() {
        required.push((UserAction::Tag, "require_tags"));
    }
    for (t, key) in required {
        if forbidden.contains(&t) {
            let forbid_key = format!("{dotted}.forbid_actions");
            return Err(policy_err(
                &forbid_key,
                lines.get(&forbid_key).copied(),
                format!(
                    "contradicts `{key}` on {outcome}: {} can't be both required and forbidden",
                    a(t)
                ),
            ));
        }
    }
    Ok(())
}

/// Refuses required recipients that the recipient policy (`email_domains`, `phone_prefixes`)
/// itself would reject: no card could satisfy both.
pub fn check_recipients_against(
    policies: &OutcomePolicies,
    allows: impl Fn(&str) -> bool,
    lines: &HashMap<String, u32>,
) -> Result<(), ConfigError> {
    for (outcome, items) in policies {
        for item in items {
            if let Requirement::RequireRecipients(list) = &item.requirement
                && let Some(r) = list.iter().find(|r| !allows(r))
            {
                let dotted = format!("policy.outcomes.{outcome}.require_recipients");
                return Err(policy_err(
                    &dotted,
                    lines.get(&dotted).copied(),
                    format!(
                        "`{}` is outside `email_domains` / `phone_prefixes` of `[policy]`: \
                         a card notifying it would break `recipient-not-allowed`",
                        escape(r)
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// Flags, in a behaviour diff, each policy key the new version breaks that the old one kept
/// (a compliance reason on that outcome's change: `breaks policy ...`).
pub fn flag_diff(
    d: &mut crate::behaviour_diff::BotDiff,
    policies: &OutcomePolicies,
    before: &crate::model::Bot,
    after: &crate::model::Bot,
) {
    for (outcome, reason) in broken_by_change(policies, &before.cards, &after.cards) {
        let at = match d
            .changes
            .iter()
            .position(|c| c.outcome == outcome && c.channel() == Channel::Call)
        {
            Some(i) => i,
            None => {
                // Every key checks behaviour, so a new violation comes with a change; keep the
                // flag even if it somehow did not.
                let change = crate::behaviour_diff::Change {
                    outcome,
                    before: crate::simulate::simulate(before, outcome, None),
                    after: crate::simulate::simulate(after, outcome, None),
                    compliance: Vec::new(),
                };
                // The call changes come first, in canonical order.
                let i = d
                    .changes
                    .partition_point(|c| c.channel() == Channel::Call && c.outcome < outcome);
                d.changes.insert(i, change);
                i
            }
        };
        if let Some(change) = d.changes.get_mut(at) {
            change.compliance.push(reason);
        }
    }
}

/// As [`flag_diff`], for `[policy.messaging.TAG]`: each key the new version's messaging cards
/// break that the old ones kept flags that messaging outcome's change.
pub fn flag_diff_messaging(
    d: &mut crate::behaviour_diff::BotDiff,
    policies: &OutcomePolicies,
    before: &crate::model::Bot,
    after: &crate::model::Bot,
) {
    if policies.is_empty() {
        return;
    }
    let empty = BTreeMap::new();
    let old = before.messaging.as_ref().unwrap_or(&empty);
    let new = after.messaging.as_ref().unwrap_or(&empty);
    let check = |cards: &BTreeMap<Outcome, Card>| -> Vec<Violation> {
        policies
            .iter()
            .flat_map(|(o, items)| check_card_on(Channel::Sms, *o, items, cards.get(o)))
            .collect()
    };
    let was = check(old);
    for v in check(new) {
        if was.iter().any(|o| o.outcome == v.outcome && o.key == v.key) {
            continue;
        }
        let reason = format!("breaks {}", v.message);
        match d
            .changes
            .iter_mut()
            .find(|c| c.outcome == v.outcome && c.channel() == Channel::Sms)
        {
            Some(change) => change.compliance.push(reason),
            None => {
                let (Some(b), Some(a)) = (
                    crate::simulate::simulate_sms(before, v.outcome, None),
                    crate::simulate::simulate_sms(after, v.outcome, None),
                ) else {
                    continue;
                };
                d.changes.push(crate::behaviour_diff::Change {
                    outcome: v.outcome,
                    before: b,
                    after: a,
                    compliance: vec![reason],
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse_config;

    #[test]
    fn key_lines_in_every_spelling() {
        let text = "# org\n[policy.outcomes]\nmissed-transfer = { require_recipients = [\"a@b.com\"],\n  require_owner = true }\n\"opt-out\".criteria = \"default\"\n\n[policy.outcomes.not-interested]\nforbid_actions = [\n  \"note\",\n]\n";
        let lines = key_lines(text);
        let at = |k: &str| lines.get(k).copied();
        assert_eq!(at("policy.outcomes"), Some(2));
        assert_eq!(
            at("policy.outcomes.missed-transfer.require_recipients"),
            Some(3)
        );
        assert_eq!(at("policy.outcomes.missed-transfer.require_owner"), Some(4));
        assert_eq!(at("policy.outcomes.opt-out.criteria"), Some(5));
        assert_eq!(at("policy.outcomes.not-interested.forbid_actions"), Some(8));
        let config = parse_config(text).unwrap();
        let lines: Vec<(Outcome, &str, u32)> = config
            .policy
            .outcomes
            .iter()
            .flat_map(|(o, items)| items.iter().map(|i| (*o, i.requirement.key(), i.line)))
            .collect();
        assert_eq!(
            lines,
            [
                (Outcome::MissedTransfer, "require_owner", 4),
                (Outcome::MissedTransfer, "require_recipients", 3),
                (Outcome::OptOut, "criteria", 5),
                (Outcome::NotInterested, "forbid_actions", 8),
            ]
        );
    }

    #[test]
    fn lists_are_deduplicated_case_insensitively() {
        let config = parse_config(
            "[policy.outcomes.opt-out]\nrequire_tags = [\"Opted-Out\", \"opted-out\", \"x\"]\n",
        )
        .unwrap();
        let items = &config.policy.outcomes[&Outcome::OptOut];
        assert_eq!(
            items[0].requirement,
            Requirement::RequireTags(vec!["Opted-Out".into(), "x".into()])
        );
    }

    #[test]
    fn a_missing_card_breaks_requirements_and_keeps_prohibitions() {
        let config = parse_config(
            "[policy.outcomes.unqualified]\nforbid_actions = [\"task\"]\ncriteria = \"default\"\nrequire_wrap_up = true\nrequire_tags = [\"x\"]\n",
        )
        .unwrap();
        let items = &config.policy.outcomes[&Outcome::Unqualified];
        let keys: Vec<&str> = check_card(Outcome::Unqualified, items, None)
            .iter()
            .map(|v| v.key)
            .collect();
        assert_eq!(keys, ["require_tags", "require_wrap_up"]);
    }
}
