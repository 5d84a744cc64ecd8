//! The TCPA guard (issue 24): the warning rules that keep a request to stop contact from
//! being routed past the do-not-contact lock (`criteria-catches-opt-out`) or handed to a
//! person after an SMS opt-out (`contact-after-opt-out`). When `samictl.toml` relaxes one of
//! them to `allow`, `show`, the fleet matrix and `validate` say so.

use crate::config::Settings;
use crate::rules::Rule;

/// The rules of the TCPA guard.
pub const GUARD_RULES: [Rule; 2] = [Rule::CriteriaCatchesOptOut, Rule::ContactAfterOptOut];

/// The guard rules these settings relax (`allow` in `[rules]`), in table order.
pub fn relaxed(settings: &Settings) -> Vec<Rule> {
    GUARD_RULES
        .into_iter()
        .filter(|r| settings.severity(*r).is_none())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Level;

    #[test]
    fn only_allow_relaxes_the_guard() {
        let mut s = Settings::default();
        assert!(relaxed(&s).is_empty());
        s.levels.insert(Rule::ContactAfterOptOut, Level::Deny);
        assert!(relaxed(&s).is_empty());
        s.levels.insert(Rule::CriteriaCatchesOptOut, Level::Allow);
        assert_eq!(relaxed(&s), [Rule::CriteriaCatchesOptOut]);
        s.deny_warnings = true;
        assert_eq!(relaxed(&s), [Rule::CriteriaCatchesOptOut]);
    }
}
