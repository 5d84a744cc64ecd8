//! The shape of a value: mappings (duplicate, unknown and missing keys), strings, booleans
//! and lists, each reported where it isn't what the format wants.

use super::booleans::CAPITALISED_BOOLEANS;
use super::fixes::{FixTarget, Place};
use super::messages::{Ctx, Problem};
use super::walker::{Entry, Walker, get_entry};
use crate::fields;
use crate::yaml::{Node, Pos, Value};
use std::borrow::Cow;
use std::collections::HashMap;

impl<'t> Walker<'_, 't> {
    /// The entries of a mapping, duplicates and non-scalar keys reported and dropped. A null
    /// value counts as an empty mapping; anything else is reported and gives `None`.
    pub(super) fn mapping(&mut self, value: &'t Node<'t>, what: Ctx) -> Option<Vec<Entry<'t>>> {
        match &value.value {
            Value::Map(entries) => Some(self.dedup(value, entries, what)),
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

    /// The entries of `map` (its `entries`), duplicates and non-scalar keys reported and
    /// dropped.
    pub(super) fn dedup(
        &mut self,
        map: &'t Node<'t>,
        entries: &'t [(Node<'t>, Node<'t>)],
        what: Ctx,
    ) -> Vec<Entry<'t>> {
        // Mappings in a bot file are small: a linear scan beats hashing. A hostile mapping
        // with thousands of keys is indexed instead, so the cost stays linear.
        let mut index: Option<HashMap<Cow<'t, str>, usize>> =
            (entries.len() > 32).then(|| HashMap::with_capacity(entries.len()));
        let mut out: Vec<Entry<'t>> = Vec::with_capacity(entries.len());
        for (i, (k, v)) in entries.iter().enumerate() {
            let text: Cow<'t, str> = match &k.value {
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
                None => out.iter().find(|seen| seen.text == text),
            };
            if let Some(first) = earlier {
                let first_line = first.key.pos.line;
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
            out.push(Entry {
                text,
                key: k,
                value: v,
                map,
                index: i,
            });
        }
        out
    }

    /// Reports keys outside `known` and returns the entries that are known.
    pub(super) fn known(
        &mut self,
        mut entries: Vec<Entry<'t>>,
        known: &[&str],
        what: Ctx,
    ) -> Vec<Entry<'t>> {
        entries.retain(|entry| {
            let is_known = known.contains(&entry.text.as_ref());
            if !is_known {
                self.unknown_field(entry, known, what);
            }
            is_known
        });
        entries
    }

    /// `unknown-field` on `entry`'s key, in a mapping of `what` that defines `known`; its fix
    /// renames the key (or removes the entry) in that kind of mapping.
    pub(super) fn unknown_field(&mut self, entry: &Entry<'t>, known: &[&str], what: Ctx) {
        let target = FixTarget::Key(entry.at(self.place(what)));
        self.report_fixable(
            entry.key.pos,
            Problem::UnknownField {
                what,
                key: &entry.text,
                known,
            },
            target,
        );
    }

    /// A required field, or a finding at `parent` naming what is missing.
    pub(super) fn required<'e>(
        &mut self,
        entries: &'e [Entry<'t>],
        name: &str,
        parent: Pos,
        what: Ctx,
    ) -> Option<&'e Entry<'t>> {
        let found = get_entry(entries, name);
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

    /// The boolean value of `entry` (key `name`, in a mapping of the kind `place`); a value
    /// written another way is reported with the entry as its fix's target.
    pub(super) fn boolean(&mut self, entry: &Entry<'t>, name: &str, place: Place) -> Option<bool> {
        let (key, value) = (entry.key, entry.value);
        let target = || FixTarget::Value(entry.at(place));
        match &value.value {
            // YAML 1.2 reads `True` and `FALSE` as booleans too; the format takes exactly
            // `true` and `false` (docs/spec 1 and 13: an `invalid-value` with a safe fix).
            Value::Bool(_)
                if let Some(token) = self
                    .token_at(value.pos)
                    .filter(|t| CAPITALISED_BOOLEANS.contains(t)) =>
            {
                self.report_fixable(
                    value.pos,
                    Problem::NotABoolean {
                        name,
                        found: "a capitalised boolean",
                        text: Some(token),
                    },
                    target(),
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
                self.report_fixable(
                    value.pos,
                    Problem::NotABoolean {
                        name,
                        found: other.kind(),
                        text,
                    },
                    target(),
                );
                None
            }
        }
    }

    pub(super) fn list(&mut self, name: &str, value: &'t Node<'t>) -> &'t [Node<'t>] {
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
