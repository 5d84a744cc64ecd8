//! The actions a card may hold (user actions, locked actions), their fields and limits, the
//! `mid_call` options, and the text fields that take placeholders: the vocabulary the table
//! (`table`) is written in.

use crate::outcome::named_enum;
use std::fmt;

named_enum! {
    /// An action a user may add to a card.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum UserAction {
        Note => "note",
        Task => "task",
        Tag => "tag",
    }
}

impl UserAction {
    /// The names of the fields the action takes, required ones first (the names of
    /// [`UserAction::field_specs`], as a test checks).
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            UserAction::Note => &["text"],
            UserAction::Task => &["title", "due_in", "assignee"],
            UserAction::Tag => &["name"],
        }
    }

    /// The fields the action takes, required ones first, with their limits.
    pub fn field_specs(self) -> &'static [ActionField] {
        match self {
            UserAction::Note => &[ActionField {
                name: "text",
                required: true,
                max_chars: Some(NOTE_MAX),
                placeholders: Some(TextField::NoteText),
            }],
            UserAction::Task => &[
                ActionField {
                    name: "title",
                    required: true,
                    max_chars: Some(TITLE_MAX),
                    placeholders: Some(TextField::TaskTitle),
                },
                ActionField {
                    name: "due_in",
                    required: false,
                    max_chars: None,
                    placeholders: None,
                },
                ActionField {
                    name: "assignee",
                    required: false,
                    max_chars: None,
                    placeholders: None,
                },
            ],
            UserAction::Tag => &[ActionField {
                name: "name",
                required: true,
                max_chars: Some(TAG_MAX),
                placeholders: None,
            }],
        }
    }

    /// The spec of one of the action's fields.
    pub fn field(self, name: &str) -> Option<&'static ActionField> {
        self.field_specs().iter().find(|f| f.name == name)
    }

    /// The length limit of one of the action's fields, in characters (`usize::MAX`: none).
    pub(crate) fn max_chars(self, field: &str) -> usize {
        self.field(field)
            .and_then(|f| f.max_chars)
            .unwrap_or(usize::MAX)
    }

    /// What the action does, for help texts and tables.
    pub fn describe(self) -> &'static str {
        match self {
            UserAction::Note => "adds a note to the contact",
            UserAction::Task => "creates a task",
            UserAction::Tag => "adds a tag to the contact",
        }
    }
}

/// One field of a user action: whether it is required, its length limit in characters,
/// and the placeholders it fills ([`TextField`]; `None`: a plain value).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ActionField {
    pub name: &'static str,
    pub required: bool,
    pub max_chars: Option<usize>,
    pub placeholders: Option<TextField>,
}

named_enum! {
    /// An action SAMI runs by itself that can't be removed.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum LockedAction {
        DoNotContactAllChannels => "do-not-contact-all-channels",
        CancelEnrollment => "cancel-enrollment",
        PauseEnrollment => "pause-enrollment",
        PauseContactUntilRequestedTime => "pause-contact-until-requested-time",
    }
}

impl LockedAction {
    /// A short label for tables, in words that wrap.
    pub(crate) fn label(self) -> &'static str {
        match self {
            LockedAction::DoNotContactAllChannels => "do not contact (all channels)",
            LockedAction::CancelEnrollment => "cancel enrollment",
            LockedAction::PauseEnrollment => "pause enrollment",
            LockedAction::PauseContactUntilRequestedTime => "pause contact until requested time",
        }
    }

    /// Why the lock exists and can't be removed.
    pub fn reason(self) -> &'static str {
        match self {
            LockedAction::DoNotContactAllChannels => {
                "TCPA: an opt-out means do-not-contact on every channel, across the whole org"
            }
            LockedAction::CancelEnrollment => {
                "cadence protection: the lead leaves the cadence that enrolled it"
            }
            LockedAction::PauseEnrollment => {
                "cadence protection: the cadence waits while someone follows up"
            }
            LockedAction::PauseContactUntilRequestedTime => {
                "cadence protection: no contact until the time the lead asked for"
            }
        }
    }

    /// What to do with the lock written on a card where it doesn't fire on every bot (the
    /// locks of the `locks` column; `None` for an enrollment lock).
    pub(crate) fn misplaced_help(self) -> Option<&'static str> {
        match self {
            LockedAction::DoNotContactAllChannels => Some(
                "remove this line: SAMI marks a contact do-not-contact only when the lead opts out",
            ),
            _ => None,
        }
    }
}

/// Any value of an action's `type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ActionType {
    User(UserAction),
    Locked(LockedAction),
}

impl ActionType {
    pub(crate) fn parse(s: &str) -> Option<ActionType> {
        UserAction::ALL
            .into_iter()
            .find(|a| a.as_str() == s)
            .map(ActionType::User)
            .or_else(|| {
                LockedAction::ALL
                    .into_iter()
                    .find(|a| a.as_str() == s)
                    .map(ActionType::Locked)
            })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ActionType::User(a) => a.as_str(),
            ActionType::Locked(a) => a.as_str(),
        }
    }

    /// Every `type` value, user actions first.
    pub(crate) fn all_names() -> impl Iterator<Item = &'static str> {
        UserAction::ALL
            .into_iter()
            .map(UserAction::as_str)
            .chain(LockedAction::ALL.into_iter().map(LockedAction::as_str))
    }
}

impl fmt::Display for ActionType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

named_enum! {
    /// A `mid_call` option.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum MidCallOption {
        WrapUp => "wrap_up",
        MaxObjections => "max_objections",
        ConfirmTime => "confirm_time",
    }
}

impl MidCallOption {
    /// The option's key under `mid_call`.
    pub fn key(self) -> &'static str {
        self.as_str()
    }

    pub fn describe(self) -> &'static str {
        match self {
            MidCallOption::WrapUp => {
                "what SAMI says as the outcome becomes clear, before it ends or transfers"
            }
            MidCallOption::MaxObjections => {
                "objections SAMI answers before it concludes \"not interested\""
            }
            MidCallOption::ConfirmTime => "read the requested time back to the lead",
        }
    }
}

/// SAMI's preset for `max_objections` when a card doesn't set it.
pub const PRESET_MAX_OBJECTIONS: u8 = 4;

/// Range of `max_objections`.
pub const MAX_OBJECTIONS_RANGE: std::ops::RangeInclusive<i64> = 1..=10;

/// Length limits, in characters (docs/spec 3): `bot.name`, `analysis_criteria`,
/// `wrap_up`, a note's `text`, a task's `title`, a tag's `name`; and the most recipients a
/// `notify` list (`emails`, `phones`) takes. `validate` re-exports them under these names.
pub const NAME_MAX: usize = 100;

pub const CRITERIA_MAX: usize = 2000;

pub const WRAP_UP_MAX: usize = 500;

pub const NOTE_MAX: usize = 2000;

pub const TITLE_MAX: usize = 120;

pub const TAG_MAX: usize = 50;

pub const RECIPIENTS_MAX: usize = 10;

/// What a mid-call option holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OptionValue {
    /// Text SAMI speaks, with placeholders of [`TextField::WrapUp`].
    Text { max_chars: usize },
    /// A whole number in `range`; SAMI's `preset` applies when the card doesn't set it.
    Count {
        range: std::ops::RangeInclusive<i64>,
        preset: u8,
    },
    /// `true` or `false`.
    Flag,
}

impl MidCallOption {
    /// What the option holds, with its range and preset.
    pub fn value(self) -> OptionValue {
        match self {
            MidCallOption::WrapUp => OptionValue::Text {
                max_chars: WRAP_UP_MAX,
            },
            MidCallOption::MaxObjections => OptionValue::Count {
                range: MAX_OBJECTIONS_RANGE,
                preset: PRESET_MAX_OBJECTIONS,
            },
            MidCallOption::ConfirmTime => OptionValue::Flag,
        }
    }
}

/// A text field that may hold placeholders (or, for analysis criteria, must not).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextField {
    NoteText,
    TaskTitle,
    WrapUp,
    AnalysisCriteria,
}

impl TextField {
    pub fn describe(self) -> &'static str {
        match self {
            TextField::NoteText => "a note's `text`",
            TextField::TaskTitle => "a task's `title`",
            TextField::WrapUp => "`wrap_up`",
            TextField::AnalysisCriteria => "`analysis_criteria`",
        }
    }
}
