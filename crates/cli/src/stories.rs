//! The stories step of `trace` (new documents placed in the stored story
//! index in date order, narratives and stances recomputed, stored claims
//! re-matched, all written in one transaction) and the `stories`,
//! `narratives`, `claims`, `claims add` and `eval stories` commands, and the
//! stories and narratives of the report.

use crate::pipeline::TraceStats;
use crate::ListFormat;
use anyhow::{Context, Result};
use echotrace_report as rep;
use echotrace_store::{
    decode_spans, ClaimMatchRow, ClaimRow, NarrativeRow, StanceRow, Store, StoriesWrite, StoryRow,
    StorySource,
};
use echotrace_stories::dates::parse_interval;
use echotrace_stories::eval::{
    eval_claims, eval_set, load_meantime, load_newswcl50, parse_claims_truth, parse_eval_set,
    EvalDoc, Prf, SetScores, EVAL_CLAIMS, EVAL_CLAIMS_TRUTH, EVAL_DEV, EVAL_HELDOUT,
};
use echotrace_stories::{
    match_claims_indexed, narratives, read_claims, stance, Claim, ClaimHit, ClaimOptions,
    KeyEntity, NarrativeOptions, Stance, StoryDoc, StoryIndex, StoryOptions,
};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Documents read from the store at a time (bounded memory).
const CHUNK: usize = 2000;

/// What one stories step did.
#[derive(Debug, Clone, Default)]
pub struct StepSummary {
    pub placed: usize,
    pub stories: usize,
    pub narratives: usize,
    pub claims_matched: bool,
}

fn story_doc(s: StorySource) -> StoryDoc {
    StoryDoc {
        id: s.id,
        lang: s.lang,
        date: s.date,
        outlet: s.outlet,
        title: s.title,
        body: s.body.as_deref().and_then(decode_spans).unwrap_or_default(),
        text: s.text,
    }
}

/// Loads the stored documents of `keys` as story documents, chunk by chunk.
fn for_each_chunk(
    store: &Store,
    keys: &[i64],
    mut f: impl FnMut(&[i64], Vec<StoryDoc>) -> Result<()>,
) -> Result<()> {
    for chunk in keys.chunks(CHUNK) {
        let src = store.story_sources(chunk)?;
        let ks: Vec<i64> = src.iter().map(|s| s.doc_key).collect();
        let docs: Vec<StoryDoc> = src.into_iter().map(story_doc).collect();
        f(&ks, docs)?;
    }
    Ok(())
}

fn day_key(date: Option<&str>) -> i64 {
    date.and_then(parse_interval).map_or(i64::MAX, |d| d.0)
}

fn to_json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "null".into())
}

fn narrative_label(entities: &[KeyEntity], phrases: &[String], id: u32) -> String {
    let l: Vec<&str> = entities.iter().take(3).map(|e| e.label.as_str()).collect();
    if !l.is_empty() {
        l.join(", ")
    } else if let Some(p) = phrases.first() {
        p.clone()
    } else {
        format!("narrative {id}")
    }
}

fn stance_name(s: Stance) -> &'static str {
    match s {
        Stance::Relays => "relays",
        Stance::Questions => "questions",
        Stance::Unknown => "unknown",
    }
}

/// The trace hook: runs the stories step and fills the summary.
pub fn finish(store: &mut Store, stats: &mut TraceStats) -> Result<()> {
    let t = Instant::now();
    update(store, false)?;
    stats.stories = store.count("stories")?;
    stats.narratives = store.count("narratives")?;
    stats.seconds_stories = t.elapsed().as_secs_f64();
    Ok(())
}

/// Brings the story tables up to date with the stored documents: places
/// the documents without a story (all of them when the stored index is
/// missing, unreadable or out of step, e.g. after `--replace`), then, when
/// anything changed (or `claims_changed`), recomputes narratives and
/// stances and re-matches the stored claims; one transaction.
pub fn update(store: &mut Store, claims_changed: bool) -> Result<StepSummary> {
    let list = store.story_doc_list()?;
    let placed_before = list.iter().filter(|d| d.has_story).count();
    let mut index: Option<StoryIndex> = match store.story_index_state()? {
        Some((n, blob)) if n == placed_before => StoryIndex::from_bytes(&blob),
        _ => None,
    };
    if let Some(ix) = &index {
        let known: HashSet<&str> = ix.assignments().iter().map(|a| a.0.as_str()).collect();
        let stale = ix.n_docs() != placed_before
            || list
                .iter()
                .any(|d| !d.has_story && known.contains(d.id.as_str()));
        if stale {
            index = None;
        }
    }
    let rebuilt = index.is_none() && !list.is_empty();
    let mut ix = index.unwrap_or_else(|| StoryIndex::new(StoryOptions::default()));
    let mut todo: Vec<(i64, i64)> = list
        .iter()
        .filter(|d| rebuilt || !d.has_story)
        .map(|d| (day_key(d.date.as_deref()), d.doc_key))
        .collect();
    let mut summary = StepSummary::default();
    if todo.is_empty() && !claims_changed && !rebuilt {
        summary.stories = ix.len();
        summary.narratives = store.count("narratives")?;
        return Ok(summary);
    }
    todo.sort_unstable();
    let keys: Vec<i64> = todo.iter().map(|x| x.1).collect();
    // 1. Place the new documents, in date order.
    let mut doc_stories: Vec<(i64, i64)> = Vec::with_capacity(keys.len());
    for_each_chunk(store, &keys, |ks, docs| {
        let ids = ix.add_batch(&docs);
        doc_stories.extend(ks.iter().zip(ids).map(|(k, s)| (*k, s as i64)));
        Ok(())
    })?;
    summary.placed = doc_stories.len();
    let touched: BTreeSet<u32> = if rebuilt {
        (0..ix.len() as u32).collect()
    } else {
        doc_stories.iter().map(|x| x.1 as u32).collect()
    };
    let stories: Vec<StoryRow> = touched
        .iter()
        .filter_map(|&id| ix.story(id))
        .map(|s| StoryRow {
            story: s.id as i64,
            title: s.title.clone(),
            start: s.start.clone(),
            end: s.end.clone(),
            outlets: to_json(&s.outlets),
            languages: to_json(&s.languages),
            entities: to_json(&s.entities),
            documents: to_json(&s.documents.iter().map(|d| &d.id).collect::<Vec<_>>()),
            n_docs: s.documents.len() as i64,
        })
        .collect();
    // 2. Narratives and each member's stance.
    let key_of: HashMap<&str, i64> = list.iter().map(|d| (d.id.as_str(), d.doc_key)).collect();
    let nopts = NarrativeOptions::default();
    let ns = narratives(&ix, &nopts);
    let mut doc_narratives: Vec<(i64, i64)> = Vec::new();
    let mut narrative_rows = Vec::with_capacity(ns.len());
    for n in &ns {
        for d in &n.documents {
            if let Some(&k) = key_of.get(d.as_str()) {
                doc_narratives.push((k, n.id as i64));
            }
        }
        narrative_rows.push(NarrativeRow {
            narrative: n.id as i64,
            label: narrative_label(&n.entities, &n.phrases, n.id),
            start: n.start.clone(),
            end: n.end.clone(),
            entities: to_json(&n.entities),
            phrases: to_json(&n.phrases),
            stories: to_json(&n.stories),
            n_docs: n.documents.len() as i64,
        });
    }
    let narrative_of: HashMap<i64, usize> = doc_narratives
        .iter()
        .map(|(k, n)| (*k, *n as usize))
        .collect();
    let mut stance_keys: Vec<i64> = doc_narratives.iter().map(|x| x.0).collect();
    stance_keys.sort_unstable();
    let mut stances: Vec<StanceRow> = Vec::with_capacity(stance_keys.len());
    for_each_chunk(store, &stance_keys, |ks, docs| {
        let rows: Vec<Option<StanceRow>> = ks
            .par_iter()
            .zip(docs.par_iter())
            .map(|(k, d)| {
                let ni = *narrative_of.get(k)?;
                let n = ns.get(ni)?;
                let s = stance(d, n, &nopts);
                Some(StanceRow {
                    doc_key: *k,
                    narrative: ni as i64,
                    stance: stance_name(s.stance).into(),
                    span: s.begin.zip(s.end),
                    evidence: s.evidence,
                    markers: to_json(&s.markers),
                })
            })
            .collect();
        stances.extend(rows.into_iter().flatten());
        Ok(())
    })?;
    // 3. Stored claims against every stored document.
    let claims = store.claims()?;
    let claim_matches = if claims.is_empty() {
        None
    } else {
        Some(match_stored(store, &ix, &claims, &list)?)
    };
    summary.claims_matched = claim_matches.is_some();
    summary.stories = ix.len();
    summary.narratives = ns.len();
    let state = ix.to_bytes();
    store.write_stories(&StoriesWrite {
        state,
        n_docs: ix.n_docs(),
        rebuilt,
        stories,
        doc_stories,
        narratives: narrative_rows,
        doc_narratives,
        stances,
        claim_matches,
    })?;
    Ok(summary)
}

fn to_claim(c: &ClaimRow) -> Claim {
    Claim {
        id: c.id.clone(),
        text: c.text.clone(),
        language: c.language.clone(),
        date: c.date.clone(),
        url: c.url.clone(),
        verdict: c.verdict.clone(),
    }
}

/// Matches every claim against every stored document (in chunks, with the
/// index's document frequencies, so the result does not depend on the
/// chunking) and keeps the best documents per claim.
fn match_stored(
    store: &Store,
    ix: &StoryIndex,
    claims: &[ClaimRow],
    list: &[echotrace_store::StoryDocEntry],
) -> Result<Vec<ClaimMatchRow>> {
    let opts = ClaimOptions::default();
    let cs: Vec<Claim> = claims.iter().map(to_claim).collect();
    let mut best: Vec<Vec<(ClaimHit, i64)>> = vec![Vec::new(); cs.len()];
    let keys: Vec<i64> = list.iter().map(|d| d.doc_key).collect();
    for_each_chunk(store, &keys, |ks, docs| {
        let key_of: HashMap<&str, i64> = docs
            .iter()
            .zip(ks)
            .map(|(d, k)| (d.id.as_str(), *k))
            .collect();
        let ms = match_claims_indexed(&cs, &docs, ix, &opts);
        for (m, b) in ms.into_iter().zip(best.iter_mut()) {
            for h in m.hits {
                if let Some(&k) = key_of.get(h.doc.as_str()) {
                    b.push((h, k));
                }
            }
            b.sort_by(|x, y| y.0.score.total_cmp(&x.0.score).then(x.0.doc.cmp(&y.0.doc)));
            b.truncate(opts.top_k);
        }
        Ok(())
    })?;
    // Story of each document, from the index.
    let key_of: HashMap<&str, i64> = list.iter().map(|d| (d.id.as_str(), d.doc_key)).collect();
    let story_of: HashMap<i64, i64> = ix
        .assignments()
        .iter()
        .filter_map(|(d, s)| key_of.get(d.as_str()).map(|k| (*k, *s as i64)))
        .collect();
    let mut rows = Vec::new();
    for (c, hits) in cs.iter().zip(best) {
        for (rank, (h, k)) in hits.into_iter().enumerate() {
            rows.push(ClaimMatchRow {
                claim_id: c.id.clone(),
                rank: rank as i64,
                doc_key: k,
                story: story_of.get(&k).copied(),
                score: (h.score as f64 * 1000.0).round() / 1000.0,
                sentences: to_json(&h.sentences),
            });
        }
    }
    Ok(rows)
}

/// What the listings show of a document.
#[derive(Debug, Clone, Default)]
struct DocInfo {
    doc_key: i64,
    id: String,
    date: Option<String>,
    date_precision: Option<String>,
    title: Option<String>,
    url: Option<String>,
    lang: Option<String>,
    outlet: Option<String>,
    story: Option<i64>,
    narrative: Option<i64>,
}

/// Every document's listing fields, by id.
fn doc_infos(store: &Store) -> Result<HashMap<String, DocInfo>> {
    let mut st = store.conn().prepare(
        "SELECT d.doc_key, d.id, d.date, d.date_precision, d.title, d.url, d.lang,
                coalesce(o.name, d.series), d.story, d.narrative
         FROM documents d
         LEFT JOIN doc_outlets x ON x.doc_key = d.doc_key
         LEFT JOIN outlets o ON o.outlet = x.outlet",
    )?;
    let rows = st.query_map([], |r| {
        Ok(DocInfo {
            doc_key: r.get(0)?,
            id: r.get(1)?,
            date: r.get(2)?,
            date_precision: r.get(3)?,
            title: r.get(4)?,
            url: r.get(5)?,
            lang: r.get(6)?,
            outlet: r.get(7)?,
            story: r.get(8)?,
            narrative: r.get(9)?,
        })
    })?;
    let mut out = HashMap::new();
    for r in rows {
        let r = r?;
        out.insert(r.id.clone(), r);
    }
    Ok(out)
}

fn parse<T: serde::de::DeserializeOwned + Default>(s: &str) -> T {
    serde_json::from_str(s).unwrap_or_default()
}

fn span_text(start: &Option<String>, end: &Option<String>) -> String {
    match (start, end) {
        (Some(a), Some(b)) if a == b => a.clone(),
        (Some(a), Some(b)) => format!("{a} .. {b}"),
        _ => "undated".into(),
    }
}

fn labels(e: &[KeyEntity]) -> Vec<String> {
    e.iter().map(|x| x.label.clone()).collect()
}

/// Stories, largest first (then earliest, then by id).
fn sorted_stories(store: &Store) -> Result<Vec<StoryRow>> {
    let mut rows = store.story_rows()?;
    rows.sort_by(|a, b| {
        b.n_docs
            .cmp(&a.n_docs)
            .then((a.start.is_none(), &a.start).cmp(&(b.start.is_none(), &b.start)))
            .then(a.story.cmp(&b.story))
    });
    Ok(rows)
}

/// `echotrace stories`.
pub fn stories_command(db: &Path, format: ListFormat, limit: Option<usize>) -> Result<u8> {
    let store = Store::open_readonly(db)?;
    let infos = doc_infos(&store)?;
    let rows = sorted_stories(&store)?;
    let stdout = std::io::stdout();
    let mut w = BufWriter::new(stdout.lock());
    for s in rows.iter().take(limit.unwrap_or(usize::MAX)) {
        let outlets: Vec<String> = parse(&s.outlets);
        let languages: Vec<String> = parse(&s.languages);
        let entities: Vec<KeyEntity> = parse(&s.entities);
        let docs: Vec<String> = parse(&s.documents);
        let narrative = docs
            .iter()
            .find_map(|d| infos.get(d).and_then(|i| i.narrative));
        match format {
            ListFormat::Jsonl => {
                let documents: Vec<Value> = docs
                    .iter()
                    .map(|d| {
                        let i = infos.get(d).cloned().unwrap_or_default();
                        json!({"id": d, "date": i.date, "outlet": i.outlet, "lang": i.lang, "title": i.title})
                    })
                    .collect();
                let v = json!({
                    "story": s.story, "start": s.start, "end": s.end, "n_docs": s.n_docs,
                    "title": s.title, "outlets": outlets, "languages": languages,
                    "entities": entities, "narrative": narrative, "documents": documents,
                });
                writeln!(w, "{v}")?;
            }
            ListFormat::Text => {
                writeln!(
                    w,
                    "story {}: {}, {} document{}{}",
                    s.story,
                    span_text(&s.start, &s.end),
                    s.n_docs,
                    if s.n_docs == 1 { "" } else { "s" },
                    narrative
                        .map(|n| format!(", narrative {n}"))
                        .unwrap_or_default()
                )?;
                if let Some(t) = &s.title {
                    writeln!(w, "  title: {}", crate::query::snippet(t, 160))?;
                }
                writeln!(
                    w,
                    "  outlets: {}; languages: {}",
                    if outlets.is_empty() {
                        "-".to_string()
                    } else {
                        outlets.join(", ")
                    },
                    if languages.is_empty() {
                        "-".to_string()
                    } else {
                        languages.join(", ")
                    }
                )?;
                if !entities.is_empty() {
                    writeln!(w, "  entities: {}", labels(&entities).join(", "))?;
                }
                for d in &docs {
                    let i = infos.get(d).cloned().unwrap_or_default();
                    writeln!(
                        w,
                        "  {:10}  {}{}{}",
                        i.date.as_deref().unwrap_or("-"),
                        d,
                        i.outlet.map(|o| format!("  ({o})")).unwrap_or_default(),
                        i.title
                            .map(|t| format!("  {}", crate::query::snippet(&t, 100)))
                            .unwrap_or_default()
                    )?;
                }
            }
        }
    }
    w.flush()?;
    Ok(0)
}

/// A narrative's documents with their stances, in the narrative's time
/// order.
fn narrative_docs(
    store: &Store,
    infos: &HashMap<String, DocInfo>,
) -> Result<BTreeMap<i64, Vec<(DocInfo, StanceRow)>>> {
    let by_key: HashMap<i64, &DocInfo> = infos.values().map(|i| (i.doc_key, i)).collect();
    let mut out: BTreeMap<i64, Vec<(DocInfo, StanceRow)>> = BTreeMap::new();
    for s in store.stance_rows()? {
        if let Some(i) = by_key.get(&s.doc_key) {
            out.entry(s.narrative).or_default().push(((*i).clone(), s));
        }
    }
    for v in out.values_mut() {
        v.sort_by(|a, b| {
            let da = day_key(a.0.date.as_deref());
            let db = day_key(b.0.date.as_deref());
            (da, &a.0.id).cmp(&(db, &b.0.id))
        });
    }
    Ok(out)
}

/// `echotrace narratives`.
pub fn narratives_command(db: &Path, format: ListFormat) -> Result<u8> {
    let store = Store::open_readonly(db)?;
    let infos = doc_infos(&store)?;
    let stories: HashMap<i64, StoryRow> = store
        .story_rows()?
        .into_iter()
        .map(|s| (s.story, s))
        .collect();
    let docs = narrative_docs(&store, &infos)?;
    let stdout = std::io::stdout();
    let mut w = BufWriter::new(stdout.lock());
    for n in store.narrative_rows()? {
        let entities: Vec<KeyEntity> = parse(&n.entities);
        let phrases: Vec<String> = parse(&n.phrases);
        let story_ids: Vec<i64> = parse(&n.stories);
        let members = docs.get(&n.narrative).cloned().unwrap_or_default();
        match format {
            ListFormat::Jsonl => {
                let st: Vec<Value> = story_ids
                    .iter()
                    .map(|id| {
                        let s = stories.get(id);
                        json!({"story": id, "start": s.and_then(|s| s.start.clone()),
                               "end": s.and_then(|s| s.end.clone()),
                               "title": s.and_then(|s| s.title.clone()),
                               "n_docs": s.map(|s| s.n_docs)})
                    })
                    .collect();
                let ds: Vec<Value> = members
                    .iter()
                    .map(|(i, s)| {
                        json!({"id": i.id, "date": i.date, "outlet": i.outlet, "story": i.story,
                               "stance": s.stance, "begin": s.span.map(|x| x.0),
                               "end": s.span.map(|x| x.1), "evidence": s.evidence,
                               "markers": parse::<Vec<String>>(&s.markers)})
                    })
                    .collect();
                let v = json!({
                    "narrative": n.narrative, "label": n.label, "start": n.start, "end": n.end,
                    "n_docs": n.n_docs, "entities": entities, "phrases": phrases,
                    "stories": st, "documents": ds,
                });
                writeln!(w, "{v}")?;
            }
            ListFormat::Text => {
                writeln!(
                    w,
                    "narrative {}: {} ({}), {} documents in {} stories",
                    n.narrative,
                    n.label,
                    span_text(&n.start, &n.end),
                    n.n_docs,
                    story_ids.len()
                )?;
                writeln!(w, "  entities: {}", labels(&entities).join(", "))?;
                if !phrases.is_empty() {
                    writeln!(w, "  phrases: {}", phrases.join(", "))?;
                }
                writeln!(w, "  stories in time order:")?;
                for id in &story_ids {
                    if let Some(s) = stories.get(id) {
                        writeln!(
                            w,
                            "    story {} ({}, {} documents){}",
                            id,
                            span_text(&s.start, &s.end),
                            s.n_docs,
                            s.title
                                .as_deref()
                                .map(|t| format!(": {}", crate::query::snippet(t, 100)))
                                .unwrap_or_default()
                        )?;
                    }
                }
                for kind in ["relays", "questions", "unknown"] {
                    let of: Vec<&(DocInfo, StanceRow)> =
                        members.iter().filter(|(_, s)| s.stance == kind).collect();
                    if of.is_empty() {
                        continue;
                    }
                    writeln!(w, "  {kind}:")?;
                    for (i, s) in of {
                        let ev = match (&s.evidence, s.span) {
                            (Some(e), Some((b, en))) => {
                                format!("  [{b}..{en}] «{}»", crate::query::snippet(e, 200))
                            }
                            _ => String::new(),
                        };
                        writeln!(
                            w,
                            "    {:10}  {} (story {}){ev}",
                            i.date.as_deref().unwrap_or("-"),
                            i.id,
                            i.story.map(|s| s.to_string()).unwrap_or_else(|| "-".into())
                        )?;
                    }
                }
            }
        }
    }
    w.flush()?;
    Ok(0)
}

/// `echotrace claims add FILE`: imports claims (JSON lines or ClaimReview
/// JSON-LD), reports each unreadable record with its line, keeps the rest,
/// then matches every stored claim against the stored documents.
pub fn claims_add_command(db: &Path, file: &Path) -> Result<u8> {
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let text = String::from_utf8_lossy(&bytes);
    let r = read_claims(&text);
    for e in &r.errors {
        eprintln!(
            "echotrace: skipped {}:{}: {}",
            file.display(),
            e.line,
            e.message
        );
    }
    for e in &r.warnings {
        if e.line > 0 {
            eprintln!(
                "echotrace: warning {}:{}: {}",
                file.display(),
                e.line,
                e.message
            );
        } else {
            eprintln!("echotrace: warning {}: {}", file.display(), e.message);
        }
    }
    let mut store = Store::open(db)?;
    let rows: Vec<ClaimRow> = r
        .claims
        .iter()
        .map(|c| ClaimRow {
            id: c.id.clone(),
            text: c.text.clone(),
            language: c.language.clone(),
            date: c.date.clone(),
            url: c.url.clone(),
            verdict: c.verdict.clone(),
            source: Some(file.display().to_string()),
        })
        .collect();
    let added = store.insert_claims(&rows)?;
    let s = update(&mut store, true)?;
    println!(
        "echotrace: {} claims read from {} ({} new, {} records skipped); {} claims matched against {} documents ({} placed in stories first)",
        r.claims.len(),
        file.display(),
        added,
        r.errors.len(),
        store.count("claims")?,
        store.count("documents")?,
        s.placed
    );
    Ok(if r.errors.is_empty() {
        0
    } else {
        crate::commands::EXIT_SKIPPED
    })
}

/// `echotrace claims`.
pub fn claims_command(db: &Path, format: ListFormat) -> Result<u8> {
    let store = Store::open_readonly(db)?;
    let infos = doc_infos(&store)?;
    let by_key: HashMap<i64, &DocInfo> = infos.values().map(|i| (i.doc_key, i)).collect();
    let mut matches: BTreeMap<String, Vec<ClaimMatchRow>> = BTreeMap::new();
    for (m, _) in store.claim_matches()? {
        matches.entry(m.claim_id.clone()).or_default().push(m);
    }
    let stdout = std::io::stdout();
    let mut w = BufWriter::new(stdout.lock());
    for c in store.claims()? {
        let ms = matches.remove(&c.id).unwrap_or_default();
        // Stories carrying the claim: the best score of their documents.
        let mut per_story: BTreeMap<i64, f64> = BTreeMap::new();
        for m in &ms {
            if let Some(s) = m.story {
                let e = per_story.entry(s).or_insert(0.0);
                *e = e.max(m.score);
            }
        }
        let mut st: Vec<(i64, f64)> = per_story.into_iter().collect();
        st.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        match format {
            ListFormat::Jsonl => {
                let docs: Vec<Value> = ms
                    .iter()
                    .map(|m| {
                        let i = by_key.get(&m.doc_key);
                        json!({"id": i.map(|i| i.id.clone()), "date": i.and_then(|i| i.date.clone()),
                               "story": m.story, "score": m.score,
                               "sentences": parse::<Value>(&m.sentences)})
                    })
                    .collect();
                let v = json!({
                    "claim": c.id, "text": c.text, "language": c.language, "date": c.date,
                    "url": c.url, "verdict": c.verdict, "source": c.source,
                    "documents": docs,
                    "stories": st.iter().map(|(s, x)| json!({"story": s, "score": x})).collect::<Vec<_>>(),
                });
                writeln!(w, "{v}")?;
            }
            ListFormat::Text => {
                writeln!(
                    w,
                    "claim {}{}{}: «{}»",
                    c.id,
                    c.verdict
                        .as_deref()
                        .map(|v| format!(" [{v}]"))
                        .unwrap_or_default(),
                    c.language
                        .as_deref()
                        .map(|l| format!(" ({l})"))
                        .unwrap_or_default(),
                    crate::query::snippet(&c.text, 200)
                )?;
                if ms.is_empty() {
                    writeln!(w, "  no matching document")?;
                }
                for m in &ms {
                    let i = by_key.get(&m.doc_key);
                    writeln!(
                        w,
                        "  {:.3}  {} (story {}, {})",
                        m.score,
                        i.map(|i| i.id.as_str()).unwrap_or("?"),
                        m.story.map(|s| s.to_string()).unwrap_or_else(|| "-".into()),
                        i.and_then(|i| i.date.as_deref()).unwrap_or("undated")
                    )?;
                    let sents: Vec<Value> = parse(&m.sentences);
                    for s in sents {
                        writeln!(
                            w,
                            "      [{}..{}] «{}»",
                            s["begin"],
                            s["end"],
                            crate::query::snippet(s["text"].as_str().unwrap_or(""), 200)
                        )?;
                    }
                }
            }
        }
    }
    w.flush()?;
    Ok(0)
}

/// Figures of `eval stories`.
#[derive(Debug, Clone, Serialize)]
struct EvalReport {
    sets: Vec<(String, SetScores)>,
    claims: Vec<(String, echotrace_stories::eval::ClaimScores)>,
    skipped: Vec<String>,
}

fn show_prf(name: &str, p: &Prf) -> String {
    format!(
        "{name} P {:.3} R {:.3} F1 {:.3}",
        p.precision, p.recall, p.f1
    )
}

/// Where NewsWCL50 and MEANTIME are: `--data`, else `../shared/data/news-events`
/// from the working directory or from the source tree.
fn news_events_dir(given: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = given {
        return Some(p.to_path_buf());
    }
    [
        PathBuf::from("../shared/data/news-events"),
        PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/news-events"
        )),
    ]
    .into_iter()
    .find(|p| p.is_dir())
}

/// `echotrace eval stories`: pairwise story and narrative P/R/F1 on our
/// evaluation set (built in) or the given sets, claim matching success@5,
/// and story P/R/F1 on NewsWCL50 and MEANTIME when present.
pub fn eval_command(sets: &[PathBuf], data: Option<&Path>, as_json: bool) -> Result<u8> {
    let so = StoryOptions::default();
    let no = NarrativeOptions::default();
    let mut rep = EvalReport {
        sets: Vec::new(),
        claims: Vec::new(),
        skipped: Vec::new(),
    };
    let mut named: Vec<(String, Vec<EvalDoc>)> = Vec::new();
    if sets.is_empty() {
        named.push((
            "dev".into(),
            parse_eval_set(EVAL_DEV, "dev").map_err(anyhow::Error::msg)?,
        ));
        named.push((
            "held-out".into(),
            parse_eval_set(EVAL_HELDOUT, "held-out").map_err(anyhow::Error::msg)?,
        ));
    } else {
        for p in sets {
            let s = std::fs::read_to_string(p)
                .with_context(|| format!("cannot read {}", p.display()))?;
            named.push((
                p.display().to_string(),
                parse_eval_set(&s, &p.display().to_string()).map_err(anyhow::Error::msg)?,
            ));
        }
    }
    for (name, set) in &named {
        rep.sets.push((name.clone(), eval_set(set, &so, &no)));
    }
    if sets.is_empty() {
        let claims = read_claims(EVAL_CLAIMS).claims;
        let truth =
            parse_claims_truth(EVAL_CLAIMS_TRUTH, "claims-truth").map_err(anyhow::Error::msg)?;
        let docs: Vec<StoryDoc> = named
            .iter()
            .flat_map(|(_, s)| s.iter().map(|d| d.doc.clone()))
            .collect();
        for (split, name) in [("dev", "dev"), ("heldout", "held-out")] {
            let t: BTreeMap<String, Vec<String>> = truth
                .iter()
                .filter(|(_, (s, _))| s == split)
                .map(|(k, (_, d))| (k.clone(), d.clone()))
                .collect();
            rep.claims.push((
                name.into(),
                eval_claims(&claims, &docs, &t, &ClaimOptions::default()),
            ));
        }
        match news_events_dir(data) {
            Some(dir) => {
                for (name, file, load) in [
                    (
                        "NewsWCL50",
                        "newswcl50.jsonl",
                        load_newswcl50 as fn(&Path) -> Result<Vec<EvalDoc>, String>,
                    ),
                    ("MEANTIME", "meantime.jsonl", load_meantime),
                ] {
                    match load(&dir.join(file)) {
                        Ok(d) => rep.sets.push((name.into(), eval_set(&d, &so, &no))),
                        Err(e) => rep.skipped.push(format!("{name}: {e}")),
                    }
                }
            }
            None => rep.skipped.push(
                "NewsWCL50 and MEANTIME: ../shared/data/news-events not found (pass --data DIR)"
                    .into(),
            ),
        }
    }
    if as_json {
        println!("{}", serde_json::to_string(&rep)?);
        return Ok(0);
    }
    for (name, s) in &rep.sets {
        println!(
            "{name}: {} docs, {} events -> {} stories; {}; {} narratives; {}",
            s.documents,
            s.events,
            s.stories,
            show_prf("story", &s.story),
            s.narratives,
            show_prf("narrative", &s.narrative)
        );
    }
    for (name, c) in &rep.claims {
        println!(
            "claims {name}: {} claims, success@{} {:.3}, MRR {:.3}",
            c.claims, c.k, c.success_at_k, c.mrr
        );
    }
    for s in &rep.skipped {
        println!("SKIPPED {s}");
    }
    Ok(0)
}

fn precision(p: Option<&str>) -> Option<rep::DatePrecision> {
    match p? {
        "second" | "minute" | "hour" | "time" => Some(rep::DatePrecision::Time),
        "day" => Some(rep::DatePrecision::Day),
        "month" => Some(rep::DatePrecision::Month),
        "year" => Some(rep::DatePrecision::Year),
        _ => None,
    }
}

/// Stories shown in the report, at most (the largest first).
const REPORT_STORIES: usize = 10_000;

/// A document as the report shows it in a story or narrative.
fn report_doc(i: &DocInfo, s: Option<&StanceRow>, cluster: Option<i64>) -> rep::StoryDoc {
    rep::StoryDoc {
        doc_id: i.id.clone(),
        outlet: i.outlet.clone(),
        date: i.date.clone(),
        date_precision: precision(i.date_precision.as_deref()),
        title: i.title.clone(),
        url: i.url.clone(),
        lang: i.lang.clone(),
        stance: s.map(|s| s.stance.clone()),
        stance_evidence: s.and_then(|s| s.evidence.clone()),
        story: i.story.map(|x| x.max(0) as u64),
        cluster: cluster.map(|c| c.max(0) as u64),
    }
}

/// Each document's first reuse cluster (the evidence link in the report).
fn first_clusters(store: &Store) -> Result<HashMap<i64, i64>> {
    let mut out: HashMap<i64, i64> = HashMap::new();
    for p in store.passages(None)? {
        let e = out.entry(p.doc_key).or_insert(p.cluster);
        *e = (*e).min(p.cluster);
    }
    Ok(out)
}

/// The report's stories: those with several documents or in a narrative,
/// largest first, at most [`REPORT_STORIES`].
pub fn report_stories(store: &Store) -> Result<Vec<rep::Story>> {
    let infos = doc_infos(store)?;
    let clusters = first_clusters(store)?;
    let in_narrative: HashSet<i64> = infos
        .values()
        .filter(|i| i.narrative.is_some())
        .filter_map(|i| i.story)
        .collect();
    let mut stories = Vec::new();
    for s in sorted_stories(store)? {
        if stories.len() >= REPORT_STORIES {
            break;
        }
        if s.n_docs < 2 && !in_narrative.contains(&s.story) {
            continue;
        }
        let docs: Vec<String> = parse(&s.documents);
        stories.push(rep::Story {
            id: s.story.max(0) as u64,
            title: s.title.clone().unwrap_or_default(),
            date_from: s.start.clone(),
            date_to: s.end.clone(),
            outlets: parse(&s.outlets),
            languages: parse(&s.languages),
            entities: labels(&parse::<Vec<KeyEntity>>(&s.entities)),
            documents: docs
                .iter()
                .filter_map(|d| infos.get(d))
                .map(|i| report_doc(i, None, clusters.get(&i.doc_key).copied()))
                .collect(),
        });
    }
    Ok(stories)
}

/// The report's narratives, with each document's stance and evidence.
pub fn report_narratives(store: &Store) -> Result<Vec<rep::Narrative>> {
    let infos = doc_infos(store)?;
    let clusters = first_clusters(store)?;
    let narr_docs = narrative_docs(store, &infos)?;
    let mut out = Vec::new();
    for n in store.narrative_rows()? {
        let members = narr_docs.get(&n.narrative).cloned().unwrap_or_default();
        out.push(rep::Narrative {
            id: n.narrative.max(0) as u64,
            label: n.label.clone(),
            entities: labels(&parse::<Vec<KeyEntity>>(&n.entities)),
            phrases: parse(&n.phrases),
            stories: parse::<Vec<i64>>(&n.stories)
                .into_iter()
                .map(|x| x.max(0) as u64)
                .collect(),
            documents: members
                .iter()
                .map(|(i, s)| report_doc(i, Some(s), clusters.get(&i.doc_key).copied()))
                .collect(),
        });
    }
    Ok(out)
}
