//! Validation (spec sections 1-7): walks the positioned YAML tree, collects every finding of
//! every rule, and builds the checked [`Bot`] when the file has no errors.

use crate::config::{Policy, Settings};
use crate::diagnostic::{Diagnostic, Severity, Tally};
use crate::fields::{self, FieldProblem};
use crate::model::{Action, Assignee, Bot, Card, DueIn, Located, MidCall, Notify};
use crate::outcome::{Direction, Outcome};
use crate::product::{
    self, ActionType, Channel, LockedAction, MidCallOption, NotifyAccess, OptOutRole, OptionValue,
    OutcomeRules, PlaceholderProblem, TextField, UserAction, rules_for,
};
use crate::rules::Rule;
use crate::values::{self, PlaceholderToken, did_you_mean};
use crate::yaml::{self, Node, Pos, Value};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// Length limits, in characters (spec section 3).
pub const NAME_MAX: usize = 100;
pub const CRITERIA_MAX: usize = 2000;
pub const WRAP_UP_MAX: usize = 500;
pub const NOTE_MAX: usize = 2000;
pub const TITLE_MAX: usize = 120;
pub const TAG_MAX: usize = 50;
pub const RECIPIENTS_MAX: usize = 10;

/// The keys each mapping of the format defines.
pub const ROOT_KEYS: [&str; 4] = ["version", "bot", "outcomes", "messaging"];
pub const BOT_KEYS: [&str; 2] = ["name", "direction"];
pub const CARD_KEYS: [&str; 4] = ["analysis_criteria", "mid_call", "actions", "notify"];
pub const NOTIFY_KEYS: [&str; 3] = ["owner", "emails", "phones"];
/// The keys of a messaging card (spec section 17).
pub const MESSAGING_CARD_KEYS: [&str; 2] = ["actions", "notify"];

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

/// [`findings`] and the fix of each (`validate`'s report: [`crate::fix::report_fixes`]),
/// computed on the tree the findings were found on, so a file with findings is not read again.
pub fn findings_and_fixes(
    bytes: &[u8],
    settings: &Settings,
) -> (Vec<Diagnostic>, Vec<Option<crate::fix::Fix>>) {
    let (diagnostics, fixes) = findings_then(bytes, settings, |text, root, diagnostics| {
        crate::fix::report_fixes_for_tree(text, root, settings, diagnostics)
    });
    let fixes = fixes.unwrap_or_else(|| vec![None; diagnostics.len()]);
    (diagnostics, fixes)
}

/// [`findings`] and [`crate::fix::fixes`] of each (the language server's quick fixes),
/// computed on the tree the findings were found on, so a file with findings is read once.
pub fn findings_and_tree_fixes(
    bytes: &[u8],
    settings: &Settings,
) -> (Vec<Diagnostic>, Vec<Option<crate::fix::Fix>>) {
    let (diagnostics, fixes) = findings_then(bytes, settings, crate::fix::fixes_for_tree);
    let fixes = fixes.unwrap_or_else(|| vec![None; diagnostics.len()]);
    (diagnostics, fixes)
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
        diags: Vec::new(),
        policy: &settings.policy,
        source: "",
        direction: None,
        channel: Channel::Call,
        sms_card: None,
    };
    walker.root(&root);
    if walker
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
        Ok(root) => check_read(source, &root, settings, direction),
        Err(e) => syntax_failure(e.pos, e.message),
    }
}

/// Checks a file already read into its positioned tree (by [`yaml::read`], [`yaml::parse`] or
/// [`yaml::parse_plain`]) from `source`: every finding at its effective severity, in file
/// order, and the model when there is no error.
pub fn check_tree(source: &str, root: &Node<'_>, settings: &Settings) -> Checked {
    check_read(source, root, settings, None)
}

fn check_read(
    source: &str,
    root: &Node<'_>,
    settings: &Settings,
    direction: Option<Direction>,
) -> Checked {
    let mut walker = Walker {
        diags: Vec::new(),
        policy: &settings.policy,
        source,
        direction,
        channel: Channel::Call,
        sms_card: None,
    };
    let partial = walker.root(root);
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

/// What the walk could build, whatever the errors.
struct PartialBot {
    name: Option<String>,
    direction: Option<Direction>,
    cards: BTreeMap<Outcome, Card>,
    messaging: Option<BTreeMap<Outcome, Card>>,
}

/// A mapping entry whose key is a scalar: (key text, key node, value node).
type Entry<'n> = (Cow<'n, str>, &'n Node<'n>, &'n Node<'n>);

/// Where in the file a message is about; formatted only when a finding is reported.
#[derive(Clone, Copy, Debug)]
enum Ctx {
    TopLevel,
    File,
    Bot,
    Outcomes,
    Messaging,
    /// A messaging card as a value: "the SMS `not-interested` card".
    SmsCardValue(Outcome),
    /// A messaging card's keys: "messaging card `not-interested`".
    SmsCard(Outcome),
    /// A messaging card's `notify`.
    SmsNotify,
    /// The card as a value: "the `opt-out` card".
    CardValue(Outcome),
    /// The card's keys: "outcome card `opt-out`".
    Card(Outcome),
    MidCall,
    Notify,
    AnAction,
    User(UserAction),
    Locked(LockedAction),
}

impl fmt::Display for Ctx {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ctx::TopLevel => f.write_str("the top level"),
            Ctx::File => f.write_str("the file"),
            Ctx::Bot => f.write_str("`bot`"),
            Ctx::Outcomes => f.write_str("`outcomes`"),
            Ctx::Messaging => f.write_str("`messaging`"),
            Ctx::SmsCardValue(o) => write!(f, "the SMS `{o}` card"),
            Ctx::SmsCard(o) => write!(f, "messaging card `{o}`"),
            Ctx::SmsNotify => f.write_str("the `notify` of a messaging card"),
            Ctx::CardValue(o) => write!(f, "the `{o}` card"),
            Ctx::Card(o) => write!(f, "outcome card `{o}`"),
            Ctx::MidCall => f.write_str("`mid_call`"),
            Ctx::Notify => f.write_str("`notify`"),
            Ctx::AnAction => f.write_str("an action"),
            Ctx::User(u) => write!(f, "a `{}` action", u.as_str()),
            Ctx::Locked(l) => write!(f, "locked action `{}`", l.as_str()),
        }
    }
}

fn get<'n>(entries: &[Entry<'n>], name: &str) -> Option<(&'n Node<'n>, &'n Node<'n>)> {
    entries
        .iter()
        .find(|(k, _, _)| k == name)
        .map(|(_, k, v)| (*k, *v))
}

fn quote_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items
        .into_iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

struct Walker<'a> {
    diags: Vec<Diagnostic>,
    policy: &'a Policy,
    /// The file's text, to point inside a string (empty when positions are not wanted).
    source: &'a str,
    /// A direction that overrides the file's (`simulate --direction`).
    direction: Option<Direction>,
    /// The section being walked: `outcomes` (call) or `messaging` (SMS).
    channel: Channel,
    /// The messaging card being walked: its findings name it when their message doesn't.
    sms_card: Option<Outcome>,
}

impl Walker<'_> {
    /// The row of the product table for `outcome` in the section being walked.
    fn rules(&self, outcome: Outcome) -> &'static OutcomeRules {
        product::rules_on(self.channel, outcome).unwrap_or_else(|| rules_for(outcome))
    }

    /// The outcome as messages name it: `opt-out` on a call card, `SMS not-interested` on a
    /// messaging card.
    fn on(&self, outcome: Outcome) -> String {
        match self.channel {
            Channel::Call => outcome.tag().to_owned(),
            Channel::Sms => format!("SMS {outcome}"),
        }
    }

    fn push(&mut self, rule: Rule, pos: Pos, message: impl Into<String>, help: Option<String>) {
        let mut message = message.into();
        if let Some(o) = self.sms_card
            && !message.contains("SMS")
            && !message.contains("messaging")
        {
            message.push_str(&format!(" (messaging card `{o}`)"));
        }
        let mut d = Diagnostic::new(rule, pos, message);
        d.help = help;
        self.diags.push(d);
    }

    fn invalid(&mut self, pos: Pos, message: impl Into<String>, help: Option<String>) {
        self.push(Rule::InvalidValue, pos, message, help);
    }

    /// A field check's problem with the value of `key`, worded by [`fields::messages`].
    fn field_problem(&mut self, pos: Pos, problem: &FieldProblem, key: &str, value: &str) {
        let found = fields::messages::finding(problem, key, value);
        self.push(problem.rule(), pos, found.message, found.help);
    }

    // ---- mappings and keys ----

    /// The entries of a mapping, duplicates and non-scalar keys reported and dropped. A null
    /// value counts as an empty mapping; anything else is reported and gives `None`.
    fn mapping<'n>(&mut self, value: &'n Node<'n>, what: Ctx) -> Option<Vec<Entry<'n>>> {
        match &value.value {
            Value::Map(entries) => Some(self.dedup(entries, what)),
            Value::Null => Some(Vec::new()),
            other => {
                self.invalid(
                    value.pos,
                    format!("{what} must be a mapping, found {}", other.kind()),
                    None,
                );
                None
            }
        }
    }

    fn dedup<'n>(&mut self, entries: &'n [(Node<'n>, Node<'n>)], what: Ctx) -> Vec<Entry<'n>> {
        // Mappings in a bot file are small: a linear scan beats hashing. A hostile mapping
        // with thousands of keys is indexed instead, so the cost stays linear.
        let mut index: Option<HashMap<Cow<'n, str>, usize>> =
            (entries.len() > 32).then(|| HashMap::with_capacity(entries.len()));
        let mut out: Vec<Entry<'n>> = Vec::with_capacity(entries.len());
        for (k, v) in entries {
            let text: Cow<'n, str> = match &k.value {
                Value::Str(s) => Cow::Borrowed(s),
                other => match other.scalar_text() {
                    Some(t) => Cow::Owned(t),
                    None => {
                        self.push(
                            Rule::UnknownField,
                            k.pos,
                            format!("{} can't be a key in {what}", k.value.kind()),
                            Some("keys in a bot file are plain names such as `notify`".to_owned()),
                        );
                        continue;
                    }
                },
            };
            let earlier = match &index {
                Some(index) => index.get(&text).and_then(|&i| out.get(i)),
                None => out.iter().find(|(seen, _, _)| *seen == text),
            };
            if let Some((_, first, _)) = earlier {
                let line = first.pos.line;
                self.push(
                    Rule::DuplicateKey,
                    k.pos,
                    format!("`{text}` is repeated in {what}"),
                    Some(format!(
                        "it is first written on line {line}; keep one of the two"
                    )),
                );
                continue;
            }
            if let Some(index) = &mut index {
                index.insert(text.clone(), out.len());
            }
            out.push((text, k, v));
        }
        out
    }

    /// Reports keys outside `known` and returns the entries that are known.
    fn known<'n>(
        &mut self,
        mut entries: Vec<Entry<'n>>,
        known: &[&str],
        what: Ctx,
        unknown_help: Option<&str>,
    ) -> Vec<Entry<'n>> {
        entries.retain(|entry| {
            let is_known = known.contains(&entry.0.as_ref());
            if !is_known {
                self.unknown_field(&entry.0, entry.1, known, what, unknown_help);
            }
            is_known
        });
        entries
    }

    fn unknown_field(
        &mut self,
        text: &str,
        key: &Node,
        known: &[&str],
        what: Ctx,
        unknown_help: Option<&str>,
    ) {
        let help = if text == "<<" {
            "merge keys (`<<`) are not part of the format: write the keys out".to_owned()
        } else if let Some(s) = did_you_mean(text, known.iter().copied()) {
            format!("did you mean `{s}`?")
        } else if let Some(h) = unknown_help {
            h.to_owned()
        } else {
            format!("the keys here are {}", quote_list(known.iter().copied()))
        };
        self.push(
            Rule::UnknownField,
            key.pos,
            format!("unknown field `{text}` in {what}"),
            Some(help),
        );
    }

    /// A required field, or a finding at `parent` naming what is missing.
    fn required<'n>(
        &mut self,
        entries: &[Entry<'n>],
        name: &str,
        parent: Pos,
        what: Ctx,
        help: Option<String>,
    ) -> Option<(&'n Node<'n>, &'n Node<'n>)> {
        let found = get(entries, name);
        if found.is_none() {
            self.invalid(parent, format!("{what} is missing `{name}`"), help);
        }
        found
    }

    // ---- scalars ----

    fn string(&mut self, key: &Node, name: &str, value: &Node, max: usize) -> Option<String> {
        match &value.value {
            Value::Str(s) => match fields::text(s, max) {
                Ok(()) => Some(s.to_string()),
                Err(problem) => {
                    self.field_problem(value.pos, &problem, name, s);
                    None
                }
            },
            Value::Null => {
                self.invalid(key.pos, format!("`{name}` has no value"), None);
                None
            }
            other => {
                let help = value
                    .value
                    .scalar_text()
                    .map(|t| format!("quote it to make it a string: `{name}: \"{t}\"`"));
                self.invalid(
                    value.pos,
                    format!("`{name}` must be a string, found {}", other.kind()),
                    help,
                );
                None
            }
        }
    }

    fn boolean(&mut self, key: &Node, name: &str, value: &Node) -> Option<bool> {
        match &value.value {
            Value::Bool(b) => Some(*b),
            Value::Null => {
                self.invalid(
                    key.pos,
                    format!("`{name}` has no value"),
                    Some("write `true` or `false`".to_owned()),
                );
                None
            }
            other => {
                let help = match other {
                    Value::Str(s)
                        if ["yes", "no", "on", "off", "y", "n", "true", "false"]
                            .contains(&s.to_lowercase().as_str()) =>
                    {
                        format!(
                            "YAML 1.2 booleans are exactly `true` and `false`; `{s}` is a string"
                        )
                    }
                    _ => "write `true` or `false`".to_owned(),
                };
                self.invalid(
                    value.pos,
                    format!("`{name}` must be `true` or `false`, found {}", other.kind()),
                    Some(help),
                );
                None
            }
        }
    }

    fn list<'n>(&mut self, name: &str, value: &'n Node<'n>, help: &str) -> &'n [Node<'n>] {
        match &value.value {
            Value::Seq(items) => items,
            Value::Null => &[],
            other => {
                self.invalid(
                    value.pos,
                    format!("`{name}` must be a list, found {}", other.kind()),
                    Some(help.to_owned()),
                );
                &[]
            }
        }
    }

    fn placeholders(&mut self, value: &Node, text: &str, outcome: Outcome, field: TextField) {
        let tokens = values::scan_placeholders(text);
        if tokens.is_empty() {
            return;
        }
        // Each finding points at its placeholder as written; when the written tokens don't
        // match the read ones (braces written as escapes), at the string. Where they are
        // written is looked up (a scan of the source) only for a placeholder with a finding.
        let source = self.source;
        let mut written: Option<Option<Vec<(PlaceholderToken, Pos)>>> = None;
        let mut pos_of = |i: usize, tokens: &[PlaceholderToken]| -> Pos {
            let written = written.get_or_insert_with(|| {
                if source.is_empty() {
                    return None;
                }
                crate::scalar_span::placeholder_positions(source, value.pos).filter(|w| {
                    w.len() == tokens.len()
                        && w.iter().zip(tokens).all(|((a, _), b)| {
                            matches!(
                                (a, b),
                                (PlaceholderToken::Unbalanced, PlaceholderToken::Unbalanced)
                                    | (PlaceholderToken::Name(_), PlaceholderToken::Name(_))
                            )
                        })
                })
            });
            written
                .as_ref()
                .and_then(|w| w.get(i))
                .map_or(value.pos, |(_, p)| *p)
        };
        for (i, token) in tokens.iter().enumerate() {
            match token {
                PlaceholderToken::Unbalanced => self.push(
                    Rule::UnknownPlaceholder,
                    pos_of(i, &tokens),
                    format!("unbalanced braces in {}", field.describe()),
                    Some(
                        "placeholders are written `{{ name }}`, with two braces on each side"
                            .to_owned(),
                    ),
                ),
                PlaceholderToken::Name(name) => {
                    let name = name.as_str();
                    let rules = self.rules(outcome);
                    let Err(problem) = product::check_placeholder_in(rules, name, field) else {
                        continue;
                    };
                    let available = product::placeholders_available_in(rules, field);
                    let on = self.on(outcome);
                    let message = match problem {
                        PlaceholderProblem::Unknown => {
                            format!("unknown placeholder `{{{{ {name} }}}}`")
                        }
                        PlaceholderProblem::NotInField => format!(
                            "placeholder `{{{{ {name} }}}}` in {}, which SAMI reads and never fills in",
                            field.describe()
                        ),
                        PlaceholderProblem::NotOnOutcome => {
                            format!("placeholder `{{{{ {name} }}}}` doesn't exist on {on}")
                        }
                        PlaceholderProblem::NotOnChannel => format!(
                            "placeholder `{{{{ {name} }}}}` doesn't exist on {on}: a text conversation has no call"
                        ),
                        PlaceholderProblem::NotSpoken => format!(
                            "placeholder `{{{{ {name} }}}}` doesn't exist in {}, which SAMI speaks during the call",
                            field.describe()
                        ),
                    };
                    let help = match problem {
                        PlaceholderProblem::NotInField => {
                            "write the criteria in plain words, without `{{ }}`".to_owned()
                        }
                        PlaceholderProblem::NotOnOutcome => format!(
                            "`requested_time` exists only on {}",
                            product::tag_list(
                                &product::requested_time_outcomes(self.channel),
                                " and "
                            )
                        ),
                        PlaceholderProblem::NotOnChannel => format!(
                            "messaging cards have no `call.*` placeholders; available here: {}",
                            quote_list(available.iter().copied())
                        ),
                        _ => match did_you_mean(name, available.iter().copied()) {
                            Some(s) if s != name => format!("did you mean `{{{{ {s} }}}}`?"),
                            _ => {
                                format!("available here: {}", quote_list(available.iter().copied()))
                            }
                        },
                    };
                    let pos = pos_of(i, &tokens);
                    self.push(Rule::UnknownPlaceholder, pos, message, Some(help));
                }
            }
        }
    }

    // ---- the file ----

    fn root(&mut self, root: &Node) -> PartialBot {
        let mut partial = PartialBot {
            name: None,
            direction: None,
            cards: BTreeMap::new(),
            messaging: None,
        };
        let Value::Map(raw) = &root.value else {
            self.invalid(
                root.pos,
                format!(
                    "a bot file must be a mapping with `version`, `bot` and `outcomes`, found {}",
                    root.value.kind()
                ),
                None,
            );
            return partial;
        };
        let entries = self.dedup(raw, Ctx::TopLevel);
        let entries = self.known(entries, &ROOT_KEYS, Ctx::TopLevel, None);

        if let Some((_, v)) = self.required(
            &entries,
            "version",
            Pos::START,
            Ctx::File,
            Some("add `version: 1` as the first line".to_owned()),
        ) {
            match &v.value {
                Value::Int(1) => {}
                Value::Int(n) => self.invalid(
                    v.pos,
                    format!("version {n} doesn't exist; the only format version is 1"),
                    Some("write `version: 1`".to_owned()),
                ),
                other => self.invalid(
                    v.pos,
                    format!("`version` must be the integer 1, found {}", other.kind()),
                    Some("write `version: 1`".to_owned()),
                ),
            }
        }

        if let Some((k, v)) = self.required(
            &entries,
            "bot",
            Pos::START,
            Ctx::File,
            Some("add a `bot:` mapping with `name` and `direction`".to_owned()),
        ) {
            self.bot_header(k, v, &mut partial);
            if partial.direction.is_some() && self.direction.is_some() {
                partial.direction = self.direction;
            }
        }

        match get(&entries, "outcomes") {
            Some((k, v)) => {
                if let Some(cards) = self.mapping(v, Ctx::Outcomes) {
                    self.outcomes(k, &cards, partial.direction, &mut partial.cards);
                }
            }
            None => {
                for outcome in Outcome::ALL {
                    self.outcome_missing(Pos::START, outcome);
                }
                self.policy_violations(Pos::START, &BTreeMap::new(), &BTreeMap::new());
            }
        }

        match get(&entries, "messaging") {
            Some((k, v)) => {
                if let Some(cards) = self.mapping(v, Ctx::Messaging) {
                    self.channel = Channel::Sms;
                    let mut messaging = BTreeMap::new();
                    self.messaging(k, &cards, partial.direction, &mut messaging);
                    self.channel = Channel::Call;
                    partial.messaging = Some(messaging);
                }
            }
            // `[policy.messaging.TAG]` requirements of a file without the section point at
            // line 1.
            None => self.sms_policy_violations(Pos::START, &BTreeMap::new(), &BTreeMap::new()),
        }
        partial
    }

    fn bot_header(&mut self, key: &Node, value: &Node, partial: &mut PartialBot) {
        let Some(entries) = self.mapping(value, Ctx::Bot) else {
            return;
        };
        let entries = self.known(entries, &BOT_KEYS, Ctx::Bot, None);
        if let Some((k, v)) = self.required(&entries, "name", key.pos, Ctx::Bot, None) {
            partial.name = self.string(k, "name", v, NAME_MAX);
        }
        let directions = quote_list(Direction::ALL.map(Direction::as_str));
        if let Some((k, v)) = self.required(
            &entries,
            "direction",
            key.pos,
            Ctx::Bot,
            Some(format!("add `direction:`, one of {directions}")),
        ) {
            match &v.value {
                Value::Str(s) => match Direction::parse(s) {
                    Some(d) => partial.direction = Some(d),
                    None => {
                        let help = match did_you_mean(s, Direction::ALL.map(Direction::as_str)) {
                            Some(d) => {
                                format!("did you mean `{d}`? The directions are {directions}")
                            }
                            None => format!("the directions are {directions}"),
                        };
                        self.invalid(v.pos, format!("unknown direction `{s}`"), Some(help));
                    }
                },
                Value::Null => self.invalid(
                    k.pos,
                    "`direction` has no value",
                    Some(format!("one of {directions}")),
                ),
                other => self.invalid(
                    v.pos,
                    format!("`direction` must be a string, found {}", other.kind()),
                    Some(format!("one of {directions}")),
                ),
            }
        }
    }

    fn outcome_missing(&mut self, pos: Pos, outcome: Outcome) {
        self.push(
            Rule::OutcomeMissing,
            pos,
            format!("`{outcome}` has no card: only its locked actions will run"),
            Some(match crate::init::preset_summary(outcome) {
                None => format!(
                    "SAMI's preset {outcome} card adds no action of its own: write `{outcome}: {{}}` to say only the locked actions are intended"
                ),
                Some(summary) if crate::init::preset_card(outcome).len() <= 30 => format!(
                    "SAMI's preset {outcome} card {summary}: write `{outcome}: {}`",
                    crate::init::preset_card(outcome)
                ),
                Some(summary) => format!(
                    "SAMI's preset {outcome} card {summary}: write it (`samictl init` writes every preset card), or `{outcome}: {{}}` for locked actions only"
                ),
            }),
        );
    }

    /// The `messaging` section (spec section 17): the five SMS cards.
    fn messaging(
        &mut self,
        key: &Node,
        entries: &[Entry<'_>],
        direction: Option<Direction>,
        cards: &mut BTreeMap<Outcome, Card>,
    ) {
        let tags: Vec<&str> = Channel::Sms.outcomes().iter().map(|o| o.tag()).collect();
        let mut keys: BTreeMap<Outcome, (Pos, bool)> = BTreeMap::new();
        for (text, k, v) in entries {
            if text == "<<" {
                self.unknown_field(text, k, &[], Ctx::Messaging, None);
                continue;
            }
            match Outcome::from_tag(text).filter(|o| Channel::Sms.has(*o)) {
                Some(outcome) => {
                    let errors = self.error_count();
                    self.sms_card = Some(outcome);
                    let card = self.card(outcome, k, v, direction);
                    self.sms_card = None;
                    keys.insert(outcome, (k.pos, self.error_count() > errors));
                    cards.insert(outcome, card);
                }
                None => {
                    let help = match Outcome::from_tag(text) {
                        Some(o) => format!(
                            "{}; the messaging outcomes are {}",
                            product::no_card_reason(Channel::Sms, o),
                            quote_list(tags.iter().copied())
                        ),
                        None => match did_you_mean(text, tags.iter().copied()) {
                            Some(t) => format!("did you mean `{t}`?"),
                            None => format!(
                                "the messaging outcomes are {}",
                                quote_list(tags.iter().copied())
                            ),
                        },
                    };
                    self.push(
                        Rule::UnknownOutcome,
                        k.pos,
                        format!("unknown messaging outcome `{text}`"),
                        Some(help),
                    );
                }
            }
        }
        for outcome in Channel::Sms.outcomes() {
            if !cards.contains_key(&outcome) {
                self.push(
                    Rule::OutcomeMissing,
                    key.pos,
                    format!(
                        "messaging has no `{outcome}` card: only SAMI's system steps will run when a text conversation lands there"
                    ),
                    Some(format!(
                        "SAMI publishes no preset messaging card: write `{outcome}: {{}}` under `messaging` to say only the system steps are intended"
                    )),
                );
            }
        }
        self.sms_policy_violations(key.pos, &keys, cards);
    }

    /// Rule `policy-violation` for `[policy.messaging.TAG]`: as [`Walker::policy_violations`],
    /// at the messaging card's key, or at `messaging` (line 1 without it) for a missing card.
    fn sms_policy_violations(
        &mut self,
        messaging: Pos,
        keys: &BTreeMap<Outcome, (Pos, bool)>,
        cards: &BTreeMap<Outcome, Card>,
    ) {
        for (outcome, items) in &self.policy.messaging {
            let (pos, card) = match keys.get(outcome) {
                Some((_, true)) => continue,
                Some((pos, false)) => (*pos, cards.get(outcome)),
                None => (messaging, None),
            };
            for v in crate::policy::check_card_on(Channel::Sms, *outcome, items, card) {
                self.diags
                    .push(Diagnostic::new(Rule::PolicyViolation, pos, v.message).with_help(v.help));
            }
        }
    }

    fn outcomes(
        &mut self,
        key: &Node,
        entries: &[Entry<'_>],
        direction: Option<Direction>,
        cards: &mut BTreeMap<Outcome, Card>,
    ) {
        // Where each card's key is, and whether the card has errors of its own.
        let mut keys: BTreeMap<Outcome, (Pos, bool)> = BTreeMap::new();
        for (text, k, v) in entries {
            if text == "<<" {
                self.unknown_field(text, k, &[], Ctx::Outcomes, None);
                continue;
            }
            match Outcome::from_tag(text) {
                Some(outcome) => {
                    let errors = self.error_count();
                    let card = self.card(outcome, k, v, direction);
                    keys.insert(outcome, (k.pos, self.error_count() > errors));
                    cards.insert(outcome, card);
                }
                None => {
                    let help = match did_you_mean(text, Outcome::tags()) {
                        Some(t) => format!("did you mean `{t}`?"),
                        None => format!("the outcome tags are {}", quote_list(Outcome::tags())),
                    };
                    self.push(
                        Rule::UnknownOutcome,
                        k.pos,
                        format!("unknown outcome `{text}`"),
                        Some(help),
                    );
                }
            }
        }
        for outcome in Outcome::ALL {
            if !cards.contains_key(&outcome) {
                self.outcome_missing(key.pos, outcome);
            }
        }
        self.policy_violations(key.pos, &keys, cards);
    }

    fn error_count(&self) -> usize {
        self.diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Rule `policy-violation` (spec section 15): each `[policy.outcomes.TAG]` key a card
    /// breaks, at the card's key, or at `outcomes` (line 1 when there is none) for a missing
    /// card. A card with errors of its own is not checked: what it does isn't known yet.
    fn policy_violations(
        &mut self,
        outcomes: Pos,
        keys: &BTreeMap<Outcome, (Pos, bool)>,
        cards: &BTreeMap<Outcome, Card>,
    ) {
        for (outcome, items) in &self.policy.outcomes {
            let (pos, card) = match keys.get(outcome) {
                Some((_, true)) => continue,
                Some((pos, false)) => (*pos, cards.get(outcome)),
                None => (outcomes, None),
            };
            for v in crate::policy::check_card(*outcome, items, card) {
                self.diags
                    .push(Diagnostic::new(Rule::PolicyViolation, pos, v.message).with_help(v.help));
            }
        }
    }

    // ---- a card ----

    fn card(
        &mut self,
        outcome: Outcome,
        key: &Node,
        value: &Node,
        direction: Option<Direction>,
    ) -> Card {
        let rules = self.rules(outcome);
        let mut card = Card {
            line: key.pos.line,
            ..Card::default()
        };
        let sms = self.channel == Channel::Sms;
        let (what, value_what) = if sms {
            (Ctx::SmsCard(outcome), Ctx::SmsCardValue(outcome))
        } else {
            (Ctx::Card(outcome), Ctx::CardValue(outcome))
        };
        let Some(entries) = self.mapping(value, value_what) else {
            return card;
        };
        let entries = if sms {
            self.known(
                entries,
                &MESSAGING_CARD_KEYS,
                what,
                Some(
                    "a messaging card takes only `actions` (tags and tasks) and `notify` (`owner`): \
                     SAMI reads the text thread itself, so there is no `analysis_criteria` and no `mid_call`",
                ),
            )
        } else {
            self.known(entries, &CARD_KEYS, what, None)
        };
        let mut wrote_task = false;
        let mut notifies = false;

        if let Some((k, v)) = get(&entries, "analysis_criteria") {
            if rules.takes_criteria {
                card.analysis_criteria = self.string(k, "analysis_criteria", v, CRITERIA_MAX);
                if let Some(text) = &card.analysis_criteria {
                    self.placeholders(v, text, outcome, TextField::AnalysisCriteria);
                    if rules.opt_out != OptOutRole::LandsHere {
                        self.criteria_catches_opt_out(v, text, outcome);
                    }
                }
            } else {
                self.push(
                    Rule::OptionNotAllowed,
                    k.pos,
                    format!("`analysis_criteria` is not allowed on {outcome}"),
                    Some(
                        "transfer outcomes are detected from the transfer call events, so they take no analysis criteria"
                            .to_owned(),
                    ),
                );
            }
        }
        if let Some((_, v)) = get(&entries, "mid_call") {
            card.mid_call = self.mid_call(outcome, v);
        }
        if let Some((_, v)) = get(&entries, "actions") {
            let (actions, task) = self.actions(outcome, v, direction);
            card.actions = actions;
            wrote_task = task;
        }
        if let Some((k, v)) = get(&entries, "notify") {
            if rules.notify.is_allowed() {
                let (notify, anyone) = self.notify(k, v, rules.notify);
                card.notify = notify;
                notifies = anyone;
            } else {
                let why = rules.notify.refusal().unwrap_or_default();
                self.push(
                    Rule::NotifyNotAllowed,
                    k.pos,
                    format!("`notify` is not allowed on {outcome}"),
                    Some(format!("{why}; remove the `notify` block")),
                );
            }
        }

        // The follow-up warnings are about calls: on a text thread SAMI's own pause and system
        // note stand in for them *(decided)*.
        let nobody = !wrote_task && !notifies && !sms;
        if nobody && let Some(warning) = rules.follow_up {
            self.push(
                warning.rule,
                key.pos,
                format!(
                    "{outcome} has no task and no notification: nobody {}",
                    warning.nobody
                ),
                Some(
                    "add a `task` action or a `notify` block (for example `owner: true`)"
                        .to_owned(),
                ),
            );
        }
        card
    }

    /// Criteria of an outcome other than opt-out that would catch a request to stop contact.
    fn criteria_catches_opt_out(&mut self, value: &Node, text: &str, outcome: Outcome) {
        let phrases = crate::opt_out::opt_out_phrases(text);
        let Some(first) = phrases.first() else {
            return;
        };
        let quoted: Vec<String> = phrases.iter().map(|p| format!("\"{}\"", p.text)).collect();
        self.push(
            Rule::CriteriaCatchesOptOut,
            value.pos,
            format!(
                "the analysis criteria of {outcome} would catch a request to stop contact ({})",
                quoted.join(", ")
            ),
            Some(format!(
                "such a call must land on {}, whose locked do-not-contact honours it (TCPA): \
                 take \"{}\" out of these criteria, or exclude it (\"no explicit request to stop calling\")",
                product::tag_list(&product::opt_out_outcomes(Channel::Call), " and "),
                first.text
            )),
        );
    }

    fn mid_call(&mut self, outcome: Outcome, value: &Node) -> MidCall {
        let mut mid_call = MidCall::default();
        let Some(entries) = self.mapping(value, Ctx::MidCall) else {
            return mid_call;
        };
        let all_keys = MidCallOption::ALL.map(MidCallOption::key);
        let entries = self.known(entries, &all_keys, Ctx::MidCall, None);
        let rules = rules_for(outcome);
        for (text, k, v) in &entries {
            let Some(option) = MidCallOption::parse(text) else {
                continue;
            };
            if !rules.mid_call.contains(&option) {
                let homes: Vec<&str> = option.outcomes().into_iter().map(Outcome::tag).collect();
                self.push(
                    Rule::OptionNotAllowed,
                    k.pos,
                    format!("mid-call option `{text}` is not allowed on {outcome}"),
                    Some(format!("`{text}` belongs to {}", homes.join(" and "))),
                );
                continue;
            }
            match option {
                MidCallOption::WrapUp => {
                    mid_call.wrap_up = self.string(k, "wrap_up", v, WRAP_UP_MAX);
                    if let Some(text) = &mid_call.wrap_up {
                        self.placeholders(v, text, outcome, TextField::WrapUp);
                    }
                }
                MidCallOption::MaxObjections => {
                    let OptionValue::Count { range, preset } = option.value() else {
                        continue;
                    };
                    match &v.value {
                        Value::Int(n) if range.contains(n) => {
                            mid_call.max_objections = u8::try_from(*n).ok();
                        }
                        Value::Int(n) => self.invalid(
                            v.pos,
                            format!(
                                "`max_objections` is {n}; it must be from {} to {}",
                                range.start(),
                                range.end()
                            ),
                            Some(format!("SAMI's preset is {preset}")),
                        ),
                        Value::Null => self.invalid(k.pos, "`max_objections` has no value", None),
                        other => self.invalid(
                            v.pos,
                            format!(
                                "`max_objections` must be a whole number from {} to {}, found {}",
                                range.start(),
                                range.end(),
                                other.kind()
                            ),
                            None,
                        ),
                    }
                }
                MidCallOption::ConfirmTime => {
                    mid_call.confirm_time = self.boolean(k, "confirm_time", v);
                }
            }
        }
        mid_call
    }

    /// The card's actions, and whether it writes a `task` (for the follow-up warnings).
    fn actions(
        &mut self,
        outcome: Outcome,
        value: &Node,
        direction: Option<Direction>,
    ) -> (Vec<Located<Action>>, bool) {
        let items = self.list("actions", value, "write each action as `- type: ...`");
        let mut actions: Vec<Located<Action>> = Vec::new();
        let mut item_pos: Vec<Pos> = Vec::new();
        let mut wrote_task = false;
        for item in items {
            let Value::Map(raw) = &item.value else {
                let help = match &item.value {
                    Value::Str(s) if ActionType::parse(s).is_some() => {
                        format!("write `- type: {s}`")
                    }
                    _ => "write each action as a mapping, like `- type: note`".to_owned(),
                };
                self.invalid(
                    item.pos,
                    format!(
                        "an action must be a mapping with a `type`, found {}",
                        item.value.kind()
                    ),
                    Some(help),
                );
                continue;
            };
            let entries = self.dedup(raw, Ctx::AnAction);
            let Some((_, type_node)) = get(&entries, "type") else {
                self.invalid(
                    item.pos,
                    "this action has no `type`",
                    Some(format!(
                        "the action types on {} are {}",
                        self.on(outcome),
                        allowed_types(self.rules(outcome), direction)
                    )),
                );
                continue;
            };
            let type_name = match &type_node.value {
                Value::Str(s) => s.as_ref(),
                other => {
                    self.invalid(
                        type_node.pos,
                        format!(
                            "an action's `type` must be a string, found {}",
                            other.kind()
                        ),
                        None,
                    );
                    continue;
                }
            };
            let Some(action_type) = ActionType::parse(type_name) else {
                let help = match did_you_mean(type_name, ActionType::all_names()) {
                    Some(t) => format!("did you mean `{t}`?"),
                    None => format!(
                        "the action types are {}",
                        quote_list(ActionType::all_names())
                    ),
                };
                self.invalid(
                    type_node.pos,
                    format!("unknown action type `{type_name}`"),
                    Some(help),
                );
                continue;
            };
            if action_type == ActionType::User(UserAction::Task) {
                wrote_task = true;
            }
            let action = match action_type {
                ActionType::User(user) => {
                    self.user_action(outcome, user, type_node, item.pos, &entries)
                }
                ActionType::Locked(lock) if self.channel == Channel::Sms => {
                    let steps: Vec<&str> = self
                        .rules(outcome)
                        .system_steps
                        .iter()
                        .map(|s| s.as_str())
                        .collect();
                    self.push(
                        Rule::ActionNotAllowed,
                        type_node.pos,
                        format!(
                            "locked action `{}` can't be written on {}",
                            lock.as_str(),
                            self.on(outcome)
                        ),
                        Some(format!(
                            "SAMI's system steps ({}) always run on a messaging card and are not configurable: remove this line; the actions here are `tag` and `task`",
                            steps.join(", ")
                        )),
                    );
                    None
                }
                ActionType::Locked(lock) => {
                    self.locked_action(outcome, lock, type_node, &entries, direction)
                }
            };
            if let Some(action) = action {
                actions.push(Located {
                    value: action,
                    line: item.pos.line,
                });
                item_pos.push(item.pos);
            }
        }
        // First line of each action, by its sameness key: linear, whatever the card's size.
        let on = match self.channel {
            Channel::Call => String::new(),
            Channel::Sms => format!(" of {}", self.on(outcome)),
        };
        let mut first_seen: HashMap<Action, u32> = HashMap::with_capacity(actions.len());
        for (i, action) in actions.iter().enumerate() {
            let key = action.value.sameness_key();
            if let Some(&first) = first_seen.get(&key) {
                let message = format!(
                    "this `{}` action{on} repeats the one on line {}",
                    action.value.type_name(),
                    first
                );
                self.push(
                    Rule::DuplicateAction,
                    item_pos[i],
                    message,
                    Some("it would run twice; remove one".to_owned()),
                );
            } else {
                first_seen.insert(key, action.line);
            }
        }
        (actions, wrote_task)
    }

    fn user_action(
        &mut self,
        outcome: Outcome,
        user: UserAction,
        type_node: &Node,
        item: Pos,
        entries: &[Entry<'_>],
    ) -> Option<Action> {
        let rules = self.rules(outcome);
        let mut allowed = true;
        if !rules.user_actions.contains(&user) {
            allowed = false;
            let names: Vec<&str> = rules.user_actions.iter().map(|a| a.as_str()).collect();
            let why = match rules.notify.because() {
                _ if rules.channel == Channel::Sms => {
                    " (SAMI writes the conversation's note itself, as a system step)".to_owned()
                }
                Some(because) => format!(" ({because})"),
                None => String::new(),
            };
            let on = self.on(outcome);
            self.push(
                Rule::ActionNotAllowed,
                type_node.pos,
                format!("{on} doesn't allow `{user}` actions", user = user.as_str()),
                Some(format!(
                    "the actions on {on} are {}{why}",
                    quote_list(names)
                )),
            );
        }
        let what = Ctx::User(user);
        let mut known = vec!["type"];
        known.extend_from_slice(user.fields());
        let mut rest = Vec::with_capacity(entries.len());
        for entry in entries {
            if entry.0 == "locked" {
                self.push(
                    Rule::UnknownField,
                    entry.1.pos,
                    format!("unknown field `locked` in {what}"),
                    Some(format!(
                        "`locked` belongs to locked actions only; `{}` is a user action",
                        user.as_str()
                    )),
                );
            } else {
                rest.push(entry.clone());
            }
        }
        let fields = self.known(rest, &known, what, None);
        // A missing field points at its parent: the action item.
        let parent = item;
        let action = match user {
            UserAction::Note => {
                let (k, v) = self.required(&fields, "text", parent, what, None)?;
                let text = self.string(k, "text", v, NOTE_MAX)?;
                self.placeholders(v, &text, outcome, TextField::NoteText);
                Action::Note { text }
            }
            UserAction::Tag => {
                let (k, v) = self.required(&fields, "name", parent, what, None)?;
                let name = self.string(k, "name", v, TAG_MAX)?;
                if let Err(problem) = fields::tag_name(&name) {
                    self.field_problem(v.pos, &problem, "name", &name);
                    return None;
                }
                Action::Tag { name }
            }
            UserAction::Task => self.task(outcome, &fields, parent, what)?,
        };
        allowed.then_some(action)
    }

    fn task(
        &mut self,
        outcome: Outcome,
        fields: &[Entry<'_>],
        parent: Pos,
        what: Ctx,
    ) -> Option<Action> {
        let title = match self.required(fields, "title", parent, what, None) {
            Some((k, v)) => {
                let title = self.string(k, "title", v, TITLE_MAX);
                if let Some(t) = &title {
                    self.placeholders(v, t, outcome, TextField::TaskTitle);
                }
                title
            }
            None => None,
        };
        let mut ok = true;
        let due_in = match get(fields, "due_in") {
            None => None,
            Some((k, v)) => {
                match &v.value {
                    Value::Str(s) if s == "requested-time" => {
                        if self.rules(outcome).requested_time {
                            Some(DueIn::RequestedTime)
                        } else {
                            let on = self.on(outcome);
                            self.push(
                                Rule::OptionNotAllowed,
                                v.pos,
                                format!("`due_in: requested-time` is not allowed on {on}"),
                                Some(format!(
                                    "only {} have a requested time; use a duration such as `4h`",
                                    product::tag_list(
                                        &product::requested_time_outcomes(self.channel),
                                        " and "
                                    )
                                )),
                            );
                            ok = false;
                            None
                        }
                    }
                    Value::Str(s) => match fields::duration(s) {
                        Ok(d) => Some(DueIn::After(d)),
                        Err(problem) => {
                            self.field_problem(v.pos, &problem, "due_in", s);
                            ok = false;
                            None
                        }
                    },
                    Value::Null => {
                        self.invalid(k.pos, "`due_in` has no value", None);
                        ok = false;
                        None
                    }
                    other => {
                        self.invalid(
                        v.pos,
                        format!("`due_in` must be a duration such as `15m`, found {}", other.kind()),
                        Some("a duration is a whole number and `m`, `h` or `d`: `15m`, `4h`, `2d`".to_owned()),
                    );
                        ok = false;
                        None
                    }
                }
            }
        };
        let assignee = match get(fields, "assignee") {
            None => Assignee::Owner,
            Some((k, v)) => match &v.value {
                Value::Str(s) if s == "owner" => Assignee::Owner,
                Value::Str(s) if self.channel == Channel::Sms => {
                    self.invalid(
                        v.pos,
                        format!(
                            "task assignee `{s}` on {}: a messaging task goes to the contact's owner",
                            self.on(outcome)
                        ),
                        Some("write `assignee: owner` or leave it out: messaging cards have no recipients other than the owner".to_owned()),
                    );
                    ok = false;
                    Assignee::Owner
                }
                Value::Str(s) => {
                    if let Err(problem) = fields::email(s) {
                        self.field_problem(v.pos, &problem, "assignee", s);
                        ok = false;
                    } else if !self.policy.allows_email(s) {
                        self.recipient_not_allowed(v.pos, s, true);
                        ok = false;
                    }
                    Assignee::Email(s.to_string())
                }
                _ => {
                    self.string(k, "assignee", v, usize::MAX);
                    ok = false;
                    Assignee::Owner
                }
            },
        };
        let title = title?;
        ok.then_some(Action::Task {
            title,
            due_in,
            assignee,
        })
    }

    fn locked_action(
        &mut self,
        outcome: Outcome,
        lock: LockedAction,
        type_node: &Node,
        entries: &[Entry<'_>],
        direction: Option<Direction>,
    ) -> Option<Action> {
        let fields = self.known(
            entries.to_vec(),
            &["type", "locked"],
            Ctx::Locked(lock),
            Some("a locked action takes only `locked: true`"),
        );
        if let Some((k, v)) = get(&fields, "locked")
            && self.boolean(k, "locked", v) == Some(false)
        {
            self.push(
                Rule::LockedActionDisabled,
                k.pos,
                format!("`{}` is locked and can't be disabled", lock.as_str()),
                Some(format!("{}; remove `locked: false`", lock.reason())),
            );
        }
        let rules = rules_for(outcome);
        let always = lock.outcomes_on_every_bot();
        let mismatch = match lock.misplaced_help() {
            Some(help) if !rules.locks.contains(&lock) => Some((
                format!(
                    "`{}` applies only to {}, not to {outcome}",
                    lock.as_str(),
                    product::tag_list(&always, " and ")
                ),
                help.to_owned(),
            )),
            _ if rules.locks.contains(&lock) => None,
            _ if direction == Some(Direction::Inbound) => Some((
                format!("`{}` doesn't apply to an inbound-only bot", lock.as_str()),
                "inbound-only bots have no enrollment to manage: remove this line, or set `direction: outbound` or `both`".to_owned(),
            )),
            _ if rules.enrollment_lock != Some(lock) => Some((
                format!("`{}` doesn't apply to {outcome}", lock.as_str()),
                match rules.enrollment_lock {
                    Some(own) => format!("the enrollment lock of {outcome} is `{}`", own.as_str()),
                    None => format!("{outcome} has no enrollment lock"),
                },
            )),
            _ => None,
        };
        if let Some((message, help)) = mismatch {
            self.push(
                Rule::LockedActionMismatch,
                type_node.pos,
                message,
                Some(help),
            );
            return None;
        }
        Some(Action::Locked(lock))
    }

    fn recipient_not_allowed(&mut self, pos: Pos, recipient: &str, email: bool) {
        let (what, allowed) = if email {
            (
                "email domains",
                self.policy.email_domains.clone().unwrap_or_default(),
            )
        } else {
            (
                "phone prefixes",
                self.policy.phone_prefixes.clone().unwrap_or_default(),
            )
        };
        let allowed = if allowed.is_empty() {
            "none".to_owned()
        } else {
            quote_list(allowed.iter().map(String::as_str))
        };
        self.push(
            Rule::RecipientNotAllowed,
            pos,
            format!("`{recipient}` is outside the org's allowed {what}"),
            Some(format!("the `[policy]` of samictl.toml allows {allowed}")),
        );
    }

    /// The `notify` block, and whether it notifies anyone (as written, errors or not).
    fn notify(&mut self, key: &Node, value: &Node, access: NotifyAccess) -> (Option<Notify>, bool) {
        let Some(entries) = self.mapping(value, Ctx::Notify) else {
            return (None, true);
        };
        let entries = if access == NotifyAccess::OwnerOnly {
            // `emails` and `phones` are keys this `notify` doesn't define: unknown-field
            // *(decided)*, with the reason.
            self.known(
                entries,
                access.keys(),
                Ctx::SmsNotify,
                Some("a messaging card alerts the contact's owner only (`owner: true`): it has no extra email or phone recipients"),
            )
        } else {
            self.known(entries, &NOTIFY_KEYS, Ctx::Notify, None)
        };
        let mut notify = Notify {
            line: key.pos.line,
            ..Notify::default()
        };
        let mut anyone = false;
        if let Some((k, v)) = get(&entries, "owner") {
            notify.owner = self.boolean(k, "owner", v).unwrap_or(false);
            anyone |= !matches!(v.value, Value::Bool(false) | Value::Null);
        }
        if let Some((_, v)) = get(&entries, "emails") {
            let items = self.list("emails", v, "write `emails: [team-lead@acme-realty.com]`");
            anyone |= !items.is_empty();
            self.too_many(v, "emails", items.len());
            notify.emails = self.recipients(items, "email", |s| s.to_lowercase());
        }
        if let Some((_, v)) = get(&entries, "phones") {
            let items = self.list("phones", v, "write `phones: [\"+15125550142\"]`");
            anyone |= !items.is_empty();
            self.too_many(v, "phones", items.len());
            notify.phones = self.recipients(items, "phone", str::to_owned);
        }
        if !anyone {
            self.push(
                Rule::NotifyEmpty,
                key.pos,
                if access == NotifyAccess::OwnerOnly {
                    "this `notify` block of a messaging card notifies nobody"
                } else {
                    "this `notify` block notifies nobody"
                },
                Some(if access == NotifyAccess::OwnerOnly {
                    "set `owner: true`, or remove the block".to_owned()
                } else {
                    "set `owner: true`, add `emails` or `phones`, or remove the block".to_owned()
                }),
            );
        }
        (Some(notify), anyone)
    }

    fn too_many(&mut self, value: &Node, name: &str, count: usize) {
        if count > RECIPIENTS_MAX {
            self.invalid(
                value.pos,
                format!("`{name}` lists {count} recipients; the limit is {RECIPIENTS_MAX}"),
                None,
            );
        }
    }

    /// Checks a list of notify emails or phones; `fold` gives the form compared for duplicates.
    fn recipients(
        &mut self,
        items: &[Node],
        kind: &str,
        fold: impl Fn(&str) -> String,
    ) -> Vec<Located<String>> {
        let email = kind == "email";
        let mut seen: HashMap<String, u32> = HashMap::new();
        let mut out = Vec::new();
        for item in items {
            let s = match &item.value {
                Value::Str(s) => s,
                Value::Int(n) if !email => {
                    self.invalid(
                        item.pos,
                        format!("phone number {n} must be a quoted string"),
                        Some(format!(
                            "YAML reads an unquoted `+{n}` as a number and drops the `+`: write \"+{n}\""
                        )),
                    );
                    continue;
                }
                other => {
                    self.invalid(
                        item.pos,
                        format!("each {kind} must be a string, found {}", other.kind()),
                        None,
                    );
                    continue;
                }
            };
            let checked = if email {
                fields::email(s)
            } else {
                fields::phone(s)
            };
            if let Err(problem) = checked {
                let key = if email { "emails" } else { "phones" };
                self.field_problem(item.pos, &problem, key, s);
                continue;
            }
            let allowed = if email {
                self.policy.allows_email(s)
            } else {
                self.policy.allows_phone(s)
            };
            if !allowed {
                self.recipient_not_allowed(item.pos, s, email);
            }
            let folded = fold(s);
            if let Some(line) = seen.get(&folded) {
                self.push(
                    Rule::DuplicateRecipient,
                    item.pos,
                    format!("`{s}` is already notified on line {line}"),
                    Some("they would be notified twice; remove one".to_owned()),
                );
                continue;
            }
            seen.insert(folded, item.pos.line);
            out.push(Located {
                value: s.to_string(),
                line: item.pos.line,
            });
        }
        out
    }
}

/// The action types a card may write, for help texts.
fn allowed_types(rules: &OutcomeRules, direction: Option<Direction>) -> String {
    let mut names: Vec<&str> = rules.user_actions.iter().map(|a| a.as_str()).collect();
    if rules.channel == Channel::Call {
        let locks = product::locked_actions(rules.outcome, direction.unwrap_or(Direction::Both));
        names.extend(locks.iter().map(|l| l.as_str()));
    }
    quote_list(names)
}
