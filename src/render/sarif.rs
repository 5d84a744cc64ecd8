//! `validate --format sarif`: SARIF 2.1.0, for code-scanning dashboards.

use super::FileReport;
use crate::diagnostic::Severity;
use crate::fix::Fix;
use crate::rules::RULES;
use serde_json::{Value, json};

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
    let mut results = Vec::new();
    for report in reports {
        let uri = uri(&report.path);
        for (i, d) in report.diagnostics.iter().enumerate() {
            let text = match &d.help {
                Some(h) => format!("{}\nhelp: {h}", d.message),
                None => d.message.clone(),
            };
            let mut result = json!({
                "ruleId": d.rule.id(),
                "ruleIndex": d.rule as usize,
                "level": level(d.severity),
                "message": {"text": text},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri},
                        "region": {"startLine": d.pos.line, "startColumn": d.pos.column}
                    }
                }]
            });
            if let (Some(fix), Some(obj)) = (report.fix(i), result.as_object_mut()) {
                obj.insert("fixes".to_owned(), json!([fix_json(fix, &uri)]));
            }
            results.push(result);
        }
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "samictl",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": env!("CARGO_PKG_REPOSITORY"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_default();
    out.push('\n');
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
