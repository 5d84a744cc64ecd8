//! Writes a [`Tree`] in the canonical layout (docs/spec 18): known keys in the spec's order,
//! cards in the canonical outcome order, unknown keys after the known ones in their order,
//! two-space indentation, block style (`{}` and `[]` for empty collections), one blank line
//! between top-level sections and between cards, scalars plain where that reads back the same,
//! else double-quoted.

use super::parse::{Entry, Item, Node, Notes, Scalar, Style, Tree};
use crate::format;

/// Where a mapping stands: a place of the format model (its keys' order, the places of its
/// children) or anywhere else (an unknown key's value, a list of recipients: order as written).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    Known(format::Place),
    Other,
}

impl Place {
    /// The place of the value of `key` in a mapping at `self`.
    fn child(self, key: &str) -> Place {
        match self {
            Place::Known(p) => p.child(key).map_or(Place::Other, Place::Known),
            Place::Other => Place::Other,
        }
    }

    /// The place of an item of a list at `self`.
    fn item(self) -> Place {
        match self {
            Place::Known(p) => p.item().map_or(Place::Other, Place::Known),
            Place::Other => Place::Other,
        }
    }

    /// The keys of a mapping here, in canonical order (none: order as written).
    fn keys(self) -> Vec<&'static str> {
        match self {
            Place::Known(p) => format::keys(p).into_iter().map(|k| k.name).collect(),
            Place::Other => Vec::new(),
        }
    }

    /// One blank line between the entries of the root (sections) and of `outcomes` and
    /// `messaging` (cards); none anywhere else.
    fn spaced(self) -> bool {
        matches!(
            self,
            Place::Known(format::Place::Root | format::Place::Cards(_))
        )
    }
}

pub(super) fn emit(tree: &Tree<'_>) -> String {
    let mut w = Writer {
        out: String::new(),
        notes: &tree.notes,
    };
    for c in &tree.header {
        w.line(0, c);
    }
    if !tree.header.is_empty() && tree.root.is_some() {
        w.out.push('\n');
    }
    if let Some(root) = &tree.root {
        w.comments(0, &tree.notes[0]);
        match root {
            Node::Map(entries) if !entries.is_empty() => {
                w.map(entries, 0, Place::Known(format::Place::Root))
            }
            Node::Seq(items) if !items.is_empty() => w.seq(items, 0, Place::Other),
            other => {
                let start = w.out.len();
                w.value_line(other, 0, tree.notes[0].trailing);
                // A root scalar has no key before it: no separating space.
                if w.out[start..].starts_with(' ') {
                    w.out.remove(start);
                }
            }
        }
    }
    if !tree.footer.is_empty() {
        if !w.out.is_empty() {
            w.out.push('\n');
        }
        for c in &tree.footer {
            w.line(0, c);
        }
    }
    w.out
}

struct Writer<'t, 'a> {
    out: String,
    notes: &'t [Notes<'a>],
}

impl Writer<'_, '_> {
    fn indent(&mut self, n: usize) {
        self.out.extend(std::iter::repeat_n(' ', n));
    }

    fn line(&mut self, indent: usize, text: &str) {
        self.indent(indent);
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn comments(&mut self, indent: usize, notes: &Notes<'_>) {
        for c in &notes.before {
            self.line(indent, c);
        }
    }

    fn end_line(&mut self, trailing: Option<&str>) {
        if let Some(c) = trailing {
            self.out.push(' ');
            self.out.push_str(c);
        }
        self.out.push('\n');
    }

    /// The entries of a non-empty mapping, each on its own lines at `indent`.
    fn map(&mut self, entries: &[Entry<'_>], indent: usize, place: Place) {
        for (i, entry) in ordered(entries, place).into_iter().enumerate() {
            if i > 0 && place.spaced() {
                self.out.push('\n');
            }
            self.comments(indent, &self.notes[entry.note]);
            self.indent(indent);
            self.entry(entry, indent, place, None);
        }
    }

    /// One entry from its key on (the indentation is written), with `extra`, a trailing
    /// comment of the list item the entry opens, if any.
    fn entry(&mut self, entry: &Entry<'_>, indent: usize, place: Place, extra: Option<&str>) {
        let key = &entry.key.text;
        let child = place.child(key);
        self.out.push_str(&key_text(&entry.key));
        self.out.push(':');
        let trailing = merge(extra, self.notes[entry.note].trailing);
        match &entry.value {
            Node::Map(entries) if !entries.is_empty() => {
                self.end_line(trailing);
                self.map(entries, indent + 2, child);
            }
            Node::Seq(items) if !items.is_empty() => {
                self.end_line(trailing);
                self.seq(items, indent + 2, child);
            }
            // A card written with nothing after its key (`opt-out:`, null) is an empty card:
            // `{}`, as docs/spec 18 writes one (the same card to the validator and the simulator).
            Node::Scalar(s)
                if matches!(child, Place::Known(format::Place::Card(_)))
                    && s.style == Style::Plain
                    && value_text(s).is_empty() =>
            {
                self.out.push_str(" {}");
                self.end_line(trailing);
            }
            value => self.value_line(value, indent, trailing),
        }
    }

    /// The items of a non-empty list at `indent`, the items of a list at `place`.
    fn seq(&mut self, items: &[Item<'_>], indent: usize, place: Place) {
        let item_place = place.item();
        for item in items {
            let notes = &self.notes[item.note];
            self.comments(indent, notes);
            let trailing = notes.trailing;
            match &item.value {
                Node::Map(entries) if !entries.is_empty() => {
                    let ordered = ordered(entries, item_place);
                    // The first entry's comments go above the dash.
                    if let Some(first) = ordered.first() {
                        self.comments(indent, &self.notes[first.note]);
                    }
                    self.indent(indent);
                    self.out.push_str("- ");
                    for (i, entry) in ordered.into_iter().enumerate() {
                        if i == 0 {
                            self.entry(entry, indent + 2, item_place, trailing);
                        } else {
                            self.comments(indent + 2, &self.notes[entry.note]);
                            self.indent(indent + 2);
                            self.entry(entry, indent + 2, item_place, None);
                        }
                    }
                }
                Node::Seq(inner) if !inner.is_empty() => {
                    self.indent(indent);
                    self.out.push('-');
                    self.end_line(trailing);
                    self.seq(inner, indent + 2, Place::Other);
                }
                value => {
                    self.indent(indent);
                    self.out.push('-');
                    self.value_line(value, indent, trailing);
                }
            }
        }
    }

    /// The rest of a line whose value stands on it (a scalar, `{}`, `[]`), after the key's
    /// colon or the dash: the value, the trailing comment, the line end, and the lines of a
    /// literal block scalar at `indent + 2`.
    fn value_line(&mut self, value: &Node<'_>, indent: usize, trailing: Option<&str>) {
        let block = match value {
            Node::Map(_) => {
                self.out.push_str(" {}");
                None
            }
            Node::Seq(_) => {
                self.out.push_str(" []");
                None
            }
            Node::Scalar(s) if value_text(s).is_empty() => None,
            Node::Scalar(s) => {
                self.out.push(' ');
                match literal(s) {
                    Some((header, body)) => {
                        self.out.push_str(header);
                        Some(body)
                    }
                    None => {
                        self.out.push_str(&value_text(s));
                        None
                    }
                }
            }
        };
        self.end_line(trailing);
        if let Some(body) = block {
            for line in body.split('\n') {
                if !line.is_empty() {
                    self.indent(indent + 2);
                    self.out.push_str(line);
                }
                self.out.push('\n');
            }
        }
    }
}

/// The entries of a mapping at `place` in canonical order (a stable sort: unknown keys keep
/// their order, after the known ones).
fn ordered<'e, 'a>(entries: &'e [Entry<'a>], place: Place) -> Vec<&'e Entry<'a>> {
    let mut out: Vec<&Entry<'a>> = entries.iter().collect();
    if place != Place::Other {
        // The model's keys once per mapping: a mapping may have many entries.
        let keys = place.keys();
        out.sort_by_key(|e| {
            keys.iter()
                .position(|k| *k == e.key.text)
                .unwrap_or(usize::MAX)
        });
    }
    out
}

/// Two trailing comments for one line (a list item's and its first key's): the item's wins
/// the line's end; both are rare, and the parser never attaches two to one key.
fn merge<'c>(first: Option<&'c str>, second: Option<&'c str>) -> Option<&'c str> {
    first.or(second)
}

/// A key as written: as its value is (a key is a string; a plain key stays as written).
fn key_text(key: &Scalar<'_>) -> String {
    let text = key.text.as_ref();
    if (key.style == Style::Plain && !text.contains('\n')) || plain_string(text) {
        text.to_owned()
    } else {
        crate::quote::double_quoted(text)
    }
}

/// A scalar on one line: null as nothing, `true` and `false` in lowercase, any other plain
/// scalar as written (the same text reads back the same in any
/// block position), any other string plain where that reads back as the same string, else
/// double-quoted with the shortest escapes.
fn value_text(s: &Scalar<'_>) -> String {
    let text = s.text.as_ref();
    if s.style == Style::Plain {
        // One spelling of null (nothing) and of the booleans.
        match crate::yaml::plain_value(text) {
            Some(crate::yaml::Value::Null) => return String::new(),
            Some(crate::yaml::Value::Bool(b)) => return b.to_string(),
            _ => {}
        }
    }
    if (s.style == Style::Plain && !text.contains('\n')) || plain_string(text) {
        text.to_owned()
    } else {
        crate::quote::double_quoted(text)
    }
}

/// Whether `s`, written plain in a block mapping or list, reads back as the string `s`:
/// YAML's plain-scalar rules (no indicator first, no `: ` or ` #`, no blank at either end,
/// one line of printable characters) and a reading as a string, not a null, boolean or number
/// (asked of the reader's own scalar rules; anything they are unsure of is quoted).
pub(super) fn plain_string(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    let reads_as_string = if first.is_ascii_alphanumeric() {
        matches!(
            crate::yaml::plain_value(s),
            Some(crate::yaml::Value::Str(_))
        )
    } else {
        // No null, boolean or number starts with any of these.
        !first.is_ascii() || matches!(first, '(' | '/' | '_' | '$')
    };
    reads_as_string
        && !s.ends_with([' ', ':'])
        && !s.contains(": ")
        && !s.contains(" #")
        && s.chars().all(|c| !crate::quote::needs_yaml_escape(c))
}

/// A block scalar's value as a literal block (`|` or `|-`), where one reads back exactly:
/// one line end at the end or none, printable characters, no blank at the end of a line (an
/// editor would strip it) or at the start of the first (it would set the indentation).
/// Anything else is written on one line.
fn literal<'s>(s: &'s Scalar<'_>) -> Option<(&'static str, &'s str)> {
    if s.style != Style::Block {
        return None;
    }
    let text = s.text.as_ref();
    let (header, body) = match text.strip_suffix('\n') {
        Some(body) => ("|", body),
        None => ("|-", text),
    };
    let first = body.split('\n').find(|l| !l.is_empty())?;
    let fits = !body.ends_with('\n')
        && !first.starts_with(' ')
        && body
            .split('\n')
            .all(|l| !l.ends_with(' ') && l.chars().all(|c| !crate::quote::needs_yaml_escape(c)));
    fits.then_some((header, body))
}
