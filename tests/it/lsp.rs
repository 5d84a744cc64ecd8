//! `samictl lsp` spoken to over pipes, as an editor does: Content-Length framed JSON-RPC to
//! the real binary. Diagnostics are compared with `samictl validate --format json` for the
//! same text.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use crate::common::{self, BIN};
const WAIT: Duration = Duration::from_secs(20);

struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    next_id: i64,
    /// The server's answer to `initialize`.
    init: Value,
}

fn read_message(r: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            length = v.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    r.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl Client {
    fn start(args: &[&str], dir: &Path) -> Client {
        Client::start_with(args, dir, json!({}))
    }

    /// Starts the server, telling it the client's capabilities.
    fn start_with(args: &[&str], dir: &Path, capabilities: Value) -> Client {
        let mut child = Command::new(BIN)
            .args(args)
            .arg("lsp")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start samictl lsp");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(v) = read_message(&mut r) {
                if tx.send(v).is_err() {
                    break;
                }
            }
        });
        let stdin = child.stdin.take();
        let mut client = Client {
            child,
            stdin,
            incoming: rx,
            next_id: 1,
            init: Value::Null,
        };
        let init = client.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": capabilities}),
        );
        assert_eq!(
            init["result"]["capabilities"]["positionEncoding"], "utf-16",
            "{init}"
        );
        client.notify("initialized", json!({}));
        client.init = init;
        client
    }

    fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).expect("write");
        stdin.flush().expect("flush");
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        self.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and waits for its response (notifications on the way are dropped).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait_for(|m| m["id"] == json!(id))
    }

    /// Sends a request and returns every message that came before its response, then the
    /// response. A request sent after a notification is a barrier: whatever the server
    /// publishes for that notification it publishes before answering a later request.
    fn request_collecting(&mut self, method: &str, params: Value) -> (Vec<Value>, Value) {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let mut before = Vec::new();
        loop {
            match self.incoming.recv_timeout(WAIT) {
                Ok(m) if m["id"] == json!(id) => return (before, m),
                Ok(m) => before.push(m),
                Err(RecvTimeoutError::Timeout) => panic!("no answer from the server"),
                Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output"),
            }
        }
    }

    fn wait_for(&mut self, want: impl Fn(&Value) -> bool) -> Value {
        loop {
            match self.incoming.recv_timeout(WAIT) {
                Ok(m) if want(&m) => return m,
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout) => panic!("no answer from the server"),
                Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output"),
            }
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let m = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        m["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    fn open(&mut self, uri: &str, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
        );
        self.diagnostics(uri)
    }

    fn change(&mut self, uri: &str, version: i32, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"text": text}]}),
        );
        self.diagnostics(uri)
    }

    fn at(&mut self, method: &str, uri: &str, line: u32, character: u32) -> Value {
        self.request(
            method,
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
        )
    }

    /// shutdown, exit, and the process's exit code.
    fn shutdown(mut self) -> i32 {
        let r = self.request("shutdown", Value::Null);
        assert_eq!(r["result"], Value::Null, "{r}");
        assert!(r.get("error").is_none(), "{r}");
        self.notify("exit", Value::Null);
        self.finish()
    }

    fn finish(mut self) -> i32 {
        drop(self.stdin.take());
        let status = self.child.wait().expect("wait");
        status.code().expect("exit code")
    }
}

fn root() -> PathBuf {
    crate::common::root().to_path_buf()
}

fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// `samictl validate --format json` of a text, run in `dir`: (rule, severity, line, column,
/// message) per finding.
fn validate(dir: &Path, file: &Path) -> Vec<(String, String, u64, u64, String)> {
    let out = common::run(common::samictl(dir, &["validate", "--format", "json"]).arg(file));
    let v: Value = serde_json::from_str(&out.stdout).expect("validate JSON");
    v["files"][0]["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap_or_default().to_owned(),
                d["severity"].as_str().unwrap_or_default().to_owned(),
                d["line"].as_u64().unwrap_or_default(),
                d["column"].as_u64().unwrap_or_default(),
                d["message"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

/// The same tuple from LSP diagnostics (ASCII fixtures: UTF-16 columns are characters).
fn from_lsp(diags: &[Value]) -> Vec<(String, String, u64, u64, String)> {
    diags
        .iter()
        .map(|d| {
            let severity = match d["severity"].as_u64() {
                Some(1) => "error",
                Some(2) => "warning",
                other => panic!("severity {other:?}"),
            };
            assert_eq!(d["source"], "samictl");
            (
                d["code"].as_str().unwrap_or_default().to_owned(),
                severity.to_owned(),
                d["range"]["start"]["line"].as_u64().unwrap_or_default() + 1,
                d["range"]["start"]["character"]
                    .as_u64()
                    .unwrap_or_default()
                    + 1,
                d["message"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

/// A scratch folder under target/, emptied first.
fn scratch(name: &str) -> PathBuf {
    crate::common::scratch(&format!("lsp/{name}"))
}

#[test]
fn diagnostics_equal_validate_and_follow_changes() {
    let file = root().join("fixtures/invalid/many-findings.yaml");
    let text = std::fs::read_to_string(&file).expect("fixture");
    let uri = file_uri(&file);
    let mut c = Client::start(&["--no-config"], &root());
    let published = from_lsp(&c.open(&uri, &text));
    let expected = validate(&root(), &file);
    assert!(expected.len() > 5, "the fixture has many findings");
    assert_eq!(published, expected);

    // Fixed by hand: the valid example has no findings at all.
    let valid = std::fs::read_to_string(root().join("fixtures/valid/seller-outreach.yaml"))
        .expect("valid fixture");
    assert_eq!(c.change(&uri, 2, &valid), Vec::<Value>::new());

    // One new mistake: exactly one new finding, where validate puts it.
    let broken = valid.replacen(
        "    notify:\n      owner: true\n",
        "    notfy:\n      owner: true\n",
        1,
    );
    assert_ne!(broken, valid);
    let diags = c.change(&uri, 3, &broken);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0]["code"], "unknown-field");
    assert_eq!(diags[0]["severity"], 1);
    assert_eq!(diags[0]["data"]["help"], "did you mean `notify`?");
    let scratch = scratch("changes");
    let path = scratch.join("bot.yaml");
    std::fs::write(&path, &broken).expect("write");
    assert_eq!(from_lsp(&diags), validate(&scratch, &path));
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn the_nearest_samictl_toml_is_honoured() {
    let dir = scratch("config");
    std::fs::create_dir_all(dir.join("bots")).expect("bots dir");
    std::fs::write(
        dir.join("samictl.toml"),
        "[rules]\noutcome-missing = \"deny\"\nnotify-empty = \"allow\"\n[policy]\nemail_domains = [\"acme.com\"]\n",
    )
    .expect("toml");
    let text = "version: 1\nbot:\n  name: A\n  direction: inbound\noutcomes:\n  unqualified:\n    actions:\n      - type: task\n        title: Check\n        assignee: ops@gmail.com\n    notify:\n      owner: false\n";
    let file = dir.join("bots/a.yaml");
    std::fs::write(&file, text).expect("bot");
    // The server runs elsewhere (the editor's folder); the file's own samictl.toml applies.
    let mut c = Client::start(&[], &root().join("fixtures/tree"));
    let published = from_lsp(&c.open(&file_uri(&file), text));
    let expected = validate(&dir, &file);
    assert!(
        expected.iter().all(|f| f.0 != "notify-empty")
            && expected
                .iter()
                .any(|f| f.0 == "outcome-missing" && f.1 == "error")
            && expected.iter().any(|f| f.0 == "recipient-not-allowed"),
        "{expected:?}"
    );
    assert_eq!(published, expected);
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn a_file_that_is_not_a_bot_file_gets_nothing() {
    let mut c = Client::start(&["--no-config"], &root());
    let uri = "file:///tmp/docker-compose.yaml";
    let text = "services:\n  web:\n    image: nginx\n    ports: [80]\n";
    assert_eq!(c.open(uri, text), Vec::<Value>::new());
    assert_eq!(c.at("textDocument/hover", uri, 1, 3)["result"], Value::Null);
    assert_eq!(
        c.at("textDocument/completion", uri, 1, 3)["result"],
        Value::Null
    );
    // Once it becomes a bot file, it is checked.
    let diags = c.change(
        uri,
        2,
        "version: 1\nbot:\n  name: A\n  direction: sideways\n",
    );
    assert!(
        diags.iter().any(|d| d["code"] == "invalid-value"),
        "{diags:?}"
    );
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn hover_explains_keys_and_findings() {
    let mut c = Client::start(&["--no-config"], &root());
    let uri = "untitled:bot.yaml";
    let text = "version: 1\nbot:\n  name: A\n  direction: outbound\noutcomes:\n  opt-out:\n    notify:\n      owner: true\n    actions:\n      - type: cancel-enrollment\n";
    let diags = c.open(uri, text);
    assert!(
        diags.iter().any(|d| d["code"] == "notify-not-allowed"),
        "{diags:?}"
    );

    // On the outcome tag: what the card allows.
    let h = c.at("textDocument/hover", uri, 5, 4);
    let value = h["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_default();
    assert!(value.contains("Opt out"), "{value}");
    assert!(value.contains("do-not-contact-all-channels"), "{value}");

    // On `notify` of opt-out: the key's doc and the rule's explanation.
    let h = c.at("textDocument/hover", uri, 6, 5);
    let value = h["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_default();
    assert!(value.contains("not allowed on opt-out"), "{value}");
    assert!(value.contains("notify-not-allowed"), "{value}");
    assert!(
        value.contains("samictl explain notify-not-allowed"),
        "{value}"
    );

    // On a locked action's type value.
    let h = c.at("textDocument/hover", uri, 9, 18);
    let value = h["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_default();
    assert!(value.contains("cadence protection"), "{value}");

    // On nothing.
    assert_eq!(
        c.at("textDocument/hover", uri, 40, 0)["result"],
        Value::Null
    );
    assert_eq!(c.shutdown(), 0);
}

fn labels(v: &Value) -> Vec<String> {
    v["result"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i["label"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn completion_offers_only_what_the_place_allows() {
    let mut c = Client::start(&["--no-config"], &root());
    let uri = "untitled:complete.yaml";
    let text = "\
version: 1
bot:
  name: A
  direction: inbound
outcomes:
  needs-follow-up:
    mid_call:
      wrap_up: \"See you at {{ 
    actions:
      - type: task
        title: \"Call {{
  missed-transfer:
    actions:
      - type: note
        text: \"Missed {{
      - type: 
  opt-out:
    
  
";
    c.open(uri, text);
    let wrap_up = labels(&c.at("textDocument/completion", uri, 7, 32));
    assert!(
        wrap_up.contains(&"requested_time".to_owned()),
        "{wrap_up:?}"
    );
    assert!(
        wrap_up.contains(&"contact.first_name".to_owned()),
        "{wrap_up:?}"
    );
    // Spoken during the call: no call.* in wrap_up.
    assert!(
        !wrap_up.iter().any(|l| l.starts_with("call.")),
        "{wrap_up:?}"
    );

    let title = labels(&c.at("textDocument/completion", uri, 10, 23));
    assert!(title.contains(&"requested_time".to_owned()), "{title:?}");
    assert!(title.contains(&"call.summary".to_owned()), "{title:?}");

    // missed-transfer has no requested time.
    let note = labels(&c.at("textDocument/completion", uri, 14, 24));
    assert!(note.contains(&"call.recording_url".to_owned()), "{note:?}");
    assert!(!note.contains(&"requested_time".to_owned()), "{note:?}");

    // Action types of missed-transfer on an inbound bot: user actions only, no enrollment lock.
    let types = labels(&c.at("textDocument/completion", uri, 15, 14));
    assert_eq!(types, ["note", "task", "tag"]);

    // Card keys of opt-out: no notify (hidden), nothing already written.
    let keys = labels(&c.at("textDocument/completion", uri, 17, 4));
    assert_eq!(keys, ["analysis_criteria", "mid_call", "actions"]);

    // Under outcomes: the tags not yet written.
    let tags = labels(&c.at("textDocument/completion", uri, 18, 2));
    assert_eq!(
        tags,
        [
            "successful-transfer",
            "contact-later",
            "not-interested",
            "unqualified",
            "bad-number"
        ]
    );
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn completion_and_hover_in_the_messaging_section() {
    let mut c = Client::start(&["--no-config"], &root());
    let uri = "untitled:sms.yaml";
    let text = "\
version: 1
bot:
  name: A
  direction: outbound
outcomes: {}
messaging:
  not-interested:
    
  needs-follow-up:
    notify:
      
  
  unqualified:
    actions:
      - type: task
        title: \"Read {{
      - type: 
";
    c.open(uri, text);
    // A messaging task title: no call.* placeholder, no requested_time on unqualified.
    let title = labels(&c.at("textDocument/completion", uri, 15, 24));
    assert!(
        title.contains(&"contact.first_name".to_owned()),
        "{title:?}"
    );
    assert!(!title.iter().any(|l| l.starts_with("call.")), "{title:?}");
    assert!(!title.contains(&"requested_time".to_owned()), "{title:?}");
    // The type of a messaging card's action: a task or a tag, no note, no lock.
    let types = labels(&c.at("textDocument/completion", uri, 16, 14));
    assert_eq!(types, ["task", "tag"]);
    // Under `messaging`: the messaging tags not yet written, no opt-out, no transfer.
    let tags = labels(&c.at("textDocument/completion", uri, 11, 2));
    assert_eq!(tags, ["bad-number", "contact-later"]);
    // A messaging card's keys: actions and notify only.
    let keys = labels(&c.at("textDocument/completion", uri, 7, 4));
    assert_eq!(keys, ["actions", "notify"]);
    // Its notify: the owner only.
    let notify = labels(&c.at("textDocument/completion", uri, 10, 6));
    assert_eq!(notify, ["owner"]);
    // Hover on a messaging tag names the system steps.
    let hover = c.at("textDocument/hover", uri, 6, 4);
    let shown = hover["result"]["contents"].to_string();
    assert!(shown.contains("stop-outreach"), "{shown}");
    assert!(shown.contains("covers SMS opt-outs"), "{shown}");
    // Document symbols: the messaging section and its cards, after `outcomes`.
    let file = root().join("fixtures/messaging/bot.yaml");
    let file_uri = file_uri(&file);
    c.open(&file_uri, &std::fs::read_to_string(&file).expect("fixture"));
    let r = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": file_uri}}),
    );
    let symbols = r["result"].as_array().expect("symbols");
    assert_eq!(symbols[2]["name"], "messaging", "{r}");
    let cards: Vec<&str> = symbols[2]["children"]
        .as_array()
        .expect("cards")
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert_eq!(cards[0], "needs-follow-up");
    assert_eq!(cards.len(), 5);
    assert_eq!(symbols[2]["children"][0]["children"][0]["name"], "task");
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn document_symbols_are_the_bot_its_cards_and_actions() {
    let mut c = Client::start(&["--no-config"], &root());
    let file = root().join("fixtures/valid/seller-outreach.yaml");
    let uri = file_uri(&file);
    c.open(&uri, &std::fs::read_to_string(&file).expect("fixture"));
    let r = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let symbols = r["result"].as_array().expect("symbols");
    assert_eq!(symbols[0]["name"], "Seller Outreach");
    assert_eq!(symbols[1]["name"], "outcomes");
    let cards: Vec<&str> = symbols[1]["children"]
        .as_array()
        .expect("cards")
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert_eq!(cards.len(), 8, "{cards:?}");
    assert_eq!(cards[0], "successful-transfer");
    let opt_out = &symbols[1]["children"][4];
    assert_eq!(opt_out["name"], "opt-out");
    let actions: Vec<&str> = opt_out["children"]
        .as_array()
        .expect("actions")
        .iter()
        .filter_map(|a| a["name"].as_str())
        .collect();
    assert_eq!(actions, ["do-not-contact-all-channels", "tag"]);

    // Items written at their key's column are actions too, and complete as such.
    let uri = "untitled:flat.yaml";
    c.open(
        uri,
        "version: 1\nbot:\n  name: A\n  direction: outbound\noutcomes:\n  contact-later:\n    actions:\n    - type: note\n      text: hi\n    - type: \n",
    );
    let r = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(
        r["result"][1]["children"][0]["children"][0]["name"], "note",
        "{r}"
    );
    let types = labels(&c.at("textDocument/completion", uri, 9, 12));
    assert_eq!(
        types,
        ["note", "task", "pause-contact-until-requested-time"]
    );
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn malformed_messages_get_errors_and_the_server_goes_on() {
    let mut c = Client::start(&["--no-config"], &root());
    // Not JSON: a parse error with a null id.
    c.send_raw(b"Content-Length: 9\r\n\r\n{not json");
    let e = c.wait_for(|m| m.get("error").is_some());
    assert_eq!(e["error"]["code"], -32700);
    assert_eq!(e["id"], Value::Null);
    // Unknown method: method not found, with the request's id.
    let r = c.request("textDocument/teleport", json!({}));
    assert_eq!(r["error"]["code"], -32601);
    // Bad params: invalid params.
    let r = c.request("textDocument/hover", json!({"textDocument": 7}));
    assert_eq!(r["error"]["code"], -32602);
    // A notification with bad params is logged, not fatal; a bad URI likewise.
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": "::"}}),
    );
    // A position far outside the document is clamped, not a crash.
    let uri = "untitled:x.yaml";
    c.open(uri, "version: 1\nbot:\n  name: é😀\n  direction: both\n");
    let r = c.at("textDocument/hover", uri, 2, 4_000_000_000);
    assert!(r.get("error").is_none(), "{r}");
    let r = c.at("textDocument/completion", uri, 99, 99);
    assert!(r.get("error").is_none(), "{r}");
    // And the next request still works.
    let r = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(r["result"][0]["name"], "é😀");
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn lifecycle_follows_the_protocol() {
    // A request before initialize is refused.
    let mut child = Command::new(BIN)
        .args(["--no-config", "lsp"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start");
    let mut stdin = child.stdin.take().expect("stdin");
    let body = r#"{"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":{}}"#;
    let exit = r#"{"jsonrpc":"2.0","method":"exit"}"#;
    write!(
        stdin,
        "Content-Length: {}\r\n\r\n{body}Content-Length: {}\r\n\r\n{exit}",
        body.len(),
        exit.len()
    )
    .expect("write");
    drop(stdin);
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    let reply = read_message(&mut out).expect("reply");
    assert_eq!(reply["error"]["code"], -32002);
    // exit without shutdown: exit code 1.
    assert_eq!(child.wait().expect("wait").code(), Some(1));

    // After shutdown, requests are refused and exit ends with 0.
    let mut c = Client::start(&["--no-config"], &root());
    let r = c.request("shutdown", Value::Null);
    assert_eq!(r["result"], Value::Null);
    let r = c.request("textDocument/hover", json!({}));
    assert_eq!(r["error"]["code"], -32600);
    c.notify("exit", Value::Null);
    assert_eq!(c.finish(), 0);
}

/// Applies LSP text edits (UTF-16 positions, none overlapping) to a text, as a client does.
fn apply_edits(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| -> usize {
        let line = p["line"].as_u64().unwrap_or_default() as usize;
        let character = p["character"].as_u64().unwrap_or_default() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let rest = &text[start.min(text.len())..];
        let line_text = rest.split('\n').next().unwrap_or_default();
        let mut units = 0;
        for (i, c) in line_text.char_indices() {
            if units >= character {
                return start + i;
            }
            units += c.len_utf16();
        }
        start + line_text.len()
    };
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_owned();
    for (start, end, new) in spans {
        out.replace_range(start..end, &new);
    }
    out
}

#[test]
fn code_actions_apply_the_fixes_of_samictl_fix() {
    let mut c = Client::start(&["--no-config"], &root());
    let uri = "untitled:fix.yaml";
    let text = "\
version: 1
bot:
  name: A
  direction: outbound
outcomes:
  missed-transfer:
    actions:
      - type: task
        title: Call back
    notfy:
      owner: yes
";
    let settings = samictl::config::Settings::default();
    let diags = c.open(uri, text);
    let unknown = diags
        .iter()
        .find(|d| d["code"] == "unknown-field")
        .expect("unknown-field finding")
        .clone();
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": unknown["range"],
               "context": {"diagnostics": [unknown], "only": ["quickfix"]}}),
    );
    let actions = r["result"].as_array().expect("actions");
    assert_eq!(actions.len(), 1, "{r}");
    let action = &actions[0];
    assert_eq!(action["kind"], "quickfix");
    assert_eq!(action["isPreferred"], true);
    assert_eq!(action["diagnostics"][0]["code"], "unknown-field");
    let edits = action["edit"]["changes"][uri].as_array().expect("edits");
    let fixed = apply_edits(text, edits);
    assert!(fixed.contains("    notify:\n"), "{fixed}");
    // The quick fix is the fix samictl fix makes for that finding.
    let diagnostics = samictl::validate::check(text, &settings).diagnostics;
    let i = diagnostics
        .iter()
        .position(|d| d.rule.id() == "unknown-field")
        .expect("finding");
    let lib = samictl::fix::fixes(text, &diagnostics)[i]
        .clone()
        .expect("fix");
    assert_eq!(fixed, samictl::fix::apply(text, [&lib]));

    // Fix all: exactly what samictl fix writes.
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri},
               "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
               "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    let actions = r["result"].as_array().expect("actions");
    assert_eq!(actions.len(), 1, "{r}");
    assert_eq!(actions[0]["kind"], "source.fixAll");
    let all = apply_edits(
        text,
        actions[0]["edit"]["changes"][uri]
            .as_array()
            .expect("edits"),
    );
    assert_eq!(all, samictl::fix::fix_text(text, &settings, false).text);
    // ... and what the `samictl fix` command writes to the file.
    let dir = scratch("fix");
    let path = dir.join("bot.yaml");
    std::fs::write(&path, text).expect("write");
    let status = common::run(common::samictl(&dir, &["--no-config", "fix"]).arg(&path)).output;
    assert!(status.status.code().is_some_and(|c| c <= 1), "{status:?}");
    assert_eq!(all, std::fs::read_to_string(&path).expect("fixed file"));
    assert!(all.contains("owner: true"), "{all}");
    // The fixed text, sent back, has no findings left but the warnings it had.
    let after = c.change(uri, 2, &all);
    assert!(after.iter().all(|d| d["severity"] == 2), "{after:?}");
    assert_eq!(c.shutdown(), 0);
}

/// The TCPA guard (issue 24): `criteria-catches-opt-out` is published at the phrase inside the
/// criteria string, with the phrase's length, as validate reports it.
#[test]
fn criteria_catches_opt_out_is_published_at_the_phrase() {
    let valid = std::fs::read_to_string(root().join("fixtures/valid/seller-outreach.yaml"))
        .expect("valid fixture");
    let text = valid.replacen(
        "  bad-number:\n",
        "  bad-number:\n    analysis_criteria: \"Wrong person, or asks us to lose their number.\"\n",
        1,
    );
    assert_ne!(text, valid, "the fixture has a bad-number card");
    let line = text
        .lines()
        .position(|l| l.contains("lose their number"))
        .expect("criteria line");
    let column = text
        .lines()
        .nth(line)
        .unwrap()
        .find("lose their number")
        .unwrap();
    let scratch = scratch("tcpa");
    let path = scratch.join("bot.yaml");
    std::fs::write(&path, &text).expect("write");
    let uri = file_uri(&path);
    let mut c = Client::start(&["--no-config"], &scratch);
    let diags = c.open(&uri, &text);
    let found: Vec<&Value> = diags
        .iter()
        .filter(|d| d["code"] == "criteria-catches-opt-out")
        .collect();
    assert_eq!(found.len(), 1, "{diags:?}");
    let range = &found[0]["range"];
    assert_eq!(range["start"]["line"], json!(line));
    assert_eq!(range["start"]["character"], json!(column));
    assert_eq!(range["end"]["line"], json!(line));
    assert_eq!(
        range["end"]["character"],
        json!(column + "lose their number".len())
    );
    assert!(
        found[0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("\"lose their number\"")
    );
    assert_eq!(from_lsp(&diags), validate(&scratch, &path));
    assert_eq!(c.shutdown(), 0);
}

mod editing;
