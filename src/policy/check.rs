//! The check of a bot's cards against the policy (rule `policy-violation`): each key a card
//! breaks is one [`Violation`], carrying the [`Problem`] its wording and its fix come from.

use super::config::{OutcomePolicies, PolicyItem, Requirement};
use super::problem::{CardPlace, Problem};
use crate::model::Card;
use crate::outcome::Outcome;
use crate::product::{ActionType, Channel, UserAction};
use std::collections::{BTreeMap, HashSet};
use std::fmt;

/// A card breaking one policy key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    pub outcome: Outcome,
    pub key: &'static str,
    /// The `samictl.toml` line of the key.
    pub line: u32,
    /// The card: its section, and whether the bot has it.
    pub place: CardPlace,
    /// What the card breaks, as facts.
    pub problem: Problem,
    /// The finding's message and help, worded from `problem`.
    pub message: String,
    pub help: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Checks one outcome's card (`None`: the bot has no card for it) against that outcome's
/// policy; one violation per violated key, in the order of [`super::KEYS`].
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
    let place = CardPlace {
        channel,
        outcome,
        exists: card.is_some(),
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
    let mut out = Vec::new();
    for item in items {
        let Some(problem) = problem(&item.requirement, c, &user_types) else {
            continue;
        };
        let key = item.requirement.key();
        out.push(Violation {
            outcome,
            key,
            line: item.line,
            place,
            message: problem.message(&place, key, item.line),
            help: problem.help(&place),
            problem,
        });
    }
    out
}

/// The required entries (as the policy spells them) that the card's lower-cased `present` set
/// lacks, compared case-insensitively; `None` when it has them all.
fn missing(required: &[String], present: &HashSet<String>) -> Option<Vec<String>> {
    let missing: Vec<String> = required
        .iter()
        .filter(|r| !present.contains(&r.to_lowercase()))
        .cloned()
        .collect();
    (!missing.is_empty()).then_some(missing)
}

/// What card `c` (whose user action types are `user_types`) breaks of `requirement`, if anything.
fn problem(requirement: &Requirement, c: &Card, user_types: &[UserAction]) -> Option<Problem> {
    match requirement {
        Requirement::RequireActions(types) => {
            let missing: Vec<UserAction> = types
                .iter()
                .copied()
                .filter(|t| !user_types.contains(t))
                .collect();
            (!missing.is_empty()).then_some(Problem::MissingActions(missing))
        }
        Requirement::ForbidActions(types) => {
            let present: Vec<UserAction> = types
                .iter()
                .copied()
                .filter(|t| user_types.contains(t))
                .collect();
            (!present.is_empty()).then_some(Problem::ForbiddenActions(present))
        }
        Requirement::RequireOwner => {
            let owner = c.notify.as_ref().is_some_and(|n| n.owner);
            (!owner).then_some(Problem::NoOwnerAlert)
        }
        Requirement::RequireRecipients(recipients) => {
            missing(recipients, &c.recipients()).map(Problem::MissingRecipients)
        }
        Requirement::RequireTags(tags) => missing(tags, &c.tag_names()).map(Problem::MissingTags),
        Requirement::DefaultCriteria => c
            .analysis_criteria
            .is_some()
            .then_some(Problem::CustomCriteria),
        Requirement::RequireWrapUp => c.mid_call.wrap_up.is_none().then_some(Problem::NoWrapUp),
    }
}

/// Every violation of a checked bot, in canonical outcome order.
pub fn check_bot(policies: &OutcomePolicies, cards: &BTreeMap<Outcome, Card>) -> Vec<Violation> {
    policies
        .iter()
        .flat_map(|(outcome, items)| check_card(*outcome, items, cards.get(outcome)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse_config;

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

    #[test]
    fn a_violation_carries_the_facts_its_wording_comes_from() {
        let config =
            parse_config("[policy.outcomes.opt-out]\nrequire_tags = [\"Opted-Out\", \"dnc\"]\n")
                .unwrap();
        let items = &config.policy.outcomes[&Outcome::OptOut];
        let card = Card {
            actions: vec![crate::model::Located {
                value: crate::model::Action::Tag {
                    name: "opted-out".into(),
                },
                line: 5,
            }],
            ..Card::default()
        };
        let v = check_card(Outcome::OptOut, items, Some(&card));
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].problem, Problem::MissingTags(vec!["dnc".into()]));
        assert_eq!(
            v[0].place,
            CardPlace {
                channel: Channel::Call,
                outcome: Outcome::OptOut,
                exists: true
            }
        );
        assert_eq!(
            v[0].message,
            v[0].problem.message(&v[0].place, "require_tags", 2)
        );
        assert_eq!(
            v[0].help,
            "add `{type: tag, name: dnc}` to the opt-out card"
        );
    }
}
