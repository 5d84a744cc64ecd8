//! Code actions: the fixes of `samictl fix` (spec section 13) offered as quick fixes on the
//! findings they fix, safe ones marked preferred.
//!
//! The server sees fixes through [`FixProvider`], so the fix engine is wired in one place.

use super::Document;
use super::position::Encoding;
use crate::config::Settings;
use crate::rules::Rule;
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, Range, TextEdit, Uri,
    WorkspaceEdit,
};
use std::collections::HashMap;

/// One replacement: 1-based lines, columns in characters, end exclusive (as in the JSON
/// output of spec section 13).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FixEdit {
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    pub replacement: String,
}

/// The fix of one finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuickFix {
    /// The finding it fixes: its rule, line and column.
    pub rule: Rule,
    pub line: u32,
    pub column: u32,
    pub description: String,
    pub safe: bool,
    pub edits: Vec<FixEdit>,
}

/// Computes the fixes available for a text.
pub trait FixProvider {
    fn fixes(&self, text: &str, settings: &Settings) -> Vec<QuickFix>;
}

/// No fixes at all.
pub struct NoFixes;

impl FixProvider for NoFixes {
    fn fixes(&self, _: &str, _: &Settings) -> Vec<QuickFix> {
        Vec::new()
    }
}

/// The quick fixes for the findings in the request's range (or listed in its context).
pub fn code_actions(
    doc: &Document,
    uri: &Uri,
    params: &CodeActionParams,
    provider: &dyn FixProvider,
    enc: Encoding,
) -> Vec<CodeActionOrCommand> {
    if let Some(only) = &params.context.only
        && !only
            .iter()
            .any(|k| k.as_str() == CodeActionKind::QUICKFIX.as_str() || k.as_str().is_empty())
    {
        return Vec::new();
    }
    let wanted: Vec<&crate::diagnostic::Diagnostic> = doc
        .findings
        .iter()
        .filter(|d| {
            let r = super::diagnostics::range(&doc.index, &doc.text, d, enc);
            overlaps(r, params.range)
                || params.context.diagnostics.iter().any(|c| {
                    c.range.start == r.start
                        && matches!(&c.code, Some(lsp_types::NumberOrString::String(s)) if s == d.rule.id())
                })
        })
        .collect();
    if wanted.is_empty() {
        return Vec::new();
    }
    let all = super::diagnostics::to_lsp(doc, enc);
    let mut actions: Vec<(bool, CodeAction)> = Vec::new();
    for fix in provider.fixes(&doc.text, &doc.settings) {
        let Some(pos) = doc.findings.iter().position(|d| {
            d.rule == fix.rule
                && d.pos.line == fix.line
                && d.pos.column == fix.column
                && wanted.iter().any(|w| std::ptr::eq(*w, d))
        }) else {
            continue;
        };
        let edits = fix
            .edits
            .iter()
            .map(|e| {
                let start = doc.index.from_char_column(&doc.text, e.line, e.column, enc);
                let end = doc
                    .index
                    .from_char_column(&doc.text, e.end_line, e.end_column, enc);
                TextEdit::new(Range::new(start, end.max(start)), e.replacement.clone())
            })
            .collect();
        let title = if fix.safe {
            format!("Fix: {}", fix.description)
        } else {
            format!("Fix (unsafe, review it): {}", fix.description)
        };
        actions.push((
            fix.safe,
            CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: all.get(pos).cloned().map(|d| vec![d]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), edits)])),
                    ..WorkspaceEdit::default()
                }),
                is_preferred: Some(fix.safe),
                ..CodeAction::default()
            },
        ));
    }
    // Safe fixes first.
    actions.sort_by_key(|(safe, _)| !*safe);
    actions
        .into_iter()
        .map(|(_, a)| CodeActionOrCommand::CodeAction(a))
        .collect()
}

fn overlaps(a: Range, b: Range) -> bool {
    a.start <= b.end && b.start <= a.end
}
