//! `validate`'s report over any number of files: the [`Emit`] of the chosen format, written a
//! file at a time as each is checked, so a run keeps only a window of files and the counts in
//! memory.
//!
//! A file's part is rendered where the file was checked (on a worker) when it is small, into
//! a [`Piece`]'s text; a file with many findings keeps its report instead and is rendered
//! straight to the output by [`Stream::write_piece`], finding by finding, so no part is ever
//! held whole as text (issue 32).

pub use super::emit::Totals;
use super::emit::{Emit, Fitted};
use super::human::{Human, Palette};
use super::{FileReport, Fixable, github::Github, json::Json, junit::Junit, sarif::Sarif};
use crate::diagnostic::Tally;
use std::io::{self, Write};

/// An output format of `validate`.
#[derive(Clone, Copy, Debug)]
pub enum Format {
    Human(Palette),
    Json,
    Sarif,
    Github,
    Junit,
}

impl Format {
    /// Whether the head needs the totals (the caller then writes it after every piece).
    pub fn head_needs_totals(self) -> bool {
        self.emitter().head_needs_totals()
    }

    /// The format's emitter.
    pub fn emitter(self) -> Box<dyn Emit + Send + Sync> {
        match self {
            Format::Human(p) => Box::new(Human(p)),
            Format::Json => Box::new(Json),
            Format::Sarif => Box::new(Sarif),
            Format::Github => Box::new(Github),
            Format::Junit => Box::new(Junit),
        }
    }
}

/// Findings past which a file's part is rendered straight to the output rather than to text.
const RENDER_AHEAD_MAX: usize = 2_000;

/// One file's part of the report, and its counts.
#[derive(Debug, Default)]
pub struct Piece {
    /// Empty when the format shows nothing for this file (a clean file in human, GitHub or
    /// SARIF output), or when the part is still to render (`report`).
    pub text: String,
    /// A file with many findings, rendered when written.
    pub report: Option<FileReport>,
    pub tally: Tally,
    pub fixable: Fixable,
}

impl Piece {
    /// Whether the piece writes anything.
    pub fn shows(&self) -> bool {
        !self.text.is_empty() || self.report.is_some()
    }
}

/// A run's report in one format.
pub struct Stream {
    format: Format,
    emit: Box<dyn Emit + Send + Sync>,
}

impl Totals {
    /// Counts one more piece.
    pub fn add(&mut self, piece: &Piece) {
        self.add_file(piece.tally, piece.fixable);
    }
}

impl Stream {
    pub fn new(format: Format) -> Stream {
        Stream {
            format,
            emit: format.emitter(),
        }
    }

    pub fn format(&self) -> Format {
        self.format
    }

    /// The emitter of the format.
    pub fn emitter(&self) -> &dyn Emit {
        &*self.emit
    }

    /// What comes before the first file. `totals` is read only by formats that
    /// [`Format::head_needs_totals`].
    pub fn head(&self, out: &mut dyn Write, totals: &Totals) -> io::Result<()> {
        self.emit.head(out, totals)
    }

    /// One file's piece, rendered to text.
    pub fn piece(&self, report: &FileReport) -> Piece {
        let mut piece = Piece {
            tally: report.tally(),
            fixable: report.fixable(),
            ..Piece::default()
        };
        if self.emit.shows(report) {
            let mut text = Vec::new();
            // Writing to a vector never fails.
            let _ = self.emit.file(&mut text, report);
            piece.text = String::from_utf8(text).unwrap_or_default();
        }
        piece
    }

    /// One file's piece: rendered now when small, else the report kept to be rendered when the
    /// piece is written.
    pub fn prepare(&self, report: FileReport) -> Piece {
        if report.diagnostics.len() <= RENDER_AHEAD_MAX || !self.emit.shows(&report) {
            return self.piece(&report);
        }
        Piece {
            tally: report.tally(),
            fixable: report.fixable(),
            report: Some(report),
            text: String::new(),
        }
    }

    /// Writes a piece (after the separator it needs); `any` tells whether a piece was written
    /// before, and becomes true when this one writes anything.
    pub fn write_piece(
        &self,
        out: &mut dyn Write,
        piece: &Piece,
        any: &mut bool,
    ) -> io::Result<()> {
        if !piece.shows() {
            return Ok(());
        }
        out.write_all(self.emit.separator(!*any).as_bytes())?;
        *any = true;
        match &piece.report {
            Some(report) => self.emit.file(out, report),
            None => out.write_all(piece.text.as_bytes()),
        }
    }

    /// What comes after the last file; `any` tells whether a piece was written.
    pub fn tail(&self, out: &mut dyn Write, totals: &Totals, any: bool) -> io::Result<()> {
        self.emit.tail(out, totals, any)
    }

    /// The whole report of `reports` through the stream, as `validate` writes it (pieces
    /// rendered ahead or not, human text fitted to `width`).
    pub fn render_all(&self, reports: Vec<FileReport>, width: Option<usize>) -> String {
        let pieces: Vec<Piece> = reports.into_iter().map(|r| self.prepare(r)).collect();
        let mut totals = Totals::default();
        for p in &pieces {
            totals.add(p);
        }
        let mut body = Fitted::new(Vec::new(), width);
        let mut any = false;
        // Writing to a vector never fails.
        for p in &pieces {
            let _ = self.write_piece(&mut body, p, &mut any);
        }
        let _ = self.tail(&mut body, &totals, any);
        let body = body.finish().unwrap_or_default();
        let mut out = Vec::new();
        let _ = self.head(&mut out, &totals);
        out.extend_from_slice(&body);
        String::from_utf8(out).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;
    use crate::render::{github, human, json, junit, sarif};
    use crate::validate::findings_and_fixes;

    fn reports(files: &[(&str, &str)]) -> Vec<FileReport> {
        let settings = Settings::default();
        files
            .iter()
            .map(|(path, text)| {
                let (diagnostics, fixes) = findings_and_fixes(text.as_bytes(), &settings);
                FileReport::with_fixes((*path).to_owned(), text, diagnostics, fixes)
            })
            .collect()
    }

    fn whole(format: Format, reports: &[FileReport]) -> String {
        match format {
            Format::Human(p) => human::validate_report(reports, &p),
            Format::Json => json::validate_report(reports),
            Format::Sarif => sarif::validate_report(reports),
            Format::Github => github::validate_report(reports),
            Format::Junit => junit::validate_report(reports),
        }
    }

    fn formats() -> [Format; 6] {
        [
            Format::Human(Palette::new(false)),
            Format::Human(Palette::new(true)),
            Format::Json,
            Format::Sarif,
            Format::Github,
            Format::Junit,
        ]
    }

    const BROKEN: &str = "name: [unclosed\n";
    const HOSTILE: &str =
        "name: \"a\\u001b[2J\\u202e<&>\"\nversion: 2\n\"we\\nird\": 1\n# %0A ::notice\n";

    /// A file with more findings than are rendered ahead: written straight to the output.
    fn many() -> String {
        let mut s = String::from(
            "version: 1\nbot: {name: x, direction: outbound}\noutcomes:\n  missed-transfer:\n    notify:\n      emails: [a",
        );
        for _ in 0..RENDER_AHEAD_MAX {
            s.push_str(",a");
        }
        s.push_str("]\n");
        s
    }

    #[test]
    fn the_stream_writes_what_the_whole_run_renderer_gives() {
        let many = many();
        let sets: Vec<Vec<(&str, &str)>> = vec![
            vec![],
            vec![("a.yaml", "")],
            vec![("a.yaml", BROKEN)],
            vec![
                ("a.yaml", BROKEN),
                ("b.yaml", ""),
                ("c\n\"x\".yaml", HOSTILE),
            ],
            vec![("-", HOSTILE), ("z.yaml", BROKEN), ("zz.yaml", "[]\n")],
            vec![("a.yaml", ""), ("m.yaml", &many), ("z.yaml", BROKEN)],
        ];
        for set in &sets {
            let reports = reports(set);
            for format in formats() {
                let stream = Stream::new(format);
                assert_eq!(
                    stream.render_all(reports.clone(), None),
                    whole(format, &reports),
                    "{format:?} on {set:?}"
                );
            }
        }
        let reports = reports(&[("m.yaml", &many)]);
        assert!(reports[0].diagnostics.len() > RENDER_AHEAD_MAX);
        assert!(
            Stream::new(Format::Json)
                .prepare(reports[0].clone())
                .report
                .is_some()
        );
    }

    #[test]
    fn fitted_human_output_is_the_whole_report_fitted() {
        let many = many();
        let reports = reports(&[("a.yaml", HOSTILE), ("m.yaml", &many), ("z.yaml", BROKEN)]);
        let stream = Stream::new(Format::Human(Palette::new(false)));
        let whole = human::validate_report(&reports, &Palette::new(false));
        assert_eq!(
            stream.render_all(reports, Some(60)),
            crate::render::fit::fit(&whole, 60)
        );
    }

    /// Byte for byte what the renderers wrote before they were emitters (issue 25), for a set
    /// of files that reaches every branch: no file, a clean file, a fix, a help, a warning, a
    /// hostile name.
    #[test]
    fn json_layout_is_serde_jsons_pretty_layout() {
        let reports = reports(&[
            ("a.yaml", ""),
            ("c\n\"x\".yaml", HOSTILE),
            ("z.yaml", BROKEN),
        ]);
        let text = json::validate_report(&reports);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let pretty = crate::render::text::json_safe(serde_json::to_string_pretty(&value).unwrap());
        assert_eq!(text, pretty + "\n");
        let text = sarif::validate_report(&reports);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let pretty = crate::render::text::json_safe(serde_json::to_string_pretty(&value).unwrap());
        assert_eq!(text, pretty + "\n");
        let empty = json::validate_report(&[]);
        let value: serde_json::Value = serde_json::from_str(&empty).unwrap();
        assert_eq!(empty, serde_json::to_string_pretty(&value).unwrap() + "\n");
    }
}
