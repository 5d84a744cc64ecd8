//! Human output for diagnostics, in the style of rustc:
//!
//! ```text
//! error[unknown-field]: unknown field `notfy` in outcome card `unqualified`
//!   --> bots/a.yaml:7:5
//!    |
//!  7 |     notfy:
//!    |     ^^^^^
//!    = help: did you mean `notify`?
//! ```

use super::text::{escape, width};
use super::{FileReport, Fixable};
use crate::diagnostic::{Diagnostic, Severity, Tally};
use crate::fix::Fix;
use crate::line_index::{LineIndex, Unit};
use anstyle::{AnsiColor, Style};
use std::fmt::Write;
use std::io;

/// Colours, or none.
#[derive(Clone, Copy, Debug)]
pub struct Palette {
    pub error: Style,
    pub warning: Style,
    pub note: Style,
    pub help: Style,
    pub bold: Style,
    pub good: Style,
}

impl Palette {
    pub fn new(color: bool) -> Palette {
        if !color {
            let plain = Style::new();
            return Palette {
                error: plain,
                warning: plain,
                note: plain,
                help: plain,
                bold: plain,
                good: plain,
            };
        }
        Palette {
            error: AnsiColor::Red.on_default().bold(),
            warning: AnsiColor::Yellow.on_default().bold(),
            note: AnsiColor::Blue.on_default().bold(),
            help: AnsiColor::Cyan.on_default().bold(),
            bold: Style::new().bold(),
            good: AnsiColor::Green.on_default().bold(),
        }
    }

    /// `text` in `style`.
    pub fn paint(style: Style, text: &str) -> String {
        format!("{}{text}{}", style.render(), style.render_reset())
    }
}

/// Where the human name of standard input differs from the JSON one.
pub fn display_path(path: &str) -> &str {
    if path == "-" { "<stdin>" } else { path }
}

/// Longest source excerpt shown, in characters; longer lines are cut around the caret.
const EXCERPT_MAX: usize = 120;

/// Renders a group of diagnostics that share rule, severity and place (such as one
/// `outcome-missing` per absent card): one heading line each, then the excerpt once, then
/// each distinct help.
pub fn diagnostic_group(
    out: &mut String,
    path: &str,
    line_text: Option<&str>,
    group: &[Diagnostic],
    p: &Palette,
) {
    diagnostic_group_with_fixes(out, path, line_text, group, &[], p);
}

/// As [`diagnostic_group`], with the fix of each diagnostic of the group (same order; missing
/// or `None` where there is none): each fix is shown as a `= fix:` line, marked unsafe where it
/// needs `--unsafe`.
pub fn diagnostic_group_with_fixes(
    out: &mut String,
    path: &str,
    line_text: Option<&str>,
    group: &[Diagnostic],
    fixes: &[Option<&Fix>],
    p: &Palette,
) {
    let line = line_text.map(Line::new);
    group_with_line(out, path, line.as_ref(), group, fixes, p);
}

/// A source line and where each of its characters starts, computed once per line so that
/// thousands of findings on one long line cost linear time, not quadratic.
struct Line<'a> {
    text: &'a str,
    index: LineIndex,
}

impl<'a> Line<'a> {
    fn new(text: &'a str) -> Line<'a> {
        let index = LineIndex::new(text);
        Line { text, index }
    }

    fn chars(&self) -> usize {
        self.index.units_before(self.text.len(), Unit::Char)
    }

    /// Characters `from..to` (character indexes, clamped).
    fn slice(&self, from: usize, to: usize) -> &'a str {
        let at = |n: usize| self.index.offset_of_units(n, Unit::Char);
        self.text.get(at(from)..at(to.max(from))).unwrap_or("")
    }
}

fn group_with_line(
    out: &mut String,
    path: &str,
    line_text: Option<&Line<'_>>,
    group: &[Diagnostic],
    fixes: &[Option<&Fix>],
    p: &Palette,
) {
    let Some(d) = group.first() else {
        return;
    };
    let (label, style) = match d.severity {
        Severity::Error => ("error", p.error),
        Severity::Warning => ("warning", p.warning),
    };
    // Written straight into `out`, without a string per piece: a file can have half a million
    // findings (issue 32). A plain palette writes no escape sequence at all.
    let on = |out: &mut String, style: Style| {
        if style != Style::new() {
            let _ = write!(out, "{}", style.render());
        }
    };
    let off = |out: &mut String, style: Style| {
        if style != Style::new() {
            let _ = write!(out, "{}", style.render_reset());
        }
    };
    let pad = |out: &mut String, n: usize| {
        const SPACES: &str = "                                ";
        let mut n = n;
        while n > 0 {
            let k = n.min(SPACES.len());
            out.push_str(&SPACES[..k]);
            n -= k;
        }
    };
    let bar = |out: &mut String| {
        on(out, p.note);
        out.push('|');
        off(out, p.note);
    };
    // `= help: ...`, `= fix: ...` after the gutter.
    let note = |out: &mut String, gutter: usize, style: Style, word: &str, text: &str| {
        pad(out, gutter + 1);
        on(out, p.note);
        out.push('=');
        off(out, p.note);
        out.push(' ');
        on(out, style);
        out.push_str(word);
        off(out, style);
        out.push_str(": ");
        escape_into(out, text);
    };
    for each in group {
        on(out, style);
        out.push_str(label);
        out.push('[');
        out.push_str(d.rule.id());
        out.push(']');
        off(out, style);
        on(out, p.bold);
        out.push_str(": ");
        escape_into(out, &each.message);
        off(out, p.bold);
        out.push('\n');
    }
    let gutter = digits(d.pos.line);
    pad(out, gutter);
    on(out, p.note);
    out.push_str("-->");
    off(out, p.note);
    out.push(' ');
    escape_into(out, display_path(path));
    let _ = writeln!(out, ":{}:{}", d.pos.line, d.pos.column);
    if let Some(src) = line_text {
        let (shown, caret_at, caret_len) = excerpt_of(src, d.pos.column, d.pos.len);
        pad(out, gutter + 1);
        bar(out);
        out.push('\n');
        on(out, p.note);
        let _ = write!(out, "{}", d.pos.line);
        off(out, p.note);
        out.push(' ');
        bar(out);
        out.push(' ');
        out.push_str(&shown);
        out.push('\n');
        pad(out, gutter + 1);
        bar(out);
        pad(out, 1 + caret_at);
        on(out, style);
        out.extend(std::iter::repeat_n('^', caret_len));
        off(out, style);
        out.push('\n');
    }
    // Findings of one rule at one place read as one block: each distinct help once, in order.
    let mut helps: Vec<&str> = Vec::new();
    for h in group.iter().filter_map(|d| d.help.as_deref()) {
        if !helps.contains(&h) {
            helps.push(h);
        }
    }
    if !helps.is_empty() && line_text.is_some() {
        pad(out, gutter + 1);
        bar(out);
        out.push('\n');
    }
    for help in helps {
        note(out, gutter, p.help, "help", help);
        out.push('\n');
    }
    // One line per kind of fix in the group: the first fix's description, and how many
    // more findings of the group have a fix of that kind (one per absent card, say).
    let mut shown: Vec<(bool, &str, usize)> = Vec::new();
    for fix in fixes.iter().flatten() {
        match shown.iter_mut().find(|(safe, _, _)| *safe == fix.safe) {
            Some((_, first, more)) if *first != fix.description => *more += 1,
            Some(_) => {}
            None => shown.push((fix.safe, &fix.description, 0)),
        }
    }
    for (safe, description, more) in shown {
        let kind = if safe {
            "fix"
        } else {
            "fix (unsafe, with `--unsafe`)"
        };
        note(out, gutter, p.good, kind, description);
        if more > 0 {
            let _ = write!(out, " (and {more} more like it)");
        }
        out.push('\n');
    }
    out.push('\n');
}

/// The number of decimal digits of `n`.
fn digits(n: u32) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

/// `text`, escaped (docs/spec 12), appended to `out`.
fn escape_into(out: &mut String, text: &str) {
    if super::text::plain_ascii(text.as_bytes(), false) {
        out.push_str(text);
    } else {
        out.push_str(&escape(text));
    }
}

/// The escaped line to show, the caret's display column and the caret's width.
#[cfg(test)]
fn excerpt(src: &str, column: u32, len: u32) -> (String, usize, usize) {
    excerpt_of(&Line::new(src), column, len)
}

/// As `excerpt`, on a line whose character offsets are known: the cost is the excerpt's
/// length, not the line's.
fn excerpt_of(line: &Line<'_>, column: u32, len: u32) -> (String, usize, usize) {
    let count = line.chars();
    let col = (column as usize).saturating_sub(1).min(count);
    let (start, prefix) = if count > EXCERPT_MAX && col > EXCERPT_MAX / 2 {
        (col - EXCERPT_MAX / 2, "…")
    } else {
        (0, "")
    };
    let end = (start + EXCERPT_MAX).min(count);
    let suffix = if end < count { "…" } else { "" };
    let before = line.slice(start, col);
    let span_end = (col + (len.max(1) as usize)).min(end.max(col + 1));
    let spanned = line.slice(col, span_end);
    let visible = line.slice(start, end);
    if super::text::plain_ascii(visible.as_bytes(), false) {
        // Printable ASCII (nearly every excerpt): nothing to escape, a column a byte (issue
        // 32: half a million excerpts of one line).
        let shown = format!("{prefix}{visible}{suffix}");
        return (shown, width(prefix) + before.len(), spanned.len().max(1));
    }
    let shown = format!("{prefix}{}{suffix}", escape(visible));
    let caret_at = width(prefix) + width(before);
    let caret_len = width(spanned).max(1);
    (shown, caret_at, caret_len)
}

/// Renders the diagnostics of every report, then a summary line.
pub fn validate_report(reports: &[FileReport], p: &Palette) -> String {
    super::emit::render(&Human(*p), reports)
}

/// Human output as a stream ([`super::emit`]): each file's findings, group by group, then the
/// summary lines.
#[derive(Clone, Copy, Debug)]
pub struct Human(pub Palette);

impl super::emit::Emit for Human {
    fn head(&self, _: &mut dyn io::Write, _: &super::emit::Totals) -> io::Result<()> {
        Ok(())
    }

    fn shows(&self, report: &FileReport) -> bool {
        !report.diagnostics.is_empty()
    }

    fn file(&self, out: &mut dyn io::Write, r: &FileReport) -> io::Result<()> {
        let p = &self.0;
        // Each source line is indexed once, however many findings point into it.
        let indexed: std::collections::BTreeMap<u32, Line<'_>> =
            r.lines.iter().map(|(n, l)| (*n, Line::new(l))).collect();
        let mut first = 0;
        // One group at a time, written as it is rendered (issue 32).
        let mut text = String::new();
        for group in r
            .diagnostics
            .chunk_by(|a, b| a.rule == b.rule && a.severity == b.severity && a.pos == b.pos)
        {
            let line = group.first().and_then(|d| indexed.get(&d.pos.line));
            let fixes: Vec<Option<&Fix>> = (first..first + group.len()).map(|i| r.fix(i)).collect();
            first += group.len();
            text.clear();
            group_with_line(&mut text, &r.path, line, group, &fixes, p);
            out.write_all(text.as_bytes())?;
        }
        Ok(())
    }

    fn tail(
        &self,
        out: &mut dyn io::Write,
        totals: &super::emit::Totals,
        _: bool,
    ) -> io::Result<()> {
        out.write_all(summary(totals.files, totals.tally, &self.0).as_bytes())?;
        out.write_all(fixable_summary(totals.fixable, &self.0).as_bytes())
    }
}

/// `help: 3 fixable with `samictl fix` (1 more with `--unsafe`)`; empty when nothing is.
pub fn fixable_summary(f: Fixable, p: &Palette) -> String {
    if f.safe == 0 && f.unsafe_only == 0 {
        return String::new();
    }
    let more = if f.unsafe_only > 0 {
        format!(" ({} more with `--unsafe`)", f.unsafe_only)
    } else {
        String::new()
    };
    format!(
        "{} {} fixable with `samictl fix`{more}\n",
        Palette::paint(p.help, "help:"),
        f.safe
    )
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// `checked 3 files: 2 errors, 1 warning`.
pub fn summary(files: usize, t: Tally, p: &Palette) -> String {
    let files = plural(files, "file");
    if t.errors == 0 && t.warnings == 0 {
        return format!(
            "{} checked {files}: no problems found\n",
            Palette::paint(p.good, "ok:")
        );
    }
    let (label, style) = if t.errors > 0 {
        ("error:", p.error)
    } else {
        ("warning:", p.warning)
    };
    format!(
        "{} checked {files}: {}, {}\n",
        Palette::paint(style, label),
        plural(t.errors, "error"),
        plural(t.warnings, "warning")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The block of a finding, in colour, as the pieces are painted one by one: writing it
    /// straight into the buffer (issue 32) changes no byte.
    #[test]
    fn a_coloured_block_is_the_painted_pieces() {
        use crate::rules::Rule;
        use crate::yaml::Pos;
        let p = Palette::new(true);
        let pos = Pos {
            line: 12,
            column: 5,
            len: 5,
        };
        let d = Diagnostic::new(Rule::UnknownField, pos, "unknown field `notfy` \u{1b}")
            .with_help("did you mean `notify`?");
        let fix = Fix {
            rule: Rule::UnknownField,
            safe: false,
            description: "rename `notfy` to `notify`".to_owned(),
            edits: Vec::new(),
        };
        let line = Line::new("    notfy: {}");
        let mut out = String::new();
        group_with_line(&mut out, "a.yaml", Some(&line), &[d], &[Some(&fix)], &p);
        let paint = Palette::paint;
        let expected = format!(
            "{}{}\n  {} a.yaml:12:5\n   {bar}\n{} {bar}     notfy: {{}}\n   {bar}     {}\n   {bar}\n   {} {}: did you mean `notify`?\n   {} {}: rename `notfy` to `notify`\n\n",
            paint(p.error, "error[unknown-field]"),
            paint(p.bold, ": unknown field `notfy` \\u{1b}"),
            paint(p.note, "-->"),
            paint(p.note, "12"),
            paint(p.error, "^^^^^"),
            paint(p.note, "="),
            paint(p.help, "help"),
            paint(p.note, "="),
            paint(p.good, "fix (unsafe, with `--unsafe`)"),
            bar = paint(p.note, "|"),
        );
        assert_eq!(out, expected);
        assert!(out.contains('\u{1b}'), "coloured");
    }

    #[test]
    fn excerpt_points_at_the_column() {
        assert_eq!(excerpt("    notfy:", 5, 5), ("    notfy:".to_owned(), 4, 5));
        // A zero-length span still gets one caret; tabs are one column.
        assert_eq!(excerpt("\tx: y", 2, 0), (" x: y".to_owned(), 1, 1));
        // Escaped control characters move the caret by their escaped width.
        let (shown, at, _) = excerpt("a\u{1b}b: c", 3, 1);
        assert_eq!(shown, "a\\u{1b}b: c");
        assert_eq!(at, 7);
    }

    #[test]
    fn long_lines_are_cut_around_the_caret() {
        let line = format!("{}: 1", "k".repeat(500));
        let (shown, at, len) = excerpt(&line, 501, 1);
        assert!(shown.chars().count() <= EXCERPT_MAX + 2);
        assert!(shown.starts_with('…'));
        assert_eq!(shown.chars().nth(at), Some(':'));
        assert_eq!(len, 1);
    }
}
