//! Cross-document quote linking: the same quote in different documents,
//! cut, re-punctuated or lightly edited, grouped through an index of word
//! 3-grams (near-linear: common 3-grams are skipped), with a word diff of
//! each member against the group's reference wording.

use crate::model::{DiffOp, DocQuotes, GroupMember, QuoteGroup};
use crate::text::fold_words;
use xxhash_rust::xxh3::xxh3_64;

/// Shortest quote linked (words).
pub const MIN_WORDS: usize = 5;
/// 3-grams found in more quotes than this are not used to find pairs.
const MAX_DF: usize = 64;
/// Share of the shorter quote's 3-grams that the pair must share.
const MIN_CONTAINMENT: f64 = 0.5;
/// Words compared by the diff (longer quotes are diffed on their first words).
const MAX_DIFF_WORDS: usize = 600;

struct Item {
    doc: usize,
    quote: usize,
    words: Vec<String>,
    grams: Vec<u64>,
}

fn find(p: &mut [usize], mut x: usize) -> usize {
    while p[x] != x {
        p[x] = p[p[x]];
        x = p[x];
    }
    x
}

/// Links the quotes of `docs`. Deterministic: groups are ordered by their
/// earliest member in input order; members by date (undated last), then
/// input order.
pub fn link(docs: &[DocQuotes]) -> Vec<QuoteGroup> {
    let mut items = Vec::new();
    for (d, dq) in docs.iter().enumerate() {
        for (qi, q) in dq.quotes.iter().enumerate() {
            let words: Vec<String> = fold_words(&q.text)
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect();
            if words.len() < MIN_WORDS {
                continue;
            }
            // 3-gram hashes from word hashes (no string built per gram)
            let wh: Vec<u64> = words.iter().map(|w| xxh3_64(w.as_bytes())).collect();
            let mut grams: Vec<u64> = wh
                .windows(3)
                .map(|w| {
                    (w[0] ^ w[1].rotate_left(21).wrapping_mul(0x9E37_79B9_7F4A_7C15))
                        .wrapping_mul(0xC2B2_AE3D_27D4_EB4F)
                        ^ w[2].rotate_left(42)
                })
                .collect();
            grams.sort_unstable();
            grams.dedup();
            items.push(Item {
                doc: d,
                quote: qi,
                words,
                grams,
            });
        }
    }
    // Identical wordings are one group at once, and only one of them (the
    // first) is indexed: a quote repeated in many documents is linked even
    // when its 3-grams are too common to be used, and costs nothing more.
    let mut parent: Vec<usize> = (0..items.len()).collect();
    let mut indexed = vec![true; items.len()];
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| items[a].words.cmp(&items[b].words).then(a.cmp(&b)));
    for w in order.windows(2) {
        if items[w[0]].words == items[w[1]].words {
            parent[w[1]] = parent[w[0]];
            indexed[w[1]] = false;
        }
    }
    let mut postings: Vec<(u64, u32)> = items
        .iter()
        .enumerate()
        .filter(|(i, _)| indexed[*i])
        .flat_map(|(i, it)| it.grams.iter().map(move |&g| (g, i as u32)))
        .collect();
    postings.sort_unstable();
    // The grams shared by 2..=MAX_DF quotes (their postings ranges), listed
    // per quote: (quote, range).
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    let mut item_ranges: Vec<(u32, u32)> = Vec::new();
    let mut s = 0;
    while s < postings.len() {
        let mut e = s;
        while e < postings.len() && postings[e].0 == postings[s].0 {
            e += 1;
        }
        if (2..=MAX_DF).contains(&(e - s)) {
            let r = ranges.len() as u32;
            ranges.push((s, e));
            item_ranges.extend(postings[s..e].iter().map(|p| (p.1, r)));
        }
        s = e;
    }
    item_ranges.sort_unstable();
    // For each quote, the later quotes sharing its grams, counted per quote
    // (a small list per quote rather than one list of every pair).
    let mut cand: Vec<u32> = Vec::new();
    let mut next = 0;
    for (a, it) in items.iter().enumerate() {
        cand.clear();
        while next < item_ranges.len() && item_ranges[next].0 as usize == a {
            let (s, e) = ranges[item_ranges[next].1 as usize];
            next += 1;
            cand.extend(
                postings[s..e]
                    .iter()
                    .map(|p| p.1)
                    .filter(|&b| b as usize > a),
            );
        }
        cand.sort_unstable();
        let mut k = 0;
        while k < cand.len() {
            let mut e = k;
            while e < cand.len() && cand[e] == cand[k] {
                e += 1;
            }
            let shared = e - k;
            let b = cand[k] as usize;
            let min_g = it.grams.len().min(items[b].grams.len()).max(1);
            if shared as f64 / min_g as f64 >= MIN_CONTAINMENT && (shared >= 2 || min_g == 1) {
                let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
                if ra != rb {
                    parent[ra.max(rb)] = ra.min(rb);
                }
            }
            k = e;
        }
    }
    let mut by_root: Vec<(usize, usize)> = (0..items.len())
        .map(|i| (find(&mut parent, i), i))
        .collect();
    by_root.sort_unstable();
    let mut groups = Vec::new();
    let mut s = 0;
    while s < by_root.len() {
        let mut e = s;
        while e < by_root.len() && by_root[e].0 == by_root[s].0 {
            e += 1;
        }
        let members: Vec<usize> = by_root[s..e].iter().map(|x| x.1).collect();
        s = e;
        let mut ndocs: Vec<usize> = members.iter().map(|&m| items[m].doc).collect();
        ndocs.dedup();
        if ndocs.len() < 2 {
            continue;
        }
        groups.push(build_group(docs, &items, members));
    }
    groups
}

fn build_group(docs: &[DocQuotes], items: &[Item], mut members: Vec<usize>) -> QuoteGroup {
    members.sort_by(|&a, &b| {
        let da = docs[items[a].doc].date.as_deref();
        let db = docs[items[b].doc].date.as_deref();
        (da.is_none(), da, items[a].doc, items[a].quote).cmp(&(
            db.is_none(),
            db,
            items[b].doc,
            items[b].quote,
        ))
    });
    // reference: most common folded form, then longest, then first
    // (forms counted through a sorted list: groups can be large)
    let mut forms: Vec<&[String]> = members.iter().map(|&m| items[m].words.as_slice()).collect();
    forms.sort_unstable();
    let count_of =
        |w: &[String]| forms.partition_point(|f| *f < w)..forms.partition_point(|f| *f <= w);
    let mut best = 0;
    let mut best_key = (0usize, 0usize);
    for (i, &m) in members.iter().enumerate() {
        let count = count_of(&items[m].words).len();
        let key = (count, items[m].words.len());
        if key > best_key {
            best_key = key;
            best = i;
        }
    }
    let reference = &items[members[best]];
    let out_members = members
        .iter()
        .enumerate()
        .map(|(i, &m)| {
            let it = &items[m];
            let dq = &docs[it.doc];
            let q = &dq.quotes[it.quote];
            let same = it.words == reference.words;
            let diff = if i == best || same {
                Vec::new()
            } else {
                diff(&reference.words, &it.words)
            };
            let cut = !same && is_cut(&diff);
            GroupMember {
                doc: it.doc,
                doc_id: dq.doc_id.clone(),
                date: dq.date.clone(),
                quote: q.index,
                speaker: q.speaker.clone(),
                same_wording: same,
                cut,
                diff,
            }
        })
        .collect();
    let rq = &docs[reference.doc].quotes[reference.quote];
    QuoteGroup {
        members: out_members,
        reference: best,
        text: rq.text.clone(),
    }
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
}
