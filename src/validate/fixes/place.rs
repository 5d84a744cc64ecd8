//! Where a finding stands: the kind of mapping a key is in, the entry or item a fix edits, and
//! the typed target the check records for each fixable finding.

use crate::format::{BOT_KEYS, CARD_KEYS, MESSAGING_CARD_KEYS, NOTIFY_KEYS, ROOT_KEYS};
use crate::outcome::Outcome;
use crate::product::{ActionType, Channel, MidCallOption, UserAction};
use crate::values::did_you_mean;
use crate::yaml::{Node, Value};

/// The kind of mapping a key is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(in crate::validate) enum Place {
    Root,
    Bot,
    Outcomes,
    /// The `messaging` mapping (docs/spec 17): only its tags are renamed.
    Messaging,
    Card(Outcome),
    /// A card of the `messaging` section (docs/spec 17): `actions` and `notify` only.
    SmsCard(Outcome),
    MidCall,
    Notify,
    /// A messaging card's `notify`: `owner` only.
    SmsNotify,
    UserAction(UserAction),
    LockedAction,
    Other,
}

impl Place {
    /// The keys the format defines in this place.
    pub(in crate::validate) fn known(self) -> Option<Vec<&'static str>> {
        Some(match self {
            Place::Root => ROOT_KEYS.to_vec(),
            Place::Bot => BOT_KEYS.to_vec(),
            Place::Card(_) => CARD_KEYS.to_vec(),
            Place::SmsCard(_) => MESSAGING_CARD_KEYS.to_vec(),
            Place::SmsNotify => crate::product::NotifyAccess::OwnerOnly.keys().to_vec(),
            Place::MidCall => MidCallOption::ALL.map(MidCallOption::key).to_vec(),
            Place::Notify => NOTIFY_KEYS.to_vec(),
            Place::UserAction(u) => {
                let mut keys = vec!["type"];
                keys.extend_from_slice(u.fields());
                keys
            }
            Place::LockedAction => vec!["type", "locked"],
            Place::Outcomes | Place::Messaging | Place::Other => return None,
        })
    }
}

/// A mapping entry: the mapping node and the entry's index in it.
#[derive(Clone, Copy, Debug)]
pub(in crate::validate) struct EntryRef<'t> {
    pub(in crate::validate) place: Place,
    pub(in crate::validate) map: &'t Node<'t>,
    pub(in crate::validate) index: usize,
}

impl<'t> EntryRef<'t> {
    pub(in crate::validate) fn entries(&self) -> &'t [(Node<'t>, Node<'t>)] {
        match &self.map.value {
            Value::Map(entries) => entries,
            _ => &[],
        }
    }

    pub(in crate::validate) fn key(&self) -> Option<&'t Node<'t>> {
        self.entries().get(self.index).map(|(k, _)| k)
    }

    pub(in crate::validate) fn value(&self) -> Option<&'t Node<'t>> {
        self.entries().get(self.index).map(|(_, v)| v)
    }

    pub(in crate::validate) fn key_text(&self) -> Option<&'t str> {
        match &self.key()?.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// A sequence item: the sequence node, the item's index, and the entry holding the sequence.
#[derive(Clone, Copy, Debug)]
pub(in crate::validate) struct ItemRef<'t> {
    pub(in crate::validate) seq: &'t Node<'t>,
    pub(in crate::validate) index: usize,
    pub(in crate::validate) holder: Option<EntryRef<'t>>,
}

impl<'t> ItemRef<'t> {
    pub(in crate::validate) fn items(&self) -> &'t [Node<'t>] {
        match &self.seq.value {
            Value::Seq(items) => items,
            _ => &[],
        }
    }
}

/// What the check that found a fixable finding knew of it: the node the finding points at,
/// typed (the mapping and the entry's index, or the sequence and the item's index with the
/// entry holding it, and the kind of mapping it is in), and the facts its fix needs. The
/// walker records one next to each such finding, by the finding's index (issue 25); the fix
/// is written from it, never worked out again from the finding's rule and position.
#[derive(Clone, Debug)]
pub(in crate::validate) enum FixTarget<'t> {
    /// A mapping entry by its key: a misspelt key or tag (`unknown-field`, `unknown-outcome`),
    /// `locked: false` (`locked-action-disabled`), a `notify` block (`notify-not-allowed`,
    /// `notify-empty`).
    Key(EntryRef<'t>),
    /// A mapping entry by its scalar value: a boolean or `direction` written another way
    /// (`invalid-value`).
    Value(EntryRef<'t>),
    /// A sequence item: an unquoted phone (`invalid-value`), a repeated recipient or action
    /// (`duplicate-recipient`, `duplicate-action`).
    Item(ItemRef<'t>),
    /// The action item of a locked action that can't take effect on its card, and its `type`
    /// as written (`locked-action-mismatch`).
    Lock(ItemRef<'t>, &'t str),
    /// A placeholder that is no placeholder, by its name as read (`unknown-placeholder`); the
    /// finding points at it as written.
    Placeholder(String),
    /// A missing card and the section it is missing from (`outcome-missing`).
    Card(Outcome, Channel),
}

/// The place of an action item's keys, from its `type`.
pub(in crate::validate) fn action_place(item: &Node) -> Place {
    match action_type(item).and_then(ActionType::parse) {
        Some(ActionType::User(u)) => Place::UserAction(u),
        Some(ActionType::Locked(_)) => Place::LockedAction,
        None => Place::Other,
    }
}

/// The `type` of an action item, as written.
pub(in crate::validate) fn action_type<'n>(item: &'n Node) -> Option<&'n str> {
    let Value::Map(entries) = &item.value else {
        return None;
    };
    entries
        .iter()
        .find_map(|(k, v)| match (&k.value, &v.value) {
            (Value::Str(k), Value::Str(v)) if k == "type" => Some(v.as_ref()),
            _ => None,
        })
}

/// The one close candidate for `word` among `candidates`, or `None` when there is none or
/// more than one.
pub(in crate::validate) fn one_close<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let best = did_you_mean(word, candidates.iter().copied())?;
    let others: Vec<&str> = candidates.iter().copied().filter(|c| *c != best).collect();
    match did_you_mean(word, others) {
        Some(_) => None,
        None => Some(best),
    }
}
