//! Tables for `show`, `simulate` and `rules`, with comfy-table.

use comfy_table::{Attribute, Cell, Color, ContentArrangement, Table, presets};

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
