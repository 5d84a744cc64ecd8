//! `samictl edit`: change a bot's cards through prompts, the way the web editor does.
//!
//! Every change goes through `samictl::edit::apply`, which refuses what the product doesn't
//! allow and anything that would not validate; the prompts only gather values (checked as
//! they are typed). Nothing is written until the user saves, after seeing the diff; the write
//! is atomic.

use super::context::{Context, EXIT_OK, Failure, exit};
use super::write;
use dialoguer::theme::ColorfulTheme;
use dialoguer::{Confirm, Input, Select};
use samictl::config::Settings;
use samictl::edit::{Edit, Op, apply, typed};
use samictl::model::{Action, Assignee, Bot, Card, DueIn};
use samictl::outcome::Outcome;
use samictl::product::{Channel, MidCallOption, OutcomeRules, TextField, UserAction, rules_on};
use samictl::render::human::Palette;
use samictl::render::text::escape;
use samictl::render::unified::unified;
use samictl::simulate::{Fired, simulate};
use samictl::validate::{CRITERIA_MAX, NOTE_MAX, TITLE_MAX, WRAP_UP_MAX};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

const EXAMPLES: &str = "\
Examples:
  samictl edit bots/seller.yaml
  samictl edit                      the `bot` of samictl.toml, or ./bot.yaml

Pick a card, change its analysis criteria, mid-call options, actions and notifications, then
save: samictl shows the change as a diff and asks before writing. Esc goes back. Only what the
card allows is offered. The action list shows every action in the order it runs, the locks SAMI
runs first (marked 🔒, written in the file or not); choosing a lock says why it can't be removed.
At a text prompt the current value is shown above it: type the new text to replace it, or press
Enter to keep it (`-` clears an optional value such as a due time). The file is written atomically, with
your comments, blank lines, key order and quoting kept. Needs a terminal.";

#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The bot file (default: `bot` in samictl.toml, then ./bot.yaml).
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
}

/// A prompt ended by Ctrl-C or a lost terminal (`None`), or a failure that ends the session
/// (the file changed on disk while the prompts were open).
struct Interrupted(Option<Failure>);

type Step<T> = Result<Option<T>, Interrupted>;

fn lift<T>(r: dialoguer::Result<T>) -> Result<T, Interrupted> {
    r.map_err(|_| Interrupted(None))
}

pub fn run(ctx: &Context, args: &Args) -> Result<ExitCode, Failure> {
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return Err(Failure::new("`samictl edit` is interactive and needs a terminal").with_hint(
            "in scripts, create files with `samictl init --name NAME --direction DIR` and check edits with `samictl validate`",
        ));
    }
    let path = match ctx.find_bot_file(args.file.as_deref())? {
        Some(p) if p.as_os_str() != "-" => p,
        Some(_) => {
            return Err(Failure::new(
                "`samictl edit` needs a file, not standard input",
            ));
        }
        None => return Err(ctx.no_bot_file()),
    };
    let loaded = ctx.load_bot(&path)?;
    restore_cursor_on_interrupt();
    let mut session = Session {
        theme: ColorfulTheme::default(),
        settings: ctx.config.settings(false),
        palette: Palette::new(std::io::stderr().is_terminal() && ctx.color),
        // A file that validated is UTF-8: its text is the bytes read.
        snapshot: write::Snapshot::of(loaded.source.as_bytes().to_vec()),
        original: loaded.source.clone(),
        text: loaded.source,
        bot: loaded.bot,
        path,
        channel: Channel::Call,
    };
    match session.main() {
        Ok(()) => Ok(exit(EXIT_OK)),
        Err(Interrupted(Some(failure))) => Err(failure),
        Err(Interrupted(None)) => Err(Failure::new("interrupted: nothing was written")),
    }
}

struct Session {
    theme: ColorfulTheme,
    settings: Settings,
    palette: Palette,
    /// What was read, to refuse writing over a change made meanwhile.
    snapshot: write::Snapshot,
    original: String,
    text: String,
    bot: Bot,
    path: PathBuf,
    /// The section of the card being edited: `outcomes` (call) or `messaging` (SMS).
    channel: Channel,
}

impl Session {
    /// The card of an outcome as it stands, or an empty one when the file has none.
    fn card_of(&self, outcome: Outcome) -> Card {
        self.bot
            .card_on(self.channel, outcome)
            .cloned()
            .unwrap_or_default()
    }

    /// The product table's row for the card being edited.
    fn rules(&self, outcome: Outcome) -> &'static OutcomeRules {
        rules_on(self.channel, outcome).unwrap_or_else(|| samictl::product::rules_for(outcome))
    }

    /// The fired list of the card being edited.
    fn sim(&self, outcome: Outcome) -> samictl::simulate::Simulation {
        samictl::simulate::simulate_on(&self.bot, self.channel, outcome, None)
            .unwrap_or_else(|| simulate(&self.bot, outcome, None))
    }

    /// "opt-out", or "SMS not-interested" on a messaging card.
    fn on(&self, outcome: Outcome) -> String {
        match self.channel {
            Channel::Call => outcome.tag().to_owned(),
            Channel::Sms => format!("SMS {outcome}"),
        }
    }

    fn say_ok(&self, what: &str) {
        say!("{} {what}", Palette::paint(self.palette.good, "✓"));
    }

    fn say_no(&self, why: &str) {
        say!(
            "{} {}",
            Palette::paint(self.palette.error, "✗"),
            escape(why)
        );
    }

    /// Applies an edit to the working text; refusals are explained and nothing changes.
    fn change(&mut self, outcome: Outcome, op: Op, what: &str) {
        let edit = Edit {
            outcome,
            op,
            channel: self.channel,
        };
        match apply(&self.text, &edit, &self.settings) {
            Ok(applied) => {
                self.text = applied.text;
                self.bot = applied.bot;
                self.say_ok(what);
            }
            Err(e) => self.say_no(&e.to_string()),
        }
    }

    fn select(&self, prompt: &str, items: &[String], default: usize) -> Step<usize> {
        lift(
            Select::with_theme(&self.theme)
                .with_prompt(prompt)
                .items(items)
                .default(default.min(items.len().saturating_sub(1)))
                .max_length(16)
                .interact_opt(),
        )
    }

    /// Asks for a text that replaces `current`: the current value is shown (escaped) above
    /// the prompt and kept when Enter is pressed on an empty line, so replacing it is just
    /// typing the new one.
    fn input(
        &self,
        prompt: &str,
        current: &str,
        check: impl Fn(&str) -> Result<(), String> + 'static,
    ) -> Result<String, Interrupted> {
        let mut input =
            Input::<String>::with_theme(&self.theme).validate_with(move |s: &String| check(s));
        if current.is_empty() {
            input = input.with_prompt(prompt);
        } else {
            self.show_current(current);
            input = input
                .with_prompt(format!(
                    "{prompt} (type the new text; Enter keeps the current one)"
                ))
                .default(current.to_owned())
                .show_default(false);
        }
        lift(input.interact_text())
    }

    /// Asks for a value that may be left unset: as [`Session::input`], and `-` clears it (or,
    /// with no current value, an empty line leaves it unset). `unset` says what unset means.
    fn input_optional(
        &self,
        prompt: &str,
        current: &str,
        unset: &str,
        check: impl Fn(&str) -> Result<(), String> + 'static,
    ) -> Result<String, Interrupted> {
        let check = move |s: &str| if s.trim() == "-" { Ok(()) } else { check(s) };
        let mut input = Input::<String>::with_theme(&self.theme)
            .allow_empty(true)
            .validate_with(move |s: &String| {
                if s.trim().is_empty() {
                    Ok(())
                } else {
                    check(s)
                }
            });
        if current.is_empty() {
            input = input.with_prompt(format!("{prompt} (Enter: {unset})"));
        } else {
            self.show_current(current);
            input = input
                .with_prompt(format!(
                    "{prompt} (type the new value; Enter keeps the current one; `-`: {unset})"
                ))
                .default(current.to_owned())
                .show_default(false);
        }
        let value = lift(input.interact_text())?;
        Ok(if value.trim() == "-" {
            String::new()
        } else {
            value
        })
    }

    /// The value a prompt replaces, shown escaped.
    fn show_current(&self, current: &str) {
        say!(
            "  {} {}",
            Palette::paint(self.palette.bold, "now:"),
            escape(current)
        );
    }

    /// A new value, the prompt starting from `initial` (a phone's `+`).
    fn input_new(
        &self,
        prompt: &str,
        initial: &str,
        check: impl Fn(&str) -> Result<(), String> + 'static,
    ) -> Result<String, Interrupted> {
        // The current value is shown escaped: a wrap-up holding an OSC sequence must not
        // retitle or clear the terminal. What the user then submits is what they saw.
        let initial = escape(initial);
        lift(
            Input::<String>::with_theme(&self.theme)
                .with_prompt(prompt)
                .with_initial_text(initial)
                .validate_with(move |s: &String| check(s))
                .interact_text(),
        )
    }

    fn confirm(&self, prompt: &str, default: bool) -> Result<bool, Interrupted> {
        lift(
            Confirm::with_theme(&self.theme)
                .with_prompt(prompt)
                .default(default)
                .interact(),
        )
    }

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
        if self.channel == Channel::Sms {
            let title = format!("SMS · {}", self.rules(outcome).title);
            return format!("{title:<20} {}", parts.join(" · "));
        }
        format!("{:<20} {}", outcome.display_name(), parts.join(" · "))
    }

    /// The summary of a card in the given section.
    fn summary_on(&mut self, channel: Channel, outcome: Outcome) -> String {
        self.channel = channel;
        let text = self.card_summary(outcome);
        self.channel = Channel::Call;
        text
    }

    fn main(&mut self) -> Result<(), Interrupted> {
        say!(
            "Editing {} ({} · {}). Esc goes back.",
            escape(&self.path.display().to_string()),
            escape(&self.bot.name),
            self.bot.direction
        );
        let mut at = 0;
        // The call cards, then the Messaging section (spec section 17), as the web editor's
        // two sections.
        let cards = Outcome::ALL;
        loop {
            let mut items: Vec<String> = cards
                .iter()
                .map(|o| self.summary_on(Channel::Call, *o))
                .collect();
            let sms_cards = self.bot.messaging.as_ref().map_or(0, |m| m.len());
            items.push(format!("Messaging (SMS outcomes): {sms_cards} of 5 cards…"));
            let changed = self.text != self.original;
            items.push(if changed {
                "Save…".to_owned()
            } else {
                "Save (nothing changed yet)".to_owned()
            });
            items.push("Quit without saving".to_owned());
            let choice = self.select("Which card?", &items, at)?;
            match choice {
                Some(i) if i < cards.len() => {
                    at = i;
                    self.card(cards[i])?;
                }
                Some(i) if i == cards.len() => {
                    at = i;
                    self.messaging()?;
                }
                Some(i) if i == cards.len() + 1 => {
                    if self.save()? {
                        return Ok(());
                    }
                }
                _ => {
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
        let outcomes = Channel::Sms.outcomes();
        loop {
            let mut items: Vec<String> = outcomes
                .iter()
                .map(|o| self.summary_on(Channel::Sms, *o))
                .collect();
            items.push("Back".to_owned());
            let prompt = "Which messaging card? (SAMI's system steps always run; a card adds tags, tasks and an owner alert)";
            match self.select(prompt, &items, at)? {
                Some(i) if i < outcomes.len() => {
                    at = i;
                    self.channel = Channel::Sms;
                    let done = self.card(outcomes[i]);
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
            let mut items = Vec::new();
            let mut kinds = Vec::new();
            if rules.takes_criteria {
                let state = if card.analysis_criteria.is_some() {
                    "custom"
                } else {
                    "SAMI's default"
                };
                items.push(format!("Analysis criteria: {state}"));
                kinds.push(Entry::Criteria);
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
                        .map_or("4 (SAMI's preset)".to_owned(), |n| n.to_string()),
                    MidCallOption::ConfirmTime => {
                        card.mid_call
                            .confirm_time
                            .map_or("not set".to_owned(), |b| {
                                if b { "yes".to_owned() } else { "no".to_owned() }
                            })
                    }
                };
                items.push(format!("Mid-call {}: {value}", option.key()));
                kinds.push(Entry::Option(*option));
            }
            items.push(format!("Actions: {}", self.action_count(outcome)));
            kinds.push(Entry::Actions);
            match rules.notify.reason() {
                None => items.push("Notifications".to_owned()),
                Some(reason) => items.push(format!("Notifications: {reason}")),
            }
            kinds.push(Entry::Notify);
            items.push("Back".to_owned());
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
            let Some(i) = self.select(&title, &items, at)? else {
                return Ok(());
            };
            at = i;
            match kinds.get(i) {
                Some(Entry::Criteria) => self.criteria(outcome)?,
                Some(Entry::Option(o)) => self.mid_call(outcome, *o)?,
                Some(Entry::Actions) => self.actions(outcome)?,
                Some(Entry::Notify) => match rules.notify.reason() {
                    None => self.notify(outcome)?,
                    Some(reason) => self.say_no(&format!(
                        "{} has no notifications: {reason}",
                        self.on(outcome)
                    )),
                },
                None => return Ok(()),
            }
        }
    }

    fn criteria(&mut self, outcome: Outcome) -> Result<(), Interrupted> {
        let current = self
            .bot
            .cards
            .get(&outcome)
            .and_then(|c| c.analysis_criteria.clone());
        let items = vec![
            "Write new criteria".to_owned(),
            "Reset to SAMI's default wording".to_owned(),
            "Back".to_owned(),
        ];
        match self.select("Analysis criteria", &items, 0)? {
            Some(0) => {
                let text = self.input(
                    "Criteria (plain English, no placeholders)",
                    current.as_deref().unwrap_or(""),
                    move |s| typed::text(outcome, TextField::AnalysisCriteria, CRITERIA_MAX, s),
                )?;
                self.change(
                    outcome,
                    Op::SetCriteria(Some(text)),
                    "analysis criteria set",
                );
            }
            Some(1) => self.change(
                outcome,
                Op::SetCriteria(None),
                "analysis criteria reset to SAMI's default",
            ),
            _ => {}
        }
        Ok(())
    }

    fn mid_call(&mut self, outcome: Outcome, option: MidCallOption) -> Result<(), Interrupted> {
        let card = self.card_of(outcome);
        match option {
            MidCallOption::WrapUp => {
                let items = vec![
                    "Change the wrap-up".to_owned(),
                    "Clear (SAMI's default)".to_owned(),
                    "Back".to_owned(),
                ];
                match self.select(
                    "wrap_up: what SAMI says as the outcome becomes clear",
                    &items,
                    0,
                )? {
                    Some(0) => {
                        let text = self.input(
                            "Wrap-up",
                            card.mid_call.wrap_up.as_deref().unwrap_or(""),
                            move |s| typed::text(outcome, TextField::WrapUp, WRAP_UP_MAX, s),
                        )?;
                        self.change(outcome, Op::SetWrapUp(Some(text)), "wrap-up set");
                    }
                    Some(1) => self.change(outcome, Op::SetWrapUp(None), "wrap-up cleared"),
                    _ => {}
                }
            }
            MidCallOption::MaxObjections => {
                let initial = card
                    .mid_call
                    .max_objections
                    .map(|n| n.to_string())
                    .unwrap_or_default();
                let text = self.input_optional(
                    "Objections to answer, 1 to 10",
                    &initial,
                    "SAMI's preset, 4",
                    |s| match s.trim().parse::<u8>() {
                        Ok(n) if (1..=10).contains(&n) => Ok(()),
                        _ => Err("a whole number from 1 to 10".to_owned()),
                    },
                )?;
                let value = text.trim().parse::<u8>().ok();
                self.change(outcome, Op::SetMaxObjections(value), "max objections set");
            }
            MidCallOption::ConfirmTime => {
                let items = vec![
                    "Yes: read the requested time back".to_owned(),
                    "No".to_owned(),
                    "Not set".to_owned(),
                ];
                if let Some(i) = self.select("confirm_time", &items, 0)? {
                    let value = [Some(true), Some(false), None][i.min(2)];
                    self.change(outcome, Op::SetConfirmTime(value), "confirm time set");
                }
            }
        }
        Ok(())
    }

    /// Every action that runs, in the order it runs, as the web editor lists them: the locks
    /// SAMI runs (marked locked, whether the file writes them or not), then the card's own
    /// actions. A lock can't be changed or removed; choosing it says why.
    fn actions(&mut self, outcome: Outcome) -> Result<(), Interrupted> {
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
            let mut items: Vec<(String, ActionItem)> = Vec::new();
            for (name, reason) in &locks {
                items.push((
                    format!("{}. 🔒 {name} (locked: {reason})", items.len() + 1),
                    ActionItem::Locked(name, reason),
                ));
            }
            for (k, &i) in own.iter().enumerate() {
                items.push((
                    format!("{}. {}", items.len() + 1, describe(&actions[i].value)),
                    ActionItem::Own { k },
                ));
            }
            items.push(("Add an action".to_owned(), ActionItem::Add));
            items.push(("Back".to_owned(), ActionItem::Back));
            let labels: Vec<String> = items.iter().map(|(l, _)| l.clone()).collect();
            let Some(choice) = self.select(
                &format!("Actions on {}, in the order they run", self.on(outcome)),
                &labels,
                at,
            )?
            else {
                return Ok(());
            };
            at = choice;
            let k = match items.get(choice).map(|(_, item)| *item) {
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
            let choices = vec![
                "Change".to_owned(),
                "Move up".to_owned(),
                "Move down".to_owned(),
                "Remove".to_owned(),
                "Back".to_owned(),
            ];
            match self.select(&describe(&action), &choices, 0)? {
                Some(0) => {
                    if let Some(new) = self.action_fields(outcome, &action)? {
                        self.change(outcome, Op::ReplaceAction(i, new), "action changed");
                    }
                }
                // Moves go past the card's own actions only: the locks run first anyway.
                Some(1) if k > 0 => self.change(
                    outcome,
                    Op::MoveAction {
                        from: i,
                        to: own[k - 1],
                    },
                    "action moved up",
                ),
                Some(2) if k + 1 < own.len() => self.change(
                    outcome,
                    Op::MoveAction {
                        from: i,
                        to: own[k + 1],
                    },
                    "action moved down",
                ),
                Some(1 | 2) => self.say_no(
                    "it is already at that end of the card's own actions (the locked ones run first)",
                ),
                Some(3) if self.confirm(&format!("Remove {}?", describe(&action)), false)? => {
                    self.change(outcome, Op::RemoveAction(i), "action removed");
                }
                _ => {}
            }
        }
    }

    fn add_action(&mut self, outcome: Outcome) -> Result<(), Interrupted> {
        let kinds = self.rules(outcome).user_actions;
        let items: Vec<String> = kinds
            .iter()
            .map(|k| format!("{}: {}", k.as_str(), k.describe()))
            .collect();
        let Some(i) = self.select(
            &format!("Add which action? ({} allows these)", self.on(outcome)),
            &items,
            0,
        )?
        else {
            return Ok(());
        };
        let blank = match kinds[i] {
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
        let channel = self.channel;
        Ok(Some(match current {
            Action::Note { text } => Action::Note {
                text: self.input("Note text", text, move |s| {
                    typed::text_on(channel, outcome, TextField::NoteText, NOTE_MAX, s)
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
                let title = self.input("Task title", title, move |s| {
                    typed::text_on(channel, outcome, TextField::TaskTitle, TITLE_MAX, s)
                })?;
                let hint = if self.rules(outcome).requested_time {
                    "15m, 4h, 2d or requested-time"
                } else {
                    "15m, 4h, 2d"
                };
                let due_text = due_in.map(|d| d.to_string()).unwrap_or_default();
                let due = self.input_optional(
                    &format!("Due in ({hint})"),
                    &due_text,
                    "no due time",
                    move |s| typed::due_in(outcome, s).map(|_| ()),
                )?;
                let due_in: Option<DueIn> = typed::due_in(outcome, &due).ok().flatten();
                if channel == Channel::Sms {
                    // A messaging task goes to the contact's owner: nothing to ask.
                    return Ok(Some(Action::Task {
                        title,
                        due_in,
                        assignee: Assignee::Owner,
                    }));
                }
                let who = self.input(
                    "Assignee (owner, or an email address)",
                    &assignee.to_string(),
                    move |s| {
                        if s.trim() == "owner" {
                            Ok(())
                        } else {
                            typed::email(&policy, s.trim())
                        }
                    },
                )?;
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

    fn notify(&mut self, outcome: Outcome) -> Result<(), Interrupted> {
        let mut at = 0;
        loop {
            let n = self.card_of(outcome).notify.unwrap_or_default();
            let mut items = vec![format!(
                "Notify the assigned user: {}",
                if n.owner { "yes" } else { "no" }
            )];
            items.extend(
                n.emails
                    .iter()
                    .map(|e| format!("Remove email {}", escape(&e.value))),
            );
            items.extend(
                n.phones
                    .iter()
                    .map(|p| format!("Remove phone {}", escape(&p.value))),
            );
            let owner_only = self.channel == Channel::Sms;
            if !owner_only {
                items.push("Add an email".to_owned());
                items.push("Add a phone (text message)".to_owned());
            }
            items.push("Back".to_owned());
            let prompt = if owner_only {
                format!(
                    "Owner alert on {} (a messaging card alerts the owner only)",
                    self.on(outcome)
                )
            } else {
                format!("Who hears about {outcome} calls")
            };
            let Some(i) = self.select(&prompt, &items, at)? else {
                return Ok(());
            };
            if owner_only && i > 0 {
                return Ok(());
            }
            at = i;
            let (emails, phones) = (n.emails.len(), n.phones.len());
            let policy = self.settings.policy.clone();
            if i == 0 {
                self.change(
                    outcome,
                    Op::SetNotifyOwner(!n.owner),
                    if n.owner {
                        "assigned user no longer notified"
                    } else {
                        "assigned user notified"
                    },
                );
            } else if i <= emails {
                self.change(outcome, Op::RemoveEmail(i - 1), "email removed");
            } else if i <= emails + phones {
                self.change(outcome, Op::RemovePhone(i - 1 - emails), "phone removed");
            } else if i == emails + phones + 1 {
                let taken: Vec<String> = n.emails.iter().map(|e| e.value.to_lowercase()).collect();
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
            } else if i == emails + phones + 2 {
                let taken: Vec<String> = n.phones.iter().map(|p| p.value.clone()).collect();
                let phone = self.input_new("Phone (E.164, like +15125550142)", "+", move |s| {
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
            } else {
                return Ok(());
            }
        }
    }
}

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

enum Entry {
    Criteria,
    Option(MidCallOption),
    Actions,
    Notify,
}

fn describe(action: &Action) -> String {
    match action {
        Action::Locked(l) => format!("🔒 {} (locked: {})", l.as_str(), l.reason()),
        user => samictl::render::text::user_action(&Fired::from_action(user), Some(48))
            .unwrap_or_default(),
    }
}

/// Ctrl-C at a menu: the terminal library raises SIGINT itself while the cursor is hidden.
/// The handler shows the cursor again and ends the process (exit 130, as a shell reports an
/// interrupt); nothing has been written, and a write in progress is a rename that either
/// happened or did not.
#[cfg(unix)]
fn restore_cursor_on_interrupt() {
    extern "C" fn on_interrupt(_: libc::c_int) {
        const SHOW_CURSOR: &[u8] = b"\x1b[?25h\ninterrupted: nothing was written\n";
        // SAFETY: write(2) and _exit(2) are async-signal-safe; the buffer is static.
        unsafe {
            libc::write(
                libc::STDERR_FILENO,
                SHOW_CURSOR.as_ptr().cast(),
                SHOW_CURSOR.len(),
            );
            libc::_exit(130);
        }
    }
    let handler: extern "C" fn(libc::c_int) = on_interrupt;
    // SAFETY: installs a handler that only calls async-signal-safe functions.
    unsafe {
        libc::signal(libc::SIGINT, handler as libc::sighandler_t);
    }
}

#[cfg(not(unix))]
fn restore_cursor_on_interrupt() {}
