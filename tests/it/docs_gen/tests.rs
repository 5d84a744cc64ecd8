use super::*;
use samictl::outcome::Outcome;
use samictl::product::{LockedAction, MidCallOption, PLACEHOLDERS, SystemStep};

fn all_regions() -> String {
    REGIONS
        .iter()
        .map(|name| region(name, "version: 1\n").unwrap_or_default())
        .collect()
}

#[test]
fn every_region_name_renders_and_no_other() {
    for name in REGIONS {
        let body = region(name, "x: 1\n").unwrap_or_else(|| panic!("{name}"));
        assert!(body.ends_with('\n') && body.len() > 12, "{name}: {body:?}");
    }
    assert_eq!(region("outcome", ""), None);
}

#[test]
fn fill_rewrites_regions_and_keeps_the_prose() {
    let doc = "# Title\n\nProse before.\n<!-- generated: locks -->\nstale table\n<!-- end generated -->\nProse after.\n";
    let filled = fill(doc, "").unwrap();
    assert!(
        filled.starts_with("# Title\n\nProse before.\n<!-- generated: locks -->\n\n| `type` |")
    );
    assert!(filled.ends_with("|\n\n<!-- end generated -->\nProse after.\n"));
    assert!(!filled.contains("stale table"));
    assert!(filled.contains("`do-not-contact-all-channels`"));
    // A fixed point: filling again changes nothing.
    assert_eq!(fill(&filled, "").unwrap(), filled);
    // A document with no region is returned as is.
    assert_eq!(fill("a\nb", "").unwrap(), "a\nb");
}

#[test]
fn broken_regions_are_errors() {
    let unknown = "<!-- generated: nope -->\n<!-- end generated -->\n";
    assert!(matches!(
        fill(unknown, ""),
        Err(DocsError::UnknownRegion { line: 1, .. })
    ));
    let open = "a\n<!-- generated: locks -->\ntable\n";
    assert!(matches!(
        fill(open, ""),
        Err(DocsError::Unterminated { line: 2, .. })
    ));
    let nested =
        "<!-- generated: locks -->\n<!-- generated: outcomes -->\n<!-- end generated -->\n";
    assert_eq!(fill(nested, ""), Err(DocsError::Nested { line: 2 }));
    let stray = "a\n<!-- end generated -->\n";
    assert_eq!(fill(stray, ""), Err(DocsError::StrayEnd { line: 2 }));
    assert!(
        DocsError::UnknownRegion {
            line: 1,
            name: "nope".into()
        }
        .to_string()
        .contains("placeholders")
    );
}

/// Every outcome, lock, step, option and placeholder of the product table reaches the docs.
#[test]
fn the_docs_walk_every_product_item() {
    let docs = all_regions();
    for o in Outcome::ALL {
        assert!(docs.contains(&format!("`{}`", o.as_str())), "{o}");
        assert!(docs.contains(o.meaning()), "{o}");
        assert!(
            docs.contains(&format!("| {} |", o.as_str())),
            "{o} allowed row"
        );
    }
    for lock in LockedAction::ALL {
        assert!(
            docs.contains(&format!("| `{}` |", lock.as_str())),
            "{lock:?}"
        );
        assert!(docs.contains(lock.reason()), "{lock:?}");
    }
    for step in SystemStep::ALL {
        assert!(
            docs.contains(&format!("| `{}` |", step.as_str())),
            "{step:?}"
        );
        assert!(docs.contains(step.reason()), "{step:?}");
    }
    for option in MidCallOption::ALL {
        assert!(
            docs.contains(&format!("| `{}` |", option.key())),
            "{option:?}"
        );
        assert!(docs.contains(option.describe()), "{option:?}");
    }
    for action in samictl::product::UserAction::ALL {
        assert!(
            docs.contains(&format!("| `{}` |", action.as_str())),
            "{action:?}"
        );
        for field in action.fields() {
            assert!(docs.contains(&format!("`{field}`")), "{action:?}.{field}");
        }
    }
    for key in samictl::product::NotifyAccess::Allowed.keys() {
        assert!(docs.contains(&format!("| `{key}` |")), "notify {key}");
    }
    for (name, what) in PLACEHOLDERS {
        assert!(docs.contains(&format!("| `{name}` | {what} |")), "{name}");
    }
}

/// A paragraph on one line.
fn flat(text: String) -> String {
    text.replace('\n', " ")
}

#[test]
fn tables_follow_the_product_rows() {
    let allowed = tables::allowed_actions();
    assert!(allowed.contains(
        "| contact-later | yes | yes | no | no (not offered: SAMI handles the callback) |"
    ));
    assert!(
        allowed
            .contains("| opt-out | yes | no | yes | no (hidden: nothing for a human to act on) |")
    );
    let locks = tables::locks();
    assert!(locks.contains("| `do-not-contact-all-channels` | `opt-out`, on every bot | TCPA: an opt-out means do-not-contact on every channel, across the whole org |"));
    assert!(locks.contains("| `pause-enrollment` | outbound-capable bots: `needs-follow-up` |"));
    assert!(tables::mid_call().contains("| `max_objections` | integer 1-10 | `not-interested` |"));
    assert!(tables::mid_call().contains("(SAMI's preset: 4)"));
    assert!(flat(tables::notify_access()).contains(
        "on `contact-later`, `opt-out` or `not-interested` is an error (`notify-not-allowed`)"
    ));
    assert!(
        flat(tables::criteria()).contains("not on `successful-transfer` and `missed-transfer`")
    );
    assert!(
        flat(tables::requested_time()).contains("only on `needs-follow-up` and `contact-later`")
    );
    assert!(tables::user_actions().contains("| `note` | `text` (required, 1-2000 characters, placeholders allowed) | adds a note to the contact |"));
    assert!(tables::notify_keys().contains("| `emails` | list of email addresses, at most 10 |"));
    let warnings = tables::follow_up_warnings();
    assert!(warnings.contains("| `missed-transfer` | `missed-transfer-unnoticed` |"));
    assert!(warnings.contains("| `needs-follow-up` | `follow-up-unassigned` |"));
    assert_eq!(warnings.lines().count(), 4, "{warnings}");
    let sms = tables::messaging_allowed();
    assert!(sms.contains("| `not-interested` | no | yes | yes | `owner` only |"));
}

#[test]
fn presets_name_every_preset_and_count_the_rest() {
    let text = flat(tables::presets());
    assert!(text.starts_with("SAMI's presets: Successful transfer notifies the assigned user."));
    assert!(text.contains(" Contact later adds a note recording the requested time."));
    assert!(
        text.ends_with(" The other four start with no user actions. "),
        "{text}"
    );
    assert_eq!(tables::count_word(12), "12");
}

/// Every field of every action and every notify key has its words (the fallback is a bare name).
#[test]
fn every_field_and_notify_key_is_described() {
    for action in source::user_actions() {
        for field in &action.fields {
            assert!(
                field.contains(" ("),
                "{}: {field} has no words",
                action.name
            );
        }
    }
    for (key, value, meaning) in source::notify_keys() {
        assert!(!value.is_empty() && !meaning.is_empty(), "notify {key}");
    }
}

#[test]
fn placeholder_rows_are_exact() {
    for p in source::placeholders() {
        assert!(p.separable, "{}: fields x outcomes is not exact", p.name);
    }
    let table = tables::placeholders();
    assert!(table.contains("| `call.summary` | SAMI's summary of the call | a note's `text`, a task's `title` | every outcome | no |"));
    assert!(table.contains("| `bot.name` | this bot's name | a note's `text`, a task's `title`, `wrap_up` | every outcome | every card |"));
}

const TEMPLATE: &str = "\
# header
version: 1
bot:
  name: x
outcomes:
  # stale
  # two lines
  successful-transfer:
    notify:
      owner: true
  missed-transfer: {}
  needs-follow-up: {}
  contact-later: {}
  opt-out: {}
  not-interested: {}
  unqualified: {}
  bad-number: {}
messaging:
  not-interested: {}
  unqualified: {}
  bad-number: {}
  needs-follow-up: {}
  # Contact later: old words.
  contact-later: {}
";

#[test]
fn template_comments_come_from_the_table() {
    let fresh = template(TEMPLATE).unwrap();
    assert!(fresh.starts_with("# header\nversion: 1\nbot:\n  name: x\noutcomes:\n  # Successful transfer: warm-transferred to a human who answered.\n  successful-transfer:\n    notify:\n"));
    assert!(!fresh.contains("stale") && !fresh.contains("old words"));
    assert!(fresh.contains(
        "  # Opt out: the lead asked not to be contacted again (TCPA-sensitive).\n  # Do-not-contact runs on every bot.\n  opt-out: {}\n"
    ));
    assert!(
        fresh.contains(
            "  # Bad phone number: the texts reached the wrong person.\n  bad-number: {}\n"
        )
    );
    for o in Outcome::ALL {
        assert!(
            fresh.contains(o.meaning()) || fresh.contains("TCPA-sensitive"),
            "{o}"
        );
    }
    assert!(fresh.lines().all(|l| l.chars().count() <= 100));
    assert_eq!(template(&fresh).unwrap(), fresh);
}

#[test]
fn a_template_missing_a_card_or_with_a_stranger_is_refused() {
    let missing = TEMPLATE.replace(
        "  unqualified: {}\n  bad-number: {}\nmessaging:",
        "  bad-number: {}\nmessaging:",
    );
    assert_eq!(
        template(&missing),
        Err(DocsError::MissingCard {
            section: "outcomes",
            tag: "unqualified"
        })
    );
    let stranger = TEMPLATE.replace("messaging:\n", "messaging:\n  opt-out: {}\n");
    assert!(matches!(
        template(&stranger),
        Err(DocsError::UnknownCard {
            line: 19,
            section: "messaging"
        })
    ));
}

#[test]
fn the_shipped_template_is_generated() {
    assert_eq!(
        template(samictl::init::TEMPLATE).as_deref(),
        Ok(samictl::init::TEMPLATE)
    );
}

#[test]
fn comments_wrap_at_the_width() {
    let lines = tables::wrap_comment("aaa bbb ccc ddd", "  # ", 11);
    assert_eq!(lines, ["  # aaa bbb", "  # ccc ddd"]);
    assert_eq!(tables::wrap_comment("x", "# ", 1), ["# x"]);
    let parts = ["One two.".to_owned(), "Three.".to_owned()];
    assert_eq!(
        tables::comment_lines(&parts, "# ", 17),
        ["# One two. Three."]
    );
    assert_eq!(
        tables::comment_lines(&parts, "# ", 16),
        ["# One two.", "# Three."]
    );
}
