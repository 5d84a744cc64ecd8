//! `samictl diff --git BASE[..HEAD] [PATH...]`: the bot files that changed between two
//! revisions, read from git (docs/spec 12 and 14).
//!
//! Git runs safely: every revision comes after `--end-of-options` (and one starting with `-`
//! is refused), pathspecs are literal, and blobs are read only after asking their size, up to
//! the 1 MiB limit. The work is proportional to the changed files: one `git diff --raw` names
//! them with their blob ids, and only those blobs are read, 16 changed files at a time (two
//! `git cat-file` processes for each 16), so memory stays bounded.
//!
//! Git is started only through [`super::git::run`], as for `diff REV:PATH`.

use super::context::Failure;
use anyhow::Context as _;
use samictl::fleet::{FileChange, Side};
use std::path::{Path, PathBuf};

/// The revisions compared: `BASE` (against the working tree), `BASE..HEAD`, or `BASE...HEAD`
/// (from the merge base of the two, as a pull request shows it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Revisions {
    pub base: String,
    pub head: Option<String>,
    pub merge_base: bool,
}

impl Revisions {
    pub fn parse(spec: &str) -> Result<Revisions, Failure> {
        let (base, head, merge_base) = if let Some((b, h)) = spec.split_once("...") {
            (b, Some(h), true)
        } else if let Some((b, h)) = spec.split_once("..") {
            (b, Some(h), false)
        } else {
            (spec, None, false)
        };
        // `A..` means A against HEAD, as in git.
        let head = head.map(|h| if h.is_empty() { "HEAD" } else { h });
        for rev in std::iter::once(base).chain(head) {
            if rev.is_empty() {
                return Err(Failure::new(format!(
                    "`{}`: a revision is empty",
                    samictl::render::text::escape(spec)
                ))
                .with_hint("give BASE, BASE..HEAD or BASE...HEAD (`origin/main..HEAD`)"));
            }
            super::git::check_revision(rev)?;
        }
        Ok(Revisions {
            base: base.to_owned(),
            head: head.map(str::to_owned),
            merge_base,
        })
    }
}

/// Runs git with `args` (through the one runner, [`super::git::run`]); its standard output,
/// or a failure naming what git said.
fn git(args: &[&str], stdin: Option<Vec<u8>>) -> Result<Vec<u8>, Failure> {
    let ran = super::git::run(args, stdin, None).context("cannot run git")?;
    if !ran.success {
        let sub = args.iter().find(|a| !a.starts_with('-')).unwrap_or(&"");
        return Err(Failure::new(format!(
            "git {sub} failed: {}",
            samictl::render::text::escape(ran.stderr.trim())
        )));
    }
    Ok(ran.stdout)
}

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8_lossy(&bytes).trim_end().to_owned()
}

/// The full id of a commit, checked to exist.
fn commit(rev: &str) -> Result<String, Failure> {
    let spec = format!("{rev}^{{commit}}");
    git(
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            &spec,
        ],
        None,
    )
    .map(text)
    .map_err(|_| {
        Failure::new(format!(
            "`{}`: no such revision",
            samictl::render::text::escape(rev)
        ))
        .with_hint("fetch it first (`git fetch origin main`; in CI, check out with fetch-depth: 0)")
    })
}

/// A bot file by the discovery rules of `validate`: `*.yaml` / `*.yml`, not an expectation
/// file, not in a hidden folder (any path component starting with `.`).
pub fn is_bot_path(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let yaml = name.ends_with(".yaml") || name.ends_with(".yml");
    let expectation = name.ends_with(".test.yaml") || name.ends_with(".test.yml");
    yaml && !expectation && !path.split('/').any(|c| c.starts_with('.'))
}

/// One entry of `git diff --raw -z`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Raw {
    old_mode: String,
    new_mode: String,
    old_oid: String,
    new_oid: String,
    status: char,
    path: String,
    /// The new path of a rename or copy.
    to: Option<String>,
    /// The new side's path as git wrote it, to open it in the working tree.
    new_file: PathBuf,
}

/// A path as git wrote it, for opening the file: its exact bytes on Unix (a name that is not
/// UTF-8 is still found), lossily converted elsewhere.
fn git_path(bytes: &[u8]) -> PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
    }
    #[cfg(not(unix))]
    {
        PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
    }
}

fn parse_raw(out: &[u8]) -> Vec<Raw> {
    let mut fields = out.split(|b| *b == 0).filter(|f| !f.is_empty());
    let mut raws = Vec::new();
    while let Some(meta) = fields.next() {
        let meta = String::from_utf8_lossy(meta);
        let parts: Vec<&str> = meta.trim_start_matches(':').split(' ').collect();
        let [old_mode, new_mode, old_oid, new_oid, status] = parts[..] else {
            break;
        };
        let status = status.chars().next().unwrap_or('M');
        let Some(path) = fields.next() else { break };
        let to = if matches!(status, 'R' | 'C') {
            fields.next()
        } else {
            None
        };
        raws.push(Raw {
            old_mode: old_mode.to_owned(),
            new_mode: new_mode.to_owned(),
            old_oid: old_oid.to_owned(),
            new_oid: new_oid.to_owned(),
            status,
            path: String::from_utf8_lossy(path).into_owned(),
            to: to.map(|p| String::from_utf8_lossy(p).into_owned()),
            new_file: git_path(to.unwrap_or(path)),
        });
    }
    raws
}

/// Where one side's bytes come from.
#[derive(Clone, Debug)]
enum Source {
    Blob(String),
    WorkTree(PathBuf),
    /// A symbolic link or a submodule in git: not a bot file's content.
    NotRegular,
}

struct Pending {
    path: String,
    old_path: Option<String>,
    old: Option<Source>,
    new: Option<Source>,
}

/// The PATHs as paths from the repository's top (`""` is the whole repository), read as git
/// reads a literal pathspec from the current folder.
fn under_paths(pathspecs: &[String]) -> Result<Vec<String>, Failure> {
    if pathspecs.is_empty() {
        return Ok(Vec::new());
    }
    let prefix = text(git(&["rev-parse", "--show-prefix"], None)?);
    let top = text(git(&["rev-parse", "--show-toplevel"], None)?);
    pathspecs
        .iter()
        .map(|spec| {
            let (start, rest) = match Path::new(spec).strip_prefix(&top) {
                Ok(rel) => (String::new(), rel.display().to_string()),
                Err(_) if Path::new(spec).is_absolute() => {
                    return Err(Failure::new(format!(
                        "{}: outside the repository",
                        super::inputs::shown(Path::new(spec))
                    )));
                }
                Err(_) => (prefix.clone(), spec.clone()),
            };
            let mut parts: Vec<&str> = start.split('/').filter(|p| !p.is_empty()).collect();
            for part in rest.split('/') {
                match part {
                    "" | "." => {}
                    ".." => {
                        if parts.pop().is_none() {
                            return Err(Failure::new(format!(
                                "{}: outside the repository",
                                super::inputs::shown(Path::new(spec))
                            )));
                        }
                    }
                    p => parts.push(p),
                }
            }
            Ok(parts.join("/"))
        })
        .collect()
}

/// Whether `path` (from the repository's top) is `under` or below it.
fn within(path: &str, under: &str) -> bool {
    under.is_empty()
        || path == under
        || path
            .strip_prefix(under)
            .is_some_and(|rest| rest.starts_with('/'))
}

fn regular(mode: &str) -> bool {
    mode.starts_with("100")
}

/// The changed bot files between the revisions, under `paths` (relative to the current
/// directory; none: the whole repository), each side checked with `check`.
pub fn changes(
    revisions: &Revisions,
    paths: &[PathBuf],
    check: &(dyn Fn(&str, &[u8]) -> Side + Sync),
) -> Result<Vec<FileChange>, Failure> {
    let top = PathBuf::from(text(
        git(&["rev-parse", "--show-toplevel"], None)
            .map_err(|e| e.with_hint("run samictl diff --git inside a git repository"))?,
    ));
    let mut base = commit(&revisions.base)?;
    let head = match &revisions.head {
        Some(h) => Some(commit(h)?),
        None => None,
    };
    if let (true, Some(h)) = (revisions.merge_base, &head) {
        base = text(git(&["merge-base", "--end-of-options", &base, h], None)?);
    }
    // Bot files by validate's discovery rules, less what `[files] exclude` / `--exclude` leave out.
    let is_bot_path = |path: &str| is_bot_path(path) && !super::inputs::excluded(&top.join(path));
    let pathspecs: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    // A PATH that is nowhere (a typo) would otherwise read as "no bot file changed", exit 0:
    // it must exist in the working tree or at one of the revisions (a removed folder counts).
    for (path, spec) in paths.iter().zip(&pathspecs) {
        if path.exists() {
            continue;
        }
        let mut known = false;
        for rev in std::iter::once(&base).chain(head.as_ref()) {
            let args = [
                "ls-tree",
                "--name-only",
                "--end-of-options",
                rev,
                "--",
                spec,
            ];
            if !git(&args, None)?.is_empty() {
                known = true;
                break;
            }
        }
        if !known {
            return Err(Failure::new(format!(
                "{}: no such file or directory, in the working tree or at the compared revisions",
                super::inputs::shown(path)
            )));
        }
    }
    let mut args: Vec<&str> = vec![
        "diff",
        "--raw",
        "-z",
        "-M",
        "--no-abbrev",
        "--no-color",
        "--no-relative",
        "--no-ext-diff",
        "--no-textconv",
        "--end-of-options",
        &base,
    ];
    if let Some(h) = &head {
        args.push(h);
    }
    // The whole repository is compared and the PATHs applied afterwards, on either side of a
    // change: a pathspec would hide a rename's other side from git's rename detection (a bot
    // moved into PATH would read as added).
    let under = under_paths(&pathspecs)?;
    let raws: Vec<Raw> = parse_raw(&git(&args, None)?)
        .into_iter()
        .filter(|r| {
            under.is_empty()
                || under
                    .iter()
                    .any(|u| within(&r.path, u) || r.to.as_deref().is_some_and(|t| within(t, u)))
        })
        .collect();
    let side = |mode: &str, oid: &str, file: &Path, new: bool| -> Source {
        if !regular(mode) {
            Source::NotRegular
        } else if new && head.is_none() {
            Source::WorkTree(top.join(file))
        } else {
            Source::Blob(oid.to_owned())
        }
    };
    let mut pending = Vec::new();
    for raw in &raws {
        let new_path = raw.to.clone().unwrap_or_else(|| raw.path.clone());
        let old_bot = is_bot_path(&raw.path) && raw.status != 'A' && raw.status != 'C';
        let new_bot = is_bot_path(&new_path) && raw.status != 'D';
        let old = old_bot.then(|| side(&raw.old_mode, &raw.old_oid, Path::new(""), false));
        let new = new_bot.then(|| side(&raw.new_mode, &raw.new_oid, &raw.new_file, true));
        let (path, old_path) = match (old_bot, new_bot) {
            (false, false) => continue,
            (true, false) => (raw.path.clone(), Some(raw.path.clone())),
            (false, true) => (new_path, None),
            (true, true) => (new_path, Some(raw.path.clone())),
        };
        pending.push(Pending {
            path,
            old_path,
            old,
            new,
        });
    }
    if head.is_none() {
        // New files not yet added to git are added bots too.
        let mut args = vec![
            "ls-files",
            "--others",
            "--exclude-standard",
            "--full-name",
            "-z",
            "--",
        ];
        // Without a PATH, the whole repository (ls-files alone lists only the current folder).
        let whole = top.display().to_string();
        if pathspecs.is_empty() {
            args.push(&whole);
        }
        args.extend(pathspecs.iter().map(String::as_str));
        for bytes in git(&args, None)?
            .split(|b| *b == 0)
            .filter(|p| !p.is_empty())
        {
            let path = String::from_utf8_lossy(bytes).into_owned();
            if is_bot_path(&path) {
                pending.push(Pending {
                    old_path: None,
                    old: None,
                    new: Some(Source::WorkTree(top.join(git_path(bytes)))),
                    path,
                });
            }
        }
    }
    // A few files at a time, so memory stays bounded whatever the number of changed files
    // (each blob is up to 1 MiB, and a thousand padded files compress to almost nothing in a
    // push): their blobs are read, checked on all cores, and dropped before the next ones.
    let mut changes = Vec::with_capacity(pending.len());
    for chunk in pending.chunks(BLOB_CHUNK) {
        let blobs = read_blobs(chunk)?;
        changes.extend(super::parallel::map(chunk, |p| FileChange {
            path: p.path.clone(),
            old_path: p.old_path.clone(),
            old: p
                .old
                .as_ref()
                .map(|s| load(s, p.old_path.as_deref().unwrap_or(&p.path), &blobs, check)),
            new: p.new.as_ref().map(|s| load(s, &p.path, &blobs, check)),
        }));
    }
    Ok(changes)
}

/// How many changed files have their blobs in memory at once (at most 2 MiB each).
const BLOB_CHUNK: usize = 16;

/// One side of a change, checked.
fn load(
    source: &Source,
    path: &str,
    blobs: &Blobs,
    check: &(dyn Fn(&str, &[u8]) -> Side + Sync),
) -> Side {
    match source {
        Source::NotRegular => {
            Side::Problem("not a regular file (a symbolic link or a submodule)".to_owned())
        }
        Source::WorkTree(file) => match read_work_tree(file) {
            Ok(bytes) => check(path, &bytes),
            Err(why) => Side::Problem(why),
        },
        Source::Blob(oid) => match blobs.get(oid) {
            Some(Ok(bytes)) => check(path, bytes),
            Some(Err(why)) => Side::Problem(why.clone()),
            None => Side::Problem("git did not give the blob".to_owned()),
        },
    }
}

/// A working-tree file: regular (not followed through a symbolic link), capped at the limit
/// plus one byte so the validator reports its real size.
fn read_work_tree(path: &Path) -> Result<Vec<u8>, String> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_file() => {}
        Ok(_) => return Err("not a regular file".to_owned()),
        Err(e) => return Err(format!("cannot read: {e}")),
    }
    let input = super::inputs::Input {
        display: path.display().to_string(),
        path: Some(path.to_path_buf()),
        origin: None,
    };
    super::inputs::read(&input).map_err(|f| f.message)
}

type Blobs = std::collections::HashMap<String, Result<Vec<u8>, String>>;

/// Reads the blobs the pending changes need: first their sizes (`cat-file --batch-check`), then
/// the content of those within the limit (`cat-file --batch`).
fn read_blobs(pending: &[Pending]) -> Result<Blobs, Failure> {
    let mut oids: Vec<&str> = pending
        .iter()
        .flat_map(|p| [&p.old, &p.new])
        .filter_map(|s| match s {
            Some(Source::Blob(oid)) => Some(oid.as_str()),
            _ => None,
        })
        .collect();
    oids.sort_unstable();
    oids.dedup();
    let mut blobs = Blobs::new();
    if oids.is_empty() {
        return Ok(blobs);
    }
    let limit = samictl::yaml::MAX_FILE_BYTES;
    let request: Vec<u8> = oids
        .iter()
        .flat_map(|o| format!("{o}\n").into_bytes())
        .collect();
    let sizes = git(&["cat-file", "--batch-check"], Some(request))?;
    let mut wanted = Vec::new();
    for line in String::from_utf8_lossy(&sizes).lines() {
        let parts: Vec<&str> = line.split(' ').collect();
        match parts[..] {
            [oid, "blob", size] => match size.parse::<usize>() {
                Ok(n) if n <= limit => wanted.push(oid.to_owned()),
                Ok(n) => {
                    blobs.insert(
                        oid.to_owned(),
                        Err(format!("the file is {n} bytes, over the 1 MiB limit")),
                    );
                }
                Err(_) => {}
            },
            [oid, ..] => {
                blobs.insert(oid.to_owned(), Err("git has no such blob".to_owned()));
            }
            [] => {}
        }
    }
    if wanted.is_empty() {
        return Ok(blobs);
    }
    let request: Vec<u8> = wanted
        .iter()
        .flat_map(|o| format!("{o}\n").into_bytes())
        .collect();
    let out = git(&["cat-file", "--batch"], Some(request))?;
    let mut rest: &[u8] = &out;
    while let Some(nl) = rest.iter().position(|b| *b == b'\n') {
        let header = String::from_utf8_lossy(&rest[..nl]).into_owned();
        rest = &rest[nl + 1..];
        let parts: Vec<&str> = header.split(' ').collect();
        let [oid, _, size] = parts[..] else { break };
        let Ok(n) = size.parse::<usize>() else { break };
        if n > limit || rest.len() < n {
            break;
        }
        blobs.insert(oid.to_owned(), Ok(rest[..n].to_vec()));
        rest = rest.get(n + 1..).unwrap_or_default();
    }
    Ok(blobs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revisions_parse_and_refuse_options() {
        let r = Revisions::parse("origin/main").unwrap();
        assert_eq!(
            (r.base.as_str(), r.head, r.merge_base),
            ("origin/main", None, false)
        );
        let r = Revisions::parse("a..b").unwrap();
        assert_eq!((r.base.as_str(), r.head.as_deref()), ("a", Some("b")));
        assert!(Revisions::parse("a...b").unwrap().merge_base);
        assert_eq!(
            Revisions::parse("a..").unwrap().head.as_deref(),
            Some("HEAD")
        );
        assert!(Revisions::parse("--output=x").is_err());
        assert!(Revisions::parse("main..-x").is_err());
        assert!(Revisions::parse("..b").is_err());
    }

    #[test]
    fn bot_paths_follow_validate_discovery() {
        assert!(is_bot_path("bots/a.yaml"));
        assert!(is_bot_path("a.yml"));
        assert!(!is_bot_path("bots/a.test.yaml"));
        assert!(!is_bot_path(".github/workflows/ci.yaml"));
        assert!(!is_bot_path("bots/.hidden/a.yaml"));
        assert!(!is_bot_path("bots/readme.md"));
    }

    #[test]
    fn raw_output_with_renames() {
        let z = "0000000000000000000000000000000000000000";
        let o = "1111111111111111111111111111111111111111";
        let out = format!(
            ":100644 100644 {o} {z} M\0a b.yaml\0:100644 100644 {o} {o} R087\0old.yaml\0new.yaml\0:000000 100644 {z} {o} A\0n.yaml\0"
        );
        let raws = parse_raw(out.as_bytes());
        assert_eq!(raws.len(), 3);
        assert_eq!(raws[0].path, "a b.yaml");
        assert_eq!(raws[1].status, 'R');
        assert_eq!(raws[1].to.as_deref(), Some("new.yaml"));
        assert_eq!(raws[2].status, 'A');
    }
}
