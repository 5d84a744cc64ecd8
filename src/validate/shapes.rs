//! The shape of a value: mappings (duplicate, unknown and missing keys), strings, booleans
//! and lists, each reported where it isn't what the format wants.

use super::messages::{Ctx, quote_list};
use super::walker::{Entry, Walker, get};
use crate::fields;
use crate::rules::Rule;
use crate::values::did_you_mean;
use crate::yaml::{Node, Pos, Value};
use std::borrow::Cow;
use std::collections::HashMap;

impl Walker<'_> {
    /// The entries of a mapping, duplicates and non-scalar keys reported and dropped. A null
    /// value counts as an empty mapping; anything else is reported and gives `None`.
    pub(super) fn mapping<'n>(&mut self, value: &'n Node<'n>, what: Ctx) -> Option<Vec<Entry<'n>>> {
        match &value.value {
            Value::Map(entries) => Some(self.dedup(entries, what)),
            Value::Null => Some(Vec::new()),
            other => {
                self.invalid(
                    value.pos,
                    format!("{what} must be a mapping, found {}", other.kind()),
                    None,
                );
                None
            }
        }
    }

    pub(super) fn dedup<'n>(
        &mut self,
        entries: &'n [(Node<'n>, Node<'n>)],
        what: Ctx,
    ) -> Vec<Entry<'n>> {
        // Mappings in a bot file are small: a linear scan beats hashing. A hostile mapping
        // with thousands of keys is indexed instead, so the cost stays linear.
        let mut index: Option<HashMap<Cow<'n, str>, usize>> =
            (entries.len() > 32).then(|| HashMap::with_capacity(entries.len()));
        let mut out: Vec<Entry<'n>> = Vec::with_capacity(entries.len());
        for (k, v) in entries {
            let text: Cow<'n, str> = match &k.value {
                Value::Str(s) => Cow::Borrowed(s),
                other => match other.scalar_text() {
                    Some(t) => Cow::Owned(t),
                    None => {
                        self.push(
                            Rule::UnknownField,
                            k.pos,
                            format!("{} can't be a key in {what}", k.value.kind()),
                            Some("keys in a bot file are plain names such as `notify`".to_owned()),
                        );
                        continue;
                    }
                },
            };
            let earlier = match &index {
                Some(index) => index.get(&text).and_then(|&i| out.get(i)),
                None => out.iter().find(|(seen, _, _)| *seen == text),
            };
            if let Some((_, first, _)) = earlier {
                let line = first.pos.line;
                self.push(
                    Rule::DuplicateKey,
                    k.pos,
                    format!("`{text}` is repeated in {what}"),
                    Some(format!(
                        "it is first written on line {line}; keep one of the two"
                    )),
                );
                continue;
            }
            if let Some(index) = &mut index {
                index.insert(text.clone(), out.len());
            }
            out.push((text, k, v));
        }
        out
    }

    /// Reports keys outside `known` and returns the entries that are known.
    pub(super) fn known<'n>(
        &mut self,
        mut entries: Vec<Entry<'n>>,
        known: &[&str],
        what: Ctx,
        unknown_help: Option<&str>,
    ) -> Vec<Entry<'n>> {
        entries.retain(|entry| {
            let is_known = known.contains(&entry.0.as_ref());
            if !is_known {
                self.unknown_field(&entry.0, entry.1, known, what, unknown_help);
            }
            is_known
        });
        entries
    }

    pub(super) fn unknown_field(
        &mut self,
        text: &str,
        key: &Node,
        known: &[&str],
        what: Ctx,
        unknown_help: Option<&str>,
    ) {
        let help = if text == "<<" {
            "merge keys (`<<`) are not part of the format: write the keys out".to_owned()
        } else if let Some(s) = did_you_mean(text, known.iter().copied()) {
            format!("did you mean `{s}`?")
        } else if let Some(h) = unknown_help {
            h.to_owned()
        } else {
            format!("the keys here are {}", quote_list(known.iter().copied()))
        };
        self.push(
            Rule::UnknownField,
            key.pos,
            format!("unknown field `{text}` in {what}"),
            Some(help),
        );
    }

    /// A required field, or a finding at `parent` naming what is missing.
    pub(super) fn required<'n>(
        &mut self,
        entries: &[Entry<'n>],
        name: &str,
        parent: Pos,
        what: Ctx,
        help: Option<String>,
    ) -> Option<(&'n Node<'n>, &'n Node<'n>)> {
        let found = get(entries, name);
        if found.is_none() {
            self.invalid(parent, format!("{what} is missing `{name}`"), help);
        }
        found
    }

    // ---- scalars ----

    pub(super) fn string(
        &mut self,
        key: &Node,
        name: &str,
        value: &Node,
        max: usize,
    ) -> Option<String> {
        match &value.value {
            Value::Str(s) => match fields::text(s, max) {
                Ok(()) => Some(s.to_string()),
                Err(problem) => {
                    self.field_problem(value.pos, &problem, name, s);
                    None
                }
            },
            Value::Null => {
                self.invalid(key.pos, format!("`{name}` has no value"), None);
                None
            }
            other => {
                let help = value
                    .value
                    .scalar_text()
                    .map(|t| format!("quote it to make it a string: `{name}: \"{t}\"`"));
                self.invalid(
                    value.pos,
                    format!("`{name}` must be a string, found {}", other.kind()),
                    help,
                );
                None
            }
        }
    }

    pub(super) fn boolean(&mut self, key: &Node, name: &str, value: &Node) -> Option<bool> {
        match &value.value {
            Value::Bool(b) => Some(*b),
            Value::Null => {
                self.invalid(
                    key.pos,
                    format!("`{name}` has no value"),
                    Some("write `true` or `false`".to_owned()),
                );
                None
            }
            other => {
                let help = match other {
                    Value::Str(s)
                        if ["yes", "no", "on", "off", "y", "n", "true", "false"]
                            .contains(&s.to_lowercase().as_str()) =>
                    {
                        format!(
                            "YAML 1.2 booleans are exactly `true` and `false`; `{s}` is a string"
                        )
                    }
                    _ => "write `true` or `false`".to_owned(),
                };
                self.invalid(
                    value.pos,
                    format!("`{name}` must be `true` or `false`, found {}", other.kind()),
                    Some(help),
                );
                None
            }
        }
    }

    pub(super) fn list<'n>(
        &mut self,
        name: &str,
        value: &'n Node<'n>,
        help: &str,
    ) -> &'n [Node<'n>] {
        match &value.value {
            Value::Seq(items) => items,
            Value::Null => &[],
            other => {
                self.invalid(
                    value.pos,
                    format!("`{name}` must be a list, found {}", other.kind()),
                    Some(help.to_owned()),
                );
                &[]
            }
        }
    }
}
