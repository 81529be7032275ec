//! Sparse vectors (`(key, weight)` sorted by key), document frequencies and
//! tf-idf weighting, cosine similarity per feature kind.

use crate::features::{kind_of, Kind};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A sparse vector sorted by key, no duplicate keys.
pub type Sparse = Vec<(u64, f32)>;

/// Hasher for feature keys, which are hashes already: one multiply
/// instead of SipHash (the document-frequency lookups are the hot path).
#[derive(Debug, Clone, Copy, Default)]
pub struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0.rotate_left(8) ^ *b as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u64(&mut self, k: u64) {
        self.0 = (k ^ (k >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// A map keyed by feature keys.
pub type KeyMap<V> = HashMap<u64, V, std::hash::BuildHasherDefault<KeyHasher>>;

/// Document frequencies of feature keys, with the number of documents.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DocFreq {
    pub n_docs: u64,
    #[serde(with = "sorted_map")]
    pub df: KeyMap<u32>,
    /// `ln(n_docs + 1)` and the `n_docs` it was computed for.
    #[serde(skip)]
    ln_n: (u64, f64),
}

/// `ln(x)` for small integers, computed once (idf is on the hot path).
fn ln_int(x: u64) -> f64 {
    const N: usize = 1 << 14;
    static TABLE: std::sync::OnceLock<Vec<f64>> = std::sync::OnceLock::new();
    let t = TABLE.get_or_init(|| (0..N).map(|i| (i.max(1) as f64).ln()).collect());
    match t.get(x as usize) {
        Some(v) => *v,
        None => (x as f64).ln(),
    }
}

impl DocFreq {
    /// Frequencies from a saved state.
    pub fn from_parts(n_docs: u64, df: KeyMap<u32>) -> DocFreq {
        DocFreq {
            n_docs,
            df,
            ln_n: (n_docs, ((n_docs + 1) as f64).ln()),
        }
    }

    /// Counts one document's distinct keys.
    pub fn add(&mut self, counts: &Sparse) {
        self.n_docs += 1;
        self.ln_n = (self.n_docs, ((self.n_docs + 1) as f64).ln());
        for (k, _) in counts {
            *self.df.entry(*k).or_insert(0) += 1;
        }
    }

    /// Smoothed inverse document frequency (≥ 1).
    pub fn idf(&self, k: u64) -> f32 {
        self.idf_of(self.df.get(&k).copied().unwrap_or(0))
    }

    /// Smoothed inverse document frequency of a key seen in `df` documents.
    pub fn idf_of(&self, df: u32) -> f32 {
        let ln_n = if self.ln_n.0 == self.n_docs && self.n_docs > 0 {
            self.ln_n.1
        } else {
            ((self.n_docs + 1) as f64).ln()
        };
        (ln_n - ln_int(df as u64 + 1) + 1.0) as f32
    }
}

/// `(key, weight)` pairs serialised as a list sorted by key (deterministic
/// bytes whatever the hash map's order).
pub mod sorted_map {
    use super::KeyMap;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(m: &KeyMap<u32>, s: S) -> Result<S::Ok, S::Error> {
        let mut v: Vec<(u64, u32)> = m.iter().map(|(k, v)| (*k, *v)).collect();
        v.sort_unstable();
        v.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<KeyMap<u32>, D::Error> {
        let v: Vec<(u64, u32)> = Vec::deserialize(d)?;
        Ok(v.into_iter().collect())
    }
}

/// Sublinear term weights `1 + ln(tf)` normalised to unit length within
/// each kind, so that a long article does not outweigh a short one.
pub fn doc_weights(counts: &Sparse) -> Sparse {
    let mut out: Sparse = counts
        .iter()
        .map(|(k, c)| (*k, 1.0 + c.max(1.0).ln()))
        .collect();
    let mut norms = [0f32; 4];
    for (k, w) in &out {
        norms[kind_of(*k) as usize] += w * w;
    }
    for (k, w) in &mut out {
        let n = norms[kind_of(*k) as usize].sqrt();
        if n > 0.0 {
            *w /= n;
        }
    }
    out
}

/// Adds `b` into `a` (both sorted).
pub fn add_into(a: &mut Sparse, b: &Sparse, scale: f32) {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if j >= b.len() || (i < a.len() && a[i].0 < b[j].0) {
            out.push(a[i]);
            i += 1;
        } else if i >= a.len() || b[j].0 < a[i].0 {
            out.push((b[j].0, b[j].1 * scale));
            j += 1;
        } else {
            out.push((a[i].0, a[i].1 + b[j].1 * scale));
            i += 1;
            j += 1;
        }
    }
    *a = out;
}

/// Keeps the `keep` heaviest keys of each kind (weights times idf), sorted
/// by key again. Ties broken by key, so the result is deterministic.
pub fn prune(v: &mut Sparse, keep: usize, df: &DocFreq) {
    if v.len() <= keep {
        return;
    }
    let mut by: Vec<(usize, f32, u64)> = v
        .iter()
        .map(|(k, w)| (kind_of(*k) as usize, w * df.idf(*k), *k))
        .collect();
    by.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(&b.2)));
    let mut kept: Vec<u64> = Vec::with_capacity(keep * 2);
    let mut count = [0usize; 4];
    for (kind, _, k) in by {
        if count[kind] < keep {
            count[kind] += 1;
            kept.push(k);
        }
    }
    kept.sort_unstable();
    v.retain(|(k, _)| kept.binary_search(k).is_ok());
}

/// Cosine similarity of `a` and `b` restricted to the keys of kind `kind`
/// (numbers count with entities at half weight when `kind` is `Entity`),
/// with idf weighting. 0 when either side is empty.
pub fn cosine(a: &Sparse, b: &Sparse, kind: Kind, df: &DocFreq) -> f32 {
    let w = |k: u64| -> f32 {
        let kk = kind_of(k);
        if kk == kind {
            1.0
        } else if kind == Kind::Entity && kk == Kind::Number {
            0.5
        } else {
            0.0
        }
    };
    // The dot product first: without a shared key the cosine is 0 and
    // the norms (an idf per key) are not needed.
    let mut dot = 0f64;
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let k = a[i].0;
                let f = w(k);
                if f > 0.0 {
                    let idf = df.idf(k) as f64 * f as f64;
                    dot += a[i].1 as f64 * b[j].1 as f64 * idf * idf;
                }
                i += 1;
                j += 1;
            }
        }
    }
    if dot == 0.0 {
        return 0.0;
    }
    let (mut na, mut nb) = (0f64, 0f64);
    for (k, x) in a {
        let f = w(*k);
        if f > 0.0 {
            let v = (x * f * df.idf(*k)) as f64;
            na += v * v;
        }
    }
    for (k, y) in b {
        let f = w(*k);
        if f > 0.0 {
            let v = (y * f * df.idf(*k)) as f64;
            nb += v * v;
        }
    }
    if na == 0.0 || nb == 0.0 {
        return 0.0;
    }
    (dot / (na.sqrt() * nb.sqrt())) as f32
}

/// Squared norms of `v` per kind (indexed by `Kind as usize`), each
/// weight times its key's idf.
pub fn kind_norms(v: &Sparse, df: &DocFreq) -> [f64; 4] {
    let mut n = [0f64; 4];
    for (k, w) in v {
        let x = (w * df.idf(*k)) as f64;
        n[kind_of(*k) as usize] += x * x;
    }
    n
}

/// Dot products per kind (indexed by `Kind as usize`) of `a` and `b`
/// weighted by the square of each shared key's idf; `a` carries the idf of
/// each of its keys as its third field.
pub fn kind_dots(a: &[(u64, f32, f32)], b: &Sparse) -> [f64; 4] {
    let mut d = [0f64; 4];
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let idf = a[i].2 as f64;
                d[kind_of(a[i].0) as usize] += a[i].1 as f64 * b[j].1 as f64 * idf * idf;
                i += 1;
                j += 1;
            }
        }
    }
    d
}

/// The cosine of `kind` from per-kind dot products and squared norms, as
/// `cosine` computes it (numbers count with entities at half weight).
pub fn kind_cosine(dots: &[f64; 4], na: &[f64; 4], nb: &[f64; 4], kind: Kind) -> f32 {
    let (dot, a, b) = if kind == Kind::Entity {
        let (e, n) = (Kind::Entity as usize, Kind::Number as usize);
        (
            dots[e] + 0.25 * dots[n],
            na[e] + 0.25 * na[n],
            nb[e] + 0.25 * nb[n],
        )
    } else {
        let i = kind as usize;
        (dots[i], na[i], nb[i])
    };
    if dot == 0.0 || a == 0.0 || b == 0.0 {
        return 0.0;
    }
    (dot / (a.sqrt() * b.sqrt())) as f32
}

/// Keys present in both vectors.
pub fn shared_keys(a: &Sparse, b: &Sparse) -> Vec<u64> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i].0);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::key;

    #[test]
    fn cosine_basics() {
        let df = DocFreq::default();
        let a = doc_weights(
            &vec![(key(Kind::Term, "x"), 1.0), (key(Kind::Term, "y"), 2.0)]
                .into_iter()
                .collect::<std::collections::BTreeMap<_, _>>()
                .into_iter()
                .collect(),
        );
        let c = cosine(&a, &a, Kind::Term, &df);
        assert!((c - 1.0).abs() < 1e-5);
        assert_eq!(cosine(&a, &a, Kind::Entity, &df), 0.0);
        let mut s = a.clone();
        add_into(&mut s, &a, 1.0);
        assert_eq!(s.len(), a.len());
        assert!((s[0].1 - 2.0 * a[0].1).abs() < 1e-6);
    }
}
