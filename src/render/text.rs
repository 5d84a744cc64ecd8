//! Text helpers shared by the renderers: the one escaping layer, and widths.
//!
//! Every string that came from a file, a file name, `samictl.toml` or git passes through
//! [`escape`] before it reaches a terminal (human output, error messages, edit prompts);
//! machine formats use [`json_safe`] (JSON, SARIF) and [`xml_text`] (JUnit). The characters
//! treated are [`needs_escape`]'s (docs/spec 12).

use crate::charclass::push_escaped;
pub use crate::charclass::{escape, is_bidi_control, is_invisible, needs_escape, plain_ascii};
use crate::model::Action;
use unicode_width::UnicodeWidthChar;

/// Rewrites serialized JSON so that every character of [`needs_escape`] is a `\uXXXX` escape
/// (serde_json writes DEL, C1 controls, bidi and invisible characters raw). Such characters
/// can only stand inside JSON strings, where the escape means the same character, so the
/// document's value is unchanged.
pub fn json_safe(json: String) -> String {
    // Newlines are layout: a text with nothing else to escape is kept, not copied. Printable
    // ASCII (nearly every report) is told apart a byte at a time, without the tables.
    let plain = plain_ascii(json.as_bytes(), true);
    if plain || !json.chars().any(|c| c != '\n' && needs_escape(c)) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        // Newlines between tokens are layout, not content (in strings they are `\n`).
        if needs_escape(c) && c != '\n' {
            use std::fmt::Write;
            // A character past U+FFFF (a tag character, U+E0020) is its UTF-16 surrogate
            // pair: `\ue0020` would read as U+E002 and a `0`.
            for unit in c.encode_utf16(&mut [0; 2]) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Text for XML 1.0 (attribute values and element content): markup characters as entities,
/// the escape set of [`needs_escape`] escaped as in the terminal (newlines kept), and the
/// characters XML forbids (U+FFFE, U+FFFF; Rust strings hold no lone surrogates) dropped.
pub fn xml_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    xml_into(&mut out, s);
    out
}

/// [`xml_text`] of `s`, appended to `out` (issue 32: a report of half a million findings
/// costs no string per piece).
pub fn xml_into(out: &mut String, s: &str) {
    if plain_ascii(s.as_bytes(), true) && !s.bytes().any(|b| b"&<>\"'".contains(&b)) {
        out.push_str(s);
        return;
    }
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push('\n'),
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => push_escaped(out, c),
        }
    }
}

/// Display width of a string once escaped.
pub fn width(s: &str) -> usize {
    escape(s)
        .chars()
        .map(|c| UnicodeWidthChar::width(c).unwrap_or(0))
        .sum()
}

/// Text from a bot file, escaped and quoted, optionally shortened (at a word where it can),
/// its placeholders kept whole for wrapping (see [`keep_placeholders`]).
pub fn quoted(text: &str, max: Option<usize>) -> String {
    let text = keep_placeholders(&escape(text));
    match max {
        Some(m) => format!("\"{}\"", shorten_at_word(&text, m)),
        None => format!("\"{text}\""),
    }
}

/// The spaces inside `{{ ... }}` as no-break spaces, so a table or a wrapped line never
/// breaks a placeholder across lines. For human output only.
pub fn keep_placeholders(s: &str) -> String {
    if !s.contains("{{") {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut depth = false;
    let mut rest = s;
    while !rest.is_empty() {
        if rest.starts_with("{{") {
            depth = true;
            out.push_str("{{");
            rest = &rest[2..];
            continue;
        }
        if rest.starts_with("}}") {
            depth = false;
            out.push_str("}}");
            rest = &rest[2..];
            continue;
        }
        let mut chars = rest.chars();
        let c = chars.next().unwrap_or(' ');
        out.push(if depth && c == ' ' { '\u{a0}' } else { c });
        rest = chars.as_str();
    }
    out
}

/// Shortens to at most `max` characters with an ellipsis, cutting at a space when one is in
/// the second half, so a word (a placeholder, an email) is not cut.
pub fn shorten_at_word(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let head: String = s.chars().take(max.saturating_sub(1)).collect();
    let cut = match head.rfind(' ') {
        Some(i) if head[..i].chars().count() >= max / 2 => {
            head[..i].trim_end_matches([',', ';', ':']).to_owned()
        }
        _ => head,
    };
    format!("{cut}…")
}

/// A user action in one line (`note "..."`, `task "...", due 15m, for owner`, `tag "..."`),
/// texts shortened to `max`; `None` for locked actions and notifications, which each view
/// names its own way.
pub fn user_action(fired: &crate::simulate::Fired, max: Option<usize>) -> Option<String> {
    use crate::simulate::Fired;
    match fired {
        Fired::Action(Action::Note { text }) => Some(format!("note {}", quoted(text, max))),
        Fired::Action(Action::Task {
            title,
            due_in,
            assignee,
        }) => {
            let due = due_in.map(|d| format!(", due {d}")).unwrap_or_default();
            Some(format!(
                "task {}{due}, for {}",
                quoted(title, max),
                escape(&assignee.to_string())
            ))
        }
        Fired::Action(Action::Tag { name }) => Some(format!("tag {}", quoted(name, None))),
        Fired::Action(Action::Locked(_))
        | Fired::System(_)
        | Fired::NotifyOwner
        | Fired::NotifyEmail { .. }
        | Fired::NotifyPhone { .. } => None,
    }
}

/// Shortens a string to at most `max` characters, with an ellipsis.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_terminal_controls() {
        assert_eq!(escape("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(escape("x\ty"), "x y");
        assert_eq!(escape("line\rfeed\u{7}"), "line\\u{d}feed\\u{7}");
        assert_eq!(escape("\u{202E}abc"), "\\u{202e}abc");
        assert_eq!(escape("Café ✓"), "Café ✓");
        assert_eq!(escape("opt\u{200b}-out"), "opt\\u{200b}-out");
        for c in [
            '\u{7f}', '\u{9b}', '\u{2060}', '\u{feff}', '\u{ad}', '\u{2028}', '\u{2029}',
            '\u{2066}',
        ] {
            assert!(!escape(&format!("a{c}b")).contains(c), "{c:?}");
        }
        // Idempotent: escaping an escaped text changes nothing.
        let once = escape("\u{1b}]0;x\u{7}");
        assert_eq!(escape(&once), once);
    }

    /// An escaped character past U+FFFF is a surrogate pair, so the JSON reads back the
    /// same string (it was `\ue0020`: U+E002 and a `0`).
    #[test]
    fn json_escapes_characters_past_the_bmp_as_surrogate_pairs() {
        let name = "tag\u{e0020}x\u{e007f}.yaml";
        let j = json_safe(serde_json::to_string(name).unwrap());
        assert_eq!(j, "\"tag\\udb40\\udc20x\\udb40\\udc7f.yaml\"");
        assert_eq!(serde_json::from_str::<String>(&j).unwrap(), name);
    }

    #[test]
    fn json_and_xml() {
        let j = json_safe(serde_json::to_string("a\u{9b}b\u{202e}c\u{7f}").unwrap());
        assert_eq!(j, "\"a\\u009bb\\u202ec\\u007f\"");
        assert_eq!(
            serde_json::from_str::<String>(&j).unwrap(),
            "a\u{9b}b\u{202e}c\u{7f}"
        );
        assert_eq!(xml_text("a\u{fffe}b\u{ffff}<"), "ab&lt;");
        assert_eq!(xml_text("x\u{1b}y"), "x\\u{1b}y");
    }

    #[test]
    fn placeholders_stay_whole() {
        assert_eq!(
            keep_placeholders("Hi {{ contact.first_name }}, bye"),
            "Hi {{\u{a0}contact.first_name\u{a0}}}, bye"
        );
        assert_eq!(
            shorten_at_word("Someone will call you back shortly.", 30),
            "Someone will call you back…"
        );
        assert_eq!(shorten_at_word("abcdefghij", 5), "abcd…");
    }

    #[test]
    fn widths_and_shortening() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("日本"), 4);
        assert_eq!(shorten("abcdef", 4), "abc…");
        assert_eq!(shorten("abc", 4), "abc");
    }

    #[test]
    fn every_format_and_default_ignorable_character_is_escaped() {
        use crate::charclass::invisible::INVISIBLE;
        // The table is sorted and disjoint, so the binary search is exact.
        assert!(INVISIBLE.iter().all(|(lo, hi)| lo <= hi));
        assert!(INVISIBLE.windows(2).all(|w| w[0].1 < w[1].0));
        // The characters issue 32 found printed raw, and the ones docs/spec 12 lists.
        for c in [
            '\u{061C}',
            '\u{180E}',
            '\u{2062}',
            '\u{3164}',
            '\u{115F}',
            '\u{2800}',
            '\u{E0020}',
            '\u{E0001}',
            '\u{E007F}',
            '\u{FE0F}',
            '\u{E0100}',
            '\u{FFA0}',
            '\u{200B}',
            '\u{200F}',
            '\u{2060}',
            '\u{FEFF}',
            '\u{AD}',
            '\u{2028}',
            '\u{2029}',
            '\u{202A}',
            '\u{2066}',
            '\u{034F}',
            '\u{FFF0}',
            '\u{1D173}',
        ] {
            assert!(needs_escape(c), "U+{:04X}", u32::from(c));
            assert!(
                escape(&format!("a{c}b")).contains("\\u{"),
                "U+{:04X}",
                u32::from(c)
            );
        }
        for c in [
            'a',
            ' ',
            'é',
            '\u{3000}',
            '\u{1F3E0}',
            '\u{2801}',
            '\u{1100}',
        ] {
            assert!(!needs_escape(c), "U+{:04X}", u32::from(c));
        }
    }
}
