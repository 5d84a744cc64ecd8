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
    /// A system step's own name written as an action type on a messaging card (spec 17);
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

    /// The finding's message and its `help` line.
    pub(super) fn words(&self) -> (String, Option<String>) {
        use Problem as P;
        let (message, help): (String, Option<String>) = match self {
            P::NotAMapping { what, found } => (format!("{what} must be a mapping, found {found}"), None),
            P::KeyNotScalar { what, found } => (
                format!("{found} can't be a key in {what}"),
                Some("keys in a bot file are plain names such as `notify`".to_owned()),
            ),
            P::DuplicateKey {
                what,
                key,
                first_line,
            } => (
                format!("`{key}` is repeated in {what}"),
                Some(format!(
                    "it is first written on line {first_line}; keep one of the two"
                )),
            ),
            P::UnknownField { what, key, known } => {
                let help = if *key == "<<" {
                    "merge keys (`<<`) are not part of the format: write the keys out".to_owned()
                } else if let Some(s) = did_you_mean(key, known.iter().copied()) {
                    format!("did you mean `{s}`?")
                } else if let Some(h) = unknown_field_help(*what) {
                    h.to_owned()
                } else {
                    format!("the keys here are {}", quote_list(known.iter().copied()))
                };
                (format!("unknown field `{key}` in {what}"), Some(help))
            }
            P::Missing { what, name } => {
                let help = match (what, *name) {
                    (Ctx::File, "version") => Some("add `version: 1` as the first line".to_owned()),
                    (Ctx::File, "bot") => {
                        Some("add a `bot:` mapping with `name` and `direction`".to_owned())
                    }
                    (Ctx::Bot, "direction") => {
                        Some(format!("add `direction:`, one of {}", directions()))
                    }
                    _ => None,
                };
                (format!("{what} is missing `{name}`"), help)
            }
            P::NoValue { name } => (format!("`{name}` has no value"), None),
            P::NoBoolean { name } => (
                format!("`{name}` has no value"),
                Some("write `true` or `false`".to_owned()),
            ),
            P::NotAString {
                name,
                found,
                scalar,
            } => (
                format!("`{name}` must be a string, found {found}"),
                scalar
                    .as_ref()
                    .map(|t| format!("quote it to make it a string: `{name}: \"{t}\"`")),
            ),
            P::NotABoolean { name, found, text } => {
                let help = match text {
                    Some(s) if super::shapes::CAPITALISED_BOOLEANS.contains(s) => format!(
                        "booleans are exactly `true` and `false`, in lowercase: write `{}`",
                        s.to_lowercase()
                    ),
                    Some(s)
                        if ["yes", "no", "on", "off", "y", "n", "true", "false"]
                            .contains(&s.to_lowercase().as_str()) =>
                    {
                        format!(
                            "YAML 1.2 booleans are exactly `true` and `false`; `{s}` is a string"
                        )
                    }
                    _ => "write `true` or `false`".to_owned(),
                };
                (
                    format!("`{name}` must be `true` or `false`, found {found}"),
                    Some(help),
                )
            }
            P::NotAList { name, found } => (
                format!("`{name}` must be a list, found {found}"),
                Some(list_help(name)),
            ),
            P::NotACount { name, range, found } => (
                format!(
                    "`{name}` must be a whole number from {} to {}, found {found}",
                    range.start(),
                    range.end(),
                ),
                None,
            ),

            P::UnbalancedBraces { field } => (
                format!("unbalanced braces in {}", field.describe()),
                Some(
                    "placeholders are written `{{ name }}`, with two braces on each side"
                        .to_owned(),
                ),
            ),
            P::Placeholder {
                name,
                field,
                problem,
                on,
                channel,
                available,
            } => {
                let message = match problem {
                    PlaceholderProblem::Unknown => {
                        format!("unknown placeholder `{{{{ {name} }}}}`")
                    }
                    PlaceholderProblem::NotInField => format!(
                        "placeholder `{{{{ {name} }}}}` in {}, which SAMI reads and never fills in",
                        field.describe()
                    ),
                    PlaceholderProblem::NotOnOutcome => {
                        format!("placeholder `{{{{ {name} }}}}` doesn't exist on {on}")
                    }
                    PlaceholderProblem::NotOnChannel => format!(
                        "placeholder `{{{{ {name} }}}}` doesn't exist on {on}: a text conversation has no call"
                    ),
                    PlaceholderProblem::NotSpoken => format!(
                        "placeholder `{{{{ {name} }}}}` doesn't exist in {}, which SAMI speaks during the call",
                        field.describe()
                    ),
                };
                let help = match problem {
                    PlaceholderProblem::NotInField => {
                        "write the criteria in plain words, without `{{ }}`".to_owned()
                    }
                    PlaceholderProblem::NotOnOutcome => format!(
                        "`requested_time` exists only on {}",
                        product::tag_list(&product::requested_time_outcomes(*channel), " and ")
                    ),
                    PlaceholderProblem::NotOnChannel => format!(
                        "messaging cards have no `call.*` placeholders; available here: {}",
                        quote_list(available.iter().copied())
                    ),
                    _ => match did_you_mean(name, available.iter().copied()) {
                        Some(s) if s != *name => format!("did you mean `{{{{ {s} }}}}`?"),
                        _ => {
                            format!("available here: {}", quote_list(available.iter().copied()))
                        }
                    },
                };
                (message, Some(help))
            }

            P::RootNotAMapping { found } => (
                format!(
                    "a bot file must be a mapping with `version`, `bot` and `outcomes`, found {found}"
                ),
                None,
            ),
            P::UnknownVersion(n) => (
                format!("version {n} doesn't exist; the only format version is 1"),
                Some("write `version: 1`".to_owned()),
            ),
            P::VersionNotAnInteger { found } => (
                format!("`version` must be the integer 1, found {found}"),
                Some("write `version: 1`".to_owned()),
            ),
            P::UnknownDirection { text } => {
                let directions = directions();
                let help = match did_you_mean(text, Direction::ALL.map(Direction::as_str)) {
                    Some(d) => format!("did you mean `{d}`? The directions are {directions}"),
                    None => format!("the directions are {directions}"),
                };
                (format!("unknown direction `{text}`"), Some(help))
            }
            P::NoDirection => (
                "`direction` has no value".to_owned(),
                Some(format!("one of {}", directions())),
            ),
            P::DirectionNotAString { found } => (
                format!("`direction` must be a string, found {found}"),
                Some(format!("one of {}", directions())),
            ),
            P::OutcomeMissing(outcome) => (
                format!("`{outcome}` has no card: only its locked actions will run"),
                Some(outcome_missing_help(*outcome)),
            ),
            P::SmsCardMissing(outcome) => (
                format!(
                    "messaging has no `{outcome}` card: only SAMI's system steps will run when a text conversation lands there"
                ),
                Some(format!(
                    "SAMI publishes no preset messaging card: write `{outcome}: {{}}` under `messaging` to say only the system steps are intended"
                )),
            ),
            P::UnknownOutcome { text } => {
                let help = match did_you_mean(text, Outcome::tags()) {
                    Some(t) => format!("did you mean `{t}`?"),
                    None => format!("the outcome tags are {}", quote_list(Outcome::tags())),
                };
                (format!("unknown outcome `{text}`"), Some(help))
            }
            P::UnknownSmsOutcome { text } => {
                let tags: Vec<&str> = Channel::Sms.outcomes().iter().map(|o| o.tag()).collect();
                let help = match Outcome::from_tag(text) {
                    Some(o) => format!(
                        "{}; the messaging outcomes are {}",
                        product::no_card_reason(Channel::Sms, o),
                        quote_list(tags.iter().copied())
                    ),
                    None => match did_you_mean(text, tags.iter().copied()) {
                        Some(t) => format!("did you mean `{t}`?"),
                        None => format!(
                            "the messaging outcomes are {}",
                            quote_list(tags.iter().copied())
                        ),
                    },
                };
                (format!("unknown messaging outcome `{text}`"), Some(help))
            }

            P::CriteriaNotAllowed(outcome) => (
                format!("`analysis_criteria` is not allowed on {outcome}"),
                Some(
                    "transfer outcomes are detected from the transfer call events, so they take no analysis criteria"
                        .to_owned(),
                ),
            ),
            P::NotifyNotAllowed { outcome, access } => (
                format!("`notify` is not allowed on {outcome}"),
                Some(format!(
                    "{}; remove the `notify` block",
                    access.refusal().unwrap_or_default()
                )),
            ),
            P::NobodyFollowsUp { outcome, warning } => (
                format!(
                    "{outcome} has no task and no notification: nobody {}",
                    warning.nobody
                ),
                Some(
                    "add a `task` action or a `notify` block (for example `owner: true`)"
                        .to_owned(),
                ),
            ),
            P::CriteriaCatchesOptOut { outcome, phrases } => {
                let quoted: Vec<String> = phrases.iter().map(|p| format!("\"{p}\"")).collect();
                let first = phrases.first().map_or("", String::as_str);
                (
                    format!(
                        "the analysis criteria of {outcome} would catch a request to stop contact ({})",
                        quoted.join(", ")
                    ),
                    Some(format!(
                        "such a call must land on {lands}, whose locked do-not-contact honours it (TCPA): \
                         leave requests to stop contact to {lands} (take \"{first}\" out of these criteria), \
                         or write the exclusion explicitly (\"... and no request to stop contact\")",
                        lands = product::tag_list(&product::opt_out_outcomes(Channel::Call), " and "),
                    )),
                )
            }
            P::ContactAfterOptOut { outcome, owner } => (
                format!(
                    "{} on SMS {outcome}, where SMS opt-outs land: a person acting on it may contact a lead who revoked consent (TCPA)",
                    if *owner { "an owner alert" } else { "a task" }
                ),
                Some(
                    "use a tag, or a task that reviews the thread without contacting the lead; \
                     if that is intended, relax the rule in samictl.toml \
                     ([rules] contact-after-opt-out = \"allow\")"
                        .to_owned(),
                ),
            ),
            P::MidCallOptionNotAllowed {
                key,
                option,
                outcome,
            } => {
                let homes: Vec<&str> = option.outcomes().into_iter().map(Outcome::tag).collect();
                (
                    format!("mid-call option `{key}` is not allowed on {outcome}"),
                    Some(format!("`{key}` belongs to {}", homes.join(" and "))),
                )
            }

            P::ActionNotAMapping { found, type_name } => (
                format!("an action must be a mapping with a `type`, found {found}"),
                Some(match type_name {
                    Some(s) => format!("write `- type: {s}`"),
                    None => "write each action as a mapping, like `- type: note`".to_owned(),
                }),
            ),
            P::ActionWithoutType { on, allowed } => (
                "this action has no `type`".to_owned(),
                Some(format!(
                    "the action types on {on} are {}",
                    quote_list(allowed.iter().copied())
                )),
            ),
            P::TypeNotAString { found } => (
                format!("an action's `type` must be a string, found {found}"),
                None,
            ),
            P::UnknownActionType {
                text,
                sms: Some((on, allowed)),
            } => {
                let help = match did_you_mean(text, allowed.iter().copied()) {
                    Some(t) => format!("did you mean `{t}`?"),
                    None => match did_you_mean(text, SystemStep::ALL.iter().map(|s| s.as_str())) {
                        Some(step) => format!(
                            "`{step}` is a system step SAMI runs itself and can't be written; the actions on {on} are {}",
                            quote_list(allowed.iter().copied())
                        ),
                        None => format!(
                            "the actions on {on} are {}",
                            quote_list(allowed.iter().copied())
                        ),
                    },
                };
                (format!("unknown action type `{text}`"), Some(help))
            }
            P::UnknownActionType { text, sms: None } => {
                let help = match did_you_mean(text, ActionType::all_names()) {
                    Some(t) => format!("did you mean `{t}`?"),
                    None => format!(
                        "the action types are {}",
                        quote_list(ActionType::all_names())
                    ),
                };
                (format!("unknown action type `{text}`"), Some(help))
            }
            P::SystemStepWritten {
                step,
                outcome,
                on,
                allowed,
            } => (
                step.refusal(*outcome),
                Some(format!(
                    "remove this line; the actions on {on} are {}",
                    quote_list(allowed.iter().copied())
                )),
            ),
            P::LockedOnSms { lock, on, steps } => (
                format!(
                    "locked action `{}` can't be written on {on}",
                    lock.as_str()
                ),
                Some(format!(
                    "SAMI's system steps ({}) always run on a messaging card and are not configurable: remove this line; the actions here are `tag` and `task`",
                    steps.join(", ")
                )),
            ),
            P::DuplicateAction {
                type_name,
                sms,
                first_line,
            } => {
                let of = sms.as_ref().map(|on| format!(" of {on}")).unwrap_or_default();
                (
                    format!("this `{type_name}` action{of} repeats the one on line {first_line}"),
                    Some("it would run twice; remove one".to_owned()),
                )
            }
            P::UserActionNotAllowed {
                user,
                on,
                allowed,
                channel,
                access,
            } => {
                let why = match access.because() {
                    _ if *channel == Channel::Sms => {
                        " (SAMI writes the conversation's note itself, as a system step)".to_owned()
                    }
                    Some(because) => format!(" ({because})"),
                    None => String::new(),
                };
                (
                    format!("{on} doesn't allow `{}` actions", user.as_str()),
                    Some(format!(
                        "the actions on {on} are {}{why}",
                        quote_list(allowed.iter().copied())
                    )),
                )
            }
            P::LockedOnUserAction(user) => (
                format!("unknown field `locked` in {}", Ctx::User(*user)),
                Some(format!(
                    "`locked` belongs to locked actions only; `{}` is a user action",
                    user.as_str()
                )),
            ),
            P::RequestedTimeNotAllowed { on, homes } => (
                format!("`due_in: requested-time` is not allowed on {on}"),
                Some(format!(
                    "only {} have a requested time; use a duration such as `4h`",
                    product::tag_list(homes, " and ")
                )),
            ),
            P::DueInNotAString { found } => (
                format!("`due_in` must be a duration such as `15m`, found {found}"),
                Some(
                    "a duration is a whole number and `m`, `h` or `d`: `15m`, `4h`, `2d`".to_owned(),
                ),
            ),
            P::SmsAssignee { text, on } => (
                format!(
                    "task assignee `{text}` on {on}: a messaging task goes to the contact's owner"
                ),
                Some("write `assignee: owner` or leave it out: messaging cards have no recipients other than the owner".to_owned()),
            ),
            P::LockedDisabled(lock) => (
                format!("`{}` is locked and can't be disabled", lock.as_str()),
                Some(format!("{}; remove `locked: false`", lock.reason())),
            ),
            P::LockMismatch {
                lock,
                outcome,
                mismatch,
            } => match mismatch {
                Mismatch::Misplaced(help) => (
                    format!(
                        "`{}` applies only to {}, not to {outcome}",
                        lock.as_str(),
                        product::tag_list(&lock.outcomes_on_every_bot(), " and ")
                    ),
                    Some((*help).to_owned()),
                ),
                Mismatch::InboundOnly => (
                    format!("`{}` doesn't apply to an inbound-only bot", lock.as_str()),
                    Some("inbound-only bots have no enrollment to manage: remove this line, or set `direction: outbound` or `both`".to_owned()),
                ),
                Mismatch::NotItsLock { own } => (
                    format!("`{}` doesn't apply to {outcome}", lock.as_str()),
                    Some(match own {
                        Some(own) => {
                            format!("the enrollment lock of {outcome} is `{}`", own.as_str())
                        }
                        None => format!("{outcome} has no enrollment lock"),
                    }),
                ),
            },

            P::RecipientNotAllowed {
                recipient,
                email,
                allowed,
            } => {
                let what = if *email {
                    "email domains"
                } else {
                    "phone prefixes"
                };
                let allowed = if allowed.is_empty() {
                    "none".to_owned()
                } else {
                    quote_list(allowed.iter().map(String::as_str))
                };
                (
                    format!("`{recipient}` is outside the org's allowed {what}"),
                    Some(format!("the `[policy]` of samictl.toml allows {allowed}")),
                )
            }
            P::NotifyEmpty { owner_only: true } => (
                "this `notify` block of a messaging card notifies nobody".to_owned(),
                Some("set `owner: true`, or remove the block".to_owned()),
            ),
            P::NotifyEmpty { owner_only: false } => (
                "this `notify` block notifies nobody".to_owned(),
                Some(
                    "set `owner: true`, add `emails` or `phones`, or remove the block".to_owned(),
                ),
            ),
            P::TooManyRecipients { name, count } => (
                format!("`{name}` lists {count} recipients; the limit is {RECIPIENTS_MAX}"),
                None,
            ),
            P::PhoneNotQuoted(n) => (
                format!("phone number {n} must be a quoted string"),
                Some(format!(
                    "YAML reads an unquoted `+{n}` as a number and drops the `+`: write \"+{n}\""
                )),
            ),
            P::RecipientNotAString { kind, found } => (
                format!("each {kind} must be a string, found {found}"),
                None,
            ),
            P::DuplicateRecipient { text, first_line } => (
                format!("`{text}` is already notified on line {first_line}"),
                Some("they would be notified twice; remove one".to_owned()),
            ),
        };
        (message, help)
    }
}

/// The outcome as messages name it on `channel`: its tag on a call card, `SMS ` and its tag
/// on a messaging card.
pub(super) fn on(channel: Channel, outcome: Outcome) -> String {
    match channel {
        Channel::Call => outcome.tag().to_owned(),
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
        Some(summary) if crate::init::preset_card(outcome).len() <= 30 => format!(
            "SAMI's preset {outcome} card {summary}: write `{outcome}: {}`",
            crate::init::preset_card(outcome)
        ),
        Some(summary) => format!(
            "SAMI's preset {outcome} card {summary}: write it (`samictl init` writes every preset card), or `{outcome}: {{}}` for locked actions only"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::NOTIFY_KEYS;

    fn words(problem: Problem<'_>) -> (String, Option<String>) {
        problem.words()
    }

    #[test]
    fn unknown_keys_get_the_help_of_their_mapping() {
        let lock = LockedAction::ALL[0];
        let known = ["type", "locked"];
        let help = |what, key| {
            words(Problem::UnknownField {
                what,
                key,
                known: &known,
            })
            .1
            .unwrap_or_default()
        };
        assert_eq!(
            help(Ctx::Locked(lock), "zz"),
            "a locked action takes only `locked: true`"
        );
        assert_eq!(help(Ctx::Locked(lock), "lockd"), "did you mean `locked`?");
        assert!(help(Ctx::Locked(lock), "<<").starts_with("merge keys"));
        assert!(help(Ctx::SmsNotify, "emails").contains("owner only"));
        assert!(help(Ctx::SmsCard(Outcome::ALL[0]), "zz").contains("no `mid_call`"));
        let notify = words(Problem::UnknownField {
            what: Ctx::Notify,
            key: "zz",
            known: &NOTIFY_KEYS,
        });
        assert_eq!(
            notify,
            (
                "unknown field `zz` in `notify`".to_owned(),
                Some("the keys here are `owner`, `emails`, `phones`".to_owned())
            )
        );
    }

    #[test]
    fn missing_keys_and_lists_say_how_to_write_them() {
        let help = |what, name| words(Problem::Missing { what, name }).1;
        assert_eq!(
            help(Ctx::File, "version").as_deref(),
            Some("add `version: 1` as the first line")
        );
        assert!(help(Ctx::File, "bot").is_some_and(|h| h.contains("`name` and `direction`")));
        assert!(help(Ctx::Bot, "direction").is_some_and(|h| h.contains("`outbound`")));
        assert_eq!(help(Ctx::Bot, "name"), None);
        for (name, example) in [
            ("actions", "- type:"),
            ("emails", "emails: ["),
            ("phones", "phones: ["),
        ] {
            let (message, help) = words(Problem::NotAList {
                name,
                found: "an integer",
            });
            assert_eq!(
                message,
                format!("`{name}` must be a list, found an integer")
            );
            assert!(help.is_some_and(|h| h.contains(example)), "{name}");
        }
    }

    #[test]
    fn rules_and_names() {
        let outcome = Outcome::ALL[0];
        let warning = FollowUpWarning {
            rule: Rule::FollowUpUnassigned,
            nobody: "follows up",
        };
        let problem = Problem::NobodyFollowsUp { outcome, warning };
        assert_eq!(problem.rule(), Rule::FollowUpUnassigned);
        assert!(problem.words().0.ends_with("nobody follows up"));
        assert_eq!(Problem::PhoneNotQuoted(1).rule(), Rule::InvalidValue);
        assert_eq!(
            Problem::LockedOnUserAction(UserAction::ALL[0]).rule(),
            Rule::UnknownField
        );
        assert_eq!(on(Channel::Call, outcome), outcome.tag());
        assert_eq!(on(Channel::Sms, outcome), format!("SMS {outcome}"));
        let mut message = "`x` has no value".to_owned();
        name_sms_card(&mut message, outcome);
        assert_eq!(
            message,
            format!("`x` has no value (messaging card `{outcome}`)")
        );
        let mut message = "on the SMS card".to_owned();
        name_sms_card(&mut message, outcome);
        assert_eq!(message, "on the SMS card");
    }
}
