//! Generated files are committed; these tests fail when a committed copy is stale.
//! So are the help snapshots (`tests/help/`). Regenerate them all with
//! `SAMICTL_REGENERATE=1 cargo test --test it generated::`.

use crate::common::{self, root};

/// The help snapshots (`tests/help/`).
mod help;

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

/// The init template's card comments and the product tables of the docs come from the product
/// table (`samictl::docs`); the template is regenerated first, since `docs/editing.md` shows it.
#[test]
fn product_docs_and_init_template() {
    let root = common::root();
    let read = |relative: &str| {
        std::fs::read_to_string(root.join(relative))
            .unwrap_or_else(|e| panic!("cannot read {relative}: {e}"))
    };
    let template = crate::docs_gen::template(&read(crate::docs_gen::TEMPLATE_PATH))
        .unwrap_or_else(|e| panic!("{}: {e}", crate::docs_gen::TEMPLATE_PATH));
    check_or_write(crate::docs_gen::TEMPLATE_PATH, &template);
    for path in crate::docs_gen::MARKDOWN_PATHS {
        let text = read(path);
        let fresh =
            crate::docs_gen::fill(&text, &template).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(
            fresh.contains(crate::docs_gen::REGION_START),
            "{path} has no generated region"
        );
        check_or_write(path, &fresh);
    }
}
