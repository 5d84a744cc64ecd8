//! The YAML layer: parses a bot file into a tree in which every key and every value carries
//! its source position, so validation can report every finding at the right place.
//!
//! serde-saphyr does the parsing (and enforces its budgets against alias bombs and deep
//! nesting); a hand-written visitor asks for `Spanned` children so no location is lost.

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{DuplicateKeyPolicy, MergeKeyPolicy};
use std::borrow::Cow;
use std::fmt;

/// Largest file we read, in bytes (spec section 7, `yaml-syntax`).
pub const MAX_FILE_BYTES: usize = 1024 * 1024;
/// Deepest nesting of mappings and sequences we accept.
pub const MAX_DEPTH: usize = 64;

/// Most nodes a file may expand to, aliases included. A real bot file has a few hundred; the
/// cap stops an alias bomb long before it costs time or memory.
pub const MAX_NODES: usize = 100_000;

/// Stack left before a nesting level grows the stack, and how much it grows by.
const STACK_RED_ZONE: usize = 128 * 1024;
const STACK_GROWTH: usize = 2 * 1024 * 1024;

/// A 1-based position in the source, with the length (in characters) of the token there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
    pub len: u32,
}

impl Pos {
    /// The start of the file, used where no better place is known.
    pub const START: Pos = Pos {
        line: 1,
        column: 1,
        len: 0,
    };

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

/// A YAML node and where it stands. Strings borrow from the source where they can.
#[derive(Clone, Debug, PartialEq)]
pub struct Node<'a> {
    pub value: Value<'a>,
    pub pos: Pos,
}

/// The YAML data model, as far as the format needs it.
#[derive(Clone, Debug, PartialEq)]
pub enum Value<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Cow<'a, str>),
    Seq(Vec<Node<'a>>),
    /// Entries in file order; duplicate keys are kept so validation can report them.
    Map(Vec<(Node<'a>, Node<'a>)>),
}

impl Value<'_> {
    /// How a user would name this kind of value in a message.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "nothing (null)",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "an integer",
            Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }

    /// The text of a scalar, for keys and messages; `None` for collections.
    pub fn scalar_text(&self) -> Option<String> {
        match self {
            Value::Null => Some("null".to_owned()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(f.to_string()),
            Value::Str(s) => Some(s.to_string()),
            Value::Seq(_) | Value::Map(_) => None,
        }
    }
}

impl<'a> Node<'a> {
    /// The same tree with every position cleared (what [`parse_unpositioned`] gives).
    pub fn without_positions(&self) -> Node<'a> {
        let value = match &self.value {
            Value::Seq(items) => Value::Seq(items.iter().map(Node::without_positions).collect()),
            Value::Map(entries) => Value::Map(
                entries
                    .iter()
                    .map(|(k, v)| (k.without_positions(), v.without_positions()))
                    .collect(),
            ),
            other => other.clone(),
        };
        Node {
            value,
            pos: Pos::START,
        }
    }

    /// The node as JSON (keys as text), for checking bot files against the JSON Schema.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => J::from(*i),
            Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
            Value::Str(s) => J::String(s.to_string()),
            Value::Seq(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Map(entries) => J::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.value.scalar_text().unwrap_or_default(), v.to_json()))
                    .collect(),
            ),
        }
    }
}

/// Why a file could not be read as YAML at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub pos: Pos,
    pub message: String,
}

/// The parser options the format needs: merge keys as ordinary keys (so `<<` is reported),
/// duplicate keys handed to the visitor (so every one is reported), local tags rejected, YAML
/// 1.2 booleans, comments not kept, and budgets against alias bombs and deep nesting.
pub fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
            max_nodes: MAX_NODES,
            max_events: MAX_NODES * 4,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: MAX_NODES,
        },
        merge_keys: MergeKeyPolicy::AsOrdinary,
        duplicate_keys: DuplicateKeyPolicy::PassThrough,
        reject_unsupported_tags: true,
        strict_booleans: true,
        with_snippet: false,
    }
}

/// Parses one YAML document into a positioned tree.
///
/// Errors are the ones the `yaml-syntax` rule reports: malformed YAML, several documents, an
/// empty file, a file over [`MAX_FILE_BYTES`], nesting deeper than [`MAX_DEPTH`], an alias bomb,
/// or a local tag such as `!include`.
pub fn parse(source: &str) -> Result<Node<'_>, SyntaxError> {
    parse_with::<Node>(source)
}

/// Parses like [`parse`], but without positions (every node is at [`Pos::START`]): the same tree
/// and the same syntax errors, at about the cost of a plain parse. For checks that need
/// positions only when they have something to report.
pub fn parse_unpositioned(source: &str) -> Result<Node<'_>, SyntaxError> {
    parse_with::<Unpositioned>(source).map(|n| n.0)
}

/// Deepest nesting [`parse_plain`] reads itself; deeper files go to serde-saphyr, whose budget
/// refuses them past [`MAX_DEPTH`]. A bot file nests six levels.
const PLAIN_MAX_DEPTH: usize = 32;

/// Most parser events [`parse_plain`] reads itself, far below serde-saphyr's budgets
/// (`MAX_NODES` nodes, four times as many events). A bot file has a few hundred.
const PLAIN_MAX_EVENTS: usize = 20_000;

/// Reads one bot file's text into its positioned tree: the reader every command uses (validate,
/// show, simulate, diff, edit, the language server). A plain file is read once, on
/// [`parse_plain`]'s fast path; anything else by serde-saphyr ([`parse`]), which stays the
/// reference. Both give the same tree, positions included, and the same errors.
pub fn read(source: &str) -> Result<Node<'_>, SyntaxError> {
    parse_plain(source).map_or_else(|| parse(source), Ok)
}

/// The fast path of [`parse`]: the hand-written scanner of `plain_scan` for the plain
/// subset bot files are written in ([`parse_scanned`]), else the tree built straight from the
/// events of granit-parser
/// (serde-saphyr's own parser, with the options serde-saphyr gives it), skipping serde-saphyr's
/// deserializer, for the plain files nearly every bot file is.
///
/// Positions come from the events' spans, exactly as serde-saphyr turns them into locations:
/// the line, the column (in characters) plus one, the length in characters. granit-parser's
/// scanner tracks the line and column of every mark anyway, so keeping them costs a copy of
/// three numbers per node; resolving byte offsets later would mean scanning the text again.
///
/// `None` means "ask serde-saphyr": it is the answer for anything whose reading needs more than
/// the parser, so that `Some` is always exactly what [`parse`] gives: a syntax
/// error; anchors, aliases, tags or a `%YAML` directive; more than one document; a root that is
/// not a mapping; a key that is not a string, or the merge key `<<`; a plain scalar whose
/// type is not obvious (`1e3`, `0x1F`, `007`, `-1`, `.5`, ...); nesting or size anywhere near a
/// budget. The property tests and the fuzz target check the equivalence on every input they try.
pub fn parse_plain(source: &str) -> Option<Node<'_>> {
    use granit_parser::Event;

    if source.len() > MAX_FILE_BYTES {
        return None;
    }
    // The plain subset bot files are written in, read by hand (several times faster than
    // granit-parser's scanner); anything else goes on to granit-parser's events.
    if let Some(root) = parse_scanned(source) {
        return Some(root);
    }
    // What serde-saphyr's `Options::parser_options` gives the parser for [`options`].
    let mut options = granit_parser::Options::default();
    options.simple_key_max_lookahead = 1024;
    options.flow_nesting_limit = 255;
    options.block_nesting_limit = options.block_nesting_limit.max(MAX_DEPTH + 1);
    options.emit_comments = false;
    options.strict_indentation = false;
    options.bom_inside_document_as_content = false;
    let parser = granit_parser::Parser::new_from_str_with_options(source, options);

    // Open collections, innermost last; the children of every open list and the entries of
    // every open mapping wait on two shared stacks, so each collection is allocated once, at its
    // final size, when it closes.
    let mut stack: Vec<Open> = Vec::new();
    let mut items: Vec<Node> = Vec::new();
    let mut entries: Vec<(Node, Node)> = Vec::new();
    let mut root = None;
    let mut documents = 0;
    for (events, item) in parser.enumerate() {
        if events > PLAIN_MAX_EVENTS {
            return None;
        }
        let (event, span) = item.ok()?;
        let node = match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => continue,
            Event::DocumentStart(_, version) => {
                documents += 1;
                if documents > 1 || version.is_some() {
                    return None;
                }
                continue;
            }
            Event::Scalar(text, style, anchor, tag) => {
                if anchor != 0 || tag.is_some() {
                    return None;
                }
                Node {
                    value: plain_scalar(text, style)?,
                    pos: span_pos(&span),
                }
            }
            Event::MappingStart(_, anchor, tag) | Event::SequenceStart(_, anchor, tag)
                if anchor != 0 || tag.is_some() =>
            {
                return None;
            }
            Event::MappingStart(..) => {
                stack.push(Open::Map {
                    start: entries.len(),
                    key: None,
                    pos: span_pos(&span),
                });
                if stack.len() > PLAIN_MAX_DEPTH {
                    return None;
                }
                continue;
            }
            Event::SequenceStart(..) => {
                // The root must be a mapping; anything else is serde-saphyr's to report.
                if stack.is_empty() {
                    return None;
                }
                stack.push(Open::Seq {
                    start: items.len(),
                    pos: span_pos(&span),
                });
                if stack.len() > PLAIN_MAX_DEPTH {
                    return None;
                }
                continue;
            }
            Event::MappingEnd => match stack.pop()? {
                Open::Map {
                    start,
                    key: None,
                    pos,
                } => Node {
                    value: Value::Map(entries.split_off(start)),
                    pos,
                },
                _ => return None,
            },
            Event::SequenceEnd => match stack.pop()? {
                Open::Seq { start, pos } => Node {
                    value: Value::Seq(items.split_off(start)),
                    pos,
                },
                Open::Map { .. } => return None,
            },
            // Aliases, anchors, comments: serde-saphyr's.
            _ => return None,
        };
        match stack.last_mut() {
            Some(Open::Seq { .. }) => items.push(node),
            Some(Open::Map { key, .. }) => match key.take() {
                Some(key) => entries.push((key, node)),
                None => match &node.value {
                    Value::Str(text) if text != "<<" => *key = Some(node),
                    _ => return None,
                },
            },
            None if root.is_none() && matches!(node.value, Value::Map(_)) => root = Some(node),
            None => return None,
        }
    }
    if stack.is_empty() { root } else { None }
}

/// A collection [`parse_plain`] is reading: where its children start on the shared stacks,
/// where it starts in the source and, for a mapping, the key waiting for its value.
enum Open<'a> {
    Seq {
        start: usize,
        pos: Pos,
    },
    Map {
        start: usize,
        key: Option<Node<'a>>,
        pos: Pos,
    },
}

/// A node's position from its event's span, as serde-saphyr's `location_from_span` computes it:
/// granit-parser's line (1-based), its column (0-based, in characters) plus one, and the span's
/// length in characters. Line 0 (no mark) reads as [`Pos::START`], as `Pos::from_location` does.
fn span_pos(span: &granit_parser::Span) -> Pos {
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

/// What serde-saphyr makes of an untagged scalar (options as [`options`] sets them: YAML 1.2
/// core schema, strict booleans, no legacy octal), or `None` where its reading is not obvious.
/// Quoted and block scalars are strings; a plain one is null, a boolean, a decimal integer, or
/// a string that no number parser accepts.
fn plain_scalar<'a>(text: Cow<'a, str>, style: granit_parser::ScalarStyle) -> Option<Value<'a>> {
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

/// The hand-written scanner alone (`plain_scan`), as [`parse_plain`] tries it first:
/// for the differential tests and the fuzz target, which check that whatever it reads,
/// serde-saphyr reads to the same tree.
#[doc(hidden)]
pub fn parse_scanned(source: &str) -> Option<Node<'_>> {
    if source.len() > MAX_FILE_BYTES {
        return None;
    }
    crate::plain_scan::read(source, PLAIN_MAX_DEPTH, PLAIN_MAX_EVENTS)
}

/// What serde-saphyr makes of the untagged plain scalar `text` ([`plain_scalar`]), for the
/// hand-written scanner of `plain_scan`.
pub(crate) fn plain_value(text: &str) -> Option<Value<'_>> {
    plain_scalar(Cow::Borrowed(text), granit_parser::ScalarStyle::Plain)
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

/// The parser places a tag error at the tagged value; point at the tag itself when it stands
/// earlier on the same line.
fn tag_position(source: &str, at: Pos, tag: &str) -> Pos {
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

/// The parser appends " at line N, column M"; we print the location ourselves.
fn strip_location_suffix(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
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
    use super::*;

    /// `parse_plain` either leaves a file to serde-saphyr or reads exactly what it reads,
    /// every position included.
    fn agrees(source: &str) -> Option<Node<'_>> {
        let plain = parse_plain(source);
        if let Some(tree) = &plain {
            assert_eq!(
                Ok(tree.clone()),
                parse(source),
                "the fast path read {source:?} differently"
            );
            assert_eq!(Ok(tree.without_positions()), parse_unpositioned(source));
            assert_eq!(read(source), Ok(tree.clone()));
        }
        plain
    }

    #[test]
    fn obvious_scalars_are_read_on_the_fast_path_as_serde_saphyr_reads_them() {
        for s in [
            "hello",
            "hello world",
            "15m",
            "2d",
            "4h",
            "10oz",
            "a1",
            "~",
            "null",
            "Null",
            "NULL",
            "nULL",
            "true",
            "True",
            "TRUE",
            "tRUE",
            "false",
            "yes",
            "no",
            "on",
            "off",
            "y",
            "0",
            "1",
            "42",
            "999999999999999999",
            "\"007\"",
            "'1e3'",
            "\"true\"",
            "''",
            "\"\"",
            "team@acme-realty.com",
            "agent:listed",
            "renting/only",
            "not now",
        ] {
            for doc in [
                format!("k: {s}\n"),
                format!("k: [{s}]\n"),
                format!("k:\n  - {s}\n"),
                format!("k: {{a: {s}}}\n"),
            ] {
                assert!(agrees(&doc).is_some(), "{doc:?} should take the fast path");
            }
        }
    }

    #[test]
    fn scalars_whose_type_is_not_obvious_are_left_to_serde_saphyr() {
        for s in [
            "1e3",
            "1E3",
            "0x1F",
            "0X1F",
            "0o17",
            "0b101",
            "007",
            "-1",
            "+1",
            "1.5",
            ".5",
            ".inf",
            "-.inf",
            ".nan",
            "inf",
            "Infinity",
            "NaN",
            "1_000",
            "1e",
            "0b",
            "1234567890123456789",
            "99999999999999999999999",
            "-",
            "+15125550123",
        ] {
            let doc = format!("k: {s}\n");
            assert_eq!(agrees(&doc), None, "{doc:?} should be left to serde-saphyr");
        }
    }

    #[test]
    fn files_that_need_serde_saphyr_are_left_to_it() {
        for doc in [
            "",
            "# only a comment\n",
            "- a\n- b\n",
            "just a scalar\n",
            "a: 1\n---\nb: 2\n",
            "%YAML 1.2\n---\na: 1\n",
            "a: &x 1\nb: *x\n",
            "a: *x\n",
            "a: !!str 1\n",
            "a: !include other.yaml\n",
            "!!map {a: 1}\n",
            "<<: {a: 1}\n",
            "? [a]\n: 1\n",
            "1: a\n",
            "null: a\n",
            ": a\n",
            "a: [\n",
            "a: b: c\n",
            "a:\n\t- b\n",
            "a: 'unterminated\n",
        ] {
            assert_eq!(agrees(doc), None, "{doc:?} should be left to serde-saphyr");
        }
        let deep = format!("a:\n{}x\n", "- ".repeat(40));
        assert_eq!(agrees(&deep), None);
        let big = format!("a: \"{}\"\n", "x".repeat(MAX_FILE_BYTES));
        assert_eq!(parse_plain(&big), None);
    }

    #[test]
    fn plain_files_keep_their_structure_on_the_fast_path() {
        let docs = [
            "---\na: 1\n...\n",
            "\u{feff}a: 1\n",
            "a: 1\na: 2\n",
            "a:\nb: ~\n",
            "a: |\n  line one\n  line two\n",
            "a: >-\n  folded\n  text\n",
            "a: multi\n  line plain\n",
            "a: {b: [c, {d: e}], f: []}\n",
            "\"quoted key\": 'single'\n",
            "a:\n  - b: 1\n    c: [x, y]\n  - - nested\n",
            "a: \"escapes \\u00e9 \\n\"\n",
            "a: 1\r\nb:\r\n  - c d\r\n",
            "a: b\tc\n",
            "a: caf\u{e9} \u{1f3e0}\n",
        ];
        for doc in docs {
            assert!(agrees(doc).is_some(), "{doc:?} should take the fast path");
        }
        let example = include_str!("../fixtures/valid/seller-outreach.yaml");
        assert!(agrees(example).is_some());
    }

    #[test]
    fn the_fast_path_keeps_duplicate_keys_in_order() {
        let Some(Node {
            value: Value::Map(entries),
            ..
        }) = agrees("b: 1\na: 2\nb: 3\n")
        else {
            panic!("expected a mapping");
        };
        let keys: Vec<_> = entries
            .iter()
            .map(|(k, _)| k.value.scalar_text().unwrap_or_default())
            .collect();
        assert_eq!(keys, ["b", "a", "b"]);
    }

    #[test]
    fn the_fast_path_gives_serde_saphyrs_positions() {
        // Block, flow and quoted scalars, empty values, multi-line and block scalars, a BOM,
        // CRLF, tabs, characters wider than a byte: every position as serde-saphyr gives it.
        for doc in [
            "a: 1\nbb:\n  - x\n  -  y\n  - {c: d, e: [f, 'g h']}\n",
            "a:\nb: ~\nc: ''\nd: \"\"\n",
            "a: |\n  one\n  two\nb: >-\n  folded\n  text\nc: after\n",
            "a: multi\n  line plain\nb: next\n",
            "\u{feff}a: 1\nb: 2\n",
            "---\na: 1\n...\n",
            "a: 1\r\nb:\r\n  - c d\r\n",
            "caf\u{e9}: x \u{1f3e0} \u{e9}t\u{e9}\nk\u{e9}: [a\u{e9}, x\u{1f3e0}, \"\u{e9}\"]\n",
            "a: b\tc\nd:\t e\n",
            "? a\n: b\n",
            "a:\n  -\n  - - x\n    - y\n",
            "\"k\\u00e9y\": 'it''s'\n",
        ] {
            assert!(agrees(doc).is_some(), "{doc:?} should take the fast path");
        }
        // And a spot check against hand-counted columns: `é` is one character.
        let Some(Node {
            value: Value::Map(entries),
            pos,
        }) = agrees("a\u{e9}\u{e9}: x\n  # c\nk: [a,  b]\n")
        else {
            panic!("expected a mapping");
        };
        assert_eq!((pos.line, pos.column), (1, 1));
        assert_eq!((entries[0].1.pos.line, entries[0].1.pos.column), (1, 6));
        let Value::Seq(items) = &entries[1].1.value else {
            panic!("expected a list");
        };
        assert_eq!(
            (items[1].pos.line, items[1].pos.column, items[1].pos.len),
            (3, 9, 1)
        );
    }
}
