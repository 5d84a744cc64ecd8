//! The language server under load and while a file is edited: bad framing, queued changes,
//! fix-all on demand, placeholders, large files, formatting, excluded files and a changed
//! `samictl.toml`; and the counts of fixes agree with `samictl fix`.

use super::*;

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
