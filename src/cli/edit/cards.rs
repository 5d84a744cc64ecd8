//! The card picker (the call cards, then the Messaging section), a card's menu, and saving.

use super::prompt::Menu;
use super::{Interrupted, Session, write};
use samictl::model::Action;
use samictl::outcome::Outcome;
use samictl::product::{Channel, MidCallOption, PRESET_MAX_OBJECTIONS};
use samictl::render::text::escape;
use samictl::render::unified::unified;

/// An entry of the card picker.
#[derive(Clone, Copy)]
enum Pick {
    Card(Outcome),
    Messaging,
    Save,
    Quit,
}

/// An entry of a card's menu.
#[derive(Clone, Copy)]
enum Entry {
    Criteria,
    Option(MidCallOption),
    Actions,
    Notify,
    Back,
}

impl Session {
    /// "N actions · 🔒 M locked": the card's own actions and the locks that run, counted the
    /// same way in the card picker and in the card's menu.
    fn action_count(&self, outcome: Outcome) -> String {
        let sim = self.sim(outcome);
        let locked = sim.fires().filter(|f| f.is_locked()).count();
        let actions = self.bot.card_on(self.channel, outcome).map_or(0, |c| {
            c.actions
                .iter()
                .filter(|a| !matches!(a.value, Action::Locked(_)))
                .count()
        });
        let mut text = format!("{actions} action{}", if actions == 1 { "" } else { "s" });
        if locked > 0 {
            text.push_str(&format!(" · 🔒 {locked} locked"));
        }
        text
    }

    /// Who a card notifies, for the card menu: `assigned user, 2 emails, 1 phone`, or `none`.
    fn notify_summary(&self, outcome: Outcome) -> String {
        let card = self.bot.card_on(self.channel, outcome);
        let Some(n) = card.and_then(|c| c.notify.as_ref()) else {
            return "none".to_owned();
        };
        let mut parts = Vec::new();
        if n.owner {
            parts.push("assigned user".to_owned());
        }
        for (count, one) in [(n.emails.len(), "email"), (n.phones.len(), "phone")] {
            if count > 0 {
                parts.push(format!(
                    "{count} {one}{}",
                    if count == 1 { "" } else { "s" }
                ));
            }
        }
        if parts.is_empty() {
            "none".to_owned()
        } else {
            parts.join(", ")
        }
    }

    fn card_summary(&self, outcome: Outcome) -> String {
        let card = self.bot.card_on(self.channel, outcome);
        let mut parts = vec![self.action_count(outcome)];
        match self.rules(outcome).notify.reason() {
            Some(_) => parts.push("no notifications".to_owned()),
            None => {
                let n = card.and_then(|c| c.notify.as_ref());
                let count = n.map_or(0, |n| {
                    usize::from(n.owner) + n.emails.len() + n.phones.len()
                });
                parts.push(format!("{count} notified"));
            }
        }
        if card.and_then(|c| c.analysis_criteria.as_ref()).is_some() {
            parts.push("custom criteria".to_owned());
        }
        if card.is_none() {
            parts.push("no card yet".to_owned());
        }
        // Names padded to the section's longest, so the summaries line up.
        let name = |o: Outcome| match self.channel {
            Channel::Sms => format!("SMS · {}", self.rules(o).title),
            Channel::Call => o.display_name().to_owned(),
        };
        let pad = self
            .channel
            .outcomes()
            .into_iter()
            .map(|o| name(o).chars().count())
            .max()
            .unwrap_or(0)
            .max(20);
        format!("{:<pad$} {}", name(outcome), parts.join(" · "))
    }

    /// The summary of a card in the given section.
    fn summary_on(&mut self, channel: Channel, outcome: Outcome) -> String {
        self.channel = channel;
        let text = self.card_summary(outcome);
        self.channel = Channel::Call;
        text
    }

    pub(super) fn main(&mut self) -> Result<(), Interrupted> {
        say!(
            "Editing {} ({} · {}). Esc goes back.",
            escape(&self.path.display().to_string()),
            escape(&self.bot.name),
            self.bot.direction
        );
        let mut at = 0;
        // The call cards, then the Messaging section (docs/spec 17), as the web editor's
        // two sections.
        loop {
            let mut menu: Menu<Pick> = Outcome::ALL
                .iter()
                .map(|o| (self.summary_on(Channel::Call, *o), Pick::Card(*o)))
                .collect();
            let sms_cards = self.bot.messaging.as_ref().map_or(0, |m| m.len());
            menu.push((
                format!(
                    "Messaging (SMS outcomes): {sms_cards} of {} cards…",
                    Channel::Sms.outcomes().len()
                ),
                Pick::Messaging,
            ));
            let changed = self.text != self.original;
            let save = if changed {
                "Save…"
            } else {
                "Save (nothing changed yet)"
            };
            menu.push((save.to_owned(), Pick::Save));
            menu.push(("Quit without saving".to_owned(), Pick::Quit));
            match self.choose("Which card?", &menu, &mut at)? {
                Some(Pick::Card(outcome)) => self.card(outcome)?,
                Some(Pick::Messaging) => self.messaging()?,
                Some(Pick::Save) => {
                    if self.save()? {
                        return Ok(());
                    }
                }
                Some(Pick::Quit) | None => {
                    if !changed || self.confirm("Discard your changes?", false)? {
                        say!("Nothing written.");
                        return Ok(());
                    }
                }
            }
        }
    }

    /// The Messaging section: pick one of the five SMS cards.
    fn messaging(&mut self) -> Result<(), Interrupted> {
        let mut at = 0;
        loop {
            let mut menu: Menu<Option<Outcome>> = Channel::Sms
                .outcomes()
                .into_iter()
                .map(|o| (self.summary_on(Channel::Sms, o), Some(o)))
                .collect();
            menu.push(("Back".to_owned(), None));
            let prompt = "Which messaging card? (SAMI's system steps always run; a card adds tags, tasks and an owner alert)";
            match self.choose(prompt, &menu, &mut at)? {
                Some(Some(outcome)) => {
                    self.channel = Channel::Sms;
                    let done = self.card(outcome);
                    self.channel = Channel::Call;
                    done?;
                }
                _ => return Ok(()),
            }
        }
    }

    /// Shows the diff and writes after confirmation; true when done.
    fn save(&mut self) -> Result<bool, Interrupted> {
        if self.text == self.original {
            say!("Nothing changed: nothing to write.");
            return Ok(true);
        }
        let path = self.path.display().to_string();
        say_part!(
            "{}",
            unified(&self.original, &self.text, &path, &self.palette)
        );
        if !self.confirm(&format!("Write these changes to {}?", escape(&path)), true)? {
            return Ok(false);
        }
        match write::replace(&self.path, &self.snapshot, &self.text) {
            Ok(()) => {
                self.say_ok(&format!("saved {}", escape(&path)));
                Ok(true)
            }
            Err(e @ write::WriteError::Changed) => {
                Err(Interrupted(Some(e.into_failure(&self.path))))
            }
            Err(e) => {
                self.say_no(&format!("could not write {path}: {e}"));
                Ok(false)
            }
        }
    }

    fn card(&mut self, outcome: Outcome) -> Result<(), Interrupted> {
        let rules = self.rules(outcome);
        let mut at = 0;
        loop {
            let card = self.card_of(outcome);
            let mut menu: Menu<Entry> = Vec::new();
            if rules.takes_criteria {
                let state = if card.analysis_criteria.is_some() {
                    "custom"
                } else {
                    "SAMI's default"
                };
                menu.push((format!("Analysis criteria: {state}"), Entry::Criteria));
            }
            for option in rules.mid_call {
                let value = match option {
                    MidCallOption::WrapUp => card
                        .mid_call
                        .wrap_up
                        .as_deref()
                        .map_or("SAMI's default".to_owned(), |w| {
                            format!("\"{}\"", escape(w))
                        }),
                    MidCallOption::MaxObjections => card
                        .mid_call
                        .max_objections
                        .map_or(format!("{PRESET_MAX_OBJECTIONS} (SAMI's preset)"), |n| {
                            n.to_string()
                        }),
                    MidCallOption::ConfirmTime => {
                        card.mid_call
                            .confirm_time
                            .map_or("not set".to_owned(), |b| {
                                if b { "yes".to_owned() } else { "no".to_owned() }
                            })
                    }
                };
                menu.push((
                    format!("Mid-call {}: {value}", option.key()),
                    Entry::Option(*option),
                ));
            }
            menu.push((
                format!("Actions: {}", self.action_count(outcome)),
                Entry::Actions,
            ));
            let notifications = match rules.notify.reason() {
                None => format!("Notifications: {}", self.notify_summary(outcome)),
                Some(reason) => format!("Notifications: {reason}"),
            };
            menu.push((notifications, Entry::Notify));
            menu.push(("Back".to_owned(), Entry::Back));
            let title = match self.channel {
                Channel::Call => format!(
                    "{} ({}): {}",
                    outcome.display_name(),
                    outcome,
                    outcome.meaning()
                ),
                Channel::Sms => format!(
                    "Messaging · {}: SAMI's system steps run first, then these",
                    rules.heading()
                ),
            };
            match self.choose(&title, &menu, &mut at)? {
                Some(Entry::Criteria) => self.criteria(outcome)?,
                Some(Entry::Option(o)) => self.mid_call(outcome, o)?,
                Some(Entry::Actions) => self.actions(outcome)?,
                Some(Entry::Notify) => match rules.notify.reason() {
                    None => self.notify(outcome)?,
                    Some(reason) => self.say_no(&format!(
                        "{} has no notifications: {reason}",
                        self.on(outcome)
                    )),
                },
                Some(Entry::Back) | None => return Ok(()),
            }
        }
    }
}
