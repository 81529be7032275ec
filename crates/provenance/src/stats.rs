//! Outlet-level aggregates of the copy trees: for each outlet, how much of
//! its text is copied from elsewhere, from whom, and how much of that is
//! unattributed; for each source outlet, who republishes it and how fast.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::dates::TimeRange;
use crate::registry::OutletInfo;
use crate::{AttributionStatus, ClusterInput, ClusterProvenance};

/// Copies an outlet took from one source outlet (`None`: documents
/// without an outlet).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct SourceShare {
    pub outlet: Option<usize>,
    pub passages: usize,
    pub chars: u64,
    pub unattributed: usize,
}

/// An outlet that republishes a source outlet's text (parent → copy
/// edges), with the delays between the two publication times (middles of
/// the known time ranges, in seconds; negative when the copy is dated
/// earlier).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Republisher {
    pub outlet: Option<usize>,
    pub copies: usize,
    pub unattributed: usize,
    pub delays_known: usize,
    pub median_delay_s: Option<i64>,
    pub min_delay_s: Option<i64>,
}

/// Aggregates of one outlet.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct OutletStats {
    pub outlet: usize,
    pub name: String,
    pub docs: usize,
    /// Characters of its documents.
    pub chars: u64,
    /// Its passages that are copies (not the root of their cluster).
    pub copied_passages: usize,
    pub copied_chars: u64,
    /// `copied_chars / chars`.
    pub copied_share: f64,
    /// Copied passages flagged (unattributed or crediting someone else).
    pub unattributed_passages: usize,
    pub unattributed_chars: u64,
    pub copied_from: Vec<SourceShare>,
    /// Clusters whose original is one of its passages.
    pub originals: usize,
    pub republished_by: Vec<Republisher>,
    pub median_delay_s: Option<i64>,
    pub min_delay_s: Option<i64>,
}

fn median(v: &mut [i64]) -> Option<i64> {
    if v.is_empty() {
        return None;
    }
    v.sort_unstable();
    Some(v[(v.len() - 1) / 2])
}

#[derive(Default)]
struct Acc {
    docs: usize,
    chars: u64,
    copied: usize,
    copied_chars: u64,
    unatt: usize,
    unatt_chars: u64,
    from: BTreeMap<Option<usize>, (usize, u64, usize)>,
    originals: usize,
    by: BTreeMap<Option<usize>, (usize, usize, Vec<i64>)>,
}

pub(crate) fn outlet_stats(
    outlets: &[OutletInfo],
    doc_outlets: &[Option<usize>],
    texts: &[&str],
    n_chars: &[Option<u64>],
    times: &[Option<TimeRange>],
    clusters: &[ClusterInput],
    results: &[ClusterProvenance],
) -> Vec<OutletStats> {
    let mut acc: BTreeMap<usize, Acc> = BTreeMap::new();
    for (d, o) in doc_outlets.iter().enumerate() {
        if let (Some(o), Some(t)) = (o, texts.get(d)) {
            let a = acc.entry(*o).or_default();
            a.docs += 1;
            a.chars += n_chars
                .get(d)
                .copied()
                .flatten()
                .unwrap_or_else(|| t.chars().count() as u64);
        }
    }
    for (c, r) in clusters.iter().zip(results) {
        if let Some(root) = r.root {
            if let Some(o) = r.nodes[root].outlet {
                acc.entry(o).or_default().originals += 1;
            }
        }
        for n in &r.nodes {
            let (Some(p), Some(att)) = (n.parent, &n.attribution) else {
                continue;
            };
            if att.status == AttributionStatus::SameOutlet {
                continue;
            }
            let len = n.span.len() as u64;
            let src = r.nodes[p].outlet;
            let flagged = att.flagged as usize;
            if let Some(o) = n.outlet {
                let a = acc.entry(o).or_default();
                a.copied += 1;
                a.copied_chars += len;
                a.unatt += flagged;
                a.unatt_chars += len * flagged as u64;
                let e = a.from.entry(src).or_default();
                e.0 += 1;
                e.1 += len;
                e.2 += flagged;
            }
            if let Some(s) = src {
                let delay = match (
                    times.get(c.passages[p].doc).copied().flatten(),
                    times.get(n.doc).copied().flatten(),
                ) {
                    (Some(a), Some(b)) => Some(b.mid() - a.mid()),
                    _ => None,
                };
                let e = acc.entry(s).or_default().by.entry(n.outlet).or_default();
                e.0 += 1;
                e.1 += flagged;
                e.2.extend(delay);
            }
        }
    }
    acc.into_iter()
        .map(|(o, a)| {
            let mut all: Vec<i64> = Vec::new();
            let republished_by =
                a.by.into_iter()
                    .map(|(k, (copies, unatt, mut d))| {
                        all.extend(&d);
                        Republisher {
                            outlet: k,
                            copies,
                            unattributed: unatt,
                            delays_known: d.len(),
                            min_delay_s: d.iter().copied().min(),
                            median_delay_s: median(&mut d),
                        }
                    })
                    .collect();
            OutletStats {
                outlet: o,
                name: outlets.get(o).map(|x| x.name.clone()).unwrap_or_default(),
                docs: a.docs,
                chars: a.chars,
                copied_passages: a.copied,
                copied_chars: a.copied_chars,
                copied_share: if a.chars > 0 {
                    (a.copied_chars as f64 / a.chars as f64).min(1.0)
                } else {
                    0.0
                },
                unattributed_passages: a.unatt,
                unattributed_chars: a.unatt_chars,
                copied_from: a
                    .from
                    .into_iter()
                    .map(|(k, (passages, chars, unattributed))| SourceShare {
                        outlet: k,
                        passages,
                        chars,
                        unattributed,
                    })
                    .collect(),
                originals: a.originals,
                republished_by,
                min_delay_s: all.iter().copied().min(),
                median_delay_s: median(&mut all),
            }
        })
        .collect()
}
