//! Hostile input: each is a `yaml-syntax` finding, never a panic, a hang or a stack overflow.
//! (Time and memory are measured by `cargo bench --bench validate`, not asserted here.)

use samictl::config::Settings;
use samictl::rules::Rule;
use samictl::validate::check_bytes;

fn only_syntax_error(bytes: &[u8]) -> String {
    let checked = check_bytes(bytes, &Settings::default());
    assert_eq!(checked.diagnostics.len(), 1, "{:?}", checked.diagnostics);
    let d = &checked.diagnostics[0];
    assert_eq!(d.rule, Rule::YamlSyntax, "{d:?}");
    assert!(d.pos.line >= 1 && d.pos.column >= 1);
    d.message.clone()
}

#[test]
fn file_over_one_mebibyte() {
    let mut big = b"version: 1\nbot: {name: x, direction: both}\n".to_vec();
    big.extend(std::iter::repeat_n(b'#', 1024 * 1024));
    let message = only_syntax_error(&big);
    assert!(message.contains("1 MiB"), "{message}");
}

#[test]
fn nesting_deeper_than_64() {
    let deep = format!("a: {}{}\n", "[".repeat(65), "]".repeat(65));
    let message = only_syntax_error(deep.as_bytes());
    assert!(message.contains("64"), "{message}");
    // 64 levels are fine as YAML (the format then finds the value wrong, not unreadable).
    let ok = format!("{}{}\n", "[".repeat(64), "]".repeat(64));
    let checked = check_bytes(ok.as_bytes(), &Settings::default());
    assert!(
        checked
            .diagnostics
            .iter()
            .all(|d| d.rule != Rule::YamlSyntax)
    );
}

#[test]
fn block_nesting_deeper_than_64() {
    let mut deep = String::new();
    for i in 0..200 {
        deep.push_str(&" ".repeat(i));
        deep.push_str("a:\n");
    }
    only_syntax_error(deep.as_bytes());
}

#[test]
fn a_million_open_brackets() {
    only_syntax_error("[".repeat(1_000_000).as_bytes());
}

#[test]
fn alias_bomb() {
    let mut lines = vec!["a0: &a0 [x, x, x, x, x, x, x, x, x, x]".to_owned()];
    for i in 1..12 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        lines.push(format!("a{i}: &a{i} [{refs}]"));
    }
    let message = only_syntax_error(lines.join("\n").as_bytes());
    assert!(message.contains("limit"), "{message}");
}

#[test]
fn invalid_utf8_and_binary_garbage() {
    only_syntax_error(b"version: 1\n\xc3\x28\n");
    let garbage: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
    only_syntax_error(&garbage);
    only_syntax_error(b"\x00\x01\x02\x03");
}

#[test]
fn a_500_kb_key() {
    let key = format!("{}: 1\n", "k".repeat(500_000));
    only_syntax_error(key.as_bytes());
    let quoted = format!("\"{}\": 1\n", "k".repeat(500_000));
    only_syntax_error(quoted.as_bytes());
}

#[test]
fn several_documents_and_local_tags() {
    only_syntax_error(b"version: 1\n---\nversion: 1\n");
    only_syntax_error(b"version: !include v.yaml\n");
    only_syntax_error(b"bot: !env BOT\n");
}
