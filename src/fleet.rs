//! Many bots at once (docs/spec 14): the fleet matrix's summaries and the grouping of a
//! repository's changed bot files into one behaviour report.
//!
//! Nothing here reads files or runs git: the CLI hands in checked bots (or the reason a side
//! could not be checked) and renders what comes back.

use crate::behaviour_diff::{BotDiff, Change, diff};
use crate::model::Bot;
use crate::outcome::{Direction, Outcome};
use crate::product::Channel;
use crate::simulate::{Fired, simulate, simulate_sms};

/// What one outcome of a bot does, in brief.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutcomeSummary {
    pub(crate) outcome: Outcome,
    /// Every fired type, in order, locked actions included (as `simulate`'s `fires`).
    pub(crate) fires: Vec<&'static str>,
    /// The card writes its own `analysis_criteria` (not SAMI's default wording).
    pub(crate) custom_criteria: bool,
    /// The bot writes a card for this outcome (without one, only the locks run).
    pub(crate) has_card: bool,
}

impl OutcomeSummary {
    /// The fired types besides the locked actions: what the fleet matrix's cell shows.
    pub(crate) fn user_fires(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.fires.iter().copied().filter(|t| {
            crate::product::LockedAction::ALL
                .iter()
                .all(|l| l.as_str() != *t)
                && crate::product::SystemStep::parse(t).is_none()
        })
    }
}

/// One row of the fleet matrix: a bot that checked, or a file with errors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FleetRow {
    /// The path as given, or as found under a given directory.
    pub path: String,
    pub bot: FleetBot,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FleetBot {
    /// A bot without errors: its name, direction and the eight outcomes in canonical order.
    Checked {
        name: String,
        direction: Direction,
        outcomes: Vec<OutcomeSummary>,
        /// The five messaging (SMS) outcomes in the Messaging section's order, system steps
        /// included in `fires`; `None` when the file has no `messaging` section.
        messaging: Option<Vec<OutcomeSummary>>,
    },
    /// A file with errors (this many at error severity): nothing it would do can be trusted.
    Broken { errors: usize },
}

impl FleetBot {
    /// A checked bot's name, direction and call outcomes (in canonical order), the parts an
    /// export writes of its row; for a file with errors, how many.
    pub(crate) fn checked(&self) -> Result<(&str, Direction, &[OutcomeSummary]), usize> {
        match self {
            FleetBot::Checked {
                name,
                direction,
                outcomes,
                ..
            } => Ok((name, *direction, outcomes)),
            FleetBot::Broken { errors } => Err(*errors),
        }
    }
}

impl FleetRow {
    /// The messaging (SMS) cards of a bot without errors that has a `messaging` section.
    pub(crate) fn messaging(&self) -> Option<&Vec<OutcomeSummary>> {
        match &self.bot {
            FleetBot::Checked {
                messaging: Some(m), ..
            } => Some(m),
            _ => None,
        }
    }
}

/// The eight outcome summaries of a checked bot, in canonical order.
pub fn summarize(bot: &Bot) -> FleetBot {
    let outcomes = crate::format::card_tags(Channel::Call)
        .into_iter()
        .map(|outcome| {
            let sim = simulate(bot, outcome, None);
            OutcomeSummary {
                outcome,
                fires: sim.fires().map(Fired::type_name).collect(),
                custom_criteria: sim.analysis_criteria.is_some(),
                has_card: sim.card_line.is_some(),
            }
        })
        .collect();
    let messaging = bot.messaging.as_ref().map(|_| {
        crate::simulate::simulate_all_on(bot, crate::product::Channel::Sms, None)
            .into_iter()
            .map(|sim| OutcomeSummary {
                outcome: sim.outcome,
                fires: sim.fires().map(Fired::type_name).collect(),
                custom_criteria: false,
                has_card: sim.card_line.is_some(),
            })
            .collect()
    });
    FleetBot::Checked {
        name: bot.name.clone(),
        direction: bot.direction,
        outcomes,
        messaging,
    }
}

/// Rows sorted by path (the order every fleet view uses), whatever order they came in.
pub fn sort_rows(rows: &mut [FleetRow]) {
    rows.sort_by(|a, b| a.path.cmp(&b.path));
}

/// How a bot file changed between two revisions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Added,
    Removed,
    Renamed,
    Modified,
    /// A side has errors: its behaviour can't be compared.
    Invalid,
}

impl Status {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Status::Added => "added",
            Status::Removed => "removed",
            Status::Renamed => "renamed",
            Status::Modified => "modified",
            Status::Invalid => "invalid",
        }
    }
}

/// One side of a changed file: the checked bot, or why it could not be checked.
#[derive(Clone, Debug)]
pub enum Side {
    Bot(Bot),
    /// Errors (how many at error severity), or a blob over the size limit, etc.
    Problem(String),
}

/// A changed bot file as git reports it, before comparison.
#[derive(Clone, Debug)]
pub struct FileChange {
    /// The path at the new revision (for a removed file: the path it had).
    pub path: String,
    /// The path at the base revision; `None` when the file is new.
    pub old_path: Option<String>,
    /// The base side; `None` when the file is new.
    pub old: Option<Side>,
    /// The new side; `None` when the file was removed.
    pub new: Option<Side>,
}

/// One bot's entry in a repository diff.
#[derive(Clone, Debug)]
pub struct BotChange {
    pub path: String,
    pub old_path: Option<String>,
    pub status: Status,
    /// The behaviour diff. For an added bot, every outcome against no bot at all (before: none);
    /// for a removed one, every outcome against none (after: none); empty when invalid.
    pub diff: BotDiff,
    /// For an invalid bot: which side has what problem.
    pub problems: Vec<String>,
}

impl BotChange {
    pub(crate) fn compliance(&self) -> bool {
        self.diff.touches_compliance()
    }

    /// Does this entry change what the bots do? Added, removed and invalid bots always do (or
    /// may); a rename or a reformat with the same behaviour does not.
    pub(crate) fn changes_behaviour(&self) -> bool {
        match self.status {
            Status::Added | Status::Removed | Status::Invalid => true,
            Status::Renamed | Status::Modified => !self.diff.is_empty(),
        }
    }
}

/// The whole report: bots with compliance changes first, then the other behaviour changes,
/// then files whose behaviour did not change; by path within each group.
#[derive(Clone, Debug, Default)]
pub struct RepoDiff {
    pub bots: Vec<BotChange>,
}

impl RepoDiff {
    /// Bots whose behaviour changed (invalid ones are counted apart).
    pub(crate) fn changed(&self) -> usize {
        self.bots
            .iter()
            .filter(|b| b.status != Status::Invalid && b.changes_behaviour())
            .count()
    }

    /// Files that changed without changing any behaviour (reformatted, renamed as they were).
    pub(crate) fn unchanged(&self) -> usize {
        self.bots.iter().filter(|b| !b.changes_behaviour()).count()
    }

    /// The exit verdict: a behaviour change or an invalid bot.
    pub fn fails(&self) -> bool {
        self.changed() + self.invalid() > 0
    }

    pub(crate) fn compliance(&self) -> usize {
        self.bots.iter().filter(|b| b.compliance()).count()
    }

    pub(crate) fn invalid(&self) -> usize {
        self.bots
            .iter()
            .filter(|b| b.status == Status::Invalid)
            .count()
    }
}

/// Every outcome of `bot` against a bot that doesn't exist: the changes of an added bot
/// (`added`), or of a removed one. Compliance reasons are those `diff` gives against a bot of
/// the same name and direction with no card, so only what the cards add is flagged.
fn whole(bot: &Bot, added: bool) -> BotDiff {
    let empty = Bot::without_cards(&bot.name, bot.direction);
    let against = if added {
        diff(&empty, bot)
    } else {
        diff(bot, &empty)
    };
    let reasons = |channel: Channel, outcome: Outcome| -> Vec<String> {
        against
            .changes
            .iter()
            .find(|c| c.outcome == outcome && c.channel() == channel)
            .map(|c| c.compliance.clone())
            .unwrap_or_default()
    };
    let mut changes: Vec<Change> = Outcome::ALL
        .into_iter()
        .map(|outcome| {
            let compliance = reasons(Channel::Call, outcome);
            let (b, a) = if added {
                (
                    simulate(&empty, outcome, None),
                    simulate(bot, outcome, None),
                )
            } else {
                (
                    simulate(bot, outcome, None),
                    simulate(&empty, outcome, None),
                )
            };
            Change {
                outcome,
                before: b,
                after: a,
                compliance,
            }
        })
        .collect();
    // The messaging cards too (docs/spec 17), when the bot has a `messaging` section.
    if bot.messaging.is_some() {
        for outcome in Channel::Sms.outcomes() {
            let (Some(with), Some(without)) = (
                simulate_sms(bot, outcome, None),
                simulate_sms(&empty, outcome, None),
            ) else {
                continue;
            };
            let (before, after) = if added {
                (without, with)
            } else {
                (with, without)
            };
            changes.push(Change {
                outcome,
                before,
                after,
                compliance: reasons(Channel::Sms, outcome),
            });
        }
    }
    BotDiff {
        renamed: None,
        direction: None,
        changes,
    }
}

fn empty_diff() -> BotDiff {
    BotDiff {
        renamed: None,
        direction: None,
        changes: Vec::new(),
    }
}

/// Compares one changed file.
pub(crate) fn compare(change: FileChange) -> BotChange {
    let FileChange {
        path,
        old_path,
        old,
        new,
    } = change;
    let mut problems = Vec::new();
    if let Some(Side::Problem(p)) = &old {
        problems.push(format!("before: {p}"));
    }
    if let Some(Side::Problem(p)) = &new {
        problems.push(format!("after: {p}"));
    }
    let (status, d) = match (&old, &new) {
        _ if !problems.is_empty() => (Status::Invalid, empty_diff()),
        (None, Some(Side::Bot(b))) => (Status::Added, whole(b, true)),
        (Some(Side::Bot(b)), None) => (Status::Removed, whole(b, false)),
        (Some(Side::Bot(b)), Some(Side::Bot(a))) => {
            let status = if old_path.as_deref().is_some_and(|o| o != path) {
                Status::Renamed
            } else {
                Status::Modified
            };
            (status, diff(b, a))
        }
        // Neither side (nothing to compare): not reachable from git, kept total.
        _ => (Status::Modified, empty_diff()),
    };
    BotChange {
        path,
        old_path,
        status,
        diff: d,
        problems,
    }
}

/// Compares every changed file and orders the report: compliance changes first, then other
/// behaviour changes, then the rest; by path within each group.
pub fn repo_diff(changes: Vec<FileChange>) -> RepoDiff {
    let mut bots: Vec<BotChange> = changes.into_iter().map(compare).collect();
    bots.sort_by(|a, b| {
        (!a.compliance(), !a.changes_behaviour(), &a.path).cmp(&(
            !b.compliance(),
            !b.changes_behaviour(),
            &b.path,
        ))
    });
    RepoDiff { bots }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::behaviour_diff::tests::bot;

    const A: &str = "version: 1\nbot: {name: a, direction: outbound}\noutcomes:\n  opt-out:\n    actions: [{type: tag, name: opted-out}]\n  unqualified:\n    analysis_criteria: Already sold.\n    notify: {owner: true, emails: [x@acme.com, y@acme.com]}\n";

    #[test]
    fn summaries_list_fires_in_order_and_criteria() {
        let FleetBot::Checked { outcomes, .. } = summarize(&bot(A)) else {
            panic!("checked");
        };
        assert_eq!(outcomes.len(), 8);
        let opt = &outcomes[4];
        assert_eq!(
            opt.fires,
            ["do-not-contact-all-channels", "cancel-enrollment", "tag"]
        );
        assert_eq!(opt.user_fires().collect::<Vec<_>>(), ["tag"]);
        assert!(!opt.custom_criteria && opt.has_card);
        let unq = &outcomes[6];
        assert!(unq.custom_criteria);
        assert_eq!(
            unq.user_fires().collect::<Vec<_>>(),
            ["notify-owner", "notify-email", "notify-email"]
        );
        assert!(!outcomes[0].has_card);
    }

    fn change(
        path: &str,
        old_path: Option<&str>,
        old: Option<Side>,
        new: Option<Side>,
    ) -> FileChange {
        FileChange {
            path: path.to_owned(),
            old_path: old_path.map(str::to_owned),
            old,
            new,
        }
    }

    #[test]
    fn statuses_and_ordering() {
        let a = bot(A);
        let reformatted = bot(&A.replace(
            "{name: a, direction: outbound}",
            "\n  name: a\n  direction: outbound",
        ));
        let louder = bot(&A.replace("y@acme.com", "z@elsewhere.com"));
        let quieter = bot(&A.replace(
            "notify: {owner: true, emails: [x@acme.com, y@acme.com]}",
            "notify: {owner: true}",
        ));
        let report = repo_diff(vec![
            change(
                "a.yaml",
                Some("a.yaml"),
                Some(Side::Bot(a.clone())),
                Some(Side::Bot(reformatted)),
            ),
            change(
                "b.yaml",
                Some("b.yaml"),
                Some(Side::Bot(a.clone())),
                Some(Side::Bot(quieter)),
            ),
            change(
                "c.yaml",
                Some("old-c.yaml"),
                Some(Side::Bot(a.clone())),
                Some(Side::Bot(louder)),
            ),
            change("d.yaml", None, None, Some(Side::Bot(a.clone()))),
            change("e.yaml", Some("e.yaml"), Some(Side::Bot(a.clone())), None),
            change(
                "f.yaml",
                Some("f.yaml"),
                Some(Side::Bot(a)),
                Some(Side::Problem("2 errors".into())),
            ),
        ]);
        let order: Vec<(&str, Status, bool)> = report
            .bots
            .iter()
            .map(|b| (b.path.as_str(), b.status, b.compliance()))
            .collect();
        assert_eq!(
            order,
            [
                ("c.yaml", Status::Renamed, true),
                ("d.yaml", Status::Added, true),
                ("e.yaml", Status::Removed, true),
                ("b.yaml", Status::Modified, false),
                ("f.yaml", Status::Invalid, false),
                ("a.yaml", Status::Modified, false),
            ]
        );
        assert_eq!(report.changed(), 4);
        assert_eq!(report.unchanged(), 1);
        assert!(report.fails());
        assert_eq!(report.compliance(), 3);
        assert_eq!(report.invalid(), 1);
        assert_eq!(report.bots[4].problems, ["after: 2 errors"]);
        // An added bot lists all eight outcomes; only what its cards add is flagged.
        let added = &report.bots[1].diff;
        assert_eq!(added.changes.len(), 8);
        let flagged: Vec<Outcome> = added
            .changes
            .iter()
            .filter(|c| !c.compliance.is_empty())
            .map(|c| c.outcome)
            .collect();
        assert_eq!(flagged, [Outcome::OptOut, Outcome::Unqualified]);
    }
}
