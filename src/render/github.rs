//! `validate --format github`: GitHub Actions workflow commands, shown as annotations.

use super::FileReport;
use super::text::escape;
use crate::diagnostic::Severity;
use std::fmt::Write;

/// Escapes the message part (`%`, CR, LF), as the runner requires.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value: as data, plus `:` and `,`.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One `::error` or `::warning` line per finding, then a `::notice` summary.
pub fn validate_report(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for report in reports {
        let file = if report.path == "-" {
            "stdin"
        } else {
            &report.path
        };
        for (i, d) in report.diagnostics.iter().enumerate() {
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            // The escape set first (ESC, BEL, C1, bidi, invisible: raw, they would reach the
            // job log), then the runner's own escaping.
            let mut message = match &d.help {
                Some(h) => format!("{}\nhelp: {}", escape(&d.message), escape(h)),
                None => escape(&d.message),
            };
            if let Some(fix) = report.fix(i) {
                message.push_str(&format!("\n{}", super::fix_line(fix)));
            }
            let _ = writeln!(
                out,
                "::{command} file={},line={},col={},title={}::{}",
                escape_property(&escape(file)),
                d.pos.line,
                d.pos.column,
                escape_property(d.rule.id()),
                escape_data(&message)
            );
        }
    }
    let t = super::total(reports);
    let _ = writeln!(
        out,
        "::notice title=samictl::checked {} file(s): {} error(s), {} warning(s)",
        reports.len(),
        t.errors,
        t.warnings
    );
    out
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
