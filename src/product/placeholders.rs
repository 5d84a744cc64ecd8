//! The placeholders (`{{contact.first_name}}`): which exist, and which a field of a card may hold.

use super::actions::TextField;
use super::table::{OutcomeRules, rules_for};
use crate::outcome::Outcome;

/// Every placeholder name with what it stands for.
pub const PLACEHOLDERS: [(&str, &str); 12] = [
    ("contact.first_name", "the contact's first name"),
    ("contact.last_name", "the contact's last name"),
    ("contact.phone", "the contact's phone number"),
    ("contact.email", "the contact's email address"),
    ("contact.owner", "the contact's assigned user"),
    ("bot.name", "this bot's name"),
    ("outcome", "the outcome's display name"),
    ("call.summary", "SAMI's summary of the call"),
    ("call.started_at", "when the call started"),
    ("call.duration", "how long the call lasted"),
    ("call.recording_url", "a link to the call recording"),
    (
        "requested_time",
        "the time the lead asked for (needs-follow-up and contact-later)",
    ),
];

/// Why a placeholder can't be used in a given place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceholderProblem {
    /// No such placeholder anywhere.
    Unknown,
    /// Placeholders are never filled in this field.
    NotInField,
    /// The placeholder exists, but not on this outcome.
    NotOnOutcome,
    /// The placeholder exists, but not in what SAMI says during the call.
    NotSpoken,
    /// The placeholder exists, but not on this channel (`call.*` in a messaging card).
    NotOnChannel,
}

/// Whether placeholder `name` may be used in `field` on the card of `rules` (any channel).
pub fn check_placeholder_in(
    rules: &OutcomeRules,
    name: &str,
    field: TextField,
) -> Result<(), PlaceholderProblem> {
    if !PLACEHOLDERS.iter().any(|(n, _)| *n == name) {
        return Err(PlaceholderProblem::Unknown);
    }
    if rules
        .missing_placeholders
        .iter()
        .any(|prefix| name.starts_with(prefix))
    {
        return Err(PlaceholderProblem::NotOnChannel);
    }
    if field == TextField::AnalysisCriteria {
        return Err(PlaceholderProblem::NotInField);
    }
    if name == REQUESTED_TIME_PLACEHOLDER && !rules.requested_time {
        return Err(PlaceholderProblem::NotOnOutcome);
    }
    if field == TextField::WrapUp && !is_spoken_placeholder(name) {
        return Err(PlaceholderProblem::NotSpoken);
    }
    Ok(())
}

/// The placeholder that exists only on cards whose `requested_time` column is set.
pub(crate) const REQUESTED_TIME_PLACEHOLDER: &str = "requested_time";

/// Placeholders SAMI can fill while it is still on the call, so the ones a spoken field
/// ([`TextField::WrapUp`]) may hold: whole names, or prefixes ending in `.`.
pub(crate) const SPOKEN_PLACEHOLDERS: [&str; 3] =
    ["contact.", "bot.name", REQUESTED_TIME_PLACEHOLDER];

/// Placeholders SAMI can fill while it is still on the call.
fn is_spoken_placeholder(name: &str) -> bool {
    SPOKEN_PLACEHOLDERS.iter().any(|p| {
        if p.ends_with('.') {
            name.starts_with(p)
        } else {
            name == *p
        }
    })
}

/// The placeholder names usable in `field` on `outcome`, for "did you mean" and help texts.
pub fn placeholders_available(outcome: Outcome, field: TextField) -> Vec<&'static str> {
    placeholders_available_in(rules_for(outcome), field)
}

/// The placeholder names usable in `field` on the card of `rules` (any channel).
pub fn placeholders_available_in(rules: &OutcomeRules, field: TextField) -> Vec<&'static str> {
    PLACEHOLDERS
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| check_placeholder_in(rules, n, field).is_ok())
        .collect()
}
