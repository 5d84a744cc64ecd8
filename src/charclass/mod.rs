//! Which characters are unsafe to print, and the one escaping function: a leaf, so the value
//! checks (`values`, `quote`), `config` and the renderers share one definition without the
//! value layer depending on rendering. The renderers re-export these from `render::text`.

pub(crate) mod invisible;

/// Escapes what could drive a terminal or hide text, so nothing from a bot file can move the
/// cursor, change colours, retitle the window, reorder a line or pass for another word: C0 and
/// C1 controls, DEL, bidi controls, invisible format characters and line/paragraph
/// separators are written `\u{..}`. Tabs become a single space so columns stay aligned.
/// Escaping twice gives the same text (a backslash is not escaped).
pub fn escape(s: &str) -> String {
    if plain_ascii(s.as_bytes(), false) || !s.chars().any(|c| c == '\t' || needs_escape(c)) {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        push_escaped(&mut out, c);
    }
    out
}

/// Whether `bytes` are all printable ASCII (or a newline, with `newlines`): nothing to escape,
/// a column a byte. Written without an early exit so that it runs a vector of bytes at a time
/// (issue 32: hundreds of megabytes of reports).
pub fn plain_ascii(bytes: &[u8], newlines: bool) -> bool {
    bytes.chunks(256).all(|chunk| {
        chunk.iter().fold(true, |plain, &b| {
            plain & (((0x20..0x7f).contains(&b)) | (newlines & (b == b'\n')))
        })
    })
}

pub(crate) fn push_escaped(out: &mut String, c: char) {
    match c {
        '\t' => out.push(' '),
        c if needs_escape(c) => {
            use std::fmt::Write;
            let _ = write!(out, "{}", c.escape_unicode());
        }
        c => out.push(c),
    }
}

/// The characters escaped everywhere (docs/spec 12): C0 and C1 controls and DEL, bidi
/// controls (U+202A-U+202E, U+2066-U+2069, and the marks U+200E/U+200F), invisible format
/// characters (U+200B-U+200F, U+2060, U+FEFF, U+00AD), U+2028/U+2029, and the
/// noncharacters U+FFFE/U+FFFF.
pub fn needs_escape(c: char) -> bool {
    if c.is_ascii() {
        // Most text: C0 controls and DEL, without the tables.
        return c.is_ascii_control();
    }
    c.is_control() || is_bidi_control(c) || is_invisible(c) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// Bidirectional overrides can make a line display differently from what it holds.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// Characters that show as nothing: `opt\u{200b}-out` prints as `opt-out`. Every format
/// character (Unicode's `Cf`) and default-ignorable code point, from a table generated from
/// Unicode data (`scripts/gen_invisible.py`), U+2800 BRAILLE PATTERN BLANK, and U+2028/U+2029.
pub fn is_invisible(c: char) -> bool {
    use invisible::INVISIBLE;
    if matches!(c, '\u{2028}' | '\u{2029}') {
        return true;
    }
    if c < '\u{AD}' {
        return false;
    }
    INVISIBLE
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_ascii_is_printable_ascii_and_newlines_when_asked() {
        assert!(plain_ascii(b"", false));
        assert!(plain_ascii(b"a ~ z", false));
        assert!(!plain_ascii(b"a\nb", false));
        assert!(plain_ascii(b"a\nb", true));
        for bad in [&b"\t"[..], b"\x1b", b"\x7f", b"\r", "é".as_bytes()] {
            assert!(!plain_ascii(bad, true), "{bad:?}");
        }
        // Past the first chunk of 256 bytes too.
        let mut long = vec![b'a'; 1000];
        assert!(plain_ascii(&long, false));
        long[700] = 0x1b;
        assert!(!plain_ascii(&long, false));
        // A tab becomes a space; the fast path gives what the slow one gives.
        assert_eq!(escape("a\tb"), "a b");
        assert_eq!(escape("plain"), "plain");
    }
}
