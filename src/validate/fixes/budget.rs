//! What a fix may leave: the findings of the source, no more (docs/spec 13: a fix never
//! brings a finding the file doesn't have). `samictl fix` checks its result against the
//! [`Budget`] of the source; a rename or rewrite is checked when it is found ([`verify_rewrites`]).

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::Rule;
use std::collections::HashMap;

/// Most renames and rewrites of one file checked, and most bytes re-validated doing so (a file with
/// thousands of misspelt keys stays linear); past those, a fix is kept unchecked.
const MAX_VERIFIED: usize = 32;
const MAX_VERIFIED_BYTES: usize = 2 * 1024 * 1024;

/// Takes their fix from the renames and rewrites (`unknown-field`, `unknown-outcome`,
/// `unknown-placeholder`, `invalid-value`) whose result would have a finding the source
/// doesn't have (renaming `emials` to `emails` brings an invalid address under the rules;
/// `owner: yes` made `true` on SMS not-interested is a TCPA warning): such a fix has no one
/// right answer, and `samictl fix` would refuse it. These are the fixes that put unchecked
/// text or a new value under the rules; the others remove what was already checked. Each rename is applied alone and the result
/// checked; a finding of the result that has a safe fix of its own doesn't count (`samictl fix`
/// fixes it in the same run).
pub(super) fn verify_rewrites(source: &str, settings: &Settings, diagnostics: &mut [Diagnostic]) {
    let renames: Vec<usize> = diagnostics
        .iter()
        .enumerate()
        .filter(|(_, d)| {
            matches!(
                d.rule,
                Rule::UnknownField
                    | Rule::UnknownOutcome
                    | Rule::UnknownPlaceholder
                    | Rule::InvalidValue
            ) && d.fix().is_some_and(|f| f.safe)
        })
        .map(|(i, _)| i)
        .collect();
    if renames.is_empty() {
        return;
    }
    let allowed = Budget::of(diagnostics);
    let mut bytes = 0;
    for &i in renames.iter().take(MAX_VERIFIED) {
        bytes += source.len();
        if bytes > MAX_VERIFIED_BYTES {
            break;
        }
        let Some(fix) = diagnostics.get(i).and_then(Diagnostic::fix) else {
            continue;
        };
        let Some(text) = splice(source, &fix.edits) else {
            continue;
        };
        let after: Vec<Diagnostic> = super::super::check_unverified(&text, settings)
            .into_iter()
            .filter(|d| !d.fix().is_some_and(|f| f.safe))
            .collect();
        if !allowed.admits(&after)
            && let Some(d) = diagnostics.get_mut(i)
        {
            d.fix = None;
        }
    }
}

/// `source` with one fix's edits (in file order, none overlapping) made.
fn splice(source: &str, edits: &[crate::diagnostic::TextEdit]) -> Option<String> {
    let mut out = String::with_capacity(source.len());
    let mut at = 0;
    for e in edits {
        out.push_str(source.get(at..e.start)?);
        out.push_str(&e.replacement);
        at = e.end;
    }
    out.push_str(source.get(at..)?);
    Some(out)
}

/// A finding as compared before and after fixing: rule, severity and message with its numbers
/// masked (line numbers in messages move when lines are removed). The masked message is kept
/// as its hash: a file can have half a million findings, each compared without a copy of its
/// message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Key {
    rule: Rule,
    severity: Severity,
    message: u64,
}

impl Key {
    pub(crate) fn of(d: &Diagnostic) -> Key {
        use std::hash::Hasher;
        // The message with each run of digits written `#`, hashed a run of bytes at a time
        // (issue 32: half a million findings, twice a run).
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        let bytes = d.message.as_bytes();
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i].is_ascii_digit() {
                hasher.write(&bytes[start..i]);
                hasher.write(b"#");
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                start = i;
            } else {
                i += 1;
            }
        }
        hasher.write(&bytes[start..]);
        Key {
            rule: d.rule,
            severity: d.severity,
            message: hasher.finish(),
        }
    }
}

/// How many findings of each kind a fixed file may have: those of the source.
pub(crate) struct Budget(HashMap<Key, usize>);

/// The key of each run of findings with the same rule, severity and message, and the run's
/// length: a flood of one finding (half a million invalid recipients) is hashed once.
fn runs(diags: &[Diagnostic]) -> impl Iterator<Item = (Key, usize)> + '_ {
    diags
        .chunk_by(|a, b| a.rule == b.rule && a.severity == b.severity && a.message == b.message)
        .filter_map(|run| Some((Key::of(run.first()?), run.len())))
}

impl Budget {
    pub(crate) fn of(diags: &[Diagnostic]) -> Budget {
        let mut m = HashMap::new();
        for (k, n) in runs(diags) {
            *m.entry(k).or_insert(0) += n;
        }
        Budget(m)
    }

    pub(crate) fn admits(&self, diags: &[Diagnostic]) -> bool {
        let mut used: HashMap<Key, usize> = HashMap::new();
        runs(diags).all(|(k, n)| {
            let used = used.entry(k).or_insert(0);
            *used += n;
            *used <= self.0.get(&k).copied().unwrap_or(0)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::Pos;

    fn key(message: &str) -> Key {
        Key::of(&Diagnostic::new(Rule::InvalidValue, Pos::START, message))
    }

    #[test]
    fn a_budget_counts_findings_of_each_key_runs_or_not() {
        let d = |m: &str| Diagnostic::new(Rule::InvalidValue, Pos::START, m);
        let source = [d("a"), d("a"), d("b 1"), d("a")];
        let budget = Budget::of(&source);
        assert!(budget.admits(&source));
        assert!(budget.admits(&[d("a"), d("b 7"), d("a"), d("a")]));
        assert!(!budget.admits(&[d("a"), d("a"), d("a"), d("a")]));
        assert!(!budget.admits(&[d("b 1"), d("b 2")]));
        assert!(!budget.admits(&[d("c")]));
        assert!(budget.admits(&[]));
    }

    #[test]
    fn a_key_is_the_message_with_its_numbers_masked() {
        assert!(key("line 7 repeats line 3") == key("line 12 repeats line 40"));
        assert!(key("7") == key("123456"));
        assert!(key("line 7 repeats") != key("line 7 repeat"));
        assert!(key("a1b") != key("ab"));
        assert!(key("`owner` must be") != key("`email` must be"));
    }
}
