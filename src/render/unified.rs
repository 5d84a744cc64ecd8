//! A unified diff of two texts, for `samictl edit` to show before it writes.

use super::human::Palette;
use super::text::escape;
use crate::seqdiff::DIFF_DEADLINE;
use similar::{Algorithm, DiffOp, capture_diff_slices_deadline, group_diff_ops};
use std::fmt::Write;

const CONTEXT: usize = 3;

/// One line of a text: its content without its line break, and whether it has one (only the
/// last line of a text may not). Two lines differ when one of them ends the text without a line
/// break, so adding or removing the final line break is a change.
type Line<'a> = (&'a str, bool);

fn lines(text: &str) -> Vec<Line<'_>> {
    text.split_inclusive('\n')
        .map(|l| match l.strip_suffix('\n') {
            Some(l) => (l.strip_suffix('\r').unwrap_or(l), true),
            None => (l, false),
        })
        .collect()
}

/// `--- a/PATH` / `+++ b/PATH` and hunks with three lines of context; empty when equal. A last
/// line without a line break is followed by `\ No newline at end of file`, as diff and git
/// write it. The diff is Myers' (similar's: linear space), bounded by the same deadline as every
/// sequence diff, past which it is coarser but still correct.
pub fn unified(before: &str, after: &str, path: &str, p: &Palette) -> String {
    let old = lines(before);
    let new = lines(after);
    let deadline = std::time::Instant::now().checked_add(DIFF_DEADLINE);
    let ops = capture_diff_slices_deadline(Algorithm::Myers, &old, &new, deadline);
    let hunks = group_diff_ops(ops, CONTEXT);
    if hunks.is_empty() {
        return String::new();
    }
    // An absolute path is written as git writes it: `a/tmp/bot.yaml`, not `a//tmp/bot.yaml`.
    let path = escape(path.trim_start_matches('/'));
    let mut out = Palette::paint(p.bold, &format!("--- a/{path}\n+++ b/{path}"));
    out.push('\n');
    for hunk in hunks {
        let (Some(first), Some(last)) = (hunk.first(), hunk.last()) else {
            continue;
        };
        let (o, n) = (first.old_range().start, first.new_range().start);
        let (old_count, new_count) = (last.old_range().end - o, last.new_range().end - n);
        let header = format!("@@ -{},{old_count} +{},{new_count} @@", o + 1, n + 1);
        let _ = writeln!(out, "{}", Palette::paint(p.help, &header));
        for op in &hunk {
            let (removed, added) = match op {
                DiffOp::Equal { .. } => {
                    for line in &old[op.old_range()] {
                        write_line(&mut out, ' ', *line, |s| s);
                    }
                    continue;
                }
                DiffOp::Delete { .. } => (op.old_range(), 0..0),
                DiffOp::Insert { .. } => (0..0, op.new_range()),
                DiffOp::Replace { .. } => (op.old_range(), op.new_range()),
            };
            for line in &old[removed] {
                write_line(&mut out, '-', *line, |s| Palette::paint(p.error, &s));
            }
            for line in &new[added] {
                write_line(&mut out, '+', *line, |s| Palette::paint(p.good, &s));
            }
        }
    }
    out
}

/// One line of a hunk, escaped and painted, then the marker when it ends its text without a
/// line break.
fn write_line(
    out: &mut String,
    sign: char,
    (text, ends): Line<'_>,
    paint: impl Fn(String) -> String,
) {
    let _ = writeln!(out, "{}", paint(format!("{sign}{}", escape(text))));
    if !ends {
        out.push_str("\\ No newline at end of file\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunks_with_context() {
        let a = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n";
        let b = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n10\n11\n";
        let d = unified(a, b, "bot.yaml", &Palette::new(false));
        assert_eq!(
            d,
            "--- a/bot.yaml\n+++ b/bot.yaml\n@@ -2,9 +2,10 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n 9\n 10\n+11\n"
        );
        assert_eq!(unified(a, a, "x", &Palette::new(false)), "");
    }

    #[test]
    fn a_missing_final_line_break_is_a_change_and_is_marked() {
        let p = Palette::new(false);
        assert_eq!(
            unified("a\nb", "a\nb\n", "bot.yaml", &p),
            "--- a/bot.yaml\n+++ b/bot.yaml\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n"
        );
        assert_eq!(
            unified("a\nb\n", "a\nc", "bot.yaml", &p),
            "--- a/bot.yaml\n+++ b/bot.yaml\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n\\ No newline at end of file\n"
        );
        // Both without: the marker follows the context line too.
        assert_eq!(
            unified("x\na\nb", "y\na\nb", "f", &p),
            "--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n-x\n+y\n a\n b\n\\ No newline at end of file\n"
        );
        // Line breaks are compared, not their kind: CRLF against LF is no change.
        assert_eq!(unified("a\r\nb\r\n", "a\nb\n", "f", &p), "");
    }

    #[test]
    fn far_apart_changes_are_separate_hunks_and_an_empty_side_starts_at_one() {
        let p = Palette::new(false);
        let a: String = (1..=20).map(|i| format!("{i}\n")).collect();
        let b: String = (1..=20)
            .map(|i| match i {
                2 => "two\n".to_owned(),
                19 => "nineteen\n".to_owned(),
                i => format!("{i}\n"),
            })
            .collect();
        let d = unified(&a, &b, "f", &p);
        assert_eq!(d.matches("@@ -").count(), 2, "{d}");
        assert!(d.contains("@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n"), "{d}");
        assert!(
            d.contains("@@ -16,5 +16,5 @@\n 16\n 17\n 18\n-19\n+nineteen\n 20\n"),
            "{d}"
        );
        assert_eq!(
            unified("", "a\n", "f", &p),
            "--- a/f\n+++ b/f\n@@ -1,0 +1,1 @@\n+a\n"
        );
        // An absolute path: one slash after `a`, as git writes it.
        assert!(
            unified("", "a\n", "/tmp/bot.yaml", &p)
                .starts_with("--- a/tmp/bot.yaml\n+++ b/tmp/bot.yaml\n")
        );
    }
}
