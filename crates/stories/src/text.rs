//! Text analysis for stories: words with their case and character offsets,
//! sentences, folding (accents, case, ligatures) and a small Cyrillic → Latin
//! transliteration, so that names compare across scripts and languages.

use echotrace_core::model::CharSpan;
use echotrace_core::normalise::{tokenize, tokenize_spans};
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// One word of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Folded form: lower case, no accents, Cyrillic transliterated.
    pub folded: String,
    /// Character offsets (half-open) in the text as given.
    pub begin: usize,
    pub end: usize,
    /// Starts with an upper-case letter.
    pub cap: bool,
    /// At least two letters, all upper case (an acronym).
    pub upper: bool,
    /// Only digits.
    pub digit: bool,
    /// Index of its sentence in the document's sentence list.
    pub sentence: usize,
    /// First word of its sentence.
    pub initial: bool,
    /// The text between the previous word and this one contains nothing but
    /// spaces, hyphens or apostrophes (so a capitalised run can go on).
    pub joined: bool,
}

/// A document's words and sentences (character spans in the text as given).
#[derive(Debug, Clone, Default)]
pub struct Analysed {
    pub words: Vec<Word>,
    pub sentences: Vec<CharSpan>,
}

/// Upper bound on the characters analysed per document (bounded work on
/// pathological input); the rest is ignored.
pub const MAX_CHARS: usize = 400_000;

/// Folds one word: NFKD, combining marks removed, lower case, ligatures
/// expanded, Cyrillic and Greek-free transliteration to Latin.
pub fn fold_word(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            'ø' | 'Ø' => out.push('o'),
            'ł' | 'Ł' => out.push('l'),
            'đ' | 'Đ' => out.push('d'),
            _ => {
                let mut tmp = String::new();
                decompose_compatible(c, |d| {
                    if !is_combining_mark(d) {
                        tmp.push(d)
                    }
                });
                for d in tmp.chars() {
                    for l in d.to_lowercase() {
                        match translit(l) {
                            Some(t) => out.push_str(t),
                            None => {
                                if l.is_alphanumeric() {
                                    out.push(l)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    out
}

/// Latin transliteration of a lower-case Cyrillic letter (after accent
/// removal, so й arrives as и).
fn translit(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' | 'є' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' | 'і' | 'ї' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'ю' => "yu",
        'я' => "ya",
        _ => return None,
    })
}

/// A spelling skeleton for names, so that transcriptions of one name in
/// several languages meet: Kaboulov/Kabulov, Sergueï/Sergey/Sergei,
/// Konashenkov/Konachenkov, Tbilissi/Tbilisi.
pub fn skeleton(folded: &str) -> String {
    let b: Vec<char> = folded.chars().collect();
    let mut out = String::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let n = b.get(i + 1).copied();
        let n2 = b.get(i + 2).copied();
        match (c, n) {
            ('o', Some('u')) => {
                out.push('u');
                i += 2;
                continue;
            }
            ('s', Some('c')) if n2 == Some('h') => {
                out.push('s');
                i += 3;
                continue;
            }
            ('s' | 'c', Some('h')) => {
                out.push('s');
                i += 2;
                continue;
            }
            ('k' | 'p' | 'z', Some('h')) => {
                out.push(if c == 'p' { 'f' } else { c });
                i += 2;
                continue;
            }
            ('g', Some('u')) if matches!(n2, Some('e' | 'i')) => {
                out.push('g');
                i += 2;
                continue;
            }
            _ => {}
        }
        let m = match c {
            'y' | 'j' => 'i',
            'w' => 'v',
            'c' | 'q' => 'k',
            x => x,
        };
        if out.ends_with(m) {
            i += 1;
            continue; // double letters
        }
        out.push(m);
        i += 1;
    }
    out
}

/// Words and sentences of `text` (of its `body` spans only when `body` is
/// not empty; offsets stay in the whole `text`).
pub fn analyse(text: &str, body: &[CharSpan]) -> Analysed {
    let toks = if body.is_empty() {
        tokenize(text)
    } else {
        tokenize_spans(text, body)
    };
    let mut out = Analysed::default();
    let mut prev_end_byte: Option<usize> = None;
    let mut prev_word: Option<(String, bool)> = None; // (folded, cap)
    let mut sent_begin: Option<usize> = None;
    let mut last_end = 0usize;
    for t in toks {
        if t.begin as usize >= MAX_CHARS {
            break;
        }
        let (bb, be) = (t.byte_begin as usize, t.byte_end as usize);
        let Some(surface) = text.get(bb..be) else {
            continue;
        };
        let gap = match prev_end_byte {
            Some(p) if p <= bb => text.get(p..bb).unwrap_or(""),
            _ => "",
        };
        let folded = fold_word(surface);
        if folded.is_empty() {
            continue;
        }
        let first = surface.chars().find(|c| c.is_alphanumeric());
        let cap = first.is_some_and(|c| c.is_uppercase());
        let letters = surface.chars().filter(|c| c.is_alphabetic()).count();
        let upper = letters >= 2
            && surface
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(|c| c.is_uppercase());
        let digit = surface.chars().all(|c| c.is_ascii_digit());
        let boundary = prev_end_byte.is_some() && sentence_break(gap, prev_word.as_ref(), digit);
        if prev_end_byte.is_none() || boundary {
            if let Some(b) = sent_begin {
                out.sentences.push(CharSpan {
                    begin: b,
                    end: last_end,
                });
            }
            sent_begin = Some(t.begin as usize);
        }
        let joined = prev_end_byte.is_some()
            && !boundary
            && !gap.is_empty()
            && gap
                .chars()
                .all(|c| c == ' ' || c == '-' || c == '\u{a0}' || c == '\'' || c == '’');
        let initial = prev_end_byte.is_none() || boundary;
        out.words.push(Word {
            folded: folded.clone(),
            begin: t.begin as usize,
            end: t.end as usize,
            cap,
            upper,
            digit,
            sentence: out.sentences.len(),
            initial,
            joined,
        });
        prev_word = Some((folded, cap));
        prev_end_byte = Some(be);
        last_end = t.end as usize;
    }
    if let Some(b) = sent_begin {
        out.sentences.push(CharSpan {
            begin: b,
            end: last_end,
        });
    }
    // Extend each sentence over the punctuation right after its last word.
    let chars: Vec<char> = text.chars().take(MAX_CHARS + 8).collect();
    for s in &mut out.sentences {
        let mut e = s.end;
        let mut j = s.end;
        while j < chars.len() && j < s.end + 4 {
            match chars[j] {
                '.' | '!' | '?' | '…' | '»' | '"' | '”' => {
                    j += 1;
                    e = j;
                }
                ' ' | '\u{a0}' | '\u{202f}' => j += 1,
                _ => break,
            }
        }
        s.end = e;
    }
    out
}

/// True when the text between two words ends a sentence.
fn sentence_break(gap: &str, prev: Option<&(String, bool)>, next_digit: bool) -> bool {
    if gap.contains('\n') || gap.contains('!') || gap.contains('?') || gap.contains('…') {
        return true;
    }
    if !gap.contains('.') {
        return false;
    }
    let Some((pw, pcap)) = prev else { return true };
    // Abbreviations and initials: "M. Lavrov", "J. Smith", "Mr. Kim", "6.8".
    if pw.chars().all(|c| c.is_ascii_digit()) && next_digit && gap.trim() == "." {
        return false;
    }
    if *pcap && pw.chars().count() == 1 {
        return false;
    }
    !matches!(
        pw.as_str(),
        "m" | "mm"
            | "mr"
            | "mrs"
            | "ms"
            | "mme"
            | "dr"
            | "st"
            | "gen"
            | "sen"
            | "rep"
            | "no"
            | "vs"
            | "etc"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_and_transliterates() {
        assert_eq!(fold_word("États"), "etats");
        assert_eq!(fold_word("Захарова"), "zakharova");
        assert_eq!(fold_word("Сергей"), "sergei");
        assert_eq!(skeleton("kaboulov"), skeleton("kabulov"));
        assert_eq!(skeleton("serguei"), skeleton("sergey"));
        assert_eq!(skeleton("tbilissi"), skeleton("tbilisi"));
        assert_ne!(skeleton("lyon"), skeleton("lima"));
    }

    #[test]
    fn sentences_and_offsets() {
        let t = "Le général a parlé. M. Lavrov répond ? Oui\nFin 6.8 degrés";
        let a = analyse(t, &[]);
        let chars: Vec<char> = t.chars().collect();
        let texts: Vec<String> = a
            .sentences
            .iter()
            .map(|s| chars[s.begin..s.end].iter().collect())
            .collect();
        assert_eq!(
            texts,
            vec![
                "Le général a parlé.",
                "M. Lavrov répond ?",
                "Oui",
                "Fin 6.8 degrés"
            ]
        );
        let w = &a.words[1];
        assert_eq!(w.folded, "general");
        assert_eq!(chars[w.begin..w.end].iter().collect::<String>(), "général");
        assert!(a.words[0].initial && a.words[0].cap);
    }

    #[test]
    fn total_on_odd_input() {
        for t in ["", "...", "\u{0}\u{301}a", "ÉÉ-É'É", "\n\n?!"] {
            let _ = analyse(t, &[]);
            let _ = analyse(t, &[CharSpan { begin: 3, end: 1 }]);
        }
    }
}
