//! Reporting clauses around a quote: the cue (verb, "selon", colon) and the
//! token range of its subject, and the parsing of that subject into a name,
//! a role, or a pronoun.

use crate::lexicon::*;
use crate::text::{is_apostrophe, is_final, is_hyphen, Kind, Tok};

/// Longest speaker phrase considered (tokens).
const MAX_NP: usize = 40;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CueKind {
    Verb,
    /// selon, d'après, according to, pour X, …
    Source,
    /// "X : « … »" without a verb.
    Colon,
    /// "C'est ce qu'a déclaré X" after the quote.
    CestCe,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cue {
    pub kind: CueKind,
    /// Token range of the cue words (aux + verb, or "selon").
    pub cue: (usize, usize),
    /// Token range of the subject, when there is one.
    pub subject: Option<(usize, usize)>,
}

fn word(toks: &[Tok], i: usize) -> Option<&str> {
    toks.get(i).filter(|t| t.is_word()).map(|t| t.f.as_str())
}

fn is_p(toks: &[Tok], i: usize, f: impl Fn(char) -> bool) -> bool {
    toks.get(i).and_then(Tok::punct).is_some_and(f)
}

/// A word glued to the next by a hyphen or apostrophe (no spaces).
fn glued(toks: &[Tok], i: usize) -> bool {
    toks.get(i).is_some_and(|t| !t.space_before)
}

/// Skips "-t-" / "-" before an inverted pronoun; returns the pronoun index.
fn inverted_pronoun(toks: &[Tok], mut i: usize) -> Option<usize> {
    if !is_p(toks, i, is_hyphen) || !glued(toks, i) {
        return None;
    }
    i += 1;
    if toks.get(i).is_some_and(|t| t.is("t")) && is_p(toks, i + 1, is_hyphen) {
        i += 2;
    }
    word(toks, i).filter(|w| is_pronoun(w)).map(|_| i)
}

/// Skips time and manner words, "ce jeudi 22 juillet", "la semaine dernière",
/// "en janvier", "à Sputnik" between a verb and its inverted subject.
fn skip_adverbials(toks: &[Tok], mut i: usize, lim: usize) -> usize {
    let mut guard = 0;
    while i < lim && guard < 20 {
        guard += 1;
        let t = &toks[i];
        if t.punct() == Some(',') {
            // ", dans une interview, X" is not handled; a comma here ends the clause
            // unless the next word is skippable too.
            if word(toks, i + 1).is_some_and(is_skip) {
                i += 1;
                continue;
            }
            break;
        }
        if !t.is_word() {
            if is_apostrophe(t.punct().unwrap_or(' ')) || is_hyphen(t.punct().unwrap_or(' ')) {
                i += 1;
                continue;
            }
            break;
        }
        let f = t.f.as_str();
        if matches!(
            f,
            "ce" | "cette" | "cet" | "la" | "le" | "l" | "this" | "last" | "on"
        ) && next_word(toks, i + 1).is_some_and(|n| is_time_noun(&toks[n].f))
        {
            i = next_word(toks, i + 1).map_or(i + 1, |n| n + 1);
            continue;
        }
        if (f == "a" || f == "au" || f == "to") && !t.cap {
            // "à Sputnik", "à l'AFP", "to reporters" then a subject.
            let mut j = i + 1;
            while j < lim && (toks[j].is_word() && (toks[j].cap || toks[j].f == "l"))
                || j < lim && is_p(toks, j, is_apostrophe)
            {
                j += 1;
            }
            if j > i + 1 && j < lim && toks[j].is_word() {
                i = j;
                continue;
            }
            break;
        }
        if (f == "en" || f == "des" || f == "in")
            && next_word(toks, i + 1).is_some_and(|n| {
                is_day_or_month(&toks[n].f) || toks[n].f.chars().all(|c| c.is_ascii_digit())
            })
        {
            i = next_word(toks, i + 1).map_or(i + 1, |n| n + 1);
            continue;
        }
        if is_skip(f) && !t.cap || is_day_or_month(f) {
            i += 1;
            continue;
        }
        break;
    }
    i
}

fn next_word(toks: &[Tok], mut i: usize) -> Option<usize> {
    while i < toks.len() {
        if toks[i].is_word() {
            return Some(i);
        }
        if toks[i].kind == Kind::Break || !is_p(toks, i, is_apostrophe) {
            return None;
        }
        i += 1;
    }
    None
}

/// Is token `i` a clause boundary (sentence end, line break, quote mark)?
pub(crate) fn is_boundary(toks: &[Tok], i: usize) -> bool {
    match toks[i].kind {
        Kind::Break => true,
        Kind::Punct(c) => {
            if is_final(c) {
                // "M." and initials are not sentence ends.
                if c == '.' && i > 0 {
                    let p = &toks[i - 1];
                    if p.is_word() && p.cap && (p.f.chars().count() == 1 || is_title(&p.f)) {
                        return false;
                    }
                }
                true
            } else {
                is_mark(c)
            }
        }
        Kind::Word => false,
    }
}

pub(crate) fn is_mark(c: char) -> bool {
    matches!(
        c,
        '«' | '»' | '“' | '”' | '„' | '"' | '「' | '」' | '『' | '』' | '‹' | '›'
    )
}

const CONNECTORS: &[&str] = &[
    "de", "du", "des", "d", "of", "for", "pour", "et", "and", "von", "der",
];

fn is_connector(w: &str) -> bool {
    CONNECTORS.contains(&w)
}

/// Name particles allowed inside a run of capitalised words.
fn is_particle(w: &str) -> bool {
    matches!(
        w,
        "le" | "la"
            | "de"
            | "du"
            | "van"
            | "von"
            | "al"
            | "el"
            | "ben"
            | "bin"
            | "da"
            | "di"
            | "o"
            | "mac"
            | "mc"
    )
}

/// Reads one noun phrase component from token `i`: a pronoun, a determiner
/// and role words, capitalised names (with titles, particles, hyphens,
/// apostrophes, initials). Returns its end (exclusive).
fn component(toks: &[Tok], i: usize, lim: usize, bare: bool) -> Option<usize> {
    let mut j = i;
    let mut det = false;
    let first = toks.get(i)?;
    if !first.is_word() {
        return None;
    }
    if is_pronoun(&first.f) && !first.cap
        || is_pronoun(&first.f)
            && first.cap
            && toks.get(i + 1).is_none_or(|t| !t.is_word() || !t.cap)
    {
        return Some(i + 1);
    }
    if is_det(&first.f) {
        // "L'", "the", …
        det = true;
        j += 1;
        if is_p(toks, j, is_apostrophe) {
            j += 1;
        }
    }
    let mut words = 0usize;
    let mut last_cap = false;
    let mut last_title = false;
    while j < lim.min(i + MAX_NP) {
        let t = &toks[j];
        match t.kind {
            Kind::Word => {
                let f = t.f.as_str();
                if t.cap && !is_pronoun(f) {
                    if is_not_name(f) && !(is_particle(f) && last_cap) && !is_title(f) {
                        break;
                    }
                    words += 1;
                    last_cap = true;
                    last_title = is_title(f);
                    j += 1;
                    continue;
                }
                if f.chars().all(|c| c.is_ascii_digit()) {
                    break;
                }
                // lower case
                if words > 0 && is_connector(f) {
                    // "de la Défense", "of the firm", "d'Etat"
                    let mut k = j + 1;
                    if is_p(toks, k, is_apostrophe) {
                        k += 1;
                    }
                    if word(toks, k).is_some_and(|w| is_det(w) && w != "des") {
                        k += 1;
                        if is_p(toks, k, is_apostrophe) {
                            k += 1;
                        }
                    }
                    if toks
                        .get(k)
                        .is_some_and(|t| t.is_word() && !is_verb(&t.f) && !is_aux(&t.f))
                    {
                        j = k;
                        last_cap = false;
                        continue;
                    }
                    break;
                }
                if words > 0 && (f == "a" || f == "au") && !t.cap {
                    // "secrétaire américain à la Défense"
                    let mut k = j + 1;
                    if word(toks, k).is_some_and(|w| w == "la" || w == "l") {
                        k += 1;
                        if is_p(toks, k, is_apostrophe) {
                            k += 1;
                        }
                    }
                    if toks.get(k).is_some_and(|t| t.is_word() && t.cap) {
                        j = k;
                        continue;
                    }
                    break;
                }
                if is_stop_prep(f)
                    || is_aux(f)
                    || is_verb(f)
                    || is_pronoun(f)
                    || matches!(
                        f,
                        "qui"
                            | "que"
                            | "qu"
                            | "who"
                            | "which"
                            | "that"
                            | "dont"
                            | "ou"
                            | "or"
                            | "lequel"
                            | "laquelle"
                    )
                    || is_time_noun(f) && !det
                {
                    break;
                }
                if last_cap && words > 0 && !det && !last_title {
                    // "Luis Ortega was": a lower-case word after a bare name ends it,
                    // except a role after a title-less name ("Maria Zakharova, porte-parole").
                    break;
                }
                if !det && words == 0 && !bare {
                    // bare role words only before a name: "union leader Priya Natarajan"
                    let mut k = j;
                    let mut ok = false;
                    let mut n = 0;
                    while k < lim && n < 4 {
                        let tk = &toks[k];
                        if tk.is_word() {
                            if tk.cap {
                                ok = !is_not_name(&tk.f);
                                break;
                            }
                            if is_stop_prep(&tk.f) || is_verb(&tk.f) || is_aux(&tk.f) {
                                break;
                            }
                            n += 1;
                        } else if !(is_p(toks, k, is_hyphen) || is_p(toks, k, is_apostrophe)) {
                            break;
                        }
                        k += 1;
                    }
                    if !ok {
                        break;
                    }
                }
                words += 1;
                last_cap = false;
                j += 1;
            }
            Kind::Punct(c) => {
                if (is_hyphen(c) || is_apostrophe(c))
                    && glued(toks, j)
                    && toks
                        .get(j + 1)
                        .is_some_and(|n| n.is_word() && !n.space_before)
                    && words > 0
                {
                    j += 1;
                    continue;
                }
                if c == '.'
                    && words > 0
                    && j > 0
                    && toks[j - 1].cap
                    && (toks[j - 1].f.chars().count() <= 3 && is_title(&toks[j - 1].f)
                        || toks[j - 1].f.chars().count() == 1)
                {
                    // "M.", "Dr.", initials "A."
                    j += 1;
                    continue;
                }
                if c == '(' && words > 0 {
                    // parenthetical "(IRIS)": up to 8 tokens
                    if let Some(k) = (j + 1..lim.min(j + 10)).find(|&k| is_p(toks, k, |c| c == ')'))
                    {
                        j = k + 1;
                        continue;
                    }
                }
                break;
            }
            Kind::Break => break,
        }
    }
    if words == 0 {
        return None;
    }
    // Do not end on a connector or hyphen.
    Some(j)
}

/// A noun phrase from `i`: components joined by appositive commas
/// ("la porte-parole du ministère, Maria Zakharova").
pub(crate) fn np_forward(toks: &[Tok], i: usize, lim: usize) -> Option<usize> {
    np_forward_n(toks, i, lim, 3, false)
}

/// [`np_forward`] with at most `max_comps` comma-joined components; `bare`
/// accepts lower-case nouns without a determiner ("according to organisers").
pub(crate) fn np_forward_n(
    toks: &[Tok],
    i: usize,
    lim: usize,
    max_comps: usize,
    bare: bool,
) -> Option<usize> {
    let lim = lim.min(toks.len());
    let mut end = component(toks, i, lim, bare)?;
    if is_pronoun(&toks[i].f) && end == i + 1 {
        return Some(end);
    }
    let mut comps = 1;
    while comps < max_comps && is_p(toks, end, |c| c == ',') && end + 1 < lim {
        let n = &toks[end + 1];
        if !n.is_word() {
            break;
        }
        let f = n.f.as_str();
        let appositive = (n.cap && (!is_not_name(f) || is_title(f)))
            || is_det(f) && f != "a" && !is_verb(f)
            || !n.cap
                && !is_aux(f)
                && !is_verb(f)
                && !is_stop_prep(f)
                && !is_pronoun(f)
                && !is_skip(f)
                && !matches!(
                    f,
                    "qui"
                        | "who"
                        | "que"
                        | "which"
                        | "dans"
                        | "lors"
                        | "selon"
                        | "avant"
                        | "et"
                        | "and"
                        | "mais"
                        | "but"
                )
                && f.chars().any(|c| !c.is_ascii_digit());
        if !appositive {
            break;
        }
        match component(toks, end + 1, lim, false) {
            Some(e) => {
                end = e;
                comps += 1;
            }
            None => break,
        }
    }
    Some(end)
}

/// Verb at `i` (with "se"/"s'" and aux before it, "-t-il" after it). Returns
/// (cue start, verb index, end after any inverted pronoun, pronoun index).
fn verb_group(toks: &[Tok], i: usize, lim: usize) -> Option<(usize, usize, usize, Option<usize>)> {
    let start = i;
    let mut j = i;
    if word(toks, j).is_some_and(|w| w == "se" || w == "s") {
        j += 1;
        if is_p(toks, j, is_apostrophe) {
            j += 1;
        }
    }
    let mut pron = None;
    let mut guard = 0;
    while guard < 4 && word(toks, j).is_some_and(|w| is_aux(w) && !is_verb(w)) {
        guard += 1;
        let w = word(toks, j).unwrap_or("");
        j += 1;
        if let Some(p) = inverted_pronoun(toks, j) {
            pron = Some(p);
            j = p + 1;
        }
        if w == "de" {
            break;
        }
        j = skip_manner(toks, j, lim);
    }
    let v = j;
    if v >= lim || !word(toks, v).is_some_and(is_verb) {
        return None;
    }
    let mut end = v + 1;
    if pron.is_none() {
        if let Some(p) = inverted_pronoun(toks, end) {
            pron = Some(p);
            end = p + 1;
        }
    }
    Some((start, v, end, pron))
}

fn skip_manner(toks: &[Tok], mut j: usize, lim: usize) -> usize {
    let mut g = 0;
    while j < lim
        && g < 6
        && word(toks, j).is_some_and(|w| is_skip(w) && !is_verb(w))
        && !toks[j].cap
    {
        j += 1;
        g += 1;
    }
    j
}

/// A reporting clause starting at token `k` (after a closing mark and its
/// comma): "a déclaré X", "a-t-il ajouté", "said X", "X said", "she added".
pub(crate) fn parse_after(toks: &[Tok], k: usize, lim: usize) -> Option<Cue> {
    let lim = lim.min(toks.len()).min(k + 60);
    let mut k = k;
    while k < lim && (is_p(toks, k, |c| c == ',' || c == '—' || c == '–')) {
        k += 1;
    }
    if k >= lim {
        return None;
    }
    // verb first
    if let Some((s, _v, end, pron)) = verb_group(toks, k, lim) {
        if let Some(p) = pron {
            return Some(Cue {
                kind: CueKind::Verb,
                cue: (s, end),
                subject: Some((p, p + 1)),
            });
        }
        let a = skip_adverbials(toks, end, lim);
        let subject = np_forward(toks, a, lim).map(|e| (a, e));
        return Some(Cue {
            kind: CueKind::Verb,
            cue: (s, end),
            subject,
        });
    }
    // subject first
    if let Some(e) = np_forward(toks, k, lim) {
        let mut j = e;
        while j < lim && is_p(toks, j, |c| c == ',') {
            j += 1;
        }
        let j = skip_manner(toks, j, lim);
        if let Some((s, _v, end, _)) = verb_group(toks, j, lim) {
            return Some(Cue {
                kind: CueKind::Verb,
                cue: (s, end),
                subject: Some((k, e)),
            });
        }
    }
    None
}

/// True when a reporting clause starts at token `k`.
pub(crate) fn reporting_clause_at(toks: &[Tok], k: usize) -> bool {
    let lim = (k + 30).min(toks.len());
    // Stop at the sentence end.
    let lim = (k..lim).find(|&i| is_boundary(toks, i)).unwrap_or(lim);
    parse_after(toks, k, lim).is_some_and(|c| c.subject.is_some())
}

/// Start of the clause containing token `i` (after the last boundary before it).
pub(crate) fn clause_start(toks: &[Tok], i: usize, floor: usize) -> usize {
    let mut j = i;
    while j > floor {
        let p = j - 1;
        if is_boundary(toks, p) || is_p(toks, p, |c| c == ':' || c == ';') {
            return j;
        }
        j = p;
    }
    floor
}

/// The subject of the verb group starting at token `vs`, looking back to the
/// clause start: the first noun phrase that runs up to the verb (commas, aux
/// and manner words may sit between).
pub(crate) fn subject_before(toks: &[Tok], vs: usize, floor: usize) -> Option<(usize, usize)> {
    let cs = clause_start(toks, vs, floor);
    let mut starts = vec![cs];
    for k in cs..vs {
        if is_p(toks, k, |c| c == ',') {
            starts.push(k + 1);
        }
    }
    // "que"/"that" clauses: subject right after them too.
    for k in cs..vs {
        if toks[k].is("que") || toks[k].is("qu") || toks[k].is("that") {
            starts.push(k + 1 + usize::from(is_p(toks, k + 1, is_apostrophe)));
        }
    }
    for s in starts {
        if s >= vs {
            continue;
        }
        if let Some(e) = np_forward(toks, s, vs) {
            let mut j = e;
            let mut ok = true;
            while j < vs {
                let t = &toks[j];
                let fine = t.punct() == Some(',')
                    || t.is_word()
                        && (is_skip(&t.f)
                            || is_aux(&t.f)
                            || matches!(t.f.as_str(), "se" | "s" | "ne" | "n"))
                    || is_p(toks, j, is_apostrophe)
                    || is_p(toks, j, is_hyphen);
                if !fine {
                    ok = false;
                    break;
                }
                j += 1;
            }
            if ok {
                return Some((s, e));
            }
        }
    }
    None
}

/// A reporting clause before the opening mark at token `open`:
/// "X a déclaré : «", "X said that \"", "Selon X, «", "X : «", "Pour X, «".
pub(crate) fn parse_before(toks: &[Tok], open: usize, floor: usize) -> Option<Cue> {
    let mut j = open;
    let mut colon = false;
    let mut steps = 0;
    while j > floor && steps < 4 {
        let p = j - 1;
        let t = &toks[p];
        let skip = match t.kind {
            Kind::Punct(c) => {
                colon |= c == ':';
                c == ':' || c == ',' || is_apostrophe(c) || c == '—' || c == '–'
            }
            Kind::Word => matches!(t.f.as_str(), "que" | "qu" | "that"),
            Kind::Break => colon,
        };
        if !skip {
            break;
        }
        j = p;
        steps += 1;
    }
    if j == floor || j == 0 {
        return None;
    }
    let last = j - 1;
    // verb (possibly with an inverted pronoun after it)
    let mut v = last;
    let mut pron = None;
    if toks[last].is_word() && is_pronoun(&toks[last].f) && last >= 2 {
        let mut k = last - 1;
        if is_p(toks, k, is_hyphen) {
            k = k.saturating_sub(1);
            if toks[k].is("t") && k >= 2 {
                k -= 2;
            }
            pron = Some(last);
            v = k;
        }
    }
    if toks[v].is_word() && is_verb(&toks[v].f) {
        // walk back over aux and manner words to the verb group start
        let mut vs = v;
        while vs > floor {
            let p = vs - 1;
            let t = &toks[p];
            if t.is_word()
                && (is_aux(&t.f)
                    || (is_skip(&t.f) && !t.cap)
                    || matches!(t.f.as_str(), "se" | "s" | "ne" | "n" | "pas"))
                || is_p(toks, p, is_apostrophe)
                || is_p(toks, p, is_hyphen)
            {
                vs = p;
            } else {
                break;
            }
        }
        let cue = (vs, v + 1);
        if let Some(p) = pron {
            return Some(Cue {
                kind: CueKind::Verb,
                cue: (vs, p + 1),
                subject: Some((p, p + 1)),
            });
        }
        // infinitive after "de"/"pour" ("Et de préciser :", "pour dire :")
        if vs > 0
            && toks[vs - 1].is_word()
            && matches!(toks[vs - 1].f.as_str(), "de" | "pour" | "to" | "d")
        {
            return Some(Cue {
                kind: CueKind::Verb,
                cue,
                subject: None,
            });
        }
        let subject = subject_before(toks, vs, floor);
        return Some(Cue {
            kind: CueKind::Verb,
            cue,
            subject,
        });
    }
    if colon {
        // "X : «" — the noun phrase running up to the colon.
        let cs = clause_start(toks, last + 1, floor);
        let mut s = cs;
        // skip an introductory phrase ending with a comma
        if toks
            .get(s)
            .is_some_and(|t| t.is_word() && is_not_name(&t.f) && !is_det(&t.f))
        {
            if let Some(c) = (s..last).find(|&k| is_p(toks, k, |c| c == ',')) {
                s = c + 1;
            }
        }
        if let Some(e) = np_forward(toks, s, last + 1) {
            if e == last + 1
                || toks[s..e]
                    .iter()
                    .any(|t| t.is_word() && t.cap && !is_not_name(&t.f))
            {
                let kind = CueKind::Colon;
                let colon_tok = (last + 1..open)
                    .find(|&k| is_p(toks, k, |c| c == ':'))
                    .unwrap_or(last + 1);
                return Some(Cue {
                    kind,
                    cue: (colon_tok, colon_tok + 1),
                    subject: Some((s, e)),
                });
            }
        }
    }
    None
}

/// "selon X", "d'après X", "according to X", and "pour X" at a clause start,
/// between tokens `from..to`. Returns the cue and its subject.
pub(crate) fn find_source(toks: &[Tok], from: usize, to: usize) -> Option<Cue> {
    let mut k = from;
    while k < to {
        let t = &toks[k];
        if t.is_word() {
            let (cue_end, ok) = match t.f.as_str() {
                "selon" => (k + 1, true),
                "apres" if k >= 2 && toks[k - 2].is("d") && is_p(toks, k - 1, is_apostrophe) => {
                    (k + 1, true)
                }
                "according" if toks.get(k + 1).is_some_and(|n| n.is("to")) => (k + 2, true),
                "pour" => (k + 1, k == from || is_p(toks, k - 1, |c| c == ',')),
                _ => (k, false),
            };
            if ok {
                let cue_start = if t.f == "apres" { k - 2 } else { k };
                // "selon lequel", "selon que", "selon des sources" inside … fine
                let next = word(toks, cue_end);
                if next.is_some_and(|w| {
                    matches!(
                        w,
                        "lequel" | "laquelle" | "lesquels" | "lesquelles" | "que" | "qu"
                    )
                }) {
                    k += 1;
                    continue;
                }
                // The longest noun phrase followed by a comma (the clause
                // follows), else one running to the sentence end.
                let mut found = None;
                let mut at_end = None;
                for n in (1..=3).rev() {
                    if let Some(e) = np_forward_n(toks, cue_end, to, n, t.f != "pour") {
                        if is_p(toks, e, |c| c == ',') && words_between(toks, e, to) >= 3 {
                            found = Some(e);
                            break;
                        }
                        if e >= to && at_end.is_none() {
                            at_end = Some(e);
                        }
                        if found.is_none() && at_end.is_none() {
                            found = Some(e);
                        }
                    }
                }
                let found = if k > from && found.is_some_and(|e| !is_p(toks, e, |c| c == ',')) {
                    at_end.or(found)
                } else {
                    found.or(at_end)
                };
                if let Some(e) = found {
                    let is_pour = t.f == "pour";
                    // "pour" only with a person: a pronoun or a name/role followed by a comma
                    if !is_pour
                        || is_p(toks, e, |c| c == ',')
                            && (e == cue_end + 1 && is_pronoun(&toks[cue_end].f)
                                || toks[cue_end..e].iter().any(|x| {
                                    x.cap || is_person_role(&x.f) || is_anaphoric_role(&x.f)
                                }))
                    {
                        return Some(Cue {
                            kind: CueKind::Source,
                            cue: (cue_start, cue_end),
                            subject: Some((cue_end, e)),
                        });
                    }
                }
            }
        }
        k += 1;
    }
    None
}

/// "C'est ce qu'a déclaré X" / "C'est ce que déclare X" starting at `k`.
pub(crate) fn parse_cest_ce(toks: &[Tok], k: usize, lim: usize) -> Option<Cue> {
    let mut j = k;
    let want = ["c", "est", "ce", "qu"];
    for w in want {
        while j < lim && !toks[j].is_word() && !matches!(toks[j].kind, Kind::Break) {
            j += 1;
        }
        if j >= lim || !(toks[j].f == w || w == "qu" && toks[j].f == "que") {
            return None;
        }
        j += 1;
    }
    while j < lim && is_p(toks, j, is_apostrophe) {
        j += 1;
    }
    let c = parse_after(toks, j, lim)?;
    Some(Cue {
        kind: CueKind::CestCe,
        ..c
    })
}

fn words_between(toks: &[Tok], a: usize, b: usize) -> usize {
    toks[a.min(toks.len())..b.min(toks.len())]
        .iter()
        .filter(|t| t.is_word())
        .count()
}
