//! The eight outcome tags, in canonical order, and the one macro that writes every
//! name-bearing enum of the product (`ALL`, `COUNT`, `as_str`, `parse`).

use serde::Serialize;
use std::fmt;

/// Declares an enum whose variants each have one name, and derives from the single list:
/// `COUNT`, `ALL` (every variant, in declaration order, sized by `COUNT`), `as_str` and
/// `parse`. A variant can't be missing from `ALL`, and `v as usize < COUNT` for every `v`
/// (the macro accepts no explicit discriminant), so a table `[Row; E::COUNT]` indexed by
/// `v as usize` can't go out of bounds.
macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// How many variants there are.
            pub const COUNT: usize = [$( stringify!($variant) ),+].len();
            /// Every variant, in declaration order.
            pub const ALL: [$name; Self::COUNT] = [$( $name::$variant ),+];

            /// The name as written in files, flags and JSON.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $text ),+
                }
            }

            /// Parses a name exactly as written.
            pub fn parse(s: &str) -> Option<$name> {
                Self::ALL.into_iter().find(|v| v.as_str() == s)
            }
        }
    };
}
pub(crate) use named_enum;

named_enum! {
    /// Where a call lands. Every call lands in exactly one of these.
    ///
    /// The declaration order is the canonical order used by every listing, table and matrix.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
    #[serde(rename_all = "kebab-case")]
    pub enum Outcome {
        SuccessfulTransfer => "successful-transfer",
        MissedTransfer => "missed-transfer",
        NeedsFollowUp => "needs-follow-up",
        ContactLater => "contact-later",
        OptOut => "opt-out",
        NotInterested => "not-interested",
        Unqualified => "unqualified",
        BadNumber => "bad-number",
    }
}

impl Outcome {
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

    /// The two-letter abbreviation that heads the outcome's column in the fleet matrix (`OO`).
    pub(crate) const fn code(self) -> &'static str {
        match self {
            Outcome::SuccessfulTransfer => "ST",
            Outcome::MissedTransfer => "MT",
            Outcome::NeedsFollowUp => "NF",
            Outcome::ContactLater => "CL",
            Outcome::OptOut => "OO",
            Outcome::NotInterested => "NI",
            Outcome::Unqualified => "UQ",
            Outcome::BadNumber => "BN",
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
                "the lead asked to be called back later; SAMI reaches out again automatically"
            }
            Outcome::OptOut => "the lead asked not to be contacted again (TCPA-sensitive)",
            Outcome::NotInterested => "pushed back several times without a clear opt-out",
            Outcome::Unqualified => {
                "confirmed a dealbreaker (already sold, committed agent, renting only)"
            }
            Outcome::BadNumber => "the call reached the wrong person",
        }
    }

    /// All tags, for help texts.
    pub fn tags() -> impl Iterator<Item = &'static str> {
        Outcome::ALL.into_iter().map(Outcome::as_str)
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

named_enum! {
    /// Which way a bot calls.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
    #[serde(rename_all = "lowercase")]
    pub enum Direction {
        Inbound => "inbound",
        Outbound => "outbound",
        Both => "both",
    }
}

impl Direction {
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
            assert_eq!(Outcome::parse(o.as_str()), Some(o));
        }
        assert_eq!(Outcome::parse("Opt out"), None);
    }

    #[test]
    fn all_is_every_variant_by_index() {
        assert_eq!(Outcome::ALL.len(), Outcome::COUNT);
        for (i, o) in Outcome::ALL.into_iter().enumerate() {
            assert_eq!(o as usize, i);
            // serde's name and the macro's name are one.
            assert_eq!(serde_json::to_value(o).ok(), Some(o.as_str().into()));
        }
        for (i, d) in Direction::ALL.into_iter().enumerate() {
            assert_eq!(d as usize, i);
            assert_eq!(serde_json::to_value(d).ok(), Some(d.as_str().into()));
        }
    }

    #[test]
    fn codes_are_two_letters_and_unique() {
        let mut seen = std::collections::HashSet::new();
        for o in Outcome::ALL {
            assert_eq!(o.code().len(), 2, "{o}");
            assert!(o.code().chars().all(|c| c.is_ascii_uppercase()), "{o}");
            assert!(seen.insert(o.code()), "{o}");
        }
    }

    #[test]
    fn outbound_capability() {
        assert!(!Direction::Inbound.is_outbound_capable());
        assert!(Direction::Outbound.is_outbound_capable());
        assert!(Direction::Both.is_outbound_capable());
    }
}
