//! Positions: the validator counts 1-based lines and columns in characters; LSP counts
//! 0-based lines and columns in the negotiated encoding (UTF-16 unless the client offers
//! another). A [`LineIndex`] converts between the two and to byte offsets, never panicking on
//! a position past the end of a line or of the text (it clamps, as the protocol asks).

use lsp_types::Position;

/// The unit a column is counted in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
    Utf32,
}

impl Encoding {
    /// The encoding's name in the protocol (`utf-16`).
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16 => "utf-16",
            Encoding::Utf32 => "utf-32",
        }
    }

    /// The first encoding the client offers that we speak; UTF-16 when it offers none.
    pub fn negotiate<'a>(offered: impl IntoIterator<Item = &'a str>) -> Encoding {
        offered
            .into_iter()
            .find_map(|name| match name {
                "utf-8" => Some(Encoding::Utf8),
                "utf-16" => Some(Encoding::Utf16),
                "utf-32" => Some(Encoding::Utf32),
                _ => None,
            })
            .unwrap_or_default()
    }

    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf32 => 1,
        }
    }
}

/// Byte offsets of the start of every line of one text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// Number of lines (a text ending in a newline has an empty last line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The text of 0-based line `line`, without its line break; empty past the end.
    pub fn line<'t>(&self, text: &'t str, line: usize) -> &'t str {
        let Some(&start) = self.starts.get(line) else {
            return "";
        };
        let end = self
            .starts
            .get(line + 1)
            .map_or(text.len(), |next| next - 1);
        let s = text.get(start..end).unwrap_or("");
        s.strip_suffix('\r').unwrap_or(s)
    }

    /// The byte offset of an LSP position, clamped to its line and to the text.
    pub fn offset(&self, text: &str, pos: Position, enc: Encoding) -> usize {
        let line = pos.line as usize;
        let Some(&start) = self.starts.get(line) else {
            return text.len();
        };
        let line_text = self.line(text, line);
        let mut units = 0usize;
        for (i, c) in line_text.char_indices() {
            if units >= pos.character as usize {
                return start + i;
            }
            units += enc.width(c);
        }
        start + line_text.len()
    }

    /// The LSP position of a byte offset (clamped, and moved back to a character boundary).
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self
            .starts
            .partition_point(|s| *s <= offset)
            .saturating_sub(1);
        let start = self.starts.get(line).copied().unwrap_or(0);
        (line, offset - start)
    }

    /// The LSP position of byte column `byte_col` on 0-based line `line`.
    pub fn lsp_position(
        &self,
        text: &str,
        line: usize,
        byte_col: usize,
        enc: Encoding,
    ) -> Position {
        let line_text = self.line(text, line);
        let mut end = byte_col.min(line_text.len());
        while !line_text.is_char_boundary(end) {
            end -= 1;
        }
        let units: usize = line_text[..end].chars().map(|c| enc.width(c)).sum();
        Position::new(to_u32(line), to_u32(units))
    }

    /// The LSP position of the validator's 1-based line and 1-based character column.
    pub fn from_char_column(&self, text: &str, line: u32, column: u32, enc: Encoding) -> Position {
        let line0 = line.saturating_sub(1) as usize;
        let line_text = self.line(text, line0);
        let chars = column.saturating_sub(1) as usize;
        let byte_col = line_text
            .char_indices()
            .nth(chars)
            .map_or(line_text.len(), |(i, _)| i);
        self.lsp_position(text, line0, byte_col, enc)
    }

    /// The LSP position `count` characters after `start` on the same line (clamped to it).
    pub fn advance_chars(
        &self,
        text: &str,
        start: Position,
        count: u32,
        enc: Encoding,
    ) -> Position {
        let offset = self.offset(text, start, enc);
        let (line, col) = self.position(text, offset);
        let line_text = self.line(text, line);
        let rest = line_text.get(col..).unwrap_or("");
        let byte_len = rest
            .char_indices()
            .nth(count as usize)
            .map_or(rest.len(), |(i, _)| i);
        self.lsp_position(text, line, col + byte_len, enc)
    }
}

/// The LSP position of the end of `text` (after its last character, stray `\r` included):
/// where an edit that runs to the end of the document ends.
pub fn end_position(index: &LineIndex, text: &str, enc: Encoding) -> Position {
    let last = index.line_count().saturating_sub(1);
    let start = index.starts.get(last).copied().unwrap_or(0);
    let rest = text.get(start..).unwrap_or("");
    Position::new(
        to_u32(last),
        to_u32(rest.chars().map(|c| enc.width(c)).sum()),
    )
}

/// An index as a protocol number, saturating.
pub fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_columns_count_surrogate_pairs() {
        let text = "a: \"😀x\"\nb: é\r\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line(text, 1), "b: é");
        // `x` is the 6th character of line 1: after `a: "` and the emoji (2 UTF-16 units).
        let p = idx.from_char_column(text, 1, 6, Encoding::Utf16);
        assert_eq!(p, Position::new(0, 6));
        assert_eq!(
            idx.from_char_column(text, 1, 6, Encoding::Utf32),
            Position::new(0, 5)
        );
        assert_eq!(
            idx.from_char_column(text, 1, 6, Encoding::Utf8),
            Position::new(0, 8)
        );
        assert_eq!(&text[idx.offset(text, p, Encoding::Utf16)..][..1], "x");
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let text = "ab\ncd";
        let idx = LineIndex::new(text);
        assert_eq!(idx.offset(text, Position::new(0, 99), Encoding::Utf16), 2);
        assert_eq!(idx.offset(text, Position::new(9, 0), Encoding::Utf16), 5);
        assert_eq!(
            idx.from_char_column(text, 7, 3, Encoding::Utf16),
            Position::new(6, 0)
        );
        // A position inside a surrogate pair lands after the character, not inside it.
        let emoji = "😀b";
        let idx = LineIndex::new(emoji);
        assert_eq!(idx.offset(emoji, Position::new(0, 1), Encoding::Utf16), 4);
    }

    #[test]
    fn the_end_of_a_text_counts_in_the_encoding() {
        let text = "a\nb: \"😀é\"";
        let idx = LineIndex::new(text);
        assert_eq!(
            end_position(&idx, text, Encoding::Utf16),
            Position::new(1, 8)
        );
        assert_eq!(
            end_position(&idx, text, Encoding::Utf8),
            Position::new(1, 11)
        );
        let text = "a\r\n";
        let idx = LineIndex::new(text);
        assert_eq!(
            end_position(&idx, text, Encoding::Utf16),
            Position::new(1, 0)
        );
        let text = "x\r";
        assert_eq!(
            end_position(&LineIndex::new(text), text, Encoding::Utf16),
            Position::new(0, 2)
        );
    }

    #[test]
    fn advance_stays_on_the_line() {
        let text = "key: value\nnext";
        let idx = LineIndex::new(text);
        let start = Position::new(0, 5);
        assert_eq!(
            idx.advance_chars(text, start, 5, Encoding::Utf16),
            Position::new(0, 10)
        );
        assert_eq!(
            idx.advance_chars(text, start, 50, Encoding::Utf16),
            Position::new(0, 10)
        );
    }
}
