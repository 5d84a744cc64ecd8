//! `validate --format junit`: JUnit XML for GitLab and Jenkins, a test case per file and a
//! failure per error. Warnings go to the test case's `system-out`.

use super::FileReport;
use crate::diagnostic::Severity;
use std::fmt::Write;

/// Escapes text for XML 1.0 (see [`super::text::xml_text`]): entities, the terminal escape set,
/// and U+FFFE/U+FFFF dropped, so the document stays well-formed whatever a file holds.
pub(crate) fn xml(s: &str) -> String {
    super::text::xml_text(s)
}

pub fn validate_report(reports: &[FileReport]) -> String {
    let failures: usize = reports.iter().map(|r| r.tally().errors).sum();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"samictl\" tests=\"{}\" failures=\"{failures}\" errors=\"0\">",
        reports.len()
    );
    let _ = writeln!(
        out,
        "  <testsuite name=\"samictl validate\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">",
        reports.len()
    );
    for report in reports {
        // A file name is escaped as every format escapes it (a newline in it can't start a
        // line that reads as another finding), then for XML.
        let path = super::text::escape(&report.path);
        let _ = write!(
            out,
            "    <testcase classname=\"samictl.validate\" name=\"{}\"",
            xml(&path)
        );
        if report.diagnostics.is_empty() {
            out.push_str("/>\n");
            continue;
        }
        out.push_str(">\n");
        let mut warnings = String::new();
        for (i, d) in report.diagnostics.iter().enumerate() {
            let mut text = format!(
                "{}:{}:{}: {}[{}]: {}",
                path,
                d.pos.line,
                d.pos.column,
                d.severity,
                d.rule.id(),
                d.message
            );
            if let Some(h) = &d.help {
                let _ = write!(text, "\nhelp: {h}");
            }
            if let Some(fix) = report.fix(i) {
                let _ = write!(text, "\n{}", super::fix_line(fix));
            }
            match d.severity {
                Severity::Error => {
                    let _ = writeln!(
                        out,
                        "      <failure type=\"{}\" message=\"{}\">{}</failure>",
                        d.rule.id(),
                        xml(&format!("line {}: {}", d.pos.line, d.message)),
                        xml(&text)
                    );
                }
                Severity::Warning => {
                    warnings.push_str(&text);
                    warnings.push('\n');
                }
            }
        }
        if !warnings.is_empty() {
            let _ = writeln!(out, "      <system-out>{}</system-out>", xml(&warnings));
        }
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
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
