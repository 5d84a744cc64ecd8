//! What `show` adds for an org policy: each outcome's `[policy.outcomes.TAG]` keys, marked as
//! kept (a bot that `show` displays has no finding at error severity, so it keeps them all).

use crate::outcome::Outcome;
use crate::policy::OutcomePolicies;
use crate::product::Channel;
use crate::render::human::Palette;
use crate::render::text::{self, escape};
use std::fmt::Write;

/// The policy block under the card view, for the outcomes shown; empty without a policy.
/// A line too long for `width` columns puts its `samictl.toml` line on the next one.
pub fn show_block(
    policies: &OutcomePolicies,
    shown: &[Outcome],
    palette: &Palette,
    width: Option<u16>,
) -> String {
    show_block_on(policies, shown, palette, width, Channel::Call)
}

/// As [`show_block`], for `[policy.outcomes]` (call) or `[policy.messaging]` (SMS) policies; a
/// messaging outcome is named `SMS TAG`.
pub fn show_block_on(
    policies: &OutcomePolicies,
    shown: &[Outcome],
    palette: &Palette,
    width: Option<u16>,
    channel: Channel,
) -> String {
    let label = match channel {
        Channel::Call => "",
        Channel::Sms => "SMS ",
    };
    let width = usize::from(width.unwrap_or(100));
    let mut out = String::new();
    for (outcome, items) in policies.iter().filter(|(o, _)| shown.contains(o)) {
        if items.is_empty() {
            continue;
        }
        if out.is_empty() {
            let _ = writeln!(
                out,
                "\n{}",
                Palette::paint(
                    palette.bold,
                    match channel {
                        Channel::Call => "Org policy (samictl.toml), kept by this bot:",
                        Channel::Sms => {
                            "Org policy for the messaging cards (samictl.toml), kept by this bot:"
                        }
                    }
                )
            );
        }
        let _ = writeln!(out, "  {label}{outcome}");
        for item in items {
            let what = escape(&item.requirement.describe());
            let at = format!("(samictl.toml:{})", item.line);
            if 6 + text::width(&what) + 1 + at.len() <= width {
                let _ = writeln!(out, "    ✓ {what} {at}");
            } else {
                let _ = writeln!(out, "    ✓ {what}\n      {at}");
            }
        }
    }
    out
}
