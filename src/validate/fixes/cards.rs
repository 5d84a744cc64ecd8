//! Missing cards (`outcome-missing`): a call card from SAMI's presets, a messaging card empty.

use super::Fixer;
use super::place::one_close;
use super::text::Text;
use crate::diagnostic::TextEdit;
use crate::outcome::Outcome;
use crate::product::Channel;
use crate::yaml::{Node, Value};

impl<'t> Fixer<'_, 't> {
    /// `outcome-missing`: the card from SAMI's presets (the `init` template), added after the
    /// last card. Where `outcomes` is missing or empty, every missing card is written in one
    /// edit that each such finding shares. A missing messaging card (docs/spec 17) is added
    /// as `TAG: {}`: SAMI publishes no preset messaging card, and `init` writes the five empty.
    pub(super) fn add_card(
        &self,
        outcome: Outcome,
        channel: Channel,
    ) -> Option<(bool, String, Vec<TextEdit>)> {
        let text = self.text;
        let eol = text.eol;
        let Value::Map(root) = &self.root.value else {
            return None;
        };
        let section = |channel: Channel| {
            root.iter()
                .find(|(k, _)| matches!(&k.value, Value::Str(s) if s == channel.section()))
        };
        // The check that found the card missing says which section it is missing from.
        if channel == Channel::Sms {
            let (key, value) = section(Channel::Sms)?;
            if !Channel::Sms.has(outcome) {
                return None;
            }
            let empty = |o: Outcome, indent: usize| {
                format!("{}{}: {{}}{eol}", " ".repeat(indent), o.as_str())
            };
            return self.add_to_section(Channel::Sms, outcome, key, value, &empty);
        }
        let outcomes = section(Channel::Call);
        let preset = |o: Outcome, indent: usize| preset_card(o, indent, eol);
        match outcomes {
            None => {
                // Before `messaging` when it starts a line (the order of the format; the
                // messaging section's own missing cards may go at the end), else at the end.
                let before_messaging = section(Channel::Sms)
                    .filter(|(k, _)| k.pos.column == 1)
                    .map(|(k, _)| text.line_start(k.pos.line));
                let at = before_messaging.unwrap_or(text.src.len());
                let insert = at_end_of(
                    text,
                    at,
                    format!(
                        "outcomes:{eol}{}",
                        missing_cards(Channel::Call, &[], 2, &preset)
                    ),
                );
                Some((
                    false,
                    MANY_CARDS.to_owned(),
                    vec![text.edit(at, at, insert)],
                ))
            }
            Some((key, value)) => self.add_to_section(Channel::Call, outcome, key, value, &preset),
        }
    }

    /// A missing card of `channel` added to its section (`key: value`), written by `card`
    /// (the outcome, the indent of its key).
    pub(super) fn add_to_section(
        &self,
        channel: Channel,
        outcome: Outcome,
        key: &Node<'_>,
        value: &Node<'_>,
        card: &dyn Fn(Outcome, usize) -> String,
    ) -> Option<(bool, String, Vec<TextEdit>)> {
        let text = self.text;
        match &value.value {
            Value::Map(cards) if !cards.is_empty() => {
                // A misspelt tag that a rename fixes gives the card instead.
                let tags: Vec<&str> = channel
                    .outcomes()
                    .into_iter()
                    .map(Outcome::as_str)
                    .collect();
                let renamed = cards.iter().any(|(k, _)| match &k.value {
                    Value::Str(s) if !tags.iter().any(|t| *t == s.as_ref() as &str) => {
                        one_close(s, &tags) == Some(outcome.as_str())
                    }
                    _ => false,
                });
                if present(cards, outcome) || renamed {
                    return None;
                }
                let map_start = text.offset(value.pos)?;
                if text.byte(map_start) == Some(b'{') {
                    return None;
                }
                let (last_key, _) = cards.last()?;
                let indent = last_key.pos.column.saturating_sub(1) as usize;
                let line_start = text.line_start(last_key.pos.line);
                let before = text.src.get(line_start..text.offset(last_key.pos)?)?;
                if !before.trim().is_empty() {
                    return None;
                }
                let last = text.block_last_line(last_key.pos.line, indent, true);
                let at = text.line_start(last + 1);
                let insert = at_end_of(text, at, card(outcome, indent));
                let description = match channel {
                    Channel::Call => format!("add the `{outcome}` card from SAMI's presets"),
                    Channel::Sms => format!("add an empty `{outcome}` messaging card"),
                };
                Some((false, description, vec![text.edit(at, at, insert)]))
            }
            Value::Null => {
                // `outcomes:` with nothing after it on its line.
                let line = key.pos.line;
                let key_end = text.node_end(key)?;
                let rest = text.src.get(key_end..text.line_start(line + 1))?.trim();
                let after_colon = rest.strip_prefix(':')?.trim_start();
                if !(after_colon.is_empty() || after_colon.starts_with('#')) {
                    return None;
                }
                let at = text.line_start(line + 1);
                let indent = key.pos.column.saturating_sub(1) as usize + 2;
                let insert = at_end_of(text, at, missing_cards(channel, &[], indent, card));
                let description = match channel {
                    Channel::Call => MANY_CARDS.to_owned(),
                    Channel::Sms => "add the missing messaging cards, empty".to_owned(),
                };
                Some((false, description, vec![text.edit(at, at, insert)]))
            }
            _ => None,
        }
    }
}

/// `lines` (each ended by the file's line end) to insert at `at`. At the end of a file with no
/// final line end, the line end goes first and the last one is dropped: the file keeps having
/// none, and several such inserts at the end join without blank lines between them.
pub(super) fn at_end_of(text: &Text<'_>, at: usize, lines: String) -> String {
    if at == text.src.len() && !text.src.is_empty() && !text.src.ends_with('\n') {
        let body = lines.strip_suffix(text.eol).unwrap_or(&lines);
        format!("{}{body}", text.eol)
    } else {
        lines
    }
}

/// The description of a fix that writes every missing call card at once.
const MANY_CARDS: &str = "add the missing cards from SAMI's presets";

/// Whether a section's cards hold `outcome`'s.
pub(super) fn present(entries: &[(Node, Node)], outcome: Outcome) -> bool {
    entries
        .iter()
        .any(|(k, _)| matches!(&k.value, Value::Str(s) if s == outcome.as_str()))
}

/// Every card of `channel` missing from `entries`, in canonical order, written by `card`.
pub(super) fn missing_cards(
    channel: Channel,
    entries: &[(Node, Node)],
    indent: usize,
    card: &dyn Fn(Outcome, usize) -> String,
) -> String {
    channel
        .outcomes()
        .into_iter()
        .filter(|o| !present(entries, *o))
        .map(|o| card(o, indent))
        .collect()
}

/// A card of SAMI's presets, from the `init` template, its key at `indent` spaces.
pub fn preset_card(outcome: Outcome, indent: usize, eol: &str) -> String {
    let head = format!("  {}:", outcome.as_str());
    let mut out = String::new();
    let mut inside = false;
    for line in crate::init::TEMPLATE.lines() {
        if !inside {
            if line == head || line.starts_with(&format!("{head} ")) {
                inside = true;
            } else {
                continue;
            }
        } else if line.trim().is_empty() || Text::indent(line) <= 2 {
            break;
        }
        let ind = Text::indent(line);
        out.push_str(&" ".repeat(ind - 2 + indent));
        out.push_str(&line[ind..]);
        out.push_str(eol);
    }
    out
}
