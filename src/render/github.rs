//! `validate --format github`: GitHub Actions workflow commands, shown as annotations.

use super::FileReport;
use super::emit::{Emit, Totals};
use super::text::escape;
use crate::diagnostic::Severity;
use std::fmt::Write as _;
use std::io::{self, Write};

/// Escapes the message part (`%`, CR, LF), as the runner requires.
fn escape_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    data_into(&mut out, s);
    out
}

/// [`escape_data`] of `s`, appended to `out`.
fn data_into(out: &mut String, s: &str) {
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let escaped = match b {
            b'%' => "%25",
            b'\r' => "%0D",
            b'\n' => "%0A",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        out.push_str(escaped);
        start = i + 1;
    }
    out.push_str(&s[start..]);
}

/// Escapes a property value: as data, plus `:` and `,`.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One `::error` or `::warning` line per finding, then a `::notice` summary.
pub fn validate_report(reports: &[FileReport]) -> String {
    super::emit::render(&Github, reports)
}

/// `validate --format github` as a stream: a line per finding, the summary notice last.
#[derive(Clone, Copy, Debug, Default)]
pub struct Github;

impl Emit for Github {
    fn head(&self, _: &mut dyn Write, _: &Totals) -> io::Result<()> {
        Ok(())
    }

    fn shows(&self, report: &FileReport) -> bool {
        !report.diagnostics.is_empty()
    }

    fn file(&self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        let file = if report.path == "-" {
            "stdin"
        } else {
            &report.path
        };
        let file = escape_property(&escape(file));
        // One reused line buffer: a file can have half a million findings (issue 32).
        let mut line = String::new();
        let mut message = String::new();
        for (i, d) in report.diagnostics.iter().enumerate() {
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            // The escape set first (ESC, BEL, C1, bidi, invisible: raw, they would reach the
            // job log), then the runner's own escaping.
            message.clear();
            message.push_str(&escape(&d.message));
            if let Some(h) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(&escape(h));
            }
            if let Some(fix) = report.fix(i) {
                message.push('\n');
                message.push_str(&super::fix_line(fix));
            }
            line.clear();
            let _ = write!(
                line,
                "::{command} file={file},line={},col={},title={}::",
                d.pos.line,
                d.pos.column,
                escape_property(d.rule.id()),
            );
            data_into(&mut line, &message);
            line.push('\n');
            out.write_all(line.as_bytes())?;
        }
        Ok(())
    }

    fn tail(&self, out: &mut dyn Write, totals: &Totals, _: bool) -> io::Result<()> {
        let t = totals.tally;
        writeln!(
            out,
            "::notice title=samictl::checked {} file(s): {} error(s), {} warning(s)",
            totals.files, t.errors, t.warnings
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(escape_data("50% done\nnext\r"), "50%25 done%0Anext%0D");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
        assert_eq!(
            escape_data(&escape("a\u{1b}[2J\u{7}\u{9b}\u{202e}")),
            "a\\u{1b}[2J\\u{7}\\u{9b}\\u{202e}"
        );
    }
}
