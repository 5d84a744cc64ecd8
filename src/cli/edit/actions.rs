//! A card's action list, in the order the actions run, and an action's fields.

use super::prompt::Menu;
use super::{Interrupted, Session, Step};
use samictl::edit::{Op, typed};
use samictl::model::{Action, Assignee, DueIn};
use samictl::outcome::Outcome;
use samictl::product::{Channel, TextField, UserAction};
use samictl::simulate::Fired;

/// An entry of the action list.
#[derive(Clone, Copy)]
enum ActionItem {
    /// A locked action or a system step: its type and why it runs.
    Locked(&'static str, &'static str),
    /// The k-th of the card's own actions.
    Own {
        k: usize,
    },
    Add,
    Back,
}

/// What to do with one of the card's own actions.
#[derive(Clone, Copy)]
enum ActionChoice {
    Change,
    MoveUp,
    MoveDown,
    Remove,
    Back,
}

impl Session {
    /// Every action that runs, in the order it runs, as the web editor lists them: the locks
    /// SAMI runs (marked locked, whether the file writes them or not), then the card's own
    /// actions. A lock can't be changed or removed; choosing it says why.
    pub(super) fn actions(&mut self, outcome: Outcome) -> Result<(), Interrupted> {
        let mut at = 0;
        loop {
            let actions = self.card_of(outcome).actions;
            // Locked actions (a call card) or system steps (a messaging card), run first.
            let locks: Vec<(&str, &str)> = self
                .sim(outcome)
                .fires()
                .filter_map(|f| Some((f.type_name(), f.lock_reason()?)))
                .collect();
            // The card's own actions, by their index in the file's `actions` list.
            let own: Vec<usize> = actions
                .iter()
                .enumerate()
                .filter(|(_, a)| !matches!(a.value, Action::Locked(_)))
                .map(|(i, _)| i)
                .collect();
            let mut menu: Menu<ActionItem> = Vec::new();
            for (name, reason) in &locks {
                menu.push((
                    format!("{}. 🔒 {name} (locked: {reason})", menu.len() + 1),
                    ActionItem::Locked(name, reason),
                ));
            }
            for (k, &i) in own.iter().enumerate() {
                menu.push((
                    format!("{}. {}", menu.len() + 1, describe(&actions[i].value)),
                    ActionItem::Own { k },
                ));
            }
            menu.push(("Add an action".to_owned(), ActionItem::Add));
            menu.push(("Back".to_owned(), ActionItem::Back));
            let prompt = format!("Actions on {}, in the order they run", self.on(outcome));
            let k = match self.choose(&prompt, &menu, &mut at)? {
                Some(ActionItem::Locked(name, reason)) => {
                    self.say_no(&format!(
                        "{name} is locked: SAMI runs it and it can't be changed or removed ({reason})"
                    ));
                    continue;
                }
                Some(ActionItem::Own { k }) => k,
                Some(ActionItem::Add) => {
                    self.add_action(outcome)?;
                    continue;
                }
                Some(ActionItem::Back) | None => return Ok(()),
            };
            let i = own[k];
            let action = actions[i].value.clone();
            // Moves go past the card's own actions only: the locks run first anyway.
            let up = k.checked_sub(1).map(|j| own[j]);
            let down = own.get(k + 1).copied();
            let menu: Menu<ActionChoice> = vec![
                ("Change".to_owned(), ActionChoice::Change),
                ("Move up".to_owned(), ActionChoice::MoveUp),
                ("Move down".to_owned(), ActionChoice::MoveDown),
                ("Remove".to_owned(), ActionChoice::Remove),
                ("Back".to_owned(), ActionChoice::Back),
            ];
            match self.choose_once(&describe(&action), &menu)? {
                Some(ActionChoice::Change) => {
                    if let Some(new) = self.action_fields(outcome, &action)? {
                        self.change(outcome, Op::ReplaceAction(i, new), "action changed");
                    }
                }
                Some(ActionChoice::MoveUp) => self.move_action(outcome, i, up, "action moved up"),
                Some(ActionChoice::MoveDown) => {
                    self.move_action(outcome, i, down, "action moved down")
                }
                Some(ActionChoice::Remove) => {
                    if self.confirm(&format!("Remove {}?", describe(&action)), false)? {
                        self.change(outcome, Op::RemoveAction(i), "action removed");
                    }
                }
                Some(ActionChoice::Back) | None => {}
            }
        }
    }

    /// Moves action `from` to `to`, the place of its neighbour among the card's own actions
    /// (`None` at either end).
    fn move_action(&mut self, outcome: Outcome, from: usize, to: Option<usize>, what: &str) {
        match to {
            Some(to) => self.change(outcome, Op::MoveAction { from, to }, what),
            None => self.say_no(
                "it is already at that end of the card's own actions (the locked ones run first)",
            ),
        }
    }

    fn add_action(&mut self, outcome: Outcome) -> Result<(), Interrupted> {
        let rules = self.rules(outcome);
        // Where SAMI creates the agent's follow-up task itself, a task added here is a second.
        let agent_task = rules
            .system_steps
            .contains(&samictl::product::SystemStep::CreateFollowUpTask);
        let menu: Menu<UserAction> = rules
            .user_actions
            .iter()
            .map(|k| {
                let also = if agent_task && *k == UserAction::Task {
                    " (SAMI already creates a follow-up task for the assigned agent: this is another)"
                } else {
                    ""
                };
                (format!("{}: {}{also}", k.as_str(), k.describe()), *k)
            })
            .collect();
        let prompt = format!("Add which action? ({} allows these)", self.on(outcome));
        let Some(kind) = self.choose_once(&prompt, &menu)? else {
            return Ok(());
        };
        let blank = match kind {
            UserAction::Note => Action::Note {
                text: String::new(),
            },
            UserAction::Task => Action::Task {
                title: String::new(),
                due_in: None,
                assignee: Assignee::Owner,
            },
            UserAction::Tag => Action::Tag {
                name: String::new(),
            },
        };
        if let Some(action) = self.action_fields(outcome, &blank)? {
            let what = format!("{} added", action.type_name());
            self.change(outcome, Op::AddAction(action), &what);
        }
        Ok(())
    }

    /// Asks for an action's fields, starting from `current`.
    fn action_fields(&self, outcome: Outcome, current: &Action) -> Step<Action> {
        let policy = self.settings.policy.clone();
        let rules = self.rules(outcome);
        Ok(Some(match current {
            Action::Note { text } => Action::Note {
                text: self.input("Note text", text, move |s| {
                    typed::text(rules, TextField::NoteText, s)
                })?,
            },
            Action::Tag { name } => Action::Tag {
                name: self.input("Tag", name, typed::tag)?,
            },
            Action::Task {
                title,
                due_in,
                assignee,
            } => {
                // A task being added has no title yet, and no assignee to keep.
                let new = title.is_empty();
                let title = self.input("Task title", title, move |s| {
                    typed::text(rules, TextField::TaskTitle, s)
                })?;
                let hint = if rules.requested_time {
                    "15m, 4h, 2d or requested-time"
                } else {
                    "15m, 4h, 2d"
                };
                let due_text = due_in.map(|d| d.to_string()).unwrap_or_default();
                let due = self.input_optional(
                    &format!("Due in ({hint})"),
                    &due_text,
                    "no due time",
                    move |s| typed::due_in(rules, s).map(|_| ()),
                )?;
                let due_in: Option<DueIn> = typed::due_in(rules, &due).ok().flatten();
                if self.channel == Channel::Sms {
                    // A messaging task goes to the contact's owner: nothing to ask.
                    return Ok(Some(Action::Task {
                        title,
                        due_in,
                        assignee: Assignee::Owner,
                    }));
                }
                let check = move |s: &str| {
                    if s.trim() == "owner" {
                        Ok(())
                    } else {
                        typed::email(&policy, s.trim())
                    }
                };
                let who = if new {
                    self.input_or("Assignee (owner, or an email address)", "owner", check)?
                } else {
                    self.input(
                        "Assignee (owner, or an email address)",
                        &assignee.to_string(),
                        check,
                    )?
                };
                let assignee = if who.trim() == "owner" {
                    Assignee::Owner
                } else {
                    Assignee::Email(who.trim().to_owned())
                };
                Action::Task {
                    title,
                    due_in,
                    assignee,
                }
            }
            Action::Locked(_) => return Ok(None),
        }))
    }
}

/// An action as one line of the list.
fn describe(action: &Action) -> String {
    match action {
        Action::Locked(l) => format!("🔒 {} (locked: {})", l.as_str(), l.reason()),
        user => samictl::render::text::user_action(&Fired::from_action(user), Some(48))
            .unwrap_or_default(),
    }
}
