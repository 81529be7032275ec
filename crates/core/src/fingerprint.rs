//! Fingerprints: winnowed hashes of word n-grams.
//!
//! Every run of `ngram` consecutive normalised words is hashed; winnowing
//! (Schleimer, Wilkerson and Aiken 2003) keeps the minimum hash of every
//! window of `window` consecutive n-grams. Two texts sharing a run of at least
//! `window + ngram - 1` words are guaranteed to share a fingerprint, while only
//! about `2 / (window + 1)` of the n-grams are kept.

use crate::normalise::Token;
use std::collections::VecDeque;

/// A kept n-gram: its hash and the index of its first word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Fingerprint {
    pub hash: u64,
    pub pos: u32,
}

#[inline]
fn mix(h: u64, x: u64) -> u64 {
    // A strong 64-bit combine (from the xxh3/murmur finalisers' constants).
    let v = (h ^ x.wrapping_mul(0x9E37_79B9_7F4A_7C15)).rotate_left(27);
    let v = v.wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    v ^ (v >> 31)
}

/// Hashes of every word n-gram of `tokens`, in order.
pub fn ngram_hashes(tokens: &[Token], ngram: usize) -> Vec<u64> {
    if ngram == 0 || tokens.len() < ngram {
        return Vec::new();
    }
    (0..=tokens.len() - ngram)
        .map(|i| {
            tokens[i..i + ngram]
                .iter()
                .fold(0x51_7CC1_B727_220A_u64, |h, t| mix(h, t.hash))
        })
        .collect()
}

/// Winnowed fingerprints of a token sequence, ordered by position.
///
/// Texts with fewer n-grams than one window keep their minimum n-gram, so
/// short documents still get a fingerprint.
pub fn fingerprints(tokens: &[Token], ngram: usize, window: usize) -> Vec<Fingerprint> {
    let hashes = ngram_hashes(tokens, ngram);
    winnow(&hashes, window.max(1))
}

/// Winnowed fingerprints plus, for every sentence of at least
/// `sentence_min_words` words and too short to be sure of two winnowed
/// fingerprints (under `2 * (window + ngram - 1) + ngram` words), the
/// n-grams that open and close it, ordered by position. Winnowing alone guarantees a short copied sentence one
/// shared fingerprint, not the two close ones that make a candidate pair; a
/// copied sentence shares its first and last n-grams, `len - ngram` words
/// apart on one diagonal, wherever it is copied.
pub fn fingerprints_with_sentences(
    text: &str,
    tokens: &[Token],
    ngram: usize,
    window: usize,
    sentence_min_words: usize,
) -> Vec<Fingerprint> {
    let hashes = ngram_hashes(tokens, ngram);
    let mut out = winnow(&hashes, window.max(1));
    if hashes.is_empty() || sentence_min_words == 0 {
        return out;
    }
    let lengths = anchor_lengths(ngram, window, sentence_min_words);
    let mut extra = Vec::new();
    let mut start = 0usize;
    for k in 1..=tokens.len() {
        if k < tokens.len() && !crate::normalise::sentence_break_before(text, tokens, k) {
            continue;
        }
        if lengths.contains(&(k - start)) {
            for p in [start, k - ngram] {
                extra.push(Fingerprint {
                    hash: hashes[p],
                    pos: u32::try_from(p).unwrap_or(u32::MAX),
                });
            }
        }
        start = k;
    }
    if !extra.is_empty() {
        out.extend(extra);
        out.sort_unstable_by_key(|f| f.pos);
        out.dedup_by_key(|f| f.pos);
    }
    out
}

/// Sentence lengths (in words) whose first and last n-grams
/// [`fingerprints_with_sentences`] adds: from `sentence_min_words` (at least
/// `ngram + 1`) up to the length that winnowing alone covers with two
/// fingerprints, `2 * (window + ngram - 1) + ngram` (exclusive).
fn anchor_lengths(
    ngram: usize,
    window: usize,
    sentence_min_words: usize,
) -> std::ops::Range<usize> {
    sentence_min_words.max(ngram + 1)..2 * (window.max(1) + ngram - 1) + ngram
}

/// [`anchor_lengths`] for `params`.
pub fn sentence_anchor_lengths(params: &crate::params::Params) -> std::ops::Range<usize> {
    anchor_lengths(params.ngram, params.window, params.sentence_min_words)
}

/// Pairs of positions `(in a, in b)` of the fingerprints two texts share,
/// as the candidate stage finds them (for tests of the later stages).
#[cfg(test)]
pub(crate) fn shared_positions(a: &[Fingerprint], b: &[Fingerprint]) -> Vec<(u32, u32)> {
    a.iter()
        .flat_map(|x| {
            b.iter()
                .filter(|y| y.hash == x.hash)
                .map(|y| (x.pos, y.pos))
        })
        .collect()
}

/// The seeds the pipeline would give two tokenized texts: the positions of
/// their shared fingerprints (sentence anchors included).
#[cfg(test)]
pub(crate) fn shared_seeds(
    a: &str,
    ta: &[Token],
    b: &str,
    tb: &[Token],
    p: &crate::params::Params,
) -> Vec<(u32, u32)> {
    let fa = fingerprints_with_sentences(a, ta, p.ngram, p.window, p.sentence_min_words);
    let fb = fingerprints_with_sentences(b, tb, p.ngram, p.window, p.sentence_min_words);
    shared_positions(&fa, &fb)
}

/// Winnowing over a hash sequence: for every window of `w` hashes, the
/// right-most minimum is kept; consecutive windows choosing the same position
/// record it once.
pub fn winnow(hashes: &[u64], w: usize) -> Vec<Fingerprint> {
    let mut out = Vec::with_capacity(hashes.len() * 2 / (w + 1) + 1);
    if hashes.is_empty() {
        return out;
    }
    let mut deque: VecDeque<usize> = VecDeque::with_capacity(w + 1);
    let mut last: Option<usize> = None;
    for (i, &h) in hashes.iter().enumerate() {
        while let Some(&back) = deque.back() {
            if hashes[back] >= h {
                deque.pop_back();
            } else {
                break;
            }
        }
        deque.push_back(i);
        while let Some(&front) = deque.front() {
            if front + w <= i {
                deque.pop_front();
            } else {
                break;
            }
        }
        if i + 1 >= w || i + 1 == hashes.len() {
            let m = *deque.front().expect("deque holds the current index");
            if last != Some(m) {
                out.push(Fingerprint {
                    hash: hashes[m],
                    pos: u32::try_from(m).unwrap_or(u32::MAX),
                });
                last = Some(m);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalise::tokenize;

    #[test]
    fn shared_runs_share_a_fingerprint() {
        let a = "one two three four five six seven eight nine ten alpha beta gamma delta";
        let b = "zulu yankee one two three four five six seven eight nine ten omega";
        let fa = fingerprints(&tokenize(a), 5, 4);
        let fb = fingerprints(&tokenize(b), 5, 4);
        assert!(fa.iter().any(|x| fb.iter().any(|y| x.hash == y.hash)));
    }

    #[test]
    fn winnowing_keeps_a_fraction_and_covers_every_window() {
        let hashes: Vec<u64> = (0..1000u64).map(|i| mix(7, i)).collect();
        let fp = winnow(&hashes, 4);
        assert!(fp.len() < 600 && fp.len() > 250, "kept {}", fp.len());
        for start in 0..=hashes.len() - 4 {
            assert!(fp
                .iter()
                .any(|f| (f.pos as usize) >= start && (f.pos as usize) < start + 4));
        }
        // strictly increasing positions
        assert!(fp.windows(2).all(|w| w[0].pos < w[1].pos));
    }

    #[test]
    fn a_copied_sentence_shares_its_first_and_last_ngrams() {
        let s = "The ferry to the northern islands will stop running in winter.";
        let a =
            format!("Rain fell on the town all day long and into the night. {s} More rain came.");
        let b = format!("Nobody expected it. {s}\n\nThe mayor did not comment on the plans.");
        let (ta, tb) = (tokenize(&a), tokenize(&b));
        let fa = fingerprints_with_sentences(&a, &ta, 5, 4, 10);
        let fb = fingerprints_with_sentences(&b, &tb, 5, 4, 10);
        let shared = shared_positions(&fa, &fb);
        // "The ferry" starts at word 12 in A and 3 in B; the sentence has
        // 11 words, so its last 5-gram starts 6 words later.
        assert!(shared.contains(&(12, 3)), "{shared:?}");
        assert!(shared.contains(&(18, 9)), "{shared:?}");
        // Positions stay strictly increasing, and the winnowed ones are kept.
        assert!(fa.windows(2).all(|w| w[0].pos < w[1].pos));
        let plain = fingerprints(&ta, 5, 4);
        assert!(plain.iter().all(|f| fa.contains(f)));
    }

    #[test]
    fn short_and_empty_inputs() {
        assert!(fingerprints(&tokenize("a b c"), 5, 4).is_empty());
        assert_eq!(fingerprints(&tokenize("a b c d e"), 5, 4).len(), 1);
        assert_eq!(fingerprints(&tokenize("a b c d e f"), 5, 4).len(), 1);
    }

    #[test]
    fn normalisation_invariant() {
        let a = fingerprints(&tokenize("Le «Daech*» a reçu des ARMES, via l’Otan."), 3, 2);
        let b = fingerprints(&tokenize("le \"Daech\" a recu des armes via l'OTAN"), 3, 2);
        assert_eq!(a, b);
    }
}
