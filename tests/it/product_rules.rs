//! "grep finds no product rule outside the table" (issue 12), as a test: no code in `src/`
//! outside the product table (`src/product/`) and the enum that defines the outcome names
//! (`src/outcome.rs`) names an outcome, neither as `Outcome::<Variant>` nor as a tag in a string
//! literal. Code that needs an outcome asks the table (a column, a role, a wording), so a ninth
//! outcome or a changed rule is one row, and no copy can drift.
//!
//! Comments, doc comments and test code (`tests.rs` files, `#[cfg(test)]` items) are skipped:
//! tests name concrete outcomes on purpose. The source is parsed with `syn` (a dev-dependency),
//! so a string literal is found exactly, whatever its quoting.

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
    Outcome::ALL.iter().map(|o| o.as_str()).collect()
}

/// A walk over one parsed source that records every outcome it names, skipping doc comments
/// and `#[cfg(test)]` items. Macro bodies and attribute arguments are token streams to syn, so
/// their tokens are walked too: a literal in `format!` or `#[arg(help = ..)]` counts.
#[derive(Default)]
struct Names {
    found: Vec<(usize, String)>,
}

fn line(span: proc_macro2::Span) -> usize {
    span.start().line
}

fn is_cfg_test(attr: &syn::Attribute) -> bool {
    match &attr.meta {
        syn::Meta::List(list) => list.path.is_ident("cfg") && list.tokens.to_string() == "test",
        _ => false,
    }
}

fn attrs_of_item(item: &syn::Item) -> &[syn::Attribute] {
    use syn::Item;
    match item {
        Item::Const(i) => &i.attrs,
        Item::Enum(i) => &i.attrs,
        Item::ExternCrate(i) => &i.attrs,
        Item::Fn(i) => &i.attrs,
        Item::ForeignMod(i) => &i.attrs,
        Item::Impl(i) => &i.attrs,
        Item::Macro(i) => &i.attrs,
        Item::Mod(i) => &i.attrs,
        Item::Static(i) => &i.attrs,
        Item::Struct(i) => &i.attrs,
        Item::Trait(i) => &i.attrs,
        Item::TraitAlias(i) => &i.attrs,
        Item::Type(i) => &i.attrs,
        Item::Union(i) => &i.attrs,
        Item::Use(i) => &i.attrs,
        _ => &[],
    }
}

impl Names {
    fn outcome_path(&mut self, at: usize, variant: &str) {
        if variants().iter().any(|v| v == variant) {
            self.found.push((at, format!("Outcome::{variant}")));
        }
    }

    fn literal(&mut self, lit: &syn::Lit) {
        let text = match lit {
            syn::Lit::Str(s) => s.value(),
            syn::Lit::ByteStr(s) => String::from_utf8_lossy(&s.value()).into_owned(),
            syn::Lit::CStr(s) => s.value().to_string_lossy().into_owned(),
            _ => return,
        };
        for tag in tags() {
            if has_tag(&text, tag) {
                self.found
                    .push((line(lit.span()), format!("\"{tag}\" in a string literal")));
            }
        }
    }

    /// The tokens of a macro body or an attribute's arguments.
    fn tokens(&mut self, stream: proc_macro2::TokenStream) {
        use proc_macro2::{Delimiter, TokenTree};
        let tokens: Vec<TokenTree> = stream.into_iter().collect();
        let punct = |i: usize, c: char| matches!(tokens.get(i), Some(TokenTree::Punct(p)) if p.as_char() == c);
        let mut i = 0;
        while i < tokens.len() {
            match &tokens[i] {
                TokenTree::Punct(p) if p.as_char() == '#' => {
                    // An attribute written in a macro body: a doc comment or `#[cfg(test)]`
                    // (with what it marks, up to the next `;` or braced group) is skipped.
                    let group = if punct(i + 1, '!') { i + 2 } else { i + 1 };
                    if let Some(TokenTree::Group(g)) = tokens.get(group)
                        && g.delimiter() == Delimiter::Bracket
                    {
                        let inner = g.stream().to_string();
                        if inner.starts_with("doc") {
                            i = group + 1;
                            continue;
                        }
                        if inner.replace(' ', "") == "cfg(test)" {
                            i = group + 1;
                            while i < tokens.len() {
                                let end = punct(i, ';')
                                    || matches!(&tokens[i], TokenTree::Group(g) if g.delimiter() == Delimiter::Brace);
                                i += 1;
                                if end {
                                    break;
                                }
                            }
                            continue;
                        }
                    }
                }
                TokenTree::Group(g) => self.tokens(g.stream()),
                TokenTree::Literal(l) => self.literal(&syn::Lit::new(l.clone())),
                TokenTree::Ident(id)
                    if id == "Outcome" && punct(i + 1, ':') && punct(i + 2, ':') =>
                {
                    match tokens.get(i + 3) {
                        Some(TokenTree::Ident(v)) => {
                            self.outcome_path(line(id.span()), &v.to_string())
                        }
                        Some(TokenTree::Punct(p)) if p.as_char() == '*' => self
                            .found
                            .push((line(id.span()), "Outcome::* (variants imported)".into())),
                        Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace => self
                            .found
                            .push((line(id.span()), "Outcome::{ (variants imported)".into())),
                        _ => {}
                    }
                }
                _ => {}
            }
            i += 1;
        }
    }
}

impl<'ast> syn::visit::Visit<'ast> for Names {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        if !attrs_of_item(item).iter().any(is_cfg_test) {
            syn::visit::visit_item(self, item);
        }
    }

    fn visit_impl_item(&mut self, item: &'ast syn::ImplItem) {
        let attrs = match item {
            syn::ImplItem::Const(i) => &i.attrs,
            syn::ImplItem::Fn(i) => &i.attrs,
            syn::ImplItem::Type(i) => &i.attrs,
            syn::ImplItem::Macro(i) => &i.attrs,
            _ => return syn::visit::visit_impl_item(self, item),
        };
        if !attrs.iter().any(is_cfg_test) {
            syn::visit::visit_impl_item(self, item);
        }
    }

    fn visit_attribute(&mut self, attr: &'ast syn::Attribute) {
        match &attr.meta {
            syn::Meta::NameValue(nv) if !nv.path.is_ident("doc") => self.visit_expr(&nv.value),
            syn::Meta::List(list) => self.tokens(list.tokens.clone()),
            _ => {}
        }
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        self.tokens(mac.tokens.clone());
    }

    fn visit_lit(&mut self, lit: &'ast syn::Lit) {
        self.literal(lit);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        for pair in path.segments.iter().collect::<Vec<_>>().windows(2) {
            if pair[0].ident == "Outcome" {
                self.outcome_path(line(pair[1].ident.span()), &pair[1].ident.to_string());
            }
        }
        syn::visit::visit_path(self, path);
    }

    fn visit_use_path(&mut self, path: &'ast syn::UsePath) {
        if path.ident == "Outcome" {
            let at = line(path.ident.span());
            match &*path.tree {
                syn::UseTree::Name(n) => self.outcome_path(at, &n.ident.to_string()),
                syn::UseTree::Rename(r) => self.outcome_path(at, &r.ident.to_string()),
                syn::UseTree::Glob(_) => self
                    .found
                    .push((at, "Outcome::* (variants imported)".into())),
                syn::UseTree::Group(_) => self
                    .found
                    .push((at, "Outcome::{ (variants imported)".into())),
                syn::UseTree::Path(_) => {}
            }
        }
        syn::visit::visit_use_path(self, path);
    }
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

/// Every place in `src` that names an outcome: "LINE: what". The source is parsed with syn, so
/// comments are not code and every string literal (plain, raw, byte, C) is found exactly.
fn findings(src: &str) -> Vec<String> {
    let file = syn::parse_file(src).unwrap_or_else(|e| panic!("not Rust: {e}"));
    let mut names = Names::default();
    syn::visit::Visit::visit_file(&mut names, &file);
    let mut found = names.found;
    found.sort();
    found.dedup();
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
    // Literals in macro bodies and attribute arguments, escaped ones and byte strings count;
    // a doc comment inside a macro body does not.
    let in_tokens = "#[arg(help = \"the needs-follow-up card\")]\n\
        struct A;\n\
        fn f() -> String { format!(\"{}: bad-number\", 1) }\n\
        const E: &str = \"\\u{6f}pt-out\";\n\
        const B: &[u8] = b\"unqualified\";\n\
        macro_rules! m { () => { /// opt-out\n fn g() {} }; }\n\
        fn h() { m!(Outcome::ContactLater); }\n";
    assert_eq!(
        findings(in_tokens),
        [
            "1: \"needs-follow-up\" in a string literal",
            "3: \"bad-number\" in a string literal",
            "4: \"opt-out\" in a string literal",
            "5: \"unqualified\" in a string literal",
            "8: Outcome::ContactLater",
        ]
    );
    assert_eq!(variants().len(), Outcome::COUNT);
    assert_eq!(tags().len(), Outcome::COUNT);
}
