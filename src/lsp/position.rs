//! Positions: the validator counts 1-based lines and columns in characters; LSP counts
//! 0-based lines and columns in the negotiated encoding (UTF-16 unless the client offers
//! another). A [`LineIndex`] converts between the two and to byte offsets, never panicking on
//! a position past the end of a line or of the text (it clamps, as the protocol asks).

pub(crate) use crate::line_index::to_u32;
use crate::line_index::{self, Unit};
use lsp_types::Position;

/// The unit a column is counted in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Encoding {
    Utf8,
    #[default]
    Utf16,
    Utf32,
}

impl Encoding {
    /// The encoding's name in the protocol (`utf-16`).
    pub(crate) fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16 => "utf-16",
            Encoding::Utf32 => "utf-32",
        }
    }

    /// The first encoding the client offers that we speak; UTF-16 when it offers none.
    pub(crate) fn negotiate<'a>(offered: impl IntoIterator<Item = &'a str>) -> Encoding {
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

    /// The line index's unit for this encoding.
    pub(crate) fn unit(self) -> Unit {
        match self {
            Encoding::Utf8 => Unit::Byte,
            Encoding::Utf16 => Unit::Utf16,
            Encoding::Utf32 => Unit::Char,
        }
    }
}

/// The document's [`line_index::LineIndex`](crate::line_index::LineIndex), spoken in the
/// protocol's positions and the negotiated encoding. The text is passed back in, as the
/// document owns it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineIndex(line_index::LineIndex);

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        LineIndex(line_index::LineIndex::new(text))
    }

    /// Number of lines (a text ending in a newline has an empty last line).
    pub(crate) fn line_count(&self) -> usize {
        self.0.line_count()
    }

    /// The text of 0-based line `line`, without its line break; empty past the end.
    pub(crate) fn line<'t>(&self, text: &'t str, line: usize) -> &'t str {
        self.0.line(text, line)
    }

    /// The byte offset of an LSP position, clamped to its line and to the text.
    pub(crate) fn offset(&self, _text: &str, pos: Position, enc: Encoding) -> usize {
        self.0
            .offset(pos.line as usize, pos.character as usize, enc.unit())
    }

    /// The 0-based line and byte column of a byte offset (clamped, and moved back to a
    /// character boundary).
    pub(crate) fn position(&self, _text: &str, offset: usize) -> (usize, usize) {
        self.0.line_col(offset, Unit::Byte)
    }

    /// The LSP position of byte column `byte_col` on 0-based line `line`.
    pub(crate) fn lsp_position(
        &self,
        _text: &str,
        line: usize,
        byte_col: usize,
        enc: Encoding,
    ) -> Position {
        let units = self.0.convert(line, byte_col, Unit::Byte, enc.unit());
        Position::new(to_u32(line), to_u32(units))
    }

    /// The LSP position of the validator's 1-based line and 1-based character column.
    #[allow(clippy::wrong_self_convention)] // converts from a column, through the index
    pub(crate) fn from_char_column(
        &self,
        _text: &str,
        line: u32,
        column: u32,
        enc: Encoding,
    ) -> Position {
        let line0 = line.saturating_sub(1) as usize;
        let chars = column.saturating_sub(1) as usize;
        let units = self.0.convert(line0, chars, Unit::Char, enc.unit());
        Position::new(to_u32(line0), to_u32(units))
    }

    /// The LSP position `count` characters after `start` on the same line (clamped to it).
    pub(crate) fn advance_chars(
        &self,
        _text: &str,
        start: Position,
        count: u32,
        enc: Encoding,
    ) -> Position {
        let offset = self
            .0
            .offset(start.line as usize, start.character as usize, enc.unit());
        let (line, col) = self.0.line_col(offset, Unit::Char);
        let end = col.saturating_add(count as usize);
        let units = self.0.convert(line, end, Unit::Char, enc.unit());
        Position::new(to_u32(line), to_u32(units))
    }
}

/// The LSP position of the end of `text` (after its last character, stray `\r` included):
/// where an edit that runs to the end of the document ends.
pub(crate) fn end_position(index: &LineIndex, _text: &str, enc: Encoding) -> Position {
    let (line, col) = index.0.line_col(index.0.len(), enc.unit());
    Position::new(to_u32(line), to_u32(col))
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
