//! Turns [`ReportData`] into the sorted, capped view model embedded as JSON.
//!
//! Everything the page's script needs is decided here, in Rust: cluster order
//! by spread, passage order by date, the copy tree rows, date spans for the
//! timelines, word diffs of aligned pairs and of altered quotes, and the caps
//! that keep huge clusters and long texts bounded.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use serde::ser::SerializeSeq;
use serde::{Serialize, Serializer};

use crate::dates::{self, DaySpan};
use crate::diff::{self, DiffLimits, Op, Segment};

use crate::escape;
use crate::model::*;

/// Rendering options: paging and caps.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions {
    /// Clusters (and speakers, stories, narratives) per page.
    pub page_size: usize,
    /// Passages listed per cluster; the rest are counted, not shown.
    pub max_passages_per_cluster: usize,
    /// Aligned pairs shown per cluster.
    pub max_pairs_per_cluster: usize,
    /// Characters kept of each passage or pair text (the rest is cut, marked).
    pub max_text_chars: usize,
    pub diff: DiffLimits,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            page_size: 25,
            max_passages_per_cluster: 500,
            max_pairs_per_cluster: 40,
            max_text_chars: 6_000,
            diff: DiffLimits::default(),
        }
    }
}

#[derive(Serialize)]
pub(crate) struct View {
    pub page: usize,
    pub clusters: Vec<VCluster>,
    pub quotes: Vec<VSpeaker>,
    pub stories: Vec<VStory>,
    pub narratives: Vec<VNarrative>,
}

#[derive(Serialize)]
pub(crate) struct VCluster {
    pub id: u64,
    /// Distinct outlets, documents, passages.
    pub no: usize,
    pub nd: usize,
    pub n: usize,
    /// Index (in `p`) of the source passage.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub src: Option<usize>,
    /// Passages that are unattributed or credit another source.
    pub un: usize,
    pub outlets: Vec<String>,
    pub p: Vec<VPassage>,
    /// Copy tree rows: passage index, depth, edge index.
    pub tree: Vec<(usize, usize, Option<usize>)>,
    pub e: Vec<VEdge>,
    pub pairs: Vec<VPair>,
    pub more_p: usize,
    pub more_pairs: usize,
    pub notes: Vec<String>,
}

#[derive(Serialize)]
pub(crate) struct VPassage {
    pub uid: u64,
    pub doc: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prec: Option<DatePrecision>,
    /// Date span in days since 1970 (for the timeline), when readable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub t: Option<[f64; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// An http(s) URL, or absent (an unsafe URL is kept in `raw_url` as text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub raw_url: Option<String>,
    pub b: u64,
    pub e: u64,
    pub text: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub cut: bool,
    pub st: AttributionStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credited: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct VEdge {
    pub c: usize,
    pub p: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conf: Option<f64>,
    pub ev: Vec<(String, String)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warn: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct VPair {
    pub a: usize,
    pub b: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mw: Option<u64>,
    /// The aligned texts when they are not the passages' texts as listed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bt: Option<String>,
    /// The diff, as lengths into the left and right texts.
    pub d: Vec<VSeg>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub cut: bool,
}

/// A diff segment as lengths in UTF-16 code units (what the page's script
/// slices by) of the two texts it walks: `[0, left, right]` for an equal run,
/// `[1, left]` for a left-only run, `[2, right]` for a right-only run.
pub(crate) struct VSeg(pub Op, pub usize, pub usize);

impl VSeg {
    fn from_segment(s: &Segment) -> VSeg {
        VSeg(
            s.op,
            s.left.encode_utf16().count(),
            s.right.encode_utf16().count(),
        )
    }
}

pub(crate) fn diff_lengths(left: &str, right: &str, limits: DiffLimits) -> Vec<VSeg> {
    diff::word_diff(left, right, limits)
        .iter()
        .map(VSeg::from_segment)
        .collect()
}

impl Serialize for VSeg {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let VSeg(op, l, r) = *self;
        let mut seq = s.serialize_seq(Some(if op == Op::Equal { 3 } else { 2 }))?;
        match op {
            Op::Equal => {
                seq.serialize_element(&0u8)?;
                seq.serialize_element(&l)?;
                seq.serialize_element(&r)?;
            }
            Op::Delete => {
                seq.serialize_element(&1u8)?;
                seq.serialize_element(&l)?;
            }
            Op::Insert => {
                seq.serialize_element(&2u8)?;
                seq.serialize_element(&r)?;
            }
        }
        seq.end()
    }
}

#[derive(Serialize)]
pub(crate) struct VSpeaker {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    pub n: usize,
    pub quotes: Vec<VQuote>,
}

#[derive(Serialize)]
pub(crate) struct VQuote {
    pub id: u64,
    pub text: String,
    pub apps: Vec<VApp>,
}

#[derive(Serialize)]
pub(crate) struct VApp {
    pub doc: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_written: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub first: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub altered: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub passage: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub d: Option<Vec<VSeg>>,
}

#[derive(Serialize)]
pub(crate) struct VStory {
    pub id: u64,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    pub outlets: Vec<String>,
    pub langs: Vec<String>,
    pub entities: Vec<String>,
    pub docs: Vec<VDoc>,
}

#[derive(Serialize)]
pub(crate) struct VNarrative {
    pub id: u64,
    pub label: String,
    pub entities: Vec<String>,
    pub phrases: Vec<String>,
    pub stories: Vec<u64>,
    pub docs: Vec<VDoc>,
}

#[derive(Serialize)]
pub(crate) struct VDoc {
    pub doc: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub t: Option<[f64; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stance: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stance_ev: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub story: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster: Option<u64>,
}

/// Keeps at most `max` characters (cut at a char boundary); says if it cut.
pub(crate) fn cap_text(s: &str, max: usize) -> (String, bool) {
    match s.char_indices().nth(max) {
        Some((i, _)) => (format!("{}…", &s[..i]), true),
        None => (s.to_string(), false),
    }
}

fn span(date: Option<&str>, prec: Option<DatePrecision>) -> Option<DaySpan> {
    date.and_then(|d| dates::parse(d, prec))
}

/// Finite values clamped and rounded to 4 decimals, so that a value that went
/// through a float parser and back (off by one unit in the last place) still
/// renders to the same bytes.
fn clean_f64(x: Option<f64>, lo: f64, hi: f64) -> Option<f64> {
    x.filter(|v| v.is_finite()).map(|v| round4(v.clamp(lo, hi)))
}

fn round4(v: f64) -> f64 {
    (v * 1e4).round() / 1e4
}

fn day_span(s: DaySpan) -> [f64; 2] {
    [round4(s.start), round4(s.end)]
}

/// Orders by date span (undated last), then by the given tie-breakers.
fn cmp_span(a: Option<DaySpan>, b: Option<DaySpan>) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => x.start.total_cmp(&y.start).then(x.end.total_cmp(&y.end)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// The key deciding a cluster's spread: distinct outlets (a passage without
/// outlet counts as its document's own outlet), distinct documents, passages.
pub(crate) fn spread(c: &Cluster) -> (usize, usize, usize) {
    let outlets: BTreeSet<(bool, &str)> = c
        .passages
        .iter()
        .map(|p| match &p.outlet {
            Some(o) => (true, o.as_str()),
            None => (false, p.doc_id.as_str()),
        })
        .collect();
    let docs: BTreeSet<&str> = c.passages.iter().map(|p| p.doc_id.as_str()).collect();
    (outlets.len(), docs.len(), c.passages.len())
}

/// Clusters sorted by spread (most outlets, then documents, then passages
/// first), ties by id: the order of the report.
pub fn cluster_order(clusters: &[Cluster]) -> Vec<usize> {
    let keys: Vec<(usize, usize, usize)> = clusters.iter().map(spread).collect();
    let mut order: Vec<usize> = (0..clusters.len()).collect();
    order.sort_by(|&x, &y| {
        keys[y]
            .cmp(&keys[x])
            .then(clusters[x].id.cmp(&clusters[y].id))
            .then(x.cmp(&y))
    });
    order
}

fn build_cluster(c: &Cluster, opts: &RenderOptions) -> VCluster {
    let (no, nd, n) = spread(c);
    let mut notes = Vec::new();
    let spans: Vec<Option<DaySpan>> = c
        .passages
        .iter()
        .map(|p| span(p.date.as_deref(), p.date_precision))
        .collect();
    // Passage order: source first, then by date, document, uid.
    let mut order: Vec<usize> = (0..c.passages.len()).collect();
    order.sort_by(|&x, &y| {
        let (px, py) = (&c.passages[x], &c.passages[y]);
        let sx = Some(px.uid) == c.source;
        let sy = Some(py.uid) == c.source;
        sy.cmp(&sx)
            .then(cmp_span(spans[x], spans[y]))
            .then(px.doc_id.cmp(&py.doc_id))
            .then(px.uid.cmp(&py.uid))
            .then(px.begin.cmp(&py.begin))
            .then(x.cmp(&y))
    });
    let more_p = order.len().saturating_sub(opts.max_passages_per_cluster);
    order.truncate(opts.max_passages_per_cluster);
    let mut index: BTreeMap<u64, usize> = BTreeMap::new();
    let mut p = Vec::with_capacity(order.len());
    for &k in &order {
        let src = &c.passages[k];
        index.entry(src.uid).or_insert(p.len());
        let (text, cut) = cap_text(&src.text, opts.max_text_chars);
        let url = src
            .url
            .as_deref()
            .and_then(escape::safe_url)
            .map(str::to_string);
        let raw_url = if url.is_none() { src.url.clone() } else { None };
        let t = spans[k].map(day_span);
        let prec = spans[k].map(|s| s.precision);
        if src.date.is_some() && t.is_none() {
            notes.push(format!("document {} has an unreadable date", src.doc_id));
        }
        p.push(VPassage {
            uid: src.uid,
            doc: src.doc_id.clone(),
            outlet: src.outlet.clone(),
            date: src.date.clone(),
            prec,
            t,
            title: src.title.clone(),
            url,
            raw_url,
            b: src.begin,
            e: src.end,
            text,
            cut,
            st: src.attribution.status,
            credit: src.attribution.credit.clone(),
            credited: src.attribution.credited_outlet.clone(),
        });
    }
    let un = c
        .passages
        .iter()
        .filter(|p| {
            matches!(
                p.attribution.status,
                AttributionStatus::Unattributed | AttributionStatus::CreditsOther
            )
        })
        .count();
    let src = c.source.and_then(|u| index.get(&u).copied());
    if c.source.is_some() && src.is_none() {
        notes.push("the source passage is not among the listed passages".into());
    }
    // Edges between listed passages.
    let mut e: Vec<VEdge> = Vec::new();
    let mut dropped = 0usize;
    for edge in &c.edges {
        match (index.get(&edge.child), index.get(&edge.parent)) {
            (Some(&ci), Some(&pi)) if ci != pi => {
                let warn = match (p[ci].t, p[pi].t) {
                    (Some(ct), Some(pt)) if ct[0] < pt[0] && ct[1] <= pt[0] => {
                        Some("the copy is dated before the passage it is said to copy".into())
                    }
                    _ => None,
                };
                e.push(VEdge {
                    c: ci,
                    p: pi,
                    conf: clean_f64(edge.confidence, 0.0, 1.0),
                    ev: edge
                        .evidence
                        .iter()
                        .map(|v| (v.kind.clone(), v.detail.clone()))
                        .collect(),
                    warn,
                });
            }
            _ => dropped += 1,
        }
    }
    if dropped > 0 {
        notes.push(format!(
            "{dropped} copy edge(s) not shown: they refer to passages not listed or to themselves"
        ));
    }
    let tree = copy_tree(p.len(), src, &e, &mut notes);
    // Aligned pairs.
    let mut pairs = Vec::new();
    let mut more_pairs = 0usize;
    for pair in &c.pairs {
        let (Some(&a), Some(&b)) = (index.get(&pair.a), index.get(&pair.b)) else {
            more_pairs += 1;
            continue;
        };
        if pairs.len() >= opts.max_pairs_per_cluster {
            more_pairs += 1;
            continue;
        }
        let at = pair.a_text.as_deref().unwrap_or(&c.passages[order[a]].text);
        let bt = pair.b_text.as_deref().unwrap_or(&c.passages[order[b]].text);
        let (at, cut_a) = cap_text(at, opts.max_text_chars);
        let (bt, cut_b) = cap_text(bt, opts.max_text_chars);
        let d = diff_lengths(&at, &bt, opts.diff);
        pairs.push(VPair {
            a,
            b,
            score: clean_f64(pair.score, 0.0, f64::MAX),
            mw: pair.matched_words,
            at: (at != p[a].text).then_some(at),
            bt: (bt != p[b].text).then_some(bt),
            d,
            cut: cut_a || cut_b,
        });
    }
    let outlets: BTreeSet<String> = c.passages.iter().filter_map(|p| p.outlet.clone()).collect();
    notes.sort();
    notes.dedup();
    VCluster {
        id: c.id,
        no,
        nd,
        n,
        src,
        un,
        outlets: outlets.into_iter().collect(),
        p,
        tree,
        e,
        pairs,
        more_p,
        more_pairs,
        notes,
    }
}

/// Copy tree rows (passage, depth, edge) in display order: each passage under
/// the parent of its most confident edge. Passages reached by no root (a
/// cycle) start their own subtree, with a note.
pub(crate) fn copy_tree(
    n: usize,
    src: Option<usize>,
    edges: &[VEdge],
    notes: &mut Vec<String>,
) -> Vec<(usize, usize, Option<usize>)> {
    let mut parent: Vec<Option<usize>> = vec![None; n]; // edge index
    for (k, e) in edges.iter().enumerate() {
        let better = match parent[e.c] {
            None => true,
            Some(old) => {
                let o = &edges[old];
                let (cn, co) = (e.conf.unwrap_or(-1.0), o.conf.unwrap_or(-1.0));
                cn.total_cmp(&co).then(o.p.cmp(&e.p)) == Ordering::Greater
            }
        };
        if better {
            parent[e.c] = Some(k);
        }
    }
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (c, pe) in parent.iter().enumerate() {
        if let Some(k) = pe {
            children[edges[*k].p].push(c);
        }
    }
    let mut rows = Vec::with_capacity(n);
    let mut seen = vec![false; n];
    let mut roots: Vec<usize> = Vec::new();
    if let Some(s) = src {
        roots.push(s);
    }
    roots.extend((0..n).filter(|&i| parent[i].is_none() && Some(i) != src));
    let walk =
        |root: usize, seen: &mut Vec<bool>, rows: &mut Vec<(usize, usize, Option<usize>)>| {
            let mut stack = vec![(root, 0usize, None)];
            while let Some((i, depth, edge)) = stack.pop() {
                if seen[i] {
                    continue;
                }
                seen[i] = true;
                rows.push((i, depth, edge));
                for &ch in children[i].iter().rev() {
                    if !seen[ch] {
                        stack.push((ch, depth + 1, parent[ch]));
                    }
                }
            }
        };
    for r in roots {
        walk(r, &mut seen, &mut rows);
    }
    let mut cyclic = false;
    for i in 0..n {
        if !seen[i] {
            cyclic = true;
            walk(i, &mut seen, &mut rows);
        }
    }
    if cyclic {
        notes.push("the copy edges form a cycle; the tree is cut where it closes".into());
    }
    rows
}

fn doc_view(d: &StoryDoc) -> VDoc {
    let sp = span(d.date.as_deref(), d.date_precision);
    VDoc {
        doc: d.doc_id.clone(),
        outlet: d.outlet.clone(),
        date: d.date.clone(),
        t: sp.map(day_span),
        title: d.title.clone(),
        url: d
            .url
            .as_deref()
            .and_then(escape::safe_url)
            .map(str::to_string),
        lang: d.lang.clone(),
        stance: d.stance.clone(),
        stance_ev: d.stance_evidence.clone(),
        story: d.story,
        cluster: d.cluster,
    }
}

fn sorted_docs(docs: &[StoryDoc]) -> Vec<VDoc> {
    let mut v: Vec<VDoc> = docs.iter().map(doc_view).collect();
    v.sort_by(|x, y| {
        let sx = x.t.map(|t| DaySpan {
            start: t[0],
            end: t[1],
            precision: DatePrecision::Day,
        });
        let sy = y.t.map(|t| DaySpan {
            start: t[0],
            end: t[1],
            precision: DatePrecision::Day,
        });
        cmp_span(sx, sy).then(x.doc.cmp(&y.doc))
    });
    v
}

fn build_quotes(speakers: &[Speaker], opts: &RenderOptions) -> Vec<VSpeaker> {
    let mut out: Vec<VSpeaker> = speakers
        .iter()
        .map(|sp| {
            let mut quotes: Vec<VQuote> = sp
                .quotes
                .iter()
                .map(|q| {
                    let (base, _) = cap_text(&q.text, opts.max_text_chars);
                    let mut apps: Vec<(Option<DaySpan>, VApp)> = q
                        .appearances
                        .iter()
                        .map(|a| {
                            let (text, _) = cap_text(&a.text, opts.max_text_chars);
                            let d = (a.altered && !a.first)
                                .then(|| diff_lengths(&base, &text, opts.diff));
                            (
                                span(a.date.as_deref(), None),
                                VApp {
                                    doc: a.doc_id.clone(),
                                    outlet: a.outlet.clone(),
                                    date: a.date.clone(),
                                    url: a
                                        .url
                                        .as_deref()
                                        .and_then(escape::safe_url)
                                        .map(str::to_string),
                                    text,
                                    as_written: a.speaker_as_written.clone(),
                                    first: a.first,
                                    altered: a.altered,
                                    cluster: a.cluster,
                                    passage: a.passage,
                                    d,
                                },
                            )
                        })
                        .collect();
                    apps.sort_by(|(sx, x), (sy, y)| {
                        y.first
                            .cmp(&x.first)
                            .then(cmp_span(*sx, *sy))
                            .then(x.doc.cmp(&y.doc))
                    });
                    VQuote {
                        id: q.id,
                        text: base,
                        apps: apps.into_iter().map(|(_, a)| a).collect(),
                    }
                })
                .collect();
            quotes.sort_by(|x, y| y.apps.len().cmp(&x.apps.len()).then(x.id.cmp(&y.id)));
            let n = quotes.iter().map(|q| q.apps.len()).sum();
            VSpeaker {
                name: sp.name.clone(),
                role: sp.role.clone(),
                n,
                quotes,
            }
        })
        .collect();
    out.sort_by(|x, y| y.n.cmp(&x.n).then(x.name.cmp(&y.name)));
    out
}

pub(crate) fn build(data: &ReportData, opts: &RenderOptions) -> View {
    let clusters = cluster_order(&data.clusters)
        .into_iter()
        .map(|i| build_cluster(&data.clusters[i], opts))
        .collect();
    let mut stories: Vec<(Option<DaySpan>, VStory)> = data
        .stories
        .iter()
        .map(|s| {
            (
                span(s.date_from.as_deref(), None),
                VStory {
                    id: s.id,
                    title: s.title.clone(),
                    from: s.date_from.clone(),
                    to: s.date_to.clone(),
                    outlets: s.outlets.clone(),
                    langs: s.languages.clone(),
                    entities: s.entities.clone(),
                    docs: sorted_docs(&s.documents),
                },
            )
        })
        .collect();
    stories.sort_by(|(sx, x), (sy, y)| cmp_span(*sx, *sy).then(x.id.cmp(&y.id)));
    let mut narratives: Vec<VNarrative> = data
        .narratives
        .iter()
        .map(|n| VNarrative {
            id: n.id,
            label: n.label.clone(),
            entities: n.entities.clone(),
            phrases: n.phrases.clone(),
            stories: n.stories.clone(),
            docs: sorted_docs(&n.documents),
        })
        .collect();
    narratives.sort_by(|x, y| y.docs.len().cmp(&x.docs.len()).then(x.id.cmp(&y.id)));
    View {
        page: opts.page_size.max(1),
        clusters,
        quotes: build_quotes(&data.quotes, opts),
        stories: stories.into_iter().map(|(_, s)| s).collect(),
        narratives,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passage(uid: u64, outlet: Option<&str>, doc: &str, date: Option<&str>) -> Passage {
        Passage {
            uid,
            doc_id: doc.into(),
            outlet: outlet.map(str::to_string),
            date: date.map(str::to_string),
            text: format!("texte {uid}"),
            ..Default::default()
        }
    }

    fn edge(child: u64, parent: u64, conf: Option<f64>) -> CopyEdge {
        CopyEdge {
            child,
            parent,
            confidence: conf,
            evidence: vec![],
        }
    }

    #[test]
    fn spread_order_outlets_then_documents_then_size_then_id() {
        let c = |id, ps: Vec<Passage>| Cluster {
            id,
            passages: ps,
            ..Default::default()
        };
        let clusters = vec![
            c(
                1,
                vec![
                    passage(1, Some("A"), "a1", None),
                    passage(2, Some("A"), "a2", None),
                ],
            ),
            c(
                2,
                vec![
                    passage(3, Some("A"), "a3", None),
                    passage(4, Some("B"), "b1", None),
                ],
            ),
            // No outlet: each document counts as its own outlet.
            c(
                3,
                vec![
                    passage(5, None, "x", None),
                    passage(6, None, "y", None),
                    passage(7, None, "z", None),
                ],
            ),
            c(
                0,
                vec![
                    passage(8, Some("A"), "a4", None),
                    passage(9, Some("B"), "b2", None),
                ],
            ),
            c(
                4,
                vec![
                    passage(10, Some("A"), "a5", None),
                    passage(11, Some("A"), "a5", None),
                ],
            ),
        ];
        let ids: Vec<u64> = cluster_order(&clusters)
            .iter()
            .map(|&i| clusters[i].id)
            .collect();
        assert_eq!(ids, vec![3, 0, 2, 1, 4]);
    }

    #[test]
    fn passages_source_first_then_by_date_undated_last() {
        let cl = Cluster {
            id: 1,
            source: Some(3),
            passages: vec![
                passage(1, Some("A"), "d1", None),
                passage(2, Some("B"), "d2", Some("2021-07-23")),
                passage(3, Some("C"), "d3", Some("2021-07-24")),
                passage(4, Some("D"), "d4", Some("2021-07")),
                passage(5, Some("E"), "d5", Some("le 3 mai")),
            ],
            ..Default::default()
        };
        let v = build_cluster(&cl, &RenderOptions::default());
        let uids: Vec<u64> = v.p.iter().map(|p| p.uid).collect();
        assert_eq!(uids, vec![3, 4, 2, 1, 5]);
        assert_eq!(v.src, Some(0));
        assert!(v
            .notes
            .iter()
            .any(|n| n.contains("d5 has an unreadable date")));
    }

    #[test]
    fn copy_tree_nests_copies_of_copies_and_flags_bad_edges() {
        let cl = Cluster {
            id: 1,
            source: Some(1),
            passages: vec![
                passage(1, Some("A"), "d1", Some("2021-07-22")),
                passage(2, Some("B"), "d2", Some("2021-07-23")),
                passage(3, Some("C"), "d3", Some("2021-07-20")),
                passage(4, Some("D"), "d4", Some("2021-07-25")),
            ],
            edges: vec![
                edge(2, 1, Some(0.9)),
                edge(4, 1, Some(0.3)),
                edge(4, 2, Some(0.8)), // the more confident parent wins
                edge(3, 2, Some(f64::NAN)),
                edge(9, 1, Some(0.5)), // unknown passage
                edge(1, 1, None),      // self loop
            ],
            ..Default::default()
        };
        let v = build_cluster(&cl, &RenderOptions::default());
        let uid = |i: usize| v.p[i].uid;
        let rows: Vec<(u64, usize)> = v.tree.iter().map(|r| (uid(r.0), r.1)).collect();
        assert_eq!(rows, vec![(1, 0), (2, 1), (3, 2), (4, 2)]);
        let e3 = v.e.iter().find(|e| uid(e.c) == 3).unwrap();
        assert_eq!(e3.conf, None);
        assert!(e3.warn.as_deref().unwrap().contains("dated before"));
        assert!(v
            .e
            .iter()
            .filter(|e| uid(e.c) != 3)
            .all(|e| e.warn.is_none()));
        assert!(v
            .notes
            .iter()
            .any(|n| n.starts_with("2 copy edge(s) not shown")));
    }

    #[test]
    fn cycles_do_not_hang_or_drop_passages() {
        let cl = Cluster {
            id: 1,
            passages: vec![
                passage(1, Some("A"), "d1", None),
                passage(2, Some("B"), "d2", None),
                passage(3, Some("C"), "d3", None),
            ],
            edges: vec![
                edge(1, 2, Some(0.5)),
                edge(2, 3, Some(0.5)),
                edge(3, 1, Some(0.5)),
            ],
            ..Default::default()
        };
        let v = build_cluster(&cl, &RenderOptions::default());
        let mut seen: Vec<usize> = v.tree.iter().map(|r| r.0).collect();
        seen.sort_unstable();
        assert_eq!(seen, vec![0, 1, 2]);
        assert!(v.notes.iter().any(|n| n.contains("cycle")));
    }

    #[test]
    fn caps_cut_at_char_boundaries() {
        assert_eq!(cap_text("ééé", 2), ("éé…".to_string(), true));
        assert_eq!(cap_text("ééé", 3), ("ééé".to_string(), false));
        assert_eq!(cap_text("", 0), (String::new(), false));
        let opts = RenderOptions {
            max_text_chars: 5,
            max_pairs_per_cluster: 1,
            ..RenderOptions::default()
        };
        let cl = Cluster {
            id: 1,
            passages: vec![
                Passage {
                    uid: 1,
                    text: "aé bé cé dé".into(),
                    ..Default::default()
                },
                Passage {
                    uid: 2,
                    text: "aé bé xé".into(),
                    ..Default::default()
                },
            ],
            pairs: vec![
                AlignedPair {
                    a: 1,
                    b: 2,
                    ..Default::default()
                },
                AlignedPair {
                    a: 2,
                    b: 1,
                    ..Default::default()
                },
                AlignedPair {
                    a: 1,
                    b: 7,
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        let v = build_cluster(&cl, &opts);
        assert!(v.p.iter().all(|p| p.text.chars().count() <= 6));
        assert_eq!(v.pairs.len(), 1);
        assert_eq!(v.more_pairs, 2);
        // The pair's texts are the listed texts, so they are not repeated.
        assert!(v.pairs[0].at.is_none() && v.pairs[0].bt.is_none());
        assert!(v.pairs[0].cut);
    }

    #[test]
    fn diff_lengths_count_utf16_units() {
        let d = diff_lengths("a 😀 b", "a 😀 c", DiffLimits::default());
        let got: Vec<(Op, usize, usize)> = d.iter().map(|s| (s.0, s.1, s.2)).collect();
        assert_eq!(
            got,
            vec![(Op::Equal, 5, 5), (Op::Delete, 1, 0), (Op::Insert, 0, 1)]
        );
    }
}
