//! One function per subcommand: argument handling and printing. The work is
//! done by the pipeline, the store and the query module.

use crate::pipeline::{trace, TraceOptions, TraceStats};
use crate::query::{for_each_pair, snippet, top_clusters};
use crate::{bench, export, Cli, Command, ListFormat};
use anyhow::{bail, Context, Result};
use echotrace_core::normalise::slice_chars;
use echotrace_ingest::IngestOptions;
use echotrace_store::Store;
use std::io::{BufWriter, IsTerminal, Write};

/// Exit code when the run finished but some inputs were skipped.
pub const EXIT_SKIPPED: u8 = 3;

pub fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Trace {
            inputs,
            db,
            params,
            replace,
            max_doc_bytes,
            batch_docs,
            json,
            quiet,
        } => {
            let params = params.params();
            params.validate().map_err(anyhow::Error::msg)?;
            let mut store = Store::open(&db.db)?;
            let opts = TraceOptions {
                params,
                replace,
                progress: !quiet && std::io::stderr().is_terminal(),
                ingest: IngestOptions { max_doc_bytes },
                batch_docs,
            };
            let mut on_error =
                |e: &echotrace_ingest::IngestError| eprintln!("echotrace: skipped {e}");
            let stats = trace(&mut store, &inputs, &opts, &mut on_error)?;
            if json {
                let mut v = serde_json::to_value(&stats)?;
                v["db"] = serde_json::Value::String(db.db.display().to_string());
                v["peak_rss_mb"] = serde_json::json!(peak_rss_mb());
                println!("{v}");
            } else if !quiet {
                print_summary(&store, &stats)?;
            }
            Ok(if stats.skipped > 0 { EXIT_SKIPPED } else { 0 })
        }
        Command::Export {
            db,
            format,
            out,
            documents,
        } => {
            let store = Store::open_readonly(&db.db)?;
            export::export(&store, format, out.as_deref(), documents)?;
            Ok(0)
        }
        Command::Pairs {
            db,
            doc,
            format,
            limit,
        } => {
            let store = Store::open_readonly(&db.db)?;
            let filter = match &doc {
                Some(id) => Some(
                    store
                        .doc_key(id)?
                        .with_context(|| format!("no document with id {id:?}"))?,
                ),
                None => None,
            };
            let stdout = std::io::stdout();
            let mut w = BufWriter::new(stdout.lock());
            let mut n = 0usize;
            let limit = limit.unwrap_or(usize::MAX);
            for_each_pair(&store, filter, |p| {
                if n >= limit {
                    return Ok(());
                }
                n += 1;
                match format {
                    ListFormat::Jsonl => writeln!(w, "{}", serde_json::to_string(&p)?)?,
                    ListFormat::Text => {
                        writeln!(
                            w,
                            "{} [{}..{}]  <->  {} [{}..{}]  score {:.3}, {} words, cluster {}",
                            p.a.doc,
                            p.a.begin,
                            p.a.end,
                            p.b.doc,
                            p.b.begin,
                            p.b.end,
                            p.score,
                            p.matched_words,
                            p.cluster
                                .map(|c| c.to_string())
                                .unwrap_or_else(|| "-".into())
                        )?;
                        writeln!(w, "  A: {}", snippet(&p.a.text, 200))?;
                        writeln!(w, "  B: {}", snippet(&p.b.text, 200))?;
                    }
                }
                Ok(())
            })?;
            w.flush()?;
            Ok(0)
        }
        Command::Show { id, db } => {
            let store = Store::open_readonly(&db.db)?;
            show(&store, &id)?;
            Ok(0)
        }
        Command::Gen {
            docs,
            seed,
            lang,
            base,
            out,
        } => {
            let stats = bench::generate_corpus(docs, seed, &lang, base, &out)?;
            println!(
                "wrote {} documents ({} families, {} copies, {} truth pairs, {:.1} MB) to {}/corpus.jsonl and truth to {}/truth.jsonl",
                stats.docs,
                stats.families,
                stats.copies,
                stats.truth_pairs,
                stats.bytes as f64 / 1e6,
                out.display(),
                out.display()
            );
            Ok(0)
        }
        Command::Eval {
            truth,
            pan,
            db,
            params,
            json,
        } => bench::eval_command(truth, pan, &db.db, &params.params(), json),
        Command::Bench {
            sizes,
            out,
            lang,
            base,
            json,
        } => {
            bench::bench(&sizes, &out, &lang, base, json)?;
            Ok(0)
        }
    }
}

/// Peak resident memory of this process in MiB (Linux), if known.
pub fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some((kb / 1024.0 * 10.0).round() / 10.0)
}

fn print_summary(store: &Store, s: &TraceStats) -> Result<()> {
    println!(
        "echotrace: {} documents in {} ({} added, {} replaced, {} unchanged, {} skipped) in {:.2} s",
        s.documents_total,
        store.conn().path().unwrap_or("store"),
        s.documents_added,
        s.documents_replaced,
        s.documents_unchanged,
        s.skipped,
        s.seconds_total
    );
    println!(
        "  {} candidate pairs compared, {} aligned passage pairs added ({} in total)",
        s.candidate_pairs, s.alignments_added, s.alignments_total
    );
    println!(
        "  {} reused passages in {} clusters",
        s.passages, s.clusters
    );
    let top = top_clusters(store, 5)?;
    if !top.is_empty() {
        println!("top clusters:");
        for (cl, size, n_docs, text, ids) in top {
            let mut list = ids.join(", ");
            if list.chars().count() > 100 {
                list = snippet(&list, 100);
            }
            println!("  cluster {cl}: {size} passages in {n_docs} documents ({list})");
            println!("    «{text}»");
        }
    }
    if s.skipped > 0 {
        println!(
            "  {} input records skipped (see messages above; exit status {EXIT_SKIPPED})",
            s.skipped
        );
    }
    Ok(())
}

fn show(store: &Store, id: &str) -> Result<()> {
    let Some(key) = store.doc_key(id)? else {
        bail!("no document with id {id:?} in the database");
    };
    let doc = store.document(key)?;
    let passages = store.passages(Some(key))?;
    let stdout = std::io::stdout();
    let mut w = BufWriter::new(stdout.lock());
    writeln!(w, "# {}", doc.id)?;
    for (k, v) in [
        ("title", &doc.title),
        ("series", &doc.series),
        ("date", &doc.date),
        ("url", &doc.url),
    ] {
        if let Some(v) = v {
            writeln!(w, "{k}: {v}")?;
        }
    }
    writeln!(w, "{} reused passages", passages.len())?;
    writeln!(w)?;
    // Mark passages with ⟦n … ⟧n; they never overlap within a document
    // except when clusters differ, so markers are emitted by position.
    let mut marks: Vec<(usize, u8, usize)> = Vec::new(); // (char pos, 0=close/1=open, n)
    for (i, p) in passages.iter().enumerate() {
        marks.push((p.begin, 1, i + 1));
        marks.push((p.end, 0, i + 1));
    }
    marks.sort();
    let mut out = String::with_capacity(doc.text.len() + marks.len() * 8);
    let mut mi = 0;
    for (ci, c) in doc.text.chars().enumerate() {
        while mi < marks.len() && marks[mi].0 == ci {
            let (_, kind, n) = marks[mi];
            out.push_str(&if kind == 1 {
                format!("⟦{n} ")
            } else {
                format!(" ⟧{n}")
            });
            mi += 1;
        }
        out.push(c);
    }
    for &(_, kind, n) in &marks[mi..] {
        out.push_str(&if kind == 1 {
            format!("⟦{n} ")
        } else {
            format!(" ⟧{n}")
        });
    }
    writeln!(w, "{out}")?;
    writeln!(w)?;
    let mut counterparts: Vec<Vec<String>> = vec![Vec::new(); passages.len()];
    let uids: Vec<i64> = passages.iter().map(|p| p.uid).collect();
    for_each_pair(store, Some(key), |p| {
        let (me, other) = if p.a.doc == doc.id {
            (&p.a, &p.b)
        } else {
            (&p.b, &p.a)
        };
        if let Some(i) = me.uid.and_then(|u| uids.iter().position(|&x| x == u)) {
            counterparts[i].push(format!(
                "{} [{}..{}] (score {:.2}, {} words)",
                other.doc, other.begin, other.end, p.score, p.matched_words
            ));
        }
        Ok(())
    })?;
    for (i, p) in passages.iter().enumerate() {
        writeln!(
            w,
            "[{}] chars {}..{}, cluster {}: «{}»",
            i + 1,
            p.begin,
            p.end,
            p.cluster,
            snippet(slice_chars(&doc.text, p.begin, p.end), 80)
        )?;
        for c in &counterparts[i] {
            writeln!(w, "    also in {c}")?;
        }
    }
    w.flush()?;
    Ok(())
}
