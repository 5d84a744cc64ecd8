//! Emitters: each output format of `validate` written once, as a head, one part per file
//! (written finding by finding to any [`Write`]), a separator between parts and a tail. A
//! whole-run report is the stream over a list of files ([`render`]); `validate` writes the same
//! stream to standard output as each file is checked, so no report is ever held whole (issue
//! 32: 500,000 findings in one file are hundreds of megabytes of text in every format).
//!
//! The formats implement [`Emit`] next to their own code (`json::Json`, `sarif::Sarif`,
//! `junit::Junit`, `github::Github`, `human::Human`); this module holds the trait, the run's
//! counts, the JSON layout helper the JSON formats share, and the writer that fits human text
//! to a width as it goes ([`Fitted`]).

use super::{FileReport, Fixable};
use crate::diagnostic::Tally;
use serde::Serialize;
use std::io::{self, Write};

/// What a run has counted so far: all a tail (and JUnit's head) need.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub files: usize,
    pub tally: Tally,
    pub fixable: Fixable,
}

impl Totals {
    /// Counts one more file.
    pub fn add_file(&mut self, tally: Tally, fixable: Fixable) {
        self.files += 1;
        self.tally.add(tally);
        self.fixable.safe += fixable.safe;
        self.fixable.unsafe_only += fixable.unsafe_only;
    }

    /// The counts of `reports`.
    pub fn of(reports: &[FileReport]) -> Totals {
        let mut totals = Totals::default();
        for r in reports {
            totals.add_file(r.tally(), r.fixable());
        }
        totals
    }
}

/// One output format of `validate`, as a stream: `head`, then for each file in order that
/// [`Emit::shows`], `separator` and `file`, then `tail`.
pub trait Emit {
    /// Whether [`Emit::head`] needs the run's totals: the caller then writes the head after
    /// every file (JUnit's counts stand in its first lines).
    fn head_needs_totals(&self) -> bool {
        false
    }

    /// What comes before the first file. `totals` is read only by formats that
    /// [`Emit::head_needs_totals`].
    fn head(&self, out: &mut dyn Write, totals: &Totals) -> io::Result<()>;

    /// Whether `report` has a part in this format (a clean file has none in human, GitHub and
    /// SARIF output).
    fn shows(&self, report: &FileReport) -> bool {
        let _ = report;
        true
    }

    /// What goes before a file's part: `first` tells whether it is the first part written.
    fn separator(&self, first: bool) -> &'static str {
        let _ = first;
        ""
    }

    /// One file's part, written finding by finding.
    fn file(&self, out: &mut dyn Write, report: &FileReport) -> io::Result<()>;

    /// What comes after the last file; `any` tells whether a part was written.
    fn tail(&self, out: &mut dyn Write, totals: &Totals, any: bool) -> io::Result<()>;
}

/// The whole report of `reports` (in the order given) in one format.
pub fn render(emit: &dyn Emit, reports: &[FileReport]) -> String {
    let mut out = Vec::new();
    // Writing to a vector never fails.
    let _ = write_all(emit, &mut out, reports);
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Writes the whole report of `reports` to `out`.
pub fn write_all(emit: &dyn Emit, out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    let totals = Totals::of(reports);
    emit.head(out, &totals)?;
    let mut any = false;
    for report in reports.iter().filter(|r| emit.shows(r)) {
        out.write_all(emit.separator(!any).as_bytes())?;
        emit.file(out, report)?;
        any = true;
    }
    emit.tail(out, &totals, any)
}

/// Writes `value` as serde_json's pretty printer lays it out (two spaces a level), each line
/// indented by `indent` more (the depth it stands at in the document), every character of
/// [`super::text::needs_escape`] as a `\uXXXX` escape. `buf` is scratch space, reused so that
/// each of many items costs no allocation.
pub fn json_item(
    out: &mut dyn Write,
    buf: &mut Vec<u8>,
    value: &impl Serialize,
    indent: &str,
) -> io::Result<()> {
    buf.clear();
    buf.extend_from_slice(indent.as_bytes());
    let nested = Nested {
        base: indent.as_bytes(),
        depth: 0,
        has_value: false,
    };
    let mut ser = serde_json::Serializer::with_formatter(&mut *buf, nested);
    value.serialize(&mut ser).map_err(io::Error::other)?;
    let text = std::str::from_utf8(buf).map_err(io::Error::other)?;
    json_safe_to(out, text)
}

/// serde_json's pretty layout (two spaces a level) for a value that stands `base` deep in the
/// document: each new line starts with `base`, so an item is serialized once, already indented
/// (issue 32: half a million items), instead of being indented after the fact.
struct Nested<'a> {
    base: &'a [u8],
    depth: usize,
    has_value: bool,
}

impl Nested<'_> {
    fn newline<W: ?Sized + Write>(&self, w: &mut W, comma: bool) -> io::Result<()> {
        w.write_all(if comma { b",\n" } else { b"\n" })?;
        w.write_all(self.base)?;
        for _ in 0..self.depth {
            w.write_all(b"  ")?;
        }
        Ok(())
    }

    /// `[` or `{`: one level deeper, nothing in it yet.
    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    /// `]` or `}`, on a line of its own when the collection has something in it.
    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.newline(w, false)?;
        }
        w.write_all(bracket)
    }
}

impl serde_json::ser::Formatter for Nested<'_> {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.newline(w, !first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.newline(w, !first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// `text` (serialized JSON) with every character of [`super::text::needs_escape`] escaped, as
/// [`super::text::json_safe`] writes it.
pub fn json_safe_to(out: &mut dyn Write, text: &str) -> io::Result<()> {
    if super::text::plain_ascii(text.as_bytes(), true) {
        out.write_all(text.as_bytes())
    } else {
        out.write_all(super::text::json_safe(text.to_owned()).as_bytes())
    }
}

/// A writer that fits human text to a width ([`super::fit::fit`], which works line by line)
/// on its way to `inner`: complete lines are fitted and passed on as they come, the last
/// incomplete one when [`Fitted::finish`] (or a flush) is called.
pub struct Fitted<W: Write> {
    inner: W,
    width: Option<usize>,
    pending: Vec<u8>,
}

impl<W: Write> Fitted<W> {
    /// `width`: `None` passes text through unchanged.
    pub fn new(inner: W, width: Option<usize>) -> Fitted<W> {
        Fitted {
            inner,
            width,
            pending: Vec::new(),
        }
    }

    fn pass(&mut self, bytes: &[u8]) -> io::Result<()> {
        match self.width {
            Some(w) => {
                let text = String::from_utf8_lossy(bytes);
                self.inner.write_all(super::fit::fit(&text, w).as_bytes())
            }
            None => self.inner.write_all(bytes),
        }
    }

    /// The inner writer, without what is pending (nothing more is written).
    pub fn into_inner(self) -> W {
        self.inner
    }

    /// Writes what is pending, flushes, and gives back the inner writer.
    pub fn finish(mut self) -> io::Result<W> {
        self.flush()?;
        Ok(self.inner)
    }
}

impl<W: Write> Write for Fitted<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if self.width.is_none() {
            return self.inner.write(bytes);
        }
        match bytes.iter().rposition(|&b| b == b'\n') {
            Some(at) => {
                let mut head = std::mem::take(&mut self.pending);
                head.extend_from_slice(&bytes[..=at]);
                self.pass(&head)?;
                self.pending.extend_from_slice(&bytes[at + 1..]);
            }
            None => self.pending.extend_from_slice(bytes),
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            let rest = std::mem::take(&mut self.pending);
            self.pass(&rest)?;
        }
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fitted_writer_fits_line_by_line_whatever_the_chunks() {
        let text = "error[x]: a message long enough to be wrapped at forty columns for sure\n\
                    short\n= help: another line that is long enough to be wrapped too, twice over";
        let whole = super::super::fit::fit(text, 40);
        for chunk in [1, 3, 17, 1000] {
            let mut fitted = Fitted::new(Vec::new(), Some(40));
            for piece in text.as_bytes().chunks(chunk) {
                fitted.write_all(piece).unwrap();
            }
            let out = fitted.finish().unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), whole, "chunks of {chunk}");
        }
        let mut plain = Fitted::new(Vec::new(), None);
        plain.write_all(text.as_bytes()).unwrap();
        assert_eq!(plain.finish().unwrap(), text.as_bytes());
    }

    #[test]
    fn json_items_are_indented_and_escaped() {
        let mut out = Vec::new();
        let mut buf = Vec::new();
        let value = serde_json::json!({"a": "x\u{202e}y", "b": [1]});
        json_item(&mut out, &mut buf, &value, "    ").unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "    {\n      \"a\": \"x\\u202ey\",\n      \"b\": [\n        1\n      ]\n    }"
        );
    }
}
