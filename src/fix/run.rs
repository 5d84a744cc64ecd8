//! `samictl fix` on one file: the fixes its findings carry applied together, pass after pass
//! while a pass uncovers more, and the result checked against the source's findings.

use super::{apply, carried};
use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Fix};
use crate::rules::Rule;
use crate::validate::check;
use crate::validate::fixes::budget::{Budget, Key};
use crate::yaml;

/// What fixing one file gave.
#[derive(Clone, Debug, Default)]
pub struct Fixed {
    /// The fixed text; equal to the source when nothing was fixed.
    pub text: String,
    /// The findings of the source.
    pub before: Vec<Diagnostic>,
    /// The findings of the fixed text.
    pub after: Vec<Diagnostic>,
    /// What the fix of each fixed finding of the source did (descriptions, in file order).
    /// Its length is the count `validate` gives as "N fixable", the JSON and SARIF reports
    /// as fixes and the language server's fix-all as "N fixes".
    pub applied: Vec<String>,
    /// What the fixes of findings the applied fixes uncovered did (a later pass; rare, as a
    /// fix also fixes what it would uncover where it can). Not counted in `applied`.
    pub uncovered: Vec<String>,
    /// Findings with an unsafe fix that was not applied (no `--unsafe`).
    pub unsafe_left: usize,
    /// Findings whose fix was not applied because the result would have had a finding the
    /// source didn't have.
    pub refused: Vec<Diagnostic>,
    /// The source has a `yaml-syntax` finding: it is left alone.
    pub syntax_error: bool,
}

impl Fixed {
    pub fn changed(&self, source: &str) -> bool {
        self.text != source
    }
}

/// Most passes of fixes over one file; a fix can uncover another (a `notify` block renamed on
/// opt-out is then removed), and every pass removes at least one finding.
const MAX_PASSES: usize = 8;

/// Most fixes tried one at a time when applying them all together would add a finding.
const MAX_ONE_BY_ONE: usize = 200;

/// Fixes a file's text: every safe fix (and every unsafe one with `include_unsafe`) applied
/// together, repeated while a pass uncovers more, then checked: the result must not have a
/// finding the source didn't have. When it would, each fix is tried alone and only those
/// that keep that promise are applied. A file with a `yaml-syntax` finding is left alone.
pub fn fix_text(source: &str, settings: &Settings, include_unsafe: bool) -> Fixed {
    // One read of the file for its findings and their fixes (the tree `check` would read).
    let read = yaml::read(source);
    let before = match &read {
        Ok(root) => crate::validate::check_tree(source, root, settings).diagnostics,
        Err(_) => check(source, settings).diagnostics,
    };
    // `after` is the findings of the result: those of the source until something is fixed
    // (filled in where the source is given back unchanged, not copied up front).
    let mut fixed = Fixed {
        text: source.to_owned(),
        before,
        ..Fixed::default()
    };
    let unchanged = |mut fixed: Fixed| {
        fixed.after = fixed.before.clone();
        fixed
    };
    if fixed.before.iter().any(|d| d.rule == Rule::YamlSyntax) {
        fixed.syntax_error = true;
        return unchanged(fixed);
    }
    // The fixes the findings carry, and the policy fixes.
    let before = std::mem::take(&mut fixed.before);
    let first = carried(&before);
    fixed.unsafe_left = if include_unsafe {
        0
    } else {
        first.iter().flatten().filter(|f| !f.safe).count()
    };
    let wanted: Vec<usize> = first
        .iter()
        .enumerate()
        .filter(|(_, f)| f.as_ref().is_some_and(|f| f.safe || include_unsafe))
        .map(|(i, _)| i)
        .collect();
    if wanted.is_empty() {
        drop(first);
        fixed.before = before;
        return unchanged(fixed);
    }
    let allowed = Budget::of(&before);
    // Later passes leave alone the findings whose fix was not chosen.
    let skip_except = |chosen: &[usize]| -> Vec<Key> {
        wanted
            .iter()
            .filter(|i| !chosen.contains(i))
            .filter_map(|&i| before.get(i).map(Key::of))
            .collect()
    };
    let (text, after, done) = run(source, settings, &first, &wanted, include_unsafe, &[]);
    let (text, after, applied) = if allowed.admits(&after) {
        (text, after, done)
    } else if wanted.len() > MAX_ONE_BY_ONE {
        // Too many to try one at a time (each try re-validates the file): fix nothing.
        fixed.refused = wanted
            .iter()
            .filter_map(|&i| before.get(i).cloned())
            .collect();
        drop(first);
        fixed.before = before;
        return unchanged(fixed);
    } else {
        // One fix at a time, each kept only when the result still keeps the promise.
        let mut good: Vec<usize> = Vec::new();
        let mut best = (source.to_owned(), before.clone(), Default::default());
        for &i in &wanted {
            let mut trial = good.clone();
            trial.push(i);
            let skip = skip_except(&trial);
            let (text, after, done) = run(source, settings, &first, &trial, include_unsafe, &skip);
            if allowed.admits(&after) {
                good = trial;
                best = (text, after, done);
            } else if let Some(d) = before.get(i) {
                fixed.refused.push(d.clone());
            }
        }
        best
    };
    drop(first);
    fixed.before = before;
    (fixed.applied, fixed.uncovered) = applied;
    // A file in `samictl fmt`'s layout stays in it (docs/spec 18): what was inserted is
    // laid out as the formatter would.
    let kept = crate::fmt::keep_formatted(source, text.clone());
    fixed.after = if kept == text {
        after
    } else {
        check(&kept, settings).diagnostics
    };
    fixed.text = kept;
    fixed
}

/// Applies the chosen first-pass fixes, then, pass after pass, the fixes the result still has
/// (except those of findings in `skip`), until nothing changes. Gives the text, its findings
/// and what the applied fixes did.
fn run(
    source: &str,
    settings: &Settings,
    first: &[Option<&Fix>],
    chosen: &[usize],
    include_unsafe: bool,
    skip: &[Key],
) -> Ran {
    let picked: Vec<&Fix> = chosen
        .iter()
        .filter_map(|&i| first.get(i).copied().flatten())
        .collect();
    // Looked up once per finding of every pass: a set, not a scan (issue 32).
    let skip: std::collections::HashSet<&Key> = skip.iter().collect();
    let done: Vec<String> = picked.iter().map(|f| f.description.clone()).collect();
    let mut later = Vec::new();
    let mut text = apply(source, picked);
    let mut diags = check(&text, settings).diagnostics;
    for _ in 1..MAX_PASSES {
        let next = carried(&diags);
        let pick = next
            .iter()
            .zip(&diags)
            .filter(|(f, d)| {
                f.as_ref().is_some_and(|f| f.safe || include_unsafe) && !skip.contains(&Key::of(d))
            })
            .filter_map(|(f, _)| *f)
            .collect::<Vec<_>>();
        let new_text = apply(&text, pick.iter().copied());
        if new_text == text {
            break;
        }
        later.extend(pick.iter().map(|f| f.description.clone()));
        drop(next);
        diags = check(&new_text, settings).diagnostics;
        text = new_text;
    }
    (text, diags, (done, later))
}

/// What [`run`] gives: the text, its findings, and what the first pass and the later passes
/// applied.
type Ran = (String, Vec<Diagnostic>, (Vec<String>, Vec<String>));
