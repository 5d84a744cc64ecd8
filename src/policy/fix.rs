//! The policy fix, as facts: what to add to a card so it keeps a policy key (docs/spec 13
//! and 15), built from the [`Problem`] the check found, never from the finding's text.
//!
//! Only additions with one right answer get a fix: a missing required tag, task, recipient or
//! owner alert. Keys that need a human's judgement get none: a required note (its text), a
//! forbidden action (which one to drop), custom criteria or a missing wrap-up (what SAMI should
//! say). The validator's walk keeps each violation's remedy and writes the additions into the
//! file's text where the walk ends (`validate::fixes::policy`, through the pure text layer
//! `crate::edit_text`; this module imports neither); every such fix is unsafe (it changes what
//! fires and needs review).

use super::check::Violation;
use super::problem::{CardPlace, Problem, join};
use crate::product::{UserAction, rules_on};
use crate::values;

/// The title of a task added to satisfy `require_actions = ["task"]`; its placeholders exist on
/// every outcome.
pub const TASK_TITLE: &str = "Follow up with {{ contact.first_name }}: {{ outcome }}";

/// One thing to add to a card.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Addition {
    /// A tag action with this name.
    Tag(String),
    /// A task for the owner, titled [`TASK_TITLE`].
    Task,
    /// `notify.owner: true`.
    OwnerAlert,
    /// An email under `notify.emails`.
    Email(String),
    /// A phone under `notify.phones`.
    Phone(String),
}

/// What to add to one card to keep one policy key, and the fix's description.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Remedy {
    /// The card (created when the bot has none).
    pub place: CardPlace,
    /// In the policy's order; never empty.
    pub additions: Vec<Addition>,
    /// `add tag `x` to opt-out (policy `require_tags`, samictl.toml:3)`.
    pub description: String,
}

/// The remedy of a violation, if it has one with one right answer. Linear in what the
/// violation lists (a policy requiring N tags: N additions).
pub fn remedy(violation: &Violation) -> Option<Remedy> {
    let place = violation.place;
    let rules = rules_on(place.channel, place.outcome)?;
    let mut additions = Vec::new();
    let mut what: Vec<String> = Vec::new();
    match &violation.problem {
        Problem::MissingTags(missing) => {
            for t in missing {
                additions.push(Addition::Tag(t.clone()));
                what.push(format!("tag `{t}`"));
            }
        }
        Problem::MissingActions(missing) => {
            if missing.contains(&UserAction::Task) && rules.user_actions.contains(&UserAction::Task)
            {
                additions.push(Addition::Task);
                what.push("a task".to_owned());
            }
        }
        Problem::NoOwnerAlert => {
            additions.push(Addition::OwnerAlert);
            what.push("the owner alert".to_owned());
        }
        Problem::MissingRecipients(missing) => {
            for r in missing {
                additions.push(if values::is_valid_email(r) {
                    Addition::Email(r.clone())
                } else {
                    Addition::Phone(r.clone())
                });
                what.push(format!("`{r}`"));
            }
        }
        Problem::ForbiddenActions(_) | Problem::CustomCriteria | Problem::NoWrapUp => {}
    }
    if additions.is_empty() {
        return None;
    }
    Some(Remedy {
        place,
        additions,
        description: format!(
            "add {} to {} (policy `{}`, samictl.toml:{})",
            join(what),
            place.on(),
            violation.key,
            violation.line
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse_config;
    use crate::outcome::Outcome;
    use crate::policy::check_card;

    fn remedies(toml: &str, outcome: Outcome) -> Vec<Option<Remedy>> {
        let config = parse_config(toml).unwrap();
        check_card(outcome, &config.policy.outcomes[&outcome], None)
            .iter()
            .map(remedy)
            .collect()
    }

    #[test]
    fn additions_come_from_the_facts_and_judgement_calls_get_none() {
        let got = remedies(
            "[policy.outcomes.missed-transfer]\nrequire_actions = [\"note\", \"task\"]\nrequire_owner = true\nrequire_recipients = [\"a@b.com\", \"+15125550142\"]\nrequire_wrap_up = true\n",
            Outcome::MissedTransfer,
        );
        let additions: Vec<Option<Vec<Addition>>> = got
            .iter()
            .map(|r| r.as_ref().map(|r| r.additions.clone()))
            .collect();
        assert_eq!(
            additions,
            [
                Some(vec![Addition::Task]),
                Some(vec![Addition::OwnerAlert]),
                Some(vec![
                    Addition::Email("a@b.com".into()),
                    Addition::Phone("+15125550142".into())
                ]),
                None,
            ]
        );
        assert_eq!(
            got[2].as_ref().map(|r| r.description.as_str()),
            Some(
                "add `a@b.com` and `+15125550142` to missed-transfer (policy `require_recipients`, samictl.toml:4)"
            )
        );
    }

    #[test]
    fn a_required_note_alone_has_no_remedy() {
        let got = remedies(
            "[policy.outcomes.unqualified]\nrequire_actions = [\"note\"]\n",
            Outcome::Unqualified,
        );
        assert_eq!(got, [None]);
    }
}
