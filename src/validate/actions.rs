//! A card's `actions` list: each item's type, the user actions (`note`, `task`, `tag`) and
//! their fields, the locked actions, and repeated actions.

use super::fixes::{EntryRef, FixTarget, ItemRef, Place};
use super::messages::{Ctx, Mismatch, Problem};
use super::walker::{Entry, Walker, get, get_entry};
use super::{NOTE_MAX, TAG_MAX, TITLE_MAX};
use crate::fields;
use crate::model::{Action, Assignee, DueIn, Located};
use crate::outcome::{Direction, Outcome};
use crate::product::{
    self, ActionType, Channel, LockedAction, OutcomeRules, TextField, UserAction, rules_for,
};
use crate::yaml::{Node, Pos, Value};
use std::collections::HashMap;

impl<'t> Walker<'_, 't> {
    /// The card's actions (`value`, of the card's entry `holder`), and whether it writes a
    /// `task` (for the follow-up warnings).
    pub(super) fn actions(
        &mut self,
        outcome: Outcome,
        holder: EntryRef<'t>,
        value: &'t Node<'t>,
        direction: Option<Direction>,
    ) -> (Vec<Located<Action>>, bool) {
        let items = self.list("actions", value);
        let mut actions: Vec<Located<Action>> = Vec::new();
        // Where each action is: its position, and the item as a fix removes it.
        let mut item_at: Vec<(Pos, ItemRef<'t>)> = Vec::new();
        let mut wrote_task = false;
        for (index, item) in items.iter().enumerate() {
            let at = ItemRef {
                seq: value,
                index,
                holder: Some(holder),
            };
            let Value::Map(raw) = &item.value else {
                let type_name = match &item.value {
                    Value::Str(s) if ActionType::parse(s).is_some() => Some(s.as_ref()),
                    _ => None,
                };
                self.report(
                    item.pos,
                    Problem::ActionNotAMapping {
                        found: item.value.kind(),
                        type_name,
                    },
                );
                continue;
            };
            let entries = self.dedup(item, raw, Ctx::AnAction);
            let Some((_, type_node)) = get(&entries, "type") else {
                let problem = Problem::ActionWithoutType {
                    on: self.on(outcome),
                    allowed: allowed_types(self.rules(outcome), direction),
                };
                self.report(item.pos, problem);
                continue;
            };
            let type_name = match &type_node.value {
                Value::Str(s) => s.as_ref(),
                other => {
                    self.report(
                        type_node.pos,
                        Problem::TypeNotAString {
                            found: other.kind(),
                        },
                    );
                    continue;
                }
            };
            if self.channel == Channel::Sms
                && let Some(step) = product::SystemStep::parse(type_name)
            {
                let problem = Problem::SystemStepWritten {
                    step,
                    outcome,
                    on: self.on(outcome),
                    allowed: self
                        .rules(outcome)
                        .user_actions
                        .iter()
                        .map(|u| u.as_str())
                        .collect(),
                };
                self.report(type_node.pos, problem);
                continue;
            }
            let Some(action_type) = ActionType::parse(type_name) else {
                self.report(
                    type_node.pos,
                    Problem::UnknownActionType {
                        text: type_name,
                        sms: (self.channel == Channel::Sms).then(|| {
                            let allowed = self
                                .rules(outcome)
                                .user_actions
                                .iter()
                                .map(|u| u.as_str())
                                .collect();
                            (self.on(outcome), allowed)
                        }),
                    },
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
                    let problem = Problem::LockedOnSms {
                        lock,
                        on: self.on(outcome),
                        steps,
                    };
                    self.report(type_node.pos, problem);
                    None
                }
                ActionType::Locked(lock) => self.locked_action(
                    outcome,
                    lock,
                    (at, type_name),
                    type_node,
                    &entries,
                    direction,
                ),
            };
            if let Some(action) = action {
                actions.push(Located {
                    value: action,
                    line: item.pos.line,
                });
                item_at.push((item.pos, at));
            }
        }
        // First line of each action, by its sameness key: linear, whatever the card's size.
        let sms = match self.channel {
            Channel::Call => None,
            Channel::Sms => Some(self.on(outcome)),
        };
        let mut first_seen: HashMap<Action, u32> = HashMap::with_capacity(actions.len());
        for (i, action) in actions.iter().enumerate() {
            let key = action.value.sameness_key();
            if let Some(&first_line) = first_seen.get(&key) {
                let (pos, at) = item_at[i];
                self.report_fixable(
                    pos,
                    Problem::DuplicateAction {
                        type_name: action.value.type_name(),
                        sms: sms.clone(),
                        first_line,
                    },
                    FixTarget::Item(at),
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
        entries: &[Entry<'t>],
    ) -> Option<Action> {
        let rules = self.rules(outcome);
        let mut allowed = true;
        if !rules.user_actions.contains(&user) {
            allowed = false;
            let problem = Problem::UserActionNotAllowed {
                user,
                on: self.on(outcome),
                allowed: rules.user_actions.iter().map(|a| a.as_str()).collect(),
                channel: rules.channel,
                access: rules.notify,
            };
            self.report(type_node.pos, problem);
        }
        let what = Ctx::User(user);
        let mut known = vec!["type"];
        known.extend_from_slice(user.fields());
        let mut rest = Vec::with_capacity(entries.len());
        for entry in entries {
            if entry.text == "locked" {
                self.report_fixable(
                    entry.key.pos,
                    Problem::LockedOnUserAction(user),
                    FixTarget::Key(entry.at(self.place(what))),
                );
            } else {
                rest.push(entry.clone());
            }
        }
        let fields = self.known(rest, &known, what);
        // A missing field points at its parent: the action item.
        let parent = item;
        let action = match user {
            UserAction::Note => {
                let &Entry {
                    key: k, value: v, ..
                } = self.required(&fields, "text", parent, what)?;
                let text = self.string(k, "text", v, NOTE_MAX)?;
                self.placeholders(v, &text, outcome, TextField::NoteText);
                Action::Note { text }
            }
            UserAction::Tag => {
                let &Entry {
                    key: k, value: v, ..
                } = self.required(&fields, "name", parent, what)?;
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
        fields: &[Entry<'t>],
        parent: Pos,
        what: Ctx,
    ) -> Option<Action> {
        let title = match self.required(fields, "title", parent, what) {
            Some(&Entry {
                key: k, value: v, ..
            }) => {
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
            Some((k, v)) => match &v.value {
                Value::Str(s) if s == "requested-time" => {
                    if self.rules(outcome).requested_time {
                        Some(DueIn::RequestedTime)
                    } else {
                        let problem = Problem::RequestedTimeNotAllowed {
                            on: self.on(outcome),
                            homes: product::requested_time_outcomes(self.channel),
                        };
                        self.report(v.pos, problem);
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
                    self.report(k.pos, Problem::NoValue { name: "due_in" });
                    ok = false;
                    None
                }
                other => {
                    self.report(
                        v.pos,
                        Problem::DueInNotAString {
                            found: other.kind(),
                        },
                    );
                    ok = false;
                    None
                }
            },
        };
        let assignee = match get(fields, "assignee") {
            None => Assignee::Owner,
            Some((k, v)) => match &v.value {
                Value::Str(s) if s == "owner" => Assignee::Owner,
                Value::Str(s) if self.channel == Channel::Sms => {
                    let problem = Problem::SmsAssignee {
                        text: s,
                        on: self.on(outcome),
                    };
                    self.report(v.pos, problem);
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

    /// A locked action: `item` is its action item and its `type` as written, `type_node`.
    pub(super) fn locked_action(
        &mut self,
        outcome: Outcome,
        lock: LockedAction,
        item: (ItemRef<'t>, &'t str),
        type_node: &Node,
        entries: &[Entry<'t>],
        direction: Option<Direction>,
    ) -> Option<Action> {
        let fields = self.known(entries.to_vec(), &["type", "locked"], Ctx::Locked(lock));
        if let Some(entry) = get_entry(&fields, "locked")
            && self.boolean(entry, "locked", Place::LockedAction) == Some(false)
        {
            self.report_fixable(
                entry.key.pos,
                Problem::LockedDisabled(lock),
                FixTarget::Key(entry.at(Place::LockedAction)),
            );
        }
        let rules = rules_for(outcome);
        let mismatch = match lock.misplaced_help() {
            Some(help) if !rules.locks.contains(&lock) => Some(Mismatch::Misplaced(help)),
            _ if rules.locks.contains(&lock) => None,
            _ if direction == Some(Direction::Inbound) => Some(Mismatch::InboundOnly),
            _ if rules.enrollment_lock != Some(lock) => Some(Mismatch::NotItsLock {
                own: rules.enrollment_lock,
            }),
            _ => None,
        };
        if let Some(mismatch) = mismatch {
            self.report_fixable(
                type_node.pos,
                Problem::LockMismatch {
                    lock,
                    outcome,
                    mismatch,
                },
                FixTarget::Lock(item.0, item.1),
            );
            return None;
        }
        Some(Action::Locked(lock))
    }
}

/// The action types a card may write, for help texts.
fn allowed_types(rules: &OutcomeRules, direction: Option<Direction>) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = rules.user_actions.iter().map(|a| a.as_str()).collect();
    if rules.channel == Channel::Call {
        let locks = product::locked_actions(rules.outcome, direction.unwrap_or(Direction::Both));
        names.extend(locks.iter().map(|l| l.as_str()));
    }
    names
}
