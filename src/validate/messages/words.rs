//! The message and `help` line of each [`Problem`].

use super::*;

impl Problem<'_> {
    /// The finding's message and its `help` line.
    pub(in crate::validate) fn words(&self) -> (String, Option<String>) {
        use Problem as P;
        let (message, help): (String, Option<String>) = match self {
            P::NotAMapping { what, found } => (format!("{what} must be a mapping, found {found}"), None),
            P::KeyNotScalar { what, found } => (
                format!("{found} can't be a key in {what}"),
                Some("keys in a bot file are plain names such as `notify`".to_owned()),
            ),
            P::DuplicateKey {
                what,
                key,
                first_line,
            } => (
                format!("`{key}` is repeated in {what}"),
                Some(format!(
                    "it is first written on line {first_line}; keep one of the two"
                )),
            ),
            P::UnknownField { what, key, known } => {
                let help = if *key == "<<" {
                    "merge keys (`<<`) are not part of the format: write the keys out".to_owned()
                } else if let Some(s) = did_you_mean(key, known.iter().copied()) {
                    format!("did you mean `{s}`?")
                } else if let Some(h) = unknown_field_help(*what) {
                    h.to_owned()
                } else {
                    format!("the keys here are {}", quote_list(known.iter().copied()))
                };
                (format!("unknown field `{key}` in {what}"), Some(help))
            }
            P::Missing { what, name } => {
                let help = match (what, *name) {
                    (Ctx::File, "version") => Some("add `version: 1` as the first line".to_owned()),
                    (Ctx::File, "bot") => {
                        Some("add a `bot:` mapping with `name` and `direction`".to_owned())
                    }
                    (Ctx::Bot, "direction") => {
                        Some(format!("add `direction:`, one of {}", directions()))
                    }
                    _ => None,
                };
                (format!("{what} is missing `{name}`"), help)
            }
            P::NoValue { name } => (format!("`{name}` has no value"), None),
            P::NoBoolean { name } => (
                format!("`{name}` has no value"),
                Some("write `true` or `false`".to_owned()),
            ),
            P::NotAString {
                name,
                found,
                scalar,
            } => (
                format!("`{name}` must be a string, found {found}"),
                scalar
                    .as_ref()
                    .map(|t| format!("quote it to make it a string: `{name}: \"{t}\"`")),
            ),
            P::NotABoolean { name, found, text } => {
                let help = match text {
                    Some(s) if super::super::booleans::CAPITALISED_BOOLEANS.contains(s) => format!(
                        "booleans are exactly `true` and `false`, in lowercase: write `{}`",
                        s.to_lowercase()
                    ),
                    Some(s)
                        if ["yes", "no", "on", "off", "y", "n", "true", "false"]
                            .contains(&s.to_lowercase().as_str()) =>
                    {
                        format!(
                            "YAML 1.2 booleans are exactly `true` and `false`; `{s}` is a string"
                        )
                    }
                    _ => "write `true` or `false`".to_owned(),
                };
                (
                    format!("`{name}` must be `true` or `false`, found {found}"),
                    Some(help),
                )
            }
            P::NotAList { name, found } => (
                format!("`{name}` must be a list, found {found}"),
                Some(list_help(name)),
            ),
            P::NotACount { name, range, found } => (
                format!(
                    "`{name}` must be a whole number from {} to {}, found {found}",
                    range.start(),
                    range.end(),
                ),
                None,
            ),

            P::UnbalancedBraces { field } => (
                format!("unbalanced braces in {}", field.describe()),
                Some(
                    "placeholders are written `{{ name }}`, with two braces on each side"
                        .to_owned(),
                ),
            ),
            P::Placeholder {
                name,
                field,
                problem,
                on,
                channel,
                available,
            } => {
                let message = match problem {
                    PlaceholderProblem::Unknown => {
                        format!("unknown placeholder `{{{{ {name} }}}}`")
                    }
                    PlaceholderProblem::NotInField => format!(
                        "placeholder `{{{{ {name} }}}}` in {}, which SAMI reads and never fills in",
                        field.describe()
                    ),
                    PlaceholderProblem::NotOnOutcome => {
                        format!("placeholder `{{{{ {name} }}}}` doesn't exist on {on}")
                    }
                    PlaceholderProblem::NotOnChannel => format!(
                        "placeholder `{{{{ {name} }}}}` doesn't exist on {on}: a text conversation has no call"
                    ),
                    PlaceholderProblem::NotSpoken => format!(
                        "placeholder `{{{{ {name} }}}}` doesn't exist in {}, which SAMI speaks during the call",
                        field.describe()
                    ),
                };
                let help = match problem {
                    PlaceholderProblem::NotInField => {
                        "write the criteria in plain words, without `{{ }}`".to_owned()
                    }
                    PlaceholderProblem::NotOnOutcome => format!(
                        "`requested_time` exists only on {}",
                        product::tag_list(&product::requested_time_outcomes(*channel), " and ")
                    ),
                    PlaceholderProblem::NotOnChannel => format!(
                        "messaging cards have no `call.*` placeholders; available here: {}",
                        quote_list(available.iter().copied())
                    ),
                    _ => match did_you_mean(name, available.iter().copied()) {
                        Some(s) if s != *name => format!("did you mean `{{{{ {s} }}}}`?"),
                        _ => {
                            format!("available here: {}", quote_list(available.iter().copied()))
                        }
                    },
                };
                (message, Some(help))
            }

            P::RootNotAMapping { found } => (
                format!(
                    "a bot file must be a mapping with `version`, `bot` and `outcomes`, found {found}"
                ),
                None,
            ),
            P::UnknownVersion(n) => (
                format!("version {n} doesn't exist; the only format version is 1"),
                Some("write `version: 1`".to_owned()),
            ),
            P::VersionNotAnInteger { found } => (
                format!("`version` must be the integer 1, found {found}"),
                Some("write `version: 1`".to_owned()),
            ),
            P::UnknownDirection { text } => {
                let directions = directions();
                let help = match did_you_mean(text, Direction::ALL.map(Direction::as_str)) {
                    Some(d) => format!("did you mean `{d}`? The directions are {directions}"),
                    None => format!("the directions are {directions}"),
                };
                (format!("unknown direction `{text}`"), Some(help))
            }
            P::NoDirection => (
                "`direction` has no value".to_owned(),
                Some(format!("one of {}", directions())),
            ),
            P::DirectionNotAString { found } => (
                format!("`direction` must be a string, found {found}"),
                Some(format!("one of {}", directions())),
            ),
            P::OutcomeMissing(outcome) => (
                format!("`{outcome}` has no card: only its locked actions will run"),
                Some(outcome_missing_help(*outcome)),
            ),
            P::SmsCardMissing(outcome) => (
                format!(
                    "messaging has no `{outcome}` card: only SAMI's system steps will run when a text conversation lands there"
                ),
                Some(format!(
                    "SAMI publishes no preset messaging card: write `{outcome}: {{}}` under `messaging` to say only the system steps are intended"
                )),
            ),
            P::UnknownOutcome { text } => {
                let help = match did_you_mean(text, Outcome::tags()) {
                    Some(t) => format!("did you mean `{t}`?"),
                    None => format!("the outcome tags are {}", quote_list(Outcome::tags())),
                };
                (format!("unknown outcome `{text}`"), Some(help))
            }
            P::UnknownSmsOutcome { text } => {
                let tags: Vec<&str> = Channel::Sms.outcomes().iter().map(|o| o.as_str()).collect();
                let help = match Outcome::parse(text) {
                    Some(o) => format!(
                        "{}; the messaging outcomes are {}",
                        product::no_card_reason(Channel::Sms, o),
                        quote_list(tags.iter().copied())
                    ),
                    None => match did_you_mean(text, tags.iter().copied()) {
                        Some(t) => format!("did you mean `{t}`?"),
                        None => format!(
                            "the messaging outcomes are {}",
                            quote_list(tags.iter().copied())
                        ),
                    },
                };
                (format!("unknown messaging outcome `{text}`"), Some(help))
            }

            P::CriteriaNotAllowed(outcome) => (
                format!("`analysis_criteria` is not allowed on {outcome}"),
                Some(
                    "transfer outcomes are detected from the transfer call events, so they take no analysis criteria"
                        .to_owned(),
                ),
            ),
            P::NotifyNotAllowed { outcome, access } => (
                format!("`notify` is not allowed on {outcome}"),
                Some(format!(
                    "{}; remove the `notify` block",
                    access.refusal().unwrap_or_default()
                )),
            ),
            P::NobodyFollowsUp { outcome, warning } => (
                format!(
                    "{outcome} has no task and no notification: nobody {}",
                    warning.nobody
                ),
                Some(
                    "add a `task` action or a `notify` block (for example `owner: true`)"
                        .to_owned(),
                ),
            ),
            P::CriteriaCatchesOptOut { outcome, phrases } => {
                let quoted: Vec<String> = phrases.iter().map(|p| format!("\"{p}\"")).collect();
                let first = phrases.first().map_or("", String::as_str);
                (
                    format!(
                        "the analysis criteria of {outcome} would catch a request to stop contact ({})",
                        quoted.join(", ")
                    ),
                    Some(format!(
                        "such a call must land on {lands}, whose locked do-not-contact honours it (TCPA): \
                         leave requests to stop contact to {lands} (take \"{first}\" out of these criteria), \
                         or write the exclusion explicitly (\"... and no request to stop contact\")",
                        lands = product::tag_list(&product::opt_out_outcomes(Channel::Call), " and "),
                    )),
                )
            }
            P::ContactAfterOptOut { outcome, owner } => (
                format!(
                    "{} on SMS {outcome}, where SMS opt-outs land: a person acting on it may contact a lead who revoked consent (TCPA)",
                    if *owner { "an owner alert" } else { "a task" }
                ),
                Some(
                    "use a tag, or a task that reviews the thread without contacting the lead; \
                     if that is intended, relax the rule in samictl.toml \
                     ([rules] contact-after-opt-out = \"allow\")"
                        .to_owned(),
                ),
            ),
            P::MidCallOptionNotAllowed {
                key,
                option,
                outcome,
            } => {
                let homes: Vec<&str> = option.outcomes().into_iter().map(Outcome::as_str).collect();
                (
                    format!("mid-call option `{key}` is not allowed on {outcome}"),
                    Some(format!("`{key}` belongs to {}", homes.join(" and "))),
                )
            }

            P::ActionNotAMapping { found, type_name } => (
                format!("an action must be a mapping with a `type`, found {found}"),
                Some(match type_name {
                    Some(s) => format!("write `- type: {s}`"),
                    None => "write each action as a mapping, like `- type: note`".to_owned(),
                }),
            ),
            P::ActionWithoutType { on, allowed } => (
                "this action has no `type`".to_owned(),
                Some(format!(
                    "the action types on {on} are {}",
                    quote_list(allowed.iter().copied())
                )),
            ),
            P::TypeNotAString { found } => (
                format!("an action's `type` must be a string, found {found}"),
                None,
            ),
            P::UnknownActionType {
                text,
                sms: Some((on, allowed)),
            } => {
                let help = match did_you_mean(text, allowed.iter().copied()) {
                    Some(t) => format!("did you mean `{t}`?"),
                    None => match did_you_mean(text, SystemStep::ALL.iter().map(|s| s.as_str())) {
                        Some(step) => format!(
                            "`{step}` is a system step SAMI runs itself and can't be written; the actions on {on} are {}",
                            quote_list(allowed.iter().copied())
                        ),
                        None => format!(
                            "the actions on {on} are {}",
                            quote_list(allowed.iter().copied())
                        ),
                    },
                };
                (format!("unknown action type `{text}`"), Some(help))
            }
            P::UnknownActionType { text, sms: None } => {
                let help = match did_you_mean(text, ActionType::all_names()) {
                    Some(t) => format!("did you mean `{t}`?"),
                    None => format!(
                        "the action types are {}",
                        quote_list(ActionType::all_names())
                    ),
                };
                (format!("unknown action type `{text}`"), Some(help))
            }
            P::SystemStepWritten {
                step,
                outcome,
                on,
                allowed,
            } => (
                step.refusal(*outcome),
                Some(format!(
                    "remove this line; the actions on {on} are {}",
                    quote_list(allowed.iter().copied())
                )),
            ),
            P::LockedOnSms { lock, on, steps } => (
                format!(
                    "locked action `{}` can't be written on {on}",
                    lock.as_str()
                ),
                Some(format!(
                    "SAMI's system steps ({}) always run on a messaging card and are not configurable: remove this line; the actions here are `tag` and `task`",
                    steps.join(", ")
                )),
            ),
            P::DuplicateAction {
                type_name,
                sms,
                first_line,
            } => {
                let of = sms.as_ref().map(|on| format!(" of {on}")).unwrap_or_default();
                (
                    format!("this `{type_name}` action{of} repeats the one on line {first_line}"),
                    Some("it would run twice; remove one".to_owned()),
                )
            }
            P::UserActionNotAllowed {
                user,
                on,
                allowed,
                channel,
                access,
            } => {
                let why = match access.because() {
                    _ if *channel == Channel::Sms => {
                        " (SAMI writes the conversation's note itself, as a system step)".to_owned()
                    }
                    Some(because) => format!(" ({because})"),
                    None => String::new(),
                };
                (
                    format!("{on} doesn't allow `{}` actions", user.as_str()),
                    Some(format!(
                        "the actions on {on} are {}{why}",
                        quote_list(allowed.iter().copied())
                    )),
                )
            }
            P::LockedOnUserAction(user) => (
                format!("unknown field `locked` in {}", Ctx::User(*user)),
                Some(format!(
                    "`locked` belongs to locked actions only; `{}` is a user action",
                    user.as_str()
                )),
            ),
            P::RequestedTimeNotAllowed { on, homes } => (
                format!("`due_in: requested-time` is not allowed on {on}"),
                Some(format!(
                    "only {} have a requested time; use a duration such as `4h`",
                    product::tag_list(homes, " and ")
                )),
            ),
            P::DueInNotAString { found } => (
                format!("`due_in` must be a duration such as `15m`, found {found}"),
                Some(
                    "a duration is a whole number and `m`, `h` or `d`: `15m`, `4h`, `2d`".to_owned(),
                ),
            ),
            P::SmsAssignee { text, on } => (
                format!(
                    "task assignee `{text}` on {on}: a messaging task goes to the contact's owner"
                ),
                Some("write `assignee: owner` or leave it out: messaging cards have no recipients other than the owner".to_owned()),
            ),
            P::LockedDisabled(lock) => (
                format!("`{}` is locked and can't be disabled", lock.as_str()),
                Some(format!("{}; remove `locked: false`", lock.reason())),
            ),
            P::LockMismatch {
                lock,
                outcome,
                mismatch,
            } => match mismatch {
                Mismatch::Misplaced(help) => (
                    format!(
                        "`{}` applies only to {}, not to {outcome}",
                        lock.as_str(),
                        product::tag_list(&lock.outcomes_on_every_bot(), " and ")
                    ),
                    Some((*help).to_owned()),
                ),
                Mismatch::InboundOnly => (
                    format!("`{}` doesn't apply to an inbound-only bot", lock.as_str()),
                    Some("inbound-only bots have no enrollment to manage: remove this line, or set `direction: outbound` or `both`".to_owned()),
                ),
                Mismatch::NotItsLock { own } => (
                    format!("`{}` doesn't apply to {outcome}", lock.as_str()),
                    Some(match own {
                        Some(own) => {
                            format!("the enrollment lock of {outcome} is `{}`", own.as_str())
                        }
                        None => format!("{outcome} has no enrollment lock"),
                    }),
                ),
            },

            P::RecipientNotAllowed {
                recipient,
                email,
                allowed,
            } => {
                let what = if *email {
                    "email domains"
                } else {
                    "phone prefixes"
                };
                let allowed = if allowed.is_empty() {
                    "none".to_owned()
                } else {
                    quote_list(allowed.iter().map(String::as_str))
                };
                (
                    format!("`{recipient}` is outside the org's allowed {what}"),
                    Some(format!("the `[policy]` of samictl.toml allows {allowed}")),
                )
            }
            P::NotifyEmpty { owner_only: true } => (
                "this `notify` block of a messaging card notifies nobody".to_owned(),
                Some("set `owner: true`, or remove the block".to_owned()),
            ),
            P::NotifyEmpty { owner_only: false } => (
                "this `notify` block notifies nobody".to_owned(),
                Some(
                    "set `owner: true`, add `emails` or `phones`, or remove the block".to_owned(),
                ),
            ),
            P::TooManyRecipients { name, count } => (
                format!("`{name}` lists {count} recipients; the limit is {RECIPIENTS_MAX}"),
                None,
            ),
            P::PhoneNotQuoted(n) => (
                format!("phone number {n} must be a quoted string"),
                Some(format!(
                    "YAML reads an unquoted `+{n}` as a number and drops the `+`: write \"+{n}\""
                )),
            ),
            P::RecipientNotAString { kind, found } => (
                format!("each {kind} must be a string, found {found}"),
                None,
            ),
            P::DuplicateRecipient { text, first_line } => (
                format!("`{text}` is already notified on line {first_line}"),
                Some("they would be notified twice; remove one".to_owned()),
            ),
        };
        (message, help)
    }
}
