//! The source text as the fixes see it: line starts, character columns, the ends of nodes and
//! of blocks, and edits built from byte spans.

use crate::diagnostic::TextEdit;
use crate::yaml::{Node, Pos, Value};
use std::collections::HashMap;

/// The source with its line starts, for converting positions and finding line extents.
pub(super) struct Text<'s> {
    pub(super) src: &'s str,
    /// Byte offset of each line's start; line `n` (1-based) starts at `starts[n - 1]`.
    starts: Vec<usize>,
    pub(super) eol: &'static str,
    /// For long lines, the byte offset (from the line's start) of each character, built on
    /// first use: a one-line file with thousands of findings stays linear.
    long_lines: std::cell::RefCell<HashMap<u32, Vec<usize>>>,
}

/// Lines longer than this (in bytes) get a character index.
const LONG_LINE: usize = 256;

impl<'s> Text<'s> {
    pub(super) fn new(src: &'s str) -> Text<'s> {
        let mut starts = vec![0];
        starts.extend(src.match_indices('\n').map(|(i, _)| i + 1));
        let eol = if src.contains("\r\n") { "\r\n" } else { "\n" };
        Text {
            src,
            starts,
            eol,
            long_lines: std::cell::RefCell::new(HashMap::new()),
        }
    }

    pub(super) fn lines(&self) -> u32 {
        u32::try_from(self.starts.len()).unwrap_or(u32::MAX)
    }

    /// Byte offset of the start of `line` (one past the end for the line after the last).
    pub(super) fn line_start(&self, line: u32) -> usize {
        let i = line.saturating_sub(1) as usize;
        self.starts.get(i).copied().unwrap_or(self.src.len())
    }

    /// The text of `line`, without its line end.
    pub(super) fn line_text(&self, line: u32) -> &'s str {
        let start = self.line_start(line);
        let end = self.line_start(line + 1);
        let s = self.src.get(start..end).unwrap_or("");
        let s = s.strip_suffix('\n').unwrap_or(s);
        s.strip_suffix('\r').unwrap_or(s)
    }

    /// Byte offset of a 1-based line and character column.
    pub(super) fn offset(&self, pos: Pos) -> Option<usize> {
        if pos.line == 0 || pos.line > self.lines() {
            return None;
        }
        let start = self.line_start(pos.line);
        let line = self.line_text(pos.line);
        let col = pos.column.saturating_sub(1) as usize;
        if col == 0 {
            return Some(start);
        }
        if line.len() > LONG_LINE {
            let mut cache = self.long_lines.borrow_mut();
            let index = cache
                .entry(pos.line)
                .or_insert_with(|| line.char_indices().map(|(i, _)| i).collect());
            return match index.get(col) {
                Some(i) => Some(start + i),
                None if index.len() == col => Some(start + line.len()),
                None => None,
            };
        }
        match line.char_indices().nth(col) {
            Some((i, _)) => Some(start + i),
            None if line.chars().count() == col => Some(start + line.len()),
            None => None,
        }
    }

    /// The 1-based line and character column of a byte offset.
    pub(super) fn position(&self, offset: usize) -> (u32, u32) {
        let i = self.starts.partition_point(|s| *s <= offset).max(1) - 1;
        let start = self.starts.get(i).copied().unwrap_or(0);
        let line_no = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let line = self.line_text(line_no);
        let col = if line.len() > LONG_LINE && offset <= start + line.len() {
            let mut cache = self.long_lines.borrow_mut();
            let index = cache
                .entry(line_no)
                .or_insert_with(|| line.char_indices().map(|(i, _)| i).collect());
            index.partition_point(|b| *b < offset - start)
        } else {
            self.src.get(start..offset).map_or(0, |s| s.chars().count())
        };
        (
            u32::try_from(i + 1).unwrap_or(u32::MAX),
            u32::try_from(col + 1).unwrap_or(u32::MAX),
        )
    }

    pub(super) fn edit(
        &self,
        start: usize,
        end: usize,
        replacement: impl Into<String>,
    ) -> TextEdit {
        let (line, column) = self.position(start);
        let (end_line, end_column) = self.position(end);
        TextEdit {
            line,
            column,
            end_line,
            end_column,
            start,
            end,
            replacement: replacement.into(),
        }
    }

    pub(super) fn byte(&self, offset: usize) -> Option<u8> {
        self.src.as_bytes().get(offset).copied()
    }

    /// The end of a node's text: a scalar's token, or a flow collection's closing bracket.
    /// `None` for block collections and where the end can't be told.
    pub(super) fn node_end(&self, node: &Node) -> Option<usize> {
        let start = self.offset(node.pos)?;
        match &node.value {
            Value::Seq(_) | Value::Map(_) => match self.byte(start) {
                Some(b'[' | b'{') => self.flow_end(start),
                _ => None,
            },
            Value::Null if node.pos.len == 0 => None,
            _ => {
                let len = node.pos.len as usize;
                if len == 0 {
                    return None;
                }
                let rest = self.src.get(start..)?;
                match rest.char_indices().nth(len) {
                    Some((i, _)) => Some(start + i),
                    None if rest.chars().count() == len => Some(self.src.len()),
                    None => None,
                }
            }
        }
    }

    /// The offset just past the bracket that closes the one at `start`.
    pub(super) fn flow_end(&self, start: usize) -> Option<usize> {
        let bytes = self.src.as_bytes();
        let mut depth = 0usize;
        let mut i = start;
        while i < bytes.len() {
            match bytes[i] {
                b'[' | b'{' => depth += 1,
                b']' | b'}' => {
                    depth = depth.checked_sub(1)?;
                    if depth == 0 {
                        return Some(i + 1);
                    }
                }
                b'"' => {
                    i += 1;
                    while i < bytes.len() && bytes[i] != b'"' {
                        if bytes[i] == b'\\' {
                            i += 1;
                        }
                        i += 1;
                    }
                }
                b'\'' => {
                    i += 1;
                    while i < bytes.len() {
                        if bytes[i] == b'\'' {
                            if bytes.get(i + 1) == Some(&b'\'') {
                                i += 1;
                            } else {
                                break;
                            }
                        }
                        i += 1;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        None
    }

    pub(super) fn indent(line: &str) -> usize {
        line.len() - line.trim_start_matches(' ').len()
    }

    pub(super) fn is_blank_or_comment(line: &str) -> bool {
        let t = line.trim();
        t.is_empty() || t.starts_with('#')
    }

    /// The last line of a block that starts on `first` at indentation `indent`: the lines
    /// after it that are indented deeper (and, for a mapping entry, a block sequence written
    /// at the key's own indentation). Comment and blank lines after the last such line are not
    /// part of it.
    pub(super) fn block_last_line(&self, first: u32, indent: usize, entry: bool) -> u32 {
        let mut last = first;
        let mut l = first + 1;
        while l <= self.lines() {
            let t = self.line_text(l);
            if Text::is_blank_or_comment(t) {
                l += 1;
                continue;
            }
            let ind = Text::indent(t);
            let rest = &t[ind..];
            let seq_at_key = entry && ind == indent && (rest == "-" || rest.starts_with("- "));
            if ind > indent || seq_at_key {
                last = l;
                l += 1;
            } else {
                break;
            }
        }
        last
    }

    /// Whole lines `first..=last`, as a byte range.
    pub(super) fn lines_range(&self, first: u32, last: u32) -> (usize, usize) {
        (self.line_start(first), self.line_start(last + 1))
    }
}
