//! Sentences written from the table, for messages, helps and the generated docs: lists of
//! outcomes, why a card or a notification is refused, where a lock applies.

use super::actions::LockedAction;
use super::channel::{Channel, NotifyAccess, SystemStep};
use super::table::{OUTCOME_RULES, opt_out_outcomes};
use crate::outcome::Outcome;

/// Tags joined by `sep`, for messages: "needs-follow-up and contact-later".
pub(crate) fn tag_list(outcomes: &[Outcome], sep: &str) -> String {
    outcomes
        .iter()
        .map(|o| o.as_str())
        .collect::<Vec<_>>()
        .join(sep)
}

/// Where a request to stop contact lands on `channel`, in words: "an SMS opt-out lands on
/// not-interested" (from the [`OptOutRole::LandsHere`] rows).
pub(crate) fn opt_out_landing(channel: Channel) -> String {
    let who = match channel {
        Channel::Call => "a call",
        Channel::Sms => "an SMS",
    };
    format!(
        "{who} opt-out lands on {}",
        tag_list(&opt_out_outcomes(channel), " and ")
    )
}

/// Why a channel has no card for an outcome, for messages and helps.
pub fn no_card_reason(channel: Channel, outcome: Outcome) -> String {
    match (channel, outcome) {
        (Channel::Sms, Outcome::OptOut) => {
            "an SMS opt-out lands on not-interested (which marks the contact do-not-contact on \
             every channel)"
                .to_owned()
        }
        (Channel::Sms, Outcome::SuccessfulTransfer | Outcome::MissedTransfer) => {
            "a text conversation is never transferred: transfers are call outcomes".to_owned()
        }
        _ => format!(
            "the {} cards are {}",
            channel.section(),
            tag_list(&channel.outcomes(), ", ")
        ),
    }
}

impl LockedAction {
    /// Where the lock applies, in words, from the table: "opt-out, on every bot",
    /// "outbound-capable bots: needs-follow-up".
    pub(crate) fn applies_to(self) -> String {
        let always = self.outcomes_on_every_bot();
        if !always.is_empty() {
            return format!("{}, on every bot", tag_list(&always, ", "));
        }
        let outcomes: Vec<Outcome> = OUTCOME_RULES
            .iter()
            .filter(|r| r.enrollment_lock == Some(self))
            .map(|r| r.outcome)
            .collect();
        format!("outbound-capable bots: {}", tag_list(&outcomes, ", "))
    }
}

impl SystemStep {
    /// Why this step can't be written as an action type on the messaging card of `outcome`
    /// (docs/spec 17), the same words for a bot file and a `[policy.messaging.TAG]` key:
    /// "`stop-outreach` is SAMI's system step on SMS not-interested: it always runs and can't
    /// be written".
    pub(crate) fn refusal(self, outcome: Outcome) -> String {
        let name = self.as_str();
        if self.outcomes().contains(&outcome) {
            format!(
                "`{name}` is SAMI's system step on SMS {outcome}: it always runs and can't be written"
            )
        } else {
            format!(
                "`{name}` is SAMI's system step on SMS {} (not on SMS {outcome}): system steps \
                 always run and can't be written",
                tag_list(&self.outcomes(), " and ")
            )
        }
    }
}

impl NotifyAccess {
    /// The help of a `notify` block where it is not allowed, naming the call outcomes with
    /// this access (from the table).
    pub(crate) fn refusal(self) -> Option<String> {
        let outcomes: Vec<Outcome> = OUTCOME_RULES
            .iter()
            .filter(|r| r.notify == self)
            .map(|r| r.outcome)
            .collect();
        let because = self.because()?;
        Some(match self {
            NotifyAccess::Hidden => format!(
                "notification controls are hidden on {}: {because}",
                tag_list(&outcomes, " and ")
            ),
            _ => format!(
                "{} keeps to notes and tasks: {because}",
                tag_list(&outcomes, " and ")
            ),
        })
    }
}

impl LockedAction {
    /// The lock's short name at the start of a sentence ("Do-not-contact runs on every bot").
    pub fn sentence_name(self) -> &'static str {
        match self {
            LockedAction::DoNotContactAllChannels => "Do-not-contact",
            LockedAction::CancelEnrollment => "Cancel-enrollment",
            LockedAction::PauseEnrollment => "Pause-enrollment",
            LockedAction::PauseContactUntilRequestedTime => "Pause-contact",
        }
    }
}

/// What a text conversation landing on a messaging card means, in one line (from the help
/// center's "Configure SMS messaging outcomes"); `None` for an outcome with no SMS card.
pub fn messaging_meaning(outcome: Outcome) -> Option<&'static str> {
    match outcome {
        Outcome::NotInterested => Some(
            "covers SMS opt-outs (an opt-out reply lands here and is marked do-not-contact \
             on every channel)",
        ),
        Outcome::Unqualified => Some("the thread confirmed a dealbreaker"),
        Outcome::BadNumber => Some("the texts reached the wrong person"),
        Outcome::NeedsFollowUp => Some("the lead wants someone to follow up in the thread"),
        Outcome::ContactLater => Some(
            "SAMI sets a do-not-contact-until date at the requested time (outreach pauses \
                 until then) and creates a follow-up task for the assigned agent",
        ),
        Outcome::SuccessfulTransfer | Outcome::MissedTransfer | Outcome::OptOut => None,
    }
}

/// Why an outcome takes no `analysis_criteria` (a row with `takes_criteria: false`).
pub const NO_CRITERIA_REASON: &str = "detected from the transfer call events, not the transcript";
