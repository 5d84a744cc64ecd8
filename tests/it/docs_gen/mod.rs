//! Generated, never hand-kept: the product tables of `docs/format.md` and the comments of the
//! init template (`templates/bot.yaml`), built from the product table.
//!
//! A Markdown file marks each generated region with a pair of lines,
//! `<!-- generated: NAME -->` and `<!-- end generated -->`; [`fill`] rewrites what lies between
//! them and keeps the hand-written prose around. The template keeps its YAML as written;
//! [`template`] rewrites the comment lines above each card. Both are pure (text in, text out);
//! `tests/it/generated.rs` fails when a committed copy is stale, and
//! `SAMICTL_REGENERATE=1 cargo test --test it generated::` rewrites them.
//!
//! Only [`source`] reads the product table. This is test code (the library does not ship it):
//! only `tests/it/generated.rs` calls it.

mod source;
mod tables;

use samictl::product::Channel;
use std::fmt;

/// The init template, relative to the repository root.
pub const TEMPLATE_PATH: &str = "templates/bot.yaml";

/// The Markdown files holding generated regions, relative to the repository root.
pub const MARKDOWN_PATHS: [&str; 2] = ["docs/format.md", "docs/editing.md"];

/// The first line of a generated region is this, the region's name, then ` -->`.
pub const REGION_START: &str = "<!-- generated: ";
/// The last line of a generated region.
pub const REGION_END: &str = "<!-- end generated -->";

/// The template's comment lines are wrapped to this many columns.
const TEMPLATE_WIDTH: usize = 100;

/// Every region name [`fill`] knows, in the order `docs/format.md` uses them, then
/// `docs/editing.md`'s.
pub const REGIONS: [&str; 16] = [
    "outcomes",
    "criteria",
    "mid-call",
    "user-actions",
    "requested-time",
    "allowed-actions",
    "locks",
    "notify-keys",
    "notify-access",
    "follow-up-warnings",
    "messaging-outcomes",
    "system-steps",
    "messaging-allowed",
    "placeholders",
    "template",
    "presets",
];

/// Why a file can't be regenerated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocsError {
    /// A region's name is not one of [`REGIONS`].
    UnknownRegion { line: usize, name: String },
    /// A region starts and never ends.
    Unterminated { line: usize, name: String },
    /// A region starts inside another.
    Nested { line: usize },
    /// An end marker with no region open.
    StrayEnd { line: usize },
    /// The template has no card for an outcome of a channel.
    MissingCard {
        section: &'static str,
        tag: &'static str,
    },
    /// The template has a card key its section doesn't define.
    UnknownCard { line: usize, section: &'static str },
}

impl fmt::Display for DocsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocsError::UnknownRegion { line, name } => write!(
                f,
                "line {line}: no generated region named `{name}` (known: {})",
                REGIONS.join(", ")
            ),
            DocsError::Unterminated { line, name } => {
                write!(f, "line {line}: region `{name}` has no `{REGION_END}` line")
            }
            DocsError::Nested { line } => {
                write!(f, "line {line}: a region starts inside another")
            }
            DocsError::StrayEnd { line } => {
                write!(f, "line {line}: `{REGION_END}` with no region open")
            }
            DocsError::MissingCard { section, tag } => {
                write!(f, "the template has no `{section}.{tag}` card")
            }
            DocsError::UnknownCard { line, section } => {
                write!(f, "line {line}: not a card of `{section}`")
            }
        }
    }
}

impl std::error::Error for DocsError {}

/// The content of region `name` (ending in a newline), or `None` for an unknown name.
/// `template` is the init template's text, which the `template` region shows.
pub fn region(name: &str, template: &str) -> Option<String> {
    Some(match name {
        "outcomes" => tables::outcomes(),
        "criteria" => tables::criteria(),
        "mid-call" => tables::mid_call(),
        "user-actions" => tables::user_actions(),
        "requested-time" => tables::requested_time(),
        "allowed-actions" => tables::allowed_actions(),
        "locks" => tables::locks(),
        "notify-keys" => tables::notify_keys(),
        "notify-access" => tables::notify_access(),
        "follow-up-warnings" => tables::follow_up_warnings(),
        "messaging-outcomes" => tables::messaging_outcomes(),
        "system-steps" => tables::system_steps(),
        "messaging-allowed" => tables::messaging_allowed(),
        "placeholders" => tables::placeholders(),
        "template" => tables::template(template),
        "presets" => tables::presets(),
        _ => return None,
    })
}

/// The region a line opens, if it is a start marker.
fn region_name(line: &str) -> Option<&str> {
    line.trim_end()
        .strip_prefix(REGION_START)
        .and_then(|rest| rest.strip_suffix("-->"))
        .map(str::trim)
}

/// `text` with every generated region rewritten; the lines outside the regions are kept
/// byte for byte. `template` is the init template's text (for the `template` region).
pub fn fill(text: &str, template: &str) -> Result<String, DocsError> {
    let mut out = String::with_capacity(text.len());
    let mut lines = text.split_inclusive('\n').enumerate();
    while let Some((i, line)) = lines.next() {
        if line.trim_end() == REGION_END {
            return Err(DocsError::StrayEnd { line: i + 1 });
        }
        out.push_str(line);
        let Some(name) = region_name(line) else {
            continue;
        };
        let unknown = || DocsError::UnknownRegion {
            line: i + 1,
            name: name.to_owned(),
        };
        let body = region(name, template).ok_or_else(unknown)?;
        if !line.ends_with('\n') {
            out.push('\n');
        }
        let mut closed = false;
        for (j, inner) in lines.by_ref() {
            if region_name(inner).is_some() {
                return Err(DocsError::Nested { line: j + 1 });
            }
            if inner.trim_end() == REGION_END {
                // Blank lines around the content: a table must not swallow the end marker.
                out.push('\n');
                out.push_str(&body);
                out.push('\n');
                out.push_str(inner);
                closed = true;
                break;
            }
        }
        if !closed {
            return Err(DocsError::Unterminated {
                line: i + 1,
                name: name.to_owned(),
            });
        }
    }
    Ok(out)
}

/// The init template with the comment lines above each card (of `outcomes` and `messaging`)
/// rewritten from the product table; every other line is kept as written. Every card of each
/// channel must be there.
pub fn template(current: &str) -> Result<String, DocsError> {
    let mut out: Vec<String> = Vec::new();
    let mut section: Option<Channel> = None;
    let mut seen: Vec<(Channel, &str)> = Vec::new();
    for (i, line) in current.lines().enumerate() {
        let top_level = !line.is_empty() && !line.starts_with([' ', '#']);
        if top_level {
            let key = line.split(':').next().unwrap_or("");
            section = source::channels()
                .into_iter()
                .find(|c| source::section(*c) == key);
        }
        if let Some(channel) = section
            && let Some(key) = card_key(line)
        {
            let cards = source::cards(channel);
            let card = cards
                .iter()
                .find(|c| c.tag == key)
                .ok_or(DocsError::UnknownCard {
                    line: i + 1,
                    section: source::section(channel),
                })?;
            while out.last().is_some_and(|l| l.starts_with("  #")) {
                out.pop();
            }
            out.extend(tables::comment_lines(
                &tables::card_comment(channel, card),
                "  # ",
                TEMPLATE_WIDTH,
            ));
            seen.push((channel, card.tag));
        }
        out.push(line.to_owned());
    }
    for channel in source::channels() {
        for card in source::cards(channel) {
            if !seen.contains(&(channel, card.tag)) {
                return Err(DocsError::MissingCard {
                    section: source::section(channel),
                    tag: card.tag,
                });
            }
        }
    }
    let mut text = out.join("\n");
    if current.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}

/// The key of a card line (`  opt-out: {}`), indented by two spaces.
fn card_key(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("  ")?;
    if rest.starts_with([' ', '#', '-']) {
        return None;
    }
    let (key, _) = rest.split_once(':')?;
    Some(key.trim())
}

#[cfg(test)]
mod tests;
