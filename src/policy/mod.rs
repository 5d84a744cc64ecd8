//! Org policy per outcome (docs/spec 15): the `[policy.outcomes.TAG]` and
//! `[policy.messaging.TAG]` tables of `samictl.toml`, the check that refuses a policy the
//! product can't satisfy, and the check of a bot's cards against the policy (rule
//! `policy-violation`).
//!
//! One job per module:
//! - `config`: what a policy asks ([`Requirement`], [`PolicyItem`], [`OutcomePolicies`]);
//! - `parse`: reading the tables of `samictl.toml`, with the lines of their keys;
//! - `satisfiable`: refusing a policy no bot could satisfy, from the product table;
//! - `check`: a card against its policy, one [`Violation`] per broken key;
//! - `problem`: what a card breaks, as facts ([`Problem`]), and the finding's wording;
//! - [`fix`]: what to add to a card to keep a key ([`fix::Remedy`]), from the same facts;
//! - `diff_flags`: the keys a new version of a bot breaks, for `diff`.
//!
//! Nothing here imports `validate`, `edit` or `fix` (`docs/architecture.md`): the walk hands
//! the check's [`fix::Remedy`] to `validate`'s fixes, which write its text.

mod check;
mod config;
mod diff_flags;
pub mod fix;
mod parse;
mod problem;
mod satisfiable;

pub use check::{Violation, check_bot, check_card, check_card_on};
pub use config::{KEYS, OutcomePolicies, PolicyItem, Requirement};
pub use diff_flags::{broken_by_change, flag_diff, flag_diff_messaging};
pub use parse::{key_lines, parse_outcomes, parse_section};
pub use problem::{CardPlace, Problem};
pub use satisfiable::check_recipients_against;
