//! The wording of the checks' problems.

use super::*;
use crate::validate::NOTIFY_KEYS;

fn words(problem: Problem<'_>) -> (String, Option<String>) {
    problem.words()
}

#[test]
fn unknown_keys_get_the_help_of_their_mapping() {
    let lock = LockedAction::ALL[0];
    let known = ["type", "locked"];
    let help = |what, key| {
        words(Problem::UnknownField {
            what,
            key,
            known: &known,
        })
        .1
        .unwrap_or_default()
    };
    assert_eq!(
        help(Ctx::Locked(lock), "zz"),
        "a locked action takes only `locked: true`"
    );
    assert_eq!(help(Ctx::Locked(lock), "lockd"), "did you mean `locked`?");
    assert!(help(Ctx::Locked(lock), "<<").starts_with("merge keys"));
    assert!(help(Ctx::SmsNotify, "emails").contains("owner only"));
    assert!(help(Ctx::SmsCard(Outcome::ALL[0]), "zz").contains("no `mid_call`"));
    let notify = words(Problem::UnknownField {
        what: Ctx::Notify,
        key: "zz",
        known: &NOTIFY_KEYS,
    });
    assert_eq!(
        notify,
        (
            "unknown field `zz` in `notify`".to_owned(),
            Some("the keys here are `owner`, `emails`, `phones`".to_owned())
        )
    );
}

#[test]
fn missing_keys_and_lists_say_how_to_write_them() {
    let help = |what, name| words(Problem::Missing { what, name }).1;
    assert_eq!(
        help(Ctx::File, "version").as_deref(),
        Some("add `version: 1` as the first line")
    );
    assert!(help(Ctx::File, "bot").is_some_and(|h| h.contains("`name` and `direction`")));
    assert!(help(Ctx::Bot, "direction").is_some_and(|h| h.contains("`outbound`")));
    assert_eq!(help(Ctx::Bot, "name"), None);
    for (name, example) in [
        ("actions", "- type:"),
        ("emails", "emails: ["),
        ("phones", "phones: ["),
    ] {
        let (message, help) = words(Problem::NotAList {
            name,
            found: "an integer",
        });
        assert_eq!(
            message,
            format!("`{name}` must be a list, found an integer")
        );
        assert!(help.is_some_and(|h| h.contains(example)), "{name}");
    }
}

#[test]
fn rules_and_names() {
    let outcome = Outcome::ALL[0];
    let warning = FollowUpWarning {
        rule: Rule::FollowUpUnassigned,
        nobody: "follows up",
    };
    let problem = Problem::NobodyFollowsUp { outcome, warning };
    assert_eq!(problem.rule(), Rule::FollowUpUnassigned);
    assert!(problem.words().0.ends_with("nobody follows up"));
    assert_eq!(Problem::PhoneNotQuoted(1).rule(), Rule::InvalidValue);
    assert_eq!(
        Problem::LockedOnUserAction(UserAction::ALL[0]).rule(),
        Rule::UnknownField
    );
    assert_eq!(on(Channel::Call, outcome), outcome.as_str());
    assert_eq!(on(Channel::Sms, outcome), format!("SMS {outcome}"));
    let mut message = "`x` has no value".to_owned();
    name_sms_card(&mut message, outcome);
    assert_eq!(
        message,
        format!("`x` has no value (messaging card `{outcome}`)")
    );
    let mut message = "on the SMS card".to_owned();
    name_sms_card(&mut message, outcome);
    assert_eq!(message, "on the SMS card");
}
