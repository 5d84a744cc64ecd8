//! `samictl show`: the eight outcome cards, collapsed (one row each) or expanded.

use super::tables::{self, Layout};
use super::text::escape;
use super::text::quoted;
use crate::model::Action;
use crate::model::{Bot, Card};
use crate::outcome::Outcome;
use crate::product::{self, Channel, MidCallOption, NotifyAccess, rules_for};
use crate::simulate::{Fired, Origin, Simulation, simulate, simulate_sms};
use comfy_table::{Cell, ColumnConstraint, Width};

/// The heading above the cards.
fn heading(bot: &Bot, layout: &Layout) -> String {
    let capability = if bot.direction.is_outbound_capable() {
        "outbound-capable: enrollment locks apply"
    } else {
        "inbound-only: no enrollment locks"
    };
    let line = format!("{} · {} ({capability})", escape(&bot.name), bot.direction);
    tables::wrap(&line, layout.width.map_or(usize::MAX, usize::from), 2)
}

fn criteria(outcome: Outcome, card: Option<&Card>) -> String {
    if !rules_for(outcome).takes_criteria {
        return "n/a (call events)".to_owned();
    }
    match card.and_then(|c| c.analysis_criteria.as_ref()) {
        Some(_) => "custom".to_owned(),
        None => "default".to_owned(),
    }
}

/// Notifications in one cell: who, or why there are none.
fn notifications(outcome: Outcome, card: Option<&Card>, expanded: bool) -> String {
    let access = rules_for(outcome).notify;
    if let Some(reason) = access.reason() {
        return reason.to_owned();
    }
    let Some(n) = card.and_then(|c| c.notify.as_ref()) else {
        return "none".to_owned();
    };
    let mut lines = Vec::new();
    if n.owner {
        lines.push("assigned user".to_owned());
    }
    let plural = |k: usize, word: &str| format!("{k} {word}{}", if k == 1 { "" } else { "s" });
    if expanded {
        lines.extend(
            n.emails
                .iter()
                .map(|e| format!("email {}", escape(&e.value))),
        );
        lines.extend(
            n.phones
                .iter()
                .map(|p| format!("text {}", escape(&p.value))),
        );
    } else {
        if !n.emails.is_empty() {
            lines.push(plural(n.emails.len(), "email"));
        }
        if !n.phones.is_empty() {
            lines.push(plural(n.phones.len(), "phone"));
        }
    }
    if lines.is_empty() {
        "none".to_owned()
    } else {
        lines.join("\n")
    }
}

/// A user action in a few words.
fn describe(fired: &Fired, max: Option<usize>) -> String {
    match fired {
        Fired::Action(Action::Locked(l)) => l.as_str().to_owned(),
        Fired::System(s) => s.as_str().to_owned(),
        Fired::NotifyOwner => "notify the assigned user".to_owned(),
        Fired::NotifyEmail { to } => format!("email {}", escape(to)),
        Fired::NotifyPhone { to } => format!("text {}", escape(to)),
        user => super::text::user_action(user, max).unwrap_or_default(),
    }
}

/// The column titles of the collapsed view, and the labels of the stacked layout.
const COLUMNS: [&str; 6] = [
    "Outcome",
    "Criteria",
    "Mid-call",
    "Actions",
    "Locked (always run)",
    "Notifications",
];

/// Longest text (wrap-ups) the collapsed view shows before shortening it; `--expand` shows
/// every text in full.
const COLLAPSED_TEXT: usize = 60;

/// Width each of the five value columns needs at least to be read comfortably, padding
/// included; below it (or below the widest word) the collapsed view is stacked.
const READABLE_COLUMN: u16 = 12;

/// What the collapsed view says about one outcome.
struct Row {
    outcome: Outcome,
    has_card: bool,
    criteria: String,
    mid: Vec<String>,
    actions: Vec<String>,
    locked: Vec<String>,
    notify: String,
    notify_allowed: bool,
}

fn rows(bot: &Bot) -> Vec<Row> {
    Outcome::ALL
        .into_iter()
        .map(|outcome| {
            let card = bot.cards.get(&outcome);
            let sim = simulate(bot, outcome, None);
            let mut locked: Vec<String> = sim
                .fires()
                .filter_map(|f| match f {
                    Fired::Action(Action::Locked(l)) => Some(format!("🔒 {}", l.label())),
                    _ => None,
                })
                .collect();
            if let Some(c) = sim.callback {
                locked.push(c.describe().to_owned());
            }
            let actions: Vec<String> = sim
                .fires()
                .filter(|f| {
                    !f.is_locked()
                        && !matches!(
                            f,
                            Fired::NotifyOwner
                                | Fired::NotifyEmail { .. }
                                | Fired::NotifyPhone { .. }
                        )
                })
                .map(brief)
                .collect();
            let mut mid = Vec::new();
            if let Some(w) = &sim.mid_call.wrap_up {
                mid.push(quoted(w, Some(COLLAPSED_TEXT)));
            }
            if let Some(m) = sim.mid_call.max_objections {
                mid.push(format!("max objections {m}"));
            }
            if sim.mid_call.confirm_time == Some(true) {
                mid.push("confirms the time".to_owned());
            }
            Row {
                outcome,
                has_card: card.is_some(),
                criteria: criteria(outcome, card),
                mid,
                actions,
                locked,
                notify: notifications(outcome, card, false),
                notify_allowed: rules_for(outcome).notify.is_allowed(),
            }
        })
        .collect()
}

/// Collapsed view: one row per outcome; one block per outcome (stacked) when the terminal is
/// too narrow for six readable columns.
pub fn collapsed(bot: &Bot, layout: &Layout) -> String {
    collapsed_as(bot, layout, None).0
}

/// The collapsed view of the call cards and then of the messaging cards, in one layout for
/// the whole output: tables when both read as tables at this width, else blocks for both.
pub fn collapsed_all(bot: &Bot, layout: &Layout) -> String {
    let (calls, stacked) = collapsed_as(bot, layout, None);
    let (sms, sms_stacked) = messaging_collapsed_as(bot, layout, None);
    if stacked == sms_stacked || bot.messaging.is_none() {
        return calls + &sms;
    }
    collapsed_as(bot, layout, Some(true)).0 + &messaging_collapsed_as(bot, layout, Some(true)).0
}

/// The expanded view of the call cards and of the messaging cards, in one layout for the
/// whole output: tables when every card reads as a table at this width, else blocks for all.
pub fn expanded_all(bot: &Bot, outcomes: &[Outcome], layout: &Layout) -> String {
    let (calls, stacked) = expanded_as(bot, outcomes, layout, None);
    let (sms, sms_stacked) = messaging_expanded_as(bot, outcomes, layout, None);
    if !stacked.mixed(sms_stacked) {
        return calls + &sms;
    }
    expanded_as(bot, outcomes, layout, Some(true)).0
        + &messaging_expanded_as(bot, outcomes, layout, Some(true)).0
}

/// Which layouts a view used: any table, any stacked block.
#[derive(Clone, Copy, Debug, Default)]
struct Used {
    table: bool,
    stacked: bool,
}

impl Used {
    fn mixed(self, other: Used) -> bool {
        (self.table || other.table) && (self.stacked || other.stacked)
    }

    fn add(&mut self, stacked: bool) {
        if stacked {
            self.stacked = true;
        } else {
            self.table = true;
        }
    }
}

/// The collapsed call cards, stacked when `stack` says so (`None`: when the width is too
/// narrow for six readable columns); and whether they were stacked.
fn collapsed_as(bot: &Bot, layout: &Layout, stack: Option<bool>) -> (String, bool) {
    let rows = rows(bot);
    let too_narrow = |t: &comfy_table::Table, columns: usize| {
        let readable = tables::word_widths(t)
            .iter()
            .skip(1)
            .map(|w| usize::from((*w).max(READABLE_COLUMN)))
            .sum::<usize>()
            + 21
            + columns
            + 1;
        layout.width.is_some_and(|w| usize::from(w) < readable)
    };
    // Six columns where they read; else five, the criteria folded into the outcome's cell
    // (`criteria: custom`), as the web editor's collapsed cards do; else one block each.
    let mut t = collapsed_table(&rows, layout, false);
    let mut narrow = too_narrow(&t, COLUMNS.len());
    if narrow {
        let folded = collapsed_table(&rows, layout, true);
        if !too_narrow(&folded, COLUMNS.len() - 1) {
            t = folded;
            narrow = false;
        }
    }
    if stack.unwrap_or(narrow) {
        return (stacked(bot, &rows, layout), true);
    }
    tables::keep_words(&mut t, layout);
    (format!("{}{t}\n{}", heading(bot, layout), FOOTER), false)
}

/// The collapsed table: one row per outcome; with `fold`, no Criteria column (the outcome's
/// cell says `criteria: custom` when the card has its own).
fn collapsed_table(rows: &[Row], layout: &Layout, fold: bool) -> comfy_table::Table {
    let mut t = layout.table();
    let header: Vec<Cell> = COLUMNS
        .iter()
        .filter(|h| !fold || **h != "Criteria")
        .map(|h| layout.head(h))
        .collect();
    t.set_header(header);
    for row in rows {
        let mut name = format!("{}\n{}", row.outcome.display_name(), row.outcome.as_str());
        if fold && row.criteria == "custom" {
            name.push_str("\ncriteria: custom");
        }
        if !row.has_card {
            name.push_str(&format!("\n{NO_CARD}"));
        }
        let notify_cell = if row.notify_allowed {
            Cell::new(&row.notify)
        } else {
            layout.dim(&row.notify)
        };
        let mut cells = vec![Cell::new(name)];
        if !fold {
            cells.push(Cell::new(&row.criteria));
        }
        cells.extend([
            or_dash(layout, row.mid.clone()),
            or_dash(layout, row.actions.clone()),
            layout.locked(&or_none(row.locked.clone())),
            notify_cell,
        ]);
        t.add_row(cells);
    }
    if let Some(column) = t.column_mut(0) {
        column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(21)));
    }
    t
}

/// What a missing card does (docs/spec 4).
const NO_CARD: &str = "no card: locked actions only";

const FOOTER: &str = "`--expand` shows every card in full; `--expand TAG` one card.\n";

/// The collapsed view for a narrow terminal: one block per outcome, labels on the left.
fn stacked(bot: &Bot, rows: &[Row], layout: &Layout) -> String {
    let width = layout.width.map_or(usize::MAX, usize::from);
    let mut out = heading(bot, layout);
    let labels = ["Criteria", "Mid-call", "Actions", "Locked", "Notifications"];
    let label_width = labels.iter().map(|c| c.len()).max().unwrap_or(0);
    for row in rows {
        out.push('\n');
        let mut title = format!("{} · {}", row.outcome.display_name(), row.outcome.as_str());
        if !row.has_card {
            title.push_str(&format!(" · {NO_CARD}"));
        }
        out.push_str(&tables::wrap(&title, width, 0));
        let values: [Vec<String>; 5] = [
            vec![row.criteria.clone()],
            row.mid.clone(),
            row.actions.clone(),
            row.locked.clone(),
            vec![row.notify.clone()],
        ];
        for (label, lines) in labels.iter().zip(values) {
            let mut lines: Vec<&str> = lines.iter().flat_map(|l| l.lines()).collect();
            if lines.is_empty() {
                lines.push("—");
            }
            for (i, line) in lines.iter().enumerate() {
                let head = if i == 0 { label } else { "" };
                let first = format!("  {head:<label_width$}  {line}");
                out.push_str(&tables::wrap(&first, width, label_width + 4));
            }
        }
    }
    out.push('\n');
    out.push_str(FOOTER);
    out
}

/// A user action in one or two words, for the collapsed view.
fn brief(fired: &Fired) -> String {
    match fired {
        Fired::Action(Action::Task {
            due_in: Some(d), ..
        }) => match d {
            crate::model::DueIn::RequestedTime => "task, due at the requested time".to_owned(),
            crate::model::DueIn::After(d) => format!("task, due in {d}"),
        },
        Fired::Action(Action::Tag { name }) => format!("tag {}", escape(name)),
        other => other.type_name().to_owned(),
    }
}

fn or_dash(layout: &Layout, lines: Vec<String>) -> Cell {
    if lines.is_empty() {
        layout.dim("—")
    } else {
        Cell::new(lines.join("\n"))
    }
}

fn or_none(lines: Vec<String>) -> String {
    if lines.is_empty() {
        "none".to_owned()
    } else {
        lines.join("\n")
    }
}

/// Expanded view of the given outcomes (every outcome for "Expand all").
pub fn expanded(bot: &Bot, outcomes: &[Outcome], layout: &Layout) -> String {
    expanded_as(bot, outcomes, layout, None).0
}

fn expanded_as(
    bot: &Bot,
    outcomes: &[Outcome],
    layout: &Layout,
    stack: Option<bool>,
) -> (String, Used) {
    let mut out = heading(bot, layout);
    let mut used = Used::default();
    for &outcome in outcomes {
        out.push('\n');
        let (text, stacked) = card(bot, outcome, layout, stack);
        used.add(stacked);
        out.push_str(&text);
    }
    (out, used)
}

fn card(bot: &Bot, outcome: Outcome, layout: &Layout, stack: Option<bool>) -> (String, bool) {
    let card = bot.cards.get(&outcome);
    let rules = rules_for(outcome);
    let sim = simulate(bot, outcome, None);
    let mut t = layout.table();
    let title = match card {
        Some(c) => format!(
            "{} ({}): {}  [line\u{a0}{}]",
            outcome.display_name(),
            outcome.as_str(),
            outcome.meaning(),
            c.line
        ),
        None => format!(
            "{} ({}): {}  [{NO_CARD}]",
            outcome.display_name(),
            outcome.as_str(),
            outcome.meaning()
        ),
    };
    let mut out = tables::wrap(&title, layout.width.map_or(usize::MAX, usize::from), 2);
    let criteria = if !rules.takes_criteria {
        "none: detected from the transfer call events".to_owned()
    } else {
        match card.and_then(|c| c.analysis_criteria.as_ref()) {
            Some(text) => quoted(text, None),
            None => "SAMI's default wording".to_owned(),
        }
    };
    t.add_row(vec![Cell::new("Analysis criteria"), Cell::new(criteria)]);
    for option in rules.mid_call {
        let value = mid_call_value(option, &sim.mid_call);
        t.add_row(vec![
            Cell::new(format!("Mid-call: {}", option.key())),
            Cell::new(value),
        ]);
    }
    let mut fires = Vec::new();
    for (i, step) in sim.steps.iter().enumerate() {
        let line = match step.origin {
            Origin::System => system_step_line(i, &step.fired),
            Origin::Lock { .. } => {
                let lock = match step.fired {
                    Fired::Action(Action::Locked(l)) => l.reason(),
                    _ => "",
                };
                format!("{}. 🔒 {} (locked: {lock})", i + 1, step.fired.type_name())
            }
            Origin::Card { line } => {
                format!(
                    "{}. {}  [line\u{a0}{line}]",
                    i + 1,
                    describe(&step.fired, None)
                )
            }
        };
        fires.push(line);
    }
    if let Some(c) = sim.callback {
        fires.push(format!(
            "{} (SAMI's own step, not an action of the card)",
            c.describe()
        ));
    }
    t.add_row(vec![
        Cell::new("Fires, in order"),
        if fires.is_empty() {
            layout.dim("nothing")
        } else {
            Cell::new(fires.join("\n"))
        },
    ]);
    let notify = notifications(outcome, card, true);
    t.add_row(vec![
        Cell::new("Notifications"),
        if rules.notify == NotifyAccess::Allowed {
            Cell::new(notify)
        } else {
            layout.dim(&notify)
        },
    ]);
    if stack.unwrap_or_else(|| {
        layout
            .width
            .is_some_and(|w| usize::from(w) < tables::min_table_width(&t))
    }) {
        out.push_str(&tables::stack(&t, layout));
        return (out, true);
    }
    tables::keep_words(&mut t, layout);
    out.push_str(&format!("{t}\n"));
    (out, false)
}

/// A system step (or a locked action) as a numbered line of "Fires, in order".
fn system_step_line(i: usize, fired: &Fired) -> String {
    match fired {
        Fired::System(s) => format!(
            "{}. 🔒 {} (locked system step: {})",
            i + 1,
            s.as_str(),
            s.reason()
        ),
        other => format!("{}. 🔒 {}", i + 1, other.type_name()),
    }
}

// ---- the Messaging section (docs/spec 17) ----

/// The title above the messaging cards.
const MESSAGING_TITLE: &str = "Messaging (SMS outcomes): when a lead's text reply lands the conversation on an outcome, SAMI runs its system steps (🔒), then the card's actions and owner alert";

/// What a missing messaging card does.
const NO_SMS_CARD: &str = "no card: system steps only";

/// The simulations of the messaging cards, in the Messaging section's order.
fn sms_sims(bot: &Bot) -> Vec<Simulation> {
    Channel::Sms
        .outcomes()
        .into_iter()
        .filter_map(|o| simulate_sms(bot, o, None))
        .collect()
}

fn owner_alert(sim: &Simulation) -> String {
    if sim.fires().any(|f| matches!(f, Fired::NotifyOwner)) {
        "assigned user".to_owned()
    } else {
        "none".to_owned()
    }
}

/// The messaging cards collapsed (one row each), after the call cards; empty when the file has
/// no `messaging` section.
pub fn messaging_collapsed(bot: &Bot, layout: &Layout) -> String {
    messaging_collapsed_as(bot, layout, None).0
}

fn messaging_collapsed_as(bot: &Bot, layout: &Layout, stack: Option<bool>) -> (String, bool) {
    if bot.messaging.is_none() {
        return (String::new(), false);
    }
    let width = layout.width.map_or(usize::MAX, usize::from);
    let mut out = String::from("\n");
    out.push_str(&tables::wrap(MESSAGING_TITLE, width, 2));
    let sims = sms_sims(bot);
    let columns = [
        "Outcome",
        "Actions",
        "System steps (always run)",
        "Owner alert",
    ];
    let mut t = layout.table();
    t.set_header(columns.map(|h| layout.head(h)));
    let mut blocks = String::new();
    for sim in &sims {
        let title = product::rules_on(Channel::Sms, sim.outcome).map_or("", |r| r.title);
        let mut name = format!("{title}\n{}", sim.outcome.as_str());
        if sim.card_line.is_none() {
            name.push_str(&format!("\n{NO_SMS_CARD}"));
        }
        let actions: Vec<String> = sim
            .fires()
            .filter(|f| !f.is_locked() && !matches!(f, Fired::NotifyOwner))
            .map(brief)
            .collect();
        let steps: Vec<String> = sim
            .fires()
            .filter_map(|f| match f {
                Fired::System(s) => Some(format!("🔒 {}", s.label())),
                _ => None,
            })
            .collect();
        let alert = owner_alert(sim);
        blocks.push('\n');
        let mut head = format!("{} · {}", title, sim.outcome.as_str());
        if sim.card_line.is_none() {
            head.push_str(&format!(" · {NO_SMS_CARD}"));
        }
        blocks.push_str(&tables::wrap(&head, width, 0));
        for (label, lines) in [
            ("Actions", actions.clone()),
            ("System", steps.clone()),
            ("Owner", vec![alert.clone()]),
        ] {
            let lines = if lines.is_empty() {
                vec!["—".to_owned()]
            } else {
                lines
            };
            for (i, line) in lines.iter().enumerate() {
                let head = if i == 0 { label } else { "" };
                blocks.push_str(&tables::wrap(&format!("  {head:<7}  {line}"), width, 11));
            }
        }
        t.add_row(vec![
            Cell::new(name),
            or_dash(layout, actions),
            layout.locked(&or_none(steps)),
            Cell::new(alert),
        ]);
    }
    if let Some(column) = t.column_mut(0) {
        column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(21)));
    }
    if stack.unwrap_or_else(|| {
        layout
            .width
            .is_some_and(|w| usize::from(w) < tables::min_table_width(&t).max(SMS_READABLE))
    }) {
        out.push_str(&blocks);
        return (out, true);
    }
    tables::keep_words(&mut t, layout);
    out.push_str(&format!("{t}\n"));
    (out, false)
}

/// The width below which the collapsed messaging table is stacked.
const SMS_READABLE: usize = 80;

/// The messaging cards of `outcomes` in full (every one for "Expand all"); empty when the file
/// has no `messaging` section or none of `outcomes` has a messaging card.
pub fn messaging_expanded(bot: &Bot, outcomes: &[Outcome], layout: &Layout) -> String {
    messaging_expanded_as(bot, outcomes, layout, None).0
}

fn messaging_expanded_as(
    bot: &Bot,
    outcomes: &[Outcome],
    layout: &Layout,
    stack: Option<bool>,
) -> (String, Used) {
    let mut used = Used::default();
    if bot.messaging.is_none() {
        return (String::new(), used);
    }
    let width = layout.width.map_or(usize::MAX, usize::from);
    let sims: Vec<Simulation> = sms_sims(bot)
        .into_iter()
        .filter(|s| outcomes.contains(&s.outcome))
        .collect();
    if sims.is_empty() {
        return (String::new(), used);
    }
    let mut out = String::from("\n");
    out.push_str(&tables::wrap(MESSAGING_TITLE, width, 2));
    for sim in &sims {
        out.push('\n');
        let heading = product::rules_on(Channel::Sms, sim.outcome)
            .map_or_else(|| sim.outcome.as_str().to_owned(), |r| r.heading());
        let title = match sim.card_line {
            Some(line) => format!("SMS · {heading}  [line\u{a0}{line}]"),
            None => format!("SMS · {heading}  [{NO_SMS_CARD}]"),
        };
        out.push_str(&tables::wrap(&title, width, 2));
        let mut t = layout.table();
        let mut fires = Vec::new();
        for (i, step) in sim.steps.iter().enumerate() {
            fires.push(match step.origin {
                Origin::Card { line } => format!(
                    "{}. {}  [line\u{a0}{line}]",
                    i + 1,
                    describe(&step.fired, None)
                ),
                _ => system_step_line(i, &step.fired),
            });
        }
        t.add_row(vec![
            Cell::new("Fires, in order"),
            Cell::new(fires.join("\n")),
        ]);
        t.add_row(vec![
            Cell::new("Owner alert"),
            Cell::new(format!(
                "{} (messaging cards alert the owner only)",
                owner_alert(sim)
            )),
        ]);
        if stack.unwrap_or_else(|| {
            layout
                .width
                .is_some_and(|w| usize::from(w) < tables::min_table_width(&t))
        }) {
            out.push_str(&tables::stack(&t, layout));
            used.add(true);
            continue;
        }
        used.add(false);
        tables::keep_words(&mut t, layout);
        out.push_str(&format!("{t}\n"));
    }
    (out, used)
}

/// A mid-call option's value as a card shows it (the table here, the report's cards): what the
/// file sets, else SAMI's default or preset, said so. Text from the file is quoted and escaped.
pub(crate) fn mid_call_value(option: &MidCallOption, mid_call: &crate::model::MidCall) -> String {
    match option {
        MidCallOption::WrapUp => mid_call
            .wrap_up
            .as_ref()
            .map_or_else(|| "SAMI's default wording".to_owned(), |w| quoted(w, None)),
        MidCallOption::MaxObjections => match mid_call.max_objections {
            Some(m) => m.to_string(),
            None => format!("{} (SAMI's preset)", product::PRESET_MAX_OBJECTIONS),
        },
        MidCallOption::ConfirmTime => match mid_call.confirm_time {
            Some(true) => "yes".to_owned(),
            Some(false) => "no".to_owned(),
            None => "no (not set)".to_owned(),
        },
    }
}
