//! The model walked through every view of the format: for every place, every outcome and every
//! key, the validator accepts it (and refuses it where the product row doesn't take it), the
//! language server finds the place and offers the key, the JSON Schema has it, `edit` knows
//! how to write it, and `fmt` puts it in the model's order. A key missing from one view fails
//! here.

use super::*;
use crate::config::Settings;
use crate::edit::Op;
use crate::lsp::outline::{Outline, Step};
use crate::lsp::place::{keys_allowed, place_of};
use crate::outcome::Direction;
use serde_json::Value;

#[test]
fn directions_are_the_outcome_modules() {
    assert_eq!(DIRECTIONS, Direction::ALL.map(Direction::as_str));
}

/// The outcomes whose card a place is on (one, any, above the cards).
fn outcomes_of(place: Place) -> Vec<Outcome> {
    match place {
        Place::Root | Place::Bot | Place::Cards(_) => vec![Outcome::NeedsFollowUp],
        _ => place.channel().map(card_tags).unwrap_or_default(),
    }
}

/// A valid value of a key.
fn value(key: &Key) -> String {
    match key.kind {
        Kind::Bool => "true".to_owned(),
        Kind::Int { min, .. } => min.to_string(),
        Kind::Enum(words) => words[0].to_owned(),
        Kind::Text { .. } => "x".to_owned(),
        Kind::Duration => "1h".to_owned(),
        Kind::Assignee => "owner".to_owned(),
        Kind::List { .. } if key.name == "phones" => "[\"+15125550142\"]".to_owned(),
        Kind::List { .. } => "[lead@example.com]".to_owned(),
        Kind::Actions(_) => "[]".to_owned(),
        Kind::Map(_) => "{}".to_owned(),
        Kind::ActionType => "note".to_owned(),
    }
}

/// The name of a section (`outcomes`, `messaging`).
fn section(channel: Channel) -> &'static str {
    key_to(Place::Root, Place::Cards(channel)).unwrap_or_default()
}

/// A bot file holding `key` at `place` on the card of `outcome`, with valid values where it
/// can; the 0-based line and column of the key. `None` for an action key no action of the
/// card takes.
fn file_with(place: Place, outcome: Outcome, key: &Key) -> Option<(String, usize, usize)> {
    let mut lines: Vec<String> = ["version: 1", "bot:", "  name: x", "  direction: outbound"]
        .map(str::to_owned)
        .to_vec();
    let card = |lines: &mut Vec<String>, c: Channel| {
        lines.push(format!("{}:", section(c)));
        lines.push(format!("  {}:", outcome.as_str()));
    };
    let at = match place {
        Place::Root => {
            lines.push("outcomes: {}".to_owned());
            lines.push("messaging: {}".to_owned());
            (
                lines
                    .iter()
                    .position(|l| l.starts_with(&format!("{}:", key.name)))?,
                0,
            )
        }
        Place::Bot => (
            lines
                .iter()
                .position(|l| l.starts_with(&format!("  {}:", key.name)))?,
            2,
        ),
        Place::Cards(c) => {
            lines.push(format!("{}:", section(c)));
            lines.push(format!("  {}: {{}}", key.name));
            (lines.len() - 1, 2)
        }
        Place::Card(c) => {
            card(&mut lines, c);
            lines.push(format!("    {}: {}", key.name, value(key)));
            (lines.len() - 1, 4)
        }
        Place::MidCall | Place::Notify(_) => {
            let c = place.channel()?;
            card(&mut lines, c);
            lines.push(format!("    {}:", key_to(Place::Card(c), place)?));
            lines.push(format!("      {}: {}", key.name, value(key)));
            (lines.len() - 1, 6)
        }
        Place::Actions(_) => return None,
        Place::Action(c) => {
            let rules = product::rules_on(c, outcome)?;
            card(&mut lines, c);
            lines.push("    actions:".to_owned());
            let start = lines.len();
            if key.name == "locked" {
                let lock = rules.locks.first().copied().or(rules.enrollment_lock)?;
                lines.push(format!("      - type: {}", lock.as_str()));
                lines.push("        locked: true".to_owned());
            } else {
                let action = rules
                    .user_actions
                    .iter()
                    .find(|a| key.name == "type" || a.fields().contains(&key.name))?;
                lines.push(format!("      - type: {}", action.as_str()));
                let keys = keys(place);
                for f in action.fields() {
                    lines.push(format!("        {f}: {}", value(&find(&keys, f)?)));
                }
            }
            let line = (start..lines.len()).find(|i| {
                lines[*i]
                    .trim_start_matches([' ', '-'])
                    .starts_with(&format!("{}:", key.name))
            })?;
            (line, 8)
        }
    };
    let mut text = lines.join("\n");
    text.push('\n');
    Some((text, at.0, at.1))
}

/// The keys the schema gives a place on the card of `outcome`.
fn schema_keys(schema: &Value, place: Place, outcome: Outcome) -> Vec<String> {
    let props = |v: &Value| -> Vec<String> {
        v["properties"]
            .as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default()
    };
    let card =
        |c: Channel| schema["properties"][section(c)]["properties"][outcome.as_str()].clone();
    match place {
        Place::Root => props(schema),
        Place::Bot => props(&schema["properties"]["bot"]),
        Place::Cards(c) => props(&schema["properties"][section(c)]),
        Place::Card(c) => props(&card(c)),
        Place::MidCall => props(&card(Channel::Call)["properties"]["mid_call"]),
        Place::Notify(c) => props(&card(c)["properties"]["notify"]),
        Place::Actions(_) => Vec::new(),
        Place::Action(c) => {
            let mut out: Vec<String> = Vec::new();
            let items = card(c)["properties"]["actions"]["items"]["oneOf"].clone();
            for item in items.as_array().into_iter().flatten() {
                for k in props(item) {
                    if !out.contains(&k) {
                        out.push(k);
                    }
                }
            }
            out
        }
    }
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn every_key_of_every_place_is_known_to_every_view() {
    let schema = crate::schema::schema();
    let settings = Settings::default();
    let ops = [
        Op::SetCriteria(None),
        Op::SetWrapUp(None),
        Op::SetMaxObjections(None),
        Op::SetConfirmTime(None),
        Op::RemoveAction(0),
        Op::SetNotifyOwner(true),
        Op::RemoveEmail(0),
        Op::RemovePhone(0),
    ];
    let mut walked = 0;
    for place in Place::ALL {
        for outcome in outcomes_of(place) {
            let here = keys_on(place, outcome);
            let names: Vec<String> = here.iter().map(|k| k.name.to_owned()).collect();
            // The schema: the same keys (for a mapping, in the same order but a section's
            // cards, which the schema lists in the editor's order).
            let in_schema = schema_keys(&schema, place, outcome);
            if matches!(place, Place::Cards(_) | Place::Action(_)) {
                assert_eq!(
                    sorted(in_schema),
                    sorted(names.clone()),
                    "{place:?} {outcome}"
                );
            } else {
                assert_eq!(in_schema, names, "schema at {place:?} on {outcome}");
            }
            for key in &here {
                let Some((text, line, col)) = file_with(place, outcome, key) else {
                    continue;
                };
                walked += 1;
                // The validator accepts it.
                let errors: Vec<_> = crate::validate::check(&text, &settings)
                    .diagnostics
                    .into_iter()
                    .filter(|d| d.is_error())
                    .map(|d| format!("{}: {}", d.rule, d.message))
                    .collect();
                assert!(errors.is_empty(), "{}:\n{text}{errors:#?}", key.name);
                // The language server finds the place and offers the key.
                let outline = Outline::new(&text);
                // On an item's first line (`- type:`), the item's place, as completion asks it.
                let lsp = if text
                    .lines()
                    .nth(line)
                    .is_some_and(|l| l.trim_start().starts_with("- "))
                {
                    let mut path = outline.parents(line, col - 2);
                    path.push(Step::Item(line));
                    place_of(&path)
                } else {
                    place_of(&outline.parents(line, col))
                };
                assert_eq!(lsp.model(), Some(place), "{}:\n{text}", key.name);
                let offered: Vec<&str> =
                    keys_allowed(&outline, lsp).iter().map(|k| k.key).collect();
                assert!(
                    offered.contains(&key.name),
                    "{} not in {offered:?}:\n{text}",
                    key.name
                );
                // `edit` writes every key of a card, of `mid_call` and of `notify`.
                if let Some(c) = place.channel()
                    && matches!(place, Place::Card(_) | Place::MidCall | Place::Notify(_))
                {
                    let child = place.child(key.name);
                    assert!(
                        ops.iter().any(|op| {
                            let (p, k) = op.writes(c);
                            (p, k) == (place, key.name) || Some(p) == child
                        }),
                        "edit writes no {} at {place:?}",
                        key.name
                    );
                }
            }
            // The validator refuses a key the model doesn't have there, and a key of the
            // place the product row doesn't take.
            let stray = key("stray_key", Kind::Bool, "", Column::None);
            if let Some((text, ..)) = file_with(place, outcome, &stray) {
                assert!(
                    crate::validate::check(&text, &settings).has_errors(),
                    "{text}"
                );
            }
            if !matches!(place, Place::Action(_)) {
                for key in keys(place)
                    .iter()
                    .filter(|k| !names.contains(&k.name.to_owned()))
                {
                    if let Some((text, ..)) = file_with(place, outcome, key) {
                        let checked = crate::validate::check(&text, &settings);
                        assert!(checked.has_errors(), "{} on {outcome}:\n{text}", key.name);
                    }
                }
            }
        }
    }
    assert!(walked > 100, "walked only {walked} keys");
}

/// `fmt` writes every place's keys in the model's order, whatever order they were written in.
#[test]
fn fmt_orders_every_place_as_the_model() {
    for place in Place::ALL {
        let keys = keys(place);
        if keys.is_empty() {
            continue;
        }
        let card = |c: Channel| format!("  {}:", card_tags(c)[0].as_str());
        let (head, indent): (Vec<String>, usize) = match place {
            Place::Root => (Vec::new(), 0),
            Place::Bot => (vec!["bot:".to_owned()], 2),
            Place::Cards(c) => (vec![format!("{}:", section(c))], 2),
            Place::Card(c) => (vec![format!("{}:", section(c)), card(c)], 4),
            Place::MidCall | Place::Notify(_) => {
                let c = place.channel().unwrap_or(Channel::Call);
                let parent = key_to(Place::Card(c), place).unwrap_or_default();
                let head = [format!("{}:", section(c)), card(c)];
                ([&head[..], &[format!("    {parent}:")]].concat(), 6)
            }
            Place::Actions(_) => continue,
            Place::Action(c) => (
                vec![
                    format!("{}:", section(c)),
                    card(c),
                    "    actions:".to_owned(),
                ],
                8,
            ),
        };
        let mut lines = head;
        for (i, k) in keys.iter().rev().enumerate() {
            let pad = if matches!(place, Place::Action(_)) && i == 0 {
                format!("{}- ", " ".repeat(indent - 2))
            } else {
                " ".repeat(indent)
            };
            lines.push(format!("{pad}{}: x", k.name));
        }
        let text = lines.join("\n") + "\n";
        let out = crate::fmt::format_text(&text).unwrap_or_else(|e| panic!("{e}:\n{text}"));
        let written: Vec<&str> = out
            .lines()
            .filter(|l| {
                let content = l.len() - l.trim_start_matches([' ', '-']).len();
                !l.trim().is_empty() && content == indent
            })
            .filter_map(|l| l.trim_start_matches([' ', '-']).split(':').next())
            .collect();
        let expected: Vec<&str> = keys.iter().map(|k| k.name).collect();
        assert_eq!(written, expected, "{place:?}:\n{out}");
    }
}
