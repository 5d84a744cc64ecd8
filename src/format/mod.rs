//! One model of the format: each place of a bot file (the top level, `bot`, the two card
//! sections, a call card, a messaging card, `mid_call`, `notify`, an action), its keys in
//! canonical order, the kind of each value, a one-line documentation and, where the product
//! decides whether the key exists on a card, its column of the product table ([`Column`], read
//! from [`crate::product`], never copied).
//!
//! Pure data and small functions. Every view of the format derives its key knowledge from here:
//! the validator's key lists ([`ROOT_KEYS`] and friends, re-exported by `validate`), `fmt`'s
//! canonical order ([`rank`]), the language server's places and completion (`lsp::place`), the
//! JSON Schema (`schema`), `edit` (`edit::Op::writes`) and the fleet columns ([`card_tags`]).
//! `src/format/tests.rs` walks every place and every key through all of them.
//!
//! Adding a key: one [`Key`] entry in the place's table below (plus the value check in
//! `validate` and its wording); the recipe is in `docs/architecture.md`.

use crate::outcome::Outcome;
use crate::product::{
    self, CRITERIA_MAX, Channel, MidCallOption, NAME_MAX, OptionValue, OutcomeRules,
    RECIPIENTS_MAX, UserAction,
};

#[cfg(test)]
mod tests;

/// A place of the file: a mapping (or, for [`Place::Actions`], the list of actions).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Place {
    /// The top level.
    Root,
    /// `bot`.
    Bot,
    /// A card section: `outcomes` (call cards) or `messaging` (messaging cards), keyed by
    /// outcome tag.
    Cards(Channel),
    /// A card of a section.
    Card(Channel),
    /// A call card's `mid_call`.
    MidCall,
    /// A card's `notify`.
    Notify(Channel),
    /// A card's `actions` list (its items are [`Place::Action`]).
    Actions(Channel),
    /// One action of a card's `actions`.
    Action(Channel),
}

impl Place {
    /// Every place, in the file's order.
    pub const ALL: [Place; 13] = [
        Place::Root,
        Place::Bot,
        Place::Cards(Channel::Call),
        Place::Card(Channel::Call),
        Place::MidCall,
        Place::Actions(Channel::Call),
        Place::Action(Channel::Call),
        Place::Notify(Channel::Call),
        Place::Cards(Channel::Sms),
        Place::Card(Channel::Sms),
        Place::Actions(Channel::Sms),
        Place::Action(Channel::Sms),
        Place::Notify(Channel::Sms),
    ];

    /// The place of the value of `key` here (`None`: a scalar, a list of scalars, or a key the
    /// format doesn't define here).
    pub(crate) fn child(self, key: &str) -> Option<Place> {
        match find(&keys(self), key)?.kind {
            Kind::Map(p) | Kind::Actions(p) => Some(p),
            _ => None,
        }
    }

    /// The place of an item of the list here (only [`Place::Actions`] has items).
    pub(crate) fn item(self) -> Option<Place> {
        match self {
            Place::Actions(c) => Some(Place::Action(c)),
            _ => None,
        }
    }

    /// The channel of a card place (`None` above the sections).
    pub(crate) fn channel(self) -> Option<Channel> {
        match self {
            Place::Root | Place::Bot => None,
            Place::MidCall => Some(Channel::Call),
            Place::Cards(c)
            | Place::Card(c)
            | Place::Notify(c)
            | Place::Actions(c)
            | Place::Action(c) => Some(c),
        }
    }
}

/// The kind of a key's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `true` or `false`.
    Bool,
    /// A whole number in a range.
    Int { min: i64, max: i64 },
    /// One of these words.
    Enum(&'static [&'static str]),
    /// An action's `type`: a user action the card allows or a locked action.
    ActionType,
    /// A string of 1 to `max` characters, not blank.
    Text { max: usize },
    /// A duration from 1m to 90d, or `requested-time` where the card has it.
    Duration,
    /// `owner`, or an email address (a call card's task only).
    Assignee,
    /// A list of at most `max` scalars (email addresses, phone numbers).
    List { max: usize },
    /// The list of actions (the place of its items' list).
    Actions(Place),
    /// A mapping: the place of its keys.
    Map(Place),
}

/// The values completion offers for a task's `due_in` ([`Kind::Duration`]) on a card of
/// `rules`, each with what it means: `requested-time` first where the card takes it.
pub(crate) fn due_in_values(rules: &OutcomeRules) -> Vec<(&'static str, &'static str)> {
    let mut v = vec![("15m", "15 minutes"), ("4h", "4 hours"), ("1d", "1 day")];
    if rules.requested_time {
        v.insert(0, ("requested-time", "the time the lead asked for"));
    }
    v
}

/// Where the product table decides whether a key exists on a card: a link to its column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Column {
    /// Always there.
    None,
    /// [`OutcomeRules::takes_criteria`].
    Criteria,
    /// [`OutcomeRules::mid_call`] is not empty.
    MidCallAny,
    /// [`OutcomeRules::mid_call`] holds this option.
    MidCall(MidCallOption),
    /// [`OutcomeRules::notify`] allows notifications.
    Notify,
    /// [`OutcomeRules::notify`]'s keys (`NotifyAccess::keys`) hold this key.
    NotifyKey,
    /// [`OutcomeRules::user_actions`] holds an action with this field.
    Field,
    /// The card has a locked action ([`OutcomeRules::locks`] or the enrollment lock).
    Locked,
    /// The card is in the section: [`Channel::has`].
    Section,
}

/// A key of a place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Key {
    pub(crate) name: &'static str,
    pub(crate) kind: Kind,
    /// One line of documentation (the JSON Schema's description where the schema has a fixed
    /// one).
    pub(crate) doc: &'static str,
    pub(crate) column: Column,
}

const fn key(name: &'static str, kind: Kind, doc: &'static str, column: Column) -> Key {
    Key {
        name,
        kind,
        doc,
        column,
    }
}

/// The directions, as `bot.direction` spells them (`outcome::Direction`; a test checks both agree).
pub(crate) const DIRECTIONS: [&str; 3] = ["inbound", "outbound", "both"];

/// The top level.
pub(crate) const ROOT: [Key; 4] = [
    key(
        "version",
        Kind::Int { min: 1, max: 1 },
        "The format version; only 1 exists.",
        Column::None,
    ),
    key(
        "bot",
        Kind::Map(Place::Bot),
        "The bot: its name and direction.",
        Column::None,
    ),
    key(
        "outcomes",
        Kind::Map(Place::Cards(Channel::Call)),
        "Outcome tag -> card, each tag at most once.",
        Column::None,
    ),
    key(
        "messaging",
        Kind::Map(Place::Cards(Channel::Sms)),
        "The SMS messaging outcomes: outcome tag -> card.",
        Column::None,
    ),
];

/// `bot`.
pub(crate) const BOT: [Key; 2] = [
    key(
        "name",
        Kind::Text { max: NAME_MAX },
        "The bot's name.",
        Column::None,
    ),
    key(
        "direction",
        Kind::Enum(&DIRECTIONS),
        "inbound | outbound | both. Outbound-capable bots get enrollment locks.",
        Column::None,
    ),
];

/// A call card.
pub(crate) const CARD: [Key; 4] = [
    key(
        "analysis_criteria",
        Kind::Text { max: CRITERIA_MAX },
        "Plain-English instructions SAMI follows to decide whether a call lands on this outcome; omitted, SAMI's default wording applies.",
        Column::Criteria,
    ),
    key(
        "mid_call",
        Kind::Map(Place::MidCall),
        "What SAMI does as the outcome surfaces.",
        Column::MidCallAny,
    ),
    key(
        "actions",
        Kind::Actions(Place::Actions(Channel::Call)),
        "Actions, in the order they run. Locked actions run whether written or not.",
        Column::None,
    ),
    key(
        "notify",
        Kind::Map(Place::Notify(Channel::Call)),
        "Who hears about the call.",
        Column::Notify,
    ),
];

/// A messaging card (docs/spec 17).
pub(crate) const MESSAGING_CARD: [Key; 2] = [
    key(
        "actions",
        Kind::Actions(Place::Actions(Channel::Sms)),
        "Tags and tasks added on top of SAMI's system steps, in the order they run.",
        Column::None,
    ),
    key(
        "notify",
        Kind::Map(Place::Notify(Channel::Sms)),
        "The owner alert: a messaging card has no other recipients.",
        Column::Notify,
    ),
];

/// A call card's `notify`; a messaging card's takes the keys its `NotifyAccess` allows.
pub(crate) const NOTIFY: [Key; 3] = [
    key(
        "owner",
        Kind::Bool,
        "Alert the contact's assigned user.",
        Column::NotifyKey,
    ),
    key(
        "emails",
        Kind::List {
            max: RECIPIENTS_MAX,
        },
        "Extra people to notify by email.",
        Column::NotifyKey,
    ),
    key(
        "phones",
        Kind::List {
            max: RECIPIENTS_MAX,
        },
        "Extra people to notify by text, in E.164 (quote them).",
        Column::NotifyKey,
    ),
];

/// The names of a table's keys, in order.
const fn names<const N: usize>(keys: &[Key; N]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = keys[i].name;
        i += 1;
    }
    out
}

/// The keys each mapping of the format defines, in canonical order (the validator's lists).
pub const ROOT_KEYS: [&str; 4] = names(&ROOT);
pub const BOT_KEYS: [&str; 2] = names(&BOT);
pub const CARD_KEYS: [&str; 4] = names(&CARD);
pub const NOTIFY_KEYS: [&str; 3] = names(&NOTIFY);
/// The keys of a messaging card (docs/spec 17).
pub const MESSAGING_CARD_KEYS: [&str; 2] = names(&MESSAGING_CARD);

/// The outcome tags a card section takes, in the section's listing order (the web editor's:
/// `Channel::outcomes`, which for `messaging` is not the canonical order `fmt` writes, see
/// [`keys`]): the fleet views' columns, the schema's and completion's order.
pub(crate) fn card_tags(channel: Channel) -> Vec<Outcome> {
    channel.outcomes()
}

/// The user actions a channel's cards may take, in [`UserAction::ALL`]'s order.
fn channel_actions(channel: Channel) -> Vec<UserAction> {
    UserAction::ALL
        .into_iter()
        .filter(|a| channel.rules().iter().any(|r| r.user_actions.contains(a)))
        .collect()
}

/// The kind of a user action's field.
fn field_kind(name: &str) -> Kind {
    match name {
        "due_in" => Kind::Duration,
        "assignee" => Kind::Assignee,
        _ => Kind::Text {
            max: UserAction::ALL
                .into_iter()
                .find(|a| a.fields().contains(&name))
                .map_or(0, |a| a.max_chars(name)),
        },
    }
}

/// The keys of a place, in canonical order (docs/spec 18: a section's cards in the canonical
/// outcome order of docs/spec 2). The card sections' keys and the keys of `mid_call` and of an
/// action come from the product table.
pub(crate) fn keys(place: Place) -> Vec<Key> {
    match place {
        Place::Root => ROOT.to_vec(),
        Place::Bot => BOT.to_vec(),
        Place::Card(Channel::Call) => CARD.to_vec(),
        Place::Card(Channel::Sms) => MESSAGING_CARD.to_vec(),
        Place::Notify(Channel::Call) => NOTIFY.to_vec(),
        Place::Notify(Channel::Sms) => NOTIFY
            .into_iter()
            .filter(|k| {
                Channel::Sms
                    .rules()
                    .iter()
                    .any(|r| r.notify.keys().contains(&k.name))
            })
            .collect(),
        Place::Cards(c) => Outcome::ALL
            .into_iter()
            .filter(|o| c.has(*o))
            .map(|o| {
                key(
                    o.as_str(),
                    Kind::Map(Place::Card(c)),
                    o.meaning(),
                    Column::Section,
                )
            })
            .collect(),
        Place::MidCall => MidCallOption::ALL
            .into_iter()
            .map(|m| {
                let kind = match m.value() {
                    OptionValue::Text { max_chars } => Kind::Text { max: max_chars },
                    OptionValue::Count { range, .. } => Kind::Int {
                        min: *range.start(),
                        max: *range.end(),
                    },
                    OptionValue::Flag => Kind::Bool,
                };
                key(m.key(), kind, m.describe(), Column::MidCall(m))
            })
            .collect(),
        Place::Actions(_) => Vec::new(),
        Place::Action(c) => {
            let mut out = vec![key(
                "type",
                Kind::ActionType,
                "The action: a user action or a locked action.",
                Column::None,
            )];
            for a in channel_actions(c) {
                for f in a.fields() {
                    if !out.iter().any(|k| k.name == *f) {
                        out.push(key(f, field_kind(f), a.describe(), Column::Field));
                    }
                }
            }
            if c == Channel::Call {
                out.push(key(
                    "locked",
                    Kind::Bool,
                    "Locked actions can't be disabled.",
                    Column::Locked,
                ));
            }
            out
        }
    }
}

/// The key of `parent` whose value is the place `child` (`mid_call` for [`Place::MidCall`] in
/// a call card, the section's name for a card section at the root).
pub(crate) fn key_to(parent: Place, child: Place) -> Option<&'static str> {
    keys(parent)
        .into_iter()
        .find(|k| matches!(k.kind, Kind::Map(p) | Kind::Actions(p) if p == child))
        .map(|k| k.name)
}

/// The key `name` of a list of keys.
pub(crate) fn find(keys: &[Key], name: &str) -> Option<Key> {
    keys.iter().find(|k| k.name == name).copied()
}

/// Whether the card of this product row takes a key with this column (`key` is its name).
pub(crate) fn allowed_on(rules: &OutcomeRules, column: Column, key: &str) -> bool {
    match column {
        Column::None => true,
        Column::Criteria => rules.takes_criteria,
        Column::MidCallAny => !rules.mid_call.is_empty(),
        Column::MidCall(m) => rules.mid_call.contains(&m),
        Column::Notify => !rules.notify.keys().is_empty(),
        Column::NotifyKey => rules.notify.keys().contains(&key),
        Column::Field => rules.user_actions.iter().any(|a| a.fields().contains(&key)),
        Column::Locked => !rules.locks.is_empty() || rules.enrollment_lock.is_some(),
        Column::Section => true,
    }
}

/// The keys of a place that the card of `outcome` takes, in canonical order (every key of the
/// place above the cards).
pub(crate) fn keys_on(place: Place, outcome: Outcome) -> Vec<Key> {
    let rules = place.channel().and_then(|c| product::rules_on(c, outcome));
    keys(place)
        .into_iter()
        .filter(|k| {
            matches!(place, Place::Root | Place::Bot | Place::Cards(_))
                || rules.is_some_and(|r| allowed_on(r, k.column, k.name))
        })
        .collect()
}
