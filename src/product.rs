//! The product rules, in one table: what each outcome allows, which locked actions apply to
//! which bots, which mid-call options and placeholders exist where.
//!
//! Validation, simulation, `show`, `edit`, `explain` and the JSON Schema all read this module;
//! changing a product rule is a change here and nowhere else.
//!
//! The table has a channel dimension (spec section 17): [`OUTCOME_RULES`] holds the eight call
//! cards, [`MESSAGING_RULES`] the five SMS cards of the `messaging` section, each row saying
//! which channel it belongs to and which system steps SAMI runs by itself.
//!
//! Every product question is a column or a table here, never a test on an outcome elsewhere:
//! which actions a card allows, which locks fire on every bot ([`OutcomeRules::locks`]) and
//! which on outbound-capable ones ([`OutcomeRules::enrollment_lock`]), where opt-outs land
//! ([`OutcomeRules::opt_out`]), whether notifications exist and why not ([`NotifyAccess`]),
//! the mid-call options with their values, ranges and presets ([`MidCallOption::value`]),
//! which outcomes have a requested time, which warn when nobody follows up
//! ([`OutcomeRules::follow_up`]), SAMI's callback ([`OutcomeRules::callback`]), the
//! placeholders per field and channel, and each action's fields with their limits
//! ([`UserAction::field_specs`]).

use crate::outcome::{Direction, Outcome, named_enum};
use std::fmt;

named_enum! {
    /// An action a user may add to a card.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum UserAction {
        Note => "note",
        Task => "task",
        Tag => "tag",
    }
}

impl UserAction {
    /// The names of the fields the action takes, required ones first (the names of
    /// [`UserAction::field_specs`], as a test checks).
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            UserAction::Note => &["text"],
            UserAction::Task => &["title", "due_in", "assignee"],
            UserAction::Tag => &["name"],
        }
    }

    /// The fields the action takes, required ones first, with their limits.
    pub fn field_specs(self) -> &'static [ActionField] {
        match self {
            UserAction::Note => &[ActionField {
                name: "text",
                required: true,
                max_chars: Some(NOTE_MAX),
                placeholders: Some(TextField::NoteText),
            }],
            UserAction::Task => &[
                ActionField {
                    name: "title",
                    required: true,
                    max_chars: Some(TITLE_MAX),
                    placeholders: Some(TextField::TaskTitle),
                },
                ActionField {
                    name: "due_in",
                    required: false,
                    max_chars: None,
                    placeholders: None,
                },
                ActionField {
                    name: "assignee",
                    required: false,
                    max_chars: None,
                    placeholders: None,
                },
            ],
            UserAction::Tag => &[ActionField {
                name: "name",
                required: true,
                max_chars: Some(TAG_MAX),
                placeholders: None,
            }],
        }
    }

    /// The spec of one of the action's fields.
    pub fn field(self, name: &str) -> Option<&'static ActionField> {
        self.field_specs().iter().find(|f| f.name == name)
    }

    /// The length limit of one of the action's fields, in characters (`usize::MAX`: none).
    pub fn max_chars(self, field: &str) -> usize {
        self.field(field)
            .and_then(|f| f.max_chars)
            .unwrap_or(usize::MAX)
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

/// One field of a user action: whether it is required, its length limit in characters,
/// and the placeholders it fills ([`TextField`]; `None`: a plain value).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ActionField {
    pub name: &'static str,
    pub required: bool,
    pub max_chars: Option<usize>,
    pub placeholders: Option<TextField>,
}

named_enum! {
    /// An action SAMI runs by itself that can't be removed.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum LockedAction {
        DoNotContactAllChannels => "do-not-contact-all-channels",
        CancelEnrollment => "cancel-enrollment",
        PauseEnrollment => "pause-enrollment",
        PauseContactUntilRequestedTime => "pause-contact-until-requested-time",
    }
}

impl LockedAction {
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

    /// Where the lock applies, in words, from the table: "opt-out, on every bot",
    /// "outbound-capable bots: needs-follow-up".
    pub fn applies_to(self) -> String {
        let always = self.outcomes_on_every_bot();
        if !always.is_empty() {
            return format!("{}, on every bot", tag_list(&always, ", "));
        }
        let outcomes: Vec<Outcome> = OUTCOME_RULES
            .iter()
            .filter(|r| r.enrollment_lock == Some(self))
            .map(|r| r.outcome)
            .collect();
        format!("outbound-capable bots: {}", tag_list(&outcomes, ", "))
    }

    /// The call outcomes where the lock fires on every bot (its [`OutcomeRules::locks`]).
    pub fn outcomes_on_every_bot(self) -> Vec<Outcome> {
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

    /// What to do with the lock written on a card where it doesn't fire on every bot (the
    /// locks of the `locks` column; `None` for an enrollment lock).
    pub fn misplaced_help(self) -> Option<&'static str> {
        match self {
            LockedAction::DoNotContactAllChannels => Some(
                "remove this line: SAMI marks a contact do-not-contact only when the lead opts out",
            ),
            _ => None,
        }
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

named_enum! {
    /// A `mid_call` option.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum MidCallOption {
        WrapUp => "wrap_up",
        MaxObjections => "max_objections",
        ConfirmTime => "confirm_time",
    }
}

impl MidCallOption {
    /// The option's key under `mid_call`.
    pub fn key(self) -> &'static str {
        self.as_str()
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

/// Length limits, in characters (spec section 3): `bot.name`, `analysis_criteria`,
/// `wrap_up`, a note's `text`, a task's `title`, a tag's `name`; and the most recipients a
/// `notify` list (`emails`, `phones`) takes. `validate` re-exports them under these names.
pub const NAME_MAX: usize = 100;
pub const CRITERIA_MAX: usize = 2000;
pub const WRAP_UP_MAX: usize = 500;
pub const NOTE_MAX: usize = 2000;
pub const TITLE_MAX: usize = 120;
pub const TAG_MAX: usize = 50;
pub const RECIPIENTS_MAX: usize = 10;

/// What a mid-call option holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OptionValue {
    /// Text SAMI speaks, with placeholders of [`TextField::WrapUp`].
    Text { max_chars: usize },
    /// A whole number in `range`; SAMI's `preset` applies when the card doesn't set it.
    Count {
        range: std::ops::RangeInclusive<i64>,
        preset: u8,
    },
    /// `true` or `false`.
    Flag,
}

impl MidCallOption {
    /// What the option holds, with its range and preset.
    pub fn value(self) -> OptionValue {
        match self {
            MidCallOption::WrapUp => OptionValue::Text {
                max_chars: WRAP_UP_MAX,
            },
            MidCallOption::MaxObjections => OptionValue::Count {
                range: MAX_OBJECTIONS_RANGE,
                preset: PRESET_MAX_OBJECTIONS,
            },
            MidCallOption::ConfirmTime => OptionValue::Flag,
        }
    }
}

named_enum! {
    /// Where a conversation with the lead happens: a call, or a text thread (spec section 17).
    /// The name is the value of `--channel` and of `"channel"` in JSON.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum Channel {
        Call => "call",
        Sms => "sms",
    }
}

impl Channel {
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

named_enum! {
    /// A step SAMI runs by itself when a text conversation lands on an outcome (spec section 17):
    /// not configurable, shown as locked. The names are the `type` strings of `simulate --channel
    /// sms` and of expectation files *(decided)*.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum SystemStep {
        /// Stops the bot's text outreach to the lead.
        StopOutreach => "stop-outreach",
        /// Marks the contact do-not-contact when the lead's reply was an opt-out.
        DoNotContactOnOptOut => "do-not-contact-on-opt-out",
        /// Pauses the bot's text outreach.
        PauseOutreach => "pause-outreach",
        /// Sets a do-not-contact-until date at the requested time: outreach pauses until then.
        PauseOutreachUntilRequestedTime => "pause-outreach-until-requested-time",
        /// Creates a follow-up task for the contact's assigned agent (contact later by text).
        CreateFollowUpTask => "create-follow-up-task",
        /// Applies the outcome's tag to the contact.
        ApplyOutcomeTag => "apply-outcome-tag",
        /// Writes SAMI's system note on the contact.
        SystemNote => "system-note",
    }
}

impl SystemStep {
    /// A short label for tables.
    pub fn label(self) -> &'static str {
        match self {
            SystemStep::StopOutreach => "stop outreach",
            SystemStep::DoNotContactOnOptOut => {
                "do not contact on every channel (when the lead opted out)"
            }
            SystemStep::PauseOutreach => "pause outreach",
            SystemStep::PauseOutreachUntilRequestedTime => {
                "pause outreach until the requested time (a do-not-contact-until date)"
            }
            SystemStep::CreateFollowUpTask => "a follow-up task for the assigned agent",
            SystemStep::ApplyOutcomeTag => "outcome tag",
            SystemStep::SystemNote => "system note",
        }
    }

    /// Why SAMI runs it and it can't be removed.
    pub fn reason(self) -> &'static str {
        match self {
            SystemStep::StopOutreach => "the text thread has ended: outreach stops",
            SystemStep::DoNotContactOnOptOut => {
                "TCPA: an SMS opt-out lands here and marks the contact do-not-contact on every \
                 channel (SMS, calls and email)"
            }
            SystemStep::PauseOutreach => "outreach waits while someone follows up",
            SystemStep::PauseOutreachUntilRequestedTime => {
                "SAMI sets a do-not-contact-until date at the requested time: no outreach \
                 before it"
            }
            SystemStep::CreateFollowUpTask => {
                "SAMI creates a follow-up task for the contact's assigned agent itself"
            }
            SystemStep::ApplyOutcomeTag => "the outcome's tag goes on the contact",
            SystemStep::SystemNote => "SAMI writes the conversation's note itself",
        }
    }

    /// The messaging cards that run this step, in their listing order.
    pub fn outcomes(self) -> Vec<Outcome> {
        MESSAGING_RULES
            .iter()
            .filter(|r| r.system_steps.contains(&self))
            .map(|r| r.outcome)
            .collect()
    }

    /// Why this step can't be written as an action type on the messaging card of `outcome`
    /// (spec section 17), the same words for a bot file and a `[policy.messaging.TAG]` key:
    /// "`stop-outreach` is SAMI's system step on SMS not-interested: it always runs and can't
    /// be written".
    pub fn refusal(self, outcome: Outcome) -> String {
        let name = self.as_str();
        if self.outcomes().contains(&outcome) {
            format!(
                "`{name}` is SAMI's system step on SMS {outcome}: it always runs and can't be written"
            )
        } else {
            format!(
                "`{name}` is SAMI's system step on SMS {} (not on SMS {outcome}): system steps \
                 always run and can't be written",
                tag_list(&self.outcomes(), " and ")
            )
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

    /// Why the card keeps to fewer actions and no notifications, as a clause: "SAMI handles
    /// the callback" (`None` where notifications exist).
    pub fn because(self) -> Option<&'static str> {
        match self {
            NotifyAccess::Allowed | NotifyAccess::OwnerOnly => None,
            NotifyAccess::Hidden => Some("there is nothing for a human to act on"),
            NotifyAccess::NotOffered => Some("SAMI handles the callback"),
        }
    }

    /// The help of a `notify` block where it is not allowed, naming the call outcomes with
    /// this access (from the table).
    pub fn refusal(self) -> Option<String> {
        let outcomes: Vec<Outcome> = OUTCOME_RULES
            .iter()
            .filter(|r| r.notify == self)
            .map(|r| r.outcome)
            .collect();
        let because = self.because()?;
        Some(match self {
            NotifyAccess::Hidden => format!(
                "notification controls are hidden on {}: {because}",
                tag_list(&outcomes, " and ")
            ),
            _ => format!(
                "{} keeps to notes and tasks: {because}",
                tag_list(&outcomes, " and ")
            ),
        })
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
    /// The locks that fire on every bot, whatever its direction, first in firing order
    /// (call cards; do-not-contact on opt-out).
    pub locks: &'static [LockedAction],
    /// The enrollment lock for outbound-capable bots (call cards; `None` on messaging cards,
    /// whose system steps manage outreach).
    pub enrollment_lock: Option<LockedAction>,
    /// The steps SAMI runs by itself, in order (messaging cards; empty on call cards, whose
    /// locked actions are [`locked_actions`]).
    pub system_steps: &'static [SystemStep],
    /// Placeholders whose name starts with one of these don't exist on this channel.
    pub missing_placeholders: &'static [&'static str],
    /// Where this card stands to a lead's request to stop contact (TCPA).
    pub opt_out: OptOutRole,
    /// The warning when the card has no task and no notification (`None`: no warning).
    pub follow_up: Option<FollowUpWarning>,
    /// SAMI's own step after the call's fired list, on every direction (spec section 4).
    pub callback: Option<Callback>,
    /// SAMI's preset card (spec section 10): what `samictl init` writes for it.
    pub preset: Preset,
}

/// SAMI's preset card for an outcome (spec section 10).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    /// The card in YAML flow form, for one-line help texts (`{}`: an empty card).
    pub card: &'static str,
    /// What the preset does, in words; `None` when it adds no action of its own.
    pub summary: Option<&'static str>,
}

/// An empty card: only the locked actions (or system steps) run. The preset of the cards SAMI
/// adds nothing to, and of every messaging card (SAMI publishes no preset for them).
pub const EMPTY_PRESET: Preset = Preset {
    card: "{}",
    summary: None,
};

/// Where a card stands to a lead's request to stop contact (TCPA).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptOutRole {
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
    pub nobody: &'static str,
}

/// A step SAMI takes by itself after the fired list (spec section 4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Callback {
    /// Contact later, on every direction: SAMI reaches out again at the requested time (the
    /// article: "SAMI reaches out again automatically"; the direction only decides whether an
    /// enrollment pause comes first).
    RequestedTime,
}

impl Callback {
    /// The value of `"callback"` in the JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Callback::RequestedTime => "requested-time",
        }
    }

    /// What SAMI does, in words.
    pub fn describe(self) -> &'static str {
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

/// Tags joined by `sep`, for messages: "needs-follow-up and contact-later".
pub fn tag_list(outcomes: &[Outcome], sep: &str) -> String {
    outcomes
        .iter()
        .map(|o| o.tag())
        .collect::<Vec<_>>()
        .join(sep)
}

/// The outcomes of `channel` where a request to stop contact lands ([`OptOutRole::LandsHere`]).
pub fn opt_out_outcomes(channel: Channel) -> Vec<Outcome> {
    channel
        .rules()
        .iter()
        .filter(|r| r.opt_out == OptOutRole::LandsHere)
        .map(|r| r.outcome)
        .collect()
}

/// The outcomes of `channel` that have a requested time, in its listing order.
pub fn requested_time_outcomes(channel: Channel) -> Vec<Outcome> {
    channel
        .rules()
        .iter()
        .filter(|r| r.requested_time)
        .map(|r| r.outcome)
        .collect()
}

/// Where a request to stop contact lands on `channel`, in words: "an SMS opt-out lands on
/// not-interested" (from the [`OptOutRole::LandsHere`] rows).
pub fn opt_out_landing(channel: Channel) -> String {
    let who = match channel {
        Channel::Call => "a call",
        Channel::Sms => "an SMS",
    };
    format!(
        "{who} opt-out lands on {}",
        tag_list(&opt_out_outcomes(channel), " and ")
    )
}

/// The outcomes help texts and messages name as examples, each found in the table by its role,
/// so an example can't name an outcome the table no longer has or that no longer plays the part.
pub mod example {
    use super::{Channel, OUTCOME_RULES, OptOutRole, Outcome, OutcomeRules, UserAction};

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
    pub fn borders_opt_out() -> Outcome {
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
    pub fn preset_with_actions() -> Outcome {
        first(Channel::Call, |r| r.preset.summary.is_some())
    }

    /// The last call card whose preset is an empty card (bad-number).
    pub fn empty_preset() -> Outcome {
        OUTCOME_RULES
            .iter()
            .rev()
            .find(|r| r.preset.summary.is_none())
            .map_or(Outcome::ALL[0], |r| r.outcome)
    }

    /// The first call card that takes no task (opt-out).
    pub fn no_task() -> Outcome {
        first(Channel::Call, |r| {
            !r.user_actions.contains(&UserAction::Task)
        })
    }

    /// The example outcome of `channel` for a policy table: what a team wants to hear about
    /// on calls ([`follow_up`]), where opt-outs land on SMS.
    pub fn policy(channel: Channel) -> Outcome {
        match channel {
            Channel::Call => follow_up(),
            Channel::Sms => opt_out(Channel::Sms),
        }
    }
}

impl OutcomeRules {
    /// The card's title with its tag: "Opt out (opt-out)".
    pub fn heading(&self) -> String {
        format!("{} ({})", self.title, self.outcome.tag())
    }
}

use crate::rule_id::Rule;
use LockedAction::{
    CancelEnrollment, DoNotContactAllChannels, PauseContactUntilRequestedTime, PauseEnrollment,
};
use MidCallOption::{ConfirmTime, MaxObjections, WrapUp};
use UserAction::{Note, Tag, Task};

/// The table (spec sections 3.2, 3.4 and 3.6), one row per outcome in canonical order.
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

/// Why a channel has no card for an outcome, for messages and helps.
pub fn no_card_reason(channel: Channel, outcome: Outcome) -> String {
    match (channel, outcome) {
        (Channel::Sms, Outcome::OptOut) => {
            "an SMS opt-out lands on not-interested (which marks the contact do-not-contact on \
             every channel)"
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
    let rules = rules_for(outcome);
    let mut locks = rules.locks.to_vec();
    if direction.is_outbound_capable()
        && let Some(lock) = rules.enrollment_lock
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
    if name == REQUESTED_TIME_PLACEHOLDER && !rules.requested_time {
        return Err(PlaceholderProblem::NotOnOutcome);
    }
    if field == TextField::WrapUp && !is_spoken_placeholder(name) {
        return Err(PlaceholderProblem::NotSpoken);
    }
    Ok(())
}

/// The placeholder that exists only on cards whose `requested_time` column is set.
pub const REQUESTED_TIME_PLACEHOLDER: &str = "requested_time";

/// Placeholders SAMI can fill while it is still on the call, so the ones a spoken field
/// ([`TextField::WrapUp`]) may hold: whole names, or prefixes ending in `.`.
pub const SPOKEN_PLACEHOLDERS: [&str; 3] = ["contact.", "bot.name", REQUESTED_TIME_PLACEHOLDER];

/// Placeholders SAMI can fill while it is still on the call.
fn is_spoken_placeholder(name: &str) -> bool {
    SPOKEN_PLACEHOLDERS.iter().any(|p| {
        if p.ends_with('.') {
            name.starts_with(p)
        } else {
            name == *p
        }
    })
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

    /// The columns that state one product fact twice agree: do-not-contact fires on every
    /// bot exactly where call opt-outs land, and an SMS card where opt-outs land runs the
    /// do-not-contact step; an action's field names are its specs' names.
    #[test]
    fn columns_agree() {
        for row in &OUTCOME_RULES {
            assert_eq!(
                row.locks.contains(&LockedAction::DoNotContactAllChannels),
                row.opt_out == OptOutRole::LandsHere,
                "{}",
                row.outcome
            );
            assert!(row.locks.iter().all(|l| !l.is_enrollment_lock()));
            assert_eq!(
                row.callback.is_some(),
                row.enrollment_lock == Some(PauseContactUntilRequestedTime)
            );
        }
        for row in &MESSAGING_RULES {
            assert!(row.locks.is_empty() && row.follow_up.is_none() && row.callback.is_none());
            assert_eq!(
                row.system_steps.contains(&DoNotContactOnOptOut),
                row.opt_out == OptOutRole::LandsHere,
                "{}",
                row.outcome
            );
        }
        assert_eq!(opt_out_outcomes(Channel::Call), [Outcome::OptOut]);
        assert_eq!(opt_out_outcomes(Channel::Sms), [Outcome::NotInterested]);
        for a in UserAction::ALL {
            let names: Vec<&str> = a.field_specs().iter().map(|f| f.name).collect();
            assert_eq!(names, a.fields(), "{}", a.as_str());
            // Required fields come first.
            let required = a.field_specs().iter().take_while(|f| f.required).count();
            assert!(a.field_specs()[required..].iter().all(|f| !f.required));
        }
        assert_eq!(
            LockedAction::DoNotContactAllChannels.applies_to(),
            "opt-out, on every bot"
        );
        assert_eq!(
            PauseEnrollment.applies_to(),
            "outbound-capable bots: needs-follow-up"
        );
        assert_eq!(
            NotifyAccess::Hidden.refusal().as_deref(),
            Some(
                "notification controls are hidden on opt-out and not-interested: there is nothing for a human to act on"
            )
        );
        assert_eq!(NotifyAccess::Allowed.refusal(), None);
        // The model holds each option as its value kind (the walker relies on it).
        assert!(matches!(WrapUp.value(), OptionValue::Text { .. }));
        assert!(matches!(ConfirmTime.value(), OptionValue::Flag));
        assert_eq!(
            MidCallOption::MaxObjections.value(),
            OptionValue::Count {
                range: 1..=10,
                preset: 4
            }
        );
    }

    /// The outcomes help texts name as examples are found by their role in the table; these are
    /// today's (a changed row moves an example, and the help snapshots show where).
    #[test]
    fn examples_play_their_part() {
        assert_eq!(example::opt_out(Channel::Call), Outcome::OptOut);
        assert_eq!(example::opt_out(Channel::Sms), Outcome::NotInterested);
        assert_eq!(example::borders_opt_out(), Outcome::NotInterested);
        assert_eq!(example::follow_up(), Outcome::MissedTransfer);
        assert_eq!(example::callback(), Outcome::ContactLater);
        assert_eq!(example::preset_with_actions(), Outcome::SuccessfulTransfer);
        assert_eq!(example::empty_preset(), Outcome::BadNumber);
        assert_eq!(example::no_task(), Outcome::OptOut);
        assert_eq!(example::policy(Channel::Call), Outcome::MissedTransfer);
        assert_eq!(example::policy(Channel::Sms), Outcome::NotInterested);
        assert_eq!(
            opt_out_landing(Channel::Sms),
            "an SMS opt-out lands on not-interested"
        );
        assert_eq!(
            opt_out_landing(Channel::Call),
            "a call opt-out lands on opt-out"
        );
        assert!(
            no_card_reason(Channel::Sms, Outcome::OptOut)
                .starts_with(&opt_out_landing(Channel::Sms))
        );
        // Every call preset is a card, and a summary only where the card has actions.
        for row in &OUTCOME_RULES {
            assert_eq!(
                row.preset.summary.is_none(),
                row.preset.card == "{}",
                "{}",
                row.outcome
            );
        }
        for row in &MESSAGING_RULES {
            assert_eq!(row.preset, EMPTY_PRESET, "{}", row.outcome);
        }
    }

    /// The placeholder list's wording of `requested_time` names the outcomes of the table.
    #[test]
    fn requested_time_placeholder_names_the_table() {
        let meaning = PLACEHOLDERS
            .iter()
            .find(|(n, _)| *n == REQUESTED_TIME_PLACEHOLDER)
            .map(|(_, m)| *m)
            .unwrap_or_default();
        for channel in Channel::ALL {
            assert!(
                meaning.contains(&tag_list(&requested_time_outcomes(channel), " and ")),
                "{meaning}"
            );
        }
        for p in SPOKEN_PLACEHOLDERS {
            assert!(PLACEHOLDERS.iter().any(|(n, _)| n.starts_with(p)), "{p}");
        }
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
                "covers SMS opt-outs (an opt-out reply lands here and is marked do-not-contact \
                 on every channel)",
            ),
            Outcome::Unqualified => Some("the thread confirmed a dealbreaker"),
            Outcome::BadNumber => Some("the texts reached the wrong person"),
            Outcome::NeedsFollowUp => Some("the lead wants someone to follow up in the thread"),
            Outcome::ContactLater => Some(
                "SAMI sets a do-not-contact-until date at the requested time (outreach pauses \
                     until then) and creates a follow-up task for the assigned agent",
            ),
            Outcome::SuccessfulTransfer | Outcome::MissedTransfer | Outcome::OptOut => None,
        }
    }

    /// Why an outcome takes no `analysis_criteria` (a row with `takes_criteria: false`).
    pub const NO_CRITERIA_REASON: &str =
        "detected from the transfer call events, not the transcript";
}
