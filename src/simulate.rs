//! What fires for an outcome, in order (docs/spec 4): locked actions (do-not-contact first,
//! then the enrollment lock), the card's user actions in file order, then notifications.

use crate::model::{Action, Bot, Card, MidCall};
use crate::outcome::named_enum;
use crate::outcome::{Direction, Outcome};
use crate::product::{
    Channel, LockedAction, SystemStep, UserAction, locked_actions, rules_for, rules_on,
};
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

named_enum! {
    /// A notification that fires.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum NotifyKind {
        Owner => "notify-owner",
        Email => "notify-email",
        Phone => "notify-phone",
    }
}

/// The `type` of a fired item: every name a fired list (simulation JSON, expectation files)
/// may hold. Each kind is one of the product's enums, so a new action type or system step
/// is a new fired type without a list to update.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FiredType {
    Locked(LockedAction),
    User(UserAction),
    Notify(NotifyKind),
    System(SystemStep),
}

impl FiredType {
    /// How many fired types there are.
    pub(crate) const COUNT: usize =
        LockedAction::COUNT + UserAction::COUNT + NotifyKind::COUNT + SystemStep::COUNT;

    /// Every fired type, in the order the format documents them: locked actions, user
    /// actions, notifications, then the system steps of the messaging outcomes.
    pub const ALL: [FiredType; FiredType::COUNT] = {
        let mut all = [FiredType::Notify(NotifyKind::Owner); FiredType::COUNT];
        let mut i = 0;
        let mut j = 0;
        while j < LockedAction::COUNT {
            all[i] = FiredType::Locked(LockedAction::ALL[j]);
            i += 1;
            j += 1;
        }
        j = 0;
        while j < UserAction::COUNT {
            all[i] = FiredType::User(UserAction::ALL[j]);
            i += 1;
            j += 1;
        }
        j = 0;
        while j < NotifyKind::COUNT {
            all[i] = FiredType::Notify(NotifyKind::ALL[j]);
            i += 1;
            j += 1;
        }
        j = 0;
        while j < SystemStep::COUNT {
            all[i] = FiredType::System(SystemStep::ALL[j]);
            i += 1;
            j += 1;
        }
        all
    };

    /// The name, as in the JSON output and expectation files.
    pub const fn as_str(self) -> &'static str {
        match self {
            FiredType::Locked(l) => l.as_str(),
            FiredType::User(u) => u.as_str(),
            FiredType::Notify(n) => n.as_str(),
            FiredType::System(s) => s.as_str(),
        }
    }

    /// Every name, in the order of [`FiredType::ALL`].
    pub(crate) const NAMES: [&str; FiredType::COUNT] = {
        let mut names = [""; FiredType::COUNT];
        let mut i = 0;
        while i < FiredType::COUNT {
            names[i] = FiredType::ALL[i].as_str();
            i += 1;
        }
        names
    };
}

/// One thing that fires. A card's action (a locked one included) fires as itself, the
/// model's [`Action`]: [`Fired::fired_type`] matches exhaustively on every variant, so a new
/// action is a compile error there until it has a type.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Fired {
    /// An action of the card, or a locked action SAMI runs whatever the card says.
    Action(Action),
    /// A system step SAMI runs on a messaging outcome (locked, not configurable).
    System(SystemStep),
    NotifyOwner,
    NotifyEmail {
        to: String,
    },
    NotifyPhone {
        to: String,
    },
}

impl Fired {
    /// The kind of the fired item.
    pub(crate) fn fired_type(&self) -> FiredType {
        match self {
            Fired::Action(Action::Locked(l)) => FiredType::Locked(*l),
            Fired::System(s) => FiredType::System(*s),
            Fired::Action(Action::Note { .. }) => FiredType::User(UserAction::Note),
            Fired::Action(Action::Task { .. }) => FiredType::User(UserAction::Task),
            Fired::Action(Action::Tag { .. }) => FiredType::User(UserAction::Tag),
            Fired::NotifyOwner => FiredType::Notify(NotifyKind::Owner),
            Fired::NotifyEmail { .. } => FiredType::Notify(NotifyKind::Email),
            Fired::NotifyPhone { .. } => FiredType::Notify(NotifyKind::Phone),
        }
    }

    /// The `type` of the fired item, as in the JSON output and expectation files.
    pub fn type_name(&self) -> &'static str {
        self.fired_type().as_str()
    }

    /// Locked actions and system steps: what SAMI runs whatever the card says.
    pub fn is_locked(&self) -> bool {
        matches!(self, Fired::Action(Action::Locked(_)) | Fired::System(_))
    }

    /// Why a locked action or a system step runs and can't be removed.
    pub fn lock_reason(&self) -> Option<&'static str> {
        match self {
            Fired::Action(Action::Locked(l)) => Some(l.reason()),
            Fired::System(s) => Some(s.reason()),
            _ => None,
        }
    }

    /// What an action of a card fires.
    pub fn from_action(action: &Action) -> Fired {
        Fired::Action(action.clone())
    }
}

impl Serialize for Fired {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("type", self.type_name())?;
        m.serialize_entry("locked", &self.is_locked())?;
        match self {
            Fired::Action(Action::Locked(_)) | Fired::System(_) | Fired::NotifyOwner => {}
            Fired::Action(Action::Note { text }) => m.serialize_entry("text", text)?,
            Fired::Action(Action::Task {
                title,
                due_in,
                assignee,
            }) => {
                m.serialize_entry("title", title)?;
                m.serialize_entry("due_in", &due_in.map(|d| d.to_string()))?;
                m.serialize_entry("assignee", &assignee.to_string())?;
            }
            Fired::Action(Action::Tag { name }) => m.serialize_entry("name", name)?,
            Fired::NotifyEmail { to } | Fired::NotifyPhone { to } => m.serialize_entry("to", to)?,
        }
        m.end()
    }
}

/// Why a step fires.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Origin {
    /// A locked action SAMI runs; `written` is the line where the file also writes it.
    Lock { written: Option<u32> },
    /// Written in the card at this line.
    Card { line: u32 },
    /// A system step SAMI runs on a messaging outcome.
    System,
}

/// A fired item and why it fires.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Step {
    pub(crate) fired: Fired,
    pub(crate) origin: Origin,
}

/// The result of simulating one outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Simulation {
    pub(crate) bot: String,
    pub direction: Direction,
    pub outcome: Outcome,
    /// A call outcome (`outcomes`) or a text-conversation outcome (`messaging`).
    pub(crate) channel: Channel,
    /// Custom criteria, or `None` for SAMI's default wording.
    pub(crate) analysis_criteria: Option<String>,
    pub(crate) mid_call: MidCall,
    pub(crate) steps: Vec<Step>,
    /// The line of the card's key, when the file has a card.
    pub(crate) card_line: Option<u32>,
    /// SAMI's own step after the fired list (not an action of the card).
    pub(crate) callback: Option<Callback>,
    /// The file's own direction, when `--direction` overrode it with a different one.
    pub(crate) file_direction: Option<Direction>,
}

/// The direction a bot file writes (`bot.direction`), read from its text without validating
/// it: a file checked as if its direction were another one (`simulate --direction`) keeps
/// its own in the model's place, so the override can be said.
pub fn written_direction(source: &str) -> Option<Direction> {
    use crate::yaml::{Node, Value};
    fn find<'a>(node: &'a Node<'a>, key: &str) -> Option<&'a Node<'a>> {
        match &node.value {
            Value::Map(entries) => entries
                .iter()
                .find(|(k, _)| matches!(&k.value, Value::Str(s) if s == key))
                .map(|(_, v)| v),
            _ => None,
        }
    }
    let root = crate::yaml::read(source).ok()?;
    match &find(find(&root, "bot")?, "direction")?.value {
        Value::Str(s) => Direction::parse(s),
        _ => None,
    }
}

/// The file's direction when `direction` overrides it with another one.
fn overridden(bot: &Bot, direction: Option<Direction>) -> Option<Direction> {
    direction
        .filter(|d| *d != bot.direction)
        .map(|_| bot.direction)
}

pub(crate) use crate::product::Callback;

/// SAMI's own step after the fired list of `outcome` on a call (docs/spec 4): the same on
/// every direction, which only decides whether an enrollment pause comes first.
pub(crate) fn callback(outcome: Outcome) -> Option<Callback> {
    rules_for(outcome).callback
}

impl Simulation {
    pub fn fires(&self) -> impl Iterator<Item = &Fired> {
        self.steps.iter().map(|s| &s.fired)
    }
}

/// What fires for `outcome` on `bot`; `direction` overrides the bot's own.
pub fn simulate(bot: &Bot, outcome: Outcome, direction: Option<Direction>) -> Simulation {
    let file_direction = overridden(bot, direction);
    let direction = direction.unwrap_or(bot.direction);
    let empty = Card::default();
    let card = bot.cards.get(&outcome);
    let c = card.unwrap_or(&empty);
    let mut steps = Vec::new();
    for lock in locked_actions(outcome, direction) {
        let written = c
            .actions
            .iter()
            .find(|a| a.value == Action::Locked(lock))
            .map(|a| a.line);
        steps.push(Step {
            fired: Fired::Action(Action::Locked(lock)),
            origin: Origin::Lock { written },
        });
    }
    fire_card(&mut steps, c);
    Simulation {
        bot: bot.name.clone(),
        direction,
        outcome,
        channel: Channel::Call,
        analysis_criteria: c.analysis_criteria.clone(),
        mid_call: c.mid_call.clone(),
        steps,
        card_line: card.map(|c| c.line),
        callback: callback(outcome),
        file_direction,
    }
}

/// What fires when a text conversation lands on `outcome` (docs/spec 17): SAMI's system
/// steps first, then the messaging card's actions in file order, then the owner alert. `None`
/// when the messaging section has no such outcome (opt-out: an SMS opt-out lands on
/// not-interested; the transfers). A bot without a `messaging` section runs the system steps
/// only, as a missing card does.
pub(crate) fn simulate_sms(
    bot: &Bot,
    outcome: Outcome,
    direction: Option<Direction>,
) -> Option<Simulation> {
    let rules = rules_on(Channel::Sms, outcome)?;
    let file_direction = overridden(bot, direction);
    let direction = direction.unwrap_or(bot.direction);
    let empty = Card::default();
    let card = bot.card_on(Channel::Sms, outcome);
    let mut steps: Vec<Step> = rules
        .system_steps
        .iter()
        .map(|s| Step {
            fired: Fired::System(*s),
            origin: Origin::System,
        })
        .collect();
    fire_card(&mut steps, card.unwrap_or(&empty));
    Some(Simulation {
        bot: bot.name.clone(),
        direction,
        outcome,
        channel: Channel::Sms,
        analysis_criteria: None,
        mid_call: MidCall::default(),
        steps,
        card_line: card.map(|c| c.line),
        callback: None,
        file_direction,
    })
}

/// What fires for `outcome` on `channel`; `None` when the channel has no such outcome.
pub fn simulate_on(
    bot: &Bot,
    channel: Channel,
    outcome: Outcome,
    direction: Option<Direction>,
) -> Option<Simulation> {
    match channel {
        Channel::Call => Some(simulate(bot, outcome, direction)),
        Channel::Sms => simulate_sms(bot, outcome, direction),
    }
}

/// Every outcome of `channel`, in its listing order.
pub fn simulate_all_on(
    bot: &Bot,
    channel: Channel,
    direction: Option<Direction>,
) -> Vec<Simulation> {
    channel
        .outcomes()
        .into_iter()
        .filter_map(|o| simulate_on(bot, channel, o, direction))
        .collect()
}

/// A card's user actions in file order, then its notifications.
fn fire_card(steps: &mut Vec<Step>, c: &Card) {
    for a in &c.actions {
        // Written locks fire once, above, where they apply.
        if matches!(a.value, Action::Locked(_)) {
            continue;
        }
        let fired = Fired::from_action(&a.value);
        steps.push(Step {
            fired,
            origin: Origin::Card { line: a.line },
        });
    }
    if let Some(n) = &c.notify {
        if n.owner {
            steps.push(Step {
                fired: Fired::NotifyOwner,
                origin: Origin::Card { line: n.line },
            });
        }
        for e in &n.emails {
            steps.push(Step {
                fired: Fired::NotifyEmail {
                    to: e.value.clone(),
                },
                origin: Origin::Card { line: e.line },
            });
        }
        for p in &n.phones {
            steps.push(Step {
                fired: Fired::NotifyPhone {
                    to: p.value.clone(),
                },
                origin: Origin::Card { line: p.line },
            });
        }
    }
}

/// Every outcome, in canonical order.
pub fn simulate_all(bot: &Bot, direction: Option<Direction>) -> Vec<Simulation> {
    Outcome::ALL
        .into_iter()
        .map(|o| simulate(bot, o, direction))
        .collect()
}

/// The JSON form of a simulation (docs/spec 9).
#[derive(Serialize)]
struct SimulationJson<'a> {
    bot: &'a str,
    direction: Direction,
    outcome: Outcome,
    channel: &'static str,
    mid_call: MidCallJson<'a>,
    fires: Vec<&'a Fired>,
    callback: Option<Callback>,
    /// Only when `--direction` overrode the file's direction with another one *(decided)*.
    #[serde(skip_serializing_if = "Option::is_none")]
    file_direction: Option<Direction>,
}

#[derive(Serialize)]
struct MidCallJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    wrap_up: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_objections: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    confirm_time: Option<bool>,
}

impl Simulation {
    /// The spec's JSON object for this simulation.
    pub fn to_json(&self) -> serde_json::Value {
        let json = SimulationJson {
            bot: &self.bot,
            direction: self.direction,
            outcome: self.outcome,
            channel: self.channel.as_str(),
            mid_call: MidCallJson {
                wrap_up: self.mid_call.wrap_up.as_deref(),
                max_objections: self.mid_call.max_objections,
                confirm_time: self.mid_call.confirm_time,
            },
            fires: self.fires().collect(),
            callback: self.callback,
            file_direction: self.file_direction,
        };
        serde_json::to_value(json).unwrap_or(serde_json::Value::Null)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;
    use crate::model::Assignee;
    use crate::validate::check;

    fn bot(src: &str) -> Bot {
        let checked = check(src, &Settings::default());
        checked
            .bot
            .unwrap_or_else(|| panic!("{:?}", checked.diagnostics))
    }

    const SPEC_EXAMPLE: &str = r#"version: 1
bot:
  name: Seller Outreach
  direction: outbound
outcomes:
  opt-out:
    mid_call:
      wrap_up: "Understood. You won't hear from us again."
    actions:
      - type: do-not-contact-all-channels
      - type: tag
        name: opted-out
  missed-transfer:
    actions:
      - type: task
        title: "Call back {{contact.first_name}}: missed transfer"
        due_in: 15m
    notify:
      owner: true
      emails: [team-lead@acme-realty.com]
      phones: ["+15125550142"]
"#;

    #[test]
    fn spec_example_opt_out() {
        let b = bot(SPEC_EXAMPLE);
        let sim = simulate(&b, Outcome::OptOut, None);
        let json = sim.to_json();
        assert_eq!(
            json,
            serde_json::json!({
                "bot": "Seller Outreach",
                "direction": "outbound",
                "outcome": "opt-out",
                "channel": "call",
                "mid_call": {"wrap_up": "Understood. You won't hear from us again."},
                "fires": [
                    {"type": "do-not-contact-all-channels", "locked": true},
                    {"type": "cancel-enrollment", "locked": true},
                    {"type": "tag", "locked": false, "name": "opted-out"}
                ],
                "callback": null
            })
        );
        // The written lock is not repeated, and the step knows where it was written.
        assert_eq!(sim.steps[0].origin, Origin::Lock { written: Some(10) });
    }

    #[test]
    fn the_spec_messaging_example_fires_system_steps_first() {
        let src = format!(
            "{SPEC_EXAMPLE}messaging:\n  needs-follow-up:\n    actions:\n      - type: task\n        title: \"Text thread needs {{{{contact.first_name}}}}'s agent\"\n        due_in: 1h\n      - type: tag\n        name: sms-follow-up\n    notify:\n      owner: true\n  not-interested:\n    actions:\n      - type: tag\n        name: sms-not-interested\n"
        );
        let b = bot(&src);
        let sim = simulate_sms(&b, Outcome::NeedsFollowUp, None).unwrap();
        let types: Vec<_> = sim.fires().map(Fired::type_name).collect();
        assert_eq!(
            types,
            [
                "pause-outreach",
                "apply-outcome-tag",
                "system-note",
                "task",
                "tag",
                "notify-owner"
            ]
        );
        let json = sim.to_json();
        assert_eq!(json["channel"], "sms");
        assert_eq!(
            json["fires"][0],
            serde_json::json!({"type": "pause-outreach", "locked": true})
        );
        assert_eq!(json["mid_call"], serde_json::json!({}));
        // No SMS opt-out card; the call simulation of the same bot is unchanged.
        assert!(simulate_sms(&b, Outcome::OptOut, None).is_none());
        assert_eq!(
            simulate(&b, Outcome::OptOut, None).to_json()["channel"],
            "call"
        );
        // Without a messaging section: the system steps only.
        let plain = bot(SPEC_EXAMPLE);
        let all = simulate_all_on(&plain, Channel::Sms, None);
        assert_eq!(all.len(), 5);
        assert!(
            all.iter()
                .all(|s| s.fires().all(Fired::is_locked) && s.card_line.is_none())
        );
    }

    #[test]
    fn order_is_locks_then_actions_then_notifications() {
        let b = bot(SPEC_EXAMPLE);
        let sim = simulate(&b, Outcome::MissedTransfer, None);
        let types: Vec<_> = sim.fires().map(Fired::type_name).collect();
        assert_eq!(
            types,
            [
                "cancel-enrollment",
                "task",
                "notify-owner",
                "notify-email",
                "notify-phone"
            ]
        );
        assert_eq!(
            sim.to_json()["fires"][1],
            serde_json::json!({"type": "task", "locked": false,
                "title": "Call back {{contact.first_name}}: missed transfer",
                "due_in": "15m", "assignee": "owner"})
        );
        assert_eq!(sim.to_json()["mid_call"], serde_json::json!({}));
    }

    #[test]
    fn contact_later_reaches_out_again_on_every_direction() {
        let b = bot(SPEC_EXAMPLE);
        let sim = simulate(&b, Outcome::ContactLater, None);
        assert_eq!(sim.callback, Some(Callback::RequestedTime));
        assert_eq!(sim.to_json()["callback"], "requested-time");
        // Not part of the fired list.
        assert_eq!(
            sim.fires().map(Fired::type_name).collect::<Vec<_>>(),
            ["pause-contact-until-requested-time"]
        );
        for d in Direction::ALL {
            let sim = simulate(&b, Outcome::ContactLater, Some(d));
            assert_eq!(sim.to_json()["callback"], "requested-time", "{d}");
        }
        // An inbound-only bot pauses nothing first, and SAMI still reaches out again.
        let inbound = simulate(&b, Outcome::ContactLater, Some(Direction::Inbound));
        assert_eq!(inbound.fires().count(), 0);
        assert_eq!(
            Callback::RequestedTime.describe(),
            "then SAMI reaches out again at the requested time"
        );
        for o in Outcome::ALL
            .into_iter()
            .filter(|o| *o != Outcome::ContactLater)
        {
            for d in Direction::ALL {
                assert_eq!(simulate(&b, o, Some(d)).callback, None, "{o} {d}");
            }
        }
    }

    #[test]
    fn the_written_direction_is_read_without_validating() {
        assert_eq!(written_direction(SPEC_EXAMPLE), Some(Direction::Outbound));
        assert_eq!(
            written_direction("bot: {name: x, direction: inbound}\noutcomes: 3\n"),
            Some(Direction::Inbound)
        );
        assert_eq!(written_direction("bot: {direction: sideways}\n"), None);
        assert_eq!(written_direction("- [\n"), None);
    }

    #[test]
    fn an_overridden_direction_is_said() {
        let b = bot(SPEC_EXAMPLE);
        let sim = simulate(&b, Outcome::OptOut, Some(Direction::Inbound));
        assert_eq!(sim.file_direction, Some(Direction::Outbound));
        assert_eq!(sim.to_json()["file_direction"], "outbound");
        assert_eq!(sim.to_json()["direction"], "inbound");
        // The same direction, or none given: nothing is overridden, and no field is added.
        for d in [None, Some(Direction::Outbound)] {
            let sim = simulate(&b, Outcome::OptOut, d);
            assert_eq!(sim.file_direction, None);
            assert!(sim.to_json().get("file_direction").is_none());
        }
        let sms = simulate_sms(&b, Outcome::ContactLater, Some(Direction::Both));
        assert_eq!(
            sms.map(|s| s.file_direction),
            Some(Some(Direction::Outbound))
        );
    }

    #[test]
    fn direction_override_and_cardless_outcomes() {
        let b = bot(SPEC_EXAMPLE);
        let inbound = simulate(&b, Outcome::OptOut, Some(Direction::Inbound));
        let types: Vec<_> = inbound.fires().map(Fired::type_name).collect();
        assert_eq!(types, ["do-not-contact-all-channels", "tag"]);
        let nfu = simulate(&b, Outcome::NeedsFollowUp, None);
        assert_eq!(
            nfu.fires().map(Fired::type_name).collect::<Vec<_>>(),
            ["pause-enrollment"]
        );
        assert_eq!(nfu.card_line, None);
        let all = simulate_all(&Bot::without_cards("x", Direction::Inbound), None);
        assert_eq!(all.len(), 8);
        assert_eq!(all.iter().map(|s| s.steps.len()).sum::<usize>(), 1);
    }

    /// Every action type fires as itself: `Fired` and `Action` are tied by exhaustive
    /// matches, and every fired type has one distinct name.
    #[test]
    fn every_action_type_fires_under_its_own_name() {
        use crate::product::ActionType;
        let sample = |t: ActionType| match t {
            ActionType::Locked(l) => Action::Locked(l),
            ActionType::User(UserAction::Note) => Action::Note { text: "n".into() },
            ActionType::User(UserAction::Task) => Action::Task {
                title: "t".into(),
                due_in: None,
                assignee: Assignee::Owner,
            },
            ActionType::User(UserAction::Tag) => Action::Tag { name: "g".into() },
        };
        let mut names = std::collections::HashSet::new();
        for t in FiredType::ALL {
            assert!(names.insert(t.as_str()), "{} twice", t.as_str());
        }
        assert_eq!(names.len(), FiredType::COUNT);
        assert_eq!(FiredType::NAMES.len(), FiredType::COUNT);
        for name in ActionType::all_names() {
            let Some(t) = ActionType::parse(name) else {
                panic!("{name} doesn't parse");
            };
            let action = sample(t);
            let fired = Fired::from_action(&action);
            assert_eq!(fired.type_name(), action.type_name());
            assert_eq!(fired.type_name(), name);
            assert!(FiredType::NAMES.contains(&name));
            assert_eq!(fired.is_locked(), matches!(t, ActionType::Locked(_)));
        }
        for step in SystemStep::ALL {
            assert!(Fired::System(step).is_locked());
            assert!(FiredType::NAMES.contains(&step.as_str()));
        }
    }
}
