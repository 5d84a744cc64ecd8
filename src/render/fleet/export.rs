//! The fleet matrix for machines and documents: JSON (docs/spec 14), CSV and Markdown.

use super::super::behaviour_diff::md;
use super::super::text::escape;
use super::{cell, columns, errors_text, legend, outcome_code, policy_json};
use crate::fleet::{FleetBot, FleetRow, OutcomeSummary};
use crate::policy::OutcomePolicies;
use crate::product::Channel;
use serde_json::{Map, Value, json};
use std::fmt::Write;

/// Pretty JSON in which every character docs/spec 12 lists (C0 and C1 controls, DEL, bidi
/// controls, invisible format characters, line and paragraph separators) is written `\uXXXX`,
/// even those JSON would allow raw. They can only occur inside strings, so this is exact.
pub fn json_text(value: &Value) -> String {
    let raw = serde_json::to_string_pretty(value).unwrap_or_default();
    let mut out = String::with_capacity(raw.len() + 1);
    for c in raw.chars() {
        let hidden = matches!(c,
            '\u{7f}'..='\u{9f}'
            | '\u{ad}'
            | '\u{200b}'..='\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2060}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}')
            || super::super::text::is_invisible(c);
        if hidden {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out.push('\n');
    out
}

/// `{"format_version": 1, "bots": [...]}` (docs/spec 14). A file with errors has `"errors"`
/// above 0, `"name"` and `"direction"` null and `"outcomes"` empty.
/// With an org policy, a top-level `"policy"` object says what it requires (absent without one).
pub fn matrix_json(rows: &[FleetRow], policy: &OutcomePolicies) -> String {
    let mut out = Vec::new();
    // Writing into memory can't fail.
    let _ = write_matrix_json(&mut out, rows, policy, &[]);
    String::from_utf8(out).unwrap_or_default()
}

/// [`matrix_json`] written to `out` bot by bot, as `serde_json`'s pretty printer would write
/// the whole report (each bot's lines indented into the list): neither a tree nor a text of
/// the whole fleet is built (issue 32: 50,000 bots took 864 MB as a tree). With `relaxed`
/// guard rules (docs/spec 7.1), every bot says so: `"tcpa_guard_relaxed": [RULE, ...]`.
pub fn write_matrix_json(
    out: &mut dyn std::io::Write,
    rows: &[FleetRow],
    policy: &OutcomePolicies,
    relaxed: &[crate::rules::Rule],
) -> std::io::Result<()> {
    let ids: Vec<Value> = relaxed.iter().map(|r| Value::from(r.id())).collect();
    out.write_all(b"{\n  \"format_version\": 1,\n  \"bots\": [")?;
    let mut piece = String::new();
    for (i, r) in rows.iter().enumerate() {
        piece.clear();
        piece.push_str(if i == 0 { "\n" } else { ",\n" });
        let mut bot = bot_json(r);
        if !ids.is_empty()
            && let Some(obj) = bot.as_object_mut()
        {
            obj.insert("tcpa_guard_relaxed".to_owned(), Value::Array(ids.clone()));
        }
        indented(&mut piece, &json_text(&bot), "    ");
        out.write_all(piece.as_bytes())?;
    }
    let mut tail = String::from(if rows.is_empty() { "]" } else { "\n  ]" });
    if policy.values().any(|items| !items.is_empty()) {
        tail.push_str(",\n  \"policy\": ");
        let text = json_text(&policy_json(policy));
        let mut lines = text.trim_end_matches('\n').split('\n');
        tail.push_str(lines.next().unwrap_or_default());
        for line in lines {
            tail.push_str("\n  ");
            tail.push_str(line);
        }
    }
    tail.push_str("\n}\n");
    out.write_all(tail.as_bytes())
}

/// `text` (pretty JSON ending in a newline) with every line indented by `indent`.
fn indented(out: &mut String, text: &str, indent: &str) {
    for (j, line) in text.trim_end_matches('\n').split('\n').enumerate() {
        if j > 0 {
            out.push('\n');
        }
        out.push_str(indent);
        out.push_str(line);
    }
}

/// One bot of the fleet JSON.
pub(super) fn bot_json(r: &FleetRow) -> Value {
    match &r.bot {
        FleetBot::Checked {
            name,
            direction,
            outcomes,
            messaging,
        } => {
            let mut map = Map::new();
            for s in outcomes {
                map.insert(
                    s.outcome.as_str().to_owned(),
                    json!({"fires": s.fires, "custom_criteria": s.custom_criteria}),
                );
            }
            // The messaging cards (docs/spec 17): `null` without a `messaging` section.
            let sms = messaging.as_ref().map(|m| {
                m.iter()
                    .map(|s| (s.outcome.as_str().to_owned(), json!({"fires": s.fires})))
                    .collect::<Map<String, Value>>()
            });
            json!({"path": r.path, "name": name, "direction": direction, "errors": 0,
                   "outcomes": map, "messaging": sms})
        }
        FleetBot::Broken { errors } => json!({"path": r.path, "name": null,
            "direction": null, "errors": errors, "outcomes": {}, "messaging": null}),
    }
}

/// A CSV field: escaped, quoted when needed, and never read as a spreadsheet formula.
pub(super) fn csv_field(s: &str) -> String {
    let mut s = escape(s);
    // Some spreadsheets trim leading spaces (a tab is escaped to one) before they look for
    // a formula.
    if s.trim_start().starts_with(['=', '+', '-', '@']) {
        s.insert(0, '\'');
    }
    if s.contains([',', '"', '\n', '\r']) || s.starts_with(' ') || s.ends_with(' ') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// One line per bot: `path,name,direction,errors`, then per outcome its fired types (locks
/// included, space-separated) and whether its criteria are custom.
pub fn matrix_csv(rows: &[FleetRow]) -> String {
    let sms = columns(Channel::Sms);
    let mut out = String::from("path,name,direction,errors");
    for o in columns(Channel::Call) {
        let _ = write!(out, ",{0},{0} custom_criteria", o.as_str());
    }
    // The messaging cards (docs/spec 17), after the call cards: what fires, SAMI's system
    // steps included; empty for a bot without a `messaging` section.
    for o in &sms {
        let _ = write!(out, ",sms {}", o.as_str());
    }
    out.push('\n');
    for r in rows {
        out.push_str(&csv_field(&r.path));
        match r.bot.checked() {
            Ok((name, direction, outcomes)) => {
                let _ = write!(out, ",{},{direction},0", csv_field(name));
                for s in outcomes {
                    let _ = write!(out, ",{},{}", s.fires.join(" "), s.custom_criteria);
                }
                match r.messaging() {
                    Some(m) => {
                        for s in m {
                            let _ = write!(out, ",{}", s.fires.join(" "));
                        }
                    }
                    None => out.push_str(&",".repeat(sms.len())),
                }
            }
            Err(errors) => {
                let _ = write!(out, ",,,{errors}");
                out.push_str(&",".repeat(2 * columns(Channel::Call).len() + sms.len()));
            }
        }
        out.push('\n');
    }
    out
}

/// The matrix as a Markdown table with its legend.
pub fn matrix_markdown(rows: &[FleetRow], policy: &OutcomePolicies) -> String {
    let mut out = String::from("| path | bot | direction |");
    for o in columns(Channel::Call) {
        let _ = write!(out, " {} |", outcome_code(o));
    }
    out.push_str("\n|---|---|---|");
    out.push_str(&"---|".repeat(columns(Channel::Call).len()));
    out.push('\n');
    for r in rows {
        let _ = write!(out, "| <code>{}</code> |", md(&escape(&r.path)));
        match r.bot.checked() {
            Ok((name, direction, outcomes)) => {
                let _ = write!(out, " {} | {direction} |", md(&escape(name)));
                for s in outcomes {
                    let _ = write!(out, " `{}` |", cell(s));
                }
            }
            Err(errors) => {
                let _ = write!(out, " ✗ {} | |", errors_text(errors));
                out.push_str(&" |".repeat(columns(Channel::Call).len()));
            }
        }
        out.push('\n');
    }
    // The messaging cards of the bots that have them (docs/spec 17), as in the terminal.
    let sms: Vec<(&FleetRow, &Vec<OutcomeSummary>)> = rows
        .iter()
        .filter_map(|r| Some((r, r.messaging()?)))
        .collect();
    if !sms.is_empty() {
        let tags = columns(Channel::Sms);
        out.push_str("\nMessaging (SMS) cards, besides SAMI's system steps:\n\n| path |");
        for o in &tags {
            let _ = write!(out, " {} |", outcome_code(*o));
        }
        out.push_str("\n|---|");
        out.push_str(&"---|".repeat(tags.len()));
        out.push('\n');
        for (r, m) in sms {
            let _ = write!(out, "| <code>{}</code> |", md(&escape(&r.path)));
            for s in m {
                let _ = write!(out, " `{}` |", cell(s));
            }
            out.push('\n');
        }
    }
    out.push('\n');
    for (title, items) in legend(policy) {
        let items: Vec<String> = items
            .iter()
            .map(|it| match it.split_once(' ') {
                Some((code, rest)) => format!("`{code}` {rest}"),
                None => it.clone(),
            })
            .collect();
        let _ = writeln!(out, "{title} {}.\n", items.join(", "));
    }
    out
}
