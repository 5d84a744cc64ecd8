//! The walk of a file: the walker's state and how it reports a finding, then the root, `bot`
//! and the two sections of cards (`outcomes`, `messaging`) with the org policy's checks of
//! them.

use super::fixes::{EntryRef, FixTarget, Place};
use super::messages::{self, Ctx, Problem};
use super::{BOT_KEYS, NAME_MAX, ROOT_KEYS};
use crate::config::Policy;
use crate::diagnostic::{Diagnostic, Severity};
use crate::fields::{self, FieldProblem};
use crate::model::Card;
use crate::outcome::{Direction, Outcome};
use crate::policy::fix::{Remedy, remedy};
use crate::product::{self, Channel, OutcomeRules, rules_for};
use crate::rules::Rule;
use crate::yaml::{Node, Pos, Value};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// What the walk could build, whatever the errors.
pub(super) struct PartialBot {
    pub(super) name: Option<String>,
    pub(super) direction: Option<Direction>,
    pub(super) cards: BTreeMap<Outcome, Card>,
    pub(super) messaging: Option<BTreeMap<Outcome, Card>>,
}

/// A mapping entry whose key is a scalar: its key's text, key and value, and where it stands
/// (the mapping and its index there), which a fix of a finding about it edits.
#[derive(Clone)]
pub(super) struct Entry<'n> {
    pub(super) text: Cow<'n, str>,
    pub(super) key: &'n Node<'n>,
    pub(super) value: &'n Node<'n>,
    pub(super) map: &'n Node<'n>,
    pub(super) index: usize,
}

impl<'n> Entry<'n> {
    /// The entry as a fix edits it, in a mapping of the kind `place`.
    pub(super) fn at(&self, place: Place) -> EntryRef<'n> {
        EntryRef {
            place,
            map: self.map,
            index: self.index,
        }
    }
}

pub(super) fn get<'n>(entries: &[Entry<'n>], name: &str) -> Option<(&'n Node<'n>, &'n Node<'n>)> {
    get_entry(entries, name).map(|e| (e.key, e.value))
}

/// The entry of `entries` whose key is `name`.
pub(super) fn get_entry<'e, 'n>(entries: &'e [Entry<'n>], name: &str) -> Option<&'e Entry<'n>> {
    entries.iter().find(|e| e.text == name)
}

pub(super) struct Walker<'a, 't> {
    pub(super) diags: Vec<Diagnostic>,
    pub(super) policy: &'a Policy,
    /// The file's text, to point inside a string (empty when positions are not wanted).
    pub(super) source: &'a str,
    /// The index of `source`'s lines, made the first time a position inside the file is looked
    /// up ([`Walker::line_index`]: a token read back, a placeholder or phrase inside a string):
    /// each lookup is then a search, not a scan from the start of the file (issue 32: 18,500
    /// booleans).
    pub(super) lines: std::cell::OnceCell<crate::line_index::LineIndex>,
    /// A direction that overrides the file's (`simulate --direction`).
    pub(super) direction: Option<Direction>,
    /// The section being walked: `outcomes` (call) or `messaging` (SMS).
    pub(super) channel: Channel,
    /// The messaging card being walked: its findings name it when their message doesn't.
    pub(super) sms_card: Option<Outcome>,
    /// What the check knew of each fixable finding (the node it points at, typed, and the
    /// facts its fix needs: the card an `outcome-missing` is about and its section, the word
    /// a placeholder was read as), by the finding's index in `diags`: the fix is written from
    /// this (`fixes::attach`), not read back from the message or worked out again from the
    /// finding's rule and position.
    pub(super) targets: std::collections::HashMap<usize, FixTarget<'t>>,
    /// What to add to a card to keep each broken policy key that has one right answer, by the
    /// `policy-violation` finding's index in `diags`: the policy check's typed remedy, from
    /// which the fix is written once the walk knows the file has no other error.
    pub(super) remedies: std::collections::HashMap<usize, Remedy>,
}

impl<'a, 't> Walker<'a, 't> {
    /// The row of the product table for `outcome` in the section being walked.
    pub(super) fn rules(&self, outcome: Outcome) -> &'static OutcomeRules {
        product::rules_on(self.channel, outcome).unwrap_or_else(|| rules_for(outcome))
    }

    /// The outcome as messages name it: its tag on a call card, `SMS ` and its tag on a
    /// messaging card.
    pub(super) fn on(&self, outcome: Outcome) -> String {
        messages::on(self.channel, outcome)
    }

    /// The index of the file's lines, made the first time it is asked for.
    pub(super) fn line_index(&self) -> &crate::line_index::LineIndex {
        self.lines
            .get_or_init(|| crate::line_index::LineIndex::new(self.source))
    }

    /// The text of the scalar at `pos`, as written (`None` without a source, as on the
    /// unpositioned read, or without a position).
    pub(super) fn token_at(&self, pos: Pos) -> Option<&'a str> {
        if self.source.is_empty() || pos.len == 0 {
            return None;
        }
        let lines = self.line_index();
        let line = lines.line_range(usize::try_from(pos.line).ok()?.checked_sub(1)?)?;
        let start = lines.offset_at(pos.line, pos.column)?;
        let len = usize::try_from(pos.len).ok()?;
        let rest = self.source.get(start..line.end)?;
        let end = rest
            .char_indices()
            .nth(len)
            .map_or(line.end, |(i, _)| start + i);
        self.source.get(start..end)
    }

    pub(super) fn push(
        &mut self,
        rule: Rule,
        pos: Pos,
        message: impl Into<String>,
        help: Option<String>,
    ) {
        let mut message = message.into();
        if let Some(o) = self.sms_card {
            messages::name_sms_card(&mut message, o);
        }
        let mut d = Diagnostic::new(rule, pos, message);
        d.help = help;
        self.diags.push(d);
    }

    /// Reports `problem` at `pos`, worded by [`messages`].
    pub(super) fn report(&mut self, pos: Pos, problem: Problem<'_>) {
        match problem {
            Problem::OutcomeMissing(o) => self.target(FixTarget::Card(o, Channel::Call)),
            Problem::SmsCardMissing(o) => self.target(FixTarget::Card(o, Channel::Sms)),
            _ => {}
        }
        let (message, help) = problem.words();
        self.push(problem.rule(), pos, message, help);
    }

    /// Reports `problem` at `pos`, with what its fix edits: `target`.
    pub(super) fn report_fixable(&mut self, pos: Pos, problem: Problem<'_>, target: FixTarget<'t>) {
        self.target(target);
        self.report(pos, problem);
    }

    /// Records `target` for the next finding reported.
    fn target(&mut self, target: FixTarget<'t>) {
        self.targets.insert(self.diags.len(), target);
    }

    /// The kind of mapping whose keys `what` names, as a fix sees it (a `notify` block is a
    /// messaging card's in the messaging section).
    pub(super) fn place(&self, what: Ctx) -> Place {
        match what {
            Ctx::TopLevel => Place::Root,
            Ctx::Bot => Place::Bot,
            Ctx::Outcomes => Place::Outcomes,
            Ctx::Messaging => Place::Messaging,
            Ctx::Card(o) => Place::Card(o),
            Ctx::SmsCard(o) => Place::SmsCard(o),
            Ctx::MidCall => Place::MidCall,
            Ctx::Notify | Ctx::SmsNotify => match self.channel {
                Channel::Call => Place::Notify,
                Channel::Sms => Place::SmsNotify,
            },
            Ctx::User(u) => Place::UserAction(u),
            Ctx::Locked(_) => Place::LockedAction,
            Ctx::File | Ctx::SmsCardValue(_) | Ctx::CardValue(_) | Ctx::AnAction => Place::Other,
        }
    }

    /// A field check's problem with the value of `key`, worded by [`fields::messages`].
    pub(super) fn field_problem(
        &mut self,
        pos: Pos,
        problem: &FieldProblem,
        key: &str,
        value: &str,
    ) {
        let found = fields::messages::finding(problem, key, value);
        self.push(problem.rule(), pos, found.message, found.help);
    }

    // ---- the file ----

    pub(super) fn root(&mut self, root: &'t Node<'t>) -> PartialBot {
        let mut partial = PartialBot {
            name: None,
            direction: None,
            cards: BTreeMap::new(),
            messaging: None,
        };
        let Value::Map(raw) = &root.value else {
            self.report(
                root.pos,
                Problem::RootNotAMapping {
                    found: root.value.kind(),
                },
            );
            return partial;
        };
        let entries = self.dedup(root, raw, Ctx::TopLevel);
        let entries = self.known(entries, &ROOT_KEYS, Ctx::TopLevel);

        if let Some(&Entry { value: v, .. }) =
            self.required(&entries, "version", Pos::START, Ctx::File)
        {
            match &v.value {
                Value::Int(1) => {}
                Value::Int(n) => self.report(v.pos, Problem::UnknownVersion(*n)),
                other => self.report(
                    v.pos,
                    Problem::VersionNotAnInteger {
                        found: other.kind(),
                    },
                ),
            }
        }

        if let Some(&Entry {
            key: k, value: v, ..
        }) = self.required(&entries, "bot", Pos::START, Ctx::File)
        {
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
                self.policy_violations(
                    Channel::Call,
                    Pos::START,
                    &BTreeMap::new(),
                    &BTreeMap::new(),
                );
            }
        }

        // `messaging: ~` is no section at all (an absent section, not an empty one: no
        // `outcome-missing` for its cards), as in the JSON Schema (issue 32).
        match get(&entries, "messaging").filter(|(_, v)| v.value != Value::Null) {
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
            None => {
                self.policy_violations(Channel::Sms, Pos::START, &BTreeMap::new(), &BTreeMap::new())
            }
        }
        partial
    }

    pub(super) fn bot_header(
        &mut self,
        key: &'t Node<'t>,
        value: &'t Node<'t>,
        partial: &mut PartialBot,
    ) {
        let Some(entries) = self.mapping(value, Ctx::Bot) else {
            return;
        };
        let entries = self.known(entries, &BOT_KEYS, Ctx::Bot);
        if let Some(&Entry {
            key: k, value: v, ..
        }) = self.required(&entries, "name", key.pos, Ctx::Bot)
        {
            partial.name = self.string(k, "name", v, NAME_MAX);
        }
        if let Some(entry) = self.required(&entries, "direction", key.pos, Ctx::Bot) {
            let (k, v) = (entry.key, entry.value);
            match &v.value {
                Value::Str(s) => match Direction::parse(s) {
                    Some(d) => partial.direction = Some(d),
                    None => self.report_fixable(
                        v.pos,
                        Problem::UnknownDirection { text: s },
                        FixTarget::Value(entry.at(Place::Bot)),
                    ),
                },
                Value::Null => self.report(k.pos, Problem::NoDirection),
                other => self.report(
                    v.pos,
                    Problem::DirectionNotAString {
                        found: other.kind(),
                    },
                ),
            }
        }
    }

    pub(super) fn outcome_missing(&mut self, pos: Pos, outcome: Outcome) {
        self.report(pos, Problem::OutcomeMissing(outcome));
    }

    /// The `outcomes` section: the eight call cards.
    pub(super) fn outcomes(
        &mut self,
        key: &'t Node<'t>,
        entries: &[Entry<'t>],
        direction: Option<Direction>,
        cards: &mut BTreeMap<Outcome, Card>,
    ) {
        self.section(Channel::Call, key, entries, direction, cards);
    }

    /// The `messaging` section (docs/spec 17): the five SMS cards.
    pub(super) fn messaging(
        &mut self,
        key: &'t Node<'t>,
        entries: &[Entry<'t>],
        direction: Option<Direction>,
        cards: &mut BTreeMap<Outcome, Card>,
    ) {
        self.section(Channel::Sms, key, entries, direction, cards);
    }

    /// A section of cards, one per outcome of `channel`: each card, an unknown tag, a missing
    /// card (at the section's key), then the org policy of that channel.
    fn section(
        &mut self,
        channel: Channel,
        key: &'t Node<'t>,
        entries: &[Entry<'t>],
        direction: Option<Direction>,
        cards: &mut BTreeMap<Outcome, Card>,
    ) {
        let ctx = match channel {
            Channel::Call => Ctx::Outcomes,
            Channel::Sms => Ctx::Messaging,
        };
        // Where each card's key is, and whether the card has errors of its own.
        let mut keys: BTreeMap<Outcome, (Pos, bool)> = BTreeMap::new();
        for entry in entries {
            let (text, k, v) = (&entry.text, entry.key, entry.value);
            if text == "<<" {
                self.unknown_field(entry, &[], ctx);
                continue;
            }
            match Outcome::parse(text).filter(|o| channel.has(*o)) {
                Some(outcome) => {
                    let errors = self.error_count();
                    // A messaging card's findings name it as such.
                    self.sms_card = (channel == Channel::Sms).then_some(outcome);
                    let card = self.card(outcome, k, v, direction);
                    self.sms_card = None;
                    keys.insert(outcome, (k.pos, self.error_count() > errors));
                    cards.insert(outcome, card);
                }
                None => self.report_fixable(
                    k.pos,
                    match channel {
                        Channel::Call => Problem::UnknownOutcome { text },
                        Channel::Sms => Problem::UnknownSmsOutcome { text },
                    },
                    FixTarget::Key(entry.at(self.place(ctx))),
                ),
            }
        }
        for outcome in channel.outcomes() {
            if !cards.contains_key(&outcome) {
                let problem = match channel {
                    Channel::Call => Problem::OutcomeMissing(outcome),
                    Channel::Sms => Problem::SmsCardMissing(outcome),
                };
                self.report(key.pos, problem);
            }
        }
        self.policy_violations(channel, key.pos, &keys, cards);
    }

    pub(super) fn error_count(&self) -> usize {
        self.diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Rule `policy-violation` (docs/spec 15): each `[policy.outcomes.TAG]` key (or
    /// `[policy.messaging.TAG]` for `channel` SMS) a card breaks, at the card's key, or at the
    /// section's key (line 1 when there is none) for a missing card. A card with errors of its
    /// own is not checked: what it does isn't known yet.
    pub(super) fn policy_violations(
        &mut self,
        channel: Channel,
        section: Pos,
        keys: &BTreeMap<Outcome, (Pos, bool)>,
        cards: &BTreeMap<Outcome, Card>,
    ) {
        let policy = match channel {
            Channel::Call => &self.policy.outcomes,
            Channel::Sms => &self.policy.messaging,
        };
        let mut found = Vec::new();
        for (outcome, items) in policy {
            let (pos, card) = match keys.get(outcome) {
                Some((_, true)) => continue,
                Some((pos, false)) => (*pos, cards.get(outcome)),
                None => (section, None),
            };
            for v in crate::policy::check_card_on(channel, *outcome, items, card) {
                // A messaging card's violations get no fix (see `fixes::policy`).
                if channel == Channel::Call
                    && let Some(r) = remedy(&v)
                {
                    self.remedies.insert(self.diags.len() + found.len(), r);
                }
                found
                    .push(Diagnostic::new(Rule::PolicyViolation, pos, v.message).with_help(v.help));
            }
        }
        self.diags.extend(found);
    }

    // ---- a card ----
}
