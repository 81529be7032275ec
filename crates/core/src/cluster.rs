//! Reuse clusters: aligned passages grouped into passages per document and
//! those into clusters of copies of the same text.
//!
//! Each side of an alignment is a span in one document. Within a document,
//! spans are merged into one *passage* only when they cover mostly the same
//! characters (their overlap is at least half of the shorter span, measured
//! against the passage built so far). Clusters are then the connected
//! components of passages linked by alignments.
//!
//! The overlap rule is what keeps clusters apart when a document holds two
//! different copied texts side by side: the two spans touch or overlap by a
//! few characters, not by half, so they stay two passages and the texts they
//! came from are not chained into one cluster (plain connected components over
//! touching spans, as in passim, chain them).

use crate::model::CharSpan;

/// One side of an alignment: a span in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Side {
    pub doc: u32,
    pub span: CharSpan,
}

/// An alignment between two sides, as input to clustering.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Link {
    pub a: Side,
    pub b: Side,
}

/// A passage: a stretch of one document that takes part in reuse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Passage {
    pub doc: u32,
    pub span: CharSpan,
    /// Cluster number, `0..clusters`.
    pub cluster: u32,
}

/// Result of clustering: passages sorted by (cluster, doc, begin), and for
/// every input link the indices of its two passages.
#[derive(Debug, Clone, PartialEq)]
pub struct Clustering {
    pub passages: Vec<Passage>,
    pub link_passages: Vec<(u32, u32)>,
    pub clusters: u32,
}

struct UnionFind(Vec<u32>);

impl UnionFind {
    fn find(&mut self, mut x: u32) -> u32 {
        while self.0[x as usize] != x {
            let p = self.0[x as usize];
            self.0[x as usize] = self.0[p as usize];
            x = p;
        }
        x
    }
    fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            self.0[hi as usize] = lo;
        }
    }
}

/// True when `s` should join a passage currently covering `g`.
fn same_stretch(s: &CharSpan, g: &CharSpan) -> bool {
    let ov = s.overlap(g);
    ov > 0 && ov * 2 >= s.len().min(g.len())
}

/// Groups links into passages and clusters. Deterministic: the numbering
/// depends only on the links' content, not on their order.
pub fn cluster(links: &[Link]) -> Clustering {
    // Every side, tagged with (link index, which side).
    let mut sides: Vec<(Side, u32, u8)> = Vec::with_capacity(links.len() * 2);
    for (i, l) in links.iter().enumerate() {
        sides.push((l.a, i as u32, 0));
        sides.push((l.b, i as u32, 1));
    }
    sides.sort_by(|x, y| {
        (
            x.0.doc,
            x.0.span.begin,
            std::cmp::Reverse(x.0.span.end),
            x.1,
            x.2,
        )
            .cmp(&(
                y.0.doc,
                y.0.span.begin,
                std::cmp::Reverse(y.0.span.end),
                y.1,
                y.2,
            ))
    });

    // Passages per document.
    let mut groups: Vec<(u32, CharSpan)> = Vec::new();
    let mut side_group = vec![[0u32; 2]; links.len()];
    let mut doc_start = 0usize; // first group index of the current document
    let mut cur_doc = u32::MAX;
    for (side, li, which) in &sides {
        if side.doc != cur_doc {
            cur_doc = side.doc;
            doc_start = groups.len();
        }
        let mut target = None;
        for (gi, g) in groups.iter().enumerate().skip(doc_start).rev() {
            if same_stretch(&side.span, &g.1) {
                target = Some(gi);
                break;
            }
        }
        let gi = match target {
            Some(gi) => {
                let g = &mut groups[gi].1;
                g.begin = g.begin.min(side.span.begin);
                g.end = g.end.max(side.span.end);
                gi
            }
            None => {
                groups.push((side.doc, side.span));
                groups.len() - 1
            }
        };
        side_group[*li as usize][*which as usize] = gi as u32;
    }

    let mut uf = UnionFind((0..groups.len() as u32).collect());
    for sg in &side_group {
        uf.union(sg[0], sg[1]);
    }
    // Groups are in (doc, begin) order, so each root is its component's
    // first passage; number clusters by first appearance.
    let mut cluster_of_root = vec![u32::MAX; groups.len()];
    let mut n_clusters = 0u32;
    let mut group_cluster = vec![0u32; groups.len()];
    for g in 0..groups.len() as u32 {
        let r = uf.find(g) as usize;
        if cluster_of_root[r] == u32::MAX {
            cluster_of_root[r] = n_clusters;
            n_clusters += 1;
        }
        group_cluster[g as usize] = cluster_of_root[r];
    }
    let mut order: Vec<u32> = (0..groups.len() as u32).collect();
    order.sort_by_key(|&g| {
        (
            group_cluster[g as usize],
            groups[g as usize].0,
            groups[g as usize].1,
        )
    });
    let mut new_index = vec![0u32; groups.len()];
    for (ni, &g) in order.iter().enumerate() {
        new_index[g as usize] = ni as u32;
    }
    let passages = order
        .iter()
        .map(|&g| Passage {
            doc: groups[g as usize].0,
            span: groups[g as usize].1,
            cluster: group_cluster[g as usize],
        })
        .collect();
    let link_passages = side_group
        .iter()
        .map(|sg| (new_index[sg[0] as usize], new_index[sg[1] as usize]))
        .collect();
    Clustering {
        passages,
        link_passages,
        clusters: n_clusters,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side(doc: u32, begin: usize, end: usize) -> Side {
        Side {
            doc,
            span: CharSpan { begin, end },
        }
    }
    fn link(a: Side, b: Side) -> Link {
        Link { a, b }
    }

    #[test]
    fn copies_of_one_text_form_one_cluster() {
        // 0 is the source, 1 and 2 copy it, and 1-2 align too.
        let links = vec![
            link(side(0, 100, 500), side(1, 0, 390)),
            link(side(0, 110, 500), side(2, 50, 450)),
            link(side(1, 5, 390), side(2, 50, 445)),
        ];
        let c = cluster(&links);
        assert_eq!(c.clusters, 1);
        assert_eq!(c.passages.len(), 3);
        assert_eq!(
            c.passages[0].span,
            CharSpan {
                begin: 100,
                end: 500
            }
        );
    }

    #[test]
    fn side_by_side_copies_do_not_chain_clusters() {
        // Doc 2 holds a copy of doc 0's text then, touching it, a copy of doc 1's.
        let links = vec![
            link(side(0, 0, 300), side(2, 0, 305)),
            link(side(1, 0, 400), side(2, 300, 700)),
        ];
        let c = cluster(&links);
        assert_eq!(c.clusters, 2);
        assert_eq!(c.passages.len(), 4);
        let (pa, pb) = c.link_passages[0];
        let (qa, qb) = c.link_passages[1];
        assert_eq!(
            c.passages[pa as usize].cluster,
            c.passages[pb as usize].cluster
        );
        assert_ne!(
            c.passages[pa as usize].cluster,
            c.passages[qa as usize].cluster
        );
        assert_eq!(
            c.passages[qa as usize].cluster,
            c.passages[qb as usize].cluster
        );
    }

    #[test]
    fn numbering_is_independent_of_link_order() {
        let mut links = vec![
            link(side(3, 0, 100), side(4, 0, 100)),
            link(side(0, 0, 100), side(1, 0, 100)),
            link(side(1, 10, 100), side(2, 0, 90)),
        ];
        let c1 = cluster(&links);
        links.reverse();
        let c2 = cluster(&links);
        assert_eq!(c1.passages, c2.passages);
        assert_eq!(c1.clusters, 2);
        assert_eq!(c1.passages[0].doc, 0);
        assert_eq!(c1.passages[0].cluster, 0);
    }

    #[test]
    fn empty_input() {
        let c = cluster(&[]);
        assert_eq!(c.clusters, 0);
        assert!(c.passages.is_empty());
    }
}
