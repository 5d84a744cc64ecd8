//! Many bots at once: the fleet matrix (`show PATH...`) and the fleet simulation
//! (`simulate PATH... --outcome TAG`), in every output format.

use super::human::Palette;
use super::tables::Layout;
use super::text::{escape, shorten, width};
use crate::fleet::{FleetBot, FleetRow, OutcomeSummary};
use crate::format;
use crate::outcome::{Direction, Outcome};
use crate::policy::OutcomePolicies;
use crate::product::Channel;
use serde_json::{Map, Value, json};
use std::fmt::Write;

mod export;
mod simulation;

pub use export::{json_text, matrix_csv, matrix_json, matrix_markdown, write_matrix_json};
pub use simulation::{SimRow, simulation, simulation_json};

/// The matrix's columns: the outcomes of a card section (`outcomes`, `messaging`), as the
/// format model lists them ([`format::card_tags`]).
pub(super) fn columns(channel: Channel) -> Vec<Outcome> {
    format::card_tags(channel)
}

/// The two-letter column heading of each outcome (the outcome's own `code`).
pub fn outcome_code(o: Outcome) -> &'static str {
    o.code()
}

/// The letter of each fired type a cell shows, in the order cells list them.
const FIRES: [(&str, &str); 6] = [
    ("note", "N"),
    ("task", "T"),
    ("tag", "G"),
    ("notify-owner", "O"),
    ("notify-email", "E"),
    ("notify-phone", "P"),
];

/// No card: only the locked actions run.
const NO_CARD: &str = "·";
/// A card, but nothing fires besides the locks.
const NOTHING: &str = "-";

/// A matrix cell: `*` for custom criteria, then a letter per fired type (with a count when it
/// fires more than once), `-` when nothing fires besides the locks, `·` when there is no card.
pub fn cell(s: &OutcomeSummary) -> String {
    if !s.has_card {
        return NO_CARD.to_owned();
    }
    let mut out = String::new();
    if s.custom_criteria {
        out.push('*');
    }
    let user: Vec<&str> = s.user_fires().collect();
    for (ty, letter) in FIRES {
        let n = user.iter().filter(|t| **t == ty).count();
        match n {
            0 => {}
            1 => out.push_str(letter),
            n => {
                let _ = write!(out, "{letter}{n}");
            }
        }
    }
    if user.is_empty() {
        out.push_str(NOTHING);
    }
    out
}

pub(super) fn short_direction(d: Direction) -> &'static str {
    match d {
        Direction::Inbound => "in",
        Direction::Outbound => "out",
        Direction::Both => "both",
    }
}

/// The legend printed under the matrix (human and Markdown): a title and its items; with an
/// org policy, what it requires of every bot, outcome by outcome (docs/spec 15: a bot that
/// breaks it is an error row).
pub fn legend(policy: &OutcomePolicies) -> Vec<(&'static str, Vec<String>)> {
    let outcomes: Vec<String> = columns(Channel::Call)
        .iter()
        .map(|o| format!("{} {}", outcome_code(*o), o.as_str()))
        .collect();
    let cells = [
        "N note",
        "T task",
        "G tag",
        "O notify the assigned user",
        "E notify by email",
        "P notify by text",
        "E2 a count: two emails",
        "* custom analysis criteria",
        "- a card with nothing besides the locks",
        "· no card (locked actions only)",
    ];
    let mut groups = vec![
        ("Outcomes:", outcomes),
        (
            "Cells, what fires besides the locked actions:",
            cells.iter().map(|c| (*c).to_owned()).collect(),
        ),
    ];
    let required: Vec<String> = policy
        .iter()
        .flat_map(|(o, items)| {
            items.iter().map(|item| {
                format!(
                    "{} {} (samictl.toml:{})",
                    outcome_code(*o),
                    escape(&item.requirement.describe()),
                    item.line
                )
            })
        })
        .collect();
    if !required.is_empty() {
        groups.push(("Org policy, kept by every bot without errors:", required));
    }
    groups
}

/// The org policy as JSON: per outcome tag, each key with its `samictl.toml` line and what it
/// requires.
pub(super) fn policy_json(policy: &OutcomePolicies) -> Value {
    let mut map = Map::new();
    for (o, items) in policy.iter().filter(|(_, items)| !items.is_empty()) {
        let keys: Vec<Value> = items
            .iter()
            .map(|i| {
                json!({"key": i.requirement.key(), "line": i.line,
                       "requires": i.requirement.describe()})
            })
            .collect();
        map.insert(o.as_str().to_owned(), Value::Array(keys));
    }
    Value::Object(map)
}

pub(super) fn errors_text(errors: usize) -> String {
    format!(
        "has {errors} error{}: run `samictl validate` on it",
        if errors == 1 { "" } else { "s" }
    )
}

/// The folder every path is in (with its trailing `/`), or "".
pub(super) fn common_folder<'a>(paths: &[&'a str]) -> &'a str {
    let Some(first) = paths.first() else {
        return "";
    };
    let mut end = first.rfind('/').map_or(0, |i| i + 1);
    for p in paths {
        while end > 0 && !p.starts_with(&first[..end]) {
            end = first[..end - 1].rfind('/').map_or(0, |i| i + 1);
        }
    }
    &first[..end]
}

/// Pads `s` (already escaped) to `w` columns.
fn pad(s: &str, w: usize) -> String {
    let mut out = s.to_owned();
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(width(s))));
    out
}

/// Shortens from the left, keeping a path's file name: `…/team-001/bot.yaml`.
fn shorten_left(s: &str, max: usize) -> String {
    let n = s.chars().count();
    if n <= max {
        return s.to_owned();
    }
    let tail: String = s.chars().skip(n + 1 - max.max(1)).collect();
    format!("…{tail}")
}

/// The fleet matrix for a terminal: one line per bot fitted to the width, or, when the eight
/// outcome columns leave no room for the path, a block of lines per bot.
pub fn matrix(rows: &[FleetRow], policy: &OutcomePolicies, layout: &Layout) -> String {
    let p = Palette::new(layout.color);
    let total = usize::from(layout.width.unwrap_or(100));
    let cells: Vec<Option<Vec<String>>> = rows
        .iter()
        .map(|r| match &r.bot {
            FleetBot::Checked { outcomes, .. } => Some(outcomes.iter().map(cell).collect()),
            FleetBot::Broken { .. } => None,
        })
        .collect();
    let col_w: Vec<usize> = (0..columns(Channel::Call).len())
        .map(|i| {
            cells
                .iter()
                .flatten()
                .map(|c| width(&c[i]))
                .max()
                .unwrap_or(0)
                .max(2)
        })
        .collect();
    // Paths under one folder are shown relative to it, the folder named above the table.
    let all: Vec<&str> = rows.iter().map(|r| r.path.as_str()).collect();
    let prefix = common_folder(&all);
    let paths: Vec<String> = rows
        .iter()
        .map(|r| escape(r.path.strip_prefix(prefix).unwrap_or(&r.path)))
        .collect();
    let names: Vec<String> = rows
        .iter()
        .map(|r| match &r.bot {
            FleetBot::Checked { name, .. } => escape(name),
            FleetBot::Broken { .. } => String::new(),
        })
        .collect();
    let path_max = paths.iter().map(|s| width(s)).max().unwrap_or(0).max(4);
    let name_max = names.iter().map(|s| width(s)).max().unwrap_or(0).max(3);
    // dir (4) and the outcome columns, each after a two-space gap.
    let fixed: usize = 2 + 4 + col_w.iter().map(|w| w + 2).sum::<usize>();
    let avail = total.saturating_sub(fixed);
    // Both in full when they fit; else the name keeps at least a third of the room.
    let name_w = name_max.min(avail.saturating_sub(path_max + 2).max(12).max(avail / 3));
    let path_w = avail.saturating_sub(name_w + 2).min(path_max);
    let mut out = String::new();
    if !prefix.is_empty() {
        let _ = writeln!(out, "{} in {}\n", bots(rows.len()), escape(prefix));
    } else {
        let _ = writeln!(out, "{}\n", bots(rows.len()));
    }
    // Stacked only when the path column can show neither every path in full nor 12
    // columns of each: short names (`sms.yaml`) are no reason to leave the table.
    if path_w < path_max.min(12) {
        stacked(rows, &paths, &names, &cells, total, &p, &mut out);
    } else {
        let mut header = format!(
            "{}  {}  {}",
            pad("PATH", path_w),
            pad("BOT", name_w),
            "DIR "
        );
        for (o, w) in columns(Channel::Call).iter().zip(&col_w) {
            let _ = write!(header, "  {}", pad(outcome_code(*o), *w));
        }
        let _ = writeln!(out, "{}", Palette::paint(p.bold, header.trim_end()));
        for (i, r) in rows.iter().enumerate() {
            let path = pad(&shorten_left(&paths[i], path_w), path_w);
            let line = match &r.bot {
                FleetBot::Checked { direction, .. } => {
                    let mut line = format!(
                        "{path}  {}  {}",
                        pad(&shorten(&names[i], name_w), name_w),
                        pad(short_direction(*direction), 4)
                    );
                    let c: &[String] = cells[i].as_deref().unwrap_or_default();
                    for (text, w) in c.iter().zip(&col_w) {
                        let _ = write!(line, "  {}", pad(text, *w));
                    }
                    line.trim_end().to_owned()
                }
                FleetBot::Broken { errors } => format!(
                    "{path}  {}",
                    Palette::paint(p.error, &format!("✗ {}", errors_text(*errors)))
                ),
            };
            let _ = writeln!(out, "{line}");
        }
    }
    // The messaging (SMS) cards of the bots that have a `messaging` section (docs/spec 17).
    let sms: Vec<(usize, &Vec<OutcomeSummary>)> = rows
        .iter()
        .enumerate()
        .filter_map(|(i, r)| Some((i, r.messaging()?)))
        .collect();
    if !sms.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            Palette::paint(
                p.bold,
                "Messaging (SMS) cards, besides SAMI's system steps:"
            )
        );
        for (i, m) in sms {
            let mut items = vec![shorten_left(&paths[i], total.saturating_sub(4).max(12))];
            items.extend(
                m.iter()
                    .map(|s| format!("{} {}", outcome_code(s.outcome), cell(s))),
            );
            let _ = writeln!(out, "{}", wrap_items(&items, total, "  ", "  "));
        }
    }
    out.push('\n');
    for (title, items) in legend(policy) {
        let mut all = vec![title.to_owned()];
        let last = items.len().saturating_sub(1);
        all.extend(items.iter().enumerate().map(|(i, it)| {
            if i == last {
                format!("{it}.")
            } else {
                format!("{it},")
            }
        }));
        let _ = writeln!(out, "{}", wrap_items(&all, total, "", " "));
    }
    out
}

/// A block of lines per bot, for widths too narrow for one line per bot.
fn stacked(
    rows: &[FleetRow],
    paths: &[String],
    names: &[String],
    cells: &[Option<Vec<String>>],
    total: usize,
    p: &Palette,
    out: &mut String,
) {
    for (i, r) in rows.iter().enumerate() {
        let _ = writeln!(out, "{}", Palette::paint(p.bold, &paths[i]));
        match (&r.bot, &cells[i]) {
            (FleetBot::Checked { direction, .. }, Some(c)) => {
                let _ = writeln!(out, "  {} · {direction}", names[i]);
                let items: Vec<String> = columns(Channel::Call)
                    .iter()
                    .zip(c)
                    .map(|(o, text)| format!("{} {text}", outcome_code(*o)))
                    .collect();
                let _ = writeln!(out, "{}", wrap_items(&items, total, "  ", "  "));
            }
            (FleetBot::Broken { errors }, _) => {
                let _ = writeln!(
                    out,
                    "  {}",
                    Palette::paint(p.error, &format!("✗ {}", errors_text(*errors)))
                );
            }
            (FleetBot::Checked { .. }, None) => {}
        }
    }
}

/// Items separated by `gap`, wrapped to `total` columns, each line after `indent`.
pub(crate) fn wrap_items(items: &[String], total: usize, indent: &str, gap: &str) -> String {
    let mut lines: Vec<String> = vec![indent.to_owned()];
    for item in items {
        let Some(last) = lines.last_mut() else {
            break;
        };
        let fresh = last.trim().is_empty();
        if !fresh && width(last) + width(gap) + width(item) > total {
            lines.push(format!("{indent}{item}"));
        } else {
            if !fresh {
                last.push_str(gap);
            }
            last.push_str(item);
        }
    }
    lines.join("\n")
}

/// "1 bot", "50 bots".
pub(super) fn bots(n: usize) -> String {
    if n == 1 {
        "1 bot".to_owned()
    } else {
        format!("{n} bots")
    }
}

#[cfg(test)]
mod tests {
    use super::export::{bot_json, csv_field};
    use super::*;

    fn summary(fires: &[&'static str], custom: bool, card: bool) -> OutcomeSummary {
        OutcomeSummary {
            outcome: Outcome::MissedTransfer,
            fires: fires.to_vec(),
            custom_criteria: custom,
            has_card: card,
        }
    }

    #[test]
    fn cells_are_compact_and_consistent() {
        let s = summary(
            &[
                "cancel-enrollment",
                "notify-email",
                "task",
                "notify-email",
                "notify-owner",
            ],
            true,
            true,
        );
        assert_eq!(cell(&s), "*TOE2");
        assert_eq!(cell(&summary(&["cancel-enrollment"], false, false)), "·");
        assert_eq!(cell(&summary(&["cancel-enrollment"], false, true)), "-");
        assert_eq!(cell(&summary(&[], true, true)), "*-");
    }

    /// The fleet JSON written bot by bot is exactly the whole report pretty-printed (issue
    /// 32), with and without a policy, for no bot, one and several.
    #[test]
    fn fleet_json_written_bot_by_bot_is_the_pretty_printed_report() {
        let bot = FleetRow {
            path: "a\u{200b}.yaml".into(),
            bot: FleetBot::Checked {
                name: "N \"q\"".into(),
                direction: crate::outcome::Direction::Both,
                outcomes: vec![summary(&["task"], true, true)],
                messaging: Some(vec![summary(&[], false, false)]),
            },
        };
        let broken = FleetRow {
            path: "b.yaml".into(),
            bot: FleetBot::Broken { errors: 2 },
        };
        let policy =
            crate::config::parse_config("[policy.outcomes.opt-out]\nrequire_tags = [\"x\"]\n")
                .expect("policy")
                .settings(false)
                .policy
                .outcomes;
        for rows in [vec![], vec![bot.clone()], vec![bot, broken]] {
            for policy in [OutcomePolicies::default(), policy.clone()] {
                let bots: Vec<Value> = rows.iter().map(bot_json).collect();
                let mut whole = json!({"format_version": 1, "bots": bots});
                if policy.values().any(|items| !items.is_empty())
                    && let Some(obj) = whole.as_object_mut()
                {
                    obj.insert("policy".to_owned(), policy_json(&policy));
                }
                assert_eq!(matrix_json(&rows, &policy), json_text(&whole));
                // A relaxed guard: the key on every bot, as on the whole report.
                let relaxed = [crate::rules::Rule::CriteriaCatchesOptOut];
                if let Some(bots) = whole.get_mut("bots").and_then(Value::as_array_mut) {
                    for bot in bots.iter_mut().filter_map(Value::as_object_mut) {
                        bot.insert("tcpa_guard_relaxed".to_owned(), json!([relaxed[0].id()]));
                    }
                }
                let mut out = Vec::new();
                write_matrix_json(&mut out, &rows, &policy, &relaxed).unwrap();
                assert_eq!(String::from_utf8(out).unwrap(), json_text(&whole));
            }
        }
    }

    #[test]
    fn json_escapes_invisible_and_bidi_characters() {
        let text = json_text(&json!({"name": "a\u{202e}b\u{200b}c\u{85}d\u{7f}é"}));
        assert_eq!(
            text,
            "{\n  \"name\": \"a\\u202eb\\u200bc\\u0085d\\u007fé\"\n}\n"
        );
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["name"], "a\u{202e}b\u{200b}c\u{85}d\u{7f}é");
    }

    #[test]
    fn csv_fields_are_quoted_and_defused() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("=cmd()"), "'=cmd()");
        assert_eq!(csv_field(" \t=cmd()"), "'  =cmd()");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("x\u{1b}y"), "x\\u{1b}y");
    }
}
