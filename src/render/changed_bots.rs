//! `samictl diff --git`: a repository's changed bots, in human, Markdown (one pull-request
//! comment) and JSON.

use super::behaviour_diff::{criteria, fired, html, md};
use super::human::Palette;
use super::text::escape;
use crate::behaviour_diff::Change;
use crate::fleet::{BotChange, RepoDiff, Status};
use serde_json::{Value, json};
use std::fmt::Write;

/// GitHub's limit on one comment, in characters.
const COMMENT_LIMIT: usize = 65_536;

/// The marker a CI job looks for to update its comment instead of posting a new one.
const COMMENT_MARKER: &str = "<!-- samictl-diff -->";

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The one-line summary the report opens with.
pub fn summary(r: &RepoDiff) -> String {
    let mut s = format!(
        "{}, {} with compliance changes",
        plural(
            r.changed(),
            "bot changes behaviour",
            "bots change behaviour"
        ),
        r.compliance()
    );
    if r.invalid() > 0 {
        let _ = write!(
            s,
            "; {} errors (invalid)",
            plural(r.invalid(), "bot has", "bots have")
        );
    }
    let same = r.unchanged();
    if same > 0 {
        let _ = write!(
            s,
            "; {} changed with no behaviour change",
            plural(same, "file", "files")
        );
    }
    s
}

fn where_from(b: &BotChange) -> String {
    match (&b.status, &b.old_path) {
        (Status::Renamed, Some(old)) => format!(" (from {})", escape(old)),
        (Status::Invalid, Some(old)) if *old != b.path => format!(" (from {})", escape(old)),
        _ => String::new(),
    }
}

/// What an added or removed bot's outcome fires, on one line.
fn fires_line(c: &Change, added: bool) -> String {
    let sim = if added { &c.after } else { &c.before };
    let fires: Vec<String> = sim.fires().map(fired).collect();
    if fires.is_empty() {
        "nothing fires".to_owned()
    } else {
        fires.join(", ")
    }
}

fn outcomes_changed(b: &BotChange) -> String {
    if b.status == Status::Invalid {
        return b
            .problems
            .iter()
            .map(|p| escape(p))
            .collect::<Vec<_>>()
            .join("; ");
    }
    if matches!(b.status, Status::Added | Status::Removed) {
        return format!("{} bot", b.status.as_str());
    }
    if b.diff.changes.is_empty() {
        return "no behaviour change".to_owned();
    }
    b.diff
        .changes
        .iter()
        .map(tag)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The changed outcome's tag, `sms:`-prefixed for a messaging card (docs/spec 17).
fn tag(c: &Change) -> String {
    match c.channel() {
        crate::product::Channel::Call => c.outcome.as_str().to_owned(),
        crate::product::Channel::Sms => format!("sms:{}", c.outcome.as_str()),
    }
}

pub fn human(r: &RepoDiff, revisions: &str, p: &Palette, width: usize) -> String {
    let mut out = format!("samictl diff --git {}\n", escape(revisions));
    if r.bots.is_empty() {
        out.push_str("no bot file changed\n");
        return out;
    }
    let _ = writeln!(out, "{}", Palette::paint(p.bold, &summary(r)));
    for b in &r.bots {
        let flag = if b.compliance() {
            format!("  {}", Palette::paint(p.warning, "⚠ compliance"))
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "\n{:<8} {}{}{flag}",
            b.status.as_str(),
            Palette::paint(p.bold, &escape(&b.path)),
            where_from(b)
        );
        match b.status {
            Status::Invalid => {
                for problem in &b.problems {
                    let _ = writeln!(out, "  {}", Palette::paint(p.error, &escape(problem)));
                }
            }
            Status::Added | Status::Removed => {
                let added = b.status == Status::Added;
                for c in &b.diff.changes {
                    let sim = if added { &c.after } else { &c.before };
                    let mut items: Vec<String> = sim.fires().map(fired).collect();
                    if items.is_empty() {
                        items.push("nothing fires".to_owned());
                    }
                    let last = items.len() - 1;
                    for item in &mut items[..last] {
                        item.push(',');
                    }
                    items[0] = format!("{:<19} {}", tag(c), items[0]);
                    let indent = " ".repeat(22);
                    let text = super::fleet::wrap_items(&items, width, "  ", " ");
                    let _ = writeln!(out, "{}", text.replace("\n  ", &format!("\n{indent}")));
                    if !c.compliance.is_empty() {
                        let _ = writeln!(
                            out,
                            "{indent}{}",
                            Palette::paint(p.warning, &format!("⚠ {}", c.compliance.join("; ")))
                        );
                    }
                }
            }
            Status::Renamed | Status::Modified => {
                let text = super::behaviour_diff::human(&b.diff, p);
                for line in text.lines() {
                    if line.is_empty() {
                        continue;
                    }
                    let _ = writeln!(out, "  {line}");
                }
            }
        }
    }
    out
}

/// A path in a table row (Markdown).
fn code(path: &str) -> String {
    format!("<code>{}</code>", md(&escape(path)))
}

/// A path in a `<summary>` line (an HTML block: no Markdown).
fn summary_code(path: &str) -> String {
    format!("<code>{}</code>", html(&escape(path)))
}

/// The table of one bot's changed outcomes, before and after.
fn details_body(b: &BotChange) -> String {
    let mut out = String::new();
    match b.status {
        Status::Invalid => {
            for problem in &b.problems {
                let _ = writeln!(out, "- {}", md(&escape(problem)));
            }
            out.push_str("\nIts behaviour can't be compared: run `samictl validate` on it.\n");
        }
        Status::Added | Status::Removed => {
            let added = b.status == Status::Added;
            out.push_str("| outcome | fires | compliance |\n|---|---|---|\n");
            for c in &b.diff.changes {
                let sim = if added { &c.after } else { &c.before };
                let mut cell = Vec::new();
                if sim.analysis_criteria.is_some() {
                    cell.push(md(&format!("criteria: {}", criteria(sim))));
                }
                cell.push(md(&fires_line(c, added)));
                let flag = if c.compliance.is_empty() {
                    String::new()
                } else {
                    format!("⚠ {}", md(&escape(&c.compliance.join("; "))))
                };
                let _ = writeln!(out, "| `{}` | {} | {flag} |", tag(c), cell.join("<br>"));
            }
        }
        Status::Renamed | Status::Modified => {
            let text = super::behaviour_diff::markdown(&b.diff);
            // The single-bot comment's heading is replaced by the <summary>.
            let body = text.strip_prefix("### samictl diff\n").unwrap_or(&text);
            out.push_str(body.trim_start_matches('\n'));
        }
    }
    out
}

/// The head of the comment: marker, title, summary, and a table of every bot (as many rows as
/// fit in `budget` characters).
fn head(r: &RepoDiff, revisions: &str, budget: usize) -> String {
    let mut out = format!("{COMMENT_MARKER}\n### samictl: what this change does to the bots\n\n");
    let _ = writeln!(out, "Compared: `{}`\n", escape(revisions).replace('`', "'"));
    if r.bots.is_empty() {
        out.push_str("No bot file changed.\n");
        return out;
    }
    let _ = writeln!(out, "**{}.**", md(&summary(r)));
    if r.compliance() > 0 {
        out.push_str("\n> **⚠ Compliance:** review the flagged bots first (listed first).\n");
    }
    out.push_str("\n| | bot | status | outcomes changed |\n|---|---|---|---|\n");
    for (i, b) in r.bots.iter().enumerate() {
        let flag = if b.compliance() { "⚠" } else { "" };
        let row = format!(
            "| {flag} | {}{} | {} | {} |\n",
            code(&b.path),
            md(&where_from(b)),
            b.status.as_str(),
            md(&outcomes_changed(b))
        );
        if out.chars().count() + row.chars().count() + 200 > budget {
            let _ = writeln!(out, "\n… and {} more.", r.bots.len() - i);
            break;
        }
        out.push_str(&row);
    }
    out
}

/// One pull-request comment, under GitHub's limit: the summary, then a `<details>` block per
/// bot; when the blocks don't fit, the summary and a note that the rest is in the JSON.
pub fn markdown(r: &RepoDiff, revisions: &str) -> String {
    let mut out = head(r, revisions, COMMENT_LIMIT);
    let mut count = out.chars().count();
    let mut blocks = String::new();
    for b in r.bots.iter().filter(|b| b.changes_behaviour()) {
        let flag = if b.compliance() { "⚠ " } else { "" };
        let from = match &b.old_path {
            Some(old) if *old != b.path => format!(" from {}", summary_code(old)),
            _ => String::new(),
        };
        let outcomes = match b.status {
            Status::Renamed | Status::Modified => {
                format!(": {}", plural(b.diff.changes.len(), "outcome", "outcomes"))
            }
            _ => String::new(),
        };
        let block = format!(
            "\n<details><summary>{flag}{} ({}{from}{outcomes})</summary>\n\n{}\n</details>\n",
            summary_code(&b.path),
            b.status.as_str(),
            details_body(b)
        );
        count += block.chars().count();
        blocks.push_str(&block);
    }
    const NOTE_ROOM: usize = 400;
    if count + NOTE_ROOM <= COMMENT_LIMIT {
        out.push_str(&blocks);
        return out;
    }
    out = head(r, revisions, COMMENT_LIMIT - NOTE_ROOM);
    let _ = writeln!(
        out,
        "\nThe details of every bot don't fit in one comment (GitHub's limit is 65,536 \
         characters): the rest is in the JSON, `samictl diff --git {} --format json`.",
        escape(revisions).replace('`', "'")
    );
    out
}

fn change_json(c: &Change, status: Status) -> Value {
    let before = (status != Status::Added).then(|| c.before.to_json());
    let after = (status != Status::Removed).then(|| c.after.to_json());
    let mut v = json!({
        "outcome": c.outcome,
        "channel": c.channel().as_str(),
        "before": before,
        "after": after,
        "compliance": !c.compliance.is_empty(),
        "compliance_reasons": c.compliance,
    });
    if matches!(status, Status::Modified | Status::Renamed) && c.criteria_changed() {
        v["analysis_criteria"] = json!({
            "before": c.before.analysis_criteria,
            "after": c.after.analysis_criteria,
        });
    }
    v
}

/// `{"format_version": 1, "bots": [{"path", "old_path", "status", "compliance", "changes"}]}`.
pub fn json(r: &RepoDiff) -> String {
    let bots: Vec<Value> = r
        .bots
        .iter()
        .map(|b| {
            let changes: Vec<Value> = b
                .diff
                .changes
                .iter()
                .map(|c| change_json(c, b.status))
                .collect();
            json!({
                "path": b.path,
                "old_path": b.old_path,
                "status": b.status.as_str(),
                "compliance": b.compliance(),
                "changes": changes,
            })
        })
        .collect();
    super::fleet::json_text(&json!({"format_version": 1, "bots": bots}))
}
