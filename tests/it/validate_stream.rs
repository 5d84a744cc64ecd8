//! `validate` writes each file's report as soon as every earlier one is written (issue 18): its
//! output must be byte for byte what the whole-run renderers give for the same reports, in every
//! format, on the shipped fixtures and on a generated tree larger than the streaming window.

use crate::common;
use samictl::config::Settings;
use samictl::render::human::Palette;
use samictl::render::{FileReport, github, human, json, junit, sarif};
use samictl::validate::findings_and_fixes;
use std::path::{Path, PathBuf};
use std::process::Command;

const FORMATS: [&str; 5] = ["human", "json", "sarif", "github", "junit"];

/// The report of one file as `validate` built it before streaming (read, check, keep the lines
/// the findings point at).
fn report(path: &Path, display: &str) -> FileReport {
    let bytes = std::fs::read(path).unwrap();
    if bytes.len() > samictl::yaml::MAX_FILE_BYTES {
        let diagnostics = samictl::validate::oversized(Some(bytes.len() as u64)).diagnostics;
        let mut r = FileReport::new(display.to_owned(), "", diagnostics);
        r.lines.clear();
        return r;
    }
    let (diagnostics, fixes) = findings_and_fixes(&bytes, &Settings::default());
    let source = String::from_utf8_lossy(&bytes);
    FileReport::with_fixes(display.to_owned(), &source, diagnostics, fixes)
}

/// What the whole-run renderer gives for these reports.
fn whole(format: &str, reports: &[FileReport]) -> String {
    match format {
        "human" => human::validate_report(reports, &Palette::new(false)),
        "json" => json::validate_report(reports),
        "sarif" => sarif::validate_report(reports),
        "github" => github::validate_report(reports),
        "junit" => junit::validate_report(reports),
        other => panic!("unknown format {other}"),
    }
}

fn run(dir: &Path, format: &str) -> (Vec<u8>, Option<i32>) {
    let out = Command::new(common::BIN)
        .current_dir(dir)
        .args(["--no-config", "validate", "--format", format, "."])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (out.stdout, out.status.code())
}

/// Every `*.yaml` / `*.yml` under `dir` but expectation files, sorted by the name shown.
fn bot_files(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let kind = entry.file_type().unwrap();
            if kind.is_dir() {
                dirs.push(path);
            } else if kind.is_file()
                && (name.ends_with(".yaml") || name.ends_with(".yml"))
                && !name.ends_with(".test.yaml")
                && !name.ends_with(".test.yml")
            {
                let shown = path.strip_prefix(dir).unwrap().display().to_string();
                files.push((path, shown));
            }
        }
    }
    files.sort_by(|a, b| a.1.cmp(&b.1));
    files
}

fn check_tree(dir: &Path) -> usize {
    let files = bot_files(dir);
    let reports: Vec<FileReport> = files.iter().map(|(p, s)| report(p, s)).collect();
    let errors = reports.iter().any(|r| r.tally().errors > 0);
    for format in FORMATS {
        let (stdout, code) = run(dir, format);
        let expected = whole(format, &reports);
        let got = String::from_utf8(stdout).unwrap();
        if got != expected {
            let at = got
                .bytes()
                .zip(expected.bytes())
                .position(|(a, b)| a != b)
                .unwrap_or(got.len().min(expected.len()));
            let from = at.saturating_sub(200);
            panic!(
                "{format}: output differs at byte {at} (got {} bytes, expected {}):\n--- got\n{}\n--- expected\n{}",
                got.len(),
                expected.len(),
                &got[from.min(got.len())..(at + 200).min(got.len())],
                &expected[from.min(expected.len())..(at + 200).min(expected.len())]
            );
        }
        assert_eq!(code, Some(if errors { 1 } else { 0 }), "{format}");
    }
    files.len()
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn fixtures_stream_byte_identical() {
    // The fixtures as one tree (their samictl.toml files are ignored with --no-config).
    let dir = common::scratch("stream-fixtures");
    copy_tree(Path::new("fixtures"), &dir);
    let n = check_tree(&dir);
    assert!(n > 50, "{n} fixture files");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn generated_tree_streams_byte_identical() {
    // More files than the streaming window, mixed: clean, with warnings, with errors, broken,
    // oversized, hostile names; a fixture's text under each name.
    let dir = common::scratch("stream-generated");
    let texts: Vec<String> = [
        "fixtures/valid/seller-outreach.yaml",
        "fixtures/invalid/many-findings.yaml",
        "fixtures/invalid/placeholders.yaml",
        "fixtures/invalid/raw-escape.yaml",
        "fixtures/fleet/zz-broken.yaml",
        "fixtures/fleet/reactivation.yaml",
    ]
    .iter()
    .map(|p| std::fs::read_to_string(p).unwrap())
    .collect();
    for i in 0..700 {
        let sub = dir.join(format!("team-{:02}", i % 13));
        std::fs::create_dir_all(&sub).unwrap();
        let name = match i % 50 {
            7 => format!("we,ird:{i} %0A<&>\u{202e}.yaml"),
            9 => format!("bot-{i}.yml"),
            _ => format!("bot-{i:04}.yaml"),
        };
        let text = &texts[(i * 7 + i / 5) % texts.len()];
        std::fs::write(sub.join(name), text).unwrap();
    }
    // One file over the 1 MiB cap: a yaml-syntax finding that states its size.
    let big = format!("name: x\n#{}\n", "x".repeat(samictl::yaml::MAX_FILE_BYTES));
    std::fs::write(dir.join("big.yaml"), big).unwrap();
    let n = check_tree(&dir);
    assert_eq!(n, 701);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_clean_tree_streams_byte_identical() {
    let dir = common::scratch("stream-clean");
    let text = std::fs::read_to_string("fixtures/valid/seller-outreach.yaml").unwrap();
    for i in 0..300 {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("b{i:03}.yaml")), &text).unwrap();
    }
    check_tree(&dir);
    std::fs::remove_dir_all(&dir).ok();
}
