//! Where a place in a bot file stands in the format, and what the format says about it: the
//! facts hover and completion show, read from the product table (`product`), the outcome tags
//! (`outcome`) and the validator's key lists and limits, so the editor says what `validate`
//! checks.

use super::outline::{Outline, Step};
use crate::format;
use crate::outcome::{Direction, Outcome};
use crate::product::{
    self, ActionType, Channel, LockedAction, MidCallOption, NotifyAccess, OptionValue, TextField,
    UserAction, rules_for,
};
use crate::validate;

/// The mapping (or sequence) a place belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Place {
    Root,
    Bot,
    Outcomes,
    Card(Outcome),
    MidCall(Outcome),
    Notify(Outcome),
    /// The `actions` list itself (where a `- ` starts an item).
    Actions(Outcome),
    /// The keys of one action; the 0-based line of its `- `.
    Action(Outcome, usize),
    /// The `messaging` mapping (docs/spec 17): the five SMS tags.
    Messaging,
    /// The keys of a messaging card.
    SmsCard(Outcome),
    /// The `notify` of a messaging card (`owner` only).
    SmsNotify(Outcome),
    /// The `actions` list of a messaging card.
    SmsActions(Outcome),
    /// The keys of one action of a messaging card; the 0-based line of its `- `.
    SmsAction(Outcome, usize),
    /// Somewhere the format defines nothing (or an unknown key's value).
    Unknown,
}

impl Place {
    /// The place of the format model ([`crate::format`]) this place stands at.
    pub(crate) fn model(self) -> Option<format::Place> {
        use format::Place as M;
        Some(match self {
            Place::Root => M::Root,
            Place::Bot => M::Bot,
            Place::Outcomes => M::Cards(Channel::Call),
            Place::Card(_) => M::Card(Channel::Call),
            Place::MidCall(_) => M::MidCall,
            Place::Notify(_) => M::Notify(Channel::Call),
            Place::Actions(_) => M::Actions(Channel::Call),
            Place::Action(..) => M::Action(Channel::Call),
            Place::Messaging => M::Cards(Channel::Sms),
            Place::SmsCard(_) => M::Card(Channel::Sms),
            Place::SmsNotify(_) => M::Notify(Channel::Sms),
            Place::SmsActions(_) => M::Actions(Channel::Sms),
            Place::SmsAction(..) => M::Action(Channel::Sms),
            Place::Unknown => return None,
        })
    }

    /// The outcome of the card this place is in.
    pub(crate) fn outcome(self) -> Option<Outcome> {
        match self {
            Place::Card(o)
            | Place::MidCall(o)
            | Place::Notify(o)
            | Place::Actions(o)
            | Place::Action(o, _)
            | Place::SmsCard(o)
            | Place::SmsNotify(o)
            | Place::SmsActions(o)
            | Place::SmsAction(o, _) => Some(o),
            Place::Root | Place::Bot | Place::Outcomes | Place::Messaging | Place::Unknown => None,
        }
    }

    /// The place at a place of the model, in the card of `outcome`; `line` is an action's.
    fn at(model: format::Place, outcome: Option<Outcome>, line: usize) -> Place {
        use format::Place as M;
        match (model, outcome) {
            (M::Root, _) => Place::Root,
            (M::Bot, _) => Place::Bot,
            (M::Cards(Channel::Call), _) => Place::Outcomes,
            (M::Cards(Channel::Sms), _) => Place::Messaging,
            (_, None) => Place::Unknown,
            (M::Card(Channel::Call), Some(o)) => Place::Card(o),
            (M::Card(Channel::Sms), Some(o)) => Place::SmsCard(o),
            (M::MidCall, Some(o)) => Place::MidCall(o),
            (M::Notify(Channel::Call), Some(o)) => Place::Notify(o),
            (M::Notify(Channel::Sms), Some(o)) => Place::SmsNotify(o),
            (M::Actions(Channel::Call), Some(o)) => Place::Actions(o),
            (M::Actions(Channel::Sms), Some(o)) => Place::SmsActions(o),
            (M::Action(Channel::Call), Some(o)) => Place::Action(o, line),
            (M::Action(Channel::Sms), Some(o)) => Place::SmsAction(o, line),
        }
    }
}

/// The place a path of parents leads to, following the format model's places.
pub(crate) fn place_of(path: &[Step<'_>]) -> Place {
    let mut place = Place::Root;
    for step in path {
        let Some(model) = place.model() else {
            return Place::Unknown;
        };
        let (next, outcome, line) = match step {
            Step::Key(k, _) => {
                let entering_card = matches!(model, format::Place::Cards(_));
                let outcome = if entering_card {
                    Outcome::parse(k)
                } else {
                    place.outcome()
                };
                (model.child(k), outcome, 0)
            }
            Step::Item(line) => (model.item(), place.outcome(), *line),
        };
        place = next.map_or(Place::Unknown, |m| Place::at(m, outcome, line));
    }
    place
}

/// The text field a key names, for placeholders: `wrap_up`, a note's `text`, a task's `title`
/// (and `analysis_criteria`, where none is allowed), with the row of the product table of the
/// card (a call card or a messaging card, whose task titles have no `call.*` placeholder).
pub(crate) fn text_field_in(
    outline: &Outline<'_>,
    place: Place,
    key: &str,
) -> Option<(&'static product::OutcomeRules, TextField)> {
    if let (Place::SmsAction(o, item), "title") = (place, key) {
        return (outline.item_value(item, "type") == Some(UserAction::Task.as_str()))
            .then(|| product::rules_on(Channel::Sms, o).map(|r| (r, TextField::TaskTitle)))
            .flatten();
    }
    let found = match (place, key) {
        (Place::MidCall(o), "wrap_up") => Some((o, TextField::WrapUp)),
        (Place::Card(o), "analysis_criteria") => Some((o, TextField::AnalysisCriteria)),
        (Place::Action(o, item), "text")
            if outline.item_value(item, "type") == Some(UserAction::Note.as_str()) =>
        {
            Some((o, TextField::NoteText))
        }
        (Place::Action(o, item), "title")
            if outline.item_value(item, "type") == Some(UserAction::Task.as_str()) =>
        {
            Some((o, TextField::TaskTitle))
        }
        _ => None,
    };
    found.map(|(o, field)| (rules_for(o), field))
}

/// A key the format allows in a place, with a one-line description.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct KeyDoc {
    pub(crate) key: &'static str,
    pub(crate) detail: String,
    /// The value is a block (a mapping or a list) rather than a scalar.
    pub(crate) block: bool,
}

fn key(key: &'static str, detail: impl Into<String>, block: bool) -> KeyDoc {
    KeyDoc {
        key,
        detail: detail.into(),
        block,
    }
}

/// The keys allowed in a place, in the format's order (the model's, [`format::keys`]); a card's
/// keys as its product row allows them ([`format::keys_on`]), an action's as its `type` takes
/// them. `direction` is the bot's, when known.
pub(crate) fn keys_allowed(outline: &Outline<'_>, place: Place) -> Vec<KeyDoc> {
    let Some(model) = place.model() else {
        return Vec::new();
    };
    let names: Vec<&'static str> = match place {
        // The editor's listing order of the Messaging section.
        Place::Messaging => format::card_tags(Channel::Sms)
            .into_iter()
            .map(Outcome::as_str)
            .collect(),
        Place::Card(o) | Place::MidCall(o) => names(format::keys_on(model, o)),
        Place::Action(_, item) | Place::SmsAction(_, item) => {
            let sms = matches!(place, Place::SmsAction(..));
            let takes = |k: &str| match outline.item_value(item, "type").and_then(ActionType::parse)
            {
                None => false,
                Some(ActionType::User(a)) => {
                    (!sms || a != UserAction::Note) && a.fields().contains(&k)
                }
                Some(ActionType::Locked(_)) => !sms && k == "locked",
            };
            format::keys(model)
                .into_iter()
                .map(|k| k.name)
                .filter(|k| *k == "type" || takes(k))
                .collect()
        }
        _ => names(format::keys(model)),
    };
    names
        .into_iter()
        .filter_map(|k| key_doc(outline, place, k))
        .collect()
}

fn names(keys: Vec<format::Key>) -> Vec<&'static str> {
    keys.into_iter().map(|k| k.name).collect()
}

fn bot_direction(outline: &Outline<'_>) -> Option<Direction> {
    outline.direction().and_then(Direction::parse)
}

/// The documentation of a key in a place (`None` when the format doesn't define it there).
pub(crate) fn key_doc(outline: &Outline<'_>, place: Place, k: &str) -> Option<KeyDoc> {
    let doc = match (place, k) {
        (Place::Root, "version") => key(
            "version",
            "format version: required, only `1` exists",
            false,
        ),
        (Place::Root, "bot") => key(
            "bot",
            "the bot: its `name` and `direction` (required)",
            true,
        ),
        (Place::Root, "outcomes") => key(
            "outcomes",
            "optional map: outcome tag -> card; each of the eight tags at most once",
            true,
        ),
        (Place::Root, "messaging") => key(
            "messaging",
            format!(
                "optional map: the SMS outcomes of a text conversation, tag -> card (the five \
                 messaging tags; {})",
                product::opt_out_landing(Channel::Sms)
            ),
            true,
        ),
        (Place::Messaging, tag) => {
            let rules = product::rules_on(Channel::Sms, Outcome::parse(tag)?)?;
            key(
                rules.outcome.as_str(),
                format!(
                    "{} (SMS): SAMI's system steps {}, then the card's tags, tasks and owner alert",
                    rules.title,
                    list(rules.system_steps.iter().map(|s| s.as_str()))
                ),
                true,
            )
        }
        (Place::SmsCard(o), "actions") => key(
            "actions",
            format!(
                "tags and tasks, in the order they run after SAMI's system steps ({}); no note \
                 (SAMI writes the system note) and no locked action",
                list(
                    product::rules_on(Channel::Sms, o)
                        .map_or(&[][..], |r| r.system_steps)
                        .iter()
                        .map(|s| s.as_str())
                )
            ),
            true,
        ),
        (Place::SmsCard(_), "notify") => key(
            "notify",
            "the owner alert: `owner: true` (a messaging card has no other recipients)",
            true,
        ),
        (Place::SmsAction(..), "type") => key(
            "type",
            "the action: `tag` or `task` (SAMI's system steps run before it; no note, no lock)",
            false,
        ),
        (Place::SmsAction(o, _), "title") => key(
            "title",
            format!(
                "the task's title: required, 1-{} characters; placeholders: {}",
                UserAction::Task.max_chars("title"),
                list(
                    product::rules_on(Channel::Sms, o)
                        .map(|r| product::placeholders_available_in(r, TextField::TaskTitle))
                        .unwrap_or_default()
                        .into_iter()
                )
            ),
            false,
        ),
        (Place::SmsAction(..), "assignee") => key(
            "assignee",
            "optional: `owner` only (the default): a messaging task has no other assignee",
            false,
        ),
        (Place::SmsNotify(_), "owner") => key(
            "owner",
            "`true` alerts the contact's assigned user when the text conversation lands here",
            false,
        ),
        (Place::Bot, "name") => key(
            "name",
            format!(
                "the bot's name: required, 1-{} characters, not blank",
                validate::NAME_MAX
            ),
            false,
        ),
        (Place::Bot, "direction") => key(
            "direction",
            "required: `inbound`, `outbound` or `both`; outbound-capable bots get enrollment locks",
            false,
        ),
        (Place::Outcomes, tag) => {
            let o = Outcome::parse(tag)?;
            key(
                o.as_str(),
                format!("{}: {}", o.display_name(), o.meaning()),
                true,
            )
        }
        (Place::Card(o), "analysis_criteria") => key(
            "analysis_criteria",
            if rules_for(o).takes_criteria {
                format!(
                    "plain-English instructions SAMI follows to decide whether a call lands on {} \
                     (1-{} characters, no placeholders); omitted, SAMI's default wording applies",
                    o.as_str(),
                    validate::CRITERIA_MAX
                )
            } else {
                format!(
                    "not allowed on {}: transfer outcomes are detected from the transfer call \
                     events, not from the transcript",
                    o.as_str()
                )
            },
            false,
        ),
        (Place::Card(o), "mid_call") => key(
            "mid_call",
            format!(
                "what SAMI does as the outcome surfaces; options here: {}",
                list(rules_for(o).mid_call.iter().map(|m| m.key()))
            ),
            true,
        ),
        (Place::Card(o), "actions") => key(
            "actions",
            format!(
                "user actions, in the order they run: {}; locked actions here: {}",
                list(rules_for(o).user_actions.iter().map(|a| a.as_str())),
                locks_text(o, bot_direction(outline))
            ),
            true,
        ),
        (Place::Card(o), "notify") => key(
            "notify",
            match rules_for(o).notify.reason() {
                None => "who hears about the call: `owner`, `emails`, `phones`".to_owned(),
                Some(reason) => format!("not allowed on {} ({reason})", o.as_str()),
            },
            true,
        ),
        (Place::MidCall(o), k) => {
            let m = MidCallOption::parse(k)?;
            let outcomes = m.outcomes();
            let allowed = if outcomes.len() == Outcome::ALL.len() {
                "every outcome".to_owned()
            } else {
                list(outcomes.iter().map(|o| o.as_str()))
            };
            let here = if rules_for(o).mid_call.contains(&m) {
                String::new()
            } else {
                format!(" (not allowed on {})", o.as_str())
            };
            let value = match m.value() {
                OptionValue::Text { max_chars } => format!(
                    "string, 1-{max_chars} characters; placeholders: {}",
                    list(product::placeholders_available(o, TextField::WrapUp).into_iter())
                ),
                OptionValue::Count { range, preset } => format!(
                    "integer {}-{}; SAMI's preset is {preset}",
                    range.start(),
                    range.end(),
                ),
                OptionValue::Flag => "`true` or `false`".to_owned(),
            };
            key(
                m.key(),
                format!("{}: {value}; allowed on {allowed}{here}", m.describe()),
                false,
            )
        }
        (Place::Notify(_), "owner") => key(
            "owner",
            "`true` alerts the contact's assigned user (default `false`)",
            false,
        ),
        (Place::Notify(_), "emails") => key(
            "emails",
            format!(
                "email addresses to notify, at most {}",
                validate::RECIPIENTS_MAX
            ),
            false,
        ),
        (Place::Notify(_), "phones") => key(
            "phones",
            format!(
                "E.164 numbers to text (`+` then 8-15 digits), at most {}",
                validate::RECIPIENTS_MAX
            ),
            false,
        ),
        (Place::Action(..), "type") => key(
            "type",
            "the action: a user action (`note`, `task`, `tag`) or a locked action",
            false,
        ),
        (Place::Action(o, _), "text") => key(
            "text",
            format!(
                "the note: required, 1-{} characters; placeholders: {}",
                UserAction::Note.max_chars("text"),
                list(product::placeholders_available(o, TextField::NoteText).into_iter())
            ),
            false,
        ),
        (Place::Action(o, _), "title") => key(
            "title",
            format!(
                "the task's title: required, 1-{} characters; placeholders: {}",
                UserAction::Task.max_chars("title"),
                list(product::placeholders_available(o, TextField::TaskTitle).into_iter())
            ),
            false,
        ),
        // The same words on a call card's task and a messaging card's.
        (Place::Action(o, _) | Place::SmsAction(o, _), "due_in") => key(
            "due_in",
            if rules_for(o).requested_time {
                "optional: a duration from 1m to 90d (`15m`, `4h`, `2d`) or `requested-time`"
            } else {
                "optional: a duration from 1m to 90d (`15m`, `4h`, `2d`)"
            },
            false,
        ),
        (Place::Action(..), "assignee") => key(
            "assignee",
            "optional: `owner` (the default) or an email address",
            false,
        ),
        (Place::Action(..) | Place::SmsAction(..), "name") => key(
            "name",
            format!(
                "the tag: required, 1-{} characters of letters, digits, space, `-`, `_`, `:`, `/`",
                UserAction::Tag.max_chars("name")
            ),
            false,
        ),
        (Place::Action(..), "locked") => key(
            "locked",
            "only on a locked action, and only `true`: locked actions run anyway",
            false,
        ),
        _ => return None,
    };
    Some(doc)
}

/// The action types a card allows: its user actions, then the locked actions that apply on
/// this bot (all that could apply when the direction is not known yet).
pub(crate) fn action_types(o: Outcome, direction: Option<Direction>) -> Vec<(ActionType, String)> {
    let mut types: Vec<(ActionType, String)> = rules_for(o)
        .user_actions
        .iter()
        .map(|a| (ActionType::User(*a), a.describe().to_owned()))
        .collect();
    for lock in locks(o, direction) {
        types.push((
            ActionType::Locked(lock),
            format!("locked: {} ({})", lock.label(), lock.reason()),
        ));
    }
    types
}

fn locks(o: Outcome, direction: Option<Direction>) -> Vec<LockedAction> {
    match direction {
        Some(d) => product::locked_actions(o, d),
        None => product::locked_actions(o, Direction::Both),
    }
}

fn locks_text(o: Outcome, direction: Option<Direction>) -> String {
    let locks = locks(o, direction);
    if locks.is_empty() {
        return "none (inbound-only bot)".to_owned();
    }
    list(locks.iter().map(|l| l.as_str()))
}

/// The types of [`action_types`] for the bot of this outline.
pub(crate) fn action_types_here(outline: &Outline<'_>, o: Outcome) -> Vec<(ActionType, String)> {
    action_types(o, bot_direction(outline))
}

/// A Markdown summary of what an outcome's card allows.
pub(crate) fn outcome_summary(outline: &Outline<'_>, o: Outcome) -> String {
    let rules = rules_for(o);
    let notify = match rules.notify {
        NotifyAccess::Allowed => "allowed".to_owned(),
        other => other.reason().unwrap_or("not allowed").to_owned(),
    };
    format!(
        "**{}** (`{}`): {}\n\n\
         - actions: {}\n\
         - locked actions: {}\n\
         - mid_call: {}\n\
         - analysis_criteria: {}\n\
         - notify: {notify}\n\
         - placeholders in notes and task titles: {}",
        o.display_name(),
        o.as_str(),
        o.meaning(),
        list(rules.user_actions.iter().map(|a| a.as_str())),
        locks_text(o, bot_direction(outline)),
        list(rules.mid_call.iter().map(|m| m.key())),
        if rules.takes_criteria {
            "allowed"
        } else {
            "not allowed (detected from the transfer call events)"
        },
        list(product::placeholders_available(o, TextField::NoteText).into_iter()),
    )
}

/// The documentation of an action type.
pub(crate) fn action_type_doc(t: ActionType) -> String {
    match t {
        ActionType::User(a) => format!(
            "`{}`: {}; fields: {}",
            a.as_str(),
            a.describe(),
            list(a.fields().iter().copied())
        ),
        ActionType::Locked(l) => format!(
            "`{}` (locked): {}. {}. Applies to {}. It runs whether or not it is written; the \
             only field it takes is `locked: true`.",
            l.as_str(),
            l.label(),
            l.reason(),
            l.applies_to()
        ),
    }
}

fn list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let v: Vec<String> = items.map(|s| format!("`{s}`")).collect();
    if v.is_empty() {
        "none".to_owned()
    } else {
        v.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_follow_the_format() {
        let text = "bot:\n  direction: inbound\noutcomes:\n  opt-out:\n    actions:\n      - type: note\n        text: hi\n";
        let o = Outline::new(text);
        let path = o.parents(6, 8);
        assert_eq!(place_of(&path), Place::Action(Outcome::OptOut, 5));
        assert_eq!(place_of(&o.parents(4, 4)), Place::Card(Outcome::OptOut));
        // Opt-out takes no notify and, on an inbound bot, only the do-not-contact lock.
        let keys: Vec<_> = keys_allowed(&o, Place::Card(Outcome::OptOut))
            .into_iter()
            .map(|k| k.key)
            .collect();
        assert_eq!(keys, ["analysis_criteria", "mid_call", "actions"]);
        let types: Vec<_> = action_types_here(&o, Outcome::OptOut)
            .into_iter()
            .map(|(t, _)| t.as_str())
            .collect();
        assert_eq!(types, ["note", "tag", "do-not-contact-all-channels"]);
        let keys: Vec<_> = keys_allowed(&o, Place::Action(Outcome::OptOut, 5))
            .into_iter()
            .map(|k| k.key)
            .collect();
        assert_eq!(keys, ["type", "text"]);
    }
}
