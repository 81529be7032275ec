//! The reuse kernels chained over an in-memory batch of texts: tokenize,
//! fingerprint, candidate pairs, alignment. For small corpora, tests, and
//! executors that hold their documents in memory; the CLI streams from the
//! store instead, with the same kernels in the same order.

use crate::align::{align_candidate, AlignedPassage, Tokenized};
use crate::candidates::{candidate_pairs, DocInfo, Posting};
use crate::fingerprint::fingerprints_with_sentences;
use crate::normalise::tokenize;
use crate::params::Params;
use rayon::prelude::*;

/// One aligned passage between documents `a < b` (indices into the texts).
#[derive(Debug, Clone, PartialEq)]
pub struct PairPassage {
    pub a: usize,
    pub b: usize,
    pub passage: AlignedPassage,
}

/// Every aligned passage between any two of `texts` (whole texts, no body
/// spans, no series filter), sorted by `(a, b)` then position in A.
/// Deterministic whatever the number of threads.
pub fn align_texts(texts: &[&str], params: &Params) -> Vec<PairPassage> {
    let tokens: Vec<_> = texts.par_iter().map(|t| tokenize(t)).collect();
    let mut postings = Vec::new();
    for (d, t) in tokens.iter().enumerate() {
        for f in fingerprints_with_sentences(
            texts[d],
            t,
            params.ngram,
            params.window,
            params.sentence_min_words,
        ) {
            postings.push(Posting {
                hash: f.hash,
                doc: d as u32,
                pos: f.pos,
            });
        }
    }
    let is_new = vec![true; texts.len()];
    let series = vec![u32::MAX; texts.len()];
    let info = DocInfo {
        is_new: &is_new,
        series: &series,
    };
    let side = |d: usize| Tokenized {
        text: texts[d],
        tokens: &tokens[d],
    };
    candidate_pairs(postings, &info, params)
        .par_iter()
        .flat_map_iter(|c| {
            let (a, b) = (c.a as usize, c.b as usize);
            align_candidate(side(a), side(b), c, params)
                .into_iter()
                .map(move |passage| PairPassage { a, b, passage })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_in_a_batch_are_found_and_others_are_not() {
        let shared = "The harbour board voted on Friday to close the old ferry terminal for two years while engineers rebuild the sea wall that storms damaged last winter, and passengers will use a temporary pier further north.";
        let a = format!("Morning news in brief. {shared} Other matters followed.");
        let b = format!("{shared} The mayor welcomed the decision.");
        let c = "A bakery in the old town won a national prize for its rye bread this week.";
        let got = align_texts(&[&a, c, &b], &Params::default());
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!((got[0].a, got[0].b), (0, 2));
        assert!(got[0].passage.matched >= 30);
    }
}
