//! Time and digest of `clean_text` over a JSON lines corpus, as `trace` runs
//! it (per-series templates built from every page first), single-threaded:
//!   cargo run --release -p echotrace-clean --example bench_text CORPUS.jsonl [--html DIR] [--dump OUT.jsonl]
//!
//! With `--html DIR`, every page of DIR is also cleaned with `clean_html`
//! (timed apart) and the page text it extracts is cleaned again as a text
//! dump. The digest (xxh3 of every cleaned record serialised) shows whether
//! a change of the cleaner changed any output; `--dump` writes the records.

use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::time::Instant;

use echotrace_clean::{clean_text, CleanOptions, SiteTemplates};

fn main() {
    let mut args = std::env::args().skip(1);
    let mut corpora = Vec::new();
    let mut html_dir = None;
    let mut dump = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--html" => html_dir = args.next(),
            "--dump" => {
                dump = args.next().map(|p| {
                    std::io::BufWriter::new(
                        std::fs::File::create(p).expect("cannot create the dump file"),
                    )
                })
            }
            _ => corpora.push(a),
        }
    }
    if corpora.is_empty() && html_dir.is_none() {
        eprintln!("usage: bench_text CORPUS.jsonl... [--html DIR] [--dump OUT.jsonl]");
        std::process::exit(2);
    }
    let opts = CleanOptions::default();
    let mut docs: Vec<(Option<String>, String)> = Vec::new();
    let mut digest = 0u64;
    for path in &corpora {
        let file = std::fs::File::open(path).expect("cannot open the corpus");
        for line in std::io::BufReader::new(file).lines() {
            let Ok(line) = line else { continue };
            let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
                continue;
            };
            let text = v["text"].as_str().unwrap_or("").to_string();
            let series = v["series"]
                .as_str()
                .or(v["outlet"].as_str())
                .map(str::to_string);
            docs.push((series, text));
        }
    }
    if let Some(dir) = &html_dir {
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .expect("cannot read the HTML folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        files.sort();
        let mut secs = 0.0;
        for f in &files {
            let Ok(bytes) = std::fs::read(f) else {
                continue;
            };
            let t = Instant::now();
            let c = echotrace_clean::clean_html(&bytes, None, &opts);
            secs += t.elapsed().as_secs_f64();
            let json = serde_json::to_string(&c).unwrap_or_default();
            digest = xxhash_rust::xxh3::xxh3_64_with_seed(json.as_bytes(), digest);
            if let Ok(c) = c {
                docs.push((Some("html".into()), c.text));
            }
        }
        println!(
            "html: {} pages, clean_html {:.2} s, digest {:016x}",
            files.len(),
            secs,
            digest
        );
    }
    let bytes: usize = docs.iter().map(|d| d.1.len()).sum();
    let t = Instant::now();
    let mut sites: HashMap<String, SiteTemplates> = HashMap::new();
    for (s, text) in &docs {
        if let Some(s) = s {
            sites.entry(s.clone()).or_default().add_document(text);
        }
    }
    let t_templates = t.elapsed().as_secs_f64();
    let mut t_clean = 0.0;
    for (s, text) in &docs {
        let site = s.as_ref().and_then(|s| sites.get(s));
        let t = Instant::now();
        let c = clean_text(text, &opts, site);
        t_clean += t.elapsed().as_secs_f64();
        // As `trace` does (there after each batch): detections teach the site.
        if let (Some(s), Some(l)) = (s, &c.language) {
            if !l.from_site {
                if let Some(site) = sites.get_mut(s) {
                    site.note_language(&l.code, l.confidence);
                }
            }
        }
        let json = serde_json::to_string(&c).unwrap_or_default();
        digest = xxhash_rust::xxh3::xxh3_64_with_seed(json.as_bytes(), digest);
        if let Some(w) = dump.as_mut() {
            let _ = writeln!(w, "{json}");
        }
    }
    println!(
        "{} documents ({:.1} MB): templates {:.2} s, clean_text {:.2} s ({:.0} docs/s), digest {:016x}",
        docs.len(),
        bytes as f64 / 1e6,
        t_templates,
        t_clean,
        docs.len() as f64 / t_clean.max(1e-9),
        digest
    );
}
