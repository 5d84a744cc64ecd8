//! `samictl fmt` (docs/spec 18): the layout, what it keeps, the command's modes and exit
//! codes, and that `init`, `edit` and `fix` keep a formatted file formatted.

use crate::common::{run, run_with_stdin, samictl, scratch, write};
use samictl::config::Settings;
use samictl::edit::{Edit, Op, apply};
use samictl::fmt::{format_text, is_formatted};
use samictl::model::Action;
use samictl::outcome::{Direction, Outcome};
use samictl::product::Channel;

const LOOSE: &str = "bot: {name: 'Seller', direction: outbound}\nversion: 1\noutcomes:\n  opt-out: {}\n  # the transfer\n  successful-transfer:\n    notify: {owner: true}\n";
const FORMATTED: &str = "version: 1\n\nbot:\n  name: Seller\n  direction: outbound\n\noutcomes:\n  # the transfer\n  successful-transfer:\n    notify:\n      owner: true\n\n  opt-out: {}\n";

#[test]
fn fmt_rewrites_in_place_and_a_second_run_changes_nothing() {
    let dir = scratch("fmt-in-place");
    write(&dir, "bots/a.yaml", LOOSE);
    write(&dir, "bots/b.yaml", FORMATTED);
    let r = run(&mut samictl(&dir, &["fmt", "bots"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("1 file reformatted, 1 file already formatted"),
        "{}",
        r.stderr
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("bots/a.yaml")).unwrap(),
        FORMATTED
    );
    let r = run(&mut samictl(&dir, &["fmt", "--check", "bots"]));
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stderr);
}

#[test]
fn check_lists_the_files_that_would_change_and_writes_nothing() {
    let dir = scratch("fmt-check");
    write(&dir, "a.yaml", LOOSE);
    write(&dir, "b.yaml", FORMATTED);
    let r = run(&mut samictl(&dir, &["fmt", "--check"]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(r.stdout, "a.yaml\n");
    assert!(
        r.stderr.contains("1 file would be reformatted"),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read_to_string(dir.join("a.yaml")).unwrap(), LOOSE);
}

#[test]
fn diff_prints_a_unified_diff_and_writes_nothing() {
    let dir = scratch("fmt-diff");
    write(&dir, "a.yaml", LOOSE);
    let r = run(&mut samictl(&dir, &["fmt", "--diff", "a.yaml"]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stdout.starts_with("--- a/a.yaml\n+++ b/a.yaml\n"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("+  name: Seller\n"), "{}", r.stdout);
    assert_eq!(std::fs::read_to_string(dir.join("a.yaml")).unwrap(), LOOSE);
    write(&dir, "a.yaml", FORMATTED);
    let r = run(&mut samictl(&dir, &["fmt", "--diff", "a.yaml"]));
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
}

#[test]
fn standard_input_is_formatted_to_standard_output() {
    let dir = scratch("fmt-stdin");
    let r = run_with_stdin(&mut samictl(&dir, &["fmt", "-"]), LOOSE.as_bytes());
    assert_eq!((r.code, r.stdout.as_str()), (0, FORMATTED), "{}", r.stderr);
    let r = run_with_stdin(
        &mut samictl(&dir, &["fmt", "--check", "-"]),
        LOOSE.as_bytes(),
    );
    assert_eq!((r.code, r.stdout.as_str()), (1, "-\n"));
    let r = run(&mut samictl(&dir, &["fmt", "-", "a.yaml"]));
    assert_eq!(r.code, 2, "{}", r.stderr);
}

#[test]
fn a_file_with_a_yaml_syntax_error_is_refused_with_its_diagnostics_and_others_still_formatted() {
    let dir = scratch("fmt-syntax");
    write(&dir, "bad.yaml", "version: [1\n");
    write(&dir, "good.yaml", LOOSE);
    // Findings other than yaml-syntax don't stop formatting.
    write(
        &dir,
        "unknown.yaml",
        "version: 1\nbot: {name: n, direction: both}\nnotes: x\n",
    );
    let r = run(&mut samictl(&dir, &["fmt"]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("yaml-syntax"), "{}", r.stderr);
    assert!(r.stderr.contains("bad.yaml:1:"), "{}", r.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.join("bad.yaml")).unwrap(),
        "version: [1\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("good.yaml")).unwrap(),
        FORMATTED
    );
    assert!(is_formatted(
        &std::fs::read_to_string(dir.join("unknown.yaml")).unwrap()
    ));
    // An anchor is left alone, with where and why.
    write(&dir, "anchor.yaml", "version: &v 1\n");
    let r = run(&mut samictl(&dir, &["fmt", "anchor.yaml"]));
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("anchor.yaml:1:") && r.stderr.contains("left alone: an anchor"),
        "{}",
        r.stderr
    );
    let r = run(&mut samictl(&dir, &["fmt", "missing.yaml"]));
    assert_eq!(r.code, 2);
}

#[test]
fn init_writes_a_formatted_file() {
    for direction in Direction::ALL {
        for name in ["Seller Outreach", "It's: \"quoted\" # here", "+1 line"] {
            let text = samictl::init::new_file(name, direction);
            assert!(is_formatted(&text), "{text}");
        }
    }
    let dir = scratch("fmt-init");
    let r = run(&mut samictl(
        &dir,
        &[
            "init",
            "--name",
            "Seller",
            "--direction",
            "both",
            "bot.yaml",
        ],
    ));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run(&mut samictl(&dir, &["fmt", "--check", "bot.yaml"]));
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
}

#[test]
fn fix_keeps_a_formatted_file_formatted() {
    let dir = scratch("fmt-fix");
    // Missing cards (added by --unsafe), a YAML 1.1 boolean and a misspelt key (safe fixes).
    let text = format_text(
        "version: 1\nbot: {name: n, direction: outbound}\noutcomes:\n  missed-transfer:\n    notify: {owner: yes}\n    notfy: {}\n  opt-out: {}\n",
    )
    .unwrap();
    write(&dir, "bot.yaml", &text);
    let r = run(&mut samictl(&dir, &["fix", "--unsafe", "bot.yaml"]));
    let fixed = std::fs::read_to_string(dir.join("bot.yaml")).unwrap();
    assert_ne!(fixed, text, "{}", r.stderr);
    assert!(fixed.contains("needs-follow-up"), "{fixed}");
    assert!(is_formatted(&fixed), "{fixed}");
    let r = run(&mut samictl(&dir, &["fmt", "--check", "bot.yaml"]));
    assert_eq!(r.code, 0, "{}", r.stdout);
    // A file that was not formatted keeps its own style: fix changes only what it fixes.
    write(
        &dir,
        "loose.yaml",
        "version: 1\nbot: {name: n, direction: both}\noutcomes:\n  opt-out:\n    notify: {owner: yes}\n",
    );
    run(&mut samictl(&dir, &["fix", "loose.yaml"]));
    let loose = std::fs::read_to_string(dir.join("loose.yaml")).unwrap();
    assert!(
        loose.starts_with("version: 1\nbot: {name: n, direction: both}\n"),
        "{loose}"
    );
}

#[test]
fn edit_keeps_a_formatted_file_formatted() {
    let settings = Settings::default();
    let mut text = samictl::init::new_file("Seller", Direction::Outbound);
    let edits = [
        (
            Outcome::SuccessfulTransfer,
            Channel::Call,
            Op::AddAction(Action::Tag {
                name: "hot lead".into(),
            }),
        ),
        (
            Outcome::Unqualified,
            Channel::Call,
            Op::SetCriteria(Some("Already sold: \"yes\"".into())),
        ),
        (
            Outcome::Unqualified,
            Channel::Call,
            Op::SetWrapUp(Some("Thanks, {{ contact.first_name }}!".into())),
        ),
        (
            Outcome::BadNumber,
            Channel::Call,
            Op::AddEmail("ops@acme-realty.com".into()),
        ),
        (Outcome::BadNumber, Channel::Call, Op::SetNotifyOwner(true)),
        (
            Outcome::NotInterested,
            Channel::Call,
            Op::SetMaxObjections(Some(3)),
        ),
        (
            Outcome::ContactLater,
            Channel::Sms,
            Op::SetNotifyOwner(true),
        ),
        (
            Outcome::SuccessfulTransfer,
            Channel::Call,
            Op::RemoveAction(0),
        ),
    ];
    for (outcome, channel, op) in edits {
        let edit = Edit {
            outcome,
            op: op.clone(),
            channel,
        };
        let applied = apply(&text, &edit, &settings).unwrap_or_else(|e| panic!("{op:?}: {e:?}"));
        assert_ne!(applied.text, text, "{op:?}");
        assert!(is_formatted(&applied.text), "{op:?}:\n{}", applied.text);
        text = applied.text;
    }
}
