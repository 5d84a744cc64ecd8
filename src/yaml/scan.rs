//! A hand-written reader for the subset of YAML nearly every bot file is written in, tried by
//! [`crate::yaml::parse_plain`] before granit-parser: block mappings and sequences by
//! indentation, plain and single-line quoted scalars (no escapes), one-line flow sequences of
//! them and one-line flow mappings of word keys to them, comments and blank lines, ASCII text.
//!
//! It reads only what it can read exactly as serde-saphyr does (the same tree, every line,
//! column and length included) and answers `None` on anything else, so the granit-parser fast
//! path or serde-saphyr takes over: non-ASCII or control characters, tabs, CR, a document
//! marker or directive, a quoted or non-word key, an empty value, a multi-line scalar, a block
//! scalar, an escape, an anchor, alias or tag, a flow mapping key that is not a word followed
//! by `: `, an empty flow value, nested flow, a sequence at its
//! parent key's indentation, anything after a closing quote or bracket but a comment, and any
//! plain scalar whose type is not obvious ([`super::shared::plain_value`] decides that, as on the
//! granit-parser path). The property tests and the fuzz target compare
//! [`crate::yaml::parse_plain`] with serde-saphyr on every input they try, and the unit tests
//! below on the cases each rule above is for.

use super::shared::plain_value;
use super::{Node, Pos, Value};
use std::borrow::Cow;

/// Longest key read here; granit-parser looks 1024 characters ahead for a simple key.
const MAX_KEY: usize = 256;

/// One line with content (not blank, not only a comment).
struct Line<'a> {
    /// 1-based.
    no: u32,
    indent: usize,
    text: &'a str,
}

struct Scanner<'a> {
    lines: Vec<Line<'a>>,
    at: usize,
    nodes: usize,
    max_nodes: usize,
    max_depth: usize,
}

/// The tree of `source` when it is written in the subset, else `None`. `max_depth` and
/// `max_nodes` are the fast path's own limits (past them, `None`).
pub(crate) fn read(source: &str, max_depth: usize, max_nodes: usize) -> Option<Node<'_>> {
    // ASCII only (columns are bytes), no control character but LF (no tab, no CR).
    if source
        .bytes()
        .any(|b| (b < 0x20 && b != b'\n') || b >= 0x7f)
    {
        return None;
    }
    let mut lines = Vec::with_capacity(source.len() / 24);
    for (i, text) in source.split('\n').enumerate() {
        let trimmed = text.trim_start_matches(' ');
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        // Directives and document markers: not here.
        if text.starts_with('%') || text.starts_with("---") || text.starts_with("...") {
            return None;
        }
        lines.push(Line {
            no: u32::try_from(i + 1).ok()?,
            indent: text.len() - trimmed.len(),
            text,
        });
    }
    let mut scanner = Scanner {
        lines,
        at: 0,
        nodes: 0,
        max_nodes,
        max_depth,
    };
    if scanner.lines.first()?.indent != 0 {
        return None;
    }
    let root = scanner.map(0, false, 1)?;
    (scanner.at == scanner.lines.len()).then_some(root)
}

/// Where `key:` ends in `s`: the key's length, when `s` starts with a word key followed by `:`
/// and a space or the end of the line.
fn key_len(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    if !bytes.first()?.is_ascii_alphabetic() {
        return None;
    }
    let len = bytes
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-'))?;
    if len > MAX_KEY || bytes[len] != b':' || !matches!(bytes.get(len + 1), None | Some(b' ')) {
        return None;
    }
    Some(len)
}

/// Whether what follows a scalar or a flow sequence on its line is nothing or a comment.
fn nothing_after(rest: &str) -> bool {
    let trimmed = rest.trim_start_matches(' ');
    trimmed.is_empty() || (trimmed.len() < rest.len() && trimmed.starts_with('#'))
}

fn pos(no: u32, col: usize, len: usize) -> Option<Pos> {
    Some(Pos {
        line: no,
        column: u32::try_from(col + 1).ok()?,
        len: u32::try_from(len).ok()?,
    })
}

impl<'a> Scanner<'a> {
    fn count(&mut self) -> Option<()> {
        self.nodes += 1;
        (self.nodes <= self.max_nodes).then_some(())
    }

    /// A block mapping whose keys stand at `indent`. `inline`: its first key follows a
    /// sequence's `- ` on the current line (whose indentation is the dash's).
    fn map(&mut self, indent: usize, inline: bool, depth: usize) -> Option<Node<'a>> {
        if depth > self.max_depth {
            return None;
        }
        self.count()?;
        let mut entries = Vec::new();
        let mut first = None;
        while let Some(line) = self.lines.get(self.at) {
            let (no, text) = (line.no, line.text);
            let inline_here = inline && entries.is_empty();
            if !inline_here {
                if line.indent < indent {
                    break;
                }
                if line.indent > indent {
                    return None;
                }
            }
            let s = &text[indent..];
            let len = key_len(s)?;
            let key_text = &s[..len];
            if !matches!(plain_value(key_text)?, Value::Str(_)) {
                return None;
            }
            self.count()?;
            let key = Node {
                value: Value::Str(Cow::Borrowed(key_text)),
                pos: pos(no, indent, len)?,
            };
            first.get_or_insert(Pos { len: 0, ..key.pos });
            let col = indent + len + 1;
            let rest = &text[col..];
            let value = if nothing_after(rest) {
                // A nested block, more indented; an empty value or a sequence at this
                // indentation is not read here.
                self.at += 1;
                let next = self.lines.get(self.at)?;
                if next.indent <= indent {
                    return None;
                }
                self.block(next.indent, depth + 1)?
            } else {
                let start = col + (rest.len() - rest.trim_start_matches(' ').len());
                let value = self.inline(no, text, start, depth + 1)?;
                self.at += 1;
                // A more indented line would continue the scalar (or be an error).
                if self.lines.get(self.at).is_some_and(|l| l.indent > indent) {
                    return None;
                }
                value
            };
            entries.push((key, value));
        }
        Some(Node {
            value: Value::Map(entries),
            pos: first?,
        })
    }

    /// A block sequence or mapping starting on the current line at `indent`.
    fn block(&mut self, indent: usize, depth: usize) -> Option<Node<'a>> {
        let line = self.lines.get(self.at)?;
        if line.text[indent..].starts_with('-') {
            self.seq(indent, depth)
        } else {
            self.map(indent, false, depth)
        }
    }

    /// A block sequence whose dashes stand at `indent`.
    fn seq(&mut self, indent: usize, depth: usize) -> Option<Node<'a>> {
        if depth > self.max_depth {
            return None;
        }
        self.count()?;
        let mut items = Vec::new();
        let mut first = None;
        while let Some(line) = self.lines.get(self.at) {
            let (no, text) = (line.no, line.text);
            if line.indent < indent {
                break;
            }
            if line.indent > indent {
                return None;
            }
            let s = &text[indent..];
            if !s.starts_with("- ") {
                // A key at the sequence's indentation, or `-` alone: not here.
                return None;
            }
            first.get_or_insert(pos(no, indent, 0)?);
            let after = &s[2..];
            let col = indent + 2 + (after.len() - after.trim_start_matches(' ').len());
            let content = &text[col..];
            if content.is_empty() || content.starts_with('#') || content.starts_with('-') {
                return None;
            }
            let item = if key_len(content).is_some() {
                // `- key: ...`: a mapping whose keys stand where this one does.
                self.map(col, true, depth + 1)?
            } else {
                let item = self.inline(no, text, col, depth + 1)?;
                self.at += 1;
                if self.lines.get(self.at).is_some_and(|l| l.indent > indent) {
                    return None;
                }
                item
            };
            items.push(item);
        }
        Some(Node {
            value: Value::Seq(items),
            pos: first?,
        })
    }

    /// A scalar or a one-line flow sequence starting at byte `col` of `text`, with nothing but
    /// a comment after it.
    fn inline(&mut self, no: u32, text: &'a str, col: usize, depth: usize) -> Option<Node<'a>> {
        let s = &text[col..];
        match s.as_bytes().first()? {
            b'"' | b'\'' => {
                let (node, len) = self.quoted(no, s, col)?;
                nothing_after(&s[len..]).then_some(node)
            }
            b'[' => self.flow(no, text, col, depth),
            b'{' => self.flow_map(no, text, col, depth),
            _ => {
                // A plain scalar ends at ` #` or the end of the line.
                let end = s.find(" #").unwrap_or(s.len());
                let plain = s[..end].trim_end_matches(' ');
                if plain.is_empty() || plain.contains(": ") || plain.ends_with(':') {
                    return None;
                }
                self.count()?;
                Some(Node {
                    value: plain_value(plain)?,
                    pos: pos(no, col, plain.len())?,
                })
            }
        }
    }

    /// A quoted scalar at the start of `s` (byte `col` of its line), on one line and without
    /// escapes (`''` aside), and its length with the quotes.
    fn quoted(&mut self, no: u32, s: &'a str, col: usize) -> Option<(Node<'a>, usize)> {
        let quote = *s.as_bytes().first()?;
        let body = &s[1..];
        let value = if quote == b'"' {
            let end = body.find('"')?;
            let inner = &body[..end];
            if inner.contains('\\') {
                return None;
            }
            (Cow::Borrowed(inner), end + 2)
        } else {
            let bytes = body.as_bytes();
            let mut i = 0;
            let mut doubled = false;
            loop {
                match bytes.get(i)? {
                    b'\'' if bytes.get(i + 1) == Some(&b'\'') => {
                        doubled = true;
                        i += 2;
                    }
                    b'\'' => break,
                    _ => i += 1,
                }
            }
            let inner = &body[..i];
            let text = if doubled {
                Cow::Owned(inner.replace("''", "'"))
            } else {
                Cow::Borrowed(inner)
            };
            (text, i + 2)
        };
        self.count()?;
        let (text, len) = value;
        Some((
            Node {
                value: Value::Str(text),
                pos: pos(no, col, len)?,
            },
            len,
        ))
    }

    /// `{k: v, k2: "w"}` on one line, at byte `col` of `text`: word keys, each followed by
    /// `: ` and a plain or quoted scalar (what `bot: {name: x, direction: outbound}` and
    /// `- {type: tag, name: t}` are written in).
    fn flow_map(&mut self, no: u32, text: &'a str, col: usize, depth: usize) -> Option<Node<'a>> {
        if depth > self.max_depth {
            return None;
        }
        self.count()?;
        let bytes = text.as_bytes();
        let mut entries = Vec::new();
        let mut i = skip_spaces(bytes, col + 1);
        if bytes.get(i) == Some(&b'}') {
            i += 1;
        } else {
            loop {
                // The key: a word, then `: `.
                let len = key_len(&text[i..])?;
                if bytes.get(i + len + 1) != Some(&b' ') {
                    return None;
                }
                let key_text = &text[i..i + len];
                if !matches!(plain_value(key_text)?, Value::Str(_)) {
                    return None;
                }
                self.count()?;
                let key = Node {
                    value: Value::Str(Cow::Borrowed(key_text)),
                    pos: pos(no, i, len)?,
                };
                let (value, end) =
                    self.flow_scalar(no, text, skip_spaces(bytes, i + len + 1), b'}')?;
                entries.push((key, value));
                let (next, closed) = flow_next(bytes, end, b'}')?;
                i = next;
                if closed {
                    break;
                }
            }
        }
        nothing_after(&text[i..]).then_some(Node {
            value: Value::Map(entries),
            pos: pos(no, col, 1)?,
        })
    }

    /// `[a, "b", 'c']` on one line, at byte `col` of `text`.
    fn flow(&mut self, no: u32, text: &'a str, col: usize, depth: usize) -> Option<Node<'a>> {
        if depth > self.max_depth {
            return None;
        }
        self.count()?;
        let bytes = text.as_bytes();
        // One item a comma (a comma inside a quoted item or the comment after the list aside):
        // allocated once at about its final size, not grown by doubling.
        let commas = bytes[col..].iter().filter(|b| **b == b',').count();
        let mut items = Vec::with_capacity(commas + 1);
        let mut i = skip_spaces(bytes, col + 1);
        if bytes.get(i) == Some(&b']') {
            i += 1;
        } else {
            loop {
                let (item, end) = self.flow_scalar(no, text, i, b']')?;
                items.push(item);
                let (next, closed) = flow_next(bytes, end, b']')?;
                i = next;
                if closed {
                    break;
                }
            }
        }
        if items.capacity() > 2 * items.len() {
            items.shrink_to_fit();
        }
        nothing_after(&text[i..]).then_some(Node {
            value: Value::Seq(items),
            pos: pos(no, col, 1)?,
        })
    }

    /// A quoted or plain scalar at byte `i` of `text`, inside a flow collection closed by
    /// `close`, and the byte after it. A plain one ends at a comma or `close` and holds no
    /// other flow indicator, `:`, `#` or quote.
    fn flow_scalar(
        &mut self,
        no: u32,
        text: &'a str,
        i: usize,
        close: u8,
    ) -> Option<(Node<'a>, usize)> {
        if matches!(text.as_bytes().get(i)?, b'"' | b'\'') {
            let (node, len) = self.quoted(no, &text[i..], i)?;
            return Some((node, i + len));
        }
        let len = text[i..].bytes().position(|b| b == b',' || b == close)?;
        let plain = text[i..i + len].trim_end_matches(' ');
        if plain.is_empty()
            || plain
                .bytes()
                .any(|b| matches!(b, b'[' | b']' | b'{' | b'}' | b':' | b'#' | b'"' | b'\''))
        {
            return None;
        }
        self.count()?;
        let node = Node {
            value: plain_value(plain)?,
            pos: pos(no, i, plain.len())?,
        };
        Some((node, i + plain.len()))
    }
}

/// The first byte at or after `i` that is not a space.
fn skip_spaces(bytes: &[u8], mut i: usize) -> usize {
    while bytes.get(i) == Some(&b' ') {
        i += 1;
    }
    i
}

/// After an item of a flow collection closed by `close`, at byte `i`: the byte the next item
/// starts at, or the byte after `close` and `true` when the collection ends there. A trailing
/// comma, or anything but a comma or `close`, is not read here.
fn flow_next(bytes: &[u8], i: usize, close: u8) -> Option<(usize, bool)> {
    let i = skip_spaces(bytes, i);
    match *bytes.get(i)? {
        b if b == close => Some((i + 1, true)),
        b',' => {
            let i = skip_spaces(bytes, i + 1);
            match bytes.get(i) {
                None => None,
                Some(b) if *b == close || *b == b',' => None,
                Some(_) => Some((i, false)),
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::read;
    use crate::yaml::parse;

    /// The scanner reads `source`, to serde-saphyr's tree.
    fn reads(source: &str) {
        let scanned = read(source, 32, 20_000);
        assert!(scanned.is_some(), "not read:\n{source}");
        assert_eq!(scanned.ok_or(()), parse(source).map_err(|_| ()), "{source}");
    }

    fn leaves(source: &str) {
        assert_eq!(read(source, 32, 20_000), None, "read:\n{source}");
    }

    #[test]
    fn reads_the_subset_as_serde_saphyr_does() {
        reads("a: 1\n");
        reads("# c\nversion: 1\nbot:\n  name: \"Seller Outreach\"   # c\n  direction: outbound\n");
        reads("a:\n  - x\n  - 'it''s'\n  -   k: v\n      k2: \"q\"\n  - k: [a, \"b c\", 'd' ]\n");
        reads("a: [team0@acme-realty.com, lead0@acme-realty.com]\nb: []\nc: [ ]\n");
        reads("a:\n    b:\n        c: x y  z   \n    d: 15m\ne: x#y\nf: a :b\ng: true\nh: null\n");
        reads("a: \"Great, connecting you with {{ contact.owner }} now.\"\nb: x\n\n\n# end\n");
        reads("k: 'a # b'\nl: \"a: b\"\nm: x]{,\n");
        reads("a: {b: 1}\nc: { d: x y , e: 'f, g' ,h: \"i}\" }   # c\nj: {}\nk: { }\n");
        reads("bot: {name: x, direction: outbound}\nl:\n  - {type: tag, name: t}\n  - {}\n");
        reads("a: {b: 1, b: 2}\n");
        reads("c: {d: true, e: null, g: x}\n");
    }

    #[test]
    fn leaves_everything_else() {
        for source in [
            "",
            "# only a comment\n",
            "- a\n",
            "  a: 1\n",
            "a:\n",
            "a:\nb: 1\n",
            "a: |\n  x\n",
            "a: >\n  x\n",
            "a: x\n  y\n",
            "a: \"x\n  y\"\n",
            "a: \"x\\ty\"\n",
            "a: &x 1\nb: *x\n",
            "a: !tag x\n",
            "a: {b: 1,}\n",
            "a: {b: }\n",
            "a: {b:1}\n",
            "a: {b}\n",
            "a: {b: [1]}\n",
            "a: {b: {c: 1}}\n",
            "a: {\"b\": 1}\n",
            "a: {b: 1} x\n",
            "a: {b: 1\n",
            "a: {b: x:y}\n",
            "a: {b: 0x1F}\n",
            "a: [[1]]\n",
            "a: [1, ]\n",
            "a: [1\n",
            "a: \"x\" y\n",
            "a: [1] x\n",
            "\"a\": 1\n",
            "1: x\n",
            "true: x\n",
            "<<: x\n",
            "a : 1\n",
            "a:1\n",
            "a: b: c\n",
            "a: b:\n",
            "a: 1e3\n",
            "a: -1\n",
            "a: 007\n",
            "a:\tb\n",
            "a: b\r\n",
            "a: caf\u{e9}\n",
            "---\na: 1\n",
            "%YAML 1.2\n---\na: 1\n",
            "a: 1\n...\n",
            "a:\n  - \n",
            "a:\n- x\n",
            "a:\n  -\n",
            "a:\n  - - x\n",
            "a:\n  - x\n   - y\n",
            "a:\n  b: 1\n c: 2\n",
            "a: [a: b]\n",
            "a: ['x'y]\n",
            "a: \"x\"#c\n",
            "a: [,'']\n",
            "a: [x,,y]\n",
        ] {
            leaves(source);
        }
    }

    #[test]
    fn reads_the_benchmark_and_fixture_files() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut read_here = 0;
        for path in [
            "fixtures/valid/seller-outreach.yaml",
            "fixtures/fleet/seller-outreach.yaml",
            "fixtures/fleet/reactivation.yaml",
            "fixtures/invalid/many-findings.yaml",
        ] {
            let text = std::fs::read_to_string(root.join(path)).unwrap_or_default();
            if let Some(scanned) = read(&text, 32, 20_000) {
                assert_eq!(Ok(scanned), parse(&text), "{path}");
                read_here += 1;
            }
        }
        assert!(read_here >= 2, "{read_here} of 4 read by the scanner");
    }

    #[test]
    fn keeps_the_fast_paths_limits() {
        let deep = (0..40).fold(String::new(), |mut s, i| {
            s.push_str(&" ".repeat(i * 2));
            s.push_str("k:\n");
            s
        }) + &" ".repeat(80)
            + "v: 1\n";
        leaves(&deep);
        let wide: String = (0..30_000).map(|i| format!("k{i}: v\n")).collect();
        leaves(&wide);
    }
}
