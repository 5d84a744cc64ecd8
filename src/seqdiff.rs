//! A shortest-edit diff of two sequences (lines, list items): what `diff`'s criteria lines,
//! `test`'s expected and actual lists and `edit`'s unified diff show.

use std::hash::Hash;

/// One line of a sequence diff.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Edit<'a, T> {
    Same(&'a T),
    Removed(&'a T),
    Added(&'a T),
}

/// A shortest-edit diff of two sequences (Myers, from the `similar` crate): linear space, and
/// time that grows with the size of the change; past a deadline the diff is coarser but still
/// correct (every element is listed once, as kept, removed or added), so a hostile input cannot
/// make it slow.
pub(crate) fn sequence_diff<'a, T: Eq + Hash>(before: &'a [T], after: &'a [T]) -> Vec<Edit<'a, T>> {
    use similar::{Algorithm, DiffOp, capture_diff_slices_deadline};
    let deadline = std::time::Instant::now().checked_add(DIFF_DEADLINE);
    let ops = capture_diff_slices_deadline(Algorithm::Myers, before, after, deadline);
    let mut out = Vec::with_capacity(before.len().max(after.len()));
    for op in ops {
        let (_, old, new) = op.as_tag_tuple();
        match op {
            DiffOp::Equal { .. } => out.extend(before[old].iter().map(Edit::Same)),
            DiffOp::Delete { .. } => out.extend(before[old].iter().map(Edit::Removed)),
            DiffOp::Insert { .. } => out.extend(after[new].iter().map(Edit::Added)),
            DiffOp::Replace { .. } => {
                out.extend(before[old].iter().map(Edit::Removed));
                out.extend(after[new].iter().map(Edit::Added));
            }
        }
    }
    out
}

/// How long a sequence diff may search for the smallest change before settling for a
/// coarser one.
pub(crate) const DIFF_DEADLINE: std::time::Duration = std::time::Duration::from_millis(200);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequence_diff_marks_additions_and_removals() {
        let a = ["a", "b", "c"];
        let b = ["a", "c", "d"];
        let d = sequence_diff(&a, &b);
        assert_eq!(
            d,
            [
                Edit::Same(&"a"),
                Edit::Removed(&"b"),
                Edit::Same(&"c"),
                Edit::Added(&"d")
            ]
        );
    }
}
