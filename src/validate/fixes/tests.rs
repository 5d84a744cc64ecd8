//! The recipes, on the tree the check walks.

use super::*;
use crate::config::Settings;
use crate::rules::Rule;

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

/// The fixes attached on the findings' walk (only the nodes findings point at indexed) are
/// those of an index of every node, on every fixture and on a file whose fix needs the item
/// holding the node its finding points at.
#[test]
fn fixes_on_the_wanted_nodes_are_the_fixes_on_every_node() {
    let mut files = Vec::new();
    yaml_files(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"),
        &mut files,
    );
    let mut sources: Vec<String> = files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    sources.push(format!(
        "{HEAD}  successful-transfer:\n    actions:\n      - type: cancel-enrollment\n      - {{type: pause-enrollment}}\n      - type: tag\n        name: a\n      - type: tag\n        name: a\n    notify:\n      emails: [a@b.co, a@b.co]\n  opt-out: {{}}\n"
    ));
    let settings = Settings::default();
    let mut fixable = 0;
    for source in &sources {
        let Ok(root) = crate::yaml::read(source) else {
            continue;
        };
        let mut walker = super::super::walker::Walker {
            diags: Vec::new(),
            policy: &settings.policy,
            source,
            direction: None,
            channel: crate::product::Channel::Call,
            sms_card: None,
            missing: HashMap::new(),
            remedies: HashMap::new(),
        };
        walker.root(&root);
        let mut wanted = walker.diags.clone();
        let mut every = walker.diags.clone();
        attach_indexed(
            source,
            &root,
            &settings,
            &mut wanted,
            &walker.missing,
            true,
            false,
        );
        attach_indexed(
            source,
            &root,
            &settings,
            &mut every,
            &walker.missing,
            true,
            true,
        );
        assert_eq!(wanted, every, "{source}");
        fixable += wanted.iter().filter(|d| d.fix.is_some()).count();
    }
    assert!(fixable > 10, "only {fixable} fixes over the fixtures");
}

const HEAD: &str = "version: 1\nbot:\n  name: A\n  direction: outbound\noutcomes:\n";

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

/// Two misspelt keys of one mapping with the same one close candidate: neither has one right
/// answer (both renamed, the mapping would repeat a key), so neither carries a fix, and
/// `validate` and `fix` agree on none.
#[test]
fn misspelt_keys_claiming_the_same_key_have_no_fix() {
    let src = format!(
        "{HEAD}  missed-transfer:\n    notfy1: 1\n    notfy2: 1\n  needs-follow-up:\n    notfy: {{owner: true}}\n"
    );
    let diags = super::super::check(&src, &Settings::default()).diagnostics;
    let renames: Vec<_> = diags
        .iter()
        .filter(|d| d.rule == Rule::UnknownField)
        .map(|d| (d.pos.line, d.fix.is_some()))
        .collect();
    assert_eq!(
        renames,
        vec![(7, false), (8, false), (10, true)],
        "{diags:?}"
    );
}

/// A rewrite whose result would have a finding the source doesn't have carries no fix, in the
/// messaging section as in the call section: `owner: yes` made `true` on SMS not-interested
/// is a TCPA warning, so `validate` counts no fix there and `fix` leaves it.
#[test]
fn a_rewrite_that_would_expose_a_finding_has_no_fix() {
    let cards = "  successful-transfer: {}\n  missed-transfer: {}\n  needs-follow-up: {}\n  \
        contact-later: {}\n  opt-out: {}\n  not-interested: {}\n  unqualified: {}\n  \
        bad-number: {}\n";
    let messaging = |card: &str, owner: &str| {
        format!(
            "{HEAD}{cards}messaging:\n  {card}:\n    actoins: [{{type: tag, name: a}}]\n    \
             notify:\n      owner: {owner}\n"
        )
    };
    let settings = Settings::default();
    let fixed = |src: &str| -> Vec<(Rule, bool)> {
        super::super::check(src, &settings)
            .diagnostics
            .iter()
            .filter(|d| matches!(d.rule, Rule::UnknownField | Rule::InvalidValue))
            .map(|d| (d.rule, d.fix.is_some()))
            .collect()
    };
    let src = messaging("not-interested", "yes");
    assert_eq!(
        fixed(&src),
        vec![(Rule::UnknownField, true), (Rule::InvalidValue, false)]
    );
    let out = crate::fix::fix_text(&src, &settings, false);
    assert_eq!(out.applied.len(), 1, "{:?}", out.applied);
    assert!(out.refused.is_empty());
    // On a card where an owner alert is fine, the messaging boolean is fixed.
    let src = messaging("needs-follow-up", "yes");
    assert_eq!(
        fixed(&src),
        vec![(Rule::UnknownField, true), (Rule::InvalidValue, true)]
    );
}
