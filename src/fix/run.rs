//! `samictl fix` on one file: the fixes its findings carry applied together, pass after pass
//! while a pass uncovers more, and the result checked against the source's findings.

use super::{apply, carried};
use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Fix, Tally};
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
    /// The findings of the fixed text (empty from [`fix_text_count`]: read `tally`).
    pub after: Vec<Diagnostic>,
    /// How many errors and warnings the fixed text has (those of `after`).
    pub tally: Tally,
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
    fix_with(source, settings, include_unsafe, Keep::Both)
}

/// [`fix_text`] without the findings of the source: `before` is left empty, so the source's
/// findings and the result's are never held together (half a million findings are some
/// 80 MB a copy; issue 32). `samictl fix` reads only `after`.
pub fn fix_text_lean(source: &str, settings: &Settings, include_unsafe: bool) -> Fixed {
    fix_with(source, settings, include_unsafe, Keep::After)
}

/// [`fix_text_lean`] without the findings of the result either, only their count (`tally`;
/// `after` is left empty): what `samictl fix --diff` reads. A result found while trying the
/// fixes one at a time is then not checked again for its findings.
pub fn fix_text_count(source: &str, settings: &Settings, include_unsafe: bool) -> Fixed {
    fix_with(source, settings, include_unsafe, Keep::Count)
}

/// Which findings [`fix_with`] gives back.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Keep {
    /// The source's and the result's.
    Both,
    /// The result's.
    After,
    /// The count of the result's.
    Count,
}

fn fix_with(source: &str, settings: &Settings, include_unsafe: bool, keep: Keep) -> Fixed {
    let keep_before = keep == Keep::Both;
    // One read of the file for its findings and their fixes (the tree `check` would read),
    // dropped once they are found.
    // Whether the source is read without error, and if so whether it has a collection in flow
    // style (then it is not in `samictl fmt`'s layout).
    let (before, read_ok, flow) = {
        let read = yaml::read(source);
        match &read {
            Ok(root) => (
                crate::validate::check_tree(source, root, settings).diagnostics,
                true,
                crate::fmt::has_flow_collection(source, root),
            ),
            Err(_) => (check(source, settings).diagnostics, false, false),
        }
    };
    // `after` is the findings of the result: those of the source until something is fixed
    // (filled in where the source is given back unchanged, not copied up front).
    let mut fixed = Fixed {
        text: source.to_owned(),
        ..Fixed::default()
    };
    let unchanged = |mut fixed: Fixed, before: Vec<Diagnostic>| {
        fixed.tally = Tally::of(&before);
        match keep {
            Keep::Both => {
                fixed.after = before.clone();
                fixed.before = before;
            }
            Keep::After => fixed.after = before,
            Keep::Count => {}
        }
        fixed
    };
    if before.iter().any(|d| d.rule == Rule::YamlSyntax) {
        fixed.syntax_error = true;
        return unchanged(fixed, before);
    }
    // The fixes the findings carry, and the policy fixes.
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
        return unchanged(fixed, before);
    }
    let allowed = Budget::of(&before);
    // What a try one at a time needs of the source's findings: those with a chosen fix (few).
    let few = wanted.len() <= MAX_ONE_BY_ONE;
    let chosen: Vec<Diagnostic> = if few {
        wanted
            .iter()
            .filter_map(|&i| before.get(i).cloned())
            .collect()
    } else {
        Vec::new()
    };
    // Without `keep_before`, the source's findings are let go before the result is checked:
    // the chosen fixes are kept (copied), and the findings read again only where the fixes
    // are all refused.
    let owned: Vec<Fix>;
    let picked: Vec<&Fix> = if few {
        chosen.iter().filter_map(Diagnostic::fix).collect()
    } else {
        owned = wanted.iter().filter_map(|&i| first[i].cloned()).collect();
        owned.iter().collect()
    };
    drop(first);
    let before = keep_before.then_some(before);
    // A file in `samictl fmt`'s layout stays in it (docs/spec 18): whether the source is, asked
    // now, while no findings are held beside the formatter's tree. The source was read without
    // error above: it is not read again to be checked.
    let formatted = if read_ok {
        !flow && crate::fmt::is_formatted_read(source)
    } else {
        crate::fmt::is_formatted(source)
    };
    let (text, after, done) = run(source, settings, picked, include_unsafe, &[]);
    let source_findings = |before: Option<Vec<Diagnostic>>| {
        before.unwrap_or_else(|| check(source, settings).diagnostics)
    };
    let (text, after, tally, applied) = if allowed.admits(&after) {
        let tally = Tally::of(&after);
        (text, Some(after), tally, done)
    } else {
        drop((text, after, done));
        if !few {
            // Too many to try one at a time (each try re-validates the file): fix nothing.
            let before = source_findings(before);
            fixed.refused = wanted
                .iter()
                .filter_map(|&i| before.get(i).cloned())
                .collect();
            return unchanged(fixed, before);
        }
        // Later passes leave alone the findings whose fix was not chosen.
        let skip_except = |trial: &[usize]| -> Vec<Key> {
            (0..chosen.len())
                .filter(|k| !trial.contains(k))
                .filter_map(|k| chosen.get(k).map(Key::of))
                .collect()
        };
        // One fix at a time, each kept only when the result still keeps the promise. The
        // findings of the best result so far are not kept (they would be a second copy of
        // the file's findings during each try) unless it is the last try: only their count.
        let mut good: Vec<usize> = Vec::new();
        let mut best: Option<(String, Option<Vec<Diagnostic>>, Tally, Applied)> = None;
        for k in 0..chosen.len() {
            let mut trial = good.clone();
            trial.push(k);
            let skip = skip_except(&trial);
            let picked: Vec<&Fix> = trial
                .iter()
                .filter_map(|&k| chosen.get(k).and_then(Diagnostic::fix))
                .collect();
            let (text, after, done) = run(source, settings, picked, include_unsafe, &skip);
            if allowed.admits(&after) {
                good = trial;
                let last = k + 1 == chosen.len() && keep != Keep::Count;
                let tally = Tally::of(&after);
                best = Some((text, last.then_some(after), tally, done));
            } else if let Some(d) = chosen.get(k) {
                fixed.refused.push(d.clone());
            }
        }
        match best {
            None => return unchanged(fixed, source_findings(before)),
            Some((text, after, tally, done)) => {
                let after = match after {
                    None if keep != Keep::Count => Some(check(&text, settings).diagnostics),
                    after => after,
                };
                (text, after, tally, done)
            }
        }
    };
    if keep_before {
        fixed.before = source_findings(before);
    }
    (fixed.applied, fixed.uncovered) = applied;
    // What was inserted in a formatted file is laid out as the formatter would.
    let formatted = formatted && text != source;
    match formatted
        .then(|| crate::fmt::format_text(&text).ok())
        .flatten()
        .filter(|kept| *kept != text)
    {
        Some(kept) => {
            drop(after);
            fixed.after = check(&kept, settings).diagnostics;
            fixed.tally = Tally::of(&fixed.after);
            fixed.text = kept;
        }
        None => {
            fixed.after = after.unwrap_or_default();
            fixed.tally = tally;
            fixed.text = text;
        }
    }
    if keep == Keep::Count {
        fixed.after = Vec::new();
    }
    fixed
}

/// Applies the picked first-pass fixes, then, pass after pass, the fixes the result still has
/// (except those of findings in `skip`), until nothing changes. Gives the text, its findings
/// and what the applied fixes did.
fn run(
    source: &str,
    settings: &Settings,
    picked: Vec<&Fix>,
    include_unsafe: bool,
    skip: &[Key],
) -> Ran {
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
type Ran = (String, Vec<Diagnostic>, Applied);

/// What the first pass and the later passes applied (their descriptions).
type Applied = (Vec<String>, Vec<String>);
