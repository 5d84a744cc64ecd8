//! Rendering: turns checked results into text. Nothing here reads files or prints; every
//! function returns or appends to a `String` the CLI writes out.

pub mod behaviour;
pub mod behaviour_diff;
pub mod changed_bots;
pub mod emit;
pub mod fit;
pub mod fleet;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod policy;
pub mod rules;
pub mod sarif;
pub mod show;
pub mod simulation;
pub mod stream;
pub mod tables;
pub mod tcpa;
pub mod text;
pub mod unified;

use crate::diagnostic::{Diagnostic, Tally};
use crate::fix::{self, Fix};
use std::collections::BTreeMap;

/// One checked file as the renderers need it: its path as shown to the user, its findings,
/// and only the source lines those findings point at (the rest of the file is not kept).
#[derive(Clone, Debug, Default)]
pub struct FileReport {
    /// The path as given, or as found under a given directory (`-` for standard input).
    pub path: String,
    pub diagnostics: Vec<Diagnostic>,
    /// Source lines by 1-based number, for the lines the diagnostics point at.
    pub lines: BTreeMap<u32, String>,
    /// The fix of each diagnostic, in the same order (`None`: no machine-applicable fix).
    pub fixes: Vec<Option<Fix>>,
}

impl FileReport {
    /// Builds a report, keeping the source lines the diagnostics point at, and computes the
    /// fix of each diagnostic (docs/spec 13) from the source.
    pub fn new(path: String, source: &str, diagnostics: Vec<Diagnostic>) -> FileReport {
        let fixes = fix::fixes(source, &diagnostics);
        FileReport::with_fixes(path, source, diagnostics, fixes)
    }

    /// A report with the fixes already computed (one per diagnostic, as
    /// [`crate::validate::findings_and_fixes`] gives them).
    pub fn with_fixes(
        path: String,
        source: &str,
        diagnostics: Vec<Diagnostic>,
        fixes: Vec<Option<Fix>>,
    ) -> FileReport {
        let mut wanted: Vec<u32> = diagnostics.iter().map(|d| d.pos.line).collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut lines = BTreeMap::new();
        if !wanted.is_empty() {
            for (i, line) in source.split('\n').enumerate() {
                let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
                if wanted.binary_search(&n).is_ok() {
                    lines.insert(n, line.strip_suffix('\r').unwrap_or(line).to_owned());
                }
                if n >= *wanted.last().unwrap_or(&0) {
                    break;
                }
            }
        }
        FileReport {
            path,
            diagnostics,
            lines,
            fixes,
        }
    }

    pub fn tally(&self) -> Tally {
        Tally::of(&self.diagnostics)
    }

    /// The fix of the `i`-th diagnostic, if it has one.
    pub fn fix(&self, i: usize) -> Option<&Fix> {
        self.fixes.get(i).and_then(Option::as_ref)
    }

    /// How many findings have a safe fix, and how many more an unsafe one.
    pub fn fixable(&self) -> Fixable {
        let mut f = Fixable::default();
        for fix in self.fixes.iter().flatten() {
            if fix.safe {
                f.safe += 1;
            } else {
                f.unsafe_only += 1;
            }
        }
        f
    }
}

/// Counts of fixable findings: with `samictl fix`, and more with `samictl fix --unsafe`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Fixable {
    pub safe: usize,
    pub unsafe_only: usize,
}

/// `fix: DESCRIPTION` (`fix (unsafe, with --unsafe): ...`), the line the plain-text formats
/// (GitHub annotations, JUnit) add to a fixable finding.
pub fn fix_line(fix: &Fix) -> String {
    if fix.safe {
        format!("fix: {} (samictl fix)", text::escape(&fix.description))
    } else {
        format!(
            "fix (unsafe): {} (samictl fix --unsafe)",
            text::escape(&fix.description)
        )
    }
}

/// Fixable findings over a set of reports.
pub fn fixable(reports: &[FileReport]) -> Fixable {
    let mut t = Fixable::default();
    for r in reports {
        let f = r.fixable();
        t.safe += f.safe;
        t.unsafe_only += f.unsafe_only;
    }
    t
}

/// Totals over a set of reports.
pub fn total(reports: &[FileReport]) -> Tally {
    let mut t = Tally::default();
    for r in reports {
        t.add(r.tally());
    }
    t
}
