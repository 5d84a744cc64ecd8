//! Where a placeholder stands in the source (docs/spec 7: `unknown-placeholder` points at
//! the placeholder itself, inside plain and quoted scalars alike).
//!
//! The tree holds a string's decoded value and where the scalar starts. To point inside it,
//! this module finds the scalar's raw text in the source (up to its closing quote, the end of
//! a plain scalar's continuation lines, or a block scalar's indented lines) and scans that
//! text for placeholders as written. Escapes and line folding change the decoded text, not the
//! braces, so the n-th placeholder written is the n-th placeholder read; when the two scans
//! disagree (braces written as escapes), the caller keeps the scalar's own position.

use crate::line_index::LineIndex;
use crate::values::{PlaceholderToken, scan_placeholders_at};
use crate::yaml::Pos;

/// The position of every placeholder token written in the scalar that starts at `start`, in
/// order, each with the token's length in characters. `None` when the source doesn't hold a
/// scalar there.
pub(crate) fn placeholder_positions(
    source: &str,
    lines: &LineIndex,
    start: Pos,
) -> Option<Vec<(PlaceholderToken, Pos)>> {
    let raw = scalar_raw(source, lines, start)?;
    let tokens = scan_placeholders_at(raw);
    Some(
        tokens
            .into_iter()
            .map(|(token, offset, len)| (token, pos_in_raw(raw, start, offset, len)))
            .collect(),
    )
}

/// Where a phrase of a string's decoded value stands in the source: the phrase is the words
/// from character `offset` of `value`, `len` characters long. Its words are looked up among
/// the scalar's written words (the n-th time that run of words is written, for the n-th time
/// it is read), so escapes and line folding between words don't matter. `None` when the
/// source doesn't hold the scalar there or the words aren't written as read.
pub(crate) fn phrase_position(
    source: &str,
    lines: &LineIndex,
    start: Pos,
    value: &str,
    offset: usize,
    len: usize,
) -> Option<Pos> {
    let raw = scalar_raw(source, lines, start)?;
    let read = words(value);
    let first = read.iter().position(|w| w.1 >= offset)?;
    let count = read
        .iter()
        .skip(first)
        .take_while(|w| w.1 < offset + len)
        .count()
        .max(1);
    let phrase = read.get(first..first + count)?;
    let same = |a: &[(String, usize, usize)], b: &[(String, usize, usize)]| {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.0 == y.0)
    };
    let nth = (0..first)
        .filter(|&i| read.get(i..i + count).is_some_and(|w| same(w, phrase)))
        .count();
    let mut written = words(raw);
    // A block scalar's header line (`|2-`) holds no words of the value.
    if raw.starts_with(['|', '>']) {
        let header = raw.find('\n').unwrap_or(raw.len());
        written.retain(|w| w.1 > header);
    }
    let at = (0..written.len())
        .filter(|&i| written.get(i..i + count).is_some_and(|w| same(w, phrase)))
        .nth(nth)?;
    let begin = written[at].1;
    let end = written[at + count - 1].1 + written[at + count - 1].2;
    Some(pos_in_raw(raw, start, begin, end - begin))
}

/// The words (letters and digits, lower-cased) of a text, with their offset and length in
/// characters.
fn words(text: &str) -> Vec<(String, usize, usize)> {
    let mut out: Vec<(String, usize, usize)> = Vec::new();
    let mut current: Option<(String, usize, usize)> = None;
    for (i, c) in text.chars().enumerate() {
        if c.is_alphanumeric() {
            let w = current.get_or_insert_with(|| (String::new(), i, 0));
            w.0.extend(c.to_lowercase());
            w.2 += 1;
        } else if let Some(w) = current.take() {
            out.push(w);
        }
    }
    out.extend(current);
    out
}

/// The raw text of the scalar that starts at `start` (up to its closing quote, the end of a
/// plain scalar's continuation lines, or a block scalar's indented lines).
fn scalar_raw<'s>(source: &'s str, lines: &LineIndex, start: Pos) -> Option<&'s str> {
    // A lookup in the file's line index, not a scan from its first line: a file can have
    // thousands of findings inside strings.
    let line_start = lines
        .line_range(start.line.saturating_sub(1) as usize)?
        .start;
    let line_text = source[line_start..].lines().next().unwrap_or("");
    let col_byte = line_text
        .char_indices()
        .nth(start.column.saturating_sub(1) as usize)
        .map_or(line_text.len(), |(i, _)| i);
    let begin = line_start + col_byte;
    let rest = &source[begin..];
    let indent = indentation(line_text);
    let end = match rest.chars().next()? {
        '"' => double_quoted_end(rest),
        '\'' => single_quoted_end(rest),
        '|' | '>' => block_end(rest),
        // A scalar whose content starts a line: a block scalar (the parser points at its
        // first content line) or a plain scalar written below its key. Its lines are the ones
        // indented at least as far.
        _ if line_text[..col_byte].trim().is_empty() => indented_end(rest, col_byte),
        _ => plain_end(rest, indent, flow_context(&line_text[..col_byte])),
    };
    Some(&rest[..end])
}

/// The position of `len` characters at character `offset` of a scalar's raw text.
fn pos_in_raw(raw: &str, start: Pos, offset: usize, len: usize) -> Pos {
    let before = &raw[..byte_of_char(raw, offset)];
    let newlines = before.matches('\n').count();
    let line = start.line + u32::try_from(newlines).unwrap_or(0);
    let column = match before.rfind('\n') {
        Some(i) => before[i + 1..].chars().count() + 1,
        None => start.column as usize + before.chars().count(),
    };
    Pos {
        line,
        column: u32::try_from(column).unwrap_or(u32::MAX),
        len: u32::try_from(len).unwrap_or(0),
    }
}

fn byte_of_char(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map_or(s.len(), |(i, _)| i)
}

fn indentation(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Whether the scalar sits inside a flow collection (`[...]` or `{...}`) opened on its line.
fn flow_context(before: &str) -> bool {
    let opened = before.matches(['[', '{']).count();
    let closed = before.matches([']', '}']).count();
    opened > closed
}

fn double_quoted_end(rest: &str) -> usize {
    let mut escaped = false;
    for (i, c) in rest.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return i + 1,
            _ => {}
        }
    }
    rest.len()
}

fn single_quoted_end(rest: &str) -> usize {
    let bytes = rest.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        if bytes[i] == b'\'' {
            if bytes.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i += 1;
    }
    rest.len()
}

/// A block scalar: its header line, then every line that is blank or indented at least as
/// far as its first content line.
fn block_end(rest: &str) -> usize {
    let mut end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    let mut content_indent: Option<usize> = None;
    for line in rest[end..].split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        if body.trim().is_empty() {
            end += line.len();
            continue;
        }
        let indent = indentation(body);
        let need = *content_indent.get_or_insert(indent);
        if indent < need || indent == 0 {
            break;
        }
        end += line.len();
    }
    end
}

/// Lines (from the current one) that are blank or indented at least `indent` spaces.
fn indented_end(rest: &str, indent: usize) -> usize {
    let mut end = 0;
    let mut offset = 0;
    for (n, line) in rest.split_inclusive('\n').enumerate() {
        let text = line.trim_end_matches(['\n', '\r']);
        if text.trim().is_empty() {
            offset += line.len();
            continue;
        }
        if n > 0 && indentation(text) < indent {
            break;
        }
        offset += line.len();
        end = offset;
    }
    end
}

/// A plain scalar: to the end of its line (or a comment, or in flow context a `,` `]` `}`),
/// then continuation lines indented deeper than the line it starts on.
fn plain_end(rest: &str, indent: usize, flow: bool) -> usize {
    let stop_in_line = |line: &str| -> Option<usize> {
        let mut prev_space = false;
        for (i, c) in line.char_indices() {
            if c == '#' && prev_space {
                return Some(i);
            }
            if flow && matches!(c, ',' | ']' | '}') {
                return Some(i);
            }
            if c == ':' && line[i + 1..].starts_with([' ', '\t']) {
                return Some(i);
            }
            prev_space = c == ' ' || c == '\t';
        }
        None
    };
    let first_len = rest.find('\n').unwrap_or(rest.len());
    if let Some(stop) = stop_in_line(&rest[..first_len]) {
        return stop;
    }
    let mut end = first_len;
    let mut offset = (first_len + 1).min(rest.len());
    for line in rest[offset..].split_inclusive('\n') {
        let text = line.trim_end_matches(['\n', '\r']);
        if text.trim().is_empty() {
            offset += line.len();
            continue;
        }
        if flow || indentation(text) <= indent || text.trim_start().starts_with('#') {
            break;
        }
        if let Some(stop) = stop_in_line(text) {
            end = offset + stop;
            break;
        }
        end = offset + text.len();
        offset += line.len();
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(source: &str, line: u32, column: u32) -> Vec<(u32, u32)> {
        placeholder_positions(
            source,
            &LineIndex::new(source),
            Pos {
                line,
                column,
                len: 0,
            },
        )
        .unwrap_or_default()
        .into_iter()
        .map(|(_, p)| (p.line, p.column))
        .collect()
    }

    #[test]
    fn quoted_and_plain_scalars() {
        let src = "a:\n  t: \"Hi \\\"x\\\" {{ bad }}\"\n  u: 'it''s {{x}}'\n  v: plain {{ y }} # c {{ z }}\n";
        assert_eq!(at(src, 2, 6), [(2, 16)]);
        assert_eq!(at(src, 3, 6), [(3, 13)]);
        assert_eq!(at(src, 4, 6), [(4, 12)]);
    }

    #[test]
    fn multi_line_scalars() {
        let src = "a:\n  t: first line\n    and {{ bad }} here\n  u: x\n";
        assert_eq!(at(src, 2, 6), [(3, 9)]);
        let src = "a:\n  t: \"first\n    {{ bad }}\"\n";
        assert_eq!(at(src, 2, 6), [(3, 5)]);
        let src = "a:\n  t: |\n    one\n    two {{ bad }}\n  u: {{ no }}\n";
        assert_eq!(at(src, 2, 6), [(4, 9)]);
    }

    #[test]
    fn flow_context_stops_at_the_separator() {
        let src = "a: {t: x {{ one }}, u: {{ two }}}\n";
        assert_eq!(at(src, 1, 8), [(1, 10)]);
    }
}
