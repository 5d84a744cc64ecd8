//! What a `[policy.outcomes.TAG]` (or `[policy.messaging.TAG]`) table asks, once parsed: one
//! [`Requirement`] per key, with the `samictl.toml` line it is on.

use super::problem::{plain_list, types_list};
use crate::charclass::escape;
use crate::config_error::ConfigError;
use crate::outcome::Outcome;
use crate::product::UserAction;
use std::collections::{BTreeMap, HashMap};

/// The keys of a `[policy.outcomes.TAG]` table, in the order findings are reported.
pub const KEYS: [&str; 7] = [
    "require_actions",
    "forbid_actions",
    "require_owner",
    "require_recipients",
    "require_tags",
    "criteria",
    "require_wrap_up",
];

/// What one policy key asks of a card.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Requirement {
    /// `require_actions`: user actions of these types must be on the card.
    RequireActions(Vec<UserAction>),
    /// `forbid_actions`: no user action of these types may be on the card.
    ForbidActions(Vec<UserAction>),
    /// `require_owner = true`: `notify.owner` must be true.
    RequireOwner,
    /// `require_recipients`: these emails (compared case-insensitively) or phones must be in
    /// the card's `notify`.
    RequireRecipients(Vec<String>),
    /// `require_tags`: tag actions with these names (case-insensitive) must be on the card.
    RequireTags(Vec<String>),
    /// `criteria = "default"`: no custom `analysis_criteria` (SAMI's wording).
    DefaultCriteria,
    /// `require_wrap_up = true`: the card sets `mid_call.wrap_up`.
    RequireWrapUp,
}

impl Requirement {
    /// The policy key that states it.
    pub fn key(&self) -> &'static str {
        match self {
            Requirement::RequireActions(_) => "require_actions",
            Requirement::ForbidActions(_) => "forbid_actions",
            Requirement::RequireOwner => "require_owner",
            Requirement::RequireRecipients(_) => "require_recipients",
            Requirement::RequireTags(_) => "require_tags",
            Requirement::DefaultCriteria => "criteria",
            Requirement::RequireWrapUp => "require_wrap_up",
        }
    }

    /// What the requirement asks, in a few words (for `show`).
    pub fn describe(&self) -> String {
        match self {
            Requirement::RequireActions(types) => format!("requires {}", types_list(types)),
            Requirement::ForbidActions(types) => format!("forbids {}", types_list(types)),
            Requirement::RequireOwner => "requires an owner alert (`notify.owner: true`)".into(),
            Requirement::RequireRecipients(r) => format!("requires notifying {}", plain_list(r)),
            Requirement::RequireTags(t) => format!("requires the tag {}", plain_list(t)),
            Requirement::DefaultCriteria => "requires SAMI's default analysis criteria".into(),
            Requirement::RequireWrapUp => "requires a `wrap_up`".into(),
        }
    }
}

/// One key of a `[policy.outcomes.TAG]` table and the `samictl.toml` line it is on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyItem {
    pub requirement: Requirement,
    /// 1-based line of the key in `samictl.toml`.
    pub line: u32,
}

/// Every outcome's policy, each in the order of [`KEYS`].
pub type OutcomePolicies = BTreeMap<Outcome, Vec<PolicyItem>>;

/// A policy key being read: its dotted path (`policy.outcomes.opt-out.criteria`) and the
/// `samictl.toml` line it is on, where known. Every refusal of the key names both.
#[derive(Clone, Copy, Debug)]
pub(super) struct KeyAt<'a> {
    pub(super) dotted: &'a str,
    pub(super) line: Option<u32>,
}

impl<'a> KeyAt<'a> {
    /// The key at `dotted`, on the line `lines` (from [`super::parse::key_lines`]) gives it.
    pub(super) fn of(dotted: &'a str, lines: &HashMap<String, u32>) -> Self {
        KeyAt {
            dotted,
            line: lines.get(dotted).copied(),
        }
    }

    /// The refusal of this key: the dotted key, and the message with the `samictl.toml` line.
    pub(super) fn refuse(self, message: impl Into<String>) -> ConfigError {
        let at = self
            .line
            .map(|l| format!(" (samictl.toml line {l})"))
            .unwrap_or_default();
        ConfigError {
            key: Some(escape(self.dotted)),
            message: format!("{}{at}", message.into()),
        }
    }
}
