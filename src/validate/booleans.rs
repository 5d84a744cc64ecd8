//! The spellings of a boolean the format refuses, which the shape check finds, the wording
//! names and the fixes rewrite: a leaf among the checks (`shapes` and `messages` both use it).

/// The YAML 1.2 spellings of a boolean that the format refuses (it takes `true` and `false`).
pub const CAPITALISED_BOOLEANS: [&str; 4] = ["True", "TRUE", "False", "FALSE"];

/// The YAML 1.1 booleans (read as strings by YAML 1.2), lower-cased, that mean true and false.
pub(super) const YAML11_TRUE: [&str; 4] = ["yes", "y", "on", "true"];
pub(super) const YAML11_FALSE: [&str; 4] = ["no", "n", "off", "false"];
