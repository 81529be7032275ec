//! Read-side of the store for the commands that print or export results:
//! passages with their clusters and aligned counterparts, aligned pairs, and
//! the per-document view. Every listing has a fixed order, so the same store
//! gives byte-identical output.

use anyhow::Result;
use echotrace_core::model::Document;
use echotrace_core::normalise::slice_chars;
use echotrace_store::Store;
use serde::Serialize;
use std::collections::HashMap;

/// A passage's aligned counterpart in another document.
#[derive(Debug, Clone, Serialize)]
pub struct Counterpart {
    pub uid: i64,
    pub id: String,
    pub begin: usize,
    pub end: usize,
    pub score: f64,
    pub matched_words: i64,
}

/// One exported passage: passim's fields, the passage text, the document's
/// own fields, and echotrace's aligned counterparts.
#[derive(Debug, Clone, Serialize)]
pub struct PassageRecord {
    pub id: String,
    pub uid: i64,
    pub cluster: i64,
    pub size: i64,
    pub begin: usize,
    pub end: usize,
    /// uid of the counterpart passage with the best alignment score.
    pub src: Option<i64>,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub series: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub aligned: Vec<Counterpart>,
    /// Provenance: whether this passage is the most likely original of its
    /// cluster, the passage it was most likely copied from, the confidence,
    /// and whether it credits its source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provenance: Option<PassageProvenance>,
    /// The input record's other fields, passed through.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// A passage's place in its cluster's copy tree (see the `provenance` table).
#[derive(Debug, Clone, Serialize)]
pub struct PassageProvenance {
    pub source: bool,
    /// uid of the passage this one was most likely copied from.
    pub parent: Option<i64>,
    pub confidence: f64,
    /// `credited`, `credits_other`, `unattributed` or `same_outlet`
    /// (absent for the source).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attribution: Option<String>,
    /// Copies that credit nobody or another source than their own.
    pub unattributed: bool,
    /// The credit phrases found for the copy, as written.
    pub credits: Vec<String>,
}

fn provenance_of(store: &Store) -> Result<HashMap<i64, PassageProvenance>> {
    let mut out = HashMap::new();
    for r in store.provenance_rows()? {
        let credits = r
            .credits
            .as_deref()
            .and_then(|c| serde_json::from_str::<serde_json::Value>(c).ok())
            .and_then(|v| {
                v["credits"].as_array().map(|a| {
                    a.iter()
                        .filter_map(|c| c["text"].as_str().map(str::to_string))
                        .collect()
                })
            })
            .unwrap_or_default();
        out.insert(
            r.uid,
            PassageProvenance {
                source: r.is_source,
                parent: r.parent,
                confidence: round3(r.confidence),
                attribution: r.attribution,
                unattributed: r.flagged,
                credits,
            },
        );
    }
    Ok(out)
}

/// One side of an aligned pair.
#[derive(Debug, Clone, Serialize)]
pub struct PairSide {
    pub doc: String,
    pub begin: usize,
    pub end: usize,
    pub uid: Option<i64>,
    pub text: String,
}

/// One aligned passage pair.
#[derive(Debug, Clone, Serialize)]
pub struct PairRecord {
    pub a: PairSide,
    pub b: PairSide,
    pub score: f64,
    pub matched_words: i64,
    pub cluster: Option<i64>,
}

/// Caches documents by key while a listing is built.
pub struct Docs<'a> {
    store: &'a Store,
    cache: HashMap<i64, Document>,
}

impl<'a> Docs<'a> {
    pub fn new(store: &'a Store) -> Self {
        Docs {
            store,
            cache: HashMap::new(),
        }
    }
    pub fn get(&mut self, key: i64) -> Result<&Document> {
        if !self.cache.contains_key(&key) {
            if self.cache.len() > 4096 {
                self.cache.clear();
            }
            let d = self.store.document(key)?;
            self.cache.insert(key, d);
        }
        Ok(&self.cache[&key])
    }
}

struct AlignmentView {
    pa: i64,
    pb: i64,
    score: f64,
    matched: i64,
}

fn alignment_views(store: &Store) -> Result<Vec<AlignmentView>> {
    let mut st = store.conn().prepare(
        "SELECT passage_a, passage_b, score, matched_words FROM alignments
         WHERE passage_a IS NOT NULL ORDER BY alignment_id",
    )?;
    let rows = st.query_map([], |r| {
        Ok(AlignmentView {
            pa: r.get(0)?,
            pb: r.get(1)?,
            score: r.get(2)?,
            matched: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Calls `f` for every passage, in (cluster, document, begin) order.
pub fn for_each_passage(
    store: &Store,
    doc_filter: Option<i64>,
    mut f: impl FnMut(PassageRecord) -> Result<()>,
) -> Result<()> {
    let passages = store.passages(None)?;
    let by_uid: HashMap<i64, usize> = passages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.uid, i))
        .collect();
    let mut counterparts: HashMap<i64, Vec<(i64, f64, i64)>> = HashMap::new();
    for a in alignment_views(store)? {
        counterparts
            .entry(a.pa)
            .or_default()
            .push((a.pb, a.score, a.matched));
        counterparts
            .entry(a.pb)
            .or_default()
            .push((a.pa, a.score, a.matched));
    }
    let sizes: HashMap<i64, i64> = {
        let mut st = store.conn().prepare("SELECT cluster, size FROM clusters")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut provenance = provenance_of(store)?;
    let mut docs = Docs::new(store);
    let mut ids: HashMap<i64, String> = HashMap::new();
    for p in &passages {
        if doc_filter.is_some_and(|d| d != p.doc_key) {
            continue;
        }
        let mut aligned = Vec::new();
        let mut best: Option<(f64, i64)> = None;
        let mut cps = counterparts.get(&p.uid).cloned().unwrap_or_default();
        cps.sort_by_key(|c| c.0);
        cps.dedup_by_key(|c| c.0);
        for (other, score, matched) in cps {
            let Some(&oi) = by_uid.get(&other) else {
                continue;
            };
            let o = &passages[oi];
            let oid = match ids.get(&o.doc_key) {
                Some(s) => s.clone(),
                None => {
                    let s = docs.get(o.doc_key)?.id.clone();
                    ids.insert(o.doc_key, s.clone());
                    s
                }
            };
            if best.is_none_or(|(s, u)| score > s || (score == s && other < u)) {
                best = Some((score, other));
            }
            aligned.push(Counterpart {
                uid: other,
                id: oid,
                begin: o.begin,
                end: o.end,
                score: round3(score),
                matched_words: matched,
            });
        }
        let d = docs.get(p.doc_key)?;
        f(PassageRecord {
            id: d.id.clone(),
            uid: p.uid,
            cluster: p.cluster,
            size: sizes.get(&p.cluster).copied().unwrap_or(0),
            begin: p.begin,
            end: p.end,
            src: best.map(|b| b.1),
            text: slice_chars(&d.text, p.begin, p.end).to_string(),
            series: d.series.clone(),
            date: d.date.clone(),
            url: d.url.clone(),
            title: d.title.clone(),
            aligned,
            provenance: provenance.remove(&p.uid),
            extra: d.extra.clone(),
        })?;
    }
    Ok(())
}

pub fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Calls `f` for every aligned pair, in storage order, optionally only those
/// touching one document.
pub fn for_each_pair(
    store: &Store,
    doc_filter: Option<i64>,
    mut f: impl FnMut(PairRecord) -> Result<()>,
) -> Result<()> {
    let mut st = store.conn().prepare(
        "SELECT al.doc_a, al.a_begin, al.a_end, al.doc_b, al.b_begin, al.b_end, al.score, al.matched_words,
                al.passage_a, al.passage_b, p.cluster
         FROM alignments al LEFT JOIN passages p ON p.uid = al.passage_a
         WHERE ?1 IS NULL OR al.doc_a = ?1 OR al.doc_b = ?1
         ORDER BY al.alignment_id",
    )?;
    type Row = (
        i64,
        i64,
        i64,
        i64,
        i64,
        i64,
        f64,
        i64,
        Option<i64>,
        Option<i64>,
        Option<i64>,
    );
    let rows: Vec<Row> = st
        .query_map([doc_filter], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
                r.get(9)?,
                r.get(10)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut docs = Docs::new(store);
    for (da, ab, ae, db, bb, be, score, matched, pa, pb, cl) in rows {
        let side =
            |docs: &mut Docs, k: i64, b: i64, e: i64, uid: Option<i64>| -> Result<PairSide> {
                let d = docs.get(k)?;
                Ok(PairSide {
                    doc: d.id.clone(),
                    begin: b as usize,
                    end: e as usize,
                    uid,
                    text: slice_chars(&d.text, b as usize, e as usize).to_string(),
                })
            };
        let a = side(&mut docs, da, ab, ae, pa)?;
        let b = side(&mut docs, db, bb, be, pb)?;
        f(PairRecord {
            a,
            b,
            score: round3(score),
            matched_words: matched,
            cluster: cl,
        })?;
    }
    Ok(())
}

/// One line of the summary's cluster list.
pub struct TopCluster {
    pub cluster: i64,
    pub size: i64,
    pub n_docs: i64,
    pub snippet: String,
    pub ids: Vec<String>,
}

/// The largest clusters (most documents first).
pub fn top_clusters(store: &Store, limit: usize) -> Result<Vec<TopCluster>> {
    let mut st = store.conn().prepare(
        "SELECT c.cluster, c.size, c.n_docs, p.doc_key, p.begin, p.end FROM clusters c
         JOIN passages p ON p.uid = c.first_uid
         ORDER BY c.n_docs DESC, c.size DESC, c.cluster LIMIT ?1",
    )?;
    let rows: Vec<(i64, i64, i64, i64, i64, i64)> = st
        .query_map([limit as i64], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut docs = Docs::new(store);
    let mut out = Vec::new();
    for (cl, size, n_docs, dk, b, e) in rows {
        let text = slice_chars(&docs.get(dk)?.text, b as usize, e as usize).to_string();
        let mut st = store.conn().prepare_cached(
            "SELECT DISTINCT d.id FROM passages p JOIN documents d ON d.doc_key = p.doc_key
             WHERE p.cluster = ?1 ORDER BY d.id",
        )?;
        let ids: Vec<String> = st
            .query_map([cl], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        out.push(TopCluster {
            cluster: cl,
            size,
            n_docs,
            snippet: snippet(&text, 110),
            ids,
        });
    }
    Ok(out)
}

/// One-line excerpt: whitespace collapsed, cut at `max` characters.
pub fn snippet(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let cut: String = flat.chars().take(max).collect();
        format!("{}…", cut.trim_end())
    }
}
