//! Completion: the keys allowed at the cursor, the eight tags under `outcomes`, the action
//! types the card allows, a few values (`direction`, booleans, `due_in`), and after `{{` the
//! placeholders that exist in that field on that outcome.

use super::Document;
use super::outline::{Outline, Step};
use super::place::{self, Place};
use super::position::Encoding;
use crate::format;
use crate::product::{self, ActionType, rules_for};
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, Documentation, Position, Range,
    TextEdit,
};

/// The completions at a position.
pub(crate) fn complete(doc: &Document, pos: Position, enc: Encoding) -> Vec<CompletionItem> {
    let offset = doc.index.offset(&doc.text, pos, enc);
    let (line, col) = doc.index.position(&doc.text, offset);
    let outline = Outline::new(&doc.text);
    let line_text = doc.index.line(&doc.text, line);
    let col = col.min(line_text.len());
    let prefix = &line_text[..col];
    let Some(l) = outline.lines.get(line) else {
        return Vec::new();
    };
    let replace = |from: usize| {
        Range::new(
            doc.index.lsp_position(&doc.text, line, from, enc),
            doc.index.lsp_position(&doc.text, line, col, enc),
        )
    };
    let key_colon = l
        .key
        .and_then(|_| line_text[l.content..].find(':').map(|i| l.content + i));

    // After `{{`: placeholders.
    if let Some(open) = prefix.rfind("{{")
        && !prefix[open..].contains("}}")
    {
        let typed = &prefix[open + 2..];
        let from = open + 2 + (typed.len() - typed.trim_start().len());
        let (path, key) = match (l.key, key_colon) {
            (Some(k), Some(c)) if col > c => {
                let mut path = outline.enclosing(line);
                if l.dash {
                    path.push(Step::Item(line));
                }
                (path, k)
            }
            _ => {
                let mut path = outline.parents(line, l.indent.max(1));
                match path.pop() {
                    Some(Step::Key(k, _)) => (path, k),
                    _ => return Vec::new(),
                }
            }
        };
        let closed = line_text[col..].trim_start().starts_with("}}");
        return placeholders(&outline, place::place_of(&path), key, closed, replace(from));
    }

    // After `key:`: values.
    if let (Some(k), Some(c)) = (l.key, key_colon)
        && col > c
    {
        let mut path = outline.enclosing(line);
        if l.dash {
            path.push(Step::Item(line));
        }
        let from = if col >= l.value_col { l.value_col } else { col };
        return values(&outline, place::place_of(&path), k, replace(from));
    }

    // Otherwise: a key (or an action item) being typed at the line's content column; nothing
    // inside the indentation of a written line.
    if !l.blank && col < l.content {
        return Vec::new();
    }
    let typed = prefix.trim_start_matches([' ', '-']);
    if typed.contains(char::is_whitespace) {
        return Vec::new();
    }
    let column = if l.blank { col } else { l.content };
    let from = col - typed.len();
    let mut path = if l.dash {
        outline.parents(line, l.indent)
    } else {
        outline.parents(line, column)
    };
    if l.dash {
        path.push(Step::Item(line));
    }
    let place = place::place_of(&path);
    if let Place::SmsActions(_) = place {
        return [product::UserAction::Task, product::UserAction::Tag]
            .into_iter()
            .map(|t| {
                let text = format!("- type: {}", t.as_str());
                item(
                    &text,
                    CompletionItemKind::SNIPPET,
                    t.describe().to_owned(),
                    &text,
                    replace(from),
                )
            })
            .collect();
    }
    if let Place::Actions(o) = place {
        return place::action_types_here(&outline, o)
            .into_iter()
            .map(|(t, detail)| {
                let text = format!("- type: {}", t.as_str());
                item(
                    &text,
                    CompletionItemKind::SNIPPET,
                    detail,
                    &text,
                    replace(from),
                )
            })
            .collect();
    }
    let present: Vec<&str> = outline
        .siblings(line, column)
        .into_iter()
        .filter(|(_, i)| *i != line)
        .map(|(k, _)| k)
        .collect();
    let present = if let Place::Action(_, item_line) | Place::SmsAction(_, item_line) = place {
        let item_col = outline.lines.get(item_line).map_or(column, |l| l.content);
        outline
            .lines
            .get(item_line..=outline.item_end(item_line))
            .unwrap_or_default()
            .iter()
            .enumerate()
            .filter(|(i, x)| item_line + i != line && !x.blank && x.content == item_col)
            .filter_map(|(_, x)| x.key)
            .collect()
    } else {
        present
    };
    let kind = if matches!(place, Place::Outcomes | Place::Messaging) {
        CompletionItemKind::ENUM_MEMBER
    } else {
        CompletionItemKind::PROPERTY
    };
    place::keys_allowed(&outline, place)
        .into_iter()
        .filter(|k| !present.contains(&k.key))
        .map(|k| {
            let insert = if k.block {
                format!("{}:", k.key)
            } else {
                format!("{}: ", k.key)
            };
            item(k.key, kind, k.detail, &insert, replace(from))
        })
        .collect()
}

fn item(
    label: &str,
    kind: CompletionItemKind,
    detail: String,
    insert: &str,
    range: Range,
) -> CompletionItem {
    CompletionItem {
        label: label.to_owned(),
        kind: Some(kind),
        documentation: Some(Documentation::String(detail.clone())),
        detail: Some(detail),
        filter_text: Some(label.to_owned()),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
            range,
            insert.to_owned(),
        ))),
        ..CompletionItem::default()
    }
}

fn placeholders(
    outline: &Outline<'_>,
    place: Place,
    key: &str,
    closed: bool,
    range: Range,
) -> Vec<CompletionItem> {
    let Some((rules, field)) = place::text_field_in(outline, place, key) else {
        return Vec::new();
    };
    product::placeholders_available_in(rules, field)
        .into_iter()
        .map(|name| {
            let meaning = product::PLACEHOLDERS
                .iter()
                .find(|(n, _)| *n == name)
                .map_or("", |(_, m)| *m);
            let insert = if closed {
                name.to_owned()
            } else {
                format!("{name}}}}}")
            };
            item(
                name,
                CompletionItemKind::VARIABLE,
                meaning.to_owned(),
                &insert,
                range,
            )
        })
        .collect()
}

fn values(outline: &Outline<'_>, place: Place, key: &str, range: Range) -> Vec<CompletionItem> {
    let value =
        |v: &str, detail: &str| item(v, CompletionItemKind::VALUE, detail.to_owned(), v, range);
    match (place, key) {
        (Place::Root, "version") => vec![value("1", "the only format version")],
        // The words of the model's enum, each with what it means for the locks.
        (Place::Bot, "direction") => match kind(place, key) {
            Some(format::Kind::Enum(words)) => words
                .iter()
                .map(|w| value(w, direction_detail(w)))
                .collect(),
            _ => Vec::new(),
        },
        (Place::Action(o, _), "type") => place::action_types_here(outline, o)
            .into_iter()
            .map(|(t, detail)| {
                item(
                    t.as_str(),
                    CompletionItemKind::ENUM_MEMBER,
                    detail,
                    t.as_str(),
                    range,
                )
            })
            .collect(),
        (Place::Action(..), "locked") => vec![value("true", "the only value a lock takes")],
        (Place::SmsAction(..), "type") => vec![
            value("task", product::UserAction::Task.describe()),
            value("tag", product::UserAction::Tag.describe()),
        ],
        (Place::SmsAction(..), "assignee") => {
            vec![value("owner", "the contact's assigned user (the only one)")]
        }
        // A task's `due_in`, on a call card or a messaging card alike.
        (Place::Action(o, item_line) | Place::SmsAction(o, item_line), "due_in")
            if outline
                .item_value(item_line, "type")
                .and_then(ActionType::parse)
                == Some(ActionType::User(product::UserAction::Task)) =>
        {
            format::due_in_values(rules_for(o))
                .into_iter()
                .map(|(v, detail)| value(v, detail))
                .collect()
        }
        (Place::Action(..), "assignee") => vec![value("owner", "the contact's assigned user")],
        // Every other flag of the format model (`owner`, `confirm_time`).
        _ if kind(place, key) == Some(format::Kind::Bool) => {
            vec![value("true", ""), value("false", "")]
        }
        _ => Vec::new(),
    }
}

/// The kind of `key`'s value at a place, as the format model has it.
fn kind(place: Place, key: &str) -> Option<format::Kind> {
    format::find(&format::keys(place.model()?), key).map(|k| k.kind)
}

/// What a direction means for the enrollment locks.
fn direction_detail(word: &str) -> &'static str {
    match word {
        "inbound" => "answers calls: no enrollment locks",
        "outbound" => "calls leads: enrollment locks apply",
        _ => "calls and answers: enrollment locks apply",
    }
}
