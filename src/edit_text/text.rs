//! An operation applied to the file's text with yaml-edit, keeping comments, blank lines, key
//! order and quoting in everything it does not touch. The result is never trusted: [`super::apply`]
//! validates it and compares it with the model's answer.

use super::{Edit, EditError, Op};
use crate::format;
use crate::model::{Action, Assignee, Bot, DueIn};
use crate::outcome::Outcome;
use crate::product::Channel;
use yaml_edit::{Document, Mapping, MappingBuilder, Sequence};

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

pub(crate) fn unsupported(what: &str) -> EditError {
    EditError::Unsupported(format!(
        "could not {what} in this file without changing something else"
    ))
}

/// Applies the edit to the document's text.
pub(crate) fn apply_text(doc: &Document, bot: &Bot, edit: &Edit) -> Result<(), EditError> {
    let root = doc
        .as_mapping()
        .ok_or_else(|| unsupported("find the top-level mapping"))?;
    let outcomes = block_mapping(&root, edit.channel.section());
    let card = block_mapping(&outcomes, edit.outcome.as_str());
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
    // The keys written, from the format model: the operation's own and its mapping's.
    let (_, key) = edit.op.writes(edit.channel);
    let in_card = format::Place::Card(edit.channel);
    let mid_call = format::key_to(in_card, format::Place::MidCall).unwrap_or("mid_call");
    let notify_key =
        format::key_to(in_card, format::Place::Notify(edit.channel)).unwrap_or("notify");
    match &edit.op {
        Op::SetCriteria(t) => set_or_remove(&card, key, t.clone()),
        Op::SetWrapUp(_) | Op::SetMaxObjections(_) | Op::SetConfirmTime(_) => {
            let mid = block_mapping(&card, mid_call);
            match &edit.op {
                Op::SetWrapUp(t) => set_or_remove(&mid, key, t.clone()),
                Op::SetMaxObjections(Some(n)) => mid.set(key, i64::from(*n)),
                Op::SetConfirmTime(Some(b)) => mid.set(key, *b),
                Op::SetMaxObjections(None) | Op::SetConfirmTime(None) => {
                    mid.remove(key);
                }
                _ => {}
            }
            drop_if_empty(&card, mid_call);
        }
        Op::AddAction(a) => {
            let item = action_mapping(a).ok_or_else(|| unsupported("build the action"))?;
            block_sequence(&card, key).push(item);
        }
        Op::ReplaceAction(i, a) => {
            let seq = card
                .get_sequence(key)
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
                .get_sequence(key)
                .ok_or_else(|| unsupported("find the actions"))?;
            seq.remove(*i)
                .ok_or_else(|| unsupported("remove the action"))?;
            drop_if_empty(&card, key);
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
                .get_sequence(key)
                .ok_or_else(|| unsupported("find the actions"))?;
            seq.remove(*from)
                .ok_or_else(|| unsupported("move the action"))?;
            seq.insert(*to, item);
        }
        Op::SetNotifyOwner(b) => {
            let notify = block_mapping(&card, notify_key);
            if *b {
                notify.set(key, true);
            } else {
                notify.remove(key);
            }
        }
        Op::AddEmail(e) => block_sequence(&block_mapping(&card, notify_key), key).push(e.as_str()),
        Op::AddPhone(p) => block_sequence(&block_mapping(&card, notify_key), key).push(p.as_str()),
        Op::RemoveEmail(i) | Op::RemovePhone(i) => {
            let notify = card
                .get_mapping(notify_key)
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
    if let Some(notify) = card.get_mapping(notify_key) {
        let owner = notify
            .get("owner")
            .map(|v| v.to_string().trim() == "true")
            .unwrap_or(false);
        let any = |k: &str| notify.get_sequence(k).is_some_and(|s| !s.is_empty());
        if !owner && !any("emails") && !any("phones") {
            card.remove(notify_key);
        }
    }
    Ok(())
}

/// The text with item `from` of the card's (in `channel`'s section) block `actions` sequence moved to `to`, each item
/// taken as its lines (from its `- ` line to the next item's; the last item ends at the first
/// blank line or line not indented past its dash). `None` when the sequence is not a block
/// sequence with one item per `- ` line; the caller verifies the result either way.
pub(crate) fn move_item_lines(
    source: &str,
    channel: Channel,
    outcome: Outcome,
    from: usize,
    to: usize,
) -> Option<String> {
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
    let outcomes = &top.get(get(&root, channel.section())?)?.1;
    let Value::Map(cards) = &outcomes.value else {
        return None;
    };
    let card = &cards.get(get(outcomes, outcome.as_str())?)?.1;
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
