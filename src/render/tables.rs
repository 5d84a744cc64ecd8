//! Tables for `show`, `simulate` and `rules`, with comfy-table.

use comfy_table::{
    Attribute, Cell, Color, ColumnConstraint, ContentArrangement, Table, Width, presets,
};
use unicode_width::UnicodeWidthStr;

/// How tables are drawn: colour or not, and the width to fit (none when piped).
#[derive(Clone, Copy, Debug, Default)]
pub struct Layout {
    pub color: bool,
    pub width: Option<u16>,
}

impl Layout {
    pub fn table(&self) -> Table {
        let mut t = Table::new();
        t.load_style(presets::UTF8_FULL_CONDENSED.with_rounded_corners())
            .set_content_arrangement(ContentArrangement::Dynamic);
        if self.color {
            t.enforce_styling();
        } else {
            t.force_no_tty();
        }
        if let Some(w) = self.width {
            t.set_width(w);
        }
        t
    }

    /// A header cell.
    pub fn head(&self, text: &str) -> Cell {
        let c = Cell::new(text);
        if self.color {
            c.add_attribute(Attribute::Bold)
        } else {
            c
        }
    }

    /// A cell for a locked action.
    pub fn locked(&self, text: &str) -> Cell {
        let c = Cell::new(text);
        if self.color { c.fg(Color::Yellow) } else { c }
    }

    /// A cell for something absent or hidden.
    pub fn dim(&self, text: &str) -> Cell {
        let c = Cell::new(text);
        if self.color { c.fg(Color::DarkGrey) } else { c }
    }
}

/// Calls `see` with the column and the text of every cell, the header's first.
fn each_cell(t: &Table, mut see: impl FnMut(usize, &str)) {
    let header = t.header().into_iter();
    for row in header.chain(t.row_iter()) {
        for (i, cell) in row.cell_iter().enumerate() {
            see(i, &cell.content());
        }
    }
}

/// The width of the widest word of each column (header included), plus the cell padding:
/// the narrowest each column can be without breaking a word.
pub fn word_widths(t: &Table) -> Vec<u16> {
    let mut widths: Vec<usize> = Vec::new();
    let see = |i: usize, content: &str| {
        // Only spaces and line ends break a line: a no-break space keeps a placeholder whole.
        let widest = content
            .split([' ', '\n'])
            .map(UnicodeWidthStr::width)
            .max()
            .unwrap_or(0);
        if widths.len() <= i {
            widths.resize(i + 1, 0);
        }
        widths[i] = widths[i].max(widest);
    };
    each_cell(t, see);
    widths
        .into_iter()
        .map(|w| u16::try_from(w + 2).unwrap_or(u16::MAX))
        .collect()
}

/// Keeps every word of the table whole and fits it to the layout's width: each column gets at
/// least its widest word (so a tag, an action type, a placeholder, a path or an email is
/// never broken inside a word), then the space left is shared among the columns whose text
/// still wraps, up to what each needs. A table that can't fit so is wider than the terminal,
/// never broken; callers switch to a stacked layout first.
pub fn keep_words(t: &mut Table, layout: &Layout) {
    let mins = word_widths(t);
    let mut natural = vec![0u16; mins.len()];
    let see = |i: usize, content: &str| {
        let widest = content
            .lines()
            .map(UnicodeWidthStr::width)
            .max()
            .unwrap_or(0);
        let w = u16::try_from(widest + 2).unwrap_or(u16::MAX);
        if let Some(n) = natural.get_mut(i) {
            *n = (*n).max(w);
        }
    };
    each_cell(t, see);
    let mut widths: Vec<u16> = mins
        .iter()
        .enumerate()
        .map(|(i, min)| {
            let fixed = match t.column(i).and_then(|c| c.constraint()) {
                Some(ColumnConstraint::LowerBoundary(Width::Fixed(w))) => *w,
                _ => 0,
            };
            (*min).max(fixed).min(natural[i].max(*min))
        })
        .collect();
    let borders = u16::try_from(widths.len() + 1).unwrap_or(u16::MAX);
    let total = layout.width.unwrap_or(u16::MAX);
    let mut left = total
        .saturating_sub(borders)
        .saturating_sub(widths.iter().sum());
    // Water-filling: an equal share at a time to every column that still wraps.
    loop {
        let wanting: Vec<usize> = (0..widths.len())
            .filter(|i| widths[*i] < natural[*i])
            .collect();
        if wanting.is_empty() || left == 0 {
            break;
        }
        let share = (left / u16::try_from(wanting.len()).unwrap_or(1)).max(1);
        for i in wanting {
            let give = share.min(natural[i] - widths[i]).min(left);
            widths[i] += give;
            left -= give;
        }
    }
    for (i, w) in widths.into_iter().enumerate() {
        if let Some(column) = t.column_mut(i) {
            column.set_constraint(ColumnConstraint::Absolute(Width::Fixed(w)));
        }
    }
}

/// The width a table needs at least: its words kept whole, plus borders.
pub fn min_table_width(t: &Table) -> usize {
    let words = word_widths(t);
    words.iter().map(|w| usize::from(*w)).sum::<usize>() + words.len() + 1
}

/// Wraps one line at spaces to `width` columns, continuation lines indented by `indent`;
/// a word is never broken (a word wider than the line stays whole). Ends with a newline.
pub fn wrap(line: &str, width: usize, indent: usize) -> String {
    let mut out = String::new();
    let mut current = String::new();
    let mut current_width = 0;
    // Leading spaces of the line are kept as they are.
    let body = line.trim_start_matches(' ');
    let lead = line.len() - body.len();
    current.push_str(&line[..lead]);
    current_width += lead;
    let mut first_word = true;
    for word in body.split(' ') {
        let w = UnicodeWidthStr::width(word);
        if !first_word && current_width + 1 + w > width && current.trim() != "" {
            out.push_str(current.trim_end());
            out.push('\n');
            current = " ".repeat(indent);
            current_width = indent;
            first_word = true;
        }
        // Extra spaces at a line break are dropped with it.
        if word.is_empty() && first_word && !out.is_empty() {
            continue;
        }
        if !first_word {
            current.push(' ');
            current_width += 1;
        }
        current.push_str(word);
        current_width += w;
        first_word = false;
    }
    out.push_str(current.trim_end());
    out.push('\n');
    out
}

/// A two-column table (label, value) as lines for a terminal too narrow for it: the label on
/// its own line, the value below it, indented and wrapped at spaces.
pub fn stack(t: &Table, layout: &Layout) -> String {
    let width = layout.width.map_or(usize::MAX, usize::from);
    let mut out = String::new();
    for row in t.row_iter() {
        let cells: Vec<String> = row.cell_iter().map(Cell::content).collect();
        let Some((label, values)) = cells.split_first() else {
            continue;
        };
        out.push_str(&wrap(label, width, 0));
        for value in values {
            for line in value.lines() {
                out.push_str(&wrap(&format!("    {line}"), width, 6));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_spaces_only() {
        assert_eq!(wrap("aaa bbb ccc", 7, 2), "aaa bbb\n  ccc\n");
        // A word longer than the line stays whole.
        assert_eq!(
            wrap("x team-lead@acme-realty.com", 10, 2),
            "x\n  team-lead@acme-realty.com\n"
        );
        // Spaces at the break are dropped.
        assert_eq!(wrap("aaa  [b]", 4, 2), "aaa\n  [b]\n");
        // A no-break space holds.
        assert_eq!(wrap("a {{\u{a0}x\u{a0}}}", 5, 0), "a\n{{\u{a0}x\u{a0}}}\n");
    }
}
