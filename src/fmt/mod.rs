//! `samictl fmt`'s library: one canonical layout for bot files (docs/spec 18), text in,
//! text out. Pure: no I/O; the command (`src/cli/fmt.rs`), the language server and the
//! writers of `init`, `edit` and `fix` call [`format_text`].
//!
//! - `parse`: the file as the formatter sees it: keys, items and scalars as written, with every
//!   comment attached to the key or item it precedes (or ends the line of).
//! - `emit`: that tree written in the canonical layout.
//!
//! What it does and the decisions behind it are in `docs/formatting.md`.

mod emit;
mod parse;
#[cfg(test)]
mod tests;

use crate::yaml::{Pos, SyntaxError};
use std::fmt;

/// Why a file was not formatted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormatError {
    /// The file is not valid YAML (the `yaml-syntax` finding's error): nothing to format.
    Syntax(SyntaxError),
    /// The file is valid but uses something the formatter does not rewrite (anchors, aliases,
    /// tags, a key that is a collection): left alone, with where and why.
    Unsupported { pos: Pos, what: String },
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormatError::Syntax(e) => write!(f, "{}", e.message),
            FormatError::Unsupported { what, .. } => f.write_str(what),
        }
    }
}

impl FormatError {
    /// Where the trouble is.
    pub fn pos(&self) -> Pos {
        match self {
            FormatError::Syntax(e) => e.pos,
            FormatError::Unsupported { pos, .. } => *pos,
        }
    }
}

const BOM: char = '\u{feff}';

/// `source` in the canonical layout. Its line ends (CRLF when its first line ends so) and its
/// byte-order mark are kept; every comment is kept; what it reads as is unchanged. A file that
/// is not valid YAML is refused ([`FormatError::Syntax`]), as is one with anchors, aliases or
/// tags ([`FormatError::Unsupported`]).
pub fn format_text(source: &str) -> Result<String, FormatError> {
    let body = source.strip_prefix(BOM).unwrap_or(source);
    // The hand scanner's subset (nearly every bot file) is read once, by it; anything else is
    // checked by the reader every command uses, then read from granit-parser's events.
    match parse::read_scanned(body) {
        Some(tree) => finish(source, &tree),
        None => format_text_events(source),
    }
}

/// [`format_text`] without the hand scanner's fast path (every file read from granit-parser's
/// events): for the tests that check both paths give the same text.
#[doc(hidden)]
pub fn format_text_events(source: &str) -> Result<String, FormatError> {
    let body = source.strip_prefix(BOM).unwrap_or(source);
    crate::yaml::read(source).map_err(FormatError::Syntax)?;
    let tree = parse::read(body)?;
    finish(source, &tree)
}

/// The tree of `source` written out, with its byte-order mark and line ends.
fn finish(source: &str, tree: &parse::Tree<'_>) -> Result<String, FormatError> {
    let (bom, body) = match source.strip_prefix(BOM) {
        Some(rest) => (true, rest),
        None => (false, source),
    };
    let crlf = body.find('\n').is_some_and(|i| body[..i].ends_with('\r'));
    let text = emit::emit(tree);
    if tree.odd_keys && crate::yaml::read(&text).is_err() {
        return Err(FormatError::Unsupported {
            pos: Pos::START,
            what: "a key that can't be written in the canonical layout (too long for a key \
                   on one line?)"
                .to_owned(),
        });
    }
    let mut out = String::with_capacity(text.len() + text.len() / 16 + 3);
    if bom {
        out.push(BOM);
    }
    if crlf {
        for line in text.split_inclusive('\n') {
            match line.strip_suffix('\n') {
                Some(l) => {
                    out.push_str(l);
                    out.push_str("\r\n");
                }
                None => out.push_str(line),
            }
        }
    } else {
        out.push_str(&text);
    }
    Ok(out)
}

/// Whether `source` is already in the canonical layout (a file that can't be formatted is not).
pub fn is_formatted(source: &str) -> bool {
    format_text(source).is_ok_and(|f| f == source)
}

/// [`is_formatted`] for a `source` the reader every command uses has read without error
/// (`samictl fix` read it for its findings): it is not read again to be checked.
pub(crate) fn is_formatted_read(source: &str) -> bool {
    let body = source.strip_prefix(BOM).unwrap_or(source);
    let formatted = match parse::read_scanned(body) {
        Some(tree) => finish(source, &tree),
        None => parse::read(body).and_then(|tree| finish(source, &tree)),
    };
    formatted.is_ok_and(|f| f == source)
}

/// Whether `root`, the reader's tree of `source`, holds a non-empty collection written in flow
/// style (`[a, b]`, `{k: v}`): the canonical layout writes every non-empty collection in block
/// style, so such a file is not formatted. Asked before [`is_formatted_read`], which reads the
/// whole file again (a flow list of half a million items: a quarter of a second). False where
/// it can't tell (a byte-order mark; a collection that doesn't start at its position's byte).
pub(crate) fn has_flow_collection(source: &str, root: &crate::yaml::Node<'_>) -> bool {
    use crate::yaml::Value;
    if source.starts_with(BOM) {
        return false;
    }
    let index = crate::line_index::LineIndex::new(source);
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        let children = match &node.value {
            Value::Seq(items) => items.len(),
            Value::Map(entries) => entries.len(),
            _ => continue,
        };
        if children > 0
            && index
                .offset_at(node.pos.line, node.pos.column)
                .and_then(|at| source.as_bytes().get(at))
                .is_some_and(|b| matches!(b, b'[' | b'{'))
        {
            return true;
        }
        match &node.value {
            Value::Seq(items) => stack.extend(items),
            Value::Map(entries) => {
                for (k, v) in entries {
                    stack.push(k);
                    stack.push(v);
                }
            }
            _ => {}
        }
    }
    false
}

/// What a writer (`fix`, `edit`) writes: `after`, formatted when `before` was, so a formatted
/// file stays formatted after the change (docs/spec 18); otherwise `after` as it is (the
/// writer keeps the file's own style around what it changes).
pub(crate) fn keep_formatted(before: &str, after: String) -> String {
    if after != before && is_formatted(before) {
        format_text(&after).unwrap_or(after)
    } else {
        after
    }
}
