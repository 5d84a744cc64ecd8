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

/// Both licence texts exist and ship with every artefact: the wheel (`license-files`), the
/// crate (`include`) and the release archives. `.ci/wheel-test` and `.ci/action-test` check
/// the built wheel and a packaged archive.
#[test]
fn licence_texts_ship_with_the_wheel_the_crate_and_the_archives() {
    let mit = read("LICENSE-MIT");
    assert!(mit.starts_with("MIT License\n"), "LICENSE-MIT");
    assert!(mit.contains("Permission is hereby granted, free of charge"));
    let apache = read("LICENSE-APACHE");
    assert!(apache.contains("Apache License\n"), "LICENSE-APACHE");
    assert!(apache.contains("Version 2.0, January 2004"));
    assert!(apache.contains("END OF TERMS AND CONDITIONS"));
    assert_eq!(env!("CARGO_PKG_LICENSE"), "MIT OR Apache-2.0");

    let py: toml::Table = toml::from_str(&read("pyproject.toml")).unwrap();
    assert_eq!(
        py["project"]["license"].as_str(),
        Some(env!("CARGO_PKG_LICENSE"))
    );
    let files = py["project"]["license-files"].as_array().unwrap();
    let cargo: toml::Table = toml::from_str(&read("Cargo.toml")).unwrap();
    let include = cargo["package"]["include"].as_array().unwrap();
    let release = read(".github/scripts/package-release.sh");
    for name in ["LICENSE-MIT", "LICENSE-APACHE"] {
        assert!(
            files.iter().any(|f| f.as_str() == Some(name)),
            "wheel: {name}"
        );
        let rooted = format!("/{name}");
        assert!(
            include.iter().any(|f| f.as_str() == Some(rooted.as_str())),
            "crate: {name}"
        );
        assert!(release.contains(name), "archives: {name}");
    }
}

/// The links of a Markdown text: `[text](target)` and `[ref]: target`.
fn markdown_links(text: &str) -> Vec<String> {
    let mut links = Vec::new();
    for piece in text.split("](").skip(1) {
        let end = piece.find([')', ' ']).unwrap_or(piece.len());
        links.push(piece[..end].to_owned());
    }
    for line in text.lines() {
        let line = line.trim_start();
        if let Some(rest) = line.strip_prefix('[')
            && let Some((_, target)) = rest.split_once("]: ")
        {
            links.push(target.trim().to_owned());
        }
    }
    links
}

#[test]
fn markdown_links_finds_inline_and_reference_links() {
    let links = markdown_links("see [a](docs/a.md) and [b](https://x/y \"t\")\n[c]: c.md\n");
    assert_eq!(links, ["docs/a.md", "https://x/y", "c.md"]);
}

/// PyPI shows python/README.md: every link is absolute, and a link into this repository points
/// at the release tag of this version (so a version bump updates it) and at a file that
/// exists. `.ci/wheel-test` scans the description inside the built wheel the same way.
#[test]
fn pypi_description_links_are_absolute_at_the_release_tag() {
    let py: toml::Table = toml::from_str(&read("pyproject.toml")).unwrap();
    assert_eq!(py["project"]["readme"].as_str(), Some("python/README.md"));
    let text = read("python/README.md");
    let links = markdown_links(&text);
    assert!(links.len() >= 5, "{links:?}");
    let repo = concat!(env!("CARGO_PKG_REPOSITORY"), "/");
    let tag = concat!("v", env!("CARGO_PKG_VERSION"), "/");
    for link in &links {
        assert!(link.starts_with("https://"), "relative link {link}");
        let Some(path) = link.strip_prefix(repo) else {
            continue;
        };
        let path = path
            .strip_prefix("blob/")
            .or_else(|| path.strip_prefix("tree/"))
            .unwrap_or_else(|| panic!("{link}: not a blob/ or tree/ link"));
        let file = path
            .strip_prefix(tag)
            .unwrap_or_else(|| panic!("{link}: not at the tag {tag}"));
        let file = file.split('#').next().unwrap_or(file);
        assert!(
            crate::common::root().join(file).exists(),
            "{link}: no {file}"
        );
    }
    assert!(
        text.contains(concat!("samictl==", env!("CARGO_PKG_VERSION"))),
        "the pre-commit recipe pins this version"
    );
}

/// With no `version` input the action installs its own tag's release (the installer reads
/// `github.action_ref` through env); `fmt` and `summary` are opt-in.
#[test]
fn action_defaults_to_its_own_version_and_opt_in_extras() {
    let action = yaml("action.yml");
    let inputs = &action["inputs"];
    assert_eq!(inputs["version"]["default"], "");
    assert_eq!(inputs["fmt"]["default"], "");
    assert_eq!(inputs["summary"]["default"], "false");
    let steps = action["runs"]["steps"].as_array().unwrap();
    assert_eq!(
        steps[0]["env"]["SAMICTL_ACTION_REF"],
        "${{ github.action_ref }}"
    );
    let installer = read(".github/scripts/install-samictl.sh");
    assert!(installer.contains("SAMICTL_ACTION_REF"));
    assert!(installer.contains("GITHUB_ACTION_PATH"));
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    assert!(runs.iter().any(|r| r.contains("samictl fmt --check")));
    assert!(runs.iter().any(|r| r.contains("job-summary.sh")));
}

/// The samictl-fmt hook checks (docs/spec 18: `fmt --check`), it never rewrites.
#[test]
fn fmt_hook_runs_fmt_check() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let fmt = hooks
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["id"] == "samictl-fmt")
        .expect("a samictl-fmt hook");
    assert_eq!(fmt["entry"], "samictl fmt --check --force-exclude");
    assert_eq!(fmt["types"], serde_json::json!(["yaml"]));
}
