//! The test layout: one integration-test binary (`tests/it/`), so CI links one executable.

use crate::common::root;

/// Every integration test is a module of `tests/it/main.rs`; a new `tests/NAME.rs` would be a
/// binary of its own (cargo finds those by itself), linked separately.
#[test]
fn one_test_binary() {
    let mut stray = Vec::new();
    for entry in std::fs::read_dir(root().join("tests")).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".rs") {
            stray.push(name);
        }
    }
    assert!(
        stray.is_empty(),
        "move {stray:?} into tests/it/ as a module (`mod NAME;` in tests/it/main.rs), using \
         tests/it/common.rs to run samictl"
    );
    let main = std::fs::read_to_string(root().join("tests/it/main.rs")).unwrap();
    for entry in std::fs::read_dir(root().join("tests/it"))
        .unwrap()
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(module) = name.strip_suffix(".rs").filter(|m| *m != "main") {
            assert!(
                main.lines().any(|l| l == format!("mod {module};")),
                "tests/it/{name} is not a module of tests/it/main.rs: its tests never run"
            );
        }
    }
}
