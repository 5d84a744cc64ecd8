//! Code actions: the fixes of `samictl fix` (spec section 13, [`crate::fix`]) as quick fixes
//! on the findings they fix, safe ones preferred and listed first; and "fix all", the whole of
//! `samictl fix` (safe fixes) as one source action.

use super::Document;
use super::position::Encoding;
use crate::fix;
use crate::render::text::escape;
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, Position, Range, TextEdit,
    Uri, WorkspaceEdit,
};
use std::collections::HashMap;

/// The code actions for a request: quick fixes for the findings in its range (or listed in
/// its context), then "fix all" when `samictl fix` would change the file.
pub fn code_actions(
    doc: &Document,
    uri: &Uri,
    params: &CodeActionParams,
    enc: Encoding,
) -> Vec<CodeActionOrCommand> {
    let wants = |kind: &CodeActionKind| {
        params.context.only.as_ref().is_none_or(|only| {
            only.iter().any(|k| {
                kind.as_str() == k.as_str()
                    || kind.as_str().starts_with(&format!("{}.", k.as_str()))
            })
        })
    };
    let mut actions: Vec<(bool, CodeAction)> = Vec::new();
    if wants(&CodeActionKind::QUICKFIX) && !doc.findings.is_empty() {
        let lsp = super::diagnostics::to_lsp(doc, enc);
        let in_request: Vec<bool> = lsp
            .iter()
            .map(|d| {
                overlaps(d.range, params.range)
                    || params
                        .context
                        .diagnostics
                        .iter()
                        .any(|c| c.range == d.range && c.code == d.code)
            })
            .collect();
        if in_request.iter().any(|b| *b) {
            for ((f, d), wanted) in doc.fixes.iter().zip(&lsp).zip(&in_request) {
                let Some(f) = f.as_ref().filter(|_| *wanted) else {
                    continue;
                };
                let edits = f
                    .edits
                    .iter()
                    .map(|e| {
                        let start = doc.index.from_char_column(&doc.text, e.line, e.column, enc);
                        let end = end_position(doc, e.end_line, e.end_column, enc);
                        TextEdit::new(Range::new(start, end.max(start)), e.replacement.clone())
                    })
                    .collect();
                let title = if f.safe {
                    format!("Fix: {}", escape(&f.description))
                } else {
                    format!(
                        "Fix (unsafe: changes what fires): {}",
                        escape(&f.description)
                    )
                };
                actions.push((
                    f.safe,
                    CodeAction {
                        title,
                        kind: Some(CodeActionKind::QUICKFIX),
                        diagnostics: Some(vec![d.clone()]),
                        edit: Some(edit(uri, edits)),
                        is_preferred: Some(f.safe),
                        ..CodeAction::default()
                    },
                ));
            }
        }
    }
    // Safe fixes first (a stable sort keeps file order within each kind).
    actions.sort_by_key(|(safe, _)| !*safe);
    let mut out: Vec<CodeActionOrCommand> = actions
        .into_iter()
        .map(|(_, a)| CodeActionOrCommand::CodeAction(a))
        .collect();
    let fix_all = CodeActionKind::SOURCE_FIX_ALL;
    if wants(&fix_all) && !doc.findings.is_empty() {
        let fixed = fix::fix_text(&doc.text, &doc.settings, false);
        if fixed.changed(&doc.text) {
            let end = doc.index.lsp_position(
                &doc.text,
                doc.index.line_count().saturating_sub(1),
                usize::MAX,
                enc,
            );
            let whole = Range::new(Position::new(0, 0), end);
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!(
                    "Fix all safe findings (samictl fix): {} fix{}",
                    fixed.applied.len(),
                    if fixed.applied.len() == 1 { "" } else { "es" }
                ),
                kind: Some(fix_all),
                edit: Some(edit(uri, vec![TextEdit::new(whole, fixed.text)])),
                ..CodeAction::default()
            }));
        }
    }
    out
}

/// The end of an edit: a column past the end of its line means the line break (an edit that
/// removes whole lines ends at column 1 of the next line).
fn end_position(doc: &Document, line: u32, column: u32, enc: Encoding) -> Position {
    doc.index.from_char_column(&doc.text, line, column, enc)
}

fn edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

fn overlaps(a: Range, b: Range) -> bool {
    a.start <= b.end && b.start <= a.end
}
