//! Throughput of the cleaning stage (run in release):
//!   cargo run --release -p echotrace-clean --example bench_clean [SHARED_DIR]
//!
//! HTML: every page of extraction-dev through `clean_html`; WARC: the same
//! pages written into one temporary .warc.gz, read back with
//! echotrace-ingest's `open_warc_file` and cleaned with
//! `clean_html_with_charset`; text: the texts of fresada-fr.jsonl and
//! the seeds through `clean_text`.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::time::Instant;

use echotrace_clean::{clean_html, clean_html_with_charset, clean_text, CleanOptions};
use echotrace_ingest::{open_warc_file, IngestOptions};

fn main() {
    let shared = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")));
    let opts = CleanOptions::default();
    let pages_dir = shared.join("data/extraction-dev/pages");
    let mut pages: Vec<(String, Vec<u8>)> = std::fs::read_dir(&pages_dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| {
                    (
                        e.file_name().to_string_lossy().into_owned(),
                        std::fs::read(e.path()).unwrap(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    pages.sort();
    if !pages.is_empty() {
        let bytes: usize = pages.iter().map(|p| p.1.len()).sum();
        let t = Instant::now();
        let mut ok = 0;
        for (_, p) in &pages {
            if clean_html(p, None, &opts).is_ok() {
                ok += 1;
            }
        }
        let s = t.elapsed().as_secs_f64();
        println!(
            "html: {} pages ({:.1} MB), {} cleaned, {:.2} s, {:.1} pages/s",
            pages.len(),
            bytes as f64 / 1e6,
            ok,
            s,
            pages.len() as f64 / s
        );
        let fast = CleanOptions {
            use_second_extractor: false,
            ..CleanOptions::default()
        };
        let t = Instant::now();
        for (_, p) in &pages {
            let _ = clean_html(p, None, &fast);
        }
        let s = t.elapsed().as_secs_f64();
        println!(
            "html without dom_smoothie: {:.1} pages/s",
            pages.len() as f64 / s
        );

        // WARC: one gzip member per record, as Common Crawl writes them.
        let dir = tempfile::tempdir().unwrap();
        let warc = dir.path().join("bench.warc.gz");
        let mut f = std::fs::File::create(&warc).unwrap();
        for (name, p) in &pages {
            let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".to_vec();
            http.extend_from_slice(p);
            let mut rec = format!(
                "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://bench.example/{name}\r\nWARC-Date: 2024-01-01T00:00:00Z\r\nContent-Length: {}\r\n\r\n",
                http.len()
            )
            .into_bytes();
            rec.extend(http);
            rec.extend_from_slice(b"\r\n\r\n");
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            e.write_all(&rec).unwrap();
            f.write_all(&e.finish().unwrap()).unwrap();
        }
        drop(f);
        let t = Instant::now();
        let (mut n, mut errs) = (0, 0);
        let ingest = IngestOptions::default();
        for r in open_warc_file(&warc, &ingest).unwrap() {
            match r {
                Ok(page) => {
                    let _ = clean_html_with_charset(
                        &page.bytes,
                        page.url.as_deref(),
                        page.charset.as_deref(),
                        &opts,
                    );
                    n += 1;
                }
                Err(_) => errs += 1,
            }
        }
        let s = t.elapsed().as_secs_f64();
        println!(
            "warc.gz: {n} records ({errs} errors), {:.2} s, {:.1} records/s",
            s,
            n as f64 / s
        );
        let t = Instant::now();
        let n = open_warc_file(&warc, &ingest)
            .unwrap()
            .filter(|r| r.is_ok())
            .count();
        println!(
            "warc.gz reading only: {:.0} records/s",
            n as f64 / t.elapsed().as_secs_f64()
        );
    } else {
        println!("SKIP html/warc: {} not found", pages_dir.display());
    }

    let mut texts: Vec<String> = Vec::new();
    if let Ok(f) = std::fs::File::open(shared.join("data/base-text/fresada-fr.jsonl")) {
        for line in std::io::BufReader::new(f).lines().map_while(Result::ok) {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) {
                if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                    texts.push(t.to_string());
                }
            }
        }
    }
    if let Ok(d) = std::fs::read_dir(shared.join("seeds")) {
        for e in d.filter_map(|e| e.ok()) {
            if let Ok(t) = std::fs::read_to_string(e.path()) {
                texts.push(t);
            }
        }
    }
    if texts.is_empty() {
        println!("SKIP text: no texts under {}", shared.display());
        return;
    }
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let t = Instant::now();
    let mut body_chars = 0usize;
    for x in &texts {
        let c = clean_text(x, &opts, None);
        body_chars += c.body.iter().map(|s| s.len()).sum::<usize>();
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "text: {} docs ({:.1} MB), {:.2} s, {:.0} docs/s, {:.1} MB/s, body share {:.1}%",
        texts.len(),
        bytes as f64 / 1e6,
        s,
        texts.len() as f64 / s,
        bytes as f64 / 1e6 / s,
        100.0 * body_chars as f64 / texts.iter().map(|t| t.chars().count()).sum::<usize>() as f64
    );
}
