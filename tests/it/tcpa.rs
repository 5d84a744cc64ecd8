//! The TCPA guard (issue 24, spec 7.1): `criteria-catches-opt-out` measured on the labelled
//! corpus of realistic criteria texts under `tests/data/criteria/`. `tune.tsv` is the part the
//! grammar was tuned on; `holdout.tsv` was written at the same time and never tuned on. Both
//! must reach recall 95% and precision 90%; both figures are printed (`--nocapture`) and
//! recorded in `docs/tcpa-guard.md`.

use samictl::opt_out::opt_out_phrases;

struct Score {
    true_pos: usize,
    false_pos: usize,
    false_neg: usize,
    true_neg: usize,
    misses: Vec<String>,
}

impl Score {
    fn recall(&self) -> f64 {
        self.true_pos as f64 / (self.true_pos + self.false_neg).max(1) as f64
    }
    fn precision(&self) -> f64 {
        self.true_pos as f64 / (self.true_pos + self.false_pos).max(1) as f64
    }
}

fn score(name: &str) -> Score {
    let path = format!("{}/tests/data/criteria/{name}", env!("CARGO_MANIFEST_DIR"));
    let data = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut s = Score {
        true_pos: 0,
        false_pos: 0,
        false_neg: 0,
        true_neg: 0,
        misses: Vec::new(),
    };
    for (n, line) in data.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (label, text) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("{name}:{}: no tab", n + 1));
        let text = text.replace("\\n", "\n");
        let caught = !opt_out_phrases(&text).is_empty();
        match (label, caught) {
            ("1", true) => s.true_pos += 1,
            ("1", false) => {
                s.false_neg += 1;
                s.misses.push(format!("missed: {text}"));
            }
            ("0", true) => {
                s.false_pos += 1;
                s.misses.push(format!("false alarm: {text}"));
            }
            ("0", false) => s.true_neg += 1,
            _ => panic!("{name}:{}: label must be 0 or 1", n + 1),
        }
    }
    s
}

fn report(name: &str, s: &Score) {
    println!(
        "{name}: {} texts ({} stop requests), recall {:.1}%, precision {:.1}% (tp {}, fp {}, fn {}, tn {})",
        s.true_pos + s.false_pos + s.false_neg + s.true_neg,
        s.true_pos + s.false_neg,
        100.0 * s.recall(),
        100.0 * s.precision(),
        s.true_pos,
        s.false_pos,
        s.false_neg,
        s.true_neg
    );
    for m in &s.misses {
        println!("  {m}");
    }
}

#[test]
fn corpus_recall_and_precision() {
    let tune = score("tune.tsv");
    let holdout = score("holdout.tsv");
    report("tune", &tune);
    report("holdout", &holdout);
    // The corpus is big enough to mean something, and has both labels.
    assert!(tune.true_pos + tune.false_neg >= 140 && tune.true_neg + tune.false_pos >= 140);
    assert!(
        holdout.true_pos + holdout.false_neg >= 50 && holdout.true_neg + holdout.false_pos >= 50
    );
    for (name, s) in [("tune", &tune), ("holdout", &holdout)] {
        assert!(s.recall() >= 0.95, "{name}: recall {:.3}", s.recall());
        assert!(
            s.precision() >= 0.90,
            "{name}: precision {:.3}",
            s.precision()
        );
    }
}

#[test]
fn a_phrase_is_quoted_as_written_and_points_inside_the_text() {
    let text = "Not interested in selling.\nAlso use this when the lead says to LOSE MY NUMBER.";
    let found = opt_out_phrases(text);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].text, "LOSE MY NUMBER");
    let at: String = text
        .chars()
        .skip(found[0].offset)
        .take(found[0].len)
        .collect();
    assert_eq!(at, "LOSE MY NUMBER");
}
