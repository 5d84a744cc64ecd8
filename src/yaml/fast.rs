//! The fast path: a plain bot file read without serde-saphyr's deserializer, by the
//! hand-written scanner (`scan`) or else straight from granit-parser's events, to exactly the
//! tree serde-saphyr gives; anything else is left to serde-saphyr.

use super::shared::{parser_options, plain_scalar, span_pos};
use super::{MAX_FILE_BYTES, MAX_NODES, Node, Pos, Value, scan};

/// Deepest nesting [`parse_plain`] reads itself; deeper files go to serde-saphyr, whose budget
/// refuses them past [`MAX_DEPTH`]. A bot file nests six levels.
const PLAIN_MAX_DEPTH: usize = 32;

/// Most parser events [`parse_plain`] reads itself from granit-parser, and most nodes the
/// hand-written scanner reads: serde-saphyr's node budget ([`MAX_NODES`]), so the fast path
/// reads every plain file within [`MAX_FILE_BYTES`] (a one-line flow list of 500,000 one-letter
/// items included: docs/spec 12) and never one serde-saphyr refuses. The scanner counts nodes
/// exactly as the budget does (mappings, sequences and scalars, keys included) and a file it
/// reads has no alias, so a file within this count is within the budget's nodes, and within its
/// events (at most two a node, four times as many allowed); on granit-parser's path every node
/// is at least one event.
const PLAIN_MAX_EVENTS: usize = MAX_NODES;

/// The fast path of [`parse`](super::parse): the hand-written scanner of `scan` for the plain
/// subset bot files are written in ([`parse_scanned`]), else the tree built straight from the
/// events of granit-parser
/// (serde-saphyr's own parser, with the options serde-saphyr gives it), skipping serde-saphyr's
/// deserializer, for the plain files nearly every bot file is.
///
/// Positions come from the events' spans, exactly as serde-saphyr turns them into locations:
/// the line, the column (in characters) plus one, the length in characters. granit-parser's
/// scanner tracks the line and column of every mark anyway, so keeping them costs a copy of
/// three numbers per node; resolving byte offsets later would mean scanning the text again.
///
/// `None` means "ask serde-saphyr": it is the answer for anything whose reading needs more than
/// the parser, so that `Some` is always exactly what [`parse`](super::parse) gives: a syntax
/// error; anchors, aliases, tags or a `%YAML` directive; more than one document; a root that is
/// not a mapping; a key that is not a string, or the merge key `<<`; a plain scalar whose
/// type is not obvious (`1e3`, `0x1F`, `007`, `-1`, `.5`, ...); nesting or size anywhere near a
/// budget. The property tests and the fuzz target check the equivalence on every input they try.
pub fn parse_plain(source: &str) -> Option<Node<'_>> {
    use granit_parser::Event;

    if source.len() > MAX_FILE_BYTES {
        return None;
    }
    // The plain subset bot files are written in, read by hand (several times faster than
    // granit-parser's scanner); anything else goes on to granit-parser's events.
    if let Some(root) = parse_scanned(source) {
        return Some(root);
    }
    // A tab before a nested block collection (refused by `core::check`) is serde-saphyr's path.
    if source.contains('\t') && super::core::check(source).is_err() {
        return None;
    }
    let parser = granit_parser::Parser::new_from_str_with_options(source, parser_options());

    // Open collections, innermost last; the children of every open list and the entries of
    // every open mapping wait on two shared stacks, so each collection is allocated once, at its
    // final size, when it closes.
    let mut stack: Vec<Open> = Vec::new();
    let mut items: Vec<Node> = Vec::new();
    let mut entries: Vec<(Node, Node)> = Vec::new();
    let mut root = None;
    let mut documents = 0;
    for (events, item) in parser.enumerate() {
        if events > PLAIN_MAX_EVENTS {
            return None;
        }
        let (event, span) = item.ok()?;
        let node = match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => continue,
            Event::DocumentStart(_, version) => {
                documents += 1;
                if documents > 1 || version.is_some() {
                    return None;
                }
                continue;
            }
            Event::Scalar(text, style, anchor, tag) => {
                if anchor != 0 || tag.is_some() {
                    return None;
                }
                Node {
                    value: plain_scalar(text, style)?,
                    pos: span_pos(&span),
                }
            }
            Event::MappingStart(_, anchor, tag) | Event::SequenceStart(_, anchor, tag)
                if anchor != 0 || tag.is_some() =>
            {
                return None;
            }
            Event::MappingStart(..) => {
                stack.push(Open::Map {
                    start: entries.len(),
                    key: None,
                    pos: span_pos(&span),
                });
                if stack.len() > PLAIN_MAX_DEPTH {
                    return None;
                }
                continue;
            }
            Event::SequenceStart(..) => {
                // The root must be a mapping; anything else is serde-saphyr's to report.
                if stack.is_empty() {
                    return None;
                }
                stack.push(Open::Seq {
                    start: items.len(),
                    pos: span_pos(&span),
                });
                if stack.len() > PLAIN_MAX_DEPTH {
                    return None;
                }
                continue;
            }
            Event::MappingEnd => match stack.pop()? {
                Open::Map {
                    start,
                    key: None,
                    pos,
                } => Node {
                    value: Value::Map(entries.split_off(start)),
                    pos,
                },
                _ => return None,
            },
            Event::SequenceEnd => match stack.pop()? {
                Open::Seq { start, pos } => Node {
                    value: Value::Seq(items.split_off(start)),
                    pos,
                },
                Open::Map { .. } => return None,
            },
            // Aliases, anchors, comments: serde-saphyr's.
            _ => return None,
        };
        match stack.last_mut() {
            Some(Open::Seq { .. }) => items.push(node),
            Some(Open::Map { key, .. }) => match key.take() {
                Some(key) => entries.push((key, node)),
                None => match &node.value {
                    Value::Str(text) if text != "<<" => *key = Some(node),
                    _ => return None,
                },
            },
            None if root.is_none() && matches!(node.value, Value::Map(_)) => root = Some(node),
            None => return None,
        }
    }
    if stack.is_empty() { root } else { None }
}

/// A collection [`parse_plain`] is reading: where its children start on the shared stacks,
/// where it starts in the source and, for a mapping, the key waiting for its value.
enum Open<'a> {
    Seq {
        start: usize,
        pos: Pos,
    },
    Map {
        start: usize,
        key: Option<Node<'a>>,
        pos: Pos,
    },
}

/// The hand-written scanner alone (`scan`), as [`parse_plain`] tries it first:
/// for the differential tests and the fuzz target, which check that whatever it reads,
/// serde-saphyr reads to the same tree.
#[doc(hidden)]
pub fn parse_scanned(source: &str) -> Option<Node<'_>> {
    if source.len() > MAX_FILE_BYTES {
        return None;
    }
    scan::read(source, PLAIN_MAX_DEPTH, PLAIN_MAX_EVENTS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{parse, parse_unpositioned, read};
    use std::borrow::Cow;

    /// `parse_plain` either leaves a file to serde-saphyr or reads exactly what it reads,
    /// every position included.
    fn agrees(source: &str) -> Option<Node<'_>> {
        let plain = parse_plain(source);
        if let Some(tree) = &plain {
            assert_eq!(
                Ok(tree.clone()),
                parse(source),
                "the fast path read {source:?} differently"
            );
            assert_eq!(Ok(tree.without_positions()), parse_unpositioned(source));
            assert_eq!(read(source), Ok(tree.clone()));
        }
        plain
    }

    #[test]
    fn obvious_scalars_are_read_on_the_fast_path_as_serde_saphyr_reads_them() {
        for s in [
            "hello",
            "hello world",
            "15m",
            "2d",
            "4h",
            "10oz",
            "a1",
            "~",
            "null",
            "Null",
            "NULL",
            "nULL",
            "true",
            "True",
            "TRUE",
            "tRUE",
            "false",
            "yes",
            "no",
            "on",
            "off",
            "y",
            "0",
            "1",
            "42",
            "999999999999999999",
            "\"007\"",
            "'1e3'",
            "\"true\"",
            "''",
            "\"\"",
            "team@acme-realty.com",
            "agent:listed",
            "renting/only",
            "not now",
        ] {
            for doc in [
                format!("k: {s}\n"),
                format!("k: [{s}]\n"),
                format!("k:\n  - {s}\n"),
                format!("k: {{a: {s}}}\n"),
            ] {
                assert!(agrees(&doc).is_some(), "{doc:?} should take the fast path");
            }
        }
    }

    #[test]
    fn scalars_whose_type_is_not_obvious_are_left_to_serde_saphyr() {
        for s in [
            "1e3",
            "1E3",
            "0x1F",
            "0X1F",
            "0o17",
            "0b101",
            "007",
            "-1",
            "+1",
            "1.5",
            ".5",
            ".inf",
            "-.inf",
            ".nan",
            "inf",
            "Infinity",
            "NaN",
            "1_000",
            "1e",
            "0b",
            "1234567890123456789",
            "99999999999999999999999",
            "-",
            "+15125550123",
        ] {
            let doc = format!("k: {s}\n");
            assert_eq!(agrees(&doc), None, "{doc:?} should be left to serde-saphyr");
        }
    }

    #[test]
    fn files_that_need_serde_saphyr_are_left_to_it() {
        for doc in [
            "",
            "# only a comment\n",
            "- a\n- b\n",
            "just a scalar\n",
            "a: 1\n---\nb: 2\n",
            "%YAML 1.2\n---\na: 1\n",
            "a: &x 1\nb: *x\n",
            "a: *x\n",
            "a: !!str 1\n",
            "a: !include other.yaml\n",
            "!!map {a: 1}\n",
            "<<: {a: 1}\n",
            "? [a]\n: 1\n",
            "1: a\n",
            "null: a\n",
            ": a\n",
            "a: [\n",
            "a: b: c\n",
            "a:\n\t- b\n",
            "a: 'unterminated\n",
        ] {
            assert_eq!(agrees(doc), None, "{doc:?} should be left to serde-saphyr");
        }
        let deep = format!("a:\n{}x\n", "- ".repeat(40));
        assert_eq!(agrees(&deep), None);
        let big = format!("a: \"{}\"\n", "x".repeat(MAX_FILE_BYTES));
        assert_eq!(parse_plain(&big), None);
    }

    #[test]
    fn plain_files_keep_their_structure_on_the_fast_path() {
        let docs = [
            "---\na: 1\n...\n",
            "\u{feff}a: 1\n",
            "a: 1\na: 2\n",
            "a:\nb: ~\n",
            "a: |\n  line one\n  line two\n",
            "a: >-\n  folded\n  text\n",
            "a: multi\n  line plain\n",
            "a: {b: [c, {d: e}], f: []}\n",
            "\"quoted key\": 'single'\n",
            "a:\n  - b: 1\n    c: [x, y]\n  - - nested\n",
            "a: \"escapes \\u00e9 \\n\"\n",
            "a: 1\r\nb:\r\n  - c d\r\n",
            "a: b\tc\n",
            "a: caf\u{e9} \u{1f3e0}\n",
        ];
        for doc in docs {
            assert!(agrees(doc).is_some(), "{doc:?} should take the fast path");
        }
        let example = include_str!("../../fixtures/valid/seller-outreach.yaml");
        assert!(agrees(example).is_some());
    }

    #[test]
    fn the_fast_path_keeps_duplicate_keys_in_order() {
        let Some(Node {
            value: Value::Map(entries),
            ..
        }) = agrees("b: 1\na: 2\nb: 3\n")
        else {
            panic!("expected a mapping");
        };
        let keys: Vec<_> = entries
            .iter()
            .map(|(k, _)| k.value.scalar_text().unwrap_or_default())
            .collect();
        assert_eq!(keys, ["b", "a", "b"]);
    }

    #[test]
    fn the_fast_path_gives_serde_saphyrs_positions() {
        // Block, flow and quoted scalars, empty values, multi-line and block scalars, a BOM,
        // CRLF, tabs, characters wider than a byte: every position as serde-saphyr gives it.
        for doc in [
            "a: 1\nbb:\n  - x\n  -  y\n  - {c: d, e: [f, 'g h']}\n",
            "a:\nb: ~\nc: ''\nd: \"\"\n",
            "a: |\n  one\n  two\nb: >-\n  folded\n  text\nc: after\n",
            "a: multi\n  line plain\nb: next\n",
            "\u{feff}a: 1\nb: 2\n",
            "---\na: 1\n...\n",
            "a: 1\r\nb:\r\n  - c d\r\n",
            "caf\u{e9}: x \u{1f3e0} \u{e9}t\u{e9}\nk\u{e9}: [a\u{e9}, x\u{1f3e0}, \"\u{e9}\"]\n",
            "a: b\tc\nd:\t e\n",
            "? a\n: b\n",
            "a:\n  -\n  - - x\n    - y\n",
            "\"k\\u00e9y\": 'it''s'\n",
        ] {
            assert!(agrees(doc).is_some(), "{doc:?} should take the fast path");
        }
        // And a spot check against hand-counted columns: `é` is one character.
        let Some(Node {
            value: Value::Map(entries),
            pos,
        }) = agrees("a\u{e9}\u{e9}: x\n  # c\nk: [a,  b]\n")
        else {
            panic!("expected a mapping");
        };
        assert_eq!((pos.line, pos.column), (1, 1));
        assert_eq!((entries[0].1.pos.line, entries[0].1.pos.column), (1, 6));
        let Value::Seq(items) = &entries[1].1.value else {
            panic!("expected a list");
        };
        assert_eq!(
            (items[1].pos.line, items[1].pos.column, items[1].pos.len),
            (3, 9, 1)
        );
    }

    /// YAML 1.2 error cases the parsers accept unless told (QB6E, 9C9N, DK95/Y79Y): a
    /// `yaml-syntax` error in every reader, with its position.
    #[test]
    fn what_yaml_1_2_rejects_is_an_error_in_every_reader() {
        for (doc, line, column) in [
            ("bot:\n  name: \"Seller\nOutreach\"\n", 3, 1),
            ("name: \"Seller\nOutreach\"\n", 2, 1),
            ("emails: [a@x.com,\nb@x.com]\n", 2, 1),
            ("actions:\n-\ttype: tag\n  name: t\n", 2, 2),
            ("a:\n  -\ttype: tag\n", 2, 4),
        ] {
            assert_eq!(parse_scanned(doc), None, "{doc:?}: scanner");
            assert_eq!(parse_plain(doc), None, "{doc:?}: fast path");
            let e = parse(doc).expect_err(doc);
            assert_eq!(
                (e.pos.line, e.pos.column),
                (line, column),
                "{doc:?}: {}",
                e.message
            );
            assert_eq!(read(doc), Err(e.clone()), "{doc:?}: read");
            assert_eq!(
                parse_unpositioned(doc).map_err(|e| e.message),
                Err(e.message)
            );
        }
    }

    /// The value of a file's last key (the first item when it is a list).
    fn last_value(root: Node<'_>) -> Value<'_> {
        let Value::Map(entries) = root.value else {
            panic!("a mapping")
        };
        match entries.into_iter().last().expect("an entry").1.value {
            Value::Seq(mut items) => items.remove(0).value,
            v => v,
        }
    }

    /// Plain scalars read by the YAML 1.2 core schema in every reader.
    #[test]
    fn plain_scalars_follow_the_core_schema_in_every_reader() {
        let s = |t: &'static str| Value::Str(Cow::Borrowed(t));
        for (text, want) in [
            ("0b1", s("0b1")),
            ("1_0", s("1_0")),
            ("0x1_0", s("0x1_0")),
            ("+0x1", s("+0x1")),
            ("04", Value::Int(4)),
            ("007", Value::Int(7)),
            ("-007", Value::Int(-7)),
            ("0x10", Value::Int(16)),
            ("1e3", Value::Float(1000.0)),
        ] {
            for doc in [
                format!("k: {text}\n"),
                format!("k: [{text}]\n"),
                format!("a: &x {text}\nk: *x\n"),
            ] {
                assert_eq!(last_value(parse(&doc).expect("parses")), want, "{doc:?}");
                assert_eq!(last_value(read(&doc).expect("reads")), want, "{doc:?}");
                let bare = parse_unpositioned(&doc).expect("parses");
                assert_eq!(last_value(bare), want, "{doc:?}: unpositioned");
                if let Some(tree) = agrees(&doc) {
                    assert_eq!(last_value(tree), want, "{doc:?}: fast path");
                }
            }
        }
        let nan = parse("name: .nan\n").expect("a float, not an error");
        let Value::Map(entries) = nan.value else {
            panic!("a mapping")
        };
        assert!(matches!(entries[0].1.value, Value::Float(f) if f.is_nan()));
        let binary = read("k: !!binary \"NA==\"\n").expect_err("not decoded");
        assert_eq!((binary.pos.line, binary.pos.column), (1, 4));
    }
}
