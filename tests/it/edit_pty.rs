//! `samictl edit` driven through a real pseudo-terminal, as a person would: arrow keys, Enter,
//! typing. Checks what lands on disk.

use crate::common;
use rexpect::session::{PtySession, spawn_command};
use std::path::{Path, PathBuf};
use std::process::Command;

const DOWN: &str = "\x1b[B";
const ENTER: &str = "\r";
const ESC: &str = "\x1b";

/// A heavily commented bot file.
const BOT: &str = "\
# Seller bot, owned by RevOps. Keep the comments!
version: 1
bot:
  name: Seller Outreach   # shown in {{ bot.name }}
  direction: outbound

outcomes:
  # --- transfers ---
  successful-transfer:
    notify:
      owner: true   # the agent who took the call

  missed-transfer:
    actions:
      - type: task
        title: \"Call back {{ contact.first_name }}\"   # within 15 minutes
        due_in: 15m
    notify:
      owner: true

  needs-follow-up:
    actions:
      - type: task
        title: Follow up
        due_in: requested-time

  contact-later: {}
  # --- TCPA ---
  opt-out:
    actions:
      - type: do-not-contact-all-channels   # locked, written for reviewers
      - type: tag
        name: opted-out
  not-interested: {}
  unqualified: {}
  bad-number: {}   # nothing yet
";

fn setup(name: &str) -> (PathBuf, PathBuf) {
    let dir = common::scratch(&format!("pty-{name}"));
    let file = dir.join("bot.yaml");
    std::fs::write(&file, BOT).unwrap();
    (dir, file)
}

fn spawn(dir: &Path) -> PtySession {
    let mut cmd = Command::new(common::BIN);
    cmd.current_dir(dir)
        .args(["--no-config", "edit", "bot.yaml"])
        .env("TERM", "xterm-256color")
        .env("NO_COLOR", "1");
    spawn_command(cmd, Some(20_000)).unwrap()
}

fn keys(p: &mut PtySession, keys: &[&str]) {
    for k in keys {
        p.send(k).unwrap();
        p.flush().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(60));
    }
}

/// The exit code (nix's `WaitStatus` is not re-exported by rexpect, so read its Debug form:
/// `Exited(Pid(123), 0)`).
fn exit_code(p: &PtySession) -> i32 {
    let status = format!("{:?}", p.process().wait().unwrap());
    let code = status
        .strip_prefix("Exited(")
        .and_then(|s| s.rsplit_once(", "))
        .and_then(|(_, c)| c.strip_suffix(')'))
        .and_then(|c| c.parse().ok());
    code.unwrap_or_else(|| panic!("samictl did not exit normally: {status}"))
}

#[test]
fn add_a_tag_and_save_keeps_every_comment() {
    let (dir, file) = setup("save");
    let mut p = spawn(&dir);
    p.exp_string("Which card?").unwrap();
    // Opt out is the fifth card.
    keys(&mut p, &[DOWN, DOWN, DOWN, DOWN, ENTER]);
    // The card's menu counts as the card picker does ("1 action · 🔒 2 locked"; the pty
    // reader sees bytes, so only ASCII is matched).
    p.exp_string("Actions: 1 action ").unwrap();
    p.exp_string(" 2 locked").unwrap();
    // Analysis criteria, wrap_up, then Actions.
    keys(&mut p, &[DOWN, DOWN, ENTER]);
    p.exp_string("Add an action").unwrap();
    // Trying to remove the locked action says why.
    keys(&mut p, &[ENTER]);
    p.exp_string("TCPA").unwrap();
    // Two locks, the tag, then "Add an action".
    keys(&mut p, &[DOWN, DOWN, DOWN, ENTER]);
    p.exp_string("Add which action?").unwrap();
    // note, tag: pick tag.
    keys(&mut p, &[DOWN, ENTER]);
    p.exp_string("Tag").unwrap();
    // A bad value is refused and asked again.
    keys(&mut p, &["vip.lead", ENTER]);
    p.exp_string("is not allowed").unwrap();
    // The refused text comes back for editing: mend it rather than retype it.
    keys(&mut p, &["\x7f"; 5]);
    keys(&mut p, &[" lead", ENTER]);
    p.exp_string("tag added").unwrap();
    // Back to the card list (on Opt out, the fifth), then Save.
    keys(&mut p, &[ESC]);
    p.exp_string("Actions: 2 actions").unwrap();
    p.exp_string(" 2 locked").unwrap();
    keys(&mut p, &[ESC]);
    p.exp_string("Quit without saving").unwrap();
    // Opt out, then four cards and the Messaging section, then Save.
    keys(&mut p, &[DOWN, DOWN, DOWN, DOWN, DOWN, ENTER]);
    p.exp_string("+        name: vip lead").unwrap();
    p.exp_string("Write these changes").unwrap();
    keys(&mut p, &["y"]);
    p.exp_string("saved").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 0);

    let after = std::fs::read_to_string(&file).unwrap();
    // Valid, changed as asked...
    let checked = samictl::validate::check(&after, &samictl::config::Settings::default());
    assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
    let bot = checked.bot.unwrap();
    let opt_out = &bot.cards[&samictl::outcome::Outcome::OptOut];
    assert_eq!(
        opt_out.actions.last().map(|a| a.value.clone()),
        Some(samictl::model::Action::Tag {
            name: "vip lead".into()
        })
    );
    // ...and every line of the original is still there, in order: comments, blank lines, quoting.
    let mut rest = after.lines();
    for line in BOT.lines() {
        assert!(rest.any(|l| l == line), "lost {line:?}:\n{after}");
    }
    assert_eq!(after.lines().count(), BOT.lines().count() + 2);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn quitting_without_saving_leaves_the_file_byte_for_byte() {
    let (dir, file) = setup("quit");
    let before = std::fs::read(&file).unwrap();
    let mut p = spawn(&dir);
    p.exp_string("Which card?").unwrap();
    // Change something: Bad number (8th) -> Actions -> Add -> note.
    keys(&mut p, &[DOWN, DOWN, DOWN, DOWN, DOWN, DOWN, DOWN, ENTER]);
    p.exp_string("Bad number (bad-number)").unwrap();
    keys(&mut p, &[DOWN, DOWN, ENTER]);
    p.exp_string("Add an action").unwrap();
    // The lock the file doesn't write comes first, then "Add an action".
    keys(&mut p, &[DOWN, ENTER]);
    p.exp_string("Add which action?").unwrap();
    keys(&mut p, &[ENTER]);
    p.exp_string("Note text").unwrap();
    keys(&mut p, &["Wrong number", ENTER]);
    p.exp_string("note added").unwrap();
    keys(&mut p, &[ESC, ESC]);
    p.exp_string("Quit without saving").unwrap();
    // The list comes back on Bad number: Messaging, Save, then Quit without saving; confirm
    // the discard.
    keys(&mut p, &[DOWN, DOWN, DOWN, ENTER]);
    p.exp_string("Discard your changes?").unwrap();
    keys(&mut p, &["y"]);
    p.exp_string("Nothing written").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 0);
    assert_eq!(std::fs::read(&file).unwrap(), before);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn every_lock_that_runs_is_listed_and_refuses_removal() {
    let (dir, _file) = setup("locks");
    let mut p = spawn(&dir);
    p.exp_string("Which card?").unwrap();
    // The card picker: Successful transfer has no action of its own and one lock.
    p.exp_string("Successful transfer  0 actions").unwrap();
    p.exp_string(" 1 locked").unwrap();
    keys(&mut p, &[ENTER]);
    p.exp_string("Actions: 0 actions").unwrap();
    p.exp_string(" 1 locked").unwrap();
    // Successful transfer: wrap_up, then Actions (no criteria on a transfer).
    keys(&mut p, &[DOWN, ENTER]);
    // The file doesn't write cancel-enrollment; it runs anyway and is listed, locked.
    p.exp_string("cancel-enrollment (locked: cadence protection")
        .unwrap();
    p.exp_string("Add an action").unwrap();
    keys(&mut p, &[ENTER]);
    p.exp_string("cancel-enrollment is locked: SAMI runs it and it can't be changed or removed")
        .unwrap();
    keys(&mut p, &[ESC, ESC]);
    p.exp_string("Quit without saving").unwrap();
    // Contact later (4th): pause-contact-until-requested-time is listed too.
    keys(&mut p, &[DOWN, DOWN, DOWN, ENTER]);
    p.exp_string("Contact later (contact-later)").unwrap();
    // Criteria, wrap_up, confirm_time, then Actions.
    keys(&mut p, &[DOWN, DOWN, DOWN, ENTER]);
    p.exp_string("pause-contact-until-requested-time (locked")
        .unwrap();
    p.send_control('c').unwrap();
    let _ = p.exp_eof();
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn typing_replaces_a_text_and_enter_keeps_it() {
    let (dir, file) = setup("replace");
    let mut p = spawn(&dir);
    p.exp_string("Which card?").unwrap();
    // Missed transfer -> Actions (wrap_up, then Actions).
    keys(&mut p, &[DOWN, ENTER]);
    p.exp_string("Missed transfer (missed-transfer)").unwrap();
    keys(&mut p, &[DOWN, ENTER]);
    // The lock, then the task: pick the task, then Change.
    p.exp_string("Add an action").unwrap();
    keys(&mut p, &[DOWN, ENTER]);
    p.exp_string("Move up").unwrap();
    keys(&mut p, &[ENTER]);
    // The current title is shown, and the prompt says how to replace or keep it.
    p.exp_string("now: Call back {{ contact.first_name }}")
        .unwrap();
    p.exp_string("type the new text; Enter keeps the current one")
        .unwrap();
    keys(&mut p, &["Ring {{ contact.first_name }} back", ENTER]);
    // Due in: Enter keeps 15m; assignee: Enter keeps owner.
    p.exp_string("now: 15m").unwrap();
    p.exp_string("`-`: no due time").unwrap();
    keys(&mut p, &[ENTER]);
    p.exp_string("now: owner").unwrap();
    keys(&mut p, &[ENTER]);
    p.exp_string("action changed").unwrap();
    keys(&mut p, &[ESC, ESC]);
    p.exp_string("Quit without saving").unwrap();
    // Back on Missed transfer (2nd): Messaging is the 9th entry, Save the 10th.
    keys(
        &mut p,
        &[DOWN, DOWN, DOWN, DOWN, DOWN, DOWN, DOWN, DOWN, ENTER],
    );
    p.exp_string("Write these changes").unwrap();
    keys(&mut p, &["y"]);
    p.exp_string("saved").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 0);
    let after = std::fs::read_to_string(&file).unwrap();
    let bot = samictl::validate::check(&after, &samictl::config::Settings::default())
        .bot
        .unwrap();
    let card = &bot.cards[&samictl::outcome::Outcome::MissedTransfer];
    assert_eq!(
        card.actions[0].value,
        samictl::model::Action::Task {
            title: "Ring {{ contact.first_name }} back".into(),
            due_in: Some(samictl::model::DueIn::After(
                samictl::values::parse_duration("15m").unwrap()
            )),
            assignee: samictl::model::Assignee::Owner,
        }
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn ctrl_c_leaves_the_file_whole() {
    let (dir, file) = setup("ctrlc");
    let before = std::fs::read(&file).unwrap();
    let mut p = spawn(&dir);
    p.exp_string("Which card?").unwrap();
    keys(&mut p, &[DOWN, ENTER]);
    p.exp_string("Missed transfer (missed-transfer)").unwrap();
    p.send_control('c').unwrap();
    let _ = p.exp_eof();
    assert_eq!(std::fs::read(&file).unwrap(), before);
    let leftovers = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(leftovers, 1, "no temporary file left behind");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn init_asks_for_name_and_direction_then_confirms() {
    let dir = common::scratch("pty-init");
    let mut cmd = Command::new(common::BIN);
    cmd.current_dir(&dir)
        .args(["--no-config", "init", "new.yaml"])
        .env("TERM", "xterm-256color")
        .env("NO_COLOR", "1");
    let mut p = spawn_command(cmd, Some(20_000)).unwrap();
    p.exp_string("Bot name").unwrap();
    // A blank name is refused and asked again.
    keys(&mut p, &["   ", ENTER]);
    p.exp_string("can't be blank").unwrap();
    keys(&mut p, &["\x7f\x7f\x7f", "Buyer Inbound", ENTER]);
    p.exp_string("Direction").unwrap();
    keys(&mut p, &[DOWN, ENTER]);
    p.exp_string("Write it?").unwrap();
    keys(&mut p, &["y"]);
    p.exp_string("created new.yaml").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 0);
    let text = std::fs::read_to_string(dir.join("new.yaml")).unwrap();
    assert_eq!(
        text,
        samictl::init::new_file("Buyer Inbound", samictl::outcome::Direction::Inbound)
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// Everything the pty printed until the process ended.
fn rest(p: &mut PtySession) -> String {
    p.exp_eof().unwrap_or_default()
}

#[test]
fn ctrl_c_at_a_menu_shows_the_cursor_again() {
    let (dir, file) = setup("ctrlc-cursor");
    let before = std::fs::read(&file).unwrap();
    let mut p = spawn(&dir);
    p.exp_string("Which card?").unwrap();
    keys(&mut p, &[DOWN, ENTER]);
    p.exp_string("Missed transfer (missed-transfer)").unwrap();
    p.send_control('c').unwrap();
    let out = rest(&mut p);
    // The menu hid the cursor; the last word on the terminal shows it again.
    assert!(out.contains("\x1b[?25h"), "cursor left hidden: {out:?}");
    assert!(out.contains("nothing was written"), "{out:?}");
    assert_eq!(exit_code(&p), 130);
    assert_eq!(std::fs::read(&file).unwrap(), before);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_value_is_shown_escaped_in_its_prompt() {
    let (dir, file) = setup("prompt-escape");
    // A wrap-up holding an OSC sequence (retitle the terminal) and a screen clear.
    let hostile = BOT.replace(
        "  opt-out:\n",
        "  opt-out:\n    mid_call:\n      wrap_up: \"Bye\\e]0;PWNED\\a\\e[2J now\"\n",
    );
    std::fs::write(&file, &hostile).unwrap();
    let mut p = spawn(&dir);
    p.exp_string("Which card?").unwrap();
    keys(&mut p, &[DOWN, DOWN, DOWN, DOWN, ENTER]);
    // Analysis criteria, then wrap_up.
    p.exp_string("Mid-call wrap_up").unwrap();
    keys(&mut p, &[DOWN, ENTER]);
    p.exp_string("Change the wrap-up").unwrap();
    keys(&mut p, &[ENTER]);
    // The current value is shown on a `now:` line above the input, escaped.
    p.exp_string("now:").unwrap();
    let shown = p.exp_string("\\u{7}").unwrap();
    assert!(shown.contains("Bye\\u{1b}]0;PWNED"), "{shown:?}");
    assert!(
        !shown.contains("\x1b]0;PWNED"),
        "raw OSC reached the terminal: {shown:?}"
    );
    p.send_control('c').unwrap();
    let out = rest(&mut p);
    assert!(!out.contains("\x1b]0;PWNED"), "{out:?}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), hostile);
    std::fs::remove_dir_all(&dir).ok();
}

/// Adds a note to Bad number and goes to the save prompt.
fn change_then_ask_to_save(p: &mut PtySession) {
    p.exp_string("Which card?").unwrap();
    keys(p, &[DOWN, DOWN, DOWN, DOWN, DOWN, DOWN, DOWN, ENTER]);
    p.exp_string("Bad number (bad-number)").unwrap();
    keys(p, &[DOWN, DOWN, ENTER]);
    p.exp_string("Add an action").unwrap();
    // The lock that runs (cancel-enrollment) is listed first, then "Add an action".
    keys(p, &[DOWN, ENTER]);
    p.exp_string("Add which action?").unwrap();
    keys(p, &[ENTER]);
    p.exp_string("Note text").unwrap();
    keys(p, &["Wrong number", ENTER]);
    p.exp_string("note added").unwrap();
    keys(p, &[ESC, ESC]);
    p.exp_string("Quit without saving").unwrap();
    // Messaging (SMS outcomes), then Save.
    keys(p, &[DOWN, DOWN, ENTER]);
    p.exp_string("Write these changes").unwrap();
}

#[test]
fn a_file_changed_while_the_prompts_were_open_is_not_overwritten() {
    let (dir, file) = setup("concurrent");
    let mut p = spawn(&dir);
    change_then_ask_to_save(&mut p);
    // Another process (a git checkout, a colleague's editor) changes the file meanwhile.
    let theirs = BOT.replace("Seller Outreach", "Seller Outreach 2");
    std::fs::write(&file, &theirs).unwrap();
    keys(&mut p, &["y"]);
    let out = rest(&mut p);
    assert!(out.contains("changed on disk"), "{out:?}");
    assert_eq!(exit_code(&p), 2);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), theirs);
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        1,
        "no temporary file"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn saving_through_a_link_changes_the_target_and_keeps_the_link_and_mode() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, file) = setup("symlink");
    let real = dir.join("real.yaml");
    std::fs::rename(&file, &real).unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    std::os::unix::fs::symlink("real.yaml", &file).unwrap();
    let mut p = spawn(&dir);
    change_then_ask_to_save(&mut p);
    keys(&mut p, &["y"]);
    p.exp_string("saved").unwrap();
    rest(&mut p);
    assert_eq!(exit_code(&p), 0);
    let meta = std::fs::symlink_metadata(&file).unwrap();
    assert!(
        meta.file_type().is_symlink(),
        "the link was replaced by a file"
    );
    let after = std::fs::read_to_string(&real).unwrap();
    assert!(after.contains("Wrong number"), "{after}");
    let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    std::fs::remove_dir_all(&dir).ok();
}

/// A bot file with both sections round-trips through `init`, `edit` (the Messaging section),
/// `validate`, `show`, `simulate`, `test` and `diff` (docs/spec 17).
#[test]
fn a_bot_with_both_sections_round_trips_through_every_command() {
    let dir = common::scratch("pty-sms");
    let run = |args: &[&str]| -> (String, i32) {
        let r = common::run(common::samictl(&dir, &["--no-config"]).args(args));
        (r.stdout, r.code)
    };
    // init writes the eight call cards and the five messaging cards, empty.
    let (_, code) = run(&[
        "init",
        "bot.yaml",
        "--name",
        "Seller",
        "--direction",
        "outbound",
    ]);
    assert_eq!(code, 0);
    let initial = std::fs::read_to_string(dir.join("bot.yaml")).unwrap();
    // In the canonical layout (docs/spec 18): messaging cards in the canonical outcome order.
    assert!(
        initial.contains("\nmessaging:\n  # Needs follow up"),
        "{initial}"
    );
    std::fs::write(dir.join("before.yaml"), &initial).unwrap();

    // edit: the Messaging section, after the eight call cards.
    let mut p = spawn(&dir);
    p.exp_string("Which card?").unwrap();
    p.exp_string("Messaging (SMS outcomes): 5 of 5 cards")
        .unwrap();
    keys(
        &mut p,
        &[DOWN, DOWN, DOWN, DOWN, DOWN, DOWN, DOWN, DOWN, ENTER],
    );
    p.exp_string("Which messaging card?").unwrap();
    // Not interested first; its menu: Actions, Notifications, Back (no criteria, no mid-call).
    keys(&mut p, &[ENTER]);
    p.exp_string("Messaging").unwrap();
    p.exp_string("Actions: 0 actions").unwrap();
    p.exp_string(" 4 locked").unwrap();
    keys(&mut p, &[ENTER]);
    // The system steps are listed, locked, and refuse removal.
    p.exp_string("stop-outreach (locked").unwrap();
    p.exp_string("Add an action").unwrap();
    keys(&mut p, &[ENTER]);
    p.exp_string("stop-outreach is locked").unwrap();
    keys(&mut p, &[DOWN, DOWN, DOWN, DOWN, ENTER]);
    // Only tasks and tags: no note.
    p.exp_string("Add which action? (SMS not-interested allows these)")
        .unwrap();
    p.exp_string("tag:").unwrap();
    keys(&mut p, &[DOWN, ENTER]);
    p.exp_string("Tag").unwrap();
    keys(&mut p, &["sms-no", ENTER]);
    p.exp_string("tag added").unwrap();
    keys(&mut p, &[ESC]);
    // Notifications: the owner alert only.
    p.exp_string("Notifications").unwrap();
    keys(&mut p, &[DOWN, ENTER]);
    p.exp_string("Owner alert on SMS not-interested").unwrap();
    keys(&mut p, &[ENTER]);
    p.exp_string("assigned user notified").unwrap();
    keys(&mut p, &[ESC, ESC, ESC]);
    p.exp_string("Quit without saving").unwrap();
    // Back on Messaging: Save is next.
    keys(&mut p, &[DOWN, ENTER]);
    p.exp_string("+        name: sms-no").unwrap();
    p.exp_string("Write these changes").unwrap();
    keys(&mut p, &["y"]);
    p.exp_string("saved").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 0);
    let after = std::fs::read_to_string(dir.join("bot.yaml")).unwrap();
    assert!(
        after.contains("# Not interested: covers SMS opt-outs"),
        "{after}"
    );

    // validate: clean.
    let (out, code) = run(&["validate", "bot.yaml"]);
    assert_eq!(code, 0, "{out}");
    // show: the messaging cards after the call cards.
    let (out, code) = run(&["show", "bot.yaml", "--expand"]);
    assert_eq!(code, 0);
    let call = out.find("Bad number (bad-number)").unwrap();
    let sms = out
        .find("SMS · Not interested (covers SMS opt-outs)")
        .unwrap();
    assert!(call < sms, "{out}");
    // simulate: the system steps, then the card's tag, then the owner alert.
    let (out, code) = run(&[
        "simulate",
        "bot.yaml",
        "--channel",
        "sms",
        "--outcome",
        "not-interested",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["channel"], "sms");
    let types: Vec<&str> = v["fires"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["type"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        [
            "stop-outreach",
            "do-not-contact-on-opt-out",
            "apply-outcome-tag",
            "system-note",
            "tag",
            "notify-owner"
        ]
    );
    // test: a recording of both channels passes.
    let (record, code) = run(&["simulate", "bot.yaml", "--record"]);
    assert_eq!(code, 0);
    assert_eq!(record.matches("channel: sms").count(), 5, "{record}");
    std::fs::write(dir.join("bot.test.yaml"), &record).unwrap();
    let (out, code) = run(&["test", "bot.test.yaml"]);
    assert_eq!(code, 0, "{out}");
    // diff: the SMS change on not-interested is a compliance change.
    let (out, code) = run(&["diff", "before.yaml", "bot.yaml", "--format", "json"]);
    assert_eq!(code, 1, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["compliance"], true);
    let change = &v["changes"][0];
    assert_eq!(change["channel"], "sms");
    assert_eq!(change["outcome"], "not-interested");
    assert_eq!(change["compliance"], true);
    // The recording pinned today's behaviour: it fails against the file before the edit.
    std::fs::write(dir.join("bot.yaml"), &initial).unwrap();
    let (_, code) = run(&["test", "bot.test.yaml"]);
    assert_eq!(code, 1);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn after_adding_a_recipient_the_cursor_stays_on_add_not_on_a_remove_row() {
    let (dir, file) = setup("notify-cursor");
    let mut p = spawn(&dir);
    p.exp_string("Which card?").unwrap();
    // Missed transfer is the second card; its menu: wrap_up, Actions, Notifications.
    keys(&mut p, &[DOWN, ENTER]);
    p.exp_string("Notifications").unwrap();
    keys(&mut p, &[DOWN, DOWN, ENTER]);
    p.exp_string("Who hears about").unwrap();
    // The owner toggle, then "Add an email".
    keys(&mut p, &[DOWN, ENTER]);
    p.exp_string("Email").unwrap();
    keys(&mut p, &["ops@acme-realty.com", ENTER]);
    p.exp_string("email added").unwrap();
    // The list grew by a "Remove email" row above "Add an email": Enter adds again.
    keys(&mut p, &[ENTER]);
    p.exp_string("Email").unwrap();
    keys(&mut p, &["team@acme-realty.com", ENTER]);
    p.exp_string("email added").unwrap();
    // Ctrl-C: nothing written.
    keys(&mut p, &["\x03"]);
    assert_eq!(exit_code(&p), 130);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), BOT);
}

/// Issue 27: a refused task title comes back for editing (not cleared); a new task's assignee
/// prompt offers `owner` for Enter rather than "Enter keeps the current one" (there is none);
/// the card menu's Notifications entry says who is notified.
#[test]
fn a_refused_title_is_kept_and_a_new_task_has_no_current_assignee() {
    let (dir, file) = setup("refused-title");
    let mut p = spawn(&dir);
    p.exp_string("Which card?").unwrap();
    // Missed transfer: wrap_up, Actions, Notifications (with its summary).
    keys(&mut p, &[DOWN, ENTER]);
    p.exp_string("Missed transfer (missed-transfer)").unwrap();
    p.exp_string("Notifications: assigned user").unwrap();
    keys(&mut p, &[DOWN, ENTER]);
    // The lock, the task, then "Add an action".
    p.exp_string("Add an action").unwrap();
    keys(&mut p, &[DOWN, DOWN, ENTER]);
    p.exp_string("Add which action?").unwrap();
    p.exp_string("task:").unwrap();
    // note, then task.
    keys(&mut p, &[DOWN, ENTER]);
    p.exp_string("Task title").unwrap();
    keys(&mut p, &["Call {{ contact.frist_name }}", ENTER]);
    p.exp_string("no placeholder").unwrap();
    // The prompt comes back holding the refused text.
    p.exp_string("Task title").unwrap();
    p.exp_string("frist_name }}").unwrap();
    // The prompt holds the text: mend the end of it rather than retype it all.
    let backspaces = vec!["\x7f"; "frist_name }}".len()];
    keys(&mut p, &backspaces);
    keys(&mut p, &["first_name }}", ENTER]);
    p.exp_string("Due in").unwrap();
    keys(&mut p, &[ENTER]);
    let before = p.exp_string("(Enter: owner)").unwrap();
    assert!(
        !before.contains("Enter keeps the current one"),
        "a new task has no current assignee: {before}"
    );
    keys(&mut p, &[ENTER]);
    p.exp_string("task added").unwrap();
    keys(&mut p, &[ESC, ESC]);
    p.exp_string("Quit without saving").unwrap();
    keys(
        &mut p,
        &[DOWN, DOWN, DOWN, DOWN, DOWN, DOWN, DOWN, DOWN, ENTER],
    );
    p.exp_string("Write these changes").unwrap();
    keys(&mut p, &["y"]);
    p.exp_string("saved").unwrap();
    p.exp_eof().unwrap();
    let after = std::fs::read_to_string(&file).unwrap();
    assert!(after.contains("Call {{ contact.first_name }}"), "{after}");
    std::fs::remove_dir_all(&dir).ok();
}
