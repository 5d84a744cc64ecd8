//! The hand-written scanner (`yaml::parse_scanned`, tried first by `yaml::parse_plain`) against
//! serde-saphyr, the reference: whatever it reads, serde-saphyr reads too, to the same tree,
//! every line, column and length included, and the findings are the same. Documents are drawn
//! from the subset it reads (to show it reads them) and mutated a character at a time (to show
//! it leaves or matches what it doesn't).

use proptest::prelude::*;
use samictl::config::Settings;
use samictl::validate::{check_tree, findings};
use samictl::yaml::{parse, parse_plain, parse_scanned};

/// A scalar in any spelling the subset might meet, and some it must leave alone.
fn scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z][a-z0-9_-]{0,8}",
        2 => "[A-Za-z][A-Za-z0-9 ,.!?@/{}()+-]{0,16}",
        1 => "[0-9][0-9a-z]{0,5}",
        1 => "[-+.~0-9][-+._0-9a-zA-Z:]{0,6}",
        1 => proptest::sample::select(vec![
            "true", "False", "null", "~", "NULL", "yes", "no", "on", "inf", ".nan", "0x1F",
            "1e3", "007", "-1", "12", "0", "1_000", "y", "n",
        ])
        .prop_map(str::to_owned),
        2 => "[ -~]{0,10}".prop_map(|s| format!("\"{}\"", s.replace(['"', '\\'], ""))),
        2 => "[ -~]{0,10}".prop_map(|s| format!("'{}'", s.replace('\'', "''"))),
        1 => "[ -~]{0,8}",
    ]
}

/// A key: mostly words, sometimes not.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => "[a-z][a-z0-9_-]{0,10}",
        1 => "[A-Za-z0-9<~\"'][ -~]{0,6}",
    ]
}

/// A block node at `indent`, nested up to `depth` levels.
fn block(indent: usize, depth: u32) -> BoxedStrategy<String> {
    let pad = " ".repeat(indent);
    let comment = proptest::sample::select(vec!["", "", "", "  # note", " #x"]);
    let inline = prop_oneof![
        4 => scalar(),
        1 => proptest::collection::vec(scalar(), 0..4)
            .prop_map(|items| format!("[{}]", items.join(", "))),
        1 => proptest::collection::vec((key(), scalar()), 0..4).prop_map(|entries| {
            let entries: Vec<String> = entries.iter().map(|(k, v)| format!("{k}: {v}")).collect();
            format!("{{{}}}", entries.join(", "))
        }),
    ];
    let entry = {
        let pad = pad.clone();
        (key(), inline.clone(), comment.clone())
            .prop_map(move |(k, v, c)| format!("{pad}{k}: {v}{c}\n"))
    };
    if depth == 0 {
        return proptest::collection::vec(entry, 1..4)
            .prop_map(|e| e.concat())
            .boxed();
    }
    let nested = {
        let pad = pad.clone();
        (key(), 1usize..4, any::<bool>(), 0u8..4).prop_flat_map(move |(k, step, seq, blank)| {
            let pad = pad.clone();
            let inner = indent + step;
            let child = if seq {
                sequence(inner, depth - 1)
            } else {
                block(inner, depth - 1)
            };
            child.prop_map(move |c| {
                let gap = if blank == 0 { "\n" } else { "" };
                format!("{pad}{k}:{gap}\n{c}")
            })
        })
    };
    proptest::collection::vec(prop_oneof![3 => entry, 2 => nested], 1..5)
        .prop_map(|e| e.concat())
        .boxed()
}

/// A block sequence with its dashes at `indent`: scalars, and mappings after `- `.
fn sequence(indent: usize, depth: u32) -> BoxedStrategy<String> {
    let pad = " ".repeat(indent);
    let item = prop_oneof![
        2 => (scalar(), 1usize..3).prop_map({
            let pad = pad.clone();
            move |(v, sp)| format!("{pad}-{}{v}\n", " ".repeat(sp))
        }),
        2 => (1usize..3).prop_flat_map({
            let pad = pad.clone();
            move |sp| {
                let pad = pad.clone();
                block(indent + 1 + sp, depth).prop_map(move |b| {
                    // The first key follows the dash on its line.
                    let first = b.trim_start_matches(' ');
                    format!("{pad}-{}{first}", " ".repeat(sp))
                })
            }
        }),
    ];
    proptest::collection::vec(item, 1..4)
        .prop_map(|i| i.concat())
        .boxed()
}

fn document() -> impl Strategy<Value = String> {
    (block(0, 3), 0u8..4).prop_map(|(body, head)| match head {
        0 => format!("# generated\n{body}"),
        1 => format!("{body}\n# end\n"),
        _ => body,
    })
}

/// Whatever the scanner reads, serde-saphyr reads to the same tree, and the findings on it
/// are serde-saphyr's; `parse_plain` gives that tree too.
fn agrees(doc: &str) -> Result<bool, TestCaseError> {
    let Some(scanned) = parse_scanned(doc) else {
        return Ok(false);
    };
    let reference = parse(doc);
    prop_assert_eq!(Ok(&scanned), reference.as_ref(), "{}", doc);
    let plain = parse_plain(doc);
    prop_assert_eq!(plain.as_ref(), Some(&scanned));
    if let Ok(root) = &reference {
        let settings = Settings::default();
        prop_assert_eq!(
            findings(doc.as_bytes(), &settings),
            check_tree(doc, root, &settings).diagnostics
        );
    }
    Ok(true)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn the_scanner_reads_as_serde_saphyr_does(doc in document()) {
        agrees(&doc)?;
    }

    #[test]
    fn mutated_documents_are_left_or_read_as_serde_saphyr_does(
        doc in document(),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), proptest::sample::select(vec![
            " ", "  ", "\n", "-", "- ", ":", ": ", "#", " #", "'", "\"", "[", "]", ",", "{", "}",
            "&a ", "*a", "!t ", "|", ">", "?", "\\", "\t", "\r", "%", "@", "`", "---\n", "x",
        ])), 1..4),
    ) {
        let mut doc = doc;
        for (at, text) in edits {
            let i = at.index(doc.len() + 1);
            doc.insert_str(i, text);
        }
        agrees(&doc)?;
    }
}

#[test]
fn the_generated_documents_are_mostly_read_by_the_scanner() {
    // The property above would pass vacuously if the scanner read nothing.
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = document();
    let (mut read, mut total) = (0, 0);
    for _ in 0..400 {
        let doc = strategy.new_tree(&mut runner).unwrap().current();
        total += 1;
        if agrees(&doc).unwrap() {
            read += 1;
        }
    }
    assert!(
        read * 4 > total,
        "the scanner read {read} of {total} documents"
    );
}

#[test]
fn the_benchmark_bot_files_are_read_by_the_scanner() {
    let text = std::fs::read_to_string("fixtures/valid/seller-outreach.yaml").unwrap();
    let scanned = parse_scanned(&text);
    assert!(scanned.is_some());
    assert_eq!(scanned.ok_or(()), parse(&text).map_err(|_| ()));
}
