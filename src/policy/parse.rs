//! Reading `[policy.outcomes]` and `[policy.messaging]` of `samictl.toml` into
//! [`OutcomePolicies`]: unknown tags and keys and wrong values are refused here, and each
//! requirement is checked against the product ([`super::satisfiable`]) as it is read.

use super::config::{KEYS, KeyAt, OutcomePolicies, PolicyItem, Requirement};
use super::satisfiable::{
    action_types, coherent, criteria_taken, notify_offered, recipients_fit, tags_allowed,
    wrap_up_offered,
};
use crate::charclass::escape;
use crate::config_error::ConfigError;
use crate::outcome::Outcome;
use crate::product::{Channel, OutcomeRules, rules_on};
use crate::values::{self, did_you_mean};
use std::collections::HashMap;

/// The 1-based line of every key in a TOML document, by dotted path
/// (`policy.outcomes.opt-out.criteria`).
pub fn key_lines(text: &str) -> HashMap<String, u32> {
    let mut lines = HashMap::new();
    let Ok(doc) = toml::de::DeTable::parse(text) else {
        return lines;
    };
    // A lookup in the text's line index, not a count of the lines above each key.
    let index = crate::line_index::LineIndex::new(text);
    let line_of = |offset: usize| -> u32 {
        u32::try_from(index.line_of(offset.min(text.len())) + 1).unwrap_or(u32::MAX)
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
        KeyAt::of(&section, lines).refuse(format!("expected tables: `[{section}.{example}]`"))
    })?;
    let mut policies = OutcomePolicies::new();
    for (tag, body) in table {
        let dotted = format!("{section}.{tag}");
        let at = KeyAt::of(&dotted, lines);
        if channel == Channel::Sms {
            let tags: Vec<&str> = channel.outcomes().iter().map(|o| o.as_str()).collect();
            if let Some(o) = Outcome::parse(tag).filter(|o| !channel.has(*o)) {
                return Err(at.refuse(format!(
                    "no messaging card for {o}: {}; the messaging outcomes are {}",
                    crate::product::no_card_reason(channel, o),
                    tags.join(", ")
                )));
            }
            if Outcome::parse(tag).is_none() {
                let help = match did_you_mean(tag, tags.iter().copied()) {
                    Some(t) => format!(" (did you mean `{t}`?)"),
                    None => format!("; the messaging outcomes are {}", tags.join(", ")),
                };
                return Err(at.refuse(format!("unknown outcome{help}")));
            }
        }
        let Some(outcome) = Outcome::parse(tag) else {
            let help = match did_you_mean(tag, Outcome::tags()) {
                Some(t) => format!(" (did you mean `{t}`?)"),
                None => format!(
                    "; the outcome tags are {}",
                    Outcome::tags().collect::<Vec<_>>().join(", ")
                ),
            };
            return Err(at.refuse(format!("unknown outcome{help}")));
        };
        let body = body
            .as_table()
            .ok_or_else(|| at.refuse(format!("expected a table: `[{dotted}]`")))?;
        let rules = rules_on(channel, outcome)
            .ok_or_else(|| at.refuse(format!("no {channel} card for {outcome}")))?;
        let mut items = Vec::new();
        for (key, v) in body {
            let dotted = format!("{dotted}.{key}");
            let at = KeyAt::of(&dotted, lines);
            let requirement = parse_item(rules, key, v, at)?;
            items.push(PolicyItem {
                requirement,
                line: at.line.unwrap_or(1),
            });
        }
        items.sort_by_key(|i| KEYS.iter().position(|k| *k == i.requirement.key()));
        coherent(outcome, &items, &dotted, lines)?;
        policies.insert(outcome, items);
    }
    Ok(policies)
}

fn strings(v: &toml::Value, at: KeyAt<'_>) -> Result<Vec<String>, ConfigError> {
    let bad = || at.refuse("expected a non-empty list of strings");
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

fn flag(v: &toml::Value, key: &str, at: KeyAt<'_>) -> Result<(), ConfigError> {
    match v.as_bool() {
        Some(true) => Ok(()),
        Some(false) => Err(at.refuse(format!(
            "`{key} = false` requires nothing and reads like a ban, which it isn't; \
                 write `{key} = true` or remove the key"
        ))),
        None => Err(at.refuse("expected `true`")),
    }
}

fn parse_item(
    rules: &OutcomeRules,
    key: &str,
    v: &toml::Value,
    at: KeyAt<'_>,
) -> Result<Requirement, ConfigError> {
    let outcome = rules.outcome;
    match key {
        "require_actions" | "forbid_actions" => {
            let types = action_types(rules, key, strings(v, at)?, at)?;
            Ok(if key == "require_actions" {
                Requirement::RequireActions(types)
            } else {
                Requirement::ForbidActions(types)
            })
        }
        "require_owner" => {
            flag(v, key, at)?;
            notify_offered(rules, key, at)?;
            Ok(Requirement::RequireOwner)
        }
        "require_recipients" => {
            let list = strings(v, at)?;
            for r in &list {
                if !values::is_valid_email(r) && !values::is_valid_phone(r) {
                    return Err(at.refuse(format!(
                        "`{}` is neither an email address nor an E.164 phone (\"+15125550142\")",
                        escape(r)
                    )));
                }
            }
            notify_offered(rules, key, at)?;
            let list = dedup_folded(list);
            recipients_fit(&list, at)?;
            Ok(Requirement::RequireRecipients(list))
        }
        "require_tags" => {
            let list = strings(v, at)?;
            for t in &list {
                if t.chars().count() > crate::product::TAG_MAX
                    || !t.chars().all(values::is_tag_char)
                {
                    return Err(at.refuse(format!(
                        "`{}` is not a tag name (1-{} letters, digits, spaces, `-`, `_`, `:`, `/`)",
                        escape(t),
                        crate::product::TAG_MAX
                    )));
                }
            }
            tags_allowed(rules, at)?;
            Ok(Requirement::RequireTags(dedup_folded(list)))
        }
        "criteria" => {
            if v.as_str() != Some("default") {
                return Err(
                    at.refuse("the only value is \"default\" (no custom `analysis_criteria`)")
                );
            }
            criteria_taken(rules, at)?;
            Ok(Requirement::DefaultCriteria)
        }
        "require_wrap_up" => {
            flag(v, key, at)?;
            wrap_up_offered(rules, at)?;
            Ok(Requirement::RequireWrapUp)
        }
        other => {
            let help = did_you_mean(other, KEYS)
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            Err(at.refuse(format!(
                "unknown key{help}; `[policy.{}.{outcome}]` takes {}",
                rules.channel.section(),
                KEYS.map(|k| format!("`{k}`")).join(", ")
            )))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse_config;
    use crate::outcome::Outcome;

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
}
