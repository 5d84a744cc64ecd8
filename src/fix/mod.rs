//! Fixes (docs/spec 13): what `samictl fix` does with the fixes findings carry.
//!
//! Every fix is attached to its finding by the check that finds it ([`Diagnostic::fix`], the
//! recipes in `validate::fixes`), and every consumer reads that one list: `samictl fix`
//! applies them ([`fix_text`]), the JSON and SARIF reports carry them, human output counts
//! them as "N fixable", and the language server offers them as quick fixes and fix-all.
//!
//! - [`apply`]: the applier, one pass over the chosen edits;
//! - [`run`]: the pass loop of `samictl fix` and its promise (no finding the source didn't have).
//!
//! A **safe** fix makes the file do what its author evidently meant and changes nothing else;
//! an **unsafe** fix changes what fires (removing a repeated action, adding a card from SAMI's
//! presets) and needs review.

mod apply;
mod run;
#[cfg(test)]
mod tests;

pub use apply::apply;
pub use run::{Fixed, fix_text};

use crate::config::Settings;
use crate::diagnostic::Diagnostic;
use crate::rules::Rule;
use std::borrow::Cow;

/// The fix types live with the finding that carries them ([`crate::diagnostic`]).
pub use crate::diagnostic::{Fix, TextEdit};
pub use crate::validate::{is_fixable_rule, preset_card};

/// The fix of each finding: one entry per diagnostic, in the same order (`None` where the
/// finding has no machine-applicable fix): the fix each carries. `source` is the text they
/// were found in.
pub fn fixes(source: &str, diagnostics: &[Diagnostic]) -> Vec<Option<Fix>> {
    let _ = source;
    crate::validate::carried(diagnostics)
}

/// [`fixes`], plus the unsafe fixes of `policy-violation` findings under `settings`'s org
/// policy (docs/spec 15: a missing required tag, task, recipient or owner alert is added
/// where the card allows it; see [`crate::policy_fix`]).
pub fn fixes_with_policy(
    source: &str,
    settings: &Settings,
    diagnostics: &[Diagnostic],
) -> Vec<Option<Fix>> {
    with_policy(fixes(source, diagnostics), source, settings, diagnostics)
}

/// `found` (the [`fixes`] of `diagnostics`) with the policy fixes [`fixes_with_policy`] adds.
pub fn with_policy(
    mut found: Vec<Option<Fix>>,
    source: &str,
    settings: &Settings,
    diagnostics: &[Diagnostic],
) -> Vec<Option<Fix>> {
    for (slot, d) in found.iter_mut().zip(diagnostics) {
        if slot.is_none()
            && d.rule == Rule::PolicyViolation
            && let Some(p) = crate::policy_fix::policy_fix(source, settings, d)
        {
            *slot = Some(Fix {
                rule: Rule::PolicyViolation,
                safe: false,
                description: p.description,
                edits: p.edits,
            });
        }
    }
    found
}

/// [`fixes_with_policy`], borrowing the fixes the findings carry (a file can have half a
/// million): what `samictl fix` applies.
fn carried_with_policy<'d>(
    source: &str,
    settings: &Settings,
    diagnostics: &'d [Diagnostic],
) -> Vec<Option<Cow<'d, Fix>>> {
    diagnostics
        .iter()
        .map(|d| match d.fix() {
            Some(f) => Some(Cow::Borrowed(f)),
            None if d.rule == Rule::PolicyViolation => {
                crate::policy_fix::policy_fix(source, settings, d).map(|p| {
                    Cow::Owned(Fix {
                        rule: Rule::PolicyViolation,
                        safe: false,
                        description: p.description,
                        edits: p.edits,
                    })
                })
            }
            None => None,
        })
        .collect()
}

/// The fixes a report offers (`validate`, its JSON and SARIF): [`fixes_with_policy`]. A rename
/// that `samictl fix` would refuse (the result would have a finding the source doesn't have)
/// carries no fix from the start.
pub fn report_fixes(
    source: &str,
    settings: &Settings,
    diagnostics: &[Diagnostic],
) -> Vec<Option<Fix>> {
    fixes_with_policy(source, settings, diagnostics)
}
