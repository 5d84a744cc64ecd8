//! The language server and `samictl fix` read a file once for its findings and their fixes
//! (issue 18): what they get from that one read is what a separate read gives.

use samictl::config::Settings;
use samictl::fix;
use samictl::validate::{findings, findings_and_fixes};

fn fixture_texts() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut dirs = vec![std::path::PathBuf::from("fixtures")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((path.display().to_string(), text));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn one_read_gives_the_findings_and_fixes_of_two() {
    let settings = Settings::default();
    let mut fixable = 0;
    for (name, text) in fixture_texts() {
        let (diagnostics, fixes) = findings_and_fixes(text.as_bytes(), &settings);
        let reference = findings(text.as_bytes(), &settings);
        assert_eq!(diagnostics, reference, "{name}");
        assert_eq!(fixes, fix::fixes(&text, &reference), "{name}");
        assert_eq!(fixes.len(), diagnostics.len(), "{name}");
        fixable += fixes.iter().flatten().count();
    }
    assert!(fixable > 10, "only {fixable} fixes in the fixtures");
}
