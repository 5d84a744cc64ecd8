//! Property tests. Bot files generated from the product table, valid by construction, must
//! validate with no errors, and their simulation must uphold the compliance invariants; random
//! mutations of them must never panic and always end in a finding or a clean pass.

use proptest::prelude::*;
use samictl::config::Settings;
use samictl::model::Action;
use samictl::outcome::{Direction, Outcome};
use samictl::product::{
    Channel, LockedAction, MidCallOption, NotifyAccess, OutcomeRules, TextField, UserAction,
    locked_actions, rules_for,
};
use samictl::render::{self, FileReport, human::Palette};
use samictl::simulate::{Fired, simulate_all, simulate_all_on};
use samictl::validate::{check, check_bytes, check_tree, findings};
use serde_json::Value;

/// A YAML double-quoted string (JSON strings are valid YAML).
fn q(s: &str) -> String {
    Value::from(s).to_string()
}

fn words() -> impl Strategy<Value = String> {
    "[A-Za-z][A-Za-z0-9 ,.'!?-]{0,40}"
        .prop_map(|s| s.trim_end().to_owned())
        .prop_filter("not blank", |s| !s.trim().is_empty())
}

fn placeholder(outcome: Outcome, spoken: bool) -> impl Strategy<Value = String> {
    let field = if spoken {
        samictl::product::TextField::WrapUp
    } else {
        samictl::product::TextField::NoteText
    };
    let names = samictl::product::placeholders_available(outcome, field);
    proptest::sample::select(names).prop_map(|n| format!("{{{{ {n} }}}}"))
}

fn text(outcome: Outcome, spoken: bool) -> impl Strategy<Value = String> {
    (
        words(),
        proptest::option::of(placeholder(outcome, spoken)),
        words(),
    )
        .prop_map(|(a, p, b)| match p {
            Some(p) => format!("{a} {p} {b}"),
            None => a,
        })
}

fn email() -> impl Strategy<Value = String> {
    ("[a-z]{1,8}", "[a-z]{1,8}").prop_map(|(l, d)| format!("{l}@{d}.com"))
}

fn phone() -> impl Strategy<Value = String> {
    "\\+1[0-9]{10}"
}

fn action(outcome: Outcome, kind: UserAction) -> BoxedStrategy<String> {
    match kind {
        UserAction::Note => text(outcome, false)
            .prop_map(|t| format!("      - type: note\n        text: {}\n", q(&t)))
            .boxed(),
        UserAction::Tag => "[a-z][a-z0-9 :/_-]{0,20}[a-z0-9]"
            .prop_map(|n| format!("      - type: tag\n        name: {}\n", q(&n)))
            .boxed(),
        UserAction::Task => {
            let requested = rules_for(outcome).requested_time;
            let due = prop_oneof![
                Just(None),
                (1u32..=90, proptest::sample::select(vec!['m', 'h', 'd']))
                    .prop_map(|(n, u)| Some(format!("{n}{u}"))),
                Just(requested.then(|| "requested-time".to_owned())),
            ];
            let assignee = prop_oneof![
                Just(None),
                Just(Some("owner".to_owned())),
                email().prop_map(Some)
            ];
            (text(outcome, false), due, assignee)
                .prop_map(|(title, due, who)| {
                    let title: String = title.chars().take(120).collect();
                    let mut s = format!(
                        "      - type: task\n        title: {}\n",
                        q(title.trim_end())
                    );
                    if let Some(d) = due {
                        s.push_str(&format!("        due_in: {d}\n"));
                    }
                    if let Some(w) = who {
                        s.push_str(&format!("        assignee: {}\n", q(&w)));
                    }
                    s
                })
                .boxed()
        }
    }
}

fn card(outcome: Outcome, direction: Direction) -> BoxedStrategy<String> {
    let rules = rules_for(outcome);
    let kinds: Vec<UserAction> = rules.user_actions.to_vec();
    let actions = proptest::collection::vec(
        proptest::sample::select(kinds).prop_flat_map(move |k| action(outcome, k)),
        0..4,
    );
    let criteria = if rules.takes_criteria {
        proptest::option::of(words()).boxed()
    } else {
        Just(None).boxed()
    };
    let wrap_up = proptest::option::of(text(outcome, true));
    let max_obj = if rules.mid_call.contains(&MidCallOption::MaxObjections) {
        proptest::option::of(1u8..=10).boxed()
    } else {
        Just(None).boxed()
    };
    let confirm = if rules.mid_call.contains(&MidCallOption::ConfirmTime) {
        proptest::option::of(any::<bool>()).boxed()
    } else {
        Just(None).boxed()
    };
    let notify = if rules.notify == NotifyAccess::Allowed {
        proptest::option::of((
            any::<bool>(),
            proptest::collection::btree_set(email(), 0..4),
            proptest::collection::btree_set(phone(), 0..3),
        ))
        .boxed()
    } else {
        Just(None).boxed()
    };
    let write_locks = any::<bool>();
    (
        criteria,
        wrap_up,
        max_obj,
        confirm,
        actions,
        notify,
        write_locks,
    )
        .prop_map(
            move |(criteria, wrap_up, max_obj, confirm, actions, notify, write_locks)| {
                let mut s = format!("  {outcome}:\n");
                if let Some(c) = criteria {
                    s.push_str(&format!("    analysis_criteria: {}\n", q(&c)));
                }
                if wrap_up.is_some() || max_obj.is_some() || confirm.is_some() {
                    s.push_str("    mid_call:\n");
                    if let Some(w) = wrap_up {
                        s.push_str(&format!("      wrap_up: {}\n", q(&w)));
                    }
                    if let Some(m) = max_obj {
                        s.push_str(&format!("      max_objections: {m}\n"));
                    }
                    if let Some(c) = confirm {
                        s.push_str(&format!("      confirm_time: {c}\n"));
                    }
                }
                let mut items: Vec<String> = Vec::new();
                if write_locks {
                    for lock in locked_actions(outcome, direction) {
                        items.push(format!(
                            "      - type: {}\n        locked: true\n",
                            lock.as_str()
                        ));
                    }
                }
                // Tags compared case-insensitively: keep them distinct so no duplicate warning
                // changes what is compared below.
                let mut seen = std::collections::HashSet::new();
                for a in actions {
                    if seen.insert(a.to_lowercase()) {
                        items.push(a);
                    }
                }
                if !items.is_empty() {
                    s.push_str("    actions:\n");
                    for i in items {
                        s.push_str(&i);
                    }
                }
                if let Some((owner, emails, phones)) = notify {
                    s.push_str("    notify:\n");
                    s.push_str(&format!("      owner: {owner}\n"));
                    let list =
                        |v: Vec<String>| v.iter().map(|x| q(x)).collect::<Vec<_>>().join(", ");
                    s.push_str(&format!(
                        "      emails: [{}]\n",
                        list(emails.into_iter().collect())
                    ));
                    s.push_str(&format!(
                        "      phones: [{}]\n",
                        list(phones.into_iter().collect())
                    ));
                }
                s
            },
        )
        .boxed()
}

/// A text for a messaging card's task title: words and a placeholder that exists there.
fn sms_text(rules: &'static OutcomeRules) -> impl Strategy<Value = String> {
    let names = samictl::product::placeholders_available_in(rules, TextField::TaskTitle);
    (
        words(),
        proptest::option::of(proptest::sample::select(names)),
        words(),
    )
        .prop_map(|(a, p, b)| match p {
            Some(p) => format!("{a} {{{{ {p} }}}} {b}"),
            None => a,
        })
}

/// A messaging card (docs/spec 17) from its row of the product table: tags and tasks
/// (assigned to the owner), and maybe an owner alert.
fn sms_card(rules: &'static OutcomeRules) -> BoxedStrategy<String> {
    let outcome = rules.outcome;
    let tag = "[a-z][a-z0-9 :/_-]{0,20}[a-z0-9]"
        .prop_map(|n| format!("      - type: tag\n        name: {}\n", q(&n)));
    let due = prop_oneof![
        Just(None),
        (1u32..=90, proptest::sample::select(vec!['m', 'h', 'd']))
            .prop_map(|(n, u)| Some(format!("{n}{u}"))),
        Just(rules.requested_time.then(|| "requested-time".to_owned())),
    ];
    let task = (sms_text(rules), due, any::<bool>()).prop_map(|(title, due, owner)| {
        let title: String = title.chars().take(120).collect();
        let mut s = format!(
            "      - type: task\n        title: {}\n",
            q(title.trim_end())
        );
        if let Some(d) = due {
            s.push_str(&format!("        due_in: {d}\n"));
        }
        if owner {
            s.push_str("        assignee: owner\n");
        }
        s
    });
    let actions = proptest::collection::vec(prop_oneof![tag, task], 0..4);
    (actions, any::<bool>())
        .prop_map(move |(actions, owner)| {
            let mut s = format!("  {outcome}:\n");
            let mut seen = std::collections::HashSet::new();
            let items: Vec<String> = actions
                .into_iter()
                .filter(|a| seen.insert(a.to_lowercase()))
                .collect();
            if !items.is_empty() {
                s.push_str("    actions:\n");
                for i in items {
                    s.push_str(&i);
                }
            }
            if owner {
                s.push_str("    notify:\n      owner: true\n");
            }
            if s.ends_with(":\n") && !s.contains("    ") {
                s = format!("  {outcome}: {{}}\n");
            }
            s
        })
        .boxed()
}

/// A whole bot file, valid by construction, with a random subset of the eight cards and, half
/// the time, a `messaging` section with a random subset of the five SMS cards.
pub(crate) fn bot_file() -> impl Strategy<Value = (String, Direction)> {
    (
        proptest::sample::select(Direction::ALL.to_vec()),
        words(),
        any::<bool>(),
    )
        .prop_flat_map(|(direction, name, with_messaging)| {
            let cards: Vec<BoxedStrategy<Option<String>>> = Outcome::ALL
                .iter()
                .map(|o| proptest::option::weighted(0.8, card(*o, direction)).boxed())
                .collect();
            let sms: Vec<BoxedStrategy<Option<String>>> = Channel::Sms
                .rules()
                .iter()
                .map(|r| proptest::option::weighted(0.8, sms_card(r)).boxed())
                .collect();
            (cards, sms).prop_map(move |(cards, sms)| {
                let mut s = format!(
                    "version: 1\nbot:\n  name: {}\n  direction: {direction}\noutcomes:\n",
                    q(&name)
                );
                for c in cards.into_iter().flatten() {
                    s.push_str(&c);
                }
                if with_messaging {
                    // `messaging:` with no card under it is null, an absent section (as
                    // `outcomes: ~`); a present, empty section is written `{}`.
                    let sms: Vec<String> = sms.into_iter().flatten().collect();
                    if sms.is_empty() {
                        s.push_str("messaging: {}\n");
                    } else {
                        s.push_str("messaging:\n");
                        for c in sms {
                            s.push_str(&c);
                        }
                    }
                }
                (s, direction)
            })
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn generated_bots_validate_and_uphold_the_invariants((text, direction) in bot_file()) {
        let checked = check(&text, &Settings::default());
        prop_assert!(!checked.has_errors(), "{text}\n{:#?}", checked.diagnostics);
        prop_assert_eq!(&findings(text.as_bytes(), &Settings::default()), &checked.diagnostics);
        // A plain bot file is read on the fast path, to the tree serde-saphyr reads, every
        // position included, so serde-saphyr's tree gives the same findings.
        let plain = samictl::yaml::parse_plain(&text);
        prop_assert!(plain.is_some(), "{text}");
        let reference = samictl::yaml::parse(&text);
        prop_assert_eq!(plain.ok_or(()), reference.clone().map_err(|_| ()));
        let reference = reference.map(|root| check_tree(&text, &root, &Settings::default()).diagnostics);
        prop_assert_eq!(Ok(checked.diagnostics.clone()), reference.map_err(|_| ()));
        let bot = checked.bot.expect("a bot");
        prop_assert_eq!(bot.direction, direction);
        for override_ in [None, Some(Direction::Inbound), Some(Direction::Outbound), Some(Direction::Both)] {
            for sim in simulate_all(&bot, override_) {
                let fired: Vec<&Fired> = sim.fires().collect();
                if sim.outcome == Outcome::OptOut {
                    prop_assert_eq!(fired.first().copied(), Some(&Fired::Action(Action::Locked(LockedAction::DoNotContactAllChannels))));
                }
                let enrollment: Vec<&&Fired> = fired.iter().filter(|f| matches!(f, Fired::Action(Action::Locked(l)) if l.is_enrollment_lock())).collect();
                if sim.direction.is_outbound_capable() {
                    prop_assert_eq!(enrollment.len(), 1);
                    let lock = rules_for(sim.outcome).enrollment_lock.map(|l| Fired::Action(Action::Locked(l)));
                    prop_assert_eq!(Some(*enrollment[0]), lock.as_ref());
                } else {
                    prop_assert!(enrollment.is_empty());
                }
                let notifies = |f: &&Fired| matches!(f, Fired::NotifyOwner | Fired::NotifyEmail { .. } | Fired::NotifyPhone { .. });
                if rules_for(sim.outcome).notify != NotifyAccess::Allowed {
                    prop_assert!(!fired.iter().any(notifies), "notification on {}", sim.outcome);
                }
                // Locks come first, then user actions, then notifications.
                let rank = |f: &Fired| match f {
                    Fired::Action(Action::Locked(_)) => 0,
                    Fired::Action(Action::Note { .. }) | Fired::Action(Action::Task { .. }) | Fired::Action(Action::Tag { .. }) => 1,
                    _ => 2,
                };
                prop_assert!(fired.windows(2).all(|w| rank(w[0]) <= rank(w[1])));
                // The JSON round-trips.
                let json = sim.to_json();
                let again: Value = serde_json::from_str(&serde_json::to_string(&json).unwrap()).unwrap();
                prop_assert_eq!(json, again);
            }
        }
        // The messaging outcomes: SAMI's system steps first, never a note, and nobody but the
        // owner hears of it.
        prop_assert_eq!(bot.messaging.is_some(), text.contains("\nmessaging:"));
        let sms = simulate_all_on(&bot, Channel::Sms, None);
        prop_assert_eq!(sms.len(), 5);
        for sim in &sms {
            let rules = samictl::product::rules_on(Channel::Sms, sim.outcome).expect("an SMS row");
            let fired: Vec<&Fired> = sim.fires().collect();
            let steps = rules.system_steps.len();
            prop_assert!(steps >= 3);
            prop_assert_eq!(
                fired.iter().take(steps).map(|f| f.type_name()).collect::<Vec<_>>(),
                rules.system_steps.iter().map(|s| s.as_str()).collect::<Vec<_>>()
            );
            prop_assert!(fired.iter().take(steps).all(|f| matches!(f, Fired::System(_)) && f.is_locked()));
            prop_assert!(fired.iter().skip(steps).all(|f| !f.is_locked()));
            let note_or_lock = |f: &&Fired| matches!(f, Fired::Action(Action::Note { .. }) | Fired::Action(Action::Locked(_)));
            prop_assert!(!fired.iter().any(note_or_lock), "a note or a call lock on SMS {}", sim.outcome);
            for f in &fired {
                let owner_only = match f {
                    Fired::NotifyEmail { .. } | Fired::NotifyPhone { .. } => false,
                    Fired::Action(Action::Task { assignee, .. }) => *assignee == samictl::model::Assignee::Owner,
                    _ => true,
                };
                prop_assert!(owner_only, "a recipient other than the owner on SMS {}", sim.outcome);
            }
            let json = sim.to_json();
            prop_assert_eq!(&json["channel"], "sms");
            prop_assert_eq!(&json["callback"], &Value::Null);
        }
        // Both sections round-trip through `simulate --record` and `test`, and a bot compared
        // with itself has no behaviour change on either channel.
        let recorded = samictl::behaviour::parse(&samictl::behaviour::record(&bot, "x.yaml", None))
            .expect("a recording parses");
        let sms_cases = recorded.cases.iter().filter(|c| c.channel == Channel::Sms).count();
        prop_assert_eq!(sms_cases, if bot.messaging.is_some() { 5 } else { 0 });
        prop_assert!(recorded.cases.iter().all(|c| samictl::behaviour::run_case(&bot, c).passed()));
        prop_assert!(samictl::behaviour_diff::diff(&bot, &bot).is_empty());
        let report = FileReport::new("x.yaml".into(), &text, checked.diagnostics.clone());
        let json: Value = serde_json::from_str(&render::json::validate_report(&[report])).unwrap();
        prop_assert_eq!(json["errors"].as_u64(), Some(0));
    }

    #[test]
    fn mutations_never_panic_and_end_in_a_finding_or_a_clean_pass(
        (text, _) in bot_file(),
        kind in 0u8..4,
        at in any::<prop::sample::Index>(),
        other in any::<prop::sample::Index>(),
        bytes in proptest::collection::vec(any::<u8>(), 1..8),
    ) {
        let mut lines: Vec<Vec<u8>> = text.lines().map(|l| l.as_bytes().to_vec()).collect();
        let i = at.index(lines.len());
        let j = other.index(lines.len());
        match kind {
            0 => { lines.remove(i); }
            1 => lines.swap(i, j),
            2 => {
                let line = &mut lines[i];
                let k = other.index(line.len() + 1);
                line.splice(k..k, bytes.iter().copied());
            }
            _ => { let l = lines[i].clone(); lines.insert(j, l); }
        }
        let mutated = lines.join(&b'\n');
        let checked = check_bytes(&mutated, &Settings::default());
        prop_assert!(checked.bot.is_some() || checked.has_errors());
        // The fast path of `validate` reports exactly what the full check does; both report
        // what serde-saphyr's reading gives (same findings, same lines and columns), and the
        // unpositioned parse gives the same tree.
        prop_assert_eq!(&findings(&mutated, &Settings::default()), &checked.diagnostics);
        if let Ok(text) = std::str::from_utf8(&mutated) {
            let full = samictl::yaml::parse(text);
            let unpositioned = samictl::yaml::parse_unpositioned(text);
            prop_assert_eq!(&full.clone().map(|n| n.without_positions()), &unpositioned);
            if let Some(plain) = samictl::yaml::parse_plain(text) {
                prop_assert_eq!(Ok(plain), full.clone());
            }
            if let Ok(root) = &full {
                prop_assert_eq!(&check_tree(text, root, &Settings::default()).diagnostics, &checked.diagnostics);
            }
        }
        let report = FileReport::new("m.yaml".into(), &String::from_utf8_lossy(&mutated), checked.diagnostics);
        let reports = [report];
        let _ = render::human::validate_report(&reports, &Palette::new(true));
        let _ = render::sarif::validate_report(&reports);
        let _ = render::junit::validate_report(&reports);
        let _ = render::github::validate_report(&reports);
    }

    #[test]
    fn the_fast_path_reads_any_document_as_serde_saphyr_does(doc in yaml_document()) {
        if let Some(plain) = samictl::yaml::parse_plain(&doc) {
            // The same tree, every line, column and length included.
            prop_assert_eq!(Ok(plain), samictl::yaml::parse(&doc), "{}", doc);
        }
    }
}

/// A scalar in any spelling: words, numbers in every notation, null and boolean spellings,
/// quoted, with odd characters.
fn scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z][A-Za-z0-9_ -]{0,8}",
        "[-+.~0-9][-+._0-9a-zA-Z:]{0,6}",
        "[0-9]{1,22}",
        proptest::sample::select(vec![
            "~", "null", "Null", "NULL", "nUll", "true", "True", "TRUE", "false", "yes", "no",
            "on", "off", ".inf", "-.Inf", ".NaN", "+.nan", "inf", "nan", "Infinity", "0x1F",
            "0o17", "0b11", "0X1F", "1e3", "1E-3", "1_000", "007", "-0", "+0", "<<", "-", "?", ":",
            "''", "\"\"", "\"a b\"", "'1'", "!!str 1", "&a x", "*a", "|", ">",
        ])
        .prop_map(str::to_owned),
        "[ -~]{0,6}",
        "[a-z][a-z\u{e9}\u{4e2d}\u{1f3e0} ]{0,6}[a-z]",
    ]
}

/// A small YAML document of block and flow collections whose keys and values are [`scalar`]s,
/// laid out in varied ways (indentation, spaces after `:` and `,`, comments, blank lines, CRLF
/// line ends) so that positions are compared on more than one layout.
fn yaml_document() -> impl Strategy<Value = String> {
    let gap = || proptest::sample::select(vec![" ", "  ", "   ", " \t"]);
    let entry = (scalar(), scalar(), 0u8..6, scalar(), gap(), 1usize..5).prop_map(
        |(k, v, shape, w, sp, indent)| {
            let pad = " ".repeat(indent);
            match shape {
                0 => format!("{k}:{sp}{v}\n"),
                1 => format!("{k}:{sp}[{v},{sp}{w}]\n"),
                2 => format!("{k}:\n{pad}-{sp}{v}\n{pad}-{sp}{w}\n"),
                3 => format!("{k}:{sp}{{{v}:{sp}{w}}}\n"),
                4 => format!("{k}:  # note\n\n{pad}{v}:{sp}{w}\n"),
                _ => format!("{k}:{sp}|\n{pad}{v}\n{pad}{w}\n"),
            }
        },
    );
    (proptest::collection::vec(entry, 1..6), 0u8..6).prop_map(|(entries, prefix)| {
        let body = entries.concat();
        match prefix {
            0 => body,
            1 => format!("---\n{body}"),
            2 => format!("{body}...\n"),
            3 => format!("# comment\n{body}"),
            4 => body.replace('\n', "\r\n"),
            _ => format!("\u{feff}{body}"),
        }
    })
}

/// An org policy (`[policy.outcomes.TAG]`) built from a checked bot's own behaviour: it
/// requires everything each card does and forbids every user action type it lacks. Emails and
/// tags are upper-cased, since the policy compares them case-insensitively.
fn policy_of(bot: &samictl::model::Bot) -> String {
    use samictl::model::Action;
    let mut toml = String::new();
    for outcome in Outcome::ALL {
        let rules = rules_for(outcome);
        let card = bot.cards.get(&outcome).cloned().unwrap_or_default();
        let mut keys: Vec<String> = Vec::new();
        let has = |t: UserAction| {
            card.actions
                .iter()
                .any(|a| a.value.type_name() == t.as_str())
        };
        let list = |items: Vec<String>| items.iter().map(|s| q(s)).collect::<Vec<_>>().join(", ");
        let present: Vec<String> = UserAction::ALL
            .into_iter()
            .filter(|t| has(*t))
            .map(|t| t.as_str().to_owned())
            .collect();
        let absent: Vec<String> = UserAction::ALL
            .into_iter()
            .filter(|t| !has(*t))
            .map(|t| t.as_str().to_owned())
            .collect();
        if !present.is_empty() {
            keys.push(format!("require_actions = [{}]", list(present)));
        }
        if !absent.is_empty() {
            keys.push(format!("forbid_actions = [{}]", list(absent)));
        }
        if let Some(n) = &card.notify {
            if n.owner {
                keys.push("require_owner = true".to_owned());
            }
            let recipients: Vec<String> = n
                .emails
                .iter()
                .map(|e| e.value.to_uppercase())
                .chain(n.phones.iter().map(|p| p.value.clone()))
                .collect();
            if !recipients.is_empty() {
                keys.push(format!("require_recipients = [{}]", list(recipients)));
            }
        }
        let tags: Vec<String> = card
            .actions
            .iter()
            .filter_map(|a| match &a.value {
                Action::Tag { name } => Some(name.to_uppercase()),
                _ => None,
            })
            .collect();
        if !tags.is_empty() {
            keys.push(format!("require_tags = [{}]", list(tags)));
        }
        if rules.takes_criteria && card.analysis_criteria.is_none() {
            keys.push("criteria = \"default\"".to_owned());
        }
        if card.mid_call.wrap_up.is_some() {
            keys.push("require_wrap_up = true".to_owned());
        }
        toml.push_str(&format!(
            "[policy.outcomes.{outcome}]\n{}\n\n",
            keys.join("\n")
        ));
    }
    toml
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// A policy built from a valid bot's own behaviour is a valid samictl.toml (it asks nothing
    /// the product forbids) and that bot satisfies it, whatever its direction.
    #[test]
    fn a_policy_built_from_a_bot_is_satisfied_by_that_bot((text, _) in bot_file()) {
        let bot = check(&text, &Settings::default()).bot.expect("a valid bot");
        let toml = policy_of(&bot);
        let config = samictl::config::parse_config(&toml);
        prop_assert!(config.is_ok(), "{toml}\n{:?}", config.err());
        let settings = config.map(|c| c.settings(false)).unwrap_or_default();
        prop_assert_eq!(settings.policy.outcomes.len(), 8);
        let checked = check(&text, &settings);
        prop_assert!(!checked.has_errors(), "{text}\n{toml}\n{:#?}", checked.diagnostics);
        prop_assert_eq!(&findings(text.as_bytes(), &settings), &checked.diagnostics);
        // The policy is not vacuous: another bot's behaviour breaks it unless it does the same.
        let empty = "version: 1\nbot: {name: x, direction: outbound}\noutcomes: {}\n";
        let other = check(empty, &settings);
        let broke = other.diagnostics.iter().any(|d| d.rule == samictl::rules::Rule::PolicyViolation);
        let demands = toml.contains("require_");
        prop_assert_eq!(broke, demands, "{}", toml);
    }
}
