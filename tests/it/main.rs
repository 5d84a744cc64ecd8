//! The one integration-test binary: every former `tests/*.rs` file is a module here, so CI links
//! one test executable instead of one per file. Shared helpers live in `common`. A new
//! integration test is a module here (`mod NAME;` and `tests/it/NAME.rs`), not a new
//! `tests/*.rs` file (`layout::one_test_binary` checks). Run one module with
//! `cargo test --test it MODULE::`.

mod common;

mod architecture;
mod behaviour;
mod ci_formats;
mod cli;
mod dependencies;
mod diff_git;
mod docs_examples;
mod docs_gen;
#[cfg(unix)]
mod edit_fields;
#[cfg(unix)]
mod edit_pty;
mod errors;
mod escape;
mod exclude;
mod fix;
mod fix_properties;
mod fmt;
mod fmt_properties;
mod generated;
mod hostile;
mod hostile_cli;
mod hostile_growth;
mod init;
mod layout;
mod lsp;
mod messaging;
mod packaging;
mod plain_scan;
mod policy;
mod product_rules;
mod product_walk;
mod properties;
mod reader_reuse;
mod report_browser;
mod report_cli;
mod rules;
mod schema;
mod simulate_json;
mod surface;
mod tcpa;
mod validate;
mod validate_stream;
mod validate_walk;
mod width;
mod wording;
mod write_path;
