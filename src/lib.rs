//! samictl: validate, show, simulate and edit SAMI bot outcome configurations.
//!
//! The library is the pure core: the outcome and product tables, the rule table, validation
//! producing spanned diagnostics, simulation and rendering into strings. It never prints.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod behaviour;
pub mod behaviour_diff;
pub(crate) mod charclass;
pub mod config;
pub(crate) mod config_error;
pub mod config_schema;
pub mod diagnostic;
pub mod edit;
pub mod exclude;
pub mod fields;
pub mod fix;
pub mod fleet;
pub mod fmt;
pub(crate) mod format;
pub mod init;
pub(crate) mod line_index;
pub mod lsp;
pub mod model;
pub mod opt_out;
pub mod outcome;
pub mod policy;
pub mod policy_fix;
pub mod product;
pub mod quote;
pub mod render;
pub(crate) mod rule_id;
pub mod rules;
pub mod schema;
pub(crate) mod seqdiff;
pub(crate) mod severity;
pub mod simulate;
pub mod tcpa;
pub mod validate;
pub mod values;
pub mod yaml;
