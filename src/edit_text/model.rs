//! The bot an operation should give: the operation applied to the checked model. The text
//! change ([`super::text`]) must read back as exactly this bot, or the edit is refused.

use super::{Edit, Op};
use crate::model::{Bot, Notify};
use crate::product::Channel;

/// The bot the edit should give.
pub fn apply_to_model(bot: &Bot, edit: &Edit) -> Bot {
    let mut bot = bot.clone();
    apply_in_place(&mut bot, edit);
    normalize(bot)
}

/// [`apply_to_model`] on the bot itself, line numbers left as they are (no copy, no pass over
/// every card: for many edits in a row, normalized once at the end).
pub(crate) fn apply_in_place(bot: &mut Bot, edit: &Edit) {
    let cards = match edit.channel {
        Channel::Call => &mut bot.cards,
        Channel::Sms => bot.messaging.get_or_insert_with(Default::default),
    };
    let card = cards.entry(edit.outcome).or_default();
    match &edit.op {
        Op::SetCriteria(t) => card.analysis_criteria = t.clone(),
        Op::SetWrapUp(t) => card.mid_call.wrap_up = t.clone(),
        Op::SetMaxObjections(n) => card.mid_call.max_objections = *n,
        Op::SetConfirmTime(b) => card.mid_call.confirm_time = *b,
        Op::AddAction(a) => card.actions.push(crate::model::Located {
            value: a.clone(),
            line: 0,
        }),
        Op::ReplaceAction(i, a) => {
            if let Some(slot) = card.actions.get_mut(*i) {
                slot.value = a.clone();
            }
        }
        Op::RemoveAction(i) => {
            if *i < card.actions.len() {
                card.actions.remove(*i);
            }
        }
        Op::MoveAction { from, to } => {
            if *from < card.actions.len() && *to < card.actions.len() {
                let a = card.actions.remove(*from);
                card.actions.insert(*to, a);
            }
        }
        Op::SetNotifyOwner(b) => notify(card).owner = *b,
        Op::AddEmail(e) => notify(card).emails.push(crate::model::Located {
            value: e.clone(),
            line: 0,
        }),
        Op::AddPhone(p) => notify(card).phones.push(crate::model::Located {
            value: p.clone(),
            line: 0,
        }),
        Op::RemoveEmail(i) => {
            let n = notify(card);
            if *i < n.emails.len() {
                n.emails.remove(*i);
            }
        }
        Op::RemovePhone(i) => {
            let n = notify(card);
            if *i < n.phones.len() {
                n.phones.remove(*i);
            }
        }
    }
    // A notify block that notifies nobody is removed, as the text edit does.
    if card.notify.as_ref().is_some_and(|n| !n.notifies_anyone()) {
        card.notify = None;
    }
}

fn notify(card: &mut crate::model::Card) -> &mut Notify {
    card.notify.get_or_insert_with(Notify::default)
}

/// The bot with every line number cleared, for comparing what two texts mean.
pub fn normalize(mut bot: Bot) -> Bot {
    let messaging = bot.messaging.iter_mut().flat_map(|m| m.values_mut());
    for card in bot.cards.values_mut().chain(messaging) {
        card.line = 0;
        for a in &mut card.actions {
            a.line = 0;
        }
        if let Some(n) = &mut card.notify {
            n.line = 0;
            for e in n.emails.iter_mut().chain(n.phones.iter_mut()) {
                e.line = 0;
            }
        }
    }
    bot
}
