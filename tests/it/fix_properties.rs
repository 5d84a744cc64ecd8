//! Property test of `samictl fix` (docs/spec 13): valid bot files (SAMI's presets, any
//! name and direction, LF or CRLF, with comments) mutated to trigger fixable findings. Fixing
//! leaves only findings the mutated file had, none of them fixable; a second fix changes
//! nothing; safe fixes alone leave only the findings whose fix is unsafe; comments and line
//! ends survive.

use proptest::prelude::*;
use samictl::config::Settings;
use samictl::diagnostic::Diagnostic;
use samictl::fix::{fix_text, fixes};
use samictl::outcome::Direction;
use std::collections::HashMap;

/// The mutations, each a fixable finding (or two) planted in the template.
#[derive(Clone, Debug, Default)]
struct Mutations {
    misspell_notify: Option<&'static str>,
    yaml11_owner: Option<&'static str>,
    locked_false: Option<&'static str>,
    mismatch: Option<&'static str>,
    notify_on_not_interested: Option<bool>,
    empty_notify: Option<bool>,
    duplicate_email: bool,
    duplicate_note: bool,
    drop_card: bool,
    misspell_tag: bool,
    crlf: bool,
    comments: bool,
    wide_indent: bool,
}

fn mutations() -> impl Strategy<Value = Mutations> {
    (
        (
            proptest::option::of(proptest::sample::select(vec![
                "notfy", "notifyy", "nottify",
            ])),
            proptest::option::of(proptest::sample::select(vec![
                "yes", "Yes", "on", "ON", "y",
            ])),
            proptest::option::of(proptest::sample::select(vec!["false", "no", "off"])),
            proptest::option::of(proptest::sample::select(vec![
                "pause-enrollment",
                "do-not-contact-all-channels",
                "pause-contact-until-requested-time",
            ])),
            proptest::option::of(any::<bool>()),
            proptest::option::of(any::<bool>()),
        ),
        (
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
        ),
        any::<bool>(),
    )
        .prop_map(|((a, b, c, d, e, f), (g, h, i, j, k, l), wide)| Mutations {
            misspell_notify: a,
            yaml11_owner: b,
            locked_false: c,
            mismatch: d,
            notify_on_not_interested: e,
            empty_notify: f,
            duplicate_email: g,
            duplicate_note: h,
            drop_card: i,
            misspell_tag: j,
            crlf: k,
            comments: l,
            wide_indent: wide,
        })
}

fn replace_once(text: &mut String, from: &str, to: &str) {
    assert!(text.contains(from), "template lacks {from:?}");
    *text = text.replacen(from, to, 1);
}

fn mutate(name: &str, direction: Direction, m: &Mutations) -> String {
    let mut t = samictl::init::render(name, direction);
    if m.duplicate_email {
        replace_once(
            &mut t,
            "  successful-transfer:\n    notify:\n      owner: true\n",
            "  successful-transfer:\n    notify:\n      owner: true\n      emails: [lead@acme.com, Lead@ACME.com]\n",
        );
    }
    if let Some(word) = m.misspell_notify {
        replace_once(
            &mut t,
            "  successful-transfer:\n    notify:",
            &format!("  successful-transfer:\n    {word}:"),
        );
    }
    if let Some(word) = m.yaml11_owner {
        replace_once(
            &mut t,
            "  missed-transfer:\n    actions:\n      - type: task\n        title: \"Call back {{ contact.first_name }}: missed transfer\"\n        due_in: 15m\n    notify:\n      owner: true",
            &format!(
                "  missed-transfer:\n    actions:\n      - type: task\n        title: \"Call back {{{{ contact.first_name }}}}: missed transfer\"\n        due_in: 15m\n    notify:\n      owner: {word}"
            ),
        );
    }
    if let Some(word) = m.locked_false {
        replace_once(
            &mut t,
            "  opt-out: {}\n",
            &format!(
                "  opt-out:\n    actions:\n      - type: do-not-contact-all-channels\n        locked: {word}   # gone\n"
            ),
        );
    }
    if let Some(lock) = m.mismatch {
        replace_once(
            &mut t,
            "  unqualified: {}\n",
            &format!(
                "  unqualified:\n    actions:\n      - type: {lock}\n      - type: tag\n        name: lost\n"
            ),
        );
    }
    match m.notify_on_not_interested {
        Some(true) => replace_once(
            &mut t,
            "  not-interested: {}\n",
            "  not-interested:\n    notify:\n      owner: true\n",
        ),
        Some(false) => replace_once(
            &mut t,
            "  not-interested: {}\n",
            "  not-interested: {notify: {owner: true}}\n",
        ),
        None => {}
    }
    match m.empty_notify {
        Some(true) => replace_once(
            &mut t,
            "  bad-number: {}\n",
            "  bad-number:\n    notify: {}\n",
        ),
        Some(false) => replace_once(
            &mut t,
            "  bad-number: {}\n",
            "  bad-number:\n    notify:\n      owner: false\n",
        ),
        None => {}
    }
    if m.duplicate_note {
        let note = "      - type: note\n        text: \"Asked to be contacted again at {{ requested_time }}.\"\n";
        replace_once(&mut t, note, &format!("{note}{note}"));
    }
    if m.drop_card {
        let start = t.find("  # Needs follow up").unwrap_or(0);
        let end = t.find("  # Contact later").unwrap_or(start);
        t.replace_range(start..end, "");
    }
    if m.misspell_tag {
        replace_once(&mut t, "  unqualified:", "  unqualifed:");
    }
    if m.comments {
        t = t
            .lines()
            .enumerate()
            .map(|(i, l)| {
                let header = ["version:", "bot:", "outcomes:"]
                    .iter()
                    .any(|k| l.starts_with(k))
                    || l.starts_with("  name:");
                if header {
                    format!("{l}   # note {i}\n")
                } else {
                    format!("{l}\n")
                }
            })
            .collect();
    }
    if m.wide_indent {
        // Four spaces per level instead of two: fixes follow the file's indentation.
        // Lines continuing a `- ` item keep their place after the dash.
        let mut dash: Option<(usize, usize)> = None;
        t = t
            .lines()
            .map(|l| {
                let n = l.len() - l.trim_start_matches(' ').len();
                let wide = match dash {
                    Some((d, nd)) if n == d + 2 && !l[n..].starts_with('-') => nd + 2,
                    _ => n * 2,
                };
                if l[n..].starts_with("- ") {
                    dash = Some((n, wide));
                } else if n <= dash.map_or(0, |(d, _)| d) {
                    dash = None;
                }
                format!("{}{}\n", " ".repeat(wide), &l[n..])
            })
            .collect();
    }
    if m.crlf {
        t = t.replace('\n', "\r\n");
    }
    t
}

/// A finding as compared before and after: rule and message with numbers masked.
fn key(d: &Diagnostic) -> (String, String) {
    let masked: String = d
        .message
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect();
    (d.rule.id().to_owned(), masked)
}

fn is_sub_multiset(after: &[Diagnostic], before: &[Diagnostic]) -> bool {
    let mut budget: HashMap<(String, String), i64> = HashMap::new();
    for d in before {
        *budget.entry(key(d)).or_default() += 1;
    }
    after.iter().all(|d| {
        let n = budget.entry(key(d)).or_default();
        *n -= 1;
        *n >= 0
    })
}

fn comment_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| l.contains("# "))
        .filter(|l| !l.contains("# gone"))
        .map(str::to_owned)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(192))]

    #[test]
    fn fixing_leaves_a_subset_and_a_second_fix_is_a_no_op(
        m in mutations(),
        direction in proptest::sample::select(Direction::ALL.to_vec()),
        name in "[A-Za-z][A-Za-z :'\"#-]{0,30}",
    ) {
        let settings = Settings::default();
        let source = mutate(&name, direction, &m);
        let fixed = fix_text(&source, &settings, true);
        prop_assert!(!fixed.syntax_error, "{source}");
        let planted = m.misspell_notify.is_some()
            || m.yaml11_owner.is_some()
            || m.locked_false.is_some()
            || m.mismatch.is_some()
            || m.notify_on_not_interested.is_some()
            || m.empty_notify.is_some()
            || m.duplicate_email
            || m.duplicate_note
            || m.drop_card
            || m.misspell_tag;
        prop_assert_eq!(planted, !fixed.before.is_empty(), "{}", source);
        prop_assert_eq!(planted, fixed.text != source);
        prop_assert!(fixed.refused.is_empty(), "refused {:?}\n{source}", fixed.refused);
        // Every planted finding is fixable, so nothing is left; in general, what is left
        // is a subset of what was there, and none of it is fixable.
        prop_assert!(is_sub_multiset(&fixed.after, &fixed.before));
        prop_assert!(fixes(&fixed.text, &fixed.after).iter().all(Option::is_none));
        prop_assert_eq!(&fixed.after, &Vec::<Diagnostic>::new(), "{}\n->\n{}", source, fixed.text);
        // Idempotent.
        let again = fix_text(&fixed.text, &settings, true);
        prop_assert_eq!(&again.text, &fixed.text);
        // Comments outside the removed nodes and line ends survive.
        for line in comment_lines(&source) {
            prop_assert!(fixed.text.lines().any(|l| l.trim_end_matches('\r') == line), "lost {line:?}");
        }
        if m.crlf {
            prop_assert!(!fixed.text.replace("\r\n", "").contains('\n'), "LF in a CRLF file");
        }
        // Safe fixes alone leave only findings whose fix is unsafe.
        let safe = fix_text(&source, &settings, false);
        prop_assert!(is_sub_multiset(&safe.after, &safe.before));
        let left = fixes(&safe.text, &safe.after);
        prop_assert!(left.iter().flatten().all(|f| !f.safe));
        for d in &safe.after {
            prop_assert!(
                matches!(d.rule.id(), "duplicate-action" | "outcome-missing"),
                "{} left by safe fixes:\n{}", d.rule.id(), safe.text
            );
        }
        let safe_again = fix_text(&safe.text, &settings, false);
        prop_assert_eq!(&safe_again.text, &safe.text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any text near a bot file (the presets with characters deleted, inserted or replaced):
    /// fixing never panics, never adds a finding, and a second fix changes nothing.
    #[test]
    fn fixing_any_text_keeps_its_promises(
        edits in proptest::collection::vec(
            (any::<prop::sample::Index>(), 0usize..3, proptest::sample::select(vec![
                " ", "  ", "\n", ":", "-", "- ", "{", "}", "[", "]", ",", "#", "'", "\"", "yes",
                "notfy", "locked: false", "é", "\t", "&a ", "*a", "!x ",
            ])),
            1..6,
        ),
        direction in proptest::sample::select(Direction::ALL.to_vec()),
    ) {
        let settings = Settings::default();
        let mut text = samictl::init::render("Bot", direction);
        for (at, op, piece) in edits {
            let chars: Vec<char> = text.chars().collect();
            let i = at.index(chars.len() + 1);
            let mut out: String = chars[..i].iter().collect();
            match op {
                0 => out.push_str(piece),
                1 => {}
                _ => out.push_str(piece),
            }
            let skip = usize::from(op > 0).min(chars.len() - i);
            out.extend(&chars[i + skip..]);
            text = out;
        }
        let fixed = fix_text(&text, &settings, true);
        prop_assert!(is_sub_multiset(&fixed.after, &fixed.before), "{text}\n->\n{}", fixed.text);
        let again = fix_text(&fixed.text, &settings, true);
        prop_assert_eq!(&again.text, &fixed.text, "not idempotent on\n{}", text);
        // Every diagnostic's fix has edits inside the text.
        let found = fixes(&text, &fixed.before);
        prop_assert_eq!(found.len(), fixed.before.len());
        for f in found.iter().flatten() {
            for e in &f.edits {
                prop_assert!(e.start <= e.end && e.end <= text.len());
                prop_assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
            }
        }
    }
}

/// Keys as written, correct or misspelt (each misspelling with one close candidate), for the
/// nested-renames property below.
fn spelling(right: &'static str, wrong: &'static [&'static str]) -> impl Strategy<Value = String> {
    let mut all = vec![right];
    all.extend_from_slice(wrong);
    proptest::sample::select(all).prop_map(str::to_owned)
}

/// A card built from possibly misspelt keys nested in possibly misspelt keys, block or flow.
fn nested_card() -> impl Strategy<Value = String> {
    (
        spelling("mid_call", &["midcall", "mid_cal", "mid-call"]),
        spelling("wrap_up", &["wrapup", "wrap_upp", "wrap-up"]),
        spelling("notify", &["notfy", "notifyy"]),
        spelling("owner", &["ownr", "owner_"]),
        spelling("emails", &["email", "emals"]),
        any::<bool>(),
        any::<bool>(),
        0usize..3,
    )
        .prop_map(|(mid, wrap, notify, owner, emails, flow, twice, shape)| {
            let mut card = String::new();
            match shape {
                0 => card.push_str(&format!("    {mid}:\n      {wrap}: \"Bye.\"\n")),
                1 => card.push_str(&format!("    {mid}: {{{wrap}: \"Bye.\"}}\n")),
                _ => {}
            }
            if flow {
                card.push_str(&format!(
                    "    {notify}: {{{owner}: true, {emails}: [a@acme-realty.com]}}\n"
                ));
            } else {
                card.push_str(&format!(
                    "    {notify}:\n      {owner}: true\n      {emails}:\n        - a@acme-realty.com\n"
                ));
            }
            if twice {
                // The same key again, correctly spelt: a rename would make a duplicate.
                card.push_str("    mid_call:\n      wrap_up: \"Again.\"\n");
            }
            card
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Misspelt keys inside misspelt keys, across cards (issue 32: `midcall: {wrapup}` on one
    /// card, `mid_call: {wrapup}` on another): one run of `fix` reaches the fixed point.
    #[test]
    fn nested_renames_reach_the_fixed_point_in_one_run(
        a in nested_card(),
        b in nested_card(),
        tag_a in spelling("missed-transfer", &["missed-transfr", "misse-transfer"]),
        tag_b in spelling("successful-transfer", &["successful-transfr", "sucessful-transfer"]),
        outcomes in spelling("outcomes", &["outcome", "outcomez"]),
        unsafe_too in any::<bool>(),
    ) {
        let text = format!(
            "version: 1\nbot:\n  name: Bot\n  direction: outbound\n{outcomes}:\n  {tag_a}:\n{a}  {tag_b}:\n{b}"
        );
        let settings = Settings::default();
        let fixed = fix_text(&text, &settings, unsafe_too);
        prop_assert!(is_sub_multiset(&fixed.after, &fixed.before), "{text}\n->\n{}", fixed.text);
        let again = fix_text(&fixed.text, &settings, unsafe_too);
        prop_assert_eq!(&again.text, &fixed.text, "not idempotent on\n{}", text);
    }
}
