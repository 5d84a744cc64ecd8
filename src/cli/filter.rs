//! What folder walks leave out: `[files] exclude` in samictl.toml and `--exclude GLOB` (spec
//! section 8), set once by the command before it walks. Every walk ([`super::walk`], and
//! `diff --git`'s list of changed files) asks [`excluded`]; commands added later inherit it.

use super::context::Context;
use super::failure::Failure;
use super::read::shown;
use samictl::render::text::escape;
use std::path::Path;

/// `--exclude GLOB` and `--force-exclude`, on every command that walks folders.
#[derive(Clone, Debug, Default, clap::Args)]
pub struct ExcludeArgs {
    /// Leave paths matching GLOB out of folder walks (repeatable), as `[files] exclude` in
    /// samictl.toml does; relative to the working directory; `**` crosses folders.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// Leave excluded files out even when named on the command line (for pre-commit hooks,
    /// which name every changed file); without it they are checked, with a note.
    #[arg(long)]
    pub force_exclude: bool,
}

struct Filter {
    exclude: samictl::exclude::Exclude,
    force: bool,
}

static FILTER: std::sync::OnceLock<Filter> = std::sync::OnceLock::new();

/// Sets the exclusion of `[files] exclude` (relative to the folder of samictl.toml) and of
/// `--exclude` (relative to the working directory). A bad `--exclude` glob is exit 2.
pub fn use_exclude(ctx: &Context, args: &ExcludeArgs) -> Result<(), Failure> {
    let mut exclude = match ctx.config_dir() {
        Some(dir) => ctx.config.exclude(&dir),
        None => samictl::exclude::Exclude::none(),
    };
    exclude
        .add(Path::new("."), &args.exclude)
        .map_err(|e| Failure::new(format!("--exclude: {}", escape(&e.to_string()))))?;
    let _ = FILTER.set(Filter {
        exclude,
        force: args.force_exclude,
    });
    Ok(())
}

/// Whether a folder walk leaves `path` out.
pub fn excluded(path: &Path) -> bool {
    FILTER.get().is_some_and(|f| f.exclude.is_excluded(path))
}

/// A file named on the command line that is excluded: `true` to leave it out
/// (`--force-exclude`); otherwise it is checked, with a note.
pub fn named_excluded(path: &Path) -> bool {
    let Some(filter) = FILTER.get() else {
        return false;
    };
    let Some(glob) = filter.exclude.matching(path) else {
        return false;
    };
    if filter.force {
        return true;
    }
    say!(
        "note: {} is excluded (`{}`); checked because it is named on the command line",
        shown(path),
        escape(glob)
    );
    false
}
