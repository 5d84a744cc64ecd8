//! HTML pages (`samictl report`, `samictl diff --git --format html`, docs/spec 19): one
//! self-contained page each, returned as a string.
//!
//! Safety: every string that came from a bot file, a file name, `samictl.toml` or git goes
//! through [`esc`] (HTML-escaped, with the section-12 escapes of invisible and control
//! characters); the page loads nothing (a `Content-Security-Policy` meta allows only the
//! page's own inline style and script, by hash); collapsing works without the script
//! (`<details>`), which only adds "Expand all" / "Collapse all".

mod cards;
pub mod diff;
pub mod report;

use std::fmt::Write;

/// The page's only script: the Expand all / Collapse all button (and open cards to print).
pub const SCRIPT: &str = include_str!("page.js");
/// The page's only style sheet.
pub const STYLE: &str = include_str!("page.css");
/// `sha256-` of [`SCRIPT`], as the CSP names it (a unit test keeps it in step).
pub const SCRIPT_HASH: &str = "sha256-mWzAGDZgl/K1c5d+m85AcWqIfTAuT04m/cV353jViEU=";
/// `sha256-` of [`STYLE`] (a unit test keeps it in step).
pub const STYLE_HASH: &str = "sha256-ujIMV1ca+K23nEAXuGcrinQQlUR+tjFMx/6UMU8jUZk=";

/// The Content-Security-Policy: nothing may load or connect; only the inline style and script
/// whose hashes are named run.
pub fn csp() -> String {
    format!(
        "default-src 'none'; style-src '{STYLE_HASH}'; script-src '{SCRIPT_HASH}'; \
         img-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'"
    )
}

/// Text for HTML element content (never an attribute value: no string from a file goes in
/// one): `&`, `<` and `>` as entities, and the characters of docs/spec 12 (controls, bidi
/// controls, invisible characters, U+2028/U+2029) written visibly as `\u{..}`, as in the
/// terminal; a tab is a space, a line end stays one.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    push_esc(&mut out, s);
    out
}

/// Appends [`esc`]'s text. Runs of plain ASCII (nearly all of it) are copied whole.
fn push_esc(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let plain = bytes[at..]
            .iter()
            .position(|&b| {
                !(b == b'\n' || (b' '..0x7f).contains(&b)) || matches!(b, b'&' | b'<' | b'>')
            })
            .map_or(bytes.len(), |n| at + n);
        out.push_str(&s[at..plain]);
        let Some(c) = s[plain..].chars().next() else {
            break;
        };
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' => out.push('\n'),
            '\t' => out.push(' '),
            c if super::text::needs_escape(c) => {
                let _ = write!(out, "{}", c.escape_unicode());
            }
            c => out.push(c),
        }
        at = plain + c.len_utf8();
    }
}

/// The whole page around `body` (already HTML): the CSP, the style, the toolbar with the
/// Expand all button (hidden until the script runs), then the script.
fn page(title: &str, body: &str, expand_button: bool) -> String {
    let mut out = String::with_capacity(body.len() + STYLE.len() + SCRIPT.len() + 1024);
    page_head(&mut out, title, expand_button);
    out.push_str(body);
    page_tail(&mut out);
    out
}

/// What [`page`] writes before the body.
fn page_head(out: &mut String, title: &str, expand_button: bool) {
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    let _ = writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        csp()
    );
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n<title>");
    push_esc(out, title);
    out.push_str("</title>\n<style>");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n<main>\n");
    if expand_button {
        out.push_str(
            "<div class=\"bar\"><button type=\"button\" id=\"expand-all\" aria-expanded=\"false\" \
             hidden>Expand all</button><a href=\"#top\">Top</a></div>\n",
        );
    }
}

/// What [`page`] writes after the body.
fn page_tail(out: &mut String) {
    out.push_str("</main>\n<script>");
    out.push_str(SCRIPT);
    out.push_str("</script>\n</body>\n</html>\n");
}

/// A page being written: its text so far, handed to `sink` (when there is one) in pieces of
/// about [`Out::PIECE`] bytes, so a page far larger than the files it shows is never held
/// whole (issue 32: 524,000 findings are a page of 147 MB).
struct Out<'w> {
    buf: String,
    sink: Option<&'w mut dyn std::io::Write>,
    error: Option<std::io::Error>,
}

impl<'w> Out<'w> {
    const PIECE: usize = 1 << 16;

    fn new(sink: Option<&'w mut dyn std::io::Write>) -> Self {
        let capacity = if sink.is_some() { 2 * Self::PIECE } else { 0 };
        Out {
            buf: String::with_capacity(capacity),
            sink,
            error: None,
        }
    }

    /// Hands what was written to the sink once it is a piece's worth.
    fn spill(&mut self) {
        if self.buf.len() >= Self::PIECE {
            self.drain();
        }
    }

    fn drain(&mut self) {
        use std::io::Write as _;
        if let Some(sink) = self.sink.as_mut() {
            if self.error.is_none()
                && let Err(e) = sink.write_all(self.buf.as_bytes())
            {
                self.error = Some(e);
            }
            self.buf.clear();
        }
    }

    /// The rest handed to the sink; the first error writing, if any.
    fn finish(mut self) -> std::io::Result<()> {
        self.drain();
        self.error.map_or(Ok(()), Err)
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_invisible_characters() {
        assert_eq!(
            esc("<img src=x onerror=alert(1)>"),
            "&lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(esc("a\"b'c&d"), "a\"b'c&amp;d");
        assert_eq!(
            esc("opt\u{200b}-out\u{202e}x"),
            "opt\\u{200b}-out\\u{202e}x"
        );
        assert_eq!(esc("a\u{1b}[31m"), "a\\u{1b}[31m");
        assert_eq!(
            esc("a\tb\nc é&<\u{7f}>\u{2028}"),
            "a b\nc é&amp;&lt;\\u{7f}&gt;\\u{2028}"
        );
        let mut s = String::new();
        push_esc(&mut s, "plain");
        push_esc(&mut s, "<b>");
        assert_eq!(s, "plain&lt;b&gt;");
    }

    #[test]
    fn csp_hashes_match_the_inline_style_and_script() {
        use base64::Engine;
        use sha2::Digest;
        let hash = |s: &str| {
            format!(
                "sha256-{}",
                base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(s))
            )
        };
        assert_eq!(
            hash(SCRIPT),
            SCRIPT_HASH,
            "update SCRIPT_HASH after editing page.js"
        );
        assert_eq!(
            hash(STYLE),
            STYLE_HASH,
            "update STYLE_HASH after editing page.css"
        );
    }

    #[test]
    fn the_page_loads_nothing() {
        let p = page("t<", "<p>x</p>", true);
        assert!(p.contains("default-src 'none'"));
        assert!(p.contains("<title>t&lt;</title>"));
        for remote in ["http:", "https:", "src=", "@import", "url("] {
            assert!(!p.contains(remote), "{remote}");
        }
    }
}
