//! How the walker's findings are worded, apart from the checks that find them.

use crate::outcome::Outcome;
use crate::product::{LockedAction, UserAction};
use std::fmt;

/// Where in the file a message is about; formatted only when a finding is reported.
#[derive(Clone, Copy, Debug)]
pub(super) enum Ctx {
    TopLevel,
    File,
    Bot,
    Outcomes,
    Messaging,
    /// A messaging card as a value: "the SMS `TAG` card".
    SmsCardValue(Outcome),
    /// A messaging card's keys: "messaging card `TAG`".
    SmsCard(Outcome),
    /// A messaging card's `notify`.
    SmsNotify,
    /// The card as a value: "the `TAG` card".
    CardValue(Outcome),
    /// The card's keys: "outcome card `TAG`".
    Card(Outcome),
    MidCall,
    Notify,
    AnAction,
    User(UserAction),
    Locked(LockedAction),
}

impl fmt::Display for Ctx {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ctx::TopLevel => f.write_str("the top level"),
            Ctx::File => f.write_str("the file"),
            Ctx::Bot => f.write_str("`bot`"),
            Ctx::Outcomes => f.write_str("`outcomes`"),
            Ctx::Messaging => f.write_str("`messaging`"),
            Ctx::SmsCardValue(o) => write!(f, "the SMS `{o}` card"),
            Ctx::SmsCard(o) => write!(f, "messaging card `{o}`"),
            Ctx::SmsNotify => f.write_str("the `notify` of a messaging card"),
            Ctx::CardValue(o) => write!(f, "the `{o}` card"),
            Ctx::Card(o) => write!(f, "outcome card `{o}`"),
            Ctx::MidCall => f.write_str("`mid_call`"),
            Ctx::Notify => f.write_str("`notify`"),
            Ctx::AnAction => f.write_str("an action"),
            Ctx::User(u) => write!(f, "a `{}` action", u.as_str()),
            Ctx::Locked(l) => write!(f, "locked action `{}`", l.as_str()),
        }
    }
}

pub(super) fn quote_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items
        .into_iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
