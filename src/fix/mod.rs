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
pub use run::{Fixed, fix_text, fix_text_count, fix_text_lean};

use crate::diagnostic::Diagnostic;

/// The fix types live with the finding that carries them ([`crate::diagnostic`]).
pub use crate::diagnostic::{Fix, TextEdit};
pub use crate::validate::{is_fixable_rule, preset_card};

/// The fix of each finding: one entry per diagnostic, in the same order (`None` where the
/// finding has no machine-applicable fix): the fix each carries, `policy-violation` findings
/// included. `source` is the text they were found in.
pub fn fixes(source: &str, diagnostics: &[Diagnostic]) -> Vec<Option<Fix>> {
    let _ = source;
    crate::validate::carried(diagnostics)
}

/// The fixes the findings carry, borrowed (a file can have half a million): what `samictl fix`
/// applies. A `policy-violation` finding carries its fix from the policy check too
/// (`validate::fixes::policy`).
fn carried(diagnostics: &[Diagnostic]) -> Vec<Option<&Fix>> {
    diagnostics.iter().map(Diagnostic::fix).collect()
}
