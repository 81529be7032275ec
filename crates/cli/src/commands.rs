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
            no_clean,
            outlets,
            no_quotes,
            no_stories,
            json,
            quiet,
        } => {
            let params = params.params();
            params.validate().map_err(anyhow::Error::msg)?;
            let mut store = Store::open(&db.db)?;
            if let Some(path) = &outlets {
                crate::provenance::set_registry(&store, path)?;
            }
            let opts = TraceOptions {
                params,
                replace,
                progress: !quiet && std::io::stderr().is_terminal(),
                ingest: IngestOptions { max_doc_bytes },
                clean: !no_clean,
                clean_opts: echotrace_clean::CleanOptions::default(),
                batch_docs,
                quotes: !no_quotes,
                stories: !no_stories,
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
        Command::Outlets { db, format } => {
            let store = Store::open_readonly(&db.db)?;
            let stdout = std::io::stdout();
            let mut w = BufWriter::new(stdout.lock());
            crate::report::list_outlets(&store, format, &mut w)?;
            w.flush()?;
            Ok(0)
        }
        Command::Report {
            db,
            out,
            max_clusters,
        } => {
            let store = Store::open_readonly(&db.db)?;
            let o = crate::report::write_report(&store, &out, max_clusters)?;
            println!(
                "echotrace: wrote {} ({} documents, {} clusters, {} unattributed copies)",
                out.display(),
                o.documents,
                o.clusters,
                o.unattributed_copies
            );
            Ok(0)
        }
        Command::Export {
            db,
            format,
            out,
            documents,
            quotes,
        } => {
            let store = Store::open_readonly(&db.db)?;
            if quotes {
                crate::quotes::export_quotes(&store, format, out.as_deref())?;
                return Ok(0);
            }
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
        Command::Show { id, db, raw } => {
            let store = Store::open_readonly(&db.db)?;
            if raw {
                show_raw(&store, &id)?;
            } else {
                show(&store, &id)?;
            }
            Ok(0)
        }
        Command::Clean {
            inputs,
            format,
            max_doc_bytes,
        } => clean_command(&inputs, format, max_doc_bytes),
        Command::Gen {
            docs,
            seed,
            lang,
            base,
            out,
            provenance,
        } => {
            let stats = bench::generate_corpus_with(docs, seed, &lang, base, &out, provenance)?;
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
        Command::Quotes {
            db,
            speaker,
            search,
            doc,
            format,
        } => crate::quotes::quotes_command(
            &db.db,
            speaker.as_deref(),
            search.as_deref(),
            doc.as_deref(),
            format,
        ),
        Command::Speakers { db, format } => crate::quotes::speakers_command(&db.db, format),
        Command::Stories { db, format, limit } => {
            crate::stories::stories_command(&db.db, format, limit)
        }
        Command::Narratives { db, format } => crate::stories::narratives_command(&db.db, format),
        Command::Claims {
            what: Some(crate::ClaimsWhat::Add { file, db }),
            ..
        } => crate::stories::claims_add_command(&db.db, &file),
        Command::Claims {
            what: None,
            db,
            format,
        } => crate::stories::claims_command(&db.db, format),
        Command::Eval {
            what: Some(crate::EvalWhat::Stories { sets, data, json }),
            ..
        } => crate::stories::eval_command(&sets, data.as_deref(), json),
        Command::Eval {
            what:
                Some(crate::EvalWhat::Quotes {
                    gold,
                    json,
                    verbose,
                }),
            ..
        } => crate::quotes::eval_command(&gold, json, verbose),
        Command::Eval {
            provenance: Some(truth),
            db,
            json,
            ..
        } => {
            let store = Store::open_readonly(&db.db)?;
            let s = crate::provenance::evaluate(&store, &truth)?;
            if json {
                println!("{}", serde_json::to_string(&s)?);
            } else {
                println!(
                    "provenance: source accuracy {:.3} ({} of {} families found)",
                    s.source_accuracy, s.families_found, s.families
                );
                println!(
                    "  parent accuracy {:.3}, parent or ancestor {:.3} ({} of {} copies found)",
                    s.parent_accuracy, s.parent_or_ancestor_accuracy, s.copies_found, s.copies
                );
                println!(
                    "  unattributed flag: precision {:.3} recall {:.3} F1 {:.3}",
                    s.flag_precision, s.flag_recall, s.flag_f1
                );
            }
            Ok(0)
        }
        Command::Eval {
            extraction: Some(dir),
            json,
            ..
        } => bench::eval_extraction(&dir, json),
        Command::Eval {
            truth,
            pan,
            db,
            params,
            json,
            ..
        } => bench::eval_command(truth, pan, &db.db, &params.params(), json),
        Command::Bench {
            sizes,
            out,
            lang,
            base,
            core,
            json,
        } => {
            bench::bench(&sizes, &out, &lang, base, core, json)?;
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
        "  {} reused passages in {} clusters; {} copies, {} of them unattributed",
        s.passages, s.clusters, s.copies, s.unattributed_copies
    );
    println!("{}", crate::quotes::summary_line(s));
    println!("  {} stories, {} narratives", s.stories, s.narratives);
    let top = top_clusters(store, 5)?;
    if !top.is_empty() {
        println!("top clusters:");
        for t in top {
            let (cl, size, n_docs, text) = (t.cluster, t.size, t.n_docs, t.snippet);
            let mut list = t.ids.join(", ");
            if list.chars().count() > 100 {
                list = snippet(&list, 100);
            }
            println!("  cluster {cl}: {size} passages in {n_docs} documents ({list})");
            if let Some((src, flagged)) = crate::provenance::cluster_source(store, cl)? {
                println!("    most likely source: {src}; unattributed copies: {flagged}");
            }
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
    marks.extend(crate::quotes::quote_marks(store, key)?);
    marks.sort();
    let mut out = String::with_capacity(doc.text.len() + marks.len() * 8);
    let mut mi = 0;
    for (ci, c) in doc.text.chars().enumerate() {
        while mi < marks.len() && marks[mi].0 == ci {
            let (_, kind, n) = marks[mi];
            out.push_str(&crate::quotes::marker(kind, n));
            mi += 1;
        }
        out.push(c);
    }
    for &(_, kind, n) in &marks[mi..] {
        out.push_str(&crate::quotes::marker(kind, n));
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
    crate::quotes::write_doc_quotes(store, key, &mut w)?;
    w.flush()?;
    Ok(())
}

/// `echotrace clean`: the clean stage alone, like a text extractor.
fn clean_command(inputs: &[String], format: ListFormat, max_doc_bytes: usize) -> Result<u8> {
    use crate::cleaning::{clean_batch, Aside, Templates};
    use echotrace_ingest::{read_inputs, IngestOptions};
    let opts = echotrace_clean::CleanOptions::default();
    let mut templates = Templates::default();
    let stdout = std::io::stdout();
    let mut w = BufWriter::new(stdout.lock());
    let mut skipped = 0usize;
    let mut batch = Vec::new();
    let mut items = read_inputs(inputs, &IngestOptions { max_doc_bytes });
    loop {
        let next = items.next();
        let done = next.is_none();
        match next {
            Some(Ok(item)) => batch.push(item),
            Some(Err(e)) => {
                skipped += 1;
                eprintln!("echotrace: skipped {e}");
            }
            None => {}
        }
        if batch.len() >= 256 || (done && !batch.is_empty()) {
            for r in clean_batch(std::mem::take(&mut batch), &mut templates, &opts, true) {
                let (doc, meta) = match r {
                    Ok(x) => x,
                    Err(e) => {
                        skipped += 1;
                        eprintln!("echotrace: skipped {e}");
                        continue;
                    }
                };
                let aside: Aside = meta
                    .cleaning
                    .as_deref()
                    .and_then(|c| serde_json::from_str(c).ok())
                    .unwrap_or_default();
                let body: Vec<String> = meta
                    .body
                    .iter()
                    .flatten()
                    .map(|s| slice_chars(&doc.text, s.begin, s.end).to_string())
                    .collect();
                match format {
                    ListFormat::Jsonl => {
                        let rec = serde_json::json!({
                            "id": doc.id,
                            "origin": doc.origin,
                            "format": meta.format,
                            "title": doc.title,
                            "date": doc.date,
                            "date_precision": meta.date_precision,
                            "series": doc.series,
                            "site": meta.site,
                            "author": meta.author,
                            "lang": meta.lang.as_ref().map(|l| &l.0),
                            "lang_confidence": meta.lang.as_ref().map(|l| (l.1 * 1000.0).round() / 1000.0),
                            "url": doc.url,
                            "body": body.join("\n"),
                            "body_spans": meta.body.iter().flatten().map(|s| [s.begin, s.end]).collect::<Vec<_>>(),
                            "comments": aside.comments.iter().map(|c| serde_json::json!({
                                "author": c.author, "date": c.date, "depth": c.depth, "parent": c.parent,
                                "begin": c.begin, "end": c.end,
                                "text": slice_chars(&doc.text, c.begin, c.end),
                            })).collect::<Vec<_>>(),
                            "furniture": aside.furniture.iter().map(|(b, e, r)| serde_json::json!({
                                "begin": b, "end": e, "reason": r, "text": slice_chars(&doc.text, *b, *e),
                            })).collect::<Vec<_>>(),
                        });
                        writeln!(w, "{rec}")?;
                    }
                    ListFormat::Text => {
                        writeln!(w, "# {} ({})", doc.id, doc.origin.as_deref().unwrap_or("-"))?;
                        for (k, v) in [
                            ("title", &doc.title),
                            ("date", &doc.date),
                            ("site", &meta.site),
                            ("author", &meta.author),
                            ("url", &doc.url),
                        ] {
                            if let Some(v) = v {
                                writeln!(w, "{k}: {v}")?;
                            }
                        }
                        if let Some((l, c)) = &meta.lang {
                            writeln!(w, "language: {l} ({c:.2})")?;
                        }
                        writeln!(w)?;
                        writeln!(w, "{}", body.join("\n"))?;
                        writeln!(w)?;
                        writeln!(
                            w,
                            "({} comments, {} furniture lines removed)",
                            aside.comments.len(),
                            aside.furniture.len()
                        )?;
                        writeln!(w)?;
                    }
                }
            }
        }
        if done {
            break;
        }
    }
    w.flush()?;
    Ok(if skipped > 0 { EXIT_SKIPPED } else { 0 })
}

/// `show --raw`: every line with what the clean stage decided about it.
fn show_raw(store: &Store, id: &str) -> Result<()> {
    use crate::cleaning::Aside;
    let Some(key) = store.doc_key(id)? else {
        bail!("no document with id {id:?} in the database");
    };
    let (text, body): (String, Option<Vec<echotrace_core::model::CharSpan>>) =
        store.text_and_body(key)?;
    let cleaning: Option<String> = store.conn().query_row(
        "SELECT cleaning FROM documents WHERE doc_key = ?1",
        [key],
        |r| r.get(0),
    )?;
    let aside: Aside = cleaning
        .as_deref()
        .and_then(|c| serde_json::from_str(c).ok())
        .unwrap_or_default();
    let stdout = std::io::stdout();
    let mut w = BufWriter::new(stdout.lock());
    writeln!(w, "# {id}: each line as the clean stage saw it")?;
    writeln!(w, "#   kept       part of the article body (traced)")?;
    writeln!(w, "#   -REASON    removed as page furniture, and why")?;
    writeln!(
        w,
        "#   cN         reader comment N (depth shown by indentation)"
    )?;
    writeln!(
        w,
        "#   .          not body (title, byline, blank, comment header)"
    )?;
    if body.is_none() {
        writeln!(w, "# this document was traced whole (not cleaned)")?;
    }
    let mut ci = 0usize;
    for line in text.split_inclusive('\n') {
        let n = line.chars().count();
        let (b, e) = (ci, ci + n);
        ci = e;
        let content = line.trim_end_matches(['\n', '\r']);
        let inside = |s: usize, t: usize| s < e && t > b && !content.trim().is_empty();
        let tag = if body
            .as_ref()
            .is_none_or(|bs| bs.iter().any(|s| inside(s.begin, s.end)))
            && !content.trim().is_empty()
        {
            "kept".to_string()
        } else if let Some((_, _, r)) = aside.furniture.iter().find(|(s, t, _)| inside(*s, *t)) {
            format!("-{r}")
        } else if let Some((k, c)) = aside
            .comments
            .iter()
            .enumerate()
            .find(|(_, c)| inside(c.begin, c.end))
        {
            format!("c{}{}", k + 1, "  ".repeat(c.depth.min(4)))
        } else {
            ".".to_string()
        };
        writeln!(w, "{tag:<12} | {content}")?;
    }
    crate::quotes::write_comment_quotes(&mut w, &text, &aside)?;
    w.flush()?;
    Ok(())
}
