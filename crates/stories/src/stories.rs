//! Incremental story clustering (after Miranda et al. 2018): each new
//! document is compared with the centroids of the existing stories that
//! share its heaviest features, and joins the most similar one whose time
//! span is within a window of days of its date; otherwise it starts a new
//! story. Once a batch is placed, a document still alone in the story it
//! started looks again, and joins the best story at a lower bar when that
//! story stands out from the other candidates (a relative decision, for
//! events whose reports differ more than unrelated reports agree). The
//! state serialises, so a later run continues where this one stopped.

use crate::codec::{Reader, Writer};
use crate::dates::{gap, iso, parse_interval};
use crate::features::{extract, kind_of, DocFeatures, Kind};
use crate::vector::{
    add_into, doc_weights, kind_cosine, kind_dots, kind_norms, prune, DocFreq, KeyMap, Sparse,
};
use echotrace_core::model::CharSpan;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// First bytes of a saved index (format and its version).
const STATE_MAGIC: &[u8] = b"ETSTORY\x01";

/// A story's number (dense, in order of creation).
pub type StoryId = u32;

/// One document as the story stage receives it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StoryDoc {
    pub id: String,
    /// ISO 639-1 code when known (else guessed from stop words).
    #[serde(default)]
    pub lang: Option<String>,
    /// ISO date at any precision (`2021`, `2021-07`, `2021-07-22`).
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub outlet: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    /// The text; every offset reported is a character offset into it.
    pub text: String,
    /// Body spans of `text` (character offsets) to read; empty: all of it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub body: Vec<CharSpan>,
}

impl StoryDoc {
    /// The features of this document.
    pub fn features(&self) -> DocFeatures {
        extract(&self.text, &self.body, self.lang.as_deref())
    }
}

/// Options of story clustering.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryOptions {
    /// Minimum similarity for a document to join a story.
    pub threshold: f32,
    /// A document joins a story only if its date is at most this many days
    /// outside the story's time span (undated documents or stories: no
    /// constraint).
    pub window_days: i64,
    /// Weight of the entity cosine (the rest is the content-word cosine)
    /// when the story has documents in the document's language.
    pub entity_weight: f32,
    /// Weight of the entity cosine when it has none (content words then
    /// rarely match, so names and numbers carry the decision).
    pub cross_language_entity_weight: f32,
    /// Features kept per kind in a story centroid.
    pub centroid_size: usize,
    /// Features of a document used to look up candidate stories.
    pub lookup_features: usize,
    /// Most recent stories read per looked-up feature.
    pub postings_per_feature: usize,
    /// Candidate stories compared in full: those in the time window found
    /// through the most looked-up features (bounded work per document).
    #[serde(default = "default_max_candidates")]
    pub max_candidates: usize,
    /// Second look at the documents of a batch left alone in a story of
    /// their own: such a document joins its most similar story at this
    /// lower similarity when that story stands out from the others it was
    /// compared with (see `relative_ratio`); 0: no second look.
    #[serde(default = "default_relative_threshold")]
    pub relative_threshold: f32,
    /// How many times the median similarity of the other candidate stories
    /// the best one must reach to be joined at `relative_threshold`.
    #[serde(default = "default_relative_ratio")]
    pub relative_ratio: f32,
    /// Fewest candidate stories for that comparison (with fewer, the
    /// median says nothing about the document's background similarity).
    #[serde(default = "default_relative_min_candidates")]
    pub relative_min_candidates: usize,
}

fn default_max_candidates() -> usize {
    64
}

fn default_relative_threshold() -> f32 {
    0.2
}

fn default_relative_ratio() -> f32 {
    2.0
}

fn default_relative_min_candidates() -> usize {
    8
}

impl Default for StoryOptions {
    fn default() -> Self {
        StoryOptions {
            threshold: 0.25,
            window_days: 7,
            entity_weight: 0.4,
            cross_language_entity_weight: 0.9,
            centroid_size: 96,
            lookup_features: 24,
            postings_per_feature: 256,
            max_candidates: default_max_candidates(),
            relative_threshold: default_relative_threshold(),
            relative_ratio: default_relative_ratio(),
            relative_min_candidates: default_relative_min_candidates(),
        }
    }
}

/// A document in a story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryMember {
    pub id: String,
    pub date: Option<String>,
    pub outlet: Option<String>,
    pub lang: Option<String>,
    pub title: Option<String>,
    /// Similarity with the story when it joined (1 for the first document).
    pub score: f32,
}

/// A named entity (or number) with its weight in a story or narrative.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyEntity {
    pub label: String,
    pub weight: f32,
}

/// A story as reported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    pub id: StoryId,
    /// First and last day of its dated documents (ISO), if any.
    pub start: Option<String>,
    pub end: Option<String>,
    /// Documents in time order (undated last, then by id).
    pub documents: Vec<StoryMember>,
    pub outlets: Vec<String>,
    pub languages: Vec<String>,
    pub entities: Vec<KeyEntity>,
    /// Title of the document closest to the story when it joined, in the
    /// story's main language.
    pub title: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct StoryState {
    pub(crate) members: Vec<StoryMember>,
    pub(crate) span: Option<(i64, i64)>,
    /// Sum of the members' unit vectors (see `vector::doc_weights`).
    pub(crate) centroid: Sparse,
    pub(crate) langs: BTreeMap<String, u32>,
    /// Members whose text reports a claim (see `features::is_claim_marker`).
    pub(crate) claim_docs: u32,
}

/// The incremental story index: its state is everything needed to go on
/// (see `to_bytes` and `from_bytes`).
#[derive(Debug, Clone)]
pub struct StoryIndex {
    pub opts: StoryOptions,
    pub(crate) df: DocFreq,
    pub(crate) stories: Vec<StoryState>,
    /// Display label of every key that has been in a story centroid (the
    /// first way it was written, or the canonical name of an alias).
    pub(crate) labels: KeyMap<String>,
    /// Stories by the keys their centroid has had (not entity pairs), in
    /// order of addition.
    postings: KeyMap<Vec<StoryId>>,
    /// Story of each document id, in order of addition.
    assigned: Vec<(String, StoryId)>,
    /// Squared centroid norms per kind, and the `df.n_docs` they were
    /// computed with (recomputed when document frequencies or the centroid
    /// changed; not saved).
    norms: Vec<(u64, [f64; 4])>,
    /// Per-story counter reused by candidate lookup (all zero between
    /// documents; not saved).
    counter: Vec<u32>,
    /// While a batch is placed: the first story it created, and for every
    /// key whose postings got one of its stories, the length of the list
    /// before (so that its stories can be renumbered; not saved).
    batch: Option<(StoryId, KeyMap<usize>)>,
}

/// A document ready to be placed: its weights and metadata.
#[derive(Clone)]
struct Prepared {
    member: StoryMember,
    day: Option<(i64, i64)>,
    weights: Sparse,
    labels: BTreeMap<u64, String>,
    claims: bool,
}

fn prepare(doc: &StoryDoc) -> (Prepared, Sparse) {
    let f = doc.features();
    let counts = f.counts();
    let weights = doc_weights(&counts);
    let lang = doc
        .lang
        .clone()
        .filter(|l| !l.trim().is_empty())
        .or_else(|| f.lang.clone());
    (
        Prepared {
            member: StoryMember {
                id: doc.id.clone(),
                date: doc.date.clone(),
                outlet: doc.outlet.clone(),
                lang,
                title: doc.title.clone(),
                score: 1.0,
            },
            day: doc.date.as_deref().and_then(parse_interval),
            weights,
            labels: f.labels,
            claims: f.claim_markers >= 1,
        },
        counts,
    )
}

impl StoryIndex {
    pub fn new(opts: StoryOptions) -> StoryIndex {
        StoryIndex {
            opts,
            df: DocFreq::default(),
            stories: Vec::new(),
            labels: KeyMap::default(),
            postings: KeyMap::default(),
            assigned: Vec::new(),
            norms: Vec::new(),
            counter: Vec::new(),
            batch: None,
        }
    }

    /// Number of stories.
    pub fn len(&self) -> usize {
        self.stories.len()
    }

    pub fn is_empty(&self) -> bool {
        self.stories.is_empty()
    }

    /// Number of documents added.
    pub fn n_docs(&self) -> usize {
        self.assigned.len()
    }

    /// Adds one document and returns its story.
    pub fn add(&mut self, doc: &StoryDoc) -> StoryId {
        let (p, counts) = prepare(doc);
        self.df.add(&counts);
        self.place(p, false).0
    }

    /// Adds a batch: features are computed in parallel, document
    /// frequencies are updated with the whole batch, then documents are
    /// placed one by one in date order (undated last, ties in input order).
    /// Returns each document's story, in input order. The result does not
    /// depend on the number of threads.
    pub fn add_batch(&mut self, docs: &[StoryDoc]) -> Vec<StoryId> {
        let prepared: Vec<(Prepared, Sparse)> = docs.par_iter().map(prepare).collect();
        let mut order: Vec<usize> = (0..prepared.len()).collect();
        order.sort_by_key(|&i| (prepared[i].0.day.map_or(i64::MAX, |d| d.0), i));
        let mut slots: Vec<Option<Prepared>> = Vec::with_capacity(prepared.len());
        for (p, counts) in prepared {
            self.df.add(&counts);
            slots.push(Some(p));
        }
        let base = self.stories.len() as StoryId;
        let assigned_base = self.assigned.len();
        self.batch = Some((base, KeyMap::default()));
        let mut out = vec![0; slots.len()];
        // Documents that started a story: (input index, place in
        // `assigned`, the document).
        let mut alone: Vec<(usize, usize, Prepared)> = Vec::new();
        for i in order {
            if let Some(p) = slots[i].take() {
                let at = self.assigned.len();
                let (sid, started) = self.place(p, self.opts.relative_threshold > 0.0);
                out[i] = sid;
                if let Some(p) = started {
                    alone.push((i, at, p));
                }
            }
        }
        // Second look, now that the whole batch is placed, at the documents
        // still alone in the story they started.
        let mut vacated = false;
        for (i, at, mut p) in alone {
            let own = out[i];
            if self.stories[own as usize].members.len() != 1 {
                continue;
            }
            let (w, wn) = self.weigh(&p);
            let scored = self.score(&w, &wn, p.day, p.member.lang.as_deref(), Some(own));
            let Some((sim, sid)) = self.relative_best(&scored) else {
                continue;
            };
            // The document leaves its story for `sid`.
            let s = &mut self.stories[own as usize];
            s.members.clear();
            s.centroid.clear();
            s.span = None;
            s.langs.clear();
            s.claim_docs = 0;
            vacated = true;
            p.member.score = sim;
            self.assigned[at].1 = sid;
            self.attach(sid, p);
            out[i] = sid;
        }
        let batch = self.batch.take();
        if let (true, Some((base, log))) = (vacated, batch) {
            let map = self.compact(base, &log, assigned_base);
            for x in &mut out {
                if *x >= base {
                    *x = map[(*x - base) as usize].unwrap_or(*x);
                }
            }
        }
        out
    }

    /// The story a document alone in its own story joins on the second
    /// look: the most similar of `scored` when it reaches the threshold,
    /// or `relative_threshold` and `relative_ratio` times the median
    /// similarity of the other candidates (at least
    /// `relative_min_candidates` of them).
    fn relative_best(&self, scored: &[(StoryId, f32)]) -> Option<(f32, StoryId)> {
        let mut best: Option<(f32, StoryId)> = None;
        for &(sid, sim) in scored {
            if best.is_none_or(|(b, bid)| sim > b || (sim == b && sid < bid)) {
                best = Some((sim, sid));
            }
        }
        let (sim, sid) = best?;
        if sim >= self.opts.threshold {
            return Some((sim, sid));
        }
        if sim < self.opts.relative_threshold
            || scored.len() < self.opts.relative_min_candidates.max(2)
        {
            return None;
        }
        let mut others: Vec<f32> = scored.iter().filter(|x| x.0 != sid).map(|x| x.1).collect();
        others.sort_by(|a, b| a.total_cmp(b));
        let median = others[others.len() / 2];
        (sim >= self.opts.relative_ratio * median).then_some((sim, sid))
    }

    /// Renumbers the stories created since `base` without the ones left
    /// empty (postings from `log`, assignments from `assigned_base`);
    /// returns the new number of each.
    fn compact(
        &mut self,
        base: StoryId,
        log: &KeyMap<usize>,
        assigned_base: usize,
    ) -> Vec<Option<StoryId>> {
        let mut map: Vec<Option<StoryId>> = Vec::new();
        let mut next = base;
        for s in &self.stories[base as usize..] {
            if s.members.is_empty() {
                map.push(None);
            } else {
                map.push(Some(next));
                next += 1;
            }
        }
        let renumber = |sid: StoryId| -> Option<StoryId> {
            if sid < base {
                Some(sid)
            } else {
                map.get((sid - base) as usize).copied().flatten()
            }
        };
        let tail: Vec<StoryState> = self.stories.drain(base as usize..).collect();
        self.stories
            .extend(tail.into_iter().filter(|s| !s.members.is_empty()));
        for (k, &from) in log {
            if let Some(list) = self.postings.get_mut(k) {
                let kept: Vec<StoryId> = list[from.min(list.len())..]
                    .iter()
                    .filter_map(|&sid| renumber(sid))
                    .collect();
                list.truncate(from);
                list.extend(kept);
            }
        }
        for a in &mut self.assigned[assigned_base..] {
            if let Some(sid) = renumber(a.1) {
                a.1 = sid;
            }
        }
        self.norms.truncate(base as usize);
        self.counter.truncate(base as usize);
        map
    }

    /// Similarity of a document (weights with idf, squared norms) with a
    /// story.
    fn similarity(
        &self,
        w: &[(u64, f32, f32)],
        wn: &[f64; 4],
        sn: &[f64; 4],
        lang: Option<&str>,
        s: &StoryState,
    ) -> f32 {
        let dots = kind_dots(w, &s.centroid);
        let ce = kind_cosine(&dots, wn, sn, Kind::Entity);
        let ct = kind_cosine(&dots, wn, sn, Kind::Term);
        let same_lang = match lang {
            Some(l) => s.langs.contains_key(l),
            None => true,
        };
        let we = if same_lang {
            self.opts.entity_weight
        } else {
            self.opts.cross_language_entity_weight
        };
        we * ce + (1.0 - we) * ct
    }

    /// Candidate stories of a document: those its heaviest features lead
    /// to, in the time window, the most often found first (at most
    /// `max_candidates`).
    fn candidates(&mut self, w: &[(u64, f32, f32)], day: Option<(i64, i64)>) -> Vec<StoryId> {
        // Only features that lead to a story: a feature no story has had
        // (a name only this document has) would use up a lookup for
        // nothing.
        let mut feats: Vec<(f32, u64)> = w
            .iter()
            .filter(|(k, _, _)| matches!(kind_of(*k), Kind::Entity | Kind::Term | Kind::Number))
            .filter(|(k, _, _)| self.postings.contains_key(k))
            .map(|(k, x, idf)| (x * idf, *k))
            .collect();
        feats.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        feats.truncate(self.opts.lookup_features);
        if self.counter.len() < self.stories.len() {
            self.counter.resize(self.stories.len(), 0);
        }
        let mut found: Vec<StoryId> = Vec::new();
        for (_, k) in &feats {
            if let Some(list) = self.postings.get(k) {
                let from = list.len().saturating_sub(self.opts.postings_per_feature);
                for &sid in &list[from..] {
                    if let Some(c) = self.counter.get_mut(sid as usize) {
                        if *c == 0 {
                            found.push(sid);
                        }
                        *c += 1;
                    }
                }
            }
        }
        // Stories by the number of looked-up features leading to them; only
        // those in the time window, and the most often found, are compared.
        let mut counted: Vec<(u32, StoryId)> = Vec::with_capacity(found.len());
        for sid in found {
            let c = std::mem::take(&mut self.counter[sid as usize]);
            let in_window = match (day, self.stories[sid as usize].span) {
                (Some(d), Some(span)) => gap(d, span) <= self.opts.window_days,
                _ => true,
            };
            if in_window {
                counted.push((c, sid));
            }
        }
        let max = self.opts.max_candidates.max(1);
        if counted.len() > max {
            counted.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
            counted.truncate(max);
        }
        counted.into_iter().map(|x| x.1).collect()
    }

    /// A document's weights with their idf, and its squared norms per kind.
    fn weigh(&self, p: &Prepared) -> (Vec<(u64, f32, f32)>, [f64; 4]) {
        let w: Vec<(u64, f32, f32)> = p
            .weights
            .iter()
            .map(|(k, x)| (*k, *x, self.df.idf(*k)))
            .collect();
        let mut wn = [0f64; 4];
        for (k, x, idf) in &w {
            let v = (x * idf) as f64;
            wn[kind_of(*k) as usize] += v * v;
        }
        (w, wn)
    }

    /// The candidate stories of a document (but `exclude`) with their
    /// similarity, in candidate order.
    fn score(
        &mut self,
        w: &[(u64, f32, f32)],
        wn: &[f64; 4],
        day: Option<(i64, i64)>,
        lang: Option<&str>,
        exclude: Option<StoryId>,
    ) -> Vec<(StoryId, f32)> {
        let cands = self.candidates(w, day);
        // Candidates are scored in parallel (their norms computed again when
        // the document frequencies changed since), the best kept in order.
        let epoch = self.df.n_docs + 1;
        if self.norms.len() < self.stories.len() {
            self.norms.resize(self.stories.len(), (0, [0.0; 4]));
        }
        let this = &*self;
        let scored: Vec<(StoryId, f32, Option<[f64; 4]>)> = cands
            .par_iter()
            .with_min_len(8)
            .filter(|&&sid| (sid as usize) < this.stories.len() && Some(sid) != exclude)
            .map(|&sid| {
                let s = &this.stories[sid as usize];
                let cached = this.norms[sid as usize];
                let fresh = (cached.0 != epoch).then(|| kind_norms(&s.centroid, &this.df));
                let sn = fresh.unwrap_or(cached.1);
                let mut sim = this.similarity(w, wn, &sn, lang, s);
                if let (Some(d), Some(span), true) = (day, s.span, this.opts.window_days > 0) {
                    // Later in the window, a higher bar.
                    let x = gap(d, span) as f32 / this.opts.window_days as f32;
                    sim *= 1.0 - 0.5 * x * x;
                }
                (sid, sim, fresh)
            })
            .collect();
        scored
            .into_iter()
            .map(|(sid, sim, fresh)| {
                if let Some(n) = fresh {
                    self.norms[sid as usize] = (epoch, n);
                }
                (sid, sim)
            })
            .collect()
    }

    /// Places a document: in the most similar candidate story at the
    /// threshold, else in a new one (then returned too when `keep`).
    fn place(&mut self, mut p: Prepared, keep: bool) -> (StoryId, Option<Prepared>) {
        let (w, wn) = self.weigh(&p);
        let scored = self.score(&w, &wn, p.day, p.member.lang.as_deref(), None);
        let mut best: Option<(f32, StoryId)> = None;
        for (sid, sim) in scored {
            if sim >= self.opts.threshold
                && best.is_none_or(|(b, bid)| sim > b || (sim == b && sid < bid))
            {
                best = Some((sim, sid));
            }
        }
        let mut kept = None;
        let sid = match best {
            Some((sim, sid)) => {
                p.member.score = sim;
                sid
            }
            None => {
                if keep {
                    kept = Some(p.clone());
                }
                self.stories.push(StoryState {
                    members: Vec::new(),
                    span: None,
                    centroid: Vec::new(),
                    langs: BTreeMap::new(),
                    claim_docs: 0,
                });
                (self.stories.len() - 1) as StoryId
            }
        };
        self.assigned.push((p.member.id.clone(), sid));
        self.attach(sid, p);
        (sid, kept)
    }

    /// Adds a placed document to story `sid`.
    fn attach(&mut self, sid: StoryId, mut p: Prepared) {
        let size = self.opts.centroid_size;
        if let Some(n) = self.norms.get_mut(sid as usize) {
            n.0 = 0;
        }
        let Some(s) = self.stories.get_mut(sid as usize) else {
            return;
        };
        let before: Vec<u64> = s.centroid.iter().map(|x| x.0).collect();
        add_into(&mut s.centroid, &p.weights, 1.0);
        prune(&mut s.centroid, size, &self.df);
        for (k, l) in std::mem::take(&mut p.labels) {
            if s.centroid.binary_search_by_key(&k, |x| x.0).is_ok() {
                self.labels.entry(k).or_insert(l);
            }
        }
        if let Some(d) = p.day {
            s.span = Some(match s.span {
                Some((a, b)) => (a.min(d.0), b.max(d.1)),
                None => d,
            });
        }
        if let Some(l) = &p.member.lang {
            *s.langs.entry(l.clone()).or_insert(0) += 1;
        }
        let new_keys: Vec<u64> = s
            .centroid
            .iter()
            .map(|x| x.0)
            .filter(|k| before.binary_search(k).is_err() && kind_of(*k) != Kind::Pair)
            .collect();
        s.claim_docs += p.claims as u32;
        s.members.push(p.member);
        for k in new_keys {
            let list = self.postings.entry(k).or_default();
            if let Some((base, log)) = &mut self.batch {
                if sid >= *base {
                    log.entry(k).or_insert(list.len());
                }
            }
            list.push(sid);
        }
    }

    /// The saved state: a compact binary encoding (see `codec`), the same
    /// bytes for the same index whatever the order of its hash maps.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.bytes(STATE_MAGIC);
        w.str(&serde_json::to_string(&self.opts).unwrap_or_default());
        w.var(self.df.n_docs);
        let mut df: Vec<(u64, u32)> = self.df.df.iter().map(|(k, v)| (*k, *v)).collect();
        df.sort_unstable();
        w.var(df.len() as u64);
        for (k, v) in df {
            w.u64(k);
            w.var(v as u64);
        }
        let mut labels: Vec<(&u64, &String)> = self.labels.iter().collect();
        labels.sort_unstable_by_key(|x| *x.0);
        w.var(labels.len() as u64);
        for (k, l) in labels {
            w.u64(*k);
            w.str(l);
        }
        w.var(self.stories.len() as u64);
        for s in &self.stories {
            w.var(s.members.len() as u64);
            for m in &s.members {
                w.str(&m.id);
                w.opt_str(m.date.as_deref());
                w.opt_str(m.outlet.as_deref());
                w.opt_str(m.lang.as_deref());
                w.opt_str(m.title.as_deref());
                w.f32(m.score);
            }
            match s.span {
                None => w.var(0),
                Some((a, b)) => {
                    w.var(1);
                    w.ivar(a);
                    w.ivar(b);
                }
            }
            w.var(s.centroid.len() as u64);
            for (k, x) in &s.centroid {
                w.u64(*k);
                w.f32(*x);
            }
            w.var(s.langs.len() as u64);
            for (l, n) in &s.langs {
                w.str(l);
                w.var(*n as u64);
            }
            w.var(s.claim_docs as u64);
        }
        let mut postings: Vec<(&u64, &Vec<StoryId>)> = self.postings.iter().collect();
        postings.sort_unstable_by_key(|x| *x.0);
        w.var(postings.len() as u64);
        for (k, list) in postings {
            w.u64(*k);
            w.var(list.len() as u64);
            let mut last = 0i64;
            for &sid in list {
                w.ivar(sid as i64 - last);
                last = sid as i64;
            }
        }
        w.var(self.assigned.len() as u64);
        for (id, sid) in &self.assigned {
            w.str(id);
            w.var(*sid as u64);
        }
        w.buf
    }

    /// The index saved by `to_bytes`; `None` when the bytes are not such a
    /// state (another format or version, truncated, inconsistent).
    pub fn from_bytes(b: &[u8]) -> Option<StoryIndex> {
        let mut r = Reader::new(b);
        if r.take(STATE_MAGIC.len())? != STATE_MAGIC {
            return None;
        }
        let opts: StoryOptions = serde_json::from_str(&r.str()?).ok()?;
        let n_docs = r.var()?;
        let n = r.len(9)?;
        let mut df: KeyMap<u32> = KeyMap::default();
        df.reserve(n);
        for _ in 0..n {
            let k = r.u64()?;
            df.insert(k, r.u32()?);
        }
        let n = r.len(9)?;
        let mut labels: KeyMap<String> = KeyMap::default();
        labels.reserve(n);
        for _ in 0..n {
            let k = r.u64()?;
            labels.insert(k, r.str()?);
        }
        let n = r.len(5)?;
        let mut stories = Vec::with_capacity(n);
        for _ in 0..n {
            let nm = r.len(9)?;
            let mut members = Vec::with_capacity(nm);
            for _ in 0..nm {
                members.push(StoryMember {
                    id: r.str()?,
                    date: r.opt_str()?,
                    outlet: r.opt_str()?,
                    lang: r.opt_str()?,
                    title: r.opt_str()?,
                    score: r.f32()?,
                });
            }
            let span = match r.var()? {
                0 => None,
                1 => Some((r.ivar()?, r.ivar()?)),
                _ => return None,
            };
            let nc = r.len(12)?;
            let mut centroid: Sparse = Vec::with_capacity(nc);
            for _ in 0..nc {
                centroid.push((r.u64()?, r.f32()?));
            }
            if centroid.windows(2).any(|x| x[0].0 >= x[1].0) {
                return None;
            }
            let nl = r.len(2)?;
            let mut langs = BTreeMap::new();
            for _ in 0..nl {
                let l = r.str()?;
                langs.insert(l, r.u32()?);
            }
            stories.push(StoryState {
                members,
                span,
                centroid,
                langs,
                claim_docs: r.u32()?,
            });
        }
        let n_stories = stories.len() as u64;
        let n = r.len(9)?;
        let mut postings: KeyMap<Vec<StoryId>> = KeyMap::default();
        postings.reserve(n);
        for _ in 0..n {
            let k = r.u64()?;
            let nl = r.len(1)?;
            let mut list = Vec::with_capacity(nl);
            let mut last = 0i64;
            for _ in 0..nl {
                last = last.checked_add(r.ivar()?)?;
                if !(0..n_stories as i64).contains(&last) {
                    return None;
                }
                list.push(last as StoryId);
            }
            postings.insert(k, list);
        }
        let n = r.len(2)?;
        let mut assigned = Vec::with_capacity(n);
        for _ in 0..n {
            let id = r.str()?;
            let sid = r.u32()?;
            if sid as u64 >= n_stories {
                return None;
            }
            assigned.push((id, sid));
        }
        if !r.is_empty() {
            return None;
        }
        Some(StoryIndex {
            opts,
            df: DocFreq::from_parts(n_docs, df),
            stories,
            labels,
            postings,
            assigned,
            norms: Vec::new(),
            counter: Vec::new(),
            batch: None,
        })
    }

    /// The story of each document, in order of addition.
    pub fn assignments(&self) -> &[(String, StoryId)] {
        &self.assigned
    }

    /// Every story, in id order.
    pub fn stories(&self) -> Vec<Story> {
        (0..self.stories.len())
            .filter_map(|i| self.story(i as StoryId))
            .collect()
    }

    /// Key entities of a centroid, heaviest first.
    pub(crate) fn key_entities(&self, centroid: &Sparse, n: usize) -> Vec<KeyEntity> {
        let labels = &self.labels;
        let mut v: Vec<(f32, &String)> = centroid
            .iter()
            .filter(|(k, _)| kind_of(*k) == Kind::Entity)
            .filter_map(|(k, w)| labels.get(k).map(|l| (w * self.df.idf(*k), l)))
            .collect();
        v.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        let mut out: Vec<KeyEntity> = Vec::new();
        for (w, l) in v {
            if out.len() >= n {
                break;
            }
            if !out.iter().any(|e| &e.label == l) {
                out.push(KeyEntity {
                    label: l.clone(),
                    weight: (w * 1000.0).round() / 1000.0,
                });
            }
        }
        out
    }

    /// One story as reported.
    pub fn story(&self, id: StoryId) -> Option<Story> {
        let s = self.stories.get(id as usize)?;
        let mut docs = s.members.clone();
        docs.sort_by(|a, b| {
            let da = a.date.as_deref().and_then(parse_interval);
            let db = b.date.as_deref().and_then(parse_interval);
            (da.is_none(), da, &a.id).cmp(&(db.is_none(), db, &b.id))
        });
        let mut outlets: Vec<String> = docs.iter().filter_map(|d| d.outlet.clone()).collect();
        outlets.sort();
        outlets.dedup();
        let languages: Vec<String> = s.langs.keys().cloned().collect();
        let main_lang = s
            .langs
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|x| x.0.clone());
        let title = s
            .members
            .iter()
            .filter(|m| m.title.as_deref().is_some_and(|t| !t.trim().is_empty()))
            .max_by(|a, b| {
                let la = a.lang == main_lang;
                let lb = b.lang == main_lang;
                la.cmp(&lb)
                    .then(a.score.total_cmp(&b.score))
                    .then(b.id.cmp(&a.id))
            })
            .and_then(|m| m.title.clone());
        Some(Story {
            id,
            start: s.span.map(|x| iso(x.0)),
            end: s.span.map(|x| iso(x.1)),
            documents: docs,
            outlets,
            languages,
            entities: self.key_entities(&s.centroid, 10),
            title,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, date: &str, lang: &str, text: &str) -> StoryDoc {
        StoryDoc {
            id: id.into(),
            lang: Some(lang.into()),
            date: Some(date.into()),
            text: text.into(),
            ..Default::default()
        }
    }

    #[test]
    fn empty_and_odd_documents() {
        let mut ix = StoryIndex::new(StoryOptions::default());
        let a = ix.add(&StoryDoc::default());
        let b = ix.add(&StoryDoc {
            id: "x".into(),
            date: Some("not a date".into()),
            text: "\u{0}…".into(),
            ..Default::default()
        });
        assert_ne!(a, b, "documents without features start their own story");
        assert_eq!(ix.n_docs(), 2);
        let s = ix.stories();
        assert_eq!(s.len(), 2);
    }

    #[test]
    fn time_window_separates() {
        let t = "Le maire de Valmont, Paul Ferrand, inaugure le nouveau pont sur la Loire.";
        let mut ix = StoryIndex::new(StoryOptions::default());
        let a = ix.add(&doc("a", "2020-05-01", "fr", t));
        let b = ix.add(&doc("b", "2020-05-02", "fr", t));
        let c = ix.add(&doc("c", "2022-05-02", "fr", t));
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    /// Ten stories about the president, then two reports of his visit to
    /// Britain that share less than the threshold asks: alone, each would
    /// start a story; after the batch, each stands out from the others.
    fn visit_batch() -> Vec<StoryDoc> {
        let topics = [
            "tariffs on steel imports from Canada and Mexico were delayed",
            "the migrant caravan reached the border crossing at Tijuana",
            "Robert Mueller sent questions about obstruction to his lawyers",
            "James Comey memos were released to Congress by Justice",
            "North Korea suspended nuclear missile tests at Punggye",
            "Emmanuel Macron argued for the Iran accord at the White House",
            "Benjamin Netanyahu presented files seized from Tehran archives",
            "Mike Pompeo met Kim Jong Un secretly in Pyongyang at Easter",
            "the Democratic Party sued WikiLeaks and the Russian government",
            "Japanese premier Shinzo Abe discussed trade at Mar-a-Lago",
        ];
        let mut docs: Vec<StoryDoc> = topics
            .iter()
            .enumerate()
            .map(|(i, t)| StoryDoc {
                id: format!("b{i}"),
                lang: Some("en".into()),
                text: format!(
                    "President Donald Trump said on Tuesday that {t}. Officials in Washington said the president spoke with reporters."
                ),
                ..Default::default()
            })
            .collect();
        docs.push(StoryDoc {
            id: "v1".into(),
            lang: Some("en".into()),
            text: "President Donald Trump will visit Britain in July and meet Theresa May. Protesters in London plan marches against the president during the trip.".into(),
            ..Default::default()
        });
        docs.push(StoryDoc {
            id: "v2".into(),
            lang: Some("en".into()),
            text: "Downing Street confirmed that Trump will visit the United Kingdom on 13 July. Theresa May invited him last year; the Queen will receive him at Windsor, away from protesters in London.".into(),
            ..Default::default()
        });
        docs
    }

    #[test]
    fn second_look_joins_a_document_that_stands_out() {
        let docs = visit_batch();
        // A threshold above the two reports' similarity, so that only the
        // second look can put them together.
        let mut opts = StoryOptions {
            threshold: 0.4,
            relative_threshold: 0.0,
            ..StoryOptions::default()
        };
        let ids = StoryIndex::new(opts.clone()).add_batch(&docs);
        assert_ne!(ids[10], ids[11], "without the second look: two stories");
        opts.relative_threshold = 0.2;
        let mut ix = StoryIndex::new(opts.clone());
        let ids = ix.add_batch(&docs);
        assert_eq!(ids[10], ids[11], "the visit reports stand out: one story");
        let mut distinct = ids[..10].to_vec();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), 10, "the background stories stay apart");
        // The story left empty is gone: ids are dense, assignments agree.
        assert_eq!(ix.len(), 11);
        assert!(ids.iter().all(|&s| (s as usize) < ix.len()));
        for (d, s) in docs.iter().zip(&ids) {
            assert!(ix.assignments().contains(&(d.id.clone(), *s)));
            let st = ix.story(*s).expect("story");
            assert!(st.documents.iter().any(|m| m.id == d.id));
        }
        // The saved state goes on: a copy of a report finds their story.
        let mut again = StoryIndex::from_bytes(&ix.to_bytes()).expect("state");
        let copy = StoryDoc {
            id: "v3".into(),
            ..docs[11].clone()
        };
        assert_eq!(again.add(&copy), ids[10]);
        // Without candidates to compare with, nothing stands out: the two
        // reports alone with one other story stay apart.
        let few = vec![docs[0].clone(), docs[10].clone(), docs[11].clone()];
        let ids = StoryIndex::new(opts).add_batch(&few);
        assert_ne!(ids[1], ids[2]);
    }
}
