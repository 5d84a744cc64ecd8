//! `textDocument/formatting` (docs/spec 16 and 18): the edit that makes an open bot file
//! what `samictl fmt` writes, from the pure formatter [`crate::fmt::format_text`].
//!
//! The answer is one edit over the lines that differ (the lines the old and new texts share at
//! the start and at the end are left alone, so the editor keeps its marks and folds there), or
//! no edit at all when the file is already formatted. The client's `FormattingOptions` (tab
//! size, spaces) are not used: the layout is the canonical one, as `fmt` writes it.

use super::Document;
use super::position::{Encoding, LineIndex, end_position, to_u32};
use crate::fmt::FormatError;
use lsp_types::{Position, Range, TextEdit};

/// The edits that format `doc`: empty when it is formatted already, `Err` when the formatter
/// refuses it (not valid YAML; anchors, aliases or tags).
pub(crate) fn formatting(doc: &Document, enc: Encoding) -> Result<Vec<TextEdit>, FormatError> {
    let formatted = crate::fmt::format_text(&doc.text)?;
    Ok(edits(&doc.text, &doc.index, &formatted, enc)
        .into_iter()
        .collect())
}

/// One edit turning `old` into `new`, spanning whole lines from the first line that differs to
/// the last (`None` when the texts are equal).
pub(crate) fn edits(old: &str, index: &LineIndex, new: &str, enc: Encoding) -> Option<TextEdit> {
    if old == new {
        return None;
    }
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    // Only lines that end in a line break are shared: a last line without one may be the
    // start of a longer line in the other text.
    let same = |x: &&str, y: &&str| x == y && x.ends_with('\n');
    let prefix = a.iter().zip(&b).take_while(|(x, y)| same(x, y)).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| same(x, y))
        .count();
    let start = Position::new(to_u32(prefix), 0);
    let end = if suffix == 0 {
        end_position(index, old, enc)
    } else {
        Position::new(to_u32(a.len() - suffix), 0)
    };
    let new_text = b[prefix..b.len() - suffix].concat();
    Some(TextEdit {
        range: Range::new(start, end),
        new_text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Applies one edit as a client does (UTF-16 positions).
    fn apply(old: &str, edit: &TextEdit) -> String {
        let index = LineIndex::new(old);
        let start = index.offset(old, edit.range.start, Encoding::Utf16);
        let end = index.offset(old, edit.range.end, Encoding::Utf16);
        let mut out = old.to_owned();
        out.replace_range(start..end, &edit.new_text);
        out
    }

    fn edit(old: &str, new: &str) -> Option<TextEdit> {
        edits(old, &LineIndex::new(old), new, Encoding::Utf16)
    }

    #[test]
    fn the_edit_spans_only_the_lines_that_differ() {
        let old = "a: 1\nb:   2\nc: 3\n";
        let new = "a: 1\nb: 2\nc: 3\n";
        let e = edit(old, new).unwrap();
        assert_eq!(
            e.range,
            Range::new(Position::new(1, 0), Position::new(2, 0))
        );
        assert_eq!(e.new_text, "b: 2\n");
        assert_eq!(apply(old, &e), new);
        assert_eq!(edit(new, new), None);
    }

    #[test]
    fn an_edit_to_the_end_counts_utf16_units() {
        // No final line end, an emoji on the last line: the end is after its two units.
        let old = "a: 1\nb: \"😀\"";
        let new = "a: 1\nb: 😀\n";
        let e = edit(old, new).unwrap();
        assert_eq!(
            e.range,
            Range::new(Position::new(1, 0), Position::new(1, 7))
        );
        assert_eq!(apply(old, &e), new);
        // Everything differs, CRLF kept by the formatter.
        let old = "x:  é\r\ny: 1\r\n";
        let new = "x: é\r\ny: 1\r\n";
        let e = edit(old, new).unwrap();
        assert_eq!(
            e.range,
            Range::new(Position::new(0, 0), Position::new(1, 0))
        );
        assert_eq!(apply(old, &e), new);
        // A longer text than before.
        let old = "k: v";
        let new = "k: v\nz: 1\n";
        assert_eq!(apply(old, &edit(old, new).unwrap()), new);
    }
}
