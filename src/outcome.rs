//! The eight outcome tags, in canonical order.

use serde::Serialize;
use std::fmt;

/// Where a call lands. Every call lands in exactly one of these.
///
/// The declaration order is the canonical order used by every listing, table and matrix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    SuccessfulTransfer,
    MissedTransfer,
    NeedsFollowUp,
    ContactLater,
    OptOut,
    NotInterested,
    Unqualified,
    BadNumber,
}

impl Outcome {
    /// All eight tags, in canonical order.
    pub const ALL: [Outcome; 8] = [
        Outcome::SuccessfulTransfer,
        Outcome::MissedTransfer,
        Outcome::NeedsFollowUp,
        Outcome::ContactLater,
        Outcome::OptOut,
        Outcome::NotInterested,
        Outcome::Unqualified,
        Outcome::BadNumber,
    ];

    /// The tag as written in a bot file (`opt-out`).
    pub fn tag(self) -> &'static str {
        match self {
            Outcome::SuccessfulTransfer => "successful-transfer",
            Outcome::MissedTransfer => "missed-transfer",
            Outcome::NeedsFollowUp => "needs-follow-up",
            Outcome::ContactLater => "contact-later",
            Outcome::OptOut => "opt-out",
            Outcome::NotInterested => "not-interested",
            Outcome::Unqualified => "unqualified",
            Outcome::BadNumber => "bad-number",
        }
    }

    /// The name the web editor shows (`Opt out`).
    pub const fn display_name(self) -> &'static str {
        match self {
            Outcome::SuccessfulTransfer => "Successful transfer",
            Outcome::MissedTransfer => "Missed transfer",
            Outcome::NeedsFollowUp => "Needs follow up",
            Outcome::ContactLater => "Contact later",
            Outcome::OptOut => "Opt out",
            Outcome::NotInterested => "Not interested",
            Outcome::Unqualified => "Unqualified",
            Outcome::BadNumber => "Bad number",
        }
    }

    /// What the outcome means, in one line.
    pub fn meaning(self) -> &'static str {
        match self {
            Outcome::SuccessfulTransfer => "warm-transferred to a human who answered",
            Outcome::MissedTransfer => "a transfer was tried and nobody picked up",
            Outcome::NeedsFollowUp => {
                "qualified, but the lead wants a specific follow-up time first"
            }
            Outcome::ContactLater => {
                "the lead asked to be called back later; SAMI calls back automatically"
            }
            Outcome::OptOut => "the lead asked not to be contacted again (TCPA-sensitive)",
            Outcome::NotInterested => "pushed back several times without a clear opt-out",
            Outcome::Unqualified => "confirmed a dealbreaker (already sold, committed agent)",
            Outcome::BadNumber => "the call reached the wrong person",
        }
    }

    /// Parses a tag exactly as written in a file (`opt-out`).
    pub fn from_tag(tag: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.tag() == tag)
    }

    /// All tags, for help texts.
    pub fn tags() -> impl Iterator<Item = &'static str> {
        Outcome::ALL.into_iter().map(Outcome::tag)
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// Which way a bot calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Inbound,
    Outbound,
    Both,
}

impl Direction {
    pub const ALL: [Direction; 3] = [Direction::Inbound, Direction::Outbound, Direction::Both];

    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Inbound => "inbound",
            Direction::Outbound => "outbound",
            Direction::Both => "both",
        }
    }

    pub fn parse(s: &str) -> Option<Direction> {
        Direction::ALL.into_iter().find(|d| d.as_str() == s)
    }

    /// Outbound-capable bots enroll leads in cadences, so enrollment locks apply to them.
    pub fn is_outbound_capable(self) -> bool {
        matches!(self, Direction::Outbound | Direction::Both)
    }
}

impl fmt::Display for Direction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_order_is_declaration_order() {
        let mut sorted = Outcome::ALL;
        sorted.sort();
        assert_eq!(sorted, Outcome::ALL);
        assert_eq!(Outcome::ALL[4], Outcome::OptOut);
    }

    #[test]
    fn tags_round_trip() {
        for o in Outcome::ALL {
            assert_eq!(Outcome::from_tag(o.tag()), Some(o));
        }
        assert_eq!(Outcome::from_tag("Opt out"), None);
    }

    #[test]
    fn outbound_capability() {
        assert!(!Direction::Inbound.is_outbound_capable());
        assert!(Direction::Outbound.is_outbound_capable());
        assert!(Direction::Both.is_outbound_capable());
    }
}
