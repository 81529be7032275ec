//! Features of a document for stories, narratives and claims: key entities
//! (capitalised names, acronyms, known aliases across languages, numbers),
//! content-word stems, and entity pairs mentioned in one sentence (the
//! language-independent trace of a claim such as "the US helps ISIS"); all
//! hashed to `u64` keys, per sentence and for the whole document.

use crate::lexicon;
use crate::text::{analyse, skeleton, Word};
use echotrace_core::model::CharSpan;
use std::collections::{BTreeMap, HashSet};
use xxhash_rust::xxh3::xxh3_64;

/// Kinds of feature; the kind is part of the hashed key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// A name or a known alias.
    Entity,
    /// A number or a year.
    Number,
    /// A content-word stem.
    Term,
    /// Two entities in one sentence.
    Pair,
}

/// Hashed key of a feature.
pub fn key(kind: Kind, s: &str) -> u64 {
    let p = match kind {
        Kind::Entity => "e:",
        Kind::Number => "n:",
        Kind::Term => "t:",
        Kind::Pair => "p:",
    };
    let mut b = String::with_capacity(p.len() + s.len());
    b.push_str(p);
    b.push_str(s);
    // The kind also lives in the two low bits so it can be read back.
    (xxh3_64(b.as_bytes()) & !3) | kind as u64
}

/// The kind of a hashed key.
pub fn kind_of(k: u64) -> Kind {
    match k & 3 {
        0 => Kind::Entity,
        1 => Kind::Number,
        2 => Kind::Term,
        _ => Kind::Pair,
    }
}

/// What one document contributes: per-sentence feature keys and labels.
#[derive(Debug, Clone, Default)]
pub struct DocFeatures {
    /// Language used for stop words (given, else guessed; `None`: unknown).
    pub lang: Option<String>,
    /// Sentences (character spans in the text as given).
    pub sentences: Vec<CharSpan>,
    /// Feature keys of each sentence (entities, numbers, terms, pairs; with
    /// repetitions).
    pub sentence_keys: Vec<Vec<u64>>,
    /// Display label of each entity key (first way it was written, or the
    /// canonical name of a known alias), sorted by key.
    pub labels: BTreeMap<u64, String>,
    /// Words that report a claim (accuse, affirm, claim, allege, the French
    /// conditional of reported speech…).
    pub claim_markers: u32,
}

/// True for a (folded) word that reports a claim rather than a fact.
pub fn is_claim_marker(w: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "accus", "affirm", "claim", "alleg", "pretend", "soutien", "zaiavi", "utverzh", "obvin",
        "afirm", "sostien", "beweer", "behaupt", "denonce", "insinu",
    ];
    if PREFIXES.iter().any(|p| w.starts_with(p)) {
        return true;
    }
    // French conditional of hearsay: aurait, serait, épandraient, …
    let n = w.chars().count();
    n >= 6
        && (w.ends_with("rait") || w.ends_with("raient"))
        && !w.ends_with("trait")
        && !w.ends_with("traient")
}

impl DocFeatures {
    /// Term frequencies of the whole document, sorted by key.
    pub fn counts(&self) -> Vec<(u64, f32)> {
        let mut all: Vec<u64> = self.sentence_keys.iter().flatten().copied().collect();
        all.sort_unstable();
        let mut out: Vec<(u64, f32)> = Vec::new();
        for k in all {
            match out.last_mut() {
                Some((lk, c)) if *lk == k => *c += 1.0,
                _ => out.push((k, 1.0)),
            }
        }
        out
    }

    /// Term frequencies of sentences `range`.
    pub fn counts_of(&self, range: std::ops::Range<usize>) -> Vec<(u64, f32)> {
        let mut all: Vec<u64> = self
            .sentence_keys
            .get(range)
            .unwrap_or(&[])
            .iter()
            .flatten()
            .copied()
            .collect();
        all.sort_unstable();
        let mut out: Vec<(u64, f32)> = Vec::new();
        for k in all {
            match out.last_mut() {
                Some((lk, c)) if *lk == k => *c += 1.0,
                _ => out.push((k, 1.0)),
            }
        }
        out
    }
}

/// Stem of a content word: plural mark dropped, first six characters.
pub fn stem(w: &str) -> String {
    let n = w.chars().count();
    let w = if n > 4 && (w.ends_with('s') || w.ends_with('x')) {
        &w[..w.len() - 1]
    } else {
        w
    };
    w.chars().take(6).collect()
}

/// Maximum entities per sentence used to form pairs (bounded work).
const MAX_PAIR_ENTITIES: usize = 10;

/// Extracts the features of `text` (its `body` spans when not empty).
/// `lang` is the document's language when known (ISO 639-1).
pub fn extract(text: &str, body: &[CharSpan], lang: Option<&str>) -> DocFeatures {
    let a = analyse(text, body);
    let lang: Option<String> = match lang {
        Some(l) if !l.trim().is_empty() => Some(l.trim().to_ascii_lowercase()),
        _ => lexicon::guess_language(a.words.iter().map(|w| w.folded.as_str())).map(String::from),
    };
    let stop_lang: Option<String> = lang.clone().filter(|l| lexicon::stop_words(l).is_some());
    let is_stop = |w: &str| match stop_lang.as_deref() {
        Some(l) => lexicon::is_stop(l, w) || lexicon::is_stop("en", w) && w.len() <= 3,
        None => lexicon::is_stop_any(w),
    };
    // Words written with a capital somewhere else than a sentence start.
    let capitalised: HashSet<&str> = a
        .words
        .iter()
        .filter(|w| w.cap && !w.initial)
        .map(|w| w.folded.as_str())
        .collect();
    let chars: Vec<char> = text.chars().take(crate::text::MAX_CHARS + 8).collect();
    let surface =
        |w: &Word| -> String { chars.get(w.begin..w.end).unwrap_or(&[]).iter().collect() };

    let mut out = DocFeatures {
        lang,
        sentences: a.sentences.clone(),
        sentence_keys: vec![Vec::new(); a.sentences.len()],
        labels: BTreeMap::new(),
        claim_markers: 0,
    };
    let mut ents_in_sentence: Vec<Vec<u64>> = vec![Vec::new(); a.sentences.len()];
    let add_entity = |out: &mut DocFeatures,
                      ents: &mut Vec<Vec<u64>>,
                      s: usize,
                      k: u64,
                      label: String,
                      primary: bool| {
        if let Some(v) = out.sentence_keys.get_mut(s) {
            v.push(k);
        }
        if primary {
            if let Some(v) = ents.get_mut(s) {
                v.push(k);
            }
        }
        out.labels.entry(k).or_insert(label);
    };

    let words = &a.words;
    out.claim_markers = words
        .iter()
        .filter(|w| is_claim_marker(&w.folded))
        .count()
        .min(u32::MAX as usize) as u32;
    let mut i = 0;
    'words: while i < words.len() {
        let w = &words[i];
        let s = w.sentence;
        // Known names of several words, some of them lower case
        // ("Union européenne", "mer Noire", "État islamique").
        for len in (2..=lexicon::MAX_ALIAS_WORDS.min(words.len() - i)).rev() {
            let span = &words[i..i + len];
            if span.iter().skip(1).all(|x| x.joined && x.sentence == s)
                && span.iter().any(|x| x.cap)
            {
                let phrase: Vec<&str> = span.iter().map(|w| w.folded.as_str()).collect();
                if let Some(c) = lexicon::alias(&phrase.join(" ")) {
                    add_entity(
                        &mut out,
                        &mut ents_in_sentence,
                        s,
                        key(Kind::Entity, c),
                        c.to_string(),
                        true,
                    );
                    i += len;
                    continue 'words;
                }
            }
        }
        // Numbers.
        if w.digit {
            let d = w.folded.as_str();
            if d.len() >= 2 && !d.starts_with('0') && d.len() <= 6 {
                let k = key(Kind::Number, d);
                if let Some(v) = out.sentence_keys.get_mut(s) {
                    v.push(k);
                }
                out.labels.entry(k).or_insert_with(|| d.to_string());
            }
            i += 1;
            continue;
        }
        let name_like =
            |w: &Word| (w.cap || w.upper) && !w.digit && (w.upper || !is_stop(&w.folded));
        if !name_like(w) {
            // Content word; lower-case aliases (adjectives such as
            // "américains", "russe") also count as the entity.
            if !is_stop(&w.folded) && w.folded.chars().count() >= 3 {
                let st = stem(&w.folded);
                let k = key(Kind::Term, &st);
                if let Some(v) = out.sentence_keys.get_mut(s) {
                    v.push(k);
                }
                out.labels.entry(k).or_insert(st);
                if w.folded.len() >= 4 {
                    if let Some(c) = lexicon::alias(&w.folded) {
                        add_entity(
                            &mut out,
                            &mut ents_in_sentence,
                            s,
                            key(Kind::Entity, c),
                            c.to_string(),
                            true,
                        );
                    }
                }
            }
            i += 1;
            continue;
        }
        // A run of capitalised words in one sentence.
        let mut j = i + 1;
        while j < words.len() && words[j].joined && words[j].sentence == s && name_like(&words[j]) {
            j += 1;
        }
        let mut run: Vec<&Word> = words[i..j].iter().collect();
        while run.len() > 1 && lexicon::is_title(&run[0].folded) {
            run.remove(0);
        }
        i = j;
        if run.len() == 1 {
            let w = run[0];
            if lexicon::is_title(&w.folded) && !w.upper {
                continue;
            }
            if w.initial
                && !w.upper
                && lexicon::alias(&w.folded).is_none()
                && !capitalised.contains(w.folded.as_str())
            {
                // Probably an ordinary word starting a sentence.
                if !is_stop(&w.folded) && w.folded.chars().count() >= 3 {
                    if let Some(v) = out.sentence_keys.get_mut(s) {
                        v.push(key(Kind::Term, &stem(&w.folded)));
                    }
                }
                continue;
            }
        }
        // Known aliases inside the run (longest first), the rest as names.
        let mut rest: Vec<&Word> = Vec::new();
        let mut k = 0;
        while k < run.len() {
            let mut matched = 0;
            for len in (1..=lexicon::MAX_ALIAS_WORDS.min(run.len() - k)).rev() {
                let phrase: Vec<&str> = run[k..k + len].iter().map(|w| w.folded.as_str()).collect();
                let phrase = phrase.join(" ");
                if let Some(c) = lexicon::alias(&phrase) {
                    // A one-letter or two-letter alias only as an acronym.
                    if len == 1 && phrase.len() <= 3 && !run[k].upper && phrase != "ei" {
                        continue;
                    }
                    add_entity(
                        &mut out,
                        &mut ents_in_sentence,
                        s,
                        key(Kind::Entity, c),
                        c.to_string(),
                        true,
                    );
                    matched = len;
                    break;
                }
            }
            if matched > 0 {
                flush_name(&mut rest, &surface, &mut |k, l, p| {
                    add_entity(&mut out, &mut ents_in_sentence, s, k, l, p)
                });
                k += matched;
            } else {
                rest.push(run[k]);
                k += 1;
            }
        }
        flush_name(&mut rest, &surface, &mut |k, l, p| {
            add_entity(&mut out, &mut ents_in_sentence, s, k, l, p)
        });
    }
    // Entity pairs per sentence.
    for (s, ents) in ents_in_sentence.iter_mut().enumerate() {
        ents.sort_unstable();
        ents.dedup();
        ents.truncate(MAX_PAIR_ENTITIES);
        for x in 0..ents.len() {
            for y in x + 1..ents.len() {
                let mut b = [0u8; 16];
                b[..8].copy_from_slice(&ents[x].to_le_bytes());
                b[8..].copy_from_slice(&ents[y].to_le_bytes());
                let k = (xxh3_64(&b) & !3) | Kind::Pair as u64;
                if let Some(v) = out.sentence_keys.get_mut(s) {
                    v.push(k);
                }
                if !out.labels.contains_key(&k) {
                    let la = out.labels.get(&ents[x]).cloned().unwrap_or_default();
                    let lb = out.labels.get(&ents[y]).cloned().unwrap_or_default();
                    let (la, lb) = if la <= lb { (la, lb) } else { (lb, la) };
                    out.labels.insert(k, format!("{la} + {lb}"));
                }
            }
        }
    }
    out
}

/// Emits the keys of a name (a run of capitalised words that is not a known
/// alias): the whole name when it has several words, and each word.
fn flush_name(
    rest: &mut Vec<&Word>,
    surface: &dyn Fn(&Word) -> String,
    emit: &mut dyn FnMut(u64, String, bool),
) {
    if rest.is_empty() {
        return;
    }
    let words: Vec<&Word> = std::mem::take(rest)
        .into_iter()
        .filter(|w| w.folded.chars().count() >= 2)
        .collect();
    if words.len() >= 2 {
        let sk: Vec<String> = words.iter().map(|w| skeleton(&w.folded)).collect();
        let label: Vec<String> = words.iter().map(|w| surface(w)).collect();
        emit(key(Kind::Entity, &sk.join(" ")), label.join(" "), true);
    }
    for w in &words {
        if w.folded.chars().count() >= 3 || w.upper {
            emit(
                key(Kind::Entity, &skeleton(&w.folded)),
                surface(w),
                words.len() == 1,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity_labels(text: &str, lang: Option<&str>) -> Vec<String> {
        let f = extract(text, &[], lang);
        let mut v: Vec<String> = f
            .counts()
            .iter()
            .filter(|(k, _)| kind_of(*k) == Kind::Entity)
            .filter_map(|(k, _)| f.labels.get(k).cloned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn entities_across_languages() {
        let fr = entity_labels(
            "La porte-parole Maria Zakharova accuse les États-Unis d'aider Daech en Afghanistan.",
            Some("fr"),
        );
        assert!(fr.contains(&"usa".to_string()), "{fr:?}");
        assert!(fr.contains(&"isis".to_string()), "{fr:?}");
        assert!(fr.contains(&"Maria Zakharova".to_string()), "{fr:?}");
        let en = entity_labels(
            "Spokeswoman Maria Zakharova accused the United States of helping ISIS in Afghanistan.",
            Some("en"),
        );
        assert!(
            en.contains(&"usa".to_string()) && en.contains(&"isis".to_string()),
            "{en:?}"
        );
        let ru = extract("Мария Захарова обвинила США.", &[], Some("ru"));
        let fr2 = extract("Maria Zakharova accuse les USA.", &[], Some("fr"));
        let shared: Vec<u64> = ru
            .counts()
            .iter()
            .filter(|(k, _)| {
                fr2.counts().iter().any(|(k2, _)| k2 == k) && kind_of(*k) == Kind::Entity
            })
            .map(|(k, _)| *k)
            .collect();
        assert!(shared.len() >= 3, "{:?} {:?}", ru.labels, fr2.labels);
    }

    #[test]
    fn sentence_start_is_not_a_name() {
        let l = entity_labels(
            "Récemment, la ville a voté. Hier soir, Lyon a gagné.",
            Some("fr"),
        );
        assert_eq!(l, vec!["Lyon".to_string()]);
    }

    #[test]
    fn pairs_are_symmetric() {
        let a = extract("Les États-Unis aident Daech.", &[], Some("fr"));
        let b = extract("Daech aidé par les États-Unis.", &[], Some("fr"));
        let pa: Vec<u64> = a
            .counts()
            .iter()
            .filter(|(k, _)| kind_of(*k) == Kind::Pair)
            .map(|x| x.0)
            .collect();
        let pb: Vec<u64> = b
            .counts()
            .iter()
            .filter(|(k, _)| kind_of(*k) == Kind::Pair)
            .map(|x| x.0)
            .collect();
        assert_eq!(pa.len(), 1);
        assert_eq!(pa, pb);
    }
}
