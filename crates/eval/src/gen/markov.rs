//! Background text from real news: an order-2 word Markov chain trained on the
//! sentences of a base corpus (JSON lines with a `text` field).
//!
//! A plain order-2 chain reproduces long runs of its training text wherever a
//! word pair is rare, and two generated documents passing through the same
//! rare region would then share a long passage by accident. The sampler
//! therefore tracks how many consecutive words it has followed along one
//! training occurrence and, past [`MAX_RUN`] words, forces a continuation that
//! differs from that occurrence (another occurrence of the same word pair, or
//! else an order-1 back-off on the last word alone).

use std::collections::HashMap;
use std::path::Path;

use anyhow::Context;

use crate::rng::Rng;

/// Sentence boundary token id.
const BOUNDARY: u32 = 0;
/// Longest run of words followed along one training occurrence.
const MAX_RUN: usize = 5;
/// Generated sentences are cut at this many words.
const MAX_WORDS: usize = 55;
/// Generated sentences shorter than this are drawn again.
const MIN_WORDS: usize = 5;

/// Trained chain. Positions index `tok`, the training token stream in which
/// every sentence is preceded and followed by [`BOUNDARY`].
pub(crate) struct Markov {
    vocab: Vec<Box<str>>,
    tok: Vec<u32>,
    /// Positions `p` (with `p + 2 < tok.len()`) sorted by the pair
    /// `(tok[p], tok[p+1])`, i.e. grouped by order-2 state.
    occ2: Vec<u32>,
    /// For each position `p`, the `(start, len)` range in `occ2` of the state
    /// `(tok[p], tok[p+1])`; `(0, 0)` when undefined.
    range2: Vec<(u32, u32)>,
    /// Positions `p` (with `p + 1 < tok.len()`) sorted by `tok[p]`.
    occ1: Vec<u32>,
    /// For each word id, its `(start, len)` range in `occ1`.
    range1: Vec<(u32, u32)>,
    words: u64,
}

/// Accumulates training sentences.
pub(crate) struct MarkovBuilder {
    index: HashMap<Box<str>, u32>,
    vocab: Vec<Box<str>>,
    tok: Vec<u32>,
    words: u64,
    sentences: usize,
}

impl MarkovBuilder {
    pub(crate) fn new() -> Self {
        MarkovBuilder {
            index: HashMap::new(),
            vocab: vec!["<s>".into()],
            tok: vec![BOUNDARY],
            words: 0,
            sentences: 0,
        }
    }

    pub(crate) fn words(&self) -> u64 {
        self.words
    }

    fn intern(&mut self, w: &str) -> u32 {
        if let Some(&id) = self.index.get(w) {
            return id;
        }
        let id = self.vocab.len() as u32;
        self.vocab.push(w.into());
        self.index.insert(w.into(), id);
        id
    }

    pub(crate) fn add_sentence(&mut self, words: &[&str]) {
        for w in words {
            let id = self.intern(w);
            self.tok.push(id);
        }
        self.tok.push(BOUNDARY);
        self.words += words.len() as u64;
        self.sentences += 1;
    }

    /// Adds every usable sentence of a news text (paragraphs separated by
    /// newlines).
    pub(crate) fn add_text(&mut self, text: &str) {
        for line in text.lines() {
            let toks: Vec<&str> = line.split_whitespace().collect();
            for s in split_sentences(&toks) {
                if usable_sentence(s) {
                    self.add_sentence(s);
                }
            }
        }
    }

    /// Builds the chain; `None` when there is too little text to be useful.
    pub(crate) fn finish(self) -> Option<Markov> {
        if self.sentences < 200 {
            return None;
        }
        let tok = self.tok;
        let n = tok.len();
        let pair = |p: usize| ((tok[p] as u64) << 32) | tok[p + 1] as u64;

        let mut occ2: Vec<u32> = (0..n - 2).map(|p| p as u32).collect();
        occ2.sort_unstable_by_key(|&p| (pair(p as usize), p));
        let mut range2 = vec![(0u32, 0u32); n];
        let mut i = 0;
        while i < occ2.len() {
            let key = pair(occ2[i] as usize);
            let mut j = i + 1;
            while j < occ2.len() && pair(occ2[j] as usize) == key {
                j += 1;
            }
            for &p in &occ2[i..j] {
                range2[p as usize] = (i as u32, (j - i) as u32);
            }
            i = j;
        }

        let mut occ1: Vec<u32> = (0..n - 1).map(|p| p as u32).collect();
        occ1.sort_unstable_by_key(|&p| (tok[p as usize], p));
        let mut range1 = vec![(0u32, 0u32); self.vocab.len()];
        let mut i = 0;
        while i < occ1.len() {
            let w = tok[occ1[i] as usize];
            let mut j = i + 1;
            while j < occ1.len() && tok[occ1[j] as usize] == w {
                j += 1;
            }
            range1[w as usize] = (i as u32, (j - i) as u32);
            i = j;
        }

        Some(Markov {
            vocab: self.vocab,
            tok,
            occ2,
            range2,
            occ1,
            range1,
            words: self.words,
        })
    }
}

/// Loads up to `max_words` words of training text from a JSON-lines file
/// whose records have a `text` field. Lines are sampled with a regular
/// stride so that a cap smaller than the file still covers all of it.
pub(crate) fn load(path: &Path, max_words: usize) -> anyhow::Result<Option<Markov>> {
    #[derive(serde::Deserialize)]
    struct Rec {
        text: String,
    }
    let data = std::fs::read_to_string(path)
        .with_context(|| format!("reading base text {}", path.display()))?;
    let est_words = data.len() / 6;
    let stride = (est_words / max_words.max(1)).max(1);
    let mut b = MarkovBuilder::new();
    for (i, line) in data.lines().enumerate() {
        if i % stride != 0 || line.trim().is_empty() {
            continue;
        }
        let rec: Rec = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: not a JSON record", path.display(), i + 1))?;
        b.add_text(&rec.text);
        if b.words() >= max_words as u64 {
            break;
        }
    }
    Ok(b.finish())
}

const CLOSERS: &[char] = &['"', '\'', '”', '’', '»', ')', '*'];
const OPENERS: &[char] = &['"', '\'', '“', '‘', '«', '(', '\u{a0}'];
const ABBREVIATIONS: &[&str] = &[
    "mr.", "mrs.", "ms.", "dr.", "st.", "m.", "mme.", "mm.", "no.", "jr.", "sr.", "prof.", "gen.",
    "lt.", "col.", "sgt.", "rep.", "sen.", "gov.", "inc.", "corp.", "ltd.", "co.", "vs.", "mgr.",
    "p.", "cf.", "av.", "j.-c.",
];

fn ends_sentence(tok: &str) -> bool {
    let core = tok.trim_end_matches(CLOSERS);
    if !(core.ends_with('.') || core.ends_with('!') || core.ends_with('?') || core.ends_with('…'))
    {
        return false;
    }
    let lower = core.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return false;
    }
    // Initials such as "J." are not sentence ends.
    let letters: Vec<char> = core.chars().collect();
    !(letters.len() == 2 && letters[0].is_uppercase())
}

fn starts_sentence(tok: &str) -> bool {
    tok.trim_start_matches(OPENERS)
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric())
}

/// Splits a line's tokens into sentences.
pub(crate) fn split_sentences<'a, 'b>(toks: &'b [&'a str]) -> Vec<&'b [&'a str]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..toks.len() {
        let last = i + 1 == toks.len();
        if last || (ends_sentence(toks[i]) && starts_sentence(toks[i + 1])) {
            out.push(&toks[start..=i]);
            start = i + 1;
        }
    }
    out
}

fn usable_sentence(s: &[&str]) -> bool {
    (4..=70).contains(&s.len())
        && s.last().is_some_and(|t| ends_sentence(t))
        && starts_sentence(s[0])
        && s.iter()
            .all(|t| t.chars().count() <= 30 && !t.contains("http") && !t.contains("www."))
}

impl Markov {
    pub(crate) fn training_words(&self) -> u64 {
        self.words
    }

    fn word(&self, id: u32) -> &str {
        &self.vocab[id as usize]
    }

    /// Appends one generated sentence (no surrounding spaces) to `out`.
    pub(crate) fn sentence(&self, rng: &mut Rng, out: &mut String) {
        let start = out.len();
        for _ in 0..8 {
            out.truncate(start);
            if self.try_sentence(rng, out) >= MIN_WORDS {
                return;
            }
        }
    }

    fn try_sentence(&self, rng: &mut Rng, out: &mut String) -> usize {
        let tok = &self.tok;
        let (s0, l0) = self.range1[BOUNDARY as usize];
        // The last boundary is not in occ1, so tok[p + 1] is a first word.
        let mut p = self.occ1[s0 as usize + rng.below(l0 as usize)] as usize;
        out.push_str(self.word(tok[p + 1]));
        let mut words = 1;
        let mut run = 2;
        'outer: loop {
            if words >= MAX_WORDS {
                if !out.ends_with(['.', '!', '?', '"', '”', '»']) {
                    out.push('.');
                }
                return words;
            }
            let (st, len) = self.range2[p];
            if len == 0 {
                return words;
            }
            let (st, len) = (st as usize, len as usize);
            let cont = tok[p + 2];
            let mut q = self.occ2[st + rng.below(len)] as usize;
            if run >= MAX_RUN && tok[q + 2] == cont {
                let mut found = false;
                let off = rng.below(len);
                for k in 0..len.min(64) {
                    let cand = self.occ2[st + (off + k) % len] as usize;
                    if tok[cand + 2] != cont {
                        q = cand;
                        found = true;
                        break;
                    }
                }
                if !found {
                    // Order-1 back-off on the last word.
                    let (s1, l1) = self.range1[tok[p + 1] as usize];
                    for _ in 0..8 {
                        let q1 = self.occ1[s1 as usize + rng.below(l1 as usize)] as usize;
                        let next = tok[q1 + 1];
                        if next != cont {
                            if next == BOUNDARY {
                                return words;
                            }
                            out.push(' ');
                            out.push_str(self.word(next));
                            words += 1;
                            p = q1;
                            run = 2;
                            continue 'outer;
                        }
                    }
                }
            }
            let next = tok[q + 2];
            run = if next == cont { run + 1 } else { 3 };
            p = q + 1;
            if next == BOUNDARY {
                return words;
            }
            out.push(' ');
            out.push_str(self.word(next));
            words += 1;
        }
    }

    /// A random word of the training text (by frequency), stripped of
    /// surrounding punctuation.
    pub(crate) fn random_word(&self, rng: &mut Rng) -> &str {
        for _ in 0..16 {
            let id = self.tok[rng.below(self.tok.len())];
            if id == BOUNDARY {
                continue;
            }
            let w = self.word(id).trim_matches(|c: char| !c.is_alphanumeric());
            if w.chars().count() >= 2 {
                return w;
            }
        }
        "news"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_splitting() {
        let line = "Mr. Smith said it rose 5%. \"It is good,\" he said. Then J. Doe left! ok";
        let toks: Vec<&str> = line.split_whitespace().collect();
        let s = split_sentences(&toks);
        let joined: Vec<String> = s.iter().map(|x| x.join(" ")).collect();
        assert_eq!(
            joined,
            [
                "Mr. Smith said it rose 5%.",
                "\"It is good,\" he said.",
                "Then J. Doe left! ok"
            ]
        );
        assert!(usable_sentence(s[0]));
        assert!(!usable_sentence(s[2]), "no final punctuation");
    }

    fn toy_model() -> Markov {
        let mut b = MarkovBuilder::new();
        for i in 0..300 {
            let s = format!(
                "The council said on day{} that the plan would cost {} pounds in total.",
                i % 17,
                i * 3
            );
            b.add_text(&s);
        }
        b.finish().expect("enough sentences")
    }

    #[test]
    fn generated_sentences_are_well_formed_and_do_not_copy_long_runs() {
        let m = toy_model();
        assert_eq!(m.training_words(), 300 * 14);
        let mut rng = Rng::new(3);
        for _ in 0..50 {
            let mut s = String::new();
            m.sentence(&mut rng, &mut s);
            assert!(s.starts_with("The"), "{s}");
            assert!(s.ends_with('.'), "{s}");
            let n = s.split(' ').count();
            assert!((MIN_WORDS..=MAX_WORDS).contains(&n), "{s}");
        }
        assert!(!m.random_word(&mut rng).is_empty());
    }

    #[test]
    fn too_little_text_gives_no_model() {
        let mut b = MarkovBuilder::new();
        b.add_text("Only one sentence here, really.");
        assert!(b.finish().is_none());
    }
}
