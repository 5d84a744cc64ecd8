//! The reference reader: serde-saphyr parses the file (and enforces its budgets against alias
//! bombs and deep nesting); a hand-written visitor asks for `Spanned` children so no location is
//! lost. Its failures become [`SyntaxError`]s worded in the user's terms.

use super::shared::tag_position;
use super::{MAX_DEPTH, MAX_FILE_BYTES, Node, Pos, SyntaxError, Value, core, options};
use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// Stack left before a nesting level grows the stack, and how much it grows by.
const STACK_RED_ZONE: usize = 128 * 1024;
const STACK_GROWTH: usize = 2 * 1024 * 1024;

/// Parses one YAML document into a positioned tree.
///
/// Errors are the ones the `yaml-syntax` rule reports: malformed YAML, several documents, an
/// empty file, a file over [`MAX_FILE_BYTES`], nesting deeper than [`MAX_DEPTH`], an alias bomb,
/// or a local tag such as `!include`.
pub fn parse(source: &str) -> Result<Node<'_>, SyntaxError> {
    if source.len() > MAX_FILE_BYTES {
        return parse_with::<Node>(source);
    }
    let checked = core::check(source);
    match (checked, parse_with::<Node>(source)) {
        // Both: the first in the file.
        (Err(ours), Err(theirs)) => Err(
            if (theirs.pos.line, theirs.pos.column) < (ours.pos.line, ours.pos.column) {
                theirs
            } else {
                ours
            },
        ),
        (Err(e), Ok(_)) | (Ok(_), Err(e)) => Err(e),
        (Ok(corrections), Ok(mut root)) => {
            core::apply(&mut root, &corrections);
            Ok(root)
        }
    }
}

/// Parses like [`parse`], but without positions (every node is at [`Pos::START`]): the same tree
/// and the same syntax errors, at about the cost of a plain parse. For checks that need
/// positions only when they have something to report.
pub fn parse_unpositioned(source: &str) -> Result<Node<'_>, SyntaxError> {
    // The core schema's readings are placed by position: a file that needs one is read with them.
    if source.len() <= MAX_FILE_BYTES && !core::check(source).is_ok_and(|c| c.is_empty()) {
        return parse(source).map(|n| n.without_positions());
    }
    parse_with::<Unpositioned>(source).map(|n| n.0)
}

impl Pos {
    fn from_location(loc: serde_saphyr::Location) -> Pos {
        let line = u32::try_from(loc.line()).unwrap_or(u32::MAX);
        let column = u32::try_from(loc.column()).unwrap_or(u32::MAX);
        if line == 0 {
            return Pos::START;
        }
        Pos {
            line,
            column: column.max(1),
            len: u32::try_from(loc.span().len()).unwrap_or(0),
        }
    }
}

/// A root node read without positions.
struct Unpositioned<'a>(Node<'a>);

impl<'de> Deserialize<'de> for Unpositioned<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        NodeSeed::<false>
            .deserialize(deserializer)
            .map(Unpositioned)
    }
}

/// The root types `parse_with` can read.
trait Root<'a>: Deserialize<'a> {
    fn node(&self) -> &Node<'a>;
}

impl<'a> Root<'a> for Node<'a> {
    fn node(&self) -> &Node<'a> {
        self
    }
}

impl<'a> Root<'a> for Unpositioned<'a> {
    fn node(&self) -> &Node<'a> {
        &self.0
    }
}

fn parse_with<'a, R: Root<'a>>(source: &'a str) -> Result<R, SyntaxError> {
    if source.len() > MAX_FILE_BYTES {
        return Err(SyntaxError {
            pos: Pos::START,
            message: format!(
                "the file is {} bytes; bot files are limited to {MAX_FILE_BYTES} bytes (1 MiB)",
                source.len()
            ),
        });
    }
    let options = options();
    let root: R = serde_saphyr::from_str_with_options(source, options).map_err(|e| {
        let mut pos = e.location().map(Pos::from_location).unwrap_or(Pos::START);
        if let serde_saphyr::Error::UnsupportedTag { tag, .. } = e.without_snippet() {
            pos = tag_position(source, pos, tag);
        }
        SyntaxError {
            pos,
            message: syntax_message(&e),
        }
    })?;
    if root.node().value == Value::Null && node_is_empty_document(source) {
        return Err(SyntaxError {
            pos: Pos::START,
            message: "the file is empty: it holds no YAML document".to_owned(),
        });
    }
    Ok(root)
}

/// A message for a parse failure, in the user's terms rather than the parser's API.
fn syntax_message(error: &serde_saphyr::Error) -> String {
    use serde_saphyr::Error as E;
    use serde_saphyr::budget::BudgetBreach;
    let mut inner = error.without_snippet();
    while let E::AliasError { error, .. } = inner {
        inner = error.without_snippet();
    }
    match inner {
        E::MultipleDocuments { .. } => {
            "the file holds more than one YAML document; a bot file holds exactly one".to_owned()
        }
        E::Budget {
            breach: BudgetBreach::Depth { .. },
            ..
        } => format!("nesting deeper than {MAX_DEPTH} levels"),
        E::Budget { .. }
        | E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. } => {
            "the file expands past the parser's limits (too many nodes or alias expansions)"
                .to_owned()
        }
        E::UnsupportedTag { tag, .. } => format!(
            "local tag `{tag}` is not part of the format: a bot file never pulls in other files or the environment"
        ),
        other => strip_location_suffix(&other.to_string()),
    }
}

/// The parser appends " at line N, column M"; we print the location ourselves. It also quotes
/// in the old `x' style: the closing quote becomes a backtick, as in every other message.
fn strip_location_suffix(message: &str) -> String {
    let mut text = match message.find(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    };
    // An unclosed backtick (an odd count) closed by the final quote.
    if text.matches('`').count() % 2 == 1
        && text.ends_with('\'')
        && text.rfind('`').is_some_and(|open| text.len() > open + 2)
    {
        text.pop();
        text.push('`');
    }
    text
}

/// True when the source has nothing but blank lines, comments and document markers.
fn node_is_empty_document(source: &str) -> bool {
    source.lines().all(|l| {
        let t = l.trim();
        t.is_empty() || t.starts_with('#') || t == "---" || t == "..."
    })
}

// Positions come from serde-saphyr's span protocol: asked for a newtype struct with its span
// marker, the deserializer hands over a map of `value`, `referenced` (where the node is used:
// an alias's use site) and `defined`, each location a map of `line`, `column`, `span`, ...
// `serde_saphyr::Spanned<T>` reads all of it; this reads only the value and the use site's
// line, column and length, which is what findings need, and skips the rest (a third of the
// parse time on a typical bot file). The tests of every rule's position guard the protocol.
const SPANNED_NEWTYPE: &str = "__yaml_spanned";
const SPANNED_FIELDS: &[&str] = &[
    "__serde_saphyr_private_spanned",
    "value",
    "referenced",
    "defined",
];

impl<'de> Deserialize<'de> for Node<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        NodeSeed::<true>.deserialize(deserializer)
    }
}

/// Reads a node with its position (`SPANS`) or without (at [`Pos::START`]); children are read
/// the same way.
struct NodeSeed<const SPANS: bool>;

impl<'de, const SPANS: bool> DeserializeSeed<'de> for NodeSeed<SPANS> {
    type Value = Node<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node<'de>, D::Error> {
        // Each nesting level recurses through serde; grow the stack on the heap when it runs
        // low, so 64 levels are safe on any thread (test and worker threads have small stacks).
        stacker::maybe_grow(STACK_RED_ZONE, STACK_GROWTH, || {
            if SPANS {
                deserializer.deserialize_newtype_struct(SPANNED_NEWTYPE, NodeVisitor)
            } else {
                let value = deserializer.deserialize_any(ValueVisitor::<false>)?;
                Ok(Node {
                    value,
                    pos: Pos::START,
                })
            }
        })
    }
}

/// The names in the span protocol's maps.
enum Field {
    Value,
    Referenced,
    Line,
    Column,
    Span,
    Len,
    Other,
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct FieldVisitor;
        impl Visitor<'_> for FieldVisitor {
            type Value = Field;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a span field")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Field, E> {
                Ok(match v {
                    "value" => Field::Value,
                    "referenced" => Field::Referenced,
                    "line" => Field::Line,
                    "column" => Field::Column,
                    "span" => Field::Span,
                    "len" => Field::Len,
                    _ => Field::Other,
                })
            }
        }
        d.deserialize_identifier(FieldVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Node<'de>, D::Error> {
        d.deserialize_struct("Spanned", SPANNED_FIELDS, SpannedVisitor)
    }
}

struct SpannedVisitor;

impl<'de> Visitor<'de> for SpannedVisitor {
    type Value = Node<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value with its location")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node<'de>, A::Error> {
        let mut value = None;
        while let Some(field) = map.next_key::<Field>()? {
            match field {
                Field::Value => value = Some(map.next_value::<Value>()?),
                Field::Referenced => {
                    let pos = map.next_value::<PosOnly>()?.0;
                    let value = value.ok_or_else(|| de::Error::missing_field("value"))?;
                    // `defined` is not needed: stop here.
                    return Ok(Node { value, pos });
                }
                _ => {
                    map.next_value::<de::IgnoredAny>()?;
                }
            }
        }
        Err(de::Error::missing_field("referenced"))
    }
}

/// A location read down to line, column and length.
struct PosOnly(Pos);

impl<'de> Deserialize<'de> for PosOnly {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_struct("Location", &["line", "column", "span"], PosVisitor)
    }
}

struct PosVisitor;

impl<'de> Visitor<'de> for PosVisitor {
    type Value = PosOnly;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a location")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<PosOnly, A::Error> {
        let (mut line, mut column) = (0u64, 0u64);
        while let Some(field) = map.next_key::<Field>()? {
            match field {
                Field::Line => line = map.next_value()?,
                Field::Column => column = map.next_value()?,
                Field::Span => {
                    let len = map.next_value::<LenOnly>()?.0;
                    if line == 0 {
                        return Ok(PosOnly(Pos::START));
                    }
                    return Ok(PosOnly(Pos {
                        line: u32::try_from(line).unwrap_or(u32::MAX),
                        column: u32::try_from(column).unwrap_or(u32::MAX).max(1),
                        len: u32::try_from(len).unwrap_or(0),
                    }));
                }
                _ => {
                    map.next_value::<de::IgnoredAny>()?;
                }
            }
        }
        Err(de::Error::missing_field("span"))
    }
}

/// A span read down to its length in characters.
struct LenOnly(u64);

impl<'de> Deserialize<'de> for LenOnly {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct LenVisitor;
        impl<'de> Visitor<'de> for LenVisitor {
            type Value = LenOnly;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a span")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<LenOnly, A::Error> {
                while let Some(field) = map.next_key::<Field>()? {
                    match field {
                        Field::Len => return Ok(LenOnly(map.next_value()?)),
                        _ => {
                            map.next_value::<de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(LenOnly(0))
            }
        }
        d.deserialize_struct("Span", &["offset", "len", "byte_info"], LenVisitor)
    }
}

impl<'de> Deserialize<'de> for Value<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor::<true>)
    }
}

struct ValueVisitor<const SPANS: bool>;

impl<'de, const SPANS: bool> Visitor<'de> for ValueVisitor<SPANS> {
    type Value = Value<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value<'de>, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value<'de>, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value<'de>, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value<'de>, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value<'de>, E> {
        Ok(Value::Int(v))
    }

    // Integers beyond i64 are out of every range the format has; as floats they stay numbers.
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value<'de>, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Value<'de>, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Value<'de>, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value<'de>, E> {
        Ok(Value::Float(v))
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Value<'de>, E> {
        Ok(Value::Str(Cow::Borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value<'de>, E> {
        Ok(Value::Str(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value<'de>, E> {
        Ok(Value::Str(Cow::Owned(v)))
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Value<'de>, E> {
        Ok(Value::Str(Cow::Owned(
            String::from_utf8_lossy(v).into_owned(),
        )))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value<'de>, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(NodeSeed::<SPANS>)? {
            items.push(item);
        }
        Ok(Value::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value<'de>, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key_seed(NodeSeed::<SPANS>)? {
            let value = map.next_value_seed(NodeSeed::<SPANS>)?;
            entries.push((key, value));
        }
        Ok(Value::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::strip_location_suffix;

    #[test]
    fn parser_messages_lose_their_location_and_old_style_quotes() {
        assert_eq!(
            strip_location_suffix("unexpected character: `\u{1b}' at line 3, column 10"),
            "unexpected character: `\u{1b}`"
        );
        assert_eq!(
            strip_location_suffix("did not find expected key at line 2, column 1"),
            "did not find expected key"
        );
        // A quote that is not a closing one is left alone.
        assert_eq!(strip_location_suffix("it's `x` isn't'"), "it's `x` isn't'");
    }
}
