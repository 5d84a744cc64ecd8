//! The prompts: a menu is a list of `(label, choice)` pairs and answers with the choice, never
//! with an index to decode; a text prompt checks each value as it is typed.
//!
//! Everything shown comes escaped: labels are built with `escape` by their menus, a current
//! value is shown escaped on a `now:` line, and a refusal is escaped before the prompt prints
//! it. A kept value is never handed to the terminal library as a default (it would echo it
//! raw): an empty line means "keep", and the value is kept here.

use super::{Interrupted, Session, Step};
use dialoguer::{Confirm, Input, Select};
use samictl::render::human::Palette;
use samictl::render::text::escape;

/// A menu: each entry's label and what choosing it means.
pub(super) type Menu<C> = Vec<(String, C)>;

pub(super) fn lift<T>(r: dialoguer::Result<T>) -> Result<T, Interrupted> {
    r.map_err(|_| Interrupted(None))
}

/// A check's refusal, escaped for the terminal (it may quote what was typed).
fn escaped(check: impl Fn(&str) -> Result<(), String>) -> impl Fn(&String) -> Result<(), String> {
    move |s: &String| check(s).map_err(|why| escape(&why))
}

/// `s` cut to `cols` display columns (none: as it is), ending in `…` when cut.
fn fit(s: &str, cols: Option<usize>) -> String {
    use unicode_width::UnicodeWidthChar;
    let Some(cols) = cols.filter(|c| *c >= 10) else {
        return s.to_owned();
    };
    let width = |c: char| UnicodeWidthChar::width(c).unwrap_or(0);
    if s.chars().map(width).sum::<usize>() <= cols {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        if used + width(c) > cols - 1 {
            break;
        }
        used += width(c);
        out.push(c);
    }
    out.push('…');
    out
}

impl Session {
    /// Shows `menu` with the cursor on entry `*at`; the chosen entry's choice, or `None` on
    /// Esc. `*at` follows the choice, so the menu comes back where the user left it.
    pub(super) fn choose<C: Clone>(&self, prompt: &str, menu: &Menu<C>, at: &mut usize) -> Step<C> {
        // A line that wraps is redrawn badly (the terminal library counts lines, not the rows
        // they wrap to): on a known terminal width, each line is cut to fit, with an ellipsis.
        let cols =
            terminal_size::terminal_size_of(std::io::stderr()).map(|(w, _)| usize::from(w.0));
        let labels: Vec<String> = menu
            .iter()
            .map(|(label, _)| fit(label, cols.map(|c| c.saturating_sub(3))))
            .collect();
        let picked = lift(
            Select::with_theme(&self.theme)
                .with_prompt(fit(prompt, cols.map(|c| c.saturating_sub(5))))
                .items(&labels)
                .default((*at).min(labels.len().saturating_sub(1)))
                .max_length(16)
                .interact_opt(),
        )?;
        Ok(picked.and_then(|i| {
            *at = i;
            menu.get(i).map(|(_, choice)| choice.clone())
        }))
    }

    /// As [`Session::choose`], the cursor starting on the first entry.
    pub(super) fn choose_once<C: Clone>(&self, prompt: &str, menu: &Menu<C>) -> Step<C> {
        self.choose(prompt, menu, &mut 0)
    }

    /// Asks for a text that replaces `current`: the current value is shown (escaped) above
    /// the prompt and kept when Enter is pressed on an empty line, so replacing it is just
    /// typing the new one. A refused text (a placeholder typo) is offered again for editing,
    /// not cleared.
    pub(super) fn input(
        &self,
        prompt: &str,
        current: &str,
        check: impl Fn(&str) -> Result<(), String> + 'static,
    ) -> Result<String, Interrupted> {
        if current.is_empty() {
            return self.checked(prompt, false, check);
        }
        self.show_current(current);
        let typed = self.checked(
            &format!("{prompt} (type the new text; Enter keeps the current one)"),
            true,
            check,
        )?;
        Ok(if typed.is_empty() {
            current.to_owned()
        } else {
            typed
        })
    }

    /// Asks for a value with a default that an empty line takes (a new task's assignee).
    pub(super) fn input_or(
        &self,
        prompt: &str,
        default: &str,
        check: impl Fn(&str) -> Result<(), String> + 'static,
    ) -> Result<String, Interrupted> {
        let typed = self.checked(&format!("{prompt} (Enter: {default})"), true, check)?;
        Ok(if typed.trim().is_empty() {
            default.to_owned()
        } else {
            typed
        })
    }

    /// One text, checked here rather than by the terminal library: a refusal is printed
    /// (escaped) and the prompt comes back holding what was typed, to correct rather than
    /// retype. An empty line is taken as it is when `empty` allows it.
    fn checked(
        &self,
        prompt: &str,
        empty: bool,
        check: impl Fn(&str) -> Result<(), String>,
    ) -> Result<String, Interrupted> {
        let mut initial = String::new();
        loop {
            let typed = lift(
                Input::<String>::with_theme(&self.theme)
                    .with_prompt(prompt)
                    .with_initial_text(initial.clone())
                    .allow_empty(empty)
                    .interact_text(),
            )?;
            if empty && typed.is_empty() {
                return Ok(typed);
            }
            match check(&typed) {
                Ok(()) => return Ok(typed),
                Err(why) => {
                    say!(
                        "  {} {}",
                        Palette::paint(self.palette.error, "✘"),
                        escape(&why)
                    );
                    // Offered as the user saw it: escaped.
                    initial = escape(&typed);
                }
            }
        }
    }

    /// Asks for a value that may be left unset: as [`Session::input`], and `-` clears it (or,
    /// with no current value, an empty line leaves it unset). `unset` says what unset means.
    pub(super) fn input_optional(
        &self,
        prompt: &str,
        current: &str,
        unset: &str,
        check: impl Fn(&str) -> Result<(), String> + 'static,
    ) -> Result<String, Interrupted> {
        let prompt = if current.is_empty() {
            format!("{prompt} (Enter: {unset})")
        } else {
            self.show_current(current);
            format!("{prompt} (type the new value; Enter keeps the current one; `-`: {unset})")
        };
        let typed = lift(
            Input::<String>::with_theme(&self.theme)
                .with_prompt(prompt)
                .allow_empty(true)
                .validate_with(escaped(move |s: &str| {
                    if s.trim().is_empty() || s.trim() == "-" {
                        Ok(())
                    } else {
                        check(s)
                    }
                }))
                .interact_text(),
        )?;
        Ok(if typed.trim() == "-" {
            String::new()
        } else if typed.trim().is_empty() {
            current.to_owned()
        } else {
            typed
        })
    }

    /// The value a prompt replaces, shown escaped.
    fn show_current(&self, current: &str) {
        say!(
            "  {} {}",
            Palette::paint(self.palette.bold, "now:"),
            escape(current)
        );
    }

    /// A new value, the prompt starting from `initial` (a phone's `+`).
    pub(super) fn input_new(
        &self,
        prompt: &str,
        initial: &str,
        check: impl Fn(&str) -> Result<(), String> + 'static,
    ) -> Result<String, Interrupted> {
        // The initial text is shown escaped: what the user then submits is what they saw.
        let initial = escape(initial);
        lift(
            Input::<String>::with_theme(&self.theme)
                .with_prompt(prompt)
                .with_initial_text(initial)
                .validate_with(escaped(check))
                .interact_text(),
        )
    }

    pub(super) fn confirm(&self, prompt: &str, default: bool) -> Result<bool, Interrupted> {
        lift(
            Confirm::with_theme(&self.theme)
                .with_prompt(prompt)
                .default(default)
                .interact(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::fit;

    #[test]
    fn labels_fit_the_terminal() {
        assert_eq!(fit("short", Some(80)), "short");
        assert_eq!(fit("a long label here", None), "a long label here");
        assert_eq!(fit("abcdefghijklmnop", Some(10)), "abcdefghi…");
        // 🔒 takes two columns.
        let cut = fit("1. 🔒 cancel-enrollment (locked)", Some(12));
        assert_eq!(cut, "1. 🔒 cance…");
    }
}
