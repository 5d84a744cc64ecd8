//! A forgiving outline of a bot file, read line by line from the indentation.
//!
//! The editor asks for completions while the file is half-typed and rarely parses, so the
//! cursor's place in the format (which card, which action, which key) is read from the block
//! structure of the lines instead of from the YAML tree: every line's indentation, its `- `
//! item marker, and the key before its `:`. Flow collections (`{...}`, `[...]`) are read as
//! values. Only block-style files, the style the format's examples and `init` use, get
//! completions inside nested blocks.

/// One line of the file, as the outline reads it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Line<'t> {
    /// Byte column of the first non-space character (the `-` of an item).
    pub(crate) indent: usize,
    /// The line starts a sequence item (`- ...`).
    pub(crate) dash: bool,
    /// Byte column where the line's key (or value) starts, after any `- `.
    pub(crate) content: usize,
    /// The key before `:`, unquoted, when the line has one.
    pub(crate) key: Option<&'t str>,
    /// The text after `key:`, trimmed, without a trailing comment; or the whole content.
    pub(crate) value: &'t str,
    /// Byte column where `value` starts.
    pub(crate) value_col: usize,
    /// Blank or comment only.
    pub(crate) blank: bool,
}

/// Reads one line.
pub(crate) fn read_line(text: &str) -> Line<'_> {
    let indent = text.len() - text.trim_start_matches(' ').len();
    let rest = &text[indent..];
    if rest.trim().is_empty() || rest.starts_with('#') {
        return Line {
            indent,
            content: indent,
            value_col: indent,
            blank: true,
            ..Line::default()
        };
    }
    let (dash, content) = match rest.strip_prefix('-') {
        Some(after) if after.is_empty() || after.starts_with(' ') => {
            let spaces = after.len() - after.trim_start_matches(' ').len();
            (true, indent + 1 + spaces)
        }
        _ => (false, indent),
    };
    let body = &text[content..];
    match key_end(body) {
        Some((key_text, colon)) => {
            let after = &body[colon + 1..];
            let lead = after.len() - after.trim_start().len();
            let value = strip_comment(after.trim_start()).trim_end();
            Line {
                indent,
                dash,
                content,
                key: Some(unquote(key_text.trim_end())),
                value,
                value_col: content + colon + 1 + lead,
                blank: false,
            }
        }
        None => Line {
            indent,
            dash,
            content,
            key: None,
            value: strip_comment(body).trim_end(),
            value_col: content,
            blank: false,
        },
    }
}

/// The key text and the byte index of its `:` when `body` starts with `key:` (a `:` followed by
/// a space or the end of the line, outside quotes).
fn key_end(body: &str) -> Option<(&str, usize)> {
    let bytes = body.as_bytes();
    if let Some(q @ (b'"' | b'\'')) = bytes.first().copied() {
        let close = body[1..].find(q as char)? + 1;
        let after = &body[close + 1..];
        let colon = close + 1 + (after.len() - after.trim_start().len());
        let rest = &body[colon..];
        return (rest.starts_with(':') && (rest.len() == 1 || rest[1..].starts_with([' ', '\t'])))
            .then(|| (&body[..=close], colon));
    }
    if matches!(bytes.first(), Some(b'{' | b'[' | b'|' | b'>' | b'#')) {
        return None;
    }
    let mut from = 0;
    while let Some(i) = body[from..].find(':') {
        let at = from + i;
        let next = body[at + 1..].chars().next();
        if next.is_none_or(|c| c == ' ' || c == '\t') {
            if body[..at].contains(" #") {
                return None;
            }
            return Some((&body[..at], at));
        }
        from = at + 1;
    }
    None
}

fn unquote(key: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = key.strip_prefix(q).and_then(|k| k.strip_suffix(q)) {
            return inner;
        }
    }
    key
}

/// Drops a ` # comment` outside quotes.
fn strip_comment(value: &str) -> &str {
    let mut quote = None;
    let mut prev = ' ';
    for (i, c) in value.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '#' && (prev == ' ' || prev == '\t' || i == 0) => return &value[..i],
            None => {}
        }
        prev = c;
    }
    value
}

/// A step on the way from the top of the file to a place in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Step<'t> {
    /// The value of this key.
    Key(&'t str, usize),
    /// An item of a sequence; the 0-based line of its `- `.
    Item(usize),
}

/// The lines of a text, read once.
pub(crate) struct Outline<'t> {
    pub(crate) lines: Vec<Line<'t>>,
}

impl<'t> Outline<'t> {
    pub(crate) fn new(text: &'t str) -> Outline<'t> {
        let lines = text
            .split('\n')
            .map(|l| read_line(l.strip_suffix('\r').unwrap_or(l)))
            .collect();
        Outline { lines }
    }

    /// The keys and items enclosing a place on line `line` whose content starts at byte column
    /// `column`, outermost first. Lines above at a smaller column are its parents; a `- ` left
    /// of the column opens the item the place belongs to.
    pub(crate) fn parents(&self, line: usize, column: usize) -> Vec<Step<'t>> {
        self.parents_of(line, column, None)
    }

    /// [`Outline::parents`], knowing whether the place is in an item whose `- ` is at
    /// `item_col`: such an item may stand at its key's own column (`actions:` then `- type:`
    /// right below it), so an empty key at that column above it is its parent.
    fn parents_of(&self, line: usize, column: usize, item_col: Option<usize>) -> Vec<Step<'t>> {
        let mut steps = Vec::new();
        let mut limit = column;
        let mut item_col = item_col;
        for i in (0..line.min(self.lines.len())).rev() {
            if limit == 0 && item_col.is_none() {
                break;
            }
            let l = &self.lines[i];
            if l.blank {
                continue;
            }
            if let Some(k) = l.key
                && !l.dash
                && l.value.is_empty()
                && item_col == Some(l.content)
                && l.content == limit
            {
                steps.push(Step::Key(k, i));
                item_col = None;
                continue;
            }
            if l.content < limit {
                if let Some(k) = l.key {
                    steps.push(Step::Key(k, i));
                }
                limit = l.content;
                item_col = None;
            }
            if l.dash && l.indent < limit {
                steps.push(Step::Item(i));
                limit = l.indent;
                item_col = Some(l.indent);
            }
        }
        steps.reverse();
        steps
    }

    /// The parents of the content of `line`, whatever it holds: for an item's line (`- `),
    /// the parents of the item (the item itself is not included).
    pub(crate) fn enclosing(&self, line: usize) -> Vec<Step<'t>> {
        match self.lines.get(line) {
            Some(l) if l.dash => self.parents_of(line, l.indent, Some(l.indent)),
            Some(l) => self.parents(line, l.content),
            None => Vec::new(),
        }
    }

    /// The full path of the key on `line` (its parents, then itself), if the line has a key.
    pub(crate) fn key_path(&self, line: usize) -> Option<Vec<Step<'t>>> {
        let l = self.lines.get(line)?;
        let key = l.key?;
        let mut path = self.enclosing(line);
        if l.dash {
            path.push(Step::Item(line));
        }
        path.push(Step::Key(key, line));
        Some(path)
    }

    /// The last line of the block that starts on `line`: every following line indented
    /// deeper than its content (items of a sequence written at the key's own column count).
    pub(crate) fn block_end(&self, line: usize) -> usize {
        self.end_while(line, |start, l| {
            l.indent > start.content
                || (l.indent == start.content && l.dash && !start.dash && start.key.is_some())
        })
    }

    /// The block of the item whose `- ` is on `line`: the `- ` line and every line deeper than it.
    pub(crate) fn item_end(&self, line: usize) -> usize {
        self.end_while(line, |start, l| l.indent > start.indent)
    }

    /// The last line of the run after `line` whose lines (blank ones skipped) are `inside(start,
    /// l)`, `start` being `line`'s; `line` itself when the next is not.
    fn end_while(&self, line: usize, inside: impl Fn(&Line<'t>, &Line<'t>) -> bool) -> usize {
        let Some(start) = self.lines.get(line) else {
            return line;
        };
        let mut end = line;
        for (i, l) in self.lines.iter().enumerate().skip(line + 1) {
            if l.blank {
                continue;
            }
            if !inside(start, l) {
                break;
            }
            end = i;
        }
        end
    }

    /// The keys of the mapping a place at `column` on `line` belongs to: the lines of the same
    /// block at that column (siblings), with their line numbers.
    pub(crate) fn siblings(&self, line: usize, column: usize) -> Vec<(&'t str, usize)> {
        let parents = self.parents(line, column);
        let (first, last) = match parents.last() {
            Some(Step::Key(_, l)) => (*l + 1, self.block_end(*l)),
            Some(Step::Item(l)) => (*l, self.item_end(*l)),
            None => (0, self.lines.len().saturating_sub(1)),
        };
        (first..=last.min(self.lines.len().saturating_sub(1)))
            .filter_map(|i| {
                let l = &self.lines[i];
                (!l.blank && l.content == column)
                    .then_some(l.key.map(|k| (k, i)))
                    .flatten()
            })
            .collect()
    }

    /// The value written for `key` among the keys of the item on `item_line`.
    pub(crate) fn item_value(&self, item_line: usize, key: &str) -> Option<&'t str> {
        let column = self.lines.get(item_line)?.content;
        self.lines
            .get(item_line..=self.item_end(item_line))?
            .iter()
            .find(|l| !l.blank && l.content == column && l.key == Some(key))
            .map(|l| unquote(l.value))
    }

    /// The top-level keys of the file, with their lines.
    pub(crate) fn top_level(&self) -> impl Iterator<Item = (&'t str, usize)> + '_ {
        self.lines
            .iter()
            .enumerate()
            .filter(|(_, l)| !l.blank && l.indent == 0 && !l.dash)
            .filter_map(|(i, l)| l.key.map(|k| (k, i)))
    }

    /// The bot's `direction`, as written under `bot:`.
    pub(crate) fn direction(&self) -> Option<&'t str> {
        let (_, bot) = self.top_level().find(|(k, _)| *k == "bot")?;
        let child = self.lines.get(bot + 1..=self.block_end(bot))?;
        let column = child.iter().find(|l| !l.blank)?.content;
        child
            .iter()
            .find(|l| l.content == column && l.key == Some("direction"))
            .map(|l| unquote(l.value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "\
version: 1
bot:
  name: Seller # the name
  direction: outbound
outcomes:
  opt-out:
    actions:
      - type: tag
        name: opted-out
      - type: note
        text: |
          Stop {{ contact.first_name }}
    notify:
      owner: true
";

    #[test]
    fn reads_keys_items_and_comments() {
        let l = read_line("  name: Seller # the name");
        assert_eq!((l.key, l.value, l.indent), (Some("name"), "Seller", 2));
        let l = read_line("      - type: tag");
        assert_eq!(
            (l.dash, l.content, l.key, l.value),
            (true, 8, Some("type"), "tag")
        );
        let l = read_line("  \"opt-out\": # quoted");
        assert_eq!((l.key, l.value), (Some("opt-out"), ""));
        let l = read_line("    title: \"Call {{ contact.first_name }}: now\"");
        assert_eq!(l.key, Some("title"));
        assert!(read_line("   # comment").blank);
        assert_eq!(read_line("url: http://x").key, Some("url"));
    }

    #[test]
    fn parents_follow_indentation_and_items() {
        let o = Outline::new(FILE);
        let path = o.key_path(8).unwrap();
        assert_eq!(
            path,
            vec![
                Step::Key("outcomes", 4),
                Step::Key("opt-out", 5),
                Step::Key("actions", 6),
                Step::Item(7),
                Step::Key("name", 8)
            ]
        );
        // Inside the block scalar of a note's text.
        let p = o.parents(11, 10);
        assert_eq!(p.last(), Some(&Step::Key("text", 10)));
        assert_eq!(o.item_value(9, "type"), Some("note"));
        assert_eq!(o.direction(), Some("outbound"));
        assert_eq!(o.block_end(6), 11);
        assert_eq!(o.block_end(5), 13);
        let keys: Vec<_> = o.siblings(12, 4).into_iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["actions", "notify"]);
    }

    #[test]
    fn items_may_stand_at_their_key_column() {
        let o = Outline::new(
            "outcomes:\n  opt-out:\n    actions:\n    - type: tag\n      name: x\n    - type: note\n    notify: {}\n",
        );
        let want = vec![
            Step::Key("outcomes", 0),
            Step::Key("opt-out", 1),
            Step::Key("actions", 2),
            Step::Item(3),
        ];
        assert_eq!(o.parents(4, 6), want);
        assert_eq!(o.enclosing(5), want[..3]);
        assert_eq!(o.item_value(5, "type"), Some("note"));
        // A key with a value at the item's column is not its parent.
        let o = Outline::new("a:\n  b: 1\n  - x: 1\n");
        assert_eq!(o.enclosing(2), vec![Step::Key("a", 0)]);
    }
}
