//! Local alignment of one candidate pair into passages.
//!
//! 1. Seeds (shared fingerprints) are chained into runs that go forward in
//!    both documents with gaps of at most `gap` words. Chains are formed
//!    independently, so paragraphs that appear in another order in the copy
//!    give separate chains instead of being lost (passim's single monotone
//!    chain misses them).
//! 2. Around each chain, every identical normalised word within a band of
//!    the chain's diagonals becomes an anchor; a sparse dynamic programme
//!    (like minimap2's chaining) picks the best forward chain of anchors,
//!    rewarding words matched in runs and charging for skipped words. Single
//!    word substitutions, insertions, dropped or added sentences (up to `gap`
//!    words) and OCR-damaged words are bridged; the passage ends where the
//!    matching stops paying for the gaps. Loose ends are then cut: a run of
//!    fewer than `ngram` matched words beyond a gap of 3 words or more (an
//!    outlet's name in a credit line after the copy), and one or two words
//!    running into a sentence that was not copied.
//! 3. Passages shorter than `min_words` matched words or `min_chars`
//!    characters are dropped, unless they cover whole sentences on both
//!    sides (a copied sentence: from a sentence start to a sentence end) with
//!    at least `sentence_min_words` matched words; chance matches of common
//!    phrases rarely begin and end at sentence boundaries in both texts.
//!    Duplicates found from several chains are merged.

use crate::model::CharSpan;
use crate::normalise::Token;
use crate::params::Params;

/// One aligned passage between documents A and B.
#[derive(Debug, Clone, PartialEq)]
pub struct AlignedPassage {
    /// Word index range `[start, end)` in A.
    pub a_words: (u32, u32),
    /// Word index range `[start, end)` in B.
    pub b_words: (u32, u32),
    /// Character span in A's original text.
    pub a: CharSpan,
    /// Character span in B's original text.
    pub b: CharSpan,
    /// Number of aligned identical words.
    pub matched: u32,
    /// `matched` divided by the longer side's word count, in (0, 1].
    pub score: f32,
}

const BAND: i64 = 10;
const LOOKBACK: usize = 256;
/// Cost of each of the first `SHORT_GAP` unmatched words between anchors.
const GAP_COST: f32 = 0.2;
const SHORT_GAP: i64 = 5;
/// Beyond a short gap, a gap costs this much once (a dropped or added
/// sentence is one edit, not one per word) ...
const LONG_GAP_OPEN: f32 = 2.0;
/// ... plus this much per further word.
const LONG_GAP_EXTEND: f32 = 0.04;
/// Cost per word of difference between the two sides' gaps (an insertion
/// or deletion shifts the diagonal).
const SHIFT_COST: f32 = 0.05;
const RUN_WEIGHT: f32 = 1.0;
const LONE_WEIGHT: f32 = 0.4;

impl AlignedPassage {
    /// True when the passage has at least `min_words` aligned words and
    /// `min_chars` characters on both sides (no need to be a whole sentence).
    pub fn is_long(&self, params: &Params) -> bool {
        is_long(self.matched, self.a, self.b, params)
    }
}

fn is_long(matched: u32, a: CharSpan, b: CharSpan, params: &Params) -> bool {
    matched as usize >= params.min_words
        && a.len() >= params.min_chars
        && b.len() >= params.min_chars
}

/// One side of a pair: the text as given and its tokens (from
/// [`crate::normalise::tokenize`] or `tokenize_spans` of that text).
#[derive(Debug, Clone, Copy)]
pub struct Tokenized<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
}

/// Aligns documents A and B given the seeds `(word in A, word in B)` of their
/// shared fingerprints. Deterministic; the result is sorted by position in A.
/// Every seed counts as rare (see [`align_candidate`]).
pub fn align_pair(
    a: Tokenized<'_>,
    b: Tokenized<'_>,
    seeds: &[(u32, u32)],
    params: &Params,
) -> Vec<AlignedPassage> {
    align_seeds(a, b, seeds, &[], (&[], &[]), params)
}

/// Aligns a candidate pair: like [`align_pair`], but the candidate's common
/// seeds (fingerprints found in many documents) do not vouch for a passage
/// shorter than `min_chars`.
pub fn align_candidate(
    a: Tokenized<'_>,
    b: Tokenized<'_>,
    cand: &crate::candidates::Candidate,
    params: &Params,
) -> Vec<AlignedPassage> {
    align_seeds(
        a,
        b,
        &cand.seeds,
        &cand.common,
        (&cand.frequent_a[..], &cand.frequent_b[..]),
        params,
    )
}

fn align_seeds(
    a: Tokenized<'_>,
    b: Tokenized<'_>,
    seeds: &[(u32, u32)],
    common: &[(u32, u32)],
    frequent: (&[u32], &[u32]),
    params: &Params,
) -> Vec<AlignedPassage> {
    let seeds = usable_seeds(a, b, seeds);
    let mut found = chain_passages(a, b, &seeds, common, params);
    let companions = crate::companion::companion_sentences(a, b, &found, &seeds, frequent, params);
    if !companions.is_empty() {
        found.extend(companions);
        found = dedupe(found);
    }
    found
}

/// The passages of the seed chains (`seeds` in range, sorted, distinct),
/// without companions, de-duplicated.
fn chain_passages(
    a: Tokenized<'_>,
    b: Tokenized<'_>,
    seeds: &[(u32, u32)],
    common: &[(u32, u32)],
    params: &Params,
) -> Vec<AlignedPassage> {
    let mut common = common.to_vec();
    common.sort_unstable();
    let found = chain_seeds(seeds, params)
        .iter()
        .filter_map(|chain| align_chain(a, b, chain, seeds, &common, params))
        .collect();
    dedupe(found)
}

/// Like [`align_pair`], but only passages of at least `min_words` aligned
/// words and `min_chars` characters on both sides: no whole short sentence,
/// no companion. For seeds that carry no document frequencies (which tell
/// a copied sentence from a formula such as a credit line).
pub fn align_long(
    a: Tokenized<'_>,
    b: Tokenized<'_>,
    seeds: &[(u32, u32)],
    params: &Params,
) -> Vec<AlignedPassage> {
    let seeds = usable_seeds(a, b, seeds);
    chain_passages(a, b, &seeds, &[], params)
        .into_iter()
        .filter(|p| p.is_long(params))
        .collect()
}

/// The seeds inside both texts, sorted, distinct.
fn usable_seeds(a: Tokenized<'_>, b: Tokenized<'_>, seeds: &[(u32, u32)]) -> Vec<(u32, u32)> {
    let mut seeds: Vec<(u32, u32)> = seeds
        .iter()
        .copied()
        .filter(|&(x, y)| (x as usize) < a.tokens.len() && (y as usize) < b.tokens.len())
        .collect();
    seeds.sort_unstable();
    seeds.dedup();
    seeds
}

/// Groups seeds into forward chains with bounded gaps.
fn chain_seeds(seeds: &[(u32, u32)], params: &Params) -> Vec<Vec<(u32, u32)>> {
    let max_step = (params.gap + params.ngram) as i64;
    let mut open: Vec<Vec<(u32, u32)>> = Vec::new();
    let mut done: Vec<Vec<(u32, u32)>> = Vec::new();
    for &(pa, pb) in seeds {
        // Close chains that can no longer be extended.
        let mut k = 0;
        while k < open.len() {
            let last = *open[k].last().expect("chains are never empty");
            if (pa as i64) - (last.0 as i64) > max_step {
                done.push(open.remove(k));
            } else {
                k += 1;
            }
        }
        let mut best: Option<(i64, usize)> = None;
        for (ci, ch) in open.iter().enumerate() {
            let (la, lb) = *ch.last().expect("chains are never empty");
            let da = pa as i64 - la as i64;
            let db = pb as i64 - lb as i64;
            if da >= 1 && db >= 1 && da <= max_step && db <= max_step {
                let cost = (db - da).abs();
                if best.is_none_or(|(c, _)| cost < c) {
                    best = Some((cost, ci));
                }
            }
        }
        match best {
            Some((_, ci)) => open[ci].push((pa, pb)),
            None => open.push(vec![(pa, pb)]),
        }
    }
    done.extend(open);
    done.sort();
    done
}

fn align_chain(
    sa: Tokenized<'_>,
    sb: Tokenized<'_>,
    chain: &[(u32, u32)],
    seeds: &[(u32, u32)],
    common: &[(u32, u32)],
    params: &Params,
) -> Option<AlignedPassage> {
    let (ta, tb) = (sa.tokens, sb.tokens);
    let floor = params.min_words.min(params.sentence_min_words.max(1));
    let n = params.ngram as i64;
    let margin = params.gap as i64;
    let first = chain[0];
    let last = *chain.last()?;
    let a0 = (first.0 as i64 - margin).max(0) as usize;
    let a1 = ((last.0 as i64 + n + margin) as usize).min(ta.len());
    let b0 = (first.1 as i64 - margin).max(0) as usize;
    let b1 = ((last.1 as i64 + n + margin) as usize).min(tb.len());
    if a0 >= a1 || b0 >= b1 {
        return None;
    }

    // Positions of each word hash in B's region, sorted for binary search.
    let mut in_b: Vec<(u64, u32)> = (b0..b1).map(|j| (tb[j].hash, j as u32)).collect();
    in_b.sort_unstable();

    // Anchors within the band around the chain's local diagonal.
    let mut anchors: Vec<(u32, u32)> = Vec::new();
    let mut si = 0usize;
    for (i, t) in ta.iter().enumerate().take(a1).skip(a0) {
        while si + 1 < chain.len() && (chain[si + 1].0 as usize) <= i {
            si += 1;
        }
        let d_prev = chain[si].1 as i64 - chain[si].0 as i64;
        let d_next = chain
            .get(si + 1)
            .map(|s| s.1 as i64 - s.0 as i64)
            .unwrap_or(d_prev);
        // Outside the chain the band opens into a cone, so that a dropped or
        // added sentence just before the first seed or after the last one is
        // bridged too.
        let outside = if i < first.0 as usize {
            first.0 as i64 - i as i64
        } else if i > last.0 as usize {
            i as i64 - last.0 as i64
        } else {
            0
        };
        let widen = BAND + outside.min(margin);
        let (lo, hi) = (d_prev.min(d_next) - widen, d_prev.max(d_next) + widen);
        let start = in_b.partition_point(|&(h, _)| h < t.hash);
        for &(h, j) in &in_b[start..] {
            if h != t.hash {
                break;
            }
            let d = j as i64 - i as i64;
            if d >= lo && d <= hi {
                anchors.push((i as u32, j));
            }
        }
    }
    if anchors.len() < floor {
        return None;
    }
    let mut chosen = best_anchor_chain(&anchors, params.gap as i64 + 1);
    trim_loose_ends(&mut chosen, params.ngram);
    trim_sentence_overshoot(&mut chosen, sa, sb);
    let matched = chosen.len() as u32;
    if (matched as usize) < floor {
        return None;
    }
    let (fa, fb) = chosen[0];
    let (la, lb) = *chosen.last()?;
    let a = CharSpan {
        begin: ta[fa as usize].begin as usize,
        end: ta[la as usize].end as usize,
    };
    let b = CharSpan {
        begin: tb[fb as usize].begin as usize,
        end: tb[lb as usize].end as usize,
    };
    let len_a = la - fa + 1;
    let len_b = lb - fb + 1;
    let score = matched as f32 / len_a.max(len_b) as f32;
    if score < params.min_density {
        return None;
    }
    let long_enough = is_long(matched, a, b, params);
    if !long_enough {
        // A short passage counts only as a whole copied sentence (or run of
        // sentences), nearly word for word.
        let whole = (matched as usize) >= params.sentence_min_words
            && score >= SENTENCE_MIN_DENSITY
            && seed_coverage(chain, common, params.ngram, fa, la) >= SENTENCE_MIN_COVERAGE
            && whole_sentences(sa, fa as usize, la as usize)
            && whole_sentences(sb, fb as usize, lb as usize);
        if !whole {
            return None;
        }
    }
    if (matched as usize) < 2 * params.sentence_min_words.max(params.min_words)
        && template_like(sa, sb, seeds, &chosen, params)
    {
        return None;
    }
    Some(AlignedPassage {
        a_words: (fa, la + 1),
        b_words: (fb, lb + 1),
        a,
        b,
        matched,
        score,
    })
}

/// Smallest density of a short passage kept as a copied sentence.
const SENTENCE_MIN_DENSITY: f32 = 0.75;
/// Smallest share of a short passage's words covered by rare shared
/// n-grams (see [`seed_coverage`]).
const SENTENCE_MIN_COVERAGE: f32 = 0.6;
/// Words of a copied sentence that may differ at its start or its end (a
/// replaced first or last word) while it still counts as whole.
const SENTENCE_SLACK: usize = 2;

/// Share of the words `first..=last` of A covered by the n-grams of the
/// rare seeds (shared fingerprints not in `common`, sorted). A boilerplate
/// sentence ("These facts were first published by X.") is common; a template
/// with a changing slot is rare only around the slot.
fn seed_coverage(
    chain: &[(u32, u32)],
    common: &[(u32, u32)],
    ngram: usize,
    first: u32,
    last: u32,
) -> f32 {
    let mut covered = 0u32;
    let mut upto = first;
    for &(pa, pb) in chain {
        if common.binary_search(&(pa, pb)).is_ok() {
            continue;
        }
        let (b, e) = (pa.max(upto), (pa + ngram as u32).min(last + 1));
        if e > b {
            covered += e - b;
            upto = e;
        }
    }
    covered as f32 / (last + 1 - first).max(1) as f32
}

/// True when a passage of about one sentence opens or closes a sentence in
/// both texts with the same n-gram, word for word, and that n-gram is not a
/// shared fingerprint. Every sentence of its length has its first and last
/// n-grams fingerprinted, so the n-gram is missing only because more than
/// `max_df` documents have it: the fixed part of a template whose slot
/// alone is rare ("Ces informations ont d'abord été publiées par X.",
/// "D'après les informations publiées par X :"), which every document
/// filling the slot the same way repeats.
pub(crate) fn template_like(
    sa: Tokenized<'_>,
    sb: Tokenized<'_>,
    seeds: &[(u32, u32)],
    chosen: &[(u32, u32)],
    params: &Params,
) -> bool {
    let n = params.ngram;
    if chosen.len() < n {
        return false;
    }
    // Only sentences of the lengths that get their first and last n-grams
    // fingerprinted tell anything (see `fingerprints_with_sentences`).
    let anchored = crate::fingerprint::sentence_anchor_lengths(params);
    let sentence_len = |side: Tokenized<'_>, k: u32, forward: bool| -> usize {
        let k = k as usize;
        let t = side.tokens.len();
        if forward {
            (k + 1..=t).find(|&j| break_before(side, j)).unwrap_or(t) - k
        } else {
            k + 1 - (0..=k).rev().find(|&j| break_before(side, j)).unwrap_or(0)
        }
    };
    let verbatim = |run: &[(u32, u32)]| {
        run.windows(2)
            .all(|w| w[1].0 == w[0].0 + 1 && w[1].1 == w[0].1 + 1)
    };
    let missing = |at: (u32, u32)| seeds.binary_search(&at).is_err();
    let head = &chosen[..n];
    let tail = &chosen[chosen.len() - n..];
    let (fa, fb) = head[0];
    let (la, lb) = tail[n - 1];
    let opens = break_before(sa, fa as usize) && break_before(sb, fb as usize);
    let closes = break_before(sa, la as usize + 1) && break_before(sb, lb as usize + 1);
    let opens = opens
        && anchored.contains(&sentence_len(sa, fa, true))
        && anchored.contains(&sentence_len(sb, fb, true));
    let closes = closes
        && anchored.contains(&sentence_len(sa, la, false))
        && anchored.contains(&sentence_len(sb, lb, false));
    (opens && verbatim(head) && missing(head[0])) || (closes && verbatim(tail) && missing(tail[0]))
}

/// True when the tokens `first..=last` of `side` run from a sentence start
/// to a sentence end, give or take [`SENTENCE_SLACK`] words at each end.
fn whole_sentences(side: Tokenized<'_>, first: usize, last: usize) -> bool {
    let t = side.tokens;
    if last >= t.len() || first > last {
        return false;
    }
    let starts = (first.saturating_sub(SENTENCE_SLACK)..=first).any(|k| break_before(side, k));
    let ends = (last..=(last + SENTENCE_SLACK).min(t.len() - 1)).any(|k| break_before(side, k + 1));
    starts && ends
}

/// True when a sentence ends between token `k - 1` and token `k` (or `k` is
/// the first token, or one past the last).
pub(crate) fn break_before(side: Tokenized<'_>, k: usize) -> bool {
    crate::normalise::sentence_break_before(side.text, side.tokens, k)
}

/// Cost of leaving `g` words unmatched between two anchors: linear for a
/// few words (substitutions), affine beyond (a dropped or added sentence).
fn gap_cost(g: i64) -> f32 {
    if g <= SHORT_GAP {
        GAP_COST * g as f32
    } else {
        GAP_COST * SHORT_GAP as f32 + LONG_GAP_OPEN + LONG_GAP_EXTEND * (g - SHORT_GAP) as f32
    }
}

/// Sparse chaining DP over anchors sorted by (i, j): returns the anchors of
/// the best-scoring forward chain.
fn best_anchor_chain(anchors: &[(u32, u32)], max_gap: i64) -> Vec<(u32, u32)> {
    // Anchors are sorted by (i, j): membership by binary search.
    let has = |x: (u32, u32)| anchors.binary_search(&x).is_ok();
    let weight: Vec<f32> = anchors
        .iter()
        .map(|&(i, j)| {
            let before = i > 0 && j > 0 && has((i - 1, j - 1));
            let after = has((i + 1, j + 1));
            if before || after {
                RUN_WEIGHT
            } else {
                LONE_WEIGHT
            }
        })
        .collect();
    let mut f = vec![0f32; anchors.len()];
    let mut prev = vec![usize::MAX; anchors.len()];
    let mut best = (0f32, usize::MAX);
    for k in 0..anchors.len() {
        let (ik, jk) = (anchors[k].0 as i64, anchors[k].1 as i64);
        let mut fk = weight[k];
        let mut pk = usize::MAX;
        let lo = k.saturating_sub(LOOKBACK);
        for p in (lo..k).rev() {
            let (ip, jp) = (anchors[p].0 as i64, anchors[p].1 as i64);
            let (di, dj) = (ik - ip, jk - jp);
            if di > max_gap {
                break;
            }
            if di < 1 || dj < 1 || dj > max_gap {
                continue;
            }
            let cost = gap_cost(di.max(dj) - 1) + SHIFT_COST * (di - dj).abs() as f32;
            let cand = f[p] - cost + weight[k];
            if cand > fk {
                fk = cand;
                pk = p;
            }
        }
        f[k] = fk;
        prev[k] = pk;
        if fk > best.0 {
            best = (fk, k);
        }
    }
    let mut out = Vec::new();
    let mut k = best.1;
    while k != usize::MAX {
        out.push(anchors[k]);
        k = prev[k];
    }
    out.reverse();
    out
}

/// Smallest gap (unmatched words on either side) that cuts a short run of
/// matched words loose from the end of a passage.
const LOOSE_END_GAP: u32 = 3;

/// Drops short runs of matched words (fewer than `ngram`, so no shared
/// fingerprint vouches for them) that hang off either end of a passage
/// beyond a gap of [`LOOSE_END_GAP`] words or more: the outlet name of a
/// credit line after the copy ("… (avec L'Écho de X" against "…\n\nCes
/// informations ont été publiées par L'Écho de X."), which would otherwise
/// stretch the passage over the next sentence and chain its cluster to
/// every other copy of that sentence.
fn trim_loose_ends(chosen: &mut Vec<(u32, u32)>, ngram: usize) {
    let adjacent = |w: &[(u32, u32)]| w[1].0 == w[0].0 + 1 && w[1].1 == w[0].1 + 1;
    let loose = |a: (u32, u32), b: (u32, u32)| (b.0 - a.0 - 1).max(b.1 - a.1 - 1) >= LOOSE_END_GAP;
    // The end: the last run of consecutive anchors, if short and cut off.
    let n = chosen.len();
    let r = 1 + chosen.windows(2).rev().take_while(|w| adjacent(w)).count();
    if r < ngram && r < n && loose(chosen[n - 1 - r], chosen[n - r]) {
        chosen.truncate(n - r);
    }
    // The start, likewise.
    let n = chosen.len();
    let r = 1 + chosen.windows(2).take_while(|w| adjacent(w)).count();
    if r < ngram && r < n && loose(chosen[r - 1], chosen[r]) {
        chosen.drain(..r);
    }
}

/// Drops up to [`SENTENCE_SLACK`] matched words that run past a sentence
/// break at either end of a passage in both texts without completing a
/// sentence there: after a copied sentence, the next sentences often start
/// with the same word by chance ("… la côte ! Il doit" against "… la côte !
/// Il avait"), which would stretch the passage one word into a sentence
/// that was not copied (and stop it counting as a whole copied sentence).
fn trim_sentence_overshoot(chosen: &mut Vec<(u32, u32)>, sa: Tokenized<'_>, sb: Tokenized<'_>) {
    let brk = |side: Tokenized<'_>, k: u32| break_before(side, k as usize);
    let n = chosen.len();
    for r in 1..=SENTENCE_SLACK.min(n.saturating_sub(1)) {
        let (ia, ib) = chosen[n - r];
        let (la, lb) = chosen[n - 1];
        let cut = brk(sa, ia) && brk(sb, ib);
        let whole = brk(sa, la + 1) && brk(sb, lb + 1);
        if cut && !whole {
            chosen.truncate(n - r);
            break;
        }
    }
    let n = chosen.len();
    for r in 1..=SENTENCE_SLACK.min(n.saturating_sub(1)) {
        let (ia, ib) = chosen[r];
        let (fa, fb) = chosen[0];
        let cut = brk(sa, ia) && brk(sb, ib);
        let whole = brk(sa, fa) && brk(sb, fb);
        if cut && !whole {
            chosen.drain(..r);
            break;
        }
    }
}

/// Removes passages that repeat another (same stretch on both sides),
/// keeping the one with more matched words. Sorted by position in A.
fn dedupe(mut found: Vec<AlignedPassage>) -> Vec<AlignedPassage> {
    found.sort_by(|x, y| {
        y.matched
            .cmp(&x.matched)
            .then(x.a.begin.cmp(&y.a.begin))
            .then(x.b.begin.cmp(&y.b.begin))
    });
    let mut kept: Vec<AlignedPassage> = Vec::new();
    for p in found {
        let dup = kept.iter().any(|k| {
            let oa = p.a.overlap(&k.a) * 2 > p.a.len().min(k.a.len());
            let ob = p.b.overlap(&k.b) * 2 > p.b.len().min(k.b.len());
            oa && ob
        });
        if !dup {
            kept.push(p);
        }
    }
    kept.sort_by(|x, y| x.a.begin.cmp(&y.a.begin).then(x.b.begin.cmp(&y.b.begin)));
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalise::{slice_chars, tokenize};

    /// Seeds computed the way the pipeline does: shared fingerprints.
    fn seeds(a: &str, ta: &[Token], b: &str, tb: &[Token], p: &Params) -> Vec<(u32, u32)> {
        crate::fingerprint::shared_seeds(a, ta, b, tb, p)
    }

    fn align(a: &str, b: &str) -> Vec<AlignedPassage> {
        align_with(a, b, &Params::default())
    }

    fn align_with(a: &str, b: &str, p: &Params) -> Vec<AlignedPassage> {
        let (ta, tb) = (tokenize(a), tokenize(b));
        let s = seeds(a, &ta, b, &tb, p);
        align_pair(
            Tokenized {
                text: a,
                tokens: &ta,
            },
            Tokenized {
                text: b,
                tokens: &tb,
            },
            &s,
            p,
        )
    }

    /// Calls `f` with both sides and the candidate the pipeline would make
    /// of them (every shared fingerprint a seed, none common).
    fn with_candidate(
        a: &str,
        b: &str,
        f: impl FnOnce(Tokenized<'_>, Tokenized<'_>, crate::candidates::Candidate),
    ) {
        let (ta, tb) = (tokenize(a), tokenize(b));
        let seeds = seeds(a, &ta, b, &tb, &Params::default());
        let side = |text, tokens| Tokenized { text, tokens };
        f(
            side(a, &ta),
            side(b, &tb),
            crate::candidates::Candidate {
                a: 0,
                b: 1,
                seeds,
                common: Vec::new(),
                frequent_a: std::sync::Arc::from([]),
                frequent_b: std::sync::Arc::from([]),
            },
        );
    }

    const P1: &str = "The minister said on Thursday that the new rail line would open to passengers before the end of the summer, two years later than first promised, after a long dispute over the cost of the tunnels under the river.";
    const P2: &str = "Engineers found that the soil near the old harbour was softer than the surveys had shown, and the contractor asked for more money to reinforce the walls before any train could run safely through them.";
    const P3: &str = "Opposition councillors called the delay a scandal and demanded a full public inquiry into how the budget had been allowed to grow without a single vote of the city assembly being taken.";
    const FILLER_A: &str = "Weather in the hills stayed cold all week, with snow on the northern passes and farmers keeping their flocks in the lower valleys until the storms had passed.";
    const FILLER_B: &str = "A local bakery won a national prize for its rye bread, and the owner said the secret was patience, a very old oven and flour milled by a neighbour.";

    #[test]
    fn verbatim_copy_is_found_with_exact_offsets() {
        let a = format!("{FILLER_A}\n\n{P1}\n\n{FILLER_B}");
        let b = format!("Intro words here.\n\n{P1}\n\nSomething else entirely different.");
        let got = align(&a, &b);
        assert_eq!(got.len(), 1, "{got:?}");
        let p = &got[0];
        let want = P1.trim_end_matches('.');
        assert_eq!(slice_chars(&a, p.a.begin, p.a.end), want);
        assert_eq!(slice_chars(&b, p.b.begin, p.b.end), want);
        assert!(p.score > 0.99);
    }

    #[test]
    fn an_outlet_name_after_the_copy_does_not_stretch_the_passage() {
        let a = format!("{P1} {P2}\n\n(with the Westbrook Valley Courier\n\n{FILLER_A}");
        let b =
            format!("{P1} {P2}\n\nFirst reported by the Westbrook Valley Courier.\n\n{FILLER_B}");
        let got = align(&a, &b);
        assert_eq!(got.len(), 1, "{got:?}");
        let p = &got[0];
        let copied = slice_chars(&b, p.b.begin, p.b.end);
        assert!(copied.ends_with("run safely through them"), "{copied:?}");
        assert!(slice_chars(&a, p.a.begin, p.a.end).ends_with("run safely through them"));
    }

    #[test]
    fn a_copied_sentence_does_not_run_into_the_next_sentence() {
        let s = "The ferry to the northern islands will stop running in winter, the operator said.";
        let a = format!("{FILLER_A}\n\n{s}\n\nIt rained again on Sunday in the valley.");
        let b = format!("{FILLER_B} {s}\n\nIt was the third closure this year.");
        let got = align(&a, &b);
        assert_eq!(got.len(), 1, "{got:?}");
        let p = &got[0];
        let want = s.trim_end_matches('.');
        assert_eq!(slice_chars(&a, p.a.begin, p.a.end), want);
        assert_eq!(slice_chars(&b, p.b.begin, p.b.end), want);
    }

    #[test]
    fn a_filled_in_template_is_not_a_copied_sentence() {
        let credit = "These facts were first published by the Westbrook Valley Courier.";
        let a = format!("{FILLER_A}\n\n{credit}\n\n{P2}");
        let b = format!("{FILLER_B}\n\n{credit}\n\n{P3}");
        let p = Params::default();
        with_candidate(&a, &b, |side_a, side_b, mut cand| {
            // A sentence shared by two documents, its n-grams rare: a copy.
            let got = align_candidate(side_a, side_b, &cand, &p);
            assert_eq!(got.len(), 1, "{got:?}");
            assert_eq!(
                slice_chars(&a, got[0].a.begin, got[0].a.end),
                credit.trim_end_matches('.')
            );
            // Its opening n-gram found in more than max_df documents (so not
            // a seed, though every sentence of this length has it
            // fingerprinted): the fixed part of a template.
            let begin = a[..a.find(credit).unwrap()].chars().count();
            let start = side_a
                .tokens
                .iter()
                .position(|t| t.begin as usize == begin)
                .unwrap() as u32;
            cand.seeds.retain(|&(pa, _)| pa != start);
            assert!(align_candidate(side_a, side_b, &cand, &p).is_empty());
        });
    }

    #[test]
    fn edits_inside_a_passage_are_bridged() {
        // substitutions, an insertion, typography, a dropped sentence
        let src = format!("{P1} {P2} {P3}");
        let copy = P1
            .replace("Thursday", "Friday")
            .replace("passengers", "the travelling public")
            + " "
            + &P3.replace("scandal", "«scandal»");
        let got = align(&src, &copy);
        assert_eq!(got.len(), 1, "{got:?}");
        let p = &got[0];
        assert_eq!(p.a.begin, 0);
        assert!(slice_chars(&src, p.a.begin, p.a.end).ends_with("city assembly being taken"));
        assert!(slice_chars(&copy, p.b.begin, p.b.end).starts_with("The minister said on Friday"));
    }

    #[test]
    fn transposed_paragraphs_are_both_found() {
        let a = format!("{P1}\n\n{FILLER_A}\n\n{P2}");
        let b = format!("{P2}\n\n{FILLER_B}\n\n{P1}");
        let got = align(&a, &b);
        assert_eq!(got.len(), 2, "{got:?}");
        let texts: Vec<&str> = got
            .iter()
            .map(|p| slice_chars(&b, p.b.begin, p.b.end))
            .collect();
        assert!(texts.iter().any(|t| t.starts_with("The minister")));
        assert!(texts.iter().any(|t| t.starts_with("Engineers found")));
    }

    #[test]
    fn ocr_noise_is_tolerated() {
        let noisy = P1
            .replace("minister", "rninister")
            .replace("passengers", "passcngers")
            .replace("promised", "prom1sed")
            .replace("tunnels", "tunne-\nls");
        let got = align(&format!("{P2} {P1}"), &noisy);
        assert_eq!(got.len(), 1);
        assert!(got[0].matched >= 30, "{got:?}");
    }

    #[test]
    fn common_phrases_do_not_make_passages() {
        let a = "He said that the president of the united states would visit the region next month to meet local leaders.";
        let b = "Critics noted that the president of the united states had never been to the area before this year, unlike his rival.";
        assert!(align(a, b).is_empty());
    }

    #[test]
    fn a_short_copied_sentence_is_kept_but_not_a_short_shared_phrase() {
        // 11 words, 67 characters: under min_chars, but a whole sentence on
        // both sides.
        let sentence = "Snow closed the northern pass for three days in a row last week.";
        let a = format!("{FILLER_A} {sentence} {FILLER_B}");
        let b = format!("{P2}\n\n{sentence}\n\n{P3}");
        let got = align(&a, &b);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(
            slice_chars(&b, got[0].b.begin, got[0].b.end),
            sentence.trim_end_matches('.')
        );
        // The same words inside longer, different sentences are not a copy.
        let c = String::from("Local farmers in the valley said that snow closed the northern pass for three days in a row last week, and then it rained.");
        assert!(align(&a, &c).is_empty());
        // Turning the rule off drops the short sentence too.
        let strict = Params {
            sentence_min_words: 99,
            ..Params::default()
        };
        assert!(align_with(&a, &b, &strict).is_empty());
    }

    #[test]
    fn common_fingerprints_do_not_vouch_for_a_short_sentence() {
        let sentence = "Snow closed the northern pass for three days in a row last week.";
        let a = format!("{FILLER_A} {sentence} {FILLER_B}");
        let b = format!("{P2}\n\n{sentence}\n\n{P3}");
        let p = Params::default();
        with_candidate(&a, &b, |side_a, side_b, mut cand| {
            assert_eq!(align_candidate(side_a, side_b, &cand, &p).len(), 1);
            // The same sentence found in many documents (boilerplate).
            cand.common = cand.seeds.clone();
            assert!(align_candidate(side_a, side_b, &cand, &p).is_empty());
        });
        // A long copied passage needs no rare seed.
        let long_a = format!("{FILLER_A} {P1} {FILLER_B}");
        let long_b = format!("{P2} {P1} {P3}");
        with_candidate(&long_a, &long_b, |side_a, side_b, mut cand| {
            cand.common = cand.seeds.clone();
            assert_eq!(align_candidate(side_a, side_b, &cand, &p).len(), 1);
        });
    }

    #[test]
    fn unrelated_texts_give_nothing() {
        assert!(align(P1, P2).is_empty());
        assert!(align("", P2).is_empty());
    }

    #[test]
    fn seeds_out_of_range_are_ignored() {
        let ta = tokenize(P1);
        let tb = tokenize(P1);
        let p = Params::default();
        let side = Tokenized {
            text: P1,
            tokens: &ta,
        };
        let got = align_pair(
            side,
            Tokenized {
                tokens: &tb,
                ..side
            },
            &[(10_000, 3), (2, 99_999)],
            &p,
        );
        assert!(got.is_empty());
    }
}
