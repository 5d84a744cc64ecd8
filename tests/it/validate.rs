//! Validation findings: rule, line and column as the spec points them, for each rule.

use samictl::config::{Policy, Settings};
use samictl::diagnostic::Severity;
use samictl::rules::{Level, Rule};
use samictl::validate::{check, check_bytes};

const HEAD: &str = "version: 1\nbot:\n  name: Seller Outreach\n  direction: outbound\n";

/// Findings as (rule id, line, column), outcome-missing left out unless asked for.
fn findings_with(source: &str, settings: &Settings) -> Vec<(&'static str, u32, u32)> {
    check(source, settings)
        .diagnostics
        .iter()
        .map(|d| (d.rule.id(), d.pos.line, d.pos.column))
        .collect()
}

fn findings(source: &str) -> Vec<(&'static str, u32, u32)> {
    let mut settings = Settings::default();
    settings.levels.insert(Rule::OutcomeMissing, Level::Allow);
    findings_with(source, &settings)
}

fn bot(outcomes: &str) -> String {
    format!("{HEAD}outcomes:\n{outcomes}")
}

#[test]
fn yaml_syntax_points_where_parsing_stopped() {
    // YAML 1.2: a flow list continued at column 0 is itself the error (issue 32, 9C9N).
    assert_eq!(findings("a: [1, 2\nb: 3\n"), vec![("yaml-syntax", 2, 1)]);
    assert_eq!(findings("a: [1, 2\n  b: 3\n"), vec![("yaml-syntax", 2, 4)]);
    assert_eq!(findings(""), vec![("yaml-syntax", 1, 1)]);
    assert_eq!(findings("# only a comment\n"), vec![("yaml-syntax", 1, 1)]);
    assert_eq!(findings("a: 1\n---\nb: 2\n"), vec![("yaml-syntax", 3, 1)]);
    assert_eq!(
        findings("a: !include other.yaml\n"),
        vec![("yaml-syntax", 1, 4)]
    );
    assert_eq!(findings("a: !env HOME\n")[0].0, "yaml-syntax");
}

#[test]
fn not_utf8_is_a_syntax_finding_at_the_bad_byte() {
    let checked = check_bytes(b"version: 1\nbot: \xff\xfe\n", &Settings::default());
    let d = &checked.diagnostics[0];
    assert_eq!((d.rule, d.pos.line, d.pos.column), (Rule::YamlSyntax, 2, 6));
    assert!(d.message.contains("UTF-8"));
}

#[test]
fn duplicate_key_points_at_the_second() {
    let src = format!("{HEAD}  name: Again\noutcomes: {{}}\n");
    assert_eq!(findings(&src), vec![("duplicate-key", 5, 3)]);
    let src = bot("  opt-out: {}\n  unqualified: {}\n  opt-out: {}\n");
    assert_eq!(findings(&src), vec![("duplicate-key", 8, 3)]);
}

#[test]
fn unknown_field_points_at_the_key_with_a_suggestion() {
    let src = bot("  unqualified:\n    notfy:\n      owner: true\n");
    let checked = check(&src, &Settings::default());
    let d = checked
        .diagnostics
        .iter()
        .find(|d| d.rule == Rule::UnknownField)
        .unwrap();
    assert_eq!((d.pos.line, d.pos.column), (7, 5));
    assert_eq!(d.help.as_deref(), Some("did you mean `notify`?"));
    // Merge keys and `locked` on a user action are unknown fields too.
    let src = bot(
        "  opt-out:\n    <<: {}\n    actions:\n      - type: tag\n        name: x\n        locked: true\n",
    );
    assert_eq!(
        findings(&src),
        vec![("unknown-field", 7, 5), ("unknown-field", 11, 9)]
    );
}

#[test]
fn unknown_outcome_suggests_the_nearest_tag() {
    let src = bot("  opt_out: {}\n");
    let checked = check(&src, &Settings::default());
    let d = checked
        .diagnostics
        .iter()
        .find(|d| d.rule == Rule::UnknownOutcome)
        .unwrap();
    assert_eq!((d.pos.line, d.pos.column), (6, 3));
    assert_eq!(d.help.as_deref(), Some("did you mean `opt-out`?"));
}

#[test]
fn invalid_values_point_at_the_value() {
    let src = "version: 2\nbot:\n  name: x\n  direction: sideways\n";
    assert_eq!(
        findings(src),
        vec![("invalid-value", 1, 10), ("invalid-value", 4, 14)]
    );
    // Plain YAML 1.2: `yes` is a string.
    let src = bot("  unqualified:\n    notify:\n      owner: yes\n");
    assert_eq!(findings(&src), vec![("invalid-value", 8, 14)]);
    // Out of range, bad duration, too long, blank.
    let src = bot(&format!(
        "  not-interested:\n    mid_call:\n      max_objections: 0\n  unqualified:\n    actions:\n      - type: task\n        title: \"{}\"\n        due_in: 15s\n      - type: tag\n        name: \"  \"\n",
        "x".repeat(121)
    ));
    assert_eq!(
        findings(&src),
        vec![
            ("invalid-value", 8, 23),
            ("invalid-value", 12, 16),
            ("invalid-value", 13, 17),
            ("invalid-value", 15, 15)
        ]
    );
}

#[test]
fn missing_fields_point_at_the_parent_key() {
    // `version` and `bot` have no parent key: line 1.
    assert_eq!(
        findings("outcomes: {}\n"),
        vec![("invalid-value", 1, 1), ("invalid-value", 1, 1)]
    );
    assert_eq!(
        findings("version: 1\nbot:\n  name: x\noutcomes: {}\n"),
        vec![("invalid-value", 2, 1)]
    );
    // A missing action field points at the action item.
    let src = bot("  unqualified:\n    actions:\n      - type: note\n");
    assert_eq!(findings(&src), vec![("invalid-value", 8, 9)]);
}

#[test]
fn lengths_count_characters_not_bytes() {
    let name = "é".repeat(100);
    let src = format!("version: 1\nbot:\n  name: {name}\n  direction: inbound\noutcomes: {{}}\n");
    assert_eq!(findings(&src), vec![]);
    let src = format!("version: 1\nbot:\n  name: {name}é\n  direction: inbound\noutcomes: {{}}\n");
    assert_eq!(findings(&src), vec![("invalid-value", 3, 9)]);
}

#[test]
fn action_not_allowed_points_at_the_type_value() {
    let src = bot(
        "  contact-later:\n    actions:\n      - type: tag\n        name: x\n  opt-out:\n    actions:\n      - type: task\n        title: t\n",
    );
    assert_eq!(
        findings(&src),
        vec![
            ("action-not-allowed", 8, 15),
            ("action-not-allowed", 12, 15)
        ]
    );
}

#[test]
fn notify_not_allowed_even_when_empty() {
    for tag in ["opt-out", "not-interested", "contact-later"] {
        let src = bot(&format!("  {tag}:\n    notify: {{}}\n"));
        assert_eq!(findings(&src), vec![("notify-not-allowed", 7, 5)], "{tag}");
    }
}

#[test]
fn option_not_allowed_points_at_key_or_value() {
    let src = bot(
        "  successful-transfer:\n    analysis_criteria: x\n  unqualified:\n    mid_call:\n      confirm_time: true\n    actions:\n      - type: task\n        title: t\n        due_in: requested-time\n",
    );
    assert_eq!(
        findings(&src),
        vec![
            ("option-not-allowed", 7, 5),
            ("option-not-allowed", 10, 7),
            ("option-not-allowed", 14, 17)
        ]
    );
}

#[test]
fn locked_action_mismatch_and_disabled() {
    let src = bot(
        "  opt-out:\n    actions:\n      - type: pause-enrollment\n      - type: cancel-enrollment\n        locked: false\n  unqualified:\n    actions:\n      - type: do-not-contact-all-channels\n",
    );
    assert_eq!(
        findings(&src),
        vec![
            ("locked-action-mismatch", 8, 15),
            ("locked-action-disabled", 10, 9),
            ("locked-action-mismatch", 13, 15)
        ]
    );
    // Enrollment locks don't apply to inbound-only bots; do-not-contact does.
    let src = "version: 1\nbot:\n  name: x\n  direction: inbound\noutcomes:\n  opt-out:\n    actions:\n      - type: do-not-contact-all-channels\n      - type: cancel-enrollment\n";
    assert_eq!(findings(src), vec![("locked-action-mismatch", 9, 15)]);
}

#[test]
fn recipients_malformed_and_outside_policy() {
    let src = bot(
        "  unqualified:\n    notify:\n      emails: [ok@acme.com, bad@acme, x@gmail.com]\n      phones: [\"+15125550142\", \"5125550142\", \"+445125550142\"]\n    actions:\n      - type: task\n        title: t\n        assignee: boss@gmail.com\n",
    );
    assert_eq!(
        findings(&src),
        vec![("invalid-recipient", 8, 29), ("invalid-recipient", 9, 32)]
    );
    let mut settings = Settings {
        policy: Policy {
            email_domains: Some(vec!["acme.com".into()]),
            phone_prefixes: Some(vec!["+1".into()]),
            ..Policy::default()
        },
        ..Settings::default()
    };
    settings.levels.insert(Rule::OutcomeMissing, Level::Allow);
    assert_eq!(
        findings_with(&src, &settings),
        vec![
            ("invalid-recipient", 8, 29),
            ("recipient-not-allowed", 8, 39),
            ("invalid-recipient", 9, 32),
            ("recipient-not-allowed", 9, 46),
            ("recipient-not-allowed", 13, 19)
        ]
    );
}

#[test]
fn placeholders_by_outcome_and_field() {
    let src = bot(
        "  opt-out:\n    analysis_criteria: \"Lead says {{ contact.first_name }} stop\"\n    mid_call:\n      wrap_up: \"{{ call.summary }}\"\n    actions:\n      - type: note\n        text: \"At {{ requested_time }} {{ contact.nick }}\"\n  needs-follow-up:\n    actions:\n      - type: task\n        title: \"Call {{ requested_time }} {{ oops\"\n",
    );
    assert_eq!(
        findings(&src),
        vec![
            ("unknown-placeholder", 7, 35),
            ("unknown-placeholder", 9, 17),
            ("unknown-placeholder", 12, 19),
            ("unknown-placeholder", 12, 40),
            ("unknown-placeholder", 16, 43)
        ]
    );
}

#[test]
fn unknown_placeholder_points_at_the_placeholder_in_plain_and_quoted_scalars() {
    let src = bot(concat!(
        "  unqualified:\n",
        "    actions:\n",
        // double-quoted, with escapes before the placeholder
        "      - type: note\n",
        "        text: \"Say \\\"hi\\\" to {{ contact.nick }}\"\n",
        // single-quoted, with a doubled quote
        "      - type: note\n",
        "        text: 'It''s {{ nope }}'\n",
        // plain, on its continuation line
        "      - type: note\n",
        "        text: First line\n",
        "          then {{ call.sumary }} here\n",
        // block scalar
        "      - type: note\n",
        "        text: |\n",
        "          Line one\n",
        "          {{ bad }}\n",
    ));
    assert_eq!(
        findings(&src),
        vec![
            ("unknown-placeholder", 9, 30),
            ("unknown-placeholder", 11, 22),
            ("unknown-placeholder", 14, 16),
            ("unknown-placeholder", 18, 11)
        ]
    );
}

#[test]
fn criteria_catches_opt_out_points_at_the_phrase_inside_the_criteria() {
    // Double-quoted, plain, a literal block (second line) and a folded block; opt-out itself
    // and an excluded request are fine.
    let src = bot(
        "  not-interested:\n    analysis_criteria: \"Any objection, including a request to stop calling, counts.\"\n  bad-number:\n    analysis_criteria: Wrong person, or they say remove me from the list.\n  opt-out:\n    analysis_criteria: The lead asks us to stop calling.\n  unqualified:\n    analysis_criteria: Already sold; no explicit request to stop calling.\n  contact-later:\n    analysis_criteria: |\n      Names a time.\n      Or: lose my number\n  needs-follow-up:\n    notify:\n      owner: true\n    analysis_criteria: >-\n      Has questions, or doesn't want\n      more calls\n",
    );
    let checked = check(&src, &{
        let mut s = Settings::default();
        s.levels.insert(Rule::OutcomeMissing, Level::Allow);
        s
    });
    let found: Vec<_> = checked
        .diagnostics
        .iter()
        .map(|d| (d.rule.id(), d.pos.line, d.pos.column, d.severity))
        .collect();
    assert_eq!(
        found,
        vec![
            ("criteria-catches-opt-out", 7, 63, Severity::Warning),
            ("criteria-catches-opt-out", 9, 50, Severity::Warning),
            ("criteria-catches-opt-out", 17, 11, Severity::Warning),
            ("criteria-catches-opt-out", 22, 25, Severity::Warning)
        ]
    );
    let lens: Vec<u32> = checked.diagnostics.iter().map(|d| d.pos.len).collect();
    // A phrase over a line end spans it as written.
    assert_eq!(lens, [12, 9, 14, 29]);
    assert!(
        checked.diagnostics[2]
            .message
            .contains("\"lose my number\"")
    );
    assert!(checked.diagnostics[0].message.contains("\"stop calling\""));
    assert!(checked.bot.is_some(), "a warning, not an error");
    // Configurable like every warning rule.
    let mut deny = Settings::default();
    deny.levels.insert(Rule::OutcomeMissing, Level::Allow);
    deny.levels.insert(Rule::CriteriaCatchesOptOut, Level::Deny);
    assert!(check(&src, &deny).has_errors());
}

#[test]
fn warnings_point_where_the_spec_says() {
    let src = bot(
        "  needs-follow-up: {}\n  missed-transfer:\n    actions:\n      - type: note\n        text: x\n  unqualified:\n    actions:\n      - type: tag\n        name: VIP\n      - type: tag\n        name: vip\n    notify:\n      emails: [a@b.co, A@B.CO]\n      phones: [\"+15125550142\", \"+15125550142\"]\n  successful-transfer:\n    notify:\n      owner: false\n",
    );
    assert_eq!(
        findings(&src),
        vec![
            ("follow-up-unassigned", 6, 3),
            ("missed-transfer-unnoticed", 7, 3),
            ("duplicate-action", 15, 9),
            ("duplicate-recipient", 18, 24),
            ("duplicate-recipient", 19, 32),
            ("notify-empty", 21, 5)
        ]
    );
    // outcome-missing points at `outcomes`, or line 1 without it.
    let all = Settings::default();
    let f = findings_with(&bot("  opt-out: {}\n"), &all);
    assert_eq!(f.iter().filter(|f| f.0 == "outcome-missing").count(), 7);
    assert!(f.iter().all(|f| f.1 == 5 && f.2 == 1));
    let f = findings_with("version: 1\nbot: {name: x, direction: both}\n", &all);
    assert_eq!(f.len(), 8);
    assert!(f.iter().all(|f| *f == ("outcome-missing", 1, 1)));
}

#[test]
fn levels_and_deny_warnings() {
    let src = bot("  unqualified:\n    notify: {}\n");
    let mut settings = Settings::default();
    let checked = check(&src, &settings);
    assert_eq!(checked.tally().warnings, 8);
    assert!(!checked.has_errors());
    assert!(checked.bot.is_some());

    settings.levels.insert(Rule::OutcomeMissing, Level::Allow);
    settings.levels.insert(Rule::NotifyEmpty, Level::Deny);
    let checked = check(&src, &settings);
    assert_eq!(checked.diagnostics.len(), 1);
    assert_eq!(checked.diagnostics[0].severity, Severity::Error);
    assert!(checked.bot.is_none(), "a denied warning is an error");

    let settings = Settings {
        deny_warnings: true,
        ..Settings::default()
    };
    let checked = check(&src, &settings);
    assert_eq!(checked.tally().errors, 8);
}

#[test]
fn every_finding_not_just_the_first() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/invalid/many-findings.yaml"
    ))
    .unwrap();
    let checked = check(&text, &Settings::default());
    let t = checked.tally();
    assert!(t.errors >= 25, "{t:?}");
    // Every error rule but the ones that need a policy or a parse failure shows up.
    for rule in Rule::all().filter(|r| !r.is_warning_rule()) {
        if matches!(
            rule,
            Rule::YamlSyntax
                | Rule::RecipientNotAllowed
                | Rule::PolicyViolation
                | Rule::DuplicateKey
        ) {
            continue;
        }
        assert!(
            checked.diagnostics.iter().any(|d| d.rule == rule),
            "{} missing",
            rule.id()
        );
    }
    // Sorted by position.
    let positions: Vec<_> = checked
        .diagnostics
        .iter()
        .map(|d| (d.pos.line, d.pos.column))
        .collect();
    let mut sorted = positions.clone();
    sorted.sort();
    assert_eq!(positions, sorted);
}

#[test]
fn aliases_report_at_the_use_site() {
    let src =
        format!("{HEAD}anchors: &n {{owner: yes}}\noutcomes:\n  unqualified:\n    notify: *n\n");
    let f = findings(&src);
    assert!(f.contains(&("invalid-value", 8, 13)), "{f:?}");
}

#[test]
fn duplicate_actions_point_back_at_the_first_alike() {
    let src = bot(
        "  unqualified:\n    actions:\n      - type: task\n        title: Call\n        assignee: Ops@Acme.com\n      - type: tag\n        name: VIP\n      - type: task\n        title: Call\n        assignee: ops@acme.COM\n      - type: task\n        title: call\n        assignee: ops@acme.com\n      - type: tag\n        name: vip\n",
    );
    let settings = Settings::default();
    let messages: Vec<(u32, String)> = check(&src, &settings)
        .diagnostics
        .into_iter()
        .filter(|d| d.rule == Rule::DuplicateAction)
        .map(|d| (d.pos.line, d.message))
        .collect();
    // The task with another title is not a duplicate; emails and tags ignore case.
    assert_eq!(
        messages,
        vec![
            (
                13,
                "this `task` action repeats the one on line 8".to_owned()
            ),
            (
                19,
                "this `tag` action repeats the one on line 11".to_owned()
            ),
        ]
    );
}
