//! `samictl rules` and `samictl explain`.

use super::human::{Palette, diagnostic_group};
use super::tables::Layout;
use crate::config::parse_config;
use crate::rules::{RULES, RuleInfo};
use crate::validate::check;
use std::fmt::Write;

/// Every rule with its severity and summary.
pub fn list(layout: &Layout) -> String {
    let mut t = layout.table();
    t.set_header(["Rule", "Severity", "Catches"].map(|h| layout.head(h)));
    for r in &RULES {
        let severity = if r.severity == crate::diagnostic::Severity::Error {
            "error".to_owned()
        } else {
            "warning (configurable)".to_owned()
        };
        t.add_row(vec![r.id.to_owned(), severity, r.summary.to_owned()]);
    }
    super::tables::keep_words(&mut t, layout);
    let width = layout.width.map_or(usize::MAX, usize::from);
    let t = if super::tables::min_table_width(&t) > width {
        // Too narrow for three columns: the rule and its severity on one line, what it
        // catches below, wrapped.
        let mut out = String::new();
        for r in &RULES {
            let severity = if r.severity == crate::diagnostic::Severity::Error {
                "error"
            } else {
                "warning (configurable)"
            };
            let _ = writeln!(
                out,
                "{} ({severity})",
                Palette::paint(layout_bold(layout), r.id)
            );
            out.push_str(&super::tables::wrap(
                &format!("    {}", r.summary),
                width,
                4,
            ));
        }
        out
    } else {
        t.to_string()
    };
    format!(
        "{t}\nErrors always fail. Warnings can be set to allow, warn or deny in samictl.toml [rules].\n\
         `samictl explain RULE` shows a rule in full.\n"
    )
}

fn layout_bold(layout: &Layout) -> anstyle::Style {
    Palette::new(layout.color).bold
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("    {l}\n")).collect()
}

/// One rule in full: what it catches, where it points, why it matters, a wrong and a right
/// example, and what samictl says about the wrong one.
pub fn explain(info: &RuleInfo, palette: &Palette) -> String {
    explain_at(info, palette, 96)
}

/// As [`explain`], its prose wrapped to `width` columns (the terminal's).
pub fn explain_at(info: &RuleInfo, palette: &Palette, width: usize) -> String {
    let mut out = String::new();
    let severity = match info.severity {
        crate::diagnostic::Severity::Error => "error: always fails",
        crate::diagnostic::Severity::Warning => {
            "warning: samictl.toml may set it to allow, warn or deny"
        }
    };
    let _ = writeln!(
        out,
        "{} ({severity})\n",
        Palette::paint(palette.bold, info.id)
    );
    let _ = writeln!(out, "Catches: {}.", info.summary);
    let _ = writeln!(out, "Points at: {}.\n", info.points_at);
    let _ = writeln!(
        out,
        "Why it matters:\n{}",
        indent(&wrap(info.why, width.clamp(36, 96) - 4))
    );
    if let Some(config) = info.config {
        let _ = writeln!(
            out,
            "With this samictl.toml:\n{}",
            indent(config.trim_end())
        );
    }
    let _ = writeln!(out, "Wrong:\n{}", indent(info.wrong.trim_end()));
    let settings = info
        .config
        .and_then(|c| parse_config(c).ok())
        .map(|c| c.settings(false))
        .unwrap_or_default();
    samictl_says(&mut out, info.wrong, &settings, info, palette);
    let _ = writeln!(out, "Right:\n{}", indent(info.right.trim_end()));
    criteria_pairs(&mut out, info);
    if let Some((wrong, right)) = crate::rules::messaging_example(info.rule) {
        let _ = writeln!(
            out,
            "In the messaging section (SMS outcomes), after the call cards:\n"
        );
        let part = crate::rules::messaging_part(wrong);
        let _ = writeln!(out, "Wrong:\n{}", indent(part.trim_end()));
        samictl_says(
            &mut out,
            wrong,
            &crate::config::Settings::default(),
            info,
            palette,
        );
        let _ = writeln!(
            out,
            "Right:\n{}",
            indent(crate::rules::messaging_part(right).trim_end())
        );
    }
    out
}

/// The rule's further wrong and right pairs of criteria texts, each wrong one with the phrase
/// samictl finds in it.
fn criteria_pairs(out: &mut String, info: &RuleInfo) {
    let pairs = crate::rules::criteria_pairs(info.rule);
    if pairs.is_empty() {
        return;
    }
    let _ = writeln!(out, "{}\n", pairs_heading());
    for p in pairs {
        let _ = writeln!(out, "  {}:", capitalised(p.shows));
        let _ = writeln!(out, "    Wrong: {}", p.wrong);
        let found: Vec<String> = crate::opt_out::opt_out_phrases(p.wrong)
            .into_iter()
            .map(|f| format!("\"{}\"", f.text))
            .collect();
        let _ = writeln!(out, "           samictl points at {}", found.join(", "));
        let _ = writeln!(out, "    Right: {}\n", p.right);
    }
}

fn pairs_heading() -> String {
    use crate::product::{Channel, opt_out_outcomes, tag_list};
    format!(
        "More pairs (the `analysis_criteria` text of a card other than {}):",
        tag_list(&opt_out_outcomes(Channel::Call), " and ")
    )
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

/// "samictl says:" and the findings of the rule `info` documents in the example `wrong`,
/// rendered as `validate` renders them (nothing when the example has none of them).
fn samictl_says(
    out: &mut String,
    wrong: &str,
    settings: &crate::config::Settings,
    info: &RuleInfo,
    palette: &Palette,
) {
    let findings: Vec<_> = check(wrong, settings)
        .diagnostics
        .into_iter()
        .filter(|d| d.rule == info.rule)
        .collect();
    if findings.is_empty() {
        return;
    }
    out.push_str("samictl says:\n");
    let mut rendered = String::new();
    let lines: Vec<&str> = wrong.lines().collect();
    for group in findings.chunk_by(|a, b| a.pos == b.pos) {
        let line = group
            .first()
            .and_then(|d| lines.get(d.pos.line.saturating_sub(1) as usize))
            .copied();
        diagnostic_group(&mut rendered, "example.yaml", line, group, palette);
    }
    out.push_str(&indent(rendered.trim_end()));
    out.push('\n');
}

/// Wraps prose at `width` columns.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    out.push_str(&line);
    out
}

/// `docs/rules.md`: every rule in full, generated from the rule table.
pub fn markdown() -> String {
    let mut out = String::from(
        "# Rules\n\n<!-- Generated from src/rules.rs and fixtures/rules/ by \
         `SAMICTL_REGENERATE=1 cargo test --test it generated::`; do not edit. -->\n\n\
         Errors always fail; no setting relaxes them. Warnings default to `warn`; \
         `samictl.toml` may set each to `allow`, `warn` or `deny` under `[rules]`.\n\n\
         | rule | severity | catches |\n|---|---|---|\n",
    );
    for r in &RULES {
        let _ = writeln!(
            out,
            "| [`{id}`](#{id}) | {} | {} |",
            r.severity,
            r.summary.replace('|', "\\|"),
            id = r.id
        );
    }
    for r in &RULES {
        let _ = write!(
            out,
            "\n## {}\n\n**{}.** Catches {}. Points at {}.\n\n{}\n\n",
            r.id, r.severity, r.summary, r.points_at, r.why
        );
        if let Some(config) = r.config {
            let _ = write!(out, "With this `samictl.toml`:\n\n```toml\n{config}```\n\n");
        }
        let _ = write!(
            out,
            "Wrong:\n\n```yaml\n{}```\n\nRight:\n\n```yaml\n{}```\n",
            r.wrong, r.right
        );
        let pairs = crate::rules::criteria_pairs(r.rule);
        if !pairs.is_empty() {
            let _ = writeln!(out, "\n{}\n", pairs_heading());
            for p in pairs {
                let _ = writeln!(
                    out,
                    "- {}: wrong \"{}\", right \"{}\"",
                    capitalised(p.shows),
                    p.wrong,
                    p.right
                );
            }
        }
        if let Some((wrong, right)) = crate::rules::messaging_example(r.rule) {
            let _ = write!(
                out,
                "\nIn the messaging section (SMS outcomes), after the call cards:\n\n\
                 Wrong:\n\n```yaml\n{}```\n\nRight:\n\n```yaml\n{}```\n",
                crate::rules::messaging_part(wrong),
                crate::rules::messaging_part(right)
            );
        }
    }
    out
}
