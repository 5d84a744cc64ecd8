//! The open documents' lifecycle: opened, changed, saved and closed, each with the settings of
//! its nearest `samictl.toml` (read again when that file is saved), and how a document is
//! recognised as a bot file and located from its URI.

use super::position::LineIndex;
use super::{ConfigSource, Document, FileConfig, Server, log_message, notification, show_message};
use lsp_server::Message;
use lsp_types::Uri;
use std::path::{Path, PathBuf};

impl<C: ConfigSource> Server<C> {
    pub(super) fn did_open(
        &mut self,
        p: lsp_types::DidOpenTextDocumentParams,
        out: &mut Vec<Message>,
    ) {
        let item = p.text_document;
        let path = file_path(&item.uri);
        let config = self.settings(path.as_deref(), out);
        let mut doc = Document {
            text: String::new(),
            version: item.version,
            path,
            index: LineIndex::default(),
            is_bot: false,
            settings: config.settings,
            excluded: config.excluded,
            findings: Vec::new(),
            fixes: Vec::new(),
            validated: false,
            shown: false,
        };
        doc.set_text(item.text);
        self.changed(&item.uri);
        self.docs.insert(item.uri, doc);
    }

    pub(super) fn did_change(
        &mut self,
        p: lsp_types::DidChangeTextDocumentParams,
        out: &mut Vec<Message>,
    ) {
        let uri = p.text_document.uri;
        let encoding = self.encoding;
        let Some(doc) = self.docs.get_mut(&uri) else {
            out.push(log_message(
                lsp_types::MessageType::WARNING,
                format!(
                    "samictl: change to a document that is not open: {}",
                    uri.as_str()
                ),
            ));
            return;
        };
        let mut text = std::mem::take(&mut doc.text);
        for change in p.content_changes {
            match change.range {
                None => text = change.text,
                Some(range) => {
                    // Incremental changes are applied too, though the server asks for full text.
                    let index = LineIndex::new(&text);
                    let start = index.offset(&text, range.start, encoding);
                    let end = index.offset(&text, range.end, encoding).max(start);
                    text.replace_range(start..end, &change.text);
                }
            }
        }
        doc.version = p.text_document.version;
        doc.set_text(text);
        self.changed(&uri);
    }

    pub(super) fn did_save(
        &mut self,
        p: lsp_types::DidSaveTextDocumentParams,
        out: &mut Vec<Message>,
    ) {
        // A save may follow an edit of samictl.toml in the same folder: read the settings again.
        let uri = p.text_document.uri;
        let Some(path) = self.docs.get(&uri).map(|d| d.path.clone()) else {
            return;
        };
        if path
            .as_deref()
            .and_then(Path::file_name)
            .is_some_and(|n| n == "samictl.toml")
        {
            // samictl.toml itself, edited in the editor: every open file may be concerned.
            self.reload_settings(out);
            return;
        }
        let config = self.settings(path.as_deref(), out);
        if let Some(doc) = self.docs.get_mut(&uri)
            && doc.set_config(config)
        {
            self.changed(&uri);
        }
    }

    pub(super) fn did_close(
        &mut self,
        p: lsp_types::DidCloseTextDocumentParams,
        out: &mut Vec<Message>,
    ) {
        self.unpublished.retain(|u| *u != p.text_document.uri);
        if let Some(doc) = self.docs.remove(&p.text_document.uri)
            && (!doc.excluded || doc.shown)
        {
            // Clear what was published for it (nothing was, for an excluded file).
            let clear = lsp_types::PublishDiagnosticsParams {
                uri: p.text_document.uri,
                diagnostics: Vec::new(),
                version: None,
            };
            out.push(notification::<lsp_types::notification::PublishDiagnostics>(
                clear,
            ));
        }
    }

    pub(super) fn reload_settings(&mut self, out: &mut Vec<Message>) {
        let uris: Vec<Uri> = self.docs.keys().cloned().collect();
        for uri in uris {
            let path = self.docs.get(&uri).and_then(|d| d.path.clone());
            let config = self.settings(path.as_deref(), out);
            if let Some(doc) = self.docs.get_mut(&uri)
                && doc.set_config(config)
            {
                self.changed(&uri);
            }
        }
    }

    pub(super) fn settings(&mut self, path: Option<&Path>, out: &mut Vec<Message>) -> FileConfig {
        match self.config.config_for(path) {
            Ok(c) => c,
            Err(e) => {
                out.push(show_message(
                    lsp_types::MessageType::ERROR,
                    format!("samictl: {e}; checking with the default settings until it is fixed"),
                ));
                FileConfig::default()
            }
        }
    }
}

/// Whether a text is a bot file: a top-level `version` and `bot`, or `outcomes`. Read from
/// the lines (so a half-typed file still counts), or from the parsed tree for a file written
/// in flow style.
pub fn is_bot_file(text: &str) -> bool {
    let mut version = false;
    let mut bot = false;
    for line in text.lines() {
        let key = match line.split_once(':') {
            Some((k, _)) if !k.starts_with([' ', '\t', '#', '-']) => {
                k.trim().trim_matches(['"', '\''])
            }
            _ => continue,
        };
        match key {
            "outcomes" => return true,
            "version" => version = true,
            "bot" => bot = true,
            _ => {}
        }
        if version && bot {
            return true;
        }
    }
    if !text.trim_start().starts_with('{') {
        return false;
    }
    match crate::yaml::parse_unpositioned(text) {
        Ok(crate::yaml::Node {
            value: crate::yaml::Value::Map(entries),
            ..
        }) => {
            let has = |name: &str| {
                entries
                    .iter()
                    .any(|(k, _)| matches!(&k.value, crate::yaml::Value::Str(s) if s == name))
            };
            has("outcomes") || (has("version") && has("bot"))
        }
        _ => false,
    }
}

/// The path of a `file:` URI (percent-decoded); `None` for any other scheme.
pub(crate) fn file_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    let path = &rest[rest.find('/')?..];
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let mut bytes = Vec::with_capacity(path.len());
    let raw = path.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        let b = raw[i];
        if b == b'%'
            && let Some(v) = raw
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            bytes.push(v);
            i += 3;
            continue;
        }
        bytes.push(b);
        i += 1;
    }
    let text = String::from_utf8(bytes).ok()?;
    Some(PathBuf::from(text))
}
