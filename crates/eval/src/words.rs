//! Word-level helpers shared by the generator's self-checks and the tests:
//! a tokenisation into lowercase alphanumeric words and the Jaccard index of
//! two texts' word sets.

use std::collections::HashSet;

/// Lowercase alphanumeric words of `text` (every maximal run of alphanumeric
/// characters is one word; everything else separates words).
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
}

/// Set of the [`words`] of `text`.
pub fn word_set(text: &str) -> HashSet<String> {
    words(text).collect()
}

/// Jaccard index `|A ∩ B| / |A ∪ B|` of the word sets of two texts
/// (1.0 when both are empty).
pub fn word_jaccard(a: &str, b: &str) -> f64 {
    let sa = word_set(a);
    let sb = word_set(b);
    if sa.is_empty() && sb.is_empty() {
        return 1.0;
    }
    let inter = sa.intersection(&sb).count();
    inter as f64 / (sa.len() + sb.len() - inter) as f64
}

/// Fraction of the words of `original` (counted with multiplicity) that are
/// still present in `edited` (multiset intersection / size of `original`).
pub fn word_retention(original: &str, edited: &str) -> f64 {
    let mut counts: std::collections::HashMap<String, usize> = Default::default();
    for w in words(edited) {
        *counts.entry(w).or_default() += 1;
    }
    let mut total = 0usize;
    let mut kept = 0usize;
    for w in words(original) {
        total += 1;
        if let Some(n) = counts.get_mut(&w) {
            if *n > 0 {
                *n -= 1;
                kept += 1;
            }
        }
    }
    if total == 0 {
        1.0
    } else {
        kept as f64 / total as f64
    }
}

/// Hashes of the lowercase words of `text`, in order (64-bit, so equal
/// hashes mean equal words for all practical purposes). Used by the
/// generator's checks, which run on every copy it makes.
pub(crate) fn word_hashes(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut h = 0u64;
    let mut in_word = false;
    const PRIME: u64 = 0x0000_0100_0000_01B3;
    for c in text.chars() {
        let alnum = if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            c.is_alphanumeric()
        };
        if alnum {
            if c.is_ascii() {
                h = (h ^ c.to_ascii_lowercase() as u64).wrapping_mul(PRIME);
            } else {
                for l in c.to_lowercase() {
                    h = (h ^ l as u64).wrapping_mul(PRIME);
                }
            }
            in_word = true;
        } else if in_word {
            out.push(crate::rng::mix64(h));
            h = 0;
            in_word = false;
        }
    }
    if in_word {
        out.push(crate::rng::mix64(h));
    }
    out
}

fn sorted_set(text: &str) -> Vec<u64> {
    let mut v = word_hashes(text);
    v.sort_unstable();
    v.dedup();
    v
}

/// [`word_jaccard`] computed on word hashes.
pub(crate) fn fast_jaccard(a: &str, b: &str) -> f64 {
    let (x, y) = (sorted_set(a), sorted_set(b));
    if x.is_empty() && y.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    inter as f64 / (x.len() + y.len() - inter) as f64
}

/// [`word_retention`] computed on word hashes.
pub(crate) fn fast_retention(original: &str, edited: &str) -> f64 {
    let mut x = word_hashes(original);
    let mut y = word_hashes(edited);
    if x.is_empty() {
        return 1.0;
    }
    x.sort_unstable();
    y.sort_unstable();
    let (mut i, mut j, mut kept) = (0, 0, 0usize);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                kept += 1;
                i += 1;
                j += 1;
            }
        }
    }
    kept as f64 / x.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jaccard_and_retention() {
        assert_eq!(word_jaccard("The cat, the HAT.", "the cat hat"), 1.0);
        // {a,b,c} vs {b,c,d}: 2 / 4
        assert!((word_jaccard("a b c", "b c d") - 0.5).abs() < 1e-12);
        assert_eq!(word_jaccard("", ""), 1.0);
        assert_eq!(word_jaccard("x", ""), 0.0);
        // 3 of the 4 words of the original survive.
        assert!((word_retention("a a b c", "a b c z") - 0.75).abs() < 1e-12);
        assert_eq!(
            words("fé-\ndéral l'État").collect::<Vec<_>>(),
            ["fé", "déral", "l", "état"]
        );
        for (a, b) in [
            ("The cat, the HAT.", "the cat hat"),
            ("a b c", "b c d"),
            ("Été 2021: l'État", "été état 2021 l x"),
            ("", "x"),
        ] {
            assert_eq!(fast_jaccard(a, b), word_jaccard(a, b), "{a} / {b}");
            assert_eq!(fast_retention(a, b), word_retention(a, b), "{a} / {b}");
        }
        assert_eq!(word_hashes("Ab, ab;AB"), vec![word_hashes("ab")[0]; 3]);
    }
}
