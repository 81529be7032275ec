//! Speaker phrases: splitting "la porte-parole du ministère, Maria Zakharova"
//! into a name and a role, finding the people named in a document (for
//! pronouns and roles) and the fullest form of a name ("M. Lavrov" →
//! "Sergueï Lavrov").

use crate::lexicon::*;
use crate::text::{is_apostrophe, is_hyphen, slice, Kind, Tok};
use echotrace_core::model::CharSpan;

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Parsed {
    pub as_written: String,
    pub span: CharSpan,
    pub name: Option<String>,
    /// Where the name is.
    pub name_span: Option<CharSpan>,
    pub role: Option<String>,
    pub pronoun: bool,
    /// The role starts with a definite determiner (le, la, the, …).
    pub definite: bool,
    /// The role starts with an indefinite determiner (un, une, a, an).
    pub indefinite: bool,
    /// Folded role words.
    pub role_words: Vec<String>,
}

fn trim_span(chars: &[char], mut b: usize, mut e: usize) -> (usize, usize) {
    let junk = |c: char| c.is_whitespace() || c == ',' || c == ':';
    while b < e && junk(chars[b]) {
        b += 1;
    }
    while e > b && junk(chars[e - 1]) {
        e -= 1;
    }
    (b, e)
}

/// Runs of name words in tokens `a..b`: (first token, last token inclusive).
pub(crate) fn name_runs(
    toks: &[Tok],
    a: usize,
    b: usize,
    after_connector_ok: bool,
) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut k = a;
    while k < b {
        let t = &toks[k];
        let prev_word = (a..k).rev().find(|&p| toks[p].is_word());
        let after_connector = !after_connector_ok
            && prev_word.is_some_and(|p| {
                !toks[p].cap
                    && matches!(
                        toks[p].f.as_str(),
                        "de" | "du"
                            | "des"
                            | "d"
                            | "of"
                            | "for"
                            | "la"
                            | "le"
                            | "l"
                            | "les"
                            | "the"
                            | "a"
                            | "au"
                            | "aux"
                            | "pour"
                            | "et"
                            | "and"
                            | "to"
                            | "in"
                            | "at"
                    )
            });
        if t.is_word()
            && t.cap
            && !is_title(&t.f)
            && !is_not_name(&t.f)
            && !after_connector
            && !t.f.chars().all(|c| c.is_ascii_digit())
        {
            let s = k;
            let mut e = k;
            let mut j = k + 1;
            while j < b {
                let tj = &toks[j];
                if tj.is_word()
                    && tj.cap
                    && !is_title(&tj.f)
                    && (!is_not_name(&tj.f)
                        || matches!(
                            tj.f.as_str(),
                            "le" | "la"
                                | "de"
                                | "du"
                                | "van"
                                | "von"
                                | "da"
                                | "di"
                                | "el"
                                | "al"
                                | "ben"
                                | "bin"
                        ) && toks.get(j + 1).is_some_and(|n| n.is_word() && n.cap))
                {
                    e = j;
                    j += 1;
                } else if tj.is_word()
                    && matches!(tj.f.as_str(), "al" | "el" | "bin" | "ben" | "van" | "von")
                    && !tj.cap
                    && toks
                        .get(j + 1)
                        .is_some_and(|n| n.cap || n.punct().is_some_and(is_hyphen))
                    && j + 2 < b
                {
                    j += 1;
                } else if let Kind::Punct(c) = tj.kind {
                    if (is_hyphen(c) || is_apostrophe(c))
                        && !tj.space_before
                        && toks
                            .get(j + 1)
                            .is_some_and(|n| n.is_word() && n.cap && !n.space_before)
                    {
                        j += 1;
                    } else if c == '.'
                        && toks[j - 1].f.chars().count() == 1
                        && toks.get(j + 1).is_some_and(|n| n.is_word() && n.cap)
                    {
                        // initial "A. Roudenko"
                        j += 1;
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            runs.push((s, e));
            k = e + 1;
        } else {
            k += 1;
        }
    }
    runs
}

/// Parses the speaker phrase of tokens `a..b`.
pub(crate) fn parse(chars: &[char], toks: &[Tok], a: usize, b: usize) -> Option<Parsed> {
    if a >= b || b > toks.len() {
        return None;
    }
    let (sb, se) = trim_span(chars, toks[a].b, toks[b - 1].e);
    let as_written = slice(chars, sb, se);
    let span = CharSpan { begin: sb, end: se };
    let first = &toks[a];
    if b == a + 1 && first.is_word() && is_pronoun(&first.f) {
        return Some(Parsed {
            as_written,
            span,
            name: None,
            name_span: None,
            role: None,
            pronoun: true,
            definite: false,
            indefinite: false,
            role_words: Vec::new(),
        });
    }
    // Components split at top-level commas.
    let mut comps = Vec::new();
    let mut s = a;
    for (k, t) in toks.iter().enumerate().take(b).skip(a) {
        if t.punct() == Some(',') {
            comps.push((s, k));
            s = k + 1;
        }
    }
    comps.push((s, b));
    let mut name: Option<(usize, usize)> = None;
    let mut role: Option<(usize, usize)> = None;
    let mut definite = false;
    let mut indefinite = false;
    for &(cs, ce) in &comps {
        if cs >= ce {
            continue;
        }
        let runs = name_runs(toks, cs, ce, false);
        let run = runs.last().copied();
        if name.is_none() {
            if let Some((rs, re)) = run {
                // German-style "Die Bürgermeisterin Anna Keller": keep the last three words at most.
                let words: Vec<usize> = (rs..=re).filter(|&k| toks[k].is_word()).collect();
                let rs = if words.len() > 3 {
                    words[words.len() - 2]
                } else {
                    rs
                };
                name = Some((rs, re + 1));
                // role words before the name in this component
                let mut rb = cs;
                let fw = &toks[cs];
                if fw.is_word() && is_det(&fw.f) {
                    definite |= matches!(
                        fw.f.as_str(),
                        "le" | "la" | "l" | "les" | "the" | "ce" | "cette" | "der" | "die" | "das"
                    );
                    indefinite |= matches!(fw.f.as_str(), "un" | "une" | "a" | "an");
                    rb += 1;
                    if toks.get(rb).and_then(Tok::punct).is_some_and(is_apostrophe) {
                        rb += 1;
                    }
                }
                // titles M., Mme … are not roles
                let role_toks: Vec<usize> = (rb..rs)
                    .filter(|&k| {
                        toks[k].is_word()
                            && !matches!(
                                toks[k].f.as_str(),
                                "m" | "mme"
                                    | "mlle"
                                    | "mr"
                                    | "mrs"
                                    | "ms"
                                    | "dr"
                                    | "me"
                                    | "maitre"
                                    | "miss"
                                    | "monsieur"
                                    | "madame"
                            )
                    })
                    .collect();
                if role.is_none() && !role_toks.is_empty() {
                    let f = role_toks[0];
                    let l = *role_toks.last().unwrap_or(&f);
                    role = Some((f, l + 1));
                }
                if re + 1 < ce && role.is_none() {
                    // "Zabihullah Mujahid porte-parole" (rare): words after the name
                    let rest: Vec<usize> = (re + 1..ce).filter(|&k| toks[k].is_word()).collect();
                    if let (Some(&f), Some(&l)) = (rest.first(), rest.last()) {
                        role = Some((f, l + 1));
                    }
                }
                continue;
            }
        }
        if role.is_none() {
            let mut rb = cs;
            let fw = &toks[cs];
            if fw.is_word() && is_det(&fw.f) {
                definite |= matches!(
                    fw.f.as_str(),
                    "le" | "la" | "l" | "les" | "the" | "ce" | "cette" | "der" | "die" | "das"
                );
                indefinite |= matches!(fw.f.as_str(), "un" | "une" | "a" | "an");
                rb += 1;
                if toks.get(rb).and_then(Tok::punct).is_some_and(is_apostrophe) {
                    rb += 1;
                }
            }
            if rb < ce {
                role = Some((rb, ce));
            }
        }
    }
    let text_of = |(x, y): (usize, usize)| {
        let (b, e) = trim_span(chars, toks[x].b, toks[y - 1].e);
        (slice(chars, b, e), CharSpan { begin: b, end: e })
    };
    let (name_s, name_span) = match name {
        Some(n) => {
            let (s, sp) = text_of(n);
            (Some(s), Some(sp))
        }
        None => (None, None),
    };
    let role_words: Vec<String> = role
        .map(|(x, y)| {
            toks[x..y]
                .iter()
                .filter(|t| t.is_word())
                .map(|t| t.f.to_string())
                .collect()
        })
        .unwrap_or_default();
    let role_s = role.map(|r| text_of(r).0).filter(|s| !s.is_empty());
    if name_s.is_none() && role_s.is_none() {
        return None;
    }
    Some(Parsed {
        as_written,
        span,
        name: name_s,
        name_span,
        role: role_s,
        pronoun: false,
        definite,
        indefinite,
        role_words,
    })
}

/// A person named in the document (outside quotes).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Mention {
    pub span: CharSpan,
    pub name: String,
    /// Folded words of the name.
    pub words: Vec<String>,
    /// Folded words around the name (its role, when written next to it).
    pub context: Vec<String>,
}

/// People named in tokens `a..b`: runs of two or more capitalised words (or
/// one after a title such as "M."), not after a preposition.
pub(crate) fn mentions(
    chars: &[char],
    toks: &[Tok],
    a: usize,
    b: usize,
    inside_quote: &dyn Fn(usize) -> bool,
) -> Vec<Mention> {
    let mut out = Vec::new();
    for (rs, re) in name_runs(toks, a, b, true) {
        if inside_quote(toks[rs].b) {
            continue;
        }
        let nwords = (rs..=re).filter(|&k| toks[k].is_word()).count();
        // preceding word
        let mut p = rs;
        let mut titled = false;
        let mut prep = false;
        while p > a {
            p -= 1;
            let t = &toks[p];
            if t.punct() == Some('.') || t.punct().is_some_and(is_apostrophe) {
                continue;
            }
            if t.is_word() && is_title(&t.f) && t.cap {
                titled = true;
                continue;
            }
            if t.is_word() {
                prep = matches!(
                    t.f.as_str(),
                    "de" | "du"
                        | "des"
                        | "d"
                        | "a"
                        | "au"
                        | "aux"
                        | "avec"
                        | "par"
                        | "pour"
                        | "sur"
                        | "of"
                        | "with"
                        | "by"
                        | "for"
                        | "to"
                        | "from"
                        | "at"
                        | "in"
                        | "on"
                        | "entre"
                        | "contre"
                        | "vers"
                        | "chez"
                        | "en"
                        | "dans"
                        | "into"
                        | "near"
                ) && !t.cap;
            }
            break;
        }
        // After a preposition ("l'avis de X", "par X"), only with a role in
        // apposition: "de Georges Lefeuvre, ancien diplomate".
        let appos = toks.get(re + 1).is_some_and(|t| t.punct() == Some(','))
            && toks.get(re + 2).is_some_and(|t| {
                t.is_word()
                    && !t.cap
                    && !matches!(
                        t.f.as_str(),
                        "son"
                            | "sa"
                            | "ses"
                            | "leur"
                            | "leurs"
                            | "his"
                            | "her"
                            | "its"
                            | "their"
                            | "qui"
                            | "who"
                            | "which"
                            | "et"
                            | "and"
                            | "mais"
                            | "but"
                    )
                    && !is_verb(&t.f)
                    && !is_stop_prep(&t.f)
            });
        if prep && !appos || !(nwords >= 2 || titled) {
            continue;
        }
        // "à Sputnik Georges Lefeuvre": the outlet before the name goes.
        let rs = if prep && nwords >= 3 {
            (rs + 1..=re).find(|&k| toks[k].is_word()).unwrap_or(rs)
        } else {
            rs
        };
        let (nb, ne) = (toks[rs].b, toks[re].e);
        let name = slice(chars, nb, ne);
        let words = toks[rs..=re]
            .iter()
            .filter(|t| t.is_word())
            .map(|t| t.f.to_string())
            .collect();
        let cb = rs.saturating_sub(8).max(a);
        let ce = (re + 12).min(b);
        let context = toks[cb..ce]
            .iter()
            .filter(|t| t.is_word())
            .map(|t| t.f.to_string())
            .collect();
        out.push(Mention {
            span: CharSpan { begin: nb, end: ne },
            name,
            words,
            context,
        });
    }
    out
}

/// The fullest form of `name` among `mentions` (same last word; other words
/// equal or matching initials), else `name` itself without a trailing period.
pub(crate) fn canonical(name: &str, mentions: &[Mention]) -> String {
    let words: Vec<String> = crate::text::fold_words(name)
        .split(' ')
        .map(str::to_string)
        .collect();
    let Some(last) = words.last() else {
        return name.to_string();
    };
    let mut best: Option<&Mention> = None;
    for m in mentions {
        if m.words.last() != Some(last) || m.words.len() <= words.len() {
            continue;
        }
        let compatible = words[..words.len() - 1].iter().all(|w| {
            m.words
                .iter()
                .any(|mw| mw == w || w.chars().count() == 1 && mw.starts_with(w.as_str()))
        });
        if compatible && best.is_none_or(|b| m.words.len() > b.words.len()) {
            best = Some(m);
        }
    }
    best.map(|m| m.name.clone())
        .unwrap_or_else(|| name.to_string())
}
