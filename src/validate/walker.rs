//! The walk of a file: the walker's state and how it reports a finding, then the root, `bot`
//! and the two sections of cards (`outcomes`, `messaging`) with the org policy's checks of
//! them.

use super::messages::{Ctx, quote_list};
use super::{BOT_KEYS, NAME_MAX, ROOT_KEYS};
use crate::config::Policy;
use crate::diagnostic::{Diagnostic, Severity};
use crate::fields::{self, FieldProblem};
use crate::model::Card;
use crate::outcome::{Direction, Outcome};
use crate::product::{self, Channel, OutcomeRules, rules_for};
use crate::rules::Rule;
use crate::values::did_you_mean;
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

/// A mapping entry whose key is a scalar: (key text, key node, value node).
pub(super) type Entry<'n> = (Cow<'n, str>, &'n Node<'n>, &'n Node<'n>);

pub(super) fn get<'n>(entries: &[Entry<'n>], name: &str) -> Option<(&'n Node<'n>, &'n Node<'n>)> {
    entries
        .iter()
        .find(|(k, _, _)| k == name)
        .map(|(_, k, v)| (*k, *v))
}

pub(super) struct Walker<'a> {
    pub(super) diags: Vec<Diagnostic>,
    pub(super) policy: &'a Policy,
    /// The file's text, to point inside a string (empty when positions are not wanted).
    pub(super) source: &'a str,
    /// A direction that overrides the file's (`simulate --direction`).
    pub(super) direction: Option<Direction>,
    /// The section being walked: `outcomes` (call) or `messaging` (SMS).
    pub(super) channel: Channel,
    /// The messaging card being walked: its findings name it when their message doesn't.
    pub(super) sms_card: Option<Outcome>,
}

impl Walker<'_> {
    /// The row of the product table for `outcome` in the section being walked.
    pub(super) fn rules(&self, outcome: Outcome) -> &'static OutcomeRules {
        product::rules_on(self.channel, outcome).unwrap_or_else(|| rules_for(outcome))
    }

    /// The outcome as messages name it: its tag on a call card, `SMS ` and its tag on a
    /// messaging card.
    pub(super) fn on(&self, outcome: Outcome) -> String {
        match self.channel {
            Channel::Call => outcome.tag().to_owned(),
            Channel::Sms => format!("SMS {outcome}"),
        }
    }

    pub(super) fn push(
        &mut self,
        rule: Rule,
        pos: Pos,
        message: impl Into<String>,
        help: Option<String>,
    ) {
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

    pub(super) fn invalid(&mut self, pos: Pos, message: impl Into<String>, help: Option<String>) {
        self.push(Rule::InvalidValue, pos, message, help);
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

    // ---- mappings and keys ----

    // ---- the file ----

    pub(super) fn root(&mut self, root: &Node) -> PartialBot {
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

    pub(super) fn bot_header(&mut self, key: &Node, value: &Node, partial: &mut PartialBot) {
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

    pub(super) fn outcome_missing(&mut self, pos: Pos, outcome: Outcome) {
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
    pub(super) fn messaging(
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
    pub(super) fn sms_policy_violations(
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

    pub(super) fn outcomes(
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

    pub(super) fn error_count(&self) -> usize {
        self.diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Rule `policy-violation` (spec section 15): each `[policy.outcomes.TAG]` key a card
    /// breaks, at the card's key, or at `outcomes` (line 1 when there is none) for a missing
    /// card. A card with errors of its own is not checked: what it does isn't known yet.
    pub(super) fn policy_violations(
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
}
