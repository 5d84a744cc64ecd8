//! Quoting for the YAML samictl writes (`init`, `simulate --record`): a YAML 1.2 double-quoted
//! scalar, never JSON quoting. JSON escapes only C0 controls, so DEL, C1 controls, U+FFFE or
//! U+FFFF reach the file raw, and YAML refuses them: every file samictl writes must parse.

use std::fmt::Write;

/// `s` as a YAML double-quoted scalar that reads back as exactly `s`. Everything outside
/// YAML's printable set is escaped, and so are the characters the terminal escaping treats
/// (bidi, invisible, line separators), so the written file shows what it holds.
pub fn double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{85}' => out.push_str("\\N"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if needs_yaml_escape(c) => {
                let n = u32::from(c);
                let _ = if n <= 0xFF {
                    write!(out, "\\x{n:02X}")
                } else if n <= 0xFFFF {
                    write!(out, "\\u{n:04X}")
                } else {
                    write!(out, "\\U{n:08X}")
                };
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Not in YAML's printable set (`c-printable`), or escaped by the terminal layer.
pub(crate) fn needs_yaml_escape(c: char) -> bool {
    let printable = matches!(c, '\u{20}'..='\u{7E}' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
        || u32::from(c) >= 0x10000;
    !printable || crate::charclass::needs_escape(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_back_exactly() {
        for s in [
            "Seller Outreach",
            "Ops: \"east\" # 2",
            "a\u{7f}b\u{9b}c\u{fffe}d\u{ffff}e\u{1b}[2J\u{7}",
            "\u{202e}rev\u{200b}\u{feff}\u{ad}\u{2028}\u{85}",
            "back\\slash\ttab\r\nnl 🚀 @DIRECTION@",
            "'single' and : colon - dash",
        ] {
            let text = format!("k: {}\n", double_quoted(s));
            let root = crate::yaml::parse(&text).unwrap_or_else(|e| panic!("{s:?}: {e:?}"));
            let crate::yaml::Value::Map(entries) = &root.value else {
                panic!("{text}");
            };
            assert_eq!(
                entries[0].1.value,
                crate::yaml::Value::Str(s.into()),
                "{text}"
            );
        }
    }
}
