//! Normalisation for matching: turns the original text into a sequence of
//! word tokens, each carrying the character and byte offsets of the original
//! text it came from.
//!
//! Folding applied to every character: Unicode compatibility decomposition
//! (NFKD, the decomposing half of NFKC), removal of combining marks (accent
//! folding), lower-casing, and ligature expansion (œ → oe, æ → ae, ß → ss).
//! Everything that is not a letter or a digit after folding (punctuation,
//! typographic quotes, apostrophes, dashes, asterisks, markup noise) separates
//! words and is otherwise ignored, so "Daech*" and "Daech", « » and " " match.
//!
//! Words hyphenated across a line break ("fé-\ndéral") or with a stray space
//! after the hyphen before a lower-case letter ("recon- naît", typical of OCR)
//! are rejoined into one token whose span covers the whole original stretch.
//! Soft hyphens (U+00AD) inside words are ignored.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};
use xxhash_rust::xxh3::xxh3_64;

/// One normalised word with its position in the original text.
///
/// `begin..end` are character offsets (Unicode scalar values), `byte_begin..
/// byte_end` the same span in bytes of the UTF-8 original.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Hash of the folded word.
    pub hash: u64,
    pub begin: u32,
    pub end: u32,
    pub byte_begin: u32,
    pub byte_end: u32,
}

/// True when a sentence ends between token `k - 1` and token `k` of
/// `tokens` (tokenized from `text`), or `k` is the first token or one past
/// the last.
pub fn sentence_break_before(text: &str, tokens: &[Token], k: usize) -> bool {
    if k == 0 || k >= tokens.len() {
        return true;
    }
    let (from, to) = (
        tokens[k - 1].byte_end as usize,
        tokens[k].byte_begin as usize,
    );
    text.get(from..to.max(from)).is_some_and(|gap| {
        gap.chars()
            .any(|c| matches!(c, '.' | '!' | '?' | '…' | ';' | ':' | '\n'))
    })
}

/// First and last characters of the precomputed folding table (Latin-1
/// Supplement and Latin Extended-A/B: the accented letters of European
/// languages, which make up most non-ASCII letters of news text).
const TABLE_FIRST: u32 = 0x80;
const TABLE_LAST: u32 = 0x24F;

/// Precomputed folds (`None`: not a word character) of the table's range.
fn latin_table() -> &'static [Option<Box<str>>] {
    static TABLE: std::sync::OnceLock<Vec<Option<Box<str>>>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (TABLE_FIRST..=TABLE_LAST)
            .map(|u| {
                let c = char::from_u32(u)?;
                if !slow_is_word_char(c) {
                    return None;
                }
                let mut s = String::new();
                slow_fold_char(c, &mut s);
                Some(s.into_boxed_str())
            })
            .collect()
    })
}

/// Folds one character into `out` (zero, one or several characters).
#[inline]
fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        }
        return;
    }
    let u = c as u32;
    if (TABLE_FIRST..=TABLE_LAST).contains(&u) {
        if let Some(f) = &latin_table()[(u - TABLE_FIRST) as usize] {
            out.push_str(f);
        }
        return;
    }
    slow_fold_char(c, out)
}

fn slow_fold_char(c: char, out: &mut String) {
    match c {
        'œ' | 'Œ' => return out.push_str("oe"),
        'æ' | 'Æ' => return out.push_str("ae"),
        'ß' | 'ẞ' => return out.push_str("ss"),
        'ø' | 'Ø' => return out.push('o'),
        'đ' | 'Đ' => return out.push('d'),
        'ł' | 'Ł' => return out.push('l'),
        '\u{00AD}' => return,
        _ => {}
    }
    decompose_compatible(c, |d| {
        if is_combining_mark(d) || !d.is_alphanumeric() {
            return;
        }
        for l in d.to_lowercase() {
            out.push(l);
        }
    });
}

/// True when the character is part of a word (a letter, a digit, a
/// combining mark or a soft hyphen).
#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    let u = c as u32;
    if (TABLE_FIRST..=TABLE_LAST).contains(&u) {
        return c == '\u{00AD}' || latin_table()[(u - TABLE_FIRST) as usize].is_some();
    }
    slow_is_word_char(c)
}

fn slow_is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\u{00AD}' || is_combining_mark(c)
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{00AD}' | '¬')
}

/// If `rest` (the text right after a hyphen that follows a word) is a line
/// break or spaces followed by a lower-case letter, returns the number of
/// chars and bytes to skip to reach that letter.
fn hyphen_continuation(rest: &str) -> Option<(usize, usize)> {
    let mut chars = 0usize;
    let mut saw_newline = false;
    let mut saw_space = false;
    for (bi, c) in rest.char_indices() {
        if c == '\n' || c == '\r' {
            saw_newline = true;
        } else if c == ' ' || c == '\t' {
            saw_space = true;
        } else if c.is_lowercase() && (saw_newline || saw_space) {
            return Some((chars, bi));
        } else {
            return None;
        }
        chars += 1;
        if chars > 8 {
            return None;
        }
    }
    None
}

/// Splits `text` into normalised word tokens. Deterministic and total: any
/// string, however malformed its content, gives a (possibly empty) result.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 6 + 1);
    let mut word = String::new();
    let mut start: Option<(usize, usize)> = None; // (char, byte) of word start
    let mut last_end = (0usize, 0usize);
    let mut ci = 0usize; // current char index
    let mut iter = text.char_indices();
    while let Some((bi, c)) = iter.next() {
        if is_word_char(c) {
            if start.is_none() {
                start = Some((ci, bi));
            }
            fold_char(c, &mut word);
            ci += 1;
            last_end = (ci, bi + c.len_utf8());
            continue;
        }
        if start.is_some() && is_hyphen(c) {
            let after = bi + c.len_utf8();
            if let Some((skip_chars, skip_bytes)) = hyphen_continuation(&text[after..]) {
                // Rejoin the word: skip the hyphen and the whitespace.
                ci += 1 + skip_chars;
                let target = after + skip_bytes;
                while let Some((nb, _)) = iter.clone().next() {
                    if nb >= target {
                        break;
                    }
                    iter.next();
                }
                continue;
            }
        }
        if let Some(s) = start.take() {
            push_token(&mut tokens, &mut word, s, last_end);
        }
        ci += 1;
    }
    if let Some(s) = start.take() {
        push_token(&mut tokens, &mut word, s, last_end);
    }
    tokens
}

/// Tokens of the parts `spans` (character offsets, sorted, non-overlapping)
/// of `text` only, with offsets into the whole `text`. Used to trace the
/// body of a page while keeping offsets in the text as given. Spans out of
/// range are clamped; unsorted or overlapping spans are sorted and merged.
pub fn tokenize_spans(text: &str, spans: &[crate::model::CharSpan]) -> Vec<Token> {
    let mut spans: Vec<(usize, usize)> = spans
        .iter()
        .filter(|s| !s.is_empty())
        .map(|s| (s.begin, s.end))
        .collect();
    spans.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (b, e) in spans {
        match merged.last_mut() {
            Some(last) if b <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((b, e)),
        }
    }
    // Byte offsets of every span boundary, in one pass over the text.
    let mut wanted: Vec<usize> = merged.iter().flat_map(|&(b, e)| [b, e]).collect();
    wanted.sort_unstable();
    let mut bytes = std::collections::HashMap::with_capacity(wanted.len());
    let mut wi = 0;
    let mut ci = 0usize;
    for (bi, _) in text.char_indices() {
        while wi < wanted.len() && wanted[wi] == ci {
            bytes.insert(ci, bi);
            wi += 1;
        }
        ci += 1;
    }
    while wi < wanted.len() {
        bytes.insert(wanted[wi], text.len());
        wi += 1;
    }
    let mut out = Vec::new();
    for (b, e) in merged {
        let (bb, eb) = (bytes[&b], bytes[&e]);
        if bb >= eb {
            continue;
        }
        let cb = b.min(ci) as u32;
        for mut t in tokenize(&text[bb..eb]) {
            t.begin += cb;
            t.end += cb;
            t.byte_begin += bb as u32;
            t.byte_end += bb as u32;
            out.push(t);
        }
    }
    out
}

fn push_token(tokens: &mut Vec<Token>, word: &mut String, s: (usize, usize), e: (usize, usize)) {
    if !word.is_empty() {
        tokens.push(Token {
            hash: xxh3_64(word.as_bytes()),
            begin: clamp32(s.0),
            end: clamp32(e.0),
            byte_begin: clamp32(s.1),
            byte_end: clamp32(e.1),
        });
    }
    word.clear();
}

fn clamp32(x: usize) -> u32 {
    u32::try_from(x).unwrap_or(u32::MAX)
}

/// The folded form of a text, words separated by single spaces. Used by
/// tests and diagnostics to see what the matcher sees.
pub fn folded(text: &str) -> String {
    let mut out = String::new();
    let mut word = String::new();
    for t in tokenize(text) {
        word.clear();
        for c in text[t.byte_begin as usize..t.byte_end as usize].chars() {
            if is_word_char(c) {
                fold_char(c, &mut word);
            }
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word);
    }
    out
}

/// Slices `text` by character offsets `begin..end` (clamped to the text).
pub fn slice_chars(text: &str, begin: usize, end: usize) -> &str {
    let b = char_to_byte(text, begin);
    let e = char_to_byte(text, end.max(begin));
    &text[b..e]
}

/// Byte offset of the character offset `ci` (the text length if past the end).
pub fn char_to_byte(text: &str, ci: usize) -> usize {
    text.char_indices()
        .nth(ci)
        .map(|(b, _)| b)
        .unwrap_or(text.len())
}

/// Widens a character span over punctuation glued to it (a closing quote and
/// full stop after the last word, an opening guillemet before the first), so
/// that a reported passage reads as the sentence it was cut from. Stops at
/// whitespace and never moves more than `max` characters on either side.
pub fn widen_to_punctuation(text: &str, begin: usize, end: usize, max: usize) -> (usize, usize) {
    let bb = char_to_byte(text, begin);
    let eb = char_to_byte(text, end);
    widen_at(text, (begin, end), (bb, eb), max)
}

/// [`widen_to_punctuation`] for a span whose byte offsets are known too
/// (`bytes` must be the same span as `chars`): constant time.
pub fn widen_at(
    text: &str,
    chars: (usize, usize),
    bytes: (usize, usize),
    max: usize,
) -> (usize, usize) {
    let (begin, end) = chars;
    let (bb, eb) = (bytes.0.min(text.len()), bytes.1.min(text.len()));
    if !text.is_char_boundary(bb) || !text.is_char_boundary(eb) {
        return chars;
    }
    let glued = |c: char| !c.is_whitespace() && !c.is_alphanumeric();
    let mut nb = begin;
    for c in text[..bb].chars().rev().take(max) {
        if glued(c) && is_opening(c) {
            nb -= 1;
        } else {
            break;
        }
    }
    let mut ne = end;
    for c in text[eb..].chars().take(max) {
        if glued(c) && !is_opening(c) {
            ne += 1;
        } else {
            break;
        }
    }
    (nb, ne)
}

fn is_opening(c: char) -> bool {
    matches!(
        c,
        '«' | '“' | '‘' | '„' | '‚' | '"' | '\'' | '(' | '[' | '{' | '¿' | '¡' | '‹'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        folded(text).split(' ').map(str::to_string).collect()
    }

    #[test]
    fn folds_case_accents_and_ligatures() {
        assert_eq!(folded("Élysée MANŒUVRE Straße"), "elysee manoeuvre strasse");
        assert_eq!(folded("ﬁn ① Ｆｕｌｌ"), "fin 1 full");
    }

    #[test]
    fn punctuation_and_asterisks_are_ignored() {
        assert_eq!(folded("Daech* «frappes»"), folded("Daech \"frappes\""));
        assert_eq!(folded("l’Otan"), folded("l'Otan"));
        assert_eq!(folded("a — b – c - d"), "a b c d");
    }

    #[test]
    fn rejoins_words_hyphenated_across_lines() {
        assert_eq!(words("le fé-\ndéral"), vec!["le", "federal"]);
        assert_eq!(words("il recon- naît"), vec!["il", "reconnait"]);
        assert_eq!(words("fé-\r\n  déral"), vec!["federal"]);
        // A real compound keeps its parts; an upper-case continuation is not joined.
        assert_eq!(words("porte-parole"), vec!["porte", "parole"]);
        assert_eq!(words("pro- Russian"), vec!["pro", "russian"]);
        // Soft hyphen inside a word is invisible.
        assert_eq!(words("recon\u{00AD}naît"), vec!["reconnait"]);
    }

    #[test]
    fn offsets_point_into_the_original() {
        let text = "«Nous» a dit l’élu, fé-\ndéral.";
        let toks = tokenize(text);
        let got: Vec<&str> = toks
            .iter()
            .map(|t| slice_chars(text, t.begin as usize, t.end as usize))
            .collect();
        assert_eq!(got, vec!["Nous", "a", "dit", "l", "élu", "fé-\ndéral"]);
        for t in &toks {
            assert_eq!(
                &text[t.byte_begin as usize..t.byte_end as usize],
                slice_chars(text, t.begin as usize, t.end as usize)
            );
        }
    }

    #[test]
    fn total_on_odd_input() {
        assert!(tokenize("").is_empty());
        assert!(tokenize("*** --- «» \u{0301}").is_empty());
        assert_eq!(tokenize("-\n").len(), 0);
        let t = tokenize("a-");
        assert_eq!(t.len(), 1);
        // combining mark alone after a word stays in the word
        assert_eq!(folded("e\u{0301}te\u{0301}"), "ete");
    }

    #[test]
    fn tokens_of_spans_keep_offsets_in_the_whole_text() {
        use crate::model::CharSpan;
        let text = "Menu · Accueil\nLe préfet a parlé.\nPartager sur X\nIl a conclu.";
        let body = [
            CharSpan { begin: 15, end: 33 },
            CharSpan { begin: 49, end: 61 },
            CharSpan {
                begin: 200,
                end: 300,
            },
        ];
        let toks = tokenize_spans(text, &body);
        let got: Vec<&str> = toks
            .iter()
            .map(|t| slice_chars(text, t.begin as usize, t.end as usize))
            .collect();
        assert_eq!(got, vec!["Le", "préfet", "a", "parlé", "Il", "a", "conclu"]);
        for t in &toks {
            assert_eq!(
                &text[t.byte_begin as usize..t.byte_end as usize],
                slice_chars(text, t.begin as usize, t.end as usize)
            );
        }
        let all = [CharSpan {
            begin: 0,
            end: text.chars().count(),
        }];
        assert_eq!(tokenize_spans(text, &all), tokenize(text));
        assert!(tokenize_spans(text, &[]).is_empty());
    }

    #[test]
    fn table_agrees_with_the_slow_path() {
        for u in TABLE_FIRST..=TABLE_LAST {
            let Some(c) = char::from_u32(u) else { continue };
            let (mut fast, mut slow) = (String::new(), String::new());
            fold_char(c, &mut fast);
            slow_fold_char(c, &mut slow);
            if c != '\u{00AD}' {
                assert_eq!(is_word_char(c), slow_is_word_char(c), "{c:?}");
            }
            if is_word_char(c) && c != '\u{00AD}' {
                assert_eq!(fast, slow, "{c:?}");
            }
        }
    }

    #[test]
    fn widens_over_glued_punctuation() {
        let text = "dit : «Nous partons.» Puis";
        let b = text.chars().position(|c| c == 'N').unwrap();
        let e = b + "Nous partons".chars().count();
        let (nb, ne) = widen_to_punctuation(text, b, e, 3);
        assert_eq!(slice_chars(text, nb, ne), "«Nous partons.»");
    }
}
