//! What a bot file may be (its size, nesting and node count) and the serde-saphyr options that
//! read it as the format wants, those limits included.

use serde_saphyr::{DuplicateKeyPolicy, MergeKeyPolicy};

/// Largest file we read, in bytes (spec section 7, `yaml-syntax`).
pub const MAX_FILE_BYTES: usize = 1024 * 1024;
/// Deepest nesting of mappings and sequences we accept.
pub const MAX_DEPTH: usize = 64;

/// Most nodes a file may expand to, aliases included. A real bot file has a few hundred; the
/// cap stops an alias bomb long before it costs time or memory.
pub const MAX_NODES: usize = 100_000;

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
            max_total_replayed_events: MAX_NODES,
        },
        merge_keys: MergeKeyPolicy::AsOrdinary,
        duplicate_keys: DuplicateKeyPolicy::PassThrough,
        reject_unsupported_tags: true,
        strict_booleans: true,
        with_snippet: false,
    }
}
