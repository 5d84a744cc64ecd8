//! `samictl edit` takes back what `validate` takes (issue 12): a note written as a `|` block
//! and a wrap-up holding escape sequences validate, so Enter at their prompts keeps them and
//! the card can be saved. Before, the prompt refused the control characters the validator
//! accepts, and asked again forever. Driven through a real pseudo-terminal.
#![cfg(unix)]

use crate::common;
use rexpect::session::{PtySession, spawn_command};
use std::path::PathBuf;
use std::process::Command;

const DOWN: &str = "\x1b[B";
const ENTER: &str = "\r";
const ESC: &str = "\x1b";

const BOT: &str = "\
version: 1
bot:
  name: Seller Outreach
  direction: outbound
outcomes:
  unqualified:
    mid_call:
      wrap_up: \"Bye\\e]0;PWNED\\a\\e[2J now\"   # hostile
    actions:
      - type: note
        text: |
          Already sold.
          \tAsk for a referral.
";

fn setup(name: &str) -> PathBuf {
    let dir = common::scratch(&format!("edit-fields-{name}"));
    std::fs::write(dir.join("bot.yaml"), BOT).unwrap();
    dir
}

fn keys(p: &mut PtySession, keys: &[&str]) {
    for k in keys {
        p.send(k).unwrap();
        p.flush().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(60));
    }
}

#[test]
fn a_block_note_and_an_escaped_wrap_up_are_kept_with_enter() {
    let dir = setup("keep");
    let settings = samictl::config::Settings::default();
    let before = samictl::validate::check(BOT, &settings).bot.unwrap();
    let mut cmd = Command::new(common::BIN);
    cmd.current_dir(&dir)
        .args(["--no-config", "edit", "bot.yaml"])
        .env("TERM", "xterm-256color")
        .env("NO_COLOR", "1");
    let mut p = spawn_command(cmd, Some(20_000)).unwrap();
    p.exp_string("Which card?").unwrap();
    // Unqualified is the seventh card; its menu: criteria, wrap_up, Actions.
    keys(&mut p, &[DOWN, DOWN, DOWN, DOWN, DOWN, DOWN, ENTER]);
    p.exp_string("Unqualified (unqualified)").unwrap();
    keys(&mut p, &[DOWN, ENTER]);
    p.exp_string("Change the wrap-up").unwrap();
    keys(&mut p, &[ENTER]);
    p.exp_string("now:").unwrap();
    keys(&mut p, &[ENTER]);
    let shown = p.exp_string("wrap-up set").unwrap();
    assert!(!shown.contains("\x1b]0;PWNED"), "raw OSC echoed: {shown:?}");
    // Actions: the lock SAMI runs, then the note; Change it, Enter keeps the text.
    keys(&mut p, &[DOWN, ENTER]);
    p.exp_string("Add an action").unwrap();
    keys(&mut p, &[DOWN, ENTER]);
    p.exp_string("Move up").unwrap();
    keys(&mut p, &[ENTER]);
    p.exp_string("now: Already sold.").unwrap();
    keys(&mut p, &[ENTER]);
    p.exp_string("action changed").unwrap();
    keys(&mut p, &[ESC, ESC]);
    p.exp_string("Quit without saving").unwrap();
    // From Unqualified: Bad number, Messaging, then Save.
    keys(&mut p, &[DOWN, DOWN, DOWN, ENTER]);
    // Kept values may be rewritten the same (nothing to save) or requoted (a diff to confirm).
    let (_, asked) = p.exp_regex("Write these changes|Nothing changed").unwrap();
    if asked.starts_with("Write") {
        keys(&mut p, &["y"]);
        p.exp_string("saved").unwrap();
    }
    let out = p.exp_eof().unwrap_or_default();
    assert!(!out.contains("\x1b]0;PWNED"), "{out:?}");
    let after = std::fs::read_to_string(dir.join("bot.yaml")).unwrap();
    let checked = samictl::validate::check(&after, &settings);
    assert!(!checked.has_errors(), "{:?}\n{after}", checked.diagnostics);
    let after_bot = samictl::edit::normalize(checked.bot.unwrap());
    let before = samictl::edit::normalize(before);
    let o = samictl::outcome::Outcome::Unqualified;
    assert_eq!(after_bot.cards[&o], before.cards[&o]);
    assert!(
        !after.contains('\u{1b}'),
        "raw escape in the file: {after:?}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
