//! `apply` end to end: the product's refusals, the validator's, and what the text keeps.

use super::*;
use crate::model::{Action, Assignee, Located};
use crate::outcome::Outcome;
use crate::product::Channel;
use crate::product::LockedAction;

const COMMENTED: &str = "\
# Seller bot: owned by RevOps.
version: 1   # the format version
bot:
  name: 'Seller Outreach'   # single quotes kept
  direction: outbound

outcomes:
  # A card with everything.
  missed-transfer:
    mid_call:
      wrap_up: \"Someone will call you back.\"   # spoken
    actions:
      - type: task   # call back fast
        title: \"Call back {{ contact.first_name }}\"
        due_in: 15m

      - type: tag
        name: missed
    notify:
      owner: true
      emails: [lead@acme.com]   # the team lead

  # Opt-outs: keep it short.
  opt-out:
    actions:
      - type: do-not-contact-all-channels   # locked
      - type: tag
        name: opted-out

  bad-number: {}   # nothing yet
";

fn settings() -> Settings {
    Settings::default()
}

/// The new text of an applied edit; also checks that the bot given with it is the text's.
fn apply(source: &str, edit: &Edit, settings: &Settings) -> Result<String, EditError> {
    super::apply(source, edit, settings).map(|applied| {
        assert_eq!(check(&applied.text, settings).bot, Some(applied.bot));
        applied.text
    })
}

fn edit(outcome: Outcome, op: Op) -> Edit {
    Edit {
        outcome,
        op,
        channel: Channel::Call,
    }
}

/// Every line of `before` that isn't `changed` is still in `after`, in order.
fn keeps_lines(before: &str, after: &str, changed: &[&str]) {
    let mut rest = after.lines();
    for line in before
        .lines()
        .filter(|l| !changed.iter().any(|c| l.contains(c)))
    {
        assert!(rest.any(|l| l == line), "lost line {line:?} in:\n{after}");
    }
}

#[test]
fn adding_a_tag_keeps_every_comment_and_blank_line() {
    let tag = Action::Tag {
        name: "vip lead".into(),
    };
    let out = apply(
        COMMENTED,
        &edit(Outcome::OptOut, Op::AddAction(tag)),
        &settings(),
    )
    .unwrap();
    keeps_lines(COMMENTED, &out, &[]);
    assert!(
        out.contains("      - type: tag\n        name: vip lead\n"),
        "{out}"
    );
    let bot = check(&out, &settings()).bot.unwrap();
    assert_eq!(bot.cards[&Outcome::OptOut].actions.len(), 3);
}

#[test]
fn setting_and_resetting_criteria() {
    let set = edit(
        Outcome::BadNumber,
        Op::SetCriteria(Some("Wrong person: \"no such owner\"".into())),
    );
    let out = apply(COMMENTED, &set, &settings()).unwrap();
    keeps_lines(COMMENTED, &out, &["bad-number"]);
    let bot = check(&out, &settings()).bot.unwrap();
    assert_eq!(
        bot.cards[&Outcome::BadNumber].analysis_criteria.as_deref(),
        Some("Wrong person: \"no such owner\"")
    );
    let reset = apply(
        &out,
        &edit(Outcome::BadNumber, Op::SetCriteria(None)),
        &settings(),
    )
    .unwrap();
    assert!(
        check(&reset, &settings()).bot.unwrap().cards[&Outcome::BadNumber]
            .analysis_criteria
            .is_none()
    );
}

#[test]
fn mid_call_options_and_a_new_card() {
    let out = apply(
        COMMENTED,
        &edit(Outcome::NotInterested, Op::SetMaxObjections(Some(6))),
        &settings(),
    )
    .unwrap();
    keeps_lines(COMMENTED, &out, &[]);
    let bot = check(&out, &settings()).bot.unwrap();
    assert_eq!(
        bot.cards[&Outcome::NotInterested].mid_call.max_objections,
        Some(6)
    );
    let out = apply(
        &out,
        &edit(Outcome::MissedTransfer, Op::SetWrapUp(None)),
        &settings(),
    )
    .unwrap();
    assert!(!out.contains("Someone will call you back"));
    assert!(out.contains("# A card with everything."));
}

#[test]
fn removing_replacing_and_moving_actions() {
    let out = apply(
        COMMENTED,
        &edit(Outcome::MissedTransfer, Op::RemoveAction(1)),
        &settings(),
    )
    .unwrap();
    keeps_lines(COMMENTED, &out, &["type: tag", "name: missed"]);
    let moved = apply(
        COMMENTED,
        &edit(Outcome::MissedTransfer, Op::MoveAction { from: 1, to: 0 }),
        &settings(),
    )
    .unwrap();
    let bot = check(&moved, &settings()).bot.unwrap();
    let types: Vec<_> = bot.cards[&Outcome::MissedTransfer]
        .actions
        .iter()
        .map(|a| a.value.type_name())
        .collect();
    assert_eq!(types, ["tag", "task"]);
    let note = Action::Note {
        text: "{{ contact.first_name }}: see notes".into(),
    };
    let replaced = apply(
        COMMENTED,
        &edit(Outcome::MissedTransfer, Op::ReplaceAction(1, note.clone())),
        &settings(),
    )
    .unwrap();
    let bot = check(&replaced, &settings()).bot.unwrap();
    assert_eq!(bot.cards[&Outcome::MissedTransfer].actions[1].value, note);
}

#[test]
fn quoting_survives_changes_and_moves() {
    const QUOTED: &str = "version: 1\nbot: {name: x, direction: outbound}\noutcomes:\n  unqualified:\n    mid_call:\n      wrap_up: \"Thanks: bye\"   # keep\n    actions:\n      - type: tag\n        name: 'first one'   # first's comment\n      - type: note\n        text: \"second\"\n";
    let out = apply(
        QUOTED,
        &edit(
            Outcome::Unqualified,
            Op::SetWrapUp(Some("See you: soon".into())),
        ),
        &settings(),
    )
    .unwrap();
    assert!(out.contains("wrap_up: \"See you: soon\""), "{out}");
    let moved = apply(
        QUOTED,
        &edit(Outcome::Unqualified, Op::MoveAction { from: 0, to: 1 }),
        &settings(),
    )
    .unwrap();
    // A replaced action keeps the quoting of its fields.
    let replaced = apply(
        QUOTED,
        &edit(
            Outcome::Unqualified,
            Op::ReplaceAction(
                1,
                Action::Note {
                    text: "third: now".into(),
                },
            ),
        ),
        &settings(),
    )
    .unwrap();
    assert!(replaced.contains("text: \"third: now\""), "{replaced}");
    // Both items keep their quoting, and the moved one its trailing comment.
    assert!(moved.contains("text: \"second\""), "{moved}");
    assert!(
        moved.contains("name: 'first one'   # first's comment"),
        "{moved}"
    );
    assert!(
        moved.find("type: note") < moved.find("type: tag"),
        "{moved}"
    );
    let types: Vec<_> = check(&moved, &settings()).bot.unwrap().cards[&Outcome::Unqualified]
        .actions
        .iter()
        .map(|a| a.value.type_name())
        .collect();
    assert_eq!(types, ["note", "tag"]);
}

#[test]
fn locked_actions_cannot_be_removed_and_rules_are_enforced() {
    let e = apply(
        COMMENTED,
        &edit(Outcome::OptOut, Op::RemoveAction(0)),
        &settings(),
    )
    .unwrap_err();
    assert!(
        matches!(&e, EditError::NotAllowed(why) if why.contains("TCPA")),
        "{e}"
    );
    let task = Action::Task {
        title: "x".into(),
        due_in: None,
        assignee: Assignee::Owner,
    };
    assert!(matches!(
        apply(
            COMMENTED,
            &edit(Outcome::OptOut, Op::AddAction(task)),
            &settings()
        ),
        Err(EditError::NotAllowed(_))
    ));
    assert!(matches!(
        apply(
            COMMENTED,
            &edit(Outcome::OptOut, Op::AddEmail("a@b.co".into())),
            &settings()
        ),
        Err(EditError::NotAllowed(_))
    ));
    assert!(matches!(
        apply(
            COMMENTED,
            &edit(Outcome::Unqualified, Op::SetConfirmTime(Some(true))),
            &settings()
        ),
        Err(EditError::NotAllowed(_))
    ));
    let lock = Action::Locked(LockedAction::CancelEnrollment);
    assert!(matches!(
        apply(
            COMMENTED,
            &edit(Outcome::Unqualified, Op::AddAction(lock)),
            &settings()
        ),
        Err(EditError::NotAllowed(_))
    ));
    assert!(matches!(
        apply(
            COMMENTED,
            &edit(
                Outcome::SuccessfulTransfer,
                Op::SetCriteria(Some("x".into()))
            ),
            &settings()
        ),
        Err(EditError::NotAllowed(_))
    ));
}

#[test]
fn invalid_values_are_refused_with_the_validator_finding() {
    let e = apply(
        COMMENTED,
        &edit(Outcome::MissedTransfer, Op::AddEmail("not-an-email".into())),
        &settings(),
    )
    .unwrap_err();
    assert!(
        matches!(&e, EditError::Invalid(d) if d.iter().any(|d| d.rule == crate::rules::Rule::InvalidRecipient)),
        "{e:?}"
    );
    let note = Action::Note {
        text: "{{ call.sumary }}".into(),
    };
    let e = apply(
        COMMENTED,
        &edit(Outcome::OptOut, Op::AddAction(note)),
        &settings(),
    )
    .unwrap_err();
    assert!(matches!(&e, EditError::Invalid(_)), "{e:?}");
}

#[test]
fn recipients_and_owner() {
    let out = apply(
        COMMENTED,
        &edit(Outcome::MissedTransfer, Op::AddPhone("+15125550142".into())),
        &settings(),
    )
    .unwrap();
    let bot = check(&out, &settings()).bot.unwrap();
    let n = bot.cards[&Outcome::MissedTransfer].notify.clone().unwrap();
    assert_eq!(
        n.phones
            .iter()
            .map(|p| p.value.as_str())
            .collect::<Vec<_>>(),
        ["+15125550142"]
    );
    let out = apply(
        &out,
        &edit(Outcome::MissedTransfer, Op::RemoveEmail(0)),
        &settings(),
    )
    .unwrap();
    assert!(out.contains("# A card with everything."));
    let out = apply(
        &out,
        &edit(Outcome::MissedTransfer, Op::SetNotifyOwner(false)),
        &settings(),
    )
    .unwrap();
    let out = apply(
        &out,
        &edit(Outcome::MissedTransfer, Op::RemovePhone(0)),
        &settings(),
    )
    .unwrap();
    let bot = check(&out, &settings()).bot.unwrap();
    assert_eq!(bot.cards[&Outcome::MissedTransfer].notify, None, "{out}");
    let _ = Located { value: (), line: 0 };
}

#[test]
fn messaging_cards_are_edited_in_the_messaging_section() {
    let src = "version: 1\nbot: {name: x, direction: outbound}\noutcomes: {}\n# SMS cards\nmessaging:\n  not-interested: {}\n";
    let sms = |op: Op| Edit {
        outcome: Outcome::NotInterested,
        op,
        channel: Channel::Sms,
    };
    let tag = Action::Tag {
        name: "sms-no".to_owned(),
    };
    let out = apply(src, &sms(Op::AddAction(tag.clone())), &settings()).unwrap();
    assert!(out.contains("# SMS cards"), "{out}");
    let bot = check(&out, &settings()).bot.unwrap();
    let card = &bot.messaging.as_ref().unwrap()[&Outcome::NotInterested];
    assert_eq!(card.actions[0].value, tag);
    assert!(bot.cards.is_empty());
    let out = apply(&out, &sms(Op::SetNotifyOwner(true)), &settings()).unwrap();
    assert!(out.contains("owner: true"), "{out}");
    // What a messaging card doesn't take is refused, with the reason.
    let note = Action::Note {
        text: "hi".to_owned(),
    };
    for op in [
        Op::AddAction(note),
        Op::AddEmail("a@b.com".to_owned()),
        Op::SetCriteria(Some("x".to_owned())),
    ] {
        assert!(matches!(
            apply(&out, &sms(op), &settings()),
            Err(EditError::NotAllowed(_))
        ));
    }
    let opt_out = Edit {
        outcome: Outcome::OptOut,
        op: Op::SetNotifyOwner(true),
        channel: Channel::Sms,
    };
    let e = apply(&out, &opt_out, &settings()).unwrap_err();
    assert!(e.to_string().contains("not-interested"), "{e}");
    // A file without a messaging section gets one.
    let plain = "version: 1\nbot: {name: x, direction: outbound}\noutcomes: {}\n";
    let nfu = Edit {
        outcome: Outcome::NeedsFollowUp,
        op: Op::SetNotifyOwner(true),
        channel: Channel::Sms,
    };
    let out = apply(plain, &nfu, &settings()).unwrap();
    let bot = check(&out, &settings()).bot.unwrap();
    assert!(
        bot.messaging.unwrap()[&Outcome::NeedsFollowUp]
            .notify
            .is_some()
    );
}

#[test]
fn a_file_with_errors_is_not_edited() {
    let e = apply(
        "version: 2\n",
        &edit(Outcome::OptOut, Op::SetCriteria(None)),
        &settings(),
    )
    .unwrap_err();
    assert!(matches!(e, EditError::Invalid(_)));
}

/// What validates in a file can be saved again from a prompt: a note written as a `|` block
/// (newlines, a tab) and a wrap-up holding escape sequences are kept, or typed anew, and the
/// written file holds them as YAML can (no raw control character reaches the file).
#[test]
fn texts_a_file_holds_can_be_kept_and_written() {
    const BLOCK: &str = "version: 1\nbot: {name: x, direction: outbound}\noutcomes:\n  unqualified:\n    mid_call:\n      wrap_up: \"Bye\\e]0;PWNED\\a\\e[2J now\"   # hostile\n    actions:\n      - type: note\n        text: |\n          Line one\n          \tand a tab\n      - type: tag\n        name: x\n";
    let bot = check(BLOCK, &settings()).bot.unwrap();
    let card = &bot.cards[&Outcome::Unqualified];
    let note = card.actions[0].value.clone();
    let wrap_up = card.mid_call.wrap_up.clone().unwrap();
    assert!(wrap_up.contains('\u{1b}'));
    let Action::Note { text } = &note else {
        panic!("{note:?}")
    };
    assert!(text.contains("\n\tand"));
    // Kept as they are (Enter at the prompt) and typed anew elsewhere.
    let kept = apply(
        BLOCK,
        &edit(Outcome::Unqualified, Op::ReplaceAction(0, note.clone())),
        &settings(),
    )
    .unwrap();
    let kept = apply(
        &kept,
        &edit(Outcome::Unqualified, Op::SetWrapUp(Some(wrap_up.clone()))),
        &settings(),
    )
    .unwrap();
    let elsewhere = apply(
        &kept,
        &edit(Outcome::BadNumber, Op::SetWrapUp(Some(wrap_up.clone()))),
        &settings(),
    )
    .unwrap();
    let elsewhere = apply(
        &elsewhere,
        &edit(Outcome::BadNumber, Op::AddAction(note.clone())),
        &settings(),
    )
    .unwrap();
    assert!(
        !elsewhere
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\t')),
        "{elsewhere:?}"
    );
    let bot = check(&elsewhere, &settings()).bot.unwrap();
    for o in [Outcome::Unqualified, Outcome::BadNumber] {
        let card = &bot.cards[&o];
        assert_eq!(
            card.mid_call.wrap_up.as_deref(),
            Some(wrap_up.as_str()),
            "{o}"
        );
        assert_eq!(card.actions[0].value, note, "{o}");
    }
    assert!(elsewhere.contains("# hostile"), "{elsewhere}");
    // A text with both a line break and an escape sequence, typed anew.
    for text in ["two\nlines \u{1b}[2J", "nel\u{85} del\u{7f} \u{202e}bidi"] {
        let note = Action::Note { text: text.into() };
        let out = apply(
            &elsewhere,
            &edit(Outcome::BadNumber, Op::AddAction(note.clone())),
            &settings(),
        )
        .unwrap_or_else(|e| panic!("{text:?}: {e}"));
        let bot = check(&out, &settings()).bot.unwrap();
        assert_eq!(bot.cards[&Outcome::BadNumber].actions[1].value, note);
    }
}
