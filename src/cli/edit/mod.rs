//! `samictl edit`: change a bot's cards through prompts, the way the web editor does.
//!
//! Every change goes through `samictl::edit::apply`, which refuses what the product doesn't
//! allow and anything that would not validate; the prompts only gather values (checked as
//! they are typed, by the validator's own field checks). Nothing is written until the user
//! saves, after seeing the diff; the write is atomic.
//!
//! One job per module: [`prompt`] (menus built from `(label, choice)` lists, text prompts),
//! [`cards`] (the card picker, a card's menu, saving), [`options`] (analysis criteria and
//! mid-call options), [`actions`] (the action list and an action's fields), [`notify`] (who
//! hears about the call).

mod actions;
mod cards;
mod notify;
mod options;
mod prompt;

use super::context::{Context, EXIT_OK, Failure, exit};
use super::write;
use dialoguer::theme::ColorfulTheme;
use samictl::config::Settings;
use samictl::edit::{Edit, Op, apply};
use samictl::model::{Bot, Card};
use samictl::outcome::Outcome;
use samictl::product::{Channel, OutcomeRules, rules_on};
use samictl::render::human::Palette;
use samictl::render::text::escape;
use samictl::simulate::simulate;
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
Enter to keep it (`-` clears an optional value such as a due time). The file is written
atomically, with your comments, blank lines, key order and quoting kept. Needs a terminal.";

#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The bot file (default: `bot` in samictl.toml, then ./bot.yaml).
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,

    #[command(flatten)]
    pub config: super::ConfigArgs,
}

/// A prompt ended by Ctrl-C or a lost terminal (`None`), or a failure that ends the session
/// (the file changed on disk while the prompts were open).
struct Interrupted(Option<Failure>);

type Step<T> = Result<Option<T>, Interrupted>;

pub fn run(ctx: &Context, args: &Args) -> Result<ExitCode, Failure> {
    // The file is found and checked first: a file with errors is refused with its diagnostics
    // (exit 1, docs/spec 10) whether or not there is a terminal; an editable file without
    // one is exit 2 (section 11), never a wait for input.
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
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return Err(Failure::new("`samictl edit` is interactive and needs a terminal").with_hint(
            "in scripts, create files with `samictl init --name NAME --direction DIR` and check edits with `samictl validate`",
        ));
    }
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
            Channel::Call => outcome.as_str().to_owned(),
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
