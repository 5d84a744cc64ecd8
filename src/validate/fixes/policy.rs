//! Policy fixes (`policy-violation`, docs/spec 13 and 15): the additions of the typed
//! [`Remedy`] the policy check found for a broken key (a missing required tag, task, recipient
//! or owner alert; built by [`crate::policy::fix`] from the violation's facts) written into the
//! card's text by the pure text layer ([`crate::edit_text`]), and attached to the finding the
//! check reported. Every such fix is unsafe (it changes what fires and needs review).
//!
//! A file with an error besides its policy violations gets no policy fix until it is fixed:
//! the edit is made on the bot the file describes. The written text is checked to describe the
//! bot the additions give (yaml-edit is not trusted to validate), as `samictl edit` checks it.
//! A messaging card's violations get no fix: `[policy.messaging.TAG]` cards are written by
//! hand, and their counts stay what every report has said (docs/architecture.md).

use super::text::Text;
use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Fix, Severity, TextEdit};
use crate::edit_text::{Edit, Op, normalize, write_all};
use crate::model::{Action, Assignee, Bot};
use crate::policy::fix::{Addition, Remedy, TASK_TITLE};
use crate::rules::Rule;
use crate::validate::walker::PartialBot;
use std::collections::HashMap;

/// Attaches its fix to each `policy-violation` finding of `diagnostics` (the walk of `source`
/// just found them, with `partial`) whose violation has a remedy in `remedies` (by the
/// finding's index).
pub(in crate::validate) fn attach_policy(
    source: &str,
    settings: &Settings,
    partial: &PartialBot,
    diagnostics: &mut [Diagnostic],
    remedies: &HashMap<usize, Remedy>,
) {
    if remedies.is_empty() {
        return;
    }
    let other_errors = diagnostics.iter().any(|d| {
        d.rule != Rule::PolicyViolation && settings.severity(d.rule) == Some(Severity::Error)
    });
    let (Some(name), Some(direction)) = (&partial.name, partial.direction) else {
        return;
    };
    if other_errors {
        return;
    }
    let bot = Bot {
        name: name.clone(),
        direction,
        cards: partial.cards.clone(),
        messaging: partial.messaging.clone(),
    };
    let lenient = lenient(settings);
    for (i, remedy) in remedies {
        if let Some(d) = diagnostics.get_mut(*i)
            && d.rule == Rule::PolicyViolation
            && let Some(edit) = remedy_edit(source, &bot, &lenient, remedy)
        {
            d.fix = Some(Box::new(Fix {
                rule: Rule::PolicyViolation,
                safe: false,
                description: remedy.description.clone(),
                edits: vec![edit],
            }));
        }
    }
}

/// `settings` without the outcome and messaging policies: the bot as written, violations and
/// all, is what a remedy edits.
fn lenient(settings: &Settings) -> Settings {
    let mut lenient = settings.clone();
    lenient.policy.outcomes.clear();
    lenient.policy.messaging.clear();
    lenient
}

/// The text edit that writes `remedy`'s additions into `source` (the text of `bot`), or `None`
/// when the text layer refuses it or the result doesn't describe the bot the additions give
/// (checked once, under `lenient`: not a re-read of the file per tag, issue 32).
fn remedy_edit(source: &str, bot: &Bot, lenient: &Settings, remedy: &Remedy) -> Option<TextEdit> {
    let edits: Vec<Edit> = remedy
        .additions
        .iter()
        .map(|addition| Edit {
            outcome: remedy.place.outcome,
            op: op(addition),
            channel: remedy.place.channel,
        })
        .collect();
    // (`samictl fix` keeps a file in `samictl fmt`'s layout in it once every fix is applied.)
    let text = match many_tags(source, bot, &edits) {
        Some(text) => text,
        None => write_all(source, bot, &edits).ok()?,
    };
    let mut expected = bot.clone();
    for edit in &edits {
        crate::edit_text::model::apply_in_place(&mut expected, edit);
    }
    let got = crate::validate::check(&text, lenient).bot?;
    if normalize(got) != normalize(expected) {
        return None;
    }
    one_edit(source, &text)
}

/// The text layer's operation for one addition.
fn op(addition: &Addition) -> Op {
    match addition {
        Addition::Tag(name) => Op::AddAction(Action::Tag { name: name.clone() }),
        Addition::Task => Op::AddAction(Action::Task {
            title: TASK_TITLE.to_owned(),
            due_in: None,
            assignee: Assignee::Owner,
        }),
        Addition::OwnerAlert => Op::SetNotifyOwner(true),
        Addition::Email(r) => Op::AddEmail(r.clone()),
        Addition::Phone(r) => Op::AddPhone(r.clone()),
    }
}

/// A name no tag of a bot file has (tags hold letters, digits, spaces, `-`, `_`, `:`, `/`).
const MARK: &str = "samictl-mark-7f3a9c";

/// Many tag additions at the cost of two: the first tag added by the text layer (which may
/// create the card or its `actions`), then one more with a mark for a name; the text that
/// second edit inserted is the shape of one item, repeated for every other tag with its name.
/// (Inserting the same item text again at the same place gives what adding one more item
/// gives, even when the shortest difference starts inside it.) `None` leaves it to the
/// edits one by one; the caller checks the result.
fn many_tags(source: &str, bot: &Bot, edits: &[Edit]) -> Option<String> {
    let names: Vec<&str> = edits
        .iter()
        .map(|e| match &e.op {
            Op::AddAction(Action::Tag { name }) => Some(name.as_str()),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let [_, rest @ ..] = names.as_slice() else {
        return None;
    };
    if rest.len() < 8 || source.contains(MARK) {
        return None;
    }
    let first = edits.first()?;
    let with_first = write_all(source, bot, &edits[..1]).ok()?;
    let mut after_first = bot.clone();
    crate::edit_text::model::apply_in_place(&mut after_first, first);
    let mark = Edit {
        op: Op::AddAction(Action::Tag {
            name: MARK.to_owned(),
        }),
        ..first.clone()
    };
    let with_mark = write_all(&with_first, &after_first, std::slice::from_ref(&mark)).ok()?;
    let inserted = one_edit(&with_first, &with_mark)?;
    if inserted.start != inserted.end || inserted.replacement.matches(MARK).count() != 1 {
        return None;
    }
    let mut text =
        String::with_capacity(with_first.len() + rest.len() * inserted.replacement.len());
    text.push_str(with_first.get(..inserted.start)?);
    for name in rest {
        let plain = name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        let written = if plain {
            (*name).to_owned()
        } else {
            crate::quote::double_quoted(name)
        };
        text.push_str(&inserted.replacement.replace(MARK, &written));
    }
    text.push_str(with_first.get(inserted.start..)?);
    Some(text)
}

/// The single edit that turns `old` into `new`: the span between their common prefix and
/// common suffix, on character boundaries.
fn one_edit(old: &str, new: &str) -> Option<TextEdit> {
    if old == new {
        return None;
    }
    let prefix = old
        .char_indices()
        .zip(new.chars())
        .find(|((_, a), b)| a != b)
        .map_or(old.len().min(new.len()), |((i, _), _)| i);
    let max_suffix = old.len().min(new.len()) - prefix;
    let mut suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    let (start, end) = (prefix, old.len() - suffix);
    Some(Text::new(old).edit(start, end, new.get(prefix..new.len() - suffix)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse_config;
    use crate::validate::check;

    fn fix_all(source: &str, settings: &Settings) -> String {
        let mut text = source.to_owned();
        // Each fix is computed for the text it applies to, one at a time.
        for _ in 0..10 {
            let findings = check(&text, settings).diagnostics;
            let Some(fix) = findings
                .iter()
                .filter(|d| d.rule == Rule::PolicyViolation)
                .find_map(|d| d.fix())
            else {
                break;
            };
            let e = &fix.edits[0];
            text = format!("{}{}{}", &text[..e.start], e.replacement, &text[e.end..]);
        }
        text
    }

    const POLICY: &str = "[policy.outcomes.missed-transfer]\nrequire_actions = [\"task\"]\nrequire_owner = true\nrequire_recipients = [\"Lead@acme.com\", \"+15125550142\"]\n\n[policy.outcomes.opt-out]\nrequire_tags = [\"opted-out\"]\ncriteria = \"default\"\n";

    #[test]
    fn adds_the_missing_tag_task_and_recipients_and_keeps_the_rest() {
        let settings = parse_config(POLICY).unwrap().settings(false);
        let source = "# my bot\nversion: 1\nbot:\n  name: x   # the name\n  direction: outbound\noutcomes:\n  missed-transfer:\n    notify:\n      emails: [lead@acme.com]   # the lead\n  opt-out:\n    analysis_criteria: \"Custom.\"\n";
        let fixed = fix_all(source, &settings);
        assert!(fixed.starts_with("# my bot\nversion: 1\nbot:\n  name: x   # the name\n"));
        assert!(fixed.contains("# the lead"), "{fixed}");
        let left: Vec<String> = check(&fixed, &settings)
            .diagnostics
            .into_iter()
            .filter(|d| d.rule == Rule::PolicyViolation)
            .map(|d| d.message)
            .collect();
        // Only the custom criteria are left: they need a human.
        assert_eq!(
            left,
            [
                "policy `criteria` (samictl.toml:8) requires SAMI's default analysis criteria on opt-out"
            ]
        );
        // The email was already there (case-insensitively): only the phone was added.
        assert_eq!(fixed.matches("lead@acme.com").count(), 1, "{fixed}");
        assert!(fixed.contains("+15125550142"), "{fixed}");
        // A second run changes nothing.
        assert_eq!(fix_all(&fixed, &settings), fixed);
    }

    #[test]
    fn a_missing_card_gets_one_and_judgement_calls_get_no_fix() {
        let settings = parse_config(
            "[policy.outcomes.opt-out]\nrequire_tags = [\"opted-out\"]\n\n[policy.outcomes.unqualified]\nrequire_wrap_up = true\nforbid_actions = [\"note\"]\n",
        )
        .unwrap()
        .settings(false);
        let source = "version: 1\nbot: {name: x, direction: inbound}\noutcomes:\n  unqualified:\n    actions:\n      - type: note\n        text: hi\n";
        let findings = check(source, &settings).diagnostics;
        let policy_fixes = findings
            .iter()
            .filter(|d| d.rule == Rule::PolicyViolation && d.fix().is_some())
            .count();
        assert_eq!(policy_fixes, 1, "{findings:?}");
        let fixed = fix_all(source, &settings);
        assert!(fixed.contains("opt-out"), "{fixed}");
        assert!(
            check(&fixed, &settings)
                .diagnostics
                .iter()
                .all(|d| !d.message.contains("require_tags")),
            "{fixed}"
        );
    }

    #[test]
    fn another_error_leaves_the_violations_without_a_fix() {
        let settings = parse_config("[policy.outcomes.opt-out]\nrequire_tags = [\"opted-out\"]\n")
            .unwrap()
            .settings(false);
        let source = "version: 1\nbot: {name: x, direction: sideways}\noutcomes:\n  opt-out: {}\n";
        let findings = check(source, &settings).diagnostics;
        assert!(
            findings.iter().any(|d| d.rule == Rule::PolicyViolation),
            "{findings:?}"
        );
        assert!(
            findings
                .iter()
                .filter(|d| d.rule == Rule::PolicyViolation)
                .all(|d| d.fix().is_none())
        );
    }

    #[test]
    fn the_report_the_language_server_and_fix_read_the_same_policy_fixes() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/policy");
        let toml = std::fs::read_to_string(root.join("samictl.toml")).unwrap();
        let settings = parse_config(&toml).unwrap().settings(false);
        let mut policy_fixes = 0;
        for bot in ["buyer-inbound.yaml", "seller-outreach.yaml"] {
            let bytes = std::fs::read(root.join("bots").join(bot)).unwrap();
            // The report and the language server both read `findings_and_fixes`.
            let (found, report) = crate::validate::findings_and_fixes(&bytes, &settings);
            assert_eq!(report, crate::fix::fixes("", &found), "{bot}");
            policy_fixes += report
                .iter()
                .flatten()
                .filter(|f| f.rule == Rule::PolicyViolation)
                .count();
        }
        assert!(policy_fixes > 0);
    }

    #[test]
    fn one_edit_is_the_changed_span() {
        let e = one_edit("a: 1\nb: 2\n", "a: 1\nb: 2\nc: 3\n").unwrap();
        assert_eq!((e.line, e.column, e.end_line, e.end_column), (3, 1, 3, 1));
        assert_eq!(e.replacement, "c: 3\n");
        let e = one_edit("x: é\n", "x: éé\n").unwrap();
        assert_eq!(
            format!(
                "{}{}{}",
                &"x: é\n"[..e.start],
                e.replacement,
                &"x: é\n"[e.end..]
            ),
            "x: éé\n"
        );
    }
}
