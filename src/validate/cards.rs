//! A card: its keys, `analysis_criteria`, `mid_call`, and the follow-up warnings.

use super::fixes::{FixTarget, Place};
use super::messages::{Ctx, Problem};
use super::walker::{Walker, get, get_entry};
use super::{CARD_KEYS, CRITERIA_MAX, MESSAGING_CARD_KEYS, WRAP_UP_MAX};
use crate::fields;
use crate::model::{Card, MidCall};
use crate::outcome::{Direction, Outcome};
use crate::product::{Channel, MidCallOption, OptOutRole, OptionValue, TextField, rules_for};
use crate::yaml::{Node, Value};

impl<'t> Walker<'_, 't> {
    pub(super) fn card(
        &mut self,
        outcome: Outcome,
        key: &'t Node<'t>,
        value: &'t Node<'t>,
        direction: Option<Direction>,
    ) -> Card {
        let rules = self.rules(outcome);
        let mut card = Card {
            line: key.pos.line,
            ..Card::default()
        };
        let sms = self.channel == Channel::Sms;
        let (what, value_what) = if sms {
            (Ctx::SmsCard(outcome), Ctx::SmsCardValue(outcome))
        } else {
            (Ctx::Card(outcome), Ctx::CardValue(outcome))
        };
        let Some(entries) = self.mapping(value, value_what) else {
            return card;
        };
        let entries = if sms {
            self.known(entries, &MESSAGING_CARD_KEYS, what)
        } else {
            self.known(entries, &CARD_KEYS, what)
        };
        let mut wrote_task = false;
        let mut notifies = false;

        if let Some((k, v)) = get(&entries, "analysis_criteria") {
            if rules.takes_criteria {
                card.analysis_criteria = self.string(k, "analysis_criteria", v, CRITERIA_MAX);
                if let Some(text) = &card.analysis_criteria {
                    self.placeholders(v, text, outcome, TextField::AnalysisCriteria);
                    if rules.opt_out != OptOutRole::LandsHere {
                        self.criteria_catches_opt_out(v, text, outcome);
                    }
                }
            } else {
                self.report(k.pos, Problem::CriteriaNotAllowed(outcome));
            }
        }
        if let Some((_, v)) = get(&entries, "mid_call") {
            card.mid_call = self.mid_call(outcome, v);
        }
        // The kind of mapping the card's keys are in, as its fixes see it.
        let place = self.place(what);
        if let Some(entry) = get_entry(&entries, "actions") {
            let (actions, task) = self.actions(outcome, entry.at(place), entry.value, direction);
            card.actions = actions;
            wrote_task = task;
        }
        if let Some(entry) = get_entry(&entries, "notify") {
            if rules.notify.is_allowed() {
                let (notify, anyone) =
                    self.notify(entry.at(place), entry.key, entry.value, rules.notify);
                card.notify = notify;
                notifies = anyone;
            } else {
                self.report_fixable(
                    entry.key.pos,
                    Problem::NotifyNotAllowed {
                        outcome,
                        access: rules.notify,
                    },
                    FixTarget::Key(entry.at(place)),
                );
            }
        }

        // A person handed the card where SMS opt-outs land may contact a lead who revoked
        // consent (docs/spec 7, `contact-after-opt-out`).
        if sms && rules.opt_out == OptOutRole::LandsHere {
            self.contact_after_opt_out(outcome, &entries);
        }

        // The follow-up warnings are about calls: on a text thread SAMI's own pause and system
        // note stand in for them *(decided)*.
        let nobody = !wrote_task && !notifies && !sms;
        if nobody && let Some(warning) = rules.follow_up {
            self.report(key.pos, Problem::NobodyFollowsUp { outcome, warning });
        }
        card
    }

    /// Each task item and a true `owner` key on the SMS card where opt-outs land.
    fn contact_after_opt_out(&mut self, outcome: Outcome, entries: &[super::walker::Entry<'t>]) {
        if let Some((_, actions)) = get(entries, "actions")
            && let Value::Seq(items) = &actions.value
        {
            for item in items {
                let Value::Map(fields) = &item.value else {
                    continue;
                };
                let task = fields.iter().any(|(k, v)| {
                    matches!(&k.value, Value::Str(s) if s == "type")
                        && matches!(&v.value, Value::Str(s) if s == "task")
                });
                if task {
                    self.report(
                        item.pos,
                        Problem::ContactAfterOptOut {
                            outcome,
                            owner: false,
                        },
                    );
                }
            }
        }
        if let Some((_, notify)) = get(entries, "notify")
            && let Value::Map(fields) = &notify.value
        {
            for (k, v) in fields {
                if matches!(&k.value, Value::Str(s) if s == "owner")
                    && matches!(v.value, Value::Bool(true))
                {
                    self.report(
                        k.pos,
                        Problem::ContactAfterOptOut {
                            outcome,
                            owner: true,
                        },
                    );
                }
            }
        }
    }

    /// Criteria that would catch a request to stop contact, on a card where such requests don't
    /// land.
    pub(super) fn criteria_catches_opt_out(&mut self, value: &Node, text: &str, outcome: Outcome) {
        let found = crate::opt_out::opt_out_phrases(text);
        let Some(first) = found.first() else {
            return;
        };
        // The finding points at the first phrase inside the string (docs/spec 7), as
        // `unknown-placeholder` does; at the string when the source can't be matched.
        let pos = if self.source.is_empty() {
            None
        } else {
            super::scalar_span::phrase_position(
                self.source,
                self.line_index(),
                value.pos,
                text,
                first.offset,
                first.len,
            )
        };
        let phrases: Vec<String> = found.into_iter().map(|p| p.text).collect();
        self.report(
            pos.unwrap_or(value.pos),
            Problem::CriteriaCatchesOptOut { outcome, phrases },
        );
    }

    pub(super) fn mid_call(&mut self, outcome: Outcome, value: &'t Node<'t>) -> MidCall {
        let mut mid_call = MidCall::default();
        let Some(entries) = self.mapping(value, Ctx::MidCall) else {
            return mid_call;
        };
        let all_keys = MidCallOption::ALL.map(MidCallOption::key);
        let rules = rules_for(outcome);
        // An unknown key's help lists only the options this outcome takes (a near miss of
        // another outcome's option still gets its "did you mean").
        let own_keys: Vec<&str> = rules.mid_call.iter().map(|o| o.key()).collect();
        let (entries, unknown): (Vec<_>, Vec<_>) = entries
            .into_iter()
            .partition(|entry| all_keys.contains(&entry.text.as_ref()));
        for entry in unknown {
            let near = crate::values::did_you_mean(&entry.text, all_keys.iter().copied());
            let known: &[&str] = if near.is_some() { &all_keys } else { &own_keys };
            self.unknown_field(&entry, known, Ctx::MidCall);
        }
        for entry in &entries {
            let (text, k, v) = (&entry.text, entry.key, entry.value);
            let Some(option) = MidCallOption::parse(text) else {
                continue;
            };
            if !rules.mid_call.contains(&option) {
                self.report(
                    k.pos,
                    Problem::MidCallOptionNotAllowed {
                        key: text,
                        option,
                        outcome,
                    },
                );
                continue;
            }
            match option {
                MidCallOption::WrapUp => {
                    mid_call.wrap_up = self.string(k, "wrap_up", v, WRAP_UP_MAX);
                    if let Some(text) = &mid_call.wrap_up {
                        self.placeholders(v, text, outcome, TextField::WrapUp);
                    }
                }
                MidCallOption::MaxObjections => {
                    let OptionValue::Count { range, .. } = option.value() else {
                        continue;
                    };
                    match &v.value {
                        Value::Int(n) => match fields::max_objections(*n) {
                            Ok(count) => mid_call.max_objections = Some(count),
                            Err(problem) => self.field_problem(
                                v.pos,
                                &problem,
                                "max_objections",
                                &n.to_string(),
                            ),
                        },
                        Value::Null => self.report(
                            k.pos,
                            Problem::NoValue {
                                name: "max_objections",
                            },
                        ),
                        other => self.report(
                            v.pos,
                            Problem::NotACount {
                                name: "max_objections",
                                range,
                                found: other.kind(),
                            },
                        ),
                    }
                }
                MidCallOption::ConfirmTime => {
                    mid_call.confirm_time = self.boolean(entry, "confirm_time", Place::MidCall);
                }
            }
        }
        mid_call
    }
}
