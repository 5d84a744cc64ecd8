//! Walks every outcome and every action type of the product table through validate,
//! simulate, show, schema and the docs. A ninth outcome or a new action type added to
//! `src/product/` without its place elsewhere fails here, naming what is missing (see
//! README, "Adding an outcome or an action type").

use crate::common;
use samictl::config::Settings;
use samictl::outcome::{Direction, Outcome};
use samictl::product::{
    ActionType, Channel, LockedAction, NotifyAccess, OptionValue, OutcomeRules, SystemStep,
    UserAction, locked_actions,
};
use samictl::rules::Rule;
use samictl::simulate::{FiredType, NotifyKind};
use samictl::validate::check;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A value for a user action's field that the walker accepts on `rules`' card.
fn field_value(rules: &OutcomeRules, action: UserAction, field: &str) -> String {
    match (action, field) {
        (UserAction::Task, "due_in") if rules.requested_time => "requested-time".into(),
        (UserAction::Task, "due_in") => "4h".into(),
        (UserAction::Task, "assignee") => "owner".into(),
        (UserAction::Tag, _) => format!("walk-{}", rules.outcome.as_str()),
        _ => format!("\"Walk {}\"", rules.outcome.as_str()),
    }
}

/// One action item, every field of the action written.
fn action_item(rules: &OutcomeRules, t: ActionType, indent: &str) -> String {
    let mut s = format!("{indent}- type: {}\n", t.as_str());
    match t {
        ActionType::User(a) => {
            for f in a.field_specs() {
                s += &format!("{indent}  {}: {}\n", f.name, field_value(rules, a, f.name));
            }
        }
        ActionType::Locked(_) => s += &format!("{indent}  locked: true\n"),
    }
    s
}

/// A card that uses everything `rules` allows (`extra`: one more action type, allowed or not).
fn card(rules: &OutcomeRules, direction: Direction, extra: Option<ActionType>) -> String {
    let mut s = format!("  {}:\n", rules.outcome.as_str());
    if rules.takes_criteria {
        s += &format!(
            "    analysis_criteria: \"The call is about {}.\"\n",
            rules.outcome.as_str()
        );
    }
    if !rules.mid_call.is_empty() {
        s += "    mid_call:\n";
        for option in rules.mid_call {
            let value = match option.value() {
                OptionValue::Text { .. } => "\"Thanks, {{ contact.first_name }}.\"".to_owned(),
                OptionValue::Count { preset, .. } => preset.to_string(),
                OptionValue::Flag => "true".to_owned(),
            };
            s += &format!("      {}: {value}\n", option.key());
        }
    }
    s += "    actions:\n";
    if rules.channel == Channel::Call {
        for lock in locked_actions(rules.outcome, direction) {
            s += &action_item(rules, ActionType::Locked(lock), "      ");
        }
    }
    for a in rules.user_actions {
        s += &action_item(rules, ActionType::User(*a), "      ");
    }
    if let Some(t) = extra {
        s += &action_item(rules, t, "      ");
    }
    match rules.notify {
        NotifyAccess::Allowed => {
            s += "    notify:\n      owner: true\n      emails: [walk@example.com]\n      phones: [\"+15125550100\"]\n"
        }
        NotifyAccess::OwnerOnly => s += "    notify:\n      owner: true\n",
        NotifyAccess::Hidden | NotifyAccess::NotOffered => {}
    }
    s
}

/// A bot with a card for every row of every channel.
fn full_bot(direction: Direction) -> String {
    let mut s = format!("version: 1\nbot:\n  name: Walk\n  direction: {direction}\n");
    for channel in Channel::ALL {
        s += &format!("{}:\n", channel.section());
        for rules in channel.rules() {
            s += &card(rules, direction, None);
        }
    }
    s
}

fn bin() -> Command {
    let mut c = Command::new(common::BIN);
    c.env("NO_COLOR", "1")
        .env("COLUMNS", "160")
        .arg("--no-config");
    c
}

fn run(args: &[&str], dir: &Path) -> String {
    let out = common::run(bin().args(args).current_dir(dir)).output;
    assert!(
        out.status.success(),
        "samictl {args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn write_bot(name: &str, src: &str) -> (PathBuf, PathBuf) {
    let dir = common::scratch(&format!("product-walk-{name}"));
    let file = dir.join("bot.yaml");
    std::fs::write(&file, src).unwrap_or_else(|e| panic!("{file:?}: {e}"));
    (dir, file)
}

fn every_action_type() -> Vec<ActionType> {
    UserAction::ALL
        .into_iter()
        .map(ActionType::User)
        .chain(LockedAction::ALL.into_iter().map(ActionType::Locked))
        .collect()
}

#[test]
fn every_card_the_table_allows_validates_clean() {
    for direction in Direction::ALL {
        let src = full_bot(direction);
        // Every action the table allows is written, so the SMS card where opt-outs land has a
        // task and an owner alert: allowed, and warned about (`contact-after-opt-out`, issue
        // 24). The walk is about the table, so that warning is relaxed here.
        let mut settings = Settings::default();
        settings
            .levels
            .insert(Rule::ContactAfterOptOut, samictl::rules::Level::Allow);
        let checked = check(&src, &settings);
        assert!(
            checked.diagnostics.is_empty(),
            "{direction}: {:#?}\n{src}",
            checked.diagnostics
        );
        let bot = checked.bot.unwrap_or_else(|| panic!("no bot:\n{src}"));
        for channel in Channel::ALL {
            for rules in channel.rules() {
                let card = bot
                    .card_on(channel, rules.outcome)
                    .unwrap_or_else(|| panic!("{channel} {} has no card", rules.outcome));
                assert_eq!(
                    card.actions.len(),
                    rules.user_actions.len()
                        + usize::from(channel == Channel::Call)
                            * locked_actions(rules.outcome, direction).len(),
                    "{channel} {}",
                    rules.outcome
                );
            }
        }
    }
}

#[test]
fn every_action_type_the_table_refuses_is_refused() {
    let direction = Direction::Both;
    for channel in Channel::ALL {
        for rules in channel.rules() {
            for t in every_action_type() {
                let allowed = match t {
                    ActionType::User(a) => rules.user_actions.contains(&a),
                    ActionType::Locked(l) => {
                        channel == Channel::Call
                            && locked_actions(rules.outcome, direction).contains(&l)
                    }
                };
                if allowed {
                    continue;
                }
                let mut src = "version: 1\nbot:\n  name: Walk\n  direction: both\n".to_owned();
                src += &format!("{}:\n", channel.section());
                src += &card(rules, direction, Some(t));
                let checked = check(&src, &Settings::default());
                let rules_hit: Vec<&str> =
                    checked.diagnostics.iter().map(|d| d.rule.id()).collect();
                let expected = match t {
                    ActionType::User(_) => Rule::ActionNotAllowed,
                    // A messaging card takes no locked action at all.
                    ActionType::Locked(_) if channel == Channel::Sms => Rule::ActionNotAllowed,
                    ActionType::Locked(_) => Rule::LockedActionMismatch,
                };
                assert!(
                    rules_hit.contains(&expected.id()),
                    "{t} on {channel} {}: {rules_hit:?}\n{src}",
                    rules.outcome
                );
            }
        }
    }
}

#[test]
fn simulate_fires_every_type_and_show_renders_every_card() {
    let (dir, _) = write_bot("product-walk", &full_bot(Direction::Both));
    let mut fired_names = Vec::new();
    for channel in Channel::ALL {
        let out = run(
            &[
                "simulate",
                "bot.yaml",
                "--all",
                "--format",
                "json",
                "--channel",
                channel.as_str(),
            ],
            &dir,
        );
        let sims: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
        let sims = sims.as_array().cloned().unwrap_or_default();
        assert_eq!(sims.len(), channel.rules().len(), "{channel}: {out}");
        for (sim, rules) in sims.iter().zip(channel.rules()) {
            assert_eq!(sim["outcome"], rules.outcome.as_str());
            let fires: Vec<&str> = sim["fires"]
                .as_array()
                .map(|a| a.iter().filter_map(|f| f["type"].as_str()).collect())
                .unwrap_or_default();
            for a in rules.user_actions {
                assert!(
                    fires.contains(&a.as_str()),
                    "{channel} {}: {fires:?}",
                    rules.outcome
                );
            }
            for s in rules.system_steps {
                assert!(
                    fires.contains(&s.as_str()),
                    "{channel} {}: {fires:?}",
                    rules.outcome
                );
            }
            fired_names.extend(fires.iter().map(|s| s.to_string()));
        }
        // The human matrix has a row for every outcome of the channel.
        let human = run(
            &[
                "simulate",
                "bot.yaml",
                "--all",
                "--channel",
                channel.as_str(),
            ],
            &dir,
        );
        for rules in channel.rules() {
            assert!(human.contains(rules.outcome.as_str()), "{channel}: {human}");
        }
    }
    for t in FiredType::ALL {
        assert!(
            fired_names.iter().any(|n| n == t.as_str()),
            "`{}` never fired in the walk",
            t.as_str()
        );
    }
    // One outcome at a time: the human form names each fired type's step.
    for o in Outcome::ALL {
        let human = run(&["simulate", "bot.yaml", "--outcome", o.as_str()], &dir);
        assert!(human.contains(o.as_str()), "{o}: {human}");
    }

    let show = run(&["show", "bot.yaml", "--expand"], &dir);
    for channel in Channel::ALL {
        for rules in channel.rules() {
            assert!(
                show.contains(rules.title),
                "show lacks {}: {show}",
                rules.title
            );
        }
    }
    // Every fired type has its line in `show` (a new kind fails to compile here until the
    // walk knows how show renders it).
    for t in FiredType::ALL {
        let rendered = match t {
            FiredType::Locked(l) => format!("🔒 {}", l.as_str()),
            FiredType::System(s) => format!("🔒 {}", s.as_str()),
            FiredType::User(u) => {
                format!(". {} \"Walk", u.as_str()).replace("tag \"Walk", "tag \"walk-")
            }
            FiredType::Notify(NotifyKind::Owner) => "notify the assigned user".to_owned(),
            FiredType::Notify(NotifyKind::Email) => "email walk@example.com".to_owned(),
            FiredType::Notify(NotifyKind::Phone) => "text +15125550100".to_owned(),
        };
        assert!(show.contains(&rendered), "show lacks `{rendered}`:\n{show}");
    }
}

#[test]
fn schema_covers_every_outcome_and_action_type() {
    let out = run(&["schema"], common::root());
    let schema: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}"));
    let mut consts = Vec::new();
    for channel in Channel::ALL {
        let cards = &schema["properties"][channel.section()]["properties"];
        for rules in channel.rules() {
            let card = &cards[rules.outcome.as_str()];
            assert!(card.is_object(), "schema lacks {channel} {}", rules.outcome);
            let items = card["properties"]["actions"]["items"]["oneOf"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            let types: Vec<String> = items
                .iter()
                .filter_map(|i| i["properties"]["type"]["const"].as_str())
                .map(str::to_owned)
                .collect();
            for a in rules.user_actions {
                assert!(
                    types.iter().any(|t| t == a.as_str()),
                    "{channel} {}",
                    rules.outcome
                );
            }
            for l in locked_actions(rules.outcome, Direction::Both) {
                if channel == Channel::Call {
                    assert!(types.iter().any(|t| t == l.as_str()), "{}", rules.outcome);
                }
            }
            for option in rules.mid_call {
                assert!(
                    card["properties"]["mid_call"]["properties"][option.key()].is_object(),
                    "{} {}",
                    rules.outcome,
                    option.key()
                );
            }
            assert_eq!(
                card["properties"]["notify"].is_object(),
                rules.notify.is_allowed(),
                "{channel} {}",
                rules.outcome
            );
            consts.extend(types);
        }
    }
    for t in every_action_type() {
        assert!(consts.iter().any(|c| c == t.as_str()), "schema lacks {t}");
    }
}

#[test]
fn the_docs_mention_every_outcome_and_action_type() {
    let root = common::root();
    // docs/rules.md documents the rules, so every outcome and user action; the locked
    // actions are the format's (docs/format.md).
    for doc in ["docs/format.md", "docs/rules.md"] {
        let text = std::fs::read_to_string(root.join(doc)).unwrap_or_else(|e| panic!("{doc}: {e}"));
        for o in Outcome::ALL {
            assert!(text.contains(o.as_str()), "{doc} never mentions {o}");
        }
        for t in every_action_type() {
            if doc == "docs/format.md" || matches!(t, ActionType::User(_)) {
                assert!(text.contains(t.as_str()), "{doc} never mentions {t}");
            }
        }
    }
    let format = std::fs::read_to_string(root.join("docs/format.md")).unwrap_or_default();
    for s in SystemStep::ALL {
        assert!(
            format.contains(s.as_str()) || format.contains(s.label()),
            "docs/format.md never mentions the system step {}",
            s.as_str()
        );
    }
    for channel in Channel::ALL {
        for rules in channel.rules() {
            for option in rules.mid_call {
                assert!(
                    format.contains(option.key()),
                    "docs/format.md lacks {}",
                    option.key()
                );
            }
        }
    }
}

/// The walker keeps each field's limit and required flag as the table states them.
#[test]
fn every_action_field_is_checked_as_the_table_says() {
    let rules = samictl::product::rules_for(Outcome::MissedTransfer);
    for a in UserAction::ALL {
        assert!(
            rules.user_actions.contains(&a),
            "the walk needs a card allowing {a:?}"
        );
        let item = |fields: &[(&str, String)]| {
            let mut s = format!(
                "version: 1\nbot:\n  name: Walk\n  direction: inbound\noutcomes:\n  missed-transfer:\n    notify:\n      owner: true\n    actions:\n      - type: {}\n",
                a.as_str()
            );
            for (k, v) in fields {
                s += &format!("        {k}: {v}\n");
            }
            s
        };
        let filled = |except: &str, long: Option<(&str, usize)>| -> Vec<(&str, String)> {
            a.field_specs()
                .iter()
                .filter(|f| f.name != except)
                .map(|f| {
                    let v = match long {
                        Some((name, n)) if name == f.name => format!("\"{}\"", "w".repeat(n)),
                        _ => field_value(rules, a, f.name),
                    };
                    (f.name, v)
                })
                .collect()
        };
        let ids = |src: &str| -> Vec<&'static str> {
            check(src, &Settings::default())
                .diagnostics
                .iter()
                .filter(|d| d.rule != Rule::OutcomeMissing)
                .map(|d| d.rule.id())
                .collect()
        };
        assert_eq!(ids(&item(&filled("", None))), Vec::<&str>::new(), "{a:?}");
        for f in a.field_specs() {
            let missing = ids(&item(&filled(f.name, None)));
            assert_eq!(
                missing.contains(&Rule::InvalidValue.id()),
                f.required,
                "{a:?} without {}: {missing:?}",
                f.name
            );
            if let Some(max) = f.max_chars {
                let at = ids(&item(&filled("", Some((f.name, max)))));
                assert!(at.is_empty(), "{a:?} {} at {max}: {at:?}", f.name);
                let over = ids(&item(&filled("", Some((f.name, max + 1)))));
                assert_eq!(
                    over,
                    [Rule::InvalidValue.id()],
                    "{a:?} {} over {max}",
                    f.name
                );
            }
        }
    }
}
