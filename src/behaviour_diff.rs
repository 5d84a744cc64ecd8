//! Behaviour diff: what a change to a bot file does to each outcome's simulated result (the
//! diff `samictl diff` shows; the line diff of two sequences is `seqdiff`).

use crate::model::Action;
use crate::model::Bot;
use crate::opt_out::opt_out_phrases;
use crate::outcome::{Direction, Outcome};
use crate::product::{Channel, OptOutRole, opt_out_outcomes, rules_for, rules_on, tag_list};
use crate::simulate::{Fired, Simulation, simulate, simulate_sms};

/// How one outcome's behaviour changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Change {
    pub(crate) outcome: Outcome,
    pub(crate) before: Simulation,
    pub(crate) after: Simulation,
    /// Why the change touches compliance; empty when it doesn't.
    pub(crate) compliance: Vec<String>,
}

impl Change {
    /// The change of `outcome` from `before` to `after`, its compliance reasons as `compliance`
    /// (the call cards' or the messaging cards') gives them.
    fn new(
        outcome: Outcome,
        before: Simulation,
        after: Simulation,
        compliance: fn(Outcome, &Simulation, &Simulation) -> Vec<String>,
    ) -> Change {
        let compliance = compliance(outcome, &before, &after);
        Change {
            outcome,
            before,
            after,
            compliance,
        }
    }

    /// The channel of the changed outcome: a call card, or a messaging card.
    pub(crate) fn channel(&self) -> Channel {
        self.after.channel
    }

    pub(crate) fn criteria_changed(&self) -> bool {
        self.before.analysis_criteria != self.after.analysis_criteria
    }

    pub(crate) fn mid_call_changed(&self) -> bool {
        self.before.mid_call != self.after.mid_call
    }

    pub(crate) fn fires_changed(&self) -> bool {
        self.before
            .steps
            .iter()
            .map(|s| &s.fired)
            .ne(self.after.steps.iter().map(|s| &s.fired))
    }
}

/// The behaviour difference between two bots.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BotDiff {
    /// `(before, after)` when the bot was renamed (`{{ bot.name }}` changes).
    pub(crate) renamed: Option<(String, String)>,
    /// `(before, after)` when the direction changed.
    pub(crate) direction: Option<(Direction, Direction)>,
    /// Changed outcomes: the call outcomes in canonical order, then the messaging outcomes.
    pub(crate) changes: Vec<Change>,
}

impl BotDiff {
    /// True when no outcome behaves differently (a rename or a direction change that moves
    /// no lock is reported, but is not a behaviour change).
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    pub(crate) fn touches_compliance(&self) -> bool {
        self.changes.iter().any(|c| !c.compliance.is_empty())
    }
}

/// Who a simulation notifies or assigns, lower-cased.
fn recipients(sim: &Simulation) -> Vec<String> {
    sim.fires()
        .filter_map(|f| match f {
            Fired::NotifyOwner => Some("the assigned user".to_owned()),
            Fired::NotifyEmail { to } | Fired::NotifyPhone { to } => Some(to.to_lowercase()),
            Fired::Action(Action::Task { assignee, .. }) => match assignee {
                crate::model::Assignee::Email(e) => Some(e.to_lowercase()),
                crate::model::Assignee::Owner => None,
            },
            _ => None,
        })
        .collect()
}

fn compliance(outcome: Outcome, before: &Simulation, after: &Simulation) -> Vec<String> {
    let mut reasons = Vec::new();
    let role = rules_for(outcome).opt_out;
    if role == OptOutRole::LandsHere {
        reasons.push(format!("{outcome} behaviour changed (TCPA)"));
    }
    let locks = |s: &Simulation| -> Vec<&'static str> {
        s.fires()
            .filter(|f| f.is_locked())
            .map(Fired::type_name)
            .collect()
    };
    if locks(before) != locks(after) {
        reasons.push("locked actions changed".to_owned());
    }
    if before.analysis_criteria != after.analysis_criteria {
        if role != OptOutRole::Apart {
            reasons.push(format!(
                "analysis criteria of {outcome} changed: they decide which calls land on {} (TCPA)",
                tag_list(&opt_out_outcomes(Channel::Call), " and ")
            ));
        }
        if role != OptOutRole::LandsHere {
            let phrases = |s: &Simulation| -> Vec<String> {
                s.analysis_criteria
                    .as_deref()
                    .map(opt_out_phrases)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|p| p.text.to_lowercase())
                    .collect()
            };
            let was = phrases(before);
            let new: Vec<String> = phrases(after)
                .into_iter()
                .filter(|p| !was.contains(p))
                .collect();
            if !new.is_empty() {
                reasons.push(format!(
                    "analysis criteria of {outcome} now catch a request to stop contact (\"{}\"): such a call would not fire do-not-contact (TCPA)",
                    new.join("\", \"")
                ));
            }
            // The warning stops firing: the criteria no longer catch a stop request (a fix, or
            // a rewording the reviewer should see either way).
            if !was.is_empty() && phrases(after).is_empty() {
                reasons.push(format!(
                    "analysis criteria of {outcome} no longer catch a request to stop contact (was \"{}\"): criteria-catches-opt-out stops firing (TCPA)",
                    was.join("\", \"")
                ));
            }
        }
    }
    let old = recipients(before);
    for r in recipients(after) {
        if !old.contains(&r) && !reasons.contains(&format!("new recipient: {r}")) {
            reasons.push(format!("new recipient: {r}"));
        }
    }
    reasons
}

/// Why a change to a messaging card touches compliance.
fn sms_compliance(outcome: Outcome, before: &Simulation, after: &Simulation) -> Vec<String> {
    let mut reasons = Vec::new();
    if rules_on(Channel::Sms, outcome).is_some_and(|r| r.opt_out == OptOutRole::LandsHere) {
        reasons.push(format!(
            "SMS {outcome} behaviour changed: SMS opt-outs land there (TCPA)"
        ));
    }
    let old = recipients(before);
    for r in recipients(after) {
        if !old.contains(&r) {
            reasons.push(format!("new recipient: {r}"));
        }
    }
    reasons
}

/// Compares the simulated behaviour of every outcome (each bot with its own direction).
pub fn diff(before: &Bot, after: &Bot) -> BotDiff {
    let mut changes = Vec::new();
    for outcome in Outcome::ALL {
        let b = simulate(before, outcome, None);
        let a = simulate(after, outcome, None);
        let fires_same = b.fires().eq(a.fires());
        if fires_same && b.mid_call == a.mid_call && b.analysis_criteria == a.analysis_criteria {
            continue;
        }
        changes.push(Change::new(outcome, b, a, compliance));
    }
    // The messaging cards (docs/spec 17), when either side has a `messaging` section.
    if before.messaging.is_some() || after.messaging.is_some() {
        for outcome in Channel::Sms.outcomes() {
            let (Some(b), Some(a)) = (
                simulate_sms(before, outcome, None),
                simulate_sms(after, outcome, None),
            ) else {
                continue;
            };
            if b.fires().eq(a.fires()) {
                continue;
            }
            changes.push(Change::new(outcome, b, a, sms_compliance));
        }
    }
    BotDiff {
        renamed: (before.name != after.name).then(|| (before.name.clone(), after.name.clone())),
        direction: (before.direction != after.direction)
            .then_some((before.direction, after.direction)),
        changes,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::config::Settings;

    /// The bot of a valid bot file (the fleet's tests read theirs with it too).
    pub(crate) fn bot(src: &str) -> Bot {
        crate::validate::check(src, &Settings::default())
            .bot
            .unwrap()
    }

    const BASE: &str = "version: 1\nbot: {name: x, direction: outbound}\noutcomes:\n  opt-out:\n    actions:\n      - type: tag\n        name: opted-out\n  unqualified:\n    notify:\n      owner: true\n";

    #[test]
    fn comments_and_formatting_are_no_change() {
        let reformatted = "# a comment\nversion: 1\nbot:\n  direction: outbound\n  name: x\noutcomes:\n  unqualified: {notify: {owner: true}}\n  opt-out:\n    actions: [{type: tag, name: opted-out}]\n";
        assert!(diff(&bot(BASE), &bot(reformatted)).is_empty());
    }

    #[test]
    fn changes_are_listed_in_canonical_order_and_flagged() {
        let changed = BASE
            .replace("name: opted-out", "name: opted-out-2")
            .replace("owner: true", "owner: true\n      emails: [boss@acme.com]");
        let d = diff(&bot(BASE), &bot(&changed));
        let outcomes: Vec<_> = d.changes.iter().map(|c| c.outcome).collect();
        assert_eq!(outcomes, [Outcome::OptOut, Outcome::Unqualified]);
        assert!(d.changes[0].compliance[0].contains("opt-out"));
        assert_eq!(d.changes[1].compliance, ["new recipient: boss@acme.com"]);
        assert!(d.touches_compliance());
    }

    #[test]
    fn direction_changes_touch_locks() {
        let inbound = BASE.replace("outbound", "inbound");
        let d = diff(&bot(BASE), &bot(&inbound));
        assert_eq!(d.direction, Some((Direction::Outbound, Direction::Inbound)));
        assert_eq!(d.changes.len(), 8);
        assert!(
            d.changes
                .iter()
                .all(|c| c.compliance.iter().any(|r| r == "locked actions changed"))
        );
        // outbound -> both changes no behaviour, only the direction.
        let both = BASE.replace("outbound", "both");
        let d = diff(&bot(BASE), &bot(&both));
        assert!(d.is_empty() && d.direction.is_some());
    }

    #[test]
    fn criteria_changes_that_route_opt_outs_are_compliance() {
        let with = |outcome: &str, criteria: &str| {
            format!("{BASE}  {outcome}:\n    analysis_criteria: \"{criteria}\"\n")
        };
        // Any criteria change on not-interested.
        let d = diff(
            &bot(&with("not-interested", "Four objections.")),
            &bot(&with("not-interested", "Five objections.")),
        );
        assert_eq!(d.changes.len(), 1);
        assert!(d.changes[0].compliance[0].contains("not-interested"));
        // A change that makes criteria catch opt-out language, on any outcome.
        let d = diff(
            &bot(&with("bad-number", "Wrong person.")),
            &bot(&with(
                "bad-number",
                "Wrong person, or asks us to stop calling.",
            )),
        );
        assert!(d.touches_compliance());
        assert!(d.changes[0].compliance[0].contains("stop calling"));
        // And one that makes them stop catching it.
        let d = diff(
            &bot(&with(
                "bad-number",
                "Wrong person, or says to lose their number.",
            )),
            &bot(&with(
                "bad-number",
                "Wrong person; a request to lose their number belongs on Opt out, not here.",
            )),
        );
        assert!(d.touches_compliance());
        assert!(
            d.changes[0].compliance[0].contains("no longer catch")
                && d.changes[0].compliance[0].contains("lose their number"),
            "{:?}",
            d.changes[0].compliance
        );
        // An ordinary criteria change elsewhere is not.
        let d = diff(
            &bot(&with("bad-number", "Wrong person.")),
            &bot(&with("bad-number", "The wrong person answered.")),
        );
        assert!(!d.is_empty() && !d.touches_compliance());
    }
}
