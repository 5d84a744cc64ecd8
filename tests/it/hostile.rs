//! Hostile input: each is a `yaml-syntax` finding, never a panic, a hang or a stack overflow.
//! (Time and memory are measured by `cargo bench --bench validate`, not asserted here.)

use samictl::config::Settings;
use samictl::rules::Rule;
use samictl::validate::check_bytes;

fn only_syntax_error(bytes: &[u8]) -> String {
    let checked = check_bytes(bytes, &Settings::default());
    assert_eq!(checked.diagnostics.len(), 1, "{:?}", checked.diagnostics);
    let d = &checked.diagnostics[0];
    assert_eq!(d.rule, Rule::YamlSyntax, "{d:?}");
    assert!(d.pos.line >= 1 && d.pos.column >= 1);
    d.message.clone()
}

#[test]
fn file_over_one_mebibyte() {
    let mut big = b"version: 1\nbot: {name: x, direction: both}\n".to_vec();
    big.extend(std::iter::repeat_n(b'#', 1024 * 1024));
    let message = only_syntax_error(&big);
    assert!(message.contains("1 MiB"), "{message}");
}

/// Every file within the 1 MiB limit is read (docs/spec 12), however many nodes it writes
/// out without aliases: here a flow list of about 500,000 one-letter items, and 30,000 short
/// actions (about 120,000 nodes, past the old node budget).
#[test]
fn a_file_within_the_limit_is_never_refused_for_its_node_count() {
    let head = "version: 1\nbot: {name: x, direction: outbound}\noutcomes:\n  unqualified:\n    actions:\n";
    let mut flat = format!("{head}      - {{type: tag, name: [");
    while flat.len() < 1_040_000 {
        flat.push_str("a,");
    }
    flat.push_str("a]}\n");
    let mut many = head.to_owned();
    let mut i = 0;
    while many.len() < 1_000_000 {
        many.push_str(&format!("      - {{type: tag, name: t{i}}}\n"));
        i += 1;
    }
    for text in [flat, many] {
        assert!(text.len() <= 1024 * 1024);
        let checked = check_bytes(text.as_bytes(), &Settings::default());
        assert!(
            checked
                .diagnostics
                .iter()
                .all(|d| d.rule != Rule::YamlSyntax),
            "{:?}",
            checked
                .diagnostics
                .iter()
                .find(|d| d.rule == Rule::YamlSyntax)
        );
    }
}

#[test]
fn nesting_deeper_than_64() {
    let deep = format!("a: {}{}\n", "[".repeat(65), "]".repeat(65));
    let message = only_syntax_error(deep.as_bytes());
    assert!(message.contains("64"), "{message}");
    // 64 levels are fine as YAML (the format then finds the value wrong, not unreadable).
    let ok = format!("{}{}\n", "[".repeat(64), "]".repeat(64));
    let checked = check_bytes(ok.as_bytes(), &Settings::default());
    assert!(
        checked
            .diagnostics
            .iter()
            .all(|d| d.rule != Rule::YamlSyntax)
    );
}

#[test]
fn block_nesting_deeper_than_64() {
    let mut deep = String::new();
    for i in 0..200 {
        deep.push_str(&" ".repeat(i));
        deep.push_str("a:\n");
    }
    only_syntax_error(deep.as_bytes());
}

#[test]
fn a_million_open_brackets() {
    only_syntax_error("[".repeat(1_000_000).as_bytes());
}

#[test]
fn alias_bomb() {
    let mut lines = vec!["a0: &a0 [x, x, x, x, x, x, x, x, x, x]".to_owned()];
    for i in 1..12 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        lines.push(format!("a{i}: &a{i} [{refs}]"));
    }
    let message = only_syntax_error(lines.join("\n").as_bytes());
    assert!(message.contains("limit"), "{message}");
}

#[test]
fn invalid_utf8_and_binary_garbage() {
    only_syntax_error(b"version: 1\n\xc3\x28\n");
    let garbage: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
    only_syntax_error(&garbage);
    only_syntax_error(b"\x00\x01\x02\x03");
}

#[test]
fn a_500_kb_key() {
    let key = format!("{}: 1\n", "k".repeat(500_000));
    only_syntax_error(key.as_bytes());
    let quoted = format!("\"{}\": 1\n", "k".repeat(500_000));
    only_syntax_error(quoted.as_bytes());
}

#[test]
fn several_documents_and_local_tags() {
    only_syntax_error(b"version: 1\n---\nversion: 1\n");
    only_syntax_error(b"version: !include v.yaml\n");
    only_syntax_error(b"bot: !env BOT\n");
}

// ---- The command line as an attacker drives it (docs/spec 12) ----

mod cli {
    use crate::common;
    use std::fs;
    use std::path::{Path, PathBuf};
    use std::process::Stdio;

    const VALID: &str = "version: 1\nbot: {name: x, direction: outbound}\noutcomes:\n  unqualified:\n    notify: {owner: true}\n";

    /// A fresh folder under the target directory.
    fn scratch(name: &str) -> PathBuf {
        common::scratch(&format!("hostile-{name}"))
    }

    use common::Run;

    /// Runs samictl in `dir` with a deadline: a hang is a failure, not a stuck test.
    fn run_with(dir: &Path, args: &[&str], stderr: Stdio) -> Run {
        common::run_full(
            common::samictl(dir, args).env("NO_COLOR", "1"),
            &[],
            Stdio::piped(),
            stderr,
        )
    }

    fn run(dir: &Path, args: &[&str]) -> Run {
        run_with(dir, args, Stdio::piped())
    }

    /// No terminal control, bidi or invisible character reaches the output raw.
    fn assert_clean(text: &str) {
        for c in text.chars() {
            let bad = (c.is_control() && c != '\n')
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}' | '\u{2028}' | '\u{2029}');
            assert!(!bad, "raw {c:?} in output:\n{text}");
        }
    }

    #[cfg(unix)]
    fn mkfifo(path: &Path) {
        let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a valid C string and mode.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    }

    // Resources: FIFOs and devices are refused, never waited on; the cap is checked first.
    #[cfg(unix)]
    #[test]
    fn fifos_devices_and_big_files_are_refused_without_reading() {
        let dir = scratch("fifo");
        mkfifo(&dir.join("fifo.yaml"));
        for args in [
            &["validate", "fifo.yaml"][..],
            &["show", "fifo.yaml"],
            &["simulate", "fifo.yaml", "--outcome", "opt-out"],
            &["diff", "fifo.yaml", "fifo.yaml"],
            &["validate", "/dev/zero"],
            &["--config", "fifo.yaml", "rules"],
        ] {
            let r = run(&dir, args);
            if args[0] == "--config" {
                assert_eq!(r.code, 0, "rules never reads samictl.toml");
                continue;
            }
            assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
            assert!(r.stderr.contains("not a regular file"), "{}", r.stderr);
        }
        // `bot:` of an expectation file naming a device or a FIFO: a problem, not a hang.
        for target in ["/dev/zero", "fifo.yaml"] {
            fs::write(
                dir.join("x.test.yaml"),
                format!("bot: {target}\ncases:\n  - outcome: opt-out\n    fires: []\n"),
            )
            .unwrap();
            let r = run(&dir, &["test", "x.test.yaml"]);
            assert_eq!(r.code, 1, "{}", r.stderr);
            assert!(r.stdout.contains("not a regular file"), "{}", r.stdout);
        }
        // A samictl.toml over the cap is exit 2 (not an allocation failure).
        fs::write(dir.join("samictl.toml"), "#".repeat(3 * 1024 * 1024)).unwrap();
        fs::write(dir.join("bot.yaml"), VALID).unwrap();
        let r = run(&dir, &["show"]);
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert!(r.stderr.contains("3145728 bytes"), "{}", r.stderr);
    }

    #[test]
    fn an_over_limit_bot_file_states_its_real_size() {
        let dir = scratch("big");
        let mut big = VALID.to_owned();
        big.push_str(&"#".repeat(5_000_000));
        fs::write(dir.join("big.yaml"), &big).unwrap();
        let r = run(&dir, &["validate", "--format", "json", "big.yaml"]);
        assert_eq!(r.code, 1);
        assert!(
            r.stdout.contains(&format!("{} bytes", big.len())),
            "{}",
            r.stdout
        );
        let r = run(&dir, &["show", "big.yaml"]);
        assert_eq!(r.code, 1);
        assert!(
            r.stderr.contains(&format!("{} bytes", big.len())),
            "{}",
            r.stderr
        );
    }

    // Disclosure: walks don't follow links; --follow stays inside; `bot =` is confined.
    #[cfg(unix)]
    #[test]
    fn links_out_of_the_tree_are_never_read() {
        let dir = scratch("links");
        let secret = dir.join("secret.txt");
        fs::write(&secret, "TOKEN=hunter2-do-not-print\n").unwrap();
        let bots = dir.join("repo/bots");
        fs::create_dir_all(&bots).unwrap();
        fs::write(bots.join("a.yaml"), VALID).unwrap();
        std::os::unix::fs::symlink(&secret, bots.join("d.yaml")).unwrap();
        std::os::unix::fs::symlink("/etc", bots.join("etc")).unwrap();
        std::os::unix::fs::symlink("nowhere.yaml", bots.join("dangling.yaml")).unwrap();
        std::os::unix::fs::symlink("a.yaml", bots.join("inside.yaml")).unwrap();
        std::os::unix::fs::symlink(".", bots.join("loop")).unwrap();
        let repo = dir.join("repo");
        for args in [
            &["validate", "bots"][..],
            &["validate", "--follow", "bots"],
            &["validate", "--format", "json", "--follow", "."],
            &["show", "--follow", "bots"],
            &["show", "--format", "json", "--follow", "."],
            &["simulate", "--follow", "bots", "--outcome", "opt-out"],
            &["fix", "--diff", "--follow", "bots"],
        ] {
            let r = run(&repo, args);
            assert!(!r.stdout.contains("hunter2"), "{args:?}: {}", r.stdout);
            assert!(!r.stdout.contains("passwd"), "{args:?}");
            assert_eq!(r.code, 0, "{args:?}: {}{}", r.stdout, r.stderr);
        }
        // --follow reads the link that stays inside; the default walk skips it.
        let r = run(&repo, &["validate", "--format", "json", "bots"]);
        assert!(!r.stdout.contains("inside.yaml"), "{}", r.stdout);
        let r = run(&repo, &["validate", "--format", "json", "--follow", "bots"]);
        assert!(r.stdout.contains("inside.yaml"), "{}", r.stdout);
        // The fleet views walk as validate does, `--follow` included (docs/spec 12).
        for args in [
            &["show", "--format", "csv", "bots"][..],
            &[
                "simulate",
                "--format",
                "json",
                "bots",
                "--outcome",
                "opt-out",
            ],
        ] {
            let r = run(&repo, args);
            assert!(!r.stdout.contains("inside.yaml"), "{args:?}: {}", r.stdout);
            let mut follow = args.to_vec();
            follow.insert(1, "--follow");
            let r = run(&repo, &follow);
            assert!(r.stdout.contains("inside.yaml"), "{follow:?}: {}", r.stdout);
        }
        // `bot =` outside the config's folder, directly or through a link: exit 2, unread.
        for bot in [
            secret.display().to_string(),
            "../secret.txt".to_owned(),
            "bots/d.yaml".to_owned(),
            "/proc/self/environ".to_owned(),
        ] {
            fs::write(repo.join("samictl.toml"), format!("bot = \"{bot}\"\n")).unwrap();
            let r = run(&repo, &["show"]);
            assert_eq!(r.code, 2, "{bot}: {}", r.stderr);
            assert!(!r.stderr.contains("hunter2"), "{}", r.stderr);
            assert!(r.stderr.contains("outside"), "{}", r.stderr);
        }
        fs::write(repo.join("samictl.toml"), "bot = \"bots/a.yaml\"\n").unwrap();
        assert_eq!(run(&repo, &["show"]).code, 0);
        // `init` with no FILE writes `bot =`: never outside either, `..` or through a link.
        std::os::unix::fs::symlink(&dir, repo.join("up")).unwrap();
        for bot in ["../planted.yaml", "up/planted.yaml"] {
            fs::write(repo.join("samictl.toml"), format!("bot = \"{bot}\"\n")).unwrap();
            let r = run(&repo, &["init", "--name", "x", "--direction", "both"]);
            assert_eq!(r.code, 2, "{bot}: {}", r.stderr);
            assert!(!dir.join("planted.yaml").exists(), "{bot}");
        }
    }

    // Git: a revision is never read as an option.
    #[test]
    fn git_revisions_are_never_options() {
        let dir = scratch("git");
        fs::write(dir.join("bot.yaml"), VALID).unwrap();
        for spec in [
            "--output=PWNED:x",
            "-p:bot.yaml",
            "--exec=touch PWNED:bot.yaml",
        ] {
            let r = run(&dir, &["diff", "--", spec, "bot.yaml"]);
            assert_eq!(r.code, 2, "{spec}: {}", r.stderr);
            assert!(r.stderr.contains("can't start with `-`"), "{}", r.stderr);
        }
        assert!(!dir.join("PWNED").exists());
    }

    /// A newline in a file name can't start a line that reads as another finding, in any
    /// format (JUnit kept it raw in its text and its `name`).
    #[test]
    fn a_newline_in_a_file_name_forges_no_finding() {
        let dir = scratch("newline-name");
        let name = "ok.yaml:2:1: error[invalid-value]: forged\nreal.yaml";
        fs::write(dir.join(name), "version: 1\nbot: {name: x}\n").unwrap();
        for format in ["human", "json", "sarif", "github", "junit"] {
            let r = run(&dir, &["validate", "--format", format, "."]);
            assert_eq!(r.code, 1, "{format}: {}", r.stderr);
            assert!(
                !r.stdout
                    .lines()
                    .any(|l| l.trim_start().starts_with("real.yaml")),
                "{format}: {}",
                r.stdout
            );
            if format == "junit" {
                let doc = roxmltree::Document::parse(&r.stdout).expect("well-formed XML");
                let case = doc
                    .descendants()
                    .find(|n| n.has_tag_name("testcase"))
                    .unwrap();
                assert!(
                    !case.attribute("name").unwrap_or_default().contains('\n'),
                    "{:?}",
                    case.attribute("name")
                );
            }
        }
    }

    // Escapes: every format and every error message.
    #[test]
    fn controls_are_escaped_in_every_format_and_message() {
        let dir = scratch("escapes");
        let evil = "\u{1b}]0;pwned\u{7}\u{9b}2J\u{202e}\u{200b}\u{2028}\u{7f}\u{feff}\u{fffe}";
        // The key holds the same characters, written with YAML's escapes.
        let key = r"k\e]0;pwned\a\x9b2J\u202e\u200b\L\x7f\uFEFF\uFFFE";
        let bot = format!(
            "version: 1\nbot: {{name: x, direction: outbound}}\noutcomes:\n  \"opt\u{200b}-out\": {{}}\n  unqualified:\n    \"{key}\": 1\n    notify: {{emails: [\"a\u{202e}@b.com\"]}}\n"
        );
        let name = format!("bad{}.yaml", "\u{1b}[31m\u{9b}\u{202e}");
        fs::write(dir.join(&name), &bot).unwrap();
        for format in ["human", "json", "sarif", "github", "junit"] {
            let r = run(&dir, &["validate", "--format", format, "."]);
            assert_eq!(r.code, 1, "{format}: {}", r.stderr);
            assert_clean(&r.stdout);
            assert!(!r.stdout.contains('\u{fffe}'), "{format}");
            if format == "json" || format == "sarif" {
                let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
                assert!(
                    v.to_string().contains("opt\u{200b}-out"),
                    "values are unchanged"
                );
                assert!(r.stdout.contains("\\u200b"), "{}", r.stdout);
            }
            if format == "junit" {
                roxmltree::Document::parse(&r.stdout).expect("well-formed XML");
            }
            if format == "human" {
                assert!(r.stdout.contains("invalid-recipient"), "{}", r.stdout);
                assert!(r.stdout.contains("opt\\u{200b}-out"), "{}", r.stdout);
            }
        }
        // Error messages on exit 2: paths, samictl.toml keys, diff arguments.
        let r = run(&dir, &["validate", &format!("missing{evil}.yaml")]);
        assert_eq!(r.code, 2);
        assert_clean(&r.stderr);
        let toml_key = r#""key\u001b]0;pwned\u0007\u009b\u202e\u200b" = 1"#;
        fs::write(dir.join("samictl.toml"), format!("{toml_key}\n")).unwrap();
        let r = run(&dir, &["show", "x.yaml"]);
        assert_eq!(r.code, 2);
        assert!(r.stderr.contains("key"), "{}", r.stderr);
        assert_clean(&r.stderr);
        fs::remove_file(dir.join("samictl.toml")).unwrap();
        let r = run(&dir, &["diff", &format!("rev{evil}:x"), "x"]);
        assert_eq!(r.code, 2);
        assert_clean(&r.stderr);
        let r = run(&dir, &["explain", &format!("rule{evil}")]);
        assert_eq!(r.code, 2);
        assert_clean(&r.stderr);
    }

    // Writes: init never overwrites; names are quoted by a YAML emitter; no template injection.
    #[test]
    fn init_and_record_write_files_that_parse() {
        let dir = scratch("init");
        for (i, name) in [
            "x@DIRECTION@y",
            "del\u{7f}csi\u{9b}nc\u{fffe}\u{ffff}",
            "quote\" back\\slash: # hash",
            "\u{1b}]0;title\u{7}",
        ]
        .iter()
        .enumerate()
        {
            let file = format!("b{i}.yaml");
            let r = run(
                &dir,
                &["init", &file, "--name", name, "--direction", "inbound"],
            );
            assert_eq!(r.code, 0, "{name:?}: {}", r.stderr);
            assert_clean(&r.stdout);
            let r = run(
                &dir,
                &[
                    "simulate",
                    &file,
                    "--format",
                    "json",
                    "--outcome",
                    "opt-out",
                ],
            );
            assert_eq!(r.code, 0, "{name:?}: {}", r.stderr);
            let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
            assert_eq!(v["bot"], *name, "the name reads back exactly");
        }
        // A record of a path holding DEL and C1 is an expectation file that parses and runs.
        let odd = "odd\u{7f}\u{9b}.yaml";
        fs::write(dir.join(odd), VALID).unwrap();
        let r = run(&dir, &["simulate", odd, "--record"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        fs::write(dir.join("odd.test.yaml"), &r.stdout).unwrap();
        let r = run(&dir, &["test", "odd.test.yaml"]);
        assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    }

    #[cfg(unix)]
    #[test]
    fn init_never_replaces_a_link() {
        let dir = scratch("init-link");
        std::os::unix::fs::symlink("elsewhere.yaml", dir.join("bot.yaml")).unwrap();
        let r = run(
            &dir,
            &["init", "bot.yaml", "--name", "x", "--direction", "both"],
        );
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert!(
            fs::symlink_metadata(dir.join("bot.yaml"))
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert!(!dir.join("elsewhere.yaml").exists());
        // --force writes through the link to its target.
        let r = run(
            &dir,
            &[
                "init",
                "bot.yaml",
                "--name",
                "x",
                "--direction",
                "both",
                "--force",
            ],
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(
            fs::symlink_metadata(dir.join("bot.yaml"))
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert!(dir.join("elsewhere.yaml").is_file());
    }

    // Invisible characters in values.
    #[test]
    fn invisible_names_are_blank_and_bidi_emails_invalid() {
        let dir = scratch("invisible");
        for (bot, rule) in [
            (
                "version: 1\nbot: {name: \"\u{200b}\", direction: both}\noutcomes: {}\n",
                "invalid-value",
            ),
            (
                "version: 1\nbot: {name: \"\u{2060}\u{feff}\u{202e}\", direction: both}\noutcomes: {}\n",
                "invalid-value",
            ),
            (
                "version: 1\nbot: {name: x, direction: both}\noutcomes:\n  unqualified:\n    notify: {emails: [\"boss\u{202e}@acme.com\"]}\n",
                "invalid-recipient",
            ),
            (
                "version: 1\nbot: {name: x, direction: both}\noutcomes:\n  unqualified:\n    notify: {emails: [\"bo\u{ad}ss@acme.com\"]}\n",
                "invalid-recipient",
            ),
        ] {
            fs::write(dir.join("b.yaml"), bot).unwrap();
            let r = run(&dir, &["validate", "--format", "json", "b.yaml"]);
            assert_eq!(r.code, 1, "{bot:?}");
            assert!(r.stdout.contains(rule), "{}", r.stdout);
        }
    }

    // Never a panic on a closed or full standard error or output.
    #[cfg(unix)]
    #[test]
    fn a_full_stderr_is_not_a_panic() {
        let dir = scratch("full");
        fs::write(dir.join("bad.yaml"), "version: 2\n").unwrap();
        fs::write(dir.join("ok.yaml"), VALID).unwrap();
        for args in [
            &["show", "bad.yaml"][..],
            &["validate", "missing.yaml"],
            &["simulate", "bad.yaml", "--outcome", "opt-out"],
            &["diff", "bad.yaml", "ok.yaml"],
            &["explain", "nope"],
            &["--bogus"],
        ] {
            let full = fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .unwrap();
            let r = run_with(&dir, args, Stdio::from(full));
            assert!(matches!(r.code, 1 | 2), "{args:?}: exit {}", r.code);
        }
    }

    // Linear cost: a card with 10,000 distinct actions and a mapping with 20,000 unknown
    // keys on one line. A quadratic path takes minutes on these; the deadline in `run` is 60 s (a debug build)
    // (timings themselves are measured by `cargo bench --bench hostile`).
    #[test]
    fn worst_case_files_within_the_limit_are_not_quadratic() {
        let dir = scratch("linear");
        let mut actions = String::from(
            "version: 1\nbot: {name: x, direction: outbound}\noutcomes:\n  unqualified:\n    actions:\n",
        );
        for i in 0..10_000 {
            actions.push_str(&format!("      - {{type: tag, name: t{i}}}\n"));
        }
        fs::write(dir.join("a.yaml"), &actions).unwrap();
        fs::write(dir.join("b.yaml"), actions.replace("t5000}", "t5000x}")).unwrap();
        let mut keys = String::from(
            "version: 1\nbot: {name: x, direction: outbound}\noutcomes:\n  unqualified: {",
        );
        for i in 0..20_000 {
            keys.push_str(&format!("k{i}: 1, "));
        }
        keys.push_str("z: 1}\n");
        fs::write(dir.join("keys.yaml"), &keys).unwrap();
        assert_eq!(run(&dir, &["validate", "a.yaml"]).code, 0);
        assert_eq!(run(&dir, &["show", "a.yaml"]).code, 0);
        assert_eq!(run(&dir, &["simulate", "a.yaml", "--all"]).code, 0);
        let r = run(&dir, &["diff", "a.yaml", "b.yaml"]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(r.stdout.contains("t5000x"), "{}", r.stdout);
        for format in ["human", "json", "sarif"] {
            let r = run(&dir, &["validate", "--format", format, "keys.yaml"]);
            assert_eq!(r.code, 1, "{format}");
        }
    }
}

// ---- The write path, fuzzed: random edits over random valid files ----

mod write_path {
    use proptest::prelude::*;
    use samictl::config::Settings;
    use samictl::edit::{Edit, Op, apply};
    use samictl::model::{Action, Assignee, DueIn};
    use samictl::outcome::{Direction, Outcome};
    use samictl::validate::check;

    /// Texts with the characters attackers use: quotes, colons, `#`, braces, controls, bidi,
    /// invisible characters, noncharacters.
    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![
                Just("a".to_owned()),
                Just(" ".to_owned()),
                Just(": ".to_owned()),
                Just(" #".to_owned()),
                Just("\"".to_owned()),
                Just("'".to_owned()),
                Just("{{ contact.first_name }}".to_owned()),
                Just("{".to_owned()),
                Just("\u{1b}[2J".to_owned()),
                Just("\u{7f}".to_owned()),
                Just("\u{9b}".to_owned()),
                Just("\u{202e}".to_owned()),
                Just("\u{200b}".to_owned()),
                Just("\u{fffe}".to_owned()),
                Just("\n".to_owned()),
                Just("é🚀".to_owned()),
                Just("@DIRECTION@".to_owned()),
            ],
            0..8,
        )
        .prop_map(|parts| parts.concat())
    }

    fn action() -> impl Strategy<Value = Action> {
        prop_oneof![
            text().prop_map(|text| Action::Note { text }),
            text().prop_map(|name| Action::Tag { name }),
            (text(), any::<bool>(), any::<bool>()).prop_map(|(title, due, mail)| Action::Task {
                title,
                due_in: due.then_some(DueIn::RequestedTime),
                assignee: if mail {
                    Assignee::Email("a@b.com".into())
                } else {
                    Assignee::Owner
                },
            }),
        ]
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            prop::option::of(text()).prop_map(Op::SetCriteria),
            prop::option::of(text()).prop_map(Op::SetWrapUp),
            prop::option::of(0u8..12).prop_map(Op::SetMaxObjections),
            prop::option::of(any::<bool>()).prop_map(Op::SetConfirmTime),
            action().prop_map(Op::AddAction),
            (0usize..4, action()).prop_map(|(i, a)| Op::ReplaceAction(i, a)),
            (0usize..4).prop_map(Op::RemoveAction),
            (0usize..4, 0usize..4).prop_map(|(from, to)| Op::MoveAction { from, to }),
            any::<bool>().prop_map(Op::SetNotifyOwner),
            text().prop_map(|t| Op::AddEmail(format!("{t}@acme.com"))),
            Just(Op::AddEmail("boss@acme.com".into())),
            Just(Op::AddPhone("+15125550142".into())),
            (0usize..3).prop_map(Op::RemoveEmail),
            (0usize..3).prop_map(Op::RemovePhone),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]

        /// Every edit either gives a text that validates with no error, or is refused and
        /// leaves the text as it was: nothing else can reach the writer.
        #[test]
        fn edits_leave_a_valid_file_or_nothing(
            name in text(),
            direction in prop::sample::select(Direction::ALL.to_vec()),
            edits in prop::collection::vec((prop::sample::select(Outcome::ALL.to_vec()), op()), 1..10),
        ) {
            let settings = Settings::default();
            let name = if samictl::init::name_problem(&name).is_some() { "x" } else { name.as_str() };
            let mut source = samictl::init::render(name, direction);
            let fresh = check(&source, &settings);
            prop_assert!(fresh.bot.is_some(), "init wrote a file with errors: {:?}\n{source}", fresh.diagnostics);
            for (outcome, op) in edits {
                if let Ok(applied) = apply(&source, &Edit { outcome, op, channel: samictl::product::Channel::Call }, &settings) {
                    let checked = check(&applied.text, &settings);
                    prop_assert!(checked.bot.is_some(), "{:?}\n{}", checked.diagnostics, applied.text);
                    source = applied.text;
                }
            }
        }
    }
}

/// `edit` shows a unified diff before saving: on a file with 30,000 comment lines (and on two
/// texts with nothing in common) it is a linear-space diff, not a 30,000 x 30,000 table.
#[test]
fn the_edit_diff_of_big_files_is_linear() {
    use samictl::render::human::Palette;
    use samictl::render::unified::unified;
    let before: String = (0..30_000).map(|i| format!("# comment {i}\n")).collect();
    let after = before.replace("# comment 15000\n", "# changed\n");
    let d = unified(&before, &after, "bot.yaml", &Palette::new(false));
    assert!(d.contains("-# comment 15000\n+# changed\n"), "{d}");
    assert_eq!(d.matches("@@ -").count(), 1, "one hunk");
    let other: String = (0..30_000).map(|i| format!("other {i}\n")).collect();
    let d = unified(&before, &other, "bot.yaml", &Palette::new(false));
    assert_eq!(d.matches("\n-# comment").count(), 30_000);
    assert_eq!(d.matches("\n+other").count(), 30_000);
}
