//! Prints quote span P/R/F1 and speaker accuracy on the gold sets in
//! `crates/quotes/data/` (dev, then held-out). `-v` lists the errors.

use echotrace_quotes::eval::{parse_gold, run, QuoteScores};

fn print(name: &str, s: &QuoteScores, verbose: bool) {
    println!(
        "{name}: gold {} predicted {} matched {} | span P {:.3} R {:.3} F1 {:.3} | speaker accuracy {:.3} ({}/{}) | kind {}/{}",
        s.gold, s.predicted, s.matched, s.precision, s.recall, s.f1, s.speaker_accuracy, s.speaker_correct, s.matched, s.kind_correct, s.matched
    );
    if verbose {
        for e in &s.errors {
            println!("  {e}");
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let verbose = args.iter().any(|a| a == "-v");
    let heldout = !args.iter().any(|a| a == "--dev-only");
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data");
    let mut files = vec!["gold_dev.jsonl"];
    if heldout {
        files.push("gold_heldout.jsonl");
    }
    for f in files {
        let path = format!("{dir}/{f}");
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{path}: {e}");
                std::process::exit(1);
            }
        };
        match parse_gold(&text) {
            Ok(gold) => {
                let (_, s) = run(&gold);
                print(f, &s, verbose);
            }
            Err(e) => {
                eprintln!("{path}: {e}");
                std::process::exit(1);
            }
        }
    }
}
