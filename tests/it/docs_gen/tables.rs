//! The Markdown of each generated region, built from the rows of [`super::source`].

use super::source::{self, Bots, CardDoc};
use samictl::product::Channel;

/// `name` as inline code.
fn code(name: &str) -> String {
    format!("`{name}`")
}

/// A table cell: a `|` would end the cell early.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// "a", "a and b", "a, b and c" (`last` is "and" or "or").
fn join(items: &[String], last: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., tail] => format!("{} {last} {tail}", init.join(", ")),
    }
}

fn codes(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| code(n)).collect()
}

/// A Markdown table: a header row, the separator, the rows.
fn table(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut out = format!("| {} |\n|", header.join(" | "));
    out.push_str(&"---|".repeat(header.len()));
    out.push('\n');
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

fn yes_no(allowed: bool) -> String {
    if allowed { "yes" } else { "no" }.to_owned()
}

/// The eight call outcomes.
pub fn outcomes() -> String {
    table(
        &["tag", "display name", "meaning"],
        source::call_outcomes()
            .into_iter()
            .map(|(tag, name, meaning)| vec![code(tag), name.to_owned(), meaning.to_owned()]),
    )
}

/// A paragraph, wrapped at 100 columns like the prose around it.
fn paragraph(text: &str) -> String {
    let mut out = wrap_comment(text, "", 100).join("\n");
    out.push('\n');
    out
}

/// Which outcomes take `analysis_criteria`.
pub fn criteria() -> String {
    let cards = source::cards(Channel::Call);
    let tags = |takes: bool| -> Vec<String> {
        cards
            .iter()
            .filter(|c| c.takes_criteria == takes)
            .map(|c| code(c.tag))
            .collect()
    };
    let (with, without) = (tags(true), tags(false));
    let mut out = format!("Allowed on {}", join(&with, "and"));
    if !without.is_empty() {
        out.push_str(&format!(
            "; not on {}, which are {} (`{}`)",
            join(&without, "and"),
            source::no_criteria_reason(),
            source::rule_ids().option_not_allowed
        ));
    }
    out.push('.');
    paragraph(&out)
}

/// The `mid_call` options.
pub fn mid_call() -> String {
    let every = source::call_tags();
    table(
        &["key", "type", "allowed on", "meaning"],
        source::mid_call_options().into_iter().map(|o| {
            let on = if o.outcomes == every {
                "every outcome".to_owned()
            } else {
                codes(&o.outcomes).join(", ")
            };
            let meaning = match &o.preset {
                Some(p) => format!("{} (SAMI's preset: {p})", o.meaning),
                None => o.meaning.to_owned(),
            };
            vec![code(o.key), o.value, on, meaning]
        }),
    )
}

/// The user actions and their fields.
pub fn user_actions() -> String {
    table(
        &["`type`", "fields", "notes"],
        source::user_actions()
            .into_iter()
            .map(|a| vec![code(a.name), a.fields.join("; "), a.does.to_owned()]),
    )
}

/// The keys of a `notify` block.
pub fn notify_keys() -> String {
    table(
        &["key", "type", "meaning"],
        source::notify_keys()
            .into_iter()
            .map(|(key, value, meaning)| vec![code(key), value, meaning.to_owned()]),
    )
}

/// Where `requested-time` exists.
pub fn requested_time() -> String {
    let on = |channel| -> Vec<String> {
        source::cards(channel)
            .iter()
            .filter(|c| c.requested_time)
            .map(|c| code(c.tag))
            .collect()
    };
    let (calls, sms) = (on(Channel::Call), on(Channel::Sms));
    let ids = source::rule_ids();
    let place = if calls == sms {
        format!(
            "only on {}, call and messaging cards alike",
            join(&calls, "and")
        )
    } else {
        format!(
            "only on {} (call cards) and {} (messaging cards)",
            join(&calls, "and"),
            join(&sms, "and")
        )
    };
    paragraph(&format!(
        "`due_in: requested-time` and the `{{{{ requested_time }}}}` placeholder exist {place}: \
         elsewhere the first is `{}` and the second `{}`.",
        ids.option_not_allowed, ids.unknown_placeholder
    ))
}

fn notify_cell(card: &CardDoc) -> String {
    if card.notify_keys == source::all_notify_keys() {
        "yes".to_owned()
    } else if !card.notify_keys.is_empty() {
        format!("{} only", codes(card.notify_keys).join(", "))
    } else {
        match card.notify_reason {
            Some(reason) => format!("no ({reason})"),
            None => "no".to_owned(),
        }
    }
}

fn allowed_table(channel: Channel) -> String {
    let cards = source::cards(channel);
    let mut header = vec!["outcome"];
    if let Some(first) = cards.first() {
        header.extend(first.actions.iter().map(|(name, _)| *name));
    }
    header.push("notify");
    table(
        &header,
        cards.iter().map(|c| {
            let mut row = vec![if channel == Channel::Call {
                c.tag.to_owned()
            } else {
                code(c.tag)
            }];
            row.extend(c.actions.iter().map(|(_, allowed)| yes_no(*allowed)));
            row.push(notify_cell(c));
            row
        }),
    )
}

/// Which user actions and notifications each call outcome allows.
pub fn allowed_actions() -> String {
    allowed_table(Channel::Call)
}

/// Which user actions and notifications each messaging card allows.
pub fn messaging_allowed() -> String {
    allowed_table(Channel::Sms)
}

/// The cards with no notification controls.
pub fn notify_access() -> String {
    let none: Vec<String> = source::cards(Channel::Call)
        .iter()
        .filter(|c| c.notify_keys.is_empty())
        .map(|c| code(c.tag))
        .collect();
    paragraph(&format!(
        "Any `notify` key on {} is an error (`{}`), even an empty one.",
        join(&none, "or"),
        source::rule_ids().notify_not_allowed
    ))
}

/// The locked actions: where they apply and why.
pub fn locks() -> String {
    table(
        &["`type`", "applies to", "why"],
        source::locks().into_iter().map(|l| {
            let outcomes = codes(&l.outcomes).join(", ");
            let applies = match &l.bots {
                Bots::Every => format!("{outcomes}, on every bot"),
                Bots::OutboundCapable => format!("outbound-capable bots: {outcomes}"),
                Bots::Directions(d) => format!("{} bots: {outcomes}", d.join(", ")),
            };
            vec![code(l.name), applies, l.reason.to_owned()]
        }),
    )
}

/// The warnings an existing card with no task and no notification gets.
pub fn follow_up_warnings() -> String {
    table(
        &["outcome", "rule", "says"],
        source::follow_up_warnings()
            .into_iter()
            .map(|w| vec![code(w.tag), code(w.rule), w.summary.to_owned()]),
    )
}

/// The messaging cards and the system steps SAMI runs on each.
pub fn messaging_outcomes() -> String {
    table(
        &["tag", "card title", "meaning", "system steps, in order"],
        source::cards(Channel::Sms).into_iter().map(|c| {
            vec![
                code(c.tag),
                c.title.to_owned(),
                c.meaning.to_owned(),
                codes(&c.system_steps).join(", "),
            ]
        }),
    )
}

/// Every system step, what it does and why.
pub fn system_steps() -> String {
    table(
        &["step", "what", "why"],
        source::system_steps()
            .into_iter()
            .map(|s| vec![code(s.name), s.label.to_owned(), s.reason.to_owned()]),
    )
}

/// Every placeholder, the fields and the cards it may be used in.
pub fn placeholders() -> String {
    let every_call = source::call_tags();
    let every_sms: Vec<&str> = source::cards(Channel::Sms).iter().map(|c| c.tag).collect();
    let cards = |tags: &[&str], every: &[&str], all: &str| -> String {
        if tags.is_empty() {
            "no".to_owned()
        } else if tags == every {
            all.to_owned()
        } else {
            codes(tags).join(", ")
        }
    };
    table(
        &[
            "name",
            "what",
            "filled in (call cards)",
            "call outcomes",
            "messaging cards (task titles)",
        ],
        source::placeholders().into_iter().map(|p| {
            let mut on_calls = cards(&p.call_outcomes, &every_call, "every outcome");
            if !p.separable {
                on_calls.push_str(" (not in every field on each)");
            }
            vec![
                code(p.name),
                p.what.to_owned(),
                p.fields.join(", "),
                on_calls,
                cards(&p.sms_outcomes, &every_sms, "every card"),
            ]
        }),
    )
}

/// A small count in words, as prose writes it.
pub(super) fn count_word(n: usize) -> String {
    const WORDS: [&str; 11] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| (*w).to_owned())
}

/// What SAMI's preset cards (the init template) do.
pub fn presets() -> String {
    let presets = source::presets();
    let mut text = "SAMI's presets:".to_owned();
    for (name, summary) in &presets {
        if let Some(summary) = summary {
            text.push_str(&format!(" {name} {summary}."));
        }
    }
    let bare = presets.iter().filter(|(_, s)| s.is_none()).count();
    if bare > 0 {
        text.push_str(&format!(
            " The other {} start with no user actions.",
            count_word(bare)
        ));
    }
    paragraph(&text)
}

/// The init template, as a YAML block.
pub fn template(template: &str) -> String {
    let mut out = format!("```yaml\n{template}");
    if !template.ends_with('\n') {
        out.push('\n');
    }
    out.push_str("```\n");
    out
}

/// The comment above a card of the init template, in sentences: what the card means, then
/// the locks that run on every bot.
pub fn card_comment(channel: Channel, card: &CardDoc) -> Vec<String> {
    let mut parts = vec![format!("{}: {}.", card.name, card.meaning)];
    if channel == Channel::Call {
        for lock in &card.every_bot_locks {
            parts.push(format!("{lock} runs on every bot."));
        }
    }
    parts
}

/// Comment lines for `parts`: on one line when they fit in `width` columns, else each part
/// starting a line of its own (and wrapped).
pub fn comment_lines(parts: &[String], prefix: &str, width: usize) -> Vec<String> {
    let one = parts.join(" ");
    if prefix.chars().count() + one.chars().count() <= width {
        return vec![format!("{prefix}{one}")];
    }
    parts
        .iter()
        .flat_map(|p| wrap_comment(p, prefix, width))
        .collect()
}

/// `text` as comment lines of at most `width` columns, each starting with `prefix`.
pub fn wrap_comment(text: &str, prefix: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = prefix.to_owned();
    for word in text.split_whitespace() {
        let empty = line.len() == prefix.len();
        if !empty && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::replace(&mut line, prefix.to_owned()));
        }
        if line.len() > prefix.len() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines
}
