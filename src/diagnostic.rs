//! Findings: a rule, a severity, a place in the file, a message, an optional help line and the
//! finding's fix, attached by the check that finds it (as text edits with their safety).

use crate::rules::Rule;
pub use crate::severity::Severity;
use crate::yaml::Pos;

/// One finding in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: Rule,
    pub severity: Severity,
    pub pos: Pos,
    pub message: String,
    pub help: Option<String>,
    /// The machine-applicable fix, attached where the finding is found (`None` where the
    /// finding has no one right answer). `samictl fix`, the language server's code actions,
    /// the reports' "N fixable", JSON `fix` and SARIF `fixes` all read this one field.
    pub fix: Option<Box<Fix>>,
}

/// One replacement in a file's text. Positions are 1-based, the end is exclusive, columns
/// count characters; `start` and `end` are the same span as byte offsets into the text the
/// fix was computed for.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TextEdit {
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    pub start: usize,
    pub end: usize,
    /// The text that replaces the span (empty for a deletion).
    pub replacement: String,
}

/// A machine-applicable fix for one finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// The rule of the finding it fixes.
    pub rule: Rule,
    /// Safe fixes are applied by `samictl fix`; unsafe ones only with `--unsafe`.
    pub safe: bool,
    /// What the fix does, in a few words (may quote text from the file: escape it to print).
    pub description: String,
    /// The edits, in file order, none overlapping.
    pub edits: Vec<TextEdit>,
}

impl Diagnostic {
    /// A finding at the rule's default severity.
    pub fn new(rule: Rule, pos: Pos, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            rule,
            severity: rule.default_severity(),
            pos,
            message: message.into(),
            help: None,
            fix: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// The finding with its fix attached.
    pub fn with_fix(mut self, fix: Fix) -> Diagnostic {
        self.fix = Some(Box::new(fix));
        self
    }

    /// The finding's fix, if it has one.
    pub fn fix(&self) -> Option<&Fix> {
        self.fix.as_deref()
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Counts of errors and warnings over a set of diagnostics.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
}

impl Tally {
    pub fn of<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> Tally {
        let mut t = Tally::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => t.errors += 1,
                Severity::Warning => t.warnings += 1,
            }
        }
        t
    }

    pub fn add(&mut self, other: Tally) {
        self.errors += other.errors;
        self.warnings += other.warnings;
    }
}
