//! Unsafe fixes for `policy-violation` (spec sections 13 and 15): add a missing required tag,
//! task or recipient (or the owner alert) where the card allows it.
//!
//! This is a provider for `samictl fix`'s library (`src/fix.rs`), kept in its own file: for a
//! finding it gives the fix as one `fix::TextEdit`, which `fix::fixes_with_policy` adds. The change
//! itself is made by [`crate::edit::apply`], the operation `samictl edit` uses, so comments, key
//! order and quoting outside the changed card survive and the result is re-validated. Every
//! fix here is unsafe (it changes what fires and needs review). Keys that need a human's
//! judgement get no fix: a required note (its text), a forbidden action (which one to drop),
//! custom criteria or a missing wrap-up (what SAMI should say).

use crate::config::Settings;
use crate::diagnostic::Diagnostic;
use crate::edit::{Edit, Op, apply_all};
use crate::fix::TextEdit;
use crate::model::{Action, Assignee};
use crate::policy::{Requirement, check_card};
use crate::product::{UserAction, rules_for};
use crate::rules::Rule;
use crate::values;

/// The title of a task added to satisfy `require_actions = ["task"]`; its placeholders exist on
/// every outcome.
pub const TASK_TITLE: &str = "Follow up with {{ contact.first_name }}: {{ outcome }}";

/// A fix for one `policy-violation` finding. Always unsafe.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyFix {
    pub description: String,
    pub edits: Vec<TextEdit>,
}

/// The fix of a `policy-violation` finding of `source` under `settings`, if it has one.
///
/// The finding is matched to the policy key it reports by its message (as
/// [`crate::policy::check_card`] wrote it). A file with errors besides policy violations gets
/// no fix until they are fixed (the edit re-validates the card it changes).
pub fn policy_fix(source: &str, settings: &Settings, finding: &Diagnostic) -> Option<PolicyFix> {
    if finding.rule != Rule::PolicyViolation {
        return None;
    }
    // The bot as written, without the outcome policy (its violations are what is fixed).
    let mut lenient = settings.clone();
    lenient.policy.outcomes.clear();
    lenient.policy.messaging.clear();
    let bot = crate::validate::check(source, &lenient).bot?;
    let (outcome, items) = settings.policy.outcomes.iter().find(|(o, items)| {
        check_card(**o, items, bot.cards.get(o))
            .iter()
            .any(|v| v.message == finding.message)
    })?;
    let violation = check_card(*outcome, items, bot.cards.get(outcome))
        .into_iter()
        .find(|v| v.message == finding.message)?;
    let item = items
        .iter()
        .find(|i| i.requirement.key() == violation.key)?;
    let card = bot.cards.get(outcome).cloned().unwrap_or_default();
    let rules = rules_for(*outcome);

    let mut ops: Vec<Op> = Vec::new();
    let mut what: Vec<String> = Vec::new();
    match &item.requirement {
        Requirement::RequireTags(tags) => {
            // A set of the tags present: linear in the tags and actions (issue 32).
            let present = card.tag_names();
            for t in tags {
                if !present.contains(&t.to_lowercase()) {
                    ops.push(Op::AddAction(Action::Tag { name: t.clone() }));
                    what.push(format!("tag `{t}`"));
                }
            }
        }
        Requirement::RequireActions(types) => {
            let has_task = card
                .actions
                .iter()
                .any(|a| matches!(a.value, Action::Task { .. }));
            if types.contains(&UserAction::Task)
                && !has_task
                && rules.user_actions.contains(&UserAction::Task)
            {
                ops.push(Op::AddAction(Action::Task {
                    title: TASK_TITLE.to_owned(),
                    due_in: None,
                    assignee: Assignee::Owner,
                }));
                what.push("a task".to_owned());
            }
        }
        Requirement::RequireOwner => {
            ops.push(Op::SetNotifyOwner(true));
            what.push("the owner alert".to_owned());
        }
        Requirement::RequireRecipients(recipients) => {
            let notified = card.recipients();
            for r in recipients {
                if notified.contains(&r.to_lowercase()) {
                    continue;
                }
                if values::is_valid_email(r) {
                    ops.push(Op::AddEmail(r.clone()));
                } else {
                    ops.push(Op::AddPhone(r.clone()));
                }
                what.push(format!("`{r}`"));
            }
        }
        _ => {}
    }
    if ops.is_empty() {
        return None;
    }
    // Every addition in one edit of the document, validated once (not a re-read of the file per
    // tag: issue 32).
    let edits: Vec<Edit> = ops
        .into_iter()
        .map(|op| Edit {
            outcome: *outcome,
            op,
            channel: crate::product::Channel::Call,
        })
        .collect();
    let text = match many_tags(source, &edits, &lenient, *outcome, items) {
        Some(text) => text,
        None => apply_all(source, &edits, &lenient).ok()?.text,
    };
    Some(PolicyFix {
        description: format!(
            "add {} to {outcome} (policy `{}`, samictl.toml:{})",
            join(&what),
            violation.key,
            violation.line
        ),
        edits: vec![one_edit(source, &text)?],
    })
}

/// A name no tag of a bot file has (tags hold letters, digits, spaces, `-`, `_`, `:`, `/`).
const MARK: &str = "samictl-mark-7f3a9c";

/// Many tag additions at the cost of two: the first tag added by the document editor (which
/// may create the card or its `actions`), then one more with a mark for a name; the text that
/// second edit inserted is the shape of one item, repeated for every other tag with its name.
/// (Inserting the same item text again at the same place gives what adding one more item
/// gives, even when the shortest difference starts inside it.) `None` leaves it to the
/// edits one by one; the result is validated and must satisfy the requirement, or `None`.
fn many_tags(
    source: &str,
    edits: &[Edit],
    lenient: &Settings,
    outcome: crate::outcome::Outcome,
    items: &[crate::policy::PolicyItem],
) -> Option<String> {
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
    // Checked: it reads as a bot, and the card now has every required tag.
    let bot = crate::validate::check(&text, lenient).bot?;
    check_card(outcome, items, bot.cards.get(&outcome))
        .iter()
        .all(|v| v.key != "require_tags")
        .then_some(text)
}

fn join(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
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
