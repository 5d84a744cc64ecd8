//! The product rules, in one table: what each outcome allows, which locked actions apply to
//! which bots, which mid-call options and placeholders exist where.
//!
//! Validation, simulation, `show`, `edit`, `explain` and the JSON Schema all read this module;
//! changing a product rule is a change here and nowhere else.
//!
//! The table has a channel dimension (docs/spec 17): [`OUTCOME_RULES`] holds the eight call
//! cards, [`MESSAGING_RULES`] the five SMS cards of the `messaging` section, each row saying
//! which channel it belongs to and which system steps SAMI runs by itself.
//!
//! Every product question is a column or a table here, never a test on an outcome elsewhere:
//! which actions a card allows, which locks fire on every bot ([`OutcomeRules::locks`]) and
//! which on outbound-capable ones ([`OutcomeRules::enrollment_lock`]), where opt-outs land
//! ([`OutcomeRules::opt_out`]), whether notifications exist and why not ([`NotifyAccess`]),
//! the mid-call options with their values, ranges and presets ([`MidCallOption::value`]),
//! which outcomes have a requested time, which warn when nobody follows up
//! ([`OutcomeRules::follow_up`]), SAMI's callback ([`OutcomeRules::callback`]), the
//! placeholders per field and channel, and each action's fields with their limits
//! ([`UserAction::field_specs`]).
//!
//! By concern: the vocabulary of actions and fields (`actions`) and of channels (`channel`), the
//! table and its column queries (`table`), placeholders (`placeholders`), the sentences written
//! from the table (`prose`), and the example outcomes helps name (`example`). Everything is
//! re-exported here, so callers name `product::X`.

mod actions;
mod channel;
pub mod example;
mod placeholders;
mod prose;
mod table;
#[cfg(test)]
mod tests;

pub use actions::*;
pub use channel::*;
pub use placeholders::*;
pub use prose::*;
pub use table::*;
