//! The TCPA guard's cost: `cargo bench --bench tcpa`.
//!
//! `criteria-catches-opt-out` must take under 1 ms per criteria text (docs/spec 7.1). This runs the
//! detector over every text of the labelled corpus (`tests/data/criteria/`), and over the
//! longest text the format allows (2,000 characters of criteria made of corpus sentences),
//! and prints the mean and the slowest time per text. Prints figures; asserts nothing.

use samictl::opt_out::opt_out_phrases;
use std::hint::black_box;
use std::time::{Duration, Instant};

fn corpus() -> Vec<String> {
    let mut texts = Vec::new();
    for name in ["tune.tsv", "holdout.tsv", "holdout2.tsv", "holdout3.tsv"] {
        let path = format!("{}/tests/data/criteria/{name}", env!("CARGO_MANIFEST_DIR"));
        let data = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        for line in data.lines() {
            if let Some((_, text)) = line.split_once('\t')
                && !line.starts_with('#')
            {
                texts.push(text.replace("\\n", "\n"));
            }
        }
    }
    texts
}

/// The mean and the slowest of `rounds` runs over each text.
fn time(texts: &[String], rounds: u32) -> (Duration, Duration) {
    let mut total = Duration::ZERO;
    let mut slowest = Duration::ZERO;
    for text in texts {
        let start = Instant::now();
        for _ in 0..rounds {
            black_box(opt_out_phrases(black_box(text)));
        }
        let each = start.elapsed() / rounds;
        total += each;
        slowest = slowest.max(each);
    }
    (total / u32::try_from(texts.len()).unwrap_or(1), slowest)
}

fn main() {
    let texts = corpus();
    let (mean, slowest) = time(&texts, 200);
    println!(
        "criteria-catches-opt-out, {} corpus texts: mean {:.1} µs per text, slowest {:.1} µs",
        texts.len(),
        mean.as_secs_f64() * 1e6,
        slowest.as_secs_f64() * 1e6
    );
    let mut long = String::new();
    for t in &texts {
        if long.len() + t.len() + 1 > 2000 {
            break;
        }
        long.push_str(t);
        long.push(' ');
    }
    let (mean, _) = time(std::slice::from_ref(&long), 200);
    println!(
        "criteria-catches-opt-out, one {}-character criteria text: {:.1} µs",
        long.chars().count(),
        mean.as_secs_f64() * 1e6
    );
}
