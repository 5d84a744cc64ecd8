//! `samictl test` results: human, JSON and JUnit.

use super::human::Palette;
use super::junit::xml;
use super::text::escape;
use crate::behaviour::{CaseResult, Problem};
use crate::seqdiff::{Edit, sequence_diff};
use serde_json::json;
use std::fmt::Write;

/// The results of one expectation file, or why it could not run.
#[derive(Clone, Debug)]
pub struct FileResults {
    pub path: String,
    pub results: Result<Vec<CaseResult>, Vec<Problem>>,
}

/// Counts: passed cases, failed cases, broken expectation files.
pub fn counts(files: &[FileResults]) -> (usize, usize, usize) {
    let mut c = (0, 0, 0);
    for f in files {
        match &f.results {
            Ok(results) => {
                for r in results {
                    if r.passed() {
                        c.0 += 1;
                    } else {
                        c.1 += 1;
                    }
                }
            }
            Err(_) => c.2 += 1,
        }
    }
    c
}

/// Expected and actual side by side, the differences marked `-` (expected only) and `+`
/// (actual only).
pub fn side_by_side(expected: &[String], actual: &[String], p: &Palette) -> String {
    // Expected names come from the expectation file: escaped before they are laid out.
    let expected: Vec<String> = expected.iter().map(|t| escape(t)).collect();
    let actual: Vec<String> = actual.iter().map(|t| escape(t)).collect();
    let (expected, actual) = (&expected[..], &actual[..]);
    let width = expected
        .iter()
        .map(String::len)
        .max()
        .unwrap_or(0)
        .max("expected".len())
        + 2;
    let mut out = format!("        {:<width$}  actual\n", "expected");
    for edit in sequence_diff(expected, actual) {
        let line = match edit {
            Edit::Same(t) => format!("        {t:<width$}  {t}"),
            Edit::Removed(t) => Palette::paint(p.error, &format!("      - {t:<width$}")),
            Edit::Added(t) => Palette::paint(p.good, &format!("      + {:<width$}  {t}", "")),
        };
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

pub fn human(files: &[FileResults], p: &Palette) -> String {
    let mut out = String::new();
    for f in files {
        let _ = writeln!(out, "{}", Palette::paint(p.bold, &escape(&f.path)));
        match &f.results {
            Ok(results) => {
                for r in results {
                    let label = format!("{}{} ({})", r.sms_prefix(), r.outcome, r.direction);
                    if r.passed() {
                        let _ = writeln!(
                            out,
                            "  {}    {label:<40} line {}",
                            Palette::paint(p.good, "ok"),
                            r.line
                        );
                    } else {
                        let _ = writeln!(
                            out,
                            "  {}  {label:<40} line {}",
                            Palette::paint(p.error, "FAIL"),
                            r.line
                        );
                        out.push_str(&side_by_side(&r.expected, &r.actual, p));
                    }
                }
            }
            Err(problems) => {
                for problem in problems {
                    let _ = writeln!(
                        out,
                        "  {} {}:{}:{}: {}",
                        Palette::paint(p.error, "error"),
                        escape(&f.path),
                        problem.pos.line,
                        problem.pos.column,
                        escape(&problem.message)
                    );
                }
            }
        }
    }
    let (passed, failed, broken) = counts(files);
    let verdict = if failed == 0 && broken == 0 {
        Palette::paint(p.good, "ok")
    } else {
        Palette::paint(p.error, "FAILED")
    };
    if broken > 0 {
        // The reason comes first: a broken file is why the run failed, whatever the counts.
        let _ = writeln!(
            out,
            "\ntest result: {verdict}: {broken} expectation file(s) could not run (errors above; \
             a file that can't run never passes). {passed} passed, {failed} failed"
        );
    } else {
        let _ = writeln!(
            out,
            "\ntest result: {verdict}. {passed} passed, {failed} failed"
        );
    }
    out
}

pub fn json(files: &[FileResults]) -> String {
    let mut cases = Vec::new();
    let mut errors = Vec::new();
    for f in files {
        match &f.results {
            Ok(results) => {
                for r in results {
                    cases.push(json!({
                        "file": f.path,
                        "outcome": r.outcome,
                        "direction": r.direction,
                        "channel": r.channel.as_str(),
                        "passed": r.passed(),
                        "expected": r.expected,
                        "actual": r.actual,
                    }));
                }
            }
            Err(problems) => {
                for problem in problems {
                    errors.push(json!({
                        "file": f.path,
                        "line": problem.pos.line,
                        "column": problem.pos.column,
                        "message": problem.message,
                    }));
                }
            }
        }
    }
    let (passed, failed, _) = counts(files);
    let mut s = super::text::json_safe(
        serde_json::to_string_pretty(&json!({
            "cases": cases,
            "passed": passed,
            "failed": failed,
            "errors": errors,
        }))
        .unwrap_or_default(),
    );
    s.push('\n');
    s
}

pub fn junit(files: &[FileResults]) -> String {
    let (passed, failed, broken) = counts(files);
    let tests = passed + failed + broken;
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"samictl test\" tests=\"{tests}\" failures=\"{failed}\" errors=\"{broken}\">"
    );
    for f in files {
        let (n, fails, errs) = counts(std::slice::from_ref(f));
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{fails}\" errors=\"{errs}\">",
            xml(&f.path),
            n + fails + errs
        );
        match &f.results {
            Ok(results) => {
                for r in results {
                    let name = xml(&format!(
                        "{}{} ({}) line {}",
                        r.sms_prefix(),
                        r.outcome,
                        r.direction,
                        r.line
                    ));
                    if r.passed() {
                        let _ = writeln!(
                            out,
                            "    <testcase classname=\"{}\" name=\"{name}\"/>",
                            xml(&f.path)
                        );
                    } else {
                        let _ = writeln!(
                            out,
                            "    <testcase classname=\"{}\" name=\"{name}\">\n      <failure message=\"expected [{}], fired [{}]\"/>\n    </testcase>",
                            xml(&f.path),
                            xml(&r.expected.join(", ")),
                            xml(&r.actual.join(", "))
                        );
                    }
                }
            }
            Err(problems) => {
                let text: Vec<String> = problems
                    .iter()
                    .map(|p| format!("{}:{}:{}: {}", f.path, p.pos.line, p.pos.column, p.message))
                    .collect();
                let _ = writeln!(
                    out,
                    "    <testcase classname=\"{0}\" name=\"{0}\">\n      <error message=\"the expectation file is wrong\">{1}</error>\n    </testcase>",
                    xml(&f.path),
                    xml(&text.join("\n"))
                );
            }
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}
