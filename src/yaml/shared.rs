//! What the readers share (`fast`, `scan`, `core`, `spanned`): granit-parser's options, a
//! position from a span or a tag, and how an untagged plain scalar is typed. A leaf among the
//! `yaml` modules, so the readers do not import each other for it.

use super::{MAX_DEPTH, Pos, Value};
use std::borrow::Cow;

/// What serde-saphyr's `Options::parser_options` gives the parser for [`options`](fn@super::options):
/// the options of every granit-parser read here and in `core`. `strict_indentation` refuses what
/// YAML 1.2 refuses: a quoted scalar or a flow collection continued at or left of its block's
/// indentation (YAML test suite QB6E, 9C9N).
pub(crate) fn parser_options() -> granit_parser::Options {
    let mut options = granit_parser::Options::default();
    options.simple_key_max_lookahead = 1024;
    options.flow_nesting_limit = 255;
    options.block_nesting_limit = options.block_nesting_limit.max(MAX_DEPTH + 1);
    options.emit_comments = false;
    options.strict_indentation = true;
    options.bom_inside_document_as_content = false;
    options
}

/// A node's position from its event's span, as serde-saphyr's `location_from_span` computes it:
/// granit-parser's line (1-based), its column (0-based, in characters) plus one, and the span's
/// length in characters. Line 0 (no mark) reads as [`Pos::START`], as `Pos::from_location` does.
pub(crate) fn span_pos(span: &granit_parser::Span) -> Pos {
    let (start, end) = (span.start, span.end);
    if start.line() == 0 {
        return Pos::START;
    }
    Pos {
        line: u32::try_from(start.line()).unwrap_or(u32::MAX),
        column: u32::try_from(start.col() + 1).unwrap_or(u32::MAX).max(1),
        len: u32::try_from(end.index().saturating_sub(start.index())).unwrap_or(0),
    }
}

/// What serde-saphyr makes of an untagged scalar (options as [`options`](fn@super::options) sets
/// them: YAML 1.2 core schema, strict booleans, no legacy octal), or `None` where its reading is
/// not obvious. Quoted and block scalars are strings; a plain one is null, a boolean, a decimal
/// integer, or a string that no number parser accepts.
pub(crate) fn plain_scalar<'a>(
    text: Cow<'a, str>,
    style: granit_parser::ScalarStyle,
) -> Option<Value<'a>> {
    if style != granit_parser::ScalarStyle::Plain {
        return Some(Value::Str(text));
    }
    match text.as_ref() {
        "" | "~" | "null" | "Null" | "NULL" => return Some(Value::Null),
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        _ => {}
    }
    let bytes = text.as_bytes();
    match bytes.first()? {
        // Rust's float parser reads `inf`, `nan` and `infinity` in any case; serde-saphyr
        // keeps them strings, but they are rare enough to leave to it.
        b'a'..=b'z' | b'A'..=b'Z' => {
            let word = |w: &str| text.eq_ignore_ascii_case(w);
            if word("inf") || word("infinity") || word("nan") {
                return None;
            }
            Some(Value::Str(text))
        }
        b'0'..=b'9' => {
            if bytes.iter().all(u8::is_ascii_digit) {
                // `007` and numbers past i64 have readings of their own.
                if (bytes.len() > 1 && bytes[0] == b'0') || bytes.len() > 18 {
                    return None;
                }
                return text.parse().ok().map(Value::Int);
            }
            // Digits and letters, such as `15m`: no integer (`0x`, `0o`, `0b` prefixes aside)
            // and no float (`e` aside) reads them.
            let radix = bytes[0] == b'0'
                && matches!(bytes.get(1), Some(b'x' | b'X' | b'o' | b'O' | b'b' | b'B'));
            let string = bytes.iter().all(u8::is_ascii_alphanumeric)
                && !bytes.iter().any(|b| matches!(b, b'e' | b'E'))
                && !radix;
            string.then_some(Value::Str(text))
        }
        _ => None,
    }
}

/// What serde-saphyr makes of the untagged plain scalar `text` ([`plain_scalar`]), for the
/// hand-written scanner of `scan`.
pub(crate) fn plain_value(text: &str) -> Option<Value<'_>> {
    plain_scalar(Cow::Borrowed(text), granit_parser::ScalarStyle::Plain)
}

/// The parser places a tag error at the tagged value; point at the tag itself when it stands
/// earlier on the same line.
pub(crate) fn tag_position(source: &str, at: Pos, tag: &str) -> Pos {
    let Some(line) = source.lines().nth(at.line.saturating_sub(1) as usize) else {
        return at;
    };
    let before: String = line
        .chars()
        .take(at.column.saturating_sub(1) as usize)
        .collect();
    match before.rfind(tag) {
        Some(byte) => Pos {
            line: at.line,
            column: u32::try_from(before[..byte].chars().count() + 1).unwrap_or(at.column),
            len: u32::try_from(tag.chars().count()).unwrap_or(1),
        },
        None => at,
    }
}
