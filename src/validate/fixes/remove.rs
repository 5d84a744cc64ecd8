//! Removals: a mapping entry or a sequence item that can't take effect or repeats another
//! (`locked-action-disabled`, `locked-action-mismatch`, `notify-not-allowed`, `notify-empty`,
//! `duplicate-recipient`, `duplicate-action`), with its comma or its whole lines.

use super::Fixer;
use super::place::{EntryRef, ItemRef};
use crate::diagnostic::TextEdit;

impl<'t> Fixer<'_, 't> {
    /// Removes a mapping entry, key and value.
    pub(super) fn remove_entry(&self, entry: &EntryRef<'t>) -> Option<TextEdit> {
        let entries = entry.entries();
        let (key, value) = entries.get(entry.index)?;
        let text = self.text;
        let map_start = text.offset(entry.map.pos)?;
        let key_start = text.offset(key.pos)?;
        if text.byte(map_start) == Some(b'{') {
            // A flow mapping: the entry and the comma before it (or after it when first).
            let end = text.node_end(value)?;
            if entry.index > 0 {
                let prev_end = text.node_end(&entries.get(entry.index - 1)?.1)?;
                return Some(text.edit(prev_end, end, ""));
            }
            if let Some((next, _)) = entries.get(1) {
                let next_start = text.offset(next.pos)?;
                return Some(text.edit(key_start, next_start, ""));
            }
            return Some(text.edit(key_start, end, ""));
        }
        // A block mapping: the key starts its line, or follows a sequence item's `- `.
        let line = key.pos.line;
        let line_start = text.line_start(line);
        let before = text.src.get(line_start..key_start)?;
        let indent = key.pos.column.saturating_sub(1) as usize;
        if before.trim().is_empty() {
            let last = text.block_last_line(line, indent, true);
            let (start, end) = text.lines_range(line, last);
            return Some(text.edit(start, end, ""));
        }
        if before.trim() == "-" {
            // The first key of an item: up to the next key, which takes its place.
            let (next, _) = entries.get(entry.index + 1)?;
            let next_start = text.offset(next.pos)?;
            return Some(text.edit(key_start, next_start, ""));
        }
        None
    }

    /// Removes a sequence item; the last item of a sequence removes the entry holding it.
    pub(super) fn remove_item(&self, item: &ItemRef<'t>) -> Option<TextEdit> {
        let items = item.items();
        let node = items.get(item.index)?;
        let text = self.text;
        if items.len() == 1
            && let Some(holder) = &item.holder
        {
            return self.remove_entry(holder);
        }
        let seq_start = text.offset(item.seq.pos)?;
        let start = text.offset(node.pos)?;
        if text.byte(seq_start) == Some(b'[') {
            let end = text.node_end(node)?;
            if item.index > 0 {
                let prev_end = text.node_end(items.get(item.index - 1)?)?;
                return Some(text.edit(prev_end, end, ""));
            }
            if let Some(next) = items.get(1) {
                return Some(text.edit(start, text.offset(next.pos)?, ""));
            }
            return Some(text.edit(start, end, ""));
        }
        // A block sequence: `- ` starts the item's line.
        let line = node.pos.line;
        let line_start = text.line_start(line);
        let before = text.src.get(line_start..start)?;
        let trimmed = before.trim_end();
        if !trimmed.ends_with('-') || !trimmed[..trimmed.len() - 1].trim().is_empty() {
            return None;
        }
        let dash_indent = trimmed.len() - 1;
        let last = text.block_last_line(line, dash_indent, false);
        let (s, e) = text.lines_range(line, last);
        Some(text.edit(s, e, ""))
    }
}
