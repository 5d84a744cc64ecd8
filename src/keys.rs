//! The keys each mapping of the format defines, in canonical order: a leaf, so `fmt` (which
//! orders keys) and the fixer need not import `validate` for them. `validate` re-exports them.

/// The keys each mapping of the format defines.
pub const ROOT_KEYS: [&str; 4] = ["version", "bot", "outcomes", "messaging"];
pub const BOT_KEYS: [&str; 2] = ["name", "direction"];
pub const CARD_KEYS: [&str; 4] = ["analysis_criteria", "mid_call", "actions", "notify"];
pub const NOTIFY_KEYS: [&str; 3] = ["owner", "emails", "phones"];
/// The keys of a messaging card (spec section 17).
pub const MESSAGING_CARD_KEYS: [&str; 2] = ["actions", "notify"];
