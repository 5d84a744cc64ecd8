//! Fits human output to the terminal's width: the last step before a human report is written,
//! so every line of every command is at most the width it is given (tables and cards are laid
//! out for the width already; this catches the prose around them).
//!
//! A line too long is wrapped at spaces, its continuation lines indented under its text (under
//! the text after a label such as `= help: ` or `note: `); a word longer than the room is cut
//! into pieces. A source line of a diagnostic (`12 | ...`) and its caret line are shortened
//! with `…` instead, so the gutter stays a gutter. Colour codes take no width.

use unicode_width::UnicodeWidthChar;

/// The narrowest width fitted to; below it lines are fitted to this.
pub const MIN_WIDTH: usize = 40;

/// `text` with every line at most `width` display columns.
pub fn fit(text: &str, width: usize) -> String {
    let width = width.max(MIN_WIDTH);
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if display_width(line) <= width || is_table_line(line) {
            // A table is laid out for the width by its renderer; wrapping would break it.
            out.push_str(line);
        } else if is_location_line(line) {
            // Kept whole; the gutter's indent goes first when that is what it takes.
            let bare = line.trim_start();
            out.push_str(if display_width(bare) <= width {
                bare
            } else {
                line
            });
        } else if is_gutter_line(line) {
            out.push_str(&truncate(line, width));
        } else {
            wrap_line(line, width, &mut out);
        }
    }
    out
}

/// The display width of `s`, colour codes (`ESC [ ... m`) left out.
pub fn display_width(s: &str) -> usize {
    let mut w = 0;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            skip_escape(&mut chars);
            continue;
        }
        w += c.width().unwrap_or(0);
    }
    w
}

fn skip_escape(chars: &mut std::str::Chars<'_>) {
    // CSI: `[` then parameters up to a final byte in `@`..=`~`.
    if chars.clone().next() == Some('[') {
        chars.next();
        for c in chars.by_ref() {
            if ('@'..='~').contains(&c) {
                break;
            }
        }
    }
}

/// ` --> path:12:5`: a path is never broken (editors and terminals open it as it is).
fn is_location_line(line: &str) -> bool {
    strip_escapes(line).trim_start().starts_with("--> ")
}

fn is_table_line(line: &str) -> bool {
    line.trim_start()
        .starts_with(['│', '╭', '╰', '├', '╞', '┆', '┌', '└'])
}

/// `  12 | text` or `     | ^^^`: a diagnostic's source or caret line (digits or nothing,
/// then ` | ` or a lone `|`).
fn is_gutter_line(line: &str) -> bool {
    let plain = strip_escapes(line);
    let rest = plain.trim_start();
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    let after = rest[digits..].trim_start();
    after.starts_with("| ") || after == "|"
}

fn strip_escapes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            skip_escape(&mut chars);
        } else {
            out.push(c);
        }
    }
    out
}

/// The line cut to `width` columns, the last one a `…`; colour is reset after the cut.
fn truncate(line: &str, width: usize) -> String {
    let mut out = String::new();
    let mut w = 0;
    let mut coloured = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            let start = chars.as_str();
            skip_escape(&mut chars);
            let taken = &start[..start.len() - chars.as_str().len()];
            out.push(c);
            out.push_str(taken);
            coloured = true;
            continue;
        }
        let cw = c.width().unwrap_or(0);
        if w + cw > width.saturating_sub(1) {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    if coloured {
        out.push_str("\u{1b}[0m");
    }
    out
}

/// Where continuation lines start: under the text after a leading label (`= help: `,
/// `help: `, `note: `, `- `, `2. `) when that is not too far in, else under the text.
fn hanging_indent(line: &str, width: usize) -> usize {
    let plain = strip_escapes(line);
    let lead = plain.len() - plain.trim_start().len();
    let rest = &plain[lead..];
    let label = if let Some(r) = rest.strip_prefix("= ") {
        2 + r.find(": ").map_or(0, |i| i + 2)
    } else if let Some(i) = rest.find(": ").filter(|i| {
        // A label is one word (`help:`, `note:`, `Catches:`, `error[unknown-field]:`).
        rest[..*i]
            .chars()
            .all(|c| c.is_alphanumeric() || "-_()[]`".contains(c))
    }) {
        i + 2
    } else if ["- ", "+ ", "* ", "• "].iter().any(|b| rest.starts_with(b)) {
        2
    } else {
        let n = rest.chars().take_while(char::is_ascii_digit).count();
        if n > 0 && rest[n..].starts_with(". ") {
            n + 2
        } else {
            0
        }
    };
    let indent = display_width(&plain[..lead]) + display_width(&rest[..label.min(rest.len())]);
    if indent > width / 2 {
        display_width(&plain[..lead]) + 2
    } else {
        indent
    }
}

/// Wraps one line at spaces into `out` (no final line end). Spaces inside a line are kept as
/// they are; those at a break are dropped with it.
fn wrap_line(line: &str, width: usize, out: &mut String) {
    let indent = hanging_indent(line, width).min(width / 2);
    let pad = " ".repeat(indent);
    let lead = line.len() - line.trim_start_matches(' ').len();
    out.push_str(&line[..lead]);
    let mut col = lead;
    let mut at_start = true;
    let mut gap = 0;
    for word in line[lead..].split(' ') {
        if word.is_empty() {
            gap += 1;
            continue;
        }
        let ww = display_width(word);
        let spaces = if at_start { 0 } else { gap + 1 };
        gap = 0;
        if !at_start && col + spaces + ww > width {
            out.push('\n');
            out.push_str(&pad);
            col = indent;
        } else {
            out.push_str(&" ".repeat(spaces));
            col += spaces;
        }
        at_start = false;
        if col + ww > width {
            // A word longer than a whole line: cut it into pieces.
            for c in word.chars() {
                let cw = c.width().unwrap_or(0);
                if col + cw > width && col > indent {
                    out.push('\n');
                    out.push_str(&pad);
                    col = indent;
                }
                out.push(c);
                col += cw;
            }
        } else {
            out.push_str(word);
            col += ww;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn widest(s: &str) -> usize {
        s.lines().map(display_width).max().unwrap_or(0)
    }

    #[test]
    fn long_lines_wrap_under_their_label() {
        let line = "  = help: SAMI publishes no preset messaging card: write `contact-later: {}` under `messaging` to say only the system steps are intended";
        let fitted = fit(line, 60);
        assert!(widest(&fitted) <= 60, "{fitted}");
        for cont in fitted.lines().skip(1) {
            assert!(
                cont.starts_with("          ") && !cont.starts_with("           "),
                "{cont:?}"
            );
        }
        assert_eq!(
            fitted.replace('\n', " ").split_whitespace().count(),
            line.split_whitespace().count()
        );
    }

    #[test]
    fn short_lines_and_line_ends_are_kept() {
        let text = "a\n\nb c\n";
        assert_eq!(fit(text, 60), text);
    }

    #[test]
    fn source_lines_are_shortened_not_wrapped() {
        let src = format!("12 | {}", "x".repeat(100));
        let fitted = fit(&src, 60);
        assert_eq!(fitted.lines().count(), 1);
        assert_eq!(display_width(&fitted), 60);
        assert!(fitted.ends_with('…'));
    }

    #[test]
    fn colour_takes_no_width_and_long_words_are_cut() {
        let red = "\u{1b}[31mred\u{1b}[0m ".repeat(30);
        assert!(widest(&fit(&red, 60)) <= 60);
        let long = "y".repeat(150);
        let fitted = fit(&long, 60);
        assert!(widest(&fitted) <= 60, "{fitted}");
        assert_eq!(fitted.replace('\n', "").len(), 150);
    }

    #[test]
    fn wide_characters_count_twice() {
        let text = "名前 ".repeat(40);
        assert!(widest(&fit(&text, 61)) <= 61);
    }
}
