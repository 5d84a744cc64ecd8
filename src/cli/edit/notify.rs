//! Who hears about the call: the assigned user, extra emails and phones (a messaging card: the
//! owner alert only).

use super::prompt::Menu;
use super::{Interrupted, Session};
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
                    let taken: Vec<String> =
                        n.emails.iter().map(|e| e.value.to_lowercase()).collect();
                    let email = self.input_new("Email", "", move |s| {
                        typed::email(&policy, s.trim())?;
                        if taken.contains(&s.trim().to_lowercase()) {
                            Err("already notified".to_owned())
                        } else {
                            Ok(())
                        }
                    })?;
                    self.change(
                        outcome,
                        Op::AddEmail(email.trim().to_owned()),
                        "email added",
                    );
                }
                Some(NotifyChoice::AddPhone) => {
                    let taken: Vec<String> = n.phones.iter().map(|p| p.value.clone()).collect();
                    let phone =
                        self.input_new("Phone (E.164, like +15125550142)", "+", move |s| {
                            typed::phone(&policy, s.trim())?;
                            if taken.iter().any(|t| t == s.trim()) {
                                Err("already notified".to_owned())
                            } else {
                                Ok(())
                            }
                        })?;
                    self.change(
                        outcome,
                        Op::AddPhone(phone.trim().to_owned()),
                        "phone added",
                    );
                }
                Some(NotifyChoice::Back) | None => return Ok(()),
            }
        }
    }
}
