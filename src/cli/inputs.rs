//! Finding bot files: the paths given on the command line, expanded.

use super::context::Failure;
use std::io::Read;
use std::path::{Path, PathBuf};

/// A bot file to check.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Input {
    /// The path as given, or as found under a given directory; `-` for standard input.
    pub display: String,
    pub path: Option<PathBuf>,
}

/// Which files a directory walk picks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `*.yaml` / `*.yml`, except expectation files.
    Bots,
    /// `*.test.yaml` / `*.test.yml`.
    Expectations,
}

impl Kind {
    fn matches(self, path: &Path) -> bool {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        let expectation = name.ends_with(".test.yaml") || name.ends_with(".test.yml");
        match self {
            Kind::Bots => is_bot_file(path) && !expectation,
            Kind::Expectations => expectation,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Kind::Bots => "no bot file (*.yaml or *.yml)",
            Kind::Expectations => "no expectation file (*.test.yaml)",
        }
    }
}

/// Expands PATH arguments into sorted, de-duplicated inputs. Every problem is collected so the
/// user can fix them all at once.
pub fn collect(paths: &[PathBuf]) -> Result<Vec<Input>, Failure> {
    collect_kind(paths, Kind::Bots)
}

/// As [`collect`], for the given kind of file.
pub fn collect_kind(paths: &[PathBuf], kind: Kind) -> Result<Vec<Input>, Failure> {
    let mut inputs = Vec::new();
    let mut problems = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            inputs.push(Input {
                display: "-".to_owned(),
                path: None,
            });
            continue;
        }
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => {
                let before = inputs.len();
                walk(p, kind, &mut inputs, &mut problems);
                if inputs.len() == before {
                    problems.push(format!(
                        "`{}`: {} found under this directory",
                        p.display(),
                        kind.describe()
                    ));
                }
            }
            Ok(_) => inputs.push(Input {
                display: p.display().to_string(),
                path: Some(p.clone()),
            }),
            Err(e) => problems.push(format!("`{}`: {}", p.display(), describe(&e))),
        }
    }
    if !problems.is_empty() {
        return Err(Failure::new(problems.join("\nerror: ")));
    }
    inputs.sort();
    inputs.dedup();
    Ok(inputs)
}

fn describe(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => e.to_string(),
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

fn is_bot_file(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}

/// Every file of `kind` below `dir`; hidden files and folders are skipped, and symbolic
/// links to folders are not followed (no cycles).
fn walk(dir: &Path, kind: Kind, inputs: &mut Vec<Input>, problems: &mut Vec<String>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            problems.push(format!("`{}`: {}", dir.display(), describe(&e)));
            return;
        }
    };
    for entry in entries.flatten() {
        if is_hidden(&entry.file_name()) {
            continue;
        }
        let path = dir.join(entry.file_name());
        let Ok(file_type) = entry.file_type() else {
            continue;
        };
        if file_type.is_dir() {
            walk(&path, kind, inputs, problems);
        } else if kind.matches(&path) && (file_type.is_file() || path.is_file()) {
            inputs.push(Input {
                display: path.display().to_string(),
                path: Some(path),
            });
        }
    }
}

/// Reads an input, at most one byte past the size limit (the validator reports the excess).
pub fn read(input: &Input) -> Result<Vec<u8>, Failure> {
    let limit = samictl::yaml::MAX_FILE_BYTES as u64 + 1;
    let mut bytes = Vec::new();
    let result = match &input.path {
        None => std::io::stdin().lock().take(limit).read_to_end(&mut bytes),
        Some(p) => std::fs::File::open(p).and_then(|f| {
            // Sized up front from the file's length, so a file is read in one go.
            let len = f.metadata().map_or(0, |m| m.len()).min(limit);
            bytes.reserve_exact(usize::try_from(len).unwrap_or(0));
            f.take(limit).read_to_end(&mut bytes)
        }),
    };
    result.map_err(|e| {
        let name = if input.path.is_none() {
            "standard input"
        } else {
            &input.display
        };
        Failure::new(format!("`{name}`: cannot read: {}", describe(&e)))
    })?;
    Ok(bytes)
}
