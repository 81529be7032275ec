//! Evaluation of detected text reuse against a truth: passage-level
//! precision/recall/F1, character-level PlagDet as defined for the PAN text
//! alignment task, and pairwise cluster precision/recall/F1.
//!
//! Truth and detections are pairs of character spans (half-open, in Unicode
//! scalar values) in two documents. Pairs are unordered: `(a, b)` and
//! `(b, a)` denote the same pair, and every measure below compares the sides
//! of a detection with the sides of a truth pair in the orientation where the
//! documents agree (both orientations are tried when a pair lies within a
//! single document).

use std::collections::HashMap;
use std::fmt;
use std::io::{BufRead, BufReader};
use std::path::Path;

use anyhow::Context;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// A half-open character span `[begin, end)` in one document.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Hash)]
pub struct SpanRef {
    pub doc: String,
    pub begin: usize,
    pub end: usize,
}

impl SpanRef {
    pub fn new(doc: impl Into<String>, begin: usize, end: usize) -> Self {
        SpanRef {
            doc: doc.into(),
            begin,
            end,
        }
    }

    /// Number of characters in the span.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.begin)
    }

    pub fn is_empty(&self) -> bool {
        self.end <= self.begin
    }

    /// Characters shared with `other` (0 when in different documents).
    pub fn overlap(&self, other: &SpanRef) -> usize {
        if self.doc != other.doc {
            return 0;
        }
        self.end
            .min(other.end)
            .saturating_sub(self.begin.max(other.begin))
    }
}

/// One true aligned pair of spans. `a` is the earlier side (the source, or
/// the earlier copy); `family` groups all the pairs made of one source
/// passage and its copies.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct TruthPair {
    pub family: u64,
    pub a: SpanRef,
    pub b: SpanRef,
}

/// One detected aligned pair of spans, optionally with the id of the reuse
/// cluster the detector put both sides in.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Detection {
    pub a: SpanRef,
    pub b: SpanRef,
    #[serde(default)]
    pub cluster: Option<u64>,
}

/// Passage-level scores.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct PassageScores {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Detections that match at least one truth pair.
    pub tp: usize,
    /// Detections that match no truth pair.
    pub fp: usize,
    /// Truth pairs matched by no detection.
    #[serde(rename = "fn")]
    pub fn_: usize,
    pub detections: usize,
    pub truth: usize,
}

/// Character-level PAN scores.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct PlagDetScores {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub granularity: f64,
    pub plagdet: f64,
    /// Cases detected by at least one detection.
    pub detected_cases: usize,
    pub cases: usize,
    pub detections: usize,
}

/// Pairwise cluster scores over detected passages.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct ClusterScores {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Distinct detected passages.
    pub passages: usize,
    /// Passages mapped to a truth family.
    pub mapped_passages: usize,
    /// Distinct clusters among the passages.
    pub clusters: usize,
    /// Passage pairs in the same cluster.
    pub predicted_pairs: u64,
    /// Passage pairs in the same family.
    pub true_pairs: u64,
    /// Passage pairs in the same cluster and the same family.
    pub common_pairs: u64,
}

/// All measures.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct EvalReport {
    pub passage: PassageScores,
    pub plagdet: PlagDetScores,
    pub cluster: ClusterScores,
}

impl fmt::Display for EvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = &self.passage;
        writeln!(
            f,
            "passage   P {:.4}  R {:.4}  F1 {:.4}  (tp {}, fp {}, fn {}; {} detections, {} truth pairs)",
            p.precision, p.recall, p.f1, p.tp, p.fp, p.fn_, p.detections, p.truth
        )?;
        let d = &self.plagdet;
        writeln!(
            f,
            "plagdet   P {:.4}  R {:.4}  F1 {:.4}  granularity {:.4}  PlagDet {:.4}  ({} of {} cases detected)",
            d.precision, d.recall, d.f1, d.granularity, d.plagdet, d.detected_cases, d.cases
        )?;
        let c = &self.cluster;
        write!(
            f,
            "cluster   P {:.4}  R {:.4}  F1 {:.4}  ({} passages, {} mapped to families, {} clusters)",
            c.precision, c.recall, c.f1, c.passages, c.mapped_passages, c.clusters
        )
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// `num / den`, with the PAN convention for empty sets: 1 when both the
/// scored set and the reference set are empty, 0 when only one is.
fn ratio(num: usize, den: usize, other_empty: bool) -> f64 {
    match (den, other_empty) {
        (0, true) => 1.0,
        (0, false) => 0.0,
        (_, true) => 0.0,
        _ => num as f64 / den as f64,
    }
}

/// Unordered key of a pair's two documents.
fn doc_key<'a>(a: &'a SpanRef, b: &'a SpanRef) -> (&'a str, &'a str) {
    if a.doc <= b.doc {
        (&a.doc, &b.doc)
    } else {
        (&b.doc, &a.doc)
    }
}

/// Whether `pred` holds side by side for the two pairs in some orientation
/// (sides must be in the same documents).
fn sides<F: Fn(&SpanRef, &SpanRef) -> bool>(
    x: (&SpanRef, &SpanRef),
    y: (&SpanRef, &SpanRef),
    pred: F,
) -> bool {
    (x.0.doc == y.0.doc && x.1.doc == y.1.doc && pred(x.0, y.0) && pred(x.1, y.1))
        || (x.0.doc == y.1.doc && x.1.doc == y.0.doc && pred(x.0, y.1) && pred(x.1, y.0))
}

/// Passage-level match: two spans in the same document that share at least
/// half of the shorter one's characters (and at least one character).
pub fn spans_match(x: &SpanRef, y: &SpanRef) -> bool {
    let o = x.overlap(y);
    o > 0 && 2 * o >= x.len().min(y.len())
}

/// Evaluates detections against the truth.
///
/// **Passage level.** A detection *matches* a truth pair when both concern
/// the same two documents and, side by side (in the orientation where the
/// documents agree), each detected span overlaps the truth span by at least
/// 50% of the shorter of the two spans ([`spans_match`]). Precision = matched
/// detections / detections; recall = truth pairs matched by at least one
/// detection / truth pairs; F1 their harmonic mean. With no detections (or no
/// truth) both are 0, and 1 when both are empty.
///
/// **PlagDet** (Potthast, Stein, Barrón-Cedeño, Rosso 2010, "An evaluation
/// framework for plagiarism detection"). Each truth pair is a case `s` and
/// each detection an `r`, both seen as sets of characters `(document,
/// offset)` over their two sides. `r` *detects* `s` when they overlap on both
/// sides (same documents). With `s ⊓ r = s ∩ r` if `r` detects `s`, else ∅:
///
/// * `prec(S, R) = 1/|R| · Σ_r |⋃_s (s ⊓ r)| / |r|`
/// * `rec(S, R)  = 1/|S| · Σ_s |⋃_r (s ⊓ r)| / |s|`
/// * `gran(S, R) = 1/|S_R| · Σ_{s ∈ S_R} |R_s|`, where `S_R` are the cases
///   detected by some detection and `R_s` the detections detecting `s`
///   (1 when no case is detected)
/// * `plagdet = F1(prec, rec) / log2(1 + gran)`
///
/// Empty sets follow the PAN evaluation script: precision and recall are 1
/// when there are neither cases nor detections and 0 when only one is empty.
///
/// **Clusters.** Each side of a detection is a passage `(doc, begin, end)`
/// belonging to the detection's `cluster` (a detection without a cluster
/// forms a cluster of its own); identical passages in one cluster count
/// once. Each passage is mapped to the truth family whose spans in that
/// document cover most of its characters, provided they cover at least 50%
/// of it; unmapped passages are singletons. Pairwise precision = passage
/// pairs in the same cluster and the same family / pairs in the same
/// cluster; recall = the same / pairs in the same family; each is 1 when its
/// denominator is 0.
pub fn evaluate(truth: &[TruthPair], detections: &[Detection]) -> EvalReport {
    EvalReport {
        passage: passage_scores(truth, detections),
        plagdet: plagdet_scores(truth, detections),
        cluster: cluster_scores(truth, detections),
    }
}

fn group_truth(truth: &[TruthPair]) -> HashMap<(&str, &str), Vec<usize>> {
    let mut by_docs: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (i, t) in truth.iter().enumerate() {
        by_docs.entry(doc_key(&t.a, &t.b)).or_default().push(i);
    }
    by_docs
}

fn passage_scores(truth: &[TruthPair], detections: &[Detection]) -> PassageScores {
    let by_docs = group_truth(truth);
    let mut truth_hit = vec![false; truth.len()];
    let mut tp = 0;
    for d in detections {
        let mut hit = false;
        if let Some(ts) = by_docs.get(&doc_key(&d.a, &d.b)) {
            for &ti in ts {
                let t = &truth[ti];
                if sides((&d.a, &d.b), (&t.a, &t.b), spans_match) {
                    hit = true;
                    truth_hit[ti] = true;
                }
            }
        }
        tp += hit as usize;
    }
    let matched_truth = truth_hit.iter().filter(|&&h| h).count();
    let precision = ratio(tp, detections.len(), truth.is_empty());
    let recall = ratio(matched_truth, truth.len(), detections.is_empty());
    PassageScores {
        precision,
        recall,
        f1: f1(precision, recall),
        tp,
        fp: detections.len() - tp,
        fn_: truth.len() - matched_truth,
        detections: detections.len(),
        truth: truth.len(),
    }
}

/// Total length of the union of intervals, per document.
fn union_len(mut parts: Vec<(&str, usize, usize)>) -> usize {
    parts.retain(|p| p.2 > p.1);
    parts.sort_unstable();
    let mut total = 0;
    let mut cur: Option<(&str, usize, usize)> = None;
    for (d, b, e) in parts {
        match cur {
            Some((cd, cb, ce)) if cd == d && b <= ce => cur = Some((cd, cb, ce.max(e))),
            _ => {
                if let Some((_, cb, ce)) = cur {
                    total += ce - cb;
                }
                cur = Some((d, b, e));
            }
        }
    }
    if let Some((_, cb, ce)) = cur {
        total += ce - cb;
    }
    total
}

/// Size of a pair as a character set.
fn pair_len(a: &SpanRef, b: &SpanRef) -> usize {
    union_len(vec![(&a.doc, a.begin, a.end), (&b.doc, b.begin, b.end)])
}

fn clip<'a>(x: &'a SpanRef, y: &SpanRef) -> Option<(&'a str, usize, usize)> {
    if x.doc != y.doc {
        return None;
    }
    let b = x.begin.max(y.begin);
    let e = x.end.min(y.end);
    (e > b).then_some((x.doc.as_str(), b, e))
}

/// `Σ_x |⋃_{y detects x} (x ∩ y)| / |x|` over the pairs `xs`, plus the
/// number of `ys` detecting each `x`.
fn macro_coverage(xs: &[(&SpanRef, &SpanRef)], ys: &[(&SpanRef, &SpanRef)]) -> (f64, Vec<usize>) {
    let overlaps = |s: &SpanRef, r: &SpanRef| s.overlap(r) > 0;
    let mut by_docs: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (i, y) in ys.iter().enumerate() {
        by_docs.entry(doc_key(y.0, y.1)).or_default().push(i);
    }
    let mut sum = 0.0;
    let mut counts = Vec::with_capacity(xs.len());
    for x in xs {
        let mut parts = Vec::new();
        let mut n = 0;
        if let Some(cands) = by_docs.get(&doc_key(x.0, x.1)) {
            for &yi in cands {
                let y = ys[yi];
                if sides(*x, y, overlaps) {
                    n += 1;
                    for xs_side in [x.0, x.1] {
                        for ys_side in [y.0, y.1] {
                            parts.extend(clip(xs_side, ys_side));
                        }
                    }
                }
            }
        }
        let len = pair_len(x.0, x.1);
        if len > 0 {
            sum += union_len(parts) as f64 / len as f64;
        }
        counts.push(n);
    }
    (sum, counts)
}

fn plagdet_scores(truth: &[TruthPair], detections: &[Detection]) -> PlagDetScores {
    let cases: Vec<(&SpanRef, &SpanRef)> = truth.iter().map(|t| (&t.a, &t.b)).collect();
    let dets: Vec<(&SpanRef, &SpanRef)> = detections.iter().map(|d| (&d.a, &d.b)).collect();
    let (rec_sum, per_case) = macro_coverage(&cases, &dets);
    let (prec_sum, _) = macro_coverage(&dets, &cases);
    let (precision, recall) = match (cases.is_empty(), dets.is_empty()) {
        (true, true) => (1.0, 1.0),
        (true, false) | (false, true) => (0.0, 0.0),
        _ => (prec_sum / dets.len() as f64, rec_sum / cases.len() as f64),
    };
    let detected: Vec<usize> = per_case.into_iter().filter(|&n| n > 0).collect();
    let granularity = if detected.is_empty() {
        1.0
    } else {
        detected.iter().sum::<usize>() as f64 / detected.len() as f64
    };
    let f = f1(precision, recall);
    PlagDetScores {
        precision,
        recall,
        f1: f,
        granularity,
        plagdet: f / (1.0 + granularity).log2(),
        detected_cases: detected.len(),
        cases: cases.len(),
        detections: dets.len(),
    }
}

fn pairs_of(n: u64) -> u64 {
    n * n.saturating_sub(1) / 2
}

fn cluster_scores(truth: &[TruthPair], detections: &[Detection]) -> ClusterScores {
    // Truth spans per document: (begin, end, family).
    let mut spans: HashMap<&str, Vec<(usize, usize, u64)>> = HashMap::new();
    for t in truth {
        for s in [&t.a, &t.b] {
            spans
                .entry(s.doc.as_str())
                .or_default()
                .push((s.begin, s.end, t.family));
        }
    }
    for v in spans.values_mut() {
        v.sort_unstable();
        v.dedup();
    }

    // Distinct passages per cluster. A detection without a cluster gets its
    // own cluster key beyond the range of the given ids.
    #[derive(PartialEq, Eq, Hash, Clone, Copy, PartialOrd, Ord)]
    enum Key {
        Given(u64),
        Own(usize),
    }
    let mut passages: Vec<(Key, &SpanRef)> = Vec::new();
    for (i, d) in detections.iter().enumerate() {
        let key = d.cluster.map_or(Key::Own(i), Key::Given);
        passages.push((key, &d.a));
        passages.push((key, &d.b));
    }
    passages.sort_by(|x, y| {
        (x.0, &x.1.doc, x.1.begin, x.1.end).cmp(&(y.0, &y.1.doc, y.1.begin, y.1.end))
    });
    passages.dedup_by(|x, y| x.0 == y.0 && x.1 == y.1);

    #[derive(PartialEq, Eq, Hash, Clone, Copy)]
    enum Class {
        Family(u64),
        Alone(usize),
    }
    let mut mapped = 0;
    let mut cells: HashMap<(Key, Class), u64> = HashMap::new();
    let mut by_cluster: HashMap<Key, u64> = HashMap::new();
    let mut by_class: HashMap<Class, u64> = HashMap::new();
    for (pi, (key, p)) in passages.iter().enumerate() {
        let mut best: Option<(usize, u64)> = None;
        if let Some(v) = spans.get(p.doc.as_str()) {
            let mut per_family: HashMap<u64, Vec<(&str, usize, usize)>> = HashMap::new();
            for &(b, e, fam) in v {
                if b >= p.end {
                    break;
                }
                let (cb, ce) = (b.max(p.begin), e.min(p.end));
                if ce > cb {
                    per_family.entry(fam).or_default().push(("", cb, ce));
                }
            }
            for (fam, parts) in per_family {
                let cov = union_len(parts);
                let better = match best {
                    None => true,
                    Some((bc, bf)) => cov > bc || (cov == bc && fam < bf),
                };
                if better {
                    best = Some((cov, fam));
                }
            }
        }
        let class = match best {
            Some((cov, fam)) if cov > 0 && 2 * cov >= p.len() => {
                mapped += 1;
                Class::Family(fam)
            }
            _ => Class::Alone(pi),
        };
        *cells.entry((*key, class)).or_default() += 1;
        *by_cluster.entry(*key).or_default() += 1;
        *by_class.entry(class).or_default() += 1;
    }
    let common: u64 = cells.values().map(|&n| pairs_of(n)).sum();
    let predicted: u64 = by_cluster.values().map(|&n| pairs_of(n)).sum();
    let true_pairs: u64 = by_class.values().map(|&n| pairs_of(n)).sum();
    let precision = if predicted == 0 {
        1.0
    } else {
        common as f64 / predicted as f64
    };
    let recall = if true_pairs == 0 {
        1.0
    } else {
        common as f64 / true_pairs as f64
    };
    ClusterScores {
        precision,
        recall,
        f1: f1(precision, recall),
        passages: passages.len(),
        mapped_passages: mapped,
        clusters: by_cluster.len(),
        predicted_pairs: predicted,
        true_pairs,
        common_pairs: common,
    }
}

fn read_jsonl<T: DeserializeOwned>(path: &Path) -> anyhow::Result<Vec<T>> {
    let f = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut out = Vec::new();
    for (i, line) in BufReader::new(f).lines().enumerate() {
        let line = line.with_context(|| format!("reading {}", path.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        out.push(
            serde_json::from_str(&line)
                .with_context(|| format!("{}:{}: invalid record", path.display(), i + 1))?,
        );
    }
    Ok(out)
}

/// Reads truth pairs (JSON lines of [`TruthPair`]).
pub fn read_truth(path: impl AsRef<Path>) -> anyhow::Result<Vec<TruthPair>> {
    read_jsonl(path.as_ref())
}

/// Reads detections (JSON lines of [`Detection`]; other fields are ignored).
pub fn read_detections(path: impl AsRef<Path>) -> anyhow::Result<Vec<Detection>> {
    read_jsonl(path.as_ref())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(doc: &str, b: usize, e: usize) -> SpanRef {
        SpanRef::new(doc, b, e)
    }
    fn t(family: u64, a: SpanRef, b: SpanRef) -> TruthPair {
        TruthPair { family, a, b }
    }
    fn d(a: SpanRef, b: SpanRef, cluster: Option<u64>) -> Detection {
        Detection { a, b, cluster }
    }
    fn close(x: f64, y: f64) -> bool {
        (x - y).abs() < 1e-9
    }

    #[test]
    fn union_length() {
        assert_eq!(
            union_len(vec![("a", 0, 10), ("a", 5, 15), ("b", 0, 10)]),
            25
        );
        assert_eq!(union_len(vec![("a", 0, 10), ("a", 10, 12)]), 12);
        assert_eq!(union_len(vec![]), 0);
    }

    #[test]
    fn perfect_detection_scores_one_everywhere() {
        let truth = vec![
            t(0, s("x", 0, 100), s("y", 50, 150)),
            t(0, s("x", 0, 100), s("z", 10, 110)),
            t(0, s("y", 50, 150), s("z", 10, 110)),
            t(1, s("x", 200, 260), s("w", 0, 60)),
        ];
        // Same pairs, some reversed, with clusters.
        let dets = vec![
            d(s("y", 50, 150), s("x", 0, 100), Some(7)),
            d(s("x", 0, 100), s("z", 10, 110), Some(7)),
            d(s("z", 10, 110), s("y", 50, 150), Some(7)),
            d(s("x", 200, 260), s("w", 0, 60), Some(9)),
        ];
        let r = evaluate(&truth, &dets);
        assert_eq!(r.passage.tp, 4);
        assert!(close(r.passage.f1, 1.0));
        assert!(close(r.plagdet.precision, 1.0));
        assert!(close(r.plagdet.recall, 1.0));
        assert!(close(r.plagdet.granularity, 1.0));
        assert!(close(r.plagdet.plagdet, 1.0));
        assert!(close(r.cluster.precision, 1.0));
        assert!(close(r.cluster.recall, 1.0));
        assert_eq!(r.cluster.passages, 5);
        assert_eq!(r.cluster.mapped_passages, 5);
    }

    #[test]
    fn half_detection() {
        // Case: x[0,100) ~ y[0,100). Detection covers the first half on both
        // sides.
        let truth = vec![t(0, s("x", 0, 100), s("y", 0, 100))];
        let dets = vec![d(s("x", 0, 50), s("y", 0, 50), None)];
        let r = evaluate(&truth, &dets);
        // Passage level: overlap 50 ≥ half of the shorter span (25).
        assert_eq!((r.passage.tp, r.passage.fp, r.passage.fn_), (1, 0, 0));
        // PlagDet: |s ∩ r| = 100 of |s| = 200; precision 100/100.
        assert!(close(r.plagdet.recall, 0.5));
        assert!(close(r.plagdet.precision, 1.0));
        assert!(close(r.plagdet.f1, 2.0 / 3.0));
        assert!(close(r.plagdet.plagdet, 2.0 / 3.0));

        // One of two cases detected: passage recall 1/2.
        let truth2 = vec![
            t(0, s("x", 0, 100), s("y", 0, 100)),
            t(1, s("x", 500, 600), s("z", 0, 100)),
        ];
        let dets2 = vec![d(s("x", 0, 100), s("y", 0, 100), None)];
        let r2 = evaluate(&truth2, &dets2);
        assert!(close(r2.passage.recall, 0.5));
        assert!(close(r2.passage.precision, 1.0));
        assert!(close(r2.plagdet.recall, 0.5));
        assert_eq!(r2.plagdet.detected_cases, 1);
    }

    #[test]
    fn split_detection_has_granularity_two() {
        let truth = vec![t(0, s("x", 0, 100), s("y", 0, 100))];
        let dets = vec![
            d(s("x", 0, 50), s("y", 0, 50), Some(1)),
            d(s("x", 50, 100), s("y", 50, 100), Some(1)),
        ];
        let r = evaluate(&truth, &dets);
        assert!(close(r.plagdet.recall, 1.0));
        assert!(close(r.plagdet.precision, 1.0));
        assert!(close(r.plagdet.granularity, 2.0));
        // 1 / log2(3)
        assert!(close(r.plagdet.plagdet, 1.0 / 3f64.log2()));
        // Passage level: each half overlaps the truth by 50 = half of... the
        // shorter span is the detection (50): both match.
        assert_eq!(r.passage.tp, 2);
        assert!(close(r.passage.recall, 1.0));
    }

    #[test]
    fn hand_computed_plagdet_with_a_false_positive_and_partial_overlap() {
        // Case s: x[0,100) ~ y[0,100), |s| = 200.
        // r1: x[50,150) ~ y[0,100): s ∩ r1 = 50 + 100 = 150, |r1| = 200.
        // r2: x[300,400) ~ y[300,400): detects nothing.
        let truth = vec![t(0, s("x", 0, 100), s("y", 0, 100))];
        let dets = vec![
            d(s("x", 50, 150), s("y", 0, 100), None),
            d(s("x", 300, 400), s("y", 300, 400), None),
        ];
        let r = evaluate(&truth, &dets);
        assert!(close(r.plagdet.recall, 0.75));
        // (150/200 + 0) / 2
        assert!(close(r.plagdet.precision, 0.375));
        assert!(close(r.plagdet.granularity, 1.0));
        let f = 2.0 * 0.75 * 0.375 / (0.75 + 0.375);
        assert!(close(r.plagdet.f1, f));
        assert!(close(r.plagdet.plagdet, f));
        assert_eq!((r.passage.tp, r.passage.fp), (1, 1));
        assert!(close(r.passage.precision, 0.5));
    }

    #[test]
    fn passage_match_needs_half_of_the_shorter_span_on_both_sides() {
        let truth = vec![t(0, s("x", 0, 100), s("y", 0, 100))];
        // Overlap 40 on side x (< 50), full on y: no match.
        let r = evaluate(&truth, &[d(s("x", 60, 160), s("y", 0, 100), None)]);
        assert_eq!(r.passage.tp, 0);
        // A short detection inside the span matches (shorter = 20).
        let r = evaluate(&truth, &[d(s("x", 10, 30), s("y", 10, 30), None)]);
        assert_eq!(r.passage.tp, 1);
        // Right spans, wrong document.
        let r = evaluate(&truth, &[d(s("x", 0, 100), s("z", 0, 100), None)]);
        assert_eq!(r.passage.tp, 0);
        assert!(close(r.plagdet.precision, 0.0));
    }

    #[test]
    fn wrong_cluster_merge_lowers_cluster_precision() {
        let truth = vec![
            t(0, s("a", 0, 100), s("b", 0, 100)),
            t(1, s("c", 0, 100), s("d", 0, 100)),
        ];
        let good = vec![
            d(s("a", 0, 100), s("b", 0, 100), Some(1)),
            d(s("c", 0, 100), s("d", 0, 100), Some(2)),
        ];
        let merged = vec![
            d(s("a", 0, 100), s("b", 0, 100), Some(1)),
            d(s("c", 0, 100), s("d", 0, 100), Some(1)),
        ];
        let split = vec![
            d(s("a", 0, 100), s("b", 0, 100), Some(1)),
            d(s("c", 0, 100), s("d", 0, 100), Some(2)),
            d(s("a", 0, 100), s("b", 2, 98), Some(3)),
        ];
        let rg = evaluate(&truth, &good).cluster;
        assert!(close(rg.precision, 1.0) && close(rg.recall, 1.0));
        let rm = evaluate(&truth, &merged).cluster;
        // 6 pairs among 4 passages in one cluster, 2 of them true.
        assert_eq!((rm.predicted_pairs, rm.common_pairs), (6, 2));
        assert!(close(rm.precision, 1.0 / 3.0));
        assert!(close(rm.recall, 1.0));
        let rs = evaluate(&truth, &split).cluster;
        // Passages: a, b, c, d, a', b' → family 0 has 4 passages = 6 pairs,
        // of which the clusters keep (a,b) and (a',b').
        assert_eq!(rs.true_pairs, 7);
        assert_eq!(rs.common_pairs, 3);
        assert!(close(rs.precision, 1.0));
        assert!(rs.recall < 0.5);
    }

    #[test]
    fn unmapped_passages_are_singletons() {
        let truth = vec![t(0, s("a", 0, 100), s("b", 0, 100))];
        // Two false passages put in the family's cluster.
        let dets = vec![
            d(s("a", 0, 100), s("b", 0, 100), Some(5)),
            d(s("a", 500, 600), s("e", 0, 100), Some(5)),
        ];
        let c = evaluate(&truth, &dets).cluster;
        assert_eq!(c.mapped_passages, 2);
        assert_eq!((c.predicted_pairs, c.true_pairs, c.common_pairs), (6, 1, 1));
        assert!(close(c.precision, 1.0 / 6.0));
    }

    #[test]
    fn empty_inputs_follow_the_pan_conventions() {
        let r = evaluate(&[], &[]);
        assert!(close(r.passage.f1, 1.0) && close(r.plagdet.plagdet, 1.0));
        let truth = vec![t(0, s("a", 0, 10), s("b", 0, 10))];
        let r = evaluate(&truth, &[]);
        assert!(close(r.passage.recall, 0.0) && close(r.plagdet.plagdet, 0.0));
        let r = evaluate(&[], &[d(s("a", 0, 10), s("b", 0, 10), None)]);
        assert!(close(r.passage.precision, 0.0) && close(r.plagdet.precision, 0.0));
    }

    #[test]
    fn json_lines_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("det.jsonl");
        std::fs::write(
            &p,
            "{\"a\":{\"doc\":\"x\",\"begin\":1,\"end\":5},\"b\":{\"doc\":\"y\",\"begin\":2,\"end\":6},\"score\":3.5}\n\n{\"a\":{\"doc\":\"x\",\"begin\":1,\"end\":5},\"b\":{\"doc\":\"y\",\"begin\":2,\"end\":6},\"cluster\":4}\n",
        )
        .unwrap();
        let dets = read_detections(&p).unwrap();
        assert_eq!(dets.len(), 2);
        assert_eq!(dets[0].cluster, None);
        assert_eq!(dets[1].cluster, Some(4));
        let tp = dir.path().join("truth.jsonl");
        let pair = t(3, s("x", 1, 5), s("y", 2, 6));
        std::fs::write(&tp, serde_json::to_string(&pair).unwrap() + "\n").unwrap();
        assert_eq!(read_truth(&tp).unwrap(), vec![pair]);
        std::fs::write(&tp, "{not json}\n").unwrap();
        let err = read_truth(&tp).unwrap_err();
        assert!(format!("{err:#}").contains(":1:"), "{err:#}");
    }
}
