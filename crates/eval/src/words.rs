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
    }
}
