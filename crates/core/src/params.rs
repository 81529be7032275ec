//! Tracing options, with the defaults documented in README.md.

use serde::{Deserialize, Serialize};

/// Options of the reuse kernels. Every field has a default that works on news
/// text; see README.md ("Options") for what each one changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Params {
    /// Words per fingerprint n-gram.
    pub ngram: usize,
    /// Winnowing window (in n-grams): any run of `window + ngram - 1`
    /// identical normalised words is guaranteed to share a fingerprint.
    pub window: usize,
    /// Fingerprints found in more documents than this are ignored (common
    /// phrases, boilerplate).
    pub max_df: usize,
    /// A pair of documents is aligned only if it shares at least this many
    /// fingerprints.
    pub min_shared: usize,
    /// Minimum passage length in characters (on both sides).
    pub min_chars: usize,
    /// Minimum number of aligned (identical) words in a passage.
    pub min_words: usize,
    /// A passage below `min_words` or `min_chars` is still kept when it
    /// covers whole sentences on both sides (sentence start to sentence end,
    /// nearly word for word) and has at least this many aligned words. With
    /// the default (equal to `min_words`) a copied sentence of 10 words or
    /// more is kept however few characters it has; lower values find shorter
    /// copied sentences, at the price of chance matches in large corpora.
    pub sentence_min_words: usize,
    /// Such a short passage must have most of its words covered by
    /// fingerprints found in at most this many documents: a sentence found
    /// in many documents is boilerplate (a credit line, a standard notice).
    pub sentence_max_df: usize,
    /// Minimum density of a passage: aligned words divided by the word count
    /// of its longer side. Chance matches of common words spread over a
    /// long stretch fall below it; copies, even heavily edited, do not.
    pub min_density: f32,
    /// Largest gap, in words, allowed inside one passage (dropped or added
    /// sentences up to this size do not split a passage).
    pub gap: usize,
    /// When true, reuse between two documents of the same non-empty series
    /// (outlet) is not reported.
    pub exclude_same_series: bool,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            ngram: 5,
            window: 4,
            max_df: 100,
            min_shared: 2,
            min_chars: 80,
            min_words: 10,
            sentence_min_words: 10,
            sentence_max_df: 30,
            min_density: 0.5,
            gap: 60,
            exclude_same_series: false,
        }
    }
}

impl Params {
    /// Checks that the options make sense together.
    pub fn validate(&self) -> Result<(), String> {
        if self.ngram == 0 || self.ngram > 32 {
            return Err(format!(
                "ngram must be between 1 and 32, got {}",
                self.ngram
            ));
        }
        if self.window == 0 || self.window > 64 {
            return Err(format!(
                "window must be between 1 and 64, got {}",
                self.window
            ));
        }
        if self.max_df < 2 {
            return Err(format!("max-df must be at least 2, got {}", self.max_df));
        }
        if self.min_shared == 0 {
            return Err("min-shared must be at least 1".into());
        }
        if !(0.0..=1.0).contains(&self.min_density) {
            return Err(format!(
                "min-density must be between 0 and 1, got {}",
                self.min_density
            ));
        }
        if self.gap == 0 {
            return Err("gap must be at least 1 word".into());
        }
        Ok(())
    }
}
