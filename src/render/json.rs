//! `validate --format json` (spec section 9).

use super::{FileReport, total};
use crate::fix::Fix;
use serde::Serialize;

#[derive(Serialize)]
struct Report<'a> {
    format_version: u32,
    files: Vec<File<'a>>,
    errors: usize,
    warnings: usize,
}

#[derive(Serialize)]
struct File<'a> {
    path: &'a str,
    diagnostics: Vec<Finding<'a>>,
}

#[derive(Serialize)]
struct Finding<'a> {
    rule: &'static str,
    severity: &'static str,
    line: u32,
    column: u32,
    message: &'a str,
    help: Option<&'a str>,
    /// `null`, or the machine-applicable fix (spec section 13).
    fix: Option<FixJson<'a>>,
}

#[derive(Serialize)]
struct FixJson<'a> {
    safe: bool,
    description: &'a str,
    edits: Vec<EditJson<'a>>,
}

#[derive(Serialize)]
struct EditJson<'a> {
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    replacement: &'a str,
}

fn fix_json(fix: &Fix) -> FixJson<'_> {
    FixJson {
        safe: fix.safe,
        description: &fix.description,
        edits: fix
            .edits
            .iter()
            .map(|e| EditJson {
                line: e.line,
                column: e.column,
                end_line: e.end_line,
                end_column: e.end_column,
                replacement: &e.replacement,
            })
            .collect(),
    }
}

/// The JSON report of a validate run, files in the order given (already sorted by the caller).
pub fn validate_report(reports: &[FileReport]) -> String {
    let t = total(reports);
    let report = Report {
        format_version: 1,
        files: reports
            .iter()
            .map(|r| File {
                path: &r.path,
                diagnostics: r
                    .diagnostics
                    .iter()
                    .enumerate()
                    .map(|(i, d)| Finding {
                        rule: d.rule.id(),
                        severity: d.severity.as_str(),
                        line: d.pos.line,
                        column: d.pos.column,
                        message: &d.message,
                        help: d.help.as_deref(),
                        fix: r.fix(i).map(fix_json),
                    })
                    .collect(),
            })
            .collect(),
        errors: t.errors,
        warnings: t.warnings,
    };
    let mut out = super::text::json_safe(serde_json::to_string_pretty(&report).unwrap_or_default());
    out.push('\n');
    out
}
