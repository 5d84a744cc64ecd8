//! Why a `samictl.toml` was refused: a leaf, so `policy` (which parses the `[policy]` section)
//! and `config` (which parses the rest and holds the policy) do not import each other.
//! `config` re-exports it.

use std::fmt;

/// Why a `samictl.toml` was refused; the key is dotted (`rules.outcome-missing`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub(crate) key: Option<String>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.key {
            Some(k) => write!(f, "`{k}`: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ConfigError {}
