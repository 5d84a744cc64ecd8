//! `samictl init` without a terminal, and `samictl edit` refusing to run without one.

use crate::common::{self, root};
use std::path::Path;

fn samictl(dir: &Path, args: &[&str]) -> (String, String, i32) {
    let r = common::run(common::samictl(dir, &["--no-config"]).args(args));
    (r.stdout, r.stderr, r.code)
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    common::scratch(&format!("init-{name}"))
}

#[test]
fn init_writes_a_clean_file_and_never_overwrites_without_force() {
    let dir = temp_dir("write");
    let (out, _, code) = samictl(
        &dir,
        &[
            "init",
            "bots/seller.yaml",
            "--name",
            "Seller: \"East\"",
            "--direction",
            "outbound",
        ],
    );
    assert_eq!(code, 0, "{out}");
    let written = std::fs::read_to_string(dir.join("bots/seller.yaml")).unwrap();
    assert_eq!(
        written,
        samictl::init::new_file("Seller: \"East\"", samictl::outcome::Direction::Outbound)
    );
    // No errors and no warnings.
    let (out, _, code) = samictl(&dir, &["validate", "--deny-warnings", "bots/seller.yaml"]);
    assert_eq!(code, 0, "{out}");

    std::fs::write(dir.join("bots/seller.yaml"), "mine\n").unwrap();
    let (_, err, code) = samictl(
        &dir,
        &[
            "init",
            "bots/seller.yaml",
            "--name",
            "x",
            "--direction",
            "inbound",
        ],
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("bots/seller.yaml")).unwrap(),
        "mine\n"
    );
    let (_, _, code) = samictl(
        &dir,
        &[
            "init",
            "bots/seller.yaml",
            "--name",
            "x",
            "--direction",
            "inbound",
            "--force",
        ],
    );
    assert_eq!(code, 0);
    assert!(
        std::fs::read_to_string(dir.join("bots/seller.yaml"))
            .unwrap()
            .contains("direction: inbound")
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn init_defaults_to_bot_yaml_and_refuses_to_ask_without_a_terminal() {
    let dir = temp_dir("ask");
    let (_, err, code) = samictl(&dir, &["init", "--name", "x"]);
    assert_eq!(code, 2);
    assert!(err.contains("no terminal"), "{err}");
    assert!(!dir.join("bot.yaml").exists());
    let (_, err, code) = samictl(&dir, &["init", "--name", "   ", "--direction", "both"]);
    assert_eq!(code, 2, "{err}");
    let (_, _, code) = samictl(&dir, &["init", "--name", "x", "--direction", "both"]);
    assert_eq!(code, 0);
    assert!(dir.join("bot.yaml").is_file());
    // Then show and simulate find ./bot.yaml by themselves.
    let (out, _, code) = samictl(
        &dir,
        &[
            "simulate",
            "--outcome",
            "needs-follow-up",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 0);
    assert!(out.contains("\"pause-enrollment\""));
    std::fs::remove_dir_all(&dir).ok();
}

/// A file with errors is refused with its diagnostics (exit 1, docs/spec 10) even without
/// a terminal: the file is checked before the terminal is asked for.
#[test]
fn edit_refuses_a_file_with_errors_with_exit_1_even_without_a_terminal() {
    let dir = temp_dir("edit-errors");
    std::fs::copy(
        root().join("fixtures/invalid/many-findings.yaml"),
        dir.join("bot.yaml"),
    )
    .unwrap();
    let (_, err, code) = samictl(&dir, &["edit", "bot.yaml"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("error["), "{err}");
    assert!(!err.contains("needs a terminal"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn edit_without_a_terminal_exits_2_at_once() {
    let dir = temp_dir("edit");
    std::fs::copy(
        root().join("fixtures/valid/seller-outreach.yaml"),
        dir.join("bot.yaml"),
    )
    .unwrap();
    let before = std::fs::read(dir.join("bot.yaml")).unwrap();
    let (_, err, code) = samictl(&dir, &["edit", "bot.yaml"]);
    assert_eq!(code, 2);
    assert!(err.contains("needs a terminal"), "{err}");
    assert_eq!(std::fs::read(dir.join("bot.yaml")).unwrap(), before);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_docs_show_the_template_the_binary_includes() {
    let docs = std::fs::read_to_string(root().join("docs/editing.md")).unwrap();
    assert!(
        docs.contains(samictl::init::TEMPLATE),
        "docs/editing.md must show templates/bot.yaml verbatim"
    );
}

/// Spec section 17: `init` writes the five messaging cards (empty) besides the eight call
/// cards, its summary says so, and the file is already in `samictl fmt`'s layout (section 18).
#[test]
fn init_says_it_writes_the_messaging_cards_and_writes_them_formatted() {
    let dir = temp_dir("messaging");
    let (out, err, code) = samictl(
        &dir,
        &["init", "b.yaml", "--name", "X", "--direction", "both"],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("the five messaging cards"), "{out}");
    let written = std::fs::read_to_string(dir.join("b.yaml")).unwrap();
    let messaging = written
        .split("\nmessaging:\n")
        .nth(1)
        .expect("a messaging section");
    for tag in [
        "needs-follow-up",
        "contact-later",
        "not-interested",
        "unqualified",
        "bad-number",
    ] {
        assert!(messaging.contains(&format!("  {tag}: {{}}\n")), "{tag}");
    }
    let (out, err, code) = samictl(&dir, &["fmt", "--check", "b.yaml"]);
    assert_eq!(code, 0, "{out}{err}");
}
