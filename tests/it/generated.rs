//! Generated files are committed; these tests fail when a committed copy is stale.
//! So are the help snapshots (`tests/help/`). Regenerate them all with
//! `SAMICTL_REGENERATE=1 cargo test --test it generated::`.

use crate::common::{self, root};

fn check_or_write(relative: &str, fresh: &str) {
    let path = root().join(relative);
    if std::env::var_os("SAMICTL_REGENERATE").is_some() {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).unwrap();
        }
        std::fs::write(&path, fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).ok();
    let state = if committed.is_none() {
        "missing"
    } else {
        "stale"
    };
    assert!(
        committed.as_deref() == Some(fresh),
        "{relative} is {state}: run `SAMICTL_REGENERATE=1 cargo test --test it generated::` and commit"
    );
}

#[test]
fn rules_documentation() {
    check_or_write("docs/rules.md", &samictl::render::rules::markdown());
}

/// The README lists every rule, and `.ci/run` runs the README's test command.
#[test]
fn readme_lists_every_rule_and_ci_runs_its_test_command() {
    let root = root();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    for rule in samictl::rules::Rule::all() {
        assert!(
            readme.contains(&format!("| `{}` |", rule.id())),
            "README.md does not list {}",
            rule.id()
        );
    }
    let ci = std::fs::read_to_string(root.join(".ci/run")).unwrap();
    assert!(readme.contains("cargo test --locked"));
    assert!(ci.lines().any(|l| l.trim() == "cargo test --locked"));
}

/// Runs the binary and returns its standard output.
fn samictl(args: &[&str]) -> String {
    let r = common::run(&mut common::samictl(root(), args));
    assert!(r.code == 0, "samictl {args:?} failed");
    r.stdout
}

#[test]
fn json_schema() {
    let text = samictl(&["schema"]);
    assert_eq!(text, samictl::schema::schema_text());
    check_or_write(samictl::schema::SCHEMA_PATH, &text);
}

#[test]
fn config_json_schema() {
    check_or_write(
        samictl::config_schema::CONFIG_SCHEMA_PATH,
        &samictl::config_schema::config_schema_text(),
    );
}

#[test]
fn shell_completions() {
    for (shell, file) in [
        ("bash", "completions/samictl.bash"),
        ("zsh", "completions/_samictl"),
        ("fish", "completions/samictl.fish"),
        ("powershell", "completions/_samictl.ps1"),
        ("elvish", "completions/samictl.elv"),
    ] {
        check_or_write(file, &samictl(&["completions", shell]));
    }
}

/// A page for the program and one for every visible subcommand, walked from the clap command
/// tree (`samictl manpage --list`), and no page for a subcommand that is gone.
#[test]
fn man_pages() {
    check_or_write("man/samictl.1", &samictl(&["manpage"]));
    let listed = samictl(&["manpage", "--list"]);
    let subs: Vec<&str> = listed.lines().collect();
    for required in [
        "validate", "fix", "show", "simulate", "init", "edit", "test", "diff", "lsp",
    ] {
        assert!(subs.contains(&required), "{required} missing from {subs:?}");
    }
    for sub in &subs {
        check_or_write(&format!("man/samictl-{sub}.1"), &samictl(&["manpage", sub]));
    }
    let dir = root().join("man");
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(sub) = name
            .strip_prefix("samictl-")
            .and_then(|n| n.strip_suffix(".1"))
        {
            assert!(
                subs.contains(&sub),
                "man/{name} has no subcommand: remove it"
            );
        }
    }
}

/// `samictl PATH.. --help` as a person reads it: 100 columns, no colour.
fn help(path: &[String]) -> String {
    let mut cmd = common::samictl(root(), &[]);
    cmd.args(path)
        .arg("--help")
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE");
    let r = common::run(&mut cmd);
    assert!(r.code == 0, "samictl {path:?} --help failed: {}", r.stderr);
    r.stdout
}

/// The subcommands a help text lists under `Commands:` (clap's own `help` left out).
fn listed_subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| *l != "Commands:")
        .skip(1)
        .take_while(|l| !l.is_empty())
        // A name is indented two spaces; a wrapped description further.
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_owned)
        .collect()
}

/// A help snapshot per command, walked from the command tree: `samictl --help` lists the
/// subcommands, each one's `--help` lists its own, and so on. `tests/help/samictl.txt` is the
/// program's, `tests/help/samictl-SUB[-SUB..].txt` a subcommand's (named as the man pages are).
/// A missing or stale snapshot fails; so does one for a command that is gone.
#[test]
fn help_snapshots() {
    let mut expected = Vec::new();
    let mut queue: Vec<Vec<String>> = vec![Vec::new()];
    let mut top_level = Vec::new();
    while let Some(path) = queue.pop() {
        let text = help(&path);
        let subs = listed_subcommands(&text);
        if path.is_empty() {
            top_level.clone_from(&subs);
        }
        for sub in subs {
            let mut child = path.clone();
            child.push(sub);
            queue.push(child);
        }
        let name = std::iter::once("samictl")
            .chain(path.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join("-");
        let file = format!("{name}.txt");
        check_or_write(&format!("tests/help/{file}"), &text);
        expected.push(file);
    }
    // The walk of the help texts finds what clap's tree (`manpage --list`) has: every visible
    // subcommand, so every one has a man page and a help snapshot.
    let listed = samictl(&["manpage", "--list"]);
    assert_eq!(
        top_level,
        listed.lines().collect::<Vec<_>>(),
        "`samictl --help` and `samictl manpage --list` disagree"
    );
    let dir = root().join("tests/help");
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        if expected.contains(&file) {
            continue;
        }
        if std::env::var_os("SAMICTL_REGENERATE").is_some() {
            std::fs::remove_file(entry.path()).unwrap();
        } else {
            panic!("tests/help/{file} is not the help of any command: remove it");
        }
    }
}
