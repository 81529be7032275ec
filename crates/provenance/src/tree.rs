//! Direction evidence between aligned passages, the choice of the original
//! passage of each cluster, the copy tree (each copy's most likely parent)
//! and the attribution verdict of every copy. [`analyse`] runs the whole
//! provenance stage.

use std::collections::{BTreeMap, HashMap};

use echotrace_core::model::CharSpan;

use crate::attribution::{assign, Mention, NameIndex, Placement};
use crate::dates::{compare, p_earliest, parse_date, TimeOrder, TimeRange};
use crate::features::{count_in, DocFeatures};
use crate::registry::{OutletTable, Registry};
use crate::{
    Attribution, AttributionStatus, ClusterInput, ClusterProvenance, Credit, DocMeta, Evidence,
    EvidenceKind, Node, Options, Provenance,
};

/// Counts over one span of one document.
#[derive(Clone, Copy, Debug, Default)]
struct SpanStats {
    chars: usize,
    words: usize,
    asterisks: usize,
    curly: usize,
    straight: usize,
    glued: usize,
    hyphens: usize,
    damaged: usize,
    truncated: bool,
}

fn span_stats(f: &DocFeatures, s: CharSpan) -> SpanStats {
    SpanStats {
        chars: s.len(),
        words: f.words_in(s),
        asterisks: count_in(&f.asterisks, s),
        curly: count_in(&f.curly, s),
        straight: count_in(&f.straight, s),
        glued: count_in(&f.glued, s),
        hyphens: count_in(&f.hyphens, s),
        damaged: count_in(&f.damaged, s),
        truncated: f.truncated(s),
    }
}

/// A credit found near or in a passage, before the tree is known.
#[derive(Clone, Debug)]
struct FoundCredit {
    outlet: usize,
    span: CharSpan,
    text: String,
    cue: crate::CueKind,
    placement: Placement,
}

const W_TIME: f32 = 3.0;
const W_CREDIT: f32 = 2.0;
const W_CENTRAL: f32 = 3.0;

const W_VOTE: f32 = 1.5;
/// Weight of the damage evidence (copies pick up damage, originals rarely
/// lose it).
const W_DAMAGE: f32 = 1.5;
/// Weight of the log-probability of being published first among the
/// cluster's dated passages, floored at [`P_FLOOR`] (a passage dated after
/// another loses about 14 points, more than any text evidence).
const W_FIRST: f32 = 2.0;
const P_FLOOR: f64 = 1e-3;

/// Time evidence that `a` is earlier than `b`, in `[-W_TIME, W_TIME]`.
/// Overlapping ranges of different precisions say little (where a date
/// known to the day falls within a month is not known), so their weight
/// shrinks with the ratio of the two ranges' lengths.
fn time_weight(o: TimeOrder, a: Option<&TimeRange>, b: Option<&TimeRange>) -> f32 {
    match o {
        TimeOrder::Before => W_TIME,
        TimeOrder::After => -W_TIME,
        TimeOrder::Overlap { p_before } => {
            let (la, lb) = match (a, b) {
                (Some(a), Some(b)) => (
                    (a.end - a.start).max(1) as f32,
                    (b.end - b.start).max(1) as f32,
                ),
                _ => (1.0, 1.0),
            };
            let ratio = (la.min(lb) / la.max(lb)).cbrt();
            W_TIME * 0.8 * ratio * (2.0 * p_before as f32 - 1.0)
        }
        TimeOrder::Unknown => 0.0,
    }
}

fn time_detail(o: TimeOrder, ta: Option<&TimeRange>, tb: Option<&TimeRange>) -> String {
    let show = |t: Option<&TimeRange>| match t {
        Some(t) => format!("{:?}-precision time {}", t.precision, t.start).to_lowercase(),
        None => "no date".to_string(),
    };
    let rel = match o {
        TimeOrder::Before => "definitely earlier".to_string(),
        TimeOrder::After => "definitely later".to_string(),
        TimeOrder::Overlap { p_before } => {
            format!("overlapping dates, earlier with probability {p_before:.2}")
        }
        TimeOrder::Unknown => "order unknown".to_string(),
    };
    format!("{rel} ({} vs {})", show(ta), show(tb))
}

/// Text evidence that `a` is the earlier side (positive) or `b` is.
fn text_direction(a: &SpanStats, b: &SpanStats) -> Vec<Evidence> {
    let mut ev = Vec::new();
    let mut push = |kind, weight: f32, detail: String| {
        if weight != 0.0 {
            ev.push(Evidence {
                kind,
                weight,
                detail,
            })
        }
    };
    if (a.asterisks > 0) != (b.asterisks > 0) {
        let w = if a.asterisks > 0 { 1.5 } else { -1.5 };
        push(
            EvidenceKind::Asterisks,
            w,
            format!(
                "asterisks after names: {} vs {} (copies drop the convention)",
                a.asterisks, b.asterisks
            ),
        );
    }
    if a.truncated != b.truncated {
        let w = if b.truncated { 1.0 } else { -1.0 };
        push(
            EvidenceKind::Truncation,
            w,
            format!(
                "{} ends mid-sentence",
                if b.truncated {
                    "the later side"
                } else {
                    "the earlier side"
                }
            ),
        );
    }
    let (wa, wb) = (a.words as f32, b.words as f32);
    let r = (wa - wb) / wa.max(wb).max(1.0);
    if r.abs() >= 0.05 {
        push(
            EvidenceKind::Completeness,
            (r * 2.0).clamp(-0.6, 0.6),
            format!(
                "{} vs {} words (the more complete text is more likely the original)",
                a.words, b.words
            ),
        );
    }
    let share = |s: &SpanStats| {
        let n = s.curly + s.straight;
        (n >= 2).then(|| s.curly as f32 / n as f32)
    };
    if let (Some(ca), Some(cb)) = (share(a), share(b)) {
        if (ca - cb).abs() > 0.5 {
            push(
                EvidenceKind::Typography,
                0.3 * (ca - cb).signum(),
                format!("typographic marks {:.0}% vs {:.0}%", ca * 100.0, cb * 100.0),
            );
        }
    }
    let rate = |n: usize, s: &SpanStats| n as f32 * 1000.0 / s.chars.max(1) as f32;
    let (ga, gb) = (rate(a.glued, a), rate(b.glued, b));
    if a.glued.abs_diff(b.glued) >= 1 && (ga - gb).abs() > 0.3 {
        push(
            EvidenceKind::Spacing,
            0.6 * (gb - ga).signum(),
            format!(
                "spaces lost after sentence ends: {} vs {}",
                a.glued, b.glued
            ),
        );
    }
    let (ha, hb) = (rate(a.hyphens, a), rate(b.hyphens, b));
    if a.hyphens.abs_diff(b.hyphens) >= 1 && (ha - hb).abs() > 0.3 {
        push(
            EvidenceKind::Hyphenation,
            0.5 * (hb - ha).signum(),
            format!("words broken by hyphens: {} vs {}", a.hyphens, b.hyphens),
        );
    }
    if a.damaged != b.damaged {
        push(
            EvidenceKind::Damage,
            W_DAMAGE * (b.damaged as f32 - a.damaged as f32).signum(),
            format!(
                "damaged words (digits in words, a word in capitals, a sentence in lower case): {} vs {}",
                a.damaged, b.damaged
            ),
        );
    }
    ev
}

fn negate(ev: &[Evidence]) -> Vec<Evidence> {
    ev.iter()
        .map(|e| Evidence {
            weight: -e.weight,
            ..e.clone()
        })
        .collect()
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// Runs the provenance stage. `texts[i]` is the text of `docs[i]` as given
/// (passage offsets are character offsets into it). Passages naming a
/// document out of range are kept as nodes without a parent and ignored
/// otherwise; alignments naming passages out of range are ignored.
pub fn analyse(
    docs: &[DocMeta],
    texts: &[&str],
    clusters: &[ClusterInput],
    registry: &Registry,
    opts: &Options,
) -> Provenance {
    let n_docs = docs.len().min(texts.len());
    let mut table = OutletTable::new(registry);
    let doc_outlets: Vec<Option<usize>> = docs
        .iter()
        .map(|d| table.outlet_of(d.series.as_deref(), d.site.as_deref(), d.url.as_deref()))
        .collect();
    let times: Vec<Option<TimeRange>> = docs
        .iter()
        .map(|d| {
            d.date
                .as_deref()
                .and_then(|s| parse_date(s, d.date_precision))
        })
        .collect();
    let names = NameIndex::new(&table.outlets);

    // Spans to measure and passages to credit, per document.
    let mut spans: Vec<Vec<CharSpan>> = vec![Vec::new(); n_docs];
    let mut passages_of: BTreeMap<usize, Vec<(usize, usize)>> = BTreeMap::new();
    for (ci, c) in clusters.iter().enumerate() {
        for (pi, p) in c.passages.iter().enumerate() {
            if p.doc < n_docs {
                spans[p.doc].push(p.span);
                passages_of.entry(p.doc).or_default().push((ci, pi));
            }
        }
        for a in &c.alignments {
            if let (Some(pa), Some(pb)) = (c.passages.get(a.a), c.passages.get(a.b)) {
                if pa.doc < n_docs && pb.doc < n_docs {
                    spans[pa.doc].push(a.a_span);
                    spans[pb.doc].push(a.b_span);
                }
            }
        }
    }
    let mut stats: HashMap<(usize, CharSpan), SpanStats> = HashMap::new();
    let mut credits: HashMap<(usize, usize), Vec<FoundCredit>> = HashMap::new();
    for (d, list) in spans.iter_mut().enumerate() {
        if list.is_empty() {
            continue;
        }
        list.sort_unstable();
        list.dedup();
        let f = DocFeatures::new(texts[d]);
        for s in list.iter() {
            stats.insert((d, *s), span_stats(&f, *s));
        }
        let mentions: Vec<Mention> = names.credits(&f, doc_outlets[d]);
        if mentions.is_empty() {
            continue;
        }
        let owners = passages_of.get(&d).cloned().unwrap_or_default();
        let pspans: Vec<CharSpan> = owners
            .iter()
            .map(|&(ci, pi)| clusters[ci].passages[pi].span)
            .collect();
        for (slot, mi, placement) in assign(&f, &pspans, &mentions, opts.near_chars) {
            let m = &mentions[mi];
            credits.entry(owners[slot]).or_default().push(FoundCredit {
                outlet: m.outlet,
                span: m.phrase,
                text: f.slice(m.phrase).chars().take(200).collect(),
                cue: m.cue,
                placement,
            });
        }
    }

    // A copy split into several passages of one cluster in one document
    // (reordered paragraphs) shares its credits between them.
    for (ci, c) in clusters.iter().enumerate() {
        let mut by_doc: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (pi, p) in c.passages.iter().enumerate() {
            by_doc.entry(p.doc).or_default().push(pi);
        }
        for pis in by_doc.values().filter(|v| v.len() > 1) {
            let mut all: Vec<FoundCredit> = Vec::new();
            for &pi in pis {
                if let Some(v) = credits.get(&(ci, pi)) {
                    all.extend(
                        v.iter()
                            .filter(|k| k.placement != Placement::Inside)
                            .cloned(),
                    );
                }
            }
            if all.is_empty() {
                continue;
            }
            for &pi in pis {
                let v = credits.entry((ci, pi)).or_default();
                for k in &all {
                    if !v.iter().any(|x| x.span == k.span && x.outlet == k.outlet) {
                        v.push(k.clone());
                    }
                }
            }
        }
    }
    let empty = Vec::new();
    let out_clusters: Vec<ClusterProvenance> = clusters
        .iter()
        .enumerate()
        .map(|(ci, c)| {
            let cred = |pi: usize| credits.get(&(ci, pi)).unwrap_or(&empty);
            cluster_tree(c, n_docs, &times, &doc_outlets, &table, &stats, &cred, opts)
        })
        .collect();
    let outlet_stats = crate::stats::outlet_stats(
        &table.outlets,
        &doc_outlets,
        texts,
        &docs.iter().map(|d| d.n_chars).collect::<Vec<_>>(),
        &times,
        clusters,
        &out_clusters,
    );
    Provenance {
        outlets: table.outlets,
        doc_outlets,
        clusters: out_clusters,
        outlet_stats,
    }
}

#[allow(clippy::too_many_arguments)]
fn cluster_tree<'c>(
    c: &ClusterInput,
    n_docs: usize,
    times: &[Option<TimeRange>],
    doc_outlets: &[Option<usize>],
    table: &OutletTable,
    stats: &HashMap<(usize, CharSpan), SpanStats>,
    cred: &dyn Fn(usize) -> &'c Vec<FoundCredit>,
    opts: &Options,
) -> ClusterProvenance {
    let n = c.passages.len();
    let valid: Vec<bool> = c.passages.iter().map(|p| p.doc < n_docs).collect();
    let time = |i: usize| times.get(c.passages[i].doc).and_then(|t| t.as_ref());
    let outlet = |i: usize| doc_outlets.get(c.passages[i].doc).copied().flatten();
    // Credits near a passage (not inside it), as outlets.
    let credits_outlet = |i: usize, o: Option<usize>| -> bool {
        o.is_some_and(|o| {
            cred(i)
                .iter()
                .any(|k| k.outlet == o && k.placement != Placement::Inside)
        })
    };

    // Best alignment per pair, oriented (low, high).
    type Best = (f32, Vec<Evidence>, (CharSpan, CharSpan));
    let mut pair: BTreeMap<(usize, usize), Best> = BTreeMap::new();
    for a in &c.alignments {
        if a.a >= n || a.b >= n || a.a == a.b || !valid[a.a] || !valid[a.b] {
            continue;
        }
        let pa = &c.passages[a.a];
        let pb = &c.passages[a.b];
        let (Some(sa), Some(sb)) = (
            stats.get(&(pa.doc, a.a_span)),
            stats.get(&(pb.doc, a.b_span)),
        ) else {
            continue;
        };
        let sim = if a.score.is_finite() {
            a.score.clamp(0.0, 1.0)
        } else {
            0.0
        };
        let ev = text_direction(sa, sb);
        let (key, ev) = if a.a < a.b {
            ((a.a, a.b), ev)
        } else {
            ((a.b, a.a), negate(&ev))
        };
        // The best alignment of a pair (ties: the first by spans).
        let tie = (a.a_span.min(a.b_span), a.a_span.max(a.b_span));
        let e = pair.entry(key).or_insert((-1.0, Vec::new(), tie));
        if sim > e.0 || (sim == e.0 && tie < e.2) {
            *e = (sim, ev, tie);
        }
    }
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in pair.keys() {
        neighbours[a].push(b);
        neighbours[b].push(a);
    }
    // Evidence that i is earlier than j (text + credits), and similarity.
    let text_ev = |i: usize, j: usize| -> Option<(f32, Vec<Evidence>)> {
        let (key, flip) = if i < j {
            ((i, j), false)
        } else {
            ((j, i), true)
        };
        let (sim, ev, _) = pair.get(&key)?;
        let mut ev = if flip { negate(ev) } else { ev.clone() };
        if credits_outlet(j, outlet(i)) && outlet(i) != outlet(j) {
            ev.push(Evidence {
                kind: EvidenceKind::Credit,
                weight: W_CREDIT,
                detail: "the later side credits this outlet".to_string(),
            });
        }
        if credits_outlet(i, outlet(j)) && outlet(i) != outlet(j) {
            ev.push(Evidence {
                kind: EvidenceKind::Credit,
                weight: -W_CREDIT,
                detail: "this side credits the other's outlet".to_string(),
            });
        }
        Some((*sim, ev))
    };

    // Each passage votes for its most similar partner (an original is the
    // closest text to each of its direct copies).
    let mut votes = vec![0u32; n];
    for (i, nb) in neighbours.iter().enumerate() {
        let mut best: Option<(f32, usize)> = None;
        for &j in nb {
            let key = if i < j { (i, j) } else { (j, i) };
            if let Some((sim, _, _)) = pair.get(&key) {
                if best.is_none_or(|(b, bj)| *sim > b || (*sim == b && j < bj)) {
                    best = Some((*sim, j));
                }
            }
        }
        if let Some((_, j)) = best {
            votes[j] += 1;
        }
    }
    // Rank scores.
    let mut score = vec![0f32; n];
    let mut root_score = vec![f32::NEG_INFINITY; n];
    let mut p_first = vec![0f64; n];
    let pairwise = n <= opts.max_pairwise;
    for i in 0..n {
        if !valid[i] {
            score[i] = f32::NEG_INFINITY;
            continue;
        }
        // Text evidence, then time two ways: pairwise (orders the copies,
        // so that each parent ranks before its copies) and the chance of
        // being first (chooses the original).
        let mut s = 0.0;
        let mut pairwise_time = 0.0;
        if pairwise {
            for (j, &vj) in valid.iter().enumerate() {
                if j != i && vj && c.passages[j].doc != c.passages[i].doc {
                    pairwise_time += time_weight(compare(time(i), time(j)), time(i), time(j));
                }
            }
        } else {
            for &j in &neighbours[i] {
                pairwise_time += time_weight(compare(time(i), time(j)), time(i), time(j));
            }
        }
        let others: Vec<&TimeRange> = if pairwise {
            (0..n)
                .filter(|&j| j != i && valid[j] && c.passages[j].doc != c.passages[i].doc)
                .filter_map(time)
                .collect()
        } else {
            neighbours[i].iter().filter_map(|&j| time(j)).collect()
        };
        p_first[i] = match time(i) {
            Some(t) => p_earliest(t, &others),
            // Nothing known: first with the chance of any one of them.
            None => 1.0 / (others.len() + 1) as f64,
        };
        let first = W_FIRST * (p_first[i].max(P_FLOOR) as f32).ln();
        let mut central = 0.0;
        for &j in &neighbours[i] {
            if let Some((sim, ev)) = text_ev(i, j) {
                s += ev.iter().map(|e| e.weight).sum::<f32>();
                central += sim;
            }
        }
        let others = valid
            .iter()
            .filter(|&&v| v)
            .count()
            .saturating_sub(1)
            .max(1);
        s += W_CENTRAL * central / others as f32;
        s += W_VOTE * votes[i] as f32;
        score[i] = s + pairwise_time;
        root_score[i] = s + first;
    }
    let by_time = |a: usize, b: usize| {
        let ka = time(a).map_or(i64::MAX, |t| t.start);
        let kb = time(b).map_or(i64::MAX, |t| t.start);
        ka.cmp(&kb)
            .then_with(|| c.passages[a].cmp(&c.passages[b]))
            .then(a.cmp(&b))
    };
    let mut order: Vec<usize> = (0..n).filter(|&i| valid[i]).collect();
    order.sort_by(|&a, &b| {
        root_score[b]
            .total_cmp(&root_score[a])
            .then_with(|| by_time(a, b))
    });
    let runner_up = order.get(1).copied();
    if order.len() > 2 {
        order[1..].sort_by(|&a, &b| score[b].total_cmp(&score[a]).then_with(|| by_time(a, b)));
    }
    let mut rank = vec![usize::MAX; n];
    for (r, &i) in order.iter().enumerate() {
        rank[i] = r;
    }

    let mut nodes: Vec<Node> = (0..n)
        .map(|i| Node {
            passage: i,
            doc: c.passages[i].doc,
            span: c.passages[i].span,
            outlet: if valid[i] { outlet(i) } else { None },
            time: if valid[i] { time(i).copied() } else { None },
            parent: None,
            depth: 0,
            score: if score[i].is_finite() { score[i] } else { 0.0 },
            confidence: 0.0,
            evidence: Vec::new(),
            attribution: None,
        })
        .collect();
    let root = order.first().copied();
    let mut root_confidence = 0.0;
    let mut time_conflicts = 0;
    if let Some(r) = root {
        root_confidence = match runner_up {
            Some(r2) => sigmoid(root_score[r] - root_score[r2]),
            None => 1.0,
        };
        nodes[r].evidence.push(Evidence {
            kind: EvidenceKind::Centrality,
            weight: W_VOTE * votes[r] as f32,
            detail: format!("closest text of {} other passage(s)", votes[r]),
        });
        let runner = runner_up
            .map(|r2| {
                format!(
                    "; runner-up: passage {r2} (doc {}) with {:.2}",
                    c.passages[r2].doc, root_score[r2]
                )
            })
            .unwrap_or_default();
        nodes[r].confidence = root_confidence;
        nodes[r].evidence.push(Evidence {
            kind: EvidenceKind::Time,
            weight: W_FIRST * (p_first[r].max(P_FLOOR) as f32).ln(),
            detail: match time(r) {
                Some(_) => format!(
                    "published first among the dated passages with probability {:.2}",
                    p_first[r]
                ),
                None => "no date: as likely first as any other passage".to_string(),
            },
        });
        nodes[r].evidence.push(Evidence {
            kind: EvidenceKind::Rank,
            weight: root_score[r],
            detail: format!("rank score {:.2}{runner}", root_score[r]),
        });
        for &j in &neighbours[r] {
            if let Some((_, ev)) = text_ev(r, j) {
                for e in ev {
                    nodes[r].evidence.push(Evidence {
                        detail: format!("vs doc {}: {}", c.passages[j].doc, e.detail),
                        ..e
                    });
                }
            }
        }
    }

    // Parents.
    for &p in order.iter().skip(1) {
        let mut cands: Vec<(f32, usize, f32, f32, Vec<Evidence>)> = Vec::new();
        for &q in &neighbours[p] {
            if rank[q] >= rank[p] {
                continue;
            }
            let Some((sim, ev)) = text_ev(q, p) else {
                continue;
            };
            let to = compare(time(q), time(p));
            let tw = time_weight(to, time(q), time(p));
            let dir = tw + ev.iter().map(|e| e.weight).sum::<f32>();
            let mut ev = ev;
            ev.insert(
                0,
                Evidence {
                    kind: EvidenceKind::Time,
                    weight: tw,
                    detail: time_detail(to, time(q), time(p)),
                },
            );
            if to == TimeOrder::After {
                ev.push(Evidence {
                    kind: EvidenceKind::TimeConflict,
                    weight: -1.0,
                    detail: "the parent is dated after the copy".to_string(),
                });
            }
            // Similarity chooses the parent; direction evidence only vetoes
            // (an original carries more "original" marks than any copy, so
            // it must not attract every copy); a credit naming the
            // candidate's outlet counts for it.
            let credit: f32 = ev
                .iter()
                .filter(|e| e.kind == EvidenceKind::Credit)
                .map(|e| e.weight)
                .sum();
            let s = 2.0 * sim + 0.3 * (dir - credit).clamp(-4.0, 0.5) + 0.5 * credit;
            cands.push((s, q, sim, dir, ev));
        }
        cands.sort_by(|x, y| y.0.total_cmp(&x.0).then(rank[x.1].cmp(&rank[y.1])));
        let node_ev;
        let (parent, conf) = match cands.first() {
            Some((s, q, sim, dir, ev)) => {
                let z: f32 = cands.iter().map(|c| ((c.0 - s) / 0.25).exp()).sum();
                let mut ev = ev.clone();
                let second = cands
                    .get(1)
                    .map(|c| format!("; next best doc {} at {:.2}", c.1, c.2))
                    .unwrap_or_default();
                ev.push(Evidence {
                    kind: EvidenceKind::Similarity,
                    weight: *sim,
                    detail: format!("similarity {sim:.2}{second}"),
                });
                if ev.iter().any(|e| e.kind == EvidenceKind::TimeConflict) {
                    time_conflicts += 1;
                }
                node_ev = ev;
                (*q, sigmoid(*dir) / z)
            }
            None => {
                node_ev = vec![Evidence {
                    kind: EvidenceKind::NoAlignment,
                    weight: 0.0,
                    detail: "no alignment to a passage ranked earlier; attached to the root"
                        .to_string(),
                }];
                (root.unwrap_or(p), 0.0)
            }
        };
        nodes[p].parent = Some(parent);
        nodes[p].depth = nodes[parent].depth + 1;
        nodes[p].confidence = conf;
        nodes[p].evidence = node_ev;
    }

    // Attribution of every copy.
    for &p in order.iter().skip(1) {
        let own = outlet(p);
        let mut ancestors = Vec::new();
        let mut cur = nodes[p].parent;
        let mut steps = 0;
        while let Some(q) = cur {
            ancestors.push(q);
            cur = nodes[q].parent;
            steps += 1;
            if steps > n {
                break;
            }
        }
        let anc_outlets: Vec<usize> = ancestors.iter().filter_map(|&q| outlet(q)).collect();
        let inside_of = |q: usize| -> Vec<usize> {
            cred(q)
                .iter()
                .filter(|k| k.placement == Placement::Inside)
                .map(|k| k.outlet)
                .collect()
        };
        let mut inherited_from = inside_of(root.unwrap_or(p));
        if let Some(q) = nodes[p].parent {
            inherited_from.extend(inside_of(q));
        }
        let earlier_outlets: Vec<usize> = (0..n)
            .filter(|&q| {
                q != p
                    && valid[q]
                    && outlet(q) != own
                    && compare(time(q), time(p)) != TimeOrder::After
            })
            .filter_map(outlet)
            .collect();
        let mut credits = Vec::new();
        let mut inherited = Vec::new();
        for k in cred(p) {
            let cr = Credit {
                outlet: k.outlet,
                outlet_name: table
                    .outlets
                    .get(k.outlet)
                    .map(|o| o.name.clone())
                    .unwrap_or_default(),
                span: k.span,
                text: k.text.clone(),
                cue: k.cue,
                placement: k.placement,
                matches_source: anc_outlets.contains(&k.outlet)
                    || earlier_outlets.contains(&k.outlet),
            };
            if k.placement == Placement::Inside && inherited_from.contains(&k.outlet) {
                inherited.push(cr);
            } else {
                credits.push(cr);
            }
        }
        let parent_outlet = nodes[p].parent.and_then(outlet);
        // Republishing its own outlet's text: nothing to credit.
        let own_before = own.is_some() && own == parent_outlet;
        let status = if own_before {
            AttributionStatus::SameOutlet
        } else if credits.iter().chain(&inherited).any(|c| c.matches_source) {
            // A credit copied along with the text still names the source
            // to the copy's readers when it names an ancestor's outlet.
            AttributionStatus::Credited
        } else if !credits.is_empty() {
            AttributionStatus::CreditsOther
        } else {
            AttributionStatus::Unattributed
        };
        nodes[p].attribution = Some(Attribution {
            status,
            flagged: matches!(
                status,
                AttributionStatus::Unattributed | AttributionStatus::CreditsOther
            ),
            credits,
            inherited,
        });
    }
    for (i, v) in valid.iter().enumerate() {
        if !v {
            nodes[i].evidence.push(Evidence {
                kind: EvidenceKind::NoAlignment,
                weight: 0.0,
                detail: "the passage names a document that does not exist".to_string(),
            });
        }
    }
    ClusterProvenance {
        cluster: c.cluster,
        root,
        root_confidence,
        nodes,
        time_conflicts,
    }
}
