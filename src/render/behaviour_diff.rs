//! `samictl diff`: human, Markdown (for a pull-request comment) and JSON.

use super::human::Palette;
use super::text::escape;
use crate::behaviour_diff::{BotDiff, Change};
use crate::model::Action;
use crate::model::MidCall;
use crate::seqdiff::{Edit, sequence_diff};
use crate::simulate::{Fired, Simulation};
use serde_json::json;
use std::fmt::Write;

/// A fired item in one line.
pub(crate) fn fired(f: &Fired) -> String {
    fired_within(f, None)
}

/// A fired item in one line, a user action's text cut to `width` characters when given (the
/// fleet views).
pub(crate) fn fired_within(f: &Fired, width: Option<usize>) -> String {
    match f {
        Fired::Action(Action::Locked(l)) => format!("🔒 {}", l.as_str()),
        Fired::System(s) => format!("🔒 {}", s.as_str()),
        Fired::NotifyOwner => "notify-owner".to_owned(),
        Fired::NotifyEmail { to } => format!("notify-email {}", escape(to)),
        Fired::NotifyPhone { to } => format!("notify-phone {}", escape(to)),
        user => super::text::user_action(user, width).unwrap_or_default(),
    }
}

pub(crate) fn mid_call(m: &MidCall) -> String {
    mid_call_with(m, |w| format!("\"{}\"", escape(w)))
}

/// The mid-call settings on one line, the `wrap_up` text as `wrap_up` writes it; "SAMI's
/// default wording" when none is set (the comment's and the HTML page's).
pub(crate) fn mid_call_with(m: &MidCall, wrap_up: impl Fn(&str) -> String) -> String {
    let mut parts = Vec::new();
    if let Some(w) = &m.wrap_up {
        parts.push(format!("wrap_up {}", wrap_up(w)));
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

/// Text for a Markdown table cell or list item (a pull-request comment): no pipes, no
/// newlines, no HTML from the file, and no Markdown either. A bot name, a note or a path
/// written by a pull request's author must not turn into a link, an image, emphasis or a code
/// span in a comment samictl posts, nor ping anyone: Markdown punctuation is
/// backslash-escaped, and a `@mention` or `#123` reference is broken by a zero-width space
/// (`&#8203;`, as Renovate does) so GitHub neither notifies the person or team nor links the
/// issue. An `@` inside a word (an email address) is left alone.
pub(crate) fn md(s: &str) -> String {
    comment_text(s, |out, prev, c, next| {
        match c {
            '&' | '<' | '>' | '\n' => out.push_str(html_entity(c)),
            // Inside a word (`first_name`) an underscore can't open or close emphasis.
            '_' if prev.is_some_and(char::is_alphanumeric)
                && next.is_some_and(char::is_alphanumeric) =>
            {
                return false;
            }
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            _ => return false,
        }
        true
    })
}

/// Whether an `@` or `#` after `prev` would start a GitHub mention or issue reference.
fn starts_reference(prev: Option<char>) -> bool {
    !prev.is_some_and(|p| p.is_alphanumeric() || p == '_')
}

/// Text inside an HTML block of a pull-request comment (a `<summary>` line), where GitHub
/// reads HTML, not Markdown: HTML-escaped, on one line, mentions and references broken as in
/// [`md`].
pub(crate) fn html(s: &str) -> String {
    comment_text(s, |out, _, c, _| {
        let escaped = matches!(c, '&' | '<' | '>' | '"' | '\n');
        if escaped {
            out.push_str(html_entity(c));
        }
        escaped
    })
}

/// `&`, `<`, `>` and `"` as HTML entities, and a newline as a space (a comment's line is one
/// line); any other character as an empty string.
fn html_entity(c: char) -> &'static str {
    match c {
        '&' => "&amp;",
        '<' => "&lt;",
        '>' => "&gt;",
        '"' => "&quot;",
        '\n' => " ",
        _ => "",
    }
}

/// `s` for a pull-request comment, a character at a time: `push(out, prev, c, next)` writes `c`
/// escaped and says so, or says it left `c` as it is; then a `@mention` or `#123` reference is
/// broken by a zero-width space after its `@` or `#`.
fn comment_text(
    s: &str,
    push: impl Fn(&mut String, Option<char>, char, Option<char>) -> bool,
) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut prev: Option<char> = None;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if !push(&mut out, prev, c, chars.peek().copied()) {
            out.push(c);
            if matches!(c, '@' | '#') && starts_reference(prev) {
                out.push_str("&#8203;");
            }
        }
        prev = Some(c);
    }
    out
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

#[cfg(test)]
mod tests {
    use super::{html, md};

    #[test]
    fn markdown_text_is_inert() {
        assert_eq!(
            md("@team #1 [a](b) ![i](u) `c` *e* _u_ ~s~ a|b \\ <x>"),
            "@&#8203;team #&#8203;1 \\[a\\](b) \\!\\[i\\](u) \\`c\\` \\*e\\* \\_u\\_ \\~s\\~ a\\|b \\\\ &lt;x&gt;"
        );
        // An email and a placeholder read as before.
        assert_eq!(
            md("ops@acme-realty.com {{ contact.first_name }}"),
            "ops@acme-realty.com {{ contact.first_name }}"
        );
        assert_eq!(md("a\nb"), "a b");
        assert_eq!(
            html("@x </details> \"q\" [l](u)"),
            "@&#8203;x &lt;/details&gt; &quot;q&quot; [l](u)"
        );
    }
}
