//! `validate --format sarif`: SARIF 2.1.0, for code-scanning dashboards.

use super::FileReport;
use super::emit::{self, Emit, Totals};
use crate::diagnostic::Severity;
use crate::fix::Fix;
use crate::rules::RULES;
use serde::Serialize;
use serde_json::{Value, json};
use std::io::{self, Write};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Message<'a>,
    locations: [Location<'a>; 1],
    #[serde(skip_serializing_if = "Option::is_none")]
    fixes: Option<Vec<Value>>,
}

/// `{"text": MESSAGE}`, or `{"text": MESSAGE + "\nhelp: " + HELP}`, serialized without
/// building the joined text.
struct Message<'a> {
    text: &'a str,
    help: Option<&'a str>,
}

impl Serialize for Message<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut m = s.serialize_struct("Message", 1)?;
        match self.help {
            Some(help) => m.serialize_field("text", &format!("{}\nhelp: {help}", self.text))?,
            None => m.serialize_field("text", self.text)?,
        }
        m.end()
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: Physical<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Physical<'a> {
    artifact_location: Artifact<'a>,
    region: Region,
}

#[derive(Serialize)]
struct Artifact<'a> {
    uri: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
}

/// Where each rule's documentation lives; a rule's section is `#<rule-id>`.
pub const RULES_DOC_URL: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/docs/rules.md");

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// One run, with every rule described and one result per finding.
pub fn validate_report(reports: &[FileReport]) -> String {
    super::emit::render(&Sarif, reports)
}

/// `validate --format sarif` as a stream: serde_json's pretty layout of one run whose
/// `results` array holds every file's results, each result serialized on its own (issue 32: a
/// file with 500,000 findings must not hold them all as values, then as a string).
#[derive(Clone, Copy, Debug, Default)]
pub struct Sarif;

/// Where a result of the `results` array stands.
const RESULT_INDENT: &str = "        ";

/// The tool: samictl, and every rule described.
fn tool() -> Value {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": r.id,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": r.why},
                "helpUri": format!("{RULES_DOC_URL}#{}", r.id),
                "help": {"text": format!("{} Points at {}.", r.why, r.points_at)},
                "defaultConfiguration": {"level": level(r.severity)},
            })
        })
        .collect();
    json!({"driver": {
        "name": "samictl",
        "version": env!("CARGO_PKG_VERSION"),
        "informationUri": env!("CARGO_PKG_REPOSITORY"),
        "rules": rules,
    }})
}

impl Emit for Sarif {
    fn head(&self, out: &mut dyn Write, _: &Totals) -> io::Result<()> {
        out.write_all(
            b"{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \
              \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n      \"tool\": ",
        )?;
        let mut buf = Vec::new();
        let mut tool_text = Vec::new();
        emit::json_item(&mut tool_text, &mut buf, &tool(), "      ")?;
        // The first line stands after `"tool": `, not at the start of a line.
        out.write_all(tool_text.strip_prefix(b"      ").unwrap_or(&tool_text))?;
        out.write_all(b",\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [")
    }

    fn shows(&self, report: &FileReport) -> bool {
        !report.diagnostics.is_empty()
    }

    fn separator(&self, first: bool) -> &'static str {
        if first { "\n" } else { ",\n" }
    }

    fn file(&self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        let uri = uri(&report.path);
        let mut buf = Vec::with_capacity(1024);
        for i in 0..report.diagnostics.len() {
            let Some(result) = result_at(report, i, &uri) else {
                continue;
            };
            if i > 0 {
                out.write_all(b",\n")?;
            }
            emit::json_item(out, &mut buf, &result, RESULT_INDENT)?;
        }
        Ok(())
    }

    fn tail(&self, out: &mut dyn Write, _: &Totals, any: bool) -> io::Result<()> {
        if any {
            out.write_all(b"\n      ")?;
        }
        out.write_all(b"]\n    }\n  ]\n}\n")
    }
}

/// The result of the `i`th finding of `report`.
fn result_at<'a>(report: &'a FileReport, i: usize, uri: &'a str) -> Option<SarifResult<'a>> {
    let d = report.diagnostics.get(i)?;
    Some(SarifResult {
        rule_id: d.rule.id(),
        rule_index: d.rule as usize,
        level: level(d.severity),
        message: Message {
            text: &d.message,
            help: d.help.as_deref(),
        },
        locations: [Location {
            physical_location: Physical {
                artifact_location: Artifact { uri },
                region: Region {
                    start_line: d.pos.line,
                    start_column: d.pos.column,
                },
            },
        }],
        fixes: report.fix(i).map(|fix| vec![fix_json(fix, uri)]),
    })
}

/// A SARIF `fix`: one artifact change whose replacements delete a region and insert text.
fn fix_json(fix: &Fix, uri: &str) -> Value {
    let kind = if fix.safe {
        "safe"
    } else {
        "unsafe: `samictl fix --unsafe`"
    };
    let replacements: Vec<Value> = fix
        .edits
        .iter()
        .map(|e| {
            json!({
                "deletedRegion": {
                    "startLine": e.line,
                    "startColumn": e.column,
                    "endLine": e.end_line,
                    "endColumn": e.end_column,
                },
                "insertedContent": {"text": e.replacement},
            })
        })
        .collect();
    json!({
        "description": {"text": format!("{} ({kind})", fix.description)},
        "artifactChanges": [{
            "artifactLocation": {"uri": uri},
            "replacements": replacements,
        }]
    })
}

/// A relative URI for a path as given: forward slashes, reserved characters percent-encoded.
fn uri(path: &str) -> String {
    let path = if path == "-" { "stdin" } else { path };
    let path = path.strip_prefix("./").unwrap_or(path);
    let mut out = String::with_capacity(path.len());
    for b in path.replace('\\', "/").bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char);
            }
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn uris_are_relative_and_encoded() {
        assert_eq!(uri("bots/a.yaml"), "bots/a.yaml");
        assert_eq!(uri("./my bots/é.yaml"), "my%20bots/%C3%A9.yaml");
        assert_eq!(uri("-"), "stdin");
    }
}
