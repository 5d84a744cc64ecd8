//! The checked model of a bot file. Validation builds it; it exists only for a file without
//! errors, so every command that reads it can trust it.

use crate::outcome::{Direction, Outcome};
use crate::product::{Channel, LockedAction, UserAction};
use crate::values::Duration;
use std::collections::BTreeMap;
use std::fmt;

/// A value and the 1-based line it was written on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub line: u32,
}

/// One bot: its header and the cards it writes, keyed (and so ordered) by outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bot {
    pub name: String,
    pub direction: Direction,
    /// The call cards (`outcomes`).
    pub cards: BTreeMap<Outcome, Card>,
    /// The SMS cards (`messaging`, docs/spec 17); `None` when the file has no such section.
    /// A messaging card has no criteria and no mid-call options.
    pub messaging: Option<BTreeMap<Outcome, Card>>,
}

impl Bot {
    /// A bot with no cards: only locked actions run (used by `simulate --direction` without a file).
    pub fn without_cards(name: &str, direction: Direction) -> Bot {
        Bot {
            name: name.to_owned(),
            direction,
            cards: BTreeMap::new(),
            messaging: None,
        }
    }

    /// The cards of a channel: the call cards, or the messaging cards (empty when the file has
    /// no `messaging` section).
    pub fn cards_on(&self, channel: Channel) -> Option<&BTreeMap<Outcome, Card>> {
        match channel {
            Channel::Call => Some(&self.cards),
            Channel::Sms => self.messaging.as_ref(),
        }
    }

    /// The card of `outcome` on `channel`, when the file writes one.
    pub fn card_on(&self, channel: Channel, outcome: Outcome) -> Option<&Card> {
        self.cards_on(channel).and_then(|cards| cards.get(&outcome))
    }
}

/// What one outcome does.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Card {
    /// The line of the card's key.
    pub line: u32,
    /// Custom analysis criteria; `None` means SAMI's default wording.
    pub analysis_criteria: Option<String>,
    pub mid_call: MidCall,
    /// Actions in file order, locked ones written in the file included.
    pub actions: Vec<Located<Action>>,
    pub notify: Option<Notify>,
}

impl Card {
    /// The card's tag names, lower-cased: tags are compared case-insensitively (docs/spec 7, 15).
    pub fn tag_names(&self) -> std::collections::HashSet<String> {
        self.actions
            .iter()
            .filter_map(|a| match &a.value {
                Action::Tag { name } => Some(name.to_lowercase()),
                _ => None,
            })
            .collect()
    }

    /// Every email and phone the card notifies, lower-cased (emails compare case-insensitively).
    pub fn recipients(&self) -> std::collections::HashSet<String> {
        self.notify
            .iter()
            .flat_map(|n| n.emails.iter().chain(&n.phones))
            .map(|r| r.value.to_lowercase())
            .collect()
    }
}

/// The `mid_call` options a card sets.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MidCall {
    pub wrap_up: Option<String>,
    pub max_objections: Option<u8>,
    pub confirm_time: Option<bool>,
}

impl MidCall {
    pub fn is_empty(&self) -> bool {
        self == &MidCall::default()
    }
}

/// An entry of `actions`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    Note {
        text: String,
    },
    Task {
        title: String,
        due_in: Option<DueIn>,
        assignee: Assignee,
    },
    Tag {
        name: String,
    },
    Locked(LockedAction),
}

impl Action {
    /// The action's `type` value.
    pub fn type_name(&self) -> &'static str {
        match self {
            Action::Note { .. } => UserAction::Note.as_str(),
            Action::Task { .. } => UserAction::Task.as_str(),
            Action::Tag { .. } => UserAction::Tag.as_str(),
            Action::Locked(l) => l.as_str(),
        }
    }

    /// Two actions are the same when they have the same type and fields; tag names are
    /// compared case-insensitively, emails too.
    pub fn same_as(&self, other: &Action) -> bool {
        match (self, other) {
            (Action::Tag { name: a }, Action::Tag { name: b }) => {
                a.to_lowercase() == b.to_lowercase()
            }
            (
                Action::Task {
                    title: t1,
                    due_in: d1,
                    assignee: a1,
                },
                Action::Task {
                    title: t2,
                    due_in: d2,
                    assignee: a2,
                },
            ) => t1 == t2 && d1 == d2 && a1.same_as(a2),
            (a, b) => a == b,
        }
    }

    /// A key equal for two actions exactly when [`Action::same_as`] holds, so duplicates are
    /// found with a hash map in linear time instead of comparing every pair.
    pub fn sameness_key(&self) -> Action {
        match self {
            Action::Tag { name } => Action::Tag {
                name: name.to_lowercase(),
            },
            Action::Task {
                title,
                due_in,
                assignee,
            } => Action::Task {
                title: title.clone(),
                due_in: *due_in,
                assignee: match assignee {
                    Assignee::Email(e) => Assignee::Email(e.to_ascii_lowercase()),
                    Assignee::Owner => Assignee::Owner,
                },
            },
            other => other.clone(),
        }
    }
}

/// When a task is due.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DueIn {
    After(Duration),
    RequestedTime,
}

impl fmt::Display for DueIn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DueIn::After(d) => d.fmt(f),
            DueIn::RequestedTime => f.write_str("requested-time"),
        }
    }
}

/// Who a task is for.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Assignee {
    /// The contact's assigned user (the default).
    Owner,
    Email(String),
}

impl Assignee {
    fn same_as(&self, other: &Assignee) -> bool {
        match (self, other) {
            (Assignee::Email(a), Assignee::Email(b)) => a.eq_ignore_ascii_case(b),
            (a, b) => a == b,
        }
    }
}

impl fmt::Display for Assignee {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Assignee::Owner => f.write_str("owner"),
            Assignee::Email(e) => f.write_str(e),
        }
    }
}

/// Who hears about the call.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Notify {
    pub line: u32,
    pub owner: bool,
    pub emails: Vec<Located<String>>,
    pub phones: Vec<Located<String>>,
}

impl Notify {
    /// True when the block notifies somebody.
    pub fn notifies_anyone(&self) -> bool {
        self.owner || !self.emails.is_empty() || !self.phones.is_empty()
    }
}
