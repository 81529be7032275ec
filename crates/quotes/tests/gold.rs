//! The gold sets parse (every quote is found in its text) and the dev set
//! meets the targets (span F1 ≥ 0.90, speaker accuracy ≥ 0.85).

use echotrace_quotes::eval::{evaluate, parse_gold, run};

fn load(name: &str) -> Vec<echotrace_quotes::eval::GoldDoc> {
    let path = format!("{}/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("gold file in the crate");
    parse_gold(&text).expect("gold parses")
}

#[test]
fn gold_sets_parse() {
    let dev = load("gold_dev.jsonl");
    let ho = load("gold_heldout.jsonl");
    assert!(dev.len() + ho.len() >= 60);
    assert!(dev.iter().chain(&ho).map(|d| d.quotes.len()).sum::<usize>() >= 120);
}

#[test]
fn dev_set_meets_targets() {
    let dev = load("gold_dev.jsonl");
    let (_, s) = run(&dev);
    assert!(s.f1 >= 0.90, "span F1 {:.3}: {:#?}", s.f1, s.errors);
    assert!(
        s.speaker_accuracy >= 0.85,
        "speaker accuracy {:.3}: {:#?}",
        s.speaker_accuracy,
        s.errors
    );
}

#[test]
fn evaluate_counts_misses_and_spurious() {
    let dev = load("gold_dev.jsonl");
    let empty = vec![Vec::new(); dev.len()];
    let s = evaluate(&dev, &empty);
    assert_eq!(s.matched, 0);
    assert_eq!(s.recall, 0.0);
    let (mut pred, _) = run(&dev);
    // shift every prediction away: nothing matches any more
    for p in pred.iter_mut().flatten() {
        p.span.begin += 10_000;
        p.span.end += 10_000;
    }
    let s = evaluate(&dev, &pred);
    assert_eq!(s.matched, 0);
    assert!(s.predicted > 0 && s.precision == 0.0);
}
