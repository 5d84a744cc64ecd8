//! Hostile pull requests against the commands that walk folders, write files or read git:
//! `fix`, fleet `show` / `simulate` and `diff --git --format markdown`. Each case is what a
//! hostile PR author can put in the files CI checks (docs/spec 12).

use crate::common::{self, git};
use std::path::{Path, PathBuf};
use std::process::Output;

/// A bot with one safe fix (`owner: yes` is written `true`).
const FIXABLE: &str = "version: 1
bot:
  name: Fixable
  direction: outbound
outcomes:
  successful-transfer:
    notify:
      owner: yes
";

fn folder(name: &str) -> PathBuf {
    common::scratch(name)
}

fn run(dir: &Path, args: &[&str]) -> Output {
    common::run(common::samictl(dir, args).env("NO_COLOR", "1")).output
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A file one byte over the limit in a walked folder is that file's `yaml-syntax` finding, as
/// in `validate`: it doesn't stop `fix`, `show` or `simulate` from handling the others (a hostile
/// PR could otherwise block every other bot's check with one big file).
#[test]
fn an_over_limit_file_in_a_walk_is_a_finding_not_a_failure() {
    let dir = folder("hostile-over-limit");
    std::fs::create_dir(dir.join("bots")).unwrap();
    std::fs::write(dir.join("bots/a.yaml"), FIXABLE).unwrap();
    let mut big = FIXABLE.to_owned();
    big.push_str(&format!("# {}\n", "x".repeat(1 << 20)));
    std::fs::write(dir.join("bots/big.yaml"), &big).unwrap();
    let size = big.len().to_string();

    let out = run(&dir, &["fix", "--diff", "bots"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("+      owner: true"));

    let out = run(&dir, &["fix", "bots"]);
    // The big file's finding is an error left: exit 1, not 2.
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("yaml-syntax"), "{}", text(&out));
    assert!(text(&out).contains(&size), "{}", text(&out));
    let fixed = std::fs::read_to_string(dir.join("bots/a.yaml")).unwrap();
    assert!(fixed.contains("owner: true"), "{fixed}");
    assert_eq!(
        std::fs::read_to_string(dir.join("bots/big.yaml")).unwrap(),
        big
    );

    let out = run(&dir, &["show", "bots", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let bots = json["bots"].as_array().unwrap();
    assert_eq!(bots.len(), 2, "{json}");
    assert!(bots.iter().any(|b| b["errors"] == 1), "{json}");

    let out = run(
        &dir,
        &[
            "simulate",
            "bots",
            "--outcome",
            "opt-out",
            "--format",
            "json",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json.as_array().map(Vec::len), Some(2), "{json}");
}

/// What a hostile author writes to make a comment samictl posts ping people, show an image or
/// a link, or close the `<details>` block and inject HTML.
const INJECTION: &str = "@octo/security #12 </details><script>x</script> `c` | [l](http://e.example) ![i](http://e.example/p.png) _em_ **b**";

/// No Markdown or HTML from the file survives in the comment: no mention, no reference, no
/// link, image, emphasis, code span or raw tag. (A `<summary>` line is an HTML block, where
/// GitHub reads no Markdown: there only HTML and mentions matter.)
fn assert_inert(markdown: &str) {
    assert_eq!(
        markdown.matches("<details>").count(),
        markdown.matches("</details>").count(),
        "{markdown}"
    );
    let summaries: Vec<&str> = markdown
        .lines()
        .filter(|l| l.starts_with("<details><summary>"))
        .collect();
    assert!(!summaries.is_empty(), "{markdown}");
    for line in summaries {
        let inner = &line["<details><summary>".len()..line.len() - "</summary>".len()];
        for bad in ["@octo", "#12", "<b>", "<script", "</details>"] {
            assert!(!inner.contains(bad), "{bad:?} in {line}");
        }
    }
    let markdown: String = markdown
        .lines()
        .filter(|l| !l.starts_with("<details><summary>"))
        .collect::<Vec<_>>()
        .join("\n");
    let markdown = markdown.as_str();
    for bad in [
        "@octo", "#12", "<script", "[l](", "![i]", " _em_", "**b**", " `c`", "| [l]",
    ] {
        assert!(!markdown.contains(bad), "{bad:?} in:\n{markdown}");
    }
    assert!(markdown.contains("@&#8203;octo/security"), "{markdown}");
}

#[test]
fn markdown_comments_are_inert() {
    let dir = folder("hostile-markdown");
    git(&dir, &["init", "-q", "-b", "main"]);
    std::fs::create_dir(dir.join("bots")).unwrap();
    let before = FIXABLE.replace("owner: yes", "owner: true");
    std::fs::write(dir.join("bots/a.yaml"), &before).unwrap();
    git(&dir, &["add", "."]);
    git(&dir, &["commit", "-q", "-m", "base"]);
    let after = format!(
        "{before}    actions:\n      - type: note\n        text: {:?}\n",
        INJECTION
    );
    std::fs::write(dir.join("bots/a.yaml"), &after).unwrap();
    let hostile_name = "bots/@octo #12 `c` [l](x) <b>.yaml";
    git(&dir, &["mv", "bots/a.yaml", hostile_name]);
    git(&dir, &["commit", "-q", "-am", "change"]);

    let out = run(
        &dir,
        &["diff", "--git", "main~1..main", "--format", "markdown"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let markdown = String::from_utf8_lossy(&out.stdout);
    assert!(markdown.contains("(added)"), "{markdown}");
    assert_inert(&markdown);
    assert!(!markdown.contains("<b>"), "{markdown}");

    // The fleet matrix in Markdown: a bot name is inert too.
    let name = "@octo/security #12 `c` [l](x) _em_";
    std::fs::write(
        dir.join("bots/b.yaml"),
        FIXABLE
            .replace("name: Fixable", &format!("name: {name:?}"))
            .replace("yes", "true"),
    )
    .unwrap();
    let out = run(&dir, &["show", "bots", "--format", "markdown"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let markdown = String::from_utf8_lossy(&out.stdout);
    assert!(!markdown.contains("@octo"), "{markdown}");
    assert!(!markdown.contains(" `c` "), "{markdown}");
    assert!(!markdown.contains("[l](x)"), "{markdown}");
}

/// A bot whose file name is not UTF-8 is read from the working tree by its exact name (it was
/// reported "cannot read: No such file" and listed as invalid).
#[cfg(unix)]
#[test]
fn diff_git_reads_working_tree_names_that_are_not_utf8() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = folder("hostile-non-utf8");
    git(&dir, &["init", "-q", "-b", "main"]);
    let valid = FIXABLE.replace("owner: yes", "owner: true");
    let tracked = dir.join(OsStr::from_bytes(b"tracked-\xff.yaml"));
    std::fs::write(&tracked, &valid).unwrap();
    git(&dir, &["add", "."]);
    git(&dir, &["commit", "-q", "-m", "base"]);
    std::fs::write(&tracked, valid.replace("owner: true", "owner: false")).unwrap();
    std::fs::write(dir.join(OsStr::from_bytes(b"new-\xfe.yaml")), &valid).unwrap();

    let out = run(&dir, &["diff", "--git", "main", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut statuses: Vec<&str> = json["bots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["status"].as_str().unwrap())
        .collect();
    statuses.sort_unstable();
    assert_eq!(statuses, ["added", "modified"], "{json}");
}

/// `fix` in a walk never writes through a symbolic link to outside the walked folder (with or
/// without `--follow`), follows one that stays inside only with `--follow`, skips a FIFO
/// without blocking, and leaves no temporary file behind.
#[cfg(unix)]
#[test]
fn fix_walks_stay_inside_the_folder() {
    use std::os::unix::fs::symlink;
    let dir = folder("hostile-fix-links");
    std::fs::create_dir_all(dir.join("bots/inner")).unwrap();
    std::fs::create_dir_all(dir.join("outside")).unwrap();
    std::fs::write(dir.join("outside/victim.yaml"), FIXABLE).unwrap();
    std::fs::write(dir.join("bots/inner/target.yaml"), FIXABLE).unwrap();
    symlink("../outside/victim.yaml", dir.join("bots/out.yaml")).unwrap();
    symlink("../outside", dir.join("bots/outdir")).unwrap();
    // Lexically inside (`inner/up/..`), physically outside.
    symlink("..", dir.join("bots/inner/up")).unwrap();
    symlink(
        "inner/up/../outside/victim.yaml",
        dir.join("bots/sneaky.yaml"),
    )
    .unwrap();
    symlink("inner/target.yaml", dir.join("bots/in.yaml")).unwrap();
    let fifo = std::ffi::CString::new(dir.join("bots/pipe.yaml").to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);

    let out = run(&dir, &["fix", "bots"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(
        std::fs::read_to_string(dir.join("outside/victim.yaml")).unwrap(),
        FIXABLE
    );
    assert!(
        std::fs::read_to_string(dir.join("bots/inner/target.yaml"))
            .unwrap()
            .contains("owner: true")
    );

    std::fs::write(dir.join("bots/inner/target.yaml"), FIXABLE).unwrap();
    let out = run(&dir, &["fix", "--follow", "bots"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        std::fs::read_to_string(dir.join("bots/inner/target.yaml"))
            .unwrap()
            .contains("owner: true")
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("outside/victim.yaml")).unwrap(),
        FIXABLE
    );
    assert!(
        std::fs::symlink_metadata(dir.join("bots/in.yaml"))
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link stays a link"
    );
    let mut left = Vec::new();
    for d in ["bots", "bots/inner", "outside"] {
        for e in std::fs::read_dir(dir.join(d)).unwrap() {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            if name.contains("samictl") || name.ends_with(".tmp") {
                left.push(name);
            }
        }
    }
    assert!(left.is_empty(), "temporary files left: {left:?}");
}

/// `--follow` never lists a file twice (issue 32): with `a/b/x.yaml` and `a/b/up -> ..`, the
/// fleet has one bot and `fix --follow --diff` one patch.
#[cfg(unix)]
#[test]
fn follow_lists_a_folder_once_whatever_leads_to_it() {
    let dir = folder("hostile_cli-follow-up");
    common::write(&dir, "a/b/x.yaml", FIXABLE);
    std::os::unix::fs::symlink("..", dir.join("a/b/up")).unwrap();
    let out = run(
        &dir,
        &["--no-config", "show", "--format", "json", "--follow", "."],
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json["bots"].as_array().map(Vec::len),
        Some(1),
        "{}",
        text(&out)
    );
    let out = run(&dir, &["--no-config", "fix", "--follow", "--diff", "."]);
    assert_eq!(text(&out).matches("+++ ").count(), 1, "{}", text(&out));
}

/// `fix` refuses a read-only file as an editor would (issue 32): exit 2, nothing written,
/// even when run as root (the file has no write bit at all).
#[cfg(unix)]
#[test]
fn fix_refuses_a_read_only_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = folder("hostile_cli-readonly");
    common::write(&dir, "bot.yaml", FIXABLE);
    let path = dir.join("bot.yaml");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let out = run(&dir, &["--no-config", "fix", "bot.yaml"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("read-only"), "{}", text(&out));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FIXABLE);
}

/// A bot file deeper than PATH_MAX (issue 32): the tree is built with relative steps (mkdirat
/// and openat), so no long path is ever handed to the system in one call. The walk used to stop
/// the whole run (exit 2, "file name too long"); the folder is now listed and the file read a
/// folder at a time, so its findings are reported with the others' and the run goes on.
#[test]
fn a_bot_file_deeper_than_path_max_is_checked_with_the_others() {
    let dir = folder("hostile-path-max");
    std::fs::create_dir(dir.join("bots")).unwrap();
    std::fs::write(dir.join("bots/a.yaml"), FIXABLE).unwrap();
    deep_file(
        &dir.join("bots"),
        "version: 1\nbot: {name: Deep, direction: outbound}\noutcomes:\n  missed-transfer:\n    notfy: {owner: true}\n",
    );

    let out = run(&dir, &["validate", "bots"]);
    let all = text(&out);
    // Both files' findings: the deep one's misspelt key and the other's YAML 1.1 boolean.
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        &all[..all.len().min(2000)]
    );
    assert!(
        all.contains("deep.yaml:5:5"),
        "{}",
        &all[..all.len().min(2000)]
    );
    assert!(
        all.contains("a.yaml:8:14"),
        "{}",
        &all[..all.len().min(2000)]
    );
    assert!(
        all.contains("checked 2 files"),
        "{}",
        &all[..all.len().min(2000)]
    );

    for args in [&["show", "bots"][..], &["fix", "--diff", "bots"]] {
        let out = run(&dir, args);
        assert_ne!(out.status.code(), Some(2), "{args:?}: {}", text(&out));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Writes `deep.yaml` 25 folders of 200 characters below `root` (over 5,000 bytes of path),
/// one relative step at a time.
fn deep_file(root: &Path, text: &str) {
    use std::ffi::CString;
    use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
    let name = CString::new("d".repeat(200)).unwrap();
    let mut dir = OwnedFd::from(std::fs::File::open(root).unwrap());
    for _ in 0..25 {
        // SAFETY: a valid descriptor and NUL-terminated names, for the length of each call.
        unsafe {
            assert_eq!(libc::mkdirat(dir.as_raw_fd(), name.as_ptr(), 0o755), 0);
            let fd = libc::openat(
                dir.as_raw_fd(),
                name.as_ptr(),
                libc::O_RDONLY | libc::O_DIRECTORY | libc::O_CLOEXEC,
            );
            assert!(fd >= 0);
            dir = OwnedFd::from_raw_fd(fd);
        }
    }
    let file = CString::new("deep.yaml").unwrap();
    // SAFETY: as above.
    let fd = unsafe {
        libc::openat(
            dir.as_raw_fd(),
            file.as_ptr(),
            libc::O_WRONLY | libc::O_CREAT | libc::O_CLOEXEC,
            0o644,
        )
    };
    assert!(fd >= 0);
    // SAFETY: `fd` was just opened and is owned by nothing else.
    let mut file = std::fs::File::from(unsafe { OwnedFd::from_raw_fd(fd) });
    std::io::Write::write_all(&mut file, text.as_bytes()).unwrap();
}
