//! Validation (docs/spec 1-7): walks the positioned YAML tree, collects every finding of
//! every rule, and builds the checked [`Bot`] when the file has no errors.
//!
//! This module is the public API (the readers below and the format's keys); the walk itself
//! is split by what it checks, each an `impl Walker` block:
//!
//! - `walker`: the walker's state and how it reports, the root, `bot`, the `outcomes` and
//!   `messaging` sections and the org policy's checks of them;
//! - `shapes`: mappings and their keys, strings, booleans and lists;
//! - `cards`: one card, its `analysis_criteria` and `mid_call`, the follow-up warnings;
//! - `actions`: a card's actions list, user and locked actions;
//! - `notify`: a card's `notify` block and its recipients;
//! - `placeholders`: the placeholders of a card's text;
//! - `messages`: how each finding is worded, apart from the checks (the checks say what is
//!   wrong as a typed problem; the message and help are built there).

mod actions;
/// The spellings of a boolean the format refuses.
mod booleans;
mod cards;
/// The fix of each finding, attached by the check that finds it.
pub(crate) mod fixes;
pub use fixes::{is_fixable_rule, preset_card};
mod messages;
mod notify;
mod placeholders;
/// Where a placeholder stands inside a scalar as written in the source (format knowledge, so
/// here and not in `yaml`).
mod scalar_span;
mod shapes;
pub use booleans::CAPITALISED_BOOLEANS;
mod walker;

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Severity, Tally};
use crate::model::Bot;
use crate::outcome::Direction;
use crate::product::Channel;
use crate::rules::Rule;
use crate::yaml::{self, Node, Pos};
use walker::{PartialBot, Walker};

/// Length limits, in characters (docs/spec 3), and the most recipients of a `notify` list:
/// the product table's (`crate::product`).
pub use crate::product::{
    CRITERIA_MAX, NAME_MAX, NOTE_MAX, RECIPIENTS_MAX, TAG_MAX, TITLE_MAX, WRAP_UP_MAX,
};

pub use crate::format::{BOT_KEYS, CARD_KEYS, MESSAGING_CARD_KEYS, NOTIFY_KEYS, ROOT_KEYS};

/// The result of checking one file.
#[derive(Clone, Debug, Default)]
pub struct Checked {
    /// Findings at their effective severity (allowed rules removed), in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// The checked model; present only when there is no finding at error severity.
    pub bot: Option<Bot>,
}

impl Checked {
    pub fn tally(&self) -> Tally {
        Tally::of(&self.diagnostics)
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Checks a file's raw bytes: the size limit and UTF-8 first, then everything else.
pub fn check_bytes(bytes: &[u8], settings: &Settings) -> Checked {
    match decode(bytes) {
        Ok(text) => check(text, settings),
        Err(failure) => failure,
    }
}

/// [`check_bytes`], or [`check_as`] on the decoded text when `direction` is given (`simulate
/// PATH... --direction`).
pub fn check_bytes_as(bytes: &[u8], settings: &Settings, direction: Option<Direction>) -> Checked {
    match decode(bytes) {
        Ok(text) => check_inner(text, settings, direction),
        Err(failure) => failure,
    }
}

/// The findings of a file, at their effective severity and in file order: what [`check_bytes`]
/// reports, without the model. A plain file is read once, with positions, on
/// [`yaml::parse_plain`]'s fast path, whether or not it has findings. Any other file is read
/// by serde-saphyr without positions first (about the cost of a plain parse) and parsed again
/// with them only when it has something to report. Every reading gives the same tree, so the
/// findings are the same as `check_bytes` gives.
pub fn findings(bytes: &[u8], settings: &Settings) -> Vec<Diagnostic> {
    findings_then(bytes, settings, |_, _, _| ()).0
}

/// [`findings`] and the fix each carries (`validate`'s report, the language server's quick
/// fixes), `policy-violation` findings included (the policy check's remedy, written where the
/// walk ends: `fixes::policy`).
pub fn findings_and_fixes(
    bytes: &[u8],
    settings: &Settings,
) -> (Vec<Diagnostic>, Vec<Option<crate::diagnostic::Fix>>) {
    let diagnostics = findings(bytes, settings);
    let fixes = carried(&diagnostics);
    (diagnostics, fixes)
}

/// The fix each of `diagnostics` carries, in order.
pub fn carried(diagnostics: &[Diagnostic]) -> Vec<Option<crate::diagnostic::Fix>> {
    diagnostics.iter().map(|d| d.fix().cloned()).collect()
}

/// [`findings`], then `then` on the text, its tree and the findings when there are findings on
/// a tree (`None` otherwise: no finding, or one that refuses the file).
fn findings_then<T>(
    bytes: &[u8],
    settings: &Settings,
    then: impl FnOnce(&str, &Node<'_>, &[Diagnostic]) -> T,
) -> (Vec<Diagnostic>, Option<T>) {
    let text = match decode(bytes) {
        Ok(text) => text,
        Err(failure) => return (failure.diagnostics, None),
    };
    let on_tree = |root: &Node<'_>| {
        let diagnostics = check_tree(text, root, settings).diagnostics;
        if diagnostics.is_empty() {
            return (diagnostics, None);
        }
        let extra = then(text, root, &diagnostics);
        (diagnostics, Some(extra))
    };
    if let Some(root) = yaml::parse_plain(text) {
        return on_tree(&root);
    }
    let root = match yaml::parse_unpositioned(text) {
        Ok(root) => root,
        // Syntax errors carry their position from the parser either way.
        Err(e) => return (syntax_failure(e.pos, e.message).diagnostics, None),
    };
    let mut walker = Walker {
        lines: Default::default(),
        diags: Vec::new(),
        policy: &settings.policy,
        source: "",
        direction: None,
        channel: Channel::Call,
        sms_card: None,
        targets: Default::default(),
        remedies: Default::default(),
    };
    walker.root(&root);
    // A capitalised boolean (`True`) is found only where its text is seen, on the read with
    // positions: a file that may hold one is read again.
    let may_hold_capitalised = booleans::CAPITALISED_BOOLEANS
        .iter()
        .any(|b| text.contains(b));
    if !may_hold_capitalised
        && walker
            .diags
            .iter()
            .all(|d| settings.severity(d.rule).is_none())
    {
        return (Vec::new(), None);
    }
    match yaml::parse(text) {
        Ok(root) => on_tree(&root),
        Err(e) => (syntax_failure(e.pos, e.message).diagnostics, None),
    }
}

/// The text of a file within the size limit, or the `yaml-syntax` finding that refuses it.
fn decode(bytes: &[u8]) -> Result<&str, Checked> {
    if bytes.len() > yaml::MAX_FILE_BYTES {
        return Err(oversized(Some(bytes.len() as u64)));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
            let line_start = valid.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&valid[line_start..])
                .chars()
                .count()
                + 1;
            Err(syntax_failure(
                Pos {
                    line: u32::try_from(line).unwrap_or(u32::MAX),
                    column: u32::try_from(column).unwrap_or(u32::MAX),
                    len: 1,
                },
                format!(
                    "the file is not UTF-8: byte 0x{:02x} at offset {} is not valid UTF-8",
                    bytes[e.valid_up_to()],
                    e.valid_up_to()
                ),
            ))
        }
    }
}

/// The `yaml-syntax` finding of a bot file over the 1 MiB limit, stating its real size (the
/// reader stops before reading such a file; `None` when the size is unknown, as on a pipe).
pub fn oversized(size: Option<u64>) -> Checked {
    let size = match size {
        Some(n) => format!("{n} bytes"),
        None => format!("more than {} bytes", yaml::MAX_FILE_BYTES),
    };
    syntax_failure(
        Pos::START,
        format!(
            "the file is {size}; bot files are limited to 1 MiB ({} bytes)",
            yaml::MAX_FILE_BYTES
        ),
    )
}

fn syntax_failure(pos: Pos, message: String) -> Checked {
    Checked {
        diagnostics: vec![Diagnostic::new(Rule::YamlSyntax, pos, message)],
        bot: None,
    }
}

/// Checks the text of one bot file: its findings and, when it has no error, its model. This is
/// the reader every command that loads a bot file goes through (validate, show, simulate,
/// diff, edit, test) and the one the language server calls: [`yaml::read`] reads a plain file
/// once on the fast path, anything else with serde-saphyr.
pub fn check(source: &str, settings: &Settings) -> Checked {
    check_inner(source, settings, None)
}

/// Checks the text of one bot file as if its `direction` were `direction` (`simulate
/// --direction`): the findings that direction causes (a written enrollment lock on an
/// inbound-only bot) are reported as they would be in a file that says so.
pub fn check_as(source: &str, settings: &Settings, direction: Direction) -> Checked {
    check_inner(source, settings, Some(direction))
}

fn check_inner(source: &str, settings: &Settings, direction: Option<Direction>) -> Checked {
    match yaml::read(source) {
        Ok(root) => check_read(source, &root, settings, direction, true),
        Err(e) => syntax_failure(e.pos, e.message),
    }
}

/// Checks a file already read into its positioned tree (by [`yaml::read`], [`yaml::parse`] or
/// [`yaml::parse_plain`]) from `source`: every finding at its effective severity, in file
/// order, and the model when there is no error.
pub fn check_tree(source: &str, root: &Node<'_>, settings: &Settings) -> Checked {
    check_read(source, root, settings, None, true)
}

/// The findings of `source`, each with its fix, but renames not checked for what they would
/// expose (the check of a rename: see [`fixes::budget::verify_rewrites`]).
fn check_unverified(source: &str, settings: &Settings) -> Vec<Diagnostic> {
    match yaml::read(source) {
        Ok(root) => check_read(source, &root, settings, None, false).diagnostics,
        Err(e) => syntax_failure(e.pos, e.message).diagnostics,
    }
}

fn check_read(
    source: &str,
    root: &Node<'_>,
    settings: &Settings,
    direction: Option<Direction>,
    verify: bool,
) -> Checked {
    let mut walker = Walker {
        lines: Default::default(),
        diags: Vec::new(),
        policy: &settings.policy,
        source,
        direction,
        channel: Channel::Call,
        sms_card: None,
        targets: Default::default(),
        remedies: Default::default(),
    };
    let partial = walker.root(root);
    fixes::attach(
        source,
        root,
        settings,
        &mut walker.diags,
        &walker.targets,
        verify,
    );
    fixes::attach_policy(
        source,
        settings,
        &partial,
        &mut walker.diags,
        &walker.remedies,
    );
    let mut diagnostics: Vec<Diagnostic> = walker
        .diags
        .into_iter()
        .filter_map(|mut d| {
            d.severity = settings.severity(d.rule)?;
            Some(d)
        })
        .collect();
    diagnostics.sort_by_key(|d| (d.pos.line, d.pos.column));
    let has_errors = diagnostics.iter().any(|d| d.severity == Severity::Error);
    let bot = match partial {
        PartialBot {
            name: Some(name),
            direction: Some(direction),
            cards,
            messaging,
        } if !has_errors => Some(Bot {
            name,
            direction,
            cards,
            messaging,
        }),
        _ => None,
    };
    Checked { diagnostics, bot }
}
