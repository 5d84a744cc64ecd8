//! `samictl simulate`: what fires, step by step, and the matrix of every outcome.

use super::tables::{Layout, wrap};
use super::text::escape;
use super::text::quoted;
use crate::model::Action;
use crate::product::{Channel, LockedAction, SystemStep};
use crate::simulate::{Fired, FiredType, NotifyKind, Origin, Simulation};
use comfy_table::{Cell, ColumnConstraint, Width};
use std::fmt::Write;

fn details(fired: &Fired) -> String {
    match fired {
        Fired::Action(Action::Locked(_)) | Fired::System(_) | Fired::NotifyOwner => String::new(),
        Fired::Action(Action::Note { text }) => quoted(text, None),
        Fired::Action(Action::Task {
            title,
            due_in,
            assignee,
        }) => {
            let due = due_in.map_or_else(|| "no due time".to_owned(), |d| format!("due in {d}"));
            let due = due.replace("due in requested-time", "due at the requested time");
            format!(
                "{}\n{due}, for {}",
                quoted(title, None),
                escape(&assignee.to_string())
            )
        }
        Fired::Action(Action::Tag { name }) => quoted(name, None),
        Fired::NotifyEmail { to } | Fired::NotifyPhone { to } => escape(to),
    }
}

/// One outcome, step by step; `path` names the file in "from the card" reasons.
pub fn single(sim: &Simulation, path: Option<&str>, layout: &Layout) -> String {
    let width = layout.width.map_or(usize::MAX, usize::from);
    let mut out = String::new();
    if sim.channel == Channel::Sms {
        return single_sms(sim, path, layout);
    }
    let title = format!(
        "{} · {}{} · {} ({})",
        escape(&sim.bot),
        sim.direction,
        overridden(sim),
        sim.outcome.display_name(),
        sim.outcome.as_str()
    );
    out.push_str(&wrap(&title, width, 2));
    out.push_str(&wrap(sim.outcome.meaning(), width, 2));
    if sim.card_line.is_none() {
        out.push_str(&wrap(NO_CARD, width, 2));
    }
    out.push_str("\nMid-call\n");
    let m = &sim.mid_call;
    if m.is_empty() {
        out.push_str("  nothing configured: SAMI's default wording applies\n");
    }
    if let Some(w) = &m.wrap_up {
        out.push_str(&wrap(&format!("  wrap_up: {}", quoted(w, None)), width, 4));
    }
    if let Some(n) = m.max_objections {
        let _ = writeln!(out, "  max_objections: {n}");
    }
    if let Some(c) = m.confirm_time {
        let _ = writeln!(out, "  confirm_time: {c}");
    }
    out.push_str("\nFires, in order\n");
    steps_table(&mut out, sim, path, layout);
    out
}

/// A text conversation landing on an outcome (docs/spec 17): the system steps, then the
/// messaging card's actions and owner alert.
fn single_sms(sim: &Simulation, path: Option<&str>, layout: &Layout) -> String {
    let width = layout.width.map_or(usize::MAX, usize::from);
    let mut out = String::new();
    let title = crate::product::rules_on(Channel::Sms, sim.outcome)
        .map_or_else(|| sim.outcome.display_name().to_owned(), |r| r.heading());
    let title = format!("{} · SMS · {title}", escape(&sim.bot));
    let title = match sim.file_direction {
        Some(_) => format!("{title} · {}{}", sim.direction, overridden(sim)),
        None => title,
    };
    out.push_str(&wrap(&title, width, 2));
    out.push_str(&wrap(
        "when a lead's text reply lands the conversation here",
        width,
        2,
    ));
    if sim.card_line.is_none() {
        out.push_str(&wrap(NO_SMS_CARD, width, 2));
    }
    out.push_str("\nFires, in order\n");
    steps_table(&mut out, sim, path, layout);
    out
}

/// Says that `--direction` overrode the file's direction: " (--direction overrides the file's
/// outbound)"; empty when it didn't.
fn overridden(sim: &Simulation) -> String {
    sim.file_direction
        .map(|d| format!(" (--direction overrides the file's {d})"))
        .unwrap_or_default()
}

/// What a missing messaging card does.
const NO_SMS_CARD: &str = "no messaging card: SAMI's system steps only";

/// The fired list as a table (or one block per step when narrow), then SAMI's callback.
fn steps_table(out: &mut String, sim: &Simulation, path: Option<&str>, layout: &Layout) {
    let width = layout.width.map_or(usize::MAX, usize::from);
    if sim.steps.is_empty() {
        out.push_str("  nothing fires: no locked action applies and the card has no actions\n");
        push_callback(out, sim, width);
        return;
    }
    let mut t = layout.table();
    t.set_header(["#", "Action", "Details", "Why it fires"].map(|h| layout.head(h)));
    for (i, step) in sim.steps.iter().enumerate() {
        let why = match step.origin {
            Origin::System => format!(
                "locked system step: {}",
                step.fired.lock_reason().unwrap_or("")
            ),
            Origin::Lock { written } => {
                let reason = step.fired.lock_reason().unwrap_or("");
                match written {
                    Some(line) => format!("locked: {reason} (also written on line {line})"),
                    None => format!("locked: {reason}"),
                }
            }
            Origin::Card { line } => match path {
                Some(p) => format!("from the card: {}:{line}", escape(p)),
                None => format!("from the card, line {line}"),
            },
        };
        let action = if step.fired.is_locked() {
            layout.locked(&format!("🔒 {}", step.fired.type_name()))
        } else {
            Cell::new(step.fired.type_name())
        };
        t.add_row(vec![
            Cell::new(i + 1),
            action,
            Cell::new(details(&step.fired)),
            Cell::new(why),
        ]);
    }
    if width < super::tables::min_table_width(&t) {
        // Too narrow for four columns: one block per step.
        for row in t.row_iter() {
            let cells: Vec<String> = row.cell_iter().map(Cell::content).collect();
            if let [n, action, details, why] = cells.as_slice() {
                out.push_str(&wrap(&format!("  {n}. {action}"), width, 5));
                for line in details.lines().chain(why.lines()) {
                    out.push_str(&wrap(&format!("     {line}"), width, 5));
                }
            }
        }
        push_callback(out, sim, width);
        return;
    }
    super::tables::keep_words(&mut t, layout);
    let _ = writeln!(out, "{t}");
    push_callback(out, sim, width);
}

/// What a missing card does (docs/spec 4).
const NO_CARD: &str = "no card: locked actions only (no user action or notification runs; \
                       SAMI's default wording still applies to the criteria and wrap-up)";

/// SAMI's own step after the fired list, when it takes one.
fn push_callback(out: &mut String, sim: &Simulation, width: usize) {
    if let Some(c) = sim.callback {
        let line = format!(
            "{}: SAMI's own step, not an action of the card",
            c.describe()
        );
        out.push('\n');
        out.push_str(&wrap(&line, width, 2));
    }
}

/// The matrix's columns, `(type, heading)`: the system steps of the messaging outcomes, then
/// the locked actions, the user actions and the notifications, each group in its enum's order.
fn columns() -> impl Iterator<Item = (&'static str, &'static str)> {
    let group = |t: &FiredType| match t {
        FiredType::System(_) => 0,
        FiredType::Locked(_) => 1,
        FiredType::User(_) => 2,
        FiredType::Notify(_) => 3,
    };
    let mut all = FiredType::ALL;
    all.sort_by_key(group);
    all.into_iter().map(|t| (t.as_str(), column_heading(t)))
}

/// A fired type's short heading in the matrix.
fn column_heading(t: FiredType) -> &'static str {
    match t {
        FiredType::System(s) => match s {
            SystemStep::StopOutreach => "stop",
            SystemStep::DoNotContactOnOptOut => "DNC?",
            SystemStep::PauseOutreach => "pause",
            SystemStep::PauseOutreachUntilRequestedTime => "until",
            SystemStep::CreateFollowUpTask => "ftask",
            SystemStep::ApplyOutcomeTag => "otag",
            SystemStep::SystemNote => "snote",
        },
        FiredType::Locked(l) => match l {
            LockedAction::DoNotContactAllChannels => "DNC",
            LockedAction::CancelEnrollment => "cancel",
            LockedAction::PauseEnrollment => "pause",
            LockedAction::PauseContactUntilRequestedTime => "until",
        },
        FiredType::User(u) => u.as_str(),
        FiredType::Notify(n) => match n {
            NotifyKind::Owner => "owner",
            NotifyKind::Email => "email",
            NotifyKind::Phone => "text",
        },
    }
}

/// Every outcome at once: a matrix of outcomes by what fires, each cell the step number.
pub fn matrix(sims: &[Simulation], layout: &Layout) -> String {
    let used: Vec<(&str, &str)> = columns()
        .filter(|(ty, _)| sims.iter().any(|s| s.fires().any(|f| f.type_name() == *ty)))
        .collect();
    let mut out = String::new();
    if let Some(first) = sims.first() {
        let channel = if first.channel == Channel::Sms {
            " · SMS (messaging outcomes)"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "{} · {}{}{channel}",
            escape(&first.bot),
            first.direction,
            overridden(first)
        );
    }
    let mut t = layout.table();
    let mut header = vec![layout.head("Outcome")];
    header.extend(used.iter().map(|(_, short)| layout.head(short)));
    t.set_header(header);
    for sim in sims {
        let mut row = vec![Cell::new(sim.outcome.as_str())];
        for (ty, _) in &used {
            let steps: Vec<String> = sim
                .fires()
                .enumerate()
                .filter(|(_, f)| f.type_name() == *ty)
                .map(|(i, _)| (i + 1).to_string())
                .collect();
            row.push(if steps.is_empty() {
                layout.dim("·")
            } else {
                Cell::new(steps.join(","))
            });
        }
        t.add_row(row);
    }
    if let Some(column) = t.column_mut(0) {
        column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(21)));
    }
    let width = layout.width.map_or(usize::MAX, usize::from);
    if width < super::tables::min_table_width(&t) {
        // Too narrow for the matrix: each outcome's fired list in order.
        for sim in sims {
            let fired: Vec<String> = sim
                .fires()
                .enumerate()
                .map(|(i, f)| {
                    let lock = if f.is_locked() { "🔒\u{a0}" } else { "" };
                    format!("{}.\u{a0}{lock}{}", i + 1, f.type_name())
                })
                .collect();
            let mut fired = if fired.is_empty() {
                "nothing fires".to_owned()
            } else {
                fired.join(", ")
            };
            // SAMI's own step after the list, on its outcome's line.
            if let Some(c) = sim.callback {
                fired.push_str(&format!("; {} (SAMI's own step)", c.describe()));
            }
            out.push_str(&wrap(
                &format!("{}: {fired}", sim.outcome.as_str()),
                width,
                4,
            ));
        }
    } else {
        out.push_str("Each cell is the step at which the action fires (· when it doesn't).\n");
        super::tables::keep_words(&mut t, layout);
        let _ = writeln!(out, "{t}");
        for (ty, short) in used.iter().filter(|(ty, short)| ty != short) {
            let locked = matches!(
                crate::product::ActionType::parse(ty),
                Some(crate::product::ActionType::Locked(_))
            ) || crate::product::SystemStep::parse(ty).is_some();
            let lock = if locked { " (🔒 locked)" } else { "" };
            let _ = writeln!(out, "  {short:<6} {ty}{lock}");
        }
    }
    let cardless: Vec<&str> = sims
        .iter()
        .filter(|s| s.card_line.is_none())
        .map(|s| s.outcome.as_str())
        .collect();
    if !cardless.is_empty() {
        let line = if sims.iter().any(|s| s.channel == Channel::Sms) {
            format!(
                "no messaging card: system steps only: {}",
                cardless.join(", ")
            )
        } else {
            format!("no card: locked actions only: {}", cardless.join(", "))
        };
        out.push_str(&wrap(&line, width, 4));
    }
    let narrow = width < super::tables::min_table_width(&t);
    for sim in sims.iter().filter(|_| !narrow) {
        if let Some(c) = sim.callback {
            let line = format!(
                "{}: {} (SAMI's own step, not in the fired list)",
                sim.outcome.as_str(),
                c.describe()
            );
            out.push_str(&wrap(&line, width, 4));
        }
    }
    out
}
