//! The rule ids as an enum: a leaf, so the product table (`product`) can name the rule a
//! warning belongs to without importing the rule table (`rules`), whose prose is written from
//! the product table. `rules` re-exports it and gives it its table row (`Rule::info`).

/// Every rule samictl checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    YamlSyntax,
    DuplicateKey,
    UnknownField,
    UnknownOutcome,
    InvalidValue,
    ActionNotAllowed,
    NotifyNotAllowed,
    OptionNotAllowed,
    LockedActionMismatch,
    LockedActionDisabled,
    InvalidRecipient,
    UnknownPlaceholder,
    RecipientNotAllowed,
    PolicyViolation,
    OutcomeMissing,
    FollowUpUnassigned,
    MissedTransferUnnoticed,
    DuplicateAction,
    DuplicateRecipient,
    NotifyEmpty,
    CriteriaCatchesOptOut,
    ContactAfterOptOut,
}
