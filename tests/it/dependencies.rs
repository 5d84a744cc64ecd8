//! Dependency pairings the code relies on, read from the committed Cargo.lock.

use crate::common::root;

/// The version of `dep` that the locked package `from` uses: an entry in its `dependencies` is
/// `NAME` when one version of NAME is locked, `NAME VERSION` when several are.
fn locked_dependency(lock: &toml::Table, from: &str, dep: &str) -> String {
    let packages = lock["package"].as_array().expect("Cargo.lock has packages");
    let versions: Vec<&str> = packages
        .iter()
        .filter(|p| p["name"].as_str() == Some(dep))
        .filter_map(|p| p["version"].as_str())
        .collect();
    let user = packages
        .iter()
        .find(|p| p["name"].as_str() == Some(from))
        .unwrap_or_else(|| panic!("{from} is not in Cargo.lock"));
    let entry = user
        .get("dependencies")
        .and_then(|d| d.as_array())
        .into_iter()
        .flatten()
        .filter_map(|d| d.as_str())
        .find(|d| d.split(' ').next() == Some(dep))
        .unwrap_or_else(|| panic!("{from} does not depend on {dep} in Cargo.lock"));
    match entry.split(' ').nth(1) {
        Some(version) => version.to_owned(),
        None => {
            assert_eq!(versions.len(), 1, "{dep}: {versions:?}");
            versions[0].to_owned()
        }
    }
}

/// The fast path of `validate` (src/yaml/fast.rs) reads granit-parser's events itself and must
/// parse exactly what serde-saphyr (the full path) parses: the granit-parser samictl depends on
/// directly is the one serde-saphyr is built on.
#[test]
fn serde_saphyr_and_the_fast_path_share_one_granit_parser() {
    let text = std::fs::read_to_string(root().join("Cargo.lock")).unwrap();
    let lock: toml::Table = toml::from_str(&text).unwrap();
    let direct = locked_dependency(&lock, "samictl", "granit-parser");
    let saphyr = locked_dependency(&lock, "serde-saphyr", "granit-parser");
    assert_eq!(
        direct, saphyr,
        "serde-saphyr is built on granit-parser {saphyr} but samictl depends directly on \
         granit-parser {direct}. The fast path (src/yaml/fast.rs) reads granit-parser's events and \
         must parse exactly what serde-saphyr parses. When bumping serde-saphyr, set \
         granit-parser in Cargo.toml to the version it depends on (`cargo tree -i \
         granit-parser`), read granit-parser's changelog for changes to events, spans and \
         options, and run `cargo test --test it fast_path`."
    );
}

/// The check above can fail: with two granit-parsers locked, each user's own is found.
#[test]
fn two_locked_versions_are_told_apart() {
    let lock: toml::Table = toml::from_str(
        r#"
[[package]]
name = "granit-parser"
version = "2.2.0"

[[package]]
name = "granit-parser"
version = "2.3.0"

[[package]]
name = "samictl"
version = "0.1.0"
dependencies = ["granit-parser 2.3.0", "serde-saphyr"]

[[package]]
name = "serde-saphyr"
version = "2.2.0"
dependencies = ["granit-parser 2.2.0"]
"#,
    )
    .unwrap();
    assert_eq!(
        locked_dependency(&lock, "samictl", "granit-parser"),
        "2.3.0"
    );
    assert_eq!(
        locked_dependency(&lock, "serde-saphyr", "granit-parser"),
        "2.2.0"
    );
}
