//! The fix of each finding, written from what the check that found it knew (docs/spec 13;
//! issue 25: a finding carries its fix from the moment it is found). `samictl fix`, the
//! language server's code actions and fix-all, the reports' "N fixable", JSON `fix` and SARIF
//! `fixes` all read [`Diagnostic::fix`]; nothing works a fix out again from a finding's rule,
//! position or message.
//!
//! How a fix gets to its finding: the check that reports a fixable finding records a typed
//! [`FixTarget`] next to it, by the finding's index in the walker's findings
//! (`Walker::targets`): the mapping and the entry's index, or the sequence and the item's
//! index with the entry holding it, the kind of mapping it is in ([`Place`]), and the facts the
//! check chose (the card an `outcome-missing` is about and its section, a placeholder's name,
//! a misplaced lock's `type`). When the walk ends, [`attach`] writes each finding's edits from
//! its target with the recipes below; no second walk of the tree looks for the node a finding
//! points at. A `policy-violation`'s fix is written from the policy check's typed remedy, also
//! by the finding's index (`Walker::remedies`, [`attach_policy`]), once the walk knows the file
//! has no other error.
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
//! policy check's typed remedy, written with the pure text layer `crate::edit_text`); [`place`]
//! holds the targets the checks record, [`text`] turns positions into byte spans, [`budget`]
//! keeps a rename from exposing a finding the file doesn't have.

pub(crate) mod budget;
mod cards;
mod keys;
pub(super) mod place;
mod policy;
mod remove;
mod text;
mod values;

pub use cards::preset_card;
pub(super) use policy::attach_policy;

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Fix, TextEdit};
use crate::rules::Rule;
use crate::yaml::{Node, Value};
pub(super) use place::{EntryRef, FixTarget, ItemRef, Place};
use place::{action_place, action_type};
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
/// just found, from the target the check recorded for it in `targets` (by the finding's
/// index). With `verify`, a rename whose result would have a finding the source doesn't have
/// gets no fix (see [`budget::verify_rewrites`]).
pub(super) fn attach<'t>(
    source: &str,
    root: &'t Node<'t>,
    settings: &Settings,
    diagnostics: &mut [Diagnostic],
    targets: &HashMap<usize, FixTarget<'t>>,
    verify: bool,
) {
    if targets.is_empty() {
        return;
    }
    let text = Text::new(source);
    let fixer = Fixer {
        text: &text,
        root,
        keys_in: Default::default(),
    };
    for (i, d) in diagnostics.iter_mut().enumerate() {
        if let Some(target) = targets.get(&i) {
            d.fix = fixer.fix(d, target).map(Box::new);
        }
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
    root: &'t Node<'t>,
    /// The string keys of each mapping a rename looked into, and the keys its misspelt keys
    /// would be renamed to, by the mapping's address, so that thousands of renames in one
    /// mapping cost linear time, not a scan each (issue 32).
    keys_in: std::cell::RefCell<HashMap<usize, MapKeys<'t>>>,
}

impl<'t> Fixer<'_, 't> {
    /// The fix of `d`, from `target`: what the check that found it knew.
    fn fix(&self, d: &Diagnostic, target: &FixTarget<'t>) -> Option<Fix> {
        let (safe, description, edits) = match (d.rule, target) {
            (Rule::UnknownField | Rule::UnknownOutcome, FixTarget::Key(entry)) => {
                self.rename(d.rule, entry)?
            }
            (Rule::InvalidValue, FixTarget::Value(entry)) => self
                .boolean_of(entry, entry.key_text()?)
                .or_else(|| self.direction(entry))?,
            (Rule::InvalidValue, FixTarget::Item(item)) => self.quote_phone(item)?,
            (Rule::UnknownPlaceholder, FixTarget::Placeholder(name)) => {
                self.placeholder(d.pos, name)?
            }
            (Rule::LockedActionDisabled, FixTarget::Key(entry)) => {
                if entry.key_text()? != "locked" {
                    return None;
                }
                let edit = self.remove_entry(entry)?;
                (true, "remove `locked: false`".to_owned(), vec![edit])
            }
            (Rule::LockedActionMismatch, FixTarget::Lock(item, type_name)) => {
                let edit = self.remove_item(item)?;
                (
                    true,
                    format!("remove the `{type_name}` item: it can't take effect here"),
                    vec![edit],
                )
            }
            (Rule::NotifyNotAllowed | Rule::NotifyEmpty, FixTarget::Key(entry)) => {
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
            (Rule::DuplicateRecipient | Rule::DuplicateAction, FixTarget::Item(item)) => {
                let node = item.items().get(item.index)?;
                let (safe, description) = match (&node.value, d.rule) {
                    (Value::Str(s), Rule::DuplicateRecipient) => {
                        (true, format!("remove the repeated `{s}`"))
                    }
                    (Value::Map(_), Rule::DuplicateAction) => {
                        // The type as SAMI names it, locked actions' too.
                        let name = match action_place(node) {
                            Place::UserAction(u) => u.as_str(),
                            Place::LockedAction => action_type(node).unwrap_or("action"),
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
            (Rule::OutcomeMissing, FixTarget::Card(outcome, channel)) => {
                self.add_card(*outcome, *channel)?
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
