//! `samictl.toml` (docs/spec 8): the default bot file, levels for warning rules, and the
//! org's recipient policy. This module parses text; finding the file is the CLI's job.

use crate::diagnostic::Severity;
use crate::rules::{Level, Rule};
use std::collections::BTreeMap;

/// The org's recipient policy (rule `recipient-not-allowed`). `None` means no restriction.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Policy {
    /// Lower-cased domains that notify emails and task assignees must belong to.
    pub email_domains: Option<Vec<String>>,
    /// Prefixes that notify phones must start with.
    pub phone_prefixes: Option<Vec<String>>,
    /// `[policy.outcomes.TAG]`: what each outcome's card must and must not do (rule
    /// `policy-violation`, see [`crate::policy`]).
    pub outcomes: crate::policy::OutcomePolicies,
    /// `[policy.messaging.TAG]`: the same for the messaging (SMS) cards of docs/spec 17.
    pub messaging: crate::policy::OutcomePolicies,
}

impl Policy {
    pub(crate) fn allows_email(&self, email: &str) -> bool {
        match (&self.email_domains, crate::values::email_domain(email)) {
            (None, _) => true,
            (Some(domains), Some(domain)) => domains.contains(&domain),
            (Some(_), None) => false,
        }
    }

    pub(crate) fn allows_phone(&self, phone: &str) -> bool {
        self.phone_prefixes
            .as_ref()
            .is_none_or(|prefixes| prefixes.iter().any(|p| phone.starts_with(p.as_str())))
    }
}

/// What validation needs from the configuration and the command line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    /// Levels of warning rules set in `[rules]`.
    pub levels: BTreeMap<Rule, Level>,
    pub policy: Policy,
    /// `--deny-warnings`: every reported warning becomes an error.
    pub deny_warnings: bool,
}

impl Settings {
    /// The severity a finding of `rule` is reported at, or `None` when the rule is allowed.
    pub(crate) fn severity(&self, rule: Rule) -> Option<Severity> {
        if !rule.is_warning_rule() {
            return Some(Severity::Error);
        }
        match self.levels.get(&rule).copied().unwrap_or(Level::Warn) {
            Level::Allow => None,
            Level::Deny => Some(Severity::Error),
            Level::Warn if self.deny_warnings => Some(Severity::Error),
            Level::Warn => Some(Severity::Warning),
        }
    }
}

/// A parsed `samictl.toml`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Config {
    /// `bot`: the default file for show, simulate and edit, relative to the config's folder.
    pub bot: Option<String>,
    pub(crate) levels: BTreeMap<Rule, Level>,
    pub policy: Policy,
    /// `[files] exclude`: globs, relative to the config's folder, left out of folder walks.
    pub(crate) exclude: Vec<String>,
}

impl Config {
    /// The paths `[files] exclude` leaves out, for a config read from the folder `dir` (the
    /// language server's question: is this document excluded?).
    pub fn exclude(&self, dir: &std::path::Path) -> crate::exclude::Exclude {
        let mut e = crate::exclude::Exclude::none();
        // Every glob was checked by `parse_config`.
        let _ = e.add(dir, &self.exclude);
        e
    }

    pub fn settings(&self, deny_warnings: bool) -> Settings {
        Settings {
            levels: self.levels.clone(),
            policy: self.policy.clone(),
            deny_warnings,
        }
    }
}

pub use crate::config_error::ConfigError;

fn err(key: &str, message: impl Into<String>) -> ConfigError {
    ConfigError {
        key: Some(key.to_owned()),
        message: message.into(),
    }
}

/// Parses the text of a `samictl.toml`.
pub fn parse_config(text: &str) -> Result<Config, ConfigError> {
    let table: toml::Table = toml::from_str(text).map_err(|e| ConfigError {
        key: None,
        message: format!("not valid TOML: {}", e.message()),
    })?;
    let mut config = Config::default();
    for (key, value) in &table {
        match key.as_str() {
            "bot" => match value.as_str() {
                Some(s) if !s.trim().is_empty() => config.bot = Some(s.to_owned()),
                _ => {
                    return Err(err(
                        "bot",
                        "expected a non-empty string: the path of a bot file",
                    ));
                }
            },
            "rules" => config.levels = parse_rules(value)?,
            "policy" => config.policy = parse_policy(value, text)?,
            "files" => config.exclude = parse_files(value)?,
            other => {
                // Top-level keys are short: only a near miss is a suggestion (`foo` is not
                // a misspelt `bot`).
                let help = crate::values::did_you_mean(other, ["bot", "rules", "policy", "files"])
                    .filter(|s| {
                        let longest = other.chars().count().max(s.chars().count());
                        crate::values::edit_distance(other, s) * 2 < longest
                    })
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                return Err(err(
                    other,
                    format!(
                        "unknown key; the keys are `bot`, `[rules]`, `[policy]` and `[files]`{help}"
                    ),
                ));
            }
        }
    }
    Ok(config)
}

fn parse_rules(value: &toml::Value) -> Result<BTreeMap<Rule, Level>, ConfigError> {
    let table = value
        .as_table()
        .ok_or_else(|| err("rules", "expected a table: `[rules]`"))?;
    let mut levels = BTreeMap::new();
    for (id, level) in table {
        let key = format!("rules.{id}");
        let Some(rule) = Rule::from_id(id) else {
            let help = crate::values::did_you_mean(
                id,
                Rule::all().filter(|r| r.is_warning_rule()).map(Rule::id),
            )
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
            return Err(err(
                &key,
                format!("unknown rule{help}; `samictl rules` lists them"),
            ));
        };
        if !rule.is_warning_rule() {
            return Err(err(
                &key,
                format!("`{id}` is an error rule: errors always fail and no setting relaxes them"),
            ));
        }
        let level = level
            .as_str()
            .and_then(Level::parse)
            .ok_or_else(|| err(&key, "expected \"allow\", \"warn\" or \"deny\""))?;
        levels.insert(rule, level);
    }
    Ok(levels)
}

fn parse_policy(value: &toml::Value, text: &str) -> Result<Policy, ConfigError> {
    let table = value
        .as_table()
        .ok_or_else(|| err("policy", "expected a table: `[policy]`"))?;
    let mut policy = Policy::default();
    let mut lines: Option<std::collections::HashMap<String, u32>> = None;
    for (key, value) in table {
        let dotted = format!("policy.{key}");
        match key.as_str() {
            "email_domains" => {
                let domains = string_list(&dotted, value)?;
                for d in &domains {
                    if d.is_empty() || d.contains('@') || d.contains(char::is_whitespace) {
                        return Err(err(
                            &dotted,
                            format!("`{d}` is not a domain (write `acme-realty.com`, without `@`)"),
                        ));
                    }
                }
                policy.email_domains = Some(domains.iter().map(|d| d.to_lowercase()).collect());
            }
            "phone_prefixes" => {
                let prefixes = string_list(&dotted, value)?;
                for p in &prefixes {
                    let digits = p.strip_prefix('+').unwrap_or("");
                    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                        return Err(err(
                            &dotted,
                            format!(
                                "`{p}` is not a phone prefix (write `+` and digits, like `+1`)"
                            ),
                        ));
                    }
                }
                policy.phone_prefixes = Some(prefixes);
            }
            "outcomes" => {
                let lines = lines.get_or_insert_with(|| crate::policy::key_lines(text));
                policy.outcomes = crate::policy::parse_outcomes(value, lines)?;
            }
            "messaging" => {
                // Spec section 17: the messaging cards, with the keys their product rows allow.
                let lines = lines.get_or_insert_with(|| crate::policy::key_lines(text));
                policy.messaging =
                    crate::policy::parse_section(crate::product::Channel::Sms, value, lines)?;
            }
            other => {
                let help = crate::values::did_you_mean(
                    other,
                    ["email_domains", "phone_prefixes", "outcomes"],
                )
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
                return Err(err(
                    &format!("policy.{}", crate::charclass::escape(other)),
                    format!(
                        "unknown key; `[policy]` takes `email_domains`, `phone_prefixes` and \
                         `[policy.outcomes.TAG]`{help}"
                    ),
                ));
            }
        }
    }
    if let Some(lines) = &lines {
        let check = policy.clone();
        crate::policy::check_recipients_against(
            &policy.outcomes,
            |r| {
                if crate::values::is_valid_email(r) {
                    check.allows_email(r)
                } else {
                    check.allows_phone(r)
                }
            },
            lines,
        )?;
    }
    Ok(policy)
}

/// `[files]`: `exclude`, a list of globs (each checked here, so a typo is exit 2).
fn parse_files(value: &toml::Value) -> Result<Vec<String>, ConfigError> {
    let table = value
        .as_table()
        .ok_or_else(|| err("files", "expected a table: `[files]`"))?;
    let mut exclude = Vec::new();
    for (key, value) in table {
        match key.as_str() {
            "exclude" => {
                exclude = string_list("files.exclude", value)?;
                for g in &exclude {
                    crate::exclude::glob(g).map_err(|e| {
                        err("files.exclude", crate::charclass::escape(&e.to_string()))
                    })?;
                }
            }
            other => {
                return Err(err(
                    &format!("files.{}", crate::charclass::escape(other)),
                    "unknown key; `[files]` takes `exclude`",
                ));
            }
        }
    }
    Ok(exclude)
}

fn string_list(key: &str, value: &toml::Value) -> Result<Vec<String>, ConfigError> {
    let items = value
        .as_array()
        .ok_or_else(|| err(key, "expected a list of strings"))?;
    items
        .iter()
        .map(|v| {
            v.as_str()
                .map(|s| s.trim().to_owned())
                .ok_or_else(|| err(key, "expected a list of strings"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_top_level_keys_suggest_only_near_misses() {
        let e = parse_config("foo = 1\n").unwrap_err();
        assert!(!e.to_string().contains("did you mean"), "{e}");
        let e = parse_config("[rule]\noutcome-missing = \"allow\"\n").unwrap_err();
        assert!(e.to_string().contains("did you mean `rules`"), "{e}");
    }

    #[test]
    fn parses_the_spec_example() {
        let c = parse_config(
            r#"
bot = "bots/seller-outreach.yaml"
[rules]
outcome-missing = "allow"
[policy]
email_domains = ["Acme-Realty.com"]
phone_prefixes = ["+1"]
"#,
        )
        .unwrap();
        assert_eq!(c.bot.as_deref(), Some("bots/seller-outreach.yaml"));
        assert_eq!(c.levels.get(&Rule::OutcomeMissing), Some(&Level::Allow));
        assert!(c.policy.allows_email("a@acme-realty.com"));
        assert!(c.policy.allows_email("a@ACME-realty.com"));
        assert!(!c.policy.allows_email("a@gmail.com"));
        assert!(c.policy.allows_phone("+15125550142"));
        assert!(!c.policy.allows_phone("+445125550142"));
    }

    #[test]
    fn refuses_unknown_keys_bad_levels_and_relaxed_errors() {
        for (text, key) in [
            ("bots = \"x\"", "bots"),
            (
                "[rules]\noutcome-misisng = \"allow\"",
                "rules.outcome-misisng",
            ),
            (
                "[rules]\noutcome-missing = \"off\"",
                "rules.outcome-missing",
            ),
            ("[rules]\nunknown-field = \"allow\"", "rules.unknown-field"),
            ("[rules]\nunknown-field = \"warn\"", "rules.unknown-field"),
            (
                "[policy]\nemail_domain = [\"a.com\"]",
                "policy.email_domain",
            ),
            (
                "[policy]\nemail_domains = \"a.com\"",
                "policy.email_domains",
            ),
            (
                "[policy]\nphone_prefixes = [\"1\"]",
                "policy.phone_prefixes",
            ),
        ] {
            let e = parse_config(text).unwrap_err();
            assert_eq!(e.key.as_deref(), Some(key), "{text}");
        }
        assert_eq!(parse_config("not toml [").unwrap_err().key, None);
    }

    #[test]
    fn files_exclude_takes_globs_and_refuses_bad_ones() {
        let c =
            parse_config("[files]\nexclude = [\"ci/**\", \"**/docker-compose.yml\"]\n").unwrap();
        assert_eq!(c.exclude, ["ci/**", "**/docker-compose.yml"]);
        let e = c.exclude(std::path::Path::new("/repo"));
        assert!(e.is_excluded(std::path::Path::new("/repo/ci/a.yaml")));
        for (text, key) in [
            ("[files]\nexclude = [\"a/[b\"]", "files.exclude"),
            ("[files]\nexclude = \"ci/**\"", "files.exclude"),
            ("[files]\ninclude = []", "files.include"),
            ("files = 1", "files"),
        ] {
            assert_eq!(
                parse_config(text).unwrap_err().key.as_deref(),
                Some(key),
                "{text}"
            );
        }
    }

    #[test]
    fn severities() {
        let mut s = Settings::default();
        assert_eq!(s.severity(Rule::NotifyEmpty), Some(Severity::Warning));
        assert_eq!(s.severity(Rule::InvalidValue), Some(Severity::Error));
        s.levels.insert(Rule::NotifyEmpty, Level::Allow);
        s.levels.insert(Rule::OutcomeMissing, Level::Deny);
        s.deny_warnings = true;
        assert_eq!(s.severity(Rule::NotifyEmpty), None);
        assert_eq!(s.severity(Rule::OutcomeMissing), Some(Severity::Error));
        assert_eq!(s.severity(Rule::DuplicateAction), Some(Severity::Error));
    }
}
