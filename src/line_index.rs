//! One line index for every position conversion: a byte offset, a line and column counted in
//! characters (the validator's and the fixes' columns), and a line and column counted in UTF-16
//! units (the language server's default) or bytes, all derived from one table built once per
//! text in one pass.
//!
//! The table holds where each line starts and ends and, for every character wider than one
//! byte, where it stands and how many bytes and UTF-16 units came before it that a character
//! count does not see. Every conversion is then a binary search: thousands of positions on one
//! long line cost `O(n log n)`, never a rescan of the line per position.
//!
//! Lines and columns here are 0-based; [`LineIndex::position`] and [`LineIndex::offset_at`]
//! speak the validator's 1-based lines and character columns. A line's text excludes its line
//! break (`\n` or `\r\n`, and a stray `\r` at the very end of the text).

use std::ops::Range;

/// What a column counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Unit {
    /// Bytes of UTF-8.
    Byte,
    /// Unicode scalar values (characters), as the validator, the fixes and UTF-32 count.
    #[default]
    Char,
    /// UTF-16 code units, as the language server counts by default.
    Utf16,
}

/// A character of more than one byte: where it starts and what came before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Wide {
    /// Byte offset of the character.
    byte: usize,
    /// Its length in bytes (2 to 4).
    len: u8,
    /// Bytes before it that are not characters: the sum of `len - 1` of the wide characters
    /// before it.
    extra_chars: usize,
    /// Bytes before it that are not UTF-16 units: the sum of `len - len_utf16` before it.
    extra_utf16: usize,
}

impl Wide {
    fn extra_before(&self, unit: Unit) -> usize {
        match unit {
            Unit::Byte => 0,
            Unit::Char => self.extra_chars,
            Unit::Utf16 => self.extra_utf16,
        }
    }

    /// Bytes of this character that are not units of `unit`.
    fn extra_own(&self, unit: Unit) -> usize {
        let len = usize::from(self.len);
        match unit {
            Unit::Byte => 0,
            Unit::Char => len - 1,
            Unit::Utf16 => len - if len == 4 { 2 } else { 1 },
        }
    }

    /// The units of `unit` before this character, counted from the start of the text.
    fn units_at(&self, unit: Unit) -> usize {
        self.byte - self.extra_before(unit)
    }

    fn width(&self, unit: Unit) -> usize {
        usize::from(self.len) - self.extra_own(unit)
    }
}

/// Where every line of one text starts and ends, and where its wide characters stand.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct LineIndex {
    /// Byte offset of the start of each line (a text ending in a line break has an empty last
    /// line).
    starts: Vec<usize>,
    /// Byte offset of the end of each line's text (before its line break).
    ends: Vec<usize>,
    /// Every character longer than one byte, in order.
    wide: Vec<Wide>,
    /// The text's length in bytes.
    len: usize,
}

impl LineIndex {
    /// The index of `text`, in one pass over it.
    pub(crate) fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut ends = Vec::new();
        let mut wide = Vec::new();
        let (mut extra_chars, mut extra_utf16) = (0, 0);
        // Bytes, not characters: a line break is one byte, and a character's length is told by
        // its first byte (continuation bytes are 0b10xx_xxxx), so nothing is decoded.
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' {
                let end = if i > 0 && bytes[i - 1] == b'\r' {
                    i - 1
                } else {
                    i
                };
                ends.push(end);
                starts.push(i + 1);
            } else if b >= 0xC0 {
                let len: u8 = match b {
                    0xC0..=0xDF => 2,
                    0xE0..=0xEF => 3,
                    _ => 4,
                };
                let units16 = if len == 4 { 2 } else { 1 };
                wide.push(Wide {
                    byte: i,
                    len,
                    extra_chars,
                    extra_utf16,
                });
                extra_chars += usize::from(len) - 1;
                extra_utf16 += usize::from(len) - units16;
            }
        }
        let end = if text.ends_with('\r') {
            text.len() - 1
        } else {
            text.len()
        };
        ends.push(end.max(starts.last().copied().unwrap_or(0)));
        LineIndex {
            starts,
            ends,
            wide,
            len: text.len(),
        }
    }

    /// The length of the text in bytes.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Number of lines (a text ending in a line break has an empty last line; an empty text has
    /// one empty line).
    pub(crate) fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset of the start of 0-based `line`; the text's length past the last line.
    pub(crate) fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(self.len)
    }

    /// The byte range of 0-based `line`'s text, without its line break.
    pub(crate) fn line_range(&self, line: usize) -> Option<Range<usize>> {
        Some(*self.starts.get(line)?..*self.ends.get(line)?)
    }

    /// The text of 0-based `line`, without its line break; empty past the end.
    pub(crate) fn line<'t>(&self, text: &'t str, line: usize) -> &'t str {
        self.line_range(line)
            .and_then(|r| text.get(r))
            .unwrap_or("")
    }

    /// The 0-based line holding byte `offset` (the last line past the end).
    pub(crate) fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|s| *s <= offset)
            .saturating_sub(1)
    }

    /// `offset` clamped to the text and moved back to the start of the character it is in.
    pub(crate) fn floor(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        let k = self.wide.partition_point(|w| w.byte < offset);
        match k.checked_sub(1).map(|k| &self.wide[k]) {
            Some(w) if offset < w.byte + usize::from(w.len) => w.byte,
            _ => offset,
        }
    }

    /// How many units of `unit` come before byte `offset` in the whole text (the offset clamped
    /// and floored to a character boundary), line breaks included.
    pub(crate) fn units_before(&self, offset: usize, unit: Unit) -> usize {
        let offset = self.floor(offset);
        let k = self.wide.partition_point(|w| w.byte < offset);
        match k.checked_sub(1).map(|k| &self.wide[k]) {
            Some(w) => offset - w.extra_before(unit) - w.extra_own(unit),
            None => offset,
        }
    }

    /// The byte offset after `units` units of `unit` from the start of the text, clamped to
    /// the text: a byte count inside a character moves back to its start, a UTF-16 count inside
    /// a surrogate pair moves past it (as the language server protocol asks).
    pub(crate) fn offset_of_units(&self, units: usize, unit: Unit) -> usize {
        if unit == Unit::Byte {
            return self.floor(units);
        }
        let k = self.wide.partition_point(|w| w.units_at(unit) < units);
        let offset = match k.checked_sub(1).map(|k| &self.wide[k]) {
            Some(w) if units < w.units_at(unit) + w.width(unit) => w.byte + usize::from(w.len),
            Some(w) => units + w.extra_before(unit) + w.extra_own(unit),
            None => units,
        };
        offset.min(self.len)
    }

    /// The 0-based line and column in `unit` of byte `offset` (clamped to the text and moved
    /// back to a character boundary). An offset inside a line break counts from its line's
    /// start.
    pub(crate) fn line_col(&self, offset: usize, unit: Unit) -> (usize, usize) {
        let offset = self.floor(offset);
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let col = self.units_before(offset, unit) - self.units_before(start, unit);
        (line, col)
    }

    /// How many units of `unit` 0-based `line`'s text is long (0 past the end).
    #[cfg(test)]
    pub(crate) fn line_width(&self, line: usize, unit: Unit) -> usize {
        self.line_range(line).map_or(0, |r| {
            self.units_before(r.end, unit) - self.units_before(r.start, unit)
        })
    }

    /// The byte offset of 0-based `line` and column `col` in `unit`; `None` when the line does
    /// not exist or the column is past the end of its text. A UTF-16 column inside a surrogate
    /// pair gives the offset after the character, a byte column inside a character its start.
    pub(crate) fn checked_offset(&self, line: usize, col: usize, unit: Unit) -> Option<usize> {
        let range = self.line_range(line)?;
        let first = self.units_before(range.start, unit);
        let last = self.units_before(range.end, unit);
        let units = first.checked_add(col)?;
        (units <= last).then(|| self.offset_of_units(units, unit))
    }

    /// The byte offset of 0-based `line` and column `col` in `unit`, clamped: a line past the
    /// end is the end of the text, a column past the end of the line's text is its end, a
    /// UTF-16 column inside a surrogate pair is after the character, a byte column inside a
    /// character is its start.
    pub(crate) fn offset(&self, line: usize, col: usize, unit: Unit) -> usize {
        let Some(range) = self.line_range(line) else {
            return self.len;
        };
        let first = self.units_before(range.start, unit);
        let last = self.units_before(range.end, unit);
        self.offset_of_units(first.saturating_add(col).min(last), unit)
    }

    /// `col` on 0-based `line` counted in `from`, counted in `to` (clamped to the line's text).
    pub(crate) fn convert(&self, line: usize, col: usize, from: Unit, to: Unit) -> usize {
        let offset = self.offset(line, col, from);
        if self.line_range(line).is_none() {
            return 0;
        }
        self.units_before(offset, to) - self.units_before(self.line_start(line), to)
    }

    /// The validator's 1-based line and character column of byte `offset`.
    #[cfg(test)]
    pub(crate) fn position(&self, offset: usize) -> (u32, u32) {
        let (line, col) = self.line_col(offset, Unit::Char);
        (to_u32(line + 1), to_u32(col + 1))
    }

    /// The byte offset of the validator's 1-based `line` and character `column`; `None` for
    /// line 0, a line past the end, or a column past the end of the line's text.
    pub(crate) fn offset_at(&self, line: u32, column: u32) -> Option<usize> {
        let line = (line as usize).checked_sub(1)?;
        let col = (column as usize).saturating_sub(1);
        self.checked_offset(line, col, Unit::Char)
    }
}

/// A count as a 32-bit number, saturating.
pub(crate) fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every conversion checked against a character-by-character count.
    fn check_against_a_scan(text: &str) {
        let idx = LineIndex::new(text);
        let mut line = 0;
        let mut cols = (0, 0, 0);
        for (i, c) in text.char_indices().chain([(text.len(), '\0')]) {
            assert_eq!(
                idx.line_col(i, Unit::Byte),
                (line, cols.0),
                "{text:?} at {i}"
            );
            assert_eq!(
                idx.line_col(i, Unit::Char),
                (line, cols.1),
                "{text:?} at {i}"
            );
            assert_eq!(
                idx.line_col(i, Unit::Utf16),
                (line, cols.2),
                "{text:?} at {i}"
            );
            if idx.line_range(line).is_some_and(|r| i <= r.end) {
                assert_eq!(idx.checked_offset(line, cols.1, Unit::Char), Some(i));
                assert_eq!(idx.checked_offset(line, cols.2, Unit::Utf16), Some(i));
                assert_eq!(idx.offset(line, cols.0, Unit::Byte), i);
                assert_eq!(idx.convert(line, cols.1, Unit::Char, Unit::Utf16), cols.2);
                assert_eq!(idx.convert(line, cols.2, Unit::Utf16, Unit::Char), cols.1);
            }
            if c == '\n' {
                line += 1;
                cols = (0, 0, 0);
            } else {
                cols.0 += c.len_utf8();
                cols.1 += 1;
                cols.2 += c.len_utf16();
            }
        }
    }

    #[test]
    fn every_offset_agrees_with_a_character_count() {
        for text in [
            "",
            "a",
            "\n",
            "ab\ncd",
            "a: \"😀x\"\nb: é\r\n",
            "é😀\r\n\r\nü€𝄞z\n",
            "x\r",
            "日本語: テキスト\n  - 🎉🎉🎉\n",
        ] {
            check_against_a_scan(text);
        }
    }

    proptest::proptest! {
        /// Any text of line breaks, carriage returns and characters of every UTF-8 length.
        #[test]
        fn any_text_agrees_with_a_character_count(text in "[a\\n\\r\u{e9}\u{20ac}\u{1d11e}]{0,40}") {
            check_against_a_scan(&text);
        }
    }

    #[test]
    fn lines_exclude_their_line_break() {
        let text = "a: 1\r\nb: é\n\nlast\r";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 4);
        assert_eq!(idx.line(text, 0), "a: 1");
        assert_eq!(idx.line(text, 1), "b: é");
        assert_eq!(idx.line(text, 2), "");
        assert_eq!(idx.line(text, 3), "last");
        assert_eq!(idx.line(text, 4), "");
        assert_eq!(idx.line_width(1, Unit::Char), 4);
        assert_eq!(idx.line_width(1, Unit::Byte), 5);
        assert_eq!(idx.line_start(1), 6);
        assert_eq!(idx.line_start(9), text.len());
        let text = "a\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 2);
        assert_eq!(idx.line_col(text.len(), Unit::Char), (1, 0));
    }

    #[test]
    fn crlf_columns_stop_before_the_carriage_return() {
        let text = "ab\r\ncd";
        let idx = LineIndex::new(text);
        assert_eq!(idx.checked_offset(0, 2, Unit::Char), Some(2));
        assert_eq!(idx.checked_offset(0, 3, Unit::Char), None);
        assert_eq!(idx.offset(0, 9, Unit::Utf16), 2);
        assert_eq!(idx.offset_at(2, 1), Some(4));
        assert_eq!(idx.position(4), (2, 1));
        // An offset on the `\r` counts it, as a character of its line.
        assert_eq!(idx.position(3), (1, 4));
    }

    #[test]
    fn astral_characters_are_two_utf16_units_and_one_character() {
        let text = "a: \"😀x\"\n";
        let idx = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(idx.line_col(x, Unit::Char), (0, 5));
        assert_eq!(idx.line_col(x, Unit::Utf16), (0, 6));
        assert_eq!(idx.line_col(x, Unit::Byte), (0, 8));
        assert_eq!(idx.convert(0, 5, Unit::Char, Unit::Utf16), 6);
        // Half a surrogate pair lands after the character; an offset inside a character
        // counts from its start.
        assert_eq!(idx.offset(0, 5, Unit::Utf16), x);
        assert_eq!(idx.checked_offset(0, 5, Unit::Utf16), Some(x));
        assert_eq!(idx.line_col(x - 1, Unit::Utf16), (0, 4));
        assert_eq!(idx.floor(x - 2), 4);
        assert_eq!(idx.offset(0, 6, Unit::Byte), 4);
        assert_eq!(idx.convert(0, 6, Unit::Byte, Unit::Utf16), 4);
    }

    #[test]
    fn positions_past_the_end_clamp_or_are_refused() {
        let text = "ab\ncé";
        let idx = LineIndex::new(text);
        assert_eq!(idx.offset(0, 99, Unit::Char), 2);
        assert_eq!(idx.offset(9, 0, Unit::Char), text.len());
        assert_eq!(idx.checked_offset(1, 2, Unit::Char), Some(text.len()));
        assert_eq!(idx.checked_offset(1, 3, Unit::Char), None);
        assert_eq!(idx.checked_offset(2, 0, Unit::Char), None);
        assert_eq!(idx.offset_at(0, 1), None);
        assert_eq!(idx.offset_at(3, 1), None);
        assert_eq!(idx.line_col(999, Unit::Char), (1, 2));
        assert_eq!(idx.position(999), (2, 3));
        assert_eq!(idx.convert(7, 3, Unit::Char, Unit::Utf16), 0);
        assert_eq!(idx.checked_offset(usize::MAX, usize::MAX, Unit::Char), None);
        assert_eq!(idx.checked_offset(1, usize::MAX, Unit::Char), None);
    }

    #[test]
    fn one_long_line_of_wide_characters_indexes_once() {
        let text = "é".repeat(10_000);
        let idx = LineIndex::new(&text);
        assert_eq!(idx.line_col(text.len(), Unit::Char), (0, 10_000));
        assert_eq!(idx.offset(0, 5_000, Unit::Char), 10_000);
        assert_eq!(idx.offset_at(1, 10_001), Some(text.len()));
    }
}
