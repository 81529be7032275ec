//! Clusters for [`crate::analyse`] built from plain pairwise alignments (as
//! the core aligner or a truth file gives them), with the core clustering
//! rule; and a word similarity for alignments that come without a score.

use std::collections::HashMap;

use echotrace_core::cluster::{cluster, Link, Side};
use echotrace_core::model::CharSpan;
use echotrace_core::normalise::{slice_chars, tokenize};
use serde::{Deserialize, Serialize};

use crate::{AlignRef, ClusterInput, PassageRef};

/// One aligned pair of spans in two documents (indices into the corpus).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
pub struct Alignment {
    pub doc_a: usize,
    pub a: CharSpan,
    pub doc_b: usize,
    pub b: CharSpan,
    pub matched_words: u32,
    pub score: f32,
}

/// Groups alignments into clusters of passages (the core clustering:
/// spans covering mostly the same stretch of a document are one passage;
/// clusters are connected components). Deterministic.
pub fn clusters_from_alignments(alignments: &[Alignment]) -> Vec<ClusterInput> {
    let links: Vec<Link> = alignments
        .iter()
        .map(|a| Link {
            a: Side {
                doc: u32::try_from(a.doc_a).unwrap_or(u32::MAX),
                span: a.a,
            },
            b: Side {
                doc: u32::try_from(a.doc_b).unwrap_or(u32::MAX),
                span: a.b,
            },
        })
        .collect();
    let cl = cluster(&links);
    let mut out: Vec<ClusterInput> = (0..cl.clusters)
        .map(|k| ClusterInput {
            cluster: u64::from(k),
            ..Default::default()
        })
        .collect();
    // Passage index within its cluster.
    let mut local = vec![0usize; cl.passages.len()];
    for (gi, p) in cl.passages.iter().enumerate() {
        let c = &mut out[p.cluster as usize];
        local[gi] = c.passages.len();
        c.passages.push(PassageRef {
            doc: p.doc as usize,
            span: p.span,
        });
    }
    for (a, &(pa, pb)) in alignments.iter().zip(&cl.link_passages) {
        let k = cl.passages[pa as usize].cluster as usize;
        out[k].alignments.push(AlignRef {
            a: local[pa as usize],
            b: local[pb as usize],
            a_span: a.a,
            b_span: a.b,
            matched_words: a.matched_words,
            score: a.score,
        });
    }
    out
}

/// Word similarity of two spans: shared words (as a multiset) over the
/// longer side's words, like the aligner's score.
pub fn word_similarity(text_a: &str, a: CharSpan, text_b: &str, b: CharSpan) -> (u32, f32) {
    let ta = tokenize(slice_chars(text_a, a.begin, a.end));
    let tb = tokenize(slice_chars(text_b, b.begin, b.end));
    let mut bag: HashMap<u64, i32> = HashMap::new();
    for t in &ta {
        *bag.entry(t.hash).or_default() += 1;
    }
    let mut shared = 0u32;
    for t in &tb {
        if let Some(c) = bag.get_mut(&t.hash) {
            if *c > 0 {
                *c -= 1;
                shared += 1;
            }
        }
    }
    let longer = ta.len().max(tb.len()).max(1);
    (shared, shared as f32 / longer as f32)
}
