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

/// A request whose JSON holds an "é" and an emoji, so its length in characters is not its
/// length in bytes.
fn hover_body(id: i64, uri: &str) -> String {
    json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover",
           "params": {"textDocument": {"uri": uri}, "position": {"line": 2, "character": 9},
                      "note": "café 🙂"}})
    .to_string()
}

#[test]
fn badly_framed_messages_get_errors_and_the_server_resynchronises() {
    let mut c = Client::start(&["--no-config"], &root());
    let uri = "untitled:framing.yaml";
    c.open(uri, "version: 1\nbot:\n  name: é😀\n  direction: both\n");
    type Framing = fn(&str) -> String;
    let cases: [(&str, Framing); 5] = [
        ("no Content-Length", |b: &str| {
            format!("Content-Type: application/json\r\n\r\n{b}")
        }),
        ("20 bytes too long", |b: &str| {
            format!("Content-Length: {}\r\n\r\n{b}", b.len() + 20)
        }),
        ("5 bytes too short", |b: &str| {
            format!("Content-Length: {}\r\n\r\n{b}", b.len() - 5)
        }),
        ("counted in characters", |b: &str| {
            format!("Content-Length: {}\r\n\r\n{b}", b.chars().count())
        }),
        ("1 byte too short", |b: &str| {
            format!("Content-Length: {}\r\n\r\n{b}", b.len() - 1)
        }),
    ];
    for (i, (case, frame)) in cases.into_iter().enumerate() {
        let bad_id = 100 + i as i64;
        let body = hover_body(bad_id, uri);
        assert_eq!(body.len() - body.chars().count(), 4, "é: 2 bytes, 🙂: 4");
        // The bad frame on its own, then valid requests: the bad one gets an error with its
        // id, every later one its answer.
        c.send_raw(frame(&body).as_bytes());
        let ids: Vec<i64> = (0..3).map(|k| 1000 + 10 * i as i64 + k).collect();
        for id in &ids {
            c.send(
                json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover",
                          "params": {"textDocument": {"uri": uri},
                                     "position": {"line": 1, "character": 1}}}),
            );
        }
        let mut seen = Vec::new();
        let last = *ids.last().expect("ids");
        let mut error = None;
        loop {
            let m = c.wait_for(|_| true);
            if m["id"] == bad_id {
                error = Some(m);
                continue;
            }
            if let Some(id) = m["id"].as_i64() {
                assert!(m.get("error").is_none(), "{case}: {m}");
                assert!(m["result"]["contents"]["value"].is_string(), "{case}: {m}");
                seen.push(id);
                if id == last {
                    break;
                }
            }
        }
        assert_eq!(
            seen, ids,
            "{case}: every later request is answered, in order"
        );
        let error = error.unwrap_or_else(|| panic!("{case}: no error for the bad frame"));
        assert_eq!(error["error"]["code"], -32700, "{case}: {error}");
    }
    assert_eq!(c.shutdown(), 0);
}

/// The bundled example grown to about `bytes` with different notes on one card.
fn large_bot(bytes: usize) -> String {
    let small = std::fs::read_to_string(root().join("fixtures/valid/seller-outreach.yaml"))
        .expect("fixture");
    let marker = "  unqualified:\n";
    let mut notes = String::new();
    let mut i = 0;
    while notes.len() + small.len() < bytes {
        notes.push_str(&format!(
            "      - type: note\n        text: \"Voicemail {i} for {{{{ contact.first_name }}}}\"\n"
        ));
        i += 1;
    }
    let large = small.replacen(marker, &format!("{marker}    actions:\n{notes}"), 1);
    large.replacen(&format!("{notes}    actions:\n"), &notes, 1)
}

#[test]
fn changes_queued_together_are_validated_once_for_the_newest_text() {
    let mut c = Client::start(&["--no-config"], &root());
    let uri = "untitled:coalesce.yaml";
    let text = large_bot(150_000);
    assert!(c.open(uri, &text).is_empty(), "the grown example is valid");
    // 30 changes back to back, in one write: all but the last add a mistake.
    let mut stream = String::new();
    for version in 2..=31 {
        let t = if version == 31 {
            text.clone()
        } else {
            text.replacen("    notify:\n", &format!("    notfy{version}:\n"), 1)
        };
        let body = json!({"jsonrpc": "2.0", "method": "textDocument/didChange",
                          "params": {"textDocument": {"uri": uri, "version": version},
                                     "contentChanges": [{"text": t}]}})
        .to_string();
        stream.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    }
    c.send_raw(stream.as_bytes());
    let mut versions = Vec::new();
    loop {
        let m = c.wait_for(|m| m["method"] == "textDocument/publishDiagnostics");
        let version = m["params"]["version"].as_i64().expect("version");
        versions.push(version);
        if version == 31 {
            assert_eq!(m["params"]["diagnostics"], json!([]), "the newest text's");
            break;
        }
    }
    assert!(
        versions.windows(2).all(|w| w[0] < w[1]),
        "published in order: {versions:?}"
    );
    assert!(
        versions.len() <= 10,
        "30 queued changes, {} publishes: {versions:?}",
        versions.len()
    );
    // Requests still see the text as of their place in the stream.
    let r = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(r["result"].is_array(), "{r}");
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn fix_all_is_computed_only_when_it_is_chosen() {
    let text = "\
version: 1
bot:
  name: A
  direction: outbound
outcomes:
  missed-transfer:
    notfy:
      owner: yes
";
    let uri = "untitled:lazy.yaml";
    let ask = |c: &mut Client, only: Value| {
        let mut context = json!({"diagnostics": []});
        if !only.is_null() {
            context["only"] = only;
        }
        let r = c.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri},
                   "range": {"start": {"line": 0, "character": 0},
                             "end": {"line": 0, "character": 0}},
                   "context": context}),
        );
        r["result"].as_array().expect("actions").clone()
    };
    let resolving = json!({"textDocument": {"codeAction": {
        "resolveSupport": {"properties": ["edit"]}}}});
    let mut c = Client::start_with(&["--no-config"], &root(), resolving);
    c.open(uri, text);
    // Without `only`: "fix all" comes without its edit...
    let actions = ask(&mut c, Value::Null);
    let lazy: Vec<&Value> = actions
        .iter()
        .filter(|a| a["kind"] == "source.fixAll")
        .collect();
    assert_eq!(lazy.len(), 1, "{actions:?}");
    assert!(lazy[0].get("edit").is_none(), "{}", lazy[0]);
    // ... which codeAction/resolve gives: the edit asked for by kind.
    let resolved = c.request("codeAction/resolve", lazy[0].clone());
    let eager = ask(&mut c, json!(["source.fixAll"]));
    assert_eq!(eager.len(), 1, "{eager:?}");
    assert_eq!(resolved["result"]["edit"], eager[0]["edit"], "{resolved}");
    assert_eq!(resolved["result"]["title"], eager[0]["title"]);
    let fixed = apply_edits(
        text,
        resolved["result"]["edit"]["changes"][uri]
            .as_array()
            .expect("edits"),
    );
    let settings = samictl::config::Settings::default();
    assert_eq!(fixed, samictl::fix::fix_text(text, &settings, false).text);
    // Once fixed, resolving it again changes nothing.
    c.change(uri, 2, &fixed);
    let again = c.request("codeAction/resolve", lazy[0].clone());
    assert_eq!(
        again["result"]["edit"]["changes"][uri],
        json!([]),
        "{again}"
    );
    assert_eq!(c.shutdown(), 0);

    // A client that can't resolve gets "fix all" only by asking for it by kind.
    let mut c = Client::start(&["--no-config"], &root());
    c.open(uri, text);
    let actions = ask(&mut c, Value::Null);
    assert!(
        actions.iter().all(|a| a["kind"] != "source.fixAll"),
        "{actions:?}"
    );
    assert_eq!(ask(&mut c, json!(["source.fixAll"])).len(), 1);
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn hover_on_a_placeholder_says_what_it_expands_to_and_where() {
    let mut c = Client::start(&["--no-config"], &root());
    let uri = "untitled:placeholders.yaml";
    let text = "\
version: 1
bot:
  name: A
  direction: inbound
outcomes:
  unqualified:
    actions:
      - type: note
        text: \"Hi {{contact.first_name}}, at {{ requested_time }}\"
";
    c.open(uri, text);
    let hover = |c: &mut Client, character: u32| {
        let r = c.at("textDocument/hover", uri, 8, character);
        r["result"]["contents"]["value"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    // On `{{contact.first_name}}` (its braces included).
    for character in [18, 22, 40] {
        let h = hover(&mut c, character);
        assert!(
            h.contains("`{{contact.first_name}}`**: the contact's first name"),
            "{h}"
        );
        assert!(h.contains("a note's `text` on every call card"), "{h}");
        assert!(h.contains("`wrap_up` on every call card"), "{h}");
        assert!(
            h.contains("a task's `title` on every messaging card"),
            "{h}"
        );
        assert!(
            h.contains("Here (a note's `text` on `unqualified`): allowed here."),
            "{h}"
        );
    }
    let r = c.at("textDocument/hover", uri, 8, 22);
    assert_eq!(r["result"]["range"]["start"]["character"], 18, "{r}");
    assert_eq!(r["result"]["range"]["end"]["character"], 40, "{r}");
    // `requested_time` exists on two cards only, not this one.
    let h = hover(&mut c, 52);
    assert!(
        h.contains("a note's `text` on the call cards `needs-follow-up`, `contact-later`"),
        "{h}"
    );
    assert!(h.contains("**not allowed here**"), "{h}");
    // Outside the braces: the key's hover, not the placeholder's.
    let h = hover(&mut c, 9);
    assert!(!h.contains("expands") && !h.contains("Allowed in"), "{h}");
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn document_symbols_of_a_large_file_list_the_first_actions_then_the_count() {
    let mut c = Client::start(&["--no-config"], &root());
    let uri = "untitled:symbols.yaml";
    let text = large_bot(200_000);
    c.open(uri, &text);
    let r = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let outcomes = r["result"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["name"] == "outcomes"))
        .expect("outcomes");
    let card = outcomes["children"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["name"] == "unqualified"))
        .expect("unqualified");
    let actions = card["children"].as_array().expect("actions");
    // The grown card's notes, after the card's own actions (a few).
    let notes = text.matches("Voicemail ").count();
    assert!(notes > 1000, "{notes}");
    assert_eq!(actions.len(), 201);
    let more: usize = actions[200]["name"]
        .as_str()
        .and_then(|n| n.strip_suffix(" more actions"))
        .and_then(|n| n.parse().ok())
        .expect("N more actions");
    assert!(
        (notes..notes + 5).contains(&(more + 200)),
        "{more} more, {notes} notes"
    );
    // Each action's range is its item: the first one is two lines.
    assert_eq!(
        actions[0]["range"]["end"]["line"].as_u64().expect("line")
            - actions[0]["range"]["start"]["line"].as_u64().expect("line"),
        1
    );
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn the_editor_recipes_in_the_docs_are_the_files_tests_editors_checks() {
    let docs = std::fs::read_to_string(root().join("docs/editors.md")).expect("docs");
    let recipes = [
        "nvim-0.7.lua",
        "nvim-0.8.lua",
        "emacs-eglot.el",
        "emacs-lsp-mode.el",
        "vim-ale.vim",
        "vim-lsp.vim",
        "helix-languages.toml",
        "kakoune.kak",
        "vscode-settings.json",
    ];
    for name in recipes {
        let text = std::fs::read_to_string(root().join("tests/editors").join(name))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let block = format!("\n{}\n```", text.trim_end());
        assert!(
            docs.contains(&block),
            "docs/editors.md does not show tests/editors/{name} as it is"
        );
        assert!(docs.contains(&format!("(`{name}`)")), "{name} in the table");
    }
}

/// The diagnostics published for `uri` among `messages`.
fn published_for(messages: &[Value], uri: &str) -> Vec<Value> {
    messages
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
        .map(|m| m["params"]["diagnostics"].clone())
        .collect()
}

fn formatting(c: &mut Client, uri: &str) -> Value {
    c.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri},
               "options": {"tabSize": 4, "insertSpaces": false}}),
    )
}

#[test]
fn formatting_answers_with_the_edit_that_gives_what_fmt_writes() {
    let mut c = Client::start(&["--no-config"], &root());
    assert_eq!(
        c.init["result"]["capabilities"]["documentFormattingProvider"], true,
        "{}",
        c.init
    );
    let uri = "untitled:format.yaml";
    // Cards out of order, odd indentation, a comment, quoted plain strings, an emoji and a
    // CJK title on the last line, which has no line end: the edit's end is in UTF-16 units.
    let text = "version: 1\nbot:\n    name: \"Seller 😀 outreach\"\n    direction: outbound\noutcomes:\n    # the good one\n    transferred: {}\n    unqualified:\n        actions:\n            -   title: \"電話 😀 back\"\n                type: task";
    let want = samictl::fmt::format_text(text).expect("formattable");
    assert_ne!(want, text);
    c.open(uri, text);
    let r = formatting(&mut c, uri);
    assert!(r.get("error").is_none(), "{r}");
    let edits = r["result"].as_array().expect("edits").clone();
    assert_eq!(apply_edits(text, &edits), want);
    // The first line is the same in both: the edit starts after it; it runs to the end, after
    // the last line's UTF-16 units (the emoji counts two).
    assert_eq!(edits.len(), 1, "{edits:?}");
    assert_eq!(
        edits[0]["range"]["start"],
        json!({"line": 1, "character": 0})
    );
    let last = text.lines().last().expect("last line");
    assert_eq!(
        edits[0]["range"]["end"],
        json!({"line": text.lines().count() - 1, "character": last.encode_utf16().count()})
    );
    // The formatted text needs nothing more.
    c.change(uri, 2, &want);
    assert_eq!(formatting(&mut c, uri)["result"], json!([]));
    // The same with CRLF line ends: they are kept.
    let crlf = text.replace('\n', "\r\n");
    c.change(uri, 3, &crlf);
    let edits = formatting(&mut c, uri)["result"]
        .as_array()
        .expect("edits")
        .clone();
    assert_eq!(apply_edits(&crlf, &edits), want.replace('\n', "\r\n"));
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn a_file_that_cannot_be_formatted_gets_no_edits_and_no_error() {
    let mut c = Client::start(&["--no-config"], &root());
    let cases = [
        // yaml-syntax
        (
            "untitled:syntax.yaml",
            "version: 1\nbot:\n  name: [A\n  direction: inbound\n",
        ),
        // anchors and aliases
        (
            "untitled:anchors.yaml",
            "version: 1\nbot:\n  name: &n A\n  direction: inbound\noutcomes:\n  unqualified:\n    notify:\n      owner: true\n  transferred:\n    notify:\n      owner: true\n",
        ),
        // not a bot file
        (
            "untitled:compose.yaml",
            "services:\n  web:   {image: nginx}\n",
        ),
    ];
    for (uri, text) in cases {
        c.open(uri, text);
        let (before, r) = c.request_collecting(
            "textDocument/formatting",
            json!({"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": true}}),
        );
        assert!(r.get("error").is_none(), "{uri}: {r}");
        assert_eq!(r["result"], Value::Null, "{uri}: {r}");
        assert!(
            before.iter().all(|m| m["method"] != "window/showMessage"),
            "{uri}: no pop-up: {before:?}"
        );
    }
    let anchors = "version: 1\nbot:\n  name: &n A\n  direction: inbound\n";
    assert!(samictl::fmt::format_text(anchors).is_err());
    // A document that is not open: nothing either.
    let r = formatting(&mut c, "untitled:never-opened.yaml");
    assert_eq!(r["result"], Value::Null, "{r}");
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn an_excluded_file_gets_nothing_and_a_changed_samictl_toml_changes_that() {
    let dir = scratch("exclude");
    std::fs::create_dir_all(dir.join("ci")).expect("ci dir");
    let toml = dir.join("samictl.toml");
    std::fs::write(&toml, "[rules]\noutcome-missing = \"deny\"\n").expect("toml");
    let text = "version: 1\nbot:\n  name:  A\n  direction: sideways\n";
    let file = dir.join("ci/bot.yaml");
    std::fs::write(&file, text).expect("bot");
    let uri = file_uri(&file);
    let reload = |c: &mut Client| {
        c.notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": file_uri(&toml), "type": 2}]}),
        );
    };
    let mut c = Client::start(&[], &root());
    // Not excluded yet: validate's findings.
    let diags = c.open(&uri, text);
    assert!(
        diags.iter().any(|d| d["code"] == "invalid-value"),
        "{diags:?}"
    );
    assert_eq!(from_lsp(&diags), validate(&dir, &file));

    // Excluded now: the findings are cleared, once.
    std::fs::write(
        &toml,
        "[rules]\noutcome-missing = \"deny\"\n[files]\nexclude = [\"ci/**\"]\n",
    )
    .expect("toml");
    reload(&mut c);
    assert_eq!(c.diagnostics(&uri), Vec::<Value>::new());
    // Then nothing: no diagnostics for a change, no hover, no code actions, no formatting.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"text": text.replace("name:  A", "name: B")}]}),
    );
    let (before, r) = c.request_collecting(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 3, "character": 15}}),
    );
    assert_eq!(r["result"], Value::Null, "{r}");
    let (after, r) = c.request_collecting(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri},
               "range": {"start": {"line": 3, "character": 0}, "end": {"line": 3, "character": 20}},
               "context": {"diagnostics": []}}),
    );
    assert_eq!(r["result"], Value::Null, "{r}");
    assert_eq!(
        published_for(&[before, after].concat(), &uri),
        Vec::<Value>::new()
    );
    assert_eq!(formatting(&mut c, &uri)["result"], Value::Null);

    // A second excluded file opened now: nothing is published for it at all.
    let other = dir.join("ci/other.yaml");
    std::fs::write(&other, text).expect("bot");
    let other_uri = file_uri(&other);
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": other_uri, "languageId": "yaml", "version": 1, "text": text}}),
    );
    let (a, _) = c.request_collecting(
        "textDocument/hover",
        json!({"textDocument": {"uri": other_uri}, "position": {"line": 0, "character": 0}}),
    );
    let (b, _) = c.request_collecting(
        "textDocument/hover",
        json!({"textDocument": {"uri": other_uri}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(
        published_for(&[a, b].concat(), &other_uri),
        Vec::<Value>::new()
    );

    // The exclude is taken out again: both are checked, for their current text.
    std::fs::write(&toml, "[rules]\noutcome-missing = \"deny\"\n").expect("toml");
    reload(&mut c);
    let mut seen = std::collections::HashMap::new();
    while seen.len() < 2 {
        let m = c.wait_for(|m| m["method"] == "textDocument/publishDiagnostics");
        seen.insert(
            m["params"]["uri"].as_str().unwrap_or_default().to_owned(),
            m["params"]["diagnostics"].clone(),
        );
    }
    for u in [&uri, &other_uri] {
        let diags = seen[u.as_str()].as_array().expect("diagnostics").clone();
        assert!(
            diags.iter().any(|d| d["code"] == "invalid-value"),
            "{u}: {diags:?}"
        );
    }
    let r = formatting(&mut c, &uri);
    assert!(r["result"].as_array().is_some_and(|e| !e.is_empty()), "{r}");
    assert_eq!(c.shutdown(), 0);
}

#[test]
fn saving_samictl_toml_in_the_editor_reloads_every_open_file() {
    let dir = scratch("exclude-save");
    std::fs::create_dir_all(dir.join("vendor")).expect("dir");
    let toml = dir.join("samictl.toml");
    std::fs::write(&toml, "").expect("toml");
    let text = "version: 1\nbot:\n  name: A\n  direction: sideways\n";
    let file = dir.join("vendor/bot.yaml");
    std::fs::write(&file, text).expect("bot");
    let uri = file_uri(&file);
    let mut c = Client::start(&[], &root());
    assert!(!c.open(&uri, text).is_empty());
    let toml_uri = file_uri(&toml);
    let toml_text = "[files]\nexclude = [\"vendor\"]\n";
    c.open(&toml_uri, "");
    std::fs::write(&toml, toml_text).expect("toml");
    c.change(&toml_uri, 2, toml_text);
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": toml_uri}}),
    );
    assert_eq!(c.diagnostics(&uri), Vec::<Value>::new());
    assert_eq!(c.shutdown(), 0);
}

/// The number before `word` on the first line of `text` holding it (`"... 3 fixes"`),
/// or 0 when no line holds it.
fn count_before(text: &str, word: &str) -> usize {
    text.lines()
        .find_map(|line| {
            let words: Vec<&str> = line.split_whitespace().collect();
            let at = words.iter().position(|w| w.trim_end_matches(':') == word)?;
            words.get(at.checked_sub(1)?)?.parse().ok()
        })
        .unwrap_or(0)
}

/// Spec section 13: every output says what is fixable, and they agree. On each file the
/// count of safe fixes is the same five ways: `validate`'s "N fixable", the JSON report's safe
/// `fix` fields, the SARIF results with a safe fix, `samictl fix --diff`'s "N findings would
/// be fixed" and the language server's fix-all "N fixes". A fix that would uncover a fixable
/// finding (a renamed key whose value is a YAML 1.1 boolean) fixes it too, so one run of
/// `samictl fix` reaches its fixed point and counts what it fixed.
#[test]
fn every_count_of_fixes_agrees() {
    let nested = "\
version: 1
bot:
  name: A
  direction: Outbound
outcomes:
  missed-transfer:
    notify:
      ownr: yes
  needs-follow-up:
    notify: {owner: true}
  opt-out:
    notfy: {owner: true}
  sucessful-transfer:
    notfy:
      owner: yes
messaging:
  contact-later:
    notify:
      ownr: 'TRUE'
";
    let dir = scratch("counts");
    let mut files = vec![("nested.yaml", nested.to_owned(), 5)];
    for (name, path, want) in [
        ("many.yaml", "fixtures/invalid/many-findings.yaml", 11),
        ("messaging.yaml", "fixtures/fix/before/messaging.yaml", 5),
        (
            "placeholder.yaml",
            "fixtures/fix/before/placeholder-typo.yaml",
            1,
        ),
    ] {
        let text = std::fs::read_to_string(root().join(path)).expect("fixture");
        files.push((name, text, want));
    }
    let mut c = Client::start(&["--no-config"], &dir);
    for (i, (name, text, want)) in files.iter().enumerate() {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("write");
        let run = |args: &[&str]| {
            let out = common::run(
                common::samictl(&dir, &["--no-config"])
                    .args(args)
                    .arg(&path)
                    .env("NO_COLOR", "1"),
            )
            .output;
            format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )
        };
        let human = count_before(&run(&["validate"]), "fixable");
        let report: Value =
            serde_json::from_str(&run(&["validate", "--format", "json"])).expect("json");
        let json = report["files"][0]["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter(|d| d["fix"]["safe"] == true)
            .count();
        let log: Value =
            serde_json::from_str(&run(&["validate", "--format", "sarif"])).expect("sarif");
        let sarif = log["runs"][0]["results"]
            .as_array()
            .expect("results")
            .iter()
            .filter(|r| {
                r["fixes"].as_array().is_some_and(|f| {
                    f.iter().any(|f| {
                        !f["description"]["text"]
                            .as_str()
                            .unwrap_or_default()
                            .contains("(unsafe")
                    })
                })
            })
            .count();
        let fix = count_before(&run(&["fix", "--diff"]), "findings")
            .max(count_before(&run(&["fix", "--diff"]), "finding"));
        let uri = format!("untitled:{name}");
        c.open(&uri, text);
        let r = c.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri},
                   "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                   "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
        );
        let title = r["result"][0]["title"].as_str().unwrap_or_default();
        let lsp = count_before(title, "fixes").max(count_before(title, "fix"));
        assert_eq!(
            (human, json, sarif, fix, lsp),
            (*want, *want, *want, *want, *want),
            "{name} (file {i}): validate, JSON, SARIF, fix, language server"
        );
        // One run reaches the fixed point: nothing safe is left to fix.
        run(&["fix"]);
        assert_eq!(count_before(&run(&["validate"]), "fixable"), 0, "{name}");
    }
    assert_eq!(c.shutdown(), 0);
}
