//! The shape of a value: mappings (duplicate, unknown and missing keys), strings, booleans
//! and lists, each reported where it isn't what the format wants.

use super::booleans::CAPITALISED_BOOLEANS;
use super::messages::{Ctx, Problem};
use super::walker::{Entry, Walker, get};
use crate::fields;
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
                self.report(
                    value.pos,
                    Problem::NotAMapping {
                        what,
                        found: other.kind(),
                    },
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
                        self.report(
                            k.pos,
                            Problem::KeyNotScalar {
                                what,
                                found: k.value.kind(),
                            },
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
                let first_line = first.pos.line;
                self.report(
                    k.pos,
                    Problem::DuplicateKey {
                        what,
                        key: &text,
                        first_line,
                    },
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
    ) -> Vec<Entry<'n>> {
        entries.retain(|entry| {
            let is_known = known.contains(&entry.0.as_ref());
            if !is_known {
                self.unknown_field(&entry.0, entry.1, known, what);
            }
            is_known
        });
        entries
    }

    pub(super) fn unknown_field(&mut self, text: &str, key: &Node, known: &[&str], what: Ctx) {
        self.report(
            key.pos,
            Problem::UnknownField {
                what,
                key: text,
                known,
            },
        );
    }

    /// A required field, or a finding at `parent` naming what is missing.
    pub(super) fn required<'n>(
        &mut self,
        entries: &[Entry<'n>],
        name: &str,
        parent: Pos,
        what: Ctx,
    ) -> Option<(&'n Node<'n>, &'n Node<'n>)> {
        let found = get(entries, name);
        if found.is_none() {
            self.report(parent, Problem::Missing { what, name });
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
                self.report(key.pos, Problem::NoValue { name });
                None
            }
            other => {
                self.report(
                    value.pos,
                    Problem::NotAString {
                        name,
                        found: other.kind(),
                        scalar: value.value.scalar_text(),
                    },
                );
                None
            }
        }
    }

    pub(super) fn boolean(&mut self, key: &Node, name: &str, value: &Node) -> Option<bool> {
        match &value.value {
            // YAML 1.2 reads `True` and `FALSE` as booleans too; the format takes exactly
            // `true` and `false` (docs/spec 1 and 13: an `invalid-value` with a safe fix).
            Value::Bool(_)
                if let Some(token) = super::walker::token_at(self.source, value.pos)
                    .filter(|t| CAPITALISED_BOOLEANS.contains(t)) =>
            {
                self.report(
                    value.pos,
                    Problem::NotABoolean {
                        name,
                        found: "a capitalised boolean",
                        text: Some(token),
                    },
                );
                None
            }
            Value::Bool(b) => Some(*b),
            Value::Null => {
                self.report(key.pos, Problem::NoBoolean { name });
                None
            }
            other => {
                let text = match other {
                    Value::Str(s) => Some(s.as_ref()),
                    _ => None,
                };
                self.report(
                    value.pos,
                    Problem::NotABoolean {
                        name,
                        found: other.kind(),
                        text,
                    },
                );
                None
            }
        }
    }

    pub(super) fn list<'n>(&mut self, name: &str, value: &'n Node<'n>) -> &'n [Node<'n>] {
        match &value.value {
            Value::Seq(items) => items,
            Value::Null => &[],
            other => {
                self.report(
                    value.pos,
                    Problem::NotAList {
                        name,
                        found: other.kind(),
                    },
                );
                &[]
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Settings;
    use crate::rules::Rule;

    /// `True` and `FALSE` are booleans to YAML 1.2 but not to the format: an `invalid-value`
    /// at the value, on every reading (the fast paths and serde-saphyr, `findings` and
    /// `check`), with a safe fix to the lowercase word.
    #[test]
    fn capitalised_booleans_are_invalid_values_with_a_safe_fix() {
        let settings = Settings::default();
        for (word, fixed) in [("True", "true"), ("TRUE", "true"), ("False", "false")] {
            let plain = format!(
                "version: 1\nbot: {{name: x, direction: inbound}}\noutcomes:\n  contact-later:\n    mid_call:\n      confirm_time: {word}\n"
            );
            // A non-ASCII comment sends the file past the hand-written scanner.
            let slow = format!("# é\n{plain}");
            for (src, line) in [(plain.as_str(), 6), (slow.as_str(), 7)] {
                let findings = super::super::findings(src.as_bytes(), &settings);
                let checked = super::super::check(src, &settings).diagnostics;
                assert_eq!(findings, checked, "{src}");
                let d = findings
                    .iter()
                    .find(|d| d.rule == Rule::InvalidValue)
                    .unwrap_or_else(|| panic!("no invalid-value for {word}: {findings:?}"));
                assert_eq!((d.pos.line, d.pos.column), (line, 21), "{word}");
                let out = crate::fix::fix_text(src, &settings, false);
                assert!(
                    out.text.contains(&format!("confirm_time: {fixed}\n")),
                    "{}",
                    out.text
                );
            }
        }
        // Lowercase is what the format takes.
        let ok = "version: 1\nbot: {name: x, direction: inbound}\noutcomes:\n  contact-later:\n    mid_call:\n      confirm_time: true\n";
        assert!(
            super::super::findings(ok.as_bytes(), &settings)
                .iter()
                .all(|d| d.rule != Rule::InvalidValue)
        );
    }
}
