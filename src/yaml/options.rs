//! What a bot file may be (its size, nesting and node count) and the serde-saphyr options that
//! read it as the format wants, those limits included.

use serde_saphyr::{DuplicateKeyPolicy, MergeKeyPolicy};

/// Largest file we read, in bytes (docs/spec 7, `yaml-syntax`).
pub const MAX_FILE_BYTES: usize = 1024 * 1024;
/// Deepest nesting of mappings and sequences we accept.
pub const MAX_DEPTH: usize = 64;

/// Most nodes a file may hold, aliases expanded. Above what a file within [`MAX_FILE_BYTES`]
/// can write without aliases (a flow list of one-letter items is two bytes a node: about
/// 524,000), so any such file is read (docs/spec 12: every file within the limit is
/// validated); aliases are held far lower by [`MAX_ALIAS_REPLAY`].
pub const MAX_NODES: usize = 600_000;

/// Most nodes aliases may replay in a file: a real bot file has none; the cap stops an alias
/// bomb long before it costs time or memory.
pub(crate) const MAX_ALIAS_REPLAY: usize = 100_000;

/// The parser options the format needs: merge keys as ordinary keys (so `<<` is reported),
/// duplicate keys handed to the visitor (so every one is reported), local tags rejected, YAML
/// 1.2 booleans, comments not kept, and budgets against alias bombs and deep nesting.
pub fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
            max_nodes: MAX_NODES,
            max_events: MAX_NODES * 4,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: MAX_ALIAS_REPLAY,
        },
        merge_keys: MergeKeyPolicy::AsOrdinary,
        duplicate_keys: DuplicateKeyPolicy::PassThrough,
        reject_unsupported_tags: true,
        strict_booleans: true,
        // YAML 1.2: continuation lines indented past their block (QB6E, 9C9N are errors).
        strict_indentation: true,
        // `.nan` and `.inf` are floats (a float where a string goes is an `invalid-value`);
        // the core schema's reading of every other plain scalar is put in by `core`.
        non_finite_float_policy: serde_saphyr::options::NonFiniteFloatPolicy::PassThrough,
        with_snippet: false,
    }
}
