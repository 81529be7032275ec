//! The `trace` pipeline: ingest → normalise and fingerprint → store →
//! candidate pairs → align → cluster → store.
//!
//! This module only orchestrates: each step is a kernel of echotrace-core
//! (pure, batch in, batch out) or a call to the store. Documents are streamed
//! in batches, so memory holds one batch of texts plus the fingerprint index,
//! never the whole corpus.

use crate::cleaning::{clean_batch, identity, origin as item_origin, size, Templates};
use anyhow::{Context, Result};
use echotrace_clean::CleanOptions;
use echotrace_core::candidates::{candidate_pairs, Candidate, DocInfo, Posting};
use echotrace_core::cluster::{cluster, Link, Side};
use echotrace_core::fingerprint::fingerprints_with_sentences;
use echotrace_core::model::{CharSpan, Document};
use echotrace_core::normalise::{tokenize, tokenize_spans, widen_at, Token};
use echotrace_core::{
    align::{align_candidate, Tokenized},
    Params,
};
use echotrace_ingest::{read_inputs, IngestError, IngestOptions, Item};
use echotrace_store::{AlignmentRow, CleanMeta, NewDoc, Store};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{HashMap, VecDeque};
use std::sync::Arc;
use std::time::Instant;

/// How a trace runs, besides the kernel parameters.
#[derive(Debug, Clone)]
pub struct TraceOptions {
    pub params: Params,
    /// Allow a document id already stored with another text to replace it.
    pub replace: bool,
    /// Show progress bars (only when stderr is a terminal).
    pub progress: bool,
    pub ingest: IngestOptions,
    /// Clean text records (find the body, drop page furniture); web pages
    /// are always cleaned.
    pub clean: bool,
    pub clean_opts: CleanOptions,
    /// Documents per committed batch.
    pub batch_docs: usize,
    /// Extract quotes (off: a later run catches up).
    pub quotes: bool,
    /// Place documents in stories and narratives (off: a later run catches up).
    pub stories: bool,
}

/// What a trace did, printed as the summary (and as JSON with `--json`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct TraceStats {
    pub documents_read: usize,
    pub documents_added: usize,
    pub documents_replaced: usize,
    pub documents_unchanged: usize,
    pub skipped: usize,
    pub documents_total: usize,
    pub bytes_added: usize,
    pub candidate_pairs: usize,
    pub alignments_added: usize,
    pub alignments_total: usize,
    pub passages: usize,
    pub clusters: usize,
    /// Quotes stored, and groups of the same quote across documents.
    pub quotes: usize,
    pub quote_groups: usize,
    /// Passages that are copies of another (not the source of their cluster).
    pub copies: usize,
    /// Copies that credit nobody, or someone other than their source.
    pub unattributed_copies: usize,
    pub seconds_ingest: f64,
    /// Part of `seconds_ingest` spent cleaning.
    pub seconds_clean: f64,
    pub seconds_candidates: f64,
    pub seconds_align: f64,
    /// Pairs aligned as cluster mates (see `echotrace_core::mates`).
    pub mate_pairs: usize,
    pub seconds_mates: f64,
    pub seconds_cluster: f64,
    /// Quote extraction (in batches and catching up) and linking.
    pub seconds_quotes: f64,
    pub seconds_provenance: f64,
    /// Stories (same event) and narratives (same claim) of the store.
    pub stories: usize,
    pub narratives: usize,
    pub seconds_stories: f64,
    pub seconds_total: f64,
}

const BATCH_BYTES: usize = 32 << 20;
const ALIGN_CHUNK: usize = 1024;
/// Memory for tokenized documents kept between alignment chunks.
const TOKEN_CACHE_BYTES: usize = 512 << 20;

fn bar(opts: &TraceOptions, len: Option<u64>, msg: &'static str) -> ProgressBar {
    let pb = match len {
        Some(n) => ProgressBar::new(n),
        None => ProgressBar::new_spinner(),
    };
    if !opts.progress {
        pb.set_draw_target(ProgressDrawTarget::hidden());
    } else {
        let style = match len {
            Some(_) => {
                ProgressStyle::with_template("{msg:>10} [{bar:40}] {pos}/{len} ({per_sec}, {eta})")
            }
            None => ProgressStyle::with_template("{msg:>10} {spinner} {pos} ({per_sec})"),
        };
        if let Ok(s) = style {
            pb.set_style(s.progress_chars("=> "));
        }
    }
    pb.set_message(msg);
    pb
}

/// Crash-testing hook: when the environment variable `ECHOTRACE_FAILPOINT`
/// is `NAME:N`, the process aborts (like `kill -9`: no cleanup, no
/// rollback in this process) the N-th time it passes the point `NAME`.
/// Used by the tests that prove an interrupted run leaves a usable store.
fn failpoint(name: &str) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static HITS: AtomicUsize = AtomicUsize::new(0);
    let Ok(spec) = std::env::var("ECHOTRACE_FAILPOINT") else {
        return;
    };
    if let Some((n, count)) = spec.split_once(':') {
        if n == name {
            let hit = HITS.fetch_add(1, Ordering::SeqCst) + 1;
            if count.parse::<usize>().is_ok_and(|c| hit >= c) {
                eprintln!("echotrace: failpoint {name} reached, aborting");
                std::process::abort();
            }
        }
    }
}

/// The tokens of a document's body (the whole text without body spans)
/// and their fingerprints, as stored.
fn tokens_and_fingerprints(
    text: &str,
    body: Option<&[CharSpan]>,
    params: &Params,
) -> (Vec<Token>, Vec<(u64, u32)>) {
    let tokens = match body {
        Some(body) => tokenize_spans(text, body),
        None => tokenize(text),
    };
    let fps = fingerprints_with_sentences(
        text,
        &tokens,
        params.ngram,
        params.window,
        params.sentence_min_words,
    )
    .into_iter()
    .map(|f| (f.hash, f.pos))
    .collect();
    (tokens, fps)
}

fn prepare(doc: Document, meta: CleanMeta, hash: String, params: &Params) -> NewDoc {
    let (tokens, fps) = tokens_and_fingerprints(&doc.text, meta.body.as_deref(), params);
    NewDoc {
        text_hash: hash,
        n_chars: doc.text.chars().count(),
        n_words: tokens.len(),
        fingerprints: fps,
        doc,
        meta,
    }
}

/// Runs a whole trace: adds `inputs` to the store and brings passages and
/// clusters up to date. Input problems are passed to `on_error` (and recorded
/// in the store's `skipped` table); they never stop the run.
pub fn trace(
    store: &mut Store,
    inputs: &[String],
    opts: &TraceOptions,
    on_error: &mut dyn FnMut(&IngestError),
) -> Result<TraceStats> {
    let t0 = Instant::now();
    let params = &opts.params;
    if store.check_index_params(params.ngram, params.window, params.sentence_min_words)? {
        // Fingerprinted before sentence fingerprints, or with another
        // --sentence-min-words: bring every stored document up to date, so
        // that old and new documents are fingerprinted alike.
        let t = Instant::now();
        let n = store.refingerprint(
            (params.ngram, params.window, params.sentence_min_words),
            |docs| {
                docs.par_iter()
                    .map(|(text, body)| tokens_and_fingerprints(text, body.as_deref(), params).1)
                    .collect()
            },
        )?;
        if n > 0 {
            eprintln!(
                "echotrace: recomputed the fingerprints of {n} stored documents ({:.1} s)",
                t.elapsed().as_secs_f64()
            );
        }
    }
    let run_id = store.begin_run(&serde_json::to_string(params)?)?;
    let mut stats = TraceStats::default();

    // 1. Ingest, clean, prepare, store in batches.
    let pb = bar(opts, None, "reading");
    let mut batch: Vec<Pending> = Vec::new();
    let mut batch_ids: HashMap<String, (String, usize)> = HashMap::new();
    let mut batch_bytes = 0usize;
    // Template lines and site languages start from what earlier runs learnt.
    let mut templates = Templates::load(store)?;
    let mut report = |store: &Store, stats: &mut TraceStats, e: &IngestError| -> Result<()> {
        stats.skipped += 1;
        on_error(e);
        store.record_skipped(run_id, &e.origin, e.location.as_deref(), &e.reason)
    };
    for item in read_inputs(inputs, &opts.ingest) {
        let item = match item {
            Ok(d) => d,
            Err(e) => {
                report(store, &mut stats, &e)?;
                continue;
            }
        };
        stats.documents_read += 1;
        pb.inc(1);
        let (id, hash) = identity(&item);
        let (origin, location) = item_origin(&item);
        if let Some((h, idx)) = batch_ids.get(&id).cloned() {
            if h == hash {
                stats.documents_unchanged += 1;
            } else if opts.replace {
                batch_bytes += size(&item);
                batch[idx] = Pending {
                    replaces: batch[idx].replaces,
                    item,
                    hash: hash.clone(),
                };
                batch_ids.insert(id, (hash, idx));
            } else {
                let reason = format!(
                    "document id {id:?} appears twice with different texts (use --replace to keep the last)"
                );
                report(
                    store,
                    &mut stats,
                    &IngestError {
                        origin,
                        location,
                        reason,
                    },
                )?;
            }
            continue;
        }
        let replaces = match store.lookup(&id)? {
            Some(existing) if existing.text_hash == hash => {
                stats.documents_unchanged += 1;
                continue;
            }
            Some(_) if !opts.replace => {
                let reason = format!(
                    "document id {id:?} is already stored with a different text (use --replace to replace it)"
                );
                report(
                    store,
                    &mut stats,
                    &IngestError {
                        origin,
                        location,
                        reason,
                    },
                )?;
                continue;
            }
            Some(_) => true,
            None => false,
        };
        batch_bytes += size(&item);
        batch_ids.insert(id, (hash.clone(), batch.len()));
        batch.push(Pending {
            item,
            hash,
            replaces,
        });
        if batch.len() >= opts.batch_docs.max(1) || batch_bytes >= BATCH_BYTES {
            flush(
                store,
                &mut batch,
                &mut templates,
                opts,
                run_id,
                &mut stats,
                &mut report,
            )?;
            failpoint("ingest-batch");
            batch_ids.clear();
            batch_bytes = 0;
        }
    }
    flush(
        store,
        &mut batch,
        &mut templates,
        opts,
        run_id,
        &mut stats,
        &mut report,
    )?;
    pb.finish_and_clear();
    if opts.clean {
        templates.save(store).context("saving site templates")?;
    }
    stats.seconds_ingest = t0.elapsed().as_secs_f64();

    // 2-4. Index, align and cluster whatever is pending (this run's documents
    // and those of an interrupted earlier run).
    let traced = store.count_pending()? > 0;
    if traced {
        trace_pending(store, opts, &mut stats)?;
    }
    // 5. Provenance: sources, copy trees and attribution of every cluster.
    if traced || crate::provenance::is_stale(store)? {
        let p = crate::provenance::run(store).context("provenance")?;
        stats.seconds_provenance = p.seconds;
    }
    let (copies, unattributed) = crate::provenance::counts(store)?;
    stats.copies = copies;
    stats.unattributed_copies = unattributed;
    if opts.quotes {
        crate::quotes::finish(store, &mut stats).context("quotes")?;
    }
    if opts.stories {
        crate::stories::finish(store, &mut stats).context("stories")?;
    }
    stats.documents_total = store.count("documents")?;
    stats.alignments_total = store.count("alignments")?;
    stats.passages = store.count("passages")?;
    stats.clusters = store.count("clusters")?;
    stats.seconds_total = t0.elapsed().as_secs_f64();
    store.finish_run(run_id, &serde_json::to_string(&stats)?)?;
    Ok(stats)
}

/// An input waiting in the current batch.
struct Pending {
    item: Item,
    /// Hash of the input as given.
    hash: String,
    /// True when it replaces a stored document (`--replace`).
    replaces: bool,
}

type Report<'a> = dyn FnMut(&Store, &mut TraceStats, &IngestError) -> Result<()> + 'a;

/// Cleans, prepares and stores one batch; pages that cannot be cleaned are
/// reported and skipped (and no longer counted as added).
fn flush(
    store: &mut Store,
    batch: &mut Vec<Pending>,
    templates: &mut Templates,
    opts: &TraceOptions,
    run_id: i64,
    stats: &mut TraceStats,
    report: &mut Report,
) -> Result<()> {
    if batch.is_empty() {
        return Ok(());
    }
    let pending = std::mem::take(batch);
    let mut items = Vec::with_capacity(pending.len());
    let mut keys = Vec::with_capacity(pending.len());
    for p in pending {
        items.push(p.item);
        keys.push((p.hash, p.replaces));
    }
    let t = Instant::now();
    let cleaned = clean_batch(items, templates, &opts.clean_opts, opts.clean);
    stats.seconds_clean += t.elapsed().as_secs_f64();
    let mut ready = Vec::with_capacity(cleaned.len());
    for (c, (h, replaces)) in cleaned.into_iter().zip(keys) {
        match c {
            Ok((doc, meta)) => {
                if replaces {
                    stats.documents_replaced += 1;
                } else {
                    stats.documents_added += 1;
                }
                ready.push((doc, meta, h));
            }
            Err(e) => report(store, stats, &e)?,
        }
    }
    stats.bytes_added += ready.iter().map(|(d, _, _)| d.text.len()).sum::<usize>();
    let params = &opts.params;
    let prepared: Vec<NewDoc> = ready
        .into_par_iter()
        .map(|(d, m, h)| prepare(d, m, h, params))
        .collect();
    store
        .insert_docs(&prepared, run_id)
        .context("storing documents")?;
    if opts.quotes {
        stats.seconds_quotes += crate::quotes::store_batch(store, &prepared)?;
    }
    Ok(())
}

fn trace_pending(store: &mut Store, opts: &TraceOptions, stats: &mut TraceStats) -> Result<()> {
    let params = &opts.params;
    let t = Instant::now();
    store.clear_pending_alignments()?;

    // Load the fingerprint index of the whole store.
    let mut doc_keys: Vec<i64> = Vec::new();
    let mut is_new: Vec<bool> = Vec::new();
    let mut series: Vec<u32> = Vec::new();
    let mut series_ids: HashMap<String, u32> = HashMap::new();
    let mut postings: Vec<Posting> = Vec::new();
    store.for_each_fingerprints(|f| {
        let idx = doc_keys.len() as u32;
        doc_keys.push(f.doc_key);
        is_new.push(f.pending);
        let s = match f.series {
            Some(s) if !s.is_empty() => {
                let n = series_ids.len() as u32;
                *series_ids.entry(s).or_insert(n)
            }
            _ => u32::MAX,
        };
        series.push(s);
        postings.extend(f.fingerprints.into_iter().map(|(hash, pos)| Posting {
            hash,
            doc: idx,
            pos,
        }));
    })?;
    let cands = candidate_pairs(
        postings,
        &DocInfo {
            is_new: &is_new,
            series: &series,
        },
        params,
    );
    stats.candidate_pairs = cands.len();
    stats.seconds_candidates = t.elapsed().as_secs_f64();

    // Align candidate pairs chunk by chunk.
    let t = Instant::now();
    let pb = bar(opts, Some(cands.len() as u64), "aligning");
    let mut cache = TokenCache::new(TOKEN_CACHE_BYTES);
    for chunk in cands.chunks(ALIGN_CHUNK) {
        let rows = align_chunk(store, &mut cache, chunk, &doc_keys, params)?;
        stats.alignments_added += rows.len();
        store.insert_alignments(&rows)?;
        failpoint("align-chunk");
        pb.inc(chunk.len() as u64);
    }
    pb.finish_and_clear();
    stats.seconds_align = t.elapsed().as_secs_f64();

    let t = Instant::now();
    align_mates_of_store(store, &mut cache, &doc_keys, &is_new, params, stats)?;
    stats.seconds_mates = t.elapsed().as_secs_f64();

    // Cluster every alignment of the store and mark the pending documents traced.
    let t = Instant::now();
    recluster(store)?;
    stats.seconds_cluster = t.elapsed().as_secs_f64();
    Ok(())
}

/// A document's text and tokens, loaded for alignment.
struct Loaded {
    text: String,
    tokens: Vec<Token>,
}

impl Loaded {
    fn side(&self) -> Tokenized<'_> {
        Tokenized {
            text: &self.text,
            tokens: &self.tokens,
        }
    }

    fn cost(&self) -> usize {
        self.text.len() + self.tokens.len() * std::mem::size_of::<Token>() + 64
    }
}

/// Tokenized documents kept between alignment chunks (documents that take
/// part in several candidate pairs are loaded and tokenized once), bounded
/// in bytes, evicted oldest first.
struct TokenCache {
    map: HashMap<u32, Arc<Loaded>>,
    order: VecDeque<u32>,
    bytes: usize,
    cap: usize,
}

impl TokenCache {
    fn new(cap: usize) -> Self {
        TokenCache {
            map: HashMap::new(),
            order: VecDeque::new(),
            bytes: 0,
            cap,
        }
    }

    /// The loaded documents for `needed` (sorted, distinct), loading the
    /// missing ones.
    fn get_all(
        &mut self,
        store: &Store,
        needed: &[u32],
        doc_keys: &[i64],
    ) -> Result<HashMap<u32, Arc<Loaded>>> {
        let missing: Vec<u32> = needed
            .iter()
            .copied()
            .filter(|d| !self.map.contains_key(d))
            .collect();
        let mut texts = Vec::with_capacity(missing.len());
        for &d in &missing {
            texts.push(store.text_and_body(doc_keys[d as usize])?);
        }
        let loaded: Vec<Arc<Loaded>> = texts
            .into_par_iter()
            .map(|(text, body)| {
                let tokens = match &body {
                    Some(b) => tokenize_spans(&text, b),
                    None => tokenize(&text),
                };
                Arc::new(Loaded { text, tokens })
            })
            .collect();
        for (d, l) in missing.iter().zip(loaded) {
            self.bytes += l.cost();
            self.map.insert(*d, l);
            self.order.push_back(*d);
        }
        let out: HashMap<u32, Arc<Loaded>> = needed
            .iter()
            .map(|d| (*d, Arc::clone(&self.map[d])))
            .collect();
        while self.bytes > self.cap {
            let Some(old) = self.order.pop_front() else {
                break;
            };
            if let Some(l) = self.map.remove(&old) {
                self.bytes -= l.cost();
            }
        }
        Ok(out)
    }
}

fn align_chunk(
    store: &Store,
    cache: &mut TokenCache,
    chunk: &[Candidate],
    doc_keys: &[i64],
    params: &Params,
) -> Result<Vec<AlignmentRow>> {
    let mut needed: Vec<u32> = chunk.iter().flat_map(|c| [c.a, c.b]).collect();
    needed.sort_unstable();
    needed.dedup();
    let loaded = cache.get_all(store, &needed, doc_keys)?;
    let rows: Vec<Vec<AlignmentRow>> = chunk
        .par_iter()
        .map(|c| {
            let (la, lb) = (&loaded[&c.a], &loaded[&c.b]);
            let found = align_candidate(la.side(), lb.side(), c, params);
            alignment_rows(
                (doc_keys[c.a as usize], la),
                (doc_keys[c.b as usize], lb),
                found,
            )
        })
        .collect();
    Ok(rows.into_iter().flatten().collect())
}

/// Most rounds of mate alignment in one run (mates found in one round can
/// meet in a passage and make mates for the next; in practice the second
/// round finds few and the third almost none).
const MATE_ROUNDS: usize = 3;

/// Aligns the cluster mates of the store ([`echotrace_core::mates`]): pairs
/// of documents whose alignments with a third one meet in one of its
/// passages, not aligned to each other, one of the three new in this run.
fn align_mates_of_store(
    store: &mut Store,
    cache: &mut TokenCache,
    doc_keys: &[i64],
    is_new: &[bool],
    params: &Params,
    stats: &mut TraceStats,
) -> Result<()> {
    let index: HashMap<i64, u32> = doc_keys
        .iter()
        .enumerate()
        .map(|(i, &k)| (k, i as u32))
        .collect();
    let link_of = |r: &AlignmentRow| {
        Some(Link {
            a: Side {
                doc: *index.get(&r.doc_a)?,
                span: r.a,
            },
            b: Side {
                doc: *index.get(&r.doc_b)?,
                span: r.b,
            },
        })
    };
    // Every stored alignment, read once; each round's mates are added to it.
    let mut links: Vec<Link> = store
        .alignments()?
        .iter()
        .filter_map(|(_, r)| link_of(r))
        .collect();
    let mut tried: std::collections::HashSet<(u32, u32)> = std::collections::HashSet::new();
    for _ in 0..MATE_ROUNDS {
        let clustering = cluster(&links);
        let pending = |d: u32| is_new.get(d as usize).copied().unwrap_or(false);
        let pairs: Vec<(u32, u32)> =
            echotrace_core::mates::mate_pairs(&links, &clustering, pending)
                .into_iter()
                .filter(|p| tried.insert(*p))
                .collect();
        if pairs.is_empty() {
            break;
        }
        stats.mate_pairs += pairs.len();
        let mut added = 0;
        for chunk in pairs.chunks(ALIGN_CHUNK) {
            let mut needed: Vec<u32> = chunk.iter().flat_map(|&(a, b)| [a, b]).collect();
            needed.sort_unstable();
            needed.dedup();
            let loaded = cache.get_all(store, &needed, doc_keys)?;
            let rows: Vec<AlignmentRow> = chunk
                .par_iter()
                .flat_map_iter(|&(x, y)| {
                    let (lx, ly) = (&loaded[&x], &loaded[&y]);
                    let found = echotrace_core::mates::align_mates(lx.side(), ly.side(), params);
                    alignment_rows(
                        (doc_keys[x as usize], lx),
                        (doc_keys[y as usize], ly),
                        found,
                    )
                })
                .collect();
            added += rows.len();
            store.insert_alignments(&rows)?;
            links.extend(rows.iter().filter_map(link_of));
        }
        stats.alignments_added += added;
        if added == 0 {
            break;
        }
    }
    Ok(())
}

/// The store rows of passages aligned between documents `a` and `b` (their
/// keys and loaded texts), spans widened to whole punctuation.
fn alignment_rows(
    (ka, la): (i64, &Loaded),
    (kb, lb): (i64, &Loaded),
    found: Vec<echotrace_core::align::AlignedPassage>,
) -> Vec<AlignmentRow> {
    found
        .into_iter()
        .map(|p| AlignmentRow {
            doc_a: ka,
            a: widen(la, p.a, p.a_words),
            doc_b: kb,
            b: widen(lb, p.b, p.b_words),
            matched_words: p.matched,
            score: p.score,
        })
        .collect()
}

fn widen(l: &Loaded, s: CharSpan, words: (u32, u32)) -> CharSpan {
    let bytes = (
        l.tokens[words.0 as usize].byte_begin as usize,
        l.tokens[words.1 as usize - 1].byte_end as usize,
    );
    let (begin, end) = widen_at(&l.text, (s.begin, s.end), bytes, 3);
    CharSpan { begin, end }
}

/// Recomputes passages and clusters from every stored alignment.
pub fn recluster(store: &mut Store) -> Result<()> {
    let aligned = store.alignments()?;
    let links: Vec<Link> = aligned
        .iter()
        .map(|(_, r)| Link {
            a: Side {
                doc: r.doc_a as u32,
                span: r.a,
            },
            b: Side {
                doc: r.doc_b as u32,
                span: r.b,
            },
        })
        .collect();
    let c = cluster(&links);
    let passages: Vec<(i64, CharSpan, i64)> = c
        .passages
        .iter()
        .map(|p| (p.doc as i64, p.span, p.cluster as i64))
        .collect();
    let ap: Vec<(i64, u32, u32)> = aligned
        .iter()
        .zip(&c.link_passages)
        .map(|((id, _), &(pa, pb))| (*id, pa, pb))
        .collect();
    store.replace_clusters(&passages, &ap)
}
