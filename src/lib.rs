//! samictl: validate, show, simulate and edit SAMI bot outcome configurations.
//!
//! The library is the pure core: the outcome and product tables, the rule table, validation
//! producing spanned diagnostics, simulation and rendering into strings. It never prints.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod behaviour;
pub mod config;
pub mod diagnostic;
pub mod diff;
pub mod edit;
pub mod fix;
pub mod init;
pub mod lsp;
pub mod model;
pub mod outcome;
pub mod product;
pub mod render;
pub mod rules;
pub mod schema;
pub mod simulate;
pub mod validate;
pub mod values;
pub mod yaml;
