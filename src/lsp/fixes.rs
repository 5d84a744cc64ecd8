//! Code actions: the fixes of `samictl fix` (docs/spec 13, [`crate::fix`]) as quick fixes
//! on the findings they fix, safe ones preferred and listed first; and "fix all", the whole of
//! `samictl fix` (safe fixes) as one source action, whose edit is computed only when asked
//! for (by kind, or through `codeAction/resolve`).

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
/// its context), then "fix all" when `samictl fix` would change the file: computed when the
/// request asks for `source.fixAll` by kind (`only`), else left to `codeAction/resolve`
/// (`lazy_fix_all`: the client resolves an action's edit; without that it is not offered).
pub fn code_actions(
    doc: &Document,
    uri: &Uri,
    params: &CodeActionParams,
    enc: Encoding,
    lazy_fix_all: bool,
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
    if params.context.only.is_none() {
        // Not asked for by kind: "fix all" is offered without its edit, which
        // `codeAction/resolve` computes when it is chosen ([`resolve_fix_all`]): on a large
        // file the whole fixed text is slow to compute and large to send.
        if lazy_fix_all && may_fix_all(doc) {
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: FIX_ALL_TITLE.to_owned(),
                kind: Some(fix_all),
                data: Some(serde_json::json!({
                    "samictl": "fixAll",
                    "uri": uri.as_str(),
                    "version": doc.version,
                })),
                ..CodeAction::default()
            }));
        }
    } else if wants(&fix_all)
        && let Some(action) = fix_all_action(doc, uri, enc)
    {
        out.push(CodeActionOrCommand::CodeAction(action));
    }
    out
}

const FIX_ALL_TITLE: &str = "Fix all safe findings (samictl fix)";

/// Whether "fix all" may change the file: a safe fix exists and the YAML reads.
fn may_fix_all(doc: &Document) -> bool {
    doc.fixes.iter().flatten().any(|f| f.safe)
        && !doc
            .findings
            .iter()
            .any(|d| d.rule == crate::rules::Rule::YamlSyntax)
}

/// "Fix all": what `samictl fix` would write, as one edit of the whole text; `None` when it
/// would change nothing.
pub fn fix_all_action(doc: &Document, uri: &Uri, enc: Encoding) -> Option<CodeAction> {
    if doc.findings.is_empty() {
        return None;
    }
    let fixed = fix::fix_text(&doc.text, &doc.settings, false);
    if !fixed.changed(&doc.text) {
        return None;
    }
    let end = doc.index.lsp_position(
        &doc.text,
        doc.index.line_count().saturating_sub(1),
        usize::MAX,
        enc,
    );
    let whole = Range::new(Position::new(0, 0), end);
    Some(CodeAction {
        title: format!(
            "{FIX_ALL_TITLE}: {} fix{}",
            fixed.applied.len(),
            if fixed.applied.len() == 1 { "" } else { "es" }
        ),
        kind: Some(CodeActionKind::SOURCE_FIX_ALL),
        edit: Some(edit(uri, vec![TextEdit::new(whole, fixed.text)])),
        ..CodeAction::default()
    })
}

/// `codeAction/resolve` of the lazy "fix all": the action with its edit, computed on the
/// document's current text (an empty edit when there is nothing left to fix).
pub fn resolve_fix_all(doc: &Document, uri: &Uri, action: CodeAction, enc: Encoding) -> CodeAction {
    match fix_all_action(doc, uri, enc) {
        Some(resolved) => CodeAction {
            data: action.data,
            ..resolved
        },
        None => CodeAction {
            edit: Some(edit(uri, Vec::new())),
            ..action
        },
    }
}

/// The URI of a lazy "fix all" from its `data`.
pub fn fix_all_uri(action: &CodeAction) -> Option<&str> {
    let data = action.data.as_ref()?;
    (data.get("samictl")?.as_str()? == "fixAll")
        .then(|| data.get("uri")?.as_str())
        .flatten()
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
