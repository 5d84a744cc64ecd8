//! The text of the unsafe fixes of `policy-violation` (docs/spec 13 and 15): the additions
//! a [`Remedy`] lists (built by [`crate::policy::fix`] from the facts the policy check found:
//! which card lacks which tag, task, recipient or owner alert) written into the bot file.
//!
//! This is a provider for `samictl fix`'s library (`src/fix.rs`): for a finding it gives the fix
//! as one `fix::TextEdit`, which `fix::fixes_with_policy` adds. The change itself is made by
//! [`crate::edit::apply_all`], the operation `samictl edit` uses, so comments, key order and
//! quoting outside the changed card survive and the result is re-validated. It lives above
//! `edit` and `validate` (which `policy` must not import); its edge to `fix` is `TextEdit`
//! alone, until the finding carries its fix (issue 25).

use crate::config::Settings;
use crate::diagnostic::Diagnostic;
use crate::edit::{Edit, Op, apply_all};
use crate::fix::TextEdit;
use crate::model::{Action, Assignee};
use crate::policy::fix::{Addition, Remedy, TASK_TITLE, remedy};
use crate::product::Channel;
use crate::rules::Rule;

/// A fix for one `policy-violation` finding. Always unsafe.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyFix {
    pub description: String,
    pub edits: Vec<TextEdit>,
}

/// The fix of a `policy-violation` finding of `source` under `settings`, if it has one.
///
/// A file with errors besides policy violations gets no fix until they are fixed (the edit
/// re-validates the card it changes). The fix is built from the violation's facts
/// ([`crate::policy::Problem`]); which violation `finding` reports is, until a finding carries
/// its facts (the `fix` field of issue 25), the call-card violation worded as the finding is.
pub fn policy_fix(source: &str, settings: &Settings, finding: &Diagnostic) -> Option<PolicyFix> {
    if finding.rule != Rule::PolicyViolation {
        return None;
    }
    // The bot as written, without the outcome policy (its violations are what is fixed).
    let lenient = lenient(settings);
    let bot = crate::validate::check(source, &lenient).bot?;
    let violation = settings
        .policy
        .outcomes
        .iter()
        .flat_map(|(o, items)| crate::policy::check_card(*o, items, bot.cards.get(o)))
        .find(|v| v.message == finding.message)?;
    remedy_fix(source, settings, &remedy(&violation)?)
}

/// `settings` without the outcome and messaging policies: the bot as written, violations and
/// all, is what a remedy edits.
fn lenient(settings: &Settings) -> Settings {
    let mut lenient = settings.clone();
    lenient.policy.outcomes.clear();
    lenient.policy.messaging.clear();
    lenient
}

/// The text edit that writes `remedy`'s additions into `source` (checked under `settings`
/// without its policy), or `None` when the editor refuses it. Every addition is one edit of the
/// document, validated once (not a re-read of the file per tag: issue 32).
pub fn remedy_fix(source: &str, settings: &Settings, remedy: &Remedy) -> Option<PolicyFix> {
    let lenient = &lenient(settings);
    let edits: Vec<Edit> = remedy
        .additions
        .iter()
        .map(|addition| Edit {
            outcome: remedy.place.outcome,
            op: op(addition),
            channel: remedy.place.channel,
        })
        .collect();
    let text = match many_tags(source, &edits, lenient, remedy) {
        Some(text) => text,
        None => apply_all(source, &edits, lenient).ok()?.text,
    };
    Some(PolicyFix {
        description: remedy.description.clone(),
        edits: vec![one_edit(source, &text)?],
    })
}

/// The editor's operation for one addition.
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

/// Many tag additions at the cost of two: the first tag added by the document editor (which
/// may create the card or its `actions`), then one more with a mark for a name; the text that
/// second edit inserted is the shape of one item, repeated for every other tag with its name.
/// (Inserting the same item text again at the same place gives what adding one more item
/// gives, even when the shortest difference starts inside it.) `None` leaves it to the
/// edits one by one; the result is validated and must satisfy the requirement, or `None`.
fn many_tags(source: &str, edits: &[Edit], lenient: &Settings, remedy: &Remedy) -> Option<String> {
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
    let with_first = apply_all(source, &edits[..1], lenient).ok()?.text;
    let mark = Edit {
        op: Op::AddAction(Action::Tag {
            name: MARK.to_owned(),
        }),
        ..edits[0].clone()
    };
    let with_mark = apply_all(&with_first, std::slice::from_ref(&mark), lenient)
        .ok()?
        .text;
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
    // Checked: it reads as a bot, and the card now has every tag the remedy adds.
    let bot = crate::validate::check(&text, lenient).bot?;
    let cards = match remedy.place.channel {
        Channel::Call => Some(&bot.cards),
        Channel::Sms => bot.messaging.as_ref(),
    };
    let present = cards?.get(&remedy.place.outcome)?.tag_names();
    names
        .iter()
        .all(|n| present.contains(&n.to_lowercase()))
        .then_some(text)
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
    let (line, column) = position(old, start);
    let (end_line, end_column) = position(old, end);
    Some(TextEdit {
        line,
        column,
        end_line,
        end_column,
        start,
        end,
        replacement: new.get(prefix..new.len() - suffix)?.to_owned(),
    })
}

/// 1-based line and character column of a byte offset.
fn position(text: &str, offset: usize) -> (u32, u32) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    (
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(column).unwrap_or(u32::MAX),
    )
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
            let Some(fix) = findings.iter().find_map(|d| policy_fix(&text, settings, d)) else {
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
        let fixes: Vec<Option<PolicyFix>> = findings
            .iter()
            .map(|d| policy_fix(source, &settings, d))
            .collect();
        assert_eq!(
            fixes.iter().filter(|f| f.is_some()).count(),
            1,
            "{findings:?}"
        );
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
