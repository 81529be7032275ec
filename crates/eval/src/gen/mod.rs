//! Labelled corpus generator: synthetic news articles with injected,
//! realistically edited text reuse, and the exact truth of that reuse.
//!
//! Documents are produced in publication order and streamed out one at a
//! time. Background text comes from an order-2 Markov chain trained on real
//! news (`bbc-en.jsonl`, `fresada-fr.jsonl` under [`GenConfig::base_dir`]) or,
//! without it, from a built-in grammar. When a document is written, some of
//! its passages become the source of a reuse *family*: edited copies are
//! scheduled into 1–6 later documents within [`GenConfig::window`]. Only
//! these pending copies and the positions of the copies already placed are
//! kept in memory, so memory stays bounded whatever the number of documents.
//!
//! Truth records one pair per contiguous aligned piece, for source↔copy and
//! copy↔copy, with half-open character offsets (Unicode scalar values) into
//! the generated texts; see [`crate::eval::TruthPair`].

mod edit;
mod grammar;
mod markov;
mod outlet;
mod prov;

pub use prov::{ProvenanceConfig, ProvenanceStats};

use std::collections::{BTreeMap, HashMap};
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::str::FromStr;

use anyhow::{bail, Context};
use serde::{Deserialize, Serialize};

use crate::eval::{SpanRef, TruthPair};
use crate::rng::{hash3, mix64, unit, Rng};
use crate::words::{fast_jaccard, fast_retention, word_hashes};
use edit::{make_copy, Placed, Profile, Rendered, Segment};
use markov::History;

/// Language of the generated corpus.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Fr,
    /// Half of the outlets publish in English, half in French; reuse stays
    /// within one language.
    Mixed,
}

impl FromStr for Lang {
    type Err = anyhow::Error;
    fn from_str(s: &str) -> anyhow::Result<Lang> {
        match s.to_ascii_lowercase().as_str() {
            "en" | "english" => Ok(Lang::En),
            "fr" | "french" => Ok(Lang::Fr),
            "mixed" | "en+fr" => Ok(Lang::Mixed),
            _ => bail!("unknown language {s:?} (expected en, fr or mixed)"),
        }
    }
}

/// Language of one outlet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LangCode {
    En,
    Fr,
}

/// Source of background sentences.
pub(crate) enum TextModel {
    Markov(Box<markov::Markov>),
    Grammar(grammar::Grammar),
}

impl TextModel {
    /// Appends one sentence to `out`; `hist` carries the preceding choices
    /// of the same text (used by the Markov chain to bound predictability).
    pub(crate) fn sentence(&self, rng: &mut Rng, hist: &mut History, out: &mut String) {
        match self {
            TextModel::Markov(m) => m.sentence(rng, hist, out),
            TextModel::Grammar(g) => g.sentence(rng, out),
        }
    }

    pub(crate) fn random_word(&self, rng: &mut Rng) -> &str {
        match self {
            TextModel::Markov(m) => m.random_word(rng),
            TextModel::Grammar(g) => g.random_word(rng),
        }
    }
}

/// Generator settings.
#[derive(Clone, Debug)]
pub struct GenConfig {
    /// Number of documents.
    pub docs: usize,
    /// Seed: the same seed (and settings) gives byte-identical output.
    pub seed: u64,
    pub lang: Lang,
    /// Folder with `bbc-en.jsonl` / `fresada-fr.jsonl` (fields `text`); when
    /// `None` or when a file is missing, a built-in grammar is used.
    pub base_dir: Option<PathBuf>,
    /// Target fraction of documents that receive at least one copy.
    pub reuse_rate: f64,
    /// Mean length of a document's own text in characters (before page
    /// furniture and received copies are added).
    pub mean_body_chars: usize,
    /// Date of the first document (`YYYY-MM-DD`).
    pub start_date: String,
    /// Number of days the corpus spans; `None`: about 300 documents a day.
    pub days: Option<usize>,
    /// Cap on the words of base text used to train each language's chain.
    pub base_max_words: usize,
    /// Copies go to documents at most this many positions later.
    pub window: usize,
    /// Provenance labels: publication times of various precisions, a URL
    /// per document, copies of copies, credit phrases around copies. `None`
    /// (the default) leaves the output exactly as without them.
    pub provenance: Option<ProvenanceConfig>,
}

impl Default for GenConfig {
    fn default() -> Self {
        GenConfig {
            docs: 1000,
            seed: 1,
            lang: Lang::En,
            base_dir: None,
            reuse_rate: 0.3,
            mean_body_chars: 2500,
            start_date: "2019-01-01".to_string(),
            days: None,
            base_max_words: 1_500_000,
            window: 2000,
            provenance: None,
        }
    }
}

impl GenConfig {
    /// Default settings for `docs` documents and `seed`.
    pub fn new(docs: usize, seed: u64) -> Self {
        GenConfig {
            docs,
            seed,
            ..Default::default()
        }
    }
}

/// What [`generate`] produced.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct GenStats {
    pub docs: usize,
    /// Reuse families (one source passage each).
    pub families: usize,
    /// Copies placed (all families).
    pub copies: usize,
    /// Truth records written.
    pub truth_pairs: usize,
    /// Bytes of corpus JSON lines written.
    pub bytes: u64,
    /// Documents that received at least one copy.
    pub docs_with_copies: usize,
    /// Families whose source is a single short sentence.
    pub short_families: usize,
    /// Places where two copies of different families were put side by side.
    pub adjacent_copies: usize,
    /// Copies whose paragraphs were reordered.
    pub reordered_copies: usize,
    /// Heavily edited copies.
    pub heavy_copies: usize,
    /// Number of outlets (series).
    pub outlets: usize,
    /// Words of base text the English / French chains were trained on
    /// (0: built-in grammar used).
    pub base_words_en: u64,
    pub base_words_fr: u64,
}

/// Minimum word Jaccard between two copies' aligned pieces.
const COPY_COPY_MIN_JACCARD: f64 = 0.55;
/// Minimum share of the source's words a copy must keep.
const MIN_RETENTION: f64 = 0.6;
/// Relative weights of 1..=6 copies per family.
const COPIES_WEIGHTS: [f64; 6] = [0.35, 0.25, 0.15, 0.10, 0.08, 0.07];

/// Maximal runs of sentences aligned between two renderings of one source.
///
/// `xs` and `ys` are the source-sentence ids in text order (each id at most
/// once per rendering). Returns, for each run, the inclusive index ranges in
/// `xs` and `ys`. A run continues while the next sentence common to both is
/// also the next common one on the other side; sentences present on one side
/// only (dropped on the other) do not break a run, reordering does.
pub(crate) fn aligned_runs(xs: &[u32], ys: &[u32]) -> Vec<((usize, usize), (usize, usize))> {
    let common: Vec<(usize, usize)> = xs
        .iter()
        .enumerate()
        .filter_map(|(xi, s)| ys.iter().position(|t| t == s).map(|yi| (xi, yi)))
        .collect();
    let mut by_y: Vec<usize> = (0..common.len()).collect();
    by_y.sort_by_key(|&k| common[k].1);
    let mut rank = vec![0usize; common.len()];
    for (r, &k) in by_y.iter().enumerate() {
        rank[k] = r;
    }
    let mut out = Vec::new();
    let mut start = 0;
    for k in 0..common.len() {
        let last = k + 1 == common.len();
        if last || rank[k + 1] != rank[k] + 1 {
            out.push((
                (common[start].0, common[k].0),
                (common[start].1, common[k].1),
            ));
            start = k + 1;
        }
    }
    out
}

fn seg_ids(items: &[Placed]) -> Vec<u32> {
    items.iter().filter_map(|p| p.seg).collect()
}

fn only_segs(items: &[Placed]) -> Vec<Placed> {
    items.iter().filter(|p| p.seg.is_some()).copied().collect()
}

/// Whether every aligned piece of two renderings has word Jaccard ≥ `min`.
fn pieces_similar(xt: &str, xi: &[Placed], yt: &str, yi: &[Placed], min: f64) -> bool {
    let xs = only_segs(xi);
    let ys = only_segs(yi);
    let runs = aligned_runs(&seg_ids(&xs), &seg_ids(&ys));
    !runs.is_empty()
        && runs.iter().all(|&((x0, x1), (y0, y1))| {
            fast_jaccard(&xt[xs[x0].bb..xs[x1].be], &yt[ys[y0].bb..ys[y1].be]) >= min
        })
}

fn truth_pairs_for(
    family: u64,
    a_doc: &str,
    a: &[Placed],
    b_doc: &str,
    b: &[Placed],
) -> Vec<TruthPair> {
    aligned_runs(&seg_ids(a), &seg_ids(b))
        .into_iter()
        .map(|((x0, x1), (y0, y1))| TruthPair {
            family,
            a: SpanRef {
                doc: a_doc.to_string(),
                begin: a[x0].cb,
                end: a[x1].ce,
            },
            b: SpanRef {
                doc: b_doc.to_string(),
                begin: b[y0].cb,
                end: b[y1].ce,
            },
        })
        .collect()
}

struct PendingCopy {
    family: u64,
    rendered: Rendered,
    short: bool,
    /// Credit phrase to place around the copy (provenance labels only).
    credit: Option<prov::CreditText>,
}

struct FamilyState {
    source_doc: String,
    /// Source sentences, absolute positions.
    source: Vec<Placed>,
    /// Copies placed so far: document id and sentence positions (source
    /// sentences only).
    placed: Vec<(String, Vec<Placed>)>,
    remaining: usize,
    /// Provenance plan of each copy, by receiving document.
    plans: BTreeMap<usize, prov::CopyPlan>,
    /// Provenance truth of the copies placed so far.
    truth: Vec<prov::CopyTruthOut>,
}

enum BlockKind {
    Background(Vec<String>),
    Copy(PendingCopy),
    /// A credit phrase next to a copy.
    Credit(String),
}

struct Block {
    kind: BlockKind,
    /// Joined to the previous block by a space instead of a blank line.
    inline: bool,
}

/// A background sentence of an assembled document.
#[derive(Clone, Copy)]
struct BgUnit {
    block: usize,
    sent: usize,
    pos: Placed,
    /// Background sentences with no inserted copy between them share a run.
    run: usize,
}

#[derive(Serialize)]
struct DocOut<'a> {
    id: &'a str,
    series: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    title: &'a str,
    text: &'a str,
}

/// A calendar date advanced one day at a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Day {
    y: i32,
    m: u32,
    d: u32,
}

impl Day {
    fn parse(s: &str) -> anyhow::Result<Day> {
        let parts: Vec<&str> = s.split('-').collect();
        let bad = || anyhow::anyhow!("start_date {s:?} is not YYYY-MM-DD");
        if parts.len() != 3 || parts[0].len() != 4 || parts[1].len() != 2 || parts[2].len() != 2 {
            return Err(bad());
        }
        let y: i32 = parts[0].parse().map_err(|_| bad())?;
        let m: u32 = parts[1].parse().map_err(|_| bad())?;
        let d: u32 = parts[2].parse().map_err(|_| bad())?;
        if !(1..=12).contains(&m) || d == 0 || d > Day::month_len(y, m) {
            return Err(bad());
        }
        Ok(Day { y, m, d })
    }

    fn month_len(y: i32, m: u32) -> u32 {
        match m {
            2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }

    fn next(self) -> Day {
        if self.d < Day::month_len(self.y, self.m) {
            Day {
                d: self.d + 1,
                ..self
            }
        } else if self.m < 12 {
            Day {
                m: self.m + 1,
                d: 1,
                ..self
            }
        } else {
            Day {
                y: self.y + 1,
                m: 1,
                d: 1,
            }
        }
    }

    fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }
}

/// Counts bytes written through it.
struct Counting<W: Write> {
    inner: W,
    bytes: u64,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

fn load_model(
    base_dir: Option<&PathBuf>,
    file: &str,
    lang: LangCode,
    max_words: usize,
) -> anyhow::Result<(TextModel, u64)> {
    if let Some(dir) = base_dir {
        let path = dir.join(file);
        if path.is_file() {
            if let Some(m) = markov::load(&path, max_words)? {
                let words = m.training_words();
                return Ok((TextModel::Markov(Box::new(m)), words));
            }
        }
    }
    Ok((TextModel::Grammar(grammar::Grammar::new(lang)), 0))
}

/// Kind of source passage of a family.
#[derive(Clone, Copy, PartialEq, Eq)]
enum SourceKind {
    /// 1–4 whole consecutive paragraphs.
    Paragraphs,
    /// 2–8 consecutive sentences.
    Sentences,
    /// One sentence of 60–120 characters.
    Short,
}

/// Picks a range of background units (inclusive) usable as a source.
fn choose_source(
    units: &[BgUnit],
    used: &[bool],
    kind: SourceKind,
    rng: &mut Rng,
) -> Option<(usize, usize)> {
    if units.is_empty() {
        return None;
    }
    let span = |u0: usize, u1: usize| units[u1].pos.ce - units[u0].pos.cb;
    let free = |u0: usize, u1: usize| (u0..=u1).all(|u| !used[u]);
    match kind {
        SourceKind::Short => {
            let cands: Vec<usize> = (0..units.len())
                .filter(|&u| !used[u] && (60..=120).contains(&span(u, u)))
                .collect();
            if cands.is_empty() {
                None
            } else {
                let u = rng.pick(&cands);
                Some((u, u))
            }
        }
        SourceKind::Sentences => {
            for _ in 0..8 {
                let u0 = rng.below(units.len());
                let mut u1 = (u0 + rng.range(2, 8) - 1).min(units.len() - 1);
                while u1 > u0 && units[u1].run != units[u0].run {
                    u1 -= 1;
                }
                while u1 > u0 + 1 && span(u0, u1) > 2000 {
                    u1 -= 1;
                }
                if u1 > u0 && (150..=2000).contains(&span(u0, u1)) && free(u0, u1) {
                    return Some((u0, u1));
                }
            }
            None
        }
        SourceKind::Paragraphs => {
            let starts: Vec<usize> = (0..units.len()).filter(|&u| units[u].sent == 0).collect();
            for _ in 0..8 {
                let u0 = rng.pick(&starts);
                let want = rng.range(1, 4);
                // Ends (inclusive unit index) of the successive whole paragraphs.
                let mut ends = Vec::new();
                let mut u = u0;
                while u < units.len() && ends.len() < want && units[u].run == units[u0].run {
                    let b = units[u].block;
                    while u + 1 < units.len() && units[u + 1].block == b {
                        u += 1;
                    }
                    ends.push(u);
                    u += 1;
                }
                while ends.len() > 1 && span(u0, *ends.last().unwrap()) > 2000 {
                    ends.pop();
                }
                let u1 = *ends.last()?;
                if (150..=2000).contains(&span(u0, u1)) && free(u0, u1) {
                    return Some((u0, u1));
                }
            }
            None
        }
    }
}

/// The text models of the languages in use.
struct Models {
    en: Option<TextModel>,
    fr: Option<TextModel>,
}

impl Models {
    fn load(cfg: &GenConfig, stats: &mut GenStats) -> anyhow::Result<Models> {
        let mut models = Models { en: None, fr: None };
        if cfg.lang != Lang::Fr {
            let (m, w) = load_model(
                cfg.base_dir.as_ref(),
                "bbc-en.jsonl",
                LangCode::En,
                cfg.base_max_words,
            )?;
            stats.base_words_en = w;
            models.en = Some(m);
        }
        if cfg.lang != Lang::En {
            let (m, w) = load_model(
                cfg.base_dir.as_ref(),
                "fresada-fr.jsonl",
                LangCode::Fr,
                cfg.base_max_words,
            )?;
            stats.base_words_fr = w;
            models.fr = Some(m);
        }
        Ok(models)
    }

    fn get(&self, lang: LangCode) -> &TextModel {
        match lang {
            LangCode::En => self.en.as_ref().expect("English model loaded"),
            LangCode::Fr => self.fr.as_ref().expect("French model loaded"),
        }
    }
}

/// A document's text with the positions of its background sentences and of
/// the copies it received.
struct Assembled {
    text: String,
    units: Vec<BgUnit>,
    copies: Vec<(u64, Vec<Placed>)>,
}

/// Concatenates furniture and blocks into the document text.
fn assemble(outlet: &outlet::Outlet, blocks: &[Block], capacity: usize) -> Assembled {
    let mut text = String::with_capacity(capacity);
    let mut chars = 0usize;
    let mut push = |text: &mut String, s: &str| -> Placed {
        let bb = text.len();
        let cb = chars;
        text.push_str(s);
        chars += s.chars().count();
        Placed {
            seg: None,
            cb,
            ce: chars,
            bb,
            be: text.len(),
        }
    };
    if let Some(h) = &outlet.header {
        push(&mut text, h);
        push(&mut text, "\n\n");
    }
    let mut units = Vec::new();
    let mut copies = Vec::new();
    let mut run = 0usize;
    for (bi, b) in blocks.iter().enumerate() {
        if bi > 0 {
            push(&mut text, if b.inline { " " } else { "\n\n" });
        }
        match &b.kind {
            BlockKind::Background(sents) => {
                for (si, s) in sents.iter().enumerate() {
                    if si > 0 {
                        push(&mut text, " ");
                    }
                    let pos = push(&mut text, s);
                    units.push(BgUnit {
                        block: bi,
                        sent: si,
                        pos,
                        run,
                    });
                }
            }
            BlockKind::Copy(c) => {
                let base = push(&mut text, &c.rendered.text);
                debug_assert_eq!(base.ce - base.cb, c.rendered.chars);
                let items = c
                    .rendered
                    .items
                    .iter()
                    .filter(|p| p.seg.is_some())
                    .map(|p| p.shifted(base.cb, base.bb))
                    .collect();
                copies.push((c.family, items));
                run += 1;
            }
            BlockKind::Credit(s) => {
                push(&mut text, s);
                run += 1;
            }
        }
    }
    if let Some(f) = &outlet.footer {
        push(&mut text, "\n\n");
        push(&mut text, f);
    }
    Assembled {
        text,
        units,
        copies,
    }
}

/// Generator state carried from one document to the next.
struct Generator<'a> {
    cfg: &'a GenConfig,
    outlets: Vec<outlet::Outlet>,
    /// Expected number of families sourced per document.
    family_rate: f64,
    rng: Rng,
    /// Copies waiting for their target document, by document index.
    pending: BTreeMap<usize, Vec<PendingCopy>>,
    /// Families with copies still to place.
    families: HashMap<u64, FamilyState>,
    next_family: u64,
    seen: SeenWindows,
    stats: GenStats,
    prov: Option<ProvenanceConfig>,
    prov_rng: Rng,
    prov_stats: ProvenanceStats,
    /// Provenance truth of the families completed, to write out.
    done: Vec<prov::FamilyTruthOut>,
}

/// Outlet of document `j` among `n`: half uniform, half skewed towards the
/// first outlets (some outlets publish much more than others).
fn outlet_index(seed: u64, n: usize, j: usize) -> usize {
    let u = unit(hash3(seed, 2, j as u64));
    let x = if u < 0.5 {
        u * 2.0
    } else {
        let v = (u - 0.5) * 2.0;
        v * v
    };
    ((x * n as f64) as usize).min(n - 1)
}

impl Generator<'_> {
    fn outlet_of(&self, j: usize) -> usize {
        outlet_index(self.cfg.seed, self.outlets.len(), j)
    }

    /// Background paragraphs of about `target` bytes (at least three).
    fn background(&mut self, model: &TextModel) -> (Vec<Block>, usize) {
        let rng = &mut self.rng;
        let avg3 = (rng.f64() + rng.f64() + rng.f64()) / 3.0;
        let target = (self.cfg.mean_body_chars as f64 * (0.25 + 1.5 * avg3)) as usize;
        let mut blocks: Vec<Block> = Vec::new();
        let mut total = 0;
        let mut hist = History::new();
        let mut recent = RecentWords::default();
        while total < target || blocks.len() < 3 {
            let k = 1 + rng.weighted(&[0.15, 0.3, 0.3, 0.15, 0.1]);
            let mut sents = Vec::with_capacity(k);
            for _ in 0..k {
                let s = fresh_sentence(model, rng, &mut hist, &mut recent, &mut self.seen);
                total += s.len() + 1;
                sents.push(s);
            }
            blocks.push(Block {
                kind: BlockKind::Background(sents),
                inline: false,
            });
        }
        (blocks, total)
    }

    /// Inserts the copies scheduled for document `i` between its paragraphs
    /// (the first two side by side, half of the time).
    fn place_incoming(&mut self, i: usize, blocks: &mut Vec<Block>) {
        let incoming = self.pending.remove(&i).unwrap_or_default();
        if !incoming.is_empty() {
            self.stats.docs_with_copies += 1;
        }
        let single = incoming.len() == 1;
        let rng = &mut self.rng;
        let mut groups: Vec<Vec<PendingCopy>> = Vec::new();
        let mut it = incoming.into_iter();
        let pair_first = rng.chance(0.5);
        while let Some(c) = it.next() {
            if groups.is_empty() && pair_first {
                if let Some(d) = it.next() {
                    groups.push(vec![c, d]);
                    continue;
                }
            }
            groups.push(vec![c]);
        }
        let mut end_credit = None;
        for group in groups {
            let mut g = rng.below(blocks.len() + 1);
            // Never between a copy and its credit (provenance labels only).
            let is_credit = |b: &Block| matches!(b.kind, BlockKind::Credit(_));
            while g < blocks.len()
                && (is_credit(&blocks[g]) || (g > 0 && is_credit(&blocks[g - 1])))
            {
                g += 1;
            }
            let after_bg = g > 0 && matches!(blocks[g - 1].kind, BlockKind::Background(_));
            let n = group.len();
            let mut seq = Vec::with_capacity(n);
            for (k, mut c) in group.into_iter().enumerate() {
                let inline = if k == 0 {
                    c.short && after_bg && rng.chance(0.4)
                } else {
                    rng.chance(0.4)
                };
                let mut after = None;
                match c.credit.take() {
                    Some(prov::CreditText::Before(s)) => seq.push(Block {
                        kind: BlockKind::Credit(s),
                        inline: false,
                    }),
                    Some(prov::CreditText::Inline(s)) => after = Some((s, true)),
                    Some(prov::CreditText::After(s)) => after = Some((s, false)),
                    Some(prov::CreditText::End(s)) if single => end_credit = Some(s),
                    Some(prov::CreditText::End(s)) => after = Some((s, false)),
                    None => {}
                }
                seq.push(Block {
                    kind: BlockKind::Copy(c),
                    inline,
                });
                if let Some((s, inline)) = after {
                    seq.push(Block {
                        kind: BlockKind::Credit(s),
                        inline,
                    });
                }
            }
            blocks.splice(g..g, seq);
            if n == 2 {
                self.stats.adjacent_copies += 1;
            }
        }
        if let Some(s) = end_credit {
            blocks.push(Block {
                kind: BlockKind::Credit(s),
                inline: false,
            });
        }
    }

    /// Writes the truth pairs of the copies placed in document `id`.
    fn record_truth(
        &mut self,
        i: usize,
        id: &str,
        copies: Vec<(u64, Vec<Placed>)>,
        out: &mut impl Write,
    ) -> anyhow::Result<()> {
        for (family, items) in copies {
            let st = self
                .families
                .get_mut(&family)
                .context("internal error: copy of an unknown family")?;
            let mut pairs = truth_pairs_for(family, &st.source_doc, &st.source, id, &items);
            for (d, prev) in &st.placed {
                pairs.extend(truth_pairs_for(family, d, prev, id, &items));
            }
            for p in &pairs {
                serde_json::to_writer(&mut *out, p)?;
                out.write_all(b"\n")?;
            }
            self.stats.truth_pairs += pairs.len();
            self.stats.copies += 1;
            if let Some(plan) = st.plans.remove(&i) {
                let b = items.iter().map(|p| p.cb).min().unwrap_or(0);
                let e = items.iter().map(|p| p.ce).max().unwrap_or(0);
                st.truth.push(prov::CopyTruthOut {
                    doc: id.to_string(),
                    span: [b, e],
                    parent: format!("doc-{:07}", plan.parent),
                    credit: plan.credit,
                    credited: plan.credited,
                    attributed: matches!(plan.credit, "correct" | "same_outlet"),
                });
            }
            st.placed.push((id.to_string(), items));
            st.remaining -= 1;
            if st.remaining == 0 {
                if let Some(st) = self.families.remove(&family) {
                    if self.prov.is_some() {
                        let b = st.source.iter().map(|p| p.cb).min().unwrap_or(0);
                        let e = st.source.iter().map(|p| p.ce).max().unwrap_or(0);
                        self.done.push(prov::FamilyTruthOut {
                            family,
                            source: st.source_doc,
                            source_span: [b, e],
                            copies: st.truth,
                        });
                    }
                }
            }
        }
        Ok(())
    }

    /// Makes one accepted copy of `segs` (source positions `source` in
    /// `text`), consistent with the copies already `made` for the family.
    #[allow(clippy::too_many_arguments)]
    fn make_accepted_copy(
        &mut self,
        segs: &[Segment],
        seg_map: Option<&[u32]>,
        text: &str,
        source: &[Placed],
        made: &[Rendered],
        short: bool,
        allow_heavy: bool,
        lang: LangCode,
        model: &TextModel,
    ) -> (edit::CopyOutcome, Profile) {
        let source_text = &text[source[0].bb..source[source.len() - 1].be];
        let rng = &mut self.rng;
        let seen = &mut self.seen;
        let mut profile = if short {
            Profile::draw_short(rng)
        } else {
            Profile::draw(rng, allow_heavy)
        };
        let mut add = |r: &mut Rng| {
            fresh_sentence(
                model,
                r,
                &mut History::new(),
                &mut RecentWords::default(),
                seen,
            )
        };
        let remap = |mut out: edit::CopyOutcome| {
            if let Some(map) = seg_map {
                for it in &mut out.rendered.items {
                    it.seg = it.seg.and_then(|s| map.get(s as usize).copied());
                }
            }
            out
        };
        for attempt in 0..6 {
            let out = remap(make_copy(segs, &profile, lang, model, &mut add, rng));
            let r = &out.rendered;
            let ok = fast_retention(source_text, &r.text) >= MIN_RETENTION
                && pieces_similar(text, source, &r.text, &r.items, profile.min_jaccard)
                && made.iter().all(|m| {
                    pieces_similar(&m.text, &m.items, &r.text, &r.items, COPY_COPY_MIN_JACCARD)
                });
            if ok {
                return (out, profile);
            }
            if attempt % 2 == 1 {
                profile = profile.lighter();
            }
        }
        // A verbatim copy always passes the checks above.
        let p = Profile::new(edit::Level::Verbatim);
        (remap(make_copy(segs, &p, lang, model, &mut add, rng)), p)
    }

    /// Chooses passages of document `i` as sources of new families and
    /// schedules their copies.
    fn new_families(
        &mut self,
        i: usize,
        id: &str,
        lang: LangCode,
        model: &TextModel,
        doc: &Assembled,
        blocks: &[Block],
    ) {
        let rate = self.family_rate;
        let mut n_fam = rate.floor() as usize;
        if self.rng.chance(rate - rate.floor()) {
            n_fam += 1;
        }
        let units = &doc.units;
        let mut used = vec![false; units.len()];
        for _ in 0..n_fam {
            let kind = [
                SourceKind::Paragraphs,
                SourceKind::Sentences,
                SourceKind::Short,
            ][self.rng.weighted(&[0.5, 0.35, 0.15])];
            let Some((u0, u1)) = choose_source(units, &used, kind, &mut self.rng) else {
                continue;
            };
            let k = 1 + self.rng.weighted(&COPIES_WEIGHTS);
            let (cfg, outlets, pending) = (self.cfg, &self.outlets, &self.pending);
            // Receivers: drawn with probability `reuse_rate`, same language.
            let info = |j: usize| {
                (
                    unit(hash3(cfg.seed, 3, j as u64)) < cfg.reuse_rate
                        && outlets[outlet_index(cfg.seed, outlets.len(), j)].lang == lang,
                    pending.get(&j).map_or(0, Vec::len),
                )
            };
            let targets = pick_targets(i, k, cfg.docs, cfg.window.max(1), &mut self.rng, info);
            if targets.is_empty() {
                continue;
            }
            for u in &mut used[u0..=u1] {
                *u = true;
            }
            let first_block = units[u0].block;
            let segs: Vec<Segment> = units[u0..=u1]
                .iter()
                .map(|u| Segment {
                    text: match &blocks[u.block].kind {
                        BlockKind::Background(s) => s[u.sent].clone(),
                        BlockKind::Copy(_) | BlockKind::Credit(_) => {
                            unreachable!("units are background sentences")
                        }
                    },
                    para: (u.block - first_block) as u32,
                })
                .collect();
            let source: Vec<Placed> = units[u0..=u1]
                .iter()
                .enumerate()
                .map(|(s, u)| Placed {
                    seg: Some(s as u32),
                    ..u.pos
                })
                .collect();
            let short = kind == SourceKind::Short;
            let family = self.next_family;
            self.next_family += 1;
            self.stats.families += 1;
            self.stats.short_families += short as usize;

            let mut made: Vec<Rendered> = Vec::new();
            let mut heavy_used = false;
            let mut plans = BTreeMap::new();
            // Outlets of each copy's ancestors, parent first.
            let mut ancestry: Vec<Vec<usize>> = Vec::new();
            let src_outlet = self.outlet_of(i);
            let family_outlets: Vec<usize> = std::iter::once(i)
                .chain(targets.iter().copied())
                .map(|d| self.outlet_of(d))
                .collect();
            for (k, &j) in targets.iter().enumerate() {
                let chain_from = match &self.prov {
                    Some(pc) if k > 0 && self.prov_rng.chance(pc.chain_rate) => {
                        Some(self.prov_rng.below(k))
                    }
                    _ => None,
                };
                let (csegs, map) = match chain_from.map(|m| parent_segs(&made[m])) {
                    Some((ps, map)) if !ps.is_empty() => (ps, Some(map)),
                    _ => (segs.clone(), None),
                };
                let chain_from = chain_from.filter(|_| map.is_some());
                let (out, profile) = self.make_accepted_copy(
                    &csegs,
                    map.as_deref(),
                    &doc.text,
                    &source,
                    &made,
                    short,
                    !heavy_used,
                    lang,
                    model,
                );
                if profile.level == edit::Level::Heavy {
                    heavy_used = true;
                    self.stats.heavy_copies += 1;
                }
                self.stats.reordered_copies += out.reordered as usize;
                made.push(out.rendered.clone());
                let mut credit = None;
                if let Some(pc) = self.prov.clone() {
                    let (parent_doc, anc) = match chain_from {
                        Some(m) => {
                            let mut a = vec![self.outlet_of(targets[m])];
                            a.extend(ancestry[m].iter().copied());
                            (targets[m], a)
                        }
                        None => (i, vec![src_outlet]),
                    };
                    let own = self.outlet_of(j);
                    let plan = prov::plan_credit(
                        &pc,
                        &mut self.prov_rng,
                        &self.outlets,
                        own,
                        &anc,
                        &family_outlets,
                        parent_doc,
                        lang,
                        &format!("doc-{j:07}"),
                    );
                    ancestry.push(anc);
                    let ps = &mut self.prov_stats;
                    ps.copies += 1;
                    ps.chained += chain_from.is_some() as usize;
                    match plan.credit {
                        "correct" => ps.credit_correct += 1,
                        "wrong" => ps.credit_wrong += 1,
                        "none" => ps.credit_none += 1,
                        _ => ps.same_outlet += 1,
                    }
                    credit = plan.text.clone();
                    plans.insert(j, plan);
                }
                self.pending.entry(j).or_default().push(PendingCopy {
                    family,
                    rendered: out.rendered,
                    short,
                    credit,
                });
            }
            if self.prov.is_some() {
                self.prov_stats.families += 1;
            }
            self.families.insert(
                family,
                FamilyState {
                    source_doc: id.to_string(),
                    source,
                    placed: Vec::new(),
                    remaining: targets.len(),
                    plans,
                    truth: Vec::new(),
                },
            );
        }
    }
}

/// Generates `cfg.docs` documents into `corpus_out` (JSON lines `id, series,
/// date, title, text`) and the reuse truth into `truth_out` (JSON lines of
/// [`TruthPair`]).
pub fn generate(
    cfg: &GenConfig,
    corpus_out: &mut dyn Write,
    truth_out: &mut dyn Write,
) -> anyhow::Result<GenStats> {
    generate_inner(cfg, corpus_out, truth_out, None).map(|(s, _)| s)
}

/// Like [`generate`], with provenance labels (`cfg.provenance`, or the
/// default [`ProvenanceConfig`] when `None`): documents get dates of
/// various precisions (some undated) and a `url`; copies are sometimes made
/// from earlier copies and carry credit phrases (crediting their source,
/// another outlet, or nobody). Writes the provenance truth to `prov_out`
/// (one JSON line per family: `family`, `source`, `source_span`, `copies`
/// with `doc`, `span`, `parent`, `credit`, `credited`, `attributed`) and
/// the registry of the invented outlets to `registry_out` (CSV).
pub fn generate_with_provenance(
    cfg: &GenConfig,
    corpus_out: &mut dyn Write,
    truth_out: &mut dyn Write,
    prov_out: &mut dyn Write,
    registry_out: &mut dyn Write,
) -> anyhow::Result<(GenStats, ProvenanceStats)> {
    let mut cfg = cfg.clone();
    cfg.provenance.get_or_insert_with(ProvenanceConfig::default);
    generate_inner(&cfg, corpus_out, truth_out, Some((prov_out, registry_out)))
}

/// Copies-of-copies: the sentences of an earlier copy as segments, with
/// the source sentence id of each.
fn parent_segs(r: &Rendered) -> (Vec<Segment>, Vec<u32>) {
    let mut segs = Vec::new();
    let mut map = Vec::new();
    let mut para = 0u32;
    let mut prev: Option<usize> = None;
    for it in &r.items {
        let Some(s) = it.seg else { continue };
        if let Some(pb) = prev {
            if r.text.get(pb..it.bb).is_some_and(|t| t.contains("\n\n")) {
                para += 1;
            }
        }
        if let Some(t) = r.text.get(it.bb..it.be) {
            segs.push(Segment {
                text: t.to_string(),
                para,
            });
            map.push(s);
        }
        prev = Some(it.be);
    }
    (segs, map)
}

type ProvWriters<'a> = Option<(&'a mut dyn Write, &'a mut dyn Write)>;

fn generate_inner(
    cfg: &GenConfig,
    corpus_out: &mut dyn Write,
    truth_out: &mut dyn Write,
    mut prov_out: ProvWriters,
) -> anyhow::Result<(GenStats, ProvenanceStats)> {
    if !(0.0..=1.0).contains(&cfg.reuse_rate) {
        bail!("reuse_rate must be within 0..=1, got {}", cfg.reuse_rate);
    }
    let mut day = Day::parse(&cfg.start_date)?;
    let docs = cfg.docs;
    let days = cfg.days.unwrap_or(docs.div_ceil(300)).max(1);

    let mut stats = GenStats::default();
    let models = Models::load(cfg, &mut stats)?;
    let langs: &[LangCode] = match cfg.lang {
        Lang::En => &[LangCode::En],
        Lang::Fr => &[LangCode::Fr],
        Lang::Mixed => &[LangCode::En, LangCode::Fr],
    };
    let n_outlets = (docs / 200).max(3);
    stats.outlets = n_outlets;
    let mean_copies: f64 = COPIES_WEIGHTS
        .iter()
        .enumerate()
        .map(|(k, w)| (k + 1) as f64 * w)
        .sum::<f64>()
        / COPIES_WEIGHTS.iter().sum::<f64>();
    let mut g = Generator {
        cfg,
        outlets: outlet::make_outlets(n_outlets, langs, &mut Rng::new(hash3(cfg.seed, 10, 0))),
        family_rate: cfg.reuse_rate * 1.4 / mean_copies,
        rng: Rng::new(hash3(cfg.seed, 1, 0)),
        pending: BTreeMap::new(),
        families: HashMap::new(),
        next_family: 0,
        seen: SeenWindows::new(21),
        stats,
        prov: cfg.provenance.clone(),
        prov_rng: Rng::new(hash3(cfg.seed, 20, 0)),
        prov_stats: ProvenanceStats::default(),
        done: Vec::new(),
    };
    if let Some((_, reg)) = prov_out.as_mut() {
        reg.write_all(prov::registry_csv(&g.outlets).as_bytes())?;
    }

    let mut corpus = Counting {
        inner: BufWriter::with_capacity(1 << 16, corpus_out),
        bytes: 0,
    };
    let mut truth = BufWriter::with_capacity(1 << 16, truth_out);
    let mut day_index = 0usize;
    let mut date = day.iso();
    for i in 0..docs {
        let di = i * days / docs;
        while day_index < di {
            day = day.next();
            day_index += 1;
            date = day.iso();
        }
        let o = g.outlet_of(i);
        let lang = g.outlets[o].lang;
        let model = models.get(lang);
        let id = format!("doc-{i:07}");

        let title = make_title(model, &mut g.rng);
        let (mut blocks, total) = g.background(model);
        g.place_incoming(i, &mut blocks);
        let doc = assemble(&g.outlets[o], &blocks, total + 1024);
        let (pdate, url) = match &g.prov {
            Some(pc) => (
                Some(prov::doc_date(
                    pc,
                    cfg.seed,
                    i,
                    docs,
                    days,
                    &date,
                    &mut g.prov_stats,
                )),
                Some(format!(
                    "https://{}/articles/{}",
                    g.outlets[o].domain,
                    id.trim_start_matches("doc-")
                )),
            ),
            None => (None, None),
        };
        serde_json::to_writer(
            &mut corpus,
            &DocOut {
                id: &id,
                series: &g.outlets[o].series,
                date: match &pdate {
                    Some(d) => d.as_deref(),
                    None => Some(&date),
                },
                url: url.as_deref(),
                title: &title,
                text: &doc.text,
            },
        )?;
        corpus.write_all(b"\n")?;
        g.stats.docs += 1;

        let mut doc = doc;
        g.record_truth(i, &id, std::mem::take(&mut doc.copies), &mut truth)?;
        if let Some((pw, _)) = prov_out.as_mut() {
            for f in g.done.drain(..) {
                serde_json::to_writer(&mut **pw, &f)?;
                pw.write_all(b"\n")?;
            }
        } else {
            g.done.clear();
        }
        g.new_families(i, &id, lang, model, &doc, &blocks);
    }

    corpus.flush()?;
    truth.flush()?;
    g.stats.bytes = corpus.bytes;
    if let Some((pw, reg)) = prov_out.as_mut() {
        pw.flush()?;
        reg.flush()?;
    }
    Ok((g.stats, g.prov_stats))
}

/// Fingerprints of recently generated windows of [`WINDOW`] words: a
/// 4-way set-associative table of 32-bit fingerprints (when a bucket is full,
/// a pseudo-randomly chosen entry is replaced, so memory stays fixed).
struct SeenWindows {
    buckets: Vec<[u32; 4]>,
    mask: u64,
}

/// Window length, in words, that background text avoids repeating.
const WINDOW: usize = 8;

impl SeenWindows {
    fn new(bucket_bits: u32) -> Self {
        SeenWindows {
            buckets: vec![[0; 4]; 1 << bucket_bits],
            mask: (1u64 << bucket_bits) - 1,
        }
    }
    fn slot(&self, h: u64) -> (usize, u32) {
        ((h & self.mask) as usize, ((h >> 32) as u32) | 1)
    }
    fn contains(&self, h: u64) -> bool {
        let (b, fp) = self.slot(h);
        self.buckets[b].contains(&fp)
    }
    fn insert(&mut self, h: u64) {
        let (b, fp) = self.slot(h);
        let bucket = &mut self.buckets[b];
        if bucket.contains(&fp) {
            return;
        }
        match bucket.iter().position(|&x| x == 0) {
            Some(i) => bucket[i] = fp,
            None => bucket[((h >> 24) & 3) as usize] = fp,
        }
    }
}

/// Hashes of the last words of the background text of the current document.
#[derive(Default, Clone)]
struct RecentWords {
    words: Vec<u64>,
}

/// Hashes of the windows of [`WINDOW`] words that end in `new`, preceded by
/// `recent`.
fn window_hashes(recent: &RecentWords, new: &[u64]) -> Vec<u64> {
    let start = recent.words.len().saturating_sub(WINDOW - 1);
    let seq: Vec<u64> = recent.words[start..]
        .iter()
        .chain(new.iter())
        .copied()
        .collect();
    seq.windows(WINDOW)
        .map(|w| w.iter().fold(0u64, |h, &x| mix64(h.rotate_left(7) ^ x)) | 1)
        .collect()
}

/// Draws a background sentence whose 8-word windows (including those that
/// start in the preceding sentences of the document) were not generated
/// recently, retrying a few times before accepting a repeat.
fn fresh_sentence(
    model: &TextModel,
    rng: &mut Rng,
    hist: &mut History,
    recent: &mut RecentWords,
    seen: &mut SeenWindows,
) -> String {
    let mut s = String::new();
    const ATTEMPTS: usize = 30;
    for attempt in 0..ATTEMPTS {
        s.clear();
        let mut h = hist.clone();
        model.sentence(rng, &mut h, &mut s);
        let words = word_hashes(&s);
        let windows = window_hashes(recent, &words);
        if attempt + 1 == ATTEMPTS || !windows.iter().any(|&w| seen.contains(w)) {
            for w in windows {
                seen.insert(w);
            }
            recent.words.extend(words);
            let keep = recent.words.len().saturating_sub(WINDOW - 1);
            recent.words.drain(..keep);
            *hist = h;
            break;
        }
    }
    s
}

/// Chooses up to `k` distinct later documents to receive copies of a
/// passage of document `i`. `info(j)` says whether `j` may receive a copy
/// (same language, drawn as a receiver) and how many it already has pending.
/// Nearby documents are preferred; documents without pending copies are
/// preferred, with occasional deliberate doubling up.
fn pick_targets(
    i: usize,
    k: usize,
    docs: usize,
    window: usize,
    rng: &mut Rng,
    info: impl Fn(usize) -> (bool, usize),
) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::with_capacity(k);
    if i + 1 >= docs {
        return out;
    }
    let span = window.min(docs - 1 - i);
    let mut tries = 0;
    while out.len() < k && tries < 40 * k {
        tries += 1;
        let u = rng.f64();
        let j = i + 1 + ((u * u * span as f64) as usize).min(span - 1);
        let (ok, load) = info(j);
        if !ok || out.contains(&j) {
            continue;
        }
        if load == 0 || (load < 3 && rng.chance(0.12)) || tries > 25 * k {
            out.push(j);
        }
    }
    out.sort_unstable();
    out
}

fn make_title(model: &TextModel, rng: &mut Rng) -> String {
    let mut s = String::new();
    model.sentence(rng, &mut History::new(), &mut s);
    let n = rng.range(4, 11);
    let words: Vec<&str> = s.split(' ').take(n).collect();
    let t = words.join(" ");
    let t = t
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim_end_matches(|c: char| !c.is_alphanumeric());
    let mut c = t.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::from("News"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_follow_reordering_and_tolerate_drops() {
        // Verbatim.
        assert_eq!(aligned_runs(&[0, 1, 2], &[0, 1, 2]), vec![((0, 2), (0, 2))]);
        // Sentence 1 dropped in the copy: still one piece.
        assert_eq!(aligned_runs(&[0, 1, 2], &[0, 2]), vec![((0, 2), (0, 1))]);
        // Paragraphs [0,1] and [2,3] swapped.
        assert_eq!(
            aligned_runs(&[0, 1, 2, 3], &[2, 3, 0, 1]),
            vec![((0, 1), (2, 3)), ((2, 3), (0, 1))]
        );
        // Two copies with different drops.
        assert_eq!(aligned_runs(&[0, 2, 3], &[0, 1, 3]), vec![((0, 2), (0, 2))]);
        assert!(aligned_runs(&[0], &[1]).is_empty());
    }

    #[test]
    fn days_advance_over_month_and_leap_year_ends() {
        let mut d = Day::parse("2020-02-28").unwrap();
        d = d.next();
        assert_eq!(d.iso(), "2020-02-29");
        d = d.next();
        assert_eq!(d.iso(), "2020-03-01");
        assert_eq!(Day::parse("2019-12-31").unwrap().next().iso(), "2020-01-01");
        assert_eq!(Day::parse("2021-02-28").unwrap().next().iso(), "2021-03-01");
        assert!(Day::parse("2021-02-29").is_err());
        assert!(Day::parse("21-1-1").is_err());
    }

    #[test]
    fn lang_parses() {
        assert_eq!("EN".parse::<Lang>().unwrap(), Lang::En);
        assert_eq!("mixed".parse::<Lang>().unwrap(), Lang::Mixed);
        assert!("de".parse::<Lang>().is_err());
    }

    #[test]
    fn targets_are_later_distinct_and_within_the_window() {
        let mut rng = Rng::new(3);
        for i in [0usize, 50, 97] {
            let t = pick_targets(i, 6, 100, 20, &mut rng, |j| (j % 2 == 0, 0));
            assert!(t
                .iter()
                .all(|&j| j > i && j <= i + 20 && j < 100 && j % 2 == 0));
            let mut d = t.clone();
            d.dedup();
            assert_eq!(d.len(), t.len());
        }
        assert!(pick_targets(99, 3, 100, 20, &mut rng, |_| (true, 0)).is_empty());
    }
}
