//! How the walker's findings read, apart from the checks that find them (as cargo-deny keeps
//! each check's diagnostics in its own file).
//!
//! A check says what is wrong as a [`Problem`]: the facts, typed (the key, what was found,
//! the outcome as messages name it, what the product table allows there). [`Problem::rule`]
//! is the rule it falls under, [`Problem::words`] its message and `help` line; the wording
//! (and the "did you mean" suggestions) is built here and nowhere in the checks. A value a
//! field check refuses is worded by [`crate::fields::messages`] instead, the wording the
//! `edit` and `init` prompts share. The messages are a public interface, pinned by the
//! snapshots. Nothing here escapes: the renderer does.

use crate::outcome::{Direction, Outcome};
use crate::product::{
    self, ActionType, Channel, FollowUpWarning, LockedAction, MidCallOption, NotifyAccess,
    PlaceholderProblem, RECIPIENTS_MAX, SystemStep, TextField, UserAction,
};
use crate::rules::Rule;
use crate::values::did_you_mean;
use std::fmt;
use std::ops::RangeInclusive;

/// Where in the file a message is about; formatted only when a finding is reported.
#[derive(Clone, Copy, Debug)]
pub(super) enum Ctx {
    TopLevel,
    File,
    Bot,
    Outcomes,
    Messaging,
    /// A messaging card as a value: "the SMS `TAG` card".
    SmsCardValue(Outcome),
    /// A messaging card's keys: "messaging card `TAG`".
    SmsCard(Outcome),
    /// A messaging card's `notify`.
    SmsNotify,
    /// The card as a value: "the `TAG` card".
    CardValue(Outcome),
    /// The card's keys: "outcome card `TAG`".
    Card(Outcome),
    MidCall,
    Notify,
    AnAction,
    User(UserAction),
    Locked(LockedAction),
}

impl fmt::Display for Ctx {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ctx::TopLevel => f.write_str("the top level"),
            Ctx::File => f.write_str("the file"),
            Ctx::Bot => f.write_str("`bot`"),
            Ctx::Outcomes => f.write_str("`outcomes`"),
            Ctx::Messaging => f.write_str("`messaging`"),
            Ctx::SmsCardValue(o) => write!(f, "the SMS `{o}` card"),
            Ctx::SmsCard(o) => write!(f, "messaging card `{o}`"),
            Ctx::SmsNotify => f.write_str("the `notify` of a messaging card"),
            Ctx::CardValue(o) => write!(f, "the `{o}` card"),
            Ctx::Card(o) => write!(f, "outcome card `{o}`"),
            Ctx::MidCall => f.write_str("`mid_call`"),
            Ctx::Notify => f.write_str("`notify`"),
            Ctx::AnAction => f.write_str("an action"),
            Ctx::User(u) => write!(f, "a `{}` action", u.as_str()),
            Ctx::Locked(l) => write!(f, "locked action `{}`", l.as_str()),
        }
    }
}

pub(super) fn quote_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items
        .into_iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a check found wrong, with the facts its message needs.
pub(super) enum Problem<'a> {
    // ---- the shape of a value ----
    /// A value that must be a mapping.
    NotAMapping {
        what: Ctx,
        found: &'static str,
    },
    /// A key that isn't a scalar.
    KeyNotScalar {
        what: Ctx,
        found: &'static str,
    },
    /// A key written twice in one mapping.
    DuplicateKey {
        what: Ctx,
        key: &'a str,
        first_line: u32,
    },
    /// A key the mapping doesn't define; `known` are the keys it does.
    UnknownField {
        what: Ctx,
        key: &'a str,
        known: &'a [&'a str],
    },
    /// A required key that isn't there.
    Missing {
        what: Ctx,
        name: &'a str,
    },
    /// A key with no value (`name:`).
    NoValue {
        name: &'a str,
    },
    /// A `true`/`false` key with no value.
    NoBoolean {
        name: &'a str,
    },
    /// A value that must be a string; `scalar` is its text when it has one.
    NotAString {
        name: &'a str,
        found: &'static str,
        scalar: Option<String>,
    },
    /// A value that must be `true` or `false`; `text` when it is a string.
    NotABoolean {
        name: &'a str,
        found: &'static str,
        text: Option<&'a str>,
    },
    /// A value that must be a list.
    NotAList {
        name: &'a str,
        found: &'static str,
    },
    /// A value that must be a whole number in `range`.
    NotACount {
        name: &'a str,
        range: RangeInclusive<i64>,
        found: &'static str,
    },

    // ---- placeholders ----
    /// A `{{` or `}}` that doesn't pair up, in `field`.
    UnbalancedBraces {
        field: TextField,
    },
    /// A placeholder that doesn't exist here; `available` are the ones that do.
    Placeholder {
        name: &'a str,
        field: TextField,
        problem: PlaceholderProblem,
        on: String,
        channel: Channel,
        available: Vec<&'static str>,
    },

    // ---- the file, `bot` and the sections ----
    RootNotAMapping {
        found: &'static str,
    },
    UnknownVersion(i64),
    VersionNotAnInteger {
        found: &'static str,
    },
    UnknownDirection {
        text: &'a str,
    },
    NoDirection,
    DirectionNotAString {
        found: &'static str,
    },
    /// A call outcome without a card.
    OutcomeMissing(Outcome),
    /// A messaging outcome without a card.
    SmsCardMissing(Outcome),
    UnknownOutcome {
        text: &'a str,
    },
    UnknownSmsOutcome {
        text: &'a str,
    },

    // ---- a card ----
    CriteriaNotAllowed(Outcome),
    NotifyNotAllowed {
        outcome: Outcome,
        access: NotifyAccess,
    },
    /// A card with no task and no notification, on an outcome that warns about it.
    NobodyFollowsUp {
        outcome: Outcome,
        warning: FollowUpWarning,
    },
    /// Criteria that would catch these requests to stop contact (at least one).
    CriteriaCatchesOptOut {
        outcome: Outcome,
        phrases: Vec<String>,
    },
    /// A task (`owner: false`) or an owner alert (`owner: true`) on the SMS card where SMS
    /// opt-outs land.
    ContactAfterOptOut {
        outcome: Outcome,
        owner: bool,
    },
    MidCallOptionNotAllowed {
        key: &'a str,
        option: MidCallOption,
        outcome: Outcome,
    },

    // ---- actions ----
    /// An action item that isn't a mapping; `type_name` when it is the name of an action type.
    ActionNotAMapping {
        found: &'static str,
        type_name: Option<&'a str>,
    },
    /// An action without `type`; `allowed` are the types the card may write.
    ActionWithoutType {
        on: String,
        allowed: Vec<&'static str>,
    },
    TypeNotAString {
        found: &'static str,
    },
    /// `sms`: on a messaging card, the action types it allows (the help lists only those).
    UnknownActionType {
        text: &'a str,
        sms: Option<(String, Vec<&'static str>)>,
    },
    /// A system step's own name written as an action type on a messaging card (docs/spec 17);
    /// `allowed` are the action types the card takes.
    SystemStepWritten {
        step: SystemStep,
        outcome: Outcome,
        on: String,
        allowed: Vec<&'static str>,
    },
    /// A locked action written on a messaging card, which runs `steps` by itself.
    LockedOnSms {
        lock: LockedAction,
        on: String,
        steps: Vec<&'static str>,
    },
    /// An action repeating the one on `first_line`; `sms` names a messaging card's outcome.
    DuplicateAction {
        type_name: &'static str,
        sms: Option<String>,
        first_line: u32,
    },
    /// A user action the card doesn't allow; `allowed` are the ones it does.
    UserActionNotAllowed {
        user: UserAction,
        on: String,
        allowed: Vec<&'static str>,
        channel: Channel,
        access: NotifyAccess,
    },
    LockedOnUserAction(UserAction),
    /// `due_in: requested-time` where there is no requested time; `homes` have one.
    RequestedTimeNotAllowed {
        on: String,
        homes: Vec<Outcome>,
    },
    DueInNotAString {
        found: &'static str,
    },
    /// A task of a messaging card assigned to someone else than the owner.
    SmsAssignee {
        text: &'a str,
        on: String,
    },
    LockedDisabled(LockedAction),
    LockMismatch {
        lock: LockedAction,
        outcome: Outcome,
        mismatch: Mismatch,
    },

    // ---- notify ----
    /// A recipient outside the org's allowed email domains or phone prefixes (`allowed`).
    RecipientNotAllowed {
        recipient: &'a str,
        email: bool,
        allowed: &'a [String],
    },
    /// A `notify` block notifying nobody; `owner_only` on a messaging card.
    NotifyEmpty {
        owner_only: bool,
    },
    TooManyRecipients {
        name: &'a str,
        count: usize,
    },
    PhoneNotQuoted(i64),
    RecipientNotAString {
        kind: &'a str,
        found: &'static str,
    },
    DuplicateRecipient {
        text: &'a str,
        first_line: u32,
    },
}

/// Why a locked action doesn't belong on its card.
pub(super) enum Mismatch {
    /// A lock that fires on every bot, on a card it doesn't fire on (with the table's help).
    Misplaced(&'static str),
    /// An enrollment lock on an inbound-only bot.
    InboundOnly,
    /// Another outcome's enrollment lock; `own` is the card's own, if any.
    NotItsLock { own: Option<LockedAction> },
}

impl Problem<'_> {
    /// The rule the finding falls under.
    pub(super) fn rule(&self) -> Rule {
        use Problem as P;
        match self {
            P::KeyNotScalar { .. } | P::UnknownField { .. } | P::LockedOnUserAction(_) => {
                Rule::UnknownField
            }
            P::DuplicateKey { .. } => Rule::DuplicateKey,
            P::UnbalancedBraces { .. } | P::Placeholder { .. } => Rule::UnknownPlaceholder,
            P::OutcomeMissing(_) | P::SmsCardMissing(_) => Rule::OutcomeMissing,
            P::UnknownOutcome { .. } | P::UnknownSmsOutcome { .. } => Rule::UnknownOutcome,
            P::CriteriaNotAllowed(_)
            | P::MidCallOptionNotAllowed { .. }
            | P::RequestedTimeNotAllowed { .. } => Rule::OptionNotAllowed,
            P::NotifyNotAllowed { .. } => Rule::NotifyNotAllowed,
            P::NobodyFollowsUp { warning, .. } => warning.rule,
            P::CriteriaCatchesOptOut { .. } => Rule::CriteriaCatchesOptOut,
            P::ContactAfterOptOut { .. } => Rule::ContactAfterOptOut,
            P::LockedOnSms { .. }
            | P::UserActionNotAllowed { .. }
            | P::SystemStepWritten { .. } => Rule::ActionNotAllowed,
            P::DuplicateAction { .. } => Rule::DuplicateAction,
            P::LockedDisabled(_) => Rule::LockedActionDisabled,
            P::LockMismatch { .. } => Rule::LockedActionMismatch,
            P::RecipientNotAllowed { .. } => Rule::RecipientNotAllowed,
            P::NotifyEmpty { .. } => Rule::NotifyEmpty,
            P::DuplicateRecipient { .. } => Rule::DuplicateRecipient,
            P::NotAMapping { .. }
            | P::Missing { .. }
            | P::NoValue { .. }
            | P::NoBoolean { .. }
            | P::NotAString { .. }
            | P::NotABoolean { .. }
            | P::NotAList { .. }
            | P::NotACount { .. }
            | P::RootNotAMapping { .. }
            | P::UnknownVersion(_)
            | P::VersionNotAnInteger { .. }
            | P::UnknownDirection { .. }
            | P::NoDirection
            | P::DirectionNotAString { .. }
            | P::ActionNotAMapping { .. }
            | P::ActionWithoutType { .. }
            | P::TypeNotAString { .. }
            | P::UnknownActionType { .. }
            | P::DueInNotAString { .. }
            | P::SmsAssignee { .. }
            | P::TooManyRecipients { .. }
            | P::PhoneNotQuoted(_)
            | P::RecipientNotAString { .. } => Rule::InvalidValue,
        }
    }
}
/// The outcome as messages name it on `channel`: its tag on a call card, `SMS ` and its tag
/// on a messaging card.
pub(super) fn on(channel: Channel, outcome: Outcome) -> String {
    match channel {
        Channel::Call => outcome.as_str().to_owned(),
        Channel::Sms => format!("SMS {outcome}"),
    }
}

/// Names the messaging card a finding is on, when its message doesn't say.
pub(super) fn name_sms_card(message: &mut String, outcome: Outcome) {
    if !message.contains("SMS") && !message.contains("messaging") {
        message.push_str(&format!(" (messaging card `{outcome}`)"));
    }
}

/// The directions, quoted: "`inbound`, `outbound`, `both`".
fn directions() -> String {
    quote_list(Direction::ALL.map(Direction::as_str))
}

/// The help of an unknown key where the mapping has a reason of its own to give.
fn unknown_field_help(what: Ctx) -> Option<&'static str> {
    match what {
        Ctx::Locked(_) => Some("a locked action takes only `locked: true`"),
        Ctx::SmsCard(_) => Some(
            "a messaging card takes only `actions` (tags and tasks) and `notify` (`owner`): \
             SAMI reads the text thread itself, so there is no `analysis_criteria` and no `mid_call`",
        ),
        // `emails` and `phones` are keys this `notify` doesn't define: unknown-field
        // *(decided)*, with the reason.
        Ctx::SmsNotify => Some(
            "a messaging card alerts the contact's owner only (`owner: true`): it has no extra email or phone recipients",
        ),
        _ => None,
    }
}

/// How to write the list `name` is.
fn list_help(name: &str) -> String {
    match name {
        "actions" => "write each action as `- type: ...`".to_owned(),
        "emails" => "write `emails: [team-lead@acme-realty.com]`".to_owned(),
        "phones" => "write `phones: [\"+15125550142\"]`".to_owned(),
        _ => format!("write `{name}` as a list: `- ...` on each line"),
    }
}

/// The help of a missing call card: SAMI's preset card for the outcome.
fn outcome_missing_help(outcome: Outcome) -> String {
    match crate::init::preset_summary(outcome) {
        None => format!(
            "SAMI publishes no preset {outcome} card (`samictl init` writes it empty): write `{outcome}: {{}}` to say only the locked actions are intended"
        ),
        Some(summary) if crate::init::preset_flow(outcome).len() <= 30 => format!(
            "SAMI's preset {outcome} card {summary}: write `{outcome}: {}`",
            crate::init::preset_flow(outcome)
        ),
        Some(summary) => format!(
            "SAMI's preset {outcome} card {summary}: write it (`samictl init` writes every preset card), or `{outcome}: {{}}` for locked actions only"
        ),
    }
}

mod words;

#[cfg(test)]
mod tests;
