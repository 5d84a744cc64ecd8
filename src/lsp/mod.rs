//! The language server (docs/spec 16), as pure logic: messages in, messages out.
//!
//! [`Server::handle`] takes one decoded JSON-RPC message and returns what to send back
//! (responses, `publishDiagnostics`). It keeps the open documents and reads nothing but the
//! configuration, through [`ConfigSource`]; the stdio loop and the search for `samictl.toml`
//! are the CLI's (`src/cli/lsp.rs`), the framing is [`transport`]'s.
//!
//! Diagnostics are exactly `validate`'s: [`crate::validate::findings`] on the document's text
//! with the settings of the nearest `samictl.toml`. A document that is not a bot file (no
//! top-level `version` and `bot`, and no `outcomes`) gets nothing; neither does a file that
//! the nearest `samictl.toml`'s `[files] exclude` leaves out (docs/spec 8).

pub(crate) mod completion;
pub(crate) mod diagnostics;
mod documents;
#[allow(unreachable_pub)] // lsp/fixes.rs is narrowed with its rewrite
pub(crate) mod fixes;
pub(crate) mod format;
pub(crate) mod hover;
pub(crate) mod outline;
pub(crate) mod place;
pub mod position;
pub(crate) mod symbols;
pub mod transport;

use crate::config::Settings;
pub use documents::is_bot_file;
use lsp_server::{ErrorCode, Message, Notification, Request, Response};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CompletionOptions,
    HoverProviderCapability, InitializeResult, OneOf, PositionEncodingKind, ServerCapabilities,
    ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Uri,
};
use position::{Encoding, LineIndex};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Where the settings for a file come from: the nearest `samictl.toml` (or the one named on
/// the command line). `Err` carries why the configuration can't be used.
pub trait ConfigSource {
    fn settings_for(&mut self, file: Option<&Path>) -> Result<Settings, String>;

    /// The settings for a file and whether the same configuration's `[files] exclude` leaves
    /// it out. By default nothing is excluded.
    fn config_for(&mut self, file: Option<&Path>) -> Result<FileConfig, String> {
        self.settings_for(file).map(|settings| FileConfig {
            settings,
            excluded: false,
        })
    }
}

/// What the configuration says about one file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FileConfig {
    pub settings: Settings,
    /// `[files] exclude` leaves the file out: the server reports nothing for it.
    pub excluded: bool,
}

/// Settings without any `samictl.toml`.
pub struct NoConfig;

impl ConfigSource for NoConfig {
    fn settings_for(&mut self, _: Option<&Path>) -> Result<Settings, String> {
        Ok(Settings::default())
    }
}

/// One open document.
#[derive(Debug)]
pub(crate) struct Document {
    pub(crate) text: String,
    pub(crate) version: i32,
    /// The file's path, for `file:` URIs.
    pub(crate) path: Option<PathBuf>,
    pub(crate) index: LineIndex,
    pub(crate) is_bot: bool,
    pub(crate) settings: Settings,
    /// `[files] exclude` of the nearest `samictl.toml` leaves the file out: it gets nothing,
    /// like a file that is not a bot file.
    pub(crate) excluded: bool,
    /// The findings last published.
    pub(crate) findings: Vec<crate::diagnostic::Diagnostic>,
    /// The fix of each finding (`crate::fix::fixes`), from the same read of the text.
    pub(crate) fixes: Vec<Option<crate::fix::Fix>>,
    /// Whether `findings` and `fixes` are those of `text` (a change only takes the text;
    /// validation waits until the findings are needed, see [`Server::flush`]).
    validated: bool,
    /// Whether the diagnostics last published for it were not empty (an excluded file has
    /// them cleared once, then nothing is published for it).
    shown: bool,
}

impl Document {
    /// Takes a new text; the findings are computed by [`Document::validate`].
    fn set_text(&mut self, text: String) {
        self.index = LineIndex::new(&text);
        self.is_bot = is_bot_file(&text);
        self.text = text;
        self.validated = false;
    }

    /// Whether the server answers for it: a bot file that is not excluded.
    pub(crate) fn is_checked(&self) -> bool {
        self.is_bot && !self.excluded
    }

    /// Takes what the configuration says; `true` if that changed anything.
    fn set_config(&mut self, config: FileConfig) -> bool {
        if self.settings == config.settings && self.excluded == config.excluded {
            return false;
        }
        self.settings = config.settings;
        self.excluded = config.excluded;
        self.validated = false;
        true
    }

    /// Computes the findings of the current text, once.
    fn validate(&mut self) {
        if self.validated {
            return;
        }
        (self.findings, self.fixes) = if self.is_checked() {
            crate::validate::findings_and_fixes(self.text.as_bytes(), &self.settings)
        } else {
            (Vec::new(), Vec::new())
        };
        self.validated = true;
    }
}

/// The lifecycle of the protocol.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Uninitialized,
    Running,
    ShuttingDown,
}

/// What to do after a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Control {
    Continue,
    /// `exit` arrived: end the process with this code (0 after `shutdown`, else 1).
    Exit(u8),
}

/// The server's state.
pub struct Server<C: ConfigSource> {
    config: C,
    docs: HashMap<Uri, Document>,
    state: State,
    encoding: Encoding,
    /// Documents opened or changed since diagnostics were last published, in that order.
    unpublished: Vec<Uri>,
    /// The client resolves a code action's `edit` (`codeAction/resolve`).
    resolves_edits: bool,
}

/// The name the server gives in its diagnostics and `initialize` answer.
pub(crate) const SOURCE: &str = "samictl";

impl<C: ConfigSource> Server<C> {
    pub fn new(config: C) -> Server<C> {
        Server {
            config,
            docs: HashMap::new(),
            state: State::Uninitialized,
            encoding: Encoding::Utf16,
            unpublished: Vec::new(),
            resolves_edits: false,
        }
    }

    /// Handles one message and publishes the diagnostics it calls for; what to send is
    /// appended to `out`. The same as [`Server::receive`] then [`Server::flush`].
    pub fn handle(&mut self, message: Message, out: &mut Vec<Message>) -> Control {
        let control = self.receive(message, out);
        self.flush(out);
        control
    }

    /// Handles every message of a batch in order, then publishes diagnostics once for each
    /// document changed (for its newest text): several changes of one document queued
    /// together cost one validation. Stops at `exit`.
    pub fn handle_batch(
        &mut self,
        messages: impl IntoIterator<Item = Message>,
        out: &mut Vec<Message>,
    ) -> Control {
        let mut control = Control::Continue;
        for message in messages {
            control = self.receive(message, out);
            if control != Control::Continue {
                break;
            }
        }
        self.flush(out);
        control
    }

    /// Handles one message; responses are appended to `out` at once, but a change of a
    /// document only takes its text: its diagnostics wait for [`Server::flush`]. Requests that
    /// need the findings (hover, code actions) validate the text they see first, so every
    /// request is answered for the text as of its place in the stream.
    pub(crate) fn receive(&mut self, message: Message, out: &mut Vec<Message>) -> Control {
        match message {
            Message::Request(req) => {
                let id = req.id.clone();
                let response = match self.request(req, out) {
                    Ok(result) => Response::new_ok(id, result),
                    Err((code, text)) => Response::new_err(id, code as i32, text),
                };
                out.push(response.into());
                Control::Continue
            }
            Message::Notification(n) => self.notification(n, out),
            // We send no requests, so there is nothing to match a response to.
            Message::Response(_) => Control::Continue,
        }
    }

    /// Validates each document changed since the last call (its newest text only) and
    /// publishes its diagnostics.
    pub(crate) fn flush(&mut self, out: &mut Vec<Message>) {
        for uri in std::mem::take(&mut self.unpublished) {
            if let Some(doc) = self.docs.get_mut(&uri) {
                doc.validate();
                if doc.excluded && !doc.shown {
                    // Nothing to clear: say nothing about an excluded file.
                    continue;
                }
                out.push(publish(&uri, doc, self.encoding));
                doc.shown = !doc.findings.is_empty();
            }
        }
    }

    /// Marks a document's diagnostics as due.
    fn changed(&mut self, uri: &Uri) {
        if !self.unpublished.contains(uri) {
            self.unpublished.push(uri.clone());
        }
    }

    /// An open bot file, its findings up to date.
    fn validated_bot_doc(&mut self, uri: &Uri) -> Option<&Document> {
        let doc = self.docs.get_mut(uri)?;
        doc.validate();
        Some(&*doc).filter(|d| d.is_checked())
    }

    fn request(
        &mut self,
        req: Request,
        out: &mut Vec<Message>,
    ) -> Result<Value, (ErrorCode, String)> {
        match (self.state, req.method.as_str()) {
            (State::Uninitialized, "initialize") => {
                let result = self.initialize(&req.params);
                self.state = State::Running;
                to_value(result)
            }
            (State::Uninitialized, _) => Err((
                ErrorCode::ServerNotInitialized,
                "the server is not initialized: send `initialize` first".to_owned(),
            )),
            (_, "initialize") => Err((
                ErrorCode::InvalidRequest,
                "`initialize` was already received".to_owned(),
            )),
            (State::ShuttingDown, method) => Err((
                ErrorCode::InvalidRequest,
                format!("`{method}` after `shutdown`: only `exit` is expected now"),
            )),
            (State::Running, "shutdown") => {
                self.state = State::ShuttingDown;
                Ok(Value::Null)
            }
            (State::Running, "textDocument/hover") => {
                let p: lsp_types::HoverParams = params(req.params)?;
                let pos = p.text_document_position_params;
                let encoding = self.encoding;
                to_value(
                    self.validated_bot_doc(&pos.text_document.uri)
                        .and_then(|d| hover::hover(d, pos.position, encoding)),
                )
            }
            (State::Running, "textDocument/completion") => {
                let p: lsp_types::CompletionParams = params(req.params)?;
                let pos = p.text_document_position;
                to_value(self.bot_doc(&pos.text_document.uri).map(|d| {
                    lsp_types::CompletionResponse::Array(completion::complete(
                        d,
                        pos.position,
                        self.encoding,
                    ))
                }))
            }
            (State::Running, "textDocument/documentSymbol") => {
                let p: lsp_types::DocumentSymbolParams = params(req.params)?;
                to_value(self.bot_doc(&p.text_document.uri).map(|d| {
                    lsp_types::DocumentSymbolResponse::Nested(symbols::symbols(d, self.encoding))
                }))
            }
            (State::Running, "textDocument/codeAction") => {
                let p: lsp_types::CodeActionParams = params(req.params)?;
                let uri = p.text_document.uri.clone();
                let encoding = self.encoding;
                let lazy = self.resolves_edits;
                let actions = self
                    .validated_bot_doc(&uri)
                    .map(|d| fixes::code_actions(d, &uri, &p, encoding, lazy));
                to_value(actions)
            }
            (State::Running, "codeAction/resolve") => {
                let action: lsp_types::CodeAction = params(req.params)?;
                let encoding = self.encoding;
                let Some(uri) = fixes::fix_all_uri(&action).and_then(|u| u.parse::<Uri>().ok())
                else {
                    // Every other action is sent whole.
                    return to_value(action);
                };
                match self.validated_bot_doc(&uri) {
                    Some(d) => to_value(fixes::resolve_fix_all(d, &uri, action, encoding)),
                    None => Err((
                        ErrorCode::InvalidParams,
                        format!("`{}` is not an open bot file", uri.as_str()),
                    )),
                }
            }
            (State::Running, "textDocument/formatting") => self.formatting(req.params, out),
            (State::Running, method) => Err((
                ErrorCode::MethodNotFound,
                format!("`{method}` is not supported by samictl lsp"),
            )),
        }
    }

    fn notification(&mut self, n: Notification, out: &mut Vec<Message>) -> Control {
        if n.method == "exit" {
            return Control::Exit(if self.state == State::ShuttingDown {
                0
            } else {
                1
            });
        }
        if self.state != State::Running {
            // Before `initialize` (and after `shutdown`) notifications are dropped.
            return Control::Continue;
        }
        let result = match n.method.as_str() {
            "textDocument/didOpen" => params(n.params).map(|p| self.did_open(p, out)),
            "textDocument/didChange" => params(n.params).map(|p| self.did_change(p, out)),
            "textDocument/didSave" => params(n.params).map(|p| self.did_save(p, out)),
            "textDocument/didClose" => params(n.params).map(|p| self.did_close(p, out)),
            "workspace/didChangeWatchedFiles" => {
                self.reload_settings(out);
                Ok(())
            }
            // `initialized`, `$/cancelRequest`, `$/setTrace`, configuration changes...: nothing
            // to do (requests are answered in order, before a cancellation could arrive).
            _ => Ok(()),
        };
        if let Err((_, text)) = result {
            out.push(log_message(
                lsp_types::MessageType::ERROR,
                format!("samictl: ignored `{}`: {text}", n.method),
            ));
        }
        Control::Continue
    }

    fn initialize(&mut self, params: &Value) -> InitializeResult {
        let offered = params
            .pointer("/capabilities/general/positionEncodings")
            .and_then(Value::as_array)
            .map(|v| v.iter().filter_map(Value::as_str).collect::<Vec<_>>())
            .unwrap_or_default();
        self.encoding = Encoding::negotiate(offered);
        self.resolves_edits = params
            .pointer("/capabilities/textDocument/codeAction/resolveSupport/properties")
            .and_then(Value::as_array)
            .is_some_and(|p| p.iter().any(|v| v == "edit"));
        InitializeResult {
            capabilities: capabilities(self.encoding),
            server_info: Some(ServerInfo {
                name: SOURCE.to_owned(),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            }),
        }
    }

    /// `textDocument/formatting` (docs/spec 16 and 18): the edits that make the document's
    /// text what `samictl fmt` writes ([`format::formatting`]); `[]` when it is formatted.
    /// A file the formatter refuses (not valid YAML; anchors, aliases, tags) gets `null` and a
    /// line in the client's log saying why, not an error: formatting on save must not pop up
    /// a message while the file is half typed. A file that is not a bot file, or is excluded,
    /// gets `null` too.
    fn formatting(
        &mut self,
        params: Value,
        out: &mut Vec<Message>,
    ) -> Result<Value, (ErrorCode, String)> {
        let p: lsp_types::DocumentFormattingParams = self::params(params)?;
        let Some(doc) = self.bot_doc(&p.text_document.uri) else {
            return Ok(Value::Null);
        };
        match format::formatting(doc, self.encoding) {
            Ok(edits) => to_value(edits),
            Err(e) => {
                let pos = e.pos();
                out.push(log_message(
                    lsp_types::MessageType::INFO,
                    format!(
                        "samictl: not formatted: {}:{}: {}",
                        pos.line,
                        pos.column,
                        crate::render::text::escape(&e.to_string())
                    ),
                ));
                Ok(Value::Null)
            }
        }
    }

    fn bot_doc(&self, uri: &Uri) -> Option<&Document> {
        self.docs.get(uri).filter(|d| d.is_checked())
    }
}

/// What the server offers.
pub(crate) fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::new(encoding.name())),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["{".to_owned(), ":".to_owned(), " ".to_owned()]),
            ..CompletionOptions::default()
        }),
        document_symbol_provider: Some(OneOf::Left(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::SOURCE_FIX_ALL,
            ]),
            resolve_provider: Some(true),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    }
}

fn publish(uri: &Uri, doc: &Document, encoding: Encoding) -> Message {
    let params = lsp_types::PublishDiagnosticsParams {
        uri: uri.clone(),
        diagnostics: diagnostics::to_lsp(doc, encoding),
        version: Some(doc.version),
    };
    notification::<lsp_types::notification::PublishDiagnostics>(params)
}

fn notification<N: lsp_types::notification::Notification>(params: N::Params) -> Message {
    Notification {
        method: N::METHOD.to_owned(),
        params: serde_json::to_value(params).unwrap_or(Value::Null),
    }
    .into()
}

fn log_message(typ: lsp_types::MessageType, message: String) -> Message {
    notification::<lsp_types::notification::LogMessage>(lsp_types::LogMessageParams {
        typ,
        message,
    })
}

fn show_message(typ: lsp_types::MessageType, message: String) -> Message {
    notification::<lsp_types::notification::ShowMessage>(lsp_types::ShowMessageParams {
        typ,
        message,
    })
}

fn params<P: DeserializeOwned>(value: Value) -> Result<P, (ErrorCode, String)> {
    serde_json::from_value(value)
        .map_err(|e| (ErrorCode::InvalidParams, format!("invalid params: {e}")))
}

fn to_value(v: impl serde::Serialize) -> Result<Value, (ErrorCode, String)> {
    serde_json::to_value(v).map_err(|e| (ErrorCode::InternalError, e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn bot_files_are_recognised_by_their_top_level_keys() {
        assert!(is_bot_file("version: 1\nbot:\n  name: A\n"));
        assert!(is_bot_file("# c\noutcomes:\n  opt-out: {}\n"));
        assert!(is_bot_file(
            "{version: 1, bot: {name: A, direction: inbound}}"
        ));
        assert!(!is_bot_file("version: 1\nservices:\n  bot: x\n"));
        assert!(!is_bot_file("  outcomes: nested\n"));
        assert!(!is_bot_file(""));
    }

    #[test]
    fn file_uris_become_paths() {
        let uri = Uri::from_str("file:///home/a%20b/bots/x%C3%A9.yaml").unwrap();
        assert_eq!(
            documents::file_path(&uri),
            Some(PathBuf::from("/home/a b/bots/xé.yaml"))
        );
        let uri = Uri::from_str("untitled:Untitled-1").unwrap();
        assert_eq!(documents::file_path(&uri), None);
    }

    #[test]
    fn requests_before_initialize_and_after_shutdown_are_refused() {
        let mut s = Server::new(NoConfig);
        let mut out = Vec::new();
        let req = |id: i32, method: &str| {
            Message::Request(Request::new(id.into(), method.to_owned(), Value::Null))
        };
        s.handle(req(1, "shutdown"), &mut out);
        s.handle(req(2, "initialize"), &mut out);
        s.handle(req(3, "shutdown"), &mut out);
        s.handle(req(4, "textDocument/hover"), &mut out);
        let codes: Vec<Option<i32>> = out
            .iter()
            .map(|m| match m {
                Message::Response(r) => r.response_result.as_ref().err().map(|e| e.code),
                _ => Some(0),
            })
            .collect();
        assert_eq!(codes, [Some(-32002), None, None, Some(-32600)]);
        let exit = Message::Notification(Notification::new("exit".to_owned(), Value::Null));
        assert_eq!(s.handle(exit, &mut out), Control::Exit(0));
    }

    #[test]
    fn a_batch_publishes_once_and_requests_see_the_text_of_their_place() {
        let mut s = Server::new(NoConfig);
        let mut out = Vec::new();
        let uri = "untitled:batch.yaml";
        let msg = |v: Value| -> Message { serde_json::from_value(v).unwrap() };
        s.handle(
            msg(
                serde_json::json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                                   "params": {"capabilities": {}}}),
            ),
            &mut out,
        );
        let good = "version: 1\nbot:\n  name: A\n  direction: inbound\n";
        let bad = "version: 1\nbot:\n  name: A\n  direction: sideways\n";
        let change = |version: i32, text: &str| {
            msg(
                serde_json::json!({"jsonrpc": "2.0", "method": "textDocument/didChange",
                "params": {"textDocument": {"uri": uri, "version": version},
                           "contentChanges": [{"text": text}]}}),
            )
        };
        let open = msg(
            serde_json::json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
            "params": {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1,
                                        "text": good}}}),
        );
        // A hover on the bad value, asked between two changes.
        let actions = msg(serde_json::json!({"jsonrpc": "2.0", "id": 2,
            "method": "textDocument/hover",
            "params": {"textDocument": {"uri": uri},
                       "position": {"line": 3, "character": 15}}}));
        out.clear();
        let batch = vec![
            open,
            change(2, bad),
            change(3, bad),
            actions,
            change(4, good),
        ];
        assert_eq!(s.handle_batch(batch, &mut out), Control::Continue);
        let mut publishes = Vec::new();
        let mut answered = false;
        for m in &out {
            match m {
                Message::Notification(n) if n.method == "textDocument/publishDiagnostics" => {
                    publishes.push((n.params["version"].clone(), n.params["diagnostics"].clone()))
                }
                Message::Response(r) => {
                    assert!(publishes.is_empty(), "the answer comes before the publish");
                    let result = r.response_result.as_ref().unwrap();
                    assert!(
                        result.to_string().contains("invalid-value"),
                        "the findings of version 3: {result}"
                    );
                    answered = true;
                }
                _ => {}
            }
        }
        assert!(answered);
        assert_eq!(publishes.len(), 1, "one publish: {publishes:?}");
        assert_eq!(publishes[0].0, 4, "for the newest text");
        assert!(!publishes[0].1.to_string().contains("invalid-value"));
    }
}
