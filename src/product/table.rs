//! The table itself: one row per card of each channel ([`OUTCOME_RULES`], [`MESSAGING_RULES`]),
//! what a row holds ([`OutcomeRules`]), and the questions answered by reading a column.

use super::actions::{LockedAction, MidCallOption, UserAction};
use super::channel::{Channel, NotifyAccess, SystemStep};
use crate::outcome::{Direction, Outcome};

/// What one outcome's card allows, on one channel.
#[derive(Debug)]
pub struct OutcomeRules {
    pub channel: Channel,
    pub outcome: Outcome,
    /// The card's title in the web editor.
    pub title: &'static str,
    /// Detected from the transcript, so `analysis_criteria` may be set.
    pub takes_criteria: bool,
    pub user_actions: &'static [UserAction],
    pub notify: NotifyAccess,
    pub mid_call: &'static [MidCallOption],
    /// `requested_time` exists: the placeholder and `due_in: requested-time`.
    pub requested_time: bool,
    /// The locks that fire on every bot, whatever its direction, first in firing order
    /// (call cards; do-not-contact on opt-out).
    pub(crate) locks: &'static [LockedAction],
    /// The enrollment lock for outbound-capable bots (call cards; `None` on messaging cards,
    /// whose system steps manage outreach).
    pub enrollment_lock: Option<LockedAction>,
    /// The steps SAMI runs by itself, in order (messaging cards; empty on call cards, whose
    /// locked actions are [`locked_actions`]).
    pub system_steps: &'static [SystemStep],
    /// Placeholders whose name starts with one of these don't exist on this channel.
    pub(crate) missing_placeholders: &'static [&'static str],
    /// Where this card stands to a lead's request to stop contact (TCPA).
    pub(crate) opt_out: OptOutRole,
    /// The warning when the card has no task and no notification (`None`: no warning).
    pub follow_up: Option<FollowUpWarning>,
    /// SAMI's own step after the call's fired list, on every direction (docs/spec 4).
    pub(crate) callback: Option<Callback>,
    /// SAMI's preset card (docs/spec 10): what `samictl init` writes for it.
    pub(crate) preset: Preset,
}

/// SAMI's preset card for an outcome (docs/spec 10).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Preset {
    /// The card in YAML flow form, for one-line help texts (`{}`: an empty card).
    pub(crate) card: &'static str,
    /// What the preset does, in words; `None` when it adds no action of its own.
    pub(crate) summary: Option<&'static str>,
}

/// An empty card: only the locked actions (or system steps) run. The preset of the cards SAMI
/// adds nothing to, and of every messaging card (SAMI publishes no preset for them).
pub(crate) const EMPTY_PRESET: Preset = Preset {
    card: "{}",
    summary: None,
};

/// Where a card stands to a lead's request to stop contact (TCPA).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum OptOutRole {
    /// Requests to stop contact land here, and do-not-contact fires (call: opt-out; SMS:
    /// not-interested). Any behaviour change is a compliance change.
    LandsHere,
    /// Its criteria border on opt-out's: they decide which calls land on opt-out.
    Borders,
    /// Neither; its criteria must not catch a request to stop contact.
    Apart,
}

/// A warning for a card with no task and no notification.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FollowUpWarning {
    pub rule: crate::rule_id::Rule,
    /// What happens then, after "nobody": "follows up", "learns of it".
    pub(crate) nobody: &'static str,
}

/// A step SAMI takes by itself after the fired list (docs/spec 4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Callback {
    /// Contact later, on every direction: SAMI reaches out again at the requested time (the
    /// article: "SAMI reaches out again automatically"; the direction only decides whether an
    /// enrollment pause comes first).
    RequestedTime,
}

impl Callback {
    /// The value of `"callback"` in the JSON output.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Callback::RequestedTime => "requested-time",
        }
    }

    /// What SAMI does, in words.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Callback::RequestedTime => "then SAMI reaches out again at the requested time",
        }
    }
}

impl serde::Serialize for Callback {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// The outcomes of `channel` where a request to stop contact lands ([`OptOutRole::LandsHere`]).
pub(crate) fn opt_out_outcomes(channel: Channel) -> Vec<Outcome> {
    channel
        .rules()
        .iter()
        .filter(|r| r.opt_out == OptOutRole::LandsHere)
        .map(|r| r.outcome)
        .collect()
}

/// The outcomes of `channel` that have a requested time, in its listing order.
pub(crate) fn requested_time_outcomes(channel: Channel) -> Vec<Outcome> {
    channel
        .rules()
        .iter()
        .filter(|r| r.requested_time)
        .map(|r| r.outcome)
        .collect()
}

impl OutcomeRules {
    /// The card's title with its tag: "Opt out (opt-out)".
    pub fn heading(&self) -> String {
        format!("{} ({})", self.title, self.outcome.as_str())
    }
}

use crate::rule_id::Rule;

use LockedAction::{
    CancelEnrollment, DoNotContactAllChannels, PauseContactUntilRequestedTime, PauseEnrollment,
};

use MidCallOption::{ConfirmTime, MaxObjections, WrapUp};

use UserAction::{Note, Tag, Task};

/// The table (docs/spec 3.2, 3.4 and 3.6), one row per outcome in canonical order.
pub const OUTCOME_RULES: [OutcomeRules; Outcome::COUNT] = [
    OutcomeRules {
        channel: Channel::Call,
        outcome: Outcome::SuccessfulTransfer,
        title: Outcome::SuccessfulTransfer.display_name(),
        takes_criteria: false,
        user_actions: &[Note, Task, Tag],
        notify: NotifyAccess::Allowed,
        mid_call: &[WrapUp],
        requested_time: false,
        locks: &[],
        enrollment_lock: Some(CancelEnrollment),
        system_steps: &[],
        missing_placeholders: &[],
        opt_out: OptOutRole::Apart,
        follow_up: None,
        callback: None,
        preset: Preset {
            card: "{notify: {owner: true}}",
            summary: Some("notifies the assigned user"),
        },
    },
    OutcomeRules {
        channel: Channel::Call,
        outcome: Outcome::MissedTransfer,
        title: Outcome::MissedTransfer.display_name(),
        takes_criteria: false,
        user_actions: &[Note, Task, Tag],
        notify: NotifyAccess::Allowed,
        mid_call: &[WrapUp],
        requested_time: false,
        locks: &[],
        enrollment_lock: Some(CancelEnrollment),
        system_steps: &[],
        missing_placeholders: &[],
        opt_out: OptOutRole::Apart,
        follow_up: Some(FollowUpWarning {
            rule: Rule::MissedTransferUnnoticed,
            nobody: "learns of it",
        }),
        callback: None,
        preset: Preset {
            card: "{actions: [{type: task, title: 'Call back {{ contact.first_name }}: missed \
                   transfer', due_in: 15m}], notify: {owner: true}}",
            summary: Some("notifies the assigned user and creates a follow-up task"),
        },
    },
    OutcomeRules {
        channel: Channel::Call,
        outcome: Outcome::NeedsFollowUp,
        title: Outcome::NeedsFollowUp.display_name(),
        takes_criteria: true,
        user_actions: &[Note, Task, Tag],
        notify: NotifyAccess::Allowed,
        mid_call: &[WrapUp, ConfirmTime],
        requested_time: true,
        locks: &[],
        enrollment_lock: Some(PauseEnrollment),
        system_steps: &[],
        missing_placeholders: &[],
        opt_out: OptOutRole::Apart,
        follow_up: Some(FollowUpWarning {
            rule: Rule::FollowUpUnassigned,
            nobody: "follows up",
        }),
        callback: None,
        preset: Preset {
            card: "{actions: [{type: note, text: 'Follow-up requested for {{ requested_time }}.'}, \
                   {type: task, title: 'Follow up with {{ contact.first_name }} \
                   {{ contact.last_name }}', due_in: requested-time}], notify: {owner: true}}",
            summary: Some(
                "adds a note, notifies the assigned user and creates a task due at the requested \
                 time",
            ),
        },
    },
    OutcomeRules {
        channel: Channel::Call,
        outcome: Outcome::ContactLater,
        title: Outcome::ContactLater.display_name(),
        takes_criteria: true,
        user_actions: &[Note, Task],
        notify: NotifyAccess::NotOffered,
        mid_call: &[WrapUp, ConfirmTime],
        requested_time: true,
        locks: &[],
        enrollment_lock: Some(PauseContactUntilRequestedTime),
        system_steps: &[],
        missing_placeholders: &[],
        opt_out: OptOutRole::Apart,
        follow_up: None,
        callback: Some(Callback::RequestedTime),
        preset: Preset {
            card: "{actions: [{type: note, text: 'Asked to be contacted again at \
                   {{ requested_time }}.'}]}",
            summary: Some("adds a note recording the requested time"),
        },
    },
    OutcomeRules {
        channel: Channel::Call,
        outcome: Outcome::OptOut,
        title: Outcome::OptOut.display_name(),
        takes_criteria: true,
        user_actions: &[Note, Tag],
        notify: NotifyAccess::Hidden,
        mid_call: &[WrapUp],
        requested_time: false,
        locks: &[DoNotContactAllChannels],
        enrollment_lock: Some(CancelEnrollment),
        system_steps: &[],
        missing_placeholders: &[],
        opt_out: OptOutRole::LandsHere,
        follow_up: None,
        callback: None,
        preset: EMPTY_PRESET,
    },
    OutcomeRules {
        channel: Channel::Call,
        outcome: Outcome::NotInterested,
        title: Outcome::NotInterested.display_name(),
        takes_criteria: true,
        user_actions: &[Note, Tag],
        notify: NotifyAccess::Hidden,
        mid_call: &[WrapUp, MaxObjections],
        requested_time: false,
        locks: &[],
        enrollment_lock: Some(CancelEnrollment),
        system_steps: &[],
        missing_placeholders: &[],
        opt_out: OptOutRole::Borders,
        follow_up: None,
        callback: None,
        preset: EMPTY_PRESET,
    },
    OutcomeRules {
        channel: Channel::Call,
        outcome: Outcome::Unqualified,
        title: Outcome::Unqualified.display_name(),
        takes_criteria: true,
        user_actions: &[Note, Task, Tag],
        notify: NotifyAccess::Allowed,
        mid_call: &[WrapUp],
        requested_time: false,
        locks: &[],
        enrollment_lock: Some(CancelEnrollment),
        system_steps: &[],
        missing_placeholders: &[],
        opt_out: OptOutRole::Apart,
        follow_up: None,
        callback: None,
        preset: EMPTY_PRESET,
    },
    OutcomeRules {
        channel: Channel::Call,
        outcome: Outcome::BadNumber,
        title: Outcome::BadNumber.display_name(),
        takes_criteria: true,
        user_actions: &[Note, Task, Tag],
        notify: NotifyAccess::Allowed,
        mid_call: &[WrapUp],
        requested_time: false,
        locks: &[],
        enrollment_lock: Some(CancelEnrollment),
        system_steps: &[],
        missing_placeholders: &[],
        opt_out: OptOutRole::Apart,
        follow_up: None,
        callback: None,
        preset: EMPTY_PRESET,
    },
];

use SystemStep::{
    ApplyOutcomeTag, CreateFollowUpTask, DoNotContactOnOptOut, PauseOutreach,
    PauseOutreachUntilRequestedTime, StopOutreach, SystemNote,
};

/// The messaging table (docs/spec 17), one row per SMS card in the order the editor's
/// Messaging section lists them *(decided: the order of the spec's table)*. A messaging card
/// takes `tag` and `task` actions (SAMI writes the note itself) and an owner alert; no
/// criteria, no mid-call options, no locked action written; no `call.*` placeholder.
pub const MESSAGING_RULES: [OutcomeRules; 5] = [
    OutcomeRules {
        channel: Channel::Sms,
        outcome: Outcome::NotInterested,
        title: "Not interested (covers SMS opt-outs)",
        takes_criteria: false,
        user_actions: &[Task, Tag],
        notify: NotifyAccess::OwnerOnly,
        mid_call: &[],
        requested_time: false,
        locks: &[],
        enrollment_lock: None,
        system_steps: &[
            StopOutreach,
            DoNotContactOnOptOut,
            ApplyOutcomeTag,
            SystemNote,
        ],
        missing_placeholders: &["call."],
        opt_out: OptOutRole::LandsHere,
        follow_up: None,
        callback: None,
        preset: EMPTY_PRESET,
    },
    OutcomeRules {
        channel: Channel::Sms,
        outcome: Outcome::Unqualified,
        title: "Unqualified",
        takes_criteria: false,
        user_actions: &[Task, Tag],
        notify: NotifyAccess::OwnerOnly,
        mid_call: &[],
        requested_time: false,
        locks: &[],
        enrollment_lock: None,
        system_steps: &[StopOutreach, ApplyOutcomeTag, SystemNote],
        missing_placeholders: &["call."],
        opt_out: OptOutRole::Apart,
        follow_up: None,
        callback: None,
        preset: EMPTY_PRESET,
    },
    OutcomeRules {
        channel: Channel::Sms,
        outcome: Outcome::BadNumber,
        title: "Bad phone number",
        takes_criteria: false,
        user_actions: &[Task, Tag],
        notify: NotifyAccess::OwnerOnly,
        mid_call: &[],
        requested_time: false,
        locks: &[],
        enrollment_lock: None,
        system_steps: &[StopOutreach, ApplyOutcomeTag, SystemNote],
        missing_placeholders: &["call."],
        opt_out: OptOutRole::Apart,
        follow_up: None,
        callback: None,
        preset: EMPTY_PRESET,
    },
    OutcomeRules {
        channel: Channel::Sms,
        outcome: Outcome::NeedsFollowUp,
        title: "Needs follow up",
        takes_criteria: false,
        user_actions: &[Task, Tag],
        notify: NotifyAccess::OwnerOnly,
        mid_call: &[],
        requested_time: true,
        locks: &[],
        enrollment_lock: None,
        system_steps: &[PauseOutreach, ApplyOutcomeTag, SystemNote],
        missing_placeholders: &["call."],
        opt_out: OptOutRole::Apart,
        follow_up: None,
        callback: None,
        preset: EMPTY_PRESET,
    },
    OutcomeRules {
        channel: Channel::Sms,
        outcome: Outcome::ContactLater,
        title: "Contact later",
        takes_criteria: false,
        user_actions: &[Task, Tag],
        notify: NotifyAccess::OwnerOnly,
        mid_call: &[],
        requested_time: true,
        locks: &[],
        enrollment_lock: None,
        system_steps: &[
            PauseOutreachUntilRequestedTime,
            CreateFollowUpTask,
            ApplyOutcomeTag,
            SystemNote,
        ],
        missing_placeholders: &["call."],
        opt_out: OptOutRole::Apart,
        follow_up: None,
        callback: None,
        preset: EMPTY_PRESET,
    },
];

/// The row of the call table for an outcome.
pub fn rules_for(outcome: Outcome) -> &'static OutcomeRules {
    // The table is in canonical order, as the test below checks.
    &OUTCOME_RULES[outcome as usize]
}

/// The row of `channel`'s table for an outcome, or `None` when the channel has no such card
/// (an SMS conversation never lands on opt-out: an SMS opt-out lands on not-interested).
pub fn rules_on(channel: Channel, outcome: Outcome) -> Option<&'static OutcomeRules> {
    channel.rules().iter().find(|r| r.outcome == outcome)
}

/// The locked actions that fire for an outcome on a bot of this direction, in firing order:
/// do-not-contact first, then the enrollment lock.
pub fn locked_actions(outcome: Outcome, direction: Direction) -> Vec<LockedAction> {
    let rules = rules_for(outcome);
    let mut locks = rules.locks.to_vec();
    if direction.is_outbound_capable()
        && let Some(lock) = rules.enrollment_lock
    {
        locks.push(lock);
    }
    locks
}

impl Channel {
    /// The rows of the table for this channel, in the order the editor lists the cards.
    pub fn rules(self) -> &'static [OutcomeRules] {
        match self {
            Channel::Call => &OUTCOME_RULES,
            Channel::Sms => &MESSAGING_RULES,
        }
    }

    /// The outcomes this channel has a card for, in listing order.
    pub fn outcomes(self) -> Vec<Outcome> {
        self.rules().iter().map(|r| r.outcome).collect()
    }

    /// True when the channel has a card for `outcome`.
    pub fn has(self, outcome: Outcome) -> bool {
        self.rules().iter().any(|r| r.outcome == outcome)
    }
}

impl LockedAction {
    /// The call outcomes where the lock fires on every bot (its [`OutcomeRules::locks`]).
    pub(crate) fn outcomes_on_every_bot(self) -> Vec<Outcome> {
        OUTCOME_RULES
            .iter()
            .filter(|r| r.locks.contains(&self))
            .map(|r| r.outcome)
            .collect()
    }

    /// True for the locks that manage cadence enrollment (outbound-capable bots only): the
    /// locks of the table's `enrollment_lock` column.
    pub fn is_enrollment_lock(self) -> bool {
        OUTCOME_RULES
            .iter()
            .any(|r| r.enrollment_lock == Some(self))
    }
}

impl MidCallOption {
    /// The outcomes the option belongs to, in canonical order.
    pub fn outcomes(self) -> Vec<Outcome> {
        Outcome::ALL
            .into_iter()
            .filter(|o| rules_for(*o).mid_call.contains(&self))
            .collect()
    }
}

impl SystemStep {
    /// The messaging cards that run this step, in their listing order.
    pub(crate) fn outcomes(self) -> Vec<Outcome> {
        MESSAGING_RULES
            .iter()
            .filter(|r| r.system_steps.contains(&self))
            .map(|r| r.outcome)
            .collect()
    }
}
