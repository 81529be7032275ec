//! Narratives: stories that make the same claim about other events, places,
//! years or in other languages. Stories are compared on entities, entity
//! pairs (what is said about whom, language-independent) and content words,
//! with no time constraint but a higher bar (shared distinctive features),
//! and grouped in time order the way documents are grouped into stories.
//! Each document of a narrative gets a stance: it relays the claim, it
//! questions it (critical markers near the claim), or unknown.

use crate::dates::{iso, parse_interval};
use crate::features::{kind_of, Kind};
use crate::lexicon::CRITICAL_MARKERS;
use crate::stories::{KeyEntity, StoryDoc, StoryId, StoryIndex};
use crate::vector::{add_into, kind_cosine, kind_norms, prune, Sparse};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// A narrative's number (dense, in order of creation).
pub type NarrativeId = u32;

/// Options of narrative grouping.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NarrativeOptions {
    /// Minimum similarity for a story to join a narrative.
    pub threshold: f32,
    /// Weights of the entity, entity-pair and content-word cosines.
    pub entity_weight: f32,
    pub pair_weight: f32,
    pub term_weight: f32,
    /// Minimum number of shared distinctive features (entity pairs, and
    /// entities seen in at most `max_df_share` of the documents).
    pub min_shared: usize,
    pub max_df_share: f32,
    /// Weight of the core overlap (see `core_overlap`), the other way for a
    /// story to join: the similarity is the larger of the two.
    pub core_weight: f32,
    /// Narratives with fewer stories are not reported.
    pub min_stories: usize,
    /// Critical-marker points for a document to "question" the claim.
    pub questions_at: u32,
    /// Groups compared per story: those sharing the most distinctive keys
    /// with it (bounded work on large stores), reading at most
    /// `postings_per_key` of the most recent groups per key.
    #[serde(default = "default_max_candidates")]
    pub max_candidates: usize,
    #[serde(default = "default_postings_per_key")]
    pub postings_per_key: usize,
}

fn default_max_candidates() -> usize {
    64
}

fn default_postings_per_key() -> usize {
    256
}

impl Default for NarrativeOptions {
    fn default() -> Self {
        NarrativeOptions {
            threshold: 0.25,
            entity_weight: 0.45,
            pair_weight: 0.35,
            term_weight: 0.20,
            min_shared: 3,
            max_df_share: 0.5,
            core_weight: 0.5,
            min_stories: 2,
            questions_at: 3,
            max_candidates: default_max_candidates(),
            postings_per_key: default_postings_per_key(),
        }
    }
}

/// A narrative as reported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Narrative {
    pub id: NarrativeId,
    /// Its stories, in time order.
    pub stories: Vec<StoryId>,
    /// Its documents (ids), in time order.
    pub documents: Vec<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub entities: Vec<KeyEntity>,
    /// Its most characteristic entity pairs and content-word stems.
    pub phrases: Vec<String>,
    /// Its feature keys with weights (what stance detection looks for).
    pub features: Vec<(u64, f32)>,
}

/// Vector of a story for narrative comparison: its centroid without numbers
/// (dates and figures change from one event to the next).
fn story_vector(c: &Sparse) -> Sparse {
    c.iter()
        .filter(|(k, _)| kind_of(*k) != Kind::Number)
        .copied()
        .collect()
}

/// A vector's 12 heaviest entities and entity pairs (weight × idf), with
/// their total.
struct Core {
    top: Vec<(f32, u64)>,
    total: f32,
}

impl Core {
    fn of(b: &Sparse, df: &crate::vector::DocFreq) -> Core {
        let mut top: Vec<(f32, u64)> = b
            .iter()
            .filter(|(k, _)| matches!(kind_of(*k), Kind::Entity | Kind::Pair))
            .map(|(k, w)| (w * df.idf(*k), *k))
            .collect();
        top.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        top.truncate(12);
        let total = top.iter().map(|x| x.0).sum();
        Core { top, total }
    }

    /// Share (by weight × idf) of this core that `a` also has.
    fn share_in(&self, a: &Sparse) -> f32 {
        if self.total <= 0.0 {
            return 0.0;
        }
        let got: f32 = self
            .top
            .iter()
            .filter(|(_, k)| a.binary_search_by_key(k, |x| x.0).is_ok())
            .map(|x| x.0)
            .sum();
        got / self.total
    }
}

/// Per-kind dot products of a story (keys with idf, and which keys are
/// distinctive) with a group centroid, and the number of distinctive keys
/// they share.
fn dots_shared(a: &[(u64, f32, f32)], distinct: &[bool], b: &Sparse) -> ([f64; 4], usize) {
    let mut d = [0f64; 4];
    let mut shared = 0;
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let idf = a[i].2 as f64;
                d[kind_of(a[i].0) as usize] += a[i].1 as f64 * b[j].1 as f64 * idf * idf;
                shared += distinct[i] as usize;
                i += 1;
                j += 1;
            }
        }
    }
    (d, shared)
}

/// Groups the stories of `index` into narratives.
pub fn narratives(index: &StoryIndex, opts: &NarrativeOptions) -> Vec<Narrative> {
    let df = &index.df;
    let max_df = ((df.n_docs as f32) * opts.max_df_share).max(2.0) as u32;
    let distinctive = |k: u64| match kind_of(k) {
        Kind::Pair => true,
        Kind::Entity => df.df.get(&k).copied().unwrap_or(0) <= max_df,
        _ => false,
    };
    // Stories in time order (undated last).
    let mut order: Vec<usize> = (0..index.stories.len()).collect();
    order.sort_by_key(|&i| (index.stories[i].span.map_or(i64::MAX, |s| s.0), i));
    struct Group {
        stories: Vec<usize>,
        centroid: Sparse,
        /// Squared idf-weighted norms per kind, and the core (see
        /// `Core`), kept up to date with `centroid`.
        norms: [f64; 4],
        core: Core,
        langs: HashSet<String>,
        /// Distinctive keys already in `postings` for this group.
        posted: HashSet<u64>,
    }
    let mut groups: Vec<Group> = Vec::new();
    // Groups by the distinctive keys their centroid has had: a group can
    // only be joined through `min_shared` of them, so only groups counted
    // that often are compared (the most often counted ones, at most
    // `max_candidates`).
    let mut postings: HashMap<u64, Vec<usize>> = HashMap::new();
    let mut counts: Vec<u32> = Vec::new();
    let mut touched: Vec<usize> = Vec::new();
    for &si in &order {
        let s = &index.stories[si];
        if s.claim_docs == 0 {
            // A story that reports no claim carries no narrative.
            continue;
        }
        let v = story_vector(&s.centroid);
        // The story's keys with their idf, and whether each is distinctive.
        let vw: Vec<(u64, f32, f32)> = v.iter().map(|(k, w)| (*k, *w, df.idf(*k))).collect();
        let vd: Vec<bool> = v.iter().map(|(k, _)| distinctive(*k)).collect();
        let mut vn = [0f64; 4];
        for (k, w, idf) in &vw {
            let x = (w * idf) as f64;
            vn[kind_of(*k) as usize] += x * x;
        }
        let vcore = Core::of(&v, df);
        counts.resize(groups.len(), 0);
        for (i, (k, _)) in v.iter().enumerate() {
            if !vd[i] {
                continue;
            }
            let list = postings.get(k).map_or(&[][..], |x| &x[..]);
            let from = list.len().saturating_sub(opts.postings_per_key.max(1));
            for &gi in &list[from..] {
                if let Some(c) = counts.get_mut(gi) {
                    if *c == 0 {
                        touched.push(gi);
                    }
                    *c += 1;
                }
            }
        }
        let need = opts.min_shared.max(1) as u32;
        let mut cands: Vec<(u32, usize)> = if opts.min_shared == 0 {
            (0..groups.len()).map(|gi| (counts[gi], gi)).collect()
        } else {
            touched
                .iter()
                .map(|&gi| (counts[gi], gi))
                .filter(|(c, _)| *c >= need)
                .collect()
        };
        for gi in touched.drain(..) {
            counts[gi] = 0;
        }
        cands.sort_unstable_by_key(|x| x.1);
        if cands.len() > opts.max_candidates.max(1) {
            cands.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            cands.truncate(opts.max_candidates.max(1));
            cands.sort_unstable_by_key(|x| x.1);
        }
        let mut best: Option<(f32, usize)> = None;
        for gi in cands.into_iter().map(|x| x.1) {
            let Some(g) = groups.get(gi) else {
                continue;
            };
            let (dots, shared) = dots_shared(&vw, &vd, &g.centroid);
            if shared < opts.min_shared {
                continue;
            }
            let ce = kind_cosine(&dots, &vn, &g.norms, Kind::Entity);
            let cp = kind_cosine(&dots, &vn, &g.norms, Kind::Pair);
            let same_lang = s.langs.keys().any(|l| g.langs.contains(l));
            let sim = if same_lang {
                opts.entity_weight * ce
                    + opts.pair_weight * cp
                    + opts.term_weight * kind_cosine(&dots, &vn, &g.norms, Kind::Term)
            } else {
                (opts.entity_weight * ce + opts.pair_weight * cp)
                    / (opts.entity_weight + opts.pair_weight).max(1e-6)
            };
            // How much of the group's core (its heaviest names and pairs)
            // the story carries, and the other way round: a narrative is
            // what stays when each event's own names are set aside.
            let sim =
                sim.max(opts.core_weight * g.core.share_in(&v).max(vcore.share_in(&g.centroid)));
            if sim >= opts.threshold && best.is_none_or(|(b, _)| sim > b) {
                best = Some((sim, gi));
            }
        }
        // Stories enter with unit weight whatever their size.
        let n: f32 = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt().max(1e-6);
        let gi = match best {
            Some((_, gi)) => {
                let g = &mut groups[gi];
                g.stories.push(si);
                add_into(&mut g.centroid, &v, 1.0 / n);
                prune(&mut g.centroid, 256, df);
                g.norms = kind_norms(&g.centroid, df);
                g.core = Core::of(&g.centroid, df);
                g.langs.extend(s.langs.keys().cloned());
                gi
            }
            None => {
                let centroid: Sparse = v.iter().map(|(k, w)| (*k, w / n)).collect();
                groups.push(Group {
                    stories: vec![si],
                    norms: kind_norms(&centroid, df),
                    core: Core::of(&centroid, df),
                    centroid,
                    langs: s.langs.keys().cloned().collect(),
                    posted: HashSet::new(),
                });
                groups.len() - 1
            }
        };
        let g = &mut groups[gi];
        for (k, _) in &g.centroid {
            if distinctive(*k) && g.posted.insert(*k) {
                postings.entry(*k).or_default().push(gi);
            }
        }
    }
    let mut out = Vec::new();
    for g in groups {
        if g.stories.len() < opts.min_stories.max(1) {
            continue;
        }
        let mut docs: Vec<(Option<(i64, i64)>, String)> = Vec::new();
        let mut span: Option<(i64, i64)> = None;
        for &si in &g.stories {
            let s = &index.stories[si];
            for m in &s.members {
                docs.push((m.date.as_deref().and_then(parse_interval), m.id.clone()));
            }
            if let Some(x) = s.span {
                span = Some(span.map_or(x, |y| (x.0.min(y.0), x.1.max(y.1))));
            }
        }
        docs.sort_by(|a, b| (a.0.is_none(), a.0, &a.1).cmp(&(b.0.is_none(), b.0, &b.1)));
        let mut phrases: Vec<(f32, String)> = g
            .centroid
            .iter()
            .filter(|(k, _)| matches!(kind_of(*k), Kind::Pair | Kind::Term))
            .filter_map(|(k, w)| index.labels.get(k).map(|l| (w * df.idf(*k), l.clone())))
            .collect();
        phrases.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        phrases.truncate(12);
        out.push(Narrative {
            id: out.len() as NarrativeId,
            stories: g.stories.iter().map(|&s| s as StoryId).collect(),
            documents: docs.into_iter().map(|d| d.1).collect(),
            start: span.map(|x| iso(x.0)),
            end: span.map(|x| iso(x.1)),
            entities: index.key_entities(&g.centroid, 10),
            phrases: phrases.into_iter().map(|p| p.1).collect(),
            features: g
                .centroid
                .iter()
                .map(|(k, w)| (*k, (w * df.idf(*k) * 1000.0).round() / 1000.0))
                .collect(),
        });
    }
    out
}

/// How a document presents the narrative's claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    Relays,
    Questions,
    Unknown,
}

/// A document's stance with the sentence that shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocStance {
    pub doc: String,
    pub stance: Stance,
    /// Character offsets of the evidence sentence in the document's text.
    pub begin: Option<usize>,
    pub end: Option<usize>,
    pub evidence: Option<String>,
    /// Critical markers found (folded), and their points.
    pub markers: Vec<String>,
    pub points: u32,
}

/// Stance of `doc` towards `narrative`'s claim: sentences carrying the
/// narrative's features are the claim's sentences; critical markers in them
/// ("aucune preuve", "conspiracy theory", "prétendu", a question, words in
/// scare quotes…) add points; `opts.questions_at` points make it
/// "questions", otherwise "relays"; no claim sentence: "unknown".
pub fn stance(doc: &StoryDoc, narrative: &Narrative, opts: &NarrativeOptions) -> DocStance {
    let f = doc.features();
    let mut top: Vec<(f32, u64)> = narrative
        .features
        .iter()
        .filter(|(k, _)| kind_of(*k) != Kind::Number)
        .map(|(k, w)| (*w, *k))
        .collect();
    top.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    top.truncate(60);
    let keys: HashSet<u64> = top.iter().map(|x| x.1).collect();
    let chars: Vec<char> = doc.text.chars().collect();
    let mut best_claim: Option<(usize, usize)> = None; // (score, sentence)
    let mut points = 0u32;
    let mut markers: Vec<String> = Vec::new();
    let mut best_marker: Option<(u32, usize)> = None;
    let (mut asked, mut quoted) = (false, false);
    for (si, sk) in f.sentence_keys.iter().enumerate() {
        let mut seen: Vec<u64> = sk.iter().copied().filter(|k| keys.contains(k)).collect();
        seen.sort_unstable();
        seen.dedup();
        let score = seen.len();
        if score == 0 {
            continue;
        }
        if score >= 2 && best_claim.is_none_or(|(b, _)| score > b) {
            best_claim = Some((score, si));
        }
        let Some(span) = f.sentences.get(si) else {
            continue;
        };
        let raw: String = chars
            .get(span.begin..span.end.min(chars.len()))
            .unwrap_or(&[])
            .iter()
            .collect();
        let folded = format!(" {} ", echotrace_core::normalise::folded(&raw));
        let mut here = 0u32;
        for (m, p) in CRITICAL_MARKERS {
            if folded.contains(&format!(" {m} ")) {
                here += p;
                markers.push((*m).to_string());
            }
        }
        // Questions and scare quotes count once per document (reported
        // speech is full of both).
        if !asked && (raw.trim_end().ends_with('?') || raw.contains("? ")) {
            asked = true;
            here += 1;
            markers.push("?".into());
        }
        if !quoted && scare_quotes(&raw) {
            quoted = true;
            here += 1;
            markers.push("«…»".into());
        }
        if here > 0 {
            points += here;
            if best_marker.is_none_or(|(b, _)| here > b) {
                best_marker = Some((here, si));
            }
        }
    }
    let (stance, ev) = match (best_claim, best_marker) {
        (None, _) => (Stance::Unknown, None),
        (Some(_), Some((_, si))) if points >= opts.questions_at => (Stance::Questions, Some(si)),
        (Some((_, si)), _) => (Stance::Relays, Some(si)),
    };
    let span = ev.and_then(|si| f.sentences.get(si).copied());
    DocStance {
        doc: doc.id.clone(),
        stance,
        begin: span.map(|s| s.begin),
        end: span.map(|s| s.end),
        evidence: span.map(|s| {
            chars
                .get(s.begin..s.end.min(chars.len()))
                .unwrap_or(&[])
                .iter()
                .collect()
        }),
        markers,
        points,
    }
}

/// True when the sentence puts one to three words in quotes (« preuve »,
/// "evidence"): distance taken from a word.
fn scare_quotes(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let close = match chars[i] {
            '«' => '»',
            '“' => '”',
            '"' => '"',
            _ => {
                i += 1;
                continue;
            }
        };
        let mut j = i + 1;
        while j < chars.len() && chars[j] != close && j - i < 40 {
            j += 1;
        }
        if j < chars.len() && chars[j] == close {
            let inner: String = chars[i + 1..j].iter().collect();
            let n = inner.split_whitespace().count();
            if (1..=2).contains(&n) {
                return true;
            }
            i = j + 1;
        } else {
            i += 1;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scare_quotes_found() {
        assert!(scare_quotes(
            "si M. Lavrov parle de « preuve », il ne les a pas produites"
        ));
        assert!(!scare_quotes(
            "« Nous avions beaucoup de questions sur les vols », a-t-il dit"
        ));
        assert!(!scare_quotes("«"));
    }
}
