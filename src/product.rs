//! The product rules, in one table: what each outcome allows, which locked actions apply to
//! which bots, which mid-call options and placeholders exist where.
//!
//! Validation, simulation, `show`, `edit`, `explain` and the JSON Schema all read this module;
//! changing a product rule is a change here and nowhere else.
//!
//! The table has a channel dimension (spec section 17): [`OUTCOME_RULES`] holds the eight call
//! cards, [`MESSAGING_RULES`] the five SMS cards of the `messaging` section, each row saying
//! which channel it belongs to and which system steps SAMI runs by itself.

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

/// Where a conversation with the lead happens: a call, or a text thread (spec section 17).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Channel {
    Call,
    Sms,
}

impl Channel {
    pub const ALL: [Channel; 2] = [Channel::Call, Channel::Sms];

    /// The value of `--channel` and of `"channel"` in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Call => "call",
            Channel::Sms => "sms",
        }
    }

    pub fn parse(s: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// The top-level key of the bot file that holds this channel's cards.
    pub fn section(self) -> &'static str {
        match self {
            Channel::Call => "outcomes",
            Channel::Sms => "messaging",
        }
    }

    /// The section's name in the web editor.
    pub fn section_title(self) -> &'static str {
        match self {
            Channel::Call => "Outcomes",
            Channel::Sms => "Messaging",
        }
    }

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

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A step SAMI runs by itself when a text conversation lands on an outcome (spec section 17):
/// not configurable, shown as locked. The names are the `type` strings of `simulate --channel
/// sms` and of expectation files *(decided)*.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SystemStep {
    /// Stops the bot's text outreach to the lead.
    StopOutreach,
    /// Marks the contact do-not-contact when the lead's reply was an opt-out.
    DoNotContactOnOptOut,
    /// Pauses the bot's text outreach.
    PauseOutreach,
    /// Stores the requested time and pauses text outreach until then.
    PauseOutreachUntilRequestedTime,
    /// Applies the outcome's tag to the contact.
    ApplyOutcomeTag,
    /// Writes SAMI's system note on the contact.
    SystemNote,
}

impl SystemStep {
    pub const ALL: [SystemStep; 6] = [
        SystemStep::StopOutreach,
        SystemStep::DoNotContactOnOptOut,
        SystemStep::PauseOutreach,
        SystemStep::PauseOutreachUntilRequestedTime,
        SystemStep::ApplyOutcomeTag,
        SystemStep::SystemNote,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SystemStep::StopOutreach => "stop-outreach",
            SystemStep::DoNotContactOnOptOut => "do-not-contact-on-opt-out",
            SystemStep::PauseOutreach => "pause-outreach",
            SystemStep::PauseOutreachUntilRequestedTime => "pause-outreach-until-requested-time",
            SystemStep::ApplyOutcomeTag => "apply-outcome-tag",
            SystemStep::SystemNote => "system-note",
        }
    }

    pub fn parse(s: &str) -> Option<SystemStep> {
        SystemStep::ALL.into_iter().find(|a| a.as_str() == s)
    }

    /// A short label for tables.
    pub fn label(self) -> &'static str {
        match self {
            SystemStep::StopOutreach => "stop outreach",
            SystemStep::DoNotContactOnOptOut => "do not contact (when the lead opted out)",
            SystemStep::PauseOutreach => "pause outreach",
            SystemStep::PauseOutreachUntilRequestedTime => {
                "pause outreach until the requested time (stored)"
            }
            SystemStep::ApplyOutcomeTag => "outcome tag",
            SystemStep::SystemNote => "system note",
        }
    }

    /// Why SAMI runs it and it can't be removed.
    pub fn reason(self) -> &'static str {
        match self {
            SystemStep::StopOutreach => "the text thread has ended: outreach stops",
            SystemStep::DoNotContactOnOptOut => {
                "TCPA: an SMS opt-out lands here and marks the contact do-not-contact"
            }
            SystemStep::PauseOutreach => "outreach waits while someone follows up",
            SystemStep::PauseOutreachUntilRequestedTime => {
                "SAMI stores the requested time and texts nothing before it"
            }
            SystemStep::ApplyOutcomeTag => "the outcome's tag goes on the contact",
            SystemStep::SystemNote => "SAMI writes the conversation's note itself",
        }
    }
}

/// Whether a card offers notification controls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotifyAccess {
    Allowed,
    /// A messaging card: an owner alert only (`owner`), no extra recipients *(decided)*.
    OwnerOnly,
    /// The web editor hides the controls: nothing for a human to act on.
    Hidden,
    /// The card keeps to notes and tasks: SAMI handles the callback.
    NotOffered,
}

impl NotifyAccess {
    /// True when a `notify` block may be written (fully, or with `owner` only).
    pub fn is_allowed(self) -> bool {
        matches!(self, NotifyAccess::Allowed | NotifyAccess::OwnerOnly)
    }

    /// The keys a `notify` block takes here.
    pub fn keys(self) -> &'static [&'static str] {
        match self {
            NotifyAccess::Allowed => &["owner", "emails", "phones"],
            NotifyAccess::OwnerOnly => &["owner"],
            NotifyAccess::Hidden | NotifyAccess::NotOffered => &[],
        }
    }

    /// Why notifications don't exist on such a card.
    pub fn reason(self) -> Option<&'static str> {
        match self {
            NotifyAccess::Allowed | NotifyAccess::OwnerOnly => None,
            NotifyAccess::Hidden => Some("hidden: nothing for a human to act on"),
            NotifyAccess::NotOffered => Some("not offered: SAMI handles the callback"),
        }
    }
}

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
    /// The enrollment lock for outbound-capable bots (call cards; `None` on messaging cards,
    /// whose system steps manage outreach).
    pub enrollment_lock: Option<LockedAction>,
    /// The steps SAMI runs by itself, in order (messaging cards; empty on call cards, whose
    /// locked actions are [`locked_actions`]).
    pub system_steps: &'static [SystemStep],
    /// Placeholders whose name starts with one of these don't exist on this channel.
    pub missing_placeholders: &'static [&'static str],
}

impl OutcomeRules {
    /// The card's title with its tag: "Opt out (opt-out)".
    pub fn heading(&self) -> String {
        format!("{} ({})", self.title, self.outcome.tag())
    }
}

use LockedAction::{CancelEnrollment, PauseContactUntilRequestedTime, PauseEnrollment};
use MidCallOption::{ConfirmTime, MaxObjections, WrapUp};
use UserAction::{Note, Tag, Task};

/// The table (spec sections 3.2, 3.4 and 3.6), one row per outcome in canonical order.
pub const OUTCOME_RULES: [OutcomeRules; 8] = [
    OutcomeRules {
        channel: Channel::Call,
        outcome: Outcome::SuccessfulTransfer,
        title: Outcome::SuccessfulTransfer.display_name(),
        takes_criteria: false,
        user_actions: &[Note, Task, Tag],
        notify: NotifyAccess::Allowed,
        mid_call: &[WrapUp],
        requested_time: false,
        enrollment_lock: Some(CancelEnrollment),
        system_steps: &[],
        missing_placeholders: &[],
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
        enrollment_lock: Some(CancelEnrollment),
        system_steps: &[],
        missing_placeholders: &[],
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
        enrollment_lock: Some(PauseEnrollment),
        system_steps: &[],
        missing_placeholders: &[],
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
        enrollment_lock: Some(PauseContactUntilRequestedTime),
        system_steps: &[],
        missing_placeholders: &[],
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
        enrollment_lock: Some(CancelEnrollment),
        system_steps: &[],
        missing_placeholders: &[],
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
        enrollment_lock: Some(CancelEnrollment),
        system_steps: &[],
        missing_placeholders: &[],
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
        enrollment_lock: Some(CancelEnrollment),
        system_steps: &[],
        missing_placeholders: &[],
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
        enrollment_lock: Some(CancelEnrollment),
        system_steps: &[],
        missing_placeholders: &[],
    },
];

use SystemStep::{
    ApplyOutcomeTag, DoNotContactOnOptOut, PauseOutreach, PauseOutreachUntilRequestedTime,
    StopOutreach, SystemNote,
};

/// The messaging table (spec section 17), one row per SMS card in the order the editor's
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
        enrollment_lock: None,
        system_steps: &[
            StopOutreach,
            DoNotContactOnOptOut,
            ApplyOutcomeTag,
            SystemNote,
        ],
        missing_placeholders: &["call."],
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
        enrollment_lock: None,
        system_steps: &[StopOutreach, ApplyOutcomeTag, SystemNote],
        missing_placeholders: &["call."],
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
        enrollment_lock: None,
        system_steps: &[StopOutreach, ApplyOutcomeTag, SystemNote],
        missing_placeholders: &["call."],
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
        enrollment_lock: None,
        system_steps: &[PauseOutreach, ApplyOutcomeTag, SystemNote],
        missing_placeholders: &["call."],
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
        enrollment_lock: None,
        system_steps: &[PauseOutreachUntilRequestedTime, ApplyOutcomeTag, SystemNote],
        missing_placeholders: &["call."],
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

/// Why a channel has no card for an outcome, for messages and helps.
pub fn no_card_reason(channel: Channel, outcome: Outcome) -> String {
    match (channel, outcome) {
        (Channel::Sms, Outcome::OptOut) => {
            "an SMS opt-out lands on not-interested (which marks the contact do-not-contact)"
                .to_owned()
        }
        (Channel::Sms, Outcome::SuccessfulTransfer | Outcome::MissedTransfer) => {
            "a text conversation is never transferred: transfers are call outcomes".to_owned()
        }
        _ => format!(
            "the {} cards are {}",
            channel.section(),
            channel
                .outcomes()
                .iter()
                .map(|o| o.tag())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The locked actions that fire for an outcome on a bot of this direction, in firing order:
/// do-not-contact first, then the enrollment lock.
pub fn locked_actions(outcome: Outcome, direction: Direction) -> Vec<LockedAction> {
    let mut locks = Vec::with_capacity(2);
    if outcome == Outcome::OptOut {
        locks.push(LockedAction::DoNotContactAllChannels);
    }
    if direction.is_outbound_capable()
        && let Some(lock) = rules_for(outcome).enrollment_lock
    {
        locks.push(lock);
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
    /// The placeholder exists, but not on this channel (`call.*` in a messaging card).
    NotOnChannel,
}

/// Whether placeholder `name` may be used in `field` on `outcome`'s call card.
pub fn check_placeholder(
    name: &str,
    outcome: Outcome,
    field: TextField,
) -> Result<(), PlaceholderProblem> {
    check_placeholder_in(rules_for(outcome), name, field)
}

/// Whether placeholder `name` may be used in `field` on the card of `rules` (any channel).
pub fn check_placeholder_in(
    rules: &OutcomeRules,
    name: &str,
    field: TextField,
) -> Result<(), PlaceholderProblem> {
    if !PLACEHOLDERS.iter().any(|(n, _)| *n == name) {
        return Err(PlaceholderProblem::Unknown);
    }
    if rules
        .missing_placeholders
        .iter()
        .any(|prefix| name.starts_with(prefix))
    {
        return Err(PlaceholderProblem::NotOnChannel);
    }
    if field == TextField::AnalysisCriteria {
        return Err(PlaceholderProblem::NotInField);
    }
    if name == "requested_time" && !rules.requested_time {
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
    placeholders_available_in(rules_for(outcome), field)
}

/// The placeholder names usable in `field` on the card of `rules` (any channel).
pub fn placeholders_available_in(rules: &OutcomeRules, field: TextField) -> Vec<&'static str> {
    PLACEHOLDERS
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| check_placeholder_in(rules, n, field).is_ok())
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
    fn messaging_rows_are_the_five_sms_cards() {
        let tags: Vec<&str> = Channel::Sms.outcomes().iter().map(|o| o.tag()).collect();
        assert_eq!(
            tags,
            [
                "not-interested",
                "unqualified",
                "bad-number",
                "needs-follow-up",
                "contact-later"
            ]
        );
        for row in &MESSAGING_RULES {
            assert_eq!(row.channel, Channel::Sms);
            assert_eq!(row.user_actions, &[Task, Tag], "{}", row.outcome);
            assert_eq!(row.notify.keys(), ["owner"]);
            assert!(row.mid_call.is_empty() && !row.takes_criteria);
            assert!(row.enrollment_lock.is_none());
            assert_eq!(row.system_steps.last(), Some(&SystemNote));
            assert_eq!(
                check_placeholder_in(row, "call.summary", TextField::TaskTitle),
                Err(PlaceholderProblem::NotOnChannel)
            );
            assert_eq!(
                check_placeholder_in(row, "requested_time", TextField::TaskTitle).is_ok(),
                matches!(row.outcome, Outcome::NeedsFollowUp | Outcome::ContactLater)
            );
        }
        assert!(rules_on(Channel::Sms, Outcome::OptOut).is_none());
        assert!(no_card_reason(Channel::Sms, Outcome::OptOut).contains("not-interested"));
        assert_eq!(
            rules_on(Channel::Sms, Outcome::NotInterested).map(|r| r.system_steps[1]),
            Some(DoNotContactOnOptOut)
        );
        for row in &OUTCOME_RULES {
            assert_eq!(row.channel, Channel::Call);
            assert!(row.system_steps.is_empty() && row.enrollment_lock.is_some());
        }
        for step in SystemStep::ALL {
            assert_eq!(SystemStep::parse(step.as_str()), Some(step));
            assert!(ActionType::parse(step.as_str()).is_none());
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

// ---- docs wording ----
// Wording the generated docs (`src/docs/`) and the comments of the init template need that the
// table above doesn't hold yet. Appended here, below the table, so the product table can change
// above it without a conflict; fold it into the table when convenient. (A module: clippy wants
// no loose items after the test module.)

pub use docs_wording::{NO_CRITERIA_REASON, messaging_meaning};

mod docs_wording {
    use super::{LockedAction, Outcome};

    impl LockedAction {
        /// The lock's short name at the start of a sentence ("Do-not-contact runs on every bot").
        pub fn sentence_name(self) -> &'static str {
            match self {
                LockedAction::DoNotContactAllChannels => "Do-not-contact",
                LockedAction::CancelEnrollment => "Cancel-enrollment",
                LockedAction::PauseEnrollment => "Pause-enrollment",
                LockedAction::PauseContactUntilRequestedTime => "Pause-contact",
            }
        }
    }

    /// What a text conversation landing on a messaging card means, in one line (from the help
    /// center's "Configure SMS messaging outcomes"); `None` for an outcome with no SMS card.
    pub fn messaging_meaning(outcome: Outcome) -> Option<&'static str> {
        match outcome {
            Outcome::NotInterested => Some(
                "covers SMS opt-outs (an opt-out reply lands here and is marked do-not-contact)",
            ),
            Outcome::Unqualified => Some("the thread confirmed a dealbreaker"),
            Outcome::BadNumber => Some("the texts reached the wrong person"),
            Outcome::NeedsFollowUp => Some("the lead wants someone to follow up in the thread"),
            Outcome::ContactLater => {
                Some("outreach pauses until the requested time, which SAMI stores")
            }
            Outcome::SuccessfulTransfer | Outcome::MissedTransfer | Outcome::OptOut => None,
        }
    }

    /// Why an outcome takes no `analysis_criteria` (a row with `takes_criteria: false`).
    pub const NO_CRITERIA_REASON: &str =
        "detected from the transfer call events, not the transcript";
}
