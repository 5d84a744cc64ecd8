//! The recipes, on the tree the check walks.

use super::*;
use crate::config::Settings;
use crate::outcome::Outcome;
use crate::product::Channel;
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

/// The tests' reference: the node at each position, as the first node at that position in a
/// walk of the whole tree (keys, scalar values of entries, sequence items), each with the kind
/// of mapping it is in as the bare tree says it. This is how fixes were found before issue 25
/// (a walk after the check, by the finding's line and column); the checks now record their
/// target instead, and must give the same fixes.
#[derive(Default)]
struct ByPosition<'t> {
    keys: HashMap<(u32, u32), EntryRef<'t>>,
    values: HashMap<(u32, u32), EntryRef<'t>>,
    items: HashMap<(u32, u32), ItemRef<'t>>,
}

fn at(pos: crate::yaml::Pos) -> (u32, u32) {
    (pos.line, pos.column)
}

/// The place of the mapping under `key` in a mapping of `place`, and whether it is a card's
/// `actions` list (whose items' keys are in the place their `type` gives).
fn child(place: Place, key: &str) -> (Place, bool) {
    let place = match (place, key) {
        (Place::Root, "bot") => Place::Bot,
        (Place::Root, "outcomes") => Place::Outcomes,
        (Place::Root, "messaging") => Place::Messaging,
        (Place::Outcomes, tag) => Outcome::parse(tag).map_or(Place::Other, Place::Card),
        (Place::Messaging, tag) => Outcome::parse(tag)
            .filter(|o| Channel::Sms.has(*o))
            .map_or(Place::Other, Place::SmsCard),
        (Place::Card(_), "mid_call") => Place::MidCall,
        (Place::Card(_), "notify") => Place::Notify,
        (Place::SmsCard(_), "notify") => Place::SmsNotify,
        (Place::Card(_) | Place::SmsCard(_), "actions") => return (Place::Other, true),
        _ => Place::Other,
    };
    (place, false)
}

impl<'t> ByPosition<'t> {
    fn walk(
        &mut self,
        node: &'t Node<'t>,
        place: Place,
        actions: bool,
        holder: Option<EntryRef<'t>>,
    ) {
        match &node.value {
            Value::Map(entries) => {
                for (i, (k, v)) in entries.iter().enumerate() {
                    let entry = EntryRef {
                        place,
                        map: node,
                        index: i,
                    };
                    self.keys.entry(at(k.pos)).or_insert(entry);
                    if !matches!(v.value, Value::Map(_) | Value::Seq(_)) {
                        self.values.entry(at(v.pos)).or_insert(entry);
                    }
                    let (place, actions) = match &k.value {
                        Value::Str(s) => child(place, s),
                        _ => (Place::Other, false),
                    };
                    self.walk(v, place, actions, Some(entry));
                }
            }
            Value::Seq(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.items.entry(at(item.pos)).or_insert(ItemRef {
                        seq: node,
                        index: i,
                        holder,
                    });
                    let place = if actions {
                        action_place(item)
                    } else {
                        Place::Other
                    };
                    self.walk(item, place, false, None);
                }
            }
            _ => {}
        }
    }

    /// The targets of `d` by its position alone, in the order they were tried (the card of an
    /// `outcome-missing` is the check's: `recorded`).
    fn targets(
        &self,
        text: &Text<'_>,
        d: &Diagnostic,
        recorded: Option<&FixTarget<'t>>,
    ) -> Vec<FixTarget<'t>> {
        let pos = at(d.pos);
        let key = || self.keys.get(&pos).map(|e| FixTarget::Key(*e));
        let value = || self.values.get(&pos).map(|e| FixTarget::Value(*e));
        let item = || self.items.get(&pos).map(|i| FixTarget::Item(*i));
        let found = match d.rule {
            Rule::UnknownField
            | Rule::UnknownOutcome
            | Rule::LockedActionDisabled
            | Rule::NotifyNotAllowed
            | Rule::NotifyEmpty => vec![key()],
            Rule::InvalidValue => vec![value(), item()],
            Rule::DuplicateRecipient | Rule::DuplicateAction => vec![item()],
            Rule::UnknownPlaceholder => {
                // The name as written at the finding.
                let name = text
                    .offset(d.pos)
                    .and_then(|start| text.src.get(start..))
                    .and_then(|rest| rest.strip_prefix("{{"))
                    .and_then(|inner| Some(inner.get(..inner.find("}}")?)?.trim()));
                vec![name.map(|n| FixTarget::Placeholder(n.to_owned()))]
            }
            Rule::LockedActionMismatch => {
                let lock = self.values.get(&pos).and_then(|entry| {
                    if entry.key_text()? != "type" {
                        return None;
                    }
                    let Value::Str(type_name) = &entry.value()?.value else {
                        return None;
                    };
                    let item = self.items.get(&at(entry.map.pos))?;
                    if !std::ptr::eq(item.items().get(item.index)?, entry.map) {
                        return None;
                    }
                    Some(FixTarget::Lock(*item, type_name.as_ref()))
                });
                vec![lock]
            }
            Rule::OutcomeMissing => vec![recorded.cloned()],
            _ => vec![],
        };
        found.into_iter().flatten().collect()
    }
}

/// The fixes the checks' recorded targets give are those of the reference (each finding's node
/// found again by its position in a walk of every node), on every fixture and on files that
/// have each family of fixes, a fix that needs the item holding the node its finding points
/// at, and a misspelt placeholder on a line that also holds another.
#[test]
fn fixes_from_the_checks_targets_are_the_fixes_by_position() {
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
    sources.push(
        [
            "version: 1",
            "bot:",
            "  name: A",
            "  direction: Outbound",
            "outcomes:",
            "  missed-transfer:",
            "    actions:",
            "      - type: note",
            "        text: \"{{ contact.firstname }} and {{ contact.lastnme }}\"",
            "        locked: yes",
            "      - type: pause-enrollment",
            "        locked: false",
            "    notify:",
            "      owner: yes",
            "      phones: [+15125550142, \"+15125550142\", +15125550143]",
            "  contact-later:",
            "    mid_call:",
            "      confirm_time: True",
            "      wrap_upp: x",
            "  opt-out:",
            "    notify: {owner: true}",
            "  needs-follow-up:",
            "    notify: {}",
            "  unqualifed: {}",
            "messaging:",
            "  not-interestd: {}",
            "  needs-follow-up:",
            "    notfy: {owner: yes}",
            "",
        ]
        .join("\n"),
    );
    let settings = Settings::default();
    let mut fixable = 0;
    let mut rules = std::collections::BTreeSet::new();
    for source in &sources {
        let Ok(root) = crate::yaml::read(source) else {
            continue;
        };
        let mut walker = super::super::walker::Walker {
            lines: Default::default(),
            diags: Vec::new(),
            policy: &settings.policy,
            source,
            direction: None,
            channel: crate::product::Channel::Call,
            sms_card: None,
            targets: HashMap::new(),
            remedies: HashMap::new(),
        };
        walker.root(&root);
        let mut recorded = walker.diags.clone();
        attach(
            source,
            &root,
            &settings,
            &mut recorded,
            &walker.targets,
            true,
        );

        let mut reference = walker.diags.clone();
        let mut index = ByPosition::default();
        index.walk(&root, Place::Root, false, None);
        let text = Text::new(source);
        let fixer = Fixer {
            text: &text,
            root: &root,
            keys_in: Default::default(),
        };
        for (i, d) in reference.iter_mut().enumerate() {
            d.fix = index
                .targets(&text, d, walker.targets.get(&i))
                .iter()
                .find_map(|t| fixer.fix(d, t))
                .map(Box::new);
        }
        budget::verify_rewrites(source, &settings, &mut reference);

        assert_eq!(recorded, reference, "{source}");
        for d in recorded.iter().filter(|d| d.fix.is_some()) {
            fixable += 1;
            rules.insert(d.rule.id());
        }
    }
    assert!(fixable > 10, "only {fixable} fixes over the fixtures");
    // Every family but the policy's (attached apart, from the policy check's remedy) is here.
    for rule in [
        Rule::UnknownField,
        Rule::UnknownOutcome,
        Rule::InvalidValue,
        Rule::UnknownPlaceholder,
        Rule::LockedActionDisabled,
        Rule::LockedActionMismatch,
        Rule::NotifyNotAllowed,
        Rule::NotifyEmpty,
        Rule::DuplicateRecipient,
        Rule::DuplicateAction,
        Rule::OutcomeMissing,
    ] {
        assert!(rules.contains(rule.id()), "no {} fix: {rules:?}", rule.id());
    }
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

#[test]
fn a_repeated_locked_action_is_named_by_its_type_and_a_capitalised_boolean_is_read_back() {
    let text = "version: 1\nbot: {name: x, direction: outbound}\noutcomes:\n  missed-transfer:\n    actions:\n      - type: cancel-enrollment\n      - type: cancel-enrollment\n    notify: {owner: True}\n";
    let found = crate::validate::findings(text.as_bytes(), &Settings::default());
    let described: Vec<&str> = found
        .iter()
        .filter_map(|d| d.fix())
        .map(|f| f.description.as_str())
        .collect();
    assert!(
        described.contains(&"remove the repeated `cancel-enrollment` action (it would run once)"),
        "{described:?}"
    );
    assert!(
        described.contains(&"write `true` instead of `True`"),
        "{described:?}"
    );
}
