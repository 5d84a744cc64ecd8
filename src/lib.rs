//! samictl: validate, show, simulate and edit SAMI bot outcome configurations.
//!
//! The library is the pure core: the outcome and product tables, the rule table, validation
//! producing spanned diagnostics, simulation and rendering into strings. It never prints.
#![deny(clippy::print_stdout, clippy::print_stderr)]

#[warn(unreachable_pub)]
pub mod behaviour;
#[warn(unreachable_pub)]
pub mod behaviour_diff;
#[warn(unreachable_pub)]
pub(crate) mod charclass;
#[warn(unreachable_pub)]
pub mod config;
#[warn(unreachable_pub)]
pub(crate) mod config_error;
#[warn(unreachable_pub)]
pub mod config_schema;
#[warn(unreachable_pub)]
pub mod diagnostic;
#[warn(unreachable_pub)]
pub mod edit;
#[warn(unreachable_pub)]
pub(crate) mod edit_text;
#[warn(unreachable_pub)]
pub mod exclude;
#[warn(unreachable_pub)]
pub(crate) mod fields;
#[warn(unreachable_pub)]
pub mod fix;
#[warn(unreachable_pub)]
pub mod fleet;
#[warn(unreachable_pub)]
pub mod fmt;
#[warn(unreachable_pub)]
pub(crate) mod format;
#[warn(unreachable_pub)]
pub mod init;
#[warn(unreachable_pub)]
pub(crate) mod line_index;
#[warn(unreachable_pub)]
pub mod lsp;
#[warn(unreachable_pub)]
pub mod model;
#[warn(unreachable_pub)]
pub mod opt_out;
#[warn(unreachable_pub)]
pub mod outcome;
#[warn(unreachable_pub)]
pub mod policy;
#[warn(unreachable_pub)]
pub mod product;
#[warn(unreachable_pub)]
pub mod quote;
#[warn(unreachable_pub)]
pub mod render;
#[warn(unreachable_pub)]
pub(crate) mod rule_id;
#[warn(unreachable_pub)]
pub mod rules;
#[warn(unreachable_pub)]
pub mod schema;
#[warn(unreachable_pub)]
pub(crate) mod seqdiff;
#[warn(unreachable_pub)]
pub(crate) mod severity;
#[warn(unreachable_pub)]
pub mod simulate;
#[warn(unreachable_pub)]
pub mod tcpa;
#[warn(unreachable_pub)]
pub mod validate;
#[warn(unreachable_pub)]
pub mod values;
#[warn(unreachable_pub)]
pub mod yaml;
