//! A card's `notify` block: the owner, email and phone recipients, their limits, duplicates
//! and the org's allowed domains and prefixes.

use super::messages::{Ctx, quote_list};
use super::walker::{Walker, get};
use super::{NOTIFY_KEYS, RECIPIENTS_MAX};
use crate::fields;
use crate::model::{Located, Notify};
use crate::product::NotifyAccess;
use crate::rules::Rule;
use crate::yaml::{Node, Pos, Value};
use std::collections::HashMap;

impl Walker<'_> {
    pub(super) fn recipient_not_allowed(&mut self, pos: Pos, recipient: &str, email: bool) {
        let (what, allowed) = if email {
            (
                "email domains",
                self.policy.email_domains.clone().unwrap_or_default(),
            )
        } else {
            (
                "phone prefixes",
                self.policy.phone_prefixes.clone().unwrap_or_default(),
            )
        };
        let allowed = if allowed.is_empty() {
            "none".to_owned()
        } else {
            quote_list(allowed.iter().map(String::as_str))
        };
        self.push(
            Rule::RecipientNotAllowed,
            pos,
            format!("`{recipient}` is outside the org's allowed {what}"),
            Some(format!("the `[policy]` of samictl.toml allows {allowed}")),
        );
    }

    /// The `notify` block, and whether it notifies anyone (as written, errors or not).
    pub(super) fn notify(
        &mut self,
        key: &Node,
        value: &Node,
        access: NotifyAccess,
    ) -> (Option<Notify>, bool) {
        let Some(entries) = self.mapping(value, Ctx::Notify) else {
            return (None, true);
        };
        let entries = if access == NotifyAccess::OwnerOnly {
            // `emails` and `phones` are keys this `notify` doesn't define: unknown-field
            // *(decided)*, with the reason.
            self.known(
                entries,
                access.keys(),
                Ctx::SmsNotify,
                Some("a messaging card alerts the contact's owner only (`owner: true`): it has no extra email or phone recipients"),
            )
        } else {
            self.known(entries, &NOTIFY_KEYS, Ctx::Notify, None)
        };
        let mut notify = Notify {
            line: key.pos.line,
            ..Notify::default()
        };
        let mut anyone = false;
        if let Some((k, v)) = get(&entries, "owner") {
            notify.owner = self.boolean(k, "owner", v).unwrap_or(false);
            anyone |= !matches!(v.value, Value::Bool(false) | Value::Null);
        }
        if let Some((_, v)) = get(&entries, "emails") {
            let items = self.list("emails", v, "write `emails: [team-lead@acme-realty.com]`");
            anyone |= !items.is_empty();
            self.too_many(v, "emails", items.len());
            notify.emails = self.recipients(items, "email", |s| s.to_lowercase());
        }
        if let Some((_, v)) = get(&entries, "phones") {
            let items = self.list("phones", v, "write `phones: [\"+15125550142\"]`");
            anyone |= !items.is_empty();
            self.too_many(v, "phones", items.len());
            notify.phones = self.recipients(items, "phone", str::to_owned);
        }
        if !anyone {
            self.push(
                Rule::NotifyEmpty,
                key.pos,
                if access == NotifyAccess::OwnerOnly {
                    "this `notify` block of a messaging card notifies nobody"
                } else {
                    "this `notify` block notifies nobody"
                },
                Some(if access == NotifyAccess::OwnerOnly {
                    "set `owner: true`, or remove the block".to_owned()
                } else {
                    "set `owner: true`, add `emails` or `phones`, or remove the block".to_owned()
                }),
            );
        }
        (Some(notify), anyone)
    }

    pub(super) fn too_many(&mut self, value: &Node, name: &str, count: usize) {
        if count > RECIPIENTS_MAX {
            self.invalid(
                value.pos,
                format!("`{name}` lists {count} recipients; the limit is {RECIPIENTS_MAX}"),
                None,
            );
        }
    }

    /// Checks a list of notify emails or phones; `fold` gives the form compared for duplicates.
    pub(super) fn recipients(
        &mut self,
        items: &[Node],
        kind: &str,
        fold: impl Fn(&str) -> String,
    ) -> Vec<Located<String>> {
        let email = kind == "email";
        let mut seen: HashMap<String, u32> = HashMap::new();
        let mut out = Vec::new();
        for item in items {
            let s = match &item.value {
                Value::Str(s) => s,
                Value::Int(n) if !email => {
                    self.invalid(
                        item.pos,
                        format!("phone number {n} must be a quoted string"),
                        Some(format!(
                            "YAML reads an unquoted `+{n}` as a number and drops the `+`: write \"+{n}\""
                        )),
                    );
                    continue;
                }
                other => {
                    self.invalid(
                        item.pos,
                        format!("each {kind} must be a string, found {}", other.kind()),
                        None,
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
            if let Some(line) = seen.get(&folded) {
                self.push(
                    Rule::DuplicateRecipient,
                    item.pos,
                    format!("`{s}` is already notified on line {line}"),
                    Some("they would be notified twice; remove one".to_owned()),
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
