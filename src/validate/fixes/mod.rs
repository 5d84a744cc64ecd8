//! The fix of each finding, attached to it by the check that finds it (docs/spec 13; issue
//! 25: a finding carries its fix from the moment it is found). `samictl fix`, the language
//! server's code actions and fix-all, the reports' "N fixable", JSON `fix` and SARIF `fixes`
//! all read [`Diagnostic::fix`]; nothing works a fix out again from a finding's rule, position
//! or message.
//!
//! Each edit replaces the smallest span of text the fix needs (a key, a scalar, whole lines of
//! a removed entry or item, an insertion point), located on the positioned tree the check
//! reads. Everything outside those spans stays byte for byte as it was: comments, blank lines,
//! key order, quoting and line ends. Inserted text uses the file's line ends (CRLF stays CRLF).
//!
//! A **safe** fix makes the file do what its author evidently meant and changes nothing else;
//! an **unsafe** fix changes what fires (removing a repeated action, adding a card from SAMI's
//! presets) and needs review.
//!
//! One module per family of recipes: [`keys`] (renames of misspelt keys and tags), [`values`]
//! (booleans, `direction`, phones, placeholders), [`remove`] (entries and items that can't take
//! effect or repeat), [`cards`] (missing cards), [`policy`] (a policy key's additions, from the
//! policy check's typed remedy, written with the pure text layer `crate::edit_text`); [`text`]
//! and [`place`] locate them, [`budget`] keeps a rename from exposing a finding the file
//! doesn't have.

pub(crate) mod budget;
mod cards;
mod keys;
mod place;
mod policy;
mod remove;
mod text;
mod values;

pub use cards::preset_card;
pub(super) use policy::attach_policy;

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Fix, TextEdit};
use crate::outcome::Outcome;
use crate::product::Channel;
use crate::rules::Rule;
use crate::yaml::{Node, Value};
use place::{At, Index, Place, action_place, at};
use std::collections::HashMap;
use text::Text;

/// Whether findings of `rule` can have a fix.
pub fn is_fixable_rule(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::UnknownField
            | Rule::UnknownOutcome
            | Rule::InvalidValue
            | Rule::UnknownPlaceholder
            | Rule::LockedActionDisabled
            | Rule::LockedActionMismatch
            | Rule::NotifyNotAllowed
            | Rule::NotifyEmpty
            | Rule::DuplicateRecipient
            | Rule::DuplicateAction
            | Rule::OutcomeMissing
            | Rule::PolicyViolation
    )
}

/// Attaches its fix to each finding of `diagnostics` the walk of `root` (read from `source`)
/// just found; `missing` names the card (and section) of each `outcome-missing` finding, by
/// its index. With
/// `verify`, a rename whose result would have a finding the source doesn't have gets no fix
/// (see [`budget::verify_rewrites`]).
pub(super) fn attach(
    source: &str,
    root: &Node<'_>,
    settings: &Settings,
    diagnostics: &mut [Diagnostic],
    missing: &HashMap<usize, (Outcome, Channel)>,
    verify: bool,
) {
    attach_indexed(source, root, settings, diagnostics, missing, verify, false);
}

/// [`attach`], with every node indexed when `every` (the tests' reference) instead of only
/// those the findings point at.
fn attach_indexed(
    source: &str,
    root: &Node<'_>,
    settings: &Settings,
    diagnostics: &mut [Diagnostic],
    missing: &HashMap<usize, (Outcome, Channel)>,
    verify: bool,
    every: bool,
) {
    if diagnostics.iter().all(|d| !is_fixable_rule(d.rule)) {
        return;
    }
    // Only the nodes a fixable finding points at are indexed (and, for `locked-action-mismatch`,
    // the action item holding the `type` it points at, found on a second walk).
    let mut wanted: Vec<At> = diagnostics
        .iter()
        .filter(|d| is_fixable_rule(d.rule))
        .map(|d| at(d.pos))
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut index = Index::wanting((!every).then(|| wanted.clone()));
    index.walk(root, Place::Root, None);
    let holders: Vec<At> = diagnostics
        .iter()
        .filter(|d| d.rule == Rule::LockedActionMismatch)
        .filter_map(|d| index.values.get(&at(d.pos)))
        .map(|entry| at(entry.map.pos))
        .filter(|p| wanted.binary_search(p).is_err())
        .collect();
    if !holders.is_empty() && !every {
        wanted.extend(holders);
        wanted.sort_unstable();
        wanted.dedup();
        index = Index::wanting(Some(wanted));
        index.walk(root, Place::Root, None);
    }
    let text = Text::new(source);
    let fixer = Fixer {
        text: &text,
        index: &index,
        root,
        keys_in: Default::default(),
    };
    for (i, d) in diagnostics.iter_mut().enumerate() {
        d.fix = fixer.fix(d, missing.get(&i).copied()).map(Box::new);
    }
    if verify {
        budget::verify_rewrites(source, settings, diagnostics);
    }
}

/// A mapping's string keys, and how many of its unknown keys each key would be renamed to.
type MapKeys<'t> = (std::collections::HashSet<&'t str>, HashMap<String, usize>);

/// What a rename needs next (see [`Fixer::after_rename`]).
enum AfterRename {
    /// The entry removed instead, and why.
    Remove(TextEdit, String),
    /// The value's edits, and what they do.
    Value(Vec<TextEdit>, String),
}

struct Fixer<'a, 't> {
    text: &'a Text<'a>,
    index: &'a Index<'t>,
    root: &'t Node<'t>,
    /// The string keys of each mapping a rename looked into, and the keys its misspelt keys
    /// would be renamed to, by the mapping's address, so that thousands of renames in one
    /// mapping cost linear time, not a scan each (issue 32).
    keys_in: std::cell::RefCell<HashMap<usize, MapKeys<'t>>>,
}

impl<'t> Fixer<'_, 't> {
    /// The fix of `d`; `missing` is the card an `outcome-missing` finding is about and its
    /// section, as the check that found it knows them.
    fn fix(&self, d: &Diagnostic, missing: Option<(Outcome, Channel)>) -> Option<Fix> {
        let (safe, description, edits) = match d.rule {
            Rule::UnknownField | Rule::UnknownOutcome => self.rename(d)?,
            Rule::InvalidValue => self
                .boolean(d)
                .or_else(|| self.quote_phone(d))
                .or_else(|| self.direction(d))?,
            Rule::UnknownPlaceholder => self.placeholder(d)?,
            Rule::LockedActionDisabled => {
                let entry = self.index.keys.get(&at(d.pos))?;
                if entry.key_text()? != "locked" {
                    return None;
                }
                let edit = self.remove_entry(entry)?;
                (true, "remove `locked: false`".to_owned(), vec![edit])
            }
            Rule::LockedActionMismatch => {
                let entry = self.index.values.get(&at(d.pos))?;
                if entry.key_text()? != "type" {
                    return None;
                }
                let type_name = match &entry.value()?.value {
                    Value::Str(s) => s.to_string(),
                    _ => return None,
                };
                let item = self.index.items.get(&at(entry.map.pos))?;
                if !std::ptr::eq(item.items().get(item.index)?, entry.map) {
                    return None;
                }
                let edit = self.remove_item(item)?;
                (
                    true,
                    format!("remove the `{type_name}` item: it can't take effect here"),
                    vec![edit],
                )
            }
            Rule::NotifyNotAllowed | Rule::NotifyEmpty => {
                let entry = self.index.keys.get(&at(d.pos))?;
                if d.rule == Rule::NotifyEmpty && self.misspelt_inside(entry) {
                    // `notify: {ownr: true}`: the rename is the fix, not the removal.
                    return None;
                }
                if entry.key_text()? != "notify"
                    || !matches!(entry.place, Place::Card(_) | Place::SmsCard(_))
                {
                    return None;
                }
                let edit = self.remove_entry(entry)?;
                let description = match entry.place {
                    Place::Card(o) | Place::SmsCard(o) if d.rule == Rule::NotifyNotAllowed => {
                        format!("remove the `notify` block: {o} has no notifications")
                    }
                    _ => "remove the `notify` block that notifies nobody".to_owned(),
                };
                (true, description, vec![edit])
            }
            Rule::DuplicateRecipient | Rule::DuplicateAction => {
                let item = self.index.items.get(&at(d.pos))?;
                let node = item.items().get(item.index)?;
                let (safe, description) = match (&node.value, d.rule) {
                    (Value::Str(s), Rule::DuplicateRecipient) => {
                        (true, format!("remove the repeated `{s}`"))
                    }
                    (Value::Map(_), Rule::DuplicateAction) => {
                        let name = match action_place(node) {
                            Place::UserAction(u) => u.as_str(),
                            _ => "action",
                        };
                        (
                            false,
                            format!("remove the repeated `{name}` action (it would run once)"),
                        )
                    }
                    _ => return None,
                };
                let edit = self.remove_item(item)?;
                (safe, description, vec![edit])
            }
            Rule::OutcomeMissing => {
                let (outcome, channel) = missing?;
                self.add_card(outcome, channel)?
            }
            _ => return None,
        };
        Some(Fix {
            rule: d.rule,
            safe,
            description,
            edits,
        })
    }
}

#[cfg(test)]
mod tests;
