//! `samictl diff`: human, Markdown (for a pull-request comment) and JSON.

use super::human::Palette;
use super::text::escape;
use crate::diff::{BotDiff, Change, Edit, sequence_diff};
use crate::model::MidCall;
use crate::simulate::{Fired, Simulation};
use serde_json::json;
use std::fmt::Write;

/// A fired item in one line.
pub(crate) fn fired(f: &Fired) -> String {
    match f {
        Fired::Locked(l) => format!("🔒 {}", l.as_str()),
        Fired::System(s) => format!("🔒 {}", s.as_str()),
        Fired::NotifyOwner => "notify-owner".to_owned(),
        Fired::NotifyEmail { to } => format!("notify-email {}", escape(to)),
        Fired::NotifyPhone { to } => format!("notify-phone {}", escape(to)),
        user => super::text::user_action(user, None).unwrap_or_default(),
    }
}

pub(crate) fn mid_call(m: &MidCall) -> String {
    let mut parts = Vec::new();
    if let Some(w) = &m.wrap_up {
        parts.push(format!("wrap_up \"{}\"", escape(w)));
    }
    if let Some(n) = m.max_objections {
        parts.push(format!("max_objections {n}"));
    }
    if let Some(c) = m.confirm_time {
        parts.push(format!("confirm_time {c}"));
    }
    if parts.is_empty() {
        "SAMI's default wording".to_owned()
    } else {
        parts.join(", ")
    }
}

pub(crate) fn criteria(s: &Simulation) -> String {
    s.analysis_criteria.as_ref().map_or_else(
        || "SAMI's default wording".to_owned(),
        |c| format!("\"{}\"", escape(c)),
    )
}

pub(crate) fn header_lines(d: &BotDiff) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some((b, a)) = &d.renamed {
        lines.push(format!(
            "bot renamed: \"{}\" -> \"{}\" ({{{{ bot.name }}}} changes)",
            escape(b),
            escape(a)
        ));
    }
    if let Some((b, a)) = &d.direction {
        lines.push(format!("direction: {b} -> {a}"));
    }
    lines
}

pub(crate) fn fired_lines(c: &Change) -> Vec<(char, String)> {
    let before: Vec<&Fired> = c.before.fires().collect();
    let after: Vec<&Fired> = c.after.fires().collect();
    sequence_diff(&before, &after)
        .into_iter()
        .map(|e| match e {
            Edit::Same(f) => (' ', fired(f)),
            Edit::Removed(f) => ('-', fired(f)),
            Edit::Added(f) => ('+', fired(f)),
        })
        .collect()
}

pub fn human(d: &BotDiff, p: &Palette) -> String {
    let mut out = String::new();
    for line in header_lines(d) {
        let _ = writeln!(out, "{line}");
    }
    if d.is_empty() {
        out.push_str("no behaviour change\n");
        return out;
    }
    for c in &d.changes {
        let _ = write!(
            out,
            "\n{}",
            Palette::paint(
                p.bold,
                &format!("{}{} ({})", sms(c), c.outcome.display_name(), c.outcome)
            )
        );
        if !c.compliance.is_empty() {
            let _ = write!(
                out,
                "  {}",
                Palette::paint(
                    p.warning,
                    &format!("⚠ compliance: {}", escape(&c.compliance.join("; ")))
                )
            );
        }
        out.push('\n');
        if c.criteria_changed() {
            let _ = writeln!(
                out,
                "  analysis criteria: {} -> {}",
                criteria(&c.before),
                criteria(&c.after)
            );
        }
        if c.mid_call_changed() {
            let _ = writeln!(
                out,
                "  mid-call: {} -> {}",
                mid_call(&c.before.mid_call),
                mid_call(&c.after.mid_call)
            );
        }
        if c.fires_changed() {
            out.push_str("  fires:\n");
            for (mark, text) in fired_lines(c) {
                let line = format!("    {mark} {text}");
                let styled = match mark {
                    '-' => Palette::paint(p.error, &line),
                    '+' => Palette::paint(p.good, &line),
                    _ => line,
                };
                let _ = writeln!(out, "{styled}");
            }
        }
    }
    let flagged = d
        .changes
        .iter()
        .filter(|c| !c.compliance.is_empty())
        .count();
    let _ = writeln!(
        out,
        "\n{}{}",
        outcomes_changing(d.changes.len()),
        match flagged {
            0 => String::new(),
            1 => "; 1 touches compliance".to_owned(),
            n => format!("; {n} touch compliance"),
        }
    );
    out
}

/// `SMS · ` before a messaging outcome's name.
fn sms(c: &Change) -> &'static str {
    match c.channel() {
        crate::product::Channel::Call => "",
        crate::product::Channel::Sms => "SMS · ",
    }
}

/// "1 outcome changes behaviour", "3 outcomes change behaviour".
fn outcomes_changing(n: usize) -> String {
    if n == 1 {
        "1 outcome changes behaviour".to_owned()
    } else {
        format!("{n} outcomes change behaviour")
    }
}

/// Text for a Markdown table cell: no pipes, no newlines, no HTML from the file.
pub(crate) fn md(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('|', "\\|")
        .replace('\n', " ")
}

pub fn markdown(d: &BotDiff) -> String {
    let mut out = String::from("### samictl diff\n");
    let headers = header_lines(d);
    if !headers.is_empty() {
        out.push('\n');
    }
    for line in headers {
        let _ = writeln!(out, "- {}", md(&line));
    }
    if d.is_empty() {
        out.push_str("\nNo behaviour change.\n");
        return out;
    }
    let _ = writeln!(out, "\n{}.", outcomes_changing(d.changes.len()));
    if !d.changes.is_empty() {
        if d.touches_compliance() {
            out.push_str(
                "\n> **⚠ This change touches compliance.** Review the flagged outcomes.\n",
            );
        }
        out.push_str("\n| outcome | before | after | compliance |\n|---|---|---|---|\n");
        for c in &d.changes {
            let side = |s: &Simulation| {
                let mut cells: Vec<String> = Vec::new();
                if c.criteria_changed() {
                    cells.push(md(&format!("criteria: {}", criteria(s))));
                }
                if c.mid_call_changed() {
                    cells.push(md(&format!("mid-call: {}", mid_call(&s.mid_call))));
                }
                let fires: Vec<String> = s
                    .fires()
                    .enumerate()
                    .map(|(i, f)| md(&format!("{}. {}", i + 1, fired(f))))
                    .collect();
                if fires.is_empty() {
                    cells.push("nothing fires".to_owned());
                }
                cells.extend(fires);
                cells.join("<br>")
            };
            let flag = if c.compliance.is_empty() {
                String::new()
            } else {
                format!("⚠ {}", md(&escape(&c.compliance.join("; "))))
            };
            let _ = writeln!(
                out,
                "| {}`{}` | {} | {} | {flag} |",
                sms(c),
                c.outcome,
                side(&c.before),
                side(&c.after)
            );
        }
    }
    out
}

pub fn json(d: &BotDiff) -> String {
    let changes: Vec<_> = d
        .changes
        .iter()
        .map(|c| {
            let mut v = json!({
                "outcome": c.outcome,
                "channel": c.channel().as_str(),
                "before": c.before.to_json(),
                "after": c.after.to_json(),
                "compliance": !c.compliance.is_empty(),
                "compliance_reasons": c.compliance,
            });
            if c.criteria_changed() {
                v["analysis_criteria"] = json!({
                    "before": c.before.analysis_criteria,
                    "after": c.after.analysis_criteria,
                });
            }
            v
        })
        .collect();
    let mut v = json!({ "changes": changes, "compliance": d.touches_compliance() });
    if let Some((b, a)) = &d.renamed {
        v["bot"] = json!({"before": b, "after": a});
    }
    if let Some((b, a)) = &d.direction {
        v["direction"] = json!({"before": b, "after": a});
    }
    let mut s = super::text::json_safe(serde_json::to_string_pretty(&v).unwrap_or_default());
    s.push('\n');
    s
}
