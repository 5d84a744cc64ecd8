//! Editing operations, checked: an operation applied to a bot file's text gives new text.
//!
//! The text is written by the pure text layer ([`crate::edit_text`]: yaml-edit, keeping
//! comments, blank lines, key order and quoting in everything the operation does not touch).
//! yaml-edit accepts input the format refuses, so it is never trusted to validate: the new text
//! is checked again by the validator, and the bot it describes must equal the bot the operation
//! should give (the operation applied to the model). Either check failing refuses the edit, so
//! an edit never writes a bad or surprising file.
//!
//! - [`typed`]: the values a prompt takes, as the validator's field checks decide them.
//!
//! [`apply`] ties them together.

pub mod typed;

pub use crate::edit_text::{Edit, EditError, Op, allowed, apply_to_model, normalize};

use crate::config::Settings;
use crate::edit_text::text;
use crate::model::Bot;
use crate::validate::check;
use std::str::FromStr;
use yaml_edit::Document;

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
    let (text, expected) = crate::edit_text::write_all_expecting(source, bot, edits)?;
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
