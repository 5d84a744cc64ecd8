//! The layout, case by case (the property tests in `tests/it/fmt_properties.rs` check the
//! promises on generated files).

use super::*;

fn fmt(s: &str) -> String {
    let out = format_text(s).unwrap_or_else(|e| panic!("{e}: {s}"));
    assert_eq!(
        format_text_events(s).as_ref(),
        Ok(&out),
        "the two readers differ"
    );
    assert_eq!(format_text_events(&out).as_ref(), Ok(&out));
    assert_eq!(
        format_text(&out).as_ref(),
        Ok(&out),
        "not idempotent:\n{out}"
    );
    out
}

#[test]
fn sections_cards_and_keys_go_in_the_canonical_order_with_blank_lines_between_sections_and_cards() {
    let src = "\
outcomes:
  opt-out:
    actions:
      - name: opted-out
        type: tag
    mid_call:
      wrap_up: Bye.
  successful-transfer:
    notify:
      phones: ['+15125550142']
      owner: true
  missed-transfer:
    notify: {emails: [a@b.co]}
    actions:
      - {due_in: 15m, title: Call back, type: task, assignee: owner}
    mid_call: {wrap_up: Hold on.}
bot: {direction: outbound, name: Seller Outreach}
version: 1
";
    let want = "\
version: 1

bot:
  name: Seller Outreach
  direction: outbound

outcomes:
  successful-transfer:
    notify:
      owner: true
      phones:
        - \"+15125550142\"

  missed-transfer:
    mid_call:
      wrap_up: Hold on.
    actions:
      - type: task
        title: Call back
        due_in: 15m
        assignee: owner
    notify:
      emails:
        - a@b.co

  opt-out:
    mid_call:
      wrap_up: Bye.
    actions:
      - type: tag
        name: opted-out
";
    assert_eq!(fmt(src), want);
}

#[test]
fn mid_call_keys_and_messaging_cards_in_order_and_an_empty_card_is_braces() {
    let src = "version: 1\nbot: {name: x, direction: both}\nmessaging:\n  not-interested: {}\n  needs-follow-up:\n    notify: {owner: true}\n  contact-later: {}\noutcomes:\n  needs-follow-up:\n    mid_call: {confirm_time: true, wrap_up: ok}\n  not-interested:\n    mid_call: {max_objections: 4, wrap_up: fine}\n";
    let want = "version: 1\n\nbot:\n  name: x\n  direction: both\n\noutcomes:\n  needs-follow-up:\n    mid_call:\n      wrap_up: ok\n      confirm_time: true\n\n  not-interested:\n    mid_call:\n      wrap_up: fine\n      max_objections: 4\n\nmessaging:\n  needs-follow-up:\n    notify:\n      owner: true\n\n  contact-later: {}\n\n  not-interested: {}\n";
    assert_eq!(fmt(src), want);
}

#[test]
fn unknown_keys_stay_after_the_known_ones_in_their_order() {
    let src = "zeta: 1\nversion: 1\nalpha: {b: 1, a: 2}\nbot:\n  extra: x\n  name: n\n  direction: both\n";
    let want = "version: 1\n\nbot:\n  name: n\n  direction: both\n  extra: x\n\nzeta: 1\n\nalpha:\n  b: 1\n  a: 2\n";
    assert_eq!(fmt(src), want);
}

#[test]
fn comments_move_with_their_card_and_trailing_ones_stay_on_their_line() {
    let src = "\
# header, set apart

version: 1 # the only version
bot: {name: n, direction: both}
outcomes:
  # about opt-out
  opt-out:
    actions:
      # the tag
      - type: tag # a tag
        name: x
  # about the transfer
  successful-transfer: {} # nothing yet
# the end
";
    let want = "\
# header, set apart

version: 1 # the only version

bot:
  name: n
  direction: both

outcomes:
  # about the transfer
  successful-transfer: {} # nothing yet

  # about opt-out
  opt-out:
    actions:
      # the tag
      - type: tag # a tag
        name: x

# the end
";
    assert_eq!(fmt(src), want);
}

#[test]
fn strings_are_plain_where_they_read_back_the_same_else_double_quoted() {
    let src = "version: 1\nbot:\n  name: 'It''s: here'\n  direction: \"outbound\"\nx:\n  - 'true'\n  - \"123\"\n  - 'yes'\n  - '+1555'\n  - \"a # b\"\n  - '{{ contact.first_name }} called'\n  - \"Call {{ contact.first_name }}\"\n  - \"tab\\there\"\n  - ''\n  - 'trailing '\n  - \"\\u00e9cole\"\n  - 15m\n  - ~\n  - True\n  - \"null\"\n";
    let want = "version: 1\n\nbot:\n  name: \"It's: here\"\n  direction: outbound\n\nx:\n  - \"true\"\n  - \"123\"\n  - yes\n  - \"+1555\"\n  - \"a # b\"\n  - \"{{ contact.first_name }} called\"\n  - Call {{ contact.first_name }}\n  - \"tab\\there\"\n  - \"\"\n  - \"trailing \"\n  - école\n  - 15m\n  -\n  - true\n  - \"null\"\n";
    assert_eq!(fmt(src), want);
}

#[test]
fn block_scalars_stay_literal_blocks_where_they_can_else_double_quoted() {
    let src = "a: >\n  folded\n  lines\n\n  para\nb: |+\n  keep\n\nc: |-\n  no end\nd: |2\n    two spaces first\n";
    // `b` would need `|+`, `d` an indentation indicator: both double-quoted.
    let want = "a: |\n  folded lines\n  para\n\nb: \"keep\\n\\n\"\n\nc: |-\n  no end\n\nd: \"  two spaces first\\n\"\n";
    assert_eq!(fmt(src), want);
}

#[test]
fn crlf_and_a_byte_order_mark_are_kept() {
    let src = "\u{feff}bot: {name: n, direction: both}\r\nversion: 1 # v\r\n";
    assert_eq!(
        fmt(src),
        "\u{feff}version: 1 # v\r\n\r\nbot:\r\n  name: n\r\n  direction: both\r\n"
    );
}

#[test]
fn a_final_line_end_is_added_and_flow_lists_become_block_lists() {
    assert_eq!(
        fmt("version: 1\nx: [a, [b, c], {}]"),
        "version: 1\n\nx:\n  - a\n  -\n    - b\n    - c\n  - {}\n"
    );
}

#[test]
fn invalid_yaml_and_anchors_are_refused() {
    assert!(matches!(
        format_text("a: [1\n"),
        Err(FormatError::Syntax(_))
    ));
    assert!(matches!(
        format_text("a: {b: 1\n"),
        Err(FormatError::Syntax(_))
    ));
    let e = format_text("a: &x 1\nb: *x\n").unwrap_err();
    assert!(matches!(e, FormatError::Unsupported { .. }), "{e:?}");
    assert_eq!(e.pos().line, 1);
    assert!(e.to_string().contains("anchor"), "{e}");
    assert!(matches!(
        format_text("a: !!str 1\n"),
        Err(FormatError::Unsupported { .. })
    ));
}

#[test]
fn a_hash_inside_a_scalar_is_no_comment() {
    let src = "a: 'x # y'\nb: |\n  # not a comment\nc: d#e\n";
    assert_eq!(
        fmt(src),
        "a: \"x # y\"\n\nb: |\n  # not a comment\n\nc: d#e\n"
    );
}

#[test]
fn keep_formatted_formats_only_what_was_formatted() {
    let formatted = "version: 1\n";
    assert_eq!(
        keep_formatted(
            formatted,
            "version: 1\nbot: {name: n, direction: both}\n".into()
        ),
        "version: 1\n\nbot:\n  name: n\n  direction: both\n"
    );
    let loose = "version:   1\n";
    assert_eq!(
        keep_formatted(loose, "version:   1\nbot: {}\n".into()),
        "version:   1\nbot: {}\n"
    );
}

#[test]
fn a_bot_file_is_read_on_the_fast_path() {
    // (An empty card, `{}`, is a flow mapping: left to granit-parser's events.)
    let loose = "version: 1\nbot:\n    name: 'Seller'   # s\n    direction: both\noutcomes:\n    opt-out:\n        notify:\n            emails: [a@b.co, c@d.co]   # two\n";
    assert!(parse::read_scanned(loose).is_some());
    assert_eq!(
        fmt(loose),
        "version: 1\n\nbot:\n  name: Seller # s\n  direction: both\n\noutcomes:\n  opt-out:\n    notify:\n      emails: # two\n        - a@b.co\n        - c@d.co\n"
    );
}

/// A card written as a bare key (null) is an empty card: written `{}` (docs/spec 18), with its
/// trailing comment; only cards, not a null section or a null value elsewhere.
#[test]
fn a_null_card_is_written_as_an_empty_card() {
    let src = "version: 1\nbot:\n  name: A\n  direction: both\noutcomes:\n  opt-out:   # keep\n  bad-number: ~\n  unqualified:\n    notify:\nmessaging:\n  unqualified:\n";
    let out = fmt(src);
    assert!(out.contains("  opt-out: {} # keep\n"), "{out}");
    assert!(out.contains("  bad-number: {}\n"), "{out}");
    assert!(out.contains("  unqualified:\n    notify:\n"), "{out}");
    assert!(out.ends_with("messaging:\n  unqualified: {}\n"), "{out}");
}

/// `samictl fix` asks [`has_flow_collection`] before reading a file again to know whether it
/// is formatted: a non-empty collection in flow style never is.
#[test]
fn a_file_with_a_non_empty_flow_collection_is_not_formatted() {
    for (src, flow) in [
        ("version: 1\nbot: {name: x}\n", true),
        ("version: 1\nbot:\n  name: x\n", false),
        ("a: [1]\n", true),
        ("a: []\nb: {}\n", false),
        ("a:\n  - [1, 2]\n", true),
        ("a: '[x'\nb: \"{y\"\n", false),
        ("a: é\nb: [1]\n", true),
        ("\u{feff}a: [1]\n", false),
    ] {
        let root = crate::yaml::read(src).unwrap();
        assert_eq!(has_flow_collection(src, &root), flow, "{src}");
        if flow {
            assert!(!is_formatted(src), "{src}");
        }
    }
}
