//! The provenance step of `trace` (and `echotrace provenance`): reads the
//! stored clusters, runs `echotrace_provenance::analyse` and rewrites the
//! provenance tables. The outlet registry a user gives with `--outlets` is
//! kept in the store (`meta.outlet_registry`), so later runs use it too.

use anyhow::{bail, Context, Result};
use echotrace_core::model::CharSpan;
use echotrace_provenance::{
    analyse, AlignRef, AttributionStatus, ClusterInput, DocMeta, Options, PassageRef, Precision,
    Registry,
};
use echotrace_store::{OutletRecord, ProvenanceRow, Store};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

const REGISTRY_KEY: &str = "outlet_registry";
const STALE_KEY: &str = "provenance_stale";

/// What the provenance step found, for the trace summary.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct ProvenanceSummary {
    pub outlets: usize,
    pub copies: usize,
    pub unattributed_copies: usize,
    pub seconds: f64,
}

/// Stores the registry file `path` (TOML or CSV) for this and later runs,
/// after checking that it parses.
pub fn set_registry(store: &Store, path: &Path) -> Result<()> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read outlet registry {}", path.display()))?;
    parse_registry(&ext, &text).with_context(|| format!("outlet registry {}", path.display()))?;
    let v = serde_json::json!({ "file": path.display().to_string(), "format": ext, "text": text });
    store.set_meta(REGISTRY_KEY, &v.to_string())?;
    store.set_meta(STALE_KEY, "1")
}

/// True when the provenance tables do not reflect the stored clusters and
/// registry (a new registry, or a store traced by an older version).
pub fn is_stale(store: &Store) -> Result<bool> {
    Ok(store.meta(STALE_KEY)?.as_deref() == Some("1")
        || (store.count("passages")? > 0 && store.count("provenance")? == 0))
}

fn parse_registry(format: &str, text: &str) -> Result<Registry> {
    match format {
        "toml" => Registry::from_toml_str(text).map_err(anyhow::Error::msg),
        "csv" => Registry::from_csv_str(text).map_err(anyhow::Error::msg),
        other => bail!("unknown registry format {other:?} (expected a .toml or .csv file)"),
    }
}

/// The built-in wire agencies plus the stored user registry, if any.
pub fn registry(store: &Store) -> Result<Registry> {
    let base = Registry::builtin();
    let Some(v) = store.meta(REGISTRY_KEY)? else {
        return Ok(base);
    };
    let v: serde_json::Value = serde_json::from_str(&v).context("stored outlet registry")?;
    let format = v["format"].as_str().unwrap_or_default();
    let text = v["text"].as_str().unwrap_or_default();
    Ok(base.merged(parse_registry(format, text).context("stored outlet registry")?))
}

/// The provenance of every stored cluster, with what it was computed from.
pub struct Computed {
    /// Stored documents, in `doc_key` order (the kernel's document indices).
    pub docs: Vec<echotrace_store::ProvenanceDoc>,
    /// The clusters as given to the kernel, in cluster number order.
    pub inputs: Vec<ClusterInput>,
    /// Passage uids of each cluster, in the order of its `passages`.
    pub uids: BTreeMap<i64, Vec<i64>>,
    pub prov: echotrace_provenance::Provenance,
}

/// Recomputes provenance for every cluster and rewrites the tables.
pub fn run(store: &mut Store) -> Result<ProvenanceSummary> {
    let t0 = std::time::Instant::now();
    let Computed {
        docs,
        inputs: _,
        uids,
        prov,
    } = compute(store)?;
    write(store, &docs, &uids, &prov, t0)
}

/// Runs the provenance kernel on the stored clusters (reads only).
pub fn compute(store: &Store) -> Result<Computed> {
    let registry = registry(store)?;
    let docs = store.provenance_docs()?;
    let passages = store.passages(None)?;
    let alignments = store.passage_alignments()?;

    let index: HashMap<i64, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.doc_key, i))
        .collect();
    // Only documents with passages are loaded: the others count by length.
    let mut texts: Vec<String> = vec![String::new(); docs.len()];
    let mut has_passage = vec![false; docs.len()];
    for p in &passages {
        if let Some(&i) = index.get(&p.doc_key) {
            has_passage[i] = true;
        }
    }
    for (i, d) in docs.iter().enumerate() {
        if has_passage[i] {
            texts[i] = store.text_and_body(d.doc_key)?.0;
        }
    }
    let meta: Vec<DocMeta> = docs
        .iter()
        .map(|d| DocMeta {
            id: d.id.clone(),
            series: d.series.clone(),
            site: d.site.clone(),
            url: d.url.clone(),
            date: d.date.clone(),
            date_precision: d.date_precision.as_deref().and_then(Precision::parse),
            n_chars: Some(d.n_chars.max(0) as u64),
        })
        .collect();

    // Clusters in number order; passages in (cluster, doc, begin) order.
    let mut clusters: BTreeMap<i64, ClusterInput> = BTreeMap::new();
    let mut place: HashMap<i64, (i64, usize)> = HashMap::new();
    let mut uids: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for p in &passages {
        let Some(&doc) = index.get(&p.doc_key) else {
            continue;
        };
        let c = clusters.entry(p.cluster).or_insert_with(|| ClusterInput {
            cluster: p.cluster as u64,
            ..Default::default()
        });
        place.insert(p.uid, (p.cluster, c.passages.len()));
        uids.entry(p.cluster).or_default().push(p.uid);
        c.passages.push(PassageRef {
            doc,
            span: CharSpan {
                begin: p.begin,
                end: p.end,
            },
        });
    }
    for a in &alignments {
        let (Some(&(ca, ia)), Some(&(cb, ib))) = (place.get(&a.passage_a), place.get(&a.passage_b))
        else {
            continue;
        };
        if ca != cb || ia == ib {
            continue;
        }
        if let Some(c) = clusters.get_mut(&ca) {
            c.alignments.push(AlignRef {
                a: ia,
                b: ib,
                a_span: a.a,
                b_span: a.b,
                matched_words: a.matched_words.max(0) as u32,
                score: a.score as f32,
            });
        }
    }
    let inputs: Vec<ClusterInput> = clusters.into_values().collect();
    let text_refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let prov = analyse(&meta, &text_refs, &inputs, &registry, &Options::default());
    Ok(Computed {
        docs,
        inputs,
        uids,
        prov,
    })
}

fn write(
    store: &mut Store,
    docs: &[echotrace_store::ProvenanceDoc],
    uids: &BTreeMap<i64, Vec<i64>>,
    prov: &echotrace_provenance::Provenance,
    t0: std::time::Instant,
) -> Result<ProvenanceSummary> {
    let mut summary = ProvenanceSummary {
        outlets: prov.outlets.len(),
        ..Default::default()
    };
    let stats_of: HashMap<usize, &echotrace_provenance::OutletStats> =
        prov.outlet_stats.iter().map(|s| (s.outlet, s)).collect();
    let outlets: Vec<OutletRecord> = prov
        .outlets
        .iter()
        .enumerate()
        .map(|(i, o)| {
            Ok(OutletRecord {
                outlet: i as i64,
                name: o.name.clone(),
                kind: Some(kind_name(&o.kind)?),
                country: o.country.clone(),
                aliases: serde_json::to_string(&o.aliases)?,
                domains: serde_json::to_string(&o.domains)?,
                stats: stats_of.get(&i).map(serde_json::to_string).transpose()?,
            })
        })
        .collect::<Result<_>>()?;
    let doc_outlets: Vec<(i64, i64)> = prov
        .doc_outlets
        .iter()
        .enumerate()
        .filter_map(|(i, o)| o.map(|o| (docs[i].doc_key, o as i64)))
        .collect();
    let mut rows = Vec::new();
    for c in &prov.clusters {
        let Some(cluster_uids) = uids.get(&(c.cluster as i64)) else {
            continue;
        };
        for n in &c.nodes {
            let Some(&uid) = cluster_uids.get(n.passage) else {
                continue;
            };
            let is_source = c.root == Some(n.passage);
            let att = n.attribution.as_ref();
            if !is_source {
                summary.copies += 1;
            }
            if att.is_some_and(|a| a.flagged) {
                summary.unattributed_copies += 1;
            }
            rows.push(ProvenanceRow {
                uid,
                cluster: c.cluster as i64,
                is_source,
                parent: n.parent.and_then(|p| cluster_uids.get(p).copied()),
                depth: n.depth as i64,
                confidence: f64::from(n.confidence),
                evidence: serde_json::to_string(&n.evidence)?,
                attribution: att.map(|a| status_name(a.status)),
                flagged: att.is_some_and(|a| a.flagged),
                credits: att.map(serde_json::to_string).transpose()?,
            });
        }
    }
    rows.sort_by_key(|r| r.uid);
    store.replace_provenance(&outlets, &doc_outlets, &rows)?;
    store.set_meta(STALE_KEY, "0")?;
    summary.seconds = t0.elapsed().as_secs_f64();
    Ok(summary)
}

/// `eval --provenance`: source choice, parents and the unattributed flag of
/// the stored clusters against the provenance truth written by `gen
/// --provenance`.
pub fn evaluate(store: &Store, truth: &Path) -> Result<echotrace_provenance::ProvenanceScores> {
    let text = std::fs::read_to_string(truth)
        .with_context(|| format!("cannot read provenance truth {}", truth.display()))?;
    let mut families = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        families.push(
            serde_json::from_str::<echotrace_provenance::FamilyTruth>(line).with_context(|| {
                format!(
                    "{}:{}: not a provenance truth record",
                    truth.display(),
                    i + 1
                )
            })?,
        );
    }
    let c = compute(store)?;
    let ids: Vec<String> = c.docs.iter().map(|d| d.id.clone()).collect();
    Ok(echotrace_provenance::evaluate_provenance(
        &families, &ids, &c.inputs, &c.prov,
    ))
}

/// Stored copies and flagged (unattributed) copies.
pub fn counts(store: &Store) -> Result<(usize, usize)> {
    let (c, u): (i64, i64) = store.conn().query_row(
        "SELECT count(*), coalesce(sum(flagged), 0) FROM provenance WHERE is_source = 0",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok((c as usize, u as usize))
}

/// The document id of a cluster's most likely source and the number of
/// its flagged copies, when provenance has been computed.
pub fn cluster_source(store: &Store, cluster: i64) -> Result<Option<(String, usize)>> {
    let src: Option<String> = store
        .conn()
        .query_row(
            "SELECT d.id FROM provenance v JOIN passages p ON p.uid = v.uid
             JOIN documents d ON d.doc_key = p.doc_key
             WHERE v.cluster = ?1 AND v.is_source = 1",
            [cluster],
            |r| r.get(0),
        )
        .ok();
    let Some(src) = src else {
        return Ok(None);
    };
    let flagged: i64 = store.conn().query_row(
        "SELECT coalesce(sum(flagged), 0) FROM provenance WHERE cluster = ?1",
        [cluster],
        |r| r.get(0),
    )?;
    Ok(Some((src, flagged as usize)))
}

fn kind_name<T: Serialize>(kind: &T) -> Result<String> {
    Ok(match serde_json::to_value(kind)? {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    })
}

/// The stored name of an attribution status (`credited`, `credits_other`,
/// `unattributed`, `same_outlet`).
pub fn status_name(s: AttributionStatus) -> String {
    kind_name(&s).unwrap_or_else(|_| "unknown".into())
}
