//! Scores each extractor on an annotated folder (default ../shared/data/extraction-dev).
//! Usage: cargo run --release -p echotrace-clean --example eval_extraction [DIR] [EXTRACTOR...]

use std::path::PathBuf;

use echotrace_clean::{eval_extraction_detailed, Extractor};

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/extraction-dev"
        ))
    });
    let wanted: Vec<String> = args.collect();
    let verbose = std::env::var("VERBOSE").is_ok();
    for ex in Extractor::all() {
        if !wanted.is_empty() && !wanted.iter().any(|w| w == ex.name()) {
            continue;
        }
        match eval_extraction_detailed(&dir, |b, u| ex.extract_text(b, u)) {
            Ok((s, pages)) => {
                println!(
                    "{:<20} pages {} failed {} TP {} FN {} FP {} TN {}  P {:.3} R {:.3} F1 {:.3}  {:.1} pages/s",
                    ex.name(),
                    s.pages,
                    s.failed,
                    s.true_pos,
                    s.false_neg,
                    s.false_pos,
                    s.true_neg,
                    s.precision,
                    s.recall,
                    s.f1,
                    s.pages_per_second()
                );
                if verbose {
                    for p in pages {
                        if !p.missed.is_empty() || !p.leaked.is_empty() {
                            println!("  {}  missed {:?}  leaked {:?}", p.file, p.missed, p.leaked);
                        }
                    }
                }
            }
            Err(e) => eprintln!("{}: {e}", dir.display()),
        }
    }
}
