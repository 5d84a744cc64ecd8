//! `validate`'s reports, one file at a time: the same bytes as the whole-run renderers
//! ([`super::human::validate_report`], [`super::json::validate_report`], ...), written as a
//! head, one piece per file in sorted order, and a tail, so a run over any number of files keeps
//! only one window of files and the summary counts in memory.
//!
//! Each file's piece is cut out of the whole-run renderer's output for that one file (SARIF's
//! from [`sarif::file_results`], without the rules table), so the per-file layout is the
//! renderer's own; the head and the tail (which hold the totals) are
//! written here, and `tests` compare every format against the whole-run renderer.
//! Formats whose head holds totals (JUnit's `tests` and `failures`) report
//! [`Format::head_needs_totals`]; the caller keeps their pieces aside and writes the head last.

use super::human::{self, Palette};
use super::{FileReport, Fixable, github, json, junit, sarif};
use crate::diagnostic::Tally;

/// An output format of `validate`.
#[derive(Clone, Copy, Debug)]
pub enum Format {
    Human(Palette),
    Json,
    Sarif,
    Github,
    Junit,
}

/// What a run has counted so far: all the tail (and JUnit's head) need.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub files: usize,
    pub tally: Tally,
    pub fixable: Fixable,
}

impl Totals {
    pub fn add(&mut self, piece: &Piece) {
        self.files += 1;
        self.tally.add(piece.tally);
        self.fixable.safe += piece.fixable.safe;
        self.fixable.unsafe_only += piece.fixable.unsafe_only;
    }
}

/// One file's part of the report, and its counts.
#[derive(Clone, Debug, Default)]
pub struct Piece {
    /// Empty when the format shows nothing for this file (a clean file in human, GitHub or
    /// SARIF output).
    pub text: String,
    pub tally: Tally,
    pub fixable: Fixable,
}

/// The constant parts of a run's output, computed once.
#[derive(Clone, Debug)]
pub struct Stream {
    format: Format,
    /// SARIF: everything before the first result (rules and all), and after the last.
    sarif_head: String,
    sarif_tail: String,
}

const JSON_HEAD: &str = "{\n  \"format_version\": 1,\n  \"files\": [";
const SARIF_RESULTS: &str = "\"results\": [";
const JUNIT_TAIL: &str = "  </testsuite>\n</testsuites>\n";

impl Format {
    /// Whether [`Stream::head`] needs the totals (the caller then writes it after every piece).
    pub fn head_needs_totals(self) -> bool {
        matches!(self, Format::Junit)
    }
}

impl Stream {
    pub fn new(format: Format) -> Stream {
        let (sarif_head, sarif_tail) = if matches!(format, Format::Sarif) {
            // The run without a result: `"results": []` splits it into head and tail.
            let empty = sarif::validate_report(&[]);
            let empty_results = format!("{SARIF_RESULTS}]");
            match empty.split_once(&empty_results) {
                Some((head, tail)) => (format!("{head}{SARIF_RESULTS}"), format!("]{tail}")),
                None => (empty, String::new()),
            }
        } else {
            (String::new(), String::new())
        };
        Stream {
            format,
            sarif_head,
            sarif_tail,
        }
    }

    pub fn format(&self) -> Format {
        self.format
    }

    /// What comes before the first file. `totals` is read only by formats that
    /// [`Format::head_needs_totals`].
    pub fn head(&self, totals: &Totals) -> String {
        match self.format {
            Format::Human(_) | Format::Github => String::new(),
            Format::Json => JSON_HEAD.to_owned(),
            Format::Sarif => self.sarif_head.clone(),
            Format::Junit => {
                let (n, failures) = (totals.files, totals.tally.errors);
                format!(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
                     <testsuites name=\"samictl\" tests=\"{n}\" failures=\"{failures}\" errors=\"0\">\n  \
                     <testsuite name=\"samictl validate\" tests=\"{n}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">\n"
                )
            }
        }
    }

    /// One file's piece. Pieces are written in sorted order with [`Stream::separator`] between
    /// them when it is not empty.
    pub fn piece(&self, report: &FileReport) -> Piece {
        let tally = report.tally();
        let fixable = report.fixable();
        let shows_nothing = report.diagnostics.is_empty()
            && matches!(
                self.format,
                Format::Human(_) | Format::Github | Format::Sarif
            );
        let text = if shows_nothing {
            String::new()
        } else {
            self.cut(report, tally, fixable)
        };
        Piece {
            text,
            tally,
            fixable,
        }
    }

    fn cut(&self, report: &FileReport, tally: Tally, fixable: Fixable) -> String {
        let one = std::slice::from_ref(report);
        match self.format {
            Format::Human(p) => {
                let whole = human::validate_report(one, &p);
                let mut summary = human::summary(1, tally, &p);
                summary.push_str(&human::fixable_summary(fixable, &p));
                strip_suffix(whole, &summary)
            }
            Format::Github => {
                // The last line is the summary notice; every other line is one finding (the
                // runner's escaping turns every newline inside a finding into `%0A`).
                let whole = github::validate_report(one);
                let body = whole.strip_suffix('\n').unwrap_or(&whole);
                body.rfind('\n')
                    .map_or_else(String::new, |at| body[..=at].to_owned())
            }
            Format::Json => {
                // `{ "format_version": 1, "files": [ FILE ], "errors": .., "warnings": .. }`:
                // keep FILE (JSON strings hold no raw newline, so the layout lines are found).
                let mut whole = json::validate_report(one);
                let start = JSON_HEAD.len() + 1;
                match whole.rfind("\n  ],\n  \"errors\": ") {
                    Some(end) if end >= start => {
                        // Cut in place: a file's part can be hundreds of megabytes.
                        whole.truncate(end);
                        whole.drain(..start);
                        whole
                    }
                    _ => whole,
                }
            }
            // The rules table is written once, in the head: each file gives only its results.
            Format::Sarif => sarif::file_results(report),
            Format::Junit => {
                // After the three head lines (no file text in them), before the closing tags.
                let whole = junit::validate_report(one);
                let start = whole
                    .match_indices('\n')
                    .nth(2)
                    .map_or(whole.len(), |(at, _)| at + 1);
                let body = whole[start..].to_owned();
                strip_suffix(body, JUNIT_TAIL)
            }
        }
    }

    /// What goes between two non-empty pieces.
    pub fn separator(&self) -> &'static str {
        match self.format {
            Format::Json | Format::Sarif => ",\n",
            Format::Human(_) | Format::Github | Format::Junit => "",
        }
    }

    /// What goes before the first non-empty piece.
    pub fn lead(&self) -> &'static str {
        match self.format {
            Format::Json | Format::Sarif => "\n",
            Format::Human(_) | Format::Github | Format::Junit => "",
        }
    }

    /// What comes after the last file; `any` tells whether a non-empty piece was written.
    pub fn tail(&self, totals: &Totals, any: bool) -> String {
        let t = totals.tally;
        match self.format {
            Format::Human(p) => {
                let mut out = human::summary(totals.files, t, &p);
                out.push_str(&human::fixable_summary(totals.fixable, &p));
                out
            }
            Format::Github => format!(
                "::notice title=samictl::checked {} file(s): {} error(s), {} warning(s)\n",
                totals.files, t.errors, t.warnings
            ),
            Format::Json => format!(
                "{}],\n  \"errors\": {},\n  \"warnings\": {}\n}}\n",
                if any { "\n  " } else { "" },
                t.errors,
                t.warnings
            ),
            Format::Sarif => {
                let close = if any { "\n      " } else { "" };
                format!("{close}{}", self.sarif_tail)
            }
            Format::Junit => JUNIT_TAIL.to_owned(),
        }
    }

    /// The whole report of `reports` through the stream (for tests and small runs).
    pub fn render_all(&self, reports: &[FileReport]) -> String {
        let pieces: Vec<Piece> = reports.iter().map(|r| self.piece(r)).collect();
        let mut totals = Totals::default();
        for p in &pieces {
            totals.add(p);
        }
        let mut out = self.head(&totals);
        let mut any = false;
        for p in pieces.iter().filter(|p| !p.text.is_empty()) {
            out.push_str(if any { self.separator() } else { self.lead() });
            out.push_str(&p.text);
            any = true;
        }
        out.push_str(&self.tail(&totals, any));
        out
    }
}

fn strip_suffix(mut whole: String, suffix: &str) -> String {
    if whole.ends_with(suffix) {
        whole.truncate(whole.len() - suffix.len());
    }
    whole
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;
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

    #[test]
    fn every_format_matches_the_whole_run_renderer() {
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
        ];
        for set in &sets {
            let reports = reports(set);
            for format in formats() {
                let stream = Stream::new(format);
                assert_eq!(
                    stream.render_all(&reports),
                    whole(format, &reports),
                    "{format:?} on {set:?}"
                );
            }
        }
    }

    #[test]
    fn fixture_tree_matches_the_whole_run_renderer() {
        // Every fixture samictl ships (valid, invalid, hostile), in sorted order, as one run.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut files = Vec::new();
        let mut dirs = vec![root.clone()];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                    files.push(path);
                }
            }
        }
        files.sort();
        assert!(files.len() > 20, "fixtures found: {}", files.len());
        let texts: Vec<(String, String)> = files
            .iter()
            .filter_map(|p| {
                let text = std::fs::read(p).ok()?;
                let name = p.strip_prefix(&root).ok()?.display().to_string();
                Some((name, String::from_utf8_lossy(&text).into_owned()))
            })
            .collect();
        let set: Vec<(&str, &str)> = texts
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        let reports = reports(&set);
        assert!(reports.iter().any(|r| !r.diagnostics.is_empty()));
        assert!(reports.iter().any(|r| r.diagnostics.is_empty()));
        for format in formats() {
            let stream = Stream::new(format);
            assert_eq!(
                stream.render_all(&reports),
                whole(format, &reports),
                "{format:?}"
            );
        }
    }
}
