//! The product rules, in one table: what each outcome allows, which locked actions apply to
//! which bots, which mid-call options and placeholders exist where.
//!
//! Validation, simulation, `show`, `edit`, `explain` and the JSON Schema all read this module;
//! changing a product rule is a change here and nowhere else.

use crate::outcome::{Direction, Outcome};
use std::fmt;

/// An action a user may add to a card.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum UserAction {
    Note,
    Task,
    Tag,
}

impl UserAction {
    pub const ALL: [UserAction; 3] = [UserAction::Note, UserAction::Task, UserAction::Tag];

    pub fn as_str(self) -> &'static str {
        match self {
            UserAction::Note => "note",
            UserAction::Task => "task",
            UserAction::Tag => "tag",
        }
    }

    /// The fields the action takes, required ones first.
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            UserAction::Note => &["text"],
            UserAction::Task => &["title", "due_in", "assignee"],
            UserAction::Tag => &["name"],
        }
    }

    /// What the action does, for help texts and tables.
    pub fn describe(self) -> &'static str {
        match self {
            UserAction::Note => "adds a note to the contact",
            UserAction::Task => "creates a task",
            UserAction::Tag => "adds a tag to the contact",
        }
    }
}

/// An action SAMI runs by itself that can't be removed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LockedAction {
    DoNotContactAllChannels,
    CancelEnrollment,
    PauseEnrollment,
    PauseContactUntilRequestedTime,
}

impl LockedAction {
    pub const ALL: [LockedAction; 4] = [
        LockedAction::DoNotContactAllChannels,
        LockedAction::CancelEnrollment,
        LockedAction::PauseEnrollment,
        LockedAction::PauseContactUntilRequestedTime,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LockedAction::DoNotContactAllChannels => "do-not-contact-all-channels",
            LockedAction::CancelEnrollment => "cancel-enrollment",
            LockedAction::PauseEnrollment => "pause-enrollment",
            LockedAction::PauseContactUntilRequestedTime => "pause-contact-until-requested-time",
        }
    }

    /// A short label for tables, in words that wrap.
    pub fn label(self) -> &'static str {
        match self {
            LockedAction::DoNotContactAllChannels => "do not contact (all channels)",
            LockedAction::CancelEnrollment => "cancel enrollment",
            LockedAction::PauseEnrollment => "pause enrollment",
            LockedAction::PauseContactUntilRequestedTime => "pause contact until requested time",
        }
    }

    /// Why the lock exists and can't be removed.
    pub fn reason(self) -> &'static str {
        match self {
            LockedAction::DoNotContactAllChannels => {
                "TCPA: an opt-out means do-not-contact on every channel, across the whole org"
            }
            LockedAction::CancelEnrollment => {
                "cadence protection: the lead leaves the cadence that enrolled it"
            }
            LockedAction::PauseEnrollment => {
                "cadence protection: the cadence waits while someone follows up"
            }
            LockedAction::PauseContactUntilRequestedTime => {
                "cadence protection: no contact until the time the lead asked for"
            }
        }
    }

    /// Where the lock applies, in words.
    pub fn applies_to(self) -> &'static str {
        match self {
            LockedAction::DoNotContactAllChannels => "opt-out, on every bot",
            LockedAction::CancelEnrollment => {
                "outbound-capable bots: successful-transfer, missed-transfer, opt-out, \
                 not-interested, unqualified, bad-number"
            }
            LockedAction::PauseEnrollment => "outbound-capable bots: needs-follow-up",
            LockedAction::PauseContactUntilRequestedTime => "outbound-capable bots: contact-later",
        }
    }

    /// True for the locks that manage cadence enrollment (outbound-capable bots only).
    pub fn is_enrollment_lock(self) -> bool {
        self != LockedAction::DoNotContactAllChannels
    }
}

/// Any value of an action's `type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ActionType {
    User(UserAction),
    Locked(LockedAction),
}

impl ActionType {
    pub fn parse(s: &str) -> Option<ActionType> {
        UserAction::ALL
            .into_iter()
            .find(|a| a.as_str() == s)
            .map(ActionType::User)
            .or_else(|| {
                LockedAction::ALL
                    .into_iter()
                    .find(|a| a.as_str() == s)
                    .map(ActionType::Locked)
            })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ActionType::User(a) => a.as_str(),
            ActionType::Locked(a) => a.as_str(),
        }
    }

    /// Every `type` value, user actions first.
    pub fn all_names() -> impl Iterator<Item = &'static str> {
        UserAction::ALL
            .into_iter()
            .map(UserAction::as_str)
            .chain(LockedAction::ALL.into_iter().map(LockedAction::as_str))
    }
}

impl fmt::Display for ActionType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A `mid_call` option.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MidCallOption {
    WrapUp,
    MaxObjections,
    ConfirmTime,
}

impl MidCallOption {
    pub const ALL: [MidCallOption; 3] = [
        MidCallOption::WrapUp,
        MidCallOption::MaxObjections,
        MidCallOption::ConfirmTime,
    ];

    pub fn key(self) -> &'static str {
        match self {
            MidCallOption::WrapUp => "wrap_up",
            MidCallOption::MaxObjections => "max_objections",
            MidCallOption::ConfirmTime => "confirm_time",
        }
    }

    pub fn parse(key: &str) -> Option<MidCallOption> {
        MidCallOption::ALL.into_iter().find(|o| o.key() == key)
    }

    pub fn describe(self) -> &'static str {
        match self {
            MidCallOption::WrapUp => {
                "what SAMI says as the outcome becomes clear, before it ends or transfers"
            }
            MidCallOption::MaxObjections => {
                "objections SAMI answers before it concludes \"not interested\""
            }
            MidCallOption::ConfirmTime => "read the requested time back to the lead",
        }
    }

    /// The outcomes the option belongs to, in canonical order.
    pub fn outcomes(self) -> Vec<Outcome> {
        Outcome::ALL
            .into_iter()
            .filter(|o| rules_for(*o).mid_call.contains(&self))
            .collect()
    }
}

/// SAMI's preset for `max_objections` when a card doesn't set it.
pub const PRESET_MAX_OBJECTIONS: u8 = 4;
/// Range of `max_objections`.
pub const MAX_OBJECTIONS_RANGE: std::ops::RangeInclusive<i64> = 1..=10;

/// Whether a card offers notification controls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotifyAccess {
    Allowed,
    /// The web editor hides the controls: nothing for a human to act on.
    Hidden,
    /// The card keeps to notes and tasks: SAMI handles the callback.
    NotOffered,
}

impl NotifyAccess {
    pub fn is_allowed(self) -> bool {
        self == NotifyAccess::Allowed
    }

    /// Why notifications don't exist on such a card.
    pub fn reason(self) -> Option<&'static str> {
        match self {
            NotifyAccess::Allowed => None,
            NotifyAccess::Hidden => Some("hidden: nothing for a human to act on"),
            NotifyAccess::NotOffered => Some("not offered: SAMI handles the callback"),
        }
    }
}

/// What one outcome's card allows.
#[derive(Debug)]
pub struct OutcomeRules {
    pub outcome: Outcome,
    /// Detected from the transcript, so `analysis_criteria` may be set.
    pub takes_criteria: bool,
    pub user_actions: &'static [UserAction],
    pub notify: NotifyAccess,
    pub mid_call: &'static [MidCallOption],
    /// `requested_time` exists: the placeholder and `due_in: requested-time`.
    pub requested_time: bool,
    /// The enrollment lock for outbound-capable bots.
    pub enrollment_lock: LockedAction,
}

use LockedAction::{CancelEnrollment, PauseContactUntilRequestedTime, PauseEnrollment};
use MidCallOption::{ConfirmTime, MaxObjections, WrapUp};
use UserAction::{Note, Tag, Task};

/// The table (spec sections 3.2, 3.4 and 3.6), one row per outcome in canonical order.
pub const OUTCOME_RULES: [OutcomeRules; 8] = [
    OutcomeRules {
        outcome: Outcome::SuccessfulTransfer,
        takes_criteria: false,
        user_actions: &[Note, Task, Tag],
        notify: NotifyAccess::Allowed,
        mid_call: &[WrapUp],
        requested_time: false,
        enrollment_lock: CancelEnrollment,
    },
    OutcomeRules {
        outcome: Outcome::MissedTransfer,
        takes_criteria: false,
        user_actions: &[Note, Task, Tag],
        notify: NotifyAccess::Allowed,
        mid_call: &[WrapUp],
        requested_time: false,
        enrollment_lock: CancelEnrollment,
    },
    OutcomeRules {
        outcome: Outcome::NeedsFollowUp,
        takes_criteria: true,
        user_actions: &[Note, Task, Tag],
        notify: NotifyAccess::Allowed,
        mid_call: &[WrapUp, ConfirmTime],
        requested_time: true,
        enrollment_lock: PauseEnrollment,
    },
    OutcomeRules {
        outcome: Outcome::ContactLater,
        takes_criteria: true,
        user_actions: &[Note, Task],
        notify: NotifyAccess::NotOffered,
        mid_call: &[WrapUp, ConfirmTime],
        requested_time: true,
        enrollment_lock: PauseContactUntilRequestedTime,
    },
    OutcomeRules {
        outcome: Outcome::OptOut,
        takes_criteria: true,
        user_actions: &[Note, Tag],
        notify: NotifyAccess::Hidden,
        mid_call: &[WrapUp],
        requested_time: false,
        enrollment_lock: CancelEnrollment,
    },
    OutcomeRules {
        outcome: Outcome::NotInterested,
        takes_criteria: true,
        user_actions: &[Note, Tag],
        notify: NotifyAccess::Hidden,
        mid_call: &[WrapUp, MaxObjections],
        requested_time: false,
        enrollment_lock: CancelEnrollment,
    },
    OutcomeRules {
        outcome: Outcome::Unqualified,
        takes_criteria: true,
        user_actions: &[Note, Task, Tag],
        notify: NotifyAccess::Allowed,
        mid_call: &[WrapUp],
        requested_time: false,
        enrollment_lock: CancelEnrollment,
    },
    OutcomeRules {
        outcome: Outcome::BadNumber,
        takes_criteria: true,
        user_actions: &[Note, Task, Tag],
        notify: NotifyAccess::Allowed,
        mid_call: &[WrapUp],
        requested_time: false,
        enrollment_lock: CancelEnrollment,
    },
];

/// The row of the table for an outcome.
pub fn rules_for(outcome: Outcome) -> &'static OutcomeRules {
    // The table is in canonical order, as the test below checks.
    &OUTCOME_RULES[outcome as usize]
}

/// The locked actions that fire for an outcome on a bot of this direction, in firing order:
/// do-not-contact first, then the enrollment lock.
pub fn locked_actions(outcome: Outcome, direction: Direction) -> Vec<LockedAction> {
    let mut locks = Vec::with_capacity(2);
    if outcome == Outcome::OptOut {
        locks.push(LockedAction::DoNotContactAllChannels);
    }
    if direction.is_outbound_capable() {
        locks.push(rules_for(outcome).enrollment_lock);
    }
    locks
}

/// A text field that may hold placeholders (or, for analysis criteria, must not).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextField {
    NoteText,
    TaskTitle,
    WrapUp,
    AnalysisCriteria,
}

impl TextField {
    pub fn describe(self) -> &'static str {
        match self {
            TextField::NoteText => "a note's `text`",
            TextField::TaskTitle => "a task's `title`",
            TextField::WrapUp => "`wrap_up`",
            TextField::AnalysisCriteria => "`analysis_criteria`",
        }
    }
}

/// Every placeholder name with what it stands for.
pub const PLACEHOLDERS: [(&str, &str); 12] = [
    ("contact.first_name", "the contact's first name"),
    ("contact.last_name", "the contact's last name"),
    ("contact.phone", "the contact's phone number"),
    ("contact.email", "the contact's email address"),
    ("contact.owner", "the contact's assigned user"),
    ("bot.name", "this bot's name"),
    ("outcome", "the outcome's display name"),
    ("call.summary", "SAMI's summary of the call"),
    ("call.started_at", "when the call started"),
    ("call.duration", "how long the call lasted"),
    ("call.recording_url", "a link to the call recording"),
    (
        "requested_time",
        "the time the lead asked for (needs-follow-up and contact-later)",
    ),
];

/// Why a placeholder can't be used in a given place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceholderProblem {
    /// No such placeholder anywhere.
    Unknown,
    /// Placeholders are never filled in this field.
    NotInField,
    /// The placeholder exists, but not on this outcome.
    NotOnOutcome,
    /// The placeholder exists, but not in what SAMI says during the call.
    NotSpoken,
}

/// Whether placeholder `name` may be used in `field` on `outcome`.
pub fn check_placeholder(
    name: &str,
    outcome: Outcome,
    field: TextField,
) -> Result<(), PlaceholderProblem> {
    if !PLACEHOLDERS.iter().any(|(n, _)| *n == name) {
        return Err(PlaceholderProblem::Unknown);
    }
    if field == TextField::AnalysisCriteria {
        return Err(PlaceholderProblem::NotInField);
    }
    if name == "requested_time" && !rules_for(outcome).requested_time {
        return Err(PlaceholderProblem::NotOnOutcome);
    }
    if field == TextField::WrapUp && !is_spoken_placeholder(name) {
        return Err(PlaceholderProblem::NotSpoken);
    }
    Ok(())
}

/// Placeholders SAMI can fill while it is still on the call.
fn is_spoken_placeholder(name: &str) -> bool {
    name.starts_with("contact.") || name == "bot.name" || name == "requested_time"
}

/// The placeholder names usable in `field` on `outcome`, for "did you mean" and help texts.
pub fn placeholders_available(outcome: Outcome, field: TextField) -> Vec<&'static str> {
    PLACEHOLDERS
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| check_placeholder(n, outcome, field).is_ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_in_canonical_order() {
        for (i, row) in OUTCOME_RULES.iter().enumerate() {
            assert_eq!(row.outcome, Outcome::ALL[i]);
            assert_eq!(rules_for(row.outcome).outcome, row.outcome);
        }
    }

    #[test]
    fn transfers_take_no_criteria_and_the_rest_do() {
        for row in &OUTCOME_RULES {
            let transfer = matches!(
                row.outcome,
                Outcome::SuccessfulTransfer | Outcome::MissedTransfer
            );
            assert_eq!(row.takes_criteria, !transfer, "{}", row.outcome);
        }
    }

    #[test]
    fn hidden_and_not_offered_notifications() {
        assert_eq!(rules_for(Outcome::OptOut).notify, NotifyAccess::Hidden);
        assert_eq!(
            rules_for(Outcome::NotInterested).notify,
            NotifyAccess::Hidden
        );
        assert_eq!(
            rules_for(Outcome::ContactLater).notify,
            NotifyAccess::NotOffered
        );
        let allowed = OUTCOME_RULES
            .iter()
            .filter(|r| r.notify.is_allowed())
            .count();
        assert_eq!(allowed, 5);
    }

    #[test]
    fn opt_out_always_carries_do_not_contact_first() {
        for d in Direction::ALL {
            let locks = locked_actions(Outcome::OptOut, d);
            assert_eq!(locks[0], LockedAction::DoNotContactAllChannels);
        }
        assert_eq!(
            locked_actions(Outcome::OptOut, Direction::Both),
            vec![LockedAction::DoNotContactAllChannels, CancelEnrollment]
        );
    }

    #[test]
    fn inbound_only_bots_have_no_enrollment_lock() {
        for o in Outcome::ALL {
            assert!(
                locked_actions(o, Direction::Inbound)
                    .iter()
                    .all(|l| !l.is_enrollment_lock())
            );
        }
        assert_eq!(
            locked_actions(Outcome::ContactLater, Direction::Outbound),
            vec![PauseContactUntilRequestedTime]
        );
        assert_eq!(
            locked_actions(Outcome::NeedsFollowUp, Direction::Both),
            vec![PauseEnrollment]
        );
    }

    #[test]
    fn action_types_parse() {
        for name in ActionType::all_names() {
            assert_eq!(ActionType::parse(name).map(|t| t.as_str()), Some(name));
        }
        assert_eq!(ActionType::parse("notify"), None);
    }

    #[test]
    fn placeholders_by_field_and_outcome() {
        use PlaceholderProblem::*;
        let nfu = Outcome::NeedsFollowUp;
        assert_eq!(
            check_placeholder("requested_time", nfu, TextField::WrapUp),
            Ok(())
        );
        assert_eq!(
            check_placeholder("requested_time", Outcome::OptOut, TextField::NoteText),
            Err(NotOnOutcome)
        );
        assert_eq!(
            check_placeholder("call.summary", nfu, TextField::WrapUp),
            Err(NotSpoken)
        );
        assert_eq!(
            check_placeholder("call.summary", nfu, TextField::NoteText),
            Ok(())
        );
        assert_eq!(
            check_placeholder("contact.first_name", nfu, TextField::AnalysisCriteria),
            Err(NotInField)
        );
        assert_eq!(
            check_placeholder("contact.nickname", nfu, TextField::NoteText),
            Err(Unknown)
        );
    }
}
