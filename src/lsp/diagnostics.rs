//! `validate`'s findings as LSP diagnostics: the rule id as `code`, `error` and `warning` as
//! the two severities, the message (escaped as every printed string is) and the help line in
//! `data.help` (hover shows it with the rule's explanation).

use super::Document;
use super::position::{Encoding, LineIndex};
use crate::diagnostic::{Diagnostic, Severity};
use crate::render::text::escape;
use lsp_types::{DiagnosticSeverity, NumberOrString, Range};

/// The range a finding covers: from its line and column, over the token there (to the end of
/// the line's text when the token's length is unknown).
pub(crate) fn range(index: &LineIndex, text: &str, d: &Diagnostic, enc: Encoding) -> Range {
    let start = index.from_char_column(text, d.pos.line, d.pos.column, enc);
    let end = if d.pos.len > 0 {
        index.advance_chars(text, start, d.pos.len, enc)
    } else {
        let line = index.line(text, start.line as usize);
        index.lsp_position(text, start.line as usize, line.trim_end().len(), enc)
    };
    Range::new(start, if end < start { start } else { end })
}

/// The document's findings, converted.
pub(crate) fn to_lsp(doc: &Document, enc: Encoding) -> Vec<lsp_types::Diagnostic> {
    doc.findings
        .iter()
        .map(|d| lsp_types::Diagnostic {
            range: range(&doc.index, &doc.text, d, enc),
            severity: Some(match d.severity {
                Severity::Error => DiagnosticSeverity::ERROR,
                Severity::Warning => DiagnosticSeverity::WARNING,
            }),
            code: Some(NumberOrString::String(d.rule.id().to_owned())),
            source: Some(super::SOURCE.to_owned()),
            message: escape(&d.message),
            data: d
                .help
                .as_ref()
                .map(|h| serde_json::json!({ "help": escape(h) })),
            ..lsp_types::Diagnostic::default()
        })
        .collect()
}
