//! The outcomes help texts and messages name as examples, each found in the table by its role,
//! so an example can't name an outcome the table no longer has or that no longer plays the part.

use super::actions::UserAction;
use super::channel::Channel;
use super::table::{OUTCOME_RULES, OptOutRole, OutcomeRules};
use crate::outcome::Outcome;

/// The first row of `channel` matching `role`, or its first row.
fn first(channel: Channel, role: impl Fn(&OutcomeRules) -> bool) -> Outcome {
    let rows = channel.rules();
    rows.iter()
        .find(|r| role(r))
        .or(rows.first())
        .map_or(Outcome::ALL[0], |r| r.outcome)
}

/// Where a request to stop contact lands on `channel` (call: opt-out; SMS: not-interested).
pub fn opt_out(channel: Channel) -> Outcome {
    first(channel, |r| r.opt_out == OptOutRole::LandsHere)
}

/// The outcome whose criteria border on the opt-out card's (not-interested).
pub(crate) fn borders_opt_out() -> Outcome {
    first(Channel::Call, |r| r.opt_out == OptOutRole::Borders)
}

/// The first call card that warns when nobody follows up (missed-transfer): an outcome a
/// team wants to hear about.
pub fn follow_up() -> Outcome {
    first(Channel::Call, |r| r.follow_up.is_some())
}

/// The call card where SAMI reaches out again by itself (contact-later).
pub fn callback() -> Outcome {
    first(Channel::Call, |r| r.callback.is_some())
}

/// The first call card whose preset does something (successful-transfer).
pub(crate) fn preset_with_actions() -> Outcome {
    first(Channel::Call, |r| r.preset.summary.is_some())
}

/// The last call card whose preset is an empty card (bad-number).
pub(crate) fn empty_preset() -> Outcome {
    OUTCOME_RULES
        .iter()
        .rev()
        .find(|r| r.preset.summary.is_none())
        .map_or(Outcome::ALL[0], |r| r.outcome)
}

/// The first call card that takes no task (opt-out).
pub(crate) fn no_task() -> Outcome {
    first(Channel::Call, |r| {
        !r.user_actions.contains(&UserAction::Task)
    })
}

/// The example outcome of `channel` for a policy table: what a team wants to hear about
/// on calls ([`follow_up`]), where opt-outs land on SMS.
pub(crate) fn policy(channel: Channel) -> Outcome {
    match channel {
        Channel::Call => follow_up(),
        Channel::Sms => opt_out(Channel::Sms),
    }
}
