//! Fixes (spec section 13): for a file's text and its findings, the machine-applicable fixes,
//! as text edits with positions.
//!
//! Fixes are computed once, here, and used by every consumer: `samictl fix` applies them, the
//! JSON and SARIF reports carry them, human output marks fixable findings, and the language
//! server offers them as quick fixes.
//!
//! Each edit replaces the smallest span of text the fix needs (a key, a scalar, whole lines of
//! a removed entry or item, an insertion point), located on the positioned tree the validator
//! reads. Everything outside those spans stays byte for byte as it was: comments, blank lines,
//! key order, quoting and line ends. Inserted text uses the file's line ends (CRLF stays CRLF).
//!
//! A **safe** fix makes the file do what its author evidently meant and changes nothing else;
//! an **unsafe** fix changes what fires (removing a repeated action, adding a card from SAMI's
//! presets) and needs review.

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Severity};
use crate::outcome::Outcome;
use crate::product::{ActionType, Channel, MidCallOption, UserAction};
use crate::rules::Rule;
use crate::validate::{BOT_KEYS, CARD_KEYS, MESSAGING_CARD_KEYS, NOTIFY_KEYS, ROOT_KEYS, check};
use crate::values::did_you_mean;
use crate::yaml::{self, Node, Pos, Value};
use std::collections::HashMap;

/// The fix types live with the finding that carries them ([`crate::diagnostic`]).
pub use crate::diagnostic::{Fix, TextEdit};

/// The fix of each finding: one entry per diagnostic, in the same order (`None` where the
/// finding has no machine-applicable fix).
///
/// `diagnostics` are the findings [`check`] reports for `source` (their positions are looked up
/// in the file's positioned tree). A file that does not parse gets no fix.
pub fn fixes(source: &str, diagnostics: &[Diagnostic]) -> Vec<Option<Fix>> {
    if diagnostics.iter().all(|d| !is_fixable_rule(d.rule)) {
        return vec![None; diagnostics.len()];
    }
    // The fast path where the file is plain (the same tree, positions included), so a file
    // with a fixable finding does not pay serde-saphyr on top of its check.
    let Ok(root) = yaml::read(source) else {
        return vec![None; diagnostics.len()];
    };
    fixes_for_tree(source, &root, diagnostics)
}

/// [`fixes`] on the tree [`yaml::read`] gives for `source` (or [`yaml::parse`] or
/// [`yaml::parse_plain`]: the same tree), already read to find `diagnostics`: a caller that
/// has it (`validate`) doesn't read the file again.
pub fn fixes_for_tree(
    source: &str,
    root: &Node<'_>,
    diagnostics: &[Diagnostic],
) -> Vec<Option<Fix>> {
    if diagnostics.iter().all(|d| !is_fixable_rule(d.rule)) {
        return vec![None; diagnostics.len()];
    }
    // Only the nodes a fixable finding points at are indexed (and, for `locked-action-mismatch`,
    // the action item holding the `type` it points at, found on a second walk).
    let mut wanted: Vec<At> = diagnostics
        .iter()
        .filter(|d| is_fixable_rule(d.rule))
        .map(|d| at(d.pos))
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut index = Index::wanting(Some(wanted.clone()));
    index.walk(root, Place::Root, None);
    let holders: Vec<At> = diagnostics
        .iter()
        .filter(|d| d.rule == Rule::LockedActionMismatch)
        .filter_map(|d| index.values.get(&at(d.pos)))
        .map(|entry| at(entry.map.pos))
        .filter(|p| wanted.binary_search(p).is_err())
        .collect();
    if !holders.is_empty() {
        wanted.extend(holders);
        wanted.sort_unstable();
        wanted.dedup();
        index = Index::wanting(Some(wanted));
        index.walk(root, Place::Root, None);
    }
    let text = Text::new(source);
    let fixer = Fixer {
        text: &text,
        index: &index,
        root,
        keys_in: Default::default(),
    };
    diagnostics.iter().map(|d| fixer.fix(d)).collect()
}

/// [`fixes`], plus the unsafe fixes of `policy-violation` findings under `settings`'s org
/// policy (spec section 15: a missing required tag, task, recipient or owner alert is added
/// where the card allows it; see [`crate::policy_fix`]).
pub fn fixes_with_policy(
    source: &str,
    settings: &Settings,
    diagnostics: &[Diagnostic],
) -> Vec<Option<Fix>> {
    with_policy(fixes(source, diagnostics), source, settings, diagnostics)
}

/// `found` (the [`fixes`] of `diagnostics`) with the policy fixes [`fixes_with_policy`] adds.
fn with_policy(
    mut found: Vec<Option<Fix>>,
    source: &str,
    settings: &Settings,
    diagnostics: &[Diagnostic],
) -> Vec<Option<Fix>> {
    for (slot, d) in found.iter_mut().zip(diagnostics) {
        if slot.is_none()
            && d.rule == Rule::PolicyViolation
            && let Some(p) = crate::policy_fix::policy_fix(source, settings, d)
        {
            *slot = Some(Fix {
                rule: Rule::PolicyViolation,
                safe: false,
                description: p.description,
                edits: p.edits,
            });
        }
    }
    found
}

/// Most rename fixes a report checks, and most bytes it re-validates doing so (a report of a
/// 1 MiB file with thousands of misspelt keys stays linear).
const MAX_VERIFIED_RENAMES: usize = 32;
const MAX_VERIFIED_BYTES: usize = 2 * 1024 * 1024;

/// The fixes a report offers (`validate`, its JSON and SARIF): [`fixes_with_policy`], less the
/// renames (`unknown-field`, `unknown-outcome`) that `samictl fix` would refuse because the
/// result would have a finding the source doesn't have (renaming `emials` to `emails` brings an
/// invalid address under the rules). Renames are the fixes that put unchecked text under the
/// rules; the others remove or rewrite what was already checked. Each rename is tried as
/// [`fix_text`] tries it alone (later passes included), up to [`MAX_VERIFIED_RENAMES`] per file
/// and [`MAX_VERIFIED_BYTES`] of re-validated text; past those, a rename is offered unverified.
pub fn report_fixes(
    source: &str,
    settings: &Settings,
    diagnostics: &[Diagnostic],
) -> Vec<Option<Fix>> {
    verify_renames(
        fixes_with_policy(source, settings, diagnostics),
        source,
        settings,
        diagnostics,
    )
}

/// [`report_fixes`] on the tree `diagnostics` were found on (see [`fixes_for_tree`]).
pub fn report_fixes_for_tree(
    source: &str,
    root: &Node<'_>,
    settings: &Settings,
    diagnostics: &[Diagnostic],
) -> Vec<Option<Fix>> {
    let found = with_policy(
        fixes_for_tree(source, root, diagnostics),
        source,
        settings,
        diagnostics,
    );
    verify_renames(found, source, settings, diagnostics)
}

/// `found` (the [`fixes_with_policy`] of `diagnostics`) less the renames [`report_fixes`]
/// refuses.
fn verify_renames(
    mut found: Vec<Option<Fix>>,
    source: &str,
    settings: &Settings,
    diagnostics: &[Diagnostic],
) -> Vec<Option<Fix>> {
    let renames: Vec<usize> = diagnostics
        .iter()
        .enumerate()
        .filter(|(i, d)| {
            matches!(
                d.rule,
                Rule::UnknownField | Rule::UnknownOutcome | Rule::UnknownPlaceholder
            ) && found
                .get(*i)
                .is_some_and(|f| f.as_ref().is_some_and(|f| f.safe))
        })
        .map(|(i, _)| i)
        .collect();
    if renames.is_empty() {
        return found;
    }
    let allowed = Budget::of(diagnostics);
    let keys: Vec<Key> = diagnostics.iter().map(Key::of).collect();
    let fixable: Vec<usize> = (0..diagnostics.len())
        .filter(|&i| found.get(i).is_some_and(Option::is_some))
        .collect();
    let mut bytes = 0;
    let mut refused = Vec::new();
    for &i in renames.iter().take(MAX_VERIFIED_RENAMES) {
        bytes += source.len();
        if bytes > MAX_VERIFIED_BYTES {
            break;
        }
        // Later passes leave alone the findings whose fix is not this one, as `fix_text` does
        // when it tries one fix alone.
        let skip: Vec<Key> = fixable
            .iter()
            .filter(|&&j| j != i)
            .filter_map(|&j| keys.get(j).cloned())
            .collect();
        let (_, after, _) = run(source, settings, &found, &[i], false, &skip);
        if !allowed.admits(&after) {
            refused.push(i);
        }
    }
    for i in refused {
        if let Some(slot) = found.get_mut(i) {
            *slot = None;
        }
    }
    found
}

/// Whether findings of `rule` can have a fix.
pub fn is_fixable_rule(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::UnknownField
            | Rule::UnknownOutcome
            | Rule::InvalidValue
            | Rule::UnknownPlaceholder
            | Rule::LockedActionDisabled
            | Rule::LockedActionMismatch
            | Rule::NotifyNotAllowed
            | Rule::NotifyEmpty
            | Rule::DuplicateRecipient
            | Rule::DuplicateAction
            | Rule::OutcomeMissing
            | Rule::PolicyViolation
    )
}

/// Applies fixes to the text they were computed for, all at once. Identical edits (such as the
/// one that writes every missing card under a missing `outcomes`) are applied once; a fix with
/// an edit that overlaps an edit already taken is left out (the next run picks it up).
pub fn apply<'f>(source: &str, fixes: impl IntoIterator<Item = &'f Fix>) -> String {
    let mut fixes: Vec<&Fix> = fixes.into_iter().filter(|f| !f.edits.is_empty()).collect();
    // Outer edits first where two start together, so a removed block wins over a fix inside it.
    fixes.sort_by_key(|f| {
        let start = f.edits.iter().map(|e| e.start).min().unwrap_or(0);
        let end = f.edits.iter().map(|e| e.end).max().unwrap_or(0);
        (start, std::cmp::Reverse(end))
    });
    let mut taken = Taken::default();
    for fix in fixes {
        let fits = fix.edits.iter().all(|e| {
            e.start <= e.end
                && e.end <= source.len()
                && source.is_char_boundary(e.start)
                && source.is_char_boundary(e.end)
                && !taken.overlaps(e)
        });
        if fits {
            for e in &fix.edits {
                taken.add(e);
            }
        }
    }
    let mut chosen = taken.edits;
    chosen.sort_by_key(|e| (e.start, e.end));
    let mut out = String::with_capacity(source.len());
    let mut at = 0;
    for e in chosen {
        out.push_str(&source[at..e.start]);
        out.push_str(&e.replacement);
        at = e.end;
    }
    out.push_str(&source[at..]);
    out
}

/// The edits taken so far, with an index that answers "does this overlap?" in logarithmic
/// time (a file can have tens of thousands of fixes).
#[derive(Default)]
struct Taken<'f> {
    edits: Vec<&'f TextEdit>,
    seen: std::collections::HashSet<&'f TextEdit>,
    /// Replacing (non-empty) spans, sorted by start, none overlapping another.
    spans: std::collections::BTreeMap<usize, usize>,
}

impl<'f> Taken<'f> {
    fn overlaps(&self, e: &TextEdit) -> bool {
        if self.seen.contains(e) {
            // An identical edit is applied once; it doesn't stop the fix.
            return false;
        }
        // The span starting last at or before e's start, and the one starting first after.
        let before = self.spans.range(..=e.start).next_back();
        let after = self.spans.range(e.start + 1..).next();
        let hit = |(&s, &end): (&usize, &usize)| overlaps_span(s, end, e.start, e.end);
        before.is_some_and(hit) || after.is_some_and(hit)
    }

    fn add(&mut self, e: &'f TextEdit) {
        if self.seen.insert(e) {
            if e.start < e.end {
                self.spans.insert(e.start, e.end);
            }
            self.edits.push(e);
        }
    }
}

/// Whether a replaced span `[s, end)` and an edit `[start, stop)` overlap; an insertion
/// (`start == stop`) overlaps only a span around its point, not one that starts or ends there.
fn overlaps_span(s: usize, end: usize, start: usize, stop: usize) -> bool {
    if start == stop {
        return s < start && start < end;
    }
    s < stop && start < end
}

/// What fixing one file gave.
#[derive(Clone, Debug, Default)]
pub struct Fixed {
    /// The fixed text; equal to the source when nothing was fixed.
    pub text: String,
    /// The findings of the source.
    pub before: Vec<Diagnostic>,
    /// The findings of the fixed text.
    pub after: Vec<Diagnostic>,
    /// What the fix of each fixed finding of the source did (descriptions, in file order).
    /// Its length is the count `validate` gives as "N fixable", the JSON and SARIF reports
    /// as fixes and the language server's fix-all as "N fixes".
    pub applied: Vec<String>,
    /// What the fixes of findings the applied fixes uncovered did (a later pass; rare, as a
    /// fix also fixes what it would uncover where it can). Not counted in `applied`.
    pub uncovered: Vec<String>,
    /// Findings with an unsafe fix that was not applied (no `--unsafe`).
    pub unsafe_left: usize,
    /// Findings whose fix was not applied because the result would have had a finding the
    /// source didn't have.
    pub refused: Vec<Diagnostic>,
    /// The source has a `yaml-syntax` finding: it is left alone.
    pub syntax_error: bool,
}

impl Fixed {
    pub fn changed(&self, source: &str) -> bool {
        self.text != source
    }
}

/// Most passes of fixes over one file; a fix can uncover another (a `notify` block renamed on
/// opt-out is then removed), and every pass removes at least one finding.
const MAX_PASSES: usize = 8;

/// Most fixes tried one at a time when applying them all together would add a finding.
const MAX_ONE_BY_ONE: usize = 200;

/// Fixes a file's text: every safe fix (and every unsafe one with `include_unsafe`) applied
/// together, repeated while a pass uncovers more, then checked: the result must not have a
/// finding the source didn't have. When it would, each fix is tried alone and only those
/// that keep that promise are applied. A file with a `yaml-syntax` finding is left alone.
pub fn fix_text(source: &str, settings: &Settings, include_unsafe: bool) -> Fixed {
    // One read of the file for its findings and their fixes (the tree `check` would read).
    let read = yaml::read(source);
    let before = match &read {
        Ok(root) => crate::validate::check_tree(source, root, settings).diagnostics,
        Err(_) => check(source, settings).diagnostics,
    };
    let mut fixed = Fixed {
        text: source.to_owned(),
        after: before.clone(),
        before,
        ..Fixed::default()
    };
    if fixed.before.iter().any(|d| d.rule == Rule::YamlSyntax) {
        fixed.syntax_error = true;
        return fixed;
    }
    let first = match &read {
        Ok(root) => with_policy(
            fixes_for_tree(source, root, &fixed.before),
            source,
            settings,
            &fixed.before,
        ),
        Err(_) => fixes_with_policy(source, settings, &fixed.before),
    };
    fixed.unsafe_left = if include_unsafe {
        0
    } else {
        first.iter().flatten().filter(|f| !f.safe).count()
    };
    let wanted: Vec<usize> = first
        .iter()
        .enumerate()
        .filter(|(_, f)| f.as_ref().is_some_and(|f| f.safe || include_unsafe))
        .map(|(i, _)| i)
        .collect();
    if wanted.is_empty() {
        return fixed;
    }
    let allowed = Budget::of(&fixed.before);
    let keys: Vec<Key> = fixed.before.iter().map(Key::of).collect();
    // Later passes leave alone the findings whose fix was not chosen.
    let skip_except = |chosen: &[usize]| -> Vec<Key> {
        wanted
            .iter()
            .filter(|i| !chosen.contains(i))
            .filter_map(|&i| keys.get(i).cloned())
            .collect()
    };
    let (text, after, done) = run(source, settings, &first, &wanted, include_unsafe, &[]);
    let (text, after, applied) = if allowed.admits(&after) {
        (text, after, done)
    } else if wanted.len() > MAX_ONE_BY_ONE {
        // Too many to try one at a time (each try re-validates the file): fix nothing.
        fixed.refused = wanted
            .iter()
            .filter_map(|&i| fixed.before.get(i).cloned())
            .collect();
        return fixed;
    } else {
        // One fix at a time, each kept only when the result still keeps the promise.
        let mut good: Vec<usize> = Vec::new();
        let mut best = (source.to_owned(), fixed.before.clone(), Default::default());
        for &i in &wanted {
            let mut trial = good.clone();
            trial.push(i);
            let skip = skip_except(&trial);
            let (text, after, done) = run(source, settings, &first, &trial, include_unsafe, &skip);
            if allowed.admits(&after) {
                good = trial;
                best = (text, after, done);
            } else if let Some(d) = fixed.before.get(i) {
                fixed.refused.push(d.clone());
            }
        }
        best
    };
    (fixed.applied, fixed.uncovered) = applied;
    // A file in `samictl fmt`'s layout stays in it (spec section 18): what was inserted is
    // laid out as the formatter would.
    let kept = crate::fmt::keep_formatted(source, text.clone());
    fixed.after = if kept == text {
        after
    } else {
        check(&kept, settings).diagnostics
    };
    fixed.text = kept;
    fixed
}

/// Applies the chosen first-pass fixes, then, pass after pass, the fixes the result still has
/// (except those of findings in `skip`), until nothing changes. Gives the text, its findings
/// and what the applied fixes did.
fn run(
    source: &str,
    settings: &Settings,
    first: &[Option<Fix>],
    chosen: &[usize],
    include_unsafe: bool,
    skip: &[Key],
) -> Ran {
    let picked: Vec<&Fix> = chosen
        .iter()
        .filter_map(|&i| first.get(i).and_then(Option::as_ref))
        .collect();
    // Looked up once per finding of every pass: a set, not a scan (issue 32).
    let skip: std::collections::HashSet<&Key> = skip.iter().collect();
    let done: Vec<String> = picked.iter().map(|f| f.description.clone()).collect();
    let mut later = Vec::new();
    let mut text = apply(source, picked);
    let mut diags = check(&text, settings).diagnostics;
    for _ in 1..MAX_PASSES {
        let next = fixes_with_policy(&text, settings, &diags);
        let pick = next
            .iter()
            .zip(&diags)
            .filter(|(f, d)| {
                f.as_ref().is_some_and(|f| f.safe || include_unsafe) && !skip.contains(&Key::of(d))
            })
            .filter_map(|(f, _)| f.as_ref())
            .collect::<Vec<_>>();
        let new_text = apply(&text, pick.iter().copied());
        if new_text == text {
            break;
        }
        later.extend(pick.iter().map(|f| f.description.clone()));
        diags = check(&new_text, settings).diagnostics;
        text = new_text;
    }
    (text, diags, (done, later))
}

/// What [`run`] gives: the text, its findings, and what the first pass and the later passes
/// applied.
type Ran = (String, Vec<Diagnostic>, (Vec<String>, Vec<String>));

/// A finding as compared before and after fixing: rule, severity and message with its numbers
/// masked (line numbers in messages move when lines are removed).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Key {
    rule: Rule,
    severity: Severity,
    message: String,
}

impl Key {
    fn of(d: &Diagnostic) -> Key {
        let mut message = String::with_capacity(d.message.len());
        let mut in_digits = false;
        for c in d.message.chars() {
            if c.is_ascii_digit() {
                if !in_digits {
                    message.push('#');
                }
                in_digits = true;
            } else {
                in_digits = false;
                message.push(c);
            }
        }
        Key {
            rule: d.rule,
            severity: d.severity,
            message,
        }
    }
}

/// How many findings of each kind a fixed file may have: those of the source.
struct Budget(HashMap<Key, usize>);

impl Budget {
    fn of(diags: &[Diagnostic]) -> Budget {
        let mut m = HashMap::new();
        for d in diags {
            *m.entry(Key::of(d)).or_insert(0) += 1;
        }
        Budget(m)
    }

    fn admits(&self, diags: &[Diagnostic]) -> bool {
        let mut used: HashMap<Key, usize> = HashMap::new();
        diags.iter().all(|d| {
            let k = Key::of(d);
            let n = used.entry(k.clone()).or_insert(0);
            *n += 1;
            *n <= self.0.get(&k).copied().unwrap_or(0)
        })
    }
}

// ---- the text ----

/// The source with its line starts, for converting positions and finding line extents.
struct Text<'s> {
    src: &'s str,
    /// Byte offset of each line's start; line `n` (1-based) starts at `starts[n - 1]`.
    starts: Vec<usize>,
    eol: &'static str,
    /// For long lines, the byte offset (from the line's start) of each character, built on
    /// first use: a one-line file with thousands of findings stays linear.
    long_lines: std::cell::RefCell<HashMap<u32, Vec<usize>>>,
}

/// Lines longer than this (in bytes) get a character index.
const LONG_LINE: usize = 256;

impl<'s> Text<'s> {
    fn new(src: &'s str) -> Text<'s> {
        let mut starts = vec![0];
        starts.extend(src.match_indices('\n').map(|(i, _)| i + 1));
        let eol = if src.contains("\r\n") { "\r\n" } else { "\n" };
        Text {
            src,
            starts,
            eol,
            long_lines: std::cell::RefCell::new(HashMap::new()),
        }
    }

    fn lines(&self) -> u32 {
        u32::try_from(self.starts.len()).unwrap_or(u32::MAX)
    }

    /// Byte offset of the start of `line` (one past the end for the line after the last).
    fn line_start(&self, line: u32) -> usize {
        let i = line.saturating_sub(1) as usize;
        self.starts.get(i).copied().unwrap_or(self.src.len())
    }

    /// The text of `line`, without its line end.
    fn line_text(&self, line: u32) -> &'s str {
        let start = self.line_start(line);
        let end = self.line_start(line + 1);
        let s = self.src.get(start..end).unwrap_or("");
        let s = s.strip_suffix('\n').unwrap_or(s);
        s.strip_suffix('\r').unwrap_or(s)
    }

    /// Byte offset of a 1-based line and character column.
    fn offset(&self, pos: Pos) -> Option<usize> {
        if pos.line == 0 || pos.line > self.lines() {
            return None;
        }
        let start = self.line_start(pos.line);
        let line = self.line_text(pos.line);
        let col = pos.column.saturating_sub(1) as usize;
        if col == 0 {
            return Some(start);
        }
        if line.len() > LONG_LINE {
            let mut cache = self.long_lines.borrow_mut();
            let index = cache
                .entry(pos.line)
                .or_insert_with(|| line.char_indices().map(|(i, _)| i).collect());
            return match index.get(col) {
                Some(i) => Some(start + i),
                None if index.len() == col => Some(start + line.len()),
                None => None,
            };
        }
        match line.char_indices().nth(col) {
            Some((i, _)) => Some(start + i),
            None if line.chars().count() == col => Some(start + line.len()),
            None => None,
        }
    }

    /// The 1-based line and character column of a byte offset.
    fn position(&self, offset: usize) -> (u32, u32) {
        let i = self.starts.partition_point(|s| *s <= offset).max(1) - 1;
        let start = self.starts.get(i).copied().unwrap_or(0);
        let line_no = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let line = self.line_text(line_no);
        let col = if line.len() > LONG_LINE && offset <= start + line.len() {
            let mut cache = self.long_lines.borrow_mut();
            let index = cache
                .entry(line_no)
                .or_insert_with(|| line.char_indices().map(|(i, _)| i).collect());
            index.partition_point(|b| *b < offset - start)
        } else {
            self.src.get(start..offset).map_or(0, |s| s.chars().count())
        };
        (
            u32::try_from(i + 1).unwrap_or(u32::MAX),
            u32::try_from(col + 1).unwrap_or(u32::MAX),
        )
    }

    fn edit(&self, start: usize, end: usize, replacement: impl Into<String>) -> TextEdit {
        let (line, column) = self.position(start);
        let (end_line, end_column) = self.position(end);
        TextEdit {
            line,
            column,
            end_line,
            end_column,
            start,
            end,
            replacement: replacement.into(),
        }
    }

    fn byte(&self, offset: usize) -> Option<u8> {
        self.src.as_bytes().get(offset).copied()
    }

    /// The end of a node's text: a scalar's token, or a flow collection's closing bracket.
    /// `None` for block collections and where the end can't be told.
    fn node_end(&self, node: &Node) -> Option<usize> {
        let start = self.offset(node.pos)?;
        match &node.value {
            Value::Seq(_) | Value::Map(_) => match self.byte(start) {
                Some(b'[' | b'{') => self.flow_end(start),
                _ => None,
            },
            Value::Null if node.pos.len == 0 => None,
            _ => {
                let len = node.pos.len as usize;
                if len == 0 {
                    return None;
                }
                let rest = self.src.get(start..)?;
                match rest.char_indices().nth(len) {
                    Some((i, _)) => Some(start + i),
                    None if rest.chars().count() == len => Some(self.src.len()),
                    None => None,
                }
            }
        }
    }

    /// The offset just past the bracket that closes the one at `start`.
    fn flow_end(&self, start: usize) -> Option<usize> {
        let bytes = self.src.as_bytes();
        let mut depth = 0usize;
        let mut i = start;
        while i < bytes.len() {
            match bytes[i] {
                b'[' | b'{' => depth += 1,
                b']' | b'}' => {
                    depth = depth.checked_sub(1)?;
                    if depth == 0 {
                        return Some(i + 1);
                    }
                }
                b'"' => {
                    i += 1;
                    while i < bytes.len() && bytes[i] != b'"' {
                        if bytes[i] == b'\\' {
                            i += 1;
                        }
                        i += 1;
                    }
                }
                b'\'' => {
                    i += 1;
                    while i < bytes.len() {
                        if bytes[i] == b'\'' {
                            if bytes.get(i + 1) == Some(&b'\'') {
                                i += 1;
                            } else {
                                break;
                            }
                        }
                        i += 1;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        None
    }

    fn indent(line: &str) -> usize {
        line.len() - line.trim_start_matches(' ').len()
    }

    fn is_blank_or_comment(line: &str) -> bool {
        let t = line.trim();
        t.is_empty() || t.starts_with('#')
    }

    /// The last line of a block that starts on `first` at indentation `indent`: the lines
    /// after it that are indented deeper (and, for a mapping entry, a block sequence written
    /// at the key's own indentation). Comment and blank lines after the last such line are not
    /// part of it.
    fn block_last_line(&self, first: u32, indent: usize, entry: bool) -> u32 {
        let mut last = first;
        let mut l = first + 1;
        while l <= self.lines() {
            let t = self.line_text(l);
            if Text::is_blank_or_comment(t) {
                l += 1;
                continue;
            }
            let ind = Text::indent(t);
            let rest = &t[ind..];
            let seq_at_key = entry && ind == indent && (rest == "-" || rest.starts_with("- "));
            if ind > indent || seq_at_key {
                last = l;
                l += 1;
            } else {
                break;
            }
        }
        last
    }

    /// Whole lines `first..=last`, as a byte range.
    fn lines_range(&self, first: u32, last: u32) -> (usize, usize) {
        (self.line_start(first), self.line_start(last + 1))
    }
}

// ---- where each node stands ----

/// The kind of mapping a key is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    Root,
    Bot,
    Outcomes,
    /// The `messaging` mapping (spec section 17): only its tags are renamed.
    Messaging,
    Card(Outcome),
    /// A card of the `messaging` section (spec section 17): `actions` and `notify` only.
    SmsCard(Outcome),
    MidCall,
    Notify,
    /// A messaging card's `notify`: `owner` only.
    SmsNotify,
    Actions,
    UserAction(UserAction),
    LockedAction,
    Other,
}

impl Place {
    /// The keys the format defines in this place.
    fn known(self) -> Option<Vec<&'static str>> {
        Some(match self {
            Place::Root => ROOT_KEYS.to_vec(),
            Place::Bot => BOT_KEYS.to_vec(),
            Place::Card(_) => CARD_KEYS.to_vec(),
            Place::SmsCard(_) => MESSAGING_CARD_KEYS.to_vec(),
            Place::SmsNotify => crate::product::NotifyAccess::OwnerOnly.keys().to_vec(),
            Place::MidCall => MidCallOption::ALL.map(MidCallOption::key).to_vec(),
            Place::Notify => NOTIFY_KEYS.to_vec(),
            Place::UserAction(u) => {
                let mut keys = vec!["type"];
                keys.extend_from_slice(u.fields());
                keys
            }
            Place::LockedAction => vec!["type", "locked"],
            Place::Outcomes | Place::Messaging | Place::Actions | Place::Other => return None,
        })
    }

    fn child(self, key: &str) -> Place {
        match (self, key) {
            (Place::Root, "bot") => Place::Bot,
            (Place::Root, "outcomes") => Place::Outcomes,
            (Place::Root, "messaging") => Place::Messaging,
            (Place::Outcomes, tag) => Outcome::from_tag(tag).map_or(Place::Other, Place::Card),
            (Place::Messaging, tag) => Outcome::from_tag(tag)
                .filter(|o| Channel::Sms.has(*o))
                .map_or(Place::Other, Place::SmsCard),
            (Place::Card(_), "mid_call") => Place::MidCall,
            (Place::Card(_), "notify") => Place::Notify,
            (Place::SmsCard(_), "notify") => Place::SmsNotify,
            (Place::Card(_) | Place::SmsCard(_), "actions") => Place::Actions,
            _ => Place::Other,
        }
    }
}

/// A mapping entry: the mapping node and the entry's index in it.
#[derive(Clone, Copy)]
struct EntryRef<'t> {
    place: Place,
    map: &'t Node<'t>,
    index: usize,
}

impl<'t> EntryRef<'t> {
    fn entries(&self) -> &'t [(Node<'t>, Node<'t>)] {
        match &self.map.value {
            Value::Map(entries) => entries,
            _ => &[],
        }
    }

    fn key(&self) -> Option<&'t Node<'t>> {
        self.entries().get(self.index).map(|(k, _)| k)
    }

    fn value(&self) -> Option<&'t Node<'t>> {
        self.entries().get(self.index).map(|(_, v)| v)
    }

    fn key_text(&self) -> Option<&'t str> {
        match &self.key()?.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// A sequence item: the sequence node, the item's index, and the entry holding the sequence.
#[derive(Clone, Copy)]
struct ItemRef<'t> {
    seq: &'t Node<'t>,
    index: usize,
    holder: Option<EntryRef<'t>>,
}

impl<'t> ItemRef<'t> {
    fn items(&self) -> &'t [Node<'t>] {
        match &self.seq.value {
            Value::Seq(items) => items,
            _ => &[],
        }
    }
}

type At = (u32, u32);

fn at(pos: Pos) -> At {
    (pos.line, pos.column)
}

/// The nodes at the positions findings point at, as the first node at each position in a
/// walk of the tree (keys, scalar values of entries, sequence items).
struct Index<'t> {
    /// The positions to index, sorted: nothing else is kept, so indexing costs a walk (`None`:
    /// every position, as the tests' reference has it).
    wanted: Option<Vec<At>>,
    keys: HashMap<At, EntryRef<'t>>,
    /// Scalar values of mapping entries.
    values: HashMap<At, EntryRef<'t>>,
    items: HashMap<At, ItemRef<'t>>,
}

impl<'t> Index<'t> {
    fn wanting(wanted: Option<Vec<At>>) -> Index<'t> {
        Index {
            wanted,
            keys: HashMap::new(),
            values: HashMap::new(),
            items: HashMap::new(),
        }
    }

    fn wants(&self, pos: Pos) -> bool {
        self.wanted
            .as_ref()
            .is_none_or(|w| w.binary_search(&at(pos)).is_ok())
    }

    fn walk(&mut self, node: &'t Node<'t>, place: Place, holder: Option<EntryRef<'t>>) {
        match &node.value {
            Value::Map(entries) => {
                for (i, (k, v)) in entries.iter().enumerate() {
                    let entry = EntryRef {
                        place,
                        map: node,
                        index: i,
                    };
                    if self.wants(k.pos) {
                        self.keys.entry(at(k.pos)).or_insert(entry);
                    }
                    if !matches!(v.value, Value::Map(_) | Value::Seq(_)) && self.wants(v.pos) {
                        self.values.entry(at(v.pos)).or_insert(entry);
                    }
                    let child = match &k.value {
                        Value::Str(s) => place.child(s),
                        _ => Place::Other,
                    };
                    self.walk(v, child, Some(entry));
                }
            }
            Value::Seq(items) => {
                for (i, item) in items.iter().enumerate() {
                    if self.wants(item.pos) {
                        self.items.entry(at(item.pos)).or_insert(ItemRef {
                            seq: node,
                            index: i,
                            holder,
                        });
                    }
                    let item_place = if place == Place::Actions {
                        action_place(item)
                    } else {
                        Place::Other
                    };
                    self.walk(item, item_place, None);
                }
            }
            _ => {}
        }
    }
}

/// The place of an action item's keys, from its `type`.
fn action_place(item: &Node) -> Place {
    let Value::Map(entries) = &item.value else {
        return Place::Other;
    };
    let type_name = entries
        .iter()
        .find_map(|(k, v)| match (&k.value, &v.value) {
            (Value::Str(k), Value::Str(v)) if k == "type" => Some(v.as_ref()),
            _ => None,
        });
    match type_name.and_then(ActionType::parse) {
        Some(ActionType::User(u)) => Place::UserAction(u),
        Some(ActionType::Locked(_)) => Place::LockedAction,
        None => Place::Other,
    }
}

/// The one close candidate for `word` among `candidates`, or `None` when there is none or
/// more than one.
fn one_close<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let best = did_you_mean(word, candidates.iter().copied())?;
    let others: Vec<&str> = candidates.iter().copied().filter(|c| *c != best).collect();
    match did_you_mean(word, others) {
        Some(_) => None,
        None => Some(best),
    }
}

const YAML11_TRUE: [&str; 4] = ["yes", "y", "on", "true"];
const YAML11_FALSE: [&str; 4] = ["no", "n", "off", "false"];

// ---- the fixes ----

/// What a rename needs next (see [`Fixer::after_rename`]).
enum AfterRename {
    /// The entry removed instead, and why.
    Remove(TextEdit, String),
    /// The value's edits, and what they do.
    Value(Vec<TextEdit>, String),
}

struct Fixer<'a, 't> {
    text: &'a Text<'a>,
    index: &'a Index<'t>,
    root: &'t Node<'t>,
    /// The string keys of each mapping a rename looked into, by the mapping's address, so
    /// that thousands of renames in one mapping cost linear time, not a scan each (issue 32).
    keys_in: std::cell::RefCell<HashMap<usize, std::collections::HashSet<&'t str>>>,
}

impl<'t> Fixer<'_, 't> {
    fn fix(&self, d: &Diagnostic) -> Option<Fix> {
        let (safe, description, edits) = match d.rule {
            Rule::UnknownField | Rule::UnknownOutcome => self.rename(d)?,
            Rule::InvalidValue => self
                .boolean(d)
                .or_else(|| self.quote_phone(d))
                .or_else(|| self.direction(d))?,
            Rule::UnknownPlaceholder => self.placeholder(d)?,
            Rule::LockedActionDisabled => {
                let entry = self.index.keys.get(&at(d.pos))?;
                if entry.key_text()? != "locked" {
                    return None;
                }
                let edit = self.remove_entry(entry)?;
                (true, "remove `locked: false`".to_owned(), vec![edit])
            }
            Rule::LockedActionMismatch => {
                let entry = self.index.values.get(&at(d.pos))?;
                if entry.key_text()? != "type" {
                    return None;
                }
                let type_name = match &entry.value()?.value {
                    Value::Str(s) => s.to_string(),
                    _ => return None,
                };
                let item = self.index.items.get(&at(entry.map.pos))?;
                if !std::ptr::eq(item.items().get(item.index)?, entry.map) {
                    return None;
                }
                let edit = self.remove_item(item)?;
                (
                    true,
                    format!("remove the `{type_name}` item: it can't take effect here"),
                    vec![edit],
                )
            }
            Rule::NotifyNotAllowed | Rule::NotifyEmpty => {
                let entry = self.index.keys.get(&at(d.pos))?;
                if d.rule == Rule::NotifyEmpty && self.misspelt_inside(entry) {
                    // `notify: {ownr: true}`: the rename is the fix, not the removal.
                    return None;
                }
                if entry.key_text()? != "notify"
                    || !matches!(entry.place, Place::Card(_) | Place::SmsCard(_))
                {
                    return None;
                }
                let edit = self.remove_entry(entry)?;
                let description = match entry.place {
                    Place::Card(o) | Place::SmsCard(o) if d.rule == Rule::NotifyNotAllowed => {
                        format!("remove the `notify` block: {o} has no notifications")
                    }
                    _ => "remove the `notify` block that notifies nobody".to_owned(),
                };
                (true, description, vec![edit])
            }
            Rule::DuplicateRecipient | Rule::DuplicateAction => {
                let item = self.index.items.get(&at(d.pos))?;
                let node = item.items().get(item.index)?;
                let (safe, description) = match (&node.value, d.rule) {
                    (Value::Str(s), Rule::DuplicateRecipient) => {
                        (true, format!("remove the repeated `{s}`"))
                    }
                    (Value::Map(_), Rule::DuplicateAction) => {
                        let name = match action_place(node) {
                            Place::UserAction(u) => u.as_str(),
                            _ => "action",
                        };
                        (
                            false,
                            format!("remove the repeated `{name}` action (it would run once)"),
                        )
                    }
                    _ => return None,
                };
                let edit = self.remove_item(item)?;
                (safe, description, vec![edit])
            }
            Rule::OutcomeMissing => self.add_card(d)?,
            _ => return None,
        };
        Some(Fix {
            rule: d.rule,
            safe,
            description,
            edits,
        })
    }

    /// `unknown-field` / `unknown-outcome`: the key renamed to the one close candidate.
    fn rename(&self, d: &Diagnostic) -> Option<(bool, String, Vec<TextEdit>)> {
        let entry = self.index.keys.get(&at(d.pos))?;
        let key = entry.key()?;
        let word = entry.key_text()?;
        let candidates: Vec<&str> = if d.rule == Rule::UnknownOutcome {
            match entry.place {
                Place::Outcomes => Outcome::tags().collect(),
                // A misspelt messaging tag: the five of the Messaging section.
                Place::Messaging => crate::product::Channel::Sms
                    .outcomes()
                    .into_iter()
                    .map(Outcome::tag)
                    .collect(),
                _ => return None,
            }
        } else {
            if word == "locked"
                && matches!(entry.place, Place::UserAction(u) if u.fields().iter().all(|f| *f != "locked"))
            {
                // A user action can't be locked: the key changes nothing, whatever its value.
                let value = entry.value()?;
                let shown = value.value.scalar_text().unwrap_or_default();
                let edit = self.remove_entry(entry)?;
                return Some((
                    true,
                    format!("remove `locked: {shown}`: a user action can't be locked"),
                    vec![edit],
                ));
            }
            if word == "<<" {
                // An empty merge key merges nothing: removing it changes nothing.
                let empty = match &entry.value()?.value {
                    Value::Map(m) => m.is_empty(),
                    Value::Null => true,
                    _ => false,
                };
                if !empty {
                    return None;
                }
                let edit = self.remove_entry(entry)?;
                return Some((
                    true,
                    "remove the empty merge key `<<`".to_owned(),
                    vec![edit],
                ));
            }
            entry.place.known()?
        };
        let to = one_close(word, &candidates)?;
        let taken = self
            .keys_in
            .borrow_mut()
            .entry(std::ptr::from_ref(entry.map) as usize)
            .or_insert_with(|| {
                entry
                    .entries()
                    .iter()
                    .filter_map(|(k, _)| match &k.value {
                        Value::Str(s) => Some(s.as_ref()),
                        _ => None,
                    })
                    .collect()
            })
            .contains(to);
        if taken || to == word {
            return None;
        }
        let start = self.text.offset(key.pos)?;
        let end = self.text.node_end(key)?;
        let rename = self.text.edit(start, end, to);
        // What the renamed key would then be found to need is fixed by the same fix, so one
        // run of `samictl fix` reaches its fixed point and every count of fixes agrees.
        if let Some(then) = self.after_rename(entry, word, to) {
            return Some(match then {
                AfterRename::Remove(edit, why) => (true, why, vec![edit]),
                AfterRename::Value(mut edits, what) => {
                    edits.insert(0, rename);
                    (true, format!("rename `{word}` to `{to}` and {what}"), edits)
                }
            });
        }
        Some((true, format!("rename `{word}` to `{to}`"), vec![rename]))
    }

    /// `invalid-value` on a YAML 1.1 boolean where the format wants `true` or `false`.
    fn boolean(&self, d: &Diagnostic) -> Option<(bool, String, Vec<TextEdit>)> {
        let entry = self.index.values.get(&at(d.pos))?;
        self.boolean_of(entry, entry.key_text()?)
    }

    /// The fix of `entry`'s value where key `key` (the entry's own, or the one a rename gives
    /// it) takes a boolean and the value is a YAML 1.1 or capitalised boolean.
    fn boolean_of(&self, entry: &EntryRef<'t>, key: &str) -> Option<(bool, String, Vec<TextEdit>)> {
        let value = entry.value()?;
        let start = self.text.offset(value.pos)?;
        let written = self
            .text
            .node_end(value)
            .and_then(|end| self.text.src.get(start..end));
        let s: &str = match &value.value {
            Value::Str(s) => s,
            // `True` / `FALSE`: booleans to YAML 1.2, refused by the format.
            Value::Bool(_) => {
                written.filter(|w| crate::validate::CAPITALISED_BOOLEANS.contains(w))?
            }
            _ => return None,
        };
        let wants_bool = matches!(
            (entry.place, key),
            (Place::Notify | Place::SmsNotify, "owner")
                | (Place::MidCall, "confirm_time")
                | (Place::LockedAction, "locked")
        );
        // A plain or quoted scalar (`"true"` in a field that only takes a boolean means true);
        // not a tagged or anchored one.
        if !wants_bool || matches!(self.text.byte(start), Some(b'!' | b'&')) {
            return None;
        }
        let token = written.unwrap_or(s);
        let lower = s.to_lowercase();
        let truth = if YAML11_TRUE.contains(&lower.as_str()) {
            true
        } else if YAML11_FALSE.contains(&lower.as_str()) {
            false
        } else {
            return None;
        };
        if key == "locked" && !truth {
            // A locked action can't be disabled: `false` would be another error.
            let edit = self.remove_entry(entry)?;
            let written_key = entry.key_text()?;
            return Some((true, format!("remove `{written_key}: {token}`"), vec![edit]));
        }
        let end = self.text.node_end(value)?;
        Some((
            true,
            format!("write `{truth}` instead of `{token}`"),
            vec![self.text.edit(start, end, truth.to_string())],
        ))
    }

    /// `invalid-value` on a notify phone written unquoted (`+15125550142` reads as a number):
    /// the same text, quoted.
    fn quote_phone(&self, d: &Diagnostic) -> Option<(bool, String, Vec<TextEdit>)> {
        let item = self.index.items.get(&at(d.pos))?;
        let holder = item.holder?;
        if holder.place != Place::Notify || holder.key_text()? != "phones" {
            return None;
        }
        let node = item.items().get(item.index)?;
        if !matches!(node.value, Value::Int(_)) {
            return None;
        }
        let start = self.text.offset(node.pos)?;
        let end = self.text.node_end(node)?;
        let token = self.text.src.get(start..end)?;
        let digits = token.strip_prefix('+')?;
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        // Quoted, it would repeat a phone of the list (a `duplicate-recipient` the next run
        // would remove): removed now, so one run reaches the fixed point.
        let repeated = item
            .items()
            .iter()
            .any(|other| matches!(&other.value, Value::Str(s) if s == token));
        if repeated {
            let edit = self.remove_item(item)?;
            return Some((
                true,
                format!("remove `{token}`: the list already has it"),
                vec![edit],
            ));
        }
        Some((
            true,
            format!("quote `{token}` so it stays a phone number"),
            vec![self.text.edit(start, end, format!("\"{token}\""))],
        ))
    }

    /// Whether the `notify` block of `entry` holds a key its place doesn't define (a misspelt
    /// `owner`, which a rename fixes).
    fn misspelt_inside(&self, entry: &EntryRef<'t>) -> bool {
        let place = match entry.place {
            Place::SmsCard(_) => Place::SmsNotify,
            _ => Place::Notify,
        };
        let Some(known) = place.known() else {
            return false;
        };
        match entry.value().map(|v| &v.value) {
            Some(Value::Map(entries)) => entries.iter().any(|(k, _)| match &k.value {
                Value::Str(s) => !known.contains(&(s.as_ref() as &str)),
                _ => true,
            }),
            _ => false,
        }
    }

    /// The fix a key renamed from `word` to `to` would need next: a `locked: false` or a
    /// `notify` block that notifies nobody or can't be on its card is removed; a YAML 1.1
    /// boolean value is rewritten.
    fn after_rename(&self, entry: &EntryRef<'t>, word: &str, to: &str) -> Option<AfterRename> {
        if to == "notify"
            && let Place::Card(o) | Place::SmsCard(o) = entry.place
        {
            let channel = match entry.place {
                Place::SmsCard(_) => Channel::Sms,
                _ => Channel::Call,
            };
            let allowed = channel
                .rules()
                .iter()
                .find(|r| r.outcome == o)
                .is_some_and(|r| r.notify.is_allowed());
            let empty = match &entry.value()?.value {
                Value::Null => true,
                Value::Map(m) => m.is_empty(),
                _ => false,
            };
            let why = if !allowed {
                format!("remove the `{word}` block: {o} has no notifications")
            } else if empty {
                format!("remove the `{word}` block that notifies nobody")
            } else {
                return None;
            };
            return Some(AfterRename::Remove(self.remove_entry(entry)?, why));
        }
        let (_, what, edits) = self.boolean_of(entry, to)?;
        let removes = edits.first().is_some_and(|e| e.replacement.is_empty());
        Some(if removes {
            AfterRename::Remove(edits.into_iter().next()?, what)
        } else {
            AfterRename::Value(edits, what)
        })
    }

    /// `invalid-value` on a `direction` written in another case (`Outbound`): the one right
    /// spelling.
    fn direction(&self, d: &Diagnostic) -> Option<(bool, String, Vec<TextEdit>)> {
        let entry = self.index.values.get(&at(d.pos))?;
        if entry.place != Place::Bot || entry.key_text()? != "direction" {
            return None;
        }
        let value = entry.value()?;
        let Value::Str(s) = &value.value else {
            return None;
        };
        let right = crate::outcome::Direction::ALL
            .into_iter()
            .map(crate::outcome::Direction::as_str)
            .find(|r| r.eq_ignore_ascii_case(s) && *r != s.as_ref() as &str)?;
        let start = self.text.offset(value.pos)?;
        if matches!(self.text.byte(start), Some(b'!' | b'&' | b'*')) {
            return None;
        }
        let end = self.text.node_end(value)?;
        let written = self.text.src.get(start..end)?;
        Some((
            true,
            format!("write `{right}` instead of `{written}`"),
            vec![self.text.edit(start, end, right)],
        ))
    }

    /// `unknown-placeholder` on a name that is no placeholder and has one close candidate
    /// (`{{ contact.firstname }}`): the name, renamed. Only where the source text at the
    /// finding is the placeholder as written (no escapes in between).
    fn placeholder(&self, d: &Diagnostic) -> Option<(bool, String, Vec<TextEdit>)> {
        let start = self.text.offset(d.pos)?;
        let rest = self.text.src.get(start..)?;
        let inner = rest.strip_prefix("{{")?;
        let close = inner.find("}}")?;
        let body = inner.get(..close)?;
        let name = body.trim();
        let valid = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'.';
        if name.is_empty() || !name.bytes().all(valid) {
            return None;
        }
        let names: Vec<&str> = crate::product::PLACEHOLDERS
            .iter()
            .map(|(n, _)| *n)
            .collect();
        if names.contains(&name) {
            return None;
        }
        // The "did you mean" of the finding, when it stands clear of the rest: every other
        // name at least two edits further (`contact.firstname` is one edit from
        // `contact.first_name`, five from `contact.last_name`).
        let to = did_you_mean(name, names.iter().copied())?;
        let near = crate::values::edit_distance(name, to);
        if names
            .iter()
            .any(|n| *n != to && crate::values::edit_distance(name, n) < near + 2)
        {
            return None;
        }
        let lead = body.len() - body.trim_start().len();
        let name_start = start + 2 + lead;
        let name_end = name_start + name.len();
        Some((
            true,
            format!("rename `{{{{ {name} }}}}` to `{{{{ {to} }}}}`"),
            vec![self.text.edit(name_start, name_end, to)],
        ))
    }

    /// Removes a mapping entry, key and value.
    fn remove_entry(&self, entry: &EntryRef<'t>) -> Option<TextEdit> {
        let entries = entry.entries();
        let (key, value) = entries.get(entry.index)?;
        let text = self.text;
        let map_start = text.offset(entry.map.pos)?;
        let key_start = text.offset(key.pos)?;
        if text.byte(map_start) == Some(b'{') {
            // A flow mapping: the entry and the comma before it (or after it when first).
            let end = text.node_end(value)?;
            if entry.index > 0 {
                let prev_end = text.node_end(&entries.get(entry.index - 1)?.1)?;
                return Some(text.edit(prev_end, end, ""));
            }
            if let Some((next, _)) = entries.get(1) {
                let next_start = text.offset(next.pos)?;
                return Some(text.edit(key_start, next_start, ""));
            }
            return Some(text.edit(key_start, end, ""));
        }
        // A block mapping: the key starts its line, or follows a sequence item's `- `.
        let line = key.pos.line;
        let line_start = text.line_start(line);
        let before = text.src.get(line_start..key_start)?;
        let indent = key.pos.column.saturating_sub(1) as usize;
        if before.trim().is_empty() {
            let last = text.block_last_line(line, indent, true);
            let (start, end) = text.lines_range(line, last);
            return Some(text.edit(start, end, ""));
        }
        if before.trim() == "-" {
            // The first key of an item: up to the next key, which takes its place.
            let (next, _) = entries.get(entry.index + 1)?;
            let next_start = text.offset(next.pos)?;
            return Some(text.edit(key_start, next_start, ""));
        }
        None
    }

    /// Removes a sequence item; the last item of a sequence removes the entry holding it.
    fn remove_item(&self, item: &ItemRef<'t>) -> Option<TextEdit> {
        let items = item.items();
        let node = items.get(item.index)?;
        let text = self.text;
        if items.len() == 1
            && let Some(holder) = &item.holder
        {
            return self.remove_entry(holder);
        }
        let seq_start = text.offset(item.seq.pos)?;
        let start = text.offset(node.pos)?;
        if text.byte(seq_start) == Some(b'[') {
            let end = text.node_end(node)?;
            if item.index > 0 {
                let prev_end = text.node_end(items.get(item.index - 1)?)?;
                return Some(text.edit(prev_end, end, ""));
            }
            if let Some(next) = items.get(1) {
                return Some(text.edit(start, text.offset(next.pos)?, ""));
            }
            return Some(text.edit(start, end, ""));
        }
        // A block sequence: `- ` starts the item's line.
        let line = node.pos.line;
        let line_start = text.line_start(line);
        let before = text.src.get(line_start..start)?;
        let trimmed = before.trim_end();
        if !trimmed.ends_with('-') || !trimmed[..trimmed.len() - 1].trim().is_empty() {
            return None;
        }
        let dash_indent = trimmed.len() - 1;
        let last = text.block_last_line(line, dash_indent, false);
        let (s, e) = text.lines_range(line, last);
        Some(text.edit(s, e, ""))
    }

    /// `outcome-missing`: the card from SAMI's presets (the `init` template), added after the
    /// last card. Where `outcomes` is missing or empty, every missing card is written in one
    /// edit that each such finding shares. A missing messaging card (spec section 17) is added
    /// as `TAG: {}`: SAMI publishes no preset messaging card, and `init` writes the five empty.
    fn add_card(&self, d: &Diagnostic) -> Option<(bool, String, Vec<TextEdit>)> {
        let outcome = message_outcome(&d.message)?;
        let text = self.text;
        let eol = text.eol;
        let Value::Map(root) = &self.root.value else {
            return None;
        };
        let section = |channel: Channel| {
            root.iter()
                .find(|(k, _)| matches!(&k.value, Value::Str(s) if s == channel.section()))
        };
        // The finding points at its section's key (or at line 1 when `outcomes` is missing).
        if let Some((key, value)) = section(Channel::Sms)
            && at(d.pos) == at(key.pos)
        {
            if !Channel::Sms.has(outcome) {
                return None;
            }
            let empty =
                |o: Outcome, indent: usize| format!("{}{}: {{}}{eol}", " ".repeat(indent), o.tag());
            return self.add_to_section(Channel::Sms, outcome, key, value, &empty);
        }
        let outcomes = section(Channel::Call);
        let expected = outcomes.map_or(Pos::START, |(k, _)| k.pos);
        if at(d.pos) != at(expected) {
            return None;
        }
        let preset = |o: Outcome, indent: usize| preset_card(o, indent, eol);
        match outcomes {
            None => {
                // Before `messaging` when it starts a line (the order of the format; the
                // messaging section's own missing cards may go at the end), else at the end.
                let before_messaging = section(Channel::Sms)
                    .filter(|(k, _)| k.pos.column == 1)
                    .map(|(k, _)| text.line_start(k.pos.line));
                let at = before_messaging.unwrap_or(text.src.len());
                let insert = at_end_of(
                    text,
                    at,
                    format!(
                        "outcomes:{eol}{}",
                        missing_cards(Channel::Call, &[], 2, &preset)
                    ),
                );
                Some((
                    false,
                    MANY_CARDS.to_owned(),
                    vec![text.edit(at, at, insert)],
                ))
            }
            Some((key, value)) => self.add_to_section(Channel::Call, outcome, key, value, &preset),
        }
    }

    /// A missing card of `channel` added to its section (`key: value`), written by `card`
    /// (the outcome, the indent of its key).
    fn add_to_section(
        &self,
        channel: Channel,
        outcome: Outcome,
        key: &Node<'_>,
        value: &Node<'_>,
        card: &dyn Fn(Outcome, usize) -> String,
    ) -> Option<(bool, String, Vec<TextEdit>)> {
        let text = self.text;
        match &value.value {
            Value::Map(cards) if !cards.is_empty() => {
                // A misspelt tag that a rename fixes gives the card instead.
                let tags: Vec<&str> = channel.outcomes().into_iter().map(Outcome::tag).collect();
                let renamed = cards.iter().any(|(k, _)| match &k.value {
                    Value::Str(s) if !tags.iter().any(|t| *t == s.as_ref() as &str) => {
                        one_close(s, &tags) == Some(outcome.tag())
                    }
                    _ => false,
                });
                if present(cards, outcome) || renamed {
                    return None;
                }
                let map_start = text.offset(value.pos)?;
                if text.byte(map_start) == Some(b'{') {
                    return None;
                }
                let (last_key, _) = cards.last()?;
                let indent = last_key.pos.column.saturating_sub(1) as usize;
                let line_start = text.line_start(last_key.pos.line);
                let before = text.src.get(line_start..text.offset(last_key.pos)?)?;
                if !before.trim().is_empty() {
                    return None;
                }
                let last = text.block_last_line(last_key.pos.line, indent, true);
                let at = text.line_start(last + 1);
                let insert = at_end_of(text, at, card(outcome, indent));
                let description = match channel {
                    Channel::Call => format!("add the `{outcome}` card from SAMI's presets"),
                    Channel::Sms => format!("add an empty `{outcome}` messaging card"),
                };
                Some((false, description, vec![text.edit(at, at, insert)]))
            }
            Value::Null => {
                // `outcomes:` with nothing after it on its line.
                let line = key.pos.line;
                let key_end = text.node_end(key)?;
                let rest = text.src.get(key_end..text.line_start(line + 1))?.trim();
                let after_colon = rest.strip_prefix(':')?.trim_start();
                if !(after_colon.is_empty() || after_colon.starts_with('#')) {
                    return None;
                }
                let at = text.line_start(line + 1);
                let indent = key.pos.column.saturating_sub(1) as usize + 2;
                let insert = at_end_of(text, at, missing_cards(channel, &[], indent, card));
                let description = match channel {
                    Channel::Call => MANY_CARDS.to_owned(),
                    Channel::Sms => "add the missing messaging cards, empty".to_owned(),
                };
                Some((false, description, vec![text.edit(at, at, insert)]))
            }
            _ => None,
        }
    }
}

/// `lines` (each ended by the file's line end) to insert at `at`. At the end of a file with no
/// final line end, the line end goes first and the last one is dropped: the file keeps having
/// none, and several such inserts at the end join without blank lines between them.
fn at_end_of(text: &Text<'_>, at: usize, lines: String) -> String {
    if at == text.src.len() && !text.src.is_empty() && !text.src.ends_with('\n') {
        let body = lines.strip_suffix(text.eol).unwrap_or(&lines);
        format!("{}{body}", text.eol)
    } else {
        lines
    }
}

/// The description of a fix that writes every missing call card at once.
const MANY_CARDS: &str = "add the missing cards from SAMI's presets";

/// Whether a section's cards hold `outcome`'s.
fn present(entries: &[(Node, Node)], outcome: Outcome) -> bool {
    entries
        .iter()
        .any(|(k, _)| matches!(&k.value, Value::Str(s) if s == outcome.tag()))
}

/// Every card of `channel` missing from `entries`, in canonical order, written by `card`.
fn missing_cards(
    channel: Channel,
    entries: &[(Node, Node)],
    indent: usize,
    card: &dyn Fn(Outcome, usize) -> String,
) -> String {
    channel
        .outcomes()
        .into_iter()
        .filter(|o| !present(entries, *o))
        .map(|o| card(o, indent))
        .collect()
}

/// The outcome a message names in backticks (`outcome-missing` names its card).
fn message_outcome(message: &str) -> Option<Outcome> {
    message
        .split('`')
        .skip(1)
        .step_by(2)
        .find_map(Outcome::from_tag)
}

/// A card of SAMI's presets, from the `init` template, its key at `indent` spaces.
pub fn preset_card(outcome: Outcome, indent: usize, eol: &str) -> String {
    let head = format!("  {}:", outcome.tag());
    let mut out = String::new();
    let mut inside = false;
    for line in crate::init::TEMPLATE.lines() {
        if !inside {
            if line == head || line.starts_with(&format!("{head} ")) {
                inside = true;
            } else {
                continue;
            }
        } else if line.trim().is_empty() || Text::indent(line) <= 2 {
            break;
        }
        let ind = Text::indent(line);
        out.push_str(&" ".repeat(ind - 2 + indent));
        out.push_str(&line[ind..]);
        out.push_str(eol);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> Settings {
        Settings::default()
    }

    fn fix_all(src: &str) -> String {
        fix_text(src, &settings(), true).text
    }

    /// Outcomes present, so only the messaging findings remain.
    const CALL_CARDS: &str = "outcomes:\n  successful-transfer: {}\n  missed-transfer: {}\n  \
        needs-follow-up: {}\n  contact-later: {}\n  opt-out: {}\n  not-interested: {}\n  \
        unqualified: {}\n  bad-number: {}\n";

    #[test]
    fn a_missing_messaging_card_is_added_empty_and_only_with_unsafe() {
        let src = format!(
            "version: 1\nbot:\n  name: x\n  direction: both\n{CALL_CARDS}messaging:\n  \
             not-interested:\n    actions:\n      - type: tag\n        name: sms-no\n  \
             bad-number: {{}}\n"
        );
        let safe = fix_text(&src, &settings(), false);
        assert_eq!(safe.text, src, "an added card is an unsafe fix");
        assert_eq!(safe.unsafe_left, 3);
        let fixed = fix_all(&src);
        assert!(
            fixed.ends_with(
                "  bad-number: {}\n  unqualified: {}\n  needs-follow-up: {}\n  contact-later: {}\n"
            ),
            "{fixed}"
        );
        assert!(
            check(&fixed, &settings())
                .diagnostics
                .iter()
                .all(|d| d.rule != Rule::OutcomeMissing),
            "{fixed}"
        );
        assert_eq!(fix_all(&fixed), fixed, "idempotent");
    }

    #[test]
    fn cards_added_at_the_end_of_a_file_without_a_final_line_end_join_without_blank_lines() {
        let src = format!(
            "version: 1\nbot:\n  name: x\n  direction: both\n{CALL_CARDS}messaging:\n  \
             not-interested: {{}}\n  unqualified: {{}}"
        );
        let fixed = fix_all(&src);
        assert!(
            fixed.ends_with(
                "  unqualified: {}\n  bad-number: {}\n  needs-follow-up: {}\n  contact-later: {}"
            ),
            "{fixed:?}"
        );
        assert!(!fixed.contains("\n\n"), "{fixed:?}");
        assert_eq!(fix_all(&fixed), fixed, "idempotent");
    }

    #[test]
    fn an_empty_messaging_section_gets_its_five_cards_and_missing_outcomes_go_before_it() {
        // A section with one card (`messaging:` alone is null: an absent section, issue 32).
        let src =
            "version: 1\nbot:\n  name: x\n  direction: both\nmessaging:\n  not-interested: {}\n";
        let fixed = fix_all(src);
        let outcomes = fixed.find("\noutcomes:\n").expect("outcomes added");
        let messaging = fixed.find("\nmessaging:\n").expect("messaging kept");
        assert!(outcomes < messaging, "{fixed}");
        assert!(
            fixed.ends_with(
                "messaging:\n  not-interested: {}\n  unqualified: {}\n  bad-number: {}\n  \
                 needs-follow-up: {}\n  contact-later: {}\n"
            ),
            "{fixed}"
        );
        assert!(check(&fixed, &settings()).diagnostics.is_empty(), "{fixed}");
        assert_eq!(fix_all(&fixed), fixed, "idempotent");
    }

    /// Every `.yaml` file under `dir`, recursively.
    fn yaml_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                yaml_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                out.push(path);
            }
        }
    }

    /// `validate`'s fixes, computed on the tree its findings were found on (only the nodes
    /// findings point at indexed), are the fixes computed from the text alone, on every fixture
    /// and on a file whose fix needs the item holding the node its finding points at.
    #[test]
    fn fixes_on_the_findings_tree_are_the_fixes_of_the_text() {
        let mut files = Vec::new();
        yaml_files(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"),
            &mut files,
        );
        let mut sources: Vec<String> = files
            .iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .collect();
        sources.push(file(
            "  successful-transfer:\n    actions:\n      - type: cancel-enrollment\n      - {type: pause-enrollment}\n      - type: tag\n        name: a\n      - type: tag\n        name: a\n    notify:\n      emails: [a@b.co, a@b.co]\n  opt-out: {}\n",
        ));
        let mut fixable = 0;
        for source in &sources {
            let (diagnostics, fixes) =
                crate::validate::findings_and_fixes(source.as_bytes(), &settings());
            // The reference: every node indexed, on a tree read again from the text.
            let reference = match yaml::read(source) {
                Ok(root) if diagnostics.iter().any(|d| is_fixable_rule(d.rule)) => {
                    let text = Text::new(source);
                    let mut index = Index::wanting(None);
                    index.walk(&root, Place::Root, None);
                    let fixer = Fixer {
                        text: &text,
                        index: &index,
                        root: &root,
                        keys_in: Default::default(),
                    };
                    diagnostics.iter().map(|d| fixer.fix(d)).collect()
                }
                _ => vec![None; diagnostics.len()],
            };
            let reference = verify_renames(
                with_policy(reference, source, &settings(), &diagnostics),
                source,
                &settings(),
                &diagnostics,
            );
            assert_eq!(fixes, reference, "{source}");
            fixable += fixes.iter().flatten().count();
        }
        assert!(fixable > 10, "only {fixable} fixes over the fixtures");
    }

    #[test]
    fn presets_are_cut_from_the_template() {
        assert_eq!(preset_card(Outcome::OptOut, 2, "\n"), "  opt-out: {}\n");
        let card = preset_card(Outcome::MissedTransfer, 4, "\r\n");
        assert!(
            card.starts_with("    missed-transfer:\r\n      actions:\r\n"),
            "{card}"
        );
        assert!(card.ends_with("        owner: true\r\n"), "{card}");
    }

    #[test]
    fn renames_and_booleans_keep_the_rest() {
        let src = "version: 1 # v\nbot:\n  name: 'A'\n  direction: outbound\noutcomes:\n  sucessful-transfer:\n    notfy:\n      owner: yes   # who\n";
        let out = fix_text(src, &settings(), false);
        assert_eq!(
            out.text,
            "version: 1 # v\nbot:\n  name: 'A'\n  direction: outbound\noutcomes:\n  successful-transfer:\n    notify:\n      owner: true   # who\n"
        );
        // The source has one finding (the card's content is not checked under a misspelt
        // tag): one fixed; the two the rename uncovered are fixed by a later pass.
        assert_eq!(out.applied.len(), 1);
        assert_eq!(out.uncovered.len(), 2);
        assert!(out.unsafe_left > 0);
    }

    const HEAD: &str = "version: 1\nbot:\n  name: A\n  direction: outbound\noutcomes:\n";
    const REST: &str = "  missed-transfer: {notify: {owner: true}}\n  needs-follow-up: {notify: {owner: true}}\n  contact-later: {}\n  not-interested: {}\n  unqualified: {}\n  bad-number: {}\n";

    fn file(cards: &str) -> String {
        format!("{HEAD}{cards}{REST}")
    }

    #[test]
    fn a_rename_that_would_expose_a_new_finding_is_refused() {
        // `emials` -> `emails` would make `not-an-email` an invalid-recipient finding.
        let src = file(
            "  successful-transfer:\n    notify:\n      owner: true\n      emials: [not-an-email]\n  opt-out: {}\n",
        );
        let out = fix_text(&src, &settings(), true);
        assert_eq!(out.text, src);
        assert_eq!(out.refused.len(), 1);
        assert_eq!(out.refused[0].rule, Rule::UnknownField);
        // The second run is the same no-op.
        assert_eq!(fix_all(&out.text), src);
    }

    #[test]
    fn a_fix_can_uncover_another_and_both_are_applied() {
        // `notfy` renamed on opt-out is `notify-not-allowed`, removed in the next pass.
        let src = file(
            "  successful-transfer: {notify: {owner: true}}\n  opt-out:\n    notfy:\n      owner: true\n",
        );
        let out = fix_text(&src, &settings(), false);
        assert_eq!(
            out.text,
            file("  successful-transfer: {notify: {owner: true}}\n  opt-out:\n")
        );
        assert!(out.after.is_empty(), "{:?}", out.after);
    }

    #[test]
    fn no_fix_without_one_right_answer() {
        let src = file(
            "  successful-transfer:\n    notify:\n      owner: \"maybe\"\n      zzz: 1\n  opt-out: {}\n",
        );
        let diags = check(&src, &settings()).diagnostics;
        assert!(!diags.is_empty());
        assert!(fixes(&src, &diags).iter().all(Option::is_none), "{diags:?}");
        // A rename onto a key that is already there would be a duplicate key.
        let src = file(
            "  successful-transfer:\n    notify: {owner: true}\n    notfy: {owner: true}\n  opt-out: {}\n",
        );
        let diags = check(&src, &settings()).diagnostics;
        assert_eq!(diags.len(), 1);
        assert_eq!(fixes(&src, &diags), vec![None]);
    }

    #[test]
    fn edits_have_character_columns_and_byte_offsets() {
        let src = file(
            "  successful-transfer:\n    notify: {emails: [\"é@acme.com\", \"É@acme.com\"], owner: true}\n  opt-out: {}\n",
        );
        let diags = check(&src, &settings()).diagnostics;
        let found = fixes(&src, &diags);
        let fix = found.iter().flatten().next().expect("a fix");
        assert_eq!(fix.rule, Rule::DuplicateRecipient);
        let edit = &fix.edits[0];
        assert_eq!(&src[edit.start..edit.end], ", \"É@acme.com\"");
        let line = src.lines().nth(edit.line as usize - 1).unwrap_or("");
        let col = |c: u32| {
            line.chars()
                .take(c as usize - 1)
                .map(char::len_utf8)
                .sum::<usize>()
        };
        let line_start = edit.start - col(edit.column);
        assert_eq!(line_start + col(edit.end_column), edit.end);
        assert_eq!(edit.line, edit.end_line);
        assert_eq!(apply(&src, [fix]), fix_all(&src));
    }

    #[test]
    fn identical_edits_apply_once_and_overlapping_ones_are_left_out() {
        let src = "abcdef";
        let text = Text::new(src);
        let fix = |start, end, r: &str| Fix {
            rule: Rule::NotifyEmpty,
            safe: true,
            description: String::new(),
            edits: vec![text.edit(start, end, r)],
        };
        let a = fix(1, 3, "X");
        let same = fix(1, 3, "X");
        let inner = fix(2, 3, "Y");
        let insert = fix(3, 3, "+");
        let outer = fix(0, 4, "");
        assert_eq!(apply(src, [&a, &same, &inner, &insert]), "aX+def");
        assert_eq!(apply(src, [&a, &outer]), "ef");
        assert_eq!(apply(src, [&insert, &insert]), "abc+def");
    }

    #[test]
    fn flow_entries_and_items_are_removed_with_their_comma() {
        let src = file(
            "  successful-transfer: {notify: {owner: true}}\n  opt-out:\n    actions:\n      - {locked: false, type: do-not-contact-all-channels}\n      - {type: tag, name: a}\n      - {type: tag, name: A}\n",
        );
        let out = fix_all(&src);
        assert_eq!(
            out,
            file(
                "  successful-transfer: {notify: {owner: true}}\n  opt-out:\n    actions:\n      - {type: do-not-contact-all-channels}\n      - {type: tag, name: a}\n"
            )
        );
    }
}
