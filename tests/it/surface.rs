//! The library's surface (docs/architecture.md, "The library's surface"): a top-level module of
//! `src/lib.rs` that nothing outside the library names (`samictl::NAME` in the binary, the tests,
//! the benches or the fuzz target) is `pub(crate)` and carries `#[warn(unreachable_pub)]`, so a
//! new `pub` item in it fails `cargo clippy -- -D warnings` (the compiler knows what a re-export
//! reaches; this test only checks that every crate-private module asks it).

use crate::common::root;
use std::path::Path;

/// Every `.rs` file under `dir`, appended to `out`.
fn read_rs(dir: &Path, out: &mut String) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            read_rs(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push_str(&std::fs::read_to_string(&path).unwrap());
            out.push('\n');
        }
    }
}

/// The text of everything that uses the library from outside.
fn outside() -> String {
    let root = root();
    let mut text = std::fs::read_to_string(root.join("src/main.rs")).unwrap();
    for dir in ["src/cli", "tests", "benches", "fuzz/fuzz_targets"] {
        read_rs(&root.join(dir), &mut text);
    }
    text
}

/// Whether `text` names `samictl::NAME` (not a longer name that starts with it).
fn names(text: &str, name: &str) -> bool {
    let needle = format!("samictl::{name}");
    text.match_indices(&needle).any(|(at, _)| {
        !text[at + needle.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

/// The modules of `src/lib.rs`: name, whether `pub`, whether `#[warn(unreachable_pub)]` is on it.
fn modules() -> Vec<(String, bool, bool)> {
    let lib = std::fs::read_to_string(root().join("src/lib.rs")).unwrap();
    let mut out = Vec::new();
    let mut linted = false;
    for line in lib.lines().map(str::trim) {
        if let Some(name) = line.strip_prefix("pub mod ") {
            out.push((name.trim_end_matches(';').to_owned(), true, linted));
        } else if let Some(name) = line.strip_prefix("pub(crate) mod ") {
            out.push((name.trim_end_matches(';').to_owned(), false, linted));
        }
        linted = line == "#[warn(unreachable_pub)]";
    }
    out
}

#[test]
fn unused_modules_are_crate_private_and_linted() {
    let outside = outside();
    let modules = modules();
    assert!(modules.len() > 10, "src/lib.rs not parsed: {modules:?}");
    let mut wrong = Vec::new();
    for (name, public, linted) in &modules {
        let used = names(&outside, name);
        if *public && !used {
            wrong.push(format!(
                "nothing outside the library uses `{name}`: make it pub(crate)"
            ));
        }
        if !public && used {
            wrong.push(format!(
                "`{name}` is crate-private but named as samictl::{name}"
            ));
        }
        if !linted {
            wrong.push(format!(
                "put #[warn(unreachable_pub)] on `mod {name};` in src/lib.rs"
            ));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn names_needs_the_whole_module_name() {
    assert!(names("use samictl::fmt::x;", "fmt"));
    assert!(!names("use samictl::fmt_x;", "fmt"));
    assert!(!names("use other::fmt;", "fmt"));
}
