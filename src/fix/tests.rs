//! `samictl fix` on whole files: the applier and the pass loop over the fixes findings carry.

use super::*;
use crate::config::Settings;
use crate::rules::Rule;
use crate::validate::check;

fn settings() -> Settings {
    Settings::default()
}

fn fix_all(src: &str) -> String {
    fix_text(src, &settings(), true).text
}

/// Outcomes present, so only the messaging findings remain.
const CALL_CARDS: &str = "outcomes:\n  successful-transfer: {}\n  missed-transfer: {}\n  \
    needs-follow-up: {}\n  contact-later: {}\n  opt-out: {}\n  not-interested: {}\n  \
    unqualified: {}\n  bad-number: {}\n";

#[test]
fn a_missing_messaging_card_is_added_empty_and_only_with_unsafe() {
    let src = format!(
        "version: 1\nbot:\n  name: x\n  direction: both\n{CALL_CARDS}messaging:\n  \
         not-interested:\n    actions:\n      - type: tag\n        name: sms-no\n  \
         bad-number: {{}}\n"
    );
    let safe = fix_text(&src, &settings(), false);
    assert_eq!(safe.text, src, "an added card is an unsafe fix");
    assert_eq!(safe.unsafe_left, 3);
    let fixed = fix_all(&src);
    assert!(
        fixed.ends_with(
            "  bad-number: {}\n  unqualified: {}\n  needs-follow-up: {}\n  contact-later: {}\n"
        ),
        "{fixed}"
    );
    assert!(
        check(&fixed, &settings())
            .diagnostics
            .iter()
            .all(|d| d.rule != Rule::OutcomeMissing),
        "{fixed}"
    );
    assert_eq!(fix_all(&fixed), fixed, "idempotent");
}

#[test]
fn cards_added_at_the_end_of_a_file_without_a_final_line_end_join_without_blank_lines() {
    let src = format!(
        "version: 1\nbot:\n  name: x\n  direction: both\n{CALL_CARDS}messaging:\n  \
         not-interested: {{}}\n  unqualified: {{}}"
    );
    let fixed = fix_all(&src);
    assert!(
        fixed.ends_with(
            "  unqualified: {}\n  bad-number: {}\n  needs-follow-up: {}\n  contact-later: {}"
        ),
        "{fixed:?}"
    );
    assert!(!fixed.contains("\n\n"), "{fixed:?}");
    assert_eq!(fix_all(&fixed), fixed, "idempotent");
}

#[test]
fn an_empty_messaging_section_gets_its_five_cards_and_missing_outcomes_go_before_it() {
    // A section with one card (`messaging:` alone is null: an absent section, issue 32).
    let src = "version: 1\nbot:\n  name: x\n  direction: both\nmessaging:\n  not-interested: {}\n";
    let fixed = fix_all(src);
    let outcomes = fixed.find("\noutcomes:\n").expect("outcomes added");
    let messaging = fixed.find("\nmessaging:\n").expect("messaging kept");
    assert!(outcomes < messaging, "{fixed}");
    assert!(
        fixed.ends_with(
            "messaging:\n  not-interested: {}\n  unqualified: {}\n  bad-number: {}\n  \
             needs-follow-up: {}\n  contact-later: {}\n"
        ),
        "{fixed}"
    );
    assert!(check(&fixed, &settings()).diagnostics.is_empty(), "{fixed}");
    assert_eq!(fix_all(&fixed), fixed, "idempotent");
}

#[test]
fn renames_and_booleans_keep_the_rest() {
    let src = "version: 1 # v\nbot:\n  name: 'A'\n  direction: outbound\noutcomes:\n  sucessful-transfer:\n    notfy:\n      owner: yes   # who\n";
    let out = fix_text(src, &settings(), false);
    assert_eq!(
        out.text,
        "version: 1 # v\nbot:\n  name: 'A'\n  direction: outbound\noutcomes:\n  successful-transfer:\n    notify:\n      owner: true   # who\n"
    );
    // The source has one finding (the card's content is not checked under a misspelt
    // tag): one fixed; the two the rename uncovered are fixed by a later pass.
    assert_eq!(out.applied.len(), 1);
    assert_eq!(out.uncovered.len(), 2);
    assert!(out.unsafe_left > 0);
}

const HEAD: &str = "version: 1\nbot:\n  name: A\n  direction: outbound\noutcomes:\n";
const REST: &str = "  missed-transfer: {notify: {owner: true}}\n  needs-follow-up: {notify: {owner: true}}\n  contact-later: {}\n  not-interested: {}\n  unqualified: {}\n  bad-number: {}\n";

fn file(cards: &str) -> String {
    format!("{HEAD}{cards}{REST}")
}

#[test]
fn a_rename_that_would_expose_a_new_finding_is_refused() {
    // `emials` -> `emails` would make `not-an-email` an invalid-recipient finding.
    let src = file(
        "  successful-transfer:\n    notify:\n      owner: true\n      emials: [not-an-email]\n  opt-out: {}\n",
    );
    // The rename has no one right answer: its finding carries no fix, so `validate`, the
    // language server and `fix` all count none (before issue 25's fixes at detection, the
    // report left it out while `fix` tried it and said "not fixed").
    let diags = check(&src, &settings()).diagnostics;
    assert!(
        diags
            .iter()
            .any(|d| d.rule == Rule::UnknownField && d.fix.is_none())
    );
    let out = fix_text(&src, &settings(), true);
    assert_eq!(out.text, src);
    assert!(out.refused.is_empty());
    assert!(out.applied.is_empty());
    // The second run is the same no-op.
    assert_eq!(fix_all(&out.text), src);
}

#[test]
fn a_fix_can_uncover_another_and_both_are_applied() {
    // `notfy` renamed on opt-out is `notify-not-allowed`, removed in the next pass.
    let src = file(
        "  successful-transfer: {notify: {owner: true}}\n  opt-out:\n    notfy:\n      owner: true\n",
    );
    let out = fix_text(&src, &settings(), false);
    assert_eq!(
        out.text,
        file("  successful-transfer: {notify: {owner: true}}\n  opt-out:\n")
    );
    assert!(out.after.is_empty(), "{:?}", out.after);
}

#[test]
fn no_fix_without_one_right_answer() {
    let src = file(
        "  successful-transfer:\n    notify:\n      owner: \"maybe\"\n      zzz: 1\n  opt-out: {}\n",
    );
    let diags = check(&src, &settings()).diagnostics;
    assert!(!diags.is_empty());
    assert!(fixes(&src, &diags).iter().all(Option::is_none), "{diags:?}");
    // A rename onto a key that is already there would be a duplicate key.
    let src = file(
        "  successful-transfer:\n    notify: {owner: true}\n    notfy: {owner: true}\n  opt-out: {}\n",
    );
    let diags = check(&src, &settings()).diagnostics;
    assert_eq!(diags.len(), 1);
    assert_eq!(fixes(&src, &diags), vec![None]);
}

#[test]
fn edits_have_character_columns_and_byte_offsets() {
    let src = file(
        "  successful-transfer:\n    notify: {emails: [\"é@acme.com\", \"É@acme.com\"], owner: true}\n  opt-out: {}\n",
    );
    let diags = check(&src, &settings()).diagnostics;
    let found = fixes(&src, &diags);
    let fix = found.iter().flatten().next().expect("a fix");
    assert_eq!(fix.rule, Rule::DuplicateRecipient);
    let edit = &fix.edits[0];
    assert_eq!(&src[edit.start..edit.end], ", \"É@acme.com\"");
    let line = src.lines().nth(edit.line as usize - 1).unwrap_or("");
    let col = |c: u32| {
        line.chars()
            .take(c as usize - 1)
            .map(char::len_utf8)
            .sum::<usize>()
    };
    let line_start = edit.start - col(edit.column);
    assert_eq!(line_start + col(edit.end_column), edit.end);
    assert_eq!(edit.line, edit.end_line);
    assert_eq!(apply(&src, [fix]), fix_all(&src));
}

#[test]
fn identical_edits_apply_once_and_overlapping_ones_are_left_out() {
    let src = "abcdef";
    // Positions as for a one-line text: the applier reads only the byte spans.
    let fix = |start: usize, end: usize, r: &str| Fix {
        rule: Rule::NotifyEmpty,
        safe: true,
        description: String::new(),
        edits: vec![TextEdit {
            line: 1,
            column: u32::try_from(start + 1).unwrap_or(u32::MAX),
            end_line: 1,
            end_column: u32::try_from(end + 1).unwrap_or(u32::MAX),
            start,
            end,
            replacement: r.to_owned(),
        }],
    };
    let a = fix(1, 3, "X");
    let same = fix(1, 3, "X");
    let inner = fix(2, 3, "Y");
    let insert = fix(3, 3, "+");
    let outer = fix(0, 4, "");
    assert_eq!(apply(src, [&a, &same, &inner, &insert]), "aX+def");
    assert_eq!(apply(src, [&a, &outer]), "ef");
    assert_eq!(apply(src, [&insert, &insert]), "abc+def");
}

#[test]
fn flow_entries_and_items_are_removed_with_their_comma() {
    let src = file(
        "  successful-transfer: {notify: {owner: true}}\n  opt-out:\n    actions:\n      - {locked: false, type: do-not-contact-all-channels}\n      - {type: tag, name: a}\n      - {type: tag, name: A}\n",
    );
    let out = fix_all(&src);
    assert_eq!(
        out,
        file(
            "  successful-transfer: {notify: {owner: true}}\n  opt-out:\n    actions:\n      - {type: do-not-contact-all-channels}\n      - {type: tag, name: a}\n"
        )
    );
}

/// `samictl fix` keeps less than [`fix_text`] (issue 32): the lean runs give the same text,
/// fixes, refusals and counts, the findings of the result (`fix_text_lean`) or only their
/// count (`fix_text_count`). Each case takes a different path: nothing to fix, all fixes
/// together, one at a time (the cards of a file near the size limit), a formatted file.
#[test]
fn the_lean_runs_give_what_fix_text_gives() {
    let head =
        "version: 1\nbot: {name: x, direction: outbound}\noutcomes:\n  missed-transfer: {}\n#";
    let near_limit = format!(
        "{head}{}\n",
        "x".repeat(crate::yaml::MAX_FILE_BYTES - 40 - head.len())
    );
    let cases = [
        "version: 1\nbot: {name: x, direction: outbound}\n".to_owned(),
        format!("version: 1\nbot:\n  name: x\n  direction: outbound\n  owner: yes\n{CALL_CARDS}"),
        "version: 1\nbot:\n  name: x\n  direction: outbound\noutcomes:\n  opt-out:\n    notfy: {}\n"
            .to_owned(),
        near_limit,
        "{version: 1".to_owned(),
        crate::fmt::format_text("version: 1\nbot:\n  name: x\n  direction: outbound\n").unwrap(),
    ];
    for src in &cases {
        for include_unsafe in [false, true] {
            let full = fix_text(src, &settings(), include_unsafe);
            let lean = fix_text_lean(src, &settings(), include_unsafe);
            let count = fix_text_count(src, &settings(), include_unsafe);
            assert!(lean.before.is_empty() && count.before.is_empty() && count.after.is_empty());
            assert_eq!(lean.after, full.after, "{src}");
            assert_eq!(full.tally, crate::diagnostic::Tally::of(&full.after));
            for other in [&lean, &count] {
                assert_eq!(other.text, full.text);
                assert_eq!(other.applied, full.applied);
                assert_eq!(other.uncovered, full.uncovered);
                assert_eq!(other.refused, full.refused);
                assert_eq!(other.unsafe_left, full.unsafe_left);
                assert_eq!(other.syntax_error, full.syntax_error);
                assert_eq!(other.tally, full.tally);
            }
        }
    }
}
