//! `samictl diff --git --format html`: a repository's changed bots as one page (docs/spec 19):
//! the summary, the compliance changes first, then every changed bot's per-outcome changes.

use super::cards::step;
use super::{esc, page, push_esc};
use crate::behaviour_diff::Change;
use crate::fleet::{BotChange, RepoDiff, Status};
use crate::product::Channel;
use crate::render::changed_bots::summary;
use crate::render::text::quoted;
use crate::seqdiff::{Edit, sequence_diff};
use crate::simulate::{Fired, Simulation};
use std::fmt::Write;

fn tag(c: &Change) -> String {
    match c.channel() {
        Channel::Call => c.outcome.as_str().to_owned(),
        Channel::Sms => format!("sms:{}", c.outcome.as_str()),
    }
}

fn bot_id(i: usize) -> String {
    format!("bot-{}", i + 1)
}

/// The page. `revisions` names what was compared (`origin/main..HEAD`).
pub fn page_of(r: &RepoDiff, revisions: &str) -> String {
    let mut out = String::with_capacity(r.bots.len() * 4096 + 4096);
    out.push_str("<h1 id=\"top\">What this change does to the bots</h1>\n<p>Compared: <code>");
    push_esc(&mut out, revisions);
    out.push_str("</code></p>\n");
    if r.bots.is_empty() {
        out.push_str("<p>No bot file changed.</p>\n");
        return page("samictl diff", &out, false);
    }
    out.push_str("<h2 id=\"summary\">Summary</h2>\n<p>");
    push_esc(&mut out, &summary(r));
    out.push_str(".</p>\n");
    let compliance: Vec<(usize, &BotChange)> = r
        .bots
        .iter()
        .enumerate()
        .filter(|(_, b)| b.compliance())
        .collect();
    out.push_str("<h2 id=\"compliance\">Compliance changes</h2>\n");
    if compliance.is_empty() {
        out.push_str(
            "<p class=\"ok\">None: no change touches compliance (TCPA, locks, recipients).</p>\n",
        );
    } else {
        out.push_str("<ul>");
        for (i, b) in &compliance {
            let _ = write!(out, "<li><a href=\"#{}\"><code>", bot_id(*i));
            push_esc(&mut out, &b.path);
            out.push_str("</code></a><ul>");
            for c in b.diff.changes.iter().filter(|c| !c.compliance.is_empty()) {
                let _ = write!(out, "<li><code>{}</code>: ", tag(c));
                push_esc(&mut out, &c.compliance.join("; "));
                out.push_str("</li>");
            }
            out.push_str("</ul></li>");
        }
        out.push_str("</ul>\n");
    }
    out.push_str("<h2 id=\"bots\">Changed bots</h2>\n<div class=\"scroll\"><table><thead><tr>\
        <th scope=\"col\">Bot</th><th scope=\"col\">Status</th><th scope=\"col\">Outcomes changed</th>\
        </tr></thead><tbody>\n");
    for (i, b) in r.bots.iter().enumerate() {
        let _ = write!(
            out,
            "<tr><th scope=\"row\" class=\"path\"><a href=\"#{}\">",
            bot_id(i)
        );
        push_esc(&mut out, &b.path);
        let _ = write!(
            out,
            "</a></th><td>{}{}</td><td>",
            b.status.as_str(),
            if b.compliance() {
                " <span class=\"warn\">compliance</span>"
            } else {
                ""
            }
        );
        let tags: Vec<String> = b.diff.changes.iter().map(tag).collect();
        out.push_str(&if b.status == Status::Invalid {
            "can't be compared".to_owned()
        } else if tags.is_empty() {
            "no behaviour change".to_owned()
        } else {
            tags.join(", ")
        });
        out.push_str("</td></tr>\n");
    }
    out.push_str("</tbody></table></div>\n");
    for (i, b) in r.bots.iter().enumerate() {
        bot(&mut out, i, b);
    }
    page("samictl diff", &out, true)
}

fn bot(out: &mut String, i: usize, b: &BotChange) {
    let id = bot_id(i);
    let _ = write!(
        out,
        "<section class=\"bot\" aria-labelledby=\"{id}\"><h3 id=\"{id}\"><code>"
    );
    push_esc(out, &b.path);
    let _ = write!(
        out,
        "</code> <span class=\"muted\">{}</span>",
        b.status.as_str()
    );
    if b.compliance() {
        out.push_str(" <span class=\"warn\">compliance</span>");
    }
    out.push_str("</h3>\n");
    if let Some(old) = b.old_path.as_ref().filter(|o| **o != b.path) {
        out.push_str("<p>from <code>");
        push_esc(out, old);
        out.push_str("</code></p>\n");
    }
    if b.status == Status::Invalid {
        out.push_str("<ul>");
        for p in &b.problems {
            out.push_str("<li class=\"err\">");
            push_esc(out, p);
            out.push_str("</li>");
        }
        out.push_str("</ul><p>Its behaviour can't be compared: run <code>samictl validate</code> on it.</p></section>\n");
        return;
    }
    if let Some((before, after)) = &b.diff.renamed {
        let _ = writeln!(
            out,
            "<p>Bot renamed: {} → {} (<code>{{{{ bot.name }}}}</code> changes)</p>",
            esc(&quoted(before, None)),
            esc(&quoted(after, None))
        );
    }
    if let Some((before, after)) = &b.diff.direction {
        let _ = writeln!(out, "<p>Direction: {before} → {after}</p>");
    }
    if b.diff.changes.is_empty() {
        out.push_str("<p>No behaviour change.</p></section>\n");
        return;
    }
    for c in &b.diff.changes {
        change(out, &id, b.status, c);
    }
    out.push_str("</section>\n");
}

fn criteria(s: &Simulation) -> String {
    s.analysis_criteria.as_ref().map_or_else(
        || "SAMI's default wording".to_owned(),
        |c| esc(&quoted(c, None)),
    )
}

fn mid_call(s: &Simulation) -> String {
    crate::render::behaviour_diff::mid_call_with(&s.mid_call, |w| esc(&quoted(w, None)))
}

fn change(out: &mut String, id: &str, status: Status, c: &Change) {
    let _ = write!(
        out,
        "<details class=\"card\" open id=\"{id}-{}\"><summary><b>{}</b>",
        tag(c).replace(':', "-"),
        tag(c)
    );
    if !c.compliance.is_empty() {
        out.push_str(" <span class=\"warn\">compliance</span>");
    }
    out.push_str("</summary><div class=\"in\">");
    if !c.compliance.is_empty() {
        out.push_str("<p class=\"warn\">");
        push_esc(out, &c.compliance.join("; "));
        out.push_str("</p>");
    }
    out.push_str("<dl>");
    let show_criteria = match status {
        Status::Added => c.after.analysis_criteria.is_some(),
        Status::Removed => c.before.analysis_criteria.is_some(),
        _ => c.criteria_changed(),
    };
    if show_criteria {
        let _ = write!(
            out,
            "<dt>Analysis criteria</dt><dd>before: {}<br>after: {}</dd>",
            side(status, Status::Added, || criteria(&c.before)),
            side(status, Status::Removed, || criteria(&c.after))
        );
    }
    if c.mid_call_changed() {
        let _ = write!(
            out,
            "<dt>Mid-call</dt><dd>before: {}<br>after: {}</dd>",
            side(status, Status::Added, || mid_call(&c.before)),
            side(status, Status::Removed, || mid_call(&c.after))
        );
    }
    out.push_str("<dt>Fires, in order</dt><dd>");
    let before: Vec<&Fired> = c.before.fires().collect();
    let after: Vec<&Fired> = c.after.fires().collect();
    let edits = sequence_diff(&before, &after);
    if edits.is_empty() {
        out.push_str("nothing, before and after");
    } else {
        out.push_str("<ul class=\"fire\">");
        for e in edits {
            let (class, sign, f) = match e {
                Edit::Same(f) => ("", "\u{a0}\u{a0}", f),
                Edit::Removed(f) => (" class=\"del\"", "− removed: ", f),
                Edit::Added(f) => (" class=\"add\"", "+ added: ", f),
            };
            let _ = write!(out, "<li{class}>{sign}");
            step(out, f, true);
            out.push_str("</li>");
        }
        out.push_str("</ul>");
    }
    out.push_str("</dd></dl></div></details>\n");
}

/// "no bot" for the side an added or removed bot doesn't have.
fn side(status: Status, missing: Status, text: impl Fn() -> String) -> String {
    if status == missing {
        "no bot".to_owned()
    } else {
        text()
    }
}
