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

/// One occurrence of a state: where it is, what follows it, and the state
/// the sampler is in after taking it (stored inline so that each generated
/// word costs one random memory access).
#[derive(Clone, Copy, Debug, Default)]
struct Entry {
    /// Position `p` of the occurrence in the token stream.
    pos: u32,
    /// The word that follows the state there.
    next: u32,
    /// Indices (start, len) of the entries that share this state and next
    /// word.
    sub_start: u32,
    sub_len: u32,
    /// Order-2 state after emitting `next` from this occurrence.
    then: StateInfo,
}

/// Occurrence lists of the states of one order, grouped by state and, within
/// a state, by next word (one cache line per draw).
struct Table {
    e: Vec<Entry>,
}

/// Where the sampler stands: the order-2 state `(tok[p], tok[p+1])` of a
/// position `p`.
#[derive(Clone, Copy, Debug, Default)]
struct StateInfo {
    /// Range of the state's entries in the order-2 table.
    start: u32,
    len: u32,
    /// `tok[p + 1]`, the last word (for the order-1 back-off).
    last: u32,
    /// `tok[p + 2]`, the continuation of this very occurrence.
    cont: u32,
}

/// Trained chain. Positions index the training token stream, in which every
/// sentence is preceded and followed by [`BOUNDARY`].
pub(crate) struct Markov {
    /// All vocabulary entries, concatenated (compact, cache-friendly).
    vocab_text: String,
    /// `(start, end)` byte range of each word id in `vocab_text`.
    vocab_spans: Vec<(u32, u32)>,
    /// Number of tokens of the training stream.
    n: usize,
    /// Order 2: occurrences of `(tok[p], tok[p+1])` followed by `tok[p+2]`.
    t2: Table,
    /// Per position (used after jumps).
    state: Vec<StateInfo>,
    /// Order 1: occurrences of `tok[p]` followed by `tok[p+1]`.
    t1: Table,
    /// For each word id, its `(start, len)` range in `t1`.
    range1: Vec<(u32, u32)>,
    /// Token ids by position (for jumps to random words).
    tok: Vec<u32>,
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
/// the `(start, len, one position)` of every state group.
fn build_table(
    mut positions: Vec<u32>,
    state: impl Fn(usize) -> u64,
    next: impl Fn(usize) -> u32,
) -> (Table, Vec<(u32, u32, u32)>) {
    positions.sort_unstable_by_key(|&p| (state(p as usize), next(p as usize), p));
    let mut e: Vec<Entry> = positions
        .iter()
        .map(|&p| Entry {
            pos: p,
            next: next(p as usize),
            ..Default::default()
        })
        .collect();
    let mut groups = Vec::new();
    let mut i = 0;
    while i < positions.len() {
        let key = state(positions[i] as usize);
        let mut j = i;
        while j < positions.len() && state(positions[j] as usize) == key {
            let w = e[j].next;
            let mut k = j + 1;
            while k < positions.len() && state(positions[k] as usize) == key && e[k].next == w {
                k += 1;
            }
            for x in &mut e[j..k] {
                x.sub_start = j as u32;
                x.sub_len = (k - j) as u32;
            }
            j = k;
        }
        groups.push((i as u32, (j - i) as u32, positions[i]));
        i = j;
    }
    (Table { e }, groups)
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

        let (mut t2, groups2) = build_table(
            (0..n - 2).map(|p| p as u32).collect(),
            |p| ((tok[p] as u64) << 32) | tok[p + 1] as u64,
            |p| tok[p + 2],
        );
        let mut state = vec![StateInfo::default(); n];
        for &(start, len, _) in &groups2 {
            for e in &t2.e[start as usize..(start + len) as usize] {
                let p = e.pos as usize;
                state[p] = StateInfo {
                    start,
                    len,
                    last: tok[p + 1],
                    cont: tok[p + 2],
                };
            }
        }

        let (mut t1, groups1) = build_table(
            (0..n - 1).map(|p| p as u32).collect(),
            |p| tok[p] as u64,
            |p| tok[p + 1],
        );
        let mut range1 = vec![(0u32, 0u32); self.vocab.len()];
        for &(start, len, p) in &groups1 {
            range1[tok[p as usize] as usize] = (start, len);
        }
        for e in &mut t2.e {
            e.then = state[e.pos as usize + 1];
        }
        for e in &mut t1.e {
            e.then = state[e.pos as usize];
        }

        let nwords = self.vocab.iter().map(|w| count_words(w)).collect();
        let mut vocab_text = String::new();
        let mut vocab_spans = Vec::with_capacity(self.vocab.len());
        for w in &self.vocab {
            let start = vocab_text.len() as u32;
            vocab_text.push_str(w);
            vocab_spans.push((start, vocab_text.len() as u32));
        }
        Some(Markov {
            nwords,
            vocab_text,
            vocab_spans,
            n,
            t2,
            state,
            t1,
            range1,
            tok,
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
        let (s, e) = self.vocab_spans[id as usize];
        &self.vocab_text[s as usize..e as usize]
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

    /// Draws an index in `start..start + len` outside the entries sharing
    /// `excl`'s next word (which must not cover the whole range).
    fn draw_excluding(rng: &mut Rng, start: usize, len: usize, excl: &Entry) -> usize {
        let (es, el) = (excl.sub_start as usize, excl.sub_len as usize);
        let i = start + rng.below(len - el);
        if i >= es {
            i + el
        } else {
            i
        }
    }

    fn try_sentence(&self, rng: &mut Rng, hist: &mut History, out: &mut String) -> usize {
        let nw = |id: u32| self.nwords[id as usize];

        // First word: a sentence start of the training text, avoiding a too
        // predictable one when possible.
        let (s0, l0) = self.range1[BOUNDARY as usize];
        let (s0, l0) = (s0 as usize, l0 as usize);
        let mut e = self.t1.e[s0 + rng.below(l0)];
        if hist.window_prob(e.sub_len as f64 / l0 as f64, nw(e.next)) > MAX_PATH_PROB
            && (e.sub_len as usize) < l0
        {
            e = self.t1.e[Self::draw_excluding(rng, s0, l0, &e)];
        }
        hist.push(e.sub_len as f64 / l0 as f64, nw(e.next));
        // The last boundary is not in t1, so e.next is a first word.
        let mut si = e.then;
        out.push_str(self.word(e.next));
        let mut words = 1;
        let mut run = 2;

        loop {
            if words >= MAX_WORDS {
                if !out.ends_with(['.', '!', '?', '"', '”', '»']) {
                    out.push('.');
                }
                return words;
            }
            if si.len == 0 {
                return words;
            }
            let (st, len) = (si.start as usize, si.len as usize);
            let acceptable = |e: &Entry, run: usize| {
                hist.window_prob(e.sub_len as f64 / len as f64, nw(e.next)) <= MAX_PATH_PROB
                    && !(run >= MAX_RUN && e.next == si.cont)
            };

            // Order 2.
            let mut e = self.t2.e[st + rng.below(len)];
            let mut ok = acceptable(&e, run);
            if !ok && (e.sub_len as usize) < len {
                e = self.t2.e[Self::draw_excluding(rng, st, len, &e)];
                ok = acceptable(&e, run);
            }
            let (next, then, prob) = if ok {
                run = if e.next == si.cont { run + 1 } else { 3 };
                (e.next, e.then, e.sub_len as f64 / len as f64)
            } else {
                // Order-1 back-off on the last word, avoiding the word just
                // rejected.
                let (s1, l1) = self.range1[si.last as usize];
                let (s1, l1) = (s1 as usize, l1 as usize);
                let mut e1 = self.t1.e[s1 + rng.below(l1)];
                let rejected = e.next;
                if e1.next == rejected && (e1.sub_len as usize) < l1 {
                    e1 = self.t1.e[Self::draw_excluding(rng, s1, l1, &e1)];
                }
                let prob1 = e1.sub_len as f64 / l1 as f64;
                if e1.next != rejected && hist.window_prob(prob1, nw(e1.next)) <= MAX_PATH_PROB {
                    run = 2;
                    (e1.next, e1.then, prob1)
                } else {
                    // Jump to a random word of the training text.
                    let mut r = 1 + rng.below(self.n - 3);
                    while self.tok[r] == BOUNDARY {
                        r += 1;
                    }
                    run = 1;
                    (self.tok[r], self.state[r - 1], JUMP_PROB)
                }
            };
            hist.push(prob, nw(next));
            if next == BOUNDARY {
                return words;
            }
            si = then;
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
