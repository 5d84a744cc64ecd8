//! The `{{ placeholders }}` of a card's text: each must exist in its field, on its outcome
//! and channel (docs/spec 5), and its finding points at it as written.

use super::fixes::FixTarget;
use super::messages::Problem;
use super::walker::Walker;
use crate::line_index::LineIndex;
use crate::outcome::Outcome;
use crate::product::{self, TextField};
use crate::values::{self, PlaceholderToken};
use crate::yaml::{Node, Pos};

impl<'t> Walker<'_, 't> {
    pub(super) fn placeholders(
        &mut self,
        value: &Node,
        text: &str,
        outcome: Outcome,
        field: TextField,
    ) {
        let tokens = values::scan_placeholders(text);
        if tokens.is_empty() {
            return;
        }
        // Each finding points at its placeholder as written; when the written tokens don't
        // match the read ones (braces written as escapes), at the string. Where they are
        // written is looked up (in the file's line index) only for a placeholder with a finding.
        let source = self.source;
        let mut written: Option<Option<Vec<(PlaceholderToken, Pos)>>> = None;
        let mut pos_of = |i: usize, tokens: &[PlaceholderToken], lines: &LineIndex| -> Pos {
            let written = written.get_or_insert_with(|| {
                if source.is_empty() {
                    return None;
                }
                super::scalar_span::placeholder_positions(source, lines, value.pos).filter(|w| {
                    w.len() == tokens.len()
                        && w.iter().zip(tokens).all(|((a, _), b)| {
                            matches!(
                                (a, b),
                                (PlaceholderToken::Unbalanced, PlaceholderToken::Unbalanced)
                                    | (PlaceholderToken::Name(_), PlaceholderToken::Name(_))
                            )
                        })
                })
            });
            written
                .as_ref()
                .and_then(|w| w.get(i))
                .map_or(value.pos, |(_, p)| *p)
        };
        for (i, token) in tokens.iter().enumerate() {
            match token {
                PlaceholderToken::Unbalanced => {
                    let pos = pos_of(i, &tokens, self.line_index());
                    self.report(pos, Problem::UnbalancedBraces { field });
                }
                PlaceholderToken::Name(name) => {
                    let name = name.as_str();
                    let rules = self.rules(outcome);
                    let Err(problem) = product::check_placeholder_in(rules, name, field) else {
                        continue;
                    };
                    let problem = Problem::Placeholder {
                        name,
                        field,
                        problem,
                        on: self.on(outcome),
                        channel: self.channel,
                        available: product::placeholders_available_in(rules, field),
                    };
                    let pos = pos_of(i, &tokens, self.line_index());
                    let target = FixTarget::Placeholder(name.to_owned());
                    self.report_fixable(pos, problem, target);
                }
            }
        }
    }
}
