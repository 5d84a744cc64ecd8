//! The applier: a file's fixes made on its text in one linear pass over the chosen edits.

use crate::diagnostic::{Fix, TextEdit};

/// Applies fixes to the text they were computed for, all at once. Identical edits (such as the
/// one that writes every missing card under a missing `outcomes`) are applied once; a fix with
/// an edit that overlaps an edit already taken is left out (the next run picks it up).
pub fn apply<'f>(source: &str, fixes: impl IntoIterator<Item = &'f Fix>) -> String {
    let mut fixes: Vec<&Fix> = fixes.into_iter().filter(|f| !f.edits.is_empty()).collect();
    // Outer edits first where two start together, so a removed block wins over a fix inside it.
    fixes.sort_by_key(|f| {
        let start = f.edits.iter().map(|e| e.start).min().unwrap_or(0);
        let end = f.edits.iter().map(|e| e.end).max().unwrap_or(0);
        (start, std::cmp::Reverse(end))
    });
    let mut taken = Taken::default();
    for fix in fixes {
        let fits = fix.edits.iter().all(|e| {
            e.start <= e.end
                && e.end <= source.len()
                && source.is_char_boundary(e.start)
                && source.is_char_boundary(e.end)
                && !taken.overlaps(e)
        });
        if fits {
            for e in &fix.edits {
                taken.add(e);
            }
        }
    }
    let mut chosen = taken.edits;
    chosen.sort_by_key(|e| (e.start, e.end));
    let mut out = String::with_capacity(source.len());
    let mut at = 0;
    for e in chosen {
        out.push_str(&source[at..e.start]);
        out.push_str(&e.replacement);
        at = e.end;
    }
    out.push_str(&source[at..]);
    out
}

/// The edits taken so far, with an index that answers "does this overlap?" in logarithmic
/// time (a file can have tens of thousands of fixes).
#[derive(Default)]
struct Taken<'f> {
    edits: Vec<&'f TextEdit>,
    seen: std::collections::HashSet<&'f TextEdit>,
    /// Replacing (non-empty) spans, sorted by start, none overlapping another.
    spans: std::collections::BTreeMap<usize, usize>,
}

impl<'f> Taken<'f> {
    fn overlaps(&self, e: &TextEdit) -> bool {
        if self.seen.contains(e) {
            // An identical edit is applied once; it doesn't stop the fix.
            return false;
        }
        // The span starting last at or before e's start, and the one starting first after.
        let before = self.spans.range(..=e.start).next_back();
        let after = self.spans.range(e.start + 1..).next();
        let hit = |(&s, &end): (&usize, &usize)| overlaps_span(s, end, e.start, e.end);
        before.is_some_and(hit) || after.is_some_and(hit)
    }

    fn add(&mut self, e: &'f TextEdit) {
        if self.seen.insert(e) {
            if e.start < e.end {
                self.spans.insert(e.start, e.end);
            }
            self.edits.push(e);
        }
    }
}

/// Whether a replaced span `[s, end)` and an edit `[start, stop)` overlap; an insertion
/// (`start == stop`) overlaps only a span around its point, not one that starts or ends there.
fn overlaps_span(s: usize, end: usize, start: usize, stop: usize) -> bool {
    if start == stop {
        return s < start && start < end;
    }
    s < stop && start < end
}
