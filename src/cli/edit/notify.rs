//! Who hears about the call: the assigned user, extra emails and phones (a messaging card: the
//! owner alert only).

use super::prompt::Menu;
use super::{Interrupted, Session};
use samictl::config::Policy;
use samictl::edit::{Op, typed};
use samictl::outcome::Outcome;
use samictl::product::NotifyAccess;
use samictl::render::text::escape;

/// An entry of the notifications menu.
#[derive(Clone, Copy, PartialEq, Eq)]
enum NotifyChoice {
    ToggleOwner,
    RemoveEmail(usize),
    RemovePhone(usize),
    AddEmail,
    AddPhone,
    Back,
}

impl Session {
    pub(super) fn notify(&mut self, outcome: Outcome) -> Result<(), Interrupted> {
        let mut at = 0;
        // The entry chosen last: after an add or the owner toggle the cursor stays on it, not
        // on whatever row the grown list put at its old index (a remove row: one stray Enter
        // would drop a recipient).
        let mut last: Option<NotifyChoice> = None;
        let owner_only = self.rules(outcome).notify == NotifyAccess::OwnerOnly;
        loop {
            let n = self.card_of(outcome).notify.unwrap_or_default();
            let owner = if n.owner { "yes" } else { "no" };
            let mut menu: Menu<NotifyChoice> = vec![(
                format!("Notify the assigned user: {owner}"),
                NotifyChoice::ToggleOwner,
            )];
            for (j, e) in n.emails.iter().enumerate() {
                menu.push((
                    format!("Remove email {}", escape(&e.value)),
                    NotifyChoice::RemoveEmail(j),
                ));
            }
            for (j, p) in n.phones.iter().enumerate() {
                menu.push((
                    format!("Remove phone {}", escape(&p.value)),
                    NotifyChoice::RemovePhone(j),
                ));
            }
            if !owner_only {
                menu.push(("Add an email".to_owned(), NotifyChoice::AddEmail));
                menu.push((
                    "Add a phone (text message)".to_owned(),
                    NotifyChoice::AddPhone,
                ));
            }
            menu.push(("Back".to_owned(), NotifyChoice::Back));
            if let Some(
                kept
                @ (NotifyChoice::AddEmail | NotifyChoice::AddPhone | NotifyChoice::ToggleOwner),
            ) = last
                && let Some(i) = menu.iter().position(|(_, c)| *c == kept)
            {
                at = i;
            }
            let prompt = if owner_only {
                format!(
                    "Owner alert on {} (a messaging card alerts the owner only)",
                    self.on(outcome)
                )
            } else {
                format!("Who hears about {outcome} calls")
            };
            let policy = self.settings.policy.clone();
            let choice = self.choose(&prompt, &menu, &mut at)?;
            last = choice;
            match choice {
                Some(NotifyChoice::ToggleOwner) => self.change(
                    outcome,
                    Op::SetNotifyOwner(!n.owner),
                    if n.owner {
                        "assigned user no longer notified"
                    } else {
                        "assigned user notified"
                    },
                ),
                Some(NotifyChoice::RemoveEmail(j)) => {
                    self.change(outcome, Op::RemoveEmail(j), "email removed")
                }
                Some(NotifyChoice::RemovePhone(j)) => {
                    self.change(outcome, Op::RemovePhone(j), "phone removed")
                }
                Some(NotifyChoice::AddEmail) => {
                    let taken = n.emails.iter().map(|e| e.value.as_str());
                    self.add_recipient(outcome, policy, taken, EMAIL)?;
                }
                Some(NotifyChoice::AddPhone) => {
                    let taken = n.phones.iter().map(|p| p.value.as_str());
                    self.add_recipient(outcome, policy, taken, PHONE)?;
                }
                Some(NotifyChoice::Back) | None => return Ok(()),
            }
        }
    }

    /// Asks for a new recipient of the kind `r` (not one of `taken`) and adds it.
    fn add_recipient<'a>(
        &mut self,
        outcome: Outcome,
        policy: Policy,
        taken: impl Iterator<Item = &'a str>,
        r: Recipient,
    ) -> Result<(), Interrupted> {
        let taken: Vec<String> = taken.map(r.same).collect();
        let value = self.input_new(r.prompt, r.initial, move |s| {
            (r.check)(&policy, s.trim())?;
            if taken.contains(&(r.same)(s.trim())) {
                Err("already notified".to_owned())
            } else {
                Ok(())
            }
        })?;
        self.change(outcome, (r.op)(value.trim().to_owned()), r.done);
        Ok(())
    }
}

/// A kind of recipient to add: its prompt and the text the input starts with, its check, the
/// form in which two are the same one, the edit, and what the status line says.
#[derive(Clone, Copy)]
struct Recipient {
    prompt: &'static str,
    initial: &'static str,
    check: fn(&Policy, &str) -> Result<(), String>,
    same: fn(&str) -> String,
    op: fn(String) -> Op,
    done: &'static str,
}

/// An email address: the same one in any case.
const EMAIL: Recipient = Recipient {
    prompt: "Email",
    initial: "",
    check: typed::email,
    same: str::to_lowercase,
    op: Op::AddEmail,
    done: "email added",
};

/// A phone number (E.164).
const PHONE: Recipient = Recipient {
    prompt: "Phone (E.164, like +15125550142)",
    initial: "+",
    check: typed::phone,
    same: str::to_owned,
    op: Op::AddPhone,
    done: "phone added",
};
