//! Per-document text features used as direction evidence: word positions,
//! and the positions of marks that copying tends to remove or add (asterisks
//! after names, typographic quotes and dashes, spaces lost after sentence
//! ends, hyphenation across line breaks), plus char-to-byte checkpoints.

use echotrace_core::model::CharSpan;
use echotrace_core::normalise::{tokenize, Token};

const CHECKPOINT: usize = 64;

/// Features of one document.
pub(crate) struct DocFeatures<'a> {
    pub text: &'a str,
    pub tokens: Vec<Token>,
    pub n_chars: usize,
    /// Byte offset of every `CHECKPOINT`-th character.
    checkpoints: Vec<usize>,
    pub asterisks: Vec<u32>,
    pub curly: Vec<u32>,
    pub straight: Vec<u32>,
    /// Spaces lost after sentence ends, or doubled between words.
    pub glued: Vec<u32>,
    pub hyphens: Vec<u32>,
    /// Words damaged the way retyping or OCR damages them and originals
    /// rarely are: letters mixed with digits ("p0ur", "1oi"), one word in
    /// capitals among lower-case ones, a sentence starting in lower case.
    pub damaged: Vec<u32>,
}

/// Character positions of the damaged words of a text (see
/// [`DocFeatures::damaged`]).
fn damaged_words(chars: &[char], tokens: &[Token]) -> Vec<u32> {
    let word = |t: &Token| chars.get(t.begin as usize..t.end as usize).unwrap_or(&[]);
    let shouted = |w: &[char]| w.len() >= 2 && w.iter().all(|c| c.is_uppercase());
    let mut out = Vec::new();
    for (k, t) in tokens.iter().enumerate() {
        let w = word(t);
        let letters = w.iter().filter(|c| c.is_alphabetic()).count();
        let digits = w.iter().filter(|c| c.is_ascii_digit()).count();
        let mixed = letters >= 2 && digits >= 1 && !w[0].is_ascii_digit();
        let lone_capitals = shouted(w)
            && w.iter().all(|c| c.is_alphabetic())
            && !k.checked_sub(1).is_some_and(|j| shouted(word(&tokens[j])))
            && !tokens.get(k + 1).is_some_and(|n| shouted(word(n)));
        // A word in lower case after a space that follows a sentence end.
        let before = chars.get(..t.begin as usize).unwrap_or(&[]);
        let lower_start = w.first().is_some_and(|c| c.is_lowercase())
            && before.last().is_some_and(|c| c.is_whitespace())
            && before
                .iter()
                .rev()
                .find(|c| !c.is_whitespace())
                .is_some_and(|&c| matches!(c, '.' | '!' | '?'));
        if mixed || lone_capitals || lower_start {
            out.push(t.begin);
        }
    }
    out
}

fn is_closing(c: char) -> bool {
    matches!(c, '»' | '”' | '"' | ')' | '’' | '\'')
}

impl<'a> DocFeatures<'a> {
    pub fn new(text: &'a str) -> DocFeatures<'a> {
        let chars: Vec<char> = text.chars().collect();
        let mut checkpoints = Vec::with_capacity(chars.len() / CHECKPOINT + 1);
        let mut f = DocFeatures {
            text,
            tokens: tokenize(text),
            n_chars: chars.len(),
            checkpoints: Vec::new(),
            asterisks: Vec::new(),
            curly: Vec::new(),
            straight: Vec::new(),
            glued: Vec::new(),
            hyphens: Vec::new(),
            damaged: Vec::new(),
        };
        for (ci, (bi, _)) in text.char_indices().enumerate() {
            if ci % CHECKPOINT == 0 {
                checkpoints.push(bi);
            }
        }
        f.checkpoints = checkpoints;
        let at = |i: usize| chars.get(i).copied();
        for (i, &c) in chars.iter().enumerate() {
            let pos = u32::try_from(i).unwrap_or(u32::MAX);
            let prev = i.checked_sub(1).and_then(at);
            let next = at(i + 1);
            match c {
                '*' if prev.is_some_and(char::is_alphabetic) => f.asterisks.push(pos),
                '’' | '‘' | '“' | '”' | '«' | '»' | '–' | '—' | '…' => {
                    f.curly.push(pos)
                }
                '\'' | '"' => f.straight.push(pos),
                '-' if prev == Some(' ') && next == Some(' ') => f.straight.push(pos),
                _ => {}
            }
            // Two spaces between words: a copy-and-paste artefact.
            if c == ' ' && next == Some(' ') && prev.is_some_and(|p| p != ' ' && p != '\n') {
                f.glued.push(pos);
            }
            if matches!(c, '.' | '!' | '?' | '»' | '”')
                && prev.is_some_and(|p| p.is_lowercase() || is_closing(p))
                && next.is_some_and(|n| n.is_uppercase() || n == '«' || n == '“')
            {
                f.glued.push(pos);
            }
            if matches!(c, '-' | '\u{ad}' | '¬')
                && prev.is_some_and(char::is_alphabetic)
                && matches!(next, Some('\n') | Some(' '))
                && at(i + 2).is_some_and(char::is_lowercase)
            {
                f.hyphens.push(pos);
            }
        }
        f.damaged = damaged_words(&chars, &f.tokens);
        f
    }

    /// Byte offset of character `ci` (clamped to the text).
    pub fn byte_at(&self, ci: usize) -> usize {
        let k = ci / CHECKPOINT;
        let Some(&base) = self.checkpoints.get(k) else {
            return self.text.len();
        };
        let rest = ci - k * CHECKPOINT;
        self.text
            .get(base..)
            .and_then(|t| t.char_indices().nth(rest).map(|(b, _)| base + b))
            .unwrap_or(self.text.len())
    }

    /// The text of a character span (clamped).
    pub fn slice(&self, span: CharSpan) -> &'a str {
        let b = self.byte_at(span.begin);
        let e = self.byte_at(span.end.max(span.begin));
        self.text.get(b..e).unwrap_or("")
    }

    /// Number of words wholly inside `span`.
    pub fn words_in(&self, span: CharSpan) -> usize {
        let lo = self
            .tokens
            .partition_point(|t| (t.begin as usize) < span.begin);
        let hi = self
            .tokens
            .partition_point(|t| (t.end as usize) <= span.end);
        hi.saturating_sub(lo)
    }

    /// True when the span ends mid-sentence right before a paragraph break
    /// or the end of the text (a truncated copy).
    pub fn truncated(&self, span: CharSpan) -> bool {
        if span.is_empty() {
            return false;
        }
        let last = self
            .slice(CharSpan {
                begin: span.end.saturating_sub(4),
                end: span.end,
            })
            .trim_end()
            .chars()
            .last();
        if last.is_some_and(|c| matches!(c, '.' | '!' | '?' | '…' | ':')) {
            return false;
        }
        let after = self.slice(CharSpan {
            begin: span.end,
            end: span.end + 200,
        });
        for c in after.chars() {
            if is_closing(c) || c == ' ' || c == '\t' || c == '\u{a0}' {
                continue;
            }
            return c == '\n' || c == '\r';
        }
        // End of the text (or only spaces and quotes follow).
        after.chars().count() < 200
    }
}

/// Number of positions of `v` inside `span`.
pub(crate) fn count_in(v: &[u32], span: CharSpan) -> usize {
    let lo = v.partition_point(|&p| (p as usize) < span.begin);
    let hi = v.partition_point(|&p| (p as usize) < span.end);
    hi.saturating_sub(lo)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_found() {
        let t =
            "Le groupe Daech* a agi.Puis « ceci » – fin-\nale. Et recon- naît 'x'.  Fin  du texte.";
        let f = DocFeatures::new(t);
        assert_eq!(f.asterisks.len(), 1);
        assert_eq!(f.glued.len(), 3);
        assert_eq!(f.hyphens.len(), 2);
        assert!(f.curly.len() >= 3);
        assert_eq!(f.straight.len(), 2);
        let all = CharSpan {
            begin: 0,
            end: f.n_chars,
        };
        assert_eq!(count_in(&f.asterisks, all), 1);
        assert_eq!(f.slice(CharSpan { begin: 3, end: 9 }), "groupe");
        assert_eq!(f.byte_at(10_000), t.len());
    }

    #[test]
    fn damaged_words_are_found() {
        let clean = "Le maire de Lyon a parlé. La loi de 2019 et le G7 du 3e jour.";
        assert!(DocFeatures::new(clean).damaged.is_empty());
        let t = "Le maire de Lyon a parlé. il a dit QUE la 1oi p0ur tous. La ONU et la SNCF.";
        let f = DocFeatures::new(t);
        let words: Vec<&str> = f
            .damaged
            .iter()
            .map(|&p| {
                let b = f.byte_at(p as usize);
                t[b..].split(|c: char| !c.is_alphanumeric()).next().unwrap()
            })
            .collect();
        assert_eq!(words, ["il", "QUE", "p0ur", "ONU", "SNCF"]);
    }

    #[test]
    fn truncation_is_a_sentence_cut_before_a_break() {
        let t = "Une phrase entière. Une autre coupée en\n\nAutre paragraphe.";
        let f = DocFeatures::new(t);
        let cut = t.find("en\n").unwrap() + 2;
        let cut = t[..cut].chars().count();
        assert!(f.truncated(CharSpan { begin: 0, end: cut }));
        let whole = t.find("entière").unwrap() + "entière".len();
        let whole = t[..whole].chars().count();
        assert!(!f.truncated(CharSpan {
            begin: 0,
            end: whole
        }));
        assert!(!f.truncated(CharSpan { begin: 0, end: 5 }));
    }
}
