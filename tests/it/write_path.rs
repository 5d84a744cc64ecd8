//! The write path of `fix` and `fmt`, and what every command says of a path that is not a
//! regular file (QA round 4: N3).

use crate::common::{run, samictl, scratch};

/// N3: a FIFO named on the command line gets the same error and the same hint from every
/// command that reads bot files, whether it walks PATH arguments (`validate`, `fix`, `fmt`,
/// `test`) or reads one bot (`show`, `simulate`); never waited on.
#[cfg(unix)]
#[test]
fn a_fifo_gets_the_same_error_and_hint_everywhere() {
    let dir = scratch("write-path-fifo");
    let fifo = dir.join("p.yaml");
    let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid C string and mode.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    let hint = "hint: samictl reads regular files only (not a FIFO, socket or device); \
                use `-` for standard input\n";
    for args in [
        &["validate", "p.yaml"][..],
        &["fix", "p.yaml"],
        &["fix", "--diff", "p.yaml"],
        &["fmt", "p.yaml"],
        &["fmt", "--check", "p.yaml"],
        &["test", "p.yaml"],
        &["show", "p.yaml"],
        &["simulate", "p.yaml", "--all"],
    ] {
        let r = run(&mut samictl(&dir, args));
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert_eq!(
            r.stderr,
            format!("error: `p.yaml`: not a regular file\n{hint}"),
            "{args:?}"
        );
    }
    // Among other problems, the hint is said once.
    let r = run(&mut samictl(&dir, &["validate", "p.yaml", "nope.yaml"]));
    assert_eq!(r.code, 2);
    assert_eq!(r.stderr.matches("hint:").count(), 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("`nope.yaml`: no such file"),
        "{}",
        r.stderr
    );
    let _ = std::fs::remove_dir_all(&dir);
}
