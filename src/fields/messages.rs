//! How a [`FieldProblem`] is said, apart from the checks that find it, in two voices:
//!
//! - [`finding`]: a finding about a key of a file, as `validate` reports it (pinned by the
//!   snapshots: the rule ids and messages are a public interface);
//! - [`prompt`] / [`prompt_about`]: an answer to the person typing at an `edit` or `init`
//!   prompt, shown before asking again.
//!
//! Nothing here escapes: the renderer (or the prompt) escapes what it prints.

use super::FieldProblem;
use crate::outcome::Outcome;
use crate::product::{self, Channel, PlaceholderProblem, TextField};
use crate::values::did_you_mean;

/// A finding's message and its `help` line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Finding {
    pub message: String,
    pub help: Option<String>,
}

const DURATION_HELP: &str = "a duration is a whole number and `m`, `h` or `d`, from `1m` to `90d` (or `requested-time` where the outcome has one)";

/// The outcomes with a requested time (on a call card), in words, from the product table.
fn requested_time_homes() -> String {
    let tags: Vec<&str> = product::requested_time_outcomes(Channel::Call)
        .into_iter()
        .map(Outcome::as_str)
        .collect();
    match tags.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => (*last).to_owned(),
        None => "no outcome".to_owned(),
    }
}

/// The finding for `problem` in the value of `key` (as written in the file: `text`, `name`,
/// `due_in`, `assignee`, `emails`...), whose text is `value`.
///
/// The walker words placeholder and `requested-time` findings itself, with the outcome and
/// channel in hand; for those this gives the prompt's wording.
pub(crate) fn finding(problem: &FieldProblem, key: &str, value: &str) -> Finding {
    let (message, help) = match problem {
        FieldProblem::Blank => (format!("`{key}` is blank"), None),
        FieldProblem::TooLong { chars, max } => (
            format!("`{key}` is {chars} characters long; the limit is {max}"),
            None,
        ),
        FieldProblem::TagCharacter(c) => (
            format!("tag name `{value}` contains `{}`", c.escape_debug()),
            Some("tag names use letters, digits, spaces and `-` `_` `:` `/`".to_owned()),
        ),
        FieldProblem::OutOfRange {
            value: n,
            min,
            max,
            preset,
        } => (
            format!("`{key}` is {n}; it must be from {min} to {max}"),
            preset.map(|p| format!("SAMI's preset is {p}")),
        ),
        FieldProblem::NotADuration => (
            format!("`{key}: {value}` is not a duration"),
            Some(DURATION_HELP.to_owned()),
        ),
        FieldProblem::DurationOutOfRange => (
            format!("`{key}: {value}` is out of range"),
            Some(DURATION_HELP.to_owned()),
        ),
        FieldProblem::NotAnEmail if key == "assignee" => (
            format!("task assignee `{value}` is neither `owner` nor a valid email address"),
            Some(
                "write `owner` (the contact's assigned user) or an email address like `agent@acme-realty.com`"
                    .to_owned(),
            ),
        ),
        FieldProblem::NotAnEmail => (
            format!("`{value}` is not a valid email address"),
            Some(
                "an email address has one `@` and a domain with a dot, like `team-lead@acme-realty.com`"
                    .to_owned(),
            ),
        ),
        FieldProblem::NotAPhone => (
            format!("`{value}` is not a valid phone number"),
            Some(
                "phones are E.164: `+`, then 8 to 15 digits, the first not 0, no spaces or dashes (\"+15125550142\")"
                    .to_owned(),
            ),
        ),
        other => (prompt(other), None),
    };
    Finding { message, help }
}

/// What a prompt says when a value is refused: "it can't be blank".
pub(crate) fn prompt(problem: &FieldProblem) -> String {
    prompt_about("it", problem)
}

/// As [`prompt`], the value called `subject` ("the name").
pub(crate) fn prompt_about(subject: &str, problem: &FieldProblem) -> String {
    match problem {
        FieldProblem::Blank => format!("{subject} can't be blank"),
        FieldProblem::TooLong { chars, max } => {
            format!("{subject} is {chars} characters long; the limit is {max}")
        }
        FieldProblem::TagCharacter(c) => format!(
            "`{}` is not allowed: letters, digits, spaces, - _ : /",
            c.escape_debug()
        ),
        FieldProblem::NotAnEmail => {
            "not an email address (one @ and a domain with a dot, like team@acme-realty.com)"
                .to_owned()
        }
        FieldProblem::NotAPhone => {
            "not an E.164 number: + then 8 to 15 digits, the first not 0, no spaces (+15125550142)"
                .to_owned()
        }
        FieldProblem::OutOfRange { min, max, .. } => format!("a whole number from {min} to {max}"),
        FieldProblem::NotADuration | FieldProblem::DurationOutOfRange => {
            "a duration is a whole number and m, h or d, from 1m to 90d (15m, 4h, 2d)".to_owned()
        }
        FieldProblem::RequestedTimeNotHere => {
            format!("requested-time exists only on {}", requested_time_homes())
        }
        FieldProblem::UnbalancedBraces => {
            "unbalanced braces: write placeholders as {{ name }}".to_owned()
        }
        FieldProblem::Placeholder {
            name,
            problem,
            field,
            available,
        } => placeholder(name, *problem, *field, available),
    }
}

fn placeholder(
    name: &str,
    problem: PlaceholderProblem,
    field: TextField,
    available: &[&str],
) -> String {
    let here = if available.is_empty() {
        "none".to_owned()
    } else {
        available.join(", ")
    };
    match problem {
        PlaceholderProblem::NotInField => {
            format!(
                "{} is never filled in: no placeholders here",
                field.describe()
            )
        }
        PlaceholderProblem::NotOnOutcome => {
            format!("{{{{ {name} }}}} exists only on {}", requested_time_homes())
        }
        PlaceholderProblem::NotSpoken => {
            format!("{{{{ {name} }}}} can't be spoken during the call; here: {here}")
        }
        PlaceholderProblem::NotOnChannel => {
            format!("{{{{ {name} }}}} doesn't exist on a messaging card; here: {here}")
        }
        PlaceholderProblem::Unknown => match did_you_mean(name, available.iter().copied()) {
            Some(s) => format!("no placeholder {{{{ {name} }}}}; did you mean {{{{ {s} }}}}?"),
            None => format!("no placeholder {{{{ {name} }}}}; here: {here}"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields;
    use crate::product::rules_for;

    #[test]
    fn findings_name_the_key_and_prompts_answer_the_typist() {
        let blank = FieldProblem::Blank;
        assert_eq!(finding(&blank, "text", " ").message, "`text` is blank");
        assert_eq!(prompt(&blank), "it can't be blank");
        assert_eq!(prompt_about("the name", &blank), "the name can't be blank");
        let long = FieldProblem::TooLong { chars: 3, max: 2 };
        assert_eq!(
            finding(&long, "title", "abc").message,
            "`title` is 3 characters long; the limit is 2"
        );
        let Err(range) = fields::max_objections(11) else {
            panic!("11 objections accepted")
        };
        let f = finding(&range, "max_objections", "11");
        assert_eq!(f.message, "`max_objections` is 11; it must be from 1 to 10");
        assert_eq!(f.help.as_deref(), Some("SAMI's preset is 4"));
        assert_eq!(prompt(&range), "a whole number from 1 to 10");
        assert!(
            finding(&FieldProblem::NotAnEmail, "assignee", "x")
                .message
                .contains("neither")
        );
        assert!(
            finding(&FieldProblem::NotAnEmail, "emails", "x")
                .message
                .contains("not a valid email")
        );
    }

    #[test]
    fn requested_time_is_worded_from_the_table() {
        assert_eq!(
            prompt(&FieldProblem::RequestedTimeNotHere),
            "requested-time exists only on needs-follow-up and contact-later"
        );
        let rules = rules_for(Outcome::OptOut);
        let Err(p) = fields::card_text(rules, TextField::NoteText, "{{ contact.firstname }}")
        else {
            panic!("accepted")
        };
        assert!(
            prompt(&p).contains("did you mean {{ contact.first_name }}"),
            "{}",
            prompt(&p)
        );
        let Err(p) = fields::card_text(rules, TextField::NoteText, "{{ requested_time }}") else {
            panic!("accepted")
        };
        assert!(
            prompt(&p).contains("needs-follow-up and contact-later"),
            "{}",
            prompt(&p)
        );
    }
}
