//! Throughput of `extract` (documents/s, MB/s) on the seed texts repeated,
//! or on generated quote-dense news text when ../shared is missing.
//! `cargo run --release -p echotrace-quotes --example quotes_throughput [N]`

use std::time::Instant;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(2000);
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seeds");
    let mut texts: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    let source = if texts.is_empty() {
        "generated"
    } else {
        "seeds"
    };
    if texts.is_empty() {
        let para = "« Nous ne céderons rien sur le calendrier », a déclaré mardi la ministre, Hélène Vasseur. Selon elle, les crédits arriveront avant l'été. \u{201c}We will act if we have to,\u{201d} she told lawmakers.\n";
        texts.push(para.repeat(20));
    }
    let mut bytes = 0usize;
    let mut quotes = 0usize;
    let start = Instant::now();
    for i in 0..n {
        let t = &texts[i % texts.len()];
        bytes += t.len();
        quotes += echotrace_quotes::extract(t, &[], &[], Some("fr")).len();
    }
    let secs = start.elapsed().as_secs_f64().max(1e-9);
    println!(
        "{source}: {n} documents, {:.1} MB, {quotes} quotes in {secs:.2} s: {:.0} docs/s, {:.1} MB/s",
        bytes as f64 / 1e6,
        n as f64 / secs,
        bytes as f64 / 1e6 / secs
    );
}
