//! Reader comments that quote their own article: stretches of a comment
//! that copy the article body word for word (after the usual folding of
//! case, accents and typography). Such reuse is a quote inside the page,
//! recorded on the comment, never cross-outlet reuse.

use std::collections::HashMap;

use echotrace_core::model::CharSpan;
use echotrace_core::normalise::{tokenize_spans, Token};

use crate::record::{Cleaned, CommentQuote};

/// A copied stretch must have at least this many words.
pub const MIN_QUOTE_WORDS: usize = 7;

/// Body positions looked at for one n-gram of a comment (repeated text in
/// the body could otherwise make the search quadratic).
const MAX_CANDIDATES: usize = 8;

fn gram_hash(tokens: &[Token]) -> u64 {
    tokens.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, t| {
        (h ^ t.hash).wrapping_mul(0x100_0000_01b3).rotate_left(29)
    })
}

/// The stretches of `comment` (a span of `text`) that copy the body (spans
/// of `text`), in comment order, each at least `min_words` words long.
pub fn article_quotes(
    text: &str,
    body: &[CharSpan],
    comment: CharSpan,
    min_words: usize,
) -> Vec<CommentQuote> {
    let body_tokens = tokenize_spans(text, body);
    let index = BodyIndex::new(&body_tokens, min_words);
    index.quotes(&tokenize_spans(text, &[comment]))
}

/// The body's word n-grams, for finding the quotes of many comments.
struct BodyIndex<'a> {
    body: &'a [Token],
    n: usize,
    grams: HashMap<u64, Vec<u32>>,
}

impl<'a> BodyIndex<'a> {
    fn new(body: &'a [Token], n: usize) -> BodyIndex<'a> {
        let n = n.max(1);
        let mut grams: HashMap<u64, Vec<u32>> = HashMap::new();
        if body.len() >= n {
            for p in 0..=body.len() - n {
                let v = grams.entry(gram_hash(&body[p..p + n])).or_default();
                if v.len() < MAX_CANDIDATES {
                    v.push(p as u32);
                }
            }
        }
        BodyIndex { body, n, grams }
    }

    fn quotes(&self, c: &[Token]) -> Vec<CommentQuote> {
        let (b, n) = (self.body, self.n);
        let mut out = Vec::new();
        let mut i = 0;
        while i + n <= c.len() {
            let mut best: Option<(usize, usize)> = None;
            if let Some(cands) = self.grams.get(&gram_hash(&c[i..i + n])) {
                for &p in cands {
                    let p = p as usize;
                    let len = c[i..]
                        .iter()
                        .zip(&b[p..])
                        .take_while(|(x, y)| x.hash == y.hash)
                        .count();
                    if len >= n && best.is_none_or(|(_, l)| len > l) {
                        best = Some((p, len));
                    }
                }
            }
            match best {
                Some((p, len)) => {
                    out.push(CommentQuote {
                        comment: CharSpan {
                            begin: c[i].begin as usize,
                            end: c[i + len - 1].end as usize,
                        },
                        body: CharSpan {
                            begin: b[p].begin as usize,
                            end: b[p + len - 1].end as usize,
                        },
                        words: len,
                    });
                    i += len;
                }
                None => i += 1,
            }
        }
        out
    }
}

/// Records on every comment of `c` the stretches that quote the body.
pub fn mark_article_quotes(c: &mut Cleaned) {
    if c.comments.is_empty() || c.body.is_empty() {
        return;
    }
    let body_tokens = tokenize_spans(&c.text, &c.body);
    let index = BodyIndex::new(&body_tokens, MIN_QUOTE_WORDS);
    for m in &mut c.comments {
        m.quotes_article = index.quotes(&tokenize_spans(&c.text, &[m.span]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span_of(text: &str, part: &str) -> CharSpan {
        let b = text.find(part).expect("part of the text");
        let begin = text[..b].chars().count();
        CharSpan {
            begin,
            end: begin + part.chars().count(),
        }
    }

    fn slice(text: &str, s: CharSpan) -> String {
        text.chars().skip(s.begin).take(s.len()).collect()
    }

    #[test]
    fn a_comment_quoting_the_body_is_found_with_both_spans() {
        let body = "Le maire de Valbrune a annoncé lundi que la passerelle du vieux port serait fermée tout l’hiver pour des travaux urgents.";
        let comment = "Je cite : « la passerelle du VIEUX port serait fermée tout l'hiver » et personne ne proteste ?";
        let text = format!("{body}\n\n3 commentaires\n{comment}\n");
        let q = article_quotes(
            &text,
            &[span_of(&text, body)],
            span_of(&text, comment),
            MIN_QUOTE_WORDS,
        );
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(
            slice(&text, q[0].comment),
            "la passerelle du VIEUX port serait fermée tout l'hiver"
        );
        assert_eq!(
            slice(&text, q[0].body),
            "la passerelle du vieux port serait fermée tout l’hiver"
        );
        assert_eq!(q[0].words, 10);
    }

    #[test]
    fn short_shared_phrases_are_not_quotes() {
        let body = "Le conseil a voté le budget de la ville pour l’année prochaine.";
        let comment = "Le budget de la ville, encore une fois trop lourd.";
        let text = format!("{body}\n{comment}");
        let q = article_quotes(
            &text,
            &[span_of(&text, body)],
            span_of(&text, comment),
            MIN_QUOTE_WORDS,
        );
        assert!(q.is_empty(), "{q:?}");
    }

    #[test]
    fn repeated_text_stays_linear() {
        let body = "mot ".repeat(5000);
        let comment = "mot ".repeat(5000);
        let text = format!("{body}\n{comment}");
        let t = std::time::Instant::now();
        let q = article_quotes(
            &text,
            &[CharSpan {
                begin: 0,
                end: 20000,
            }],
            CharSpan {
                begin: 20001,
                end: 40001,
            },
            MIN_QUOTE_WORDS,
        );
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].words, 5000);
        assert!(t.elapsed().as_secs_f64() < 2.0);
    }
}
