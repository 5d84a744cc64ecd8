//! Whether a policy can be met: the checks that refuse, while `samictl.toml` is read, a policy
//! no bot could satisfy (docs/spec 15: exit 2). Each reads the product table
//! ([`crate::product`]): the action types each outcome allows, whether it offers notifications
//! (and why not), whether it takes analysis criteria, which mid-call options it has, which locks
//! apply to it; and a policy at odds with itself (a type both required and forbidden).

use super::config::{KeyAt, OutcomePolicies, PolicyItem, Requirement};
use super::problem::a;
use crate::charclass::escape;
use crate::config_error::ConfigError;
use crate::outcome::{Direction, Outcome};
use crate::product::{
    ActionType, Channel, MidCallOption, OutcomeRules, UserAction, locked_actions,
};
use crate::values::{self, did_you_mean};
use std::collections::HashMap;

/// The user action types of `require_actions` / `forbid_actions`, refusing locked actions and
/// types the outcome doesn't allow (where requiring them could never be satisfied).
pub(super) fn action_types(
    rules: &OutcomeRules,
    key: &str,
    names: Vec<String>,
    at: KeyAt<'_>,
) -> Result<Vec<UserAction>, ConfigError> {
    let outcome = rules.outcome;
    let allowed = allowed_actions(rules);
    let mut out = Vec::new();
    for name in names {
        match ActionType::parse(&name) {
            Some(ActionType::User(t)) => {
                if key == "require_actions" && !rules.user_actions.contains(&t) {
                    return Err(at.refuse(format!(
                        "contradicts the product: {outcome} doesn't allow {} action \
                             (it allows {allowed}), so no bot could satisfy this policy",
                        a(t)
                    )));
                }
                if !out.contains(&t) {
                    out.push(t);
                }
            }
            Some(ActionType::Locked(l)) if rules.channel == Channel::Sms => {
                return Err(at.refuse(format!(
                    "contradicts the product: `{}` is a locked action, and a messaging card \
                         takes none (SAMI's system steps always run); policy keys take task or tag",
                    l.as_str()
                )));
            }
            Some(ActionType::Locked(l)) => {
                let applies = locked_actions(outcome, Direction::Both).contains(&l);
                let why = if applies {
                    let on = if l.is_enrollment_lock() {
                        format!("on {outcome} for every outbound-capable bot")
                    } else {
                        format!("on {outcome}")
                    };
                    format!(
                        "`{}` is a locked action that SAMI always runs {on} ({}); \
                         a policy can neither require nor forbid it",
                        l.as_str(),
                        l.reason()
                    )
                } else {
                    format!(
                        "`{}` is a locked action (it applies to {}), not a user action; \
                         policy keys take note, task or tag",
                        l.as_str(),
                        l.applies_to()
                    )
                };
                return Err(at.refuse(format!("contradicts the product: {why}")));
            }
            None if rules.channel == Channel::Sms
                && crate::product::SystemStep::parse(&name).is_some() =>
            {
                let step = crate::product::SystemStep::parse(&name);
                let why = step.map(|s| s.refusal(outcome)).unwrap_or_default();
                return Err(at.refuse(format!(
                    "contradicts the product: {why}; policy keys take {}",
                    allowed.replace(", ", " or ")
                )));
            }
            None => {
                let names: Vec<&str> = UserAction::ALL.iter().map(|t| t.as_str()).collect();
                let help = did_you_mean(&name, names.iter().copied())
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                return Err(at.refuse(format!(
                    "unknown action type `{}`{help}; the user action types are note, task and tag",
                    escape(&name)
                )));
            }
        }
    }
    Ok(out)
}

/// The user action types the outcome allows, as a message lists them (`note, task, tag`).
fn allowed_actions(rules: &OutcomeRules) -> String {
    rules
        .user_actions
        .iter()
        .map(|t| t.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Refuses a notification requirement on an outcome without notification controls, with the
/// product table's reason.
pub(super) fn notify_offered(
    rules: &OutcomeRules,
    key: &str,
    at: KeyAt<'_>,
) -> Result<(), ConfigError> {
    let outcome = rules.outcome;
    if key == "require_recipients" && rules.notify == crate::product::NotifyAccess::OwnerOnly {
        return Err(at.refuse(
            "contradicts the product: a messaging card alerts the contact's owner only, so it \
             has no recipients to require (use `require_owner = true`)",
        ));
    }
    match rules.notify.reason() {
        None => Ok(()),
        Some(reason) => Err(at.refuse(format!(
            "contradicts the product: `{key}` needs a notification, but notifications on \
                 {outcome} are {reason}"
        ))),
    }
}

/// Refuses more required recipients (already deduplicated) than a card can list: at most
/// `RECIPIENTS_MAX` emails and as many phones.
pub(super) fn recipients_fit(list: &[String], at: KeyAt<'_>) -> Result<(), ConfigError> {
    // A card lists at most RECIPIENTS_MAX emails and as many phones: more required
    // ones than that can never be met.
    let emails = list.iter().filter(|r| values::is_valid_email(r)).count();
    let phones = list.len() - emails;
    let max = crate::product::RECIPIENTS_MAX;
    if emails > max || phones > max {
        let (count, kind) = if emails > max {
            (emails, "emails")
        } else {
            (phones, "phones")
        };
        return Err(at.refuse(format!(
            "cannot be met: it requires {count} {kind}, and a card lists at most \
                 {max} {kind}"
        )));
    }
    Ok(())
}

/// Refuses `require_tags` on an outcome that takes no tag action.
pub(super) fn tags_allowed(rules: &OutcomeRules, at: KeyAt<'_>) -> Result<(), ConfigError> {
    let outcome = rules.outcome;
    if !rules.user_actions.contains(&UserAction::Tag) {
        let allowed = allowed_actions(rules);
        return Err(at.refuse(format!(
            "contradicts the product: {outcome} doesn't allow tag actions \
                 (it allows {allowed}), so no bot could satisfy this policy"
        )));
    }
    Ok(())
}

/// Refuses `criteria = "default"` on a card that takes no analysis criteria.
pub(super) fn criteria_taken(rules: &OutcomeRules, at: KeyAt<'_>) -> Result<(), ConfigError> {
    let outcome = rules.outcome;
    if rules.channel == Channel::Sms {
        return Err(at.refuse(
            "contradicts the product: a messaging card takes no analysis criteria (SAMI \
             reads the text thread itself)",
        ));
    }
    if !rules.takes_criteria {
        return Err(at.refuse(format!(
            "contradicts the product: {outcome} takes no analysis criteria (it is \
                 detected from the transfer call events), so there is nothing to keep at \
                 the default"
        )));
    }
    Ok(())
}

/// Refuses `require_wrap_up` on a card without a `wrap_up` option.
pub(super) fn wrap_up_offered(rules: &OutcomeRules, at: KeyAt<'_>) -> Result<(), ConfigError> {
    let outcome = rules.outcome;
    if !rules.mid_call.contains(&MidCallOption::WrapUp) {
        return Err(at.refuse(match rules.channel {
            Channel::Call => {
                format!("contradicts the product: {outcome} has no `wrap_up`")
            }
            Channel::Sms => "contradicts the product: a messaging card has no \
                                 `mid_call` (nothing is spoken in a text thread)"
                .to_owned(),
        }));
    }
    Ok(())
}

/// Refuses a policy at odds with itself: a type both required and forbidden, a tag required
/// where tags are forbidden.
pub(super) fn coherent(
    outcome: Outcome,
    items: &[PolicyItem],
    dotted: &str,
    lines: &HashMap<String, u32>,
) -> Result<(), ConfigError> {
    let find = |key: &str| items.iter().find(|i| i.requirement.key() == key);
    let Some(forbid) = find("forbid_actions") else {
        return Ok(());
    };
    let Requirement::ForbidActions(forbidden) = &forbid.requirement else {
        return Ok(());
    };
    let mut required: Vec<(UserAction, &str)> = Vec::new();
    if let Some(PolicyItem {
        requirement: Requirement::RequireActions(types),
        ..
    }) = find("require_actions")
    {
        required.extend(types.iter().map(|t| (*t, "require_actions")));
    }
    if find("require_tags").is_some() {
        required.push((UserAction::Tag, "require_tags"));
    }
    for (t, key) in required {
        if forbidden.contains(&t) {
            let forbid_key = format!("{dotted}.forbid_actions");
            return Err(KeyAt::of(&forbid_key, lines).refuse(format!(
                "contradicts `{key}` on {outcome}: {} can't be both required and forbidden",
                a(t)
            )));
        }
    }
    Ok(())
}

/// Refuses required recipients that the recipient policy (`email_domains`, `phone_prefixes`)
/// itself would reject: no card could satisfy both.
pub fn check_recipients_against(
    policies: &OutcomePolicies,
    allows: impl Fn(&str) -> bool,
    lines: &HashMap<String, u32>,
) -> Result<(), ConfigError> {
    for (outcome, items) in policies {
        for item in items {
            if let Requirement::RequireRecipients(list) = &item.requirement
                && let Some(r) = list.iter().find(|r| !allows(r))
            {
                let dotted = format!("policy.outcomes.{outcome}.require_recipients");
                return Err(KeyAt::of(&dotted, lines).refuse(format!(
                    "`{}` is outside `email_domains` / `phone_prefixes` of `[policy]`: \
                         a card notifying it would break `recipient-not-allowed`",
                    escape(r)
                )));
            }
        }
    }
    Ok(())
}
