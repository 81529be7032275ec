//! Cluster mates: copies of one text that were each aligned to a third
//! document but not to each other.
//!
//! Two heavily edited copies of one source share few exact n-grams with
//! each other (each edit breaks the n-grams around it, and the two copies'
//! edits fall in different places), so their pair may never become a
//! candidate, while each of them aligns with the source. When two
//! alignments meet in the same passage of a third document, the two other
//! documents hold versions of the same text: [`mate_pairs`] lists such
//! pairs, and [`align_mates`] aligns them with a finer seed (every shared
//! word trigram) than the corpus-wide index can afford. The result depends
//! only on the two texts, so it is the same whichever run or third
//! document brought the pair up.

use crate::align::{align_long, AlignedPassage, Tokenized};
use crate::cluster::{Clustering, Link};
use crate::params::Params;
use std::collections::{HashMap, HashSet};

/// Most other documents of one passage whose pairs are considered (a text
/// copied by hundreds of outlets has most of its copies aligned directly).
pub const MAX_MATES_PER_PASSAGE: usize = 256;
/// Words per seed of a mate alignment.
const MATE_NGRAM: usize = 3;
/// Most occurrences of one trigram per document used as seeds.
const MAX_OCC: usize = 2;

/// Pairs of documents `(x, y)`, `x < y`, with no alignment between them,
/// whose alignments with some third document meet in one passage of it
/// (`clustering` is [`crate::cluster::cluster`] of `links`). Only pairs
/// where one of the three documents satisfies `pending` are listed (the
/// others were listed when their last document arrived). Sorted, distinct.
pub fn mate_pairs(
    links: &[Link],
    clustering: &Clustering,
    pending: impl Fn(u32) -> bool,
) -> Vec<(u32, u32)> {
    let key = |x: u32, y: u32| (x.min(y), x.max(y));
    let direct: HashSet<(u32, u32)> = links.iter().map(|l| key(l.a.doc, l.b.doc)).collect();
    // (passage, document at the other end of a link from it).
    let mut ends: Vec<(u32, u32)> = Vec::with_capacity(links.len() * 2);
    for (l, &(pa, pb)) in links.iter().zip(&clustering.link_passages) {
        ends.push((pa, l.b.doc));
        ends.push((pb, l.a.doc));
    }
    ends.sort_unstable();
    ends.dedup();
    let mut out = Vec::new();
    let mut i = 0;
    while i < ends.len() {
        let p = ends[i].0;
        let mut j = i;
        while j < ends.len() && ends[j].0 == p {
            j += 1;
        }
        let here = clustering.passages[p as usize].doc;
        let others: Vec<u32> = ends[i..j]
            .iter()
            .map(|e| e.1)
            .filter(|&d| d != here)
            .take(MAX_MATES_PER_PASSAGE)
            .collect();
        let here_pending = pending(here);
        for (k, &x) in others.iter().enumerate() {
            for &y in &others[k + 1..] {
                let pair = key(x, y);
                if !direct.contains(&pair) && (here_pending || pending(x) || pending(y)) {
                    out.push(pair);
                }
            }
        }
        i = j;
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Aligns two documents known to hold versions of one text (see
/// [`mate_pairs`]): every word trigram they share (at most [`MAX_OCC`]
/// occurrences per document) is a seed, and a seed counts only with
/// another one near it on nearly the same diagonal. Only long passages
/// (`min_words` and `min_chars`) are kept: trigram seeds carry no document
/// frequencies, which alone tell a short copied sentence from a formula
/// both texts use (a credit line naming the same outlet).
pub fn align_mates(a: Tokenized<'_>, b: Tokenized<'_>, params: &Params) -> Vec<AlignedPassage> {
    let grams = |side: Tokenized<'_>| -> Vec<u64> {
        side.tokens
            .windows(MATE_NGRAM)
            .map(|w| {
                w.iter().fold(0xA076_1D64_78BD_642F_u64, |h, t| {
                    (h ^ t.hash)
                        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
                        .rotate_left(29)
                })
            })
            .collect()
    };
    let (ga, gb) = (grams(a), grams(b));
    let mut at_a: HashMap<u64, Vec<u32>> = HashMap::new();
    for (i, &h) in ga.iter().enumerate() {
        let v = at_a.entry(h).or_default();
        if v.len() < MAX_OCC {
            v.push(i as u32);
        }
    }
    let mut per_b: HashMap<u64, usize> = HashMap::new();
    let mut seeds: Vec<(u32, u32)> = Vec::new();
    for (j, &h) in gb.iter().enumerate() {
        let n = per_b.entry(h).or_default();
        if *n >= MAX_OCC {
            continue;
        }
        *n += 1;
        if let Some(is) = at_a.get(&h) {
            seeds.extend(is.iter().map(|&i| (i, j as u32)));
        }
    }
    // A seed with no other seed near it on its diagonal is chance.
    let reach = (params.gap + params.ngram) as i64;
    let diag = |s: &(u32, u32)| s.1 as i64 - s.0 as i64;
    seeds.sort_unstable_by_key(|s| (diag(s), s.0));
    let mut keep = vec![false; seeds.len()];
    for k in 1..seeds.len() {
        let (p, q) = (seeds[k - 1], seeds[k]);
        if (diag(&q) - diag(&p)).abs() <= 2 && (q.0 as i64 - p.0 as i64).abs() <= reach {
            keep[k - 1] = true;
            keep[k] = true;
        }
    }
    let mut seeds: Vec<(u32, u32)> = seeds
        .into_iter()
        .zip(keep)
        .filter_map(|(s, k)| k.then_some(s))
        .collect();
    seeds.sort_unstable();
    if seeds.is_empty() {
        return Vec::new();
    }
    align_long(a, b, &seeds, params)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::{cluster, Side};
    use crate::model::CharSpan;
    use crate::normalise::tokenize;

    fn link(a: (u32, usize, usize), b: (u32, usize, usize)) -> Link {
        let side = |(doc, begin, end): (u32, usize, usize)| Side {
            doc,
            span: CharSpan { begin, end },
        };
        Link {
            a: side(a),
            b: side(b),
        }
    }

    #[test]
    fn copies_meeting_in_a_source_passage_are_mates() {
        // 0 is the source; 1 and 2 copy the same stretch of it; 3 copies
        // another stretch; 1 and 4 are aligned directly.
        let links = vec![
            link((0, 100, 400), (1, 0, 300)),
            link((0, 120, 390), (2, 50, 330)),
            link((0, 900, 1200), (3, 0, 300)),
            link((1, 0, 300), (4, 10, 310)),
        ];
        let c = cluster(&links);
        let all = mate_pairs(&links, &c, |_| true);
        // 1-2 through 0's passage, 0-4 through 1's; 2-4 are two steps apart.
        assert_eq!(all, vec![(0, 4), (1, 2)]);
        // Nothing new among old documents.
        assert!(mate_pairs(&links, &c, |_| false).is_empty());
        // Document 2 is new: its pairs only.
        assert_eq!(mate_pairs(&links, &c, |d| d == 2), vec![(1, 2)]);
    }

    #[test]
    fn two_heavily_edited_copies_align_with_trigram_seeds() {
        let x = "The river board said on Monday that the old stone bridge at Varne would stay shut to lorries until the spring, after inspectors found that two of its arches had shifted during the floods of last month.";
        let y = "The river authority said late on Monday that the ancient stone bridge at Varne will remain closed to lorries until spring, once inspectors had found that two of the arches shifted during last month's floods.";
        let (tx, ty) = (tokenize(x), tokenize(y));
        let side = |text, tokens| Tokenized { text, tokens };
        let p = Params::default();
        let got = align_mates(side(x, &tx), side(y, &ty), &p);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].matched >= 20, "{got:?}");
        // The corpus-wide 5-gram fingerprints alone do not link them.
        let fx = crate::fingerprint::fingerprints(&tx, p.ngram, p.window);
        let fy = crate::fingerprint::fingerprints(&ty, p.ngram, p.window);
        let shared = fx
            .iter()
            .filter(|f| fy.iter().any(|g| g.hash == f.hash))
            .count();
        assert!(shared < 2, "{shared}");
        // Unrelated texts give nothing.
        let z = "A bakery in the hills won a prize for its rye bread, and its owner thanked the neighbours who grow the grain.";
        let tz = tokenize(z);
        assert!(align_mates(side(x, &tx), side(z, &tz), &p).is_empty());
    }
}
