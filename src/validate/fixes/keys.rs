//! Renames: a misspelt key or tag renamed to its one close candidate, with what the renamed key
//! then needs (`unknown-field`, `unknown-outcome`).

use super::place::{EntryRef, Place, one_close};
use super::{AfterRename, Fixer};
use crate::diagnostic::TextEdit;
use crate::outcome::Outcome;
use crate::product::Channel;
use crate::rules::Rule;
use crate::yaml::{Node, Value};
use std::collections::HashMap;

impl<'t> Fixer<'_, 't> {
    /// `unknown-field` / `unknown-outcome` (`rule`) on the key of `entry`: the key renamed to
    /// the one close candidate.
    pub(super) fn rename(
        &self,
        rule: Rule,
        entry: &EntryRef<'t>,
    ) -> Option<(bool, String, Vec<TextEdit>)> {
        let key = entry.key()?;
        let word = entry.key_text()?;
        let candidates: Vec<&str> = if rule == Rule::UnknownOutcome {
            match entry.place {
                Place::Outcomes => Outcome::tags().collect(),
                // A misspelt messaging tag: the five of the Messaging section.
                Place::Messaging => crate::product::Channel::Sms
                    .outcomes()
                    .into_iter()
                    .map(Outcome::as_str)
                    .collect(),
                _ => return None,
            }
        } else {
            if word == "locked"
                && matches!(entry.place, Place::UserAction(u) if u.fields().iter().all(|f| *f != "locked"))
            {
                // A user action can't be locked: the key changes nothing, whatever its value.
                let value = entry.value()?;
                let shown = value.value.scalar_text().unwrap_or_default();
                let edit = self.remove_entry(entry)?;
                return Some((
                    true,
                    format!("remove `locked: {shown}`: a user action can't be locked"),
                    vec![edit],
                ));
            }
            if word == "<<" {
                // An empty merge key merges nothing: removing it changes nothing.
                let empty = match &entry.value()?.value {
                    Value::Map(m) => m.is_empty(),
                    Value::Null => true,
                    _ => false,
                };
                if !empty {
                    return None;
                }
                let edit = self.remove_entry(entry)?;
                return Some((
                    true,
                    "remove the empty merge key `<<`".to_owned(),
                    vec![edit],
                ));
            }
            entry.place.known()?
        };
        let to = one_close(word, &candidates)?;
        // A key already there, or the target of another misspelt key of the same mapping
        // (`notfy1`, `notfy2`): no one right answer, and the rename would be a duplicate key.
        let taken = {
            let mut cache = self.keys_in.borrow_mut();
            let (present, claimed) = cache
                .entry(std::ptr::from_ref(entry.map) as usize)
                .or_insert_with(|| map_keys(entry.entries(), &candidates));
            present.contains(to) || claimed.get(to).is_some_and(|n| *n > 1)
        };
        if taken || to == word {
            return None;
        }
        let start = self.text.offset(key.pos)?;
        let end = self.text.node_end(key)?;
        let rename = self.text.edit(start, end, to);
        // What the renamed key would then be found to need is fixed by the same fix, so one
        // run of `samictl fix` reaches its fixed point and every count of fixes agrees.
        if let Some(then) = self.after_rename(entry, word, to) {
            return Some(match then {
                AfterRename::Remove(edit, why) => (true, why, vec![edit]),
                AfterRename::Value(mut edits, what) => {
                    edits.insert(0, rename);
                    (true, format!("rename `{word}` to `{to}` and {what}"), edits)
                }
            });
        }
        Some((true, format!("rename `{word}` to `{to}`"), vec![rename]))
    }

    /// Whether the `notify` block of `entry` holds a key its place doesn't define (a misspelt
    /// `owner`, which a rename fixes).
    pub(super) fn misspelt_inside(&self, entry: &EntryRef<'t>) -> bool {
        let place = match entry.place {
            Place::SmsCard(_) => Place::SmsNotify,
            _ => Place::Notify,
        };
        let Some(known) = place.known() else {
            return false;
        };
        match entry.value().map(|v| &v.value) {
            Some(Value::Map(entries)) => entries.iter().any(|(k, _)| match &k.value {
                Value::Str(s) => !known.contains(&(s.as_ref() as &str)),
                _ => true,
            }),
            _ => false,
        }
    }

    /// The fix a key renamed from `word` to `to` would need next: a `locked: false` or a
    /// `notify` block that notifies nobody or can't be on its card is removed; a YAML 1.1
    /// boolean value is rewritten.
    pub(super) fn after_rename(
        &self,
        entry: &EntryRef<'t>,
        word: &str,
        to: &str,
    ) -> Option<AfterRename> {
        if to == "notify"
            && let Place::Card(o) | Place::SmsCard(o) = entry.place
        {
            let channel = match entry.place {
                Place::SmsCard(_) => Channel::Sms,
                _ => Channel::Call,
            };
            let allowed = channel
                .rules()
                .iter()
                .find(|r| r.outcome == o)
                .is_some_and(|r| r.notify.is_allowed());
            let empty = match &entry.value()?.value {
                Value::Null => true,
                Value::Map(m) => m.is_empty(),
                _ => false,
            };
            let why = if !allowed {
                format!("remove the `{word}` block: {o} has no notifications")
            } else if empty {
                format!("remove the `{word}` block that notifies nobody")
            } else {
                return None;
            };
            return Some(AfterRename::Remove(self.remove_entry(entry)?, why));
        }
        let (_, what, edits) = self.boolean_of(entry, to)?;
        let removes = edits.first().is_some_and(|e| e.replacement.is_empty());
        Some(if removes {
            AfterRename::Remove(edits.into_iter().next()?, what)
        } else {
            AfterRename::Value(edits, what)
        })
    }
}

/// The string keys of a mapping, and how many of its unknown keys have each candidate as their
/// one close candidate (the keys a rename would claim).
fn map_keys<'t>(entries: &'t [(Node<'t>, Node<'t>)], candidates: &[&str]) -> super::MapKeys<'t> {
    let mut present = std::collections::HashSet::new();
    let mut claimed: HashMap<String, usize> = HashMap::new();
    for (k, _) in entries {
        let Value::Str(s) = &k.value else {
            continue;
        };
        let s: &'t str = s.as_ref();
        present.insert(s);
        if !candidates.contains(&s)
            && s != "locked"
            && s != "<<"
            && let Some(to) = one_close(s, candidates)
        {
            *claimed.entry(to.to_owned()).or_insert(0) += 1;
        }
    }
    (present, claimed)
}
