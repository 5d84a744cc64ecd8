//! The pure text layer of editing (below `validate`): an operation on one card written into a
//! bot file's text with yaml-edit, which keeps comments, blank lines, key order and quoting in
//! everything the operation does not touch, and the bot the operation should give. Nothing here
//! validates: [`crate::edit`] checks what this writes with the validator before `samictl edit`
//! keeps it, and `validate` itself writes the policy fixes with it ([`write_all`]), which
//! `samictl fix` checks as it checks every fix.
//!
//! One job per module:
//! - [`allowed`]: which operations the product allows on a card, before anything changes;
//! - [`model`]: the bot an operation should give;
//! - [`text`]: the operation applied to the file's text, keeping everything else.

mod allowed;
pub(crate) mod model;
pub(crate) mod text;

pub use allowed::allowed;
pub use model::{apply_to_model, normalize};

use crate::diagnostic::Diagnostic;
use crate::format;
use crate::model::{Action, Bot};
use crate::outcome::Outcome;
use crate::product::{Channel, MidCallOption};
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

/// Writes `edits` into `source` (the text of `bot`) in one pass over its document, each
/// allowed against the bot as the edits before it leave it, without validating the result:
/// the caller checks it (or hands it to one that does, as a fix is).
pub(crate) fn write_all(source: &str, bot: &Bot, edits: &[Edit]) -> Result<String, EditError> {
    write_all_expecting(source, bot.clone(), edits).map(|(text, _)| text)
}

/// [`write_all`], with the bot the edits should give (`bot` with each edit applied to the
/// model), for a caller that checks the written text against it.
pub(crate) fn write_all_expecting(
    source: &str,
    bot: Bot,
    edits: &[Edit],
) -> Result<(String, Bot), EditError> {
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
    Ok((doc.to_string(), expected))
}
