//! Which operations the product allows on a card: asked before anything is changed, from the
//! product table ([`crate::product`]), so a refusal says why in the product's words.

use super::{Edit, EditError, Op};
use crate::model::{Action, Assignee, Bot};
use crate::outcome::Outcome;
use crate::product::{Channel, MidCallOption, NotifyAccess, UserAction, rules_on};

fn not_allowed(why: impl Into<String>) -> EditError {
    EditError::NotAllowed(why.into())
}

/// Checks an edit against the product rules, before anything is changed.
pub fn allowed(bot: &Bot, edit: &Edit) -> Result<(), EditError> {
    let outcome = edit.outcome;
    let Some(rules) = rules_on(edit.channel, outcome) else {
        return Err(not_allowed(format!(
            "there is no messaging card for {outcome}: {}",
            crate::product::no_card_reason(edit.channel, outcome)
        )));
    };
    let sms = edit.channel == Channel::Sms;
    let card = bot.card_on(edit.channel, outcome);
    let actions = card.map_or(&[][..], |c| &c.actions[..]);
    let option = |o: MidCallOption| -> Result<(), EditError> {
        if rules.mid_call.contains(&o) {
            Ok(())
        } else {
            let homes: Vec<&str> = o.outcomes().into_iter().map(Outcome::as_str).collect();
            Err(not_allowed(format!(
                "`{}` belongs to {}, not {outcome}",
                o.key(),
                homes.join(" and ")
            )))
        }
    };
    let user_action = |a: &Action| -> Result<(), EditError> {
        let kind = match a {
            Action::Note { .. } => UserAction::Note,
            Action::Task { .. } => UserAction::Task,
            Action::Tag { .. } => UserAction::Tag,
            Action::Locked(l) => {
                return Err(not_allowed(format!(
                    "`{}` is a locked action: SAMI runs it where it applies ({}), so it is not added by hand",
                    l.as_str(),
                    l.applies_to()
                )));
            }
        };
        if sms
            && matches!(
                a,
                Action::Task {
                    assignee: Assignee::Email(_),
                    ..
                }
            )
        {
            Err(not_allowed(
                "a messaging task goes to the contact's owner: it takes no other assignee",
            ))
        } else if rules.user_actions.contains(&kind) {
            Ok(())
        } else {
            let names: Vec<&str> = rules.user_actions.iter().map(|a| a.as_str()).collect();
            let on = if sms { "SMS " } else { "" };
            Err(not_allowed(format!(
                "{on}{outcome} doesn't allow `{}` actions; its actions are {}",
                kind.as_str(),
                names.join(", ")
            )))
        }
    };
    let index = |i: usize, len: usize| -> Result<(), EditError> {
        if i < len {
            Ok(())
        } else {
            Err(not_allowed(format!(
                "there is no item {} (the card has {len})",
                i + 1
            )))
        }
    };
    let locked_at = |i: usize| -> Result<(), EditError> {
        match actions.get(i).map(|a| &a.value) {
            Some(Action::Locked(l)) => Err(not_allowed(format!(
                "`{}` is locked and can't be removed or changed: {}",
                l.as_str(),
                l.reason()
            ))),
            _ => Ok(()),
        }
    };
    let notify = || -> Result<(), EditError> {
        match rules.notify.reason() {
            None => Ok(()),
            Some(reason) => Err(not_allowed(format!(
                "{outcome} has no notifications ({reason})"
            ))),
        }
    };
    let notify_block = card.and_then(|c| c.notify.as_ref());
    match &edit.op {
        Op::SetCriteria(_) | Op::SetWrapUp(_) | Op::SetMaxObjections(_) | Op::SetConfirmTime(_)
            if sms =>
        {
            Err(not_allowed(
                "a messaging card has no analysis criteria and no mid-call options",
            ))
        }
        Op::SetCriteria(_) if !rules.takes_criteria => Err(not_allowed(format!(
            "{outcome} is detected from the transfer call events, so it has no analysis criteria"
        ))),
        Op::SetCriteria(_) => Ok(()),
        Op::SetWrapUp(_) => option(MidCallOption::WrapUp),
        Op::SetMaxObjections(_) => option(MidCallOption::MaxObjections),
        Op::SetConfirmTime(_) => option(MidCallOption::ConfirmTime),
        Op::AddAction(a) => user_action(a),
        Op::ReplaceAction(i, a) => {
            index(*i, actions.len())?;
            locked_at(*i)?;
            user_action(a)
        }
        Op::RemoveAction(i) => {
            index(*i, actions.len())?;
            locked_at(*i)
        }
        Op::MoveAction { from, to } => {
            index(*from, actions.len())?;
            index(*to, actions.len())
        }
        Op::AddEmail(_) | Op::AddPhone(_) if rules.notify == NotifyAccess::OwnerOnly => {
            Err(not_allowed(
                "a messaging card alerts the contact's owner only: it has no email or phone recipients",
            ))
        }
        Op::SetNotifyOwner(_) | Op::AddEmail(_) | Op::AddPhone(_) => notify(),
        Op::RemoveEmail(i) => {
            notify()?;
            index(*i, notify_block.map_or(0, |n| n.emails.len()))
        }
        Op::RemovePhone(i) => {
            notify()?;
            index(*i, notify_block.map_or(0, |n| n.phones.len()))
        }
    }
}
