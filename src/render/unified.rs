//! A unified diff of two texts, for `samictl edit` to show before it writes.

use super::human::Palette;
use super::text::escape;
use crate::seqdiff::{Edit, sequence_diff};
use std::fmt::Write;

const CONTEXT: usize = 3;

/// `--- a/PATH` / `+++ b/PATH` and hunks with three lines of context; empty when equal.
pub fn unified(before: &str, after: &str, path: &str, p: &Palette) -> String {
    let old: Vec<&str> = before.lines().collect();
    let new: Vec<&str> = after.lines().collect();
    let edits = sequence_diff(&old, &new);
    // (edit, old line number, new line number), 1-based.
    let mut rows = Vec::with_capacity(edits.len());
    let (mut o, mut n) = (1usize, 1usize);
    for e in edits {
        rows.push((e, o, n));
        match e {
            Edit::Same(_) => {
                o += 1;
                n += 1;
            }
            Edit::Removed(_) => o += 1,
            Edit::Added(_) => n += 1,
        }
    }
    let changed: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, (e, _, _))| !matches!(e, Edit::Same(_)))
        .map(|(i, _)| i)
        .collect();
    if changed.is_empty() {
        return String::new();
    }
    // Group changes whose context overlaps into hunks.
    let mut hunks: Vec<(usize, usize)> = Vec::new();
    for &i in &changed {
        let start = i.saturating_sub(CONTEXT);
        let end = (i + CONTEXT + 1).min(rows.len());
        match hunks.last_mut() {
            Some(last) if start <= last.1 => last.1 = end,
            _ => hunks.push((start, end)),
        }
    }
    let path = escape(path);
    let mut out = Palette::paint(p.bold, &format!("--- a/{path}\n+++ b/{path}"));
    out.push('\n');
    for (start, end) in hunks {
        let slice = &rows[start..end];
        let old_count = slice
            .iter()
            .filter(|r| !matches!(r.0, Edit::Added(_)))
            .count();
        let new_count = slice
            .iter()
            .filter(|r| !matches!(r.0, Edit::Removed(_)))
            .count();
        let (_, o0, n0) = slice[0];
        let header = format!("@@ -{o0},{old_count} +{n0},{new_count} @@");
        let _ = writeln!(out, "{}", Palette::paint(p.help, &header));
        for (e, _, _) in slice {
            let line = match e {
                Edit::Same(l) => format!(" {}", escape(l)),
                Edit::Removed(l) => Palette::paint(p.error, &format!("-{}", escape(l))),
                Edit::Added(l) => Palette::paint(p.good, &format!("+{}", escape(l))),
            };
            let _ = writeln!(out, "{line}");
        }
    }
    out
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
}
