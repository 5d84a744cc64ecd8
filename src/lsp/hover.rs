//! Hover: on a key, what it means and what is allowed there; on a placeholder
//! (`{{contact.first_name}}`), what it expands to and where it may be used; on a finding, its
//! rule's explanation (with the finding's help line).

use super::Document;
use super::outline::{Outline, Step};
use super::place::{self, Place};
use super::position::Encoding;
use crate::outcome::Outcome;
use crate::product::{self, ActionType, Channel, PlaceholderProblem, TextField};
use crate::render::text::escape;
use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position, Range};

/// The hover at a position, if there is anything to say.
pub(crate) fn hover(doc: &Document, pos: Position, enc: Encoding) -> Option<Hover> {
    let offset = doc.index.offset(&doc.text, pos, enc);
    let (line, col) = doc.index.position(&doc.text, offset);
    let mut sections = Vec::new();
    let mut range = None;

    let outline = Outline::new(&doc.text);
    let at = Cursor {
        doc,
        outline: &outline,
        line,
        col,
        enc,
    };
    if let Some((text, r)) = placeholder_hover(&at).or_else(|| key_hover(&at)) {
        sections.push(text);
        range = Some(r);
    }
    for d in &doc.findings {
        let r = super::diagnostics::range(&doc.index, &doc.text, d, enc);
        if contains(r, pos) {
            let info = d.rule.info();
            let mut text = format!(
                "**{}** ({}): {}\n\n{}\n\n*Points at:* {}",
                info.id,
                d.severity,
                escape(&d.message),
                info.why,
                info.points_at
            );
            if let Some(h) = &d.help {
                text.push_str(&format!("\n\n*help:* {}", escape(h)));
            }
            text.push_str(&format!(
                "\n\n`samictl explain {}` shows a wrong and a right example.",
                info.id
            ));
            sections.push(text);
            range.get_or_insert(r);
        }
    }
    if sections.is_empty() {
        return None;
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: sections.join("\n\n---\n\n"),
        }),
        range,
    })
}

/// Where the hover is asked: the document, its outline, and the cursor's line and column.
#[derive(Clone, Copy)]
struct Cursor<'a, 't> {
    doc: &'a Document,
    outline: &'a Outline<'t>,
    line: usize,
    col: usize,
    enc: Encoding,
}

impl<'a> Cursor<'a, '_> {
    /// The text of the cursor's line.
    fn text(&self) -> &'a str {
        self.doc.index.line(&self.doc.text, self.line)
    }

    /// The range of the cursor's line from column `from` to column `to`.
    fn range(&self, from: usize, to: usize) -> Range {
        let at = |col| {
            self.doc
                .index
                .lsp_position(&self.doc.text, self.line, col, self.enc)
        };
        Range::new(at(from), at(to))
    }
}

fn contains(r: Range, p: Position) -> bool {
    if r.start == r.end {
        return p.line == r.start.line;
    }
    r.start <= p && p <= r.end
}

/// The documentation of the key (or `type` value) under the cursor.
fn key_hover(at: &Cursor<'_, '_>) -> Option<(String, Range)> {
    let (outline, line, col) = (at.outline, at.line, at.col);
    let l = outline.lines.get(line)?;
    let key = l.key?;
    let key_end = at.text()[l.content..]
        .find(':')
        .map_or(l.content, |i| l.content + i);
    let on_key = col >= l.content && col <= key_end;
    let on_value = col >= l.value_col && col <= l.value_col + l.value.len() && !l.value.is_empty();
    if !on_key && !on_value {
        return None;
    }
    let path = outline.key_path(line)?;
    let parents = &path[..path.len() - 1];
    let place = place::place_of(parents);
    let (start, end) = if on_key {
        (l.content, key_end)
    } else {
        (l.value_col, l.value_col + l.value.len())
    };
    let range = at.range(start, end);
    if on_value && !on_key {
        // The value of `type`: the action it names.
        if let (Place::Action(..), "type") = (place, key) {
            let t = ActionType::parse(l.value.trim_matches(['"', '\'']))?;
            return Some((place::action_type_doc(t), range));
        }
        return None;
    }
    let text = match (place, path.last()) {
        (Place::Messaging, Some(Step::Key(tag, _))) => {
            let docs = place::key_doc(outline, Place::Messaging, tag);
            match docs {
                Some(d) => format!("**`{}`**: {}", d.key, d.detail),
                None => format!(
                    "`{}` is not a messaging outcome; the five are {} ({})",
                    escape(tag),
                    crate::product::Channel::Sms
                        .outcomes()
                        .iter()
                        .map(|o| format!("`{}`", o.as_str()))
                        .collect::<Vec<_>>()
                        .join(", "),
                    crate::product::opt_out_landing(crate::product::Channel::Sms)
                ),
            }
        }
        (Place::Outcomes, Some(Step::Key(tag, _))) => match Outcome::parse(tag) {
            Some(o) => place::outcome_summary(outline, o),
            None => format!(
                "`{}` is not an outcome tag; the eight are {}",
                escape(tag),
                Outcome::tags()
                    .map(|t| format!("`{t}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        },
        _ => {
            let docs = place::key_doc(outline, place, key)?;
            format!("**`{}`**: {}", docs.key, docs.detail)
        }
    };
    Some((text, range))
}

/// The placeholder under the cursor: what it expands to, where the product allows it, and
/// whether it may stand here.
fn placeholder_hover(at: &Cursor<'_, '_>) -> Option<(String, Range)> {
    let (text, col) = (at.text(), at.col);
    let mut from = 0;
    let (open, close) = loop {
        let open = from + text.get(from..)?.find("{{")?;
        let close = open + 2 + text[open + 2..].find("}}")?;
        if col >= open && col <= close + 2 {
            break (open, close);
        }
        if open > col {
            return None;
        }
        from = close + 2;
    };
    let name = text[open + 2..close].trim();
    let range = at.range(open, close + 2);
    // The field the placeholder stands in, as completion finds it.
    let (outline, line) = (at.outline, at.line);
    let l = outline.lines.get(line)?;
    let here = l.key.and_then(|key| {
        let mut path = outline.enclosing(line);
        if l.dash {
            path.push(Step::Item(line));
        }
        place::text_field_in(outline, place::place_of(&path), key)
    });
    Some((placeholder_doc(name, here), range))
}

/// What a placeholder expands to and where it is allowed, from the product table; `here`:
/// the card and field it is written in.
pub(crate) fn placeholder_doc(
    name: &str,
    here: Option<(&product::OutcomeRules, TextField)>,
) -> String {
    let Some((_, meaning)) = product::PLACEHOLDERS.iter().find(|(n, _)| *n == name) else {
        return format!(
            "`{{{{{}}}}}` is not a placeholder; the placeholders are {}",
            escape(name),
            product::PLACEHOLDERS
                .iter()
                .map(|(n, _)| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    };
    let mut out = format!("**`{{{{{name}}}}}`**: {meaning}.\n\nAllowed in:");
    let fields = [TextField::NoteText, TextField::TaskTitle, TextField::WrapUp];
    let rows = Outcome::ALL
        .iter()
        .map(|o| (Channel::Call, product::rules_for(*o)))
        .chain(
            Channel::Sms
                .outcomes()
                .into_iter()
                .filter_map(|o| product::rules_on(Channel::Sms, o).map(|r| (Channel::Sms, r))),
        )
        .collect::<Vec<_>>();
    for channel in [Channel::Call, Channel::Sms] {
        for field in fields {
            if channel == Channel::Sms && field != TextField::TaskTitle {
                // A messaging card has tasks, and no notes or spoken text.
                continue;
            }
            let on: Vec<&str> = rows
                .iter()
                .filter(|(c, r)| {
                    *c == channel && product::check_placeholder_in(r, name, field).is_ok()
                })
                .map(|(_, r)| r.outcome.as_str())
                .collect();
            let total = rows.iter().filter(|(c, _)| *c == channel).count();
            let cards = match (channel, on.len()) {
                (_, 0) => continue,
                (Channel::Call, n) if n == total => "every call card".to_owned(),
                (Channel::Sms, n) if n == total => "every messaging card".to_owned(),
                (Channel::Call, _) => format!("the call cards {}", tags(&on)),
                (Channel::Sms, _) => format!("the messaging cards {}", tags(&on)),
            };
            out.push_str(&format!("\n- {} on {cards}", field.describe()));
        }
    }
    out.push_str(&format!(
        "\n\nNever in {}.",
        TextField::AnalysisCriteria.describe()
    ));
    if let Some((rules, field)) = here {
        let card = rules.outcome.as_str();
        let verdict = match product::check_placeholder_in(rules, name, field) {
            Ok(()) => "allowed here".to_owned(),
            Err(PlaceholderProblem::NotInField) => {
                "**not allowed here**: no placeholder is filled in this field".to_owned()
            }
            Err(PlaceholderProblem::NotOnOutcome) => {
                format!("**not allowed here**: `{name}` does not exist on `{card}`")
            }
            Err(PlaceholderProblem::NotSpoken) => {
                "**not allowed here**: SAMI says this during the call, before it is known"
                    .to_owned()
            }
            Err(PlaceholderProblem::NotOnChannel) => {
                "**not allowed here**: a messaging card has no call".to_owned()
            }
            Err(PlaceholderProblem::Unknown) => "**not allowed here**".to_owned(),
        };
        out.push_str(&format!(
            "\n\nHere ({} on `{card}`): {verdict}.",
            field.describe()
        ));
    }
    out
}

fn tags(on: &[&str]) -> String {
    on.iter()
        .map(|t| format!("`{t}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
