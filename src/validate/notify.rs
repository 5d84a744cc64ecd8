//! A card's `notify` block: the owner, email and phone recipients, their limits, duplicates
//! and the org's allowed domains and prefixes.

use super::fixes::{EntryRef, FixTarget, ItemRef};
use super::messages::{Ctx, Problem};
use super::walker::{Walker, get_entry};
use super::{NOTIFY_KEYS, RECIPIENTS_MAX};
use crate::fields;
use crate::model::{Located, Notify};
use crate::product::NotifyAccess;
use crate::yaml::{Node, Pos, Value};
use std::borrow::Cow;
use std::collections::HashMap;

/// The form of an email compared for duplicates: its lowercase, borrowed when the address is
/// already lowercase ASCII (as nearly every one is).
fn fold_email(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| !b.is_ascii() || b.is_ascii_uppercase()) {
        Cow::Owned(s.to_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

impl<'t> Walker<'_, 't> {
    pub(super) fn recipient_not_allowed(&mut self, pos: Pos, recipient: &str, email: bool) {
        let policy = self.policy;
        let allowed = if email {
            &policy.email_domains
        } else {
            &policy.phone_prefixes
        };
        self.report(
            pos,
            Problem::RecipientNotAllowed {
                recipient,
                email,
                allowed: allowed.as_deref().unwrap_or_default(),
            },
        );
    }

    /// The `notify` block (`key: value`, the card's entry `at`), and whether it notifies anyone
    /// (as written, errors or not).
    pub(super) fn notify(
        &mut self,
        at: EntryRef<'t>,
        key: &'t Node<'t>,
        value: &'t Node<'t>,
        access: NotifyAccess,
    ) -> (Option<Notify>, bool) {
        let Some(entries) = self.mapping(value, Ctx::Notify) else {
            return (None, true);
        };
        let entries = if access == NotifyAccess::OwnerOnly {
            // `emails` and `phones` are keys this `notify` doesn't define: unknown-field
            // *(decided)*, with the reason.
            self.known(entries, access.keys(), Ctx::SmsNotify)
        } else {
            self.known(entries, &NOTIFY_KEYS, Ctx::Notify)
        };
        let mut notify = Notify {
            line: key.pos.line,
            ..Notify::default()
        };
        let mut anyone = false;
        // The kind of mapping the block's keys are in, as its fixes see it.
        let place = self.place(Ctx::Notify);
        if let Some(entry) = get_entry(&entries, "owner") {
            notify.owner = self.boolean(entry, "owner", place).unwrap_or(false);
            anyone |= !matches!(entry.value.value, Value::Bool(false) | Value::Null);
        }
        if let Some(entry) = get_entry(&entries, "emails") {
            let v = entry.value;
            let items = self.list("emails", v);
            anyone |= !items.is_empty();
            self.too_many(v, "emails", items.len());
            notify.emails = self.recipients(entry.at(place), v, items, "email", fold_email);
        }
        if let Some(entry) = get_entry(&entries, "phones") {
            let v = entry.value;
            let items = self.list("phones", v);
            anyone |= !items.is_empty();
            self.too_many(v, "phones", items.len());
            notify.phones = self.recipients(entry.at(place), v, items, "phone", Cow::Borrowed);
        }
        if !anyone {
            self.report_fixable(
                key.pos,
                Problem::NotifyEmpty {
                    owner_only: access == NotifyAccess::OwnerOnly,
                },
                FixTarget::Key(at),
            );
        }
        (Some(notify), anyone)
    }

    pub(super) fn too_many(&mut self, value: &Node, name: &str, count: usize) {
        if count > RECIPIENTS_MAX {
            self.report(value.pos, Problem::TooManyRecipients { name, count });
        }
    }

    /// Checks a list of notify emails or phones (`items` of the sequence `seq`, the value of
    /// the entry `holder`); `fold` gives the form compared for duplicates (borrowed from the
    /// tree where it is the text itself, so a long list costs one hash set entry an item and
    /// no copy).
    pub(super) fn recipients(
        &mut self,
        holder: EntryRef<'t>,
        seq: &'t Node<'t>,
        items: &'t [Node<'t>],
        kind: &str,
        fold: impl Fn(&'t str) -> Cow<'t, str>,
    ) -> Vec<Located<String>> {
        let email = kind == "email";
        let mut seen: HashMap<Cow<'t, str>, u32> = HashMap::new();
        let mut out = Vec::new();
        let at = |index: usize| {
            FixTarget::Item(ItemRef {
                seq,
                index,
                holder: Some(holder),
            })
        };
        for (i, item) in items.iter().enumerate() {
            let s = match &item.value {
                Value::Str(s) => s,
                Value::Int(n) if !email => {
                    self.report_fixable(item.pos, Problem::PhoneNotQuoted(*n), at(i));
                    continue;
                }
                other => {
                    self.report(
                        item.pos,
                        Problem::RecipientNotAString {
                            kind,
                            found: other.kind(),
                        },
                    );
                    continue;
                }
            };
            let checked = if email {
                fields::email(s)
            } else {
                fields::phone(s)
            };
            if let Err(problem) = checked {
                let key = if email { "emails" } else { "phones" };
                self.field_problem(item.pos, &problem, key, s);
                continue;
            }
            let allowed = if email {
                self.policy.allows_email(s)
            } else {
                self.policy.allows_phone(s)
            };
            if !allowed {
                self.recipient_not_allowed(item.pos, s, email);
            }
            let folded = fold(s);
            if let Some(&first_line) = seen.get(&folded) {
                self.report_fixable(
                    item.pos,
                    Problem::DuplicateRecipient {
                        text: s,
                        first_line,
                    },
                    at(i),
                );
                continue;
            }
            seen.insert(folded, item.pos.line);
            out.push(Located {
                value: s.to_string(),
                line: item.pos.line,
            });
        }
        out
    }
}
