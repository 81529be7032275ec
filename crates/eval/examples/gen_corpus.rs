//! Generates a labelled corpus and reports its statistics and speed.
//!
//! ```text
//! cargo run --release -p echotrace-eval --example gen_corpus -- \
//!     --docs 100000 --seed 1 --lang en --base ../shared/data/base-text \
//!     --out /tmp/corpus.jsonl --truth /tmp/truth.jsonl
//! ```
//! Without `--out` / `--truth` the output is discarded (speed measurement).

use std::fs::File;
use std::io::{self, Write};
use std::path::PathBuf;
use std::time::Instant;

use echotrace_eval::{generate, GenConfig};

fn main() -> anyhow::Result<()> {
    let mut cfg = GenConfig::new(1000, 1);
    let mut out: Option<PathBuf> = None;
    let mut truth: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || {
            args.next()
                .ok_or_else(|| anyhow::anyhow!("{a} needs a value"))
        };
        match a.as_str() {
            "--docs" => cfg.docs = val()?.parse()?,
            "--seed" => cfg.seed = val()?.parse()?,
            "--lang" => cfg.lang = val()?.parse()?,
            "--base" => cfg.base_dir = Some(val()?.into()),
            "--reuse-rate" => cfg.reuse_rate = val()?.parse()?,
            "--base-max-words" => cfg.base_max_words = val()?.parse()?,
            "--out" => out = Some(val()?.into()),
            "--truth" => truth = Some(val()?.into()),
            _ => anyhow::bail!(
                "unknown argument {a}; expected --docs --seed --lang --base --reuse-rate --base-max-words --out --truth"
            ),
        }
    }
    let mut corpus_w: Box<dyn Write> = match &out {
        Some(p) => Box::new(File::create(p)?),
        None => Box::new(io::sink()),
    };
    let mut truth_w: Box<dyn Write> = match &truth {
        Some(p) => Box::new(File::create(p)?),
        None => Box::new(io::sink()),
    };
    let t = Instant::now();
    let stats = generate(&cfg, &mut corpus_w, &mut truth_w)?;
    let secs = t.elapsed().as_secs_f64();
    eprintln!("{}", serde_json::to_string_pretty(&stats)?);
    eprintln!(
        "{} docs in {:.2} s: {:.0} docs/s, {:.1} MB/s, {:.0} bytes/doc (model training included)",
        stats.docs,
        secs,
        stats.docs as f64 / secs,
        stats.bytes as f64 / secs / 1e6,
        stats.bytes as f64 / stats.docs.max(1) as f64
    );
    Ok(())
}
