//! Behaviour tests: expectation files (`*.test.yaml`) pin the fired list of outcomes.
//!
//! ```yaml
//! bot: ../bots/seller.yaml          # relative to this file
//! cases:
//!   - outcome: opt-out
//!     fires: [do-not-contact-all-channels, cancel-enrollment, tag]
//!   - outcome: missed-transfer
//!     direction: inbound            # optional: overrides the bot's direction
//!     fires: [task, notify-owner, notify-phone]
//!   - outcome: not-interested
//!     channel: sms                  # optional: a text conversation (the `messaging` cards)
//!     fires: [stop-outreach, do-not-contact-on-opt-out, apply-outcome-tag, system-note, tag]
//! ```
//!
//! This module parses expectation files, runs cases against a checked bot and records today's
//! behaviour; reading the files is the caller's job.

use crate::model::Bot;
use crate::outcome::{Direction, Outcome};
use crate::product::Channel;
use crate::simulate::{Fired, FiredType, simulate, simulate_on};
use crate::values::did_you_mean;
use crate::yaml::{self, Node, Pos, Value};
use std::fmt::Write;

/// Every name a `fires` list may hold, in the order the format documents them (the system
/// steps of the messaging outcomes last).
pub(crate) const FIRED_TYPES: [&str; FiredType::COUNT] = FiredType::NAMES;

/// A problem with an expectation file itself: it is reported, never passed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub pos: Pos,
    pub message: String,
}

/// One expected behaviour.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Case {
    pub(crate) line: u32,
    pub(crate) outcome: Outcome,
    pub(crate) direction: Option<Direction>,
    /// `call` (the default) or `sms` (a messaging outcome).
    pub channel: Channel,
    pub(crate) fires: Vec<String>,
}

/// A parsed expectation file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expectations {
    /// The bot file, relative to the expectation file, and where it is written.
    pub bot: String,
    pub bot_pos: Pos,
    pub cases: Vec<Case>,
}

/// The outcome of one case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseResult {
    pub(crate) line: u32,
    pub(crate) outcome: Outcome,
    /// The direction the case ran with (the override, or the bot's own).
    pub(crate) direction: Direction,
    pub(crate) channel: Channel,
    pub(crate) expected: Vec<String>,
    pub(crate) actual: Vec<String>,
}

impl CaseResult {
    /// `"sms "` for a messaging case, for labels.
    pub(crate) fn sms_prefix(&self) -> &'static str {
        match self.channel {
            Channel::Call => "",
            Channel::Sms => "sms ",
        }
    }

    pub fn passed(&self) -> bool {
        self.expected == self.actual
    }
}

fn problem(pos: Pos, message: impl Into<String>) -> Problem {
    Problem {
        pos,
        message: message.into(),
    }
}

fn entries<'n>(
    node: &'n Node<'n>,
    what: &str,
    known: &[&str],
    problems: &mut Vec<Problem>,
) -> Vec<(String, &'n Node<'n>, &'n Node<'n>)> {
    let Value::Map(raw) = &node.value else {
        problems.push(problem(
            node.pos,
            format!("{what} must be a mapping, found {}", node.value.kind()),
        ));
        return Vec::new();
    };
    let mut out: Vec<(String, &Node, &Node)> = Vec::new();
    for (k, v) in raw {
        let key = k.value.scalar_text().unwrap_or_default();
        if out.iter().any(|(seen, _, _)| *seen == key) {
            problems.push(problem(k.pos, format!("`{key}` is repeated in {what}")));
        } else if !known.contains(&key.as_str()) {
            let hint = did_you_mean(&key, known.iter().copied())
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            problems.push(problem(
                k.pos,
                format!("unknown field `{key}` in {what}{hint}"),
            ));
        } else {
            out.push((key, k, v));
        }
    }
    out
}

fn get<'n>(
    entries: &[(String, &'n Node<'n>, &'n Node<'n>)],
    key: &str,
) -> Option<(&'n Node<'n>, &'n Node<'n>)> {
    entries
        .iter()
        .find(|(k, _, _)| k == key)
        .map(|(_, k, v)| (*k, *v))
}

/// Parses an expectation file; every problem is reported.
pub fn parse(source: &str) -> Result<Expectations, Vec<Problem>> {
    let root = yaml::parse(source).map_err(|e| vec![problem(e.pos, e.message)])?;
    let mut problems = Vec::new();
    let top = entries(
        &root,
        "an expectation file",
        &["bot", "cases"],
        &mut problems,
    );
    let (bot, bot_pos) = match get(&top, "bot") {
        Some((
            _,
            Node {
                value: Value::Str(s),
                pos,
            },
        )) if !s.trim().is_empty() => (s.to_string(), *pos),
        Some((_, v)) => {
            problems.push(problem(v.pos, "`bot` must be the path of a bot file"));
            (String::new(), v.pos)
        }
        None => {
            problems.push(problem(
                Pos::START,
                "missing `bot`: the bot file, relative to this file",
            ));
            (String::new(), Pos::START)
        }
    };
    let mut cases = Vec::new();
    match get(&top, "cases") {
        Some((
            _,
            Node {
                value: Value::Seq(items),
                ..
            },
        )) if !items.is_empty() => {
            for item in items {
                if let Some(case) = parse_case(item, &mut problems) {
                    cases.push(case);
                }
            }
        }
        Some((k, _)) => problems.push(problem(k.pos, "`cases` must be a non-empty list")),
        None => problems.push(problem(
            Pos::START,
            "missing `cases`: a list of expected behaviours",
        )),
    }
    if problems.is_empty() {
        Ok(Expectations {
            bot,
            bot_pos,
            cases,
        })
    } else {
        problems.sort_by_key(|p| (p.pos.line, p.pos.column));
        Err(problems)
    }
}

fn parse_case(item: &Node, problems: &mut Vec<Problem>) -> Option<Case> {
    let before = problems.len();
    let fields = entries(
        item,
        "a case",
        &["outcome", "direction", "channel", "fires"],
        problems,
    );
    let outcome = match get(&fields, "outcome") {
        Some((_, v)) => match &v.value {
            Value::Str(s) => match Outcome::parse(s) {
                Some(o) => Some(o),
                None => {
                    let hint = did_you_mean(s, Outcome::tags())
                        .map(|t| format!(" (did you mean `{t}`?)"))
                        .unwrap_or_default();
                    problems.push(problem(v.pos, format!("unknown outcome `{s}`{hint}")));
                    None
                }
            },
            _ => {
                problems.push(problem(v.pos, "`outcome` must be an outcome tag"));
                None
            }
        },
        None => {
            problems.push(problem(item.pos, "this case has no `outcome`"));
            None
        }
    };
    let direction = match get(&fields, "direction") {
        None => None,
        Some((_, v)) => match &v.value {
            Value::Str(s) if Direction::parse(s).is_some() => Direction::parse(s),
            _ => {
                problems.push(problem(
                    v.pos,
                    "`direction` must be inbound, outbound or both",
                ));
                None
            }
        },
    };
    let channel = match get(&fields, "channel") {
        None => Channel::Call,
        Some((_, v)) => match &v.value {
            Value::Str(s) if Channel::parse(s).is_some() => {
                Channel::parse(s).unwrap_or(Channel::Call)
            }
            _ => {
                problems.push(problem(v.pos, "`channel` must be call or sms"));
                Channel::Call
            }
        },
    };
    if let (Some(o), Some((_, v))) = (outcome, get(&fields, "outcome"))
        && !channel.has(o)
    {
        problems.push(problem(
            v.pos,
            format!(
                "`{o}` is not a messaging outcome: {}",
                crate::product::no_card_reason(channel, o)
            ),
        ));
    }
    let mut fires = Vec::new();
    match get(&fields, "fires") {
        Some((
            _,
            Node {
                value: Value::Seq(items),
                ..
            },
        )) => {
            for f in items {
                match &f.value {
                    Value::Str(s) if FIRED_TYPES.contains(&s.as_ref()) => fires.push(s.to_string()),
                    Value::Str(s) => {
                        let hint = did_you_mean(s, FIRED_TYPES)
                            .map(|t| format!(" (did you mean `{t}`?)"))
                            .unwrap_or_else(|| format!(" (one of {})", FIRED_TYPES.join(", ")));
                        problems.push(problem(f.pos, format!("unknown action type `{s}`{hint}")));
                    }
                    other => problems.push(problem(
                        f.pos,
                        format!(
                            "each entry of `fires` must be an action type, found {}",
                            other.kind()
                        ),
                    )),
                }
            }
        }
        Some((
            _,
            Node {
                value: Value::Null, ..
            },
        )) => {}
        Some((_, v)) => problems.push(problem(v.pos, "`fires` must be a list of action types")),
        None => problems.push(problem(
            item.pos,
            "this case has no `fires` (write `fires: []` for nothing)",
        )),
    }
    if problems.len() > before {
        return None;
    }
    Some(Case {
        line: item.pos.line,
        outcome: outcome?,
        direction,
        channel,
        fires,
    })
}

/// Runs one case against a checked bot.
pub fn run_case(bot: &Bot, case: &Case) -> CaseResult {
    let sim = simulate_on(bot, case.channel, case.outcome, case.direction);
    CaseResult {
        line: case.line,
        outcome: case.outcome,
        direction: case.direction.unwrap_or(bot.direction),
        channel: case.channel,
        expected: case.fires.clone(),
        actual: sim
            .iter()
            .flat_map(|s| s.fires())
            .map(|f| Fired::type_name(f).to_owned())
            .collect(),
    }
}

/// An expectation file pinning today's behaviour of all eight outcomes; `bot_path` is written
/// as given.
pub fn record(bot: &Bot, bot_path: &str, direction: Option<Direction>) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Today's behaviour of every outcome, recorded by `samictl simulate --record`.\n\
         # `bot` is relative to this file: move or edit it to match where you save this file.\n\
         # Run with `samictl test`; re-record after an intended change."
    );
    let _ = writeln!(out, "bot: {}", crate::quote::double_quoted(bot_path));
    out.push_str("cases:\n");
    for outcome in Outcome::ALL {
        let sim = simulate(bot, outcome, direction);
        let fires: Vec<&str> = sim.fires().map(Fired::type_name).collect();
        let _ = writeln!(out, "  - outcome: {outcome}");
        if let Some(d) = direction {
            let _ = writeln!(out, "    direction: {d}");
        }
        let _ = writeln!(out, "    fires: [{}]", fires.join(", "));
    }
    // The messaging cards too, when the file has a `messaging` section.
    if bot.messaging.is_some() {
        for outcome in Channel::Sms.outcomes() {
            let Some(sim) = simulate_on(bot, Channel::Sms, outcome, direction) else {
                continue;
            };
            let fires: Vec<&str> = sim.fires().map(Fired::type_name).collect();
            let _ = writeln!(out, "  - outcome: {outcome}");
            let _ = writeln!(out, "    channel: sms");
            if let Some(d) = direction {
                let _ = writeln!(out, "    direction: {d}");
            }
            let _ = writeln!(out, "    fires: [{}]", fires.join(", "));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;
    use crate::product::SystemStep;

    const BOT: &str = "version: 1\nbot: {name: x, direction: outbound}\noutcomes:\n  opt-out:\n    actions:\n      - type: tag\n        name: opted-out\n  missed-transfer:\n    actions:\n      - type: task\n        title: call back\n    notify:\n      owner: true\n      phones: [\"+15125550142\"]\n";

    fn bot() -> Bot {
        crate::validate::check(BOT, &Settings::default())
            .bot
            .unwrap()
    }

    #[test]
    fn parses_and_runs_the_issue_example() {
        let e = parse("bot: ../bots/seller.yaml\ncases:\n  - outcome: opt-out\n    fires: [do-not-contact-all-channels, cancel-enrollment, tag]\n  - outcome: missed-transfer\n    direction: inbound\n    fires: [task, notify-owner, notify-phone]\n").unwrap();
        assert_eq!(e.bot, "../bots/seller.yaml");
        assert_eq!(e.cases.len(), 2);
        let results: Vec<_> = e.cases.iter().map(|c| run_case(&bot(), c)).collect();
        assert!(results.iter().all(CaseResult::passed), "{results:?}");
        assert_eq!(results[1].direction, Direction::Inbound);
    }

    #[test]
    fn a_wrong_list_fails() {
        let e = parse("bot: b.yaml\ncases:\n  - outcome: opt-out\n    fires: [tag]\n").unwrap();
        let r = run_case(&bot(), &e.cases[0]);
        assert!(!r.passed());
        assert_eq!(
            r.actual,
            ["do-not-contact-all-channels", "cancel-enrollment", "tag"]
        );
    }

    #[test]
    fn wrong_expectation_files_are_reported_with_locations() {
        let problems = parse("bot: b.yaml\ncases:\n  - outcome: opt_out\n    fires: [tagg]\n  - outcome: unqualified\n").unwrap_err();
        let at: Vec<_> = problems
            .iter()
            .map(|p| (p.pos.line, p.pos.column))
            .collect();
        assert_eq!(at, [(3, 14), (4, 13), (5, 5)]);
        assert!(problems[0].message.contains("did you mean `opt-out`"));
        assert!(problems[1].message.contains("did you mean `tag`"));
        assert!(parse("cases: []\n").is_err());
        assert!(
            parse("bot: x\ncases:\n  - outcome: opt-out\n    fires: []\n    extra: 1\n").is_err()
        );
    }

    const SMS_BOT: &str = "version: 1\nbot: {name: x, direction: outbound}\noutcomes: {}\nmessaging:\n  not-interested:\n    actions:\n      - type: tag\n        name: sms-no\n  needs-follow-up:\n    notify: {owner: true}\n";

    #[test]
    fn sms_cases_run_the_messaging_cards() {
        let b = crate::validate::check(SMS_BOT, &Settings::default())
            .bot
            .unwrap();
        let e = parse("bot: b.yaml\ncases:\n  - outcome: not-interested\n    channel: sms\n    fires: [stop-outreach, do-not-contact-on-opt-out, apply-outcome-tag, system-note, tag]\n  - outcome: not-interested\n    fires: [cancel-enrollment]\n").unwrap();
        assert_eq!(e.cases[0].channel, Channel::Sms);
        let results: Vec<_> = e.cases.iter().map(|c| run_case(&b, c)).collect();
        assert!(results.iter().all(CaseResult::passed), "{results:?}");
        // opt-out has no messaging card: the case is a problem, not a pass.
        let problems =
            parse("bot: b\ncases:\n  - outcome: opt-out\n    channel: sms\n    fires: []\n")
                .unwrap_err();
        assert!(
            problems[0].message.contains("not-interested"),
            "{problems:?}"
        );
        assert!(
            parse("bot: b\ncases:\n  - outcome: bad-number\n    channel: fax\n    fires: []\n")
                .is_err()
        );
        // A recording pins both channels, and passes.
        let text = record(&b, "b.yaml", None);
        let e = parse(&text).unwrap();
        assert_eq!(e.cases.len(), 13);
        assert_eq!(
            e.cases.iter().filter(|c| c.channel == Channel::Sms).count(),
            5
        );
        assert!(e.cases.iter().all(|c| run_case(&b, c).passed()));
        for step in SystemStep::ALL {
            assert!(FIRED_TYPES.contains(&step.as_str()));
        }
    }

    #[test]
    fn a_recording_passes_against_its_bot() {
        let text = record(&bot(), "bots/x.yaml", None);
        let e = parse(&text).unwrap();
        assert_eq!(e.bot, "bots/x.yaml");
        assert_eq!(e.cases.len(), 8);
        assert!(e.cases.iter().all(|c| run_case(&bot(), c).passed()));
        let inbound = parse(&record(&bot(), "b", Some(Direction::Inbound))).unwrap();
        assert!(
            inbound
                .cases
                .iter()
                .all(|c| c.direction == Some(Direction::Inbound))
        );
    }
}
