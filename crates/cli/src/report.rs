//! `echotrace report` and `echotrace outlets`: read the store (clusters,
//! provenance, outlets, quotes) into the report crate's model and render one
//! self-contained HTML file, or list the outlet table.

use crate::ListFormat;
use anyhow::{Context, Result};
use echotrace_core::normalise::slice_chars;
use echotrace_provenance::{Attribution, Evidence, OutletStats};
use echotrace_report as rep;
use echotrace_store::{OutletRecord, ProvenanceRow, Store};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::Path;

/// Aligned pairs kept per cluster (the report shows the first ones).
const PAIRS_PER_CLUSTER: usize = 40;
/// Speakers in the quotes section, by number of quotes.
const MAX_SPEAKERS: usize = 2000;

struct DocInfo {
    id: String,
    url: Option<String>,
    title: Option<String>,
    date: Option<String>,
    date_precision: Option<String>,
    outlet: Option<String>,
}

/// Everything about documents the report needs, by `doc_key`.
fn doc_infos(store: &Store, outlet_names: &HashMap<i64, String>) -> Result<HashMap<i64, DocInfo>> {
    let outlet_of: HashMap<i64, i64> = store.doc_outlets()?.into_iter().collect();
    let mut st = store
        .conn()
        .prepare("SELECT doc_key, id, url, title, date, date_precision, series FROM documents")?;
    let rows = st.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, Option<String>>(5)?,
            r.get::<_, Option<String>>(6)?,
        ))
    })?;
    let mut out = HashMap::new();
    for row in rows {
        let (key, id, url, title, date, date_precision, series) = row?;
        let outlet = outlet_of
            .get(&key)
            .and_then(|o| outlet_names.get(o).cloned())
            .or(series);
        out.insert(
            key,
            DocInfo {
                id,
                url,
                title,
                date,
                date_precision,
                outlet,
            },
        );
    }
    Ok(out)
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

/// Texts of documents, loaded once each.
struct Texts<'a> {
    store: &'a Store,
    cache: HashMap<i64, String>,
}

impl Texts<'_> {
    fn slice(&mut self, doc_key: i64, begin: usize, end: usize) -> Result<String> {
        if !self.cache.contains_key(&doc_key) {
            let t = self.store.text_and_body(doc_key)?.0;
            self.cache.insert(doc_key, t);
        }
        Ok(slice_chars(&self.cache[&doc_key], begin, end).to_string())
    }
}

fn attribution(row: Option<&ProvenanceRow>) -> rep::Attribution {
    let Some(row) = row else {
        return rep::Attribution::default();
    };
    if row.is_source {
        return rep::Attribution {
            status: rep::AttributionStatus::Source,
            ..Default::default()
        };
    }
    let full: Option<Attribution> = row
        .credits
        .as_deref()
        .and_then(|c| serde_json::from_str(c).ok());
    let status = match row.attribution.as_deref() {
        Some("credited") | Some("same_outlet") => rep::AttributionStatus::Credited,
        Some("credits_other") => rep::AttributionStatus::CreditsOther,
        Some("unattributed") => rep::AttributionStatus::Unattributed,
        _ => rep::AttributionStatus::Unknown,
    };
    let first = full.as_ref().and_then(|a| a.credits.first());
    rep::Attribution {
        status,
        credit: first.map(|c| c.text.clone()),
        credited_outlet: first.map(|c| c.outlet_name.clone()),
    }
}

fn outlet_stats(outlets: &[OutletRecord]) -> Vec<(String, Option<OutletStats>, &OutletRecord)> {
    outlets
        .iter()
        .map(|o| {
            let st = o
                .stats
                .as_deref()
                .and_then(|s| serde_json::from_str::<OutletStats>(s).ok());
            (o.name.clone(), st, o)
        })
        .collect()
}

/// Builds the report model from the store.
pub fn build(store: &Store, max_clusters: usize) -> Result<rep::ReportData> {
    let outlets = store.outlets()?;
    let names: HashMap<i64, String> = outlets.iter().map(|o| (o.outlet, o.name.clone())).collect();
    let by_index: HashMap<usize, String> = outlets
        .iter()
        .map(|o| (o.outlet as usize, o.name.clone()))
        .collect();
    let docs = doc_infos(store, &names)?;
    let prov: HashMap<i64, ProvenanceRow> = store
        .provenance_rows()?
        .into_iter()
        .map(|r| (r.uid, r))
        .collect();

    // Clusters by spread (outlets, documents, passages), the widest first.
    let passages = store.passages(None)?;
    let mut by_cluster: BTreeMap<i64, Vec<&echotrace_store::PassageRow>> = BTreeMap::new();
    for p in &passages {
        by_cluster.entry(p.cluster).or_default().push(p);
    }
    let mut order: Vec<(usize, usize, usize, i64)> = by_cluster
        .iter()
        .map(|(c, ps)| {
            let mut outs: Vec<Option<&String>> = ps
                .iter()
                .map(|p| docs.get(&p.doc_key).and_then(|d| d.outlet.as_ref()))
                .collect();
            outs.sort();
            outs.dedup();
            let mut ds: Vec<i64> = ps.iter().map(|p| p.doc_key).collect();
            ds.sort_unstable();
            ds.dedup();
            (outs.len(), ds.len(), ps.len(), *c)
        })
        .collect();
    order.sort_by(|x, y| (y.0, y.1, y.2, x.3).cmp(&(x.0, x.1, x.2, y.3)));
    if max_clusters > 0 {
        order.truncate(max_clusters);
    }
    let chosen: std::collections::HashSet<i64> = order.iter().map(|o| o.3).collect();

    let mut pairs: BTreeMap<i64, Vec<rep::AlignedPair>> = BTreeMap::new();
    let cluster_of: HashMap<i64, (i64, i64)> = passages
        .iter()
        .map(|p| (p.uid, (p.cluster, p.doc_key)))
        .collect();
    let mut texts = Texts {
        store,
        cache: HashMap::new(),
    };
    for a in store.passage_alignments()? {
        let (Some(&(c, da)), Some(&(_, db))) =
            (cluster_of.get(&a.passage_a), cluster_of.get(&a.passage_b))
        else {
            continue;
        };
        if !chosen.contains(&c) {
            continue;
        }
        let list = pairs.entry(c).or_default();
        if list.len() >= PAIRS_PER_CLUSTER {
            continue;
        }
        list.push(rep::AlignedPair {
            a: a.passage_a as u64,
            b: a.passage_b as u64,
            a_text: Some(texts.slice(da, a.a.begin, a.a.end)?),
            b_text: Some(texts.slice(db, a.b.begin, a.b.end)?),
            score: Some(a.score),
            matched_words: Some(a.matched_words.max(0) as u64),
        });
    }

    let mut clusters = Vec::with_capacity(order.len());
    for &(_, _, _, c) in &order {
        let ps = &by_cluster[&c];
        let mut out = rep::Cluster {
            id: c as u64,
            pairs: pairs.remove(&c).unwrap_or_default(),
            ..Default::default()
        };
        for p in ps {
            let Some(d) = docs.get(&p.doc_key) else {
                continue;
            };
            let row = prov.get(&p.uid);
            if row.is_some_and(|r| r.is_source) {
                out.source = Some(p.uid as u64);
            }
            if let Some(r) = row {
                if let Some(parent) = r.parent {
                    let evidence: Vec<Evidence> =
                        serde_json::from_str(&r.evidence).unwrap_or_default();
                    out.edges.push(rep::CopyEdge {
                        child: p.uid as u64,
                        parent: parent as u64,
                        confidence: Some(r.confidence),
                        evidence: evidence
                            .into_iter()
                            .map(|e| rep::Evidence {
                                kind: serde_json::to_value(e.kind)
                                    .ok()
                                    .and_then(|v| v.as_str().map(str::to_string))
                                    .unwrap_or_default(),
                                detail: e.detail,
                            })
                            .collect(),
                    });
                }
            }
            out.passages.push(rep::Passage {
                uid: p.uid as u64,
                doc_id: d.id.clone(),
                outlet: d.outlet.clone(),
                date: d.date.clone(),
                date_precision: precision(d.date_precision.as_deref()),
                title: d.title.clone(),
                url: d.url.clone(),
                begin: p.begin as u64,
                end: p.end as u64,
                text: texts.slice(p.doc_key, p.begin, p.end)?,
                attribution: attribution(row),
            });
        }
        clusters.push(out);
        // Keep memory bounded: texts of finished clusters are not needed again
        // often enough to keep them all.
        if texts.cache.len() > 50_000 {
            texts.cache.clear();
        }
    }

    let stats = outlet_stats(&outlets);
    let outlet_rows: Vec<rep::OutletRow> = stats
        .iter()
        .filter_map(|(name, st, o)| {
            let st = st.as_ref()?;
            (st.docs > 0).then(|| rep::OutletRow {
                name: name.clone(),
                kind: o.kind.clone(),
                country: o.country.clone(),
                documents: st.docs as u64,
                copied_share: Some(st.copied_share),
                unattributed_share: (st.copied_chars > 0)
                    .then(|| st.unattributed_chars as f64 / st.copied_chars as f64),
                top_sources: st
                    .copied_from
                    .iter()
                    .take(5)
                    .map(|s| rep::SourceShare {
                        outlet: s
                            .outlet
                            .and_then(|i| by_index.get(&i).cloned())
                            .unwrap_or_else(|| "(unknown)".into()),
                        passages: s.passages as u64,
                        share: (st.copied_chars > 0)
                            .then(|| s.chars as f64 / st.copied_chars as f64),
                        clusters: Vec::new(),
                    })
                    .collect(),
            })
        })
        .collect();
    let hours = |s: Option<i64>| s.map(|s| s as f64 / 3600.0);
    let sources: Vec<rep::SourceRow> = stats
        .iter()
        .filter_map(|(name, st, _)| {
            let st = st.as_ref()?;
            (!st.republished_by.is_empty()).then(|| rep::SourceRow {
                outlet: name.clone(),
                republishers: st
                    .republished_by
                    .iter()
                    .map(|r| rep::Republisher {
                        outlet: r
                            .outlet
                            .and_then(|i| by_index.get(&i).cloned())
                            .unwrap_or_else(|| "(unknown)".into()),
                        copies: r.copies as u64,
                        unattributed: r.unattributed as u64,
                        median_delay_hours: hours(r.median_delay_s),
                        min_delay_hours: hours(r.min_delay_s),
                        clusters: Vec::new(),
                    })
                    .collect(),
            })
        })
        .collect();

    let count = |sql: &str| -> Result<u64> {
        Ok(store
            .conn()
            .query_row(sql, [], |r| r.get::<_, i64>(0))?
            .max(0) as u64)
    };
    let (date_from, date_to): (Option<String>, Option<String>) = store.conn().query_row(
        "SELECT min(date), max(date) FROM documents WHERE date IS NOT NULL AND date != ''",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let undated = count("SELECT count(*) FROM documents WHERE date IS NULL OR date = ''")?;
    let params: Option<String> = store
        .conn()
        .query_row(
            "SELECT params FROM runs ORDER BY run_id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .ok();
    let params: Vec<rep::Param> = params
        .and_then(|p| serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&p).ok())
        .map(|m| {
            m.into_iter()
                .map(|(name, v)| rep::Param {
                    name,
                    value: v.to_string(),
                })
                .collect()
        })
        .unwrap_or_default();
    let mut notes = Vec::new();
    if undated > 0 {
        notes.push(format!(
            "{undated} documents have no date: their place in copy trees rests on the text alone."
        ));
    }
    let n_clusters = count("SELECT count(*) FROM clusters")?;
    if (clusters.len() as u64) < n_clusters {
        notes.push(format!(
            "The {} widest of {n_clusters} clusters are shown (--max-clusters).",
            clusters.len()
        ));
    }
    let overview = rep::Overview {
        documents: count("SELECT count(*) FROM documents")?,
        outlets: outlet_rows.len() as u64,
        clusters: n_clusters,
        passages: count("SELECT count(*) FROM passages")?,
        unattributed_copies: count("SELECT count(*) FROM provenance WHERE flagged = 1")?,
        date_from,
        date_to,
        generated_by: Some(format!("echotrace {}", env!("CARGO_PKG_VERSION"))),
        params,
        notes,
    };
    Ok(rep::ReportData {
        title: "echotrace report".into(),
        overview,
        clusters,
        outlets: outlet_rows,
        sources,
        quotes: quotes(store, &docs)?,
        stories: crate::stories::report_stories(store)?,
        narratives: crate::stories::report_narratives(store)?,
    })
}

/// Speakers → linked quotes → where they appeared.
fn quotes(store: &Store, docs: &HashMap<i64, DocInfo>) -> Result<Vec<rep::Speaker>> {
    let mut st = store.conn().prepare(
        "SELECT q.quote_id, q.doc_key, q.text, q.speaker, q.speaker_name, q.speaker_role,
                q.quote_group, q.same_wording, g.first_quote, g.text
         FROM quotes q LEFT JOIN quote_groups g ON g.quote_group = q.quote_group
         WHERE q.speaker_name IS NOT NULL AND q.resolution != 'comment'
         ORDER BY q.speaker_name, q.quote_group, q.quote_id",
    )?;
    type Row = (
        i64,
        i64,
        String,
        Option<String>,
        String,
        Option<String>,
        Option<i64>,
        Option<bool>,
        Option<i64>,
        Option<String>,
    );
    let rows = st.query_map([], |r| {
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
        ))
    })?;
    let mut speakers: BTreeMap<String, rep::Speaker> = BTreeMap::new();
    let mut groups: BTreeMap<(String, i64), rep::QuoteGroup> = BTreeMap::new();
    for row in rows {
        let (qid, doc_key, text, as_written, name, role, group, same, first, gtext): Row = row?;
        let sp = speakers
            .entry(name.clone())
            .or_insert_with(|| rep::Speaker {
                name: name.clone(),
                role: None,
                quotes: Vec::new(),
            });
        if sp.role.is_none() {
            sp.role = role;
        }
        // A quote without a group is its own group (negative ids keep them apart).
        let gid = group.unwrap_or(-qid);
        let g = groups
            .entry((name, gid))
            .or_insert_with(|| rep::QuoteGroup {
                id: gid.unsigned_abs(),
                text: gtext.clone().unwrap_or_else(|| text.clone()),
                appearances: Vec::new(),
            });
        let d = docs.get(&doc_key);
        g.appearances.push(rep::QuoteAppearance {
            doc_id: d.map(|d| d.id.clone()).unwrap_or_default(),
            outlet: d.and_then(|d| d.outlet.clone()),
            date: d.and_then(|d| d.date.clone()),
            url: d.and_then(|d| d.url.clone()),
            text,
            speaker_as_written: as_written,
            first: first.is_none_or(|f| f == qid),
            altered: same == Some(false),
            cluster: None,
            passage: None,
        });
    }
    for ((name, _), g) in groups {
        if let Some(sp) = speakers.get_mut(&name) {
            sp.quotes.push(g);
        }
    }
    let mut list: Vec<rep::Speaker> = speakers.into_values().collect();
    list.sort_by(|a, b| {
        let n = |s: &rep::Speaker| s.quotes.iter().map(|g| g.appearances.len()).sum::<usize>();
        n(b).cmp(&n(a)).then_with(|| a.name.cmp(&b.name))
    });
    list.truncate(MAX_SPEAKERS);
    Ok(list)
}

/// Writes the report to `out`.
pub fn write_report(store: &Store, out: &Path, max_clusters: usize) -> Result<rep::Overview> {
    let data = build(store, max_clusters)?;
    let html = rep::render_html(&data);
    std::fs::write(out, html).with_context(|| format!("cannot write {}", out.display()))?;
    Ok(data.overview)
}

/// One line of `echotrace outlets`.
#[derive(Debug, Serialize)]
struct OutletLine {
    outlet: String,
    kind: Option<String>,
    documents: usize,
    copied_share: f64,
    copied_passages: usize,
    unattributed_passages: usize,
    copied_from: Vec<(String, usize)>,
    originals: usize,
    republished_by: Vec<(String, usize)>,
    median_delay_hours: Option<f64>,
}

/// `echotrace outlets`: the outlet table, most copied text first.
pub fn list_outlets(store: &Store, format: ListFormat, w: &mut dyn Write) -> Result<()> {
    let outlets = store.outlets()?;
    let by_index: HashMap<usize, String> = outlets
        .iter()
        .map(|o| (o.outlet as usize, o.name.clone()))
        .collect();
    let name = |o: Option<usize>| {
        o.and_then(|i| by_index.get(&i).cloned())
            .unwrap_or_else(|| "(unknown)".into())
    };
    let mut lines: Vec<OutletLine> = outlet_stats(&outlets)
        .into_iter()
        .filter_map(|(n, st, o)| {
            let st = st?;
            (st.docs > 0 || !st.republished_by.is_empty()).then(|| OutletLine {
                outlet: n,
                kind: o.kind.clone(),
                documents: st.docs,
                copied_share: (st.copied_share * 1000.0).round() / 1000.0,
                copied_passages: st.copied_passages,
                unattributed_passages: st.unattributed_passages,
                copied_from: st
                    .copied_from
                    .iter()
                    .map(|s| (name(s.outlet), s.passages))
                    .collect(),
                originals: st.originals,
                republished_by: st
                    .republished_by
                    .iter()
                    .map(|r| (name(r.outlet), r.copies))
                    .collect(),
                median_delay_hours: st.median_delay_s.map(|s| (s as f64 / 360.0).round() / 10.0),
            })
        })
        .collect();
    lines.sort_by(|a, b| {
        b.copied_passages
            .cmp(&a.copied_passages)
            .then_with(|| b.originals.cmp(&a.originals))
            .then_with(|| a.outlet.cmp(&b.outlet))
    });
    for l in &lines {
        match format {
            ListFormat::Jsonl => writeln!(w, "{}", serde_json::to_string(l)?)?,
            ListFormat::Text => {
                let from: Vec<String> = l
                    .copied_from
                    .iter()
                    .take(3)
                    .map(|(n, k)| format!("{n} ({k})"))
                    .collect();
                writeln!(
                    w,
                    "{}{}: {} documents, {:.1}% of text copied ({} passages, {} unattributed){}; {} originals republished {} times",
                    l.outlet,
                    l.kind.as_deref().map(|k| format!(" [{k}]")).unwrap_or_default(),
                    l.documents,
                    l.copied_share * 100.0,
                    l.copied_passages,
                    l.unattributed_passages,
                    if from.is_empty() {
                        String::new()
                    } else {
                        format!(", from {}", from.join(", "))
                    },
                    l.originals,
                    l.republished_by.iter().map(|r| r.1).sum::<usize>(),
                )?;
            }
        }
    }
    Ok(())
}
