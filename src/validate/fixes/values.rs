//! Values written another way than the format reads them: YAML 1.1 and capitalised booleans,
//! `direction` in another case, unquoted phones, a misspelt placeholder (`invalid-value`,
//! `unknown-placeholder`).

use super::super::booleans::{YAML11_FALSE, YAML11_TRUE};
use super::Fixer;
use super::place::{EntryRef, ItemRef, Place};
use crate::diagnostic::TextEdit;
use crate::values::did_you_mean;
use crate::yaml::{Pos, Value};

impl<'t> Fixer<'_, 't> {
    /// The fix of `entry`'s value where key `key` (the entry's own, or the one a rename gives
    /// it) takes a boolean and the value is a YAML 1.1 or capitalised boolean (`invalid-value`
    /// on the value, or what a rename then needs).
    pub(super) fn boolean_of(
        &self,
        entry: &EntryRef<'t>,
        key: &str,
    ) -> Option<(bool, String, Vec<TextEdit>)> {
        let value = entry.value()?;
        let start = self.text.offset(value.pos)?;
        let written = self
            .text
            .node_end(value)
            .and_then(|end| self.text.src.get(start..end));
        let s: &str = match &value.value {
            Value::Str(s) => s,
            // `True` / `FALSE`: booleans to YAML 1.2, refused by the format.
            Value::Bool(_) => {
                written.filter(|w| super::super::booleans::CAPITALISED_BOOLEANS.contains(w))?
            }
            _ => return None,
        };
        let wants_bool = matches!(
            (entry.place, key),
            (Place::Notify | Place::SmsNotify, "owner")
                | (Place::MidCall, "confirm_time")
                | (Place::LockedAction, "locked")
        );
        // A plain or quoted scalar (`"true"` in a field that only takes a boolean means true);
        // not a tagged or anchored one.
        if !wants_bool || matches!(self.text.byte(start), Some(b'!' | b'&')) {
            return None;
        }
        let token = written.unwrap_or(s);
        let lower = s.to_lowercase();
        let truth = if YAML11_TRUE.contains(&lower.as_str()) {
            true
        } else if YAML11_FALSE.contains(&lower.as_str()) {
            false
        } else {
            return None;
        };
        if key == "locked" && !truth {
            // A locked action can't be disabled: `false` would be another error.
            let edit = self.remove_entry(entry)?;
            let written_key = entry.key_text()?;
            return Some((true, format!("remove `{written_key}: {token}`"), vec![edit]));
        }
        let end = self.text.node_end(value)?;
        Some((
            true,
            format!("write `{truth}` instead of `{token}`"),
            vec![self.text.edit(start, end, truth.to_string())],
        ))
    }

    /// `invalid-value` on a notify phone written unquoted (`+15125550142` reads as a number):
    /// the same text, quoted.
    pub(super) fn quote_phone(&self, item: &ItemRef<'t>) -> Option<(bool, String, Vec<TextEdit>)> {
        let holder = item.holder?;
        if holder.place != Place::Notify || holder.key_text()? != "phones" {
            return None;
        }
        let node = item.items().get(item.index)?;
        if !matches!(node.value, Value::Int(_)) {
            return None;
        }
        let start = self.text.offset(node.pos)?;
        let end = self.text.node_end(node)?;
        let token = self.text.src.get(start..end)?;
        let digits = token.strip_prefix('+')?;
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        // Quoted, it would repeat a phone of the list (a `duplicate-recipient` the next run
        // would remove): removed now, so one run reaches the fixed point.
        let repeated = item
            .items()
            .iter()
            .any(|other| matches!(&other.value, Value::Str(s) if s == token));
        if repeated {
            let edit = self.remove_item(item)?;
            return Some((
                true,
                format!("remove `{token}`: the list already has it"),
                vec![edit],
            ));
        }
        Some((
            true,
            format!("quote `{token}` so it stays a phone number"),
            vec![self.text.edit(start, end, format!("\"{token}\""))],
        ))
    }

    /// `invalid-value` on a `direction` written in another case (`Outbound`): the one right
    /// spelling.
    pub(super) fn direction(&self, entry: &EntryRef<'t>) -> Option<(bool, String, Vec<TextEdit>)> {
        if entry.place != Place::Bot || entry.key_text()? != "direction" {
            return None;
        }
        let value = entry.value()?;
        let Value::Str(s) = &value.value else {
            return None;
        };
        let right = crate::outcome::Direction::ALL
            .into_iter()
            .map(crate::outcome::Direction::as_str)
            .find(|r| r.eq_ignore_ascii_case(s) && *r != s.as_ref() as &str)?;
        let start = self.text.offset(value.pos)?;
        if matches!(self.text.byte(start), Some(b'!' | b'&' | b'*')) {
            return None;
        }
        let end = self.text.node_end(value)?;
        let written = self.text.src.get(start..end)?;
        Some((
            true,
            format!("write `{right}` instead of `{written}`"),
            vec![self.text.edit(start, end, right)],
        ))
    }

    /// `unknown-placeholder` on `name` (as the check read it), no placeholder and with one
    /// close candidate (`{{ contact.firstname }}`): the name, renamed. Only where the source
    /// text at the finding (`pos`) is that placeholder as written (no escapes in between).
    pub(super) fn placeholder(
        &self,
        pos: Pos,
        name: &str,
    ) -> Option<(bool, String, Vec<TextEdit>)> {
        let start = self.text.offset(pos)?;
        let rest = self.text.src.get(start..)?;
        let inner = rest.strip_prefix("{{")?;
        let close = inner.find("}}")?;
        let body = inner.get(..close)?;
        let written = body.trim();
        if written != name {
            return None;
        }
        let valid = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'.';
        if name.is_empty() || !name.bytes().all(valid) {
            return None;
        }
        let names: Vec<&str> = crate::product::PLACEHOLDERS
            .iter()
            .map(|(n, _)| *n)
            .collect();
        if names.contains(&name) {
            return None;
        }
        // The "did you mean" of the finding, when it stands clear of the rest: every other
        // name at least two edits further (`contact.firstname` is one edit from
        // `contact.first_name`, five from `contact.last_name`).
        let to = did_you_mean(name, names.iter().copied())?;
        let near = crate::values::edit_distance(name, to);
        if names
            .iter()
            .any(|n| *n != to && crate::values::edit_distance(name, n) < near + 2)
        {
            return None;
        }
        let lead = body.len() - body.trim_start().len();
        let name_start = start + 2 + lead;
        let name_end = name_start + name.len();
        Some((
            true,
            format!("rename `{{{{ {name} }}}}` to `{{{{ {to} }}}}`"),
            vec![self.text.edit(name_start, name_end, to)],
        ))
    }
}
