//! Document symbols: the bot, its cards and their actions, read from the outline so a file
//! that doesn't parse yet still has them. Keys and scalars are not symbols; a card's actions
//! are listed up to [`MAX_ACTIONS`].

use super::Document;
use super::outline::Outline;
use super::position::Encoding;
use crate::outcome::Outcome;
use crate::render::text::escape;
use lsp_types::{DocumentSymbol, Range, SymbolKind};

/// Actions listed one by one in a card; past this many, the rest are one symbol ("N more
/// actions"): an outline is for finding one's way, and a card with thousands of actions (a
/// 1 MiB file) would otherwise send megabytes on every keystroke.
pub(crate) const MAX_ACTIONS: usize = 200;

/// The symbols of a bot file.
pub(crate) fn symbols(doc: &Document, enc: Encoding) -> Vec<DocumentSymbol> {
    let outline = Outline::new(&doc.text);
    let range = |first: usize, last: usize| {
        let end_len = doc.index.line(&doc.text, last).len();
        Range::new(
            doc.index.lsp_position(&doc.text, first, 0, enc),
            doc.index.lsp_position(&doc.text, last, end_len, enc),
        )
    };
    let key_range = |line: usize| {
        let l = &outline.lines[line];
        let end = doc.index.line(&doc.text, line)[l.content..]
            .find(':')
            .map_or(l.content, |i| l.content + i);
        Range::new(
            doc.index.lsp_position(&doc.text, line, l.content, enc),
            doc.index.lsp_position(&doc.text, line, end, enc),
        )
    };
    let children_at = |line: usize| -> Vec<(&str, usize)> {
        let end = outline.block_end(line);
        let Some(column) = outline
            .lines
            .get(line + 1..=end)
            .and_then(|ls| ls.iter().find(|l| !l.blank))
            .map(|l| l.content)
        else {
            return Vec::new();
        };
        outline
            .siblings(line + 1, column)
            .into_iter()
            .filter(|(_, i)| *i > line)
            .collect()
    };
    let mut out = Vec::new();
    for (key, line) in outline.top_level().collect::<Vec<_>>() {
        match key {
            "bot" => {
                let fields = children_at(line);
                let value = |name: &str| {
                    fields
                        .iter()
                        .find(|(k, _)| *k == name)
                        .map(|(_, i)| escape(outline.lines[*i].value.trim_matches(['"', '\''])))
                };
                let name = value("name")
                    .filter(|n| !n.is_empty())
                    .unwrap_or_else(|| "bot".to_owned());
                out.push(symbol(
                    name,
                    value("direction").map(|d| format!("bot, {d}")),
                    SymbolKind::CLASS,
                    range(line, outline.block_end(line)),
                    key_range(line),
                    Vec::new(),
                ));
            }
            // The call cards, and the messaging (SMS) cards of docs/spec 17.
            section @ ("outcomes" | "messaging") => {
                let mut cards = Vec::new();
                for (tag, card_line) in children_at(line) {
                    let mut actions = Vec::new();
                    if let Some((_, actions_line)) = children_at(card_line)
                        .into_iter()
                        .find(|(k, _)| *k == "actions")
                    {
                        let end = outline.block_end(actions_line);
                        // The list's own items: the dashes at the column of the first one
                        // (one pass; a nested list stands further right).
                        let lines = &outline.lines[actions_line + 1..=end];
                        let column = lines
                            .iter()
                            .find(|l| !l.blank)
                            .filter(|l| l.dash)
                            .map(|l| l.indent);
                        let items: Vec<usize> = lines
                            .iter()
                            .enumerate()
                            .filter(|(_, l)| !l.blank && l.dash && Some(l.indent) == column)
                            .map(|(k, _)| actions_line + 1 + k)
                            .collect();
                        for (n, &i) in items.iter().enumerate() {
                            if n == MAX_ACTIONS && items.len() > MAX_ACTIONS + 1 {
                                // A list no one reads one by one: the rest as one symbol.
                                let more = items.len() - n;
                                actions.push(symbol(
                                    format!("{more} more actions"),
                                    None,
                                    SymbolKind::ARRAY,
                                    range(i, end),
                                    range(i, i),
                                    Vec::new(),
                                ));
                                break;
                            }
                            let l = &outline.lines[i];
                            let last = items.get(n + 1).map_or(end, |next| next - 1);
                            let item_end = (i..=last)
                                .rev()
                                .find(|k| !outline.lines[*k].blank)
                                .unwrap_or(i);
                            let kind = outline.item_value(i, "type").unwrap_or("action");
                            let detail = ["title", "text", "name"]
                                .iter()
                                .find_map(|k| outline.item_value(i, k))
                                .map(|v| escape(v.trim_matches(['"', '\''])));
                            let sel = Range::new(
                                doc.index.lsp_position(&doc.text, i, l.indent, enc),
                                doc.index.lsp_position(&doc.text, i, l.indent + 1, enc),
                            );
                            actions.push(symbol(
                                escape(kind),
                                detail,
                                SymbolKind::EVENT,
                                range(i, item_end),
                                sel,
                                Vec::new(),
                            ));
                        }
                    }
                    let detail = match section {
                        "messaging" => Outcome::parse(tag)
                            .and_then(|o| crate::product::rules_on(crate::product::Channel::Sms, o))
                            .map(|r| format!("SMS: {}", r.title)),
                        _ => Outcome::parse(tag).map(|o| o.display_name().to_owned()),
                    };
                    cards.push(symbol(
                        escape(tag),
                        detail,
                        SymbolKind::STRUCT,
                        range(card_line, outline.block_end(card_line)),
                        key_range(card_line),
                        actions,
                    ));
                }
                out.push(symbol(
                    section.to_owned(),
                    None,
                    SymbolKind::NAMESPACE,
                    range(line, outline.block_end(line)),
                    key_range(line),
                    cards,
                ));
            }
            _ => {}
        }
    }
    out
}

#[allow(deprecated)] // `deprecated` is a required field of the struct, superseded by `tags`.
fn symbol(
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    range: Range,
    selection_range: Range,
    children: Vec<DocumentSymbol>,
) -> DocumentSymbol {
    DocumentSymbol {
        // LSP requires a non-empty name.
        name: if name.trim().is_empty() {
            "?".to_owned()
        } else {
            name
        },
        detail,
        kind,
        tags: None,
        deprecated: None,
        range,
        selection_range,
        children: (!children.is_empty()).then_some(children),
    }
}
