//! The docs are run: every ```` ```console ```` block of `README.md` and `docs/*.md` is a
//! session that this test replays, command by command, comparing what samictl prints with what
//! the block shows, so an example that goes stale fails CI (issue 26).
//!
//! A block's `$ samictl ARGS` line is a command (a trailing `# comment` is not part of it); the
//! lines up to the next `$` line are what it prints (standard output, then standard error); a
//! `? N` line right after the command is its exit code (0 when absent). In the expected text, a
//! line `...` stands for any number of lines and `[..]` for any text within a line. `$ cat FILE`
//! shows a file. Each document runs in a fresh sandbox: a copy of `fixtures/` and, at its top,
//! of `fixtures/docs/` (so the docs can say `bots/seller.yaml`), with `NO_COLOR=1` and
//! `COLUMNS=100`; the commands of one document share it, in order, as a shell session would.
//!
//! Blocks that can't run (installing, GitHub workflow YAML, a command needing git history) are
//! fenced as ```` ```sh ````, ```` ```yaml ```` or ```` ```text ```` and hold no `$ samictl`
//! prompt line: the prompt is what marks a runnable example, and a prompt outside a console
//! block fails here, unless the line before the fence says why it can't run
//! (`<!-- not run: needs a terminal ... -->`, for an interactive session).
//!
//! `SAMICTL_REGENERATE=1 cargo test --test it docs_examples::` rewrites the output of each
//! command that no longer matches (keeping the rest of the document as written); review the
//! diff, then shorten long outputs with `...` where the detail isn't the point.

use crate::common::{self, root};
use std::path::{Path, PathBuf};

/// One command of a console block and where its expected output sits in the document.
struct Example {
    /// 1-based line of the `$` line.
    line: usize,
    words: Vec<String>,
    code: i32,
    expected: Vec<String>,
    /// The document's lines holding `? N` and the expected output: `[start, end)`.
    span: (usize, usize),
}

/// The documents whose console blocks run: README.md and every docs/*.md.
fn documents() -> Vec<PathBuf> {
    let mut docs = vec![root().join("README.md")];
    let mut more: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    more.sort();
    docs.extend(more);
    docs
}

/// Splits a command line into words: double and single quotes group, ` #` starts a comment.
/// Shell operators (pipes, redirections, `&&`, `;`) are refused: such a command can't be
/// replayed as written, so its block must be fenced as `sh`.
fn words(line: &str, at: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    for c in line.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => word.push(c),
            None => match c {
                '"' | '\'' => {
                    quote = Some(c);
                    in_word = true;
                }
                '#' if !in_word => break,
                '|' | '>' | '<' | ';' | '&' => {
                    panic!("{at}: `{line}` uses the shell (`{c}`): fence the block as ```sh")
                }
                c if c.is_whitespace() => {
                    if in_word {
                        out.push(std::mem::take(&mut word));
                        in_word = false;
                    }
                }
                c => {
                    word.push(c);
                    in_word = true;
                }
            },
        }
    }
    assert!(quote.is_none(), "{at}: unbalanced quote in `{line}`");
    if in_word {
        out.push(word);
    }
    out
}

/// The commands of every console block of `text`; panics on a `$` prompt outside one.
fn examples(text: &str, doc: &str) -> Vec<Example> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<Example> = Vec::new();
    let mut fence: Option<&str> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let at = format!("{doc}:{}", i + 1);
        if let Some(info) = line.strip_prefix("```") {
            // `<!-- not run: REASON -->` on the line before a fence marks a block that shows a
            // session which can't be replayed (a terminal's prompts).
            let not_run = i > 0 && lines[i - 1].starts_with("<!-- not run:");
            fence = match fence {
                None if not_run => Some("not run"),
                None => Some(info.trim()),
                Some(_) => None,
            };
            i += 1;
            continue;
        }
        let Some(command) = line.strip_prefix("$ ") else {
            i += 1;
            continue;
        };
        match fence {
            Some("console") => {}
            Some("not run") => {
                i += 1;
                continue;
            }
            Some(other) => {
                assert!(
                    !command.starts_with("samictl"),
                    "{at}: a `$ samictl` prompt in a ```{other} block: fence runnable examples \
                     as ```console (they are run), others without the `$ ` prompt"
                );
                i += 1;
                continue;
            }
            None => {
                i += 1;
                continue;
            }
        }
        let words = words(command, &at);
        let start = i + 1;
        let mut j = start;
        let mut code = 0;
        if let Some(status) = lines.get(j).and_then(|l| l.strip_prefix("? ")) {
            code = status
                .trim()
                .parse()
                .unwrap_or_else(|_| panic!("{at}: `? {status}`: write the exit code"));
            j += 1;
        }
        let mut expected = Vec::new();
        while j < lines.len() && !lines[j].starts_with("$ ") && !lines[j].starts_with("```") {
            expected.push(lines[j].to_owned());
            j += 1;
        }
        out.push(Example {
            line: i + 1,
            words,
            code,
            expected,
            span: (start, j),
        });
        i = j;
    }
    assert!(fence.is_none(), "{doc}: a fenced block is never closed");
    out
}

/// Whether `line` matches `pattern`, where `[..]` stands for any text.
fn line_matches(pattern: &str, line: &str) -> bool {
    let parts: Vec<&str> = pattern.split("[..]").collect();
    if parts.len() == 1 {
        return pattern == line;
    }
    let mut rest = line;
    for (k, part) in parts.iter().enumerate() {
        if k == 0 {
            let Some(r) = rest.strip_prefix(part) else {
                return false;
            };
            rest = r;
        } else if k == parts.len() - 1 {
            return rest.ends_with(part);
        } else {
            let Some(at) = rest.find(part) else {
                return false;
            };
            rest = &rest[at + part.len()..];
        }
    }
    true
}

/// Whether `actual` matches `expected`, where a line `...` stands for any number of lines.
fn matches(expected: &[String], actual: &[&str]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((first, rest)) if first == "..." => {
            (0..=actual.len()).any(|skip| matches(rest, &actual[skip..]))
        }
        Some((first, rest)) => actual
            .split_first()
            .is_some_and(|(a, more)| line_matches(first, a) && matches(rest, more)),
    }
}

/// Copies the folder `from` into `to`, recursively.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let kind = entry.file_type().unwrap();
        let target = to.join(entry.file_name());
        if kind.is_dir() {
            copy_tree(&entry.path(), &target);
        } else if kind.is_file() {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// What one command prints (standard output, then standard error) and its exit code.
fn run(dir: &Path, words: &[String], at: &str) -> (String, i32) {
    match words.split_first() {
        Some((cat, files)) if cat == "cat" => {
            let text: String = files
                .iter()
                .map(|f| {
                    std::fs::read_to_string(dir.join(f))
                        .unwrap_or_else(|e| panic!("{at}: {f}: {e}"))
                })
                .collect();
            (text, 0)
        }
        Some((bin, args)) if bin == "samictl" => {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let mut cmd = common::samictl(dir, &args);
            cmd.env("NO_COLOR", "1")
                .env("COLUMNS", "100")
                .env_remove("CLICOLOR_FORCE")
                .env_remove("SAMICTL_CONFIG");
            let r = common::run(&mut cmd);
            (format!("{}{}", r.stdout, r.stderr), r.code)
        }
        _ => panic!("{at}: only `samictl` and `cat` run in a console block: fence it as ```sh"),
    }
}

#[test]
fn every_console_block_of_the_docs_runs_as_shown() {
    let regenerate = std::env::var_os("SAMICTL_REGENERATE").is_some();
    let mut failures = Vec::new();
    let mut ran = 0;
    for path in documents() {
        let doc = path.strip_prefix(root()).unwrap().display().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let examples = examples(&text, &doc);
        if examples.is_empty() {
            continue;
        }
        let name = format!("docs_examples-{}", doc.replace(['/', '.'], "-"));
        let dir = common::scratch(&name);
        copy_tree(&root().join("fixtures"), &dir.join("fixtures"));
        copy_tree(&root().join("fixtures/docs"), &dir);
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        // Replacements, applied from the end so earlier spans stay put.
        let mut rewrites: Vec<((usize, usize), Vec<String>)> = Vec::new();
        for ex in &examples {
            let at = format!("{doc}:{}", ex.line);
            let (output, code) = run(&dir, &ex.words, &at);
            ran += 1;
            let actual: Vec<&str> = output.lines().collect();
            if code == ex.code && matches(&ex.expected, &actual) {
                continue;
            }
            let mut shown: Vec<String> = Vec::new();
            if code != 0 {
                shown.push(format!("? {code}"));
            }
            shown.extend(actual.iter().map(|l| (*l).to_owned()));
            failures.push(format!(
                "{at}: `{}` exits {code} (shown: {}) and prints:\n{}\n--- the doc shows:\n{}",
                ex.words.join(" "),
                ex.code,
                actual.join("\n"),
                ex.expected.join("\n")
            ));
            rewrites.push((ex.span, shown));
        }
        if regenerate && !rewrites.is_empty() {
            for ((start, end), shown) in rewrites.into_iter().rev() {
                lines.splice(start..end, shown);
            }
            let mut new = lines.join("\n");
            new.push('\n');
            std::fs::write(&path, new).unwrap();
        }
    }
    assert!(ran > 0, "no console block found in the docs");
    if !regenerate {
        assert!(
            failures.is_empty(),
            "{} doc example(s) don't print what the docs show (SAMICTL_REGENERATE=1 rewrites \
             them):\n\n{}",
            failures.len(),
            failures.join("\n\n")
        );
    }
}

#[test]
fn the_runner_reads_blocks_as_documented() {
    let doc = "text\n```console\n$ samictl validate x.yaml   # a comment\n? 1\nerror: [..]\n...\ndone\n$ samictl rules\n```\n```sh\nsamictl fix bots/\n```\n";
    let ex = examples(doc, "t.md");
    assert_eq!(ex.len(), 2);
    assert_eq!(ex[0].words, ["samictl", "validate", "x.yaml"]);
    assert_eq!(ex[0].code, 1);
    assert_eq!(ex[0].expected, ["error: [..]", "...", "done"]);
    assert_eq!(ex[1].words, ["samictl", "rules"]);
    assert!(matches(&ex[0].expected, &["error: no", "a", "b", "done"]));
    assert!(matches(&ex[0].expected, &["error: no", "done"]));
    assert!(!matches(&ex[0].expected, &["error: no", "done", "more"]));
    assert!(!matches(&ex[0].expected, &["warning: no", "done"]));
    assert_eq!(
        words(r#"samictl init --name "Seller Outreach" 'a b'"#, "t"),
        ["samictl", "init", "--name", "Seller Outreach", "a b"]
    );
    // A prompt outside a console block is refused: it would look run and never be.
    let stray = std::panic::catch_unwind(|| examples("```text\n$ samictl rules\n```\n", "t.md"));
    assert!(stray.is_err());
}
