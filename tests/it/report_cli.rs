//! `samictl report` and `samictl diff --git --format html` from the command line (docs/spec 19):
//! escaping of hostile names and paths, exit codes, and the shared writer's refusals.

use crate::common::{fixture, git, run, samictl, scratch, write};
use std::path::Path;

const HOSTILE_BOT: &str = "version: 1\nbot:\n  name: \"</script><script>alert(1)</script>\\u202e\\u200b&amp;\"\n  direction: outbound\noutcomes:\n  opt-out:\n    actions:\n      - type: note\n        text: \"<b>opted-out</b>\"\n";

fn page(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

/// The only tags a page holds are its own: one script, no img, none of the files' `<b>`s.
fn assert_inert(html: &str) {
    assert_eq!(html.matches("<script").count(), 1, "one script element");
    for tag in [
        "<b>x", "<b>opted", "<b>new", "<img", "<iframe", "<object", "<link", "http://", "https://",
    ] {
        assert!(!html.contains(tag), "{tag} in the page");
    }
    assert!(
        !html
            .chars()
            .any(|c| c == '\u{202e}' || c == '\u{200b}' || c == '\u{1b}'),
        "a raw control or invisible character in the page"
    );
}

#[test]
fn hostile_names_and_paths_are_escaped() {
    let dir = scratch("report_cli_hostile");
    write(&dir, "bots/<b>x</b>&\u{202e}.yaml", HOSTILE_BOT);
    write(&dir, "bots/ok.yaml", &fixture("fleet/reactivation.yaml"));
    let r = run(&mut samictl(
        &dir,
        &["--no-config", "report", "bots", "-o", "out.html"],
    ));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let html = page(&dir, "out.html");
    assert_inert(&html);
    assert!(html.contains(
        "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;\\u{202e}\\u{200b}&amp;amp;"
    ));
    assert!(html.contains("bots/&lt;b&gt;x&lt;/b&gt;&amp;\\u{202e}.yaml"));
    assert!(
        html.contains("note \"&lt;b&gt;opted-out&lt;/b&gt;\""),
        "{html}"
    );
    // The message on standard error names the file escaped too.
    assert!(
        r.stderr.starts_with("wrote out.html: 2 bot files"),
        "{}",
        r.stderr
    );
}

#[test]
fn exit_codes_follow_validate() {
    let dir = scratch("report_cli_exit");
    write(&dir, "clean/a.yaml", &fixture("fleet/reactivation.yaml"));
    write(&dir, "broken/b.yaml", &fixture("fleet/zz-broken.yaml"));
    std::fs::create_dir_all(dir.join("empty")).unwrap();
    let clean = run(&mut samictl(
        &dir,
        &["--no-config", "report", "clean", "-o", "clean.html"],
    ));
    assert_eq!(clean.code, 0, "{}", clean.stderr);
    // Warnings alone pass; --deny-warnings fails on them (reactivation has outcome-missing).
    assert!(page(&dir, "clean.html").contains("outcome-missing"));
    let deny = run(&mut samictl(
        &dir,
        &[
            "--no-config",
            "report",
            "clean",
            "--deny-warnings",
            "-o",
            "deny.html",
        ],
    ));
    assert_eq!(deny.code, 1, "{}", deny.stderr);
    // A file with errors: exit 1, and the page is written with its findings.
    let broken = run(&mut samictl(
        &dir,
        &["--no-config", "report", "broken", "-o", "broken.html"],
    ));
    assert_eq!(broken.code, 1);
    assert!(
        broken.stderr.contains("1 file has errors"),
        "{}",
        broken.stderr
    );
    let html = page(&dir, "broken.html");
    assert!(html.contains("has errors</span>: what it would do can't be trusted"));
    assert!(html.contains("href=\"#rule-"));
    // Usage trouble: exit 2, nothing written.
    for (path, out) in [("empty", "e.html"), ("missing", "m.html")] {
        let r = run(&mut samictl(
            &dir,
            &["--no-config", "report", path, "-o", out],
        ));
        assert_eq!(r.code, 2, "{path}: {}", r.stderr);
        assert!(!dir.join(out).exists());
    }
}

#[cfg(unix)]
#[test]
fn the_shared_writer_refuses_what_is_not_a_regular_file() {
    let dir = scratch("report_cli_writer");
    write(&dir, "bots/a.yaml", &fixture("fleet/reactivation.yaml"));
    let fifo = dir.join("fifo.html");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    std::fs::create_dir_all(dir.join("folder.html")).unwrap();
    std::os::unix::fs::symlink("nowhere/page.html", dir.join("dangling.html")).unwrap();
    for target in ["fifo.html", "folder.html", "dangling.html"] {
        let r = run(&mut samictl(
            &dir,
            &["--no-config", "report", "bots", "-o", target],
        ));
        assert_eq!(r.code, 2, "{target}: {}", r.stderr);
        assert!(
            r.stderr.contains("nothing was written"),
            "{target}: {}",
            r.stderr
        );
    }
    assert!(!dir.join("nowhere").exists());
    // An existing page is replaced whole, keeping its mode; no temporary file is left.
    use std::os::unix::fs::PermissionsExt;
    write(&dir, "page.html", "old");
    std::fs::set_permissions(
        dir.join("page.html"),
        std::fs::Permissions::from_mode(0o640),
    )
    .unwrap();
    let r = run(&mut samictl(
        &dir,
        &["--no-config", "report", "bots", "-o", "page.html"],
    ));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(page(&dir, "page.html").starts_with("<!DOCTYPE html>"));
    let mode = std::fs::metadata(dir.join("page.html"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o640);
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".samictl-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// `-o` naming one of the bot files read (by its name, through a link, or found in a folder)
/// is refused: the page would replace the bot file. `diff --format html -o` too.
#[test]
fn an_output_that_is_an_input_is_refused() {
    let dir = scratch("report_cli_self");
    let bot = fixture("fleet/reactivation.yaml");
    write(&dir, "bots/a.yaml", &bot);
    write(&dir, "b.yaml", &bot);
    std::os::unix::fs::symlink("bots/a.yaml", dir.join("link.html")).unwrap();
    for args in [
        &["--no-config", "report", "bots/a.yaml", "-o", "bots/a.yaml"][..],
        &["--no-config", "report", "bots", "-o", "bots/a.yaml"],
        &["--no-config", "report", "bots", "-o", "link.html"],
        &[
            "--no-config",
            "diff",
            "bots/a.yaml",
            "b.yaml",
            "--format",
            "html",
            "-o",
            "b.yaml",
        ],
    ] {
        let r = run(&mut samictl(&dir, args));
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(
            r.stderr.contains("is one of the bot files read"),
            "{}",
            r.stderr
        );
    }
    assert_eq!(page(&dir, "bots/a.yaml"), bot);
    assert_eq!(page(&dir, "b.yaml"), bot);
}

#[test]
fn the_page_goes_to_standard_output_without_o() {
    let dir = scratch("report_cli_stdout");
    write(&dir, "a.yaml", &fixture("fleet/reactivation.yaml"));
    let r = run(&mut samictl(&dir, &["--no-config", "report"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("<!DOCTYPE html>"));
    assert!(r.stdout.contains("a.yaml"));
    assert!(r.stderr.is_empty(), "{}", r.stderr);
}

#[test]
fn diff_git_format_html_leads_with_compliance() {
    let dir = scratch("report_cli_diff");
    write(&dir, "bots/a.yaml", &fixture("fleet/seller-outreach.yaml"));
    write(&dir, "bots/z.yaml", &fixture("fleet/reactivation.yaml"));
    git(&dir, &["init", "-q"]);
    git(&dir, &["add", "."]);
    git(&dir, &["commit", "-qm", "base"]);
    // z: a behaviour change that is not a compliance one; a: an opt-out change (compliance).
    write(
        &dir,
        "bots/a.yaml",
        &fixture("fleet/seller-outreach-v2.yaml"),
    );
    let z =
        fixture("fleet/reactivation.yaml").replace("Reactivation", "<img src=x onerror=alert(1)>");
    write(&dir, "bots/z.yaml", &z);
    write(&dir, "bots/<b>new</b>.yaml", HOSTILE_BOT);
    let r = run(&mut samictl(
        &dir,
        &[
            "--no-config",
            "diff",
            "--git",
            "HEAD",
            "--format",
            "html",
            "-o",
            "diff.html",
        ],
    ));
    assert_eq!(r.code, 1, "{}", r.stderr);
    let html = page(&dir, "diff.html");
    assert_inert(&html);
    let compliance = html.find("id=\"compliance\"").unwrap();
    let changed = html.find("id=\"bots\"").unwrap();
    assert!(compliance < changed);
    // a.yaml is listed under the compliance changes, with its opt-out change.
    let section = &html[compliance..changed];
    assert!(section.contains("bots/a.yaml"), "{section}");
    assert!(section.contains("<code>opt-out</code>"), "{section}");
    assert!(html.contains("bots/&lt;b&gt;new&lt;/b&gt;.yaml"));
    assert!(html.contains("class=\"add\">+ added: note"));
    assert!(html.contains("<details class=\"card\" open id=\"bot-1-opt-out\""));
    // Standard output when not a terminal; the same page.
    let out = run(&mut samictl(
        &dir,
        &["--no-config", "diff", "--git", "HEAD", "--format", "html"],
    ));
    assert_eq!(out.code, 1);
    assert_eq!(out.stdout, html);
}
