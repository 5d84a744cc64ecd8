//! `samictl validate`: check bot files and report every finding.

use super::context::{Context, EXIT_FINDINGS, EXIT_OK, Failure, exit};
use super::{inputs, parallel};
use clap::ValueEnum;
use samictl::config::Settings;
use samictl::render::stream::{self, Piece, Stream, Totals};
use samictl::render::{FileReport, human::Palette};
use samictl::validate::findings_and_fixes;
use std::io::{Seek, Write};
use std::path::PathBuf;
use std::process::ExitCode;

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

#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Bot files, directories (every *.yaml / *.yml below, hidden ones skipped), or `-` for
    /// standard input. Default: the current directory.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

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

    #[command(flatten)]
    pub config: super::ConfigArgs,
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
    inputs::use_exclude(ctx, &args.exclude)?;
    // Sorted (spec section 9) by the walk, which finds each file as it is asked for: reports
    // come out in this order as each is ready. Every problem with the PATHs is found first.
    let inputs = inputs::bot_files_streamed(&args.paths, args.follow)?;
    let settings = ctx.config.settings(args.deny_warnings);
    let stream = Stream::new(match args.format {
        Format::Human => stream::Format::Human(Palette::new(ctx.color)),
        Format::Json => stream::Format::Json,
        Format::Sarif => stream::Format::Sarif,
        Format::Github => stream::Format::Github,
        Format::Junit => stream::Format::Junit,
    });
    // Every file is found, read, checked, rendered and dropped on a worker; the pieces are
    // written in order as soon as every earlier one is, and only the counts are kept, so memory
    // holds a window of files (and the folders being walked) whatever their number. A format
    // whose head holds the counts (JUnit) keeps its pieces aside (in a temporary file past a few
    // MiB) and writes the head at the end.
    let head_last = stream.format().head_needs_totals();
    let mut out = Output::new(head_last);
    if !head_last {
        out.write(&stream.head(&Totals::default()))?;
    }
    let mut totals = Totals::default();
    let mut any = false;
    // Human output is fitted to the terminal's width; machine formats are left alone.
    let human = args.format == Format::Human;
    // Borrowed where nothing is fitted: a file's part can be hundreds of megabytes (issue 32).
    let fit = |text: &str| fitted(ctx, human, text).into_owned();
    let walked = parallel::for_each_in_order(
        inputs,
        WINDOW,
        |input| check(&input?, &settings, &stream),
        |piece| -> Result<(), Failure> {
            let piece = piece?;
            totals.add(&piece);
            if !piece.text.is_empty() {
                out.write(if any {
                    stream.separator()
                } else {
                    stream.lead()
                })?;
                out.write(&fitted(ctx, human, &piece.text))?;
                any = true;
            }
            Ok(())
        },
    );
    if let Err(failure) = walked {
        // A file or folder that can't be read mid-run (it changed since the walk found it):
        // exit 2, with the report of the files before it closed, so a machine format stays
        // well-formed. Writing may itself be what failed: then this writes nothing.
        let _ = out.write(&stream.tail(&totals, any));
        let _ = out.finish(if head_last {
            stream.head(&totals)
        } else {
            String::new()
        });
        return Err(failure);
    }
    out.write(&fit(&stream.tail(&totals, any)))?;
    if let Format::Human = args.format {
        // Under the summary: the TCPA guard relaxed by samictl.toml (issue 24).
        let relaxed = samictl::tcpa::relaxed(&settings);
        let whom = if totals.files == 1 {
            "this file"
        } else {
            "these files"
        };
        out.write(&fit(&samictl::render::tcpa::note(
            &relaxed,
            whom,
            &Palette::new(ctx.color),
            ctx.layout().width,
        )))?;
    }
    out.finish(if head_last {
        stream.head(&totals)
    } else {
        String::new()
    })?;
    let failed = totals.tally.errors > 0;
    Ok(exit(if failed { EXIT_FINDINGS } else { EXIT_OK }))
}

/// Human output fitted to the width; anything else (or no width to fit) as it is, not copied.
fn fitted<'a>(ctx: &Context, human: bool, text: &'a str) -> std::borrow::Cow<'a, str> {
    if human && ctx.fit_width.is_some() {
        std::borrow::Cow::Owned(ctx.fit(text))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
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
            return Ok(stream.piece(&report));
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
    Ok(stream.piece(&report))
}

/// Standard output, or (for a format whose head is written last) a spool that keeps up to
/// [`SPOOL_IN_MEMORY`] bytes in memory and the rest in a temporary file. A closed pipe is not
/// an error: the run goes on (its exit code still counts every file) and writes nothing more.
struct Output {
    stdout: Option<std::io::BufWriter<std::io::StdoutLock<'static>>>,
    spool: Option<Spool>,
}

/// Pieces kept in memory before a spool moves to a temporary file.
const SPOOL_IN_MEMORY: usize = 8 << 20;

struct Spool {
    memory: Vec<u8>,
    /// Bytes kept in memory before they move to the file.
    limit: usize,
    file: Option<(std::fs::File, PathBuf)>,
    /// No temporary file could be made: the report stays in memory, and making one is not
    /// tried again on every piece.
    in_memory: bool,
}

impl Output {
    fn new(spooled: bool) -> Output {
        Output {
            stdout: Some(std::io::BufWriter::with_capacity(
                1 << 16,
                std::io::stdout().lock(),
            )),
            spool: spooled.then(|| Spool::new(SPOOL_IN_MEMORY)),
        }
    }

    fn write(&mut self, text: &str) -> Result<(), Failure> {
        match &mut self.spool {
            Some(spool) => spool.write(text.as_bytes()),
            None => self.write_stdout(text.as_bytes()),
        }
    }

    fn write_stdout(&mut self, bytes: &[u8]) -> Result<(), Failure> {
        let Some(stdout) = &mut self.stdout else {
            return Ok(());
        };
        match stdout.write_all(bytes) {
            Ok(()) => Ok(()),
            Err(e) => self.failed(&e),
        }
    }

    fn failed(&mut self, e: &std::io::Error) -> Result<(), Failure> {
        // Nothing more is written, buffered bytes included.
        if let Some(stdout) = self.stdout.take() {
            let _ = stdout.into_parts();
        }
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Ok(())
        } else {
            Err(Failure::new(format!("cannot write output: {e}")))
        }
    }

    /// Writes `head` and the spooled pieces (when spooled), and flushes.
    fn finish(mut self, head: String) -> Result<(), Failure> {
        if let Some(spool) = self.spool.take() {
            self.write_stdout(head.as_bytes())?;
            if let Some(stdout) = &mut self.stdout
                && let Err(e) = spool.copy_to(stdout)
            {
                self.failed(&e)?;
            }
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

    /// Everything written, in order: the file's part, then what is still in memory. The
    /// temporary file is removed when the spool is dropped.
    fn copy_to(mut self, out: &mut impl Write) -> std::io::Result<()> {
        if let Some((file, _)) = &mut self.file {
            file.seek(std::io::SeekFrom::Start(0))?;
            std::io::copy(file, out)?;
        }
        out.write_all(&self.memory)
    }

    fn write(&mut self, bytes: &[u8]) -> Result<(), Failure> {
        self.memory.extend_from_slice(bytes);
        if self.memory.len() < self.limit || self.in_memory {
            return Ok(());
        }
        if self.file.is_none() {
            match temp_file() {
                Ok(file) => self.file = Some(file),
                // No temporary folder to write to: keep the report in memory.
                Err(_) => {
                    self.in_memory = true;
                    return Ok(());
                }
            }
        }
        if let Some((file, _)) = &mut self.file {
            file.write_all(&self.memory)
                .map_err(|e| Failure::new(format!("cannot write a temporary file: {e}")))?;
            self.memory.clear();
        }
        Ok(())
    }
}

impl Drop for Spool {
    fn drop(&mut self) {
        if let Some((_, path)) = &self.file {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// A new file in the temporary folder, created with create-new semantics (never an existing
/// file or link), readable and writable by its owner only.
fn temp_file() -> std::io::Result<(std::fs::File, PathBuf)> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let mut last = None;
    for attempt in 0..16_u32 {
        let path = std::env::temp_dir().join(format!(
            "samictl-report-{}-{nanos:x}-{attempt}.tmp",
            std::process::id()
        ));
        match options.open(&path) {
            Ok(file) => {
                // Unlinked at once where the system allows it (the open handle keeps the
                // data), so no file is left behind whatever ends the run, a signal included.
                #[cfg(unix)]
                let _ = std::fs::remove_file(&path);
                return Ok((file, path));
            }
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no temporary file")))
}

#[cfg(test)]
mod tests {
    use super::Spool;

    #[test]
    fn a_spool_gives_back_what_was_written_and_removes_its_file() {
        let mut spool = Spool::new(10);
        let mut expected = Vec::new();
        for i in 0..100 {
            let piece = format!("piece {i}\n");
            spool.write(piece.as_bytes()).map_err(|_| "write").unwrap();
            expected.extend_from_slice(piece.as_bytes());
        }
        let path = spool.file.as_ref().map(|(_, p)| p.clone());
        assert!(path.is_some(), "the report moved to a file");
        // Unlinked at once on Unix: nothing is left behind, even if a signal ends the run.
        #[cfg(unix)]
        assert!(path.as_ref().is_some_and(|p| !p.exists()), "{path:?}");
        let mut out = Vec::new();
        spool.copy_to(&mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            String::from_utf8(expected).unwrap()
        );
        assert!(path.is_some_and(|p| !p.exists()));
    }

    #[test]
    fn a_small_spool_stays_in_memory() {
        let mut spool = Spool::new(1 << 20);
        spool.write(b"abc").map_err(|_| "write").unwrap();
        assert!(spool.file.is_none());
        let mut out = Vec::new();
        spool.copy_to(&mut out).unwrap();
        assert_eq!(out, b"abc");
    }
}
