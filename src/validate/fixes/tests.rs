//! The recipes, on the tree the check walks.

use super::*;
use crate::config::Settings;

/// Every `.yaml` file under `dir`, recursively.
fn yaml_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
}

/// The fixes attached on the findings' walk (only the nodes findings point at indexed) are
/// those of an index of every node, on every fixture and on a file whose fix needs the item
/// holding the node its finding points at.
#[test]
fn fixes_on_the_wanted_nodes_are_the_fixes_on_every_node() {
    let mut files = Vec::new();
    yaml_files(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"),
        &mut files,
    );
    let mut sources: Vec<String> = files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    sources.push(format!(
        "{HEAD}  successful-transfer:\n    actions:\n      - type: cancel-enrollment\n      - {{type: pause-enrollment}}\n      - type: tag\n        name: a\n      - type: tag\n        name: a\n    notify:\n      emails: [a@b.co, a@b.co]\n  opt-out: {{}}\n"
    ));
    let settings = Settings::default();
    let mut fixable = 0;
    for source in &sources {
        let Ok(root) = crate::yaml::read(source) else {
            continue;
        };
        let mut walker = super::super::walker::Walker {
            diags: Vec::new(),
            policy: &settings.policy,
            source,
            direction: None,
            channel: crate::product::Channel::Call,
            sms_card: None,
            missing: HashMap::new(),
        };
        walker.root(&root);
        let mut wanted = walker.diags.clone();
        let mut every = walker.diags.clone();
        attach_indexed(
            source,
            &root,
            &settings,
            &mut wanted,
            &walker.missing,
            true,
            false,
        );
        attach_indexed(
            source,
            &root,
            &settings,
            &mut every,
            &walker.missing,
            true,
            true,
        );
        assert_eq!(wanted, every, "{source}");
        fixable += wanted.iter().filter(|d| d.fix.is_some()).count();
    }
    assert!(fixable > 10, "only {fixable} fixes over the fixtures");
}

const HEAD: &str = "version: 1\nbot:\n  name: A\n  direction: outbound\noutcomes:\n";

#[test]
fn presets_are_cut_from_the_template() {
    assert_eq!(preset_card(Outcome::OptOut, 2, "\n"), "  opt-out: {}\n");
    let card = preset_card(Outcome::MissedTransfer, 4, "\r\n");
    assert!(
        card.starts_with("    missed-transfer:\r\n      actions:\r\n"),
        "{card}"
    );
    assert!(card.ends_with("        owner: true\r\n"), "{card}");
}
