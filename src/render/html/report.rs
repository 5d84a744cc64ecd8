//! `samictl report`: the fleet as one page (docs/spec 19): a summary, the fleet matrix
//! with its legend, each bot's cards and findings, and the explanations of the rules found.

use super::{Out, cards, esc, page_head, page_tail, plural, push_esc};
use crate::config::Policy;
use crate::diagnostic::{Diagnostic, Severity, Tally};
use crate::fleet::{FleetBot, FleetRow, OutcomeSummary};
use crate::model::Bot;
use crate::outcome::Outcome;
use crate::product::{Channel, LockedAction, SystemStep};
use crate::render::fleet::{cell, legend, outcome_code};
use crate::rules::Rule;
use std::collections::BTreeSet;
use std::fmt::Write;

/// One bot file of the report.
#[derive(Clone, Debug)]
pub struct ReportFile {
    /// The fleet matrix's row (the path as given or found, and the summary).
    pub row: FleetRow,
    /// The checked bot; `None` when the file has errors.
    pub bot: Option<Bot>,
    /// Every finding, at its effective severity, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Where the org policy came from, for the summary.
#[derive(Clone, Copy, Debug)]
pub struct PolicySource<'a> {
    /// The `samictl.toml` in force, as shown to the user; `None` without one.
    pub config: Option<&'a str>,
    pub policy: &'a Policy,
}

/// The rules whose findings are compliance notes: TCPA and the org's policy (the summary
/// lists them apart, *decided*).
/// Named by id, so a rule added later (`contact-after-opt-out`) counts once it exists.
pub const COMPLIANCE_RULES: [&str; 6] = [
    "criteria-catches-opt-out",
    "contact-after-opt-out",
    "locked-action-disabled",
    "locked-action-mismatch",
    "policy-violation",
    "recipient-not-allowed",
];

fn bot_id(i: usize) -> String {
    format!("bot-{}", i + 1)
}

/// The whole page. `files` are in the order to show them (sorted by path).
pub fn report(files: &[ReportFile], policy: PolicySource<'_>) -> String {
    let mut out = Out::new(None);
    out.buf.reserve(files.len() * 4096 + 8192);
    write_report(&mut out, files, policy);
    out.buf
}

/// [`report`] written to `sink` as it is produced, never held whole (a file of half a million
/// findings is a page of 147 MB; issue 32). The first error writing is given back.
pub fn report_to(
    sink: &mut dyn std::io::Write,
    files: &[ReportFile],
    policy: PolicySource<'_>,
) -> std::io::Result<()> {
    let mut out = Out::new(Some(sink));
    write_report(&mut out, files, policy);
    out.finish()
}

fn write_report(out: &mut Out<'_>, files: &[ReportFile], policy: PolicySource<'_>) {
    page_head(&mut out.buf, "samictl report", true);
    out.buf.push_str("<h1 id=\"top\">samictl report</h1>\n");
    summary(out, files, policy);
    matrix(&mut out.buf, files, policy);
    out.buf.push_str("<h2 id=\"bots\">Bots</h2>\n<p class=\"muted\">Each card opens on its own; \
        Expand all opens every card of the page. Locked steps (marked <span class=\"lk\">locked</span>) \
        are SAMI's and always run: <a href=\"#legend\">the legend</a> says why.</p>\n");
    out.spill();
    bot_sections(out, files);
    rules_section(&mut out.buf, files);
    page_tail(&mut out.buf);
}

fn summary(page: &mut Out<'_>, files: &[ReportFile], policy: PolicySource<'_>) {
    let out = &mut page.buf;
    let mut tally = Tally::default();
    for f in files {
        tally.add(Tally::of(&f.diagnostics));
    }
    let broken = files.iter().filter(|f| f.bot.is_none()).count();
    let notes: Vec<(usize, &Diagnostic)> = files
        .iter()
        .enumerate()
        .flat_map(|(i, f)| f.diagnostics.iter().map(move |d| (i, d)))
        .filter(|(_, d)| COMPLIANCE_RULES.contains(&d.rule.id()))
        .collect();
    out.push_str("<h2 id=\"summary\">Summary</h2>\n<dl class=\"sum\">");
    let _ = write!(
        out,
        "<dt>Bots</dt><dd>{}{}</dd>",
        plural(files.len(), "bot file", "bot files"),
        if broken > 0 {
            format!(", <span class=\"err\">{} with errors</span>", broken)
        } else {
            String::new()
        }
    );
    let class = |n: usize, c: &str| if n > 0 { c.to_owned() } else { "ok".to_owned() };
    let _ = write!(
        out,
        "<dt>Errors</dt><dd class=\"{}\">{}</dd><dt>Warnings</dt><dd class=\"{}\">{}</dd>",
        class(tally.errors, "err"),
        tally.errors,
        class(tally.warnings, "warn"),
        tally.warnings
    );
    let _ = write!(
        out,
        "<dt>Compliance notes</dt><dd class=\"{}\">{}</dd>",
        class(notes.len(), "warn"),
        if notes.is_empty() {
            "none (TCPA rules and org policy)".to_owned()
        } else {
            plural(notes.len(), "finding", "findings")
        }
    );
    out.push_str("<dt>Org policy</dt><dd>");
    policy_status(out, files, policy);
    out.push_str("</dd></dl>\n");
    if !notes.is_empty() {
        out.push_str("<h3>Compliance notes</h3>\n<ul>");
        for (i, d) in notes {
            let out = &mut page.buf;
            let _ = write!(out, "<li><a href=\"#{}\">", bot_id(i));
            push_esc(out, &files[i].row.path);
            let _ = write!(
                out,
                "</a>:{}: <a href=\"#rule-{}\">{}</a> ",
                d.pos.line,
                d.rule.id(),
                d.rule.id()
            );
            push_esc(&mut page.buf, &d.message);
            page.buf.push_str("</li>");
            page.spill();
        }
        page.buf.push_str("</ul>\n");
    }
}

fn policy_status(out: &mut String, files: &[ReportFile], source: PolicySource<'_>) {
    let p = source.policy;
    let count: usize = p.outcomes.values().map(Vec::len).sum::<usize>()
        + p.messaging.values().map(Vec::len).sum::<usize>()
        + usize::from(p.email_domains.is_some())
        + usize::from(p.phone_prefixes.is_some());
    let Some(config) = source.config else {
        out.push_str("none: no samictl.toml");
        return;
    };
    if count == 0 {
        out.push_str("none set in ");
        push_esc(out, config);
        return;
    }
    let breaking = files
        .iter()
        .filter(|f| {
            f.diagnostics
                .iter()
                .any(|d| matches!(d.rule, Rule::PolicyViolation | Rule::RecipientNotAllowed))
        })
        .count();
    let _ = write!(
        out,
        "{} from ",
        plural(count, "requirement", "requirements")
    );
    push_esc(out, config);
    if breaking == 0 {
        out.push_str(": <span class=\"ok\">every bot keeps it</span>");
    } else {
        let _ = write!(
            out,
            ": <span class=\"err\">{} break it</span>",
            plural(breaking, "bot", "bots")
        );
    }
    let mut items: Vec<String> = Vec::new();
    if let Some(d) = &p.email_domains {
        items.push(format!("email domains: {}", esc(&d.join(", "))));
    }
    if let Some(d) = &p.phone_prefixes {
        items.push(format!("phone prefixes: {}", esc(&d.join(", "))));
    }
    for (channel, policies) in [("", &p.outcomes), ("sms:", &p.messaging)] {
        for (o, list) in policies {
            for item in list {
                items.push(format!(
                    "{channel}{}: {} (line {})",
                    o.as_str(),
                    esc(&item.requirement.describe()),
                    item.line
                ));
            }
        }
    }
    out.push_str("<ul>");
    for i in items {
        let _ = write!(out, "<li>{i}</li>");
    }
    out.push_str("</ul>");
}

fn cells(out: &mut String, list: &[OutcomeSummary], order: &[Outcome]) {
    for o in order {
        match list.iter().find(|s| s.outcome == *o) {
            Some(s) => {
                // End tags of cells are left out, as HTML allows (one row per bot).
                out.push_str("<td>");
                push_esc(out, &cell(s));
            }
            None => out.push_str("<td>"),
        }
    }
}

fn head_row(out: &mut String, order: &[Outcome]) {
    out.push_str("<thead><tr><th scope=\"col\">Bot</th>");
    for o in order {
        let _ = write!(
            out,
            "<th scope=\"col\"><abbr title=\"{}\">{}</abbr></th>",
            o.as_str(),
            outcome_code(*o)
        );
    }
    out.push_str("</tr></thead>");
}

fn bot_cell(out: &mut String, i: usize, row: &FleetRow) {
    let _ = write!(out, "<th scope=\"row\"><a href=\"#{}\">", bot_id(i));
    push_esc(out, &row.path);
    out.push_str("</a>");
    if let FleetBot::Checked {
        name, direction, ..
    } = &row.bot
    {
        out.push_str("<br><span class=\"muted\">");
        push_esc(out, name);
        let _ = write!(out, " · {direction}</span>");
    }
    out.push_str("</th>");
}

fn matrix(out: &mut String, files: &[ReportFile], policy: PolicySource<'_>) {
    out.push_str("<h2 id=\"matrix\">Fleet matrix</h2>\n");
    let calls = Outcome::ALL;
    out.push_str(
        "<p class=\"muted\" id=\"calls-caption\">Call outcomes: what fires besides the locked actions (the legend follows)</p><div class=\"scroll\"><table class=\"mx\" aria-labelledby=\"calls-caption\">",
    );
    head_row(out, &calls);
    out.push_str("<tbody>\n");
    for (i, f) in files.iter().enumerate() {
        out.push_str("<tr>");
        bot_cell(out, i, &f.row);
        match &f.row.bot {
            FleetBot::Checked { outcomes, .. } => cells(out, outcomes, &calls),
            FleetBot::Broken { errors } => {
                let _ = write!(
                    out,
                    "<td colspan=\"{}\" class=\"err\">has {}</td>",
                    calls.len(),
                    plural(*errors, "error", "errors")
                );
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></div>\n");
    let sms = Channel::Sms.outcomes();
    let with_messaging: Vec<(usize, &ReportFile, &Vec<OutcomeSummary>)> = files
        .iter()
        .enumerate()
        .filter_map(|(i, f)| match &f.row.bot {
            FleetBot::Checked {
                messaging: Some(m), ..
            } => Some((i, f, m)),
            _ => None,
        })
        .collect();
    if !with_messaging.is_empty() {
        out.push_str(
            "<p class=\"muted\" id=\"sms-caption\">Messaging (SMS) outcomes: what fires besides SAMI's system steps</p><div class=\"scroll\"><table class=\"mx\" aria-labelledby=\"sms-caption\">",
        );
        head_row(out, &sms);
        out.push_str("<tbody>\n");
        for (i, f, m) in with_messaging {
            out.push_str("<tr>");
            bot_cell(out, i, &f.row);
            cells(out, m, &sms);
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody></table></div>\n");
    }
    out.push_str(
        "<h3 id=\"legend\">Legend</h3>\n<p><strong>Outcomes:</strong></p><ul class=\"legend\">",
    );
    for o in Outcome::ALL {
        let _ = write!(
            out,
            "<li>{} {} (<code>{}</code>): {}</li>",
            outcome_code(o),
            o.display_name(),
            o.as_str(),
            o.meaning()
        );
    }
    out.push_str("</ul>\n<p><strong>Locked steps, which always run, and why:</strong></p><ul>");
    // The locked actions, then the messaging cards' system steps.
    let locked = LockedAction::ALL.map(|l| (l.as_str(), "", l.reason()));
    let system = SystemStep::ALL.map(|s| {
        let what = "a system step of the messaging cards: ";
        (s.as_str(), what, s.reason())
    });
    for (name, what, why) in locked.into_iter().chain(system) {
        let _ = write!(
            out,
            "<li><span class=\"lk\">locked</span>{name}: {what}{why}</li>"
        );
    }
    out.push_str("</ul>\n");
    for (title, items) in legend(&policy.policy.outcomes)
        .into_iter()
        .filter(|(title, _)| *title != "Outcomes:")
    {
        let _ = write!(
            out,
            "<p><strong>{}</strong></p><ul class=\"legend\">",
            esc(title)
        );
        for item in items {
            out.push_str("<li>");
            push_esc(out, &item);
            out.push_str("</li>");
        }
        out.push_str("</ul>\n");
    }
}

/// Every bot's section, rendered on every core in runs of consecutive bots (a page of 10,000
/// bots is about 50 MB of HTML), the runs written out in order; one run is written as it is
/// rendered.
fn bot_sections(out: &mut Out<'_>, files: &[ReportFile]) {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len() / 64 + 1);
    if threads <= 1 {
        for (i, f) in files.iter().enumerate() {
            bot_section(out, i, f);
        }
        return;
    }
    let chunk = files.len().div_ceil(threads.max(1)).max(1);
    let render = |start: usize, part: &[ReportFile]| {
        let mut run = Out::new(None);
        run.buf.reserve(part.len() * 5120);
        for (k, f) in part.iter().enumerate() {
            bot_section(&mut run, start + k, f);
        }
        run.buf
    };
    let runs: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .enumerate()
            .map(|(n, part)| scope.spawn(move || render(n * chunk, part)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    for run in runs {
        out.buf.push_str(&run);
        drop(run);
        out.spill();
    }
}

fn bot_section(page: &mut Out<'_>, i: usize, f: &ReportFile) {
    let out = &mut page.buf;
    let id = bot_id(i);
    let _ = write!(
        out,
        "<section class=\"bot\" aria-labelledby=\"{id}-h\"><h3 id=\"{id}\"><span id=\"{id}-h\">"
    );
    match &f.bot {
        Some(bot) => push_esc(out, &bot.name),
        None => push_esc(out, &f.row.path),
    }
    out.push_str("</span></h3>\n<p class=\"path\"><code>");
    push_esc(out, &f.row.path);
    out.push_str("</code>");
    match &f.bot {
        Some(bot) => {
            let capability = if bot.direction.is_outbound_capable() {
                "outbound-capable: enrollment locks apply"
            } else {
                "inbound-only: no enrollment locks"
            };
            let _ = writeln!(out, " · {} ({capability})</p>", bot.direction);
            out.push_str("<h4>Call outcomes</h4>\n");
            cards::call_cards(out, bot, &id);
            if bot.messaging.is_some() {
                out.push_str("<h4>Messaging (SMS outcomes)</h4>\n");
                cards::messaging_cards(out, bot, &id);
            }
        }
        None => {
            out.push_str(
                " · <span class=\"err\">has errors</span>: what it would do can't be trusted, \
                 so its cards are not shown; fix the findings below.</p>\n",
            );
        }
    }
    findings(page, &f.diagnostics);
    page.buf.push_str("</section>\n");
    page.spill();
}

fn findings(page: &mut Out<'_>, diagnostics: &[Diagnostic]) {
    let out = &mut page.buf;
    if diagnostics.is_empty() {
        out.push_str("<p class=\"ok\">No findings.</p>\n");
        return;
    }
    let t = Tally::of(diagnostics);
    let _ = write!(
        out,
        "<h4>Findings: {}, {}</h4>\n<div class=\"scroll\"><table class=\"find\"><thead><tr>\
         <th scope=\"col\">Severity</th><th scope=\"col\">Rule</th><th scope=\"col\">Line</th>\
         <th scope=\"col\">Message</th></tr></thead><tbody>\n",
        plural(t.errors, "error", "errors"),
        plural(t.warnings, "warning", "warnings")
    );
    for d in diagnostics {
        let out = &mut page.buf;
        let (class, sev) = match d.severity {
            Severity::Error => ("err", "error"),
            Severity::Warning => ("warn", "warning"),
        };
        let _ = write!(
            out,
            "<tr><td class=\"{class}\">{sev}</td><td><a href=\"#rule-{0}\">{0}</a></td><td>{1}:{2}</td><td>",
            d.rule.id(),
            d.pos.line,
            d.pos.column
        );
        push_esc(out, &d.message);
        if let Some(h) = &d.help {
            out.push_str("<br><span class=\"muted\">help: ");
            push_esc(out, h);
            out.push_str("</span>");
        }
        out.push_str("</td></tr>\n");
        page.spill();
    }
    page.buf.push_str("</tbody></table></div>\n");
}

fn rules_section(out: &mut String, files: &[ReportFile]) {
    let found: BTreeSet<Rule> = files
        .iter()
        .flat_map(|f| f.diagnostics.iter().map(|d| d.rule))
        .collect();
    if found.is_empty() {
        return;
    }
    out.push_str("<h2 id=\"rules\">Rules found</h2>\n");
    for rule in found {
        let info = rule.info();
        let severity = match info.severity {
            Severity::Error => "error: always fails",
            Severity::Warning => "warning: samictl.toml may set it to allow, warn or deny",
        };
        let _ = write!(
            out,
            "<section class=\"rule\" aria-labelledby=\"rule-{0}\"><h3 id=\"rule-{0}\">{0}</h3>\
             <p class=\"muted\">{1}</p><p><strong>Catches:</strong> {2}.</p>\
             <p><strong>Points at:</strong> {3}.</p><p><strong>Why it matters:</strong> {4}</p>",
            info.id,
            severity,
            esc(info.summary),
            esc(info.points_at),
            esc(info.why)
        );
        if let Some(config) = info.config {
            let _ = write!(
                out,
                "<p>With this <code>samictl.toml</code>:</p><pre>{}</pre>",
                esc(config.trim_end())
            );
        }
        let _ = writeln!(
            out,
            "<p>Wrong:</p><pre>{}</pre><p>Right:</p><pre>{}</pre></section>",
            esc(info.wrong.trim_end()),
            esc(info.right.trim_end())
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;

    fn file(path: &str, yaml: &str) -> ReportFile {
        let checked = crate::validate::check(yaml, &Settings::default());
        let bot = match &checked.bot {
            Some(b) => crate::fleet::summarize(b),
            None => FleetBot::Broken {
                errors: checked.tally().errors,
            },
        };
        ReportFile {
            row: FleetRow {
                path: path.to_owned(),
                bot,
            },
            bot: checked.bot,
            diagnostics: checked.diagnostics,
        }
    }

    /// The page of `files` under the default policy, read from `config` (if any).
    fn page_of(files: &[ReportFile], config: Option<&str>) -> String {
        let policy = Policy::default();
        report(
            files,
            PolicySource {
                config,
                policy: &policy,
            },
        )
    }

    const HOSTILE: &str = "version: 1\nbot:\n  name: \"<img src=x onerror=alert(1)>\\u202e\"\n  direction: outbound\noutcomes:\n  opt-out:\n    actions:\n      - type: tag\n        name: opted-out\n";

    #[test]
    fn hostile_strings_are_text() {
        let files = vec![
            file("bots/<script>.yaml", HOSTILE),
            file("bots/bad\u{1b}.yaml", "version: 2\n"),
        ];
        let page = page_of(&files, Some("a<b>/samictl.toml"));
        assert!(!page.contains("<img"), "{page}");
        assert!(!page.contains("<script>."));
        assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;\\u{202e}"));
        assert!(page.contains("bots/bad\\u{1b}.yaml"));
        assert!(!page.contains('\u{1b}'));
        // One script element: the page's own.
        assert_eq!(page.matches("<script").count(), 1);
    }

    #[test]
    fn sections_rendered_on_several_cores_keep_their_order() {
        let files: Vec<ReportFile> = (0..200)
            .map(|i| file(&format!("bots/{i:03}.yaml"), HOSTILE))
            .collect();
        let page = page_of(&files, None);
        let at: Vec<usize> = (1..=200)
            .map(|i| page.find(&format!("<h3 id=\"bot-{i}\">")).unwrap())
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(page.matches("<details class=\"card\"").count(), 200 * 8);
    }

    /// The page written out as it is rendered, in pieces, is the page `report` gives: one
    /// bot with thousands of findings (written row by row) and runs of bots rendered apart.
    #[test]
    fn written_out_as_rendered_is_the_same_page() {
        let many = format!(
            "version: 1\nbot: {{name: x, direction: outbound}}\noutcomes:\n  missed-transfer:\n    \
             notify:\n      emails: [a{}]\n",
            ",a".repeat(3000)
        );
        let policy = Policy::default();
        let source = PolicySource {
            config: None,
            policy: &policy,
        };
        for files in [
            vec![file("a.yaml", &many)],
            (0..200)
                .map(|i| file(&format!("bots/{i:03}.yaml"), HOSTILE))
                .collect(),
        ] {
            let mut sink = Vec::new();
            report_to(&mut sink, &files, source).unwrap();
            assert_eq!(String::from_utf8(sink).unwrap(), report(&files, source));
        }
    }

    #[test]
    fn every_card_collapsed_in_canonical_order_with_findings_linked() {
        let files = vec![file("a.yaml", HOSTILE)];
        let page = page_of(&files, None);
        assert_eq!(page.matches("<details class=\"card\"").count(), 8);
        assert!(!page.contains("<details class=\"card\" open"));
        let at = |tag: &str| page.find(&format!("id=\"bot-1-{tag}\"")).unwrap();
        let order: Vec<usize> = Outcome::ALL.iter().map(|o| at(o.as_str())).collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]));
        // outcome-missing findings link to the explanation on the page.
        assert!(page.contains("href=\"#rule-outcome-missing\""));
        assert!(page.contains("id=\"rule-outcome-missing\""));
        assert!(page.contains("<li class=\"l\">do-not-contact-all-channels"));
        assert!(page.contains("hidden: nothing for a human to act on"));
        // Each lock's reason is given once, in the legend.
        assert_eq!(
            page.matches("cadence protection: the lead leaves").count(),
            1
        );
    }
}
