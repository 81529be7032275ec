//! Scores provenance against a truth (the generator's provenance truth
//! file): accuracy of the source choice and of the parents, and precision /
//! recall of the unattributed flag.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::{ClusterInput, Provenance};

/// One true copy of a family.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct CopyTruth {
    pub doc: String,
    /// Character span `[begin, end)` of the copy (hull of its pieces).
    pub span: [usize; 2],
    /// Document the copy was made from (the source or an earlier copy).
    pub parent: String,
    /// `correct`, `wrong`, `none` or `same_outlet`.
    pub credit: String,
    /// The outlet named by the credit, if any.
    #[serde(default)]
    pub credited: Option<String>,
    /// The copy credits the outlet it took the text from (or has the same
    /// outlet as its parent).
    pub attributed: bool,
}

/// The truth of one reuse family.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct FamilyTruth {
    pub family: u64,
    pub source: String,
    pub source_span: [usize; 2],
    pub copies: Vec<CopyTruth>,
}

/// Scores of [`evaluate_provenance`].
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct ProvenanceScores {
    pub families: usize,
    /// Families with a cluster holding their source and a copy.
    pub families_found: usize,
    pub source_correct: usize,
    /// Over the families found.
    pub source_accuracy: f64,
    pub copies: usize,
    pub copies_found: usize,
    pub parent_correct: usize,
    pub parent_accuracy: f64,
    /// The true parent is the predicted parent or one of its ancestors.
    pub parent_or_ancestor_accuracy: f64,
    /// Unattributed flag (flagged = uncredited or crediting someone else).
    pub flag_tp: usize,
    pub flag_fp: usize,
    pub flag_fn: usize,
    pub flag_precision: f64,
    pub flag_recall: f64,
    pub flag_f1: f64,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn overlaps(span: &echotrace_core::model::CharSpan, t: [usize; 2]) -> bool {
    span.begin.max(t[0]) < span.end.min(t[1])
}

/// Compares `prov` (computed from `clusters` over documents `doc_ids`)
/// with the truth. A family is matched to the cluster holding the most of
/// its members (passages overlapping the true spans).
pub fn evaluate_provenance(
    truth: &[FamilyTruth],
    doc_ids: &[String],
    clusters: &[ClusterInput],
    prov: &Provenance,
) -> ProvenanceScores {
    let index: HashMap<&str, usize> = doc_ids
        .iter()
        .enumerate()
        .map(|(i, d)| (d.as_str(), i))
        .collect();
    // Passages per document: (cluster, passage).
    let mut by_doc: HashMap<usize, Vec<(usize, usize)>> = HashMap::new();
    for (ci, c) in clusters.iter().enumerate() {
        for (pi, p) in c.passages.iter().enumerate() {
            by_doc.entry(p.doc).or_default().push((ci, pi));
        }
    }
    let find = |doc: &str, span: [usize; 2]| -> Vec<(usize, usize)> {
        let Some(&d) = index.get(doc) else {
            return Vec::new();
        };
        by_doc
            .get(&d)
            .map(|v| {
                v.iter()
                    .copied()
                    .filter(|&(ci, pi)| overlaps(&clusters[ci].passages[pi].span, span))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut s = ProvenanceScores {
        families: truth.len(),
        ..Default::default()
    };
    let mut ancestor_ok = 0;
    for fam in truth {
        s.copies += fam.copies.len();
        let src = find(&fam.source, fam.source_span);
        let mut votes: HashMap<usize, usize> = HashMap::new();
        for &(ci, _) in &src {
            *votes.entry(ci).or_default() += 1;
        }
        for c in &fam.copies {
            for (ci, _) in find(&c.doc, c.span) {
                *votes.entry(ci).or_default() += 1;
            }
        }
        let Some((&ci, _)) = votes
            .iter()
            .filter(|(ci, _)| src.iter().any(|(x, _)| x == *ci))
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        else {
            continue;
        };
        if votes[&ci] < 2 {
            continue;
        }
        s.families_found += 1;
        let cp = &prov.clusters[ci];
        let doc_of = |pi: usize| {
            doc_ids
                .get(clusters[ci].passages[pi].doc)
                .map(String::as_str)
        };
        if let Some(r) = cp.root {
            if doc_of(r) == Some(fam.source.as_str())
                && overlaps(&clusters[ci].passages[r].span, fam.source_span)
            {
                s.source_correct += 1;
            }
        }
        for c in &fam.copies {
            let Some(&(_, pi)) = find(&c.doc, c.span).iter().find(|(x, _)| *x == ci) else {
                continue;
            };
            s.copies_found += 1;
            let node = &cp.nodes[pi];
            let parent_doc = node.parent.and_then(doc_of);
            if parent_doc == Some(c.parent.as_str()) {
                s.parent_correct += 1;
            }
            let mut cur = node.parent;
            let mut steps = 0;
            while let Some(q) = cur {
                if doc_of(q) == Some(c.parent.as_str()) {
                    ancestor_ok += 1;
                    break;
                }
                cur = cp.nodes[q].parent;
                steps += 1;
                if steps > cp.nodes.len() {
                    break;
                }
            }
            let truly = !c.attributed;
            let pred = node.attribution.as_ref().is_some_and(|a| a.flagged);
            match (truly, pred) {
                (true, true) => s.flag_tp += 1,
                (false, true) => s.flag_fp += 1,
                (true, false) => s.flag_fn += 1,
                _ => {}
            }
        }
    }
    s.source_accuracy = ratio(s.source_correct, s.families_found);
    s.parent_accuracy = ratio(s.parent_correct, s.copies_found);
    s.parent_or_ancestor_accuracy = ratio(ancestor_ok, s.copies_found);
    s.flag_precision = ratio(s.flag_tp, s.flag_tp + s.flag_fp);
    s.flag_recall = ratio(s.flag_tp, s.flag_tp + s.flag_fn);
    s.flag_f1 = ratio(2 * s.flag_tp, 2 * s.flag_tp + s.flag_fp + s.flag_fn);
    s
}

/// One true aligned pair of a family, with documents as corpus indices.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct TruthLink {
    pub family: u64,
    pub doc_a: usize,
    pub a: echotrace_core::model::CharSpan,
    pub doc_b: usize,
    pub b: echotrace_core::model::CharSpan,
}

/// Oracle clusters: one per family, a passage per document (the hull of
/// the family's spans in it), the true pairs as alignments scored with
/// [`crate::word_similarity`]. Sorted by family.
pub fn oracle_clusters(links: &[TruthLink], texts: &[&str]) -> Vec<ClusterInput> {
    use std::collections::BTreeMap;
    let mut fams: BTreeMap<u64, Vec<&TruthLink>> = BTreeMap::new();
    for l in links {
        if l.doc_a < texts.len() && l.doc_b < texts.len() {
            fams.entry(l.family).or_default().push(l);
        }
    }
    fams.into_iter()
        .map(|(family, ls)| {
            let mut hull: BTreeMap<usize, echotrace_core::model::CharSpan> = BTreeMap::new();
            for l in &ls {
                for (d, s) in [(l.doc_a, l.a), (l.doc_b, l.b)] {
                    let h = hull.entry(d).or_insert(s);
                    h.begin = h.begin.min(s.begin);
                    h.end = h.end.max(s.end);
                }
            }
            let docs: Vec<usize> = hull.keys().copied().collect();
            let passages = hull
                .iter()
                .map(|(&doc, &span)| crate::PassageRef { doc, span })
                .collect();
            let alignments = ls
                .iter()
                .filter_map(|l| {
                    let a = docs.binary_search(&l.doc_a).ok()?;
                    let b = docs.binary_search(&l.doc_b).ok()?;
                    let (m, score) =
                        crate::word_similarity(texts[l.doc_a], l.a, texts[l.doc_b], l.b);
                    Some(crate::AlignRef {
                        a,
                        b,
                        a_span: l.a,
                        b_span: l.b,
                        matched_words: m,
                        score,
                    })
                })
                .collect();
            ClusterInput {
                cluster: family,
                passages,
                alignments,
            }
        })
        .collect()
}
