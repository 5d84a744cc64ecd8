//! The YAML layer: parses a bot file into a tree in which every key and every value carries
//! its source position, so validation can report every finding at the right place.
//!
//! serde-saphyr does the parsing (and enforces its budgets against alias bombs and deep
//! nesting); a hand-written visitor asks for `Spanned` children so no location is lost.
//! [`read`], the reader every command uses, tries a fast path first that gives the same tree.
//!
//! - `tree`: [`Node`], [`Value`] and [`Pos`], the tree every reader gives, and their helpers.
//! - `options`: the limits ([`MAX_FILE_BYTES`], [`MAX_DEPTH`], [`MAX_NODES`]) and the
//!   serde-saphyr [`options()`] the format needs.
//! - `spanned`: the reference reader, serde-saphyr with a visitor that keeps every position
//!   ([`parse`], [`parse_unpositioned`]), and the wording of its syntax errors.
//! - `core`: YAML 1.2 where the parsers are laxer (a tab before a nested block collection,
//!   tags outside the core schema) and the core schema's reading of plain scalars.
//! - `fast`: the fast path ([`parse_plain`]): the scanner below, else the tree straight from
//!   granit-parser's events.
//! - `scan`: the hand-written scanner for the plain subset bot files are written in, tried
//!   first on the fast path (`parse_scanned` runs it alone, for the differential tests).

mod core;
mod fast;
mod options;
mod scan;
mod shared;
mod spanned;
mod tree;

pub use fast::{parse_plain, parse_scanned};
pub use options::{MAX_DEPTH, MAX_FILE_BYTES, MAX_NODES, options};
pub(crate) use shared::plain_value;
pub use spanned::{parse, parse_unpositioned};
pub use tree::{Node, Pos, Value};

/// Why a file could not be read as YAML at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub pos: Pos,
    pub message: String,
}

/// Reads one bot file's text into its positioned tree: the reader every command uses (validate,
/// show, simulate, diff, edit, the language server). A plain file is read once, on
/// [`parse_plain`]'s fast path; anything else by serde-saphyr ([`parse`]), which stays the
/// reference. Both give the same tree, positions included, and the same errors.
pub fn read(source: &str) -> Result<Node<'_>, SyntaxError> {
    parse_plain(source).map_or_else(|| parse(source), Ok)
}
