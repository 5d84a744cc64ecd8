//! The values a prompt takes, checked as they are typed: each check is the validator's own
//! field check ([`crate::fields`]) on the card being edited, so a prompt accepts exactly what
//! `validate` accepts in a file and refuses what it refuses. A refusal is worded for the
//! person typing ([`crate::fields::messages::prompt`]), to be shown (escaped) before asking
//! again.

use crate::config::Policy;
use crate::fields::{self, messages};
use crate::model::DueIn;
use crate::product::{OutcomeRules, TextField};

/// A card's text field (criteria, wrap-up, note text, task title): not blank, within the
/// field's limit, placeholders that exist there. Newlines, tabs and escape sequences are the
/// text's own, as in a file.
pub fn text(rules: &OutcomeRules, field: TextField, s: &str) -> Result<(), String> {
    fields::card_text(rules, field, s).map_err(|p| messages::prompt(&p))
}

/// An email address for a notification or a task, within the org's policy.
pub fn email(policy: &Policy, s: &str) -> Result<(), String> {
    fields::email(s).map_err(|p| messages::prompt(&p))?;
    if !policy.allows_email(s) {
        return Err("outside the org's email domains ([policy] in samictl.toml)".to_owned());
    }
    Ok(())
}

/// An E.164 phone number, within the org's policy.
pub fn phone(policy: &Policy, s: &str) -> Result<(), String> {
    fields::phone(s).map_err(|p| messages::prompt(&p))?;
    if !policy.allows_phone(s) {
        return Err("outside the org's phone prefixes ([policy] in samictl.toml)".to_owned());
    }
    Ok(())
}

/// A task's `due_in` on the card of `rules`: empty for none, a duration, or `requested-time`
/// where the outcome has one.
pub fn due_in(rules: &OutcomeRules, s: &str) -> Result<Option<DueIn>, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    fields::due_in(rules, s)
        .map(Some)
        .map_err(|p| messages::prompt(&p))
}

/// A tag name.
pub fn tag(s: &str) -> Result<(), String> {
    fields::tag_name(s).map_err(|p| messages::prompt(&p))
}

/// `max_objections`: empty for SAMI's preset, else a whole number in the product's range.
pub fn max_objections(s: &str) -> Result<Option<u8>, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    // Anything that is not a whole number is out of the range, as the prompt words it.
    let n = s.parse::<i64>().unwrap_or(i64::MIN);
    fields::max_objections(n)
        .map(Some)
        .map_err(|p| messages::prompt(&p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;
    use crate::outcome::Outcome;
    use crate::product::{MAX_OBJECTIONS_RANGE, rules_for};
    use crate::validate::check;

    #[test]
    fn typed_values() {
        let o = rules_for(Outcome::OptOut);
        assert!(text(o, TextField::NoteText, "hi {{ contact.first_name }}").is_ok());
        assert!(
            text(o, TextField::WrapUp, "{{ call.summary }}")
                .unwrap_err()
                .contains("spoken")
        );
        assert!(text(o, TextField::NoteText, "{{ requested_time }}").is_err());
        assert!(
            text(o, TextField::NoteText, "{{ contact.firstname }}")
                .unwrap_err()
                .contains("first_name")
        );
        assert!(text(o, TextField::AnalysisCriteria, "{{ outcome }}").is_err());
        assert!(text(o, TextField::NoteText, "  ").is_err());
        assert!(text(o, TextField::TaskTitle, &"x".repeat(121)).is_err());
        let p = Policy::default();
        assert!(email(&p, "a@b.co").is_ok() && email(&p, "a@b").is_err());
        assert!(phone(&p, "+15125550142").is_ok() && phone(&p, "5125550142").is_err());
        let nfu = rules_for(Outcome::NeedsFollowUp);
        assert_eq!(
            due_in(nfu, "requested-time"),
            Ok(Some(DueIn::RequestedTime))
        );
        assert!(due_in(o, "requested-time").is_err());
        assert_eq!(due_in(o, ""), Ok(None));
        assert!(due_in(o, "91d").is_err());
        assert!(tag("vip: east/1").is_ok() && tag("a.b").is_err());
        let (lo, hi) = (*MAX_OBJECTIONS_RANGE.start(), *MAX_OBJECTIONS_RANGE.end());
        assert_eq!(
            max_objections(&hi.to_string()).map(|n| n.map(i64::from)),
            Ok(Some(hi))
        );
        assert_eq!(max_objections(" "), Ok(None));
        for bad in [lo - 1, hi + 1] {
            assert!(max_objections(&bad.to_string()).is_err());
        }
        assert!(max_objections("four").is_err());
    }

    /// The drift this module exists to prevent: a text a file holds (a `|` block, a tab, an
    /// escape sequence) validates, so the prompt takes it back; what the file can't hold, the
    /// prompt refuses too.
    #[test]
    fn a_prompt_takes_exactly_what_validate_takes() {
        let settings = Settings::default();
        let rules = rules_for(Outcome::NeedsFollowUp);
        for note in [
            "line one\nline two\n",
            "\tindented {{ requested_time }}",
            "Bye\u{1b}]0;PWNED\u{7}\u{1b}[2J now",
            "del\u{7f} nel\u{85} ls\u{2028}",
            " \t\n",
            "{{ contact.firstname }}",
            "{{ open",
            &"é".repeat(crate::validate::NOTE_MAX),
            &"é".repeat(crate::validate::NOTE_MAX + 1),
        ] {
            let file = format!(
                "version: 1\nbot: {{name: x, direction: inbound}}\noutcomes:\n  needs-follow-up:\n    actions:\n      - type: note\n        text: {}\n",
                crate::quote::double_quoted(note)
            );
            let validates = !check(&file, &settings).has_errors();
            assert_eq!(
                text(rules, TextField::NoteText, note).is_ok(),
                validates,
                "{note:?}"
            );
        }
        for tag_name in ["ok tag", "tab\there", "dot.", "new\nline", ""] {
            let file = format!(
                "version: 1\nbot: {{name: x, direction: inbound}}\noutcomes:\n  needs-follow-up:\n    actions:\n      - type: tag\n        name: {}\n",
                crate::quote::double_quoted(tag_name)
            );
            let validates = !check(&file, &settings).has_errors();
            assert_eq!(tag(tag_name).is_ok(), validates, "{tag_name:?}");
        }
    }
}
