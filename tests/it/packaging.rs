//! Consistency of the packaging files that CI can't run (see .ci/wheel-test and
//! .ci/action-test for the parts that do run): the wheel's metadata, the pre-commit hooks, and
//! the release targets that the GitHub Action's installer downloads.

use std::collections::BTreeSet;

fn read(path: &str) -> String {
    let root = crate::common::root();
    std::fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn yaml(path: &str) -> serde_json::Value {
    let text = read(path);
    samictl::yaml::parse(&text)
        .unwrap_or_else(|e| panic!("{path}: {e:?}"))
        .to_json()
}

/// The wheel is named samictl, carries the binary, and takes its version from Cargo.toml.
#[test]
fn pyproject_builds_the_binary_wheel_with_cargo_version() {
    let py: toml::Table = toml::from_str(&read("pyproject.toml")).unwrap();
    assert_eq!(
        py["build-system"]["build-backend"].as_str(),
        Some("maturin")
    );
    assert_eq!(py["tool"]["maturin"]["bindings"].as_str(), Some("bin"));
    assert_eq!(py["tool"]["maturin"]["locked"].as_bool(), Some(true));
    let project = &py["project"];
    assert_eq!(project["name"].as_str(), Some("samictl"));
    assert!(
        project.get("version").is_none(),
        "the version belongs in Cargo.toml"
    );
    let dynamic: Vec<&str> = project["dynamic"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert!(dynamic.contains(&"version"));
    assert_eq!(
        project["description"].as_str(),
        Some(env!("CARGO_PKG_DESCRIPTION"))
    );
}

/// The Python hook is the Rust hook installed another way: same entry, same files.
#[test]
fn python_pre_commit_hook_matches_the_rust_one() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let hooks = hooks.as_array().unwrap();
    let find = |id: &str| {
        hooks
            .iter()
            .find(|h| h["id"] == id)
            .unwrap_or_else(|| panic!("no hook {id}"))
    };
    let rust = find("samictl-validate");
    let python = find("samictl-validate-python");
    assert_eq!(rust["language"], "rust");
    assert_eq!(python["language"], "python");
    for key in ["entry", "types", "exclude", "require_serial", "name"] {
        assert_eq!(rust[key], python[key], "{key}");
    }
}

/// Every hook that hands files to samictl leaves expectation files (`*.test.yaml`) out: they
/// are not bot files, and `fix` must never rewrite one. Hidden files and folders
/// (`.pre-commit-config.yaml`, `.github/`) too, as a folder walk skips them.
#[test]
fn every_hook_excludes_expectation_files() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    for hook in hooks.as_array().unwrap() {
        assert_eq!(
            hook["exclude"], "\\.test\\.ya?ml$|(^|/)\\.",
            "{}",
            hook["id"]
        );
    }
}

/// Every binary that release.yml builds is one the action's installer can pick, and back.
#[test]
fn release_targets_are_the_installers_targets() {
    let workflow = yaml(".github/workflows/release.yml");
    let built: BTreeSet<String> = workflow["jobs"]["binaries"]["strategy"]["matrix"]["include"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["target"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(built.len(), 4, "{built:?}");

    let installer = read(".github/scripts/install-samictl.sh");
    let picked: BTreeSet<String> = installer
        .lines()
        .filter_map(|line| line.split_once("target=")?.1.split_whitespace().next())
        .filter(|t| !t.starts_with('$'))
        .map(str::to_owned)
        .collect();
    assert_eq!(built, picked);
    assert!(installer.contains("archive=samictl-$target.tar.gz"));
    assert!(
        read(".github/scripts/package-release.sh").contains("\"$outdir/samictl-$target.tar.gz\"")
    );

    // The action runs the installer, then validate with GitHub annotations.
    let action = yaml("action.yml");
    let steps = action["runs"]["steps"].as_array().unwrap();
    assert!(
        steps[0]["run"]
            .as_str()
            .unwrap()
            .contains("install-samictl.sh")
    );
    assert!(
        steps[1]["run"]
            .as_str()
            .unwrap()
            .contains("samictl validate --format github")
    );
    for input in ["version", "paths", "args"] {
        assert!(action["inputs"][input].is_object(), "input {input}");
    }
}
