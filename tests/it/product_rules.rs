//! "grep finds no product rule outside the table" (issue 12), as a test: no code in `src/`
//! outside the product table (`src/product/`) and the enum that defines the outcome names
//! (`src/outcome.rs`) names an outcome, neither as `Outcome::<Variant>` nor as a tag in a string
//! literal. Code that needs an outcome asks the table (a column, a role, a wording), so a ninth
//! outcome or a changed rule is one row, and no copy can drift.
//!
//! Comments, doc comments and test code (`tests.rs` files, `#[cfg(test)]` items) are skipped:
//! tests name concrete outcomes on purpose.

use crate::common::root;
use samictl::outcome::Outcome;
use std::path::{Path, PathBuf};

/// Files that define the outcomes and the table: the only places allowed to name them.
const OWNERS: [&str; 2] = ["src/product/", "src/outcome.rs"];

/// The variant names of `Outcome`, from the enum itself (its `Debug` names).
fn variants() -> Vec<String> {
    Outcome::ALL.iter().map(|o| format!("{o:?}")).collect()
}

/// The tags as written in files (`opt-out`).
fn tags() -> Vec<&'static str> {
    Outcome::ALL.iter().map(|o| o.tag()).collect()
}

/// One string literal of a source: where it starts (a byte offset) and its text (escapes kept).
struct Literal {
    at: usize,
    text: String,
}

/// A source with its comments and test items blanked (newlines kept, so lines still count),
/// and its string literals apart.
struct Cleaned {
    /// The code, with comments replaced by spaces and string literals by `""`-sized blanks.
    code: String,
    literals: Vec<Literal>,
}

/// Blanks comments (line, block, nested, doc) and separates string literals (plain, byte, raw)
/// from the code. Char literals stay in the code; a lifetime is not mistaken for one.
fn clean(src: &str) -> Cleaned {
    let b = src.as_bytes();
    let mut code = Vec::with_capacity(b.len());
    let mut literals = Vec::new();
    let mut i = 0;
    let blank = |c: u8| if c == b'\n' { b'\n' } else { b' ' };
    while i < b.len() {
        let c = b[i];
        if c == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                code.push(b' ');
                i += 1;
            }
        } else if c == b'/' && b.get(i + 1) == Some(&b'*') {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                    depth += 1;
                    code.extend_from_slice(b"  ");
                    i += 2;
                } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                    depth -= 1;
                    code.extend_from_slice(b"  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    code.push(blank(b[i]));
                    i += 1;
                }
            }
        } else if let Some((body_start, closing)) = literal_start(b, i) {
            // A string literal: plain or byte (with escapes), or raw (r"..", r#".."#, br"..").
            let start = i;
            code.resize(code.len() + (body_start - i), b' ');
            let mut j = body_start;
            while j < b.len() {
                match closing {
                    None if b[j] == b'\\' => j += 2,
                    None if b[j] == b'"' => break,
                    Some(h) if b[j] == b'"' && b[j + 1..].starts_with(&vec![b'#'; h]) => break,
                    _ => j += 1,
                }
            }
            let end = j.min(b.len());
            let text = String::from_utf8_lossy(&b[body_start..end]).into_owned();
            for &ch in &b[body_start..end] {
                code.push(blank(ch));
            }
            let after = (end + 1 + closing.unwrap_or(0)).min(b.len());
            code.resize(code.len() + (after - end), b' ');
            literals.push(Literal { at: start, text });
            i = after;
        } else if c == b'\'' {
            // A char literal ('x', '\n', '\'', '\u{..}') or a lifetime ('a).
            let len = char_literal_len(&b[i..]);
            code.extend_from_slice(&b[i..i + len]);
            i += len;
        } else if c.is_ascii_alphanumeric() || c == b'_' {
            // A whole identifier, so an `r` or `b` ending one isn't taken for a string prefix.
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            code.extend_from_slice(&b[start..i]);
        } else {
            code.push(c);
            i += 1;
        }
    }
    Cleaned {
        code: String::from_utf8_lossy(&code).into_owned(),
        literals,
    }
}

/// At a string literal's start (`"`, `b"`, `r"`, `r#"`, `br"`, `cr#"`): where its body starts,
/// and for a raw string its number of hashes.
fn literal_start(b: &[u8], i: usize) -> Option<(usize, Option<usize>)> {
    if i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_') {
        return None;
    }
    let mut j = i;
    if matches!(b.get(j), Some(b'b' | b'c')) {
        j += 1;
    }
    if b.get(j) == Some(&b'"') {
        return Some((j + 1, None));
    }
    if b.get(j) != Some(&b'r') {
        return None;
    }
    j += 1;
    let hashes = b[j..].iter().take_while(|c| **c == b'#').count();
    j += hashes;
    (b.get(j) == Some(&b'"')).then_some((j + 1, Some(hashes)))
}

/// The length of a char literal at the start of `b`, or 1 for a lifetime's quote.
fn char_literal_len(b: &[u8]) -> usize {
    if b.get(1) == Some(&b'\\') {
        // An escape: up to the closing quote.
        return b[2..].iter().position(|c| *c == b'\'').map_or(1, |p| p + 3);
    }
    // One character (maybe several bytes) then a quote; anything else is a lifetime.
    let ch_len = match b.get(1) {
        Some(c) if *c < 0x80 => 1,
        Some(c) if *c >= 0xF0 => 4,
        Some(c) if *c >= 0xE0 => 3,
        Some(_) => 2,
        None => return 1,
    };
    if b.get(1 + ch_len) == Some(&b'\'') {
        2 + ch_len
    } else {
        1
    }
}

/// Blanks every item marked `#[cfg(test)]` (its attributes, then up to its `;` or the end of
/// its braced body), keeping newlines; with the byte ranges blanked.
fn blank_test_items(code: &str) -> (String, Vec<std::ops::Range<usize>>) {
    let mut ranges = Vec::new();
    let mut b = code.as_bytes().to_vec();
    let mut from = 0;
    while let Some(at) = code[from..].find("#[cfg(test)]").map(|p| p + from) {
        let mut j = at;
        let mut depth = 0usize;
        while j < b.len() {
            match b[j] {
                b'{' => depth += 1,
                b'}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        j += 1;
                        break;
                    }
                }
                b';' if depth == 0 => {
                    j += 1;
                    break;
                }
                _ => {}
            }
            j += 1;
        }
        let end = j.min(code.len());
        for c in &mut b[at..end] {
            if *c != b'\n' {
                *c = b' ';
            }
        }
        ranges.push(at..end);
        from = end;
    }
    (String::from_utf8_lossy(&b).into_owned(), ranges)
}

/// The 1-based line of byte `at`.
fn line_of(text: &str, at: usize) -> usize {
    text[..at].bytes().filter(|c| *c == b'\n').count() + 1
}

/// True when `tag` occurs in `text` as a whole tag: not inside a longer name
/// (`do-not-contact-on-opt-out`, the rule id `criteria-catches-opt-out`) or word (`opt-outs`).
fn has_tag(text: &str, tag: &str) -> bool {
    let part = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    text.match_indices(tag).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + tag.len()..].chars().next();
        !before.is_some_and(part) && !after.is_some_and(part)
    })
}

/// Every place in `src` that names an outcome: "LINE: what".
fn findings(src: &str) -> Vec<String> {
    let cleaned = clean(src);
    let (code, tests) = blank_test_items(&cleaned.code);
    let mut found = Vec::new();
    for variant in variants() {
        let needle = format!("Outcome::{variant}");
        for (at, _) in code.match_indices(&needle) {
            let next = code[at + needle.len()..].chars().next();
            if next.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
                continue;
            }
            found.push((line_of(&code, at), needle.clone()));
        }
    }
    // A variant imported by a glob or a list (`use Outcome::*`, `Outcome::{OptOut}`) would be
    // named bare afterwards: the import is the finding.
    for needle in ["Outcome::*", "Outcome::{"] {
        for (at, _) in code.match_indices(needle) {
            found.push((line_of(&code, at), format!("{needle} (variants imported)")));
        }
    }
    for lit in &cleaned.literals {
        if tests.iter().any(|r| r.contains(&lit.at)) {
            continue;
        }
        for tag in tags() {
            if has_tag(&lit.text, tag) {
                found.push((
                    line_of(&code, lit.at),
                    format!("\"{tag}\" in a string literal"),
                ));
            }
        }
    }
    found.sort();
    found
        .into_iter()
        .map(|(line, what)| format!("{line}: {what}"))
        .collect()
}

/// The `.rs` files under `dir`, sorted.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every finding of every scanned file, as "FILE:LINE: what", and how many files were scanned.
fn scan_src() -> (Vec<String>, usize) {
    let mut scanned = 0;
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let mut found = Vec::new();
    for path in files {
        let rel = path
            .strip_prefix(root())
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        if OWNERS
            .iter()
            .any(|o| rel == *o || (o.ends_with('/') && rel.starts_with(o)))
            || rel.ends_with("/tests.rs")
        {
            continue;
        }
        scanned += 1;
        let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{rel}: {e}"));
        found.extend(findings(&src).into_iter().map(|f| format!("{rel}:{f}")));
    }
    (found, scanned)
}

#[test]
fn no_outcome_is_named_outside_the_table() {
    let (found, scanned) = scan_src();
    // The walk found the sources (a wrong root would pass vacuously).
    assert!(scanned > 50, "only {scanned} files scanned under src/");
    assert!(
        found.is_empty(),
        "code outside src/product/ and src/outcome.rs names an outcome; ask the table (a \
         column, a role, a wording: see product::example) instead:\n{}",
        found.join("\n")
    );
}

/// The scanner finds what it must, and skips what it must: a planted reference of each kind
/// fails it, the same names in comments, doc comments, tests and longer names don't.
#[test]
fn the_scanner_finds_planted_references() {
    let planted = "use crate::outcome::Outcome;\n\
        fn rule(o: Outcome) -> bool {\n\
        \x20   o == Outcome::OptOut\n\
        }\n\
        const HELP: &str = \"use needs-follow-up here\";\n\
        const RAW: &str = r#\"a \"bad-number\" card\"#;\n\
        const FINE: &str = \"criteria-catches-opt-out, do-not-contact-on-opt-out, SMS opt-outs\";\n\
        // Outcome::BadNumber in a comment, \"opt-out\" too\n\
        /// Doc: `Outcome::NotInterested`, \"unqualified\"\n\
        /* block Outcome::ContactLater /* nested \"opt-out\" */ */\n\
        fn lifetime<'a>(s: &'a str) -> char { let _ = s; '\"' }\n\
        const AFTER: &str = \"contact-later\";\n\
        #[cfg(test)]\n\
        mod tests {\n\
        \x20   const T: &str = \"opt-out\";\n\
        \x20   fn t() { let _ = super::Outcome::OptOut; }\n\
        }\n\
        fn last() -> Outcome { Outcome::MissedTransfer }\n";
    assert_eq!(
        findings(planted),
        [
            "3: Outcome::OptOut",
            "5: \"needs-follow-up\" in a string literal",
            "6: \"bad-number\" in a string literal",
            "12: \"contact-later\" in a string literal",
            "18: Outcome::MissedTransfer",
        ]
    );
    // A variant name that merely starts like one (`Outcome::OptOutRole`) is not a reference.
    assert!(findings("fn f() { Outcome::OptOutX; }").is_empty());
    assert_eq!(
        findings("use crate::outcome::Outcome::*;\nuse Outcome::{OptOut as O};\n"),
        [
            "1: Outcome::* (variants imported)",
            "2: Outcome::{ (variants imported)"
        ]
    );
    assert_eq!(variants().len(), Outcome::COUNT);
    assert_eq!(tags().len(), Outcome::COUNT);
}
