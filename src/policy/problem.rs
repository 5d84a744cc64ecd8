//! What a card breaks, as facts ([`Problem`]: the missing tags, recipients, action types...),
//! and the wording of the `policy-violation` finding built from them. The policy fix
//! ([`super::fix`]) is built from the same facts, so no code reads a finding's text back.

use crate::outcome::Outcome;
use crate::product::{Channel, UserAction};

/// What one card breaks of one policy key: the facts a finding's message, its help and its
/// fix are all built from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// `require_actions`: the required user action types the card lacks, in the policy's order.
    MissingActions(Vec<UserAction>),
    /// `forbid_actions`: the forbidden user action types the card has, in the policy's order.
    ForbiddenActions(Vec<UserAction>),
    /// `require_owner`: the card does not alert the contact's owner.
    NoOwnerAlert,
    /// `require_recipients`: the required recipients the card does not notify, as the policy
    /// spells them.
    MissingRecipients(Vec<String>),
    /// `require_tags`: the required tags the card lacks, as the policy spells them.
    MissingTags(Vec<String>),
    /// `criteria = "default"`: the card has custom analysis criteria.
    CustomCriteria,
    /// `require_wrap_up`: the card has no `mid_call.wrap_up`.
    NoWrapUp,
}

/// The card a [`Problem`] is on: its section, outcome, and whether the bot has it at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CardPlace {
    pub channel: Channel,
    pub outcome: Outcome,
    /// `false`: the bot has no card for the outcome (a fix creates one).
    pub exists: bool,
}

impl CardPlace {
    /// The card as the message names it (`opt-out`, `SMS opt-out`).
    pub(super) fn on(&self) -> String {
        match self.channel {
            Channel::Call => self.outcome.to_string(),
            Channel::Sms => format!("SMS {}", self.outcome),
        }
    }

    /// Where the help says to add what is missing.
    fn add_to(&self) -> String {
        let outcome = self.outcome;
        if self.exists {
            format!("the {} card", self.on())
        } else {
            match self.channel {
                Channel::Call => format!("a new `{outcome}:` card (the bot has none)"),
                Channel::Sms => {
                    format!("a new `{outcome}:` card under `messaging` (the bot has none)")
                }
            }
        }
    }
}

impl Problem {
    /// The finding's message: `policy `KEY` (samictl.toml:LINE) requires ... on CARD`.
    pub fn message(&self, place: &CardPlace, key: &str, line: u32) -> String {
        let head = format!("policy `{key}` (samictl.toml:{line})");
        let on = place.on();
        match self {
            Problem::MissingActions(missing) => {
                format!("{head} requires {} on {on}", types_list(missing))
            }
            Problem::ForbiddenActions(present) => {
                format!("{head} forbids {} on {on}", types_list(present))
            }
            Problem::NoOwnerAlert => format!("{head} requires an owner alert on {on}"),
            Problem::MissingRecipients(missing) => {
                format!("{head} requires {on} to notify {}", plain_list(missing))
            }
            Problem::MissingTags(missing) => {
                let s = if missing.len() == 1 { "" } else { "s" };
                format!("{head} requires the tag{s} {} on {on}", plain_list(missing))
            }
            Problem::CustomCriteria => {
                format!("{head} requires SAMI's default analysis criteria on {on}")
            }
            Problem::NoWrapUp => format!("{head} requires a `mid_call.wrap_up` on {on}"),
        }
    }

    /// The finding's help: what to change on the card.
    pub fn help(&self, place: &CardPlace) -> String {
        let on = place.on();
        let add_to = place.add_to();
        match self {
            Problem::MissingActions(missing) => {
                format!("add {} action to {add_to}", types_list(missing))
            }
            Problem::ForbiddenActions(present) => format!(
                "remove the {} action from the {on} card",
                join_each(present, |t| format!("`{}`", t.as_str()))
            ),
            Problem::NoOwnerAlert => format!("set `owner: true` under `notify` on {add_to}"),
            Problem::MissingRecipients(missing) => {
                format!("add {} to `notify` on {add_to}", plain_list(missing))
            }
            Problem::MissingTags(missing) => format!(
                "add {} to {add_to}",
                join_each(missing, |t| format!("`{{type: tag, name: {t}}}`"))
            ),
            Problem::CustomCriteria => format!("remove `analysis_criteria` from the {on} card"),
            Problem::NoWrapUp => format!("add `mid_call: {{wrap_up: \"...\"}}` to {add_to}"),
        }
    }
}

/// `a `note``, `a `task``, `a `tag``.
pub(super) fn a(t: UserAction) -> String {
    match t {
        UserAction::Note => "a `note`".into(),
        UserAction::Task => "a `task`".into(),
        UserAction::Tag => "a `tag`".into(),
    }
}

pub(super) fn types_list(types: &[UserAction]) -> String {
    join_each(types, |t| a(*t))
}

pub(super) fn plain_list(items: &[String]) -> String {
    join_each(items, |s| format!("`{s}`"))
}

/// Each item as `f` writes it, joined as [`join`] joins them.
fn join_each<T>(items: &[T], f: impl FnMut(&T) -> String) -> String {
    join(items.iter().map(f).collect())
}

/// `a`, `a and b`, `a, b and c`.
pub(super) fn join(items: Vec<String>) -> String {
    match items.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
