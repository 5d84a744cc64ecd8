//! A card's `actions` list: each item's type, the user actions (`note`, `task`, `tag`) and
//! their fields, the locked actions, and repeated actions.

use super::messages::{Ctx, quote_list};
use super::walker::{Entry, Walker, get};
use super::{NOTE_MAX, TAG_MAX, TITLE_MAX};
use crate::fields;
use crate::model::{Action, Assignee, DueIn, Located};
use crate::outcome::{Direction, Outcome};
use crate::product::{
    self, ActionType, Channel, LockedAction, OutcomeRules, TextField, UserAction, rules_for,
};
use crate::rules::Rule;
use crate::values::did_you_mean;
use crate::yaml::{Node, Pos, Value};
use std::collections::HashMap;

impl Walker<'_> {
    /// The card's actions, and whether it writes a `task` (for the follow-up warnings).
    pub(super) fn actions(
        &mut self,
        outcome: Outcome,
        value: &Node,
        direction: Option<Direction>,
    ) -> (Vec<Located<Action>>, bool) {
        let items = self.list("actions", value, "write each action as `- type: ...`");
        let mut actions: Vec<Located<Action>> = Vec::new();
        let mut item_pos: Vec<Pos> = Vec::new();
        let mut wrote_task = false;
        for item in items {
            let Value::Map(raw) = &item.value else {
                let help = match &item.value {
                    Value::Str(s) if ActionType::parse(s).is_some() => {
                        format!("write `- type: {s}`")
                    }
                    _ => "write each action as a mapping, like `- type: note`".to_owned(),
                };
                self.invalid(
                    item.pos,
                    format!(
                        "an action must be a mapping with a `type`, found {}",
                        item.value.kind()
                    ),
                    Some(help),
                );
                continue;
            };
            let entries = self.dedup(raw, Ctx::AnAction);
            let Some((_, type_node)) = get(&entries, "type") else {
                self.invalid(
                    item.pos,
                    "this action has no `type`",
                    Some(format!(
                        "the action types on {} are {}",
                        self.on(outcome),
                        allowed_types(self.rules(outcome), direction)
                    )),
                );
                continue;
            };
            let type_name = match &type_node.value {
                Value::Str(s) => s.as_ref(),
                other => {
                    self.invalid(
                        type_node.pos,
                        format!(
                            "an action's `type` must be a string, found {}",
                            other.kind()
                        ),
                        None,
                    );
                    continue;
                }
            };
            let Some(action_type) = ActionType::parse(type_name) else {
                let help = match did_you_mean(type_name, ActionType::all_names()) {
                    Some(t) => format!("did you mean `{t}`?"),
                    None => format!(
                        "the action types are {}",
                        quote_list(ActionType::all_names())
                    ),
                };
                self.invalid(
                    type_node.pos,
                    format!("unknown action type `{type_name}`"),
                    Some(help),
                );
                continue;
            };
            if action_type == ActionType::User(UserAction::Task) {
                wrote_task = true;
            }
            let action = match action_type {
                ActionType::User(user) => {
                    self.user_action(outcome, user, type_node, item.pos, &entries)
                }
                ActionType::Locked(lock) if self.channel == Channel::Sms => {
                    let steps: Vec<&str> = self
                        .rules(outcome)
                        .system_steps
                        .iter()
                        .map(|s| s.as_str())
                        .collect();
                    self.push(
                        Rule::ActionNotAllowed,
                        type_node.pos,
                        format!(
                            "locked action `{}` can't be written on {}",
                            lock.as_str(),
                            self.on(outcome)
                        ),
                        Some(format!(
                            "SAMI's system steps ({}) always run on a messaging card and are not configurable: remove this line; the actions here are `tag` and `task`",
                            steps.join(", ")
                        )),
                    );
                    None
                }
                ActionType::Locked(lock) => {
                    self.locked_action(outcome, lock, type_node, &entries, direction)
                }
            };
            if let Some(action) = action {
                actions.push(Located {
                    value: action,
                    line: item.pos.line,
                });
                item_pos.push(item.pos);
            }
        }
        // First line of each action, by its sameness key: linear, whatever the card's size.
        let on = match self.channel {
            Channel::Call => String::new(),
            Channel::Sms => format!(" of {}", self.on(outcome)),
        };
        let mut first_seen: HashMap<Action, u32> = HashMap::with_capacity(actions.len());
        for (i, action) in actions.iter().enumerate() {
            let key = action.value.sameness_key();
            if let Some(&first) = first_seen.get(&key) {
                let message = format!(
                    "this `{}` action{on} repeats the one on line {}",
                    action.value.type_name(),
                    first
                );
                self.push(
                    Rule::DuplicateAction,
                    item_pos[i],
                    message,
                    Some("it would run twice; remove one".to_owned()),
                );
            } else {
                first_seen.insert(key, action.line);
            }
        }
        (actions, wrote_task)
    }

    pub(super) fn user_action(
        &mut self,
        outcome: Outcome,
        user: UserAction,
        type_node: &Node,
        item: Pos,
        entries: &[Entry<'_>],
    ) -> Option<Action> {
        let rules = self.rules(outcome);
        let mut allowed = true;
        if !rules.user_actions.contains(&user) {
            allowed = false;
            let names: Vec<&str> = rules.user_actions.iter().map(|a| a.as_str()).collect();
            let why = match rules.notify.because() {
                _ if rules.channel == Channel::Sms => {
                    " (SAMI writes the conversation's note itself, as a system step)".to_owned()
                }
                Some(because) => format!(" ({because})"),
                None => String::new(),
            };
            let on = self.on(outcome);
            self.push(
                Rule::ActionNotAllowed,
                type_node.pos,
                format!("{on} doesn't allow `{user}` actions", user = user.as_str()),
                Some(format!(
                    "the actions on {on} are {}{why}",
                    quote_list(names)
                )),
            );
        }
        let what = Ctx::User(user);
        let mut known = vec!["type"];
        known.extend_from_slice(user.fields());
        let mut rest = Vec::with_capacity(entries.len());
        for entry in entries {
            if entry.0 == "locked" {
                self.push(
                    Rule::UnknownField,
                    entry.1.pos,
                    format!("unknown field `locked` in {what}"),
                    Some(format!(
                        "`locked` belongs to locked actions only; `{}` is a user action",
                        user.as_str()
                    )),
                );
            } else {
                rest.push(entry.clone());
            }
        }
        let fields = self.known(rest, &known, what, None);
        // A missing field points at its parent: the action item.
        let parent = item;
        let action = match user {
            UserAction::Note => {
                let (k, v) = self.required(&fields, "text", parent, what, None)?;
                let text = self.string(k, "text", v, NOTE_MAX)?;
                self.placeholders(v, &text, outcome, TextField::NoteText);
                Action::Note { text }
            }
            UserAction::Tag => {
                let (k, v) = self.required(&fields, "name", parent, what, None)?;
                let name = self.string(k, "name", v, TAG_MAX)?;
                if let Err(problem) = fields::tag_name(&name) {
                    self.field_problem(v.pos, &problem, "name", &name);
                    return None;
                }
                Action::Tag { name }
            }
            UserAction::Task => self.task(outcome, &fields, parent, what)?,
        };
        allowed.then_some(action)
    }

    pub(super) fn task(
        &mut self,
        outcome: Outcome,
        fields: &[Entry<'_>],
        parent: Pos,
        what: Ctx,
    ) -> Option<Action> {
        let title = match self.required(fields, "title", parent, what, None) {
            Some((k, v)) => {
                let title = self.string(k, "title", v, TITLE_MAX);
                if let Some(t) = &title {
                    self.placeholders(v, t, outcome, TextField::TaskTitle);
                }
                title
            }
            None => None,
        };
        let mut ok = true;
        let due_in = match get(fields, "due_in") {
            None => None,
            Some((k, v)) => {
                match &v.value {
                    Value::Str(s) if s == "requested-time" => {
                        if self.rules(outcome).requested_time {
                            Some(DueIn::RequestedTime)
                        } else {
                            let on = self.on(outcome);
                            self.push(
                                Rule::OptionNotAllowed,
                                v.pos,
                                format!("`due_in: requested-time` is not allowed on {on}"),
                                Some(format!(
                                    "only {} have a requested time; use a duration such as `4h`",
                                    product::tag_list(
                                        &product::requested_time_outcomes(self.channel),
                                        " and "
                                    )
                                )),
                            );
                            ok = false;
                            None
                        }
                    }
                    Value::Str(s) => match fields::duration(s) {
                        Ok(d) => Some(DueIn::After(d)),
                        Err(problem) => {
                            self.field_problem(v.pos, &problem, "due_in", s);
                            ok = false;
                            None
                        }
                    },
                    Value::Null => {
                        self.invalid(k.pos, "`due_in` has no value", None);
                        ok = false;
                        None
                    }
                    other => {
                        self.invalid(
                        v.pos,
                        format!("`due_in` must be a duration such as `15m`, found {}", other.kind()),
                        Some("a duration is a whole number and `m`, `h` or `d`: `15m`, `4h`, `2d`".to_owned()),
                    );
                        ok = false;
                        None
                    }
                }
            }
        };
        let assignee = match get(fields, "assignee") {
            None => Assignee::Owner,
            Some((k, v)) => match &v.value {
                Value::Str(s) if s == "owner" => Assignee::Owner,
                Value::Str(s) if self.channel == Channel::Sms => {
                    self.invalid(
                        v.pos,
                        format!(
                            "task assignee `{s}` on {}: a messaging task goes to the contact's owner",
                            self.on(outcome)
                        ),
                        Some("write `assignee: owner` or leave it out: messaging cards have no recipients other than the owner".to_owned()),
                    );
                    ok = false;
                    Assignee::Owner
                }
                Value::Str(s) => {
                    if let Err(problem) = fields::email(s) {
                        self.field_problem(v.pos, &problem, "assignee", s);
                        ok = false;
                    } else if !self.policy.allows_email(s) {
                        self.recipient_not_allowed(v.pos, s, true);
                        ok = false;
                    }
                    Assignee::Email(s.to_string())
                }
                _ => {
                    self.string(k, "assignee", v, usize::MAX);
                    ok = false;
                    Assignee::Owner
                }
            },
        };
        let title = title?;
        ok.then_some(Action::Task {
            title,
            due_in,
            assignee,
        })
    }

    pub(super) fn locked_action(
        &mut self,
        outcome: Outcome,
        lock: LockedAction,
        type_node: &Node,
        entries: &[Entry<'_>],
        direction: Option<Direction>,
    ) -> Option<Action> {
        let fields = self.known(
            entries.to_vec(),
            &["type", "locked"],
            Ctx::Locked(lock),
            Some("a locked action takes only `locked: true`"),
        );
        if let Some((k, v)) = get(&fields, "locked")
            && self.boolean(k, "locked", v) == Some(false)
        {
            self.push(
                Rule::LockedActionDisabled,
                k.pos,
                format!("`{}` is locked and can't be disabled", lock.as_str()),
                Some(format!("{}; remove `locked: false`", lock.reason())),
            );
        }
        let rules = rules_for(outcome);
        let always = lock.outcomes_on_every_bot();
        let mismatch = match lock.misplaced_help() {
            Some(help) if !rules.locks.contains(&lock) => Some((
                format!(
                    "`{}` applies only to {}, not to {outcome}",
                    lock.as_str(),
                    product::tag_list(&always, " and ")
                ),
                help.to_owned(),
            )),
            _ if rules.locks.contains(&lock) => None,
            _ if direction == Some(Direction::Inbound) => Some((
                format!("`{}` doesn't apply to an inbound-only bot", lock.as_str()),
                "inbound-only bots have no enrollment to manage: remove this line, or set `direction: outbound` or `both`".to_owned(),
            )),
            _ if rules.enrollment_lock != Some(lock) => Some((
                format!("`{}` doesn't apply to {outcome}", lock.as_str()),
                match rules.enrollment_lock {
                    Some(own) => format!("the enrollment lock of {outcome} is `{}`", own.as_str()),
                    None => format!("{outcome} has no enrollment lock"),
                },
            )),
            _ => None,
        };
        if let Some((message, help)) = mismatch {
            self.push(
                Rule::LockedActionMismatch,
                type_node.pos,
                message,
                Some(help),
            );
            return None;
        }
        Some(Action::Locked(lock))
    }
}

/// The action types a card may write, for help texts.
pub(super) fn allowed_types(rules: &OutcomeRules, direction: Option<Direction>) -> String {
    let mut names: Vec<&str> = rules.user_actions.iter().map(|a| a.as_str()).collect();
    if rules.channel == Channel::Call {
        let locks = product::locked_actions(rules.outcome, direction.unwrap_or(Direction::Both));
        names.extend(locks.iter().map(|l| l.as_str()));
    }
    quote_list(names)
}
