//! Nothing from a bot file reaches the terminal unescaped, even with colour forced on.

use crate::common::{self, root};

fn samictl(args: &[&str], stdin: &[u8]) -> (String, i32) {
    samictl_env(args, stdin, &[])
}

fn samictl_env(args: &[&str], stdin: &[u8], env: &[(&str, &str)]) -> (String, i32) {
    let r = common::run_with_stdin(
        common::samictl(root(), args)
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE")
            .envs(env.iter().copied()),
        stdin,
    );
    (r.stdout, r.code)
}

/// Removes the escape sequences samictl itself writes for colour (SGR: ESC [ ... m).
fn strip_own_colours(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("\u{1b}[") {
        out.push_str(&rest[..i]);
        let tail = &rest[i + 2..];
        let end = tail
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(tail.len());
        assert_eq!(
            tail.as_bytes().get(end),
            Some(&b'm'),
            "a non-colour sequence: {tail:?}"
        );
        rest = &tail[end + 1..];
    }
    out.push_str(rest);
    out
}

#[test]
fn raw_escapes_in_the_source_line_are_shown_escaped() {
    let src = b"version: 1\nbot:\n  name: \"\x1b[2J\x1b]0;pwned\x07\"\n";
    for color in ["never", "always"] {
        let (out, code) = samictl(&["--no-config", "--color", color, "validate", "-"], src);
        assert_eq!(code, 1);
        let plain = strip_own_colours(&out);
        assert!(
            !plain.contains('\u{1b}') && !plain.contains('\u{7}'),
            "{out:?}"
        );
        assert!(plain.contains("\\u{1b}[2J"), "{plain}");
    }
}

#[test]
fn escapes_decoded_from_yaml_are_shown_escaped_in_messages() {
    let src = b"version: 1\nbot:\n  name: x\n  direction: both\noutcomes:\n  opt-out:\n    \"no\\e[31mtfy\\u0007\": {}\n";
    let (out, code) = samictl(&["--no-config", "--color", "never", "validate", "-"], src);
    assert_eq!(code, 1);
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    assert!(
        out.contains("unknown field `no\\u{1b}[31mtfy\\u{7}`"),
        "{out}"
    );
}

#[test]
fn colour_is_off_when_piped_and_with_no_color() {
    let src = b"version: 1\n";
    let (out, _) = samictl(&["--no-config", "validate", "-"], src);
    assert!(!out.contains('\u{1b}'), "piped output has no colour");
    let (out, _) = samictl(&["--no-config", "--color", "always", "validate", "-"], src);
    assert!(out.contains('\u{1b}'), "--color always colours");
    let (out, _) = samictl_env(
        &["--no-config", "validate", "-"],
        src,
        &[("CLICOLOR_FORCE", "1")],
    );
    assert!(out.contains('\u{1b}'), "CLICOLOR_FORCE colours a pipe");
    let env = [("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")];
    let (out, _) = samictl_env(&["--no-config", "validate", "-"], src, &env);
    assert!(!out.contains('\u{1b}'), "NO_COLOR wins over CLICOLOR_FORCE");
    let (out, _) = samictl(&["--no-config", "--color", "never", "validate", "-"], src);
    assert!(!out.contains('\u{1b}'));
}

#[test]
fn show_and_simulate_escape_strings_from_the_file() {
    let dir = common::scratch("escape-show");
    let path = dir.join("bot.yaml");
    std::fs::write(
        &path,
        "version: 1\nbot:\n  name: \"Evil\\e]0;title\\a\\e[2J\"\n  direction: both\noutcomes:\n  opt-out:\n    mid_call:\n      wrap_up: \"Bye\\e[31m now\"\n    actions:\n      - type: note\n        text: \"x\\e[1Ay\"\n",
    )
    .unwrap();
    let file = path.to_str().unwrap();
    for args in [
        vec!["show", file],
        vec!["show", file, "--expand"],
        vec!["simulate", file, "--outcome", "opt-out"],
        vec!["simulate", file, "--all"],
    ] {
        let mut full = vec!["--no-config", "--color", "always"];
        full.extend(&args);
        let (out, code) = samictl(&full, b"");
        assert_eq!(code, 0, "{args:?}");
        let plain = strip_own_colours(&out);
        assert!(
            !plain.contains('\u{1b}') && !plain.contains('\u{7}'),
            "{args:?}: {out:?}"
        );
        assert!(
            plain.contains("Evil\\u{1b}]0;title\\u{7}"),
            "{args:?}: {plain}"
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}
