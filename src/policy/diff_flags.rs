//! What a behaviour diff flags for the policy: each key the new version of a bot breaks that the
//! old one kept, as a compliance reason on that outcome's change (`breaks policy ...`).

use super::check::{Violation, check_bot, check_card_on};
use super::config::OutcomePolicies;
use crate::model::Card;
use crate::outcome::Outcome;
use crate::product::Channel;
use std::collections::BTreeMap;

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
