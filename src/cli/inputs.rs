//! Every input samictl reads, found and read one way (docs/spec 12): the names every
//! command uses, from the three modules that do the work.
//!
//! - [`super::walk`] finds the files under PATH arguments (the one folder walk, through folder
//!   descriptors, with the one link policy of [`super::dir`]).
//! - [`super::read`] is the one reader (regular files only, capped at 1 MiB), reading a walked
//!   file through the folder the walk found it in.
//! - [`super::filter`] is what folder walks leave out (`[files] exclude`, `--exclude`).

pub use super::filter::{ExcludeArgs, excluded, use_exclude};
pub use super::read::{
    BotBytes, CAP, Capped, Input, NotRegular, describe, read, read_bot, read_capped, shown,
};
pub use super::walk::{Kind, Walk, bot_files, bot_files_streamed, collect_walk, strip_dot};

/// "1 file has errors", "3 files have errors".
pub fn files_have_errors(n: usize) -> String {
    if n == 1 {
        "1 file has errors".to_owned()
    } else {
        format!("{n} files have errors")
    }
}

/// How a command over many files ends: exit 0, or, when `broken` of them have errors, the line
/// "error: N files have errors" and `then` (what to do about it) on standard error, and exit 1.
pub fn end_of_files(broken: usize, then: &str) -> std::process::ExitCode {
    use super::context::{EXIT_FINDINGS, EXIT_OK, exit};
    if broken == 0 {
        return exit(EXIT_OK);
    }
    say!("error: {}{then}", files_have_errors(broken));
    exit(EXIT_FINDINGS)
}
