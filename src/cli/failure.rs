//! The failure that ends a command (exit 2, or 1 for a refused file), and the exit codes: a
//! leaf, so that every module of the binary, the reader and the walk included, reports through
//! it without importing the context (which reads files through them).

use std::fmt;

/// Exit codes (docs/spec 9).
pub const EXIT_OK: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

/// A failure that ends the command with exit code 2: a usage error, an unreadable path or
/// an invalid samictl.toml. Findings in bot files are not failures; they are output.
///
/// A bot file refused by `show`, `simulate` or `edit` is a failure with exit code 1 whose
/// diagnostics were already printed (`message` is empty).
///
/// An I/O or process failure is an `anyhow::Error` given context that names what samictl was
/// doing (`.context("cannot write output")`, `.with_context(|| format!("`{file}`: ..."))`); `?`
/// turns it into a failure whose message is the chain, outermost first, joined by ": " (the
/// same text as `format!("{context}: {error}")`). `main` prints every message escaped.
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub message: String,
    pub hint: Option<String>,
}

impl Failure {
    pub fn new(message: impl Into<String>) -> Failure {
        Failure {
            code: EXIT_USAGE,
            message: message.into(),
            hint: None,
        }
    }

    /// The file has errors; they have been printed.
    pub fn findings() -> Failure {
        Failure {
            code: EXIT_FINDINGS,
            message: String::new(),
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Failure {
        self.hint = Some(hint.into());
        self
    }
}

impl From<anyhow::Error> for Failure {
    fn from(error: anyhow::Error) -> Failure {
        // `{:#}`: the context chain on one line, `outer: inner: cause`.
        Failure::new(format!("{error:#}"))
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(h) = &self.hint {
            write!(f, "\nhint: {h}")?;
        }
        Ok(())
    }
}
