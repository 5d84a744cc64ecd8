//! Property tests of `samictl fmt` (docs/spec 18). Valid bot files from the generator of
//! `properties.rs` are written out again in every style the format accepts (keys and cards
//! shuffled, flow mappings and lists, indentless lists, single and double quotes, literal and
//! folded block scalars, null spellings, comments above and after keys and items, blank lines,
//! CRLF, a byte-order mark), then formatted. The formatted file must read back to the same
//! values, give the same findings and fire the same on every outcome of both channels, keep
//! every comment, be in the canonical layout already (formatting it again changes nothing),
//! and keep the line ends and the byte-order mark.

use crate::properties::bot_file;
use proptest::prelude::*;
use samictl::config::Settings;
use samictl::fmt::format_text;
use samictl::outcome::Direction;
use samictl::product::Channel;
use samictl::simulate::{simulate_all, simulate_all_on};
use samictl::validate::check;
use samictl::yaml::{Node, Value};

/// A small deterministic generator of style choices, seeded by proptest.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, n: u64) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n.max(1)
    }
    fn one_in(&mut self, n: u64) -> bool {
        self.roll(n) == 0
    }
}

/// Writes a tree again, in random styles, with numbered comments (`# cN`).
struct Restyle {
    dice: Dice,
    /// Whether strings may be written as block scalars (kept as blocks by the formatter).
    blocks: bool,
    out: String,
    comments: usize,
}

fn simple_plain(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.'))
        && !s.ends_with(' ')
        && !["true", "false", "null", "inf", "nan", "infinity"].contains(&lower.as_str())
}

impl Restyle {
    fn comment(&mut self) -> String {
        self.comments += 1;
        format!("# c{}", self.comments)
    }

    /// Maybe an own-line comment and a blank line above something at `indent`.
    fn above(&mut self, indent: usize) {
        if self.dice.one_in(4) {
            self.out.push('\n');
        }
        if self.dice.one_in(3) {
            let c = self.comment();
            self.out.push_str(&format!("{}{c}\n", " ".repeat(indent)));
        }
    }

    /// Maybe a trailing comment, then the line end.
    fn end(&mut self) {
        if self.dice.one_in(3) {
            let c = self.comment();
            self.out.push_str(&format!("  {c}"));
        }
        self.out.push('\n');
    }

    /// A scalar on one line (block context unless `flow`), or a block scalar whose lines go
    /// at `indent`.
    fn scalar(&mut self, value: &Value<'_>, indent: usize, flow: bool) -> String {
        match value {
            Value::Null => {
                ["~", "null", ""][self.dice.roll(if flow { 2 } else { 3 }) as usize].to_owned()
            }
            Value::Bool(b) => b.to_string(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => format!("{f:?}"),
            Value::Str(s) => {
                let s = s.as_ref();
                match self.dice.roll(5) {
                    0 if simple_plain(s) => s.to_owned(),
                    1 if !s.chars().any(char::is_control) => format!("'{}'", s.replace('\'', "''")),
                    2 if self.blocks
                        && !flow
                        && !s.is_empty()
                        && !s.starts_with(' ')
                        && !s.ends_with(' ')
                        && !s.chars().any(char::is_control) =>
                    {
                        let header = if self.dice.one_in(2) { "|-" } else { ">-" };
                        format!("{header}\n{}{s}", " ".repeat(indent))
                    }
                    _ => serde_json::Value::from(s).to_string(),
                }
            }
            Value::Seq(_) | Value::Map(_) => unreachable!(),
        }
    }

    fn key(&mut self, key: &Node<'_>) -> String {
        let text = key.value.scalar_text().unwrap_or_default();
        if simple_plain(&text) && !self.dice.one_in(5) {
            text
        } else {
            serde_json::Value::from(text).to_string()
        }
    }

    /// A value in flow style, or `None` when something in it can't be.
    fn flow(&mut self, node: &Node<'_>) -> String {
        match &node.value {
            Value::Map(entries) => {
                let parts: Vec<String> = self
                    .shuffled(entries)
                    .into_iter()
                    .map(|(k, v)| format!("{}: {}", self.key(k), self.flow(v)))
                    .collect();
                format!("{{{}}}", parts.join(", "))
            }
            Value::Seq(items) => {
                let parts: Vec<String> = items.iter().map(|i| self.flow(i)).collect();
                format!("[{}]", parts.join(", "))
            }
            v => self.scalar(v, 0, true),
        }
    }

    fn shuffled<'n, 'a>(
        &mut self,
        entries: &'n [(Node<'a>, Node<'a>)],
    ) -> Vec<&'n (Node<'a>, Node<'a>)> {
        let mut v: Vec<_> = entries.iter().collect();
        for i in (1..v.len()).rev() {
            let j = self.dice.roll(i as u64 + 1) as usize;
            v.swap(i, j);
        }
        v
    }

    /// The entries of a block mapping at `indent`; `first_inline` when the first one follows
    /// a list's dash.
    fn map(&mut self, entries: &[(Node<'_>, Node<'_>)], indent: usize, first_inline: bool) {
        for (i, (k, v)) in self.shuffled(entries).into_iter().enumerate() {
            if i > 0 || !first_inline {
                self.above(indent);
                self.out.push_str(&" ".repeat(indent));
            }
            let key = self.key(k);
            self.out.push_str(&key);
            self.out.push(':');
            self.value(v, indent);
        }
    }

    /// A key's value, after its colon.
    fn value(&mut self, v: &Node<'_>, indent: usize) {
        match &v.value {
            Value::Map(entries) if !entries.is_empty() && !self.dice.one_in(4) => {
                self.end();
                self.map(entries, indent + 2, false);
            }
            Value::Seq(items) if !items.is_empty() && !self.dice.one_in(4) => {
                self.end();
                // Indentless lists are YAML too.
                let at = if self.dice.one_in(3) {
                    indent
                } else {
                    indent + 2
                };
                self.seq(items, at);
            }
            Value::Map(_) | Value::Seq(_) => {
                let flow = self.flow(v);
                self.out.push(' ');
                self.out.push_str(&flow);
                self.end();
            }
            scalar => {
                let text = self.scalar(scalar, indent + 2, false);
                self.scalar_line(&text);
            }
        }
    }

    /// A scalar after its key or dash, then the line end; a trailing comment goes after a
    /// block scalar's header, not after its content.
    fn scalar_line(&mut self, text: &str) {
        if !text.is_empty() {
            self.out.push(' ');
        }
        match text.split_once('\n') {
            Some((header, body)) => {
                self.out.push_str(header);
                self.end();
                self.out.push_str(body);
                self.out.push('\n');
            }
            None => {
                self.out.push_str(text);
                self.end();
            }
        }
    }

    fn seq(&mut self, items: &[Node<'_>], indent: usize) {
        for item in items {
            self.above(indent);
            self.out.push_str(&" ".repeat(indent));
            self.out.push('-');
            match &item.value {
                Value::Map(entries) if !entries.is_empty() && !self.dice.one_in(4) => {
                    if self.dice.one_in(4) {
                        // The mapping starts on the next line.
                        self.end();
                        self.map(entries, indent + 2, false);
                    } else {
                        self.out.push(' ');
                        self.map(entries, indent + 2, true);
                    }
                }
                Value::Map(_) | Value::Seq(_) => {
                    let flow = self.flow(item);
                    self.out.push(' ');
                    self.out.push_str(&flow);
                    self.end();
                }
                scalar => {
                    let text = self.scalar(scalar, indent + 2, false);
                    self.scalar_line(&text);
                }
            }
        }
    }
}

/// `text` restyled: the same values in other clothes, with its comment count.
fn restyle(text: &str, seed: u64, blocks: bool) -> (String, usize) {
    let root = samictl::yaml::read(text).expect("a generated file reads");
    let Value::Map(entries) = &root.value else {
        panic!("a mapping");
    };
    let mut r = Restyle {
        dice: Dice(seed | 1),
        blocks,
        out: String::new(),
        comments: 0,
    };
    if r.dice.one_in(2) {
        let c = r.comment();
        r.out.push_str(&format!("{c}\n\n"));
    }
    r.map(entries, 0, false);
    if r.dice.one_in(3) {
        let c = r.comment();
        r.out.push_str(&format!("{c}\n"));
    }
    let mut out = r.out;
    if r.dice.one_in(3) {
        out = out.replace('\n', "\r\n");
    }
    if r.dice.one_in(4) {
        out.insert(0, '\u{feff}');
    }
    (out, r.comments)
}

/// A tree as comparable data: positions dropped, mappings in key order.
fn data(node: &Node<'_>) -> serde_json::Value {
    match &node.value {
        Value::Map(entries) => {
            let mut pairs: Vec<(String, serde_json::Value)> = entries
                .iter()
                .map(|(k, v)| (format!("{:?}", k.value), data(v)))
                .collect();
            pairs.sort_by(|a, b| a.0.cmp(&b.0));
            serde_json::Value::Array(
                pairs
                    .into_iter()
                    .map(|(k, v)| serde_json::json!([k, v]))
                    .collect(),
            )
        }
        Value::Seq(items) => serde_json::Value::Array(items.iter().map(data).collect()),
        v => serde_json::Value::String(format!("{v:?}")),
    }
}

/// A card written as a bare key (`opt-out:`, null) is an empty card, which fmt writes `{}`
/// (docs/spec 18): in `data`'s form, a null card under `outcomes` or `messaging` reads as an empty
/// mapping. Nothing else is changed; behaviour and findings are compared apart.
fn null_cards_empty(mut root: serde_json::Value) -> serde_json::Value {
    let sections = [r#"Str("outcomes")"#, r#"Str("messaging")"#];
    for pair in root.as_array_mut().into_iter().flatten() {
        let Some([key, cards]) = pair.as_array_mut().map(|p| p.as_mut_slice()) else {
            continue;
        };
        if !sections.iter().any(|s| key == *s) {
            continue;
        }
        for card in cards.as_array_mut().into_iter().flatten() {
            if let Some([_, value]) = card.as_array_mut().map(|c| c.as_mut_slice())
                && *value == "Null"
            {
                *value = serde_json::Value::Array(Vec::new());
            }
        }
    }
    root
}

/// What the bot does: every outcome on both channels, for its own direction and every other.
fn behaviour(text: &str) -> Option<String> {
    let bot = check(text, &Settings::default()).bot?;
    let mut out = String::new();
    for d in [
        None,
        Some(Direction::Inbound),
        Some(Direction::Outbound),
        Some(Direction::Both),
    ] {
        for sim in simulate_all(&bot, d) {
            out.push_str(&format!(
                "{:?} {:?}\n",
                sim.outcome,
                sim.fires().collect::<Vec<_>>()
            ));
        }
        for sim in simulate_all_on(&bot, Channel::Sms, d) {
            out.push_str(&format!(
                "{:?} {:?}\n",
                sim.outcome,
                sim.fires().collect::<Vec<_>>()
            ));
        }
    }
    Some(out)
}

/// The findings as rule ids (their places move with the layout).
fn rules_found(text: &str) -> Vec<String> {
    let mut v: Vec<String> = check(text, &Settings::default())
        .diagnostics
        .iter()
        .map(|d| d.rule.id().to_owned())
        .collect();
    v.sort();
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn formatting_keeps_behaviour_values_and_comments_and_is_idempotent(
        (text, _) in bot_file(),
        seed in any::<u64>(),
    ) {
        let (styled, comments) = restyle(&text, seed, true);
        let before = samictl::yaml::read(&styled);
        prop_assert!(before.is_ok(), "the restyled file must read:\n{}\n{:?}", styled, before);
        let formatted = format_text(&styled);
        prop_assert!(formatted.is_ok(), "{}\n{:?}", styled, formatted);
        let formatted = formatted.unwrap();
        // Every value reads back equal.
        let after = samictl::yaml::read(&formatted);
        prop_assert!(after.is_ok(), "{}\n---\n{}", styled, formatted);
        prop_assert_eq!(null_cards_empty(data(&before.unwrap())), data(&after.unwrap()), "{}\n---\n{}", styled, formatted);
        // The same behaviour, every outcome on both channels, and the same findings.
        prop_assert_eq!(behaviour(&styled), behaviour(&formatted), "{}\n---\n{}", styled, formatted);
        prop_assert!(behaviour(&formatted).is_some());
        prop_assert_eq!(rules_found(&styled), rules_found(&formatted));
        // Every comment kept, once.
        for n in 1..=comments {
            let c = format!("# c{n}");
            let found = formatted
                .match_indices(&c)
                .filter(|(i, _)| !formatted[i + c.len()..].starts_with(|ch: char| ch.is_ascii_digit()))
                .count();
            prop_assert_eq!(found, 1, "{} in\n{}\n---\n{}", c, styled, formatted);
        }
        // Line ends and the byte-order mark kept.
        prop_assert_eq!(styled.contains("\r\n"), formatted.contains("\r\n"));
        prop_assert_eq!(formatted.matches('\n').count(), formatted.matches("\r\n").count() * usize::from(styled.contains("\r\n")) + formatted.matches('\n').count() * usize::from(!styled.contains("\r\n")));
        prop_assert_eq!(styled.starts_with('\u{feff}'), formatted.starts_with('\u{feff}'));
        prop_assert!(formatted.ends_with('\n'));
        // The hand scanner's fast path and granit-parser's events give the same text.
        for input in [&text, &styled, &formatted] {
            prop_assert_eq!(format_text(input), samictl::fmt::format_text_events(input), "{}", input);
        }
        // Idempotent.
        let again = format_text(&formatted);
        prop_assert_eq!(again.as_ref(), Ok(&formatted), "{}", styled);
        // One layout: the same file in any style but block scalars (kept as blocks) formats
        // to the generator's own file formatted, comments aside.
        let (styled, _) = restyle(&text, seed.rotate_left(17), false);
        let strip = |s: &str| -> String {
            s.trim_start_matches('\u{feff}')
                .replace("\r\n", "\n")
                .lines()
                .filter(|l| !l.trim_start().starts_with("# c"))
                .map(|l| l.find(" # c").map_or(l, |i| &l[..i]))
                .filter(|l| !l.trim().is_empty())
                .collect::<Vec<_>>()
                .join("\n")
        };
        let one = format_text(&text).map(|s| strip(&s));
        let other = format_text(&styled).map(|s| strip(&s));
        prop_assert_eq!(one, other, "{}\n---\n{}", text, styled);
    }
}
