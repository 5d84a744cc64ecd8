//! Paths left out of a folder walk (docs/spec 8): `[files] exclude` in `samictl.toml`, globs
//! relative to the folder that holds it, and `--exclude GLOB` on the command line, relative to
//! the working directory. The CLI's walk asks [`Exclude::is_excluded`] of every file and
//! folder it meets; the language server asks it of a document before checking it.
//!
//! Glob semantics are globset's with `literal_separator`: `*` and `?` stay within one path
//! component, `**` crosses any number of them (`ci/**`, `**/docker-compose.yml`), `{a,b}`
//! alternates and `[ab]` is a class. A glob matches the whole path relative to its base
//! folder; a folder that matches is left out with everything below it.

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use std::path::{Component, Path, PathBuf};

/// Globs, each set relative to a base folder.
#[derive(Clone, Debug, Default)]
pub struct Exclude {
    sets: Vec<(PathBuf, GlobSet, Vec<String>)>,
}

/// A glob that does not parse; `glob` is as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GlobError {
    pub(crate) glob: String,
    pub(crate) message: String,
}

impl std::fmt::Display for GlobError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "`{}` is not a valid glob: {}", self.glob, self.message)
    }
}

impl std::error::Error for GlobError {}

/// One glob as the walk reads it.
pub(crate) fn glob(pattern: &str) -> Result<Glob, GlobError> {
    // `./ci/**` reads as `ci/**`.
    let trimmed = pattern.trim_start_matches("./");
    GlobBuilder::new(trimmed.trim_end_matches('/'))
        .literal_separator(true)
        .backslash_escape(true)
        .build()
        .map_err(|e| GlobError {
            glob: pattern.to_owned(),
            message: e.kind().to_string(),
        })
}

impl Exclude {
    /// Nothing excluded.
    pub fn none() -> Exclude {
        Exclude::default()
    }

    /// Adds `patterns`, relative to the folder `base` (made absolute against the working
    /// directory when relative).
    pub fn add(&mut self, base: &Path, patterns: &[String]) -> Result<(), GlobError> {
        if patterns.is_empty() {
            return Ok(());
        }
        let mut builder = GlobSetBuilder::new();
        for p in patterns {
            builder.add(glob(p)?);
        }
        let set = builder.build().map_err(|e| GlobError {
            glob: patterns.join(", "),
            message: e.to_string(),
        })?;
        self.sets.push((absolute(base), set, patterns.to_vec()));
        Ok(())
    }

    /// Whether `path` (absolute, or relative to the working directory), or a folder above it
    /// inside a base folder, matches one of the globs.
    pub fn is_excluded(&self, path: &Path) -> bool {
        self.matching(path).is_some()
    }

    /// The first glob that leaves `path` out, as written.
    pub fn matching(&self, path: &Path) -> Option<&str> {
        if self.sets.is_empty() {
            return None;
        }
        let path = absolute(path);
        for (base, set, patterns) in &self.sets {
            let Ok(rel) = path.strip_prefix(base) else {
                continue;
            };
            // The path itself, then each folder above it up to the base.
            let mut at = Some(rel);
            while let Some(p) = at {
                if p.as_os_str().is_empty() {
                    break;
                }
                if let Some(i) = set.matches(p).first() {
                    return patterns.get(*i).map(String::as_str);
                }
                at = p.parent();
            }
        }
        None
    }
}

/// `path` made absolute against the working directory and with `.` and `..` resolved by
/// name (links are not followed: the walk names files through the folders it went down).
fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(base: &str, globs: &[&str]) -> Exclude {
        let mut e = Exclude::none();
        let globs: Vec<String> = globs.iter().map(|g| (*g).to_owned()).collect();
        e.add(Path::new(base), &globs).unwrap();
        e
    }

    #[test]
    fn globs_match_paths_relative_to_their_folder() {
        let e = ex("/repo", &["ci/**", "**/docker-compose.yml", "bots/*.yml"]);
        assert!(e.is_excluded(Path::new("/repo/ci/workflow.yaml")));
        assert!(e.is_excluded(Path::new("/repo/ci/deep/x.yaml")));
        assert!(e.is_excluded(Path::new("/repo/docker-compose.yml")));
        assert!(e.is_excluded(Path::new("/repo/a/b/docker-compose.yml")));
        assert!(e.is_excluded(Path::new("/repo/bots/a.yml")));
        // `*` stays within one folder.
        assert!(!e.is_excluded(Path::new("/repo/bots/sub/a.yml")));
        assert!(!e.is_excluded(Path::new("/repo/bots/a.yaml")));
        // Outside the folder of the globs: never excluded.
        assert!(!e.is_excluded(Path::new("/other/ci/x.yaml")));
        assert_eq!(
            e.matching(Path::new("/repo/./x/../ci/a.yaml")),
            Some("ci/**")
        );
    }

    #[test]
    fn a_folder_that_matches_takes_everything_below_it() {
        let e = ex("/repo", &["vendor", "./ops/"]);
        assert!(e.is_excluded(Path::new("/repo/vendor")));
        assert!(e.is_excluded(Path::new("/repo/vendor/a/b.yaml")));
        assert!(e.is_excluded(Path::new("/repo/ops/x.yml")));
        assert!(!e.is_excluded(Path::new("/repo/vendors.yaml")));
        assert!(!Exclude::none().is_excluded(Path::new("/repo/vendor")));
    }

    #[test]
    fn a_bad_glob_is_an_error_naming_it() {
        let mut e = Exclude::none();
        let err = e.add(Path::new("/repo"), &["a/[b".to_owned()]).unwrap_err();
        assert_eq!(err.glob, "a/[b");
        assert!(err.to_string().contains("`a/[b` is not a valid glob"));
    }
}
