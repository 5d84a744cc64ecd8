//! The `{{ placeholders }}` of a card's text: each must exist in its field, on its outcome
//! and channel (spec section 5), and its finding points at it as written.

use super::messages::quote_list;
use super::walker::Walker;
use crate::outcome::Outcome;
use crate::product::{self, PlaceholderProblem, TextField};
use crate::rules::Rule;
use crate::values::{self, PlaceholderToken, did_you_mean};
use crate::yaml::{Node, Pos};

impl Walker<'_> {
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
        // written is looked up (a scan of the source) only for a placeholder with a finding.
        let source = self.source;
        let mut written: Option<Option<Vec<(PlaceholderToken, Pos)>>> = None;
        let mut pos_of = |i: usize, tokens: &[PlaceholderToken]| -> Pos {
            let written = written.get_or_insert_with(|| {
                if source.is_empty() {
                    return None;
                }
                crate::scalar_span::placeholder_positions(source, value.pos).filter(|w| {
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
                PlaceholderToken::Unbalanced => self.push(
                    Rule::UnknownPlaceholder,
                    pos_of(i, &tokens),
                    format!("unbalanced braces in {}", field.describe()),
                    Some(
                        "placeholders are written `{{ name }}`, with two braces on each side"
                            .to_owned(),
                    ),
                ),
                PlaceholderToken::Name(name) => {
                    let name = name.as_str();
                    let rules = self.rules(outcome);
                    let Err(problem) = product::check_placeholder_in(rules, name, field) else {
                        continue;
                    };
                    let available = product::placeholders_available_in(rules, field);
                    let on = self.on(outcome);
                    let message = match problem {
                        PlaceholderProblem::Unknown => {
                            format!("unknown placeholder `{{{{ {name} }}}}`")
                        }
                        PlaceholderProblem::NotInField => format!(
                            "placeholder `{{{{ {name} }}}}` in {}, which SAMI reads and never fills in",
                            field.describe()
                        ),
                        PlaceholderProblem::NotOnOutcome => {
                            format!("placeholder `{{{{ {name} }}}}` doesn't exist on {on}")
                        }
                        PlaceholderProblem::NotOnChannel => format!(
                            "placeholder `{{{{ {name} }}}}` doesn't exist on {on}: a text conversation has no call"
                        ),
                        PlaceholderProblem::NotSpoken => format!(
                            "placeholder `{{{{ {name} }}}}` doesn't exist in {}, which SAMI speaks during the call",
                            field.describe()
                        ),
                    };
                    let help = match problem {
                        PlaceholderProblem::NotInField => {
                            "write the criteria in plain words, without `{{ }}`".to_owned()
                        }
                        PlaceholderProblem::NotOnOutcome => format!(
                            "`requested_time` exists only on {}",
                            product::tag_list(
                                &product::requested_time_outcomes(self.channel),
                                " and "
                            )
                        ),
                        PlaceholderProblem::NotOnChannel => format!(
                            "messaging cards have no `call.*` placeholders; available here: {}",
                            quote_list(available.iter().copied())
                        ),
                        _ => match did_you_mean(name, available.iter().copied()) {
                            Some(s) if s != name => format!("did you mean `{{{{ {s} }}}}`?"),
                            _ => {
                                format!("available here: {}", quote_list(available.iter().copied()))
                            }
                        },
                    };
                    let pos = pos_of(i, &tokens);
                    self.push(Rule::UnknownPlaceholder, pos, message, Some(help));
                }
            }
        }
    }
}
