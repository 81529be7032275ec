//! Quote extraction: quoted stretches and "selon X" sentences of one
//! document, each with its cue, speaker (named, resolved or unresolved, or
//! the reader comment it sits in), kind and confidence.

use crate::attrib::{self, Cue, CueKind};
use crate::lexicon::{is_anaphoric_role, is_person_role, is_title_noun, is_verb};
use crate::marks::{self, Raw};
use crate::model::{CharSpan, Quote, QuoteKind, Resolution, Speaker};
use crate::speaker::{self, Mention, Parsed};
use crate::text::{is_final, slice, tok_at, tokenize, Kind, Tok};

/// Most quotes kept per document; past it the rest are dropped (bounded output).
pub const MAX_QUOTES: usize = 20_000;
/// How far back (characters) a pronoun or role looks for its antecedent.
const RESOLVE_WINDOW: usize = 4000;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Region {
    Article,
    Comment(usize),
}

struct Person {
    pos: usize,
    name: String,
    span: CharSpan,
    context: Vec<String>,
    /// Added as the named speaker of a quote (not a mere mention).
    speaker: bool,
}

struct Doc<'a> {
    chars: Vec<char>,
    toks: Vec<Tok>,
    body: &'a [CharSpan],
    comments: &'a [CharSpan],
    mentions: Vec<Mention>,
}

impl Doc<'_> {
    fn region(&self, pos: usize) -> Option<Region> {
        if let Some(i) = self
            .comments
            .iter()
            .position(|c| c.begin <= pos && pos < c.end)
        {
            return Some(Region::Comment(i));
        }
        if self.body.is_empty() || self.body.iter().any(|s| s.begin <= pos && pos < s.end) {
            return Some(Region::Article);
        }
        None
    }
    fn text(&self, b: usize, e: usize) -> String {
        slice(&self.chars, b, e)
    }
    fn toks_text(&self, (a, b): (usize, usize)) -> String {
        if a >= b || b > self.toks.len() {
            return String::new();
        }
        self.text(self.toks[a].b, self.toks[b - 1].e)
    }
}

/// Extracts the quotes of `text`.
///
/// * `body`: the article's body spans (character offsets); empty = the whole
///   text outside `comments`. Quotes outside the body and the comments (page
///   furniture) are ignored.
/// * `comments`: reader comments; a quote in comment `n` gets
///   [`Resolution::Comment`] and no speaker from the article.
/// * `lang`: ISO 639-1 hint; the French, English and German cue lists are
///   used together whatever it says, so mixed-language text works.
///
/// Total and deterministic; linear in the text length (quotes are capped at
/// [`marks::MAX_QUOTE_CHARS`] and marked `uncertain` when unbalanced).
pub fn extract(
    text: &str,
    body: &[CharSpan],
    comments: &[CharSpan],
    lang: Option<&str>,
) -> Vec<Quote> {
    let _ = lang;
    let chars: Vec<char> = text.chars().collect();
    let toks = tokenize(&chars);
    let raws = marks::find(&chars, &toks);
    let mut doc = Doc {
        chars,
        toks,
        body,
        comments,
        mentions: Vec::new(),
    };
    // spans inside marks, sorted by start
    let inside: Vec<(usize, usize)> = raws
        .iter()
        .map(|r| (r.open, r.close.unwrap_or(r.inner_e)))
        .collect();
    let in_quote = |pos: usize| {
        let k = inside.partition_point(|s| s.0 <= pos);
        k > 0 && pos <= inside[k - 1].1
    };
    let ntok = doc.toks.len();
    let all_mentions = speaker::mentions(&doc.chars, &doc.toks, 0, ntok, &in_quote);
    doc.mentions = all_mentions
        .into_iter()
        .filter(|m| doc.region(m.span.begin) == Some(Region::Article))
        .collect();

    let names: Vec<String> = doc
        .mentions
        .iter()
        .map(|m| speaker::canonical(&m.name, &doc.mentions))
        .collect();
    // the mentions' contexts are only read through `persons`: moved, not copied
    let mut persons: Vec<Person> = doc
        .mentions
        .iter_mut()
        .zip(names)
        .map(|(m, name)| Person {
            pos: m.span.begin,
            name,
            span: m.span,
            context: std::mem::take(&mut m.context),
            speaker: false,
        })
        .collect();

    let mut out: Vec<Quote> = Vec::new();
    let mut prev: Option<(usize, Option<Speaker>, Region)> = None; // (end, speaker, region)
    for raw in &raws {
        if out.len() >= MAX_QUOTES {
            break;
        }
        let Some(region) = doc.region(raw.open) else {
            continue;
        };
        if let Some(q) = direct_quote(&doc, raw, region, &persons, prev.as_ref()) {
            if let (Some(sp), Region::Article) = (&q.speaker, region) {
                if let (Some(n), Resolution::Named | Resolution::Resolved { .. }) =
                    (&sp.name, q.resolution)
                {
                    persons.push(Person {
                        pos: raw.open,
                        name: n.clone(),
                        span: sp.span,
                        context: crate::text::fold_words(&sp.as_written)
                            .split(' ')
                            .map(str::to_string)
                            .collect(),
                        speaker: true,
                    });
                    // keep `persons` sorted by position (insertion, not a full sort)
                    if let Some(last) = persons.pop() {
                        let at = persons.partition_point(|p| {
                            (p.pos, p.span.begin) <= (last.pos, last.span.begin)
                        });
                        persons.insert(at, last);
                    }
                }
            }
            prev = Some((raw.close.unwrap_or(raw.inner_e), q.speaker.clone(), region));
            out.push(q);
        }
    }
    indirect_quotes(&doc, &raws, &persons, &mut out);
    out.sort_by_key(|q| (q.span.begin, q.span.end));
    out.truncate(MAX_QUOTES);
    out
}

fn words_in(toks: &[Tok], a: usize, b: usize) -> usize {
    toks[a.min(toks.len())..b.min(toks.len())]
        .iter()
        .filter(|t| t.is_word())
        .count()
}

/// Token index of the sentence start before token `i` (final punctuation or break).
fn sentence_start(toks: &[Tok], i: usize) -> usize {
    let mut j = i;
    let lim = i.saturating_sub(200);
    while j > lim {
        let p = j - 1;
        let t = &toks[p];
        let end = t.kind == Kind::Break
            || t.punct().is_some_and(is_final) && attrib::is_boundary(toks, p);
        if end {
            return j;
        }
        j = p;
    }
    lim
}

fn sentence_end(toks: &[Tok], i: usize) -> usize {
    let lim = (i + 200).min(toks.len());
    let mut j = i;
    while j < lim {
        let t = &toks[j];
        if t.kind == Kind::Break || t.punct().is_some_and(is_final) && attrib::is_boundary(toks, j)
        {
            return j;
        }
        j += 1;
    }
    lim
}

/// The quoted text is a title ("le livre « … »", Operation "Silent Harbour").
fn is_title(doc: &Doc, open_tok: usize, inner: (usize, usize)) -> bool {
    let toks = &doc.toks;
    let mut k = open_tok;
    let mut n = 0;
    while k > 0 && n < 3 {
        k -= 1;
        let t = &toks[k];
        if t.is_word() {
            n += 1;
            if is_title_noun(&t.f) {
                return true;
            }
            if is_verb(&t.f) {
                return false;
            }
        } else if t.punct() != Some(',') {
            break;
        }
    }
    // Title Case, short, glued to a preceding noun: "Operation “Silent Harbour”".
    let words: Vec<&Tok> = toks[inner.0..inner.1]
        .iter()
        .filter(|t| t.is_word())
        .collect();
    let caps = words.iter().filter(|t| t.cap).count();
    let long = words.iter().filter(|t| t.f.chars().count() > 3).count();
    let long_caps = words
        .iter()
        .filter(|t| t.cap && t.f.chars().count() > 3)
        .count();
    let prev_word = open_tok > 0 && toks[open_tok - 1].is_word() && toks[open_tok - 1].cap;
    words.len() <= 6 && caps >= 2 && long_caps == long && prev_word
}

fn cue_text(doc: &Doc, cue: &Cue) -> (String, CharSpan) {
    let (a, b) = cue.cue;
    if a >= b || b > doc.toks.len() {
        return (String::new(), CharSpan { begin: 0, end: 0 });
    }
    let (cb, ce) = (doc.toks[a].b, doc.toks[b - 1].e);
    (doc.text(cb, ce), CharSpan { begin: cb, end: ce })
}

/// Turns a cue's subject into a speaker, resolving pronouns and roles.
fn attribute(
    doc: &Doc,
    cue: &Cue,
    at: usize,
    persons: &[Person],
    prev: Option<&(usize, Option<Speaker>, Region)>,
) -> (Option<Speaker>, Resolution, f32) {
    let parsed: Option<Parsed> = cue
        .subject
        .and_then(|(a, b)| speaker::parse(&doc.chars, &doc.toks, a, b));
    let Some(p) = parsed else {
        // No subject ("Et de préciser :"): the previous speaker.
        return inherit(at, prev, 0.6);
    };
    // Persons before `at` within the window, nearest first (bounded work).
    let k = persons.partition_point(|c| c.pos < at);
    let window = &persons[persons[..k].partition_point(|c| at - c.pos > RESOLVE_WINDOW)..k];
    let recent = window.iter().rev();
    if p.pronoun {
        if let Some(c) = recent.clone().next() {
            let sp = Speaker {
                as_written: p.as_written,
                span: p.span,
                name: Some(c.name.clone()),
                role: None,
            };
            return (Some(sp), Resolution::Resolved { from: c.span }, 0.65);
        }
        let sp = Speaker {
            as_written: p.as_written,
            span: p.span,
            name: None,
            role: None,
        };
        return (Some(sp), Resolution::Unresolved, 0.3);
    }
    if let Some(n) = &p.name {
        let name = speaker::canonical(n, &doc.mentions);
        let sp = Speaker {
            as_written: p.as_written,
            span: p.span,
            name: Some(name),
            role: p.role,
        };
        return (Some(sp), Resolution::Named, 0.9);
    }
    // role only
    let heads: Vec<&String> = p
        .role_words
        .iter()
        .filter(|w| is_person_role(w) || is_anaphoric_role(w))
        .collect();
    if p.definite && !heads.is_empty() {
        let by_role = recent.clone().find(|c| {
            heads
                .iter()
                .any(|h| is_person_role(h) && c.context.iter().any(|w| w == *h))
        });
        let anaphoric = heads.iter().any(|h| is_anaphoric_role(h));
        // Else a person introduced with a role and not quoted yet: a new
        // role phrase usually designates a new speaker.
        let fresh = || {
            recent.clone().find(|c| {
                !c.speaker
                    && c.context.iter().any(|w| is_person_role(w))
                    && !window.iter().any(|q| q.speaker && q.name == c.name)
            })
        };
        let pick = by_role.or_else(|| {
            if anaphoric {
                recent.clone().next()
            } else {
                fresh()
            }
        });
        if let Some(c) = pick {
            let sp = Speaker {
                as_written: p.as_written,
                span: p.span,
                name: Some(c.name.clone()),
                role: p.role,
            };
            let conf = if by_role.is_some() { 0.75 } else { 0.6 };
            return (Some(sp), Resolution::Resolved { from: c.span }, conf);
        }
        let sp = Speaker {
            as_written: p.as_written,
            span: p.span,
            name: None,
            role: p.role,
        };
        return (Some(sp), Resolution::Unresolved, 0.4);
    }
    let sp = Speaker {
        as_written: p.as_written,
        span: p.span,
        name: None,
        role: p.role,
    };
    (Some(sp), Resolution::Named, 0.7)
}

fn inherit(
    at: usize,
    prev: Option<&(usize, Option<Speaker>, Region)>,
    conf: f32,
) -> (Option<Speaker>, Resolution, f32) {
    if let Some((end, Some(sp), Region::Article)) = prev {
        if at >= *end && at - end <= 400 && sp.label().is_some() {
            return (
                Some(sp.clone()),
                Resolution::Resolved { from: sp.span },
                conf,
            );
        }
    }
    (None, Resolution::Unresolved, 0.3)
}

fn direct_quote(
    doc: &Doc,
    raw: &Raw,
    region: Region,
    persons: &[Person],
    prev: Option<&(usize, Option<Speaker>, Region)>,
) -> Option<Quote> {
    let toks = &doc.toks;
    let open_tok = tok_at(toks, raw.open);
    let inner = (tok_at(toks, raw.inner_b), tok_at(toks, raw.inner_e));
    let nwords = words_in(toks, inner.0, inner.1);
    if nwords == 0 {
        return None;
    }
    let cjk = matches!(raw.family, marks::Family::Cjk | marks::Family::CjkDouble);
    let after_tok = match raw.close {
        Some(c) => tok_at(toks, c) + 1,
        None => inner.1,
    };
    // cues
    let s_start = sentence_start(toks, open_tok);
    let s_end = sentence_end(toks, after_tok);
    let inner_last = raw.inner_e.checked_sub(1).map(|i| doc.chars[i]);
    let ended = inner_last.is_some_and(|c| matches!(c, '.' | '!' | '?' | '…'));
    let mut after: Option<Cue> = None;
    if after_tok < toks.len() {
        let t = &toks[after_tok];
        if t.punct() == Some('.') || ended && t.is_word() && t.cap && !crate::lexicon::is_verb(&t.f)
        {
            let k = if t.punct() == Some('.') {
                after_tok + 1
            } else {
                after_tok
            };
            let lim = sentence_end(toks, k + 1);
            after = attrib::parse_cest_ce(toks, k, lim);
        } else if t.kind != Kind::Break {
            let lim = sentence_end(toks, after_tok);
            after = attrib::parse_after(toks, after_tok, lim);
            // "… », a-t-il dit" needs a verb; a bare noun phrase is not a cue
        }
    }
    let before = attrib::parse_before(toks, open_tok, s_start.saturating_sub(0));
    let source = attrib::find_source(toks, s_start, open_tok);
    // a speech verb elsewhere in the sentence (mixed quotes)
    let sentence_verb = || -> Option<Cue> {
        for v in s_start..open_tok {
            if toks[v].is_word()
                && is_verb(&toks[v].f)
                && !(v > 0 && matches!(toks[v - 1].f.as_str(), "de" | "pour" | "to"))
            {
                let vs = {
                    let mut vs = v;
                    while vs > s_start
                        && toks[vs - 1].is_word()
                        && crate::lexicon::is_aux(&toks[vs - 1].f)
                    {
                        vs -= 1;
                    }
                    vs
                };
                if let Some(subj) = attrib::subject_before(toks, vs, s_start) {
                    return Some(Cue {
                        kind: CueKind::Verb,
                        cue: (vs, v + 1),
                        subject: Some(subj),
                    });
                }
            }
        }
        None
    };
    let cue = [after, before]
        .into_iter()
        .flatten()
        .find(|c| c.subject.is_some())
        .or(source)
        .or_else(sentence_verb)
        .or(before)
        .or(after);
    // kind
    let prev_tok = (s_start..open_tok)
        .rev()
        .find(|&k| toks[k].kind != Kind::Break);
    let at_start = prev_tok.is_none_or(|k| {
        let t = &toks[k];
        t.punct().is_some_and(|c| {
            c == ':' || is_final(c) || c == '—' || c == '–' || c == '-' || attrib::is_mark(c)
        })
    }) || open_tok == s_start;
    let comma_before = prev_tok.is_some_and(|k| toks[k].punct() == Some(','));
    let first_upper = doc.chars.get(raw.inner_b).is_some_and(|c| c.is_uppercase());
    let kind = if at_start || comma_before && first_upper || cjk {
        QuoteKind::Direct
    } else {
        QuoteKind::Mixed
    };
    if is_title(doc, open_tok, inner) && after.is_none_or(|c| c.subject.is_none()) {
        return None;
    }
    if nwords <= 3 && cue.is_none() && !cjk {
        return None; // scare quotes, terms
    }
    let span = CharSpan {
        begin: raw.inner_b,
        end: raw.inner_e,
    };
    let marks = raw.close.map(|c| CharSpan {
        begin: raw.open,
        end: c + 1,
    });
    let (speaker, resolution, mut conf, cue_s, cue_span) = match region {
        Region::Comment(n) => {
            let (c, s) = cue
                .as_ref()
                .map(|c| cue_text(doc, c))
                .map_or((None, None), |(a, b)| (Some(a), Some(b)));
            (None, Resolution::Comment { n }, 0.8, c, s)
        }
        Region::Article => match &cue {
            Some(c) => {
                let (sp, res, conf) = attribute(doc, c, raw.open, persons, prev);
                let (t, s) = cue_text(doc, c);
                (sp, res, conf, Some(t), Some(s))
            }
            None => {
                // A person named between the previous quote and this one
                // (the sentence introducing it), else the previous speaker.
                let since = prev.map_or(0, |p| p.0);
                let k = persons.partition_point(|c| c.pos < raw.open);
                let named = persons[..k]
                    .iter()
                    .rev()
                    .take_while(|c| raw.open - c.pos <= 600)
                    .find(|c| c.pos >= since && c.pos < raw.open && raw.open - c.pos <= 600);
                let (sp, res, conf) = match named {
                    Some(c) => (
                        Some(Speaker {
                            as_written: c.name.clone(),
                            span: c.span,
                            name: Some(c.name.clone()),
                            role: None,
                        }),
                        Resolution::Resolved { from: c.span },
                        0.5,
                    ),
                    None => inherit(raw.open, prev, 0.55),
                };
                (sp, res, conf, None, None)
            }
        },
    };
    if raw.uncertain {
        conf *= 0.6;
    }
    let _ = s_end;
    Some(Quote {
        span,
        marks,
        kind,
        speaker,
        cue: cue_s.filter(|s| !s.is_empty()),
        cue_span,
        resolution,
        confidence: conf,
        uncertain: raw.uncertain,
    })
}

/// "Selon X, …" / "…, according to X." sentences without quotation marks.
fn indirect_quotes(doc: &Doc, raws: &[Raw], persons: &[Person], out: &mut Vec<Quote>) {
    let toks = &doc.toks;
    let mut i = 0;
    let mut added = 0;
    while i < toks.len() && added < MAX_QUOTES {
        let s = i;
        let mut e = s;
        while e < toks.len()
            && !(toks[e].kind == Kind::Break
                || toks[e].punct().is_some_and(is_final) && attrib::is_boundary(toks, e))
        {
            e += 1;
        }
        i = e + 1;
        if e <= s {
            continue;
        }
        let (cb, ce) = (toks[s].b, toks[e - 1].e);
        if toks[s..e]
            .iter()
            .any(|t| t.punct().is_some_and(attrib::is_mark))
        {
            continue;
        }
        if raws
            .iter()
            .any(|r| r.open <= cb && cb < r.close.unwrap_or(r.inner_e))
        {
            continue;
        }
        let Some(region) = doc.region(cb) else {
            continue;
        };
        if region != Region::Article {
            continue;
        }
        let _ = ce;
        let Some(cue) = attrib::find_source(toks, s, e) else {
            continue;
        };
        let Some((na, nb)) = cue.subject else {
            continue;
        };
        if cue.cue.1 > e || toks[cue.cue.0].f == "pour" {
            continue;
        }
        // clause: after "Selon X," at the start, or before ", selon X" at the end.
        let clause = if cue.cue.0 == s {
            if nb < e && toks[nb].punct() == Some(',') {
                Some((nb + 1, e))
            } else {
                None
            }
        } else if cue.cue.0 > s
            && toks[cue.cue.0 - 1].punct() == Some(',')
            && nb >= e.saturating_sub(1)
        {
            Some((s, cue.cue.0 - 1))
        } else {
            None
        };
        let Some((a, b)) = clause else { continue };
        if words_in(toks, a, b) < 3 || a >= b {
            continue;
        }
        let span = CharSpan {
            begin: toks[a].b,
            end: toks[b - 1].e,
        };
        let (sp, res, conf) = attribute(doc, &cue, span.begin.min(toks[na].b), persons, None);
        let (ct, cs) = cue_text(doc, &cue);
        out.push(Quote {
            span,
            marks: None,
            kind: QuoteKind::Indirect,
            speaker: sp,
            cue: Some(ct),
            cue_span: Some(cs),
            resolution: res,
            confidence: conf * 0.9,
            uncertain: false,
        });
        added += 1;
        let _ = doc.toks_text((na, nb));
    }
}
