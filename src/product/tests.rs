//! Tests of the product table.

use super::*;
use crate::outcome::{Direction, Outcome};
use LockedAction::*;
use MidCallOption::{ConfirmTime, WrapUp};
use SystemStep::*;
use UserAction::*;

/// Whether placeholder `name` may be used in `field` on `outcome`'s call card.
fn check_placeholder(
    name: &str,
    outcome: Outcome,
    field: TextField,
) -> Result<(), PlaceholderProblem> {
    check_placeholder_in(rules_for(outcome), name, field)
}

#[test]
fn table_is_in_canonical_order() {
    for (i, row) in OUTCOME_RULES.iter().enumerate() {
        assert_eq!(row.outcome, Outcome::ALL[i]);
        assert_eq!(rules_for(row.outcome).outcome, row.outcome);
    }
}

#[test]
fn messaging_rows_are_the_five_sms_cards() {
    let tags: Vec<&str> = Channel::Sms.outcomes().iter().map(|o| o.as_str()).collect();
    assert_eq!(
        tags,
        [
            "not-interested",
            "unqualified",
            "bad-number",
            "needs-follow-up",
            "contact-later"
        ]
    );
    for row in &MESSAGING_RULES {
        assert_eq!(row.channel, Channel::Sms);
        assert_eq!(row.user_actions, &[Task, Tag], "{}", row.outcome);
        assert_eq!(row.notify.keys(), ["owner"]);
        assert!(row.mid_call.is_empty() && !row.takes_criteria);
        assert!(row.enrollment_lock.is_none());
        assert_eq!(row.system_steps.last(), Some(&SystemNote));
        assert_eq!(
            check_placeholder_in(row, "call.summary", TextField::TaskTitle),
            Err(PlaceholderProblem::NotOnChannel)
        );
        assert_eq!(
            check_placeholder_in(row, "requested_time", TextField::TaskTitle).is_ok(),
            matches!(row.outcome, Outcome::NeedsFollowUp | Outcome::ContactLater)
        );
    }
    assert!(rules_on(Channel::Sms, Outcome::OptOut).is_none());
    assert!(no_card_reason(Channel::Sms, Outcome::OptOut).contains("not-interested"));
    assert_eq!(
        rules_on(Channel::Sms, Outcome::NotInterested).map(|r| r.system_steps[1]),
        Some(DoNotContactOnOptOut)
    );
    for row in &OUTCOME_RULES {
        assert_eq!(row.channel, Channel::Call);
        assert!(row.system_steps.is_empty() && row.enrollment_lock.is_some());
    }
    for step in SystemStep::ALL {
        assert_eq!(SystemStep::parse(step.as_str()), Some(step));
        assert!(ActionType::parse(step.as_str()).is_none());
    }
}

#[test]
fn transfers_take_no_criteria_and_the_rest_do() {
    for row in &OUTCOME_RULES {
        let transfer = matches!(
            row.outcome,
            Outcome::SuccessfulTransfer | Outcome::MissedTransfer
        );
        assert_eq!(row.takes_criteria, !transfer, "{}", row.outcome);
    }
}

#[test]
fn hidden_and_not_offered_notifications() {
    assert_eq!(rules_for(Outcome::OptOut).notify, NotifyAccess::Hidden);
    assert_eq!(
        rules_for(Outcome::NotInterested).notify,
        NotifyAccess::Hidden
    );
    assert_eq!(
        rules_for(Outcome::ContactLater).notify,
        NotifyAccess::NotOffered
    );
    let allowed = OUTCOME_RULES
        .iter()
        .filter(|r| r.notify.is_allowed())
        .count();
    assert_eq!(allowed, 5);
}

#[test]
fn opt_out_always_carries_do_not_contact_first() {
    for d in Direction::ALL {
        let locks = locked_actions(Outcome::OptOut, d);
        assert_eq!(locks[0], LockedAction::DoNotContactAllChannels);
    }
    assert_eq!(
        locked_actions(Outcome::OptOut, Direction::Both),
        vec![LockedAction::DoNotContactAllChannels, CancelEnrollment]
    );
}

#[test]
fn inbound_only_bots_have_no_enrollment_lock() {
    for o in Outcome::ALL {
        assert!(
            locked_actions(o, Direction::Inbound)
                .iter()
                .all(|l| !l.is_enrollment_lock())
        );
    }
    assert_eq!(
        locked_actions(Outcome::ContactLater, Direction::Outbound),
        vec![PauseContactUntilRequestedTime]
    );
    assert_eq!(
        locked_actions(Outcome::NeedsFollowUp, Direction::Both),
        vec![PauseEnrollment]
    );
}

#[test]
fn action_types_parse() {
    for name in ActionType::all_names() {
        assert_eq!(ActionType::parse(name).map(|t| t.as_str()), Some(name));
    }
    assert_eq!(ActionType::parse("notify"), None);
}

#[test]
fn placeholders_by_field_and_outcome() {
    use PlaceholderProblem::*;
    let nfu = Outcome::NeedsFollowUp;
    assert_eq!(
        check_placeholder("requested_time", nfu, TextField::WrapUp),
        Ok(())
    );
    assert_eq!(
        check_placeholder("requested_time", Outcome::OptOut, TextField::NoteText),
        Err(NotOnOutcome)
    );
    assert_eq!(
        check_placeholder("call.summary", nfu, TextField::WrapUp),
        Err(NotSpoken)
    );
    assert_eq!(
        check_placeholder("call.summary", nfu, TextField::NoteText),
        Ok(())
    );
    assert_eq!(
        check_placeholder("contact.first_name", nfu, TextField::AnalysisCriteria),
        Err(NotInField)
    );
    assert_eq!(
        check_placeholder("contact.nickname", nfu, TextField::NoteText),
        Err(Unknown)
    );
}

/// The columns that state one product fact twice agree: do-not-contact fires on every
/// bot exactly where call opt-outs land, and an SMS card where opt-outs land runs the
/// do-not-contact step; an action's field names are its specs' names.
#[test]
fn columns_agree() {
    for row in &OUTCOME_RULES {
        assert_eq!(
            row.locks.contains(&LockedAction::DoNotContactAllChannels),
            row.opt_out == OptOutRole::LandsHere,
            "{}",
            row.outcome
        );
        assert!(row.locks.iter().all(|l| !l.is_enrollment_lock()));
        assert_eq!(
            row.callback.is_some(),
            row.enrollment_lock == Some(PauseContactUntilRequestedTime)
        );
    }
    for row in &MESSAGING_RULES {
        assert!(row.locks.is_empty() && row.follow_up.is_none() && row.callback.is_none());
        assert_eq!(
            row.system_steps.contains(&DoNotContactOnOptOut),
            row.opt_out == OptOutRole::LandsHere,
            "{}",
            row.outcome
        );
    }
    assert_eq!(opt_out_outcomes(Channel::Call), [Outcome::OptOut]);
    assert_eq!(opt_out_outcomes(Channel::Sms), [Outcome::NotInterested]);
    for a in UserAction::ALL {
        let names: Vec<&str> = a.field_specs().iter().map(|f| f.name).collect();
        assert_eq!(names, a.fields(), "{}", a.as_str());
        // Required fields come first.
        let required = a.field_specs().iter().take_while(|f| f.required).count();
        assert!(a.field_specs()[required..].iter().all(|f| !f.required));
    }
    assert_eq!(
        LockedAction::DoNotContactAllChannels.applies_to(),
        "opt-out, on every bot"
    );
    assert_eq!(
        PauseEnrollment.applies_to(),
        "outbound-capable bots: needs-follow-up"
    );
    assert_eq!(
        NotifyAccess::Hidden.refusal().as_deref(),
        Some(
            "notification controls are hidden on opt-out and not-interested: there is nothing for a human to act on"
        )
    );
    assert_eq!(NotifyAccess::Allowed.refusal(), None);
    // The model holds each option as its value kind (the walker relies on it).
    assert!(matches!(WrapUp.value(), OptionValue::Text { .. }));
    assert!(matches!(ConfirmTime.value(), OptionValue::Flag));
    assert_eq!(
        MidCallOption::MaxObjections.value(),
        OptionValue::Count {
            range: 1..=10,
            preset: 4
        }
    );
}

/// The outcomes help texts name as examples are found by their role in the table; these are
/// today's (a changed row moves an example, and the help snapshots show where).
#[test]
fn examples_play_their_part() {
    assert_eq!(example::opt_out(Channel::Call), Outcome::OptOut);
    assert_eq!(example::opt_out(Channel::Sms), Outcome::NotInterested);
    assert_eq!(example::borders_opt_out(), Outcome::NotInterested);
    assert_eq!(example::follow_up(), Outcome::MissedTransfer);
    assert_eq!(example::callback(), Outcome::ContactLater);
    assert_eq!(example::preset_with_actions(), Outcome::SuccessfulTransfer);
    assert_eq!(example::empty_preset(), Outcome::BadNumber);
    assert_eq!(example::no_task(), Outcome::OptOut);
    assert_eq!(example::policy(Channel::Call), Outcome::MissedTransfer);
    assert_eq!(example::policy(Channel::Sms), Outcome::NotInterested);
    assert_eq!(
        opt_out_landing(Channel::Sms),
        "an SMS opt-out lands on not-interested"
    );
    assert_eq!(
        opt_out_landing(Channel::Call),
        "a call opt-out lands on opt-out"
    );
    assert!(
        no_card_reason(Channel::Sms, Outcome::OptOut).starts_with(&opt_out_landing(Channel::Sms))
    );
    // Every call preset is a card, and a summary only where the card has actions.
    for row in &OUTCOME_RULES {
        assert_eq!(
            row.preset.summary.is_none(),
            row.preset.card == "{}",
            "{}",
            row.outcome
        );
    }
    for row in &MESSAGING_RULES {
        assert_eq!(row.preset, EMPTY_PRESET, "{}", row.outcome);
    }
}

/// The placeholder list's wording of `requested_time` names the outcomes of the table.
#[test]
fn requested_time_placeholder_names_the_table() {
    let meaning = PLACEHOLDERS
        .iter()
        .find(|(n, _)| *n == REQUESTED_TIME_PLACEHOLDER)
        .map(|(_, m)| *m)
        .unwrap_or_default();
    for channel in Channel::ALL {
        assert!(
            meaning.contains(&tag_list(&requested_time_outcomes(channel), " and ")),
            "{meaning}"
        );
    }
    for p in SPOKEN_PLACEHOLDERS {
        assert!(PLACEHOLDERS.iter().any(|(n, _)| n.starts_with(p)), "{p}");
    }
}
