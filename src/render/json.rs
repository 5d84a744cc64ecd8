//! `validate --format json` (docs/spec 9).

use super::FileReport;
use super::emit::{self, Emit, Totals};
use crate::fix::Fix;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct Finding<'a> {
    rule: &'static str,
    severity: &'static str,
    line: u32,
    column: u32,
    message: &'a str,
    help: Option<&'a str>,
    /// `null`, or the machine-applicable fix (docs/spec 13).
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
    super::emit::render(&Json, reports)
}

/// `validate --format json` as a stream: serde_json's pretty layout of
/// `{"format_version": 1, "files": [FILE, ...], "errors": N, "warnings": N}`, each file's
/// findings serialized one at a time.
#[derive(Clone, Copy, Debug, Default)]
pub struct Json;

/// Where a file of the `files` array stands, and a finding of its `diagnostics`.
const FILE_INDENT: &str = "    ";
const FINDING_INDENT: &str = "        ";

impl Emit for Json {
    fn head(&self, out: &mut dyn Write, _: &Totals) -> io::Result<()> {
        out.write_all(b"{\n  \"format_version\": 1,\n  \"files\": [")
    }

    fn separator(&self, first: bool) -> &'static str {
        if first { "\n" } else { ",\n" }
    }

    fn file(&self, out: &mut dyn Write, r: &FileReport) -> io::Result<()> {
        let mut buf = Vec::with_capacity(1024);
        out.write_all(FILE_INDENT.as_bytes())?;
        out.write_all(b"{\n      \"path\": ")?;
        emit::json_item(out, &mut buf, &r.path, "")?;
        out.write_all(b",\n      \"diagnostics\": [")?;
        if r.diagnostics.is_empty() {
            out.write_all(b"]\n")?;
        } else {
            for (i, d) in r.diagnostics.iter().enumerate() {
                out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
                let finding = Finding {
                    rule: d.rule.id(),
                    severity: d.severity.as_str(),
                    line: d.pos.line,
                    column: d.pos.column,
                    message: &d.message,
                    help: d.help.as_deref(),
                    fix: r.fix(i).map(fix_json),
                };
                emit::json_item(out, &mut buf, &finding, FINDING_INDENT)?;
            }
            out.write_all(b"\n      ]\n")?;
        }
        out.write_all(FILE_INDENT.as_bytes())?;
        out.write_all(b"}")
    }

    fn tail(&self, out: &mut dyn Write, totals: &Totals, any: bool) -> io::Result<()> {
        write!(
            out,
            "{}],\n  \"errors\": {},\n  \"warnings\": {}\n}}\n",
            if any { "\n  " } else { "" },
            totals.tally.errors,
            totals.tally.warnings
        )
    }
}
