//! The rule table (docs/spec 7): every rule's id, severity, what it catches, where it
//! points, why it matters, and a wrong and a right example (files under `fixtures/rules/`,
//! which the tests check: each wrong example triggers its rule, each right one does not).

pub use crate::rule_id::Rule;
use crate::severity::Severity;
use std::fmt;
use std::ops::Deref;
use std::sync::LazyLock;

/// Documentation and metadata of one rule.
#[derive(Debug)]
pub struct RuleInfo {
    pub rule: Rule,
    pub id: &'static str,
    pub(crate) severity: Severity,
    /// What the rule catches, in one line.
    pub summary: &'static str,
    /// Where its findings point.
    pub(crate) points_at: &'static str,
    /// Why it matters.
    pub(crate) why: &'static str,
    /// A bot file that triggers the rule.
    pub wrong: &'static str,
    /// The same bot, fixed.
    pub right: &'static str,
    /// A `samictl.toml` the examples are checked with, where the rule needs one.
    pub config: Option<&'static str>,
}

macro_rules! example {
    ($id:literal, $which:literal) => {
        include_str!(concat!("../fixtures/rules/", $id, "/", $which, ".yaml"))
    };
}

macro_rules! rule {
    ($rule:ident, $id:literal, $sev:ident, $summary:expr, $points:expr, $why:expr $(, config: $cfg:literal)?) => {
        RuleInfo {
            rule: Rule::$rule,
            id: $id,
            severity: Severity::$sev,
            summary: $summary,
            points_at: $points,
            why: $why,
            wrong: example!($id, "wrong"),
            right: example!($id, "right"),
            config: rule!(@config $($cfg)?),
        }
    };
    (@config) => { None };
    (@config $cfg:literal) => { Some(include_str!(concat!("../fixtures/rules/", $cfg))) };
}

/// The table, errors first, in the order of the spec. Built on first use, as the texts that
/// state a product rule name its outcomes from the product table ([`Prose`]).
pub static RULES: Rules = Rules(LazyLock::new(table));

/// The rule table: an array of [`RuleInfo`] (`RULES.iter()`, `RULES[i]`, `for r in &RULES`).
pub struct Rules(LazyLock<[RuleInfo; 22]>);

impl Deref for Rules {
    type Target = [RuleInfo; 22];

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl<'a> IntoIterator for &'a Rules {
    type Item = &'a RuleInfo;
    type IntoIter = std::slice::Iter<'a, RuleInfo>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

fn table() -> [RuleInfo; 22] {
    let p: &'static Prose = &PROSE;
    [
        rule!(
            YamlSyntax,
            "yaml-syntax",
            Error,
            "the file is not a single well-formed YAML document samictl can read safely",
            "where parsing stopped (line 1 when unknown)",
            "Nothing else can be checked until the file parses. Covers malformed YAML, text that \
         is not UTF-8, more than one document, an empty file, a file over 1 MiB, nesting deeper \
         than 64 levels, alias expansion past the limit, and local tags such as `!include` or \
         `!env` (a bot file never pulls in other files or the environment)."
        ),
        rule!(
            DuplicateKey,
            "duplicate-key",
            Error,
            "a key is repeated in one mapping",
            "the second occurrence",
            "YAML tools disagree on which of two equal keys wins, so a repeated key means the file \
         says two things at once. Each outcome tag may have at most one card."
        ),
        rule!(
            UnknownField,
            "unknown-field",
            Error,
            "a key the format doesn't define at that place",
            "the key; help: the nearest known key",
            "A misspelt key is otherwise silently ignored: `notfy:` would drop every notification. \
         Merge keys (`<<`) are not part of the format, and `locked` belongs only to locked \
         actions."
        ),
        rule!(
            UnknownOutcome,
            "unknown-outcome",
            Error,
            "a key under `outcomes` that is not one of the eight outcome tags",
            "the key; help: the nearest tag",
            "A card under a misspelt tag never runs, and the real outcome has no card: only its \
         locked actions run."
        ),
        rule!(
            InvalidValue,
            "invalid-value",
            Error,
            "a value of the wrong type, out of range or malformed, or a required field missing",
            "the value (a missing field: its parent's key)",
            "Covers wrong types (YAML 1.2: `yes` is a string, not a boolean), missing required \
         fields, an unknown `direction` or action `type`, numbers out of range, bad durations, \
         `version` other than 1, and blank or too long strings."
        ),
        rule!(
            ActionNotAllowed,
            "action-not-allowed",
            Error,
            "a user action type that this outcome doesn't allow",
            "the action's `type` value",
            &p.action_not_allowed_why
        ),
        rule!(
            NotifyNotAllowed,
            "notify-not-allowed",
            Error,
            &p.notify_not_allowed_summary,
            "the `notify` key",
            &p.notify_not_allowed_why
        ),
        rule!(
            OptionNotAllowed,
            "option-not-allowed",
            Error,
            "a mid-call option, `analysis_criteria` or `due_in: requested-time` where it doesn't belong",
            "the key or value",
            &p.option_not_allowed_why
        ),
        rule!(
            LockedActionMismatch,
            "locked-action-mismatch",
            Error,
            "a locked action written where that lock doesn't apply",
            "the action's `type` value",
            &p.locked_action_mismatch_why
        ),
        rule!(
            LockedActionDisabled,
            "locked-action-disabled",
            Error,
            "`locked: false` on a locked action",
            "the `locked` key",
            "Locked actions protect cadences and keep the org compliant with the TCPA; they \
         can't be turned off. Remove `locked: false`, or write `locked: true`."
        ),
        rule!(
            InvalidRecipient,
            "invalid-recipient",
            Error,
            "a malformed email address or phone number in `notify` or a task `assignee`",
            "the value",
            "A notification to a malformed address never arrives, so nobody hears about the call. \
         Phones are E.164: `+`, then 8 to 15 digits, the first not 0."
        ),
        rule!(
            UnknownPlaceholder,
            "unknown-placeholder",
            Error,
            "a placeholder that doesn't exist, or not on this outcome or in this field; unbalanced braces",
            "the string's line",
            &p.unknown_placeholder_why
        ),
        rule!(
            RecipientNotAllowed,
            "recipient-not-allowed",
            Error,
            "a recipient outside the `[policy]` of `samictl.toml`",
            "the value",
            "Org policy keeps call details inside the company: notification emails and task \
             assignees must be in `email_domains`, notification phones must start with one of \
             `phone_prefixes`.",
            config: "recipient-not-allowed/samictl.toml"
        ),
        rule!(
            PolicyViolation,
            "policy-violation",
            Error,
            "a card that breaks a `[policy.outcomes.TAG]` key of `samictl.toml` (one finding per key)",
            "the card's key (the `outcomes` key when the card is missing, or line 1)",
            &p.policy_violation_why,
            config: "policy-violation/samictl.toml"
        ),
        rule!(
            OutcomeMissing,
            "outcome-missing",
            Warning,
            "an outcome with no card: only its locked actions will run",
            "the `outcomes` key, or line 1",
            &p.outcome_missing_why
        ),
        rule!(
            FollowUpUnassigned,
            "follow-up-unassigned",
            Warning,
            &p.follow_up_unassigned_summary,
            "the card's key",
            "A qualified lead who asked for a specific time is the most valuable call a bot makes; \
         without a task or a notification nobody is told to call them back."
        ),
        rule!(
            MissedTransferUnnoticed,
            "missed-transfer-unnoticed",
            Warning,
            &p.missed_transfer_unnoticed_summary,
            "the card's key",
            "A missed transfer is a live lead who wanted a human and didn't get one; without a \
         task or a notification nobody learns of it."
        ),
        rule!(
            DuplicateAction,
            "duplicate-action",
            Warning,
            "the same action twice in one card (tags compared case-insensitively)",
            "the second",
            "The action would run twice: two identical notes or tasks, or a tag added twice."
        ),
        rule!(
            DuplicateRecipient,
            "duplicate-recipient",
            Warning,
            "the same email (case-insensitively) or phone twice in one card",
            "the second",
            "The same person would be notified twice about one call."
        ),
        rule!(
            NotifyEmpty,
            "notify-empty",
            Warning,
            "a `notify` block that notifies nobody",
            "the `notify` key",
            "A `notify` block with `owner: false` and no emails or phones looks like a \
         notification but sends none."
        ),
        rule!(
            CriteriaCatchesOptOut,
            "criteria-catches-opt-out",
            Warning,
            &p.criteria_catches_opt_out_summary,
            "the phrase inside the criteria (its line and column), quoted in the message",
            &p.criteria_catches_opt_out_why
        ),
        rule!(
            ContactAfterOptOut,
            "contact-after-opt-out",
            Warning,
            &p.contact_after_opt_out_summary,
            "the task item or the `owner` key",
            &p.contact_after_opt_out_why
        ),
    ]
}

/// The rule texts that state a product rule, with the outcomes they name taken from the product
/// table (`crate::product`), so a changed row changes the prose with it.
struct Prose {
    action_not_allowed_why: String,
    notify_not_allowed_summary: String,
    notify_not_allowed_why: String,
    option_not_allowed_why: String,
    locked_action_mismatch_why: String,
    unknown_placeholder_why: String,
    policy_violation_why: String,
    outcome_missing_why: String,
    follow_up_unassigned_summary: String,
    missed_transfer_unnoticed_summary: String,
    criteria_catches_opt_out_summary: String,
    criteria_catches_opt_out_why: String,
    contact_after_opt_out_summary: String,
    contact_after_opt_out_why: String,
}

static PROSE: LazyLock<Prose> = LazyLock::new(Prose::new);

impl Prose {
    fn new() -> Prose {
        use crate::product::{
            Channel, LockedAction, MidCallOption, NotifyAccess, OUTCOME_RULES, example,
            requested_time_outcomes, tag_list,
        };
        let with_notify = |access: NotifyAccess| -> Vec<crate::outcome::Outcome> {
            OUTCOME_RULES
                .iter()
                .filter(|r| r.notify == access)
                .map(|r| r.outcome)
                .collect()
        };
        let hidden = with_notify(NotifyAccess::Hidden);
        let not_offered = with_notify(NotifyAccess::NotOffered);
        // "hidden on opt-out and not-interested (nothing for a human to act on)"
        let access = |a: NotifyAccess, outcomes: &[crate::outcome::Outcome]| {
            let (how, why) = a
                .reason()
                .and_then(|r| r.split_once(": "))
                .unwrap_or_default();
            format!("{how} on {} ({why})", tag_list(outcomes, " and "))
        };
        let mut refused: Vec<&str> = hidden.iter().map(|o| o.as_str()).collect();
        refused.extend(not_offered.iter().map(|o| o.as_str()));
        let refused = match refused.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
            _ => refused.join(""),
        };
        let requested = tag_list(&requested_time_outcomes(Channel::Call), " and ");
        let opt_out = tag_list(
            &LockedAction::DoNotContactAllChannels.outcomes_on_every_bot(),
            " and ",
        );
        let sms_opt_out = tag_list(&crate::product::opt_out_outcomes(Channel::Sms), " and ");
        let follow_up = |rule: Rule| {
            OUTCOME_RULES
                .iter()
                .find_map(|r| {
                    let w = r.follow_up.filter(|w| w.rule == rule)?;
                    Some(format!(
                        "{} with no task and no notification: nobody {}",
                        r.outcome, w.nobody
                    ))
                })
                .unwrap_or_default()
        };
        let lands = example::opt_out(Channel::Call);
        Prose {
            action_not_allowed_why: format!(
                "Each outcome offers its own actions: {} keeps to notes and tasks since {}; {} \
                 leave nothing for a human to act on, so they take no tasks. A messaging (SMS) \
                 card takes tags and tasks only: a `note`, a locked action type or the name of \
                 one of SAMI's system steps (`stop-outreach`...) written there is refused too, \
                 since SAMI writes the note and runs its system steps itself, always.",
                tag_list(&not_offered, " and "),
                NotifyAccess::NotOffered.because().unwrap_or_default(),
                tag_list(&hidden, " and "),
            ),
            notify_not_allowed_summary: format!("`notify` on {refused}"),
            notify_not_allowed_why: format!(
                "Notification controls are {} and {}. Any `notify` key there is an error, even an \
                 empty one.",
                access(NotifyAccess::Hidden, &hidden),
                access(NotifyAccess::NotOffered, &not_offered),
            ),
            option_not_allowed_why: format!(
                "`{}` belongs to {} and `{}` to {}; transfer outcomes are detected from call \
                 events, so they take no analysis criteria; only {requested} have a requested \
                 time.",
                MidCallOption::MaxObjections.key(),
                tag_list(&MidCallOption::MaxObjections.outcomes(), " and "),
                MidCallOption::ConfirmTime.key(),
                tag_list(&MidCallOption::ConfirmTime.outcomes(), " and "),
            ),
            locked_action_mismatch_why: format!(
                "A locked action written in a file documents what SAMI will do; written where it \
                 doesn't apply (an enrollment lock on an inbound-only bot, the wrong enrollment \
                 lock for the outcome, do-not-contact outside {opt_out}) it documents something \
                 false."
            ),
            unknown_placeholder_why: format!(
                "An unknown placeholder would reach the lead or the team as raw `{{{{ ... }}}}` \
                 text. `requested_time` exists only on {requested}; `wrap_up` is spoken during \
                 the call, so only `contact.*`, `bot.name` and `requested_time` exist there; \
                 `analysis_criteria` is read by SAMI and never filled in."
            ),
            policy_violation_why: format!(
                "Compliance and sales leads set rules for the whole fleet in `samictl.toml`: \
                 every missed transfer creates a task and alerts the team lead, opt-outs are \
                 tagged, nobody customises the criteria that decide whether a stop request is \
                 honoured. The policy keys are `require_actions`, `forbid_actions`, \
                 `require_owner`, `require_recipients`, `require_tags`, `criteria = \"default\"` \
                 and `require_wrap_up`; the message names the key and its samictl.toml line. \
                 Like every error, `[rules]` can't relax it; a policy the product can't satisfy \
                 (a required task on {}) is an invalid samictl.toml. See docs/policy.md.",
                example::no_task()
            ),
            outcome_missing_why: format!(
                "Every call lands on one of eight outcomes. A missing card runs only its locked \
                 actions: no preset action runs, so a missing {} notifies nobody, unlike SAMI's \
                 preset. Write the card: the help names SAMI's preset card for the outcome \
                 (`samictl init` writes all eight: SAMI's presets where one is published, the \
                 others empty), and an empty card (`{}: {{}}`) says that \
                 only the locked actions are intended.",
                example::preset_with_actions(),
                example::empty_preset()
            ),
            follow_up_unassigned_summary: follow_up(Rule::FollowUpUnassigned),
            missed_transfer_unnoticed_summary: follow_up(Rule::MissedTransferUnnoticed),
            criteria_catches_opt_out_summary: format!(
                "`analysis_criteria` of an outcome other than {opt_out} that would catch a \
                 request to stop contact"
            ),
            criteria_catches_opt_out_why: format!(
                "A lead may revoke consent in any reasonable wording (\"stop calling\", \"lose my \
                 number\", \"doesn't want to hear from us again\", \"take me off your list\", \
                 \"unsubscribe\", \"replies STOP\", \"quit bugging me\") and must then land on \
                 {lands}: its locked do-not-contact action is what honours the request (TCPA). \
                 Criteria that pull such a call onto another outcome, such as {}, mean it never \
                 fires do-not-contact. A limit in time (\"don't call on Sundays\"), a sentence \
                 that sends stop requests to {lands} or excludes them, removal of something else \
                 and a third party's number are not caught. Leave requests to stop contact to \
                 {lands}, or write the exclusion explicitly (\"no explicit request to stop \
                 calling\"). The finding points at the phrase. How the check reads criteria, its \
                 limits and its measured recall and precision: docs/tcpa-guard.md.",
                example::borders_opt_out()
            ),
            contact_after_opt_out_summary: format!(
                "a `task` or an owner alert on the SMS `{sms_opt_out}` card, where SMS opt-outs land"
            ),
            contact_after_opt_out_why: format!(
                "A lead who texts STOP lands on the SMS {sms_opt_out} card, and SAMI marks them \
                 do-not-contact. A task or an owner alert on that card hands the thread to a \
                 person, who may call or text a lead who revoked consent (TCPA). Use a tag, or a \
                 task that reviews the thread without contacting the lead; if that is what the \
                 task does, relax the rule in `samictl.toml` (`contact-after-opt-out = \"allow\"`)."
            ),
        }
    }
}

impl Rule {
    /// The rule's table row.
    pub fn info(self) -> &'static RuleInfo {
        // RULES is in declaration order, as a test checks.
        &RULES[self as usize]
    }

    /// The rule id, as written in output and in `samictl.toml`.
    pub fn id(self) -> &'static str {
        self.info().id
    }

    pub(crate) fn default_severity(self) -> Severity {
        self.info().severity
    }

    pub fn is_warning_rule(self) -> bool {
        self.default_severity() == Severity::Warning
    }

    pub fn from_id(id: &str) -> Option<Rule> {
        RULES.iter().find(|r| r.id == id).map(|r| r.rule)
    }

    pub fn all() -> impl Iterator<Item = Rule> {
        RULES.iter().map(|r| r.rule)
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The level a `samictl.toml` sets for a warning rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Allow,
    Warn,
    Deny,
}

impl Level {
    pub(crate) const NAMES: [&'static str; 3] = ["allow", "warn", "deny"];

    pub(crate) fn parse(s: &str) -> Option<Level> {
        match s {
            "allow" => Some(Level::Allow),
            "warn" => Some(Level::Warn),
            "deny" => Some(Level::Deny),
            _ => None,
        }
    }
}

macro_rules! messaging_example {
    ($id:literal) => {
        Some((
            include_str!(concat!("../fixtures/messaging/", $id, "/wrong.yaml")),
            include_str!(concat!("../fixtures/messaging/", $id, "/right.yaml")),
        ))
    };
}

/// A wrong and a right example of `rule` in the `messaging` section (docs/spec 17), for the
/// rules the messaging cards reuse: files under `fixtures/messaging/`, checked by the tests.
pub(crate) fn messaging_example(rule: Rule) -> Option<(&'static str, &'static str)> {
    match rule {
        Rule::DuplicateKey => messaging_example!("duplicate-key"),
        Rule::UnknownField => messaging_example!("unknown-field"),
        Rule::UnknownOutcome => messaging_example!("unknown-outcome"),
        Rule::InvalidValue => messaging_example!("invalid-value"),
        Rule::ActionNotAllowed => messaging_example!("action-not-allowed"),
        Rule::OptionNotAllowed => messaging_example!("option-not-allowed"),
        Rule::UnknownPlaceholder => messaging_example!("unknown-placeholder"),
        Rule::OutcomeMissing => messaging_example!("outcome-missing"),
        Rule::DuplicateAction => messaging_example!("duplicate-action"),
        Rule::NotifyEmpty => messaging_example!("notify-empty"),
        _ => None,
    }
}

/// One more wrong and right pair of a rule, as criteria texts (docs/spec 7.1): what the pair shows,
/// criteria that catch a request to stop contact, and criteria that don't.
#[derive(Debug)]
pub(crate) struct CriteriaPair {
    pub(crate) shows: &'static str,
    pub(crate) wrong: &'static str,
    pub(crate) right: &'static str,
}

/// The further pairs `explain` and `docs/rules.md` show for `rule` (only
/// `criteria-catches-opt-out` has them; the tests check each wrong text is caught and each right
/// one is not).
pub(crate) fn criteria_pairs(rule: Rule) -> &'static [CriteriaPair] {
    const PAIRS: [CriteriaPair; 4] = [
        CriteriaPair {
            shows: "a removal request is a request to stop contact",
            wrong: "Not interested in selling, or the lead asks us to lose their number.",
            right: "Not interested in selling, and no request to be removed from our list.",
        },
        CriteriaPair {
            shows: "so is a negated wish",
            wrong: "The lead declines the offer or doesn't want to hear from us again.",
            right: "The lead declines the offer but is open to hearing from us again.",
        },
        CriteriaPair {
            shows: "a limit in time is fine",
            wrong: "The lead says don't call them anymore.",
            right: "The lead says don't call on Sundays or before 9am.",
        },
        CriteriaPair {
            shows: "a sentence that sends stop requests elsewhere is fine",
            wrong: "Any objection, including a request to stop calling.",
            right: "Any objection. A lead who asks us to stop calling belongs on Opt out, not here.",
        },
    ];
    match rule {
        Rule::CriteriaCatchesOptOut => &PAIRS,
        _ => &[],
    }
}

/// The `messaging` section of an example file, from its `messaging:` line on.
pub(crate) fn messaging_part(text: &str) -> &str {
    text.find("\nmessaging:").map_or(text, |i| &text[i + 1..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_and_kebab_case() {
        let mut seen = HashSet::new();
        for r in &RULES {
            assert!(seen.insert(r.id), "duplicate id {}", r.id);
            assert!(
                r.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                r.id
            );
        }
    }

    #[test]
    fn criteria_pairs_are_caught_and_left_alone() {
        let pairs = criteria_pairs(Rule::CriteriaCatchesOptOut);
        assert!(pairs.len() >= 4);
        for p in pairs {
            assert!(
                !crate::opt_out::opt_out_phrases(p.wrong).is_empty(),
                "{}",
                p.wrong
            );
            assert!(
                crate::opt_out::opt_out_phrases(p.right).is_empty(),
                "{}",
                p.right
            );
        }
        assert!(criteria_pairs(Rule::NotifyEmpty).is_empty());
    }

    #[test]
    fn table_is_in_declaration_order() {
        for (i, r) in RULES.iter().enumerate() {
            assert_eq!(r.rule as usize, i, "{}", r.id);
            assert_eq!(Rule::from_id(r.id), Some(r.rule));
        }
    }

    #[test]
    fn fourteen_errors_and_eight_warnings() {
        let errors = RULES
            .iter()
            .filter(|r| r.severity == Severity::Error)
            .count();
        assert_eq!(errors, 14);
        assert_eq!(RULES.len() - errors, 8);
        // Errors come first, as in the spec.
        assert!(RULES[..14].iter().all(|r| r.severity == Severity::Error));
    }

    #[test]
    fn every_rule_is_documented() {
        for r in &RULES {
            assert!(!r.summary.is_empty() && !r.points_at.is_empty(), "{}", r.id);
            assert!(r.why.len() > 40, "{}: explain why it matters", r.id);
            assert!(
                !r.wrong.trim().is_empty() && !r.right.trim().is_empty(),
                "{}",
                r.id
            );
            assert_ne!(r.wrong, r.right, "{}", r.id);
        }
    }

    /// The rule texts are prose, written once here; the product rules they state come from
    /// the product table, so a change to the table that the prose no longer tells fails here.
    #[test]
    fn prose_follows_the_product_table() {
        use crate::outcome::Outcome;
        use crate::product::{
            Channel, LockedAction, OUTCOME_RULES, opt_out_outcomes, requested_time_outcomes,
            tag_list,
        };
        let words = |rule: Rule| format!("{} {}", rule.info().summary, rule.info().why);
        let without_notify: Vec<Outcome> = OUTCOME_RULES
            .iter()
            .filter(|r| !r.notify.is_allowed())
            .map(|r| r.outcome)
            .collect();
        let summary = Rule::NotifyNotAllowed.info().summary;
        for o in Outcome::ALL {
            assert_eq!(
                summary.contains(o.as_str()),
                without_notify.contains(&o),
                "notify-not-allowed names {o}?"
            );
            assert_eq!(
                words(Rule::ActionNotAllowed).contains(o.as_str()),
                without_notify.contains(&o),
                "action-not-allowed explains {o}?"
            );
        }
        let requested = tag_list(&requested_time_outcomes(Channel::Call), " and ");
        assert!(
            words(Rule::OptionNotAllowed)
                .contains(&format!("only {requested} have a requested time"))
        );
        assert!(
            words(Rule::UnknownPlaceholder)
                .contains(&format!("`requested_time` exists only on {requested}"))
        );
        let opt_out = tag_list(&opt_out_outcomes(Channel::Call), " and ");
        assert_eq!(
            opt_out,
            tag_list(
                &LockedAction::DoNotContactAllChannels.outcomes_on_every_bot(),
                " and "
            )
        );
        assert!(words(Rule::LockedActionMismatch).contains(&format!("outside {opt_out}")));
        assert!(words(Rule::CriteriaCatchesOptOut).contains(&format!("other than {opt_out}")));
        let mut warned = Vec::new();
        for r in &OUTCOME_RULES {
            if let Some(w) = r.follow_up {
                assert_eq!(
                    w.rule.info().summary,
                    format!(
                        "{} with no task and no notification: nobody {}",
                        r.outcome, w.nobody
                    )
                );
                warned.push(w.rule);
            }
        }
        warned.sort_by_key(|r| *r as usize);
        assert_eq!(
            warned,
            [Rule::FollowUpUnassigned, Rule::MissedTransferUnnoticed],
            "a new follow-up warning needs its rule here and in the spec"
        );
    }
}
