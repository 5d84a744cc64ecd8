//! The layering of `src/`, as written down in `docs/architecture.md`: this test reads the module
//! imports of the source, builds the module graph (top-level library modules, the binary's
//! `cli::*` modules, and the sibling submodules of each folder module), and fails on an import
//! circle that is not in the small allowlist below, and on a broken "Architecture Invariant:" of
//! the document (the invariants live there, and only there; this test parses them).
//!
//! It reads the source as text, not with `syn`: a careful scan (comments, string and character
//! literals and `#[cfg(test)]` items removed, then `use` trees expanded and `crate::`,
//! `super::`, `self::` and `samictl::` paths resolved) is all the graph needs, and it keeps the
//! test free of a parser dependency.

use crate::common::root;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Circles that are known and not broken yet (most need code moved inside files other branches
/// are rewriting at the same time). Each entry is one strongly connected component, sorted; the test
/// fails when a component is not exactly one of these (a new circle, or a known one that grew),
/// and when an entry no longer occurs (so the list only shrinks).
const KNOWN_CIRCLES: &[&[&str]] = &[];

type Graph = BTreeMap<String, BTreeSet<String>>;

/// One source file as a module path: `src/validate/walker.rs` is `validate::walker`, the
/// binary's `src/cli/fix.rs` is `cli::fix` (the binary's root is `main`).
struct Source {
    module: Vec<String>,
    binary: bool,
    text: String,
}

fn sources() -> Vec<Source> {
    fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
        entries.sort_by_key(|e| e.path());
        for entry in entries {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let src = root().join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    let mut out = Vec::new();
    for file in files {
        let relative = file.strip_prefix(&src).unwrap();
        let mut module: Vec<String> = relative
            .iter()
            .map(|c| c.to_string_lossy().into_owned())
            .collect();
        let last = module.pop().unwrap();
        let stem = last.strip_suffix(".rs").unwrap().to_owned();
        if stem != "mod" && stem != "lib" && stem != "main" {
            module.push(stem.clone());
        }
        let binary = stem == "main" || module.first().is_some_and(|m| m == "cli");
        let text = std::fs::read_to_string(&file).unwrap();
        out.push(Source {
            module,
            binary,
            text: strip_test_items(&clean(&text)),
        });
    }
    // Files that are only a `#[cfg(test)] mod NAME;` of their parent are test code.
    let test_files: BTreeSet<Vec<String>> = out
        .iter()
        .flat_map(|s| {
            test_module_names(&s.text)
                .into_iter()
                .map(|name| {
                    let mut m = s.module.clone();
                    m.push(name);
                    m
                })
                .collect::<Vec<_>>()
        })
        .collect();
    out.retain(|s| !test_files.contains(&s.module));
    out
}

/// Comments, string literals and character literals blanked out (kept as spaces, so the
/// structure and braces of the code are all that is left).
fn clean(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if (c == 'r' || c == 'b')
            && !chars
                .get(i.wrapping_sub(1))
                .is_some_and(|p| p.is_alphanumeric() || *p == '_')
            && raw_string_start(&chars[i..]).is_some()
        {
            let (skip, hashes) = raw_string_start(&chars[i..]).unwrap();
            i += skip;
            loop {
                if i >= chars.len() {
                    break;
                }
                if chars[i] == '"' && (0..hashes).all(|k| chars.get(i + 1 + k) == Some(&'#')) {
                    i += 1 + hashes;
                    break;
                }
                i += 1;
            }
            out.push_str("\"\"");
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' {
            // A character literal ('x', '\n', '\u{..}') or a lifetime ('a).
            if next == Some('\\') {
                let mut j = i + 2;
                while j < chars.len() && chars[j] != '\'' {
                    j += 1;
                }
                i = j + 1;
                out.push_str("' '");
            } else if chars.get(i + 2) == Some(&'\'') {
                i += 3;
                out.push_str("' '");
            } else {
                out.push(c);
                i += 1;
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// `r"`, `r#"`, `br"`, `br##"`: how many characters open the literal, and how many `#`.
fn raw_string_start(chars: &[char]) -> Option<(usize, usize)> {
    let mut i = 0;
    if chars.first() == Some(&'b') {
        i += 1;
    }
    if chars.get(i) != Some(&'r') {
        return None;
    }
    i += 1;
    let mut hashes = 0;
    while chars.get(i) == Some(&'#') {
        hashes += 1;
        i += 1;
    }
    (chars.get(i) == Some(&'"')).then_some((i + 1, hashes))
}

/// The names of `#[cfg(test)] mod NAME;` declarations (test modules in files of their own).
fn test_module_names(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("#[cfg(test)]") {
        rest = &rest[at + "#[cfg(test)]".len()..];
        let item = rest.trim_start();
        let item = item.strip_prefix("pub(crate) ").unwrap_or(item);
        if let Some(after) = item.strip_prefix("mod ") {
            let name: String = after
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if after[name.len()..].trim_start().starts_with(';') {
                names.push(name);
            }
        }
    }
    names
}

/// The text with every `#[cfg(test)]` item (an inline `mod tests { .. }`, a `use`, a function)
/// removed; a `#[cfg(test)] mod NAME;` stays, so `test_module_names` can find it.
fn strip_test_items(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        // The item ends at the first `;` before any `{`, or at the `}` closing its first `{`.
        let bytes = after.as_bytes();
        let mut depth = 0usize;
        let mut end = after.len();
        for (k, b) in bytes.iter().enumerate() {
            match b {
                b'{' => depth += 1,
                b'}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        end = k + 1;
                        break;
                    }
                }
                b';' if depth == 0 => {
                    end = k + 1;
                    break;
                }
                _ => {}
            }
        }
        let item = &after[..end];
        let trimmed = item["#[cfg(test)]".len()..].trim_start();
        if trimmed.starts_with("mod ") && trimmed.ends_with(';') {
            out.push_str(item);
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// Every path the text names that starts with `crate`, `super`, `self` or `samictl`, with `use`
/// trees (`use crate::{a, b::{c, d}}`) expanded, as lists of segments.
fn paths(text: &str) -> Vec<Vec<String>> {
    let tokens = tokenize(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i] == "use" {
            let mut j = i + 1;
            let mut tree = Vec::new();
            while j < tokens.len() && tokens[j] != ";" {
                tree.push(tokens[j].clone());
                j += 1;
            }
            let mut k = 0;
            expand(&tree, &mut k, Vec::new(), &mut out);
            i = j;
            continue;
        }
        let starts = ["crate", "super", "self", "samictl"].contains(&tokens[i].as_str());
        let preceded = i > 0 && tokens[i - 1] == "::";
        if starts && !preceded && tokens.get(i + 1).is_some_and(|t| t == "::") {
            let mut path = vec![tokens[i].clone()];
            let mut j = i + 1;
            while tokens.get(j).is_some_and(|t| t == "::")
                && tokens.get(j + 1).is_some_and(|t| is_ident(t))
            {
                path.push(tokens[j + 1].clone());
                j += 2;
            }
            out.push(path);
            i = j;
            continue;
        }
        i += 1;
    }
    out
}

fn is_ident(token: &str) -> bool {
    token
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
}

/// Expands one `use` tree from `tokens[*k..]` under `prefix`.
fn expand(tokens: &[String], k: &mut usize, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    let mut path = prefix;
    while *k < tokens.len() {
        let token = tokens[*k].as_str();
        match token {
            "{" => {
                *k += 1;
                loop {
                    expand(tokens, k, path.clone(), out);
                    match tokens.get(*k).map(String::as_str) {
                        Some(",") => *k += 1,
                        Some("}") => {
                            *k += 1;
                            return;
                        }
                        _ => return,
                    }
                    if tokens.get(*k).is_some_and(|t| t == "}") {
                        *k += 1;
                        return;
                    }
                }
            }
            "::" => *k += 1,
            "," | "}" => break,
            "as" => *k += 2,
            _ => {
                path.push(token.to_owned());
                *k += 1;
            }
        }
    }
    if !path.is_empty() {
        out.push(path);
    }
}

fn tokenize(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            tokens.push(chars[start..i].iter().collect());
        } else if c == ':' && chars.get(i + 1) == Some(&':') {
            tokens.push("::".to_owned());
            i += 2;
        } else {
            if !c.is_whitespace() {
                tokens.push(c.to_string());
            }
            i += 1;
        }
    }
    tokens
}

/// The graph at the granularity the document uses: a library module `a::b::c` is node `a`, a
/// binary module `cli::b::c` is node `cli::b`. With `siblings`, the nodes are the children of
/// folder modules instead (`validate::walker`, `yaml::fast`), with edges only between siblings.
fn graph(siblings: bool) -> Graph {
    let sources = sources();
    let library: BTreeSet<String> = sources
        .iter()
        .filter(|s| !s.binary)
        .filter_map(|s| s.module.first().cloned())
        .collect();
    let modules: BTreeSet<(bool, Vec<String>)> = sources
        .iter()
        .map(|s| (s.binary, s.module.clone()))
        .collect();
    let node = |binary: bool, path: &[String]| -> Option<String> {
        if siblings {
            // The longest known folder-module prefix with a child: `a::b` for `a::b::item`.
            let mut best = None;
            for len in 2..=path.len() {
                if modules.contains(&(binary, path[..len].to_vec())) {
                    best = Some(len);
                }
            }
            let len = best?;
            let tag = if binary { "bin::" } else { "" };
            return Some(format!("{tag}{}", path[..len].join("::")));
        }
        match path.first().map(String::as_str) {
            Some("cli") if binary => Some(match path.get(1) {
                Some(sub) if modules.contains(&(true, vec!["cli".into(), sub.clone()])) => {
                    format!("cli::{sub}")
                }
                _ => "cli".to_owned(),
            }),
            Some(first) if !binary && library.contains(first) => Some(first.to_owned()),
            _ => None,
        }
    };
    let mut graph = Graph::new();
    for source in &sources {
        let Some(from) = node(source.binary, &source.module) else {
            continue;
        };
        graph.entry(from.clone()).or_default();
        for path in paths(&source.text) {
            let (binary, absolute) = match path[0].as_str() {
                "crate" => (source.binary, path[1..].to_vec()),
                "samictl" => (false, path[1..].to_vec()),
                "self" => (source.binary, [&source.module[..], &path[1..]].concat()),
                "super" => {
                    let mut base = source.module.clone();
                    let mut rest = &path[..];
                    while rest.first().is_some_and(|s| s == "super") {
                        base.pop();
                        rest = &rest[1..];
                    }
                    (source.binary, [&base[..], rest].concat())
                }
                _ => continue,
            };
            let Some(to) = node(binary, &absolute) else {
                continue;
            };
            if to == from {
                continue;
            }
            if siblings {
                let parent = |n: &str| n.rsplit_once("::").map(|(p, _)| p.to_owned());
                if parent(&from) != parent(&to) {
                    continue;
                }
            }
            graph.entry(from.clone()).or_default().insert(to);
        }
    }
    graph
}

/// The strongly connected components with more than one node (Tarjan), each sorted.
fn circles(graph: &Graph) -> Vec<Vec<String>> {
    struct State<'g> {
        graph: &'g Graph,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on_stack: BTreeSet<&'g str>,
        out: Vec<Vec<String>>,
    }
    fn visit<'g>(s: &mut State<'g>, v: &'g str) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        for w in s.graph.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w.to_owned());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.out.push(component);
            }
        }
    }
    let mut state = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in graph.keys() {
        if !state.index.contains_key(v.as_str()) {
            visit(&mut state, v);
        }
    }
    state.out.sort();
    state.out
}

/// One machine-checked invariant of `docs/architecture.md`.
#[derive(Debug)]
enum Invariant {
    /// "`a` is a leaf": `a` imports no other module.
    Leaf(String),
    /// "`a` never imports `b`, `c`".
    Never(String, Vec<String>),
    /// "`a` imports only `b`, `c`".
    Only(String, Vec<String>),
}

/// Parses the lines of the document that start with "Architecture Invariant:" and have one of
/// the two checkable forms; the others are prose (checked elsewhere or by review).
fn invariants(doc: &str) -> Vec<Invariant> {
    // One list item or paragraph line, with its indented continuation lines joined.
    let mut items: Vec<String> = Vec::new();
    for line in doc.lines() {
        match items.last_mut() {
            Some(item) if line.starts_with("  ") && !line.trim().is_empty() => {
                item.push(' ');
                item.push_str(line.trim());
            }
            _ => items.push(line.to_owned()),
        }
    }
    let mut out = Vec::new();
    for line in &items {
        let Some(rest) = line
            .trim_start_matches(['*', ' ', '-'])
            .strip_prefix("Architecture Invariant:")
        else {
            continue;
        };
        let rest = rest.trim_start_matches(['*', ' ']);
        let ticked: Vec<String> = rest
            .split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect();
        let Some(first) = ticked.first() else {
            continue;
        };
        let after = rest.splitn(3, '`').nth(2).unwrap_or("").trim_start();
        if after.starts_with("is a leaf") {
            out.push(Invariant::Leaf(first.clone()));
        } else if after.starts_with("never imports") || after.starts_with("imports only") {
            // The names up to the end of the clause (a colon, semicolon or full stop).
            let sentence = after.split(['.', ';', ':']).next().unwrap_or("");
            let names = sentence
                .split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_owned)
                .collect();
            out.push(if after.starts_with("never") {
                Invariant::Never(first.clone(), names)
            } else {
                Invariant::Only(first.clone(), names)
            });
        }
    }
    out
}

/// Whether node `node` is module `name` or one of its children (`cli` covers `cli::fix`).
fn covers(name: &str, node: &str) -> bool {
    node == name || node.starts_with(&format!("{name}::"))
}

fn broken(graph: &Graph, invariant: &Invariant) -> Vec<String> {
    let mut out = Vec::new();
    for (from, tos) in graph {
        for to in tos {
            match invariant {
                Invariant::Leaf(a) if covers(a, from) && !covers(a, to) => {
                    out.push(format!("`{a}` is a leaf, but {from} imports {to}"));
                }
                Invariant::Never(a, bs) if covers(a, from) && bs.iter().any(|b| covers(b, to)) => {
                    out.push(format!(
                        "`{a}` never imports {bs:?}, but {from} imports {to}"
                    ));
                }
                Invariant::Only(a, bs)
                    if covers(a, from) && !covers(a, to) && !bs.iter().any(|b| covers(b, to)) =>
                {
                    out.push(format!(
                        "`{a}` imports only {bs:?}, but {from} imports {to}"
                    ));
                }
                _ => {}
            }
        }
    }
    out
}

fn whole_graph() -> Graph {
    let mut graph = graph(false);
    graph.extend(graph_siblings());
    graph
}

fn graph_siblings() -> Graph {
    graph(true)
}

#[test]
fn no_new_import_circle() {
    let mut found = circles(&graph(false));
    found.extend(circles(&graph_siblings()));
    let known: Vec<Vec<String>> = KNOWN_CIRCLES
        .iter()
        .map(|c| c.iter().map(|s| (*s).to_owned()).collect())
        .collect();
    let new: Vec<_> = found.iter().filter(|c| !known.contains(c)).collect();
    let gone: Vec<_> = known.iter().filter(|c| !found.contains(c)).collect();
    assert!(
        new.is_empty(),
        "import circles (see docs/architecture.md; break them by moving the item to the lower \
         module or to a new leaf): {new:#?}"
    );
    assert!(
        gone.is_empty(),
        "these known circles are gone: remove them from KNOWN_CIRCLES: {gone:#?}"
    );
}

#[test]
fn architecture_invariants_hold() {
    let doc = std::fs::read_to_string(root().join("docs/architecture.md")).unwrap();
    let invariants = invariants(&doc);
    assert!(
        invariants.len() >= 5,
        "docs/architecture.md lost its checkable invariants: {invariants:?}"
    );
    let graph = whole_graph();
    let nodes: BTreeSet<&str> = graph.keys().map(String::as_str).collect();
    let mut problems = Vec::new();
    for invariant in &invariants {
        let named = match invariant {
            Invariant::Leaf(a) => vec![a.clone()],
            Invariant::Never(a, bs) | Invariant::Only(a, bs) => {
                [vec![a.clone()], bs.clone()].concat()
            }
        };
        for name in named {
            if !nodes.iter().any(|n| covers(&name, n)) {
                problems.push(format!("{invariant:?} names `{name}`, which is no module"));
            }
        }
        problems.extend(broken(&graph, invariant));
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

/// The code map of docs/architecture.md names every top-level module and every `cli::*` module.
#[test]
fn code_map_names_every_module() {
    let doc = std::fs::read_to_string(root().join("docs/architecture.md")).unwrap();
    let missing: Vec<_> = graph(false)
        .into_keys()
        .filter(|n| !doc.contains(&format!("`{n}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/architecture.md does not map {missing:?}"
    );
}

fn synthetic(edges: &[(&str, &str)]) -> Graph {
    let mut graph = Graph::new();
    for (a, b) in edges {
        graph
            .entry((*a).to_owned())
            .or_default()
            .insert((*b).to_owned());
        graph.entry((*b).to_owned()).or_default();
    }
    graph
}

#[test]
fn cycle_finder_finds_circles() {
    let graph = synthetic(&[
        ("a", "b"),
        ("b", "c"),
        ("c", "a"),
        ("c", "d"),
        ("d", "e"),
        ("e", "d"),
        ("f", "a"),
    ]);
    assert_eq!(
        circles(&graph),
        vec![vec!["a", "b", "c"], vec!["d", "e"]]
            .into_iter()
            .map(|c| c.into_iter().map(str::to_owned).collect::<Vec<_>>())
            .collect::<Vec<_>>()
    );
    assert!(circles(&synthetic(&[("a", "b"), ("b", "c"), ("a", "c")])).is_empty());
}

#[test]
fn invariants_are_parsed_and_checked() {
    let doc = "- **Architecture Invariant:** `product` is a leaf.\n\
               Architecture Invariant: `validate` never imports `fix` or `config`; prose.\n\
               Architecture Invariant: the library never prints.\n\
               Architecture Invariant: `model` imports only `outcome` and\n  `values`: prose `x`.\n";
    let found = invariants(doc);
    assert_eq!(found.len(), 3, "{found:?}");
    let graph = synthetic(&[
        ("product", "outcome"),
        ("validate", "config"),
        ("model", "values"),
        ("model", "render"),
    ]);
    assert_eq!(broken(&graph, &found[0]).len(), 1);
    assert_eq!(broken(&graph, &found[1]).len(), 1);
    assert_eq!(
        broken(&graph, &found[2]),
        vec!["`model` imports only [\"outcome\", \"values\"], but model imports render"]
    );
}

#[test]
fn scanner_reads_use_trees_and_skips_literals_and_tests() {
    let text = clean(
        "use crate::{a::{B, c::D}, e as f};\n// crate::comment::X\nlet s = \"crate::string\";\n\
         let r = r#\"crate::raw\"#; let c = '{'; fn g<'a>() { super::h::i(); }\n\
         #[cfg(test)]\nmod tests { use crate::tested; }\n",
    );
    let found = paths(&strip_test_items(&text));
    let want: Vec<Vec<String>> = [
        vec!["crate", "a", "B"],
        vec!["crate", "a", "c", "D"],
        vec!["crate", "e"],
        vec!["super", "h", "i"],
    ]
    .into_iter()
    .map(|p| p.into_iter().map(str::to_owned).collect())
    .collect();
    assert_eq!(found, want);
}

/// Prints the graph: `cargo test --test it architecture::print_graph -- --ignored --nocapture`.
#[test]
#[ignore]
fn print_graph() {
    for (from, tos) in whole_graph() {
        println!(
            "{from} -> {}",
            tos.into_iter().collect::<Vec<_>>().join(", ")
        );
    }
    println!("circles: {:#?}", circles(&graph(false)));
    println!("sibling circles: {:#?}", circles(&graph_siblings()));
}
