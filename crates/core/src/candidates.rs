//! Candidate pairs: an inverted index of fingerprints turned into pairs of
//! documents that share enough of them, with the shared positions as seeds
//! for alignment.
//!
//! The index is a sorted vector of postings, so building it costs
//! O(F log F) for F fingerprints and the pairs emitted grow with the amount
//! of real reuse, not with the square of the corpus: fingerprints found in a
//! single document (the vast majority) or in more than `max_df` documents
//! (common phrases, boilerplate) emit nothing.

use crate::params::Params;
use rayon::prelude::*;
use std::sync::Arc;

/// One fingerprint occurrence: hash, document number, word position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Posting {
    pub hash: u64,
    pub doc: u32,
    pub pos: u32,
}

/// A pair of documents (`a < b` by document number) to align, with the word
/// positions of their shared fingerprints, sorted and deduplicated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub a: u32,
    pub b: u32,
    pub seeds: Vec<(u32, u32)>,
    /// The seeds (a subset of `seeds`, same order) whose fingerprint is
    /// found in more than `sentence_max_df` documents: good enough to link
    /// long passages, not to vouch for a short one (boilerplate sentences).
    pub common: Vec<(u32, u32)>,
    /// Word positions in A, then in B, of every fingerprint of the
    /// document (shared or not) found in more than `sentence_max_df`
    /// documents, sorted: where each text holds common phrases, which
    /// cannot vouch for a short companion sentence (see
    /// [`crate::companion`]).
    /// (Shared per document: every pair of a document holds the same list.)
    pub frequent_a: Arc<[u32]>,
    pub frequent_b: Arc<[u32]>,
}

/// High bit of a seed's position in B: set when its fingerprint is common.
const COMMON_BIT: u32 = 1 << 31;

/// Per-document facts the pairing needs.
pub struct DocInfo<'a> {
    /// True for documents added in this run: only pairs touching at least one
    /// new document are produced (incremental tracing).
    pub is_new: &'a [bool],
    /// Series number per document (`u32::MAX` = none), for the same-series
    /// filter.
    pub series: &'a [u32],
}

/// Most occurrences of one fingerprint counted per document (a phrase
/// repeated many times in one text must not blow up the pair list).
const MAX_OCC_PER_DOC: usize = 4;

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct SeedEntry {
    pair: u64,
    pa: u32,
    /// Position in B, with [`COMMON_BIT`] set for a common fingerprint.
    pb: u32,
}

impl SeedEntry {
    /// Position in B.
    fn b(&self) -> u32 {
        self.pb & !COMMON_BIT
    }
}

/// Memory allowed for the seed list of one block of documents; the pairs
/// are built block by block (by the smaller document number) so that the
/// seeds never need more than about this much at once.
const SEED_BUDGET_BYTES: usize = 512 << 20;

/// Builds the candidate pairs from all postings of the corpus.
///
/// Deterministic: the result is sorted by `(a, b)` whatever the number of
/// threads.
pub fn candidate_pairs(postings: Vec<Posting>, info: &DocInfo, params: &Params) -> Vec<Candidate> {
    candidate_pairs_within(postings, info, params, SEED_BUDGET_BYTES)
}

/// [`candidate_pairs`] with a given memory budget for seeds.
pub fn candidate_pairs_within(
    mut postings: Vec<Posting>,
    info: &DocInfo,
    params: &Params,
    seed_budget_bytes: usize,
) -> Vec<Candidate> {
    postings.par_sort_unstable();
    postings.dedup();
    let chunks = group_chunks(&postings, 1 << 16);
    let n_docs = postings.iter().map(|p| p.doc as u64 + 1).max().unwrap_or(0);
    let frequent = frequent_positions(&postings, &chunks, n_docs as usize, params);
    // How many seeds all pairs would emit, to cut the work into blocks.
    let emitted: u64 = chunks
        .par_iter()
        .map(|&(s, e)| count_chunk(&postings[s..e], params))
        .sum();
    let blocks = (emitted as usize * std::mem::size_of::<SeedEntry>())
        .div_ceil(seed_budget_bytes.max(1))
        .clamp(1, n_docs.max(1) as usize) as u64;
    let mut result = Vec::new();
    for block in 0..blocks {
        let lo = (n_docs * block / blocks) as u32;
        let hi = (n_docs * (block + 1) / blocks) as u32;
        let mut seeds: Vec<SeedEntry> = chunks
            .par_iter()
            .flat_map_iter(|&(s, e)| {
                let mut out = Vec::new();
                emit_chunk(&postings[s..e], info, params, (lo, hi), &mut out);
                out
            })
            .collect();
        seeds.par_sort_unstable();
        seeds.dedup();
        let mut i = 0;
        while i < seeds.len() {
            let pair = seeds[i].pair;
            let mut j = i;
            while j < seeds.len() && seeds[j].pair == pair {
                j += 1;
            }
            if j - i >= params.min_shared
                && (params.min_shared < 2 || has_local_pair(&seeds[i..j], params))
            {
                result.push(Candidate {
                    a: (pair >> 32) as u32,
                    b: pair as u32,
                    seeds: seeds[i..j].iter().map(|s| (s.pa, s.b())).collect(),
                    common: seeds[i..j]
                        .iter()
                        .filter(|s| s.pb & COMMON_BIT != 0)
                        .map(|s| (s.pa, s.b()))
                        .collect(),
                    frequent_a: Arc::clone(&frequent[(pair >> 32) as usize]),
                    frequent_b: Arc::clone(&frequent[pair as u32 as usize]),
                });
            }
            i = j;
        }
    }
    result
}

/// Per document, the sorted word positions of its fingerprints found in
/// more than `sentence_max_df` documents.
fn frequent_positions(
    postings: &[Posting],
    chunks: &[(usize, usize)],
    n_docs: usize,
    params: &Params,
) -> Vec<Arc<[u32]>> {
    // The runs of postings (one hash each) found in too many documents,
    // as ranges of `postings`.
    let runs: Vec<Vec<(usize, usize)>> = chunks
        .par_iter()
        .map(|&(s, e)| {
            let mut out = Vec::new();
            each_run(&postings[s..e], |i, run, df| {
                if df > params.sentence_max_df {
                    out.push((s + i, s + i + run.len()));
                }
            });
            out
        })
        .collect();
    let mut per_doc: Vec<Vec<u32>> = vec![Vec::new(); n_docs];
    for &(i, j) in runs.iter().flatten() {
        for p in &postings[i..j] {
            per_doc[p.doc as usize].push(p.pos);
        }
    }
    per_doc
        .into_par_iter()
        .map(|mut v| {
            v.sort_unstable();
            Arc::from(v)
        })
        .collect()
}

/// Runs of equal hashes in `postings` that can emit pairs, as (start, end,
/// number of documents).
fn groups(postings: &[Posting], params: &Params, mut f: impl FnMut(&[Posting], usize)) {
    each_run(postings, |_, run, df| {
        if df >= 2 && df <= params.max_df {
            f(run, df);
        }
    });
}

/// Every run of equal hashes in `postings` (sorted): its start, the run,
/// and its number of documents.
fn each_run(postings: &[Posting], mut f: impl FnMut(usize, &[Posting], usize)) {
    let mut i = 0;
    while i < postings.len() {
        let h = postings[i].hash;
        let mut j = i;
        while j < postings.len() && postings[j].hash == h {
            j += 1;
        }
        let run = &postings[i..j];
        let mut df = 0;
        for (k, p) in run.iter().enumerate() {
            if k == 0 || run[k - 1].doc != p.doc {
                df += 1;
            }
        }
        f(i, run, df);
        i = j;
    }
}

/// Upper bound of the seeds a chunk emits (pairs of occurrences).
fn count_chunk(postings: &[Posting], params: &Params) -> u64 {
    let mut n = 0u64;
    groups(postings, params, |run, _| {
        let k = run.len().min(params.max_df * MAX_OCC_PER_DOC) as u64;
        n += k * k.saturating_sub(1) / 2;
    });
    n
}

/// Largest difference of diagonals (word offset between the two documents)
/// for two seeds to count as parts of one copied stretch.
const LOCAL_BAND: i64 = 10;

/// True when two of the seeds (sorted by position in A) lie close together
/// on nearly the same diagonal and at least `min_words` words apart, as the fingerprints of one copied passage
/// do; shared fingerprints scattered over two documents (common phrases)
/// do not, and such pairs are not worth aligning. Common seeds (found in
/// more than `sentence_max_df` documents) do not count: a credit line
/// ("D'après les informations publiées par X :") opens with a common
/// n-gram and shares a rare one around the outlet's name, and would
/// otherwise link every two documents that credit X.
fn has_local_pair(seeds: &[SeedEntry], params: &Params) -> bool {
    let reach = (params.gap + params.ngram) as i64;
    let min_words = params.min_words.min(params.sentence_min_words.max(1)) as i64;
    let rare = |s: &SeedEntry| s.pb & COMMON_BIT == 0;
    for (x, s) in seeds.iter().enumerate().filter(|(_, s)| rare(s)) {
        let ds = s.b() as i64 - s.pa as i64;
        for t in &seeds[x + 1..] {
            let da = t.pa as i64 - s.pa as i64;
            if da > reach {
                break;
            }
            if !rare(t) {
                continue;
            }
            // The two fingerprints must span at least `min_words` words:
            // overlapping n-grams of one short common phrase do not count.
            if da > 0
                && da + params.ngram as i64 + 2 >= min_words
                && t.b() > s.b()
                && ((t.b() as i64 - t.pa as i64) - ds).abs() <= LOCAL_BAND
            {
                return true;
            }
        }
    }
    false
}

/// Splits sorted postings into chunks of about `target` entries that never
/// cut a run of equal hashes.
fn group_chunks(postings: &[Posting], target: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut s = 0;
    while s < postings.len() {
        let mut e = (s + target).min(postings.len());
        while e < postings.len() && postings[e].hash == postings[e - 1].hash {
            e += 1;
        }
        out.push((s, e));
        s = e;
    }
    out
}

fn emit_chunk(
    postings: &[Posting],
    info: &DocInfo,
    params: &Params,
    range: (u32, u32),
    out: &mut Vec<SeedEntry>,
) {
    let mut group: Vec<Posting> = Vec::new();
    groups(postings, params, |run, df| {
        let flag = if df > params.sentence_max_df {
            COMMON_BIT
        } else {
            0
        };
        group.clear();
        let mut per_doc = 0;
        for (k, p) in run.iter().enumerate() {
            if k > 0 && run[k - 1].doc == p.doc {
                per_doc += 1;
            } else {
                per_doc = 0;
            }
            if per_doc < MAX_OCC_PER_DOC {
                group.push(*p);
            }
        }
        for x in 0..group.len() {
            let p = group[x];
            // Pairs are emitted by their smaller document, in its block only.
            if p.doc < range.0 || p.doc >= range.1 {
                continue;
            }
            for &q in &group[x + 1..] {
                if p.doc == q.doc {
                    continue;
                }
                let (pi, qi) = (p.doc as usize, q.doc as usize);
                if !(info.is_new.get(pi).copied().unwrap_or(true)
                    || info.is_new.get(qi).copied().unwrap_or(true))
                {
                    continue;
                }
                if params.exclude_same_series {
                    let sp = info.series.get(pi).copied().unwrap_or(u32::MAX);
                    let sq = info.series.get(qi).copied().unwrap_or(u32::MAX);
                    if sp != u32::MAX && sp == sq {
                        continue;
                    }
                }
                out.push(SeedEntry {
                    pair: ((p.doc as u64) << 32) | q.doc as u64,
                    pa: p.pos,
                    pb: (q.pos & !COMMON_BIT) | flag,
                });
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(hash: u64, doc: u32, pos: u32) -> Posting {
        Posting { hash, doc, pos }
    }

    #[test]
    fn pairs_need_min_shared_and_respect_max_df() {
        let mut p = vec![
            post(1, 0, 0),
            post(1, 1, 5),
            post(2, 0, 3),
            post(2, 1, 9),
            post(3, 0, 7),
            post(3, 2, 1),
        ];
        // hash 9 in 4 docs: above max_df=3
        for d in 0..4 {
            p.push(post(9, d, 20));
        }
        let params = Params {
            max_df: 3,
            min_shared: 2,
            ..Params::default()
        };
        let is_new = vec![true; 4];
        let series = vec![u32::MAX; 4];
        let c = candidate_pairs(
            p,
            &DocInfo {
                is_new: &is_new,
                series: &series,
            },
            &params,
        );
        assert_eq!(
            c,
            vec![Candidate {
                a: 0,
                b: 1,
                seeds: vec![(0, 5), (3, 9)],
                common: vec![],
                frequent_a: Arc::from([]),
                frequent_b: Arc::from([]),
            }]
        );
    }

    #[test]
    fn incremental_and_same_series_filters() {
        let p = vec![post(1, 0, 0), post(1, 1, 0), post(2, 0, 1), post(2, 1, 1)];
        let series = vec![u32::MAX; 2];
        let params = Params {
            min_shared: 1,
            ..Params::default()
        };
        let old = vec![false, false];
        assert!(candidate_pairs(
            p.clone(),
            &DocInfo {
                is_new: &old,
                series: &series
            },
            &params
        )
        .is_empty());
        let one_new = vec![false, true];
        assert_eq!(
            candidate_pairs(
                p.clone(),
                &DocInfo {
                    is_new: &one_new,
                    series: &series
                },
                &params
            )
            .len(),
            1
        );
        let same = vec![3, 3];
        let excl = Params {
            exclude_same_series: true,
            ..params
        };
        assert!(candidate_pairs(
            p,
            &DocInfo {
                is_new: &one_new,
                series: &same
            },
            &excl
        )
        .is_empty());
    }

    #[test]
    fn scattered_shared_fingerprints_do_not_make_a_pair() {
        // Two shared fingerprints far apart in A: a common phrase each.
        let p = vec![
            post(1, 0, 10),
            post(1, 1, 10),
            post(2, 0, 900),
            post(2, 1, 15),
        ];
        let params = Params::default();
        let is_new = vec![true; 2];
        let series = vec![u32::MAX; 2];
        assert!(candidate_pairs(
            p,
            &DocInfo {
                is_new: &is_new,
                series: &series
            },
            &params
        )
        .is_empty());
        // Close together on one diagonal: a copied passage.
        let p = vec![
            post(1, 0, 10),
            post(1, 1, 110),
            post(2, 0, 14),
            post(2, 1, 115),
        ];
        assert_eq!(
            candidate_pairs(
                p,
                &DocInfo {
                    is_new: &is_new,
                    series: &series
                },
                &params
            )
            .len(),
            1
        );
    }

    #[test]
    fn common_seeds_do_not_vouch_for_a_pair() {
        // Documents 0 and 1 share a rare fingerprint and, 6 words before it
        // on the same diagonal, one found in 40 documents (a template's
        // fixed part): no candidate. With a second rare one: a candidate.
        let params = Params::default();
        let n = 40u32;
        let is_new = vec![true; n as usize];
        let series = vec![u32::MAX; n as usize];
        let info = DocInfo {
            is_new: &is_new,
            series: &series,
        };
        let mut p: Vec<Posting> = (0..n).map(|d| post(7, d, 10)).collect();
        p.push(post(8, 0, 16));
        p.push(post(8, 1, 16));
        assert!(candidate_pairs(p.clone(), &info, &params).is_empty());
        p.push(post(9, 0, 12));
        p.push(post(9, 1, 12));
        let got = candidate_pairs(p, &info, &params);
        assert_eq!(got.len(), 1);
        assert_eq!((got[0].a, got[0].b), (0, 1));
        assert_eq!(got[0].common, vec![(10, 10)]);
    }

    #[test]
    fn blocks_give_the_same_pairs() {
        // Many documents sharing fingerprints in various patterns.
        let mut p = Vec::new();
        for d in 0..60u32 {
            for k in 0..30u32 {
                let h = ((d / 3) * 7 + k) as u64 % 50;
                p.push(post(h, d, k * 2 + d % 3));
            }
        }
        let params = Params {
            min_words: 5,
            // Rare seeds only vouch for a pair: keep these all rare.
            sentence_max_df: 100,
            ..Params::default()
        };
        let is_new = vec![true; 60];
        let series = vec![u32::MAX; 60];
        let info = DocInfo {
            is_new: &is_new,
            series: &series,
        };
        let one = candidate_pairs_within(p.clone(), &info, &params, usize::MAX);
        let many = candidate_pairs_within(p, &info, &params, 64);
        assert!(!one.is_empty());
        assert_eq!(one, many);
    }

    #[test]
    fn chunking_never_splits_a_hash_run() {
        let p: Vec<Posting> = (0..100).map(|i| post(i / 10, i as u32, 0)).collect();
        let ch = group_chunks(&p, 7);
        for &(s, e) in &ch {
            assert!(s == 0 || p[s].hash != p[s - 1].hash);
            assert!(e == p.len() || p[e].hash != p[e - 1].hash);
        }
        assert_eq!(ch.last().unwrap().1, 100);
    }
}
