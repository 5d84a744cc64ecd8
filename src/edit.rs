//! Editing operations: an operation applied to a bot file's text gives new text.
//!
//! The text is changed with yaml-edit, which keeps comments, blank lines, key order and quoting
//! in everything the operation does not touch. yaml-edit accepts input the format refuses, so it
//! is never trusted to validate: the new text is checked again by the validator, and the bot it
//! describes must equal the bot the operation should give (the operation applied to the model).
//! Either check failing refuses the edit, so an edit never writes a bad or surprising file.

use crate::config::Settings;
use crate::diagnostic::Diagnostic;
use crate::model::{Action, Assignee, Bot, DueIn, Notify};
use crate::outcome::Outcome;
use crate::product::{Channel, MidCallOption, NotifyAccess, UserAction, rules_on};
use crate::validate::check;
use std::fmt;
use std::str::FromStr;
use yaml_edit::{Document, Mapping, MappingBuilder, Sequence};

/// A change to one card.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Op {
    /// Custom analysis criteria, or `None` to reset to SAMI's default wording.
    SetCriteria(Option<String>),
    SetWrapUp(Option<String>),
    SetMaxObjections(Option<u8>),
    SetConfirmTime(Option<bool>),
    AddAction(Action),
    ReplaceAction(usize, Action),
    RemoveAction(usize),
    MoveAction {
        from: usize,
        to: usize,
    },
    SetNotifyOwner(bool),
    AddEmail(String),
    RemoveEmail(usize),
    AddPhone(String),
    RemovePhone(usize),
}

/// An operation on the card of an outcome, in the `outcomes` section (a call card) or the
/// `messaging` section (an SMS card).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub outcome: Outcome,
    pub op: Op,
    pub channel: Channel,
}

/// Why an edit was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditError {
    /// The product rules don't allow it; the message says why.
    NotAllowed(String),
    /// The result would not validate (or the file doesn't validate to begin with).
    Invalid(Vec<Diagnostic>),
    /// The document could not be changed without altering something else.
    Unsupported(String),
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::NotAllowed(why) => f.write_str(why),
            EditError::Invalid(diags) => {
                let first = diags.iter().find(|d| d.is_error()).or(diags.first());
                match first {
                    Some(d) => write!(
                        f,
                        "the result would not be valid: {} [{}]",
                        d.message, d.rule
                    ),
                    None => f.write_str("the result would not be valid"),
                }
            }
            EditError::Unsupported(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for EditError {}

fn not_allowed(why: impl Into<String>) -> EditError {
    EditError::NotAllowed(why.into())
}

/// Checks an edit against the product rules, before anything is changed.
pub fn allowed(bot: &Bot, edit: &Edit) -> Result<(), EditError> {
    let outcome = edit.outcome;
    let Some(rules) = rules_on(edit.channel, outcome) else {
        return Err(not_allowed(format!(
            "there is no messaging card for {outcome}: {}",
            crate::product::no_card_reason(edit.channel, outcome)
        )));
    };
    let sms = edit.channel == Channel::Sms;
    let card = bot.card_on(edit.channel, outcome);
    let actions = card.map_or(&[][..], |c| &c.actions[..]);
    let option = |o: MidCallOption| -> Result<(), EditError> {
        if rules.mid_call.contains(&o) {
            Ok(())
        } else {
            let homes: Vec<&str> = o.outcomes().into_iter().map(Outcome::tag).collect();
            Err(not_allowed(format!(
                "`{}` belongs to {}, not {outcome}",
                o.key(),
                homes.join(" and ")
            )))
        }
    };
    let user_action = |a: &Action| -> Result<(), EditError> {
        let kind = match a {
            Action::Note { .. } => UserAction::Note,
            Action::Task { .. } => UserAction::Task,
            Action::Tag { .. } => UserAction::Tag,
            Action::Locked(l) => {
                return Err(not_allowed(format!(
                    "`{}` is a locked action: SAMI runs it where it applies ({}), so it is not added by hand",
                    l.as_str(),
                    l.applies_to()
                )));
            }
        };
        if sms
            && matches!(
                a,
                Action::Task {
                    assignee: Assignee::Email(_),
                    ..
                }
            )
        {
            Err(not_allowed(
                "a messaging task goes to the contact's owner: it takes no other assignee",
            ))
        } else if rules.user_actions.contains(&kind) {
            Ok(())
        } else {
            let names: Vec<&str> = rules.user_actions.iter().map(|a| a.as_str()).collect();
            let on = if sms { "SMS " } else { "" };
            Err(not_allowed(format!(
                "{on}{outcome} doesn't allow `{}` actions; its actions are {}",
                kind.as_str(),
                names.join(", ")
            )))
        }
    };
    let index = |i: usize, len: usize| -> Result<(), EditError> {
        if i < len {
            Ok(())
        } else {
            Err(not_allowed(format!(
                "there is no item {} (the card has {len})",
                i + 1
            )))
        }
    };
    let locked_at = |i: usize| -> Result<(), EditError> {
        match actions.get(i).map(|a| &a.value) {
            Some(Action::Locked(l)) => Err(not_allowed(format!(
                "`{}` is locked and can't be removed or changed: {}",
                l.as_str(),
                l.reason()
            ))),
            _ => Ok(()),
        }
    };
    let notify = || -> Result<(), EditError> {
        match rules.notify.reason() {
            None => Ok(()),
            Some(reason) => Err(not_allowed(format!(
                "{outcome} has no notifications ({reason})"
            ))),
        }
    };
    let notify_block = card.and_then(|c| c.notify.as_ref());
    match &edit.op {
        Op::SetCriteria(_) | Op::SetWrapUp(_) | Op::SetMaxObjections(_) | Op::SetConfirmTime(_)
            if sms =>
        {
            Err(not_allowed(
                "a messaging card has no analysis criteria and no mid-call options",
            ))
        }
        Op::SetCriteria(_) if !rules.takes_criteria => Err(not_allowed(format!(
            "{outcome} is detected from the transfer call events, so it has no analysis criteria"
        ))),
        Op::SetCriteria(_) => Ok(()),
        Op::SetWrapUp(_) => option(MidCallOption::WrapUp),
        Op::SetMaxObjections(_) => option(MidCallOption::MaxObjections),
        Op::SetConfirmTime(_) => option(MidCallOption::ConfirmTime),
        Op::AddAction(a) => user_action(a),
        Op::ReplaceAction(i, a) => {
            index(*i, actions.len())?;
            locked_at(*i)?;
            user_action(a)
        }
        Op::RemoveAction(i) => {
            index(*i, actions.len())?;
            locked_at(*i)
        }
        Op::MoveAction { from, to } => {
            index(*from, actions.len())?;
            index(*to, actions.len())
        }
        Op::AddEmail(_) | Op::AddPhone(_) if rules.notify == NotifyAccess::OwnerOnly => {
            Err(not_allowed(
                "a messaging card alerts the contact's owner only: it has no email or phone recipients",
            ))
        }
        Op::SetNotifyOwner(_) | Op::AddEmail(_) | Op::AddPhone(_) => notify(),
        Op::RemoveEmail(i) => {
            notify()?;
            index(*i, notify_block.map_or(0, |n| n.emails.len()))
        }
        Op::RemovePhone(i) => {
            notify()?;
            index(*i, notify_block.map_or(0, |n| n.phones.len()))
        }
    }
}

/// The bot the edit should give.
pub fn apply_to_model(bot: &Bot, edit: &Edit) -> Bot {
    let mut bot = bot.clone();
    let cards = match edit.channel {
        Channel::Call => &mut bot.cards,
        Channel::Sms => bot.messaging.get_or_insert_with(Default::default),
    };
    let card = cards.entry(edit.outcome).or_default();
    match &edit.op {
        Op::SetCriteria(t) => card.analysis_criteria = t.clone(),
        Op::SetWrapUp(t) => card.mid_call.wrap_up = t.clone(),
        Op::SetMaxObjections(n) => card.mid_call.max_objections = *n,
        Op::SetConfirmTime(b) => card.mid_call.confirm_time = *b,
        Op::AddAction(a) => card.actions.push(crate::model::Located {
            value: a.clone(),
            line: 0,
        }),
        Op::ReplaceAction(i, a) => {
            if let Some(slot) = card.actions.get_mut(*i) {
                slot.value = a.clone();
            }
        }
        Op::RemoveAction(i) => {
            if *i < card.actions.len() {
                card.actions.remove(*i);
            }
        }
        Op::MoveAction { from, to } => {
            if *from < card.actions.len() && *to < card.actions.len() {
                let a = card.actions.remove(*from);
                card.actions.insert(*to, a);
            }
        }
        Op::SetNotifyOwner(b) => notify(card).owner = *b,
        Op::AddEmail(e) => notify(card).emails.push(crate::model::Located {
            value: e.clone(),
            line: 0,
        }),
        Op::AddPhone(p) => notify(card).phones.push(crate::model::Located {
            value: p.clone(),
            line: 0,
        }),
        Op::RemoveEmail(i) => {
            let n = notify(card);
            if *i < n.emails.len() {
                n.emails.remove(*i);
            }
        }
        Op::RemovePhone(i) => {
            let n = notify(card);
            if *i < n.phones.len() {
                n.phones.remove(*i);
            }
        }
    }
    // A notify block that notifies nobody is removed, as the text edit does.
    if card.notify.as_ref().is_some_and(|n| !n.notifies_anyone()) {
        card.notify = None;
    }
    normalize(bot)
}

fn notify(card: &mut crate::model::Card) -> &mut Notify {
    card.notify.get_or_insert_with(Notify::default)
}

/// The bot with every line number cleared, for comparing what two texts mean.
pub fn normalize(mut bot: Bot) -> Bot {
    let messaging = bot.messaging.iter_mut().flat_map(|m| m.values_mut());
    for card in bot.cards.values_mut().chain(messaging) {
        card.line = 0;
        for a in &mut card.actions {
            a.line = 0;
        }
        if let Some(n) = &mut card.notify {
            n.line = 0;
            for e in n.emails.iter_mut().chain(n.phones.iter_mut()) {
                e.line = 0;
            }
        }
    }
    bot
}

/// The mapping at `key`, made a block mapping if it is missing, null or an empty flow `{}`.
fn block_mapping(parent: &Mapping, key: &str) -> Mapping {
    match parent.get_mapping(key) {
        Some(m) if !(m.is_flow_style() && m.is_empty()) => m,
        _ => {
            parent.set(key, Mapping::new_pending_block());
            parent
                .get_mapping(key)
                .unwrap_or_else(Mapping::new_pending_block)
        }
    }
}

/// The sequence at `key`, made a block sequence if it is missing, null or an empty flow `[]`.
fn block_sequence(parent: &Mapping, key: &str) -> Sequence {
    match parent.get_sequence(key) {
        Some(s) if !(s.is_flow_style() && s.is_empty()) => s,
        _ => {
            parent.set(key, Sequence::new_pending_block());
            parent
                .get_sequence(key)
                .unwrap_or_else(Sequence::new_pending_block)
        }
    }
}

/// Removes `key` when what it holds is now empty.
fn drop_if_empty(parent: &Mapping, key: &str) {
    let empty = parent.get_mapping(key).is_some_and(|m| m.is_empty())
        || parent.get_sequence(key).is_some_and(|s| s.is_empty());
    if empty {
        parent.remove(key);
    }
}

/// A string value for `key`, in the quoting `old` wrote that key with (plain when new).
fn styled(old: Option<&Mapping>, key: &str, value: &str) -> yaml_edit::ScalarValue {
    let raw = old.and_then(|m| m.get(key)).map(|v| v.to_string());
    match raw.as_deref().map(str::trim_start) {
        Some(r) if r.starts_with('"') => yaml_edit::ScalarValue::double_quoted(value),
        Some(r) if r.starts_with('\'') => yaml_edit::ScalarValue::single_quoted(value),
        _ => yaml_edit::ScalarValue::string(value),
    }
}

/// An action as a new block mapping.
fn action_mapping(action: &Action) -> Option<Mapping> {
    action_mapping_like(action, None)
}

/// An action as a new block mapping, its texts quoted as `old` (the item it replaces) quoted
/// them: a changed value keeps its quoting.
fn action_mapping_like(action: &Action, old: Option<&Mapping>) -> Option<Mapping> {
    let builder = match action {
        Action::Note { text } => MappingBuilder::new()
            .pair("type", "note")
            .pair("text", styled(old, "text", text)),
        Action::Tag { name } => MappingBuilder::new()
            .pair("type", "tag")
            .pair("name", styled(old, "name", name)),
        Action::Task {
            title,
            due_in,
            assignee,
        } => {
            let mut b = MappingBuilder::new()
                .pair("type", "task")
                .pair("title", styled(old, "title", title));
            if let Some(d) = due_in {
                let due = match d {
                    DueIn::After(d) => d.to_string(),
                    DueIn::RequestedTime => "requested-time".to_owned(),
                };
                b = b.pair("due_in", due);
            }
            if let Assignee::Email(e) = assignee {
                b = b.pair("assignee", styled(old, "assignee", e));
            }
            b
        }
        Action::Locked(l) => MappingBuilder::new().pair("type", l.as_str()),
    };
    builder.build_document().as_mapping()
}

fn unsupported(what: &str) -> EditError {
    EditError::Unsupported(format!(
        "could not {what} in this file without changing something else"
    ))
}

/// Applies the edit to the document's text.
fn apply_text(doc: &Document, bot: &Bot, edit: &Edit) -> Result<(), EditError> {
    let root = doc
        .as_mapping()
        .ok_or_else(|| unsupported("find the top-level mapping"))?;
    let outcomes = block_mapping(&root, edit.channel.section());
    let card = block_mapping(&outcomes, edit.outcome.tag());
    // A changed value keeps the quoting it was written with (`wrap_up: "..."` stays quoted);
    // the result is checked below, so a value the style can't hold is refused, not written.
    let set_or_remove = |m: &Mapping, key: &str, value: Option<String>| match value {
        Some(v) => match m.get(key).map(|old| old.to_string()) {
            Some(old) if old.trim_start().starts_with('"') => {
                m.set(key, yaml_edit::ScalarValue::double_quoted(v));
            }
            Some(old) if old.trim_start().starts_with('\'') => {
                m.set(key, yaml_edit::ScalarValue::single_quoted(v));
            }
            _ => m.set(key, v),
        },
        None => {
            m.remove(key);
        }
    };
    match &edit.op {
        Op::SetCriteria(t) => set_or_remove(&card, "analysis_criteria", t.clone()),
        Op::SetWrapUp(_) | Op::SetMaxObjections(_) | Op::SetConfirmTime(_) => {
            let mid = block_mapping(&card, "mid_call");
            match &edit.op {
                Op::SetWrapUp(t) => set_or_remove(&mid, "wrap_up", t.clone()),
                Op::SetMaxObjections(Some(n)) => mid.set("max_objections", i64::from(*n)),
                Op::SetConfirmTime(Some(b)) => mid.set("confirm_time", *b),
                Op::SetMaxObjections(None) => {
                    mid.remove("max_objections");
                }
                Op::SetConfirmTime(None) => {
                    mid.remove("confirm_time");
                }
                _ => {}
            }
            drop_if_empty(&card, "mid_call");
        }
        Op::AddAction(a) => {
            let item = action_mapping(a).ok_or_else(|| unsupported("build the action"))?;
            block_sequence(&card, "actions").push(item);
        }
        Op::ReplaceAction(i, a) => {
            let seq = card
                .get_sequence("actions")
                .ok_or_else(|| unsupported("find the actions"))?;
            let old = seq.get(*i);
            let item = action_mapping_like(a, old.as_ref().and_then(|n| n.as_mapping()))
                .ok_or_else(|| unsupported("build the action"))?;
            seq.remove(*i)
                .ok_or_else(|| unsupported("replace the action"))?;
            seq.insert(*i, item);
        }
        Op::RemoveAction(i) => {
            let seq = card
                .get_sequence("actions")
                .ok_or_else(|| unsupported("find the actions"))?;
            seq.remove(*i)
                .ok_or_else(|| unsupported("remove the action"))?;
            drop_if_empty(&card, "actions");
        }
        Op::MoveAction { from, to } => {
            // The moved item is written anew from the model (its inline comments stay behind):
            // re-inserting yaml-edit's own node breaks its indentation.
            let action = bot
                .card_on(edit.channel, edit.outcome)
                .and_then(|c| c.actions.get(*from))
                .map(|a| a.value.clone())
                .ok_or_else(|| unsupported("find the action"))?;
            let item = action_mapping(&action).ok_or_else(|| unsupported("build the action"))?;
            let seq = card
                .get_sequence("actions")
                .ok_or_else(|| unsupported("find the actions"))?;
            seq.remove(*from)
                .ok_or_else(|| unsupported("move the action"))?;
            seq.insert(*to, item);
        }
        Op::SetNotifyOwner(b) => {
            let notify = block_mapping(&card, "notify");
            if *b {
                notify.set("owner", true);
            } else {
                notify.remove("owner");
            }
        }
        Op::AddEmail(e) => {
            block_sequence(&block_mapping(&card, "notify"), "emails").push(e.as_str())
        }
        Op::AddPhone(p) => {
            block_sequence(&block_mapping(&card, "notify"), "phones").push(p.as_str())
        }
        Op::RemoveEmail(i) | Op::RemovePhone(i) => {
            let key = if matches!(edit.op, Op::RemoveEmail(_)) {
                "emails"
            } else {
                "phones"
            };
            let notify = card
                .get_mapping("notify")
                .ok_or_else(|| unsupported("find `notify`"))?;
            let seq = notify
                .get_sequence(key)
                .ok_or_else(|| unsupported("find the recipients"))?;
            seq.remove(*i)
                .ok_or_else(|| unsupported("remove the recipient"))?;
            drop_if_empty(&notify, key);
        }
    }
    // Keep what the model keeps: a notify block that notifies nobody goes away.
    if let Some(notify) = card.get_mapping("notify") {
        let owner = notify
            .get("owner")
            .map(|v| v.to_string().trim() == "true")
            .unwrap_or(false);
        let any = |k: &str| notify.get_sequence(k).is_some_and(|s| !s.is_empty());
        if !owner && !any("emails") && !any("phones") {
            card.remove("notify");
        }
    }
    Ok(())
}

/// The text with item `from` of the card's block `actions` sequence moved to `to`, each item
/// taken as its lines (from its `- ` line to the next item's; the last item ends at the first
/// blank line or line not indented past its dash). `None` when the sequence is not a block
/// sequence with one item per `- ` line; the caller verifies the result either way.
fn move_item_lines(source: &str, outcome: Outcome, from: usize, to: usize) -> Option<String> {
    use crate::yaml::Value;
    let root = crate::yaml::parse(source).ok()?;
    let get = |node: &'_ crate::yaml::Node<'_>, key: &str| -> Option<usize> {
        let Value::Map(entries) = &node.value else {
            return None;
        };
        entries
            .iter()
            .position(|(k, _)| matches!(&k.value, Value::Str(s) if s == key))
    };
    let Value::Map(top) = &root.value else {
        return None;
    };
    let outcomes = &top.get(get(&root, "outcomes")?)?.1;
    let Value::Map(cards) = &outcomes.value else {
        return None;
    };
    let card = &cards.get(get(outcomes, outcome.tag())?)?.1;
    let Value::Map(fields) = &card.value else {
        return None;
    };
    let Value::Seq(items) = &fields.get(get(card, "actions")?)?.1.value else {
        return None;
    };
    if from >= items.len() || to >= items.len() || from == to {
        return None;
    }
    let lines: Vec<&str> = source.split_inclusive('\n').collect();
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    // The dash of each item: on the item's line, before its first key, alone on that line.
    let mut starts = Vec::with_capacity(items.len());
    let mut dash = None;
    for item in items {
        let at = usize::try_from(item.pos.line).ok()?.checked_sub(1)?;
        let line = lines.get(at)?;
        let d = indent(line);
        if !line[d..].starts_with("- ") || dash.is_some_and(|x| x != d) {
            return None;
        }
        if starts.last().is_some_and(|&prev| prev >= at) {
            return None;
        }
        dash = Some(d);
        starts.push(at);
    }
    let dash = dash?;
    let last = *starts.last()?;
    let mut end = last + 1;
    while let Some(l) = lines.get(end) {
        if l.trim().is_empty() || indent(l) <= dash {
            break;
        }
        end += 1;
    }
    if !lines[end - 1].ends_with('\n') {
        return None;
    }
    let mut blocks: Vec<String> = starts
        .windows(2)
        .map(|w| lines[w[0]..w[1]].concat())
        .collect();
    blocks.push(lines[last..end].concat());
    let moved = blocks.remove(from);
    blocks.insert(to, moved);
    let mut out = lines[..starts[0]].concat();
    for b in &blocks {
        out.push_str(b);
    }
    out.push_str(&lines[end..].concat());
    Some(out)
}

/// An applied edit: the new text, and the checked bot it describes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    pub text: String,
    pub bot: Bot,
}

/// Applies an edit to a bot file's text and gives the new text, validated, with its bot.
pub fn apply(source: &str, edit: &Edit, settings: &Settings) -> Result<Applied, EditError> {
    let before = check(source, settings);
    let Some(bot) = before.bot else {
        return Err(EditError::Invalid(before.diagnostics));
    };
    allowed(&bot, edit)?;
    let expected = apply_to_model(&bot, edit);
    // A move of a block-sequence item moves its lines as they are (comments, quoting, blank
    // lines); kept only when the result reads back as the expected bot.
    if let Op::MoveAction { from, to } = edit.op
        && let Some(text) = move_item_lines(source, edit.outcome, from, to)
        && let Some(got) = check(&text, settings).bot
        && normalize(got.clone()) == expected
    {
        return Ok(Applied { text, bot: got });
    }
    let doc = Document::from_str(source).map_err(|_| unsupported("read the document"))?;
    apply_text(&doc, &bot, edit)?;
    let text = doc.to_string();
    let after = check(&text, settings);
    let Some(got) = after.bot else {
        return Err(EditError::Invalid(after.diagnostics));
    };
    if normalize(got.clone()) != expected {
        return Err(unsupported("apply the change"));
    }
    Ok(Applied { text, bot: got })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Located;
    use crate::product::LockedAction;

    const COMMENTED: &str = "\
# Seller bot: owned by RevOps.
version: 1   # the format version
bot:
  name: 'Seller Outreach'   # single quotes kept
  direction: outbound

outcomes:
  # A card with everything.
  missed-transfer:
    mid_call:
      wrap_up: \"Someone will call you back.\"   # spoken
    actions:
      - type: task   # call back fast
        title: \"Call back {{ contact.first_name }}\"
        due_in: 15m

      - type: tag
        name: missed
    notify:
      owner: true
      emails: [lead@acme.com]   # the team lead

  # Opt-outs: keep it short.
  opt-out:
    actions:
      - type: do-not-contact-all-channels   # locked
      - type: tag
        name: opted-out

  bad-number: {}   # nothing yet
";

    fn settings() -> Settings {
        Settings::default()
    }

    /// The new text of an applied edit; also checks that the bot given with it is the text's.
    fn apply(source: &str, edit: &Edit, settings: &Settings) -> Result<String, EditError> {
        super::apply(source, edit, settings).map(|applied| {
            assert_eq!(check(&applied.text, settings).bot, Some(applied.bot));
            applied.text
        })
    }

    fn edit(outcome: Outcome, op: Op) -> Edit {
        Edit {
            outcome,
            op,
            channel: Channel::Call,
        }
    }

    /// Every line of `before` that isn't `changed` is still in `after`, in order.
    fn keeps_lines(before: &str, after: &str, changed: &[&str]) {
        let mut rest = after.lines();
        for line in before
            .lines()
            .filter(|l| !changed.iter().any(|c| l.contains(c)))
        {
            assert!(rest.any(|l| l == line), "lost line {line:?} in:\n{after}");
        }
    }

    #[test]
    fn adding_a_tag_keeps_every_comment_and_blank_line() {
        let tag = Action::Tag {
            name: "vip lead".into(),
        };
        let out = apply(
            COMMENTED,
            &edit(Outcome::OptOut, Op::AddAction(tag)),
            &settings(),
        )
        .unwrap();
        keeps_lines(COMMENTED, &out, &[]);
        assert!(
            out.contains("      - type: tag\n        name: vip lead\n"),
            "{out}"
        );
        let bot = check(&out, &settings()).bot.unwrap();
        assert_eq!(bot.cards[&Outcome::OptOut].actions.len(), 3);
    }

    #[test]
    fn setting_and_resetting_criteria() {
        let set = edit(
            Outcome::BadNumber,
            Op::SetCriteria(Some("Wrong person: \"no such owner\"".into())),
        );
        let out = apply(COMMENTED, &set, &settings()).unwrap();
        keeps_lines(COMMENTED, &out, &["bad-number"]);
        let bot = check(&out, &settings()).bot.unwrap();
        assert_eq!(
            bot.cards[&Outcome::BadNumber].analysis_criteria.as_deref(),
            Some("Wrong person: \"no such owner\"")
        );
        let reset = apply(
            &out,
            &edit(Outcome::BadNumber, Op::SetCriteria(None)),
            &settings(),
        )
        .unwrap();
        assert!(
            check(&reset, &settings()).bot.unwrap().cards[&Outcome::BadNumber]
                .analysis_criteria
                .is_none()
        );
    }

    #[test]
    fn mid_call_options_and_a_new_card() {
        let out = apply(
            COMMENTED,
            &edit(Outcome::NotInterested, Op::SetMaxObjections(Some(6))),
            &settings(),
        )
        .unwrap();
        keeps_lines(COMMENTED, &out, &[]);
        let bot = check(&out, &settings()).bot.unwrap();
        assert_eq!(
            bot.cards[&Outcome::NotInterested].mid_call.max_objections,
            Some(6)
        );
        let out = apply(
            &out,
            &edit(Outcome::MissedTransfer, Op::SetWrapUp(None)),
            &settings(),
        )
        .unwrap();
        assert!(!out.contains("Someone will call you back"));
        assert!(out.contains("# A card with everything."));
    }

    #[test]
    fn removing_replacing_and_moving_actions() {
        let out = apply(
            COMMENTED,
            &edit(Outcome::MissedTransfer, Op::RemoveAction(1)),
            &settings(),
        )
        .unwrap();
        keeps_lines(COMMENTED, &out, &["type: tag", "name: missed"]);
        let moved = apply(
            COMMENTED,
            &edit(Outcome::MissedTransfer, Op::MoveAction { from: 1, to: 0 }),
            &settings(),
        )
        .unwrap();
        let bot = check(&moved, &settings()).bot.unwrap();
        let types: Vec<_> = bot.cards[&Outcome::MissedTransfer]
            .actions
            .iter()
            .map(|a| a.value.type_name())
            .collect();
        assert_eq!(types, ["tag", "task"]);
        let note = Action::Note {
            text: "{{ contact.first_name }}: see notes".into(),
        };
        let replaced = apply(
            COMMENTED,
            &edit(Outcome::MissedTransfer, Op::ReplaceAction(1, note.clone())),
            &settings(),
        )
        .unwrap();
        let bot = check(&replaced, &settings()).bot.unwrap();
        assert_eq!(bot.cards[&Outcome::MissedTransfer].actions[1].value, note);
    }

    #[test]
    fn quoting_survives_changes_and_moves() {
        const QUOTED: &str = "version: 1\nbot: {name: x, direction: outbound}\noutcomes:\n  unqualified:\n    mid_call:\n      wrap_up: \"Thanks: bye\"   # keep\n    actions:\n      - type: tag\n        name: 'first one'   # first's comment\n      - type: note\n        text: \"second\"\n";
        let out = apply(
            QUOTED,
            &edit(
                Outcome::Unqualified,
                Op::SetWrapUp(Some("See you: soon".into())),
            ),
            &settings(),
        )
        .unwrap();
        assert!(out.contains("wrap_up: \"See you: soon\""), "{out}");
        let moved = apply(
            QUOTED,
            &edit(Outcome::Unqualified, Op::MoveAction { from: 0, to: 1 }),
            &settings(),
        )
        .unwrap();
        // A replaced action keeps the quoting of its fields.
        let replaced = apply(
            QUOTED,
            &edit(
                Outcome::Unqualified,
                Op::ReplaceAction(
                    1,
                    Action::Note {
                        text: "third: now".into(),
                    },
                ),
            ),
            &settings(),
        )
        .unwrap();
        assert!(replaced.contains("text: \"third: now\""), "{replaced}");
        // Both items keep their quoting, and the moved one its trailing comment.
        assert!(moved.contains("text: \"second\""), "{moved}");
        assert!(
            moved.contains("name: 'first one'   # first's comment"),
            "{moved}"
        );
        assert!(
            moved.find("type: note") < moved.find("type: tag"),
            "{moved}"
        );
        let types: Vec<_> = check(&moved, &settings()).bot.unwrap().cards[&Outcome::Unqualified]
            .actions
            .iter()
            .map(|a| a.value.type_name())
            .collect();
        assert_eq!(types, ["note", "tag"]);
    }

    #[test]
    fn locked_actions_cannot_be_removed_and_rules_are_enforced() {
        let e = apply(
            COMMENTED,
            &edit(Outcome::OptOut, Op::RemoveAction(0)),
            &settings(),
        )
        .unwrap_err();
        assert!(
            matches!(&e, EditError::NotAllowed(why) if why.contains("TCPA")),
            "{e}"
        );
        let task = Action::Task {
            title: "x".into(),
            due_in: None,
            assignee: Assignee::Owner,
        };
        assert!(matches!(
            apply(
                COMMENTED,
                &edit(Outcome::OptOut, Op::AddAction(task)),
                &settings()
            ),
            Err(EditError::NotAllowed(_))
        ));
        assert!(matches!(
            apply(
                COMMENTED,
                &edit(Outcome::OptOut, Op::AddEmail("a@b.co".into())),
                &settings()
            ),
            Err(EditError::NotAllowed(_))
        ));
        assert!(matches!(
            apply(
                COMMENTED,
                &edit(Outcome::Unqualified, Op::SetConfirmTime(Some(true))),
                &settings()
            ),
            Err(EditError::NotAllowed(_))
        ));
        let lock = Action::Locked(LockedAction::CancelEnrollment);
        assert!(matches!(
            apply(
                COMMENTED,
                &edit(Outcome::Unqualified, Op::AddAction(lock)),
                &settings()
            ),
            Err(EditError::NotAllowed(_))
        ));
        assert!(matches!(
            apply(
                COMMENTED,
                &edit(
                    Outcome::SuccessfulTransfer,
                    Op::SetCriteria(Some("x".into()))
                ),
                &settings()
            ),
            Err(EditError::NotAllowed(_))
        ));
    }

    #[test]
    fn invalid_values_are_refused_with_the_validator_finding() {
        let e = apply(
            COMMENTED,
            &edit(Outcome::MissedTransfer, Op::AddEmail("not-an-email".into())),
            &settings(),
        )
        .unwrap_err();
        assert!(
            matches!(&e, EditError::Invalid(d) if d.iter().any(|d| d.rule == crate::rules::Rule::InvalidRecipient)),
            "{e:?}"
        );
        let note = Action::Note {
            text: "{{ call.sumary }}".into(),
        };
        let e = apply(
            COMMENTED,
            &edit(Outcome::OptOut, Op::AddAction(note)),
            &settings(),
        )
        .unwrap_err();
        assert!(matches!(&e, EditError::Invalid(_)), "{e:?}");
    }

    #[test]
    fn recipients_and_owner() {
        let out = apply(
            COMMENTED,
            &edit(Outcome::MissedTransfer, Op::AddPhone("+15125550142".into())),
            &settings(),
        )
        .unwrap();
        let bot = check(&out, &settings()).bot.unwrap();
        let n = bot.cards[&Outcome::MissedTransfer].notify.clone().unwrap();
        assert_eq!(
            n.phones
                .iter()
                .map(|p| p.value.as_str())
                .collect::<Vec<_>>(),
            ["+15125550142"]
        );
        let out = apply(
            &out,
            &edit(Outcome::MissedTransfer, Op::RemoveEmail(0)),
            &settings(),
        )
        .unwrap();
        assert!(out.contains("# A card with everything."));
        let out = apply(
            &out,
            &edit(Outcome::MissedTransfer, Op::SetNotifyOwner(false)),
            &settings(),
        )
        .unwrap();
        let out = apply(
            &out,
            &edit(Outcome::MissedTransfer, Op::RemovePhone(0)),
            &settings(),
        )
        .unwrap();
        let bot = check(&out, &settings()).bot.unwrap();
        assert_eq!(bot.cards[&Outcome::MissedTransfer].notify, None, "{out}");
        let _ = Located { value: (), line: 0 };
    }

    #[test]
    fn messaging_cards_are_edited_in_the_messaging_section() {
        let src = "version: 1\nbot: {name: x, direction: outbound}\noutcomes: {}\n# SMS cards\nmessaging:\n  not-interested: {}\n";
        let sms = |op: Op| Edit {
            outcome: Outcome::NotInterested,
            op,
            channel: Channel::Sms,
        };
        let tag = Action::Tag {
            name: "sms-no".to_owned(),
        };
        let out = apply(src, &sms(Op::AddAction(tag.clone())), &settings()).unwrap();
        assert!(out.contains("# SMS cards"), "{out}");
        let bot = check(&out, &settings()).bot.unwrap();
        let card = &bot.messaging.as_ref().unwrap()[&Outcome::NotInterested];
        assert_eq!(card.actions[0].value, tag);
        assert!(bot.cards.is_empty());
        let out = apply(&out, &sms(Op::SetNotifyOwner(true)), &settings()).unwrap();
        assert!(out.contains("owner: true"), "{out}");
        // What a messaging card doesn't take is refused, with the reason.
        let note = Action::Note {
            text: "hi".to_owned(),
        };
        for op in [
            Op::AddAction(note),
            Op::AddEmail("a@b.com".to_owned()),
            Op::SetCriteria(Some("x".to_owned())),
        ] {
            assert!(matches!(
                apply(&out, &sms(op), &settings()),
                Err(EditError::NotAllowed(_))
            ));
        }
        let opt_out = Edit {
            outcome: Outcome::OptOut,
            op: Op::SetNotifyOwner(true),
            channel: Channel::Sms,
        };
        let e = apply(&out, &opt_out, &settings()).unwrap_err();
        assert!(e.to_string().contains("not-interested"), "{e}");
        // A file without a messaging section gets one.
        let plain = "version: 1\nbot: {name: x, direction: outbound}\noutcomes: {}\n";
        let nfu = Edit {
            outcome: Outcome::NeedsFollowUp,
            op: Op::SetNotifyOwner(true),
            channel: Channel::Sms,
        };
        let out = apply(plain, &nfu, &settings()).unwrap();
        let bot = check(&out, &settings()).bot.unwrap();
        assert!(
            bot.messaging.unwrap()[&Outcome::NeedsFollowUp]
                .notify
                .is_some()
        );
    }

    #[test]
    fn a_file_with_errors_is_not_edited() {
        let e = apply(
            "version: 2\n",
            &edit(Outcome::OptOut, Op::SetCriteria(None)),
            &settings(),
        )
        .unwrap_err();
        assert!(matches!(e, EditError::Invalid(_)));
    }
}

/// Checks for values as they are typed: each gives the reason a value is refused, in words a
/// prompt can show before asking again.
pub mod typed {
    use crate::config::Policy;
    use crate::model::DueIn;
    use crate::outcome::Outcome;
    use crate::product::{self, Channel, PlaceholderProblem, TextField, rules_for};
    use crate::values::{self, PlaceholderToken, did_you_mean};

    /// A text field: not blank, within `max` characters, placeholders that exist here.
    pub fn text(outcome: Outcome, field: TextField, max: usize, s: &str) -> Result<(), String> {
        text_on(Channel::Call, outcome, field, max, s)
    }

    /// As [`text`], on a card of `channel` (a messaging card has no `call.*` placeholder).
    pub fn text_on(
        channel: Channel,
        outcome: Outcome,
        field: TextField,
        max: usize,
        s: &str,
    ) -> Result<(), String> {
        let rules = product::rules_on(channel, outcome).unwrap_or_else(|| rules_for(outcome));
        if values::is_blank(s) {
            return Err("it can't be blank".to_owned());
        }
        let n = s.chars().count();
        if n > max {
            return Err(format!("{n} characters; the limit is {max}"));
        }
        if s.chars().any(char::is_control) {
            return Err("control characters are not allowed".to_owned());
        }
        for token in values::scan_placeholders(s) {
            match token {
                PlaceholderToken::Unbalanced => {
                    return Err("unbalanced braces: write placeholders as {{ name }}".to_owned());
                }
                PlaceholderToken::Name(name) => {
                    if let Err(problem) = product::check_placeholder_in(rules, &name, field) {
                        let available = product::placeholders_available_in(rules, field);
                        let why = match problem {
                            PlaceholderProblem::NotInField => {
                                format!(
                                    "{} is never filled in: no placeholders here",
                                    field.describe()
                                )
                            }
                            PlaceholderProblem::NotOnOutcome => {
                                format!(
                                    "{{{{ {name} }}}} exists only on needs-follow-up and contact-later"
                                )
                            }
                            PlaceholderProblem::NotSpoken => format!(
                                "{{{{ {name} }}}} can't be spoken during the call; here: {}",
                                available.join(", ")
                            ),
                            PlaceholderProblem::NotOnChannel => format!(
                                "{{{{ {name} }}}} doesn't exist on a messaging card; here: {}",
                                available.join(", ")
                            ),
                            PlaceholderProblem::Unknown => {
                                match did_you_mean(&name, available.iter().copied()) {
                                    Some(s) => format!(
                                        "no placeholder {{{{ {name} }}}}; did you mean {{{{ {s} }}}}?"
                                    ),
                                    None => format!(
                                        "no placeholder {{{{ {name} }}}}; here: {}",
                                        available.join(", ")
                                    ),
                                }
                            }
                        };
                        return Err(why);
                    }
                }
            }
        }
        Ok(())
    }

    /// An email address for a notification or a task, within the org's policy.
    pub fn email(policy: &Policy, s: &str) -> Result<(), String> {
        if !values::is_valid_email(s) {
            return Err(
                "not an email address (one @ and a domain with a dot, like team@acme-realty.com)"
                    .to_owned(),
            );
        }
        if !policy.allows_email(s) {
            return Err("outside the org's email domains ([policy] in samictl.toml)".to_owned());
        }
        Ok(())
    }

    /// An E.164 phone number, within the org's policy.
    pub fn phone(policy: &Policy, s: &str) -> Result<(), String> {
        if !values::is_valid_phone(s) {
            return Err("not an E.164 number: + then 8 to 15 digits, the first not 0, no spaces (+15125550142)".to_owned());
        }
        if !policy.allows_phone(s) {
            return Err("outside the org's phone prefixes ([policy] in samictl.toml)".to_owned());
        }
        Ok(())
    }

    /// A task's `due_in`: empty for none, a duration, or `requested-time` where it exists.
    pub fn due_in(outcome: Outcome, s: &str) -> Result<Option<DueIn>, String> {
        let s = s.trim();
        if s.is_empty() {
            return Ok(None);
        }
        if s == "requested-time" {
            return if rules_for(outcome).requested_time {
                Ok(Some(DueIn::RequestedTime))
            } else {
                Err("requested-time exists only on needs-follow-up and contact-later".to_owned())
            };
        }
        values::parse_duration(s)
            .map(|d| Some(DueIn::After(d)))
            .map_err(|_| {
                "a duration is a whole number and m, h or d, from 1m to 90d (15m, 4h, 2d)"
                    .to_owned()
            })
    }

    /// A tag name.
    pub fn tag(s: &str) -> Result<(), String> {
        if values::is_blank(s) {
            return Err("it can't be blank".to_owned());
        }
        let n = s.chars().count();
        if n > crate::validate::TAG_MAX {
            return Err(format!(
                "{n} characters; the limit is {}",
                crate::validate::TAG_MAX
            ));
        }
        match s.chars().find(|c| !values::is_tag_char(*c)) {
            Some(c) => Err(format!(
                "`{}` is not allowed: letters, digits, spaces, - _ : /",
                c.escape_debug()
            )),
            None => Ok(()),
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn typed_values() {
            let o = Outcome::OptOut;
            assert!(text(o, TextField::NoteText, 10, "hi {{ contact.first_name }}").is_err());
            assert!(text(o, TextField::NoteText, 100, "hi {{ contact.first_name }}").is_ok());
            assert!(
                text(o, TextField::WrapUp, 100, "{{ call.summary }}")
                    .unwrap_err()
                    .contains("spoken")
            );
            assert!(text(o, TextField::NoteText, 100, "{{ requested_time }}").is_err());
            assert!(
                text(o, TextField::NoteText, 100, "{{ contact.firstname }}")
                    .unwrap_err()
                    .contains("first_name")
            );
            assert!(text(o, TextField::AnalysisCriteria, 100, "{{ outcome }}").is_err());
            assert!(text(o, TextField::NoteText, 100, "  ").is_err());
            let p = Policy::default();
            assert!(email(&p, "a@b.co").is_ok() && email(&p, "a@b").is_err());
            assert!(phone(&p, "+15125550142").is_ok() && phone(&p, "5125550142").is_err());
            assert_eq!(
                due_in(Outcome::NeedsFollowUp, "requested-time"),
                Ok(Some(DueIn::RequestedTime))
            );
            assert!(due_in(o, "requested-time").is_err());
            assert_eq!(due_in(o, ""), Ok(None));
            assert!(due_in(o, "91d").is_err());
            assert!(tag("vip: east/1").is_ok() && tag("a.b").is_err());
        }
    }
}
