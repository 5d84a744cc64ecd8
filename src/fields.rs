//! Field checks: one pure check per kind of value the format holds (docs/spec 3, 5 and 6),
//! each answering with a typed [`FieldProblem`] rather than a sentence.
//!
//! The validator's walker, `edit`'s prompts and `init`'s name prompt all ask these checks, so
//! a value that validates in a file is accepted at a prompt and a value a prompt refuses is one
//! the walker reports. How a problem is said is [`messages`]' job: the walker words it as a
//! finding about a key in a file, a prompt as an answer to the person typing.
//!
//! What the format allows in text is exactly what YAML can hold: a note written as a `|` block
//! (newlines, tabs) or a wrap-up holding escape sequences is valid, and so it can be kept or
//! typed again at a prompt. Control characters are never a problem here; printing them is the
//! renderer's job (`render::text::escape`).

pub(crate) mod messages;

use crate::model::DueIn;
use crate::product::{
    self, CRITERIA_MAX, MAX_OBJECTIONS_RANGE, NAME_MAX, NOTE_MAX, OutcomeRules, PlaceholderProblem,
    TAG_MAX, TITLE_MAX, TextField, WRAP_UP_MAX,
};
use crate::rules::Rule;
use crate::values::{self, Duration, DurationError, PlaceholderToken};

/// Why a value can't be used where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum FieldProblem {
    /// Nothing but white space and invisible characters.
    Blank,
    /// Longer than the field's limit, in characters.
    TooLong { chars: usize, max: usize },
    /// A tag name holding a character tags don't take.
    TagCharacter(char),
    /// Not an email address (docs/spec 6).
    NotAnEmail,
    /// Not an E.164 phone number (docs/spec 3.5).
    NotAPhone,
    /// A whole number outside its range; `preset` is SAMI's value when the key is left out.
    OutOfRange {
        value: i64,
        min: i64,
        max: i64,
        preset: Option<i64>,
    },
    /// Not a number and a unit.
    NotADuration,
    /// A duration under 1m or over 90d.
    DurationOutOfRange,
    /// `requested-time` on a card whose outcome has no requested time.
    RequestedTimeNotHere,
    /// A `{{` or `}}` that doesn't pair up.
    UnbalancedBraces,
    /// A placeholder that doesn't exist here.
    Placeholder {
        name: String,
        problem: PlaceholderProblem,
        field: TextField,
        /// The placeholders that do exist here, for the "did you mean" and the list.
        available: Vec<&'static str>,
    },
}

impl FieldProblem {
    /// The rule a file's finding of this problem falls under.
    pub(crate) fn rule(&self) -> Rule {
        match self {
            FieldProblem::Blank
            | FieldProblem::TooLong { .. }
            | FieldProblem::TagCharacter(_)
            | FieldProblem::OutOfRange { .. }
            | FieldProblem::NotADuration
            | FieldProblem::DurationOutOfRange => Rule::InvalidValue,
            FieldProblem::NotAnEmail | FieldProblem::NotAPhone => Rule::InvalidRecipient,
            FieldProblem::RequestedTimeNotHere => Rule::OptionNotAllowed,
            FieldProblem::UnbalancedBraces | FieldProblem::Placeholder { .. } => {
                Rule::UnknownPlaceholder
            }
        }
    }
}

/// The longest text a card field takes, in characters (docs/spec 3).
pub(crate) fn max_chars(field: TextField) -> usize {
    match field {
        TextField::NoteText => NOTE_MAX,
        TextField::TaskTitle => TITLE_MAX,
        TextField::WrapUp => WRAP_UP_MAX,
        TextField::AnalysisCriteria => CRITERIA_MAX,
    }
}

/// A string field: not blank (trimmed, invisible characters ignored), at most `max`
/// characters. Any other character, controls included, is the text's own.
pub(crate) fn text(s: &str, max: usize) -> Result<(), FieldProblem> {
    if values::is_blank(s) {
        return Err(FieldProblem::Blank);
    }
    let chars = s.chars().count();
    if chars > max {
        return Err(FieldProblem::TooLong { chars, max });
    }
    Ok(())
}

/// `bot.name`: a string of 1 to 100 characters, not blank.
pub(crate) fn bot_name(s: &str) -> Result<(), FieldProblem> {
    text(s, NAME_MAX)
}

/// A tag's `name`: a string of 1 to 50 letters, digits, spaces, `-`, `_`, `:` and `/`.
pub(crate) fn tag_name(s: &str) -> Result<(), FieldProblem> {
    text(s, TAG_MAX)?;
    match s.chars().find(|c| !values::is_tag_char(*c)) {
        Some(c) => Err(FieldProblem::TagCharacter(c)),
        None => Ok(()),
    }
}

/// The placeholders of a text in `field` on the card of `rules`: every problem, in order.
pub(crate) fn placeholders(rules: &OutcomeRules, field: TextField, s: &str) -> Vec<FieldProblem> {
    values::scan_placeholders(s)
        .into_iter()
        .filter_map(|token| match token {
            PlaceholderToken::Unbalanced => Some(FieldProblem::UnbalancedBraces),
            PlaceholderToken::Name(name) => product::check_placeholder_in(rules, &name, field)
                .err()
                .map(|problem| FieldProblem::Placeholder {
                    name,
                    problem,
                    field,
                    available: product::placeholders_available_in(rules, field),
                }),
        })
        .collect()
}

/// A card's text field (criteria, wrap-up, note text, task title): [`text`] within the field's
/// limit, then its placeholders. The first problem, as a prompt shows one at a time.
pub(crate) fn card_text(
    rules: &OutcomeRules,
    field: TextField,
    s: &str,
) -> Result<(), FieldProblem> {
    text(s, max_chars(field))?;
    match placeholders(rules, field, s).into_iter().next() {
        Some(problem) => Err(problem),
        None => Ok(()),
    }
}

/// An email address (docs/spec 6).
pub(crate) fn email(s: &str) -> Result<(), FieldProblem> {
    if values::is_valid_email(s) {
        Ok(())
    } else {
        Err(FieldProblem::NotAnEmail)
    }
}

/// An E.164 phone number: `+`, then 8 to 15 digits, the first not 0.
pub(crate) fn phone(s: &str) -> Result<(), FieldProblem> {
    if values::is_valid_phone(s) {
        Ok(())
    } else {
        Err(FieldProblem::NotAPhone)
    }
}

/// A duration, from 1m to 90d.
pub(crate) fn duration(s: &str) -> Result<Duration, FieldProblem> {
    values::parse_duration(s).map_err(|e| match e {
        DurationError::Malformed => FieldProblem::NotADuration,
        DurationError::OutOfRange => FieldProblem::DurationOutOfRange,
    })
}

/// A task's `due_in` on the card of `rules`: a duration, or `requested-time` where the
/// outcome has a requested time.
pub(crate) fn due_in(rules: &OutcomeRules, s: &str) -> Result<DueIn, FieldProblem> {
    if s == "requested-time" {
        return if rules.requested_time {
            Ok(DueIn::RequestedTime)
        } else {
            Err(FieldProblem::RequestedTimeNotHere)
        };
    }
    duration(s).map(DueIn::After)
}

/// `mid_call.max_objections`: a whole number in the product's range.
pub(crate) fn max_objections(n: i64) -> Result<u8, FieldProblem> {
    let range = MAX_OBJECTIONS_RANGE;
    match u8::try_from(n) {
        Ok(v) if range.contains(&n) => Ok(v),
        _ => Err(FieldProblem::OutOfRange {
            value: n,
            min: *range.start(),
            max: *range.end(),
            preset: Some(i64::from(product::PRESET_MAX_OBJECTIONS)),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcome::Outcome;
    use crate::product::rules_for;

    #[test]
    fn text_takes_what_yaml_can_hold() {
        assert_eq!(text("line one\nline two\n\tindented\n", 100), Ok(()));
        assert_eq!(text("Bye\u{1b}]0;x\u{7}\u{1b}[2J now", 100), Ok(()));
        assert_eq!(text(" \t\u{200b}\n", 100), Err(FieldProblem::Blank));
        assert_eq!(
            text("héllo", 4),
            Err(FieldProblem::TooLong { chars: 5, max: 4 })
        );
        assert_eq!(text("héllo", 5), Ok(()));
        assert_eq!(
            bot_name(&"x".repeat(NAME_MAX + 1)).map_err(|e| e.rule()),
            Err(Rule::InvalidValue)
        );
    }

    #[test]
    fn tags() {
        assert_eq!(tag_name("vip: east/1_a-b"), Ok(()));
        assert_eq!(tag_name("a.b"), Err(FieldProblem::TagCharacter('.')));
        assert_eq!(tag_name("a\tb"), Err(FieldProblem::TagCharacter('\t')));
        assert_eq!(tag_name(""), Err(FieldProblem::Blank));
        assert!(matches!(
            tag_name(&"x".repeat(TAG_MAX + 1)),
            Err(FieldProblem::TooLong { .. })
        ));
    }

    #[test]
    fn recipients_durations_and_ranges() {
        assert_eq!(email("a@b.co"), Ok(()));
        assert_eq!(email("a@b"), Err(FieldProblem::NotAnEmail));
        assert_eq!(phone("+15125550142"), Ok(()));
        assert_eq!(phone("5125550142"), Err(FieldProblem::NotAPhone));
        assert_eq!(duration("15m").map(|d| d.to_string()), Ok("15m".to_owned()));
        assert_eq!(duration("15"), Err(FieldProblem::NotADuration));
        assert_eq!(duration("91d"), Err(FieldProblem::DurationOutOfRange));
        let nfu = rules_for(Outcome::NeedsFollowUp);
        let opt_out = rules_for(Outcome::OptOut);
        assert_eq!(due_in(nfu, "requested-time"), Ok(DueIn::RequestedTime));
        assert_eq!(
            due_in(opt_out, "requested-time"),
            Err(FieldProblem::RequestedTimeNotHere)
        );
        let (lo, hi) = (*MAX_OBJECTIONS_RANGE.start(), *MAX_OBJECTIONS_RANGE.end());
        assert_eq!(
            max_objections(lo),
            u8::try_from(lo).map_err(|_| unreachable!())
        );
        assert_eq!(max_objections(hi).ok().map(i64::from), Some(hi));
        for n in [lo - 1, hi + 1, 256, -1, i64::MAX] {
            assert!(
                matches!(max_objections(n), Err(FieldProblem::OutOfRange { value, .. }) if value == n),
                "{n}"
            );
        }
    }

    #[test]
    fn card_texts_check_their_placeholders() {
        let nfu = rules_for(Outcome::NeedsFollowUp);
        assert_eq!(
            card_text(nfu, TextField::NoteText, "{{ requested_time }}\nline two"),
            Ok(())
        );
        assert_eq!(
            card_text(nfu, TextField::NoteText, "{{ oops"),
            Err(FieldProblem::UnbalancedBraces)
        );
        assert!(matches!(
            card_text(nfu, TextField::WrapUp, "{{ call.summary }}"),
            Err(FieldProblem::Placeholder {
                problem: PlaceholderProblem::NotSpoken,
                ..
            })
        ));
        assert!(matches!(
            card_text(
                rules_for(Outcome::OptOut),
                TextField::NoteText,
                "{{ requested_time }}"
            ),
            Err(FieldProblem::Placeholder {
                problem: PlaceholderProblem::NotOnOutcome,
                ..
            })
        ));
        assert!(matches!(
            card_text(nfu, TextField::NoteText, &"x".repeat(NOTE_MAX + 1)),
            Err(FieldProblem::TooLong { max: NOTE_MAX, .. })
        ));
        let problems = placeholders(nfu, TextField::NoteText, "{{ a }} {{ contact.email }} }}");
        assert_eq!(problems.len(), 2, "{problems:?}");
    }
}
