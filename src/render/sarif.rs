//! `validate --format sarif`: SARIF 2.1.0, for code-scanning dashboards.

use super::FileReport;
use crate::diagnostic::Severity;
use crate::fix::Fix;
use crate::rules::RULES;
use serde::Serialize;
use serde_json::{Value, json};

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Value,
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Message,
    locations: [Location; 1],
    #[serde(skip_serializing_if = "Option::is_none")]
    fixes: Option<Vec<Value>>,
}

#[derive(Serialize)]
struct Message {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: Physical,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Physical {
    artifact_location: Artifact,
    region: Region,
}

#[derive(Serialize)]
struct Artifact {
    uri: String,
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
    // Results are typed rather than `json!` values: a file with tens of thousands of findings
    // must not cost a map allocation per field.
    let results = reports.iter().flat_map(results_of).collect();
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [Run {
            tool: json!({"driver": {
                "name": "samictl",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": env!("CARGO_PKG_REPOSITORY"),
                "rules": rules,
            }}),
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    let mut out = super::text::json_safe(serde_json::to_string_pretty(&log).unwrap_or_default());
    out.push('\n');
    out
}

/// One file's results.
fn results_of(report: &FileReport) -> Vec<SarifResult> {
    let uri = uri(&report.path);
    (0..report.diagnostics.len())
        .filter_map(|i| result_at(report, i, &uri))
        .collect()
}

/// The result of the `i`th finding of `report`.
fn result_at(report: &FileReport, i: usize, uri: &str) -> Option<SarifResult> {
    let d = report.diagnostics.get(i)?;
    let text = match &d.help {
        Some(h) => format!("{}\nhelp: {h}", d.message),
        None => d.message.clone(),
    };
    Some(SarifResult {
        rule_id: d.rule.id(),
        rule_index: d.rule as usize,
        level: level(d.severity),
        message: Message { text },
        locations: [Location {
            physical_location: Physical {
                artifact_location: Artifact {
                    uri: uri.to_owned(),
                },
                region: Region {
                    start_line: d.pos.line,
                    start_column: d.pos.column,
                },
            },
        }],
        fixes: report.fix(i).map(|fix| vec![fix_json(fix, uri)]),
    })
}

/// One file's results as they stand in [`validate_report`]'s `results` array (indented, joined
/// by `,` and a newline; empty without a finding), for a report written a file at a time.
/// Each result is serialized on its own into one buffer (issue 32: a file with 500,000
/// findings must not hold them all as values, then as a string, then as two more copies).
pub fn file_results(report: &FileReport) -> String {
    const ITEM_INDENT: &str = "        ";
    let uri = uri(&report.path);
    let mut out = String::new();
    let mut one = Vec::with_capacity(1024);
    for i in 0..report.diagnostics.len() {
        let Some(result) = result_at(report, i, &uri) else {
            continue;
        };
        one.clear();
        let indent = serde_json::ser::PrettyFormatter::with_indent(b"  ");
        let mut ser = serde_json::Serializer::with_formatter(&mut one, indent);
        if result.serialize(&mut ser).is_err() {
            continue;
        }
        let Ok(text) = std::str::from_utf8(&one) else {
            continue;
        };
        if !out.is_empty() {
            out.push_str(",\n");
        }
        // JSON strings hold no raw newline: every newline is layout, indented eight places
        // (the results array's items) more than serde_json's own.
        out.push_str(ITEM_INDENT);
        for (n, line) in text.split('\n').enumerate() {
            if n > 0 {
                out.push('\n');
                out.push_str(ITEM_INDENT);
            }
            if line.chars().any(super::text::needs_escape) {
                out.push_str(&super::text::json_safe(line.to_owned()));
            } else {
                out.push_str(line);
            }
        }
    }
    out
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
