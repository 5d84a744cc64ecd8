//! The two channels (call outcomes, SMS messaging), the system steps SAMI runs by itself on
//! a messaging card, and whether a card offers notifications.

use crate::outcome::named_enum;
use std::fmt;

named_enum! {
    /// Where a conversation with the lead happens: a call, or a text thread (docs/spec 17).
    /// The name is the value of `--channel` and of `"channel"` in JSON.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum Channel {
        Call => "call",
        Sms => "sms",
    }
}

impl Channel {
    /// The top-level key of the bot file that holds this channel's cards.
    pub fn section(self) -> &'static str {
        match self {
            Channel::Call => "outcomes",
            Channel::Sms => "messaging",
        }
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

named_enum! {
    /// A step SAMI runs by itself when a text conversation lands on an outcome (docs/spec 17):
    /// not configurable, shown as locked. The names are the `type` strings of `simulate --channel
    /// sms` and of expectation files *(decided)*.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum SystemStep {
        /// Stops the bot's text outreach to the lead.
        StopOutreach => "stop-outreach",
        /// Marks the contact do-not-contact when the lead's reply was an opt-out.
        DoNotContactOnOptOut => "do-not-contact-on-opt-out",
        /// Pauses the bot's text outreach.
        PauseOutreach => "pause-outreach",
        /// Sets a do-not-contact-until date at the requested time: outreach pauses until then.
        PauseOutreachUntilRequestedTime => "pause-outreach-until-requested-time",
        /// Creates a follow-up task for the contact's assigned agent (contact later by text).
        CreateFollowUpTask => "create-follow-up-task",
        /// Applies the outcome's tag to the contact.
        ApplyOutcomeTag => "apply-outcome-tag",
        /// Writes SAMI's system note on the contact.
        SystemNote => "system-note",
    }
}

impl SystemStep {
    /// A short label for tables.
    pub fn label(self) -> &'static str {
        match self {
            SystemStep::StopOutreach => "stop outreach",
            SystemStep::DoNotContactOnOptOut => {
                "do not contact on every channel (when the lead opted out)"
            }
            SystemStep::PauseOutreach => "pause outreach",
            SystemStep::PauseOutreachUntilRequestedTime => {
                "pause outreach until the requested time (a do-not-contact-until date)"
            }
            SystemStep::CreateFollowUpTask => "a follow-up task for the assigned agent",
            SystemStep::ApplyOutcomeTag => "outcome tag",
            SystemStep::SystemNote => "system note",
        }
    }

    /// Why SAMI runs it and it can't be removed.
    pub fn reason(self) -> &'static str {
        match self {
            SystemStep::StopOutreach => "the text thread has ended: outreach stops",
            SystemStep::DoNotContactOnOptOut => {
                "TCPA: an SMS opt-out lands here and marks the contact do-not-contact on every \
                 channel (SMS, calls and email)"
            }
            SystemStep::PauseOutreach => "outreach waits while someone follows up",
            SystemStep::PauseOutreachUntilRequestedTime => {
                "SAMI sets a do-not-contact-until date at the requested time: no outreach \
                 before it"
            }
            SystemStep::CreateFollowUpTask => {
                "SAMI creates a follow-up task for the contact's assigned agent itself"
            }
            SystemStep::ApplyOutcomeTag => "the outcome's tag goes on the contact",
            SystemStep::SystemNote => "SAMI writes the conversation's note itself",
        }
    }
}

/// Whether a card offers notification controls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotifyAccess {
    Allowed,
    /// A messaging card: an owner alert only (`owner`), no extra recipients *(decided)*.
    OwnerOnly,
    /// The web editor hides the controls: nothing for a human to act on.
    Hidden,
    /// The card keeps to notes and tasks: SAMI handles the callback.
    NotOffered,
}

impl NotifyAccess {
    /// True when a `notify` block may be written (fully, or with `owner` only).
    pub fn is_allowed(self) -> bool {
        matches!(self, NotifyAccess::Allowed | NotifyAccess::OwnerOnly)
    }

    /// The keys a `notify` block takes here.
    pub fn keys(self) -> &'static [&'static str] {
        match self {
            NotifyAccess::Allowed => &["owner", "emails", "phones"],
            NotifyAccess::OwnerOnly => &["owner"],
            NotifyAccess::Hidden | NotifyAccess::NotOffered => &[],
        }
    }

    /// Why the card keeps to fewer actions and no notifications, as a clause: "SAMI handles
    /// the callback" (`None` where notifications exist).
    pub(crate) fn because(self) -> Option<&'static str> {
        match self {
            NotifyAccess::Allowed | NotifyAccess::OwnerOnly => None,
            NotifyAccess::Hidden => Some("there is nothing for a human to act on"),
            NotifyAccess::NotOffered => Some("SAMI handles the callback"),
        }
    }

    /// Why notifications don't exist on such a card.
    pub fn reason(self) -> Option<&'static str> {
        match self {
            NotifyAccess::Allowed | NotifyAccess::OwnerOnly => None,
            NotifyAccess::Hidden => Some("hidden: nothing for a human to act on"),
            NotifyAccess::NotOffered => Some("not offered: SAMI handles the callback"),
        }
    }
}
