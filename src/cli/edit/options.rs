//! A card's analysis criteria and mid-call options.

use super::prompt::Menu;
use super::{Interrupted, Session};
use samictl::edit::{Op, typed};
use samictl::outcome::Outcome;
use samictl::product::{MAX_OBJECTIONS_RANGE, MidCallOption, PRESET_MAX_OBJECTIONS, TextField};

/// What to do with a text option: write a new one, or go back to SAMI's default.
#[derive(Clone, Copy)]
enum TextChoice {
    Write,
    Reset,
    Back,
}

impl Session {
    pub(super) fn criteria(&mut self, outcome: Outcome) -> Result<(), Interrupted> {
        let current = self
            .bot
            .cards
            .get(&outcome)
            .and_then(|c| c.analysis_criteria.clone());
        let menu: Menu<TextChoice> = vec![
            ("Write new criteria".to_owned(), TextChoice::Write),
            (
                "Reset to SAMI's default wording".to_owned(),
                TextChoice::Reset,
            ),
            ("Back".to_owned(), TextChoice::Back),
        ];
        match self.choose_once("Analysis criteria", &menu)? {
            Some(TextChoice::Write) => {
                let rules = self.rules(outcome);
                let text = self.input(
                    "Criteria (plain English, no placeholders)",
                    current.as_deref().unwrap_or(""),
                    move |s| typed::text(rules, TextField::AnalysisCriteria, s),
                )?;
                self.change(
                    outcome,
                    Op::SetCriteria(Some(text)),
                    "analysis criteria set",
                );
            }
            Some(TextChoice::Reset) => self.change(
                outcome,
                Op::SetCriteria(None),
                "analysis criteria reset to SAMI's default",
            ),
            Some(TextChoice::Back) | None => {}
        }
        Ok(())
    }

    pub(super) fn mid_call(
        &mut self,
        outcome: Outcome,
        option: MidCallOption,
    ) -> Result<(), Interrupted> {
        let card = self.card_of(outcome);
        let rules = self.rules(outcome);
        match option {
            MidCallOption::WrapUp => {
                let menu: Menu<TextChoice> = vec![
                    ("Change the wrap-up".to_owned(), TextChoice::Write),
                    ("Clear (SAMI's default)".to_owned(), TextChoice::Reset),
                    ("Back".to_owned(), TextChoice::Back),
                ];
                match self.choose_once(
                    "wrap_up: what SAMI says as the outcome becomes clear",
                    &menu,
                )? {
                    Some(TextChoice::Write) => {
                        let text = self.input(
                            "Wrap-up",
                            card.mid_call.wrap_up.as_deref().unwrap_or(""),
                            move |s| typed::text(rules, TextField::WrapUp, s),
                        )?;
                        self.change(outcome, Op::SetWrapUp(Some(text)), "wrap-up set");
                    }
                    Some(TextChoice::Reset) => {
                        self.change(outcome, Op::SetWrapUp(None), "wrap-up cleared")
                    }
                    Some(TextChoice::Back) | None => {}
                }
            }
            MidCallOption::MaxObjections => {
                let initial = card
                    .mid_call
                    .max_objections
                    .map(|n| n.to_string())
                    .unwrap_or_default();
                let text = self.input_optional(
                    &format!(
                        "Objections to answer, {} to {}",
                        MAX_OBJECTIONS_RANGE.start(),
                        MAX_OBJECTIONS_RANGE.end()
                    ),
                    &initial,
                    &format!("SAMI's preset, {PRESET_MAX_OBJECTIONS}"),
                    |s| typed::max_objections(s).map(|_| ()),
                )?;
                let value = typed::max_objections(&text).ok().flatten();
                self.change(outcome, Op::SetMaxObjections(value), "max objections set");
            }
            MidCallOption::ConfirmTime => {
                let menu: Menu<Option<bool>> = vec![
                    ("Yes: read the requested time back".to_owned(), Some(true)),
                    ("No".to_owned(), Some(false)),
                    ("Not set".to_owned(), None),
                ];
                if let Some(value) = self.choose_once("confirm_time", &menu)? {
                    self.change(outcome, Op::SetConfirmTime(value), "confirm time set");
                }
            }
        }
        Ok(())
    }
}
