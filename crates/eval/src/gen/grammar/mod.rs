//! Built-in fallback for background text when no base corpus is available: a
//! compositional sentence grammar for English and French news prose.
//!
//! Sentences are assembled from parts — subject phrases (people with roles,
//! organisations, groups, things), verb phrases in several tenses, moods and
//! voices, objects with modifiers, adverbials of time, place, manner and
//! cause, subordinate and relative clauses, attributions and quotes — put in
//! varied orders. Names of places, organisations and companies are invented
//! procedurally; the common words come from lexicons of several hundred
//! nouns, verbs and adjectives per language. No fixed multi-word template is
//! longer than about four words, so two unrelated documents rarely share a
//! run of more than a few words.

mod en;
mod fr;

/// Sentences shorter than this many words or bytes are drawn again (a few
/// times). News sentences average over 20 words; a passage reused alone is
/// a sentence or more, and a reuse detector needs some words to see it.
const MIN_WORDS: usize = 13;
const MIN_BYTES: usize = 85;

/// Number of words (maximal runs of letters and digits) in `s`.
fn word_count(s: &str) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for c in s.chars() {
        let w = c.is_ascii_alphanumeric() || (!c.is_ascii() && c.is_alphanumeric());
        if w && !in_word {
            n += 1;
        }
        in_word = w;
    }
    n
}

use crate::rng::Rng;

use super::LangCode;

/// Splits a whitespace-separated word list; `_` inside an entry stands for a
/// space.
fn list(s: &str) -> Vec<String> {
    s.split_whitespace().map(|w| w.replace('_', " ")).collect()
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Upper-cases the first letter of a finished sentence (after any opening
/// quotation mark) and makes sure it ends with a full stop.
fn finish(mut s: String) -> String {
    if let Some((i, c)) = s.char_indices().find(|(_, c)| c.is_alphanumeric()) {
        if c.is_lowercase() {
            let up: String = c.to_uppercase().collect();
            s.replace_range(i..i + c.len_utf8(), &up);
        }
    }
    let end = s.trim_end().trim_end_matches(['"', '»', ' ', '\u{a0}']);
    if !(end.ends_with('.') || end.ends_with('?') || end.ends_with('!')) {
        let end = s.trim_end();
        let mut t = end.trim_end_matches([',', ';', ':']).to_string();
        t.push('.');
        return t;
    }
    s
}

const ONSETS: &[&str] = &[
    "B", "Br", "C", "Ch", "D", "Dr", "F", "G", "Gr", "H", "K", "L", "M", "N", "P", "R", "S", "St",
    "T", "Tr", "V", "W", "Z", "Bl", "Cl",
];
const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ea", "ou", "au", "y"];
const CODAS: &[&str] = &[
    "", "n", "r", "l", "s", "nd", "rk", "m", "x", "ll", "rn", "st",
];
const EN_SUFFIX: &[&str] = &[
    "ton", "ford", "bury", "wick", "field", "mouth", "ham", "stead", "dale", "port", "by", "well",
    "minster", "ley",
];
const FR_SUFFIX: &[&str] = &[
    "ac", "ville", "court", "mont", "ières", "ange", "ignan", "euil", "elle", "and", "ay", "oux",
    "ès", "in",
];

/// An invented place name.
pub(crate) fn place(rng: &mut Rng, lang: LangCode) -> String {
    let mut s = String::new();
    s.push_str(rng.pick(ONSETS));
    s.push_str(rng.pick(VOWELS));
    s.push_str(rng.pick(CODAS));
    if rng.chance(0.4) {
        s.push_str(&rng.pick(ONSETS).to_lowercase());
        s.push_str(rng.pick(VOWELS));
    }
    match lang {
        LangCode::En => s.push_str(rng.pick(EN_SUFFIX)),
        LangCode::Fr => {
            s.push_str(rng.pick(FR_SUFFIX));
            if rng.chance(0.15) {
                s = format!("Saint-{s}");
            }
        }
    }
    s
}

const BRAND_END: &[&str] = &[
    "a", "ex", "ia", "o", "on", "is", "um", "ar", "el", "ix", "ena", "ico", "ora", "eo",
];

/// An invented company or brand stem ("Dravex", "Clouria").
pub(crate) fn brand(rng: &mut Rng) -> String {
    let mut s = String::new();
    s.push_str(rng.pick(ONSETS));
    s.push_str(rng.pick(VOWELS));
    if rng.chance(0.5) {
        s.push_str(&rng.pick(ONSETS).to_lowercase());
    } else {
        s.push_str(rng.pick(CODAS));
    }
    s.push_str(rng.pick(BRAND_END));
    s
}

/// A person: first name, surname, and whether the first name is a woman's.
struct Person {
    first: String,
    last: String,
    fem: bool,
}

impl Person {
    fn full(&self) -> String {
        format!("{} {}", self.first, self.last)
    }
}

/// Draws a person from alternating (man, woman) first-name lists.
fn person(rng: &mut Rng, first: &[String], last: &[String]) -> Person {
    let i = rng.below(first.len());
    let mut last_name = rng.pick_ref(last).clone();
    if rng.chance(0.12) {
        // Double-barrelled surname.
        last_name = format!("{last_name}-{}", rng.pick_ref(last));
    }
    Person {
        first: first[i].clone(),
        last: last_name,
        fem: i % 2 == 1,
    }
}

trait PickRef {
    fn pick_ref<'a, T>(&mut self, xs: &'a [T]) -> &'a T;
}

impl PickRef for Rng {
    fn pick_ref<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// A count written as news prose does ("14", "260", "3,400").
fn count(rng: &mut Rng) -> String {
    match rng.below(5) {
        0 => rng.range(2, 19).to_string(),
        1 => rng.range(20, 99).to_string(),
        2 => rng.range(100, 999).to_string(),
        3 => format!("{},{:03}", rng.range(1, 99), rng.below(1000)),
        _ => format!("{},{}00", rng.range(1, 40), rng.below(10)),
    }
}

/// A year between `lo` and `hi`.
fn year(rng: &mut Rng, lo: usize, hi: usize) -> String {
    rng.range(lo, hi).to_string()
}

enum Lex {
    En(Box<en::En>),
    Fr(Box<fr::Fr>),
}

/// Grammar-based sentence source.
pub(crate) struct Grammar {
    lex: Lex,
}

impl Grammar {
    pub(crate) fn new(lang: LangCode) -> Self {
        let lex = match lang {
            LangCode::En => Lex::En(Box::new(en::En::new())),
            LangCode::Fr => Lex::Fr(Box::new(fr::Fr::new())),
        };
        Grammar { lex }
    }

    /// Appends one sentence to `out`.
    pub(crate) fn sentence(&self, rng: &mut Rng, out: &mut String) {
        let s = match &self.lex {
            Lex::En(g) => g.sentence(rng),
            Lex::Fr(g) => g.sentence(rng),
        };
        out.push_str(&s);
    }

    /// A random content word.
    pub(crate) fn random_word(&self, rng: &mut Rng) -> &str {
        match &self.lex {
            Lex::En(g) => g.random_word(rng),
            Lex::Fr(g) => g.random_word(rng),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn sentences(lang: LangCode, seed: u64, n: usize) -> Vec<String> {
        let mut rng = Rng::new(seed);
        let g = Grammar::new(lang);
        (0..n)
            .map(|_| {
                let mut s = String::new();
                g.sentence(&mut rng, &mut s);
                s
            })
            .collect()
    }

    #[test]
    fn sentences_look_like_sentences() {
        for lang in [LangCode::En, LangCode::Fr] {
            for s in sentences(lang, 11, 3000) {
                let first = s.chars().next().unwrap();
                assert!(first.is_uppercase() || first == '"' || first == '«', "{s}");
                let end = s.trim_end_matches(['"', '»', ' ']);
                assert!(end.ends_with('.') || end.ends_with('?'), "{s}");
                assert!(
                    !s.contains("  ") && !s.contains('{') && !s.contains('_'),
                    "{s}"
                );
                assert!(
                    !s.contains(" ,") && !s.contains(",,") && !s.contains(".."),
                    "{s}"
                );
                assert!(
                    !s.contains(" .") && !s.contains(", .") && !s.contains(",."),
                    "{s}"
                );
                assert!(s.split(' ').count() >= 5, "{s}");
            }
            let g = Grammar::new(lang);
            let mut rng = Rng::new(3);
            assert!(!g.random_word(&mut rng).is_empty());
        }
    }

    #[test]
    fn grammar_is_deterministic() {
        for lang in [LangCode::En, LangCode::Fr] {
            assert_eq!(sentences(lang, 5, 200), sentences(lang, 5, 200));
            assert_ne!(sentences(lang, 5, 50), sentences(lang, 6, 50));
        }
    }

    /// Sentence openings and word 5-grams are spread thinly: no 5-gram of
    /// words recurs in a large share of sentences.
    #[test]
    fn no_frequent_long_templates() {
        for lang in [LangCode::En, LangCode::Fr] {
            let sents = sentences(lang, 7, 20_000);
            // 5-gram hash -> (count of sentences, an example).
            let mut grams: HashMap<u64, (usize, String)> = HashMap::new();
            for s in &sents {
                let w: Vec<String> = crate::words::words(s).collect();
                let h = crate::words::word_hashes(s);
                let mut seen = std::collections::HashSet::new();
                for (k, g) in h.windows(5).enumerate() {
                    let key = g.iter().fold(0u64, |a, &x| crate::rng::mix64(a ^ x));
                    if seen.insert(key) {
                        let e = grams
                            .entry(key)
                            .or_insert_with(|| (0, w[k..k + 5].join(" ")));
                        e.0 += 1;
                    }
                }
            }
            let mut top: Vec<&(usize, String)> = grams.values().collect();
            top.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
            if std::env::var("SHOW_GRAMS").is_ok() {
                for (n, g) in &top[..30] {
                    println!("{lang:?} {n} {g}");
                }
            }
            let (n, g) = top[0];
            assert!(
                *n < sents.len() / 200,
                "{lang:?}: 5-gram {g:?} in {n} of {} sentences",
                sents.len()
            );
        }
    }

    #[test]
    fn french_elision_and_contraction() {
        assert_eq!(
            fr::tidy("le accord de le projet à les élus de la île"),
            "l'accord du projet aux élus de l'île"
        );
        assert_eq!(
            fr::tidy("de le hôpital que il a de les hausses"),
            "de l'hôpital qu'il a des hausses"
        );
        assert_eq!(
            fr::tidy("si il ne a pas de enquête"),
            "s'il n'a pas d'enquête"
        );
    }

    #[test]
    fn english_indefinite_article() {
        assert_eq!(
            en::tidy("a inquiry into a union and a hour with a MP, a 8% rise, a European deal"),
            "an inquiry into a union and an hour with an MP, an 8% rise, a European deal"
        );
    }
}

#[cfg(test)]
mod samples {
    use super::*;
    #[test]
    #[ignore]
    fn print_samples() {
        let lang = if std::env::var("LANG_FR").is_ok() {
            LangCode::Fr
        } else {
            LangCode::En
        };
        let mut rng = Rng::new(
            std::env::var("SEED")
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(1),
        );
        let g = Grammar::new(lang);
        for _ in 0..40 {
            let mut s = String::new();
            g.sentence(&mut rng, &mut s);
            println!("{s}");
        }
    }
}

#[cfg(test)]
mod bench {
    use super::*;
    #[test]
    #[ignore]
    fn sentence_speed() {
        for lang in [LangCode::En, LangCode::Fr] {
            let g = Grammar::new(lang);
            let mut rng = Rng::new(1);
            let t = std::time::Instant::now();
            let mut n = 0usize;
            let mut chars = 0usize;
            while n < 200_000 {
                let mut s = String::new();
                g.sentence(&mut rng, &mut s);
                chars += s.len();
                n += 1;
            }
            let e = t.elapsed().as_secs_f64();
            println!(
                "{lang:?}: {:.0} sentences/s, {:.1} MB/s",
                n as f64 / e,
                chars as f64 / e / 1e6
            );
        }
    }
}
