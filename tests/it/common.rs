//! What every module of the one integration-test binary shares: the binary under test, the
//! repository root, fixtures, scratch folders, git, and one way to run samictl (with a deadline,
//! so a hang is a failure rather than a stuck suite).

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Mutex;
use std::time::Duration;

/// The samictl binary cargo built for these tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_samictl");

/// How long one run may take before the test fails as hung.
const DEADLINE: Duration = Duration::from_secs(60);

/// The repository root (cargo also runs the tests from there).
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The text of `fixtures/REL`.
pub fn fixture(rel: &str) -> String {
    let path = root().join("fixtures").join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A fresh, empty folder `NAME` under cargo's scratch directory for tests (`target/tmp`).
/// Every module of the binary shares that directory, so a name starts with its module's name;
/// a name asked for twice in one run fails (two tests on one folder would race).
pub fn scratch(name: &str) -> PathBuf {
    static TAKEN: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());
    let fresh = TAKEN
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .insert(name.to_owned());
    assert!(
        fresh,
        "scratch folder `{name}` is already used by another test: rename one"
    );
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    dir
}

/// Writes `text` to `DIR/REL`, making the folders on the way.
pub fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(p, text).unwrap();
}

/// Runs git in `dir` with a fixed identity; a failure fails the test.
pub fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(["-c", "user.email=t@example.com", "-c", "user.name=t"])
        .args(["-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {out:?}");
}

/// A samictl command run in `dir` with `args`; add flags and environment before [`run`].
pub fn samictl(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.current_dir(dir).args(args);
    cmd
}

/// What one run of samictl printed, and its exit code.
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
    /// The raw output, for the few checks that look at bytes.
    pub output: Output,
}

/// Runs `cmd` with standard input closed, to its end or the deadline.
pub fn run(cmd: &mut Command) -> Run {
    run_with_stdin(cmd, &[])
}

/// Runs `cmd` with `stdin` written to its standard input, to its end or the deadline. samictl
/// escapes everything it prints, so output that is not UTF-8 fails the test. A process killed
/// by a signal has code -1.
pub fn run_with_stdin(cmd: &mut Command, stdin: &[u8]) -> Run {
    run_full(cmd, stdin, Stdio::piped(), Stdio::piped())
}

/// [`run_with_stdin`] with standard output and error sent to `stdout` and `stderr`
/// (`Run::stdout` and `Run::stderr` are empty unless they are `Stdio::piped()`).
pub fn run_full(cmd: &mut Command, stdin: &[u8], stdout: Stdio, stderr: Stdio) -> Run {
    let what = format!("{cmd:?}");
    let mut child = cmd
        .stdin(if stdin.is_empty() {
            Stdio::null()
        } else {
            Stdio::piped()
        })
        .stdout(stdout)
        .stderr(stderr)
        .spawn()
        .unwrap_or_else(|e| panic!("{what}: {e}"));
    if let Some(mut input) = child.stdin.take() {
        // Written from its own thread, so a child that prints before it has read everything
        // can't block on a full pipe; one that exits without reading it all is no failure.
        let stdin = stdin.to_vec();
        std::thread::spawn(move || {
            let _ = input.write_all(&stdin);
        });
    }
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    let Ok(output) = rx.recv_timeout(DEADLINE) else {
        let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
        panic!("{what} hung");
    };
    let output = output.unwrap_or_else(|e| panic!("{what}: {e}"));
    Run {
        stdout: utf8(&what, "standard output", &output.stdout),
        stderr: utf8(&what, "standard error", &output.stderr),
        code: output.status.code().unwrap_or(-1),
        output,
    }
}

fn utf8(what: &str, stream: &str, bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(e) => panic!(
            "{what}: {stream} is not UTF-8 ({e}):\n{}",
            String::from_utf8_lossy(bytes)
        ),
    }
}
