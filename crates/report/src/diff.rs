//! Word-level diff of two passages, of bounded cost, for the side-by-side view.
//!
//! Texts are split into tokens (a word with the whitespace after it; words
//! are compared without their whitespace). The diff trims the common prefix
//! and suffix, runs an exact LCS table on small middles and, on large ones,
//! anchors on words unique to both sides (patience diff) and recurses into the
//! gaps. A work budget bounds the total cost: past it, or past a recursion
//! depth, a remaining gap is reported as a plain replacement.

use std::collections::HashMap;

/// What a segment of the diff is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// The same words on both sides.
    Equal,
    /// Only on the left (deleted, or the left half of a substitution).
    Delete,
    /// Only on the right (inserted, or the right half of a substitution).
    Insert,
}

/// A run of tokens with the same [`Op`]. `left` and `right` are the exact
/// text of each side (empty on the side that does not have it); for `Equal`
/// they differ only in whitespace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub op: Op,
    pub left: String,
    pub right: String,
}

/// Bounds on the diff's work.
#[derive(Debug, Clone, Copy)]
pub struct DiffLimits {
    /// Largest `n * m` solved with an exact LCS table.
    pub max_table_cells: usize,
    /// Total work units (table cells plus tokens scanned) for one diff.
    pub budget: usize,
    /// Deepest recursion of the patience step.
    pub max_depth: usize,
}

impl Default for DiffLimits {
    fn default() -> Self {
        DiffLimits {
            max_table_cells: 250_000,
            budget: 2_000_000,
            max_depth: 48,
        }
    }
}

struct Tok<'a> {
    key: &'a str,
    raw: &'a str,
}

fn tokenize(s: &str) -> Vec<Tok<'_>> {
    let mut toks = Vec::new();
    let mut start = 0;
    let mut in_ws = true; // a leading whitespace run is its own token, with key ""
    let mut word_end = 0;
    for (i, c) in s.char_indices() {
        let ws = c.is_whitespace();
        if ws && !in_ws {
            word_end = i;
            in_ws = true;
        } else if !ws && in_ws {
            if i > 0 {
                let key_end = if word_end > start { word_end } else { start };
                toks.push(Tok {
                    key: &s[start..key_end],
                    raw: &s[start..i],
                });
            }
            start = i;
            in_ws = false;
        }
    }
    if !s.is_empty() {
        let key_end = if in_ws { word_end.max(start) } else { s.len() };
        toks.push(Tok {
            key: &s[start..key_end],
            raw: &s[start..],
        });
    }
    toks
}

struct Differ<'a, 'b> {
    a: &'b [Tok<'a>],
    b: &'b [Tok<'a>],
    limits: DiffLimits,
    spent: usize,
    ops: Vec<(Op, usize, usize)>, // (op, index in a, index in b)
}

impl Differ<'_, '_> {
    fn emit_replace(&mut self, a0: usize, a1: usize, b0: usize, b1: usize) {
        for i in a0..a1 {
            self.ops.push((Op::Delete, i, 0));
        }
        for j in b0..b1 {
            self.ops.push((Op::Insert, 0, j));
        }
    }

    fn solve(&mut self, mut a0: usize, mut a1: usize, mut b0: usize, mut b1: usize, depth: usize) {
        let start = self.ops.len();
        while a0 < a1 && b0 < b1 && self.a[a0].key == self.b[b0].key {
            self.ops.push((Op::Equal, a0, b0));
            a0 += 1;
            b0 += 1;
        }
        let mut suffix = 0;
        while a0 < a1 && b0 < b1 && self.a[a1 - 1].key == self.b[b1 - 1].key {
            a1 -= 1;
            b1 -= 1;
            suffix += 1;
        }
        let _ = start;
        let (n, m) = (a1 - a0, b1 - b0);
        self.spent = self.spent.saturating_add(n + m);
        if n == 0 || m == 0 {
            self.emit_replace(a0, a1, b0, b1);
        } else if n.saturating_mul(m) <= self.limits.max_table_cells
            && self.spent.saturating_add(n * m) <= self.limits.budget
        {
            self.spent += n * m;
            self.lcs(a0, a1, b0, b1);
        } else if depth >= self.limits.max_depth || self.spent >= self.limits.budget {
            self.emit_replace(a0, a1, b0, b1);
        } else {
            self.patience(a0, a1, b0, b1, depth);
        }
        for k in 0..suffix {
            self.ops.push((Op::Equal, a1 + k, b1 + k));
        }
    }

    fn lcs(&mut self, a0: usize, a1: usize, b0: usize, b1: usize) {
        let (n, m) = (a1 - a0, b1 - b0);
        let w = m + 1;
        // table[i][j] = LCS length of a[a0+i..a1] and b[b0+j..b1]
        let mut t = vec![0u32; (n + 1) * w];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                t[i * w + j] = if self.a[a0 + i].key == self.b[b0 + j].key {
                    t[(i + 1) * w + j + 1] + 1
                } else {
                    t[(i + 1) * w + j].max(t[i * w + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n && j < m {
            if self.a[a0 + i].key == self.b[b0 + j].key {
                self.ops.push((Op::Equal, a0 + i, b0 + j));
                i += 1;
                j += 1;
            } else if t[(i + 1) * w + j] >= t[i * w + j + 1] {
                self.ops.push((Op::Delete, a0 + i, 0));
                i += 1;
            } else {
                self.ops.push((Op::Insert, 0, b0 + j));
                j += 1;
            }
        }
        self.emit_replace(a0 + i, a1, b0 + j, b1);
    }

    fn patience(&mut self, a0: usize, a1: usize, b0: usize, b1: usize, depth: usize) {
        // key -> (count in a, count in b, last position in a, last position in b)
        let mut seen: HashMap<&str, (u32, u32, usize, usize)> = HashMap::new();
        for i in a0..a1 {
            let e = seen.entry(self.a[i].key).or_insert((0, 0, 0, 0));
            e.0 += 1;
            e.2 = i;
        }
        for j in b0..b1 {
            if let Some(e) = seen.get_mut(self.b[j].key) {
                e.1 += 1;
                e.3 = j;
            }
        }
        let mut pairs: Vec<(usize, usize)> = seen
            .values()
            .filter(|e| e.0 == 1 && e.1 == 1)
            .map(|e| (e.2, e.3))
            .collect();
        pairs.sort_unstable();
        let anchors = longest_increasing(&pairs);
        if anchors.is_empty() {
            self.emit_replace(a0, a1, b0, b1);
            return;
        }
        let (mut pa, mut pb) = (a0, b0);
        for (ia, ib) in anchors {
            self.solve(pa, ia, pb, ib, depth + 1);
            self.ops.push((Op::Equal, ia, ib));
            pa = ia + 1;
            pb = ib + 1;
        }
        self.solve(pa, a1, pb, b1, depth + 1);
    }
}

/// Longest chain of pairs increasing in both coordinates (input sorted by the
/// first), by patience sorting on the second.
fn longest_increasing(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut tails: Vec<usize> = Vec::new(); // index into pairs of the tail of each length
    let mut prev: Vec<Option<usize>> = vec![None; pairs.len()];
    for (k, &(_, b)) in pairs.iter().enumerate() {
        let pos = tails.partition_point(|&t| pairs[t].1 < b);
        if pos > 0 {
            prev[k] = Some(tails[pos - 1]);
        }
        if pos == tails.len() {
            tails.push(k);
        } else {
            tails[pos] = k;
        }
    }
    let mut out = Vec::with_capacity(tails.len());
    let mut cur = tails.last().copied();
    while let Some(k) = cur {
        out.push(pairs[k]);
        cur = prev[k];
    }
    out.reverse();
    out
}

/// Word diff of `left` and `right`. Concatenating the `left` strings of the
/// segments gives `left` back exactly, and likewise for `right`.
pub fn word_diff(left: &str, right: &str, limits: DiffLimits) -> Vec<Segment> {
    let a = tokenize(left);
    let b = tokenize(right);
    let mut d = Differ {
        a: &a,
        b: &b,
        limits,
        spent: 0,
        ops: Vec::with_capacity(a.len().max(b.len())),
    };
    d.solve(0, a.len(), 0, b.len(), 0);
    let ops = d.ops;
    let mut segs: Vec<Segment> = Vec::new();
    for (op, i, j) in ops {
        let (l, r) = match op {
            Op::Equal => (a[i].raw, b[j].raw),
            Op::Delete => (a[i].raw, ""),
            Op::Insert => ("", b[j].raw),
        };
        match segs.last_mut() {
            Some(s) if s.op == op => {
                s.left.push_str(l);
                s.right.push_str(r);
            }
            _ => segs.push(Segment {
                op,
                left: l.to_string(),
                right: r.to_string(),
            }),
        }
    }
    segs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sides(segs: &[Segment]) -> (String, String) {
        (
            segs.iter().map(|s| s.left.as_str()).collect(),
            segs.iter().map(|s| s.right.as_str()).collect(),
        )
    }

    fn show(segs: &[Segment]) -> String {
        segs.iter()
            .map(|s| match s.op {
                Op::Equal => s.left.clone(),
                Op::Delete => format!("[-{}-]", s.left.trim_end()),
                Op::Insert => format!("{{+{}+}}", s.right.trim_end()),
            })
            .collect()
    }

    #[test]
    fn substitution_insertion_deletion() {
        let a = "les combattants de Daech* ont été évacués par hélicoptère";
        let b = "les combattants de Daech ont été très vite évacués";
        let d = word_diff(a, b, DiffLimits::default());
        assert_eq!(sides(&d), (a.to_string(), b.to_string()));
        assert_eq!(
            show(&d),
            "les combattants de [-Daech*-]{+Daech+}ont été {+très vite+}évacués [-par hélicoptère-]"
        );
    }

    #[test]
    fn identical_and_empty() {
        let d = word_diff("  a b  c ", "  a b  c ", DiffLimits::default());
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].op, Op::Equal);
        assert!(word_diff("", "", DiffLimits::default()).is_empty());
        let d = word_diff("", "x y", DiffLimits::default());
        assert_eq!(
            d,
            vec![Segment {
                op: Op::Insert,
                left: String::new(),
                right: "x y".into()
            }]
        );
        let d = word_diff("x  y", "", DiffLimits::default());
        assert_eq!(sides(&d), ("x  y".to_string(), String::new()));
    }

    #[test]
    fn whitespace_only_differences_are_equal() {
        let d = word_diff("a  b\nc", "a b c", DiffLimits::default());
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].op, Op::Equal);
        assert_eq!(d[0].left, "a  b\nc");
        assert_eq!(d[0].right, "a b c");
    }

    #[test]
    fn large_inputs_use_anchors_and_stay_exact() {
        // 6,000 distinct words on each side with edits: too big for one table.
        let a: Vec<String> = (0..6000).map(|i| format!("w{i}")).collect();
        let mut b = a.clone();
        b[10] = "changed".into();
        b.remove(3000);
        b.insert(5000, "added".into());
        let (a, b) = (a.join(" "), b.join(" "));
        let limits = DiffLimits::default();
        let d = word_diff(&a, &b, limits);
        assert_eq!(sides(&d), (a.clone(), b.clone()));
        let changed: usize = d.iter().filter(|s| s.op != Op::Equal).count();
        assert_eq!(
            changed,
            4,
            "{:?}",
            d.iter().filter(|s| s.op != Op::Equal).collect::<Vec<_>>()
        );
    }

    #[test]
    fn pathological_inputs_are_bounded() {
        // The same word repeated: no unique anchors; the middle is replaced.
        let a = "x ".repeat(30_000);
        let b = format!("y {}", "x ".repeat(29_000));
        let t = std::time::Instant::now();
        let d = word_diff(&a, &b, DiffLimits::default());
        assert!(t.elapsed().as_secs() < 5);
        assert_eq!(sides(&d), (a, b));
        // Two unrelated texts of distinct words.
        let a: String = (0..20_000).map(|i| format!("a{i} ")).collect();
        let b: String = (0..20_000).map(|i| format!("b{i} ")).collect();
        let d = word_diff(&a, &b, DiffLimits::default());
        assert_eq!(sides(&d), (a, b));
    }

    #[test]
    fn unicode_and_odd_whitespace() {
        let a = "\u{a0}« Nous avions »\u{2028}é\tü";
        let b = "« Nous n'avions »\u{2029}é ü";
        let d = word_diff(a, b, DiffLimits::default());
        assert_eq!(sides(&d), (a.to_string(), b.to_string()));
    }
}
