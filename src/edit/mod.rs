//! Editing operations: an operation applied to a bot file's text gives new text.
//!
//! The text is changed with yaml-edit, which keeps comments, blank lines, key order and quoting
//! in everything the operation does not touch. yaml-edit accepts input the format refuses, so it
//! is never trusted to validate: the new text is checked again by the validator, and the bot it
//! describes must equal the bot the operation should give (the operation applied to the model).
//! Either check failing refuses the edit, so an edit never writes a bad or surprising file.
//!
//! One job per module:
//! - [`allowed`]: which operations the product allows on a card, before anything changes;
//! - [`model`]: the bot an operation should give;
//! - [`text`]: the operation applied to the file's text, keeping everything else;
//! - [`typed`]: the values a prompt takes, as the validator's field checks decide them.
//!
//! [`apply`] ties them together.

mod allowed;
mod model;
mod text;
pub mod typed;

pub use allowed::allowed;
pub use model::{apply_to_model, normalize};

use crate::config::Settings;
use crate::diagnostic::Diagnostic;
use crate::format;
use crate::model::{Action, Bot};
use crate::outcome::Outcome;
use crate::product::{Channel, MidCallOption};
use crate::validate::check;
use std::fmt;
use std::str::FromStr;
use yaml_edit::Document;

/// A change to one card.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Op {
    /// Custom analysis criteria, or `None` to reset to SAMI's default wording.
    SetCriteria(Option<String>),
    SetWrapUp(Option<String>),
    SetMaxObjections(Option<u8>),
    SetConfirmTime(Option<bool>),
    AddAction(Action),
    ReplaceAction(usize, Action),
    RemoveAction(usize),
    MoveAction {
        from: usize,
        to: usize,
    },
    SetNotifyOwner(bool),
    AddEmail(String),
    RemoveEmail(usize),
    AddPhone(String),
    RemovePhone(usize),
}

impl Op {
    /// The key of the format model ([`crate::format`]) this operation writes, with the place of
    /// the mapping that holds it, on a card of `channel`: an operation on an action writes the
    /// card's `actions`.
    pub fn writes(&self, channel: Channel) -> (format::Place, &'static str) {
        use format::Place as P;
        match self {
            Op::SetCriteria(_) => (P::Card(channel), "analysis_criteria"),
            Op::SetWrapUp(_) => (P::MidCall, MidCallOption::WrapUp.key()),
            Op::SetMaxObjections(_) => (P::MidCall, MidCallOption::MaxObjections.key()),
            Op::SetConfirmTime(_) => (P::MidCall, MidCallOption::ConfirmTime.key()),
            Op::AddAction(_)
            | Op::ReplaceAction(..)
            | Op::RemoveAction(_)
            | Op::MoveAction { .. } => (P::Card(channel), "actions"),
            Op::SetNotifyOwner(_) => (P::Notify(channel), "owner"),
            Op::AddEmail(_) | Op::RemoveEmail(_) => (P::Notify(channel), "emails"),
            Op::AddPhone(_) | Op::RemovePhone(_) => (P::Notify(channel), "phones"),
        }
    }
}

/// An operation on the card of an outcome, in the `outcomes` section (a call card) or the
/// `messaging` section (an SMS card).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub outcome: Outcome,
    pub op: Op,
    pub channel: Channel,
}

/// Why an edit was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditError {
    /// The product rules don't allow it; the message says why.
    NotAllowed(String),
    /// The result would not validate (or the file doesn't validate to begin with).
    Invalid(Vec<Diagnostic>),
    /// The document could not be changed without altering something else.
    Unsupported(String),
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::NotAllowed(why) => f.write_str(why),
            EditError::Invalid(diags) => {
                let first = diags.iter().find(|d| d.is_error()).or(diags.first());
                match first {
                    Some(d) => write!(
                        f,
                        "the result would not be valid: {} [{}]",
                        d.message, d.rule
                    ),
                    None => f.write_str("the result would not be valid"),
                }
            }
            EditError::Unsupported(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for EditError {}

/// An applied edit: the new text, and the checked bot it describes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    pub text: String,
    pub bot: Bot,
}

/// Applies an edit to a bot file's text and gives the new text, validated, with its bot.
pub fn apply(source: &str, edit: &Edit, settings: &Settings) -> Result<Applied, EditError> {
    let before = check(source, settings);
    let Some(bot) = before.bot else {
        return Err(EditError::Invalid(before.diagnostics));
    };
    allowed(&bot, edit)?;
    let expected = apply_to_model(&bot, edit);
    // A move of a block-sequence item moves its lines as they are (comments, quoting, blank
    // lines); kept only when the result reads back as the expected bot.
    if let Op::MoveAction { from, to } = edit.op
        && let Some(text) = text::move_item_lines(source, edit.channel, edit.outcome, from, to)
            .map(|t| crate::fmt::keep_formatted(source, t))
        && let Some(got) = check(&text, settings).bot
        && normalize(got.clone()) == expected
    {
        return Ok(Applied { text, bot: got });
    }
    let doc = Document::from_str(source).map_err(|_| text::unsupported("read the document"))?;
    text::apply_text(&doc, &bot, edit)?;
    // A file in `samictl fmt`'s layout stays in it (docs/spec 18).
    let text = crate::fmt::keep_formatted(source, doc.to_string());
    let after = check(&text, settings);
    let Some(got) = after.bot else {
        return Err(EditError::Invalid(after.diagnostics));
    };
    if normalize(got.clone()) != expected {
        return Err(text::unsupported("apply the change"));
    }
    Ok(Applied { text, bot: got })
}

/// Applies several edits to a bot file's text in one pass over its document (each checked
/// against the bot as the edits before it leave it), validating the result once: for many
/// additions at once (a policy fix adding every required tag) at the cost of one edit.
pub fn apply_all(source: &str, edits: &[Edit], settings: &Settings) -> Result<Applied, EditError> {
    if let [one] = edits {
        return apply(source, one, settings);
    }
    let before = check(source, settings);
    let Some(bot) = before.bot else {
        return Err(EditError::Invalid(before.diagnostics));
    };
    let doc = Document::from_str(source).map_err(|_| text::unsupported("read the document"))?;
    let mut expected = bot;
    for edit in edits {
        if matches!(edit.op, Op::MoveAction { .. }) {
            return Err(text::unsupported("move an action among other edits"));
        }
        allowed(&expected, edit)?;
        text::apply_text(&doc, &expected, edit)?;
        model::apply_in_place(&mut expected, edit);
    }
    let text = doc.to_string();
    let after = check(&text, settings);
    let Some(got) = after.bot else {
        return Err(EditError::Invalid(after.diagnostics));
    };
    if normalize(got.clone()) != normalize(expected) {
        return Err(text::unsupported("apply the change"));
    }
    Ok(Applied { text, bot: got })
}

#[cfg(test)]
mod tests;
