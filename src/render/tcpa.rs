//! How output says that `samictl.toml` relaxes the TCPA guard ([`crate::tcpa`]): a note under
//! `show`, the fleet matrix and `validate`'s summary, and a field of the fleet JSON.

use super::human::Palette;
use crate::rules::Rule;

fn settings_text(rules: &[Rule]) -> String {
    rules
        .iter()
        .map(|r| format!("{r} = \"allow\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "note: the TCPA guard is relaxed for WHOM (samictl.toml [rules]: RULE = "allow")", wrapped
/// at `width` columns when there is one (empty when nothing is relaxed).
pub fn note(rules: &[Rule], whom: &str, p: &Palette, width: Option<u16>) -> String {
    if rules.is_empty() {
        return String::new();
    }
    let text = format!(
        "the TCPA guard is relaxed for {whom} (samictl.toml [rules]: {})",
        settings_text(rules)
    );
    let mut lines: Vec<String> = vec![String::new()];
    let room = width.map_or(usize::MAX, |w| usize::from(w).max(40) - 6);
    for word in text.split(' ') {
        let last = lines
            .last_mut()
            .filter(|l| l.is_empty() || l.len() + 1 + word.len() <= room);
        match last {
            Some(l) => {
                if !l.is_empty() {
                    l.push(' ');
                }
                l.push_str(word);
            }
            None => lines.push(word.to_owned()),
        }
    }
    format!(
        "{} {}\n",
        Palette::paint(p.warning, "note:"),
        lines.join("\n      ")
    )
}

/// The same note as a Markdown paragraph, after the fleet table.
pub fn markdown_note(rules: &[Rule]) -> String {
    if rules.is_empty() {
        return String::new();
    }
    let set: Vec<String> = rules.iter().map(|r| format!("`{r} = \"allow\"`")).collect();
    format!(
        "\n**TCPA guard relaxed** for every bot above: `samictl.toml` `[rules]` sets {}.\n",
        set.join(" and ")
    )
}
