//! Rendering: turns checked results into text. Nothing here reads files or prints; every
//! function returns or appends to a `String` the CLI writes out.

pub mod behaviour;
pub mod diff;
pub mod fleet;
pub mod gitdiff;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod policy;
pub mod rules;
pub mod sarif;
pub mod show;
pub mod simulation;
pub mod tables;
pub mod text;
pub mod unified;

use crate::diagnostic::{Diagnostic, Tally};
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
}

impl FileReport {
    /// Builds a report, keeping the source lines the diagnostics point at.
    pub fn new(path: String, source: &str, diagnostics: Vec<Diagnostic>) -> FileReport {
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
        }
    }

    pub fn tally(&self) -> Tally {
        Tally::of(&self.diagnostics)
    }
}

/// Totals over a set of reports.
pub fn total(reports: &[FileReport]) -> Tally {
    let mut t = Tally::default();
    for r in reports {
        t.add(r.tally());
    }
    t
}
