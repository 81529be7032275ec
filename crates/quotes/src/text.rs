//! A light tokenizer for attribution: words (folded, with case and char
//! offsets), punctuation and line breaks, over the text as given.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    /// One punctuation or symbol character.
    Punct(char),
    /// Whitespace containing at least one line break.
    Break,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tok {
    pub kind: Kind,
    /// Character offsets into the text.
    pub b: usize,
    pub e: usize,
    /// Folded (lower case, no accents) form of a word; empty otherwise.
    pub f: Folded,
    /// The word starts with an upper-case letter.
    pub cap: bool,
    /// Whitespace directly before this token.
    pub space_before: bool,
}

/// Bytes of a folded word kept inline (most words): no allocation per token.
const INLINE: usize = 22;

/// A folded word: inline up to [`INLINE`] bytes, else on the heap. Reads as
/// a `&str`. Only [`Folded::new`] and `Default` build one (the
/// representation is private to this module), so the inline bytes are
/// always a whole `&str`'s and are read without validating them again.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Folded(Repr);

#[derive(Clone, PartialEq, Eq)]
enum Repr {
    Inline { len: u8, buf: [u8; INLINE] },
    Heap(Box<str>),
}

impl Default for Folded {
    fn default() -> Self {
        Folded(Repr::Inline {
            len: 0,
            buf: [0; INLINE],
        })
    }
}

impl Folded {
    pub fn new(s: &str) -> Self {
        if s.len() <= INLINE {
            let mut buf = [0; INLINE];
            buf[..s.len()].copy_from_slice(s.as_bytes());
            Folded(Repr::Inline {
                len: s.len() as u8,
                buf,
            })
        } else {
            Folded(Repr::Heap(s.into()))
        }
    }
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Inline { len, buf } => {
                let bytes = &buf[..*len as usize];
                debug_assert!(std::str::from_utf8(bytes).is_ok());
                // SAFETY: `Repr::Inline` is only built by `Folded::new`, from
                // the bytes of a whole `&str` (`len` is its length), or empty
                // by `Default`; the fields are private to this module.
                unsafe { std::str::from_utf8_unchecked(bytes) }
            }
            Repr::Heap(s) => s,
        }
    }
}

impl std::ops::Deref for Folded {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for Folded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq<str> for Folded {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Folded {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Tok {
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }
    pub fn is(&self, w: &str) -> bool {
        self.kind == Kind::Word && self.f == w
    }
    pub fn punct(&self) -> Option<char> {
        match self.kind {
            Kind::Punct(c) => Some(c),
            _ => None,
        }
    }
}

/// Folds one character (lower case, accents removed) into `out`.
pub(crate) fn fold_into(c: char, out: &mut String) {
    // ASCII (most of the text) folds to its lower case: same result, no tables.
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    for l in c.to_lowercase() {
        match l {
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            _ => decompose_canonical(l, |d| {
                if !is_combining_mark(d) {
                    out.push(d);
                }
            }),
        }
    }
}

/// Folded form of a string (words only, single spaces).
pub(crate) fn fold_words(s: &str) -> String {
    let mut out = String::new();
    let mut in_word = false;
    for c in s.chars() {
        if c.is_alphanumeric() {
            if !in_word && !out.is_empty() {
                out.push(' ');
            }
            in_word = true;
            fold_into(c, &mut out);
        } else {
            in_word = false;
        }
    }
    out
}

/// Tokenizes `chars`. Words are runs of alphanumeric characters; apostrophes
/// and hyphens are punctuation tokens ("a-t-il" → a - t - il).
pub(crate) fn tokenize(chars: &[char]) -> Vec<Tok> {
    let mut toks = Vec::with_capacity(chars.len() / 4 + 1);
    let mut f = String::new();
    let mut i = 0;
    let mut space = false;
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphanumeric() {
            let b = i;
            f.clear();
            while i < chars.len() && chars[i].is_alphanumeric() {
                fold_into(chars[i], &mut f);
                i += 1;
            }
            toks.push(Tok {
                kind: Kind::Word,
                b,
                e: i,
                f: Folded::new(&f),
                cap: c.is_uppercase(),
                space_before: space,
            });
            space = false;
        } else if c.is_whitespace() {
            let b = i;
            let mut nl = false;
            while i < chars.len() && chars[i].is_whitespace() {
                nl |= chars[i] == '\n' || chars[i] == '\r' || chars[i] == '\u{2029}';
                i += 1;
            }
            if nl {
                toks.push(Tok {
                    kind: Kind::Break,
                    b,
                    e: i,
                    f: Folded::default(),
                    cap: false,
                    space_before: false,
                });
            }
            space = true;
        } else {
            toks.push(Tok {
                kind: Kind::Punct(c),
                b: i,
                e: i + 1,
                f: Folded::default(),
                cap: false,
                space_before: space,
            });
            space = false;
            i += 1;
        }
    }
    toks
}

/// Index of the first token whose start is at or after char offset `pos`.
pub(crate) fn tok_at(toks: &[Tok], pos: usize) -> usize {
    toks.partition_point(|t| t.b < pos)
}

pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '`' | '´')
}

pub(crate) fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

/// Sentence-final punctuation.
pub(crate) fn is_final(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | ';')
}

/// Characters `b..e` of `chars` as a string.
pub(crate) fn slice(chars: &[char], b: usize, e: usize) -> String {
    let e = e.min(chars.len());
    let b = b.min(e);
    chars[b..e].iter().collect()
}
