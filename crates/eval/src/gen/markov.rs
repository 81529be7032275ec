//! Background text from real news: an order-2 word Markov chain trained on the
//! sentences of a base corpus (JSON lines with a `text` field).
//!
//! A plain order-2 chain follows its training text deterministically wherever
//! a word pair is rare, so two generated documents that pass through the same
//! rare region share a long run of words by accident. The sampler therefore
//! keeps the *predictability* of what it writes bounded: it tracks the
//! probabilities of its last choices and, when the joint probability of the
//! choices making up the last [`WINDOW_WORDS`] words would exceed
//! [`MAX_PATH_PROB`], picks a less likely
//! continuation instead (another word after the same pair, else an order-1
//! back-off on the last word, else a jump to a random word of the training
//! text). It also never follows one training occurrence for more than
//! [`MAX_RUN`] words, so no long verbatim training passage is reproduced.

use std::collections::HashMap;
use std::path::Path;

use anyhow::Context;

use crate::rng::Rng;

/// Sentence boundary token id.
const BOUNDARY: u32 = 0;
/// Longest run of words followed along one training occurrence.
const MAX_RUN: usize = 6;
/// Number of past choices remembered.
const HISTORY: usize = 12;
/// Length in words of the windows whose probability is bounded.
const WINDOW_WORDS: usize = 8;
/// Bound on the joint probability of the choices making a window.
const MAX_PATH_PROB: f64 = 1e-5;
/// Probability assigned to a jump to a random training word.
const JUMP_PROB: f64 = 1e-4;
/// Generated sentences are cut at this many words.
const MAX_WORDS: usize = 55;
/// Generated sentences shorter than this are drawn again.
const MIN_WORDS: usize = 5;

/// Occurrence lists of the states of one order, grouped by state and, within
/// a state, by next word.
struct Table {
    /// Positions, sorted by (state, next word, position).
    occ: Vec<u32>,
    /// For each index of `occ`: `(start, len)` of the indices that share its
    /// state and next word.
    sub: Vec<(u32, u32)>,
}

/// Trained chain. Positions index `tok`, the training token stream in which
/// every sentence is preceded and followed by [`BOUNDARY`].
pub(crate) struct Markov {
    vocab: Vec<Box<str>>,
    tok: Vec<u32>,
    /// Order 2: positions `p` (with `p + 2 < tok.len()`), state
    /// `(tok[p], tok[p+1])`, next word `tok[p+2]`.
    t2: Table,
    /// For each position `p`, the `(start, len)` range in `t2.occ` of the
    /// state `(tok[p], tok[p+1])`; `(0, 0)` when undefined.
    range2: Vec<(u32, u32)>,
    /// Order 1: positions `p` (with `p + 1 < tok.len()`), state `tok[p]`,
    /// next word `tok[p+1]`.
    t1: Table,
    /// For each word id, its `(start, len)` range in `t1.occ`.
    range1: Vec<(u32, u32)>,
    /// Number of words (alphanumeric runs) in each vocabulary entry.
    nwords: Vec<u8>,
    words: u64,
}

fn count_words(s: &str) -> u8 {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count()
        .min(8) as u8
}

/// Sorts `positions` by `(state, next, position)` and returns the table and
/// the `(start, len)` range of every state group (with one position of the
/// group).
fn build_table(
    mut positions: Vec<u32>,
    state: impl Fn(usize) -> u64,
    next: impl Fn(usize) -> u32,
) -> (Table, Vec<(u32, u32, u32)>) {
    positions.sort_unstable_by_key(|&p| (state(p as usize), next(p as usize), p));
    let mut sub = vec![(0u32, 0u32); positions.len()];
    let mut groups = Vec::new();
    let mut i = 0;
    while i < positions.len() {
        let key = state(positions[i] as usize);
        let mut j = i;
        while j < positions.len() && state(positions[j] as usize) == key {
            let w = next(positions[j] as usize);
            let mut k = j + 1;
            while k < positions.len()
                && state(positions[k] as usize) == key
                && next(positions[k] as usize) == w
            {
                k += 1;
            }
            for x in &mut sub[j..k] {
                *x = (j as u32, (k - j) as u32);
            }
            j = k;
        }
        groups.push((i as u32, (j - i) as u32, positions[i]));
        i = j;
    }
    (
        Table {
            occ: positions,
            sub,
        },
        groups,
    )
}

/// The last choices of a text being generated: their probabilities and how
/// many words (alphanumeric runs) each added. Kept across the sentences of
/// one document so that windows spanning a sentence end are bounded too.
#[derive(Clone)]
pub(crate) struct History {
    probs: [(f64, u8); HISTORY],
    next: usize,
}

impl History {
    pub(crate) fn new() -> Self {
        History {
            probs: [(1.0, 0); HISTORY],
            next: 0,
        }
    }

    /// Joint probability of a candidate token (probability `p`, `k` words)
    /// and of the tokens before it that complete a window of
    /// [`WINDOW_WORDS`] words.
    fn window_prob(&self, p: f64, k: u8) -> f64 {
        let mut prob = p;
        let mut words = k as usize;
        let mut i = self.next;
        for _ in 0..HISTORY {
            if words >= WINDOW_WORDS {
                break;
            }
            i = (i + HISTORY - 1) % HISTORY;
            let (q, w) = self.probs[i];
            prob *= q;
            words += w as usize;
        }
        prob
    }

    fn push(&mut self, p: f64, k: u8) {
        self.probs[self.next] = (p, k);
        self.next = (self.next + 1) % HISTORY;
    }
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

        let (t2, groups2) = build_table(
            (0..n - 2).map(|p| p as u32).collect(),
            |p| ((tok[p] as u64) << 32) | tok[p + 1] as u64,
            |p| tok[p + 2],
        );
        let mut range2 = vec![(0u32, 0u32); n];
        for &(start, len, _) in &groups2 {
            for &p in &t2.occ[start as usize..(start + len) as usize] {
                range2[p as usize] = (start, len);
            }
        }

        let (t1, groups1) = build_table(
            (0..n - 1).map(|p| p as u32).collect(),
            |p| tok[p] as u64,
            |p| tok[p + 1],
        );
        let mut range1 = vec![(0u32, 0u32); self.vocab.len()];
        for &(start, len, p) in &groups1 {
            range1[tok[p as usize] as usize] = (start, len);
        }

        let nwords = self.vocab.iter().map(|w| count_words(w)).collect();
        Some(Markov {
            nwords,
            vocab: self.vocab,
            tok,
            t2,
            range2,
            t1,
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
    /// `hist` carries the preceding choices of the same text.
    pub(crate) fn sentence(&self, rng: &mut Rng, hist: &mut History, out: &mut String) {
        let start = out.len();
        for _ in 0..8 {
            out.truncate(start);
            let mut h = hist.clone();
            if self.try_sentence(rng, &mut h, out) >= MIN_WORDS {
                *hist = h;
                return;
            }
        }
    }

    /// Draws an index in `start..start + len` of `table`, outside the
    /// sub-range `excl` (which must not cover the whole range).
    fn draw_excluding(rng: &mut Rng, start: usize, len: usize, excl: (u32, u32)) -> usize {
        let (es, el) = (excl.0 as usize, excl.1 as usize);
        let i = start + rng.below(len - el);
        if i >= es {
            i + el
        } else {
            i
        }
    }

    fn try_sentence(&self, rng: &mut Rng, hist: &mut History, out: &mut String) -> usize {
        let tok = &self.tok;
        let nw = |id: u32| self.nwords[id as usize];

        // First word: a sentence start of the training text, avoiding a too
        // predictable one when possible.
        let (s0, l0) = self.range1[BOUNDARY as usize];
        let (s0, l0) = (s0 as usize, l0 as usize);
        let mut idx = s0 + rng.below(l0);
        let mut sub = self.t1.sub[idx];
        let first = |idx: usize| tok[self.t1.occ[idx] as usize + 1];
        if hist.window_prob(sub.1 as f64 / l0 as f64, nw(first(idx))) > MAX_PATH_PROB
            && (sub.1 as usize) < l0
        {
            idx = Self::draw_excluding(rng, s0, l0, sub);
            sub = self.t1.sub[idx];
        }
        hist.push(sub.1 as f64 / l0 as f64, nw(first(idx)));
        // The last boundary is not in t1, so tok[p + 1] is a first word.
        let mut p = self.t1.occ[idx] as usize;
        out.push_str(self.word(tok[p + 1]));
        let mut words = 1;
        let mut run = 2;

        loop {
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
            let acceptable = |w: u32, prob: f64, run: usize| {
                hist.window_prob(prob, nw(w)) <= MAX_PATH_PROB && !(run >= MAX_RUN && w == cont)
            };

            // Order 2.
            let mut idx = st + rng.below(len);
            let mut sub = self.t2.sub[idx];
            let mut w = tok[self.t2.occ[idx] as usize + 2];
            let mut ok = acceptable(w, sub.1 as f64 / len as f64, run);
            if !ok && (sub.1 as usize) < len {
                idx = Self::draw_excluding(rng, st, len, sub);
                sub = self.t2.sub[idx];
                w = tok[self.t2.occ[idx] as usize + 2];
                ok = acceptable(w, sub.1 as f64 / len as f64, run);
            }
            let (next, new_p, prob) = if ok {
                let q = self.t2.occ[idx] as usize;
                run = if w == cont { run + 1 } else { 3 };
                (w, q + 1, sub.1 as f64 / len as f64)
            } else {
                // Order-1 back-off on the last word, avoiding the word just
                // rejected.
                let (s1, l1) = self.range1[tok[p + 1] as usize];
                let (s1, l1) = (s1 as usize, l1 as usize);
                let mut i1 = s1 + rng.below(l1);
                let mut sub1 = self.t1.sub[i1];
                let rejected = w;
                if tok[self.t1.occ[i1] as usize + 1] == rejected && (sub1.1 as usize) < l1 {
                    i1 = Self::draw_excluding(rng, s1, l1, sub1);
                    sub1 = self.t1.sub[i1];
                }
                let q1 = self.t1.occ[i1] as usize;
                let w1 = tok[q1 + 1];
                let prob1 = sub1.1 as f64 / l1 as f64;
                if w1 != rejected && hist.window_prob(prob1, nw(w1)) <= MAX_PATH_PROB {
                    run = 2;
                    (w1, q1, prob1)
                } else {
                    // Jump to a random word of the training text.
                    let mut r = 1 + rng.below(tok.len() - 3);
                    while tok[r] == BOUNDARY {
                        r += 1;
                    }
                    run = 1;
                    (tok[r], r - 1, JUMP_PROB)
                }
            };
            hist.push(prob, nw(next));
            if next == BOUNDARY {
                return words;
            }
            p = new_p;
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
            m.sentence(&mut rng, &mut History::new(), &mut s);
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
