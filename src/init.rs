//! `samictl init`: a new bot file with all eight call cards (SAMI's presets for the four that
//! have one, the other four empty: they have no published preset, docs/spec 10), and the
//! five messaging cards empty (SAMI publishes no preset for them).
//!
//! The template is `templates/bot.yaml`, included here and shown in the docs.

use crate::outcome::{Direction, Outcome};

/// The template, with `@NAME@` and `@DIRECTION@` to fill in.
pub const TEMPLATE: &str = include_str!("../templates/bot.yaml");

/// The template filled in. The name is written as a double-quoted YAML string (YAML's own
/// escapes, never JSON's), so any name (colons, quotes, `#`, controls) reads back exactly. It
/// is filled in last, so a name holding `@DIRECTION@` stays as written.
pub fn render(name: &str, direction: Direction) -> String {
    TEMPLATE
        .replace("@DIRECTION@", direction.as_str())
        .replace("@NAME@", &crate::quote::double_quoted(name))
}

/// The file `samictl init` writes: [`render`] in the canonical layout of `samictl fmt` (spec
/// section 18: the name plain where that reads back the same, messaging cards in the canonical
/// outcome order).
pub fn new_file(name: &str, direction: Direction) -> String {
    let text = render(name, direction);
    crate::fmt::format_text(&text).unwrap_or(text)
}

/// SAMI's preset card for an outcome (docs/spec 10), in YAML flow form for one-line help
/// texts: the table's `preset` column. The same cards as the template writes, as a test checks
/// (`fix::preset_card` is the template's block form of the card, for a fix to insert).
pub(crate) fn preset_flow(outcome: Outcome) -> &'static str {
    crate::product::rules_for(outcome).preset.card
}

/// What SAMI's preset card for an outcome does, in words (docs/spec 10; the table's
/// `preset` column); `None` when the preset adds no action of its own.
pub fn preset_summary(outcome: Outcome) -> Option<&'static str> {
    crate::product::rules_for(outcome).preset.summary
}

/// The call outcomes with a published preset that adds actions, in canonical order.
fn preset_outcomes() -> Vec<Outcome> {
    Outcome::ALL
        .into_iter()
        .filter(|o| preset_summary(*o).is_some())
        .collect()
}

/// The call outcomes with no published preset (their card starts empty), in canonical order.
fn empty_outcomes() -> Vec<Outcome> {
    Outcome::ALL
        .into_iter()
        .filter(|o| preset_summary(*o).is_none())
        .collect()
}

/// Which call cards `init` writes from SAMI's presets and which start empty, in words:
/// "SAMI's presets for successful-transfer, ... and contact-later; opt-out, ... and bad-number
/// empty (no published preset)" (docs/spec 10, from the table's `preset` column).
pub fn cards_written() -> String {
    let list = |outcomes: Vec<Outcome>| {
        let tags: Vec<&str> = outcomes.iter().map(|o| o.as_str()).collect();
        match tags.split_last() {
            Some((last, [])) => (*last).to_owned(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
            None => String::new(),
        }
    };
    format!(
        "SAMI's presets for {}; {} empty (no published preset)",
        list(preset_outcomes()),
        list(empty_outcomes())
    )
}

/// [`cards_written`] as two lines for a terminal: "SAMI's presets: TAG, ..." and "empty (no
/// published preset): TAG, ...".
pub fn cards_written_lines() -> [String; 2] {
    let list = |outcomes: Vec<Outcome>| {
        outcomes
            .iter()
            .map(|o| o.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    [
        format!("SAMI's presets: {}", list(preset_outcomes())),
        format!("empty (no published preset): {}", list(empty_outcomes())),
    ]
}

/// Why a bot name can't be used, or `None` when it can: the check of `bot.name` the
/// validator makes ([`crate::fields::bot_name`]), worded for the person typing.
pub fn name_problem(name: &str) -> Option<String> {
    crate::fields::bot_name(name)
        .err()
        .map(|p| crate::fields::messages::prompt_about("the name", &p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;
    use crate::simulate::{Fired, simulate};

    #[test]
    fn every_direction_gives_a_clean_file_with_all_eight_cards() {
        for d in Direction::ALL {
            for name in [
                "Seller Outreach",
                "Ops: \"east\" # 2",
                "Café 🚀",
                "x@DIRECTION@y@NAME@",
                "del\u{7f} csi\u{9b} nc\u{fffe}",
            ] {
                let text = render(name, d);
                let checked = crate::validate::check(&text, &Settings::default());
                assert_eq!(checked.diagnostics, vec![], "{name} / {d}");
                let bot = checked.bot.unwrap();
                assert_eq!(bot.name, name);
                assert_eq!(bot.direction, d);
                assert_eq!(bot.cards.len(), 8);
                // The five messaging cards, empty (no published preset).
                let messaging = bot.messaging.unwrap();
                assert_eq!(messaging.len(), 5);
                assert!(
                    messaging
                        .values()
                        .all(|c| c.actions.is_empty() && c.notify.is_none())
                );
            }
        }
    }

    #[test]
    fn says_which_cards_are_presets_and_which_start_empty() {
        assert_eq!(
            cards_written(),
            "SAMI's presets for successful-transfer, missed-transfer, needs-follow-up and \
             contact-later; opt-out, not-interested, unqualified and bad-number empty (no \
             published preset)"
        );
        assert_eq!(
            cards_written_lines(),
            [
                "SAMI's presets: successful-transfer, missed-transfer, needs-follow-up, \
                 contact-later",
                "empty (no published preset): opt-out, not-interested, unqualified, bad-number"
            ]
        );
        // The template's header says the same.
        assert!(TEMPLATE.contains("no published preset"), "{TEMPLATE}");
    }

    #[test]
    fn presets_match_the_product() {
        let bot = crate::validate::check(&render("x", Direction::Inbound), &Settings::default())
            .bot
            .unwrap();
        let fires = |o| -> Vec<&'static str> {
            simulate(&bot, o, None)
                .fires()
                .map(Fired::type_name)
                .collect()
        };
        assert_eq!(fires(Outcome::SuccessfulTransfer), ["notify-owner"]);
        assert_eq!(fires(Outcome::MissedTransfer), ["task", "notify-owner"]);
        assert_eq!(
            fires(Outcome::NeedsFollowUp),
            ["note", "task", "notify-owner"]
        );
        assert_eq!(fires(Outcome::ContactLater), ["note"]);
        assert_eq!(fires(Outcome::OptOut), ["do-not-contact-all-channels"]);
        for o in [
            Outcome::NotInterested,
            Outcome::Unqualified,
            Outcome::BadNumber,
        ] {
            assert_eq!(fires(o), Vec::<&str>::new());
        }
    }

    #[test]
    fn preset_cards_are_the_template_cards() {
        let settings = Settings::default();
        let template = crate::validate::check(&render("x", Direction::Both), &settings)
            .bot
            .unwrap();
        for o in Outcome::ALL {
            let one = format!(
                "version: 1\nbot: {{name: x, direction: both}}\noutcomes:\n  {o}: {}\n",
                preset_flow(o)
            );
            let checked = crate::validate::check(&one, &settings);
            let bot = checked
                .bot
                .unwrap_or_else(|| panic!("{o}: {:?}", checked.diagnostics));
            let fires = |b: &crate::model::Bot| -> Vec<Fired> {
                simulate(b, o, None).fires().cloned().collect()
            };
            assert_eq!(fires(&bot), fires(&template), "{o}");
        }
    }

    #[test]
    fn names() {
        assert!(name_problem("Seller").is_none());
        assert!(name_problem("   ").is_some());
        assert!(name_problem(&"x".repeat(101)).is_some());
    }

    /// `init` takes exactly the names `validate` takes: a name with a newline, a tab or an
    /// escape sequence validates, so `init` writes it; a blank or too long one is refused by
    /// both, in both cases as the walker's `bot.name` check decides.
    #[test]
    fn names_are_the_names_validate_takes() {
        let settings = Settings::default();
        for name in [
            "Seller",
            "two\nlines",
            "tab\there",
            "esc \u{1b}]0;t\u{7}",
            " \u{200b} ",
            "",
            &"é".repeat(crate::validate::NAME_MAX),
            &"é".repeat(crate::validate::NAME_MAX + 1),
        ] {
            let file = format!(
                "version: 1\nbot:\n  name: {}\n  direction: inbound\n",
                crate::quote::double_quoted(name)
            );
            let validates = !crate::validate::check(&file, &settings).has_errors();
            assert_eq!(name_problem(name).is_none(), validates, "{name:?}");
        }
        assert_eq!(
            name_problem(" ").as_deref(),
            Some("the name can't be blank")
        );
    }
}
