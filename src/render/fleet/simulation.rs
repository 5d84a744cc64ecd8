//! The fleet simulation (`simulate PATH... --outcome TAG`): one row per bot, what fires in order,
//! for a terminal and as JSON.

use super::super::tables::Layout;
use super::super::text::escape;
use super::{common_folder, errors_text, json_text};
use crate::outcome::{Direction, Outcome};
use crate::simulate::{Fired, Simulation};
use comfy_table::Cell;
use serde_json::{Map, Value, json};
use std::fmt::Write;

/// One bot's row of a fleet simulation: the bot and its simulation, or a file with errors.
pub enum SimRow<'a> {
    Simulated {
        path: &'a str,
        sim: &'a Simulation,
    },
    /// `as_direction`: the `--direction` the file was checked under, if any.
    Broken {
        path: &'a str,
        errors: usize,
        as_direction: Option<Direction>,
    },
}

fn fired_short(f: &Fired) -> String {
    super::super::behaviour_diff::fired_within(f, Some(40))
}

/// A fleet simulation for a terminal: one row per bot, what fires in order.
pub fn simulation(outcome: Outcome, rows: &[SimRow<'_>], layout: &Layout) -> String {
    let all: Vec<&str> = rows
        .iter()
        .map(|r| match r {
            SimRow::Simulated { path, .. } | SimRow::Broken { path, .. } => *path,
        })
        .collect();
    let prefix = common_folder(&all);
    let sms = rows.iter().any(|r| {
        matches!(r, SimRow::Simulated { sim, .. } if sim.channel == crate::product::Channel::Sms)
    });
    let mut out = format!(
        "{}{} ({}) on {} bot{}{}\n",
        if sms { "SMS · " } else { "" },
        outcome.display_name(),
        outcome.as_str(),
        rows.len(),
        if rows.len() == 1 { "" } else { "s" },
        if prefix.is_empty() {
            String::new()
        } else {
            format!(" in {}", escape(prefix))
        }
    );
    let rel = |p: &str| escape(p.strip_prefix(prefix).unwrap_or(p));
    let mut t = layout.table();
    t.set_header(["Bot", "Fires, in order"].map(|h| layout.head(h)));
    for row in rows {
        match row {
            SimRow::Simulated { path, sim } => {
                let bot = format!("{}\n{} · {}", rel(path), escape(&sim.bot), sim.direction);
                let mut fires: Vec<String> = sim
                    .fires()
                    .enumerate()
                    .map(|(i, f)| format!("{}. {}", i + 1, fired_short(f)))
                    .collect();
                if fires.is_empty() {
                    fires.push("nothing fires".to_owned());
                }
                if sim.card_line.is_none() {
                    fires.push(if sim.channel == crate::product::Channel::Sms {
                        "(no messaging card: system steps only)".to_owned()
                    } else {
                        "(no card: locked actions only)".to_owned()
                    });
                }
                if let Some(c) = sim.callback {
                    fires.push(format!("({})", c.describe()));
                }
                t.add_row(vec![Cell::new(bot), Cell::new(fires.join("\n"))]);
            }
            SimRow::Broken {
                path,
                errors,
                as_direction,
            } => {
                let text = match as_direction {
                    Some(d) => format!(
                        "✗ has {errors} error{} with `--direction {d}`",
                        if *errors == 1 { "" } else { "s" },
                    ),
                    None => format!("✗ {}", errors_text(*errors)),
                };
                t.add_row(vec![Cell::new(rel(path)), Cell::new(text)]);
            }
        }
    }
    // An action type or a path is never broken inside a word: too narrow a terminal gets one
    // block per bot, as `show` does.
    if layout
        .width
        .is_some_and(|w| usize::from(w) < super::super::tables::min_table_width(&t))
    {
        out.push_str(&super::super::tables::stack(&t, layout));
        return out;
    }
    super::super::tables::keep_words(&mut t, layout);
    let _ = writeln!(out, "{t}");
    out
}

/// A fleet simulation as JSON: the section 9 objects with `path` first; a file with errors is
/// `{"path", "errors"}`.
pub fn simulation_json(rows: &[SimRow<'_>]) -> String {
    let items: Vec<Value> = rows
        .iter()
        .map(|row| match row {
            SimRow::Simulated { path, sim } => {
                let mut map = Map::new();
                map.insert("path".to_owned(), json!(path));
                if let Value::Object(rest) = sim.to_json() {
                    map.extend(rest);
                }
                Value::Object(map)
            }
            SimRow::Broken { path, errors, .. } => json!({"path": path, "errors": errors}),
        })
        .collect();
    json_text(&Value::Array(items))
}
