//! Attribution detection: finds where a document credits an outlet (its
//! name, an alias or its domain, next to a credit cue such as "selon",
//! "d'après", "according to", "told", "(AFP)", a link, or alone on a short
//! credit line) and assigns each credit to the reused passage it is in or
//! nearest to.

use std::collections::HashMap;

use echotrace_core::model::CharSpan;
use echotrace_core::normalise::tokenize;
use serde::{Deserialize, Serialize};

use crate::features::DocFeatures;
use crate::registry::OutletInfo;

/// How a credit was recognised.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum CueKind {
    /// A phrase before the name ("selon", "according to", "à l'agence").
    Before,
    /// A verb after the name ("X rapporte", "X reported").
    After,
    /// The name in brackets or after a dash: "(AFP)", "— Reuters".
    Dateline,
    /// A web address or domain of the outlet.
    Link,
    /// A short line consisting mostly of the name (a credit line).
    CreditLine,
}

/// A credit found in a document's text.
#[derive(Clone, Debug)]
pub(crate) struct Mention {
    pub outlet: usize,
    /// The outlet name as written.
    pub span: CharSpan,
    pub cue: CueKind,
    /// The credit phrase (the name with its cue), for display.
    pub phrase: CharSpan,
}

struct NameEntry {
    hashes: Vec<u64>,
    outlet: usize,
    /// For short all-capital acronyms: the exact spelling required.
    exact: Option<String>,
    domain: bool,
}

/// All outlet names, aliases and domains, indexed by their first word(s).
pub(crate) struct NameIndex {
    entries: Vec<NameEntry>,
    single: HashMap<u64, Vec<u32>>,
    pair: HashMap<(u64, u64), Vec<u32>>,
    cues_far: Vec<Vec<u64>>,
    cues_near: Vec<Vec<u64>>,
    fillers: Vec<u64>,
    cues_after: Vec<u64>,
}

fn hashes(s: &str) -> Vec<u64> {
    tokenize(s).iter().map(|t| t.hash).collect()
}

/// Credit cues that may stand a few words before the name.
const CUES_FAR: &[&str] = &[
    "selon",
    "d'après",
    "cité par",
    "citée par",
    "cités par",
    "citées par",
    "rapporté par",
    "rapportée par",
    "rapportés par",
    "rapportées par",
    "publié par",
    "publiée par",
    "publiés par",
    "publiées par",
    "relayé par",
    "relayée par",
    "source",
    "sources",
    "avec",
    "via",
    "lu sur",
    "lu dans",
    "paru dans",
    "parue dans",
    "publié dans",
    "publié sur",
    "publié initialement",
    "article original",
    "repris de",
    "rapporte",
    "rapportent",
    "rapportait",
    "relate",
    "écrit",
    "annonce",
    "according to",
    "cited by",
    "quoted by",
    "reported by",
    "published by",
    "first published",
    "originally published",
    "first appeared",
    "appeared in",
    "first reported",
    "courtesy of",
    "credit",
    "copyright",
    "told",
    "said to",
    "reports by",
    "report by",
    "confié à",
    "indiqué à",
    "déclaré à",
    "affirmé à",
    "précisé à",
    "expliqué à",
    "relaté à",
    "interview à",
    "entretien à",
    "interview with",
    "told the",
    "reporting by",
];

/// Short cues that must stand right before the name (articles and words
/// like "agence" may come between).
const CUES_NEAR: &[&str] = &["à", "to", "from", "sur", "par", "by"];

/// Words that may stand between a cue and the name.
const FILLERS: &[&str] = &[
    "l",
    "le",
    "la",
    "les",
    "the",
    "agence",
    "agency",
    "news",
    "site",
    "journal",
    "quotidien",
    "newspaper",
    "daily",
    "russe",
    "américaine",
    "chinoise",
    "turque",
    "officielle",
    "d",
    "état",
    "presse",
    "média",
    "media",
    "outlet",
    "de",
    "du",
    "des",
    "of",
    "a",
    "an",
];

/// Verbs right after a name that make it a source.
const CUES_AFTER: &[&str] = &[
    "rapporte",
    "rapportait",
    "rapporté",
    "reported",
    "reports",
    "writes",
    "wrote",
    "écrit",
    "annonce",
    "annoncé",
    "indique",
    "indiqué",
    "précise",
    "affirme",
    "relaie",
    "relayé",
    "publie",
    "says",
    "said",
];

impl NameIndex {
    pub fn new(outlets: &[OutletInfo]) -> NameIndex {
        let mut idx = NameIndex {
            entries: Vec::new(),
            single: HashMap::new(),
            pair: HashMap::new(),
            cues_far: CUES_FAR.iter().map(|c| hashes(c)).collect(),
            cues_near: CUES_NEAR.iter().map(|c| hashes(c)).collect(),
            fillers: FILLERS.iter().flat_map(|c| hashes(c)).collect(),
            cues_after: CUES_AFTER.iter().flat_map(|c| hashes(c)).collect(),
        };
        for (oi, o) in outlets.iter().enumerate() {
            let names = std::iter::once(&o.name)
                .chain(&o.aliases)
                .map(|n| (n.as_str(), false));
            let domains = o.domains.iter().map(|d| (d.as_str(), true));
            for (n, domain) in names.chain(domains) {
                let mut h = hashes(n);
                if domain && h.len() > 1 && h.first() == hashes("www").first() {
                    h.remove(0);
                }
                if h.is_empty() {
                    continue;
                }
                let letters: Vec<char> = n.chars().filter(|c| c.is_alphanumeric()).collect();
                let exact = (!domain
                    && letters.len() <= 4
                    && letters
                        .iter()
                        .all(|c| c.is_uppercase() || c.is_ascii_digit()))
                .then(|| n.trim().to_string());
                let e = idx.entries.len() as u32;
                if h.len() == 1 {
                    idx.single.entry(h[0]).or_default().push(e);
                } else {
                    idx.pair.entry((h[0], h[1])).or_default().push(e);
                }
                idx.entries.push(NameEntry {
                    hashes: h,
                    outlet: oi,
                    exact,
                    domain,
                });
            }
        }
        idx
    }

    /// The credits in a document, outlet `own` (the document's outlet)
    /// excluded. Sorted by position.
    pub fn credits(&self, f: &DocFeatures, own: Option<usize>) -> Vec<Mention> {
        let toks = &f.tokens;
        let mut out: Vec<Mention> = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            let mut best: Option<(usize, &NameEntry)> = None; // (length, entry)
            let mut consider = |ids: Option<&Vec<u32>>| {
                for &e in ids.into_iter().flatten() {
                    let Some(ent) = self.entries.get(e as usize) else {
                        continue;
                    };
                    let n = ent.hashes.len();
                    let ok = toks
                        .get(i..i + n)
                        .is_some_and(|w| w.iter().zip(&ent.hashes).all(|(t, h)| t.hash == *h));
                    let ok = ok
                        && ent.exact.as_ref().is_none_or(|x| {
                            let s = f.slice(CharSpan {
                                begin: toks[i].begin as usize,
                                end: toks[i + n - 1].end as usize,
                            });
                            s == x
                        });
                    if ok && best.is_none_or(|(l, _)| n > l) {
                        best = Some((n, ent));
                    }
                }
            };
            consider(self.single.get(&toks[i].hash));
            if let Some(t2) = toks.get(i + 1) {
                consider(self.pair.get(&(toks[i].hash, t2.hash)));
            }
            let Some((n, ent)) = best else {
                i += 1;
                continue;
            };
            let span = CharSpan {
                begin: toks[i].begin as usize,
                end: toks[i + n - 1].end as usize,
            };
            if Some(ent.outlet) != own {
                if let Some((cue, phrase)) = self.cue(f, i, i + n, span, ent.domain) {
                    out.push(Mention {
                        outlet: ent.outlet,
                        span,
                        cue,
                        phrase,
                    });
                }
            }
            i += n;
        }
        out
    }

    /// Whether the name at tokens `t0..t1` is a credit, and how.
    fn cue(
        &self,
        f: &DocFeatures,
        t0: usize,
        t1: usize,
        span: CharSpan,
        domain: bool,
    ) -> Option<(CueKind, CharSpan)> {
        let toks = &f.tokens;
        // Characters between two tokens contain a sentence or line break.
        let broken = |a: usize, b: usize| -> bool {
            let s = f.slice(CharSpan {
                begin: toks[a].end as usize,
                end: toks[b].begin as usize,
            });
            s.contains(['.', '!', '?', '\n', ';'])
        };
        let phrase_from = |k: usize| CharSpan {
            begin: toks[k].begin as usize,
            end: span.end,
        };
        if domain {
            return Some((CueKind::Link, span));
        }
        // Cues before: far cues within 7 words, near cues through fillers.
        let lo = t0.saturating_sub(7);
        let mut k = t0;
        let mut only_fillers = true;
        while k > lo {
            k -= 1;
            if broken(k, k + 1) {
                break;
            }
            for c in &self.cues_far {
                let n = c.len();
                if k + 1 >= n && toks[k + 1 - n..=k].iter().zip(c).all(|(t, h)| t.hash == *h) {
                    return Some((CueKind::Before, phrase_from(k + 1 - n)));
                }
            }
            if only_fillers
                && self
                    .cues_near
                    .iter()
                    .any(|c| c.len() == 1 && c[0] == toks[k].hash)
            {
                return Some((CueKind::Before, phrase_from(k)));
            }
            if !self.fillers.contains(&toks[k].hash) {
                only_fillers = false;
            }
        }
        // A verb right after the name (one auxiliary allowed).
        for (k, tok) in toks.iter().enumerate().skip(t1).take(2) {
            if broken(k - 1, k) {
                break;
            }
            if self.cues_after.contains(&tok.hash) {
                return Some((
                    CueKind::After,
                    CharSpan {
                        begin: span.begin,
                        end: tok.end as usize,
                    },
                ));
            }
        }
        // "(AFP)", "(Reuters, Paris)", "— AFP" at a line end.
        let before = f.slice(CharSpan {
            begin: span.begin.saturating_sub(12),
            end: span.begin,
        });
        let after = f.slice(CharSpan {
            begin: span.end,
            end: span.end + 20,
        });
        let prev = before.trim_end_matches([' ', '\u{a0}']).chars().last();
        if prev == Some('(') && after.split('(').next().is_some_and(|a| a.contains(')')) {
            return Some((CueKind::Dateline, span));
        }
        let rest_of_line = after.split('\n').next().unwrap_or("");
        if matches!(
            prev,
            Some('—') | Some('–') | Some('-') | Some('©') | Some('/')
        ) && rest_of_line
            .chars()
            .all(|c| !c.is_alphanumeric() || c.is_ascii_digit())
        {
            return Some((CueKind::Dateline, span));
        }
        // A short line that is mostly the name.
        let line = self.line_of(f, span);
        let line_len = line.chars().filter(|c| !c.is_whitespace()).count();
        let name_len = f.slice(span).chars().filter(|c| !c.is_whitespace()).count();
        if line_len <= 80 && name_len * 5 >= line_len * 2 {
            return Some((CueKind::CreditLine, span));
        }
        None
    }

    /// The line (between newlines) around `span`, at most 200 characters
    /// each side.
    fn line_of<'a>(&self, f: &DocFeatures<'a>, span: CharSpan) -> &'a str {
        let before = f.slice(CharSpan {
            begin: span.begin.saturating_sub(200),
            end: span.begin,
        });
        let after = f.slice(CharSpan {
            begin: span.begin,
            end: span.end + 200,
        });
        let b = before.rsplit('\n').next().unwrap_or("");
        let a = after.split('\n').next().unwrap_or("");
        let bytes = b.len() + a.len();
        let start = f.byte_at(span.begin) - b.len();
        f.text.get(start..start + bytes).unwrap_or("").trim()
    }
}

/// Where a credit stands relative to the copied passage.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Placement {
    Inside,
    Near,
    /// Elsewhere in the document, on a credit line at its start or end.
    Document,
}

/// For every passage of one document (spans, any cluster), the credits that
/// belong to it: `(passage slot, mention index, placement)`.
pub(crate) fn assign(
    f: &DocFeatures,
    passages: &[CharSpan],
    mentions: &[Mention],
    near: usize,
) -> Vec<(usize, usize, Placement)> {
    let mut out = Vec::new();
    let mut has_own = vec![false; passages.len()];
    let mut doc_level = Vec::new();
    // Lines at the start and end of the document count as credit lines.
    let head_end = nth_line_start(f.text, 4);
    let tail_start = f.n_chars.saturating_sub(chars_of_last_lines(f.text, 6));
    for (mi, m) in mentions.iter().enumerate() {
        let inside: Vec<usize> = (0..passages.len())
            .filter(|&p| passages[p].begin <= m.span.begin && m.span.end <= passages[p].end)
            .collect();
        for &p in &inside {
            out.push((p, mi, Placement::Inside));
        }
        // Also the passage it points to: a credit line that itself recurs
        // across documents is a (short) passage of its own.
        // The credit's sentence, and whether it points forward ("Selon X :",
        // "According to X:") or back ("(AFP)", "Source : X.").
        let (sb, se) = sentence_around(f, m.phrase);
        let sentence = f.slice(CharSpan { begin: sb, end: se });
        let forward = points_forward(sentence);
        let prev = (0..passages.len())
            .filter(|&p| !inside.contains(&p) && passages[p].end <= sb)
            .max_by_key(|&p| (passages[p].end, std::cmp::Reverse(p)));
        let next = (0..passages.len())
            .filter(|&p| !inside.contains(&p) && passages[p].begin >= se)
            .min_by_key(|&p| (passages[p].begin, p));
        let gap_prev = prev.map(|p| (sb - passages[p].end, p));
        let gap_next = next.map(|p| (passages[p].begin - se, p));
        let within = |g: Option<(usize, usize)>| g.filter(|&(d, _)| d <= near);
        // A passage sharing the credit's sentence ("…hot meals, the
        // Northern Wire reported.") is the one credited, whatever is nearby.
        let distance = |p: usize| {
            let q = passages[p];
            if q.end <= m.span.begin {
                m.span.begin - q.end
            } else {
                q.begin.saturating_sub(m.span.end)
            }
        };
        let same_sentence = (0..passages.len())
            .filter(|&p| {
                let q = passages[p];
                // On the side the cue points to.
                let side = if forward {
                    q.begin >= m.span.end
                } else {
                    q.end <= m.span.begin
                };
                !inside.contains(&p) && side && q.begin < se && q.end > sb
            })
            .min_by_key(|&p| (distance(p), p));
        // A passage that runs into the name ("… allégée. (avec Le" when
        // the copies share the credit's first words) is the one credited.
        let straddled = (0..passages.len())
            .filter(|&p| {
                let q = passages[p];
                !inside.contains(&p) && q.begin < m.span.end && m.span.begin < q.end
            })
            .min_by_key(|&p| (passages[p].begin, p));
        let best = match (
            straddled.or(same_sentence),
            within(gap_prev),
            within(gap_next),
        ) {
            (Some(p), _, _) => Some((distance(p), p)),
            (None, Some(a), Some(b)) => Some(if forward { b } else { a }),
            (None, a, b) => a.or(b),
        };
        match best {
            Some((_, p)) => {
                has_own[p] = true;
                out.push((p, mi, Placement::Near));
            }
            None if inside.is_empty() && (m.span.end <= head_end || m.span.begin >= tail_start) => {
                doc_level.push(mi)
            }
            None => {}
        }
    }
    for (p, own) in has_own.iter().enumerate() {
        if !own {
            for &mi in &doc_level {
                out.push((p, mi, Placement::Document));
            }
        }
    }
    out.sort_unstable_by_key(|&(p, mi, pl)| (p, mi, pl));
    out
}

/// Character range of the sentence around `span` (bounded by sentence
/// ends, line breaks, and 300 characters each side).
fn sentence_around(f: &DocFeatures, span: CharSpan) -> (usize, usize) {
    let before = f.slice(CharSpan {
        begin: span.begin.saturating_sub(300),
        end: span.begin,
    });
    let after = f.slice(CharSpan {
        begin: span.end,
        end: span.end + 300,
    });
    let is_end = |c: char| matches!(c, '.' | '!' | '?' | '\n');
    let back = before.chars().rev().take_while(|&c| !is_end(c)).count();
    let mut fwd = 0;
    for c in after.chars() {
        fwd += 1;
        if is_end(c) || c == ':' {
            if c == '\n' {
                fwd -= 1;
            }
            break;
        }
    }
    (span.begin - back, span.end + fwd)
}

/// Whether a credit sentence introduces what follows.
fn points_forward(sentence: &str) -> bool {
    let t = sentence.trim();
    if t.ends_with(':') {
        return true;
    }
    let low = echotrace_core::normalise::folded(t);
    [
        "selon ",
        "d apres ",
        "according to ",
        "as first reported",
        "voici ",
        "here is ",
    ]
    .iter()
    .any(|p| low.starts_with(p))
        || low.contains("the following")
        || low.contains(" suivant")
}

/// Character offset where line `n` (0-based) starts (text length if fewer).
fn nth_line_start(text: &str, n: usize) -> usize {
    let mut lines = 0;
    for (ci, c) in text.chars().enumerate() {
        if c == '\n' {
            lines += 1;
            if lines == n {
                return ci + 1;
            }
        }
    }
    text.chars().count()
}

/// Characters in the last `n` non-empty lines of the text.
fn chars_of_last_lines(text: &str, n: usize) -> usize {
    let mut seen = 0;
    let mut chars = 0;
    for line in text.rsplit('\n') {
        chars += line.chars().count() + 1;
        if !line.trim().is_empty() {
            seen += 1;
            if seen == n {
                break;
            }
        }
    }
    chars
}

/// The credits in `text` naming one of `outlets` (except `own`): outlet
/// index, the name's span, the credit phrase's span and the cue, in text
/// order. A convenience for callers outside [`crate::analyse`].
pub fn find_credits(
    text: &str,
    outlets: &[OutletInfo],
    own: Option<usize>,
) -> Vec<(usize, CharSpan, CharSpan, CueKind)> {
    let idx = NameIndex::new(outlets);
    let f = DocFeatures::new(text);
    idx.credits(&f, own)
        .into_iter()
        .map(|m| (m.outlet, m.span, m.phrase, m.cue))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::{OutletTable, Registry};

    fn table() -> Vec<OutletInfo> {
        let mut t = OutletTable::new(&Registry::builtin());
        t.outlet_of(Some("Le Héraut de Valmora"), None, None);
        t.outlet_of(
            Some("la-voix-de-sushaiville"),
            None,
            Some("https://lavoixdesushaiville.fr/a/1"),
        );
        t.outlets
    }

    fn found(text: &str) -> Vec<(String, CueKind)> {
        let outlets = table();
        let idx = NameIndex::new(&outlets);
        let f = DocFeatures::new(text);
        idx.credits(&f, None)
            .into_iter()
            .map(|m| (outlets[m.outlet].name.clone(), m.cue))
            .collect()
    }

    #[test]
    fn french_and_english_credits() {
        assert_eq!(
            found("Selon l'agence Tass, le barrage a cédé."),
            vec![("TASS".into(), CueKind::Before)]
        );
        assert_eq!(
            found("« Nous avons des preuves », a indiqué la responsable à l'agence russe RIA Novosti."),
            vec![("RIA Novosti".into(), CueKind::Before)]
        );
        assert_eq!(
            found("The dam failed, according to Reuters."),
            vec![("Reuters".into(), CueKind::Before)]
        );
        assert_eq!(
            found("PARIS (AFP) - Le barrage a cédé."),
            vec![("AFP".into(), CueKind::Dateline)]
        );
        assert_eq!(
            found("Le Héraut de Valmora rapporte que le barrage a cédé."),
            vec![("Le Héraut de Valmora".into(), CueKind::After)]
        );
        assert_eq!(
            found("Lire sur https://www.reuters.com/world/x"),
            vec![("Reuters".into(), CueKind::Link)]
        );
        assert_eq!(
            found("Texte.\n\n— Agence France-Presse\n"),
            vec![("AFP".into(), CueKind::Dateline)]
        );
        assert_eq!(
            found("a déclaré le ministre cité par l'agence Anadolu."),
            vec![("Anadolu".into(), CueKind::Before)]
        );
    }

    #[test]
    fn plain_mentions_and_lookalikes_are_not_credits() {
        // A name in running text without a cue, a lower-case acronym.
        assert!(found(
            "Les journalistes de Reuters et les autres ont manifesté hier devant le siège."
        )
        .is_empty());
        assert!(found("Il a pris le map du pays. Une ap de plus.").is_empty());
        assert!(found("a indiqué la responsable à l'agence russe.").is_empty());
    }

    /// The credits found in `text` (how many) and their assignment to
    /// passages given as (the text they start with, length in characters).
    fn assigned(text: &str, passages: &[(&str, usize)]) -> (usize, Vec<(usize, usize, Placement)>) {
        let idx = NameIndex::new(&table());
        let f = DocFeatures::new(text);
        let ms = idx.credits(&f, None);
        let spans: Vec<CharSpan> = passages
            .iter()
            .map(|&(start, len)| {
                let begin = text[..text.find(start).unwrap()].chars().count();
                CharSpan {
                    begin,
                    end: begin + len,
                }
            })
            .collect();
        (ms.len(), assign(&f, &spans, &ms, 300))
    }

    #[test]
    fn credits_go_to_the_passage_they_point_to() {
        // "Selon Reuters :" introduces copy one; "(AFP)" closes the text
        // before it, which is also copy one.
        let (n, a) = assigned(
            "Intro. Selon Reuters :\n\nCOPY ONE TEXT HERE.\n\nMiddle text (AFP).\n\nCOPY TWO.",
            &[("COPY ONE", 19), ("COPY TWO", 9)],
        );
        assert_eq!(n, 2);
        assert_eq!(a, vec![(0, 0, Placement::Near), (0, 1, Placement::Near)]);
        let (_, a) = assigned(
            "COPY ONE TEXT HERE.\n\nSource : AFP.\n\nAccording to Reuters:\n\nCOPY TWO.",
            &[("COPY ONE", 19), ("COPY TWO", 9)],
        );
        assert_eq!(a, vec![(0, 0, Placement::Near), (1, 1, Placement::Near)]);
    }

    #[test]
    fn a_passage_running_into_the_name_gets_the_credit() {
        // The copies share the credit's first words, so the passage ends
        // inside the name.
        let copied = "COPIED TEXT HERE. (avec Le";
        let (n, a) = assigned(
            "Intro.\n\nCOPIED TEXT HERE. (avec Le Héraut de Valmora)\n\nOther.",
            &[("COPIED", copied.chars().count())],
        );
        assert_eq!(n, 1);
        assert_eq!(a, vec![(0, 0, Placement::Near)]);
    }

    #[test]
    fn a_credit_ending_the_copied_sentence_belongs_to_it() {
        // The copy and the credit share a sentence; the next copy starts
        // closer to the credit than the first one ends, and still does not
        // get it.
        let (n, a) = assigned(
            "Title\n\nFIRST COPY OF TEXT, Reuters reported.\n\nSECOND COPY.",
            &[("FIRST", 15), ("SECOND", 11)],
        );
        assert_eq!(n, 1);
        assert_eq!(a, vec![(0, 0, Placement::Near)]);
    }
}
