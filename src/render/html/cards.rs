//! A bot's outcome cards as the web editor shows them: one `<details>` per card, collapsed,
//! in canonical order; the call cards, then the Messaging section's cards.

use super::push_esc;
use crate::model::Action;
use crate::model::{Bot, Card};
use crate::outcome::Outcome;
use crate::product::{Channel, NotifyAccess, UserAction, rules_for, rules_on};
use crate::render::text::{quoted, user_action};
use crate::simulate::{Fired, Simulation, simulate, simulate_sms};
use std::fmt::Write;

/// The badge a locked step carries (text, not an emoji: it prints and reads aloud).
const LOCK: &str = "<span class=\"lk\">locked</span>";

/// One fired step as a list item's content (escaped); a locked step marked, with its reason,
/// when `reasons` (the report marks locked items by their class, `l`, and gives the reasons
/// once, in its legend, to stay small at 1,000 bots).
pub(super) fn step(out: &mut String, fired: &Fired, reasons: bool) {
    match fired {
        Fired::Action(Action::Locked(l)) => {
            if reasons {
                out.push_str(LOCK);
            }
            out.push_str(l.as_str());
            if reasons {
                let _ = write!(out, " <span class=\"muted\">({})</span>", l.reason());
            }
        }
        Fired::System(s) => {
            if reasons {
                out.push_str(LOCK);
            }
            out.push_str(s.as_str());
            if reasons {
                let _ = write!(
                    out,
                    " <span class=\"muted\">(system step: {})</span>",
                    s.reason()
                );
            }
        }
        Fired::NotifyOwner => out.push_str("notify the assigned user"),
        Fired::NotifyEmail { to } => {
            out.push_str("email ");
            push_esc(out, to);
        }
        Fired::NotifyPhone { to } => {
            out.push_str("text ");
            push_esc(out, to);
        }
        user => push_esc(out, &user_action(user, None).unwrap_or_default()),
    }
}

/// The numbered list of what fires, locked steps marked, with card lines.
fn fires(out: &mut String, sim: &Simulation) {
    if sim.steps.is_empty() {
        out.push_str("<span class=\"muted\">nothing</span>");
    } else {
        out.push_str("<ol>");
        // End tags of items, terms and definitions are left out, as HTML allows: a thousand
        // bots' worth of them is a good part of the page.
        for s in &sim.steps {
            out.push_str(if s.fired.is_locked() {
                "<li class=\"l\">"
            } else {
                "<li>"
            });
            step(out, &s.fired, false);
        }
        out.push_str("</ol>");
    }
    if let Some(c) = sim.callback {
        let _ = write!(
            out,
            "<p>{} <span class=\"muted\">(SAMI's own step)</span></p>",
            c.describe()
        );
    }
}

/// The summary line's brief: how many locked steps, actions and notifications.
fn brief(out: &mut String, sim: &Simulation, line: Option<u32>, no_card: &str) {
    let has_card = line.is_some();
    let locked = sim.steps.iter().filter(|s| s.fired.is_locked()).count();
    let notes = sim
        .steps
        .iter()
        .filter(|s| {
            matches!(
                s.fired,
                Fired::NotifyOwner | Fired::NotifyEmail { .. } | Fired::NotifyPhone { .. }
            )
        })
        .count();
    let actions = sim.steps.len() - locked - notes;
    out.push_str(" <small>");
    let mut parts = Vec::new();
    if let Some(line) = line {
        parts.push(format!("line {line}"));
    }
    if locked > 0 {
        parts.push(format!("{locked} locked"));
    }
    if !has_card {
        parts.push(no_card.to_owned());
    } else {
        parts.push(super::plural(actions, "action", "actions"));
        if notes > 0 {
            parts.push(super::plural(notes, "notification", "notifications"));
        }
    }
    out.push_str(&parts.join(" · "));
    out.push_str("</small>");
}

/// The controls the web editor hides on this card, with the reason.
fn hidden(out: &mut String, outcome: Outcome, channel: Channel) {
    let Some(rules) = rules_on(channel, outcome) else {
        return;
    };
    let mut items: Vec<String> = Vec::new();
    if channel == Channel::Call && !rules.takes_criteria {
        items.push("criteria: detected from the transfer call events".to_owned());
    }
    let missing: Vec<&str> = UserAction::ALL
        .iter()
        .filter(|a| !rules.user_actions.contains(a))
        .map(|a| a.as_str())
        .collect();
    let because = rules.notify.because();
    if !missing.is_empty() {
        let why = match (channel, because) {
            (Channel::Sms, _) => "SAMI writes the conversation's note itself",
            (_, Some(b)) => b,
            _ => "not offered on this card",
        };
        items.push(format!(
            "{} action{}: {why}",
            missing.join(", "),
            if missing.len() == 1 { "" } else { "s" }
        ));
    }
    match rules.notify {
        NotifyAccess::Hidden | NotifyAccess::NotOffered => {
            if let Some(r) = rules.notify.reason() {
                items.push(format!("notifications {r}"));
            }
        }
        NotifyAccess::OwnerOnly => {
            items.push("email and text recipients: messaging cards alert the owner only".to_owned())
        }
        NotifyAccess::Allowed => {}
    }
    if items.is_empty() {
        return;
    }
    out.push_str("<dt>Hidden<dd class=\"hid\">");
    out.push_str(&items.join("; "));
    out.push_str("");
}

fn notifications(out: &mut String, card: Option<&Card>, access: NotifyAccess) {
    // Hidden notification controls are under "Hidden", with the reason.
    if access.reason().is_some() {
        return;
    }
    // Who is notified is in the fired list above; the row says only when nobody is.
    let anyone = card
        .and_then(|c| c.notify.as_ref())
        .is_some_and(|n| n.notifies_anyone());
    if !anyone {
        out.push_str("<dt>Notify<dd>nobody");
    }
}

/// The call cards, in canonical order. `id` prefixes the cards' ids (unique per bot).
pub(crate) fn call_cards(out: &mut String, bot: &Bot, id: &str) {
    for outcome in Outcome::ALL {
        let card = bot.cards.get(&outcome);
        let rules = rules_for(outcome);
        let sim = simulate(bot, outcome, None);
        let _ = write!(
            out,
            "<details class=\"card\" id=\"{id}-{}\"><summary><b>{}</b> <code>{}</code>",
            outcome.as_str(),
            outcome.display_name(),
            outcome.as_str()
        );
        brief(
            out,
            &sim,
            card.map(|c| c.line),
            "no card: locked actions only",
        );
        out.push_str("</summary><dl>");
        if rules.takes_criteria {
            out.push_str("<dt>Criteria<dd>");
            match &sim.analysis_criteria {
                Some(c) => push_esc(out, &quoted(c, None)),
                None => out.push_str("SAMI's default wording"),
            }
            out.push_str("");
        }
        out.push_str("<dt>Mid-call<dd>");
        let mut mid = Vec::new();
        for option in rules.mid_call {
            let value = super::esc(&crate::render::show::mid_call_value(option, &sim.mid_call));
            mid.push(format!("{}: {value}", option.key()));
        }
        out.push_str(&mid.join("<br>"));
        out.push_str("<dt>Fires<dd>");
        fires(out, &sim);
        out.push_str("");
        notifications(out, card, rules.notify);
        hidden(out, outcome, Channel::Call);
        out.push_str("</dl></details>\n");
    }
}

/// The Messaging section's cards (docs/spec 17), in its order; nothing when the bot has no
/// `messaging` section.
pub(crate) fn messaging_cards(out: &mut String, bot: &Bot, id: &str) {
    if bot.messaging.is_none() {
        return;
    }
    for outcome in Channel::Sms.outcomes() {
        let Some(sim) = simulate_sms(bot, outcome, None) else {
            continue;
        };
        let title = rules_on(Channel::Sms, outcome).map_or("", |r| r.title);
        let _ = write!(
            out,
            "<details class=\"card\" id=\"{id}-sms-{}\"><summary><b>SMS · {title}</b> <code>{}</code>",
            outcome.as_str(),
            outcome.as_str()
        );
        brief(out, &sim, sim.card_line, "no card: system steps only");
        out.push_str("</summary><dl><dt>Fires<dd>");
        fires(out, &sim);
        let owner = sim
            .steps
            .iter()
            .any(|s| matches!(s.fired, Fired::NotifyOwner));
        let _ = write!(
            out,
            "<dt>Owner<dd>{}",
            if owner { "the assigned user" } else { "nobody" }
        );
        hidden(out, outcome, Channel::Sms);
        out.push_str("</dl></details>\n");
    }
}
