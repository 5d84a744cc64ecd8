//! Where each node stands: the kind of mapping a key is in, and the index of the nodes the
//! findings point at.

use crate::format::{BOT_KEYS, CARD_KEYS, MESSAGING_CARD_KEYS, NOTIFY_KEYS, ROOT_KEYS};
use crate::outcome::Outcome;
use crate::product::{ActionType, Channel, MidCallOption, UserAction};
use crate::values::did_you_mean;
use crate::yaml::{Node, Pos, Value};
use std::collections::HashMap;

/// The kind of mapping a key is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Place {
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
    Actions,
    UserAction(UserAction),
    LockedAction,
    Other,
}

impl Place {
    /// The keys the format defines in this place.
    pub(super) fn known(self) -> Option<Vec<&'static str>> {
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
            Place::Outcomes | Place::Messaging | Place::Actions | Place::Other => return None,
        })
    }

    pub(super) fn child(self, key: &str) -> Place {
        match (self, key) {
            (Place::Root, "bot") => Place::Bot,
            (Place::Root, "outcomes") => Place::Outcomes,
            (Place::Root, "messaging") => Place::Messaging,
            (Place::Outcomes, tag) => Outcome::parse(tag).map_or(Place::Other, Place::Card),
            (Place::Messaging, tag) => Outcome::parse(tag)
                .filter(|o| Channel::Sms.has(*o))
                .map_or(Place::Other, Place::SmsCard),
            (Place::Card(_), "mid_call") => Place::MidCall,
            (Place::Card(_), "notify") => Place::Notify,
            (Place::SmsCard(_), "notify") => Place::SmsNotify,
            (Place::Card(_) | Place::SmsCard(_), "actions") => Place::Actions,
            _ => Place::Other,
        }
    }
}

/// A mapping entry: the mapping node and the entry's index in it.
#[derive(Clone, Copy)]
pub(super) struct EntryRef<'t> {
    pub(super) place: Place,
    pub(super) map: &'t Node<'t>,
    pub(super) index: usize,
}

impl<'t> EntryRef<'t> {
    pub(super) fn entries(&self) -> &'t [(Node<'t>, Node<'t>)] {
        match &self.map.value {
            Value::Map(entries) => entries,
            _ => &[],
        }
    }

    pub(super) fn key(&self) -> Option<&'t Node<'t>> {
        self.entries().get(self.index).map(|(k, _)| k)
    }

    pub(super) fn value(&self) -> Option<&'t Node<'t>> {
        self.entries().get(self.index).map(|(_, v)| v)
    }

    pub(super) fn key_text(&self) -> Option<&'t str> {
        match &self.key()?.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// A sequence item: the sequence node, the item's index, and the entry holding the sequence.
#[derive(Clone, Copy)]
pub(super) struct ItemRef<'t> {
    pub(super) seq: &'t Node<'t>,
    pub(super) index: usize,
    pub(super) holder: Option<EntryRef<'t>>,
}

impl<'t> ItemRef<'t> {
    pub(super) fn items(&self) -> &'t [Node<'t>] {
        match &self.seq.value {
            Value::Seq(items) => items,
            _ => &[],
        }
    }
}

pub(super) type At = (u32, u32);

pub(super) fn at(pos: Pos) -> At {
    (pos.line, pos.column)
}

/// The nodes at the positions findings point at, as the first node at each position in a
/// walk of the tree (keys, scalar values of entries, sequence items).
pub(super) struct Index<'t> {
    /// The positions to index, sorted: nothing else is kept, so indexing costs a walk (`None`:
    /// every position, as the tests' reference has it).
    wanted: Option<Vec<At>>,
    pub(super) keys: HashMap<At, EntryRef<'t>>,
    /// Scalar values of mapping entries.
    pub(super) values: HashMap<At, EntryRef<'t>>,
    pub(super) items: HashMap<At, ItemRef<'t>>,
}

impl<'t> Index<'t> {
    pub(super) fn wanting(wanted: Option<Vec<At>>) -> Index<'t> {
        Index {
            wanted,
            keys: HashMap::new(),
            values: HashMap::new(),
            items: HashMap::new(),
        }
    }

    pub(super) fn wants(&self, pos: Pos) -> bool {
        self.wanted
            .as_ref()
            .is_none_or(|w| w.binary_search(&at(pos)).is_ok())
    }

    pub(super) fn walk(&mut self, node: &'t Node<'t>, place: Place, holder: Option<EntryRef<'t>>) {
        match &node.value {
            Value::Map(entries) => {
                for (i, (k, v)) in entries.iter().enumerate() {
                    let entry = EntryRef {
                        place,
                        map: node,
                        index: i,
                    };
                    if self.wants(k.pos) {
                        self.keys.entry(at(k.pos)).or_insert(entry);
                    }
                    if !matches!(v.value, Value::Map(_) | Value::Seq(_)) && self.wants(v.pos) {
                        self.values.entry(at(v.pos)).or_insert(entry);
                    }
                    let child = match &k.value {
                        Value::Str(s) => place.child(s),
                        _ => Place::Other,
                    };
                    self.walk(v, child, Some(entry));
                }
            }
            Value::Seq(items) => {
                for (i, item) in items.iter().enumerate() {
                    if self.wants(item.pos) {
                        self.items.entry(at(item.pos)).or_insert(ItemRef {
                            seq: node,
                            index: i,
                            holder,
                        });
                    }
                    let item_place = if place == Place::Actions {
                        action_place(item)
                    } else {
                        Place::Other
                    };
                    self.walk(item, item_place, None);
                }
            }
            _ => {}
        }
    }
}

/// The place of an action item's keys, from its `type`.
pub(super) fn action_place(item: &Node) -> Place {
    let Value::Map(entries) = &item.value else {
        return Place::Other;
    };
    let type_name = entries
        .iter()
        .find_map(|(k, v)| match (&k.value, &v.value) {
            (Value::Str(k), Value::Str(v)) if k == "type" => Some(v.as_ref()),
            _ => None,
        });
    match type_name.and_then(ActionType::parse) {
        Some(ActionType::User(u)) => Place::UserAction(u),
        Some(ActionType::Locked(_)) => Place::LockedAction,
        None => Place::Other,
    }
}

/// The one close candidate for `word` among `candidates`, or `None` when there is none or
/// more than one.
pub(super) fn one_close<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let best = did_you_mean(word, candidates.iter().copied())?;
    let others: Vec<&str> = candidates.iter().copied().filter(|c| *c != best).collect();
    match did_you_mean(word, others) {
        Some(_) => None,
        None => Some(best),
    }
}
