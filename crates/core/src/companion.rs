//! Companion sentences: short sentences copied alongside a confirmed
//! passage.
//!
//! A copier who takes a paragraph often takes a sentence or two more from
//! elsewhere in the same source, or moves one: a quote placed before the
//! paragraph, the closing line put first. Such a sentence is too short to
//! share the two close fingerprints that make a candidate pair, and has no
//! seed chain of its own, so the seed-driven alignment never looks at it.
//! Once a pair is known to share a long passage, however, a whole sentence
//! found nearly word for word in both documents is far more likely copied
//! than chance: this module looks for those, sentence against sentence
//! (shared word bigrams to find the partners, a word LCS to verify them),
//! and returns them as extra passages.
//!
//! Rules, each against a known failure:
//! - only pairs with a passage of `min_words` words and `min_chars`
//!   characters on both sides (a confirmed copy) get companions;
//! - a companion is a run of whole sentences on both sides with at least
//!   [`COMPANION_MIN_WORDS`] aligned words and density
//!   [`COMPANION_MIN_DENSITY`];
//! - half or more of it must not lie inside a passage of the same pair, on
//!   either side (that stretch is already aligned, and a sentence inside
//!   another passage would merge with it in clustering and chain two
//!   families; a passage running a few words into it does not count);
//! - it must not hold a fingerprint found in more than `sentence_max_df`
//!   documents on either side (the candidate's `frequent_a`/`frequent_b`):
//!   a phrase that common, such as the fixed part of a credit line
//!   ("D'après les informations publiées par X"), makes a sentence a
//!   formula, not a copy; and a filled-in template is refused as in the
//!   main alignment (`template_like`), and so is a sentence made mostly of
//!   capitalised words (a name: the outlet of a credit line, a caption) or
//!   one where each text has a capitalised word the other lacks (a
//!   template's slot filled with two names).

use crate::align::{break_before, template_like, AlignedPassage, Tokenized};
use crate::model::CharSpan;
use crate::params::Params;

/// Fewest aligned words of a companion (sentence run).
pub const COMPANION_MIN_WORDS: usize = 5;
/// Smallest density (aligned words over the longer side's words).
const COMPANION_MIN_DENSITY: f32 = 0.75;
/// Longest sentence considered (longer ones share fingerprints and are the
/// main alignment's job).
const MAX_SENTENCE_WORDS: usize = 40;
/// Most sentences joined into one companion run.
const MAX_RUN: usize = 3;

/// Sentences of one side as token ranges `[start, end)`.
fn sentences(side: Tokenized<'_>) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for k in 1..=side.tokens.len() {
        if k == side.tokens.len() || break_before(side, k) {
            out.push((start, k));
            start = k;
        }
    }
    out
}

/// Longest common subsequence of two word-hash sequences, as the matched
/// index pairs (relative to the slices' starts).
fn lcs(x: &[u64], y: &[u64]) -> Vec<(usize, usize)> {
    let (n, m) = (x.len(), y.len());
    let w = m + 1;
    let mut t = vec![0u16; (n + 1) * w];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            t[i * w + j] = if x[i] == y[j] {
                t[(i + 1) * w + j + 1] + 1
            } else {
                t[(i + 1) * w + j].max(t[i * w + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::with_capacity(t[0] as usize);
    while i < n && j < m {
        if x[i] == y[j] {
            out.push((i, j));
            i += 1;
            j += 1;
        } else if t[(i + 1) * w + j] >= t[i * w + j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// True when the word range `x` shares at least half of its words with
/// the word range `y` (a passage of the pair).
fn overlaps(x: (usize, usize), y: (u32, u32)) -> bool {
    let o = (y.1 as usize)
        .min(x.1)
        .saturating_sub((y.0 as usize).max(x.0));
    2 * o >= (x.1 - x.0).max(1)
}

/// Companion sentences of a pair whose main alignment gave `found`; see
/// the module documentation. Deterministic; sorted by position in A.
pub(crate) fn companion_sentences(
    sa: Tokenized<'_>,
    sb: Tokenized<'_>,
    found: &[AlignedPassage],
    seeds: &[(u32, u32)],
    frequent: (&[u32], &[u32]),
    params: &Params,
) -> Vec<AlignedPassage> {
    if !found.iter().any(|p| p.is_long(params)) {
        return Vec::new();
    }
    let free_a = |r: (usize, usize)| !found.iter().any(|p| overlaps(r, p.a_words));
    let free_b = |r: (usize, usize)| !found.iter().any(|p| overlaps(r, p.b_words));
    let usable = |r: &(usize, usize)| r.1 - r.0 >= 2 && r.1 - r.0 <= MAX_SENTENCE_WORDS;
    let sent_a: Vec<(usize, usize)> = sentences(sa).into_iter().filter(usable).collect();
    let sent_b: Vec<(usize, usize)> = sentences(sb).into_iter().filter(usable).collect();
    if sent_a.is_empty() || sent_b.is_empty() {
        return Vec::new();
    }
    let ha: Vec<u64> = sa.tokens.iter().map(|t| t.hash).collect();
    let hb: Vec<u64> = sb.tokens.iter().map(|t| t.hash).collect();
    let bigram =
        |h: &[u64], k: usize| h[k].rotate_left(17) ^ h[k + 1].wrapping_mul(0x9E37_79B9_7F4A_7C15);
    // Word bigrams of B's free sentences, with their sentence numbers,
    // sorted for binary search.
    let mut index: Vec<(u64, u32)> = Vec::new();
    for (s, &(b0, b1)) in sent_b.iter().enumerate() {
        if free_b((b0, b1)) {
            index.extend((b0..b1 - 1).map(|k| (bigram(&hb, k), s as u32)));
        }
    }
    if index.is_empty() {
        return Vec::new();
    }
    index.sort_unstable();
    index.dedup();
    // Sentence pairs sharing at least two bigrams, worth verifying.
    let mut partners: Vec<(usize, usize)> = Vec::new();
    let mut counts = vec![0u32; sent_b.len()];
    let mut touched: Vec<u32> = Vec::new();
    for (s, &(a0, a1)) in sent_a.iter().enumerate() {
        if !free_a((a0, a1)) {
            continue;
        }
        for k in a0..a1 - 1 {
            let g = bigram(&ha, k);
            let from = index.partition_point(|e| e.0 < g);
            for &(_, t) in index[from..].iter().take_while(|e| e.0 == g) {
                if counts[t as usize] == 0 {
                    touched.push(t);
                }
                counts[t as usize] += 1;
            }
        }
        touched.sort_unstable();
        for &t in &touched {
            if counts[t as usize] >= 2 {
                partners.push((s, t as usize));
            }
            counts[t as usize] = 0;
        }
        touched.clear();
    }
    let mut out = Vec::new();
    let mut used_a = vec![false; sent_a.len()];
    let mut used_b = vec![false; sent_b.len()];
    for &(s, t) in &partners {
        if used_a[s] || used_b[t] {
            continue;
        }
        // The best run of up to MAX_RUN consecutive sentences starting at the
        // partners and extending forward on both sides together.
        let mut best: Option<(usize, AlignedPassage)> = None;
        for len in 1..=MAX_RUN {
            if s + len > sent_a.len() || t + len > sent_b.len() {
                break;
            }
            let ra = (sent_a[s].0, sent_a[s + len - 1].1);
            let rb = (sent_b[t].0, sent_b[t + len - 1].1);
            let contiguous = (1..len).all(|k| {
                sent_a[s + k].0 == sent_a[s + k - 1].1 && sent_b[t + k].0 == sent_b[t + k - 1].1
            });
            if !contiguous
                || !free_a(ra)
                || !free_b(rb)
                || (1..len).any(|k| used_a[s + k] || used_b[t + k])
            {
                break;
            }
            if holds_any(frequent.0, ra) || holds_any(frequent.1, rb) {
                break;
            }
            if let Some(p) = verify(sa, sb, &ha, &hb, ra, rb, seeds, params) {
                if best.as_ref().is_none_or(|(_, q)| p.matched > q.matched) {
                    best = Some((len, p));
                }
            }
        }
        if let Some((len, p)) = best {
            for k in 0..len {
                used_a[s + k] = true;
                used_b[t + k] = true;
            }
            out.push(p);
        }
    }
    out.sort_by(|x, y| x.a.begin.cmp(&y.a.begin).then(x.b.begin.cmp(&y.b.begin)));
    out
}

/// True when at least half of the matched words of one side, leaving out
/// each sentence's first word, start with a capital: a short sentence made
/// mostly of a name (an outlet in a credit line, "Selon Le Journal de X",
/// "(avec La Voix du Y)"; a caption) is a formula, not a copy.
fn mostly_names(
    side: Tokenized<'_>,
    chosen: &[(u32, u32)],
    pos: impl Fn(&(u32, u32)) -> u32,
) -> bool {
    let mut words = 0usize;
    let mut capitals = 0usize;
    for c in chosen {
        let k = pos(c) as usize;
        if break_before(side, k) {
            continue;
        }
        words += 1;
        capitals += capitalised(side, k) as usize;
    }
    words > 0 && 2 * capitals >= words
}

/// True when token `k` of `side` starts with a capital letter.
fn capitalised(side: Tokenized<'_>, k: usize) -> bool {
    let t = side.tokens[k];
    let first = side
        .text
        .get(t.byte_begin as usize..)
        .and_then(|s| s.chars().next());
    first.is_some_and(char::is_uppercase)
}

/// True when one of the sorted word positions `at` lies in `range`.
fn holds_any(at: &[u32], range: (usize, usize)) -> bool {
    let k = at.partition_point(|&p| (p as usize) < range.0);
    at.get(k).is_some_and(|&p| (p as usize) < range.1)
}

/// The passage of sentence runs `ra` (in A) and `rb` (in B), if they match
/// well enough to be a companion.
#[allow(clippy::too_many_arguments)]
fn verify(
    sa: Tokenized<'_>,
    sb: Tokenized<'_>,
    ha: &[u64],
    hb: &[u64],
    ra: (usize, usize),
    rb: (usize, usize),
    seeds: &[(u32, u32)],
    params: &Params,
) -> Option<AlignedPassage> {
    let (la, lb) = (ra.1 - ra.0, rb.1 - rb.0);
    let longer = la.max(lb);
    if longer > MAX_SENTENCE_WORDS * MAX_RUN {
        return None;
    }
    // Cheap bound before the LCS: too different in length.
    if (la.min(lb) as f32) < COMPANION_MIN_DENSITY * longer as f32 {
        return None;
    }
    let m = lcs(&ha[ra.0..ra.1], &hb[rb.0..rb.1]);
    if m.len() < COMPANION_MIN_WORDS || (m.len() as f32) < COMPANION_MIN_DENSITY * longer as f32 {
        return None;
    }
    let chosen: Vec<(u32, u32)> = m
        .iter()
        .map(|&(i, j)| ((ra.0 + i) as u32, (rb.0 + j) as u32))
        .collect();
    if mostly_names(sa, &chosen, |c| c.0) || mostly_names(sb, &chosen, |c| c.1) {
        return None;
    }
    let unmatched_name =
        |side: Tokenized<'_>, r: (usize, usize), pos: &dyn Fn(&(u32, u32)) -> u32| {
            (r.0..r.1).any(|k| {
                !chosen.iter().any(|c| pos(c) as usize == k)
                    && !break_before(side, k)
                    && capitalised(side, k)
            })
        };
    if unmatched_name(sa, ra, &|c| c.0) && unmatched_name(sb, rb, &|c| c.1) {
        // A name in one where the other has another name: a template's
        // slot filled twice ("Voici ce que rapporte Le Journal de X").
        return None;
    }
    if template_like(sa, sb, seeds, &chosen, params) {
        return None;
    }
    let (fa, fb) = chosen[0];
    let (ea, eb) = *chosen.last()?;
    let (ta, tb) = (sa.tokens, sb.tokens);
    let span_a = (ea - fa + 1) as usize;
    let span_b = (eb - fb + 1) as usize;
    Some(AlignedPassage {
        a_words: (fa, ea + 1),
        b_words: (fb, eb + 1),
        a: CharSpan {
            begin: ta[fa as usize].begin as usize,
            end: ta[ea as usize].end as usize,
        },
        b: CharSpan {
            begin: tb[fb as usize].begin as usize,
            end: tb[eb as usize].end as usize,
        },
        matched: chosen.len() as u32,
        score: chosen.len() as f32 / span_a.max(span_b) as f32,
    })
}

#[cfg(test)]
mod tests {
    use crate::align::{align_candidate, Tokenized};
    use crate::candidates::Candidate;
    use crate::normalise::{slice_chars, tokenize};
    use crate::params::Params;

    pub(super) const LONG: &str = "The port authority announced on Tuesday that the northern breakwater would be closed to fishing boats for the whole winter, because divers had found deep cracks in the concrete blocks that protect the inner basin from storms.";
    pub(super) const OTHER_A: &str = "In the market square, traders complained that the new parking fees had kept customers away for most of the autumn and asked the council to think again.";
    pub(super) const OTHER_B: &str = "The choir of the old chapel will give three concerts in December, with music written for the occasion by a teacher from the music school.";
    pub(super) const SHORT: &str = "The harbour master declined to comment.";

    /// Aligns `a` and `b` as the pipeline does (shared fingerprints as
    /// seeds); `frequent_a` are the word positions of A whose fingerprint
    /// is common in the corpus.
    pub(super) fn align_frequent(a: &str, b: &str, frequent_a: Vec<u32>) -> Vec<(String, String)> {
        let p = Params::default();
        let (ta, tb) = (tokenize(a), tokenize(b));
        let seeds = crate::fingerprint::shared_seeds(a, &ta, b, &tb, &p);
        let side = |text, tokens| Tokenized { text, tokens };
        let cand = Candidate {
            a: 0,
            b: 1,
            seeds,
            common: Vec::new(),
            frequent_a: frequent_a.into(),
            frequent_b: std::sync::Arc::from([]),
        };
        align_candidate(side(a, &ta), side(b, &tb), &cand, &p)
            .into_iter()
            .map(|x| {
                (
                    slice_chars(a, x.a.begin, x.a.end).to_string(),
                    slice_chars(b, x.b.begin, x.b.end).to_string(),
                )
            })
            .collect()
    }

    fn align(a: &str, b: &str) -> Vec<(String, String)> {
        align_frequent(a, b, Vec::new())
    }

    #[test]
    fn a_sentence_moved_beside_a_copied_passage_is_found() {
        let a = format!("{LONG} {SHORT} {OTHER_A}");
        let b = format!("{SHORT}\n\n{OTHER_B}\n\n{LONG}");
        let got = align(&a, &b);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(
            got.iter()
                .any(|(x, y)| x == y && SHORT.starts_with(x.as_str())),
            "{got:?}"
        );
        // Lightly edited, still found.
        let edited = "The port master declined to comment.";
        let b = format!("{edited}\n\n{OTHER_B}\n\n{LONG}");
        assert_eq!(align(&a, &b).len(), 2);
    }

    #[test]
    fn a_short_sentence_alone_is_not_a_copy() {
        // Without a confirmed passage, a short shared sentence is chance.
        let a = format!("{OTHER_A} {SHORT}");
        let b = format!("{SHORT}\n\n{OTHER_B}");
        assert!(align(&a, &b).is_empty());
    }

    #[test]
    fn a_sentence_that_only_shares_words_is_not_a_companion() {
        let a = format!("{LONG} {SHORT} {OTHER_A}");
        let b = format!("Yesterday the harbour master declined to comment on the fishing fleet or its boats.\n\n{OTHER_B}\n\n{LONG}");
        let got = align(&a, &b);
        assert_eq!(got.len(), 1, "{got:?}");
    }
}

#[cfg(test)]
mod formula_tests {
    use super::tests::{align_frequent, LONG, OTHER_A, OTHER_B, SHORT};
    use crate::normalise::tokenize;

    #[test]
    fn a_sentence_holding_a_common_phrase_is_not_a_companion() {
        let a = format!("{LONG} {SHORT} {OTHER_A}");
        let b = format!("{SHORT}\n\n{OTHER_B}\n\n{LONG}");
        assert_eq!(align_frequent(&a, &b, Vec::new()).len(), 2);
        // The same text where the corpus has the sentence's opening n-gram
        // in many documents.
        let at = tokenize(LONG).len() as u32;
        assert_eq!(align_frequent(&a, &b, vec![at]).len(), 1);
    }

    #[test]
    fn a_template_filled_with_two_names_is_not_a_companion() {
        let a =
            format!("{LONG} Voici ce que rapporte notre confrère Le Journal de Brume. {OTHER_A}");
        let b = format!(
            "Voici ce que rapporte notre confrère Le Courrier de Brume.\n\n{OTHER_B}\n\n{LONG}"
        );
        assert_eq!(align_frequent(&a, &b, Vec::new()).len(), 1);
        // The same sentence with the same name is a companion.
        let b = format!(
            "Voici ce que rapporte notre confrère Le Journal de Brume.\n\n{OTHER_B}\n\n{LONG}"
        );
        assert_eq!(align_frequent(&a, &b, Vec::new()).len(), 2);
    }

    #[test]
    fn a_credit_line_naming_an_outlet_is_not_a_companion() {
        let credit = "Selon La Gazette du Val de Brume.";
        let a = format!("{LONG} {credit} {OTHER_A}");
        let b = format!("{credit}\n\n{OTHER_B}\n\n{LONG}");
        assert_eq!(align_frequent(&a, &b, Vec::new()).len(), 1);
    }
}
