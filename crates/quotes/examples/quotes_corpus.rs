//! Throughput of `extract` and `link` on a JSON lines corpus (one thread):
//! `cargo run --release -p echotrace-quotes --example quotes_corpus FILE.jsonl [N]`
//! (the `text` field of the first N records, whole text as body).

use echotrace_quotes::{extract, link, DocQuotes};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: quotes_corpus FILE.jsonl [N]");
        std::process::exit(2);
    };
    let n: usize = args
        .get(2)
        .and_then(|a| a.parse().ok())
        .unwrap_or(usize::MAX);
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let docs: Vec<(String, String)> = text
        .lines()
        .take(n)
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| {
            (
                v["id"].as_str().unwrap_or("").to_string(),
                v["text"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let bytes: usize = docs.iter().map(|d| d.1.len()).sum();
    let t = Instant::now();
    let mut all = Vec::with_capacity(docs.len());
    let mut quotes = 0;
    for (id, text) in &docs {
        let q = extract(text, &[], &[], None);
        quotes += q.len();
        all.push(DocQuotes::from_extracted(id.clone(), None, text, &q));
    }
    let te = t.elapsed().as_secs_f64().max(1e-9);
    let t = Instant::now();
    let groups = link(&all);
    let tl = t.elapsed().as_secs_f64();
    println!(
        "{} documents, {:.1} MB, {quotes} quotes: extract {te:.2} s ({:.1} MB/s), link {tl:.2} s ({} groups)",
        docs.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / te,
        groups.len()
    );
}
