//! Text helpers shared by the human renderers: escaping and widths.

use unicode_width::UnicodeWidthChar;

/// Escapes control characters so nothing from a bot file can move the cursor, change colours
/// or otherwise drive the terminal. Tabs become a single space so columns stay aligned.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_escaped(&mut out, c);
    }
    out
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\t' => out.push(' '),
        c if c.is_control() || is_bidi_control(c) => {
            out.push_str(&c.escape_unicode().to_string());
        }
        c => out.push(c),
    }
}

/// Bidirectional overrides can make a line display differently from what it holds.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
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
        Fired::Note { text } => Some(format!("note {}", quoted(text, max))),
        Fired::Task {
            title,
            due_in,
            assignee,
        } => {
            let due = due_in.map(|d| format!(", due {d}")).unwrap_or_default();
            Some(format!(
                "task {}{due}, for {}",
                quoted(title, max),
                escape(&assignee.to_string())
            ))
        }
        Fired::Tag { name } => Some(format!("tag {}", quoted(name, None))),
        Fired::Locked(_)
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
}
