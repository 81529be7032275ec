//! `echotrace gen`, `echotrace eval` and `echotrace bench`: labelled corpora,
//! quality measures and the throughput/memory benchmark.
//!
//! The benchmark runs each trace in a child process (`echotrace trace
//! --json`), so the peak memory it reports is that of the trace alone.

use crate::pipeline::{trace, TraceOptions};
use crate::query::for_each_pair;
use anyhow::{bail, Context, Result};
use echotrace_core::Params;
use echotrace_eval::{
    evaluate, read_truth, Detection, EvalReport, GenConfig, GenStats, Lang, SpanRef,
};
use echotrace_ingest::IngestOptions;
use echotrace_store::Store;
use serde_json::json;
use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn parse_lang(lang: &str) -> Result<Lang> {
    Ok(match lang {
        "en" => Lang::En,
        "fr" => Lang::Fr,
        "mixed" => Lang::Mixed,
        other => bail!("unknown language {other:?} (use en, fr or mixed)"),
    })
}

/// The default folder of real base text, when present.
fn default_base(base: Option<PathBuf>) -> Option<PathBuf> {
    base.or_else(|| {
        let p = PathBuf::from("../shared/data/base-text");
        p.is_dir().then_some(p)
    })
}

/// Writes `out/corpus.jsonl` and `out/truth.jsonl`.
pub fn generate_corpus(
    docs: usize,
    seed: u64,
    lang: &str,
    base: Option<PathBuf>,
    out: &Path,
) -> Result<GenStats> {
    generate_corpus_with(docs, seed, lang, base, out, false)
}

/// [`generate_corpus`], with provenance labels when `provenance` is set:
/// publication times of several precisions, credits (right, wrong, none),
/// copies of copies, `DIR/provenance.jsonl` (per family: source, each copy's
/// parent and attribution) and `DIR/outlets.csv` (the invented outlets).
pub fn generate_corpus_with(
    docs: usize,
    seed: u64,
    lang: &str,
    base: Option<PathBuf>,
    out: &Path,
    provenance: bool,
) -> Result<GenStats> {
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let cfg = GenConfig {
        docs,
        seed,
        lang: parse_lang(lang)?,
        base_dir: default_base(base),
        ..GenConfig::new(docs, seed)
    };
    let corpus = out.join("corpus.jsonl");
    let truth = out.join("truth.jsonl");
    let mut c = BufWriter::new(
        File::create(&corpus).with_context(|| format!("cannot create {}", corpus.display()))?,
    );
    let mut t = BufWriter::new(
        File::create(&truth).with_context(|| format!("cannot create {}", truth.display()))?,
    );
    use std::io::Write;
    let create = |name: &str| -> Result<BufWriter<File>> {
        let p = out.join(name);
        Ok(BufWriter::new(File::create(&p).with_context(|| {
            format!("cannot create {}", p.display())
        })?))
    };
    let stats = if provenance {
        let (mut p, mut r) = (create("provenance.jsonl")?, create("outlets.csv")?);
        let (stats, _) =
            echotrace_eval::generate_with_provenance(&cfg, &mut c, &mut t, &mut p, &mut r)?;
        p.flush()?;
        r.flush()?;
        stats
    } else {
        echotrace_eval::generate(&cfg, &mut c, &mut t)?
    };
    c.flush()?;
    t.flush()?;
    Ok(stats)
}

/// Every aligned pair in the store as an evaluation detection.
pub fn detections(store: &Store) -> Result<Vec<Detection>> {
    let mut out = Vec::new();
    for_each_pair(store, None, |p| {
        out.push(Detection {
            a: SpanRef {
                doc: p.a.doc,
                begin: p.a.begin,
                end: p.a.end,
            },
            b: SpanRef {
                doc: p.b.doc,
                begin: p.b.begin,
                end: p.b.end,
            },
            cluster: p.cluster.map(|c| c as u64),
        });
        Ok(())
    })?;
    Ok(out)
}

fn print_report(r: &EvalReport) {
    println!(
        "passages: precision {:.4}  recall {:.4}  F1 {:.4}",
        r.passage.precision, r.passage.recall, r.passage.f1
    );
    println!(
        "characters (PAN): precision {:.4}  recall {:.4}  granularity {:.4}  PlagDet {:.4}",
        r.plagdet.precision, r.plagdet.recall, r.plagdet.granularity, r.plagdet.plagdet
    );
    println!(
        "clusters (pairwise): precision {:.4}  recall {:.4}  F1 {:.4}",
        r.cluster.precision, r.cluster.recall, r.cluster.f1
    );
}

pub fn eval_command(
    truth: Option<PathBuf>,
    pan: Option<PathBuf>,
    db: &Path,
    params: &Params,
    json: bool,
) -> Result<u8> {
    let report = match (truth, pan) {
        (Some(truth), None) => {
            let store = Store::open_readonly(db)?;
            let truth = read_truth(&truth)?;
            evaluate(&truth, &detections(&store)?)
        }
        (None, Some(dir)) => {
            let corpus = echotrace_eval::read_pan(&dir)?;
            // The PAN documents go through the ordinary trace, from a JSON
            // lines file written next to the database.
            let jsonl = db.with_extension("pan.jsonl");
            {
                let mut w = BufWriter::new(
                    File::create(&jsonl)
                        .with_context(|| format!("cannot create {}", jsonl.display()))?,
                );
                for d in &corpus.documents {
                    serde_json::to_writer(&mut w, d)?;
                    std::io::Write::write_all(&mut w, b"\n")?;
                }
                std::io::Write::flush(&mut w)?;
            }
            let mut store = Store::open(db)?;
            let opts = TraceOptions {
                params: params.clone(),
                replace: false,
                progress: false,
                ingest: IngestOptions::default(),
                clean: false,
                clean_opts: echotrace_clean::CleanOptions::default(),
                batch_docs: 512,
                quotes: true,
                stories: true,
            };
            let mut on_error =
                |e: &echotrace_ingest::IngestError| eprintln!("echotrace: skipped {e}");
            trace(
                &mut store,
                &[jsonl.display().to_string()],
                &opts,
                &mut on_error,
            )?;
            // Only the listed pairs are judged, as in PAN.
            let listed: std::collections::HashSet<(String, String)> = corpus
                .pairs
                .iter()
                .flat_map(|(s, r)| [(s.clone(), r.clone()), (r.clone(), s.clone())])
                .collect();
            let dets: Vec<Detection> = detections(&store)?
                .into_iter()
                .filter(|d| listed.contains(&(d.a.doc.clone(), d.b.doc.clone())))
                .collect();
            evaluate(&corpus.truth, &dets)
        }
        _ => bail!("give either --truth FILE (with --db) or --pan DIR"),
    };
    if json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        print_report(&report);
    }
    Ok(0)
}

/// `eval --extraction DIR`: the clean stage's HTML body against the
/// annotations (segments that must and must not appear), summed over pages.
pub fn eval_extraction(dir: &Path, json: bool) -> Result<u8> {
    let opts = echotrace_clean::CleanOptions::default();
    let s = echotrace_clean::eval_extraction(dir, |html, url| {
        echotrace_clean::clean_html(html, url, &opts).map(|c| c.body_text())
    })
    .map_err(anyhow::Error::msg)?;
    if json {
        println!(
            "{}",
            json!({"pages": s.pages, "missing": s.missing, "failed": s.failed, "true_pos": s.true_pos,
                   "false_neg": s.false_neg, "false_pos": s.false_pos, "precision": s.precision,
                   "recall": s.recall, "f1": s.f1, "seconds": s.seconds})
        );
    } else {
        println!(
            "{} pages ({} missing, {} failed): precision {:.4}  recall {:.4}  F1 {:.4}  ({:.1} pages/s)",
            s.pages,
            s.missing,
            s.failed,
            s.precision,
            s.recall,
            s.f1,
            s.pages as f64 / s.seconds.max(1e-9)
        );
    }
    Ok(0)
}

/// Runs the benchmark over the given corpus sizes and prints a table.
pub fn bench(
    sizes: &[usize],
    out: &Path,
    lang: &str,
    base: Option<PathBuf>,
    core: bool,
    json_out: bool,
) -> Result<()> {
    let exe = std::env::current_exe().context("cannot find the echotrace executable")?;
    let mut rows = Vec::new();
    for &n in sizes {
        let dir = out.join(format!("{n}"));
        let corpus = dir.join("corpus.jsonl");
        let truth = dir.join("truth.jsonl");
        if !(corpus.exists() && truth.exists()) {
            eprintln!("bench: generating {n} documents in {}", dir.display());
            generate_corpus(n, 1, lang, base.clone(), &dir)?;
        }
        let db = dir.join("trace.db");
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
        let bytes = std::fs::metadata(&corpus)?.len();
        eprintln!(
            "bench: tracing {n} documents ({:.1} MB)",
            bytes as f64 / 1e6
        );
        let t = Instant::now();
        let output = std::process::Command::new(&exe)
            .arg("trace")
            .arg(&corpus)
            .arg("--db")
            .arg(&db)
            .arg("--json")
            .arg("--quiet")
            .args(if core {
                &["--no-quotes", "--no-stories"][..]
            } else {
                &[][..]
            })
            .output()
            .context("cannot run echotrace trace")?;
        let secs = t.elapsed().as_secs_f64();
        if !output.status.success() {
            bail!(
                "trace of {} failed: {}",
                corpus.display(),
                String::from_utf8_lossy(&output.stderr)
            );
        }
        let stats: serde_json::Value =
            serde_json::from_slice(&output.stdout).context("trace --json output")?;
        let store = Store::open_readonly(&db)?;
        let report = evaluate(&read_truth(&truth)?, &detections(&store)?);
        let row = json!({
            "docs": n,
            "mb": bytes as f64 / 1e6,
            "seconds": secs,
            "docs_per_s": n as f64 / secs,
            "mb_per_s": bytes as f64 / 1e6 / secs,
            "peak_rss_mb": stats["peak_rss_mb"],
            "seconds_ingest": stats["seconds_ingest"],
            "seconds_candidates": stats["seconds_candidates"],
            "seconds_align": stats["seconds_align"],
            "seconds_cluster": stats["seconds_cluster"],
            "candidate_pairs": stats["candidate_pairs"],
            "alignments": stats["alignments_total"],
            "clusters": stats["clusters"],
            "quality": report,
        });
        eprintln!("bench: {row}");
        rows.push(row);
    }
    let path = out.join("bench.json");
    std::fs::write(&path, serde_json::to_string_pretty(&rows)?)?;
    if json_out {
        println!("{}", serde_json::to_string(&rows)?);
        return Ok(());
    }
    println!(
        "{:>9} {:>8} {:>9} {:>9} {:>7} {:>9} {:>7} {:>7} {:>7} {:>8}",
        "docs", "MB", "seconds", "docs/s", "MB/s", "peak MiB", "P", "R", "F1", "PlagDet"
    );
    let mut prev: Option<(f64, f64)> = None;
    for r in &rows {
        let n = r["docs"].as_f64().unwrap_or(0.0);
        let s = r["seconds"].as_f64().unwrap_or(0.0);
        let q = &r["quality"];
        println!(
            "{:>9} {:>8.1} {:>9.2} {:>9.0} {:>7.2} {:>9} {:>7.4} {:>7.4} {:>7.4} {:>8.4}",
            n,
            r["mb"].as_f64().unwrap_or(0.0),
            s,
            r["docs_per_s"].as_f64().unwrap_or(0.0),
            r["mb_per_s"].as_f64().unwrap_or(0.0),
            r["peak_rss_mb"],
            q["passage"]["precision"].as_f64().unwrap_or(0.0),
            q["passage"]["recall"].as_f64().unwrap_or(0.0),
            q["passage"]["f1"].as_f64().unwrap_or(0.0),
            q["plagdet"]["plagdet"].as_f64().unwrap_or(0.0),
        );
        if let Some((pn, ps)) = prev {
            println!(
                "{:>9} time grew x{:.2} for x{:.1} documents (N log N would be x{:.2})",
                "",
                s / ps,
                n / pn,
                (n * n.ln()) / (pn * pn.ln())
            );
        }
        prev = Some((n, s));
    }
    println!("(written to {})", path.display());
    Ok(())
}
