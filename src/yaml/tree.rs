//! The tree a bot file is read into: [`Node`] (a value and where it stands), [`Value`] (the
//! YAML data model, as far as the format needs it) and [`Pos`] (line, column and length), with
//! the helpers that read it.

use std::borrow::Cow;

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
}

/// A YAML node and where it stands. Strings borrow from the source where they can.
#[derive(Clone, Debug, PartialEq)]
pub struct Node<'a> {
    pub value: Value<'a>,
    pub pos: Pos,
}

/// The YAML data model, as far as the format needs it. Equality is structural, with `.nan`
/// equal to itself (so two readings of one file compare equal).
#[derive(Clone, Debug)]
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

impl PartialEq for Value<'_> {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Value::Null, Value::Null) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => {
                a.partial_cmp(b) == Some(std::cmp::Ordering::Equal) || (a.is_nan() && b.is_nan())
            }
            (Value::Str(a), Value::Str(b)) => a == b,
            (Value::Seq(a), Value::Seq(b)) => a == b,
            (Value::Map(a), Value::Map(b)) => a == b,
            _ => false,
        }
    }
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
            // The core schema's spellings of the non-finite floats, as written.
            Value::Float(f) if f.is_nan() => Some(".nan".to_owned()),
            Value::Float(f) if f.is_infinite() => {
                Some(if *f > 0.0 { ".inf" } else { "-.inf" }.to_owned())
            }
            Value::Float(f) => Some(f.to_string()),
            Value::Str(s) => Some(s.to_string()),
            Value::Seq(_) | Value::Map(_) => None,
        }
    }
}

impl<'a> Node<'a> {
    /// The same tree with every position cleared (what
    /// [`parse_unpositioned`](super::parse_unpositioned) gives).
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
