//! The samictl binary: parses the command line, runs it, maps the result to an exit code.
// Standard error goes through `say!` (never panics on a closed or full stderr; docs/spec 12).
#![deny(clippy::print_stderr)]

use clap::Parser;
use samictl::render::text::escape;
use std::io::Write;
use std::process::ExitCode;

mod cli;

/// Escapes each line of a message for the terminal: every error message is a place where a
/// file name, a `samictl.toml` key or a git argument could carry a control sequence.
fn escaped_lines(text: &str) -> String {
    text.split('\n').map(escape).collect::<Vec<_>>().join("\n")
}

fn main() -> ExitCode {
    let args = match cli::Cli::try_parse() {
        Ok(args) => args,
        Err(e) if !e.use_stderr() => {
            // --help and --version.
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            // Usage errors quote the arguments given: printed escaped, and never a panic.
            let text = escaped_lines(e.render().to_string().trim_end());
            let _ = writeln!(std::io::stderr().lock(), "{text}");
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    match cli::run(args) {
        Ok(code) => code,
        Err(failure) => {
            if !failure.message.is_empty() {
                // Never a panic on a closed or full standard error.
                let text = escaped_lines(&failure.to_string());
                cli::to_stderr(&format!("error: {text}\n"));
            }
            ExitCode::from(failure.code)
        }
    }
}
