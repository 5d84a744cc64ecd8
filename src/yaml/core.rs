//! YAML 1.2 where the parsers are laxer than it: one pass over granit-parser's events (the
//! parser serde-saphyr reads with, same options, so the same positions) that
//!
//! - refuses a tab between a block indicator (`-`, `?`, `:`) and a block collection on the same
//!   line (`-⇥type: tag`, YAML test suite DK95 and Y79Y): YAML 1.2 never lets a tab indent a
//!   block collection; the parsers take it as a space;
//! - refuses the standard tags outside the core schema (`!!binary`, `!!timestamp`, `!!set`,
//!   `!!omap`, ...): serde-saphyr would decode `!!binary "NA=="` silently; local tags are already
//!   refused by serde-saphyr itself (`reject_unsupported_tags`);
//! - resolves every untagged plain scalar exactly by the YAML 1.2 core schema ([`resolve_plain`]),
//!   where serde-saphyr's own inference reads more (`0b1`, `+0x1`) or differently (`04` as a
//!   float): the readers put the core reading in place of serde-saphyr's.
//!
//! Continuation lines at column 0 (a quoted scalar, QB6E; a flow collection, 9C9N) are refused by
//! the parsers themselves with `strict_indentation` (see [`super::shared::parser_options`]).

use super::shared::{parser_options, plain_value, span_pos, tag_position};
use super::{Node, Pos, SyntaxError, Value};
use std::borrow::Cow;
use std::collections::HashMap;

/// The tags of the YAML 1.2 core schema; any other standard (`!!`) tag is refused.
const CORE_TAGS: &[&str] = &["str", "int", "float", "bool", "null", "seq", "map"];

/// Untagged plain scalars whose core-schema reading the readers must use, by position (line,
/// column), aliases to them included; only those [`plain_value`] does not decide.
pub(crate) type Corrections<'a> = HashMap<(u32, u32), Value<'a>>;

/// Runs the pass over `source`: the first YAML 1.2 error the parsers let through, or the
/// core-schema readings to put in the tree. A parser error ends the pass quietly (the reader
/// reports it).
pub(crate) fn check(source: &str) -> Result<Corrections<'_>, SyntaxError> {
    use granit_parser::{Event, StructureStyle};
    let parser = granit_parser::Parser::new_from_str_with_options(source, parser_options());
    let lines: Vec<&str> = source.split('\n').collect();
    let mut corrections = Corrections::new();
    let mut anchored: HashMap<usize, Value<'_>> = HashMap::new();
    for item in parser {
        let Ok((event, span)) = item else { break };
        let pos = span_pos(&span);
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                if let Some(tag) = tag {
                    check_tag(source, pos, &tag)?;
                    continue;
                }
                if style != granit_parser::ScalarStyle::Plain || plain_value(&text).is_some() {
                    continue;
                }
                let value = resolve_plain(text);
                if anchor != 0 {
                    anchored.insert(anchor, value.clone());
                }
                corrections.insert((pos.line, pos.column), value);
            }
            Event::Alias(id) => {
                if let Some(value) = anchored.get(&id) {
                    corrections.insert((pos.line, pos.column), value.clone());
                }
            }
            Event::SequenceStart(style, _, tag) | Event::MappingStart(style, _, tag) => {
                if let Some(tag) = tag {
                    check_tag(source, pos, &tag)?;
                }
                if style == StructureStyle::Block {
                    check_tab_before(&lines, pos)?;
                }
            }
            _ => {}
        }
    }
    Ok(corrections)
}

/// Puts the core-schema readings in place in a tree read with positions.
pub(crate) fn apply<'a>(node: &mut Node<'a>, corrections: &Corrections<'a>) {
    if corrections.is_empty() {
        return;
    }
    match &mut node.value {
        Value::Seq(items) => items.iter_mut().for_each(|n| apply(n, corrections)),
        Value::Map(entries) => {
            for (k, v) in entries {
                apply(k, corrections);
                apply(v, corrections);
            }
        }
        value => {
            if let Some(core) = corrections.get(&(node.pos.line, node.pos.column)) {
                *value = core.clone();
            }
        }
    }
}

fn check_tag(source: &str, at: Pos, tag: &granit_parser::Tag) -> Result<(), SyntaxError> {
    if tag.handle() != "tag:yaml.org,2002:" || CORE_TAGS.contains(&tag.suffix()) {
        return Ok(());
    }
    let written = format!("!!{}", tag.suffix());
    Err(SyntaxError {
        pos: tag_position(source, at, &written),
        message: format!(
            "tag `{written}` is not part of the format: a bot file is plain YAML 1.2 (core schema: strings, numbers, booleans, null, lists and mappings)"
        ),
    })
}

/// A block collection starting on the line of a block indicator, with a tab after the
/// indicator: YAML 1.2 rejects it (the tab would count as indentation).
fn check_tab_before(lines: &[&str], at: Pos) -> Result<(), SyntaxError> {
    let Some(line) = lines.get(at.line.saturating_sub(1) as usize) else {
        return Ok(());
    };
    let before: Vec<char> = line
        .chars()
        .take(at.column.saturating_sub(1) as usize)
        .collect();
    let first = before
        .iter()
        .position(|&c| c != ' ')
        .unwrap_or(before.len());
    let rest = &before[first..];
    let only_indicators = rest
        .iter()
        .all(|c| matches!(c, '-' | '?' | ':' | ' ' | '\t'));
    let indicator = rest.iter().position(|c| matches!(c, '-' | '?' | ':'));
    let (true, Some(indicator)) = (only_indicators, indicator) else {
        return Ok(());
    };
    match rest[indicator..].iter().position(|&c| c == '\t') {
        Some(tab) => Err(SyntaxError {
            pos: Pos {
                line: at.line,
                column: u32::try_from(first + indicator + tab + 1).unwrap_or(at.column),
                len: 1,
            },
            message: "a tab before a nested list or mapping: YAML 1.2 indents with spaces only"
                .to_owned(),
        }),
        None => Ok(()),
    }
}

/// An untagged plain scalar read by the YAML 1.2 core schema (YAML 1.2.2, section 10.3.2):
/// null `null|Null|NULL|~|` (empty), bool `true|True|TRUE|false|False|FALSE`, int
/// `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`, float
/// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, `[-+]?\.(inf|Inf|INF)`,
/// `\.nan|\.NaN|\.NAN`; anything else is a string (`0b1`, `1_0`, `0x1_0`, `+0x1`). An int past
/// 64 bits is kept as a float (a number out of every range the format has), as serde-saphyr does.
pub(crate) fn resolve_plain(text: Cow<'_, str>) -> Value<'_> {
    let owned = text.to_string();
    let t = owned.as_str();
    match t {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN),
        _ => {}
    }
    let digits = |s: &str, radix: u32| !s.is_empty() && s.chars().all(|c| c.is_digit(radix));
    if let Some(hex) = t.strip_prefix("0x").filter(|s| digits(s, 16)) {
        return radix_int(hex, 16);
    }
    if let Some(oct) = t.strip_prefix("0o").filter(|s| digits(s, 8)) {
        return radix_int(oct, 8);
    }
    let unsigned = t.strip_prefix(['-', '+']).unwrap_or(t);
    let negative = t.starts_with('-');
    if digits(unsigned, 10) {
        return match t.parse::<i64>() {
            Ok(i) => Value::Int(i),
            Err(_) => Value::Float(t.parse::<f64>().unwrap_or(f64::NAN)),
        };
    }
    if matches!(unsigned, ".inf" | ".Inf" | ".INF") {
        return Value::Float(if negative {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        });
    }
    if is_core_float(unsigned)
        && let Ok(f) = t.parse::<f64>()
    {
        return Value::Float(f);
    }
    Value::Str(text)
}

fn radix_int(digits: &str, radix: u32) -> Value<'static> {
    match i64::from_str_radix(digits, radix) {
        Ok(i) => Value::Int(i),
        Err(_) => {
            Value::Float(u128::from_str_radix(digits, radix).map_or(f64::INFINITY, |u| u as f64))
        }
    }
}

/// `(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, sign already taken off.
fn is_core_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    let int_digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    i += int_digits;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let frac = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if int_digits == 0 && frac == 0 {
            return false;
        }
        i += frac;
    } else if int_digits == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        let exp = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if exp == 0 {
            return false;
        }
        i += exp;
    }
    i == b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn core(s: &str) -> Value<'_> {
        resolve_plain(Cow::Borrowed(s))
    }

    #[test]
    fn plain_scalars_resolve_by_the_core_schema() {
        for s in [
            "0b1", "1_0", "0x1_0", "+0x1", "0O17", "0X1F", "inf", "NaN", ".", "1e", "+.nan",
            "1.5e", "0x", "0o8",
        ] {
            assert_eq!(core(s), Value::Str(Cow::Borrowed(s)), "{s}");
        }
        for (s, i) in [
            ("04", 4),
            ("007", 7),
            ("-007", -7),
            ("+1", 1),
            ("0o17", 15),
            ("0x1F", 31),
            ("0", 0),
        ] {
            assert_eq!(core(s), Value::Int(i), "{s}");
        }
        for (s, f) in [
            ("1e3", 1000.0),
            ("1.", 1.0),
            (".5", 0.5),
            ("-.5E-1", -0.05),
            ("00.5", 0.5),
            ("-.inf", f64::NEG_INFINITY),
            ("+.INF", f64::INFINITY),
        ] {
            assert_eq!(core(s), Value::Float(f), "{s}");
        }
        assert!(matches!(core(".nan"), Value::Float(f) if f.is_nan()));
        assert!(matches!(core(".NaN"), Value::Float(f) if f.is_nan()));
        assert_eq!(core("~"), Value::Null);
        assert_eq!(core("TRUE"), Value::Bool(true));
        assert_eq!(core("99999999999999999999"), Value::Float(1e20));
    }

    #[test]
    fn tabs_after_block_indicators_are_refused_where_a_collection_follows() {
        for (doc, line, column) in [
            ("a:\n-\ttype: tag\n", 2, 2),
            ("a:\n  - \ttype: tag\n", 2, 5),
        ] {
            let e = check(doc).expect_err(doc);
            assert_eq!((e.pos.line, e.pos.column), (line, column), "{doc:?}");
        }
        // A tab before a scalar, or as separation elsewhere, is fine.
        for doc in ["a:\n  -\tx\n", "a: b\tc\n", "a:\t1\n", "a: [\tx]\n"] {
            assert!(check(doc).is_ok(), "{doc:?}");
        }
    }

    #[test]
    fn standard_tags_outside_the_core_schema_are_refused() {
        let e = check("k: !!binary \"NA==\"\n").expect_err("binary");
        assert_eq!((e.pos.line, e.pos.column), (1, 4));
        assert!(e.message.contains("`!!binary`"));
        assert!(check("k: !!set {a: null}\n").is_err());
        assert!(check("k: !!str 1\nl: !!int 2\nm: !!map {}\n").is_ok());
    }
}
