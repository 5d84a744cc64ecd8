//! `validate --format junit`: JUnit XML for GitLab and Jenkins, a test case per file and a
//! failure per error. Warnings go to the test case's `system-out`.

use super::FileReport;
use super::emit::{Emit, Totals};
use super::text::xml_into;
use crate::diagnostic::Severity;
use std::fmt::Write as _;
use std::io::{self, Write};

/// Escapes text for XML 1.0 (see [`super::text::xml_text`]): entities, the terminal escape set,
/// and U+FFFE/U+FFFF dropped, so the document stays well-formed whatever a file holds.
pub(crate) fn xml(s: &str) -> String {
    super::text::xml_text(s)
}

/// The JUnit report of a validate run, files in the order given.
pub fn validate_report(reports: &[FileReport]) -> String {
    super::emit::render(&Junit, reports)
}

/// `validate --format junit` as a stream. Its head holds the counts of the whole run, so a
/// caller writing as it goes keeps the files' parts aside and writes the head last.
#[derive(Clone, Copy, Debug, Default)]
pub struct Junit;

impl Emit for Junit {
    fn head_needs_totals(&self) -> bool {
        true
    }

    fn head(&self, out: &mut dyn Write, totals: &Totals) -> io::Result<()> {
        let (n, failures) = (totals.files, totals.tally.errors);
        write!(
            out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <testsuites name=\"samictl\" tests=\"{n}\" failures=\"{failures}\" errors=\"0\">\n  \
             <testsuite name=\"samictl validate\" tests=\"{n}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">\n"
        )
    }

    fn file(&self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        // A file name is escaped as every format escapes it (a newline in it can't start a
        // line that reads as another finding), then for XML.
        let path = super::text::escape(&report.path);
        write!(
            out,
            "    <testcase classname=\"samictl.validate\" name=\"{}\"",
            xml(&path)
        )?;
        if report.diagnostics.is_empty() {
            return out.write_all(b"/>\n");
        }
        out.write_all(b">\n")?;
        // Each finding is written into one reused buffer, every part XML-escaped as it is
        // appended (escaping a concatenation is concatenating the escaped parts).
        let mut warnings = String::new();
        let mut piece = String::new();
        for (i, d) in report.diagnostics.iter().enumerate() {
            let text = match d.severity {
                Severity::Error => {
                    piece.clear();
                    let _ = write!(
                        piece,
                        "      <failure type=\"{}\" message=\"line {}: ",
                        d.rule.id(),
                        d.pos.line
                    );
                    xml_into(&mut piece, &d.message);
                    piece.push_str("\">");
                    &mut piece
                }
                Severity::Warning => &mut warnings,
            };
            xml_into(text, &path);
            let _ = write!(
                text,
                ":{}:{}: {}[{}]: ",
                d.pos.line,
                d.pos.column,
                d.severity,
                d.rule.id()
            );
            xml_into(text, &d.message);
            if let Some(h) = &d.help {
                text.push_str("\nhelp: ");
                xml_into(text, h);
            }
            if let Some(fix) = report.fix(i) {
                text.push('\n');
                xml_into(text, &super::fix_line(fix));
            }
            match d.severity {
                Severity::Error => {
                    piece.push_str("</failure>\n");
                    out.write_all(piece.as_bytes())?;
                }
                Severity::Warning => warnings.push('\n'),
            }
        }
        if !warnings.is_empty() {
            out.write_all(b"      <system-out>")?;
            out.write_all(warnings.as_bytes())?;
            out.write_all(b"</system-out>\n")?;
        }
        out.write_all(b"    </testcase>\n")
    }

    fn tail(&self, out: &mut dyn Write, _: &Totals, _: bool) -> io::Result<()> {
        out.write_all(b"  </testsuite>\n</testsuites>\n")
    }
}

#[cfg(test)]
mod tests {
    use super::xml;

    #[test]
    fn xml_escaping() {
        assert_eq!(
            xml("a<b & \"c\" 'd'>"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;"
        );
        assert_eq!(xml("x\u{1b}y"), "x\\u{1b}y");
    }
}
