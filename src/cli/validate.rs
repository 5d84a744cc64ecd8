//! `samictl validate`: check bot files and report every finding.

use super::context::{Context, EXIT_FINDINGS, EXIT_OK, Failure, exit};
use super::{inputs, parallel};
use clap::ValueEnum;
use samictl::config::Settings;
use samictl::render::emit::Fitted;
use samictl::render::stream::{self, Piece, Stream, Totals};
use samictl::render::{FileReport, human::Palette};
use samictl::validate::findings_and_fixes;
use std::io::{Seek, Write};
use std::process::ExitCode;

/// PATHs, the options, then `--config` / `--no-config`.
pub type Args = super::Reading<Options>;

const EXAMPLES: &str = "\
Examples:
  samictl validate                          every bot file under the current directory
  samictl validate bots/seller.yaml         one file
  samictl validate bots/ --deny-warnings    fail on warnings too (CI)
  samictl validate --format json bots/      machine-readable report
  samictl validate --format github bots/    annotations in a GitHub Actions job
  samictl validate --format sarif bots/ > samictl.sarif
  samictl validate --format junit bots/ > samictl-junit.xml
  cat bot.yaml | samictl validate -         standard input
  samictl validate --follow bots/           also follow links that stay inside bots/";

/// The help of the PATHs (`Reading`'s, worded for this command).
const PATHS: &str = "Bot files, directories (every *.yaml / *.yml below, hidden ones skipped), \
                     or `-` for standard input. Default: the current directory";

#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES, mut_arg("paths", |a| a.help(PATHS)))]
pub struct Options {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Treat warnings as errors (exit 1 when any warning is reported).
    #[arg(long)]
    pub deny_warnings: bool,

    /// Follow symbolic links met in a directory walk, but never to anything outside the
    /// walked folder (by default they are skipped). A file named on the command line is always
    /// read, link or not.
    #[arg(long)]
    pub follow: bool,

    #[command(flatten)]
    pub exclude: inputs::ExcludeArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// rustc-style diagnostics with source excerpts
    Human,
    /// one JSON object (format_version 1)
    Json,
    /// SARIF 2.1.0, for code scanning
    Sarif,
    /// GitHub Actions annotations
    Github,
    /// JUnit XML, for GitLab and Jenkins
    Junit,
}

pub fn run(ctx: &Context, args: &Args) -> Result<ExitCode, Failure> {
    inputs::use_exclude(ctx, &args.opts.exclude)?;
    // Sorted (docs/spec 9) by the walk, which finds each file as it is asked for: reports
    // come out in this order as each is ready. Every problem with the PATHs is found first.
    let inputs = inputs::bot_files_streamed(&args.paths, args.opts.follow)?;
    let settings = ctx.config.settings(args.opts.deny_warnings);
    let stream = Stream::new(match args.opts.format {
        Format::Human => stream::Format::Human(Palette::new(ctx.color)),
        Format::Json => stream::Format::Json,
        Format::Sarif => stream::Format::Sarif,
        Format::Github => stream::Format::Github,
        Format::Junit => stream::Format::Junit,
    });
    // Every file is found, read, checked and rendered (when small: a file with many findings
    // is rendered straight to the output, finding by finding) on a worker; the pieces are
    // written in order as soon as every earlier one is, and only the counts are kept, so
    // memory holds a window of files (and the folders being walked) whatever their number. A
    // format whose head holds the counts (JUnit) keeps its pieces aside (in a temporary file
    // past a few MiB) and writes the head at the end.
    let head_last = stream.format().head_needs_totals();
    // Human output is fitted to the terminal's width; machine formats are left alone.
    let width = match args.opts.format {
        Format::Human => ctx.fit_width.map(usize::from),
        _ => None,
    };
    let mut out = Output::new(head_last, width);
    if !head_last {
        out.write_with(|w| stream.head(w, &Totals::default()))?;
    }
    let mut totals = Totals::default();
    let mut any = false;
    let walked = parallel::for_each_in_order(
        inputs,
        WINDOW,
        |input| check(&input?, &settings, &stream),
        |piece| -> Result<(), Failure> {
            let piece = piece?;
            totals.add(&piece);
            out.write_with(|w| stream.write_piece(w, &piece, &mut any))
        },
    );
    let head = |w: &mut dyn Write, totals: &Totals| {
        if head_last {
            stream.head(w, totals)
        } else {
            Ok(())
        }
    };
    if let Err(failure) = walked {
        // A file or folder that can't be read mid-run (it changed since the walk found it):
        // exit 2, with the report of the files before it closed, so a machine format stays
        // well-formed. Writing may itself be what failed: then this writes nothing.
        let _ = out.write_with(|w| stream.tail(w, &totals, any));
        let _ = out.finish(|w| head(w, &totals));
        return Err(failure);
    }
    out.write_with(|w| stream.tail(w, &totals, any))?;
    if let Format::Human = args.opts.format {
        // Under the summary: the TCPA guard relaxed by samictl.toml (issue 24).
        let relaxed = samictl::tcpa::relaxed(&settings);
        let whom = if totals.files == 1 {
            "this file"
        } else {
            "these files"
        };
        let note = samictl::render::tcpa::note(
            &relaxed,
            whom,
            &Palette::new(ctx.color),
            ctx.layout().width,
        );
        out.write_with(|w| w.write_all(note.as_bytes()))?;
    }
    out.finish(|w| head(w, &totals))?;
    let failed = totals.tally.errors > 0;
    Ok(exit(if failed { EXIT_FINDINGS } else { EXIT_OK }))
}

/// How many files may be checked ahead of the one being written.
const WINDOW: usize = 256;

/// One file's piece of the report.
fn check(input: &inputs::Input, settings: &Settings, stream: &Stream) -> Result<Piece, Failure> {
    let bytes = match inputs::read_bot(input)? {
        inputs::BotBytes::Whole(bytes) => bytes,
        inputs::BotBytes::TooLarge(size) => {
            // Nothing was read: no source line to show.
            let diagnostics = samictl::validate::oversized(size).diagnostics;
            let mut report = FileReport::new(input.display.clone(), "", diagnostics);
            report.lines.clear();
            return Ok(stream.prepare(report));
        }
    };
    let (diagnostics, fixes) = findings_and_fixes(&bytes, settings);
    // Source lines are kept only for findings to point at. A file with findings is nearly
    // always UTF-8 (it was read); checking that is cheaper than a lossy decode.
    let source = if diagnostics.is_empty() {
        std::borrow::Cow::Borrowed("")
    } else {
        std::str::from_utf8(&bytes).map_or_else(
            |_| String::from_utf8_lossy(&bytes),
            std::borrow::Cow::Borrowed,
        )
    };
    let report = FileReport::with_fixes(input.display.clone(), &source, diagnostics, fixes);
    Ok(stream.prepare(report))
}

/// Standard output (human text fitted to the terminal's width), or (for a format whose head is
/// written last) a spool that keeps up to [`SPOOL_IN_MEMORY`] bytes in memory and the rest in
/// a temporary file. A closed pipe is not an error: the run goes on (its exit code still counts
/// every file) and writes nothing more.
struct Output {
    stdout: Option<Fitted<std::io::BufWriter<std::io::StdoutLock<'static>>>>,
    spool: Option<Spool>,
}

/// Pieces kept in memory before a spool moves to a temporary file.
const SPOOL_IN_MEMORY: usize = 8 << 20;

struct Spool {
    memory: Vec<u8>,
    /// Bytes kept in memory before they move to the file.
    limit: usize,
    /// An anonymous temporary file (`tempfile::tempfile`: no name left behind, whatever ends
    /// the run).
    file: Option<std::fs::File>,
    /// No temporary file could be made: the report stays in memory, and making one is not
    /// tried again on every piece.
    in_memory: bool,
}

impl Output {
    fn new(spooled: bool, width: Option<usize>) -> Output {
        let stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        Output {
            stdout: Some(Fitted::new(stdout, width)),
            spool: spooled.then(|| Spool::new(SPOOL_IN_MEMORY)),
        }
    }

    /// Runs `write` on the spool, or on standard output while it is open.
    fn write_with(
        &mut self,
        write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<(), Failure> {
        if let Some(spool) = &mut self.spool {
            return write(spool)
                .map_err(|e| Failure::new(format!("cannot write a temporary file: {e}")));
        }
        self.write_stdout(write)
    }

    fn write_stdout(
        &mut self,
        write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<(), Failure> {
        let Some(stdout) = &mut self.stdout else {
            return Ok(());
        };
        match write(stdout) {
            Ok(()) => Ok(()),
            Err(e) => self.failed(&e),
        }
    }

    fn failed(&mut self, e: &std::io::Error) -> Result<(), Failure> {
        // Nothing more is written, buffered bytes included.
        if let Some(stdout) = self.stdout.take() {
            let _ = stdout.into_inner().into_parts();
        }
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Ok(())
        } else {
            Err(Failure::new(format!("cannot write output: {e}")))
        }
    }

    /// Writes the head (when spooled: `head` then the spooled pieces), and flushes.
    fn finish(
        mut self,
        head: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<(), Failure> {
        if let Some(spool) = self.spool.take() {
            self.write_stdout(head)?;
            self.write_stdout(|out| spool.copy_to(out))?;
        }
        if let Some(stdout) = &mut self.stdout
            && let Err(e) = stdout.flush()
        {
            return self.failed(&e);
        }
        Ok(())
    }
}

impl Spool {
    fn new(limit: usize) -> Spool {
        Spool {
            memory: Vec::new(),
            limit,
            file: None,
            in_memory: false,
        }
    }

    /// Everything written, in order: the file's part, then what is still in memory.
    fn copy_to(mut self, out: &mut dyn Write) -> std::io::Result<()> {
        if let Some(file) = &mut self.file {
            file.seek(std::io::SeekFrom::Start(0))?;
            std::io::copy(file, out)?;
        }
        out.write_all(&self.memory)
    }
}

impl Write for Spool {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.memory.extend_from_slice(bytes);
        if self.memory.len() < self.limit || self.in_memory {
            return Ok(bytes.len());
        }
        if self.file.is_none() {
            match tempfile::tempfile() {
                Ok(file) => self.file = Some(file),
                // No temporary folder to write to: keep the report in memory.
                Err(_) => {
                    self.in_memory = true;
                    return Ok(bytes.len());
                }
            }
        }
        if let Some(file) = &mut self.file {
            file.write_all(&self.memory)?;
            self.memory.clear();
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::Spool;
    use std::io::Write;

    #[test]
    fn a_spool_gives_back_what_was_written() {
        let mut spool = Spool::new(10);
        let mut expected = Vec::new();
        for i in 0..100 {
            let piece = format!("piece {i}\n");
            spool.write_all(piece.as_bytes()).unwrap();
            expected.extend_from_slice(piece.as_bytes());
        }
        assert!(spool.file.is_some(), "the report moved to a file");
        let mut out = Vec::new();
        spool.copy_to(&mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            String::from_utf8(expected).unwrap()
        );
    }

    #[test]
    fn a_small_spool_stays_in_memory() {
        let mut spool = Spool::new(1 << 20);
        spool.write_all(b"abc").unwrap();
        assert!(spool.file.is_none());
        let mut out = Vec::new();
        spool.copy_to(&mut out).unwrap();
        assert_eq!(out, b"abc");
    }
}
