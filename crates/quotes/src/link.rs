//! Cross-document quote linking: the same quote in different documents,
//! cut, re-punctuated or lightly edited, grouped through an index of word
//! 3-grams (near-linear: common 3-grams are skipped), with a word diff of
//! each member against the group's reference wording.
//!
//! [`Linker`] keeps only hashes of each quote (its wording and its 3-grams),
//! so the texts need not stay in memory: [`Linker::components`] gives the
//! groups as quote numbers, and [`group`] builds one group's reference and
//! diffs from its members' texts. [`link`] chains both over texts in memory.
//!
//! A pair of quotes is linked when the 3-grams they share (counting only
//! grams found in 2..=`MAX_DF` distinct wordings) cover at least half of the
//! shorter one's 3-grams, and are at least two unless it has a single one.
//! Pairs are found by prefix filtering: the quote with fewer 3-grams looks
//! up only its rarest grams, as many as can be missed while still reaching
//! the required overlap, and each candidate is then verified exactly; the
//! result is the one every pair compared would give.
//!
//! Groups are not the connected components of the links (a short common
//! phrase quoted inside many unrelated long quotes would chain them all into
//! one group): quotes are taken longest first, and each joins the linked
//! longer quote it matches best among those that represent a group, or
//! else represents one; a quote left alone (its longer links all joined
//! other groups) then joins the group of the longer quote it matches best.
//! Every member is linked to its group's representative or to a longer
//! member linked to it, and the groups depend only on the set of quotes and
//! the order they were added in, not on the threads or on how many traces
//! stored them.

use crate::model::{DiffOp, DocQuotes, GroupMember, QuoteGroup};
use crate::text::fold_words;
use rayon::prelude::*;
use xxhash_rust::xxh3::{xxh3_128, xxh3_64};

/// Shortest quote linked (words).
pub const MIN_WORDS: usize = 5;
/// 3-grams found in more quotes than this are not used to find pairs.
const MAX_DF: usize = 64;
/// Words compared by the diff (longer quotes are diffed on their first words).
const MAX_DIFF_WORDS: usize = 600;
/// Shared grams a candidate pair must have among those looked up (more
/// lookups, fewer pairs to verify).
const LOOKUP_HITS: usize = 4;
/// Quotes whose pairs are looked for in parallel at a time.
const PAIR_CHUNK: usize = 8192;

/// The folded words of a quote (lower case, no accents, punctuation and
/// empty words dropped): what linking compares.
pub fn folded_words(text: &str) -> Vec<String> {
    fold_words(text)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// What linking keeps of one quote.
#[derive(Debug, Clone, Copy)]
struct Item {
    doc: u32,
    quote: u32,
    words: u32,
    /// Hash of the folded wording (identical wordings have equal hashes).
    wording: u128,
    /// This quote's 3-grams: `grams[g0..g1]`, sorted, distinct.
    g0: u32,
    g1: u32,
}

/// A quote as [`Linker::components`] returns it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Linked {
    /// The quote's number among those kept by [`Linker::add`] (from 0).
    pub item: usize,
    /// The document number given to [`Linker::add`].
    pub doc: usize,
    /// The quote number given to [`Linker::add`].
    pub quote: usize,
    /// Number of folded words.
    pub words: usize,
    /// Hash of the folded wording: equal for identical wordings.
    pub wording: u128,
}

/// Quotes to link, kept as hashes (about 8 bytes per word).
#[derive(Debug, Default)]
pub struct Linker {
    items: Vec<Item>,
    grams: Vec<u64>,
}

/// What linking keeps of one quote's text: [`signature`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    words: u32,
    wording: u128,
    /// Sorted, distinct 3-gram hashes.
    grams: Vec<u64>,
}

/// The hashes of a quote's folded wording and 3-grams; `None` for a quote
/// shorter than [`MIN_WORDS`] words (never linked).
pub fn signature(text: &str) -> Option<Signature> {
    let fold = fold_words(text);
    let mut joined = String::with_capacity(fold.len());
    let mut hashes = Vec::new();
    for w in fold.split(' ').filter(|w| !w.is_empty()) {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(w);
        hashes.push(xxh3_64(w.as_bytes()));
    }
    if hashes.len() < MIN_WORDS {
        return None;
    }
    // 3-gram hashes from word hashes (no string built per gram)
    let mut grams: Vec<u64> = hashes
        .windows(3)
        .map(|w| {
            (w[0] ^ w[1].rotate_left(21).wrapping_mul(0x9E37_79B9_7F4A_7C15))
                .wrapping_mul(0xC2B2_AE3D_27D4_EB4F)
                ^ w[2].rotate_left(42)
        })
        .collect();
    grams.sort_unstable();
    grams.dedup();
    Some(Signature {
        words: hashes.len() as u32,
        wording: xxh3_128(joined.as_bytes()),
        grams,
    })
}

/// Overlap needed by a pair whose shorter quote has `m` 3-grams.
fn needed(m: usize) -> usize {
    if m <= 1 {
        1
    } else {
        m.div_ceil(2).max(2)
    }
}

impl Linker {
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of quotes kept (those of at least [`MIN_WORDS`] words).
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Adds quote number `quote` of document number `doc`. Documents are
    /// numbered in the order that decides ties (groups are numbered by
    /// their first member in (doc, quote) order, which must not decrease
    /// from one call to the next). Returns false when the quote is too
    /// short to be linked (and is not kept).
    pub fn add(&mut self, doc: usize, quote: usize, text: &str) -> bool {
        match signature(text) {
            Some(sig) => {
                self.push(doc, quote, sig);
                true
            }
            None => false,
        }
    }

    /// [`Linker::add`] with the signature computed beforehand (in parallel
    /// by the caller).
    pub fn push(&mut self, doc: usize, quote: usize, sig: Signature) {
        let g0 = self.grams.len();
        self.grams.extend_from_slice(&sig.grams);
        self.items.push(Item {
            doc: doc as u32,
            quote: quote as u32,
            words: sig.words,
            wording: sig.wording,
            g0: g0 as u32,
            g1: self.grams.len() as u32,
        });
    }

    /// Each quote's group, named by its representative. Quotes are taken
    /// longest first (then in the order added); one joins the linked
    /// representative it matches best (the largest share of the shorter
    /// one's grams, then the longest, then the first added) among those
    /// longer than itself, and otherwise represents a group of its own; a
    /// quote then left alone joins the group of the longer quote it matches
    /// best. Every member is thus linked to its group's representative or
    /// to a member linked to it, and a
    /// short phrase found in several long quotes joins one of them instead
    /// of chaining them together. `first[i]` is the first quote with the
    /// wording of `i` (quotes of one wording share their group); `pairs`
    /// are (shorter, longer, shared grams) between such first quotes.
    fn representatives(&self, first: &[u32], pairs: &[(u32, u32, u32)]) -> Vec<u32> {
        let n = self.items.len();
        // priority: longest first, then first added
        let mut order: Vec<u32> = (0..n as u32).filter(|&i| first[i as usize] == i).collect();
        order.sort_unstable_by_key(|&i| (std::cmp::Reverse(self.items[i as usize].words), i));
        let mut rank = vec![u32::MAX; n];
        for (r, &i) in order.iter().enumerate() {
            rank[i as usize] = r as u32;
        }
        // each quote's links to quotes ranked before it: (quote, share)
        let mut start = vec![0u32; n + 1];
        let lower = |a: u32, b: u32| {
            if rank[a as usize] > rank[b as usize] {
                (a, b)
            } else {
                (b, a)
            }
        };
        for &(x, y, _) in pairs {
            start[lower(x, y).0 as usize + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut at = start.clone();
        let mut adj = vec![(0u32, 0u32); pairs.len()];
        for &(x, y, shared) in pairs {
            // share of the pair's shorter quote's grams (x has fewer grams)
            let share = ((shared as u64) << 16) / self.n_grams(x as usize).max(1) as u64;
            let (lo, hi) = lower(x, y);
            adj[at[lo as usize] as usize] = (hi, share as u32);
            at[lo as usize] += 1;
        }
        let mut rep: Vec<u32> = (0..n as u32).collect();
        for &x in &order {
            let links = &adj[start[x as usize] as usize..start[x as usize + 1] as usize];
            let best = links
                .iter()
                .filter(|&&(y, _)| rep[y as usize] == y)
                .max_by_key(|&&(y, share)| (share, std::cmp::Reverse(rank[y as usize])));
            if let Some(&(y, _)) = best {
                rep[x as usize] = y;
            }
        }
        // A quote left alone whose longer representative is an edited
        // variant it shares too little with joins the group of the longer
        // member it matches best: one step from the representative, and
        // only towards a longer quote, so a short phrase still cannot draw
        // long quotes together (decided on the first pass's groups only).
        let mut members = vec![0u32; n];
        for &x in &order {
            members[rep[x as usize] as usize] += 1;
        }
        let mut second = rep.clone();
        for &x in &order {
            if rep[x as usize] != x || members[x as usize] != 1 {
                continue;
            }
            let links = &adj[start[x as usize] as usize..start[x as usize + 1] as usize];
            let best = links
                .iter()
                .max_by_key(|&&(y, share)| (share, std::cmp::Reverse(rank[y as usize])));
            if let Some(&(y, _)) = best {
                second[x as usize] = rep[y as usize];
            }
        }
        let rep = second;
        (0..n).map(|i| rep[first[i] as usize]).collect()
    }

    fn n_grams(&self, i: usize) -> usize {
        (self.items[i].g1 - self.items[i].g0) as usize
    }

    /// The first quote of each quote's wording, and the linked pairs of
    /// such first quotes: (the one with fewer grams, the other, shared
    /// grams), ordered by the first.
    fn pairs(&self) -> (Vec<u32>, Vec<(u32, u32, u32)>) {
        let n = self.items.len();
        let mut parent: Vec<u32> = (0..n as u32).collect();
        // Identical wordings are one group at once, and only one of them (the
        // first) is indexed: a quote repeated in many documents is linked even
        // when its 3-grams are too common to be used, and costs nothing more.
        let mut indexed = vec![true; n];
        let mut order: Vec<u32> = (0..n as u32).collect();
        order.sort_unstable_by_key(|&i| (self.items[i as usize].wording, i));
        for w in order.windows(2) {
            if self.items[w[0] as usize].wording == self.items[w[1] as usize].wording {
                parent[w[1] as usize] = parent[w[0] as usize];
                indexed[w[1] as usize] = false;
            }
        }
        drop(order);
        // (gram, quote, its number of grams): the filter on the pair's
        // shorter quote reads the posting only
        let mut postings: Vec<(u64, u32, u32)> = Vec::new();
        for (i, it) in self.items.iter().enumerate() {
            if indexed[i] {
                let gs = &self.grams[it.g0 as usize..it.g1 as usize];
                let ng = it.g1 - it.g0;
                postings.extend(gs.iter().map(|&g| (g, i as u32, ng)));
            }
        }
        postings.par_sort_unstable();
        // The grams shared by 2..=MAX_DF quotes (their postings ranges), and
        // each quote's list of them: (quote, range).
        let mut ranges: Vec<(u32, u32)> = Vec::new();
        let mut item_ranges: Vec<(u32, u32)> = Vec::new();
        let mut s = 0;
        while s < postings.len() {
            let mut e = s;
            while e < postings.len() && postings[e].0 == postings[s].0 {
                e += 1;
            }
            if (2..=MAX_DF).contains(&(e - s)) {
                let r = ranges.len() as u32;
                ranges.push((s as u32, e as u32));
                item_ranges.extend(postings[s..e].iter().map(|p| (p.1, r)));
            }
            s = e;
        }
        item_ranges.par_sort_unstable();
        // start of each quote's usable ranges in item_ranges
        let mut first = vec![0u32; n + 1];
        for &(i, _) in &item_ranges {
            first[i as usize + 1] += 1;
        }
        for i in 0..n {
            first[i + 1] += first[i];
        }
        let usable = |i: usize| &item_ranges[first[i] as usize..first[i + 1] as usize];
        // Each quote's pairs as the shorter member, with their overlap,
        // found in parallel and joined in order: the groups do not depend
        // on the threads.
        let pairs_of = |x: usize, probe: &mut Vec<(u32, u32)>, cand: &mut Vec<u32>| {
            let mut out: Vec<(u32, u32)> = Vec::new();
            let ux = usable(x);
            let o = needed(self.n_grams(x));
            if ux.len() < o {
                return out;
            }
            // the rarest usable grams: with |U| - o + k of them looked up, a
            // pair reaching the overlap shares at least k of them
            probe.clear();
            probe.extend(ux.iter().map(|&(_, r)| {
                let (s, e) = ranges[r as usize];
                (e - s, r)
            }));
            probe.sort_unstable();
            cand.clear();
            let kx = (self.n_grams(x) as u32, x as u32);
            let k = o.min(LOOKUP_HITS);
            for &(_, r) in &probe[..ux.len() - o + k] {
                let (s, e) = ranges[r as usize];
                cand.extend(
                    postings[s as usize..e as usize]
                        .iter()
                        .filter(|p| (p.2, p.1) > kx)
                        .map(|p| p.1),
                );
            }
            cand.sort_unstable();
            let mut c = 0;
            while c < cand.len() {
                let y = cand[c];
                let mut e = c;
                while e < cand.len() && cand[e] == y {
                    e += 1;
                }
                let hits = e - c;
                c = e;
                if hits < k {
                    continue;
                }
                // exact overlap of the usable grams (both lists sorted by range)
                let uy = usable(y as usize);
                let (mut i, mut j, mut shared) = (0, 0, 0u32);
                while i < ux.len() && j < uy.len() {
                    match ux[i].1.cmp(&uy[j].1) {
                        std::cmp::Ordering::Less => i += 1,
                        std::cmp::Ordering::Greater => j += 1,
                        std::cmp::Ordering::Equal => {
                            shared += 1;
                            i += 1;
                            j += 1;
                        }
                    }
                }
                if shared as usize >= o {
                    out.push((y, shared));
                }
            }
            out
        };
        // pairs (x, y, shared) with x the shorter
        let mut pairs: Vec<(u32, u32, u32)> = Vec::new();
        for chunk in (0..n).collect::<Vec<usize>>().chunks(PAIR_CHUNK) {
            let found: Vec<Vec<(u32, u32)>> = chunk
                .par_iter()
                .map_init(
                    || (Vec::new(), Vec::new()),
                    |(probe, cand), &x| pairs_of(x, probe, cand),
                )
                .collect();
            for (&x, ys) in chunk.iter().zip(found) {
                pairs.extend(ys.into_iter().map(|(y, sh)| (x as u32, y, sh)));
            }
        }
        drop(postings);
        (parent, pairs)
    }

    /// The groups (see the module doc) found in at least two
    /// documents; each group's members in the order they were
    /// added, groups ordered by their first member.
    pub fn components(&self) -> Vec<Vec<Linked>> {
        let n = self.items.len();
        let (first, pairs) = self.pairs();
        let rep = self.representatives(&first, &pairs);
        drop(pairs);
        // groups by representative, ordered by their first member
        let mut by_root: Vec<(u32, u32)> = (0..n as u32).map(|i| (rep[i as usize], i)).collect();
        by_root.sort_unstable();
        let mut firsts: Vec<(u32, usize)> = Vec::new();
        let mut s = 0;
        while s < by_root.len() {
            firsts.push((by_root[s].1, s));
            let mut e = s;
            while e < by_root.len() && by_root[e].0 == by_root[s].0 {
                e += 1;
            }
            s = e;
        }
        firsts.sort_unstable();
        let mut runs: Vec<(usize, usize)> = Vec::with_capacity(firsts.len());
        for &(_, s) in &firsts {
            let mut e = s;
            while e < by_root.len() && by_root[e].0 == by_root[s].0 {
                e += 1;
            }
            runs.push((s, e));
        }
        let mut groups = Vec::new();
        for (s, e) in runs {
            let members = &by_root[s..e];
            let d0 = self.items[members[0].1 as usize].doc;
            if members.iter().all(|m| self.items[m.1 as usize].doc == d0) {
                continue;
            }
            groups.push(
                members
                    .iter()
                    .map(|m| {
                        let it = &self.items[m.1 as usize];
                        Linked {
                            item: m.1 as usize,
                            doc: it.doc as usize,
                            quote: it.quote as usize,
                            words: it.words as usize,
                            wording: it.wording,
                        }
                    })
                    .collect(),
            );
        }
        groups
    }
}

/// One member of a group, as [`group`] needs it.
#[derive(Debug, Clone, Copy)]
pub struct MemberText<'a> {
    pub linked: Linked,
    pub doc_id: &'a str,
    pub date: Option<&'a str>,
    /// The quote's index in its document (`QuoteText::index`).
    pub index: usize,
    pub speaker: Option<&'a str>,
    pub text: &'a str,
}

/// Builds one group from its members (any order): members by date
/// (undated last), then document and quote number; the reference is the
/// most common wording, then the longest, then the first; each other
/// wording gets a word diff against it.
pub fn group(mut members: Vec<MemberText>) -> QuoteGroup {
    members.sort_by(|a, b| {
        let (da, db) = (a.date, b.date);
        (da.is_none(), da, a.linked.doc, a.linked.quote).cmp(&(
            db.is_none(),
            db,
            b.linked.doc,
            b.linked.quote,
        ))
    });
    // reference: most common folded form, then longest, then first
    // (forms counted through a sorted list: groups can be large)
    let mut forms: Vec<u128> = members.iter().map(|m| m.linked.wording).collect();
    forms.sort_unstable();
    let count_of = |w: u128| forms.partition_point(|f| *f < w)..forms.partition_point(|f| *f <= w);
    let mut best = 0;
    let mut best_key = (0usize, 0usize);
    for (i, m) in members.iter().enumerate() {
        let key = (count_of(m.linked.wording).len(), m.linked.words);
        if key > best_key {
            best_key = key;
            best = i;
        }
    }
    let reference = members[best];
    let ref_words = folded_words(reference.text);
    let out_members = members
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let same = m.linked.wording == reference.linked.wording;
            let diff = if i == best || same {
                Vec::new()
            } else {
                diff(&ref_words, &folded_words(m.text))
            };
            let cut = !same && is_cut(&diff);
            GroupMember {
                doc: m.linked.doc,
                doc_id: m.doc_id.to_string(),
                date: m.date.map(str::to_string),
                quote: m.index,
                speaker: m.speaker.map(str::to_string),
                same_wording: same,
                cut,
                diff,
            }
        })
        .collect();
    QuoteGroup {
        members: out_members,
        reference: best,
        text: reference.text.to_string(),
    }
}

/// Links the quotes of `docs`. Deterministic: groups are ordered by their
/// earliest member in input order; members by date (undated last), then
/// input order.
pub fn link(docs: &[DocQuotes]) -> Vec<QuoteGroup> {
    let mut linker = Linker::new();
    for (d, dq) in docs.iter().enumerate() {
        for (qi, q) in dq.quotes.iter().enumerate() {
            linker.add(d, qi, &q.text);
        }
    }
    linker
        .components()
        .into_iter()
        .map(|members| {
            group(
                members
                    .into_iter()
                    .map(|l| {
                        let dq = &docs[l.doc];
                        let q = &dq.quotes[l.quote];
                        MemberText {
                            linked: l,
                            doc_id: &dq.doc_id,
                            date: dq.date.as_deref(),
                            index: q.index,
                            speaker: q.speaker.as_deref(),
                            text: &q.text,
                        }
                    })
                    .collect(),
            )
        })
        .collect()
}

/// Only deletions at the ends around one equal block.
fn is_cut(d: &[DiffOp]) -> bool {
    let equals = d.iter().filter(|o| matches!(o, DiffOp::Equal(_))).count();
    let inserts = d.iter().any(|o| matches!(o, DiffOp::Insert(_)));
    if equals != 1 || inserts {
        return false;
    }
    let pos = d
        .iter()
        .position(|o| matches!(o, DiffOp::Equal(_)))
        .unwrap_or(0);
    d.len() <= 3 && pos <= 1
}

/// Word diff of `b` against `a` (LCS), on at most [`MAX_DIFF_WORDS`] words each.
pub fn diff(a: &[String], b: &[String]) -> Vec<DiffOp> {
    let a = &a[..a.len().min(MAX_DIFF_WORDS)];
    let b = &b[..b.len().min(MAX_DIFF_WORDS)];
    let (n, m) = (a.len(), b.len());
    // lcs[i][j] = LCS of a[i..], b[j..]
    let w = m + 1;
    let mut lcs = vec![0u16; (n + 1) * w];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i * w + j] = if a[i] == b[j] {
                lcs[(i + 1) * w + j + 1] + 1
            } else {
                lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
            };
        }
    }
    let mut ops: Vec<DiffOp> = Vec::new();
    let push = |ops: &mut Vec<DiffOp>, kind: u8, word: &String| {
        let same_kind = matches!(
            (ops.last(), kind),
            (Some(DiffOp::Equal(_)), 0)
                | (Some(DiffOp::Delete(_)), 1)
                | (Some(DiffOp::Insert(_)), 2)
        );
        if same_kind {
            if let Some(DiffOp::Equal(v) | DiffOp::Delete(v) | DiffOp::Insert(v)) = ops.last_mut() {
                v.push(word.clone());
            }
        } else {
            let v = vec![word.clone()];
            ops.push(match kind {
                0 => DiffOp::Equal(v),
                1 => DiffOp::Delete(v),
                _ => DiffOp::Insert(v),
            });
        }
    };
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            push(&mut ops, 0, &a[i]);
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i * w + j + 1] >= lcs[(i + 1) * w + j]) {
            push(&mut ops, 2, &b[j]);
            j += 1;
        } else {
            push(&mut ops, 1, &a[i]);
            i += 1;
        }
    }
    ops
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::QuoteText;

    fn doc(id: usize, text: &str) -> DocQuotes {
        DocQuotes {
            doc_id: format!("d{id:03}"),
            date: None,
            quotes: vec![QuoteText {
                index: 0,
                text: text.into(),
                speaker: None,
            }],
        }
    }

    #[test]
    fn a_quote_repeated_in_many_documents_is_one_group() {
        // More copies than MAX_DF: identical wordings are one group even
        // though their 3-grams are more common than MAX_DF.
        let mut docs: Vec<DocQuotes> = (0..MAX_DF + 36)
            .map(|i| doc(i, "We will rebuild the bridge before the first snow falls"))
            .collect();
        docs.push(doc(
            999,
            "We will rebuild the bridge before the first snow, he said",
        ));
        docs.push(doc(
            1000,
            "Nothing in common with the other sentences at all",
        ));
        let groups = link(&docs);
        assert_eq!(groups.len(), 1);
        // the edited copy joins them: only one of the identical ones is indexed
        assert_eq!(groups[0].members.len(), MAX_DF + 37);
        let differ: Vec<&str> = groups[0]
            .members
            .iter()
            .filter(|m| !m.same_wording)
            .map(|m| m.doc_id.as_str())
            .collect();
        assert_eq!(differ, ["d999"]);
    }

    /// Brute force: every pair of first wordings compared on its usable
    /// grams, as (fewer grams, other, shared), sorted.
    fn pairs_by_comparing_all(lk: &Linker) -> Vec<(u32, u32, u32)> {
        let n = lk.items.len();
        let mut df: std::collections::HashMap<u64, usize> = Default::default();
        let mut first_of: std::collections::HashMap<u128, usize> = Default::default();
        for (i, it) in lk.items.iter().enumerate() {
            if let std::collections::hash_map::Entry::Vacant(v) = first_of.entry(it.wording) {
                v.insert(i);
                for g in &lk.grams[it.g0 as usize..it.g1 as usize] {
                    *df.entry(*g).or_default() += 1;
                }
            }
        }
        let grams = |i: usize| {
            let it = lk.items[i];
            &lk.grams[it.g0 as usize..it.g1 as usize]
        };
        let mut out = Vec::new();
        for a in 0..n {
            for b in a + 1..n {
                if first_of[&lk.items[a].wording] != a || first_of[&lk.items[b].wording] != b {
                    continue;
                }
                let shared = grams(a)
                    .iter()
                    .filter(|g| (2..=MAX_DF).contains(&df[*g]) && grams(b).contains(g))
                    .count();
                let m = grams(a).len().min(grams(b).len()).max(1);
                if 2 * shared >= m && (shared >= 2 || m == 1) {
                    let (x, y) = if (grams(a).len(), a) < (grams(b).len(), b) {
                        (a, b)
                    } else {
                        (b, a)
                    };
                    out.push((x as u32, y as u32, shared as u32));
                }
            }
        }
        out.sort_unstable();
        out
    }

    #[test]
    fn prefix_filtering_finds_the_pairs_that_comparing_every_pair_finds() {
        // quotes of 5 to 40 words over a small vocabulary: many shared
        // 3-grams, of every document frequency, and overlaps near the bound
        let vocab: Vec<String> = (0..40).map(|i| format!("w{i}")).collect();
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |k: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % k) as usize
        };
        let mut lk = Linker::new();
        let mut texts: Vec<String> = Vec::new();
        for d in 0..700 {
            for q in 0..2 {
                let text = if !texts.is_empty() && next(4) == 0 {
                    // an edited copy of an earlier quote: cut, a word changed
                    let src: Vec<&str> = texts[next(texts.len() as u64)].split(' ').collect();
                    let cut = next(src.len() as u64 / 2 + 1);
                    let mut w: Vec<String> = src[cut..].iter().map(|s| s.to_string()).collect();
                    let at = next(w.len() as u64);
                    w[at] = vocab[next(40)].clone();
                    w.join(" ")
                } else {
                    let len = 5 + next(36);
                    let mut w = Vec::with_capacity(len);
                    for _ in 0..len {
                        let k = if next(3) == 0 { 40 } else { 8 };
                        w.push(vocab[next(k)].as_str());
                    }
                    w.join(" ")
                };
                lk.add(d, q, &text);
                texts.push(text);
            }
        }
        let mut got = lk.pairs().1;
        got.sort_unstable();
        let want = pairs_by_comparing_all(&lk);
        assert!(want.len() > 100, "{} pairs", want.len());
        assert_eq!(got, want);
        let groups = lk.components();
        assert!(groups.len() > 20, "{} groups", groups.len());
        assert!(groups.iter().any(|g| g.len() > 2));
    }

    #[test]
    fn a_common_phrase_in_several_long_quotes_does_not_chain_them() {
        // Each long quote contains the short phrase, which is also quoted on
        // its own: linking components would make one group of all of them.
        let phrase = "we will not give up the fight";
        let long = [
            "The harbour master said the storm wrecked forty boats and we will not give up the fight to rebuild the quay",
            "Teachers marched on the ministry because we will not give up the fight for smaller classes in every school",
            "We will not give up the fight said the coach after the final whistle of a season lost to injuries",
            "Farmers in the valley say the river took their barns but we will not give up the fight against the insurers",
        ];
        let mut docs = Vec::new();
        for (i, t) in long.iter().enumerate() {
            docs.push(doc(2 * i, t));
            // each long quote also copied, cut, in another outlet
            let cut: Vec<&str> = t.split(' ').skip(2).collect();
            docs.push(doc(2 * i + 1, &cut.join(" ")));
        }
        docs.push(doc(100, phrase));
        docs.push(doc(101, &format!("{phrase}, she said")));
        let groups = link(&docs);
        // each long quote is a group with its cut copy; the phrase joins one
        assert_eq!(groups.len(), 4, "{groups:#?}");
        let mut sizes: Vec<usize> = groups.iter().map(|g| g.members.len()).collect();
        sizes.sort_unstable();
        assert_eq!(sizes, [2, 2, 2, 4]);
        for g in &groups {
            let ids: Vec<&str> = g.members.iter().map(|m| m.doc_id.as_str()).collect();
            let pair = ids
                .iter()
                .filter(|d| d[1..].parse::<usize>().unwrap() < 100)
                .count();
            assert_eq!(pair, 2, "{ids:?}");
        }
    }

    #[test]
    fn cuts_of_cuts_join_one_step_from_the_representative_only() {
        // b is a cut of a; c a cut of b sharing too little with a (it joins
        // through b: one step); d a cut of c sharing too little with b
        // groups with c, not with a.
        let a = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen";
        let b = "nine ten eleven twelve thirteen fourteen fifteen sixteen";
        let c = "eleven twelve thirteen fourteen fifteen sixteen seventeen";
        let d = "thirteen fourteen fifteen sixteen seventeen eighteen nineteen";
        let ids = |docs: &[DocQuotes]| -> Vec<Vec<String>> {
            link(docs)
                .iter()
                .map(|g| g.members.iter().map(|m| m.doc_id.clone()).collect())
                .collect()
        };
        assert_eq!(
            ids(&[doc(0, a), doc(1, b), doc(2, c)]),
            [vec!["d000", "d001", "d002"]]
        );
        assert_eq!(
            ids(&[doc(0, a), doc(1, b), doc(2, c), doc(3, d)]),
            [vec!["d000", "d001"], vec!["d002", "d003"]]
        );
    }
}
